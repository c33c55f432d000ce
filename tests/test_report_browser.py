"""The report in a real browser: injected names run nothing, the map still works, nothing leaves the machine.

Needs Chromium (``/usr/bin/chromium`` or ``NETANALYSIS_CHROMIUM``) and playwright; skipped otherwise.
"""

import os
import shutil

import networkx as nx
import pytest

import netanalysis as na
from netanalysis import report as rep

pytestmark = pytest.mark.browser

CHROMIUM = (os.environ.get("NETANALYSIS_CHROMIUM") or shutil.which("chromium")
            or shutil.which("chromium-browser") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None))
PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    '"><script>alert(2)</script>',
    "</iframe><script>alert(3)</script>",
    "<svg onload=alert(4)>",
    '<a href="javascript:alert(5)">click</a>',
    "' onmouseover='alert(6)",
    "<link rel=stylesheet href=https://evil.example/x.css>",
]


def _hostile_graph():
    G = nx.Graph(ego="me", as_of="2024-06-01")
    G.add_node("me", name=PAYLOADS[2], company="Acme", position=PAYLOADS[3], ego=True)
    people = [f"p{i:02d}" for i in range(12)]
    for i, p in enumerate(people):
        G.add_node(p, name=PAYLOADS[i % len(PAYLOADS)] + f" {i}", company=["Acme", PAYLOADS[6], "Initech"][i // 4],
                   position=PAYLOADS[(i + 3) % len(PAYLOADS)], ego=False)
        G.add_edge("me", p, met="in_person" if i % 3 == 0 else "online", evidence="export", sources=["export"],
                   connected_on="2019-01-01", last_contact="2021-01-01" if i % 2 else "2024-05-01", messages=i)
    for block in (people[:4], people[4:8], people[8:]):
        for a in block:
            for b in block:
                if a < b:
                    G.add_edge(a, b, met="unknown", evidence="export", sources=["export"])
    G.add_edge("p03", "p04", met="unknown", evidence="inferred:same_company", sources=["inferred:same_company"],
               confidence=0.3)
    na.tie_strength(G)
    return G


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM:
        pytest.skip("Chromium is not installed")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


def test_hostile_strings_run_nothing_and_nothing_is_requested(browser, tmp_path):
    report = rep.build_report(_hostile_graph(), targets=["Initech"])
    rep.write_report(report, tmp_path)
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    dialogs, requests, violations = [], [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto((tmp_path / "report.html").as_uri())
    frame_element = page.wait_for_selector("iframe.map")
    frame_element.scroll_into_view_if_needed()
    frame = frame_element.content_frame()
    frame.wait_for_selector("canvas", timeout=30000)  # the map's scripts ran under the page's policy
    # Hover and click around so that any injected handler would fire.
    page.mouse.move(300, 300)
    page.mouse.click(400, 400)
    page.wait_for_timeout(800)
    assert dialogs == []
    assert [u for u in requests if not u.startswith(("file:", "data:", "about:", "blob:"))] == []
    assert violations == []  # nothing was even attempted and blocked
    assert page.evaluate("document.scripts.length") == 0
    assert frame.evaluate("typeof vis") == "object"
    # Injected markup shows as text.
    assert PAYLOADS[0] + " 0" in page.inner_text("#headline") or PAYLOADS[0] in page.inner_text("body")
    assert page.evaluate("document.querySelectorAll('img:not([src^=\"data:\"])').length") == 0
    page.close()


def test_phone_layout_fits_the_screen(browser, tmp_path):
    report = rep.build_report(_hostile_graph())
    rep.write_report(report, tmp_path)
    page = browser.new_page(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True)
    page.goto((tmp_path / "report.html").as_uri())
    # Wide tables scroll inside their own box; the page itself never scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('iframe.map')).display") == "none"
    assert page.evaluate("getComputedStyle(document.querySelector('.print-only')).display") == "block"
    page.close()

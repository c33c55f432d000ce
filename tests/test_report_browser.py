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


@pytest.fixture(scope="module")
def cohort_report(tmp_path_factory):
    """The sample cohort's report (eight merged exports, a company target), written once."""
    files = na.sample_files("cohort")
    exports = [na.read_export(p) for p in files["exports"]]
    G = na.build_graph(exports, ties=na.read_ties(files["ties"]), knows=na.read_knows(files["knows"]))
    company = sorted(d["company"] for n, d in G.nodes(data=True) if d.get("company") and n != G.graph["ego"])[0]
    out = tmp_path_factory.mktemp("cohort-report")
    rep.write_report(rep.build_report(G, exports=exports, targets=[company]), out)
    return out / "report.html"


# Every table's width and its column's width, open disclosures included (a closed one is opened first).
_TABLE_WIDTHS = """() => {
    document.querySelectorAll('details').forEach(d => { d.open = true; });
    return [...document.querySelectorAll('table')].map(t => ({
        section: t.closest('section').id,
        table: Math.round(t.getBoundingClientRect().width),
        column: Math.round(t.closest('section').getBoundingClientRect().width),
    }));
}"""


@pytest.mark.slow
def test_no_report_table_is_wider_than_its_column_at_desktop_width(browser, cohort_report):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(cohort_report.as_uri())
    widths = page.evaluate(_TABLE_WIDTHS)
    page.screenshot(path=str(cohort_report.with_name("report-1280.png")), full_page=True)
    # The sections whose tables were wider than the 960 px column before (#19) are all there.
    assert {"communities", "introductions", "read", "warm-paths"} <= {w["section"] for w in widths}
    assert all(w["column"] == 960 for w in widths)  # main's 62rem less its padding, at 16 px
    assert [w for w in widths if w["table"] > w["column"]] == []
    # Nothing scrolls sideways, and the files read sit behind a closed disclosure until opened.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.reload()
    assert page.evaluate("[...document.querySelectorAll('#read details.table-box')].every(d => !d.open)")
    assert "export" in page.inner_text("#read details.table-box > summary")
    page.close()


def test_brokerage_tables_fit_at_desktop_width(browser, tmp_path):
    # The sample's brokerage is withheld (too little observed): this graph shows the bridges and roles tables.
    rep.write_report(rep.build_report(_hostile_graph()), tmp_path)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((tmp_path / "report.html").as_uri())
    widths = [w for w in page.evaluate(_TABLE_WIDTHS) if w["section"] == "brokerage"]
    assert len(widths) == 2 and [w for w in widths if w["table"] > w["column"]] == []
    assert "representative_gatekeeper" not in page.inner_text("#brokerage")
    page.close()


@pytest.mark.slow
def test_report_reflows_on_a_phone(browser, cohort_report):
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1, is_mobile=True)
    page.goto(cohort_report.as_uri())
    widths = page.evaluate(_TABLE_WIDTHS)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no horizontal scroll
    assert [w for w in widths if w["table"] > w["column"]] == []  # tables reflow, none scrolls in its box
    # Each row is a card whose cells carry their header: "circle: …", "size: …".
    label = page.evaluate("getComputedStyle(document.querySelector('#communities td'), '::before').content")
    assert label.startswith('"') and label.endswith(': "')
    # The sentence saying how to read a table stays under its rows.
    assert page.evaluate("""[...document.querySelectorAll('.table-wrap table')].every(t => {
        const c = t.querySelector('caption'), rows = t.querySelector('tbody');
        return !c || c.getBoundingClientRect().top >= rows.getBoundingClientRect().bottom - 1; })""")
    page.screenshot(path=str(cohort_report.with_name("report-390.png")), full_page=True)
    page.close()


@pytest.mark.slow
@pytest.mark.parametrize("width, height", [(1280, 800), (390, 844)])
def test_the_map_in_the_report_fits_its_frame_with_names_apart(browser, cohort_report, width, height):
    from map_labels import drawn_names, overlaps

    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(cohort_report.as_uri())
    page.locator("iframe.map").scroll_into_view_if_needed()
    frame = page.frames[1]
    frame.wait_for_function("() => document.body.getAttribute('data-drawn') === '1'", timeout=30000)
    # The whole map area under the controls is inside the frame (the controls wrap on a phone).
    bottom, room = frame.evaluate("[document.getElementById('map').getBoundingClientRect().bottom, window.innerHeight]")
    assert bottom <= room + 1
    names = drawn_names(frame)
    keys = [n for n in names if n["key"]]
    assert len(keys) >= (6 if width > 1000 else 4) and all(n["inside"] for n in keys)
    assert "Sarah-Maude Thibault" in [n["label"] for n in keys]
    assert overlaps(names) == []
    page.close()

"""The hostile export in a real browser: the map and the report run nothing, fetch nothing, show text.

The export from :mod:`test_hostile_pipeline` (payloads in every name, company, position, message,
invitation, headline, ties.csv and knows.csv note) goes through the command line into a map and a
report, which headless Chromium opens with every request routed and recorded. No dialog may fire,
no console error (a Content-Security-Policy violation is one), no request may leave the machine,
and the payloads must be readable as text.

Needs Chromium (``/usr/bin/chromium``, ``chromium`` on the PATH, or ``NETANALYSIS_CHROMIUM``) and
playwright; skipped with a message otherwise.
"""

import os
import shutil

import pytest
from test_hostile_pipeline import CONTACT_NAMES, PAYLOADS, hostile_files

import netanalysis as na
from netanalysis.cli import main
from netanalysis.report import build_report, write_report

pytestmark = [pytest.mark.browser, pytest.mark.hostile]

CHROMIUM = (os.environ.get("NETANALYSIS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
            or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
# Elements a payload would bring if it were parsed as markup.
INJECTED = "img:not([src^='data:']), svg, textarea, iframe:not(.map), a[href^='javascript'], [onerror], [onload]"


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Chromium not found: install it (apt-get install -y chromium) or set NETANALYSIS_CHROMIUM")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright not installed: run 'pip install playwright' to enable browser tests")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile_browser")
    made = hostile_files(root / "input")
    made["root"] = root
    made["args"] = [str(made["export"]), "--ties", str(made["ties"]), "--knows", str(made["knows"]),
                    "--infer", "same_company"]
    return made


def _open(browser, path):
    """Open a local page; record dialogs, console errors and every request other than the page itself."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    seen = {"requests": [], "errors": [], "dialogs": []}
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("request", lambda r: None if r.url == path.as_uri() or r.url.startswith(("data:", "about:"))
            else seen["requests"].append(r.url))

    def route(r):
        if r.request.url == path.as_uri():
            r.continue_()
        else:
            seen["requests"].append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    return page, seen


def _poke(page, frame=None):
    """Move over and click around the map so that any injected handler would have its chance."""
    target = frame or page
    for x, y in ((300, 300), (500, 400), (700, 500), (400, 600), (600, 250)):
        page.mouse.move(x, y)
        page.wait_for_timeout(60)
    page.mouse.click(500, 450)
    page.mouse.dblclick(450, 420)
    target.evaluate("() => window.netanalysisMap && window.netanalysisMap.network.fit()")
    page.wait_for_timeout(300)


def test_map_of_the_hostile_export(browser, files, tmp_path, capsys):
    path = tmp_path / "map.html"
    assert main(["map", *files["args"], "-o", str(path), "--title", PAYLOADS[4]]) == 0
    capsys.readouterr()
    page, seen = _open(browser, path)
    try:
        page.wait_for_function("() => document.body.getAttribute('data-drawn') === '1'", timeout=30000)
        # Every payload is a label (text on the canvas), none became an element.
        labels = page.evaluate("window.netanalysisMap.nodes.get().map(n => n.label.replace(/\\u200d/g, ''))")
        for name in CONTACT_NAMES:
            assert name.replace("\t", "") in [label.replace("\t", "") for label in labels]
        assert page.evaluate(f"document.querySelectorAll({INJECTED!r}).length") == 0
        assert PAYLOADS[4] in page.inner_text("h1")
        # The hover card of the <img onerror> contact is plain text.
        node_id = page.evaluate(
            f"window.netanalysisMap.nodes.get().find(n => n.label === {CONTACT_NAMES[1]!r}).id")
        # Nodes of one circle overlap at this size: hide the others so the hover lands on this one.
        page.evaluate(f"(() => {{ const m = window.netanalysisMap; m.nodes.update(m.nodes.get()"
                      f".filter(n => n.id !== {node_id}).map(n => ({{id: n.id, hidden: true}}))); }})()")
        xy = page.evaluate(
            f"(() => {{ const n = window.netanalysisMap.network; n.focus({node_id}, {{scale: 5, animation: false}});"
            f" const p = n.canvasToDOM(n.getPosition({node_id}));"
            " const r = document.getElementById('map').getBoundingClientRect(); return [p.x + r.left, p.y + r.top]; })()")
        page.mouse.move(xy[0], xy[1])
        page.wait_for_function("() => { const t = document.querySelector('div.vis-tooltip');"
                               " return t && t.style.visibility !== 'hidden'; }", timeout=10000)
        tooltip = page.evaluate("document.querySelector('div.vis-tooltip').innerText")
        assert CONTACT_NAMES[1] in tooltip
        assert set(page.evaluate("[...document.querySelector('div.vis-tooltip').children].map(c => c.tagName)")) <= {"BR"}
        page.select_option("#community", "all")
        # Searching for markup finds people by their text.
        page.fill("#search", "<img src=x")
        assert page.inner_text("#status").endswith(("match", "matches")) and not page.inner_text("#status").startswith("0")
        # The legend and the circle menu hold the company payloads as text.
        menu = page.inner_text("#community") + page.inner_text("#legend")
        assert "<" in menu or "circle" in menu
        _poke(page)
        assert page.evaluate(f"document.querySelectorAll({INJECTED!r}).length") == 0
        assert seen == {"requests": [], "errors": [], "dialogs": []}
    finally:
        page.close()


def test_report_of_the_hostile_export(browser, files, tmp_path, capsys):
    out = tmp_path / "report"
    G = na.build_graph([na.read_export(files["export"])], ties=na.read_ties(files["ties"]),
                       knows=na.read_knows(files["knows"]), infer=("same_company",))
    export = na.read_export(files["export"])
    write_report(build_report(G, exports=[export], targets=[PAYLOADS[6], CONTACT_NAMES[1]]), out)
    path = out / "report.html"
    page, seen = _open(browser, path)
    try:
        frame_element = page.wait_for_selector("iframe.map")
        frame_element.scroll_into_view_if_needed()
        frame = frame_element.content_frame()
        frame.wait_for_function("() => document.body.getAttribute('data-drawn') === '1'", timeout=30000)
        text = page.inner_text("body")
        for payload in (PAYLOADS[0], PAYLOADS[1], PAYLOADS[3], PAYLOADS[12], PAYLOADS[13]):
            assert payload in text, payload
        assert "Owen <b>Hostile</b>" in page.inner_text("h1")
        assert page.evaluate(f"document.querySelectorAll({INJECTED!r}).length") == 0
        assert frame.evaluate(f"document.querySelectorAll({INJECTED!r}).length") == 0
        assert page.evaluate("document.scripts.length") == 0  # the page itself runs nothing
        page.mouse.wheel(0, 600)
        _poke(page, frame)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_timeout(200)
        assert seen == {"requests": [], "errors": [], "dialogs": []}
    finally:
        page.close()

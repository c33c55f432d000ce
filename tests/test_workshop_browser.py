"""The workshop page in a real browser: it draws, its map runs, nothing is requested, nothing complains.

Needs Chromium (``/usr/bin/chromium`` or ``NETANALYSIS_CHROMIUM``) and playwright; skipped otherwise.
Screenshots at 1280 and 390 pixels wide are written into the test's folder (and into
``NETANALYSIS_SCREENSHOTS`` when that names a folder, to look at them).
"""

import os
import shutil
from pathlib import Path

import pytest

from netanalysis import workshop as ws

pytestmark = pytest.mark.browser

CHROMIUM = (os.environ.get("NETANALYSIS_CHROMIUM") or shutil.which("chromium")
            or shutil.which("chromium-browser") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None))
LOCAL = ("file:", "data:", "about:", "blob:")


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM:
        pytest.skip("Chromium is not installed")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def page_file(tmp_path_factory):
    """The anonymised workshop of ten overlapping exports (each with its ties.csv), written by the synth API."""
    from netanalysis.synth import sample_world, write_export, write_ties_file

    root = tmp_path_factory.mktemp("ten")
    world = sample_world(seed=7)
    exports = [write_export(world, i, root / o["label"]) for i, o in enumerate(world.owners)]
    ties = []
    for i, o in enumerate(world.owners):
        write_ties_file(world, i, root / f"ties-{o['label']}.csv")
        ties.append(root / f"ties-{o['label']}.csv")
    w = ws.build_workshop(exports, ties=ties, anonymize=True, salt="a workshop salt")
    assert len(w.table) == 10
    ws.write_workshop(w, root / "workshop")
    return root / "workshop" / ws.WORKSHOP_FILE


def _open(browser, path, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    seen = {"requests": [], "errors": [], "console": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("console", lambda m: seen["console"].append(f"{m.type}: {m.text}") if m.type in ("error", "warning")
            else None)
    page.goto(path.as_uri())
    frame_element = page.wait_for_selector("iframe.map")
    frame_element.scroll_into_view_if_needed()
    frame_element.content_frame().wait_for_selector("canvas", timeout=30000)  # the map's scripts ran
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(500)
    return page, seen


@pytest.mark.parametrize("width", [1280, 390])
def test_the_page_draws_offline_without_a_complaint(browser, page_file, width, tmp_path):
    page, seen = _open(browser, page_file, width)
    try:
        assert [u for u in seen["requests"] if not u.startswith(LOCAL)] == []
        assert seen["errors"] == [] and seen["console"] == []  # no error, no blocked attempt (CSP says so here)
        images = page.evaluate("[...document.images].map(i => [i.naturalWidth, i.complete])")
        assert len(images) == 4 and all(w >= 1280 and done for w, done in images)
        # Nothing wider than the screen: tables wrap, figures shrink.
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
        headings = page.evaluate("[...document.querySelectorAll('h2')].map(h => h.textContent)")
        assert headings[:2] == ["The verdict", "Size against strength"] and "The cohort's merged network" in headings
        shot = tmp_path / f"workshop-{width}.png"
        page.screenshot(path=str(shot), full_page=False)
        assert shot.stat().st_size > 10_000
        keep = os.environ.get("NETANALYSIS_SCREENSHOTS")
        if keep and Path(keep).is_dir():
            shutil.copy(shot, Path(keep) / shot.name)
            page.screenshot(path=str(Path(keep) / f"workshop-{width}-full.png"), full_page=True)
    finally:
        page.close()

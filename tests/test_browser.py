"""The interactive map in a real browser: headless Chromium, every network request blocked.

Enable with ``apt-get install -y chromium`` (or set ``NETANALYSIS_CHROMIUM`` to a Chromium binary)
and ``pip install playwright``; the test is skipped otherwise.
"""

import os
import shutil

import networkx as nx
import pytest
from map_labels import covered_dots, drawn_names, overlaps

import netanalysis as na

pytestmark = pytest.mark.browser

EVIL = "<img src=x onerror=alert(1)>"
CHROMIUM = os.environ.get("NETANALYSIS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def _world():
    G = nx.Graph(ego="me")
    G.add_node("me", name="Me Myself", ego=True)
    people = [f"p{i:02d}" for i in range(12)]
    for i, p in enumerate(people):
        G.add_node(p, name=f"Person {i}", company=["Acme", "Globex", "Initech"][i // 4], position="Engineer")
        G.add_edge("me", p, met="in_person" if i % 3 == 0 else "online", evidence="export", strength=0.2 + i / 20)
    G.nodes["p05"]["name"] = EVIL
    G.nodes["p06"]["position"] = '<a href="javascript:alert(2)">x</a>'
    for block in (people[:4], people[4:8], people[8:]):
        for a in block:
            for b in block:
                if a < b:
                    G.add_edge(a, b, met="unknown", evidence="export")
    G.add_edge("p03", "p04", evidence="inferred:same_company", confidence=0.5, met="unknown")
    G.add_node("loner", name="Lone Contact")
    G.add_edge("me", "loner", met="online", evidence="export", strength=0.1)
    return G


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Chromium not found: run 'apt-get install -y chromium' (or set NETANALYSIS_CHROMIUM) to enable browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright not installed: run 'pip install playwright' to enable browser tests")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"],
        )
        yield browser
        browser.close()


def _open(browser, path, *, width=1280, height=720):
    page = browser.new_page(viewport={"width": width, "height": height})
    requests, errors, dialogs = [], [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    def route(r):
        url = r.request.url
        if url.startswith("file://") and url.endswith(path.name):
            r.continue_()
        else:
            requests.append(url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_function("() => document.body.getAttribute('data-drawn') === '1'", timeout=30000)
    return page, requests, errors, dialogs


def test_map_renders_offline_and_escaped(browser, tmp_path):
    G = _world()
    path = tmp_path / "map.html"
    path.write_text(na.network_map(G, title=f"Title {EVIL}"), encoding="utf-8")
    page, requests, errors, dialogs = _open(browser, path)
    try:
        assert page.evaluate("window.netanalysisMap.nodes.length") == G.number_of_nodes()
        assert page.evaluate("window.netanalysisMap.edges.length") == G.number_of_edges()
        assert page.evaluate("document.querySelectorAll('#map canvas').length") == 1
        # The hostile name is data, not markup: no <img> element anywhere, shown as text.
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert EVIL in page.inner_text("h1")
        labels = page.evaluate("window.netanalysisMap.nodes.get().map(n => n.label)")
        assert EVIL in labels
        # Hover card of the hostile node: plain text in the tooltip, no element created.
        node_id = page.evaluate(f"window.netanalysisMap.nodes.get().find(n => n.label === {EVIL!r}).id")
        xy = page.evaluate(
            f"(() => {{ const n = window.netanalysisMap.network; const p = n.canvasToDOM(n.getPosition({node_id}));"
            " const r = document.getElementById('map').getBoundingClientRect(); return [p.x + r.left, p.y + r.top]; })()"
        )
        page.mouse.move(xy[0], xy[1])
        page.wait_for_function("() => document.querySelector('div.vis-tooltip') && "
                               "document.querySelector('div.vis-tooltip').style.visibility !== 'hidden'", timeout=10000)
        tooltip = page.evaluate("document.querySelector('div.vis-tooltip').innerText")
        assert EVIL in tooltip and "Globex" in tooltip
        # innerText turns line breaks into <br>; nothing else may appear.
        tags = page.evaluate("[...document.querySelector('div.vis-tooltip').children].map(c => c.tagName)")
        assert set(tags) <= {"BR"}
        # Search and circle filter work.
        page.fill("#search", "lone")
        assert page.inner_text("#status") == "1 match"
        page.select_option("#community", "0")
        hidden = page.evaluate("window.netanalysisMap.nodes.get().filter(n => n.hidden).length")
        assert hidden == G.number_of_nodes() - 4 - 1
        page.wait_for_timeout(300)
        assert dialogs == []
        assert errors == []
        assert requests == []
    finally:
        page.close()


def test_aggregated_map_renders(browser, tmp_path):
    G = _world()
    path = tmp_path / "agg.html"
    path.write_text(na.network_map(G, max_nodes=5), encoding="utf-8")
    page, requests, errors, dialogs = _open(browser, path)
    try:
        assert page.evaluate("window.netanalysisMap.nodes.length") == 3 + 2  # circles, no-circle node, ego
        assert errors == [] and requests == [] and dialogs == []
    finally:
        page.close()


def test_notebook_iframe_renders(browser, tmp_path):
    G = _world()
    path = tmp_path / "cell.html"
    path.write_text(f"<!DOCTYPE html><html><body>{na.display_map(G).data}</body></html>", encoding="utf-8")
    page = browser.new_page()
    requests, errors, dialogs = [], [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://")
               else (requests.append(r.request.url), r.abort()))
    try:
        page.goto(path.as_uri())
        frame = page.frames[1]
        frame.wait_for_function("() => document.body.getAttribute('data-drawn') === '1'", timeout=30000)
        assert frame.evaluate("window.netanalysisMap.nodes.length") == G.number_of_nodes()
        assert errors == [] and requests == [] and dialogs == []
    finally:
        page.close()


def test_map_names_without_room_appear_with_all_names(browser, tmp_path):
    # Forty contacts laid out on one spot: some names have no room and are drawn at size 0.
    G = nx.Graph(ego="me")
    for i in range(40):
        G.add_edge("me", f"p{i:02d}", strength=i / 40)
        G.nodes[f"p{i:02d}"]["name"] = f"Contact number {i:02d}"
    pos = {n: (0.0, 0.0) for n in G}
    path = tmp_path / "names.html"
    path.write_text(na.network_map(G, pos=pos), encoding="utf-8")
    page, requests, errors, dialogs = _open(browser, path)
    try:
        # (the owner's and the strongest ties' names, "key_name", keep a readable size at every zoom)
        # (names that would cover a larger one at this zoom are left out too, so more than the unnamed)
        sizes = "window.netanalysisMap.nodes.get().filter(n => !n.key_name).map(n => n.font.size)"
        before = page.evaluate(sizes)
        unnamed = sum(1 for n in na.map_data(G, pos=pos)["nodes"] if not n["named"])
        assert 0 < unnamed <= before.count(0) < 40 and set(before) == {0, 14}
        drawn = drawn_names(page)
        assert len(drawn) >= 3 and overlaps(drawn) == []
        page.check("#all-names")
        assert set(page.evaluate(sizes)) == {14}
        page.uncheck("#all-names")
        assert page.evaluate(sizes) == before
        # Every name is still found by the search.
        page.fill("#search", "contact number")
        assert page.inner_text("#status") == "40 matches"
        assert errors == [] and requests == [] and dialogs == []
    finally:
        page.close()


def _colour_distance(a, b):
    """The "redmean" approximation of perceived colour difference (0-255 channels), written out here."""
    (r1, g1, b1), (r2, g2, b2) = ([int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in (a, b))
    mean = (r1 + r2) / 2
    return ((2 + mean / 256) * (r1 - r2) ** 2 + 4 * (g1 - g2) ** 2 + (2 + (255 - mean) / 256) * (b1 - b2) ** 2) ** 0.5


def test_sample_map_opens_with_names_distinct_colours_and_a_search_that_zooms(browser, tmp_path):
    from pathlib import Path

    from netanalysis.cli import main

    cohort = Path(__file__).resolve().parents[1] / "data" / "sample" / "cohort"
    if not cohort.is_dir():
        pytest.skip("the sample data is not installed")
    path = tmp_path / "map.html"
    exports = sorted(str(p) for p in cohort.glob("*/*.zip"))
    assert main(["map", *exports, "--ties", str(cohort / "ties.csv"), "--knows", str(cohort / "knows.csv"),
                 "-o", str(path)]) == 0
    page, requests, errors, dialogs = _open(browser, path, width=1280, height=800)
    try:
        # Every legend swatch of a circle a different colour, none mistaken for another.
        swatches = page.evaluate("[...document.querySelectorAll('#legend .sw')].map(s => s.style.background)")
        hexes = ["#{:02x}{:02x}{:02x}".format(*(int(v) for v in s[s.index("(") + 1:s.index(")")].split(","))) for s in swatches]
        assert len(hexes) == len(set(hexes)) >= 9
        assert min(_colour_distance(a, b) for i, a in enumerate(hexes) for b in hexes[i + 1:]) > 60
        small = page.inner_text("#legend .small-groups")
        assert small.startswith("small groups: 21 circles of fewer than 4 people (52 people)")  # as `communities` lists them
        # At the opening view, the owner's name and the strongest ties' names are drawn at least 12 px high,
        # inside the map, and no name drawn covers another.
        drawn = drawn_names(page)
        keys = [d for d in drawn if d["key"]]
        assert "Sarah-Maude Thibault" in [d["label"] for d in keys]
        assert len(keys) >= 8 and all(d["px"] >= 12 and d["inside"] for d in keys)
        assert overlaps(drawn) == []
        opening = page.evaluate("window.netanalysisMap.network.getScale()")
        assert opening < 0.5  # the whole network fits: a 14 px name would be under 7 px without the above
        # The search centres on the match and zooms in.
        page.fill("#search", "Amélie Houle")
        assert page.inner_text("#status") == "1 match"
        scale, centre = page.evaluate("""(() => { const m = window.netanalysisMap;
            const id = m.nodes.get().find(n => n.label === 'Amélie Houle').id;
            const p = m.network.canvasToDOM(m.network.getPosition(id)); const r = document.getElementById('map').getBoundingClientRect();
            return [m.network.getScale(), [p.x / r.width, p.y / r.height]]; })()""")
        assert scale >= 1.2 > opening and all(abs(c - 0.5) < 0.05 for c in centre)
        found = drawn_names(page)  # the match is named, whatever room her dot had
        assert "Amélie Houle" in [d["label"] for d in found] and overlaps(found) == []
        # Filters: met in person, then my contacts only.
        page.fill("#search", "")
        page.select_option("#met", "in_person")
        shown = page.evaluate("window.netanalysisMap.nodes.get().filter(n => !n.hidden).length")
        met = page.evaluate("window.netanalysisMap.data.nodes.filter(n => n.met === 'in_person').length")
        assert shown == met + 1  # and the owner
        page.select_option("#met", "all")
        page.check("#mine")
        shown = page.evaluate("window.netanalysisMap.nodes.get().filter(n => !n.hidden).length")
        assert shown == 629 + 1  # Sarah-Maude's 629 contacts and herself
        # The PNG button saves the view as drawn.
        with page.expect_download() as download:
            page.click("#save-png")
        saved = download.value.path()
        assert Path(saved).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert errors == [] and requests == [] and dialogs == []
    finally:
        page.close()


def _zoom_in(page, steps):
    """Turn the mouse wheel over the middle of the map, as a person zooms in; the zoom reached."""
    box = page.locator("#map").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(steps):
        page.mouse.wheel(0, -240)
        page.wait_for_timeout(150)
    return page.evaluate("window.netanalysisMap.network.getScale()")


@pytest.mark.parametrize("width, height", [(1280, 800), (390, 844)])
def test_sample_map_names_never_cover_each_other(browser, tmp_path, width, height):
    from pathlib import Path

    from netanalysis.cli import main

    cohort = Path(__file__).resolve().parents[1] / "data" / "sample" / "cohort"
    if not cohort.is_dir():
        pytest.skip("the sample data is not installed")
    path = tmp_path / "map.html"
    exports = sorted(str(p) for p in cohort.glob("*/*.zip"))
    assert main(["map", *exports, "--ties", str(cohort / "ties.csv"), "--knows", str(cohort / "knows.csv"),
                 "-o", str(path)]) == 0
    page, requests, errors, dialogs = _open(browser, path, width=width, height=height)
    try:
        # The opening view: the owner's name and more of the strongest ties' names, each whole
        # inside the map (a name the edge would cut waits for the view to move), none over another.
        drawn = drawn_names(page)
        keys = [d for d in drawn if d["key"]]
        assert "Sarah-Maude Thibault" in [d["label"] for d in keys]
        assert len(keys) >= (8 if width > 1000 else 4)
        assert all(d["inside"] and d["px"] >= 12 for d in keys)
        assert overlaps(drawn) == []
        assert covered_dots(drawn) == []  # each strong tie's name sits under a dot no other name hides
        # Zoomed in step by step until every name with room is drawn (14 px at zoom 0.6 is 8.4 px on
        # screen), the names are placed again at each step: more names, still none over another.
        scale = opening = page.evaluate("window.netanalysisMap.network.getScale()")
        while scale < 0.6:
            scale = _zoom_in(page, 3)
            drawn = drawn_names(page)
            assert overlaps(drawn) == [], scale
        assert scale > 4 * opening and len(drawn) > 2 * len(keys)
        assert errors == [] and requests == [] and dialogs == []
    finally:
        page.close()


def test_the_opening_view_leaves_room_for_the_names_at_its_edges(browser, tmp_path):
    # A star whose outer dots sit at the left and right edges of the fitted view: their names,
    # centred under them, would be cut; the opening view zooms out just enough to show them whole.
    G = nx.Graph(ego="me")
    G.add_node("me", name="Ana Lima")
    names = ["Alexandrine Beauregard", "Tom Baker", "Zoé Tremblay", "Maximilien Desjardins", "Priya Shah", "Sam Lee"]
    for i, name in enumerate(names):
        G.add_edge("me", f"p{i}", strength=0.3 + 0.1 * i)
        G.nodes[f"p{i}"]["name"] = name
    pos = {"me": (0.0, 0.0), "p0": (-1.0, 0.4), "p3": (1.0, -0.4), "p1": (-0.5, 0.8), "p2": (0.5, 0.8),
           "p4": (-0.5, -0.8), "p5": (0.5, -0.8)}
    path = tmp_path / "star.html"
    path.write_text(na.network_map(G, pos=pos), encoding="utf-8")
    page, requests, errors, dialogs = _open(browser, path, width=390, height=844)
    try:
        drawn = drawn_names(page)
        assert sorted(d["label"] for d in drawn) == sorted(["Ana Lima", *names])
        assert all(d["inside"] for d in drawn) and overlaps(drawn) == []
        assert errors == [] and requests == [] and dialogs == []
    finally:
        page.close()

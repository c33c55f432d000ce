"""The interactive and static maps: offline, escaped, faithful to the graph, never mutating it."""

import json
import re

import networkx as nx
import pytest
from shapes import EVIL
from shapes import map_world as world

import netanalysis as na
from netanalysis.errors import InputError
from netanalysis.viz.interactive import _plain, _script_json


def snapshot(G):
    return (json.dumps(nx.node_link_data(G, edges="edges"), sort_keys=True, default=str), dict(G.graph))


def test_no_external_resources_and_a_csp():
    page = na.network_map(world())
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert "<link" not in page
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert "jsdelivr" not in page and "cdnjs" not in page and "bootstrap.min" not in page
    assert '<meta http-equiv="Content-Security-Policy"' in page
    csp = re.search(r'Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src &#x27;none&#x27;" in csp and "connect-src &#x27;none&#x27;" in csp
    assert "unsafe-eval" not in csp and "unsafe-inline" not in csp.split("style-src")[0]


def test_user_strings_are_escaped_everywhere():
    G = world()
    page = na.network_map(G, title=f"My {EVIL}")
    assert "<img" not in page
    assert "</script><script>alert" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page  # the heading, escaped HTML text
    data = json.loads(re.search(r'<script type="application/json" id="map-data">(.*?)</script>', page, re.S).group(1))
    labels = {n["key"]: n["label"] for n in data["nodes"]}
    assert labels["p1"] == EVIL  # the data keeps the text; the browser draws it as text
    titles = " ".join(n["title"] for n in data["nodes"])
    assert "href" not in titles.lower()  # pyvis would switch every popup to innerHTML
    assert "\u200d" in titles


def test_hostile_community_label_in_menu_and_legend():
    G = world()
    for p in ("p4", "p5", "p6", "p7"):
        G.nodes[p]["company"] = EVIL
    page = na.network_map(G)
    assert "<img" not in page
    assert re.search(r"<option value=\"\d+\">\d+: &lt;img", page)


def test_plain_and_script_json():
    assert _plain("see href=x") == "see hr\u200def=x"
    assert _plain("HREF") == "HR\u200dEF"
    assert _plain("a\x00b\nc") == "ab\nc"
    assert _script_json({"a": "</script>&\u2028"}) == '{"a":"\\u003c/script\\u003e\\u0026\\u2028"}'


def test_map_data_matches_the_graph():
    G = world()
    data = na.map_data(G)
    assert len(data["nodes"]) == G.number_of_nodes()
    assert len(data["edges"]) == G.number_of_edges()
    kinds = {(e["from"], e["to"]): e["kind"] for e in data["edges"]}
    ids = {n["key"]: n["id"] for n in data["nodes"]}
    assert kinds[tuple(sorted((ids["p3"], ids["p4"])))] == "inferred"
    inferred = [e for e in data["edges"] if e["kind"] == "inferred"]
    assert all(e["dashes"] == [2, 4] and "inferred" in e["title"] for e in inferred)
    assert kinds[tuple(sorted((ids["me"], ids["p0"])))] == "in_person"
    in_person = next(e for e in data["edges"] if e["kind"] == "in_person")
    online = next(e for e in data["edges"] if e["kind"] == "online")
    assert in_person["dashes"] is False and in_person["width"] > online["width"]
    nodes = {n["key"]: n for n in data["nodes"]}
    assert nodes["me"]["shape"] == "star" and (nodes["me"]["x"], nodes["me"]["y"]) == (0.0, 0.0)
    assert nodes["loner"]["circle"] == -1 and "no ties between contacts" in nodes["loner"]["title"]
    # Node size follows the ego's tie strength.
    assert nodes["p7"]["size"] > nodes["p0"]["size"] > nodes["loner"]["size"]
    assert nodes["p0"]["title"].split("\n")[:3] == ["Person 0", "Acme", "Engineer"]
    assert "your tie: met in person" in nodes["p0"]["title"]


def test_observed_only_map_drops_inferred_ties():
    data = na.map_data(world(), evidence="observed")
    assert all(e["kind"] != "inferred" for e in data["edges"])


def test_deterministic_and_does_not_mutate():
    G = world()
    before = snapshot(G)
    assert na.network_map(G) == na.network_map(G)
    na.plot_network(G)
    na.to_pyvis(G)
    assert snapshot(G) == before


def test_aggregated_view_and_drill_down():
    G = world()
    page = na.network_map(G, max_nodes=5)
    data = json.loads(re.search(r'id="map-data">(.*?)</script>', page, re.S).group(1))
    # Two circles, the loner's "no circle" node and the ego.
    assert sorted(n["id"] for n in data["nodes"]) == [-2, -1, 0, 1]
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes[0]["label"].startswith("0: ") and nodes[-1]["label"] == "no ties between contacts (1)"
    assert "your ties: 4 (2 met in person)" in nodes[0]["title"]
    assert data["edges"][0]["title"].startswith("1 ties between circles")
    ego_edges = [e for e in data["edges"] if e["kind"] == "ego"]
    assert len(ego_edges) == 3
    assert "community=" in page
    part = na.partition(G)
    drill = na.network_map(G, community=part["p0"], max_nodes=5)
    data = json.loads(re.search(r'id="map-data">(.*?)</script>', drill, re.S).group(1))
    assert sorted(n["key"] for n in data["nodes"]) == ["me", "p0", "p1", "p2", "p3"]
    loose = na.network_map(G, community=-1)
    data = json.loads(re.search(r'id="map-data">(.*?)</script>', loose, re.S).group(1))
    assert sorted(n["key"] for n in data["nodes"]) == ["loner", "me"]
    with pytest.raises(InputError, match="no community 9"):
        na.network_map(G, community=9)


def test_to_pyvis_builds_lists_directly():
    G = world()
    net = na.to_pyvis(G)
    assert len(net.nodes) == G.number_of_nodes() and len(net.edges) == G.number_of_edges()
    assert all(n["physics"] is False for n in net.nodes)


def test_display_map_is_an_isolated_iframe():
    out = na.display_map(world())
    assert out.data.startswith("<div><iframe srcdoc=")
    assert 'sandbox="allow-scripts"' in out.data
    assert "<img" not in out.data


def test_layout_is_seeded_and_bounded():
    G = world()
    a = na.network_layout(G, seed=1)
    assert a == na.network_layout(G, seed=1)
    assert a["me"] == (0.0, 0.0)
    assert max(abs(c) for xy in a.values() for c in xy) <= 1.2


def test_community_colors_are_shared():
    part = na.partition(world())
    colors = na.community_colors(part)
    data = na.map_data(world(), partition=part)
    for n in data["nodes"]:
        if n["circle"] >= 0:
            assert n["color"] == colors[n["circle"]]


# --- no dot covers another -----------------------------------------------------------------------


def _overlaps(xy, radii, gap=0.0):
    import numpy as np

    d = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    need = radii[:, None] + radii[None, :] + gap - 1e-6
    np.fill_diagonal(d, np.inf)
    return int((d < need).sum() // 2)


def test_separate_discs_leaves_no_overlap_and_keeps_the_fixed_disc():
    import numpy as np

    from netanalysis.viz.interactive import _separate_discs

    rng = np.random.default_rng(3)
    xy = rng.normal(size=(300, 2)) * 60  # far denser than the dots are wide
    radii = rng.uniform(8, 32, 300)
    xy[0] = (0.0, 0.0)
    assert _overlaps(xy, radii) > 500
    out = _separate_discs(xy, radii, fixed=0, gap=2.0)
    assert _overlaps(out, radii, gap=2.0) == 0
    assert tuple(out[0]) == (0.0, 0.0)
    assert np.array_equal(out, _separate_discs(xy, radii, fixed=0, gap=2.0))  # same input, same answer
    # Discs already apart do not move; two on the same spot are parted, each by the overlap (6)
    # and a quarter pixel.
    apart = np.array([[0.0, 0.0], [100.0, 0.0]])
    assert np.array_equal(_separate_discs(apart, np.array([10.0, 10.0])), apart)
    same = _separate_discs(np.array([[5.0, 5.0], [5.0, 5.0]]), np.array([3.0, 3.0]), gap=0.0)
    assert np.isclose(np.hypot(*(same[1] - same[0])), 12.5) and np.allclose(same.mean(0), (5.0, 5.0))


def test_map_dots_never_cover_each_other_in_a_dense_circle():
    import numpy as np

    from netanalysis.viz.interactive import DOT_GAP, map_data

    # Forty contacts who all know each other: a force layout piles them up in the middle.
    G = nx.Graph(ego="me")
    people = [f"p{i:02d}" for i in range(40)]
    G.add_edges_from(("me", p, {"strength": (i % 7) / 6}) for i, p in enumerate(people))
    G.add_edges_from((a, b) for i, a in enumerate(people) for b in people[i + 1:])
    nodes = map_data(G)["nodes"]
    xy = np.array([(n["x"], n["y"]) for n in nodes])
    radii = np.array([n["size"] for n in nodes])
    assert _overlaps(xy, radii, gap=DOT_GAP - 0.2) == 0  # positions are rounded to 0.1 px
    me = next(n for n in nodes if n["key"] == "me")
    assert (me["x"], me["y"]) == (0.0, 0.0)


# --- a circle larger than the map can draw -------------------------------------------------------


def test_a_circle_above_max_nodes_shows_its_core_and_says_so():
    # One circle: a hub tied to everyone in it, a-b tied to each other too, c d e tied to the hub
    # only. Ties inside: hub 5, a 2, b 2, c d e 1. b's tie to me is stronger than a's.
    G = nx.Graph(ego="me")
    strength = {"hub": 0.2, "a": 0.3, "b": 0.9, "c": 0.5, "d": 0.1, "e": 0.4, "loner": 0.6, "shy": 0.7}
    G.add_edges_from(("me", n, {"strength": s}) for n, s in strength.items())
    G.add_edges_from(("hub", n) for n in "abcde")
    G.add_edge("a", "b")
    part = dict.fromkeys(["hub", "a", "b", "c", "d", "e"], 0)

    def drawn(**options):
        page = na.network_map(G, partition=part, **options)
        data = json.loads(re.search(r'id="map-data">(.*?)</script>', page, re.S).group(1))
        note = re.search(r'<p id="note"[^>]*>(.*?)</p>', page, re.S).group(1)
        return sorted(n["key"] for n in data["nodes"]), note

    keys, note = drawn(community=0, max_nodes=2)
    assert keys == ["b", "hub", "me"]  # b before a: same ties inside, stronger tie to me
    assert note.startswith("Circle 0 only: 6 people. The 2 with the most ties inside it")
    keys, _ = drawn(community=0, max_nodes=4)
    assert keys == ["a", "b", "c", "hub", "me"]  # then c: one tie inside, like d and e, the strongest to me
    # People without a circle: the strongest ties to me first.
    keys, note = drawn(community=-1, max_nodes=1)
    assert keys == ["me", "shy"] and "Only the 2 people with no ties between contacts" in note
    # Within the limit, the whole circle and no such sentence.
    keys, note = drawn(community=0, max_nodes=6)
    assert keys == ["a", "b", "c", "d", "e", "hub", "me"] and "most ties" not in note


# --- names that would cover each other ------------------------------------------------------------


def test_names_are_kept_in_order_where_they_cover_no_kept_name():
    import numpy as np

    from netanalysis.viz.interactive import NAME_CHAR_WIDTH, NAME_HEIGHT, _names_with_room

    assert (NAME_CHAR_WIDTH, NAME_HEIGHT) == (7.5, 17.0)
    # Three dots of radius 5 in a row, 50 px apart; ten-letter names are 75 px wide, centred.
    xy = np.array([[0.0, 0.0], [50.0, 0.0], [100.0, 0.0]])
    radii = np.full(3, 5.0)
    names = ["Abcdefghij"] * 3
    assert _names_with_room(xy, radii, names, [0, 1, 2]) == [True, False, True]  # [-37.5, 37.5], [62.5, 137.5]
    assert _names_with_room(xy, radii, names, [1, 0, 2]) == [False, True, False]  # the middle one covers both
    # One row lower by a name's height: no name meets another.
    lower = xy + np.array([[0.0, 0.0], [0.0, 17.0], [0.0, 0.0]])
    assert _names_with_room(lower, radii, names, [0, 1, 2]) == [True, True, True]
    # A short name fits where a long one does not.
    assert _names_with_room(xy, radii, ["Abcdefghij", "Al", "Abcdefghij"], [0, 1, 2]) == [True, True, True]


def test_the_ego_and_the_strongest_ties_are_named_first():
    from netanalysis.viz.interactive import map_data

    # Forty contacts laid out on one spot: the dots are moved apart until they touch, and their
    # names (15 letters, wider than the dots) cannot all fit. The ego's name and the strongest
    # tie's come first; not every name is kept.
    G = nx.Graph(ego="me")
    people = [f"person-{i:02d}" for i in range(40)]
    G.add_node("me", name="Me, the owner")
    for i, p in enumerate(people):
        G.add_node(p, name=f"Contact number {i:02d}")
        G.add_edge("me", p, strength=i / 40)
    named = {n["key"]: n["named"] for n in map_data(G, pos=dict.fromkeys([*people, "me"], (0.0, 0.0)))["nodes"]}
    assert named["me"] and named["person-39"]
    assert 2 < sum(named.values()) < 41

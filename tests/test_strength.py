"""Tests for netanalysis.strength: numbers worked out by hand and against the references."""

import datetime as dt
import math

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netanalysis.errors import InputError
from netanalysis.strength import (
    DEFAULT_WEIGHTS,
    STRENGTH_FLOOR,
    audience,
    compare,
    dormant_ties,
    dunbar_layers,
    ego_burt,
    keep_in_person,
    network_strength,
    quality_timeline,
    tie_strength,
)

approx = lambda x: pytest.approx(x, abs=1e-3)  # noqa: E731


def borgatti(weighted=False):
    """Borgatti's (1997) 7-node example, as in networkx's test_structuralholes.py."""
    weights = {("A", "B"): 2, ("A", "F"): 3, ("A", "G"): 5, ("A", "E"): 2, ("E", "G"): 8, ("F", "G"): 3,
               ("B", "G"): 4, ("B", "D"): 1, ("D", "G"): 3, ("G", "C"): 10}
    G = nx.Graph()
    for (u, v), w in weights.items():
        G.add_edge(u, v, **({"weight": w} if weighted else {}))
    return G


def star_with_one_tie():
    G = nx.Graph(ego="me")
    G.add_edges_from([("me", "a"), ("me", "b"), ("me", "c"), ("a", "b")])
    return G


# ------------------------------------------------------------------------------- Burt


def test_burt_star_by_hand():
    # p = 1/3 each; a and b are tied (p_ba = 1/2): l(a) = (1/3 + 1/3*1/2)^2 = 1/4, l(c) = 1/9.
    b = ego_burt(star_with_one_tie(), "me", weight=None)
    assert b["size"] == 3 and b["ties_between_contacts"] == 1
    assert b["constraint"] == approx(1 / 4 + 1 / 4 + 1 / 9)
    assert b["effective_size"] == approx(3 - 2 * 1 / 3)  # Borgatti n - 2t/n
    assert b["efficiency"] == approx((3 - 2 / 3) / 3)
    c = 1 / 4 + 1 / 4 + 1 / 9
    r = [0.25 / (c / 3), 0.25 / (c / 3), (1 / 9) / (c / 3)]
    assert b["hierarchy"] == approx(sum(x * math.log(x) for x in r) / (3 * math.log(3)))
    assert b["hierarchy"] == approx(0.0522)


@pytest.mark.parametrize("node, constraint, eff, hierarchy", [
    ("G", 0.400, 4.667, 0.0947), ("A", 0.595, 2.5, 0.1678), ("C", 1.0, 1.0, math.nan),
    ("B", 0.643, 1.667, 0.0737), ("D", 0.785, 1.0, None), ("E", 0.731, 1.0, None), ("F", 0.731, 1.0, None),
])
def test_burt_borgatti_unweighted(node, constraint, eff, hierarchy):
    G = borgatti()
    b = ego_burt(G, node, weight=None)
    assert b["constraint"] == approx(constraint)
    assert b["effective_size"] == approx(eff)
    assert b["constraint"] == approx(nx.constraint(G, nodes=[node])[node])
    assert b["effective_size"] == approx(nx.effective_size(G, nodes=[node])[node])
    if hierarchy is not None:
        if math.isnan(hierarchy):
            assert math.isnan(b["hierarchy"])
        else:
            assert b["hierarchy"] == approx(hierarchy)


def test_burt_borgatti_efficiency():
    G = borgatti()
    assert ego_burt(G, "G", weight=None)["efficiency"] == approx(0.778)
    assert ego_burt(G, "A", weight=None)["efficiency"] == approx(0.625)


@pytest.mark.parametrize("node, constraint, eff", [
    ("G", 0.299, 5.472), ("A", 0.795, 2.475), ("C", 1.0, 1.0), ("B", None, 1.671), ("D", None, 1.15),
    ("E", None, 1.1), ("F", None, 1.25),
])
def test_burt_borgatti_weighted(node, constraint, eff):
    G = borgatti(weighted=True)
    b = ego_burt(G, node, weight="weight")
    if constraint is not None:
        assert b["constraint"] == approx(constraint)
    assert b["effective_size"] == approx(eff)
    # networkx's per-node path (never the nodes=None fast path: science.md §0 item 7)
    assert b["constraint"] == approx(nx.constraint(G, nodes=[node], weight="weight")[node])
    assert b["effective_size"] == approx(nx.effective_size(G, nodes=[node], weight="weight")[node])


def test_burt_matches_networkx_on_random_weighted_graph():
    G = nx.gnm_random_graph(40, 150, seed=3)
    for u, v in G.edges():
        G[u][v]["strength"] = 0.1 + ((u * 7 + v * 3) % 10) / 10
    for node in (0, 5, 17):
        b = ego_burt(G, node)
        assert b["constraint"] == approx(nx.constraint(G, nodes=[node], weight="strength")[node])
        assert b["effective_size"] == approx(nx.effective_size(G, nodes=[node], weight="strength")[node])


def test_burt_pure_star_and_isolated():
    G = nx.star_graph(4)
    b = ego_burt(G, 0, weight=None)
    assert b["constraint"] == approx(1 / 4) and b["effective_size"] == approx(4)
    assert b["hierarchy"] == approx(0.0)
    G.add_node(99)
    assert math.isnan(ego_burt(G, 99)["constraint"])


def test_burt_evidence_filter_drops_inferred_ties():
    G = star_with_one_tie()
    for u, v in G.edges():
        G[u][v]["evidence"] = "export"
    G["a"]["b"].update(evidence="inferred:same_company", sources=["inferred:same_company"])
    assert ego_burt(G, "me", weight=None, evidence="observed")["ties_between_contacts"] == 0
    assert ego_burt(G, "me", weight=None, evidence="all")["ties_between_contacts"] == 1


def test_burt_at_scale_matches_borgatti_closed_form():
    # 5,000 contacts and 20,000 ties between them: n - 2t/n exactly, without networkx's quadratic path.
    G = nx.gnm_random_graph(5000, 20000, seed=7)
    G.add_edges_from(("ego", n) for n in range(5000))
    b = ego_burt(G, "ego", weight=None)
    assert b["ties_between_contacts"] == 20000
    assert b["effective_size"] == approx(5000 - 2 * 20000 / 5000)


# ------------------------------------------------------------------------------- tie strength


def ego_graph_with_dates():
    G = nx.Graph(ego="me", egos=["me"], as_of=dt.date(2024, 1, 1))
    G.add_edge("me", "ana", met="in_person", messages=9, connected_on=dt.date(2014, 1, 1),
               last_contact=dt.date(2024, 1, 1), evidence="export", confidence=1.0)
    G.add_edge("me", "bob", met="online", messages=0, connected_on=dt.date(2023, 1, 1),
               last_contact=None, evidence="export", confidence=1.0)
    G.add_edge("me", "cy", met="unknown", messages=1, connected_on=None, last_contact=None,
               evidence="export", confidence=1.0)
    return G


def test_tie_strength_components_by_hand():
    G = ego_graph_with_dates()
    df = tie_strength(G).set_index("v")
    ana, bob, cy = df.loc["ana"], df.loc["bob"], df.loc["cy"]
    assert ana["intimacy"] == 1 and bob["intimacy"] == 0 and math.isnan(cy["intimacy"])
    assert ana["intensity"] == approx(1.0)
    assert cy["intensity"] == approx(math.log(2) / math.log(10))
    assert bob["intensity"] == 0
    assert ana["duration"] == approx(min(3652 / 365.25 / 10, 1))
    assert bob["duration"] == approx(365 / 365.25 / 10)
    assert ana["recency"] == approx(1.0)
    assert bob["recency"] == approx(math.exp(-1))  # no message: the connection date counts
    assert all(math.isnan(x) for x in df["structural"])  # no ties between contacts at all
    # ana: every known component (weights .35 .2 .15 .2) is ~1 -> strength ~1
    assert ana["strength"] == approx((0.35 + 0.2 + 0.15 * 0.99986 + 0.2) / 0.9)
    assert bob["strength"] == approx((0.15 * 0.099932 + 0.2 * math.exp(-1)) / 0.9)
    # cy: only intensity is known (no dates); met unknown is scored as online (intimacy 0, the
    # lower bound), and as in person for the upper bound
    assert cy["strength"] == approx(0.2 * math.log(2) / math.log(10) / 0.55)
    assert cy["strength_upper"] == approx((0.35 + 0.2 * math.log(2) / math.log(10)) / 0.55)
    assert cy["known_weight"] == approx(0.2)
    assert ana["strength_upper"] == ana["strength"] and bob["strength_upper"] == bob["strength"]
    assert G["me"]["ana"]["distance"] == approx(1 / ana["strength"])
    assert df.attrs["unknown"] == {"intimacy": 1, "intensity": 0, "duration": 1, "recency": 1, "structural": 3}


def test_unknown_met_never_scores_above_the_same_tie_declared_online():
    G = nx.Graph(ego="me", as_of="2024-01-01")
    for key, met in (("x", "in_person"), ("y", "online"), ("z", "unknown")):
        G.add_edge("me", key, met=met, messages=0, connected_on="2023-01-01")
    df = tie_strength(G).set_index("v")
    s = df["strength"]
    # the same tie (one year old, no message): unknown scores as online, the lower bound ...
    assert s["z"] == s["y"] == approx((0.15 * 365 / 365.25 / 10 + 0.2 * math.exp(-1)) / 0.7)
    assert s["z"] < s["x"]
    # ... and as in person for the upper bound; the unknown stays visible in known_weight
    assert df.loc["z", "strength_upper"] == s["x"] == approx((0.35 + 0.15 * 365 / 365.25 / 10 + 0.2 * math.exp(-1)) / 0.7)
    assert df.loc["z", "known_weight"] == approx(0.35) and df.loc["y", "known_weight"] == approx(0.7)


def test_intensity_is_normalised_per_owner():
    # Two owners: "me" messages a lot, "al" not at all. al's declared online tie without dates is
    # judged among al's own ties (no messages at all: intensity unknown), not against me's 99.
    G = nx.Graph(ego="me", egos=["me", "al"], as_of="2024-01-01")
    G.add_edge("me", "x", met="in_person", messages=99)
    G.add_edge("me", "y", met="online", messages=9)
    G.add_edge("al", "z", met="online", messages=0)
    G.add_edge("al", "w", met="online", messages=0)
    df = tie_strength(G).set_index("v")
    assert df.loc["y", "intensity"] == approx(math.log(10) / math.log(100))
    assert math.isnan(df.loc["z", "intensity"])
    # me's y: intimacy 0 (.35), intensity log 10 / log 100 (.2); structure unknown (no list but
    # me's and al's observed, and neither lists the other's contacts)
    assert df.loc["y", "strength"] == approx(0.2 * 0.5 / 0.55)


def test_group_messages_share_one_count_among_their_correspondents():
    # message_weight (what build_graph stores) is used over the raw count
    G = nx.Graph(ego="me", egos=["me"])
    G.add_edge("me", "a", messages=4, message_weight=4.0)
    G.add_edge("me", "b", messages=4, message_weight=1.0)  # four messages in a group of five
    df = tie_strength(G).set_index("v")
    assert df.loc["a", "intensity"] == 1 and df.loc["b", "intensity"] == approx(math.log(2) / math.log(5))


def test_each_export_judges_its_ties_against_its_own_date():
    # al exported a year before me: al's tie is judged at al's date, not made stale by me's.
    G = nx.Graph(ego="me", egos=["me", "al"], as_of="2024-01-01",
                 export_dates={"me": dt.date(2024, 1, 1), "al": dt.date(2023, 1, 1)})
    G.add_edge("me", "x", met="online", last_contact="2023-01-01")
    G.add_edge("al", "y", met="online", last_contact="2023-01-01")
    df = tie_strength(G).set_index("v")
    assert df.loc["y", "recency"] == 1.0 and df.loc["x", "recency"] == approx(math.exp(-365 / 365))
    # an explicit as_of judges every tie against that one day
    fixed = tie_strength(G, as_of="2024-01-01", inplace=False).set_index("v")
    assert fixed.loc["y", "recency"] == fixed.loc["x", "recency"]


def test_structure_counts_only_where_observed_and_per_owner():
    # me and a exported; b, c did not. me-a: seen from both (mean of 1/1 and 1/1). me-b: b's
    # other ties are seen only through the exporters: 1 of me's 2 other contacts (a) exported,
    # half of them, so the coverage rule holds; me-c likewise. c-b is a declared tie between two
    # who did not export: nobody's side sees it.
    G = nx.Graph(ego="me", egos=["me", "a"], as_of="2024-01-01")
    G.add_edges_from([("me", "a"), ("me", "b"), ("me", "c"), ("a", "b")], sources=["export"])
    G.add_edge("b", "c", sources=["declared"])
    df = tie_strength(G).set_index(["u", "v"])
    # mutual contacts: me-a 1 (b), me-b 2 (a, c), me-c 1 (b), a-b 1 (me), b-c 1 (me)
    # me's largest: 2; a's (me-a, a-b): 1
    assert df.loc[("me", "b"), "structural"] == 1.0 and df.loc[("me", "c"), "structural"] == 0.5
    assert df.loc[("me", "a"), "structural"] == approx((1 / 2 + 1 / 1) / 2)
    assert df.loc[("a", "b"), "structural"] == 1.0  # seen from a only (b did not export)
    assert math.isnan(df.loc[("b", "c"), "structural"])
    # a single export: no pair of contacts is observed, structure unknown everywhere
    G.graph["egos"] = ["me"]
    assert tie_strength(G, inplace=False)["structural"].isna().all()


def test_structural_component_and_confidence():
    G = star_with_one_tie()
    G.add_edge("a", "b", evidence="inferred:same_company", confidence=0.3)
    df = tie_strength(G).set_index(["u", "v"])
    # me-a and me-b share one contact (b / a); me-c none; a-b shares me; the max is 1.
    assert df.loc[("me", "a"), "structural"] == 1 and df.loc[("me", "c"), "structural"] == 0
    # a–b: structure 1.0 (.10), met unknown scored as online (intimacy 0, .35), times its confidence
    assert df.loc[("a", "b"), "strength"] == approx(0.1 / 0.45 * 0.3)
    assert df.loc[("me", "c"), "strength"] == STRENGTH_FLOOR
    assert G["me"]["c"]["distance"] == approx(1 / STRENGTH_FLOOR)


def test_missing_attributes_and_empty_graph():
    G = nx.Graph([("u", "v")])
    df = tie_strength(G)
    assert df["strength"].iloc[0] == STRENGTH_FLOOR and math.isfinite(G["u"]["v"]["distance"])
    assert len(tie_strength(nx.Graph())) == 0


def test_weights_are_tunable_and_checked():
    G = ego_graph_with_dates()
    only_met = tie_strength(G, weights={"intimacy": 1, "intensity": 0, "duration": 0, "recency": 0,
                                        "structural": 0}, inplace=False).set_index("v")
    assert only_met.loc["ana", "strength"] == 1 and only_met.loc["bob", "strength"] == STRENGTH_FLOOR
    assert "strength" not in G["me"]["ana"]  # inplace=False wrote nothing
    assert sum(DEFAULT_WEIGHTS.values()) == approx(1)
    for bad in ({"charm": 1}, {"intimacy": -1}, dict.fromkeys(DEFAULT_WEIGHTS, 0)):
        with pytest.raises(InputError):
            tie_strength(G, weights=bad)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8), st.sampled_from(["in_person", "online", "unknown"]),
                          st.integers(0, 50), st.integers(0, 4000), st.floats(0.1, 1.0)), max_size=30))
def test_strength_is_bounded_and_distance_is_its_inverse(ties):
    G = nx.Graph(ego=0, as_of=dt.date(2025, 1, 1))
    for u, v, met, messages, age, confidence in ties:
        if u != v:
            G.add_edge(u, v, met=met, messages=messages, confidence=confidence,
                       connected_on=dt.date(2025, 1, 1) - dt.timedelta(days=age))
    df = tie_strength(G)
    assert ((df["strength"] >= STRENGTH_FLOOR) & (df["strength"] <= 1)).all()
    assert ((df["known_weight"] >= 0) & (df["known_weight"] <= 1)).all()
    for _, _, d in G.edges(data=True):
        assert d["distance"] == pytest.approx(1 / d["strength"])


def test_as_of_is_deterministic_and_never_the_clock():
    G = ego_graph_with_dates()
    del G.graph["as_of"]
    df = tie_strength(G, inplace=False)
    assert df.attrs["as_of"] == dt.date(2024, 1, 1)  # newest date on any edge
    assert tie_strength(G, inplace=False).equals(df)
    later = tie_strength(G, as_of="2030-01-01", inplace=False).set_index("v")
    assert later.loc["ana", "recency"] < df.set_index("v").loc["ana", "recency"]


# ------------------------------------------------------------------------------- network strength


def six_contacts():
    # Every contact exported too: the ties between contacts are fully observed.
    G = nx.Graph(ego="me", egos=["me", "a", "b", "c", "d", "e", "f"], as_of=dt.date(2024, 6, 1))
    people = {"a": ("in_person", 0.9, "Acme"), "b": ("in_person", 0.7, "Acme"), "c": ("in_person", 0.6, "Beta"),
              "d": ("online", 0.3, "Beta"), "e": ("online", 0.2, "Gamma"), "f": ("unknown", 0.1, "")}
    for key, (met, s, company) in people.items():
        G.add_node(key, name=key.upper(), company=company, position="Engineer")
        G.add_edge("me", key, met=met, strength=s, connected_on=dt.date(2020, 1, 1), last_contact=None)
    G.add_edge("a", "b", met="in_person", strength=0.5)
    G.add_edge("c", "x", met="in_person", strength=0.5)  # x: two steps away, warm
    G.add_edge("a", "y", met="online", strength=0.5)
    G.add_edge("d", "z", met="online", strength=0.5)  # z: reachable only via an online contact
    return G


def test_network_strength_indicators_by_hand():
    G = six_contacts()
    t = network_strength(G, communities={"a": 0, "b": 0, "c": 1, "d": 1, "e": 2}).set_index("indicator")
    v = t["value"]
    assert v["size"] == 6
    assert (v["in_person"], v["online"], v["unknown"]) == (3, 2, 1)
    assert v["in_person_share"] == approx(0.5)
    assert v["strength_weighted_size"] == approx(2.8)
    assert v["strong_ties"] == 3
    assert v["layer_1.5_strong"] == 1 and v["layer_5_strong"] == 3 and v["layer_5_in_person"] == 3
    assert v["layer_150_strong"] == 3
    assert v["ties_between_contacts"] == 1
    # credible introducers: a, b, c; among them one tie (a-b): C(3,2) - 1 = 2 introductions
    assert v["credible_introducers_base"] == 3 and v["introductions"] == 2
    assert v["warm_reach"] == 2 and v["warm_reach_in_person"] == 1  # x and y; only x face to face
    # communities 0,0,1,1,2 over 5 assigned contacts, f unassigned
    h = -(2 * 0.4 * math.log(0.4) + 0.2 * math.log(0.2))
    assert v["communities_reached"] == 3 and v["community_entropy"] == approx(h)
    assert v["unassigned_share"] == approx(1 / 6)
    assert v["companies_reached"] == 3
    assert v["active_ties"] == 0  # everyone connected in 2020, no messages
    assert v["constraint"] == approx(ego_burt(G, "me")["constraint"])
    assert t.loc["constraint", "note"] == ""
    assert set(t.columns) == {"group", "value", "meaning", "note"}
    assert all(isinstance(m, str) and m for m in t["meaning"])


def test_network_strength_withholds_burt_from_a_single_export():
    # One export: the five contacts' own lists are unseen, so no pair of them is observed.
    G = nx.Graph(ego="me", egos=["me"])
    G.add_edges_from([("me", i) for i in range(5)], met="online", strength=0.2)
    t = network_strength(G, communities={}).set_index("indicator")
    for indicator in ("constraint", "effective_size", "efficiency", "hierarchy", "density_between_contacts",
                      "introductions"):
        assert math.isnan(t.loc[indicator, "value"])
        assert t.loc[indicator, "note"].startswith("withheld: ties among your contacts observed for 0 of 5 contacts")
    assert t.loc["pairs_unknown", "value"] == 10 and t.loc["pairs_known_share", "value"] == 0
    # Borgatti's n − 2t/n with t between 0 and the 10 unknown pairs: [5 − 20/5, 5] = [1, 5]
    assert (t.loc["effective_size_lowest", "value"], t.loc["effective_size_highest", "value"]) == (1, 5)


def test_network_strength_of_a_fully_observed_star_shows_burt():
    # Without "egos" the graph is taken as fully observed: a star's contacts do not know each other.
    G = nx.Graph(ego="me")
    G.add_edges_from([("me", i) for i in range(5)], met="online", strength=0.2)
    t = network_strength(G, communities={}).set_index("indicator")
    assert t.loc["constraint", "value"] == approx(0.2)  # 1/n on a bare star
    assert t.loc["constraint", "note"] == ""


def test_network_strength_computes_missing_strength_and_checks_ego():
    G = nx.Graph(ego="me")
    G.add_edge("me", "a", met="in_person")
    assert network_strength(G, communities={}).set_index("indicator").loc["size", "value"] == 1
    with pytest.raises(InputError):
        network_strength(G, "nobody")
    with pytest.raises(InputError):
        network_strength(nx.Graph([("a", "b")]))


def test_active_ties_window():
    G = nx.Graph(ego="me", as_of=dt.date(2024, 6, 1))
    G.add_edge("me", "a", strength=0.5, last_contact=dt.date(2024, 1, 1))
    G.add_edge("me", "b", strength=0.5, last_contact=dt.date(2022, 1, 1))
    G.add_edge("me", "c", strength=0.5, connected_on=dt.date(2023, 9, 1))
    G.add_edge("me", "d", strength=0.5)
    t = network_strength(G, communities={}).set_index("indicator")
    assert t.loc["active_ties", "value"] == 2
    assert "1 contacts have no date" in t.loc["active_ties", "note"]


def test_dunbar_layers_counts():
    G = nx.Graph(ego="me")
    for i in range(200):
        G.add_edge("me", f"c{i:03d}", strength=1 - i / 200, met="in_person" if i < 10 else "online")
    d = dunbar_layers(G)
    counts = d["layer"].value_counts(dropna=False)
    assert counts[1.5] == 1 and counts[5.0] == 4 and counts[15.0] == 10 and counts[50.0] == 35
    assert counts[150.0] == 100 and d["layer"].isna().sum() == 50
    assert d["strong"].sum() == 101  # strength >= 0.5 for i <= 100
    t = network_strength(G, communities={}).set_index("indicator")["value"]
    assert t["layer_15_in_person"] == 10 and t["layer_50_strong"] == 50 and t["layer_150_strong"] == 101 - 0
    assert t["layer_150_strong"] == 101 or t["layer_150_strong"] == 150  # top 150 hold 101 strong


def test_keep_in_person_and_compare():
    G = six_contacts()
    H = keep_in_person(G)
    assert sorted(H["me"]) == ["a", "b", "c"]
    assert "z" not in H and "d" not in H and H.has_edge("a", "y")
    assert G.number_of_edges() == 10  # the input is untouched
    t = compare({"Six": G}, what_if="in_person", communities={"Six": {}}).set_index("indicator")
    assert list(t.columns) == ["group", "Six", "Six · in person only", "meaning", "note"]
    assert t.loc["size", "Six"] == 6 and t.loc["size", "Six · in person only"] == 3
    assert t.loc["in_person", "Six · in person only"] == 3
    with pytest.raises(InputError):
        compare({"Six": G}, what_if="online")


def test_compare_list_uses_ego_names():
    G = six_contacts()
    G.add_node("me", name="Me Myself")
    t = compare([G])
    assert "Me Myself" in t.columns


# ------------------------------------------------------------------------------- dormant, audience, timeline


def test_dormant_ties_ranked():
    G = nx.Graph(ego="me", egos=["me"], as_of=dt.date(2024, 6, 1))
    G.add_edge("me", "old", met="in_person", connected_on=dt.date(2015, 1, 1), messages=30,
               last_contact=dt.date(2020, 6, 1))
    G.add_edge("me", "mid", met="in_person", connected_on=dt.date(2022, 1, 1), messages=0)
    G.add_edge("me", "fresh", met="in_person", connected_on=dt.date(2015, 1, 1),
               last_contact=dt.date(2024, 3, 1))
    G.add_edge("me", "weak", met="online", connected_on=dt.date(2015, 1, 1))
    G.add_edge("me", "nodate", met="in_person")
    G.add_edge("old", "mid")
    d = dormant_ties(G)
    assert list(d["key"]) == ["old", "mid"]
    assert list(d["months_silent"]) == [48, 29]
    assert d["last_contact"].iloc[1] == dt.date(2022, 1, 1)  # the connection is the last contact
    assert d["why"].iloc[0] == "met in person; 30 messages; 1 mutual contact; connected for 9 years"
    assert d.attrs["undated"] == 1
    assert d["lasting_strength"].iloc[0] > d["strength"].iloc[0]  # silence lowered the current score
    assert list(dormant_ties(G, months=36)["key"]) == ["old"]


def test_audience_arithmetic_and_targeted_list():
    G = nx.Graph(ego="me")
    for i in range(46):
        G.add_node(f"n{i:02d}", position="Nurse", company="Hôpital Laval")
        G.add_edge("me", f"n{i:02d}", strength=0.2, met="online")
    G.add_node("ana", position="Ingénieure données", company="Banque X")
    G.add_edge("me", "ana", strength=0.9, met="in_person")
    G.add_node("bo", position="Data analyst", company="Shop")
    G.add_edge("me", "bo", strength=0.3, met="online")
    G.add_node("cy", position="Data scientist", company="Banque Y")
    G.add_edge("me", "cy", strength=0.6, met="in_person")
    G.add_node("di", position="Teller", company="Banque Z")
    G.add_edge("me", "di", strength=0.4, met="online")
    a = audience(G, keywords=["data", "donnees"])
    s = a.summary.set_index("indicator")["value"]
    assert s["broadcast_reach"] == 50 and s["relevant"] == 3 and s["not_relevant_share"] == approx(0.94)
    assert s["relevant_in_person"] == 2 and s["relevant_strong"] == 2
    assert list(a.targeted["key"]) == ["ana", "cy", "bo"]
    assert a.targeted["matched"].iloc[0] == "donnees"  # accents ignored
    _summary, targeted = audience(G, keywords="data", sector="banque")
    assert list(targeted["key"]) == ["cy"]
    assert list(audience(G, sector="banque").targeted["key"]) == ["ana", "cy", "di"]
    assert "relevant=3" in repr(a)
    with pytest.raises(InputError):
        audience(G)
    with pytest.raises(InputError):
        audience(G, keywords=["  "])


def test_quality_timeline():
    G = nx.Graph(ego="me")
    G.add_edge("me", "a", connected_on=dt.date(2019, 5, 1), met="in_person", strength=0.8)
    G.add_edge("me", "b", connected_on=dt.date(2021, 1, 9), met="online", strength=0.2)
    G.add_edge("me", "c", connected_on=dt.date(2021, 7, 1), met="unknown", strength=0.4)
    G.add_edge("me", "d", met="in_person", strength=0.6)
    t = quality_timeline(G)
    assert list(t["year"].astype("object").where(t["year"].notna(), None)) == [2019, 2021, None]
    assert list(t["new_ties"]) == [1, 2, 1]
    assert list(t["unknown"]) == [0, 1, 0]
    assert t["mean_strength"].tolist() == approx([0.8, 0.3, 0.6])
    assert t["cumulative_size"].tolist() == [1, 3, 4]



"""Brokerage: Burt's measures, Gould–Fernandez roles, introductions, warm paths, references.

Reference values come from ``shared/knowledge/science.md`` §6 (Borgatti 1997 via networkx's
UCINET-checked tests; Gould–Fernandez worked examples; Krackhardt's kite) or are worked out by
hand in the comments.
"""

import datetime as dt
import itertools
import math
import random
import time

import networkx as nx
import pandas as pd
import pytest
from shapes import COMMUNITIES, big_ego, intro_graph

from netanalysis import brokerage as br
from netanalysis.brokerage import betweenness, intros
from netanalysis.errors import InputError

BORGATTI_EDGES = [("A", "B"), ("A", "F"), ("A", "G"), ("A", "E"), ("E", "G"), ("F", "G"), ("B", "G"),
                  ("B", "D"), ("D", "G"), ("G", "C")]
BORGATTI_WEIGHTS = {("A", "B"): 2, ("A", "F"): 3, ("A", "G"): 5, ("A", "E"): 2, ("E", "G"): 8, ("F", "G"): 3,
                    ("B", "G"): 4, ("B", "D"): 1, ("D", "G"): 3, ("G", "C"): 10}


def borgatti(weighted=False):
    G = nx.Graph(BORGATTI_EDGES)
    if weighted:
        nx.set_edge_attributes(G, BORGATTI_WEIGHTS, "strength")
    return G


def approx(x):
    return pytest.approx(x, abs=1e-3)


# --------------------------------------------------------------------------------------------
# Burt


def test_borgatti_unweighted_matches_ucinet():
    holes = br.structural_holes(borgatti(), weight=None).set_index("key")
    expected_c = {"G": 0.400, "A": 0.595, "C": 1.000, "B": 0.643, "D": 0.785, "E": 0.731, "F": 0.731}
    expected_e = {"G": 4.667, "A": 2.5, "C": 1.0, "B": 1.667, "D": 1.0, "E": 1.0, "F": 1.0}
    for n in expected_c:
        assert holes.loc[n, "constraint"] == approx(expected_c[n])
        assert holes.loc[n, "effective_size"] == approx(expected_e[n])
    assert holes.loc["G", "efficiency"] == approx(0.778)
    assert holes.loc["A", "efficiency"] == approx(0.625)
    # Burt's hierarchy (science.md §6); undefined (NaN) with a single contact.
    assert holes.loc["A", "hierarchy"] == pytest.approx(0.1678, abs=1e-4)
    assert holes.loc["G", "hierarchy"] == pytest.approx(0.0947, abs=1e-4)
    assert holes.loc["B", "hierarchy"] == pytest.approx(0.0737, abs=1e-4)
    assert math.isnan(holes.loc["C", "hierarchy"])


def test_borgatti_weighted_matches_ucinet_not_the_networkx_fast_path():
    holes = br.structural_holes(borgatti(weighted=True), weight="strength").set_index("key")
    assert holes.loc["G", "constraint"] == approx(0.299)
    assert holes.loc["A", "constraint"] == approx(0.795)
    assert holes.loc["C", "constraint"] == approx(1.0)
    expected_e = {"G": 5.472, "A": 2.475, "C": 1.0, "B": 1.671, "D": 1.15, "E": 1.1, "F": 1.25}
    for n, e in expected_e.items():
        assert holes.loc[n, "effective_size"] == approx(e)
    # networkx 3.6's nodes=None path gives A 2.792 (a bug, PR #8906): we must not.
    assert holes.loc["A", "effective_size"] != approx(2.792)


def test_directed_graph_matches_networkx_tests():
    D = nx.DiGraph([(0, 1), (0, 2), (1, 0), (2, 1)])
    got = {n: br.burt_measures(D, n, weight=None) for n in D}
    assert [got[n]["constraint"] for n in (0, 1, 2)] == [approx(1.003), approx(1.003), approx(1.389)]
    assert [got[n]["effective_size"] for n in (0, 1, 2)] == [approx(1.167), approx(1.167), approx(1.0)]
    nx.set_edge_attributes(D, {(0, 1): 2, (0, 2): 2, (1, 0): 1, (2, 1): 1}, "w")
    got = {n: br.burt_measures(D, n, weight="w") for n in D}
    assert [got[n]["constraint"] for n in (0, 1, 2)] == [approx(0.840), approx(1.143), approx(1.378)]
    assert [got[n]["effective_size"] for n in (0, 1, 2)] == [approx(1.567), approx(1.083), approx(1.0)]


@pytest.mark.parametrize("seed", range(6))
def test_agrees_with_networkx_per_node_path_on_random_graphs(seed):
    rng = random.Random(seed)
    G = nx.gnp_random_graph(18, 0.3, seed=seed)
    G.add_node(99)  # an isolate: NaN everywhere
    for u, v in G.edges:
        G.edges[u, v]["strength"] = rng.uniform(0.05, 1.0)
    for weight in (None, "strength"):
        holes = br.structural_holes(G, weight=weight, betweenness=False).set_index("key")
        ref_e = nx.effective_size(G, nodes=list(G), weight=weight)
        for n in G:
            if G.degree(n) == 0:
                assert math.isnan(holes.loc[n, "constraint"]) and math.isnan(holes.loc[n, "effective_size"])
                continue
            assert holes.loc[n, "constraint"] == pytest.approx(nx.constraint(G, nodes=[n], weight=weight)[n])
            assert holes.loc[n, "effective_size"] == pytest.approx(ref_e[n])
            assert holes.loc[n, "efficiency"] == pytest.approx(ref_e[n] / G.degree(n))


def test_hierarchy_is_zero_when_constraint_is_spread_evenly():
    # A star with unconnected spokes: every contact constrains equally → H = 0; c = 1/n.
    m = br.burt_measures(nx.star_graph(5), 0, weight=None)
    assert m["hierarchy"] == approx(0.0)
    assert m["constraint"] == approx(0.2)
    assert m["effective_size"] == 5


def test_isolated_and_pendant_people():
    G = nx.Graph([("a", "b")])
    G.add_node("z")
    assert math.isnan(br.burt_measures(G, "z")["constraint"])
    assert br.burt_measures(G, "z")["degree"] == 0
    pendant = br.burt_measures(G, "a")
    assert pendant["constraint"] == 1.0 and pendant["effective_size"] == 1.0 and math.isnan(pendant["hierarchy"])


def test_betweenness_reads_distances_and_matches_krackhardt_kite():
    K = nx.krackhardt_kite_graph()
    holes = br.structural_holes(K, weight=None).set_index("key")
    # Heather (7): raw 14.0, normalised by (n-1)(n-2)/2 = 36 → 0.389.
    assert holes.loc[7, "betweenness"] == approx(14 / 36)
    assert holes["betweenness"].idxmax() == 7
    assert not holes["betweenness_sampled"].any()
    # With strength weights, betweenness must read 1/strength as a length: make the
    # direct 0–1 tie weak (long) so that paths detour via 2.
    G = nx.Graph()
    G.add_edge(0, 1, strength=0.1)
    G.add_edge(0, 2, strength=1.0)
    G.add_edge(2, 1, strength=1.0)
    bc = br.structural_holes(G).set_index("key")["betweenness"]
    assert bc[2] == 1.0 and bc[0] == 0.0


def test_betweenness_is_sampled_with_a_seed_above_the_threshold(monkeypatch):
    monkeypatch.setattr(betweenness, "BETWEENNESS_EXACT_MAX", 20)
    monkeypatch.setattr(betweenness, "BETWEENNESS_PIVOTS", 15)
    G = nx.barabasi_albert_graph(60, 2, seed=1)
    first = br.structural_holes(G, weight=None, seed=3)
    again = br.structural_holes(G, weight=None, seed=3)
    assert first["betweenness_sampled"].all()
    assert first.attrs["betweenness_pivots"] == 15
    assert not first["betweenness"].equals(br.structural_holes(G, weight=None, k=60)["betweenness"])
    pd.testing.assert_frame_equal(first, again)
    explicit = br.structural_holes(G, weight=None, k=10, seed=3)
    assert explicit.attrs["betweenness_pivots"] == 10 and explicit["betweenness_sampled"].all()


def test_evidence_filter_changes_the_measures():
    G = nx.Graph()
    for c in "abc":
        G.add_edge("me", c, evidence="export", sources=["export"])
    G.add_edge("a", "b", evidence="inferred:same_company", sources=["inferred:same_company"], confidence=0.3)
    observed = br.burt_measures(G, "me", weight=None, evidence="observed")
    everything = br.burt_measures(G, "me", weight=None, evidence="all")
    assert observed["effective_size"] == 3.0
    assert everything["effective_size"] == approx(3 - 2 * 1 / 3)  # Borgatti n − 2t/n


def test_structural_holes_refuses_bad_input():
    with pytest.raises(InputError):
        br.structural_holes(nx.MultiGraph([(1, 2)]))
    with pytest.raises(InputError):
        br.structural_holes(nx.Graph([(1, 2)]), nodes=[3])
    with pytest.raises(InputError):
        br.structural_holes(nx.Graph([(1, 2)]), evidence="rumours")
    G = nx.Graph()
    G.add_edge(1, 2, strength=-1)
    with pytest.raises(InputError):
        br.structural_holes(G)


def test_ego_measures_are_fast_and_agree_with_networkx():
    G = big_ego(2000, 15000)
    start = time.process_time()
    mine = br.burt_measures(G, "ego")
    assert time.process_time() - start < 2.0  # CPU time: the test machine is shared
    # networkx's per-node path is correct but quadratic in degree; check a 50-contact owner.
    small = big_ego(50, 200, seed=2)
    ref = nx.effective_size(small, nodes=["ego"], weight="strength")["ego"]
    assert br.burt_measures(small, "ego")["effective_size"] == pytest.approx(ref)
    assert br.burt_measures(small, "ego")["constraint"] == pytest.approx(
        nx.constraint(small, nodes=["ego"], weight="strength")["ego"])
    assert mine["degree"] == 2000


# --------------------------------------------------------------------------------------------
# Gould–Fernandez


def test_gould_fernandez_directed_worked_example():
    D = nx.DiGraph([("A", "B"), ("A", "C"), ("B", "C"), ("B", "D"), ("C", "D"), ("D", "A")])
    groups = {"A": 1, "B": 1, "C": 2, "D": 2}
    roles = br.brokerage_roles(D, groups=groups).set_index("key")
    cols = ["coordinator", "consultant", "representative", "gatekeeper", "liaison"]
    assert roles.loc["A", cols].tolist() == [0, 1, 0, 1, 0]
    assert roles.loc["B", cols].tolist() == [0, 0, 1, 0, 0]
    assert roles.loc["C", cols].tolist() == [0, 0, 0, 1, 0]
    assert roles.loc["D", cols].tolist() == [0, 1, 1, 0, 0]
    # Null model (sna): d = 6/12 = 0.5 → d²(1−d) = 0.125; group sizes 2 and 2.
    assert roles.loc["A", "expected_coordinator"] == 0.0  # (2−1)(2−2)
    assert roles.loc["A", "expected_consultant"] == approx(0.125 * 2)  # n_j(n_j−1) = 2
    assert roles.loc["A", "expected_representative"] == approx(0.125 * 2)  # (4−2)(2−1)
    assert roles.loc["A", "expected_total"] == approx(0.125 * 6)  # (N−1)(N−2)
    assert roles.attrs["directed"]


def _bridge_ego():
    G = nx.Graph([("E", "x1"), ("E", "x2"), ("x1", "x2"), ("E", "y1"), ("E", "z1"), ("y1", "y2")])
    groups = {"E": "X", "x1": "X", "x2": "X", "y1": "Y", "y2": "Y", "z1": "Z"}
    return G, groups


def test_gould_fernandez_undirected_example_exact_sna_counts():
    G, groups = _bridge_ego()
    roles = br.brokerage_roles(G, groups=groups, ordered=True).set_index("key")
    cols = ["coordinator", "consultant", "representative", "gatekeeper", "liaison", "total"]
    assert roles.loc["E", cols].tolist() == [0, 0, 4, 4, 2, 10]
    assert roles.loc["y1", cols].tolist() == [0, 0, 1, 1, 0, 2]
    for n in ("x1", "x2", "y2", "z1"):
        assert roles.loc[n, cols].tolist() == [0] * 6
    # Null model: N = 6, 6 ties → d = 12/30 = 0.4, d²(1−d) = 0.096. E is in X (3 people).
    f = 0.096
    assert roles.loc["E", "expected_coordinator"] == approx(f * 2 * 1)
    assert roles.loc["E", "expected_consultant"] == approx(f * (2 * 1 + 1 * 0))
    assert roles.loc["E", "expected_representative"] == approx(f * 3 * 2)
    assert roles.loc["E", "expected_liaison"] == approx(f * ((2 + 1) ** 2 - (4 + 1)))
    assert roles.loc["E", "expected_total"] == approx(f * 5 * 4)


def test_gould_fernandez_undirected_default_counts_each_pair_once():
    G, groups = _bridge_ego()
    roles = br.brokerage_roles(G, groups=groups).set_index("key")
    assert roles.loc["E", ["coordinator", "consultant", "representative_gatekeeper", "liaison", "total"]].tolist() \
        == [0, 0, 4, 1, 5]
    assert roles.loc["E", "expected_total"] == approx(0.096 * 5 * 4 / 2)
    assert not roles.attrs["ordered"]


@pytest.mark.parametrize("seed", range(4))
def test_fast_undirected_counts_match_enumerating_every_two_path(seed):
    G = nx.gnp_random_graph(25, 0.25, seed=seed)
    rng = random.Random(seed)
    groups = {n: rng.choice("pqr") for n in G if rng.random() < 0.85}  # some people in no group
    fast = br.brokerage_roles(G, groups=groups, ordered=True).set_index("key")
    slow = br.brokerage_roles(G.to_directed(), groups=groups).set_index("key")
    cols = ["coordinator", "consultant", "representative", "gatekeeper", "liaison", "total"]
    pd.testing.assert_frame_equal(fast[cols], slow[cols])


def test_roles_by_company_and_attribute_and_missing_groups():
    G, _ = _bridge_ego()
    for n, company in {"E": "Acme Inc.", "x1": "ACME", "x2": "acme", "y1": "Beta", "y2": "Beta"}.items():
        G.nodes[n]["company"] = company
        G.nodes[n]["team"] = company.lower()[:4]
    by_company = br.brokerage_roles(G, groups="company").set_index("key")
    # z1 has no company: a group of its own, so E–z1 pairs are representative/gatekeeper or liaison.
    assert by_company.loc["E", "representative_gatekeeper"] == 4
    assert pd.isna(by_company.loc["z1", "group"])
    assert br.brokerage_roles(G, groups="team").loc[0, "total"] == 5
    with pytest.raises(InputError):
        br.brokerage_roles(G, groups="nonexistent")


def test_roles_scale_to_abig_ego():
    G = big_ego(3000, 20000)
    groups = {n: (n % 7) for n in G if n != "ego"}
    start = time.process_time()
    roles = br.brokerage_roles(G, groups=groups, nodes=["ego"])
    assert time.process_time() - start < 2.0
    open_pairs = 3000 * 2999 // 2 - 20000
    assert roles.loc[0, "total"] == open_pairs


# --------------------------------------------------------------------------------------------
# introductions


def test_introductions_rank_by_the_documented_formula():
    G = intro_graph()
    intro = br.introductions(G, communities=COMMUNITIES, top=50)
    top = intro.iloc[0]
    # Ana (0.9, in person, founder) and Bo (0.8, in person, investor): different circles,
    # complementary roles, only the owner in common.
    assert (top["a"], top["b"]) == ("ana", "bo")
    # 0.72 · (1 + 0.5·2) · 2 · 1.25 · exp(−(1 − 1)/10) = 3.6
    assert top["score"] == pytest.approx(0.9 * 0.8 * 2.0 * 2.0 * 1.25 * 1.0)
    assert top["vouch"] == pytest.approx(0.72)
    assert top["role_fit"] == "complementary fields: founder and investment"
    assert "you met both in person" in top["reason"] and "different circles" in top["reason"]
    assert "Ana Lima is Founder & CEO at Acme" in top["reason"]
    assert intro["score"].is_monotonic_decreasing
    assert intro["rank"].tolist() == list(range(1, len(intro) + 1))


def test_introductions_never_suggest_an_existing_tie():
    G = intro_graph()
    for evidence in ("all", "declared", "observed"):
        intro = br.introductions(G, communities=COMMUNITIES, top=50, evidence=evidence)
        pairs = {frozenset((a, b)) for a, b in zip(intro["a"], intro["b"], strict=True)}
        assert frozenset(("ana", "cy")) not in pairs  # export tie
        # The declared Di–Ed tie is filtered out of the "observed" view, but they know each other.
        assert frozenset(("di", "ed")) not in pairs
        # Bo–Di is only inferred: flagged and scored down by its confidence where inferred ties
        # count ("all"); under "observed" or "declared" the guess is left out entirely.
        row = intro[(intro["a"] == "bo") & (intro["b"] == "di")]
        assert len(row) == 1 and bool(row["may_already_know"].iloc[0]) == (evidence == "all")
        assert row["inferred_factor"].iloc[0] == (0.5 if evidence == "all" else 1.0)
        assert ("may already know each other (inferred:shared_employer)" in row["reason"].iloc[0]) == (
            evidence == "all")
    dropped = br.introductions(G, communities=COMMUNITIES, top=50, include_inferred=False)
    assert not ((dropped["a"] == "bo") & (dropped["b"] == "di")).any()
    # 6 contacts: 15 pairs, 2 known ties, 1 inferred dropped.
    assert len(dropped) == 12


def test_introductions_brokerage_after_matches_recomputing():
    G = intro_graph()
    intro = br.introductions(G, communities=COMMUNITIES, top=50, new_tie_strength=0.1)
    for row in intro.itertuples():
        if row.may_already_know:  # the inferred Bo–Di tie is already in the "all" view
            assert row.effective_size_after == row.effective_size_before
            continue
        H = G.copy()
        H.add_edge(row.a, row.b, strength=0.1)
        after = br.burt_measures(H, "me")
        assert row.effective_size_after == pytest.approx(after["effective_size"])
        assert row.constraint_after == pytest.approx(after["constraint"])
        assert row.effective_size_after < row.effective_size_before
        assert row.constraint_after > row.constraint_before


def test_introduction_after_tie_is_exact_on_random_egos():
    rng = random.Random(5)
    G = big_ego(40, 120, seed=5)
    intro = br.introductions(G, "ego", communities={}, top=15, new_tie_strength=0.37)
    assert len(intro) == 15
    for row in intro.itertuples():
        H = G.copy()
        H.add_edge(row.a, row.b, strength=0.37)
        after = br.burt_measures(H, "ego")
        assert row.constraint_after == pytest.approx(after["constraint"])
        assert row.effective_size_after == pytest.approx(after["effective_size"])
    assert rng  # seeded graph: deterministic


def test_introductions_mutual_contacts_and_candidates_cap():
    G = intro_graph()
    G.add_edge("bo", "ed", strength=0.3, evidence="export")
    intro = br.introductions(G, communities={}, top=50, include_inferred=False)
    row = intro[(intro["a"] == "bo") & (intro["b"] == "cy")].iloc[0]
    assert row["mutual_contacts"] == 1 and "no other contact in common observed" in row["reason"]
    assert "only contact in common" not in row["reason"] and bool(row["pair_observed"])
    row = intro[(intro["a"] == "di") & (intro["b"] == "ed")]
    assert row.empty
    # Bo and Di share Ed and the owner (the inferred Bo–Di tie is dropped here).
    row = intro[(intro["a"] == "cy") & (intro["b"] == "ed")].iloc[0]
    assert row["mutual_contacts"] == 1
    capped = br.introductions(G, communities={}, candidates=3, top=50)
    assert capped.attrs["candidates"] == 3 and capped.attrs["pairs_scored"] <= 3
    assert set(capped["a"]) | set(capped["b"]) <= {"ana", "bo", "di"}


def test_introductions_can_cap_how_often_one_person_appears():
    G = intro_graph()
    capped = br.introductions(G, communities=COMMUNITIES, top=50, max_per_person=1)
    people = list(capped["a"]) + list(capped["b"])
    assert len(people) == len(set(people)) and len(capped) == 3  # 6 contacts, disjoint pairs
    full = br.introductions(G, communities=COMMUNITIES, top=50)
    assert capped.loc[0, "a"] == full.loc[0, "a"] and capped.loc[0, "b"] == full.loc[0, "b"]
    with pytest.raises(InputError):
        br.introductions(G, communities=COMMUNITIES, max_per_person=0)


def test_introductions_use_partition_by_default_and_are_deterministic():
    G = intro_graph()
    first = br.introductions(G)
    pd.testing.assert_frame_equal(first, br.introductions(G))
    assert {"community_a", "community_b"} <= set(first.columns)


def test_introductions_are_fast_for_a_big_owner():
    G = big_ego(5000, 40000)
    start = time.process_time()
    intro = br.introductions(G, "ego", communities={}, top=20)
    elapsed = time.process_time() - start
    assert len(intro) == 20 and intro.attrs["pairs_scored"] <= 300 * 299 // 2
    assert elapsed < 5.0


def test_introductions_bad_input():
    G = intro_graph()
    with pytest.raises(InputError):
        br.introductions(G, "nobody", communities={})
    with pytest.raises(InputError):
        br.introductions(G, top=0, communities={})
    with pytest.raises(InputError):
        br.introductions(G.to_directed(), communities={})


def test_mutual_contacts_curve_shape():
    values = [br.mutual_contacts_curve(m) for m in range(0, 40)]
    assert values[0] == 0.0 and max(values) == values[10] == 1.0
    assert all(a < b for a, b in itertools.pairwise(values[:11]))
    assert all(a > b for a, b in itertools.pairwise(values[10:]))


# --------------------------------------------------------------------------------------------
# warm paths and references


def path_graph():
    G = nx.Graph(ego="me")
    for key, name, company, position in [
        ("me", "Me", "", ""), ("a", "Ana", "Acme", "Engineer"), ("b", "Bo", "Beta", "Sales lead"),
        ("c", "Cy", "Gamma", "Designer"), ("t", "Tess", "Target Co", "Head of Data"),
        ("u", "Uma", "Target Co", "Recruiter"), ("z", "Zed", "Nowhere", "Hermit"),
    ]:
        G.add_node(key, name=name, company=company, position=position)
    ties = [
        ("me", "a", 0.8, "in_person", dt.date(2024, 5, 1)), ("me", "b", 0.5, "online", dt.date(2023, 1, 1)),
        ("me", "c", 0.9, "in_person", None), ("a", "t", 0.5, "in_person", dt.date(2024, 2, 1)),
        ("b", "t", 0.9, "online", None), ("c", "b", 0.6, "in_person", None), ("b", "u", 0.4, "online", None),
    ]
    for u, v, s, met, last in ties:
        G.add_edge(u, v, strength=s, distance=1 / s, met=met, last_contact=last, evidence="export",
                   sources=["export"], confidence=1.0)
    G.add_node("island", name="Island", company="Target Co")
    return G


def test_warm_paths_to_a_person_each_hop_described_by_its_own_tie():
    G = path_graph()
    hops = br.warm_paths(G, target="Tess", k=3)
    assert hops["path_rank"].max() == 3
    first = hops[hops["path_rank"] == 1]
    assert first["to"].tolist() == ["a", "t"]
    # Cost: in person 1/0.8 + in person 1/0.5 = 3.25.
    assert first["path_cost"].iloc[0] == pytest.approx(3.25)
    for row in hops.itertuples():
        tie = G.edges[row._3, row.to]  # "from" is a keyword: third field
        assert row.strength == tie["strength"] and row.met == tie["met"]
        assert row.last_contact == tie["last_contact"]
    # Second, via Cy: 1/0.9 + 1/0.6 (in person) + 1.5/0.9 (online) = 4.444;
    # third, via Bo: 2×1.5 + 1.5/0.9 = 4.667.
    second = hops[hops["path_rank"] == 2]
    assert second["to"].tolist() == ["c", "b", "t"]
    assert second["path_cost"].iloc[0] == pytest.approx(1 / 0.9 + 1 / 0.6 + 1.5 / 0.9)
    third = hops[hops["path_rank"] == 3]
    assert third["to"].tolist() == ["b", "t"]
    assert third["path_cost"].iloc[0] == pytest.approx(3.0 + 1.5 / 0.9)


def test_warm_paths_prefer_in_person_links():
    G = path_graph()
    no_penalty = br.warm_paths(G, target="t", k=1, online_penalty=1.0, per="path")
    # Without a penalty, via Bo (2 + 1.11 = 3.11) beats via Ana (3.25).
    assert no_penalty.loc[0, "introducer"] == "b"
    assert br.warm_paths(G, target="t", k=1, per="path").loc[0, "introducer"] == "a"


def test_warm_paths_to_a_company_and_a_keyword():
    G = path_graph()
    paths = br.warm_paths(G, target="target co.", k=5, per="path")
    assert paths["matched_by"].unique().tolist() == ["company"]
    assert paths["target"].tolist() == ["t", "u"]  # the island is unreachable
    assert paths.loc[0, "route"].startswith("you → Ana (met in person, strength 0.80, last contact 2024-05-01)")
    keyword = br.warm_paths(G, target="recruit", per="path")
    assert keyword.loc[0, "target"] == "u" and keyword.loc[0, "matched_by"] == "keyword"
    url = br.warm_paths(G.copy(), target="t", per="path")
    assert url.loc[0, "matched_by"] == "person"


def _accented_graph():
    """me knows Ana (in person) and Zoé directly; Ana knows Élodie at Savoirs Boréal and Marc, Directeur Général."""
    G = nx.Graph(ego="me")
    G.add_node("me", name="Me")
    G.add_node("a", name="Ana", company="Acme", position="Analyste")
    G.add_node("z", name="Zoé Lévesque", company="Cèdre Labs", position="Chercheuse")
    G.add_node("e", name="Élodie Côté", company="Savoirs Boréal", position="Conseillère pédagogique")
    G.add_node("m", name="Marc Roy", company="Granite Code", position="Directeur Général")
    G.add_edge("me", "a", strength=0.5, met="in_person")
    G.add_edge("me", "z", strength=0.25, met="online")
    G.add_edge("a", "e", strength=0.5, met="in_person")
    G.add_edge("a", "m", strength=0.25, met="in_person")
    return G


@pytest.mark.parametrize("typed, who, how", [
    ("Savoirs Boreal", "e", "company"), ("SAVOIRS BORÉAL", "e", "company"), ("savoirs", "e", "keyword"),
    ("savoirs  boreal", "e", "company"), ("elodie cote", "e", "name"), ("ZOE LEVESQUE", "z", "name"),
    ("directeur general", "m", "keyword"), ("Conseillere", "e", "keyword"), ("cedre", "z", "keyword"),
])
def test_warm_paths_fold_accents_and_case_for_names_companies_and_positions(typed, who, how):
    paths = br.warm_paths(_accented_graph(), target=typed, per="path")
    assert list(paths["target"]) == [who] and set(paths["matched_by"]) == {how}


def test_warm_paths_show_the_targets_company_and_position():
    G = _accented_graph()
    paths = br.warm_paths(G, target="Savoirs Boreal", per="path")
    # you → Ana (0.5, in person: length 2) → Élodie (0.5, in person: length 2) = 4
    assert paths.loc[0, ["target_name", "target_company", "target_position", "introducer_name", "hops"]].tolist() == [
        "Élodie Côté", "Savoirs Boréal", "Conseillère pédagogique", "Ana", 2]
    assert paths.loc[0, "path_cost"] == pytest.approx(4.0)
    hops = br.warm_paths(G, target="Savoirs Boreal")
    assert set(hops["target_company"]) == {"Savoirs Boréal"} and set(hops["target_position"]) == {"Conseillère pédagogique"}
    # A target without company or position shows blanks, not "nan".
    G.add_node("q", name="Quinn")
    G.add_edge("a", "q", strength=0.5, met="in_person")
    assert br.warm_paths(G, target="Quinn", per="path").loc[0, ["target_company", "target_position"]].tolist() == ["", ""]


def test_warm_paths_say_you_know_a_direct_contact_directly():
    G = _accented_graph()
    G.add_edge("z", "a", strength=0.5, met="online")  # a second, longer route to Ana through Zoé
    paths = br.warm_paths(G, target="Ana", per="path")
    # Direct: length 2 (0.5, in person). Through Zoé: 4 × 1.5 + 2 × 1.5 = 9 (both online).
    assert paths["hops"].tolist() == [1, 2] and paths["path_cost"].tolist() == pytest.approx([2.0, 9.0])
    assert paths["introducer_name"].tolist() == ["you know them directly", "Zoé Lévesque"]
    assert "Ana" not in paths.loc[0, "introducer_name"]


def test_warm_paths_label_inferred_hops_and_respect_evidence():
    G = path_graph()
    G.add_edge("me", "u", strength=0.9, distance=1 / 0.9, met="unknown", evidence="inferred:same_company",
               sources=["inferred:same_company"], confidence=0.3)
    paths = br.warm_paths(G, target="Uma", per="path", k=1)
    assert bool(paths.loc[0, "any_inferred"]) and "may not be real" in paths.loc[0, "route"]
    observed = br.warm_paths(G, target="Uma", per="path", k=1, evidence="observed")
    # Without the inferred tie: via Cy and Bo (1.11 + 1.67 + 3.75) beats via Bo alone (3 + 3.75).
    assert not observed.loc[0, "any_inferred"] and observed.loc[0, "hops"] == 3
    assert observed.loc[0, "introducer"] == "c"


def test_warm_paths_empty_and_errors():
    G = path_graph()
    empty = br.warm_paths(G, target="island")
    assert empty.empty and "route" in empty.columns
    with pytest.raises(InputError):
        br.warm_paths(G, target="no such thing anywhere")
    with pytest.raises(InputError):
        br.warm_paths(G, target="")
    with pytest.raises(InputError):
        br.warm_paths(G, target="t", k=0)


def test_references_lists_in_person_contacts_who_know_the_candidate():
    G = path_graph()
    refs = br.references(G, candidate="Tess")
    assert refs["key"].tolist() == ["a"]
    assert refs.loc[0, "your_strength"] == 0.8 and refs.loc[0, "their_strength"] == 0.5
    everyone = br.references(G, candidate="t", in_person_only=False)
    assert everyone["key"].tolist() == ["a", "b"]
    with pytest.raises(InputError):
        br.references(G, candidate="Target Co")


# --------------------------------------------------------------------------------------------
# fields of work


def test_fields_are_read_in_english_and_french():
    assert intros._families("Développeuse logiciel at Outremont Cloud") == {"software"}
    assert intros._families("Infirmière clinicienne, Santé Bluewater") == {"health"}
    assert intros._families("Actuaire at Assurances Lakeshore") == {"finance"}
    assert intros._role_fit({"product"}, {"software", "data"}) == "complementary fields: product and data"
    assert intros._role_fit({"health"}, {"health"}) == "both work in health"
    assert intros._role_fit({"culture"}, {"operations"}) == ""

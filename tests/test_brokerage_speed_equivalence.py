"""The vectorised paths of brokerage roles, introductions and warm paths give the per-person answers.

Each test compares a public function with the per-person / per-pair code it replaced, kept as
the reference in ``tests/reference/brokerage.py``, on seeded random graphs — weighted, with
isolated people, several components — and on the sample cohort.
"""

import random
from collections import Counter

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from reference import brokerage as ref_brokerage

import netanalysis as na
from netanalysis import brokerage as br
from netanalysis.brokerage import intros


def random_graph(seed, n=60, p=0.08, *, components=3, isolates=3):
    """Seeded G(n, p) components plus isolated people, random strengths, met, companies, positions."""
    rng = random.Random(seed)
    G = nx.Graph(ego="c0-000")
    for c in range(components):
        part = nx.gnp_random_graph(n, p, seed=seed * 10 + c)
        G.add_nodes_from(f"c{c}-{u:03d}" for u in part)
        G.add_edges_from((f"c{c}-{u:03d}", f"c{c}-{v:03d}") for u, v in part.edges)
    G.add_edges_from(("c0-000", x) for x in list(G) if x != "c0-000" and rng.random() < 0.5)  # an owner
    for k in range(isolates):
        G.add_node(f"z{k}")
    companies = ["Acme", "Beta Inc.", "Gamma", ""]
    positions = ["Founder", "Angel investor", "Engineer", "Recruiter", "Sales manager", ""]
    for n in G:
        G.nodes[n].update(name=f"Person {n}", company=rng.choice(companies), position=rng.choice(positions))
    for u, v in G.edges:
        G.edges[u, v].update(strength=rng.choice([0.1, 0.5, rng.uniform(0.01, 1.0)]),
                             met=rng.choice(["in_person", "online", "unknown"]))
        if rng.random() < 0.1:
            G.edges[u, v].update(evidence="inferred:same_company", confidence=0.4)
    return G


@pytest.fixture(scope="module")
def cohort():
    files = na.sample_files("cohort")
    return na.build_graph([na.read_export(p) for p in files["exports"]], knows=na.read_knows(files["knows"]))


# --------------------------------------------------------------------------------------------
# brokerage roles


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("ordered", [False, True])
def test_roles_for_everyone_match_the_per_person_count(seed, ordered):
    G = random_graph(seed)
    G.add_edge("c1-001", "c1-001")  # a self-loop is nobody's pair
    rng = random.Random(seed)
    groups = {n: rng.choice(["a", "b", "c", 1, 2.0]) for n in G if rng.random() < 0.8}  # 2.0 == 2
    got = br.brokerage_roles(G, groups=groups, ordered=ordered)
    pd.testing.assert_frame_equal(got, ref_brokerage.roles(G, groups, ordered=ordered), check_exact=True)


@pytest.mark.parametrize("seed", range(3))
def test_roles_for_a_few_people_match_the_per_person_count(seed):
    G = random_graph(seed, n=120, p=0.05)
    groups = {n: n[:2] for n in G if not n.endswith("7")}
    for nodes in (["c0-000"], ["c0-000", "c1-003", "z0"], ["c0-000", "c0-000"], sorted(G)[:9]):
        got = br.brokerage_roles(G, groups=groups, nodes=nodes)
        pd.testing.assert_frame_equal(got, ref_brokerage.roles(G, groups, nodes=nodes), check_exact=True)


def test_roles_on_an_owner_with_many_contacts():
    rng = random.Random(3)
    G = nx.Graph()
    G.add_edges_from(("ego", i) for i in range(400))
    G.add_edges_from((rng.randrange(400), rng.randrange(400)) for _ in range(2500))
    G.remove_edges_from(nx.selfloop_edges(G))
    groups = {i: i % 7 for i in range(400) if i % 11}
    for nodes in (None, ["ego"]):
        got = br.brokerage_roles(G, groups=groups, nodes=nodes)
        pd.testing.assert_frame_equal(got, ref_brokerage.roles(G, groups, nodes=nodes), check_exact=True)


def test_roles_on_the_sample_cohort(cohort):
    part = na.partition(cohort, ego=cohort.graph["ego"])
    got = br.brokerage_roles(cohort, groups=part, withhold=False)  # the arithmetic, as the reference counts
    pd.testing.assert_frame_equal(got, ref_brokerage.roles(cohort, part), check_exact=True)


# --------------------------------------------------------------------------------------------
# introductions


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("include_inferred", [True, False])
def test_pair_scores_match_the_pair_by_pair_loop_bit_for_bit(seed, include_inferred):
    G = random_graph(seed)
    evidence = "declared" if seed % 2 else "all"
    rng = random.Random(seed)
    ego = "c0-000"
    chosen, _ = ref_brokerage.candidates(G, ego, G.degree(ego), evidence)
    communities = {c: rng.choice([0, 1, 2, None]) for c in chosen if rng.random() < 0.8}
    got = br.introductions(G, ego, top=len(chosen) ** 2, evidence=evidence, communities=communities,
                           candidates=len(chosen), include_inferred=include_inferred)
    got = list(zip((-got["score"]).tolist(), got["a"].map(str), got["b"].map(str), got["a"], got["b"],
                   got["inferred_tie"], got["inferred_factor"].tolist(), got["mutual_contacts"].tolist(),
                   got["different_circles"].tolist(), strict=True))
    ref = ref_brokerage.pair_scores(G, ego, communities, evidence=evidence, include_inferred=include_inferred)
    assert got == ref
    alone = G.subgraph([ego, chosen[0]]).copy()  # a single candidate: no pair to score
    assert br.introductions(alone, ego, communities=communities, include_inferred=True).attrs["pairs_scored"] == 0


@pytest.mark.parametrize("seed", range(40))
def test_strongest_candidates_are_sorted_then_cut(seed):
    rng = random.Random(seed)
    keys = [*rng.sample(range(1000), rng.randint(0, 80)), "7", "x"]
    strength = {k: rng.choice([0.0, 0.1, 0.5, 1.0, rng.random()]) for k in keys}
    for n in (1, 2, 5, 30, 200):
        ref = sorted(strength, key=lambda c: (-strength[c], str(c)))[:n]
        assert sorted(intros._strongest(strength, n), key=repr) == sorted(ref, key=repr)


def test_ego_strengths_read_like_tie_weight():
    ties = {"a": {"strength": 0.5}, "b": {}, "c": {"strength": 1}, "d": {"strength": "0.25"}}
    assert intros._ego_strengths(ties, "strength") == {"a": 0.5, "b": 1.0, "c": 1.0, "d": 0.25}
    assert intros._ego_strengths({"a": {"strength": 0.5}}, None) == {"a": 1.0}
    for bad in (-0.5, float("nan"), "x"):
        with pytest.raises(na.InputError):
            intros._ego_strengths({"a": {"strength": 0.5}, "b": {"strength": bad}}, "strength")


def owner_measures_by_reference(G, got, **kwargs):
    """``got`` with the owner's Burt measures before and after each introduction recomputed from scratch."""
    ref = got.copy()
    after = ref_brokerage.owner_after_introductions(G, got.attrs["ego"], list(zip(got["a"], got["b"], strict=True)),
                                                    **kwargs)
    shown = na.observation(G, got.attrs["ego"], evidence=got.attrs["evidence"])["computable"]
    for column in after:  # withheld where the ties between the owner's contacts are not observed
        ref[column] = after[column].to_numpy() if shown else np.nan
    return ref


@pytest.mark.parametrize("seed", range(3))
def test_introductions_match_the_reference_path(seed):
    G = random_graph(seed, n=80, p=0.1)
    kwargs = {"communities": {n: n[:2] for n in G}, "top": 40, "candidates": 50, "max_per_person": 3 if seed else None}
    got = br.introductions(G, **kwargs)
    ref = owner_measures_by_reference(G, got)
    pd.testing.assert_frame_equal(got, ref, check_exact=False, rtol=1e-9, atol=1e-12)
    ego = G.graph["ego"]
    pairs = ref_brokerage.pair_scores(G, ego, kwargs["communities"], n=50)
    assert got.attrs == {"ego": ego, "evidence": "all", "pairs_scored": len(pairs), "candidates": 50,
                         "community_engine": None}


def test_introductions_on_the_sample_cohort(cohort):
    part = na.partition(cohort, ego=cohort.graph["ego"])
    got = br.introductions(cohort, communities=part, top=30)
    ref = owner_measures_by_reference(cohort, got)
    pd.testing.assert_frame_equal(got, ref, check_exact=False, rtol=1e-9, atol=1e-12)


# --------------------------------------------------------------------------------------------
# warm paths


def routes(paths):
    """``(route, cost)`` of each path of a ``warm_paths`` frame (``per="hop"``), in rank order."""
    out = []
    for _, hops in paths.groupby("path_rank", sort=True):
        out.append(([hops["from"].iloc[0], *hops["to"]], hops["path_cost"].iloc[0]))
    return out


def path_rows(found):
    """The ``per="path"`` columns that :func:`reference.brokerage.warm_routes` also gives."""
    return [(route[-1], route[1], len(route) - 1, cost) for route, cost in found]


@pytest.mark.parametrize("seed", range(4))
def test_warm_paths_to_a_company_match_networkx(seed):
    G = random_graph(seed, n=80, p=0.06)
    if seed % 2:
        na.tie_strength(G)  # distance on every tie; otherwise 1 / strength
    for target, k in (("Acme", 3), ("Beta Inc", 50), ("engineer", 5), ("Gamma", 1)):
        for evidence in ("all", "declared"):
            got = br.warm_paths(G, "c0-000", target, k=k, evidence=evidence)
            # An evidence filter scores its kept ties again (tiestrength.scored_view, tested in
            # test_strength): the reference walks that graph.
            kept = na.scored_view(G, evidence) if seed % 2 else G
            assert routes(got) == ref_brokerage.warm_routes(kept, "c0-000", target, k=k,
                                                            evidence="all" if seed % 2 else evidence)


def test_warm_paths_with_equal_costs_zero_and_infinite_lengths():
    G = nx.Graph(ego="me")
    G.add_node("t1", company="Target")
    G.add_node("t2", company="Target")
    G.add_edges_from([("me", "a"), ("me", "b"), ("a", "t1"), ("b", "t1"), ("b", "t2")], strength=0.5, met="in_person")
    got = br.warm_paths(G, target="Target", k=5)  # two routes of equal cost to t1: networkx decides
    assert routes(got) == ref_brokerage.warm_routes(G, "me", "Target", k=5)
    G.add_node("t3", company="Target")
    G.add_edge("me", "t3", strength=0.0)  # infinite length: unreachable
    G.add_edge("a", "c", distance=0.0)  # zero length: networkx itself runs
    for graph in (G, G.subgraph([n for n in G if n != "c"])):
        got = br.warm_paths(graph, target="Target", k=5, per="path")
        found = ref_brokerage.warm_routes(graph, "me", "Target", k=5)
        assert list(zip(got["target"], got["introducer"], got["hops"], got["path_cost"], strict=True)) == path_rows(found)


def test_warm_paths_on_the_sample_cohort(cohort):
    ego = cohort.graph["ego"]
    company = Counter(cohort.nodes[n].get("company") for n in cohort.neighbors(ego)).most_common(1)[0][0]
    for k in (3, 40):
        got = br.warm_paths(cohort, ego, company, k=k)
        assert routes(got) == ref_brokerage.warm_routes(cohort, ego, company, k=k)

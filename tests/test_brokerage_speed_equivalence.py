"""The vectorised paths of brokerage roles, introductions and warm paths give the per-person answers.

Each test compares a public function with a copy of the per-person / per-pair code it replaced
(kept here as the reference) on seeded random graphs — weighted, with isolated people, several
components — and on the sample cohort.
"""

import random
from collections import Counter

import networkx as nx
import pandas as pd
import pytest

import netanalysis as na
from netanalysis import brokerage as br


def _count_undirected(H, v, group_of):
    """The reference: the per-person count brokerage_roles made before the triangle list.

    Open unordered pairs of v's contacts by role: all pairs by group sizes, minus the tied ones.
    """
    nbrs = {u for u in H.adj[v] if u != v}
    g = group_of[v]
    sizes = Counter(group_of[u] for u in nbrs)
    inside = sizes.get(g, 0)
    outside = len(nbrs) - inside
    other_sq = sum(c * c for h, c in sizes.items() if h != g)
    counts = {
        "coordinator": inside * (inside - 1) // 2,
        "consultant": sum(c * (c - 1) // 2 for h, c in sizes.items() if h != g),
        "representative_gatekeeper": inside * outside,
        "liaison": (outside * outside - other_sq) // 2,
    }
    closed = Counter()
    for a in nbrs:
        adj_a = H.adj[a]
        candidates = (b for b in adj_a if b in nbrs) if len(adj_a) <= len(nbrs) else (b for b in nbrs if b in adj_a)
        ga = group_of[a]
        for b in candidates:
            if b == a:
                continue
            gb = group_of[b]
            if ga == g and gb == g:
                closed["coordinator"] += 1
            elif ga == gb:
                closed["consultant"] += 1
            elif ga == g or gb == g:
                closed["representative_gatekeeper"] += 1
            else:
                closed["liaison"] += 1
    for role, twice in closed.items():  # every closed pair was seen from both ends
        counts[role] -= twice // 2
    return counts


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


def reference_roles(G, groups, *, nodes=None, ordered=False):
    """brokerage_roles as it was: one person at a time (``_count_undirected``, ``_expected_roles``)."""
    H = G
    mapping = dict(groups)
    group_of = {n: mapping[n] if n in mapping else br._Alone(n) for n in H}
    people = br._sorted(H.nodes) if nodes is None else list(nodes)
    roles = br._ORDERED_ROLES if ordered else br._UNDIRECTED_ROLES
    sizes = Counter(group_of.values())
    n_total = H.number_of_nodes()
    arcs = H.number_of_edges() * 2 - nx.number_of_selfloops(H)
    density = arcs / (n_total * (n_total - 1)) if n_total > 1 else 0.0
    rows = []
    for v in people:
        counts = _count_undirected(H, v, group_of)
        if ordered:
            counts = {
                "coordinator": 2 * counts["coordinator"], "consultant": 2 * counts["consultant"],
                "representative": counts["representative_gatekeeper"],
                "gatekeeper": counts["representative_gatekeeper"], "liaison": 2 * counts["liaison"],
            }
        row = {"key": v, "name": br._name(H, v), "group": mapping.get(v)}
        row.update({r: int(counts[r]) for r in roles})
        row["total"] = int(sum(counts[r] for r in roles))
        expected = br._expected_roles(sizes, group_of[v], n_total, density, ordered)
        row.update({f"expected_{r}": expected[r] for r in [*roles, "total"]})
        rows.append(row)
    columns = ["key", "name", "group", *roles, "total", *(f"expected_{r}" for r in [*roles, "total"])]
    return pd.DataFrame(rows, columns=columns)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("ordered", [False, True])
def test_roles_for_everyone_match_the_per_person_count(seed, ordered):
    G = random_graph(seed)
    G.add_edge("c1-001", "c1-001")  # a self-loop is nobody's pair
    rng = random.Random(seed)
    groups = {n: rng.choice(["a", "b", "c", 1, 2.0]) for n in G if rng.random() < 0.8}  # 2.0 == 2
    got = br.brokerage_roles(G, groups=groups, ordered=ordered)
    pd.testing.assert_frame_equal(got, reference_roles(G, groups, ordered=ordered), check_exact=True)


@pytest.mark.parametrize("seed", range(3))
def test_roles_for_a_few_people_match_the_per_person_count(seed):
    G = random_graph(seed, n=120, p=0.05)
    groups = {n: n[:2] for n in G if not n.endswith("7")}
    for nodes in (["c0-000"], ["c0-000", "c1-003", "z0"], ["c0-000", "c0-000"], sorted(G)[:9]):
        got = br.brokerage_roles(G, groups=groups, nodes=nodes)
        pd.testing.assert_frame_equal(got, reference_roles(G, groups, nodes=nodes), check_exact=True)


def test_roles_on_an_owner_with_many_contacts():
    rng = random.Random(3)
    G = nx.Graph()
    G.add_edges_from(("ego", i) for i in range(400))
    G.add_edges_from((rng.randrange(400), rng.randrange(400)) for _ in range(2500))
    G.remove_edges_from(nx.selfloop_edges(G))
    groups = {i: i % 7 for i in range(400) if i % 11}
    for nodes in (None, ["ego"]):
        got = br.brokerage_roles(G, groups=groups, nodes=nodes)
        pd.testing.assert_frame_equal(got, reference_roles(G, groups, nodes=nodes), check_exact=True)


def test_roles_on_the_sample_cohort(cohort):
    part = na.partition(cohort, ego=cohort.graph["ego"])
    got = br.brokerage_roles(cohort, groups=part)
    pd.testing.assert_frame_equal(got, reference_roles(cohort, part), check_exact=True)


# --------------------------------------------------------------------------------------------
# introductions


def reference_pairs(G, H, chosen, strength, met, families, communities, *, include_inferred=True,
                    met_bonus=0.5, role_bonus=0.25):
    """The pair-by-pair scoring loop of introductions as it was."""
    nbrs = {c: set(H.adj[c]) for c in chosen}
    scored = []
    for x, a in enumerate(chosen):
        adj_a = G.adj[a]
        for b in chosen[x + 1:]:
            inferred, inferred_factor = "", 1.0
            if b in adj_a:
                data = adj_a[b]
                sources = data.get("sources") or [data.get("evidence", "export")]
                if any(not str(s).startswith("inferred") for s in sources) or not include_inferred:
                    continue
                inferred = data.get("evidence") or str(sources[0])
                inferred_factor = 1.0 - float(data.get("confidence", 0.5))
            vouch = strength[a] * strength[b]
            met_factor = 1.0 + met_bonus * ((met[a] == "in_person") + (met[b] == "in_person"))
            ca, cb = communities.get(a), communities.get(b)
            different = ca is not None and cb is not None and ca != cb
            fa, fb = families[a], families[b]
            fit = bool(fa & fb) or any(frozenset((p, q)) in br.COMPLEMENTARY_ROLES for p in fa for q in fb)
            mutual = len(nbrs[a] & nbrs[b])
            score = (vouch * met_factor * (2.0 if different else 1.0) * (1.0 + role_bonus * fit)
                     * br.mutual_contacts_curve(mutual) * inferred_factor)
            scored.append((-score, str(a), str(b), a, b, inferred, inferred_factor, mutual, different))
    scored.sort(key=lambda t: t[:3])
    return scored


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("include_inferred", [True, False])
def test_pair_scores_match_the_pair_by_pair_loop_bit_for_bit(seed, include_inferred):
    G = random_graph(seed)
    H = br._view(G, "declared") if seed % 2 else G
    rng = random.Random(seed)
    ego = "c0-000"
    chosen = br._sorted(c for c in H.adj[ego] if c != ego)
    strength = {c: H.adj[ego][c]["strength"] for c in chosen}
    met = {c: H.adj[ego][c]["met"] for c in chosen}
    families = {c: br._person_fields(G, c) for c in chosen}
    communities = {c: rng.choice([0, 1, 2, None]) for c in chosen if rng.random() < 0.8}
    got = list(br._score_pairs(G, H, chosen, strength, met, families, communities, include_inferred=include_inferred,
                               met_bonus=0.5, role_bonus=0.25))
    ref = reference_pairs(G, H, chosen, strength, met, families, communities, include_inferred=include_inferred)
    assert got == ref
    assert br._score_pairs(G, H, chosen[:1], strength, met, families, communities, include_inferred=True,
                           met_bonus=0.5, role_bonus=0.25).total == 0


@pytest.mark.parametrize("seed", range(40))
def test_strongest_candidates_are_sorted_then_cut(seed):
    rng = random.Random(seed)
    keys = [*rng.sample(range(1000), rng.randint(0, 80)), "7", "x"]
    strength = {k: rng.choice([0.0, 0.1, 0.5, 1.0, rng.random()]) for k in keys}
    for n in (1, 2, 5, 30, 200):
        ref = sorted(strength, key=lambda c: (-strength[c], str(c)))[:n]
        assert sorted(br._strongest(strength, n), key=repr) == sorted(ref, key=repr)


def test_ego_strengths_read_like_tie_weight():
    ties = {"a": {"strength": 0.5}, "b": {}, "c": {"strength": 1}, "d": {"strength": "0.25"}}
    assert br._ego_strengths(ties, "strength") == {"a": 0.5, "b": 1.0, "c": 1.0, "d": 0.25}
    assert br._ego_strengths({"a": {"strength": 0.5}}, None) == {"a": 1.0}
    for bad in (-0.5, float("nan"), "x"):
        with pytest.raises(na.InputError):
            br._ego_strengths({"a": {"strength": 0.5}, "b": {"strength": bad}}, "strength")


def without_arrays(monkeypatch):
    """Make introductions update the owner's measures by the per-contact reference ``_after_tie``."""
    ego_state = br._ego_state

    def reference_state(H, weight, ego):
        state = ego_state(H, weight, ego)
        if state is not None:
            state.pop("arrays")
        return state

    monkeypatch.setattr(br, "_ego_state", reference_state)


@pytest.mark.parametrize("seed", range(3))
def test_introductions_match_the_reference_path(seed, monkeypatch):
    G = random_graph(seed, n=80, p=0.1)
    kwargs = {"communities": {n: n[:2] for n in G}, "top": 40, "candidates": 50, "max_per_person": 3 if seed else None}
    got = br.introductions(G, **kwargs)
    without_arrays(monkeypatch)
    ref = br.introductions(G, **kwargs)
    pd.testing.assert_frame_equal(got, ref, check_exact=False, rtol=1e-9, atol=1e-12)
    assert got.attrs == ref.attrs


def test_introductions_on_the_sample_cohort(cohort, monkeypatch):
    part = na.partition(cohort, ego=cohort.graph["ego"])
    got = br.introductions(cohort, communities=part, top=30)
    without_arrays(monkeypatch)
    ref = br.introductions(cohort, communities=part, top=30)
    pd.testing.assert_frame_equal(got, ref, check_exact=False, rtol=1e-9, atol=1e-12)


# --------------------------------------------------------------------------------------------
# warm paths


def reference_warm_paths(monkeypatch, *args, **kwargs):
    with monkeypatch.context() as m:
        m.setattr(br, "_best_routes", br._nx_routes)
        return br.warm_paths(*args, **kwargs)


@pytest.mark.parametrize("seed", range(4))
def test_warm_paths_to_a_company_match_networkx(seed, monkeypatch):
    G = random_graph(seed, n=80, p=0.06)
    if seed % 2:
        na.tie_strength(G)  # distance on every tie; otherwise 1 / strength
    for target, k in (("Acme", 3), ("Beta Inc", 50), ("engineer", 5), ("Gamma", 1)):
        for evidence in ("all", "declared"):
            got = br.warm_paths(G, "c0-000", target, k=k, evidence=evidence)
            ref = reference_warm_paths(monkeypatch, G, "c0-000", target, k=k, evidence=evidence)
            pd.testing.assert_frame_equal(got, ref, check_exact=True)


def test_warm_paths_with_equal_costs_zero_and_infinite_lengths(monkeypatch):
    G = nx.Graph(ego="me")
    G.add_node("t1", company="Target")
    G.add_node("t2", company="Target")
    G.add_edges_from([("me", "a"), ("me", "b"), ("a", "t1"), ("b", "t1"), ("b", "t2")], strength=0.5, met="in_person")
    got = br.warm_paths(G, target="Target", k=5)  # two routes of equal cost to t1: networkx decides
    pd.testing.assert_frame_equal(got, reference_warm_paths(monkeypatch, G, target="Target", k=5), check_exact=True)
    G.add_node("t3", company="Target")
    G.add_edge("me", "t3", strength=0.0)  # infinite length: unreachable
    G.add_edge("a", "c", distance=0.0)  # zero length: networkx itself runs
    for graph in (G, G.subgraph([n for n in G if n != "c"])):
        got = br.warm_paths(graph, target="Target", k=5, per="path")
        pd.testing.assert_frame_equal(got, reference_warm_paths(monkeypatch, graph, target="Target", k=5, per="path"),
                                      check_exact=True)


def test_warm_paths_on_the_sample_cohort(cohort, monkeypatch):
    ego = cohort.graph["ego"]
    company = Counter(cohort.nodes[n].get("company") for n in cohort.neighbors(ego)).most_common(1)[0][0]
    for k in (3, 40):
        got = br.warm_paths(cohort, ego, company, k=k)
        pd.testing.assert_frame_equal(got, reference_warm_paths(monkeypatch, cohort, ego, company, k=k),
                                      check_exact=True)

"""The optional igraph engine for Louvain (communities) and betweenness (brokerage).

igraph is optional: every test that needs it is skipped without it, and the "hidden" tests
make ``import igraph`` fail (``sys.modules["igraph"] = None``) to check that everything then
behaves exactly as with python-louvain and networkx alone.
"""

import random
import statistics
import sys

import networkx as nx
import numpy as np
import pytest

import netanalysis as na
from netanalysis import communities
from netanalysis.brokerage import betweenness
from netanalysis.errors import InputError

try:
    import igraph  # noqa: F401

    HAVE_IGRAPH = True
except ImportError:
    HAVE_IGRAPH = False

needs_igraph = pytest.mark.skipif(not HAVE_IGRAPH, reason="igraph is not installed (pip install igraph)")


@pytest.fixture
def no_igraph(monkeypatch):
    """Make ``import igraph`` raise ImportError, as on a machine without it."""
    monkeypatch.setitem(sys.modules, "igraph", None)


def _modularity(G, part, weight):
    groups = {}
    for n, cid in part.items():
        groups.setdefault(cid, set()).add(n)
    return nx.community.modularity(G, list(groups.values()), weight=weight)


def _two_triangles():
    # Two triangles joined by one tie: m = 7, each side has degree sum 7, so
    # Q_split(γ) = 6/7 − γ/2 and Q_merged(γ) = 1 − γ: splitting wins exactly when γ > 2/7.
    return nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])


def _weighted_graph(seed, n=60, m=180, attr="strength"):
    G = nx.gnm_random_graph(n, m, seed=seed)
    rng = random.Random(seed)
    for u, v in G.edges:
        G.edges[u, v][attr] = rng.uniform(0.05, 1.0) if attr == "strength" else rng.uniform(0.5, 3.0)
    return G


# --------------------------------------------------------------------------------------------
# communities


def test_small_graphs_keep_python_louvain_by_default():
    G = nx.karate_club_graph()
    df = na.detect_communities(G, weight="weight", runs=2)
    assert df.attrs["engine"] == "python-louvain"
    assert na.partition(G, weight="weight") == na.partition(G, weight="weight", engine="python-louvain")
    assert communities.IGRAPH_MIN_TIES == 50_000


def test_resolution_other_than_one_is_labelled_networkx():
    df = na.detect_communities(_two_triangles(), resolution=2.0, runs=1, engine="python-louvain")
    assert df.attrs["engine"] == "networkx"


@needs_igraph
def test_igraph_same_seed_same_partition_and_global_random_untouched():
    G = nx.planted_partition_graph(8, 40, 0.1, 0.03, seed=1)
    random.seed(12345)
    state = random.getstate()
    runs = [na.partition(G, engine="igraph", seed=s) for s in (0, 1, 2, 0, 1, 2)]
    assert random.getstate() == state
    assert runs[0] == runs[3] and runs[1] == runs[4] and runs[2] == runs[5]
    # The seed matters: igraph shuffles its node order from the seeded generator.
    assert len({tuple(sorted(p.items())) for p in runs}) > 1
    # igraph's generator is back on the random module (igraph's default) afterwards.
    import igraph as ig

    ig.set_random_number_generator(random)
    assert na.partition(G, engine="igraph", seed=7) == na.partition(G, engine="igraph", seed=7)


@needs_igraph
@pytest.mark.parametrize("weight", [None, "weight"])
def test_igraph_modularity_on_karate_within_001_of_python_louvain(weight):
    # Both engines are randomised Louvain: single runs on karate vary (python-louvain 0.4156 to
    # 0.4198 unweighted, igraph 0.392 to 0.4198), so compare over ten seeds.
    G = nx.karate_club_graph()
    q = {
        engine: [_modularity(G, na.partition(G, weight=weight, engine=engine, seed=s), weight) for s in range(10)]
        for engine in ("python-louvain", "igraph")
    }
    assert abs(statistics.mean(q["igraph"]) - statistics.mean(q["python-louvain"])) < 0.01
    assert abs(max(q["igraph"]) - max(q["python-louvain"])) < 0.01
    if weight is None:
        assert max(q["igraph"]) == pytest.approx(0.4198, abs=1e-4)  # karate's optimum (Brandes et al. 2008)


@needs_igraph
def test_igraph_recovers_a_planted_partition_like_python_louvain():
    G = nx.planted_partition_graph(6, 40, 0.25, 0.02, seed=4)
    truth = [set(range(40 * b, 40 * (b + 1))) for b in range(6)]
    q_truth = nx.community.modularity(G, truth)
    for seed in range(3):
        q_pl = _modularity(G, na.partition(G, weight=None, seed=seed), None)
        part = na.partition(G, weight=None, engine="igraph", seed=seed)
        assert abs(_modularity(G, part, None) - q_pl) < 0.01
        assert abs(_modularity(G, part, None) - q_truth) < 0.01
        assert len(set(part.values())) == 6


@needs_igraph
@pytest.mark.parametrize("engine", ["python-louvain", "igraph"])
def test_resolution_is_the_same_gamma_in_both_engines(engine):
    G = _two_triangles()
    assert len(set(na.partition(G, weight=None, resolution=0.25, engine=engine).values())) == 1
    assert na.partition(G, weight=None, resolution=0.35, engine=engine) == {
        "a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 1}


@needs_igraph
def test_igraph_post_processing_and_attrs():
    G = nx.Graph(ego="me")
    G.add_edges_from([("me", p) for p in "abcdefg"])
    G.add_edges_from([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f")])
    assert na.partition(G, engine="igraph") == {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 1}
    df = na.detect_communities(G, engine="igraph", runs=3)
    assert df.attrs["engine"] == "igraph"
    assert df.attrs["modularity"] == pytest.approx(0.5)
    assert df.attrs["stability"] == 1.0
    assert list(df["status"]) == ["community"] * 6 + ["no ties between contacts"]
    assert na.community_stability(nx.ring_of_cliques(10, 5), runs=3, engine="igraph") == 1.0


@needs_igraph
def test_automatic_engine_follows_the_tie_threshold(monkeypatch):
    G = nx.ring_of_cliques(6, 5)  # 66 ties
    monkeypatch.setattr(communities, "IGRAPH_MIN_TIES", 65)
    monkeypatch.setattr(communities, "STABILITY_MAX_TIES", 10)
    df = na.detect_communities(G)
    assert df.attrs["engine"] == "igraph"
    assert df.attrs["runs"] == 3  # igraph affords a few stability runs
    assert na.partition(G) == na.partition(G, engine="igraph")
    df = na.detect_communities(G, engine="python-louvain")
    assert df.attrs["runs"] == 1
    monkeypatch.setattr(communities, "IGRAPH_MIN_TIES", 66)
    assert na.detect_communities(G, runs=1).attrs["engine"] == "python-louvain"


def test_without_igraph_everything_is_python_louvain(no_igraph, monkeypatch):
    G = nx.karate_club_graph()
    monkeypatch.setattr(communities, "IGRAPH_MIN_TIES", 0)
    df = na.detect_communities(G, weight="weight", runs=2)
    assert df.attrs["engine"] == "python-louvain"
    assert na.partition(G, weight="weight") == na.partition(G, weight="weight", engine="python-louvain")
    with pytest.raises(InputError, match="needs the igraph package"):
        na.partition(G, engine="igraph")


def test_unknown_engine_is_an_input_error():
    with pytest.raises(InputError, match="engine must be one of"):
        na.partition(_two_triangles(), engine="leiden")
    with pytest.raises(InputError, match="engine must be one of"):
        na.structural_holes(_two_triangles(), engine="networkit")


# --------------------------------------------------------------------------------------------
# betweenness


def _holes(G, **kwargs):
    return na.structural_holes(G, **kwargs).set_index("key")


@needs_igraph
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_exact_betweenness_equals_networkx(seed):
    G = _weighted_graph(seed)
    G.add_node("lonely")  # an isolate, and a second component below
    G.add_edges_from([("x", "y", {"strength": 0.5}), ("y", "z", {"strength": 0.25})])
    ig_ = _holes(G, engine="igraph")
    nx_ = _holes(G, engine="networkx")
    assert ig_.attrs["betweenness_engine"] == "igraph" and nx_.attrs["betweenness_engine"] == "networkx"
    assert ig_.attrs["betweenness_pivots"] is None
    reference = nx.betweenness_centrality(G, weight=lambda u, v, d: 1 / d["strength"])
    for n, value in reference.items():
        assert ig_.loc[n, "betweenness"] == pytest.approx(value, abs=1e-9)
        assert nx_.loc[n, "betweenness"] == pytest.approx(value, abs=1e-9)
    burt = ["degree", "constraint", "effective_size", "efficiency", "hierarchy"]
    assert ig_[burt].equals(nx_[burt])


@needs_igraph
def test_exact_betweenness_with_distances_and_unweighted():
    G = _weighted_graph(7, attr="distance")
    reference = nx.betweenness_centrality(G, weight="distance")
    got = _holes(G, engine="igraph")["betweenness"]
    assert max(abs(got[n] - v) for n, v in reference.items()) < 1e-9
    reference = nx.betweenness_centrality(G)  # normalised by 2/((n−1)(n−2))
    got = _holes(G, weight=None, engine="igraph")["betweenness"]
    assert max(abs(got[n] - v) for n, v in reference.items()) < 1e-9


@needs_igraph
def test_betweenness_reads_distance_then_strength_then_one_tie_by_tie():
    G = _weighted_graph(9)  # strength on every tie
    ties = sorted(G.edges)
    rng = random.Random(9)
    for u, v in ties[::3]:
        G.edges[u, v]["distance"] = rng.uniform(0.2, 3.0)  # a length of its own, whatever the strength
    for u, v in ties[1::7]:
        del G.edges[u, v]["strength"]  # nothing: length 1
    G.add_edge(ties[0][0], ties[0][0], strength=0.5)  # a self-loop never shortens a path

    def length(u, v, d):
        return d.get("distance", 1 / d["strength"] if "strength" in d else 1.0)

    reference = nx.betweenness_centrality(G, weight=length)
    got = betweenness.igraph_betweenness(G, sources=None, weighted=True)
    assert max(abs(got[n] - value) for n, value in reference.items()) < 1e-9


@needs_igraph
@pytest.mark.parametrize("seed", [0, 5, 11])
def test_sampled_betweenness_matches_networkx_for_the_same_pivots(seed):
    G = _weighted_graph(seed, n=80, m=240)
    ig_ = _holes(G, k=12, seed=seed, engine="igraph")
    nx_ = _holes(G, k=12, seed=seed, engine="networkx")
    assert ig_.attrs["betweenness_pivots"] == nx_.attrs["betweenness_pivots"] == 12
    assert ig_["betweenness_sampled"].all()
    assert np.allclose(ig_["betweenness"], nx_["betweenness"], rtol=0, atol=1e-9)
    # The same pivots are the ones networkx draws itself (sources rescaled apart).
    sources = betweenness.pivot_sample(G, 12, seed)
    assert sources == random.Random(seed).sample(list(G.nodes()), 12)
    direct = betweenness.igraph_betweenness(G, sources=sources, weighted=True)
    reference = nx.betweenness_centrality(G, k=12, seed=seed, weight=lambda u, v, d: 1 / d["strength"])
    assert max(abs(direct[n] - v) for n, v in reference.items()) < 1e-9


@needs_igraph
def test_default_pivots_igraph_takes_all_networkx_stays_in_budget(monkeypatch):
    G = _weighted_graph(3, n=50, m=150)
    monkeypatch.setattr(betweenness, "BETWEENNESS_EXACT_MAX", 30)
    monkeypatch.setattr(betweenness, "BETWEENNESS_PIVOTS", 25)
    monkeypatch.setattr(betweenness, "BETWEENNESS_BUDGET", 150 * 10)  # networkx: 10 pivots
    monkeypatch.setattr(betweenness, "BETWEENNESS_MIN_PIVOTS", 5)
    assert _holes(G).attrs["betweenness_pivots"] == 25
    assert _holes(G, engine="networkx").attrs["betweenness_pivots"] == 10


@needs_igraph
def test_ties_of_infinite_length_fall_back_to_networkx():
    G = _weighted_graph(2)
    u, v = next(iter(G.edges))
    G.edges[u, v]["strength"] = 0.0  # distance 1/0: igraph cannot take it
    got = _holes(G, engine="igraph")
    assert got.attrs["betweenness_engine"] == "networkx"
    assert got["betweenness"].equals(_holes(G, engine="networkx")["betweenness"])


def test_betweenness_attrs_without_betweenness():
    assert na.structural_holes(_two_triangles(), betweenness=False).attrs["betweenness_engine"] is None


def test_without_igraph_betweenness_is_networkx(no_igraph):
    G = _weighted_graph(4)
    got = _holes(G, k=10, seed=3)
    assert got.attrs["betweenness_engine"] == "networkx"
    reference = nx.betweenness_centrality(G, k=10, seed=3, weight=lambda u, v, d: 1 / d["strength"])
    assert all(got.loc[n, "betweenness"] == v for n, v in reference.items())  # bit for bit
    with pytest.raises(InputError, match="needs the igraph package"):
        na.structural_holes(G, engine="igraph")


@needs_igraph
def test_igraph_communities_are_split_into_connected_pieces(monkeypatch):
    import igraph as ig

    class Fake:
        membership = (0, 0, 0, 0, 0, 0, 1)  # both triangles in one community, g alone

    # Louvain may return a disconnected community (Traag et al. 2019): make igraph do so.
    monkeypatch.setattr(ig.Graph, "community_multilevel", lambda self, **kw: Fake())
    G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("f", "g")])
    assert na.partition(G, weight=None, engine="igraph") == {
        "a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 1, "g": 2}


@needs_igraph
def test_partition_consumers_say_which_engine_ran(monkeypatch):
    G = nx.Graph(ego="me")
    G.add_edges_from([("me", p) for p in "abcdef"])
    G.add_edges_from([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])
    assert na.brokerage_roles(G).attrs["community_engine"] == "python-louvain"
    assert na.brokerage_roles(G, groups={"a": 1}).attrs["community_engine"] is None
    assert na.introductions(G).attrs["community_engine"] == "python-louvain"
    monkeypatch.setattr(communities, "IGRAPH_MIN_TIES", 0)
    assert na.brokerage_roles(G).attrs["community_engine"] == "igraph"
    assert na.introductions(G).attrs["community_engine"] == "igraph"

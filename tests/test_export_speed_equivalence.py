"""The column-wise edge writers give the same bytes and tables as the edge-by-edge path they replace.

The reference is the same module with column-wise conversion switched off (`_column_wise` always
False): every edge then goes through `_edge_attrs` and the per-value formatting, as before the
speed-up. Graphs: seeded random ones with every kind of value per column, a hostile one, and the
sample cohort; chunks made tiny so that groups, caches and chunk boundaries are all exercised.
"""

import datetime as dt
import random

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import netanalysis as na
from netanalysis import export

POOL = {
    "text": ["", "a", "b <&> \"q\" 'x'", "line\nbreak\ttab\r\nx", "ctrl\x00\x0bchar", "Ünïcödé 🙂", "=1+1", "&amp;"],
    "number": [0, 1, -7, 10**20, 0.5, -0.0, 1e-300, float("inf"), float("-inf"), float("nan"), True, False],
    "date": [dt.date(2021, 3, 15), dt.date(2021, 3, 16), dt.datetime(2024, 1, 2, 3, 4), dt.datetime(2024, 1, 2, 3, 4, 5, 6),
             dt.datetime(2024, 1, 2, 3, 4, tzinfo=dt.timezone.utc),  # the same instant, spelled two ways
             dt.datetime(2024, 1, 2, 4, 4, tzinfo=dt.timezone(dt.timedelta(hours=1)))],
    "list": [["export"], ["export", "inferred:same_company"], [], ["x\x02", "y<"], [1, None, 2.5], ("t", "u")],
    "other": [np.int64(4), np.float64(2.5), np.float64("nan"), pd.Timestamp("2024-04-01"), pd.NaT, None,
              {"z", "a"}, {"k": [1, 2]}, np.bool_(True), pd.NA],
}


def random_graph(seed, n=40, m=160, kinds=("text", "number", "date", "list", "other"), missing=0.2):
    """Edges whose keys and value types vary per column, drawn from ``kinds``, some keys missing."""
    rng = random.Random(seed)
    G = nx.Graph(name="net <&>", as_of=dt.date(2024, 5, 1))
    for i in range(n):
        G.add_node(f"p{i:03d}", name=f"P{i}")
    columns = {
        "met": ["text"], "evidence": ["text"], "sources": ["list"], "connected_on": ["date", "other"],
        "messages": ["number"], "strength": ["number"], "confidence": ["number", "text"],
        "mixed": list(kinds), "last_contact": ["date", "other"],
    }
    for _ in range(m):
        u, v = rng.sample(range(n), 2) if rng.random() > 0.05 else [rng.randrange(n)] * 2
        attrs = {}
        for key, allowed in columns.items():
            if rng.random() < missing:
                continue
            kind = rng.choice([k for k in allowed if k in kinds] or ["text"])
            attrs[key] = rng.choice(POOL[kind])
        if rng.random() < 0.1:
            attrs = dict(reversed(list(attrs.items())))  # the same keys in another order
        G.add_edge(f"p{u:03d}", f"p{v:03d}", **attrs)
    return G


def plain_graph(seed, n=60, m=400):
    """Mostly M-like edges: the same keys, plain values, a few None, NaN and ints among floats."""
    rng = random.Random(seed)
    G = nx.Graph()
    for _ in range(m):
        u, v = rng.sample(range(n), 2)
        G.add_edge(u, v, met=rng.choice(["unknown", "in_person"]), evidence=rng.choice(["export", "inferred:x"]),
                   sources=rng.choice([["export"], ["export", "declared"]]), confidence=rng.random(),
                   connected_on=rng.choice([dt.date(2023, 2, 6), None]), messages=rng.randrange(3),
                   last_contact=rng.choice([None, dt.date(2024, 1, 1)]),
                   strength=rng.choice([rng.random(), rng.random(), 1, float("nan")]), distance=rng.random() * 10,
                   score=rng.choice([rng.random(), float("inf"), -float("inf"), 1e300, -0.0, 5e-324]))
    G.add_node(n + 1)  # isolated
    return G


def hostile():
    G = nx.Graph(name="Réseau <&> \"x\"", egos=["me"], inference={"a": 1})
    G.add_node("me", name="Me", ego=True)
    G.add_node("x\x01", name="X")
    G.add_node("x", name="X2")
    G.add_edge("me", "x")
    G.edges["me", "x"].update({"1": "text key", 1: "int key"})  # two keys that write the same
    G.add_edge("me", "x\x01", weight=3, strength=0.5)  # its own weight
    G.add_edge("x", "x\x01", weight="heavy")
    G.add_edge("me", "me", label="self <loop>", strength=True)  # a bool strength is no weight
    G.add_edge("x", "y", strength=float("nan"), note=None)  # every value dropped
    G.add_edge("y", "z", strength=2, empty="")
    G.add_edge("z", "me", strength="0.5")
    return G


def sample_cohort():
    files = na.sample_files("cohort")
    exports = [na.read_export(p) for p in files["exports"]]
    return na.build_graph(exports, ties=na.read_ties(files["ties"]), knows=na.read_knows(files["knows"]))


GRAPHS = {
    **{f"random{seed}": (lambda seed=seed: random_graph(seed)) for seed in range(6)},
    "random_plain_types": lambda: random_graph(11, kinds=("text", "number", "date", "list")),
    "random_no_missing": lambda: random_graph(12, kinds=("text", "number"), missing=0.0),
    "plain0": lambda: plain_graph(0),
    "plain1": lambda: plain_graph(1),
    "plain_small": lambda: plain_graph(2, n=8, m=12),
    "hostile": hostile,
    "karate": nx.karate_club_graph,
}


def slow(monkeypatch):
    # Through the functions' own globals: doctest collection may import a second copy of the module.
    monkeypatch.setitem(na.to_gexf.__globals__, "_column_wise", lambda keys: False)


@pytest.fixture(params=[3, 4096], ids=["tiny_chunks", "default_chunks"])
def chunk(request, monkeypatch):
    monkeypatch.setitem(na.to_gexf.__globals__, "_CHUNK", request.param)
    monkeypatch.setitem(na.to_gexf.__globals__, "_CACHE_LIMIT", 2 if request.param == 3 else 20_000)
    return request.param


def write_all(G, folder, weight, partition):
    options = {"weight": weight, "partition": partition}
    return [na.to_gexf(G, folder / "g.gexf", **options).read_bytes(),
            na.to_graphml(G, folder / "g.graphml", **options).read_bytes()]


@pytest.mark.parametrize("weight", ["strength", "weight", None, "confidence"])
@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_same_bytes_as_edge_by_edge(tmp_path, monkeypatch, chunk, name, weight):
    G = GRAPHS[name]()
    partition = {n: i % 3 for i, n in enumerate(sorted(G.nodes, key=str)) if i % 4}
    (tmp_path / "fast").mkdir()
    (tmp_path / "slow").mkdir()
    fast = write_all(G, tmp_path / "fast", weight, partition)
    with monkeypatch.context() as m:
        slow(m)
        reference = write_all(G, tmp_path / "slow", weight, partition)
    assert fast[0] == reference[0]
    assert fast[1] == reference[1]


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_column_types_as_from_every_record(chunk, name):
    from netanalysis.model import sorted_keys as _sorted

    G = GRAPHS[name]()
    nodes = _sorted(G.nodes)
    for weight in ("strength", None):
        expected = export._column_types(attrs for _, _, attrs in export._edge_records(G, nodes, weight=weight))
        got = export._edge_column_types(G, nodes, weight)
        assert list(got.items()) == list(expected.items())  # same types, same column order


def test_sample_cohort_same_bytes(tmp_path, monkeypatch):
    G = sample_cohort()
    part = na.partition(G)
    (tmp_path / "fast").mkdir()
    (tmp_path / "slow").mkdir()
    fast = write_all(G, tmp_path / "fast", "strength", part)
    with monkeypatch.context() as m:
        slow(m)
        assert write_all(G, tmp_path / "slow", "strength", part) == fast


def reference_tables(G, weight, partition):
    """nodes_table and edges_table as they were: rows of `_writer_safe_graph`, one dict per row."""
    H = export._writer_safe_graph(G, partition=partition, weight=weight)
    frames = []
    for rows, ends in (([{"key": n, **{k: v for k, v in d.items() if k != "label"}} for n, d in H.nodes(data=True)],
                        ["key", "name"]),
                       ([{"source": u, "target": v, **d} for u, v, d in H.edges(data=True)], ["source", "target"])):
        df = pd.DataFrame(rows)
        if df.empty:
            frames.append(pd.DataFrame(columns=ends))
            continue
        frames.append(df[[*ends, *sorted(c for c in df.columns if c not in ends)]])
    return frames


@pytest.mark.parametrize("weight", ["strength", None])
@pytest.mark.parametrize("name", [*sorted(GRAPHS), "empty", "sources_named"])
def test_tables_equal_to_the_row_by_row_tables(chunk, name, weight):
    if name == "empty":
        G = nx.Graph()
        G.add_node("alone")
    elif name == "sources_named":  # attributes that share the end columns' names
        G = plain_graph(3, m=30)
        for i, (u, v) in enumerate(G.edges):
            G.edges[u, v].update({"source": "declared"} if i % 2 else {"target": None})
    else:
        G = GRAPHS[name]()
    partition = {n: i % 3 for i, n in enumerate(sorted(G.nodes, key=str)) if i % 4}
    nodes, edges = reference_tables(G, weight, partition)
    pd.testing.assert_frame_equal(na.nodes_table(G, partition=partition), nodes)
    pd.testing.assert_frame_equal(na.edges_table(G, weight=weight), edges)
    assert list(na.edges_table(G, weight=weight).dtypes) == list(edges.dtypes)


def test_csv_files_unchanged(tmp_path, monkeypatch):
    G = random_graph(3)
    fast = [p.read_bytes() for p in na.to_csv(G, tmp_path / "fast", partition={"p001": 0})]
    with monkeypatch.context() as m:
        slow(m)
        assert [p.read_bytes() for p in na.to_csv(G, tmp_path / "slow", partition={"p001": 0})] == fast

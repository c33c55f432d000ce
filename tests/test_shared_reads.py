"""Analyses run inside ``_shared.shared_reads`` (as the report runs them) give what they give alone."""

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import netanalysis as na
from netanalysis import brokerage as br
from netanalysis import communities as cm
from netanalysis import strength as st
from netanalysis._shared import shared as _shared
from netanalysis._shared import shared_reads as _shared_reads
from netanalysis.report import build as report_build


@pytest.fixture(scope="module")
def sample_graph():
    """The sample cohort with its declared ties: 1,833 people, inferred and declared ties too."""
    files = na.sample_files("cohort")
    exports = [na.read_export(p) for p in files["exports"]]
    return na.build_graph(exports, ties=na.read_ties(files["ties"]), knows=na.read_knows(files["knows"]))


def test_a_read_is_shared_inside_the_block_only(sample_graph):
    G = sample_graph
    calls = []

    def compute():
        calls.append(1)
        return {"a": np.arange(3)}

    assert _shared(G, "x", compute) is not _shared(G, "x", compute)  # outside: no memo
    with _shared_reads():
        first = _shared(G, "x", compute)
        assert _shared(G, "x", compute) is first and len(calls) == 3
        assert _shared(G.copy(), "x", compute) is not first  # another graph, its own read
        with pytest.raises(ValueError):
            first["a"][0] = 7  # read-only: no analysis can change another's input
    assert _shared(G, "x", compute) is not first


def _analyses(G, ego):
    """The whole-graph analyses the report runs, each called as a user would."""
    return {
        "holes": br.structural_holes(G, seed=0),
        "burt": pd.Series(st.ego_burt(G, ego)),
        "part": cm.partition(G, ego=ego, seed=0),
        "intro": br.introductions(G, ego, seed=0),
        "table": cm.community_table(G, ego=ego, seed=0),
    }


def test_analyses_inside_the_block_match_the_analyses_alone(sample_graph):
    G = sample_graph
    ego = G.graph["ego"]
    alone = _analyses(G, ego)
    with _shared_reads():
        together = _analyses(G, ego)
        again = br.structural_holes(G, seed=0)  # a second call reuses the reads, same answer
    pd.testing.assert_frame_equal(together["holes"], alone["holes"])
    pd.testing.assert_frame_equal(again, alone["holes"])
    pd.testing.assert_series_equal(together["burt"], alone["burt"])
    assert together["part"] == alone["part"]
    pd.testing.assert_frame_equal(together["intro"], alone["intro"])
    pd.testing.assert_frame_equal(together["table"], alone["table"])


def test_the_report_is_the_same_with_its_reads_shared(sample_graph, monkeypatch):
    from netanalysis import report
    from netanalysis._shared import sharing

    G = sample_graph
    shared = report.build_report(G, seed=0)

    class Unshared:  # the report's block, turned into a no-op
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(report_build, "shared_reads", Unshared)
    assert not sharing()
    plain = report.build_report(G, seed=0)
    assert shared.sections == plain.sections
    for name, table in plain.tables.items():
        pd.testing.assert_frame_equal(shared.tables[name], table)
    assert shared.partition == plain.partition


def test_a_changed_weight_is_not_read_from_another_weights_arrays():
    G = nx.Graph(ego="me")
    G.add_edges_from([("me", x, {"strength": 1.0, "w2": 2.0}) for x in "abc"])
    G.add_edges_from([("a", "b", {"strength": 0.5, "w2": 3.0}), ("b", "c", {"strength": 1.0, "w2": 1.0})])
    with _shared_reads():
        one = br.structural_holes(G, weight="strength", betweenness=False)
        two = br.structural_holes(G, weight="w2", betweenness=False)
    pd.testing.assert_frame_equal(one, br.structural_holes(G, weight="strength", betweenness=False))
    pd.testing.assert_frame_equal(two, br.structural_holes(G, weight="w2", betweenness=False))
    assert not one["constraint"].equals(two["constraint"])

"""The report's igraph jobs (Louvain, betweenness) run in a helper process: the same numbers as here.

The cohort is partly observed, so the measures are asked for with ``withhold=False`` (the arithmetic).

``build_report`` starts them before the sections (from ``BACKGROUND_MIN_TIES`` ties on);
whatever happens to the helper (cannot start, dies), each result is the one computed here.
"""

import pandas as pd
import pytest

import netanalysis as na
from netanalysis import _igraph_job, _shared, report
from netanalysis import brokerage as br
from netanalysis import communities as cm
from netanalysis.brokerage.betweenness import start_betweenness
from netanalysis.report import build as report_build

pytest.importorskip("igraph")


@pytest.fixture(scope="module")
def sample_graph():
    """The sample cohort: 1,833 people, so betweenness is sampled from pivots."""
    files = na.sample_files("cohort")
    return na.build_graph([na.read_export(p) for p in files["exports"]])


@pytest.fixture(scope="module")
def in_process(sample_graph):
    return br.structural_holes(sample_graph, seed=3, withhold=False), cm.partition(sample_graph, seed=3, engine="igraph")


@pytest.fixture
def helpers(monkeypatch):
    """Every helper started, in order; Louvain goes to igraph whatever the graph's size."""
    made = []
    original = _igraph_job.Helper.__init__

    def spy(self):
        original(self)
        made.append(self)

    monkeypatch.setattr(_igraph_job.Helper, "__init__", spy)
    monkeypatch.setattr(cm, "IGRAPH_MIN_TIES", 0)
    return made


def with_helper(G, seed=3):
    with _shared.shared_reads():
        assert cm.start_partition(G, seed=seed)
        assert start_betweenness(G, seed=seed, withhold=False)
        return br.structural_holes(G, seed=seed, withhold=False), cm.partition(G, seed=seed)


def test_the_helper_computes_what_this_process_would(sample_graph, in_process, helpers, monkeypatch):
    def not_here(*args):
        raise AssertionError("computed in this process, not the helper")

    monkeypatch.setitem(_igraph_job.JOBS, "betweenness", not_here)
    monkeypatch.setitem(_igraph_job.JOBS, "multilevel", not_here)
    holes, part = with_helper(sample_graph)
    (helper,) = helpers
    assert [job.kind for job in helper.jobs] == ["multilevel", "betweenness"]
    assert helper.answered == 2 and helper.process is None  # both answered, then stopped
    assert holes.attrs["betweenness_pivots"] == in_process[0].attrs["betweenness_pivots"] < sample_graph.number_of_nodes()
    pd.testing.assert_frame_equal(holes, in_process[0])
    assert part == in_process[1]


@pytest.mark.parametrize("failure", ["cannot start", "dies"])
def test_a_failed_helper_is_replaced_by_this_process(sample_graph, in_process, helpers, monkeypatch, failure):
    if failure == "cannot start":
        monkeypatch.setattr(_igraph_job.sys, "executable", "/nonexistent/python")
    else:
        monkeypatch.setattr(_igraph_job, "_HELPER", "import sys; sys.exit(3)")
    holes, part = with_helper(sample_graph)
    pd.testing.assert_frame_equal(holes, in_process[0])
    assert part == in_process[1]
    (helper,) = helpers
    assert helper.answered == 0 and helper.process is None


def test_outside_shared_reads_nothing_starts(sample_graph, helpers):
    assert not start_betweenness(sample_graph, seed=3)
    assert not cm.start_partition(sample_graph, seed=3)
    assert helpers == []


def test_a_report_that_fails_stops_its_helper(sample_graph, helpers, monkeypatch):
    monkeypatch.setattr(report_build, "BACKGROUND_MIN_TIES", 0)

    def broken(ctx):
        raise RuntimeError("a section failed")

    monkeypatch.setattr(report_build, "SECTIONS", [("strength", broken)])
    with pytest.raises(RuntimeError, match="a section failed"):
        report.build_report(sample_graph)
    (helper,) = helpers
    # Louvain only: the cohort's betweenness would be withheld for everyone, so it is not started.
    assert [job.kind for job in helper.jobs] == ["multilevel"]
    assert helper.process is None  # stopped and waited for, not left running


def test_report_tables_are_the_same_with_the_helper(sample_graph, helpers, monkeypatch):
    alone = report.build_report(sample_graph, seed=1)
    assert helpers == []  # below BACKGROUND_MIN_TIES: no helper
    monkeypatch.setattr(report_build, "BACKGROUND_MIN_TIES", 0)
    helped = report.build_report(sample_graph, seed=1)
    (helper,) = helpers
    assert helper.answered == 1  # Louvain; betweenness is withheld for everyone on the cohort, never started
    assert alone.tables.keys() == helped.tables.keys()
    for name in alone.tables:
        pd.testing.assert_frame_equal(alone.tables[name], helped.tables[name])

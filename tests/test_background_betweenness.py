"""The report's betweenness computed by igraph in a helper process: the same numbers as here.

``build_report`` starts it before the other sections (from ``BACKGROUND_MIN_TIES`` ties on);
whatever happens to the helper (cannot start, dies), the table is the one computed here.
"""

import pandas as pd
import pytest

import netanalysis as na
from netanalysis import _igraph_job, report
from netanalysis import brokerage as br

pytest.importorskip("igraph")


@pytest.fixture(scope="module")
def sample_graph():
    """The sample cohort: 1,833 people, so betweenness is sampled from pivots."""
    files = na.sample_files("cohort")
    return na.build_graph([na.read_export(p) for p in files["exports"]])


@pytest.fixture(scope="module")
def in_process(sample_graph):
    return br.structural_holes(sample_graph, seed=3)


@pytest.fixture
def jobs(monkeypatch):
    """Every Betweenness started in the background, in order."""
    made = []
    original = _igraph_job.Betweenness.__init__

    def spy(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if kwargs.get("background"):
            made.append(self)

    monkeypatch.setattr(_igraph_job.Betweenness, "__init__", spy)
    return made


def holes_with_background(G, seed=3):
    with na.graph._shared_reads():
        assert br._start_betweenness(G, seed=seed)
        return br.structural_holes(G, seed=seed)


def test_the_helper_computes_what_this_process_would(sample_graph, in_process, jobs, monkeypatch):
    def not_here(*args):
        raise AssertionError("computed in this process, not the helper")

    monkeypatch.setattr(_igraph_job, "betweenness_raw", not_here)
    holes = holes_with_background(sample_graph)
    assert len(jobs) == 1 and jobs[0].raw is not None and jobs[0].process is None  # collected
    assert holes.attrs["betweenness_pivots"] == in_process.attrs["betweenness_pivots"] < sample_graph.number_of_nodes()
    pd.testing.assert_frame_equal(holes, in_process)


@pytest.mark.parametrize("failure", ["cannot start", "dies"])
def test_a_failed_helper_is_replaced_by_this_process(sample_graph, in_process, jobs, monkeypatch, failure):
    if failure == "cannot start":
        monkeypatch.setattr(_igraph_job.sys, "executable", "/nonexistent/python")
    else:
        monkeypatch.setattr(_igraph_job, "_HELPER", "import sys; sys.exit(3)")
    pd.testing.assert_frame_equal(holes_with_background(sample_graph), in_process)
    assert len(jobs) == 1 and jobs[0].process is None


def test_outside_shared_reads_nothing_starts(sample_graph, jobs):
    assert not br._start_betweenness(sample_graph, seed=3)
    assert jobs == []


def test_a_report_that_fails_stops_its_helper(sample_graph, jobs, monkeypatch):
    monkeypatch.setattr(report, "BACKGROUND_MIN_TIES", 0)

    def broken(ctx):
        raise RuntimeError("a section failed")

    monkeypatch.setattr(report, "_SECTIONS", [("strength", broken)])
    with pytest.raises(RuntimeError, match="a section failed"):
        report.build_report(sample_graph)
    assert len(jobs) == 1 and jobs[0].process is None  # stopped and waited for, not left running


def test_report_tables_are_the_same_with_the_helper(sample_graph, jobs, monkeypatch):
    alone = report.build_report(sample_graph, seed=1)
    assert jobs == []  # below BACKGROUND_MIN_TIES: no helper
    monkeypatch.setattr(report, "BACKGROUND_MIN_TIES", 0)
    helped = report.build_report(sample_graph, seed=1)
    assert len(jobs) == 1
    assert alone.tables.keys() == helped.tables.keys()
    for name in alone.tables:
        pd.testing.assert_frame_equal(alone.tables[name], helped.tables[name])

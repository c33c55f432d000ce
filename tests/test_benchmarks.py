"""Smoke test of the benchmark script: every stage runs on a tiny world, so the script cannot rot.

Not a timed test: the numbers are checked for shape, never for speed.
"""

import importlib.util
import json
import time

import pytest


@pytest.fixture(scope="module")
def bench(request):
    root = request.config.rootpath
    spec = importlib.util.spec_from_file_location("benchmarks_run", root / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def world(bench, tmp_path_factory):
    assert bench.lookup("synth.write_world") is not None
    return bench.generate("XS", tmp_path_factory.mktemp("world"), seed=3)


def test_member_contacts_follow_the_size(bench):
    counts = bench.member_contacts("S", seed=0)
    assert counts[0] == 1_500  # the owner at the size's contact count
    assert len(counts) == 21
    assert abs(sum(counts[1:]) - 8_000) <= 20  # rounding only
    assert counts == bench.member_contacts("S", seed=0)  # seeded


def test_every_stage_runs_on_a_tiny_world(bench, world, tmp_path):
    stages = bench.run_pipeline(world, seed=0, out_dir=tmp_path)
    assert 0 < stages.calibration < 60  # the machine's speed check ran (seconds of CPU)
    by_name = {r["stage"]: r for r in stages.records}
    assert list(by_name)[:3] == ["import netanalysis", "read (read_exports)", "graph (build_graph)"]
    connections = bench.run_connections(world, out_dir=tmp_path)
    stages.records.extend(connections.records)  # as main() adds them from their own process
    by_name = {r["stage"]: r for r in stages.records}
    for record in stages.records:
        # A stage either ran or says which library function it is waiting for; it never fails.
        assert record["status"] == "ok" or record["status"].startswith("skipped:"), record
        if record["status"] == "ok":
            assert record["seconds"] >= 0 and record["cpu_seconds"] >= 0
            assert record["peak_rss"] > 10 * 1024**2  # a Python process with pandas loaded
    graph = by_name["graph (build_graph)"]["info"]
    assert 0 < graph["owner_contacts"] <= 120
    exports = stages.values[bench.READ_STAGE]
    floor = bench.pandas_floor(world, exports)
    # The floors parse exactly what the reader read: every Connections.csv row, every file it used.
    contacts = sum(e.report.files["Connections.csv"].rows for e in exports)
    assert floor["connections"]["rows"] == contacts and floor["connections"]["files"] == len(world)
    assert floor["files"]["files"] == sum(len(e.report.files) for e in exports) > len(world)
    alone = connections.values[bench.CONNECTIONS_STAGE]
    assert [len(e.contacts) for e in alone] == [len(e.contacts) for e in exports]
    assert by_name[bench.CONNECTIONS_STAGE]["total"] is False
    doc = bench.summarise("XS", stages.records, None, {"seconds": 0.1, "peak_rss": 1}, floor)
    # XS has no time or memory target; the reading ratios are measured at every size.
    assert sorted(doc["checks"]) == ["connections_vs_pandas", "read_vs_pandas"]
    doc = bench.summarise("M", stages.records, None, {"seconds": 0.1, "peak_rss": 1, "calibration": 0.3}, floor)
    assert doc["checks"]["read_vs_pandas"]["files"] == floor["files"]["files"]
    assert doc["checks"]["connections_vs_pandas"]["rows"] == contacts
    json.dumps(doc, default=str)  # the JSON file can be written
    table = bench.to_markdown(doc)
    assert "| **end to end**, as `netanalysis report` runs it" in table and "read (read_exports)" in table
    assert "reading Connections.csv files / pandas.read_csv of them" in table
    assert "speed check 0.300 s CPU" in table
    # End to end is the path `netanalysis report` runs: its four stages, each counted once.
    expected = sum(by_name[name]["seconds"] for name in bench.REPORT_PATH)
    assert doc["end_to_end_seconds"] == pytest.approx(expected)
    assert doc["checks"]["end_to_end_seconds"]["measured"] == round(expected, 2)
    assert doc["end_to_end_seconds"] < doc["stage_sum_seconds"]


def test_a_missing_function_is_skipped_and_named(bench):
    stages = bench.Stages()
    assert stages.run("later", lambda v: 1, needs=["brokerage.no_such_function"]) is None
    assert stages.run("after", lambda v: 2, requires=["later"]) is None
    assert [r["status"] for r in stages.records] == [
        "skipped: netanalysis.brokerage.no_such_function does not exist yet",
        "skipped: needs stage 'later'",
    ]


def test_a_slow_stage_is_stopped_and_reported(bench):
    stages = bench.Stages(stage_timeout=0.2)

    def spin(values):
        while True:
            time.sleep(0.01)

    stages.run("spin", spin)
    stages.run("boom", lambda v: 1 / 0)
    spin_record, boom_record = stages.records
    assert spin_record["status"] == "timeout: stopped after 0.2 s"
    assert 0.15 < spin_record["seconds"] < 5
    assert boom_record["status"].startswith("error: ZeroDivisionError")


def test_igraph_side_by_side(bench, world):
    pytest.importorskip("igraph")
    stages = bench.run_igraph(world, seed=0)
    statuses = {r["stage"]: r["status"] for r in stages.records}
    assert statuses and set(statuses.values()) == {"ok"}, statuses


def test_scaling_reads_growth_per_stage(bench):
    def doc(size, nodes, edges, cpu):
        graph = {"stage": "graph (build_graph)", "status": "ok", "total": True, "cpu_seconds": cpu[0],
                 "info": {"nodes": nodes, "edges": edges}}
        holes = {"stage": "brokerage (structural_holes)", "status": "ok", "total": True, "cpu_seconds": cpu[1],
                 "info": {}}
        return {"size": size, "stages": [graph, holes]}

    # People x100, ties x10,000: O(n log n + m) allows x10,000 (the ties); n log n alone would
    # allow x300 (1000 ln 1000 / 10 ln 10). The graph stage grows x100, brokerage x100,000.
    table = bench.scaling(doc("S", 10, 100, (1.0, 0.1)), doc("M", 1_000, 1_000_000, (100.0, 10_000.0)))
    assert "O(n log n + m) allows ×10000.0" in table
    assert "| graph (build_graph) | 1.00 | 100.00 | 100× | 0.01 | 0.50 | within n log n + m |" in table
    assert "| brokerage (structural_holes) | 0.10 | 10000.00 | 100000× | 10.00 | 1.25 | **above n log n + m** |" in table
    # People x10, ties x10: the bound is n log n, x10 · ln(10,000) / ln(1,000) = x13.3.
    table = bench.scaling(doc("S", 1_000, 1_000, (1.0, 1.0)), doc("M", 10_000, 10_000, (14.0, 18.0)))
    assert "| graph (build_graph) | 1.00 | 14.00 | 14× | 1.05 | 1.15 | within n log n + m |" in table
    assert "| brokerage (structural_holes) | 1.00 | 18.00 | 18× | 1.35 | 1.26 | slightly above n log n + m |" in table


def test_scaling_names_a_stage_that_did_not_run(bench):
    ran = {"stage": "report (write_report)", "status": "ok", "total": True, "cpu_seconds": 1.0, "info": {}}
    skipped = {**ran, "status": "skipped: needs stage 'report (build_report)'", "cpu_seconds": None}
    graph = {"stage": "graph (build_graph)", "status": "ok", "total": True, "cpu_seconds": 1.0,
             "info": {"nodes": 10, "edges": 100}}
    table = bench.scaling({"size": "S", "stages": [graph, ran]}, {"size": "M", "stages": [{**graph, "info": {"nodes": 20, "edges": 200}}, skipped]})
    assert "not run at M (skipped: needs stage 'report (build_report)')" in table


def test_worker_processes_count_in_cpu_and_memory(bench, world):
    import netanalysis as na

    stages = bench.Stages()
    # The tiny world twenty times over: its worker must live through a few of WorkerPeaks' 50 ms
    # samples even on a quiet machine (read once, it can be gone before the first).
    stages.run("read", lambda v: na.read_exports(list(world) * 20, workers=2))
    record = stages.records[0]
    assert record["status"] == "ok"
    assert record["workers_cpu_seconds"] > 0  # the workers' CPU is counted, not hidden
    assert record["cpu_seconds"] >= record["workers_cpu_seconds"]
    assert "CPU and peak memory include 1 worker process" in record["note"]  # this process reads too
    assert record["workers_peak_rss"] > 0


def test_a_helper_counts_its_own_memory_not_the_parents(bench):
    import subprocess
    import sys

    ballast = bytearray(600 * 1024**2)  # this process is big when the helper starts
    ballast[::4096] = b"x" * len(ballast[::4096])
    code = "b = bytearray(200 * 1024**2); b[::4096] = b'x' * len(b[::4096]); import time; time.sleep(0.5)"
    stages = bench.Stages()
    stages.run("helper", lambda v: subprocess.run([sys.executable, "-c", code], check=True))
    record = stages.records[0]
    assert record["status"] == "ok"
    # The helper's 200 MB and its interpreter, not the 600 MB it was started from.
    assert 200 * 1024**2 < record["workers_peak_rss"] < 300 * 1024**2
    assert record["note"] == "CPU and peak memory include 1 worker process"
    del ballast


def test_workers_below_an_earlier_peak_are_not_added(bench, world, monkeypatch):
    import netanalysis as na

    # The kernel's maximum over all children stays at an earlier stage's 5 GB: this stage's
    # workers cannot be measured, so the stage's peak is this process's own, and says so.
    monkeypatch.setattr(bench, "_maxrss_bytes", lambda who: 5 * 1024**3)
    monkeypatch.setattr(bench, "_child_pids", set)  # no /proc to read the workers from
    stages = bench.Stages()
    # The tiny world twenty times over: its worker must live through a few of WorkerPeaks' 50 ms
    # samples even on a quiet machine (read once, it can be gone before the first).
    stages.run("read", lambda v: na.read_exports(list(world) * 20, workers=2))
    record = stages.records[0]
    assert record["workers_cpu_seconds"] > 0
    assert record["peak_rss"] < 5 * 1024**3
    assert "their memory, below an earlier stage's workers', is not in the peak" in record["note"]


def test_the_median_run_is_a_whole_run(bench):
    def run(read, build, report, write, other=1.0):
        times = {"read (read_exports)": read, "graph (build_graph)": build, "report (build_report)": report,
                 "report (write_report)": write, "introductions": other}
        return {"stages": [{"stage": k, "status": "ok", "seconds": v, "cpu_seconds": v, "total": True}
                           for k, v in times.items()], "floor": None}

    fast, middle, slow = run(1, 1, 1, 1), run(2, 1, 3, 1), run(5, 5, 5, 5)
    assert bench.median_run([slow, fast, middle]) is middle  # end to end 4, 7, 20: the middle one
    assert bench.median_run([slow, fast]) is fast  # an even count takes the lower middle
    broken = {"stages": [dict(r, status="error: x") if r["stage"] == "report (build_report)" else r
                         for r in fast["stages"]], "floor": None}
    assert bench.median_run([broken, slow, middle]) is slow  # incomplete runs sort last
    assert bench._run_totals(middle["stages"]) == {"end_to_end_seconds": 7, "end_to_end_cpu_seconds": 7,
                                                   "stage_sum_seconds": 8.0, "stage_sum_cpu_seconds": 8.0}


def test_scaling_shows_the_engines_own_growth_for_a_stage_above_the_bound(bench):
    def doc(size, nodes, edges, ours, engine):
        graph = {"stage": "graph (build_graph)", "status": "ok", "total": True, "cpu_seconds": 1.0,
                 "info": {"nodes": nodes, "edges": edges}}
        circles = {"stage": "communities (detect_communities)", "status": "ok", "total": True,
                   "cpu_seconds": ours, "info": {}}
        multilevel = {"stage": "communities (community_multilevel)", "status": "ok", "cpu_seconds": engine}
        return {"size": size, "stages": [graph, circles], "igraph": [multilevel]}

    # Ties x10 (bound x10 + n log n's share: 10 · ln 10,000 / ln 1,000 = x13.3): ours grows x20,
    # igraph's multilevel alone x25, i.e. 1.88 of the bound.
    table = bench.scaling(doc("M", 1_000, 1_000, 1.0, 0.2), doc("L", 10_000, 10_000, 20.0, 5.0))
    assert ("| communities (detect_communities) | 1.00 | 20.00 | 20× | 1.50 | 1.30 | slightly above n log n + m; "
            "communities (community_multilevel) alone, in igraph, grew ×25.0 (1.88 of the bound) |") in table
    # Within the bound, or with no side-by-side run, the reading stays as it was.
    table = bench.scaling(doc("M", 1_000, 1_000, 1.0, 0.2), doc("L", 10_000, 10_000, 12.0, 5.0))
    assert "| 12× | 0.90 | 1.08 | within n log n + m |" in table
    no_igraph = doc("L", 10_000, 10_000, 20.0, 5.0)
    no_igraph["igraph"] = []
    assert table_reading(bench.scaling(doc("M", 1_000, 1_000, 1.0, 0.2), no_igraph)) == "slightly above n log n + m"


def table_reading(table):
    row = next(line for line in table.splitlines() if line.startswith("| communities"))
    return row.rstrip(" |").rsplit("| ", 1)[1]


def test_scaling_compares_runs_at_different_hours_like_with_like(bench):
    def doc(size, nodes, edges, cpu, speed):
        graph = {"stage": "graph (build_graph)", "status": "ok", "total": True, "cpu_seconds": cpu,
                 "info": {"nodes": nodes, "edges": edges}}
        return {"size": size, "stages": [graph], "generation": {"calibration": speed}}

    # Ties x10 (bound x13.3); the larger run took 20x the CPU at an hour when the fixed workload
    # took 0.2 s instead of 0.1 s: like with like, x10.
    table = bench.scaling(doc("M", 1_000, 1_000, 1.0, 0.1), doc("L", 10_000, 10_000, 20.0, 0.2))
    assert "Speed checks 0.100 s at M and 0.200 s at L: ratios use L's CPU times × 0.50." in table
    assert "| graph (build_graph) | 1.00 | 20.00 | 10× | 0.75 | 1.00 | within n log n + m |" in table


def test_the_changes_benchmark_runs_and_checks_the_answer_key(request, tmp_path):
    root = request.config.rootpath
    spec = importlib.util.spec_from_file_location("benchmarks_changes", root / "benchmarks" / "changes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    doc = module.benchmark(60, tmp_path / "world", repeat=1)
    assert set(doc["commands"]) == {"changes", "changes --ties", "todo --since --ties"}
    run = doc["commands"]["changes --ties"]["runs"][0]
    assert doc["answer_key_matched"] and run["found"] == run["expected"] == 24
    assert module.write_world(tmp_path / "world", 60)["old"].exists()  # reused, not written again
    assert "| `netanalysis changes --ties` |" in module.to_markdown(doc)

"""Scale benchmarks: time and measure the memory of every stage of netanalysis on synthetic worlds.

Usage::

    python benchmarks/run.py --size S        # 1,500 contacts, 8,000 ties between them (seconds)
    python benchmarks/run.py --size M        # LinkedIn's 30,000-contact cap, 300,000 ties
    python benchmarks/run.py --size L        # 200,000 people, 2,000,000 ties (minutes, GBs)

Each size runs in three child processes, one after the other: one writes the world with
``netanalysis.synth`` (not timed as part of the pipeline), one runs the pipeline end to end
(read exports -> graph -> strength -> communities -> brokerage -> introductions -> report), one
runs the same stages with igraph when it is installed (``pip install igraph``; benchmark only).
Every stage is timed with ``time.perf_counter`` and its peak memory is read from the kernel:
the child's resident-set high-water mark (``VmHWM`` in ``/proc/self/status``) is reset before
the stage (``/proc/self/clear_refs``) and read after it, so a stage's peak includes what earlier
stages still hold. The whole run's peak is the highest of its stages'. This is the real memory of
the process (Python objects, numpy/scipy buffers, C libraries), unlike ``tracemalloc``.

A stage whose library function does not exist yet is reported as skipped, never imitated.
Results go to ``benchmarks/results/<size>.json`` and ``<size>.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import gc
import importlib
import itertools
import json
import math
import os
import platform
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"

#: The stages `netanalysis report` runs, in order: its end-to-end time is their sum.
REPORT_PATH = ("read (read_exports)", "graph (build_graph)", "report (build_report)", "report (write_report)")

#: The worlds. ``people`` is the world's population, ``owner`` the first export owner's contacts
#: (None: drawn like everyone else's), ``members`` the other people whose exports are merged, and
#: ``ties`` the contacts their exports list in total, i.e. about the ties between people other than
#: the owner that merging reveals (a few are counted twice: two members listing each other).
SIZES = {
    "XS": {"people": 121, "owner": 120, "members": 4, "ties": 400, "targets": None},  # smoke test
    "S": {"people": 1_501, "owner": 1_500, "members": 20, "ties": 8_000, "targets": None},
    "M": {"people": 30_001, "owner": 30_000, "members": 100, "ties": 300_000,
          "targets": {"seconds": 20, "gb": 2}},
    "L": {"people": 200_000, "owner": None, "members": 1_000, "ties": 2_000_000,
          "targets": {"seconds": 180, "gb": 8}},
}
#: Reading may cost at most this many times a bare ``pandas.read_csv`` of the same files.
READ_FLOOR_FACTOR = 5
READ_STAGE = "read (read_exports)"
CONNECTIONS_STAGE = "read (Connections.csv alone)"
GB = 1024**3

# --------------------------------------------------------------------------------------------
# memory and timing


def _status_kb(field, pid="self"):
    """A ``kB`` field of ``/proc/<pid>/status`` (Linux), in bytes; None elsewhere or once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _reset_peak():
    """Reset the process's peak RSS to its current RSS; False when the kernel does not allow it."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def _peak_rss():
    """Peak resident set size since the last reset (bytes)."""
    peak = _status_kb("VmHWM")
    if peak is None:  # not Linux: ru_maxrss is KiB on Linux, bytes on macOS; never reset
        peak = _maxrss_bytes(resource.RUSAGE_SELF)
    return peak


def _maxrss_bytes(who):
    rss = resource.getrusage(who).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024


def _child_pids():
    """The pids of this process's living children (Linux /proc; empty elsewhere)."""
    pids = set()
    try:
        for task in Path("/proc/self/task").iterdir():
            pids.update(int(p) for p in (task / "children").read_text().split())
    except OSError:
        return set()
    return pids


class WorkerPeaks:
    """The peak memory of every child process that runs while the block runs, sampled from /proc.

    The kernel's ``RUSAGE_CHILDREN`` maximum cannot tell: it is one maximum over all children
    ever, and a child that starts a new program (the report's helper) is charged this process's
    size at the moment it was started, before the program replaced it. ``VmHWM`` only grows while
    one program runs and starts again with a new program, so each child's *latest* reading is its
    program's peak (a reading taken between the fork and the new program is this process's size,
    and is replaced). A forked child that runs no new program counts the pages it shares with this
    process (an upper bound). Sampled every ``interval`` seconds: a child's peak is read at the
    last sample before it ends.
    """

    def __init__(self, interval=0.05):
        import threading

        self.interval, self.peaks = interval, {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _sample(self):
        for pid in _child_pids():
            peak = _status_kb("VmHWM", pid)
            if peak is not None:
                self.peaks[pid] = peak  # the latest: a new program starts a new (monotone) peak

    def _watch(self):
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self):
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        return False

    @property
    def total(self):
        """The sum of the children's peaks (bytes): an upper bound when they did not all run at once."""
        return sum(self.peaks.values())


def memory_method():
    """How peak memory is measured on this machine, in one sentence."""
    if _status_kb("VmHWM") is not None and _reset_peak():
        return ("peak resident set size of the benchmark's child process (VmHWM), reset before each "
                "stage via /proc/self/clear_refs; a stage's peak includes what earlier stages still hold")
    return "peak resident set size of the child process (ru_maxrss), never reset: per stage it is cumulative"


class StageTimeout(Exception):
    """A stage ran past its time limit."""


@contextlib.contextmanager
def _time_limit(seconds):
    """Interrupt the block after ``seconds`` (main thread, POSIX); no limit when None."""
    if not seconds or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise StageTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _children_cpu():
    """CPU seconds of this process's finished child processes (user + system)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Stages:
    """Runs named stages, timing each and reading its peak memory; never raises for a stage."""

    def __init__(self, stage_timeout=None):
        self.records = []
        self.values = {}
        self.calibration = None
        self.stage_timeout = stage_timeout

    def run(self, name, func, *, needs=(), requires=(), note="", total=True):
        """Run ``func(values)`` as stage ``name`` and store what it returns under ``name``.

        ``needs`` are ``"module.function"`` names of the library that must exist (the stage is
        skipped, and says so, when one does not); ``requires`` are earlier stages that must have
        succeeded. ``total`` says whether the stage counts in the end-to-end time.
        """
        record = {"stage": name, "status": "ok", "seconds": None, "cpu_seconds": None, "peak_rss": None, "rss_before": None,
                  "note": note, "total": total, "info": {}}
        self.records.append(record)
        missing = [n for n in needs if lookup(n) is None]
        if missing:
            record["status"] = f"skipped: netanalysis.{missing[0]} does not exist yet"
            return None
        failed = [r for r in requires if r not in self.values]
        if failed:
            record["status"] = f"skipped: needs stage '{failed[0]}'"
            return None
        gc.collect()
        record["rss_before"] = _status_kb("VmRSS")
        _reset_peak()
        children_peak = _maxrss_bytes(resource.RUSAGE_CHILDREN)
        start, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
        watch = WorkerPeaks()
        try:
            with _time_limit(self.stage_timeout), watch:
                value = func(self.values)
        except StageTimeout:
            record["status"] = f"timeout: stopped after {self.stage_timeout:g} s"
            value = None
        except Exception as error:  # a failing stage is a result to report, not a crash
            record["status"] = f"error: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
            record["traceback"] = traceback.format_exc(limit=-6)
            value = None
        record["seconds"] = time.perf_counter() - start
        # CPU time of this process and of the worker processes it waited for (parallel reading):
        # on a shared machine it says how much work the stage did, whatever the wall time.
        workers_cpu = _children_cpu() - children
        record["cpu_seconds"] = time.process_time() - cpu + workers_cpu
        record["peak_rss"] = _peak_rss()
        if watch.peaks:
            # Each worker's own peak, read from /proc while it ran (WorkerPeaks).
            record["workers_cpu_seconds"] = workers_cpu
            record["workers_peak_rss"] = watch.total
            record["peak_rss"] += watch.total
            workers = len(watch.peaks)
            record["note"] = ((record["note"] + "; " if record["note"] else "")
                              + f"CPU and peak memory include {workers} worker process{'es' if workers > 1 else ''}")
        elif workers_cpu > 0:
            # No /proc to read: each worker's peak is at most the largest child's, so count every
            # worker at that peak on top of this process (an upper bound). The kernel keeps one
            # maximum over all children ever: when this stage's workers did not raise it, their
            # peak is unknown (below an earlier stage's) and is not added.
            workers = min(os.cpu_count() or 1, 8)
            record["workers_cpu_seconds"] = workers_cpu
            peak = _maxrss_bytes(resource.RUSAGE_CHILDREN)
            if peak > children_peak:
                record["peak_rss"] += workers * peak
                said = f"CPU and peak memory include {workers} worker processes"
            else:
                said = (f"CPU includes {workers} worker processes; their memory, below an earlier "
                        "stage's workers', is not in the peak")
            record["note"] = (record["note"] + "; " if record["note"] else "") + said
        print(f"  {name}: {record['status']}, {record['seconds']:.2f} s, {record['cpu_seconds']:.2f} s CPU, "
              f"peak {record['peak_rss'] / 1024**2:,.0f} MB", file=sys.stderr, flush=True)
        if record["status"] != "ok":
            return None
        record["info"] = describe(value)
        self.values[name] = value
        return value


#: The modules the timed pipeline calls into (imported by the untimed "import netanalysis" stage).
PIPELINE_MODULES = ("io", "graph", "strength", "communities", "brokerage", "report", "cli.common")


def lookup(name):
    """``"io.read_export"`` -> the function ``netanalysis.io.read_export``, or None."""
    module_name, _, attr = name.rpartition(".")
    try:
        module = importlib.import_module(f"netanalysis.{module_name}")
    except ImportError:
        return None
    return getattr(module, attr, None)


def describe(value):
    """A few JSON-safe facts about a stage's output (rows, nodes, and what its ``attrs`` say)."""
    info = {}
    attrs = None
    if hasattr(value, "number_of_nodes"):
        info.update(nodes=value.number_of_nodes(), edges=value.number_of_edges())
        ego = value.graph.get("ego")
        if ego in value:
            info.update(owner_contacts=value.degree(ego), ties_between_contacts=value.number_of_edges() - value.degree(ego))
    elif hasattr(value, "shape") and hasattr(value, "attrs"):
        info["rows"] = int(value.shape[0])
        attrs = value.attrs
    elif isinstance(value, dict) and value and all(isinstance(v, (int, float)) for v in value.values()):
        info.update({k: round(v, 4) if isinstance(v, float) else v for k, v in value.items()})
    elif isinstance(value, (list, tuple, dict)):
        info["items"] = len(value)
    if attrs:
        # Sampling, restriction and caps must be visible in the output: keep what attrs say.
        info["attrs"] = {k: _jsonable(v) for k, v in attrs.items() if _jsonable(v) is not None}
    return info


def _jsonable(value):
    if isinstance(value, (bool, int, str)) or value is None:
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, (_dt.date,)):
        return value.isoformat()
    if isinstance(value, (list, tuple)) and len(value) <= 20 and all(isinstance(v, (int, float, str)) for v in value):
        return list(value)
    if isinstance(value, dict) and len(value) <= 20:
        inner = {str(k): _jsonable(v) for k, v in value.items()}
        return {k: v for k, v in inner.items() if v is not None}
    return None


# --------------------------------------------------------------------------------------------
# the world


def member_contacts(size, *, seed=0):
    """Contacts per export owner: the owner's, then the members' (log-normal, heavy-tailed, seeded).

    The members' counts follow a log-normal (σ = 0.6, as ``synth.write_world`` draws them) scaled
    so that they sum to the size's ``ties``; each is at least 10 and at most LinkedIn's 30,000.
    """
    import numpy as np

    spec = SIZES[size]
    rng = np.random.default_rng([seed, 8])
    draws = np.exp(0.6 * rng.standard_normal(spec["members"]))
    counts = np.clip(np.round(draws / draws.sum() * spec["ties"]), 10, min(30_000, spec["people"] - 1))
    owner = spec["owner"] or int(counts.mean())
    return [int(owner), *(int(c) for c in counts)]


def generate(size, directory, *, seed=0):
    """Write the world of ``size`` into ``directory`` with ``synth.write_world``; return the export paths."""
    write_world = lookup("synth.write_world")
    if write_world is None:
        raise LookupError("netanalysis.synth.write_world does not exist yet")
    spec = SIZES[size]
    counts = member_contacts(size, seed=seed)
    paths = write_world(directory, spec["people"], len(counts), contacts=counts, seed=seed, truth=False)
    return [str(p) for p in paths]


def _csv_members(path, names=None):
    """[(file name, bytes, header line)] of an export's CSV files, only ``names`` when given."""
    path = Path(path)
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            found = [(Path(n).name, archive.read(n)) for n in archive.namelist() if n.lower().endswith(".csv")]
    elif path.is_dir():
        found = [(p.name, p.read_bytes()) for p in sorted(path.rglob("*.csv"))]
    else:
        found = [(path.name, path.read_bytes())]
    members = []
    for name, raw in found:
        if names is not None and name not in names:
            continue
        header = 0
        if name.lower() == "connections.csv":  # the "Notes:" preamble comes before the header
            lines = raw[:65536].decode("utf-8-sig", "replace").splitlines()
            header = next((i for i, line in enumerate(lines) if line.startswith("First Name")), 0)
        members.append((name, raw, header))
    return members


def _parse_all(sources):
    """Bare ``pandas.read_csv`` of (name, bytes, header line) sources: wall s, rows, CPU s, files."""
    import io as _io

    import pandas as pd

    start, cpu = time.perf_counter(), time.process_time()
    rows = sum(len(pd.read_csv(_io.BytesIO(raw), skiprows=header, encoding="utf-8-sig")) for _, raw, header in sources)
    return {"seconds": time.perf_counter() - start, "rows": rows, "cpu_seconds": time.process_time() - cpu,
            "files": len(sources)}


def pandas_floor(paths, exports=None):
    """What a bare ``pandas.read_csv`` costs: the least any reader must pay.

    ``"connections"``: every export's Connections.csv; ``"files"`` (when the ``exports`` read from
    ``paths`` are given): every CSV file the reader parsed (``export.report.files``: messages,
    invitations, endorsements… besides the connections). The archives are opened and the bytes
    decompressed before the clock starts: the floor is the parsing alone.
    """
    connections = [m for p in paths for m in _csv_members(p) if m[0].lower() == "connections.csv"]
    floors = {"connections": _parse_all(connections)}
    if exports is not None:
        same = [m for p, e in zip(paths, exports, strict=True) for m in _csv_members(p, set(e.report.files))]
        floors["files"] = _parse_all(same)
    return floors


def connections_alone(paths, folder):
    """Copy each export's Connections.csv into ``folder`` (one sub-folder each); return the file paths.

    Reading these measures the reader on exactly the bytes of the Connections floor.
    """
    copies = []
    for i, path in enumerate(paths):
        for name, raw, _ in _csv_members(path):
            if name.lower() == "connections.csv":
                target = Path(folder, f"{i:05d}", name)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(raw)
                copies.append(str(target))
    return copies


# --------------------------------------------------------------------------------------------
# the pipeline, stage by stage


def _targets_for(G, ego):
    """Two warm-path targets: the most common employer among the ego's contacts' contacts."""
    from collections import Counter

    counts = Counter()
    for n in G.neighbors(ego):
        company = G.nodes[n].get("company")
        if company:
            counts[company] += 1
    return [c for c, _ in counts.most_common(1)]


def calibrate(repeats=3):
    """CPU seconds of a fixed workload shaped like the pipeline's: the machine's speed now.

    Random reads over arrays and string-keyed dicts larger than the caches, as the analyses do:
    on these shared machines a pure arithmetic loop runs at the same speed at every hour, but
    memory-bound work (and the pipeline) slows by up to half when neighbours are busy. Each
    pipeline run records this (the fastest of ``repeats``), so runs at different hours compare.
    """
    import numpy as np

    rng = np.random.default_rng(0)
    values = rng.random(8_000_000)
    at = rng.integers(0, len(values), 3_000_000)
    table = {f"k{i}": i for i in range(300_000)}
    keys = [f"k{i}" for i in rng.integers(0, len(table), 300_000).tolist()]

    def once():
        start = time.process_time()
        values[at].sum()
        sum(map(table.__getitem__, keys))
        return time.process_time() - start

    return min(once() for _ in range(repeats))


def run_pipeline(paths, *, seed=0, out_dir=None, stage_timeout=None):
    """Run every stage on the exports at ``paths``; return the :class:`Stages` with their records."""
    stages = Stages(stage_timeout)
    stages.values["paths"] = paths
    stages.calibration = calibrate()
    # The package loads its modules on first use: import the ones the pipeline runs, so that this
    # stage (outside the total) measures what it did when the package loaded everything at once.
    stages.run("import netanalysis", lambda v: [importlib.import_module(f"netanalysis.{m}") for m in PIPELINE_MODULES],
               total=False, note="the pipeline's modules; interpreter start not included")
    stages.run("read (read_exports)", lambda v: lookup("io.read_exports")(v["paths"]),
               needs=["io.read_exports"], note=f"{len(paths)} exports, in parallel from 8 on")
    def build(v):
        G = lookup("graph.build_graph")(v["read (read_exports)"])
        settle = lookup("cli.common.settle")
        if settle is not None:
            settle()  # as the command line does after building the graph
        return G

    stages.run("graph (build_graph)", build, needs=["graph.build_graph"], requires=["read (read_exports)"],
               note="merges the exports; includes one tie_strength pass; then, as the command line does, "
                    "exempts what was built from the cycle collector (cli.common.settle)")
    G_key = "graph (build_graph)"

    def ego(v):
        return v[G_key].graph["ego"]

    stages.run("strength (tie_strength)", lambda v: lookup("strength.tie_strength")(v[G_key]),
               needs=["strength.tie_strength"], requires=[G_key])
    stages.run("strength (network_strength)", lambda v: lookup("strength.network_strength")(v[G_key], ego(v)),
               needs=["strength.network_strength"], requires=[G_key])
    stages.run("communities (detect_communities)",
               lambda v: lookup("communities.detect_communities")(v[G_key], seed=seed),
               needs=["communities.detect_communities"], requires=[G_key],
               note="default runs: one partition plus extra seeds for stability")
    stages.run("brokerage (structural_holes)",
               lambda v: lookup("brokerage.structural_holes")(v[G_key], seed=seed),
               needs=["brokerage.structural_holes"], requires=[G_key])
    stages.run("introductions", lambda v: lookup("brokerage.introductions")(v[G_key], ego(v)),
               needs=["brokerage.introductions"], requires=[G_key])
    stages.run("warm paths", lambda v: lookup("brokerage.warm_paths")(v[G_key], ego(v), _targets_for(v[G_key], ego(v))[0]),
               needs=["brokerage.warm_paths"], requires=[G_key], note="to the commonest employer")

    def report(v):
        return lookup("report.build_report")(v[G_key], ego(v), exports=v["read (read_exports)"], seed=seed)

    stages.run("report (build_report)", report, needs=["report.build_report"], requires=[G_key],
               note="runs its own analyses again")

    def write(v):
        target = Path(out_dir or tempfile.mkdtemp(prefix="bench-report-")) / "report"
        lookup("report.write_report")(v["report (build_report)"], target, force=True)
        return sorted(p.name for p in target.iterdir())

    stages.run("report (write_report)", write, needs=["report.write_report"], requires=["report (build_report)"])
    return stages


def run_connections(paths, *, out_dir=None, stage_timeout=None):
    """The reader on nothing but the bytes of the Connections floor, in a process of its own.

    Each export's Connections.csv (an input ``read_export`` accepts on its own) is copied out
    before the clock starts. Its own process: workers forked from the pipeline's process would
    start out holding the graph, and their memory could not be told from it.
    """
    stages = Stages(stage_timeout)
    alone = connections_alone(paths, Path(out_dir or tempfile.mkdtemp(prefix="bench-read-")) / "connections")
    stages.run(CONNECTIONS_STAGE, lambda v: lookup("io.read_exports")(alone), needs=["io.read_exports"],
               total=False, note=f"{len(alone)} Connections.csv files, nothing else, in a process of its own")
    return stages


def run_igraph(paths, *, seed=0, stage_timeout=None):
    """The same stages with igraph, on the graph the library built (benchmark-only comparison)."""
    stages = Stages(stage_timeout)
    try:
        import igraph as ig
    except ImportError:
        stages.records.append({"stage": "igraph", "status": "skipped: igraph is not installed (pip install igraph)",
                               "seconds": None, "peak_rss": None, "rss_before": None, "note": "", "total": False,
                               "info": {}})
        return stages
    import numpy as np

    build = lookup("graph.build_graph")
    read = lookup("io.read_exports")
    if build is None or read is None:
        stages.records.append({"stage": "igraph", "status": "skipped: needs read_exports and build_graph",
                               "seconds": None, "peak_rss": None, "rss_before": None, "note": "", "total": False,
                               "info": {}})
        return stages
    G = build(read(paths))  # not timed: the input both sides share
    ego = G.graph["ego"]
    nodes = sorted(G)
    index = {n: i for i, n in enumerate(nodes)}

    def convert(v):
        edges = np.array([(index[u], index[w]) for u, w in G.edges()], dtype=np.int64).reshape(-1, 2)
        strength = [d.get("strength", 1.0) for _, _, d in G.edges(data=True)]
        H = ig.Graph(n=len(nodes), edges=edges, directed=False, edge_attrs={"strength": strength})
        H.es["distance"] = [1.0 / s for s in strength]
        return H

    stages.run("graph (networkx -> igraph)", convert, note="edge list with strength and distance")

    def contacts(v):
        H = v["graph (networkx -> igraph)"]
        return H.induced_subgraph([i for i in range(H.vcount()) if i != index[ego]])

    stages.run("contact graph (ego removed)", contacts, requires=["graph (networkx -> igraph)"])

    def multilevel(v):
        C = v["contact graph (ego removed)"]
        C = C.induced_subgraph([i for i in range(C.vcount()) if C.degree(i) > 0])
        ig.set_random_number_generator(__import__("random").Random(seed))
        part = C.community_multilevel(weights="strength")
        return {"communities": len(part), "modularity": part.modularity}

    stages.run("communities (community_multilevel)", multilevel, requires=["contact graph (ego removed)"])

    def constraint_all(v):
        return v["graph (networkx -> igraph)"].constraint(weights="strength")

    stages.run("brokerage (constraint, all people)", constraint_all, requires=["graph (networkx -> igraph)"])

    pivot_count = lookup("brokerage.BETWEENNESS_PIVOTS") or 256

    def betweenness(v):
        H = v["graph (networkx -> igraph)"]
        pivots = np.random.default_rng(seed).choice(H.vcount(), size=min(pivot_count, H.vcount()), replace=False)
        return H.betweenness(sources=[int(p) for p in pivots], weights="distance")

    stages.run(f"brokerage (betweenness, {pivot_count} pivots)", betweenness, requires=["graph (networkx -> igraph)"],
               note="the library's default pivot count")

    def similarity(v):
        H = v["graph (networkx -> igraph)"]
        top = sorted(H.neighbors(index[ego]), key=lambda i: -H.degree(i))[:300]
        return H.similarity_inverse_log_weighted(vertices=top)

    stages.run("introductions (Adamic-Adar, top 300 contacts)", similarity, requires=["graph (networkx -> igraph)"])
    return stages


# --------------------------------------------------------------------------------------------
# orchestration: one child process per part, so that each part's memory is its own


def _child(part, size, world, seed, out, stage_timeout):
    """Run one part in this process and print its JSON on stdout."""
    started = time.perf_counter()
    if part == "generate":
        _reset_peak()
        paths = generate(size, world, seed=seed)
        result = {"paths": paths, "seconds": time.perf_counter() - started, "peak_rss": _peak_rss()}
    else:
        paths = json.loads(Path(world, "paths.json").read_text())
        if part == "pipeline":
            stages = run_pipeline(paths, seed=seed, out_dir=out, stage_timeout=stage_timeout)
            floor = None
            with contextlib.suppress(Exception):
                floor = pandas_floor(paths, stages.values.get(READ_STAGE))
            result = {"stages": stages.records, "floor": floor, "calibration": stages.calibration}
        elif part == "connections":
            result = {"stages": run_connections(paths, out_dir=out, stage_timeout=stage_timeout).records}
        else:
            result = {"stages": run_igraph(paths, seed=seed, stage_timeout=stage_timeout).records}
    print("\x1eRESULT" + json.dumps(result, default=str))


def _spawn(part, args, world, out):
    """Run ``part`` in a child; return (parsed result or None, error text)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", part, "--size", args.size,
               "--world", str(world), "--seed", str(args.seed), "--out", str(out)]
    if args.stage_timeout:
        command += ["--stage-timeout", str(args.stage_timeout)]
    timeout = args.timeout
    # The child's progress lines go straight to our stderr; its result comes on stdout.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        stdout, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return None, f"timed out after {timeout} s"
    marker = stdout.rfind("\x1eRESULT")
    if process.returncode != 0 or marker < 0:
        tail = (stdout or "no output").strip().splitlines()[-3:]
        return None, f"exit {process.returncode}: {' | '.join(tail)}"
    return json.loads(stdout[marker + len("\x1eRESULT"):]), ""


def _run_totals(stages):
    """End to end (the report path) and stage sum of one pipeline run, wall and CPU seconds."""
    ok = {r["stage"]: r for r in stages if r["status"] == "ok"}
    path = [ok[name] for name in REPORT_PATH if name in ok]
    complete = len(path) == len(REPORT_PATH)
    counted = [r for r in ok.values() if r["total"]]
    return {"end_to_end_seconds": sum(r["seconds"] for r in path) if complete else None,
            "end_to_end_cpu_seconds": sum(r.get("cpu_seconds") or 0 for r in path) if complete else None,
            "stage_sum_seconds": sum(r["seconds"] for r in counted) if counted else None,
            "stage_sum_cpu_seconds": sum(r.get("cpu_seconds") or 0 for r in counted) if counted else None}


def median_run(runs):
    """The run whose end-to-end time is the median (the lower middle one for an even count).

    A whole run is reported, not per-stage medians, so that its stages add up to its totals.
    Incomplete runs sort last.
    """
    def key(run):
        total = _run_totals(run["stages"])["end_to_end_seconds"]
        return (total is None, total or 0.0)

    ordered = sorted(runs, key=key)
    return ordered[(len(ordered) - 1) // 2]


def machine():
    """The machine and library versions, for the results table."""
    from importlib import metadata

    info = {"nproc": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()}
    with contextlib.suppress(OSError):
        info["memory_gb"] = round(int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1]) / 1024**2, 1)
        info["cpu"] = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "")
    with contextlib.suppress(OSError):
        info["load_average"] = [round(x, 2) for x in os.getloadavg()]
    versions = {}
    for package in ("networkx", "pandas", "numpy", "scipy", "python-louvain", "igraph"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    info["versions"] = versions
    return info


def summarise(size, pipeline, igraph_part, generation, floor):
    """The JSON document for one size: stages, totals, and each target met or missed."""
    spec = SIZES[size]
    stages = pipeline or []
    counted = [r for r in stages if r["total"]]
    totals = _run_totals(stages)
    total_seconds, total_cpu = totals["stage_sum_seconds"], totals["stage_sum_cpu_seconds"]
    peaks = [r["peak_rss"] for r in stages if r.get("peak_rss") and r["total"]]
    peak = max(peaks) if peaks else None
    skipped = [r["stage"] for r in counted if r["status"] != "ok"]
    read = next((r for r in stages if r["stage"] == READ_STAGE and r["status"] == "ok"), None)
    # What `netanalysis report` runs: the report computes strength, circles, brokerage and
    # introductions itself, so this path does every analysis once (the stage sum does them twice).
    path_seconds, path_cpu = totals["end_to_end_seconds"], totals["end_to_end_cpu_seconds"]
    path_ok = path_seconds is not None
    checks = {}
    if spec["targets"] and total_seconds is not None:
        goal = spec["targets"]["seconds"]
        # End to end is the chain `netanalysis report` runs: read, build, then strength, circles,
        # brokerage and introductions once each inside the report. On a shared machine wall time
        # includes waiting for a core: CPU time bounds it from below.
        checks["end_to_end_seconds"] = {
            "target": goal, "measured": round(path_seconds, 2) if path_ok else None,
            "cpu_seconds": round(path_cpu, 2) if path_ok else None,
            "met": bool(path_ok and path_seconds <= goal), "met_on_cpu": bool(path_ok and path_cpu <= goal),
            "complete": path_ok}
        checks["peak_memory_gb"] = {"target": spec["targets"]["gb"], "measured": round(peak / GB, 2),
                                    "met": peak <= spec["targets"]["gb"] * GB and not skipped, "complete": not skipped}
    if floor:
        alone = next((r for r in stages if r["stage"] == CONNECTIONS_STAGE and r["status"] == "ok"), None)
        # The reader against read_csv of exactly the bytes it parses: whole exports against every
        # file read, and Connections.csv files alone against the same files.
        for key, record, base in (("read_vs_pandas", read, floor.get("files")),
                                  ("connections_vs_pandas", alone, floor.get("connections"))):
            if record and base:
                ratio = record["seconds"] / base["seconds"] if base["seconds"] else math.inf
                cpu_ratio = record["cpu_seconds"] / base["cpu_seconds"] if base["cpu_seconds"] else math.inf
                checks[key] = {"target": READ_FLOOR_FACTOR, "measured": round(ratio, 2),
                               "cpu_ratio": round(cpu_ratio, 2), "met": ratio <= READ_FLOOR_FACTOR,
                               "met_on_cpu": cpu_ratio <= READ_FLOOR_FACTOR,
                               "floor_seconds": round(base["seconds"], 4),
                               "floor_cpu_seconds": round(base["cpu_seconds"], 4),
                               "rows": base["rows"], "files": base["files"]}
    return {
        "size": size, "world": {k: v for k, v in spec.items() if k != "targets"},
        "date": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(), "memory_method": memory_method(),
        "generation": generation, "stages": stages, "igraph": igraph_part or [],
        "end_to_end_seconds": path_seconds, "end_to_end_cpu_seconds": path_cpu,
        "stage_sum_seconds": total_seconds, "stage_sum_cpu_seconds": total_cpu,
        "peak_rss": peak, "skipped_stages": skipped, "checks": checks, "floor": floor,
    }


def _fmt_seconds(value):
    if value is None:
        return "—"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def _fmt_mb(value):
    return "—" if not value else f"{value / 1024**2:,.0f}"


def to_markdown(doc):
    """The results as a Markdown table (stages, igraph side by side, checks, machine)."""
    m = doc["machine"]
    world = doc["world"]
    lines = [
        f"### Size {doc['size']}: a world of {world['people']:,} people; the owner's export"
        + (f" ({world['owner']:,} contacts)" if world.get("owner") else "")
        + f" merged with {world['members']:,} members' exports listing {world['ties']:,} contacts",
        "",
        f"Run {doc['date']} on {m.get('nproc')} cores, {m.get('memory_gb')} GB ({m.get('cpu', '')}), "
        f"load average {m.get('load_average')}"
        + (f", speed check {doc['generation']['calibration']:.3f} s CPU (`calibrate()`: a fixed workload, "
           "lower is faster; it tells runs at quiet and busy hours apart)"
           if (doc.get("generation") or {}).get("calibration") else "")
        + f"; Python {m['python']}, "
        + ", ".join(f"{k} {v}" for k, v in m["versions"].items() if v) + ".",
        f"Memory: {doc['memory_method']}.",
        "",
        "| stage | seconds | CPU s | peak RSS (MB) | status | output | note |",
        "|---|---:|---:|---:|---|---|---|",
    ]

    def output(info):
        parts = [f"{k} {v:,}" for k, v in info.items() if isinstance(v, int)]
        parts += [f"{k} {v}" for k, v in info.items() if isinstance(v, float)]
        attrs = info.get("attrs") or {}
        for key in sorted(attrs):
            if key in ("k", "modularity", "communities") or any(
                    word in key for word in ("sample", "pivot", "restrict", "cap", "method", "exact", "candidates")):
                value = attrs[key]
                parts.append(f"{key}={value:.3f}" if isinstance(value, float) else f"{key}={value}")
        return ", ".join(parts)

    for r in doc["stages"]:
        counted = "" if r["total"] else " (not in total)"
        lines.append(f"| {r['stage']}{counted} | {_fmt_seconds(r['seconds'])} | {_fmt_seconds(r.get('cpu_seconds'))} | "
                     f"{_fmt_mb(r['peak_rss'])} | "
                     f"{r['status']} | {output(r.get('info') or {})} | {r.get('note', '')} |")
    lines.append(f"| **end to end**, as `netanalysis report` runs it ({', '.join(REPORT_PATH)}) | "
                 f"**{_fmt_seconds(doc['end_to_end_seconds'])}** | {_fmt_seconds(doc.get('end_to_end_cpu_seconds'))} | "
                 f"**{_fmt_mb(doc['peak_rss'])}** | "
                 + ("complete" if doc["end_to_end_seconds"] is not None else "incomplete")
                 + " | | every analysis once, inside the report |")
    lines.append(f"| sum of every stage above | {_fmt_seconds(doc.get('stage_sum_seconds'))} | "
                 f"{_fmt_seconds(doc.get('stage_sum_cpu_seconds'))} | | "
                 + (f"incomplete: {', '.join(doc['skipped_stages'])} not complete" if doc["skipped_stages"] else "complete")
                 + " | | each analysis counted twice: on its own, then again inside the report |")
    gen = doc.get("generation") or {}
    if gen.get("seconds") is not None:
        lines.append(f"| world generation (synth, not in total) | {_fmt_seconds(gen['seconds'])} | — | "
                     f"{_fmt_mb(gen.get('peak_rss'))} | ok | | |")
    elif gen.get("error"):
        lines.append(f"| world generation (synth) | — | — | — | {gen['error']} | | |")
    elif gen.get("reused"):
        lines.append("| world generation (synth) | — | — | — | reused an existing world | | |")
    if len(gen.get("runs") or []) > 1:
        totals = ", ".join(_fmt_seconds(r["end_to_end_seconds"]) + (
            f" (speed check {r['calibration']:.3f})" if r.get("calibration") else "") for r in gen["runs"])
        lines += ["", f"The run shown is the median of {len(gen['runs'])} pipeline runs, each in a fresh "
                  f"process (end to end: {totals} s)."]
    if doc["igraph"]:
        lines += ["", "igraph on the same graph (benchmark only):", "",
                  "| igraph stage | seconds | CPU s | peak RSS (MB) | status | output | note |",
                  "|---|---:|---:|---:|---|---|---|"]
        for r in doc["igraph"]:
            lines.append(f"| {r['stage']} | {_fmt_seconds(r['seconds'])} | {_fmt_seconds(r.get('cpu_seconds'))} | "
                         f"{_fmt_mb(r['peak_rss'])} | {r['status']} | {output(r.get('info') or {})} | {r.get('note', '')} |")
    if doc["checks"]:
        lines += ["", "| target | goal | measured | met |", "|---|---:|---:|---|"]
        names = {"end_to_end_seconds": "end to end, as `netanalysis report` runs it (s)",
                 "peak_memory_gb": "peak memory (GB)",
                 "read_vs_pandas": "reading whole exports / pandas.read_csv of the files read",
                 "connections_vs_pandas": "reading Connections.csv files / pandas.read_csv of them"}
        for key, check in doc["checks"].items():
            goal = f"≤ {check['target']}" + ("×" if key.endswith("_vs_pandas") else "")
            verdict = "yes" if check["met"] else ("no" if check.get("complete", True) else "no (incomplete run)")
            measured = check["measured"]
            if "cpu_ratio" in check:
                measured = (f"{measured}× wall, {check['cpu_ratio']}× CPU (pandas: {check['floor_cpu_seconds']} s CPU "
                            f"for {check['files']:,} files)")
                if not check["met"] and check["met_on_cpu"]:
                    verdict = "not on wall time, yes on CPU time (machine shared)"
            if "cpu_seconds" in check:
                measured = f"{measured} wall, {check['cpu_seconds']} CPU"
                if not check["met"] and check["met_on_cpu"]:
                    verdict = "not on wall time, yes on CPU time (machine shared)"
            lines.append(f"| {names[key]} | {goal} | {measured} | {verdict} |")
        floor = doc.get("floor") or {}
        read = next((r for r in doc["stages"] if r["stage"] == READ_STAGE and r["status"] == "ok"), None)
        if read and floor.get("connections") and floor.get("files"):
            only = floor["connections"]
            lines += ["", f"For scale: reading the whole exports took {read['seconds'] / only['seconds']:.1f}× "
                      f"a bare read_csv of their {only['files']:,} Connections.csv files alone "
                      f"({only['cpu_seconds']:.2f} s CPU); the reader parses {floor['files']['files']:,} files "
                      f"(messages, invitations, endorsements… too), {floor['files']['cpu_seconds']:.2f} s CPU for "
                      "read_csv alone."]
    return "\n".join(lines) + "\n"


def _graph_size(doc):
    """(people, ties) of the graph the pipeline built, or None."""
    for record in doc["stages"]:
        info = record.get("info") or {}
        if "nodes" in info:
            return info["nodes"], info["edges"]
    return None


#: A stage whose cost is mostly one library call, and the igraph side-by-side stage that times
#: that call alone: when the stage grows faster than the bound, the engine's own growth is shown.
ENGINE_STAGES = {"communities (detect_communities)": "communities (community_multilevel)"}


def _engine_growth(stage, small, large, hour=1.0):
    """CPU ratio of the igraph stage behind ``stage`` from ``small`` to ``large`` (× ``hour``), or None."""
    name = ENGINE_STAGES.get(stage)
    times = []
    for doc in (small, large):
        record = next((r for r in doc.get("igraph") or [] if r["stage"] == name and r["status"] == "ok"), None)
        if not record or not record.get("cpu_seconds"):
            return None
        times.append(record["cpu_seconds"])
    return times[1] / times[0] * hour


def scaling(small, large):
    """How each stage's CPU time grows from one size to the next, as a Markdown table.

    The target is a cost no worse than n log n in people and linear in ties, O(n log n + m): from
    one size to the next that allows the larger of the two growths, n₂ log n₂ / (n₁ log n₁) and
    m₂ / m₁ (the *bound*). A stage within 15 % of it (timing noise on a shared machine) reads
    "within n log n + m". The exponent, log(CPU ratio) / log(ties ratio), is given too: 1 is
    linear in ties. Stages under 0.05 s CPU at the small size are too noisy to judge. A stage
    above the bound whose work is one library call (:data:`ENGINE_STAGES`) also shows how that
    call alone grew in the igraph side-by-side: the part of the growth that is the algorithm's.

    When both runs recorded a speed check (``calibrate()``, the CPU time of one fixed workload),
    the ratios compare like with like: the larger run's CPU times are scaled by the small run's
    speed check over its own, so that a busier hour does not pass for growth.
    """
    sizes = _graph_size(small), _graph_size(large)
    if None in sizes:
        return ""
    (n1, m1), (n2, m2) = sizes
    bound = max(n2 * math.log(n2) / (n1 * math.log(n1)), m2 / m1)
    speeds = [(doc.get("generation") or {}).get("calibration") for doc in (small, large)]
    hour = speeds[0] / speeds[1] if all(speeds) else 1.0
    lines = [f"### Growth from {small['size']} to {large['size']}: people ×{n2 / n1:.1f}, ties ×{m2 / m1:.1f}; "
             f"O(n log n + m) allows ×{bound:.1f}", ""]
    if all(speeds):
        lines += [f"Speed checks {speeds[0]:.3f} s at {small['size']} and {speeds[1]:.3f} s at {large['size']}: "
                  f"ratios use {large['size']}'s CPU times × {hour:.2f}.", ""]
    lines += ["| stage | CPU s at " + small["size"] + " | CPU s at " + large["size"]
              + " | ratio | ratio / bound | exponent in ties | reading |",
              "|---|---:|---:|---:|---:|---:|---|"]
    later = {r["stage"]: r for r in large["stages"]}
    for record in small["stages"]:
        other = later.get(record["stage"])
        if not other or record["status"] != "ok" or not record.get("total"):
            continue
        a, b = record.get("cpu_seconds") or 0, other.get("cpu_seconds") or 0
        if a < 0.05:
            continue
        if b <= 0:
            lines.append(f"| {record['stage']} | {a:.2f} | — | — | — | — | not run at {large['size']} ({other['status']}) |")
            continue
        ratio = b * hour / a
        exponent = math.log(ratio) / math.log(m2 / m1)
        if other["status"] != "ok":
            reading = f"at least this ({other['status']})"
        elif ratio <= 1.15 * bound:
            reading = "within n log n + m"
        elif ratio <= 1.5 * bound:
            reading = "slightly above n log n + m"
        else:
            reading = "**above n log n + m**"
        engine = _engine_growth(record["stage"], small, large, hour) if ratio > 1.15 * bound else None
        if engine is not None:
            reading += (f"; {ENGINE_STAGES[record['stage']]} alone, in igraph, grew ×{engine:.1f} "
                        f"({engine / bound:.2f} of the bound)")
        lines.append(f"| {record['stage']} | {a:.2f} | {b:.2f} | {ratio:.0f}× | {ratio / bound:.2f} | {exponent:.2f} "
                     f"| {reading} |")
    return "\n".join(lines) + "\n"


def write_scaling(out):
    """Write ``scaling.md`` in ``out`` from the ``<size>.json`` results found there, size by size."""
    order = [size for size in SIZES if size != "XS" and (out / f"{size}.json").exists()]
    tables = [scaling(json.loads((out / f"{a}.json").read_text()), json.loads((out / f"{b}.json").read_text()))
              for a, b in itertools.pairwise(order)]
    if any(tables):
        (out / "scaling.md").write_text("\n".join(t for t in tables if t))


def main(argv=None):
    parser = argparse.ArgumentParser(description="Time every netanalysis stage on a synthetic world.")
    parser.add_argument("--size", choices=sorted(SIZES), default="S", help="world size (default S)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the world and of every analysis")
    parser.add_argument("--out", default=str(RESULTS), help="folder for <size>.json and <size>.md")
    parser.add_argument("--world", help="folder for the world, kept and reused by later runs "
                        "(default: a temporary folder, deleted after)")
    parser.add_argument("--repeat", type=int, default=1, help="run the pipeline this many times, each in a "
                        "fresh process, and report the run with the median end-to-end time (default 1)")
    parser.add_argument("--no-igraph", action="store_true", help="skip the igraph side-by-side")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds allowed per child process")
    parser.add_argument("--stage-timeout", type=float, help="stop a stage after this many seconds and report it")
    parser.add_argument("--child", choices=("generate", "pipeline", "connections", "igraph"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.size, args.world, args.seed, args.out, args.stage_timeout)
        return 0
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    keep = args.world is not None
    world = Path(args.world or tempfile.mkdtemp(prefix=f"netanalysis-bench-{args.size}-"))
    world.mkdir(parents=True, exist_ok=True)
    try:
        listing = world / "paths.json"
        if keep and listing.exists():
            result, error = {"paths": json.loads(listing.read_text()), "seconds": None, "peak_rss": None}, ""
            generation = {"reused": True}
        else:
            result, error = _spawn("generate", args, world, out)
            generation = {"error": error} if result is None else {"seconds": result["seconds"], "peak_rss": result["peak_rss"]}
        pipeline = igraph_part = None
        floor = None
        if result is not None:
            Path(world, "paths.json").write_text(json.dumps(result["paths"]))
            print(f"world ready ({len(result['paths'])} exports); running the pipeline", file=sys.stderr)
            runs = []
            for number in range(args.repeat):
                if args.repeat > 1:
                    print(f"pipeline run {number + 1} of {args.repeat}", file=sys.stderr)
                piped, error = _spawn("pipeline", args, world, world)
                if piped is None:
                    generation["pipeline_error"] = error
                    break
                runs.append(piped)
            if runs:
                chosen = median_run(runs)
                pipeline, floor = chosen["stages"], chosen["floor"]
                generation["runs"] = [{**_run_totals(r["stages"]), "calibration": r.get("calibration")} for r in runs]
                generation["calibration"] = chosen.get("calibration")
                alone, error = _spawn("connections", args, world, world)
                pipeline = pipeline + (alone["stages"] if alone else [
                    {"stage": CONNECTIONS_STAGE, "status": f"error: {error}", "seconds": None, "cpu_seconds": None,
                     "peak_rss": None, "note": "", "total": False, "info": {}}])
            if not args.no_igraph:
                print("running the igraph side-by-side", file=sys.stderr)
                side, error = _spawn("igraph", args, world, world)
                igraph_part = side["stages"] if side else [{"stage": "igraph", "status": f"error: {error}",
                                                             "seconds": None, "peak_rss": None, "note": ""}]
        doc = summarise(args.size, pipeline, igraph_part, generation, floor)
        (out / f"{args.size}.json").write_text(json.dumps(doc, indent=1, default=str) + "\n")
        markdown = to_markdown(doc)
        (out / f"{args.size}.md").write_text(markdown)
        print(markdown)
        write_scaling(out)
    finally:
        if not keep:
            shutil.rmtree(world, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

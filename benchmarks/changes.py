"""Benchmark of the stay-present commands: ``changes`` and ``todo`` on two exports of one person.

Usage::

    python benchmarks/changes.py                       # two exports at 30,000 contacts (M), 3 runs
    python benchmarks/changes.py --contacts 1500       # a quick look
    python benchmarks/changes.py --world /tmp/snaps    # keep the two exports there and reuse them

The two exports are written once by :func:`netanalysis.synth.write_snapshots` (one persona, six
months apart, with planted changes and their answer key) into the ``--world`` folder, then each
command is run end to end as a user runs it (``python -m netanalysis ...`` in a child process:
imports, reading both exports, building both graphs, the comparison and the output), ``--repeat``
times. Wall time is ``time.perf_counter`` around the child; CPU time is the child's user + system
time (``RUSAGE_CHILDREN``). Before timing, the machine's speed check of ``benchmarks/run.py``
(``calibrate``) is recorded, since these shared machines slow down when neighbours are busy: wall
time above CPU time means the child waited for a core.

Each run of ``changes --ties`` is also checked against the answer key: every planted change found
and nothing else (without ``ties.csv`` nothing says the quiet ties were met in person). Results go to ``benchmarks/results/changes-<size>.json`` and ``.md``.

The target (issue 21): ``changes`` on two 30,000-contact exports in under 5 s.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import importlib.util
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
TARGET_SECONDS = 5.0


def _run_module():
    """benchmarks/run.py, for its speed check and machine description (one definition of each)."""
    spec = importlib.util.spec_from_file_location("benchmarks_run", HERE / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_world(folder, contacts, *, seed=11):
    """The two snapshots in ``folder`` (written when absent): ``old``, ``new``, ``ties``, ``truth``."""
    from netanalysis.synth import write_snapshots

    folder = Path(folder)
    done = folder / "written.json"
    if done.exists():
        paths = json.loads(done.read_text())
        if paths.get("contacts") == contacts and paths.get("seed") == seed:
            return {k: Path(v) for k, v in paths.items() if k not in ("contacts", "seed")}
    paths = write_snapshots(folder, contacts=contacts, months=6, seed=seed)
    done.write_text(json.dumps({**{k: str(v) for k, v in paths.items()}, "contacts": contacts, "seed": seed}))
    return paths


def commands(paths):
    """The commands timed: name -> arguments after ``python -m netanalysis``."""
    old, new, ties = str(paths["old"]), str(paths["new"]), str(paths["ties"])
    return {
        "changes": ["changes", old, new, "--format", "csv"],
        "changes --ties": ["changes", old, new, "--ties", ties, "--format", "csv"],
        "todo --since --ties": ["todo", new, "--since", old, "--ties", ties, "--format", "csv"],
    }


def run_once(arguments):
    """Run ``python -m netanalysis <arguments>``: (wall seconds, CPU seconds, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "netanalysis", *arguments], capture_output=True, text=True,
                          check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"netanalysis {' '.join(arguments)} failed: {done.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def check_against_key(csv_text, truth):
    """Every change of the answer key found, and nothing else: (found, expected, missing, extra)."""
    import pandas as pd

    found = pd.read_csv(io.StringIO(csv_text), dtype=str, keep_default_na=False)
    key = pd.read_csv(truth, dtype=str, keep_default_na=False)
    got = set(zip(found["change"], found["key"], strict=True))
    want = set(zip(key["change"], key["key"], strict=True))
    return len(got), len(want), sorted(want - got), sorted(got - want)


def benchmark(contacts, world, *, repeat=3, seed=11):
    """Write (or reuse) the world, time every command ``repeat`` times; the results document."""
    bench = _run_module()
    start = time.perf_counter()
    paths = write_world(world, contacts, seed=seed)
    generation = time.perf_counter() - start
    speed = bench.calibrate()
    results = {}
    for name, arguments in commands(paths).items():
        runs = []
        for _ in range(repeat):
            wall, cpu, out = run_once(arguments)
            run = {"seconds": round(wall, 3), "cpu_seconds": round(cpu, 3)}
            if name == "changes --ties":  # the key's gone_quiet ties were met in person: ties.csv says so
                found, expected, missing, extra = check_against_key(out, paths["truth"])
                run.update(found=found, expected=expected, missing=missing, extra=extra)
            runs.append(run)
        results[name] = {"runs": runs, "median_seconds": statistics.median(r["seconds"] for r in runs),
                         "median_cpu_seconds": statistics.median(r["cpu_seconds"] for r in runs)}
    size = "M" if contacts == 30_000 else f"{contacts}"
    main = results["changes --ties"]
    return {
        "size": size, "contacts": contacts, "date": _dt.date.today().isoformat(), "seed": seed,
        "speed_check_seconds": round(speed, 3), "generation_seconds": round(generation, 2),
        "machine": bench.machine(), "commands": results, "target_seconds": TARGET_SECONDS,
        "target_met_wall": max(r["median_seconds"] for k, r in results.items() if k.startswith("changes"))
        < TARGET_SECONDS,
        "target_met_cpu": main["median_cpu_seconds"] < TARGET_SECONDS,
        "answer_key_matched": all(not r["missing"] and not r["extra"] for r in main["runs"]),
    }


def to_markdown(doc):
    lines = [f"# changes and todo on two exports of {doc['contacts']:,} contacts ({doc['date']})", "",
             f"Speed check {doc['speed_check_seconds']} s (run.py's `calibrate`; 0.09–0.11 s on a quiet machine); "
             f"load average {doc['machine'].get('load_average')}; {doc['machine'].get('nproc')} cores.", "",
             "| command | wall (median) | CPU (median) | runs (wall s) | answer key |", "|---|---:|---:|---|---|"]
    for name, result in doc["commands"].items():
        runs = ", ".join(f"{r['seconds']:.2f}" for r in result["runs"])
        key = ""
        if name == "changes --ties":
            first = result["runs"][0]
            ok = all(not r["missing"] and not r["extra"] for r in result["runs"])
            key = f"{first['found']} of {first['expected']} found, " + ("nothing else" if ok else "MISMATCH")
        lines.append(f"| `netanalysis {name}` | {result['median_seconds']:.2f} s | "
                     f"{result['median_cpu_seconds']:.2f} s | {runs} | {key} |")
    lines += ["", f"Target: `changes` under {doc['target_seconds']:g} s — wall: "
              f"{'met' if doc['target_met_wall'] else 'not met'}; CPU: {'met' if doc['target_met_cpu'] else 'not met'}."]
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description="Time `netanalysis changes` and `todo` on two synthetic exports.")
    parser.add_argument("--contacts", type=int, default=30_000, help="contacts in the newer export (default 30,000)")
    parser.add_argument("--world", help="folder for the two exports, kept and reused (default: a temporary folder)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command (default 3)")
    parser.add_argument("--seed", type=int, default=11, help="seed of the snapshots (default 11)")
    parser.add_argument("--out", default=str(RESULTS), help="folder for changes-<size>.json and .md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        doc = benchmark(args.contacts, args.world or scratch, repeat=args.repeat, seed=args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"changes-{doc['size']}.json").write_text(json.dumps(doc, indent=2) + "\n")
    (out / f"changes-{doc['size']}.md").write_text(to_markdown(doc))
    sys.stdout.write(to_markdown(doc))
    return 0 if doc["answer_key_matched"] else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())

"""Snapshot every command-line output on the committed sample, and compare two snapshots.

A structural change must leave behaviour unchanged: run ``snapshot DIR`` before and after it,
then ``compare OLD NEW``. Tables (table, csv, json), the report folder and the ``export`` files
must be byte-identical; HTML pages may differ in whitespace only (compared with all runs of
whitespace removed).

    python tools/compare_outputs.py snapshot /tmp/before
    python tools/compare_outputs.py compare /tmp/before /tmp/after
"""

import argparse
import filecmp
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"


def _cases():
    cohort = sorted(str(p) for p in (SAMPLE / "cohort").glob("*/*.zip"))
    owner = cohort[:1]
    notes = ["--ties", str(SAMPLE / "cohort" / "ties.csv"), "--knows", str(SAMPLE / "cohort" / "knows.csv")]
    collector = sorted(str(p) for p in (SAMPLE / "personas" / "collector").glob("*.zip"))
    cultivator = sorted(str(p) for p in (SAMPLE / "personas" / "cultivator").glob("*.zip"))
    graphs = {
        "cohort": cohort + notes,
        "cohort-infer": [*cohort, *notes, "--infer", "same_company"],
        "owner": owner + notes[:2],
    }
    tables = {
        "strength": [], "dormant": [], "communities": [], "communities-people": ["--people"],
        "communities-observed": ["--evidence", "observed"],
        "introductions": ["--top", "30"], "paths": ["--to", "Clinique"], "holes": [], "roles": [],
        "audience": ["--keywords", "data", "health"],
    }
    cases = {}
    for graph, graph_args in graphs.items():
        for command, extra in tables.items():
            name = command.split("-")[0]
            for fmt in ("table", "csv", "json"):
                cases[f"{graph}.{command}.{fmt}"] = [name, *graph_args, *extra, "--format", fmt]
    for fmt in ("table", "csv", "json"):
        cases[f"compare.{fmt}"] = ["compare", *collector, *cultivator, "--format", fmt]
        cases[f"inspect.{fmt}"] = ["inspect", *owner] + (["--json"] if fmt == "json" else [])
    return cases


def _files(cohort_args, out):
    """Commands that write files: the report folder, every export format, the map."""
    return {
        "report": ["report", *cohort_args, "--out", str(out / "report"), "--to", "Clinique", "--force"],
        "export-gexf": ["export", *cohort_args, "--format", "gexf", "-o", str(out / "export" / "network.gexf")],
        "export-graphml": ["export", *cohort_args, "--format", "graphml", "-o",
                           str(out / "export" / "network.graphml")],
        "export-csv": ["export", *cohort_args, "--format", "csv", "-o", str(out / "export" / "csv")],
        "map": ["map", *cohort_args, "-o", str(out / "map" / "map.html")],
        "ties-init": ["ties", "init", cohort_args[0], "-o", str(out / "ties" / "ties.csv")],
    }


def _run(args, stdout_path):
    # Each command runs with its own random hash seed: an output that depends on it shows as a difference.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
    done = subprocess.run([sys.executable, "-m", "netanalysis", *args], capture_output=True, cwd=ROOT, env=env)
    stdout_path.write_bytes(done.stdout + f"\n[exit {done.returncode}]\n".encode() + done.stderr)


def snapshot(out):
    out = Path(out)
    (out / "stdout").mkdir(parents=True, exist_ok=True)
    for folder in ("export", "map", "ties"):
        (out / folder).mkdir(exist_ok=True)
    cohort = sorted(str(p) for p in (SAMPLE / "cohort").glob("*/*.zip"))
    cohort_args = [*cohort, "--ties", str(SAMPLE / "cohort" / "ties.csv"),
                   "--knows", str(SAMPLE / "cohort" / "knows.csv")]
    jobs = {**_cases(), **_files(cohort_args, out)}
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda item: _run(item[1], out / "stdout" / f"{item[0]}.txt"), jobs.items()))
    print(f"{len(jobs)} commands written to {out}")


def _normalised(path):
    return re.sub(rb"\s+", b"", path.read_bytes())


def compare(old, new):
    old, new = Path(old), Path(new)
    names = sorted({p.relative_to(old) for p in old.rglob("*") if p.is_file()}
                   | {p.relative_to(new) for p in new.rglob("*") if p.is_file()})
    # A folder path printed on stdout names the snapshot folder itself.
    differ = []
    for name in names:
        a, b = old / name, new / name
        if not a.exists() or not b.exists():
            differ.append(f"{name}: only in {'new' if b.exists() else 'old'}")
        elif name.suffix == ".html":
            if _normalised(a) != _normalised(b):
                differ.append(f"{name}: differs beyond whitespace")
        elif not filecmp.cmp(a, b, shallow=False):
            if a.read_bytes().replace(bytes(old), bytes(new)) != b.read_bytes():
                differ.append(f"{name}: differs")
    for line in differ:
        print(line)
    print(f"{len(names)} files compared, {len(differ)} differ")
    return 1 if differ else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("snapshot").add_argument("out")
    cmp_ = sub.add_parser("compare")
    cmp_.add_argument("old")
    cmp_.add_argument("new")
    args = parser.parse_args()
    if args.command == "snapshot":
        snapshot(args.out)
        return 0
    return compare(args.old, args.new)


if __name__ == "__main__":
    sys.exit(main())

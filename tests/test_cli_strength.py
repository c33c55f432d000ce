"""The strength commands (strength, compare, dormant, audience) on the committed sample, driven in-process."""

import json
from pathlib import Path

import pytest

from netanalysis.cli import main

ROOT = Path(__file__).resolve().parents[1]


CULTIVATOR = ROOT / "data" / "sample" / "personas" / "cultivator"


COHORT_02 = ROOT / "data" / "sample" / "cohort" / "02-alice-gagnon"


needs_sample = pytest.mark.skipif(not CULTIVATOR.is_dir(), reason="the sample data is not installed")


def _export(folder):
    return str(sorted(folder.glob("*.zip"))[0])


@needs_sample
def test_cli_strength_json(capsys):
    assert main(["strength", _export(CULTIVATOR), "--ties", str(CULTIVATOR / "ties.csv"), "--format", "json"]) == 0
    rows = {r["indicator"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["size"]["value"] > 0 and rows["in_person"]["value"] > 0
    assert rows["constraint"]["note"].startswith("not meaningful")


@needs_sample
def test_cli_compare_pairs_ties_by_position(capsys):
    args = ["compare", _export(CULTIVATOR), _export(COHORT_02), "--labels", "cultivator", "alice"]
    assert main([*args, "--ties", str(CULTIVATOR / "ties.csv"), "-", "--what-if", "in_person",
                 "--format", "csv"]) == 0
    out = capsys.readouterr().out
    header = out.splitlines()[0]
    assert header == ("group,indicator,cultivator,cultivator · in person only,alice,alice · in person only,meaning,note")
    assert main([*args, "--ties-beside", "--format", "json"]) == 0
    rows = {r["indicator"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["in_person"]["cultivator"] > 0 and rows["in_person"]["alice"] == 0  # no ties.csv beside
    assert main([*args, "--ties", str(CULTIVATOR / "ties.csv")]) == 2
    assert "give one per export" in capsys.readouterr().err


@needs_sample
def test_cli_dormant_and_audience(capsys):
    export, ties = _export(CULTIVATOR), str(CULTIVATOR / "ties.csv")
    assert main(["dormant", export, "--ties", ties, "--months", "24", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["months_silent"] >= 24 for r in rows)
    assert main(["audience", export, "--keywords", "a", "--format", "json"]) == 0
    summary = {r["indicator"]: r["value"] for r in json.loads(capsys.readouterr().out)}
    assert summary["relevant"] + summary["not_relevant"] == summary["broadcast_reach"]
    assert main(["audience", export, "--keywords", "a", "--show", "targeted", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("key,name,company,position,met,strength,matched")
    assert main(["audience", export]) == 2
    assert "give keywords" in capsys.readouterr().err

"""The strength commands (strength, compare, dormant, audience) on the committed sample, driven in-process."""

import csv
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
    # one export: no tie between contacts is observed, so Burt's measures are null, with the reason
    assert rows["constraint"]["value"] is None and rows["efficiency"]["value"] is None
    assert rows["constraint"]["note"].startswith("withheld: ties among your contacts observed for 0 of")


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


COHORT = ROOT / "data" / "sample" / "cohort"
SARAH = "linkedin.com/in/sarah-maude-thibault-8317c865"


def _cohort_exports():
    return [_export(folder) for folder in sorted(COHORT.glob("0*"))]


@needs_sample
@pytest.mark.parametrize("command", ["strength", "holes", "communities", "introductions"])
def test_cli_observed_results_are_byte_identical_with_and_without_inference(command, capsys):
    # Finding 2: strength --evidence observed moved (strong ties 192 -> 195) when --infer was added.
    args = [command, *_cohort_exports(), "--ties", str(COHORT / "ties.csv"), "--knows", str(COHORT / "knows.csv"),
            "--evidence", "observed", "--format", "csv"]
    assert main(args) == 0
    plain = capsys.readouterr().out
    assert main([*args, "--infer", "same_company"]) == 0
    assert capsys.readouterr().out == plain and plain


@needs_sample
def test_cli_ties_go_with_the_ego_they_come_with(capsys):
    # Finding 1: with Amélie's export first, Sarah's ties.csv went to Amélie.
    exports = [_export(COHORT / "08-amelie-houle"), _export(COHORT / "01-sarah-maude-thibault")]
    ties = ["--ties", str(COHORT / "ties.csv"), "--format", "json"]
    assert main(["strength", *exports, *ties, "--ego", SARAH]) == 0
    merged = {r["indicator"]: r["value"] for r in json.loads(capsys.readouterr().out)}
    assert main(["strength", exports[1], *ties]) == 0
    alone = {r["indicator"]: r["value"] for r in json.loads(capsys.readouterr().out)}
    assert merged["in_person"] == alone["in_person"] > 0 and merged["size"] == alone["size"]
    # No --ego: the file fits Sarah's contacts far better than the first owner's: a one-line error.
    assert main(["strength", *exports, *ties]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "say whose it is with --ego" in err and SARAH in err
    # --ego naming Amélie: applied to her, with a warning that it fits Sarah better.
    assert main(["strength", *exports, *ties, "--ego", "linkedin.com/in/amelie-houle"]) == 0
    assert "warning: " in capsys.readouterr().err


@needs_sample
def test_cli_prints_ties_rows_set_aside(tmp_path, capsys):
    # Finding 8: "IRL" answers and rows matching nobody were silent outside inspect --json.
    rows = list(csv.reader((COHORT / "ties.csv").read_text(encoding="utf-8-sig").splitlines()))
    rows[1][rows[0].index("met")] = "IRL"
    with open(tmp_path / "ties.csv", "w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([rows[0], rows[1], ["zzz", "Nobody Here", "", "", "", "in_person"]])
    assert main(["holes", _export(COHORT / "01-sarah-maude-thibault"), "--ties", str(tmp_path / "ties.csv"),
                 "--only-ego", "--no-betweenness"]) == 0
    err = capsys.readouterr().err
    assert "ties.csv: 1 row set aside: line 2 (met value 'IRL'" in err
    assert "ties.csv: 1 row matches nobody: line 3 (Nobody Here" in err


COLLECTOR = ROOT / "data" / "sample" / "personas" / "collector"


@needs_sample
def test_cli_compare_states_the_computed_verdict(capsys):
    args = ["compare", _export(COLLECTOR), _export(CULTIVATOR), "--ties-beside", "--labels", "collector", "cultivator"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "would_act" in out and "\nVerdict: collector has 11× the contacts of cultivator" in out
    assert main([*args, "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert "Verdict" not in captured.out and captured.err.strip().startswith("Verdict: collector has")
    rows = {r["indicator"]: r for r in csv.DictReader(captured.out.splitlines())}
    # the sentence quotes the very numbers of the table (its direction is tested in test_strength_quality)
    a, b = float(rows["would_act"]["collector"]), float(rows["would_act"]["cultivator"])
    assert f"({a:,.0f} against {b:,.0f})" in captured.err


@needs_sample
def test_cli_compare_writes_slides_and_refuses_to_overwrite(tmp_path, capsys):
    import struct

    out = tmp_path / "slides"
    args = ["compare", _export(CULTIVATOR), _export(COHORT_02), "--ties-beside", "--figures", str(out)]
    assert main([*args, "--format", "csv"]) == 0
    names = sorted(p.name for p in out.iterdir())
    stems = ["broadcast", "growth", "quality-shares", "rings-1", "rings-2", "size-vs-strength", "strength-bands"]
    assert names == sorted(f"{s}.{e}" for s in stems for e in ("png", "svg"))
    png = (out / "rings-1.png").read_bytes()
    assert struct.unpack(">II", png[16:24]) == (1920, 1080)
    assert "14 figures written to" in capsys.readouterr().err
    before = (out / "growth.svg").read_bytes()
    assert main([*args, "--format", "csv"]) == 2  # existing figures: refused before any work
    assert "already exists; pass --force" in capsys.readouterr().err
    assert main([*args, "--format", "csv", "--force"]) == 0
    assert (out / "growth.svg").read_bytes() == before  # same data, same bytes
    (tmp_path / "file").write_text("x")
    assert main([*args[:-1], str(tmp_path / "file")]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err

"""Tables for people (netanalysis/cli/table.py): every command's terminal output fits 100 columns, reads well,
and --format csv|json stay complete."""

import argparse
import json
import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from netanalysis.cli import main
from netanalysis.cli.table import Column, View, format_number, render

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
COHORT = SAMPLE / "cohort"
needs_sample = pytest.mark.skipif(not COHORT.is_dir(), reason="the sample data is not installed")


def _width(line):
    # Independent of the module's own measure: wide East Asian characters and emoji take two columns.
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line if not unicodedata.combining(c))


def _one(folder):
    return str(sorted(folder.glob("*.zip"))[0])


def _commands():
    first = _one(COHORT / "01-sarah-maude-thibault")
    cohort = [_one(p) for p in sorted(COHORT.iterdir()) if p.is_dir()]
    ties, knows = str(COHORT / "ties.csv"), str(COHORT / "knows.csv")
    snaps = sorted(str(p) for p in (SAMPLE / "snapshots").glob("*.zip"))
    personas = [_one(SAMPLE / "personas" / "collector"), _one(SAMPLE / "personas" / "cultivator")]
    return {
        "inspect": ["inspect", first],
        "strength": ["strength", first, "--ties", ties],
        "compare": ["compare", *personas, "--ties-beside", "--what-if", "in_person"],
        "dormant": ["dormant", first, "--ties", ties],
        "audience": ["audience", first, "--keywords", "data", "analyst"],
        "audience targeted": ["audience", first, "--keywords", "data", "analyst", "--show", "targeted"],
        "introductions": ["introductions", first, "--ties", ties],
        "paths": ["paths", first, "--to", "Clinique"],
        "paths hops": ["paths", first, "--to", "Clinique", "--hops"],
        "holes": ["holes", *cohort, "--knows", knows, "--no-betweenness"],
        "roles": ["roles", first],
        "communities": ["communities", *cohort, "--ties", ties, "--knows", knows],
        "communities people": ["communities", *cohort, "--people"],
        "changes": ["changes", *snaps, "--ties", str(SAMPLE / "snapshots" / "ties.csv")],
        "todo": ["todo", snaps[1], "--since", snaps[0]],
    }


@needs_sample
@pytest.mark.slow
@pytest.mark.parametrize("name", list(_commands()))
def test_every_command_default_table_fits_100_columns(name, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "100")
    assert main(_commands()[name]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines, name
    widest = max(lines, key=_width)
    assert _width(widest) <= 100, f"{name}: {_width(widest)} columns: {widest!r}"
    assert len(lines) < 400, f"{name}: {len(lines)} lines"
    assert "linkedin.com/in/" not in out or name == "inspect"  # keys only with --wide or --format csv|json
    assert "NaN" not in out and ".000000" not in out
    assert not re.search(r"(?<![\d.])-0(\.0+)?(?![\d.])", out)  # no negative zero


@needs_sample
@pytest.mark.slow
def test_holes_put_the_owner_first_cut_to_a_top_and_say_what_is_left(monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "100")
    first = _one(COHORT / "01-sarah-maude-thibault")
    assert main(["holes", first, "--no-betweenness", "--top", "5"]) == 0
    lines = capsys.readouterr().out.splitlines()
    body = next(i for i, line in enumerate(lines) if line.startswith("---")) + 1
    assert lines[0].startswith("name") and lines[body].startswith("Sarah-Maude Thibault") and "you" in lines[body]
    assert lines[body + 5].startswith("625 more rows not shown")  # 630 people, 5 shown
    # Then the withheld values' notes (the note column does not fit 100 columns): one export, none observed.
    notes = " ".join(lines[body + 6:])
    assert notes.startswith("note: withheld: ties among your contacts observed for 0 of 629 contacts")
    assert "note: withheld: this person's own contact list was not exported" in notes
    assert main(["holes", first, "--no-betweenness", "--all"]) == 0
    everything = capsys.readouterr().out.splitlines()
    assert not everything[body + 629].startswith("note") and everything[body + 630].startswith("note: ")
    # csv stays complete: every row, the keys, raw numbers
    assert main(["holes", first, "--no-betweenness", "--format", "csv"]) == 0
    frame = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))
    assert len(frame) == 630 and frame.columns[0] == "key"


@needs_sample
def test_sort_names_a_column_or_says_the_nearest(monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "100")
    first = _one(COHORT / "01-sarah-maude-thibault")
    assert main(["dormant", first, "--sort", "strenght"]) == 2
    err = capsys.readouterr().err
    assert "did you mean 'strength'?" in err and err.count("\n") == 1
    assert main(["dormant", first, "--sort", "months_silent", "--top", "3", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)  # json ignores the terminal's top and sort: everything
    assert len(rows) > 3 and "key" in rows[0]


def test_numbers_read_as_counts_percentages_and_two_decimals():
    assert format_number(629.0) == "629"
    assert format_number(41616.0) == "41,616"
    assert format_number(0.424483, "share") == "42%"
    assert format_number(0.0766, "share") == "7.7%"
    assert format_number(243.206414) == "243.21"
    assert format_number(-0.0) == "0" and format_number(-0.001) == "-0.001"
    assert format_number(-0.0004, "num") == "-0.0004"  # small but not zero: never shown as 0.00
    assert format_number(float("nan")) == "—" and format_number(None, "int") == "—"


def test_render_wraps_text_cuts_names_and_leaves_out_the_last_columns():
    t = pd.DataFrame({"key": ["k1", "k2"], "name": ["Ana Lima", "Bo Chen-Vasquez-Montgomery-Smith"],
                      "score": [0.5, -0.0], "reason": ["a long reason " * 8, "short"], "extra": ["x" * 30] * 2})
    view = View((Column("name", min=10), Column("score", kind="num"), Column("reason", kind="wrap", min=20),
                 Column("extra", min=30)))
    text = render(t, view, width=40)
    lines = text.splitlines()
    assert all(_width(line) <= 40 for line in lines)
    assert "k1" not in text and "-0" not in text
    assert "Left out to fit 40 columns: extra (--wide shows every column)." in " ".join(lines)
    assert any(line.startswith("Bo Chen-V…") and "…" in line for line in lines)
    assert sum("long reason" in line for line in lines) > 2  # wrapped, not cut
    wide = render(t, view, argparse.Namespace(wide=True), width=40)
    assert "k1" in wide and "x" * 30 in wide


def test_render_repeats_a_group_once_and_formats_values_by_indicator():
    t = pd.DataFrame({"group": ["met", "met", "size"], "indicator": ["in_person", "in_person_share", "size"],
                      "value": [267.0, 0.424483, 629.0]})
    text = render(t, View((Column("group", repeat=False), Column("indicator"), Column("value", kind="value"))),
                  width=60)
    assert text.splitlines()[2:] == ["met    in_person          267",
                                     "       in_person_share    42%",
                                     "size   size               629"]

"""--source and --identities on the command line: inspect accounts for them, ties init, the report, privacy."""

import csv
import json

import pytest
from records_fixtures import JsonSource, write_json_records

from netanalysis.cli import main
from netanalysis.io.records import RECORD_SOURCES

ME = "me@owner.example"
CARDS = [("email:ana@acme.example", "Ana Silva", ["ana@acme.example"], ["https://www.linkedin.com/in/ana-silva"], ""),
         ("email:gus@solo.example", "Gus Ho", ["gus@solo.example", "gus.ho@home.example"],
          ["linkedin.com/in/gus-ho"], "Solo Inc"),
         ("email:fay@clinique.example", "Fay Gil", ["fay@clinique.example"], [], "Clinique Nord"),
         ("email:zed@nowhere.example", "Zed Zulu", ["zed@nowhere.example"], [], "")]


def attendee(address, role="attendee", status="accepted"):
    return (f"email:{address}", role, status)


@pytest.fixture
def sources(tmp_path, monkeypatch):
    """An address book and a calendar (test-only JSON source, the Records contract)."""
    monkeypatch.setitem(RECORD_SOURCES, "json_test", JsonSource)
    book = write_json_records(tmp_path / "book.records.json", "address_book", CARDS)
    people = [(f"email:{a}", "", [a], [], "") for a in (ME, "ana@acme.example", "gus.ho@home.example",
                                                        "fay@clinique.example")]
    occasions = [("m1", "meeting", "2025-03-12T09:00:00", "in_person", "Café Central", 3, "", False),
                 ("m2", "meeting", "2025-04-02T15:00:00", "online", "", 3, "", False)]
    presence = [("m1", *attendee(ME, "organizer")), ("m1", *attendee("ana@acme.example")),
                ("m1", *attendee("gus.ho@home.example")),
                ("m2", *attendee(ME, "organizer")), ("m2", *attendee("ana@acme.example")),
                ("m2", *attendee("fay@clinique.example"))]
    cal = write_json_records(tmp_path / "cal.records.json", "calendar", people, occasions, presence, owner=[ME])
    return {"book": book, "cal": cal}


def args_with(tiny_export, sources):
    return [*tiny_export, "--source", sources["book"], "--source", sources["cal"]]


def test_inspect_accounts_for_each_source_and_writes_identities(tiny_export, sources, tmp_path, capsys):
    out = tmp_path / "identities.csv"
    assert main(["inspect", *args_with(tiny_export, sources), "--json", "--identities-out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Café Central" not in printed  # the place of a meeting is only ever a suggestion's reason
    data = json.loads(printed)["sources"]
    book, cal = data["files"]
    assert (book["kind"], book["items"], book["used"], book["skipped"], book["people"]) == ("address_book", 4, 4, 0, 4)
    assert (book["matched"], book["suggested"], book["unmatched"], book["ego_ties"]) == (2, 1, 1, 2)
    assert (cal["occasions"], cal["occasions_used"], cal["ties_added"], cal["met_suggestions"]) == (2, 2, 1, 2)
    # Fay is only suggested by name: her online meeting adds nothing; Gus's home address is his through the card.
    assert data["identities"] == {"matched": 5, "suggested": 2, "ambiguous": 0, "unmatched": 1,
                                  "not this person": 0}
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    fay = next(r for r in rows if r["person"] == "email:fay@clinique.example" and r["source"] == "calendar")
    assert (fay["status"], fay["key"], fay["evidence"]) == ("suggested", "linkedin.com/in/fay-gil", "name+company")
    # Text form: one block per source.
    assert main(["inspect", *args_with(tiny_export, sources)]) == 0
    text = capsys.readouterr().out
    assert "Source " in text and "met-in-person suggestions: 2" in text


def test_identities_confirmed_by_the_user_are_applied(tiny_export, sources, tmp_path, capsys):
    out = tmp_path / "identities.csv"
    assert main(["inspect", *args_with(tiny_export, sources), "--identities-out", str(out)]) == 0
    text = out.read_text(encoding="utf-8-sig").replace(",suggested,", ",matched,")
    out.write_text(text + "calendar,email:nobody@x.example,,,matched,ego,,,\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["inspect", *args_with(tiny_export, sources), "--identities", str(out), "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)["sources"]
    assert data["identities"]["matched"] == 7 and data["identities"]["suggested"] == 0
    assert data["files"][1]["ties_added"] == 2  # Ana–Gus (café) and now Ana–Fay (online call)
    assert "identities.csv: 1 row not used: line" in captured.err and "matches no person" in captured.err


def test_ties_init_puts_calendar_suggestions_first_with_their_reason(tiny_export, sources, tmp_path, capsys):
    target = tmp_path / "ties.csv"
    assert main(["ties", "init", tiny_export[0], "-o", str(target), "--source", sources["cal"],
                 "--source", sources["book"]]) == 0
    rows = list(csv.DictReader(target.read_text(encoding="utf-8-sig").splitlines()))
    # One meeting each: then newest connection first, as for every suggestion.
    assert [(r["name"], r["suggested"], r["suggested_reason"]) for r in rows[:2]] == [
        ("Gus Ho", "in_person", "meeting at Café Central, 12 Mar 2025 — 3 attendees"),
        ("Ana Silva", "in_person", "meeting at Café Central, 12 Mar 2025 — 3 attendees")]
    assert all(r["met"] == "" for r in rows)  # suggestions, never answers
    assert "2 of them from your calendar" in capsys.readouterr().out


def test_report_says_where_the_evidence_comes_from_and_anonymises_it(tiny_export, sources, tmp_path):
    out = tmp_path / "report"
    assert main(["report", *args_with(tiny_export, sources), "--out", str(out)]) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Where the evidence comes from" in page and "Met in person, says your calendar" in page
    anon = tmp_path / "anon"
    assert main(["report", *args_with(tiny_export, sources), "--anonymize", "--out", str(anon)]) == 0
    page = (anon / "report.html").read_text(encoding="utf-8")
    assert "Where the evidence comes from" in page
    for path in anon.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            for secret in ("Café Central", "Ana Silva", "ana@acme.example", "gus.ho@home", "Zed Zulu", "zed@nowhere"):
                assert secret not in text, (path.name, secret)


def test_observed_only_output_is_the_same_with_and_without_sources(tiny_export, sources, capsys):
    assert main(["strength", *tiny_export, "--evidence", "observed", "--format", "csv"]) == 0
    without = capsys.readouterr().out
    assert main(["strength", *args_with(tiny_export, sources), "--evidence", "observed", "--format", "csv"]) == 0
    assert capsys.readouterr().out == without
    assert main(["strength", *args_with(tiny_export, sources), "--format", "csv"]) == 0
    assert capsys.readouterr().out != without


def test_bad_sources_are_one_line_errors(tiny_export, sources, tmp_path, capsys):
    assert main(["inspect", *tiny_export, "--source", str(tmp_path / "nope.ics")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nope.ics does not exist" in err
    odd = tmp_path / "notes.txt"
    odd.write_text("hello\n", encoding="utf-8")
    assert main(["inspect", *tiny_export, "--source", str(odd)]) == 2
    assert "no reader recognises this file" in capsys.readouterr().err
    assert main(["inspect", *tiny_export, "--identities", str(odd)]) == 2
    assert "pass them with --source" in capsys.readouterr().err
    assert main(["inspect", *tiny_export, "--identities-out", str(tmp_path / "i.csv")]) == 2
    capsys.readouterr()
    # The output is never one of the inputs.
    assert main(["inspect", *args_with(tiny_export, sources), "--identities-out", sources["book"]]) == 2


def test_ties_init_reads_identities_too(tiny_export, sources, tmp_path, capsys):
    ids = tmp_path / "identities.csv"
    # Fay, only suggested by name, confirmed; her meeting was online: still no in-person suggestion.
    ids.write_text("source,person,status,key\ncalendar,email:fay@clinique.example,matched,linkedin.com/in/fay-gil\n"
                   "calendar,email:ghost@x.example,matched,ego\n", encoding="utf-8")
    target = tmp_path / "ties.csv"
    # The calendar alone names Ana and Gus by addresses nothing links to them: no suggestion.
    assert main(["ties", "init", tiny_export[0], "-o", str(target), "--source", sources["cal"],
                 "--identities", str(ids)]) == 0
    rows = list(csv.DictReader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert not any(r["suggested"] for r in rows)
    assert main(["ties", "init", tiny_export[0], "-o", str(target), "--force", "--source", sources["cal"],
                 "--source", sources["book"], "--identities", str(ids)]) == 0
    rows = list(csv.DictReader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert [r["name"] for r in rows if r["suggested"]] == ["Gus Ho", "Ana Silva"]
    err = capsys.readouterr().err
    assert "identities.csv: 1 row not used: line 3 (email:ghost@x.example: matches no person" in err

"""--source and --identities on the command line: inspect accounts for them, ties init, the report, privacy."""

import csv
import json
import shutil

import pytest
from conftest import ROOT
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
    # The list holds the suggestions the facts count (two), with the user's answer in words.
    listed = page.split("Met in person, says your calendar", 1)[1].split("</section>", 1)[0]
    assert "Gus Ho" in listed and "Ana Silva" in listed and "not said" in listed
    assert ">unknown<" not in listed and ">in_person<" not in listed
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


# --source on todo, changes and compare, on the sample persona's calendar, mailbox and address book.
# The mailbox names people by e-mail only; the address book links those e-mails to profile URLs.
SAMPLE = ROOT / "data" / "sample"
PERSONA = SAMPLE / "sources" / "01-sarah-maude-thibault"
MAIL = ["--source", str(PERSONA / "contacts.vcf"), "--source", str(PERSONA / "mail.mbox")]


def _export(n):
    return str(next((SAMPLE / "cohort").glob(f"{n:02d}-*/*.zip")))


def _json(capsys, argv):
    assert main(argv) == 0
    captured = capsys.readouterr()
    return json.loads(captured.out), captured.err


def test_todo_with_the_mailbox_moves_last_contacts(capsys):
    argv = ["todo", _export(1), "--per-kind", "50", "--format", "json"]
    without, _ = _json(capsys, argv)
    with_mail, err = _json(capsys, [*argv, *MAIL])
    quiet = {r["name"]: r["reason"] for r in without if r["kind"] == "reconnect"}
    quiet_mail = {r["name"]: r["reason"] for r in with_mail if r["kind"] == "reconnect"}
    # Charlotte St-Pierre's last LinkedIn message is of 21 Oct 2025 (12 months before 2 Nov 2026); a mail of
    # 23 Feb 2026 (8 months) moves her last contact: not dormant any more.
    assert quiet["Charlotte St-Pierre"].startswith("no contact for 12 months")
    assert "Charlotte St-Pierre" not in quiet_mail
    # Michael Kovacs: no LinkedIn message at all; 2 mails each way, the last of 21 May 2025 (17 months):
    # strong enough now, and silent.
    assert "Michael Kovacs" not in quiet
    assert quiet_mail["Michael Kovacs"].startswith("no contact for 17 months; 4 messages")
    assert err == ""


def test_changes_applies_the_sources_to_each_snapshot_at_its_date(tmp_path, capsys):
    # The same export, also dated 1 Dec 2025: what moved between the two dates is what the dates say.
    older = tmp_path / "Basic_LinkedInDataExport_12-01-2025.zip"
    shutil.copyfile(_export(1), older)
    argv = ["changes", str(older), _export(1), "--format", "json"]
    without, _ = _json(capsys, argv)
    with_mail, err = _json(capsys, [*argv, *MAIL])

    def kinds(out):
        return {(c["change"], c["name"]): c["reason"] for c in out["changes"]}

    a, b = kinds(without), kinds(with_mail)
    # A mail after 1 Dec 2025 (Charlotte St-Pierre's of 23 Feb 2026) keeps a tie from going quiet ...
    assert ("gone_quiet", "Charlotte St-Pierre") in a and ("gone_quiet", "Charlotte St-Pierre") not in b
    # ... one before it, and none since, makes a strong tie quiet (Michael Kovacs: 21 May 2025) ...
    assert b[("gone_quiet", "Michael Kovacs")].endswith("; no contact since 2025-05-21")
    # ... and a mail in a silence breaks it (Caroline Lapointe).
    assert ("back_in_touch", "Caroline Lapointe") in a and ("back_in_touch", "Caroline Lapointe") not in b
    # The older snapshot's strength reads the mail up to its date only: both move, by different amounts.
    before, after = ({m["indicator"]: (m["before"], m["after"]) for m in out["movement"]}
                     for out in (without, with_mail))
    assert before["size"] == after["size"] == (629, 629)
    assert after["mean_strength"][0] > before["mean_strength"][0]
    assert after["mean_strength"][1] > before["mean_strength"][1]
    assert err == ""


def test_compare_applies_the_sources_to_the_first_exports_owner(capsys):
    def table(argv):
        assert main(["compare", *argv, "--format", "csv"]) == 0
        rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
        return {r["indicator"]: r for r in rows}

    without = table([_export(1), _export(2)])
    with_mail = table([_export(1), _export(2), *MAIL])
    owner, other = "Sarah-Maude Thibault", "Alice Gagnon"
    assert (without["strong_ties"][owner], with_mail["strong_ties"][owner]) == ("18.0", "20.0")
    assert (without["ties_between_contacts"][owner], with_mail["ties_between_contacts"][owner]) == ("0.0", "17.0")
    for indicator in ("strong_ties", "ties_between_contacts", "mean_strength"):
        assert with_mail[indicator][other] == without[indicator][other]


def test_a_source_matching_nobody_is_said_in_one_line(capsys):
    # The snapshots are another person's: the persona's calendar and address book name none of their contacts.
    snapshots = sorted(str(p) for p in (SAMPLE / "snapshots").glob("*.zip"))
    cal, book = PERSONA / "calendar.ics", PERSONA / "contacts.vcf"
    argv = ["changes", *snapshots, "--format", "json"]
    without, _ = _json(capsys, argv)
    out, err = _json(capsys, [*argv, "--source", str(cal), "--source", str(book)])
    assert out == without
    assert err.splitlines() == [
        f"netanalysis: note: {cal} matches none of your contacts (199 people in it; 2 by name only, to confirm "
        "with inspect --identities-out): it adds nothing.",
        f"netanalysis: note: {book} matches none of your contacts (292 people in it; 3 by name only, to confirm "
        "with inspect --identities-out): it adds nothing."]
    for command in (["todo", snapshots[-1]], ["compare", snapshots[-1]], ["strength", snapshots[-1]]):
        assert main([*command, "--source", str(cal), "--format", "csv"]) == 0
        assert capsys.readouterr().err.splitlines()[-1].startswith(f"netanalysis: note: {cal} matches none of")


@pytest.mark.parametrize("command", ["todo", "changes", "compare"])
def test_identities_on_todo_changes_and_compare(command, tmp_path, capsys):
    ids = tmp_path / "identities.csv"
    ids.write_text("source,person,status,key\nmail,email:ghost@x.example,matched,ego\n", encoding="utf-8")
    exports = [_export(1)] if command == "todo" else [_export(1), _export(1)] if command == "changes" \
        else [_export(1), _export(2)]
    assert main([command, *exports, "--identities", str(ids), "--format", "csv"]) == 2
    assert "pass them with --source" in capsys.readouterr().err
    assert main([command, *exports, *MAIL, "--identities", str(ids), "--format", "csv"]) == 0
    assert "identities.csv: 1 row not used: line 2 (email:ghost@x.example: matches no person" in capsys.readouterr().err

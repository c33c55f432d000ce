"""The stay-present commands (changes, todo), driven in-process on the hand-made snapshot pair."""

import json

import icalendar
import pytest
from snapshot_fixtures import IN, NEW_CONTACTS, NEW_MESSAGES, write_export, write_pair

from netanalysis.cli import main


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    return [str(p) for p in write_pair(tmp_path_factory.mktemp("cli"))]


def test_changes_json_lists_each_change_and_the_movement(pair, capsys):
    old, new, ties = pair
    assert main(["changes", old, new, "--ties", ties, "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [r["change"] for r in out["changes"]] == ["new_company", "new_position", "gone_quiet", "back_in_touch",
                                                     "added", "removed"]
    assert out["changes"][2]["matched_by"] == "name+company" and out["matched_by_name"] == 1
    assert out["old_date"] == "2024-01-15" and out["swapped"] is False
    assert {r["indicator"]: r["after"] for r in out["movement"]}["active_share"] == 0.625


def test_changes_in_the_wrong_order_says_so(pair, capsys):
    old, new, ties = pair
    assert main(["changes", new, old, "--ties", ties]) == 0
    captured = capsys.readouterr()
    assert "is the older export (2024-01-15); compared the other way round" in captured.err
    assert "Changes from 2024-01-15 to 2024-07-15:" in captured.out
    assert "1 person changed profile URL and was matched by name and company" in captured.out


def test_changes_table_reads_in_words_and_csv_keeps_the_values(pair, capsys):
    old, new, ties = pair
    assert main(["changes", old, new, "--ties", ties]) == 0
    out = capsys.readouterr().out
    assert "1 new company, 1 new position, 1 gone quiet, 1 back in touch, 1 added, 1 removed" in out
    rows = {line.split("  ")[0]: line for line in out.splitlines()}
    assert "Dee Roy" in rows["gone quiet"] and "in person" in rows["gone quiet"]
    assert rows["gone quiet"].rstrip().endswith("name and company")  # she changed profile URL
    assert "not said" in rows["new company"] and "_" not in out.split("How the network moved:")[0]
    # How the network moved: signed, shares in percentage points (12% to 12%, 38% to 62%).
    moved = {line.split()[0]: line for line in out.split("How the network moved:")[1].splitlines()[3:]}
    assert moved["in_person_share"].split()[3:5] == ["0", "points"]
    assert moved["active_share"].split()[3:5] == ["+25.0", "points"]
    assert moved["mean_strength"].split()[3].startswith("+")
    assert main(["changes", old, new, "--ties", ties, "--format", "csv"]) == 0
    csv = capsys.readouterr().out
    assert "\ngone_quiet," in csv and ",in_person," in csv and ",name+company," in csv


def test_changes_csv_and_the_same_export_twice(pair, capsys):
    old, _, _ = pair
    assert main(["changes", old, old]) == 0
    assert "no changes" in capsys.readouterr().out
    assert main(["changes", old, old, "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("change,key,name,before,after,")


def test_two_people_exports_are_one_line_error(pair, tmp_path, capsys):
    old, _, _ = pair
    other = write_export(tmp_path, "07-15-2024", NEW_CONTACTS, NEW_MESSAGES, owner=("Zed Other", IN + "zed-other"))
    assert main(["changes", old, str(other)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Mia Owner's export" in err and "Zed Other's" in err


def test_todo_writes_ledger_and_calendar_and_reads_the_ledger_back(pair, tmp_path, capsys):
    old, new, ties = pair
    ledger, ics = tmp_path / "followups.csv", tmp_path / "todo.ics"
    args = ["todo", new, "--since", old, "--ties", ties, "--per-kind", "1"]
    assert main([*args, "--init-followups", str(ledger), "--ics", str(ics), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["kind"] for r in rows] == ["congratulate", "reconnect", "introduce"]
    events = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert [str(e["UID"]).split("@")[0] for e in events] == [r["id"] for r in rows]
    assert main([*args, "--init-followups", str(ledger)]) == 2
    assert "already exists" in capsys.readouterr().err
    text = ledger.read_text(encoding="utf-8-sig").splitlines()
    text[1] = text[1].replace(",moved from Acme to Beta Corp,,", ",moved from Acme to Beta Corp,done,")
    ledger.write_text("\n".join(text) + "\n", encoding="utf-8")
    assert main([*args, "--followups", str(ledger), "--format", "json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert rows[0]["id"] not in {r["id"] for r in again}
    assert again[0]["kind"] == "congratulate" and again[0]["name"] == "Bo Chen"  # the next one fills the place


def test_todo_table_in_french_and_a_bad_status(pair, tmp_path, capsys):
    old, new, ties = pair
    assert main(["todo", new, "--since", old, "--ties", ties, "--per-kind", "1", "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "1. [congratulate] Ana Lima" in out and "say: Félicitations pour votre nouveau poste chez Beta Corp" in out
    assert "when both say yes:" in out
    bad = tmp_path / "f.csv"
    bad.write_text("id,status\nabc,finished\n", encoding="utf-8")
    assert main(["todo", new, "--followups", str(bad)]) == 2
    assert "f.csv line 2: status 'finished'" in capsys.readouterr().err
    assert main(["todo", new, "--today", "July"]) == 2


def test_todo_never_writes_over_an_input_or_an_existing_calendar(pair, tmp_path, capsys):
    old, new, ties = pair
    # The calendar over an input (ties.csv, a file of the export folder): refused even with --force.
    from pathlib import Path

    for target in (ties, str(next(Path(new).glob("*.csv")))):
        before = Path(target).read_bytes()
        assert main(["todo", new, "--ties", ties, "--ics", target, "--force"]) == 2
        assert "inputs" in capsys.readouterr().err and Path(target).read_bytes() == before
    # An existing calendar: refused without --force, replaced with it.
    ics = tmp_path / "todo.ics"
    ics.write_text("mine")
    assert main(["todo", new, "--since", old, "--ics", str(ics)]) == 2
    assert ics.read_text() == "mine"
    capsys.readouterr()
    assert main(["todo", new, "--since", old, "--ics", str(ics), "--force"]) == 0
    assert ics.read_text().startswith("BEGIN:VCALENDAR")
    # The ledger never over the ties file.
    assert main(["todo", new, "--ties", ties, "--init-followups", ties, "--force"]) == 2
    capsys.readouterr()


@pytest.mark.parametrize("option", [["--per-kind", "0"], ["--strong", "5"], ["--silence-months", "-1"]])
def test_out_of_range_options_are_one_line_errors(pair, option, capsys):
    old, new, _ = pair
    command = ["todo", new, *option] if option[0] == "--per-kind" else ["changes", old, new, *option]
    with pytest.raises(SystemExit) as stop:
        main(command)
    assert stop.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def _json(capsys, command):
    assert main([*command, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def _ledger(path, statuses):
    path.write_text("id,status\n" + "".join(f"{i},{s}\n" for i, s in statuses.items()), encoding="utf-8")
    return str(path)


def test_a_suggestion_marked_done_disappears_from_todo_introductions_and_dormant(tmp_path, capsys):
    import netanalysis as na

    files = na.sample_files("cultivator")
    export, ties = str(files["exports"][0]), str(files["ties"])
    todo = _json(capsys, ["todo", export, "--ties", ties, "--per-kind", "2"])
    reconnect = next(r for r in todo if r["kind"] == "reconnect" and r["source"] == "dormant")
    introduce = next(r for r in todo if r["kind"] == "introduce")
    dormant = _json(capsys, ["dormant", export, "--ties", ties])
    intros = _json(capsys, ["introductions", export, "--ties", ties, "--top", "5"])
    assert reconnect["key"] in {r["key"] for r in dormant}
    pair = {introduce["key"], introduce["other_key"]}
    assert pair in [{r["a"], r["b"]} for r in intros]

    ledger = _ledger(tmp_path / "followups.csv", {reconnect["id"]: "done", introduce["id"]: "declined"})
    todo_after = _json(capsys, ["todo", export, "--ties", ties, "--per-kind", "2", "--followups", ledger])
    assert not {reconnect["id"], introduce["id"]} & {r["id"] for r in todo_after}
    dormant_after = _json(capsys, ["dormant", export, "--ties", ties, "--followups", ledger])
    assert [r["key"] for r in dormant_after] == [r["key"] for r in dormant if r["key"] != reconnect["key"]]
    intros_after = _json(capsys, ["introductions", export, "--ties", ties, "--top", "5", "--followups", ledger])
    assert pair not in [{r["a"], r["b"]} for r in intros_after]
    # Still five suggestions, numbered from 1: the next pair fills the place.
    assert [r["rank"] for r in intros_after] == [1, 2, 3, 4, 5]
    kept = [(r["a"], r["b"]) for r in intros if {r["a"], r["b"]} != pair]
    assert [(r["a"], r["b"]) for r in intros_after][:4] == kept[:4]


def test_a_snoozed_suggestion_returns_on_its_date(tmp_path, capsys):
    import datetime

    import netanalysis as na

    files = na.sample_files("cultivator")
    export, ties = str(files["exports"][0]), str(files["ties"])
    todo = _json(capsys, ["todo", export, "--ties", ties, "--per-kind", "2"])
    reconnect = next(r for r in todo if r["kind"] == "reconnect" and r["source"] == "dormant")
    introduce = next(r for r in todo if r["kind"] == "introduce")
    today = datetime.date.fromisoformat(todo[0]["due"])  # the export's date, the commands' "today"
    for until, shown in ((today + datetime.timedelta(days=1), False), (today, True)):
        ledger = _ledger(tmp_path / f"snooze-{until}.csv", {i: f"snooze until {until}"
                                                             for i in (reconnect["id"], introduce["id"])})
        ids = {r["id"] for r in _json(capsys, ["todo", export, "--ties", ties, "--per-kind", "2",
                                               "--followups", ledger])}
        keys = {r["key"] for r in _json(capsys, ["dormant", export, "--ties", ties, "--followups", ledger])}
        pairs = [{r["a"], r["b"]} for r in _json(capsys, ["introductions", export, "--ties", ties, "--top", "5",
                                                          "--followups", ledger])]
        assert (reconnect["id"] in ids, introduce["id"] in ids) == (shown, shown)
        assert (reconnect["key"] in keys) is shown
        assert ({introduce["key"], introduce["other_key"]} in pairs) is shown


def test_a_bad_ledger_stops_introductions_and_dormant_before_the_work(tmp_path, capsys):
    bad = _ledger(tmp_path / "f.csv", {"abc": "finished"})
    for command in ("introductions", "dormant"):
        assert main([command, "no-such-export.zip", "--followups", bad]) == 2
        err = capsys.readouterr().err
        assert "f.csv line 2: status 'finished'" in err and err.count("\n") == 1

"""todo_list, the follow-ups ledger, the templates and the .ics reminders (hand-made snapshot pair)."""

import datetime

import icalendar
import pandas as pd
import pytest
from snapshot_fixtures import write_pair

import netanalysis as na
from netanalysis.drafts import draft
from netanalysis.errors import InputError
from netanalysis.followups import item_id, read_followups, write_followups
from netanalysis.reminders import to_ics
from netanalysis.todo import introduction_pairs, todo_list

K = "linkedin.com/in/"


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    return write_pair(tmp_path_factory.mktemp("todo"))


@pytest.fixture(scope="module")
def todo(pair):
    old, new, ties = pair
    return todo_list(new, since=old, ties=ties, per_kind=2)


def test_the_list_congratulates_reconnects_and_introduces_in_that_order(todo):
    assert todo["kind"].tolist() == ["congratulate", "congratulate", "reconnect", "introduce", "introduce"]
    assert todo["rank"].tolist() == [1, 2, 3, 4, 5]
    assert todo["key"].tolist()[:3] == [K + "ana-lima", K + "bo-chen", K + "dee-roy-2b"]
    assert todo.loc[0, "message"] == ("Congratulations on your new role at Beta Corp, Ana! "
                                      "How are the first weeks going?")
    assert todo.loc[1, "message"] == "Congratulations on becoming Partner, Bo! Well deserved."
    assert todo.loc[2, "reason"] == "went quiet since your last export: met in person; no message since 2023-12-05"
    assert todo.loc[2, "message"] == "Hi Dee, it has been a while. How are things going at Gamma?"
    assert set(todo["due"]) == {datetime.date(2024, 7, 15)}
    assert todo.attrs["since"] == datetime.date(2024, 1, 15)


def test_an_introduction_carries_the_double_opt_in_drafts(todo):
    intro = todo[todo["kind"] == "introduce"].iloc[0]
    a, b = intro["name"].split()[0], intro["other_name"].split()[0]
    assert intro["message"].startswith(f"Hi {a}, I know {intro['other_name']} (")
    assert intro["message_b"].startswith(f"Hi {b}, I know {intro['name']} (")
    assert intro["introduction"].startswith(f"{a}, meet {b} (")
    assert intro["id"] == item_id("introduce", [intro["other_key"], intro["key"]])


def test_ids_are_stable_and_a_new_job_gets_a_new_id(pair, todo):
    old, new, ties = pair
    assert todo_list(new, since=old, ties=ties, per_kind=2)["id"].tolist() == todo["id"].tolist()
    assert todo.loc[0, "id"] == item_id("congratulate", [K + "ana-lima"], "beta corp")
    assert todo.loc[2, "id"] == item_id("reconnect", [K + "dee-roy-2b"])
    assert item_id("congratulate", [K + "ana-lima"], "gamma") != todo.loc[0, "id"]


def test_french_templates(pair):
    old, new, ties = pair
    fr = todo_list(new, since=old, ties=ties, per_kind=1, lang="fr")
    assert fr.loc[0, "message"] == ("Félicitations pour votre nouveau poste chez Beta Corp, Ana ! "
                                    "Comment se passent les premières semaines ?")
    assert draft("reconnect", "fr", name="Dee Roy") == "Bonjour Dee, cela fait longtemps ! Comment allez-vous ?"


def test_done_and_declined_do_not_come_back_and_a_snooze_returns_on_its_date(pair, todo, tmp_path):
    old, new, ties = pair
    path = write_followups(todo, tmp_path / "followups.csv")
    ledger = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    ledger.loc[0, "status"] = "done"
    ledger.loc[1, "status"] = "Declined"
    ledger.loc[2, "status"] = "snooze until 2024-08-01"
    ledger.to_csv(path, index=False)
    before = todo_list(new, since=old, ties=ties, per_kind=2, followups=path)
    assert todo.loc[:2, "id"].isin(before["id"]).sum() == 0
    assert before.attrs["followups"] == {"done": 1, "declined": 1, "snoozed": 1, "returned": 0}
    after = todo_list(new, since=old, ties=ties, per_kind=2, followups=path, today=datetime.date(2024, 8, 1))
    assert todo.loc[2, "id"] in set(after["id"]) and todo.loc[0, "id"] not in set(after["id"])
    assert after.attrs["followups"]["returned"] == 1


def test_an_unknown_status_is_reported_with_file_and_line(tmp_path):
    path = tmp_path / "followups.csv"
    path.write_text("id,status\na1,done\nb2,maybe later\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"followups\.csv line 3: status 'maybe later' is not one of"):
        read_followups(path)
    path.write_text("id,status\na1,snooze until next week\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"followups\.csv line 2: .*YYYY-MM-DD"):
        read_followups(path)


def test_the_ledger_is_not_overwritten_and_force_keeps_the_statuses(todo, tmp_path):
    path = tmp_path / "followups.csv"
    write_followups(todo.iloc[:2], path)
    text = path.read_text(encoding="utf-8-sig").replace(f"{todo.loc[0, 'id']},congratulate,Ana Lima,,"
                                                       "moved from Acme to Beta Corp,,",
                                                       f"{todo.loc[0, 'id']},congratulate,Ana Lima,,"
                                                       "moved from Acme to Beta Corp,done,")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="already exists"):
        write_followups(todo, path)
    write_followups(todo, path, force=True)
    ledger = read_followups(path)
    assert ledger["id"].tolist() == todo["id"].tolist()
    assert ledger["state"].tolist() == ["done", "open", "open", "open", "open"]


def test_the_ledger_is_formula_safe(tmp_path):
    frame = pd.DataFrame({"id": ["x"], "kind": ["reconnect"], "name": ["=HYPERLINK(\"http://x\")"]})
    text = write_followups(frame, tmp_path / "f.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text


def test_the_ics_file_parses_and_each_event_carries_the_id(todo):
    text = to_ics(todo)
    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75  # folded at 75 octets
    calendar = icalendar.Calendar.from_ical(text)
    events = [c for c in calendar.walk("VEVENT")]
    assert [str(e["UID"]) for e in events] == [f"{i}@netanalysis" for i in todo["id"]]
    first = events[0]
    assert first["DTSTART"].dt == datetime.date(2024, 7, 15) and first["DTEND"].dt == datetime.date(2024, 7, 16)
    assert str(first["SUMMARY"]) == "Congratulate Ana Lima"
    assert str(first["DESCRIPTION"]) == ("moved from Acme to Beta Corp\n\n" + todo.loc[0, "message"]
                                         + f"\n\nid: {todo.loc[0, 'id']}")  # commas and newlines round-trip
    assert first["DTSTAMP"].dt == datetime.datetime(2024, 7, 15, tzinfo=datetime.UTC)
    assert to_ics(todo) == text


def test_folding_never_splits_a_utf8_character():
    frame = pd.DataFrame({"id": ["z"], "kind": ["reconnect"], "name": ["Éloïse"], "other_name": [""],
                          "reason": ["é" * 100], "message": [""]})
    text = to_ics(frame, today=datetime.date(2024, 1, 1))
    lines = text.encode("utf-8").split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # each physical line is valid UTF-8
    assert str(icalendar.Calendar.from_ical(text).walk("VEVENT")[0]["DESCRIPTION"]).startswith("é" * 100)


def test_the_introductions_adapter_reads_only_what_it_needs():
    frame = pd.DataFrame({"a": ["x"], "b": ["y"], "a_name": ["Xi"], "score": [0.5], "reason": ["r"],
                          "something_new": [1]})
    assert introduction_pairs(frame).loc[0, ["a_name", "b_name", "score", "reason"]].tolist() == ["Xi", "y", 0.5, "r"]
    with pytest.raises(ValueError, match="no b column"):
        introduction_pairs(frame.drop(columns="b"))


def test_without_since_there_is_nothing_to_congratulate(pair):
    _, new, ties = pair
    todo = todo_list(new, ties=ties)
    assert "congratulate" not in set(todo["kind"]) and todo.attrs["since"] is None


def test_top_level_names():
    assert na.todo_list is todo_list and na.to_ics is to_ics and na.read_followups is read_followups


def test_the_analyses_rows_carry_the_to_do_lists_ids(pair, todo):
    from netanalysis.followups import apply_followups, suggestion_ids

    _, new, ties = pair
    G = na.build_graph(na.read_export(new), ties=na.read_ties(ties))
    intros = na.introductions(G, G.graph["ego"])
    listed = todo[todo["kind"] == "introduce"]
    assert suggestion_ids(intros, "introduce")[:2] == listed["id"].tolist()
    dormant = pd.DataFrame({"key": [K + "dee-roy-2b"]})  # the reconnect suggestion, as dormant_ties would list it
    assert suggestion_ids(dormant, "reconnect") == todo.loc[todo["kind"] == "reconnect", "id"].tolist()
    ledger = pd.DataFrame({"id": listed["id"].tolist()[:1], "state": ["declined"], "until": [None]})
    kept = apply_followups(intros, ledger, datetime.date(2024, 7, 15), kind="introduce", top=3)
    assert kept[["a", "b"]].values.tolist() == intros[["a", "b"]].values.tolist()[1:4]
    assert kept["rank"].tolist() == [1, 2, 3] and kept.attrs["followups"]["declined"] == 1
    with pytest.raises(ValueError, match="needs the column"):
        suggestion_ids(dormant, "introduce")


def test_todo_builds_the_newer_snapshot_once(pair, monkeypatch):
    import netanalysis.graph as graph_module

    built = []
    real = graph_module.build_graph
    monkeypatch.setattr(graph_module, "build_graph", lambda *a, **k: built.append(1) or real(*a, **k))
    old, new, ties = pair
    again = todo_list(new, since=old, ties=ties, per_kind=2)
    assert len(built) == 2  # the current export's graph, and the older snapshot's
    assert again.attrs["since"] == datetime.date(2024, 1, 15)

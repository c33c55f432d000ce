"""Hostile input, round two (issue 18, items 5 and 6): quiet wrongs are reported, reading stays bounded.

Every case here was reproduced on the code before the fix: there, a date in 2200 became "now", an
unclosed quote was read with its fields shifted, a second ``Connections.csv`` vanished, a valid
multi-line quoted field was skipped, a repeated header name or answer was taken silently, a symbolic
link loop made a folder unreadable, and ``/dev/zero`` was read without end.
"""

import datetime
import os
import threading
import zipfile

import pandas as pd
import pytest

from netanalysis.errors import InputError
from netanalysis.graph import build_graph
from netanalysis.io import _archive, read_export, read_knows, read_ties

pytestmark = pytest.mark.hostile

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ANA = "Ana,Lind,https://www.linkedin.com/in/ana-lind,,Fjordline,Engineer,03 Jun 2024\n"
BO = "Bo,Berg,https://www.linkedin.com/in/bo-berg,,Northbeam,Analyst,07 Sep 2019\n"


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def _skips(report):
    return [(s.line, s.reason) for s in report.skipped]


# --- dates beyond the export date (or today) ------------------------------------------------------

def test_a_date_after_today_in_a_lone_csv_never_becomes_now(tmp_path):
    path = _write(tmp_path / "Connections.csv", HEADER + ANA + BO.replace("07 Sep 2019", "01 Jan 2200"))
    export = read_export(path)
    file_report = export.report.files["Connections.csv"]
    assert export.contacts["connected_on"].tolist() == [pd.Timestamp("2024-06-03"), pd.NaT]
    assert file_report.used == 2  # the contact is kept, without the impossible date
    assert any("after today" in note and "line 3" in note for note in file_report.notes)
    G = build_graph([export])
    assert G.graph["as_of"] == datetime.date(2024, 6, 3)


def test_a_date_after_the_export_date_is_reported_and_left_empty(tmp_path):
    folder = tmp_path / "Basic_LinkedInDataExport_01-15-2025"
    folder.mkdir()
    _write(folder / "Connections.csv", HEADER + ANA + BO.replace("07 Sep 2019", "20 Jun 2025"))
    _write(folder / "messages.csv",
           "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT\n"
           "c1,Ana Lind,https://www.linkedin.com/in/ana-lind,Me,https://www.linkedin.com/in/me,"
           "2024-06-04 10:00:00 UTC,hello\n"
           "c1,Me,https://www.linkedin.com/in/me,Ana Lind,https://www.linkedin.com/in/ana-lind,"
           "2150-01-01 10:00:00 UTC,from the future\n")
    export = read_export(folder)
    assert export.export_date == datetime.date(2025, 1, 15)
    connections = export.report.files["Connections.csv"]
    assert any("after the export date (2025-01-15)" in n and "line 3" in n for n in connections.notes)
    assert pd.isna(export.contacts.loc[1, "connected_on"])
    messages = export.report.files["messages.csv"]
    assert _skips(messages) == [(3, "date after the export date (2025-01-15)")]
    assert messages.rows == messages.used + len(messages.skipped) == 2
    assert export.messages["line"].tolist() == [2]
    assert build_graph([export]).graph["as_of"] == datetime.date(2025, 1, 15)


def test_a_last_contact_after_today_does_not_raise_a_strength(tmp_path):
    path = _write(tmp_path / "Connections.csv", HEADER + ANA + BO)
    export = read_export(path)
    plain = _write(tmp_path / "plain.csv", "url,met,last_contact\nhttps://www.linkedin.com/in/bo-berg,yes,\n")
    future = _write(tmp_path / "ties.csv", "url,met,last_contact\nhttps://www.linkedin.com/in/bo-berg,yes,2150-01-01\n")
    ties = read_ties(future)
    assert pd.isna(ties.table.loc[0, "last_contact"])
    assert ties.report.notes == ["1 last_contact date(s) after today left empty (line 2)"]
    strength = {
        name: build_graph([export], ties=read_ties(p)).edges[export.owner["key"], "linkedin.com/in/bo-berg"]["strength"]
        for name, p in (("plain", plain), ("future", future))}
    assert strength["future"] == strength["plain"]


# --- quotes, multi-line fields, headers ----------------------------------------------------------

def test_an_unclosed_quote_on_the_last_row_is_reported_not_shifted(tmp_path):
    path = _write(tmp_path / "Connections.csv", HEADER + ANA + 'Bo,"Berg,https://www.linkedin.com/in/bo-berg,,,,07 Sep 2019\n')
    export = read_export(path)
    assert export.contacts["name"].tolist() == ["Ana Lind"]
    assert _skips(export.report.files["Connections.csv"]) == [
        (3, "a quote opened on this line is never closed: the file ends inside it")]


def test_an_unclosed_quote_in_messages_is_reported_with_its_line(tmp_path):
    header = "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT\n"
    row = ("c1,Ana Lind,https://www.linkedin.com/in/ana-lind,Me,https://www.linkedin.com/in/me,"
           "2024-06-04 10:00:00 UTC,{}\n")
    folder = tmp_path / "export"
    folder.mkdir()
    _write(folder / "Connections.csv", HEADER + ANA)
    _write(folder / "messages.csv", header + row.format("hi") + row.format('"never closed, so the date shifts'))
    export = read_export(folder)
    assert export.messages["content"].tolist() == ["hi"]
    assert _skips(export.report.files["messages.csv"]) == [
        (3, "a quote opened on this line is never closed: the file ends inside it")]


def test_a_valid_multi_line_quoted_field_is_read(tmp_path):
    path = _write(tmp_path / "Connections.csv",
                  HEADER + 'Bo,Berg,https://www.linkedin.com/in/bo-berg,,Northbeam,"Analyst\nand Lead",07 Sep 2019\n' + ANA)
    export = read_export(path)
    assert export.contacts["position"].tolist() == ["Analyst\nand Lead", "Engineer"]
    assert export.contacts["line"].tolist() == [2, 4]
    assert export.report.files["Connections.csv"].skipped == []


def test_a_swallowing_quote_is_still_skipped(tmp_path):
    # The quote swallows the next line: the record then has fewer fields than the header.
    path = _write(tmp_path / "Connections.csv", HEADER + 'Bo,"Berg,,,,,07 Sep 2019\nCy,Dahl,,,,",01 Jan 2020\n' + ANA)
    export = read_export(path)
    assert export.contacts["name"].tolist() == ["Ana Lind"]
    assert _skips(export.report.files["Connections.csv"])[0][0] == 2


def test_repeated_header_names_are_reported(tmp_path):
    path = _write(tmp_path / "Connections.csv",
                  "First Name,Last Name,Company,Position,Connected On,Company\n"
                  "Bo,Berg,Northbeam,Analyst,07 Sep 2019,Elsewhere\n")
    export = read_export(path)
    assert export.contacts["company"].tolist() == ["Northbeam"]
    assert export.report.files["Connections.csv"].notes == [
        "line 1: the header names 'Company' 2 times (columns 3, 6); column 3 is read, the others are not"]


# --- members and folders -------------------------------------------------------------------------

def test_two_members_with_one_name_are_both_reported(tmp_path):
    path = tmp_path / "Basic_LinkedInDataExport_01-15-2025.zip"
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Connections.csv", HEADER + ANA)
        archive.writestr("Connections.csv", HEADER + BO)
    export = read_export(path)
    assert export.contacts["name"].tolist() == ["Bo Berg"]
    assert export.report.files["Connections.csv"].notes == [
        "the archive holds 2 entries named Connections.csv; the last one was read, the others were not"]


def test_a_second_spelling_of_a_file_is_named(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    _write(folder / "Connections.csv", HEADER + ANA)
    _write(folder / "connections .csv", HEADER + BO)
    export = read_export(folder)
    assert export.report.files["Connections.csv"].notes == [
        "connections .csv is the same file under another name; Connections.csv was read, not it"]


def test_a_symlink_loop_in_the_folder_is_skipped_and_reported(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    _write(folder / "Connections.csv", HEADER + ANA)
    os.symlink("loop-b", folder / "loop-a")
    os.symlink("loop-a", folder / "loop-b")
    export = read_export(folder)
    assert export.contacts["name"].tolist() == ["Ana Lind"]
    assert [f for f in export.report.ignored_files if "loop" in f] == [
        "loop-a (Too many levels of symbolic links): skipped, it cannot be read",
        "loop-b (Too many levels of symbolic links): skipped, it cannot be read"]


# --- conflicting answers -------------------------------------------------------------------------

def test_conflicting_ties_rows_are_reported_and_the_later_one_used(tmp_path):
    path = _write(tmp_path / "ties.csv", "url,met,where_met\n"
                  "https://www.linkedin.com/in/bo-berg,yes,Oslo\n"
                  "https://www.linkedin.com/in/ana-lind,no,\n"
                  "https://www.linkedin.com/in/bo-berg,no,\n"
                  "https://www.linkedin.com/in/ana-lind,no,\n")
    ties = read_ties(path)
    assert ties.table["line"].tolist() == [4, 5]
    assert ties.table["met"].tolist() == ["online", "online"]
    assert _skips(ties.report) == [
        (2, "conflicts with line 4 (the same person, other answers); line 4, the later one, is used"),
        (3, "repeats line 5 (the same person); line 5 is used")]


def test_conflicting_knows_rows_are_reported(tmp_path):
    path = _write(tmp_path / "knows.csv", "a,b,met\nAna Lind,Bo Berg,yes\nbo berg,ana lind,no\n")
    knows = read_knows(path)
    assert knows.table["line"].tolist() == [3]
    assert _skips(knows.report) == [
        (2, "conflicts with line 3 (the same pair, other answers); line 3, the later one, is used")]


# --- only regular files, limits checked before the work ------------------------------------------

@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_at_once(device):
    with pytest.raises(InputError, match=f"^{device} is a device, not a file"):
        read_export(device)
    with pytest.raises(InputError, match="is a device, not a file"):
        read_ties(device)


def test_a_fifo_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "Connections.csv"
    os.mkfifo(fifo)
    outcome = []

    def attempt():
        for reader in (read_export, read_ties):
            try:
                reader(fifo)
            except InputError as error:
                outcome.append(str(error))

    thread = threading.Thread(target=attempt, daemon=True)
    thread.start()
    thread.join(10)
    if thread.is_alive():  # unblock the reader that waits for a writer, then fail
        with open(fifo, "w"):
            pass
        pytest.fail("a FIFO was opened and waited on")
    assert len(outcome) == 2 and all("named pipe (FIFO)" in message for message in outcome)


def test_an_archive_claiming_too_many_entries_is_refused_before_its_directory_is_read(tmp_path, monkeypatch):
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(_archive.MAX_ENTRIES + 1):
            archive.writestr(f"f{i}", b"")

    def no_directory(*args, **kwargs):
        raise AssertionError("the central directory was parsed")

    monkeypatch.setattr(_archive.zipfile, "ZipFile", no_directory)
    with pytest.raises(InputError, match=f"many.zip has {_archive.MAX_ENTRIES + 1} entries"):
        read_export(path)


def test_a_member_over_the_file_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", HEADER + ANA * 2000)
    monkeypatch.setattr(_archive, "MAX_FILE_BYTES", 10_000)
    monkeypatch.setattr(_archive, "_read_member", lambda *a: pytest.fail("the member was read"))
    with pytest.raises(InputError, match=r"Connections\.csv would unpack to 152 KiB, more than the 10 KiB limit"):
        read_export(path)


def test_a_line_over_the_line_limit_is_reported_while_reading(monkeypatch):
    from netanalysis.io import _csvtable

    monkeypatch.setattr(_csvtable, "STRINGIO_MAX_CHARS", 10)
    monkeypatch.setattr(_csvtable, "MAX_LINE_CHARS", 40)
    text = "a,b\n" + "x," + "y" * 100 + "\n" + "c,d\n"
    got = list(_csvtable.records(text, ","))
    assert got[0] == (1, 1, ["a", "b"]) and got[2] == (3, 3, ["c", "d"])
    assert isinstance(got[1][2], _csvtable.csv.Error) and str(got[1][2]).startswith("line too long")

"""Hostile and malformed input for netanalysis.io: bounded time and memory, clear errors only."""

import csv
import datetime
import io
import struct
import zipfile
from urllib.parse import quote

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from netanalysis import io as nio
from netanalysis.errors import InputError
from netanalysis.identity import name_key, profile_key
from netanalysis.io import _archive, _csvtable, _keys, read_export, read_ties
from netanalysis.io._specs import SPECS

pytestmark = pytest.mark.hostile

HEADER7 = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ROWS = (
    "Maren,Oyelaran,https://www.linkedin.com/in/maren-oyelaran-4b7a21c3,,Fjordline Analytics,Engineer,03 Jun 2026\n"
    "Kwame,Asante,https://www.linkedin.com/in/kwame-asante-01b9a7223,,,,07 Sep 2019\n"
)
CONNECTIONS = 'Notes:\n"When exporting your connection data…"\n\n' + HEADER7 + ROWS


def _patch_central_sizes(path, *, file_size):
    """Rewrite the uncompressed size declared in every central-directory entry."""
    data = bytearray(path.read_bytes())
    position = data.find(b"PK\x01\x02")
    while position != -1:
        data[position + 24:position + 28] = struct.pack("<I", file_size)
        position = data.find(b"PK\x01\x02", position + 4)
    path.write_bytes(bytes(data))


def test_zip_bomb_declared_size(tmp_path):
    path = tmp_path / "Basic_LinkedInDataExport_01-01-2026.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", CONNECTIONS)
        archive.writestr("messages.csv", "x" * 1000)
    _patch_central_sizes(path, file_size=0xF0000000)  # declares 2 × 3.75 GiB
    with pytest.raises(InputError, match=r"Basic_LinkedInDataExport_01-01-2026.zip would unpack to 7.5 GiB"):
        read_export(path)


def test_zip_member_larger_than_declared_stops(tmp_path):
    path = tmp_path / "x.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", CONNECTIONS + "A,B,,,,,01 Jan 2020\n" * 20000)
    _patch_central_sizes(path, file_size=100)  # the real member is about 400 kB
    with pytest.raises(InputError, match=r"x.zip: Connections.csv cannot be read from the archive"):
        read_export(path)


def test_zip_bomb_real_ratio_is_bounded(tmp_path, monkeypatch):
    # A 20 MB member of zeros compresses to ~20 kB; with a 1 MB limit it is refused before inflating.
    monkeypatch.setattr(_archive, "MAX_UNCOMPRESSED_BYTES", 1 << 20)
    path = tmp_path / "x.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", CONNECTIONS)
        archive.writestr("messages.csv", b"\x00" * (20 << 20))
    assert path.stat().st_size < 100_000
    with pytest.raises(InputError, match=r"would unpack to"):
        read_export(path)


def test_too_many_entries(tmp_path):
    path = tmp_path / "x.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("Connections.csv", CONNECTIONS)
        for i in range(nio.MAX_ENTRIES):
            archive.writestr(f"Articles/{i}.html", "")
    with pytest.raises(InputError, match=r"x.zip has 5001 entries, more than the 5000"):
        read_export(path)


def test_member_names_are_never_paths(tmp_path):
    path = tmp_path / "x.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Connections.csv", CONNECTIONS)
        archive.writestr("../../evil.csv", "First Name,Last Name,Connected On\n")
        archive.writestr("/etc/passwd.csv", "x")
        archive.writestr("a/b/c/Connections.csv", "x")  # too deep: ignored, never read
    export = read_export(path)
    assert len(export.contacts) == 2
    assert export.report.ignored_files == ["../../evil.csv", "/etc/passwd.csv", "a/b/c/Connections.csv"]
    assert not (tmp_path.parent.parent / "evil.csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.zip"]


def test_png_renamed_csv(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    with pytest.raises(InputError, match=r"Connections.csv is a PNG image, not a CSV file"):
        read_export(path)


def test_binary_garbage(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes(bytes(range(1, 32)) * 50)
    with pytest.raises(InputError, match=r"Connections.csv does not look like a text CSV file"):
        read_export(path)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path, encoding):
    path = tmp_path / "Connections.csv"
    path.write_bytes(CONNECTIONS.replace("Maren", "Marén").encode(encoding))
    export = read_export(path)
    report = export.report.files["Connections.csv"]
    assert report.encoding == encoding
    assert report.notes == [f"decoded as {encoding} without a byte-order mark"]
    assert export.contacts["name"].tolist() == ["Marén Oyelaran", "Kwame Asante"]
    assert export.contacts["line"].tolist() == [5, 6]


def test_nul_bytes_are_stripped_and_noted(tmp_path):
    path = tmp_path / "Connections.csv"
    data = CONNECTIONS.encode()
    path.write_bytes(data[:40] + b"\x00" + data[40:200] + b"\x00\x00" + data[200:])
    export = read_export(path)
    assert export.report.files["Connections.csv"].notes == ["removed 3 NUL bytes"]
    assert export.contacts["name"].tolist() == ["Maren Oyelaran", "Kwame Asante"]


def test_huge_field_is_skipped(tmp_path):
    huge = "y" * (nio.MAX_FIELD_BYTES + 10)
    text = CONNECTIONS + f"Dana,Whitfield,,,{huge},,01 Jan 2020\nPriya,Raman,,,,,02 Jan 2020\n"
    path = tmp_path / "Connections.csv"
    path.write_text(text)
    saved = csv.field_size_limit()
    export = read_export(path)
    assert csv.field_size_limit() == saved  # the process-wide limit is restored
    report = export.report.files["Connections.csv"]
    assert [(s.line, s.reason) for s in report.skipped] == [(7, "field too long (over 1 MB)")]
    assert export.contacts["name"].tolist() == ["Maren Oyelaran", "Kwame Asante", "Priya Raman"]
    assert (report.rows, report.used) == (4, 3)


def test_field_just_under_limit_is_kept(tmp_path):
    big = "z" * (nio.MAX_FIELD_BYTES - 100)
    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS + f"Dana,Whitfield,,,,{big},01 Jan 2020\n")
    export = read_export(path)
    assert len(export.contacts.loc[2, "position"]) == nio.MAX_FIELD_BYTES - 100


def test_unbalanced_quote(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS + 'Dana,"Whitfield,,,,,01 Jan 2020\nPriya,Raman,,,,,02 Jan 2020\n'
                    'Lotte,Brandvik,,,,,03 Jan 2020\n"\n')
    export = read_export(path)
    report = export.report.files["Connections.csv"]
    assert [(s.line, s.reason) for s in report.skipped] == [
        (7, "a quoted field runs over lines 7-10 (unbalanced quote?)")]
    path.write_text(CONNECTIONS + 'Dana,"Whitfield,,,,,01 Jan 2020\n' + "Priya,Raman,,,,,02 Jan 2020\n" * 30)
    with pytest.raises(InputError, match=r"Connections.csv, line 7: a quote opened on this line is not closed"):
        read_export(path)


def test_extra_fields(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS + "Dana,Whitfield,,,Acme,Boss,01 Jan 2020,,\nPriya,Raman,,,Acme,Boss,01 Jan 2020,x\n")
    export = read_export(path)
    assert export.contacts["name"].tolist()[-1] == "Dana Whitfield"
    assert [(s.line, s.reason) for s in export.report.files["Connections.csv"].skipped] == [
        (8, "8 fields where the header has 7")]


def test_ties_hostile(tmp_path):
    path = tmp_path / "ties.csv"
    path.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(InputError, match=r"ties.csv is a PDF document"):
        read_ties(path)


# --------------------------------------------------------------------------------------------
# Property tests


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000))
def test_arbitrary_bytes_parse_or_input_error(tmp_path, data):
    path = tmp_path / "Connections.csv"
    path.write_bytes(data)
    try:
        export = read_export(path)
    except InputError as error:
        assert "Connections.csv" in str(error)
        return
    for report in export.report.files.values():
        assert report.rows == report.used + len(report.skipped)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(st.sampled_from([*list(',;\t"\r\n \x00aZé🌱'), "First Name", "Last Name", "Connected On", "Notes:", "URL", "03 Jun 2026", "https://www.linkedin.com/in/x"]), max_size=60).map("".join))
def test_csv_shaped_text_parse_or_input_error(tmp_path, text):
    path = tmp_path / "Connections.csv"
    path.write_text(text, encoding="utf-8")
    try:
        export = read_export(path)
    except InputError:
        return
    report = export.report.files["Connections.csv"]
    assert report.rows == report.used + len(report.skipped)
    assert export.contacts["line"].is_monotonic_increasing


_CELL = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=0, max_size=12,
).map(str.strip)
_NAME = _CELL.filter(bool)
_SLUG = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyz0123456789-éçß")), min_size=1, max_size=12)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.tuples(_NAME, _CELL, _SLUG, _CELL, _CELL, _CELL,
                  st.dates(min_value=datetime.date(2003, 1, 1), max_value=datetime.date(2025, 12, 31))),
        min_size=1, max_size=15, unique_by=lambda r: r[2]),
    with_url=st.booleans(),
    newline=st.sampled_from(["\n", "\r\n"]),
    delimiter=st.sampled_from([",", ";"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_generated_rows_round_trip(tmp_path, rows, with_url, newline, delimiter, encoding):
    out = io.StringIO()
    out.write('Notes:\n"When exporting your connection data, you may notice…"\n\n'.replace("\n", newline))
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    header = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    if not with_url:
        header.remove("URL")
    writer.writerow(header)
    for first, last, slug, email, company, position, day in rows:
        url = [f"https://www.linkedin.com/in/{quote(slug)}"] if with_url else []
        writer.writerow([first, last, *url, email, company, position, day.strftime("%d %b %Y")])
    path = tmp_path / "Connections.csv"
    path.write_bytes(out.getvalue().encode(encoding))
    export = read_export(path)
    contacts = export.contacts
    if not with_url:
        # name-based keys: rows whose names+companies collide are reported as duplicates
        keys = [name_key(f"{r[0]} {r[1]}".strip(), r[4]) for r in rows]
        firsts = {}
        expected = [i for i, k in enumerate(keys) if firsts.setdefault(k, i) == i]
    else:
        expected = list(range(len(rows)))
    assert len(contacts) == len(expected)
    for position_, i in enumerate(expected):
        first, last, slug, email, company, position, day = rows[i]
        got = contacts.iloc[position_]
        assert (got["first_name"], got["last_name"], got["email"], got["company"], got["position"]) == (
            first, last, email, company, position)
        assert got["name"] == f"{first} {last}".strip()
        assert got["connected_on"] == pd.Timestamp(day)
        assert got["line"] == 5 + i
        if with_url:
            assert got["key"] == f"linkedin.com/in/{slug.lower()}" and got["key_source"] == "url"
        else:
            assert got["key"] == keys[i] and got["key_source"] == "name"
    report = export.report.files["Connections.csv"]
    assert report.rows == len(rows) == report.used + len(report.skipped)


_ZIP_BYTES = None


def _valid_zip_bytes():
    global _ZIP_BYTES
    if _ZIP_BYTES is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("Connections.csv", CONNECTIONS)
            archive.writestr("messages.csv", "CONVERSATION ID,FROM,TO,DATE,CONTENT\n")
        _ZIP_BYTES = buffer.getvalue()
    return _ZIP_BYTES


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(min_value=0, max_value=10_000), st.integers(0, 255)),
                      min_size=1, max_size=6))
@example(edits=[(950, 0)])  # a member whose name decodes to nothing: zipfile raised IndexError
def test_damaged_zip_reads_or_input_error(tmp_path, edits):
    data = bytearray(_valid_zip_bytes())
    for position, value in edits:
        data[position % len(data)] = value
    path = tmp_path / "x.zip"
    path.write_bytes(bytes(data))
    try:
        export = read_export(path)
    except InputError as error:
        assert "x.zip" in str(error) or ".csv" in str(error)
        return
    assert all(r.rows == r.used + len(r.skipped) for r in export.report.files.values())


def test_spreadsheet_refused(tmp_path):
    path = tmp_path / "Connections.xlsx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError, match=r"Connections.xlsx is a spreadsheet; save it as CSV"):
        read_export(path)


@settings(max_examples=200, deadline=None)
@given(
    body=st.lists(st.sampled_from([*list(',;"\r\n ab\t\x1aé'), '""', "x,y", "\r\n", "  "]),
                  max_size=40).map("".join),
    delimiter=st.sampled_from([",", ";"]),
)
def test_fast_parser_agrees_with_csv_module(body, delimiter):
    # The pandas fast path must give exactly what the csv module gives, or decline.
    text = delimiter.join(["First Name", "Last Name", "Connected On"]) + "\n" + body
    fast = _csvtable.fast_columns(text, delimiter, 1, 3)
    if fast is None:
        return
    report = nio.FileReport("x")
    original = _csvtable.fast_columns
    try:
        _csvtable.fast_columns = lambda *args: None
        slow = _csvtable.read_table(text, "x", SPECS["connections"], report)
    finally:
        _csvtable.fast_columns = original
    columns, lines = fast
    expected = [[row[i] for row in slow.rows] for i in range(3)] if slow.rows else [[], [], []]
    assert (columns, lines) == (expected, slow.lines)
    assert slow.skipped == []


@settings(max_examples=200, deadline=None)
@given(tail=st.lists(st.sampled_from([*"aZ09-_/%?#. é", "%C3%A9", "%2F", "%20", "%ZZ"]), max_size=20).map("".join),
       prefix=st.sampled_from(["https://www.linkedin.com/in/", "https://www.linkedin.com/in", "www.linkedin.com/in/",
                               "http://fr.linkedin.com/in/", ""]))
def test_fast_profile_keys_equal_profile_key(tail, prefix):
    url = prefix + tail
    assert _keys.fast_profile_keys([url]) == [profile_key(url)]
    assert _keys.fast_profile_keys([url, url], {}) == [profile_key(url)] * 2


@settings(max_examples=100, deadline=None)
@given(name=st.text(max_size=20), company=st.text(max_size=12))
def test_fast_name_keys_equal_name_key(name, company):
    expected = name_key(name, company) if name else ""
    assert _keys.name_keys([name], [company]) == [expected]

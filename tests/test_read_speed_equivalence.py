"""The fast reading paths give exactly what the reference paths give (issue 8).

``read_export`` reads large files with pandas' C parser (from the UTF-8 bytes when it can), keys
profile URLs and parses dates column by column with memo tables, and decides skip reasons with
boolean arrays. Each test compares one fast path with the reference it stands in for (the csv
module, ``profile_key``, the earlier format-by-format date parser, the control-character regular
expression) on random input, and whole exports read with every fast path on and off.
"""

import dataclasses
import random
import string
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import netanalysis.io as nio
from netanalysis import synth
from netanalysis.errors import InputError
from netanalysis.identity import normalize_name, profile_key
from netanalysis.io import _csvtable, _dates, _decode, _keys, _rows
from netanalysis.io._specs import SPECS

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


# ---------------------------------------------------------------------------------------------
# Dates: the reader before issue 8, kept here as the reference.


def _reference_parse_dates(values, formats, *, utc=False):
    series = pd.Series(values, dtype=object)
    present = series.str.len() > 0
    if utc:
        series = series.str.removesuffix(" UTC")
    result = pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns, UTC]" if utc else "datetime64[ns]")
    if not present.any():
        return result, present
    sample = series[present].head(50)
    for i, fmt in enumerate(formats):
        if pd.to_datetime(sample, format=fmt, errors="coerce", utc=utc).notna().all():
            ranked = [fmt, *formats[:i], *formats[i + 1:]]
            break
    else:
        ranked = sorted(formats, key=lambda f: -pd.to_datetime(sample, format=f, errors="coerce", utc=utc).notna().sum())
    todo = present.copy()
    for attempt in range(2):
        for fmt in ranked:
            if not todo.any():
                break
            source = series[todo] if attempt == 0 else series[todo].map(_dates.translate_months)
            parsed = pd.to_datetime(source, format=fmt, errors="coerce", utc=utc)
            ok = parsed.notna()
            if ok.any():
                result.loc[ok[ok].index] = parsed[ok].astype(result.dtype)
                todo.loc[ok[ok].index] = False
    return result, todo


_DATE_POOL = [
    "2010", "Sep 2007", "Jun 2009", "15 févr. 2023", "03 Jun 2026", "2026-06-03", "06/03/2026",
    "6/3/26, 4:07 PM", "10/30/26, 5:53 PM", "13/02/2023", "2023-02", "02/2023", "", "x", "Sept 2019",
    "September 2019", "mai 2020", "12 dic 2020", "märz 2021", "15-Feb-23", "15.02.2023", "31 Feb 2023",
    "2026/11/01 09:35:02 UTC", "2026-11-01 09:35:02 UTC", "2026-11-01 09:35:02", "x UTC", "UTC",
    "2262-04-11", "1677-09-22", "2262-04-11 23:47:16",
]
_DATE_FORMATS = [_dates.CONNECTED_ON_FORMATS, _dates.MESSAGE_DATE_FORMATS, _dates.SENT_AT_FORMATS,
                 _dates.ENDORSEMENT_FORMATS, _dates.MONTH_YEAR_FORMATS, _dates.TIES_DATE_FORMATS]


def _same_dates(values, formats, utc):
    expected, expected_bad = _reference_parse_dates(values, formats, utc=utc)
    got, bad = _dates.parse_dates(values, formats, utc=utc)
    pd.testing.assert_series_equal(got, expected)
    assert bad.tolist() == expected_bad.tolist()


@settings(max_examples=150, deadline=None)
@given(values=st.lists(st.sampled_from(_DATE_POOL), max_size=80), which=st.integers(0, len(_DATE_FORMATS) - 1),
       utc=st.booleans())
def test_dates_match_the_reference_parser(values, which, utc):
    _dates.DATE_CACHE.clear()
    _same_dates(values, _DATE_FORMATS[which], utc)
    _same_dates(values, _DATE_FORMATS[which], utc)  # again, from the memo table


def test_dates_without_the_memo_table_and_after_it_fills(monkeypatch):
    rng = random.Random(3)
    monkeypatch.setattr(_dates, "DATE_CACHE_MAX_CALL", 4)
    monkeypatch.setattr(_dates, "DATE_CACHE_LIMIT", 10)
    _dates.DATE_CACHE.clear()
    for _ in range(40):
        values = [rng.choice(_DATE_POOL) for _ in range(rng.choice([1, 5, 60, 300]))]
        _same_dates(values, rng.choice(_DATE_FORMATS), rng.random() < 0.3)
    _dates.DATE_CACHE.clear()


@pytest.mark.parametrize("value", ["1500-01-01", "9999-12-31", "2262-04-12"])
def test_dates_out_of_range_are_not_understood(value):
    # datetime64[ns] cannot hold them: left empty and counted as not understood, never a crash.
    dates, bad = _dates.parse_dates([value, "2024-02-03"], _dates.TIES_DATE_FORMATS)
    assert dates.isna().tolist() == [True, False] and bad.tolist() == [True, False]


def test_out_of_range_connection_date_is_reported_not_fatal(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    "Ana,Bo,https://www.linkedin.com/in/ana-bo,,Acme,Eng,01 Jan 1500\n"
                    "Cy,Do,https://www.linkedin.com/in/cy-do,,Acme,Eng,02 Feb 2024\n", encoding="utf-8")
    export = nio.read_export(path)
    assert export.contacts["connected_on"].isna().tolist() == [True, False]
    notes = [n for f in export.report.files.values() for n in f.notes]
    assert any("1 Connected On value(s) not understood as dates" in n for n in notes), notes


# ---------------------------------------------------------------------------------------------
# Profile keys

_URL_PREFIXES = ["https://www.linkedin.com/in/", "https://www.linkedin.com/in", "www.linkedin.com/in/",
                 "www.linkedin.com/in", "http://fr.linkedin.com/in/", "", "urn:li:member:1", "linkedin.com/in/",
                 "https://www.linkedin.com/pub/", "HTTPS://www.linkedin.com/in/"]
_URL_ATOMS = [*"aZ09-_/%?#. é:@Σ[]", "%C3%A9", "%2F", "%20", "%ZZ", "%0A", "%E2%82", "%C3", "%CE%A3", "%09", "İ"]


@settings(max_examples=300, deadline=None)
@given(urls=st.lists(st.tuples(st.sampled_from(_URL_PREFIXES),
                               st.lists(st.sampled_from(_URL_ATOMS), max_size=10).map("".join),
                               st.sampled_from(["", "/", "//"])).map("".join), max_size=6))
def test_profile_keys_column_equals_profile_key(urls):
    expected = [profile_key(url) for url in urls]
    assert [_keys.fast_profile_key(url) for url in urls] == expected
    assert _keys.profile_keys_column(urls) == expected
    assert _keys.profile_keys_column(urls) == expected  # from the memo table
    assert _keys.profile_keys_column(urls, profile_key) == expected


@settings(max_examples=100, deadline=None)
@given(name=st.text(max_size=20))
def test_normalized_name_equals_normalize_name(name):
    assert _keys.normalized_name(name) == normalize_name(name)
    assert _keys.normalized_name(name) == normalize_name(name)


# ---------------------------------------------------------------------------------------------
# Decoding and CSV parsing


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from([*"ab,\"\t\r\n é", "\x00", "\x1b", "\x7f", "\x85", "\x9f", "\xa0",
                                                 "\u2028", "\U0001f331"]), max_size=60))
def test_control_check_on_bytes_agrees_with_the_regular_expression(text):
    assert _decode.utf8_has_controls(text.encode("utf-8")) == bool(_decode.CONTROL_PATTERN.search(text))


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=80), prefix=st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"a,b\n"]))
def test_decoded_bytes_are_exactly_the_text(data, prefix):
    try:
        text, encoding, notes, raw = _decode.decode_keeping_bytes(prefix + data, "x.csv")
    except InputError:
        return
    assert _decode.decode(prefix + data, "x.csv") == (text, encoding, notes)
    assert raw is None or raw.decode("utf-8") == text


def _csv_module_columns(text, width):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_csvtable, "fast_columns", lambda *args: None)
        table = _csvtable.read_table(text, "x", SPECS["connections"], nio.FileReport("x"))
    assert table.skipped == []
    return [[row[i] for row in table.rows] for i in range(width)] if table.rows else [[]] * width, table.lines


@settings(max_examples=200, deadline=None)
@given(body=st.lists(st.sampled_from([*list(',;"\r\n ab\té'), '""', "x,y", "\r\n", "\n\n", "  "]),
                     max_size=60).map("".join),
       preamble=st.sampled_from(["", "Notes:\n\"x\"\n\n"]), delimiter=st.sampled_from([",", ";"]),
       long=st.booleans())
def test_fast_parser_from_bytes_agrees_with_csv_module(body, preamble, delimiter, long):
    header = delimiter.join(["First Name", "Last Name", "Connected On"])
    text = preamble + header + "\n" + body
    header_line = preamble.count("\n") + 1
    with pytest.MonkeyPatch.context() as patch:
        if long:  # lines around the field limit take the exact line-length check
            patch.setattr(_csvtable, "MAX_FIELD_BYTES", 8)
        fast = _csvtable.fast_columns(text, delimiter, header_line, 3, text.encode("utf-8"))
        assert fast == _csvtable.fast_columns(text, delimiter, header_line, 3)
        if fast is not None:
            assert tuple(fast) == _csv_module_columns(text, 3)


@pytest.mark.parametrize("records", [3, 49, 50, 60])
@pytest.mark.parametrize("field", ["a\nb", "x" * 70_000 + "\n" + "y" * 10])
def test_header_search_reads_the_same_records_from_the_head(records, field):
    # A field that runs past the 64 KiB head sends the search back to the whole text.
    filler = "".join(f"junk {i},\"{field if i == 2 else 'a'}\"\n" for i in range(records))
    text = filler + "First Name,Last Name,Connected On\n" + "Ana,Lind,03 Jun 2026\n" * 4000
    assert len(text) > _csvtable.HEADER_HEAD_CHARS
    expected = list(_csvtable.records(text, ",", limit=_csvtable.HEADER_SEARCH_RECORDS))
    assert list(_csvtable.first_records(text, ",")) == expected


# ---------------------------------------------------------------------------------------------
# Whole exports: every fast path on, then off.


def _slow_paths(monkeypatch):
    monkeypatch.setattr(_csvtable, "PANDAS_MIN_CHARS", 1 << 60)  # the csv module for every file
    monkeypatch.setattr(_dates, "parse_dates", _reference_parse_dates)
    monkeypatch.setattr(_keys, "profile_keys_column", lambda urls, exact=None: [profile_key(u) for u in urls])
    monkeypatch.setattr(_decode, "utf8_has_controls", lambda raw: True)
    monkeypatch.setattr(_keys, "normalized_name", normalize_name)


def _assert_same_export(a, b):
    assert (a.path, a.owner, a.profile, a.export_date) == (b.path, b.owner, b.profile, b.export_date)
    assert a.report.to_dict() == b.report.to_dict()
    for item in dataclasses.fields(nio.Export):
        left, right = getattr(a, item.name), getattr(b, item.name)
        if isinstance(left, pd.DataFrame):
            pd.testing.assert_frame_equal(left, right, check_exact=True)


def _exports(tmp_path):
    paths = sorted(p for p in (SAMPLE / "cohort").iterdir() if p.is_dir())[:3]
    paths += sorted(p for p in (SAMPLE / "personas").iterdir() if p.is_dir())
    for variant in synth.VARIANTS:
        paths.append(synth.write_persona(tmp_path / variant, "networker", contacts=150, seed=2,
                                         variant=variant)["export"])
    return paths


def test_exports_read_the_same_with_and_without_the_fast_paths(tmp_path, monkeypatch):
    paths = _exports(tmp_path)
    monkeypatch.setattr(_csvtable, "PANDAS_MIN_CHARS", 0)  # pandas for every file it can read
    fast = [nio.read_export(path) for path in paths]
    with monkeypatch.context() as patch:
        _slow_paths(patch)
        slow = [nio.read_export(path) for path in paths]
    for a, b in zip(fast, slow, strict=True):
        _assert_same_export(a, b)


def test_hostile_exports_read_the_same_with_and_without_the_fast_paths(tmp_path, monkeypatch):
    rng = random.Random(8)
    atoms = ["Ana", "Inês", "\"Smith, PhD\"", "\"q\"\"x\"", "\"a\nb\"", "", "", "\x1b[31m", "\x85", "\r\n",
             "https://www.linkedin.com/in/ana-b", "https://www.linkedin.com/in/in%C3%AAs-c", "urn:li:member:3",
             "03 Jun 2026", "15-Feb-23", "2026-06-03 10:00:00 UTC", "LinkedIn Member", "Yes", "No",
             "\"https://www.linkedin.com/in/a,https://www.linkedin.com/in/b\"", "\"A,B\"", "%ZZ", "\xa0",
             *string.ascii_letters[:6]]
    header = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
              "SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT\n")
    monkeypatch.setattr(_csvtable, "PANDAS_MIN_CHARS", 0)
    for trial in range(25):
        folder = tmp_path / str(trial)
        folder.mkdir()
        rows = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"]
        rows += [",".join(rng.choice(atoms) for _ in range(rng.choice([6, 7, 7, 8]))) + "\n" for _ in range(40)]
        (folder / "Connections.csv").write_text("".join(rows), encoding="utf-8")
        rows = [header] + [",".join(rng.choice(atoms) for _ in range(12)) + "\n" for _ in range(40)]
        (folder / "messages.csv").write_text("".join(rows), encoding="utf-8")
        outcomes = []
        for slow in (False, True):
            with monkeypatch.context() as patch:
                if slow:
                    _slow_paths(patch)
                try:
                    outcomes.append(nio.read_export(folder))
                except Exception as error:  # the same error either way, whatever it is
                    outcomes.append(f"{type(error).__name__}: {error}")
        if isinstance(outcomes[0], str) or isinstance(outcomes[1], str):
            assert outcomes[0] == outcomes[1]
        else:
            _assert_same_export(*outcomes)


def test_frame_builder_keeps_the_dtypes_of_empty_and_emptied_tables():
    data = {"name": ["a", "b"], "when": pd.Series(pd.to_datetime(["2026-01-01", "2026-01-02"])),
            "line": pd.Series([2, 3], dtype="int64")}
    for keep in ([0, 1], [1], []):
        expected = pd.DataFrame(data)[pd.Series([i in keep for i in range(2)])].reset_index(drop=True)
        pd.testing.assert_frame_equal(_rows.kept_frame(data, np.array(keep, dtype=np.int64), ["name", "when", "line"]),
                                      expected)
    empty = {"name": [], "when": pd.Series([], dtype="datetime64[ns]"), "line": pd.Series([], dtype="int64")}
    expected = pd.DataFrame(empty)[pd.Series([], dtype=bool)].reset_index(drop=True)
    pd.testing.assert_frame_equal(_rows.kept_frame(empty, np.array([], dtype=np.int64), ["name", "when", "line"]), expected)


def test_a_bracket_in_a_profile_url_is_no_url(tmp_path):
    # urlsplit refuses "https://[…" ("Invalid IPv6 URL"); the reader used to stop there.
    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,URL,Company,Position,Connected On\n"
                    "Ana,Lind,https://[www.linkedin.com/in/ana,Fjordline,Engineer,03 Jun 2026\n", encoding="utf-8")
    contacts = nio.read_export(path).contacts
    assert contacts[["key", "key_source"]].values.tolist() == [["name:ana lind|fjordline", "name"]]

"""The user's annotation files: ties.csv (which contacts were met in person) and knows.csv (declared pairs)."""

import datetime
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError
from ..identity import normalize_company, normalize_name, profile_key
from . import _dates  # through the module: tests swap in the reference path there
from ._archive import check_file_size, read_file_bytes
from ._csvtable import read_table, text_column
from ._dates import TIES_DATE_FORMATS
from ._decode import decode
from ._rows import finish_report
from ._specs import SPECS
from .tables import KNOWS_COLUMNS, TIES_COLUMNS, FileReport, Knows, Ties

__all__ = ["read_knows", "read_ties"]

_MET = {
    "in person": "in_person", "in_person": "in_person", "inperson": "in_person", "in-person": "in_person",
    "yes": "in_person", "y": "in_person", "oui": "in_person", "x": "in_person", "1": "in_person",
    "true": "in_person", "en personne": "in_person", "vrai": "in_person",
    "online": "online", "on line": "online", "on-line": "online", "no": "online", "n": "online",
    "non": "online", "0": "online", "false": "online", "en ligne": "online", "faux": "online",
    "unknown": "unknown", "": "unknown", "?": "unknown",
}


def _normalize_met(values):
    """(normalised values, list of unrecognised-or-None)."""
    out, bad = [], []
    for value in values:
        met = _MET.get(re.sub(r"\s+", " ", value.strip().casefold()))
        out.append(met or "unknown")
        bad.append(None if met else value)
    return out, bad


def _lines_note(text, lines, shown=5):
    """``text`` and the lines it is about (the first ``shown`` of them)."""
    listed = ", ".join(map(str, lines[:shown])) + (", …" if len(lines) > shown else "")
    return f"{text} (line {listed})"


def _report_repeats(reasons, identity, answers, lines, what):
    """Skip every row that another, later row about the same person (or pair) repeats.

    The last row is the one used (a spreadsheet's later row is usually the later edit); each
    earlier one is skipped with the line that is used, and says whether its answers differ.
    """
    last = {}
    for i, ident in enumerate(identity):
        if not reasons[i]:
            last[ident] = i
    for i, ident in enumerate(identity):
        kept = last.get(ident, i)
        if reasons[i] or kept == i:
            continue
        if answers[i] == answers[kept]:
            reasons[i] = f"repeats line {lines[kept]} ({what}); line {lines[kept]} is used"
        else:
            reasons[i] = (f"conflicts with line {lines[kept]} ({what}, other answers); "
                          f"line {lines[kept]}, the later one, is used")


def _read_annotation(path, kind):
    path = Path(os.fspath(path))
    if not path.exists():
        raise InputError(f"{path} does not exist.")
    if path.is_dir():
        raise InputError(f"{path} is a folder; give the {kind}.csv file.")
    report = FileReport(name=path.name)
    data = read_file_bytes(path)
    check_file_size(kind, path.name, len(data))
    text, encoding, notes = decode(data, path.name)
    report.encoding = encoding
    report.notes.extend(notes)
    table = read_table(text, path.name, SPECS[kind], report)
    report.variant = f"{len(table.header)} columns"
    return table, report


def read_ties(path):
    """Read the user's ``ties.csv``: which contacts they met in person, where, when, last contact.

    Written by ``netanalysis ties init`` and edited in a spreadsheet: ``,`` or ``;``, with or
    without BOM, UTF-8 or cp1252. Only one of the ``key``, ``url`` or ``name`` columns is required.
    ``met`` accepts ``in person``/``online``/``yes``/``no``/``oui``/``non``/``x``/``1``/``0``/
    ``true``/``false``/``en personne``/``en ligne``/blank (any case), normalised to
    ``in_person``, ``online`` or ``unknown``; any other value skips the row with the reason.

    Parameters
    ----------
    path : str or path-like

    Returns
    -------
    Ties
        ``table`` with columns ``key, url, name, company, met, where_met, when_met, last_contact,
        notes, line`` (``key`` as written, else the key of ``url``; ``last_contact`` datetime64 or
        NaT; ``when_met`` kept as written) and ``report`` (a FileReport).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "ties.csv")
    ...     _ = path.write_text("name;met;last_contact\\nDana Whitfield;Oui;2026-01-14\\n"
    ...                         "Priya Raman;en ligne;\\nLotte Brandvik;maybe;\\n", encoding="cp1252")
    ...     ties = read_ties(path)
    >>> ties.table[["name", "met", "last_contact", "line"]]
                 name        met last_contact  line
    0  Dana Whitfield  in_person   2026-01-14     2
    1     Priya Raman     online          NaT     3
    >>> ties.report.skipped
    [Skip(line=4, reason="met value 'maybe' is not one of in person, online, yes, no, blank")]
    """
    table, report = _read_annotation(path, "ties")
    n = table.n
    key, url, name = text_column(table, "key"), text_column(table, "url"), text_column(table, "name")
    key = [k or profile_key(u) for k, u in zip(key, url, strict=True)]
    met, bad_met = _normalize_met(text_column(table, "met"))
    last, bad_last = _dates.parse_dates(text_column(table, "last_contact"), TIES_DATE_FORMATS)
    bad_last = bad_last.tolist()
    last_raw = text_column(table, "last_contact")
    reasons = [""] * n
    for i in range(n):
        if not (key[i] or url[i] or name[i]):
            reasons[i] = "no key, URL or name"
        elif bad_met[i] is not None:
            reasons[i] = f"met value '{bad_met[i]}' is not one of in person, online, yes, no, blank"
        elif bad_last[i]:
            reasons[i] = f"last_contact '{last_raw[i]}' is not a date (use YYYY-MM-DD)"
    last = last.dt.normalize()
    today = pd.Timestamp(datetime.date.today())
    future = [i for i in range(n) if not reasons[i] and last.iloc[i] > today]
    if future:
        last = last.copy()
        last.iloc[future] = pd.NaT
        report.notes.append(_lines_note(f"{len(future)} last_contact date(s) after today left empty",
                                        [table.lines[i] for i in future]))
    company, where, when, notes = (text_column(table, c) for c in ("company", "where_met", "when_met", "notes"))
    identity = [(k, "") if k else ("", normalize_name(nm), normalize_company(c))
                for k, nm, c in zip(key, name, company, strict=True)]
    answers = list(zip(met, where, when, last.astype(str), notes, strict=True))
    _report_repeats(reasons, identity, answers, table.lines, "the same person")
    used = [not r for r in reasons]
    finish_report(report, table, used, reasons)
    frame = pd.DataFrame({
        "key": key, "url": url, "name": name, "company": company, "met": met,
        "where_met": where, "when_met": when, "last_contact": last, "notes": notes,
        "line": np.array(table.lines, dtype=np.int64),
    })
    return Ties(frame[pd.Series(used, dtype=bool)].reset_index(drop=True)[TIES_COLUMNS], report)


def read_knows(path):
    """Read ``knows.csv``: pairs of people the user knows to know each other.

    Columns ``a, b`` (keys, profile URLs or names; matched to people by the graph) and optional
    ``met`` (same spellings as ties.csv) and ``note``.

    Returns
    -------
    Knows
        ``table`` with columns ``a, b, met, note, line`` and ``report``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "knows.csv")
    ...     _ = path.write_text("a,b,met,note\\nDana Whitfield,Priya Raman,yes,same lab\\n"
    ...                         "Dana Whitfield,,,\\n", encoding="utf-8")
    ...     knows = read_knows(path)
    >>> knows.table
                    a            b        met      note  line
    0  Dana Whitfield  Priya Raman  in_person  same lab     2
    >>> knows.report.skipped
    [Skip(line=3, reason='a or b is empty')]
    """
    table, report = _read_annotation(path, "knows")
    n = table.n
    a, b = text_column(table, "a"), text_column(table, "b")
    met, bad_met = _normalize_met(text_column(table, "met"))
    reasons = [""] * n
    for i in range(n):
        if not a[i] or not b[i]:
            reasons[i] = "a or b is empty"
        elif a[i].casefold() == b[i].casefold():
            reasons[i] = "a and b are the same person"
        elif bad_met[i] is not None:
            reasons[i] = f"met value '{bad_met[i]}' is not one of in person, online, yes, no, blank"
    note = text_column(table, "note")
    pairs = [tuple(sorted((x.casefold(), y.casefold()))) for x, y in zip(a, b, strict=True)]
    _report_repeats(reasons, pairs, list(zip(met, note, strict=True)), table.lines, "the same pair")
    used = [not r for r in reasons]
    finish_report(report, table, used, reasons)
    frame = pd.DataFrame({"a": a, "b": b, "met": met, "note": note,
                          "line": np.array(table.lines, dtype=np.int64)})
    return Knows(frame[pd.Series(used, dtype=bool)].reset_index(drop=True)[KNOWS_COLUMNS], report)

"""Dates as exports write them: the format that fits a column, month names translated, parses cached."""

import re

import numpy as np
import pandas as pd

__all__ = [
    "CONNECTED_ON_FORMATS",
    "DATE_CACHE",
    "DATE_CACHE_LIMIT",
    "DATE_CACHE_MAX_CALL",
    "ENDORSEMENT_FORMATS",
    "MESSAGE_DATE_FORMATS",
    "MONTH_YEAR_FORMATS",
    "SENT_AT_FORMATS",
    "TIES_DATE_FORMATS",
    "note_bad_dates",
    "parse_dates",
    "translate_months",
]

_MONTHS = {  # Excel re-saves in other locales; map their abbreviations to English ones
    "ene": "jan", "abr": "apr", "ago": "aug", "dic": "dec", "janv": "jan", "févr": "feb",
    "fevr": "feb", "mars": "mar", "avr": "apr", "mai": "may", "juin": "jun", "juil": "jul",
    "août": "aug", "aout": "aug", "sept": "sep", "déc": "dec", "dez": "dec", "okt": "oct",
    "mär": "mar", "märz": "mar", "set": "sep", "out": "oct", "fev": "feb", "mei": "may",
}
_MONTH_TOKEN = re.compile(r"(?<![^\W\d_])([^\W\d_]+)\.?(?![^\W\d_])")


def translate_months(value):
    """``value`` with month names of other languages replaced by English ones (``févr.`` -> ``feb``)."""
    return _MONTH_TOKEN.sub(lambda m: _MONTHS.get(m.group(1).casefold(), m.group(1)), value)


def parse_dates(values, formats, *, utc=False):
    """Parse strings with the format that fits most values, then the others as fallbacks.

    Returns (Series of datetime64, boolean array of non-empty values that were not understood).

    Each value takes the first format, in ranked order, that reads it (as written, then with
    month names translated); the ranking puts first the first format that reads the first 50
    values, else orders the formats by how many of those they read. Each distinct string is
    parsed once, and formats that have read every string already are not tried.
    """
    n = len(values)
    present = np.fromiter(map(bool, values), dtype=bool, count=n)
    result = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    if not present.any():
        return _date_series(result, utc), present
    where = np.flatnonzero(present)
    strings = [values[i] for i in where] if len(where) < n else list(values)
    if utc:
        # "… UTC" as a literal in the format sends pandas down a path ~20x slower than ISO parsing.
        strings = [v.removesuffix(" UTC") for v in strings]
    codes, distinct = pd.factorize(np.asarray(strings, dtype=object))
    distinct = np.asarray(distinct, dtype=object)
    sample = codes[:50]  # the first 50 values, as positions in ``distinct``
    first = _strptime(distinct, formats[0], utc)
    first_ok = ~np.isnat(first)
    ranked = None
    if first_ok[sample].all():
        ranked = list(formats)
    else:
        # The first format that reads the whole sample is the one ranking would pick (ties keep
        # the order), so try in order and rank only when none fits.
        in_sample = np.unique(sample)
        counts = {formats[0]: int(first_ok[sample].sum())}
        for i, fmt in enumerate(formats[1:], start=1):
            read = np.zeros(len(distinct), dtype=bool)
            read[in_sample] = ~np.isnat(_strptime(distinct[in_sample], fmt, utc))
            if read[sample].all():
                ranked = [fmt, *formats[:i], *formats[i + 1:]]
                break
            counts[fmt] = int(read[sample].sum())
        if ranked is None:
            ranked = sorted(formats, key=lambda f: -counts[f])
    parsed = np.full(len(distinct), np.datetime64("NaT"), dtype="datetime64[ns]")
    todo = np.ones(len(distinct), dtype=bool)
    for attempt in range(2):
        if not todo.any():
            break
        if attempt:
            source = distinct.copy()
            source[todo] = [translate_months(v) for v in distinct[todo]]
        else:
            source = distinct
        for fmt in ranked:
            if not todo.any():
                break
            left = np.flatnonzero(todo)
            stamps = first[left] if (attempt == 0 and fmt == formats[0]) else _strptime(source[left], fmt, utc)
            # A date datetime64[ns] cannot hold (before 1677, after 2262) is not understood either.
            micros = stamps.view(np.int64)
            ok = ~np.isnat(stamps) & (micros <= _NS_LIMIT[0]) & (micros >= _NS_LIMIT[1])
            if ok.any():
                done = left[ok]
                parsed[done] = stamps[ok].astype("datetime64[ns]")
                todo[done] = False
    result[where] = parsed[codes]
    bad = np.zeros(n, dtype=bool)
    bad[where] = todo[codes]
    return _date_series(result, utc), bad


# Parsed dates by (format, utc): string -> microseconds since the epoch (UTC wall time for UTC
# columns), NaT's integer when the format does not read it. Days, months and minutes repeat across
# files and exports, so most such strings are parsed once per process (pandas reads formats other
# than ISO at ~1 µs a string); timestamps to the second are parsed directly.
DATE_CACHE = {}
DATE_CACHE_LIMIT = 200_000  # strings per format; past it, the cache starts again
DATE_CACHE_MAX_CALL = 50_000  # more distinct strings than this at once are parsed without the cache


def _strptime(strings, fmt, utc):
    """``strings`` (an object array) read with ``fmt`` as pandas reads them: datetime64[us] or NaT."""
    if "%S" in fmt or len(strings) > DATE_CACHE_MAX_CALL:  # timestamps to the second rarely repeat
        return _to_micros(pd.to_datetime(np.asarray(strings, dtype=object), format=fmt, errors="coerce", utc=utc))
    cache = DATE_CACHE.setdefault((fmt, utc), {})
    missing = [v for v in dict.fromkeys(strings) if v not in cache]
    if missing:
        if len(cache) + len(missing) > DATE_CACHE_LIMIT:
            cache.clear()
            missing = list(dict.fromkeys(strings))
        parsed = pd.to_datetime(np.asarray(missing, dtype=object), format=fmt, errors="coerce", utc=utc)
        cache.update(zip(missing, _to_micros(parsed).view(np.int64).tolist(), strict=True))
    return np.fromiter(map(cache.__getitem__, strings), dtype=np.int64, count=len(strings)).view("datetime64[us]")


def _to_micros(parsed):
    """A DatetimeIndex from to_datetime as datetime64[us] values (UTC ones as their UTC time)."""
    if parsed.tz is not None:
        parsed = parsed.tz_convert(None)  # UTC, without the time zone
    return parsed.to_numpy().astype("datetime64[us]")


# Microseconds that fit in datetime64[ns] (whose smallest integer is NaT).
_NS_LIMIT = (np.iinfo(np.int64).max // 1000, -(np.iinfo(np.int64).max // 1000))


def _date_series(values, utc):
    """datetime64[ns] values as a Series (tz-aware UTC if ``utc``)."""
    return pd.Series(pd.DatetimeIndex(values, tz="UTC")) if utc else pd.Series(values)


# One format per file, the one that fits most values (ties keep this order); the others are
# fallbacks for Excel re-saves (15-Feb-23, 2/15/2023, and day-first 15/02/2023 in Europe).
CONNECTED_ON_FORMATS = ("%d %b %Y", "%m/%d/%y, %I:%M %p", "%d-%b-%y", "%m/%d/%Y", "%d %B %Y", "%d-%b-%Y",
                         "%m/%d/%y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d")
MESSAGE_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%m/%d/%y, %I:%M %p", "%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M")
SENT_AT_FORMATS = ("%m/%d/%y, %I:%M %p", "%m/%d/%Y, %I:%M %p", "%m/%d/%y %I:%M %p", "%m/%d/%Y %H:%M")
ENDORSEMENT_FORMATS = ("%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M:%S")  # after " UTC" is removed
MONTH_YEAR_FORMATS = ("%b %Y", "%Y", "%B %Y", "%m/%Y", "%Y-%m", "%Y-%m-%d")
TIES_DATE_FORMATS = ("%Y-%m-%d", "%d %b %Y", "%Y-%m", "%Y", "%m/%Y", "%d/%m/%Y", "%b %Y", "%B %Y",
                      "%Y/%m/%d", "%d.%m.%Y")


def note_bad_dates(report, bad, column):
    """Note in ``report`` how many values of ``column`` (``bad``, a boolean array) were not dates."""
    count = int(bad.sum())
    if count:
        report.notes.append(f"{count} {column} value(s) not understood as dates, left empty")

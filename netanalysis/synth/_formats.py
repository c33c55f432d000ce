"""Locale-free spelling for synthetic exports: dates the way LinkedIn writes them, minimal CSV quoting, ASCII folding."""

import functools
import time
import unicodedata
from datetime import date, timedelta

import numpy as np

__all__ = [
    "DAY",
    "EXPORT_DATE",
    "MONTHS",
    "WEEKDAYS",
    "ascii_fold",
    "csv_row",
    "day_number",
    "dmy",
    "epoch_day",
    "iso_day",
    "us_time",
    "utc_text",
    "utc_texts",
]


EXPORT_DATE = date(2026, 11, 2)
_EPOCH = date(1970, 1, 1)
DAY = 86_400
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _q(value, sep=","):
    """Minimal RFC 4180 quoting, as LinkedIn does: only when the field needs it."""
    if not value:
        return ""
    if '"' in value:
        return '"' + value.replace('"', '""') + '"'
    if sep in value or "\n" in value or "\r" in value:
        return '"' + value + '"'
    return value


def csv_row(fields, sep=","):
    """One CSV line of text fields, quoted only where needed (:func:`_q`)."""
    # Most fields need no quotes: test inline rather than pay a call per field.
    return sep.join([_q(f, sep) if (sep in f or '"' in f or "\n" in f or "\r" in f) else f for f in fields])


def epoch_day(days):
    """The date ``days`` days after 1 Jan 1970."""
    return _EPOCH + timedelta(days=int(days))


@functools.lru_cache(maxsize=16384)
def dmy(days):
    """``DD Mon YYYY`` (Connections.csv since 2021) of an epoch day number."""
    d = epoch_day(days)
    return f"{d.day:02d} {MONTHS[d.month - 1]} {d.year}"


@functools.lru_cache(maxsize=16384)
def iso_day(days):
    """``YYYY-MM-DD`` of an epoch day number."""
    return epoch_day(days).isoformat()


def utc_texts(seconds):
    """``YYYY-MM-DD HH:MM:SS UTC`` for an array of epoch seconds, vectorised."""
    text = np.datetime_as_string(np.asarray(seconds, dtype="int64").astype("datetime64[s]"), unit="s")
    return [t.replace("T", " ") + " UTC" for t in text.tolist()]


def utc_text(seconds, sep="-"):
    """``YYYY-MM-DD HH:MM:SS UTC`` of epoch seconds (``sep`` between the date's parts)."""
    t = time.gmtime(int(seconds))
    return (f"{t.tm_year:04d}{sep}{t.tm_mon:02d}{sep}{t.tm_mday:02d} "
            f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} UTC")


def us_time(seconds, *, pad=False):
    """``M/D/YY, h:mm AM`` (unpadded, Invitations and 2018 files) or ``MM/DD/YY, hh:mm AM`` (padded)."""
    t = time.gmtime(int(seconds))
    hour = t.tm_hour % 12 or 12
    half = "AM" if t.tm_hour < 12 else "PM"
    if pad:
        return f"{t.tm_mon:02d}/{t.tm_mday:02d}/{t.tm_year % 100:02d}, {hour:02d}:{t.tm_min:02d} {half}"
    return f"{t.tm_mon}/{t.tm_mday}/{t.tm_year % 100:02d}, {hour}:{t.tm_min:02d} {half}"


@functools.lru_cache(maxsize=65536)
def ascii_fold(text):
    """``text`` without its accents (``Émilie`` → ``Emilie``)."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def day_number(d):
    """The epoch day number of the date ``d``."""
    return (d - _EPOCH).days

"""LinkedIn's ``Events.csv``: the LinkedIn events the user registered for, with their dates.

The columns were seen in public parsers' fixtures, not in a real export (``knowledge/other-sources.md``
calls them unverified): ``Event Name,Event Time,Status,External Url``, where ``Event Time`` reads
``Apr 08, 2024 07:00 AM - Apr 08, 2024 05:00 PM`` and ``Status`` is an upper-case word such as
``RELINQUISHED``. The file is recognised by a header row with ``Event Name`` and ``Event Time``
(``Status`` and ``External Url`` are read when present; other columns are ignored).

What is kept, per event: its start (the time before `` - ``; the file names no time zone, so it is
read as UTC and the day may be off by one), an occasion of kind ``"event"`` of size 1 (the file
names no other attendee) and its mode: ``"online"`` when the external link is a conferencing
link (Zoom, Teams, Meet, Webex, LinkedIn's own video), ``"unknown"`` otherwise (the file does not
say whether an event was in person). The event's name and link are never kept (like a
meeting's subject). An event whose status says the user gave up or declined their place
(``RELINQUISHED``, ``DECLINED``, ``CANCELLED``, ``WITHDRAWN``) is skipped with that reason; the
statuses seen are counted in the report's notes.

The records have no people and no presence rows: Events.csv dates the user's events but ties no
one, and the Records' ``notes`` say so.
"""

import re
from collections import Counter
from pathlib import Path

from ._csvtable import find_header, read_table
from ._dates import parse_dates
from ._decode import decode_keeping_bytes
from ._recordframes import count_phrase, finish_records, head_text, read_limited
from .tables import FileReport, Skip

__all__ = ["SPEC", "detect", "read"]

#: The header: canonical column -> accepted spellings (lower-case letters and digits only).
SPEC = {
    "display": "LinkedIn Events.csv",
    "single_line": True,
    "columns": {"name": ("eventname",), "time": ("eventtime",), "status": ("status",), "url": ("externalurl",)},
    "required": ("name", "time"),
}

_NOT_GOING = {"relinquished": "the user gave up their place", "declined": "the user declined",
              "cancelled": "the event was cancelled", "canceled": "the event was cancelled",
              "withdrawn": "the user withdrew"}
_ONLINE = re.compile(r"zoom\.us|teams\.microsoft\.com|teams\.live\.com|meet\.google\.com|webex\.com|"
                     r"linkedin\.com/(video|events/.*/live)|gotomeeting\.com|whereby\.com", re.I)
_FORMATS = ("%b %d, %Y %I:%M %p", "%b %d, %Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d",
            "%m/%d/%y, %I:%M %p", "%m/%d/%Y")


def detect(path):
    """Whether ``path`` is LinkedIn's Events.csv: a header row with ``Event Name`` and ``Event Time``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "events.txt")
    ...     _ = path.write_text("Event Name,Event Time,Status,External Url\\n")
    ...     detect(path)
    True
    """
    text = head_text(path)
    return text is not None and find_header(text, SPEC) is not None


def read(path):
    """Read LinkedIn's Events.csv: one occasion per event the user registered for.

    Parameters
    ----------
    path : str or path-like
        An existing file (:func:`netanalysis.io.records.read_source` checks it).

    Returns
    -------
    Records
        ``kind="linkedin_events"``; ``occasions`` of kind ``"event"`` with their start (UTC) and
        mode; no people, no presence. Every row is used or skipped with its line and reason.

    Raises
    ------
    InputError
        An empty, binary or oversized file, or one without the header.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> text = ("Event Name,Event Time,Status,External Url\\n"
    ...         'Data Summit,"Apr 08, 2024 07:00 AM - Apr 08, 2024 05:00 PM",ATTENDING,\\n'
    ...         'Cloud Day,"May 02, 2024 09:00 AM - May 02, 2024 10:00 AM",RELINQUISHED,\\n')
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "Events.csv")
    ...     _ = path.write_text(text, encoding="utf-8")
    ...     records = read(path)
    >>> records.occasions[["kind", "start", "mode", "size", "line"]]
        kind                     start     mode  size  line
    0  event 2024-04-08 07:00:00+00:00  unknown     1     2
    >>> records.report.files["Events.csv"].skipped
    [Skip(line=3, reason='status RELINQUISHED: the user gave up their place')]
    """
    path = Path(path)
    name = path.name
    text, encoding, decode_notes, raw = decode_keeping_bytes(read_limited(path, "Events.csv"), name)
    report = FileReport(name=name, encoding=encoding)
    report.notes.extend(decode_notes)
    table = read_table(text, name, SPEC, report, raw)
    report.variant = f"{len(table.header)} columns"
    columns = table.columns
    rows = [table.row(i) for i in range(table.n)]

    def column(key):
        return [row[columns[key]].strip() if key in columns else "" for row in rows]

    times, statuses, urls = column("time"), column("status"), column("url")
    starts, bad = parse_dates([value.split(" - ")[0].strip() for value in times], _FORMATS, utc=True)
    skipped, occasions, seen = list(table.skipped), [], Counter()
    for i, line in enumerate(table.lines):
        if not any(cell.strip() for cell in rows[i]):
            skipped.append(Skip(line, "empty row"))
            continue
        status = statuses[i]
        if status:
            seen[status.upper()] += 1
        if status.lower() in _NOT_GOING:
            skipped.append(Skip(line, f"status {status.upper()}: {_NOT_GOING[status.lower()]}"))
            continue
        if not times[i]:
            skipped.append(Skip(line, "no event time"))
            continue
        mode = "online" if _ONLINE.search(urls[i]) else "unknown"
        occasions.append((f"linkedin_event:{line}", "event", starts.iloc[i], mode, "", 1, "", False, line))
    report.used = len(occasions)
    report.skipped = sorted(skipped, key=lambda s: s.line)
    report.rows = report.used + len(report.skipped)
    unread = sum(bool(bad[i]) for i in range(table.n))
    if unread:
        report.notes.append(f"{count_phrase(unread, 'event time')} not understood as a date: left empty")
    if seen:
        report.notes.append("statuses: " + ", ".join(f"{status} ({count})" for status, count in sorted(seen.items())))
    if not table.n and not table.skipped:
        report.notes.append("no events")
    notes = ["Events.csv names no other attendee and no place: it dates the user's LinkedIn events but ties no one.",
             "Event times carry no time zone in Events.csv: they are read as UTC (a day may be off by one)."]
    if report.rows and not report.used:
        notes.append("No event of the file was attended.")
    return finish_records(path, "linkedin_events", report, occasions=occasions, notes=notes)

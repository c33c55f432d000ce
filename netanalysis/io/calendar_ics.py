"""A calendar (``.ics``, RFC 5545: Google, Outlook/Exchange, Apple) as Records: one occasion per meeting.

Read with ``icalendar`` and, for recurring series, ``recurring-ical-events``. What is kept of each
event instance: its start (UTC), whether it was in person, online or unknown, the place of an
in-person meeting, the number of participants and who they were with their reply (PARTSTAT).
Titles, descriptions, attachments and conferencing links are read only to decide the mode and are
never kept.
"""

import re
from datetime import date, datetime, timezone
from itertools import islice
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd

from ..errors import InputError
from ..identity import email_key, normalize_name
from ._archive import read_file_bytes
from ._recordframes import PeopleRows, frame, head_bytes, list_like
from .tables import OCCASION_COLUMNS, PRESENCE_COLUMNS, FileReport, ParseReport, Skip, empty_records

__all__ = ["CONFERENCING", "MAX_MEETING_SIZE", "MAX_SERIES_INSTANCES", "detect", "read"]

#: A meeting with more participants than this (the user included) never makes a tie (``bulk``), as folk does.
MAX_MEETING_SIZE = 20
#: A recurring series yields at most this many instances (a daily meeting over about four years).
MAX_SERIES_INSTANCES = 1_500
#: Properties and texts that mark a conferencing link (in LOCATION, DESCRIPTION or their own property).
CONFERENCING = re.compile(
    r"meet\.google\.com|zoom\.us|zoomgov\.com|teams\.microsoft\.com|teams\.live\.com|microsoft teams|"
    r"teams meeting|webex\.com|webex meeting|skype|gotomeeting|gotomeet\.me|whereby\.com|meet\.jit\.si|"
    r"bluejeans\.com|chime\.aws|\bfacetime\b",
    re.I,
)
_CONFERENCING_PROPERTIES = ("X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL",
                            "X-MICROSOFT-ONLINEMEETINGCONFLINK", "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK",
                            "CONFERENCE")
_URL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*://|www\.)\S*\s*$", re.I)
_HEAD_BYTES = 4096
_BEGIN_EVENT = re.compile(rb"^BEGIN:VEVENT\r?$", re.M | re.I)
_EVENT_MARK = re.compile(rb"^(BEGIN|END):VEVENT\r?$", re.M | re.I)
_END_EVENT = re.compile(rb"^END:VEVENT\r?$", re.M | re.I)
_END_CALENDAR = re.compile(rb"^END:VCALENDAR\r?$", re.M | re.I)
_FOLD = re.compile(rb"\r?\n[ \t]")
# A content line: a property name (letters, digits, "-"), parameters, then ":" and the value.
_CONTENT_LINE = re.compile(r"[A-Za-z0-9-]+(?:;[^\r\n]*?)?:")
_FIRST_DAY = pd.Timestamp("1678-01-01", tz="UTC")
_LAST_DAY = pd.Timestamp("2261-12-31", tz="UTC")
_NOTE = ("A calendar says who was invited and how they replied, not who came: an accepted invitation is "
         "taken as presence.")


def detect(path):
    """Whether ``path`` is an iCalendar file: ``BEGIN:VCALENDAR`` at the start (after a BOM or blank lines).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "export.txt")
    ...     _ = path.write_bytes(b"\\xef\\xbb\\xbfBEGIN:VCALENDAR\\r\\nVERSION:2.0\\r\\n")
    ...     detect(path)
    True
    """
    head = head_bytes(path, _HEAD_BYTES)
    return head is not None and head.lstrip(b"\xef\xbb\xbf \t\r\n").upper().startswith(b"BEGIN:VCALENDAR")


def _event_lines(data):
    """(lines of complete VEVENTs, lines of BEGIN:VEVENT without an END:VEVENT before the next BEGIN), 1-based."""
    closed, unclosed, line, at, open_line = [], [], 1, 0, None
    for match in _EVENT_MARK.finditer(data):
        line += data.count(b"\n", at, match.start())
        at = match.start()
        if match.group(1).upper() == b"BEGIN":
            if open_line is not None:
                unclosed.append(open_line)
            open_line = line
        elif open_line is not None:
            closed.append(open_line)
            open_line = None
    if open_line is not None:
        unclosed.append(open_line)
    return closed, unclosed


def _text(value):
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value).strip()


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


class _Clock:
    """Event times to UTC: floating times (no zone) in the calendar's X-WR-TIMEZONE, else UTC."""

    def __init__(self, zone_name):
        self.zone = timezone.utc
        self.floating = 0
        if zone_name:
            try:
                self.zone = ZoneInfo(zone_name)
            except (ValueError, KeyError, OSError):
                pass

    def utc(self, value, count=False):
        """(UTC timestamp, all-day) of a DTSTART/RECURRENCE-ID value (date, naive or aware datetime).

        ``count``: an occasion's start, counted in :attr:`floating` when it has no zone.
        """
        stamp, all_day = pd.NaT, False
        try:
            if isinstance(value, datetime):
                if value.tzinfo is None or value.utcoffset() is None:
                    self.floating += count
                    value = value.replace(tzinfo=self.zone)
                stamp = pd.Timestamp(value).tz_convert("UTC")
            elif isinstance(value, date):
                stamp, all_day = pd.Timestamp(value).tz_localize("UTC"), True
        except (OverflowError, ValueError):  # a date pandas cannot hold
            return pd.NaT, False
        if pd.isna(stamp) or not _FIRST_DAY <= stamp <= _LAST_DAY:  # the range of nanosecond timestamps
            return pd.NaT, False
        return stamp, all_day


def _value(component, name):
    """The date or datetime of a property, or None when absent or not understood (icalendar's vBroken)."""
    prop = component.get(name)
    if isinstance(prop, list):
        prop = prop[0] if prop else None
    try:
        return getattr(prop, "dt", None)
    except ValueError:  # icalendar.error.BrokenCalendarProperty
        return None


def _mode(component, all_day):
    """(mode, place) of one event instance; DESCRIPTION is read for a conferencing link only."""
    location = _text(component.get("LOCATION"))
    if all_day:
        return "unknown", ""
    linked = any(name in component for name in _CONFERENCING_PROPERTIES)
    linked = linked or bool(CONFERENCING.search(location)) or bool(_URL.match(location))
    linked = linked or bool(CONFERENCING.search(_text(component.get("DESCRIPTION"))))
    if linked:
        return "online", ""
    if location:
        return "in_person", " ".join(location.split())
    return "unknown", ""


class _Reader:
    """One calendar file's events into Records."""

    def __init__(self, name, zone_name):
        self.name = name
        self.clock = _Clock(zone_name)
        self.people = PeopleRows()
        self.occasions = {column: [] for column in OCCASION_COLUMNS}
        self.presence = {column: [] for column in PRESENCE_COLUMNS}
        self.counts = {"rooms": 0, "lists": 0, "unaddressed": 0}

    def participants(self, component):
        """(persons {key: (role, status, name, email)}, has a list) of one event instance."""
        persons, has_list = {}, False
        entries = [("organizer", a) for a in _as_list(component.get("ORGANIZER"))]
        entries += [("attendee", a) for a in _as_list(component.get("ATTENDEE"))]
        for role, address in entries:
            params = getattr(address, "params", {})
            cutype = str(params.get("CUTYPE", "INDIVIDUAL")).upper()
            if cutype in ("ROOM", "RESOURCE"):
                self.counts["rooms"] += 1
                continue
            key = email_key(str(address)) or email_key(str(params.get("EMAIL", "")))
            name = str(params.get("CN", "")).strip().strip('"').strip()
            if key and (cutype == "GROUP" or list_like(key[6:])):
                self.counts["lists"] += 1
                has_list = True
                continue
            if not key:
                if not normalize_name(name):
                    self.counts["unaddressed"] += 1
                    continue
                key = "calendar:" + normalize_name(name)
            status = str(params.get("PARTSTAT", "")).lower()
            if key in persons:  # the organizer listed again as an attendee (Google): one row, the reply kept
                old = persons[key]
                persons[key] = (old[0], old[1] or status, old[2] or name, old[3])
            else:
                persons[key] = (role, status, name, key[6:] if key.startswith("email:") else "")
        return persons, has_list

    def add(self, occasion, component, start, all_day, line, persons, has_list, recurring):
        mode, place = _mode(component, all_day)
        o = self.occasions
        o["occasion"].append(occasion)
        o["kind"].append("meeting")
        o["start"].append(start)
        o["mode"].append(mode)
        o["place"].append(place)
        o["size"].append(len(persons))
        o["direction"].append("")
        o["bulk"].append(bool(recurring or has_list or len(persons) > MAX_MEETING_SIZE))
        o["line"].append(line)
        p = self.presence
        for key, (role, status, name, email) in persons.items():
            p["occasion"].append(occasion)
            p["person"].append(key)
            p["role"].append(role)
            p["status"].append(status)
            self.people.add(key, name, email, line)


def _decode(data, report):
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        report.encoding = "cp1252"
        report.notes.append("not UTF-8: read as Windows-1252")
        return data.decode("cp1252", errors="replace")


def _parse(text, name, data, report):
    """The calendars in ``text`` (unfolded); lines that are not content lines are left out and noted.

    icalendar refuses a whole file for one line without ``NAME:value`` form; such lines are dropped
    (their physical lines, counted in ``data``, are listed in a note) and the rest is parsed.
    """
    import icalendar

    errors = (ValueError, KeyError, IndexError, TypeError, AttributeError)
    try:
        return icalendar.Calendar.from_ical(text, multiple=True)
    except errors as error:
        message = str(error).splitlines()[0][:160] if str(error) else type(error).__name__
        failure = InputError(f"{name} is not a readable calendar ({message}).")
    lines = text.splitlines()
    bad = [i for i, line in enumerate(lines) if line.strip() and not _CONTENT_LINE.match(line)]
    if not bad:
        raise failure from None
    starts = _logical_line_starts(data)
    numbers = [starts[i] if i < len(starts) else 0 for i in bad]
    dropped = set(bad)
    try:
        calendars = icalendar.Calendar.from_ical(
            "\r\n".join(line for i, line in enumerate(lines) if i not in dropped) + "\r\n", multiple=True)
    except errors:
        raise failure from None
    shown = ", ".join(str(n) for n in numbers[:5]) + (", …" if len(numbers) > 5 else "")
    report.notes.append(f"{len(bad)} lines that are not iCalendar content lines (NAME:value) were left out "
                        f"(line{'s' if len(bad) > 1 else ''} {shown})")
    return calendars


def _logical_line_starts(data):
    """The physical line (1-based) on which each unfolded line of ``data`` begins."""
    starts = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.startswith((b" ", b"\t")):
            starts.append(number)
    return starts


def _owner(appearances, calendar_name):
    """(owner address, rule): X-WR-CALNAME when it is an address in the events, else the top-ranked address.

    ``appearances`` maps an address to (events, events organised); the owner is the address first
    by events, then by events organised, if no other address ranks the same; else ``""``.
    """
    named = email_key(calendar_name)[6:]
    if named and named in appearances:
        return named, "the calendar's name (X-WR-CALNAME)"
    ranked = sorted(appearances.items(), key=lambda item: (-item[1][0], -item[1][1], item[0]))
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return "", ""
    events, organised = ranked[0][1]
    return ranked[0][0], f"the address in the most events ({events}, {organised} organised)"


def read(path):
    """Read a calendar file (``.ics``): one occasion per event instance, its participants and their replies.

    Every VEVENT is used or skipped with the line of its ``BEGIN:VEVENT`` and a reason (cancelled,
    no start, a duplicate, no one but the owner, cut off at the end of a truncated file, a series
    with no instance in the window). The bytes are unfolded before parsing, so that a line folded
    inside a UTF-8 character reads right; a line that is not a content line (``NAME:value``) is
    left out and noted with its line, since icalendar would refuse the whole file for it.

    Each event instance is an occasion (``kind="meeting"``):

    - ``start``: DTSTART in UTC (Windows zone names such as ``Pacific Standard Time`` are understood;
      a time without a zone is read in the calendar's ``X-WR-TIMEZONE``, else UTC; an all-day event
      starts at 00:00 UTC of its day).
    - ``mode``: ``"in_person"`` only for a timed (not all-day) event with a LOCATION that is not a URL
      and no conferencing link (an ``X-GOOGLE-CONFERENCE``, ``X-MICROSOFT-SKYPETEAMSMEETINGURL`` or
      ``CONFERENCE`` property, or :data:`CONFERENCING` text in LOCATION or DESCRIPTION);
      ``"online"`` for a timed event with a link (a URL as LOCATION counts as one); else
      ``"unknown"`` (all-day events always). ``place`` is the LOCATION of in-person meetings only.
    - ``size``: the distinct persons among ORGANIZER and ATTENDEEs (the owner included). Resource
      rooms (``CUTYPE=ROOM``/``RESOURCE``) are not persons. Lists (``CUTYPE=GROUP`` and list-like
      addresses: ``lists.…``, ``…-devel@``, ``all@``, no-reply) are not persons either and make
      the meeting ``bulk``. An attendee without an address but with a name is ``calendar:<name>``.
    - ``bulk``: more than :data:`MAX_MEETING_SIZE` participants, an instance of a recurring
      series, or a list among the attendees.

    Presence: one row per person per instance, role ``organizer`` or ``attendee``, status the
    PARTSTAT in lower case (``""`` when absent). An ATTENDEE inside a VALARM is not a participant.

    Recurring series (RRULE, RDATE) are expanded by ``recurring-ical-events`` (EXDATE removed,
    RECURRENCE-ID instances moved or replaced, cancelled instances dropped) over a bounded window:
    from the earliest DTSTART in the file to the latest date the file holds (DTSTART, DTEND,
    DTSTAMP, LAST-MODIFIED, CREATED, RECURRENCE-ID: for an export, the day it was made), and at
    most :data:`MAX_SERIES_INSTANCES` instances per series (a note says when a series reached it).

    The owner (``owner["emails"]``): X-WR-CALNAME when it is an address that appears in the
    events (Google names a primary calendar after its account), else the address that appears
    in the most event instances, ties broken by the number it organised; none if two addresses
    still rank the same (a note says so). Events that name no one but the owner are skipped.

    Parameters
    ----------
    path : pathlib.Path

    Returns
    -------
    Records
        ``kind="calendar"``.

    Raises
    ------
    InputError
        A file over ``MAX_FILE_BYTES``, one that does not begin with ``BEGIN:VCALENDAR``, or one
        ``icalendar`` cannot parse (one sentence naming the file).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> ics = ("BEGIN:VCALENDAR\\r\\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\\r\\n"
    ...        "BEGIN:VEVENT\\r\\nUID:1\\r\\nDTSTART:20250312T090000Z\\r\\nLOCATION:Café Central\\r\\n"
    ...        "ORGANIZER:mailto:me@example.org\\r\\n"
    ...        "ATTENDEE;PARTSTAT=ACCEPTED;CN=Bo Lind:MAILTO:Bo@Acme.example\\r\\nEND:VEVENT\\r\\n"
    ...        "BEGIN:VEVENT\\r\\nUID:2\\r\\nDTSTART:20250313T090000Z\\r\\nLOCATION:\\r\\n"
    ...        "X-GOOGLE-CONFERENCE:https://meet.google.com/abc\\r\\nORGANIZER:mailto:me@example.org\\r\\n"
    ...        "ATTENDEE;PARTSTAT=DECLINED:mailto:bo@acme.example\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "basic.ics")
    ...     _ = path.write_text(ics, encoding="utf-8")
    ...     records = read(path)
    >>> records.occasions[["start", "mode", "place", "size", "bulk", "line"]]
                          start       mode         place  size   bulk  line
    0 2025-03-12 09:00:00+00:00  in_person  Café Central     2  False     3
    1 2025-03-13 09:00:00+00:00     online                   2  False    10
    >>> records.presence[["person", "role", "status"]].iloc[[1, 3]]
                       person      role    status
    1  email:bo@acme.example  attendee  accepted
    3  email:bo@acme.example  attendee  declined
    >>> records.owner
    {'emails': ('me@example.org',), 'name': ''}
    """
    path = Path(path)
    name = path.name
    report = FileReport(name=name, encoding="utf-8", variant="iCalendar")
    data = read_file_bytes(path)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.lstrip(b" \t\r\n").upper().startswith(b"BEGIN:VCALENDAR"):
        raise InputError(f"{name} is not a calendar: it does not begin with BEGIN:VCALENDAR.")
    starts, unclosed = _event_lines(data)
    unfolded = _FOLD.sub(b"", data)  # before decoding: a fold may split a UTF-8 character
    if not _END_CALENDAR.search(unfolded):
        report.notes.append("the file ends without END:VCALENDAR: it was cut off; the complete events are read")
        last_begin = list(_BEGIN_EVENT.finditer(unfolded))
        if last_begin and not _END_EVENT.search(unfolded, last_begin[-1].end()):
            unfolded = unfolded[:last_begin[-1].start()]
        unfolded = unfolded.rstrip(b"\r\n") + b"\r\nEND:VCALENDAR\r\n"
    text = _decode(unfolded, report)
    calendars = _parse(text, name, data, report)
    events, timezones, calendar_name, zone_name = [], [], "", ""
    for calendar in calendars:
        calendar_name = calendar_name or _text(calendar.get("X-WR-CALNAME"))
        zone_name = zone_name or _text(calendar.get("X-WR-TIMEZONE"))
        for component in calendar.subcomponents:
            if component.name == "VEVENT":
                events.append(component)
            elif component.name == "VTIMEZONE":
                timezones.append(component)
    if len(events) != len(starts):
        report.notes.append(f"{len(starts)} complete VEVENTs but {len(events)} parsed: the structure is broken; "
                            "lines are given in file order")
        unclosed += starts[len(events):]
        starts = (starts + [0] * len(events))[:len(events)]
    reader = _Reader(name, zone_name)
    records, (owner, rule) = _read_events(reader, events, starts, timezones, report, calendar_name)
    for line in unclosed:
        report.skipped.append(Skip(line, "event cut off: no END:VEVENT before the next event or the end of the file"))
        report.rows += 1
    report.skipped.sort(key=lambda s: s.line)
    records.path = str(path)
    records.report = ParseReport(files={name: report})
    counts = reader.counts
    if counts["rooms"]:
        report.notes.append(f"{counts['rooms']} resource rooms (CUTYPE=ROOM/RESOURCE) are not counted as people")
    if counts["lists"]:
        report.notes.append(f"{counts['lists']} list or group addresses among attendees: their meetings are bulk")
    if counts["unaddressed"]:
        report.notes.append(f"{counts['unaddressed']} participants with neither an address nor a name")
    if reader.clock.floating:
        zone = zone_name if reader.clock.zone is not timezone.utc else "UTC"
        report.notes.append(f"{reader.clock.floating} event starts without a time zone read in {zone}")
    if owner:
        records.owner = {"emails": (owner,), "name": ""}
        report.notes.append(f"owner {owner}: {rule}")
    else:
        records.notes.append("The calendar's owner could not be told (no address appears in more events "
                             "than any other).")
    records.notes.append(_NOTE)
    return records


def _key(value, clock):
    """A comparable key for a RECURRENCE-ID or DTSTART value (UTC for times, the day for dates)."""
    stamp, all_day = clock.utc(value)
    return stamp.date().isoformat() if all_day else stamp.isoformat()


def _window(events, clock):
    """(earliest, latest) UTC datetimes of the dates the file holds (the expansion window)."""
    earliest = latest = None
    for component in events:
        for prop in ("DTSTART", "DTEND", "DTSTAMP", "LAST-MODIFIED", "CREATED", "RECURRENCE-ID"):
            value = _value(component, prop)
            if value is None:
                continue
            stamp = clock.utc(value)[0]
            if pd.isna(stamp):
                continue
            if prop == "DTSTART":
                earliest = stamp if earliest is None else min(earliest, stamp)
            latest = stamp if latest is None else max(latest, stamp)
    if earliest is None:
        return None, None
    return earliest.to_pydatetime(), (latest + pd.Timedelta(days=1)).to_pydatetime()


def _read_events(reader, events, lines, timezones, report, calendar_name):
    """Sort the events into single ones, series and their moved instances; read each; fill the report.

    Returns the Records (path and report not set) and (owner address, the rule that found it).
    """
    clock = reader.clock
    reasons = [""] * len(events)
    series, seen = {}, {}
    for index, component in enumerate(events):
        if _value(component, "DTSTART") is None:
            written = _text(component.get("DTSTART"))
            reasons[index] = f"start (DTSTART) {written[:40]!r} is not a date" if written else "no start (DTSTART)"
        elif ("RRULE" in component or "RDATE" in component) and "RECURRENCE-ID" not in component:
            uid = _text(component.get("UID"))
            if uid in series:
                reasons[index] = f"duplicate of the series at line {lines[series[uid][0]]}"
            else:
                series[uid] = (index, [])
    masters = {master for master, _ in series.values()}
    singles = []
    for index, component in enumerate(events):
        if reasons[index] or index in masters:
            continue
        uid = _text(component.get("UID"))
        recurrence = _value(component, "RECURRENCE-ID")
        identity = (uid, _key(recurrence, clock) if recurrence is not None else "")
        if uid and identity in seen:
            reasons[index] = f"duplicate of line {lines[seen[identity]]}"
        elif recurrence is not None and uid in series:
            seen[identity] = index
            series[uid][1].append(index)
        else:
            seen[identity] = index
            singles.append(index)
    pending = []  # (index, occasion id, component, start, all_day, recurring)
    for index in singles:
        component = events[index]
        if _text(component.get("STATUS")).upper() == "CANCELLED":
            reasons[index] = "cancelled"
            continue
        start, all_day = clock.utc(_value(component, "DTSTART"), count=True)
        if pd.isna(start):
            reasons[index] = "start (DTSTART) out of the range of dates read (1678–2261)"
            continue
        pending.append((index, f"calendar:{lines[index]}", component, start, all_day, False))
    earliest, latest = _window(events, clock)
    for master, moved in series.values():
        _expand(events, lines, timezones, master, moved, (earliest, latest), clock, pending, reasons, report)
    participants = [reader.participants(item[2]) for item in pending]
    appearances = {}
    for persons, _has_list in participants:
        for key, (role, *_rest) in persons.items():
            if key.startswith("email:"):
                events_, organised = appearances.get(key[6:], (0, 0))
                appearances[key[6:]] = (events_ + 1, organised + (role == "organizer"))
    owner, rule = _owner(appearances, calendar_name)
    instances, used = {}, {}
    for (index, occasion, component, start, all_day, recurring), (persons, has_list) in zip(
            pending, participants, strict=True):
        instances[index] = instances.get(index, 0) + 1
        if not has_list and not (set(persons) - {f"email:{owner}"}):
            if not recurring:
                reasons[index] = "no participants named" if not persons else "no one but the calendar's owner"
            continue
        used[index] = used.get(index, 0) + 1
        reader.add(occasion, component, start, all_day, lines[index], persons, has_list, recurring)
    for master, moved in series.values():
        for index in [master, *moved]:
            if reasons[index] or used.get(index):
                continue
            if instances.get(index):
                reasons[index] = "a recurring series whose instances name no one but the calendar's owner"
            elif index == master and _text(events[master].get("STATUS")).upper() == "CANCELLED":
                reasons[index] = "cancelled"
            else:
                reasons[index] = "a recurring series with no instance in the window"
    report.rows = len(events)
    report.skipped = [Skip(lines[i], reason) for i, reason in enumerate(reasons) if reason]
    report.used = report.rows - len(report.skipped)
    records = empty_records("", "calendar")
    records.people = reader.people.frame()
    records.occasions = frame(OCCASION_COLUMNS, reader.occasions).sort_values(
        ["start", "line"], kind="stable", ignore_index=True)
    records.presence = frame(PRESENCE_COLUMNS, reader.presence)
    return records, (owner, rule)


def _expand(events, lines, timezones, master, moved, window, clock, pending, reasons, report):
    """Expand one series (its master and moved instances) into ``pending`` instances."""
    import icalendar
    import recurring_ical_events

    earliest, latest = window
    if earliest is None:
        return
    calendar = icalendar.Calendar()
    for zone in timezones:
        calendar.add_component(zone)
    for index in [master, *moved]:
        calendar.add_component(events[index])
    moved_index = {_key(_value(events[i], "RECURRENCE-ID"), clock): i for i in moved}
    found, last = [], pd.Timestamp(latest)
    try:
        for instance in islice(recurring_ical_events.of(calendar).after(earliest), MAX_SERIES_INSTANCES + 1):
            start, all_day = clock.utc(_value(instance, "DTSTART"), count=True)
            if pd.isna(start) or start > last:
                break
            if len(found) == MAX_SERIES_INSTANCES:
                report.notes.append(f"the series at line {lines[master]} has more than {MAX_SERIES_INSTANCES} "
                                    "instances in the window: the first ones are read")
                break
            recurrence = _value(instance, "RECURRENCE-ID")
            index = moved_index.get(_key(recurrence, clock), master) if recurrence is not None else master
            if _text(instance.get("STATUS")).upper() == "CANCELLED":
                if index != master:
                    reasons[index] = "a cancelled instance of a recurring series"
                continue
            occasion = (f"calendar:{lines[index]}" if index != master
                        else f"calendar:{lines[index]}:{start.strftime('%Y%m%dT%H%MZ')}")
            found.append((index, occasion, instance, start, all_day, True))
    except Exception as error:  # whatever the library raises on a rule: that series only is skipped
        message = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
        reasons[master] = f"recurrence rule cannot be expanded ({message})"
        return
    pending.extend(found)

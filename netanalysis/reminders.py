"""The to-do list as an iCalendar file (RFC 5545): one all-day reminder per suggestion.

Written by hand, with no dependency and no network: CRLF line ends, lines folded at 75 octets
(never inside a UTF-8 character), text escaped (backslash, semicolon, comma, newline), a ``UID``
made from the suggestion's id (so that importing the file again updates the reminders instead of
duplicating them) and a ``DTSTAMP`` from the list's date (so the same list gives the same bytes).

Why not the ``icalendar`` package (which the issue named): the format written here is small and
fixed (one calendar of all-day events with four text properties), so the package would be a
runtime dependency for some forty lines; its output (property order, line folding, escaping) has
changed between its releases, while this file's bytes depend on the list alone, so a calendar can
be compared and regenerated; and the tests read every file written here with ``icalendar`` as an
independent parser (``tests/test_todo.py``, ``tests/test_cli_present.py``), a check that would
prove nothing if the same library had written it.
"""

import datetime as _dt

from .model import as_date

__all__ = ["to_ics"]

_PRODID = "-//netanalysis//to-do reminders//EN"
_KIND_TITLES = {
    "en": {"congratulate": "Congratulate {name}", "reconnect": "Get back in touch with {name}",
           "introduce": "Introduce {name} and {other_name}"},
    "fr": {"congratulate": "Féliciter {name}", "reconnect": "Reprendre contact avec {name}",
           "introduce": "Présenter {name} et {other_name}"},
}


def _escape(text):
    text = str(text or "")
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def _fold(line):
    """Fold a content line into chunks of at most 75 octets, continuation lines starting with a space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # never split a UTF-8 character
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # the leading space of a continuation line counts
    return "\r\n ".join(parts)


def to_ics(todo, *, today=None, lang="en"):
    """The to-do list as the text of an ``.ics`` calendar: one all-day event per suggestion.

    Parameters
    ----------
    todo : pandas.DataFrame
        What :func:`netanalysis.todo_list` returned (``id, kind, name, other_name, reason,
        message`` and, when present, ``message_b``, ``introduction`` and ``due``).
    today : datetime.date, optional
        The reminders' day when a row has no ``due`` date, and the ``DTSTAMP``. Default
        ``todo.attrs["today"]``.
    lang : {"en", "fr"}
        The language of the events' titles.

    Returns
    -------
    str
        The calendar, CRLF line ends; write it with :func:`netanalysis.atomic_write_text`.

    Examples
    --------
    >>> import datetime
    >>> import pandas as pd
    >>> todo = pd.DataFrame({"id": ["3f2a"], "kind": ["reconnect"], "name": ["Ana Lima"], "other_name": [""],
    ...                      "reason": ["met in person; 4 messages"], "message": ["Hi Ana, it has been a while."]})
    >>> text = to_ics(todo, today=datetime.date(2024, 7, 15))
    >>> print(text.replace("\\r\\n", "\\n"), end="")
    BEGIN:VCALENDAR
    VERSION:2.0
    PRODID:-//netanalysis//to-do reminders//EN
    CALSCALE:GREGORIAN
    BEGIN:VEVENT
    UID:3f2a@netanalysis
    DTSTAMP:20240715T000000Z
    DTSTART;VALUE=DATE:20240715
    DTEND;VALUE=DATE:20240716
    SUMMARY:Get back in touch with Ana Lima
    DESCRIPTION:met in person\\; 4 messages\\n\\nHi Ana\\, it has been a while.\\n\\n
     id: 3f2a
    TRANSP:TRANSPARENT
    END:VEVENT
    END:VCALENDAR
    """
    today = as_date(today) or as_date(todo.attrs.get("today")) or _dt.date(1970, 1, 1)
    titles = _KIND_TITLES.get(lang, _KIND_TITLES["en"])
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{_PRODID}", "CALSCALE:GREGORIAN"]
    stamp = today.strftime("%Y%m%dT000000Z")
    for row in todo.to_dict(orient="records"):
        day = as_date(row.get("due")) or today
        title = titles.get(row.get("kind"), "{name}").format(name=row.get("name") or "",
                                                              other_name=row.get("other_name") or "")
        parts = [row.get("reason"), row.get("message"), row.get("message_b"), row.get("introduction"),
                 f"id: {row['id']}"]
        description = "\n\n".join(str(p) for p in parts if isinstance(p, str) and p)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{row['id']}@netanalysis",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(day + _dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_escape(title)}",
            f"DESCRIPTION:{_escape(description)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


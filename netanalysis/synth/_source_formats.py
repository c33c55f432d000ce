"""Spelling of calendars and mail as Google, Gmail and Apple write them: folding, escaping, dates, encoded words."""

import base64
from datetime import date, timedelta

from ._formats import DAY, MONTHS, WEEKDAYS, epoch_day

__all__ = [
    "VTIMEZONE",
    "address_header",
    "cn_param",
    "encoded_word",
    "fold_chars",
    "fold_octets",
    "google_uid",
    "ics_text",
    "local_offset",
    "local_stamp",
    "local_to_utc",
    "mailbox_header",
    "mailto",
    "quoted_printable",
    "rfc_date",
    "utc_stamp",
]


def local_offset(seconds):
    """UTC offset (hours) of Eastern time at epoch ``seconds``: DST from the 2nd Sunday of March to the 1st of November."""
    d = epoch_day(seconds // DAY)
    march = date(d.year, 3, 8)
    start = march + timedelta(days=(6 - march.weekday()) % 7)
    nov = date(d.year, 11, 1)
    end = nov + timedelta(days=(6 - nov.weekday()) % 7)
    return -4 if start <= d < end else -5


def local_to_utc(day, hour, minute=0):
    naive = day * DAY + hour * 3600 + minute * 60
    return naive - local_offset(naive) * 3600


def fold_octets(line):
    """Google's folding: 75 octets a line, continuation lines start with a space, UTF-8 characters cut freely."""
    data = line.encode("utf-8")
    parts = [data[:75]]
    data = data[75:]
    while data:
        parts.append(b" " + data[:74])
        data = data[74:]
    return b"\r\n".join(parts) + b"\r\n"


def fold_chars(line):
    """Apple's folding: 75 octets a line, never inside a UTF-8 character."""
    data = line.encode("utf-8")
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1
        parts.append(data[start:end])
        start, limit = end, 74
    return b"\r\n ".join(parts) + b"\r\n"


def ics_text(text):
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def utc_stamp(seconds):
    d = epoch_day(seconds // DAY)
    s = seconds % DAY
    return f"{d.year:04d}{d.month:02d}{d.day:02d}T{s // 3600:02d}{s % 3600 // 60:02d}{s % 60:02d}Z"


def local_stamp(day, hour, minute):
    d = epoch_day(day)
    return f"{d.year:04d}{d.month:02d}{d.day:02d}T{hour:02d}{minute:02d}00"


def google_uid(raw):
    return base64.b32encode(raw).decode().lower().rstrip("=")[:26] + "@google.com"


def mailto(address, k):
    """``mailto:`` as Google writes it, with the case variations of other clients now and then."""
    if k % 11 == 3:
        return "MAILTO:" + address
    if k % 13 == 5:
        local, domain = address.split("@")
        return "mailto:" + local.title() + "@" + domain.upper()
    return "mailto:" + address


def cn_param(name):
    return f'"{name}"' if any(ch in name for ch in ",;:") else name


VTIMEZONE = ["BEGIN:VTIMEZONE", "TZID:America/Toronto", "X-LIC-LOCATION:America/Toronto", "BEGIN:DAYLIGHT",
              "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "TZNAME:EDT", "DTSTART:19700308T020000",
              "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "END:DAYLIGHT", "BEGIN:STANDARD", "TZOFFSETFROM:-0400",
              "TZOFFSETTO:-0500", "TZNAME:EST", "DTSTART:19701101T020000", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
              "END:STANDARD", "END:VTIMEZONE"]


def encoded_word(text, k):
    """RFC 2047: Q encoding mostly, B encoding now and then; words of at most 75 characters, folded between."""
    words, chunk = [], ""
    for ch in text:
        if len(_encode(chunk + ch, k)) > 75:
            words.append(_encode(chunk, k))
            chunk = ""
        chunk += ch
    words.append(_encode(chunk, k))
    return "\r\n ".join(words)


def _encode(text, k):
    raw = text.encode("utf-8")
    if k % 3 == 0:
        return "=?UTF-8?B?" + base64.b64encode(raw).decode() + "?="
    q = "".join(chr(b) if (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122 or b == 45) else "_" if b == 32
                else f"={b:02X}" for b in raw)
    return f"=?UTF-8?Q?{q}?="


def mailbox_header(name, address, k):
    if not name.isascii():
        return f"{encoded_word(name, k)} <{address}>"
    if any(ch in name for ch in ',;:"()<>@.'):
        return f'"{name}" <{address}>'
    return f"{name} <{address}>"


def address_header(field, items):
    """``Field: a, b, c`` folded before a mailbox when a line would pass 78 characters."""
    lines, current = [], f"{field}: "
    for n, item in enumerate(items):
        piece = item + ("," if n < len(items) - 1 else "")
        if len(current) + len(piece) > 78 and current.strip() != f"{field}:":
            lines.append(current.rstrip())
            current = " "
        current += piece + " "
    lines.append(current.rstrip())
    return "\r\n".join(lines)


def quoted_printable(text):
    out = []
    for line in text.split("\n"):
        if line.startswith("From "):
            line = ">" + line
        enc = "".join(ch if (ch.isascii() and ch != "=" and (ch.isprintable() or ch == " ")) else
                      "".join(f"={b:02X}" for b in ch.encode("utf-8")) for ch in line)
        while len(enc) > 76:
            cut = 75
            while enc[cut - 1] == "=" or enc[cut - 2] == "=":
                cut -= 1
            out.append(enc[:cut] + "=")
            enc = enc[cut:]
        out.append(enc)
    return "\r\n".join(out)


def rfc_date(seconds):
    offset = local_offset(seconds)
    local = seconds + offset * 3600
    d = epoch_day(local // DAY)
    s = local % DAY
    return (f"{WEEKDAYS[d.weekday()]}, {d.day} {MONTHS[d.month - 1]} {d.year} "
            f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d} {'-' if offset < 0 else '+'}{abs(offset):02d}00")

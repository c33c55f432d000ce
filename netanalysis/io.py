"""Readers for LinkedIn data exports and the user's annotation files (ties.csv, knows.csv).

Every reader accounts for every data row: a row is either used or reported as skipped with its
physical line number and a reason (``rows == used + len(skipped)``). Bad input the user can fix
raises :class:`netanalysis.errors.InputError` with one sentence naming the file (and line).
"""

import csv
import dataclasses
import io
import lzma
import os
import pickle
import re
import struct
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import numpy as np
import pandas as pd

from ._strings import TEXT_DTYPE, python_strings
from .errors import InputError
from .identity import name_key, normalize_company, normalize_name, profile_key

__all__ = [
    "Export",
    "FileReport",
    "Knows",
    "ParseReport",
    "Skip",
    "Ties",
    "read_export",
    "read_exports",
    "read_knows",
    "read_ties",
    "set_owner_url",
]

# Limits that keep a hostile archive within bounded time and memory.
MAX_UNCOMPRESSED_BYTES = 1 << 30  # declared uncompressed total of an archive (1 GiB)
MAX_ENTRIES = 5_000  # entries in an archive
MAX_FIELD_BYTES = 1 << 20  # one CSV field (1 MiB)
#: ``read_exports`` reads in parallel from this many exports on (starting processes costs ~0.1 s).
PARALLEL_MIN_EXPORTS = 8
_HEADER_SEARCH_RECORDS = 50  # how far down a file the header row may sit

# ---------------------------------------------------------------------------------------------
# Reports


@dataclass(frozen=True)
class Skip:
    """A data row that was not used: its physical 1-based line number and why."""

    line: int
    reason: str


@dataclass
class FileReport:
    """What happened to one file: data rows read, used and skipped, and how it was decoded.

    ``rows`` counts data rows (the header and any preamble excluded, blank lines ignored);
    the invariant ``rows == used + len(skipped)`` always holds. ``notes`` lists file-level
    remarks (NUL bytes removed, dates not understood, URN values instead of URLs…).
    """

    name: str
    rows: int = 0
    used: int = 0
    skipped: list = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    variant: str = ""
    notes: list = field(default_factory=list)

    def to_dict(self):
        """Plain-data form (JSON-ready)."""
        return {
            "rows": self.rows,
            "used": self.used,
            "skipped": [{"line": s.line, "reason": s.reason} for s in self.skipped],
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "variant": self.variant,
            "notes": list(self.notes),
        }


@dataclass
class ParseReport:
    """Reports for every file read from one export, plus the files that were not used."""

    files: dict = field(default_factory=dict)
    ignored_files: list = field(default_factory=list)
    hidden_members: int = 0

    def to_dict(self):
        """Plain-data form (JSON-ready)."""
        return {
            "files": {name: report.to_dict() for name, report in self.files.items()},
            "hidden_members": self.hidden_members,
            "ignored_files": list(self.ignored_files),
        }


# ---------------------------------------------------------------------------------------------
# Result containers

CONTACT_COLUMNS = ["key", "key_source", "name", "first_name", "last_name", "url", "email", "company",
                   "position", "connected_on", "line"]
MESSAGE_COLUMNS = ["conversation_id", "conversation_title", "date", "sender_name", "sender_key",
                   "recipient_names", "recipient_keys", "subject", "content", "folder", "line"]
INVITATION_COLUMNS = ["from_name", "to_name", "sent_at", "message", "direction", "inviter_key",
                      "invitee_key", "line"]
ENDORSEMENT_COLUMNS = ["date", "skill", "name", "key", "status", "line"]
RECOMMENDATION_COLUMNS = ["name", "company", "job_title", "text", "created_at", "status", "key", "line"]
POSITION_COLUMNS = ["company", "title", "description", "location", "started_on", "finished_on", "line"]
EDUCATION_COLUMNS = ["school", "started_on", "finished_on", "degree", "activities", "line"]
TIES_COLUMNS = ["key", "url", "name", "company", "met", "where_met", "when_met", "last_contact", "notes",
                "line"]
KNOWS_COLUMNS = ["a", "b", "met", "note", "line"]

_DATE_COLUMNS = {"connected_on", "date", "sent_at", "created_at", "started_on", "finished_on",
                 "last_contact"}
_UTC_COLUMNS = {("messages", "date"), ("endorsements", "date")}


def _empty_frame(columns, kind=""):
    """An empty table with the right column types (built once per shape, then copied)."""
    key = (tuple(columns), kind)
    if key not in _EMPTY_FRAMES:
        _EMPTY_FRAMES[key] = _build_empty_frame(columns, kind)
    return _EMPTY_FRAMES[key].copy()


_EMPTY_FRAMES = {}


def _build_empty_frame(columns, kind):
    data = {}
    for column in columns:
        if column == "line":
            data[column] = pd.Series([], dtype="int64")
        elif column in _DATE_COLUMNS:
            tz = "UTC" if (kind, column) in _UTC_COLUMNS else None
            data[column] = pd.Series(pd.DatetimeIndex([], tz=tz))
        elif column in ("recipient_names", "recipient_keys"):
            data[column] = pd.Series([], dtype=object)
        else:
            data[column] = pd.Series([], dtype=TEXT_DTYPE)
    return pd.DataFrame(data)


@dataclass(eq=False)
class Export:
    """One person's LinkedIn export, as tidy tables.

    Attributes
    ----------
    path : str
        What was read (zip, folder or Connections.csv).
    owner : dict
        ``key``, ``name``, ``url``, ``identified_by`` (``messages``, ``invitations``, ``profile``,
        ``given`` or ``unknown``).
    contacts, messages, invitations, endorsements_received, endorsements_given,
    recommendations_received, recommendations_given, positions, education : pandas.DataFrame
        See ``docs/architecture.md``; empty with the right columns when the file is absent.
    profile : dict
        The owner's Profile.csv row with snake_case keys (empty when absent).
    report : ParseReport
        What happened to every row of every file.
    export_date : datetime.date or None
        The date in the archive or folder name (``…_MM-DD-YYYY``), if any.
    """

    path: str
    owner: dict
    contacts: pd.DataFrame
    messages: pd.DataFrame = field(default_factory=lambda: _empty_frame(MESSAGE_COLUMNS, "messages"))
    invitations: pd.DataFrame = field(default_factory=lambda: _empty_frame(INVITATION_COLUMNS))
    endorsements_received: pd.DataFrame = field(
        default_factory=lambda: _empty_frame(ENDORSEMENT_COLUMNS, "endorsements"))
    endorsements_given: pd.DataFrame = field(
        default_factory=lambda: _empty_frame(ENDORSEMENT_COLUMNS, "endorsements"))
    recommendations_received: pd.DataFrame = field(
        default_factory=lambda: _empty_frame(RECOMMENDATION_COLUMNS))
    recommendations_given: pd.DataFrame = field(default_factory=lambda: _empty_frame(RECOMMENDATION_COLUMNS))
    positions: pd.DataFrame = field(default_factory=lambda: _empty_frame(POSITION_COLUMNS))
    education: pd.DataFrame = field(default_factory=lambda: _empty_frame(EDUCATION_COLUMNS))
    profile: dict = field(default_factory=dict)
    report: ParseReport = field(default_factory=ParseReport)
    export_date: object = None


@dataclass(eq=False)
class Ties:
    """The user's ties.csv: one row per annotated contact (``table``) and its ``report``."""

    table: pd.DataFrame
    report: FileReport


@dataclass(eq=False)
class Knows:
    """The user's knows.csv: one row per declared pair (``table``) and its ``report``."""

    table: pd.DataFrame
    report: FileReport


# ---------------------------------------------------------------------------------------------
# File specifications: canonical column -> accepted header spellings (normalised: lower-case
# letters and digits only), and the columns a header row must contain to be recognised.


def _norm_header(cell):
    return re.sub(r"[^0-9a-z]", "", str(cell).casefold())


_SPECS = {
    "connections": {
        "single_line": True,
        "display": "Connections.csv",
        "columns": {
            "first_name": ("firstname",), "last_name": ("lastname",), "url": ("url", "profileurl"),
            "email": ("emailaddress", "email"), "company": ("company",), "position": ("position",),
            "connected_on": ("connectedon",),
        },
        "required": ("first_name", "last_name", "connected_on"),
    },
    "messages": {
        "display": "messages.csv",
        "columns": {
            "conversation_id": ("conversationid",), "conversation_title": ("conversationtitle",),
            "from": ("from",), "sender_url": ("senderprofileurl",), "to": ("to",),
            "recipient_urls": ("recipientprofileurls",), "date": ("date",), "subject": ("subject",),
            "content": ("content",), "folder": ("folder",), "attachments": ("attachments",),
            "message_draft": ("ismessagedraft",), "conversation_draft": ("isconversationdraft",),
            "direction": ("direction",),
        },
        "required": ("from", "to", "date", "content"),
    },
    "invitations": {
        "single_line": True,
        "display": "Invitations.csv",
        "columns": {
            "from": ("from",), "to": ("to",), "sent_at": ("sentat",), "message": ("message",),
            "direction": ("direction",), "inviter_url": ("inviterprofileurl", "inviterprofileurn"),
            "invitee_url": ("inviteeprofileurl", "inviteeprofileurn"),
        },
        "required": ("from", "to", "sent_at", "direction"),
    },
    "endorsements_received": {
        "single_line": True,
        "display": "Endorsement_Received_Info.csv",
        "columns": {
            "date": ("endorsementdate",), "skill": ("skillname",), "first_name": ("endorserfirstname",),
            "last_name": ("endorserlastname",), "url": ("endorserpublicurl",),
            "status": ("endorsementstatus",),
        },
        "required": ("date", "skill", "first_name", "last_name"),
    },
    "endorsements_given": {
        "single_line": True,
        "display": "Endorsement_Given_Info.csv",
        "columns": {
            "date": ("endorsementdate",), "skill": ("skillname",), "first_name": ("endorseefirstname",),
            "last_name": ("endorseelastname",), "url": ("endorseepublicurl",),
            "status": ("endorsementstatus",),
        },
        "required": ("date", "skill", "first_name", "last_name"),
    },
    "recommendations_received": {
        "display": "Recommendations_Received.csv",
        "columns": {
            "first_name": ("firstname",), "last_name": ("lastname",), "company": ("company",),
            "job_title": ("jobtitle",), "text": ("text",), "created_at": ("creationdate",),
            "status": ("status",),
        },
        "required": ("first_name", "last_name", "text"),
    },
    "positions": {
        "display": "Positions.csv",
        "columns": {
            "company": ("companyname",), "title": ("title",), "description": ("description",),
            "location": ("location",), "started_on": ("startedon",), "finished_on": ("finishedon",),
        },
        "required": ("company", "title", "started_on"),
    },
    "education": {
        "display": "Education.csv",
        "columns": {
            "school": ("schoolname",), "started_on": ("startdate",), "finished_on": ("enddate",),
            "notes": ("notes",), "degree": ("degreename",), "activities": ("activities",),
        },
        "required": ("school", "degree"),
    },
    "profile": {
        "display": "Profile.csv",
        "columns": {"first_name": ("firstname",), "last_name": ("lastname",), "headline": ("headline",)},
        "required": ("first_name", "last_name", "headline"),
    },
    "contacts_book": {  # address-book uploads: recognised only to name them in error messages
        "display": "Contacts.csv (address book)",
        "columns": {"first_name": ("firstname",), "last_name": ("lastname",), "emails": ("emails",)},
        "required": ("first_name", "last_name", "emails"),
    },
    "ties": {
        "display": "ties.csv",
        "columns": {
            "key": ("key",), "url": ("url", "profileurl", "linkedinurl", "linkedin"),
            "name": ("name", "fullname"), "company": ("company",), "met": ("met", "metinperson"),
            "where_met": ("wheremet",), "when_met": ("whenmet",), "last_contact": ("lastcontact",),
            "notes": ("notes", "note"),
        },
        "required": (),  # any one of key/url/name, checked separately
    },
    "knows": {
        "display": "knows.csv",
        "columns": {"a": ("a",), "b": ("b",), "met": ("met",), "note": ("note", "notes")},
        "required": ("a", "b"),
    },
}
_SPECS["recommendations_given"] = dict(_SPECS["recommendations_received"],
                                       display="Recommendations_Given.csv")

# How required columns are spelled in error messages.
_LABELS = {
    "firstname": "First Name", "lastname": "Last Name", "connectedon": "Connected On", "from": "FROM",
    "to": "TO", "date": "DATE", "content": "CONTENT", "sentat": "Sent At", "direction": "Direction",
    "endorsementdate": "Endorsement Date", "skillname": "Skill Name",
    "endorserfirstname": "Endorser First Name", "endorserlastname": "Endorser Last Name",
    "endorseefirstname": "Endorsee First Name", "endorseelastname": "Endorsee Last Name",
    "text": "Text", "companyname": "Company Name", "title": "Title", "startedon": "Started On",
    "schoolname": "School Name", "degreename": "Degree Name", "headline": "Headline",
}

# Export file names, normalised (case, spaces, underscores and hyphens ignored) -> spec.
_FILE_NAMES = {
    "connections": "connections",
    "messages": "messages",
    "invitations": "invitations",
    "endorsementreceivedinfo": "endorsements_received",
    "endorsementgiveninfo": "endorsements_given",
    "recommendationsreceived": "recommendations_received",
    "recommendationsgiven": "recommendations_given",
    "positions": "positions",
    "education": "education",
    "profile": "profile",
}


def _norm_file_name(name):
    base = name.rsplit("/", 1)[-1]
    if base.lower().endswith(".csv"):
        base = base[:-4]
    return re.sub(r"[\s_\-]+", "", base.casefold())


# ---------------------------------------------------------------------------------------------
# Decoding

_MAGIC = [
    (b"\x89PNG", "a PNG image"),
    (b"%PDF", "a PDF document"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a zip archive or an Excel workbook"),
    (b"\xd0\xcf\x11\xe0", "an Office document (for example an old Excel workbook)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
]


def _decode_noting(data, codec, notes):
    """Decode, replacing (and noting) bytes that are not valid in ``codec``."""
    if codec.startswith("utf-16") and len(data) % 2:
        data = data[:-1]
        notes.append("dropped a trailing odd byte")
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        text = data.decode(codec, errors="replace")
        notes.append(f"replaced {text.count(chr(0xFFFD))} undecodable characters")
        return text


# C0 controls other than tab and line breaks, DEL, and the C1 controls (U+0080-U+009F).
_CONTROL_PATTERN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _decode_not_utf8(data, notes):
    """Text that is not valid UTF-8: UTF-8 with a few damaged bytes, or a Windows/Latin-1 file.

    One damaged byte in an otherwise UTF-8 export must not turn every accented name in the file
    into mojibake: when valid multi-byte characters outnumber the invalid bytes, the file is UTF-8
    and only the damaged bytes are replaced (and counted in the notes).
    """
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    good = sum(1 for ch in lenient if ord(ch) > 127) - bad
    if good > bad:
        notes.append(f"replaced {bad} bytes that are not valid UTF-8 (shown as \ufffd)")
        return lenient, "utf-8"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _decode(data, name):
    """Bytes -> (text, encoding, notes). Raises InputError for empty or binary files."""
    text, encoding, notes, _raw = _decode_keeping_bytes(data, name)
    return text, encoding, notes


# C0 controls other than tab and line breaks, as counted in a file's head to refuse binary files.
_HEAD_CONTROL_PATTERN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
# A C1 control (U+0080-U+009F) in UTF-8 bytes: 0xC2 is always a lead byte, never a continuation.
_C1_UTF8 = re.compile(b"\xc2[\x80-\x9f]")


def _utf8_has_controls(raw):
    """Whether valid UTF-8 bytes decode to text that ``_CONTROL_PATTERN`` would change.

    In UTF-8 a byte below 0x80 is always the ASCII character itself, so the bytes below 0x20
    other than tabs and line breaks are the C0 controls, found without decoding: ~10x faster than
    the regular expression over the text, which then runs only when there is something to remove.
    """
    if not raw:
        return False
    data = np.frombuffer(raw, dtype=np.uint8)
    small = data[data < 0x20]  # mostly line breaks
    if not np.isin(small, _LINE_BYTES).all() or b"\x7f" in raw:
        return True
    return b"\xc2" in raw and _C1_UTF8.search(raw) is not None


_LINE_BYTES = np.frombuffer(b"\t\n\r", dtype=np.uint8)


def _decode_keeping_bytes(data, name):
    """:func:`_decode`, plus the UTF-8 bytes that decode to exactly the text (or None).

    The bytes let pandas parse a large file without encoding the text back (~40 % faster);
    they are None whenever the text is not a plain decoding of them (other encodings, replaced
    bytes, removed characters).
    """
    notes = []
    raw = None
    if not data.strip(b"\x00\t\r\n \xef\xbb\xbf\xff\xfe"):
        raise InputError(f"{name} is empty; export it again from LinkedIn.")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name} is {what}, not a CSV file; pass the CSV file from the LinkedIn export.")
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, text = "utf-8-sig", _decode_noting(data[3:], "utf-8", notes)
        if not notes:
            raw = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        encoding, text = "utf-16", _decode_noting(data[2:], codec, notes)
    else:
        sample = data[:8192]
        half = max(len(sample) // 2, 1)
        even_nul = sample[0::2].count(0)
        odd_nul = sample[1::2].count(0)
        # ASCII text in UTF-16 has a NUL in every other byte.
        if odd_nul > 0.3 * half and even_nul < 0.05 * half:
            encoding = "utf-16-le"
        elif even_nul > 0.3 * half and odd_nul < 0.05 * half:
            encoding = "utf-16-be"
        else:
            encoding = ""
        if encoding:
            notes.append(f"decoded as {encoding} without a byte-order mark")
            text = _decode_noting(data, encoding, notes)
        else:
            nul = data.count(0)
            if nul:
                data = data.replace(b"\x00", b"")
                notes.append(f"removed {nul} NUL bytes")
            try:
                text, encoding = data.decode("utf-8"), "utf-8"
                raw = data
            except UnicodeDecodeError:
                text, encoding = _decode_not_utf8(data, notes)
    # (NUL bytes are gone from UTF-8 decoded without a byte-order mark: nothing to count then.)
    nul = 0 if raw is data else text.count("\x00")
    if nul:
        text = text.replace("\x00", "")
        notes.append(f"removed {nul} NUL characters")
        raw = None
    head = text[:8192]
    controls = len(_HEAD_CONTROL_PATTERN.findall(head))
    if head and controls > 0.05 * len(head):
        raise InputError(f"{name} does not look like a text CSV file (it contains binary data).")
    # Control characters (ESC starts terminal escape sequences: colours, a rewritten window title,
    # hyperlinks) belong in no export field; a contact's name must print as text in a terminal.
    # (A regular expression finds them ~50x faster than str.translate scans every character;
    # for UTF-8 bytes, a byte count says first whether there is anything to find.)
    if raw is None or _utf8_has_controls(raw):
        stripped, removed = _CONTROL_PATTERN.subn("", text)
        if removed:
            notes.append(f"removed {removed} control characters")
            text = stripped
            raw = None
    if not text or text.isspace():
        raise InputError(f"{name} is empty; export it again from LinkedIn.")
    return text, encoding, notes, raw


# ---------------------------------------------------------------------------------------------
# CSV tables


@dataclass
class _Table:
    columns: dict  # canonical name -> index in a row
    header: list
    rows: list  # rows padded/truncated to the header width
    lines: list  # physical 1-based line of each row's first line
    header_line: int
    delimiter: str
    skipped: list  # Skip for rows the CSV layer could not use
    transposed: list = None  # columns, computed on first use

    @property
    def n(self):
        return len(self.lines)

    def row(self, i):
        return self.rows[i] if self.rows is not None else [column[i] for column in self.transposed]


def _records(text, delimiter, limit=None):
    """Yield (first line, last line, record or csv.Error), counting physical lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    previous = 0
    count = 0
    while limit is None or count < limit:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            row = error
        start, previous = previous + 1, reader.line_num
        count += 1
        yield start, previous, row


class _FieldLimit:
    """Set csv's (process-wide) field size limit explicitly while reading, then restore it."""

    def __enter__(self):
        self.saved = csv.field_size_limit(MAX_FIELD_BYTES)

    def __exit__(self, *exc):
        csv.field_size_limit(self.saved)


def _match_header(row, spec):
    """Map canonical columns to indexes if ``row`` is this spec's header, else None."""
    cells = [_norm_header(c) for c in row]
    found = {}
    for canonical, aliases in spec["columns"].items():
        for index, cell in enumerate(cells):
            if cell in aliases and index not in found.values():
                found[canonical] = index
                break
    if spec["required"] and not all(c in found for c in spec["required"]):
        return None
    if not found:
        return None
    return found


_HEADER_HEAD_CHARS = 1 << 16  # where the header search reads first (enough for 50 usual records)


def _first_records(text, delimiter):
    """The first ``_HEADER_SEARCH_RECORDS`` records, as ``_records`` gives them.

    A long file is read from its first 64 KiB when those hold one record more than needed: every
    record but the last one read there ended before the cut, so it is the same as in the whole
    text (the csv module reads sequentially). This saves copying a large file into a StringIO
    for every header search.
    """
    if len(text) > _HEADER_HEAD_CHARS:
        records = list(_records(text[:_HEADER_HEAD_CHARS], delimiter, limit=_HEADER_SEARCH_RECORDS + 1))
        if len(records) > _HEADER_SEARCH_RECORDS:
            return records[:_HEADER_SEARCH_RECORDS]
    return _records(text, delimiter, limit=_HEADER_SEARCH_RECORDS)


def _find_header(text, spec_name):
    """Return (delimiter, header line, columns, header row) or None."""
    spec = _SPECS[spec_name]
    for delimiter in (",", ";", "\t"):
        for start, _end, row in _first_records(text, delimiter):
            if isinstance(row, csv.Error):
                continue
            columns = _match_header(row, spec)
            if columns is None:
                continue
            if spec_name == "ties" and not ({"key", "url", "name"} & set(columns)):
                continue
            return delimiter, start, columns, row
    return None


def _guess_kind(text):
    """Which known file the text's header looks like, for error messages (or None)."""
    for kind in ("connections", "messages", "invitations", "endorsements_received",
                 "endorsements_given", "recommendations_received", "positions", "education",
                 "profile", "contacts_book", "knows", "ties"):
        if _find_header(text, kind) is not None:
            return _SPECS[kind]["display"]
    return None


# Below this size the csv module reads a file faster than pandas starts (~0.7 ms per call).
_PANDAS_MIN_CHARS = 1 << 14


def _read_table(text, name, spec_name, report, raw=None):
    """Parse ``text`` as the file ``spec_name``: find header, read rows, note CSV-level skips.

    ``raw``: the UTF-8 bytes ``text`` was decoded from, if exactly that (see ``_decode``).
    """
    found = _find_header(text, spec_name)
    if found is None:
        spec = _SPECS[spec_name]
        looks = _guess_kind(text)
        if looks and looks != spec["display"]:
            raise InputError(
                f"{name} has the header of {looks}, not of {spec['display']}; "
                f"pass the {spec['display']} file instead.")
        wanted = ", ".join(_LABELS.get(spec["columns"][c][0], spec["columns"][c][0])
                           for c in spec["required"]) or "key, url or name"
        raise InputError(
            f"{name}: no header row with the columns {wanted} was found in the first "
            f"{_HEADER_SEARCH_RECORDS} lines; is this the {spec['display']} file?")
    delimiter, header_line, columns, header = found
    width = len(header)
    report.delimiter = delimiter
    fast = _fast_columns(text, delimiter, header_line, width, raw) if len(text) >= _PANDAS_MIN_CHARS else None
    if fast is not None:
        transposed, lines = fast
        return _Table(columns, header, None, lines, header_line, delimiter, [], transposed)
    rows, lines, skipped = [], [], []
    single_line = _SPECS[spec_name].get("single_line", False)
    with _FieldLimit():
        for start, end, row in _records(text, delimiter):
            if start <= header_line:
                continue
            if isinstance(row, csv.Error):
                reason = "field too long (over 1 MB)" if "field larger" in str(row) else f"unreadable row ({row})"
                skipped.append(Skip(start, reason))
                continue
            if not row:  # a blank line is not a data row
                continue
            if single_line and end > start:
                # This file never has line breaks inside fields: an unbalanced quote swallowed lines.
                if end - start >= 20:
                    raise InputError(
                        f"{name}, line {start}: a quote opened on this line is not closed, so the next "
                        f"{end - start} lines cannot be read; fix the quote (or export the file again).")
                skipped.append(Skip(start, f"a quoted field runs over lines {start}-{end} (unbalanced quote?)"))
                continue
            if len(row) < width:
                row = row + [""] * (width - len(row))
            elif len(row) > width:
                if any(cell.strip() for cell in row[width:]):
                    skipped.append(Skip(start, f"{len(row)} fields where the header has {width}"))
                    continue
                row = row[:width]
            rows.append(row)
            lines.append(start)
    return _Table(columns, header, rows, lines, header_line, delimiter, skipped)


def _fast_columns(text, delimiter, header_line, width, raw=None):
    """Parse the rows after the header with pandas' C parser: (columns, lines), or None.

    Used only when the result is provably what the csv module would give, line for line: every
    record on its own physical line, no row wider than the header, no field over the limit.
    Anything else (multi-line fields, ragged rows, huge fields) goes through the csv module.
    ``raw`` (optional) holds the UTF-8 bytes that decode to exactly ``text``: pandas reads them
    without encoding the text again.
    """
    if (b"\r" in raw) if raw is not None else ("\r" in text):  # (bytes are searched ~5x faster)
        return _fast_columns_lines(text, delimiter, header_line, width)
    # Lines end with "\n" only: locate them by counting, without a copy of every line.
    start = raw_start = 0
    for _ in range(header_line - 1):
        start = text.find("\n", start) + 1
        if raw is not None:
            raw_start = raw.find(b"\n", raw_start) + 1
    body = text[start:]
    newlines = body.count("\n")
    count = newlines + (not body.endswith("\n"))
    if count < 2 or (len(body) > MAX_FIELD_BYTES and _longest_line(body) > MAX_FIELD_BYTES):
        return None  # no field can exceed its line
    source = io.StringIO(body) if raw is None else io.BytesIO(raw[raw_start:])
    frame = _pandas_rows(source, delimiter)
    if frame is None or len(frame) != count or frame.shape[1] != width:
        return None
    columns = [frame[name].tolist()[1:] for name in frame.columns]
    lines = list(range(header_line + 1, header_line + count))
    if "\n\n" in body:  # blank lines are not data rows (as with the csv module)
        physical = body.split("\n")[1:count]
        blank = {i for i, line in enumerate(physical) if not line}
        if blank:
            keep = [i for i in range(len(lines)) if i not in blank]
            columns = [[column[i] for i in keep] for column in columns]
            lines = [lines[i] for i in keep]
    return columns, lines


def _longest_line(body):
    """Length of the longest physical line of ``body`` (with its "\\n"), lines ending in "\\n".

    Exact only when it matters: when every stretch of half the field limit holds a line break, no
    line can reach the limit, and a few ``find`` calls say so without splitting the text.
    """
    half = MAX_FIELD_BYTES // 2
    if all(body.find("\n", start, start + half) >= 0 for start in range(0, len(body), half)):
        return MAX_FIELD_BYTES - 1  # at most 2 * half - 1 characters, the line break included
    lines = body.split("\n")
    longest = max(map(len, lines[:-1]), default=-1) + 1
    return max(longest, len(lines[-1]))


def _pandas_rows(source, delimiter):
    """Every record of ``source`` as strings (header included), or None if pandas cannot."""
    try:
        return pd.read_csv(
            source, sep=delimiter, header=None, dtype=object, na_filter=False,
            keep_default_na=False, skip_blank_lines=False, engine="c", quoting=csv.QUOTE_MINIMAL,
            doublequote=True, escapechar=None, comment=None, encoding="utf-8", encoding_errors="strict",
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, OverflowError, MemoryError):
        return None


def _fast_columns_lines(text, delimiter, header_line, width):
    """:func:`_fast_columns` for text with carriage returns (lines split as the csv module does)."""
    physical = io.StringIO(text, newline="").readlines()
    body = physical[header_line - 1:]
    if len(body) < 2 or max(map(len, body)) > MAX_FIELD_BYTES:  # no field can exceed its line
        return None
    frame = _pandas_rows(io.StringIO("".join(body)), delimiter)
    if frame is None or len(frame) != len(body) or frame.shape[1] != width:
        return None
    columns = [frame[name].tolist()[1:] for name in frame.columns]
    lines = list(range(header_line + 1, header_line + len(body)))
    blank = [i for i, line in enumerate(body[1:]) if not line.rstrip("\r\n")]
    if blank:  # blank lines are not data rows (as with the csv module)
        keep = sorted(set(range(len(lines))) - set(blank))
        columns = [[column[i] for i in keep] for column in columns]
        lines = [lines[i] for i in keep]
    return columns, lines


def _column(table, canonical, strip=True):
    """One column as a list of strings (``""`` when the column is absent)."""
    index = table.columns.get(canonical)
    if index is None:
        return [""] * table.n
    if table.transposed is None:
        table.transposed = list(zip(*table.rows, strict=True)) if table.rows else [()] * len(table.header)
        table.rows = None
    values = table.transposed[index]
    return list(map(str.strip, values)) if strip else list(values)


# ---------------------------------------------------------------------------------------------
# Dates

_MONTHS = {  # Excel re-saves in other locales; map their abbreviations to English ones
    "ene": "jan", "abr": "apr", "ago": "aug", "dic": "dec", "janv": "jan", "févr": "feb",
    "fevr": "feb", "mars": "mar", "avr": "apr", "mai": "may", "juin": "jun", "juil": "jul",
    "août": "aug", "aout": "aug", "sept": "sep", "déc": "dec", "dez": "dec", "okt": "oct",
    "mär": "mar", "märz": "mar", "set": "sep", "out": "oct", "fev": "feb", "mei": "may",
}
_MONTH_TOKEN = re.compile(r"(?<![^\W\d_])([^\W\d_]+)\.?(?![^\W\d_])")


def _translate_months(value):
    return _MONTH_TOKEN.sub(lambda m: _MONTHS.get(m.group(1).casefold(), m.group(1)), value)


def _parse_dates(values, formats, *, utc=False):
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
            source[todo] = [_translate_months(v) for v in distinct[todo]]
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
_DATE_CACHE = {}
_DATE_CACHE_LIMIT = 200_000  # strings per format; past it, the cache starts again
_DATE_CACHE_MAX_CALL = 50_000  # more distinct strings than this at once are parsed without the cache


def _strptime(strings, fmt, utc):
    """``strings`` (an object array) read with ``fmt`` as pandas reads them: datetime64[us] or NaT."""
    if "%S" in fmt or len(strings) > _DATE_CACHE_MAX_CALL:  # timestamps to the second rarely repeat
        return _to_micros(pd.to_datetime(np.asarray(strings, dtype=object), format=fmt, errors="coerce", utc=utc))
    cache = _DATE_CACHE.setdefault((fmt, utc), {})
    missing = [v for v in dict.fromkeys(strings) if v not in cache]
    if missing:
        if len(cache) + len(missing) > _DATE_CACHE_LIMIT:
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
_CONNECTED_ON_FORMATS = ("%d %b %Y", "%m/%d/%y, %I:%M %p", "%d-%b-%y", "%m/%d/%Y", "%d %B %Y", "%d-%b-%Y",
                         "%m/%d/%y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d")
_MESSAGE_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%m/%d/%y, %I:%M %p", "%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M")
_SENT_AT_FORMATS = ("%m/%d/%y, %I:%M %p", "%m/%d/%Y, %I:%M %p", "%m/%d/%y %I:%M %p", "%m/%d/%Y %H:%M")
_ENDORSEMENT_FORMATS = ("%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M:%S")  # after " UTC" is removed
_MONTH_YEAR_FORMATS = ("%b %Y", "%Y", "%B %Y", "%m/%Y", "%Y-%m", "%Y-%m-%d")
_TIES_DATE_FORMATS = ("%Y-%m-%d", "%d %b %Y", "%Y-%m", "%Y", "%m/%Y", "%d/%m/%Y", "%b %Y", "%B %Y",
                      "%Y/%m/%d", "%d.%m.%Y")


def _note_bad_dates(report, bad, column):
    count = int(bad.sum())
    if count:
        report.notes.append(f"{count} {column} value(s) not understood as dates, left empty")


# ---------------------------------------------------------------------------------------------
# Per-file readers (text -> DataFrame, filling a FileReport)


def _finish(report, table, used_mask, reasons):
    """Fill rows/used/skipped from the table and a per-row reason list ('' = used)."""
    skipped = list(table.skipped)
    for line, reason in zip(table.lines, reasons, strict=True):
        if reason:
            skipped.append(Skip(line, reason))
    skipped.sort(key=lambda s: s.line)
    report.skipped = skipped
    report.used = int(sum(used_mask))
    report.rows = report.used + len(skipped)


def _finish_codes(report, table, codes, labels):
    """:func:`_finish` from reason codes: ``codes`` (int array, 0 = used) index ``labels``.

    Returns the positions of the used rows.
    """
    skipped = list(table.skipped)
    dropped = np.flatnonzero(codes)
    lines = table.lines
    skipped.extend(Skip(lines[i], labels[c]) for i, c in zip(dropped.tolist(), codes[dropped].tolist(), strict=True))
    skipped.sort(key=lambda s: s.line)
    report.skipped = skipped
    report.used = len(codes) - len(dropped)
    report.rows = report.used + len(skipped)
    return np.flatnonzero(codes == 0)


def _first_reason(n, checks):
    """Reason codes: for each row, 1 + the index of the first check (a boolean array) it fails, or 0."""
    codes = np.zeros(n, dtype=np.int64)
    for code, failed in reversed(list(enumerate(checks, start=1))):
        codes[failed] = code
    return codes


def _mask(values, test):
    """``test`` applied to each value of a list, computed once per distinct value (boolean array)."""
    answers = {value: bool(test(value)) for value in set(values)}
    return np.fromiter(map(answers.__getitem__, values), dtype=bool, count=len(values))


def _empty(values):
    """Boolean array: which strings of a list are empty."""
    return ~np.fromiter(map(bool, values), dtype=bool, count=len(values))


def _frame(data, keep, columns):
    """The result table: the rows ``keep`` (positions) of ``data``, columns in order, a RangeIndex.

    ``data`` maps each column to a list of strings, an array or a Series, with one value per row of the
    file, or with one value per kept row already (when shorter). Same table as the obvious
    ``pd.DataFrame(data)[mask].reset_index(drop=True)[columns]``, without building every column
    twice: string lists become ``str`` arrays directly.
    """
    n = len(data["line"])
    if n == 0:  # pandas infers object columns from empty lists: keep exactly what it gives
        frame = pd.DataFrame(data)
        return frame[pd.Series([], dtype=bool)].reset_index(drop=True)[columns]
    arrays = {}
    for column in columns:
        value = data[column]
        if isinstance(value, pd.Series):
            array = value.array
        elif isinstance(value, np.ndarray):
            array = value
        else:
            array = pd.array(value, dtype=TEXT_DTYPE)
        arrays[column] = array.take(keep) if len(array) == n and len(keep) < n else array
    return pd.DataFrame(arrays, copy=False)


_PLAIN_PROFILE_URL = re.compile(r"(?:https://)?www\.linkedin\.com/in/([^/?#\s]+)/?")


_PROFILE_PREFIX = "https://www.linkedin.com/in/"
_WWW_PREFIX = "www.linkedin.com/in/"  # endorsements' URLs have no scheme (profile_key adds https://)


def _fast_profile_key(url):
    """profile_key(url), without urlsplit for the usual exact shapes (same result)."""
    if url.startswith(_PROFILE_PREFIX) or url.startswith(_WWW_PREFIX):
        slug = url[len(_PROFILE_PREFIX) if url.startswith("h") else len(_WWW_PREFIX):]
        if slug.endswith("/"):
            slug = slug[:-1]
        # Plain ASCII slugs (letters, digits, "-", "_") need no parsing at all.
        if slug.isascii() and slug.replace("-", "").replace("_", "").isalnum():
            return "linkedin.com/in/" + slug.lower()
    found = _PLAIN_PROFILE_URL.fullmatch(url)
    if not found:
        return profile_key(url) if url else ""
    slug = found.group(1)
    if "%" in slug:
        slug = unquote(slug)
        if "/" in slug or slug != slug.strip():
            return profile_key(url)
    return "linkedin.com/in/" + slug.lower()


def _fast_profile_keys(urls, cache=None):
    """profile_key over a column; ``cache`` (a dict) helps where URLs repeat (messages)."""
    if cache is None:
        return [_fast_profile_key(url) for url in urls]
    keys = []
    for url in urls:
        key = cache.get(url)
        if key is None:
            key = _fast_profile_key(url)
            if len(cache) < 200_000:
                cache[url] = key
        keys.append(key)
    return keys


# Keys already worked out, by function then URL. The same people recur across the exports of a
# merged organisation (and across a person's files), so most URLs are keyed by one dict lookup.
_KEY_CACHE = {}
_KEY_CACHE_LIMIT = 500_000  # URLs per function; past it, the cache starts again


def _profile_keys_column(urls, exact=_fast_profile_key):
    """``[exact(url) for url in urls]`` for a pure ``exact`` (profile_key or its equal), memoised."""
    cache = _KEY_CACHE.setdefault(exact, {})
    keys = list(map(cache.get, urls))
    if None in keys:
        if len(cache) > _KEY_CACHE_LIMIT:
            cache.clear()
        for i, key in enumerate(keys):
            if key is None:
                keys[i] = cache[urls[i]] = exact(urls[i])
    return keys


# Printable ASCII that normalize_name turns into spaces: everything but letters, digits, "_", "-".
_ASCII_NON_WORD = {c: " " for c in range(32, 127)
                   if not (chr(c).isalnum() or chr(c) in "_- ")}


def _name_keys(names, companies):
    """name_key over columns, fast for plain-ASCII names and repeated companies (same result)."""
    company_keys = {}
    keys = []
    for name, company in zip(names, companies, strict=True):
        if not name:
            keys.append("")
            continue
        company_key = company_keys.get(company)
        if company_key is None:
            company_key = company_keys[company] = normalize_company(company)
        if name.isascii() and name.isprintable() and "," not in name:
            person = " ".join(name.lower().translate(_ASCII_NON_WORD).split())
        else:
            person = normalize_name(name)
        keys.append(f"name:{person}|{company_key}")
    return keys


def _read_connections(text, name, report, export_report, raw=None):
    table = _read_table(text, name, "connections", report, raw)
    n = table.n
    first = _column(table, "first_name")
    last = _column(table, "last_name")
    url = _column(table, "url")
    email = _column(table, "email")
    company = _column(table, "company")
    position = _column(table, "position")
    connected_raw = _column(table, "connected_on")
    has_url = "url" in table.columns
    report.variant = (f"{len(table.header)} columns" + (" with URL" if has_url else " without URL")
                      + (", after the Notes preamble" if table.header_line > 1 else ""))
    connected, bad = _parse_dates(connected_raw, _CONNECTED_ON_FORMATS)
    connected = connected.dt.normalize()
    names = [f"{f} {la}".strip() for f, la in zip(first, last, strict=True)]
    keys = _profile_keys_column(url) if has_url else [""] * n
    sources = ["url" if k else "name" for k in keys]
    if "name" in sources:
        missing = [i for i, k in enumerate(keys) if not k]
        for i, key in zip(missing, _name_keys([names[i] for i in missing], [company[i] for i in missing]),
                          strict=True):
            keys[i] = key
    blank = ~np.fromiter(map(any, zip(names, url, email, company, position, strict=True)), dtype=bool, count=n)
    dated = ~_empty(connected_raw)
    nameless = _empty(names) & _empty(keys)
    codes = _first_reason(n, [blank & dated, blank, nameless])
    labels = ["", "hidden member", "empty row", "no name and no profile URL"]
    lines = table.lines
    candidates = np.flatnonzero(codes == 0)
    if pd.Index([keys[i] for i in candidates]).has_duplicates:  # rare: find which, and their first line
        seen = {}
        for i in candidates.tolist():
            first_line = seen.setdefault(keys[i], lines[i])
            if first_line != lines[i]:
                codes[i] = len(labels)
                labels.append(f"duplicate of line {first_line}")
    keep = _finish_codes(report, table, codes, labels)
    export_report.hidden_members += int(np.count_nonzero(codes == 1))
    _note_bad_dates(report, bad & (codes == 0), "Connected On")
    return _frame({
        "key": keys, "key_source": sources, "name": names, "first_name": first, "last_name": last,
        "url": url, "email": email, "company": company, "position": position,
        "connected_on": connected, "line": np.array(lines, dtype=np.int64),
    }, keep, CONTACT_COLUMNS)


_URL_SPLIT = re.compile(r"\s*,\s*(?=(?:https?://|www\.|[\w-]+\.linkedin\.com|linkedin\.com|urn:))", re.I)
_TRUE = {"yes", "true", "1", "y", "oui", "x"}


def _split_urls(urls):
    """Recipient profile URLs: joined with ',' (no space); a lone URL needs no splitting."""
    if not urls:
        return []
    if "," not in urls:
        return [urls] if urls.strip() else []
    return [u for u in _URL_SPLIT.split(urls) if u.strip()]


def _split_names(to, count):
    """Recipient display names: joined with ',' and no space; a name may contain ', '."""
    if not to:
        return ()
    if count == 1:
        return (to,)
    return tuple(part.strip() for part in re.split(r",(?! )", to) if part.strip())


_MESSAGE_SKIPS = ("", "draft", "draft", "system event (no sender)", "sponsored conversation",
                  "LinkedIn Member sender (hidden or out of network)",
                  "sender has no profile URL (company or recruiter mail)", "date not understood")


def _read_messages(text, name, report, raw=None):
    table = _read_table(text, name, "messages", report, raw)
    n = table.n
    cols = table.columns
    report.variant = f"{len(table.header)} columns" + ("" if "sender_url" in cols else " (2018, no URLs)")
    conv = _column(table, "conversation_id")
    title = _column(table, "conversation_title")
    sender = _column(table, "from")
    sender_url = _column(table, "sender_url")
    to = _column(table, "to")
    recipient_urls = _column(table, "recipient_urls")
    subject = _column(table, "subject", strip=False)
    content = _column(table, "content", strip=False)
    folder = _column(table, "folder")
    draft_m = _column(table, "message_draft")
    draft_c = _column(table, "conversation_draft")
    date_raw = _column(table, "date")
    dates, bad = _parse_dates(date_raw, _MESSAGE_DATE_FORMATS, utc=True)
    has_urls = "sender_url" in cols
    has_conv = "conversation_id" in cols
    sender_keys = _profile_keys_column(sender_url) if has_urls else [name_key(s) if s else "" for s in sender]
    # Why a row is skipped, in the order the reasons are checked (the first that applies counts).
    no_sender = _empty(sender)
    codes = _first_reason(n, [
        _mask(draft_m, lambda v: v.casefold() in _TRUE) | _mask(draft_c, lambda v: v.casefold() in _TRUE),
        # Drafts of new conversations have no conversation id and no recipient.
        (_empty(conv) & _empty(to) & _empty(recipient_urls)) if has_conv else np.zeros(n, dtype=bool),
        no_sender,
        _mask(title, lambda v: v.casefold() == "sponsored conversation"),
        _mask(sender, lambda v: v.casefold() == "linkedin member"),
        _empty(sender_keys),
        bad | _empty(date_raw),
    ])
    keep = _finish_codes(report, table, codes, _MESSAGE_SKIPS)
    # Recipients of the rows kept, worked out once per distinct (names, URLs) pair, with all the
    # URLs keyed in one go.
    keep_list = keep.tolist()
    pairs = list(zip([to[i] for i in keep_list], [recipient_urls[i] for i in keep_list], strict=True))
    split = {urls: _split_urls(urls) for urls in {urls for _, urls in pairs}}
    every_url = list({url: None for urls in split.values() for url in urls})
    key_of = dict(zip(every_url, _profile_keys_column(every_url), strict=True))
    recipients = {}
    for pair in pairs:
        if pair not in recipients:
            urls = split[pair[1]]
            names = _split_names(pair[0], len(urls) if urls else (1 if "," not in pair[0] else 0))
            recipients[pair] = (names, tuple(key_of[u] for u in urls if key_of[u]))
    found = [recipients[pair] for pair in pairs]
    recipient_names = pd.Series([names for names, _ in found], dtype=object)
    recipient_keys = pd.Series([keys for _, keys in found], dtype=object)
    return _frame({
        "conversation_id": conv, "conversation_title": title, "date": dates,
        "sender_name": sender, "sender_key": sender_keys,
        "recipient_names": recipient_names, "recipient_keys": recipient_keys,
        "subject": subject, "content": content, "folder": folder,
        "line": np.array(table.lines, dtype=np.int64),
    }, keep, MESSAGE_COLUMNS)


def _read_invitations(text, name, report, raw=None):
    table = _read_table(text, name, "invitations", report, raw)
    n = table.n
    header = [_norm_header(c) for c in table.header]
    inviter = _column(table, "inviter_url")
    invitee = _column(table, "invitee_url")
    if "inviter_url" in table.columns:
        kind = "URN" if header[table.columns["inviter_url"]].endswith("urn") else "URL"
        report.variant = f"{len(table.header)} columns with profile {kind}s"
    else:
        report.variant = f"{len(table.header)} columns without profile URLs"
    urns = sum(1 for v in inviter + invitee if v.casefold().startswith("urn:"))
    if urns:
        report.notes.append(f"{urns} profile values are member URNs, not URLs; their keys are left empty")
    inviter_keys = _profile_keys_column(inviter)
    invitee_keys = _profile_keys_column(invitee)
    slugless = sum(1 for v, k in zip(inviter + invitee, inviter_keys + invitee_keys, strict=True)
                   if v and not v.casefold().startswith("urn:") and not k)
    if slugless:
        report.notes.append(f"{slugless} profile URLs have no profile name (bare linkedin.com/in); "
                            "their keys are left empty")
    sent, bad = _parse_dates(_column(table, "sent_at"), _SENT_AT_FORMATS)
    from_names, to_names = _column(table, "from"), _column(table, "to")
    direction = [d.upper() for d in _column(table, "direction")]
    codes = _first_reason(n, [_empty(from_names) & _empty(to_names),
                              _mask(direction, lambda d: d not in {"INCOMING", "OUTGOING"})])
    labels = ["", "empty row"]
    for i in np.flatnonzero(codes == 2).tolist():
        codes[i] = len(labels)
        labels.append(f"direction '{direction[i]}' is neither INCOMING nor OUTGOING")
    keep = _finish_codes(report, table, codes, labels)
    _note_bad_dates(report, bad & (codes == 0), "Sent At")
    return _frame({
        "from_name": from_names, "to_name": to_names, "sent_at": sent,
        "message": _column(table, "message", strip=False), "direction": direction,
        "inviter_key": inviter_keys, "invitee_key": invitee_keys,
        "line": np.array(table.lines, dtype=np.int64),
    }, keep, INVITATION_COLUMNS)


def _read_endorsements(text, name, report, kind, raw=None):
    table = _read_table(text, name, kind, report, raw)
    has_url = "url" in table.columns
    report.variant = f"{len(table.header)} columns" + (" with public URL" if has_url else " without URL")
    first, last, url = _column(table, "first_name"), _column(table, "last_name"), _column(table, "url")
    names = [f"{f} {la}".strip() for f, la in zip(first, last, strict=True)]
    keys = _profile_keys_column(url)
    keys = [k or (name_key(nm) if nm else "") for k, nm in zip(keys, names, strict=True)]
    dates, bad = _parse_dates(_column(table, "date"), _ENDORSEMENT_FORMATS, utc=True)
    skills = _column(table, "skill")
    codes = _first_reason(table.n, [_empty(keys)])
    keep = _finish_codes(report, table, codes, ("", "no endorser or endorsee name"))
    _note_bad_dates(report, bad & (codes == 0), "Endorsement Date")
    return _frame({
        "date": dates, "skill": skills, "name": names, "key": keys,
        "status": [s.upper() for s in _column(table, "status")],
        "line": np.array(table.lines, dtype=np.int64),
    }, keep, ENDORSEMENT_COLUMNS)


def _read_recommendations(text, name, report, kind, raw=None):
    table = _read_table(text, name, kind, report, raw)
    n = table.n
    report.variant = f"{len(table.header)} columns"
    first, last, company = _column(table, "first_name"), _column(table, "last_name"), _column(table, "company")
    names = [f"{f} {la}".strip() for f, la in zip(first, last, strict=True)]
    created, bad = _parse_dates(_column(table, "created_at"), _SENT_AT_FORMATS)
    keys = _name_keys(names, company)
    codes = _first_reason(n, [_empty(names)])
    keep = _finish_codes(report, table, codes, ("", "no name"))
    _note_bad_dates(report, bad & (codes == 0), "Creation Date")
    return _frame({
        "name": names, "company": company, "job_title": _column(table, "job_title"),
        "text": _column(table, "text", strip=False), "created_at": created,
        "status": _column(table, "status"), "key": keys, "line": np.array(table.lines, dtype=np.int64),
    }, keep, RECOMMENDATION_COLUMNS)


def _read_positions(text, name, report, raw=None):
    table = _read_table(text, name, "positions", report, raw)
    report.variant = f"{len(table.header)} columns"
    company, title = _column(table, "company"), _column(table, "title")
    started, bad_s = _parse_dates(_column(table, "started_on"), _MONTH_YEAR_FORMATS)
    finished, bad_f = _parse_dates(_column(table, "finished_on"), _MONTH_YEAR_FORMATS)
    codes = _first_reason(table.n, [_empty(company) & _empty(title)])
    keep = _finish_codes(report, table, codes, ("", "no company and no title"))
    _note_bad_dates(report, (bad_s | bad_f) & (codes == 0), "Started On/Finished On")
    return _frame({
        "company": company, "title": title, "description": _column(table, "description", strip=False),
        "location": _column(table, "location"), "started_on": started, "finished_on": finished,
        "line": np.array(table.lines, dtype=np.int64),
    }, keep, POSITION_COLUMNS)


def _read_education(text, name, report, raw=None):
    table = _read_table(text, name, "education", report, raw)
    report.variant = f"{len(table.header)} columns"
    school = _column(table, "school")
    started, bad_s = _parse_dates(_column(table, "started_on"), _MONTH_YEAR_FORMATS)
    finished, bad_f = _parse_dates(_column(table, "finished_on"), _MONTH_YEAR_FORMATS)
    codes = _first_reason(table.n, [_empty(school)])
    keep = _finish_codes(report, table, codes, ("", "no school name"))
    _note_bad_dates(report, (bad_s | bad_f) & (codes == 0), "Start Date/End Date")
    return _frame({
        "school": school, "started_on": started, "finished_on": finished,
        "degree": _column(table, "degree"), "activities": _column(table, "activities"),
        "line": np.array(table.lines, dtype=np.int64),
    }, keep, EDUCATION_COLUMNS)


def _snake(header):
    return re.sub(r"[^0-9a-z]+", "_", header.strip().casefold()).strip("_")


def _read_profile(text, name, report, raw=None):
    table = _read_table(text, name, "profile", report, raw)
    report.variant = f"{len(table.header)} columns"
    reasons = [""] + ["the owner's profile has one row; extra row"] * (table.n - 1)
    first = table.row(0) if table.n else []
    if table.n and not any(c.strip() for c in first):
        reasons[0] = "empty row"
    reasons = reasons[:table.n]
    used = [not r for r in reasons]
    _finish(report, table, used, reasons)
    if not table.n or reasons[0]:
        return {}
    profile = {}
    for index, header in enumerate(table.header):
        key = _snake(header)
        if key and key not in profile:
            profile[key] = first[index].strip()
    profile["name"] = f"{profile.get('first_name', '')} {profile.get('last_name', '')}".strip()
    return profile


# ---------------------------------------------------------------------------------------------
# Sources: zip archive, folder, single file


def _read_member(archive, info, name):
    """Read one archive member in memory, never past its declared size."""
    chunks, total = [], 0
    try:
        with archive.open(info) as handle:
            while True:
                chunk = handle.read(min(1 << 20, info.file_size + 1 - total))
                if not chunk:
                    break
                total += len(chunk)
                if total > info.file_size:
                    raise InputError(f"{name}: {info.filename} is larger than the archive says; "
                                     "the archive is damaged or hostile.")
                chunks.append(chunk)
                if total == info.file_size:
                    # Read once more so that zipfile checks the CRC at the end of the member.
                    if handle.read(1):
                        raise InputError(f"{name}: {info.filename} is larger than the archive says; "
                                         "the archive is damaged or hostile.")
                    break
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, lzma.LZMAError, OSError, EOFError,
            NotImplementedError, RuntimeError, ValueError) as error:
        if isinstance(error, InputError):
            raise
        raise InputError(f"{name}: {info.filename} cannot be read from the archive ({error}).") from None
    return b"".join(chunks)


def _zip_source(path, label):
    """Return ({member name: loader}, ignored) for a zip archive, after the safety checks."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, struct.error, NotImplementedError,
            OverflowError, UnicodeDecodeError) as error:
        raise InputError(f"{label} is not a readable zip archive ({error}); download the export again.") from None
    infos = archive.infolist()
    if any(not info.filename for info in infos):
        # A damaged directory can decode a member's name as nothing; zipfile then fails on it (is_dir).
        archive.close()
        raise InputError(f"{label} is not a readable zip archive (a member has no name); "
                         "download the export again.")
    if len(infos) > MAX_ENTRIES:
        archive.close()
        raise InputError(f"{label} has {len(infos)} entries, more than the {MAX_ENTRIES} a LinkedIn export "
                         "can have; it is not an export.")
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNCOMPRESSED_BYTES:
        archive.close()
        raise InputError(f"{label} would unpack to {declared / 2**30:.1f} GiB, more than the "
                         f"{MAX_UNCOMPRESSED_BYTES / 2**30:.0f} GiB limit; it is not a LinkedIn export.")
    members = {}
    for info in infos:
        if info.is_dir():
            continue
        members[info.filename] = (lambda info=info: _read_member(archive, info, label))
    return members, archive


def _folder_source(path, label):
    """Files at the folder's root and one folder down, as {relative name: loader}."""
    members = {}

    def add(file_path, relative):
        if len(members) >= MAX_ENTRIES:
            raise InputError(f"{label} holds more than {MAX_ENTRIES} files; point at the export folder itself.")
        members[relative] = (lambda p=file_path: _read_file_bytes(p))

    for entry in sorted(os.scandir(path), key=lambda e: e.name):
        if entry.is_file():
            add(Path(entry.path), entry.name)
        elif entry.is_dir(follow_symlinks=False):
            for sub in sorted(os.scandir(entry.path), key=lambda e: e.name):
                if sub.is_file():
                    add(Path(sub.path), f"{entry.name}/{sub.name}")
    return members


def _read_file_bytes(path):
    size = path.stat().st_size
    if size > MAX_UNCOMPRESSED_BYTES:
        raise InputError(f"{path.name} is {size / 2**30:.1f} GiB, more than the "
                         f"{MAX_UNCOMPRESSED_BYTES / 2**30:.0f} GiB limit.")
    with open(path, "rb") as handle:
        return handle.read(MAX_UNCOMPRESSED_BYTES + 1)


def _pick_members(members, label):
    """Choose one member per known file, all from the folder that holds Connections.csv.

    Connections.csv may sit at the root or one folder down; the other files are taken from the
    same folder (so two exports unzipped side by side are never mixed). A legacy duplicate with
    spaces in its name (the UTF-16 ``Endorsement Received Info.csv`` of 2022) loses to the
    modern one.
    """
    candidates = {}
    for member in members:
        parts = [p for p in member.split("/") if p]
        if not parts or len(parts) > 2 or not member.lower().endswith(".csv") or ".." in parts:
            continue
        normalized = _norm_file_name(member)
        kind = _FILE_NAMES.get(normalized)
        part = 0
        if kind is None:
            # 2026 archives reportedly split big files: messages_577732310.csv, …
            split = re.fullmatch(r"messages(\d{1,12})", normalized)
            if split is None:
                continue
            kind, part = "messages", int(split.group(1))
        folder = parts[0] if len(parts) == 2 else ""
        candidates.setdefault(kind, []).append((len(parts), " " in parts[-1], member, folder, part))
    if "connections" not in candidates:
        return {}
    options = sorted(candidates["connections"])
    if options[0][0] == 2 and len({o[3] for o in options}) > 1:
        folders = ", ".join(sorted({o[3] for o in options}))
        raise InputError(f"{label} holds several exports ({folders}); give one of them.")
    base = options[0][3]
    chosen = {}
    for kind, found in candidates.items():
        here = sorted(o for o in found if o[3] == base)
        if not here:
            continue
        parts = sorted((o[4], o[2]) for o in here if o[4])
        if kind == "messages" and parts:
            # every part, the unsplit file (if any) first
            whole = [o[2] for o in here if not o[4]][:1]
            chosen[kind] = whole + [member for _, member in parts]
        else:
            chosen[kind] = [here[0][2]]
    return chosen


_DATE_IN_NAME = re.compile(r"(\d{2})-(\d{2})-(\d{4})")


def _export_date(*names):
    import datetime

    for name in names:
        match = _DATE_IN_NAME.search(name)
        if match:
            month, day, year = (int(g) for g in match.groups())
            try:
                return datetime.date(year, month, day)
            except ValueError:
                continue
    return None


# ---------------------------------------------------------------------------------------------
# Owner


def _owner(profile, messages, invitations, stem):
    name = profile.get("name", "") if profile else ""
    if len(messages):
        if name:
            # The messages the owner sent: senders with a profile URL and the profile's name.
            wanted = normalize_name(name)
            same = [n for n in messages["sender_name"].unique().tolist() if _normalized_name(n) == wanted]
            mine = messages.loc[messages["sender_name"].isin(same), "sender_key"].tolist()
            counts = Counter(k for k in mine if k.startswith("linkedin.com/in/"))
            if counts:
                key = min(counts, key=lambda k: (-counts[k], k))
                return {"key": key, "name": name, "url": _url_of(key), "identified_by": "messages"}
        # The owner takes part in every conversation: count conversations per participant.
        participants = pd.concat([
            messages[["conversation_id", "sender_key"]].rename(columns={"sender_key": "key"}),
            messages[["conversation_id", "recipient_keys"]].explode("recipient_keys")
            .rename(columns={"recipient_keys": "key"}),
        ]).dropna()
        participants = participants[participants["key"].astype(str).str.startswith("linkedin.com/in/")]
        per_key = participants.drop_duplicates().groupby("key")["conversation_id"].size()
        if len(per_key):
            key = min(per_key.index, key=lambda k: (-per_key[k], k))
            sent = messages.loc[messages["sender_key"] == key, "sender_name"]
            owner_name = name or (Counter(sent).most_common(1)[0][0] if len(sent) else "")
            return {"key": key, "name": owner_name, "url": _url_of(key), "identified_by": "messages"}
    if len(invitations):
        keys = list(invitations.loc[invitations["direction"] == "OUTGOING", "inviter_key"])
        keys += list(invitations.loc[invitations["direction"] == "INCOMING", "invitee_key"])
        counts = Counter(k for k in keys if k)
        if counts:
            key = min(counts, key=lambda k: (-counts[k], k))
            if not name:
                out = invitations[(invitations["direction"] == "OUTGOING") & (invitations["inviter_key"] == key)]
                name = out["from_name"].iloc[0] if len(out) else ""
            return {"key": key, "name": name, "url": _url_of(key), "identified_by": "invitations"}
    if name:
        return {"key": name_key(name, ""), "name": name, "url": "", "identified_by": "profile"}
    return {"key": f"owner:{stem}", "name": "", "url": "", "identified_by": "unknown"}


_NAME_CACHE = {}  # display name -> normalize_name(name); people recur across merged exports


def _normalized_name(name):
    """normalize_name(name) for a string, fast for plain ASCII names and memoised (same result)."""
    found = _NAME_CACHE.get(name)
    if found is None:
        if name.isascii() and name.isprintable() and "," not in name:
            found = " ".join(name.lower().translate(_ASCII_NON_WORD).split())
        else:
            found = normalize_name(name)
        if len(_NAME_CACHE) > 500_000:
            _NAME_CACHE.clear()
        _NAME_CACHE[name] = found
    return found


def _url_of(key):
    return f"https://www.{key}" if key.startswith("linkedin.com/in/") else ""


def set_owner_url(export, url):
    """Return a copy of ``export`` whose owner is the person at ``url`` (``identified_by="given"``).

    Use it when the owner could not be found in the export (no messages, no invitations).

    Parameters
    ----------
    export : Export
    url : str
        The owner's LinkedIn profile URL.

    Returns
    -------
    Export

    Raises
    ------
    InputError
        If ``url`` is not a LinkedIn profile URL.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "Connections.csv")
    ...     _ = path.write_text("First Name,Last Name,Company,Position,Connected On\\n"
    ...                         "Lotte,Brandvik,Oresund Logistics,Analyst,09 Aug 2022\\n")
    ...     export = read_export(path)
    >>> export.owner["identified_by"]
    'unknown'
    >>> set_owner_url(export, "https://www.linkedin.com/in/Kwame-Asante/").owner
    {'key': 'linkedin.com/in/kwame-asante', 'name': '', 'url': 'https://www.linkedin.com/in/Kwame-Asante/', 'identified_by': 'given'}
    """
    key = profile_key(url)
    if not key:
        raise InputError(f"'{url}' is not a LinkedIn profile URL; give one like https://www.linkedin.com/in/your-name.")
    owner = {"key": key, "name": export.owner.get("name", ""), "url": str(url).strip(), "identified_by": "given"}
    return dataclasses.replace(export, owner=owner)


# ---------------------------------------------------------------------------------------------
# Entry points


@python_strings
def read_export(path):
    """Read a LinkedIn data export: the zip, the folder it unzips to, or a single Connections.csv.

    Files are found by name loosely (case, spaces, underscores), at the archive's root or one
    folder down; archive members are read in memory, never extracted. Each CSV is decoded
    (UTF-8, UTF-8 BOM, UTF-16 with or without BOM, cp1252), its delimiter sniffed among ``,``
    ``;`` and tab, and its header found by content (with or without the ``Notes:`` preamble).
    Every data row is either used or reported as skipped, with its line and a reason, in
    ``export.report``: hidden members (date-only rows), duplicates, drafts, system events,
    sponsored and ``LinkedIn Member`` messages, mail from senders without a profile URL.

    The owner's profile URL is not in Profile.csv; it is taken from the messages they sent
    (``identified_by="messages"``), else from their invitations (``"invitations"``), else the
    owner is keyed by the profile name (``"profile"``) or, for a lone Connections.csv,
    ``"owner:<file stem>"`` (``"unknown"``). :func:`set_owner_url` sets it by hand.

    Parameters
    ----------
    path : str or path-like
        ``Basic_…/Complete_LinkedInDataExport_MM-DD-YYYY.zip`` (also ``.zip.zip``), the folder
        it unzips to, a folder holding just that zip, or a ``Connections.csv`` file.

    Returns
    -------
    Export
        ``contacts``, ``messages`` (person-to-person messages only), ``invitations``,
        endorsements, recommendations, ``positions``, ``education`` (DataFrames whose columns are
        listed in ``docs/architecture.md``), ``profile`` (dict), ``owner`` (dict with ``key``,
        ``name``, ``url``, ``identified_by``), ``report`` and ``export_date``.

    Raises
    ------
    InputError
        Missing path, not a zip, no Connections file, empty or binary file, a file whose header
        is not the expected one, an archive over the size or entry limits
        (``MAX_UNCOMPRESSED_BYTES``, ``MAX_ENTRIES``), a folder holding several exports.

    Notes
    -----
    Dates: ``connected_on`` is a day; message and endorsement dates are UTC; invitation
    ``sent_at`` and recommendation ``created_at`` are as written (LinkedIn does not say which
    time zone; probably US Pacific). Empty text fields are ``""``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "Connections.csv")
    ...     _ = path.write_text(
    ...         "Notes:\\n\\"When exporting your connection data…\\"\\n\\n"
    ...         "First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
    ...         "Maren,Oyelaran,https://www.linkedin.com/in/maren-oyelaran,,Fjordline,Engineer,03 Jun 2026\\n"
    ...         ",,,,,,21 May 2026\\n"
    ...         "Inês,Carvalho,https://www.linkedin.com/in/in%C3%AAs-carvalho,,Northbeam,PM,14 Feb 2025",
    ...         encoding="utf-8")
    ...     export = read_export(path)
    >>> export.contacts[["key", "name", "connected_on", "line"]]
                              key           name connected_on  line
    0  linkedin.com/in/maren-oyelaran  Maren Oyelaran   2026-06-03     5
    1  linkedin.com/in/inês-carvalho   Inês Carvalho   2025-02-14     7
    >>> export.report.to_dict()["files"]["Connections.csv"]["skipped"]
    [{'line': 6, 'reason': 'hidden member'}]
    >>> export.report.hidden_members
    1
    """
    path = Path(os.fspath(path))
    label = path.name or str(path)
    if not path.exists():
        raise InputError(f"{path} does not exist; give the export zip, its folder or Connections.csv.")
    report = ParseReport()
    stem = re.sub(r"(\.zip)+$", "", path.name, flags=re.I)
    stem = re.sub(r"\.csv$", "", stem, flags=re.I)
    archive = None
    if path.suffix.lower() in {".xlsx", ".xls", ".numbers", ".ods"}:
        raise InputError(f"{label} is a spreadsheet; save it as CSV (Connections.csv) or pass the export zip.")
    if path.is_dir():
        members = _folder_source(path, label)
        export_date = _export_date(path.name)
    elif path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
        members, archive = _zip_source(path, label)
        export_date = _export_date(path.name)
    else:
        members = None
        export_date = _export_date(path.name, path.parent.name)
    try:
        if members is None:
            data = _read_file_bytes(path)
            tables = {"connections": [(label, data)]}
        else:
            chosen = _pick_members(members, label)
            if "connections" not in chosen and archive is None:
                # A folder that holds the downloaded archive itself (the sample data's layout).
                inner = sorted(p for p in path.iterdir()
                               if p.is_file() and re.search(r"linkedindataexport.*\.zip$", p.name, re.I))
                if len(inner) == 1:
                    return read_export(inner[0])
            if "connections" not in chosen:
                raise InputError(f"{label} contains no Connections.csv at its top level or one folder down; "
                                 "is it a LinkedIn data export?")
            tables, total = {}, 0
            for kind, chosen_members in chosen.items():
                for member in chosen_members:
                    data = members[member]()
                    total += len(data)
                    if total > MAX_UNCOMPRESSED_BYTES:
                        raise InputError(f"{label} holds more than {MAX_UNCOMPRESSED_BYTES / 2**30:.0f} GiB of "
                                         "CSV files; it is not a LinkedIn export.")
                    tables.setdefault(kind, []).append((member, data))
            used_members = {m for ms in chosen.values() for m in ms}
            report.ignored_files = sorted(m for m in members if m not in used_members)
    finally:
        if archive is not None:
            archive.close()

    frames = {}
    profile = {}
    for kind in ("connections", "messages", "invitations", "endorsements_received", "endorsements_given",
                 "recommendations_received", "recommendations_given", "positions", "education", "profile"):
        parts = []
        for member, data in tables.get(kind, []):
            file_report = FileReport(name=member)
            text, encoding, notes, raw = _decode_keeping_bytes(data, member)
            file_report.encoding = encoding
            file_report.notes.extend(notes)
            if kind == "connections":
                parts.append(_read_connections(text, member, file_report, report, raw))
            elif kind == "messages":
                parts.append(_read_messages(text, member, file_report, raw))
            elif kind == "invitations":
                parts.append(_read_invitations(text, member, file_report, raw))
            elif kind.startswith("endorsements"):
                parts.append(_read_endorsements(text, member, file_report, kind, raw))
            elif kind.startswith("recommendations"):
                parts.append(_read_recommendations(text, member, file_report, kind, raw))
            elif kind == "positions":
                parts.append(_read_positions(text, member, file_report, raw))
            elif kind == "education":
                parts.append(_read_education(text, member, file_report, raw))
            else:
                profile = _read_profile(text, member, file_report, raw)
            report.files[member] = file_report
        if len(parts) == 1:
            frames[kind] = parts[0]
        elif parts:
            # Split files: ``line`` refers to each part's own file (see report.files).
            frames[kind] = pd.concat(parts, ignore_index=True)

    export = Export(path=str(path), owner={}, contacts=frames["connections"], profile=profile,
                    report=report, export_date=export_date)
    for kind, frame in frames.items():
        if kind != "connections":
            setattr(export, kind, frame)
    export.owner = _owner(profile, export.messages, export.invitations, stem)
    return export


# ---------------------------------------------------------------------------------------------
# Annotation files

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


def _read_annotation(path, kind):
    path = Path(os.fspath(path))
    if not path.exists():
        raise InputError(f"{path} does not exist.")
    if path.is_dir():
        raise InputError(f"{path} is a folder; give the {kind}.csv file.")
    report = FileReport(name=path.name)
    text, encoding, notes = _decode(_read_file_bytes(path), path.name)
    report.encoding = encoding
    report.notes.extend(notes)
    table = _read_table(text, path.name, kind, report)
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
    key, url, name = _column(table, "key"), _column(table, "url"), _column(table, "name")
    key = [k or profile_key(u) for k, u in zip(key, url, strict=True)]
    met, bad_met = _normalize_met(_column(table, "met"))
    last, bad_last = _parse_dates(_column(table, "last_contact"), _TIES_DATE_FORMATS)
    bad_last = bad_last.tolist()
    last_raw = _column(table, "last_contact")
    reasons = [""] * n
    for i in range(n):
        if not (key[i] or url[i] or name[i]):
            reasons[i] = "no key, URL or name"
        elif bad_met[i] is not None:
            reasons[i] = f"met value '{bad_met[i]}' is not one of in person, online, yes, no, blank"
        elif bad_last[i]:
            reasons[i] = f"last_contact '{last_raw[i]}' is not a date (use YYYY-MM-DD)"
    used = [not r for r in reasons]
    _finish(report, table, used, reasons)
    frame = pd.DataFrame({
        "key": key, "url": url, "name": name, "company": _column(table, "company"), "met": met,
        "where_met": _column(table, "where_met"), "when_met": _column(table, "when_met"),
        "last_contact": last.dt.normalize(), "notes": _column(table, "notes"),
        "line": np.array(table.lines, dtype=np.int64),
    })
    return Ties(frame[pd.Series(used, dtype=bool)].reset_index(drop=True)[TIES_COLUMNS], report)


def _ignore_interrupt():
    # Ctrl-C reaches every process of the terminal: the parent stops the pool, the workers stay quiet.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def read_exports(paths, *, workers=None):
    """Read several exports, in parallel processes when there are many: :func:`read_export` on each.

    Parameters
    ----------
    paths : iterable of str or path-like
        What :func:`read_export` accepts, one per export.
    workers : int, optional
        Processes to read with, this one included. Default: one per core (at most 8) from
        :data:`PARALLEL_MIN_EXPORTS` exports on, else 1 (read in this process); always 1 where
        processes cannot be forked (Windows). Reading is
        independent per export, so the exports, their reports and their order are the same
        whatever the number of workers.

    Returns
    -------
    list of Export
        In the order of ``paths``.

    Raises
    ------
    InputError
        As :func:`read_export`, for the first path (in order) that cannot be read.

    Examples
    --------
    >>> from netanalysis.datasets import sample_files
    >>> paths = sample_files("cohort")["exports"][:2]
    >>> [e.owner["name"] for e in read_exports(paths, workers=2)] == [read_export(p).owner["name"] for p in paths]
    True
    """
    import multiprocessing

    paths = list(paths)
    if workers is None:
        workers = min(os.cpu_count() or 1, 8) if len(paths) >= PARALLEL_MIN_EXPORTS else 1
    # Workers are forked: they start with netanalysis imported, and a script needs no
    # ``if __name__ == "__main__"`` guard. Where fork does not exist (Windows), read in turn.
    if "fork" not in multiprocessing.get_all_start_methods():
        workers = 1
    workers = max(1, min(int(workers), len(paths)))
    if workers == 1:
        return [read_export(path) for path in paths]
    # A path that does not exist fails at once, before minutes of reading the others.
    for path in paths:
        if not os.path.exists(path):
            read_export(path)  # raises its own plain error
    return _read_in_parallel(paths, workers)


def _read_in_parallel(paths, workers):
    """:func:`read_exports` by this process and ``workers - 1`` forked ones, at once.

    This process reads too, rather than wait: what it reads is never pickled to it (sending an
    export costs about a fifth of reading it). Every process takes the next chunk of paths from
    one shared counter until none is left, so the work balances however the exports' sizes vary.
    Each chunk's outcome is kept by its index: the first path (in order) that cannot be read
    raises, whoever read it.
    """
    import multiprocessing

    context = multiprocessing.get_context("fork")
    size = max(1, len(paths) // (workers * 8))
    chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    counter = context.Value("i", 0)
    results = context.Queue()
    processes = [context.Process(target=_read_worker, args=(chunks, counter, results), daemon=True)
                 for _ in range(workers - 1)]
    outcomes = {}
    try:
        for process in processes:
            process.start()
        for i in _next_chunks(counter, len(chunks)):
            outcomes[i] = _read_chunk(chunks[i])
            if isinstance(outcomes[i], Exception):
                _stop(counter, len(chunks))
            _collect(results, outcomes, wait=False)  # unpickle what has arrived, between chunks
        while missing := _missing(outcomes, len(chunks)):
            if not _collect(results, outcomes, wait=True) and not any(p.is_alive() for p in processes):
                # A worker that died (killed, out of memory) never sent its chunk: read it here.
                for i in missing:
                    outcomes[i] = _read_chunk(chunks[i])
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()  # only on an error or Ctrl-C: the workers have finished otherwise
            process.join()
    exports = []
    for i in range(len(chunks)):
        if isinstance(outcomes[i], Exception):
            raise outcomes[i]
        exports.extend(outcomes[i])
    return exports


def _stop(counter, total):
    """No process takes another chunk (after an error: the chunks before it are all taken)."""
    with counter.get_lock():
        counter.value = total


def _missing(outcomes, total):
    """Chunks still to come: every chunk before the first failed one (chunks are taken in order)."""
    failed = min((i for i, outcome in outcomes.items() if isinstance(outcome, Exception)), default=total)
    return [i for i in range(failed) if i not in outcomes]


def _next_chunks(counter, total):
    """Indices of the chunks no process has taken yet, taken one at a time."""
    while True:
        with counter.get_lock():
            i = counter.value
            counter.value = i + 1
        if i >= total:
            return
        yield i


def _read_chunk(paths):
    """The exports at ``paths``, or the error the first unreadable one raised."""
    try:
        return [read_export(path) for path in paths]
    except Exception as error:  # raised by read_exports, in the order of the paths
        return error


def _read_worker(chunks, counter, results):
    _ignore_interrupt()
    for i in _next_chunks(counter, len(chunks)):
        outcome = _read_chunk(chunks[i])
        if isinstance(outcome, Exception):
            try:
                pickle.dumps(outcome)
            except Exception:
                outcome = InputError(f"{chunks[i][0]}: {outcome}")  # an error that cannot be sent, as text
            _stop(counter, len(chunks))
        results.put((i, outcome))


def _collect(results, outcomes, *, wait):
    """Move the chunks the workers have sent into ``outcomes``; whether any arrived."""
    import queue

    arrived = False
    while True:
        try:
            i, outcome = results.get(timeout=1.0) if wait and not arrived else results.get_nowait()
        except queue.Empty:
            return arrived
        outcomes[i] = outcome
        arrived = True


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
    a, b = _column(table, "a"), _column(table, "b")
    met, bad_met = _normalize_met(_column(table, "met"))
    reasons = [""] * n
    for i in range(n):
        if not a[i] or not b[i]:
            reasons[i] = "a or b is empty"
        elif a[i].casefold() == b[i].casefold():
            reasons[i] = "a and b are the same person"
        elif bad_met[i] is not None:
            reasons[i] = f"met value '{bad_met[i]}' is not one of in person, online, yes, no, blank"
    used = [not r for r in reasons]
    _finish(report, table, used, reasons)
    frame = pd.DataFrame({"a": a, "b": b, "met": met, "note": _column(table, "note"),
                          "line": np.array(table.lines, dtype=np.int64)})
    return Knows(frame[pd.Series(used, dtype=bool)].reset_index(drop=True)[KNOWS_COLUMNS], report)

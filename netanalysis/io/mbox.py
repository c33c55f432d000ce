"""A mailbox (``.mbox``: Google Takeout, Thunderbird) as Records: one occasion per message, headers only.

The file is streamed: it is read in chunks, split at ``From `` lines that begin a message, and only the
header block of each message is parsed (``email.parser.BytesHeaderParser`` with ``email.policy.default``,
which decodes ``=?UTF-8?Q?…?=`` names). A body is never held in memory or kept, nor is a subject, so a
multi-gigabyte Takeout file reads in bounded memory.
"""

import hashlib
import re
from email.errors import MessageError
from email.header import decode_header, make_header
from email.parser import BytesHeaderParser
from email.policy import default as default_policy
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..identity import email_key
from ._archive import check_readable_path
from ._recordframes import PeopleRows, frame, head_bytes, list_like
from .tables import OCCASION_COLUMNS, PRESENCE_COLUMNS, FileReport, ParseReport, Skip, empty_records

__all__ = ["MAX_HEADER_BYTES", "MAX_RECIPIENTS", "detect", "read"]

#: A message to more recipients than this never makes a tie (``bulk``), as folk does.
MAX_RECIPIENTS = 20
#: A header block longer than this is not read (the message is skipped with its line).
MAX_HEADER_BYTES = 256 << 10
_CHUNK = 1 << 22  # bytes read at a time
_HEAD_BYTES = 1 << 16
# A header field's first line: a name of printable characters other than ":" and space, then ":".
_FIELD = re.compile(rb"[!-9;-~]+:")
_BLANK = re.compile(rb"\n\r?\n")  # the end of a header block (LF or CRLF)
_BULK_PRECEDENCE = re.compile(r"\b(bulk|list|junk)\b", re.I)
_ROLES = ("from", "to", "cc", "bcc")
_SHOWN_LINES = 5  # line numbers listed in a note before "…"
_EXPUNGED = 0x0008  # Thunderbird's X-Mozilla-Status flag of a deleted message
_NOTE = ("A mailbox says who wrote to whom, not who knows whom: people copied on one message may never have met; "
         "Bcc recipients were hidden from the others.")


def _is_header_block(block):
    return bool(_FIELD.match(block))


def detect(path):
    """Whether ``path`` is an mbox file: a first line ``From …`` followed by a header block.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "All mail.txt")
    ...     _ = path.write_bytes(b"From 1@xxx Mon Jan 06 10:00:00 +0000 2025\\r\\nFrom: a@b.example\\r\\n\\r\\nhi\\r\\n")
    ...     detect(path), detect(pathlib.Path(folder))
    (True, False)
    """
    head = head_bytes(path, _HEAD_BYTES)
    if head is None or not head.startswith(b"From "):
        return False
    end = head.find(b"\n")
    return end > 0 and _is_header_block(head[end + 1:])


def _split(handle, chunk):
    """Yield (line, header bytes or None) for each ``From `` line at a line start, reading ``chunk`` bytes at a time.

    ``None`` is yielded for a ``From `` line not followed by a header block (an unescaped body line),
    and ``b""`` for a header block longer than :data:`MAX_HEADER_BYTES` or cut off at the end of the file.
    Bodies are skipped: between two ``From `` lines only newlines are counted.
    """
    buf = handle.read(chunk)
    while 0 < len(buf) < 5:  # enough to tell a first "From " line
        more = handle.read(chunk)
        if not more:
            break
        buf += more
    eof = not buf
    line, counted = 1, 0  # the line number at buf[counted]
    at = 0 if buf.startswith(b"From ") else None
    scan = 0
    while True:
        if at is None:
            found = buf.find(b"\nFrom ", scan)
            if found < 0:
                if eof:
                    return
                # Keep only what may still begin a "\nFrom " line: the last newline and the few bytes after it.
                # The search above covered every complete "\nFrom "; a buffer without a newline is mid-line.
                cut = buf.rfind(b"\n")
                if cut < 0 or len(buf) - cut >= 6:
                    line += buf.count(b"\n", counted)
                    buf = b""
                else:
                    line += buf.count(b"\n", counted, cut)
                    buf = buf[cut:]
                counted = 0
                more = handle.read(chunk)
                eof = not more
                buf += more
                scan = 0
                continue
            at = found + 1
        # The From_ line and the header block after it, reading more when they run past the buffer.
        while True:
            end_line = buf.find(b"\n", at)
            blank = -1
            if end_line >= 0:
                blank = _blank_line(buf, end_line)
            if blank >= 0 or eof or len(buf) - at > MAX_HEADER_BYTES:
                break
            more = handle.read(chunk)
            eof = not more
            buf += more
        line += buf.count(b"\n", counted, at)
        counted = at
        if end_line < 0:
            if eof:  # the file ends on this From line
                yield line, b""
                return
            yield line, None  # a "From " line longer than a header block: not a message's first line
            scan, at = at, None
            continue
        block = buf[end_line + 1: blank + 1] if blank >= 0 else buf[end_line + 1:]
        if not _is_header_block(block):
            yield line, None
        elif blank < 0 or blank - end_line > MAX_HEADER_BYTES:
            yield line, b""
        else:
            yield line, block
        scan = blank if block and blank >= 0 else max(end_line, at)
        at = None


def _blank_line(buf, start):
    """The index of the newline that ends the header block begun after ``start`` (a blank line), or -1.

    Looked for no further than :data:`MAX_HEADER_BYTES` past ``start``, so that finding it costs the
    header's length, not the buffer's.
    """
    match = _BLANK.search(buf, start, start + MAX_HEADER_BYTES + 2)
    return match.start() if match else -1


def _addresses(message, name):
    """[(address, display name)] of one address header (every occurrence), lower-cased addresses.

    ``email.policy.default`` parses the header; where its parser fails on a malformed value, the
    raw value is read with ``email.utils.getaddresses`` and its names decoded on their own.
    """
    found = []
    try:
        values = message.get_all(name, ())
        pairs = [(address.addr_spec, address.display_name) for value in values
                 for address in getattr(value, "addresses", ())]
    except (ValueError, TypeError, IndexError, AttributeError, LookupError, MessageError):
        raw = [value for key, value in message.raw_items() if key.lower() == name]
        pairs = [(spec, _decoded(display)) for display, spec in getaddresses([str(v) for v in raw])]
    for spec, display in pairs:
        key = email_key(spec)
        if key:
            found.append((key[6:], display))
    return found


def _decoded(text):
    try:
        return str(make_header(decode_header(text)))
    except (ValueError, TypeError, LookupError, MessageError):
        return text


def _start(message):
    try:
        raw = message.get("Date")
        if raw is None:
            return pd.NaT
        stamp = parsedate_to_datetime(str(raw))
    except (TypeError, ValueError, IndexError, OverflowError, MessageError):
        return pd.NaT
    if stamp is None:
        return pd.NaT
    try:
        stamp = pd.Timestamp(stamp)
        return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
        return pd.NaT


def _lines_note(what, counted):
    """A note: ``counted`` is [how many, the first few lines]."""
    total, lines = counted[0], counted[1:]
    shown = ", ".join(str(n) for n in lines)
    return f"{total} {what} (line{'s' if total > 1 else ''} {shown}{', …' if total > len(lines) else ''})"


def read(path):
    """Read a mailbox (``.mbox``): one occasion per message, from its headers only.

    Each message is an occasion (``kind="message"``, ``mode="online"``, ``place=""``):

    - ``start``: the ``Date`` header in UTC (NaT when missing or not a date; a note lists the lines);
    - ``size``: the distinct persons in From, To, Cc and Bcc;
    - ``direction``: ``"sent"`` when the sender is the owner, else ``"received"``;
    - ``bulk``: a ``List-Id`` or ``List-Unsubscribe`` header, ``Precedence: bulk|list|junk``,
      ``Auto-Submitted`` other than ``no``, a list-like or no-reply sender or recipient (``lists.…``,
      ``…-devel@``, ``all@``, ``no-reply@``…, which are not persons), or more than
      :data:`MAX_RECIPIENTS` recipients.

    Presence: one row per person per message, role ``from``, ``to``, ``cc`` or ``bcc`` (the first
    role when an address appears twice), status ``""``. Bcc recipients are listed (the sender chose
    them; only the sender's copy names them) but were hidden from the other recipients: they were not
    co-addressed.

    The owner (``owner["emails"]``): the most frequent sender of the messages Gmail labelled
    ``Sent`` (``X-Gmail-Labels``); without labels, the address in the most messages (From, To, Cc,
    Bcc: the owner is on nearly every message of their own mailbox), if no other is in as many.

    Every message is used or skipped with the line of its ``From `` line: labelled Spam or Draft,
    deleted in Thunderbird but not yet compacted away (``X-Mozilla-Status``), a duplicate ``Message-ID``, no sender address, a header block that cannot be read or is longer
    than :data:`MAX_HEADER_BYTES`. A ``From `` line inside a body that was not escaped as
    ``>From`` (it is not followed by a header block) does not start a message: a note lists them.
    Subjects and bodies are never read into the result.

    Parameters
    ----------
    path : pathlib.Path

    Returns
    -------
    Records
        ``kind="mail"``.

    Raises
    ------
    InputError
        A file that cannot be read or does not begin with a ``From `` line and a header block.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> mbox = (b"From 1@xxx Mon Mar 03 09:00:00 +0000 2025\\r\\nX-Gmail-Labels: Sent\\r\\n"
    ...         b"From: Maren <maren@fjordline.example>\\r\\nTo: =?UTF-8?Q?J=C3=BCrgen?= <jurgen@kestrel.example>\\r\\n"
    ...         b"Date: Mon, 03 Mar 2025 10:00:00 +0100\\r\\nSubject: private\\r\\n\\r\\nHello\\r\\n>From here\\r\\n\\r\\n"
    ...         b"From 2@xxx Tue Mar 04 09:00:00 +0000 2025\\r\\nX-Gmail-Labels: Inbox\\r\\n"
    ...         b"From: Shop <hello@shop.example>\\r\\nTo: maren@fjordline.example\\r\\nList-Unsubscribe: <x>\\r\\n"
    ...         b"Date: Tue, 04 Mar 2025 08:00:00 +0000\\r\\n\\r\\nSale\\r\\n")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "mail.mbox")
    ...     _ = path.write_bytes(mbox)
    ...     records = read(path)
    >>> records.occasions[["start", "size", "direction", "bulk", "line"]]
                          start  size direction   bulk  line
    0 2025-03-03 09:00:00+00:00     2      sent  False     1
    1 2025-03-04 08:00:00+00:00     2  received   True    11
    >>> records.people[["person", "name"]]
                            person    name
    0  email:maren@fjordline.example   Maren
    1  email:jurgen@kestrel.example  Jürgen
    2     email:hello@shop.example    Shop
    >>> records.owner
    {'emails': ('maren@fjordline.example',), 'name': 'Maren'}
    """
    path = Path(path)
    name = path.name
    check_readable_path(path, name)
    report = FileReport(name=name, encoding="headers: RFC 2047 (email.policy.default)", variant="mbox")
    parser = BytesHeaderParser(policy=default_policy)
    people = PeopleRows()
    occasions = {column: [] for column in OCCASION_COLUMNS}
    presence = {column: [] for column in PRESENCE_COLUMNS}
    senders, sent_senders, appearances, names = [], {}, {}, {}
    seen_ids, skipped, unescaped, undated, crlf = {}, [], [0], [0], None
    try:
        handle = open(path, "rb")
    except OSError as error:
        raise InputError(f"{name} cannot be read ({error.strerror or error}).") from None
    with handle:
        first = handle.read(_HEAD_BYTES)
        handle.seek(0)
        if not first.startswith(b"From ") or not _is_header_block(first[first.find(b"\n") + 1:]):
            raise InputError(f"{name} is not a mailbox: it does not begin with a 'From ' line and mail headers.")
        crlf = b"\r\n" in first[:first.find(b"\n") + 1]
        for line, block in _split(handle, _CHUNK):
            if block is None:
                unescaped[0] += 1
                if len(unescaped) <= _SHOWN_LINES:
                    unescaped.append(line)
                continue
            if not block:
                skipped.append(Skip(line, f"header block longer than {MAX_HEADER_BYTES >> 10} KiB or cut off"))
                continue
            try:
                message = parser.parsebytes(block)
                labels = str(message.get("X-Gmail-Labels", "") or "")
                reason = _reason(message, labels, seen_ids, line)
                if reason:
                    skipped.append(Skip(line, reason))
                    continue
                roles = {role: _addresses(message, role) for role in _ROLES}
                bulk = _bulk(message)
            except (ValueError, TypeError, IndexError, AttributeError, LookupError, MessageError) as error:
                skipped.append(Skip(line, f"headers cannot be read ({type(error).__name__})"))
                continue
            persons, listed = {}, False
            for role in _ROLES:
                for address, display in roles[role]:
                    if list_like(address):
                        listed = True
                        continue
                    if address not in persons:
                        persons[address] = (role, display)
            sender = next((a for a, (r, _) in persons.items() if r == "from"), "")
            if not sender and not listed:
                skipped.append(Skip(line, "no sender address (From)"))
                continue
            occasion = f"mail:{line}"
            start = _start(message)
            if pd.isna(start):
                undated[0] += 1
                if len(undated) <= _SHOWN_LINES:
                    undated.append(line)
            recipients = sum(1 for r, _ in persons.values() if r != "from")
            occasions["occasion"].append(occasion)
            occasions["start"].append(start)
            occasions["size"].append(len(persons))
            occasions["bulk"].append(bool(bulk or listed or recipients > MAX_RECIPIENTS))
            occasions["line"].append(line)
            senders.append(sender)
            if "sent" in [label.strip().lower() for label in labels.split(",")] and sender:
                sent_senders[sender] = sent_senders.get(sender, 0) + 1
            for address, (role, display) in persons.items():
                presence["occasion"].append(occasion)
                presence["person"].append("email:" + address)
                presence["role"].append(role)
                people.add("email:" + address, display, address, line)
                appearances[address] = appearances.get(address, 0) + 1
                if display and address not in names:
                    names[address] = display
    owner, rule = _owner(sent_senders, appearances)
    n = len(occasions["occasion"])
    occasions["kind"] = ["message"] * n
    occasions["mode"] = ["online"] * n
    occasions["place"] = [""] * n
    occasions["direction"] = ["sent" if owner and sender == owner else "received" for sender in senders]
    presence["status"] = [""] * len(presence["occasion"])
    records = empty_records(str(path), "mail")
    records.people = people.frame()
    records.occasions = frame(OCCASION_COLUMNS, occasions)
    records.presence = frame(PRESENCE_COLUMNS, presence)
    report.rows = n + len(skipped)
    report.used = n
    report.skipped = skipped
    report.variant = "mbox (CRLF line ends: Google Takeout)" if crlf else "mbox"
    if unescaped[0]:
        report.notes.append(_lines_note("'From ' lines inside a message body, not escaped as '>From': read as "
                                        "part of the message before, not as messages", unescaped))
    if undated[0]:
        report.notes.append(_lines_note("messages without a readable Date (start NaT)", undated))
    if owner:
        records.owner = {"emails": (owner,), "name": names.get(owner, "")}
        report.notes.append(f"owner {owner}: {rule}")
    else:
        records.notes.append("The mailbox's owner could not be told (no Sent label, and no address is on more "
                             "messages than any other): no message is marked sent.")
    records.report = ParseReport(files={name: report})
    records.notes.append(_NOTE)
    return records


def _reason(message, labels, seen_ids, line):
    """Why a message is skipped before its addresses are read ("" when it is not)."""
    names = {label.strip().lower() for label in labels.split(",")}
    if "spam" in names:
        return "labelled Spam"
    if names & {"draft", "drafts"}:
        return "a draft (labelled Draft: never sent)"
    status = str(message.get("X-Mozilla-Status", "") or "").strip()
    if re.fullmatch(r"[0-9a-fA-F]{1,4}", status) and int(status, 16) & _EXPUNGED:
        return "deleted in Thunderbird (X-Mozilla-Status), kept in the file until the folder is compacted"
    message_id = str(message.get("Message-ID", "") or "").strip()
    if message_id:
        digest = hashlib.blake2b(message_id.encode("utf-8", "surrogateescape"), digest_size=8).digest()
        first = seen_ids.setdefault(digest, line)
        if first != line:
            return f"duplicate of line {first} (same Message-ID)"
    return ""


def _bulk(message):
    if message.get("List-Id") is not None or message.get("List-Unsubscribe") is not None:
        return True
    if _BULK_PRECEDENCE.search(str(message.get("Precedence", "") or "")):
        return True
    automatic = str(message.get("Auto-Submitted", "") or "").strip().lower()
    return bool(automatic) and automatic != "no"


def _owner(sent_senders, appearances):
    """(owner address, rule): the top sender of Sent-labelled messages, else the address on the most messages."""
    for counts, rule in ((sent_senders, "the sender of the messages labelled Sent"),
                         (appearances, "the address on the most messages")):
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0], f"{rule} ({ranked[0][1]})"
    return "", ""

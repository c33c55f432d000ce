"""Machinery shared by the record sources of address books and other networks: typed tables, a file's head.

A record source builds plain rows (tuples in the order of the columns of :mod:`.tables`) and
hands them to :func:`finish_records`, which types them like :func:`.tables.empty_records`.
"""

import os
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..identity import normalize_name
from . import _archive
from ._decode import decode
from .tables import ParseReport, empty_records

__all__ = ["HEAD_BYTES", "People", "count_phrase", "finish_records", "head_text", "person_id", "read_limited",
           "typed_frame"]

HEAD_BYTES = 1 << 16  # detection reads no more of a file than this


def typed_frame(template, rows):
    """``rows`` (tuples in ``template``'s column order) as a table with ``template``'s column types."""
    if not rows:
        return template
    frame = pd.DataFrame(rows, columns=list(template.columns))
    dtypes = template.dtypes.to_dict()
    for column, dtype in dtypes.items():
        if isinstance(dtype, pd.DatetimeTZDtype):  # NaT-only or mixed columns come as objects
            frame[column] = pd.to_datetime(frame[column], utc=True).astype(dtype)
    return frame.astype(dtypes)


def head_text(path, limit=HEAD_BYTES):
    """The decoded text of a regular file's first ``limit`` bytes, or None (never raises).

    The file's suffix is not looked at: detection is by content.
    """
    try:
        path = Path(os.fspath(path))
        if not path.is_file():
            return None
        with open(path, "rb") as handle:
            data = handle.read(limit)
        return decode(data, path.name)[0]
    except (OSError, InputError, ValueError):
        return None


def read_limited(path, what, large=False):
    """A file's bytes, refused with one sentence above its limit.

    The limit is ``_archive.MAX_FILE_BYTES`` for a ``large`` file (an address book, a network's
    list of follows), else ``MAX_OTHER_FILE_BYTES``; both are read when the file is, so that a test
    lowering one patches :mod:`._archive`.
    """
    path = Path(path)
    limit = _archive.MAX_FILE_BYTES if large else _archive.MAX_OTHER_FILE_BYTES
    try:
        size = os.stat(path).st_size
    except OSError as error:
        raise InputError(f"{path.name} cannot be read ({error.strerror or error}).") from None
    if size > limit:
        raise InputError(f"{path.name} is {_size(size)}, more than the {_size(limit)} limit for {what}.")
    return _archive.read_file_bytes(path)


def _size(count):
    return f"{count / 2**20:.0f} MiB" if count >= 1 << 20 else f"{count / 2**10:.0f} KiB"


def finish_records(path, kind, file_report, people=(), occasions=(), presence=(), notes=()):
    """Records of ``kind`` for ``path``: typed tables from row tuples, the file's report, the notes."""
    records = empty_records(path, kind)
    records.people = typed_frame(records.people, list(people))
    records.occasions = typed_frame(records.occasions, list(occasions))
    records.presence = typed_frame(records.presence, list(presence))
    records.report = ParseReport(files={file_report.name: file_report})
    records.notes = list(notes)
    return records


def count_phrase(n, thing):
    """``"1 card is"`` / ``"3 cards are"``: the subject of a report note's sentence."""
    return f"{n} {thing} is" if n == 1 else f"{n} {thing}s are"


def person_id(kind, name, emails, urls):
    """A person's id in a source: ``email:<first address>``, else the first profile key, else
    ``<kind>:<normalised name>``, else ``""`` (nothing to know them by).

    Examples
    --------
    >>> person_id("address_book", "Bo Lind", ("bo@acme.example",), ())
    'email:bo@acme.example'
    >>> person_id("address_book", "Zoë Ødegaard", (), ())
    'address_book:zoe ødegaard'
    """
    if emails:
        return "email:" + emails[0]
    if urls:
        return urls[0]
    normalised = normalize_name(name)
    return f"{kind}:{normalised}" if normalised else ""


class People:
    """The people rows of an address book: a second entry for the same person is merged into the first.

    ``add`` returns True when the entry made a new row, False when it was merged (a note in
    ``report`` says so, with both lines).
    """

    def __init__(self, report, what="entry"):
        self.rows, self.index, self.report, self.what = [], {}, report, what

    def add(self, person, name, emails, urls, company, line):
        if person not in self.index:
            self.index[person] = len(self.rows)
            self.rows.append((person, name, tuple(emails), tuple(urls), company, line))
            return True
        at = self.index[person]
        old = self.rows[at]
        merged_emails = old[2] + tuple(e for e in emails if e not in old[2])
        merged_urls = old[3] + tuple(u for u in urls if u not in old[3])
        self.rows[at] = (old[0], old[1] or name, merged_emails, merged_urls, old[4] or company, old[5])
        self.report.notes.append(f"line {line}: the same person as the {self.what} at line {old[5]}; merged into it")
        return False

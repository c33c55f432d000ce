"""Machinery shared by the record sources (and by detection elsewhere: a file's head): typed tables, list addresses.

A record source builds plain rows (tuples in the order of the columns of :mod:`.tables`) and hands
them to :func:`finish_records` (or columns as lists to :func:`frame`), which type them like
:func:`.tables.empty_records`. :func:`list_like` tells a mailing list or a no-reply sender.
"""

import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .._strings import TEXT_DTYPE
from ..errors import InputError
from ..identity import normalize_name
from . import _archive
from ._decode import decode
from .tables import PEOPLE_COLUMNS, ParseReport, empty_records

__all__ = ["HEAD_BYTES", "People", "PeopleRows", "count_phrase", "finish_records", "frame", "head_bytes", "head_text",
           "list_like", "person_id", "read_limited", "typed_frame"]

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


def head_bytes(path, limit=HEAD_BYTES):
    """A regular file's first ``limit`` bytes, or None when it is not one or cannot be read (never raises).

    The file's suffix is not looked at: detection is by content.
    """
    try:
        path = Path(os.fspath(path))
        if not path.is_file():
            return None
        with open(path, "rb") as handle:
            return handle.read(limit)
    except (OSError, ValueError):
        return None


def head_text(path, limit=HEAD_BYTES):
    """The decoded text of a regular file's first ``limit`` bytes (:func:`head_bytes`), or None (never raises)."""
    data = head_bytes(path, limit)
    if data is None:
        return None
    try:
        return decode(data, Path(os.fspath(path)).name)[0]
    except (InputError, ValueError):
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


# An address that stands for a group or a machine, not a person: a mailing list, an alias of everyone, a
# no-reply sender. Matched on the lower-cased address.
_LIST_LOCAL = re.compile(
    r"^(?:all|everyone|everybody|staff|announce|announcements|newsletter|news|info|notifications?|"
    r"no-?reply|do-?not-?reply|donotreply|mailer-daemon|postmaster|bounces?)(?:[+.-].*)?$"
    r"|.*-(?:devel|dev|announce|users|discuss|list|all|bounces)$"
    r"|^(?:no-?reply|do-?not-?reply|bounce)[-_.+].*"
)
_LIST_DOMAIN = re.compile(r"^(?:lists?|mailman|groups|listserv)\.|\.lists?\.|^googlegroups\.com$")


def list_like(address):
    """Whether a lower-cased e-mail address stands for a list, an alias of everyone or a no-reply sender.

    Such an address names no one: a meeting or a message that has one never makes a tie.

    Examples
    --------
    >>> [list_like(a) for a in ("dri-devel@lists.freedesktop.org", "all@kestrel.example",
    ...                         "no-reply@accounts.example", "noreply-42@news.example",
    ...                         "team@googlegroups.com", "dana@kestrel.example", "allison@kestrel.example")]
    [True, True, True, True, True, False, False]
    """
    local, _, domain = address.rpartition("@")
    return bool(_LIST_LOCAL.match(local) or _LIST_DOMAIN.search(domain))


class PeopleRows:
    """The people of one file, one row per person key: first name seen, first line seen, e-mails."""

    def __init__(self):
        self.rows = {}

    def add(self, person, name, email, line):
        row = self.rows.get(person)
        if row is None:
            self.rows[person] = [name, (email,) if email else (), line]
        elif name and not row[0]:
            row[0] = name

    def frame(self):
        """The ``people`` table (columns :data:`~netanalysis.io.tables.PEOPLE_COLUMNS`)."""
        persons = list(self.rows)
        values = list(self.rows.values())
        return frame(PEOPLE_COLUMNS, {
            "person": persons, "name": [v[0] for v in values], "emails": [v[1] for v in values],
            "urls": [()] * len(persons), "company": [""] * len(persons), "line": [v[2] for v in values],
        })


def frame(columns, data):
    """A Records table from a dict of equal-length lists, with the column types of ``empty_records``.

    ``start`` holds UTC ``pandas.Timestamp`` values or ``NaT``; ``line`` and ``size`` integers;
    ``bulk`` booleans; ``emails`` and ``urls`` tuples; every other column text.

    Examples
    --------
    >>> from netanalysis.io.tables import PRESENCE_COLUMNS
    >>> frame(PRESENCE_COLUMNS, {"occasion": ["m1"], "person": ["email:a@b.example"], "role": ["to"],
    ...                          "status": [""]})
      occasion             person role status
    0       m1  email:a@b.example   to
    """
    out = {}
    for column in columns:
        values = data[column]
        if column in ("line", "size"):
            out[column] = pd.Series(np.asarray(values, dtype=np.int64))
        elif column == "start":
            out[column] = pd.Series(pd.to_datetime(pd.Series(values, dtype=object), utc=True),
                                    dtype="datetime64[ns, UTC]")
        elif column == "bulk":
            out[column] = pd.Series(np.asarray(values, dtype=bool))
        elif column in ("emails", "urls"):
            cells = np.empty(len(values), dtype=object)
            for i, value in enumerate(values):
                cells[i] = tuple(value)
            out[column] = pd.Series(cells, dtype=object)
        else:
            out[column] = pd.Series(values, dtype=TEXT_DTYPE)
    return pd.DataFrame(out, columns=columns)

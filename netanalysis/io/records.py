"""The user's other data as evidence: what a calendar, a mailbox, an address book or another network says.

A LinkedIn export says who the owner's contacts are; the user's other data says whom they *met*,
*wrote to* and *keep a card for*, and who was there together. Each such file is read by a
*record source*: a module with the two functions of every source (see :mod:`.registry`)

- ``detect(path) -> bool``: whether it reads ``path``, **by content** (the first bytes), never by
  name alone; cheap, never raises;
- ``read(path) -> Records``: the tables below and a report in which every item (event, message,
  card, entry) is used or skipped with its line (or item number) and reason. Bad input raises
  :class:`netanalysis.errors.InputError` with one sentence naming the file.

registered in :data:`RECORD_SOURCES`. :func:`read_source` hands a path to the first that claims it.

Privacy: a reader keeps names, addresses, profile URLs, dates, counts, an in-person flag and the
place of in-person meetings (the reason of a met-in-person suggestion); it never keeps a subject,
a body, a description, an attachment or a phone number.

The tables (columns in :data:`PEOPLE_COLUMNS`, :data:`OCCASION_COLUMNS`, :data:`PRESENCE_COLUMNS`):

``people``
    One row per person the source names. ``person`` is the source's own id for them: the
    lower-cased e-mail address (``email:<address>``, :func:`netanalysis.identity.email_key`),
    else a profile key (``linkedin.com/in/…``), else ``<kind>:<id>`` (an X account id, an
    Instagram user name, a Facebook name). ``emails`` and ``urls`` hold every address and
    LinkedIn profile key found for them (tuples, possibly empty); ``name`` and ``company`` as
    written (``""`` when absent).
``occasions``
    One row per occasion people were seen: a calendar event instance (``kind="meeting"``), a mail
    message (``"message"``), a LinkedIn event (``"event"``), a friendship or follow
    (``"friendship"``, ``"follow"``). ``start`` is a UTC timestamp (NaT when unknown); ``mode``
    is ``"in_person"``, ``"online"`` or ``"unknown"``; ``place`` the location of an in-person
    meeting (``""`` otherwise); ``size`` the number of participants, the user included;
    ``direction`` ``"sent"``/``"received"`` for mail (``""`` otherwise); ``bulk`` true for
    occasions that must never make a tie (mailing lists, newsletters, no-reply senders, meetings
    over the attendee cap, recurring series).
``presence``
    Who was at each occasion: ``occasion``, ``person``, ``role`` (``organizer``, ``attendee``,
    ``from``, ``to``, ``cc``, ``friend``, ``follower``, ``following``) and ``status`` (a calendar
    PARTSTAT in lower case: ``accepted``, ``declined``, ``tentative``, ``needs-action``; ``""``
    otherwise). The user is listed too when the source names them (see ``owner``).
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .._strings import TEXT_DTYPE
from ..errors import InputError
from ._archive import check_readable_path
from .tables import ParseReport

__all__ = [
    "OCCASION_COLUMNS",
    "PEOPLE_COLUMNS",
    "PRESENCE_COLUMNS",
    "RECORD_KINDS",
    "RECORD_SOURCES",
    "Records",
    "detect_record_source",
    "empty_records",
    "read_source",
]

#: The kinds of record source, as they appear in a tie's ``sources``.
RECORD_KINDS = ("calendar", "mail", "address_book", "linkedin_events", "facebook", "instagram", "x")

PEOPLE_COLUMNS = ["person", "name", "emails", "urls", "company", "line"]
OCCASION_COLUMNS = ["occasion", "kind", "start", "mode", "place", "size", "direction", "bulk", "line"]
PRESENCE_COLUMNS = ["occasion", "person", "role", "status"]

#: The record sources by name, asked in this order (each module: ``detect``, ``read``).
RECORD_SOURCES = {}


@dataclass(eq=False)
class Records:
    """What one of the user's other data files says (see the module's docstring for the tables).

    Attributes
    ----------
    path : str
        The file read.
    kind : str
        One of :data:`RECORD_KINDS`.
    people, occasions, presence : pandas.DataFrame
        The tables of the module's docstring.
    owner : dict
        What the file says of the user: ``emails`` (tuple of lower-cased addresses: the calendar's
        owner, the sender of mail in the Sent folder), ``name`` (``""`` when unknown).
    report : ParseReport
        Every item of every file read: used, or skipped with its line and reason.
    notes : list of str
        What the source cannot tell, in one sentence each (e.g. "X lists account ids only: …").
    """

    path: str
    kind: str
    people: pd.DataFrame
    occasions: pd.DataFrame
    presence: pd.DataFrame
    owner: dict = field(default_factory=lambda: {"emails": (), "name": ""})
    report: ParseReport = field(default_factory=ParseReport)
    notes: list = field(default_factory=list)


def _empty(columns):
    data = {}
    for column in columns:
        if column in ("line", "size"):
            data[column] = pd.Series([], dtype="int64")
        elif column == "start":
            data[column] = pd.Series(pd.DatetimeIndex([], tz="UTC"))
        elif column == "bulk":
            data[column] = pd.Series([], dtype=bool)
        elif column in ("emails", "urls"):
            data[column] = pd.Series([], dtype=object)
        else:
            data[column] = pd.Series([], dtype=TEXT_DTYPE)
    return pd.DataFrame(data)


def empty_records(path, kind):
    """Records with no rows and the right column types (a reader fills what its file has).

    Examples
    --------
    >>> records = empty_records("contacts.vcf", "address_book")
    >>> list(records.people.columns), len(records.occasions), records.owner
    (['person', 'name', 'emails', 'urls', 'company', 'line'], 0, {'emails': (), 'name': ''})
    """
    if kind not in RECORD_KINDS:
        raise ValueError(f"unknown record kind {kind!r}; one of {RECORD_KINDS}")
    return Records(path=str(path), kind=kind, people=_empty(PEOPLE_COLUMNS),
                   occasions=_empty(OCCASION_COLUMNS), presence=_empty(PRESENCE_COLUMNS))


def detect_record_source(path):
    """The name of the record source that reads ``path`` (a key of :data:`RECORD_SOURCES`), or None."""
    for name, source in RECORD_SOURCES.items():
        if source.detect(path):
            return name
    return None


def read_source(path):
    """Read one of the user's other data files (calendar, mailbox, address book, another network).

    Parameters
    ----------
    path : str or path-like

    Returns
    -------
    Records

    Raises
    ------
    InputError
        A missing path, or a file no record source recognises (one sentence naming it).

    Examples
    --------
    >>> read_source("no-such-calendar.ics")
    Traceback (most recent call last):
    ...
    netanalysis.errors.InputError: no-such-calendar.ics does not exist; give a calendar (.ics), a mailbox (.mbox), an address book (.vcf or a contacts CSV) or another network's archive file.
    """
    path = Path(os.fspath(path))
    if not path.exists():
        raise InputError(f"{path} does not exist; give a calendar (.ics), a mailbox (.mbox), an address book "
                         "(.vcf or a contacts CSV) or another network's archive file.")
    check_readable_path(path)
    name = detect_record_source(path)
    if name is None:
        raise InputError(f"{path.name or path}: no reader recognises this file; give a calendar (.ics), a "
                         "mailbox (.mbox), an address book (.vcf or a contacts CSV) or another network's file.")
    return RECORD_SOURCES[name].read(path)

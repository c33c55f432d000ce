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
from pathlib import Path

from ..errors import InputError
from . import address_csv, calendar_ics, linkedin_events, mbox, networks, vcard
from ._archive import check_readable_path

# The tables live in .tables (a reader module imports them from there, so that this module can import
# the readers it registers without an import cycle); they are re-exported here, where they are described.
from .tables import OCCASION_COLUMNS, PEOPLE_COLUMNS, PRESENCE_COLUMNS, RECORD_KINDS, Records, empty_records

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

#: The record sources by name, asked in this order (each module: ``detect``, ``read``).
RECORD_SOURCES = {
    "calendar": calendar_ics,  # .ics: BEGIN:VCALENDAR
    "mail": mbox,  # .mbox: a From_ line and a header block
    "vcard": vcard,  # address book: .vcf (2.1, 3.0, 4.0)
    "address_csv": address_csv,  # address book: Google, Outlook or LinkedIn contacts CSV
    "linkedin_events": linkedin_events,  # LinkedIn's Events.csv
    "networks": networks,  # Facebook friends, Instagram followers/following, X following/follower
}


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

"""Address books as CSV files: Google Contacts (both layouts), Outlook, and LinkedIn's ImportedContacts.csv.

Each layout is recognised by its header row, never by the file's name:

=====================  =========================================================================
layout                 the header row has
=====================  =========================================================================
Google, legacy         ``Name, Given Name, Family Name, …, E-mail 1 - Type, E-mail 1 - Value``
                       (several values in one cell joined by `` ::: ``)
Google, current        ``First Name, Middle Name, Last Name, …, E-mail 1 - Label, E-mail 1 - Value``
Outlook                ``First Name, Last Name, E-mail Address`` (and ``E-mail 2 Address``,
                       ``Company``, ``Web Page``), but none of a LinkedIn file's own columns;
                       also German (``Vorname, Nachname, E-Mail-Adresse, E-Mail 2: Adresse,
                       Firma, Webseite``)
LinkedIn contacts      ``FirstName, LastName, Emails`` (``ImportedContacts.csv`` / ``Contacts.csv``:
                       the address books the user uploaded to LinkedIn; ``Companies``,
                       ``FullName``, ``Profiles``, ``Sites`` read when present)
=====================  =========================================================================

A header with ``First Name``, ``Last Name`` and ``Email Address`` plus ``Connected On`` is
LinkedIn's Connections.csv (an export, read by :func:`netanalysis.io.read_export`), not an
address book; a plain ``name,email,company`` list is the ``contacts_csv`` export source's.

From each row: the name, every e-mail address (the strong identity key), LinkedIn profile links
among the web sites (``Website N - Value``, ``Web Page``, ``Profiles``, ``Sites``) and the company.
In LinkedIn's contacts file the column layout is known from public parsers but several values in
one cell were not seen: ``Emails``, ``Profiles`` and ``Sites`` are split at commas, semicolons,
spaces and `` ::: ``; ``Companies`` is kept whole (``null`` is empty).

Privacy: phone numbers, addresses, birthdays and notes are never read into the records (the
Records' ``notes`` count the rows with a note, which the user may turn into ``ties.csv``).
"""

import re
from pathlib import Path

from ..errors import InputError
from ..identity import email_key
from ._csvtable import match_header, read_table, records
from ._decode import decode_keeping_bytes
from ._keys import fast_profile_key
from ._recordframes import People, count_phrase, finish_records, head_text, person_id, read_limited
from ._specs import SPECS, norm_header
from .tables import FileReport, Skip

__all__ = ["KIND", "LAYOUTS", "detect", "layout_of", "read"]

KIND = "address_book"

#: The header layouts, asked in this order: canonical column -> accepted spellings (normalised).
LAYOUTS = {
    "google_legacy": {
        "display": "Google Contacts CSV (legacy layout)",
        "columns": {
            "name": ("name",), "given": ("givenname",), "additional": ("additionalname",),
            "family": ("familyname",), "email": ("email1value",), "company": ("organization1name",),
            "notes": ("notes",),
        },
        "required": ("given", "family", "email"),
    },
    "google": {
        "display": "Google Contacts CSV",
        "columns": {
            "given": ("firstname",), "additional": ("middlename",), "family": ("lastname",),
            "email": ("email1value",), "company": ("organizationname",), "notes": ("notes",),
        },
        "required": ("given", "family", "email"),
    },
    "outlook": {  # English, or German (Vorname, Nachname, E-Mail-Adresse, Firma)
        "display": "Outlook contacts CSV",
        "columns": {
            "given": ("firstname", "vorname"), "additional": ("middlename", "weiterevornamen"),
            "family": ("lastname", "nachname"), "email": ("emailaddress", "emailadresse"),
            "company": ("company", "firma"), "notes": ("notes", "notizen"),
        },
        "required": ("given", "family", "email"),
    },
    "linkedin_contacts": {
        "display": "LinkedIn ImportedContacts.csv",
        "columns": {
            "given": ("firstname",), "family": ("lastname",), "name": ("fullname",), "email": ("emails",),
            "company": ("companies",),
        },
        "required": ("given", "family", "email"),
    },
}

# Columns holding more e-mail addresses / web links, by layout (normalised header patterns).
_EMAIL_COLUMNS = {
    "google_legacy": re.compile(r"email\d+value"), "google": re.compile(r"email\d+value"),
    "outlook": re.compile(r"email(\d+)?(address|adresse)"), "linkedin_contacts": re.compile(r"emails"),
}
_LINK_COLUMNS = {
    "google_legacy": re.compile(r"website\d+value"), "google": re.compile(r"website\d+value"),
    "outlook": re.compile(r"webpage|personalwebpage|businesswebpage|webseite"),
    "linkedin_contacts": re.compile(r"profiles|sites"),
}
# LinkedIn's own files whose headers could pass for an Outlook or a contacts layout.
_LINKEDIN_FILES = ("connections", "recommendations_received", "profile", "invitations", "messages")
_JOINED = re.compile(r"\s*:::\s*")
_LIST = re.compile(r"\s*:::\s*|[,;\s]+")


def layout_of(row):
    """The name of the layout whose header ``row`` is (a key of :data:`LAYOUTS`), or None.

    Examples
    --------
    >>> layout_of(["Name", "Given Name", "Family Name", "E-mail 1 - Type", "E-mail 1 - Value"])
    'google_legacy'
    >>> layout_of(["First Name", "Last Name", "E-mail Address", "Company"])
    'outlook'
    >>> layout_of(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
    >>> layout_of(["name", "email", "company"])
    """
    if any(match_header(row, SPECS[kind]) is not None for kind in _LINKEDIN_FILES):
        return None
    for name, spec in LAYOUTS.items():
        if match_header(row, spec) is not None:
            return name
    return None


def _header(text):
    """(layout, delimiter) of the text's first record, or None."""
    for delimiter in (",", ";", "\t"):
        for _start, _end, row in records(text, delimiter, limit=1):
            if isinstance(row, list):
                layout = layout_of(row)
                if layout:
                    return layout, delimiter
    return None


def detect(path):
    """Whether ``path`` is an address book CSV: its first line is one of the headers of :data:`LAYOUTS`.

    Reads at most the first 64 KiB; the file's name is not looked at.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     outlook = pathlib.Path(folder, "export.txt")
    ...     _ = outlook.write_text("First Name,Last Name,E-mail Address\\nBo,Lind,bo@acme.example\\n")
    ...     plain = pathlib.Path(folder, "contacts.csv")
    ...     _ = plain.write_text("name,email,company\\nBo Lind,bo@acme.example,Acme\\n")
    ...     detect(outlook), detect(plain)
    (True, False)
    """
    text = head_text(path)
    return text is not None and _header(text) is not None


def _split(cell, pattern):
    return [part for part in pattern.split(cell.strip()) if part]


def _join_name(*parts):
    return " ".join(" ".join(parts).split())


def read(path):
    """Read an address book CSV (Google, Outlook, LinkedIn contacts): Records with its people.

    Parameters
    ----------
    path : str or path-like
        An existing file (:func:`netanalysis.io.records.read_source` checks it).

    Returns
    -------
    Records
        ``kind="address_book"``; ``people`` keyed by their first e-mail address, else their first
        LinkedIn profile key, else ``address_book:<normalised name>``; no occasions. Every row is
        used or skipped with its line and reason in ``report`` (an empty row, a row with neither a
        name, an address nor a LinkedIn link); a second row for the same person is merged into the
        first (a note says so).

    Raises
    ------
    InputError
        An empty, binary or oversized file, or one whose first line is none of the layouts.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> text = ("Name,Given Name,Additional Name,Family Name,Notes,E-mail 1 - Type,E-mail 1 - Value,"
    ...         "Phone 1 - Type,Phone 1 - Value,Organization 1 - Name,Website 1 - Type,Website 1 - Value\\n"
    ...         "Dana Whitfield,Dana,,Whitfield,,* Work ::: Home,dana@kestrel.example ::: dw@mail.example,"
    ...         "Mobile,+1 555 0100,Kestrel Robotics,Profile,https://www.linkedin.com/in/dana-whitfield\\n"
    ...         ",,,,,,,Mobile,+1 555 0101,,,\\n")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "google.csv")
    ...     _ = path.write_text(text, encoding="utf-8")
    ...     records = read(path)
    >>> records.people[["person", "name", "company", "line"]]
                            person            name           company  line
    0  email:dana@kestrel.example  Dana Whitfield  Kestrel Robotics     2
    >>> records.people.loc[0, "emails"], records.people.loc[0, "urls"]
    (('dana@kestrel.example', 'dw@mail.example'), ('linkedin.com/in/dana-whitfield',))
    >>> records.report.files["google.csv"].skipped
    [Skip(line=3, reason='no name, e-mail address or LinkedIn link (only a phone number or an address?)')]
    """
    path = Path(path)
    name = path.name
    data = read_limited(path, "an address book CSV")
    text, encoding, decode_notes, raw = decode_keeping_bytes(data, name)
    found = _header(text)
    if found is None:
        raise InputError(f"{name}: the first line is not the header of a Google, Outlook or LinkedIn contacts "
                         "CSV file; export the address book again as CSV.")
    layout, _delimiter = found
    spec = LAYOUTS[layout]
    report = FileReport(name=name, encoding=encoding)
    report.notes.extend(decode_notes)
    table = read_table(text, name, spec, report, raw)
    report.variant = f"{spec['display']}, {len(table.header)} columns"
    header = [norm_header(cell) for cell in table.header]
    email_columns = [i for i, cell in enumerate(header) if _EMAIL_COLUMNS[layout].fullmatch(cell)]
    link_columns = [i for i, cell in enumerate(header) if _LINK_COLUMNS[layout].fullmatch(cell)]
    columns = table.columns
    splitter = _LIST if layout == "linkedin_contacts" else _JOINED
    people = People(report, "row")
    skipped, used, with_notes, bad_emails = list(table.skipped), 0, 0, 0
    for i, line in enumerate(table.lines):
        row = table.row(i)

        def cell(column, row=row):
            return row[columns[column]].strip() if column in columns else ""

        if not any(value.strip() for value in row):
            skipped.append(Skip(line, "empty row"))
            continue
        emails = []
        for index in email_columns:
            for value in _split(row[index], splitter):
                key = email_key(value)
                if not key:
                    bad_emails += 1
                elif key[6:] not in emails:
                    emails.append(key[6:])
        urls = []
        for index in link_columns:
            for value in _split(row[index], _LIST):
                key = fast_profile_key(value)
                if key and key not in urls:
                    urls.append(key)
        full = " ".join(cell("name").split()) or _join_name(cell("given"), cell("additional"), cell("family"))
        company = next(iter(_split(cell("company"), _JOINED)), "")
        if company.lower() == "null":
            company = ""
        person = person_id(KIND, full, emails, urls)
        if not person:
            skipped.append(Skip(line, "no name, e-mail address or LinkedIn link (only a phone number or an "
                                      "address?)"))
            continue
        used += 1
        with_notes += bool(cell("notes"))
        people.add(person, full, emails, urls, company, line)
    report.rows, report.used, report.skipped = used + len(skipped), used, sorted(skipped, key=lambda s: s.line)
    if bad_emails:
        report.notes.append(f"{count_phrase(bad_emails, 'e-mail value')} not an address: not kept")
    notes = ["An address book says whom the user keeps a card for; it says nothing of whom they met or who "
             "knows whom."]
    if with_notes:
        notes.append(f"Rows with a note: {with_notes}; notes are never read (free text): declare whom you met "
                     "in person in ties.csv.")
    return finish_records(path, KIND, report, people=people.rows, notes=notes)

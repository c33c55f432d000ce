"""An example source: a plain ``name,email,company`` contacts CSV, people keyed by e-mail address.

An address list saved from a spreadsheet or a mail client: a header row on the first line with
a ``name`` and an ``email`` column (``company`` optional), one person per row. A person is keyed
by their e-mail address (:func:`netanalysis.identity.email_key`, ``key_source="email"``), else by
name and company (``key_source="name"``). The file has no owner in it: the export's owner is
``owner:<file stem>`` (``identified_by="unknown"``), as for a lone Connections.csv.
"""

import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..identity import email_key, key_source_of, name_key
from ._archive import check_file_size, read_file_bytes
from ._csvtable import match_header, read_table, records, text_column
from ._decode import decode_keeping_bytes
from ._recordframes import head_text
from ._rows import finish_report, kept_frame
from .tables import CONTACT_COLUMNS, Export, FileReport, ParseReport

__all__ = ["SPEC", "detect", "read"]

#: The header: canonical column -> accepted spellings (lower-case letters and digits only).
SPEC = {
    "display": "contacts CSV (name,email,company)",
    "columns": {
        "name": ("name", "fullname"),
        "email": ("email", "emailaddress", "mail"),
        "company": ("company", "organisation", "organization"),
    },
    "required": ("name", "email"),
}

_HEAD_BYTES = 1 << 16  # detection reads no more of a file than this


def detect(path):
    """Whether ``path`` is a contacts CSV: a ``.csv`` file whose first line has name and email columns.

    Reads at most the first 64 KiB; a file it cannot read or decode is not one (the next source
    says why).
    """
    text = head_text(path, _HEAD_BYTES) if path.suffix.lower() == ".csv" else None
    if text is None:
        return False
    for delimiter in (",", ";", "\t"):
        for _start, _end, row in records(text, delimiter, limit=1):
            if isinstance(row, list) and match_header(row, SPEC) is not None:
                return True
    return False


def read(path):
    """Read a contacts CSV: an Export whose ``contacts`` are the file's people.

    Every row is used or skipped with its line and reason: an empty row, an e-mail value that is
    not an address, a row with neither name nor e-mail, a second row for the same person.

    Parameters
    ----------
    path : pathlib.Path
        An existing file (``read_export`` checks it and calls this function).

    Returns
    -------
    Export
        ``contacts`` with the columns of every export (``first_name``, ``last_name``, ``url``,
        ``position`` empty; ``connected_on`` NaT); the other tables empty.

    Raises
    ------
    InputError
        An empty or binary file, or one without the header.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from netanalysis.io import read_export
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "contacts.csv")
    ...     _ = path.write_text("name,email,company\\n"
    ...                         "Dana Whitfield,Dana@Kestrel.example,Kestrel Robotics\\n"
    ...                         "Priya Raman,,Northbeam\\n"
    ...                         "Bo Lind,bo at acme,Acme\\n", encoding="utf-8")
    ...     export = read_export(path)
    >>> export.contacts[["key", "key_source", "name", "line"]]
                             key key_source            name  line
    0  email:dana@kestrel.example      email  Dana Whitfield     2
    1      name:priya raman|northbeam       name     Priya Raman     3
    >>> export.report.files["contacts.csv"].skipped
    [Skip(line=4, reason="e-mail 'bo at acme' is not an address")]
    """
    path = Path(path)
    name = path.name
    file_report = FileReport(name=name)
    data = read_file_bytes(path)
    check_file_size("contacts", name, len(data))
    text, encoding, notes, raw = decode_keeping_bytes(data, name)
    file_report.encoding = encoding
    file_report.notes.extend(notes)
    table = read_table(text, name, SPEC, file_report, raw)
    file_report.variant = f"{len(table.header)} columns"
    names, emails = text_column(table, "name"), text_column(table, "email")
    companies = text_column(table, "company")
    keys, reasons, first_line = [], [], {}
    for person, email, company, line in zip(names, emails, companies, table.lines, strict=True):
        key = email_key(email) or (name_key(person, company) if person and not email else "")
        if not (person or email or company):
            reason = "empty row"
        elif email and not key:
            reason = f"e-mail '{email}' is not an address"
        elif not key:
            reason = "no name and no e-mail"
        elif first_line.setdefault(key, line) != line:
            reason = f"duplicate of line {first_line[key]}"
        else:
            reason = ""
        keys.append(key)
        reasons.append(reason)
    used = [not reason for reason in reasons]
    finish_report(file_report, table, used, reasons)
    n = table.n
    contacts = kept_frame({
        "key": keys, "key_source": [key_source_of(key) for key in keys], "name": names,
        "first_name": [""] * n, "last_name": [""] * n, "url": [""] * n, "email": emails,
        "company": companies, "position": [""] * n,
        "connected_on": pd.Series(np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")),
        "line": np.array(table.lines, dtype=np.int64),
    }, np.flatnonzero(used), CONTACT_COLUMNS)
    report = ParseReport(files={name: file_report})
    stem = re.sub(r"\.csv$", "", name, flags=re.I)
    owner = {"key": f"owner:{stem}", "name": "", "url": "", "identified_by": "unknown"}
    return Export(path=str(path), owner=owner, contacts=contacts, report=report)

"""The reader seam: ``read_export`` hands a path to the first registered source that recognises it.

A source is a module with two functions:

- ``detect(path) -> bool``: whether it reads ``path`` (an existing path). Cheap and safe: the
  name, the first bytes of a file; it never raises.
- ``read(path) -> Export``: the common tables (``contacts``: people with their ``key`` and
  ``key_source``; ties with their evidence and dated interactions where the source has them),
  the ``owner`` and a ``report`` in which every row is used or skipped with its line and reason.
  Bad input raises :class:`netanalysis.errors.InputError` with one sentence naming the file.

Adding a source is one module and one line in :data:`SOURCES` (see ``docs/architecture.md``, *Adding a source*).
"""

import os
from pathlib import Path

from .._strings import python_strings
from ..errors import InputError
from . import contacts_csv, linkedin
from ._archive import check_readable_path

__all__ = ["SOURCES", "detect_source", "read_export"]

#: The sources by name, asked in this order: the first whose ``detect(path)`` is true reads the path.
SOURCES = {
    "contacts_csv": contacts_csv,  # a plain name,email,company address list
    "linkedin": linkedin,  # last: it reads whatever no other source claims
}


def _existing(path):
    path = Path(os.fspath(path))
    if not path.exists():
        raise InputError(f"{path} does not exist; give the export zip, its folder or Connections.csv.")
    check_readable_path(path)  # a device or a FIFO would be read without end
    return path


def detect_source(path):
    """The name of the registered source that reads ``path`` (a key of :data:`SOURCES`).

    Parameters
    ----------
    path : str or path-like

    Returns
    -------
    str

    Raises
    ------
    InputError
        If ``path`` does not exist.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     contacts = pathlib.Path(folder, "contacts.csv")
    ...     _ = contacts.write_text("name,email,company\\nDana Whitfield,dana@kestrel.example,Kestrel\\n")
    ...     connections = pathlib.Path(folder, "Connections.csv")
    ...     _ = connections.write_text("First Name,Last Name,Connected On\\nBo,Lind,03 Jun 2026\\n")
    ...     detect_source(contacts), detect_source(connections)
    ('contacts_csv', 'linkedin')
    """
    path = _existing(path)
    for name, source in SOURCES.items():
        if source.detect(path):
            return name
    raise InputError(f"{path.name or path}: no reader recognises this file; give a LinkedIn export.")


@python_strings
def read_export(path):
    """Read a data export: a LinkedIn export (zip, folder or Connections.csv), or another source's file.

    The path goes to the first source of :data:`netanalysis.io.registry.SOURCES` that recognises
    it: a plain ``name,email,company`` contacts CSV (:mod:`netanalysis.io.contacts_csv`, people
    keyed by e-mail address, else name and company), else LinkedIn's reader, described below.

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
        it unzips to, a folder holding just that zip, or a ``Connections.csv`` file; or a file
        another registered source reads.

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
    path = _existing(path)
    return SOURCES[detect_source(path)].read(path)

"""Readers: data exports through one registry of sources, and the user's annotation files (ties.csv, knows.csv).

Every reader accounts for every data row: a row is either used or reported as skipped with its
physical line number and a reason (``rows == used + len(skipped)``). Bad input the user can fix
raises :class:`netanalysis.errors.InputError` with one sentence naming the file (and line).

Modules: ``registry`` (``read_export`` and the table of sources), one module per source
(``linkedin``, ``contacts_csv``); ``records`` (the user's other data: calendar, mail, address
book, other networks, through ``RECORD_SOURCES``), ``annotation_files`` (ties.csv, knows.csv), ``tables`` (what
readers return); shared machinery in private modules: ``_archive`` (zip and folder containers),
``_decode`` (bytes to text), ``_csvtable`` (CSV to a table), ``_dates``, ``_keys`` (person keys
for whole columns), ``_rows`` (row accounting), ``_specs`` (header specifications),
``_linkedin_files`` (one reader per LinkedIn file), ``_parallel`` (``read_exports``).
"""

# The limits, for reading. They are read where they are defined (``_archive``, ``_csvtable``):
# a change made here would not be seen.
from ._archive import MAX_DIRECTORY_BYTES as MAX_DIRECTORY_BYTES
from ._archive import MAX_ENTRIES as MAX_ENTRIES
from ._archive import MAX_FILE_BYTES as MAX_FILE_BYTES
from ._archive import MAX_OTHER_FILE_BYTES as MAX_OTHER_FILE_BYTES
from ._archive import MAX_READ_BYTES as MAX_READ_BYTES
from ._archive import MAX_UNCOMPRESSED_BYTES as MAX_UNCOMPRESSED_BYTES
from ._csvtable import MAX_FIELD_BYTES as MAX_FIELD_BYTES
from ._csvtable import MAX_LINE_CHARS as MAX_LINE_CHARS
from ._csvtable import MAX_ROWS as MAX_ROWS
from ._parallel import PARALLEL_MIN_EXPORTS as PARALLEL_MIN_EXPORTS
from ._parallel import read_exports
from .annotation_files import read_knows, read_ties
from .linkedin import set_owner_name, set_owner_url
from .registry import read_export
from .tables import Export, FileReport, Knows, ParseReport, Records, Skip, Ties

__all__ = [
    "Export",
    "FileReport",
    "Knows",
    "ParseReport",
    "Records",
    "Skip",
    "Ties",
    "read_export",
    "read_exports",
    "read_knows",
    "read_source",
    "read_ties",
    "set_owner_name",
    "set_owner_url",
]


def __getattr__(name):
    # The record sources (and the mail parser they need) load on first use: reading an export,
    # what every command does, never imports them.
    if name == "read_source":
        from .records import read_source

        return read_source
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

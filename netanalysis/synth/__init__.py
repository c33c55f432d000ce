"""Deterministic synthetic LinkedIn exports: a seeded world of fictional people, written byte-exact.

A *world* is a population of invented people (French/Québec and English names) grouped in planted
communities (a sector in a city), working for invented companies. Some of them are *owners*: they
"export their data". Each owner's ties are sampled mostly inside their own circles, weighted by a
heavy-tailed popularity so that owners of the same community share many contacts; a tie between two
owners appears in both owners' ``Connections.csv``. Merging a cohort's exports therefore shows the
planted communities. Every tie carries a truth: met in person or online only. In-person ties are
messaged more, for longer and more recently, are endorsed and recommended more often.

Files follow ``shared/knowledge/linkedin-export.md`` byte for byte (the ``Notes:`` preamble, header
variants, date shapes, minimal quoting, no final newline in ``Connections.csv``…). The same seed
always gives the same bytes, zip archives included (fixed entry timestamps).

Modules: ``world`` (personas, people, companies, ties: :func:`make_world`), ``linkedin`` (one
owner's export files and archive: :func:`write_export`), ``truth`` (answer keys, ties.csv and
knows.csv), ``sample`` (the committed sample, personas and benchmark worlds), ``sources`` (an owner's
calendar, mailbox and address book with their answer key: :func:`write_sources`); ``_vocabulary`` and
``_formats`` hold the words and the date and CSV spelling they share, ``_source_formats`` the spelling
of calendars, mail and vCards.

Every person, company, school and event here is fictional.
"""

# VARIANTS is reachable as synth.VARIANTS (write_export's formats) but, as before, not a top-level name.
from .linkedin import CONNECTIONS_PREAMBLE, VARIANTS, export_files, write_export  # noqa: F401
from .sample import sample_world, write_persona, write_sample, write_world
from .snapshots import SNAPSHOT_CHANGES, write_snapshots
from .sources import SOURCE_FILES, source_files, source_truth, write_sources
from .truth import answer_key, knows_table, ties_table, write_knows_file, write_ties_file
from .world import PERSONAS, World, make_world

__all__ = [
    "CONNECTIONS_PREAMBLE",
    "PERSONAS",
    "SNAPSHOT_CHANGES",
    "SOURCE_FILES",
    "World",
    "answer_key",
    "export_files",
    "knows_table",
    "make_world",
    "sample_world",
    "source_files",
    "source_truth",
    "ties_table",
    "write_export",
    "write_knows_file",
    "write_persona",
    "write_sample",
    "write_snapshots",
    "write_sources",
    "write_ties_file",
    "write_world",
]

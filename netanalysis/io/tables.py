"""The tables every reader returns: Export, Ties, Knows, their columns, and the parse reports."""

from dataclasses import dataclass, field

import pandas as pd

from .._strings import TEXT_DTYPE

__all__ = [
    "CONTACT_COLUMNS",
    "EDUCATION_COLUMNS",
    "ENDORSEMENT_COLUMNS",
    "INVITATION_COLUMNS",
    "KNOWS_COLUMNS",
    "MESSAGE_COLUMNS",
    "OCCASION_COLUMNS",
    "PEOPLE_COLUMNS",
    "POSITION_COLUMNS",
    "PRESENCE_COLUMNS",
    "RECOMMENDATION_COLUMNS",
    "RECORD_KINDS",
    "TIES_COLUMNS",
    "Export",
    "FileReport",
    "Knows",
    "ParseReport",
    "Records",
    "Skip",
    "Ties",
    "empty_frame",
    "empty_records",
]

# ---------------------------------------------------------------------------------------------
# Reports


@dataclass(frozen=True)
class Skip:
    """A data row that was not used: its physical 1-based line number and why."""

    line: int
    reason: str


@dataclass
class FileReport:
    """What happened to one file: data rows read, used and skipped, and how it was decoded.

    ``rows`` counts data rows (the header and any preamble excluded, blank lines ignored);
    the invariant ``rows == used + len(skipped)`` always holds. ``notes`` lists file-level
    remarks (NUL bytes removed, dates not understood, URN values instead of URLs…).
    """

    name: str
    rows: int = 0
    used: int = 0
    skipped: list = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    variant: str = ""
    notes: list = field(default_factory=list)

    def to_dict(self):
        """Plain-data form (JSON-ready)."""
        return {
            "rows": self.rows,
            "used": self.used,
            "skipped": [{"line": s.line, "reason": s.reason} for s in self.skipped],
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "variant": self.variant,
            "notes": list(self.notes),
        }


@dataclass
class ParseReport:
    """Reports for every file read from one export, plus the files that were not used."""

    files: dict = field(default_factory=dict)
    ignored_files: list = field(default_factory=list)
    hidden_members: int = 0

    def to_dict(self):
        """Plain-data form (JSON-ready)."""
        return {
            "files": {name: report.to_dict() for name, report in self.files.items()},
            "hidden_members": self.hidden_members,
            "ignored_files": list(self.ignored_files),
        }


# ---------------------------------------------------------------------------------------------
# Result containers

CONTACT_COLUMNS = ["key", "key_source", "name", "first_name", "last_name", "url", "email", "company",
                   "position", "connected_on", "line"]
MESSAGE_COLUMNS = ["conversation_id", "conversation_title", "date", "sender_name", "sender_key",
                   "recipient_names", "recipient_keys", "subject", "content", "folder", "line"]
INVITATION_COLUMNS = ["from_name", "to_name", "sent_at", "message", "direction", "inviter_key",
                      "invitee_key", "line"]
ENDORSEMENT_COLUMNS = ["date", "skill", "name", "key", "status", "line"]
RECOMMENDATION_COLUMNS = ["name", "company", "job_title", "text", "created_at", "status", "key", "line"]
POSITION_COLUMNS = ["company", "title", "description", "location", "started_on", "finished_on", "line"]
EDUCATION_COLUMNS = ["school", "started_on", "finished_on", "degree", "activities", "line"]
TIES_COLUMNS = ["key", "url", "name", "company", "met", "where_met", "when_met", "last_contact", "notes",
                "line"]
KNOWS_COLUMNS = ["a", "b", "met", "note", "line"]

_DATE_COLUMNS = {"connected_on", "date", "sent_at", "created_at", "started_on", "finished_on",
                 "last_contact"}
_UTC_COLUMNS = {("messages", "date"), ("endorsements", "date")}


def empty_frame(columns, kind=""):
    """An empty table with the right column types (built once per shape, then copied).

    ``kind`` names the table when it decides a column's type: the ``date`` of ``"messages"`` and
    ``"endorsements"`` is UTC.
    """
    key = (tuple(columns), kind)
    if key not in _EMPTY_FRAMES:
        _EMPTY_FRAMES[key] = _buildempty_frame(columns, kind)
    return _EMPTY_FRAMES[key].copy()


_EMPTY_FRAMES = {}


def _buildempty_frame(columns, kind):
    data = {}
    for column in columns:
        if column == "line":
            data[column] = pd.Series([], dtype="int64")
        elif column in _DATE_COLUMNS:
            tz = "UTC" if (kind, column) in _UTC_COLUMNS else None
            data[column] = pd.Series(pd.DatetimeIndex([], tz=tz))
        elif column in ("recipient_names", "recipient_keys"):
            data[column] = pd.Series([], dtype=object)
        else:
            data[column] = pd.Series([], dtype=TEXT_DTYPE)
    return pd.DataFrame(data)


@dataclass(eq=False)
class Export:
    """One export as tidy tables: a person's LinkedIn export, or another source's file.

    Every source fills ``contacts`` (people with their keys and how they are keyed), its
    ``report`` and ``owner``; the other tables stay empty when the source has none of them.

    Attributes
    ----------
    path : str
        What was read (zip, folder or Connections.csv; another source's file).
    owner : dict
        ``key``, ``name``, ``url``, ``identified_by`` (``messages``, ``invitations``, ``profile``,
        ``given`` or ``unknown``).
    contacts, messages, invitations, endorsements_received, endorsements_given,
    recommendations_received, recommendations_given, positions, education : pandas.DataFrame
        See ``docs/architecture.md``; empty with the right columns when the file is absent.
    profile : dict
        The owner's Profile.csv row with snake_case keys (empty when absent).
    report : ParseReport
        What happened to every row of every file.
    export_date : datetime.date or None
        The date in the archive or folder name (``…_MM-DD-YYYY``), if any.
    """

    path: str
    owner: dict
    contacts: pd.DataFrame
    messages: pd.DataFrame = field(default_factory=lambda: empty_frame(MESSAGE_COLUMNS, "messages"))
    invitations: pd.DataFrame = field(default_factory=lambda: empty_frame(INVITATION_COLUMNS))
    endorsements_received: pd.DataFrame = field(
        default_factory=lambda: empty_frame(ENDORSEMENT_COLUMNS, "endorsements"))
    endorsements_given: pd.DataFrame = field(
        default_factory=lambda: empty_frame(ENDORSEMENT_COLUMNS, "endorsements"))
    recommendations_received: pd.DataFrame = field(
        default_factory=lambda: empty_frame(RECOMMENDATION_COLUMNS))
    recommendations_given: pd.DataFrame = field(default_factory=lambda: empty_frame(RECOMMENDATION_COLUMNS))
    positions: pd.DataFrame = field(default_factory=lambda: empty_frame(POSITION_COLUMNS))
    education: pd.DataFrame = field(default_factory=lambda: empty_frame(EDUCATION_COLUMNS))
    profile: dict = field(default_factory=dict)
    report: ParseReport = field(default_factory=ParseReport)
    export_date: object = None


@dataclass(eq=False)
class Ties:
    """The user's ties.csv: one row per annotated contact (``table``) and its ``report``."""

    table: pd.DataFrame
    report: FileReport


@dataclass(eq=False)
class Knows:
    """The user's knows.csv: one row per declared pair (``table``) and its ``report``."""

    table: pd.DataFrame
    report: FileReport


# ---------------------------------------------------------------------------------------------
# The user's other data (calendar, mail, address book, other networks): see :mod:`.records`

#: The kinds of record source, as they appear in a tie's ``sources``.
RECORD_KINDS = ("calendar", "mail", "address_book", "linkedin_events", "facebook", "instagram", "x")

PEOPLE_COLUMNS = ["person", "name", "emails", "urls", "company", "line"]
OCCASION_COLUMNS = ["occasion", "kind", "start", "mode", "place", "size", "direction", "bulk", "line"]
PRESENCE_COLUMNS = ["occasion", "person", "role", "status"]


@dataclass(eq=False)
class Records:
    """What one of the user's other data files says (the tables are described in :mod:`netanalysis.io.records`).

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
        elif column == "start":  # nanoseconds in every pandas: every reader's tables concatenate alike
            data[column] = pd.Series(pd.DatetimeIndex([], tz="UTC"), dtype="datetime64[ns, UTC]")
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

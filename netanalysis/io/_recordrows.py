"""Rows of the Records tables built from plain lists, and the addresses that name no one (lists, no-reply).

Shared by the record sources that read addresses (:mod:`.calendar_ics`, :mod:`.mbox`).
"""

import re

import numpy as np
import pandas as pd

from .._strings import TEXT_DTYPE
from .tables import PEOPLE_COLUMNS

__all__ = ["PeopleRows", "frame", "list_like"]

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

"""The ``ties.csv`` template: one row per contact for the user to say who they met in person.

A LinkedIn export cannot say whether a tie was met face to face; only the user knows. The
template lists every contact with a ``met`` column to fill in, and puts first the contacts that a
rule suggests were met in person, with the reason, so that the user's time goes where it counts.
Suggestions are never treated as answers: the graph reads only what the user wrote in ``met``.
"""

import re

import pandas as pd

from ._messages import message_counts
from .identity import normalize_company, normalize_name

__all__ = ["MET_PHRASES", "TIES_COLUMNS", "suggest_met", "ties_template"]

#: Columns of ``ties.csv``, in order.
TIES_COLUMNS = [
    "key", "name", "company", "position", "connected_on", "met", "where_met", "when_met",
    "last_contact", "notes", "suggested", "suggested_reason",
]

#: Invitation-note phrases (English and French) that say two people met in person.
MET_PHRASES = re.compile(
    r"\b(we met|met you|nice meeting|great meeting|good meeting|pleasure meeting|lovely meeting|"
    r"met at|meeting you|on s'est (?:rencontr|crois|vu)\w*|rencontr[ée]e?s? (?:à|au|lors)|"
    r"(?:plaisir|ravie?) de (?:t'|vous )?(?:avoir )?rencontr\w*|suite à notre rencontre|"
    r"(?:croisé|vu)e?s? (?:à|au|lors))",
    re.IGNORECASE,
)

#: Rules in the order of how much they say about meeting in person.
_RULES = {
    "invitation_message": 0,
    "recommendation": 1,
    "shared_employer": 2,
    "many_messages": 3,
}


def _message_counts(export):
    """Messages exchanged between the owner and each person (the graph's own count, as a Series)."""
    counts, _ = message_counts(export, export.owner.get("key", ""))
    return pd.Series(counts, dtype="int64")


def suggest_met(export, *, many_messages=10, counts=None):
    """Contacts that a rule suggests the owner met in person, with the rule and a reason.

    Rules, strongest first:

    - ``invitation_message``: an invitation note says so ("we met at…", "ravi de vous avoir
      rencontré…").
    - ``recommendation``: a recommendation was given or received (people recommend those they
      worked with).
    - ``shared_employer``: the contact's current company is one the owner worked at
      (Positions.csv).
    - ``many_messages``: at least ``many_messages`` messages were exchanged.

    Parameters
    ----------
    export : Export
        From :func:`netanalysis.io.read_export`.
    many_messages : int
        Message count from which the ``many_messages`` rule fires.
    counts : pandas.Series, optional
        Messages exchanged per contact key, when the caller has already counted them.

    Returns
    -------
    pandas.DataFrame
        One row per suggested contact (the strongest rule wins): ``key, suggested, rule, reason``.
        ``suggested`` is ``in_person``.

    Examples
    --------
    >>> import pandas as pd
    >>> from netanalysis.io import Export
    >>> contacts = pd.DataFrame({"key": ["linkedin.com/in/bo"], "key_source": "url", "name": ["Bo"],
    ...                          "company": ["Acme"], "position": [""], "connected_on": [pd.NaT]})
    >>> invitations = pd.DataFrame({"from_name": ["Bo"], "to_name": ["Al"], "sent_at": [pd.NaT],
    ...     "message": ["Great meeting you at the meetup!"], "direction": ["INCOMING"],
    ...     "inviter_key": ["linkedin.com/in/bo"], "invitee_key": ["linkedin.com/in/al"], "line": [2]})
    >>> ex = Export(path="x", owner={"key": "linkedin.com/in/al", "name": "Al"}, contacts=contacts,
    ...             invitations=invitations)
    >>> suggest_met(ex)[["key", "rule"]].to_dict("records")
    [{'key': 'linkedin.com/in/bo', 'rule': 'invitation_message'}]
    """
    owner = export.owner.get("key", "")
    contacts = export.contacts
    known = set(contacts["key"])
    rows = []

    invitations = export.invitations
    if invitations is not None and len(invitations):
        for inv in invitations.itertuples(index=False):
            message = inv.message if isinstance(inv.message, str) else ""
            other = inv.invitee_key if inv.inviter_key == owner else inv.inviter_key
            if not isinstance(other, str) or other not in known or not MET_PHRASES.search(message):
                continue
            snippet = message if len(message) <= 80 else message[:77] + "…"
            rows.append((other, "invitation_message", f'invitation note: "{snippet}"'))

    name_to_key = {}
    for row in contacts.itertuples(index=False):
        name_to_key.setdefault(_plain(row.name), set()).add(row.key)
    for frame, direction in ((export.recommendations_received, "received a recommendation from"),
                             (export.recommendations_given, "wrote a recommendation for")):
        if frame is None or len(frame) == 0:
            continue
        for rec in frame.itertuples(index=False):
            keys = name_to_key.get(_plain(rec.name), set())
            if len(keys) == 1:
                rows.append((next(iter(keys)), "recommendation", f"you {direction} them"))

    positions = export.positions
    if positions is not None and len(positions):
        employers = {normalize_company(c): c for c in positions["company"] if isinstance(c, str) and c.strip()}
        for row in contacts.itertuples(index=False):
            company = normalize_company(row.company)
            if company and company in employers:
                rows.append((row.key, "shared_employer", f"you worked at {employers[company]} too"))

    counts = _message_counts(export) if counts is None else counts
    for key, count in counts[counts >= many_messages].items():
        if key in known:
            rows.append((key, "many_messages", f"{int(count)} messages exchanged"))

    frame = pd.DataFrame(rows, columns=["key", "rule", "reason"])
    frame["rank"] = frame["rule"].map(_RULES)
    frame = frame.sort_values(["rank", "key"], kind="stable").drop_duplicates("key")
    frame.insert(1, "suggested", "in_person")
    return frame.drop(columns="rank").sort_values("key").reset_index(drop=True)


def _plain(name):
    return normalize_name(name)


def ties_template(export, *, recorded=None):
    """The ``ties.csv`` template for an export: one row per contact, likely in-person ties first.

    Parameters
    ----------
    export : Export
        From :func:`netanalysis.io.read_export`.
    recorded : pandas.DataFrame, optional
        Met-in-person suggestions from the user's calendar (:func:`netanalysis.recorded.met_suggestions`:
        ``key``, ``reason``, ``meetings``): these contacts come first, most meetings first, with
        their reason ("meeting at Café Central, 12 Mar 2025 — 3 attendees"), before the rules'.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TIES_COLUMNS`. ``met`` is blank for the user to fill in (``in person`` or
        ``online``; ``yes``/``no``, ``oui``/``non``, ``x`` also work). Rows with a suggestion come
        first (strongest rule first), then by messages exchanged, then newest connection first.
        Write it with :func:`netanalysis.safefiles.write_csv` (``bom=True`` so Excel reads accents).

    Examples
    --------
    >>> import pandas as pd
    >>> from netanalysis.io import Export
    >>> contacts = pd.DataFrame({"key": ["linkedin.com/in/bo", "linkedin.com/in/cy"], "key_source": "url",
    ...     "name": ["Bo", "Cy"], "company": ["Acme", "Initech"], "position": ["", ""],
    ...     "connected_on": pd.to_datetime(["2020-01-01", "2024-01-01"])})
    >>> positions = pd.DataFrame({"company": ["Initech"], "title": ["Analyst"], "description": [""],
    ...     "location": [""], "started_on": [pd.Timestamp("2019-01-01")], "finished_on": [pd.NaT], "line": [2]})
    >>> ex = Export(path="x", owner={"key": "linkedin.com/in/al", "name": "Al"}, contacts=contacts,
    ...             positions=positions)
    >>> ties_template(ex)[["name", "met", "suggested", "suggested_reason"]]
      name met  suggested   suggested_reason
    0   Cy      in_person  you worked at Initech too
    1   Bo
    """
    contacts = export.contacts
    counts = _message_counts(export)
    suggestions = suggest_met(export, counts=counts).set_index("key")
    table = pd.DataFrame({
        "key": contacts["key"],
        "name": contacts["name"],
        "company": contacts["company"],
        "position": contacts["position"],
        "connected_on": pd.to_datetime(contacts["connected_on"]).dt.strftime("%Y-%m-%d").fillna(""),
        "met": "", "where_met": "", "when_met": "", "last_contact": "", "notes": "",
    })
    table["suggested"] = table["key"].map(suggestions["suggested"]).astype(object).fillna("")
    table["suggested_reason"] = table["key"].map(suggestions["reason"]).astype(object).fillna("")
    rank = table["key"].map(suggestions["rule"]).map(_RULES).fillna(len(_RULES))
    calendar = pd.Series(0, index=table.index)
    if recorded is not None and len(recorded):
        by_key = recorded.drop_duplicates("key").set_index("key")
        backed = table["key"].isin(by_key.index)
        # Calendar-backed suggestions first (most meetings first), their reason before the rule's.
        table.loc[backed, "suggested"] = "in_person"
        reasons = table.loc[backed, "key"].map(by_key["reason"])
        earlier = table.loc[backed, "suggested_reason"]
        table.loc[backed, "suggested_reason"] = [r if not e else f"{r}; {e}" for r, e in zip(reasons, earlier,
                                                                                           strict=True)]
        rank = rank.where(~backed, -1)
        calendar = -table["key"].map(by_key["meetings"]).fillna(0)
    order = pd.DataFrame({
        "rule": rank,
        "calendar": calendar,
        "messages": -table["key"].map(counts).fillna(0),
        "connected": pd.to_datetime(contacts["connected_on"]),
        "key": table["key"],
    })
    order = order.sort_values(["rule", "calendar", "messages", "connected", "key"],
                              ascending=[True, True, True, False, True], na_position="last", kind="stable")
    return table.loc[order.index, TIES_COLUMNS].fillna("").reset_index(drop=True)

"""Identity across sources: which person of the network each person of a calendar, mailbox or address book is.

A person of the user's other data (:class:`netanalysis.io.records.Records`) is matched to a person
of the graph by the strongest key they share, in this order:

1. **their own address**: an address of the user (``Records.owner["emails"]``) is the ego;
2. **e-mail**: an address that Connections.csv's ``Email Address`` column gives a contact (or a
   person keyed by that address), or that an address-book card carrying the contact's LinkedIn
   profile URL gives them (a card with a profile key links *all* its addresses to that contact);
3. **profile URL**: a LinkedIn profile key found in the source (an address-book card's ``URL``);
4. **name** (normalised, with the company when both sides have one): **a suggestion only**,
   status ``"suggested"``, never applied until the user confirms it in ``identities.csv``.

A person whose keys point at several people of the network is ``"ambiguous"``; nobody is merged on
a name alone. The table is written as ``identities.csv`` for the user to review
(:func:`write_identities`) and read back (:func:`read_identities`): a row set to ``matched`` with a
``key`` (``ego`` for the user) links that person, a row set to ``not this person`` undoes a match.
"""

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import InputError
from .identity import email_key, normalize_company, normalize_name, profile_key
from .model import clean_text

__all__ = [
    "IDENTITY_COLUMNS",
    "IDENTITY_STATUSES",
    "Identities",
    "link_identities",
    "matched_keys",
    "owner_people",
    "read_identities",
    "write_identities",
]

#: Columns of the identity table and of ``identities.csv``, in order.
IDENTITY_COLUMNS = ["source", "person", "name", "company", "status", "key", "key_name", "evidence", "candidates"]
#: The statuses of a row: only ``matched`` rows are used as evidence.
IDENTITY_STATUSES = ("matched", "suggested", "ambiguous", "unmatched", "not this person")

# What the user may write in the status column, and what it means.
_USER_STATUS = {
    "matched": "matched", "match": "matched", "yes": "matched", "y": "matched", "oui": "matched", "ok": "matched",
    "confirmed": "matched", "x": "matched",
    "not this person": "not this person", "not them": "not this person", "no": "not this person",
    "n": "not this person", "non": "not this person", "wrong": "not this person", "rejected": "not this person",
    "suggested": "suggested", "ambiguous": "ambiguous", "unmatched": "unmatched", "": "unmatched",
}
_SPEC = {
    "display": "identities.csv",
    "columns": {"source": ("source",), "person": ("person",), "name": ("name",), "company": ("company",),
                "status": ("status",), "key": ("key",), "key_name": ("keyname",), "evidence": ("evidence",),
                "candidates": ("candidates",)},
    "required": ("person", "status"),
}
_EGO_WORDS = {"ego", "me", "moi", "myself", "self"}


@dataclass
class Identities:
    """``identities.csv`` as read: the user's rows and what became of each.

    Attributes
    ----------
    table : pandas.DataFrame
        Columns ``source, person, status, key, line`` (status normalised to :data:`IDENTITY_STATUSES`).
    report : FileReport
        Every row used, or skipped with its line and reason.
    path : str
        The file read.
    """

    table: pd.DataFrame
    report: object = None
    path: str = ""


def _emails(values):
    """The ``email:`` keys of a tuple of addresses (the bad ones dropped)."""
    if not isinstance(values, (list, tuple)):
        values = [values] if isinstance(values, str) else []
    return [k for k in (email_key(v) for v in values) if k]


def _urls(values):
    if not isinstance(values, (list, tuple)):
        values = [values] if isinstance(values, str) else []
    return [k for k in (profile_key(v) for v in values) if k]


def owner_people(records):
    """The ``email:`` keys of the user's own addresses, from every source given.

    Examples
    --------
    >>> from netanalysis.io.records import empty_records
    >>> r = empty_records("cal.ics", "calendar")
    >>> r.owner = {"emails": ("Me@Home.example",), "name": "Me"}
    >>> sorted(owner_people([r]))
    ['email:me@home.example']
    """
    out = set()
    for record in records:
        out.update(_emails(tuple((record.owner or {}).get("emails") or ())))
    return out


def _email_index(G, records, exports):
    """``email:`` key -> set of graph keys: Connections.csv's addresses, e-mail-keyed people, cards with a profile."""
    index = {}

    def add(email, key, how):
        if email and key in G:
            index.setdefault(email, {})[key] = how

    for export in exports or ():
        contacts = getattr(export, "contacts", None)
        if contacts is None or "email" not in contacts.columns:
            continue
        urls = contacts["url"].tolist() if "url" in contacts.columns else [""] * len(contacts)
        for key, email, url in zip(contacts["key"].tolist(), contacts["email"].tolist(), urls, strict=True):
            address = email_key(clean_text(email))
            if not address:
                continue
            key = key if key in G else profile_key(clean_text(url))
            add(address, key, "email")
    for node in G:
        if isinstance(node, str) and node.startswith("email:"):
            add(node, node, "email")
    # An address-book card carrying a contact's LinkedIn profile links all its addresses to them.
    for record in records:
        for emails, urls in zip(record.people["emails"].tolist(), record.people["urls"].tolist(), strict=True):
            found = {k for k in _urls(urls) if k in G}
            if len(found) == 1:
                for address in _emails(emails):
                    add(address, next(iter(found)), "url")
    return index


def _source_people(records):
    """Each person id with what every source says of them (one address is one person, whichever source
    names it), and the (source kind, person) rows to report."""
    people, rows = {}, set()
    for record in records:
        frame = record.people
        for person, name, company, emails, urls in zip(frame["person"].tolist(), frame["name"].tolist(),
                                                       frame["company"].tolist(), frame["emails"].tolist(),
                                                       frame["urls"].tolist(), strict=True):
            person = clean_text(person)
            rows.add((record.kind, person))
            entry = people.setdefault(person, {"name": "", "company": "", "emails": set(), "urls": set()})
            entry["name"] = entry["name"] or clean_text(name)
            entry["company"] = entry["company"] or clean_text(company)
            entry["emails"].update(_emails(emails))
            entry["urls"].update(_urls(urls))
            if person.startswith("email:"):
                entry["emails"].add(person)
            elif profile_key(person):
                entry["urls"].add(profile_key(person))
        # Someone named at an occasion but missing from the people table is still somebody.
        for person in set(record.presence["person"].tolist()) - {p for k, p in rows if k == record.kind}:
            person = clean_text(person)
            if person:
                rows.add((record.kind, person))
                entry = people.setdefault(person, {"name": "", "company": "", "emails": set(), "urls": set()})
                if person.startswith("email:"):
                    entry["emails"].add(person)
                elif profile_key(person):
                    entry["urls"].add(profile_key(person))
    return people, rows


def _resolve_key(G, text, ego):
    text = clean_text(text)
    if not text:
        return None
    if text.casefold() in _EGO_WORDS:
        return ego
    if text in G:
        return text
    key = profile_key(text) or email_key(text)
    return key if key and key in G else None


def link_identities(G, records, *, exports=(), identities=None, ego=None):
    """Match every person of the user's other data to a person of the network (or say why not).

    Parameters
    ----------
    G : networkx.Graph
        The network (:func:`netanalysis.build_graph`).
    records : list of Records
        What :func:`netanalysis.io.records.read_source` read.
    exports : list of Export, optional
        The exports the graph was built from: Connections.csv's ``Email Address`` column links
        contacts by e-mail.
    identities : Identities, str or Path, optional
        The user's reviewed ``identities.csv`` (:func:`read_identities`): its ``matched`` and
        ``not this person`` rows override the rules.
    ego : node, optional
        The user (default ``G.graph["ego"]``): their own addresses map to them.

    Returns
    -------
    pandas.DataFrame
        One row per (source kind, person), columns :data:`IDENTITY_COLUMNS`: ``status`` one of
        :data:`IDENTITY_STATUSES`; ``key`` the person of the network (matched or suggested),
        ``key_name`` their name; ``evidence`` ``email``, ``url``, ``name+company``, ``name`` or
        ``user``; ``candidates`` the keys an ambiguous person could be (`` | `` between them).
        Sorted by source, status, person. ``df.attrs["identities_file"]`` says what became of the
        user's rows (``rows, used, unused``: a list of ``line, person, reason``).

    Examples
    --------
    >>> import networkx as nx
    >>> from netanalysis.io.records import empty_records
    >>> G = nx.Graph(ego="linkedin.com/in/me")
    >>> G.add_node("linkedin.com/in/me", name="Me")
    >>> G.add_node("linkedin.com/in/bo", name="Bo Lind", company="Acme")
    >>> G.add_node("linkedin.com/in/cy", name="Cy Roy", company="Initech")
    >>> book = empty_records("book.vcf", "address_book")
    >>> book.people = pd.DataFrame({"person": ["email:bo@acme.example", "email:cy@home.example"],
    ...     "name": ["Bo Lind", "Cy Roy"], "emails": [("bo@acme.example",), ("cy@home.example",)],
    ...     "urls": [("https://www.linkedin.com/in/bo",), ()], "company": ["Acme", "Initech"], "line": [1, 9]})
    >>> link_identities(G, [book])[["person", "status", "key", "evidence"]]
                      person     status                key      evidence
    0  email:bo@acme.example    matched  linkedin.com/in/bo           url
    1  email:cy@home.example  suggested  linkedin.com/in/cy  name+company
    """
    ego = G.graph.get("ego") if ego is None else ego
    if identities is not None and not isinstance(identities, Identities):
        identities = read_identities(identities)
    own = owner_people(records)
    index = _email_index(G, records, exports)
    by_name = {}
    for node, data in G.nodes(data=True):
        name = normalize_name(data.get("name", ""))
        if name:
            by_name.setdefault(name, []).append(node)
    people, wanted = _source_people(records)
    user_rows, unused = _user_rows(G, identities, people, ego)
    rows = []
    for kind, person in sorted(wanted):
        entry = people[person]
        row = {"source": kind, "person": person, "name": entry["name"], "company": entry["company"],
               "status": "unmatched", "key": "", "key_name": "", "evidence": "", "candidates": ""}
        rejected = set()
        user = user_rows.get(person)
        if user is not None:
            status, key = user
            if status == "matched":
                _rule_match(G, row, entry, own, index, by_name, ego, set())
                if row["status"] != "matched" or row["key"] != key:  # the rules' own match keeps its evidence
                    row.update(status="matched", key=key, evidence="user", candidates="")
                rows.append(_named(G, row))
                continue
            if status == "not this person":
                if not key:
                    row.update(status="not this person", evidence="user")
                    rows.append(row)
                    continue
                rejected.add(key)
        _rule_match(G, row, entry, own, index, by_name, ego, rejected)
        rows.append(_named(G, row))
    table = pd.DataFrame(rows, columns=IDENTITY_COLUMNS)
    order = {s: i for i, s in enumerate(IDENTITY_STATUSES)}
    table = table.assign(_o=table["status"].map(order)).sort_values(["source", "_o", "person"], kind="stable")
    table = table.drop(columns="_o").reset_index(drop=True)
    if identities is not None:
        report = identities.report
        table.attrs["identities_file"] = {
            "rows": int(getattr(report, "rows", len(identities.table))),
            "used": len(identities.table) - len(unused),
            "unused": unused + [{"line": s.line, "person": "", "reason": s.reason}
                                for s in getattr(report, "skipped", [])],
        }
    return table


def _named(G, row):
    if row["key"] and row["key"] in G:
        row["key_name"] = clean_text(G.nodes[row["key"]].get("name"))
    return row


def _rule_match(G, row, entry, own, index, by_name, ego, rejected):
    """Fill ``row`` by the rules: own address, e-mail, profile URL, then a name suggestion."""
    if entry["emails"] & own and ego is not None and ego not in rejected:
        row.update(status="matched", key=ego, evidence="email")
        return
    found = {}
    for address in sorted(entry["emails"]):
        for key, how in index.get(address, {}).items():
            found.setdefault(key, how)
    for key in sorted(entry["urls"]):
        if key in G:
            found[key] = "url"
    found = {k: v for k, v in found.items() if k not in rejected}
    if len(found) == 1:
        key, how = next(iter(found.items()))
        row.update(status="matched", key=key, evidence=how)
        return
    if len(found) > 1:
        row.update(status="ambiguous", evidence="email" if "email" in found.values() else "url",
                   candidates=" | ".join(sorted(found)))
        return
    name = normalize_name(entry["name"])
    matches = sorted((n for n in by_name.get(name, ()) if n not in rejected), key=str) if name else []
    if not matches:
        if rejected:
            row.update(status="not this person", evidence="user", key=sorted(rejected)[0])
        return
    company = normalize_company(entry["company"])
    same = [n for n in matches if company and normalize_company(G.nodes[n].get("company", "")) == company]
    if len(same) == 1:
        row.update(status="suggested", key=same[0], evidence="name+company")
    elif len(matches) == 1:
        row.update(status="suggested", key=matches[0], evidence="name")
    else:
        row.update(status="ambiguous", evidence="name+company" if same else "name",
                   candidates=" | ".join(map(str, same or matches)))


def _user_rows(G, identities, people, ego):
    """The user's decisions by person (a decision about an address holds in every source naming it; the
    last row wins) and the rows not used."""
    decisions, unused = {}, []
    if identities is None:
        return decisions, unused
    for row in identities.table.itertuples(index=False):
        person, status = clean_text(row.person), row.status
        line = int(row.line)
        if person not in people:
            unused.append({"line": line, "person": person, "reason": "matches no person of the sources given"})
            continue
        key = _resolve_key(G, row.key, ego) if clean_text(row.key) else ""
        if key is None:
            unused.append({"line": line, "person": person,
                           "reason": f"key '{clean_text(row.key)}' is nobody in the network"})
            continue
        if status == "matched" and not key:
            unused.append({"line": line, "person": person, "reason": "status matched needs a key (ego for you)"})
            continue
        if status in ("matched", "not this person"):
            decisions[person] = (status, key)
    return decisions, unused


def matched_keys(table):
    """``(source kind, person) -> key`` for the matched rows of :func:`link_identities`'s table.

    Examples
    --------
    >>> t = pd.DataFrame({"source": ["mail", "mail"], "person": ["email:a@x.example", "email:b@x.example"],
    ...                   "status": ["matched", "suggested"], "key": ["linkedin.com/in/a", "linkedin.com/in/b"]})
    >>> matched_keys(t)
    {('mail', 'email:a@x.example'): 'linkedin.com/in/a'}
    """
    kept = table[table["status"] == "matched"]
    return dict(zip(zip(kept["source"].tolist(), kept["person"].tolist(), strict=True), kept["key"].tolist(),
                    strict=True))


def write_identities(table, path):
    """Write the identity table as ``identities.csv`` (formula-safe UTF-8 with BOM, for a spreadsheet).

    Review it: set ``status`` to ``matched`` (with the right ``key``, or ``ego`` for yourself) to
    confirm a suggestion or settle an ambiguous person, to ``not this person`` to undo a match;
    then pass the file back with ``--identities``.

    Examples
    --------
    >>> import tempfile
    >>> t = pd.DataFrame([["mail", "email:bo@x.example", "Bo", "", "suggested", "linkedin.com/in/bo", "Bo",
    ...                    "name", ""]], columns=IDENTITY_COLUMNS)
    >>> path = write_identities(t, Path(tempfile.mkdtemp()) / "identities.csv")
    >>> read_identities(path).table[["person", "status", "key", "line"]]
                   person     status                 key  line
    0  email:bo@x.example  suggested  linkedin.com/in/bo     2
    """
    from .safefiles import write_csv

    return write_csv(table[IDENTITY_COLUMNS], path, bom=True)


def read_identities(path):
    """Read a reviewed ``identities.csv``: every row used, or skipped with its line and reason.

    ``status`` accepts the statuses of :data:`IDENTITY_STATUSES` and, for a confirmation,
    ``yes``/``oui``/``ok``/``x``; for a rejection ``no``/``non``/``wrong``. A later row about the
    same person wins over an earlier one (reported).

    Raises
    ------
    InputError
        A missing file, or one without the ``person`` and ``status`` columns.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "identities.csv"
    >>> _ = path.write_text("person,status,key\\nemail:bo@x.example,yes,linkedin.com/in/bo\\n"
    ...                     "email:cy@x.example,perhaps,\\n", encoding="utf-8")
    >>> ids = read_identities(path)
    >>> ids.table[["person", "status", "line"]], ids.report.skipped
    (               person   status  line
    0  email:bo@x.example  matched     2, [Skip(line=3, reason="status 'perhaps' is not one of matched, not this person, suggested, ambiguous, unmatched")])
    """
    from .io._archive import read_file_bytes
    from .io._csvtable import read_table, text_column
    from .io._decode import decode
    from .io._rows import finish_report
    from .io.tables import FileReport

    path = Path(os.fspath(path))
    if not path.exists():
        raise InputError(f"{path} does not exist; write one with 'netanalysis inspect ... --identities-out FILE'.")
    if path.is_dir():
        raise InputError(f"{path} is a folder; give the identities.csv file.")
    report = FileReport(name=path.name)
    text, encoding, notes = decode(read_file_bytes(path), path.name)
    report.encoding = encoding
    report.notes.extend(notes)
    table = read_table(text, path.name, _SPEC, report)
    person, source, key = (text_column(table, c) for c in ("person", "source", "key"))
    raw_status = text_column(table, "status")
    status, reasons = [], []
    for i in range(table.n):
        value = _USER_STATUS.get(" ".join(raw_status[i].casefold().split()))
        status.append(value or "")
        if not person[i]:
            reasons.append("no person")
        elif value is None:
            reasons.append(f"status '{raw_status[i]}' is not one of matched, not this person, suggested, "
                           "ambiguous, unmatched")
        else:
            reasons.append("")
    last = {}
    for i in range(table.n):
        if not reasons[i]:
            last[(source[i], person[i])] = i
    for i in range(table.n):
        kept = last.get((source[i], person[i]), i)
        if not reasons[i] and kept != i:
            reasons[i] = f"repeated on line {table.lines[kept]}, the later one, which is used"
    used = [not r for r in reasons]
    finish_report(report, table, used, reasons)
    frame = pd.DataFrame({"source": source, "person": person, "status": status, "key": key,
                          "line": pd.array(table.lines, dtype="int64")})
    frame = frame[pd.Series(used, dtype=bool).to_numpy()].reset_index(drop=True)
    return Identities(table=frame, report=report, path=str(path))

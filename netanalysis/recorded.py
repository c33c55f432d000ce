"""The user's other data as tie evidence: a calendar, a mailbox, an address book, other networks.

:func:`apply_records` writes what :func:`netanalysis.io.records.read_source` read onto a graph
built from LinkedIn exports, as ``recorded`` evidence (``sources`` gain ``recorded:<kind>``:
``recorded:calendar``, ``recorded:mail``, ``recorded:address_book``…), ranked with declared
evidence and kept by the ``"declared"`` and ``"all"`` evidence levels, never by ``"observed"``.

The rules, in plain words:

- **Who is who.** Each person of a source is matched to a person of the network by e-mail, then
  LinkedIn profile URL (:func:`netanalysis.linkage.link_identities`); a name alone is only a
  suggestion for the user to confirm in ``identities.csv``. People who are not in the network are
  never added to it.
- **Which occasions count.** A meeting or a message counts when it is not bulk (mailing lists,
  newsletters, no-reply senders, recurring series: the reader says so), has at most
  :data:`MAX_PARTICIPANTS` participants (the user included), and the user was there: listed and
  not declined (a message in the user's own mailbox always has them). A participant who declined
  was not there.
- **Ties between contacts.** Two people of the network at the same counted meeting (any mode) or
  on the same counted message get a tie, or their tie gains the source: ``co_meetings``,
  ``co_messages``, ``recorded_first``, ``recorded_last`` (and ``last_contact``).
- **The user's own ties.** Only ties that already exist (the user's contacts) are enriched: mail
  sent to a contact (one per recipient) and received from them (the sender only) count as messages
  (``mail_sent``, ``mail_received``), each weighted 1/(n−1) in a message of n people, as LinkedIn
  group messages are; meetings are counted (``meetings``, ``meetings_in_person``,
  ``meetings_online``) and, with mail, move ``last_contact`` forward.
- **Met in person** is only ever a *suggestion* (:func:`met_suggestions`, first in ``ties init``):
  from meetings with a time, the mode ``in_person``, that the user accepted or organised and the
  contact accepted, organised or did not answer for. Online meetings count as online, never as
  met in person.
- **Positives only.** These sources never say two people do *not* know each other and never make a
  pair observed absent: coverage (:mod:`netanalysis.coverage`) counts only the exports' lists.

**Not counted twice.** Tie strength's intensity reads LinkedIn messages plus mail messages: two
channels, each message once (a message found in two mailbox files, or a meeting in two calendars,
has the same ``occasion`` id and is read once). LinkedIn's notification mails come from
linkedin.com's no-reply addresses, which match no contact. A meeting adds no message: it moves the
last contact (recency) only. What the sources added is kept apart on each tie
(``recorded_messages``, ``recorded_message_weight``, ``last_contact_unrecorded``), so that the
``"observed"`` level scores ties exactly as without them (:func:`netanalysis.model.without_records`).

Privacy: the graph keeps counts and dates only; the place of a meeting appears in the reasons of
:func:`met_suggestions` (for ``ties init``), never on the graph.
"""

import datetime as _dt
import itertools

import pandas as pd

from .errors import InputError
from .io.tables import RECORD_KINDS, Records
from .linkage import link_identities, matched_keys, owner_people
from .model import as_date, clean_text, evidence_rank
from .tiestrength import tie_strength

__all__ = ["MAX_PARTICIPANTS", "SUGGESTION_COLUMNS", "apply_records", "met_suggestions", "records_summary"]

#: The most participants (the user included) a meeting or a message may have to count: folk skips
#: mail and events with more than 20 participants; a larger meeting says little about who knows whom.
MAX_PARTICIPANTS = 20

#: Columns of :func:`met_suggestions`.
SUGGESTION_COLUMNS = ["key", "name", "suggested", "meetings", "first", "last", "place", "attendees", "reason",
                      "source"]

_TIE_KINDS = {"meeting": "co_meetings", "message": "co_messages"}
_ACCEPTED = ("accepted", "")


def _as_list(records):
    if isinstance(records, Records):
        return [records]
    records = list(records or ())
    for record in records:
        if not isinstance(record, Records) or record.kind not in RECORD_KINDS:
            raise InputError("apply_records takes what netanalysis.io.read_source returns (Records).")
    return records


def _presence(record):
    """occasion -> {person: (role, status)} (a person listed twice keeps the first row)."""
    out = {}
    frame = record.presence

    def text(values):  # the readers' columns are text: clean only what is not
        return [v.strip() if type(v) is str else clean_text(v) for v in values]

    statuses = [v.lower() for v in text(frame["status"].tolist())]
    for occasion, person, role, status in zip(frame["occasion"].tolist(), text(frame["person"].tolist()),
                                              text(frame["role"].tolist()), statuses, strict=True):
        people = out.get(occasion)
        if people is None:
            people = out[occasion] = {}
        if person not in people:
            people[person] = (role, status)
    return out


def _later(a, b):
    return b if a is None or (b is not None and b > a) else a


def _earlier(a, b):
    return b if a is None or (b is not None and b < a) else a


class _Pass:
    """One reading of the sources against the graph: the counts per tie, the suggestions, the accounting."""

    def __init__(self, G, records, links, ego):
        self.G, self.records, self.ego = G, records, ego
        self.key_of = matched_keys(links)
        self.own = owner_people(records)
        # (kind, person) pairs that are the user: their own addresses, and whoever identities map to them.
        self.mine = {kp for kp, key in self.key_of.items() if key == ego}
        self.links = links
        self.seen = set()
        self.pairs = {}  # (u, v) -> {"co_meetings", "co_messages", "first", "last", "kinds"}
        self.ego_ties = {}  # contact -> counts
        self.suggestions = {}  # contact -> list of (day, place, attendees, kind)

    def me(self, kind, person):
        return person in self.own or (kind, person) in self.mine

    def read(self, record):
        kind = record.kind
        presence = _presence(record)
        owner_known = any(self.me(kind, p) for p in record.people["person"].tolist()) or bool(
            (record.owner or {}).get("emails"))
        stats = {"occasions": 0, "used": 0, "skipped": {}, "ego_ties": set(), "ties": set(), "met": set(),
                 "owner_known": owner_known}
        occasions = record.occasions
        columns = [occasions[c].tolist() for c in ("occasion", "kind", "start", "mode", "place", "size", "direction",
                                                   "bulk")]
        # Each start's UTC day, once for the column (NaT: None).
        starts = pd.to_datetime(occasions["start"], utc=True)
        days = [None if d is pd.NaT or d != d else d for d in starts.dt.date.tolist()] if len(occasions) else []
        columns[2] = list(zip(columns[2], days, strict=True))
        for occasion, what, (start, day), mode, place, size, direction, bulk in zip(*columns, strict=True):
            stats["occasions"] += 1
            reason = self.occasion(kind, occasion, what, start, day, mode, place, size, direction, bulk,
                                   presence.get(occasion, {}), owner_known, stats)
            if reason:
                stats["skipped"][reason] = stats["skipped"].get(reason, 0) + 1
            else:
                stats["used"] += 1
        if kind == "address_book" or not len(occasions):
            # A card (or a name in a list) the user keeps: they know this person; ties with contacts only.
            for person in record.people["person"].tolist():
                key = self.key_of.get((kind, person))
                if key is not None and key != self.ego and self.G.has_edge(self.ego, key):
                    self.ego_tie(key, kind)
                    stats["ego_ties"].add(key)
        return stats

    def occasion(self, kind, occasion, what, start, day, mode, place, size, direction, bulk, present, owner_known,
                 stats):
        """Count one occasion; returns "" when used, else the reason it was not."""
        if (kind, occasion) in self.seen:
            return "already read from another file"
        self.seen.add((kind, occasion))
        if bool(bulk):
            return "bulk (list, newsletter, no-reply, recurring or over the cap)"
        participants = max(int(size or 0), len(present))
        if participants > MAX_PARTICIPANTS:
            return f"more than {MAX_PARTICIPANTS} participants"
        mine = [(role, status) for person, (role, status) in present.items() if self.me(kind, person)]
        if what == "message":
            pass  # a message in the user's own mailbox was sent or received by them
        elif mine:
            if all(status == "declined" for _, status in mine):
                return "you declined"
        elif owner_known and what == "meeting":
            return "you are not listed"
        others = {}
        for person, (role, status) in present.items():
            key = self.key_of.get((kind, person))
            if key is None or key == self.ego or self.me(kind, person) or status == "declined":
                continue
            if key not in others or role == "organizer" or (role == "from"):
                others[key] = (role, status)
        if not others:
            named = any(not self.me(kind, p) for p in present)
            return "nobody of your network" if named else "names nobody but you"
        if what not in _TIE_KINDS:  # a friendship, a follow, a LinkedIn event: the user's own ties only
            for key in others:
                if self.G.has_edge(self.ego, key):
                    self.ego_tie(key, kind, day=day)
                    stats["ego_ties"].add(key)
            return ""
        sent = direction == "sent" or (direction == "" and any(role == "from" for role, _ in mine))
        weight = 1.0 / max(participants - 1, 1)
        for key, (role, status) in others.items():
            if not self.G.has_edge(self.ego, key):
                continue
            if what == "message":
                if sent and role in ("to", "cc", "bcc"):
                    self.ego_tie(key, kind, day=day, sent=1, weight=weight)
                elif not sent and role == "from":
                    self.ego_tie(key, kind, day=day, received=1, weight=weight)
                else:
                    continue
            else:
                self.ego_tie(key, kind, day=day, meeting=mode)
                user_said = any(role_ == "organizer" or status_ == "accepted" for role_, status_ in mine)
                if (mode == "in_person" and day is not None and user_said
                        and (status in _ACCEPTED or role == "organizer")):
                    self.suggestions.setdefault(key, []).append((pd.Timestamp(start), str(place or ""),
                                                                 participants, kind))
                    stats["met"].add(key)
            stats["ego_ties"].add(key)
        # A blind copy is seen by nobody else on the message: it joins the user, never the others.
        seen_together = [key for key, (role, _) in others.items() if role != "bcc"]
        for u, v in itertools.combinations(sorted(seen_together, key=str), 2):
            entry = self.pairs.setdefault((u, v), {"co_meetings": 0, "co_messages": 0, "first": None, "last": None,
                                                   "kinds": set()})
            entry[_TIE_KINDS[what]] += 1
            entry["first"], entry["last"] = _earlier(entry["first"], day), _later(entry["last"], day)
            entry["kinds"].add(kind)
            stats["ties"].add((u, v))
        return ""

    def ego_tie(self, key, kind, *, day=None, sent=0, received=0, weight=0.0, meeting=None):
        entry = self.ego_ties.setdefault(key, {"mail_sent": 0, "mail_received": 0, "weight": 0.0, "meetings": 0,
                                               "meetings_in_person": 0, "meetings_online": 0, "first": None,
                                               "last": None, "kinds": set()})
        entry["mail_sent"] += sent
        entry["mail_received"] += received
        entry["weight"] += weight
        if meeting is not None:
            entry["meetings"] += 1
            entry["meetings_in_person"] += meeting == "in_person"
            entry["meetings_online"] += meeting == "online"
        entry["first"], entry["last"] = _earlier(entry["first"], day), _later(entry["last"], day)
        entry["kinds"].add(kind)


def _remember_unrecorded(edge):
    if "last_contact_unrecorded" not in edge:
        edge["last_contact_unrecorded"] = edge.get("last_contact")
        edge["recorded_messages"] = 0
        edge["recorded_message_weight"] = 0.0


def _write(G, run):
    """Put the counts on the graph; returns the ties added and the ties supported (pairs)."""
    ego = run.ego
    for key, entry in run.ego_ties.items():
        edge = G.edges[ego, key]
        _remember_unrecorded(edge)
        edge["sources"] = sorted({*edge.get("sources", [edge.get("evidence", "export")]),
                                  *(f"recorded:{k}" for k in entry["kinds"])})
        mail = entry["mail_sent"] + entry["mail_received"]
        for attr in ("mail_sent", "mail_received", "meetings", "meetings_in_person", "meetings_online"):
            if entry[attr] or attr in ("mail_sent", "mail_received", "meetings"):
                edge[attr] = edge.get(attr, 0) + int(entry[attr])
        edge["recorded_messages"] += mail
        edge["recorded_message_weight"] += entry["weight"]
        # LinkedIn's group-weighted count (build_graph stores it), else its plain count; then the mail.
        linkedin = float(edge.get("message_weight", edge.get("messages")) or 0.0)
        edge["messages"] = int(edge.get("messages") or 0) + mail
        edge["message_weight"] = linkedin + entry["weight"]
        _dates(edge, entry)
    added = {}
    adj = G._adj
    for (u, v), entry in run.pairs.items():
        kinds = [f"recorded:{k}" for k in entry["kinds"]]
        if len(kinds) > 1:
            kinds.sort()
        edge = adj[u].get(v)
        if edge is not None:
            _remember_unrecorded(edge)
            edge["sources"] = sorted({*edge.get("sources", [edge.get("evidence", "export")]), *kinds})
            if evidence_rank(kinds[0]) < evidence_rank(edge.get("evidence", "export")):
                edge["evidence"], edge["confidence"] = kinds[0], 1.0
        else:
            edge = added[(u, v) if str(u) < str(v) else (v, u)] = {
                "met": "unknown", "met_source": "none", "evidence": kinds[0], "sources": kinds, "confidence": 1.0,
                "connected_on": None, "messages": 0, "message_weight": 0.0, "last_contact": None,
                "last_contact_unrecorded": None, "recorded_messages": 0, "recorded_message_weight": 0.0}
        edge["co_meetings"] = edge.get("co_meetings", 0) + entry["co_meetings"]
        edge["co_messages"] = edge.get("co_messages", 0) + entry["co_messages"]
        _dates(edge, entry)
    if added:
        # Every tie inserted again in sorted order, as build_graph inserts them (Louvain depends on it);
        # both ends share one attribute dict, as add_edges_from would make them.
        edges = [((u, v) if str(u) < str(v) else (v, u), d) for u, nbrs in adj.items() for v, d in nbrs.items()
                 if str(u) <= str(v)]
        edges += added.items()
        edges.sort(key=lambda e: (str(e[0][0]), str(e[0][1])))
        for nbrs in adj.values():
            nbrs.clear()
        for (u, v), d in edges:
            adj[u][v] = adj[v][u] = d
    return list(added)


def _dates(edge, entry):
    edge["recorded_first"] = _earlier(edge.get("recorded_first"), entry["first"])
    edge["recorded_last"] = _later(edge.get("recorded_last"), entry["last"])
    if entry["last"] is not None:
        last = edge.get("last_contact")
        edge["last_contact"] = _later(last if last is None or type(last) is _dt.date else as_date(last), entry["last"])


def apply_records(G, records, *, identities=None, exports=(), ego=None):
    """Add what the user's other data say to the graph, as ``recorded`` evidence; score the ties again.

    See the module's docstring for the rules (who is who, which occasions count, ties between
    contacts, the user's own ties, met-in-person suggestions, positives only).

    Parameters
    ----------
    G : networkx.Graph
        A graph from :func:`netanalysis.build_graph` (changed in place, once: apply every source in
        one call).
    records : Records or list of Records
        What :func:`netanalysis.io.records.read_source` returned, one per file.
    identities : Identities, str or Path, optional
        The user's reviewed ``identities.csv`` (:func:`netanalysis.linkage.read_identities`).
    exports : list of Export, optional
        The exports the graph was built from (their ``Email Address`` column links by e-mail).
    ego : node, optional
        The user; default ``G.graph["ego"]``.

    Returns
    -------
    dict
        ``sources`` (one dict of counts per file, as kept in ``G.graph["records"]["sources"]``:
        ``kind, items, used, skipped, people, matched, suggested, ambiguous, unmatched, occasions,
        occasions_used, occasions_skipped`` (reason → count), ``ego_ties``, ``ties_added``,
        ``ties_supported``, ``met_suggestions``), ``identities`` (the table of
        :func:`netanalysis.linkage.link_identities`), ``suggestions`` (:func:`met_suggestions`'s
        table) and ``ties_added`` (total). ``owner_known``: whether any of the user's addresses is known in
        the file (if not, every occasion in it is taken as one they were at, and none yields a suggestion).

    Raises
    ------
    InputError
        Without an ego in the graph, or when sources were already applied to ``G``.

    Examples
    --------
    A three-person meeting at a café, the user organising it, both contacts accepting:

    >>> import networkx as nx
    >>> from netanalysis.io.records import empty_records
    >>> G = nx.Graph(ego="me", egos=["me"], as_of="2025-06-01")
    >>> G.add_nodes_from([("me", {"name": "Me"}), ("bo", {"name": "Bo"}), ("cy", {"name": "Cy"})])
    >>> G.add_edges_from([("me", "bo"), ("me", "cy")], evidence="export", sources=["export"], met="unknown")
    >>> cal = empty_records("cal.ics", "calendar")
    >>> cal.owner = {"emails": ("me@x.example",), "name": ""}
    >>> cal.people = pd.DataFrame({"person": ["email:me@x.example", "email:bo@x.example", "email:cy@x.example"],
    ...     "name": ["", "", ""], "emails": [("me@x.example",), ("bo@x.example",), ("cy@x.example",)],
    ...     "urls": [(), (), ()], "company": "", "line": [1, 2, 3]})
    >>> cal.occasions = pd.DataFrame({"occasion": ["m1"], "kind": ["meeting"],
    ...     "start": pd.to_datetime(["2025-03-12 09:00"], utc=True), "mode": ["in_person"],
    ...     "place": ["Café Central"], "size": [3], "direction": [""], "bulk": [False], "line": [1]})
    >>> cal.presence = pd.DataFrame({"occasion": "m1", "person": cal.people["person"],
    ...     "role": ["organizer", "attendee", "attendee"], "status": ["accepted", "accepted", "accepted"]})
    >>> ids = pd.DataFrame({"source": "calendar", "person": ["email:bo@x.example", "email:cy@x.example"],
    ...     "status": "matched", "key": ["bo", "cy"], "line": [2, 3]})
    >>> from netanalysis.linkage import Identities
    >>> out = apply_records(G, [cal], identities=Identities(table=ids))
    >>> G.edges["bo", "cy"]["sources"], G.edges["bo", "cy"]["co_meetings"]
    (['recorded:calendar'], 1)
    >>> out["suggestions"][["key", "reason"]].to_dict("records")
    [{'key': 'bo', 'reason': 'meeting at Café Central, 12 Mar 2025 — 3 attendees'}, {'key': 'cy', 'reason': 'meeting at Café Central, 12 Mar 2025 — 3 attendees'}]
    """
    records = _as_list(records)
    ego = G.graph.get("ego") if ego is None else ego
    if ego is None or ego not in G:
        raise InputError("the graph has no ego (the user) to whom the sources belong; pass ego=.")
    if G.graph.get("records"):
        raise InputError("sources were already applied to this graph; apply every source in one call.")
    links = link_identities(G, records, exports=exports, identities=identities, ego=ego)
    run = _Pass(G, records, links, ego)
    per_source = []
    for record in records:
        stats = run.read(record)
        per_source.append((record, stats))
    added = set(_write(G, run))
    summaries = []
    claimed = set()
    for record, stats in per_source:
        kind = record.kind
        people = {str(p) for p in record.people["person"].tolist()}
        mine = links[(links["source"] == kind) & links["person"].isin(people)]
        status = mine["status"].value_counts()
        files = list(record.report.files.values())
        new = (stats["ties"] & added) - claimed
        claimed |= new
        summaries.append({
            "kind": kind,
            "items": sum(int(f.rows) for f in files),
            "used": sum(int(f.used) for f in files),
            "skipped": sum(len(f.skipped) for f in files),
            "people": len(people),
            **{s.replace(" ", "_"): int(status.get(s, 0)) for s in ("matched", "suggested", "ambiguous", "unmatched",
                                                                    "not this person")},
            "occasions": stats["occasions"],
            "occasions_used": stats["used"],
            "occasions_skipped": dict(sorted(stats["skipped"].items())),
            "ego_ties": len(stats["ego_ties"]),
            "ties_added": len(new),
            "ties_supported": len(stats["ties"] - added),
            "met_suggestions": len(stats["met"]),
            "owner_known": bool(stats["owner_known"]),
        })
    # The keys only (never a place): the report lists these contacts, so its count and its table agree.
    G.graph["records"] = {"sources": summaries, "max_participants": MAX_PARTICIPANTS,
                          "met_suggested": sorted(run.suggestions, key=str)}
    scored = G.graph.get("strength_scored")
    tie_strength(G, **({"weights": scored.get("weights"), "as_of": scored.get("as_of")} if isinstance(scored, dict)
                       else {}))
    return {"sources": summaries, "identities": links, "suggestions": _suggestion_table(G, run),
            "ties_added": len(added)}


def _when(stamp):
    return f"{stamp.day} {stamp.strftime('%b %Y')}"


def _suggestion_table(G, run):
    rows = []
    for key, seen in run.suggestions.items():
        seen = sorted(seen, key=lambda s: s[0])
        stamp, place, attendees, kind = seen[-1]
        where = f"meeting at {place}" if place else "in-person meeting"
        reason = f"{where}, {_when(stamp)} — {attendees} attendees"
        if len(seen) > 1:
            reason += f" (and {len(seen) - 1} more in-person meeting{'s' if len(seen) > 2 else ''} since " \
                      f"{_when(seen[0][0])})"
        rows.append({"key": key, "name": str(G.nodes[key].get("name") or ""), "suggested": "in_person",
                     "meetings": len(seen), "first": seen[0][0].date(), "last": stamp.date(), "place": place,
                     "attendees": attendees, "reason": reason, "source": kind})
    table = pd.DataFrame(rows, columns=SUGGESTION_COLUMNS)
    if len(table):
        table = table.sort_values(["meetings", "last", "key"], ascending=[False, False, True], kind="stable")
    return table.reset_index(drop=True)


def met_suggestions(G, records, *, identities=None, exports=(), ego=None):
    """Contacts the user's calendar suggests they met in person, each with its reason (a suggestion, not a fact).

    Reads the sources as :func:`apply_records` does, without changing ``G``: one row per contact of
    the ego with at least one timed, in-person meeting that the user accepted or organised and the
    contact did not decline nor leave tentative, most meetings first.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SUGGESTION_COLUMNS`: ``suggested`` is ``in_person``; ``reason`` reads
        "meeting at Café Central, 12 Mar 2025 — 3 attendees" (the latest meeting; the others
        counted after it); ``place`` and ``reason`` name the place: keep them out of anything
        shared (an anonymised report never shows them).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me")
    >>> G.add_edge("me", "bo")
    >>> met_suggestions(G, []).columns.tolist() == SUGGESTION_COLUMNS
    True
    """
    records = _as_list(records)
    ego = G.graph.get("ego") if ego is None else ego
    if ego is None or ego not in G:
        raise InputError("the graph has no ego (the user) to whom the sources belong; pass ego=.")
    links = link_identities(G, records, exports=exports, identities=identities, ego=ego)
    run = _Pass(G, records, links, ego)
    for record in records:
        run.read(record)
    table = _suggestion_table(G, run)
    table.attrs["identities_file"] = links.attrs.get("identities_file")
    return table


def records_summary(G):
    """What the user's other data added, per source kind: one row per kind (counts only, safe to share).

    Returns
    -------
    pandas.DataFrame
        Columns ``source, files, items, used, skipped, people, matched, suggested, ambiguous,
        unmatched, occasions_used, ego_ties, ties_added, ties_supported, met_suggestions``; empty
        when no source was applied.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(records={"sources": [{"kind": "mail", "items": 3, "used": 3, "skipped": 0, "people": 2,
    ...     "matched": 1, "suggested": 0, "ambiguous": 0, "unmatched": 1, "occasions_used": 2, "ego_ties": 1,
    ...     "ties_added": 0, "ties_supported": 0, "met_suggestions": 0}]})
    >>> records_summary(G)[["source", "files", "items", "matched"]]
      source  files  items  matched
    0   mail      1      3        1
    """
    columns = ["source", "files", "items", "used", "skipped", "people", "matched", "suggested", "ambiguous",
               "unmatched", "occasions_used", "ego_ties", "ties_added", "ties_supported", "met_suggestions"]
    sources = (G.graph.get("records") or {}).get("sources") or []
    rows = {}
    for entry in sources:
        row = rows.setdefault(entry["kind"], dict.fromkeys(columns[1:], 0))
        row["files"] += 1
        for column in columns[2:]:
            row[column] += int(entry.get(column, 0) or 0)
    return pd.DataFrame([{"source": kind, **row} for kind, row in rows.items()], columns=columns)

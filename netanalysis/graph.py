"""Build the annotated network graph from one or several LinkedIn exports.

Every tie says whether it was met in person, online only, or unknown (``met``), where that
knowledge came from (``met_source``), and what supports the tie itself (``evidence``: listed in an
export, declared by the user, or inferred by a named rule). The model is described in
``docs/architecture.md``.
"""

import contextlib
import contextvars
import datetime as _dt
import gc
import itertools
import math
import operator
from collections import Counter, defaultdict

import networkx as nx
import numpy as np
import pandas as pd

from ._strings import python_strings
from .errors import InputError
from .identity import normalize_company, normalize_name, profile_key

__all__ = [
    "EVIDENCE_LEVELS",
    "INFERENCE_RULES",
    "build_graph",
    "contact_graph",
    "contacts_of",
    "filter_evidence",
    "graph_summary",
    "merge_exports",
]

#: Which evidence kinds each filter level keeps.
EVIDENCE_LEVELS = {
    "observed": ("export",),
    "declared": ("export", "declared"),
    "all": ("export", "declared", "inferred"),
}
#: Inference rules ``build_graph(infer=...)`` knows, with the confidence given to their ties.
INFERENCE_RULES = {"same_company": 0.3, "shared_employer": 0.5, "group_chat": 0.6}

_EVIDENCE_RANK = {"export": 0, "declared": 1}
_MET_VALUES = ("in_person", "online", "unknown")


def _is_missing(value):
    """None, NaN, NaT or pd.NA; never text or a container (pandas' isna of a list is an array)."""
    if value is None or isinstance(value, (str, list, tuple, set, frozenset, dict)):
        return value is None
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _as_date(value):
    """A ``datetime.date`` from a Timestamp/date/str, or None."""
    if _is_missing(value) or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    stamp = pd.to_datetime(value, errors="coerce")
    return None if pd.isna(stamp) else stamp.date()


def _text(value):
    return "" if _is_missing(value) else str(value).strip()


def _evidence_rank(evidence):
    return _EVIDENCE_RANK.get(evidence, 2)


def _tie_weights(values, weight):
    """Raw tie weights as a float array, each read and checked as :func:`_tie_weight` reads one."""
    try:
        w = np.fromiter(map(float, values), dtype=float, count=len(values))
    except (TypeError, ValueError):
        w = None
    if w is None or np.isnan(w).any() or (w < 0).any():
        # Rare: the one-value check names the offending value.
        w = np.array([_tie_weight({weight: value}, weight) for value in values], dtype=float)
    return w


def _sorted_keys(items):
    """Sort people keys; fall back to their repr when keys of different types are mixed."""
    items = list(items)
    try:
        return sorted(items)
    except TypeError:
        return sorted(items, key=repr)


def _tie_weight(data, weight):
    """Tie weight read as *strength*; a missing attribute counts as 1 (networkx's convention)."""
    if weight is None:
        return 1.0
    value = data.get(weight, 1.0)
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise InputError(f"tie weight '{weight}' must be a number (found {value!r}).") from None
    if math.isnan(value) or value < 0:
        raise InputError(f"tie weight '{weight}' must be a non-negative number (found {value}).")
    return value


# Reads of a graph into arrays, shared by the analyses run inside one `_shared_reads` block.
_SHARED = contextvars.ContextVar("netanalysis_shared_reads", default=None)


@contextlib.contextmanager
def _shared_reads():
    """Within the block, each graph is read into arrays once per kind of read, not once per analysis.

    For a caller that runs several analyses on graphs it does not change while the block runs
    (``build_report``). Nothing is stored on the graph; the reads are dropped when the block ends.
    The shared arrays are read-only, so no analysis can change another's input.
    """
    memo = {}
    token = _SHARED.set(memo)
    try:
        yield
    finally:
        _SHARED.reset(token)
        # A computation started in the background and never collected (an error, Ctrl-C) stops.
        for _, value in memo.values():
            for item in value if isinstance(value, tuple) else ():
                if hasattr(item, "close"):
                    item.close()


def _shared_reads_active():
    """Whether this code runs inside a :func:`_shared_reads` block."""
    return _SHARED.get() is not None


def _shared_peek(G, what):
    """What :func:`_shared` holds for ``G`` and ``what`` inside :func:`_shared_reads`, else None (never computes)."""
    memo = _SHARED.get()
    hit = None if memo is None else memo.get((id(G), what))
    return hit[1] if hit is not None and hit[0] is G else None


def _igraph_helper(G):
    """The helper process for igraph's jobs on ``G``, one per :func:`_shared_reads` block (stopped with it)."""
    from ._igraph_job import Helper

    return _shared(G, ("igraph helper",), lambda: (Helper(),))[0]


def _shared(G, what, compute):
    """``compute()``, or inside :func:`_shared_reads` its earlier result for the same graph and ``what``."""
    memo = _SHARED.get()
    if memo is None:
        return compute()
    key = (id(G), what)
    hit = memo.get(key)
    if hit is None or hit[0] is not G:  # the graph is held, so its id cannot be reused meanwhile
        value = compute()
        for array in (value.values() if isinstance(value, dict) else value):
            if isinstance(array, np.ndarray):
                array.flags.writeable = False
        hit = memo[key] = (G, value)
    return hit[1]


def _adjacency(H):
    """The raw adjacency dicts of a plain ``nx.Graph`` (fast), else the public view."""
    plain = type(H) is nx.Graph and not nx.is_frozen(H) and not hasattr(H, "_graph")
    return H._adj if plain else H.adj


def _neighbour_ends(adj, nodes):
    """Every (node, neighbour) entry of ``adj`` for ``nodes``, as index arrays, read at C speed.

    Returns ``(counts, src, dst)``: each node's number of neighbours, and per entry the node's
    position in ``nodes`` and its neighbour's (-1 for a neighbour not in ``nodes``). A Python step
    per tie would cost tens of seconds at two million ties; ``map`` over each dict does not.
    """
    index = {n: i for i, n in enumerate(nodes)}
    lookup, outside = index.get, itertools.repeat(-1)
    counts, ends = [], []
    for a in nodes:
        neighbours = adj[a]
        counts.append(len(neighbours))
        ends.extend(map(lookup, neighbours, outside))
    src = np.repeat(np.arange(len(nodes), dtype=np.int64), counts)
    return counts, src, np.array(ends, dtype=np.int64)


def _neighbour_values(adj, nodes, counts, keep, weight, default=1.0):
    """The raw ``weight`` attribute (``default`` when missing) of the kept entries of :func:`_neighbour_ends`."""
    flags, values, at = keep.tolist(), [], 0
    get = operator.methodcaller("get", weight, default)
    for a, count in zip(nodes, counts, strict=True):
        values.extend(map(get, itertools.compress(adj[a].values(), flags[at:at + count])))
        at += count
    return values


def _ends(G):
    """:func:`_neighbour_ends` of everyone in ``G``, in sorted key order: ``(nodes, counts, src, dst)``.

    The one walk over the adjacency that the analyses of a report share (inside
    :func:`_shared_reads`): ties, contacts' ties and circles' bridges are all read from it.
    """
    def read():
        nodes = _sorted_keys(G.nodes)
        return (nodes, *_neighbour_ends(_adjacency(G), nodes))

    return _shared(G, ("ends",), read)


def _edge_values(G, attr, default=None):
    """Each tie's ``attr`` (``default`` when missing), once per tie, read at C speed (undirected ``G``)."""
    nodes, counts, src, dst = _ends(G)
    return _neighbour_values(_adjacency(G), nodes, counts, dst >= src, attr, default)  # a self-loop once


def _current_position(export):
    """The owner's current (or latest) employer and title from Positions.csv."""
    positions = getattr(export, "positions", None)
    if positions is None or len(positions) == 0:
        return "", ""
    frame = positions.copy()
    current = frame[frame["finished_on"].isna()] if "finished_on" in frame else frame
    row = (current if len(current) else frame).iloc[0]
    return _text(row.get("company")), _text(row.get("title"))


class _Builder:
    """Accumulates people and ties, then emits a graph in sorted order."""

    def __init__(self):
        self.nodes = {}
        self.edges = {}
        self.alias = {}

    def canonical(self, key):
        while key in self.alias:
            key = self.alias[key]
        return key

    def add_person(self, key, *, name="", company="", position="", key_source="url", ego=False, listed_by=None):
        key = self.canonical(key)
        node = self.nodes.get(key)
        if node is None:
            node = self.nodes[key] = {
                "name": "", "company": "", "position": "", "ego": False,
                "exports": set(), "key_source": key_source,
            }
        for attr, value in (("name", name), ("company", company), ("position", position)):
            if value and not node[attr]:
                node[attr] = value
        node["ego"] = node["ego"] or ego
        if listed_by:
            node["exports"].add(listed_by)
        return key

    def add_tie(self, u, v, *, evidence, confidence=1.0, connected_on=None, messages=0,
                last_contact=None, met=None, met_source=None):
        u, v = self.canonical(u), self.canonical(v)
        if u == v:
            return None
        pair = (u, v) if u < v else (v, u)
        edge = self.edges.get(pair)
        if edge is None:
            edge = self.edges[pair] = {
                "met": "unknown", "met_source": "none", "evidence": evidence, "sources": set(),
                "confidence": confidence, "connected_on": None, "messages": 0, "last_contact": None,
            }
        edge["sources"].add(evidence)
        if _evidence_rank(evidence) < _evidence_rank(edge["evidence"]) or (
            _evidence_rank(evidence) == _evidence_rank(edge["evidence"]) and confidence > edge["confidence"]
        ):
            edge["evidence"] = evidence
            edge["confidence"] = confidence
        if connected_on is not None:
            edge["connected_on"] = min(filter(None, (edge["connected_on"], connected_on)))
        # Two exports list the same conversation from both sides: keep the larger count, not the sum.
        edge["messages"] = max(edge["messages"], int(messages or 0))
        if last_contact is not None:
            edge["last_contact"] = max(filter(None, (edge["last_contact"], last_contact)))
        if met is not None:
            edge["met"], edge["met_source"] = met, met_source
        return pair

    def merge_into(self, old, new):
        """Make ``old`` an alias of ``new`` and move its attributes and ties."""
        old, new = self.canonical(old), self.canonical(new)
        if old == new:
            return
        data = self.nodes.pop(old)
        self.alias[old] = new
        target = self.nodes[new]
        for attr in ("name", "company", "position"):
            if not target[attr]:
                target[attr] = data[attr]
        target["ego"] = target["ego"] or data["ego"]
        target["exports"] |= data["exports"]
        for pair in [p for p in self.edges if old in p]:
            edge = self.edges.pop(pair)
            other = pair[1] if pair[0] == old else pair[0]
            if other == new:
                continue
            merged = self.add_tie(new, other, evidence=edge["evidence"], confidence=edge["confidence"],
                                  connected_on=edge["connected_on"], messages=edge["messages"],
                                  last_contact=edge["last_contact"])
            self.edges[merged]["sources"] |= edge["sources"]
            if edge["met_source"] != "none":
                self.edges[merged]["met"] = edge["met"]
                self.edges[merged]["met_source"] = edge["met_source"]

    def add_people(self, rows):
        """Add many contacts at once (a frame as :func:`_contact_rows` makes), as ``add_person`` would.

        The first non-empty name, company and position win, in the order of the rows; people
        already known (the owners) keep theirs.
        """
        if len(rows) == 0:
            return
        # Keys numbered in order of first appearance; np.unique's first index of each number is
        # then the first row of each key, and of each key among the rows with a value.
        codes, keys = pd.factorize(rows["key"].to_numpy(dtype=object))
        keys = np.asarray(keys, dtype=object)
        firsts = {}
        for attr in ("name", "company", "position"):
            values = rows[attr].to_numpy(dtype=object)
            filled = np.flatnonzero(values != "")
            found, at = np.unique(codes[filled], return_index=True)
            firsts[attr] = dict(zip(keys[found].tolist(), values[filled[at]].tolist(), strict=True))
        first_rows = np.unique(codes, return_index=True)[1]
        listed = defaultdict(set)
        for key, owner in zip(rows["key"].tolist(), rows["listed_by"].tolist(), strict=True):
            listed[key].add(owner)
        sources = rows["key_source"].to_numpy(dtype=object)[first_rows].tolist()
        for key, source in zip(keys.tolist(), sources, strict=True):
            name, company, position = (firsts[attr].get(key, "") for attr in ("name", "company", "position"))
            key = self.add_person(key, name=name, company=company, position=position, key_source=source)
            self.nodes[key]["exports"].update(listed[key])

    def add_export_ties(self, rows):
        """Add many ``evidence="export"`` ties at once (a frame as :func:`_owner_tie_rows` makes).

        Several rows for one pair merge as ``add_tie`` merges them: the earliest ``connected_on``,
        the largest message count, the latest ``last_contact``.
        """
        rows = rows[rows["u"] != rows["v"]]
        if len(rows) == 0:
            return
        # Group on one integer per pair: codes of the sorted keys keep the pairs in sorted order.
        codes, keys = pd.factorize(pd.concat([rows["u"], rows["v"]], ignore_index=True), sort=True)
        pair_code = codes[: len(rows)].astype("int64") * len(keys) + codes[len(rows):]
        order = np.argsort(pair_code, kind="stable")
        pair_code = pair_code[order]
        starts = np.flatnonzero(np.r_[True, pair_code[1:] != pair_code[:-1]])
        # fmin/fmax skip NaT, as min/max of several exports' dates should.
        first_days = np.fmin.reduceat(rows["connected_on"].to_numpy(dtype="datetime64[ns]")[order], starts)
        counts = np.maximum.reduceat(rows["messages"].to_numpy(dtype="int64")[order], starts)
        last_days = np.fmax.reduceat(rows["last_contact"].to_numpy(dtype="datetime64[ns]")[order], starts)
        key_array = np.asarray(keys, dtype=object)
        unique = pair_code[starts]
        pairs = list(zip(key_array[unique // len(keys)].tolist(), key_array[unique % len(keys)].tolist(), strict=True))
        for pair, day, count, last in zip(pairs, _dates(first_days), counts.tolist(), _dates(last_days), strict=True):
            if pair in self.edges:  # never at present (export ties come first); keep add_tie's merge rules
                self.add_tie(*pair, evidence="export", connected_on=day, messages=count, last_contact=last)
                continue
            self.edges[pair] = {
                "met": "unknown", "met_source": "none", "evidence": "export", "sources": {"export"},
                "confidence": 1.0, "connected_on": day, "messages": count, "last_contact": last,
            }

    def to_graph(self):
        """The graph, nodes and ties inserted in sorted order (the builder is spent afterwards)."""
        G = nx.Graph()
        for data in self.nodes.values():
            data["exports"] = sorted(data["exports"])
        for data in self.edges.values():
            data["sources"] = sorted(data["sources"])
        G.add_nodes_from((key, self.nodes[key]) for key in sorted(self.nodes))
        # What add_edges_from does for a new tie, without its per-tie checks and dict copy (a
        # third of the build at two million ties): both ends share the builder's fresh dict,
        # inserted in the same sorted order, so the graph is identical.
        adj = G._adj
        for u, v in sorted(self.edges):
            try:
                adj[u][v] = adj[v][u] = self.edges[u, v]
            except KeyError:  # an end that is not a person yet: let networkx add it
                G.add_edge(u, v, **self.edges[u, v])
        return G


@contextlib.contextmanager
def _gc_paused():
    """Pause Python's cycle collector while building hundreds of thousands of dicts.

    They hold no reference cycles, yet each allocation burst triggers collections that walk every
    tracked object: about half of the graph's build time at 300,000 ties.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _dates(values):
    """``datetime.date`` objects (None where missing) from datetime64 values (a Series or an array)."""
    # A few thousand distinct days among millions of ties: build each date object once.
    days = pd.to_datetime(values).to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    distinct, inverse = np.unique(days, return_inverse=True)
    objects = np.array([None if np.isnat(d) else d.item() for d in distinct] or [None], dtype=object)
    return objects[inverse.ravel()].tolist() if len(days) else []


def _clean_text(values):
    """:func:`_text` over a whole column: missing values become "" and text is stripped (an object array)."""
    # Each distinct value once (a name recurs in every export listing the person); a list
    # comprehension, as pandas' .str.strip on an object column costs ten times more.
    codes, distinct = pd.factorize(values.astype(object).to_numpy())
    clean = [v.strip() if type(v) is str else _text(v) for v in distinct.tolist()]
    return np.array([*clean, ""], dtype=object)[codes]  # code -1 (missing) takes the last: ""


_CONTACT_COLUMNS = ["key", "name", "company", "position", "key_source"]


def _all_contacts(exports, owners, columns):
    """The given contact columns of every export, concatenated, with the owner of each row."""
    frames = [export.contacts[columns] for export in exports]
    if not frames:
        return pd.DataFrame(columns=columns), np.array([], dtype=object)
    listed_by = np.repeat(np.array(owners, dtype=object), [len(f) for f in frames])
    return pd.concat(frames, ignore_index=True), listed_by


def _contact_rows(exports, owners):
    """Every export's contacts as one frame: key, name, company, position, key_source, listed_by."""
    contacts, listed_by = _all_contacts(exports, owners, _CONTACT_COLUMNS)
    return pd.DataFrame({
        "key": contacts["key"].astype(object).to_numpy(), "name": _clean_text(contacts["name"]),
        "company": _clean_text(contacts["company"]), "position": _clean_text(contacts["position"]),
        "key_source": contacts["key_source"].astype(object).to_numpy(), "listed_by": listed_by,
    }, columns=[*_CONTACT_COLUMNS, "listed_by"])


def _owner_tie_rows(builder, exports, owners):
    """Every owner–contact tie as one frame: u < v, connected_on, messages, last_contact."""
    contacts, owner = _all_contacts(exports, owners, ["key", "connected_on"])
    raw = contacts["key"].astype(object).to_numpy()
    counts, lasts = _owner_messages(exports, raw)
    contact = raw
    if builder.alias:
        contact = np.array([builder.canonical(k) for k in contact.tolist()], dtype=object)
    first = contact < owner
    return pd.DataFrame({
        "u": np.where(first, contact, owner), "v": np.where(first, owner, contact),
        "connected_on": pd.to_datetime(contacts["connected_on"]).to_numpy(dtype="datetime64[ns]"),
        "messages": counts, "last_contact": lasts,
    })


def _owner_messages(exports, contact_keys):
    """For each contact row of every export (``contact_keys``, the exports' contacts in turn): the
    messages exchanged with that export's owner, and the newest one's time (naive UTC, NaT if none).

    One pass over every export's messages together: per export, pandas' fixed costs came to about
    a second for a hundred exports.
    """
    sizes = [len(export.contacts) for export in exports]
    people, stamps, which = [], [], []
    for i, export in enumerate(exports):
        other, when = _message_people(export, export.owner["key"])
        people.append(other)
        stamps.append(when)
        which.append(np.full(len(other), i, dtype=np.int64))
    people = np.concatenate([np.array([], dtype=object), *people])
    codes, _ = pd.factorize(np.concatenate([people, contact_keys]))
    size = int(codes.max()) + 1 if len(codes) else 1
    # One integer per (export, person): the pairs exchanged with, and the pairs asked about.
    exchanged = np.concatenate([np.array([], dtype=np.int64), *which]) * size + codes[: len(people)]
    asked = np.repeat(np.arange(len(exports), dtype=np.int64), sizes) * size + codes[len(people):]
    never = np.iinfo(np.int64).min  # NaT's integer
    if not len(exchanged):  # no owner exchanged a message
        return np.zeros(len(asked), dtype="int64"), np.full(len(asked), never).view("datetime64[ns]")
    pairs, inverse = np.unique(exchanged, return_inverse=True)
    count = np.bincount(inverse, minlength=len(pairs))
    last = np.full(len(pairs), never)
    np.maximum.at(last, inverse, np.concatenate(stamps))
    at = np.minimum(np.searchsorted(pairs, asked), len(pairs) - 1)
    found = (pairs[at] == asked) & (codes[len(people):] >= 0)  # a missing key is nobody's
    counts = np.where(found, count[at], 0).astype("int64")
    lasts = np.where(found, last[at], never).view("datetime64[ns]")
    return counts, lasts


def _message_people(export, owner):
    """Everyone the owner exchanged a message with, once per message (``other``), and its time
    (``when``, nanoseconds since the epoch, UTC). A message to a group of n people counts once
    per message per person, never more."""
    messages = getattr(export, "messages", None)
    if messages is None or len(messages) == 0:
        return np.array([], dtype=object), np.array([], dtype=np.int64)
    senders = messages["sender_key"].to_numpy(dtype=object)
    recipients = messages["recipient_keys"].tolist()
    # Nanoseconds since the epoch (UTC): numpy works on them without time-zone objects.
    stamps = pd.to_datetime(messages["date"], utc=True).dt.as_unit("ns").array.asi8
    # Sent by the owner: one row per recipient. Received: one row for the sender.
    by_owner = senders == owner
    sent = np.flatnonzero(by_owner)
    groups = [recipients[i] if isinstance(recipients[i], (list, tuple)) else () for i in sent.tolist()]
    received = [i for i, (group, mine) in enumerate(zip(recipients, by_owner.tolist(), strict=True))
                if not mine and isinstance(group, (list, tuple)) and owner in group]
    other = np.array([*itertools.chain.from_iterable(groups), *senders[received].tolist()], dtype=object)
    when = np.concatenate([np.repeat(stamps[sent], [len(g) for g in groups]), stamps[received]]).astype(np.int64)
    keep = pd.notna(other) & (other != "") & (other != owner)
    return other[keep], when[keep]


def _message_table(export, owner):
    """Messages exchanged between the owner and each person: a frame indexed by key, ``count``, ``last``.

    ``last`` is the newest message's timestamp. A message to a group of n people counts once per
    message per person, never more.
    """
    other, when = _message_people(export, owner)
    if not len(other):
        return pd.DataFrame({"count": pd.Series(dtype="int64"), "last": pd.Series(dtype="datetime64[ns, UTC]")})
    codes, keys = pd.factorize(other)
    last = np.full(len(keys), np.iinfo(np.int64).min)
    np.maximum.at(last, codes, when)
    index = pd.Index(keys, dtype=object, name="key")
    return pd.DataFrame({"count": np.bincount(codes, minlength=len(keys)).astype("int64"),
                         "last": pd.DatetimeIndex(last.view("datetime64[ns]"), tz="UTC")}, index=index).sort_index()


def _message_counts(export, owner):
    """Messages exchanged between the owner and each person, and the last date, from messages.csv.

    Two dicts keyed by person key: the number of messages and the ``datetime.date`` of the newest.
    """
    table = _message_table(export, owner)
    return table["count"].to_dict(), dict(zip(table.index, _dates(table["last"]), strict=True))


def _group_chats(export, owner):
    """Sets of people (besides the owner) who shared a conversation with the owner."""
    messages = getattr(export, "messages", None)
    if messages is None or len(messages) == 0:
        return []
    groups = defaultdict(set)
    for conversation, sender, recipients in zip(
        messages["conversation_id"], messages["sender_key"], messages["recipient_keys"], strict=True
    ):
        people = {sender, *(recipients or ())} - {"", None}
        groups[conversation] |= people
    return [sorted(people - {owner}) for _, people in sorted(groups.items()) if owner in people]


def _owner_record(export):
    owner = export.owner or {}
    key = owner.get("key") or ""
    if not key:
        raise InputError(f"{export.path}: the export's owner could not be identified; pass their profile URL with --ego-url.")
    return key


def _resolve_name_keys(builder):
    """Merge people keyed by name into the URL-keyed person they obviously are.

    A name-keyed person (a row without URL, or an owner found by profile name) is merged when
    exactly one URL-keyed person has the same normalised name and, for contacts, the same company.
    """
    if all(data["key_source"] == "url" for data in builder.nodes.values()):
        return  # nobody to resolve (the usual case): skip normalising every name
    by_name = defaultdict(list)
    for key, data in builder.nodes.items():
        if data["key_source"] == "url":
            by_name[normalize_name(data["name"])].append(key)
    for key in sorted(k for k, d in builder.nodes.items() if d["key_source"] != "url"):
        data = builder.nodes.get(key)
        if data is None:
            continue
        candidates = by_name.get(normalize_name(data["name"]), [])
        if not data["ego"] and data["company"]:
            company = normalize_company(data["company"])
            candidates = [c for c in candidates if normalize_company(builder.nodes[c]["company"]) == company]
        if len(candidates) == 1 and normalize_name(data["name"]):
            builder.merge_into(key, candidates[0])


def _find_person(G, *, key="", url="", name="", company="", among=None):
    """Match an annotation row to a node: by key, then profile URL, then normalised name."""
    pool = G if among is None else among
    if key and key in pool:
        return key, "key"
    url_key = profile_key(url) if url else ""
    if not url_key and key:
        url_key = profile_key(key)
    if url_key and url_key in pool:
        return url_key, "url"
    wanted = normalize_name(name)
    if wanted:
        matches = [n for n in pool if normalize_name(G.nodes[n].get("name", "")) == wanted]
        if len(matches) > 1 and company:
            company_key = normalize_company(company)
            matches = [n for n in matches if normalize_company(G.nodes[n].get("company", "")) == company_key]
        if len(matches) == 1:
            return matches[0], "name"
        if len(matches) > 1:
            return None, f"the name matches {len(matches)} people"
    return None, "no contact with this key, URL or name"


def _apply_ties(G, ego, ties):
    """Write the user's met-in-person declarations onto the ego's ties."""
    table = ties.table
    contacts = set(G.neighbors(ego))
    matched, unmatched = 0, []
    for row in table.itertuples(index=False):
        person, how = _find_person(G, key=_text(row.key), url=_text(getattr(row, "url", "")),
                                   name=_text(row.name), company=_text(getattr(row, "company", "")),
                                   among=contacts)
        if person is None:
            unmatched.append({"line": int(row.line), "name": _text(row.name) or _text(row.key), "reason": how})
            continue
        matched += 1
        edge = G.edges[ego, person]
        if row.met in ("in_person", "online"):
            edge["met"], edge["met_source"] = row.met, "declared"
        for column, attr in (("where_met", "met_where"), ("when_met", "met_when"), ("notes", "notes")):
            value = _text(getattr(row, column, ""))
            if value:
                edge[attr] = value
        declared_last = _as_date(getattr(row, "last_contact", None))
        if declared_last and (edge["last_contact"] is None or declared_last > edge["last_contact"]):
            edge["last_contact"] = declared_last
    report = ties.report
    skipped = [{"line": s.line, "reason": s.reason} for s in getattr(report, "skipped", [])]
    return {"rows": int(getattr(report, "rows", len(table))), "matched": matched,
            "unmatched": unmatched, "skipped": skipped}


def _apply_knows(G, knows):
    """Add the ties the user declares between two people (knows.csv)."""
    added, existing, unmatched = 0, 0, []
    for row in knows.table.itertuples(index=False):
        ends = []
        for side in (row.a, row.b):
            text = _text(side)
            person, how = _find_person(G, key=text, url=text if "linkedin" in text.lower() else "", name=text)
            ends.append((person, how, text))
        missing = [(text, how) for person, how, text in ends if person is None]
        if missing or ends[0][0] == ends[1][0]:
            reason = "; ".join(f"'{t}': {h}" for t, h in missing) or "both sides are the same person"
            unmatched.append({"line": int(row.line), "a": ends[0][2], "b": ends[1][2], "reason": reason})
            continue
        u, v = ends[0][0], ends[1][0]
        met = _text(getattr(row, "met", "")) or "unknown"
        if G.has_edge(u, v):
            existing += 1
            edge = G.edges[u, v]
            edge["sources"] = sorted({*edge["sources"], "declared"})
            if _evidence_rank("declared") < _evidence_rank(edge["evidence"]):
                edge["evidence"], edge["confidence"] = "declared", 1.0
        else:
            G.add_edge(u, v, met="unknown", met_source="none", evidence="declared", sources=["declared"],
                       confidence=1.0, connected_on=None, messages=0, last_contact=None)
            added += 1
        if met in ("in_person", "online"):
            G.edges[u, v]["met"], G.edges[u, v]["met_source"] = met, "declared"
        note = _text(getattr(row, "note", ""))
        if note:
            G.edges[u, v]["notes"] = note
    report = getattr(knows, "report", None)
    skipped = [{"line": s.line, "reason": s.reason} for s in getattr(report, "skipped", [])]
    # Every row is accounted for: added, already a tie, unmatched, or set aside by the reader.
    return {"rows": int(getattr(report, "rows", len(knows.table))), "added": added, "existing": existing,
            "unmatched": unmatched, "skipped": skipped}


def _infer_same_company(builder, cap):
    groups = defaultdict(list)
    for key, data in builder.nodes.items():
        company = normalize_company(data["company"])
        if company:
            groups[company].append(key)
    added, skipped = 0, []
    for company, members in sorted(groups.items()):
        if len(members) > cap:
            skipped.append({"company": company, "people": len(members)})
            continue
        for u, v in itertools.combinations(sorted(members), 2):
            pair = (u, v)
            if pair not in builder.edges:
                added += 1
            builder.add_tie(u, v, evidence="inferred:same_company", confidence=INFERENCE_RULES["same_company"])
    return {"ties": added, "skipped_companies": skipped, "cap": cap}


def _employment_spans(export):
    positions = getattr(export, "positions", None)
    if positions is None or len(positions) == 0:
        return []
    spans = []
    for row in positions.itertuples(index=False):
        company = normalize_company(row.company)
        start = _as_date(row.started_on) or _dt.date.min
        end = _as_date(row.finished_on) or _dt.date.max
        if company:
            spans.append((company, start, end))
    return spans


def _infer_shared_employer(builder, exports, owners):
    """Owners whose Positions.csv show the same employer at overlapping times."""
    spans = {builder.canonical(owner): _employment_spans(export) for export, owner in zip(exports, owners, strict=True)}
    added = 0
    for u, v in itertools.combinations(sorted(spans), 2):
        overlap = any(
            cu == cv and su <= ev and sv <= eu for cu, su, eu in spans[u] for cv, sv, ev in spans[v]
        )
        if overlap and u != v:
            if (min(u, v), max(u, v)) not in builder.edges:
                added += 1
            builder.add_tie(u, v, evidence="inferred:shared_employer", confidence=INFERENCE_RULES["shared_employer"])
    return {"ties": added}


def _infer_group_chat(builder, exports, owners, cap):
    """People who shared a conversation with an owner (up to ``cap`` participants) know each other."""
    added = 0
    for export, owner in zip(exports, owners, strict=True):
        for people in _group_chats(export, owner):
            people = sorted({builder.canonical(p) for p in people if builder.canonical(p) in builder.nodes})
            if len(people) < 2 or len(people) > cap:
                continue
            for u, v in itertools.combinations(people, 2):
                if (u, v) not in builder.edges:
                    added += 1
                builder.add_tie(u, v, evidence="inferred:group_chat", confidence=INFERENCE_RULES["group_chat"])
    return {"ties": added}


@python_strings
def build_graph(exports, *, ties=None, knows=None, infer=(), company_cap=50, suggest_met=False,
                strength_weights=None):
    """Build one undirected graph of people and ties from LinkedIn exports.

    Each export contributes its owner, its contacts and the owner–contact ties (``evidence="export"``).
    With several exports (a team or a workshop cohort), the same person listed by different exports
    becomes one node, so ties *between* contacts appear wherever one person's export lists another.

    Parameters
    ----------
    exports : Export or list of Export
        What :func:`netanalysis.io.read_export` returned. The first export's owner is the ego.
    ties : Ties, optional
        The ego's ``ties.csv`` (:func:`netanalysis.io.read_ties`): which contacts were met in
        person. Rows are matched to the ego's contacts by key, then profile URL, then name; rows
        that match nobody are listed in ``G.graph["ties_file"]["unmatched"]``.
    knows : Knows, optional
        ``knows.csv`` (:func:`netanalysis.io.read_knows`): pairs the user knows to know each other,
        added with ``evidence="declared"``; unmatched pairs are listed in ``G.graph["knows_file"]``.
    infer : iterable of str
        Inference rules to apply, from :data:`INFERENCE_RULES`: ``"same_company"`` (same current
        employer, capped per company), ``"shared_employer"`` (owners with overlapping employment in
        Positions.csv), ``"group_chat"`` (people in the same conversation with an owner). Inferred
        ties are labelled ``evidence="inferred:<rule>"`` with a confidence below 1.
    company_cap : int
        Companies with more people than this get no ``same_company`` ties (a large employer would
        otherwise become a quadratic clique); they are listed in ``G.graph["inference"]``.
    suggest_met : bool
        Fill ``met`` from the suggestion rules of :func:`netanalysis.annotations.suggest_met` for
        ties the user did not declare, with ``met_source="rule:<name>"``. Off by default: a
        suggestion is not knowledge.
    strength_weights : dict, optional
        Passed to :func:`netanalysis.strength.tie_strength`, which fills ``strength`` and
        ``distance`` on every tie.

    Returns
    -------
    networkx.Graph
        Nodes and edges inserted in sorted order; attributes as in ``docs/architecture.md``.
        ``G.graph`` holds ``ego``, ``egos``, ``as_of``, ``ties_file``, ``knows_file``, ``inference``.

    Raises
    ------
    InputError
        When no export is given, an owner cannot be identified, or an unknown rule is named.

    Examples
    --------
    >>> import pandas as pd
    >>> from netanalysis.io import Export
    >>> contacts = pd.DataFrame({"key": ["linkedin.com/in/bo", "linkedin.com/in/cy"],
    ...     "key_source": "url", "name": ["Bo", "Cy"], "company": ["Acme", "Acme"],
    ...     "position": ["Engineer", "Analyst"], "connected_on": pd.to_datetime(["2024-03-01", "2025-01-09"])})
    >>> ex = Export(path="x", owner={"key": "linkedin.com/in/al", "name": "Al"}, contacts=contacts)
    >>> G = build_graph(ex, infer=["same_company"])
    >>> sorted(G.edges(data="evidence"))
    [('linkedin.com/in/al', 'linkedin.com/in/bo', 'export'), ('linkedin.com/in/al', 'linkedin.com/in/cy', 'export'), ('linkedin.com/in/bo', 'linkedin.com/in/cy', 'inferred:same_company')]
    >>> G.edges["linkedin.com/in/al", "linkedin.com/in/bo"]["met"]
    'unknown'
    """
    if not isinstance(exports, (list, tuple)):
        exports = [exports]
    if not exports:
        raise InputError("no export was given; pass at least one LinkedIn export.")
    unknown_rules = sorted(set(infer) - set(INFERENCE_RULES))
    if unknown_rules:
        raise InputError(
            f"unknown inference rule {', '.join(unknown_rules)}; choose from {', '.join(INFERENCE_RULES)}."
        )
    placeholder_owners = Counter(e.owner.get("key", "") for e in exports if e.owner.get("identified_by") == "unknown")
    clash = sorted(k for k, n in placeholder_owners.items() if n > 1)
    if clash:
        raise InputError(
            f"{len(exports)} exports have no identifiable owner ({clash[0]}); merge them from the full "
            "archives, or read each with its owner's profile URL (--ego-url)."
        )
    with _gc_paused():
        G, owners, inference = _build(exports, infer, company_cap, suggest_met)
    ego = owners[0]
    G.graph.update(ego=ego, egos=sorted(set(owners)), inference=inference, as_of=_as_of(G, exports))
    G.graph["ties_file"] = _apply_ties(G, ego, ties) if ties is not None else None
    G.graph["knows_file"] = _apply_knows(G, knows) if knows is not None else None
    from . import strength

    if hasattr(strength, "tie_strength"):
        strength.tie_strength(G, weights=strength_weights)
    return G


def _build(exports, infer, company_cap, suggest_met):
    """People and ties of every export, merged: the graph, the owners' (canonical) keys, the inference log."""
    builder = _Builder()
    owners = []
    for export in exports:
        owner = _owner_record(export)
        company, title = _current_position(export)
        source = "url" if owner.startswith("linkedin.com/in/") else "name"
        owners.append(builder.add_person(owner, name=_text(export.owner.get("name")), company=company,
                                         position=title, key_source=source, ego=True, listed_by=owner))
    owner_keys = list(owners)
    builder.add_people(_contact_rows(exports, owner_keys))
    _resolve_name_keys(builder)
    owners = [builder.canonical(o) for o in owner_keys]
    builder.add_export_ties(_owner_tie_rows(builder, exports, owners))
    inference = {}
    if "same_company" in infer:
        inference["same_company"] = _infer_same_company(builder, company_cap)
    if "shared_employer" in infer:
        inference["shared_employer"] = _infer_shared_employer(builder, exports, owner_keys)
    if "group_chat" in infer:
        inference["group_chat"] = _infer_group_chat(builder, exports, owner_keys, company_cap)
    if suggest_met:
        from .annotations import suggest_met as _suggest

        for export, owner in zip(exports, owners, strict=True):
            for row in _suggest(export).itertuples(index=False):
                pair = tuple(sorted((owner, builder.canonical(row.key))))
                if pair in builder.edges and builder.edges[pair]["met_source"] == "none":
                    builder.edges[pair]["met"] = row.suggested
                    builder.edges[pair]["met_source"] = f"rule:{row.rule}"
    return builder.to_graph(), owners, inference


def _as_of(G, exports):
    """The date the data describes: the newest export date, else the newest date on any tie."""
    dates = [d for d in (_as_date(getattr(e, "export_date", None)) for e in exports) if d]
    if not dates:
        dates = [d for _, _, e in G.edges(data=True) for d in (e["connected_on"], e["last_contact"]) if d]
    return max(dates) if dates else None


def merge_exports(exports, **kwargs):
    """Merge several people's exports into one graph; see :func:`build_graph`.

    Wherever person A's export lists B, the tie A–B is observed (``evidence="export"``); a person
    listed by several exports is one node whose ``exports`` attribute names every export listing them.

    Examples
    --------
    >>> import pandas as pd
    >>> from netanalysis.io import Export
    >>> def ex(owner, *keys):
    ...     c = pd.DataFrame({"key": list(keys), "key_source": "url", "name": [k[-2:] for k in keys],
    ...                       "company": "", "position": "", "connected_on": pd.NaT})
    ...     return Export(path=owner, owner={"key": owner, "name": owner[-2:]}, contacts=c)
    >>> G = merge_exports([ex("linkedin.com/in/al", "linkedin.com/in/bo", "linkedin.com/in/cy"),
    ...                    ex("linkedin.com/in/bo", "linkedin.com/in/cy")])
    >>> G.number_of_nodes(), G.number_of_edges()
    (3, 3)
    >>> G.nodes["linkedin.com/in/cy"]["exports"]
    ['linkedin.com/in/al', 'linkedin.com/in/bo']
    """
    return build_graph(list(exports), **kwargs)


def _evidence_kinds(evidence):
    if isinstance(evidence, str):
        if evidence not in EVIDENCE_LEVELS:
            raise InputError(f"unknown evidence filter '{evidence}'; choose from {', '.join(EVIDENCE_LEVELS)}.")
        return EVIDENCE_LEVELS[evidence]
    return tuple(evidence)


def filter_evidence(G, evidence="all"):
    """A view of ``G`` keeping only the ties backed by the given kinds of evidence.

    Parameters
    ----------
    G : networkx.Graph
    evidence : {"observed", "declared", "all"} or iterable of str
        ``"observed"``: ties listed in an export; ``"declared"``: also the ties the user declared;
        ``"all"``: also inferred ties. An iterable names evidence kinds (``"export"``,
        ``"declared"``, ``"inferred"`` or ``"inferred:<rule>"``). A tie is kept when any of its
        ``sources`` is of a kept kind. Every person stays in the view.

    Returns
    -------
    networkx.Graph
        A read-only subgraph view.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", evidence="export", sources=["export"])
    >>> G.add_edge("b", "c", evidence="inferred:same_company", sources=["inferred:same_company"])
    >>> sorted(filter_evidence(G, "observed").edges())
    [('a', 'b')]
    >>> filter_evidence(G, "all").number_of_edges()
    2
    """
    kinds = _evidence_kinds(evidence)

    def keep(u, v):
        data = G.edges[u, v]
        sources = data.get("sources") or [data.get("evidence", "export")]
        return any(s in kinds or s.split(":", 1)[0] in kinds for s in sources)

    return nx.subgraph_view(G, filter_edge=keep)


def contacts_of(G, ego):
    """The ego's contacts (neighbours), sorted.

    Examples
    --------
    >>> contacts_of(nx.Graph([("me", "b"), ("me", "a"), ("a", "b")]), "me")
    ['a', 'b']
    """
    if ego not in G:
        raise InputError(f"'{ego}' is not in the network.")
    return sorted(G.neighbors(ego))


def contact_graph(G, ego):
    """The ties between the ego's contacts: ``G`` without the ego (a view).

    Examples
    --------
    >>> sorted(contact_graph(nx.Graph([("me", "a"), ("me", "b"), ("a", "b")]), "me").edges())
    [('a', 'b')]
    """
    if ego not in G:
        raise InputError(f"'{ego}' is not in the network.")
    return nx.subgraph_view(G, filter_node=lambda n: n != ego)


def graph_summary(G):
    """Counts for a quick look: people, ties, ties by evidence and by ``met``.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", evidence="export", met="in_person")
    >>> G.add_edge("b", "c", evidence="inferred:same_company", met="unknown")
    >>> graph_summary(G)["ties_by_evidence"]
    {'export': 1, 'inferred:same_company': 1}
    """
    by_evidence = Counter(kind for _, _, kind in G.edges(data="evidence", default="export"))
    by_met = Counter(met for _, _, met in G.edges(data="met", default="unknown"))
    return {
        "people": G.number_of_nodes(),
        "ties": G.number_of_edges(),
        "ties_by_evidence": dict(sorted(by_evidence.items())),
        "ties_by_met": {m: by_met.get(m, 0) for m in _MET_VALUES},
    }

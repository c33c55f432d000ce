"""Build the annotated network graph from one or several LinkedIn exports.

Every tie says whether it was met in person, online only, or unknown (``met``), where that
knowledge came from (``met_source``), and what supports the tie itself (``evidence``: listed in an
export, declared by the user, or inferred by a named rule). The model is described in
``docs/architecture.md``.
"""

import contextlib
import gc
from collections import Counter, defaultdict

import networkx as nx
import numpy as np
import pandas as pd

from ._messages import owner_messages
from ._strings import python_strings
from .annotations import suggest_met
from .errors import InputError
from .identity import key_source_of, normalize_company, normalize_name, profile_key
from .inference import INFERENCE_RULES, apply_rules
from .model import (
    EVIDENCE_LEVELS,
    MET_VALUES,
    as_date,
    clean_text,
    contact_graph,
    contacts_of,
    date_objects,
    evidence_rank,
    filter_evidence,
)
from .tiestrength import tie_strength

__all__ = [
    "EVIDENCE_LEVELS",
    "INFERENCE_RULES",
    "annotation_warnings",
    "apply_ties",
    "build_graph",
    "contact_graph",
    "contacts_of",
    "filter_evidence",
    "graph_summary",
    "merge_exports",
]


def _current_position(export):
    """The owner's current (or latest) employer and title from Positions.csv."""
    positions = getattr(export, "positions", None)
    if positions is None or len(positions) == 0:
        return "", ""
    frame = positions.copy()
    current = frame[frame["finished_on"].isna()] if "finished_on" in frame else frame
    row = (current if len(current) else frame).iloc[0]
    return clean_text(row.get("company")), clean_text(row.get("title"))


class _Builder:
    """Accumulates people and ties, then emits a graph in sorted order."""

    def __init__(self):
        self.nodes = {}
        self.edges = {}
        self.alias = {}
        self.identity = None  # what _resolve_name_keys merged and left ambiguous

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
                last_contact=None, met=None, met_source=None, message_weight=0.0):
        u, v = self.canonical(u), self.canonical(v)
        if u == v:
            return None
        pair = (u, v) if u < v else (v, u)
        edge = self.edges.get(pair)
        if edge is None:
            edge = self.edges[pair] = {
                "met": "unknown", "met_source": "none", "evidence": evidence, "sources": set(),
                "confidence": confidence, "connected_on": None, "messages": 0, "last_contact": None,
                "message_weight": 0.0,
            }
        edge["sources"].add(evidence)
        if evidence_rank(evidence) < evidence_rank(edge["evidence"]) or (
            evidence_rank(evidence) == evidence_rank(edge["evidence"]) and confidence > edge["confidence"]
        ):
            edge["evidence"] = evidence
            edge["confidence"] = confidence
        if connected_on is not None:
            edge["connected_on"] = min(filter(None, (edge["connected_on"], connected_on)))
        # Two exports list the same conversation from both sides: keep the larger count, not the sum.
        edge["messages"] = max(edge["messages"], int(messages or 0))
        edge["message_weight"] = max(edge["message_weight"], float(message_weight or 0.0))
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
                                  last_contact=edge["last_contact"], message_weight=edge["message_weight"])
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
        weights = np.maximum.reduceat(rows["message_weight"].to_numpy(dtype=float)[order], starts).tolist()
        last_days = np.fmax.reduceat(rows["last_contact"].to_numpy(dtype="datetime64[ns]")[order], starts)
        key_array = np.asarray(keys, dtype=object)
        unique = pair_code[starts]
        pairs = list(zip(key_array[unique // len(keys)].tolist(), key_array[unique % len(keys)].tolist(), strict=True))
        for pair, day, count, last, weight in zip(pairs, date_objects(first_days), counts.tolist(),
                                                  date_objects(last_days), weights, strict=True):
            if pair in self.edges:  # never at present (export ties come first); keep add_tie's merge rules
                self.add_tie(*pair, evidence="export", connected_on=day, messages=count, last_contact=last,
                             message_weight=weight)
                continue
            self.edges[pair] = {
                "met": "unknown", "met_source": "none", "evidence": "export", "sources": {"export"},
                "confidence": 1.0, "connected_on": day, "messages": count, "last_contact": last,
                "message_weight": weight,
            }

    def to_graph(self):
        """The graph, nodes and ties inserted in sorted order (the builder is spent afterwards)."""
        G = nx.Graph(**({"identity": self.identity} if self.identity is not None else {}))
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


def _clean_column(values):
    """:func:`netanalysis.model.clean_text` over a whole column: missing values become "" and text is stripped (an object array)."""
    # Each distinct value once (a name recurs in every export listing the person); a list
    # comprehension, as pandas' .str.strip on an object column costs ten times more.
    codes, distinct = pd.factorize(values.astype(object).to_numpy())
    clean = [v.strip() if type(v) is str else clean_text(v) for v in distinct.tolist()]
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
        "key": contacts["key"].astype(object).to_numpy(), "name": _clean_column(contacts["name"]),
        "company": _clean_column(contacts["company"]), "position": _clean_column(contacts["position"]),
        "key_source": contacts["key_source"].astype(object).to_numpy(), "listed_by": listed_by,
    }, columns=[*_CONTACT_COLUMNS, "listed_by"])


def _owner_tie_rows(builder, exports, owners):
    """Every owner–contact tie as one frame: u < v, connected_on, messages, last_contact."""
    contacts, owner = _all_contacts(exports, owners, ["key", "connected_on"])
    raw = contacts["key"].astype(object).to_numpy()
    counts, lasts, weights = owner_messages(exports, raw)
    contact = raw
    if builder.alias:
        contact = np.array([builder.canonical(k) for k in contact.tolist()], dtype=object)
    first = contact < owner
    return pd.DataFrame({
        "u": np.where(first, contact, owner), "v": np.where(first, owner, contact),
        "connected_on": pd.to_datetime(contacts["connected_on"]).to_numpy(dtype="datetime64[ns]"),
        "messages": counts, "last_contact": lasts, "message_weight": weights,
    })


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
        if data["ego"]:  # an owner is never someone their own list names (Ana Lima may know another Ana Lima)
            candidates = [c for c in candidates if not builder.nodes[c]["exports"] & data["exports"]]
        if len(candidates) == 1 and normalize_name(data["name"]):
            builder.merge_into(key, candidates[0])
    _merge_empty_companies(builder)


def _merge_empty_companies(builder):
    """A name key without company (``name:x|``: a row with neither URL nor company, or an owner
    found by profile name) merges into the one other person of that name; with several it stays
    apart and is listed as ambiguous in ``G.graph["identity"]``.

    The other person must not be listed by the same export (an export never lists a person
    twice) and, when this one has a company (an owner's current position), must work there too.
    """
    by_name = defaultdict(list)
    for key, data in builder.nodes.items():
        name = normalize_name(data["name"])
        if name:
            by_name[name].append(key)
    merged, ambiguous = 0, []
    for key in sorted(k for k, d in builder.nodes.items() if d["key_source"] == "name" and k.endswith("|")):
        data = builder.nodes.get(key)
        if data is None:
            continue
        company = normalize_company(data["company"])

        def fits(other, data=data, company=company):
            if other["exports"] & data["exports"]:
                return False
            theirs = normalize_company(other["company"])
            return theirs == company if company else bool(theirs)

        others = [k for k in by_name.get(normalize_name(data["name"]), ())
                  if k != key and k in builder.nodes and fits(builder.nodes[k])]
        if len(others) == 1:
            builder.merge_into(key, others[0])
            merged += 1
        elif others:
            ambiguous.append({"key": key, "name": data["name"], "candidates": len(others)})
    builder.identity = {"merged_without_company": merged, "ambiguous": ambiguous}


def _find_person(G, *, key="", url="", name="", company="", among=None, names=None):
    """Match an annotation row to a node: by key, then profile URL, then normalised name.

    ``names`` (optional) is a function returning the pool's people by normalised name (see
    :func:`_name_index`): a file of many rows then normalises the pool's names once, not per row.
    """
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
        if names is not None:
            matches = list(names().get(wanted, ()))
        else:
            matches = [n for n in pool if normalize_name(G.nodes[n].get("name", "")) == wanted]
        if len(matches) > 1 and company:
            company_key = normalize_company(company)
            matches = [n for n in matches if normalize_company(G.nodes[n].get("company", "")) == company_key]
        if len(matches) == 1:
            return matches[0], "name"
        if len(matches) > 1:
            return None, f"the name matches {len(matches)} people"
    return None, "no contact with this key, URL or name"


def _name_index(G, pool):
    """A function giving ``pool``'s people by normalised name, computed on its first call only."""
    index = {}

    def names():
        if not index:
            index[None] = None  # computed, even for an empty pool
            for n in pool:
                index.setdefault(normalize_name(G.nodes[n].get("name", "")), []).append(n)
        return index

    return names


def _ties_rows(table):
    """The ties table's cells as stripped text, column by column (what :func:`_find_person` reads)."""
    def column(name):
        if name not in table.columns:
            return [""] * len(table)
        return [v.strip() if type(v) is str else clean_text(v) for v in table[name].tolist()]

    return {c: column(c) for c in ("key", "url", "name", "company", "where_met", "when_met", "notes")}


#: A ties.csv "fits another owner far better" when that owner's contacts match at least this many
#: times as many of its rows as the ego's contacts do (and at least half of its rows).
TIES_FIT_RATIO = 2


def _ties_fit(G, ties, owner, rows=None):
    """How many rows of ``ties`` match a contact of ``owner`` (key, profile URL, then name)."""
    contacts = set(G.neighbors(owner))
    rows = rows if rows is not None else _ties_rows(ties.table)
    names = _name_index(G, contacts)
    return sum(1 for key, url, name, company in zip(rows["key"], rows["url"], rows["name"], rows["company"], strict=True)
               if _find_person(G, key=key, url=url, name=name, company=company, among=contacts,
                               names=names)[0] is not None)


def _ties_owner(G, ties, ego, *, chosen_by_user):
    """Check that ``ties`` belongs to ``ego``: an error when it fits another owner far better and
    nobody said whose it is, a warning when the user named ``ego``; returns the warning or ""."""
    owners = [o for o in G.graph.get("egos") or () if o != ego and o in G]
    if not owners or len(ties.table) == 0:
        return ""
    rows = _ties_rows(ties.table)
    mine = _ties_fit(G, ties, ego, rows)
    best, fit = max(((o, _ties_fit(G, ties, o, rows)) for o in owners), key=lambda t: (t[1], str(t[0])))
    if fit < TIES_FIT_RATIO * max(mine, 1) or 2 * fit < len(ties.table):
        return ""
    name = lambda n: G.nodes[n].get("name") or str(n)  # noqa: E731
    where = f"{ties.report.name}: " if getattr(getattr(ties, "report", None), "name", "") else ""
    if not chosen_by_user:
        raise InputError(
            f"{where}the ties file matches {fit} of its {len(ties.table)} rows among {name(best)}'s contacts "
            f"and {mine} among {name(ego)}'s; say whose it is with --ego (e.g. --ego {best})."
        )
    return (f"{where}the ties file matches {fit} of its {len(ties.table)} rows among {name(best)}'s contacts "
            f"but only {mine} among {name(ego)}'s, to whom it is applied: is it {name(best)}'s?")


def apply_ties(G, ties, ego=None):
    """Write a ``ties.csv`` (who was met in person) onto one person's ties, and score the ties again.

    A ties file describes one person's contacts: it is matched against the contacts of ``ego``
    (by key, then profile URL, then name). When another export owner's contacts fit it far better
    (:data:`TIES_FIT_RATIO` times as many rows, and at least half the file), the file most likely
    belongs to them: with ``ego`` not given that is an error, with ``ego`` given a warning kept in
    ``G.graph["ties_file"]["warning"]``.

    Parameters
    ----------
    G : networkx.Graph
        A graph from :func:`build_graph`.
    ties : Ties
        :func:`netanalysis.io.read_ties`'s result.
    ego : node, optional
        Whose file it is. Default ``G.graph["ego"]`` (the first export's owner).

    Returns
    -------
    dict
        What :func:`build_graph` keeps in ``G.graph["ties_file"]``: ``rows, matched, unmatched,
        skipped, notes, ego, warning``.

    Raises
    ------
    InputError
        ``ego`` not in the graph, or the file fits another owner far better and ``ego`` was not given.

    Examples
    --------
    >>> import pandas as pd
    >>> from types import SimpleNamespace
    >>> G = nx.Graph(ego="al", egos=["al", "bo"])
    >>> G.add_nodes_from([("al", {"name": "Al"}), ("bo", {"name": "Bo"}), ("cy", {"name": "Cy"}), ("di", {"name": "Di"})])
    >>> for u, v in [("al", "cy"), ("bo", "cy"), ("bo", "di")]:
    ...     G.add_edge(u, v, met="unknown", met_source="none", evidence="export", connected_on=None,
    ...                messages=0, last_contact=None)
    >>> ties = SimpleNamespace(table=pd.DataFrame({"key": ["cy", "di"], "name": ["Cy", "Di"],
    ...                        "met": ["in_person", "online"], "line": [2, 3]}), report=None)
    >>> info = apply_ties(G, ties, "bo")
    >>> info["matched"], G.edges["bo", "cy"]["met"], G.edges["al", "cy"]["met"]
    (2, 'in_person', 'unknown')
    >>> apply_ties(G, ties)
    Traceback (most recent call last):
    ...
    netanalysis.errors.InputError: the ties file matches 2 of its 2 rows among Bo's contacts and 1 among Al's; say whose it is with --ego (e.g. --ego bo).
    """
    chosen_by_user = ego is not None
    ego = G.graph.get("ego") if ego is None else ego
    if ego not in G:
        raise InputError(f"'{ego}' is not in the network; the ties file must belong to one of its people.")
    warning = _ties_owner(G, ties, ego, chosen_by_user=chosen_by_user)
    info = _apply_ties(G, ego, ties)
    info["ego"], info["warning"] = ego, warning
    G.graph["ties_file"] = info
    scored = G.graph.get("strength_scored")
    tie_strength(G, **({"weights": scored.get("weights"), "as_of": scored.get("as_of")} if isinstance(scored, dict)
                       else {}))
    return info


def _apply_ties(G, ego, ties):
    """Write the user's met-in-person declarations onto the ego's ties.

    The cells are cleaned column by column and the contacts' names normalised once, only when a
    row needs its name to be matched: a 30,000-row file applies in a fraction of a second.
    """
    table = ties.table
    mine = G._adj[ego]
    contacts = set(mine)
    names = _name_index(G, contacts)
    rows = _ties_rows(table)
    met_values = table["met"].tolist() if "met" in table.columns else [""] * len(table)
    lines = table["line"].tolist()
    lasts = table["last_contact"].tolist() if "last_contact" in table.columns else [None] * len(table)
    matched, unmatched = 0, []
    for i, (key, url, name, company) in enumerate(zip(rows["key"], rows["url"], rows["name"], rows["company"],
                                                      strict=True)):
        person, how = _find_person(G, key=key, url=url, name=name, company=company, among=contacts, names=names)
        if person is None:
            unmatched.append({"line": int(lines[i]), "name": name or key, "reason": how})
            continue
        matched += 1
        edge = mine[person]
        met = met_values[i]
        if met in ("in_person", "online"):
            edge["met"], edge["met_source"] = met, "declared"
        for column, attr in (("where_met", "met_where"), ("when_met", "met_when"), ("notes", "notes")):
            value = rows[column][i]
            if value:
                edge[attr] = value
        declared_last = as_date(lasts[i])
        if declared_last and (edge["last_contact"] is None or declared_last > edge["last_contact"]):
            edge["last_contact"] = declared_last
    report = ties.report
    skipped = [{"line": s.line, "reason": s.reason} for s in getattr(report, "skipped", [])]
    return {"rows": int(getattr(report, "rows", len(table))), "matched": matched,
            "unmatched": unmatched, "skipped": skipped, "notes": list(getattr(report, "notes", []) or [])}


def _apply_knows(G, knows):
    """Add the ties the user declares between two people (knows.csv)."""
    added, existing, unmatched = 0, 0, []
    for row in knows.table.itertuples(index=False):
        ends = []
        for side in (row.a, row.b):
            text = clean_text(side)
            person, how = _find_person(G, key=text, url=text if "linkedin" in text.lower() else "", name=text)
            ends.append((person, how, text))
        missing = [(text, how) for person, how, text in ends if person is None]
        if missing or ends[0][0] == ends[1][0]:
            reason = "; ".join(f"'{t}': {h}" for t, h in missing) or "both sides are the same person"
            unmatched.append({"line": int(row.line), "a": ends[0][2], "b": ends[1][2], "reason": reason})
            continue
        u, v = ends[0][0], ends[1][0]
        met = clean_text(getattr(row, "met", "")) or "unknown"
        if G.has_edge(u, v):
            existing += 1
            edge = G.edges[u, v]
            edge["sources"] = sorted({*edge["sources"], "declared"})
            if evidence_rank("declared") < evidence_rank(edge["evidence"]):
                edge["evidence"], edge["confidence"] = "declared", 1.0
        else:
            G.add_edge(u, v, met="unknown", met_source="none", evidence="declared", sources=["declared"],
                       confidence=1.0, connected_on=None, messages=0, last_contact=None)
            added += 1
        if met in ("in_person", "online"):
            G.edges[u, v]["met"], G.edges[u, v]["met_source"] = met, "declared"
        note = clean_text(getattr(row, "note", ""))
        if note:
            G.edges[u, v]["notes"] = note
    report = getattr(knows, "report", None)
    skipped = [{"line": s.line, "reason": s.reason} for s in getattr(report, "skipped", [])]
    # Every row is accounted for: added, already a tie, unmatched, or set aside by the reader.
    return {"rows": int(getattr(report, "rows", len(knows.table))), "added": added, "existing": existing,
            "unmatched": unmatched, "skipped": skipped, "notes": list(getattr(report, "notes", []) or [])}


def annotation_warnings(G, *, shown=3):
    """What became of the ties.csv and knows.csv rows, as plain lines for the command line's stderr.

    One line per file with rows set aside by the reader, rows matching nobody (with the first
    ``shown`` of each, by line number), a file matching nobody at all, the reader's remarks
    (conflicting duplicate rows…), and a ties file that fits another owner better.

    Examples
    --------
    >>> G = nx.Graph(ties_file={"rows": 3, "matched": 0, "skipped": [{"line": 4, "reason": "met 'IRL' not understood"}],
    ...              "unmatched": [{"line": 2, "name": "Zoe", "reason": "no contact with this key, URL or name"}]})
    >>> for line in annotation_warnings(G):
    ...     print(line)
    ties.csv: 1 row set aside: line 4 (met 'IRL' not understood)
    ties.csv: none of its rows matches a contact: check that it belongs to this export (--ego)
    ties.csv: 1 row matches nobody: line 2 (Zoe: no contact with this key, URL or name)
    """
    lines = []
    for key, label in (("ties_file", "ties.csv"), ("knows_file", "knows.csv")):
        info = G.graph.get(key)
        if not isinstance(info, dict):
            continue
        skipped = info.get("skipped") or []
        if skipped:
            first = "; ".join(f"line {s['line']} ({s['reason']})" for s in skipped[:shown])
            more = f"; and {len(skipped) - shown} more" if len(skipped) > shown else ""
            lines.append(f"{label}: {len(skipped)} row{'s' if len(skipped) != 1 else ''} set aside: {first}{more}")
        used = info.get("matched", info.get("added", 0) + info.get("existing", 0))
        if info.get("rows") and not used:
            lines.append(f"{label}: none of its rows matches a contact: check that it belongs to this export (--ego)"
                         if key == "ties_file" else f"{label}: none of its rows matches two people of the network")
        unmatched = info.get("unmatched") or []
        if unmatched:
            def who(row):
                return row.get("name") or " – ".join(str(row[k]) for k in ("a", "b") if row.get(k))
            first = "; ".join(f"line {u['line']} ({who(u)}: {u['reason']})" for u in unmatched[:shown])
            more = f"; and {len(unmatched) - shown} more" if len(unmatched) > shown else ""
            lines.append(f"{label}: {len(unmatched)} row{'s' if len(unmatched) != 1 else ''} "
                         f"match{'es' if len(unmatched) == 1 else ''} nobody: {first}{more}")
        lines.extend(f"{label}: {note}" for note in info.get("notes") or [])
        if info.get("warning"):
            lines.append(f"{label}: warning: {info['warning']}")
    return lines


@python_strings
def build_graph(exports, *, ties=None, knows=None, infer=(), company_cap=50, suggest_met=False,
                strength_weights=None, ego=None):
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
        person. Rows are matched to the contacts of ``ego`` by key, then profile URL, then name
        (see :func:`apply_ties`); rows that match nobody are listed in
        ``G.graph["ties_file"]["unmatched"]``.
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
        Passed to :func:`netanalysis.tiestrength.tie_strength`, which fills ``strength`` and
        ``distance`` on every tie.
    ego : str, optional
        The key of the person whose ``ties`` file it is (default: the first export's owner). With
        several exports and no ``ego``, a ties file that fits another owner far better is an
        error: say whose it is.

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
    G.graph.update(ego=owners[0], egos=sorted(set(owners)), inference=inference, as_of=_as_of(G, exports),
                   export_dates=_export_dates(exports, owners))
    if ego is not None and ego not in G:
        raise InputError(f"'{ego}' is not in the network; pass the key of the person whose ties file it is.")
    G.graph["ties_file"] = None
    if ties is not None:
        warning = _ties_owner(G, ties, ego if ego is not None else owners[0], chosen_by_user=ego is not None)
        G.graph["ties_file"] = _apply_ties(G, ego if ego is not None else owners[0], ties)
        G.graph["ties_file"].update(ego=ego if ego is not None else owners[0], warning=warning)
    G.graph["knows_file"] = _apply_knows(G, knows) if knows is not None else None
    tie_strength(G, weights=strength_weights)
    return G


def _build(exports, infer, company_cap, suggest):
    """People and ties of every export, merged: the graph, the owners' (canonical) keys, the inference log."""
    builder = _Builder()
    owners = []
    for export in exports:
        owner = _owner_record(export)
        company, title = _current_position(export)
        source = key_source_of(owner)
        owners.append(builder.add_person(owner, name=clean_text(export.owner.get("name")), company=company,
                                         position=title, key_source=source, ego=True, listed_by=owner))
    owner_keys = list(owners)
    builder.add_people(_contact_rows(exports, owner_keys))
    _resolve_name_keys(builder)
    owners = [builder.canonical(o) for o in owner_keys]
    builder.add_export_ties(_owner_tie_rows(builder, exports, owners))
    inference = apply_rules(builder, infer, exports, owner_keys, company_cap)
    if suggest:
        for export, owner in zip(exports, owners, strict=True):
            for row in suggest_met(export).itertuples(index=False):
                pair = tuple(sorted((owner, builder.canonical(row.key))))
                if pair in builder.edges and builder.edges[pair]["met_source"] == "none":
                    builder.edges[pair]["met"] = row.suggested
                    builder.edges[pair]["met_source"] = f"rule:{row.rule}"
    return builder.to_graph(), owners, inference


def _export_dates(exports, owners):
    """Each owner's export date (the newest when one person exported twice); owners without one are left out.

    Tie strength judges each tie against the newest export listing it (``G.graph["as_of"]``, the
    newest of all, stays the headline date).
    """
    dates = {}
    for export, owner in zip(exports, owners, strict=True):
        day = as_date(getattr(export, "export_date", None))
        if day and (owner not in dates or day > dates[owner]):
            dates[owner] = day
    return dates


def _as_of(G, exports):
    """The date the data describes: the newest export date, else the newest date on any tie."""
    dates = [d for d in (as_date(getattr(e, "export_date", None)) for e in exports) if d]
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
    out = {
        "people": G.number_of_nodes(),
        "ties": G.number_of_edges(),
        "ties_by_evidence": dict(sorted(by_evidence.items())),
        "ties_by_met": {m: by_met.get(m, 0) for m in MET_VALUES},
    }
    if G.graph.get("identity"):
        # People listed without URL or company by one export: how many were merged into the one
        # person of that name, and which stayed apart because several people bear it.
        out["identity"] = G.graph["identity"]
    return out

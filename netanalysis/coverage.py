"""What the data can show: whose contact lists were observed, and which pairs of contacts are known.

A LinkedIn export lists its owner's contacts, and nothing about the ties between them. Wherever
several people export (a team, a workshop cohort), a pair (i, j) is *observed* when i or j
exported their full list: the pair is then *tied* (one list names the other) or *observed
absent* (not connected on LinkedIn; they may still know each other offline). A pair whose ends
both kept their lists to themselves is *unknown*, unless the user declared the tie (knows.csv).
Declared and inferred ties are positives only: a missing row never says two people are
strangers, and an inferred tie is a guess that leaves the pair unknown.

Measures that need ties between contacts (Burt's constraint, effective size, efficiency,
hierarchy; betweenness; Gould–Fernandez roles; mutual contacts) are computed only where the
**coverage rule** holds: the person's own list was observed and the status of at least
:data:`MIN_KNOWN_SHARE` of the pairs of their contacts is known. Elsewhere they are withheld
(NaN, JSON null) with a note saying why and what would make them computable.
"""

import math

import numpy as np
import pandas as pd

from ._arrays import adjacency, edge_values, ends
from ._shared import shared
from .model import analysis_view, check_ego, check_graph

__all__ = [
    "MIN_KNOWN_SHARE",
    "coverage_line",
    "observation",
    "observed_lists",
    "pair_status",
    "person_coverage",
    "withheld_note",
]

#: The coverage rule: a measure that needs ties between a person's contacts is shown when that
#: person's own list was observed and the status of at least this share of the pairs of their
#: contacts is known (tied, or observed absent). A product choice: no published threshold exists
#: (see ``docs/architecture.md``).
MIN_KNOWN_SHARE = 0.5

_POSITIVE = ("export", "declared")


def observed_lists(G):
    """The people whose full contact lists were observed: the owners of the exports merged.

    A graph built by :func:`netanalysis.build_graph` names them in ``G.graph["egos"]``. A graph
    built by hand, without ``egos``, is taken as fully observed: every person's list is known.

    Examples
    --------
    >>> import networkx as nx
    >>> sorted(observed_lists(nx.Graph([("a", "b")], egos=["a"])))
    ['a']
    >>> sorted(observed_lists(nx.Graph([("a", "b")])))
    ['a', 'b']
    """
    if "egos" not in G.graph:
        return set(G.nodes)
    return {n for n in G.graph.get("egos") or () if n in G}


def _positive(data):
    """Is this tie observed or declared (not only inferred)?"""
    sources = data.get("sources") or [data.get("evidence", "export")]
    return any(str(s).split(":", 1)[0] in _POSITIVE for s in sources)


def pair_status(G, a, b, *, evidence="all"):
    """The status of the pair (a, b): ``"tied"``, ``"observed_absent"`` or ``"unknown"``.

    Tied: an export or declared tie joins them (kept by the ``evidence`` filter). Observed absent:
    no such tie, and a or b exported their list. Unknown: neither exported and nobody declared a
    tie (an inferred tie is a guess and leaves the pair unknown).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(egos=["me"])
    >>> G.add_edges_from([("me", "a"), ("me", "b")], sources=["export"])
    >>> pair_status(G, "me", "a"), pair_status(G, "a", "b")
    ('tied', 'unknown')
    >>> G.graph["egos"] = ["me", "a"]; pair_status(G, "a", "b")
    'observed_absent'
    """
    H = analysis_view(G, evidence)
    if H.has_edge(a, b) and _positive(H.edges[a, b]):
        return "tied"
    lists = observed_lists(G)
    return "observed_absent" if a in lists or b in lists else "unknown"


def _tie_positive(H):
    """Per tie of ``H`` (in :func:`_arrays.edge_values` order): observed or declared, not only inferred.

    The ``sources`` of a tie are a handful of distinct combinations ("export", "declared",
    "inferred:<rule>"), so each combination is judged once and the ties are mapped to it at C speed.
    """
    combos = list(map(tuple, edge_values(H, "sources", ())))
    verdict = {c: _positive({"sources": list(c)}) for c in dict.fromkeys(combos) if c}
    if () in dict.fromkeys(combos):  # no sources: judged by `evidence`, as _positive reads it
        evidence = edge_values(H, "evidence", "export")
        return np.array([verdict[c] if c else _positive({"evidence": e}) for c, e in zip(combos, evidence, strict=True)],
                        dtype=bool)
    return np.fromiter(map(verdict.__getitem__, combos), dtype=bool, count=len(combos))


def _coverage_arrays(G, evidence):
    """Everyone's coverage counts and the ties' status, as arrays; read once per graph and evidence level
    (shared inside a report, :func:`netanalysis._shared.shared_reads`)."""
    H = analysis_view(G, evidence)

    def read():
        nodes, counts, src, dst = ends(H)
        index = {n: i for i, n in enumerate(nodes)}
        size = len(nodes)
        lists = observed_lists(G)
        in_list = np.zeros(size, dtype=bool)
        in_list[[index[n] for n in lists if n in index]] = True
        loop = src == dst
        n = np.asarray(counts, dtype=np.int64) - np.bincount(src[loop], minlength=size)
        k = np.bincount(src[~loop & in_list[dst]], minlength=size)
        once = dst >= src  # edge_values' order: each tie once, from its lower end
        tu, tv, positive = src[once], dst[once], _tie_positive(H)
        declared = np.zeros(size, dtype=np.int64)
        # Declared ties between two people who kept their lists: each makes one pair known for
        # every common contact (few such ties: knows.csv rows).
        between = np.flatnonzero(positive & (tu != tv) & ~in_list[tu] & ~in_list[tv])
        if len(between):
            adj = adjacency(H)
            for a, b in zip(tu[between].tolist(), tv[between].tolist(), strict=True):
                x, y = nodes[a], nodes[b]
                for w in adj[x].keys() & adj[y].keys():
                    if w not in (x, y):
                        declared[index[w]] += 1
        pairs = n * (n - 1) // 2
        unseen = n - k
        known = pairs - unseen * (unseen - 1) // 2 + declared
        return {"nodes": nodes, "index": index, "in_list": in_list, "n": n, "k": k, "pairs": pairs,
                "known": known, "src": src, "dst": dst, "tu": tu, "tv": tv, "positive": positive}

    return shared(G, ("coverage", evidence), read)


def person_coverage(G, people=None, *, evidence="all"):
    """How much of each person's neighbourhood is observed: one row per person.

    Parameters
    ----------
    G : networkx.Graph
    people : iterable, optional
        Default: everyone, in the graph's order.
    evidence : {"all", "declared", "observed"}
        Which ties count as contacts and as ties between them (see
        :func:`netanalysis.filter_evidence`). Inferred ties never make a pair known.

    Returns
    -------
    pandas.DataFrame
        ``key``, ``list_observed`` (the person exported their own list), ``contacts`` (n),
        ``contacts_observed`` (k: contacts whose own list is observed), ``pairs`` (n(n−1)/2),
        ``pairs_known`` (pairs with an exported end, plus declared ties between two others),
        ``known_share`` (pairs_known / pairs; 1 with fewer than two contacts) and
        ``computable`` (the coverage rule: list observed and known_share ≥ :data:`MIN_KNOWN_SHARE`).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(egos=["me", "a"])
    >>> G.add_edges_from([("me", "a"), ("me", "b"), ("me", "c"), ("a", "b")], sources=["export"])
    >>> person_coverage(G, ["me"])[["contacts", "contacts_observed", "pairs", "pairs_known"]].to_numpy().tolist()
    [[3, 1, 3, 2]]
    """
    check_graph(G)
    people = list(G.nodes) if people is None else list(people)
    return _coverage_frame(_coverage_arrays(G, evidence), people)


def _coverage_frame(arrays, people):
    """:func:`person_coverage`'s rows for ``people``, from :func:`_coverage_arrays`."""
    at = np.fromiter(map(arrays["index"].__getitem__, people), dtype=np.int64, count=len(people))
    pairs, known = arrays["pairs"][at], arrays["known"][at]
    share = np.divide(known, pairs, out=np.ones(len(people)), where=pairs > 0)
    observed = arrays["in_list"][at]
    return pd.DataFrame({
        "key": people, "list_observed": observed, "contacts": arrays["n"][at], "contacts_observed": arrays["k"][at],
        "pairs": pairs, "pairs_known": known, "known_share": share,
        "computable": observed & (share >= MIN_KNOWN_SHARE),
    })


def observation(G, ego=None, *, evidence="all"):
    """What the data shows about the ties between one person's contacts.

    Parameters
    ----------
    G : networkx.Graph
    ego : node, optional
        Default ``G.graph["ego"]``.
    evidence : {"all", "declared", "observed"}

    Returns
    -------
    dict
        ``ego``, ``exporters`` (people whose lists are observed, in the whole graph),
        ``list_observed``, ``contacts`` (n), ``contacts_observed`` (k), ``pairs``,
        ``tied`` (pairs tied by an export or a declared tie), ``observed_absent``,
        ``unknown``, ``inferred_unknown`` (unknown pairs that only an inferred tie, or one your other data
        record (``recorded:<kind>``), joins),
        ``known_share`` ((tied + observed absent) / pairs), ``computable`` (the coverage rule),
        ``line`` (the coverage line, :func:`coverage_line`) and ``note`` (when withheld: why, and
        what would make the measures computable; else "").

    Examples
    --------
    A single export: every pair of contacts is unknown.

    >>> import networkx as nx
    >>> G = nx.Graph(ego="me", egos=["me"])
    >>> G.add_edges_from([("me", "a"), ("me", "b"), ("me", "c")], sources=["export"])
    >>> o = observation(G)
    >>> o["contacts"], o["contacts_observed"], o["pairs"], o["unknown"], o["computable"]
    (3, 0, 3, 3, False)
    >>> o["line"]
    'ties among your contacts observed for 0 of 3 contacts (0 % of pairs)'

    Contact a exports too: the pairs (a, b) and (a, c) are now observed, one of them tied.

    >>> G.graph["egos"] = ["a", "me"]; G.add_edge("a", "b", sources=["export"])
    >>> o = observation(G)
    >>> o["tied"], o["observed_absent"], o["unknown"], round(o["known_share"], 3), o["computable"]
    (1, 1, 1, 0.667, True)
    """
    check_graph(G)
    ego = check_ego(G, ego)
    arrays = _coverage_arrays(G, evidence)
    row = _coverage_frame(arrays, [ego]).iloc[0]
    e = arrays["index"][ego]
    contact = np.zeros(len(arrays["nodes"]), dtype=bool)
    contact[arrays["dst"][arrays["src"] == e]] = True
    contact[e] = False
    tu, tv, positive, in_list = arrays["tu"], arrays["tv"], arrays["positive"], arrays["in_list"]
    among = contact[tu] & contact[tv] & (tu != tv)
    tied = int(np.count_nonzero(among & positive))
    inferred = int(np.count_nonzero(among & ~positive & ~in_list[tu] & ~in_list[tv]))
    pairs, known = int(row["pairs"]), int(row["pairs_known"])
    out = {
        "ego": ego, "exporters": len(observed_lists(G)), "list_observed": bool(row["list_observed"]),
        "contacts": int(row["contacts"]), "contacts_observed": int(row["contacts_observed"]),
        "pairs": pairs, "tied": tied, "observed_absent": known - tied, "unknown": pairs - known,
        "inferred_unknown": inferred, "known_share": float(row["known_share"]), "computable": bool(row["computable"]),
    }
    out["line"] = coverage_line(out)
    out["note"] = "" if out["computable"] else withheld_note(out)
    return out


def coverage_line(cov):
    """The coverage line printed next to every measure that needs ties between contacts.

    Examples
    --------
    >>> coverage_line({"contacts": 629, "contacts_observed": 7, "known_share": 0.0219})
    'ties among your contacts observed for 7 of 629 contacts (2 % of pairs)'
    """
    share = cov["known_share"]
    pct = "–" if share is None or (isinstance(share, float) and math.isnan(share)) else f"{100 * share:.0f}"
    return (f"ties among your contacts observed for {int(cov['contacts_observed'])} of {int(cov['contacts'])} "
            f"contacts ({pct} % of pairs)")


def withheld_note(cov):
    """Why a measure that needs ties between contacts is withheld, and what would make it computable.

    Examples
    --------
    >>> withheld_note({"list_observed": True, "contacts": 3, "contacts_observed": 0, "known_share": 0.0})
    "withheld: ties among your contacts observed for 0 of 3 contacts (0 % of pairs), below the 50 % needed; merge your contacts' exports, or add a knows.csv of who knows whom"
    """
    if not cov.get("list_observed", True):
        return "withheld: this person's own contact list was not exported, so their ties are only partly seen"
    return (f"withheld: {coverage_line(cov)}, below the {100 * MIN_KNOWN_SHARE:.0f} % needed; merge your "
            "contacts' exports, or add a knows.csv of who knows whom")

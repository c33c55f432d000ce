"""Dormant strong ties: the people a person was close to and has not been in touch with for long."""

import collections

import pandas as pd

from ..model import check_ego, check_graph, resolve_as_of
from ..tiestrength import lasting_strengths, normalisers, scored_view, tie_strength
from ._contacts import contact_frame

__all__ = ["dormant_ties"]


def dormant_ties(G, ego=None, *, months=12, strong=0.5, weights=None, as_of=None, evidence="all"):
    """Strong ties the person has not been in touch with for a long time, most valuable first.

    A tie goes dormant when nobody tends it. To decide whether a silent tie *was* strong, its
    strength is recomputed without the recency component (otherwise silence would hide it),
    over the ego's ties only (message and mutual-contact maxima taken among them). A tie is a dormant strong tie when it was met in person or that lasting strength is at least
    ``strong`` (a tie whose ``met`` is unknown: its lasting strength on what is known, intimacy left
    out, and its ``why`` says "met in person: not said"), and its last contact (or, without messages, the connection itself) is at least
    ``months`` whole calendar months before ``as_of``.

    Parameters
    ----------
    G : networkx.Graph
    ego : node, optional
        Default ``G.graph["ego"]``.
    months : int
        Silence, in months, after which a tie counts as dormant (default 12).
    strong : float
        Lasting strength from which an online tie counts as strong (default 0.5).
    weights : dict, optional
        Tie-strength weights (see :func:`tie_strength`); recency is set to 0 here.
    as_of : date, optional
        "Today"; default ``G.graph["as_of"]``, else the newest date in the graph.
    evidence : {"all", "declared", "observed"}

    Returns
    -------
    pandas.DataFrame
        One row per dormant tie, the most valuable first (lasting strength, then longest
        silence): ``key, name, company, position, met, messages, connected_on, last_contact``
        (the last known contact date), ``months_silent``, ``strength`` (current),
        ``lasting_strength``, ``mutual_contacts`` and ``why`` (why the tie matters, in words).
        ``df.attrs["undated"]`` counts strong ties with no date at all (not listed).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me", as_of="2024-06-01")
    >>> G.add_edge("me", "ana", met="in_person", connected_on="2019-03-01", messages=4,
    ...            last_contact="2021-02-01")
    >>> G.add_edge("me", "bob", met="in_person", connected_on="2023-01-01", last_contact="2024-05-01")
    >>> G.add_edge("me", "cy", met="online", connected_on="2018-01-01")
    >>> d = dormant_ties(G)
    >>> d[["key", "last_contact", "months_silent"]]
       key last_contact  months_silent
    0  ana   2021-02-01             40
    >>> d["why"].iloc[0]
    'met in person; 4 messages; connected for 5 years'
    """
    check_graph(G)
    ego = check_ego(G, ego)
    H = scored_view(G, evidence)
    today = resolve_as_of(G, as_of)
    columns = ["key", "name", "company", "position", "met", "messages", "connected_on", "last_contact",
               "months_silent", "strength", "lasting_strength", "mutual_contacts", "why"]
    if today is None:
        out = pd.DataFrame(columns=columns)
        out.attrs.update({"as_of": None, "undated": 0})
        return out
    # The ego's ties only, with the per-person maxima of the whole graph's scoring: linear, even at
    # 30,000 contacts. A tie whose `met` nobody answered is judged on what is known of it.
    lasting = lasting_strengths(H, ego, today, weights=weights,
                                normalisers=normalisers(H) or tie_strength(H, inplace=False).attrs["normalisers"],
                                dates=H.graph.get("export_dates") if as_of is None else None)
    df = contact_frame(H, ego)
    ego_nbrs = set(H._adj[ego])
    rows, undated = [], 0
    # Plain lists rather than itertuples: element-wise reads of string columns cost ~5 µs each.
    listed = {c: df[c].tolist() for c in df.columns}
    for values in zip(*listed.values(), strict=True):
        row = _Row(*values)
        strength, judged = lasting.get(row.key, (0.0, 0.0))
        judged_on_known = strength < strong <= judged
        was_strong = row.met == "in_person" or strength >= strong or judged_on_known
        if not was_strong:
            continue
        last = row.last_contact or row.connected_on
        if last is None:
            undated += 1
            continue
        silent = _months_between(last, today)
        if silent < months:
            continue
        mutual = len((set(H._adj[row.key]) & ego_nbrs) - {ego, row.key})
        why = []
        if row.met == "in_person":
            why.append("met in person")
        if row.messages:
            why.append(f"{row.messages} message{'s' if row.messages != 1 else ''}")
        if mutual:
            why.append(f"{mutual} mutual contact{'s' if mutual != 1 else ''}")
        if row.connected_on is not None:
            years = int((today - row.connected_on).days // 365.25)
            if years >= 1:
                why.append(f"connected for {years} year{'s' if years != 1 else ''}")
        if judged_on_known:
            why.append("met in person: not said")
        rows.append({**row._asdict(), "last_contact": last, "months_silent": silent,
                     "lasting_strength": strength, "mutual_contacts": mutual,
                     "why": "; ".join(why) or "strong tie"})
    out = pd.DataFrame(rows, columns=columns)
    if len(out):
        out = out.sort_values(["lasting_strength", "months_silent", "key"], ascending=[False, False, True],
                              kind="mergesort").reset_index(drop=True)
    out.attrs.update({"as_of": today, "undated": undated})
    return out


_Row = collections.namedtuple("_Row", ["key", "name", "company", "position", "met", "evidence", "messages",
                                       "connected_on", "last_contact", "strength"])


def _months_between(start, end):
    """Whole calendar months from ``start`` to ``end`` (2021-02-01 → 2024-06-01 is 40)."""
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)

"""Tie strength: score every tie from 0 to 1 and fill its ``strength`` and ``distance``.

Below every analysis that reads strengths: :func:`netanalysis.graph.build_graph` calls
:func:`tie_strength`, and the strength analyses re-score the ego's ties with :func:`score_ties`.
"""

import datetime as _dt
import itertools
import math

import networkx as nx
import numpy as np
import pandas as pd

from ._arrays import triangles
from .errors import InputError
from .model import check_graph, filter_evidence, resolve_as_of, to_date

__all__ = ["DEFAULT_WEIGHTS", "STRENGTH_FLOOR", "check_weights", "score_ties", "scored_view", "tie_strength"]

#: Default weight of each tie-strength component (they sum to 1). Ordered after the relative
#: predictive power of Gilbert & Karahalios's (2009) dimensions (intimacy > intensity ≈ recency >
#: duration > structural); the numbers themselves are our choice, not published coefficients.
DEFAULT_WEIGHTS = {"intimacy": 0.35, "intensity": 0.20, "duration": 0.15, "recency": 0.20, "structural": 0.10}

_COMPONENTS = tuple(DEFAULT_WEIGHTS)
#: Lowest stored strength, so that ``distance = 1 / strength`` stays finite (at most 1,000).
STRENGTH_FLOOR = 1e-3
_DURATION_YEARS = 10.0  # ten years connected counts as a full duration
_RECENCY_DAYS = 365.0  # recency halves roughly every 8 months (exp(-days/365))


def check_weights(weights):
    """The tie-strength weights to use: :data:`DEFAULT_WEIGHTS` updated with ``weights``.

    Raises
    ------
    InputError
        If a weight is unknown, negative or not finite, or all weights are zero.

    Examples
    --------
    >>> check_weights({"recency": 0})["recency"], check_weights(None) == DEFAULT_WEIGHTS
    (0.0, True)
    """
    if weights is None:
        return dict(DEFAULT_WEIGHTS)
    unknown = sorted(set(weights) - set(_COMPONENTS))
    if unknown:
        raise InputError(
            f"unknown tie-strength weight {unknown[0]!r}; use some of {', '.join(_COMPONENTS)}."
        )
    merged = {**DEFAULT_WEIGHTS, **{k: float(v) for k, v in weights.items()}}
    if any(not math.isfinite(w) or w < 0 for w in merged.values()):
        raise InputError("tie-strength weights must be finite numbers of zero or more.")
    if sum(merged.values()) <= 0:
        raise InputError("at least one tie-strength weight must be above zero.")
    return merged


def _owners(G):
    """Export owners: the only people whose messages the exports show."""
    owners = set(G.graph.get("egos") or ())
    if G.graph.get("ego") is not None:
        owners.add(G.graph["ego"])
    owners.update(n for n, d in G.nodes(data=True) if d.get("ego"))
    return owners


def tie_strength(G, *, weights=None, as_of=None, inplace=True):
    """Score every tie between 0 (weakest) and 1 (strongest) and fill ``strength``/``distance``.

    Tie strength is, after Granovetter (1973), a combination of time, emotional intensity,
    intimacy and reciprocal services. Gilbert & Karahalios (2009) predicted it from social-media
    traces; intimacy, intensity, duration and recency (days since last contact, the best single
    predictor) carried most of the signal. A LinkedIn export carries a proxy for each, so the
    score is the weighted mean of five components, each in [0, 1]:

    - ``intimacy``: 1 if the two met in person, 0 if online only (``met``);
    - ``intensity``: ``log1p(messages) / log1p(max messages over all ties)``;
    - ``duration``: ``min(years connected / 10, 1)`` (from ``connected_on``, a lower bound);
    - ``recency``: ``exp(-days since last contact / 365)``; the last contact is
      ``last_contact``, else the connection date (accepting an invitation is a contact);
    - ``structural``: mutual contacts / the largest number of mutual contacts of any tie.

    **Unknown is not zero.** A component that is unknown for a tie is dropped and the weights of
    the others are renormalised for that tie: ``met == "unknown"`` is neither rewarded nor
    treated as online; a tie without dates has no duration/recency; messages are only known for
    ties of an export owner (the graph's ``egos``), and not at all when no tie has any message
    (no messages file); structure is unknown everywhere when no two contacts are tied. A tie with
    no known component gets the floor. The score is then multiplied by the tie's ``confidence``
    (1 for observed and declared ties, below 1 for inferred ones), and floored at 0.001 so that
    ``distance = 1 / strength`` is finite.  A ``met`` value suggested by a rule (``met_source="rule:…"``,
    only filled when ``build_graph(suggest_met=True)`` is asked for) counts like a declared one.

    Parameters
    ----------
    G : networkx.Graph
        The network (see ``docs/architecture.md``). Missing edge attributes are tolerated:
        ``messages`` counts as 0, ``met`` as ``"unknown"``, dates as unknown.
    weights : dict, optional
        Weight per component (keys among ``intimacy, intensity, duration, recency,
        structural``; missing keys keep their default). Defaults to :data:`DEFAULT_WEIGHTS`,
        ``0.35, 0.20, 0.15, 0.20, 0.10``: ordered after Gilbert & Karahalios's dimensions, but
        **our choice, not published coefficients**. Tune them to your own sense of closeness.
    as_of : date or str, optional
        The day taken as "today" for duration and recency. Defaults to ``G.graph["as_of"]``,
        else the newest date on any edge; never the wall clock.
    inplace : bool
        Write ``strength`` and ``distance`` onto the edges of ``G`` (default True).

    Returns
    -------
    pandas.DataFrame
        One row per tie, in the graph's edge order: ``u, v, met, evidence, confidence,
        intimacy, intensity, duration, recency, structural`` (component values, NaN when
        unknown), ``known_weight`` (share of the total weight whose component was known, 0–1),
        ``strength`` and ``distance``. ``df.attrs`` holds ``as_of``, ``weights`` and ``unknown``
        (per component, how many ties had it unknown) and ``ties``.

    Raises
    ------
    InputError
        If a weight is unknown, negative or all weights are zero, a date is unreadable, or the
        graph is directed or a multigraph.

    Examples
    --------
    >>> G = nx.Graph(ego="me", as_of="2024-01-01")
    >>> G.add_edge("me", "ana", met="in_person", messages=9, connected_on="2014-01-01",
    ...            last_contact="2023-07-01")
    >>> G.add_edge("me", "bob", met="online", messages=0, connected_on="2023-01-01")
    >>> df = tie_strength(G)
    >>> df[["v", "intimacy", "duration", "recency", "strength"]].round(3)
         v  intimacy  duration  recency  strength
    0  ana       1.0       1.0    0.604     0.912
    1  bob       0.0       0.1    0.368     0.098
    >>> round(G["me"]["ana"]["distance"], 3)
    1.097
    >>> df.attrs["unknown"]["structural"]  # no two contacts are tied: structure unknown
    2

    Notes
    -----
    Structure counts as a strengthening factor (Onnela et al. 2007: overlap grows with tie
    strength); for the *job value* of a tie the relation is an inverted U (Rajkumar et al. 2022),
    which the brokerage module handles separately.

    The ties are scored column by column with numpy, and the mutual contacts of all ties come
    from one enumeration of the graph's triangles: about a second for 300,000 ties, with the
    very numbers of a tie-by-tie loop.

    References
    ----------
    .. [1] Granovetter, M. (1973). The strength of weak ties. AJS 78(6), 1360–1380.
    .. [2] Gilbert, E. & Karahalios, K. (2009). Predicting tie strength with social media. CHI '09.
    .. [3] Onnela, J.-P. et al. (2007). Structure and tie strengths in mobile communication
       networks. PNAS 104(18), 7332–7336.
    """
    check_graph(G, directed_ok=False)
    weights = check_weights(weights)
    today = resolve_as_of(G, as_of)
    us, vs, datas, u_at, v_at = _edge_columns(G)
    df = score_ties(G, us, vs, datas, weights, today, at=(u_at, v_at))
    if inplace:  # the edge data dicts are the graph's own: write into them directly
        for data, strength, distance in zip(datas, df["strength"].tolist(), df["distance"].tolist(), strict=True):
            data["strength"] = strength
            data["distance"] = distance
        # How the strengths were made, so that an evidence filter can score its own ties the same way.
        G.graph["strength_scored"] = {"weights": dict(weights), "as_of": today}
    return df


def scored_view(G, evidence="all"):
    """``G`` keeping only the ties an ``evidence`` level keeps, their strengths scored on those ties alone.

    A tie's strength depends on the other ties (its mutual contacts, the largest message count):
    read from the whole graph, an "observed only" result would still move when inferred ties are
    added. Here the kept ties are scored again as :func:`tie_strength` scored ``G`` (same weights,
    same "today"), so results on observed ties are the same with and without inference.

    Parameters
    ----------
    G : networkx.Graph
    evidence : {"all", "declared", "observed"} or iterable of str
        See :func:`netanalysis.filter_evidence`.

    Returns
    -------
    networkx.Graph
        ``G`` itself when the level keeps every tie; else a plain graph with the same people
        (their attribute dicts shared) and copies of the kept ties. Strengths are scored again
        only when ``G``'s were made by :func:`tie_strength` (``G.graph["strength_scored"]``);
        strengths written by hand are kept.

    Examples
    --------
    >>> G = nx.Graph(ego="me", as_of="2024-01-01", egos=["me"])
    >>> G.add_edge("me", "a", met="in_person", sources=["export"])
    >>> G.add_edge("me", "b", met="online", sources=["export"])
    >>> G.add_edge("a", "b", sources=["inferred:same_company"], confidence=0.3)
    >>> _ = tie_strength(G)
    >>> round(G["me"]["b"]["strength"], 3), round(scored_view(G, "observed")["me"]["b"]["strength"], 3)
    (0.222, 0.001)
    >>> scored_view(G, "all") is G
    True
    """
    if evidence is None or (isinstance(evidence, str) and evidence == "all"):
        return G
    view = filter_evidence(G, evidence)
    kept = list(view.edges(data=True))
    if len(kept) == G.number_of_edges():
        return G
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from((u, v, dict(d)) for u, v, d in kept)
    scored = G.graph.get("strength_scored")
    if isinstance(scored, dict):
        tie_strength(H, weights=scored.get("weights"), as_of=scored.get("as_of"))
    return H


def _edge_columns(G):
    """``G.edges(data=True)`` as columns ``(u, v, data, u_at, v_at)``, in the same order.

    ``u_at``/``v_at`` are int64 arrays of the ends' positions in ``G``'s node order. Read
    straight from a plain graph's dicts, and as columns: 300,000 ``(u, v, data)`` tuples would
    set off the garbage collector over the whole graph several times.
    """
    position = {n: k for k, n in enumerate(G)}
    if type(G) is not nx.Graph:
        edges = list(G.edges(data=True))
        us, vs, datas = [e[0] for e in edges], [e[1] for e in edges], [e[2] for e in edges]
        u_at = np.fromiter(map(position.__getitem__, us), dtype=np.int64, count=len(us))
        v_at = np.fromiter(map(position.__getitem__, vs), dtype=np.int64, count=len(vs))
        return us, vs, datas, u_at, v_at
    ends, datas, counts = [], [], []
    for nbrs in G._adj.values():  # C-level copies; the filtering below is numpy's
        ends.extend(nbrs)
        datas.extend(nbrs.values())
        counts.append(len(nbrs))
    at = np.fromiter(map(position.__getitem__, ends), dtype=np.int64, count=len(ends))
    u_at = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
    first = at >= u_at  # networkx lists a tie from the end it meets first
    keep = first.tolist()
    nodes = list(G._adj)
    us = [nodes[k] for k in u_at[first].tolist()]
    return (us, list(itertools.compress(ends, keep)), list(itertools.compress(datas, keep)),
            u_at[first], at[first])


def score_ties(G, us, vs, datas, weights, today, *, at=None):
    """Score the given edges of ``G`` (ends ``us``, ``vs``, attribute dicts ``datas``): :func:`tie_strength`'s table.

    Normalisers are maxima over these edges. ``at``: the ends' positions in ``G``'s node order
    when known (see :func:`_edge_columns`).

    Column-wise with numpy, in the same floating-point operations as a per-tie loop (the
    transcendental functions go through ``math`` on the distinct values), so scores do not
    depend on how they are computed.

    Examples
    --------
    >>> import datetime
    >>> G = nx.Graph([("me", "a", {"met": "in_person"}), ("me", "b", {"met": "online"})])
    >>> ties = [G["me"]["a"], G["me"]["b"]]
    >>> score_ties(G, ["me", "me"], ["a", "b"], ties, DEFAULT_WEIGHTS, datetime.date(2024, 1, 1))["strength"].tolist()
    [1.0, 0.001]
    """
    owners = _owners(G)
    n_edges = len(datas)
    mutual = _mutual_counts(G, us, vs, at=at)
    max_mutual = int(mutual.max()) if n_edges else 0
    msgs = _message_counts([d.get("messages") for d in datas])
    if owners:
        msg_known = np.array([u in owners or v in owners for u, v in zip(us, vs, strict=True)], dtype=bool)
    else:
        msg_known = np.array(["messages" in d for d in datas], dtype=bool)
    max_msgs = int(msgs[msg_known].max()) if msg_known.any() else 0
    log_max_msgs = math.log1p(max_msgs)

    nan = math.nan
    w_int, w_inten, w_dur, w_rec, w_str = (weights[c] for c in _COMPONENTS)
    total_weight = sum(weights.values())
    met_col = [d.get("met") or "unknown" for d in datas]
    x_int = np.array([1.0 if m == "in_person" else 0.0 if m == "online" else nan for m in met_col], dtype=float)
    x_inten = np.full(n_edges, nan)
    if max_msgs > 0:
        x_inten[msg_known] = _exact(math.log1p, msgs[msg_known]) / log_max_msgs
    connected = _day_numbers([d.get("connected_on") for d in datas])
    last = _day_numbers([d.get("last_contact") for d in datas])
    last = np.where(last < 0, connected, last)
    x_dur = np.full(n_edges, nan)
    x_rec = np.full(n_edges, nan)
    if today is not None:
        dated = connected >= 0
        days = np.maximum(today.toordinal() - connected[dated], 0)
        x_dur[dated] = np.minimum(days / 365.25 / _DURATION_YEARS, 1.0)
        dated = last >= 0
        days = np.maximum(today.toordinal() - last[dated], 0)
        x_rec[dated] = _exact(math.exp, -days / _RECENCY_DAYS)
    x_str = mutual / max_mutual if max_mutual > 0 else np.full(n_edges, nan)
    cols = {"intimacy": x_int, "intensity": x_inten, "duration": x_dur, "recency": x_rec, "structural": x_str}
    known_w = np.zeros(n_edges)
    score = np.zeros(n_edges)
    unknown = {}
    for c, w in zip(_COMPONENTS, (w_int, w_inten, w_dur, w_rec, w_str), strict=True):
        known = ~np.isnan(cols[c])
        unknown[c] = int(n_edges - known.sum())
        # Adding 0.0 for an unknown component is exact: the same sums as skipping it.
        known_w += np.where(known, w, 0.0)
        score += np.where(known, w * np.where(known, cols[c], 0.0), 0.0)
    raw = np.divide(score, known_w, out=np.zeros(n_edges), where=known_w > 0)
    confidence = np.array([d.get("confidence") for d in datas], dtype=float)  # None → NaN, as float() reads the rest
    confidence[np.isnan(confidence)] = 1.0
    strength = np.minimum(np.maximum(raw * np.minimum(np.maximum(confidence, 0.0), 1.0), STRENGTH_FLOOR), 1.0)
    df = pd.DataFrame({
        "u": us, "v": vs, "met": met_col,
        "evidence": [d.get("evidence", "export") for d in datas], "confidence": confidence, **cols,
        "known_weight": known_w / total_weight, "strength": strength, "distance": 1.0 / strength,
    }, columns=["u", "v", "met", "evidence", "confidence", *_COMPONENTS, "known_weight", "strength", "distance"])
    df.attrs.update({"as_of": today, "weights": weights, "unknown": unknown, "ties": n_edges})
    return df


def _message_counts(values):
    """Message counts as non-negative int64 (missing or unreadable: 0)."""
    counts = np.array(values)
    if counts.dtype.kind in "bi":  # the common case: build_graph's int counters
        return np.maximum(counts.astype(np.int64), 0)
    out = []
    for value in values:
        try:
            out.append(max(int(value), 0) if value is not None and value == value else 0)
        except (TypeError, ValueError):
            out.append(0)
    return np.array(out, dtype=np.int64)


def _day_numbers(values):
    """Proleptic ordinals (``date.toordinal``) of a list of dates (anything :func:`netanalysis.model.to_date` reads); -1 when missing."""
    date, read = _dt.date, to_date
    return np.array([x.toordinal() if type(x) is date else -1 if x is None or (y := read(x)) is None
                     else y.toordinal() for x in values], dtype=np.int64)


def _exact(fn, values):
    """``fn`` (a ``math`` function) of each value, computed once per distinct value.

    ``math`` rather than numpy's vectorised version, whose last bit can differ: scores stay
    bit for bit those of a per-tie loop.
    """
    distinct, inverse = np.unique(values, return_inverse=True)
    return np.array([fn(x) for x in distinct.tolist()], dtype=float)[inverse]


def _mutual_of_tie(adj, u, v):
    """Mutual contacts of ``u`` and ``v`` (nobody is their own contact; a self-loop shares all).

    The common keys of the two adjacency dicts (a C-level intersection over the smaller one,
    no set of either built), without ``u`` and ``v`` themselves.
    """
    if u == v:
        return len(adj[u]) - (u in adj[u])
    common = adj[u].keys() & adj[v].keys()
    return len(common) - (u in common) - (v in common)


def _mutual_counts(G, us, vs, *, at=None):
    """Mutual contacts of each tie ``(us[k], vs[k])`` of ``G`` (a self-loop shares all its person's contacts).

    For all of ``G``'s ties at once, from the triangle list (``at``: the ends' positions in
    ``G``'s node order, given only with every tie of ``G``, as :func:`_edge_columns` lists
    them); for a few ties, by intersecting the two neighbour sets.
    """
    adj = G._adj
    n_edges = len(us)
    if n_edges < 64 or (at is None and n_edges != G.number_of_edges()):
        return np.fromiter(map(_mutual_of_tie, itertools.repeat(adj), us, vs), dtype=np.int64, count=n_edges)
    n_people = len(adj)
    if at is None:
        index = {n: k for k, n in enumerate(adj)}.__getitem__
        at = (np.fromiter(map(index, us), dtype=np.int64, count=n_edges),
              np.fromiter(map(index, vs), dtype=np.int64, count=n_edges))
    u, v = at
    loops = u == v
    ties = np.flatnonzero(~loops)
    counts = np.zeros(n_edges, dtype=np.int64)
    for _, _, _, e_xy, e_xz, e_yz in triangles(n_people, u[ties], v[ties]):
        for e in (e_xy, e_xz, e_yz):
            counts += np.bincount(ties[e], minlength=n_edges)
    for k in np.flatnonzero(loops).tolist():
        counts[k] = len(adj[us[k]]) - 1
    return counts

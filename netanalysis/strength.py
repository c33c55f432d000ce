"""Tie strength and network strength: big is not strong."""

import collections
import datetime as _dt
import itertools
import math

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse

from .errors import InputError
from .graph import _shared

__all__ = [
    "DEFAULT_WEIGHTS",
    "DUNBAR_LAYERS",
    "STRENGTH_FLOOR",
    "Audience",
    "audience",
    "compare",
    "dormant_ties",
    "dunbar_layers",
    "ego_burt",
    "keep_in_person",
    "network_strength",
    "quality_timeline",
    "tie_strength",
]

#: Default weight of each tie-strength component (they sum to 1). Ordered after the relative
#: predictive power of Gilbert & Karahalios's (2009) dimensions (intimacy > intensity ≈ recency >
#: duration > structural); the numbers themselves are our choice, not published coefficients.
DEFAULT_WEIGHTS = {"intimacy": 0.35, "intensity": 0.20, "duration": 0.15, "recency": 0.20, "structural": 0.10}

_COMPONENTS = tuple(DEFAULT_WEIGHTS)
#: Lowest stored strength, so that ``distance = 1 / strength`` stays finite (at most 1,000).
STRENGTH_FLOOR = 1e-3
_DURATION_YEARS = 10.0  # ten years connected counts as a full duration
_RECENCY_DAYS = 365.0  # recency halves roughly every 8 months (exp(-days/365))


def _to_date(value):
    """A ``datetime.date`` from a date, datetime, Timestamp or ISO string; None when missing."""
    if value is None or type(value) is _dt.date:  # the common cases first: called per tie
        return value
    if (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:  # NaT passes for a datetime
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            return pd.Timestamp(value).date()
        except (ValueError, TypeError) as error:
            raise InputError(f"'{value}' is not a date; write it as YYYY-MM-DD.") from error
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    raise InputError(f"{value!r} is not a date; write it as YYYY-MM-DD.")


def _resolve_as_of(G, as_of):
    """The day used as "today": the argument, else ``G.graph['as_of']``, else the newest edge date.

    Never the wall clock, so that the same data always gives the same numbers.
    """
    if as_of is not None:
        return _to_date(as_of)
    if G.graph.get("as_of") is not None:
        return _to_date(G.graph["as_of"])
    newest = None
    for _, _, data in G.edges(data=True):
        for attr in ("last_contact", "connected_on"):
            day = _to_date(data.get(attr))
            if day is not None and (newest is None or day > newest):
                newest = day
    return newest


def _check_weights(weights):
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
    _check_graph(G)
    weights = _check_weights(weights)
    today = _resolve_as_of(G, as_of)
    us, vs, datas, u_at, v_at = _edge_columns(G)
    df = _score_ties(G, us, vs, datas, weights, today, at=(u_at, v_at))
    if inplace:  # the edge data dicts are the graph's own: write into them directly
        for data, strength, distance in zip(datas, df["strength"].tolist(), df["distance"].tolist(), strict=True):
            data["strength"] = strength
            data["distance"] = distance
    return df


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


def _score_ties(G, us, vs, datas, weights, today, *, at=None):
    """Score the given edges of ``G`` (ends ``us``, ``vs``, attribute dicts ``datas``).

    Normalisers are maxima over these edges. ``at``: the ends' positions in ``G``'s node order
    when known (see :func:`_edge_columns`).

    Column-wise with numpy, in the same floating-point operations as a per-tie loop (the
    transcendental functions go through ``math`` on the distinct values), so scores do not
    depend on how they are computed.
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
    """Proleptic ordinals (``date.toordinal``) of a list of dates (anything :func:`_to_date` reads); -1 when missing."""
    date, read = _dt.date, _to_date
    return np.array([x.toordinal() if type(x) is date else -1 if x is None or (y := read(x)) is None
                     else y.toordinal() for x in values], dtype=np.int64)


def _exact(fn, values):
    """``fn`` (a ``math`` function) of each value, computed once per distinct value.

    ``math`` rather than numpy's vectorised version, whose last bit can differ: scores stay
    bit for bit those of a per-tie loop.
    """
    distinct, inverse = np.unique(values, return_inverse=True)
    return np.array([fn(x) for x in distinct.tolist()], dtype=float)[inverse]


# --------------------------------------------------------------------------------------------
# triangles: mutual contacts per tie (here) and Burt's measures for everyone (brokerage)

#: Wedges checked per block by :func:`_triangles` (bounds the temporary arrays: ~8 int64 per wedge, ~130 MB).
_WEDGE_BLOCK = 1 << 21


def _triangles(n, u, v, *, block=_WEDGE_BLOCK):
    """Every triangle of a simple undirected graph given as tie arrays, in blocks.

    ``u`` and ``v`` hold the two ends (indices in ``range(n)``) of each tie, once per tie and
    without self-loops. Yields ``(x, y, z, e_xy, e_xz, e_yz)``: the three people and the
    positions in ``u``/``v`` of the three ties, each triangle exactly once.

    Ties are oriented from the lower to the higher (degree, index) rank and a wedge is only
    formed at its lowest-ranked person, so a hub tied to everyone (the owner) is never the
    middle of a wedge: O(m·√m) wedges at worst, a few per tie in practice.
    """
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    m = len(u)
    if m == 0:
        return
    degree = np.bincount(u, minlength=n) + np.bincount(v, minlength=n)
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), degree))] = np.arange(n)
    flip = rank[u] > rank[v]
    low, high = np.where(flip, v, u), np.where(flip, u, v)
    order = np.lexsort((rank[high], low))  # ties grouped by their lower end, higher ends by rank
    src, dst = low[order], high[order]
    start = np.searchsorted(src, np.arange(n + 1))
    later = start[src + 1] - np.arange(m) - 1  # wedges in which a tie is the first arm
    # The oriented ties as a sparse matrix holding tie id + 1: a wedge x→y, x→z is closed when
    # entry (y, z) is non-zero (scipy finds it by binary search within row y).
    closing = scipy.sparse.csr_array((order + 1, dst.copy(), start.copy()), shape=(n, n))
    closing.sort_indices()  # in place: hence the copies (dst stays in rank order)
    ends = np.cumsum(later)
    first_arm = 0
    while first_arm < m:
        done = int(ends[first_arm - 1]) if first_arm else 0
        last_arm = max(int(np.searchsorted(ends, done + block, side="right")), first_arm + 1)
        counts = later[first_arm:last_arm]
        total = int(counts.sum())
        if total:
            one = np.repeat(np.arange(first_arm, last_arm), counts)
            two = one + np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts) + 1
            y, z = dst[one], dst[two]
            third = closing[y, z]
            closed = np.flatnonzero(third)
            one = one[closed]
            yield src[one], y[closed], z[closed], order[one], order[two[closed]], third[closed] - 1
        first_arm = last_arm


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
    for _, _, _, e_xy, e_xz, e_yz in _triangles(n_people, u[ties], v[ties]):
        for e in (e_xy, e_xz, e_yz):
            counts += np.bincount(ties[e], minlength=n_edges)
    for k in np.flatnonzero(loops).tolist():
        counts[k] = len(adj[us[k]]) - 1
    return counts


# --------------------------------------------------------------------------------------------
# shared helpers

_MET = ("in_person", "online", "unknown")
#: Dunbar's layers (Zhou et al. 2005; Dunbar et al. 2015): cumulative sizes of the circles.
DUNBAR_LAYERS = (1.5, 5, 15, 50, 150)
_DAYS_PER_MONTH = 365.25 / 12


def _ego(G, ego):
    ego = G.graph.get("ego") if ego is None else ego
    if ego is None:
        raise InputError("the network names no ego; pass ego= (the key of the person whose network it is).")
    if ego not in G:
        raise InputError(f"'{ego}' is not in the network; pass the key of one of its people as ego.")
    return ego


def _view(G, evidence):
    if evidence in (None, "all"):
        return G
    from .graph import filter_evidence

    return filter_evidence(G, evidence)


def _check_graph(G):
    if G.is_directed() or G.is_multigraph():
        raise InputError("this analysis needs an undirected simple graph, as built by build_graph.")


def _strength_of(G):
    """A function (u, v) -> stored strength; the first missing one scores every tie once (without writing).

    Lazy: a caller that only reads the owner's ties never walks the whole graph.
    """
    computed = {}

    def get(u, v):
        value = G._adj[u][v].get("strength")
        if value is not None:
            return float(value)
        if not computed:
            base = G
            while hasattr(base, "_graph"):  # subgraph views: score on the full graph
                base = base._graph
            df = tie_strength(base, inplace=False)
            computed.update((frozenset((a, b)), x) for a, b, x in zip(df["u"], df["v"], df["strength"], strict=True))
        return computed[frozenset((u, v))]

    return get


def _contact_frame(G, ego):
    """One row per contact of ``ego``: key, name, company, position, tie attributes, strength.

    Read once per report (``graph._shared_reads``); every caller gets its own copy.
    """
    return _shared(G, ("contact frame", ego), lambda: _read_contact_frame(G, ego)).copy()


def _read_contact_frame(G, ego):
    """:func:`_contact_frame`, read from the graph."""
    columns = ["key", "name", "company", "position", "met", "evidence", "messages", "connected_on",
               "last_contact", "strength"]
    get = _strength_of(G)
    ties = G._adj[ego]
    keys = sorted((n for n in ties if n != ego), key=str)
    if not keys:
        return pd.DataFrame([], columns=columns)
    datas = [ties[n] for n in keys]
    people = [G.nodes[n] for n in keys]
    # Column by column, from lists of the very values a row-by-row build would hold: same dtypes.
    return pd.DataFrame({
        "key": keys,
        "name": [p.get("name", "") or "" for p in people],
        "company": [p.get("company", "") or "" for p in people],
        "position": [p.get("position", "") or "" for p in people],
        "met": [d.get("met") or "unknown" for d in datas],
        "evidence": [d.get("evidence", "export") for d in datas],
        "messages": [int(d.get("messages") or 0) for d in datas],
        "connected_on": [_to_date(d.get("connected_on")) for d in datas],
        "last_contact": [_to_date(d.get("last_contact")) for d in datas],
        "strength": [get(ego, n) for n in keys],
    }, columns=columns)


def _rank(df):
    """Order contacts by strength, strongest first; ties broken by key for determinism."""
    order = df.assign(_key=df["key"].astype(str)).sort_values(
        ["strength", "_key"], ascending=[False, True], kind="mergesort").index
    return df.loc[order].reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Burt's measures over the ego's neighbourhood


def ego_burt(G, ego=None, *, weight="strength", evidence="all"):
    """Burt's structural-hole measures of one person, computed over their neighbourhood only.

    Effective size is the number of contacts minus their redundancy (how much they are tied to
    each other); efficiency is effective size per contact; constraint (0–1, can exceed 1) is how
    much the person's time and energy is locked into contacts who are tied to each other;
    hierarchy (0–1) is how much that constraint is concentrated on a few contacts.

    Same formulas as :func:`networkx.constraint` and :func:`networkx.effective_size` with
    ``nodes=[ego]`` (Burt 1992; p_ij normalised by all of i's ties, m_jq by j's largest tie), but
    linear in the ties of the ego's contacts instead of quadratic in the ego's degree: a few
    hundred milliseconds at LinkedIn's 30,000-contact cap (networkx takes hours there).

    Parameters
    ----------
    G : networkx.Graph
    ego : node, optional
        Default ``G.graph["ego"]``.
    weight : str or None
        Edge attribute read as tie *strength* (default ``"strength"``); ``None`` counts every tie
        as 1. Edges without the attribute count as 1. Self-loops are ignored.
    evidence : {"all", "declared", "observed"}
        Which ties count (see :func:`netanalysis.graph.filter_evidence`).

    Returns
    -------
    dict
        ``size`` (contacts), ``ties_between_contacts``, ``effective_size``, ``efficiency``,
        ``constraint``, ``hierarchy`` (NaN when fewer than 2 contacts; all NaN without contacts).

    Examples
    --------
    >>> G = nx.Graph([("me", "a"), ("me", "b"), ("me", "c"), ("a", "b")])
    >>> {k: round(v, 4) for k, v in ego_burt(G, "me", weight=None).items()}  # doctest: +NORMALIZE_WHITESPACE
    {'size': 3, 'ties_between_contacts': 1, 'effective_size': 2.3333, 'efficiency': 0.7778,
     'constraint': 0.6111, 'hierarchy': 0.0522}

    References
    ----------
    .. [1] Burt, R. S. (1992). Structural Holes. Harvard University Press.
    .. [2] Borgatti, S. (1997). Structural holes: unpacking Burt's redundancy measures.
       Connections 20(1), 35–38.
    """
    _check_graph(G)
    ego = _ego(G, ego)
    # One implementation of Burt's formulas serves the whole package (brokerage's, behind
    # burt_measures, pinned against UCINET); here it is summarised for the ego's strength table.
    from .brokerage import _burt_rows

    measures = _burt_rows(_view(G, evidence), weight, [ego])[ego]
    return {"size": measures["degree"], "ties_between_contacts": measures["ties_between_contacts"],
            "effective_size": measures["effective_size"], "efficiency": measures["efficiency"],
            "constraint": measures["constraint"], "hierarchy": measures["hierarchy"]}


# --------------------------------------------------------------------------------------------
# Dunbar layers


def dunbar_layers(G, ego=None, *, strong=0.5, evidence="all"):
    """Place each contact in Dunbar's circles by tie-strength rank, and say who is strong enough.

    People keep about 1.5, 5, 15, 50 and 150 relationships in nested circles of decreasing
    closeness (Zhou et al. 2005; Dunbar et al. 2015, who found the same layers online). Here the
    contacts are ranked by tie strength; rank 1 is the innermost. The rank alone always "fills"
    the circles, so what matters is how many contacts in each circle are actually strong
    (strength ≥ ``strong``) or were met in person: in a network of strangers the 150 circle is
    filled with weak ties.

    Parameters
    ----------
    G : networkx.Graph
    ego : node, optional
        Default ``G.graph["ego"]``.
    strong : float
        Strength from which a tie counts as strong (default 0.5: with the default weights an
        online-only tie reaches it only with many recent messages over years and shared contacts).
    evidence : {"all", "declared", "observed"}

    Returns
    -------
    pandas.DataFrame
        One row per contact, strongest first: ``key, name, company, met, strength, rank, layer``
        (the smallest Dunbar layer 1.5/5/15/50/150 whose size covers the rank, NaN beyond 150) and
        ``strong`` (bool).

    Examples
    --------
    >>> G = nx.Graph(ego="me")
    >>> for i, s in enumerate([0.9, 0.8, 0.2, 0.6, 0.1, 0.7]):
    ...     G.add_edge("me", f"c{i}", strength=s, met="in_person" if s > 0.5 else "online")
    >>> dunbar_layers(G)[["key", "rank", "layer", "strong"]]
      key  rank  layer  strong
    0  c0     1    1.5    True
    1  c1     2    5.0    True
    2  c5     3    5.0    True
    3  c3     4    5.0    True
    4  c2     5    5.0   False
    5  c4     6   15.0   False
    """
    _check_graph(G)
    ego = _ego(G, ego)
    df = _rank(_contact_frame(_view(G, evidence), ego))
    df["rank"] = range(1, len(df) + 1)
    df["layer"] = [next((float(c) for c in DUNBAR_LAYERS if r <= c), math.nan) for r in df["rank"]]
    df["strong"] = df["strength"] >= strong
    return df[["key", "name", "company", "met", "strength", "rank", "layer", "strong"]]


# --------------------------------------------------------------------------------------------
# the network's strength, indicator by indicator


def _entropy(counts):
    total = sum(counts)
    if total <= 0:
        return math.nan
    return -sum(c / total * math.log(c / total) for c in counts if c > 0)


def _communities_for(G, ego, communities, evidence):
    """The community mapping to use, and where it came from."""
    if communities is not None:
        return dict(communities), "given"
    try:
        from .communities import partition
    except ImportError:  # the communities module is optional for this analysis
        return None, "none"
    try:
        return partition(G, ego=ego, evidence=evidence), "louvain"
    except InputError:
        return None, "none"


def network_strength(G, ego=None, *, communities=None, evidence="all", strong=0.5, active_months=12,
                     as_of=None):
    """How strong a person's network is, next to how big it is: one table of indicators.

    Size counts contacts; strength asks what the network can carry. The table puts side by side
    the size, how many ties were met in person, the strength-weighted size, Dunbar's circles,
    the ties still active, Burt's structural-hole measures, the diversity of communities and
    companies reached, the introductions the person can credibly make, and the people reachable
    through someone met in person.

    Parameters
    ----------
    G : networkx.Graph
        The network, with ``strength`` on its ties (see :func:`tie_strength`; computed when absent).
    ego : node, optional
        Whose network. Default ``G.graph["ego"]``.
    communities : dict, optional
        ``key -> community id``. Default: :func:`netanalysis.communities.partition` on the ties
        between contacts; contacts absent from the mapping (no tie to another contact) are
        counted as unassigned.
    evidence : {"all", "declared", "observed"}
        Which ties count (inferred ties are only used with ``"all"``).
    strong : float
        Strength from which a tie counts as strong (default 0.5).
    active_months : int
        A tie is active when its last contact (or, failing that, the connection) falls within
        this many months before ``as_of``.
    as_of : date, optional
        "Today"; default ``G.graph["as_of"]``, else the newest date in the graph.

    Returns
    -------
    pandas.DataFrame
        Columns ``group, indicator, value, meaning, note``: one row per indicator, ``value`` a
        float, ``meaning`` one plain sentence, ``note`` a caveat (empty when none), e.g. that
        Burt's measures mean nothing while no two contacts are known to be tied. ``df.attrs``
        holds ``ego``, ``as_of`` and ``communities_source`` (``given|louvain|none``).

    Examples
    --------
    >>> G = nx.Graph(ego="me", as_of="2024-06-01")
    >>> G.add_edge("me", "a", met="in_person", connected_on="2020-01-01", last_contact="2024-05-01")
    >>> G.add_edge("me", "b", met="in_person", connected_on="2021-01-01")
    >>> G.add_edge("me", "c", met="online", connected_on="2023-09-01")
    >>> G.add_edge("a", "b", evidence="declared")
    >>> _ = tie_strength(G)
    >>> t = network_strength(G).set_index("indicator")["value"]
    >>> t[["size", "in_person", "in_person_share", "ties_between_contacts", "introductions"]]
    indicator
    size                     3.000000
    in_person                2.000000
    in_person_share          0.666667
    ties_between_contacts    1.000000
    introductions            0.000000
    Name: value, dtype: float64
    """
    _check_graph(G)
    ego = _ego(G, ego)
    H = _view(G, evidence)
    today = _resolve_as_of(G, as_of)
    df = _contact_frame(H, ego)
    n = len(df)
    rows = []

    def add(group, indicator, value, meaning, note=""):
        value = math.nan if value is None else float(value)
        rows.append({"group": group, "indicator": indicator, "value": value, "meaning": meaning, "note": note})

    # -- size and how the ties were made
    add("size", "size", n, "contacts: people the person is directly connected to")
    met_counts = {m: int((df["met"] == m).sum()) for m in _MET}
    for m, label in (("in_person", "met in person"), ("online", "known online only"),
                     ("unknown", "not yet said whether met in person")):
        add("met", m, met_counts[m], f"contacts {label}")
    for m, label in (("in_person", "met in person"), ("online", "online only"),
                     ("unknown", "with unknown 'met'")):
        add("met", f"{m}_share", met_counts[m] / n if n else math.nan, f"share of contacts {label}",
            "many contacts have 'met' unknown: fill in ties.csv" if m == "in_person" and n
            and met_counts["unknown"] / n > 0.5 else "")

    # -- strength
    total = float(df["strength"].sum()) if n else 0.0
    add("strength", "strength_weighted_size", total,
        "sum of tie strengths: the network's size if each tie counts as much as it is strong")
    add("strength", "mean_strength", total / n if n else math.nan, "average tie strength (0 weakest, 1 strongest)")
    n_strong = int((df["strength"] >= strong).sum())
    add("strength", "strong_ties", n_strong, f"contacts with tie strength of at least {strong:g}")
    ranked = _rank(df)
    for layer in DUNBAR_LAYERS:
        top = ranked.head(int(layer))
        add("dunbar", f"layer_{layer:g}_strong", int((top["strength"] >= strong).sum()),
            f"of the {layer:g} closest contacts (Dunbar's {layer:g} circle), how many are strong ties",
            "fewer contacts than the circle holds" if n < layer else "")
        add("dunbar", f"layer_{layer:g}_in_person", int((top["met"] == "in_person").sum()),
            f"of the {layer:g} closest contacts, how many were met in person")

    # -- activity
    if today is not None and n:
        last = [(lc or co) for lc, co in zip(df["last_contact"], df["connected_on"], strict=True)]
        horizon = active_months * _DAYS_PER_MONTH
        active = sum(1 for d in last if d is not None and 0 <= (today - d).days <= horizon)
        undated = sum(1 for d in last if d is None)
        add("activity", "active_ties", active,
            f"contacts with a message or a new connection in the last {active_months} months",
            f"{undated} contacts have no date" if undated else "")
        add("activity", "active_share", active / n, "share of contacts still active")
    else:
        add("activity", "active_ties", math.nan, "contacts in touch recently", "no dates in the data")
        add("activity", "active_share", math.nan, "share of contacts still active", "no dates in the data")

    # -- structural holes
    burt = ego_burt(H, ego, weight="strength")
    t = burt["ties_between_contacts"]
    caveat = "" if t else "not meaningful: no ties between contacts are known (merge exports or add knows.csv)"
    add("structure", "ties_between_contacts", t, "ties known between the person's contacts")
    add("structure", "density_between_contacts", 2 * t / (n * (n - 1)) if n > 1 else math.nan,
        "share of pairs of contacts who are tied to each other", caveat)
    add("structure", "effective_size", burt["effective_size"],
        "contacts who are not redundant with each other (Burt), weighted by tie strength", caveat)
    add("structure", "efficiency", burt["efficiency"], "effective size per contact (1 = no redundancy)", caveat)
    add("structure", "constraint", burt["constraint"],
        "how much the network locks the person into one closed group (Burt; lower = more brokerage)", caveat)
    add("structure", "hierarchy", burt["hierarchy"],
        "how much that constraint comes from a few contacts (0 = evenly spread)", caveat)

    # -- diversity
    mapping, source = _communities_for(G, ego, communities, evidence)
    if mapping is not None and n:
        assigned = [mapping[k] for k in df["key"].tolist() if k in mapping]
        counts = list(pd.Series(assigned, dtype=object).value_counts()) if assigned else []
        h = _entropy(counts)
        add("diversity", "communities_reached", len(counts), "communities among the contacts")
        add("diversity", "community_entropy", h,
            "entropy of contacts across communities (0 = all in one; higher = spread across more)",
            "" if counts else "no communities: no ties between contacts are known")
        add("diversity", "community_effective_number", math.exp(h) if counts else math.nan,
            "the number of equally sized communities that would give the same spread")
        add("diversity", "unassigned_share", 1 - len(assigned) / n,
            "share of contacts in no community (tied to no other contact)")
    from .identity import normalize_company

    names = df["company"].tolist()
    normal = {c: normalize_company(c) for c in set(names)}  # far fewer employers than contacts
    companies = [normal[c] for c in names]
    company_counts = list(pd.Series([c for c in companies if c], dtype=object).value_counts())
    add("diversity", "companies_reached", len(company_counts), "distinct employers among the contacts")
    add("diversity", "company_entropy", _entropy(company_counts),
        "entropy of contacts across employers (higher = spread across more companies)")

    # -- what the network can do
    keys, mets = df["key"].tolist(), df["met"].tolist()
    vouch = [k for k, m, s in zip(keys, mets, df["strength"].tolist(), strict=True) if m == "in_person" or s >= strong]
    vouch_set = set(vouch)
    # C-level intersections of each one's contacts with the others (a self-loop is no tie)
    among = sum(len(H._adj[a].keys() & vouch_set) - (a in H._adj[a]) for a in vouch) // 2
    k = len(vouch)
    add("reach", "credible_introducers_base", k,
        "contacts known well enough to vouch for (met in person or strong tie)")
    add("reach", "introductions", k * (k - 1) // 2 - among,
        "pairs of those contacts who are not yet tied: introductions the person can credibly make",
        "assumes contacts with no known tie do not know each other" if not t else "")
    in_person = [k_ for k_, m in zip(keys, mets, strict=True) if m == "in_person"]
    direct = set(H._adj[ego]) | {ego}
    warm, warm_strict = set(), set()
    for c in in_person:
        nbrs = H._adj[c]
        beyond = nbrs.keys() - direct  # set difference in C; only those ties are read
        warm |= beyond
        warm_strict.update(x for x in beyond if nbrs[x].get("met") == "in_person")
    add("reach", "warm_reach", len(warm),
        "people two steps away through a contact met in person (who could introduce them)")
    add("reach", "warm_reach_in_person", len(warm_strict),
        "of those, people the in-person contact also met in person (both steps face to face)")
    out = pd.DataFrame(rows, columns=["group", "indicator", "value", "meaning", "note"])
    out.attrs.update({"ego": ego, "as_of": today, "communities_source": source})
    return out


def keep_in_person(G, ego=None):
    """What-if: the network with only the ego's ties met in person (a new graph).

    The ego's ties not met in person (online or unknown) are removed. Ties between other people
    are theirs, so they stay, but only the part of the network the ego can still reach is kept
    (the ego's connected component): a former contact reachable through someone met in person
    stays as a friend of a friend. Stored tie strengths are kept as they were.

    Examples
    --------
    >>> G = nx.Graph(ego="me")
    >>> G.add_edge("me", "a", met="in_person"); G.add_edge("me", "b", met="online")
    >>> G.add_edge("a", "c", met="online"); G.add_edge("b", "d", met="online")
    >>> sorted(keep_in_person(G).edges())
    [('a', 'c'), ('me', 'a')]
    """
    _check_graph(G)
    ego = _ego(G, ego)
    H = G.copy()
    H.remove_edges_from([(ego, n) for n, d in G._adj[ego].items() if n != ego and d.get("met") != "in_person"])
    reach = nx.node_connected_component(H, ego)
    H.remove_nodes_from([n for n in G if n not in reach])
    H.graph["what_if"] = "in_person"
    return H


def _label(G, ego):
    return (G.nodes[ego].get("name") or str(ego)) if ego in G else str(ego)


def compare(graphs, *, egos=None, what_if=None, communities=None, evidence="all", strong=0.5):
    """Side by side, one column per person: how big and how strong each network is.

    Parameters
    ----------
    graphs : mapping or list
        ``{label: G}`` or ``{label: (G, ego)}``, or a list of graphs (labelled by their ego's name).
    egos : list, optional
        The ego of each graph when ``graphs`` is a list (default each ``G.graph["ego"]``).
    what_if : {None, "in_person"}
        ``"in_person"`` adds, after each person's column, a column ``"<label> · in person only"``
        computed on :func:`keep_in_person`: what each network keeps when only ties met in person
        remain.
    communities : dict, optional
        ``{label: mapping}`` of community mappings; default Louvain per graph.
    evidence, strong
        As in :func:`network_strength`.

    Returns
    -------
    pandas.DataFrame
        ``group, indicator``, one column per person (and per what-if), then ``meaning``.

    Examples
    --------
    >>> A = nx.Graph(ego="a"); A.add_edges_from([("a", i) for i in range(6)], met="online", strength=0.1)
    >>> B = nx.Graph(ego="b"); B.add_edges_from([("b", i) for i in range(3)], met="in_person", strength=0.8)
    >>> t = compare({"Ann": A, "Bea": B}, what_if="in_person").set_index("indicator")
    >>> t.loc[["size", "strength_weighted_size", "in_person"], ["Ann", "Ann · in person only", "Bea"]]
                            Ann  Ann · in person only  Bea
    indicator
    size                    6.0                   0.0  3.0
    strength_weighted_size  0.6                   0.0  2.4
    in_person               0.0                   0.0  3.0
    """
    if what_if not in (None, "in_person"):
        raise InputError(f"unknown what-if '{what_if}'; use 'in_person'.")
    if isinstance(graphs, dict):
        items = [(str(label), *(value if isinstance(value, tuple) else (value, None)))
                 for label, value in graphs.items()]
    else:
        graphs = list(graphs)
        egos = list(egos) if egos is not None else [None] * len(graphs)
        if len(egos) != len(graphs):
            raise InputError("give one ego per graph.")
        items = []
        for G, ego in zip(graphs, egos, strict=True):
            ego = _ego(G, ego)
            items.append((_label(G, ego), G, ego))
    if not items:
        raise InputError("nothing to compare; give at least one network.")
    labels = [label for label, _, _ in items]
    if len(set(labels)) != len(labels):
        raise InputError("two networks have the same label; pass a mapping with distinct labels.")
    communities = communities or {}
    order, meanings, columns = [], {}, {}
    for label, G, ego in items:
        variants = [(label, G, communities.get(label))]
        if what_if == "in_person":
            variants.append((f"{label} · in person only", keep_in_person(G, ego), None))
        for column, graph, mapping in variants:
            t = network_strength(graph, ego, communities=mapping, evidence=evidence, strong=strong)
            values = {}
            for group, indicator, value, meaning in zip(t["group"], t["indicator"], t["value"], t["meaning"], strict=True):
                if (group, indicator) not in meanings:  # keep the first table's order
                    order.append((group, indicator))
                    meanings[group, indicator] = meaning
                values[group, indicator] = value
            columns[column] = values
    table = pd.DataFrame({"group": [g for g, _ in order], "indicator": [i for _, i in order]})
    for column, values in columns.items():
        table[column] = [values.get(key, math.nan) for key in order]
    table["meaning"] = [meanings[key] for key in order]
    return table


# --------------------------------------------------------------------------------------------
# what to do next: dormant ties, targeted messages, the quality of new ties over time


def dormant_ties(G, ego=None, *, months=12, strong=0.5, weights=None, as_of=None, evidence="all"):
    """Strong ties the person has not been in touch with for a long time, most valuable first.

    A tie goes dormant when nobody tends it. To decide whether a silent tie *was* strong, its
    strength is recomputed without the recency component (otherwise silence would hide it),
    over the ego's ties only (message and mutual-contact maxima taken among them). A tie is a dormant strong tie when it was met in person or that lasting strength is at least
    ``strong``, and its last contact (or, without messages, the connection itself) is at least
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
    _check_graph(G)
    ego = _ego(G, ego)
    H = _view(G, evidence)
    today = _resolve_as_of(G, as_of)
    columns = ["key", "name", "company", "position", "met", "messages", "connected_on", "last_contact",
               "months_silent", "strength", "lasting_strength", "mutual_contacts", "why"]
    if today is None:
        out = pd.DataFrame(columns=columns)
        out.attrs.update({"as_of": None, "undated": 0})
        return out
    lasting_weights = {**_check_weights(weights), "recency": 0.0}
    # Score the ego's ties only (normalisers over those ties): linear, even at 30,000 contacts.
    others = [n for n in H._adj[ego] if n != ego]
    scores = _score_ties(H, [ego] * len(others), others, [H._adj[ego][n] for n in others], lasting_weights, today)
    lasting = dict(zip(scores["v"], scores["strength"].tolist(), strict=True))
    df = _contact_frame(H, ego)
    ego_nbrs = set(H._adj[ego])
    rows, undated = [], 0
    # Plain lists rather than itertuples: element-wise reads of string columns cost ~5 µs each.
    listed = {c: df[c].tolist() for c in df.columns}
    for values in zip(*listed.values(), strict=True):
        row = _Row(*values)
        was_strong = row.met == "in_person" or lasting.get(row.key, 0.0) >= strong
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
        rows.append({**row._asdict(), "last_contact": last, "months_silent": silent,
                     "lasting_strength": lasting.get(row.key, math.nan), "mutual_contacts": mutual,
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


def _fold(text):
    import unicodedata

    text = unicodedata.normalize("NFKD", str(text or ""))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def _terms(value, what):
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    terms = [_fold(t).strip() for t in value]
    terms = [t for t in terms if t]
    if not terms:
        raise InputError(f"the {what} are empty; give at least one word to look for.")
    return terms


def audience(G, ego=None, *, keywords=None, sector=None, evidence="all"):
    """Who a job post or an announcement is for, against everyone a broadcast would reach.

    A post or a status update reaches every contact, but is relevant only to the few whose work
    matches it: "post and pray" mostly reaches people who do not care. This counts the contacts
    whose position or company matches, what share of a broadcast they are, and lists them, the
    strongest ties first, so that they can be written to privately instead.

    Parameters
    ----------
    G : networkx.Graph
    ego : node, optional
        Default ``G.graph["ego"]``.
    keywords : str or list of str
        Words looked for in the contact's position or company (case and accents ignored,
        substring match: ``"data"`` matches "Data engineer").
    sector : str or list of str, optional
        Words looked for in the company name only (e.g. ``"bank"``). With both, a contact must
        match a keyword *and* a sector word.
    evidence : {"all", "declared", "observed"}

    Returns
    -------
    Audience
        A named tuple ``(summary, targeted)``: ``summary`` is a table ``indicator, value,
        meaning`` (``broadcast_reach``, ``relevant``, ``relevant_share``, ``not_relevant``,
        ``not_relevant_share``, ``relevant_in_person``, ``relevant_strong``); ``targeted`` lists
        the relevant contacts, strongest first: ``key, name, company, position, met, strength,
        matched`` (the words that matched).

    Raises
    ------
    InputError
        If neither keywords nor sector is given.

    Examples
    --------
    >>> G = nx.Graph(ego="me")
    >>> for i in range(18):
    ...     G.add_node(f"p{i}", position="Nurse", company="Hospital")
    ...     G.add_edge("me", f"p{i}", strength=0.2, met="online")
    >>> G.add_node("ana", position="Data engineer", company="Bank"); G.add_edge("me", "ana", strength=0.9, met="in_person")
    >>> G.add_node("bo", position="Data analyst", company="Shop"); G.add_edge("me", "bo", strength=0.4, met="online")
    >>> a = audience(G, keywords=["data"])
    >>> a.summary.set_index("indicator").loc[["broadcast_reach", "relevant", "not_relevant_share"], "value"]
    indicator
    broadcast_reach       20.0
    relevant               2.0
    not_relevant_share     0.9
    Name: value, dtype: float64
    >>> a.targeted[["key", "matched"]]
       key matched
    0  ana    data
    1   bo    data
    """
    _check_graph(G)
    ego = _ego(G, ego)
    keys = _terms(keywords, "keywords")
    sectors = _terms(sector, "sector words")
    if not keys and not sectors:
        raise InputError("say what the post is about: give keywords (e.g. a job title) or a sector.")
    H = _view(G, evidence)
    df = _rank(_contact_frame(H, ego))
    matched = []
    for position, company in zip(df["position"], df["company"], strict=True):
        text, firm = _fold(f"{position} {company}"), _fold(company)
        hit_keys = [k for k in keys if k in text]
        hit_sectors = [s for s in sectors if s in firm]
        ok = (not keys or hit_keys) and (not sectors or hit_sectors)
        matched.append(", ".join(dict.fromkeys(hit_keys + hit_sectors)) if ok else "")
    df["matched"] = matched
    targeted = df[df["matched"] != ""][["key", "name", "company", "position", "met", "strength", "matched"]]
    targeted = targeted.reset_index(drop=True)
    n, r = len(df), len(targeted)
    rows = [
        ("broadcast_reach", n, "contacts a post or status update reaches"),
        ("relevant", r, "contacts whose position or company matches the post"),
        ("relevant_share", r / n if n else math.nan, "share of a broadcast that reaches someone concerned"),
        ("not_relevant", n - r, "contacts a broadcast reaches who are not concerned"),
        ("not_relevant_share", (n - r) / n if n else math.nan, "share of a broadcast that reaches people not concerned"),
        ("relevant_in_person", int((targeted["met"] == "in_person").sum()),
         "relevant contacts met in person: the ones to write to first"),
        ("relevant_strong", int((targeted["strength"] >= 0.5).sum()), "relevant contacts with a strong tie (≥ 0.5)"),
    ]
    summary = pd.DataFrame([{"indicator": i, "value": float(v), "meaning": m} for i, v, m in rows])
    return Audience(summary, targeted)


class Audience(tuple):
    """The result of :func:`audience`: ``summary`` and ``targeted`` tables (also unpackable)."""

    __slots__ = ()

    def __new__(cls, summary, targeted):
        return super().__new__(cls, (summary, targeted))

    @property
    def summary(self):
        return self[0]

    @property
    def targeted(self):
        return self[1]

    def __repr__(self):
        s = self.summary.set_index("indicator")["value"]
        return (f"Audience(broadcast_reach={int(s['broadcast_reach'])}, relevant={int(s['relevant'])}, "
                f"not_relevant_share={s['not_relevant_share']:.2f})")


def quality_timeline(G, ego=None, *, evidence="all"):
    """Year by year, how many ties were made and how good they were.

    Growth in size says nothing about growth in strength: a year of accepting every invitation
    adds many ties that are online only and weak. Per year of connection this counts the new
    ties, how many were met in person and their mean strength.

    Parameters
    ----------
    G : networkx.Graph
    ego : node, optional
        Default ``G.graph["ego"]``.
    evidence : {"all", "declared", "observed"}

    Returns
    -------
    pandas.DataFrame
        One row per year (oldest first; contacts without a connection date last, with ``year``
        missing): ``year`` (nullable Int64), ``new_ties``, ``in_person``, ``online``, ``unknown``,
        ``in_person_share``, ``mean_strength``, ``cumulative_size``.

    Examples
    --------
    >>> G = nx.Graph(ego="me")
    >>> G.add_edge("me", "a", connected_on="2020-05-01", met="in_person", strength=0.8)
    >>> G.add_edge("me", "b", connected_on="2021-01-09", met="online", strength=0.2)
    >>> G.add_edge("me", "c", connected_on="2021-07-01", met="in_person", strength=0.6)
    >>> quality_timeline(G)[["year", "new_ties", "in_person_share", "mean_strength", "cumulative_size"]]
       year  new_ties  in_person_share  mean_strength  cumulative_size
    0  2020         1              1.0            0.8                1
    1  2021         2              0.5            0.4                3
    """
    _check_graph(G)
    ego = _ego(G, ego)
    df = _contact_frame(_view(G, evidence), ego)
    df["year"] = pd.array([d.year if d is not None else None for d in df["connected_on"]], dtype="Int64")
    rows = []
    years = sorted(int(y) for y in df["year"].dropna().unique())
    for year in [*years, None]:
        part = df[df["year"].isna()] if year is None else df[df["year"] == year]
        if year is None and not len(part):
            continue
        counts = {m: int((part["met"] == m).sum()) for m in _MET}
        rows.append({"year": year, "new_ties": len(part), **counts,
                     "in_person_share": counts["in_person"] / len(part),
                     "mean_strength": float(part["strength"].mean())})
    out = pd.DataFrame(rows, columns=["year", "new_ties", *_MET, "in_person_share", "mean_strength"])
    out["year"] = out["year"].astype("Int64")
    out["cumulative_size"] = out["new_ties"].cumsum()
    return out

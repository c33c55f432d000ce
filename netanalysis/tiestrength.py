"""Tie strength: score every tie from 0 to 1 and fill its ``strength`` and ``distance``.

Below every analysis that reads strengths: :func:`netanalysis.graph.build_graph` calls
:func:`tie_strength`, and the strength analyses re-score the ego's ties with :func:`score_ties`.
"""

import datetime as _dt
import itertools
import math
import weakref

import networkx as nx
import numpy as np
import pandas as pd

from ._arrays import triangles
from .coverage import MIN_KNOWN_SHARE, observed_lists
from .errors import InputError
from .model import check_graph, evidence_kinds, filter_evidence, resolve_as_of, to_date, without_records

__all__ = ["ALTERNATIVE_WEIGHTS", "DEFAULT_WEIGHTS", "STRENGTH_FLOOR", "check_weights", "lasting_strengths",
           "normalisers", "rescore",
           "score_ties", "scored_view", "strong_tie_range", "tie_strength"]

#: Default weight of each tie-strength component (they sum to 1). Ordered after the relative
#: predictive power of Gilbert & Karahalios's (2009) dimensions (intimacy > intensity ≈ recency >
#: duration > structural); the numbers themselves are our choice, not published coefficients.
DEFAULT_WEIGHTS = {"intimacy": 0.35, "intensity": 0.20, "duration": 0.15, "recency": 0.20, "structural": 0.10}

_COMPONENTS = tuple(DEFAULT_WEIGHTS)

#: Other plausible weight sets, to show how much a count of strong ties rests on the choice of
#: weights (:func:`strong_tie_range`): none is more right than the default; each puts the
#: emphasis elsewhere.
ALTERNATIVE_WEIGHTS = {
    "equal": dict.fromkeys(DEFAULT_WEIGHTS, 0.2),
    "met first": {"intimacy": 0.50, "intensity": 0.15, "duration": 0.10, "recency": 0.15, "structural": 0.10},
    "activity first": {"intimacy": 0.20, "intensity": 0.30, "duration": 0.10, "recency": 0.30, "structural": 0.10},
    "no structure": {"intimacy": 0.40, "intensity": 0.25, "duration": 0.15, "recency": 0.20, "structural": 0.0},
}
#: Lowest stored strength, so that ``distance = 1 / strength`` stays finite (at most 1,000).
STRENGTH_FLOOR = 1e-3
_DURATION_YEARS = 10.0  # ten years connected counts as a full duration
_RECENCY_DAYS = 365.0  # recency halves roughly every 8 months (exp(-days/365))
_NORMALISERS = weakref.WeakKeyDictionary()  # graph -> per-person maxima of its last tie_strength


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
    - ``intensity``: ``log1p(messages) / log1p(m)``, where m is the largest count among the ties
      of the export owner at that end (**per owner**: one owner's heavy messaging does not shrink
      another's ties; the mean of the two when both ends exported). Messages are weighted by
      group size: a message in a conversation of n people counts 1/(n−1) for each of the owner's
      correspondents (``message_weight``, which :func:`netanalysis.build_graph` stores; else
      ``messages``);
    - ``duration``: ``min(years connected / 10, 1)`` (from ``connected_on``, a lower bound);
    - ``recency``: ``exp(-days since last contact / 365)``; the last contact is
      ``last_contact``, else the connection date (accepting an invitation is a contact);
    - ``structural``: mutual contacts / the largest number of mutual contacts among the ties of
      the person at that end (**per owner**, the mean of the two ends that see it), **counted
      only where observable**: an end sees a tie's mutual contacts when its own list was
      observed (``G.graph["egos"]``; every person when the graph names none) and the other end
      exported too, or at least :data:`netanalysis.coverage.MIN_KNOWN_SHARE` of its other
      contacts did (the coverage rule). A single export sees no structure at all.

    **Dates.** Each tie is judged against the date of the newest export listing it (the newest of
    its ends' dates in ``G.graph["export_dates"]``, never after "today"), so that an older export
    does not look stale next to a newer one; ``G.graph["as_of"]`` (the newest of all) stays the
    date of the headline figures. An explicit ``as_of`` judges every tie against that one day.

    **Unknown is not zero, and never more than online.** A component that is unknown for a tie is
    dropped and the weights of the others are renormalised for that tie: a tie without dates has
    no duration/recency; messages are only known for ties of an export owner (the graph's
    ``egos``), and not at all for an owner none of whose ties has a message (no messages file).
    An unknown ``met`` is the exception: it is scored as online (intimacy 0, the lower bound), so
    that not answering never puts a tie above the same tie declared online; ``strength_upper``
    scores it as in person (the upper bound), and ``known_weight`` shows the intimacy as unknown.
    A tie with no known component gets the floor. The score is then multiplied by the tie's
    ``confidence`` (1 for observed and declared ties, below 1 for inferred ones), and floored at
    0.001 so that ``distance = 1 / strength`` is finite.  A ``met`` value suggested by a rule
    (``met_source="rule:…"``, only filled when ``build_graph(suggest_met=True)`` is asked for)
    counts like a declared one.

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
    dates = G.graph.get("export_dates") if as_of is None else None
    df = score_ties(G, us, vs, datas, weights, today, at=(u_at, v_at), dates=dates)
    if inplace:  # the edge data dicts are the graph's own: write into them directly
        for data, strength, distance in zip(datas, df["strength"].tolist(), df["distance"].tolist(), strict=True):
            data["strength"] = strength
            data["distance"] = distance
        # How the strengths were made, so that an evidence filter can score its own ties the same
        # way (``as_of`` as given: None means each export's own date).
        G.graph["strength_scored"] = {"weights": dict(weights), "as_of": as_of}
        _NORMALISERS[G] = df.attrs["normalisers"]
    return df


def normalisers(G):
    """The per-person maxima :func:`tie_strength` last scored ``G``'s ties with (None if it did not).

    Kept beside the graph, not in ``G.graph`` (thousands of entries that no file should carry), so
    that :func:`score_ties` can score a few ties (the ego's) exactly as within the whole graph.
    """
    return _NORMALISERS.get(G)


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
    >>> G = nx.Graph(ego="me", as_of="2024-01-01", egos=["me", "a"])
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
    # A level without `recorded` evidence reads the ties as they were before the user's other data.
    unrecord = bool(G.graph.get("records")) and "recorded" not in evidence_kinds(evidence)
    if len(kept) == G.number_of_edges() and not unrecord:
        return G
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from((u, v, without_records(d) if unrecord else dict(d)) for u, v, d in kept)
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


def lasting_strengths(G, ego, today, *, weights=None, normalisers=None, dates=None):
    """The ego's ties' *lasting* strength: scored without the recency part, so that the last message
    does not make a tie look strong. ``key -> (strength, judged)``.

    ``judged`` is what "was this tie strong?" reads (:func:`netanalysis.dormant_ties`,
    :func:`netanalysis.changes`): the strength itself, or, for a tie whose ``met`` nobody answered
    (scored as online, its lower bound), its strength on what is known of it: its other parts,
    intimacy left out. Judged on the lower bound alone, no tie of a user without ties.csv could be
    strong. ``normalisers`` and ``dates`` as :func:`score_ties` (default: maxima over the ego's ties).

    Examples
    --------
    Two ties with the same messages and no dates: intimacy (0 online, weight 0.35) and intensity
    (1, weight 0.2) are all that is known, so ``(0 × 0.35 + 1 × 0.2) / 0.55 = 0.364``; ``b``'s
    ``met`` is unknown, scored as online, and judged on its intensity alone.

    >>> G = nx.Graph([("me", "a", {"met": "online", "messages": 9}), ("me", "b", {"messages": 9})])
    >>> {k: tuple(round(x, 3) for x in v) for k, v in lasting_strengths(G, "me", _dt.date(2024, 1, 1)).items()}
    {'a': (0.364, 0.364), 'b': (0.364, 1.0)}
    """
    others = [n for n in G._adj[ego] if n != ego]
    if not others:
        return {}
    datas = [G._adj[ego][n] for n in others]
    lasting = {**check_weights(weights), "recency": 0.0}
    ties = (G, [ego] * len(others), others, datas)
    scored = score_ties(*ties, lasting, today, normalisers=normalisers, dates=dates)["strength"].tolist()
    known = score_ties(*ties, {**lasting, "intimacy": 0.0}, today, normalisers=normalisers,
                       dates=dates)["strength"].tolist()
    return {n: (s, k if (d.get("met") or "unknown") == "unknown" else s)
            for n, d, s, k in zip(others, datas, scored, known, strict=True)}


def score_ties(G, us, vs, datas, weights, today, *, at=None, normalisers=None, dates=None):
    """Score the given edges of ``G`` (ends ``us``, ``vs``, attribute dicts ``datas``): :func:`tie_strength`'s table.

    Normalisers are each person's maxima (messages, mutual contacts) over these edges, unless
    ``normalisers`` gives them (as :func:`tie_strength` stores them in
    ``G.graph["strength_scored"]["normalisers"]``): then a few ties (the ego's) are scored
    exactly as within the whole graph. ``at``: the ends' positions in ``G``'s node order when
    known (see :func:`_edge_columns`). ``dates``: each person's export date (a tie is judged
    against the newest export date of its ends, never after ``today``); None judges every tie
    against ``today``.

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
    position = None
    if at is None:
        position = {n: k for k, n in enumerate(G._adj)}
        at = (np.fromiter(map(position.__getitem__, us), dtype=np.int64, count=n_edges),
              np.fromiter(map(position.__getitem__, vs), dtype=np.int64, count=n_edges))
    u_at, v_at = at
    nodes = list(G._adj)
    mutual = _mutual_counts(G, us, vs, at=at if n_edges == G.number_of_edges() else None)
    msgs = _message_weights(datas)
    if owners:
        owner_at = np.zeros(len(nodes), dtype=bool)
        owner_at[[k for k, n in enumerate(nodes) if n in owners]] = True
        msg_known = owner_at[u_at] | owner_at[v_at]
    else:
        owner_at = np.ones(len(nodes), dtype=bool)
        msg_known = np.array(["messages" in d or "message_weight" in d for d in datas], dtype=bool)

    nan = math.nan
    w_int, w_inten, w_dur, w_rec, w_str = (weights[c] for c in _COMPONENTS)
    total_weight = sum(weights.values())
    met_col = [d.get("met") or "unknown" for d in datas]
    x_int = np.array([1.0 if m == "in_person" else 0.0 if m == "online" else nan for m in met_col], dtype=float)

    # Intensity, per owner: log1p(messages) / log1p(the owner's largest count), from each end that
    # owns an export (the mean of the two when both do); unknown for an owner without messages.
    top_msgs = _per_person_max(len(nodes), u_at, v_at, msgs, msg_known & owner_at[u_at], msg_known & owner_at[v_at],
                               nodes, normalisers, "messages")
    x_inten = _side_mean(
        [(msg_known & owner_at[u_at], top_msgs[u_at]), (msg_known & owner_at[v_at], top_msgs[v_at])],
        lambda top: _exact(math.log1p, msgs) / _exact(math.log1p, top))

    # Structure, per owner and only where observable: mutual contacts seen from an end whose list
    # was observed, when the other end's ties to that end's contacts are observed (coverage rule),
    # divided by that end's largest such count.
    side_u, side_v = _structure_observable(G, nodes, u_at, v_at, us, vs, position)
    top_mutual = _per_person_max(len(nodes), u_at, v_at, mutual.astype(float), side_u, side_v, nodes, normalisers,
                                 "mutual")
    x_str = _side_mean([(side_u, top_mutual[u_at]), (side_v, top_mutual[v_at])], lambda top: mutual / top)

    connected = _day_numbers([d.get("connected_on") for d in datas])
    last = _day_numbers([d.get("last_contact") for d in datas])
    last = np.where(last < 0, connected, last)
    x_dur = np.full(n_edges, nan)
    x_rec = np.full(n_edges, nan)
    if today is not None:
        day = np.full(n_edges, today.toordinal(), dtype=np.int64)
        if dates:  # each tie judged against the newest export listing it
            exported = np.full(len(nodes), -1, dtype=np.int64)
            for n, d in dates.items():
                k = position.get(n) if position is not None else None
                if k is None and position is None:
                    position = {n: k for k, n in enumerate(G._adj)}
                    k = position.get(n)
                if k is not None and d is not None:
                    exported[k] = to_date(d).toordinal()
            own = np.maximum(exported[u_at], exported[v_at])
            day = np.where(own >= 0, np.minimum(own, day), day)
        dated = connected >= 0
        days = np.maximum(day[dated] - connected[dated], 0)
        x_dur[dated] = np.minimum(days / 365.25 / _DURATION_YEARS, 1.0)
        dated = last >= 0
        days = np.maximum(day[dated] - last[dated], 0)
        x_rec[dated] = _exact(math.exp, -days / _RECENCY_DAYS)
    cols = {"intimacy": x_int, "intensity": x_inten, "duration": x_dur, "recency": x_rec, "structural": x_str}
    unknown = {c: int(np.isnan(cols[c]).sum()) for c in _COMPONENTS}
    # An unknown `met` is scored as online (intimacy 0): the lower bound, so that not answering
    # never puts a tie above the same tie declared online; `strength_upper` scores it as in person.
    met_unknown = np.isnan(x_int)
    lower = _combine({**cols, "intimacy": np.where(met_unknown, 0.0, x_int)}, weights)
    upper = _combine({**cols, "intimacy": np.where(met_unknown, 1.0, x_int)}, weights)
    known_w = np.zeros(n_edges)
    for c, w in zip(_COMPONENTS, (w_int, w_inten, w_dur, w_rec, w_str), strict=True):
        known_w += np.where(~np.isnan(cols[c]), w, 0.0)
    confidence = np.array([d.get("confidence") for d in datas], dtype=float)  # None → NaN, as float() reads the rest
    confidence[np.isnan(confidence)] = 1.0
    trust = np.minimum(np.maximum(confidence, 0.0), 1.0)
    strength = np.minimum(np.maximum(lower * trust, STRENGTH_FLOOR), 1.0)
    df = pd.DataFrame({
        "u": us, "v": vs, "met": met_col,
        "evidence": [d.get("evidence", "export") for d in datas], "confidence": confidence, **cols,
        "known_weight": known_w / total_weight, "strength": strength, "distance": 1.0 / strength,
        "strength_upper": np.minimum(np.maximum(upper * trust, STRENGTH_FLOOR), 1.0),
    }, columns=["u", "v", "met", "evidence", "confidence", *_COMPONENTS, "known_weight", "strength", "distance",
                "strength_upper"])
    df.attrs.update({"as_of": today, "weights": weights, "unknown": unknown, "ties": n_edges,
                     "normalisers": {"messages": _nonzero(nodes, top_msgs), "mutual": _nonzero(nodes, top_mutual)}})
    return df


def rescore(table, weights):
    """The strengths of a :func:`tie_strength` table's ties under other ``weights`` (same rules: an
    unknown component left out, an unknown ``met`` scored as online, confidence, floor).

    Examples
    --------
    >>> G = nx.Graph(ego="me", as_of="2024-01-01")
    >>> G.add_edge("me", "a", met="in_person", connected_on="2023-01-01")
    >>> df = tie_strength(G, inplace=False)
    >>> round(float(df["strength"].iloc[0]), 3), round(float(rescore(df, ALTERNATIVE_WEIGHTS["met first"])[0]), 3)
    (0.627, 0.754)

    By hand: (.35·1 + .15·0.0999 + .2·e⁻¹) / .7 with the default weights (intensity and structure
    unknown), (.5·1 + .1·0.0999 + .15·e⁻¹) / .75 with "met first".
    """
    weights = check_weights(weights)
    cols = {c: table[c].to_numpy(dtype=float) for c in _COMPONENTS}
    cols["intimacy"] = np.where(np.isnan(cols["intimacy"]), 0.0, cols["intimacy"])
    trust = np.minimum(np.maximum(table["confidence"].to_numpy(dtype=float), 0.0), 1.0)
    return np.minimum(np.maximum(_combine(cols, weights) * trust, STRENGTH_FLOOR), 1.0)


def strong_tie_range(G, ego, *, strong=0.5):
    """How many of ``ego``'s ties are strong under the weights ``G`` was scored with and under each
    of :data:`ALTERNATIVE_WEIGHTS`: a dict ``name -> count`` (the scored weights as ``"scored"``).

    The ego's ties are scored with the per-person maxima of the whole graph's scoring, so the
    ``"scored"`` count is the one the stored strengths give. None when ``G``'s strengths were
    not made by :func:`tie_strength` (written by hand).

    Examples
    --------
    >>> G = nx.Graph(ego="me", as_of="2024-01-01")
    >>> G.add_edge("me", "a", met="in_person", connected_on="2023-01-01")
    >>> G.add_edge("me", "b", met="online", connected_on="2023-12-01")
    >>> _ = tie_strength(G)
    >>> strong_tie_range(G, "me")
    {'scored': 1, 'equal': 0, 'met first': 1, 'activity first': 1, 'no structure': 1}
    """
    scored = G.graph.get("strength_scored")
    if not isinstance(scored, dict):
        return None
    others = [n for n in G._adj[ego] if n != ego]
    given = scored.get("as_of")
    table = score_ties(G, [ego] * len(others), others, [G._adj[ego][n] for n in others],
                       check_weights(scored.get("weights")), resolve_as_of(G, given),
                       normalisers=normalisers(G) or tie_strength(G, inplace=False).attrs["normalisers"],
                       dates=G.graph.get("export_dates") if given is None else None)
    out = {"scored": int((table["strength"] >= strong).sum())}
    for name, weights in ALTERNATIVE_WEIGHTS.items():
        out[name] = int((rescore(table, weights) >= strong).sum())
    return out


def _combine(cols, weights):
    """The weighted mean of the known components of each tie (0 when none is known)."""
    n_edges = len(cols["intimacy"])
    known_w, score = np.zeros(n_edges), np.zeros(n_edges)
    for c in _COMPONENTS:
        w = weights[c]
        known = ~np.isnan(cols[c])
        # Adding 0.0 for an unknown component is exact: the same sums as skipping it.
        known_w += np.where(known, w, 0.0)
        score += np.where(known, w * np.where(known, cols[c], 0.0), 0.0)
    return np.divide(score, known_w, out=np.zeros(n_edges), where=known_w > 0)


def _per_person_max(size, u_at, v_at, values, side_u, side_v, nodes, normalisers, kind):
    """Each person's largest ``values`` over the ties seen from their side (or the stored normalisers)."""
    if normalisers is not None:
        stored = normalisers.get(kind) or {}
        return np.array([float(stored.get(n, 0.0)) for n in nodes], dtype=float)
    top = np.zeros(size)
    np.maximum.at(top, u_at[side_u], values[side_u])
    np.maximum.at(top, v_at[side_v], values[side_v])
    return top


def _side_mean(sides, value):
    """Per tie, the mean of ``value(top)`` over the sides that see it (mask, normaliser); NaN when none does."""
    total, count = 0.0, 0
    for mask, top in sides:
        ok = mask & (top > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            x = value(np.where(ok, top, 1.0))
        total = total + np.where(ok, x, 0.0)
        count = count + ok
    return np.divide(total, count, out=np.full(len(sides[0][0]), math.nan), where=count > 0)


def _nonzero(nodes, top):
    """A per-person maximum as a dict, people without one left out."""
    return {nodes[k]: float(top[k]) for k in np.flatnonzero(top > 0).tolist()}


def _structure_observable(G, nodes, u_at, v_at, us, vs, position):
    """For each tie (u, v): can u's side count its mutual contacts, and can v's?

    Side u can when u's own list was observed and the pairs (v, w) for u's other contacts w are
    known for at least :data:`netanalysis.coverage.MIN_KNOWN_SHARE` of them: v exported its list,
    or enough of u's contacts did (each such pair is then observed from w's list).
    """
    lists = observed_lists(G)
    adj = G._adj
    in_list = np.fromiter((n in lists for n in nodes), dtype=bool, count=len(nodes))
    everyone = len(lists) == len(nodes)
    if everyone:
        ok = u_at != v_at
        return ok, ok.copy()
    involved = np.unique(np.concatenate([u_at, v_at]))
    degree = np.zeros(len(nodes), dtype=np.int64)
    listed = np.zeros(len(nodes), dtype=np.int64)
    for k in involved[in_list[involved]].tolist():
        nbrs = adj[nodes[k]]
        degree[k] = len(nbrs) - (nodes[k] in nbrs)
        listed[k] = sum(map(lists.__contains__, nbrs)) - (nodes[k] in nbrs and nodes[k] in lists)

    def side(a, b):
        others = degree[a] - 1
        seen = listed[a] - in_list[b]
        return in_list[a] & (a != b) & (in_list[b] | ((others > 0) & (seen >= MIN_KNOWN_SHARE * others)))

    return side(u_at, v_at), side(v_at, u_at)


def _message_weights(datas):
    """Each tie's messages, group messages weighted 1/(n−1) (``message_weight``, else ``messages``), as floats."""
    values = [d["message_weight"] if "message_weight" in d else d.get("messages") for d in datas]
    return _message_counts(values).astype(float) if values else np.zeros(0)


def _message_counts(values):
    """Message counts as non-negative numbers (missing or unreadable: 0)."""
    counts = np.array(values)
    if counts.dtype.kind in "bi":  # the common case: build_graph's int counters
        return np.maximum(counts.astype(np.int64), 0)
    if counts.dtype.kind == "f" and not np.isnan(counts).any():  # group-weighted counts
        return np.maximum(counts, 0.0)
    out = []
    for value in values:
        try:
            out.append(max(float(value), 0.0) if value is not None and value == value else 0.0)
        except (TypeError, ValueError):
            out.append(0.0)
    return np.array(out, dtype=float)


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

"""Warm paths: who can introduce you to a person, a company or a role, and who can vouch for a candidate."""

import itertools
import math
import unicodedata

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse

from ..errors import InputError
from ..identity import normalize_company, normalize_name, profile_key
from ..tiestrength import scored_view
from ._common import (
    adjacency,
    check_graph,
    check_person,
    display_name,
    sorted_keys,
    text_or_empty,
    tie_distance,
)

__all__ = ["references", "warm_paths"]


def _memo(fn):
    """``fn`` computed once per distinct hashable argument (others are passed through)."""
    seen = {}

    def call(value):
        key = (type(value), value)  # 1, 1.0 and True are equal keys but read differently
        try:
            got = seen.get(key, seen)
        except TypeError:  # unhashable
            return fn(value)
        if got is seen:
            got = seen[key] = fn(value)
        return got

    return call


def _fold(text):
    """Text for a keyword match: accents and case folded, spaces collapsed ("Savoirs  Boréal" → "savoirs boreal").

    Examples
    --------
    >>> _fold("  Savoirs  BORÉAL ")
    'savoirs boreal'
    """
    text = unicodedata.normalize("NFKD", text_or_empty(text))
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).casefold().split())


def _find_targets(G, ego, text):
    """People matching ``text`` and how they matched: a key, a profile URL, a name, a company, a keyword."""
    if text is None or (isinstance(text, str) and not text.strip()):
        raise InputError("say who to reach: a person's key, profile URL or name, a company or a keyword.")
    if not isinstance(text, str) or text in G:
        if text in G:
            return [text], "person"
        raise InputError(f"'{text}' is not a person in this network.")
    key = profile_key(text)
    if key and key in G:
        return [key], "person"
    wanted = normalize_name(text)
    if wanted:  # each distinct spelling normalised once (people share names, many share employers)
        names = _memo(normalize_name)
        people = [n for n, name in G.nodes(data="name") if n != ego and names(name) == wanted]
    else:
        people = []
    if people:
        return sorted_keys(people), "name"
    company = normalize_company(text)
    if company:
        companies = _memo(normalize_company)
        at = [n for n, c in G.nodes(data="company") if n != ego and isinstance(c, str) and companies(c) == company]
        if at:
            return sorted_keys(at), "company"
    needle = _fold(text)
    folded = _memo(_fold)
    found = [
        n for n, d in G.nodes(data=True) if n != ego
        and (needle in folded(d.get("position")) or needle in folded(d.get("company")))
    ]
    if found:
        return sorted_keys(found), "keyword"
    raise InputError(f"nobody in the network matches '{text}' by key, URL, name, company or position.")


def _path_cost(online_penalty):
    def cost(u, v, d):
        length = tie_distance(d)
        return length if d.get("met") == "in_person" else length * online_penalty
    return cost


def _hop(H, u, v):
    d = H.edges[u, v]
    strength = d.get("strength")
    return {
        "met": d.get("met", "unknown") or "unknown",
        "strength": float(strength) if strength is not None else math.nan,
        "last_contact": d.get("last_contact"),
        "evidence": d.get("evidence", "export"),
        "confidence": float(d.get("confidence", 1.0)),
    }


_MET_WORDS = {"in_person": "met in person", "online": "online only", "unknown": "met: unknown"}


def _hop_text(G, v, hop):
    bits = [_MET_WORDS.get(hop["met"], "met: unknown")]
    if hop["strength"] == hop["strength"]:
        bits.append(f"strength {hop['strength']:.2f}")
    if hop["last_contact"] is not None and not (isinstance(hop["last_contact"], float)):
        bits.append(f"last contact {hop['last_contact']}")
    if str(hop["evidence"]).startswith("inferred"):
        bits.append(f"{hop['evidence']}, may not be real")
    return f"{display_name(G, v)} ({', '.join(bits)})"


_HOP_COLUMNS = [
    "path_rank", "hop", "from", "from_name", "to", "to_name", "met", "strength", "last_contact",
    "evidence", "confidence", "hops", "path_cost", "target", "target_name", "target_company", "target_position",
    "matched_by", "route",
]
_PATH_COLUMNS = [
    "path_rank", "target", "target_name", "target_company", "target_position", "matched_by", "introducer",
    "introducer_name", "hops", "path_cost", "weakest_strength", "all_in_person", "any_inferred", "route",
]

#: What a path row says in place of an introducer when you know the target yourself.
DIRECT = "you know them directly"


def warm_paths(G, ego=None, target=None, *, k=3, evidence="all", online_penalty=1.5, per="hop"):
    """Who can introduce you to a person, a company or a kind of role: the k best warm paths.

    A path's cost is the sum of its ties' lengths (``distance`` = 1 / strength), each tie not
    met in person counting ``online_penalty`` times longer: strong, in-person chains first.
    Each hop is described by **its own** tie (met, strength, last contact, evidence), never by
    another tie's.

    Parameters
    ----------
    G : networkx.Graph
        The network.
    ego : node, optional
        Who is looking (default ``G.graph["ego"]``).
    target : str
        A person (key, profile URL or name), a company (matched on the normalised current
        company) or a keyword found in position or company text — tried in that order. Accents,
        case and spacing do not matter: "Savoirs Boreal" finds "Savoirs Boréal".
    k : int
        Number of paths. For one person: the k shortest simple paths to them. For several
        matching people (a company, a keyword): the best path to each of the k closest.
    evidence : {"all", "declared", "observed"}
        Which ties may be used. Inferred ties are labelled in the output.
    online_penalty : float
        Length multiplier for ties not met in person (≥ 1).
    per : {"hop", "path"}
        ``"hop"``: one row per hop (tidy); ``"path"``: one row per path with a readable route.

    Returns
    -------
    pandas.DataFrame
        ``per="hop"``: ``path_rank, hop, from, from_name, to, to_name, met, strength,
        last_contact, evidence, confidence`` (of that hop's tie), ``hops, path_cost, target,
        target_name, target_company, target_position, matched_by`` (``person|name|company|keyword``)
        and ``route``.
        ``per="path"``: ``path_rank, target, target_name, target_company, target_position,
        matched_by, introducer`` (the first contact on the way; the target itself for a direct
        contact), ``introducer_name`` (``"you know them directly"`` for a direct contact), ``hops,
        path_cost, weakest_strength, all_in_person, any_inferred, route``.
        Empty (same columns) when no path exists.

    Raises
    ------
    InputError
        Unknown ego, nothing matching the target, bad parameters.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me")
    >>> G.add_node("me", name="Me")
    >>> G.add_node("a", name="Ana", company="Acme")
    >>> G.add_node("b", name="Bo", company="Beta")
    >>> G.add_node("t", name="Tess", company="Target Co")
    >>> G.add_edge("me", "a", strength=0.8, met="in_person")
    >>> G.add_edge("me", "b", strength=0.4, met="online")
    >>> G.add_edge("a", "t", strength=0.5, met="in_person")
    >>> G.add_edge("b", "t", strength=0.9, met="online")
    >>> paths = warm_paths(G, target="Target Co", per="path")
    >>> paths[["path_rank", "introducer_name", "hops", "path_cost"]].round(2)
       path_rank introducer_name  hops  path_cost
    0          1             Ana     2       3.25
    1          2              Bo     2       5.42
    >>> print(paths.loc[0, "route"])
    you → Ana (met in person, strength 0.80) → Tess (met in person, strength 0.50)
    >>> paths.loc[0, ["target_name", "target_company"]].tolist()
    ['Tess', 'Target Co']
    >>> warm_paths(G, target="ana", per="path").loc[0, "introducer_name"]
    'you know them directly'

    Notes
    -----
    Paths come from :func:`networkx.shortest_simple_paths` (Yen's algorithm) for one person and
    a single Dijkstra search for several: scipy's (compiled) for the distances, and each route
    is the one networkx's search returns — where two routes cost exactly the same, networkx's
    own search runs to choose as it does.
    """
    check_graph(G)
    ego = G.graph.get("ego") if ego is None else ego
    check_person(G, ego, "person (the ego)")
    if int(k) < 1 or float(online_penalty) < 1:
        raise InputError("k must be at least 1 and online_penalty at least 1.")
    if per not in ("hop", "path"):
        raise InputError("per must be 'hop' or 'path'.")
    H = scored_view(G, evidence)
    targets, matched_by = _find_targets(H, ego, target)
    targets = [t for t in targets if t != ego]
    cost = _path_cost(float(online_penalty))
    paths = []
    if len(targets) == 1:
        try:
            for path in nx.shortest_simple_paths(H, ego, targets[0], weight=cost):
                paths.append(path)
                if len(paths) >= int(k):
                    break
        except nx.NetworkXNoPath:
            pass
    elif targets:
        paths = _best_routes(H, ego, targets, int(k), cost, float(online_penalty))
    return _paths_frame(H, paths, cost, matched_by, per)


def _tie_costs(H, nodes, online_penalty):
    """The path cost (:func:`_path_cost`) of every tie of ``H``, as a symmetric CSR matrix over ``nodes``.

    None when a ``distance`` is not a number.

    Each tie's attributes are read once, at the end the adjacency lists first (reading the
    scattered attribute dicts is what costs); self-loops are left out (no route uses them).
    The same floats as the per-tie function: ``distance`` read with ``float``, else
    ``tie_distance``'s ``1 / strength``, times the penalty off in-person ties.
    """
    position = {n: i for i, n in enumerate(nodes)}
    adj = adjacency(H)
    ends, datas, counts = [], [], []
    for n in nodes:
        nbrs = adj[n]
        ends.extend(nbrs)
        datas.extend(nbrs.values())
        counts.append(len(nbrs))
    cols = np.fromiter(map(position.__getitem__, ends), dtype=np.int64, count=len(ends))
    rows = np.repeat(np.arange(len(nodes), dtype=np.int64), counts)
    first = cols > rows
    datas = list(itertools.compress(datas, first.tolist()))
    rows, cols = rows[first], cols[first]
    try:  # one list per attribute: 300,000 tuples would set off the garbage collector
        length = np.array([d.get("distance") for d in datas], dtype=float)  # None → NaN
    except (TypeError, ValueError):  # an unreadable length: left to networkx, which says so if it is used
        return None
    in_person = np.array([d.get("met") == "in_person" for d in datas], dtype=bool)
    for k in np.flatnonzero(np.isnan(length)).tolist():
        length[k] = tie_distance(datas[k])
    costs = np.where(in_person, length, length * online_penalty)
    return scipy.sparse.csr_array((np.concatenate([costs, costs]), (np.concatenate([rows, cols]),
                                   np.concatenate([cols, rows]))), shape=(len(nodes),) * 2)


def _best_routes(H, ego, targets, k, cost, online_penalty):
    """The routes of :func:`networkx.single_source_dijkstra` from ``ego`` to its ``k`` closest ``targets``.

    Distances from scipy's Dijkstra (C): every distance is the smallest ``dist[v] + cost`` over
    the neighbours, as networkx's pure-Python search finds it, float for float. Each route is
    then walked back from its target through the one neighbour ``v`` with ``dist[v] + cost ==
    dist[u]``: where that neighbour is unique, networkx's route has to go through it. When it is
    not (equal-cost routes, where networkx's choice depends on its heap order), or a cost is
    zero, negative or NaN, networkx itself runs.
    """
    import scipy.sparse.csgraph

    nodes = list(H)
    index = {n: i for i, n in enumerate(nodes)}
    graph = _tie_costs(H, nodes, online_penalty)
    if graph is None or np.isnan(graph.data).any() or (graph.data <= 0).any():
        return _nx_routes(H, ego, targets, k, cost)
    # An infinite length is no route (networkx reaches such people at distance inf).
    dist = scipy.sparse.csgraph.dijkstra(graph, directed=True, indices=index[ego]).tolist()
    reachable = [t for t in targets if math.isfinite(dist[index[t]])]
    reachable.sort(key=lambda t: (dist[index[t]], str(t)))
    paths = []
    for t in reachable[:k]:
        path, u = [t], t
        while u != ego:
            here = dist[index[u]]
            before = [v for v, d in H.adj[u].items() if v != u and dist[index[v]] + cost(v, u, d) == here]
            if len(before) != 1:
                return _nx_routes(H, ego, targets, k, cost)
            u = before[0]
            path.append(u)
        paths.append(path[::-1])
    return paths


def _nx_routes(H, ego, targets, k, cost):
    """:func:`_best_routes` by networkx's own search, where scipy's distances cannot decide the route."""
    dist, route = nx.single_source_dijkstra(H, ego, weight=cost)
    reachable = [t for t in targets if t in dist and math.isfinite(dist[t])]
    reachable.sort(key=lambda t: (dist[t], str(t)))
    return [route[t] for t in reachable[:k]]


def _paths_frame(H, paths, cost, matched_by, per):
    hop_rows, path_rows = [], []
    for rank, path in enumerate(paths, 1):
        hops = [(u, v, _hop(H, u, v)) for u, v in itertools.pairwise(path)]
        total = math.fsum(cost(u, v, H.edges[u, v]) for u, v, _ in hops)
        route = " → ".join(["you", *(_hop_text(H, v, h) for _, v, h in hops)])
        target = path[-1]
        about = {"target": target, "target_name": display_name(H, target),
                 "target_company": text_or_empty(H.nodes[target].get("company")),
                 "target_position": text_or_empty(H.nodes[target].get("position"))}
        for i, (u, v, h) in enumerate(hops, 1):
            hop_rows.append({
                "path_rank": rank, "hop": i, "from": u, "from_name": display_name(H, u), "to": v,
                "to_name": display_name(H, v), **h, "hops": len(hops), "path_cost": total,
                **about, "matched_by": matched_by, "route": route,
            })
        strengths = [h["strength"] for _, _, h in hops if h["strength"] == h["strength"]]
        path_rows.append({
            "path_rank": rank, **about, "matched_by": matched_by,
            "introducer": path[1], "introducer_name": DIRECT if len(hops) == 1 else display_name(H, path[1]),
            "hops": len(hops),
            "path_cost": total, "weakest_strength": min(strengths) if strengths else math.nan,
            "all_in_person": all(h["met"] == "in_person" for _, _, h in hops),
            "any_inferred": any(str(h["evidence"]).startswith("inferred") for _, _, h in hops),
            "route": route,
        })
    if per == "path":
        return pd.DataFrame(path_rows, columns=_PATH_COLUMNS)
    return pd.DataFrame(hop_rows, columns=_HOP_COLUMNS)


_REFERENCE_COLUMNS = [
    "key", "name", "company", "position", "your_met", "your_strength", "their_met", "their_strength",
    "their_evidence", "their_last_contact",
]


def references(G, ego=None, candidate=None, *, evidence="all", in_person_only=True):
    """The reference check: which of your contacts — met in person, by default — know this candidate.

    These are the two-hop warm paths you → contact → candidate; each row describes both ties,
    each by its own attributes.

    Parameters
    ----------
    G : networkx.Graph
        The network.
    ego : node, optional
        Who is asking (default ``G.graph["ego"]``).
    candidate : str
        The person to check: key, profile URL or exact name (one person).
    evidence : {"all", "declared", "observed"}
        Which ties count. Inferred contact–candidate ties are labelled in ``their_evidence``.
    in_person_only : bool
        Keep only contacts you met in person (default True): those you can ask frankly.

    Returns
    -------
    pandas.DataFrame
        One row per contact who knows the candidate, strongest tie to you first: ``key, name,
        company, position, your_met, your_strength`` (your tie to them), ``their_met,
        their_strength, their_evidence, their_last_contact`` (their tie to the candidate).

    Raises
    ------
    InputError
        Unknown ego, a candidate matching nobody or several people.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me")
    >>> G.add_edge("me", "a", strength=0.9, met="in_person")
    >>> G.add_edge("me", "b", strength=0.3, met="online")
    >>> G.add_edge("a", "cand", strength=0.6, met="in_person")
    >>> G.add_edge("b", "cand", strength=0.7, met="online")
    >>> references(G, candidate="cand")[["key", "your_met", "their_strength"]]
      key   your_met  their_strength
    0   a  in_person             0.6
    """
    check_graph(G)
    ego = G.graph.get("ego") if ego is None else ego
    check_person(G, ego, "person (the ego)")
    H = scored_view(G, evidence)
    people, matched_by = _find_targets(H, ego, candidate)
    if matched_by not in ("person", "name") or len(people) != 1:
        raise InputError(f"'{candidate}' does not name exactly one person; pass their key or profile URL.")
    cand = people[0]
    rows = []
    for c in set(H.adj[ego]) & set(H.adj[cand]):
        if c in (ego, cand):
            continue
        mine, theirs = _hop(H, ego, c), _hop(H, c, cand)
        if in_person_only and mine["met"] != "in_person":
            continue
        d = H.nodes[c]
        rows.append({
            "key": c, "name": display_name(H, c), "company": text_or_empty(d.get("company")), "position": text_or_empty(d.get("position")),
            "your_met": mine["met"], "your_strength": mine["strength"], "their_met": theirs["met"],
            "their_strength": theirs["strength"], "their_evidence": theirs["evidence"],
            "their_last_contact": theirs["last_contact"],
        })
    rows.sort(key=lambda r: (-(r["your_strength"] if r["your_strength"] == r["your_strength"] else 0), str(r["key"])))
    return pd.DataFrame(rows, columns=_REFERENCE_COLUMNS)

"""Brokerage: structural holes, Gould–Fernandez roles, introductions to make and warm paths to take."""

import itertools
import math
import random
import re
import unicodedata
from collections import Counter

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse

from ._optional import igraph_module as _igraph
from .errors import InputError
from .graph import (
    _adjacency,
    _ends,
    _igraph_helper,
    _neighbour_ends,
    _neighbour_values,
    _shared,
    _shared_reads_active,
    _tie_weights,
    filter_evidence,
)
from .graph import _sorted_keys as _sorted
from .graph import _tie_weight as _weight_value
from .identity import normalize_company, normalize_name, profile_key
from .strength import _triangles

__all__ = [
    "BETWEENNESS_BUDGET",
    "BETWEENNESS_ENGINES",
    "BETWEENNESS_EXACT_MAX",
    "BETWEENNESS_IGRAPH_BUDGET",
    "BETWEENNESS_MIN_PIVOTS",
    "BETWEENNESS_PIVOTS",
    "COMPLEMENTARY_ROLES",
    "ROLE_FAMILIES",
    "brokerage_roles",
    "burt_measures",
    "introductions",
    "mutual_contacts_curve",
    "references",
    "structural_holes",
    "warm_paths",
]

#: Largest graph (in people) whose betweenness is computed exactly when ``k`` is not given.
#: Brandes' algorithm is O(nm) and pure Python here: 14–34 s of CPU for the 1,833-person sample
#: cohort on a shared machine, 80 s with 500 pivots at 30,000 / 300,000 (``performance.md``).
BETWEENNESS_EXACT_MAX = 1000
#: Pivots (sampled sources) used above :data:`BETWEENNESS_EXACT_MAX` when ``k`` is not given...
BETWEENNESS_PIVOTS = 200
#: ...as long as pivots × ties stays under the engine's budget of edge relaxations, but never
#: fewer than :data:`BETWEENNESS_MIN_PIVOTS` (below that the sample says little about anyone
#: but the biggest hubs). The result says how many pivots it used. networkx's Dijkstra is pure
#: Python, ~1.5 s per pivot at 30,000 people / 300,000 ties: 2 million relaxations are ~10 s of
#: CPU, so at that size networkx gets the floor of 10 pivots (~15 s) — install igraph.
BETWEENNESS_BUDGET = 2_000_000
#: igraph's Brandes is C, 45–60 ms per weighted pivot at 30,000 / 300,000: 6 million relaxations
#: are ~1 s, which keeps ``structural_holes`` for everyone within ~3 s there (18 pivots).
BETWEENNESS_IGRAPH_BUDGET = 6_000_000
BETWEENNESS_MIN_PIVOTS = 10
#: Betweenness implementations ``structural_holes(engine=...)`` accepts.
BETWEENNESS_ENGINES = ("networkx", "igraph")

_HOLES_COLUMNS = [
    "key", "name", "ego", "degree", "constraint", "effective_size", "efficiency", "hierarchy",
    "betweenness", "betweenness_sampled",
]


# --------------------------------------------------------------------------------------------
# helpers




def _check_graph(G, *, directed_ok=False):
    if not isinstance(G, nx.Graph):
        raise InputError("the network must be a networkx graph; build one with netanalysis.build_graph.")
    if G.is_multigraph():
        raise InputError("brokerage needs a simple graph, not a multigraph; convert it with nx.Graph(G) first.")
    if G.is_directed() and not directed_ok:
        raise InputError("this analysis needs an undirected graph (networkx.Graph); convert it with G.to_undirected().")


def _view(G, evidence):
    """The evidence-filtered graph (``graph.filter_evidence``); ``"all"`` is the graph itself.

    The filtered view is copied into a plain graph (same node order): a subgraph view runs a
    Python filter on every edge access, which made betweenness seven times slower.
    """
    if isinstance(evidence, str) and evidence == "all":
        return G
    view = filter_evidence(G, evidence)
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from(view.edges(data=True))
    return H


def _check_person(G, node, what="person"):
    if node is None or node not in G:
        raise InputError(f"'{node}' is not a {what} in this network; pass a key listed by 'netanalysis inspect'.")
    return node


def _name(G, n):
    name = G.nodes[n].get("name") if n in G else None
    return name if isinstance(name, str) and name.strip() else str(n)


def _text(value):
    return value.strip() if isinstance(value, str) else ""


def _distance(data):
    """A tie's length for paths and betweenness: ``distance``, else 1/``strength``, else 1."""
    value = data.get("distance")
    if value is None:
        strength = data.get("strength")
        if strength is None:
            return 1.0
        strength = float(strength)
        return 1.0 / strength if strength > 0 else math.inf
    return float(value)


# --------------------------------------------------------------------------------------------
# betweenness, through networkx or igraph


def _choose_betweenness_engine(engine):
    if engine is None:
        return "igraph" if _igraph() is not None else "networkx"
    if engine not in BETWEENNESS_ENGINES:
        raise InputError(f"engine must be one of {', '.join(BETWEENNESS_ENGINES)} or None, not '{engine}'.")
    if engine == "igraph" and _igraph() is None:
        raise InputError("engine='igraph' needs the igraph package (pip install igraph); use engine='networkx'.")
    return engine


def _pivot_sample(H, k, seed):
    """The sources networkx samples for ``betweenness_centrality(H, k=k, seed=seed)``.

    networkx's ``py_random_state`` turns an int seed into ``random.Random(seed)`` (None: the
    global generator) and draws ``sample(list(G.nodes()), k)``; doing the same here gives both
    engines the same pivots.
    """
    if isinstance(seed, random.Random):
        rng = seed
    elif seed is None:
        return random.sample(list(H.nodes()), k)
    else:
        rng = random.Random(seed)
    return rng.sample(list(H.nodes()), k)


def _rescale(betweenness, n, *, normalized, directed, endpoints=True, sampled_nodes=None):
    """networkx 3.6's ``_rescale`` (``algorithms/centrality/betweenness.py``), copied verbatim in logic.

    ``betweenness`` holds Brandes' accumulation over *ordered* (source, target) pairs, sources
    being every node or the sampled ones. Sources are rescaled apart from the other nodes when
    sampling without endpoints, since a source never counts itself.
    """
    k = None if sampled_nodes is None else len(sampled_nodes)
    N = n if endpoints else n - 1
    if N < 2:
        return betweenness
    K_source = N if k is None else k
    if k is None or endpoints:
        if normalized:
            scale = 1 / (K_source * (N - 1))
        else:
            correction = 1 if directed else 2
            scale = N / (K_source * correction)
        if scale != 1:
            for v in betweenness:
                betweenness[v] *= scale
        return betweenness
    if normalized:
        scale_source = 1 / ((K_source - 1) * (N - 1)) if K_source > 1 else math.nan
        scale_nonsource = 1 / (K_source * (N - 1))
    else:
        correction = 1 if directed else 2
        scale_source = N / ((K_source - 1) * correction) if K_source > 1 else math.nan
        scale_nonsource = N / (K_source * correction)
    sampled_nodes = set(sampled_nodes)
    for v in betweenness:
        betweenness[v] *= scale_source if v in sampled_nodes else scale_nonsource
    return betweenness


def _igraph_betweenness(H, *, sources, weighted, background=False):
    """Normalised betweenness of the undirected ``H`` by igraph, scaled exactly as networkx.

    Returns None when a tie's distance is not a finite positive number (networkx then keeps its
    own conventions for those). igraph counts each unordered pair once, also from a subset of
    sources, where networkx accumulates ordered pairs: hence the factor 2 before ``_rescale``.
    igraph compares path lengths with a small tolerance where networkx needs exact float
    equality, so near-equal weighted paths (a sum of distances differing in the last bit) can
    count as ties in igraph only.

    Inside :func:`graph._shared_reads` the computation is shared; with ``background=True`` it
    starts in a helper process and this call returns None at once (the next call collects it).
    """
    nodes = list(H.nodes())
    key = ("igraph betweenness", None if sources is None else tuple(sources), bool(weighted))
    (job,) = _shared(H, key, lambda: (_igraph_job(H, nodes, sources, weighted, background),))
    if background or job is None:
        return None
    acc = {n: 2.0 * value for n, value in zip(nodes, job.result(), strict=True)}
    return _rescale(acc, len(nodes), normalized=True, directed=False, endpoints=False, sampled_nodes=sources)


def _igraph_job(H, nodes, sources, weighted, background):
    """The betweenness :class:`_igraph_job.Job` of ``H``'s ties (ends as positions in ``nodes``), or
    None when a distance is not a finite positive number."""
    from ._igraph_job import Job

    # The ties as the Burt table reads them (shared in a report): sorted, without self-loops,
    # which never shorten a path.
    try:
        T = _tie_arrays(H, "strength" if weighted else None)
    except InputError:  # a strength Burt cannot read: betweenness reads its own distances below
        T = _tie_arrays(H, None)
    position = {n: i for i, n in enumerate(nodes)}
    at = np.fromiter(map(position.__getitem__, T["nodes"]), dtype=np.int64, count=len(T["nodes"]))
    distances = None
    if weighted:
        stored = _tie_values(H, T, "distance")
        missing = np.array([i for i, x in enumerate(stored.tolist()) if x is None], dtype=np.int64)
        if len(missing):  # fall back on 1/strength tie by tie
            strength = _tie_values(H, T, "strength")[missing]
            stored[missing] = [_distance({} if x is None else {"strength": x}) for x in strength.tolist()]
        distances = stored.astype(float)
        if not ((distances > 0) & (distances < math.inf)).all():
            return None
    inputs = (len(nodes), at[T["u"]], at[T["v"]], distances, None if sources is None else [position[s] for s in sources])
    return _igraph_helper(H).submit("betweenness", *inputs) if background else Job("betweenness", inputs)


def _betweenness(H, *, k, seed, weight, engine):
    """``(betweenness by node, engine used)``; ``k`` sampled sources, or None for exact."""
    if engine == "igraph":
        sources = None if k is None else _pivot_sample(H, k, seed)
        bc = _igraph_betweenness(H, sources=sources, weighted=weight is not None)
        if bc is not None:
            return bc, "igraph"
    bc = nx.betweenness_centrality(
        H, k=k, normalized=True, seed=seed,
        weight=None if weight is None else (lambda u, v, d: _distance(d)),
    )
    return bc, "networkx"


# --------------------------------------------------------------------------------------------
# Burt's measures over one node's neighbourhood, in pure Python: the directed path, the
# reference the vectorised code is tested against, and the owner's ties for _after_tie


class _Neighbourhoods:
    """Cached mutual weights ``a_uv + a_vu`` per node, with their sum and maximum.

    Every Burt quantity is a ratio of mutual weights of the same node, so for an undirected
    graph the weight itself is used (the factor 2 cancels). For a plain ``nx.Graph`` the raw
    adjacency dicts are read directly (views and DiGraphs go through the public API): this is
    what keeps one owner with 30,000 contacts well under a second.
    """

    def __init__(self, G, weight):
        self.G, self.weight, self.cache = G, weight, {}
        self.directed = G.is_directed()
        plain = type(G) is nx.Graph and not nx.is_frozen(G) and not hasattr(G, "_graph")
        self.adj = G._adj if plain else G.adj

    def __call__(self, u):
        got = self.cache.get(u)
        if got is None:
            weight = self.weight
            if self.directed:
                mutual = {}
                for side in (self.G.succ[u], self.G.pred[u]):
                    for v, d in side.items():
                        if v != u:
                            mutual[v] = mutual.get(v, 0.0) + _weight_value(d, weight)
            elif weight is None:
                mutual = dict.fromkeys(self.adj[u], 1.0)
            else:
                mutual = {v: d.get(weight, 1.0) for v, d in self.adj[u].items()}
            mutual.pop(u, None)  # self-loops are ignored: nobody is their own contact
            values = mutual.values()
            try:
                total = math.fsum(values)
                largest = max(values, default=0.0)
                bad = total != total or (largest is not None and min(values, default=0.0) < 0)
            except TypeError:
                bad = True
            if bad:  # find the offending tie and say what it holds
                for d in self.adj[u].values():
                    _weight_value(d, weight)
                raise InputError(f"tie weight '{weight}' must be a non-negative number.")
            got = (mutual, total, largest)
            self.cache[u] = got
        return got


def _burt_state(nbhd, i):
    """The per-contact terms of Burt's measures for node ``i`` (None when ``i`` has no contacts).

    One pass over the ties among ``i``'s contacts: for each contact q, the contacts j it shares
    with ``i`` (a C-level intersection of the two neighbour sets), accumulating
    ``Σ_q p_iq p_qj`` (indirect constraint) and ``Σ_q p_iq a_qj`` (redundancy before division by
    j's largest mutual weight). Cost: Σ_q min(deg q, deg i), not deg(i)².
    """
    wi, si, _ = nbhd(i)
    n = len(wi)
    if n == 0 or si <= 0:
        return None
    p = {j: w / si for j, w in wi.items()}
    keys = p.keys()
    index = {j: k for k, j in enumerate(keys)}
    cols, weights, scales, probs, counts = [], [], [], [], []
    for q, p_iq in p.items():
        wq, sq, _ = nbhd(q)
        common = wq.keys() & keys  # iterates the smaller side, in C
        if not common or sq <= 0:
            continue
        # map() over bound methods keeps the per-tie work in C; both passes see the same order.
        cols.extend(map(index.__getitem__, common))
        weights.extend(map(wq.__getitem__, common))
        counts.append(len(common))
        scales.append(p_iq / sq)
        probs.append(p_iq)
    if cols:
        cols_a = np.fromiter(cols, dtype=np.int64, count=len(cols))
        w = np.fromiter(weights, dtype=float, count=len(weights))
        reps = np.asarray(counts, dtype=np.int64)
        indirect_a = np.bincount(cols_a, weights=w * np.repeat(scales, reps), minlength=n)
        shared_a = np.bincount(cols_a, weights=w * np.repeat(probs, reps), minlength=n)
        indirect = dict(zip(keys, indirect_a.tolist(), strict=True))
        shared = dict(zip(keys, shared_a.tolist(), strict=True))
    else:
        indirect = dict.fromkeys(keys, 0.0)
        shared = dict.fromkeys(keys, 0.0)
    return {"i": i, "p": p, "indirect": indirect, "shared": shared, "nbhd": nbhd}


def _local(state, j):
    """Burt's local constraint ℓ(i, j) and j's redundancy to i."""
    _, _, mj = state["nbhd"](j)
    local = (state["p"][j] + state["indirect"][j]) ** 2
    redundancy = state["shared"][j] / mj if mj > 0 else 0.0
    return local, redundancy


def _summarise(state):
    n = len(state["p"])
    locals_, redundancies = [], []
    for j in state["p"]:
        local, redundancy = _local(state, j)
        locals_.append(local)
        redundancies.append(redundancy)
    constraint = math.fsum(locals_)
    effective = math.fsum(1.0 - r for r in redundancies)
    return {
        "degree": n,
        "constraint": constraint,
        "effective_size": effective,
        "efficiency": effective / n,
        "hierarchy": _hierarchy(locals_, constraint),
    }


# --------------------------------------------------------------------------------------------
# Burt's measures for many people at once, with numpy (undirected graphs)

#: Up to this many people, :func:`_burt_table` reads each one's contact ties directly; above,
#: it enumerates every triangle of their neighbourhoods once.
_BURT_DIRECT_MAX = 4


def _tie_arrays(H, weight, people=None):
    """The ties of the undirected ``H`` around ``people`` (default everyone), as arrays.

    The scope is ``people`` and their contacts, indexed in sorted key order. Returns a dict:
    ``nodes`` (the scope), ``u, v, w`` (ties with both ends in the scope, ``u < v``, sorted),
    and per person in the scope, over **all** their ties: ``s`` (sum of weights), ``m``
    (largest weight) and ``degree`` (distinct contacts). Self-loops are left out: nobody is
    their own contact.
    """
    adj = _adjacency(H)
    scope = None
    if people is not None:
        scope = set(people)
        for p in people:
            scope.update(adj[p])
        if len(scope) == len(adj):  # everyone: the same arrays as for people=None
            scope = None
    nodes = None if scope is None else _sorted(scope)  # everyone's order is sorted only when read
    key = ("tie arrays", weight, None if nodes is None else tuple(nodes))
    return _shared(H, key, lambda: _read_tie_arrays(H, adj, weight, _sorted(H.nodes) if nodes is None else nodes))


def _read_tie_arrays(H, adj, weight, nodes):
    """:func:`_tie_arrays` over the sorted scope ``nodes``."""
    index = {n: k for k, n in enumerate(nodes)}
    if len(nodes) == len(adj):  # everyone, in sorted order: the report's shared walk
        _, counts, src, dst = _ends(H)
    else:
        counts, src, dst = _neighbour_ends(adj, nodes)  # dst -1: a contact outside the scope
    size = len(nodes)
    # Read each tie's weight once: at its lower end when both ends are in the scope, at its end
    # in the scope otherwise; never a self-loop's (nobody is their own contact).
    read = (dst > src) | (dst < 0)
    if weight is None:
        w = np.ones(int(read.sum()))
    else:
        w = _tie_weights(_neighbour_values(adj, nodes, counts, read, weight), weight)
    src, dst = src[read], dst[read]
    inner = dst >= 0
    # Sorted, so that every sum below runs in an order that does not depend on insertion.
    inner_order = np.lexsort((dst[inner], src[inner]))
    u, v, w_in = src[inner][inner_order], dst[inner][inner_order], w[inner][inner_order]
    order = np.lexsort((w[~inner], src[~inner]))
    out, w_out = src[~inner][order], w[~inner][order]
    ends_ = np.concatenate([u, v, out])
    weights = np.concatenate([w_in, w_in, w_out])
    s = np.bincount(ends_, weights=weights, minlength=size).astype(float)
    m = np.zeros(size)
    np.maximum.at(m, ends_, weights)
    degree = np.bincount(ends_, minlength=size)
    # How the ties were picked out of the adjacency, to read another attribute in the same order.
    picked = (counts, read, inner, inner_order)
    return {"nodes": nodes, "index": index, "u": u, "v": v, "w": w_in, "s": s, "m": m, "degree": degree,
            "picked": picked}


def _tie_values(H, T, attr, default=None):
    """Each tie's raw ``attr`` (``default`` when missing), aligned with ``T["u"], T["v"]`` (an object array)."""
    counts, read, inner, order = T["picked"]
    values = _neighbour_values(_adjacency(H), T["nodes"], counts, read, attr, default)
    values = np.fromiter(values, dtype=object, count=len(values))  # one cell per tie, whatever the value
    return values[inner][order]


def _burt_table(H, weight, people=None):
    """Burt's measures of ``people`` (default everyone) in the undirected ``H``, vectorised.

    Each tie ``e = (u, v)`` gives two arcs, ``2e`` (u→v) and ``2e + 1`` (v→u). For an arc i→j
    the indirect constraint ``Σ_q p_iq p_qj`` and the redundancy ``Σ_q p_iq a_qj`` run over
    the contacts q shared by i and j, i.e. over the triangles i–j–q (:func:`strength._triangles`),
    summed with ``np.bincount``. For at most :data:`_BURT_DIRECT_MAX` people the ties among
    each one's contacts are read directly instead (the owner's triangles are exactly those
    ties, without enumerating everyone else's).

    Returns ``(arrays, rows)``: the :func:`_tie_arrays` dict and a dict of per-person arrays
    over its ``nodes`` — ``degree``, ``constraint``, ``effective_size``, ``efficiency``,
    ``hierarchy``, ``ties_between_contacts`` — and ``arc`` (per arc: ``src``, ``dst``, ``p``,
    ``indirect``, ``shared``). Only the rows of ``people`` are meaningful.
    """
    if people is not None and len(people) <= _BURT_DIRECT_MAX and _reaches_everyone(H, people):
        # An owner whose contacts are everyone closes every triangle: the table of everyone costs
        # the same, and structural_holes shares it.
        people = None
    key = ("burt table", weight, None if people is None else tuple(people))
    return _shared(H, key, lambda: _compute_burt_table(H, weight, people))


def _reaches_everyone(H, people):
    """Whether ``people`` and their contacts are everyone in ``H``."""
    adj = _adjacency(H)
    scope = set(people)
    for p in people:
        scope.update(adj[p])
    return len(scope) == len(adj)


def _compute_burt_table(H, weight, people):
    """:func:`_burt_table`, computed."""
    T = _tie_arrays(H, weight, people)
    u, v, w, s = T["u"], T["v"], T["w"], T["s"]
    size, n_ties = len(T["nodes"]), len(u)
    src = np.empty(2 * n_ties, dtype=np.int64)
    dst = np.empty(2 * n_ties, dtype=np.int64)
    src[0::2], src[1::2], dst[0::2], dst[1::2] = u, v, v, u
    over_s = np.divide(1.0, s, out=np.zeros(size), where=s > 0)  # a contact without weight adds nothing
    p = np.repeat(w, 2) * over_s[src]
    closed = np.zeros(size, dtype=np.int64)
    rows = None if people is None else np.array([T["index"][n] for n in people], dtype=np.int64)
    if rows is not None and len(rows) <= _BURT_DIRECT_MAX:
        indirect = np.zeros(2 * n_ties)
        shared = np.zeros(2 * n_ties)
        for i in np.unique(rows).tolist():
            arc_to = np.full(size, -1, dtype=np.int64)  # the arc i→j, by j
            mine = np.flatnonzero(src == i)
            arc_to[dst[mine]] = mine
            among = np.flatnonzero((arc_to[u] >= 0) & (arc_to[v] >= 0))  # ties between i's contacts
            for j, q in ((u[among], v[among]), (v[among], u[among])):
                term = p[arc_to[q]] * w[among]  # p_iq · a_qj, added to the arc i→j
                indirect += np.bincount(arc_to[j], weights=term * over_s[q], minlength=2 * n_ties)
                shared += np.bincount(arc_to[j], weights=term, minlength=2 * n_ties)
            closed[i] = len(among)
    else:
        # Σ_q p_iq a_qj / s_q = (Σ_q a_iq a_qj / s_q) / s_i: the sums over the triangles on a tie
        # are the same from both ends, so they are accumulated per tie and divided per arc.
        by_s = np.zeros(n_ties)
        plain = np.zeros(n_ties)
        for x, y, z, e_xy, e_xz, e_yz in _triangles(size, u, v):
            w_xy, w_xz, w_yz = w[e_xy], w[e_xz], w[e_yz]
            for tie, product, q in ((e_xy, w_xz * w_yz, z), (e_xz, w_xy * w_yz, y), (e_yz, w_xy * w_xz, x)):
                plain += np.bincount(tie, weights=product, minlength=n_ties)
                by_s += np.bincount(tie, weights=product * over_s[q], minlength=n_ties)
            for corner in (x, y, z):
                closed += np.bincount(corner, minlength=size)
        indirect = np.repeat(by_s, 2) * over_s[src]
        shared = np.repeat(plain, 2) * over_s[src]
    m_dst = T["m"][dst]
    local = (p + indirect) ** 2
    redundancy = np.divide(shared, m_dst, out=np.zeros(2 * n_ties), where=m_dst > 0)
    degree = T["degree"]
    constraint = np.bincount(src, weights=local, minlength=size).astype(float)
    effective = np.bincount(src, weights=1.0 - redundancy, minlength=size).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = local * degree[src] / constraint[src]
        terms = np.where(r > 0, r * np.log(np.where(r > 0, r, 1.0)), 0.0)
        hierarchy = np.bincount(src, weights=terms, minlength=size) / (degree * np.log(degree))
        hierarchy = hierarchy.astype(float)
        efficiency = effective / degree
    hierarchy[(degree < 2) | ~(constraint > 0)] = math.nan
    empty = (degree == 0) | ~(s > 0)
    for values in (constraint, effective, efficiency, hierarchy):
        values[empty] = math.nan
    return T, {"degree": degree, "constraint": constraint, "effective_size": effective, "efficiency": efficiency,
               "hierarchy": hierarchy, "ties_between_contacts": closed,
               "arc": {"src": src, "dst": dst, "p": p, "indirect": indirect, "shared": shared}}


def _burt_rows(H, weight, people):
    """``{person: {degree, constraint, effective_size, efficiency, hierarchy, ties_between_contacts}}``."""
    T, table = _burt_table(H, weight, people)
    keys = ("degree", "constraint", "effective_size", "efficiency", "hierarchy", "ties_between_contacts")
    columns = {k: table[k].tolist() for k in keys}
    out = {}
    for n in people:
        k = T["index"][n]
        row = {key: columns[key][k] for key in keys}
        row["degree"] = int(row["degree"])
        row["ties_between_contacts"] = int(row["ties_between_contacts"])
        out[n] = row
    return out


def _ego_state(H, weight, ego):
    """:func:`_burt_state` of ``ego`` (with its ``summary``) from the vectorised table; None without contacts."""
    T, table = _burt_table(H, weight, [ego])
    i = T["index"][ego]
    if T["degree"][i] == 0 or not T["s"][i] > 0:
        return None
    arc = table["arc"]
    mine = np.flatnonzero(arc["src"] == i)
    contacts = [T["nodes"][j] for j in arc["dst"][mine].tolist()]
    state = {"i": ego, "nbhd": _Neighbourhoods(H, weight)}
    for key in ("p", "indirect", "shared"):
        state[key] = dict(zip(contacts, arc[key][mine].tolist(), strict=True))
    state["summary"] = {k: float(table[k][i]) for k in ("constraint", "effective_size", "efficiency", "hierarchy")}
    state["summary"]["degree"] = int(T["degree"][i])
    # The same terms by person (0 off the ego's contacts) and every tie of the scope grouped by
    # its end, for _after_tie: an introduction then costs the ties of a and b in numpy.
    size = len(T["nodes"])
    by_node = {}
    for key in ("p", "indirect", "shared"):
        by_node[key] = np.zeros(size)
        by_node[key][arc["dst"][mine]] = arc[key][mine]
    contact = np.zeros(size, dtype=bool)
    contact[arc["dst"][mine]] = True
    order = np.argsort(arc["src"], kind="stable")
    state["arrays"] = {
        "index": T["index"], "s": T["s"], "m": T["m"], "contact": contact, **by_node,
        "start": np.searchsorted(arc["src"][order], np.arange(size + 1)),
        "dst": arc["dst"][order], "w": np.repeat(T["w"], 2)[order],
    }
    return state


def _hierarchy(locals_, constraint):
    n = len(locals_)
    if n < 2 or constraint <= 0:
        return math.nan
    total = 0.0
    for local in locals_:
        r = local * n / constraint
        if r > 0:
            total += r * math.log(r)
    return total / (n * math.log(n))


_EMPTY_BURT = {"constraint": math.nan, "effective_size": math.nan, "efficiency": math.nan, "hierarchy": math.nan}


def burt_measures(G, node, *, weight="strength", evidence="all"):
    """Burt's structural-hole measures for one person, computed over their neighbourhood.

    *Constraint* says how much a person's time and energy go into contacts who are tied to each
    other (a closed, redundant network); *effective size* is the number of contacts less their
    redundancy; *efficiency* is effective size per contact; *hierarchy* says how far the
    constraint is concentrated on a single contact.

    With mutual weights ``a_ij + a_ji``, proportions ``p_ij = (a_ij + a_ji) / Σ_k (a_ik + a_ki)``
    and ``m_jq`` = j's mutual weight with q divided by j's largest mutual weight (Burt 1992, as
    in networkx):

    - constraint ``c_i = Σ_j (p_ij + Σ_{q ≠ i,j} p_iq p_qj)²``;
    - effective size ``e_i = Σ_j (1 − Σ_q p_iq m_jq)``, which for unweighted undirected graphs
      is Borgatti's ``n − 2t/n`` (t = ties among the n contacts);
    - efficiency ``e_i / n``;
    - hierarchy ``Σ_j r_j ln r_j / (n ln n)`` with ``r_j = ℓ(i,j) / (c_i / n)``.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network. Directed graphs are read through mutual weights, as networkx does.
    node : node
        The person.
    weight : str or None
        Edge attribute read as tie *strength* (default ``"strength"``); ``None`` counts every
        tie as 1, which gives the textbook (UCINET) values. Edges without the attribute count 1.
    evidence : {"all", "declared", "observed"}
        Which ties count (see :func:`netanalysis.filter_evidence`).

    Returns
    -------
    dict
        ``degree`` (number of distinct contacts), ``constraint``, ``effective_size``,
        ``efficiency``, ``hierarchy``. Everything but ``degree`` is NaN for a person without
        contacts (or whose ties all weigh 0); ``hierarchy`` is NaN with fewer than two contacts.

    Raises
    ------
    InputError
        Unknown person, a multigraph, or a negative or non-numeric weight.

    Examples
    --------
    Borgatti's (1997) seven-person example, unweighted:

    >>> import networkx as nx
    >>> G = nx.Graph([("A", "B"), ("A", "F"), ("A", "G"), ("A", "E"), ("E", "G"), ("F", "G"),
    ...               ("B", "G"), ("B", "D"), ("D", "G"), ("G", "C")])
    >>> m = burt_measures(G, "A", weight=None)
    >>> round(m["constraint"], 3), m["effective_size"], m["efficiency"], round(m["hierarchy"], 4)
    (0.595, 2.5, 0.625, 0.1678)

    Notes
    -----
    On an undirected graph the ties among the person's contacts are read once into arrays and
    summed with numpy (the same code as :func:`structural_holes`), so an owner with 30,000
    contacts takes well under a second, where ``nx.constraint(G, [ego])`` is quadratic in the
    degree. A directed graph goes through a per-node pure-Python pass over the same formulas.
    networkx 3.6's weighted ``effective_size`` with ``nodes=None`` normalises by the wrong
    maximum (its PR #8906); this function agrees with ``nx.effective_size(G, nodes=list(G),
    weight=...)``.

    Hierarchy is NaN for fewer than two contacts (Burt's measure is undefined there; some
    implementations return 1). Self-loops are ignored: nobody is their own contact.

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*. Harvard
       University Press.
    .. [2] Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
       *Connections* 20(1):35–38.
    """
    _check_graph(G, directed_ok=True)
    H = _view(G, evidence)
    _check_person(H, node)
    if not H.is_directed():
        row = _burt_rows(H, weight, [node])[node]
        del row["ties_between_contacts"]
        return row
    state = _burt_state(_Neighbourhoods(H, weight), node)
    if state is None:
        n = len([v for v in nx.all_neighbors(H, node) if v != node])
        return {"degree": n, **_EMPTY_BURT}
    return _summarise(state)


def _after_tie(state, a, b, w):
    """Ego's constraint and effective size once contacts ``a`` and ``b`` are tied with weight ``w``.

    An incremental update of :func:`_burt_state` (undirected graphs): only a's and b's sums and
    maxima change, so only the contacts shared with a or b move.
    """
    if "arrays" in state:
        return _after_tie_arrays(state, a, b, w)
    nbhd, p = state["nbhd"], state["p"]
    indirect = state["indirect"]
    changed = {}
    for x, y in ((a, b), (b, a)):
        wx, sx, _ = nbhd(x)
        new_sx = sx + w
        for j, w_xj in wx.items():
            if j in p and j != x:
                old = changed.get(j, indirect[j])
                changed[j] = old - p[x] * w_xj / sx + p[x] * w_xj / new_sx if sx > 0 else old
        changed[y] = changed.get(y, indirect[y]) + p[x] * w / new_sx
    before, after = state["summary"], dict(state["summary"])
    constraint = before["constraint"]
    for j, new_indirect in changed.items():
        constraint += (p[j] + new_indirect) ** 2 - (p[j] + indirect[j]) ** 2
    effective = before["effective_size"]
    for x, y in ((a, b), (b, a)):
        _, _, mx = nbhd(x)
        old_red = state["shared"][x] / mx if mx > 0 else 0.0
        new_mx = max(mx, w)
        new_red = (state["shared"][x] + p[y] * w) / new_mx if new_mx > 0 else 0.0
        effective += old_red - new_red
    after["constraint"], after["effective_size"] = constraint, effective
    return after


def _after_tie_arrays(state, a, b, w):
    """:func:`_after_tie` over the arrays of :func:`_ego_state`: the same terms, in numpy."""
    A = state["arrays"]
    p, indirect, shared, s, m = A["p"], A["indirect"], A["shared"], A["s"], A["m"]
    ia, ib = A["index"][a], A["index"][b]
    new = indirect.copy()
    touched = np.zeros(len(new), dtype=bool)
    for x, y in ((ia, ib), (ib, ia)):
        sx = s[x]
        new_sx = sx + w
        js, w_xj = A["dst"][A["start"][x]:A["start"][x + 1]], A["w"][A["start"][x]:A["start"][x + 1]]
        keep = A["contact"][js] & (js != x)
        js, w_xj = js[keep], w_xj[keep]
        if sx > 0:  # the per-contact formula of _after_tie, in the same order of operations
            new[js] = new[js] - p[x] * w_xj / sx + p[x] * w_xj / new_sx
        touched[js] = True
        new[y] = new[y] + p[x] * w / new_sx
        touched[y] = True
    after = dict(state["summary"])
    t = np.flatnonzero(touched)
    after["constraint"] = after["constraint"] + float(np.sum((p[t] + new[t]) ** 2 - (p[t] + indirect[t]) ** 2))
    effective = after["effective_size"]
    for x, y in ((ia, ib), (ib, ia)):
        mx = float(m[x])
        old_red = shared[x] / mx if mx > 0 else 0.0
        new_mx = max(mx, w)
        new_red = (shared[x] + p[y] * w) / new_mx if new_mx > 0 else 0.0
        effective += float(old_red - new_red)
    after["effective_size"] = effective
    return after


def _pivots(H, k, engine):
    """How many pivots :func:`structural_holes` samples for ``k`` (None: exact betweenness)."""
    size = H.number_of_nodes()
    if k is None and size > BETWEENNESS_EXACT_MAX:
        k = _affordable_pivots(H, engine)
    return int(k) if k is not None and int(k) < size else None


def _start_betweenness(G, *, k=None, seed=0, weight="strength"):
    """Start :func:`structural_holes`' igraph betweenness of ``G`` in a helper process.

    Only inside :func:`graph._shared_reads` (the next ``structural_holes`` of ``G`` with the same
    ``k``, ``seed`` and ``weight`` collects it) and when igraph is installed: networkx's
    betweenness stays in this process. Returns whether it started.
    """
    if _igraph() is None or not _shared_reads_active():
        return False
    pivots = _pivots(G, k, "igraph")
    sources = None if pivots is None else _pivot_sample(G, pivots, seed)
    _igraph_betweenness(G, sources=sources, weighted=weight is not None, background=True)
    return True


def _affordable_pivots(G, engine, cap=None):
    """How many betweenness pivots ``engine`` may sample on ``G``: within its own budget of edge
    relaxations (pivots × ties), never fewer than :data:`BETWEENNESS_MIN_PIVOTS`, at most ``cap``
    (default :data:`BETWEENNESS_PIVOTS`)."""
    cap = BETWEENNESS_PIVOTS if cap is None else cap
    budget = BETWEENNESS_IGRAPH_BUDGET if engine == "igraph" else BETWEENNESS_BUDGET
    return min(cap, max(BETWEENNESS_MIN_PIVOTS, budget // max(G.number_of_edges(), 1)))


def structural_holes(G, *, nodes=None, weight="strength", evidence="all", betweenness=True, k=None, seed=0,
                     engine=None):
    """Structural holes per person: Burt's constraint, effective size, efficiency, hierarchy; betweenness.

    A person who spans a structural hole — contacts who are not tied to each other — gets
    non-redundant information and can broker between circles (Burt 1992): low constraint, high
    effective size. Betweenness counts the shortest paths that pass through a person.

    Parameters
    ----------
    G : networkx.Graph
        The network (undirected; see ``docs/architecture.md``).
    nodes : iterable, optional
        The people to describe (default: everyone, in sorted key order).
    weight : str or None
        Edge attribute read as tie *strength* for Burt's measures (default ``"strength"``).
        ``None`` counts every tie as 1 (textbook / UCINET values) and makes betweenness
        unweighted too; otherwise betweenness reads ties as **distances** (``distance``, else
        ``1 / strength``).
    evidence : {"all", "declared", "observed"}
        Which ties count (see :func:`netanalysis.filter_evidence`).
    betweenness : bool
        Compute betweenness (default True). It is the slow part on large graphs.
    k : int, optional
        Number of sampled pivot sources for betweenness. Default: exact up to
        :data:`BETWEENNESS_EXACT_MAX` people, else :data:`BETWEENNESS_PIVOTS` pivots — fewer
        on graphs so large that pivots × ties would pass the engine's budget
        (:data:`BETWEENNESS_IGRAPH_BUDGET` for igraph, :data:`BETWEENNESS_BUDGET` for
        networkx), but at least :data:`BETWEENNESS_MIN_PIVOTS`; at 30,000 people / 300,000
        ties that is 18 pivots with igraph and 10 with networkx.
        ``df.attrs["betweenness_pivots"]`` says how many.
    seed : int
        Seed for the pivot sample (the same pivots with either engine).
    engine : {None, "networkx", "igraph"}
        Betweenness implementation. ``None`` (default): igraph when the ``igraph`` package is
        installed, else networkx. Both give the same numbers (to rounding) for the same pivots;
        igraph is ~100 times faster. Ties whose distance is not a finite positive number go
        through networkx. Burt's measures are always this module's own.

    Returns
    -------
    pandas.DataFrame
        One row per person: ``key, name, ego`` (the export owner?), ``degree``, ``constraint``,
        ``effective_size``, ``efficiency``, ``hierarchy`` (NaN with fewer than two contacts;
        all four NaN without contacts), ``betweenness`` (normalised by (n−1)(n−2)/2; NaN when
        ``betweenness=False``) and ``betweenness_sampled`` (True when estimated from pivots).
        ``df.attrs`` holds ``weight``, ``evidence``, ``betweenness_pivots`` (None = exact) and
        ``betweenness_engine`` (``networkx``, ``igraph``, or None without betweenness).

    Raises
    ------
    InputError
        Unknown people, a directed or multi graph, bad weights or evidence level.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("A", "B"), ("A", "F"), ("A", "G"), ("A", "E"), ("E", "G"), ("F", "G"),
    ...               ("B", "G"), ("B", "D"), ("D", "G"), ("G", "C")])
    >>> holes = structural_holes(G, weight=None)
    >>> holes[["key", "degree", "constraint", "effective_size", "betweenness"]].round(3)
      key  degree  constraint  effective_size  betweenness
    0   A       4       0.595           2.500        0.100
    1   B       3       0.643           1.667        0.033
    2   C       1       1.000           1.000        0.000
    3   D       2       0.785           1.000        0.000
    4   E       2       0.731           1.000        0.000
    5   F       2       0.731           1.000        0.000
    6   G       6       0.400           4.667        0.600

    Notes
    -----
    Burt's measures (the formulas of :func:`burt_measures`) are computed for everyone at once
    from the list of triangles, with numpy: each triangle i–j–q adds ``p_iq p_qj`` and
    ``p_iq a_qj`` to the ties it closes. That is linear in the triangles (about a second at
    30,000 people / 300,000 ties), never networkx's all-node matrix path (an n×n dense matrix,
    and a weighted ``effective_size`` bug in 3.6). Betweenness is
    ``networkx.betweenness_centrality``; above the size threshold it is estimated from ``k``
    seeded pivots (Brandes & Pich 2007) and flagged in ``betweenness_sampled``.

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes*. Harvard University Press.
    .. [2] Brandes, U. (2001). A faster algorithm for betweenness centrality. *J. Math. Sociol.*
       25(2):163–177.
    """
    _check_graph(G)
    H = _view(G, evidence)
    people = _sorted(H.nodes) if nodes is None else list(nodes)
    for n in people:
        _check_person(H, n)
    T, table = _burt_table(H, weight, None if nodes is None else people)
    at = [T["index"][n] for n in people]
    node_data = H.nodes
    columns = {
        "key": people, "name": [_name(H, n) for n in people],
        "ego": [bool(node_data[n].get("ego", False)) for n in people],
        **{c: table[c][at] for c in ("degree", "constraint", "effective_size", "efficiency", "hierarchy")},
    }
    pivots = used = None
    if betweenness:
        chosen = _choose_betweenness_engine(engine)
        pivots = _pivots(H, k, chosen)
        bc, used = _betweenness(H, k=pivots, seed=seed, weight=weight, engine=chosen)
        columns["betweenness"] = [bc[n] for n in people]
        columns["betweenness_sampled"] = [pivots is not None] * len(people)
    else:
        columns["betweenness"] = [math.nan] * len(people)
        columns["betweenness_sampled"] = [False] * len(people)
    df = pd.DataFrame(columns, columns=_HOLES_COLUMNS)
    df["degree"] = df["degree"].astype(int)
    df.attrs.update({"weight": weight, "evidence": evidence, "betweenness_pivots": pivots,
                     "betweenness_engine": used})
    return df


# --------------------------------------------------------------------------------------------
# Gould–Fernandez brokerage roles


_UNDIRECTED_ROLES = ["coordinator", "consultant", "representative_gatekeeper", "liaison"]
_ORDERED_ROLES = ["coordinator", "consultant", "representative", "gatekeeper", "liaison"]


class _Alone:
    """The group of a person who belongs to no group: equal only to itself."""

    __slots__ = ("node",)

    def __init__(self, node):
        self.node = node

    def __repr__(self):
        return f"<no group: {self.node!r}>"


def _group_mapping(G, groups, *, evidence, weight, seed):
    """``(person -> group, Louvain engine or None)``."""
    if isinstance(groups, dict):
        return dict(groups), None
    if hasattr(groups, "items") and not isinstance(groups, str):
        return dict(groups.items()), None
    if groups == "community":
        from .communities import _partition_engine

        return _partition_engine(G, evidence=evidence, weight=weight, seed=seed)
    if groups == "company":
        out = {}
        for n, company in G.nodes(data="company"):
            norm = normalize_company(company) if isinstance(company, str) else ""
            if norm:
                out[n] = norm
        return out, None
    if isinstance(groups, str):
        if not any(groups in d for _, d in G.nodes(data=True)):
            raise InputError(f"no person has the attribute '{groups}'; use groups='community', 'company' or a mapping.")
        return {n: v for n, v in G.nodes(data=groups) if v is not None and v == v and v != ""}, None
    raise InputError("groups must be 'community', 'company', a node attribute name or a mapping person -> group.")


def _expected_roles(sizes, group, n_total, density, directed_counts):
    """Expected ordered-pair counts per role for a broker in ``group`` (sna's null model)."""
    factor = density * density * (1.0 - density)
    n_i = sizes[group]
    others = [n for g, n in sizes.items() if g is not group and g != group]
    s1 = sum(others)
    s2 = sum(n * n for n in others)
    out = {
        "coordinator": factor * (n_i - 1) * (n_i - 2),
        "consultant": factor * sum(n * (n - 1) for n in others),
        "representative": factor * (n_total - n_i) * (n_i - 1),
        "gatekeeper": factor * (n_total - n_i) * (n_i - 1),
        "liaison": factor * (s1 * s1 - s2),
        "total": factor * (n_total - 1) * (n_total - 2),
    }
    if directed_counts:
        return out
    return {
        "coordinator": out["coordinator"] / 2,
        "consultant": out["consultant"] / 2,
        "representative_gatekeeper": out["representative"],
        "liaison": out["liaison"] / 2,
        "total": out["total"] / 2,
    }


def _expected_roles_by_group(sizes, n_total, density, directed_counts):
    """A function group -> :func:`_expected_roles`, in O(1) per group (memoised).

    The sums over the other groups are the totals minus the group's own terms: the same
    integers, hence the same floats, without a pass over every group for every broker.
    """
    s1 = sum(sizes.values())
    s2 = sum(n * n for n in sizes.values())
    pairs = sum(n * (n - 1) for n in sizes.values())
    factor = density * density * (1.0 - density)
    memo = {}

    def expected(group):
        n_i = sizes[group]
        got = memo.get(n_i)
        if got is not None:
            return got
        o1, o2, o_pairs = s1 - n_i, s2 - n_i * n_i, pairs - n_i * (n_i - 1)
        out = {
            "coordinator": factor * (n_i - 1) * (n_i - 2),
            "consultant": factor * o_pairs,
            "representative": factor * (n_total - n_i) * (n_i - 1),
            "gatekeeper": factor * (n_total - n_i) * (n_i - 1),
            "liaison": factor * (o1 * o1 - o2),
            "total": factor * (n_total - 1) * (n_total - 2),
        }
        if not directed_counts:
            out = {
                "coordinator": out["coordinator"] / 2,
                "consultant": out["consultant"] / 2,
                "representative_gatekeeper": out["representative"],
                "liaison": out["liaison"] / 2,
                "total": out["total"] / 2,
            }
        memo[n_i] = out  # the values depend on the group's size only
        return out

    return expected


def brokerage_roles(G, *, groups="community", nodes=None, evidence="all", weight="strength", ordered=False, seed=0):
    """Gould–Fernandez brokerage roles: how often each person sits between two others who are not tied.

    A person v *brokers* the pair (a, b) when a–v–b and a, b are not tied. The role depends on
    the groups (circles, companies…) of the three:

    ==========================  ===================================  ============================
    role                        groups                               sna / UCINET name
    ==========================  ===================================  ============================
    coordinator                 a, v, b all in one group             ``w_I`` Coordinator
    consultant                  a and b in one group, v outside      ``w_O`` Itinerant/Consultant
    representative              a with v, b elsewhere (a→v→b)        ``b_IO`` Representative
    gatekeeper                  b with v, a elsewhere (a→v→b)        ``b_OI`` Gatekeeper
    liaison                     three different groups               ``b_O`` Liaison
    ==========================  ===================================  ============================

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network. A DiGraph is read as directed flows (a→v→b with no a→b arc); brokerage on
        a DiGraph enumerates every 2-path, so use it for small graphs only.
    groups : "community", "company", str or mapping
        ``"community"``: Louvain circles from :func:`netanalysis.partition`; ``"company"``: the
        normalised current company; any other string: that node attribute; or a mapping
        ``person -> group``. People without a group count as a group of their own (so they can
        be consultants or liaisons but never coordinators). With ``"community"`` the owner
        (``G.graph["ego"]``) is in no circle — circles are found among the contacts — so the
        owner's brokerage is all consultant or liaison.
    nodes : iterable, optional
        The brokers to report (default: everyone, sorted).
    evidence : {"all", "declared", "observed"}
        Which ties count.
    weight : str or None
        Only used to find communities (``groups="community"``).
    ordered : bool
        Undirected graphs only. ``False`` (default): each open unordered pair {a, b} counts
        once, and representative and gatekeeper — identical for undirected ties — are one
        column ``representative_gatekeeper``. ``True``: count ordered pairs as sna and UCINET
        do, so each open pair counts twice except that it is once a representative and once a
        gatekeeper pair (sna's numbers exactly).
    seed : int
        Seed for the community detection.

    Returns
    -------
    pandas.DataFrame
        One row per broker: ``key, name, group`` (None = no group), one column per role (see
        above; undirected unordered: ``coordinator, consultant, representative_gatekeeper,
        liaison``; directed or ``ordered=True``: ``coordinator, consultant, representative,
        gatekeeper, liaison``), ``total``, and ``expected_<role>`` / ``expected_total``: the
        counts expected if ties fell at random with the same density and group sizes (sna's
        null model, d²(1−d)·pairs; halved like the counts when unordered). ``df.attrs`` holds
        ``ordered``, ``directed``, ``density`` and ``community_engine`` (the Louvain
        implementation behind ``groups="community"``, else None; see
        :func:`netanalysis.partition`).

    Raises
    ------
    InputError
        A multigraph, unknown people, or an unusable ``groups``.

    Examples
    --------
    An ego bridging three groups (the undirected worked example in ``science.md`` §2.2):

    >>> import networkx as nx
    >>> G = nx.Graph([("E", "x1"), ("E", "x2"), ("x1", "x2"), ("E", "y1"), ("E", "z1"), ("y1", "y2")])
    >>> groups = {"E": "X", "x1": "X", "x2": "X", "y1": "Y", "y2": "Y", "z1": "Z"}
    >>> roles = brokerage_roles(G, groups=groups)
    >>> roles[["key", "coordinator", "consultant", "representative_gatekeeper", "liaison", "total"]]
      key  coordinator  consultant  representative_gatekeeper  liaison  total
    0   E            0           0                          4        1      5
    1  x1            0           0                          0        0      0
    2  x2            0           0                          0        0      0
    3  y1            0           0                          1        0      1
    4  y2            0           0                          0        0      0
    5  z1            0           0                          0        0      0
    >>> brokerage_roles(G, groups=groups, ordered=True).loc[0, ["representative", "gatekeeper", "liaison", "total"]].tolist()
    [4, 4, 2, 10]

    Notes
    -----
    sna's help page swaps the names of ``b_IO`` and ``b_OI``; its code, UCINET and this function
    count ``b_IO`` (a→v→b with a in v's group) as *representative*. For an undirected graph the
    counts come from group sizes among each broker's contacts minus the closed pairs, so a
    broker with 30,000 contacts costs the ties among them, not 30,000² pairs; for everyone at
    once, the closed pairs are the graph's triangles, enumerated once with numpy (under a
    second for 30,000 people and 320,000 ties). UCINET's option of sharing credit 1/k among k
    brokers of the same pair is not implemented.

    References
    ----------
    .. [1] Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal approach to
       brokerage in transaction networks. *Sociological Methodology* 19:89–126.
    .. [2] Butts, C. T. sna: ``brokerage`` (R package), help page and ``src/gli.c``.
    """
    _check_graph(G, directed_ok=True)
    H = _view(G, evidence)
    directed = H.is_directed()
    if groups == "community" and directed:
        raise InputError("groups='community' needs an undirected graph; pass a mapping for a directed one.")
    mapping, engine = _group_mapping(H, groups, evidence=evidence, weight=weight, seed=seed)
    group_of = {n: mapping[n] if n in mapping else _Alone(n) for n in H}
    people = _sorted(H.nodes) if nodes is None else list(nodes)
    for n in people:
        _check_person(H, n)
    roles = _ORDERED_ROLES if (directed or ordered) else _UNDIRECTED_ROLES
    sizes = Counter(group_of.values())
    n_total = H.number_of_nodes()
    arcs = H.number_of_edges() * (1 if directed else 2) - (0 if directed else nx.number_of_selfloops(H))
    density = arcs / (n_total * (n_total - 1)) if n_total > 1 else 0.0
    if directed:
        per_person = [_count_directed(H, v, group_of) for v in people]
        counts = {r: [int(c[r]) for c in per_person] for r in roles}
    else:
        counts = {r: c.tolist() for r, c in _count_undirected_all(H, people, group_of, everyone=nodes is None).items()}
        if ordered:
            both = counts["representative_gatekeeper"]
            counts = {"coordinator": [2 * c for c in counts["coordinator"]],
                      "consultant": [2 * c for c in counts["consultant"]],
                      "representative": both, "gatekeeper": both,
                      "liaison": [2 * c for c in counts["liaison"]]}
    expected_of = _expected_roles_by_group(sizes, n_total, density, directed or ordered)
    expected = [expected_of(group_of[v]) for v in people]
    columns = ["key", "name", "group", *roles, "total", *(f"expected_{r}" for r in [*roles, "total"])]
    data = {"key": list(people), "name": [_name(H, v) for v in people], "group": [mapping.get(v) for v in people],
            **{r: counts[r] for r in roles},
            "total": [sum(c) for c in zip(*(counts[r] for r in roles), strict=True)] if people else []}
    data.update({f"expected_{r}": [e[r] for e in expected] for r in [*roles, "total"]})
    # Built from lists of Python objects, as a list of row dicts would be: the same dtypes.
    df = pd.DataFrame(data, columns=columns) if people else pd.DataFrame([], columns=columns)
    df.attrs.update({"ordered": bool(ordered or directed), "directed": directed, "density": density,
                     "community_engine": engine})
    return df


def _count_undirected_all(H, people, group_of, *, everyone=False):
    """:func:`_count_undirected` of every person in ``people`` at once, as int64 arrays by role.

    All pairs of a broker's contacts, by the group sizes among them (one ``np.unique`` over
    the (broker, contact's group) arcs), minus the closed pairs: each triangle of the graph
    closes one pair for each of its three corners (:func:`strength._triangles`).
    """
    T = _tie_arrays(H, None, None if everyone else people)  # everyone: no scope to gather
    nodes, u, v = T["nodes"], T["u"], T["v"]
    size = len(nodes)
    codes = {}  # group -> code, by the groups' own equality (an _Alone equals only itself)
    code = np.fromiter((codes.setdefault(group_of[n], len(codes)) for n in nodes), dtype=np.int64, count=size)
    n_codes = max(len(codes), 1)
    src, dst = np.concatenate([u, v]), np.concatenate([v, u])
    pair_key, per_group = np.unique(src * n_codes + code[dst], return_counts=True)
    who, group = pair_key // n_codes, pair_key % n_codes
    degree = np.bincount(src, minlength=size)
    own = group == code[who]
    inside = np.bincount(who[own], weights=per_group[own], minlength=size).astype(np.int64)
    other = per_group[~own]
    other_pairs = np.bincount(who[~own], weights=other * (other - 1) // 2, minlength=size).astype(np.int64)
    other_sq = np.bincount(who[~own], weights=other * other, minlength=size).astype(np.int64)
    outside = degree - inside
    roles = np.stack([inside * (inside - 1) // 2, other_pairs, inside * outside, (outside * outside - other_sq) // 2])
    # Closed pairs, by role (0 coordinator, 1 consultant, 2 representative/gatekeeper,
    # 3 liaison) from which of the three group equalities hold: _CLOSED_ROLE[broker][bits].
    at = np.array([T["index"][n] for n in people], dtype=np.int64)
    closed = np.zeros(4 * size, dtype=np.int64)
    if len(np.unique(at)) <= _BURT_DIRECT_MAX:  # a few people: the ties among their contacts
        for i in np.unique(at).tolist():
            mine = np.zeros(size, dtype=bool)
            mine[np.concatenate([v[u == i], u[v == i]])] = True
            among = mine[u] & mine[v]
            triangles = [(np.full(int(among.sum()), i), u[among], v[among])]
            closed += _closed_by_role(code, size, triangles, corners=(0,))
    else:
        closed += _closed_by_role(code, size, ((x, y, z) for x, y, z, *_ in _triangles(size, u, v)))
    roles -= closed.reshape(4, size)
    at = np.array([T["index"][n] for n in people], dtype=np.int64)
    return {r: roles[k][at] for k, r in enumerate(_UNDIRECTED_ROLES)}


#: Role of a closed pair for each corner of a triangle (x, y, z) as broker, indexed by
#: ``4·[x~y] + 2·[x~z] + [y~z]`` (~: same group).
_CLOSED_ROLE = np.array([
    [3, 1, 2, 2, 2, 2, 0, 0],  # broker x, pair (y, z)
    [3, 2, 1, 2, 2, 0, 2, 0],  # broker y, pair (x, z)
    [3, 2, 2, 0, 1, 2, 2, 0],  # broker z, pair (x, y)
], dtype=np.int64)


def _closed_by_role(code, size, triangles, *, corners=(0, 1, 2)):
    """Closed pairs per (role, broker), flattened as ``role·size + broker``, over ``triangles``.

    ``triangles`` yields arrays ``(x, y, z)``; each triangle closes the pair of the other two
    for each of the ``corners`` taken as broker.
    """
    closed = np.zeros(4 * size, dtype=np.int64)
    for x, y, z in triangles:
        cx, cy, cz = code[x], code[y], code[z]
        bits = 4 * (cx == cy) + 2 * (cx == cz) + (cy == cz)
        for corner in corners:
            broker = (x, y, z)[corner]
            closed += np.bincount(_CLOSED_ROLE[corner][bits] * size + broker, minlength=4 * size)
    return closed


def _count_directed(H, v, group_of):
    """Ordered open 2-paths a→v→b (a ≠ b, no a→b arc) by role."""
    g = group_of[v]
    counts = dict.fromkeys(_ORDERED_ROLES, 0)
    for a in H.pred[v]:
        if a == v:
            continue
        ga = group_of[a]
        for b in H.succ[v]:
            if b == v or b == a or H.has_edge(a, b):
                continue
            gb = group_of[b]
            if ga == g and gb == g:
                counts["coordinator"] += 1
            elif ga == gb:
                counts["consultant"] += 1
            elif ga == g:
                counts["representative"] += 1
            elif gb == g:
                counts["gatekeeper"] += 1
            else:
                counts["liaison"] += 1
    return counts


# --------------------------------------------------------------------------------------------
# introductions


def mutual_contacts_curve(m):
    """Heuristic value of an introduction between two people with ``m`` contacts in common.

    ``f(m) = (m / 10) · exp(1 − m / 10)``: rises to 1 at ten mutual contacts and falls after.
    It is shaped after Rajkumar et al. (2022), whose LinkedIn experiments found that moderately
    weak ties — about ten mutual connections — carried the most job mobility. **It is a
    heuristic with that shape, not the paper's estimated curve.**

    Examples
    --------
    >>> mutual_contacts_curve(10)
    1.0
    >>> round(mutual_contacts_curve(1), 3), round(mutual_contacts_curve(25), 3)
    (0.246, 0.558)

    References
    ----------
    .. [1] Rajkumar, K., Saint-Jacques, G., Bojinov, I., Brynjolfsson, E. & Aral, S. (2022).
       A causal test of the strength of weak ties. *Science* 377(6612):1304–1310.
    """
    m = float(m)
    if m <= 0:
        return 0.0
    return (m / 10.0) * math.exp(1.0 - m / 10.0)


#: Fields of work recognised in position and company text (accents and case ignored; English and
#: French; a trailing ``*`` matches any ending, for French feminine forms). A heuristic: extend it.
ROLE_FAMILIES = {
    "founder": "founder cofounder co-founder ceo owner entrepreneur fondat* startup",
    "investment": "investor investment* vc venture angel capital placement* portfolio wealth investisseu*",
    "software": "engineer* developer develop* programmer devops software logiciel* cloud code systems "
                "architect* cto ti technique",
    "data": "data donnees scientist scientifique analytics analytique ml ai statistic*",
    "product": "product produit pm",
    "design": "designer design ux ui graphiste graphic art artistique",
    "sales": "sales ventes account comptes partnerships",
    "marketing": "marketing growth brand communication* content medias media",
    "people": "recruiter recrut* talent hr rh",
    "research": "research recherche researcher chercheu* professor professeu* postdoc lecturer cours phd labs",
    "education": "education etudes pedagogique learning academic academie college institut savoirs school "
                 "ecole bibliothecaire librarian",
    "finance": "finance financial financ* cfo accountant comptable controller controleu* actuar* risk risque "
               "assurance* insurance banque bank*",
    "health": "nurse infirmi* physician medecin doctor clinical clinique clinic* clinicien* medical medic* "
              "pharmac* physio* health sante care soins",
    "policy": "policy politiques public gouvernement government",
    "culture": "film* films producer producteur productrice realisat* festival studio culturel* museum",
    "operations": "operations logistique logistics supply approvisionnement freight production qualite quality "
                  "maintenance achat* acheteu* buyer",
    "nonprofit": "benevoles volunteer* communautaire community collectes fundraising nonprofit",
}
#: Pairs of fields whose people can help each other (complementary), a heuristic.
COMPLEMENTARY_ROLES = frozenset(
    frozenset(p) for p in [
        ("founder", "investment"), ("founder", "software"), ("founder", "people"), ("founder", "sales"),
        ("founder", "finance"), ("founder", "operations"), ("product", "software"), ("product", "design"),
        ("product", "data"), ("software", "data"), ("sales", "marketing"), ("research", "data"),
        ("research", "health"), ("research", "education"), ("health", "data"), ("health", "policy"),
        ("policy", "research"), ("culture", "marketing"), ("nonprofit", "finance"), ("design", "culture"),
    ]
)
_FIELD_WORDS = {}
_FIELD_PREFIXES = []
for _field, _words in ROLE_FAMILIES.items():
    for _word in _words.split():
        if _word.endswith("*"):
            _FIELD_PREFIXES.append((_word[:-1], _field))
        else:
            _FIELD_WORDS.setdefault(_word, set()).add(_field)


def _plain_words(text):
    text = unicodedata.normalize("NFKD", _text(text).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return set(re.findall(r"[a-z][a-z-]*", text))


def _families(text):
    """The fields of work named in a person's position and company text."""
    found = set()
    for word in _plain_words(text):
        found |= _FIELD_WORDS.get(word, set())
        for prefix, field in _FIELD_PREFIXES:
            if word.startswith(prefix):
                found.add(field)
    return found


def _person_fields(G, n):
    d = G.nodes[n]
    return _families(f"{_text(d.get('position'))} {_text(d.get('company'))}")


def _role_fit(fa, fb):
    """A label for two people's fields: a shared field, complementary fields, or ""."""
    same = sorted(fa & fb)
    if same:
        return f"both work in {same[0]}"
    for x in sorted(fa):
        for y in sorted(fb):
            if frozenset((x, y)) in COMPLEMENTARY_ROLES:
                return f"complementary fields: {x} and {y}"
    return ""


def _describe_person(G, n):
    d = G.nodes[n]
    position, company = _text(d.get("position")), _text(d.get("company"))
    name = _name(G, n)
    if position and company:
        return f"{name} is {position} at {company}"
    if company:
        return f"{name} works at {company}"
    if position:
        return f"{name} is {position}"
    return ""


def _met_phrase(met_a, met_b, name_a, name_b):
    if met_a == "in_person" and met_b == "in_person":
        return "you met both in person"
    if met_a == "in_person":
        return f"you met {name_a} in person ({name_b}: {met_b.replace('_', ' ')})"
    if met_b == "in_person":
        return f"you met {name_b} in person ({name_a}: {met_a.replace('_', ' ')})"
    if met_a == "online" and met_b == "online":
        return "you know both online only"
    return "you have not recorded meeting either in person"


_INTRO_COLUMNS = [
    "rank", "a", "a_name", "b", "b_name", "score", "reason",
    "strength_a", "strength_b", "met_a", "met_b", "vouch", "met_factor",
    "community_a", "community_b", "different_circles", "circle_factor",
    "role_fit", "role_factor", "same_company", "mutual_contacts", "mutual_factor",
    "may_already_know", "inferred_tie", "inferred_factor",
    "effective_size_before", "effective_size_after", "constraint_before", "constraint_after",
]


def introductions(G, ego=None, *, top=20, evidence="all", communities=None, weight="strength",
                  candidates=300, met_bonus=0.5, role_bonus=0.25, new_tie_strength=0.1,
                  include_inferred=True, max_per_person=None, seed=0):
    """Introductions the owner could make: pairs of their contacts who are not tied, ranked.

    An introduction closes an open triad a–you–b. It is worth more when you know both people
    well enough to vouch for them (in person counts most), when they sit in different circles
    (you bridge a structural hole), when their roles match or complement each other, and —
    after Rajkumar et al. (2022) — when they share a moderate number of contacts. The score is
    the product of these factors::

        score = s_a · s_b                      (vouch: your tie strengths to a and b)
              · (1 + met_bonus · #met in person)
              · (1 + [different circles])
              · (1 + role_bonus · [same field or complementary roles])
              · f(mutual contacts)             (mutual_contacts_curve, a heuristic)
              · (1 − confidence of an inferred a–b tie, if any)

    Parameters
    ----------
    G : networkx.Graph
        The network.
    ego : node, optional
        The owner (default ``G.graph["ego"]``).
    top : int
        Number of suggestions returned.
    evidence : {"all", "declared", "observed"}
        Which ties count for contacts, circles and mutual contacts.
    communities : mapping, optional
        ``person -> community id``. Default: :func:`netanalysis.partition` of the filtered
        network. Pass ``{}`` to ignore circles.
    weight : str or None
        Edge attribute read as tie strength (default ``"strength"``; missing counts 1).
    candidates : int
        Pairs are drawn from the owner's ``candidates`` strongest contacts (ties by key), so at
        most candidates·(candidates−1)/2 pairs are scored — never all n² pairs.
    met_bonus, role_bonus : float
        Weights of the in-person and role factors (see above).
    new_tie_strength : float
        Strength assumed for the new a–b tie when computing your brokerage after it.
    include_inferred : bool
        Pairs joined by an *inferred* tie only ("same company"…) may already know each other:
        kept and flagged (``may_already_know``, score × (1 − confidence)) when True, dropped
        when False. Pairs tied by an export or a declared tie — in the unfiltered graph too —
        are never suggested.
    max_per_person : int, optional
        Show each person in at most this many suggestions (the next best pairs fill the list),
        so that one very well-known contact does not fill the whole list. Default: no limit.
    seed : int
        Seed for the community detection.

    Returns
    -------
    pandas.DataFrame
        One row per suggested pair, best first: ``rank, a, a_name, b, b_name, score, reason``
        (plain language), then the components: ``strength_a, strength_b`` (your ties),
        ``met_a, met_b``, ``vouch`` (product), ``met_factor``, ``community_a, community_b``
        (None = in no circle), ``different_circles``, ``circle_factor``, ``role_fit`` (text: a shared field or complementary fields, see ROLE_FAMILIES),
        ``role_factor``, ``same_company``, ``mutual_contacts`` (you included),
        ``mutual_factor``, ``may_already_know``, ``inferred_tie`` (its evidence, or ""),
        ``inferred_factor``; and your own brokerage before and after the introduction:
        ``effective_size_before/after`` and ``constraint_before/after`` (closing the triad
        lowers your effective size and raises your constraint: an introduction spends some of
        your brokerage).

    Raises
    ------
    InputError
        Unknown ego, a directed or multi graph, bad parameters.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me")
    >>> G.add_node("a", name="Ana", position="Founder", company="Acme")
    >>> G.add_node("b", name="Bo", position="Angel investor", company="Fund")
    >>> G.add_node("c", name="Cy", position="Engineer", company="Acme")
    >>> G.add_edge("me", "a", strength=0.9, met="in_person")
    >>> G.add_edge("me", "b", strength=0.8, met="in_person")
    >>> G.add_edge("me", "c", strength=0.3, met="online")
    >>> G.add_edge("a", "c", strength=0.5)
    >>> intro = introductions(G, communities={"a": 0, "c": 0, "b": 1})
    >>> intro[["a", "b", "score"]].round(3)
       a  b  score
    0  a  b  0.885
    1  b  c  0.177
    >>> print(intro.loc[0, "reason"])
    you met both in person; Ana is Founder at Acme and Bo is Angel investor at Fund; they sit in different circles of your network; complementary fields: founder and investment; you are their only contact in common

    Notes
    -----
    The mutual-contacts factor is shaped after a finding (an inverted U peaking near ten mutual
    connections), not fitted to it. Tie strengths come from :func:`netanalysis.tie_strength`.
    The candidate pairs are scored with numpy, factor by factor in the formula's order (the
    same floats as a pair-by-pair loop).

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes*. Harvard University Press.
    .. [2] Rajkumar, K. et al. (2022). A causal test of the strength of weak ties. *Science*
       377(6612):1304–1310.
    .. [3] Kossinets, G. & Watts, D. J. (2006). Empirical analysis of an evolving social
       network. *Science* 311(5757):88–90.
    """
    _check_graph(G)
    ego = G.graph.get("ego") if ego is None else ego
    _check_person(G, ego, "person (the ego)")
    if int(top) < 1 or int(candidates) < 2:
        raise InputError("top must be at least 1 and candidates at least 2.")
    H = _view(G, evidence)
    community_engine = None
    if communities is None:
        from .communities import _partition_engine

        communities, community_engine = _partition_engine(G, ego=ego, evidence=evidence, weight=weight, seed=seed)
    ego_ties = {c: d for c, d in _adjacency(H)[ego].items() if c != ego}
    strength = _ego_strengths(ego_ties, weight)
    chosen = _sorted(_strongest(strength, int(candidates)))
    families = {c: _person_fields(G, c) for c in chosen}
    companies = {c: normalize_company(G.nodes[c].get("company")) for c in chosen}
    met = {c: ego_ties[c].get("met", "unknown") or "unknown" for c in chosen}
    scored = _score_pairs(G, H, chosen, strength, met, families, communities, include_inferred=include_inferred,
                          met_bonus=met_bonus, role_bonus=role_bonus)
    if max_per_person is not None:
        if int(max_per_person) < 1:
            raise InputError("max_per_person must be at least 1.")
        shown, kept = Counter(), []
        for item in scored:
            a, b = item[3], item[4]
            if shown[a] < int(max_per_person) and shown[b] < int(max_per_person):
                kept.append(item)
                shown[a] += 1
                shown[b] += 1
                if len(kept) >= int(top):
                    break
        picked = kept
    else:
        picked = scored[: int(top)]
    state = None
    rows = []
    for rank, (neg, _, _, a, b, inferred, inferred_factor, mutual, different) in enumerate(picked, 1):
        if state is None:
            # Ties that all weigh 0 leave Burt's measures undefined, before and after.
            state = _ego_state(H, weight, ego) or {"summary": dict(_EMPTY_BURT)}
        if b in H.adj[a] or "p" not in state:  # an inferred tie already counted in this view
            after = state["summary"]
        else:
            after = _after_tie(state, a, b, 1.0 if weight is None else float(new_tie_strength))
        role_label = _role_fit(families[a], families[b])
        same_company = bool(companies[a]) and companies[a] == companies[b]
        name_a, name_b = _name(G, a), _name(G, b)
        parts = [_met_phrase(met[a], met[b], name_a, name_b)]
        who = [s for s in (_describe_person(G, a), _describe_person(G, b)) if s]
        if who:
            parts.append(" and ".join(who))
        if different:
            parts.append("they sit in different circles of your network")
        if role_label:
            parts.append(role_label)
        if same_company:
            parts.append(f"both at {_text(G.nodes[a].get('company'))}")
        parts.append("you are their only contact in common" if mutual <= 1
                     else f"they have {mutual - 1} contact{'s' if mutual > 2 else ''} in common besides you")
        if inferred:
            parts.append(f"they may already know each other ({inferred})")
        ca, cb = communities.get(a), communities.get(b)
        rows.append({
            "rank": rank, "a": a, "a_name": name_a, "b": b, "b_name": name_b, "score": -neg,
            "reason": "; ".join(parts),
            "strength_a": strength[a], "strength_b": strength[b], "met_a": met[a], "met_b": met[b],
            "vouch": strength[a] * strength[b],
            "met_factor": 1.0 + met_bonus * ((met[a] == "in_person") + (met[b] == "in_person")),
            "community_a": ca, "community_b": cb, "different_circles": different,
            "circle_factor": 2.0 if different else 1.0,
            "role_fit": role_label, "role_factor": 1.0 + role_bonus * bool(role_label),
            "same_company": same_company, "mutual_contacts": mutual,
            "mutual_factor": mutual_contacts_curve(mutual),
            "may_already_know": bool(inferred), "inferred_tie": inferred, "inferred_factor": inferred_factor,
            "effective_size_before": state["summary"]["effective_size"],
            "effective_size_after": after["effective_size"],
            "constraint_before": state["summary"]["constraint"], "constraint_after": after["constraint"],
        })
    df = pd.DataFrame(rows, columns=_INTRO_COLUMNS)
    df.attrs.update({"ego": ego, "evidence": evidence, "pairs_scored": scored.total,
                     "candidates": len(chosen), "community_engine": community_engine})
    return df


def _ego_strengths(ego_ties, weight):
    """``{contact: tie weight}`` as :func:`graph._tie_weight` reads each, checked in one pass when all are floats."""
    if weight is not None:
        values = [d.get(weight, 1.0) for d in ego_ties.values()]
        if set(map(type, values)) <= {float}:
            w = np.array(values, dtype=float)
            if not (np.isnan(w).any() or (w < 0).any()):
                return dict(zip(ego_ties, values, strict=True))
    return {c: _weight_value(d, weight) for c, d in ego_ties.items()}  # names the first bad weight


def _strongest(strength, n):
    """The ``n`` contacts first in order of ``(-strength, str(key))`` (as a set: the caller sorts them).

    Those above the n-th strength, then the ones tied with it by ``str(key)`` (stable), as
    ``sorted(...)[:n]`` would pick them, without sorting 30,000 contacts for 300.
    """
    keys = list(strength)
    if n >= len(keys):
        return keys
    minus = -np.array(list(strength.values()), dtype=float)
    cut = np.partition(minus, n - 1)[n - 1]
    above = np.flatnonzero(minus < cut).tolist()
    tied = sorted(np.flatnonzero(minus == cut).tolist(), key=lambda k: str(keys[k]))  # stable: key order
    return [keys[k] for k in above + tied[: n - len(above)]]


class _RankedPairs:
    """The scored pairs, best first, built as tuples only as far as they are read.

    Each item is ``(-score, str(a), str(b), a, b, inferred, inferred_factor, mutual,
    different)``; ``total`` is the number of pairs scored.
    """

    def __init__(self, chosen, order, iu, ju, columns):
        self.chosen, self.order, self.iu, self.ju, self.columns = chosen, order, iu, ju, columns
        self.total = len(order)

    def _item(self, k):
        score, inferred, factor, mutual, different = self.columns
        i, j = int(self.iu[k]), int(self.ju[k])
        a, b = self.chosen[i], self.chosen[j]
        return (-float(score[k]), str(a), str(b), a, b, inferred.get(k, ""), float(factor[k]), int(mutual[k]),
                bool(different[k]))

    def __iter__(self):
        return (self._item(k) for k in self.order.tolist())

    def __getitem__(self, window):
        return [self._item(k) for k in self.order[window].tolist()]


def _score_pairs(G, H, chosen, strength, met, families, communities, *, include_inferred, met_bonus, role_bonus):
    """Score every pair of ``chosen`` not already tied, as :func:`introductions` defines it, with numpy.

    Pairs are listed like two nested loops over ``chosen`` (``numpy.triu_indices``); the
    factors are multiplied in the formula's order, so each score is the float a per-pair loop
    gives, and the pairs are ranked by ``(-score, str(a), str(b))`` with a stable sort.
    Mutual contacts (in ``H``) come from one sparse product of the candidates' neighbour
    incidence; existing ties are looked up in the unfiltered ``G``.
    """
    n = len(chosen)
    iu, ju = np.triu_indices(n, 1)
    pair_of = {}  # (i, j) -> position in the pair list, for the few tied pairs
    index = {c: k for k, c in enumerate(chosen)}
    skip = np.zeros(len(iu), dtype=bool)
    inferred_factor = np.ones(len(iu))
    inferred = {}
    if n > 1:
        first = np.concatenate([[0], np.cumsum(np.arange(n - 1, 0, -1))])  # row i starts at first[i]
        adj = _adjacency(G)  # plain dicts when it can: their key intersections run in C
        for i, a in enumerate(chosen):
            adj_a = adj[a]
            for b in adj_a.keys() & index.keys():
                j = index[b]
                if j <= i:
                    continue
                k = int(first[i] + j - i - 1)
                pair_of[i, j] = k
                data = adj_a[b]
                sources = data.get("sources") or [data.get("evidence", "export")]
                if any(not str(src).startswith("inferred") for src in sources) or not include_inferred:
                    skip[k] = True  # they know each other: never suggest an existing tie
                    continue
                inferred[k] = data.get("evidence") or str(sources[0])
                inferred_factor[k] = 1.0 - float(data.get("confidence", 0.5))
    # mutual contacts: |N(a) ∩ N(b)| as the (a, b) entry of M·Mᵀ, M the candidates' incidence
    column, cols, counts = {}, [], []
    adj = _adjacency(H)
    for c in chosen:
        nbrs = adj[c]
        counts.append(len(nbrs))
        cols.extend(column.setdefault(x, len(column)) for x in nbrs)
    incidence = scipy.sparse.csr_array(
        (np.ones(len(cols), dtype=np.int64), np.array(cols, dtype=np.int64),
         np.concatenate([[0], np.cumsum(counts, dtype=np.int64)])), shape=(n, max(len(column), 1)))
    mutual = (incidence @ incidence.T).toarray()[iu, ju] if n > 1 else np.zeros(0, dtype=np.int64)
    # circles: None (or absent) is no circle; circles compared by the mapping's own equality
    codes = {}
    circle = np.array([-1 if (g := communities.get(c)) is None else codes.setdefault(g, len(codes)) for c in chosen],
                      dtype=np.int64)
    different = (circle[iu] >= 0) & (circle[ju] >= 0) & (circle[iu] != circle[ju])
    # fields: few distinct sets, so the fit is decided once per pair of distinct sets
    kinds = {}
    kind = np.array([kinds.setdefault(frozenset(families[c]), len(kinds)) for c in chosen], dtype=np.int64)
    sets = list(kinds)
    fits = np.array([[bool(fa & fb) or any(frozenset((p, q)) in COMPLEMENTARY_ROLES for p in fa for q in fb)
                      for fb in sets] for fa in sets], dtype=bool).reshape(len(sets), len(sets))
    fit = fits[kind[iu], kind[ju]] if len(sets) else np.zeros(len(iu), dtype=bool)
    s = np.array([strength[c] for c in chosen], dtype=float)
    in_person = np.array([met[c] == "in_person" for c in chosen], dtype=np.int64)
    distinct, inverse = np.unique(mutual, return_inverse=True)
    curve = np.array([mutual_contacts_curve(m) for m in distinct.tolist()], dtype=float)[inverse]
    score = (s[iu] * s[ju] * (1.0 + met_bonus * (in_person[iu] + in_person[ju])) * np.where(different, 2.0, 1.0)
             * (1.0 + role_bonus * fit) * curve * inferred_factor)
    keep = np.flatnonzero(~skip)
    text = [str(c) for c in chosen]
    dense = {t: r for r, t in enumerate(sorted(set(text)))}
    rank = np.array([dense[t] for t in text], dtype=np.int64)  # orders str(c), for equal scores
    order = keep[np.lexsort((rank[ju[keep]], rank[iu[keep]], -score[keep]))]
    return _RankedPairs(chosen, order, iu, ju, (score, inferred, inferred_factor, mutual, different))


# --------------------------------------------------------------------------------------------
# warm paths and references


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
        return _sorted(people), "name"
    company = normalize_company(text)
    if company:
        companies = _memo(normalize_company)
        at = [n for n, c in G.nodes(data="company") if n != ego and isinstance(c, str) and companies(c) == company]
        if at:
            return _sorted(at), "company"
    needle = text.strip().casefold()
    found = [
        n for n, d in G.nodes(data=True) if n != ego
        and (needle in _text(d.get("position")).casefold() or needle in _text(d.get("company")).casefold())
    ]
    if found:
        return _sorted(found), "keyword"
    raise InputError(f"nobody in the network matches '{text}' by key, URL, name, company or position.")


def _path_cost(online_penalty):
    def cost(u, v, d):
        length = _distance(d)
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
    return f"{_name(G, v)} ({', '.join(bits)})"


_HOP_COLUMNS = [
    "path_rank", "hop", "from", "from_name", "to", "to_name", "met", "strength", "last_contact",
    "evidence", "confidence", "hops", "path_cost", "target", "target_name", "matched_by", "route",
]
_PATH_COLUMNS = [
    "path_rank", "target", "target_name", "matched_by", "introducer", "introducer_name", "hops",
    "path_cost", "weakest_strength", "all_in_person", "any_inferred", "route",
]


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
        A person (key, profile URL or exact name), a company (matched on the normalised current
        company) or a keyword found in position or company text — tried in that order.
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
        target_name, matched_by`` (``person|name|company|keyword``) and ``route``.
        ``per="path"``: ``path_rank, target, target_name, matched_by, introducer`` (the first
        contact on the way; the target itself for a direct contact), ``introducer_name, hops,
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

    Notes
    -----
    Paths come from :func:`networkx.shortest_simple_paths` (Yen's algorithm) for one person and
    a single Dijkstra search for several: scipy's (compiled) for the distances, and each route
    is the one networkx's search returns — where two routes cost exactly the same, networkx's
    own search runs to choose as it does.
    """
    _check_graph(G)
    ego = G.graph.get("ego") if ego is None else ego
    _check_person(G, ego, "person (the ego)")
    if int(k) < 1 or float(online_penalty) < 1:
        raise InputError("k must be at least 1 and online_penalty at least 1.")
    if per not in ("hop", "path"):
        raise InputError("per must be 'hop' or 'path'.")
    H = _view(G, evidence)
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
    ``_distance``'s ``1 / strength``, times the penalty off in-person ties.
    """
    position = {n: i for i, n in enumerate(nodes)}
    adj = _adjacency(H)
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
        length[k] = _distance(datas[k])
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


def _nx_routes(H, ego, targets, k, cost, online_penalty=None):
    """:func:`_best_routes` by networkx's own search (the reference; ``online_penalty`` is in ``cost``)."""
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
        for i, (u, v, h) in enumerate(hops, 1):
            hop_rows.append({
                "path_rank": rank, "hop": i, "from": u, "from_name": _name(H, u), "to": v,
                "to_name": _name(H, v), **h, "hops": len(hops), "path_cost": total,
                "target": target, "target_name": _name(H, target), "matched_by": matched_by, "route": route,
            })
        strengths = [h["strength"] for _, _, h in hops if h["strength"] == h["strength"]]
        path_rows.append({
            "path_rank": rank, "target": target, "target_name": _name(H, target), "matched_by": matched_by,
            "introducer": path[1], "introducer_name": _name(H, path[1]), "hops": len(hops),
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
    _check_graph(G)
    ego = G.graph.get("ego") if ego is None else ego
    _check_person(G, ego, "person (the ego)")
    H = _view(G, evidence)
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
            "key": c, "name": _name(H, c), "company": _text(d.get("company")), "position": _text(d.get("position")),
            "your_met": mine["met"], "your_strength": mine["strength"], "their_met": theirs["met"],
            "their_strength": theirs["strength"], "their_evidence": theirs["evidence"],
            "their_last_contact": theirs["last_contact"],
        })
    rows.sort(key=lambda r: (-(r["your_strength"] if r["your_strength"] == r["your_strength"] else 0), str(r["key"])))
    return pd.DataFrame(rows, columns=_REFERENCE_COLUMNS)

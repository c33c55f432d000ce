"""Burt's structural-hole measures (constraint, effective size, efficiency, hierarchy): the arithmetic."""

import math

import networkx as nx
import numpy as np

from ._arrays import adjacency as _adjacency
from ._arrays import ends as _ends
from ._arrays import neighbour_ends as _neighbour_ends
from ._arrays import neighbour_values as _neighbour_values
from ._arrays import triangles as _triangles
from ._shared import shared as _shared
from .errors import InputError
from .model import sorted_keys as _sorted
from .model import tie_weight as _weight_value
from .model import tie_weights as _tie_weights

__all__ = [
    "BURT_DIRECT_MAX",
    "EMPTY_BURT",
    "Neighbourhoods",
    "after_tie",
    "burt_rows",
    "burt_state",
    "burt_table",
    "ego_state",
    "summarise",
    "tie_arrays",
    "tie_values",
]

# --------------------------------------------------------------------------------------------
# Burt's measures over one node's neighbourhood, in pure Python: the directed path of
# burt_measures, the reference the vectorised code is tested against, and the owner's ties for
# after_tie


class Neighbourhoods:
    """Cached mutual weights ``a_uv + a_vu`` per node, with their sum and maximum.

    Every Burt quantity is a ratio of mutual weights of the same node, so for an undirected
    graph the weight itself is used (the factor 2 cancels). For a plain ``nx.Graph`` the raw
    adjacency dicts are read directly (views and DiGraphs go through the public API): this is
    what keeps one owner with 30,000 contacts well under a second.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network, already filtered by evidence. A DiGraph is read through mutual weights.
    weight : str or None
        Edge attribute read as tie *strength* (missing: 1); ``None`` counts every tie as 1.

    Calling the object with a node returns ``(mutual weight by contact, their sum, their
    largest)``; self-loops are left out.

    Raises
    ------
    InputError
        (on a call) A negative or non-numeric weight among the node's ties.

    Examples
    --------
    >>> import networkx as nx
    >>> nbhd = Neighbourhoods(nx.Graph([("a", "b", {"strength": 0.5}), ("a", "c")]), "strength")
    >>> nbhd("a")
    ({'b': 0.5, 'c': 1.0}, 1.5, 1.0)
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


def burt_state(nbhd, i):
    """The per-contact terms of Burt's measures for node ``i`` (None when ``i`` has no contacts).

    One pass over the ties among ``i``'s contacts: for each contact q, the contacts j it shares
    with ``i`` (a C-level intersection of the two neighbour sets), accumulating
    ``Σ_q p_iq p_qj`` (indirect constraint) and ``Σ_q p_iq a_qj`` (redundancy before division by
    j's largest mutual weight). Cost: Σ_q min(deg q, deg i), not deg(i)².

    Parameters
    ----------
    nbhd : Neighbourhoods
        The graph's mutual weights.
    i : node
        The person.

    Returns
    -------
    dict or None
        ``i``, ``p`` (``p_ij`` by contact j), ``indirect`` (``Σ_q p_iq p_qj`` by j), ``shared``
        (``Σ_q p_iq a_qj`` by j) and ``nbhd``; None without contacts or when their weights sum
        to 0. :func:`summarise` turns it into the measures.

    Examples
    --------
    >>> import networkx as nx
    >>> state = burt_state(Neighbourhoods(nx.Graph([("i", "a"), ("i", "b"), ("a", "b")]), None), "i")
    >>> state["p"], state["indirect"]
    ({'a': 0.5, 'b': 0.5}, {'a': 0.25, 'b': 0.25})
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


def summarise(state):
    """Burt's measures from the per-contact terms of :func:`burt_state`.

    Parameters
    ----------
    state : dict
        A :func:`burt_state` (not None).

    Returns
    -------
    dict
        ``degree``, ``constraint``, ``effective_size``, ``efficiency`` and ``hierarchy`` (NaN
        with fewer than two contacts), the formulas of :func:`netanalysis.burt_measures`.

    Examples
    --------
    A directed graph of networkx's tests, read through mutual weights:

    >>> import networkx as nx
    >>> D = nx.DiGraph([(0, 1), (0, 2), (1, 0), (2, 1)])
    >>> m = summarise(burt_state(Neighbourhoods(D, None), 0))
    >>> round(m["constraint"], 3), round(m["effective_size"], 3)
    (1.003, 1.167)
    """
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


def _hierarchy(locals_, constraint):
    """Burt's hierarchy ``Σ_j r_j ln r_j / (n ln n)``, ``r_j = ℓ(i,j) / (c_i / n)``; NaN below two contacts."""
    n = len(locals_)
    if n < 2 or constraint <= 0:
        return math.nan
    total = 0.0
    for local in locals_:
        r = local * n / constraint
        if r > 0:
            total += r * math.log(r)
    return total / (n * math.log(n))


#: Burt's measures of a person without contacts (or whose ties all weigh 0): undefined.
EMPTY_BURT = {"constraint": math.nan, "effective_size": math.nan, "efficiency": math.nan, "hierarchy": math.nan}


# --------------------------------------------------------------------------------------------
# Burt's measures for many people at once, with numpy (undirected graphs)

#: Up to this many people, :func:`burt_table` reads each one's contact ties directly; above,
#: it enumerates every triangle of their neighbourhoods once.
BURT_DIRECT_MAX = 4


def tie_arrays(H, weight, people=None):
    """The ties of the undirected ``H`` around ``people`` (default everyone), as arrays.

    The scope is ``people`` and their contacts, indexed in sorted key order. Returns a dict:
    ``nodes`` (the scope), ``u, v, w`` (ties with both ends in the scope, ``u < v``, sorted),
    and per person in the scope, over **all** their ties: ``s`` (sum of weights), ``m``
    (largest weight) and ``degree`` (distinct contacts). Self-loops are left out: nobody is
    their own contact.

    Parameters
    ----------
    H : networkx.Graph
        The undirected network, already filtered by evidence.
    weight : str or None
        Edge attribute read as tie *strength* (missing: 1); ``None`` counts every tie as 1.
    people : list, optional
        Whose ties to gather (default: everyone's).

    Returns
    -------
    dict
        The arrays above, plus ``index`` (position of each key in ``nodes``) and ``picked`` (how
        the ties were read, for :func:`tie_values`). Inside :func:`graph._shared_reads` the
        arrays are computed once per graph, weight and scope, and read-only.

    Raises
    ------
    InputError
        A negative or non-numeric weight.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("b", "a", {"strength": 0.5}), ("b", "c", {"strength": 2.0}), ("c", "c")])
    >>> T = tie_arrays(G, "strength")
    >>> T["nodes"], T["u"].tolist(), T["v"].tolist(), T["w"].tolist()
    (['a', 'b', 'c'], [0, 1], [1, 2], [0.5, 2.0])
    >>> T["s"].tolist(), T["m"].tolist(), T["degree"].tolist()
    ([0.5, 2.5, 2.0], [0.5, 2.0, 2.0], [1, 2, 1])
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
    """:func:`tie_arrays` over the sorted scope ``nodes``."""
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


def tie_values(H, T, attr, default=None):
    """Each tie's raw ``attr`` (``default`` when missing), aligned with ``T["u"], T["v"]`` (an object array).

    Parameters
    ----------
    H : networkx.Graph
        The graph ``T`` was read from.
    T : dict
        Its :func:`tie_arrays`.
    attr : str
        The edge attribute.
    default : object
        The value of a tie without it.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b", {"met": "in_person"}), ("b", "c")])
    >>> tie_values(G, tie_arrays(G, None), "met", "unknown").tolist()
    ['in_person', 'unknown']
    """
    counts, read, inner, order = T["picked"]
    values = _neighbour_values(_adjacency(H), T["nodes"], counts, read, attr, default)
    values = np.fromiter(values, dtype=object, count=len(values))  # one cell per tie, whatever the value
    return values[inner][order]


def burt_table(H, weight, people=None):
    """Burt's measures of ``people`` (default everyone) in the undirected ``H``, vectorised.

    Each tie ``e = (u, v)`` gives two arcs, ``2e`` (u→v) and ``2e + 1`` (v→u). For an arc i→j
    the indirect constraint ``Σ_q p_iq p_qj`` and the redundancy ``Σ_q p_iq a_qj`` run over
    the contacts q shared by i and j, i.e. over the triangles i–j–q (:func:`strength._triangles`),
    summed with ``np.bincount``. For at most :data:`BURT_DIRECT_MAX` people the ties among
    each one's contacts are read directly instead (the owner's triangles are exactly those
    ties, without enumerating everyone else's).

    Returns ``(arrays, rows)``: the :func:`tie_arrays` dict and a dict of per-person arrays
    over its ``nodes`` — ``degree``, ``constraint``, ``effective_size``, ``efficiency``,
    ``hierarchy``, ``ties_between_contacts`` — and ``arc`` (per arc: ``src``, ``dst``, ``p``,
    ``indirect``, ``shared``). Only the rows of ``people`` are meaningful.

    Parameters
    ----------
    H : networkx.Graph
        The undirected network, already filtered by evidence.
    weight : str or None
        Edge attribute read as tie *strength* (missing: 1); ``None`` counts every tie as 1.
    people : list, optional
        Whose measures are wanted (default: everyone's).

    Returns
    -------
    tuple
        ``(arrays, rows)`` as above; the measures are those of :func:`netanalysis.burt_measures`
        (NaN without contacts, hierarchy NaN below two). Inside :func:`graph._shared_reads`
        the table is computed once per graph, weight and people.

    Raises
    ------
    InputError
        A negative or non-numeric weight.

    Examples
    --------
    Borgatti's (1997) example, unweighted (UCINET's values):

    >>> import networkx as nx
    >>> G = nx.Graph([("A", "B"), ("A", "F"), ("A", "G"), ("A", "E"), ("E", "G"), ("F", "G"),
    ...               ("B", "G"), ("B", "D"), ("D", "G"), ("G", "C")])  # Borgatti (1997)
    >>> T, table = burt_table(G, None)
    >>> T["nodes"]
    ['A', 'B', 'C', 'D', 'E', 'F', 'G']
    >>> table["constraint"].round(3).tolist()
    [0.595, 0.643, 1.0, 0.785, 0.731, 0.731, 0.4]
    >>> table["effective_size"].round(3).tolist()
    [2.5, 1.667, 1.0, 1.0, 1.0, 1.0, 4.667]
    """
    if people is not None and len(people) <= BURT_DIRECT_MAX and _reaches_everyone(H, people):
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
    """:func:`burt_table`, computed."""
    T = tie_arrays(H, weight, people)
    u, v, w, s = T["u"], T["v"], T["w"], T["s"]
    size, n_ties = len(T["nodes"]), len(u)
    src = np.empty(2 * n_ties, dtype=np.int64)
    dst = np.empty(2 * n_ties, dtype=np.int64)
    src[0::2], src[1::2], dst[0::2], dst[1::2] = u, v, v, u
    over_s = np.divide(1.0, s, out=np.zeros(size), where=s > 0)  # a contact without weight adds nothing
    p = np.repeat(w, 2) * over_s[src]
    closed = np.zeros(size, dtype=np.int64)
    rows = None if people is None else np.array([T["index"][n] for n in people], dtype=np.int64)
    if rows is not None and len(rows) <= BURT_DIRECT_MAX:
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


def burt_rows(H, weight, people):
    """Burt's measures of ``people``, one dict each, from :func:`burt_table`.

    Parameters
    ----------
    H : networkx.Graph
        The undirected network, already filtered by evidence.
    weight : str or None
        Edge attribute read as tie *strength* (missing: 1); ``None`` counts every tie as 1.
    people : list
        The people.

    Returns
    -------
    dict
        ``{person: {degree, constraint, effective_size, efficiency, hierarchy,
        ties_between_contacts}}`` with Python numbers (``degree`` and ``ties_between_contacts``
        int, the rest float, NaN where undefined).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("A", "B"), ("A", "F"), ("A", "G"), ("A", "E"), ("E", "G"), ("F", "G"),
    ...               ("B", "G"), ("B", "D"), ("D", "G"), ("G", "C")])  # Borgatti (1997)
    >>> row = burt_rows(G, None, ["A"])["A"]
    >>> row["degree"], round(row["constraint"], 3), row["effective_size"], row["ties_between_contacts"]
    (4, 0.595, 2.5, 3)
    """
    T, table = burt_table(H, weight, people)
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


# --------------------------------------------------------------------------------------------
# the owner's measures once two of their contacts are introduced


def ego_state(H, weight, ego):
    """:func:`burt_state` of ``ego`` (with its ``summary``) from the vectorised table; None without contacts.

    Parameters
    ----------
    H : networkx.Graph
        The undirected network, already filtered by evidence.
    weight : str or None
        Edge attribute read as tie *strength* (missing: 1); ``None`` counts every tie as 1.
    ego : node
        The owner.

    Returns
    -------
    dict or None
        The keys of :func:`burt_state`, ``summary`` (the owner's measures, as
        :func:`summarise` gives them) and ``arrays`` (the same terms by person, for
        :func:`after_tie`); None when the owner has no contacts or their ties all weigh 0.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("A", "B"), ("A", "F"), ("A", "G"), ("A", "E"), ("E", "G"), ("F", "G"),
    ...               ("B", "G"), ("B", "D"), ("D", "G"), ("G", "C")])  # Borgatti (1997)
    >>> state = ego_state(G, None, "A")
    >>> state["summary"]["degree"], state["summary"]["effective_size"]
    (4, 2.5)
    """
    T, table = burt_table(H, weight, [ego])
    i = T["index"][ego]
    if T["degree"][i] == 0 or not T["s"][i] > 0:
        return None
    arc = table["arc"]
    mine = np.flatnonzero(arc["src"] == i)
    contacts = [T["nodes"][j] for j in arc["dst"][mine].tolist()]
    state = {"i": ego, "nbhd": Neighbourhoods(H, weight)}
    for key in ("p", "indirect", "shared"):
        state[key] = dict(zip(contacts, arc[key][mine].tolist(), strict=True))
    state["summary"] = {k: float(table[k][i]) for k in ("constraint", "effective_size", "efficiency", "hierarchy")}
    state["summary"]["degree"] = int(T["degree"][i])
    # The same terms by person (0 off the ego's contacts) and every tie of the scope grouped by
    # its end, for after_tie: an introduction then costs the ties of a and b in numpy.
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


def after_tie(state, a, b, w):
    """Ego's constraint and effective size once contacts ``a`` and ``b`` are tied with weight ``w``.

    An incremental update of :func:`burt_state` (undirected graphs): only a's and b's sums and
    maxima change, so only the contacts shared with a or b move.

    Parameters
    ----------
    state : dict
        The owner's :func:`ego_state`, or a :func:`burt_state` with its ``summary`` added (the
        per-contact path, the reference the arrays are tested against).
    a, b : node
        Two of the owner's contacts who are not tied.
    w : float
        The new tie's weight.

    Returns
    -------
    dict
        The ``summary`` with ``constraint`` and ``effective_size`` as they would be after the
        new tie (the other measures are left as they were).

    Examples
    --------
    Introducing B and E lowers A's effective size by the two contacts' new redundancy:

    >>> import networkx as nx
    >>> G = nx.Graph([("A", "B"), ("A", "F"), ("A", "G"), ("A", "E"), ("E", "G"), ("F", "G"),
    ...               ("B", "G"), ("B", "D"), ("D", "G"), ("G", "C")])  # Borgatti (1997)
    >>> after = after_tie(ego_state(G, None, "A"), "B", "E", 1.0)
    >>> G.add_edge("B", "E")
    >>> row = burt_rows(G, None, ["A"])["A"]
    >>> round(after["effective_size"], 9) == round(row["effective_size"], 9)
    True
    >>> round(after["constraint"], 9) == round(row["constraint"], 9)
    True
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
    """:func:`after_tie` over the arrays of :func:`ego_state`: the same terms, in numpy."""
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
        if sx > 0:  # the per-contact formula of after_tie, in the same order of operations
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

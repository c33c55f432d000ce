"""Array views of a graph: its adjacency walked at C speed, tie attributes, triangles, the ties between contacts.

Public names in a private module: the analyses share this machinery (numpy arrays read once per
graph, shared inside a report through :mod:`netanalysis._shared`), users never call it.
"""

import itertools
import math
import operator

import networkx as nx
import numpy as np
import scipy.sparse
import scipy.sparse.csgraph

from ._optional import igraph_module as _igraph
from ._shared import shared
from .model import analysis_view, check_ego, check_graph, sorted_keys, tie_weights

__all__ = [
    "CONTACT_WEIGHT",
    "WEDGE_BLOCK",
    "Contacts",
    "adjacency",
    "contact_arrays",
    "edge_values",
    "ends",
    "neighbour_ends",
    "neighbour_values",
    "sorted_contact_graph",
    "triangles",
]

#: The edge attribute holding each tie's float weight in :meth:`Contacts.graph` (no user attribute
#: is called so).
CONTACT_WEIGHT = "__w__"


def adjacency(H):
    """The raw adjacency dicts of a plain ``nx.Graph`` (fast), else the public view."""
    plain = type(H) is nx.Graph and not nx.is_frozen(H) and not hasattr(H, "_graph")
    return H._adj if plain else H.adj


def neighbour_ends(adj, nodes):
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


def neighbour_values(adj, nodes, counts, keep, weight, default=1.0):
    """The raw ``weight`` attribute (``default`` when missing) of the kept entries of :func:`neighbour_ends`."""
    flags, values, at = keep.tolist(), [], 0
    get = operator.methodcaller("get", weight, default)
    for a, count in zip(nodes, counts, strict=True):
        values.extend(map(get, itertools.compress(adj[a].values(), flags[at:at + count])))
        at += count
    return values


def ends(G):
    """:func:`neighbour_ends` of everyone in ``G``, in sorted key order: ``(nodes, counts, src, dst)``.

    The one walk over the adjacency that the analyses of a report share (inside
    :func:`_shared.shared_reads`): ties, contacts' ties and circles' bridges are all read from it.
    """
    def read():
        nodes = sorted_keys(G.nodes)
        return (nodes, *neighbour_ends(adjacency(G), nodes))

    return shared(G, ("ends",), read)


def edge_values(G, attr, default=None):
    """Each tie's ``attr`` (``default`` when missing), once per tie, read at C speed (undirected ``G``)."""
    nodes, counts, src, dst = ends(G)
    return neighbour_values(adjacency(G), nodes, counts, dst >= src, attr, default)  # a self-loop once



#: Wedges checked per block by :func:`triangles` (bounds the temporary arrays: ~8 int64 per wedge, ~130 MB).
WEDGE_BLOCK = 1 << 21


def triangles(n, u, v, *, block=WEDGE_BLOCK):
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



class Contacts:
    """The ties between contacts (ego removed) as sorted arrays, with graphs built on demand.

    Louvain depends on insertion order even with a fixed seed (python-louvain #105), so every
    graph handed to an engine is built from sorted nodes and edges. ``nodes`` are every contact
    (sorted); ``tied`` the indices of those with at least one tie; ``u < v`` index ``nodes``,
    sorted by ``(u, v)``; ``w`` is one float weight per tie.
    """

    def __init__(self, nodes, u, v, w):
        self.nodes, self.u, self.v, self.w = nodes, u, v, w
        self.tied = np.unique(np.concatenate([u, v]))
        self._nx = self._ig = self._ends = None

    @property
    def ties(self):
        return len(self.u)

    def graph(self):
        """A networkx graph of the tied contacts, weights in :data:`CONTACT_WEIGHT`, in sorted order."""
        if self._nx is None:
            H = nx.Graph()
            nodes = self.nodes
            H.add_nodes_from(nodes[i] for i in self.tied.tolist())
            H.add_edges_from((nodes[a], nodes[b], {CONTACT_WEIGHT: c}) for a, b, c in
                             zip(self.u.tolist(), self.v.tolist(), self.w.tolist(), strict=True))
            self._nx = H
        return self._nx

    def positions(self):
        """The ties as positions in ``tied`` (an (m, 2) array): igraph's vertex ids."""
        if self._ends is None:
            rank = np.full(len(self.nodes), -1, dtype=np.int64)
            rank[self.tied] = np.arange(len(self.tied))
            self._ends = np.stack([rank[self.u], rank[self.v]], axis=1)
        return self._ends

    def igraph(self):
        """An igraph Graph of the tied contacts (vertex i = ``tied[i]``) and its weight list."""
        if self._ig is None:
            g = _igraph().Graph(n=len(self.tied))
            g.add_edges(self.positions())  # ~3x faster than Graph(edges=...) from an array
            self._ig = (g, self.w.tolist())
        return self._ig

    def pieces(self, labels):
        """Split communities into connected pieces: ``labels`` per tied contact -> list of sets of keys.

        The pieces are the connected components of the graph keeping only ties inside a
        community (Traag et al. 2019), computed in C by scipy.
        """
        ends = self.positions()
        inside = ends[labels[ends[:, 0]] == labels[ends[:, 1]]]
        n = len(self.tied)
        matrix = scipy.sparse.coo_matrix((np.ones(len(inside)), (inside[:, 0], inside[:, 1])), shape=(n, n))
        _, component = scipy.sparse.csgraph.connected_components(matrix, directed=False)
        order = np.argsort(component, kind="stable")
        bounds = np.flatnonzero(np.diff(component[order])) + 1
        keys = [self.nodes[i] for i in self.tied[order].tolist()]
        return [set(keys[a:b]) for a, b in zip([0, *bounds.tolist()], [*bounds.tolist(), n], strict=True)]

    def modularity(self, part, resolution):
        """Weighted modularity (networkx's definition, resolution γ) of ``part`` (node -> id)."""
        if self.ties == 0:
            return math.nan
        ids = np.array([part.get(n, -1) for n in self.nodes], dtype=np.int64)  # every tied contact has one
        cu, cv = ids[self.u], ids[self.v]
        total = self.w.sum()
        inside = self.w[cu == cv].sum()
        strength = np.bincount(np.concatenate([cu, cv]), weights=np.concatenate([self.w, self.w]),
                               minlength=ids.max() + 1)
        return float(inside / total - resolution * np.sum((strength / (2 * total)) ** 2))


def contact_arrays(G, *, ego=None, evidence="all", weight="strength"):
    """The ties between contacts as :class:`Contacts`, and the resolved ego."""
    check_graph(G)
    ego = check_ego(G, ego, required=False)
    view = analysis_view(G, evidence)
    adj = adjacency(view)

    def read():
        everyone, counts, src, dst = ends(view)
        if ego in view:  # the ego's row goes; the contacts' ties to the ego point nowhere (-1)
            at = everyone.index(ego)
            position = np.arange(len(everyone), dtype=np.int64) - (np.arange(len(everyone)) > at)
            position[at] = -1
            mine = src == at
            src, dst = position[src[~mine]], position[dst[~mine]]
            everyone, counts = everyone[:at] + everyone[at + 1:], counts[:at] + counts[at + 1:]
        once = dst > src  # each tie from its lower end; leaves out the ego (-1) and self-loops
        return everyone, counts, once, src[once], dst[once]

    nodes, counts, once, u, v = shared(G, ("contact ends", ego, evidence), read)
    if weight is None:
        w = np.ones(len(u))
    else:
        w = tie_weights(neighbour_values(adj, nodes, counts, once, weight), weight)
    order = np.lexsort((v, u))
    u, v, w = u[order], v[order], w[order]
    # All-zero weights would make modularity undefined: fall back to counting ties.
    if len(w) and not w.sum() > 0:
        w = np.ones_like(w)
    return Contacts(nodes, u, v, w), ego


def sorted_contact_graph(G, *, ego=None, evidence="all", weight="strength"):
    """Ties between contacts (ego removed) as a networkx graph rebuilt from sorted nodes and edges.

    Returns ``(H, ego, nodes)``; every edge of ``H`` has one float weight :data:`CONTACT_WEIGHT`.
    """
    contacts, ego = contact_arrays(G, ego=ego, evidence=evidence, weight=weight)
    return contacts.graph(), ego, contacts.nodes



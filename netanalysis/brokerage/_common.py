"""What every brokerage analysis shares: graph and person checks, the evidence filter, names and tie lengths."""

import math

import networkx as nx

# Names taken from the modules below brokerage are gathered here, one block each, so that
# repointing them at the foundation's public names changes this file only.
from ..communities import _partition_engine as partition_engine
from ..errors import InputError
from ..graph import _adjacency as adjacency
from ..graph import _igraph_helper as igraph_helper
from ..graph import _shared as shared
from ..graph import _shared_reads_active as shared_reads_active
from ..graph import _sorted_keys as sorted_keys
from ..graph import _tie_weight as tie_weight
from ..graph import filter_evidence
from ..strength import _triangles as enumerate_triangles

__all__ = [
    "adjacency",
    "check_graph",
    "check_person",
    "display_name",
    "enumerate_triangles",
    "evidence_view",
    "igraph_helper",
    "partition_engine",
    "shared",
    "shared_reads_active",
    "sorted_keys",
    "text_or_empty",
    "tie_distance",
    "tie_weight",
]


def check_graph(G, *, directed_ok=False):
    """Refuse anything but a simple networkx graph (and a directed one unless ``directed_ok``)."""
    if not isinstance(G, nx.Graph):
        raise InputError("the network must be a networkx graph; build one with netanalysis.build_graph.")
    if G.is_multigraph():
        raise InputError("brokerage needs a simple graph, not a multigraph; convert it with nx.Graph(G) first.")
    if G.is_directed() and not directed_ok:
        raise InputError("this analysis needs an undirected graph (networkx.Graph); convert it with G.to_undirected().")


def evidence_view(G, evidence):
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


def check_person(G, node, what="person"):
    """``node``, when it is a person of ``G``; an :class:`InputError` naming it otherwise."""
    if node is None or node not in G:
        raise InputError(f"'{node}' is not a {what} in this network; pass a key listed by 'netanalysis inspect'.")
    return node


def display_name(G, n):
    """A person's ``name``, or their key when they have none."""
    name = G.nodes[n].get("name") if n in G else None
    return name if isinstance(name, str) and name.strip() else str(n)


def text_or_empty(value):
    """A text attribute without surrounding spaces; "" for anything that is not text (NaN, None)."""
    return value.strip() if isinstance(value, str) else ""


def tie_distance(data):
    """A tie's length for paths and betweenness: ``distance``, else 1/``strength``, else 1."""
    value = data.get("distance")
    if value is None:
        strength = data.get("strength")
        if strength is None:
            return 1.0
        strength = float(strength)
        return 1.0 / strength if strength > 0 else math.inf
    return float(value)

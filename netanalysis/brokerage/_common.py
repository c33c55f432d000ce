"""What every brokerage analysis shares: graph and person checks, names and tie lengths."""

import math

from .._arrays import adjacency
from .._arrays import triangles as enumerate_triangles
from .._shared import igraph_helper, shared
from .._shared import sharing as shared_reads_active
from ..communities import partition_engine
from ..errors import InputError
from ..model import check_graph, sorted_keys, tie_weight

__all__ = [
    "adjacency",
    "check_graph",
    "check_person",
    "display_name",
    "enumerate_triangles",
    "igraph_helper",
    "partition_engine",
    "shared",
    "shared_reads_active",
    "sorted_keys",
    "text_or_empty",
    "tie_distance",
    "tie_weight",
]


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

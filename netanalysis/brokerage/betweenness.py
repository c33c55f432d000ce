"""Betweenness for structural_holes: networkx or igraph, exact or from seeded pivots, in a helper process."""

import math
import random

import networkx as nx
import numpy as np

from .._optional import igraph_module
from ..burt import tie_arrays, tie_values
from ..coverage import observed_lists, person_coverage
from ..errors import InputError
from ._common import igraph_helper, shared, shared_reads_active, sorted_keys, tie_distance

__all__ = [
    "BETWEENNESS_BUDGET",
    "BETWEENNESS_ENGINES",
    "BETWEENNESS_EXACT_MAX",
    "BETWEENNESS_IGRAPH_BUDGET",
    "BETWEENNESS_MIN_PIVOTS",
    "BETWEENNESS_PIVOTS",
    "affordable_pivots",
    "choose_engine",
    "igraph_betweenness",
    "node_betweenness",
    "pivot_count",
    "pivot_sample",
    "start_betweenness",
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


def choose_engine(engine):
    """The betweenness engine for ``engine=`` (None: igraph when installed, else networkx)."""
    if engine is None:
        return "igraph" if igraph_module() is not None else "networkx"
    if engine not in BETWEENNESS_ENGINES:
        raise InputError(f"engine must be one of {', '.join(BETWEENNESS_ENGINES)} or None, not '{engine}'.")
    if engine == "igraph" and igraph_module() is None:
        raise InputError("engine='igraph' needs the igraph package (pip install igraph); use engine='networkx'.")
    return engine


def pivot_sample(H, k, seed):
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


def igraph_betweenness(H, *, sources, weighted, background=False):
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
    (job,) = shared(H, key, lambda: (_betweenness_job(H, nodes, sources, weighted, background),))
    if background or job is None:
        return None
    acc = {n: 2.0 * value for n, value in zip(nodes, job.result(), strict=True)}
    return _rescale(acc, len(nodes), normalized=True, directed=False, endpoints=False, sampled_nodes=sources)


def _betweenness_job(H, nodes, sources, weighted, background):
    """The betweenness :class:`_igraph_job.Job` of ``H``'s ties (ends as positions in ``nodes``), or
    None when a distance is not a finite positive number."""
    from .._igraph_job import Job

    # The ties as the Burt table reads them (shared in a report): sorted, without self-loops,
    # which never shorten a path.
    try:
        T = tie_arrays(H, "strength" if weighted else None)
    except InputError:  # a strength Burt cannot read: betweenness reads its own distances below
        T = tie_arrays(H, None)
    position = {n: i for i, n in enumerate(nodes)}
    at = np.fromiter(map(position.__getitem__, T["nodes"]), dtype=np.int64, count=len(T["nodes"]))
    distances = None
    if weighted:
        stored = tie_values(H, T, "distance")
        missing = np.array([i for i, x in enumerate(stored.tolist()) if x is None], dtype=np.int64)
        if len(missing):  # fall back on 1/strength tie by tie
            strength = tie_values(H, T, "strength")[missing]
            stored[missing] = [tie_distance({} if x is None else {"strength": x}) for x in strength.tolist()]
        distances = stored.astype(float)
        if not ((distances > 0) & (distances < math.inf)).all():
            return None
    inputs = (len(nodes), at[T["u"]], at[T["v"]], distances, None if sources is None else [position[s] for s in sources])
    return igraph_helper(H).submit("betweenness", *inputs) if background else Job("betweenness", inputs)


def node_betweenness(H, *, k, seed, weight, engine):
    """``(betweenness by node, engine used)``; ``k`` sampled sources, or None for exact."""
    if engine == "igraph":
        sources = None if k is None else pivot_sample(H, k, seed)
        bc = igraph_betweenness(H, sources=sources, weighted=weight is not None)
        if bc is not None:
            return bc, "igraph"
    bc = nx.betweenness_centrality(
        H, k=k, normalized=True, seed=seed,
        weight=None if weight is None else (lambda u, v, d: tie_distance(d)),
    )
    return bc, "networkx"


def pivot_count(H, k, engine):
    """How many pivots :func:`structural_holes` samples for ``k`` (None: exact betweenness)."""
    size = H.number_of_nodes()
    if k is None and size > BETWEENNESS_EXACT_MAX:
        k = affordable_pivots(H, engine)
    return int(k) if k is not None and int(k) < size else None


def start_betweenness(G, *, k=None, seed=0, weight="strength", withhold=True):
    """Start :func:`structural_holes`' igraph betweenness of ``G`` in a helper process.

    Only inside :func:`graph._shared_reads` (the next ``structural_holes`` of ``G`` with the same
    ``k``, ``seed`` and ``weight`` collects it) and when igraph is installed: networkx's
    betweenness stays in this process. With ``withhold`` (as ``structural_holes``), not when no
    export owner's neighbourhood passes the coverage rule: betweenness would be withheld for
    everyone. Returns whether it started.
    """
    if igraph_module() is None or not shared_reads_active():
        return False
    if withhold and "egos" in G.graph:
        owners = sorted_keys(observed_lists(G))
        if not owners or not person_coverage(G, owners)["computable"].any():
            return False
    pivots = pivot_count(G, k, "igraph")
    sources = None if pivots is None else pivot_sample(G, pivots, seed)
    igraph_betweenness(G, sources=sources, weighted=weight is not None, background=True)
    return True


def affordable_pivots(G, engine, cap=None):
    """How many betweenness pivots ``engine`` may sample on ``G``: within its own budget of edge
    relaxations (pivots × ties), never fewer than :data:`BETWEENNESS_MIN_PIVOTS`, at most ``cap``
    (default :data:`BETWEENNESS_PIVOTS`)."""
    cap = BETWEENNESS_PIVOTS if cap is None else cap
    budget = BETWEENNESS_IGRAPH_BUDGET if engine == "igraph" else BETWEENNESS_BUDGET
    return min(cap, max(BETWEENNESS_MIN_PIVOTS, budget // max(G.number_of_edges(), 1)))

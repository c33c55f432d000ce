"""Structural holes per person: Burt's constraint, effective size, efficiency, hierarchy; betweenness."""

import math

import networkx as nx
import pandas as pd

from ..burt import EMPTY_BURT, Neighbourhoods, burt_rows, burt_state, burt_table, summarise
from ..coverage import person_coverage, withheld_note
from ..tiestrength import scored_view
from ._common import check_graph, check_person, display_name, sorted_keys
from .betweenness import choose_engine, node_betweenness, pivot_count

__all__ = ["burt_measures", "structural_holes"]

_HOLES_COLUMNS = [
    "key", "name", "ego", "degree", "constraint", "effective_size", "efficiency", "hierarchy",
    "betweenness", "betweenness_sampled", "list_observed", "contacts_observed", "known_share", "note",
]
_NEEDS_TIES = ("constraint", "effective_size", "efficiency", "hierarchy", "betweenness")


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
    check_graph(G, directed_ok=True)
    H = scored_view(G, evidence)
    check_person(H, node)
    if not H.is_directed():
        row = burt_rows(H, weight, [node])[node]
        del row["ties_between_contacts"]
        return row
    state = burt_state(Neighbourhoods(H, weight), node)
    if state is None:
        n = len([v for v in nx.all_neighbors(H, node) if v != node])
        return {"degree": n, **EMPTY_BURT}
    return summarise(state)


def structural_holes(G, *, nodes=None, weight="strength", evidence="all", betweenness=True, k=None, seed=0,
                     engine=None, withhold=True):
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
    withhold : bool
        Withhold (NaN) the measures of people whose neighbourhood is not observed well enough:
        the coverage rule of :func:`netanalysis.observation` (their own contact list exported,
        and the status of at least half the pairs of their contacts known). Default True. A
        single LinkedIn export shows no tie between contacts: its owner's values would be the
        most broker-like there are (effective size n, efficiency 1, constraint about 1/n) only
        because nothing is seen. ``False`` gives the arithmetic on the ties as they are.

    Returns
    -------
    pandas.DataFrame
        One row per person: ``key, name, ego`` (the export owner?), ``degree``, ``constraint``,
        ``effective_size``, ``efficiency``, ``hierarchy`` (NaN with fewer than two contacts;
        all four NaN without contacts), ``betweenness`` (normalised by (n−1)(n−2)/2; NaN when
        ``betweenness=False``), ``betweenness_sampled`` (True when estimated from pivots), and
        the person's coverage: ``list_observed`` (their own list was exported),
        ``contacts_observed`` (contacts whose lists were), ``known_share`` (share of the pairs of
        their contacts whose status is known) and ``note`` (why the measures are withheld, "" when
        shown). ``df.attrs`` holds ``weight``, ``evidence``, ``betweenness_pivots`` (None = exact),
        ``betweenness_engine`` (``networkx``, ``igraph``, or None without betweenness) and ``owner``
        (``G.graph["ego"]``: in merged exports every exporter has ``ego`` True, only one is the owner).

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
    check_graph(G)
    H = scored_view(G, evidence)
    people = sorted_keys(H.nodes) if nodes is None else list(nodes)
    for n in people:
        check_person(H, n)
    T, table = burt_table(H, weight, None if nodes is None else people)
    at = [T["index"][n] for n in people]
    node_data = H.nodes
    columns = {
        "key": people, "name": [display_name(H, n) for n in people],
        "ego": [bool(node_data[n].get("ego", False)) for n in people],
        **{c: table[c][at] for c in ("degree", "constraint", "effective_size", "efficiency", "hierarchy")},
    }
    cover = person_coverage(G, people, evidence=evidence)
    shown = cover["computable"].to_numpy() if withhold else None
    pivots = used = None
    if betweenness and (shown is None or shown.any()):
        chosen = choose_engine(engine)
        pivots = pivot_count(H, k, chosen)
        bc, used = node_betweenness(H, k=pivots, seed=seed, weight=weight, engine=chosen)
        columns["betweenness"] = [bc[n] for n in people]
        columns["betweenness_sampled"] = [pivots is not None] * len(people)
    else:
        columns["betweenness"] = [math.nan] * len(people)
        columns["betweenness_sampled"] = [False] * len(people)
    columns.update({"list_observed": cover["list_observed"].tolist(),
                    "contacts_observed": cover["contacts_observed"].tolist(),
                    "known_share": cover["known_share"].tolist(),
                    "note": ["" if shown is None or ok else withheld_note(row)
                             for ok, row in zip(shown if shown is not None else [True] * len(people),
                                                cover.to_dict("records"), strict=True)]})
    df = pd.DataFrame(columns, columns=_HOLES_COLUMNS)
    df["degree"] = df["degree"].astype(int)
    if shown is not None:
        df.loc[~shown, list(_NEEDS_TIES)] = math.nan
    df.attrs.update({"weight": weight, "evidence": evidence, "betweenness_pivots": pivots,
                     "betweenness_engine": used, "owner": G.graph.get("ego")})
    return df

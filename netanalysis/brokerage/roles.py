"""Gould–Fernandez brokerage roles: coordinator, consultant, representative, gatekeeper, liaison."""

from collections import Counter

import networkx as nx
import numpy as np
import pandas as pd

from ..burt import BURT_DIRECT_MAX, tie_arrays
from ..coverage import observed_lists, person_coverage, withheld_note
from ..errors import InputError
from ..identity import normalize_company
from ..tiestrength import scored_view
from ._common import (
    check_graph,
    check_person,
    display_name,
    enumerate_triangles,
    partition_engine,
    sorted_keys,
)

__all__ = ["brokerage_roles"]


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
        return partition_engine(G, evidence=evidence, weight=weight, seed=seed)
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


def _expected_roles_by_group(sizes, n_total, density, directed_counts):
    """A function group -> expected ordered-pair counts per role for a broker in that group (sna's null model).

    ``d²(1−d)`` times the number of pairs of each kind; for unordered counts, halved, with
    representative and gatekeeper one role. The sums over the other groups are the totals
    minus the group's own terms (the same integers, hence the same floats, without a pass over
    every group for every broker), memoised by the group's size.
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


def brokerage_roles(G, *, groups="community", nodes=None, evidence="all", weight="strength", ordered=False, seed=0,
                    withhold=True):
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
    withhold : bool
        On a partly observed network (merged exports: ``G.graph["egos"]`` names the people whose
        lists were seen), an "open" pair of contacts may be a pair nobody observed. With True
        (default) the counts are NaN for people outside the coverage rule of
        :func:`netanalysis.observation`, a ``note`` column says why, and the expected counts are
        NaN for everyone (the null model assumes every pair observed). A fully observed graph
        (no ``egos``) is unaffected.

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
    check_graph(G, directed_ok=True)
    H = scored_view(G, evidence)
    directed = H.is_directed()
    if groups == "community" and directed:
        raise InputError("groups='community' needs an undirected graph; pass a mapping for a directed one.")
    mapping, engine = _group_mapping(H, groups, evidence=evidence, weight=weight, seed=seed)
    group_of = {n: mapping[n] if n in mapping else _Alone(n) for n in H}
    people = sorted_keys(H.nodes) if nodes is None else list(nodes)
    for n in people:
        check_person(H, n)
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
    data = {"key": list(people), "name": [display_name(H, v) for v in people], "group": [mapping.get(v) for v in people],
            **{r: counts[r] for r in roles},
            "total": [sum(c) for c in zip(*(counts[r] for r in roles), strict=True)] if people else []}
    data.update({f"expected_{r}": [e[r] for e in expected] for r in [*roles, "total"]})
    # Built from lists of Python objects, as a list of row dicts would be: the same dtypes.
    df = pd.DataFrame(data, columns=columns) if people else pd.DataFrame([], columns=columns)
    if withhold and not directed and len(observed_lists(G)) < G.number_of_nodes():
        # Partly observed (merged exports): an open pair may be one nobody saw. Counts only where
        # the person's neighbourhood passes the coverage rule; expected counts not at all (the
        # random-graph null model assumes every pair observed).
        cover = person_coverage(G, people, evidence=evidence)
        shown = cover["computable"].to_numpy()
        count_columns = [*roles, "total"]
        df[count_columns] = df[count_columns].astype(float)
        df.loc[~shown, count_columns] = np.nan
        for column in (f"expected_{r}" for r in [*roles, "total"]):
            df[column] = np.nan
        df["note"] = ["" if ok else withheld_note(row) for ok, row in
                      zip(shown, cover.to_dict("records"), strict=True)]
        df.attrs["withheld"] = int((~shown).sum())
    df.attrs.update({"ordered": bool(ordered or directed), "directed": directed, "density": density,
                     "community_engine": engine})
    return df


def _count_undirected_all(H, people, group_of, *, everyone=False):
    """Open unordered pairs of each broker's contacts, by role, for everyone in ``people`` at once (int64 arrays).

    All pairs of a broker's contacts, by the group sizes among them (one ``np.unique`` over
    the (broker, contact's group) arcs), minus the closed pairs: each triangle of the graph
    closes one pair for each of its three corners (:func:`strength._triangles`).
    """
    T = tie_arrays(H, None, None if everyone else people)  # everyone: no scope to gather
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
    if len(np.unique(at)) <= BURT_DIRECT_MAX:  # a few people: the ties among their contacts
        for i in np.unique(at).tolist():
            mine = np.zeros(size, dtype=bool)
            mine[np.concatenate([v[u == i], u[v == i]])] = True
            among = mine[u] & mine[v]
            triangles = [(np.full(int(among.sum()), i), u[among], v[among])]
            closed += _closed_by_role(code, size, triangles, corners=(0,))
    else:
        closed += _closed_by_role(code, size, ((x, y, z) for x, y, z, *_ in enumerate_triangles(size, u, v)))
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

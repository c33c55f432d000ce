"""How circles are found in merged exports: the partition methods, the exporter baseline, agreement scores.

Merged exports observe only the exporters' contact lists, so Louvain on the ties between contacts
mostly recovers "whose list holds you" (issue 17, finding 5; Blagus et al., arXiv:1504.03097: sampling alone
makes groups look like communities). ``benchmarks/circles.py`` measures the methods below
against the answer keys of synthetic worlds and against that baseline; the README gives the table.

- ``"employers"`` (the default of :func:`netanalysis.partition`): Louvain on the ties between
  contacts **plus one node per employer shared by two people or more**, each member tied to it
  with the mean weight of the ties between contacts. Colleagues then pull together even where
  no export shows a tie between them, and a circle is less one exporter's list.
- ``"ties"``: Louvain on the ties between contacts alone (the method before issue 17).

:func:`exporter_partition` is the baseline every method should beat; :func:`normalized_mutual_info`
and :func:`adjusted_rand_index` score a partition against an answer key.
"""

import math
from collections import Counter

import numpy as np

from ._arrays import Contacts
from .errors import InputError
from .identity import normalize_company
from .model import check_ego, check_graph

__all__ = [
    "CIRCLE_METHODS",
    "DEFAULT_CIRCLE_METHOD",
    "adjusted_rand_index",
    "exporter_partition",
    "normalized_mutual_info",
]

#: The ways :func:`netanalysis.partition` can find circles (see the module docstring).
CIRCLE_METHODS = ("employers", "ties")
#: The default: the best of ``benchmarks/results/circles.md`` against the synthetic answer keys.
DEFAULT_CIRCLE_METHOD = "employers"


class Employer(str):
    """An employer's node in the partitioned graph: a ``str`` subclass, so never equal to a person's key
    in a dictionary lookup by type, and always kept apart by :func:`is_employer`."""

    __slots__ = ()

    def __repr__(self):
        return f"Employer({str.__repr__(self)})"

    def __eq__(self, other):
        return type(other) is Employer and str.__eq__(self, other)

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash(("employer", str(self)))


def is_employer(node):
    """Is this node an employer added by the ``"employers"`` method (not a person)?

    Examples
    --------
    >>> is_employer(Employer("acme")), is_employer("acme")
    (True, False)
    """
    return type(node) is Employer


def check_method(method):
    """The method name, checked against :data:`CIRCLE_METHODS` (one plain sentence otherwise).

    Examples
    --------
    >>> check_method("ties")
    'ties'
    """
    if method not in CIRCLE_METHODS:
        raise InputError(f"method must be one of {', '.join(CIRCLE_METHODS)}, not '{method}'.")
    return method


def with_employers(G, contacts):
    """``contacts`` (the ties between contacts, :class:`netanalysis._arrays.Contacts`) plus employer nodes.

    Every employer (``company`` normalised with :func:`netanalysis.normalize_company`) shared by two
    or more of the contacts becomes one node after the people, tied to each of them with the
    mean weight of the ties between contacts (1 when there are none). Employers come in sorted
    order, so the graph, and Louvain's result, depend only on the data and the seed.
    """
    nodes = list(contacts.nodes)
    raw = [str(G.nodes[n].get("company") or "").strip() for n in nodes]
    normal = {r: normalize_company(r) for r in set(raw)}
    members = {}
    for i, r in enumerate(raw):
        c = normal[r]
        if c:
            members.setdefault(c, []).append(i)
    shared = sorted(c for c, idx in members.items() if len(idx) >= 2)
    if not shared:
        return contacts
    weight = float(np.mean(contacts.w)) if contacts.ties else 1.0
    u, v = [contacts.u], [contacts.v]
    for j, c in enumerate(shared):
        idx = np.asarray(members[c], dtype=np.int64)
        u.append(idx)
        v.append(np.full(len(idx), len(nodes) + j, dtype=np.int64))
    u, v = np.concatenate(u), np.concatenate(v)
    w = np.concatenate([contacts.w, np.full(len(u) - contacts.ties, weight)])
    order = np.lexsort((v, u))
    return Contacts(nodes + [Employer(c) for c in shared], u[order], v[order], w[order])


def people_only(sets):
    """Communities found with employer nodes, without them (empty ones dropped)."""
    out = []
    for members in sets:
        people = {n for n in members if not is_employer(n)}
        if people:
            out.append(people)
    return out


def exporter_partition(G, ego=None):
    """The baseline: each person placed with the exporter whose list holds them ("who exported you").

    An exporter (an owner of a merged export, ``G.graph["egos"]``, other than the ego) is placed in
    their own group; anyone else in the group of the exporter listing them with the strongest tie
    (``strength``; ties broken by key). People no other exporter lists are left out, as
    :func:`netanalysis.partition` leaves out people with no tie between contacts. A circle method
    that does no better than this against an answer key shows who exported, not who knows whom.

    Parameters
    ----------
    G : networkx.Graph
    ego : node, optional
        Default ``G.graph["ego"]``; left out.

    Returns
    -------
    dict
        ``key -> group id``, ids by decreasing group size (equal sizes by the exporter's key).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me", egos=["me", "x", "y"])
    >>> G.add_edges_from([("me", "x"), ("me", "a"), ("x", "a"), ("x", "b"), ("y", "b"), ("y", "c")])
    >>> G.edges["y", "b"]["strength"] = 0.9
    >>> exporter_partition(G)
    {'a': 1, 'b': 0, 'c': 0, 'x': 1, 'y': 0}
    """
    check_graph(G)
    ego = check_ego(G, ego, required=False)
    exporters = sorted((x for x in G.graph.get("egos") or () if x in G and x != ego), key=str)
    best = {}
    for x in exporters:
        for n in G.adj[x]:
            if n == ego or n == x:
                continue
            s = G.edges[x, n].get("strength")
            s = float(s) if isinstance(s, (int, float)) and not math.isnan(s) else 0.0
            if n not in best or s > best[n][0]:
                best[n] = (s, x)
    group = {n: x for n, (_, x) in best.items()}
    group.update({x: x for x in exporters})
    sizes = Counter(group.values())
    ids = {x: i for i, x in enumerate(sorted(sizes, key=lambda x: (-sizes[x], str(x))))}
    return {n: ids[group[n]] for n in sorted(group, key=str)}


def _table(a, b):
    keys = [k for k in a if k in b]
    if not keys:
        raise InputError("the two partitions have nobody in common.")
    return len(keys), Counter(a[k] for k in keys), Counter(b[k] for k in keys), Counter((a[k], b[k]) for k in keys)


def normalized_mutual_info(a, b):
    """Normalised mutual information of two partitions (``key -> group``), over the keys they share.

    NMI = 2 I(A; B) / (H(A) + H(B)) (the arithmetic-mean normalisation of Danon et al. 2005,
    scikit-learn's default), in [0, 1]: 1 for the same groups, 0 for independent ones. It rises
    with the number of groups even by chance: read it next to :func:`adjusted_rand_index`.
    Two partitions with one group each score 1.

    Examples
    --------
    Two groups of two against a group of three and one of one. By hand: I = ½ ln 4/3 + ¼ ln 2/3
    + ¼ ln 2 = 0.21576, H(A) = ln 2 = 0.69315, H(B) = ¾ ln 4/3 + ¼ ln 4 = 0.56234, so
    NMI = 2 · 0.21576 / 1.25548 = 0.3437.

    >>> round(normalized_mutual_info({"a": 0, "b": 0, "c": 1, "d": 1}, {"a": 0, "b": 0, "c": 0, "d": 1}), 4)
    0.3437
    """
    n, ca, cb, cab = _table(a, b)
    ha = -sum(c / n * math.log(c / n) for c in ca.values())
    hb = -sum(c / n * math.log(c / n) for c in cb.values())
    if ha + hb == 0:
        return 1.0
    mi = sum(c / n * math.log(c * n / (ca[x] * cb[y])) for (x, y), c in cab.items())
    return max(0.0, min(1.0, 2 * mi / (ha + hb)))


def adjusted_rand_index(a, b):
    """Adjusted Rand index of two partitions (``key -> group``), over the keys they share (Hubert & Arabie 1985).

    The share of pairs of people both partitions treat alike (together in both, or apart in
    both), corrected for chance: 1 for the same groups, about 0 for random ones, negative when
    worse than chance.

    Examples
    --------
    >>> round(adjusted_rand_index({"a": 0, "b": 0, "c": 1, "d": 1}, {"a": 0, "b": 0, "c": 0, "d": 1}), 4)
    0.0
    >>> adjusted_rand_index({"a": 0, "b": 0, "c": 1}, {"a": 5, "b": 5, "c": 7})
    1.0
    """
    n, ca, cb, cab = _table(a, b)

    def pairs(x):
        return x * (x - 1) / 2

    both = sum(pairs(c) for c in cab.values())
    sa, sb = sum(pairs(c) for c in ca.values()), sum(pairs(c) for c in cb.values())
    expected = sa * sb / pairs(n) if n > 1 else 0.0
    top = (sa + sb) / 2
    if top == expected:
        return 1.0
    return (both - expected) / (top - expected)

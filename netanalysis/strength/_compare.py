"""Networks side by side with the verdict their measures support, and the what-if that keeps only the ties met in person."""

import math

import networkx as nx
import pandas as pd

from ..errors import InputError
from ..model import check_ego, check_graph
from ..tiestrength import tie_strength
from ._network import network_strength
from ._quality import QUALITY_MEANINGS, network_quality, size_strength_verdict

__all__ = ["compare", "keep_in_person", "meet_in_person"]

#: Measures of network_quality that network_strength's table already has under another name.
_SAME_AS = {"contacts": "size", "met_in_person": "in_person", "met_online": "online", "met_unknown": "unknown",
            "active": "active_ties"}


def keep_in_person(G, ego=None):
    """What-if: the network with only the ego's ties met in person (a new graph).

    The ego's ties not met in person (online or unknown) are removed. Ties between other people
    are theirs, so they stay, but only the part of the network the ego can still reach is kept
    (the ego's connected component): a former contact reachable through someone met in person
    stays as a friend of a friend. Stored tie strengths are kept as they were.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me")
    >>> G.add_edge("me", "a", met="in_person"); G.add_edge("me", "b", met="online")
    >>> G.add_edge("a", "c", met="online"); G.add_edge("b", "d", met="online")
    >>> sorted(keep_in_person(G).edges())
    [('a', 'c'), ('me', 'a')]
    """
    check_graph(G)
    ego = check_ego(G, ego)
    H = G.copy()
    H.remove_edges_from([(ego, n) for n, d in G._adj[ego].items() if n != ego and d.get("met") != "in_person"])
    reach = nx.node_connected_component(H, ego)
    H.remove_nodes_from([n for n in G if n not in reach])
    H.graph["what_if"] = "in_person"
    return H


def meet_in_person(G, ego=None, *, count=50, keys=None):
    """What-if: the network if the owner met ``count`` more of their contacts in person (a new graph).

    The contacts met are ``keys`` when given, else the ``count`` contacts not yet met in person
    (online or unknown) with the strongest ties, the people the owner is most in touch with: the
    likeliest to meet. Their tie gets ``met="in_person"`` (``met_source="what_if"``) and every tie
    is scored again with the default weights (:func:`netanalysis.tiestrength.tie_strength`), so
    meeting changes the strength through its intimacy component only. ``G`` is not changed.

    Parameters
    ----------
    G : networkx.Graph
    ego : node, optional
        Default ``G.graph["ego"]``.
    count : int
        How many contacts to meet (default 50; fewer when fewer are not yet met).
    keys : list, optional
        The contacts to meet instead (each must be a contact of the ego).

    Returns
    -------
    networkx.Graph
        ``H.graph["what_if"] = "met <n>"`` and ``H.graph["met_keys"]`` (the contacts met, sorted).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me", as_of="2024-06-01")
    >>> for i, m in enumerate([3, 0, 1]):
    ...     G.add_edge("me", f"c{i}", met="online", messages=m, last_contact="2024-05-01")
    >>> H = meet_in_person(G, count=2)
    >>> H.graph["met_keys"], G["me"]["c0"]["met"], H["me"]["c0"]["met"]
    (['c0', 'c2'], 'online', 'in_person')
    >>> H["me"]["c0"]["strength"] > G["me"]["c0"].get("strength", 0)
    True
    """
    check_graph(G)
    ego = check_ego(G, ego)
    H = G.copy()
    if "strength" not in next(iter(H.edges.values()), {"strength": 0}):
        tie_strength(H)
    if keys is None:
        count = int(count)
        if count < 0:
            raise InputError(f"the number of contacts to meet must be zero or more, not {count}.")
        pool = [(n, d) for n, d in H._adj[ego].items() if n != ego and d.get("met") != "in_person"]
        pool.sort(key=lambda item: (-float(item[1].get("strength") or 0), str(item[0])))
        keys = [n for n, _ in pool[:count]]
    else:
        keys = list(keys)
        strangers = [k for k in keys if k not in H._adj[ego]]
        if strangers:
            raise InputError(f"{strangers[0]} is not a contact of {ego}; meet only the owner's contacts.")
    for k in keys:
        H._adj[ego][k].update(met="in_person", met_source="what_if")
    tie_strength(H)
    H.graph["what_if"] = f"met {len(keys)}"
    H.graph["met_keys"] = sorted(keys, key=str)
    return H


def _label(G, ego):
    return (G.nodes[ego].get("name") or str(ego)) if ego in G else str(ego)


def compare(graphs, *, egos=None, what_if=None, communities=None, evidence="all", strong=0.5):
    """Side by side, one column per person: how big and how strong each network is.

    Parameters
    ----------
    graphs : mapping or list
        ``{label: G}`` or ``{label: (G, ego)}``, or a list of graphs (labelled by their ego's name).
    egos : list, optional
        The ego of each graph when ``graphs`` is a list (default each ``G.graph["ego"]``).
    what_if : {None, "in_person"}
        ``"in_person"`` adds, after each person's column, a column ``"<label> · in person only"``
        computed on :func:`keep_in_person`: what each network keeps when only ties met in person
        remain.
    communities : dict, optional
        ``{label: mapping}`` of community mappings; default Louvain per graph.
    evidence, strong
        As in :func:`network_strength`.

    Returns
    -------
    pandas.DataFrame
        ``group, indicator``, one column per person (and per what-if), then ``meaning`` and ``note`` (each
        column's caveat, e.g. efficiency without known ties between contacts, named by column when not all share it).
        The indicators of :func:`network_strength` come first, then the ``quality`` group of
        :func:`network_quality` (``met_in_person_share`` of the known base, ``would_act``,
        ``can_vouch_for``, ``broadcast_reach``, ``targeted_reach``…). ``attrs["quality"]`` holds
        those measures with one row per person (what-if columns left out) and ``attrs["verdict"]``
        the sentence :func:`size_strength_verdict` computes from them.

    Examples
    --------
    >>> import networkx as nx
    >>> A = nx.Graph(ego="a"); A.add_edges_from([("a", i) for i in range(6)], met="online", strength=0.1)
    >>> B = nx.Graph(ego="b"); B.add_edges_from([("b", i) for i in range(3)], met="in_person", strength=0.8)
    >>> t = compare({"Ann": A, "Bea": B}, what_if="in_person").set_index("indicator")
    >>> t.loc[["size", "strength_weighted_size", "in_person"], ["Ann", "Ann · in person only", "Bea"]]
                            Ann  Ann · in person only  Bea
    indicator
    size                    6.0                   0.0  3.0
    strength_weighted_size  0.6                   0.0  2.4
    in_person               0.0                   0.0  3.0
    >>> print(compare({"Ann": A, "Bea": B}).attrs["verdict"])  # no dates: nobody is active
    Ann has 2.0× the contacts of Bea but about as many people who would act on a request (0 against 0): the extra contacts added no strength. Per contact: 0% of Ann's would act, 0% of Bea's.
    """
    if what_if not in (None, "in_person"):
        raise InputError(f"unknown what-if '{what_if}'; use 'in_person'.")
    if isinstance(graphs, dict):
        items = [(str(label), *(value if isinstance(value, tuple) else (value, None)))
                 for label, value in graphs.items()]
    else:
        graphs = list(graphs)
        egos = list(egos) if egos is not None else [None] * len(graphs)
        if len(egos) != len(graphs):
            raise InputError("give one ego per graph.")
        items = []
        for G, ego in zip(graphs, egos, strict=True):
            ego = check_ego(G, ego)
            items.append((_label(G, ego), G, ego))
    if not items:
        raise InputError("nothing to compare; give at least one network.")
    labels = [label for label, _, _ in items]
    if len(set(labels)) != len(labels):
        raise InputError("two networks have the same label; pass a mapping with distinct labels.")
    communities = communities or {}
    order, meanings, columns, notes, qualities = [], {}, {}, {}, {}
    for label, G, ego in items:
        variants = [(label, G, communities.get(label))]
        if what_if == "in_person":
            variants.append((f"{label} · in person only", keep_in_person(G, ego), None))
        for column, graph, mapping in variants:
            t = network_strength(graph, ego, communities=mapping, evidence=evidence, strong=strong)
            q = network_quality(graph, ego, evidence=evidence, strong=strong)
            qualities[column] = q
            known = set(t["indicator"]) | set(_SAME_AS)  # size, strong_ties… are there already
            extra = [m for m in QUALITY_MEANINGS if m not in known]
            t = pd.concat([t, pd.DataFrame({"group": "quality", "indicator": extra, "value": q[extra].to_numpy(),
                                            "meaning": [QUALITY_MEANINGS[m] for m in extra],
                                            "note": [q.attrs["notes"].get(m, "") for m in extra]})],
                          ignore_index=True)
            values = {}
            for group, indicator, value, meaning, note in zip(t["group"], t["indicator"], t["value"], t["meaning"],
                                                              t["note"], strict=True):
                if (group, indicator) not in meanings:  # keep the first table's order
                    order.append((group, indicator))
                    meanings[group, indicator] = meaning
                values[group, indicator] = value
                if note:  # a caveat ("not meaningful: no ties between contacts…") travels with its value
                    notes.setdefault((group, indicator), {}).setdefault(note, []).append(column)
            columns[column] = values
    table = pd.DataFrame({"group": [g for g, _ in order], "indicator": [i for _, i in order]})
    for column, values in columns.items():
        table[column] = [values.get(key, math.nan) for key in order]
    table["meaning"] = [meanings[key] for key in order]
    table["note"] = [_note(notes.get(key, {}), len(columns)) for key in order]
    people = pd.DataFrame([qualities[label] for label in labels], index=labels)
    table.attrs["quality"] = people
    table.attrs["verdict"] = str(size_strength_verdict(people))
    return table


def _note(found, n):
    """One caveat per indicator: as it is when every column has it, else prefixed by the columns it concerns."""
    return "; ".join(note if len(where) == n else f"{', '.join(where)}: {note}" for note, where in found.items())

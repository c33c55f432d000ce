"""Community colours, a seeded layout and the static network map (matplotlib)."""

import math
from collections import Counter

import matplotlib as mpl
import networkx as nx
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .._arrays import CONTACT_WEIGHT, sorted_contact_graph
from ..communities import label_communities
from ..communities import partition as _partition
from ..model import analysis_view, check_ego
from ..model import sorted_keys as _sorted
from .style import MET_COLORS, MET_LABELS, PALETTE, figure_style, mpl_text

__all__ = ["SMALL_CIRCLE", "community_colors", "network_layout", "plot_network"]

EGO_COLOR = "#000000"
NO_COMMUNITY_COLOR = "#D0D0D0"
OTHER_COLOR = "#A0A0A0"
#: Circles of fewer members than this are "small groups" on the map: one colour and one legend entry.
SMALL_CIRCLE = 4
SMALL_COLOR = "#8FA3B8"


def _distinct(candidates, *, apart=90.0):
    """The candidates, in order, each kept only if it stands ``apart`` from every colour kept before it.

    The distance is the "redmean" approximation of perceived colour difference on 0–255 channels.
    """
    kept = []
    for color in candidates:
        r1, g1, b1 = (int(color[i:i + 2], 16) for i in (1, 3, 5))
        far = True
        for other in kept:
            r2, g2, b2 = (int(other[i:i + 2], 16) for i in (1, 3, 5))
            mean = (r1 + r2) / 2
            d = math.sqrt((2 + mean / 256) * (r1 - r2) ** 2 + 4 * (g1 - g2) ** 2 + (2 + (255 - mean) / 256) * (b1 - b2) ** 2)
            if d < apart:
                far = False
                break
        if far:
            kept.append(color)
    return kept


# Okabe–Ito first (colour-blind safe, black kept for the ego), then tab20's colours that are not
# mistaken for one already taken (tab20's blue beside Okabe–Ito's blue read as one circle).
# The ego's black and the greys of "no ties", "small groups" and "beyond the palette" are kept apart too.
_RESERVED = [EGO_COLOR, NO_COMMUNITY_COLOR, OTHER_COLOR, SMALL_COLOR]
_COMMUNITY_PALETTE = _distinct(_RESERVED + [c for c in PALETTE if c != "#000000"] + [
    mpl.colors.to_hex(c) for c in mpl.colormaps["tab20"].colors
] + [mpl.colors.to_hex(c) for c in mpl.colormaps["tab20b"].colors])
_COMMUNITY_PALETTE = [c for c in _COMMUNITY_PALETTE if c not in _RESERVED]
EDGE_DASHES = {"inferred": (1, 2), "unknown": (4, 3)}


def community_colors(partition, *, min_size=1):
    """A colour per community id: the same in the static and the interactive map, no two alike.

    Circles of fewer than ``min_size`` members share one colour (``SMALL_COLOR``: "small groups");
    the others take the palette's colours in order of id. Circles beyond the palette share a grey.

    Examples
    --------
    >>> community_colors({"a": 0, "b": 1, "c": 1})
    {0: '#0072B2', 1: '#E69F00'}
    >>> community_colors({"a": 0, "b": 0, "c": 1}, min_size=2)
    {0: '#0072B2', 1: '#8FA3B8'}
    """
    members = Counter(int(c) for c in partition.values())
    colors, taken = {}, 0
    for c in sorted(members):
        if members[c] < min_size:
            colors[c] = SMALL_COLOR
        else:
            colors[c] = _COMMUNITY_PALETTE[taken] if taken < len(_COMMUNITY_PALETTE) else OTHER_COLOR
            taken += 1
    return colors


def _unit(pos):
    """Centre positions on their mean and scale them into the unit disc."""
    if not pos:
        return {}
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
    r = max(math.hypot(x - cx, y - cy) for x, y in pos.values()) or 1.0
    return {n: ((x - cx) / r, (y - cy) / r) for n, (x, y) in pos.items()}


def _local_layout(S, seed, iterations):
    """Layout of one connected group, in the unit disc."""
    n = len(S)
    if n == 1:
        return {next(iter(S)): (0.0, 0.0)}
    if n <= _DENSE_LIMIT:
        # networkx's dense (vectorised) Fruchterman–Reingold is used below 500 nodes.
        return _unit(nx.spring_layout(S, weight=CONTACT_WEIGHT, seed=seed, iterations=iterations))
    # Too big for a quick force layout: split it into its own circles and place those.
    from community import community_louvain

    labels = community_louvain.best_partition(S, weight=CONTACT_WEIGHT, random_state=seed)
    groups = {}
    for node, label in labels.items():
        groups.setdefault(label, []).append(node)
    if len(groups) < 2:
        return _unit(nx.circular_layout(_sorted(S)))
    return _pack(S, [_sorted(g) for g in groups.values()], seed, iterations)


def _induced(H, nodes):
    """``H``'s people ``nodes`` and the ties among them, as a plain graph in ``nodes``' order.

    Not ``H.subgraph(nodes)``: a view of a small part of ``H`` iterates its nodes in set order,
    which the interpreter's hash seed shuffles, and Louvain and the force layout follow that order.
    """
    S = nx.Graph()
    S.add_nodes_from(nodes)
    inside = set(nodes)
    S.add_edges_from((u, v, d) for u in nodes for v, d in H.adj[u].items() if v in inside)
    return S


def _pack(H, groups, seed, iterations, *, hole=0.0):
    """Lay out each group on its own, then place the groups as non-overlapping discs.

    Discs (radius ∝ √members) are placed largest first, each at the free spot closest to the
    discs it shares ties with (greedy circle packing); ``hole`` keeps a disc free at the origin.
    """
    import numpy as np

    groups = sorted(groups, key=lambda g: (-len(g), str(g[0])))
    local = [_local_layout(_induced(H, g), seed, iterations) for g in groups]
    radius = [math.sqrt(len(g)) for g in groups]
    index = {n: i for i, g in enumerate(groups) for n in g}
    links = {}
    for u, v in H.edges():
        a, b = index[u], index[v]
        if a != b:
            links.setdefault(max(a, b), Counter())[min(a, b)] += 1
    centres = np.zeros((len(groups), 2))
    placed_c = [(0.0, 0.0)] if hole else []
    placed_r = [hole] if hole else []
    angles = np.linspace(0, 2 * math.pi, 36, endpoint=False)
    unit = np.column_stack([np.cos(angles), np.sin(angles)])
    greedy = 150  # beyond this many groups, the rest (all small) go on a spiral outside
    for i, r in enumerate(radius[:greedy]):
        if not placed_c:
            centres[i] = (0.0, 0.0)
        else:
            pc = np.array(placed_c)
            pr = np.array(placed_r)
            gap = 0.15 * r + 0.5
            cand = (pc[:, None, :] + (pr[:, None, None] + r + gap) * unit[None, :, :]).reshape(-1, 2)
            dist = np.sqrt(((cand[:, None, :] - pc[None, :, :]) ** 2).sum(-1))
            free = (dist >= (pr[None, :] + r + gap * 0.99)).all(axis=1)
            tie = links.get(i)
            if tie:
                weights = np.array([tie.get(j, 0) for j in range(i)], dtype=float)
                anchor = (centres[:i] * weights[:, None]).sum(0) / weights.sum()
            else:
                anchor = np.zeros(2)
            score = np.where(free, np.sqrt(((cand - anchor) ** 2).sum(-1)) + 0.01 * np.sqrt((cand ** 2).sum(-1)), np.inf)
            centres[i] = cand[int(np.argmin(score))]
        placed_c.append(tuple(centres[i]))
        placed_r.append(r)
    rest = len(groups) - greedy
    if rest > 0:
        outer = max(math.hypot(*c) + r for c, r in zip(placed_c, placed_r, strict=True)) + 1.0
        step = 2.2 * max(radius[greedy:])
        k = np.arange(rest) + 0.5
        angle = k * math.pi * (3 - math.sqrt(5))
        # Sunflower ring: equal area per small disc, starting outside the packed ones.
        dist = np.sqrt(outer ** 2 + k * step ** 2 / math.pi * 4)
        centres[greedy:] = np.column_stack([dist * np.cos(angle), dist * np.sin(angle)])
    pos = {}
    for g, lay, c, r in zip(groups, local, centres, radius, strict=True):
        for n in g:
            x, y = lay[n]
            pos[n] = (float(c[0] + r * x), float(c[1] + r * y))
    return pos


_DENSE_LIMIT = 450


def network_layout(G, *, ego=None, partition=None, evidence="all", weight="strength", seed=0, iterations=50):
    """Positions for a network map, computed once and seeded: one disc per circle, ego in the middle.

    Each community (from ``partition``) is laid out on its own by a force-directed layout
    (:func:`networkx.spring_layout`, Fruchterman & Reingold 1991) weighted by tie strength;
    communities are then packed as non-overlapping discs (area ∝ members), largest first, each
    next to the communities it shares ties with, around a free spot for the ego. Communities too big for a quick force layout are split
    again by Louvain. Contacts without any tie to another contact sit on an outer ring, in key
    order. This keeps the cost near-linear: a 1,800-person cohort takes about a second.

    Parameters
    ----------
    G : networkx.Graph
    ego : node, optional
        Default ``G.graph["ego"]``; placed at (0, 0).
    partition : dict, optional
        ``key -> community id`` (computed with :func:`netanalysis.partition` when omitted).
    evidence, weight
        Which ties count and which attribute is the strength (see
        :func:`netanalysis.partition`).
    seed : int
    iterations : int
        Force-layout iterations per community.

    Returns
    -------
    dict
        ``node -> (x, y)`` floats, within about [-1.2, 1.2].

    Examples
    --------
    >>> G = nx.Graph(ego="me")
    >>> G.add_edges_from([("me", "a"), ("me", "b"), ("me", "c"), ("a", "b")])
    >>> pos = network_layout(G)
    >>> pos["me"], round(math.hypot(*pos["c"]), 2)
    ((0.0, 0.0), 1.15)
    """
    H, ego, nodes = sorted_contact_graph(G, ego=ego, evidence=evidence, weight=weight)
    if partition is None:
        partition = _partition(G, ego=ego, evidence=evidence, weight=weight, seed=seed)
    pos = {}
    if len(H):
        groups = {}
        for n in H:
            groups.setdefault(partition.get(n, ("none", n)), []).append(n)
        # A community must be connected to be laid out as one disc: split by component.
        pieces = []
        for members in groups.values():
            sub = H.subgraph(members)
            pieces.extend(_sorted(c) for c in nx.connected_components(sub))
        pos = _pack(H, pieces, seed, iterations, hole=1.5 if ego is not None else 0.0)
        radius = max(math.hypot(x, y) for x, y in pos.values()) or 1.0
        pos = {n: (x / radius, y / radius) for n, (x, y) in pos.items()}
    loose = [n for n in nodes if n not in pos]
    for i, n in enumerate(loose):
        angle = 2 * math.pi * i / len(loose)
        pos[n] = (1.15 * math.cos(angle), 1.15 * math.sin(angle))
    if ego is not None:
        pos[ego] = (0.0, 0.0)
    return {n: pos[n] for n in _sorted(pos)}


def _tie_kind(data):
    evidence = str(data.get("evidence") or "")
    if evidence.startswith("inferred"):
        return "inferred"
    return data.get("met") if data.get("met") in MET_COLORS else "unknown"


def plot_network(G, *, ego=None, partition=None, labels=None, evidence="all", weight="strength", seed=0,
                 pos=None, show_names=None, ax=None):
    """Static map of the network: colour = community, line = how the tie is known.

    Solid lines are ties met in person, thin lines online ties, dashed lines ties whose
    ``met`` is unknown, dotted lines inferred ties (never observed). Node size follows the
    ego's tie strength. The ego is the black node at the centre.

    Parameters
    ----------
    G : networkx.Graph
    ego : node, optional
    partition : dict, optional
        ``key -> community id`` (computed with :func:`netanalysis.partition` when omitted).
    labels : pandas.DataFrame, optional
        From :func:`netanalysis.label_communities`, for the legend.
    evidence, weight, seed
        As in :func:`netanalysis.partition`; also used for the layout.
    pos : dict, optional
        Precomputed positions (from :func:`network_layout`), to reuse one layout.
    show_names : bool, optional
        Write names next to nodes (default: when 60 people or fewer).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> G = nx.Graph(ego="me")
    >>> G.add_edges_from([("me", p, {"met": "in_person"}) for p in "abcd"])
    >>> G.add_edge("a", "b", met="online")
    >>> G.add_edge("c", "d", evidence="inferred:same_company")
    >>> fig = plot_network(G)
    >>> fig.axes[0].get_title()
    'Circles among 4 people'
    """
    ego = check_ego(G, ego, required=False)
    if partition is None:
        partition = _partition(G, ego=ego, evidence=evidence, weight=weight, seed=seed)
    if pos is None:
        pos = network_layout(G, ego=ego, partition=partition, evidence=evidence, weight=weight, seed=seed)
    if labels is None:
        labels = label_communities(G, partition) if partition else None
    colors = community_colors(partition)
    nodes = _sorted(G.nodes)
    with figure_style():
        if ax is None:
            fig = Figure(figsize=(10, 9))
            ax = fig.add_subplot()
        else:
            fig = ax.figure
        kinds = {"in_person": [], "online": [], "unknown": [], "inferred": []}
        view = analysis_view(G, evidence)
        for u, v, data in G.edges(data=True):
            # Ties to the ego are always drawn; ties between contacts only when the evidence allows.
            if u in pos and v in pos and (ego in (u, v) or view.has_edge(u, v)):
                kinds[_tie_kind(data)].append((pos[u], pos[v]))
        style = {
            "in_person": {"linewidth": 1.6, "linestyle": "-", "alpha": 0.55},
            "online": {"linewidth": 0.6, "linestyle": "-", "alpha": 0.35},
            "unknown": {"linewidth": 0.6, "linestyle": (0, EDGE_DASHES["unknown"]), "alpha": 0.35},
            "inferred": {"linewidth": 0.8, "linestyle": (0, EDGE_DASHES["inferred"]), "alpha": 0.5},
        }
        from matplotlib.collections import LineCollection

        for kind, segments in kinds.items():
            if segments:
                color = MET_COLORS.get(kind, "#555555") if kind != "inferred" else "#555555"
                ax.add_collection(LineCollection(segments, colors=color, zorder=1, **style[kind]))
        xs, ys, cs, ss = [], [], [], []
        shrink = min(1.0, math.sqrt(150 / max(len(nodes), 1)))  # smaller dots in bigger networks
        for n in nodes:
            if n not in pos:
                continue
            x, y = pos[n]
            xs.append(x)
            ys.append(y)
            if n == ego:
                cs.append(EGO_COLOR)
                ss.append(220)
                continue
            cid = partition.get(n)
            cs.append(colors[cid] if cid is not None else NO_COMMUNITY_COLOR)
            s = G.edges[ego, n].get(weight) if ego is not None and weight and G.has_edge(ego, n) else None
            s = float(s) if isinstance(s, (int, float)) and not math.isnan(s) else 0.3
            ss.append((25 + 175 * max(0.0, min(1.0, s))) * shrink)
        ax.scatter(xs, ys, c=cs, s=ss, zorder=2, edgecolors="white", linewidths=0.6)
        count = sum(1 for n in nodes if n != ego)
        if show_names is None:
            show_names = count <= 60
        if show_names:
            for n in nodes:
                if n in pos and n != ego:
                    x, y = pos[n]
                    ax.annotate(mpl_text(G.nodes[n].get("name", n)), (x, y), xytext=(4, 4), textcoords="offset points",
                                fontsize=8, zorder=3)
        label_of = dict(zip(labels["community"], labels["label"], strict=True)) if labels is not None and len(labels) else {}
        sizes = {}
        for cid in partition.values():
            sizes[cid] = sizes.get(cid, 0) + 1
        handles = [
            Line2D([], [], marker="o", linestyle="", color=colors[c], markersize=9,
                   label=mpl_text(f"{c}: {label_of.get(c, f'community {c}')} ({sizes[c]})"))
            for c in sorted(colors)[:10]
        ]
        if len(colors) > 10:
            handles.append(Line2D([], [], linestyle="", label=f"… {len(colors) - 10} smaller circles"))
        handles.append(Line2D([], [], marker="o", linestyle="", color=NO_COMMUNITY_COLOR, markersize=9,
                              label="no ties between contacts"))
        for kind, text in [("in_person", MET_LABELS["in_person"]), ("online", MET_LABELS["online"]),
                           ("unknown", "met: unknown"), ("inferred", "inferred tie (not observed)")]:
            st = style[kind]
            handles.append(Line2D([], [], color=MET_COLORS.get(kind, "#555555") if kind != "inferred" else "#555555",
                                  linewidth=max(st["linewidth"], 1.2), linestyle=st["linestyle"], label=text))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=10)
        ax.set_title(f"Circles among {count} people")
        ax.set_aspect("equal")
        ax.autoscale_view()
        ax.set_axis_off()
    return fig

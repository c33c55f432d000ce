"""The interactive network map: one self-contained, offline, escaped HTML page (vis-network via pyvis)."""

import hashlib
import json
import math
from base64 import b64encode
from collections import Counter
from pathlib import Path

import numpy as np

from .._arrays import contact_arrays
from ..communities import label_communities
from ..communities import partition as _partition
from ..errors import InputError
from ..model import analysis_view, check_ego, is_missing, sorted_keys
from ..templates import Markup, macro, render, stylesheet
from .communities import NO_COMMUNITY_COLOR, SMALL_CIRCLE, SMALL_COLOR, community_colors, network_layout
from .style import MET_COLORS, MET_LABELS

__all__ = ["display_map", "map_data", "map_page", "network_map", "to_pyvis"]

EGO_COLOR = "#000000"
INFERRED_COLOR = "#555555"
# Edge style per kind of tie: in person solid and thick, online thin, unknown dashed, inferred dotted.
_EDGE_STYLE = {
    "in_person": {"width": 2.5, "dashes": False, "color": MET_COLORS["in_person"]},
    "online": {"width": 0.8, "dashes": False, "color": MET_COLORS["online"]},
    "unknown": {"width": 0.8, "dashes": [8, 6], "color": MET_COLORS["unknown"]},
    "inferred": {"width": 1.0, "dashes": [2, 4], "color": INFERRED_COLOR},
}
_KIND_TEXT = {
    "in_person": "met in person", "online": "online only", "unknown": "met: unknown",
    "inferred": "inferred tie (not observed)",
}


def _scale(n):
    """Pixels per layout unit: room grows with the square root of the number of people."""
    return float(min(4000.0, max(350.0, 45.0 * math.sqrt(max(n, 1)))))


# --------------------------------------------------------------------------------------------
# text safety


def _plain(value):
    """A user string for a canvas label or a plain-text hover card.

    vis-network 9 renders string titles with ``innerText`` and labels on canvas, so no HTML is
    interpreted; but pyvis' own template switches every popup to ``innerHTML`` as soon as one
    title contains "href" (science notes §5), so that substring is broken with a zero-width
    joiner. Control characters other than line breaks are dropped.
    """
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    text = str(value)
    text = "".join(ch for ch in text if ch in "\n\t" or ord(ch) >= 32)
    lowered = text.lower()
    if "href" in lowered:
        out, i = [], 0
        while True:
            j = lowered.find("href", i)
            if j < 0:
                out.append(text[i:])
                break
            out.append(text[i:j + 2] + "\u200d" + text[j + 2:j + 4])
            i = j + 4
        text = "".join(out)
    return text


def _script_json(value):
    """JSON safe to place inside a ``<script>`` element: no ``</script>``, no HTML, no U+2028."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _fmt_date(value):
    if is_missing(value):
        return ""
    return value.isoformat()[:10] if hasattr(value, "isoformat") else str(value)


def _name(G, n, ego):
    """A person's name for the map: the owner without a name (a lone Connections.csv) is "you", never a key."""
    name = G.nodes[n].get("name")
    return _plain(name) if name else ("you" if n == ego else _plain(n))


def _tie_kind(data):
    evidence = str(data.get("evidence") or "")
    if evidence.startswith("inferred"):
        return "inferred"
    met = data.get("met")
    return met if met in ("in_person", "online") else "unknown"


def _tie_facts(data):
    """Plain-text lines describing one tie: how it is known, met, dates, messages, strength."""
    lines = [_KIND_TEXT[_tie_kind(data)]]
    evidence = data.get("evidence")
    if evidence:
        lines.append(f"evidence: {evidence}")
    if _tie_kind(data) == "inferred" and data.get("met") in ("in_person", "online"):
        lines.append(MET_LABELS[data["met"]])
    connected = _fmt_date(data.get("connected_on"))
    if connected:
        lines.append(f"connected: {connected}")
    if data.get("messages"):
        lines.append(f"messages: {int(data['messages'])}")
    last = _fmt_date(data.get("last_contact"))
    if last:
        lines.append(f"last contact: {last}")
    strength = data.get("strength")
    if isinstance(strength, (int, float)) and not math.isnan(strength):
        lines.append(f"strength: {strength:.2f}")
    return [_plain(x) for x in lines]


# --------------------------------------------------------------------------------------------
# data


def _size_values(G, ego, size_by, weight):
    if size_by is None:
        return {}
    if isinstance(size_by, dict):
        return {n: float(v) for n, v in size_by.items() if isinstance(v, (int, float)) and not math.isnan(v)}
    if size_by == "degree":
        return {n: float(d) for n, d in G.degree()}
    if size_by == "strength":
        if ego is None:
            return {n: float(sum(float(d.get(weight, 1.0) or 0) for _, _, d in G.edges(n, data=True))) for n in G}
        values = {}
        for n in G.neighbors(ego):
            s = G.edges[ego, n].get(weight)
            if isinstance(s, (int, float)) and not math.isnan(s):
                values[n] = float(s)
        return values
    raise InputError(f"size_by must be 'strength', 'degree', a mapping or None, not '{size_by}'.")


def _node_size(value, lo, hi):
    if value is None:
        return 8.0
    if hi <= lo:
        return 14.0
    return 8.0 + 24.0 * (value - lo) / (hi - lo)


#: Room left between two people's dots on the map, in pixels at zoom 1.
DOT_GAP = 2.0
#: How many of the strongest ties are named at every zoom, besides the owner.
STRONGEST_NAMED = 10


def _separate_discs(xy, radii, *, fixed=None, gap=DOT_GAP, rounds=1000):
    """Move discs apart until none overlaps: each overlapping pair is pushed apart along the line
    between their centres, each disc by the overlap plus a quarter pixel (the other one by twice
    that when one is ``fixed``).

    A force layout packs a dense circle's core tighter than its dots are wide; this keeps each
    dot visible at any zoom. Pairs are found with a k-d tree, so a round costs n log n; the
    result depends only on the input.

    Parameters
    ----------
    xy : numpy.ndarray
        (n, 2) centres.
    radii : numpy.ndarray
        n radii.
    fixed : int, optional
        Index of a disc that never moves (the ego, at the centre).
    gap : float
        Smallest distance left between two discs' edges.
    rounds : int
        Upper bound on the passes; each pass resolves every overlap found, new ones may follow.

    Returns
    -------
    numpy.ndarray
        The moved centres (a new array).

    Examples
    --------
    >>> _separate_discs(np.array([[0.0, 0.0], [1.0, 0.0]]), np.array([2.0, 2.0]), fixed=0, gap=0.0)
    array([[0. , 0. ],
           [7.5, 0. ]])
    """
    from scipy.spatial import cKDTree

    xy = np.array(xy, dtype=float)
    radii = np.asarray(radii, dtype=float)
    if len(xy) < 2:
        return xy
    reach = 2 * radii.max() + gap
    for _ in range(rounds):
        pairs = cKDTree(xy).query_pairs(reach, output_type="ndarray")
        if not len(pairs):
            break
        i, j = pairs[:, 0], pairs[:, 1]
        delta = xy[j] - xy[i]
        distance = np.hypot(delta[:, 0], delta[:, 1])
        short = radii[i] + radii[j] + gap - distance
        hit = short > 1e-9
        if not hit.any():
            break
        i, j, delta, distance, short = i[hit], j[hit], delta[hit], distance[hit], short[hit]
        # Two dots on the same spot: part them along a direction fixed by their indices.
        same = distance < 1e-12
        angle = (i[same] * 0.618034 + j[same] * 0.414214) * 2 * np.pi
        delta[same] = np.column_stack([np.cos(angle), np.sin(angle)])
        distance[same] = 1.0
        # The pair is pushed apart by twice its overlap plus half a pixel (each disc by the whole
        # overlap): in a jam the neighbours push back, and exact parting takes thousands of rounds.
        push = delta / distance[:, None] * (2 * short + 0.5)[:, None]
        anchor = -1 if fixed is None else fixed
        share_i = np.where(j == anchor, 1.0, np.where(i == anchor, 0.0, 0.5))
        move = np.zeros_like(xy)
        np.add.at(move, i, -push * share_i[:, None])
        np.add.at(move, j, push * (1.0 - share_i)[:, None])
        xy += move
    return xy


#: Height of a name on the map and the width of one of its characters, in pixels at zoom 1
#: (14 px sans-serif; a generous average so that estimated boxes rarely fall short).
NAME_HEIGHT, NAME_CHAR_WIDTH = 17.0, 7.5


def _names_with_room(xy, radii, names, order):
    """Which names fit under their dots without covering a name placed before them, in ``order``.

    vis.js draws a name centred under its dot and scales names with the zoom, exactly as it
    scales distances: two names that overlap at one zoom overlap at every zoom. So the choice is
    made once, here: each name in turn is kept when its box meets no kept box (a grid of cells
    finds the neighbours). Names left out stay in the hover card and the search.
    """
    widths = np.array([NAME_CHAR_WIDTH * max(len(name), 1) for name in names])
    cell_w, cell_h = max(widths.max(initial=1.0), 1.0), NAME_HEIGHT
    boxes = {}  # cell -> kept boxes whose left/top corner falls in it
    named = [False] * len(names)
    for i in order:
        left, top = xy[i, 0] - widths[i] / 2, xy[i, 1] + radii[i] + 2
        right, bottom = left + widths[i], top + NAME_HEIGHT
        cx, cy = int(left // cell_w), int(top // cell_h)
        near = (box for dx in (-1, 0, 1) for dy in (-1, 0, 1) for box in boxes.get((cx + dx, cy + dy), ()))
        if any(left < b[2] and b[0] < right and top < b[3] and b[1] < bottom for b in near):
            continue
        boxes.setdefault((cx, cy), []).append((left, top, right, bottom))
        named[i] = True
    return named


def map_data(G, *, ego=None, partition=None, labels=None, evidence="all", weight="strength", size_by="strength",
             seed=0, pos=None):
    """Nodes, edges and legend of the interactive map, as plain JSON-ready structures.

    Every text is plain (``\\n`` line breaks, no HTML); ids are integers. The caller's graph is
    read only.

    Parameters
    ----------
    G : networkx.Graph
    ego : node, optional
        Default ``G.graph["ego"]``.
    partition : dict, optional
        ``key -> community id`` (computed with :func:`netanalysis.partition` when omitted).
    labels : pandas.DataFrame, optional
        From :func:`netanalysis.label_communities` (computed when omitted).
    evidence : {"all", "declared", "observed"}
        Which ties between contacts are drawn and used (ties to the ego are always drawn).
    weight : str
        Tie strength attribute.
    size_by : "strength", "degree", dict or None
        Node size: the ego's tie strength, the degree, or any ``key -> number`` mapping (e.g.
        brokerage scores).
    seed : int
    pos : dict, optional
        Positions from :func:`netanalysis.network_layout`.

    Returns
    -------
    dict
        - ``nodes``: vis node dicts with ``id, key, label, title, color, size, x, y, shape``,
          ``circle`` (community id; -1 no ties between contacts, -2 the ego) and ``named``
          (whether the name has room under its dot without covering a name placed before it:
          the ego's, then the strongest ties' first; see ``_names_with_room``)
        - ``edges``: ``from, to, title, color, width, dashes`` and ``kind`` (``in_person``,
          ``online``, ``unknown`` or ``inferred``)
        - ``communities``: ``id, label, size, color`` per community
        - ``ego``: the ego's node id, or None

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me")
    >>> G.add_node("me", name="Me")
    >>> G.add_node("a", name="<b>Ana</b>", company="Acme", position="Engineer")
    >>> G.add_edges_from([("me", "a", {"met": "in_person", "strength": 0.8}), ("me", "b"), ("a", "b")])
    >>> d = map_data(G)
    >>> [(n["label"], n["circle"]) for n in d["nodes"]]
    [('<b>Ana</b>', 0), ('b', 0), ('Me', -2)]
    >>> print(d["nodes"][0]["title"])
    <b>Ana</b>
    Acme
    Engineer
    circle 0: engineer
    your tie: met in person
    strength: 0.80
    """
    ego = check_ego(G, ego, required=False)
    if partition is None:
        partition = _partition(G, ego=ego, evidence=evidence, weight=weight, seed=seed)
    if labels is None:
        labels = label_communities(G, partition)
    label_of = dict(zip(labels["community"], labels["label"], strict=True)) if len(labels) else {}
    colors = community_colors(partition, min_size=SMALL_CIRCLE)
    if pos is None:
        pos = network_layout(G, ego=ego, partition=partition, evidence=evidence, weight=weight, seed=seed)
    nodes = sorted_keys(G.nodes)
    ids = {n: i for i, n in enumerate(nodes)}
    scale = _scale(len(nodes))
    sizes = _size_values(G, ego, size_by, weight)
    known = [v for n, v in sizes.items() if n in ids and n != ego]
    lo, hi = (min(known), max(known)) if known else (0.0, 0.0)
    members = Counter(partition.values())
    vis_nodes = []
    for n in nodes:
        attrs = G.nodes[n]
        name = _name(G, n, ego)
        lines = [name]
        for field in ("company", "position"):
            if attrs.get(field):
                lines.append(_plain(attrs[field]))
        cid = partition.get(n)
        if n == ego:
            group, color, size = -2, EGO_COLOR, 30.0
            lines.append("you (the owner of the export)")
        else:
            group = int(cid) if cid is not None else -1
            color = colors[cid] if cid is not None else NO_COMMUNITY_COLOR
            size = _node_size(sizes.get(n), lo, hi)
            if cid is not None:
                lines.append(_plain(f"circle {cid}: {label_of.get(cid, f'community {cid}')}"))
            else:
                lines.append("no ties between contacts")
            if ego is not None and G.has_edge(ego, n):
                facts = _tie_facts(G.edges[ego, n])
                lines.append("your tie: " + facts[0])
                lines.extend(facts[1:])
        mine = ego is not None and n != ego and G.has_edge(ego, n)
        vis_nodes.append({
            "id": ids[n], "key": _plain(n), "label": name, "title": "\n".join(lines), "color": color,
            "size": round(size, 2), "circle": group, "shape": "star" if n == ego else "dot",
            # for the filters: the owner's tie to this person (met), or none when not a contact
            "met": (G.edges[ego, n].get("met") or "unknown") if mine else None,
        })
    xy = np.array([pos.get(n, (0.0, 0.0)) for n in nodes], dtype=float).reshape(-1, 2) * scale
    radii = np.array([v["size"] for v in vis_nodes])
    xy = _separate_discs(xy, radii, fixed=ids.get(ego))
    # The ego's name first, then the strongest ties' (the largest dots), then key order.
    order = sorted(range(len(nodes)), key=lambda i: (nodes[i] != ego, -radii[i], i))
    named = _names_with_room(xy, radii, [v["label"] for v in vis_nodes], order)
    for node, (x, y), room in zip(vis_nodes, xy.tolist(), named, strict=True):
        node["x"], node["y"], node["named"] = round(x, 1), round(y, 1), room
    # Named at every zoom, the opening view included: the owner and the strongest ties (largest dots).
    # Only names with room under their dot: they are drawn larger than the others when zoomed out.
    keys = [i for i in order if named[i] and (ego is None or nodes[i] == ego or G.has_edge(ego, nodes[i]))]
    for i in keys[:1 + STRONGEST_NAMED]:
        vis_nodes[i]["key_name"] = True
    view = analysis_view(G, evidence)
    vis_edges = []
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        if u != ego and v != ego and not view.has_edge(u, v):
            continue
        a, b = sorted((ids[u], ids[v]))
        kind = _tie_kind(data)
        style = _EDGE_STYLE[kind]
        title = "\n".join([f"{_name(G, nodes[a], ego)} – {_name(G, nodes[b], ego)}", *_tie_facts(data)])
        # The ego's ties fan out to everyone: drawn fainter so ties between contacts stay readable.
        opacity = 0.35 if ego in (u, v) else 0.8
        vis_edges.append({"from": a, "to": b, "title": title, "kind": kind,
                          "color": {"color": style["color"], "opacity": opacity},
                          "width": style["width"], "dashes": style["dashes"]})
    vis_edges.sort(key=lambda e: (e["from"], e["to"]))
    communities = [
        {"id": int(c), "label": _plain(label_of.get(c, f"community {c}")), "size": members[c], "color": colors[c],
         "small": members[c] < SMALL_CIRCLE}
        for c in sorted(members)
    ]
    return {"nodes": vis_nodes, "edges": vis_edges, "communities": communities,
            "ego": ids.get(ego) if ego is not None else None}


def _aggregate_data(G, *, ego, partition, labels, evidence, seed):
    """Communities as nodes (sized by membership), ties counted between them; the ego in the middle."""
    import networkx as nx

    label_of = dict(zip(labels["community"], labels["label"], strict=True)) if len(labels) else {}
    colors = community_colors(partition)
    members = Counter(partition.values())
    # Ties counted per pair of circles with arrays: a Python step per tie costs seconds at a million.
    contacts, _ = contact_arrays(G, ego=ego, evidence=evidence, weight=None)
    ids = np.array([partition.get(n, -1) for n in contacts.nodes], dtype=np.int64)
    cu, cv = ids[contacts.u], ids[contacts.v]
    placed = (cu >= 0) & (cv >= 0)
    same = placed & (cu == cv)
    inside = Counter(cu[same].tolist())
    apart = placed & ~same
    between = Counter(zip(np.minimum(cu, cv)[apart].tolist(), np.maximum(cu, cv)[apart].tolist(), strict=True))
    ego_ties = Counter()
    in_person = Counter()
    if ego is not None:
        for n in G.neighbors(ego):
            c = partition.get(n, -1)
            ego_ties[c] += 1
            in_person[c] += G.edges[ego, n].get("met") == "in_person"
    loose = sum(1 for n in G if n != ego and n not in partition)
    C = nx.Graph()
    C.add_nodes_from(sorted(members))
    C.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(between.items()))
    pos = nx.spring_layout(C, weight="weight", seed=seed) if len(C) > 1 else {c: (0.0, 0.0) for c in C}
    if pos:
        pos = {c: (float(x), float(y)) for c, (x, y) in pos.items()}
        if ego is not None and len(pos) == 1:
            pos = {c: (0.5, 0.0) for c in pos}
    top = max([*members.values(), loose], default=1) or 1
    scale = _scale(4 * (len(members) + 1))
    nodes = []

    def add(cid, label, text, color, count, xy, shape="dot", size=None):
        nodes.append({"id": int(cid), "key": label, "label": label, "title": "\n".join(text), "color": color,
                      "circle": int(cid), "shape": shape,
                      "size": round(size if size is not None else 10 + 50 * math.sqrt(count / top), 2),
                      "x": round(xy[0] * scale, 1), "y": round(xy[1] * scale, 1)})

    for c in sorted(members):
        text = [_plain(f"circle {c}: {label_of.get(c, f'community {c}')}"), f"{members[c]} people, {inside[c]} ties inside"]
        if ego is not None:
            text.append(f"your ties: {ego_ties[c]} ({in_person[c]} met in person)")
        text.append(f"open it: network_map(G, community={c}) or 'netanalysis map --community {c}'")
        add(c, _plain(f"{c}: {label_of.get(c, '')} ({members[c]})"), text, colors[c], members[c], pos[c])
    if loose:
        text = [f"{loose} people with no ties between contacts",
                "nothing in the data says whom they know, so they belong to no circle"]
        if ego is not None:
            text.append(f"your ties: {ego_ties[-1]} ({in_person[-1]} met in person)")
        text.append("open them: network_map(G, community=-1) or 'netanalysis map --community -1'")
        add(-1, f"no ties between contacts ({loose})", text, NO_COMMUNITY_COLOR, loose, (0.0, -1.3))
    edges = []
    heaviest = max(between.values(), default=1)
    for (a, b), w in sorted(between.items()):
        edges.append({"from": int(a), "to": int(b), "title": f"{w} ties between circles {a} and {b}", "kind": "aggregate",
                      "color": "#888888", "width": round(1 + 4 * math.log1p(w) / math.log1p(heaviest), 2), "dashes": False})
    if ego is not None:
        name = _name(G, ego, ego)
        add(-2, name, [name, "you (the owner of the export)"], EGO_COLOR, 1, (0.0, 0.0), shape="star", size=30.0)
        most = max(ego_ties.values(), default=1)
        for c, k in sorted(ego_ties.items()):
            edges.append({"from": -2, "to": int(c), "kind": "ego",
                          "title": f"your ties into {'circle ' + str(c) if c >= 0 else 'no circle'}: {k} "
                                   f"({in_person[c]} met in person)",
                          "color": {"color": MET_COLORS["in_person"], "opacity": 0.5},
                          "width": round(1 + 6 * k / most, 2), "dashes": False})
    communities = [{"id": int(c), "label": _plain(label_of.get(c, f"community {c}")), "size": members[c],
                    "color": colors[c]} for c in sorted(members)]
    return {"nodes": nodes, "edges": edges, "communities": communities, "ego": -2 if ego is not None else None}


def to_pyvis(G, *, ego=None, partition=None, labels=None, evidence="all", weight="strength", size_by="strength",
             seed=0, height="750px"):
    """The map as a :class:`pyvis.network.Network`, for people who want pyvis' own tools.

    The node and edge lists are filled directly (``from_nx`` is quadratic and mutates the graph),
    positions are fixed and physics is off. Prefer :func:`network_map` for a file to share:
    pyvis' templates load bootstrap from a CDN and leave the heading unescaped.

    Examples
    --------
    >>> import networkx as nx
    >>> net = to_pyvis(nx.Graph([("a", "b"), ("b", "c")]))
    >>> len(net.nodes), len(net.edges)
    (3, 2)
    """
    from pyvis.network import Network

    data = map_data(G, ego=ego, partition=partition, labels=labels, evidence=evidence, weight=weight,
                    size_by=size_by, seed=seed)
    net = Network(height=height, width="100%", cdn_resources="in_line")
    for node in data["nodes"]:
        entry = {k: v for k, v in node.items() if k != "key"}
        entry["physics"] = False
        net.nodes.append(entry)
        net.node_ids.append(node["id"])
        net.node_map[node["id"]] = entry
    for edge in data["edges"]:
        net.edges.append({k: v for k, v in edge.items() if k != "kind"})
    net.toggle_physics(False)
    return net


# --------------------------------------------------------------------------------------------
# HTML


def _asset(name):
    import pyvis

    return (Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")


def _render(data, *, title, height, aggregated, note):
    """The page of ``data`` from the map template: everything inline, only its own scripts run."""
    vis_js = _asset("vis-network.min.js")
    payload = dict(data, physics=False)
    app_js = stylesheet("map.js")  # netanalysis/static/map.js
    scripts = [vis_js, app_js]
    # The page runs only its own inline scripts (by hash) and loads nothing: no network at all.
    hashes = " ".join(f"'sha256-{b64encode(hashlib.sha256(s.encode('utf-8')).digest()).decode()}'" for s in scripts)
    csp = (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data: blob:; "
           "font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'")
    lines = [{"width": max(2, round(st["width"])), "color": st["color"], "text": _KIND_TEXT[kind],
              "border": "dotted" if kind == "inferred" else "dashed" if st["dashes"] else "solid"}
             for kind, st in _EDGE_STYLE.items()]
    communities = [{"id": int(c["id"]), "label": c["label"], "size": int(c["size"]), "color": c["color"]}
                   for c in data["communities"] if not c.get("small")]
    smalls = [c for c in data["communities"] if c.get("small")]
    small = {"circles": len(smalls), "people": sum(int(c["size"]) for c in smalls), "color": SMALL_COLOR,
             "below": SMALL_CIRCLE} if smalls else None
    # Marked safe: pyvis' bundled style sheet and script, our own script, and the data as JSON made
    # safe for a <script> element by _script_json. The script bytes are hashed above: unchanged.
    page = render("map.html.j2", csp=csp, title=title, height=str(height), note=note, aggregated=aggregated,
                  communities=communities, small=small, lines=lines, no_community_color=NO_COMMUNITY_COLOR,
                  ego_color=EGO_COLOR,
                  vis_css=Markup(_asset("vis-network.css")), data_json=Markup(_script_json(payload)),
                  vis_js=Markup(vis_js), app_js=Markup(app_js))
    return str(page)


def network_map(G, *, ego=None, partition=None, labels=None, evidence="all", weight="strength",
                size_by="strength", seed=0, community=None, max_nodes=2000, title=None, height="78vh", pos=None):
    """The interactive map as one self-contained HTML page (a string; nothing is written).

    Colour = community, line = how the tie is known (solid thick: met in person; thin: online;
    dashed: unknown; dotted: inferred, never observed), node size = the ego's tie strength (or
    ``size_by``). Hovering shows a plain-text card (name, company, position, circle, the facts
    of the tie). A search box finds people; a menu shows one circle at a time.

    The page works offline: vis-network (bundled with pyvis) and all CSS are inlined, nothing is
    fetched, and a Content-Security-Policy forbids any network request and any script but its
    own. Every user string is escaped for where it lands (JSON in a data block, HTML text in the
    legend and menu); hover cards are plain text. Positions are computed once in Python
    (seeded), then dots the layout piled up are moved apart until none covers another; physics
    and curved edges are off, so large maps draw at once.

    Above ``max_nodes`` people the map switches to one node per community (sized by membership,
    line width = ties between circles, the ego linked to each by its ties into it, plus one node
    for the people with no ties between contacts); pass ``community=<id>`` to open one circle
    (``-1``: the people without a circle). A circle of more than ``max_nodes`` people shows its
    core: the ``max_nodes`` members with the most ties inside it (then the strongest ties to the
    ego, then key order), and the page says so.

    Parameters
    ----------
    G : networkx.Graph
        Read only; never modified.
    ego, partition, labels, evidence, weight, size_by, seed, pos
        See :func:`map_data` (``pos``: positions from :func:`netanalysis.network_layout`, to
        reuse one layout across figures).
    community : int, optional
        Show only this community (and the ego); ``-1`` shows the people with no ties between
        contacts.
    max_nodes : int
        Above this many people, show communities instead of people; within one ``community``,
        show this many of its members.
    title : str, optional
        Page heading (escaped).
    height : str
        CSS height of the map area.

    Returns
    -------
    str
        The HTML page.

    Raises
    ------
    InputError
        Unknown ``community`` id.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> G.nodes["a"]["name"] = "<img src=x onerror=alert(1)>"
    >>> page = network_map(G)
    >>> "<img" in page, "http://" in page.split("<script>")[0]
    (False, False)
    """
    return map_page(G, ego=ego, partition=partition, labels=labels, evidence=evidence, weight=weight,
                    size_by=size_by, seed=seed, community=community, max_nodes=max_nodes, title=title,
                    height=height, pos=pos)[0]


def _core(G, members, ego, count, evidence, weight):
    """The ``count`` members with the most ties among ``members``, then the strongest tie to the ego."""
    view = analysis_view(G, evidence)
    inside = set(members)
    ties = {n: sum(1 for m in view[n] if m in inside) for n in members}
    to_ego = _size_values(G, ego, "strength", weight) if ego is not None else {}
    return sorted(members, key=lambda n: (-ties[n], -to_ego.get(n, -math.inf), str(n)))[:count]


def map_page(G, *, ego=None, partition=None, labels=None, evidence="all", weight="strength", size_by="strength",
             seed=0, community=None, max_nodes=2000, title=None, height="78vh", pos=None):
    """:func:`network_map`'s page, with what it shows: ``(page, people drawn, aggregated)``.

    Takes the same options as :func:`network_map`; the command line uses the counts to say what
    the page shows.

    Examples
    --------
    >>> import networkx as nx
    >>> page, drawn, aggregated = map_page(nx.Graph([("a", "b"), ("b", "c")]))
    >>> page.startswith("<!DOCTYPE html>"), drawn, aggregated
    (True, 3, False)
    """
    ego = check_ego(G, ego, required=False)
    if partition is None:
        partition = _partition(G, ego=ego, evidence=evidence, weight=weight, seed=seed)
    partition = dict(partition)
    if labels is None:
        labels = label_communities(G, partition)
    note = ""
    graph = G
    if community is not None:
        if community == -1:
            keep = [n for n in G if n != ego and n not in partition]
            partition = {}
            note = f"Only the {len(keep):,} people with no ties between contacts."
        elif community in set(partition.values()):
            keep = [n for n, c in partition.items() if c == community]
            note = f"Circle {community} only: {len(keep):,} people."
        else:
            known = sorted(set(partition.values()))
            raise InputError(f"there is no community {community}; the communities are {known[:20]} "
                             "(and -1 for people with no ties between contacts).")
        if len(keep) > max_nodes:
            # vis.js draws a few thousand people at most: show the circle's core and say so.
            keep = _core(G, keep, ego, max_nodes, evidence, weight)
            note += (f" The {max_nodes:,} with the most ties inside it (then the strongest ties to you) are "
                     "shown; raise max_nodes (--max-nodes) to see more.")
        partition = {n: partition[n] for n in keep if n in partition}
        graph = G.subgraph(keep + ([ego] if ego is not None else []))  # a view: the caller's graph is untouched
    people = graph.number_of_nodes()
    aggregated = community is None and people > max_nodes
    if title is None:
        owner = G.nodes[ego].get("name") if ego is not None else None
        title = f"{owner}'s network" if owner else "Your network" if ego is not None else "Network map"
        if community is not None:
            title += f" – circle {community}" if community >= 0 else " – people without a circle"
    if aggregated:
        data = _aggregate_data(G, ego=ego, partition=partition, labels=labels, evidence=evidence, seed=seed)
        note = (f"{people} people is too many to draw one by one: each circle is one node. "
                "Open one with network_map(G, community=N) or 'netanalysis map --community N'.")
    else:
        data = map_data(graph, ego=ego, partition=partition, labels=labels, evidence=evidence, weight=weight,
                        size_by=size_by, seed=seed, pos=pos if community is None else None)
    return _render(data, title=title, height=height, aggregated=aggregated, note=note), people, aggregated


def display_map(G, *, height="650px", **options):
    """Show the map in a notebook (JupyterLab, VS Code, Colab): an isolated iframe, nothing written.

    Takes the same options as :func:`network_map`; returns an :class:`IPython.display.HTML`.
    The page is passed through ``srcdoc`` to a sandboxed iframe that may run scripts but has no
    access to the notebook.

    Examples
    --------
    >>> import networkx as nx
    >>> type(display_map(nx.Graph([("a", "b")]))).__name__
    'HTML'
    """
    from IPython.display import HTML

    page = network_map(G, height="calc(100vh - 120px)", **options)
    return HTML(str(macro("macros.html.j2", "notebook_map")(page, str(height))))

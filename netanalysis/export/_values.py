"""Writer-safe values shared by the export writers: XML-safe text, one type per column, node and edge records."""

import datetime as _dt
import re
from xml.sax.saxutils import quoteattr

import pandas as pd

from ..errors import InputError

__all__ = [
    "Chunks", "add_kinds", "check_exportable", "clean_text", "coerce", "column_types", "edge_attrs", "edge_records",
    "node_records", "quoted_attr", "safe_value", "settle_kinds", "sorted_nodes", "unify_types", "unique_ids", "value_kind",
    "without_forbidden", "writer_safe_graph", "writer_value", "xml_text",
]


# Characters XML 1.0 refuses: C0 controls but tab and line breaks, lone surrogates, U+FFFE and U+FFFF.
_XML_FORBIDDEN = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF])


def clean_text(text):
    """``text`` as a string without the characters XML 1.0 cannot hold."""
    return str(text).translate(_XML_FORBIDDEN)


# The same characters as _XML_FORBIDDEN: most text has none, and a search is cheaper than a translate.
_XML_FORBIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def without_forbidden(texts):
    """:func:`clean_text` of each text of a column (the same list when none needs it)."""
    # One search over the whole column: control characters are rare.
    if _XML_FORBIDDEN_RE.search("".join(texts)):
        return [text.translate(_XML_FORBIDDEN) for text in texts]
    return texts


def unique_ids(nodes):
    """Writer-safe node ids, one per node: cleaning two keys to the same text must not merge two people."""
    ids, used = {}, set()
    for n in nodes:
        base = clean_text(n)
        candidate, i = base, 1
        while candidate in used:
            i += 1
            candidate = f"{base}~{i}"
        used.add(candidate)
        ids[n] = candidate
    return ids


def writer_value(value):
    """Turn one attribute value into something GEXF/GraphML writers accept, or None to drop it.

    networkx's writers refuse None, lists and dates (science notes §4); XML refuses control
    characters; Gephi wants one type per column.
    """
    import datetime as _dt
    import json
    import math

    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if hasattr(value, "item") and not isinstance(value, (str, bytes)) and getattr(value, "ndim", 0) == 0:
        try:
            value = value.item()  # numpy / pandas scalars
        except (AttributeError, ValueError, TypeError):
            pass
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, int):
        return value
    if isinstance(value, (pd.Timestamp, _dt.datetime, _dt.date)):
        if pd.isna(value):
            return None
        if isinstance(value, pd.Timestamp):
            value = value.to_pydatetime()
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return clean_text("; ".join(str(writer_value(v)) for v in items if writer_value(v) is not None))
    if isinstance(value, dict):
        return clean_text(json.dumps(value, sort_keys=True, default=str, ensure_ascii=False))
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return clean_text(value)


def safe_value(value):
    """:func:`writer_value` with fast paths for the plain types that make up most attributes.

    Same results; it only skips the general checks for str, float, int, bool, dates and lists of
    text (a large network has millions of such values).
    """
    kind = type(value)
    if kind is str:
        return value.translate(_XML_FORBIDDEN) if _XML_FORBIDDEN_RE.search(value) else value
    if kind is float:
        return None if value != value else value
    if kind is int or kind is bool:
        return value
    if kind is _dt.date or kind is _dt.datetime:
        return value.isoformat()
    if kind is list and all(type(v) is str for v in value):
        text = "; ".join(value)
        return text.translate(_XML_FORBIDDEN) if _XML_FORBIDDEN_RE.search(text) else text
    return writer_value(value)


_KIND = {bool: "bool", float: "float", int: "int", str: "str"}


def value_kind(value):
    return "bool" if isinstance(value, bool) else "float" if isinstance(value, float) else \
        "int" if isinstance(value, int) else "str"


def add_kinds(kinds, attrs):
    for key, value in attrs.items():
        kind = _KIND.get(type(value)) or value_kind(value)
        seen = kinds.get(key)
        if seen is None:
            kinds[key] = {kind}
        elif kind not in seen:
            seen.add(kind)


def settle_kinds(kinds):
    return {key: next(iter(kind)) if len(kind) == 1 else "float" if kind <= {"int", "float"} else "str"
            for key, kind in kinds.items()}


def column_types(records):
    """One type per attribute, as :func:`unify_types` decides it, from a pass that keeps no values."""
    kinds = {}
    for attrs in records:
        add_kinds(kinds, attrs)
    return settle_kinds(kinds)


def unify_types(records):
    """Give each attribute one type: ints become floats where any value is a float, else text."""
    kinds = {}
    for attrs in records:
        for key, value in attrs.items():
            kind = "bool" if isinstance(value, bool) else "float" if isinstance(value, float) else \
                "int" if isinstance(value, int) else "str"
            kinds.setdefault(key, set()).add(kind)
    for attrs in records:
        for key, value in list(attrs.items()):
            kind = kinds[key]
            if len(kind) == 1:
                continue
            if kind <= {"int", "float"}:
                attrs[key] = float(value)
            else:
                attrs[key] = str(value)


def coerce(value, kind):
    """Give ``value`` its column's type, as :func:`unify_types` does."""
    if kind == "float":
        return value if type(value) is float else float(value)
    if kind == "str":
        return value if type(value) is str else str(value)
    return value


def _community_maps(G, partition, labels):
    if partition is None:
        return {}, {}
    label_of = {}
    if labels is not None:
        if isinstance(labels, pd.DataFrame):
            label_of = dict(zip(labels["community"], labels["label"], strict=True))
        else:
            label_of = dict(labels)
    return dict(partition), label_of


def check_exportable(G):
    if G.is_directed() or G.is_multigraph():
        raise InputError("exports need an undirected simple graph (networkx.Graph).")


def sorted_nodes(G):
    """``G``'s nodes in the library's one sorted order (keys of mixed types included): rows are written in it."""
    from ..model import sorted_keys

    return sorted_keys(G.nodes)


def node_records(G, nodes, ids, *, partition=None, labels=None):
    """``(node, attrs)`` in ``nodes`` order, attributes writer-safe (types not yet unified)."""
    part, label_of = _community_maps(G, partition, labels)
    for n in nodes:
        data = G.nodes[n]
        attrs = {k if type(k) is str else str(k): safe_value(v) for k, v in data.items()}
        if None in attrs.values():
            attrs = {k: v for k, v in attrs.items() if v is not None}
        attrs.setdefault("name", ids[n])
        attrs["label"] = str(attrs.get("name"))
        if partition is not None:
            cid = part.get(n)
            attrs["community"] = int(cid) if cid is not None else -1
            attrs["community_label"] = clean_text(
                label_of.get(cid, f"community {cid}") if cid is not None else
                ("ego" if data.get("ego") else "no ties between contacts"))
        yield n, attrs


def edge_records(G, nodes, *, weight="strength"):
    """``(u, v, attrs)`` sorted by the ranks of ``u`` then ``v`` in ``nodes`` (``u`` first), writer-safe.

    Walks each node's neighbours of higher rank instead of sorting a list of every edge.
    """
    for u, v, data in _edge_data(G, nodes):
        yield u, v, edge_attrs(data, weight)


def _edge_data(G, nodes):
    """``(u, v, data)`` in :func:`edge_records` order, ``data`` being the graph's own (raw) dict."""
    rank = {n: i for i, n in enumerate(nodes)}
    adj = G.adj
    for u, ru in rank.items():
        neighbours = adj[u]
        for r in sorted(r for r in map(rank.__getitem__, neighbours) if r >= ru):
            v = nodes[r]
            yield u, v, neighbours[v]


def edge_attrs(data, weight):
    """One edge's writer-safe attributes: None dropped, ``weight`` copied from tie strength."""
    attrs = {k if type(k) is str else str(k): safe_value(val) for k, val in data.items()}
    if None in attrs.values():
        attrs = {k: val for k, val in attrs.items() if val is not None}
    # Gephi reads "weight" as edge weight: use tie strength when there is one.
    if weight and weight != "weight":
        w = attrs.get(weight)
        if isinstance(w, (int, float)) and not isinstance(w, bool):
            attrs["weight"] = float(w)
    return attrs


def writer_safe_graph(G, *, partition=None, labels=None, weight="strength"):
    """A new graph, nodes and edges in sorted order, every attribute made writer-safe."""
    import networkx as nx

    check_exportable(G)
    nodes = sorted_nodes(G)
    ids = unique_ids(nodes)
    node_attrs = [attrs for _, attrs in node_records(G, nodes, ids, partition=partition, labels=labels)]
    unify_types(node_attrs)
    edges = list(edge_records(G, nodes, weight=weight))
    unify_types([e[2] for e in edges])
    H = nx.Graph()
    for key, value in G.graph.items():
        safe = writer_value(value)
        if safe is not None:
            H.graph[str(key)] = safe
    for n, attrs in zip(nodes, node_attrs, strict=True):
        H.add_node(ids[n], **attrs)
    for u, v, attrs in edges:
        H.add_edge(ids[u], ids[v], **attrs)
    return H


def xml_text(value):
    """A writer-safe value as XML attribute text, the way networkx's writers spell it."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is float:
        text = repr(value)
        return {"inf": "INF", "-inf": "-INF", "nan": "NaN"}.get(text, text)
    return str(value)


# Characters quoteattr would change; most values have none, and a search is cheaper than quoteattr.
_NEEDS_QUOTING = re.compile("[&<>\"\n\r\t]")


def quoted_attr(text):
    """``text`` as a quoted XML attribute value (``quoteattr``, skipped when nothing needs escaping)."""
    return quoteattr(text) if _NEEDS_QUOTING.search(text) else f'"{text}"'


class Chunks:
    """Collect small strings and hand them to the file in large pieces: fewer calls, bounded memory."""

    def __init__(self, handle, size=2000):
        self.handle, self.size, self.parts = handle, size, []

    def add(self, *texts):
        self.parts.extend(texts)
        if len(self.parts) >= self.size:
            self.flush()

    def flush(self):
        if self.parts:
            self.handle.write("".join(self.parts))
            self.parts = []

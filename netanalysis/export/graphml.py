"""GraphML for Gephi, yEd and Cytoscape, streamed person by person and tie by tie into an atomic file."""

import re
from itertools import repeat
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..safefiles import atomic_open
from ._columns import chunk_columns, column_parts, edge_chunks, edge_column_types, place
from ._values import (
    Chunks,
    check_exportable,
    clean_text,
    coerce,
    column_types,
    edge_attrs,
    node_records,
    quoted_attr,
    sorted_nodes,
    unique_ids,
    value_kind,
    writer_value,
)

__all__ = ["to_graphml"]


_GRAPHML_TYPE = {"bool": "boolean", "int": "long", "float": "double", "str": "string"}

_NEEDS_ESCAPE = re.compile("[&<>\r]")


def _graphml_text(value):
    # networkx spells booleans True/False here and reads them back case-blind; ints and floats as str().
    text = value if type(value) is str else str(value)
    # Element text: a carriage return would be read back as a line feed unless written as a reference.
    return escape(text, {"\r": "&#13;"}) if _NEEDS_ESCAPE.search(text) else text


def _graphml_data(attrs, columns):
    parts = []
    for key, value in attrs.items():
        key_id, kind = columns[key]
        parts.append(f'<data key="{key_id}">{_graphml_text(coerce(value, kind))}</data>')
    return "".join(parts)


def _graphml_piece(key_id):
    return lambda value: f'<data key="{key_id}">{_graphml_text(value)}</data>'


def _graphml_edges(G, nodes, ids, columns, weight):
    """The ``<edge>`` elements as :func:`_stream_graphml` writes them, one text per chunk of edges."""
    quoted = {n: quoted_attr(ids[n]) for n in nodes}
    types = {key: kind for key, (_, kind) in columns.items()}
    pieces = {key: _graphml_piece(key_id) for key, (key_id, _) in columns.items()}
    affixes = {key: (f'<data key="{key_id}">', "</data>") for key, (key_id, _) in columns.items()}
    caches = {key: None if kind == "float" else {} for key, (_, kind) in columns.items()}
    for us, vs, datas in edge_chunks(G, nodes):
        rows = [""] * len(datas)
        groups, others = chunk_columns(datas, weight, types)
        for idx, keys, values in groups:
            body = []
            for key, column in zip(keys, values, strict=True):
                body += column_parts(column, pieces[key], caches[key], *affixes[key])
            place(rows, idx, list(map("".join, zip(repeat("    <edge source="), [quoted[us[j]] for j in idx],
                                                   repeat(" target="), [quoted[vs[j]] for j in idx], repeat(">"),
                                                   *body, repeat("</edge>\n"), strict=False))))
        for j in others:
            rows[j] = (f"    <edge source={quoted[us[j]]} target={quoted[vs[j]]}>"
                       f"{_graphml_data(edge_attrs(datas[j], weight), columns)}</edge>\n")
        yield "".join(rows)


def _stream_graphml(G, handle, *, partition=None, labels=None, weight="strength"):
    """Write GraphML to ``handle`` node by node and edge by edge, without copying the graph.

    Values, types and keys as networkx's writer gives them for :func:`writer_safe_graph`.
    """
    check_exportable(G)
    nodes = sorted_nodes(G)
    ids = unique_ids(nodes)

    def node_rows():
        return node_records(G, nodes, ids, partition=partition, labels=labels)

    graph_attrs = {}
    for key, value in G.graph.items():
        safe = writer_value(value)
        if safe is not None:
            graph_attrs[str(key)] = safe
    graph_id = graph_attrs.pop("id", None)
    for key in ("node_default", "edge_default"):  # networkx's reserved keys, never written as data
        graph_attrs.pop(key, None)
    columns = {}
    for scope, types in (("graph", {k: value_kind(v) for k, v in graph_attrs.items()}),
                         ("node", column_types(attrs for _, attrs in node_rows())),
                         ("edge", edge_column_types(G, nodes, weight))):
        columns[scope] = {key: (f"d{i}", kind) for i, (key, kind) in
                          enumerate(types.items(), start=sum(len(c) for c in columns.values()))}

    out = Chunks(handle)
    out.add(
        "<?xml version='1.0' encoding='utf-8'?>\n",
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
    )
    for scope, cols in columns.items():
        for key, (key_id, kind) in cols.items():
            out.add(f'  <key id="{key_id}" for="{scope}" attr.name={quoteattr(clean_text(key))} '
                    f'attr.type="{_GRAPHML_TYPE[kind]}" />\n')
    graph_id = "" if graph_id is None else f" id={quoteattr(str(graph_id))}"
    out.add(f'  <graph edgedefault="undirected"{graph_id}>\n')
    if graph_attrs:
        out.add("    ", _graphml_data(graph_attrs, columns["graph"]), "\n")
    for n, attrs in node_rows():
        out.add(f"    <node id={quoted_attr(ids[n])}>", _graphml_data(attrs, columns["node"]), "</node>\n")
    out.flush()
    for text in _graphml_edges(G, nodes, ids, columns["edge"], weight):
        handle.write(text)
    out.add("  </graph>\n</graphml>\n")
    out.flush()


def to_graphml(G, path, *, partition=None, labels=None, weight="strength"):
    """Write the network as GraphML (Gephi, yEd, Cytoscape), atomically, attributes kept.

    Values are converted, and the file streamed, as in :func:`to_gexf`; graph attributes
    (``as_of``, ``egos``…) are kept as graph data.

    Examples
    --------
    >>> import networkx as nx, tempfile, os
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", sources=["export", "declared"], strength=0.5)
    >>> path = to_graphml(G, os.path.join(tempfile.mkdtemp(), "net.graphml"))
    >>> nx.read_graphml(path).edges["a", "b"]["sources"]
    'export; declared'
    """
    with atomic_open(path) as handle:
        _stream_graphml(G, handle, partition=partition, labels=labels, weight=weight)
    return Path(path)

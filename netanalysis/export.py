"""File writers: formula-safe CSV, and GEXF, GraphML and node/edge tables for Gephi."""

import contextlib
import datetime as _dt
import os
import re
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pandas as pd

from .errors import InputError

__all__ = [
    "atomic_open", "atomic_write_text", "edges_table", "formula_safe", "formula_safe_frame", "nodes_table", "to_csv", "to_gexf",
    "to_graphml", "write_csv",
]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    """Make a text value inert in a spreadsheet: prefix a quote when it could start a formula.

    Spreadsheets run cells that begin with ``=``, ``+``, ``-``, ``@``, tab or carriage return
    (OWASP "CSV injection"). A leading apostrophe makes them plain text. Carriage returns become
    line feeds, so that a line break inside a value never splits a row. Numbers are unchanged.

    Examples
    --------
    >>> formula_safe("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> formula_safe("-5 years")
    "'-5 years"
    >>> formula_safe(-5)
    -5
    >>> formula_safe("Data engineer")
    'Data engineer'
    >>> formula_safe("Ana\\r=cmd()")
    'Ana\\n=cmd()'
    """
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_START):
        value = "'" + value
    if "\r" in value:
        # The csv writer quotes a field only for the line terminator it writes ("\n"), but
        # spreadsheets also break rows at a lone carriage return: "x\r=cmd()" would become a
        # new row starting with a formula. As line feeds, the breaks keep the field quoted.
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def formula_safe_frame(df):
    """Return a copy of ``df`` with every text cell made formula-safe (see :func:`formula_safe`).

    Examples
    --------
    >>> formula_safe_frame(pd.DataFrame({"name": ["=1+1", "Ana"], "n": [-1, 2]}))
       name  n
    0  '=1+1 -1
    1   Ana  2
    """
    out = df.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(formula_safe)
    return out


def _cannot_write(path, error):
    return InputError(f"cannot write {path}: {error.strerror or error}; choose another place.")


@contextlib.contextmanager
def atomic_open(path, *, encoding="utf-8"):
    """Open ``path`` for writing text through a temporary file, renamed into place on success.

    The text is written piece by piece into a temporary file beside ``path``; when the ``with``
    block ends normally the file is renamed to ``path``, and when it fails (an error, Ctrl-C) the
    temporary file is deleted. An interrupted run never leaves a half-written file behind, and a
    large file never has to be held in memory whole.

    Raises
    ------
    InputError
        When ``path`` is a folder, or a folder on the way is a file, or the file cannot be
        written (permission denied, read-only or full disk): the user can choose another place.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "out" / "lines.txt"
    >>> with atomic_open(path) as handle:
    ...     for word in ("one", "two"):
    ...         _ = handle.write(word + "\\n")
    >>> path.read_text().split()
    ['one', 'two']
    """
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path} is a folder; give the name of a file to write.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except (FileExistsError, NotADirectoryError):
        blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), path.parent)
        raise InputError(f"cannot write {path}: {blocker} is a file, not a folder; choose another place.") from None
    except OSError as error:  # permission denied, read-only or full disk: the user can choose another place
        raise _cannot_write(path, error) from None
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            yield handle
        # mkstemp creates the file private (0600); give it the permissions a normal write would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException as error:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _cannot_write(path, error) from None
        raise


def atomic_write_text(path, text, *, encoding="utf-8"):
    """Write ``text`` to ``path`` through a temporary file and a rename (see :func:`atomic_open`).

    An interrupted run never leaves a half-written file behind.

    Raises
    ------
    InputError
        When ``path`` is a folder, or a folder on the way is a file, or the file cannot be
        written (permission denied, read-only or full disk): the user can choose another place.

    Examples
    --------
    >>> import tempfile
    >>> path = atomic_write_text(Path(tempfile.mkdtemp()) / "out" / "note.txt", "hello")
    >>> path.read_text()
    'hello'
    """
    with atomic_open(path, encoding=encoding) as handle:
        handle.write(text)
    return Path(path)


def write_csv(df, path, *, bom=False):
    """Write a table as formula-safe UTF-8 CSV, atomically.

    Parameters
    ----------
    df : pandas.DataFrame
    path : str or Path
    bom : bool
        Start with a UTF-8 byte-order mark so that Excel opens accents correctly.

    Examples
    --------
    >>> import tempfile
    >>> path = write_csv(pd.DataFrame({"name": ["=1+1"]}), Path(tempfile.mkdtemp()) / "t.csv")
    >>> path.read_text().splitlines()
    ['name', "'=1+1"]
    """
    text = formula_safe_frame(df).to_csv(index=False, lineterminator="\r\n" if bom else "\n")
    return atomic_write_text(path, ("\ufeff" if bom else "") + text)


# --------------------------------------------------------------------------------------------
# Gephi: GEXF, GraphML and node/edge CSV tables

# Characters XML 1.0 refuses: C0 controls but tab and line breaks, lone surrogates, U+FFFE and U+FFFF.
_XML_FORBIDDEN = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF])


def _clean_text(text):
    return str(text).translate(_XML_FORBIDDEN)


def _unique_ids(nodes):
    """Writer-safe node ids, one per node: cleaning two keys to the same text must not merge two people."""
    ids, used = {}, set()
    for n in nodes:
        base = _clean_text(n)
        candidate, i = base, 1
        while candidate in used:
            i += 1
            candidate = f"{base}~{i}"
        used.add(candidate)
        ids[n] = candidate
    return ids


def _writer_value(value):
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
        return _clean_text("; ".join(str(_writer_value(v)) for v in items if _writer_value(v) is not None))
    if isinstance(value, dict):
        return _clean_text(json.dumps(value, sort_keys=True, default=str, ensure_ascii=False))
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return _clean_text(value)


# The same characters as _XML_FORBIDDEN: most text has none, and a search is cheaper than a translate.
_XML_FORBIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _safe_value(value):
    """:func:`_writer_value` with fast paths for the plain types that make up most attributes.

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
    return _writer_value(value)


_KIND = {bool: "bool", float: "float", int: "int", str: "str"}


def _kind(value):
    return "bool" if isinstance(value, bool) else "float" if isinstance(value, float) else \
        "int" if isinstance(value, int) else "str"


def _column_types(records):
    """One type per attribute, as :func:`_unify_types` decides it, from a pass that keeps no values."""
    kinds = {}
    for attrs in records:
        for key, value in attrs.items():
            kind = _KIND.get(type(value)) or _kind(value)
            seen = kinds.get(key)
            if seen is None:
                kinds[key] = {kind}
            elif kind not in seen:
                seen.add(kind)
    return {key: next(iter(kind)) if len(kind) == 1 else "float" if kind <= {"int", "float"} else "str"
            for key, kind in kinds.items()}


def _unify_types(records):
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


def _check_exportable(G):
    if G.is_directed() or G.is_multigraph():
        raise InputError("exports need an undirected simple graph (networkx.Graph).")


def _node_records(G, nodes, ids, *, partition=None, labels=None):
    """``(node, attrs)`` in ``nodes`` order, attributes writer-safe (types not yet unified)."""
    part, label_of = _community_maps(G, partition, labels)
    for n in nodes:
        data = G.nodes[n]
        attrs = {k if type(k) is str else str(k): _safe_value(v) for k, v in data.items()}
        if None in attrs.values():
            attrs = {k: v for k, v in attrs.items() if v is not None}
        attrs.setdefault("name", ids[n])
        attrs["label"] = str(attrs.get("name"))
        if partition is not None:
            cid = part.get(n)
            attrs["community"] = int(cid) if cid is not None else -1
            attrs["community_label"] = _clean_text(
                label_of.get(cid, f"community {cid}") if cid is not None else
                ("ego" if data.get("ego") else "no ties between contacts"))
        yield n, attrs


def _edge_records(G, nodes, *, weight="strength"):
    """``(u, v, attrs)`` sorted by the ranks of ``u`` then ``v`` in ``nodes`` (``u`` first), writer-safe.

    Walks each node's neighbours of higher rank instead of sorting a list of every edge.
    """
    rank = {n: i for i, n in enumerate(nodes)}
    adj = G.adj
    for u in nodes:
        ru = rank[u]
        neighbours = adj[u]
        for _, v in sorted((rank[v], v) for v in neighbours if rank[v] >= ru):
            attrs = {k if type(k) is str else str(k): _safe_value(val) for k, val in neighbours[v].items()}
            if None in attrs.values():
                attrs = {k: val for k, val in attrs.items() if val is not None}
            # Gephi reads "weight" as edge weight: use tie strength when there is one.
            if weight and weight != "weight":
                w = attrs.get(weight)
                if isinstance(w, (int, float)) and not isinstance(w, bool):
                    attrs["weight"] = float(w)
            yield u, v, attrs


def _writer_safe_graph(G, *, partition=None, labels=None, weight="strength"):
    """A new graph, nodes and edges in sorted order, every attribute made writer-safe."""
    import networkx as nx

    from .communities import _sorted

    _check_exportable(G)
    nodes = _sorted(G.nodes)
    ids = _unique_ids(nodes)
    node_attrs = [attrs for _, attrs in _node_records(G, nodes, ids, partition=partition, labels=labels)]
    _unify_types(node_attrs)
    edges = list(_edge_records(G, nodes, weight=weight))
    _unify_types([e[2] for e in edges])
    H = nx.Graph()
    for key, value in G.graph.items():
        safe = _writer_value(value)
        if safe is not None:
            H.graph[str(key)] = safe
    for n, attrs in zip(nodes, node_attrs, strict=True):
        H.add_node(ids[n], **attrs)
    for u, v, attrs in edges:
        H.add_edge(ids[u], ids[v], **attrs)
    return H


def nodes_table(G, *, partition=None, labels=None):
    """One row per person with every node attribute in writer-safe form (lists joined, dates ISO).

    Parameters
    ----------
    G : networkx.Graph
    partition : dict, optional
        ``key -> community id``; adds ``community`` (-1 = none) and ``community_label``.
    labels : pandas.DataFrame or dict, optional
        Community labels (from :func:`netanalysis.label_communities`).

    Returns
    -------
    pandas.DataFrame
        ``key``, ``name``, then the other attributes (alphabetical), sorted by key.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("b", name="Bea", exports=["me", "you"])
    >>> G.add_node("a", name="Al", company=None)
    >>> nodes_table(G)
      key name exports
    0   a   Al     NaN
    1   b  Bea  me; you
    """
    H = _writer_safe_graph(G, partition=partition, labels=labels)
    rows = [{"key": n, **{k: v for k, v in d.items() if k != "label"}} for n, d in H.nodes(data=True)]
    df = pd.DataFrame(rows)
    if df.empty:
        return pd.DataFrame(columns=["key", "name"])
    rest = sorted(c for c in df.columns if c not in ("key", "name"))
    return df[["key", "name", *rest]]


def edges_table(G, *, weight="strength"):
    """One row per tie with every edge attribute in writer-safe form (lists joined, dates ISO).

    Returns
    -------
    pandas.DataFrame
        ``source``, ``target`` (source < target), then the attributes (alphabetical); a
        ``weight`` column copies ``strength`` for Gephi when present.

    Examples
    --------
    >>> import datetime, networkx as nx
    >>> G = nx.Graph()
    >>> G.add_edge("b", "a", met="in_person", sources=["export", "declared"], connected_on=datetime.date(2021, 3, 15))
    >>> edges_table(G)
      source target connected_on        met            sources
    0      a      b   2021-03-15  in_person  export; declared
    """
    H = _writer_safe_graph(G, weight=weight)
    rows = [{"source": u, "target": v, **d} for u, v, d in H.edges(data=True)]
    df = pd.DataFrame(rows)
    if df.empty:
        return pd.DataFrame(columns=["source", "target"])
    rest = sorted(c for c in df.columns if c not in ("source", "target"))
    return df[["source", "target", *rest]]


def _xml_text(value):
    """A writer-safe value as XML attribute text, the way networkx's writers spell it."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is float:
        text = repr(value)
        return {"inf": "INF", "-inf": "-INF", "nan": "NaN"}.get(text, text)
    return str(value)


def _coerce(value, kind):
    """Give ``value`` its column's type, as :func:`_unify_types` does."""
    if kind == "float":
        return value if type(value) is float else float(value)
    if kind == "str":
        return value if type(value) is str else str(value)
    return value


class _Chunks:
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


_GEXF_TYPE = {"bool": "boolean", "int": "long", "float": "double", "str": "string"}


# Characters quoteattr would change; most values have none, and a search is cheaper than quoteattr.
_NEEDS_QUOTING = re.compile("[&<>\"\n\r\t]")


def _quoted(text):
    return quoteattr(text) if _NEEDS_QUOTING.search(text) else f'"{text}"'


def _gexf_attvalues(attrs, columns):
    parts = ["<attvalues>"]
    for key, value in attrs.items():
        attr_id, kind = columns[key]
        if type(value) is str:  # the commonest case, and a text value means a text column
            text = value
        else:
            text = _xml_text(_coerce(value, kind))
        parts.append(f'<attvalue for="{attr_id}" value={_quoted(text)} />')
    parts.append("</attvalues>")
    return "".join(parts)


def _stream_gexf(G, handle, *, partition=None, labels=None, weight="strength"):
    """Write GEXF 1.2draft to ``handle`` node by node and edge by edge, without copying the graph.

    Two passes over the attributes: the first decides each column's type (Gephi wants one per
    column, and the declarations come before the nodes), the second converts and writes.
    """
    from . import __version__
    from .communities import _sorted

    _check_exportable(G)
    nodes = _sorted(G.nodes)
    ids = _unique_ids(nodes)

    def node_records():
        return _node_records(G, nodes, ids, partition=partition, labels=labels)

    def edge_records():
        return _edge_records(G, nodes, weight=weight)

    # The node label is an XML attribute, as is a numeric edge weight; the rest are columns.
    node_types = _column_types({k: v for k, v in attrs.items() if k != "label"} for _, attrs in node_records())
    edge_types = _column_types(attrs for _, _, attrs in edge_records())
    numeric_weight = edge_types.get("weight") in ("int", "float")
    if numeric_weight:
        weight_kind = edge_types.pop("weight")
    node_columns = {key: (str(i), kind) for i, (key, kind) in enumerate(node_types.items())}
    edge_columns = {key: (str(i), kind) for i, (key, kind) in enumerate(edge_types.items(), start=len(node_columns))}

    name = _writer_value(G.graph.get("name"))
    out = _Chunks(handle)
    out.add(
        "<?xml version='1.0' encoding='utf-8'?>\n",
        '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n',
        # No lastmodifieddate: the same network must give the same bytes.
        f"  <meta>\n    <creator>netanalysis {__version__}</creator>\n  </meta>\n",
        f'  <graph defaultedgetype="undirected" mode="static" name={quoteattr("" if name is None else str(name))}>\n',
    )
    for cls, columns in (("node", node_columns), ("edge", edge_columns)):
        if columns:
            out.add(f'    <attributes class="{cls}" mode="static">\n')
            for key, (attr_id, kind) in columns.items():
                out.add(f'      <attribute id="{attr_id}" title={quoteattr(_clean_text(key))} type="{_GEXF_TYPE[kind]}" />\n')
            out.add("    </attributes>\n")
    out.add("    <nodes>\n")
    for n, attrs in node_records():
        label = attrs.pop("label")
        head = f"      <node id={_quoted(ids[n])} label={_quoted(label)}"
        if attrs:
            out.add(head, ">", _gexf_attvalues(attrs, node_columns), "</node>\n")
        else:
            out.add(head, " />\n")
    out.add("    </nodes>\n    <edges>\n")
    for i, (u, v, attrs) in enumerate(edge_records()):
        head = f"      <edge source={_quoted(ids[u])} target={_quoted(ids[v])} id=\"{i}\""
        if numeric_weight and "weight" in attrs:
            head += f' weight="{_xml_text(_coerce(attrs.pop("weight"), weight_kind))}"'
        if attrs:
            out.add(head, ">", _gexf_attvalues(attrs, edge_columns), "</edge>\n")
        else:
            out.add(head, " />\n")
    out.add("    </edges>\n  </graph>\n</gexf>\n")
    out.flush()


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
        parts.append(f'<data key="{key_id}">{_graphml_text(_coerce(value, kind))}</data>')
    return "".join(parts)


def _stream_graphml(G, handle, *, partition=None, labels=None, weight="strength"):
    """Write GraphML to ``handle`` node by node and edge by edge, without copying the graph.

    Values, types and keys as networkx's writer gives them for :func:`_writer_safe_graph`.
    """
    from .communities import _sorted

    _check_exportable(G)
    nodes = _sorted(G.nodes)
    ids = _unique_ids(nodes)

    def node_records():
        return _node_records(G, nodes, ids, partition=partition, labels=labels)

    def edge_records():
        return _edge_records(G, nodes, weight=weight)

    graph_attrs = {}
    for key, value in G.graph.items():
        safe = _writer_value(value)
        if safe is not None:
            graph_attrs[str(key)] = safe
    graph_id = graph_attrs.pop("id", None)
    for key in ("node_default", "edge_default"):  # networkx's reserved keys, never written as data
        graph_attrs.pop(key, None)
    columns = {}
    for scope, types in (("graph", {k: _kind(v) for k, v in graph_attrs.items()}),
                         ("node", _column_types(attrs for _, attrs in node_records())),
                         ("edge", _column_types(attrs for _, _, attrs in edge_records()))):
        columns[scope] = {key: (f"d{i}", kind) for i, (key, kind) in
                          enumerate(types.items(), start=sum(len(c) for c in columns.values()))}

    out = _Chunks(handle)
    out.add(
        "<?xml version='1.0' encoding='utf-8'?>\n",
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
    )
    for scope, cols in columns.items():
        for key, (key_id, kind) in cols.items():
            out.add(f'  <key id="{key_id}" for="{scope}" attr.name={quoteattr(_clean_text(key))} '
                    f'attr.type="{_GRAPHML_TYPE[kind]}" />\n')
    graph_id = "" if graph_id is None else f" id={quoteattr(str(graph_id))}"
    out.add(f'  <graph edgedefault="undirected"{graph_id}>\n')
    if graph_attrs:
        out.add("    ", _graphml_data(graph_attrs, columns["graph"]), "\n")
    for n, attrs in node_records():
        out.add(f"    <node id={_quoted(ids[n])}>", _graphml_data(attrs, columns["node"]), "</node>\n")
    for u, v, attrs in edge_records():
        out.add(f"    <edge source={_quoted(ids[u])} target={_quoted(ids[v])}>",
                _graphml_data(attrs, columns["edge"]), "</edge>\n")
    out.add("  </graph>\n</graphml>\n")
    out.flush()


def to_gexf(G, path, *, partition=None, labels=None, weight="strength"):
    """Write the network as GEXF 1.2 for Gephi, atomically, with every attribute kept.

    Lists are joined with ``"; "``, dates become ISO text, missing values are left out, and a
    ``weight`` copies tie strength (Gephi's edge weight). With ``partition``, nodes get
    ``community`` (-1 = none) and ``community_label``. The caller's graph is not changed.

    The file is streamed, person by person and tie by tie, into a temporary file renamed into
    place at the end (:func:`atomic_open`): the graph is never copied and the XML is never held
    in memory whole, so a network of 30,000 people and 320,000 ties exports in a few megabytes of
    extra memory. Each attribute gets one type, decided in a first pass over the values (ints
    become floats where a float is present, anything else mixed becomes text). The same network
    gives the same bytes (no date stamp, nodes and ties in sorted order).

    Parameters
    ----------
    G : networkx.Graph
    path : str or Path
    partition : dict, optional
    labels : pandas.DataFrame or dict, optional
    weight : str
        Edge attribute copied to ``weight``.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    InputError
        When the graph is directed or a multigraph, or the file cannot be written.

    Examples
    --------
    >>> import networkx as nx, tempfile, os
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", sources=["export"], strength=0.5, last_contact=None)
    >>> path = to_gexf(G, os.path.join(tempfile.mkdtemp(), "net.gexf"), partition={"a": 0, "b": 0})
    >>> nx.read_gexf(path).nodes["a"]["community"]
    0
    """
    with atomic_open(path) as handle:
        _stream_gexf(G, handle, partition=partition, labels=labels, weight=weight)
    return Path(path)


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


def to_csv(G, directory, *, partition=None, labels=None, weight="strength"):
    """Write ``nodes.csv`` and ``edges.csv`` (formula-safe, atomic) for Gephi's spreadsheet import.

    Columns are renamed the way Gephi's Data Laboratory expects: ``Id``, ``Label`` for nodes;
    ``Source``, ``Target``, ``Type`` (Undirected) and ``Weight`` for edges.

    Returns
    -------
    list of pathlib.Path
        The two files written.

    Examples
    --------
    >>> import networkx as nx, tempfile
    >>> G = nx.Graph([("a", "b")])
    >>> [p.name for p in to_csv(G, tempfile.mkdtemp())]
    ['nodes.csv', 'edges.csv']
    """
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise InputError(f"{directory} is a file; CSV export needs a folder to write nodes.csv and edges.csv into.")
    nodes = nodes_table(G, partition=partition, labels=labels).rename(columns={"key": "Id", "name": "Label"})
    edges = edges_table(G, weight=weight).rename(columns={"source": "Source", "target": "Target", "weight": "Weight"})
    edges.insert(2, "Type", "Undirected")
    if "Weight" in edges.columns:
        edges = edges[["Source", "Target", "Type", "Weight", *[c for c in edges.columns[3:] if c != "Weight"]]]
    return [write_csv(nodes, directory / "nodes.csv"), write_csv(edges, directory / "edges.csv")]

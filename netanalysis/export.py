"""File writers: formula-safe CSV, and GEXF, GraphML and node/edge tables for Gephi."""

import contextlib
import datetime as _dt
import math
import os
import re
import tempfile
from bisect import bisect_left
from itertools import chain, repeat
from operator import itemgetter
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


def _add_kinds(kinds, attrs):
    for key, value in attrs.items():
        kind = _KIND.get(type(value)) or _kind(value)
        seen = kinds.get(key)
        if seen is None:
            kinds[key] = {kind}
        elif kind not in seen:
            seen.add(kind)


def _settle(kinds):
    return {key: next(iter(kind)) if len(kind) == 1 else "float" if kind <= {"int", "float"} else "str"
            for key, kind in kinds.items()}


def _column_types(records):
    """One type per attribute, as :func:`_unify_types` decides it, from a pass that keeps no values."""
    kinds = {}
    for attrs in records:
        _add_kinds(kinds, attrs)
    return _settle(kinds)


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
    for u, v, data in _edge_data(G, nodes):
        yield u, v, _edge_attrs(data, weight)


def _edge_data(G, nodes):
    """``(u, v, data)`` in :func:`_edge_records` order, ``data`` being the graph's own (raw) dict."""
    rank = {n: i for i, n in enumerate(nodes)}
    adj = G.adj
    for u, ru in rank.items():
        neighbours = adj[u]
        for r in sorted(r for r in map(rank.__getitem__, neighbours) if r >= ru):
            v = nodes[r]
            yield u, v, neighbours[v]


def _edge_attrs(data, weight):
    """One edge's writer-safe attributes: None dropped, ``weight`` copied from tie strength."""
    attrs = {k if type(k) is str else str(k): _safe_value(val) for k, val in data.items()}
    if None in attrs.values():
        attrs = {k: val for k, val in attrs.items() if val is not None}
    # Gephi reads "weight" as edge weight: use tie strength when there is one.
    if weight and weight != "weight":
        w = attrs.get(weight)
        if isinstance(w, (int, float)) and not isinstance(w, bool):
            attrs["weight"] = float(w)
    return attrs


# Large networks: edges converted a column at a time. Most edges carry the same keys, and each
# column holds values of a few plain types; such a column is converted with C-level passes where
# possible, and repeated values (met, evidence, sources, dates…) are formatted once. An edge with
# another kind of value (numpy scalars, timestamps, sets…), a non-text key or its own "weight"
# goes through _edge_attrs one by one. Both give the same values, types and bytes.

_NONE = type(None)
# Raw types converted column-wise, and the column type each gives (None: the value is dropped).
_PLAIN_KIND = {str: "str", list: "str", _dt.date: "str", _dt.datetime: "str", int: "int", bool: "bool",
               float: "float", _NONE: None}
_CHUNK = 4096  # edges converted together: enough to amortise, small enough to stay streamed
_CACHE_LIMIT = 20_000  # formatted values kept per column: unique values must not pile up


def _column_wise(keys):
    """Whether edges with these keys may be converted a column at a time."""
    return "weight" not in keys and all(type(k) is str for k in keys)


def _edge_chunks(G, nodes):
    """``(us, vs, datas)`` lists of ``_CHUNK`` edges (the last one fewer), in :func:`_edge_records` order."""
    rank = {n: i for i, n in enumerate(nodes)}
    adj = G._adj  # plain dicts: the public views cost a Python call per lookup
    us, vs, datas = [], [], []
    for u, ru in rank.items():
        neighbours = adj[u]
        ranks = sorted(map(rank.__getitem__, neighbours))
        first = bisect_left(ranks, ru)
        if first == len(ranks):
            continue
        later = list(map(nodes.__getitem__, ranks[first:]))
        us.extend(repeat(u, len(later)))
        vs.extend(later)
        datas.extend(map(neighbours.__getitem__, later))
        while len(us) >= _CHUNK:  # the owner alone has up to 30,000 ties: split them too
            yield us[:_CHUNK], vs[:_CHUNK], datas[:_CHUNK]
            us, vs, datas = us[_CHUNK:], vs[_CHUNK:], datas[_CHUNK:]
    if us:
        yield us, vs, datas


def _key_groups(datas):
    """``{keys: indices}`` of a chunk's edges (``range`` when all share their keys)."""
    keys = list(map(tuple, datas))
    distinct = dict.fromkeys(keys)
    if len(distinct) == 1:
        return {keys[0]: range(len(datas))}
    groups = {key: [] for key in distinct}
    for j, key in enumerate(keys):
        groups[key].append(j)
    return groups


def _possible_kinds(datas, weight):
    """Every ``(key, type)`` the chunk's records can hold, or None when one is not plain."""
    possible = set()
    for keys, idx in _key_groups(datas).items():
        if not _column_wise(keys):
            return None
        group = datas if isinstance(idx, range) else [datas[j] for j in idx]
        for key in keys:
            for kind_in in set(map(type, map(itemgetter(key), group))):
                if kind_in not in _PLAIN_KIND:
                    return None
                if _PLAIN_KIND[kind_in]:
                    possible.add((key, _PLAIN_KIND[kind_in]))
                if key == weight and (kind_in is int or kind_in is float):
                    possible.add(("weight", "float"))
    return possible


def _edge_column_types(G, nodes, weight):
    """:func:`_column_types` of the edge records, converting only the chunks that can add a type.

    A chunk whose every possible ``(key, type)`` is already known adds nothing and keeps the
    order in which columns first appear; the others are converted edge by edge.
    """
    kinds, known = {}, set()
    weight = weight if weight != "weight" else None
    for _, _, datas in _edge_chunks(G, nodes):
        possible = _possible_kinds(datas, weight)
        if possible is not None and possible <= known:
            continue
        for data in datas:
            _add_kinds(kinds, _edge_attrs(data, weight))
        known = {(key, kind) for key, seen in kinds.items() for kind in seen}
    return _settle(kinds)


def _without_forbidden(texts):
    # One search over the whole column: control characters are rare.
    if _XML_FORBIDDEN_RE.search("".join(texts)):
        return [text.translate(_XML_FORBIDDEN) for text in texts]
    return texts


def _convert(values, kind_in, kind):
    """:func:`_safe_value` of values of one plain type (no None), coerced to ``kind``; NaN gives None."""
    if kind_in is str:
        return _without_forbidden(values)
    if kind_in is list:
        if set(map(type, chain.from_iterable(values))) <= {str}:
            return _without_forbidden(list(map("; ".join, values)))
        return [_safe_value(v) for v in values]
    if kind_in is _dt.date:
        # Few distinct dates: spell each once. (Not datetimes: equal instants in two time zones
        # are one key but spell differently.)
        distinct = list(set(values))
        spelled = dict(zip(distinct, _without_forbidden(list(map(_dt.date.isoformat, distinct))), strict=True))
        return list(map(spelled.__getitem__, values))
    if kind_in is _dt.datetime:
        return _without_forbidden(list(map(_dt.datetime.isoformat, values)))
    if kind_in is float:
        if any(map(math.isnan, values)):
            values = [None if v != v else v for v in values]
        return [None if v is None else str(v) for v in values] if kind == "str" else values
    if kind == "float":  # int
        return list(map(float, values))
    if kind == "str":  # int or bool
        return list(map(str, values))
    return values


def _safe_column(values, kind):
    """One column of plain values, writer-safe and coerced to ``kind``: None where dropped."""
    kinds_in = set(map(type, values))
    kinds_in.discard(_NONE)
    if len(kinds_in) > 1:
        return [None if (v := _safe_value(value)) is None else _coerce(v, kind) for value in values]
    if not kinds_in:
        return values
    kind_in = kinds_in.pop()
    if None not in values:
        return _convert(values, kind_in, kind)
    converted = iter(_convert([v for v in values if v is not None], kind_in, kind))
    return [None if v is None else next(converted) for v in values]


def _plain_columns(datas, keys, weight, types):
    """Edges sharing ``keys`` as columns: ``(keys, columns)`` in :func:`_edge_attrs` order,
    coerced to their column's type as :func:`_unify_types` would, None where a value is dropped;
    None when a value is not plain.
    """
    out_keys, columns, weights = [], [], None
    for key in keys:
        raw = list(map(itemgetter(key), datas))
        kinds_in = set(map(type, raw))
        if not kinds_in.issubset(_PLAIN_KIND):
            return None
        if kinds_in == {_NONE}:
            continue
        out_keys.append(key)
        columns.append(_safe_column(raw, types[key]))
        if key == weight and weight != "weight" and kinds_in & {int, float}:
            # Gephi's weight copies tie strength as a float (the safe value, before coercion).
            if kinds_in <= {float, _NONE}:
                weights = [None if v != v else v for v in raw]
            elif kinds_in <= {int, _NONE}:
                weights = [None if v is None else float(v) for v in raw]
            else:
                weights = [float(v) if type(v) is int or (type(v) is float and v == v) else None for v in raw]
    if weights is not None:
        out_keys.append("weight")
        columns.append(weights if types["weight"] == "float" else [None if v is None else str(v) for v in weights])
    return out_keys, columns


def _formatted(values, make, cache, template=None):
    """``make(value)`` for each value, "" for None; with a ``cache``, repeated values formatted once.

    Without a cache (unique numbers), ``template.format`` does the work when no value is missing.
    """
    if cache is None:
        if template is not None and None not in values:
            return list(map(template.format, values))
        return ["" if v is None else make(v) for v in values]
    if len(cache) > _CACHE_LIMIT:
        cache.clear()
    for value in set(values).difference(cache):
        cache[value] = "" if value is None else make(value)
    return list(map(cache.__getitem__, values))


def _float_texts(values):
    """``repr`` of each float (GEXF's and GraphML's spelling but for infinities); repeated values once."""
    distinct = set(values)
    # 0.0 and -0.0 are one key but spell differently: no shortcut when a zero is present.
    if len(distinct) * 4 < len(values) and 0.0 not in distinct:
        spelled = {v: repr(v) for v in distinct}
        return list(map(spelled.__getitem__, values))
    return list(map(repr, values))


def _column_parts(values, make, cache, prefix, suffix, spelled=None):
    """Iterables whose row-wise concatenation gives ``make(value)`` for each value ("" for None).

    Finite floats are spelled with ``repr`` between ``prefix`` and ``suffix`` (what ``make`` gives
    them); anything else goes through :func:`_formatted`. ``spelled`` (``id(values) -> texts``,
    for lists alive meanwhile) lets a column repeated in one row reuse its spelling.
    """
    if cache is None and None not in values and math.inf not in values and -math.inf not in values:
        if spelled is None:
            return [repeat(prefix), _float_texts(values), repeat(suffix)]
        texts = spelled.get(id(values))
        if texts is None:
            texts = spelled[id(values)] = _float_texts(values)
        return [repeat(prefix), texts, repeat(suffix)]
    return [_formatted(values, make, cache)]


def _chunk_columns(datas, weight, types):
    """A chunk's edges as ``[(indices, keys, columns)]`` groups, and the indices of the other edges."""
    groups, others = [], []
    for keys, idx in _key_groups(datas).items():
        converted = None
        if _column_wise(keys):
            converted = _plain_columns(datas if isinstance(idx, range) else [datas[j] for j in idx], keys, weight, types)
        if converted is None:
            others.extend(idx)
        else:
            groups.append((idx, *converted))
    return groups, others


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


def _edge_columns(G, weight):
    """The columns ``pd.DataFrame`` makes of the rows ``_writer_safe_graph(G).edges(data=True)``
    would give (NaN where a row lacks a key), built a chunk at a time without one dict per edge.
    """
    from .communities import _sorted

    _check_exportable(G)
    nodes = _sorted(G.nodes)
    ids = _unique_ids(nodes)
    types = _edge_column_types(G, nodes, weight)
    table, size = {"source": [], "target": []}, 0
    for us, vs, datas in _edge_chunks(G, nodes):
        m = len(datas)
        # An attribute named source or target replaces the end's key in its row, as in {**row}.
        block = {"source": list(map(ids.__getitem__, us)), "target": list(map(ids.__getitem__, vs))}
        groups, others = _chunk_columns(datas, weight, types)
        for idx, keys, columns in groups:
            for key, column in zip(keys, columns, strict=True):
                if key not in block and isinstance(idx, range):
                    block[key] = [math.nan if v is None else v for v in column] if None in column else column
                    continue
                cells = block.setdefault(key, [math.nan] * m)
                for j, v in zip(idx, column, strict=True):
                    if v is not None:
                        cells[j] = v
        for j in others:
            for key, v in _edge_attrs(datas[j], weight).items():
                block.setdefault(key, [math.nan] * m)[j] = _coerce(v, types[key])
        for key, cells in block.items():
            table.setdefault(key, [math.nan] * size).extend(cells)
        size += m
        for cells in table.values():
            if len(cells) < size:
                cells.extend([math.nan] * (size - len(cells)))
    return table, size


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
    # The rows _writer_safe_graph's nodes would give, without converting the edges.
    from .communities import _sorted

    _check_exportable(G)
    nodes = _sorted(G.nodes)
    ids = _unique_ids(nodes)
    node_attrs = [attrs for _, attrs in _node_records(G, nodes, ids, partition=partition, labels=labels)]
    _unify_types(node_attrs)
    rows = [{"key": ids[n], **{k: v for k, v in d.items() if k != "label"}} for n, d in zip(nodes, node_attrs, strict=True)]
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
    columns, size = _edge_columns(G, weight)
    df = pd.DataFrame(columns) if size else pd.DataFrame()
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


def _gexf_piece(attr_id, kind):
    if kind == "str":
        return lambda text: f'<attvalue for="{attr_id}" value={_quoted(text)} />'
    return lambda value: f'<attvalue for="{attr_id}" value="{_xml_text(value)}" />'


def _place(rows, idx, texts):
    if isinstance(idx, range):
        rows[:] = texts
    else:
        for j, text in zip(idx, texts, strict=True):
            rows[j] = text


def _gexf_edges(G, nodes, ids, columns, types, weight, weight_kind):
    """The ``<edge>`` elements as :func:`_stream_gexf` writes them, one text per chunk of edges.

    ``columns`` are the attribute columns (without a numeric weight), ``types`` every edge
    attribute's type, ``weight_kind`` the type of a numeric ``weight`` (written as the edge's
    weight attribute) or None.
    """
    quoted = {n: _quoted(ids[n]) for n in nodes}
    pieces = {key: _gexf_piece(attr_id, kind) for key, (attr_id, kind) in columns.items()}
    affixes = {key: (f'<attvalue for="{attr_id}" value="', '" />') for key, (attr_id, _) in columns.items()}
    caches = {key: None if kind == "float" else {} for key, (_, kind) in columns.items()}
    start = 0
    for us, vs, datas in _edge_chunks(G, nodes):
        rows = [""] * len(datas)
        groups, others = _chunk_columns(datas, weight, types)
        for idx, keys, values in groups:
            body, weights, spelled = [], None, {}
            for key, column in zip(keys, values, strict=True):
                if key == "weight" and weight_kind is not None:
                    weights = column
                else:
                    body += _column_parts(column, pieces[key], caches[key], *affixes[key], spelled)
            bodies = list(map("".join, zip(*body, strict=False))) if body else [""] * len(idx)
            row = [repeat("      <edge source="), [quoted[us[j]] for j in idx], repeat(" target="),
                   [quoted[vs[j]] for j in idx], repeat(' id="'), map(str, [start + j for j in idx]), repeat('"')]
            if weights is not None:
                if weight in keys and weights == values[keys.index(weight)]:
                    weights = values[keys.index(weight)]  # the same floats: spelled once (see _float_texts)
                # _xml_text(_coerce(w, weight_kind)) is repr(w) for these float weights
                row += _column_parts(weights, lambda w: f' weight="{_xml_text(_coerce(w, weight_kind))}"', None,
                                     ' weight="', '"', spelled)
            texts = list(map("".join, zip(*row, repeat("><attvalues>"), bodies, repeat("</attvalues></edge>\n"),
                                          strict=False)))
            if "" in bodies:  # every value missing: an empty element, as for the other edges
                for k, text in enumerate(texts):
                    if not bodies[k]:
                        texts[k] = text[:text.index("><attvalues>")] + " />\n"
            _place(rows, idx, texts)
        for j in others:
            attrs = _edge_attrs(datas[j], weight)
            head = f'      <edge source={quoted[us[j]]} target={quoted[vs[j]]} id="{start + j}"'
            if weight_kind is not None and "weight" in attrs:
                head += f' weight="{_xml_text(_coerce(attrs.pop("weight"), weight_kind))}"'
            rows[j] = f"{head}>{_gexf_attvalues(attrs, columns)}</edge>\n" if attrs else f"{head} />\n"
        start += len(datas)
        yield "".join(rows)


def _graphml_piece(key_id):
    return lambda value: f'<data key="{key_id}">{_graphml_text(value)}</data>'


def _graphml_edges(G, nodes, ids, columns, weight):
    """The ``<edge>`` elements as :func:`_stream_graphml` writes them, one text per chunk of edges."""
    quoted = {n: _quoted(ids[n]) for n in nodes}
    types = {key: kind for key, (_, kind) in columns.items()}
    pieces = {key: _graphml_piece(key_id) for key, (key_id, _) in columns.items()}
    affixes = {key: (f'<data key="{key_id}">', "</data>") for key, (key_id, _) in columns.items()}
    caches = {key: None if kind == "float" else {} for key, (_, kind) in columns.items()}
    for us, vs, datas in _edge_chunks(G, nodes):
        rows = [""] * len(datas)
        groups, others = _chunk_columns(datas, weight, types)
        for idx, keys, values in groups:
            body = []
            for key, column in zip(keys, values, strict=True):
                body += _column_parts(column, pieces[key], caches[key], *affixes[key])
            _place(rows, idx, list(map("".join, zip(repeat("    <edge source="), [quoted[us[j]] for j in idx],
                                                   repeat(" target="), [quoted[vs[j]] for j in idx], repeat(">"),
                                                   *body, repeat("</edge>\n"), strict=False))))
        for j in others:
            rows[j] = (f"    <edge source={quoted[us[j]]} target={quoted[vs[j]]}>"
                       f"{_graphml_data(_edge_attrs(datas[j], weight), columns)}</edge>\n")
        yield "".join(rows)


def _stream_gexf(G, handle, *, partition=None, labels=None, weight="strength"):
    """Write GEXF 1.2draft to ``handle`` node by node and edge by edge, without copying the graph.

    Two passes over the attributes: the first decides each column's type (Gephi wants one per
    column, and the declarations come before the nodes), the second converts and writes. Edges
    go a chunk at a time (:func:`_gexf_edges`): the type pass reads only the value types of most
    chunks, and the write pass converts and formats a column at a time.
    """
    from . import __version__
    from .communities import _sorted

    _check_exportable(G)
    nodes = _sorted(G.nodes)
    ids = _unique_ids(nodes)

    def node_records():
        return _node_records(G, nodes, ids, partition=partition, labels=labels)

    # The node label is an XML attribute, as is a numeric edge weight; the rest are columns.
    node_types = _column_types({k: v for k, v in attrs.items() if k != "label"} for _, attrs in node_records())
    edge_types = _edge_column_types(G, nodes, weight)
    all_edge_types = dict(edge_types)
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
    out.flush()
    for text in _gexf_edges(G, nodes, ids, edge_columns, all_edge_types, weight, weight_kind if numeric_weight else None):
        handle.write(text)
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
                         ("edge", _edge_column_types(G, nodes, weight))):
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
    out.flush()
    for text in _graphml_edges(G, nodes, ids, columns["edge"], weight):
        handle.write(text)
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

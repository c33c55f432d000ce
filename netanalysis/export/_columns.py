"""Chunked edge columns: large networks' edges converted and formatted a column at a time.

Most edges carry the same keys, and each column holds values of a few plain types; such a column
is converted with C-level passes where possible, and repeated values (met, evidence, sources,
dates…) are formatted once. An edge with another kind of value (numpy scalars, timestamps, sets…),
a non-text key or its own "weight" goes through ``edge_attrs`` one by one. Both give the same
values, types and bytes.
"""

import datetime as _dt
import math
from bisect import bisect_left
from itertools import chain, repeat
from operator import itemgetter

from ._values import add_kinds, coerce, edge_attrs, safe_value, settle_kinds, without_forbidden

__all__ = ["chunk_columns", "column_parts", "edge_chunks", "edge_column_types", "place"]


_NONE = type(None)

# Raw types converted column-wise, and the column type each gives (None: the value is dropped).
_PLAIN_KIND = {str: "str", list: "str", _dt.date: "str", _dt.datetime: "str", int: "int", bool: "bool",
               float: "float", _NONE: None}


_CHUNK = 4096  # edges converted together: enough to amortise, small enough to stay streamed

_CACHE_LIMIT = 20_000  # formatted values kept per column: unique values must not pile up


def _column_wise(keys):
    """Whether edges with these keys may be converted a column at a time."""
    return "weight" not in keys and all(type(k) is str for k in keys)


def edge_chunks(G, nodes):
    """``(us, vs, datas)`` lists of ``_CHUNK`` edges (the last one fewer), in :func:`edge_records` order."""
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


def edge_column_types(G, nodes, weight):
    """:func:`column_types` of the edge records, converting only the chunks that can add a type.

    A chunk whose every possible ``(key, type)`` is already known adds nothing and keeps the
    order in which columns first appear; the others are converted edge by edge.
    """
    kinds, known = {}, set()
    weight = weight if weight != "weight" else None
    for _, _, datas in edge_chunks(G, nodes):
        possible = _possible_kinds(datas, weight)
        if possible is not None and possible <= known:
            continue
        for data in datas:
            add_kinds(kinds, edge_attrs(data, weight))
        known = {(key, kind) for key, seen in kinds.items() for kind in seen}
    return settle_kinds(kinds)


def _convert(values, kind_in, kind):
    """:func:`safe_value` of values of one plain type (no None), coerced to ``kind``; NaN gives None."""
    if kind_in is str:
        return without_forbidden(values)
    if kind_in is list:
        if set(map(type, chain.from_iterable(values))) <= {str}:
            return without_forbidden(list(map("; ".join, values)))
        return [safe_value(v) for v in values]
    if kind_in is _dt.date:
        # Few distinct dates: spell each once. (Not datetimes: equal instants in two time zones
        # are one key but spell differently.)
        distinct = list(set(values))
        spelled = dict(zip(distinct, without_forbidden(list(map(_dt.date.isoformat, distinct))), strict=True))
        return list(map(spelled.__getitem__, values))
    if kind_in is _dt.datetime:
        return without_forbidden(list(map(_dt.datetime.isoformat, values)))
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
        return [None if (v := safe_value(value)) is None else coerce(v, kind) for value in values]
    if not kinds_in:
        return values
    kind_in = kinds_in.pop()
    if None not in values:
        return _convert(values, kind_in, kind)
    converted = iter(_convert([v for v in values if v is not None], kind_in, kind))
    return [None if v is None else next(converted) for v in values]


def _plain_columns(datas, keys, weight, types):
    """Edges sharing ``keys`` as columns: ``(keys, columns)`` in :func:`edge_attrs` order,
    coerced to their column's type as :func:`unify_types` would, None where a value is dropped;
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


def column_parts(values, make, cache, prefix, suffix, spelled=None):
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


def chunk_columns(datas, weight, types):
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


def place(rows, idx, texts):
    if isinstance(idx, range):
        rows[:] = texts
    else:
        for j, text in zip(idx, texts, strict=True):
            rows[j] = text

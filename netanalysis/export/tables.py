"""Node and edge tables of a network, writer-safe, and Gephi's spreadsheet import (nodes.csv, edges.csv)."""

import math
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..safefiles import write_csv
from ._columns import chunk_columns, edge_chunks, edge_column_types
from ._values import check_exportable, coerce, edge_attrs, node_records, sorted_nodes, unify_types, unique_ids

__all__ = ["edges_table", "nodes_table", "to_csv"]


def _edge_columns(G, weight):
    """The columns ``pd.DataFrame`` makes of the rows ``writer_safe_graph(G).edges(data=True)``
    would give (NaN where a row lacks a key), built a chunk at a time without one dict per edge.
    """
    check_exportable(G)
    nodes = sorted_nodes(G)
    ids = unique_ids(nodes)
    types = edge_column_types(G, nodes, weight)
    table, size = {"source": [], "target": []}, 0
    for us, vs, datas in edge_chunks(G, nodes):
        m = len(datas)
        # An attribute named source or target replaces the end's key in its row, as in {**row}.
        block = {"source": list(map(ids.__getitem__, us)), "target": list(map(ids.__getitem__, vs))}
        groups, others = chunk_columns(datas, weight, types)
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
            for key, v in edge_attrs(datas[j], weight).items():
                block.setdefault(key, [math.nan] * m)[j] = coerce(v, types[key])
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
    # The rows writer_safe_graph's nodes would give, without converting the edges.
    check_exportable(G)
    nodes = sorted_nodes(G)
    ids = unique_ids(nodes)
    node_attrs = [attrs for _, attrs in node_records(G, nodes, ids, partition=partition, labels=labels)]
    unify_types(node_attrs)
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

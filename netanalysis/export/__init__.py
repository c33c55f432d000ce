"""File writers: formula-safe CSV, and GEXF, GraphML and node/edge tables for Gephi.

The safe-file floor (atomic writes, formula-safe CSV) lives in :mod:`netanalysis.safefiles`; its
names stay importable from here.
"""

from ..safefiles import atomic_open, atomic_write_text, formula_safe, formula_safe_frame, write_csv
from .gexf import to_gexf
from .graphml import to_graphml
from .tables import edges_table, nodes_table, to_csv

__all__ = [
    "atomic_open", "atomic_write_text", "edges_table", "formula_safe", "formula_safe_frame", "nodes_table", "to_csv", "to_gexf",
    "to_graphml", "write_csv",
]

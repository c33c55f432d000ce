"""File writers: formula-safe CSV, and (later) GEXF and GraphML for Gephi."""

import os
import tempfile
from pathlib import Path

import pandas as pd

__all__ = ["formula_safe", "formula_safe_frame", "write_csv", "atomic_write_text"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    """Make a text value inert in a spreadsheet: prefix a quote when it could start a formula.

    Spreadsheets run cells that begin with ``=``, ``+``, ``-``, ``@``, tab or carriage return
    (OWASP "CSV injection"). A leading apostrophe makes them plain text. Numbers are unchanged.

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
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
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


def atomic_write_text(path, text, *, encoding="utf-8"):
    """Write ``text`` to ``path`` through a temporary file and a rename.

    An interrupted run never leaves a half-written file behind.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_csv(df, path, *, bom=False):
    """Write a table as formula-safe UTF-8 CSV, atomically.

    Parameters
    ----------
    df : pandas.DataFrame
    path : str or Path
    bom : bool
        Start with a UTF-8 byte-order mark so that Excel opens accents correctly.
    """
    text = formula_safe_frame(df).to_csv(index=False, lineterminator="\r\n" if bom else "\n")
    return atomic_write_text(path, ("\ufeff" if bom else "") + text)

"""Tables for people: what a command prints on a terminal.

A library function returns a complete table (keys, raw floats, every row); ``--format csv|json``
prints it as it is. On a terminal, the same table is shown for reading:

- the columns a command declares in its :class:`View`, names first, machine keys hidden (``--wide``
  shows every column);
- numbers for reading: counts as whole numbers, shares as percentages, other numbers with two
  decimals (two significant digits below 0.01, so that a small value never reads as zero),
  "—" for unknown, never ``-0.00``;
- text left-aligned, numbers right-aligned, the whole table fitted to the terminal's width
  (:func:`shutil.get_terminal_size`, 100 columns when the output is not a terminal): long text
  wrapped or cut with "…", headers wrapped, and the least important columns left out (and named)
  when nothing else fits;
- long tables cut to a top (``--top N``, ``--all``), sorted by what the command is about
  (``--sort COLUMN``), the owner first where the table lists everyone, with a last line saying
  how many rows were left out and how to see them.
"""

import argparse
import dataclasses
import difflib
import math
import shutil
import unicodedata

import pandas as pd

from .._terminal import clean_for_terminal
from ..errors import InputError

__all__ = ["Column", "View", "fill", "format_number", "render", "terminal_width"]

DASH = "—"
GAP = "  "
MET_WORDS = {"in_person": "in person", "online": "online", "unknown": "not said"}
_START = object()


@dataclasses.dataclass(frozen=True)
class Column:
    """One column of a table for people.

    Parameters
    ----------
    name : str
        The library table's column; ``"*"`` stands for every column not named elsewhere in the view
        (the per-person columns of ``compare``).
    title : str, optional
        The header shown (default: the name with spaces for underscores).
    kind : {"text", "wrap", "int", "num", "share", "date", "bool", "you", "met", "value"}
        How cells read: text cut to fit, text wrapped to fit, a count, a number with two decimals,
        a share as a percentage, a day, yes/blank, "you"/blank, how a tie was met in words ("in person",
        "online", "not said"), or (``value``) a number whose row says whether it is a
        share (an indicator whose name ends in ``share`` or ``density``).
    min : int
        Narrowest width text may be squeezed to before columns are left out.
    repeat : bool
        False: a cell equal to the one above is left blank (a group shown once).
    """

    name: str
    title: str = None
    kind: str = "text"
    min: int = 12
    repeat: bool = True

    @property
    def header(self):
        return self.title if self.title is not None else self.name.replace("_", " ")


@dataclasses.dataclass(frozen=True)
class View:
    """How a command's table reads on a terminal.

    Parameters
    ----------
    columns : tuple of Column
        In order of importance as well as of display: when the table cannot fit, the last ones
        are left out first (but never the first).
    sort : str, optional
        The column the rows are sorted by (default: the library's order).
    ascending : bool
        Sort direction for ``sort``.
    top : int, optional
        How many rows are shown by default (None: all).
    owner_first : bool
        The owner's row (``key`` equal to the ego, or ``ego`` true) first, whatever the sort.
    """

    columns: tuple
    sort: str = None
    ascending: bool = False
    top: int = None
    owner_first: bool = False


def terminal_width():
    """The terminal's width in columns: ``$COLUMNS``, the terminal itself, or 100 when there is none.

    Examples
    --------
    >>> import os
    >>> os.environ["COLUMNS"] = "100"
    >>> terminal_width()
    100
    """
    return max(40, shutil.get_terminal_size((100, 24)).columns)


def fill(text, *, indent="", width=None):
    """``text`` wrapped to the terminal's width, each line after the first indented by ``indent``.

    Examples
    --------
    >>> print(fill("say: Congratulations on your new role, Chloé!", indent="     ", width=24))
    say: Congratulations on
         your new role,
         Chloé!
    """
    width = width or terminal_width()
    text = str(text)
    body = text.lstrip(" ")
    lead = text[:len(text) - len(body)]
    lines = _wrap(body, max(10, width - len(lead)))
    first, rest = lead + lines[0], " ".join(lines[1:])
    return "\n".join([first] + [indent + line for line in (_wrap(rest, max(10, width - _width(indent))) if rest else [])])


def _missing(value):
    if value is None or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def format_number(value, kind="num"):
    """A number for reading: ``int`` whole, ``share`` a percentage, ``num`` two decimals; "—" for unknown.

    Examples
    --------
    >>> format_number(629.0, "int"), format_number(0.424483, "share"), format_number(-0.0001, "num")
    ('629', '42%', '-0.0001')
    >>> format_number(-0.0, "num"), format_number(float("nan")), format_number(41616, "num"), format_number(0.0024)
    ('0', '—', '41,616', '0.0024')
    """
    if _missing(value):
        return DASH
    try:
        value = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if kind == "share":
        percent = value * 100
        if percent != 0 and abs(percent) < 10:
            text = f"{percent:.1f}%"
            return "<0.1%" if text in ("0.0%", "-0.0%") else text
        return f"{round(percent) + 0:.0f}%"
    if kind == "int" or value == int(value):
        return f"{round(value) + 0:,}"
    if abs(value) < 0.01:
        return f"{value:.2g}"
    text = f"{value:,.2f}"
    return "0.00" if text == "-0.00" else text


def _is_share(indicator):
    text = str(indicator)
    return text.endswith(("share", "density")) or text.startswith("density")


def _cell(value, kind, row):
    if kind in ("int", "num", "share"):
        return format_number(value, kind)
    if kind == "value":
        return format_number(value, "share" if _is_share(row.get("indicator", "")) else "num")
    if kind in ("bool", "you"):
        return "" if _missing(value) or not bool(value) else ("yes" if kind == "bool" else "you")
    if kind == "met":  # how a tie was met, in words
        return MET_WORDS.get(value, "" if _missing(value) else str(value))
    if kind == "date":
        if _missing(value):
            return DASH
        return value.date().isoformat() if hasattr(value, "date") and callable(value.date) else str(value)[:10]
    if _missing(value):
        return ""
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return format_number(value)
    return " ".join(str(value).split())  # one line: newlines and tabs read as spaces


def _width(text):
    """Columns a text takes on a terminal (wide East Asian characters and emoji take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)


def _cut(text, width):
    """The longest start of ``text`` that fits ``width`` columns, with "…" when cut."""
    if _width(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        w = _width(char)
        if used + w > width - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + "…"


def _wrap(text, width):
    """Lines of at most ``width`` columns, broken at spaces (a longer word is broken too)."""
    lines, line = [], ""
    for word in text.split(" "):
        while _width(word) > width:
            room = width - _width(line) - (1 if line else 0)
            if room < 2:
                lines.append(line)
                line, room = "", width
            head = _cut(word, room + 1)[:-1] if _width(word) > room else word
            lines.append((line + " " if line else "") + head)
            line, word = "", word[len(head):]
        candidate = f"{line} {word}" if line else word
        if _width(candidate) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines or [""]


def _pad(text, width, right):
    space = " " * max(0, width - _width(text))
    return space + text if right else text + space


def _resolve(name, columns, what="column"):
    """The column called ``name`` (or titled so), or a one-line error with the nearest names."""
    for column in columns:
        if name in (column, column.replace("_", " ")):
            return column
    near = difflib.get_close_matches(name, list(columns), n=1, cutoff=0.6)
    hint = f"; did you mean '{near[0]}'?" if near else f"; the columns are: {', '.join(columns)}"
    raise InputError(f"--sort: no {what} '{name}' in this table{hint}")


def _order(df, view, options, ego):
    sort = getattr(options, "sort", None)
    if sort:
        column = _resolve(sort, [str(c) for c in df.columns])
        numeric = pd.api.types.is_numeric_dtype(df[column]) and not pd.api.types.is_bool_dtype(df[column])
        df = df.sort_values(column, ascending=not numeric, na_position="last", kind="stable")
    elif view.sort and view.sort in df.columns:
        df = df.sort_values(view.sort, ascending=view.ascending, na_position="last", kind="stable")
    if view.owner_first and ego is not None:
        if "key" in df.columns:
            mine = df["key"] == ego
        elif "ego" in df.columns:
            mine = df["ego"].fillna(False).astype(bool)
        else:
            mine = pd.Series(False, index=df.index)
        df = pd.concat([df[mine], df[~mine]])
    return df


def _columns(df, view, wide):
    """The columns shown: the view's, with ``*`` expanded; every column with ``--wide``."""
    if wide or view is None:
        named = {c.name: c for c in view.columns} if view else {}
        keys = () if wide else [c for c in df.columns if str(c) in ("key", "url") or str(c).endswith("_key")]
        return [named.get(str(c), Column(str(c), kind=_guess(df[c]))) for c in df.columns if c not in keys]
    named = {c.name for c in view.columns}
    out = []
    for column in view.columns:
        if column.name == "*":
            out += [dataclasses.replace(column, name=str(c), title=str(c)) for c in df.columns if str(c) not in named]
        elif column.name in df.columns:
            out.append(column)
    return out


def _guess(series):
    if pd.api.types.is_bool_dtype(series):
        return "bool"
    if pd.api.types.is_integer_dtype(series):
        return "int"
    if pd.api.types.is_numeric_dtype(series):
        return "num"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "date"
    return "text"


NUMERIC = ("int", "num", "share", "value")


def _fit(columns, cells, width):
    """Column widths that fit ``width``, and the columns that had to be left out."""
    natural = [max([_width(w) for w in c.header.split(" ")] + [_width(v) for v in col] + [1])
               for c, col in zip(columns, cells, strict=True)]
    natural = [max(n, _width(c.header)) if _width(c.header) <= 24 and c.kind not in NUMERIC else n
               for n, c in zip(natural, columns, strict=True)]
    lowest = []
    for c, col, n in zip(columns, cells, natural, strict=True):
        if c.kind in NUMERIC or c.kind in ("date", "bool", "you"):
            # Numbers are never cut, and their header wraps between words, never inside one.
            lowest.append(max([_width(v) for v in col] + [max(_width(w) for w in c.header.split(" ") or [""]), 3]))
        else:
            lowest.append(min(n, c.min))
    text = [sum(_width(v) for v in col) + 1 for col in cells]
    widths = list(natural)
    shown = list(range(len(columns)))
    dropped = []
    while True:
        total = sum(widths[i] for i in shown) + len(GAP) * (len(shown) - 1)
        excess = total - width
        if excess <= 0:
            break
        room = [i for i in shown if widths[i] > lowest[i]]
        wrapped = [i for i in room if columns[i].kind == "wrap"]
        if wrapped:  # wrapped text first (it only takes more lines), where a column less adds the fewest lines
            widths[min(wrapped, key=lambda i: (text[i] / widths[i] ** 2, i))] -= 1
            continue
        if room:  # then text cut with "…": the widest first
            widths[max(room, key=lambda i: (widths[i], -i))] -= 1
            continue
        if len(shown) == 1:
            widths[shown[0]] = max(1, width)
            break
        dropped.append(shown.pop())
    return widths, shown, dropped


def render(df, view=None, options=None, *, ego=None, width=None):
    """The table as text for a person to read (see the module's description).

    Parameters
    ----------
    df : pandas.DataFrame
        The library's table, complete.
    view : View, optional
        The command's columns, sort and top (default: every column, guessed kinds).
    options : argparse.Namespace, optional
        ``show_top``, ``show_all``, ``sort``, ``wide`` from :func:`add_table_arguments`.
    ego : str, optional
        The owner's key, for ``View(owner_first=True)``; a cell (other than a key column) that shows
        this key, because the owner has no name, reads "you".
    width : int, optional
        Default :func:`terminal_width`.

    Returns
    -------
    str
        Lines ending in a newline.

    Examples
    --------
    >>> t = pd.DataFrame({"key": ["k1", "k2", "k3"], "name": ["Ana", "Bo", "Cy"], "share": [0.5, 0.25, None]})
    >>> print(render(t, View((Column("name"), Column("share", kind="share")), sort="share", top=2), width=40), end="")
    name  share
    ----  -----
    Ana     50%
    Bo      25%
    1 more row not shown (--top N or --all to see more; --format csv for the whole table).
    """
    options = options or argparse.Namespace()
    width = width or terminal_width()
    wide = getattr(options, "wide", False)
    if getattr(options, "sort", None):
        _resolve(options.sort, [str(c) for c in df.columns])  # a wrong --sort is said, rows or not
    if not len(df):
        return "(no rows)\n"
    df = _order(df, view or View(()), options, ego)
    total = len(df)
    top = None if getattr(options, "show_all", False) else (getattr(options, "show_top", None)
                                                            or (view.top if view else None))
    if top is not None:
        df = df.head(top)
    columns = _columns(df, view, wide)
    records = df.to_dict(orient="records")
    cells = []
    for column in columns:
        col, previous = [], _START
        for row in records:
            value = row.get(column.name)
            if column.kind == "you" and ego is not None and "key" in row:
                value = row["key"] == ego  # merged exports: every owner is an ego, only one is you
            elif ego is not None and isinstance(value, str) and value == ego and "key" not in column.name:
                value = "you"  # an owner without a name (a lone Connections.csv): never the owner:<file> key
            text = clean_for_terminal(_cell(value, column.kind, row))
            same = not column.repeat and previous is not _START and _same(previous, value)
            col.append("" if same else text)
            previous = value
        cells.append(col)
    if wide:
        widths = [max([_width(c.header)] + [_width(v) for v in col]) for c, col in zip(columns, cells, strict=True)]
        shown, dropped = list(range(len(columns))), []
    else:
        widths, shown, dropped = _fit(columns, cells, width)
    lines = []
    headers = {i: _wrap(columns[i].header, widths[i]) for i in shown}
    for n in range(max(len(h) for h in headers.values())):
        lines.append(GAP.join(_pad(_cut(headers[i][n], widths[i]) if n < len(headers[i]) else "", widths[i],
                                   columns[i].kind in NUMERIC) for i in shown).rstrip())
    lines.append(GAP.join("-" * widths[i] for i in shown))
    for r in range(len(records)):
        parts = {}
        for i in shown:
            text, kind = cells[i][r], columns[i].kind
            if kind == "wrap" and not wide:
                parts[i] = _wrap(text, widths[i])
            else:
                parts[i] = [text if wide else _cut(text, widths[i])]
        for n in range(max(len(p) for p in parts.values())):
            lines.append(GAP.join(_pad(parts[i][n] if n < len(parts[i]) else "", widths[i],
                                       columns[i].kind in NUMERIC) for i in shown).rstrip())
    notes = []
    if total > len(records):
        left = total - len(records)
        notes.append(f"{left:,} more row{'s' if left > 1 else ''} not shown (--top N or --all to see more; "
                     "--format csv for the whole table).")
    # A caveat column that does not fit is not lost: when the rows shown share a few notes, they are
    # printed under the table (a withheld value must say why).
    for i in [i for i in dropped if columns[i].kind == "wrap"]:
        distinct = list(dict.fromkeys(v for v in cells[i] if v))
        if 0 < len(distinct) <= 3:
            dropped.remove(i)
            notes += [f"{columns[i].header}: {text}" for text in distinct]
    if dropped:
        names = ", ".join(columns[i].header for i in sorted(dropped))
        notes.append(f"Left out to fit {width} columns: {names} (--wide shows every column).")
    for note in notes:
        lines += _wrap(note, width) if not wide else [note]
    return "\n".join(lines) + "\n"


def _same(a, b):
    if _missing(a) and _missing(b):
        return True
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False

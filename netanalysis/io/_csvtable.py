"""CSV text to a table: the header found by content, rows read by pandas' C parser or the csv module.

The pandas fast path is taken only when its result is provably what the csv module gives, line for
line; field sizes are bounded (``MAX_FIELD_BYTES``).
"""

import csv
import io
import itertools
import re
from dataclasses import dataclass

import pandas as pd

from ..errors import InputError
from ._specs import RECOGNISED, SPECS, norm_header, wanted_columns
from .tables import Skip

__all__ = [
    "HEADER_HEAD_CHARS",
    "HEADER_SEARCH_RECORDS",
    "MAX_FIELD_BYTES",
    "MAX_ROWS",
    "PANDAS_MIN_CHARS",
    "Table",
    "fast_columns",
    "find_header",
    "first_records",
    "match_header",
    "read_table",
    "records",
    "text_column",
]

MAX_FIELD_BYTES = 1 << 20  # one CSV field (1 MiB)
MAX_ROWS = 1_000_000  # records in one file (a real messages.csv holds tens of thousands)
HEADER_SEARCH_RECORDS = 50  # how far down a file the header row may sit

# CSV tables


@dataclass
class Table:
    """A CSV file's rows after its header, by row (``rows``) or by column (``transposed``)."""

    columns: dict  # canonical name -> index in a row
    header: list
    rows: list  # rows padded/truncated to the header width
    lines: list  # physical 1-based line of each row's first line
    header_line: int
    delimiter: str
    skipped: list  # Skip for rows the CSV layer could not use
    transposed: list = None  # columns, computed on first use

    @property
    def n(self):
        return len(self.lines)

    def row(self, i):
        return self.rows[i] if self.rows is not None else [column[i] for column in self.transposed]


# Up to this many characters a text is split into lines by a StringIO (fast, but it holds the text
# again, as four bytes a character); a longer one line by line, so that memory stays bounded.
STRINGIO_MAX_CHARS = 8 << 20
# A physical line longer than this is not handed to the csv module: the record holding it is
# reported (no field can be within its limit on a line many times longer).
MAX_LINE_CHARS = 8 * MAX_FIELD_BYTES


class _Lines:
    """The physical lines of ``text`` (split as ``StringIO(newline="")`` splits), one at a time.

    A line longer than ``MAX_LINE_CHARS`` is cut there, and its number is added to ``cut``.
    """

    def __init__(self, text):
        self.text, self.cut, self.number = text, set(), 0
        self.breaks = re.compile("\r\n|\r|\n" if "\r" in text else "\n")

    def __iter__(self):
        text, find, position, size = self.text, self.breaks.search, 0, len(self.text)
        while position < size:
            found = find(text, position)
            end = found.end() if found else size
            self.number += 1
            if end - position > MAX_LINE_CHARS:
                self.cut.add(self.number)
                yield text[position:position + MAX_LINE_CHARS]
            else:
                yield text[position:end]
            position = end


# Read after the text's last line: decoding removes NUL characters, so a field ending in one is a
# field the end of the text left open (an unclosed quote), and a record of just it is the end.
_END = "\x00"
UNCLOSED_QUOTE = "a quote opened on this line is never closed: the file ends inside it"


def records(text, delimiter, limit=None):
    """Yield (first line, last line, record or csv.Error), counting physical lines.

    A record that holds a line over ``MAX_LINE_CHARS`` is given as a csv.Error ("line too long"),
    as is one that the end of the text leaves inside a quoted field (:data:`UNCLOSED_QUOTE`: the
    csv module would end it quietly, with its fields shifted).
    """
    if len(text) > STRINGIO_MAX_CHARS:
        lines = _Lines(text)
        source = itertools.chain(lines, (_END,))
    else:
        lines = None
        source = itertools.chain(io.StringIO(text, newline=""), (_END,))
    reader = csv.reader(source, delimiter=delimiter)
    previous = 0
    count = 0
    while limit is None or count < limit:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            row = error
        start, previous = previous + 1, reader.line_num
        if not isinstance(row, csv.Error) and row and row[-1].endswith(_END):
            if row == [_END]:
                return
            row, previous = csv.Error(UNCLOSED_QUOTE), previous - 1
        elif lines is not None and lines.cut and any(start <= n <= previous for n in lines.cut):
            row = csv.Error(f"line too long (over {MAX_LINE_CHARS // 2**20} MiB)")
        count += 1
        yield start, previous, row


class _FieldLimit:
    """Set csv's (process-wide) field size limit explicitly while reading, then restore it."""

    def __enter__(self):
        self.saved = csv.field_size_limit(MAX_FIELD_BYTES)

    def __exit__(self, *exc):
        csv.field_size_limit(self.saved)


def match_header(row, spec):
    """Map canonical columns to indexes if ``row`` is this spec's header, else None."""
    cells = [norm_header(c) for c in row]
    found = {}
    for canonical, aliases in spec["columns"].items():
        for index, cell in enumerate(cells):
            if cell in aliases and index not in found.values():
                found[canonical] = index
                break
    if spec["required"] and not all(c in found for c in spec["required"]):
        return None
    if not found:
        return None
    return found


HEADER_HEAD_CHARS = 1 << 16  # where the header search reads first (enough for 50 usual records)


def first_records(text, delimiter):
    """The first ``HEADER_SEARCH_RECORDS`` records, as ``records`` gives them.

    A long file is read from its first 64 KiB when those hold one record more than needed: every
    record but the last one read there ended before the cut, so it is the same as in the whole
    text (the csv module reads sequentially). This saves copying a large file into a StringIO
    for every header search.
    """
    if len(text) > HEADER_HEAD_CHARS:
        head = list(records(text[:HEADER_HEAD_CHARS], delimiter, limit=HEADER_SEARCH_RECORDS + 1))
        if len(head) > HEADER_SEARCH_RECORDS:
            return head[:HEADER_SEARCH_RECORDS]
    return records(text, delimiter, limit=HEADER_SEARCH_RECORDS)


def find_header(text, spec):
    """Return (delimiter, header line, columns, header row) or None.

    ``spec``: a file specification (see ``_specs``): the header row must hold its required
    columns, and one of its ``any_of`` columns when it names some.
    """
    any_of = set(spec.get("any_of", ()))
    for delimiter in (",", ";", "\t"):
        for start, _end, row in first_records(text, delimiter):
            if isinstance(row, csv.Error):
                continue
            columns = match_header(row, spec)
            if columns is None:
                continue
            if any_of and not (any_of & set(columns)):
                continue
            return delimiter, start, columns, row
    return None


def _guess_kind(text):
    """Which known file the text's header looks like, for error messages (or None)."""
    for kind in RECOGNISED:
        if find_header(text, SPECS[kind]) is not None:
            return SPECS[kind]["display"]
    return None


# Below this size the csv module reads a file faster than pandas starts (~0.7 ms per call).
PANDAS_MIN_CHARS = 1 << 14


def read_table(text, name, spec, report, raw=None):
    """Parse ``text`` as the file ``spec`` describes: find header, read rows, note CSV-level skips.

    ``name`` names the file in error messages; ``report`` (a FileReport) gets the delimiter.
    ``raw``: the UTF-8 bytes ``text`` was decoded from, if exactly that (see ``_decode.decode``).
    """
    found = find_header(text, spec)
    if found is None:
        looks = _guess_kind(text)
        if looks and looks != spec["display"]:
            raise InputError(
                f"{name} has the header of {looks}, not of {spec['display']}; "
                f"pass the {spec['display']} file instead.")
        wanted = wanted_columns(spec)
        raise InputError(
            f"{name}: no header row with the columns {wanted} was found in the first "
            f"{HEADER_SEARCH_RECORDS} lines; is this the {spec['display']} file?")
    delimiter, header_line, columns, header = found
    width = len(header)
    report.delimiter = delimiter
    report.notes.extend(_repeated_columns(header, header_line))
    fast = fast_columns(text, delimiter, header_line, width, raw) if len(text) >= PANDAS_MIN_CHARS else None
    if fast is not None:
        transposed, lines = fast
        return Table(columns, header, None, lines, header_line, delimiter, [], transposed)
    rows, lines, skipped = [], [], []
    single_line = spec.get("single_line", False)
    with _FieldLimit():
        for start, end, row in records(text, delimiter):
            if start <= header_line:
                continue
            if len(rows) + len(skipped) >= MAX_ROWS:
                raise InputError(f"{name}, line {start}: more than {MAX_ROWS:,} rows, far more than a LinkedIn "
                                 "export file holds; the file is damaged or not from LinkedIn.")
            if isinstance(row, csv.Error):
                if str(row) == UNCLOSED_QUOTE and end - start >= 20:
                    raise InputError(
                        f"{name}, line {start}: a quote opened on this line is not closed, so the next "
                        f"{end - start} lines cannot be read; fix the quote (or export the file again).")
                reason = ("field too long (over 1 MB)" if "field larger" in str(row)
                          else str(row) if str(row) == UNCLOSED_QUOTE or str(row).startswith("line too long")
                          else f"unreadable row ({row})")
                skipped.append(Skip(start, reason))
                continue
            if not row:  # a blank line is not a data row
                continue
            if single_line and end > start and len(row) != width:
                # A valid quoted field may hold a line break (RFC 4180), and then the record has the
                # header's width; one that has not is an unbalanced quote that swallowed lines.
                if end - start >= 20:
                    raise InputError(
                        f"{name}, line {start}: a quote opened on this line is not closed, so the next "
                        f"{end - start} lines cannot be read; fix the quote (or export the file again).")
                skipped.append(Skip(start, f"a quoted field runs over lines {start}-{end} (unbalanced quote?)"))
                continue
            if len(row) < width:
                row = row + [""] * (width - len(row))
            elif len(row) > width:
                if any(cell.strip() for cell in row[width:]):
                    skipped.append(Skip(start, f"{len(row)} fields where the header has {width}"))
                    continue
                row = row[:width]
            rows.append(row)
            lines.append(start)
    return Table(columns, header, rows, lines, header_line, delimiter, skipped)


def _repeated_columns(header, line):
    """A note for each header name that appears more than once (the first such column is read)."""
    places = {}
    for index, cell in enumerate(header):
        if norm_header(cell):
            places.setdefault(norm_header(cell), []).append(index + 1)
    return [f"line {line}: the header names '{header[at[0] - 1].strip()}' {len(at)} times (columns "
            f"{', '.join(map(str, at))}); column {at[0]} is read, the others are not"
            for at in places.values() if len(at) > 1]


def fast_columns(text, delimiter, header_line, width, raw=None):
    """Parse the rows after the header with pandas' C parser: (columns, lines), or None.

    Used only when the result is provably what the csv module would give, line for line: every
    record on its own physical line, no row wider than the header, no field over the limit.
    Anything else (multi-line fields, ragged rows, huge fields) goes through the csv module.
    ``raw`` (optional) holds the UTF-8 bytes that decode to exactly ``text``: pandas reads them
    without encoding the text again.
    """
    if (b"\r" in raw) if raw is not None else ("\r" in text):  # (bytes are searched ~5x faster)
        return _fast_columns_lines(text, delimiter, header_line, width)
    # Lines end with "\n" only: locate them by counting, without a copy of every line.
    start = raw_start = 0
    for _ in range(header_line - 1):
        start = text.find("\n", start) + 1
        if raw is not None:
            raw_start = raw.find(b"\n", raw_start) + 1
    body = text[start:]
    newlines = body.count("\n")
    count = newlines + (not body.endswith("\n"))
    if count < 2 or count > MAX_ROWS or (len(body) > MAX_FIELD_BYTES and _longest_line(body) > MAX_FIELD_BYTES):
        return None  # no field can exceed its line
    source = io.StringIO(body) if raw is None else io.BytesIO(raw[raw_start:])
    frame = _pandas_rows(source, delimiter)
    if frame is None or len(frame) != count or frame.shape[1] != width:
        return None
    columns = [frame[name].tolist()[1:] for name in frame.columns]
    lines = list(range(header_line + 1, header_line + count))
    if "\n\n" in body:  # blank lines are not data rows (as with the csv module)
        physical = body.split("\n")[1:count]
        blank = {i for i, line in enumerate(physical) if not line}
        if blank:
            keep = [i for i in range(len(lines)) if i not in blank]
            columns = [[column[i] for i in keep] for column in columns]
            lines = [lines[i] for i in keep]
    return columns, lines


def _longest_line(body):
    """Length of the longest physical line of ``body`` (with its "\\n"), lines ending in "\\n".

    Exact only when it matters: when every stretch of half the field limit holds a line break, no
    line can reach the limit, and a few ``find`` calls say so without splitting the text.
    """
    half = MAX_FIELD_BYTES // 2
    if all(body.find("\n", start, start + half) >= 0 for start in range(0, len(body), half)):
        return MAX_FIELD_BYTES - 1  # at most 2 * half - 1 characters, the line break included
    lines = body.split("\n")
    longest = max(map(len, lines[:-1]), default=-1) + 1
    return max(longest, len(lines[-1]))


def _pandas_rows(source, delimiter):
    """Every record of ``source`` as strings (header included), or None if pandas cannot."""
    try:
        return pd.read_csv(
            source, sep=delimiter, header=None, dtype=object, na_filter=False,
            keep_default_na=False, skip_blank_lines=False, engine="c", quoting=csv.QUOTE_MINIMAL,
            doublequote=True, escapechar=None, comment=None, encoding="utf-8", encoding_errors="strict",
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, OverflowError, MemoryError):
        return None


def _fast_columns_lines(text, delimiter, header_line, width):
    """:func:`fast_columns` for text with carriage returns (lines split as the csv module does)."""
    physical = io.StringIO(text, newline="").readlines()
    body = physical[header_line - 1:]
    if len(body) < 2 or len(body) > MAX_ROWS or max(map(len, body)) > MAX_FIELD_BYTES:  # (no field exceeds its line)
        return None
    frame = _pandas_rows(io.StringIO("".join(body)), delimiter)
    if frame is None or len(frame) != len(body) or frame.shape[1] != width:
        return None
    columns = [frame[name].tolist()[1:] for name in frame.columns]
    lines = list(range(header_line + 1, header_line + len(body)))
    blank = [i for i, line in enumerate(body[1:]) if not line.rstrip("\r\n")]
    if blank:  # blank lines are not data rows (as with the csv module)
        keep = sorted(set(range(len(lines))) - set(blank))
        columns = [[column[i] for i in keep] for column in columns]
        lines = [lines[i] for i in keep]
    return columns, lines


def text_column(table, canonical, strip=True):
    """One column as a list of strings (``""`` when the column is absent)."""
    index = table.columns.get(canonical)
    if index is None:
        return [""] * table.n
    if table.transposed is None:
        table.transposed = list(zip(*table.rows, strict=True)) if table.rows else [()] * len(table.header)
        table.rows = None
    values = table.transposed[index]
    return list(map(str.strip, values)) if strip else list(values)

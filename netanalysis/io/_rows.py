"""Row accounting: why each row was skipped, the file's report filled, the result table built.

Every reader goes through these: a row is either used or reported with its line and a reason
(``rows == used + len(skipped)``).
"""

import numpy as np
import pandas as pd

from .._strings import TEXT_DTYPE
from .tables import Skip

__all__ = ["empty_mask", "finish_codes", "finish_report", "first_reason", "kept_frame", "value_mask"]


def finish_report(report, table, used_mask, reasons):
    """Fill rows/used/skipped from the table and a per-row reason list ('' = used)."""
    skipped = list(table.skipped)
    for line, reason in zip(table.lines, reasons, strict=True):
        if reason:
            skipped.append(Skip(line, reason))
    skipped.sort(key=lambda s: s.line)
    report.skipped = skipped
    report.used = int(sum(used_mask))
    report.rows = report.used + len(skipped)


def finish_codes(report, table, codes, labels):
    """:func:`finish_report` from reason codes: ``codes`` (int array, 0 = used) index ``labels``.

    Returns the positions of the used rows.
    """
    skipped = list(table.skipped)
    dropped = np.flatnonzero(codes)
    lines = table.lines
    skipped.extend(Skip(lines[i], labels[c]) for i, c in zip(dropped.tolist(), codes[dropped].tolist(), strict=True))
    skipped.sort(key=lambda s: s.line)
    report.skipped = skipped
    report.used = len(codes) - len(dropped)
    report.rows = report.used + len(skipped)
    return np.flatnonzero(codes == 0)


def first_reason(n, checks):
    """Reason codes: for each row, 1 + the index of the first check (a boolean array) it fails, or 0."""
    codes = np.zeros(n, dtype=np.int64)
    for code, failed in reversed(list(enumerate(checks, start=1))):
        codes[failed] = code
    return codes


def value_mask(values, test):
    """``test`` applied to each value of a list, computed once per distinct value (boolean array)."""
    answers = {value: bool(test(value)) for value in set(values)}
    return np.fromiter(map(answers.__getitem__, values), dtype=bool, count=len(values))


def empty_mask(values):
    """Boolean array: which strings of a list are empty."""
    return ~np.fromiter(map(bool, values), dtype=bool, count=len(values))


def kept_frame(data, keep, columns):
    """The result table: the rows ``keep`` (positions) of ``data``, columns in order, a RangeIndex.

    ``data`` maps each column to a list of strings, an array or a Series, with one value per row of the
    file, or with one value per kept row already (when shorter). Same table as the obvious
    ``pd.DataFrame(data)[mask].reset_index(drop=True)[columns]``, without building every column
    twice: string lists become ``str`` arrays directly.
    """
    n = len(data["line"])
    if n == 0:  # pandas infers object columns from empty lists: keep exactly what it gives
        frame = pd.DataFrame(data)
        return frame[pd.Series([], dtype=bool)].reset_index(drop=True)[columns]
    arrays = {}
    for column in columns:
        value = data[column]
        if isinstance(value, pd.Series):
            array = value.array
        elif isinstance(value, np.ndarray):
            array = value
        else:
            array = pd.array(value, dtype=TEXT_DTYPE)
        arrays[column] = array.take(keep) if len(array) == n and len(keep) < n else array
    return pd.DataFrame(arrays, copy=False)

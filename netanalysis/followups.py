"""The follow-ups ledger: ``followups.csv``, where the user marks suggestions done, declined or snoozed.

Every suggestion of the to-do list has a stable ``id`` (:func:`item_id`: a hash of its kind and the
people's keys), so the same suggestion keeps its id from one run to the next. The user edits the
``status`` column of the ledger in a spreadsheet:

- empty: still open;
- ``done`` or ``declined``: never suggested again;
- ``snooze until YYYY-MM-DD``: left out until that date, suggested again from it.

Any other status stops the to-do list with the file and line, so that a typo never hides a
suggestion silently.
"""

import csv
import datetime as _dt
import hashlib
import io
import re
from pathlib import Path

import pandas as pd

from .errors import InputError

__all__ = ["FOLLOWUP_COLUMNS", "SUGGESTION_KEYS", "apply_followups", "followups_table", "hidden_ids", "item_id",
           "read_followups", "suggestion_ids", "write_followups"]

#: Columns of ``followups.csv``.
FOLLOWUP_COLUMNS = ["id", "kind", "name", "other_name", "reason", "status", "note", "key", "other_key"]

#: The kinds of suggestion another table can hold, and the columns naming its people: the rows of
#: :func:`netanalysis.dormant_ties` are ``reconnect`` suggestions (``key``), those of
#: :func:`netanalysis.introductions` ``introduce`` suggestions (``a`` and ``b``), with the ids the
#: to-do list gives them.
SUGGESTION_KEYS = {"reconnect": ("key",), "introduce": ("a", "b")}

_SNOOZE = re.compile(r"^snooze\s+until\s+(\S+)$", re.IGNORECASE)
_MAX_BYTES = 20_000_000


def item_id(kind, keys, detail=""):
    """A suggestion's stable id: the first 12 hex digits of SHA-1 over its kind, keys and detail.

    The keys are sorted (an introduction of a to b is the one of b to a). ``detail`` tells two
    suggestions about the same people apart when they should not share a status: the to-do list
    passes the new company or position of a job change, so that a later move is congratulated too.

    Examples
    --------
    >>> item_id("introduce", ["b", "a"]) == item_id("introduce", ["a", "b"])
    True
    >>> len(item_id("reconnect", ["linkedin.com/in/ana"]))
    12
    """
    text = "\x1f".join([str(kind), *sorted(str(k) for k in keys), str(detail)])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _text_columns(df):
    return pd.DataFrame({c: df[c].fillna("").astype(str) if c in df.columns else pd.Series("", index=df.index)
                         for c in FOLLOWUP_COLUMNS})


def followups_table(todo, previous=None):
    """The ledger rows for a to-do list, keeping what the user wrote in a previous ledger.

    Parameters
    ----------
    todo : pandas.DataFrame
        What :func:`netanalysis.todo_list` returned.
    previous : pandas.DataFrame, optional
        A ledger read with :func:`read_followups`: its rows come first, unchanged (status and
        note included); suggestions not in it are added after, with an empty status.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FOLLOWUP_COLUMNS`.

    Examples
    --------
    >>> todo = pd.DataFrame({"id": ["x1"], "kind": ["reconnect"], "key": ["k"], "name": ["Ana"],
    ...                      "other_key": [""], "other_name": [""], "reason": ["met in person"]})
    >>> followups_table(todo)[["id", "kind", "status"]]
       id       kind status
    0  x1  reconnect
    """
    rows = _text_columns(todo)
    rows["status"] = ""
    rows["note"] = ""
    if previous is not None and len(previous):
        kept = _text_columns(previous)
        rows = pd.concat([kept, rows[~rows["id"].isin(set(kept["id"]))]], ignore_index=True)
    return rows[FOLLOWUP_COLUMNS].reset_index(drop=True)


def write_followups(todo, path, *, force=False):
    """Write ``followups.csv`` for a to-do list (formula-safe, UTF-8 with BOM for spreadsheets).

    Refuses to replace an existing ledger unless ``force``; with ``force``, the existing ledger's
    rows are kept as they are (statuses and notes) and the new suggestions are added.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile
    >>> todo = pd.DataFrame({"id": ["x1"], "kind": ["reconnect"], "name": ["=Ana"]})
    >>> path = write_followups(todo, Path(tempfile.mkdtemp()) / "followups.csv")
    >>> path.read_text(encoding="utf-8-sig").splitlines()[1]
    "x1,reconnect,'=Ana,,,,,,"
    """
    from .safefiles import write_csv

    path = Path(path)
    previous = None
    if path.exists():
        if not force:
            raise InputError(f"{path} already exists; edit it, or pass --force to add the new suggestions to it.")
        previous = read_followups(path, check=False)
    return write_csv(followups_table(todo, previous), path, bom=True)


def _parse_status(text, where, check=True):
    status = " ".join(str(text or "").split()).casefold()
    if status in ("", "open", "todo"):
        return "open", None
    if status in ("done", "declined"):
        return status, None
    snooze = _SNOOZE.match(status)
    if snooze:
        try:
            return "snoozed", _dt.date.fromisoformat(snooze.group(1))
        except ValueError:
            if check:
                raise InputError(f"{where}: '{text}' has no date I can read; write the date as YYYY-MM-DD, "
                                 "e.g. 'snooze until 2025-03-01'.") from None
            return "open", None
    if check:
        raise InputError(f"{where}: status '{text}' is not one of done, declined or 'snooze until YYYY-MM-DD'; "
                         "leave it empty while the suggestion is open.")
    return "open", None


def read_followups(path, *, check=True):
    """Read ``followups.csv``: the id, status and snooze date of every row.

    Parameters
    ----------
    path : str or Path
    check : bool
        Refuse unknown statuses (default). ``False`` reads them as open (used when rewriting).

    Returns
    -------
    pandas.DataFrame
        :data:`FOLLOWUP_COLUMNS` plus ``state`` (``open|done|declined|snoozed``), ``until``
        (``datetime.date`` or None) and ``line`` (the physical line in the file).

    Raises
    ------
    InputError
        No ``id`` or ``status`` column, a row without an id, an unknown status or an unreadable
        snooze date: one sentence naming the file and line.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "followups.csv"
    >>> _ = path.write_text("id,status\\na1,done\\nb2,snooze until 2025-03-01\\nc3,\\n")
    >>> read_followups(path)[["id", "state", "until", "line"]]
       id    state       until  line
    0  a1     done        None     2
    1  b2  snoozed  2025-03-01     3
    2  c3     open        None     4
    """
    path = Path(path)
    data = path.read_bytes()
    if len(data) > _MAX_BYTES:
        raise InputError(f"{path.name} is larger than {_MAX_BYTES // 1_000_000} MB: is it really a followups.csv?")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    names = [h.strip().casefold() for h in (header or [])]
    if "id" not in names or "status" not in names:
        raise InputError(f"{path.name} line 1: a followups.csv needs 'id' and 'status' columns "
                         "(write one with 'netanalysis todo … --init-followups FILE').")
    rows = []
    line = reader.line_num
    for fields in reader:
        start, line = line + 1, reader.line_num
        if not any(f.strip() for f in fields):
            continue
        record = dict(zip(names, fields, strict=False))
        where = f"{path.name} line {start}"
        ident = record.get("id", "").strip().lstrip("'")
        if not ident:
            if check:
                raise InputError(f"{where}: this row has no id; keep the id column as the to-do list wrote it.")
            continue
        state, until = _parse_status(record.get("status", ""), where, check)
        rows.append({**{c: record.get(c, "") for c in FOLLOWUP_COLUMNS}, "id": ident, "state": state,
                     "until": until, "line": start})
    return pd.DataFrame(rows, columns=[*FOLLOWUP_COLUMNS, "state", "until", "line"])


def suggestion_ids(frame, kind, *, key_map=None):
    """The to-do list's ids for the rows of an analysis table: the same suggestion, the same id.

    Parameters
    ----------
    frame : pandas.DataFrame
        :func:`netanalysis.dormant_ties` (``kind="reconnect"``) or :func:`netanalysis.introductions`
        (``kind="introduce"``): the columns :data:`SUGGESTION_KEYS` names.
    kind : {"reconnect", "introduce"}
    key_map : mapping, optional
        Key as in the table → key the ledger knows (e.g. pseudonym → real key in an anonymised
        report); keys not in it are kept.

    Returns
    -------
    list of str

    Examples
    --------
    >>> intros = pd.DataFrame({"a": ["ana"], "b": ["bo"]})
    >>> suggestion_ids(intros, "introduce") == [item_id("introduce", ["bo", "ana"])]
    True
    """
    if kind not in SUGGESTION_KEYS:
        raise ValueError(f"kind must be one of {', '.join(SUGGESTION_KEYS)}, not {kind!r}.")
    columns = SUGGESTION_KEYS[kind]
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"a table of {kind} suggestions needs the column(s) {', '.join(missing)}.")
    key_map = key_map or {}
    people = zip(*(frame[c].tolist() for c in columns), strict=True)
    return [item_id(kind, [key_map.get(k, k) for k in keys]) for keys in people]


def hidden_ids(ledger, today):
    """The ids the ledger leaves out on ``today``, and what it holds: done, declined, snoozed, returned.

    Parameters
    ----------
    ledger : pandas.DataFrame or None
        What :func:`read_followups` returned (``id, state, until``).
    today : datetime.date
        A snooze ends on its date: from that day on the suggestion is shown again.

    Returns
    -------
    (set of str, dict)
        The ids to leave out, and the counts ``done``, ``declined``, ``snoozed`` (left out
        today) and ``returned`` (snoozes that ended) over the whole ledger.

    Examples
    --------
    >>> import datetime
    >>> ledger = pd.DataFrame({"id": ["a", "b"], "state": ["declined", "snoozed"],
    ...                        "until": [None, datetime.date(2024, 3, 1)]})
    >>> hidden_ids(ledger, datetime.date(2024, 3, 1))
    ({'a'}, {'done': 0, 'declined': 1, 'snoozed': 0, 'returned': 1})
    """
    counts = {"done": 0, "declined": 0, "snoozed": 0, "returned": 0}
    hidden = set()
    if ledger is None or not len(ledger):
        return hidden, counts
    for ident, state, until in zip(ledger["id"], ledger["state"], ledger["until"], strict=True):
        if state in ("done", "declined"):
            counts[state] += 1
            hidden.add(ident)
        elif state == "snoozed":
            if until is not None and until > today:
                counts["snoozed"] += 1
                hidden.add(ident)
            else:
                counts["returned"] += 1
    return hidden, counts


def apply_followups(items, ledger, today, *, kind=None, key_map=None, top=None):
    """Leave out of ``items`` what the ledger says is done, declined or snoozed past ``today``.

    The one filter every command applies (``todo``, ``introductions``, ``dormant``, the report):
    the analyses stay as they are and the ledger is read here.

    Parameters
    ----------
    items : pandas.DataFrame
        Suggestions with an ``id`` column (the to-do list), or, with ``kind``, an analysis table
        whose ids :func:`suggestion_ids` computes (the table keeps its columns).
    ledger : pandas.DataFrame or None
        What :func:`read_followups` returned.
    today : datetime.date
        A snoozed suggestion comes back on its date.
    kind : {"reconnect", "introduce"}, optional
        The kind of suggestion each row of an analysis table is (see :data:`SUGGESTION_KEYS`).
    key_map : mapping, optional
        Passed to :func:`suggestion_ids`.
    top : int, optional
        Keep at most this many rows after the filter (a table asked for ``top`` plus the ledger's
        hidden ids stays ``top`` long). A ``rank`` column is numbered again from 1.

    Returns
    -------
    pandas.DataFrame
        The suggestions still to show; ``attrs["followups"]`` counts ``done``, ``declined``,
        ``snoozed`` (left out today) and ``returned`` (snoozes that ended).

    Examples
    --------
    >>> import datetime
    >>> items = pd.DataFrame({"id": ["a", "b", "c", "d"]})
    >>> ledger = pd.DataFrame({"id": ["a", "b", "c"], "state": ["done", "snoozed", "snoozed"],
    ...                        "until": [None, datetime.date(2025, 1, 1), datetime.date(2024, 1, 1)]})
    >>> out = apply_followups(items, ledger, datetime.date(2024, 6, 1))
    >>> out["id"].tolist(), out.attrs["followups"]
    (['c', 'd'], {'done': 1, 'declined': 0, 'snoozed': 1, 'returned': 1})

    An analysis table, read by kind:

    >>> dormant = pd.DataFrame({"key": ["ana", "bo"], "name": ["Ana", "Bo"]})
    >>> ledger = pd.DataFrame({"id": [item_id("reconnect", ["ana"])], "state": ["done"], "until": [None]})
    >>> apply_followups(dormant, ledger, datetime.date(2024, 6, 1), kind="reconnect")["name"].tolist()
    ['Bo']
    """
    hidden, counts = hidden_ids(ledger, today)
    attrs = dict(items.attrs)
    if not hidden:
        out = items.copy()
    else:
        ids = suggestion_ids(items, kind, key_map=key_map) if kind is not None else items["id"].tolist()
        keep = pd.Series([i not in hidden for i in ids], index=items.index, dtype=bool)
        out = items[keep].reset_index(drop=True)
    if top is not None:
        out = out.head(top)
    if "rank" in out.columns and kind is not None:
        out = out.assign(rank=range(1, len(out) + 1))
    out.attrs = {**attrs, "followups": counts}
    return out

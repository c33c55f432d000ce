"""This week's to-do list: job changes to congratulate, strong ties going quiet, introductions to make.

:func:`todo_list` joins what changed since an older export (:func:`netanalysis.changes`), the
dormant strong ties (:func:`netanalysis.dormant_ties`) and the introductions the person can make
(:func:`netanalysis.introductions`) into one ranked list. Each suggestion carries a stable ``id``, a
one-line reason and a first sentence from fixed templates (:mod:`netanalysis.drafts`); an
introduction carries the double opt-in drafts. The follow-ups ledger (:mod:`netanalysis.followups`)
leaves out what the user already did, declined or snoozed.
"""

from pathlib import Path

import numpy as np
import pandas as pd

from .drafts import draft
from .errors import InputError
from .followups import apply_followups, item_id, read_followups
from .model import as_date, is_missing

__all__ = ["INTRODUCTION_COLUMNS_READ", "TODO_COLUMNS", "TODO_KINDS", "introduction_pairs", "todo_list"]

#: Kinds of suggestion, in the order of the list.
TODO_KINDS = ("congratulate", "reconnect", "introduce")

#: Columns of :func:`todo_list`.
TODO_COLUMNS = ["rank", "id", "kind", "name", "other_name", "reason", "message", "message_b", "introduction",
                "due", "key", "other_key", "strength", "source"]

#: The only columns :func:`introduction_pairs` reads from :func:`netanalysis.introductions`
#: (``a`` and ``b`` are required; a missing name is taken from the graph, a missing score is NaN,
#: the reason is the first of ``reason``, ``why``, ``explanation`` present).
INTRODUCTION_COLUMNS_READ = ("a", "b", "a_name", "b_name", "score", "reason", "why", "explanation")


def introduction_pairs(intros, G=None):
    """Read what the to-do list needs from an introductions table, and nothing else.

    The introductions table's columns may change; this adapter reads only
    :data:`INTRODUCTION_COLUMNS_READ` and says clearly when ``a`` or ``b`` is missing.

    Parameters
    ----------
    intros : pandas.DataFrame
        What :func:`netanalysis.introductions` returned, best first.
    G : networkx.Graph, optional
        Where to find a person's ``name``, ``company`` and ``position``.

    Returns
    -------
    pandas.DataFrame
        ``a, b, a_name, b_name, a_company, a_position, b_company, b_position, score, reason``,
        in the table's order.

    Examples
    --------
    >>> intros = pd.DataFrame({"a": ["x"], "b": ["y"], "score": [0.8], "why": ["you met both"]})
    >>> introduction_pairs(intros)[["a", "b", "a_name", "score", "reason"]]
       a  b a_name  score        reason
    0  x  y      x    0.8  you met both
    """
    missing = [c for c in ("a", "b") if c not in intros.columns]
    if missing:
        raise ValueError(f"the introductions table has no {' or '.join(missing)} column (columns: "
                         f"{', '.join(map(str, intros.columns))}); update netanalysis.todo.introduction_pairs.")
    nodes = G.nodes if G is not None else {}
    reason_column = next((c for c in ("reason", "why", "explanation") if c in intros.columns), None)
    rows = []
    for i in range(len(intros)):
        row = {"a": intros["a"].iat[i], "b": intros["b"].iat[i]}
        for side in ("a", "b"):
            data = nodes[row[side]] if row[side] in nodes else {}
            name = intros[f"{side}_name"].iat[i] if f"{side}_name" in intros.columns else None
            row[f"{side}_name"] = name if isinstance(name, str) and name else data.get("name") or str(row[side])
            row[f"{side}_company"] = data.get("company") or ""
            row[f"{side}_position"] = data.get("position") or ""
        score = intros["score"].iat[i] if "score" in intros.columns else np.nan
        row["score"] = float(score) if not is_missing(score) else np.nan
        reason = intros[reason_column].iat[i] if reason_column else ""
        row["reason"] = reason if isinstance(reason, str) else ""
        rows.append(row)
    columns = ["a", "b", "a_name", "b_name", "a_company", "a_position", "b_company", "b_position", "score", "reason"]
    return pd.DataFrame(rows, columns=columns)


def _exports(exports):
    from .io import read_export

    if isinstance(exports, (str, Path)) or hasattr(exports, "contacts"):
        exports = [exports]
    exports = [read_export(e) if isinstance(e, (str, Path)) else e for e in exports]
    if not exports:
        raise InputError("the to-do list needs at least one export.")
    return exports


def _item(kind, keys, detail, **fields):
    return {"id": item_id(kind, keys, detail), "kind": kind, **fields}


def todo_list(exports, *, since=None, ties=None, followups=None, lang="en", per_kind=5, strong=0.5, months=12,
              today=None, sources=None, identities=None):
    """One ranked list of things worth doing this week, each with a reason and a first sentence.

    Three kinds, in this order (the most time-sensitive first), each best first:

    1. ``congratulate``: a contact's new company or position since the ``since`` export
       (strongest tie first);
    2. ``reconnect``: strong ties that went quiet since the ``since`` export, then the dormant
       strong ties (:func:`netanalysis.dormant_ties`, most valuable first); one suggestion per person;
    3. ``introduce``: the best introductions (:func:`netanalysis.introductions`), with the double
       opt-in drafts: ``message`` asks a, ``message_b`` asks b, ``introduction`` introduces them.

    What the ledger (``followups``) marks done or declined is left out, snoozed items until their
    date; then at most ``per_kind`` suggestions of each kind are kept.

    Parameters
    ----------
    exports : Export, str, Path or list of them
        The person's current export first (several are merged, as in :func:`netanalysis.build_graph`).
    since : Export, str or Path, optional
        An older export of the same person: job changes and ties gone quiet since then.
    ties : Ties, str or Path, optional
        The person's ``ties.csv``.
    followups : str, Path or pandas.DataFrame, optional
        The ledger (``followups.csv``, or what :func:`netanalysis.read_followups` returned).
    lang : {"en", "fr"}
        The language of the first sentences (the reasons stay in English).
    per_kind : int
        At most this many suggestions of each kind (default 5).
    strong, months : float, int
        A tie counts as strong from this strength; dormant after this many months of silence.
    today : date, optional
        The day the list is for (the reminders' date, the end of snoozes). Default: the newest
        export's date (so that the same exports give the same list).
    sources : list of Records, str or Path, optional
        The user's other data (calendar, mailbox, address book…): applied to the current
        exports' graph (mail moves last contacts and strengths, so who is dormant), and to the
        ``since`` export's as it stood on its date (:func:`netanalysis.snapshots.with_sources`).
    identities : Identities, str or Path, optional
        The user's reviewed ``identities.csv`` for ``sources``.

    Returns
    -------
    pandas.DataFrame
        :data:`TODO_COLUMNS`: ``rank`` (1 = first), ``id`` (stable, see
        :func:`netanalysis.item_id`), ``kind``, ``name``, ``other_name`` (introductions),
        ``reason``, ``message``, ``message_b``, ``introduction``, ``due`` (``datetime.date``),
        ``key``, ``other_key``, ``strength`` (tie strength; the score for an introduction) and
        ``source`` (``changes|dormant|introductions``). ``attrs``: ``today``, ``since`` (the
        older export's date or None), ``followups`` (counts of done, declined, snoozed and
        returned items), ``left_out`` (suggestions beyond ``per_kind``, by kind) and
        ``sources`` and ``identities_file`` (what each source added, as in :func:`netanalysis.changes`).

    Examples
    --------
    >>> import netanalysis as na
    >>> files = na.sample_files("cultivator")
    >>> todo = todo_list(files["exports"], ties=files["ties"], per_kind=2)
    >>> todo[["rank", "kind"]].values.tolist()
    [[1, 'reconnect'], [2, 'reconnect'], [3, 'introduce'], [4, 'introduce']]
    >>> todo.loc[0, "message"].startswith("Hi ")
    True
    """
    from .brokerage import introductions
    from .graph import build_graph
    from .io import read_ties
    from .snapshots import changes, with_sources
    from .strength import dormant_ties

    if per_kind < 0:
        raise InputError(f"per_kind must be 0 or more, not {per_kind}.")
    exports = _exports(exports)
    if isinstance(ties, (str, Path)):
        ties = read_ties(ties)
    G = build_graph(exports, ties=ties)
    identities_file = None
    if sources:
        from .io.records import read_source

        sources = [read_source(s) if isinstance(s, (str, Path)) else s for s in sources]  # read once
        identities_file = with_sources(G, sources, identities=identities, exports=exports)["identities"].attrs.get(
            "identities_file")
    ego = G.graph["ego"]
    today = as_date(today) or as_date(G.graph.get("as_of"))
    if today is None:
        raise InputError("these exports carry no date at all; pass the day the list is for (today=…, --today).")
    items = []
    since_date = None
    if since is not None:
        since = _exports(since)[0]
        # The current export's graph serves as the newer snapshot's when it is that export's alone
        # (built once, not again inside changes).
        d_since, d_now = as_date(since.export_date), as_date(exports[0].export_date)
        graphs = (None, G) if len(exports) == 1 and d_since and d_now and d_since < d_now else None
        ch = changes(since, exports[0], ties=ties, strong=strong, graphs=graphs, movement=False,
                     sources=sources, identities=identities)
        since_date = ch.attrs["old_date"]
        for row in ch.to_dict(orient="records"):
            if row["change"] in ("new_company", "new_position"):
                items.append(_item("congratulate", [row["key"]], row["after"].casefold(), name=row["name"],
                                   reason=row["reason"], key=row["key"], strength=row["strength"], source="changes",
                                   message=draft(row["change"], lang, name=row["name"], company=row["company"],
                                                 position=row["position"])))
            elif row["change"] == "gone_quiet":
                items.append(_item("reconnect", [row["key"]], "", name=row["name"], key=row["key"],
                                   reason=f"went quiet since your last export: {row['reason']}",
                                   strength=row["strength"], source="changes",
                                   message=draft("reconnect", lang, name=row["name"], company=row["company"])))
    for row in dormant_ties(G, ego, months=months, strong=strong, as_of=today).to_dict(orient="records"):
        items.append(_item("reconnect", [row["key"]], "", name=row["name"], key=row["key"],
                           reason=f"no contact for {row['months_silent']} months; {row['why']}",
                           strength=row["strength"], source="dormant",
                           message=draft("reconnect", lang, name=row["name"], company=row["company"])))
    if per_kind and G.degree(ego) >= 2:
        pairs = introduction_pairs(introductions(G, ego, top=max(20, 4 * per_kind)), G)
        for row in pairs.to_dict(orient="records"):
            fields = {f"{s}_{f}": row[f"{s}_{f}"] for s in ("a", "b") for f in ("name", "company", "position")}
            items.append(_item("introduce", [row["a"], row["b"]], "", name=row["a_name"], other_name=row["b_name"],
                               key=row["a"], other_key=row["b"], reason=row["reason"], strength=row["score"],
                               source="introductions", message=draft("ask_a", lang, **fields),
                               message_b=draft("ask_b", lang, **fields),
                               introduction=draft("introduce", lang, **fields)))
    df = pd.DataFrame(items, columns=[c for c in TODO_COLUMNS if c != "rank"])
    df = df.drop_duplicates("id", keep="first")  # a tie gone quiet is also dormant: keep the first reason
    if followups is not None:
        ledger = followups if isinstance(followups, pd.DataFrame) else read_followups(followups)
    else:
        ledger = None
    df = apply_followups(df, ledger, today)
    counts = df.attrs["followups"]
    df["_kind"] = df["kind"].map({k: i for i, k in enumerate(TODO_KINDS)})
    df = df.sort_values("_kind", kind="mergesort")
    left_out = {k: max(0, int((df["kind"] == k).sum()) - per_kind) for k in TODO_KINDS}
    df = df.groupby("_kind", sort=False).head(per_kind).drop(columns="_kind").reset_index(drop=True)
    df["due"] = today
    for column in ("other_name", "other_key", "message_b", "introduction"):
        df[column] = df[column].fillna("")
    df["strength"] = df["strength"].astype(float)
    df.insert(0, "rank", np.arange(1, len(df) + 1))
    df = df[TODO_COLUMNS]
    df.attrs.update({"today": today, "since": since_date, "followups": counts, "left_out": left_out,
                     "sources": (G.graph.get("records") or {}).get("sources", []),
                     "identities_file": identities_file})
    return df

"""What changed between two exports of the same person: contacts joined and left, new jobs, ties gone quiet.

Every LinkedIn export is a dated snapshot. :func:`changes` lines up two snapshots of one person and
lists each change once (a tidy table a user can act on); :func:`network_movement` says how the
network's quality moved between the two dates (size, in-person share, strength, active share).
"""

import itertools
from pathlib import Path

import numpy as np
import pandas as pd

from ._messages import message_people
from .errors import InputError
from .identity import key_source_of, normalize_company, normalize_name
from .model import as_date, is_missing
from .tiestrength import lasting_strengths

__all__ = ["CHANGE_KINDS", "changes", "network_movement", "read_snapshots", "with_sources"]

#: The kinds of change, in the order :func:`changes` lists them.
CHANGE_KINDS = ("new_company", "new_position", "gone_quiet", "back_in_touch", "added", "removed")

_COLUMNS = ["change", "key", "name", "before", "after", "company", "position", "connected_on", "last_contact",
            "strength", "met", "matched_by", "old_key", "reason"]

#: Indicators of :func:`netanalysis.network_strength` that :func:`network_movement` follows.
_MOVEMENT = ("size", "in_person_share", "mean_strength", "strong_ties", "active_share")


def _months_between(start, end):
    """Whole calendar months from ``start`` to ``end`` (2023-01-15 → 2024-01-14 is 11)."""
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def _read(item, role):
    if isinstance(item, (str, Path)):
        from .io import read_export

        return read_export(item)
    if not hasattr(item, "contacts") or not hasattr(item, "owner"):
        raise InputError(f"the {role} snapshot must be an export (a path or what read_export returned), "
                         f"not {type(item).__name__}.")
    return item


def _label(export):
    return Path(getattr(export, "path", "") or "export").name


def _same_owner(a, b):
    oa, ob = a.owner or {}, b.owner or {}
    if "unknown" in (oa.get("identified_by"), ob.get("identified_by")):
        return True  # a lone Connections.csv does not say whose it is: nothing to compare
    if oa.get("key") and oa.get("key") == ob.get("key"):
        return True
    na, nb = normalize_name(oa.get("name", "")), normalize_name(ob.get("name", ""))
    both_urls = key_source_of(oa.get("key", "")) == "url" and key_source_of(ob.get("key", "")) == "url"
    return bool(na) and na == nb and not both_urls


def read_snapshots(old, new):
    """Read two exports of one person and put them in date order.

    Parameters
    ----------
    old, new : Export, str or Path
        Two snapshots of the same person, in either order: their export dates (from the
        ``…_MM-DD-YYYY`` archive or folder name) decide which is older.

    Returns
    -------
    (Export, Export, bool)
        The older export, the newer one, and whether they were given the other way round.

    Raises
    ------
    InputError
        When an export has no date, when they belong to two different people, or when two
        different exports carry the same date (nothing says which is older). The same export
        given twice is not an error: it has no changes.

    Examples
    --------
    >>> import datetime, pandas as pd
    >>> from netanalysis.io import Export
    >>> a = Export(path="a", owner={"key": "me", "name": "Me", "identified_by": "given"},
    ...            export_date=datetime.date(2024, 6, 1), contacts=pd.DataFrame())
    >>> b = Export(path="b", owner={"key": "me", "name": "Me", "identified_by": "given"},
    ...            export_date=datetime.date(2024, 1, 1), contacts=pd.DataFrame())
    >>> older, newer, swapped = read_snapshots(a, b)
    >>> older.path, newer.path, swapped
    ('b', 'a', True)
    """
    old, new = _read(old, "old"), _read(new, "new")
    for export in (old, new):
        if as_date(export.export_date) is None:
            raise InputError(
                f"{_label(export)}: this export has no date, so it cannot be put in order; keep the archive's "
                "name (Basic_LinkedInDataExport_MM-DD-YYYY.zip) or put Connections.csv in a folder named that way.")
    if not _same_owner(old, new):
        raise InputError(
            f"{_label(old)} is {old.owner.get('name') or old.owner.get('key')}'s export and {_label(new)} is "
            f"{new.owner.get('name') or new.owner.get('key')}'s: compare two exports of the same person.")
    d_old, d_new = as_date(old.export_date), as_date(new.export_date)
    if d_old == d_new and not _same_content(old, new):
        raise InputError(
            f"{_label(old)} and {_label(new)} are both dated {d_old.isoformat()} but differ, so nothing says "
            "which is older; rename one with its real export date.")
    if d_new < d_old:
        return new, old, True
    return old, new, False


def _same_content(a, b):
    ca, cb = a.contacts, b.contacts
    columns = ["key", "company", "position"]
    if len(ca) != len(cb) or len(a.messages) != len(b.messages):
        return False
    if not len(ca):
        return True
    left = ca[columns].fillna("").sort_values(columns).to_numpy()
    right = cb[columns].fillna("").sort_values(columns).to_numpy()
    return bool((left == right).all())


def _people(export):
    """One row per contact key (the first listing), owner and keyless rows left out."""
    df = export.contacts
    if not len(df):
        return pd.DataFrame(columns=["key", "name", "company", "position", "connected_on"]).set_index("key")
    df = df[(df["key"].fillna("") != "") & (df["key"] != export.owner.get("key"))]
    df = df.drop_duplicates("key")[["key", "name", "company", "position", "connected_on"]].copy()
    for column in ("name", "company", "position"):
        df[column] = df[column].fillna("").astype(str).str.strip()
    return df.set_index("key")


def _match(old, new):
    """Old key -> (new key, how): by key, then by unique normalised name + company."""
    matched = {k: (k, "key") for k in old.index.intersection(new.index)}
    rest_old = old.loc[old.index.difference(new.index)]
    rest_new = new.loc[new.index.difference(old.index)]

    def signature(df):
        sig = [normalize_name(n) + "|" + normalize_company(c) for n, c in zip(df["name"], df["company"], strict=True)]
        s = pd.Series(df.index, index=sig)
        s = s[[not x.startswith("|") and not x.endswith("|") for x in s.index]]  # a name and a company
        return s[~s.index.duplicated(keep=False)]

    a, b = signature(rest_old), signature(rest_new)
    for sig in sorted(set(a.index) & set(b.index)):
        matched[a[sig]] = (b[sig], "name+company")
    return matched


def _text_key(text):
    return " ".join(str(text).casefold().split())


def _job(position, company):
    if position and company:
        return f"{position} at {company}"
    return position or company


def _message_dates(export, rename=None):
    """Per person (key, renamed through ``rename``): the sorted set of message times (ns, UTC)."""
    other, when = message_people(export, export.owner.get("key"))
    if rename:
        other = np.array([rename.get(k, k) for k in other.tolist()], dtype=object)
    return other, when


def _timeline(old, new, rename):
    """Per person (new key): the days of their messages with the owner, oldest first (both exports, once)."""
    o1, w1 = _message_dates(old, rename)
    o2, w2 = _message_dates(new)
    frame = pd.DataFrame({"key": np.concatenate([o1, o2]), "when": np.concatenate([w1, w2])}).drop_duplicates()
    if not len(frame):
        return {}
    frame = frame.sort_values(["key", "when"], kind="mergesort")
    days = frame["when"].to_numpy(dtype=np.int64).view("datetime64[ns]").astype("datetime64[D]").tolist()
    keys = frame["key"].tolist()
    out = {}
    for key, day in zip(keys, days, strict=True):
        out.setdefault(key, []).append(day)
    return out


def _tie(G, ego, key):
    data = G.get_edge_data(ego, key) if key in G else None
    return data or {}


def _graphs(old, new, ties, graphs=None, *, sources=None, identities=None):
    """The two snapshots' graphs (each built once, with the same ties file, or taken from ``graphs``), and
    what became of ``identities``' rows on the last graph built here (None without it).

    The user's other data (``sources``) are applied to each graph built here: the newer one's gets
    all of them, the older one's what is dated up to its export's day (:func:`_until`): a tie is
    scored at the older date with what was known then, as ``ties.csv`` applies to both.
    """
    from .graph import build_graph

    given = tuple(graphs) if graphs is not None else (None, None)
    if len(given) != 2:
        raise ValueError("graphs must be a pair (old graph or None, new graph or None).")
    if any(g is None for g in given) and isinstance(ties, (str, Path)):
        from .io import read_ties

        ties = read_ties(ties)
    built, info = [], None
    for g, e, until in zip(given, (old, new), (as_date(old.export_date), None), strict=True):
        if g is None:
            g = build_graph([e], ties=ties)
            if sources:
                applied = with_sources(g, sources, identities=identities, exports=[e], until=until)
                info = applied["identities"].attrs.get("identities_file")  # the newer graph's, last
        built.append(g)
    return (*built, info)


def with_sources(G, sources, *, identities=None, exports=(), until=None):
    """Apply the user's other data to ``G`` (:func:`netanalysis.recorded.apply_records`), those dated up to ``until``.

    Parameters
    ----------
    G : networkx.Graph
    sources : list of Records, str or Path
        What :func:`netanalysis.io.records.read_source` returned, or the files to read.
    identities : Identities, str or Path, optional
    exports : list of Export
    until : date, optional
        Keep only the meetings and messages dated on or before this day (undated ones are left
        out): the sources as they stood at an older export's date. An address book has no dates:
        it is kept whole, as ``ties.csv`` is.

    Returns
    -------
    dict
        :func:`~netanalysis.recorded.apply_records`'s result.

    Examples
    --------
    >>> import datetime, networkx as nx
    >>> from netanalysis.io.records import empty_records
    >>> G = nx.Graph(ego="me", egos=["me"])
    >>> G.add_edge("me", "bo", evidence="export", sources=["export"], met="unknown")
    >>> out = with_sources(G, [empty_records("mail.mbox", "mail")], until=datetime.date(2024, 1, 1))
    >>> out["sources"][0]["kind"], out["ties_added"]
    ('mail', 0)
    """
    import dataclasses

    from .io.records import read_source
    from .recorded import apply_records

    records = [read_source(s) if isinstance(s, (str, Path)) else s for s in sources]
    if until is not None:
        end = pd.Timestamp(until, tz="UTC") + pd.Timedelta(days=1)
        kept = []
        for r in records:
            keep = (pd.to_datetime(r.occasions["start"], utc=True) < end).to_numpy(dtype=bool)
            occasions = r.occasions[keep]
            kept.append(dataclasses.replace(r, occasions=occasions, presence=r.presence[
                r.presence["occasion"].isin(set(occasions["occasion"].tolist()))]))
        records = kept
    return apply_records(G, records, identities=identities, exports=exports)


def changes(old, new, *, ties=None, strong=0.5, active_months=12, silence_months=12, graphs=None, movement=True,
            sources=None, identities=None):
    """What changed in a person's network between two of their exports: one row per change.

    People are matched across the two snapshots by key (their profile URL), and, for those left
    over, by the same normalised name and company when only the URL changed (``matched_by``).
    A matched person can have several changes (a new company and a tie gone quiet).

    - ``added``: listed in the new export only; ``removed``: in the old one only.
    - ``new_company``: the company changed; ``new_position``: same company, another title. A
      blank company or position on either side is not a change (it is hidden or not filled).
    - ``gone_quiet``: a *strong* tie with a message in the ``active_months`` before the old export
      and none since. Strong is judged as :func:`netanalysis.dormant_ties` judges it: met in
      person (either snapshot), or a *lasting* strength (tie strength at the old date without its
      recency part, so that the last message does not make the tie look strong) of at least ``strong``;
      a tie whose ``met`` is unknown is judged on its other parts (the reason says so).
    - ``back_in_touch``: a message after the old export that ends a silence of at least
      ``silence_months`` since the previous message.

    Messages are read from both exports (the newer one holds the whole history; a message in
    both counts once); a message dated on the old export's day belongs to the old snapshot.

    Parameters
    ----------
    old, new : Export, str or Path
        Two exports of the same person, in either order (see :func:`read_snapshots`).
    ties : Ties, str or Path, optional
        The person's ``ties.csv``: which contacts were met in person (applied to both snapshots).
    strong : float
        Tie strength from which an online tie counts as strong (default 0.5).
    active_months : int
        A tie was active at the old date when a message falls in this many months before it.
    silence_months : int
        Months without a message after which a new message counts as back in touch.
    graphs : (Graph or None, Graph or None), optional
        The older and newer snapshot's graphs when the caller has built them already
        (``build_graph([export], ties=ties)``, as here), in date order: they are used as they are
        instead of being built again (the to-do list and the report pass theirs).
    movement : bool
        Also compute :func:`network_movement` into ``attrs["movement"]`` (default); ``False``
        leaves it empty (the to-do list does not show it).
    sources : list of Records, str or Path, optional
        The user's other data (calendar, mailbox, address book…, :func:`netanalysis.io.records.read_source`):
        applied to the newer snapshot's graph whole, and to the older one's up to its date
        (:func:`with_sources`); not to ``graphs`` given. They change strengths and last contacts,
        never who joined or left: a mail or a meeting since the older export keeps a tie from
        going quiet, and one before it (the last one known on that date) shortens a silence.
    identities : Identities, str or Path, optional
        The user's reviewed ``identities.csv`` for ``sources``.

    Returns
    -------
    pandas.DataFrame
        One row per change, in the order of :data:`CHANGE_KINDS`, then strongest tie first:
        ``change, key`` (the new key; the old one for ``removed``), ``name, before, after``
        (company, position, job or last message on each side, as text), ``company, position``
        (current), ``connected_on, last_contact`` (``datetime.date`` or None), ``strength``
        (tie strength in the newer snapshot; the older for ``removed``), ``met``
        (``in_person|online|unknown``), ``matched_by`` (``key``, ``name+company`` or "" for
        people in one snapshot only), ``old_key`` and ``reason`` (one line in plain words).
        ``df.attrs``: ``old_date``, ``new_date`` (``datetime.date``), ``swapped`` (the exports
        were given newest first), ``owner``, ``matched_by_name`` (people whose URL changed) and
        ``movement`` (the rows of :func:`network_movement`, as a list of dicts), ``sources`` (what
        each source added to the newer graph: :func:`~netanalysis.recorded.apply_records`'s
        ``sources``; empty without them) and ``identities_file`` (what became of ``identities``'
        rows when the newer graph was built here, or None).

    Raises
    ------
    InputError
        Two people's exports, an export without a date, two different exports on one date.

    Examples
    --------
    >>> import datetime, pandas as pd
    >>> from netanalysis.io import Export
    >>> from netanalysis.io.tables import CONTACT_COLUMNS
    >>> def snapshot(day, rows):
    ...     contacts = pd.DataFrame(rows, columns=["key", "name", "company", "position"])
    ...     contacts = contacts.assign(key_source="name", connected_on=pd.Timestamp("2020-01-01"), line=2)
    ...     contacts = contacts.assign(url="", email="", first_name="", last_name="")[CONTACT_COLUMNS]
    ...     return Export(path=f"export-{day}", owner={"key": "me", "name": "Me", "identified_by": "given"},
    ...                   export_date=datetime.date.fromisoformat(day), contacts=contacts)
    >>> old = snapshot("2024-01-01", [("ana", "Ana", "Acme", "Engineer"), ("bo", "Bo", "Fund", "Partner")])
    >>> new = snapshot("2024-07-01", [("ana", "Ana", "Beta", "Engineer"), ("cy", "Cy", "Acme", "CTO")])
    >>> changes(old, new)[["change", "key", "before", "after"]]
            change  key    before              after
    0  new_company  ana      Acme               Beta
    1        added   cy                CTO at Acme
    2      removed   bo  Partner at Fund
    """
    old, new, swapped = read_snapshots(old, new)
    d_old, d_new = as_date(old.export_date), as_date(new.export_date)
    G_old, G_new, identities_file = _graphs(old, new, ties, graphs, sources=sources, identities=identities)
    ego_old, ego_new = G_old.graph["ego"], G_new.graph["ego"]
    p_old, p_new = _people(old), _people(new)
    matched = _match(p_old, p_new)
    rename = {k: v for k, (v, how) in matched.items() if how != "key"}
    times = _timeline(old, new, rename)
    lasting = lasting_strengths(G_old, ego_old, d_old)  # judged as dormant_ties judges them
    rows = []

    # Everyone's company and position as plain dicts (read for every matched person); a whole
    # record only for the few people with a change.
    r_old, r_new = ({k: {"company": c, "position": q} for k, c, q in
                     zip(p.index.tolist(), p["company"].tolist(), p["position"].tolist(), strict=True)}
                    for p in (p_old, p_new))

    def row(change, key, side, before, after, reason, *, matched_by="", old_key=""):
        frame, G, ego = (p_old, G_old, ego_old) if side == "old" else (p_new, G_new, ego_new)
        person = frame.loc[key].to_dict()
        tie = _tie(G, ego, key)
        strength = tie.get("strength")
        rows.append({
            "change": change, "key": key, "name": person["name"], "before": before, "after": after,
            "company": person["company"], "position": person["position"],
            "connected_on": as_date(person["connected_on"]), "last_contact": as_date(tie.get("last_contact")),
            "strength": float(strength) if strength is not None and not is_missing(strength) else np.nan,
            "met": tie.get("met", "unknown"), "matched_by": matched_by, "old_key": old_key, "reason": reason,
        })

    for old_key, (key, how) in sorted(matched.items()):
        a, b = r_old[old_key], r_new[key]
        same_text = a["company"] == b["company"] and a["position"] == b["position"]
        ca, cb = ("", "") if same_text else (normalize_company(a["company"]), normalize_company(b["company"]))
        if same_text:
            pass
        elif ca and cb and ca != cb:
            row("new_company", key, "new", a["company"], b["company"],
                f"moved from {a['company']} to {b['company']}", matched_by=how, old_key=old_key)
        elif ca and cb and a["position"] and b["position"] and _text_key(a["position"]) != _text_key(b["position"]):
            row("new_position", key, "new", a["position"], b["position"],
                f"now {b['position']} at {b['company']} (was {a['position']})", matched_by=how, old_key=old_key)
        days = times.get(key, [])
        before = [d for d in days if d <= d_old]
        after = [d for d in days if d_old < d <= d_new]
        # The user's other data (--source) keep each tie's last mail or meeting: up to the old date on
        # the older graph, and any since on the newer one (no series: the one date each).
        was = as_date(_tie(G_old, ego_old, old_key).get("recorded_last"))
        since = as_date(_tie(G_new, ego_new, key).get("recorded_last"))
        if was is not None and was <= d_old and (not before or was > before[-1]):
            before.append(was)
        if since is not None and since > d_old:
            after.append(since)
        if d_new > d_old and before and not after and _months_between(before[-1], d_old) < active_months:
            in_person = "in_person" in (_tie(G_old, ego_old, old_key).get("met"), _tie(G_new, ego_new, key).get("met"))
            strength, known = lasting.get(old_key, (0.0, 0.0))
            # A tie whose `met` nobody answered is scored as online (its lower bound), which would hide
            # every quiet tie of a user without ties.csv: judge it on what is known of it, and say so.
            if in_person or strength >= strong or known >= strong:
                why = ("met in person" if in_person else f"lasting tie strength {strength:.2f}" if strength >= strong
                       else f"lasting tie strength {known:.2f} on what is known (met in person: not said)")
                what = "contact" if before[-1] == was else "message"
                row("gone_quiet", key, "new", f"last {what} {before[-1].isoformat()}", f"no {what} since",
                    f"{why}; no {what} since {before[-1].isoformat()}", matched_by=how, old_key=old_key)
        for previous, day in itertools.pairwise(days):
            if was is not None and previous < was < day:
                previous = was  # a mail or meeting broke the silence
            if d_old < day <= d_new and _months_between(previous, day) >= silence_months:
                row("back_in_touch", key, "new", f"silent since {previous.isoformat()}",
                    f"message on {day.isoformat()}",
                    f"a message on {day.isoformat()} after {_months_between(previous, day)} months of silence",
                    matched_by=how, old_key=old_key)
                break
    new_keys = {k for k, _ in matched.values()}
    for key in sorted(set(r_new) - new_keys):
        person = r_new[key]
        row("added", key, "new", "", _job(person["position"], person["company"]),
            f"connected since {d_old.isoformat()}")
    for key in sorted(set(r_old) - set(matched)):
        person = r_old[key]
        row("removed", key, "old", _job(person["position"], person["company"]), "",
            f"no longer in your connections on {d_new.isoformat()}", old_key=key)

    df = pd.DataFrame(rows, columns=_COLUMNS)
    if len(df):
        df["_kind"] = df["change"].map({k: i for i, k in enumerate(CHANGE_KINDS)})
        df["_s"] = -df["strength"].fillna(-1.0)
        df = df.sort_values(["_kind", "_s", "name", "key"], kind="mergesort").drop(columns=["_kind", "_s"])
    df = df.reset_index(drop=True)
    df["strength"] = df["strength"].astype(float)
    moved = _movement(G_old, G_new, strong=strong, active_months=active_months).to_dict(orient="records") \
        if movement else []
    df.attrs.update({
        "old_date": d_old, "new_date": d_new, "swapped": swapped, "owner": new.owner.get("key"),
        "matched_by_name": int(sum(how != "key" for _, how in matched.values())),
        "movement": moved, "sources": (G_new.graph.get("records") or {}).get("sources", []),
        "identities_file": identities_file,
    })
    return df


def _movement(G_old, G_new, *, strong, active_months):
    from .strength import network_strength

    tables = []
    for G in (G_old, G_new):
        table = network_strength(G, communities={}, strong=strong, active_months=active_months)
        tables.append(table.set_index("indicator"))
    before, after = tables
    rows = []
    for indicator in _MOVEMENT:
        b, a = float(before.at[indicator, "value"]), float(after.at[indicator, "value"])
        rows.append({"indicator": indicator, "before": b, "after": a, "change": a - b,
                     "meaning": after.at[indicator, "meaning"]})
    return pd.DataFrame(rows, columns=["indicator", "before", "after", "change", "meaning"])


def network_movement(old, new, *, ties=None, strong=0.5, active_months=12, graphs=None):
    """How the network's quality moved between two exports of the same person.

    Each indicator is read from :func:`netanalysis.network_strength` on each snapshot, at its own
    export date: ``size`` (contacts), ``in_person_share`` (share met in person, per ``ties.csv``),
    ``mean_strength`` (average tie strength), ``strong_ties`` (ties of strength ``strong`` or
    more) and ``active_share`` (share with a message or a new connection in the
    ``active_months`` before the export). :func:`changes` keeps the same rows in
    ``attrs["movement"]``.

    Parameters
    ----------
    old, new : Export, str or Path
        Two exports of the same person, in either order.
    ties : Ties, str or Path, optional
    strong : float
    active_months : int
    graphs : (Graph or None, Graph or None), optional
        The two snapshots' graphs when already built, in date order (see :func:`changes`).

    Returns
    -------
    pandas.DataFrame
        ``indicator, before, after, change`` (after − before) and ``meaning``; ``attrs`` holds
        ``old_date``, ``new_date`` and ``swapped``.

    Examples
    --------
    >>> import datetime, pandas as pd
    >>> from netanalysis.io import Export
    >>> from netanalysis.io.tables import CONTACT_COLUMNS
    >>> def snapshot(day, keys):
    ...     contacts = pd.DataFrame({"key": keys, "key_source": "name", "name": keys, "company": "Acme",
    ...                              "position": "Engineer", "connected_on": pd.Timestamp("2024-01-01"), "line": 2})
    ...     contacts = contacts.assign(url="", email="", first_name="", last_name="")[CONTACT_COLUMNS]
    ...     return Export(path=day, owner={"key": "me", "name": "Me", "identified_by": "given"},
    ...                   export_date=datetime.date.fromisoformat(day), contacts=contacts)
    >>> m = network_movement(snapshot("2024-02-01", ["a", "b"]), snapshot("2025-06-01", ["a", "b", "c", "d"]))
    >>> m[["indicator", "before", "after"]].iloc[[0, 4]]
          indicator  before  after
    0          size     2.0    4.0
    4  active_share     1.0    0.0
    """
    old, new, swapped = read_snapshots(old, new)
    G_old, G_new, _ = _graphs(old, new, ties, graphs)
    df = _movement(G_old, G_new, strong=strong, active_months=active_months)
    df.attrs.update({"old_date": as_date(old.export_date), "new_date": as_date(new.export_date), "swapped": swapped})
    return df



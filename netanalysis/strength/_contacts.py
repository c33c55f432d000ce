"""The ego's contacts as one table (person, tie attributes, strength), read once per report.

Shared by every strength analysis (:mod:`netanalysis.strength`) and by the report.
"""

import pandas as pd

from .._shared import shared
from ..model import to_date
from ..tiestrength import tie_strength

__all__ = ["active_mask", "contact_frame", "rank_contacts", "strength_of"]


def strength_of(G):
    """A function (u, v) -> stored strength; the first missing one scores every tie once (without writing).

    Lazy: a caller that only reads the owner's ties never walks the whole graph.
    """
    computed = {}

    def get(u, v):
        value = G._adj[u][v].get("strength")
        if value is not None:
            return float(value)
        if not computed:
            base = G
            while hasattr(base, "_graph"):  # subgraph views: score on the full graph
                base = base._graph
            df = tie_strength(base, inplace=False)
            computed.update((frozenset((a, b)), x) for a, b, x in zip(df["u"], df["v"], df["strength"], strict=True))
        return computed[frozenset((u, v))]

    return get


def contact_frame(G, ego):
    """One row per contact of ``ego``: key, name, company, position, tie attributes, strength.

    Read once per report (:func:`netanalysis._shared.shared_reads`); every caller gets its own copy.
    """
    return shared(G, ("contact frame", ego), lambda: _read_contact_frame(G, ego)).copy()


def _read_contact_frame(G, ego):
    """:func:`_contact_frame`, read from the graph."""
    columns = ["key", "name", "company", "position", "met", "evidence", "messages", "connected_on",
               "last_contact", "strength"]
    get = strength_of(G)
    ties = G._adj[ego]
    keys = sorted((n for n in ties if n != ego), key=str)
    if not keys:
        return pd.DataFrame([], columns=columns)
    datas = [ties[n] for n in keys]
    people = [G.nodes[n] for n in keys]
    # Column by column, from lists of the very values a row-by-row build would hold: same dtypes.
    return pd.DataFrame({
        "key": keys,
        "name": [p.get("name", "") or "" for p in people],
        "company": [p.get("company", "") or "" for p in people],
        "position": [p.get("position", "") or "" for p in people],
        "met": [d.get("met") or "unknown" for d in datas],
        "evidence": [d.get("evidence", "export") for d in datas],
        "messages": [int(d.get("messages") or 0) for d in datas],
        "connected_on": [to_date(d.get("connected_on")) for d in datas],
        "last_contact": [to_date(d.get("last_contact")) for d in datas],
        "strength": [get(ego, n) for n in keys],
    }, columns=columns)


def rank_contacts(df):
    """Order contacts by strength, strongest first; ties broken by key for determinism."""
    order = df.assign(_key=df["key"].astype(str)).sort_values(
        ["strength", "_key"], ascending=[False, True], kind="mergesort").index
    return df.loc[order].reset_index(drop=True)


def active_mask(df, today, months):
    """Which contacts of a :func:`contact_frame` are active: in touch within ``months`` months before ``today``.

    The last contact counts, else the connection (accepting an invitation is a contact); a contact
    with neither date is not active. One rule for every strength analysis.
    """
    horizon = months * 365.25 / 12
    last = [(lc or co) for lc, co in zip(df["last_contact"], df["connected_on"], strict=True)]
    return [d is not None and today is not None and 0 <= (today - d).days <= horizon for d in last]

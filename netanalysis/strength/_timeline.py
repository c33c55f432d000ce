"""Year by year, how many ties were made and how good they were."""

import pandas as pd

from ..model import MET_VALUES, check_ego, check_graph
from ..tiestrength import scored_view
from ._contacts import contact_frame

__all__ = ["quality_timeline"]


def quality_timeline(G, ego=None, *, evidence="all"):
    """Year by year, how many ties were made and how good they were.

    Growth in size says nothing about growth in strength: a year of accepting every invitation
    adds many ties that are online only and weak. Per year of connection this counts the new
    ties, how many were met in person and their mean strength.

    Parameters
    ----------
    G : networkx.Graph
    ego : node, optional
        Default ``G.graph["ego"]``.
    evidence : {"all", "declared", "observed"}

    Returns
    -------
    pandas.DataFrame
        One row per year (oldest first; contacts without a connection date last, with ``year``
        missing): ``year`` (nullable Int64), ``new_ties``, ``in_person``, ``online``, ``unknown``,
        ``in_person_share``, ``mean_strength``, ``cumulative_size``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me")
    >>> G.add_edge("me", "a", connected_on="2020-05-01", met="in_person", strength=0.8)
    >>> G.add_edge("me", "b", connected_on="2021-01-09", met="online", strength=0.2)
    >>> G.add_edge("me", "c", connected_on="2021-07-01", met="in_person", strength=0.6)
    >>> quality_timeline(G)[["year", "new_ties", "in_person_share", "mean_strength", "cumulative_size"]]
       year  new_ties  in_person_share  mean_strength  cumulative_size
    0  2020         1              1.0            0.8                1
    1  2021         2              0.5            0.4                3
    """
    check_graph(G)
    ego = check_ego(G, ego)
    df = contact_frame(scored_view(G, evidence), ego)
    df["year"] = pd.array([d.year if d is not None else None for d in df["connected_on"]], dtype="Int64")
    rows = []
    years = sorted(int(y) for y in df["year"].dropna().unique())
    for year in [*years, None]:
        part = df[df["year"].isna()] if year is None else df[df["year"] == year]
        if year is None and not len(part):
            continue
        counts = {m: int((part["met"] == m).sum()) for m in MET_VALUES}
        rows.append({"year": year, "new_ties": len(part), **counts,
                     "in_person_share": counts["in_person"] / len(part),
                     "mean_strength": float(part["strength"].mean())})
    out = pd.DataFrame(rows, columns=["year", "new_ties", *MET_VALUES, "in_person_share", "mean_strength"])
    out["year"] = out["year"].astype("Int64")
    out["cumulative_size"] = out["new_ties"].cumsum()
    return out

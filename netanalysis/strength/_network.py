"""How strong a person's network is next to how big: the indicator table, Dunbar's circles, Burt's measures."""

import contextlib
import math

import pandas as pd

from .._shared import shared_reads, sharing
from ..communities import partition
from ..coverage import observation, observed_lists
from ..errors import InputError
from ..identity import normalize_company
from ..model import MET_VALUES, check_ego, check_graph, resolve_as_of
from ..tiestrength import scored_view, strong_tie_range
from ._contacts import active_mask, contact_frame, rank_contacts

__all__ = ["DUNBAR_LAYERS", "dunbar_layers", "ego_burt", "network_strength"]

#: Dunbar's layers (Zhou et al. 2005; Dunbar et al. 2015): cumulative sizes of the circles.
DUNBAR_LAYERS = (1.5, 5, 15, 50, 150)


def ego_burt(G, ego=None, *, weight="strength", evidence="all"):
    """Burt's structural-hole measures of one person, computed over their neighbourhood only.

    Effective size is the number of contacts minus their redundancy (how much they are tied to
    each other); efficiency is effective size per contact; constraint (0–1, can exceed 1) is how
    much the person's time and energy is locked into contacts who are tied to each other;
    hierarchy (0–1) is how much that constraint is concentrated on a few contacts.

    Same formulas as :func:`networkx.constraint` and :func:`networkx.effective_size` with
    ``nodes=[ego]`` (Burt 1992; p_ij normalised by all of i's ties, m_jq by j's largest tie), but
    linear in the ties of the ego's contacts instead of quadratic in the ego's degree: a few
    hundred milliseconds at LinkedIn's 30,000-contact cap (networkx takes hours there).

    Parameters
    ----------
    G : networkx.Graph
    ego : node, optional
        Default ``G.graph["ego"]``.
    weight : str or None
        Edge attribute read as tie *strength* (default ``"strength"``); ``None`` counts every tie
        as 1. Edges without the attribute count as 1. Self-loops are ignored.
    evidence : {"all", "declared", "observed"}
        Which ties count (see :func:`netanalysis.graph.filter_evidence`).

    Returns
    -------
    dict
        ``size`` (contacts), ``ties_between_contacts``, ``effective_size``, ``efficiency``,
        ``constraint``, ``hierarchy`` (NaN when fewer than 2 contacts; all NaN without contacts).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("me", "a"), ("me", "b"), ("me", "c"), ("a", "b")])
    >>> {k: round(v, 4) for k, v in ego_burt(G, "me", weight=None).items()}  # doctest: +NORMALIZE_WHITESPACE
    {'size': 3, 'ties_between_contacts': 1, 'effective_size': 2.3333, 'efficiency': 0.7778,
     'constraint': 0.6111, 'hierarchy': 0.0522}

    References
    ----------
    .. [1] Burt, R. S. (1992). Structural Holes. Harvard University Press.
    .. [2] Borgatti, S. (1997). Structural holes: unpacking Burt's redundancy measures.
       Connections 20(1), 35–38.
    """
    check_graph(G)
    ego = check_ego(G, ego)
    # One implementation of Burt's formulas serves the whole package (brokerage's, behind
    # burt_measures, pinned against UCINET); here it is summarised for the ego's strength table.
    # Imported here, not at the top: brokerage imports this package (for its triangles) while
    # it loads. After the merge this is netanalysis.burt, and the import can move up.
    from ..burt import burt_rows

    measures = burt_rows(scored_view(G, evidence), weight, [ego])[ego]
    return {"size": measures["degree"], "ties_between_contacts": measures["ties_between_contacts"],
            "effective_size": measures["effective_size"], "efficiency": measures["efficiency"],
            "constraint": measures["constraint"], "hierarchy": measures["hierarchy"]}


# --------------------------------------------------------------------------------------------
# Dunbar layers


def dunbar_layers(G, ego=None, *, strong=0.5, evidence="all"):
    """Place each contact in Dunbar's circles by tie-strength rank, and say who is strong enough.

    People keep about 1.5, 5, 15, 50 and 150 relationships in nested circles of decreasing
    closeness (Zhou et al. 2005; Dunbar et al. 2015, who found the same layers online). Here the
    contacts are ranked by tie strength; rank 1 is the innermost. The rank alone always "fills"
    the circles, so what matters is how many contacts in each circle are actually strong
    (strength ≥ ``strong``) or were met in person: in a network of strangers the 150 circle is
    filled with weak ties.

    Parameters
    ----------
    G : networkx.Graph
    ego : node, optional
        Default ``G.graph["ego"]``.
    strong : float
        Strength from which a tie counts as strong (default 0.5: with the default weights an
        online-only tie reaches it only with many recent messages over years and shared contacts).
    evidence : {"all", "declared", "observed"}

    Returns
    -------
    pandas.DataFrame
        One row per contact, strongest first: ``key, name, company, met, strength, rank, layer``
        (the smallest Dunbar layer 1.5/5/15/50/150 whose size covers the rank, NaN beyond 150) and
        ``strong`` (bool).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me")
    >>> for i, s in enumerate([0.9, 0.8, 0.2, 0.6, 0.1, 0.7]):
    ...     G.add_edge("me", f"c{i}", strength=s, met="in_person" if s > 0.5 else "online")
    >>> dunbar_layers(G)[["key", "rank", "layer", "strong"]]
      key  rank  layer  strong
    0  c0     1    1.5    True
    1  c1     2    5.0    True
    2  c5     3    5.0    True
    3  c3     4    5.0    True
    4  c2     5    5.0   False
    5  c4     6   15.0   False
    """
    check_graph(G)
    ego = check_ego(G, ego)
    df = rank_contacts(contact_frame(scored_view(G, evidence), ego))
    df["rank"] = range(1, len(df) + 1)
    df["layer"] = [next((float(c) for c in DUNBAR_LAYERS if r <= c), math.nan) for r in df["rank"]]
    df["strong"] = df["strength"] >= strong
    return df[["key", "name", "company", "met", "strength", "rank", "layer", "strong"]]


# --------------------------------------------------------------------------------------------
# the network's strength, indicator by indicator


def _effective_size_bounds(n, seen):
    """Borgatti's unweighted effective size ``n − 2t/n`` at the two extremes of the unknown pairs.

    It falls as ties among the n contacts (t) grow, so with t_obs ties known and u pairs unknown
    the exact range is ``[n − 2(t_obs + u)/n, n − 2 t_obs/n]``.
    """
    if n == 0:
        return math.nan, math.nan
    t_obs, u = seen["tied"], seen["unknown"]
    return n - 2 * (t_obs + u) / n, n - 2 * t_obs / n


def _entropy(counts):
    total = sum(counts)
    if total <= 0:
        return math.nan
    return -sum(c / total * math.log(c / total) for c in counts if c > 0)


def _communities_for(G, ego, communities, evidence):
    """The community mapping to use, and where it came from."""
    if communities is not None:
        return dict(communities), "given"
    try:
        return partition(G, ego=ego, evidence=evidence), "louvain"
    except InputError:
        return None, "none"


def network_strength(G, ego=None, *, communities=None, evidence="all", strong=0.5, active_months=12,
                     as_of=None):
    """How strong a person's network is, next to how big it is: one table of indicators.

    Size counts contacts; strength asks what the network can carry. The table puts side by side
    the size, how many ties were met in person, the strength-weighted size, Dunbar's circles,
    the ties still active, Burt's structural-hole measures, the diversity of communities and
    companies reached, the introductions the person can credibly make, and the people reachable
    through someone met in person.

    Parameters
    ----------
    G : networkx.Graph
        The network, with ``strength`` on its ties (see :func:`tie_strength`; computed when absent).
    ego : node, optional
        Whose network. Default ``G.graph["ego"]``.
    communities : dict, optional
        ``key -> community id``. Default: :func:`netanalysis.communities.partition` on the ties
        between contacts; contacts absent from the mapping (no tie to another contact) are
        counted as unassigned.
    evidence : {"all", "declared", "observed"}
        Which ties count (inferred ties are only used with ``"all"``).
    strong : float
        Strength from which a tie counts as strong (default 0.5).
    active_months : int
        A tie is active when its last contact (or, failing that, the connection) falls within
        this many months before ``as_of``.
    as_of : date, optional
        "Today"; default ``G.graph["as_of"]``, else the newest date in the graph.

    Returns
    -------
    pandas.DataFrame
        Columns ``group, indicator, value, meaning, note``: one row per indicator, ``value`` a
        float, ``meaning`` one plain sentence, ``note`` a caveat (empty when none), e.g. that
        Burt's measures mean nothing while no two contacts are known to be tied. ``df.attrs``
        holds ``ego``, ``as_of`` and ``communities_source`` (``given|louvain|none``).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me", as_of="2024-06-01")
    >>> G.add_edge("me", "a", met="in_person", connected_on="2020-01-01", last_contact="2024-05-01")
    >>> G.add_edge("me", "b", met="in_person", connected_on="2021-01-01")
    >>> G.add_edge("me", "c", met="online", connected_on="2023-09-01")
    >>> G.add_edge("a", "b", evidence="declared")
    >>> from netanalysis.strength import tie_strength
    >>> _ = tie_strength(G)
    >>> t = network_strength(G).set_index("indicator")["value"]
    >>> t[["size", "in_person", "in_person_share", "ties_between_contacts", "introductions"]]
    indicator
    size                     3.000000
    in_person                2.000000
    in_person_share          0.666667
    ties_between_contacts    1.000000
    introductions            0.000000
    Name: value, dtype: float64
    """
    check_graph(G)
    ego = check_ego(G, ego)
    # Run alone, the analyses below share their reads of G (its adjacency, coverage, tie arrays)
    # as they do inside a report.
    with contextlib.nullcontext() if sharing() else shared_reads():
        return _network_strength(G, ego, communities, evidence, strong, active_months, as_of)


def _network_strength(G, ego, communities, evidence, strong, active_months, as_of):
    """:func:`network_strength`'s table, for a checked graph and ego."""
    H = scored_view(G, evidence)
    today = resolve_as_of(G, as_of)
    df = contact_frame(H, ego)
    n = len(df)
    rows = []

    def add(group, indicator, value, meaning, note=""):
        value = math.nan if value is None else float(value)
        rows.append({"group": group, "indicator": indicator, "value": value, "meaning": meaning, "note": note})

    # -- size and how the ties were made
    add("size", "size", n, "contacts: people the person is directly connected to")
    met_counts = {m: int((df["met"] == m).sum()) for m in MET_VALUES}
    for m, label in (("in_person", "met in person"), ("online", "known online only"),
                     ("unknown", "not yet said whether met in person")):
        add("met", m, met_counts[m], f"contacts {label}")
    for m, label in (("in_person", "met in person"), ("online", "online only"),
                     ("unknown", "with unknown 'met'")):
        add("met", f"{m}_share", met_counts[m] / n if n else math.nan, f"share of contacts {label}",
            "many contacts have 'met' unknown: fill in ties.csv" if m == "in_person" and n
            and met_counts["unknown"] / n > 0.5 else "")

    # -- strength
    total = float(df["strength"].sum()) if n else 0.0
    add("strength", "strength_weighted_size", total,
        "sum of tie strengths: the network's size if each tie counts as much as it is strong")
    add("strength", "mean_strength", total / n if n else math.nan, "average tie strength (0 weakest, 1 strongest)")
    n_strong = int((df["strength"] >= strong).sum())
    add("strength", "strong_ties", n_strong, f"contacts with tie strength of at least {strong:g}")
    counts = strong_tie_range(H, ego, strong=strong) if n else None
    if counts:
        low, high = min(counts, key=counts.get), max(counts, key=counts.get)
        spread = ", ".join(f"{name} {count}" for name, count in counts.items())
        add("strength", "strong_ties_fewest", counts[low],
            "strong ties under the plausible weight set giving the fewest (the count rests on the weights)",
            f"{low}; all sets: {spread} (netanalysis.tiestrength.ALTERNATIVE_WEIGHTS)")
        add("strength", "strong_ties_most", counts[high],
            "strong ties under the plausible weight set giving the most", high)
    ranked = rank_contacts(df)
    for layer in DUNBAR_LAYERS:
        top = ranked.head(int(layer))
        add("dunbar", f"layer_{layer:g}_strong", int((top["strength"] >= strong).sum()),
            f"of the {layer:g} closest contacts (Dunbar's {layer:g} circle), how many are strong ties",
            "fewer contacts than the circle holds" if n < layer else "")
        add("dunbar", f"layer_{layer:g}_in_person", int((top["met"] == "in_person").sum()),
            f"of the {layer:g} closest contacts, how many were met in person")

    # -- activity
    if today is not None and n:
        active = sum(active_mask(df, today, active_months))
        undated = sum(1 for lc, co in zip(df["last_contact"], df["connected_on"], strict=True) if (lc or co) is None)
        add("activity", "active_ties", active,
            f"contacts with a message or a new connection in the last {active_months} months",
            f"{undated} contacts have no date" if undated else "")
        add("activity", "active_share", active / n, "share of contacts still active")
    else:
        add("activity", "active_ties", math.nan, "contacts in touch recently", "no dates in the data")
        add("activity", "active_share", math.nan, "share of contacts still active", "no dates in the data")

    # -- structural holes: only where the ties between the contacts are observed
    seen = observation(G, ego, evidence=evidence)
    burt = ego_burt(H, ego, weight="strength")
    t = burt["ties_between_contacts"]
    shown = seen["computable"]
    caveat = "" if shown else seen["note"]
    add("observation", "contacts_observed", seen["contacts_observed"],
        "contacts whose own contact list is observed (they exported theirs)")
    add("observation", "pairs_known_share", seen["known_share"],
        "share of the pairs of contacts whose tie is known: tied, or observed absent (not connected on LinkedIn)",
        seen["line"])
    add("observation", "pairs_unknown", seen["unknown"],
        "pairs of contacts nobody observed: they may or may not know each other")
    add("structure", "ties_between_contacts", t,
        "ties known between the person's contacts (observed in an export or declared; a lower bound)",
        "" if shown or not seen["inferred_unknown"] else
        f"{seen['inferred_unknown']} of them only inferred or recorded by your other data (--source)")
    add("structure", "density_between_contacts", 2 * t / (n * (n - 1)) if n > 1 and shown else math.nan,
        "share of pairs of contacts who are tied to each other", caveat)
    low, high = _effective_size_bounds(n, seen)
    add("structure", "effective_size_lowest", low,
        "effective size (Burt, unweighted) if every unknown pair were tied: the exact lower bound",
        seen["line"] if n else "")
    add("structure", "effective_size_highest", high,
        "effective size (Burt, unweighted) if no unknown pair were tied: the exact upper bound",
        seen["line"] if n else "")
    for indicator, meaning in (
        ("effective_size", "contacts who are not redundant with each other (Burt), weighted by tie strength"),
        ("efficiency", "effective size per contact (1 = no redundancy)"),
        ("constraint", "how much the network locks the person into one closed group (Burt; lower = more brokerage)"),
        ("hierarchy", "how much that constraint comes from a few contacts (0 = evenly spread)"),
    ):
        add("structure", indicator, burt[indicator] if shown else math.nan, meaning, caveat)

    # -- diversity
    mapping, source = _communities_for(G, ego, communities, evidence)
    if mapping is not None and n:
        assigned = [mapping[k] for k in df["key"].tolist() if k in mapping]
        counts = list(pd.Series(assigned, dtype=object).value_counts()) if assigned else []
        h = _entropy(counts)
        add("diversity", "communities_reached", len(counts), "communities among the contacts")
        add("diversity", "community_entropy", h,
            "entropy of contacts across communities (0 = all in one; higher = spread across more)",
            "" if counts else "no communities: no ties between contacts are known")
        add("diversity", "community_effective_number", math.exp(h) if counts else math.nan,
            "the number of equally sized communities that would give the same spread")
        add("diversity", "unassigned_share", 1 - len(assigned) / n,
            "share of contacts in no community (tied to no other contact)")
    names = df["company"].tolist()
    normal = {c: normalize_company(c) for c in set(names)}  # far fewer employers than contacts
    companies = [normal[c] for c in names]
    company_counts = list(pd.Series([c for c in companies if c], dtype=object).value_counts())
    add("diversity", "companies_reached", len(company_counts), "distinct employers among the contacts")
    add("diversity", "company_entropy", _entropy(company_counts),
        "entropy of contacts across employers (higher = spread across more companies)")

    # -- what the network can do
    keys, mets = df["key"].tolist(), df["met"].tolist()
    vouch = [k for k, m, s in zip(keys, mets, df["strength"].tolist(), strict=True) if m == "in_person" or s >= strong]
    vouch_set = set(vouch)
    # C-level intersections of each one's contacts with the others (a self-loop is no tie)
    among = sum(len(H._adj[a].keys() & vouch_set) - (a in H._adj[a]) for a in vouch) // 2
    k = len(vouch)
    add("reach", "credible_introducers_base", k,
        "contacts known well enough to vouch for (met in person or strong tie)")
    add("reach", "introductions", k * (k - 1) // 2 - among if shown else math.nan,
        "pairs of those contacts who are not yet tied: introductions the person can credibly make", caveat)
    in_person = [k_ for k_, m in zip(keys, mets, strict=True) if m == "in_person"]
    # The second step is seen only through the lists of in-person contacts who exported theirs
    # (and declared ties): a lower bound, withheld when no in-person contact's list is observed.
    lists = observed_lists(G)
    seen_through = [c for c in in_person if c in lists]
    direct = set(H._adj[ego]) | {ego}
    warm, warm_strict, met_known = set(), set(), 0
    for c in in_person:
        nbrs = H._adj[c]
        beyond = nbrs.keys() - direct  # set difference in C; only those ties are read
        warm |= beyond
        for x in beyond:
            met = nbrs[x].get("met")
            met_known += met in ("in_person", "online")
            if met == "in_person":
                warm_strict.add(x)
    reach_note = (f"at least: seen through the lists of {len(seen_through)} of your {len(in_person)} in-person "
                  "contacts" if seen_through and len(seen_through) < len(in_person) else "")
    unseen = ("withheld: none of your in-person contacts exported their list, so who they know is not observed"
              if in_person else "no contact is recorded as met in person: fill in ties.csv")
    add("reach", "warm_reach", len(warm) if seen_through or warm else math.nan,
        "people two steps away through a contact met in person (who could introduce them)",
        reach_note if seen_through or warm else unseen)
    add("reach", "warm_reach_in_person", len(warm_strict) if met_known else math.nan,
        "of those, people the in-person contact also met in person (both steps face to face)",
        "" if met_known else "withheld: nobody recorded whether the second-step ties were met in person")
    out = pd.DataFrame(rows, columns=["group", "indicator", "value", "meaning", "note"])
    out.attrs.update({"ego": ego, "as_of": today, "communities_source": source})
    return out

"""Measures that separate a network's size from its strength, the verdict they support, and growth's marginal value.

Size counts contacts. These measures ask, per person, what the contacts can carry: how many were
met in person, how strong and how alive the ties are, who would act on a request, whom the owner
can vouch for, and how many people a broadcast or a personal message reaches who would care. One
row per contact (:func:`contact_quality`) feeds every total (:func:`network_quality`) and the
growth table (:func:`marginal_value`), so the three always agree.
"""

import math

import pandas as pd

from ..errors import InputError
from ..model import check_ego, check_graph, resolve_as_of
from ..tiestrength import scored_view
from ._contacts import active_mask, contact_frame

__all__ = [
    "CONCERNED_SHARE",
    "QUALITY_MEANINGS",
    "Verdict",
    "contact_quality",
    "marginal_value",
    "network_quality",
    "size_strength_verdict",
]

#: Share of contacts a given message concerns, when nothing better is known. The practitioners'
#: arithmetic (``knowledge/ideas.md`` §5, ``data/sample/README.md``): about 20 % of a network are
#: active and *more than half* of those are not concerned by a given job, so at most half are.
#: 0.5 is that upper bound: the broadcast figures below are generous to the broadcast.
CONCERNED_SHARE = 0.5

#: What each measure of :func:`network_quality` means, in plain words (its index, in order).
QUALITY_MEANINGS = {
    "contacts": "people directly connected (the size)",
    "met_in_person": "contacts met face to face ('met' in ties.csv)",
    "met_online": "contacts known online only",
    "met_unknown": "contacts whose 'met' is not known (not answered in ties.csv)",
    "met_known_share": "share of contacts whose 'met' is known: the base of the next share",
    "met_in_person_share": "of the contacts whose 'met' is known, the share met in person",
    "strength_weighted_size": "sum of tie strengths: the size if each tie counted as much as it is strong",
    "mean_strength": "average tie strength, 0 weakest to 1 strongest (unknown 'met' scored as online: a lower bound)",
    "strong_ties": "contacts whose tie strength reaches the 'strong' threshold",
    "strong_share": "share of contacts with a strong tie",
    "active": "contacts in touch (a message, or the connection itself) within the last active_months months",
    "active_share": "share of contacts still active",
    "would_act": "contacts who would act on a request: strong tie AND met in person AND active",
    "would_act_share": "share of contacts who would act on a request",
    "can_vouch_for": "contacts known well enough to vouch for: met in person OR strong tie",
    "broadcast_reach": "people a broadcast (a post) reaches who would care: active × the share a message concerns",
    "broadcast_wasted_share": "share of a broadcast that reaches nobody who cares: 1 − broadcast_reach / contacts",
    "targeted_reach": "people a personal message reaches who would care and answer: can_vouch_for × the share concerned",
}


def contact_quality(G, ego=None, *, evidence="all", strong=0.5, active_months=12, as_of=None):
    """One row per contact with the flags every size-against-strength measure counts.

    Parameters
    ----------
    G : networkx.Graph
        The network, with ``strength`` on its ties (scored when absent).
    ego : node, optional
        Whose contacts. Default ``G.graph["ego"]``.
    evidence : {"all", "declared", "observed"}
        Which ties count (see :func:`netanalysis.tiestrength.scored_view`).
    strong : float
        Strength from which a tie counts as strong (default 0.5).
    active_months : int
        A tie is active when its last contact (else the connection) falls within this many
        months before "today" (``as_of``, default ``G.graph["as_of"]``, never the clock).
    as_of : date, optional

    Returns
    -------
    pandas.DataFrame
        ``key, name, company, position, met, strength, connected_on, last_contact`` and the
        booleans ``in_person`` (met is ``in_person``), ``met_known`` (met is ``in_person`` or
        ``online``), ``strong``, ``active``, ``would_act`` (strong and in person and active) and
        ``can_vouch_for`` (in person or strong), one row per contact sorted by key.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me", as_of="2024-06-01")
    >>> G.add_edge("me", "a", met="in_person", strength=0.8, last_contact="2024-05-01")
    >>> G.add_edge("me", "b", met="online", strength=0.7, last_contact="2024-05-01")
    >>> G.add_edge("me", "c", met="in_person", strength=0.3, last_contact="2020-01-01")
    >>> contact_quality(G)[["key", "strong", "active", "would_act", "can_vouch_for"]]
      key  strong  active  would_act  can_vouch_for
    0   a    True    True       True           True
    1   b    True    True      False           True
    2   c   False   False      False           True
    """
    check_graph(G)
    ego = check_ego(G, ego)
    df = contact_frame(scored_view(G, evidence), ego)
    today = resolve_as_of(G, as_of)
    df = df[["key", "name", "company", "position", "met", "strength", "connected_on", "last_contact"]].copy()
    df["in_person"] = df["met"] == "in_person"
    df["met_known"] = df["met"].isin(("in_person", "online"))
    df["strong"] = df["strength"] >= strong
    df["active"] = pd.Series(active_mask(df, today, active_months), index=df.index, dtype=bool)
    df["would_act"] = df["strong"] & df["in_person"] & df["active"]
    df["can_vouch_for"] = df["in_person"] | df["strong"]
    df.attrs.update({"ego": ego, "as_of": today, "strong": strong, "active_months": active_months})
    return df


def _measures(df, concerned):
    """The totals of :func:`network_quality` from a :func:`contact_quality` table (or a slice of it)."""
    n = len(df)
    share = (lambda k: k / n) if n else (lambda k: math.nan)
    in_person, known = int(df["in_person"].sum()), int(df["met_known"].sum())
    active, vouch = int(df["active"].sum()), int(df["can_vouch_for"].sum())
    total = float(df["strength"].sum()) if n else 0.0
    would = int(df["would_act"].sum())
    broadcast = active * concerned
    values = {
        "contacts": n,
        "met_in_person": in_person,
        "met_online": known - in_person,
        "met_unknown": n - known,
        "met_known_share": share(known),
        "met_in_person_share": in_person / known if known else math.nan,
        "strength_weighted_size": total,
        "mean_strength": total / n if n else math.nan,
        "strong_ties": int(df["strong"].sum()),
        "strong_share": share(int(df["strong"].sum())),
        "active": active,
        "active_share": share(active),
        "would_act": would,
        "would_act_share": share(would),
        "can_vouch_for": vouch,
        "broadcast_reach": broadcast,
        "broadcast_wasted_share": 1 - broadcast / n if n else math.nan,
        "targeted_reach": vouch * concerned,
    }
    return {k: float(values[k]) for k in QUALITY_MEANINGS}


def _check_concerned(concerned):
    if concerned is None:
        return CONCERNED_SHARE
    concerned = float(concerned)
    if not 0 <= concerned <= 1:
        raise InputError(f"the share of contacts a message concerns must be from 0 to 1, not {concerned:g}.")
    return concerned


def network_quality(G, ego=None, *, evidence="all", strong=0.5, active_months=12, concerned=None, as_of=None):
    """How strong one person's network is, apart from how big: one value per measure.

    Every measure counts the person's own ties only, so it is exact for anyone (no ties between
    contacts are needed). Definitions (the index of the result, also in :data:`QUALITY_MEANINGS`):

    - ``contacts``: the size, n.
    - ``met_in_person``, ``met_online``, ``met_unknown``: contacts by their ``met`` value.
    - ``met_known_share`` = (in person + online) / n, and ``met_in_person_share`` = in person /
      (in person + online): **the share is taken over the contacts whose 'met' is known**, never
      over n, so that contacts nobody annotated are neither counted as strangers nor as friends.
      When the known base is under half of the contacts the result says so
      (``attrs["notes"]["met_in_person_share"]``): read it as a share of that base, not as a fact
      about everyone.
    - ``strength_weighted_size`` = Σ s_j and ``mean_strength`` = Σ s_j / n (tie strengths from
      :func:`netanalysis.tiestrength.tie_strength`; an unknown 'met' is scored as online).
    - ``strong_ties`` = #{s_j ≥ strong}, ``strong_share`` = strong_ties / n.
    - ``active``: contacts whose last contact (else the connection) is within ``active_months``
      months before "today"; ``active_share`` = active / n.
    - ``would_act`` = #{strong AND met in person AND active}: the people who would act on a
      request (an introduction, a referral); ``would_act_share`` = would_act / n. Contacts with an
      unknown 'met' are not counted: a lower bound (the note says how many are unknown).
    - ``can_vouch_for`` = #{met in person OR strong}: the people the owner knows well enough to
      vouch for (the same rule as ``credible_introducers_base`` in :func:`network_strength`).
    - ``broadcast_reach`` = active × c: the people a broadcast reaches who would care, where c
      (``concerned``) is the share of contacts a given message concerns; an inactive contact does
      not see the post. ``broadcast_wasted_share`` = 1 − broadcast_reach / n: the share of a
      broadcast that reaches nobody who cares (with 20 % active and c < 0.5: over 90 %).
    - ``targeted_reach`` = can_vouch_for × c: the people a personal message, written to the
      contacts it concerns, reaches who know the owner well enough to answer.

    Parameters
    ----------
    G : networkx.Graph
    ego : node, optional
        Default ``G.graph["ego"]``.
    evidence : {"all", "declared", "observed"}
    strong : float
        Strength from which a tie counts as strong (default 0.5).
    active_months : int
        The activity window in months (default 12).
    concerned : float, optional
        Share of contacts a given message concerns (0–1); default :data:`CONCERNED_SHARE` (0.5,
        the upper bound of the practitioners' "more than half are not concerned").
    as_of : date, optional
        "Today"; default ``G.graph["as_of"]``.

    Returns
    -------
    pandas.Series
        Floats indexed by the measures above, named by the ego. ``attrs``: ``ego``, ``as_of``,
        ``concerned``, ``meanings`` (:data:`QUALITY_MEANINGS`) and ``notes`` (measure → caveat).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me", as_of="2024-06-01")
    >>> G.add_edge("me", "a", met="in_person", strength=0.8, last_contact="2024-05-01")
    >>> G.add_edge("me", "b", met="online", strength=0.7, last_contact="2024-05-01")
    >>> G.add_edge("me", "c", met="in_person", strength=0.3, last_contact="2020-01-01")
    >>> G.add_edge("me", "d", strength=0.2, connected_on="2019-01-01")
    >>> q = network_quality(G)
    >>> q[["contacts", "met_in_person_share", "would_act", "can_vouch_for", "broadcast_reach"]]
    contacts               4.000000
    met_in_person_share    0.666667
    would_act              1.000000
    can_vouch_for          3.000000
    broadcast_reach        1.000000
    Name: me, dtype: float64
    """
    concerned = _check_concerned(concerned)
    df = contact_quality(G, ego, evidence=evidence, strong=strong, active_months=active_months, as_of=as_of)
    values = _measures(df, concerned)
    out = pd.Series(values, name=df.attrs["ego"], dtype=float)
    notes = {}
    n, known = values["contacts"], values["contacts"] - values["met_unknown"]
    if n and known / n < 0.5:
        notes["met_in_person_share"] = (f"of the {known:,.0f} contacts whose 'met' is known ({known / n:.0%} of "
                                        f"{n:,.0f}); {values['met_unknown']:,.0f} are unknown: fill in ties.csv")
    if values["met_unknown"]:
        notes["would_act"] = (f"at least: {values['met_unknown']:,.0f} contacts with an unknown 'met' are not "
                              "counted")
    if df.attrs["as_of"] is None:
        for key in ("active", "active_share", "would_act", "would_act_share", "broadcast_reach",
                    "broadcast_wasted_share"):
            notes[key] = "no dates in the data: nobody counts as active"
    out.attrs.update({"ego": df.attrs["ego"], "as_of": df.attrs["as_of"], "concerned": concerned,
                      "meanings": dict(QUALITY_MEANINGS), "notes": notes})
    return out


# --------------------------------------------------------------------------------------------
# the verdict

#: Two counts within this share of the larger count are "about as many" in the verdict.
SAME_WITHIN = 0.10


class Verdict(str):
    """The sentence of :func:`size_strength_verdict`, carrying what it was computed from.

    Attributes: ``direction`` (``"bigger_is_weaker"``, ``"bigger_no_stronger"``,
    ``"bigger_stronger_less_than_size"``, ``"bigger_is_stronger"``, ``"same_size"``, ``"unknown"`` or
    ``"single"``), ``bigger``
    and ``other`` (the row labels compared), ``size_ratio`` and ``strength_ratio`` (bigger /
    other, for ``contacts`` and ``would_act``).
    """

    def __new__(cls, text, **facts):
        self = super().__new__(cls, text)
        self.__dict__.update(facts)
        return self


def _fmt_ratio(r):
    return "∞" if math.isinf(r) else f"{r:.1f}" if r < 10 else f"{r:.0f}"


def size_strength_verdict(table):
    """One plain sentence saying whether the biggest network is also the strongest, computed from the numbers.

    The biggest network (most ``contacts``) is set against the strongest of the others (most
    ``would_act``: people who would act on a request). The sentence follows the numbers:

    - the bigger one has fewer people who would act (by more than :data:`SAME_WITHIN` of the
      larger count): *the bigger network is the weaker one*;
    - about as many (within that margin, or one person): *the extra contacts added no strength*;
    - more, but a strength ratio below half the size ratio: *some strength, far less than its
      size suggests*;
    - otherwise: *here the bigger network is also the stronger one*;
    - and, before any of these, when ``met_known_share`` is given and under one half for either
      network: *cannot be told yet* (who would act needs to know who was met; the counts are
      only a lower bound), never a verdict resting on unknowns.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per person (index = label), columns including ``contacts`` and ``would_act``
        (e.g. :func:`network_quality` Series side by side: ``pd.DataFrame([q1, q2])``);
        ``would_act_share`` is quoted when present.

    Returns
    -------
    Verdict
        A ``str`` (the sentence) with the facts it rests on as attributes.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"contacts": [3000, 280], "would_act": [40, 120]}, index=["Rémi", "Marc"])
    >>> v = size_strength_verdict(t)
    >>> print(v)
    Rémi has 11× the contacts of Marc but fewer people who would act on a request (40 against 120): the bigger network is the weaker one.
    >>> v.direction
    'bigger_is_weaker'
    """
    if not isinstance(table, pd.DataFrame):
        raise InputError("pass a table with one row per person (e.g. network_quality results side by side).")
    missing = [c for c in ("contacts", "would_act") if c not in table.columns]
    if missing:
        raise InputError(f"the table has no '{missing[0]}' column; build it from network_quality().")
    if not len(table):
        raise InputError("the table has no row: give at least one person's measures.")
    t = table.astype({"contacts": float, "would_act": float})
    labels = [str(x) for x in t.index]
    sizes, acts = t["contacts"].tolist(), t["would_act"].tolist()
    big = max(range(len(t)), key=lambda i: (sizes[i], -i))
    if len(t) == 1:
        return Verdict(f"{labels[big]} has {sizes[big]:,.0f} contacts, {acts[big]:,.0f} of whom would act on a "
                       "request; compare with another network to judge size against strength.",
                       direction="single", bigger=t.index[big], other=None, size_ratio=math.nan,
                       strength_ratio=math.nan)
    others = [i for i in range(len(t)) if i != big]
    other = max(others, key=lambda i: (acts[i], -i))
    a, b = acts[big], acts[other]
    size_ratio = sizes[big] / sizes[other] if sizes[other] else math.inf
    strength_ratio = a / b if b else (math.inf if a else 1.0)
    counts = f"({a:,.0f} against {b:,.0f})"
    head = f"{labels[big]} has {_fmt_ratio(size_ratio)}× the contacts of {labels[other]}"
    known = t["met_known_share"].astype(float) if "met_known_share" in t.columns else None
    unsure = [labels[i] for i in (big, other) if known is not None and not known.iloc[i] >= 0.5]
    if unsure:
        direction = "unknown"
        names = " and ".join(f"{label}'s" for label in unsure)
        text = (f"{head if sizes[big] != sizes[other] else f'{labels[big]} and {labels[other]} have as many contacts'}"
                f"; whether it is the stronger one cannot be told yet: {names} contacts are mostly not annotated "
                f"('met' known for under half), so the people who would act {counts} are only a lower bound. "
                "Fill in ties.csv.")
        return Verdict(text, direction=direction, bigger=t.index[big], other=t.index[other], size_ratio=size_ratio,
                       strength_ratio=strength_ratio)
    if sizes[big] == sizes[other]:
        direction = "same_size"
        text = (f"{labels[big]} and {labels[other]} have as many contacts ({sizes[big]:,.0f}), and "
                + ("about as many people who would act on a request" if abs(a - b) <= max(SAME_WITHIN * max(a, b), 1)
                   else f"{labels[big] if a > b else labels[other]} has more people who would act on a request")
                + f" {counts}: size does not tell them apart.")
    elif abs(a - b) <= max(SAME_WITHIN * max(a, b), 1):
        direction = "bigger_no_stronger"
        text = f"{head} but about as many people who would act on a request {counts}: the extra contacts added no strength."
    elif a < b:
        direction = "bigger_is_weaker"
        text = f"{head} but fewer people who would act on a request {counts}: the bigger network is the weaker one."
    elif strength_ratio < size_ratio / 2:
        direction = "bigger_stronger_less_than_size"
        text = (f"{head} and {_fmt_ratio(strength_ratio)}× the people who would act on a request {counts}: "
                "its size added some strength, far less than it suggests.")
    else:
        direction = "bigger_is_stronger"
        text = (f"{head} and {_fmt_ratio(strength_ratio)}× the people who would act on a request {counts}: "
                "here the bigger network is also the stronger one.")
    if "would_act_share" in t.columns:
        shares = t["would_act_share"].astype(float)
        if not (math.isnan(shares.iloc[big]) or math.isnan(shares.iloc[other])):
            text += (f" Per contact: {shares.iloc[big]:.0%} of {labels[big]}'s would act, "
                     f"{shares.iloc[other]:.0%} of {labels[other]}'s.")
    return Verdict(text, direction=direction, bigger=t.index[big], other=t.index[other], size_ratio=size_ratio,
                   strength_ratio=strength_ratio)


# --------------------------------------------------------------------------------------------
# growth

#: The counts :func:`marginal_value` follows as a network grows.
GROWTH_MEASURES = ("met_in_person", "strong_ties", "active", "would_act", "can_vouch_for", "broadcast_reach",
                   "targeted_reach", "strength_weighted_size")


def marginal_value(G, ego=None, *, step=1000, evidence="all", strong=0.5, active_months=12, concerned=None,
                   as_of=None):
    """What each block of ``step`` contacts added, in the order the network grew: the marginal value of size.

    The contacts are taken in the order they were connected (``connected_on``, oldest first;
    undated contacts last, by key) and cut into blocks of ``step`` counted **from the newest**, so
    the newest ``step`` contacts always form one full block (the oldest block may be smaller). Each
    block's contribution to every count of :func:`network_quality` is measured *today*: the
    newest block says what the person's last ``step`` contacts brought, the best guess at what
    the next ``step`` would bring if they keep growing the same way.

    Parameters
    ----------
    G : networkx.Graph
    ego : node, optional
    step : int
        Contacts per block (default 1,000).
    evidence, strong, active_months, concerned, as_of
        As in :func:`network_quality`.

    Returns
    -------
    pandas.DataFrame
        Long format, one row per block and measure (blocks oldest first): ``block`` (1 = oldest),
        ``contacts`` (the size once the block is added), ``added`` (contacts in the block),
        ``first_connected``, ``last_connected`` (its dates), ``measure`` (one of
        ``met_in_person, strong_ties, active, would_act, can_vouch_for, broadcast_reach,
        targeted_reach, strength_weighted_size``), ``total`` (the measure over the network up to
        and including the block), ``gain`` (what the block added) and ``gain_per_step`` (gain ×
        step / added: equal to gain for a full block; for a smaller block, **an extrapolation**).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me", as_of="2024-06-01")
    >>> for i in range(4):  # two old friends met in person, then two strangers
    ...     G.add_edge("me", i, met="in_person" if i < 2 else "online", strength=0.9 if i < 2 else 0.1,
    ...                connected_on=f"202{i}-01-01", last_contact="2024-05-01")
    >>> m = marginal_value(G, step=2)
    >>> m[m["measure"] == "would_act"][["block", "contacts", "added", "total", "gain"]]
       block  contacts  added  total  gain
    3      1         2      2    2.0   2.0
    11     2         4      2    2.0   0.0
    """
    step = int(step)
    if step < 1:
        raise InputError(f"a growth step must be at least one contact, not {step}.")
    concerned = _check_concerned(concerned)
    df = contact_quality(G, ego, evidence=evidence, strong=strong, active_months=active_months, as_of=as_of)
    ego = df.attrs["ego"]
    dated = df["connected_on"].notna()
    order = sorted(range(len(df)), key=lambda i: (not dated.iat[i], df["connected_on"].iat[i] or 0, str(df["key"].iat[i])))
    df = df.iloc[order].reset_index(drop=True)
    n = len(df)
    cuts = list(range(n, 0, -step))[::-1]  # block ends, the newest block ending at n
    rows, start, before = [], 0, dict.fromkeys(GROWTH_MEASURES, 0.0)
    for block, end in enumerate(cuts, 1):
        part = df.iloc[start:end]
        upto = _measures(df.iloc[:end], concerned)
        dates = part["connected_on"].dropna()
        for m in GROWTH_MEASURES:
            gain = upto[m] - before[m]
            rows.append({"block": block, "contacts": end, "added": end - start,
                         "first_connected": dates.min() if len(dates) else None,
                         "last_connected": dates.max() if len(dates) else None,
                         "measure": m, "total": upto[m], "gain": gain, "gain_per_step": gain * step / (end - start)})
            before[m] = upto[m]
        start = end
    out = pd.DataFrame(rows, columns=["block", "contacts", "added", "first_connected", "last_connected", "measure",
                                      "total", "gain", "gain_per_step"])
    out.attrs.update({"ego": ego, "step": step, "undated": int((~dated).sum())})
    return out

"""Plain references for tie strength, the owner's contact table and dormant ties.

Each one is the slow, obvious version of what ``netanalysis.tiestrength`` and
``netanalysis.strength`` compute column by column, written tie by tie from the formulas in
``tie_strength``'s and ``dormant_ties``' docstrings, with plain python, pandas and networkx and
none of the package's helpers. The constants are restated here from those docstrings, so that a
change to one of them in the package is a change the tests see.
"""

import datetime as dt
import math

import pandas as pd

#: intimacy, intensity, duration, recency, structural (``tie_strength``'s docstring).
WEIGHTS = {"intimacy": 0.35, "intensity": 0.20, "duration": 0.15, "recency": 0.20, "structural": 0.10}
COMPONENTS = tuple(WEIGHTS)
FLOOR = 1e-3  # the lowest strength, so that distance = 1 / strength is at most 1,000
DURATION_YEARS = 10.0  # ten years connected is a full duration
RECENCY_DAYS = 365.0  # recency = exp(-days since the last contact / 365)

CONTACT_COLUMNS = ["key", "name", "company", "position", "met", "evidence", "messages", "connected_on",
                   "last_contact", "strength"]
DORMANT_COLUMNS = ["key", "name", "company", "position", "met", "messages", "connected_on", "last_contact",
                   "months_silent", "strength", "lasting_strength", "mutual_contacts", "why"]


def day(value):
    """A ``datetime.date`` from a date, a datetime, a Timestamp or ISO text; None when missing."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):
        return dt.date.fromisoformat(value.strip()[:10]) if value.strip() else None
    if isinstance(value, dt.datetime):  # a pandas Timestamp is a datetime
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise ValueError(f"not a date: {value!r}")


def weights(given=None):
    """The default weights, updated with ``given``."""
    return {**WEIGHTS, **{k: float(v) for k, v in (given or {}).items()}}


def as_of(G, given=None):
    """"Today": the argument, else the graph's ``as_of``, else the newest date on any tie."""
    if given is not None:
        return day(given)
    if G.graph.get("as_of") is not None:
        return day(G.graph["as_of"])
    dates = [day(d.get(attr)) for _, _, d in G.edges(data=True) for attr in ("last_contact", "connected_on")]
    return max((x for x in dates if x is not None), default=None)


def owners(G):
    """The export owners (the graph's ``ego`` and ``egos``, and people marked ``ego``): whose messages are known."""
    found = set(G.graph.get("egos") or ())
    if G.graph.get("ego") is not None:
        found.add(G.graph["ego"])
    found.update(n for n, d in G.nodes(data=True) if d.get("ego"))
    return found


def message_count(value):
    """A tie's message count: a number of at least 0; missing or unreadable is 0."""
    if value is None or value != value:
        return 0.0
    try:
        return max(float(value), 0.0)
    except (TypeError, ValueError):
        return 0.0


def tie_messages(d):
    """A tie's messages, group messages weighted 1/(n-1): ``message_weight``, else ``messages``."""
    return message_count(d["message_weight"] if "message_weight" in d else d.get("messages"))


def mutual_contacts(G, u, v):
    """People tied to both ``u`` and ``v``; nobody is their own contact."""
    return len((set(G[u]) - {u}) & (set(G[v]) - {v}))


def observed_lists(G):
    """Whose contact lists were observed: the graph's ``egos``; everyone when the graph names none."""
    if "egos" not in G.graph:
        return set(G)
    return {n for n in G.graph.get("egos") or () if n in G}


def structure_seen_from(G, a, b, lists):
    """Can ``a`` count the mutual contacts of the tie (a, b)? ``a``'s list was observed, and the
    pairs (b, w) for a's other contacts w are known for at least half of them (b exported, or w did)."""
    if a not in lists or a == b:
        return False
    if b in lists:
        return True
    others = [w for w in G[a] if w not in (a, b)]
    return bool(others) and sum(w in lists for w in others) >= MIN_KNOWN_SHARE * len(others)


MIN_KNOWN_SHARE = 0.5  # the coverage rule (netanalysis.coverage)


def score_ties(G, edges, weights, today, *, dates=None, whole=None):
    """``tie_strength``'s table for ``edges`` (``(u, v, data)`` of ``G``), one tie at a time.

    Intensity and structure are normalised per person: a tie's value seen from one end is divided
    by that end's largest value over the ties seen from it (among ``whole``, default ``edges``),
    and a tie seen from both ends takes the mean. Messages are seen from an export owner's end;
    mutual contacts from an end whose list was observed, where the other end's ties are observed.
    An unknown component is left out and the known weights renormalised, except an unknown
    ``met``, scored as online (intimacy 0; ``strength_upper`` scores it as in person). Each tie
    is judged against the newest export date of its ends (``dates``), never after ``today``. The
    score is scaled by the tie's confidence (clipped to 0-1) and kept between the floor and 1.
    """
    whole = edges if whole is None else whole
    owner_set = owners(G)
    lists = observed_lists(G)

    def message_known(u, v, d):
        return (u in owner_set or v in owner_set) if owner_set else ("messages" in d or "message_weight" in d)

    def owns(a):
        return a in owner_set if owner_set else True

    top_messages, top_mutual = {}, {}
    for u, v, d in whole:
        m, mu = tie_messages(d), mutual_contacts(G, u, v)
        for a, b in ((u, v), (v, u)):
            if message_known(u, v, d) and owns(a):
                top_messages[a] = max(top_messages.get(a, 0.0), m)
            if structure_seen_from(G, a, b, lists):
                top_mutual[a] = max(top_mutual.get(a, 0), mu)
    total = sum(weights.values())
    rows, unknown = [], dict.fromkeys(COMPONENTS, 0)
    for u, v, d in edges:
        met = d.get("met") or "unknown"
        connected = day(d.get("connected_on"))
        last = day(d.get("last_contact")) or connected
        when = today
        exported = [day(dates[e]) for e in (u, v) if dates and dates.get(e) is not None]
        if when is not None and exported:
            when = min(max(exported), today)
        m, mu = tie_messages(d), mutual_contacts(G, u, v)
        seen_messages = [math.log1p(m) / math.log1p(top_messages[a]) for a in dict.fromkeys((u, v))
                         if message_known(u, v, d) and owns(a) and top_messages.get(a, 0) > 0]
        if u == v and seen_messages:  # a self-loop is seen from its one end, twice
            seen_messages = seen_messages * 2
        seen_mutual = [mu / top_mutual[a] for a, b in ((u, v), (v, u))
                       if structure_seen_from(G, a, b, lists) and top_mutual.get(a, 0) > 0]
        values = {
            "intimacy": {"in_person": 1.0, "online": 0.0}.get(met),
            "intensity": sum(seen_messages) / len(seen_messages) if seen_messages else None,
            "duration": (min(max((when - connected).days, 0) / 365.25 / DURATION_YEARS, 1.0)
                         if when is not None and connected is not None else None),
            "recency": (math.exp(-max((when - last).days, 0) / RECENCY_DAYS)
                        if when is not None and last is not None else None),
            "structural": sum(seen_mutual) / len(seen_mutual) if seen_mutual else None,
        }
        confidence = d.get("confidence")
        confidence = 1.0 if confidence is None or confidence != confidence else float(confidence)
        known = sum(weights[c] for c in COMPONENTS if values[c] is not None)
        for c in COMPONENTS:
            unknown[c] += values[c] is None

        def bounded(intimacy, values=values, confidence=confidence):
            got = {**values, "intimacy": intimacy if values["intimacy"] is None else values["intimacy"]}
            weight = score = 0.0
            for c in COMPONENTS:
                if got[c] is not None:
                    weight += weights[c]
                    score += weights[c] * got[c]
            raw = score / weight if weight > 0 else 0.0
            return min(max(raw * min(max(confidence, 0.0), 1.0), FLOOR), 1.0)

        strength = bounded(0.0)
        rows.append({"u": u, "v": v, "met": met, "evidence": d.get("evidence", "export"), "confidence": confidence,
                     **{c: math.nan if values[c] is None else values[c] for c in COMPONENTS},
                     "known_weight": known / total, "strength": strength, "distance": 1.0 / strength,
                     "strength_upper": bounded(1.0)})
    columns = ["u", "v", "met", "evidence", "confidence", *COMPONENTS, "known_weight", "strength", "distance",
               "strength_upper"]
    df = pd.DataFrame(rows, columns=columns)
    if not rows:  # no tie: the columns of a table built from empty lists
        df = pd.DataFrame({c: [] for c in columns}, columns=columns)
    df.attrs.update({"as_of": today, "weights": weights, "unknown": unknown, "ties": len(edges),
                     "normalisers": {"messages": {a: float(x) for a, x in top_messages.items() if x > 0},
                                     "mutual": {a: float(x) for a, x in top_mutual.items() if x > 0}}})
    return df


def contact_frame(G, ego, *, scored_on=None):
    """One row per contact of ``ego`` (by key as text): the person, the tie, its strength.

    A tie without a stored ``strength`` gets the one :func:`score_ties` gives it among all the
    ties of ``scored_on`` (default ``G``; the whole graph when ``G`` is a view of it).
    """
    whole = G if scored_on is None else scored_on
    scored = None
    rows = []
    for n in sorted((n for n in G[ego] if n != ego), key=str):
        d, person = G[ego][n], G.nodes[n]
        strength = d.get("strength")
        if strength is None:
            if scored is None:
                table = score_ties(whole, list(whole.edges(data=True)), weights(), as_of(whole),
                                   dates=whole.graph.get("export_dates"))
                scored = {frozenset((a, b)): s for a, b, s in zip(table["u"], table["v"], table["strength"],
                                                                 strict=True)}
            strength = scored[frozenset((ego, n))]
        rows.append({
            "key": n, "name": person.get("name", "") or "", "company": person.get("company", "") or "",
            "position": person.get("position", "") or "", "met": d.get("met") or "unknown",
            "evidence": d.get("evidence", "export"), "messages": int(d.get("messages") or 0),
            "connected_on": day(d.get("connected_on")), "last_contact": day(d.get("last_contact")),
            "strength": float(strength),
        })
    return pd.DataFrame(rows, columns=CONTACT_COLUMNS)


def months_between(start, end):
    """Whole calendar months from ``start`` to ``end`` (2021-02-01 to 2024-06-01 is 40)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def dormant_ties(G, ego, *, months=12, strong=0.5, given_weights=None, given_as_of=None):
    """``dormant_ties``, contact by contact (every tie, evidence "all").

    A tie was strong when met in person or when its lasting strength (recency weighted 0, scored
    within the whole graph) is at least ``strong``; it is dormant when its last
    contact (else its connection) is at least ``months`` whole months old.
    """
    today = as_of(G, given_as_of)
    others = [n for n in G[ego] if n != ego]
    lasting_weights = {**weights(given_weights), "recency": 0.0}
    # The ego's ties scored within the whole graph (per-person maxima over every tie).
    lasting_table = score_ties(G, [(ego, n, G[ego][n]) for n in others], lasting_weights, today,
                               dates=G.graph.get("export_dates") if given_as_of is None else None,
                               whole=list(G.edges(data=True)))
    lasting = dict(zip(lasting_table["v"], lasting_table["strength"], strict=True))
    # A tie with `met` unknown is judged on what is known of it: the same score without intimacy.
    known_table = score_ties(G, [(ego, n, G[ego][n]) for n in others], {**lasting_weights, "intimacy": 0.0}, today,
                             dates=G.graph.get("export_dates") if given_as_of is None else None,
                             whole=list(G.edges(data=True)))
    known = dict(zip(known_table["v"], known_table["strength"], strict=True))
    contacts = set(G[ego])
    rows, undated = [], 0
    for row in contact_frame(G, ego).to_dict("records"):
        unsure = (row["met"] or "unknown") == "unknown" and lasting.get(row["key"], 0.0) < strong <= known[row["key"]]
        if not (row["met"] == "in_person" or lasting.get(row["key"], 0.0) >= strong or unsure):
            continue
        last = row["last_contact"] or row["connected_on"]
        if last is None:
            undated += 1
            continue
        silent = months_between(last, today)
        if silent < months:
            continue
        mutual = len((set(G[row["key"]]) & contacts) - {ego, row["key"]})
        why = []
        if row["met"] == "in_person":
            why.append("met in person")
        if row["messages"]:
            why.append(f"{row['messages']} message{'s' if row['messages'] != 1 else ''}")
        if mutual:
            why.append(f"{mutual} mutual contact{'s' if mutual != 1 else ''}")
        if row["connected_on"] is not None:
            years = int((today - row["connected_on"]).days // 365.25)
            if years >= 1:
                why.append(f"connected for {years} year{'s' if years != 1 else ''}")
        if unsure:
            why.append("met in person: not said")
        rows.append({**row, "last_contact": last, "months_silent": silent,
                     "lasting_strength": lasting.get(row["key"], math.nan), "mutual_contacts": mutual,
                     "why": "; ".join(why) or "strong tie"})
    out = pd.DataFrame([{c: r[c] for c in DORMANT_COLUMNS} for r in rows], columns=DORMANT_COLUMNS)
    if len(out):
        out = out.sort_values(["lasting_strength", "months_silent", "key"], ascending=[False, False, True],
                              kind="mergesort").reset_index(drop=True)
    out.attrs.update({"as_of": today, "undated": undated})
    return out

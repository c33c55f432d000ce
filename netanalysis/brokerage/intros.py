"""Introductions the owner could make: pairs of their contacts who are not tied, scored, ranked and explained."""

import math
import re
import unicodedata
from collections import Counter

import numpy as np
import pandas as pd
import scipy.sparse

from ..burt import EMPTY_BURT, after_tie, ego_state
from ..coverage import observed_lists, person_coverage
from ..errors import InputError
from ..identity import normalize_company
from ..model import evidence_kinds
from ..tiestrength import scored_view
from ._common import (
    adjacency,
    check_graph,
    check_person,
    display_name,
    partition_engine,
    sorted_keys,
    text_or_empty,
    tie_weight,
)

__all__ = ["COMPLEMENTARY_ROLES", "ROLE_FAMILIES", "introductions", "mutual_contacts_curve"]


def mutual_contacts_curve(m):
    """Heuristic value of an introduction between two people with ``m`` contacts in common.

    ``f(m) = (m / 10) · exp(1 − m / 10)``: rises to 1 at ten mutual contacts and falls after.
    It is shaped after Rajkumar et al. (2022), whose LinkedIn experiments found that moderately
    weak ties — about ten mutual connections — carried the most job mobility. **It is a
    heuristic with that shape, not the paper's estimated curve.**

    Examples
    --------
    >>> mutual_contacts_curve(10)
    1.0
    >>> round(mutual_contacts_curve(1), 3), round(mutual_contacts_curve(25), 3)
    (0.246, 0.558)

    References
    ----------
    .. [1] Rajkumar, K., Saint-Jacques, G., Bojinov, I., Brynjolfsson, E. & Aral, S. (2022).
       A causal test of the strength of weak ties. *Science* 377(6612):1304–1310.
    """
    m = float(m)
    if m <= 0:
        return 0.0
    return (m / 10.0) * math.exp(1.0 - m / 10.0)


#: Fields of work recognised in position and company text (accents and case ignored; English and
#: French; a trailing ``*`` matches any ending, for French feminine forms). A heuristic: extend it.
ROLE_FAMILIES = {
    "founder": "founder cofounder co-founder ceo owner entrepreneur fondat* startup",
    "investment": "investor investment* vc venture angel capital placement* portfolio wealth investisseu*",
    "software": "engineer* developer develop* programmer devops software logiciel* cloud code systems "
                "architect* cto ti technique",
    "data": "data donnees scientist scientifique analytics analytique ml ai statistic*",
    "product": "product produit pm",
    "design": "designer design ux ui graphiste graphic art artistique",
    "sales": "sales ventes account comptes partnerships",
    "marketing": "marketing growth brand communication* content medias media",
    "people": "recruiter recrut* talent hr rh",
    "research": "research recherche researcher chercheu* professor professeu* postdoc lecturer cours phd labs",
    "education": "education etudes pedagogique learning academic academie college institut savoirs school "
                 "ecole bibliothecaire librarian",
    "finance": "finance financial financ* cfo accountant comptable controller controleu* actuar* risk risque "
               "assurance* insurance banque bank*",
    "health": "nurse infirmi* physician medecin doctor clinical clinique clinic* clinicien* medical medic* "
              "pharmac* physio* health sante care soins",
    "policy": "policy politiques public gouvernement government",
    "culture": "film* films producer producteur productrice realisat* festival studio culturel* museum",
    "operations": "operations logistique logistics supply approvisionnement freight production qualite quality "
                  "maintenance achat* acheteu* buyer",
    "nonprofit": "benevoles volunteer* communautaire community collectes fundraising nonprofit",
}
#: Pairs of fields whose people can help each other (complementary), a heuristic.
COMPLEMENTARY_ROLES = frozenset(
    frozenset(p) for p in [
        ("founder", "investment"), ("founder", "software"), ("founder", "people"), ("founder", "sales"),
        ("founder", "finance"), ("founder", "operations"), ("product", "software"), ("product", "design"),
        ("product", "data"), ("software", "data"), ("sales", "marketing"), ("research", "data"),
        ("research", "health"), ("research", "education"), ("health", "data"), ("health", "policy"),
        ("policy", "research"), ("culture", "marketing"), ("nonprofit", "finance"), ("design", "culture"),
    ]
)
_FIELD_WORDS = {}
_FIELD_PREFIXES = []
for _field, _words in ROLE_FAMILIES.items():
    for _word in _words.split():
        if _word.endswith("*"):
            _FIELD_PREFIXES.append((_word[:-1], _field))
        else:
            _FIELD_WORDS.setdefault(_word, set()).add(_field)


def _plain_words(text):
    text = unicodedata.normalize("NFKD", text_or_empty(text).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return set(re.findall(r"[a-z][a-z-]*", text))


def _families(text):
    """The fields of work named in a person's position and company text."""
    found = set()
    for word in _plain_words(text):
        found |= _FIELD_WORDS.get(word, set())
        for prefix, field in _FIELD_PREFIXES:
            if word.startswith(prefix):
                found.add(field)
    return found


def _person_fields(G, n):
    d = G.nodes[n]
    return _families(f"{text_or_empty(d.get('position'))} {text_or_empty(d.get('company'))}")


def _role_fit(fa, fb):
    """A label for two people's fields: a shared field, complementary fields, or ""."""
    same = sorted(fa & fb)
    if same:
        return f"both work in {same[0]}"
    for x in sorted(fa):
        for y in sorted(fb):
            if frozenset((x, y)) in COMPLEMENTARY_ROLES:
                return f"complementary fields: {x} and {y}"
    return ""


def _describe_person(G, n):
    d = G.nodes[n]
    position, company = text_or_empty(d.get("position")), text_or_empty(d.get("company"))
    name = display_name(G, n)
    if position and company:
        return f"{name} is {position} at {company}"
    if company:
        return f"{name} works at {company}"
    if position:
        return f"{name} is {position}"
    return ""


def _met_phrase(met_a, met_b, name_a, name_b):
    if met_a == "in_person" and met_b == "in_person":
        return "you met both in person"
    if met_a == "in_person":
        return f"you met {name_a} in person ({name_b}: {met_b.replace('_', ' ')})"
    if met_b == "in_person":
        return f"you met {name_b} in person ({name_a}: {met_a.replace('_', ' ')})"
    if met_a == "online" and met_b == "online":
        return "you know both online only"
    return "you have not recorded meeting either in person"


def _mutual_factor(m):
    """The mutual-contacts factor of a pair with ``m`` contacts in common, you included (m < 0: unknown).

    ``exp(−(m − 1) / 10)``: 1 when you are their only observed contact in common, lower the more
    they share (each shared contact makes it likelier that they already know each other:
    triadic closure, Kossinets & Watts 2006); 1 when the pair is not observed. A heuristic.
    """
    return 1.0 if m < 0 else math.exp(-(max(m, 1) - 1) / 10.0)


_INTRO_COLUMNS = [
    "rank", "a", "a_name", "b", "b_name", "score", "reason", "pair_observed",
    "strength_a", "strength_b", "met_a", "met_b", "vouch", "met_factor",
    "community_a", "community_b", "different_circles", "circle_factor",
    "role_fit", "role_factor", "same_company", "colleague_factor", "mutual_contacts", "mutual_factor",
    "may_already_know", "inferred_tie", "inferred_factor",
    "effective_size_before", "effective_size_after", "constraint_before", "constraint_after",
]


def introductions(G, ego=None, *, top=20, evidence="all", communities=None, weight="strength",
                  candidates=300, met_bonus=0.5, role_bonus=0.25, new_tie_strength=0.1,
                  include_inferred=True, max_per_person=None, seed=0, colleague_factor=0.1):
    """Introductions the owner could make: pairs of their contacts who are not tied, ranked.

    An introduction closes an open triad a–you–b. It is worth more when you know both people
    well enough to vouch for them (in person counts most), when they sit in different circles
    (you bridge a structural hole), when their roles match or complement each other, and when
    they are not likely to know each other already. The score is the product of these factors::

        score = s_a · s_b                      (vouch: your tie strengths to a and b)
              · (1 + met_bonus · #met in person)
              · (1 + [different circles])
              · (1 + role_bonus · [same field or complementary roles])
              · exp(−(m − 1) / 10)             (m mutual contacts, you included; 1 when unknown)
              · (1 − confidence of an inferred a–b tie, if any)
              · colleague_factor if both work at the same company

    **What can be seen.** Whether a and b are connected is observed only when one of them
    exported their own list (:func:`netanalysis.observation`): then the pair is "not connected on
    LinkedIn (observed)" and their mutual contacts are a lower bound ("≥ m observed"). Otherwise
    the pair is unknown (``pair_observed`` False, ``mutual_contacts`` NaN) and the reason says
    they may already know each other. Observed pairs are listed first. Current colleagues of one
    company probably know each other: ranked low (``colleague_factor``) and said so.

    Parameters
    ----------
    G : networkx.Graph
        The network.
    ego : node, optional
        The owner (default ``G.graph["ego"]``).
    top : int
        Number of suggestions returned.
    evidence : {"all", "declared", "observed"}
        Which ties count for contacts, circles and mutual contacts.
    communities : mapping, optional
        ``person -> community id``. Default: :func:`netanalysis.partition` of the filtered
        network. Pass ``{}`` to ignore circles.
    weight : str or None
        Edge attribute read as tie strength (default ``"strength"``; missing counts 1).
    candidates : int
        Pairs are drawn from the owner's ``candidates`` strongest contacts (ties by key), so at
        most candidates·(candidates−1)/2 pairs are scored — never all n² pairs.
    met_bonus, role_bonus : float
        Weights of the in-person and role factors (see above).
    new_tie_strength : float
        Strength assumed for the new a–b tie when computing your brokerage after it.
    include_inferred : bool
        Pairs joined by an *inferred* tie only ("same company"…) may already know each other:
        kept and flagged (``may_already_know``, score × (1 − confidence)) when True, dropped
        when False. Pairs tied by an export or a declared tie — in the unfiltered graph too —
        are never suggested.
    max_per_person : int, optional
        Show each person in at most this many suggestions (the next best pairs fill the list),
        so that one very well-known contact does not fill the whole list. Default: no limit.
    seed : int
        Seed for the community detection.
    colleague_factor : float
        Score factor for two people at the same (normalised) current company (default 0.1).

    Returns
    -------
    pandas.DataFrame
        One row per suggested pair, best first: ``rank, a, a_name, b, b_name, score, reason``
        (plain language), ``pair_observed`` (one of the two exported their list: "not connected"
        is seen, not assumed), then the components: ``strength_a, strength_b`` (your ties),
        ``met_a, met_b``, ``vouch`` (product), ``met_factor``, ``community_a, community_b``
        (None = in no circle), ``different_circles``, ``circle_factor``, ``role_fit`` (text: a shared field or complementary fields, see ROLE_FAMILIES),
        ``role_factor``, ``same_company``, ``colleague_factor``, ``mutual_contacts`` (you
        included; observed ones, a lower bound; NaN when the pair is not observed),
        ``mutual_factor``, ``may_already_know`` (an inferred tie or the same company), ``inferred_tie`` (its evidence, or ""),
        ``inferred_factor``; and your own brokerage before and after the introduction:
        ``effective_size_before/after`` and ``constraint_before/after`` (closing the triad
        lowers your effective size and raises your constraint: an introduction spends some of
        your brokerage; NaN when the ties between your contacts are not observed well enough,
        see :func:`netanalysis.structural_holes`).

    Raises
    ------
    InputError
        Unknown ego, a directed or multi graph, bad parameters.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me")
    >>> G.add_node("a", name="Ana", position="Founder", company="Acme")
    >>> G.add_node("b", name="Bo", position="Angel investor", company="Fund")
    >>> G.add_node("c", name="Cy", position="Engineer", company="Acme")
    >>> G.add_edge("me", "a", strength=0.9, met="in_person")
    >>> G.add_edge("me", "b", strength=0.8, met="in_person")
    >>> G.add_edge("me", "c", strength=0.3, met="online")
    >>> G.add_edge("a", "c", strength=0.5)
    >>> intro = introductions(G, communities={"a": 0, "c": 0, "b": 1})
    >>> intro[["a", "b", "score"]].round(3)
       a  b  score
    0  a  b   3.60
    1  b  c   0.72
    >>> print(intro.loc[0, "reason"])
    you met both in person; Ana is Founder at Acme and Bo is Angel investor at Fund; they sit in different circles of your network; complementary fields: founder and investment; not connected on LinkedIn (seen in an exported list); no other contact in common observed

    Notes
    -----
    The mutual-contacts factor is a heuristic: it no longer rewards pairs with many contacts in
    common (earlier versions used :func:`mutual_contacts_curve`, whose peak at ten favoured pairs
    who likely know each other already). Tie strengths come from :func:`netanalysis.tie_strength`.
    The candidate pairs are scored with numpy, factor by factor in the formula's order (the
    same floats as a pair-by-pair loop).

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes*. Harvard University Press.
    .. [2] Rajkumar, K. et al. (2022). A causal test of the strength of weak ties. *Science*
       377(6612):1304–1310.
    .. [3] Kossinets, G. & Watts, D. J. (2006). Empirical analysis of an evolving social
       network. *Science* 311(5757):88–90.
    """
    check_graph(G)
    ego = G.graph.get("ego") if ego is None else ego
    check_person(G, ego, "person (the ego)")
    if int(top) < 1 or int(candidates) < 2:
        raise InputError("top must be at least 1 and candidates at least 2.")
    H = scored_view(G, evidence)
    community_engine = None
    if communities is None:
        communities, community_engine = partition_engine(G, ego=ego, evidence=evidence, weight=weight, seed=seed)
    ego_ties = {c: d for c, d in adjacency(H)[ego].items() if c != ego}
    strength = _ego_strengths(ego_ties, weight)
    chosen = sorted_keys(_strongest(strength, int(candidates)))
    families = {c: _person_fields(G, c) for c in chosen}
    companies = {c: normalize_company(G.nodes[c].get("company")) for c in chosen}
    met = {c: ego_ties[c].get("met", "unknown") or "unknown" for c in chosen}
    # Inferred ties count only where the evidence level keeps them: "observed" results do not
    # change when inference is added.
    guesses = any(kind.split(":", 1)[0] == "inferred" for kind in evidence_kinds(evidence))
    lists = observed_lists(G)
    scored = _score_pairs(G, H, chosen, strength, met, families, communities, include_inferred=include_inferred,
                          met_bonus=met_bonus, role_bonus=role_bonus, guesses=guesses,
                          seen=[c in lists for c in chosen], companies=[companies[c] for c in chosen],
                          colleague_factor=float(colleague_factor))
    burt_shown = bool(person_coverage(G, [ego], evidence=evidence)["computable"].iloc[0])
    if max_per_person is not None:
        if int(max_per_person) < 1:
            raise InputError("max_per_person must be at least 1.")
        shown, kept = Counter(), []
        for item in scored:
            a, b = item[3], item[4]
            if shown[a] < int(max_per_person) and shown[b] < int(max_per_person):
                kept.append(item)
                shown[a] += 1
                shown[b] += 1
                if len(kept) >= int(top):
                    break
        picked = kept
    else:
        picked = scored[: int(top)]
    state = None
    rows = []
    for rank, (neg, _, _, a, b, inferred, inferred_factor, mutual, different) in enumerate(picked, 1):
        if state is None:
            # Ties that all weigh 0 leave Burt's measures undefined, before and after; so does a
            # neighbourhood whose ties are not observed well enough.
            state = (ego_state(H, weight, ego) if burt_shown else None) or {"summary": dict(EMPTY_BURT)}
        if b in H.adj[a] or "p" not in state:  # an inferred tie already counted in this view
            after = state["summary"]
        else:
            after = after_tie(state, a, b, 1.0 if weight is None else float(new_tie_strength))
        role_label = _role_fit(families[a], families[b])
        same_company = bool(companies[a]) and companies[a] == companies[b]
        name_a, name_b = display_name(G, a), display_name(G, b)
        parts = [_met_phrase(met[a], met[b], name_a, name_b)]
        who = [s for s in (_describe_person(G, a), _describe_person(G, b)) if s]
        if who:
            parts.append(" and ".join(who))
        if different:
            parts.append("they sit in different circles of your network")
        if role_label:
            parts.append(role_label)
        seen = mutual >= 0
        if seen:
            parts.append("not connected on LinkedIn (seen in an exported list)")
            parts.append("no other contact in common observed" if mutual <= 1 else
                         f"at least {mutual - 1} other contact{'s' if mutual > 2 else ''} in common observed")
        else:
            parts.append("neither exported their list, so they may already know each other")
        if same_company:
            parts.append(f"both at {text_or_empty(G.nodes[a].get('company'))}: they probably know each other")
        if inferred:
            parts.append(f"they may already know each other ({inferred})")
        ca, cb = communities.get(a), communities.get(b)
        rows.append({
            "rank": rank, "a": a, "a_name": name_a, "b": b, "b_name": name_b, "score": -neg,
            "reason": "; ".join(parts),
            "strength_a": strength[a], "strength_b": strength[b], "met_a": met[a], "met_b": met[b],
            "vouch": strength[a] * strength[b],
            "met_factor": 1.0 + met_bonus * ((met[a] == "in_person") + (met[b] == "in_person")),
            "community_a": ca, "community_b": cb, "different_circles": different,
            "circle_factor": 2.0 if different else 1.0,
            "role_fit": role_label, "role_factor": 1.0 + role_bonus * bool(role_label),
            "pair_observed": seen,
            "same_company": same_company, "colleague_factor": float(colleague_factor) if same_company else 1.0,
            "mutual_contacts": mutual if seen else math.nan, "mutual_factor": _mutual_factor(mutual),
            "may_already_know": bool(inferred) or same_company, "inferred_tie": inferred,
            "inferred_factor": inferred_factor,
            "effective_size_before": state["summary"]["effective_size"],
            "effective_size_after": after["effective_size"],
            "constraint_before": state["summary"]["constraint"], "constraint_after": after["constraint"],
        })
    df = pd.DataFrame(rows, columns=_INTRO_COLUMNS)
    df.attrs.update({"ego": ego, "evidence": evidence, "pairs_scored": scored.total,
                     "candidates": len(chosen), "community_engine": community_engine})
    return df


def _ego_strengths(ego_ties, weight):
    """``{contact: tie weight}`` as :func:`graph._tie_weight` reads each, checked in one pass when all are floats."""
    if weight is not None:
        values = [d.get(weight, 1.0) for d in ego_ties.values()]
        if set(map(type, values)) <= {float}:
            w = np.array(values, dtype=float)
            if not (np.isnan(w).any() or (w < 0).any()):
                return dict(zip(ego_ties, values, strict=True))
    return {c: tie_weight(d, weight) for c, d in ego_ties.items()}  # names the first bad weight


def _strongest(strength, n):
    """The ``n`` contacts first in order of ``(-strength, str(key))`` (as a set: the caller sorts them).

    Those above the n-th strength, then the ones tied with it by ``str(key)`` (stable), as
    ``sorted(...)[:n]`` would pick them, without sorting 30,000 contacts for 300.
    """
    keys = list(strength)
    if n >= len(keys):
        return keys
    minus = -np.array(list(strength.values()), dtype=float)
    cut = np.partition(minus, n - 1)[n - 1]
    above = np.flatnonzero(minus < cut).tolist()
    tied = sorted(np.flatnonzero(minus == cut).tolist(), key=lambda k: str(keys[k]))  # stable: key order
    return [keys[k] for k in above + tied[: n - len(above)]]


class _RankedPairs:
    """The scored pairs, best first, built as tuples only as far as they are read.

    Each item is ``(-score, str(a), str(b), a, b, inferred, inferred_factor, mutual,
    different)``; ``total`` is the number of pairs scored.
    """

    def __init__(self, chosen, order, iu, ju, columns):
        self.chosen, self.order, self.iu, self.ju, self.columns = chosen, order, iu, ju, columns
        self.total = len(order)

    def _item(self, k):
        score, inferred, factor, mutual, different = self.columns
        i, j = int(self.iu[k]), int(self.ju[k])
        a, b = self.chosen[i], self.chosen[j]
        return (-float(score[k]), str(a), str(b), a, b, inferred.get(k, ""), float(factor[k]), int(mutual[k]),
                bool(different[k]))

    def __iter__(self):
        return (self._item(k) for k in self.order.tolist())

    def __getitem__(self, window):
        return [self._item(k) for k in self.order[window].tolist()]


def _score_pairs(G, H, chosen, strength, met, families, communities, *, include_inferred, met_bonus, role_bonus,
                 guesses=True, seen=None, companies=None, colleague_factor=1.0):
    """Score every pair of ``chosen`` not already tied, as :func:`introductions` defines it, with numpy.

    Pairs are listed like two nested loops over ``chosen`` (``numpy.triu_indices``); the
    factors are multiplied in the formula's order, so each score is the float a per-pair loop
    gives, and the pairs are ranked by ``(-score, str(a), str(b))`` with a stable sort.
    Mutual contacts (in ``H``) come from one sparse product of the candidates' neighbour
    incidence; existing ties are looked up in the unfiltered ``G``.
    """
    n = len(chosen)
    iu, ju = np.triu_indices(n, 1)
    pair_of = {}  # (i, j) -> position in the pair list, for the few tied pairs
    index = {c: k for k, c in enumerate(chosen)}
    skip = np.zeros(len(iu), dtype=bool)
    inferred_factor = np.ones(len(iu))
    inferred = {}
    if n > 1:
        first = np.concatenate([[0], np.cumsum(np.arange(n - 1, 0, -1))])  # row i starts at first[i]
        adj = adjacency(G)  # plain dicts when it can: their key intersections run in C
        for i, a in enumerate(chosen):
            adj_a = adj[a]
            for b in adj_a.keys() & index.keys():
                j = index[b]
                if j <= i:
                    continue
                k = int(first[i] + j - i - 1)
                pair_of[i, j] = k
                data = adj_a[b]
                sources = data.get("sources") or [data.get("evidence", "export")]
                if any(not str(src).startswith("inferred") for src in sources):
                    skip[k] = True  # they know each other: never suggest an existing tie
                    continue
                if not guesses:  # an inferred tie the evidence level leaves out: not there
                    continue
                if not include_inferred:
                    skip[k] = True
                    continue
                inferred[k] = data.get("evidence") or str(sources[0])
                inferred_factor[k] = 1.0 - float(data.get("confidence", 0.5))
    # mutual contacts: |N(a) ∩ N(b)| as the (a, b) entry of M·Mᵀ, M the candidates' incidence
    column, cols, counts = {}, [], []
    adj = adjacency(H)
    for c in chosen:
        nbrs = adj[c]
        counts.append(len(nbrs))
        cols.extend(column.setdefault(x, len(column)) for x in nbrs)
    incidence = scipy.sparse.csr_array(
        (np.ones(len(cols), dtype=np.int64), np.array(cols, dtype=np.int64),
         np.concatenate([[0], np.cumsum(counts, dtype=np.int64)])), shape=(n, max(len(column), 1)))
    mutual = (incidence @ incidence.T).toarray()[iu, ju] if n > 1 else np.zeros(0, dtype=np.int64)
    # A pair is observed when one of the two exported their list; otherwise its mutual contacts are unknown (-1).
    seen = np.ones(n, dtype=bool) if seen is None else np.array(seen, dtype=bool).reshape(n)
    pair_seen = seen[iu] | seen[ju]
    mutual = np.where(pair_seen, mutual, -1)
    firm = {}
    firm_code = np.array([-1 - k if not c else firm.setdefault(c, len(firm)) for k, c in
                          enumerate(companies if companies is not None else [""] * n)], dtype=np.int64)
    colleagues = (firm_code[iu] >= 0) & (firm_code[iu] == firm_code[ju])
    # circles: None (or absent) is no circle; circles compared by the mapping's own equality
    codes = {}
    circle = np.array([-1 if (g := communities.get(c)) is None else codes.setdefault(g, len(codes)) for c in chosen],
                      dtype=np.int64)
    different = (circle[iu] >= 0) & (circle[ju] >= 0) & (circle[iu] != circle[ju])
    # fields: few distinct sets, so the fit is decided once per pair of distinct sets
    kinds = {}
    kind = np.array([kinds.setdefault(frozenset(families[c]), len(kinds)) for c in chosen], dtype=np.int64)
    sets = list(kinds)
    fits = np.array([[bool(fa & fb) or any(frozenset((p, q)) in COMPLEMENTARY_ROLES for p in fa for q in fb)
                      for fb in sets] for fa in sets], dtype=bool).reshape(len(sets), len(sets))
    fit = fits[kind[iu], kind[ju]] if len(sets) else np.zeros(len(iu), dtype=bool)
    s = np.array([strength[c] for c in chosen], dtype=float)
    in_person = np.array([met[c] == "in_person" for c in chosen], dtype=np.int64)
    distinct, inverse = np.unique(mutual, return_inverse=True)
    curve = np.array([_mutual_factor(m) for m in distinct.tolist()], dtype=float)[inverse]
    score = (s[iu] * s[ju] * (1.0 + met_bonus * (in_person[iu] + in_person[ju])) * np.where(different, 2.0, 1.0)
             * (1.0 + role_bonus * fit) * curve * inferred_factor * np.where(colleagues, colleague_factor, 1.0))
    keep = np.flatnonzero(~skip)
    text = [str(c) for c in chosen]
    dense = {t: r for r, t in enumerate(sorted(set(text)))}
    rank = np.array([dense[t] for t in text], dtype=np.int64)  # orders str(c), for equal scores
    order = keep[np.lexsort((rank[ju[keep]], rank[iu[keep]], -score[keep], ~pair_seen[keep]))]  # observed first
    return _RankedPairs(chosen, order, iu, ju, (score, inferred, inferred_factor, mutual, different))

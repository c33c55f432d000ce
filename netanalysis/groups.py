"""Groups of contacts by employer or by role: what a single export can show instead of circles.

One LinkedIn export lists its owner's contacts and nothing about the ties between them, so it has
no structural circles (``knowledge/observation.md``). What it does show is each contact's company
and position: :func:`attribute_groups` groups the contacts by one of them, and says so. These
groups are not circles: two people at one company may never have met.
"""

import math
import re
from collections import Counter

import pandas as pd

from .coverage import observation
from .errors import InputError
from .identity import normalize_company
from .model import check_ego, check_graph, sorted_keys

__all__ = [
    "GROUP_KINDS",
    "attribute_groups",
    "attribute_partition",
    "circle_support",
    "position_words",
]

#: What :func:`attribute_groups` can group by, and how its table names each kind.
GROUP_KINDS = {"company": "employer", "role": "role"}

_TOKEN = re.compile(r"[^\W\d_][\w'-]*[^\W_]|[^\W\d_]{2,}", re.UNICODE)
_STOPWORDS = frozenset("""
a an and at de des du for in of on the to with by from la le les et en y e
""".split())
# Words that say how senior a position is, not what it is (English and French): a role group of
# "senior" would gather people of every trade.
_SENIORITY = frozenset("""
senior junior principal principale lead head associate associée associé deputy adjoint adjointe
interim intérimaire chief chef assistant assistante intern stagiaire
""".split())


def position_words(text):
    """The words of a job title that can say what it is: lower case, three letters or more, no stop words.

    Examples
    --------
    >>> position_words("Senior Data Engineer, R&D")
    ['senior', 'data', 'engineer']
    >>> position_words(None)
    []
    """
    if not isinstance(text, str):
        return []
    return [t for t in (m.group(0).casefold() for m in _TOKEN.finditer(text)) if len(t) > 2 and t not in _STOPWORDS]


def _role_of(titles):
    """Each title's role word: of its words (seniority left out), the one most people's titles share.

    Ties between equally common words go to the alphabetically first, for determinism; a title
    with no such word has the role "".
    """
    words = {t: [w for w in dict.fromkeys(position_words(t)) if w not in _SENIORITY] for t in set(titles)}
    counts = Counter()
    for t in titles:
        counts.update(words[t])
    return {t: min(ws, key=lambda w: (-counts[w], w)) if ws else "" for t, ws in words.items()}


def _assign(G, ego, by):
    """(ego, people, group key of each person, label of each key) for :func:`attribute_groups`."""
    if by not in GROUP_KINDS:
        raise InputError(f"by must be one of {', '.join(GROUP_KINDS)}, not '{by}'.")
    ego = check_ego(G, ego, required=False)
    people = sorted_keys(G.neighbors(ego)) if ego is not None else sorted_keys(G.nodes)
    people = [n for n in people if n != ego]
    if by == "company":
        raw = {n: str(G.nodes[n].get("company") or "").strip() for n in people}
        normal = {r: normalize_company(r) for r in set(raw.values())}
        key = {n: normal[raw[n]] for n in people}
        spelled = {}
        for n in people:
            spelled.setdefault(key[n], Counter())[raw[n]] += 1
        label = {k: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for k, c in spelled.items()}
        none = "no company given"
    else:
        titles = {n: G.nodes[n].get("position") for n in people}
        titles = {n: t if isinstance(t, str) else "" for n, t in titles.items()}
        roles = _role_of(list(titles.values()))
        key = {n: roles[titles[n]] for n in people}
        label = {k: k for k in set(key.values())}
        none = "no position given"
    label[""] = none
    return ego, people, key, label


def attribute_groups(G, ego=None, *, by="company", weight="strength", top=3):
    """The ego's contacts grouped by employer or by role, one row per group.

    For a single export, or wherever the ties between contacts are too little observed for
    circles (:func:`netanalysis.observation`), this is what the data can show: who works where,
    and who does what. **These are not circles**: the export says nothing about whether two
    people of one group know each other.

    - ``by="company"``: the company on each contact's row, normalised with
      :func:`netanalysis.normalize_company` (``"Acme Inc."`` and ``"ACME"`` are one employer); the
      label is its commonest spelling (equally common: the first in alphabetical order).
    - ``by="role"``: the word of the position that most contacts' positions share (``"Data
      engineer"`` and ``"Senior engineer"`` are both ``engineer`` when "engineer" is commoner than
      "data"), leaving out words of seniority (senior, lead, principal…); ties between equally
      common words go to the alphabetically first.

    Contacts with no company (no position) form one last group, labelled so.

    Parameters
    ----------
    G : networkx.Graph
    ego : node, optional
        Whose contacts are grouped. Default ``G.graph["ego"]``; when the graph names no ego,
        everyone is grouped.
    by : {"company", "role"}
    weight : str or None
        The tie attribute read as the ego's tie strength (``mean_strength``, ``strongest``).
    top : int
        How many of the ego's strongest ties to name per group.

    Returns
    -------
    pandas.DataFrame
        One row per group, largest first (equal sizes by label; the "no … given" group last):
        ``group`` (0, 1, …), ``by`` (``employer`` or ``role``), ``label``, ``size``,
        ``ego_ties``, ``in_person``, ``in_person_share``, ``mean_strength`` (of the ego's ties
        into the group; NaN when unknown) and ``strongest`` (``;``-separated names).
        ``df.attrs``: ``by``, ``ego``, ``people`` (how many were grouped) and ``note`` (these are
        not circles, in one sentence).

    Raises
    ------
    InputError
        ``by`` not one of :data:`GROUP_KINDS`, or an unknown ego.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me")
    >>> for p, company, position, met, s in [
    ...         ("a", "Acme Inc.", "Data engineer", "in_person", 0.9), ("b", "ACME", "Senior engineer", "online", 0.3),
    ...         ("c", "Clinique Nord", "Nurse", "in_person", 0.6), ("d", "", "Engineer", "unknown", 0.2)]:
    ...     G.add_node(p, name=p.upper(), company=company, position=position)
    ...     G.add_edge("me", p, met=met, strength=s)
    >>> attribute_groups(G)[["group", "label", "size", "in_person", "strongest"]]
       group             label  size  in_person strongest
    0      0              ACME     2          1      A; B
    1      1     Clinique Nord     1          1         C
    2      2  no company given     1          0         D
    >>> attribute_groups(G, by="role")[["label", "size", "strongest"]]
          label  size strongest
    0  engineer     3   A; B; D
    1     nurse     1         C
    """
    check_graph(G)
    ego, people, key, label = _assign(G, ego, by)
    members = _members(people, key, label)
    rows = []
    for gid, k in enumerate(members):
        ties, in_person, strengths = 0, 0, []
        for n in members[k]:
            if ego is None or not G.has_edge(ego, n):
                continue
            data = G.edges[ego, n]
            ties += 1
            in_person += data.get("met") == "in_person"
            s = data.get(weight) if weight else None
            if isinstance(s, (int, float)) and not math.isnan(s):
                strengths.append((float(s), n))
        ranked = sorted(strengths, key=lambda sn: (-sn[0], str(sn[1])))
        rows.append({
            "group": gid, "by": GROUP_KINDS[by], "label": label[k], "size": len(members[k]),
            "ego_ties": ties, "in_person": in_person, "in_person_share": in_person / ties if ties else math.nan,
            "mean_strength": sum(s for s, _ in strengths) / len(strengths) if strengths else math.nan,
            "strongest": "; ".join(str(G.nodes[n].get("name", n)) for _, n in ranked[:top]),
        })
    df = pd.DataFrame(rows, columns=["group", "by", "label", "size", "ego_ties", "in_person", "in_person_share",
                                     "mean_strength", "strongest"])
    df.attrs.update({"by": by, "ego": ego, "people": len(people),
                     "note": f"groups by {GROUP_KINDS[by]}, not circles: they say who {'works where' if by == 'company' else 'does what'}, "
                             "not who knows whom"})
    return df


def _members(people, key, label):
    """Group key -> its members, largest group first (equal sizes by label; the "no … given" group last)."""
    members = {}
    for n in people:
        members.setdefault(key[n], []).append(n)
    return {k: members[k] for k in sorted(members, key=lambda k: (k == "", -len(members[k]), label[k].casefold(), k))}


def attribute_partition(G, ego=None, *, by="company"):
    """The groups of :func:`attribute_groups` as a mapping ``key -> group id`` (the same ids), for the map.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me")
    >>> G.add_nodes_from([("a", {"company": "Acme"}), ("b", {"company": "ACME"}), ("c", {"company": ""})])
    >>> G.add_edges_from([("me", "a"), ("me", "b"), ("me", "c")])
    >>> attribute_partition(G)
    {'a': 0, 'b': 0, 'c': 1}
    """
    check_graph(G)
    _, people, key, label = _assign(G, ego, by)
    ids = {k: i for i, k in enumerate(_members(people, key, label))}
    return {n: ids[key[n]] for n in people}


def circle_support(G, ego=None, *, evidence="all"):
    """Can the data show circles around ``ego``, or only groups by employer or role?

    Circles need ties between the ego's contacts. A single export shows none, and a
    knows.csv declares only a few: then no list of the ego's contacts was observed
    (:func:`netanalysis.observation`'s ``contacts_observed`` is 0) and, unless the declared ties
    reach the coverage rule (:data:`netanalysis.coverage.MIN_KNOWN_SHARE` of the pairs known),
    the answer is groups (:func:`attribute_groups`), labelled as not circles. When one contact's
    list or more was merged, circles are shown with the coverage line; below the rule, the
    note says how little they rest on. A graph that names no ego, or no exporters
    (``G.graph["egos"]``: taken as fully observed), shows circles.

    Returns
    -------
    dict
        ``circles`` (bool), ``line`` (the coverage line, "" without an ego), ``computable`` (the
        coverage rule holds), ``contacts_observed``, ``reason`` (why no list of the contacts
        is observed; "" when one is) and ``note`` (why groups, or how far the circles can be
        trusted; "" when the rule holds).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me", egos=["me"])
    >>> G.add_edges_from([("me", "a"), ("me", "b"), ("me", "c")], sources=["export"])
    >>> s = circle_support(G); s["circles"], s["note"]
    (False, 'a single export shows no ties between your contacts, so these are not circles (ties among your contacts observed for 0 of 3 contacts (0 % of pairs))')
    >>> G.graph["egos"] = ["a", "me"]; G.add_edge("a", "b", sources=["export"])
    >>> circle_support(G)["circles"]
    True
    """
    check_graph(G)
    ego = check_ego(G, ego, required=False)
    if ego is None:
        return {"circles": True, "line": "", "computable": True, "contacts_observed": 0, "reason": "", "note": ""}
    cov = observation(G, ego, evidence=evidence)
    circles = cov["computable"] or cov["contacts_observed"] > 0
    reason = "" if cov["contacts_observed"] else (
        "a single export shows no ties between your contacts" if cov["exporters"] <= 1
        else "none of your contacts' own lists was exported")
    if cov["computable"]:
        note = ""
    elif circles:
        note = (f"circles rest on few observed lists ({cov['line']}): a circle may be little more than one "
                "exporter's list; its 'share in that list' says how far")
    else:
        note = f"{reason}, so these are not circles ({cov['line']})"
    return {"circles": circles, "line": cov["line"], "computable": cov["computable"],
            "contacts_observed": cov["contacts_observed"], "reason": reason, "note": note}

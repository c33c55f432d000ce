"""Circles among a person's contacts: Louvain communities, their stability and their labels."""

import math
from collections import Counter, defaultdict

import networkx as nx
import numpy as np
import pandas as pd

from . import _shared
from ._arrays import CONTACT_WEIGHT, contact_arrays, ends
from ._optional import igraph_module as _igraph
from .circles import (
    CIRCLE_METHODS,
    DEFAULT_CIRCLE_METHOD,
    adjusted_rand_index,
    check_method,
    exporter_partition,
    normalized_mutual_info,
    people_only,
    with_employers,
)
from .errors import InputError
from .groups import GROUP_KINDS, attribute_groups, attribute_partition, circle_support, position_words
from .identity import normalize_company
from .model import analysis_view, check_ego, check_graph, sorted_keys
from .tiestrength import scored_view

__all__ = [
    "CIRCLE_METHODS",
    "DEFAULT_CIRCLE_METHOD",
    "GROUP_KINDS",
    "IGRAPH_MIN_TIES",
    "LOUVAIN_ENGINES",
    "adjusted_rand_index",
    "attribute_groups",
    "attribute_partition",
    "circle_support",
    "community_stability",
    "community_table",
    "detect_communities",
    "exporter_partition",
    "label_communities",
    "normalized_mutual_info",
    "partition",
    "position_words",
]

#: Louvain implementations ``engine=`` accepts (``None`` picks one, see :data:`IGRAPH_MIN_TIES`).
LOUVAIN_ENGINES = ("python-louvain", "igraph")
#: With ``engine=None``, igraph's multilevel runs when it is installed and the ties between
#: contacts number more than this; below it python-louvain keeps today's results bit for bit.
#: At 300,000 ties python-louvain takes ~11 s a run and igraph ~0.5 s for the same modularity
#: (``benchmarks/results/M.md``).
IGRAPH_MIN_TIES = 50_000

# A weight key that no edge carries: python-louvain then counts every edge as 1.
# (``weight=None`` crashes python-louvain 0.16, issue #73.)
_UNWEIGHTED = "__unweighted__"


# --------------------------------------------------------------------------------------------
# Louvain engines


def _choose_engine(engine, contacts):
    """The Louvain implementation to run on the ties between contacts (:class:`netanalysis._arrays.Contacts`)."""
    if engine is None:
        if contacts.ties > IGRAPH_MIN_TIES and _igraph() is not None:
            return "igraph"
        return "python-louvain"
    if engine not in LOUVAIN_ENGINES:
        raise InputError(f"engine must be one of {', '.join(LOUVAIN_ENGINES)} or None, not '{engine}'.")
    if engine == "igraph" and _igraph() is None:
        raise InputError("engine='igraph' needs the igraph package (pip install igraph); use engine='python-louvain'.")
    return engine


def _engine_label(engine, resolution):
    """What actually runs: python-louvain hands resolutions other than 1 to networkx."""
    if engine == "python-louvain" and float(resolution) != 1.0:
        return "networkx"
    return engine


def _igraph_sets(contacts, *, seed, resolution):
    """igraph's multilevel (Louvain), seeded, split into connected pieces; Python's global random state is untouched."""
    from ._igraph_job import membership

    g, weights = contacts.igraph()
    # igraph's resolution is the Reichardt–Bornholdt γ of networkx's modularity (checked in
    # tests/test_engines.py), so every γ can go through it.
    labels = membership(g, weights, seed, float(resolution))
    # The same split into connected pieces that _louvain_sets makes with networkx, in C.
    return people_only(contacts.pieces(np.array(labels)))


def _louvain_sets(contacts, *, seed, resolution, engine="python-louvain"):
    """Communities of the tied contacts (:class:`netanalysis._arrays.Contacts`) as a list of sets, split into connected pieces."""
    if contacts.ties == 0:
        return []
    if engine == "igraph":
        return _igraph_sets(contacts, seed=seed, resolution=resolution)
    H = contacts.graph()
    if resolution == 1.0:
        from community import community_louvain

        labels = community_louvain.best_partition(H, weight=CONTACT_WEIGHT, random_state=seed)
        groups = defaultdict(set)
        for node, label in labels.items():
            groups[label].add(node)
        sets = list(groups.values())
    else:
        # python-louvain 0.16 stops on modularity at resolution 1/γ (issues #94, #98): use networkx.
        sets = [set(c) for c in nx.community.louvain_communities(H, weight=CONTACT_WEIGHT, resolution=resolution, seed=seed)]
    # Louvain can return disconnected communities (Traag et al. 2019): split them.
    pieces = []
    for members in sets:
        sub = H.subgraph(members)
        if len(members) > 1 and not nx.is_connected(sub):
            pieces.extend(set(c) for c in nx.connected_components(sub))
        else:
            pieces.append(set(members))
    return people_only(pieces)


def _contacts(G, *, ego, evidence, weight, method):
    """The graph a method partitions: the ties between contacts, plus shared employers for ``"employers"``
    where the ties between the ego's contacts are observed at all (:func:`circle_support`)."""
    contacts, ego = contact_arrays(G, ego=ego, evidence=evidence, weight=weight)
    if check_method(method) == "employers" and circle_support(G, ego, evidence=evidence)["circles"]:
        return with_employers(G, contacts), ego, contacts
    return contacts, ego, contacts


def _renumber(sets, order):
    """Map node -> id, ids by decreasing size, ties broken by the smallest member key."""
    keyed = sorted(sets, key=lambda c: (-len(c), min(order[n] for n in c)))
    mapping = {}
    for cid, members in enumerate(keyed):
        for n in members:
            mapping[n] = cid
    return {n: mapping[n] for n in sorted(mapping, key=order.__getitem__)}


# --------------------------------------------------------------------------------------------
# public API


def partition(G, *, ego=None, evidence="all", weight="strength", seed=0, resolution=1.0, engine=None,
              method=DEFAULT_CIRCLE_METHOD):
    """Louvain communities among a person's contacts, as a mapping ``key -> community id``.

    The ego (by default ``G.graph["ego"]``) is removed first: everyone is tied to the ego, so
    keeping it would glue every circle together. Louvain (python-louvain, Blondel et al. 2008)
    then runs on the ties *between contacts*, weighted by tie strength, on a graph rebuilt from
    sorted nodes and edges so that the result depends only on the data and the seed.

    With the default ``method="employers"``, each employer shared by two or more people joins
    that graph as one extra node, tied to each of them with the mean weight of the ties
    between contacts; the employers are dropped from the result. Merged exports observe only
    the exporters' lists, and Louvain on those ties alone mostly returns "whose list holds you"
    (issue 17); shared employers pull colleagues together where no export shows their tie.
    On synthetic worlds this agrees best with the planted communities
    (``benchmarks/results/circles.md``). Employers join only where ties between the ego's
    contacts are observed at all (:func:`circle_support`: one of their lists merged, or the
    coverage rule met): a single export's employers make groups (:func:`attribute_groups`),
    not circles, so there ``"employers"`` is ``"ties"``. ``method="ties"`` is Louvain on the
    ties alone.

    Everyone in ``G`` but the ego is partitioned. A graph built from one export holds only the
    ego's contacts; one built from merged exports (a team, a cohort, an organisation) also holds
    the other members' contacts, and they are placed in circles too: the circles are then the
    merged network's, and :func:`community_table`'s ``ego_ties`` says how many of each circle's
    members are the ego's own contacts.

    Parameters
    ----------
    G : networkx.Graph
        The network (from :func:`netanalysis.build_graph`, or any undirected graph).
    ego : node, optional
        The person left out of the partition. Default ``G.graph["ego"]``; when the graph names
        no ego, every node is partitioned.
    evidence : {"all", "declared", "observed"}
        Which ties count: ``observed`` = listed in an export, ``declared`` adds the user's
        ``knows.csv`` pairs, ``all`` adds inferred ties too.
    weight : str or None
        Edge attribute read as tie *strength* (larger = closer). ``None`` counts every tie as 1.
        Edges without the attribute count as 1.
    seed : int
        Random seed for Louvain's node order.
    resolution : float
        Modularity resolution γ. With the python-louvain engine, γ = 1 runs python-louvain and
        any other value is routed to :func:`networkx.community.louvain_communities`, because
        python-louvain 0.16 stops on the wrong quantity when γ ≠ 1 (its issues #94 and #98).
        igraph's ``resolution`` is the same γ, so the igraph engine handles every value.
    engine : {None, "python-louvain", "igraph"}
        Louvain implementation. ``None`` (default): igraph's ``community_multilevel`` when the
        ``igraph`` package is installed and the contacts have more than
        :data:`IGRAPH_MIN_TIES` ties between them (20 times faster at 300,000 ties, same
        modularity), else python-louvain. Both are seeded; the same engine, input and seed
        always give the same partition, but the two engines can split differently.
    method : {"employers", "ties"}
        What Louvain partitions (:data:`CIRCLE_METHODS`): the ties between contacts plus shared
        employers (default), or the ties alone. Employers are attributes, not ties: every
        ``evidence`` level keeps them.

    Returns
    -------
    dict
        ``key -> community id`` (int), keys in sorted order. Ids are 0, 1, … from the largest
        community down; equal sizes are ordered by their smallest member key. People with no
        tie to another contact and (with ``"employers"``) no employer shared with another
        person are absent, as is the ego. Every community is connected (through ties or a
        shared employer): disconnected Louvain communities are split (Traag, Waltman & van Eck 2019).

    Raises
    ------
    InputError
        Unknown ego, unknown evidence level or engine, ``engine="igraph"`` without igraph
        installed, negative weights, or a directed/multi graph.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me")
    >>> G.add_edges_from([("me", p) for p in "abcdefg"])
    >>> G.add_edges_from([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f")])
    >>> partition(G)
    {'a': 0, 'b': 0, 'c': 0, 'd': 1, 'e': 1, 'f': 1}
    >>> partition(G, engine="python-louvain") == partition(G)
    True

    Two colleagues that no export shows tied join a circle through their employer:

    >>> G.add_edges_from([("me", "h"), ("me", "i")]); G.add_edge("c", "h")
    >>> for p in "abcghi": G.nodes[p]["company"] = "Acme" if p in "ghi" else ""
    >>> partition(G, method="ties")
    {'a': 0, 'b': 0, 'c': 0, 'd': 1, 'e': 1, 'f': 1, 'h': 0}
    >>> partition(G)
    {'a': 0, 'b': 0, 'c': 0, 'd': 1, 'e': 1, 'f': 1, 'g': 2, 'h': 2, 'i': 2}

    Notes
    -----
    Modularity has a resolution limit (Fortunato & Barthélemy 2007): small circles inside a
    large network can be merged. Several partitions usually have nearly equal modularity, so
    look at :func:`community_stability` before reading much into one split.

    References
    ----------
    .. [1] Blondel, Guillaume, Lambiotte & Lefebvre (2008), "Fast unfolding of communities in
       large networks", J. Stat. Mech. P10008.
    .. [2] Traag, Waltman & van Eck (2019), "From Louvain to Leiden: guaranteeing well-connected
       communities", Sci. Rep. 9:5233.
    """
    return partition_engine(G, ego=ego, evidence=evidence, weight=weight, seed=seed, resolution=resolution,
                            engine=engine, method=method)[0]


def _scored(G, evidence):
    """The graph an evidence level reads: ``G`` itself, or its kept ties with strengths scored on them alone."""
    H = scored_view(G, evidence)
    return (G, evidence) if H is G else (H, "all")


def partition_engine(G, *, ego=None, evidence="all", weight="strength", seed=0, resolution=1.0, engine=None,
                     method=DEFAULT_CIRCLE_METHOD):
    """:func:`partition` and the name of the implementation that ran (for the callers' ``attrs``)."""
    G, evidence = _scored(G, evidence)
    contacts, ego, _ = _contacts(G, ego=ego, evidence=evidence, weight=weight, method=method)
    order = {n: i for i, n in enumerate(contacts.nodes)}
    engine = _choose_engine(engine, contacts)
    started = _shared.started_job(G, "multilevel", _louvain_request(ego, evidence, weight, seed, resolution, method))
    if engine == "igraph" and started is not None:  # started by start_partition: collect it
        sets = people_only(contacts.pieces(np.array(started.result())))
    else:
        sets = _louvain_sets(contacts, seed=seed, resolution=float(resolution), engine=engine)
    return _renumber(sets, order), _engine_label(engine, resolution)


def _louvain_request(ego, evidence, weight, seed, resolution, method):
    """What decides a Louvain partition of a graph: the one spelling for starting and for collecting it."""
    return (ego, evidence, weight, seed, float(resolution), method)


def start_partition(G, *, ego=None, evidence="all", weight="strength", seed=0, resolution=1.0,
                    method=DEFAULT_CIRCLE_METHOD):
    """Start :func:`partition`'s igraph Louvain of ``G`` in the helper process of a report.

    Only inside :func:`netanalysis._shared.shared_reads` (the next ``partition`` with the same
    arguments and ``engine=None`` collects it), and only when the default engine is igraph.
    Returns whether it started. Not in ``__all__``: the report's seam, not an analysis.

    Examples
    --------
    >>> import networkx as nx
    >>> start_partition(nx.Graph([("a", "b")]))  # outside a report's block: nothing starts
    False
    """
    if _igraph() is None or not _shared.sharing() or scored_view(G, evidence) is not G:
        return False
    contacts, ego, _ = _contacts(G, ego=ego, evidence=evidence, weight=weight, method=method)
    if _choose_engine(None, contacts) != "igraph":
        return False
    return _shared.start_job(G, "multilevel", _louvain_request(ego, evidence, weight, seed, resolution, method),
                             lambda: (len(contacts.tied), contacts.positions(), contacts.w, seed, float(resolution)))


_partition = partition  # community_table's argument is also called ``partition``


def _comb2(x):
    return x * (x - 1) // 2


def _pair_agreement(a, b):
    """Pair-counting Jaccard of two labelings over the same nodes, plus each node's overlap.

    Uses only the contingency table (no n x n matrix): pairs together in both runs divided by
    pairs together in at least one.
    """
    table = Counter((a[n], b[n]) for n in a)
    size_a = Counter(a.values())
    size_b = Counter(b.values())
    both = sum(_comb2(c) for c in table.values())
    either = sum(_comb2(c) for c in size_a.values()) + sum(_comb2(c) for c in size_b.values()) - both
    overall = both / either if either else 1.0
    per_node = {}
    for n in a:
        inter = table[(a[n], b[n])]
        per_node[n] = inter / (size_a[a[n]] + size_b[b[n]] - inter)
    return overall, per_node


def _runs(G, *, ego, evidence, weight, seed, runs, resolution, engine=None, contacts=None,
          method=DEFAULT_CIRCLE_METHOD):
    if contacts is None:
        contacts, _, _ = _contacts(G, ego=ego, evidence=evidence, weight=weight, method=method)
    order = {n: i for i, n in enumerate(contacts.nodes)}
    engine = _choose_engine(engine, contacts)
    parts = [
        _renumber(_louvain_sets(contacts, seed=seed + r, resolution=float(resolution), engine=engine), order)
        for r in range(max(int(runs), 1))
    ]
    return contacts, parts, engine


def _stability(parts):
    if len(parts) < 2 or not parts[0]:
        return math.nan, {}  # one run measures nothing: unknown, never a perfect 1.0
    scores = []
    per_node = defaultdict(float)
    for i in range(len(parts)):
        for j in range(i + 1, len(parts)):
            overall, nodes = _pair_agreement(parts[i], parts[j])
            scores.append(overall)
            if i == 0:
                for n, value in nodes.items():
                    per_node[n] += value / (len(parts) - 1)
    return sum(scores) / len(scores), dict(per_node)


def community_stability(G, *, ego=None, evidence="all", weight="strength", seed=0, runs=5, resolution=1.0,
                        engine=None, method=DEFAULT_CIRCLE_METHOD):
    """How much of a Louvain split survives a change of seed: a number in [0, 1].

    Louvain is run with seeds ``seed, seed+1, …, seed+runs-1``. For each pair of runs, the
    agreement is the share of pairs of people placed together by either run that both runs
    place together (pair-counting Jaccard). The result is the mean over all pairs of runs;
    1 means every run found the same circles. Counted from contingency tables, so memory
    stays linear in the number of people.

    Parameters
    ----------
    G, ego, evidence, weight, resolution, engine, method
        As in :func:`partition`.
    seed : int
        First seed.
    runs : int
        Number of seeds tried (at least 2 for a meaningful score).

    Returns
    -------
    float

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])
    >>> community_stability(G, runs=3)
    1.0
    """
    G, evidence = _scored(G, evidence)
    _, parts, _ = _runs(G, ego=ego, evidence=evidence, weight=weight, seed=seed, runs=runs,
                        resolution=resolution, engine=engine, method=method)
    return _stability(parts)[0]


#: Above this many ties between contacts, ``detect_communities`` runs python-louvain once by
#: default: each extra seed for the stability score costs a whole run (~11 s at 300,000 ties).
#: The igraph engine (~0.6 s a run there) makes three runs: three pairs of runs to compare.
STABILITY_MAX_TIES = 50_000


def detect_communities(G, *, ego=None, evidence="all", weight="strength", seed=0, resolution=1.0, runs=None,
                       engine=None, method=DEFAULT_CIRCLE_METHOD):
    """One row per person: which circle they belong to, with the split's modularity and stability.

    Runs :func:`partition` (seed ``seed``) and ``runs - 1`` more seeds to measure stability.

    Parameters
    ----------
    G, ego, evidence, weight, seed, resolution, engine, method
        As in :func:`partition`.
    runs : int, optional
        Seeds tried for the stability score (1 skips it: stability is then NaN). Default 5; above
        :data:`STABILITY_MAX_TIES` ties between contacts, 3 with the igraph engine and 1 with
        python-louvain (``df.attrs["runs"]`` says which).

    Returns
    -------
    pandas.DataFrame
        One row per person except the ego, sorted by community then key, with columns

        - ``key``, ``name``
        - ``community``: community id (nullable ``Int64``; missing when the person has no tie
          to another contact)
        - ``size``: members of that community (0 when none)
        - ``status``: ``community`` (in a circle of 2 or more), ``shared employer`` (in a circle
          only through an employer shared with others: no tie to another contact is known),
          ``singleton`` (placed alone) or ``no ties between contacts``
        - ``stability``: for that person, the mean Jaccard overlap of their community across
          seeds (NaN when they have no community)

        The whole split's numbers are in ``df.attrs``: ``modularity`` (weighted, at the chosen
        resolution, on the ties between contacts: employers left out), ``stability`` (see
        :func:`community_stability`), ``communities`` (count), ``runs``, ``seed``, ``method``,
        ``evidence``, ``weight``, ``resolution``, ``ego`` and ``engine`` (``python-louvain``,
        ``networkx`` — python-louvain's route for γ ≠ 1 — or ``igraph``).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me")
    >>> G.add_edges_from([("me", p) for p in "abcdefg"])
    >>> G.add_edges_from([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f")])
    >>> df = detect_communities(G, runs=2)
    >>> df[["key", "community", "status"]]
      key  community                   status
    0   a          0                community
    1   b          0                community
    2   c          0                community
    3   d          1                community
    4   e          1                community
    5   f          1                community
    6   g       <NA>  no ties between contacts
    >>> round(df.attrs["modularity"], 3), df.attrs["stability"]
    (0.5, 1.0)
    """
    asked = evidence
    G, evidence = _scored(G, evidence)
    contacts, _, between_contacts = _contacts(G, ego=ego, evidence=evidence, weight=weight, method=method)
    chosen = _choose_engine(engine, contacts)
    if runs is None:
        centre = check_ego(G, ego, required=False)
        between = G.number_of_edges() - (G.degree(centre) if centre in G else 0)
        runs = 5 if between <= STABILITY_MAX_TIES else 3 if chosen == "igraph" else 1
    _, parts, _ = _runs(G, ego=ego, evidence=evidence, weight=weight, seed=seed, runs=runs,
                        resolution=resolution, engine=chosen, contacts=contacts)
    ego = check_ego(G, ego, required=False)
    part = parts[0]
    stability, per_node = _stability(parts)
    sizes = Counter(part.values())
    tied = {between_contacts.nodes[i] for i in between_contacts.tied.tolist()}
    rows = []
    for n in sorted_keys(x for x in G.nodes if x != ego):
        cid = part.get(n)
        if cid is None:
            status, size = "no ties between contacts", 0
        else:
            size = sizes[cid]
            status = "singleton" if size == 1 else "community" if n in tied else "shared employer"
        rows.append({
            "key": n,
            "name": G.nodes[n].get("name", str(n)),
            "community": cid,
            "size": size,
            "status": status,
            "stability": per_node.get(n, math.nan) if cid is not None else math.nan,
        })
    df = pd.DataFrame(rows, columns=["key", "name", "community", "size", "status", "stability"])
    df["community"] = df["community"].astype("Int64")
    df["size"] = df["size"].astype(int)
    df["stability"] = df["stability"].astype(float)
    df = df.assign(_order=df["community"].fillna(len(sizes) + 1)).sort_values(["_order"], kind="stable")
    df = df.drop(columns="_order").reset_index(drop=True)
    modularity = between_contacts.modularity(part, float(resolution))
    df.attrs.update({
        "modularity": float(modularity), "stability": float(stability), "communities": len(sizes),
        "runs": max(int(runs), 1), "seed": seed, "method": method, "evidence": asked, "weight": weight,
        "resolution": float(resolution), "ego": ego, "engine": _engine_label(chosen, resolution),
    })
    return df


# --------------------------------------------------------------------------------------------
# labels

def _groups(partition_):
    groups = defaultdict(list)
    for n, cid in partition_.items():
        groups[int(cid)].append(n)
    return {cid: sorted_keys(members) for cid, members in sorted(groups.items())}


def label_communities(G, partition, *, min_share=0.4, keywords=2):
    """Suggest a short, human label for each community from companies and job titles.

    If one company (normalised with :func:`netanalysis.normalize_company`) employs at least
    ``min_share`` of a community (and at least two of its members), the label starts with it. The rest of the label comes from
    the words of the members' positions that are most specific to this community, by
    class-based TF-IDF (each community is one document; Grootendorst 2022):
    ``W(t, c) = tf(t, c) / |c| · log(1 + A / f_t)`` with A the average number of words per
    community and f_t the frequency of t across communities. Parts are joined with " · ".
    The label is a suggestion: read it next to the members.

    Parameters
    ----------
    G : networkx.Graph
        Nodes may carry ``company`` and ``position``.
    partition : dict
        ``key -> community id`` (from :func:`partition`).
    min_share : float
        Minimum share of members at one company for the company to lead the label.
    keywords : int
        How many keywords to use when no company dominates (one when it does).

    Returns
    -------
    pandas.DataFrame
        One row per community, by id: ``community``, ``size``, ``label``, ``top_company``
        (most common spelling of the most common company, or ""), ``company_share``,
        ``company_lift`` (share in the community / share among everyone partitioned),
        ``keywords`` (top five, comma-separated).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_nodes_from(["a", "b", "c"], company="Acme Inc.", position="Data engineer")
    >>> G.add_node("d", company="St. Mary", position="Nurse, intensive care")
    >>> G.add_node("e", company="Clinique Évangéline", position="ICU nurse")
    >>> G.add_node("f", company="", position="Head nurse, intensive care")
    >>> label_communities(G, {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 1})[["community", "label"]]
       community             label
    0          0  Acme Inc. · data
    1          1      nurse · care
    """
    groups = _groups(partition)
    if not groups:
        return pd.DataFrame(columns=["community", "size", "label", "top_company", "company_share",
                                     "company_lift", "keywords"])
    missing = [n for members in groups.values() for n in members if n not in G]
    if missing:
        raise InputError(f"the partition names {len(missing)} people not in the network (e.g. '{missing[0]}').")
    everyone = [n for members in groups.values() for n in members]
    # Thousands of people share a few hundred employers: normalise each spelling once.
    raw_company = {n: str(G.nodes[n].get("company") or "").strip() for n in everyone}
    normalized = {raw: normalize_company(raw) for raw in set(raw_company.values())}
    overall_companies = Counter(normalized[raw_company[n]] for n in everyone)
    overall_companies.pop("", None)
    # Job titles repeat too: tokenise each distinct title once.
    titles = {n: G.nodes[n].get("position") for n in everyone}
    titles = {n: t if isinstance(t, str) else "" for n, t in titles.items()}
    tokens = {t: position_words(t) for t in set(titles.values())}
    term_counts = {cid: Counter(t for n in members for t in tokens[titles[n]]) for cid, members in groups.items()}
    freq = Counter()
    for counts in term_counts.values():
        freq.update(counts)
    average = sum(freq.values()) / len(groups) if groups else 0.0
    rows = []
    for cid, members in groups.items():
        spelled = defaultdict(Counter)
        companies = Counter()
        for n in members:
            raw = raw_company[n]
            norm = normalized[raw]
            if norm:
                companies[norm] += 1
                spelled[norm][raw] += 1
        top_company, share, lift, count = "", 0.0, math.nan, 0
        if companies:
            norm, count = min(companies.items(), key=lambda kv: (-kv[1], kv[0]))
            share = count / len(members)
            top_company = min(spelled[norm].items(), key=lambda kv: (-kv[1], kv[0]))[0]
            lift = share / (overall_companies[norm] / len(everyone))
        counts = term_counts[cid]
        total = sum(counts.values())
        scores = {t: (c / total) * math.log(1 + average / freq[t]) for t, c in counts.items()} if total else {}
        ranked = [t for t, _ in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))]
        # One colleague in a pair is not a pattern: a company leads only with two members or more.
        if top_company and share >= min_share and count >= min(2, len(members)):
            parts = [top_company, *ranked[:1]]
        else:
            parts = ranked[:keywords]
        label = " · ".join(parts) if parts else f"community {cid}"
        rows.append({
            "community": cid, "size": len(members), "label": label, "top_company": top_company,
            "company_share": share, "company_lift": lift, "keywords": ", ".join(ranked[:5]),
        })
    return pd.DataFrame(rows)


def _bridge_counts(view, partition, ego):
    """Per person of ``partition`` in ``view``: their ties to people of another circle (not the ego).

    Counted in C over the adjacency (a Python step per tie costs seconds at two million ties).
    """
    nodes = [n for n in partition if n in view]
    everyone, _, src, dst = ends(view)
    index = {n: i for i, n in enumerate(everyone)}
    at = np.array([index[n] for n in nodes], dtype=np.int64)
    member = np.zeros(len(everyone), dtype=bool)
    member[at] = True
    circle = np.zeros(len(everyone), dtype=np.int64)
    circle[at] = [int(partition[n]) for n in nodes]
    outside = member[src] & member[dst] & (circle[src] != circle[dst])
    if ego in index:
        outside &= dst != index[ego]  # a tie to the ego links no circles
    counts = np.bincount(src[outside], minlength=len(everyone))
    return dict(zip(nodes, counts[at].tolist(), strict=True))


def community_table(G, partition=None, *, ego=None, evidence="all", weight="strength", labels=None, top=3, seed=0,
                    method=DEFAULT_CIRCLE_METHOD):
    """What each circle means for the ego: size, label, how well the ego knows it, who bridges out.

    Parameters
    ----------
    G : networkx.Graph
    partition : dict, optional
        ``key -> community id``; computed with :func:`partition` (same ``ego``, ``evidence``,
        ``weight``, ``seed``, ``method``) when omitted.
    ego : node, optional
        Default ``G.graph["ego"]``.
    evidence, weight
        Which ties count between contacts, and the tie-strength attribute (see :func:`partition`).
    labels : pandas.DataFrame, optional
        From :func:`label_communities` (computed when omitted).
    top : int
        How many strongest ties and bridges to name per community.

    Returns
    -------
    pandas.DataFrame
        One row per community, by id, with columns

        - ``community``, ``size``, ``label``
        - ``ego_ties``: members tied to the ego; ``in_person``: of those, met in person;
          ``in_person_share``: ``in_person / ego_ties`` (NaN with no ties)
        - ``mean_strength``: mean strength of the ego's ties into the circle (NaN when
          unknown)
        - ``strongest``: names of the ego's strongest ties inside (``;``-separated)
        - ``bridges``: members with the most ties to other circles (``name (n)``), and
          ``bridge_count``: how many members have at least one such tie
        - ``top_exporter``: the exporter (other than the ego) whose list holds the most members,
          and ``top_exporter_share``: the share of the members that list holds (the exporter
          counted as a member of their own list). Near 1, the circle may be little more than
          one person's contact list: in merged exports only the exporters' lists are observed,
          and sampling alone makes groups look like communities (Blagus et al. 2017). Empty
          and NaN when the graph names no exporter besides the ego (``G.graph["egos"]``).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me")
    >>> for p, met, s in [("a", "in_person", .9), ("b", "online", .2), ("c", "in_person", .6),
    ...                   ("d", "online", .3), ("e", "online", .1), ("f", "unknown", .2)]:
    ...     G.add_edge("me", p, met=met, strength=s)
    >>> G.add_edges_from([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])
    >>> t = community_table(G)
    >>> t[["community", "size", "ego_ties", "in_person", "strongest", "bridges"]]
       community  size  ego_ties  in_person strongest bridges
    0          0     3         3          2   a; c; b   c (1)
    1          1     3         3          0   d; f; e   d (1)
    """
    check_graph(G)
    ego = check_ego(G, ego, required=False)
    G, evidence = _scored(G, evidence)
    if partition is None:
        partition = _partition(G, ego=ego, evidence=evidence, weight=weight, seed=seed, method=method)
    groups = _groups(partition)
    if labels is None:
        labels = label_communities(G, partition)
    label_of = dict(zip(labels["community"], labels["label"], strict=True)) if len(labels) else {}
    bridges = _bridge_counts(analysis_view(G, evidence), partition, ego)
    seen_by = _top_exporters(G, partition, ego)
    rows = []
    for cid, members in groups.items():
        ego_ties, in_person, strengths = 0, 0, []
        for n in members:
            if ego is not None and G.has_edge(ego, n):
                data = G.edges[ego, n]
                ego_ties += 1
                in_person += data.get("met") == "in_person"
                s = data.get(weight) if weight else None
                strengths.append((float(s) if isinstance(s, (int, float)) and not math.isnan(s) else math.nan, n))
        known = [s for s, _ in strengths if not math.isnan(s)]
        # Strongest first; ties of unknown strength last; then by key for determinism.
        ranked = sorted(strengths, key=lambda sn: (math.isnan(sn[0]), 0.0 if math.isnan(sn[0]) else -sn[0], str(sn[1])))
        strongest = "; ".join(str(G.nodes[n].get("name", n)) for _, n in ranked[:top])
        outside = [(bridges[n], n) for n in members if bridges.get(n)]
        outside.sort(key=lambda kn: (-kn[0], str(kn[1])))
        lister, listed = seen_by.get(cid, (None, 0))
        rows.append({
            "community": cid, "size": len(members), "label": label_of.get(cid, ""),
            "ego_ties": ego_ties, "in_person": in_person,
            "in_person_share": in_person / ego_ties if ego_ties else math.nan,
            "mean_strength": sum(known) / len(known) if known else math.nan,
            "strongest": strongest,
            "bridges": "; ".join(f"{G.nodes[n].get('name', n)} ({k})" for k, n in outside[:top]),
            "bridge_count": len(outside),
            "top_exporter": "" if lister is None else str(G.nodes[lister].get("name") or lister),
            "top_exporter_share": listed / len(members) if lister is not None and members else math.nan,
        })
    return pd.DataFrame(rows, columns=["community", "size", "label", "ego_ties", "in_person", "in_person_share",
                                       "mean_strength", "strongest", "bridges", "bridge_count", "top_exporter",
                                       "top_exporter_share"])


def _top_exporters(G, partition, ego):
    """Per community: the exporter (not the ego) whose list holds the most members, and how many.

    Ties are read from ``G`` (every evidence): a list is what its export showed. The exporter
    counts as a member of their own list. Ties broken by key, for determinism.
    """
    exporters = sorted((n for n in G.graph.get("egos") or () if n in G and n != ego), key=str)
    best = {}
    for x in exporters:
        counts = Counter(partition[n] for n in G.adj[x] if n in partition and n != x)
        if x in partition:
            counts[partition[x]] += 1
        for cid, count in counts.items():
            if count > best.get(cid, (None, 0))[1]:
                best[cid] = (x, count)
    return best

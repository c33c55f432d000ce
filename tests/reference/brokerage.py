"""Plain references for brokerage: per-person roles, pair-by-pair scores, Burt from scratch, networkx's routes.

Each one is the slow, obvious version of what ``netanalysis.brokerage`` computes with numpy, written
from the definitions (and from networkx) without any of the package's helpers, so that the tests
compare public functions with code that shares nothing with them but the public constants
(``ROLE_FAMILIES``, ``COMPLEMENTARY_ROLES``, ``mutual_contacts_curve``) and the public identity
and evidence functions.
"""

import itertools
import math
import re
import unicodedata
from collections import Counter

import networkx as nx
import pandas as pd

import netanalysis as na

UNDIRECTED_ROLES = ["coordinator", "consultant", "representative_gatekeeper", "liaison"]
ORDERED_ROLES = ["coordinator", "consultant", "representative", "gatekeeper", "liaison"]


def sorted_keys(items):
    """People keys sorted; by their repr when keys of different types are mixed."""
    items = list(items)
    try:
        return sorted(items)
    except TypeError:
        return sorted(items, key=repr)


def display_name(G, n):
    name = G.nodes[n].get("name")
    return name if isinstance(name, str) and name.strip() else str(n)


def filtered_copy(G, evidence):
    """The ties of ``evidence`` in a plain graph with G's node order, as brokerage reads them.

    The copy (not a view) matters where networkx's search order breaks ties between routes of
    equal cost: a copy lists each person's ties in the order its edges were added.
    """
    if evidence == "all":
        return G
    H = nx.Graph()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from(na.filter_evidence(G, evidence).edges(data=True))
    return H


# --------------------------------------------------------------------------------------------
# Gould–Fernandez roles, one broker at a time


class _NoGroup:
    """The group of a person in none: equal only to itself."""


def open_pairs(H, v, group_of):
    """Open unordered pairs of v's contacts by role: all pairs by group sizes, minus the tied ones."""
    nbrs = {u for u in H.adj[v] if u != v}
    g = group_of[v]
    sizes = Counter(group_of[u] for u in nbrs)
    inside = sizes.get(g, 0)
    outside = len(nbrs) - inside
    other_sq = sum(c * c for h, c in sizes.items() if h != g)
    counts = {
        "coordinator": inside * (inside - 1) // 2,
        "consultant": sum(c * (c - 1) // 2 for h, c in sizes.items() if h != g),
        "representative_gatekeeper": inside * outside,
        "liaison": (outside * outside - other_sq) // 2,
    }
    closed = Counter()
    for a in nbrs:
        ga = group_of[a]
        for b in H.adj[a]:
            if b == a or b not in nbrs:
                continue
            gb = group_of[b]
            if ga == g and gb == g:
                closed["coordinator"] += 1
            elif ga == gb:
                closed["consultant"] += 1
            elif ga == g or gb == g:
                closed["representative_gatekeeper"] += 1
            else:
                closed["liaison"] += 1
    for role, twice in closed.items():  # every closed pair was seen from both ends
        counts[role] -= twice // 2
    return counts


def expected_roles(sizes, group, n_total, density, ordered):
    """Expected ordered-pair counts per role for a broker in ``group`` (sna's null model, d²(1−d)·pairs)."""
    factor = density * density * (1.0 - density)
    n_i = sizes[group]
    others = [n for g, n in sizes.items() if g is not group and g != group]
    s1 = sum(others)
    s2 = sum(n * n for n in others)
    out = {
        "coordinator": factor * (n_i - 1) * (n_i - 2),
        "consultant": factor * sum(n * (n - 1) for n in others),
        "representative": factor * (n_total - n_i) * (n_i - 1),
        "gatekeeper": factor * (n_total - n_i) * (n_i - 1),
        "liaison": factor * (s1 * s1 - s2),
        "total": factor * (n_total - 1) * (n_total - 2),
    }
    if ordered:
        return out
    return {
        "coordinator": out["coordinator"] / 2,
        "consultant": out["consultant"] / 2,
        "representative_gatekeeper": out["representative"],
        "liaison": out["liaison"] / 2,
        "total": out["total"] / 2,
    }


def roles(G, groups, *, nodes=None, ordered=False):
    """``brokerage_roles(G, groups=groups, nodes=nodes, ordered=ordered)`` of an undirected graph, broker by broker."""
    mapping = dict(groups)
    group_of = {n: mapping[n] if n in mapping else _NoGroup() for n in G}
    people = sorted_keys(G.nodes) if nodes is None else list(nodes)
    names = ORDERED_ROLES if ordered else UNDIRECTED_ROLES
    sizes = Counter(group_of.values())
    n_total = G.number_of_nodes()
    arcs = G.number_of_edges() * 2 - nx.number_of_selfloops(G)
    density = arcs / (n_total * (n_total - 1)) if n_total > 1 else 0.0
    rows = []
    for v in people:
        counts = open_pairs(G, v, group_of)
        if ordered:
            counts = {
                "coordinator": 2 * counts["coordinator"], "consultant": 2 * counts["consultant"],
                "representative": counts["representative_gatekeeper"],
                "gatekeeper": counts["representative_gatekeeper"], "liaison": 2 * counts["liaison"],
            }
        row = {"key": v, "name": display_name(G, v), "group": mapping.get(v)}
        row.update({r: int(counts[r]) for r in names})
        row["total"] = int(sum(counts[r] for r in names))
        expected = expected_roles(sizes, group_of[v], n_total, density, ordered)
        row.update({f"expected_{r}": expected[r] for r in [*names, "total"]})
        rows.append(row)
    columns = ["key", "name", "group", *names, "total", *(f"expected_{r}" for r in [*names, "total"])]
    return pd.DataFrame(rows, columns=columns)


# --------------------------------------------------------------------------------------------
# introductions, pair by pair


def fields(G, n):
    """The fields of work (``ROLE_FAMILIES``) named in a person's position and company."""
    d = G.nodes[n]
    text = " ".join(v.strip() if isinstance(v, str) else "" for v in (d.get("position"), d.get("company")))
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(ch))
    found = set()
    for word in re.findall(r"[a-z][a-z-]*", text):
        for field, words in na.ROLE_FAMILIES.items():
            for w in words.split():
                if word == w or (w.endswith("*") and word.startswith(w[:-1])):
                    found.add(field)
    return found


def candidates(G, ego, n, evidence="all"):
    """The owner's ``n`` strongest contacts (ties by key), sorted: the people introductions pairs."""
    H = filtered_copy(G, evidence)
    strength = {c: float(d.get("strength", 1.0)) for c, d in H.adj[ego].items() if c != ego}
    return sorted_keys(sorted(strength, key=lambda c: (-strength[c], str(c)))[:n]), strength


def pair_scores(G, ego, communities, *, evidence="all", n=None, include_inferred=True, met_bonus=0.5,
                role_bonus=0.25, colleague_factor=0.1):
    """Every pair :func:`netanalysis.introductions` scores, best first (observed pairs before unknown
    ones), as ``(-score, str(a), str(b), a, b, inferred tie, its factor, mutual contacts (-1: unknown),
    different circles)``."""
    H = filtered_copy(G, evidence)
    lists = set(G.graph["egos"]) if "egos" in G.graph else set(G)  # whose lists were exported
    chosen, strength = candidates(G, ego, len(H.adj[ego]) if n is None else n, evidence)
    met = {c: H.adj[ego][c].get("met", "unknown") or "unknown" for c in chosen}
    families = {c: fields(G, c) for c in chosen}
    nbrs = {c: set(H.adj[c]) for c in chosen}
    scored = []
    for x, a in enumerate(chosen):
        adj_a = G.adj[a]
        for b in chosen[x + 1:]:
            inferred, inferred_factor = "", 1.0
            if b in adj_a:
                data = adj_a[b]
                sources = data.get("sources") or [data.get("evidence", "export")]
                if any(not str(s).startswith("inferred") for s in sources):
                    continue  # they know each other
                if evidence == "all":  # an inferred tie counts only where the level keeps inferred ties
                    if not include_inferred:
                        continue
                    inferred = data.get("evidence") or str(sources[0])
                    inferred_factor = 1.0 - float(data.get("confidence", 0.5))
            vouch = strength[a] * strength[b]
            met_factor = 1.0 + met_bonus * ((met[a] == "in_person") + (met[b] == "in_person"))
            ca, cb = communities.get(a), communities.get(b)
            different = ca is not None and cb is not None and ca != cb
            fa, fb = families[a], families[b]
            fit = bool(fa & fb) or any(frozenset((p, q)) in na.COMPLEMENTARY_ROLES for p in fa for q in fb)
            seen = a in lists or b in lists
            mutual = len(nbrs[a] & nbrs[b]) if seen else -1
            mutual_factor = math.exp(-(max(mutual, 1) - 1) / 10) if seen else 1.0
            firm_a, firm_b = (na.normalize_company(G.nodes[x].get("company")) for x in (a, b))
            colleagues = colleague_factor if firm_a and firm_a == firm_b else 1.0
            score = (vouch * met_factor * (2.0 if different else 1.0) * (1.0 + role_bonus * fit)
                     * mutual_factor * inferred_factor * colleagues)
            scored.append((-score, str(a), str(b), a, b, inferred, inferred_factor, mutual, different))
    scored.sort(key=lambda t: (t[7] < 0, *t[:3]))
    return scored


def burt(H, i, weight="strength"):
    """Burt's constraint and effective size of ``i`` in the undirected ``H``, from the formulas (Burt 1992).

    ``p_ij = a_ij / Σ_k a_ik``; constraint ``Σ_j (p_ij + Σ_q p_iq p_qj)²``; effective size
    ``Σ_j (1 − Σ_q p_iq a_qj / max_k a_jk)``, q running over i's other contacts.
    """
    def a(u, v):
        return 1.0 if weight is None else float(H.adj[u][v].get(weight, 1.0))

    def ties(u):
        return [v for v in H.adj[u] if v != u]

    total = {u: math.fsum(a(u, v) for v in ties(u)) for u in H}
    contacts = ties(i)
    p = {j: a(i, j) / total[i] for j in contacts}
    constraint = effective = 0.0
    for j in contacts:
        among = [q for q in ties(j) if q in p]
        indirect = math.fsum(p[q] * a(q, j) / total[q] for q in among if total[q] > 0)
        constraint += (p[j] + indirect) ** 2
        largest = max(a(j, v) for v in ties(j))
        effective += 1.0 - (math.fsum(p[q] * a(q, j) for q in among) / largest if largest > 0 else 0.0)
    return {"constraint": constraint, "effective_size": effective}


def owner_after_introductions(G, ego, pairs, *, evidence="all", weight="strength", new_tie_strength=0.1):
    """The owner's Burt measures before, and after each introduction of ``pairs`` (recomputed with the tie)."""
    H = nx.Graph(filtered_copy(G, evidence))
    before = burt(H, ego, weight)
    rows = []
    for a, b in pairs:
        if H.has_edge(a, b):  # an inferred tie already counted: nothing changes
            after = before
        else:
            H.add_edge(a, b, **({} if weight is None else {weight: new_tie_strength}))
            after = burt(H, ego, weight)
            H.remove_edge(a, b)
        rows.append({"effective_size_before": before["effective_size"], "effective_size_after": after["effective_size"],
                     "constraint_before": before["constraint"], "constraint_after": after["constraint"]})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# warm paths, by networkx's own searches


def tie_cost(online_penalty):
    """A tie's cost: its length (``distance``, else 1/strength), times ``online_penalty`` unless met in person."""
    def cost(u, v, d):
        if d.get("distance") is not None:
            length = float(d["distance"])
        elif d.get("strength") is not None:
            length = 1.0 / float(d["strength"]) if float(d["strength"]) > 0 else math.inf
        else:
            length = 1.0
        return length if d.get("met") == "in_person" else length * online_penalty
    return cost


def people_at(G, ego, text):
    """Who a company or keyword target names (a company first, else position or company text)."""
    company = na.normalize_company(text)
    found = [n for n, c in G.nodes(data="company") if n != ego and isinstance(c, str) and company
             and na.normalize_company(c) == company]
    if not found:
        needle = text.strip().casefold()
        found = [n for n, d in G.nodes(data=True) if n != ego and any(
            isinstance(d.get(f), str) and needle in d[f].strip().casefold() for f in ("position", "company"))]
    return found


def warm_routes(G, ego, target, *, k=3, evidence="all", online_penalty=1.5):
    """``(route, cost)`` of the k best warm paths to a company or keyword: the route to each of the
    k closest people (cost, then key as text), as networkx's Dijkstra finds it."""
    H = filtered_copy(G, evidence)
    targets = people_at(H, ego, target)
    cost = tie_cost(online_penalty)
    if len(targets) == 1:
        routes = []
        try:
            for path in nx.shortest_simple_paths(H, ego, targets[0], weight=cost):
                routes.append(path)
                if len(routes) >= k:
                    break
        except nx.NetworkXNoPath:
            pass
    else:
        dist, path = nx.single_source_dijkstra(H, ego, weight=cost)
        reachable = sorted((t for t in targets if t in dist and math.isfinite(dist[t])), key=lambda t: (dist[t], str(t)))
        routes = [path[t] for t in reachable[:k]]
    return [(r, math.fsum(cost(u, v, H.edges[u, v]) for u, v in itertools.pairwise(r))) for r in routes]

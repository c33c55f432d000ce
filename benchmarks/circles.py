"""Do the circles show who knows whom, or only who exported? An experiment on answer keys (issue 17, finding 5).

Usage::

    python benchmarks/circles.py                # the sample cohort and four synthetic worlds (about a minute)
    python benchmarks/circles.py --quick        # the sample and one small world (tests, a look)
    python benchmarks/circles.py --out DIR      # default benchmarks/results/ (circles.md, circles.json)

Merged exports observe only the exporters' contact lists: every tie has an exporter at one end.
Louvain on those ties then finds groups that are each mostly one exporter's list, and sampling
alone makes groups look like communities (Blagus et al., arXiv:1504.03097). Each method below partitions the
merged network of a dataset whose planted communities are known (``truth/people.csv``'s
``community``), and is scored against that answer key with the normalised mutual information
(NMI) and the adjusted Rand index (ARI) of ``netanalysis.communities``. ``mirror`` is the NMI
between the method's groups and the baseline "which exporter lists you": near 1, the circles
only repeat who exported.

Methods (Louvain is python-louvain, seed 0; the ego is always left out):

- ``exporter (baseline)``: ``na.exporter_partition``: each person with the exporter whose list
  holds them (the strongest tie when several do); exporters in their own group.
- ``exporter set``: each person grouped by the *set* of exporters whose lists hold them.
- ``ties``: ``na.partition(method="ties")``: Louvain on the ties between contacts (before issue 17).
- ``ties, your contacts only``: the same on the ego's contacts alone (``knowledge/observation.md``:
  the alter–alter subgraph, ego removed).
- ``stars 1/deg`` and ``stars 1/sqrt(deg)``: each tie at an exporter's end divided by that
  exporter's number of ties (or its square root), so that large lists weigh less.
- ``co-listing``: Louvain on the projection "listed by the same exporter": two people listed by
  exporter x are tied with weight s_xi·s_xj/(k_x − 1) summed over exporters, plus their ties to x.
- ``employers (default)``: ``na.partition()``: the ties plus one node per shared employer.
- ``employer alone``: people grouped by employer (``na.attribute_groups(by="company")``'s grouping,
  over everyone): the attribute without any tie.

People a method does not place (no tie between contacts; no employer) count as one group "not
placed", in every method alike. Scores are over everyone but the ego ("everyone") and over the
ego's own contacts ("your contacts"). Deterministic: the same code gives the same file.

**Caveat.** The synthetic generator (``netanalysis.synth.world``) plants each company inside one
community and draws no tie between two non-exporters, so employers are a strong signal there by
construction; in real networks colleagues cluster too, but less purely.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402
import pandas as pd  # noqa: E402

import netanalysis as na  # noqa: E402

#: (name, people, exporting members, mean contacts, seed): the synthetic worlds, each under a minute.
WORLDS = (
    ("world A", 2000, 10, 500, 1),
    ("world B", 2000, 10, 500, 2),
    ("world C", 2000, 10, 500, 3),
    ("world D", 4000, 16, 400, 4),
)
QUICK_WORLDS = (("world A (small)", 600, 6, 120, 1),)
NOT_PLACED = "__not placed__"


# ------------------------------------------------------------------------------------------ data


def load_sample():
    """The committed cohort (eight exports, ties.csv, knows.csv) and its answer key."""
    files = na.sample_files("cohort")
    G = na.build_graph([na.read_export(p) for p in files["exports"]], ties=na.read_ties(files["ties"]),
                       knows=na.read_knows(files["knows"]))
    truth = pd.read_csv(ROOT / "data" / "sample" / "truth" / "people.csv")
    return G, dict(zip(truth["key"], truth["community"], strict=True))


def load_world(people, members, contacts, seed):
    """A synthetic world written to a temporary folder, read back as a user would, and its answer key."""
    from netanalysis.synth import write_world

    with tempfile.TemporaryDirectory() as folder:
        paths = write_world(folder, people, members, contacts=contacts, seed=seed)
        G = na.build_graph([na.read_export(p) for p in paths])
        truth = pd.read_csv(Path(folder) / "truth" / "people.csv")
    return G, dict(zip(truth["key"], truth["community"], strict=True))


# --------------------------------------------------------------------------------------- methods


def _louvain(H, weight="w", seed=0):
    """python-louvain on ``H`` rebuilt in sorted order (the result depends only on the data and the seed)."""
    from community import community_louvain

    S = nx.Graph()
    S.add_nodes_from(sorted(H.nodes, key=str))
    S.add_weighted_edges_from(sorted(((u, v, float(d.get(weight, 1.0))) for u, v, d in H.edges(data=True)),
                                     key=lambda e: (str(e[0]), str(e[1]))), weight="w")
    S.remove_nodes_from([n for n in list(S) if S.degree(n) == 0])
    if S.number_of_edges() == 0:
        return {}
    return community_louvain.best_partition(S, weight="w", random_state=seed)


def _strength(data):
    s = data.get("strength")
    return float(s) if isinstance(s, (int, float)) and not math.isnan(s) else 1.0


def exporter_sets(G):
    """Each person (not the ego) grouped by the set of exporters whose lists hold them; exporters with their own.

    >>> G = nx.Graph(ego="me", egos=["me", "x", "y"])
    >>> G.add_edges_from([("me", "a"), ("x", "a"), ("x", "b"), ("y", "b"), ("y", "c")])
    >>> sorted(exporter_sets(G).items())
    [('a', ('x',)), ('b', ('x', 'y')), ('c', ('y',)), ('x', ('x',)), ('y', ('y',))]
    """
    ego = G.graph.get("ego")
    exporters = sorted(x for x in G.graph.get("egos", ()) if x in G and x != ego)
    out = {}
    for n in G:
        if n == ego:
            continue
        listed = tuple(x for x in exporters if x != n and G.has_edge(x, n))
        if n in exporters:
            out[n] = (n,)
        elif listed:
            out[n] = listed
    return out


def stars(G, power):
    """Louvain after dividing each tie at an exporter's end by (the exporter's ties) ** power.

    >>> G = nx.Graph(ego="me", egos=["me", "x"])
    >>> G.add_edges_from([("x", "a"), ("x", "b"), ("a", "b"), ("c", "d")])
    >>> p = stars(G, 1.0); p["x"] == p["a"] == p["b"] != p["c"] == p["d"]
    True
    """
    ego = G.graph.get("ego")
    exporters = set(G.graph.get("egos", ())) - {ego}
    H = nx.Graph(G.subgraph(n for n in G if n != ego))
    degree = dict(H.degree())
    for u, v, d in H.edges(data=True):
        k = max(degree[u] if u in exporters else 1, degree[v] if v in exporters else 1)
        d["w"] = _strength(d) / k ** power
    return _louvain(H)


def co_listing(G):
    """Louvain on "listed by the same exporter": weight s_xi·s_xj/(k_x − 1) summed over exporters x.

    >>> G = nx.Graph(ego="me", egos=["me", "x", "y"])
    >>> G.add_edges_from([("x", "a"), ("x", "b"), ("y", "c"), ("y", "d")])
    >>> p = co_listing(G); p["a"] == p["b"] == p["x"] != p["c"] == p["d"] == p["y"]
    True
    """
    ego = G.graph.get("ego")
    P = nx.Graph()
    for x in sorted(n for n in G.graph.get("egos", ()) if n in G and n != ego):
        listed = sorted((n for n in G[x] if n != ego), key=str)
        s = {n: _strength(G.edges[x, n]) for n in listed}
        k = len(listed)
        for i, a in enumerate(listed):
            P.add_edge(x, a, w=P.edges[x, a]["w"] + s[a] if P.has_edge(x, a) else s[a])
            for b in listed[i + 1:]:
                w = s[a] * s[b] / (k - 1)
                P.add_edge(a, b, w=P.edges[a, b]["w"] + w if P.has_edge(a, b) else w)
    # Ties between two non-exporters (knows.csv) count as they are.
    for u, v, d in G.edges(data=True):
        if ego not in (u, v) and not P.has_edge(u, v):
            P.add_edge(u, v, w=_strength(d))
    return _louvain(P)


def ties_among_contacts(G):
    """Louvain on the ties between the ego's own contacts (everyone else and the ego removed).

    >>> G = nx.Graph(ego="me")
    >>> G.add_edges_from([("me", "a"), ("me", "b"), ("a", "b"), ("b", "z")])
    >>> sorted(ties_among_contacts(G))
    ['a', 'b']
    """
    ego = G.graph["ego"]
    return na.partition(G.subgraph([ego, *G[ego]]), method="ties")


def employer_alone(G):
    """Everyone but the ego grouped by normalised employer (people with none left out).

    >>> G = nx.Graph(ego="me")
    >>> G.add_nodes_from([("a", {"company": "Acme Inc."}), ("b", {"company": "ACME"}), ("c", {})])
    >>> employer_alone(G)
    {'a': 'acme', 'b': 'acme'}
    """
    ego = G.graph.get("ego")
    out = {}
    for n in sorted(G, key=str):
        company = na.normalize_company(str(G.nodes[n].get("company") or ""))
        if n != ego and company:
            out[n] = company
    return out


METHODS = {
    "exporter (baseline)": na.exporter_partition,
    "exporter set": exporter_sets,
    "ties": lambda G: na.partition(G, method="ties"),
    "ties, your contacts only": ties_among_contacts,
    "stars 1/deg": lambda G: stars(G, 1.0),
    "stars 1/sqrt(deg)": lambda G: stars(G, 0.5),
    "co-listing": co_listing,
    "employers (default)": lambda G: na.partition(G),
    "employer alone": employer_alone,
}


# ------------------------------------------------------------------------------------------ runs


def score(parts, truth, baseline, people):
    """NMI, ARI against the truth, share placed and NMI against the baseline, over ``people``."""
    labels = {n: parts.get(n, NOT_PLACED) for n in people}
    answer = {n: truth[n] for n in people}
    return {
        "nmi": na.normalized_mutual_info(labels, answer),
        "ari": na.adjusted_rand_index(labels, answer),
        "placed": sum(n in parts for n in people) / len(people),
        "groups": len({v for v in labels.values() if v != NOT_PLACED}),
        "mirror": na.normalized_mutual_info(labels, {n: baseline.get(n, NOT_PLACED) for n in people}),
    }


def run_dataset(name, G, truth, methods=METHODS):
    """Every method on one dataset: a list of result rows (dataset, population, method, scores)."""
    ego = G.graph["ego"]
    everyone = sorted((n for n in G if n != ego and n in truth), key=str)
    yours = sorted((n for n in G[ego] if n in truth), key=str)
    parts = {}
    seconds = {}
    for method, run in methods.items():
        started = time.perf_counter()
        parts[method] = run(G)
        seconds[method] = time.perf_counter() - started
    baseline = parts.get("exporter (baseline)") or na.exporter_partition(G)
    rows = []
    for population, people in (("everyone", everyone), ("your contacts", yours)):
        for method, part in parts.items():
            rows.append({"dataset": name, "people": len(people), "population": population, "method": method,
                         **score(part, truth, baseline, people), "seconds": seconds[method]})
    return rows, {"people": G.number_of_nodes(), "ties": G.number_of_edges(),
                  "exporters": len(G.graph.get("egos", ())), "communities": len(set(truth.values()))}


def run(quick=False):
    datasets = [("sample cohort", load_sample)]
    for name, people, members, contacts, seed in QUICK_WORLDS if quick else WORLDS:
        datasets.append((f"{name}: {people:,} people, {members} exports, seed {seed}",
                         lambda p=people, m=members, c=contacts, s=seed: load_world(p, m, c, s)))
    rows, shapes = [], {}
    for name, load in datasets:
        G, truth = load()
        got, shape = run_dataset(name, G, truth)
        rows += got
        shapes[name] = shape
    return rows, shapes


def summary(rows):
    """Mean NMI and ARI of each method over the datasets, per population, and how often it beats the baseline."""
    frame = pd.DataFrame(rows)
    base = frame[frame["method"] == "exporter (baseline)"].set_index(["dataset", "population"])
    out = []
    for (population, method), group in frame.groupby(["population", "method"], sort=False):
        b = base.loc[[(d, population) for d in group["dataset"]]]
        out.append({"population": population, "method": method, "nmi": group["nmi"].mean(),
                    "ari": group["ari"].mean(), "mirror": group["mirror"].mean(),
                    "beats_baseline": int(((group["nmi"].to_numpy() > b["nmi"].to_numpy())
                                           & (group["ari"].to_numpy() > b["ari"].to_numpy())).sum()),
                    "datasets": len(group)})
    return out


def markdown(rows, shapes):
    lines = ["# Circles: which method recovers the planted communities? (`benchmarks/circles.py`)", "",
             "NMI and ARI against each dataset's answer key (1 = the planted communities exactly; ARI ≈ 0 = "
             "chance); `mirror` = NMI against the baseline \"which exporter lists you\" (1 = the circles only "
             "repeat who exported); `placed` = share of people put in a group (the rest count as one group). "
             "Regenerate with `python benchmarks/circles.py`.", ""]
    lines += ["| dataset | people | ties | exports | planted communities |", "|---|---|---|---|---|"]
    lines += [f"| {n} | {s['people']:,} | {s['ties']:,} | {s['exporters']} | {s['communities']} |"
              for n, s in shapes.items()]
    for population in ("everyone", "your contacts"):
        lines += ["", f"## Mean over the {len(shapes)} datasets ({population})", "",
                  "| method | NMI | ARI | mirror | beats the baseline on both (datasets) |", "|---|---|---|---|---|"]
        for r in summary(rows):
            if r["population"] == population:
                lines.append(f"| {r['method']} | {r['nmi']:.3f} | {r['ari']:.3f} | {r['mirror']:.3f} | "
                             f"{r['beats_baseline']} of {r['datasets']} |")
    lines += ["", "## Each dataset", "", "| dataset | population | method | NMI | ARI | mirror | placed | groups |",
              "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['dataset']} | {r['population']} ({r['people']:,}) | {r['method']} | {r['nmi']:.3f} | "
                     f"{r['ari']:.3f} | {r['mirror']:.3f} | {r['placed']:.0%} | {r['groups']} |")
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="the sample and one small world")
    parser.add_argument("--out", type=Path, default=HERE / "results", help="folder for circles.md and circles.json")
    args = parser.parse_args(argv)
    rows, shapes = run(quick=args.quick)
    args.out.mkdir(parents=True, exist_ok=True)
    stem = "circles-quick" if args.quick else "circles"
    (args.out / f"{stem}.md").write_text(markdown(rows, shapes), encoding="utf-8")
    kept = [{k: (round(v, 6) if isinstance(v, float) else v) for k, v in r.items() if k != "seconds"} for r in rows]
    (args.out / f"{stem}.json").write_text(json.dumps({"datasets": shapes, "rows": kept}, indent=1) + "\n",
                                           encoding="utf-8")
    print(markdown(rows, shapes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

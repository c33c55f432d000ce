"""The column-wise contact table, dormant ties and reach counts give the row-by-row answers.

Each test compares the current code with the contact-by-contact references of
``tests/reference/strength.py``, on seeded random graphs (dates, missing values, self-loops,
isolated people, a view) and the sample cohort.
"""

import datetime as dt
import math
import random

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from reference import strength as ref

import netanalysis as na
from netanalysis import strength as st
from netanalysis import tiestrength as ts
from netanalysis.strength import _contacts


def random_network(seed, n=150, p=0.05):
    """An owner tied to most people, ties among them, dates, messages, met, missing values."""
    rng = random.Random(seed)
    G = nx.gnp_random_graph(n, p, seed=seed)
    G = nx.relabel_nodes(G, {k: f"p{k:03d}" for k in G})
    G.graph.update(ego="p000", as_of="2024-06-01")
    G.add_edges_from(("p000", f"p{k:03d}") for k in range(1, n) if rng.random() < 0.8)
    G.add_nodes_from(["lone1", "lone2"])
    G.add_edge("p005", "p005")  # a self-loop
    for k, node in enumerate(G):
        G.nodes[node].update(name=rng.choice([f"Person {k}", "", None]), company=rng.choice(["Acme", "", None]),
                             position=rng.choice(["Engineer", None]))
    for _, _, d in G.edges(data=True):
        d["met"] = rng.choice(["in_person", "online", "unknown", None])
        d["messages"] = rng.choice([0, 1, 5, 40, None])
        d["connected_on"] = rng.choice([None, dt.date(2012, 5, 3), dt.date(2020, 1, 1), dt.date(2023, 11, 2),
                                        "2018-07-09"])
        d["last_contact"] = rng.choice([None, dt.date(2021, 2, 1), dt.date(2024, 5, 1), "2019-03-04"])
        if rng.random() < 0.15:
            d["evidence"] = "inferred:same_company"
    return G


@pytest.mark.parametrize("seed", range(4))
def test_contact_frame_matches_row_by_row(seed):
    G = random_network(seed)
    if seed % 2:
        st.tie_strength(G)  # otherwise strengths are scored on the fly
    for graph in (G, G.subgraph([n for n in G if n != "p010"])):
        pd.testing.assert_frame_equal(_contacts.contact_frame(graph, "p000"),
                                      ref.contact_frame(graph, "p000", scored_on=G), check_exact=True)
    pd.testing.assert_frame_equal(_contacts.contact_frame(G, "lone1"), ref.contact_frame(G, "lone1"))


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("months", [0, 12, 40])
def test_dormant_ties_match_row_by_row(seed, months):
    G = random_network(seed)
    st.tie_strength(G)
    got = st.dormant_ties(G, months=months, strong=0.3)
    ref_table = ref.dormant_ties(G, "p000", months=months, strong=0.3)
    pd.testing.assert_frame_equal(got, ref_table, check_exact=True)
    assert got.attrs == ref_table.attrs


def test_reach_counts_match_the_loops():
    for seed in range(4):
        G = random_network(seed)
        st.tie_strength(G)
        G.add_edge("p001", "p001", met="in_person")
        table = st.network_strength(G, communities={}).set_index("indicator")["value"]
        df = ref.contact_frame(G, "p000")
        vouch = [k for k, m, s in zip(df["key"], df["met"], df["strength"], strict=True) if m == "in_person" or s >= 0.5]
        vouch_set = set(vouch)
        among = sum(1 for a in vouch for b in G._adj[a] if b in vouch_set and b != a) // 2
        assert table["introductions"] == len(vouch) * (len(vouch) - 1) // 2 - among
        direct = set(G._adj["p000"]) | {"p000"}
        warm, strict = set(), set()
        for c in df["key"][df["met"] == "in_person"]:
            for x, d in G._adj[c].items():
                if x not in direct:
                    warm.add(x)
                    if d.get("met") == "in_person":
                        strict.add(x)
        assert table["warm_reach"] == len(warm) and table["warm_reach_in_person"] == len(strict)


def test_mutual_counts_of_few_ties_with_self_loops():
    G = random_network(2)
    us, vs = ["p000", "p005", "p005", "p001"], ["p003", "p005", "p000", "lone1"]
    slow = [len((set(G[u]) - {u}) & (set(G[v]) - {v})) for u, v in zip(us, vs, strict=True)]
    assert ts._mutual_counts(G, us, vs).tolist() == slow


def test_day_numbers_of_dates_and_other_values():
    days = [dt.date(2020, 1, 1), dt.date(1999, 12, 31)]
    assert ts._day_numbers(days).tolist() == [d.toordinal() for d in days]
    mixed = [*days, None, "2021-03-04", dt.datetime(2022, 5, 6, 23), math.nan]
    assert ts._day_numbers(mixed).tolist() == [*(d.toordinal() for d in days), -1,
                                               dt.date(2021, 3, 4).toordinal(), dt.date(2022, 5, 6).toordinal(), -1]
    assert ts._day_numbers([]).dtype == np.int64


@pytest.fixture(scope="module")
def cohort():
    files = na.sample_files("cohort")
    G = na.build_graph([na.read_export(p) for p in files["exports"]], knows=na.read_knows(files["knows"]))
    st.tie_strength(G)
    return G


def test_on_the_sample_cohort(cohort):
    ego = cohort.graph["ego"]
    pd.testing.assert_frame_equal(_contacts.contact_frame(cohort, ego), ref.contact_frame(cohort, ego), check_exact=True)
    for months in (6, 12):
        got = st.dormant_ties(cohort, ego, months=months)
        pd.testing.assert_frame_equal(got, ref.dormant_ties(cohort, ego, months=months), check_exact=True)

"""The observation model: whose lists were seen, which pairs of contacts are known, and what is withheld."""

import math

import networkx as nx
import pandas as pd
import pytest
from test_graph import AL, BO, CY, DI, ED, export

import netanalysis as na
from netanalysis.brokerage import brokerage_roles, structural_holes
from netanalysis.coverage import observed_lists, pair_status, person_coverage
from netanalysis.graph import build_graph


def star(n, *, egos=("me",)):
    """A single export: ``me`` and n contacts, nothing seen between them."""
    G = nx.Graph(ego="me", egos=list(egos))
    G.add_edges_from((("me", f"c{i}") for i in range(n)), sources=["export"], evidence="export", strength=0.5)
    return G


def five():
    """me with contacts a, b, c, d; a exported too (listing b and me); c–d declared; b–c only inferred."""
    G = nx.Graph(ego="me", egos=["a", "me"])
    G.add_edges_from([("me", x) for x in "abcd"], sources=["export"], evidence="export")
    G.add_edge("a", "b", sources=["export"], evidence="export")
    G.add_edge("c", "d", sources=["declared"], evidence="declared")
    G.add_edge("b", "c", sources=["inferred:same_company"], evidence="inferred:same_company", confidence=0.3)
    return G


def test_a_single_export_leaves_every_pair_unknown():
    o = na.observation(star(4))
    # 4 contacts: 6 pairs, none with an exported end, none declared
    assert (o["contacts"], o["contacts_observed"], o["pairs"]) == (4, 0, 6)
    assert (o["tied"], o["observed_absent"], o["unknown"], o["known_share"]) == (0, 0, 6, 0.0)
    assert not o["computable"] and o["note"].startswith("withheld: ties among your contacts observed for 0 of 4")
    assert o["line"] == "ties among your contacts observed for 0 of 4 contacts (0 % of pairs)"


def test_pairs_are_tied_observed_absent_or_unknown():
    G = five()
    o = na.observation(G)
    # pairs of a, b, c, d: 6. With a (exported): a–b tied, a–c and a–d observed absent.
    # c–d declared: tied. b–c (inferred only) and b–d: unknown.
    assert (o["tied"], o["observed_absent"], o["unknown"], o["inferred_unknown"]) == (2, 2, 2, 1)
    assert o["known_share"] == pytest.approx(4 / 6) and o["computable"]
    assert o["contacts_observed"] == 1 and o["exporters"] == 2
    assert [pair_status(G, *p) for p in (("a", "b"), ("a", "c"), ("c", "d"), ("b", "c"), ("b", "d"))] == [
        "tied", "observed_absent", "tied", "unknown", "unknown"]
    # Without declared ties the c–d pair is unknown again: 3 known of 6, still at the 50 % rule.
    o = na.observation(G, evidence="observed")
    assert (o["tied"], o["unknown"], o["known_share"], o["computable"]) == (1, 3, 0.5, True)


def test_coverage_per_person_needs_their_own_list():
    cover = person_coverage(five(), ["me", "b"]).set_index("key")
    assert bool(cover.loc["me", "list_observed"]) and bool(cover.loc["me", "computable"])
    # b kept their list: whatever their neighbourhood shows, it is partial.
    assert not cover.loc["b", "list_observed"] and not cover.loc["b", "computable"]
    # a hand-made graph without "egos" is taken as fully observed
    assert observed_lists(nx.Graph([(1, 2)])) == {1, 2}
    assert person_coverage(nx.Graph([(0, 1), (0, 2)]))["computable"].all()


def test_structural_holes_of_a_single_export_are_withheld():
    # Finding 3: one export gave efficiency 1, constraint 1/n and betweenness 1 as facts.
    G = star(4)
    holes = structural_holes(G, weight=None).set_index("key")
    for column in ("constraint", "effective_size", "efficiency", "hierarchy", "betweenness"):
        assert holes[column].isna().all()
    assert holes.loc["me", "note"].startswith("withheld: ties among your contacts observed for 0 of 4")
    assert holes.loc["c0", "note"].startswith("withheld: this person's own contact list was not exported")
    # The arithmetic is still there when asked for: the bare star's 1/n, n and 1.
    raw = structural_holes(G, weight=None, withhold=False).set_index("key")
    assert (raw.loc["me", "constraint"], raw.loc["me", "effective_size"], raw.loc["me", "betweenness"]) == (
        0.25, 4.0, 1.0)


def test_structural_holes_shown_when_the_rule_holds():
    G = five()
    holes = structural_holes(G, weight=None, evidence="declared").set_index("key")
    # me's neighbourhood: a, b, c, d with ties a–b, c–d (declared): Borgatti's n − 2t/n = 4 − 4/4 = 3
    assert holes.loc["me", "effective_size"] == pytest.approx(3.0) and holes.loc["me", "note"] == ""
    assert math.isnan(holes.loc["b", "effective_size"])


def test_roles_withheld_and_no_expected_counts_on_a_partly_observed_network():
    G = star(3)
    roles = brokerage_roles(G, groups={"me": 0, "c0": 0, "c1": 1, "c2": 1}).set_index("key")
    assert roles["total"].isna().all() and roles.filter(like="expected_").isna().all().all()
    assert roles.loc["me", "note"].startswith("withheld")
    # fully observed (no egos): me brokers the 3 open pairs, as before
    full = nx.Graph(G.edges)
    assert brokerage_roles(full, groups={"me": 0, "c0": 0, "c1": 1, "c2": 1}).set_index("key").loc["me", "total"] == 3


def test_inference_never_adds_people_to_an_owners_contacts():
    # Finding 2: Al works at Acme; Bo and Cy do too, Di is at Acme but not Al's contact.
    al = export(AL, "Al", [(BO, "Bo", "Acme", "", None), (CY, "Cy", "Acme", "", None)])
    ed = export(ED, "Ed", [(DI, "Di", "Acme", "", None), (BO, "Bo", "Acme", "", None)])
    for exports in ([al], [al, ed]):
        assert sorted(build_graph(exports, infer=["same_company"])[AL]) == sorted(build_graph(exports)[AL])
    G = build_graph([al, ed], infer=["same_company"])
    # between non-owners only (Ed lists Bo and Di, not a tie between them): Bo–Cy, Bo–Di, Cy–Di
    assert sorted((u, v) for u, v, e in G.edges(data="evidence") if e.startswith("inferred")) == [
        (BO, CY), (BO, DI), (CY, DI)]


def test_observed_strengths_do_not_move_with_inference():
    rows = [(BO, "Bo", "Acme", "", "2020-01-01"), (CY, "Cy", "Acme", "", "2023-01-01"), (DI, "Di", "Beta", "", None)]
    plain = build_graph([export(AL, "Al", rows)])
    guessed = build_graph([export(AL, "Al", rows)], infer=["same_company"])
    # the whole graph's strengths move (Bo and Cy now share a "mutual contact")...
    assert guessed.number_of_edges() == plain.number_of_edges() + 1
    # ...but the observed view is scored on observed ties alone: the same numbers
    a = na.scored_view(plain, "observed")
    b = na.scored_view(guessed, "observed")
    assert {e: a.edges[e]["strength"] for e in a.edges} == {e: b.edges[e]["strength"] for e in b.edges}
    assert a is plain and b is not guessed


def test_network_strength_reach_is_withheld_when_nothing_beyond_is_seen():
    G = star(3)
    G.edges["me", "c0"]["met"] = "in_person"
    t = na.network_strength(G, communities={}).set_index("indicator")
    assert math.isnan(t.loc["warm_reach", "value"]) and "none of your in-person contacts exported" in t.loc[
        "warm_reach", "note"]
    assert math.isnan(t.loc["warm_reach_in_person", "value"])
    # c0 exports and lists x (met unknown): warm reach 1, at least; in-person reach unknown
    G.graph["egos"] = ["c0", "me"]
    G.add_edge("c0", "x", sources=["export"], met="unknown")
    t = na.network_strength(G, communities={}).set_index("indicator")
    assert t.loc["warm_reach", "value"] == 1 and math.isnan(t.loc["warm_reach_in_person", "value"])


def test_annotation_rows_set_aside_are_reported():
    ties = pd.DataFrame({"key": [BO, "zz"], "name": ["Bo", "Zed"], "met": ["in_person", "online"], "line": [2, 4]})
    from types import SimpleNamespace

    from netanalysis.io.tables import FileReport, Skip
    report = FileReport(name="ties.csv", rows=3, used=2, skipped=[Skip(3, "met value 'IRL' is not understood")])
    G = build_graph([export(AL, "Al", [(BO, "Bo", "", "", None)])], ties=SimpleNamespace(table=ties, report=report))
    assert na.annotation_warnings(G) == [
        "ties.csv: 1 row set aside: line 3 (met value 'IRL' is not understood)",
        "ties.csv: 1 row matches nobody: line 4 (Zed: no contact with this key, URL or name)",
    ]


def test_introductions_from_a_single_export_claim_nothing_unseen():
    # Finding 4: every suggestion said "you are their only contact in common", and colleagues led.
    G = nx.Graph(ego="me", egos=["me"])
    for key, company, s in (("a", "Acme", 0.8), ("b", "Acme", 0.8), ("c", "Beta", 0.5)):
        G.add_node(key, name=key.upper(), company=company)
        G.add_edge("me", key, strength=s, met="in_person", sources=["export"])
    intro = na.introductions(G, communities={})
    # a–c and b–c: 0.8·0.5 · (1 + 0.5·2) = 0.8; a–b: 0.64 · 2 · 0.1 (colleagues at Acme) = 0.128, last
    assert [(r.a, r.b) for r in intro.itertuples()] == [("a", "c"), ("b", "c"), ("a", "b")]
    assert intro["score"].tolist() == pytest.approx([0.8, 0.8, 0.128])
    assert not intro["pair_observed"].any() and intro["mutual_contacts"].isna().all()
    assert intro["constraint_before"].isna().all()  # the owner's Burt measures are withheld too
    for reason in intro["reason"]:
        assert "only contact in common" not in reason and "do not know each other" not in reason
        assert "neither exported their list, so they may already know each other" in reason
    assert "both at Acme: they probably know each other" in intro.loc[2, "reason"]
    assert bool(intro.loc[2, "may_already_know"]) and intro.loc[2, "colleague_factor"] == 0.1
    # c exports (listing nobody but me): pairs with c are observed absent and come first
    G.graph["egos"] = ["c", "me"]
    intro = na.introductions(G, communities={})
    assert intro["pair_observed"].tolist() == [True, True, False]
    assert intro.loc[0, "mutual_contacts"] == 1 and "no other contact in common observed" in intro.loc[0, "reason"]

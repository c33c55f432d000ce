"""Measures that separate size from strength (strength._quality): hand-worked graphs, the verdict's direction."""

import math
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import netanalysis as na
from netanalysis.errors import InputError
from netanalysis.strength import (
    CONCERNED_SHARE,
    QUALITY_MEANINGS,
    compare,
    contact_quality,
    marginal_value,
    network_quality,
    network_strength,
    size_strength_verdict,
)

ROOT = Path(__file__).resolve().parents[1]
PERSONAS = ROOT / "data" / "sample" / "personas"
needs_sample = pytest.mark.skipif(not PERSONAS.is_dir(), reason="the sample data is not installed")


def five_contacts():
    """The hand-worked ego network (today = 1 June 2024, strong from 0.5, active within 12 months).

    contact  met        strength  last contact / connected  strong  active  would act  vouch
    a        in_person  0.8       2024-05-01                yes     yes     yes        yes
    b        online     0.7       2024-05-01                yes     yes     no         yes (strong)
    c        in_person  0.3       2020-01-01                no      no      no         yes (in person)
    d        (unknown)  0.2       connected 2019-01-01      no      no      no         no
    e        online     0.1       connected 2024-01-01      no      yes     no         no
    """
    G = nx.Graph(ego="me", as_of="2024-06-01")
    G.add_edge("me", "a", met="in_person", strength=0.8, last_contact="2024-05-01")
    G.add_edge("me", "b", met="online", strength=0.7, last_contact="2024-05-01")
    G.add_edge("me", "c", met="in_person", strength=0.3, last_contact="2020-01-01")
    G.add_edge("me", "d", strength=0.2, connected_on="2019-01-01")
    G.add_edge("me", "e", met="online", strength=0.1, connected_on="2024-01-01")
    G.add_edge("a", "b", met="online", strength=0.5)  # a tie between contacts changes none of the measures
    return G


def test_network_quality_counts_the_hand_worked_network():
    q = network_quality(five_contacts())
    expected = {
        "contacts": 5, "met_in_person": 2, "met_online": 2, "met_unknown": 1,
        "met_known_share": 4 / 5, "met_in_person_share": 2 / 4,  # of the known base, not of all five
        "strength_weighted_size": 2.1, "mean_strength": 2.1 / 5,
        "strong_ties": 2, "strong_share": 2 / 5, "active": 3, "active_share": 3 / 5,
        "would_act": 1, "would_act_share": 1 / 5, "can_vouch_for": 3,
        "broadcast_reach": 3 * 0.5, "broadcast_wasted_share": 1 - 1.5 / 5, "targeted_reach": 3 * 0.5,
    }
    assert list(q.index) == list(QUALITY_MEANINGS)
    assert q.to_dict() == pytest.approx(expected)
    assert q.name == "me" and q.attrs["concerned"] == CONCERNED_SHARE == 0.5
    assert q.attrs["notes"]["would_act"].startswith("at least: 1 contacts with an unknown 'met'")
    assert "met_in_person_share" not in q.attrs["notes"]  # four of five known: a fact about the base


def test_concerned_share_scales_both_audiences_and_the_waste():
    q = network_quality(five_contacts(), concerned=0.2)
    assert q["broadcast_reach"] == pytest.approx(3 * 0.2)
    assert q["targeted_reach"] == pytest.approx(3 * 0.2)
    # the practitioners' arithmetic: 3 active of 5, a fifth of them concerned -> 88 % reach nobody who cares
    assert q["broadcast_wasted_share"] == pytest.approx(1 - 0.6 / 5)
    with pytest.raises(InputError, match="from 0 to 1"):
        network_quality(five_contacts(), concerned=1.5)


def test_strong_and_active_thresholds_move_the_counts():
    G = five_contacts()
    assert network_quality(G, strong=0.75)["strong_ties"] == 1  # only a
    assert network_quality(G, strong=0.75)["can_vouch_for"] == 2  # a and c (in person)
    assert network_quality(G, active_months=60)["active"] == 5 - 1  # d (2019) is still out: 65 months
    assert network_quality(G, active_months=1)["active"] == 0  # a and b spoke 31 days ago: more than a month


def test_active_window_boundary_is_365_and_a_quarter_days():
    G = nx.Graph(ego="me", as_of="2024-06-01")
    G.add_edge("me", "in", met="online", strength=0.1, last_contact="2023-06-02")   # 365 days
    G.add_edge("me", "out", met="online", strength=0.1, last_contact="2023-06-01")  # 366 days (2024 is leap)
    assert contact_quality(G).set_index("key")["active"].to_dict() == {"in": True, "out": False}


def test_a_share_over_a_mostly_unknown_base_says_so():
    G = nx.Graph(ego="me", as_of="2024-06-01")
    G.add_edge("me", "a", met="in_person", strength=0.9)
    for k in "bcd":
        G.add_edge("me", k, strength=0.1)
    q = network_quality(G)
    assert q["met_in_person_share"] == 1.0 and q["met_known_share"] == 0.25
    assert q.attrs["notes"]["met_in_person_share"].startswith("of the 1 contacts whose 'met' is known (25% of 4)")


def test_no_contacts_and_no_dates_are_not_zero_shares():
    G = nx.Graph(ego="me")
    G.add_node("me")
    q = network_quality(G)
    assert q["contacts"] == 0 and math.isnan(q["mean_strength"]) and math.isnan(q["met_in_person_share"])
    G.add_edge("me", "a", met="in_person", strength=0.9)
    q = network_quality(G)
    assert q["active"] == 0 and q["would_act"] == 0
    assert q.attrs["notes"]["active"] == "no dates in the data: nobody counts as active"


def test_contact_quality_flags_match_the_table():
    flags = contact_quality(five_contacts()).set_index("key")
    assert flags["would_act"].to_dict() == {"a": True, "b": False, "c": False, "d": False, "e": False}
    assert flags["can_vouch_for"].to_dict() == {"a": True, "b": True, "c": True, "d": False, "e": False}
    assert flags["met_known"].to_dict() == {"a": True, "b": True, "c": True, "d": False, "e": True}


@needs_sample
def test_quality_agrees_with_network_strength_where_they_overlap():
    files = na.sample_files("cultivator")
    G = na.build_graph([na.read_export(files["exports"][0])], ties=na.read_ties(files["ties"]))
    q = network_quality(G)
    t = network_strength(G).set_index("indicator")["value"]
    assert q["contacts"] == t["size"] and q["met_in_person"] == t["in_person"]
    assert q["met_unknown"] == t["unknown"] and q["active"] == t["active_ties"]
    assert q["strong_ties"] == t["strong_ties"] and q["can_vouch_for"] == t["credible_introducers_base"]
    assert q["strength_weighted_size"] == pytest.approx(t["strength_weighted_size"])


# --------------------------------------------------------------------------------------------
# the verdict: its direction follows the numbers, whatever the wording


def _table(contacts, would_act, labels=("big", "small")):
    return pd.DataFrame({"contacts": contacts, "would_act": would_act}, index=list(labels))


@pytest.mark.parametrize(("contacts", "would_act", "direction"), [
    ((3000, 280), (40, 120), "bigger_is_weaker"),
    ((3000, 280), (100, 95), "bigger_no_stronger"),       # within 10 %
    ((3000, 280), (3, 2), "bigger_no_stronger"),          # one person apart
    ((3000, 300), (200, 100), "bigger_stronger_less_than_size"),  # 10x the size, 2x the strength
    ((600, 300), (200, 100), "bigger_is_stronger"),       # 2x and 2x
    ((300, 300), (50, 100), "same_size"),
])
def test_verdict_direction_follows_the_numbers(contacts, would_act, direction):
    v = size_strength_verdict(_table(contacts, would_act))
    assert v.direction == direction
    assert f"({would_act[0]:,} against {would_act[1]:,})" in v
    if direction != "same_size":
        assert v.bigger == "big" and v.other == "small"
        assert v.size_ratio == pytest.approx(contacts[0] / contacts[1])


def test_verdict_flips_when_the_numbers_flip():
    weaker = size_strength_verdict(_table((3000, 280), (40, 120)))
    stronger = size_strength_verdict(_table((3000, 280), (1200, 120)))
    assert (weaker.direction, stronger.direction) == ("bigger_is_weaker", "bigger_is_stronger")
    assert str(weaker) != str(stronger)


def test_verdict_for_a_cohort_sets_the_biggest_against_the_strongest_other():
    t = pd.DataFrame({"contacts": [500, 2000, 300], "would_act": [90, 60, 40]}, index=["Ann", "Bo", "Cy"])
    v = size_strength_verdict(t)
    assert (v.bigger, v.other, v.direction) == ("Bo", "Ann", "bigger_is_weaker")
    assert v.startswith("Bo has 4.0× the contacts of Ann")


def test_verdict_for_one_person_and_bad_tables():
    assert size_strength_verdict(_table((10,), (2,), labels=("me",))).direction == "single"
    with pytest.raises(InputError, match="no 'would_act' column"):
        size_strength_verdict(pd.DataFrame({"contacts": [1]}))
    with pytest.raises(InputError, match="no row"):
        size_strength_verdict(_table((1,), (1,), labels=("x",)).iloc[:0])


# --------------------------------------------------------------------------------------------
# marginal value: blocks counted from the newest contact


def growing():
    """Five contacts in connection order: two friends (2019, 2020), then three strangers; one undated."""
    G = nx.Graph(ego="me", as_of="2024-06-01")
    G.add_edge("me", "f1", met="in_person", strength=0.9, connected_on="2019-01-01", last_contact="2024-05-01")
    G.add_edge("me", "f2", met="in_person", strength=0.8, connected_on="2020-01-01", last_contact="2024-04-01")
    G.add_edge("me", "s1", met="online", strength=0.1, connected_on="2023-01-01")
    G.add_edge("me", "s2", met="online", strength=0.1, connected_on="2024-02-01")
    G.add_edge("me", "s3", met="online", strength=0.1)  # no date: placed last
    return G


def test_marginal_value_blocks_from_the_newest():
    m = marginal_value(growing(), step=2)
    blocks = m.drop_duplicates("block")[["block", "contacts", "added"]].values.tolist()
    assert blocks == [[1, 1, 1], [2, 3, 2], [3, 5, 2]]  # f1 | f2 s1 | s2 s3
    would = m[m["measure"] == "would_act"].set_index("block")
    assert would["gain"].tolist() == [1.0, 1.0, 0.0] and would["total"].tolist() == [1.0, 2.0, 2.0]
    assert would.loc[1, "gain_per_step"] == 2.0  # one contact scaled to a step of two: an extrapolation
    active = m[m["measure"] == "active"].set_index("block")["gain"].tolist()
    assert active == [1.0, 1.0, 1.0]  # f1; f2 (s1 connected 17 months ago); s2 (s3 has no date)
    assert m.attrs["undated"] == 1 and m.attrs["step"] == 2


def test_marginal_value_totals_end_at_network_quality():
    G = growing()
    m = marginal_value(G, step=3)
    last = m[m["block"] == m["block"].max()].set_index("measure")["total"]
    q = network_quality(G)
    for measure, value in last.items():
        assert value == pytest.approx(q[measure]), measure
    assert m.groupby("measure")["gain"].sum().to_dict() == pytest.approx(last.to_dict())
    with pytest.raises(InputError, match="at least one contact"):
        marginal_value(G, step=0)


# --------------------------------------------------------------------------------------------
# compare carries the measures and the verdict


def test_compare_adds_quality_rows_and_its_verdict():
    big = nx.Graph(ego="a", as_of="2024-06-01")
    big.add_edges_from([("a", i) for i in range(30)], met="online", strength=0.1, connected_on="2024-01-01")
    big.add_edges_from([("a", i) for i in range(30, 32)], met="in_person", strength=0.9, last_contact="2024-05-01")
    small = nx.Graph(ego="b", as_of="2024-06-01")
    small.add_edges_from([("b", i) for i in range(6)], met="in_person", strength=0.9, last_contact="2024-05-01")
    t = compare({"Ann": big, "Bea": small}, what_if="in_person")
    rows = t.set_index("indicator")
    assert rows.loc["would_act", ["Ann", "Ann · in person only", "Bea"]].tolist() == [2.0, 2.0, 6.0]
    assert rows.loc["met_in_person_share", "Ann"] == pytest.approx(2 / 32)
    assert "contacts" not in rows.index and "active" not in rows.index  # already there as size, active_ties
    assert set(rows.loc[["would_act", "can_vouch_for", "broadcast_reach"], "group"]) == {"quality"}
    assert list(t.attrs["quality"].index) == ["Ann", "Bea"]  # what-if columns are not people
    assert t.attrs["verdict"].startswith("Ann has 5.3× the contacts of Bea but fewer people who would act")


def test_verdict_refuses_to_judge_on_unknown_met():
    t = pd.DataFrame({"contacts": [640, 330], "would_act": [0, 0], "met_known_share": [0.0, 0.9]},
                     index=["Sarah", "Alice"])
    v = size_strength_verdict(t)
    assert v.direction == "unknown"
    assert "cannot be told yet: Sarah's contacts are mostly not annotated" in v and "Fill in ties.csv." in v
    t["met_known_share"] = [0.6, 0.9]
    assert size_strength_verdict(t).direction == "bigger_no_stronger"

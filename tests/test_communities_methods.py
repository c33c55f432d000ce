"""How circles are found (netanalysis/circles.py, netanalysis/groups.py): the methods, the exporter baseline,
the agreement scores, groups by employer or role, and when circles can be shown at all (issue 17)."""

import math
from collections import Counter

import networkx as nx
import pandas as pd
import pytest

import netanalysis as na
from netanalysis.errors import InputError


def as_sets(mapping):
    groups = {}
    for n, c in mapping.items():
        groups.setdefault(c, set()).add(n)
    return {frozenset(s) for s in groups.values()}


# ----------------------------------------------------------------------------- agreement scores


def test_nmi_worked_by_hand():
    # A = {ab}{cd}, B = {abc}{d}. I = 1/2 ln(4/3) + 1/4 ln(2/3) + 1/4 ln 2; H(A) = ln 2;
    # H(B) = 3/4 ln(4/3) + 1/4 ln 4; NMI = 2I / (H(A) + H(B)).
    a = {"a": 0, "b": 0, "c": 1, "d": 1}
    b = {"a": "x", "b": "x", "c": "x", "d": "y"}
    i = 0.5 * math.log(4 / 3) + 0.25 * math.log(2 / 3) + 0.25 * math.log(2)
    h = math.log(2) + 0.75 * math.log(4 / 3) + 0.25 * math.log(4)
    assert na.normalized_mutual_info(a, b) == pytest.approx(2 * i / h, abs=1e-12)
    assert na.normalized_mutual_info(a, b) == pytest.approx(0.343711, abs=1e-6)
    assert na.normalized_mutual_info(a, a) == 1.0
    assert na.normalized_mutual_info(a, {"a": 0, "b": 1, "c": 0, "d": 1}) == pytest.approx(0.0, abs=1e-12)


def test_ari_worked_by_hand():
    # Six people: truth {abc}{def}; found {ab}{cde}{f}. Pairs: 15. Together in both: ab, de -> 2.
    # Truth pairs 3 + 3 = 6; found pairs 1 + 3 = 4; expected 6·4/15 = 1.6; max (6 + 4)/2 = 5.
    truth = dict(zip("abcdef", [0, 0, 0, 1, 1, 1], strict=True))
    found = dict(zip("abcdef", [0, 0, 1, 1, 1, 2], strict=True))
    assert na.adjusted_rand_index(found, truth) == pytest.approx((2 - 1.6) / (5 - 1.6), abs=1e-12)
    assert na.adjusted_rand_index(truth, truth) == 1.0
    # only the keys both partitions hold count
    assert na.adjusted_rand_index({**found, "zz": 9}, truth) == na.adjusted_rand_index(found, truth)
    with pytest.raises(InputError):
        na.adjusted_rand_index({"a": 0}, {"b": 0})


# ----------------------------------------------------------------------------- the methods


def _two_offices():
    # me's contacts: a-b-c tied (an export shows them), d-e tied; f, g share Acme with d and e but no
    # export shows their ties; h has no tie and no employer.
    G = nx.Graph(ego="me")
    G.add_edges_from(("me", n) for n in "abcdefgh")
    G.add_edges_from([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e")])
    for n, company in zip("abcdefgh", ["Nord", "", "", "Acme", "ACME Inc.", "Acme", "acme", ""], strict=True):
        G.nodes[n]["company"] = company
    return G


def test_ties_method_is_louvain_on_the_ties_alone():
    G = _two_offices()
    assert as_sets(na.partition(G, method="ties")) == {frozenset("abc"), frozenset("de")}


def test_employers_method_places_colleagues_through_their_employer():
    from netanalysis.circles import is_employer

    # Acme (normalised: "acme" for Acme, ACME Inc., acme) is shared by d, e, f, g: one node tied to
    # each. Nord has one member only: no node. h stays out (no tie, no employer).
    G = _two_offices()
    part = na.partition(G)
    assert as_sets(part) == {frozenset("abc"), frozenset("defg")}
    assert "h" not in part and not any(is_employer(n) for n in part)
    df = na.detect_communities(G, runs=2)
    status = dict(zip(df["key"], df["status"], strict=True))
    assert status == {"a": "community", "b": "community", "c": "community", "d": "community", "e": "community",
                      "f": "shared employer", "g": "shared employer", "h": "no ties between contacts"}
    # Modularity is read on the ties between contacts alone: {abc}{de}{f}{g} here -> with 4 ties,
    # Q = 3/4 - (6/8)^2 + 1/4 - (2/8)^2 = 0.375.
    assert df.attrs["modularity"] == pytest.approx(0.375)
    assert df.attrs["method"] == "employers"


def test_employer_edges_weigh_the_mean_tie():
    from netanalysis._arrays import contact_arrays
    from netanalysis.circles import Employer, with_employers

    G = _two_offices()
    G.edges["a", "b"]["strength"] = 0.5  # others count 1: mean (0.5 + 1 + 1 + 1) / 4 = 0.875
    contacts, _ = contact_arrays(G)
    augmented = with_employers(G, contacts)
    assert augmented.nodes[-1] == Employer("acme") and augmented.nodes[-1] != "acme"
    extra = augmented.w[augmented.v == len(augmented.nodes) - 1]
    assert len(extra) == 4 and set(extra.tolist()) == {0.875}


def test_methods_are_seeded_and_checked():
    G = _two_offices()
    assert na.partition(G, seed=3) == na.partition(G, seed=3)
    with pytest.raises(InputError, match="method must be one of employers, ties"):
        na.partition(G, method="louvain")


def test_exporter_baseline_worked_by_hand():
    # x lists a, b; y lists b (stronger), c. b goes with y. Groups: y {y, b, c} (3), x {x, a} (2).
    G = nx.Graph(ego="me", egos=["me", "x", "y"])
    G.add_edges_from([("me", "x"), ("me", "a"), ("x", "a"), ("x", "b"), ("y", "b"), ("y", "c"), ("me", "z")])
    G.edges["x", "b"]["strength"] = 0.2
    G.edges["y", "b"]["strength"] = 0.7
    assert na.exporter_partition(G) == {"a": 1, "b": 0, "c": 0, "x": 1, "y": 0}  # z: only the ego lists z


# ----------------------------------------------------------------------------- the default beats the baseline


@pytest.fixture(scope="module")
def small_world(tmp_path_factory):
    from netanalysis.synth import write_world

    folder = tmp_path_factory.mktemp("world")
    paths = write_world(folder, 600, 6, contacts=120, seed=1)
    G = na.build_graph([na.read_export(p) for p in paths])
    truth = pd.read_csv(folder / "truth" / "people.csv")
    return G, dict(zip(truth["key"], truth["community"], strict=True))


def test_default_method_is_at_least_as_good_as_who_exported_you(small_world):
    # On a seeded world the default circles agree with the planted communities at least as well as
    # "which exporter lists you" (issue 17, finding 5); benchmarks/circles.py measures it at scale.
    G, truth = small_world
    ego = G.graph["ego"]
    people = [n for n in G if n != ego and n in truth]
    answer = {n: truth[n] for n in people}

    def scores(part):
        labels = {n: part.get(n, "not placed") for n in people}
        return na.normalized_mutual_info(labels, answer), na.adjusted_rand_index(labels, answer)

    default, baseline = scores(na.partition(G)), scores(na.exporter_partition(G))
    assert default[0] >= baseline[0] and default[1] >= baseline[1]
    assert scores(na.partition(G, seed=0)) == default  # deterministic


# ----------------------------------------------------------------------------- groups, not circles


def _one_export():
    G = nx.Graph(ego="me", egos=["me"])
    rows = [("a", "Acme Inc.", "Data engineer", "in_person", 0.8), ("b", "ACME", "Senior Engineer", "online", 0.2),
            ("c", "Acme", "Nurse", "unknown", None), ("d", "Clinique Nord", "Infirmière principale", "in_person", 0.6),
            ("e", "", None, "online", 0.1)]
    for key, company, position, met, s in rows:
        G.add_node(key, name=key.upper(), company=company, position=position)
        G.add_edge("me", key, met=met, sources=["export"], **({} if s is None else {"strength": s}))
    return G


def test_groups_by_company_worked_by_hand():
    t = na.attribute_groups(_one_export())
    assert t[["group", "by", "label", "size", "ego_ties", "in_person"]].values.tolist() == [
        [0, "employer", "ACME", 3, 3, 1], [1, "employer", "Clinique Nord", 1, 1, 1],
        [2, "employer", "no company given", 1, 1, 0]]
    acme = t.iloc[0]
    assert acme["in_person_share"] == pytest.approx(1 / 3)
    assert acme["mean_strength"] == pytest.approx(0.5)  # (0.8 + 0.2) / 2: c's strength is unknown
    assert acme["strongest"] == "A; B"
    assert "not circles" in t.attrs["note"] and t.attrs["people"] == 5
    assert na.attribute_partition(_one_export()) == {"a": 0, "b": 0, "c": 0, "d": 1, "e": 2}


def test_groups_by_role_worked_by_hand():
    # Words: data engineer | engineer (senior left out) | nurse | infirmière (principale left out).
    # "engineer" is in two titles: a and b go there; c nurse, d infirmière; e has no position.
    t = na.attribute_groups(_one_export(), by="role")
    assert t[["label", "size"]].values.tolist() == [["engineer", 2], ["infirmière", 1], ["nurse", 1],
                                                    ["no position given", 1]]
    assert (t["by"] == "role").all()
    with pytest.raises(InputError, match="by must be one of company, role"):
        na.attribute_groups(_one_export(), by="city")


def test_position_words():
    assert na.position_words("Head of Data, R&D (Montréal)") == ["head", "data", "montréal"]


def test_circle_support_single_export_merged_and_declared():
    G = _one_export()
    s = na.circle_support(G)
    assert not s["circles"] and s["reason"] == "a single export shows no ties between your contacts"
    assert s["line"] == "ties among your contacts observed for 0 of 5 contacts (0 % of pairs)"
    # One contact's list merged: circles, with a note (1 of 5 observed: 4 of 10 pairs known, below 50 %).
    G.graph["egos"] = ["a", "me"]
    G.add_edge("a", "b", sources=["export"])
    s = na.circle_support(G)
    assert s["circles"] and not s["computable"] and "circles rest on few observed lists" in s["note"]
    # A knows.csv that declares enough pairs between non-exporters reaches the coverage rule.
    G = _one_export()
    G.add_edges_from([(u, v) for u in "abcde" for v in "abcde" if u < v], sources=["declared"])
    s = na.circle_support(G)
    assert s["circles"] and s["computable"] and s["note"] == ""
    # Merged exports of people who are not the ego's contacts: still groups.
    G = _one_export()
    G.graph["egos"] = ["me", "x"]
    G.add_edge("x", "y", sources=["export"])
    assert na.circle_support(G)["reason"] == "none of your contacts' own lists was exported"


def test_report_of_a_single_export_shows_groups_not_circles():
    from netanalysis.report import build_report

    G = _one_export()
    G.graph["as_of"] = None
    report = build_report(G, seed=0)
    assert "groups_by_company" in report.tables and "communities" not in report.tables
    assert report.partition == {}
    assert "so these are not circles" in report.html
    assert Counter(report.tables["groups_by_company"]["label"])["ACME"] == 1


# ----------------------------------------------------------------------------- the experiment's script


@pytest.fixture(scope="module")
def experiment(request):
    import importlib.util

    spec = importlib.util.spec_from_file_location("benchmarks_circles",
                                                  request.config.rootpath / "benchmarks" / "circles.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_experiments_methods_on_hand_worked_graphs(experiment):
    import doctest

    result = doctest.testmod(experiment, verbose=False)
    assert result.attempted >= 5 and result.failed == 0


def test_the_experiment_runs_and_scores_every_method(experiment, small_world):
    G, truth = small_world
    rows, shape = experiment.run_dataset("tiny", G, truth)
    assert {r["method"] for r in rows} == set(experiment.METHODS)
    assert shape["exporters"] == 6
    base = next(r for r in rows if r["method"] == "exporter (baseline)" and r["population"] == "everyone")
    assert base["mirror"] == 1.0
    again, _ = experiment.run_dataset("tiny", G, truth)
    assert [(r["nmi"], r["ari"]) for r in again] == [(r["nmi"], r["ari"]) for r in rows]  # seeded
    assert "| employers (default) |" in experiment.markdown(rows, {"tiny": shape})

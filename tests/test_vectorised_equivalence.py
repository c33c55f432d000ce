"""The vectorised paths give the answers of the per-person / per-tie reference code.

Burt's measures for everyone (triangles with numpy), for a few people (their contacts' ties)
and the owner's state for introductions are compared with the pure-Python per-node reference
``burt.burt_state`` (itself pinned to UCINET and networkx in ``test_brokerage.py``) to
1e-9; tie strength's column-wise scoring with the per-tie reference of
``tests/reference/strength.py``, bit for bit.
"""

import dataclasses
import datetime as dt
import math
import random

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from reference import strength as ref_strength
from shapes import big_ego

import netanalysis as na
from netanalysis import _arrays, burt, model
from netanalysis import brokerage as br
from netanalysis import strength as st
from netanalysis import tiestrength as ts
from netanalysis.brokerage import betweenness
from netanalysis.errors import InputError

MEASURES = ("degree", "constraint", "effective_size", "efficiency", "hierarchy")


def close(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, rel=1e-9, abs=1e-9)


def reference_burt(G, node, weight):
    """Burt's measures of one person by the per-node reference path."""
    nbhd = burt.Neighbourhoods(G, weight)
    state = burt.burt_state(nbhd, node)
    if state is None:
        return {"degree": len(nbhd(node)[0]), **burt.EMPTY_BURT}
    return burt.summarise(state)


def random_graph(seed, n=40, p=0.15, *, zero=0.0, isolates=2, components=2, keys="int"):
    """Several seeded G(n, p) components, isolates, random strengths (some 0 when ``zero``)."""
    rng = random.Random(seed)
    G = nx.Graph()
    for c in range(components):
        part = nx.gnp_random_graph(n, p, seed=seed * 10 + c)
        G.add_edges_from((f"{c}-{u:03d}" if keys == "str" else c * 1000 + u,
                          f"{c}-{v:03d}" if keys == "str" else c * 1000 + v) for u, v in part.edges)
    for k in range(isolates):
        G.add_node(f"z{k}" if keys == "str" else 10**6 + k)
    for u, v in G.edges:
        G.edges[u, v]["strength"] = 0.0 if rng.random() < zero else rng.uniform(0.01, 1.0)
    return G


# --------------------------------------------------------------------------------------------
# triangles


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("block", [1, 7, _arrays.WEDGE_BLOCK])
def test_triangles_are_every_triangle_once(seed, block):
    G = nx.convert_node_labels_to_integers(random_graph(seed, n=30, p=0.25))
    G.add_edges_from((0, k) for k in range(1, G.number_of_nodes()))  # a hub tied to everyone
    u, v = (np.array(x, dtype=np.int64) for x in zip(*G.edges, strict=True))
    found = []
    for x, y, z, e_xy, e_xz, e_yz in _arrays.triangles(G.number_of_nodes(), u, v, block=block):
        for a, b, e in ((x, y, e_xy), (x, z, e_xz), (y, z, e_yz)):  # the tie ids are the right ties
            assert (np.minimum(a, b) == np.minimum(u[e], v[e])).all()
            assert (np.maximum(a, b) == np.maximum(u[e], v[e])).all()
        found.extend(frozenset(t) for t in zip(x.tolist(), y.tolist(), z.tolist(), strict=True))
    expected = {frozenset(c) for c in nx.enumerate_all_cliques(G) if len(c) == 3}
    assert len(found) == len(set(found)) == len(expected) and set(found) == expected
    assert list(_arrays.triangles(5, np.array([], dtype=np.int64), np.array([], dtype=np.int64))) == []


# --------------------------------------------------------------------------------------------
# Burt's measures


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("weight", [None, "strength"])
def test_burt_for_everyone_matches_the_per_node_reference(seed, weight):
    G = random_graph(seed, zero=0.1 if seed % 2 else 0.0, keys="str" if seed % 3 == 0 else "int")
    holes = br.structural_holes(G, weight=weight, betweenness=False).set_index("key")
    for n in G:
        ref = reference_burt(G, n, weight)
        for m in MEASURES:
            assert close(holes.loc[n, m], ref[m]), (n, m, holes.loc[n, m], ref[m])


@pytest.mark.parametrize("seed", range(3))
def test_burt_on_a_medium_graph_and_a_big_owner(seed):
    G = big_ego(300, 2500, seed)
    G.add_node("alone")
    T, table = burt.burt_table(G, "strength")
    for n in [*list(G)[:: 7], "ego", "alone"]:
        k = T["index"][n]
        ref = reference_burt(G, n, "strength")
        for m in MEASURES:
            assert close(float(table[m][k]), ref[m]), (n, m)
    # A few people: the direct path (their contacts' ties) gives the same numbers.
    few = ["ego", 3, 17]
    subset = br.structural_holes(G, nodes=few, betweenness=False).set_index("key")
    for n in few:
        ref = reference_burt(G, n, "strength")
        assert all(close(subset.loc[n, m], ref[m]) for m in MEASURES)
        assert all(close(br.burt_measures(G, n)[m], ref[m]) for m in MEASURES)


def test_burt_does_not_depend_on_insertion_order():
    G = big_ego(150, 900, 7)
    edges = list(G.edges(data=True))
    random.Random(1).shuffle(edges)
    nodes = list(G)
    random.Random(2).shuffle(nodes)
    H = nx.Graph()
    H.add_nodes_from(nodes)
    H.add_edges_from((v, u, d) for u, v, d in edges)
    burt = ["key", *MEASURES]
    for weight in (None, "strength"):
        first = br.structural_holes(G, weight=weight, betweenness=False)[burt]
        again = br.structural_holes(H, weight=weight, betweenness=False)[burt]
        pd.testing.assert_frame_equal(first, again, check_exact=True)
        assert br.burt_measures(G, "ego", weight=weight) == br.burt_measures(H, "ego", weight=weight)


def test_ties_that_weigh_nothing_self_loops_and_pendants():
    G = nx.Graph()
    G.add_edge("a", "b", strength=0.0)
    G.add_edge("a", "c", strength=0.0)  # a's ties all weigh 0: undefined
    G.add_edge("b", "c", strength=0.5)
    G.add_edge("c", "d", strength=0.2)
    G.add_edge("c", "c", strength=9.0)  # a self-loop: nobody is their own contact
    G.add_node("e")
    holes = br.structural_holes(G, betweenness=False).set_index("key")
    for n in G:
        ref = reference_burt(G, n, "strength")
        assert all(close(holes.loc[n, m], ref[m]) for m in MEASURES), n
        assert all(close(br.burt_measures(G, n)[m], ref[m]) for m in MEASURES), n
    assert math.isnan(holes.loc["a", "constraint"]) and holes.loc["a", "degree"] == 2
    assert holes.loc["c", "degree"] == 3 and holes.loc["e", "degree"] == 0


def test_bad_weights_are_refused_by_the_vectorised_path():
    for bad in (-1.0, math.nan, "heavy", None):
        G = nx.Graph([(1, 2), (2, 3), (1, 3)])
        G.edges[1, 2]["strength"] = bad
        with pytest.raises(InputError, match="tie weight 'strength'"):
            br.structural_holes(G, betweenness=False)
        with pytest.raises(InputError, match="tie weight 'strength'"):
            br.burt_measures(G, 3)


@pytest.mark.parametrize("seed", range(3))
def test_owner_state_for_introductions_matches_the_reference(seed):
    G = big_ego(120, 600, seed)
    H = G.copy()
    ref = burt.burt_state(burt.Neighbourhoods(H, "strength"), "ego")
    got = burt.ego_state(H, "strength", "ego")
    for key in ("p", "indirect", "shared"):
        assert set(got[key]) == set(ref[key])
        assert all(got[key][j] == pytest.approx(ref[key][j], rel=1e-9, abs=1e-12) for j in ref[key])
    summary = burt.summarise(ref)
    assert all(close(got["summary"][m], summary[m]) for m in MEASURES)
    # the incremental "after" of an introduction from either state agrees
    a, b = next((a, b) for a in range(120) for b in range(a + 1, 120) if not G.has_edge(a, b))
    ref["summary"] = summary
    after_ref, after = burt.after_tie(ref, a, b, 0.3), burt.after_tie(got, a, b, 0.3)
    assert close(after["constraint"], after_ref["constraint"])
    assert close(after["effective_size"], after_ref["effective_size"])


def test_ego_burt_counts_ties_between_contacts():
    G = big_ego(200, 900, 4)
    G.add_edge("ego", "x")  # a contact tied to nobody else
    got = st.ego_burt(G, "ego")
    contacts = set(G["ego"]) - {"ego"}
    assert got["ties_between_contacts"] == sum(1 for u, v in G.edges if u in contacts and v in contacts)
    assert got["size"] == len(contacts)
    ref = reference_burt(G, "ego", "strength")
    assert close(got["constraint"], ref["constraint"]) and close(got["hierarchy"], ref["hierarchy"])
    observed = st.ego_burt(G, "ego", evidence="observed")  # a subgraph view goes the same way
    assert observed["ties_between_contacts"] == got["ties_between_contacts"]


# --------------------------------------------------------------------------------------------
# betweenness budget


def test_igraph_pivots_stay_within_their_own_budget(monkeypatch):
    pytest.importorskip("igraph")
    G = nx.barabasi_albert_graph(80, 3, seed=2)
    monkeypatch.setattr(betweenness, "BETWEENNESS_EXACT_MAX", 30)
    monkeypatch.setattr(betweenness, "BETWEENNESS_PIVOTS", 60)
    monkeypatch.setattr(betweenness, "BETWEENNESS_MIN_PIVOTS", 4)
    ties = G.number_of_edges()
    monkeypatch.setattr(betweenness, "BETWEENNESS_IGRAPH_BUDGET", ties * 12)
    monkeypatch.setattr(betweenness, "BETWEENNESS_BUDGET", ties * 5)
    assert br.structural_holes(G, weight=None, engine="igraph").attrs["betweenness_pivots"] == 12
    assert br.structural_holes(G, weight=None, engine="networkx").attrs["betweenness_pivots"] == 5
    monkeypatch.setattr(betweenness, "BETWEENNESS_IGRAPH_BUDGET", ties)  # the floor wins
    assert br.structural_holes(G, weight=None, engine="igraph").attrs["betweenness_pivots"] == 4


# --------------------------------------------------------------------------------------------
# tie strength


def random_ties(seed, n=60, p=0.12):
    """A graph with every kind of attribute value the scorer accepts, and a self-loop."""
    rng = random.Random(seed)
    G = nx.gnp_random_graph(n, p, seed=seed)
    G = nx.relabel_nodes(G, {k: f"p{k:02d}" for k in G})
    G.graph.update(ego="p00", egos=["p00", "p01"])
    day = dt.date(2024, 6, 1)
    dates = [None, math.nan, pd.NaT, "", "2019-03-04", dt.date(2015, 1, 1),
             dt.datetime(2023, 12, 31, 8), pd.Timestamp("2024-05-01"), day + dt.timedelta(days=30)]
    for _, _, d in G.edges(data=True):
        d["met"] = rng.choice(["in_person", "online", "unknown", None, ""])
        d["messages"] = rng.choice([0, 1, 3, 40, None, math.nan, -2, "7", "x", 2.0])
        d["connected_on"] = rng.choice(dates)
        d["last_contact"] = rng.choice(dates)
        d["confidence"] = rng.choice([1.0, 0.4, None, math.nan, 1.5, -0.2, 0.75])
        if rng.random() < 0.2:
            d["evidence"] = "inferred:same_company"
    G.add_edge("p03", "p03", met="in_person")
    G.add_edges_from(("p00", f"p{k:02d}") for k in range(1, n))  # an owner tied to everyone
    return G


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("as_of", [None, "2024-06-01"])
def test_tie_strength_equals_the_per_tie_loop_bit_for_bit(seed, as_of):
    G = random_ties(seed)
    if seed % 2:
        G.graph.pop("egos"), G.graph.pop("ego")  # no owners: messages known where recorded
    if seed >= 4:  # what build_graph writes: int counters, floats, dates
        for k, (_, _, d) in enumerate(G.edges(data=True)):
            d.update(messages=k % 5, confidence=1.0 if k % 3 else 0.6,
                     connected_on=dt.date(2015 + k % 9, 1 + k % 12, 1), last_contact=None)
    if seed in (0, 2, 5):  # merged exports of different dates: each tie judged against its own
        G.graph["export_dates"] = {"p00": dt.date(2024, 1, 15), "p01": "2023-03-01", "p07": dt.date(2030, 1, 1)}
    weights = ref_strength.weights({"structural": 0.3} if seed % 3 else None)
    today = ref_strength.as_of(G, as_of)
    edges = list(G.edges(data=True))
    got = st.tie_strength(G, weights=weights, as_of=as_of, inplace=False)
    ref = ref_strength.score_ties(G, edges, weights, today,
                                  dates=G.graph.get("export_dates") if as_of is None else None)
    pd.testing.assert_frame_equal(got, ref, check_exact=True)
    assert got.attrs == ref.attrs


def test_mutual_contacts_from_triangles_match_set_intersections():
    G = random_ties(3, n=120, p=0.1)
    us, vs, datas, u_at, v_at = ts._edge_columns(G)
    assert list(zip(us, vs, datas, strict=True)) == list(G.edges(data=True))
    nodes = list(G)
    assert [nodes[k] for k in u_at] == us and [nodes[k] for k in v_at] == vs
    slow = [len((set(G[u]) - {u}) & (set(G[v]) - {v})) for u, v in zip(us, vs, strict=True)]
    assert ts._mutual_counts(G, us, vs, at=(u_at, v_at)).tolist() == slow
    assert ts._mutual_counts(G, us, vs).tolist() == slow
    view = G.subgraph(nodes[5:])  # a view goes through networkx's own edge listing
    us, vs, datas, u_at, v_at = ts._edge_columns(view)
    assert list(zip(us, vs, datas, strict=True)) == list(view.edges(data=True))
    assert [list(view)[k] for k in v_at] == vs


def test_tie_strength_on_a_view_and_an_empty_graph():
    G = random_ties(1)
    view = G.subgraph([n for n in G if n != "p05"])
    got = st.tie_strength(view, inplace=False)
    ref = ref_strength.score_ties(view, list(view.edges(data=True)), ref_strength.WEIGHTS, ref_strength.as_of(view))
    pd.testing.assert_frame_equal(got, ref, check_exact=True)
    empty = st.tie_strength(nx.Graph(), inplace=False)
    assert len(empty) == 0 and list(empty.columns) == list(ref.columns)


# --------------------------------------------------------------------------------------------
# community table bridges and the report's evidence count


def reference_bridges(view, partition, ego):
    """The per-neighbour loop community_table used: ties to other circles, per member."""
    return {n: sum(1 for m in view.neighbors(n) if m != ego and m in partition and partition[m] != partition[n])
            for n in partition if n in view}


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("evidence", ["all", "observed"])
def test_bridge_counts_match_the_per_neighbour_loop(seed, evidence):
    from netanalysis import communities as cm

    rng = random.Random(seed)
    G = random_graph(seed, keys="str")
    G.graph["ego"] = ego = "0-000"
    for u, v in G.edges:
        G.edges[u, v]["evidence"] = rng.choice(["export", "export", "declared", "rule:same_employer"])
    G.add_edge("0-001", "0-001")  # a self-loop is never a bridge
    people = sorted(G)
    # A user's partition: the ego in a circle too, someone outside the graph, circles at random.
    partition = {n: rng.randrange(4) for n in people if rng.random() < 0.9}
    partition[ego] = 1
    partition["not in the graph"] = 2
    view = model.analysis_view(G, evidence)
    expected = reference_bridges(view, partition, ego)
    assert cm._bridge_counts(view, partition, ego) == expected
    assert any(expected.values()) and not all(expected.values())
    del partition["not in the graph"]  # the table refuses it (label_communities says who)
    table = cm.community_table(G, partition, evidence=evidence)
    for row in table.itertuples():
        members = [n for n in partition if partition[n] == row.community and n in G]
        assert row.bridge_count == sum(1 for n in members if expected[n])


def test_edge_values_are_each_ties_value_once():
    from netanalysis._arrays import edge_values as _edge_values

    G = random_graph(7, keys="str")
    rng = random.Random(7)
    for u, v in list(G.edges)[::2]:
        G.edges[u, v]["evidence"] = rng.choice(["declared", "rule:same_school", None])
    G.add_edge("z0", "z0", evidence="declared")
    expected = sorted((str(kind) for _, _, kind in G.edges(data="evidence", default="export")))
    assert sorted(map(str, _edge_values(G, "evidence", "export"))) == expected
    assert len(_edge_values(G.subgraph(list(G)[:30]), "evidence")) == G.subgraph(list(G)[:30]).number_of_edges()


def test_every_weight_reader_takes_numeric_text_as_the_one_value_check_does():
    # GraphML read back by networkx can give "0.5": brokerage, communities and the per-value
    # check (model.tie_weight) all read it as 0.5 and refuse the same bad values.
    from netanalysis import communities as cm
    from netanalysis.model import tie_weights as _tie_weights

    assert _tie_weights(["0.5", 2, True, 1.5], "strength").tolist() == [0.5, 2.0, 1.0, 1.5]
    for bad, message in (("heavy", "a number"), (-1, "a non-negative number"), (math.nan, "a non-negative number")):
        with pytest.raises(InputError, match=f"tie weight .strength. must be {message}"):
            _tie_weights([1.0, bad], "strength")
    G = random_graph(3, keys="str")
    T = G.copy()
    for _, _, d in T.edges(data=True):
        d["strength"] = repr(d["strength"])
    pd.testing.assert_frame_equal(br.structural_holes(T, betweenness=False), br.structural_holes(G, betweenness=False))
    assert cm.partition(T, seed=1) == cm.partition(G, seed=1)


def test_owner_messages_of_every_export_at_once_match_each_exports_table():
    from netanalysis._messages import message_table as _message_table
    from netanalysis._messages import owner_messages as _owner_messages

    files = na.sample_files("cohort")
    exports = [na.read_export(p) for p in files["exports"]]
    exports.append(dataclasses.replace(exports[1], messages=None))  # an export without messages
    keys = np.concatenate([e.contacts["key"].astype(object).to_numpy() for e in exports])
    keys[3] = None  # a key that is missing matches nobody
    counts, lasts, weighted = _owner_messages(exports, keys)
    expected_counts, expected_lasts, expected_weights, at = [], [], [], 0
    for export in exports:
        table = _message_table(export, export.owner["key"])
        rows = pd.Index(keys[at:at + len(export.contacts)], dtype=object)
        at += len(export.contacts)
        expected_counts.append(table["count"].reindex(rows).fillna(0).to_numpy(dtype="int64"))
        expected_lasts.append(table["last"].dt.tz_localize(None).reindex(rows).to_numpy(dtype="datetime64[ns]"))
        # Message by message: a conversation of n people counts 1/(n-1) for each of the owner's
        # n-1 correspondents (1 for a message between two people).
        owner, share = export.owner["key"], {}
        messages = export.messages if export.messages is not None else pd.DataFrame(
            {"sender_key": [], "recipient_keys": []})
        for sender, recipients in zip(messages["sender_key"], messages["recipient_keys"], strict=True):
            recipients = list(recipients) if isinstance(recipients, (list, tuple)) else []
            if sender == owner:
                others = [r for r in recipients if r not in (owner, "", None)]
            elif owner in recipients:
                others = [sender]
            else:
                continue
            n = len({*recipients, sender} - {owner, "", None})
            for person in others:
                if person == person:  # not NaN
                    share[person] = share.get(person, 0.0) + 1.0 / max(n, 1)
        expected_weights.append(np.array([share.get(k, 0.0) if k is not None else 0.0 for k in rows], dtype=float))
    assert counts.sum() > 100  # the sample's owners do write to their contacts
    np.testing.assert_array_equal(counts, np.concatenate(expected_counts))
    np.testing.assert_array_equal(lasts, np.concatenate(expected_lasts))
    np.testing.assert_allclose(weighted, np.concatenate(expected_weights), rtol=1e-12, atol=0)
    assert (weighted < counts).any() and (weighted <= counts).all()  # the sample has group chats

"""Gephi exports: GEXF, GraphML and CSV tables re-read with attributes intact, written atomically."""

import datetime as dt

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import netanalysis as na
from netanalysis.errors import InputError


def world():
    G = nx.Graph(ego="me", as_of=dt.date(2024, 5, 1), egos=["me"], inference={"same_company": {"added": 1}})
    G.add_node("me", name="Me", ego=True, exports=["me"], key_source="url")
    G.add_node("linkedin.com/in/ana", name="Ana <&> \"Q\"", company="Acme", position=None, ego=False,
               exports=["me", "other"], key_source="url")
    G.add_node("name:bo|", name="=HYPERLINK(\"x\")", company="", position="Nurse\x0b", ego=False,
               exports=["me"], key_source="name")
    G.add_edge("me", "linkedin.com/in/ana", met="in_person", met_source="declared", evidence="export",
               sources=["export", "inferred:same_company"], confidence=1.0, connected_on=dt.date(2021, 3, 15),
               messages=np.int64(4), last_contact=pd.Timestamp("2024-04-01"), strength=0.8, distance=1.25)
    G.add_edge("me", "name:bo|", met="unknown", met_source="none", evidence="export", sources=["export"],
               confidence=1.0, connected_on=None, messages=0, last_contact=pd.NaT, strength=0.2, distance=5.0)
    G.add_edge("linkedin.com/in/ana", "name:bo|", met="unknown", met_source="none", evidence="inferred:same_company",
               sources=["inferred:same_company"], confidence=0.4, connected_on=None, messages=0, last_contact=None,
               strength=0.1, distance=10.0)
    return G


PART = {"linkedin.com/in/ana": 0, "name:bo|": 0}


def test_networkx_writers_refuse_the_raw_graph(tmp_path):
    # The reason the conversion exists (science §4).
    with pytest.raises((TypeError, nx.NetworkXError)):
        nx.write_graphml(world(), tmp_path / "raw.graphml")


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_round_trip_keeps_attributes(tmp_path, fmt):
    G = world()
    write, read = {"gexf": (na.to_gexf, nx.read_gexf), "graphml": (na.to_graphml, nx.read_graphml)}[fmt]
    path = write(G, tmp_path / f"net.{fmt}", partition=PART, labels={0: "Acme · nurse"})
    H = read(path)
    assert sorted(H.nodes) == sorted(G.nodes)
    assert H.number_of_edges() == 3
    ana = H.nodes["linkedin.com/in/ana"]
    assert ana["name"] == 'Ana <&> "Q"'
    assert ana["exports"] == "me; other"
    assert ana["community"] == 0 and ana["community_label"] == "Acme · nurse"
    assert "position" not in ana  # None is left out
    assert H.nodes["me"]["community"] == -1 and H.nodes["me"]["community_label"] == "ego"
    assert H.nodes["me"]["ego"] is True
    assert H.nodes["name:bo|"]["position"] == "Nurse"  # control character removed
    e = H.edges["me", "linkedin.com/in/ana"]
    assert e["met"] == "in_person" and e["evidence"] == "export"
    assert e["sources"] == "export; inferred:same_company"
    assert e["connected_on"] == "2021-03-15"
    assert e["last_contact"].startswith("2024-04-01")
    assert e["messages"] == 4
    assert e["strength"] == pytest.approx(0.8) and e["weight"] == pytest.approx(0.8)
    inferred = H.edges["linkedin.com/in/ana", "name:bo|"]
    assert inferred["evidence"] == "inferred:same_company" and inferred["confidence"] == pytest.approx(0.4)
    assert "last_contact" not in inferred


def test_graph_attributes_made_safe(tmp_path):
    H = nx.read_graphml(na.to_graphml(world(), tmp_path / "g.graphml"))
    assert H.graph["as_of"] == "2024-05-01"
    assert H.graph["egos"] == "me"
    assert '"same_company"' in H.graph["inference"]


def test_mixed_int_and_float_become_one_type(tmp_path):
    G = nx.Graph()
    G.add_edge("a", "b", score=1)
    G.add_edge("b", "c", score=0.5)
    H = nx.read_gexf(na.to_gexf(G, tmp_path / "m.gexf"))
    assert H.edges["a", "b"]["score"] == 1.0 and H.edges["b", "c"]["score"] == 0.5


def test_export_never_mutates(tmp_path):
    G = world()
    before = nx.to_dict_of_dicts(G), dict(G.nodes(data=True))
    na.to_gexf(G, tmp_path / "a.gexf", partition=PART)
    na.to_graphml(G, tmp_path / "a.graphml")
    na.to_csv(G, tmp_path / "csv")
    assert (nx.to_dict_of_dicts(G), dict(G.nodes(data=True))) == before


def test_tables():
    nodes = na.nodes_table(world(), partition=PART)
    assert list(nodes.columns[:2]) == ["key", "name"]
    assert list(nodes["key"]) == sorted(world().nodes)
    assert set(nodes.columns) >= {"company", "exports", "community", "community_label", "ego", "key_source"}
    edges = na.edges_table(world())
    assert (edges["source"] < edges["target"]).all()
    assert edges.loc[edges["evidence"] == "inferred:same_company", "sources"].item() == "inferred:same_company"


def test_csv_for_gephi_is_formula_safe(tmp_path):
    paths = na.to_csv(world(), tmp_path / "out", partition=PART)
    nodes = pd.read_csv(paths[0])
    edges = pd.read_csv(paths[1])
    assert list(nodes.columns[:2]) == ["Id", "Label"]
    assert list(edges.columns[:4]) == ["Source", "Target", "Type", "Weight"]
    assert set(edges["Type"]) == {"Undirected"}
    assert "'=HYPERLINK(\"x\")" in set(nodes["Label"])
    with pytest.raises(InputError, match="folder"):
        na.to_csv(world(), paths[0])


def test_atomic_write_leaves_no_temp_files(tmp_path):
    na.to_gexf(world(), tmp_path / "n.gexf")
    na.to_graphml(world(), tmp_path / "n.graphml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.gexf", "n.graphml"]


def test_karate_round_trip(tmp_path):
    G = nx.karate_club_graph()
    part = na.partition(G, weight=None)
    H = nx.read_gexf(na.to_gexf(G, tmp_path / "k.gexf", partition=part, weight="weight"))
    assert H.number_of_nodes() == 34 and H.number_of_edges() == 78
    assert {H.nodes[str(n)]["community"] for n in G} == set(part.values())




# ----------------------------------------------------------------------------- streamed GEXF

def varied():
    """Every kind of value the writers meet: escapes, unicode, lists, dates, None, NaN, mixed types."""
    G = nx.Graph(name="Réseau <&> \"x\" 'y'", as_of=dt.date(2024, 5, 1), egos=["me"])
    G.add_node("me", name="Me", ego=True, score=1, mixed=True)
    G.add_node("ana", name="Ana <&\"'> Ünïcödé 🙂", ego=False, score=0.5, tags=["a", "b<"], born=dt.date(1990, 1, 2),
               seen=pd.Timestamp("2024-04-01 10:30"), gone=None, nan=float("nan"), n=np.int64(7), f=np.float64(2.5),
               mixed="text", multi="line\nbreak\ttab\r\nx", ctrl="bad\x00\x0bchar", st={"z", "a"}, d={"k": [1, 2]},
               big=10**20, inf=float("inf"), numbers=[1, None, 2.5], dirty=["x\x02", "y"], at=dt.datetime(2024, 1, 2, 3, 4))
    G.add_node("bo", company="Acme")  # no name, few attributes
    G.add_node("cy")  # no attributes at all
    G.add_node("name:x\x01", name="X")  # cleans to the same id as the next one
    G.add_node("name:x", name="X2")
    G.add_edge("me", "ana", strength=0.8, met="in_person", sources=["export", "inferred:same"], on=dt.date(2021, 3, 15),
               messages=np.int64(4), last=pd.Timestamp("2024-04-01"), flag=True, empty="")
    G.add_edge("ana", "bo", strength=1, met=None, messages=0.5, last=pd.NaT, flag="yes")
    G.add_edge("cy", "me")
    G.add_edge("bo", "bo", note="self")
    G.add_edge("name:x\x01", "name:x", strength=np.float64(0.25))
    return G


def test_streamed_gexf_reads_back_like_the_networkx_writer(tmp_path):
    from netanalysis.export._values import writer_safe_graph

    options = {"partition": {"ana": 0, "bo": 1, "name:x": 1}, "labels": {0: "Zero & <co>", 1: "One"}}
    G = varied()
    streamed = nx.read_gexf(na.to_gexf(G, tmp_path / "streamed.gexf", **options))
    nx.write_gexf(writer_safe_graph(G, **options), tmp_path / "networkx.gexf")
    reference = nx.read_gexf(tmp_path / "networkx.gexf")
    assert list(streamed.nodes(data=True)) == list(reference.nodes(data=True))
    assert list(streamed.edges(data=True)) == list(reference.edges(data=True))
    assert streamed.graph == reference.graph
    # and the values are the ones promised, with their types
    ana, me = streamed.nodes["ana"], streamed.nodes["me"]
    assert ana["label"] == ana["name"] == "Ana <&\"'> Ünïcödé 🙂"
    assert (ana["tags"], ana["st"], ana["born"], ana["seen"]) == ("a; b<", "a; z", "1990-01-02", "2024-04-01T10:30:00")
    assert "gone" not in ana and "nan" not in ana
    assert ana["multi"] == "line\nbreak\ttab\r\nx" and ana["ctrl"] == "badchar"
    assert (ana["n"], ana["f"], ana["big"], ana["inf"]) == (7, 2.5, 10**20, float("inf"))
    assert (ana["numbers"], ana["dirty"], ana["at"]) == ("1; 2.5", "x; y", "2024-01-02T03:04:00")
    assert me["ego"] is True and ana["ego"] is False
    assert me["score"] == 1.0 and isinstance(me["score"], float)  # int and float in one column: float
    assert (me["mixed"], ana["mixed"]) == ("True", "text")  # bool and text in one column: text
    assert streamed.nodes["bo"] == {"company": "Acme", "name": "bo", "label": "bo", "community": 1, "community_label": "One"}
    assert streamed.nodes["name:x~2"]["name"] == "X" and streamed.nodes["cy"]["community"] == -1
    e = streamed.edges["ana", "me"]
    assert e["weight"] == e["strength"] == 0.8 and e["messages"] == 4.0 and e["empty"] == ""
    assert streamed.edges["bo", "bo"]["note"] == "self"
    assert "weight" not in streamed.edges["cy", "me"]
    assert streamed.graph["name"] == "Réseau <&> \"x\" 'y'"


def test_streamed_gexf_is_deterministic(tmp_path):
    G = varied()
    a = na.to_gexf(G, tmp_path / "a.gexf", partition={"ana": 0}).read_bytes()
    # the same people and ties inserted in another order give the same bytes
    H = nx.Graph()
    H.graph.update(G.graph)
    H.add_nodes_from(reversed(list(G.nodes(data=True))))
    H.add_edges_from(reversed(list(G.edges(data=True))))
    b = na.to_gexf(H, tmp_path / "b.gexf", partition={"ana": 0}).read_bytes()
    assert a == b == na.to_gexf(G, tmp_path / "c.gexf", partition={"ana": 0}).read_bytes()
    assert b"lastmodifieddate" not in a


def test_streamed_gexf_is_valid_xml_in_gexf_1_2(tmp_path):
    import xml.etree.ElementTree as ET

    root = ET.parse(na.to_gexf(varied(), tmp_path / "v.gexf")).getroot()
    ns = "{http://www.gexf.net/1.2draft}"
    assert root.tag == f"{ns}gexf" and root.get("version") == "1.2"
    graph = root.find(f"{ns}graph")
    # declarations first, then nodes, then edges, as the schema orders them
    assert [c.tag for c in graph] == [f"{ns}attributes", f"{ns}attributes", f"{ns}nodes", f"{ns}edges"]
    assert len({e.get("id") for e in graph.iter(f"{ns}edge")}) == 5


def test_an_interrupted_gexf_leaves_nothing(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyboardInterrupt

    # Through the function's own globals: doctest collection may import a second copy of the module.
    monkeypatch.setitem(na.to_gexf.__globals__, "_gexf_attvalues", broken)
    with pytest.raises(KeyboardInterrupt):
        na.to_gexf(varied(), tmp_path / "v.gexf")
    assert list(tmp_path.iterdir()) == []


def test_gexf_refuses_directed_graphs_and_folders(tmp_path):
    with pytest.raises(InputError, match="undirected"):
        na.to_gexf(nx.DiGraph([("a", "b")]), tmp_path / "d.gexf")
    with pytest.raises(InputError, match="folder"):
        na.to_gexf(varied(), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_streamed_graphml_reads_back_like_the_networkx_writer(tmp_path):
    from netanalysis.export._values import writer_safe_graph

    options = {"partition": {"ana": 0, "bo": 1}, "labels": {0: "Zero & <co>"}}
    G = varied()
    G.graph["id"] = "net <1>"
    streamed = nx.read_graphml(na.to_graphml(G, tmp_path / "streamed.graphml", **options))
    nx.write_graphml(writer_safe_graph(G, **options), tmp_path / "networkx.graphml")
    reference = nx.read_graphml(tmp_path / "networkx.graphml")
    # networkx writes a carriage return raw, so XML reads it back as a line feed; the stream keeps it
    assert streamed.nodes["ana"].pop("multi") == "line\nbreak\ttab\r\nx"
    assert reference.nodes["ana"].pop("multi") == "line\nbreak\ttab\nx"
    assert list(streamed.nodes(data=True)) == list(reference.nodes(data=True))
    assert sorted(streamed.edges(data=True)) == sorted(reference.edges(data=True))
    assert streamed.graph == reference.graph
    assert streamed.graph["as_of"] == "2024-05-01" and streamed.graph["egos"] == "me"
    assert streamed.nodes["ana"]["name"] == "Ana <&\"'> Ünïcödé 🙂" and streamed.nodes["me"]["ego"] is True
    assert streamed.edges["ana", "me"]["weight"] == 0.8 and streamed.nodes["cy"]["community_label"] == "no ties between contacts"
    again = na.to_graphml(G, tmp_path / "again.graphml", **options)
    assert again.read_bytes() == (tmp_path / "streamed.graphml").read_bytes()

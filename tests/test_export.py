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


# ----------------------------------------------------------------------------- command line

CONNECTIONS = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ana,Silva,https://www.linkedin.com/in/ana-silva,,Acme,Data engineer,15 Mar 2021
Bo,Chen,https://www.linkedin.com/in/bo-chen,,Acme,Data scientist,16 Mar 2021
Cy,Diaz,https://www.linkedin.com/in/cy-diaz,,Acme,Engineer,17 Mar 2021
Dee,Ekw,https://www.linkedin.com/in/dee-ekw,,Clinique Nord,Nurse,18 Mar 2021
"<img src=x onerror=alert(1)>",Fox,https://www.linkedin.com/in/eve-fox,,Clinique Nord,Nurse,19 Mar 2021
Fay,Gil,https://www.linkedin.com/in/fay-gil,,Clinique Nord,Physician,20 Mar 2021
Gus,Ho,https://www.linkedin.com/in/gus-ho,,Solo Inc,Founder,21 Mar 2021
"""
KNOWS = """a,b,met,note
linkedin.com/in/ana-silva,linkedin.com/in/bo-chen,in_person,
linkedin.com/in/bo-chen,linkedin.com/in/cy-diaz,,
linkedin.com/in/ana-silva,linkedin.com/in/cy-diaz,,
linkedin.com/in/dee-ekw,linkedin.com/in/eve-fox,,
linkedin.com/in/eve-fox,linkedin.com/in/fay-gil,,
linkedin.com/in/dee-ekw,linkedin.com/in/fay-gil,,
"""


@pytest.fixture
def tiny_export(tmp_path):
    (tmp_path / "Connections.csv").write_text(CONNECTIONS, encoding="utf-8")
    (tmp_path / "knows.csv").write_text(KNOWS, encoding="utf-8")
    return [str(tmp_path / "Connections.csv"), "--knows", str(tmp_path / "knows.csv"),
            "--ego-url", "https://www.linkedin.com/in/me-owner"]


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "csv"])
def test_cli_export(tiny_export, tmp_path, fmt, capsys):
    from netanalysis.cli import main

    target = tmp_path / ("tables" if fmt == "csv" else f"net.{fmt}")
    assert main(["export", *tiny_export, "--format", fmt, "-o", str(target)]) == 0
    assert "wrote" in capsys.readouterr().err
    if fmt == "csv":
        nodes = pd.read_csv(target / "nodes.csv")
        assert len(nodes) == 8 and set(nodes["community"]) == {-1, 0, 1}
    else:
        H = (nx.read_gexf if fmt == "gexf" else nx.read_graphml)(target)
        assert H.number_of_nodes() == 8 and H.number_of_edges() == 7 + 6
        assert H.nodes["linkedin.com/in/eve-fox"]["name"] == "<img src=x onerror=alert(1)> Fox"
        assert {d["community"] for _, d in H.nodes(data=True)} == {-1, 0, 1}
        assert {d["evidence"] for _, _, d in H.edges(data=True)} == {"export", "declared"}

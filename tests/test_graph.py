"""The graph model: people merged across exports, ties with met/evidence, annotations, inference."""

import datetime as dt
import random
from types import SimpleNamespace

import networkx as nx
import pandas as pd
import pytest

from netanalysis.errors import InputError
from netanalysis.graph import (
    build_graph,
    contact_graph,
    contacts_of,
    filter_evidence,
    graph_summary,
    merge_exports,
)

AL, BO, CY, DI, ED = (f"linkedin.com/in/{n}" for n in ("al", "bo", "cy", "di", "ed"))

CONTACT_COLUMNS = ["key", "key_source", "name", "first_name", "last_name", "url", "email", "company",
                   "position", "connected_on", "line"]
MESSAGE_COLUMNS = ["conversation_id", "conversation_title", "date", "sender_name", "sender_key",
                   "recipient_names", "recipient_keys", "subject", "content", "folder", "line"]


def contacts(*rows):
    """rows: (key, name, company, position, connected_on)."""
    records = []
    for i, (key, name, company, position, connected) in enumerate(rows):
        records.append({
            "key": key, "key_source": "url" if key.startswith("linkedin.com/in/") else "name",
            "name": name, "first_name": name.split()[0], "last_name": " ".join(name.split()[1:]),
            "url": key if key.startswith("linkedin") else "", "email": "", "company": company,
            "position": position, "connected_on": pd.Timestamp(connected) if connected else pd.NaT, "line": i + 5,
        })
    return pd.DataFrame(records, columns=CONTACT_COLUMNS)


def messages(*rows):
    """rows: (conversation, date, sender, recipients)."""
    records = [{"conversation_id": c, "conversation_title": "", "date": pd.Timestamp(d, tz="UTC"),
                "sender_name": "", "sender_key": s, "recipient_names": "", "recipient_keys": tuple(r),
                "subject": "", "content": "hi", "folder": "INBOX", "line": i + 2}
               for i, (c, d, s, r) in enumerate(rows)]
    return pd.DataFrame(records, columns=MESSAGE_COLUMNS)


def export(owner, name, contact_rows, *, message_rows=(), positions=None, export_date=None):
    empty = pd.DataFrame()
    return SimpleNamespace(
        path=f"{name}.zip", owner={"key": owner, "name": name, "identified_by": "messages"},
        contacts=contacts(*contact_rows), messages=messages(*message_rows), invitations=empty,
        recommendations_received=empty, recommendations_given=empty,
        positions=positions if positions is not None else empty, export_date=export_date,
    )


def ties(*rows):
    """rows: (key, url, name, met, line)."""
    table = pd.DataFrame([
        {"key": k, "url": u, "name": n, "company": "", "met": m, "where_met": "", "when_met": "",
         "last_contact": "", "notes": "", "line": line} for k, u, n, m, line in rows
    ])
    return SimpleNamespace(table=table, report=SimpleNamespace(rows=len(rows), skipped=[]))


@pytest.fixture
def al_export():
    return export(AL, "Al Ames", [
        (BO, "Bo Berg", "Acme", "Engineer", "2024-03-01"),
        (CY, "Cy Chen, PhD", "Acme", "Analyst", "2021-06-15"),
        (DI, "Di Diaz", "Initech", "Designer", "2019-01-02"),
    ], message_rows=[
        ("c1", "2025-05-01 10:00", AL, [BO]),
        ("c1", "2025-05-02 10:00", BO, [AL]),
        ("c1", "2025-06-01 10:00", AL, [BO]),
        ("c2", "2023-01-01 09:00", CY, [AL]),
        ("c3", "2024-02-02 09:00", AL, [BO, CY]),
    ], export_date=dt.date(2025, 7, 1))


def test_single_export_is_a_star_with_export_evidence(al_export):
    G = build_graph(al_export)
    assert list(G.nodes) == sorted(G.nodes)
    assert G.graph["ego"] == AL and G.graph["egos"] == [AL]
    assert sorted(G.edges) == [(AL, BO), (AL, CY), (AL, DI)]
    edge = G.edges[AL, BO]
    assert edge["evidence"] == "export" and edge["sources"] == ["export"] and edge["confidence"] == 1.0
    assert edge["met"] == "unknown" and edge["met_source"] == "none"
    assert edge["connected_on"] == dt.date(2024, 3, 1)
    assert G.nodes[AL]["ego"] is True and G.nodes[BO]["ego"] is False
    assert G.nodes[CY]["name"] == "Cy Chen, PhD"


def test_messages_are_counted_per_contact_with_the_last_date(al_export):
    G = build_graph(al_export)
    # Bo: three messages in c1 and one group message in c3; Cy: one received, one group message.
    assert G.edges[AL, BO]["messages"] == 4
    assert G.edges[AL, BO]["last_contact"] == dt.date(2025, 6, 1)
    assert G.edges[AL, CY]["messages"] == 2
    assert G.edges[AL, CY]["last_contact"] == dt.date(2024, 2, 2)
    assert G.edges[AL, DI]["messages"] == 0 and G.edges[AL, DI]["last_contact"] is None


def test_as_of_is_the_export_date_not_the_clock(al_export):
    assert build_graph(al_export).graph["as_of"] == dt.date(2025, 7, 1)
    al_export.export_date = None
    assert build_graph(al_export).graph["as_of"] == dt.date(2025, 6, 1)


def test_merge_finds_ties_between_contacts_and_one_node_per_person(al_export):
    bo_export = export(BO, "Bo Berg", [
        (AL, "Al Ames", "Acme", "Lead", "2024-03-01"),
        (CY, "Cy Chen", "Acme", "Analyst", "2022-02-02"),
        (ED, "Ed Eze", "Globex", "Manager", "2020-09-09"),
    ])
    G = merge_exports([al_export, bo_export])
    assert G.number_of_nodes() == 5
    assert sorted(G.edges) == [(AL, BO), (AL, CY), (AL, DI), (BO, CY), (BO, ED)]
    assert G.nodes[CY]["exports"] == [AL, BO]
    assert G.nodes[BO]["ego"] and G.nodes[AL]["ego"]
    assert G.graph["egos"] == [AL, BO]
    # Both exports list Al–Bo: still one tie, from the earliest connection date.
    assert G.edges[AL, BO]["connected_on"] == dt.date(2024, 3, 1)
    # A name keeps its first non-empty spelling.
    assert G.nodes[AL]["name"] == "Al Ames"


def test_merge_resolves_a_name_keyed_row_to_the_person_with_a_url(al_export):
    old = export(ED, "Ed Eze", [("name:bo berg|acme", "Bo Berg", "Acme", "Engineer", "2018-01-01")])
    G = merge_exports([al_export, old])
    assert "name:bo berg|acme" not in G
    assert G.has_edge(ED, BO)


def test_result_does_not_depend_on_the_order_of_rows(al_export):
    G1 = build_graph(al_export)
    shuffled = al_export.contacts.sample(frac=1, random_state=3)
    al_export.contacts = shuffled
    G2 = build_graph(al_export)
    assert list(G1.nodes) == list(G2.nodes)
    assert list(G1.edges(data=True)) == list(G2.edges(data=True))


def test_declared_ties_set_met_and_unmatched_rows_are_reported(al_export):
    t = ties((BO, "", "", "in_person", 2), ("", "https://www.linkedin.com/in/CY/", "", "online", 3),
             ("", "", "Di Diaz", "unknown", 4), ("", "", "Nobody Here", "in_person", 5))
    G = build_graph(al_export, ties=t)
    assert (G.edges[AL, BO]["met"], G.edges[AL, BO]["met_source"]) == ("in_person", "declared")
    assert (G.edges[AL, CY]["met"], G.edges[AL, CY]["met_source"]) == ("online", "declared")
    assert (G.edges[AL, DI]["met"], G.edges[AL, DI]["met_source"]) == ("unknown", "none")
    info = G.graph["ties_file"]
    assert info["rows"] == 4 and info["matched"] == 3
    assert info["unmatched"] == [{"line": 5, "name": "Nobody Here", "reason": "no contact with this key, URL or name"}]


def test_knows_adds_declared_ties_and_reports_unknown_people(al_export):
    knows = SimpleNamespace(table=pd.DataFrame([
        {"a": BO, "b": "Di Diaz", "met": "in_person", "note": "", "line": 2},
        {"a": BO, "b": "Zed Zulu", "met": "", "note": "", "line": 3},
    ]))
    G = build_graph(al_export, knows=knows)
    edge = G.edges[BO, DI]
    assert edge["evidence"] == "declared" and edge["met"] == "in_person" and edge["met_source"] == "declared"
    assert G.graph["knows_file"]["added"] == 1 and G.graph["knows_file"]["existing"] == 0
    assert [u["line"] for u in G.graph["knows_file"]["unmatched"]] == [3]


def test_same_company_inference_is_labelled_and_capped():
    rows = [(f"linkedin.com/in/p{i}", f"P {i}", "Big Corp", "", None) for i in range(4)]
    rows += [(f"linkedin.com/in/q{i}", f"Q {i}", "Small Co", "", None) for i in range(3)]
    ex = export(AL, "Al", rows)
    G = build_graph(ex, infer=["same_company"], company_cap=3)
    inferred = [(u, v) for u, v, e in G.edges(data="evidence") if e == "inferred:same_company"]
    assert len(inferred) == 3  # the three Small Co people; Big Corp (4 > cap 3) is skipped
    assert all(G.edges[e]["confidence"] < 1 for e in inferred)
    assert G.graph["inference"]["same_company"]["skipped_companies"] == [{"company": "big", "people": 4}]  # "Corp" is a legal suffix
    observed = filter_evidence(G, "observed")
    assert observed.number_of_edges() == 7 and G.number_of_edges() == 10


def test_inferred_tie_on_an_observed_one_keeps_export_evidence(al_export):
    G = build_graph(al_export, infer=["same_company"])
    # Bo and Cy both at Acme: inferred only; Al's ties stay 'export' even though Al has no company.
    assert G.edges[BO, CY]["evidence"] == "inferred:same_company"
    assert G.edges[AL, BO]["sources"] == ["export"]


def test_shared_employer_needs_overlapping_dates():
    def positions(*rows):
        return pd.DataFrame([{"company": c, "title": "", "description": "", "location": "",
                              "started_on": pd.Timestamp(s), "finished_on": pd.Timestamp(e) if e else pd.NaT,
                              "line": 2} for c, s, e in rows])
    a = export(AL, "Al", [], positions=positions(("Acme Inc.", "2015-01-01", "2018-01-01")))
    b = export(BO, "Bo", [], positions=positions(("ACME", "2017-06-01", "2018-12-01")))
    c = export(CY, "Cy", [], positions=positions(("Acme", "2019-01-01", None)))
    G = build_graph([a, b, c], infer=["shared_employer"])
    # Owners' lists are observed: Al's export does not list Bo, so no tie is guessed between them.
    assert sorted(G.edges) == [] and G.graph["inference"]["shared_employer"] == {"ties": 0}
    # Where Al's export lists Bo, the rule labels that tie; Cy (no overlap) gets nothing.
    a = export(AL, "Al", [(BO, "Bo", "", "", None)], positions=positions(("Acme Inc.", "2015-01-01", "2018-01-01")))
    G = build_graph([a, b, c], infer=["shared_employer"])
    assert sorted(G.edges) == [(AL, BO)]
    assert G.edges[AL, BO]["evidence"] == "export"
    assert G.edges[AL, BO]["sources"] == ["export", "inferred:shared_employer"]
    # The latest position fills the node's company when none is current.
    assert G.nodes[BO]["company"] == "ACME" and G.nodes[CY]["company"] == "Acme"


def test_group_chat_inference(al_export):
    G = build_graph(al_export, infer=["group_chat"])
    assert G.edges[BO, CY]["evidence"] == "inferred:group_chat"


def test_unknown_rule_and_no_export_are_clear_errors(al_export):
    with pytest.raises(InputError, match="unknown inference rule"):
        build_graph(al_export, infer=["telepathy"])
    with pytest.raises(InputError, match="no export"):
        build_graph([])
    al_export.owner = {"key": "", "name": ""}
    with pytest.raises(InputError, match="--ego-url"):
        build_graph(al_export)


def test_views_and_summary(al_export):
    G = build_graph(al_export, infer=["same_company"])
    assert contacts_of(G, AL) == [BO, CY, DI]
    assert sorted(contact_graph(G, AL).edges) == [(BO, CY)]
    summary = graph_summary(G)
    assert summary == {"people": 4, "ties": 4,
                       "ties_by_evidence": {"export": 3, "inferred:same_company": 1},
                       "ties_by_met": {"in_person": 0, "online": 0, "unknown": 4}}
    with pytest.raises(InputError):
        contacts_of(G, "linkedin.com/in/nobody")
    with pytest.raises(InputError, match="unknown evidence filter"):
        filter_evidence(G, "rumours")


def test_every_tie_gets_strength_and_distance(al_export):
    G = build_graph(al_export)
    for _, _, data in G.edges(data=True):
        assert 0 < data["strength"] <= 1
        assert data["distance"] == pytest.approx(1 / data["strength"])


def test_large_merge_keeps_every_person():
    rng = random.Random(1)
    people = [f"linkedin.com/in/p{i:03d}" for i in range(60)]
    exports = []
    for owner in people[:6]:
        listed = rng.sample([p for p in people if p != owner], 25)
        exports.append(export(owner, owner[-4:], [(k, k[-4:], "", "", "2020-01-01") for k in listed]))
    G = merge_exports(exports)
    expected = set(people[:6]) | {k for e in exports for k in e.contacts["key"]}
    assert set(G.nodes) == expected
    assert nx.is_connected(G) or G.number_of_nodes() == len(expected)


def test_two_exports_without_owner_cannot_be_merged_silently(al_export):
    a = export("owner:Connections", "", [(BO, "Bo", "", "", None)])
    b = export("owner:Connections", "", [(CY, "Cy", "", "", None)])
    for e in (a, b):
        e.owner["identified_by"] = "unknown"
    with pytest.raises(InputError, match="--ego-url"):
        merge_exports([a, b])


def test_knows_rows_on_existing_ties_are_counted(al_export):
    knows = SimpleNamespace(table=pd.DataFrame([
        {"a": AL, "b": BO, "met": "", "note": "", "line": 2},
        {"a": CY, "b": DI, "met": "", "note": "", "line": 3},
    ]), report=SimpleNamespace(rows=3, skipped=[SimpleNamespace(line=4, reason="only one person")]))
    info = build_graph(al_export, knows=knows).graph["knows_file"]
    assert (info["rows"], info["added"], info["existing"], len(info["unmatched"]), len(info["skipped"])) == (3, 1, 1, 0, 1)
    assert build_graph(al_export, knows=knows).edges[AL, BO]["sources"] == ["declared", "export"]


# ------------------------------------------------------------------ identity (issue 17, finding 7)


def _name_export(owner, rows, path="x"):
    import pandas as pd

    from netanalysis.io import Export

    contacts = pd.DataFrame({
        "key": [f"name:{n.lower()}|{c.lower()}" for n, c in rows], "key_source": "name",
        "name": [n for n, _ in rows], "company": [c for _, c in rows], "position": "",
        "connected_on": pd.to_datetime(["2024-01-01"] * len(rows))})
    return Export(path=path, owner={"key": f"linkedin.com/in/{owner}", "name": owner}, contacts=contacts)


def test_a_decomposed_accent_in_a_profile_url_is_the_same_person():
    from netanalysis.identity import profile_key
    from netanalysis.io._keys import fast_profile_key

    nfd, nfc = "https://www.linkedin.com/in/gae%CC%81tan-l", "https://www.linkedin.com/in/ga%C3%A9tan-l"
    assert profile_key(nfd) == profile_key(nfc) == fast_profile_key(nfd) == fast_profile_key(nfc)
    assert profile_key(nfc) == "linkedin.com/in/gaétan-l"


def test_a_name_without_company_merges_into_the_one_person_of_that_name():
    # al lists "Bo" without company; cy lists Bo at Acme: one person. "Di" is listed without
    # company by al, and at two companies by cy and ed: ambiguous, kept apart and reported.
    a = _name_export("al", [("Bo", ""), ("Di", "")], "a")
    c = _name_export("cy", [("Bo", "Acme"), ("Di", "Acme")], "c")
    e = _name_export("ed", [("Di", "Globex")], "e")
    G = build_graph([a, c, e])
    bo = [n for n in G if n.startswith("name:bo|")]
    assert bo == ["name:bo|acme"] and set(G["name:bo|acme"]) == {"linkedin.com/in/al", "linkedin.com/in/cy"}
    assert sorted(n for n in G if n.startswith("name:di|")) == ["name:di|", "name:di|acme", "name:di|globex"]
    identity = graph_summary(G)["identity"]
    assert identity["merged_without_company"] == 1
    assert identity["ambiguous"] == [{"key": "name:di|", "name": "Di", "candidates": 2}]


def test_one_export_never_lists_a_person_twice():
    # al lists "Bo" with and without company: two people (namesakes), not one
    G = build_graph([_name_export("al", [("Bo", ""), ("Bo", "Acme")])])
    assert sorted(n for n in G if n.startswith("name:bo|")) == ["name:bo|", "name:bo|acme"]


def test_an_owner_is_never_merged_into_a_contact_of_the_same_name(tmp_path):
    # A lone Connections.csv named with --name "Ana Lima" lists another Ana Lima: two people.
    from netanalysis.io import read_export, set_owner_name

    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    "Ana,Lima,https://www.linkedin.com/in/ana-lima,,Beta Corp,Engineer,10 Jan 2020\n"
                    "Bo,Chen,https://www.linkedin.com/in/bo-chen,,Fund,Partner,11 Feb 2020\n", encoding="utf-8")
    G = build_graph([set_owner_name(read_export(path), "Ana Lima")])
    assert G.graph["ego"] == "owner:Connections" and G.number_of_nodes() == 3
    assert G.nodes["owner:Connections"]["name"] == "Ana Lima" and not G.nodes["owner:Connections"]["company"]
    assert G.has_edge("owner:Connections", "linkedin.com/in/ana-lima")

"""Anonymised output: stable keyed pseudonyms, generalised companies and positions, nothing left to identify."""

import hashlib
import hmac
import html
import re
from base64 import b32encode

import networkx as nx
import pandas as pd
import pytest

from netanalysis import anonymize as an
from netanalysis import pseudonyms as ps
from netanalysis import report as rep
from netanalysis.errors import InputError
from netanalysis.report import write as report_write

SALT = "a secret salt"
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+")  # look-behind: linear time
CODE = re.compile(r"<script>.*?</script>", re.DOTALL)  # scripts without a type: code, not data


def _graph():
    G = nx.Graph(ego="linkedin.com/in/eve-ego", egos=["linkedin.com/in/eve-ego"], as_of="2024-06-01",
                 inference={"same_company": {"ties": 1, "cap": 50,
                                                "skipped_companies": [{"company": "giant bank", "people": 60},
                                                                      {"company": "acme widgets", "people": 2}]}},
                 ties_file={"rows": 3, "matched": 2, "unmatched": [{"line": 4, "name": "Zoe Unknown", "reason": "no match"}]})
    G.add_node("linkedin.com/in/eve-ego", name="Eve Ego", company="Acme Widgets", position="Founder & CEO", ego=True,
               exports=["linkedin.com/in/eve-ego"], key_source="url")
    G.add_node("linkedin.com/in/ana-silva", name="Ana Silva", company="Université Laval", position="Data engineer",
               ego=False, exports=["linkedin.com/in/eve-ego"], key_source="url",
               note="Met Ana Silva at https://meetup.example/x, mail ana@silva.example")
    G.add_node("name:bob stone|acme widgets", name="Bob Stone", company="Acme Widgets", position="Chargé de recrutement",
               ego=False, exports=["linkedin.com/in/eve-ego"], key_source="name")
    G.add_edge("linkedin.com/in/eve-ego", "linkedin.com/in/ana-silva", met="in_person", evidence="export",
               sources=["export"], strength=0.8, messages=4)
    G.add_edge("linkedin.com/in/eve-ego", "name:bob stone|acme widgets", met="online", evidence="export",
               sources=["export"], strength=0.2, messages=0)
    G.add_edge("linkedin.com/in/ana-silva", "name:bob stone|acme widgets", met="unknown",
               evidence="inferred:same_company", sources=["inferred:same_company"], confidence=0.3)
    return G


def test_pseudonym_is_hmac_sha256_in_base32():
    by_hand = b32encode(hmac.new(SALT.encode(), b"linkedin.com/in/ana", hashlib.sha256).digest()).decode().lower()[:10]
    assert an.pseudonym_code("linkedin.com/in/ana", SALT) == by_hand == "vsavwkltjs"  # also checked with openssl
    assert an.pseudonym_code("linkedin.com/in/ana", "another salt") != by_hand


def test_salt_is_required_and_long_enough():
    with pytest.raises(InputError, match="salt"):
        an.anonymize_graph(_graph(), salt=None)
    with pytest.raises(InputError, match="shorter than 8"):
        an.anonymize_graph(_graph(), salt="short")


def test_same_person_same_pseudonym_across_runs_and_graphs():
    G = _graph()
    H1, m1 = an.anonymize_graph(G, salt=SALT)
    H2, m2 = an.anonymize_graph(G, salt=SALT)
    assert nx.utils.graphs_equal(H1, H2) and m1 == m2
    smaller = G.subgraph(["linkedin.com/in/eve-ego", "linkedin.com/in/ana-silva"]).copy()
    _, m3 = an.anonymize_graph(smaller, salt=SALT)
    assert m3["linkedin.com/in/ana-silva"] == m1["linkedin.com/in/ana-silva"]
    _, other = an.anonymize_graph(G, salt="a different secret")
    assert other["linkedin.com/in/ana-silva"] != m1["linkedin.com/in/ana-silva"]


def test_structure_is_kept_and_the_original_untouched():
    G = _graph()
    before = nx.node_link_data(G, edges="links")
    H, mapping = an.anonymize_graph(G, salt=SALT)
    assert nx.node_link_data(G, edges="links") == before
    assert nx.is_isomorphic(G, H)
    ego = mapping["linkedin.com/in/eve-ego"]
    assert H.graph["ego"] == ego and H.graph["egos"] == [ego] and H.nodes[ego]["ego"] is True
    ana = mapping["linkedin.com/in/ana-silva"]
    assert H.edges[ego, ana]["met"] == "in_person" and H.edges[ego, ana]["strength"] == 0.8
    assert H.nodes[ana]["exports"] == [ego]
    assert H.nodes[ana]["company"] == "School F" and H.nodes[ana]["position"] == "Data analyst"
    bob = mapping["name:bob stone|acme widgets"]
    assert H.nodes[bob]["company"] == H.nodes[ego]["company"] == "Company P"  # same company stays the same
    assert H.nodes[bob]["position"] == "HR specialist"
    assert H.nodes[ego]["position"] == "Founder or executive"
    names = [H.nodes[n]["name"] for n in (ego, ana, bob)]
    assert names == ["Gideon Vergate", "Marguerite Blackholt", "Oberon Thornwood"]  # drawn for this salt
    assert mapping["Ana Silva"] == H.nodes[ana]["name"] and an.is_person_replacement(mapping["Ana Silva"])


def test_no_name_url_or_email_left_in_any_attribute():
    H, _ = an.anonymize_graph(_graph(), salt=SALT)
    text = repr(H.graph) + repr(list(H.nodes(data=True))) + repr(list(H.edges(data=True)))
    assert H.graph["ties_file"]["unmatched"] == [{"line": 4, "name": "[removed]", "reason": "no match"}]
    assert H.graph["inference"]["same_company"]["skipped_companies"][1] == {"company": "Company P", "people": 2}
    for original in ("Eve ", "Ana ", "Silva", "Zoe", "Bob Stone", "linkedin", "eve-ego", "ana-silva", "Acme", "Laval",
                     "Giant Bank", "meetup.example", "@silva", "Chargé", "Data engineer"):
        assert original.lower() not in text.lower(), original
    assert not EMAIL.search(text)


def test_role_families_and_sectors():
    assert an.role_family("Senior Software Engineer") == "Engineer"
    assert an.role_family("Engineering Manager") == "Manager"
    assert an.role_family("Étudiante en maîtrise") == "Student"
    assert an.role_family("Conseillère en orientation") == "Consultant"
    assert an.role_family("Infirmière clinicienne") == "Health professional"
    assert an.role_family("Airline pilot") == "Professional"
    assert ps.company_sector("Hôpital Sainte-Justine") == "Health"
    assert ps.company_sector("Airbus") is None  # "ai" only as a whole word


def test_scrub_frame_replaces_cells_text_and_tuples():
    _, mapping = an.anonymize_graph(_graph(), salt=SALT)
    df = pd.DataFrame({
        "key": ["linkedin.com/in/ana-silva", None],
        "route": [("linkedin.com/in/eve-ego", "linkedin.com/in/ana-silva"), ()],
        "reason": ["Ana Silva works at Acme Widgets; see www.example.org or ana@silva.example", "fine"],
        "n": [1, 2],
    })
    out = an.scrub_frame(df, mapping)
    ana = mapping["linkedin.com/in/ana-silva"]
    assert out.loc[0, "key"] == ana and pd.isna(out.loc[1, "key"])
    assert out.loc[0, "route"] == (mapping["linkedin.com/in/eve-ego"], ana)
    assert out.loc[0, "reason"] == (f"{mapping['Ana Silva']} works at Company P; see [link removed] or [email removed]")
    assert out["n"].tolist() == [1, 2]


def test_find_originals_ignores_single_words():
    mapping = {"Ana Silva": "Person X", "Data": "Company 1", "linkedin.com/in/ana": "anon:x"}
    assert an.find_originals("Data about ANA SILVA and linkedin.com/in/ana", mapping) == [
        "Ana Silva", "linkedin.com/in/ana"]


def test_report_refuses_to_leak(monkeypatch):
    # If an analysis ever copied an original name into its output, the report must fail, not leak.
    with pytest.raises(RuntimeError, match="bug"):
        report_write.check_anonymous("<p>Ana Silva</p>", {}, {"Ana Silva": "Person X"})


# --- the anonymised report on real-shaped exports --------------------------------------------------


def _originals(export):
    contacts = export.contacts
    names = {n for n in contacts["name"] if isinstance(n, str) and " " in n}
    urls = {u for u in contacts["url"] if isinstance(u, str) and u}
    keys = {k for k in contacts["key"] if isinstance(k, str) and k}
    emails = {e for e in contacts["email"] if isinstance(e, str) and e}
    names.add(export.owner["name"])
    keys.add(export.owner["key"])
    return names, urls | keys, emails


def test_anonymised_report_contains_no_name_url_or_email(persona, tmp_path):
    export, G = persona["export"], persona["G"]
    names, urls, emails = _originals(export)
    assert len(names) > 50 and len(urls) > 50 and emails  # the fixture does hold identifying data
    report = rep.build_report(G, exports=[export], anonymize=True, salt=SALT,
                              targets=[sorted(names)[0]])
    assert report.anonymized and "warm-paths" in report.sections
    rep.write_report(report, tmp_path)
    originals = sorted(o.lower() for o in names | urls | emails)
    for path in sorted(tmp_path.iterdir()):
        text = path.read_text(encoding="utf-8")
        # The map sits escaped inside srcdoc, and GEXF escapes XML: check the unescaped text. The
        # map's two program scripts (vis-network and its driver) are package code, not data, and
        # make up most of the page: they are left out of the search; its data block is kept.
        plain = CODE.sub("<script></script>", html.unescape(text))
        assert path.name != "report.html" or len(plain) < len(text)
        low = plain.lower()
        for original in originals:
            assert original not in low, (path.name, original)
        assert "linkedin.com/in/" not in low, path.name
        assert not EMAIL.search(plain), (path.name, EMAIL.search(plain).group(0))
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    owner = report.graph.nodes[report.graph.graph["ego"]]["name"]
    assert f"{owner}’s network" in page or f"{owner}'s network" in html.unescape(page)
    assert not re.search(r"Person [A-Z0-9]{10}", page)  # no 10-character code reads as a name


def test_targets_are_pseudonymised_and_unknown_ones_not_repeated():
    G = nx.Graph(ego="me")
    G.add_node("me", name="Me Myself")
    for i in range(4):
        G.add_node(f"linkedin.com/in/p{i}", name=f"Contact Number{i}", company="Acme")
        G.add_edge("me", f"linkedin.com/in/p{i}", met="online", evidence="export", sources=["export"], strength=0.3)
    report = rep.build_report(G, anonymize=True, salt=SALT,
                              targets=["https://www.linkedin.com/in/p1/", "Contact Number2", "John Doe"])
    paths = report.tables["warm_paths"]
    assert len(paths) == 2 and set(paths["target"]) <= set(report.graph)  # a URL and a name both found
    assert "John Doe" not in report.html and "target 3: nobody" in report.html


# --- issue 18, item 2: anonymisation is a whitelist ------------------------------------------------

def test_free_text_never_reaches_the_anonymised_graph_or_its_gexf(tmp_path):
    from netanalysis.export import to_gexf

    G = _graph()
    edge = G.edges["linkedin.com/in/eve-ego", "linkedin.com/in/ana-silva"]
    edge.update(met_where="Café Lumière, Oslo", met_when="spring 2019 with Ingrid", notes="call 0612345678")
    G.edges["linkedin.com/in/ana-silva", "name:bob stone|acme widgets"]["notes"] = "Bobby's twin"
    G.nodes["linkedin.com/in/ana-silva"]["hobby"] = "sails with Ingrid"
    G.graph["knows_file"] = {"rows": 1, "unmatched": [
        {"line": 2, "a": "Ingrid Q", "b": "Ana Silva", "reason": "'Ingrid Q': no contact with this key, URL or name"}]}
    H, _mapping = an.anonymize_graph(G, salt=SALT)
    for _u, _v, data in H.edges(data=True):
        assert not {"met_where", "met_when", "notes", "note"} & set(data)
    assert "hobby" not in H.nodes[next(n for n, d in H.nodes(data=True) if d["name"] != "Person")]
    assert H.graph["knows_file"]["unmatched"][0]["reason"] == "'[removed]': no contact with this key, URL or name"
    path = tmp_path / "network.gexf"
    to_gexf(H, path)
    text = path.read_text(encoding="utf-8")
    for secret in ("Lumière", "Oslo", "Ingrid", "0612345678", "spring 2019", "Bobby", "sails"):
        assert secret not in text


# --- issue 18, item 2 (round two): nothing of an unmatched row, a path or an earlier run survives ----

def _files_text(folder):
    return {p.name: html.unescape(p.read_text(encoding="utf-8")) for p in sorted(folder.iterdir()) if p.is_file()}


def test_unmatched_rows_are_never_quoted_anywhere(persona, tmp_path, capsys):
    import netanalysis.cli as cli

    # Names with apostrophes split the quotes around them; a bad e-mail is quoted by the reader.
    ties = tmp_path / "ties.csv"
    ties.write_text(persona["files"]["ties"].read_text(encoding="utf-8")
                    + "linkedin.com/in/nobody-xyz,Ingrid O'Neil,Acme,,,yes,,,,,,\n", encoding="utf-8")
    knows = tmp_path / "knows.csv"
    knows.write_text("a,b,met,note\nSiobhan D'Arcy,Vigdis Quist,yes,\nVigdis Quist,Vigdis Quist,yes,\n"
                     "Zed Unknownson,Vigdis Quist,maybe,\n", encoding="utf-8")
    out = tmp_path / "out"
    status = cli.main(["report", str(persona["files"]["export"]), "--ties", str(ties), "--knows", str(knows),
                       "--anonymize", "--out", str(out)])
    assert status == 0, capsys.readouterr().err
    texts = _files_text(out)
    assert "annotations_unmatched.csv" in texts and "report.html" in texts
    unmatched = pd.read_csv(out / "annotations_unmatched.csv")
    assert len(unmatched) == 4  # the ties.csv row, and the three knows.csv rows
    assert ("'[removed]': no contact with this key, URL or name; '[removed]': no contact with this key, URL or name"
            in set(unmatched["reason"]))
    for name, text in texts.items():
        for secret in ("Neil", "Arcy", "Siobhan", "Vigdis", "Quist", "Ingrid", "Unknownson", "nobody-xyz"):
            assert secret not in text, (name, secret)


def test_remove_quoted_takes_the_row_values_out_first():
    assert an.remove_quoted("'Siobhan D'Arcy': no contact; 'Bo': x", ["Siobhan D'Arcy", "Bo"]) == (
        "'[removed]': no contact; '[removed]': x")
    assert an.remove_quoted("'O'Neil': the name matches 2 people") == "'[removed]': the name matches 2 people"
    assert an.remove_quoted("e-mail 'ana silva' is not an address") == "e-mail '[removed]' is not an address"
    assert an.remove_quoted("an odd 'quote left") == "an odd '[removed]' left"


def _small_graph(names):
    G = nx.Graph(ego="linkedin.com/in/eve-ego-0b39a1")
    G.add_node("linkedin.com/in/eve-ego-0b39a1", name="Eve Egosson", company="Acme Widgets", position="CEO", ego=True)
    for i, (name, position) in enumerate(names):
        key = f"linkedin.com/in/{name.lower().replace(' ', '-')}-{i}f7c"
        G.add_node(key, name=name, company="Université Laval", position=position, ego=False)
        G.add_edge("linkedin.com/in/eve-ego-0b39a1", key, met="in_person", evidence="export", sources=["export"],
                   strength=0.5, messages=i)
    return G


def test_the_final_check_scans_the_gexf_and_refuses_to_write(tmp_path):
    G = _small_graph([("Vigdis Lefebvre", "Data engineer"), ("Bob Strand", "Nurse")])
    report = rep.build_report(G, anonymize=True, salt=SALT)
    # A bug that let a name part into a graph attribute the GEXF carries: the old check read only
    # the page and the tables.
    node = next(iter(report.graph))
    report.graph.nodes[node]["headline"] = "lefebvre"  # not "community": the GEXF writes the circles there
    out = tmp_path / "out"
    with pytest.raises(RuntimeError) as caught:
        rep.write_report(report, out)
    message = str(caught.value)
    assert message.startswith("network.gexf: the anonymised report still holds 1 string")
    assert "first or last name" in message and "'l*******'" in message and "lefebvre" not in message.lower()
    assert "\n" not in message
    assert not out.exists() or not any(out.iterdir())  # nothing written, no staging left


@pytest.mark.parametrize("planted, kind", [
    ("vigdis", "first or last name"),                       # a first name alone, lower-case
    ("Met at Café Lumière", "free-text"),                   # where_met
    ("0b39a1", "slug"),                                     # the owner's slug suffix
    ("eve-ego-0b39a1", "slug"),                             # the slug itself
    ("ingrid_quist", "first or last name"),                 # an unmatched row's name, with an underscore
])
def test_the_final_check_finds_words_slugs_and_free_text(planted, kind):
    G = _small_graph([("Vigdis Lefebvre", "Data engineer")])
    G.edges["linkedin.com/in/eve-ego-0b39a1", "linkedin.com/in/vigdis-lefebvre-0f7c"]["met_where"] = "Met at Café Lumière"
    G.graph["knows_file"] = {"rows": 1, "unmatched": [{"line": 2, "a": "Ingrid Quist", "b": "Vigdis Lefebvre",
                                                       "reason": "'Ingrid Quist': no contact with this key, URL or name"}]}
    report = rep.build_report(G, anonymize=True, salt=SALT)
    table = pd.DataFrame({"note": [f"x {planted} y"]})
    with pytest.raises(RuntimeError, match=kind):
        report_write.check_files({"strength.csv": table.to_csv(index=False)}, report.leak_terms, graph=report.graph)


def test_a_surname_that_is_an_ordinary_word_does_not_refuse_the_report(tmp_path):
    # "Design" is also a keyword of the designer's role, "Person" a word of the page and
    # "Strong" a word of the page: searched alone, they would refuse every report. The full names,
    # keys and slugs are still searched, and so is a first name that is not a word of the page.
    G = _small_graph([("Nell Design", "Product designer"), ("Karl Person", "Nurse"), ("Ada Strong", "Chef")])
    report = rep.build_report(G, anonymize=True, salt=SALT)
    paths = rep.write_report(report, tmp_path)
    assert "Designer" in set(nx.get_node_attributes(report.graph, "position").values())
    assert len(paths) >= 3
    for leaked in ("Nell Design", "nell", "karl-person-1f7c"):
        with pytest.raises(RuntimeError):
            report_write.check_files({"x.csv": f"a {leaked} b"}, report.leak_terms, graph=report.graph)

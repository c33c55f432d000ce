"""Readable pseudonyms (issue 20): fictional full names keyed by the salt, readable company and role labels."""

import hashlib
import hmac
import json
import re
import subprocess
import sys

import networkx as nx
import pytest

from netanalysis import anonymize as an
from netanalysis import pseudonyms as ps
from netanalysis import report as rep
from netanalysis.errors import InputError
from netanalysis.report import write as report_write
from netanalysis.synth import _pseudonyms as vocab
from netanalysis.synth import _vocabulary as world_vocab

SALT = "a secret salt"
NAME = re.compile(r"^[A-Z][a-z]+ [A-Z][a-z]+$")
FIRST, SURNAMES = set(vocab.PSEUDONYM_FIRST), set(vocab.PSEUDONYM_SURNAMES)


def _reads_as_a_name(pseudonym):
    first, _, last = pseudonym.partition(" ")
    return bool(NAME.match(pseudonym)) and first in FIRST and last in SURNAMES


def test_the_first_draw_is_the_hmac_of_the_key_read_as_two_indices():
    # By hand: HMAC-SHA-256(salt, key) as a big-endian integer n; first name n mod F, surname (n div F) mod S.
    n = int.from_bytes(hmac.new(SALT.encode(), b"linkedin.com/in/ana", hashlib.sha256).digest(), "big")
    F, S = len(vocab.PSEUDONYM_FIRST), len(vocab.PSEUDONYM_SURNAMES)
    by_hand = f"{vocab.PSEUDONYM_FIRST[n % F]} {vocab.PSEUDONYM_SURNAMES[(n // F) % S]}"
    assert ps.pseudonym_names(["linkedin.com/in/ana"], SALT) == {"linkedin.com/in/ana": by_hand}
    assert by_hand == "Briar Morcroft"
    assert ps.pseudonym_names(["linkedin.com/in/ana"], "another salt")["linkedin.com/in/ana"] != by_hand


def test_thirty_thousand_keys_get_thirty_thousand_distinct_readable_names():
    keys = [f"linkedin.com/in/person-{i:05d}" for i in range(30_000)]
    names = ps.pseudonym_names(keys, SALT)
    assert len(names) == 30_000 and len(set(names.values())) == 30_000  # no collision
    assert all(_reads_as_a_name(n) for n in names.values())
    assert not any(re.search(r"[0-9]|[A-Z]{3}", n) for n in names.values())  # never a code
    # Order-free: the same keys in another order give the same names.
    assert ps.pseudonym_names(reversed(keys[:2000]), SALT) == ps.pseudonym_names(keys[:2000], SALT)


def test_the_same_salt_gives_the_same_names_in_another_process():
    script = ("import json, sys; from netanalysis.pseudonyms import pseudonym_names, company_labels; "
              "keys = [f'k{i}' for i in range(3000)]; "
              "print(json.dumps([pseudonym_names(keys, 'a secret salt', avoid=['Orla', 'Ashford']), "
              "company_labels([f'Banque {i}' for i in range(300)], 'a secret salt')], sort_keys=True))")
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}).stdout for seed in ("1", "2")]
    assert runs[0] == runs[1]
    names, labels = json.loads(runs[0])
    here = ps.pseudonym_names([f"k{i}" for i in range(3000)], SALT, avoid=["Orla", "Ashford"])
    assert names == here
    assert len(set(labels.values())) == 300 and all(v.startswith("Financial firm ") for v in labels.values())


def test_a_pseudonym_never_holds_a_word_of_the_avoided_words_accents_and_case_ignored():
    keys = [f"k{i}" for i in range(500)]
    plain = ps.pseudonym_names(keys, SALT)
    words = {w for n in list(plain.values())[:100] for w in n.split()} | {"Orla"}
    avoid = [w.upper() for w in words] + ["Éloïse"]
    names = ps.pseudonym_names(keys, SALT, avoid=avoid)
    assert len(set(names.values())) == 500
    for name in names.values():
        assert not {w.casefold() for w in name.split()} & {w.casefold() for w in words}
    # The others keep their names: only the people whose name held a word were drawn again.
    kept = [k for k in keys if not set(plain[k].split()) & words]
    assert kept and all(names[k] == plain[k] for k in kept)


def test_no_free_name_left_is_one_plain_error():
    with pytest.raises(InputError, match="cannot give 2 people distinct pseudonyms"):
        ps.pseudonym_names(["a", "b"], SALT, avoid=vocab.PSEUDONYM_FIRST[1:] + vocab.PSEUDONYM_SURNAMES[1:])
    assert len(ps.pseudonym_names(["a"], SALT, avoid=vocab.PSEUDONYM_FIRST[1:] + vocab.PSEUDONYM_SURNAMES[1:])) == 1


def test_the_vocabulary_shares_no_word_with_the_fictional_world():
    world = {w.casefold() for w in [*world_vocab.FR_FIRST, *world_vocab.EN_FIRST, *world_vocab.FR_LAST,
                                    *world_vocab.EN_LAST, *world_vocab.PLACE_WORDS, *world_vocab.EN_WORDS]}
    ours = [*vocab.PSEUDONYM_FIRST, *vocab.PSEUDONYM_SURNAMES]
    assert not {w.casefold() for w in ours} & world
    assert not FIRST & SURNAMES and len(ours) == len(set(ours))
    assert all(re.fullmatch(r"[A-Z][a-z]+", w) for w in ours)
    assert len(FIRST) * len(SURNAMES) > 500_000


def test_company_labels_are_readable_distinct_and_keyed():
    companies = ["Banque Boréale", "Placements Tamarack", "Université du Haut-Fleuve", "Acme Widgets", "ACME WIDGETS",
                 "Freelance", "Self-employed", "Boréal Logiciels inc."] + [f"Groupe {i}" for i in range(60)]
    labels = ps.company_labels(companies, SALT)
    assert labels["Banque Boréale"].startswith("Financial firm ") and labels["Placements Tamarack"].startswith(
        "Financial firm ")
    assert labels["Université du Haut-Fleuve"].startswith("School ")
    assert labels["Boréal Logiciels inc."].startswith("Software company ")
    assert labels["Acme Widgets"] == labels["ACME WIDGETS"] and labels["Acme Widgets"].startswith("Company ")
    assert labels["Freelance"] == labels["Self-employed"] == "Self-employed"
    distinct = {c.casefold(): v for c, v in labels.items() if v != "Self-employed"}
    assert len(set(distinct.values())) == len(distinct)  # two companies never share a label
    assert all(re.fullmatch(r"[A-Z][a-z]+( [a-z]+)? [A-Z]{1,3}", v) for v in distinct.values())
    assert ps.company_labels(companies, SALT) == labels and ps.company_labels(companies, "other salt") != labels


def _graph_named(names):
    G = nx.Graph(ego="linkedin.com/in/owner-0b39")
    G.add_node("linkedin.com/in/owner-0b39", name="Vigdis Quist", company="Acme Widgets", position="CEO", ego=True)
    for i, name in enumerate(names):
        key = f"linkedin.com/in/{name.lower().replace(' ', '-')}-{i:03d}x"
        G.add_node(key, name=name, company="Université Laval", position="Nurse", ego=False)
        G.add_edge("linkedin.com/in/owner-0b39", key, met="in_person" if i % 2 else "online", evidence="export",
                   sources=["export"], strength=0.2 + (i % 5) / 10, messages=i % 3)
    return G


def test_real_names_that_are_pseudonym_words_never_reach_a_pseudonym_and_do_not_refuse_the_report(tmp_path):
    # The people of the input bear exactly the names the pseudonyms would have drawn for them.
    keys = [f"k{i}" for i in range(40)]
    drawn = list(ps.pseudonym_names(keys, SALT).values())
    G = _graph_named(drawn)
    report = rep.build_report(G, anonymize=True, salt=SALT)
    input_words = {w.casefold() for n in [*drawn, "Vigdis Quist"] for w in n.split()}
    pseudonyms = [d["name"] for _n, d in report.graph.nodes(data=True)]
    assert len(set(pseudonyms)) == len(pseudonyms) == 41
    for pseudonym in pseudonyms:
        assert _reads_as_a_name(pseudonym), pseudonym
        assert not {w.casefold() for w in pseudonym.split()} & input_words, pseudonym
    rep.write_report(report, tmp_path)  # the leak check finds nothing to refuse
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    owner = report.graph.nodes[report.graph.graph["ego"]]["name"]
    assert owner in page
    # …and still catches a real leak: a first name, a surname, a full name, a company.
    for leaked in (drawn[3].split()[0], drawn[5].split()[1], drawn[7], "Acme Widgets", "Quist"):
        with pytest.raises(RuntimeError, match="still holds"):
            report_write.check_files({"x.csv": f"a {leaked} b"}, report.leak_terms, graph=report.graph)


def test_the_sample_cohort_pseudonyms_hold_no_word_of_the_input():
    import netanalysis as na

    files = na.sample_files("cohort")
    exports = na.read_exports(files["exports"])
    G = na.build_graph(exports)
    H, mapping = an.anonymize_graph(G, salt=SALT, exports=exports)
    words = set()
    for export in exports:
        for column in ("name", "key", "email", "company"):
            for value in export.contacts[column].dropna():
                words.update(w.casefold() for w in re.findall(r"[^\W_]+", str(value)))
    names = nx.get_node_attributes(H, "name")
    assert len(set(names.values())) == len(names) == H.number_of_nodes() > 1000  # nobody shares a pseudonym
    people = {v for v in mapping.values() if an.is_person_replacement(v) and not v.startswith(("anon:", "["))}
    people |= set(names.values())  # two people of one name: the mapping holds one of them
    for pseudonym in people:
        assert _reads_as_a_name(pseudonym), pseudonym
        assert not {w.casefold() for w in pseudonym.split()} & words, pseudonym

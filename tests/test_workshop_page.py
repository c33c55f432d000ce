"""The trainer's workshop (issue 20): the table, the page, the files, anonymity, and the command."""

import html
import re
import struct
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import netanalysis as na
import netanalysis.cli as cli
from netanalysis import workshop as ws
from netanalysis.errors import InputError
from netanalysis.identity import profile_key
from netanalysis.pseudonyms import is_person_replacement
from netanalysis.synth import _pseudonyms as vocab

SALT = "a workshop salt"
CODE = re.compile(r"<script>.*?</script>", re.DOTALL)  # program scripts (no type): package code, not data
REQUEST = re.compile(r"""(?:src|href|action|data|poster)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//""",
                     re.IGNORECASE)
NAME = re.compile(r"^[A-Z][a-z]+ [A-Z][a-z]+$")


# --- fixtures --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ten(tmp_path_factory):
    """Ten overlapping exports of one fictional world (the sample's eight, its collector and cultivator),
    each with its owner's ties.csv, written with the synth API."""
    from netanalysis.synth import sample_world, write_export, write_ties_file

    root = tmp_path_factory.mktemp("ten")
    world = sample_world(seed=7)
    exports, ties = [], []
    for i, owner in enumerate(world.owners):
        exports.append(write_export(world, i, root / owner["label"]))
        ties.append(write_ties_file(world, i, root / f"ties-{owner['label']}.csv") or root / f"ties-{owner['label']}.csv")
    return {"exports": [str(p) for p in exports], "ties": [str(p) for p in ties], "root": root}


@pytest.fixture(scope="module")
def ten_anonymised(ten, tmp_path_factory):
    w = ws.build_workshop(ten["exports"], ties=ten["ties"], anonymize=True, salt=SALT)
    out = tmp_path_factory.mktemp("ten-out") / "workshop"
    paths = ws.write_workshop(w, out)
    return {"workshop": w, "out": out, "paths": paths}


@pytest.fixture(scope="module")
def cohort_anonymised(tmp_path_factory):
    files = na.sample_files("cohort")
    w = ws.build_workshop(files["exports"], ties=[files["ties"]], knows=files["knows"], anonymize=True, salt=SALT)
    out = tmp_path_factory.mktemp("cohort-out") / "workshop"
    return {"workshop": w, "out": out, "paths": ws.write_workshop(w, out), "exports": files["exports"],
            "ties": [files["ties"]]}


# --- the table, by hand ----------------------------------------------------------------------------

def _hand_graph():
    G = nx.Graph(egos=["ann", "bea", "cy", "dee"], as_of="2024-06-01")
    for key in G.graph["egos"]:
        G.add_node(key, name=key.title())
    for i in range(6):  # six weak online ties, in touch
        G.add_edge("ann", f"a{i}", met="online", strength=0.2, last_contact="2024-05-01")
    for owner in ("bea", "dee"):  # three strong in-person ties, in touch
        for i in range(3):
            G.add_edge(owner, f"{owner}{i}", met="in_person", strength=0.8, last_contact="2024-05-01")
    G.add_edge("cy", "c0", met="in_person", strength=0.8, last_contact="2024-05-01")
    G.add_edge("cy", "c1", met="in_person", strength=0.9, last_contact="2024-04-01")
    G.add_edge("cy", "c2", met="in_person", strength=0.3, last_contact="2020-01-01")  # weak, quiet
    G.add_edge("cy", "c3", met="online", strength=0.7, last_contact="2024-05-01")      # strong, online
    return G


def test_the_table_counts_each_participant_and_ranks_by_strength_not_size():
    t = ws.workshop_table(_hand_graph())
    # Worked out by hand: would act = strong AND in person AND active; can vouch for = in person OR strong;
    # a post reaches active × 0.5, a personal message can-vouch-for × 0.5.
    assert t.loc["Cy", ["contacts", "would_act", "can_vouch_for", "strong_ties", "active"]].tolist() == [4, 2, 4, 3, 3]
    assert t.loc["Cy", "met_in_person_share"] == pytest.approx(3 / 4)
    assert t.loc["Cy", "broadcast_reach"] == pytest.approx(1.5) and t.loc["Cy", "targeted_reach"] == pytest.approx(2)
    assert t.loc["Ann", ["contacts", "would_act", "can_vouch_for"]].tolist() == [6, 0, 0]
    assert t["rank_size"].to_dict() == {"Bea": 3, "Dee": 3, "Cy": 2, "Ann": 1}  # ties share the better rank
    assert t["rank_strength"].to_dict() == {"Bea": 1, "Dee": 1, "Cy": 3, "Ann": 4}
    assert list(t.index) == ["Bea", "Dee", "Cy", "Ann"]  # the table reads by strength
    verdict = na.size_strength_verdict(t)
    assert verdict.direction == "bigger_is_weaker" and verdict.bigger == "Ann"


def test_each_ties_file_goes_to_its_own_participant(ten):
    shuffled = ten["ties"][::-1]
    G = ws.workshop_graph(ten["exports"], ties=shuffled)
    files = G.graph["ties_files"]
    owners = [na.read_export(p).owner["key"] for p in ten["exports"]][::-1]
    assert [f["participant"] for f in files] == owners
    assert all(f["matched"] == f["rows"] > 0 and f["unmatched"] == 0 for f in files)


def test_a_ties_file_of_nobody_or_twice_the_same_is_one_plain_error(ten, tmp_path):
    stranger = tmp_path / "ties.csv"
    stranger.write_text("key,name,met\nlinkedin.com/in/nobody-at-all,Nobody At All,yes\n", encoding="utf-8")
    with pytest.raises(InputError, match="none of its rows matches a participant"):
        ws.workshop_graph(ten["exports"][:2], ties=[stranger])
    with pytest.raises(InputError, match="already has a ties file"):
        ws.workshop_graph(ten["exports"][:2], ties=[ten["ties"][0], ten["ties"][0]])


# --- the page and the files ------------------------------------------------------------------------

def _png_size(path):
    data = Path(path).read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_ten_exports_write_one_offline_page_with_slides_and_a_table(ten_anonymised):
    w, out = ten_anonymised["workshop"], ten_anonymised["out"]
    names = sorted(p.name for p in out.iterdir())
    figures = sorted(ws.WORKSHOP_FIGURES)
    assert names == sorted(["workshop.html", "participants.csv", *(f"{f}.png" for f in figures),
                            *(f"{f}.svg" for f in figures)])
    assert ten_anonymised["paths"][0].name == "workshop.html"
    page = (out / "workshop.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy"' in page and "default-src 'none'" in page
    assert "connect-src 'none'" in page
    assert not REQUEST.search(page), REQUEST.search(page)
    for section in ("verdict", "size", "ranking", "quality", "audience", "map", "read"):
        assert f'<section id="{section}"' in page, section
    assert html.escape(w.verdict) in page  # the computed sentence, as computed
    for figure in figures:
        assert _png_size(out / f"{figure}.png") == (1920, 1080)
        svg = (out / f"{figure}.svg").read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<?xml") and "<text" in svg  # real text (searchable, checked)
    table = pd.read_csv(out / "participants.csv")
    assert len(table) == 10 and list(table["rank_strength"]) == sorted(table["rank_strength"])
    assert set(table["name"]) == set(w.table.index)


def test_the_verdict_follows_the_numbers(ten_anonymised):
    t = ten_anonymised["workshop"].table
    big = t["contacts"].idxmax()
    other = t.drop(index=big)["would_act"].idxmax()
    a, b = t.loc[big, "would_act"], t.loc[other, "would_act"]
    verdict = na.size_strength_verdict(t[["contacts", "would_act", "would_act_share", "met_known_share"]])
    assert str(verdict) == ten_anonymised["workshop"].verdict
    assert (verdict.bigger, verdict.other) == (big, other)
    # The direction against the numbers, not the wording (every participant here answered for most contacts).
    assert (t["met_known_share"] >= 0.5).all()
    if abs(a - b) <= max(0.1 * max(a, b), 1):
        assert verdict.direction == "bigger_no_stronger"
    elif a < b:
        assert verdict.direction == "bigger_is_weaker"
    else:
        assert verdict.direction in ("bigger_is_stronger", "bigger_stronger_less_than_size")
    # The collector (about 3,000 contacts) is the biggest and is not ranked first by strength.
    assert t.loc[big, "contacts"] > 2000 and t.loc[big, "rank_strength"] > 1


def test_a_name_that_is_a_formula_is_inert_in_the_table(tmp_path):
    files = na.sample_files("cohort")
    exports = [na.io.set_owner_name(na.read_export(files["exports"][0]), '=HYPERLINK("http://evil.example")'),
               na.read_export(files["exports"][1])]
    w = ws.build_workshop(exports)
    ws.write_workshop(w, tmp_path / "out")
    text = (tmp_path / "out" / "participants.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text
    page = (tmp_path / "out" / "workshop.html").read_text(encoding="utf-8")
    assert not REQUEST.search(page)  # the name is text, never a link


def test_a_folder_that_is_not_empty_is_refused_without_force(tmp_path):
    files = na.sample_files("cohort")
    w = ws.build_workshop(files["exports"][:2])
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="is not empty"):
        ws.write_workshop(w, out)
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    ws.write_workshop(w, out, force=True)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine" and (out / "workshop.html").exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".netanalysis")]  # no staging, no lock left


# --- anonymity -------------------------------------------------------------------------------------

def _originals(export_paths, ties_paths=()):
    """Every name, name word (> 3 letters), URL slug, e-mail address and company of the input."""
    names, words, slugs, emails, companies = set(), set(), set(), set(), set()
    for export in na.read_exports(export_paths):
        people = [export.owner.get("name"), *export.contacts["name"]]
        people += [" ".join(filter(None, (export.profile.get("first_name"), export.profile.get("last_name"))))]
        for frame, columns in ((export.invitations, ("from_name", "to_name")), (export.messages, ("sender_name",))):
            for column in columns:
                people += list(frame[column]) if column in frame else []
        for name in people:
            if isinstance(name, str) and name.strip():
                names.add(name.strip().casefold())
                words.update(w for w in re.findall(r"[^\W_]+", name.casefold()) if len(w) > 3)
        for url in [export.owner.get("url"), export.owner.get("key"), *export.contacts["url"], *export.contacts["key"]]:
            match = re.search(r"/in/([^/?#\s]+)", profile_key(url) or "") if isinstance(url, str) else None
            if match:
                slugs.add(match.group(1))
        emails.update(e.casefold() for e in export.contacts["email"] if isinstance(e, str) and "@" in e)
        companies.update(c.strip().casefold() for c in export.contacts["company"] if isinstance(c, str) and c.strip())
    for path in ties_paths:
        table = na.read_ties(path).table
        for value in table["name"]:
            if isinstance(value, str) and value.strip():
                names.add(value.strip().casefold())
    return names, words, slugs, emails, companies


def _scan(out, originals):
    """Where an original appears in a written file. A name word that is also a word the tool itself writes
    ("Line" is a first name and a word of the page) cannot be told apart from it and is left out; the full
    name, its slug and the other words are still looked for."""
    from netanalysis._leakcheck import tool_vocabulary

    names, words, slugs, emails, companies = originals
    assert len(names) > 500 and len(words) > 100 and len(slugs) > 500 and emails and len(companies) > 50
    ordinary = words & tool_vocabulary()
    assert len(ordinary) < 0.05 * len(words), sorted(ordinary)  # the exception stays an exception
    words = words - ordinary
    found = []
    for path in sorted(out.iterdir()):
        if path.suffix == ".png":
            continue  # pixels only (no text chunk): drawn from the anonymised table
        text = html.unescape(path.read_text(encoding="utf-8"))
        plain = CODE.sub("<script></script>", text).casefold()
        tokens = set(re.findall(r"[^\W_]+", plain))
        found += [(path.name, "word", w) for w in words & tokens]
        for kind, values in (("name", names), ("slug", slugs), ("email", emails), ("company", companies)):
            for value in values:
                if value in plain and re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", plain):
                    found.append((path.name, kind, value))
        assert "linkedin.com/in/" not in plain, path.name
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.-]+", plain), path.name
    return found


def test_anonymised_ten_exports_hold_no_name_word_slug_email_or_company(ten, ten_anonymised):
    found = _scan(ten_anonymised["out"], _originals(ten["exports"], ten["ties"]))
    assert found == []


def test_anonymised_sample_cohort_holds_no_name_word_slug_email_or_company(cohort_anonymised):
    c = cohort_anonymised
    assert _scan(c["out"], _originals(c["exports"], c["ties"])) == []


def test_every_participant_reads_as_a_fictional_name(ten_anonymised, cohort_anonymised):
    first, last = set(vocab.PSEUDONYM_FIRST), set(vocab.PSEUDONYM_SURNAMES)
    for case in (ten_anonymised, cohort_anonymised):
        w = case["workshop"]
        table = pd.read_csv(case["out"] / "participants.csv")
        assert list(table["name"]) == list(w.table.index)
        for name in table["name"]:
            assert NAME.match(name) and name.split()[0] in first and name.split()[1] in last, name
            assert is_person_replacement(w.graph.nodes[table.loc[table["name"] == name, "key"].iloc[0]]["name"])
        assert all(k.startswith("anon:") for k in table["key"])
        # The same pseudonyms in the page and in the figures' text.
        page = html.unescape((case["out"] / "workshop.html").read_text(encoding="utf-8"))
        svg = (case["out"] / "ranking.svg").read_text(encoding="utf-8")
        for name in table["name"]:
            assert name in page and name in svg
        assert not re.search(r"Person [A-Z0-9]{10}", page)


def test_the_same_salt_gives_the_same_files(cohort_anonymised):
    files = na.sample_files("cohort")
    again = ws.build_workshop(cohort_anonymised["exports"], ties=[files["ties"]], knows=files["knows"],
                              anonymize=True, salt=SALT)
    assert again.html == cohort_anonymised["workshop"].html
    assert again.figures == cohort_anonymised["workshop"].figures
    other = ws.build_workshop(files["exports"][:3], ties=[files["ties"]], anonymize=True, salt="another salt!")
    assert set(other.table.index).isdisjoint(cohort_anonymised["workshop"].table.index)


def test_a_leak_writes_nothing(cohort_anonymised, tmp_path):
    w = cohort_anonymised["workshop"]
    real = sorted(_originals(cohort_anonymised["exports"][:1])[0])[0]
    leaky = ws.Workshop(html=w.html.replace("</main>", f"<p>{html.escape(real.title())}</p></main>"),
                        table=w.table, verdict=w.verdict, caveat=w.caveat, figures=w.figures, graph=w.graph,
                        anonymized=True, leak_terms=w.leak_terms)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError, match="still holds"):
        ws.write_workshop(leaky, out)
    assert not out.exists() or not any(out.iterdir())


# --- the command -----------------------------------------------------------------------------------

def test_the_command_writes_the_workshop_and_prints_the_verdict(ten, tmp_path, capsys):
    salt = tmp_path / "salt.txt"
    out = tmp_path / "workshop"
    args = ["workshop", *ten["exports"][:4], *[a for t in ten["ties"][:4] for a in ("--ties", t)],
            "--anonymize", "--salt-file", str(salt), "--out", str(out)]
    assert cli.main(args) == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    assert "workshop.html" in printed and "participants.csv" in printed
    table = pd.read_csv(out / "participants.csv")
    verdict = na.size_strength_verdict(table.set_index("name")[list(ws.VERDICT_COLUMNS)])
    assert " ".join(str(verdict).split()) in " ".join(printed.split())
    # The same salt file, the same names; a folder that is not empty is refused in one line.
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert "is not empty" in err and err.count("\n") == 1
    assert cli.main([*args, "--force"]) == 0
    assert list(pd.read_csv(out / "participants.csv")["name"]) == list(table["name"])


def test_the_command_refuses_bad_input_in_one_line(ten, tmp_path, capsys):
    cases = [
        (["workshop", str(tmp_path / "missing.zip"), "--out", str(tmp_path / "a")], "does not exist"),
        (["workshop", *ten["exports"][:2], "--ties", ten["ties"][5], "--out", str(tmp_path / "b")],
         "does not seem to be one of these participants' ties.csv"),
        (["workshop", *ten["exports"][:2], "--anonymize", "--salt-file", str(tmp_path / "c" / "salt"),
          "--out", str(tmp_path / "c")], "inside the output folder"),
    ]
    for args, message in cases:
        assert cli.main(args) == 2
        err = capsys.readouterr().err
        assert message in err and err.count("\n") == 1 and "Traceback" not in err, err


@pytest.mark.hostile
def test_a_hostile_participant_name_is_text_everywhere(tmp_path):
    files = na.sample_files("cohort")
    payload = '<img src=x onerror=alert(1)></iframe><script>alert(2)</script> $$$ Sales $$$'
    exports = [na.io.set_owner_name(na.read_export(files["exports"][0]), payload), na.read_export(files["exports"][1])]
    w = ws.build_workshop(exports)
    ws.write_workshop(w, tmp_path / "out")
    page = (tmp_path / "out" / "workshop.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "<script>alert" not in page
    assert html.escape(payload) in page  # shown as itself, escaped
    svg = (tmp_path / "out" / "ranking.svg").read_text(encoding="utf-8")
    assert "<img" not in svg and "&lt;img src=x onerror=alert(1)&gt;&lt;…" in svg  # drawn as text, cut at 30 characters


def test_rows_matching_nobody_are_said_on_the_terminal_never_in_the_files(ten, tmp_path, capsys):
    ties = tmp_path / "ana-ties.csv"
    ties.write_text(Path(ten["ties"][0]).read_text(encoding="utf-8-sig")
                    + "linkedin.com/in/zed-nobody-1,Zed Nobodyson,Acme,,,yes,,,,,,\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["workshop", *ten["exports"][:2], "--ties", str(ties), "--anonymize", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "ana-ties.csv: 1 row matches nobody" in err and "Zed Nobodyson" in err  # the trainer's own terminal
    for path in out.iterdir():
        if path.suffix != ".png":
            assert "nobodyson" not in path.read_text(encoding="utf-8").casefold(), path.name


def test_without_ties_files_the_verdict_waits_and_the_page_says_why(cohort_anonymised):
    # The sample cohort: only the first participant filled in a ties.csv.
    w = cohort_anonymised["workshop"]
    assert "cannot be told yet" in w.verdict and "Fill in ties.csv" in w.verdict
    assert w.caveat.startswith("7 of 8 participants said whom they met in person for fewer than half")
    assert "7 of 8 participants said whom they met in person" in html.unescape(w.html)

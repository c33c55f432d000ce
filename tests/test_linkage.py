"""Identity across sources (netanalysis.linkage): e-mail, profile URL, names only as suggestions, identities.csv."""

import pandas as pd
import pytest
from records_fixtures import make_records

import netanalysis as na
from netanalysis.errors import InputError
from netanalysis.io import Export
from netanalysis.linkage import IDENTITY_COLUMNS, link_identities, read_identities, write_identities
from netanalysis.recorded import apply_records

ME, ANA, BO, CY, DEE, DEE2 = (f"linkedin.com/in/{s}" for s in ("me", "ana", "bo", "cy", "dee-1", "dee-2"))


def export():
    contacts = pd.DataFrame({
        "key": [ANA, BO, CY, DEE, DEE2], "key_source": "url",
        "name": ["Ana Silva", "Bo Chen", "Cy Diaz", "Dee Ekw", "Dee Ekw"],
        "company": ["Acme", "Acme", "Initech", "Clinique Nord", "Solo Inc"],
        "position": "", "email": ["Ana.Silva@Acme.example", "", "", "", ""],
        "url": [f"https://www.{k}" for k in (ANA, BO, CY, DEE, DEE2)],
        "connected_on": pd.to_datetime(["2021-03-15"] * 5)})
    return Export(path="x", owner={"key": ME, "name": "Me"}, contacts=contacts)


@pytest.fixture
def graph():
    ex = export()
    return na.build_graph(ex), ex


def row(table, person, source=None):
    rows = table[(table["person"] == person) & ((table["source"] == source) if source else True)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_an_email_in_connections_matches_the_contact(graph):
    G, ex = graph
    mail = make_records("mail", [("email:ana.silva@acme.example", "A. Silva", ["ana.silva@acme.example"], [], "")])
    table = link_identities(G, [mail], exports=[ex])
    got = row(table, "email:ana.silva@acme.example")
    assert (got["status"], got["key"], got["evidence"], got["key_name"]) == ("matched", ANA, "email", "Ana Silva")
    assert list(table.columns) == IDENTITY_COLUMNS


def test_without_the_export_the_same_address_is_only_a_name_suggestion(graph):
    G, _ = graph
    mail = make_records("mail", [("email:ana.silva@acme.example", "Ana Silva", ["ana.silva@acme.example"], [], "")])
    got = row(link_identities(G, [mail]), "email:ana.silva@acme.example")
    assert (got["status"], got["key"], got["evidence"]) == ("suggested", ANA, "name")


def test_a_card_with_a_profile_url_links_all_its_addresses_across_sources(graph):
    G, ex = graph
    book = make_records("address_book", [("email:bo@home.example", "Bobby", ["bo@home.example", "bo@work.example"],
                                          ["https://www.linkedin.com/in/bo/"], "")])
    # The calendar names Bo only by his work address, which only the card links to him.
    cal = make_records("calendar", [("email:bo@work.example", "", ["bo@work.example"], [], "")])
    table = link_identities(G, [book, cal], exports=[ex])
    card, attendee = row(table, "email:bo@home.example"), row(table, "email:bo@work.example")
    assert (card["status"], card["key"], card["evidence"]) == ("matched", BO, "url")
    assert (attendee["status"], attendee["key"], attendee["evidence"]) == ("matched", BO, "url")


def test_the_users_own_address_is_the_ego(graph):
    G, ex = graph
    mail = make_records("mail", [("email:me@home.example", "Me", ["me@home.example"], [], "")],
                        owner=["ME@home.example"])
    got = row(link_identities(G, [mail], exports=[ex]), "email:me@home.example")
    assert (got["status"], got["key"]) == ("matched", ME)


def test_a_name_with_its_company_is_a_suggestion_and_is_never_applied(graph):
    G, ex = graph
    cal = make_records(
        "calendar",
        [("email:me@x.example", "", ["me@x.example"], [], ""), ("email:cy@elsewhere.example", "Cy Diaz",
                                                                  ["cy@elsewhere.example"], [], "Initech"),
         ("email:ana.silva@acme.example", "", ["ana.silva@acme.example"], [], "")],
        [("m1", "meeting", "2025-03-12 09:00", "in_person", "Café Central", 3, "", False)],
        [("m1", "email:me@x.example", "organizer", "accepted"), ("m1", "email:cy@elsewhere.example", "attendee",
                                                                 "accepted"),
         ("m1", "email:ana.silva@acme.example", "attendee", "accepted")],
        owner=["me@x.example"])
    out = apply_records(G, [cal], exports=[ex])
    cy = row(out["identities"], "email:cy@elsewhere.example")
    assert (cy["status"], cy["key"], cy["evidence"]) == ("suggested", CY, "name+company")
    # Cy is only suggested: no tie Ana–Cy, no meeting on Cy's tie, no suggestion for Cy. Ana is matched.
    assert not G.has_edge(ANA, CY)
    assert "meetings" not in G.edges[ME, CY]
    assert G.edges[ME, ANA]["meetings"] == 1
    assert out["suggestions"]["key"].tolist() == [ANA]


def test_a_name_shared_by_two_contacts_is_ambiguous(graph):
    G, ex = graph
    book = make_records("address_book", [("email:dee@x.example", "Dee Ekw", ["dee@x.example"], [], "")])
    got = row(link_identities(G, [book], exports=[ex]), "email:dee@x.example")
    assert (got["status"], got["key"], got["evidence"]) == ("ambiguous", "", "name")
    assert got["candidates"] == f"{DEE} | {DEE2}"
    # The company settles it, as a suggestion only.
    book = make_records("address_book", [("email:dee@x.example", "Dee Ekw", ["dee@x.example"], [], "Solo Inc.")])
    got = row(link_identities(G, [book], exports=[ex]), "email:dee@x.example")
    assert (got["status"], got["key"], got["evidence"]) == ("suggested", DEE2, "name+company")


def test_an_address_pointing_at_two_people_is_ambiguous(graph):
    G, ex = graph
    # Connections.csv gives Ana this address; a card with Bo's profile claims it too.
    book = make_records("address_book", [("email:ana.silva@acme.example", "", ["ana.silva@acme.example"],
                                          [f"https://{BO}"], "")])
    got = row(link_identities(G, [book], exports=[ex]), "email:ana.silva@acme.example")
    assert (got["status"], got["candidates"]) == ("ambiguous", f"{ANA} | {BO}")


def test_someone_not_in_the_network_is_unmatched_and_not_added(graph):
    G, ex = graph
    people = G.number_of_nodes()
    cal = make_records("calendar", [("email:me@x.example", "", ["me@x.example"], [], ""),
                                    ("email:zed@x.example", "Zed Zulu", ["zed@x.example"], [], "")],
                       [("m1", "meeting", "2025-03-12 09:00", "in_person", "", 2, "", False)],
                       [("m1", "email:me@x.example", "organizer", "accepted"),
                        ("m1", "email:zed@x.example", "attendee", "accepted")], owner=["me@x.example"])
    out = apply_records(G, [cal], exports=[ex])
    assert row(out["identities"], "email:zed@x.example")["status"] == "unmatched"
    assert G.number_of_nodes() == people


def test_identities_csv_round_trip_and_corrections(graph, tmp_path):
    G, ex = graph
    sources = [make_records("mail", [("email:ana.silva@acme.example", "", ["ana.silva@acme.example"], [], ""),
                                     ("email:cy@elsewhere.example", "Cy Diaz", ["cy@elsewhere.example"], [], ""),
                                     ("email:dee@x.example", "Dee Ekw", ["dee@x.example"], [], "")])]
    table = link_identities(G, sources, exports=[ex])
    path = write_identities(table, tmp_path / "identities.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    # Unchanged, the file gives the same table back.
    again = link_identities(G, sources, exports=[ex], identities=path)
    pd.testing.assert_frame_equal(again, table)
    # The user confirms Cy, settles Dee, refuses Ana's match; adds a row for nobody and a wrong key.
    text = path.read_text(encoding="utf-8-sig").splitlines()
    header, body = text[0], text[1:]
    edited = [header]
    for line in body:
        if line.startswith("mail,email:cy@"):
            line = line.replace(",suggested,", ",matched,")
        if line.startswith("mail,email:dee@"):
            line = line.replace(",ambiguous,,", f",matched,{DEE2},")
        if line.startswith("mail,email:ana."):
            line = line.replace(",matched,", ",not this person,")
        edited.append(line)
    edited += ["mail,email:nobody@x.example,,,matched,ego,,,",
               "mail,email:cy@elsewhere.example,,,matched,linkedin.com/in/zz,,,"]
    path.write_text("\n".join(edited) + "\n", encoding="utf-8")
    corrected = link_identities(G, sources, exports=[ex], identities=path)
    assert tuple(row(corrected, "email:cy@elsewhere.example")[["status", "key", "evidence"]]) == ("suggested", CY,
                                                                                                   "name")
    info = corrected.attrs["identities_file"]
    # Line 6 (Cy, a key nobody has) comes after line 3 (Cy confirmed): the later row wins and is not used.
    assert [(u["line"], u["reason"]) for u in sorted(info["unused"], key=lambda u: u["line"])] == [
        (3, "repeated on line 6, the later one, which is used"),
        (5, "matches no person of the sources given"),
        (6, "key 'linkedin.com/in/zz' is nobody in the network")]
    assert tuple(row(corrected, "email:dee@x.example")[["status", "key", "evidence"]]) == ("matched", DEE2, "user")
    assert tuple(row(corrected, "email:ana.silva@acme.example")[["status", "key"]]) == ("not this person", ANA)
    path.write_text("\n".join(edited[:-1]) + "\n", encoding="utf-8")
    fixed = link_identities(G, sources, exports=[ex], identities=path)
    assert tuple(row(fixed, "email:cy@elsewhere.example")[["status", "key", "evidence"]]) == ("matched", CY, "user")


def test_read_identities_reports_every_row_with_its_line(tmp_path):
    path = tmp_path / "identities.csv"
    path.write_text("source;person;status;key\nmail;email:a@x.example;Oui;ego\nmail;;matched;ego\n"
                    "mail;email:b@x.example;perhaps;\n", encoding="utf-8")
    ids = read_identities(path)
    assert ids.table[["person", "status", "key", "line"]].values.tolist() == [["email:a@x.example", "matched", "ego", 2]]
    assert [(s.line, s.reason) for s in ids.report.skipped] == [
        (3, "no person"),
        (4, "status 'perhaps' is not one of matched, not this person, suggested, ambiguous, unmatched")]
    assert ids.report.rows == ids.report.used + len(ids.report.skipped) == 3


def test_read_identities_refuses_a_file_without_its_columns(tmp_path):
    path = tmp_path / "identities.csv"
    path.write_text("name,company\nAna,Acme\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"identities\.csv"):
        read_identities(path)
    with pytest.raises(InputError, match="does not exist"):
        read_identities(tmp_path / "nope.csv")

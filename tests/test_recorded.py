"""The user's other data as tie evidence (netanalysis.recorded): hand-worked meetings and mailboxes."""

import datetime
import math

import pandas as pd
import pytest
from records_fixtures import make_records

import netanalysis as na
from netanalysis.coverage import observation, person_coverage
from netanalysis.errors import InputError
from netanalysis.io import Export
from netanalysis.recorded import MAX_PARTICIPANTS, apply_records, met_suggestions, records_summary
from netanalysis.tiestrength import scored_view

ME, ANA, BO, CY = (f"linkedin.com/in/{s}" for s in ("me", "ana", "bo", "cy"))
EMAIL = {ME: "me@x.example", ANA: "ana@acme.example", BO: "bo@acme.example", CY: "cy@initech.example"}
AS_OF = datetime.date(2025, 6, 1)
CONNECTED = datetime.date(2021, 3, 15)


def export():
    contacts = pd.DataFrame({
        "key": [ANA, BO, CY], "key_source": "url", "name": ["Ana Silva", "Bo Chen", "Cy Diaz"],
        "company": ["Acme", "Acme", "Initech"], "position": "",
        "email": [EMAIL[ANA], EMAIL[BO], EMAIL[CY]], "url": [f"https://www.{k}" for k in (ANA, BO, CY)],
        "connected_on": pd.to_datetime([CONNECTED] * 3)})
    return Export(path="x", owner={"key": ME, "name": "Me"}, contacts=contacts, export_date=AS_OF)


def person(key):
    return (f"email:{EMAIL[key]}", "", [EMAIL[key]], [], "")


STRANGERS = [(f"email:s{i}@else.example", "", [f"s{i}@else.example"], [], "") for i in range(27)]


def calendar(occasions, presence, *, path="cal.ics"):
    return make_records("calendar", [person(k) for k in (ME, ANA, BO, CY)] + STRANGERS, occasions, presence,
                        owner=[EMAIL[ME]], path=path)


def at(occasion, *who):
    """Presence rows: (key or stranger person id, role, status)."""
    return [(occasion, f"email:{EMAIL[k]}" if k in EMAIL else k, role, status) for k, role, status in who]


def built():
    ex = export()
    return na.build_graph(ex), ex


CAFE = ("m1", "meeting", "2025-03-12 09:00", "in_person", "Café Central", 3, "", False)
CAFE_AT = at("m1", (ME, "organizer", "accepted"), (ANA, "attendee", "accepted"), (BO, "attendee", "accepted"))


def test_a_three_person_meeting_makes_one_tie_between_contacts_and_two_suggestions():
    G, ex = built()
    out = apply_records(G, [calendar([CAFE], CAFE_AT)], exports=[ex])
    recorded = [(u, v) for u, v, s in G.edges(data="sources") if "recorded:calendar" in s and ME not in (u, v)]
    assert recorded == [(ANA, BO)]
    tie = G.edges[ANA, BO]
    assert (tie["evidence"], tie["sources"], tie["co_meetings"], tie["co_messages"]) == (
        "recorded:calendar", ["recorded:calendar"], 1, 0)
    assert tie["recorded_first"] == tie["recorded_last"] == tie["last_contact"] == datetime.date(2025, 3, 12)
    assert tie["met"] == "unknown" and tie["confidence"] == 1.0
    assert out["suggestions"][["key", "suggested", "reason"]].values.tolist() == [
        [ANA, "in_person", "meeting at Café Central, 12 Mar 2025 — 3 attendees"],
        [BO, "in_person", "meeting at Café Central, 12 Mar 2025 — 3 attendees"]]
    # A suggestion, not a fact: the ties' met stays unknown, the meeting is counted.
    mine = G.edges[ME, ANA]
    assert (mine["met"], mine["meetings"], mine["meetings_in_person"], mine["sources"]) == (
        "unknown", 1, 1, ["export", "recorded:calendar"])
    summary = G.graph["records"]["sources"][0]
    assert (summary["ties_added"], summary["met_suggestions"], summary["ego_ties"], summary["occasions_used"]) == (
        1, 2, 2, 1)


def test_an_online_meeting_is_online_evidence_never_in_person():
    G, ex = built()
    call = ("m2", "meeting", "2025-04-02 15:00", "online", "", 3, "", False)
    out = apply_records(G, [calendar([call], at("m2", (ME, "organizer", "accepted"), (ANA, "attendee", "accepted"),
                                                (CY, "attendee", "accepted")))], exports=[ex])
    assert len(out["suggestions"]) == 0
    assert (G.edges[ME, CY]["meetings_online"], G.edges[ME, CY].get("meetings_in_person", 0)) == (1, 0)
    assert G.edges[ANA, CY]["co_meetings"] == 1  # co-attendance, whatever the mode


def test_a_thirty_person_meeting_makes_no_tie():
    G, ex = built()
    big = ("m3", "meeting", "2025-04-02 15:00", "in_person", "Hall", 30, "", False)
    who = [(ME, "organizer", "accepted"), (ANA, "attendee", "accepted"), (BO, "attendee", "accepted")]
    who += [(s[0], "attendee", "accepted") for s in STRANGERS]
    edges = G.number_of_edges()
    out = apply_records(G, [calendar([big], at("m3", *who))], exports=[ex])
    assert G.number_of_edges() == edges and len(out["suggestions"]) == 0
    assert out["sources"][0]["occasions_skipped"] == {f"more than {MAX_PARTICIPANTS} participants": 1}
    assert "meetings" not in G.edges[ME, ANA]


def test_declined_meetings_and_declining_people_do_not_count():
    G, ex = built()
    occasions = [("d1", "meeting", "2025-04-02 15:00", "in_person", "Room 2", 3, "", False),
                 ("d2", "meeting", "2025-04-03 15:00", "in_person", "Room 3", 3, "", False),
                 ("d3", "meeting", "2025-04-04 15:00", "in_person", "Room 4", 3, "", False)]
    presence = (at("d1", (ME, "attendee", "declined"), (ANA, "organizer", "accepted"), (BO, "attendee", "accepted"))
                + at("d2", (ME, "organizer", "accepted"), (ANA, "attendee", "declined"), (BO, "attendee", "accepted"))
                + at("d3", (ME, "attendee", "needs-action"), (ANA, "organizer", "accepted"),
                     (CY, "attendee", "accepted")))
    out = apply_records(G, [calendar(occasions, presence)], exports=[ex])
    assert out["sources"][0]["occasions_skipped"] == {"you declined": 1}
    assert not G.has_edge(ANA, BO)  # d1 declined by the user, Ana declined d2
    assert G.edges[ANA, CY]["co_meetings"] == 1  # d3: the user did not answer, so no suggestion from it
    assert out["suggestions"]["key"].tolist() == [BO]
    assert G.edges[ME, BO]["meetings"] == 1 and G.edges[ME, ANA]["meetings"] == 1  # d3 only: d1, d2 not Ana's


def test_the_same_meeting_in_two_calendars_counts_once():
    G, ex = built()
    out = apply_records(G, [calendar([CAFE], CAFE_AT, path="a.ics"), calendar([CAFE], CAFE_AT, path="b.ics")],
                        exports=[ex])
    assert G.edges[ANA, BO]["co_meetings"] == 1 and G.edges[ME, ANA]["meetings"] == 1
    assert out["sources"][1]["occasions_skipped"] == {"already read from another file": 1}
    assert records_summary(G)[["source", "files", "ties_added"]].values.tolist() == [["calendar", 2, 1]]


def test_several_meetings_give_one_suggestion_with_the_latest_first():
    G, ex = built()
    later = ("m9", "meeting", "2025-05-02 12:30", "in_person", "", 2, "", False)
    out = apply_records(G, [calendar([CAFE, later], CAFE_AT + at("m9", (ME, "attendee", "accepted"),
                                                                 (ANA, "organizer", "")))], exports=[ex])
    first = out["suggestions"].iloc[0]
    assert (first["key"], first["meetings"], first["reason"]) == (
        ANA, 2, "in-person meeting, 2 May 2025 — 2 attendees (and 1 more in-person meeting since 12 Mar 2025)")
    assert met_suggestions(built()[0], [calendar([CAFE, later], CAFE_AT + at(
        "m9", (ME, "attendee", "accepted"), (ANA, "organizer", "")))], exports=[ex])["key"].tolist() == [ANA, BO]


def mailbox(bulk_too=True):
    occasions = [("e1", "message", "2025-05-01 08:00", "unknown", "", 2, "sent", False),
                 ("e2", "message", "2025-05-20 08:00", "unknown", "", 3, "sent", False),
                 ("e3", "message", "2025-05-25 08:00", "unknown", "", 2, "received", False)]
    presence = (at("e1", (ME, "from", ""), (BO, "to", "")) + at("e2", (ME, "from", ""), (BO, "to", ""), (CY, "cc", ""))
                + at("e3", (BO, "from", ""), (ME, "to", "")))
    people = [person(k) for k in (ME, ANA, BO, CY)]
    if bulk_too:
        occasions.append(("e4", "message", "2025-05-30 08:00", "unknown", "", 4, "received", True))
        presence += at("e4", ("email:news@list.example", "from", ""), (ME, "to", ""), (BO, "to", ""), (CY, "to", ""))
        people.append(("email:news@list.example", "News", ["news@list.example"], [], ""))
    return make_records("mail", people, occasions, presence, owner=[EMAIL[ME]], path="mail.mbox")


def test_mail_counts_raise_strength_as_documented():
    G0, ex = built()
    G, _ = built()
    out = apply_records(G, [mailbox()], exports=[ex])
    bo, cy, ana = G.edges[ME, BO], G.edges[ME, CY], G.edges[ME, ANA]
    assert (bo["mail_sent"], bo["mail_received"], bo["messages"], bo["message_weight"]) == (2, 1, 3, 2.5)
    assert (cy["mail_sent"], cy["mail_received"], cy["message_weight"]) == (1, 0, 0.5)
    assert bo["last_contact"] == datetime.date(2025, 5, 25) and "mail_sent" not in ana
    # The newsletter (bulk) made nothing: Bo and Cy are tied by e2 only.
    assert (G.edges[BO, CY]["co_messages"], G.edges[BO, CY]["sources"]) == (1, ["recorded:mail"])
    assert out["sources"][0]["occasions_skipped"] == {"bulk (list, newsletter, no-reply, recurring or over the cap)": 1}
    # By hand (tie_strength's docstring): weights intimacy .35, intensity .20, duration .15, recency .20; met
    # unknown scores 0; no structure from one export. Without mail no message is known: intensity left out.
    duration = min((AS_OF - CONNECTED).days / 365.25 / 10, 1.0)
    connected = math.exp(-(AS_OF - CONNECTED).days / 365)
    before = (0.15 * duration + 0.20 * connected) / 0.70
    assert G0.edges[ME, BO]["strength"] == pytest.approx(before, abs=1e-12)
    bo_after = (0.20 * 1.0 + 0.15 * duration + 0.20 * math.exp(-7 / 365)) / 0.90
    cy_after = (0.20 * math.log1p(0.5) / math.log1p(2.5) + 0.15 * duration + 0.20 * math.exp(-12 / 365)) / 0.90
    ana_after = (0.15 * duration + 0.20 * connected) / 0.90  # intensity now known: 0 messages
    assert bo["strength"] == pytest.approx(bo_after, abs=1e-12)
    assert cy["strength"] == pytest.approx(cy_after, abs=1e-12)
    assert ana["strength"] == pytest.approx(ana_after, abs=1e-12)
    assert bo["strength"] > G0.edges[ME, BO]["strength"]
    # The tie between two contacts: recency only is known (no owner end, no connection date).
    assert G.edges[BO, CY]["strength"] == pytest.approx(0.20 * math.exp(-12 / 365) / 0.55, abs=1e-12)


def test_a_blind_copy_joins_the_user_never_the_other_recipients():
    G, ex = built()
    occasions = [("b1", "message", "2025-05-20 08:00", "unknown", "", 3, "sent", False)]
    presence = at("b1", (ME, "from", ""), (BO, "to", ""), (CY, "bcc", ""))
    mail = make_records("mail", [person(k) for k in (ME, BO, CY)], occasions, presence, owner=[EMAIL[ME]],
                        path="mail.mbox")
    apply_records(G, [mail], exports=[ex])
    assert G.edges[ME, CY]["mail_sent"] == 1 and G.edges[ME, BO]["mail_sent"] == 1
    assert not G.has_edge(BO, CY)  # Bo never saw Cy on it


def test_linkedin_and_mail_messages_add_up_each_counted_once():
    G, ex = built()
    G.edges[ME, BO].update(messages=4, message_weight=4.0)
    apply_records(G, [mailbox(), mailbox()], exports=[ex])  # the same mailbox twice: each message once
    assert (G.edges[ME, BO]["messages"], G.edges[ME, BO]["message_weight"]) == (7, 6.5)
    view = scored_view(G, "observed")
    assert (view.edges[ME, BO]["messages"], view.edges[ME, BO]["message_weight"]) == (4, 4.0)


def test_observed_only_results_are_unchanged_by_sources():
    G0, ex = built()
    G, _ = built()
    apply_records(G, [mailbox(), calendar([CAFE], CAFE_AT)], exports=[ex])
    view = scored_view(G, "observed")
    assert sorted(view.edges) == sorted(G0.edges)
    assert {e: d["strength"] for e, d in view.edges.items()} == {e: d["strength"] for e, d in G0.edges.items()}
    pd.testing.assert_frame_equal(na.network_strength(G, ME, evidence="observed"),
                                  na.network_strength(G0, ME, evidence="observed"))
    # With every level, the sources count.
    assert not na.network_strength(G, ME).equals(na.network_strength(G0, ME))


def test_coverage_is_unchanged_by_sources():
    G0, ex = built()
    G, _ = built()
    apply_records(G, [mailbox(), calendar([CAFE], CAFE_AT)], exports=[ex])
    rule = ("contacts", "contacts_observed", "pairs", "tied", "observed_absent", "unknown", "known_share",
            "computable", "line", "note")
    for level in ("observed", "declared", "all"):
        with_sources, without = observation(G, ME, evidence=level), observation(G0, ME, evidence=level)
        assert {k: with_sources[k] for k in rule} == {k: without[k] for k in rule}
    # The ties the calendar and mailbox record join pairs that stay unknown (counted with the guesses).
    assert (observation(G, ME)["inferred_unknown"], observation(G, ME, evidence="observed")["inferred_unknown"]) == (
        2, 0)
    for level in ("observed", "declared", "all"):
        pd.testing.assert_frame_equal(person_coverage(G, [ME], evidence=level), person_coverage(G0, [ME],
                                                                                                 evidence=level))
    assert G.graph["egos"] == [ME]  # no source makes anybody's list observed
    assert na.pair_status(G, ANA, BO) == "unknown"  # a co-attendance is a positive, never a known absence


def test_nothing_but_counts_and_dates_reaches_the_graph():
    G, ex = built()
    apply_records(G, [mailbox(), calendar([CAFE], CAFE_AT)], exports=[ex])
    vocabulary = {"met", "met_source", "evidence", "sources"}
    for _, _, data in G.edges(data=True):
        texts = {k for k, v in data.items() if isinstance(v, str) or (isinstance(v, list) and v)}
        assert texts <= vocabulary, texts
    assert "Café" not in repr(G.graph) and "Café" not in repr(list(G.edges(data=True)))


def test_ties_stay_in_sorted_order_after_sources_add_some():
    G, ex = built()
    apply_records(G, [calendar([CAFE], CAFE_AT)], exports=[ex])
    edges = [tuple(sorted(e)) for e in G.edges]
    assert edges == sorted(edges)


def test_sources_are_applied_once_and_need_an_ego():
    G, ex = built()
    apply_records(G, [calendar([CAFE], CAFE_AT)], exports=[ex])
    with pytest.raises(InputError, match="already applied"):
        apply_records(G, [calendar([CAFE], CAFE_AT)], exports=[ex])
    with pytest.raises(InputError, match="no ego"):
        apply_records(na.build_graph(ex), [], ego="linkedin.com/in/nobody")


def test_an_address_book_card_supports_the_tie_without_counts():
    G, ex = built()
    book = make_records("address_book", [person(CY)])
    apply_records(G, [book], exports=[ex])
    assert G.edges[ME, CY]["sources"] == ["export", "recorded:address_book"]
    assert G.edges[ME, CY]["messages"] == 0 and G.edges[ME, CY]["last_contact"] is None


@pytest.mark.hostile
def test_a_five_thousand_attendee_meeting_not_marked_bulk_is_still_capped():
    G, ex = built()
    crowd = [(f"email:c{i}@crowd.example", "", [f"c{i}@crowd.example"], [], "") for i in range(5000)]
    cal = make_records("calendar", [person(k) for k in (ME, ANA, BO)] + crowd,
                       [("big", "meeting", "2025-04-02 15:00", "in_person", "Stadium", 0, "", False)],
                       at("big", (ME, "attendee", "accepted"), (ANA, "attendee", "accepted"),
                          (BO, "attendee", "accepted")) + [("big", c[0], "attendee", "accepted") for c in crowd],
                       owner=[EMAIL[ME]])
    edges = G.number_of_edges()
    out = apply_records(G, [cal], exports=[ex])  # size 0 (unknown): the presence rows count
    assert G.number_of_edges() == edges and len(out["suggestions"]) == 0
    assert out["sources"][0]["occasions_skipped"] == {f"more than {MAX_PARTICIPANTS} participants": 1}


@pytest.mark.hostile
def test_presence_naming_nobody_and_formula_names_stay_harmless(tmp_path):
    from netanalysis.linkage import read_identities, write_identities

    G, ex = built()
    cal = make_records("calendar", [person(ME), ("email:x@evil.example", "=HYPERLINK(\"http://x\")", ["x@evil.example"],
                                                 [], "@SUM(1)")],
                       [("m1", "meeting", "2025-04-02 15:00", "in_person", "Room", 3, "", False)],
                       at("m1", (ME, "organizer", "accepted"), ("email:ghost@nowhere.example", "attendee", "accepted"),
                          (ANA, "attendee", "accepted")), owner=[EMAIL[ME]])
    out = apply_records(G, [cal], exports=[ex])
    # Ana, named at the meeting but not among the calendar's people, is still found by her address; the
    # ghost is nobody of the network: no tie between contacts.
    assert not any(ME not in e for e in G.edges) and G.edges[ME, ANA]["meetings"] == 1
    assert set(out["identities"]["person"]) == {"email:me@x.example", "email:x@evil.example",
                                                "email:ghost@nowhere.example", "email:ana@acme.example"}
    path = write_identities(out["identities"], tmp_path / "identities.csv")
    text = path.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM" in text
    assert read_identities(path).report.rows == len(out["identities"])


def test_without_the_users_address_occasions_count_but_suggest_nothing():
    G, ex = built()
    cal = make_records("calendar", [person(k) for k in (ANA, BO)], [CAFE],
                       at("m1", (ANA, "organizer", "accepted"), (BO, "attendee", "accepted")))
    out = apply_records(G, [cal], exports=[ex])
    assert G.edges[ANA, BO]["co_meetings"] == 1 and len(out["suggestions"]) == 0
    assert out["sources"][0]["owner_known"] is False

"""Calendar files (.ics) as Records: Google, Outlook/Teams and Apple quirks, counts worked out by hand."""

import time

import pandas as pd
import pytest

from netanalysis.errors import InputError
from netanalysis.io import calendar_ics, read_source
from netanalysis.io.records import detect_record_source

# A Google Calendar export (CRLF). Line numbers matter: each VEVENT is reported by its BEGIN line.
#   7  in person at Café Central (Oslo time), Jürgen's name folded inside the "ü", Inês declined, a VALARM attendee
#   26 a Meet call: empty LOCATION, X-GOOGLE-CONFERENCE, the link again in a folded DESCRIPTION
#   40 a weekly series (COUNT=5) with one EXDATE; 53 its 20 Jan instance moved to 21 Jan, another room
#   65 an all-day event with a LOCATION; 75 a mailing list as attendee; 84 cancelled; 92 no one invited
GOOGLE = b"\r\n".join([
    b"BEGIN:VCALENDAR",
    b"PRODID:-//Google Inc//Google Calendar 70.9054//EN",
    b"VERSION:2.0",
    b"CALSCALE:GREGORIAN",
    b"X-WR-CALNAME:Maren Oyelaran",
    b"X-WR-TIMEZONE:Europe/Oslo",
    b"BEGIN:VEVENT",  # 7
    b"DTSTART;TZID=Europe/Oslo:20250312T090000",
    b"DTEND;TZID=Europe/Oslo:20250312T100000",
    b"DTSTAMP:20251201T120000Z",
    b"UID:e1@google.com",
    b"ORGANIZER;CN=Maren Oyelaran:mailto:maren@fjordline.example",
    b"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Maren Oyelaran;X-NUM-GUESTS=0:mailto:maren@fjordline.example",
    b"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=J\xc3",
    b" \xbcrgen M\xc3\xbcller;X-NUM-GUESTS=0:mailto:Juergen.Mueller@Kestrel.example",
    "ATTENDEE;CUTYPE=INDIVIDUAL;PARTSTAT=DECLINED;CN=Inês Carvalho:mailto:ines@northbeam.example".encode(),
    "LOCATION:Café Central\\, Vienna".encode(),
    b"SUMMARY:Coffee about the secret merger",
    b"DESCRIPTION:Agenda: the secret merger",
    b"BEGIN:VALARM",
    b"ACTION:EMAIL",
    b"ATTENDEE:mailto:alarm@fjordline.example",
    b"TRIGGER:-P0DT0H30M0S",
    b"END:VALARM",
    b"END:VEVENT",
    b"BEGIN:VEVENT",  # 26
    b"DTSTART:20250313T140000Z",
    b"DTEND:20250313T143000Z",
    b"DTSTAMP:20251201T120000Z",
    b"UID:e2@google.com",
    b"ORGANIZER;CN=Bo Lind:mailto:bo@acme.example",
    b"ATTENDEE;PARTSTAT=ACCEPTED;CN=Bo Lind:mailto:bo@acme.example",
    b"ATTENDEE;PARTSTAT=ACCEPTED;CN=Maren Oyelaran:mailto:maren@fjordline.example",
    b"LOCATION:",
    b"X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij",
    b"DESCRIPTION:Join with Google Meet: https://meet.google.com/abc-defg-hij\\nPrivate",
    b"  words here",
    b"SUMMARY:Quarterly numbers",
    b"END:VEVENT",
    b"BEGIN:VEVENT",  # 40
    b"DTSTART;TZID=Europe/Oslo:20250106T100000",
    b"DTEND;TZID=Europe/Oslo:20250106T103000",
    b"RRULE:FREQ=WEEKLY;WKST=SU;COUNT=5;BYDAY=MO",
    b"EXDATE;TZID=Europe/Oslo:20250113T100000",
    b"DTSTAMP:20251201T120000Z",
    b"UID:series1@google.com",
    b"ORGANIZER;CN=Maren Oyelaran:mailto:maren@fjordline.example",
    b"ATTENDEE;PARTSTAT=ACCEPTED;CN=Maren Oyelaran:mailto:maren@fjordline.example",
    b"ATTENDEE;PARTSTAT=NEEDS-ACTION;CN=Teodor Vasquez-Lind:mailto:teodor@fjordline.example",
    b"LOCATION:Fjordline office",
    b"SUMMARY:Weekly sync",
    b"END:VEVENT",
    b"BEGIN:VEVENT",  # 53
    b"DTSTART;TZID=Europe/Oslo:20250121T150000",
    b"DTEND;TZID=Europe/Oslo:20250121T153000",
    b"DTSTAMP:20251201T120000Z",
    b"UID:series1@google.com",
    b"RECURRENCE-ID;TZID=Europe/Oslo:20250120T100000",
    b"ORGANIZER;CN=Maren Oyelaran:mailto:maren@fjordline.example",
    b"ATTENDEE;PARTSTAT=ACCEPTED;CN=Maren Oyelaran:mailto:maren@fjordline.example",
    b"ATTENDEE;PARTSTAT=ACCEPTED;CN=Teodor Vasquez-Lind:mailto:teodor@fjordline.example",
    b"LOCATION:Fjordline office\\, room 2",
    b"SUMMARY:Weekly sync (moved)",
    b"END:VEVENT",
    b"BEGIN:VEVENT",  # 65
    b"DTSTART;VALUE=DATE:20250401",
    b"DTEND;VALUE=DATE:20250402",
    b"DTSTAMP:20251201T120000Z",
    b"UID:allday@google.com",
    b"ORGANIZER;CN=Maren Oyelaran:mailto:maren@fjordline.example",
    b"ATTENDEE;PARTSTAT=ACCEPTED;CN=Bo Lind:mailto:bo@acme.example",
    b"LOCATION:Oslo",
    b"SUMMARY:Offsite day",
    b"END:VEVENT",
    b"BEGIN:VEVENT",  # 75
    b"DTSTART:20250415T160000Z",
    b"DTSTAMP:20251201T120000Z",
    b"UID:list@google.com",
    b"ORGANIZER;CN=Bo Lind:mailto:bo@acme.example",
    b"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN=dri-devel;X-NUM-GUESTS=0:mailto:dri-devel@lists.freedesktop.org",
    b"ATTENDEE;PARTSTAT=ACCEPTED:mailto:maren@fjordline.example",
    b"LOCATION:Meeting room B",
    b"END:VEVENT",
    b"BEGIN:VEVENT",  # 84
    b"DTSTART:20250501T090000Z",
    b"DTSTAMP:20251201T120000Z",
    b"UID:cancel@google.com",
    b"STATUS:CANCELLED",
    b"ORGANIZER:mailto:maren@fjordline.example",
    b"ATTENDEE:mailto:bo@acme.example",
    b"END:VEVENT",
    b"BEGIN:VEVENT",  # 92
    b"DTSTART:20250502T090000Z",
    b"DTSTAMP:20251201T120000Z",
    b"UID:personal@google.com",
    b"SUMMARY:Dentist",
    b"LOCATION:Dr. Berg",
    b"END:VEVENT",
    b"END:VCALENDAR",
    b"",
])

# An Outlook/Exchange export: a Windows zone name, Teams by property, Teams in DESCRIPTION only (with a
# physical LOCATION), a room resource, MAILTO in capitals, a Zoom URL as LOCATION.
OUTLOOK = "\r\n".join([
    "BEGIN:VCALENDAR",
    "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
    "VERSION:2.0",
    "METHOD:PUBLISH",
    "X-WR-CALNAME:Calendar",
    "BEGIN:VTIMEZONE",
    "TZID:Pacific Standard Time",
    "BEGIN:STANDARD",
    "DTSTART:16011104T020000",
    "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11",
    "TZOFFSETFROM:-0700",
    "TZOFFSETTO:-0800",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:16010311T020000",
    "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3",
    "TZOFFSETFROM:-0800",
    "TZOFFSETTO:-0700",
    "END:DAYLIGHT",
    "END:VTIMEZONE",
    "BEGIN:VEVENT",  # 21
    "CLASS:PUBLIC",
    "DTSTART;TZID=Pacific Standard Time:20250310T090000",
    "DTEND;TZID=Pacific Standard Time:20250310T100000",
    "DTSTAMP:20250301T180000Z",
    "UID:040000008200E00074C5B7101A82E00800000000A1",
    'ORGANIZER;CN="Sam Okafor":MAILTO:Sam.Okafor@Contoso.example',
    'ATTENDEE;CN="Lee Park";RSVP=TRUE;PARTSTAT=TENTATIVE:MAILTO:LEE.PARK@CONTOSO.EXAMPLE',
    "ATTENDEE;CN=Conf Room 4B;CUTYPE=RESOURCE;ROLE=NON-PARTICIPANT:MAILTO:room4b@contoso.example",
    "LOCATION:Microsoft Teams Meeting",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/19%3ameeting",
    "SUMMARY:Budget review",
    "END:VEVENT",
    "BEGIN:VEVENT",  # 34
    "DTSTART;TZID=Pacific Standard Time:20250115T130000",
    "DTEND;TZID=Pacific Standard Time:20250115T140000",
    "DTSTAMP:20250301T180000Z",
    "UID:o2",
    "ORGANIZER;CN=Lee Park:mailto:lee.park@contoso.example",
    "ATTENDEE;CN=Sam Okafor;PARTSTAT=ACCEPTED:mailto:sam.okafor@contoso.example",
    "ATTENDEE;CN=Ana Ruiz;PARTSTAT=ACCEPTED:mailto:ana.ruiz@fabrikam.example",
    "LOCATION:Building 5\\, room 12",
    "DESCRIPTION:Join on your computer: https://teams.microsoft.com/l/meetup-join/abc",
    "END:VEVENT",
    "BEGIN:VEVENT",  # 45
    "DTSTART;TZID=Pacific Standard Time:20250220T110000",
    "DTEND;TZID=Pacific Standard Time:20250220T120000",
    "DTSTAMP:20250301T180000Z",
    "UID:o3",
    "ORGANIZER;CN=Sam Okafor:mailto:sam.okafor@contoso.example",
    "ATTENDEE;CN=Ana Ruiz;PARTSTAT=ACCEPTED:mailto:ana.ruiz@fabrikam.example",
    "ATTENDEE;CN=Conf Room 4B;CUTYPE=ROOM:mailto:room4b@contoso.example",
    "LOCATION:Conf Room 4B",
    "END:VEVENT",
    "BEGIN:VEVENT",  # 55
    "DTSTART:20250225T170000Z",
    "DTSTAMP:20250301T180000Z",
    "UID:o4",
    "ORGANIZER;CN=Sam Okafor:mailto:sam.okafor@contoso.example",
    "ATTENDEE;CN=Ana Ruiz;PARTSTAT=ACCEPTED:mailto:ana.ruiz@fabrikam.example",
    "LOCATION:https://zoom.us/j/123456789",
    "END:VEVENT",
    "END:VCALENDAR",
    "",
]).encode()

# An Apple Calendar export (LF): addresses in EMAIL= with urn:uuid values, a time without a zone, an
# attendee with a name but no address, FaceTime as LOCATION.
APPLE = "\n".join([
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Apple Inc.//macOS 14.5//EN",
    "CALSCALE:GREGORIAN",
    "BEGIN:VEVENT",  # 5
    "CREATED:20250601T100000Z",
    "DTSTAMP:20250601T100000Z",
    "UID:A1B2C3D4-apple",
    "DTSTART:20250610T183000",
    "DTEND:20250610T200000",
    "SUMMARY:Dinner",
    "LOCATION:Chez Panisse\\n1517 Shattuck Ave",
    'ORGANIZER;CN="Ana Ruiz";EMAIL="ana@icloud.example":urn:uuid:1111-2222',
    'ATTENDEE;CN="Ana Ruiz";CUTYPE=INDIVIDUAL;EMAIL="ana@icloud.example";PARTSTAT=ACCEPTED;ROLE=CHAIR:urn:uuid:1111-2222',
    'ATTENDEE;CN="Kai Berg";CUTYPE=INDIVIDUAL;EMAIL="kai@me.example";PARTSTAT=ACCEPTED:mailto:kai@me.example',
    'ATTENDEE;CN="Noor";CUTYPE=INDIVIDUAL;PARTSTAT=NEEDS-ACTION:urn:uuid:3333',
    "END:VEVENT",
    "BEGIN:VEVENT",  # 18
    "DTSTAMP:20250601T100000Z",
    "UID:apple-2",
    "DTSTART;TZID=America/Los_Angeles:20250612T090000",
    'ORGANIZER;CN="Ana Ruiz";EMAIL="ana@icloud.example":urn:uuid:1111-2222',
    'ATTENDEE;CN="Kai Berg";PARTSTAT=DECLINED:mailto:kai@me.example',
    "LOCATION:FaceTime",
    "END:VEVENT",
    "END:VCALENDAR",
    "",
]).encode()


def _read(tmp_path, data, name="calendar.ics"):
    path = tmp_path / name
    path.write_bytes(data)
    return read_source(path)


def _report(records):
    (report,) = records.report.files.values()
    return report


def test_google_export_occasions_worked_out_by_hand(tmp_path):
    records = _read(tmp_path, GOOGLE, "basic.ics")
    assert records.kind == "calendar"
    occasions = records.occasions
    assert occasions["start"].dt.strftime("%Y-%m-%d %H:%M").tolist() == [
        "2025-01-06 09:00", "2025-01-21 14:00", "2025-01-27 09:00", "2025-02-03 09:00",  # the series (Oslo = UTC+1)
        "2025-03-12 08:00", "2025-03-13 14:00", "2025-04-01 00:00", "2025-04-15 16:00"]
    assert occasions["line"].tolist() == [40, 53, 40, 40, 7, 26, 65, 75]
    assert occasions["mode"].tolist() == ["in_person"] * 5 + ["online", "unknown", "in_person"]
    assert occasions["place"].tolist() == ["Fjordline office", "Fjordline office, room 2", "Fjordline office",
                                           "Fjordline office", "Café Central, Vienna", "", "", "Meeting room B"]
    assert occasions["size"].tolist() == [2, 2, 2, 2, 3, 2, 2, 2]
    # Series instances and the meeting with a mailing list never make a tie.
    assert occasions["bulk"].tolist() == [True, True, True, True, False, False, False, True]
    assert set(occasions["kind"]) == {"meeting"} and set(occasions["direction"]) == {""}
    assert occasions["occasion"].is_unique
    report = _report(records)
    assert (report.rows, report.used) == (8, 6)
    assert [(s.line, s.reason) for s in report.skipped] == [(84, "cancelled"), (92, "no participants named")]
    assert records.owner == {"emails": ("maren@fjordline.example",), "name": ""}


def test_google_export_people_and_presence(tmp_path):
    records = _read(tmp_path, GOOGLE)
    people = records.people.set_index("person")
    assert sorted(people.index) == ["email:bo@acme.example", "email:ines@northbeam.example",
                                    "email:juergen.mueller@kestrel.example", "email:maren@fjordline.example",
                                    "email:teodor@fjordline.example"]  # no VALARM attendee, no list
    # The fold fell inside the "ü" of Jürgen: unfolding the bytes first reads it right.
    assert people.loc["email:juergen.mueller@kestrel.example", "name"] == "Jürgen Müller"
    assert people.loc["email:juergen.mueller@kestrel.example", "emails"] == ("juergen.mueller@kestrel.example",)
    assert people.loc["email:ines@northbeam.example", "line"] == 7
    presence = records.presence
    assert len(presence) == 3 + 2 + 4 * 2 + 2 + 2
    cafe = presence[presence["occasion"] == "calendar:7"].set_index("person")
    assert cafe["role"].to_dict() == {"email:maren@fjordline.example": "organizer",
                                      "email:juergen.mueller@kestrel.example": "attendee",
                                      "email:ines@northbeam.example": "attendee"}
    # The organizer listed again as an attendee is one row, with the attendee's reply.
    assert cafe["status"].tolist() == ["accepted", "accepted", "declined"]
    moved = presence[presence["occasion"] == "calendar:53"].set_index("person")["status"]
    assert moved["email:teodor@fjordline.example"] == "accepted"
    first = records.occasions.loc[0, "occasion"]
    assert presence[presence["occasion"] == first].set_index("person")["status"][
        "email:teodor@fjordline.example"] == "needs-action"
    assert set(presence["occasion"]) == set(records.occasions["occasion"])


def test_outlook_windows_zones_teams_rooms_and_capital_mailto(tmp_path):
    records = _read(tmp_path, OUTLOOK, "outlook.ics")
    occasions = records.occasions
    assert occasions["start"].dt.strftime("%Y-%m-%d %H:%M").tolist() == [
        "2025-01-15 21:00", "2025-02-20 19:00", "2025-02-25 17:00", "2025-03-10 16:00"]  # PST -8, then PDT -7
    assert occasions["line"].tolist() == [34, 45, 55, 21]
    # Teams only in DESCRIPTION beats a physical LOCATION; a Zoom URL as LOCATION is online.
    assert occasions["mode"].tolist() == ["online", "in_person", "online", "online"]
    assert occasions["place"].tolist() == ["", "Conf Room 4B", "", ""]
    assert occasions["size"].tolist() == [3, 2, 2, 2]  # the rooms are not people
    assert not occasions["bulk"].any()
    assert sorted(records.people["person"]) == ["email:ana.ruiz@fabrikam.example", "email:lee.park@contoso.example",
                                                "email:sam.okafor@contoso.example"]
    lee = records.people.set_index("person").loc["email:lee.park@contoso.example"]
    assert lee["name"] == "Lee Park"
    status = records.presence.set_index(["occasion", "person"])["status"]
    assert status["calendar:21", "email:lee.park@contoso.example"] == "tentative"
    assert records.owner["emails"] == ("sam.okafor@contoso.example",)
    report = _report(records)
    assert (report.rows, report.used, report.skipped) == (4, 4, [])
    assert any("2 resource rooms" in note for note in report.notes)


def test_apple_export_email_parameter_floating_time_and_name_only_attendee(tmp_path):
    records = _read(tmp_path, APPLE, "apple.ics")
    occasions = records.occasions
    assert occasions["start"].dt.strftime("%Y-%m-%d %H:%M").tolist() == ["2025-06-10 18:30", "2025-06-12 16:00"]
    assert occasions["mode"].tolist() == ["in_person", "online"]  # FaceTime is a call
    assert occasions["place"].tolist() == ["Chez Panisse 1517 Shattuck Ave", ""]
    assert occasions["size"].tolist() == [3, 2]
    assert sorted(records.people["person"]) == ["calendar:noor", "email:ana@icloud.example", "email:kai@me.example"]
    assert records.owner["emails"] == ("ana@icloud.example",)  # as many events as Kai, but organised both
    assert any("1 event starts without a time zone read in UTC" in note for note in _report(records).notes)


def test_detect_by_content_not_by_name(tmp_path):
    path = tmp_path / "calendar.txt"
    path.write_bytes(b"\r\n" + GOOGLE)
    assert detect_record_source(path) == "calendar"
    other = tmp_path / "notes.ics"
    other.write_text("just some text\n")
    assert not calendar_ics.detect(other)
    assert not calendar_ics.detect(tmp_path)


def test_no_subject_description_or_online_link_kept(tmp_path):
    for data in (GOOGLE, OUTLOOK, APPLE):
        records = _read(tmp_path, data)
        text = " ".join(frame.astype(str).to_csv() for frame in (records.people, records.occasions, records.presence))
        text += repr(records.report.to_dict()) + repr(records.notes) + repr(records.owner)
        for secret in ("secret merger", "Quarterly numbers", "Private", "Dentist", "Weekly sync", "Offsite",
                       "Budget review", "meet.google.com", "teams.microsoft.com", "zoom.us", "Dinner",
                       "Dr. Berg", "Agenda"):
            assert secret not in text, secret


def test_lf_line_ends_and_no_bom_issue(tmp_path):
    records = _read(tmp_path, b"\xef\xbb\xbf" + GOOGLE.replace(b"\r\n", b"\n"))
    assert len(records.occasions) == 8
    assert _report(records).used == 6


# ---------------------------------------------------------------------------------------------
# Hostile input: read or refused with a one-line reason, nothing lost silently


@pytest.mark.hostile
def test_truncated_file_reads_the_complete_events_and_reports_the_cut_one(tmp_path):
    cut = b"\r\n".join(GOOGLE.split(b"\r\n")[:80])  # ends inside the VEVENT of line 75
    records = _read(tmp_path, cut)
    report = _report(records)
    assert report.rows == 6 and report.used == 5
    assert [(s.line, s.reason) for s in report.skipped] == [
        (75, "event cut off: no END:VEVENT before the next event or the end of the file")]
    assert any("without END:VCALENDAR" in note for note in report.notes)
    assert len(records.occasions) == 7


@pytest.mark.hostile
def test_event_with_5000_attendees_is_read_as_bulk_in_bounded_time(tmp_path):
    lines = [b"BEGIN:VCALENDAR", b"BEGIN:VEVENT", b"UID:all-hands", b"DTSTART:20250301T170000Z",
             b"LOCATION:Main hall", b"ORGANIZER:mailto:ceo@big.example"]
    lines += [f"ATTENDEE;PARTSTAT=ACCEPTED;CN=Person {i}:mailto:p{i}@big.example".encode() for i in range(5000)]
    lines += [b"END:VEVENT", b"END:VCALENDAR", b""]
    started = time.perf_counter()
    records = _read(tmp_path, b"\r\n".join(lines))
    assert time.perf_counter() - started < 20
    (size,) = records.occasions["size"]
    assert size == 5001 and records.occasions["bulk"].all()
    assert len(records.presence) == 5001 and len(records.people) == 5001


@pytest.mark.hostile
def test_unbounded_secondly_rule_is_capped_with_a_note(tmp_path):
    data = b"\r\n".join([
        b"BEGIN:VCALENDAR", b"BEGIN:VEVENT", b"UID:tick", b"DTSTART:20250101T000000Z", b"DTSTAMP:20251201T000000Z",
        b"RRULE:FREQ=SECONDLY", b"ORGANIZER:mailto:me@x.example", b"ATTENDEE:mailto:you@x.example",
        b"END:VEVENT", b"BEGIN:VEVENT", b"UID:two", b"DTSTART:20250101T000000Z",
        b"ORGANIZER:mailto:me@x.example", b"ATTENDEE:mailto:them@x.example", b"END:VEVENT",
        b"END:VCALENDAR", b""])
    started = time.perf_counter()
    records = _read(tmp_path, data)
    assert time.perf_counter() - started < 30
    assert len(records.occasions) == calendar_ics.MAX_SERIES_INSTANCES + 1
    assert any(f"more than {calendar_ics.MAX_SERIES_INSTANCES} instances" in n for n in _report(records).notes)


@pytest.mark.hostile
def test_duplicates_missing_start_and_garbage_dates_are_reported(tmp_path):
    data = b"\r\n".join([
        b"BEGIN:VCALENDAR",
        b"BEGIN:VEVENT", b"UID:same", b"DTSTART:20250101T100000Z", b"ORGANIZER:mailto:me@x.example",
        b"ATTENDEE:mailto:you@x.example", b"END:VEVENT",  # 2
        b"BEGIN:VEVENT", b"UID:same", b"DTSTART:20250101T100000Z", b"ORGANIZER:mailto:me@x.example",
        b"ATTENDEE:mailto:you@x.example", b"END:VEVENT",  # 8
        b"BEGIN:VEVENT", b"UID:nostart", b"ORGANIZER:mailto:me@x.example", b"END:VEVENT",  # 14
        b"END:VCALENDAR", b""])
    report = _report(_read(tmp_path, data))
    assert (report.rows, report.used) == (3, 1)
    assert [(s.line, s.reason) for s in report.skipped] == [(8, "duplicate of line 2"), (14, "no start (DTSTART)")]


@pytest.mark.hostile
def test_dates_out_of_range_are_reported(tmp_path):
    data = b"\r\n".join([
        b"BEGIN:VCALENDAR",
        b"BEGIN:VEVENT", b"UID:far", b"DTSTART:99991231T100000Z", b"ORGANIZER:mailto:me@x.example",
        b"ATTENDEE:mailto:you@x.example", b"END:VEVENT",  # 2
        b"BEGIN:VEVENT", b"UID:old", b"DTSTART;VALUE=DATE:00010101", b"RRULE:FREQ=YEARLY",
        b"ORGANIZER:mailto:me@x.example", b"ATTENDEE:mailto:you@x.example", b"END:VEVENT",  # 8
        b"BEGIN:VEVENT", b"UID:ok", b"DTSTART:20250101T100000Z", b"ORGANIZER:mailto:me@x.example",
        b"ATTENDEE:mailto:you@x.example", b"END:VEVENT",  # 15
        b"END:VCALENDAR", b""])
    records = _read(tmp_path, data)
    report = _report(records)
    assert (report.rows, report.used) == (3, 2)
    assert [(s.line, s.reason) for s in report.skipped] == [
        (2, "start (DTSTART) out of the range of dates read (1678–2261)")]
    # A yearly series begun in year 1 has one instance in the window (1 Jan 2025, all day).
    assert records.occasions["line"].tolist() == [8, 15]
    assert records.occasions["start"].dt.strftime("%Y-%m-%d %H:%M").tolist() == ["2025-01-01 00:00",
                                                                                 "2025-01-01 10:00"]


@pytest.mark.hostile
def test_a_start_that_is_not_a_date_is_reported(tmp_path):
    data = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:not-a-date\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    report = _report(_read(tmp_path, data))
    assert (report.rows, report.used) == (1, 0)
    assert [(s.line, s.reason) for s in report.skipped] == [(2, "start (DTSTART) 'not-a-date' is not a date")]


@pytest.mark.hostile
@pytest.mark.parametrize("data", [b"BEGIN:VCALENDAR\r\n\x00\x01\x02 binary \xff\xfe",
                                  b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\nEND:VEVENT\r\n",
                                  b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART:20250101\r\n",
                                  b"BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\n;;;:\r\nEND:VTODO\r\n"])
def test_broken_calendars_are_read_or_refused_in_one_line(tmp_path, data):
    try:
        records = _read(tmp_path, data)
    except InputError as error:
        assert "\n" not in str(error) and "calendar.ics" in str(error)
    else:
        report = _report(records)
        assert report.rows == report.used + len(report.skipped) == data.count(b"BEGIN:VEVENT")


@pytest.mark.hostile
def test_lines_that_are_not_content_lines_are_left_out_and_noted(tmp_path):
    lines = GOOGLE.split(b"\r\n")
    lines.insert(20, b"this line has no property name")  # inside the VEVENT of line 7, after its DESCRIPTION
    records = _read(tmp_path, b"\r\n".join(lines))
    report = _report(records)
    assert (report.rows, report.used) == (8, 6)
    assert len(records.occasions) == 8
    assert any(note.startswith("1 lines that are not iCalendar content lines") and "line 21)" in note
               for note in report.notes)
    assert "no property name" not in repr(report.to_dict())


@pytest.mark.hostile
def test_not_a_calendar_is_refused(tmp_path):
    path = tmp_path / "calendar.ics"
    path.write_text("hello\n")
    with pytest.raises(InputError, match="no reader recognises"):
        read_source(path)
    with pytest.raises(InputError, match=r"calendar\.ics is not a calendar"):
        calendar_ics.read(path)


def test_empty_calendar_has_typed_empty_tables(tmp_path):
    records = _read(tmp_path, b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
    assert len(records.occasions) == 0 and records.owner["emails"] == ()
    assert str(records.occasions["start"].dtype).startswith("datetime64")
    assert isinstance(records.occasions["start"], pd.Series)


def test_the_benchmark_calendar_reads_every_event(tmp_path):
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("benchmarks_sources", ROOT / "benchmarks" / "sources.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    path = tmp_path / "calendar.ics"
    bench.write_calendar(path, 400, seed=2)
    records = read_source(path)
    report = _report(records)
    assert (report.rows, report.used) == (400, 400)
    assert records.owner["emails"] == (bench.OWNER,)
    # Names folded inside a UTF-8 character by the 75-octet folding still read right.
    assert not records.people["name"].str.contains("\ufffd").any()
    assert set(records.occasions["mode"]) == {"in_person", "online"}

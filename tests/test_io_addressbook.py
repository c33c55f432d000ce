"""Address books as record sources: vCard (.vcf 2.1/3.0/4.0) and Google, Outlook and LinkedIn contacts CSV.

The fixtures mimic real exports (Apple Contacts' grouped items and escaped colons, Android's
quoted-printable vCard 2.1, Google's two CSV layouts and ` ::: ` joined cells, Outlook's desktop
header); every expected count below is worked out by hand from the fixture above it.
"""

import base64
import csv
import io
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netanalysis.errors import InputError
from netanalysis.io import address_csv, contacts_csv, read_source, vcard
from netanalysis.io.records import RECORD_SOURCES, detect_record_source

# ---------------------------------------------------------------------------------------------
# vCard


def _fold(line, width=75):
    """Fold a vCard line as Apple does: at ``width`` bytes, each continuation starting with a space."""
    data = line.encode("utf-8")
    parts = [data[:width]]
    data = data[width:]
    while data:
        parts.append(b" " + data[:width - 1])
        data = data[width - 1:]
    return b"\r\n".join(parts)


PHOTO = base64.b64encode(b"\xff\xd8\xff\xe0" + bytes(range(200))).decode()

APPLE_CARDS = [
    # line 1: a person with two addresses, a LinkedIn link in a grouped item (Apple's "https\:"),
    # a home page, a phone, a note and a folded photo
    ["BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//macOS 14.5//EN", "N:Müller;Jürgen;;;",
     "FN:Jürgen Müller", "ORG:Kestrel Robotics;Platform",
     "EMAIL;type=INTERNET;type=WORK;type=pref:Juergen.Mueller@Kestrel.example",
     "EMAIL;type=INTERNET;type=HOME:jm@mail.example", "TEL;type=CELL;type=VOICE;type=pref:+49 170 1234567",
     "item1.URL;type=pref:https\\://www.linkedin.com/in/juergen-mueller-4b7a21c3", "item1.X-ABLabel:LinkedIn",
     "item2.URL:https\\://kestrel.example", "item2.X-ABLabel:_$!<HomePage>!$_",
     "item3.ADR;type=HOME:;;Hauptstr. 5;Berlin;;10115;Germany", "NOTE:Met at PyCon DE\\, Berlin",
     f"PHOTO;ENCODING=b;TYPE=JPEG:{PHOTO}", "END:VCARD"],
    # a company card (Apple's "show as company")
    ["BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//macOS 14.5//EN", "N:;;;;", "FN:Halvorsen & Pike",
     "ORG:Halvorsen & Pike;", "EMAIL;type=INTERNET;type=WORK:info@halvorsen.example", "X-ABShowAs:COMPANY",
     "END:VCARD"],
    # a LinkedIn social profile with the user name only
    ["BEGIN:VCARD", "VERSION:3.0", "N:Oyelaran;Maren;;;", "FN:Maren Oyelaran",
     "X-SOCIALPROFILE;type=linkedin;x-user=maren-oyelaran:x-apple:maren-oyelaran", "END:VCARD"],
    # a phone number and nothing else
    ["BEGIN:VCARD", "VERSION:3.0", "N:;;;;", "FN:", "TEL;type=CELL:+1 555 0100", "END:VCARD"],
    # a contact group
    ["BEGIN:VCARD", "VERSION:3.0", "N:Workshop cohort;;;;", "FN:Workshop cohort",
     "X-ADDRESSBOOKSERVER-KIND:group", "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:5f1c", "END:VCARD"],
    # a name only
    ["BEGIN:VCARD", "VERSION:3.0", "N:Asante;Kwame;;;", "FN:Kwame Asante", "END:VCARD"],
]


def _vcf(cards):
    return b"".join(_fold(line) + b"\r\n" for card in cards for line in card)


def _first_lines(cards):
    """The line on which each card begins, once folded."""
    lines, number = [], 1
    for card in cards:
        lines.append(number)
        number += sum(_fold(line).count(b"\r\n") + 1 for line in card)
    return lines


@pytest.fixture
def apple_vcf(tmp_path):
    path = tmp_path / "Contacts.vcf"
    path.write_bytes(_vcf(APPLE_CARDS))
    return path


def test_apple_vcard_people_counts_and_reasons(apple_vcf):
    records = read_source(apple_vcf)
    assert records.kind == "address_book"
    starts = _first_lines(APPLE_CARDS)
    # 17 lines unfolded; the photo's line (27 + 272 base64 bytes = 299) folds into 5 (75 + 3 x 74 < 299)
    assert starts[:2] == [1, 22]
    report = records.report.files["Contacts.vcf"]
    assert (report.rows, report.used) == (6, 3)
    assert [(s.line, s.reason) for s in report.skipped] == [
        (starts[1], "a company's card, not a person"),
        (starts[3], "no name, e-mail address or LinkedIn link (only a phone number or an address?)"),
        (starts[4], "a contact group card, not a person"),
    ]
    people = records.people.set_index("person")
    assert list(people.index) == ["email:juergen.mueller@kestrel.example", "linkedin.com/in/maren-oyelaran",
                                  "address_book:kwame asante"]
    jurgen = people.loc["email:juergen.mueller@kestrel.example"]
    assert jurgen["name"] == "Jürgen Müller"
    assert jurgen["emails"] == ("juergen.mueller@kestrel.example", "jm@mail.example")
    assert jurgen["urls"] == ("linkedin.com/in/juergen-mueller-4b7a21c3",)  # the home page is not a profile
    assert jurgen["company"] == "Kestrel Robotics"
    assert people.loc["linkedin.com/in/maren-oyelaran", "emails"] == ()
    assert list(records.people["line"]) == [starts[0], starts[2], starts[5]]
    assert records.occasions.empty and records.presence.empty
    assert report.variant == "vCard 3.0"
    assert any("Cards with a note: 1" in note for note in records.notes)


def _everything(records):
    """Every text the records hold: tables, report and notes."""
    return "\n".join([records.people.to_csv(), records.occasions.to_csv(), records.presence.to_csv(),
                      repr(records.report.to_dict()), repr(records.notes), repr(records.owner)])


def test_address_books_keep_no_phone_note_address_or_photo(apple_vcf, tmp_path):
    google = tmp_path / "google.csv"
    google.write_text(_csv(GOOGLE_HEADER, GOOGLE_ROWS), encoding="utf-8")
    for path in (apple_vcf, google):
        text = _everything(read_source(path))
        for private in ("+49", "170 1234567", "555", "PyCon", "Hauptstr", "10115", "kestrel.example\n",
                        PHOTO[:20], "Lunch", "Sailing", "1906", "Rear Admiral", "1 Main St"):
            assert private not in text, (path.name, private)


def test_vcard_21_quoted_printable_with_soft_line_breaks(tmp_path):
    # Android writes names in quoted-printable UTF-8, breaking long values with "=" at the line end.
    data = (b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
            b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=98degaard;Zo=C3=AB;;;\r\n"
            b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zo=C3=AB =C3=98dega=\r\nard\r\n"
            b"TEL;CELL;PREF:+4790000000\r\nEMAIL;HOME:zoe@mail.example\r\nEMAIL;WORK:Zoe@Fjordline.example\r\n"
            b"END:VCARD\r\n"
            b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=WINDOWS-1252:Br\xe4ndvik;Lotte\r\n"
            b"FN;CHARSET=WINDOWS-1252:Lotte Br\xe4ndvik\r\nEMAIL;INTERNET:lotte@oresund.example\r\nEND:VCARD\r\n")
    path = tmp_path / "00001.vcf"
    path.write_bytes(data)
    records = read_source(path)
    assert list(records.people["name"]) == ["Zoë Ødegaard", "Lotte Brändvik"]
    assert records.people.loc[0, "emails"] == ("zoe@mail.example", "zoe@fjordline.example")
    assert list(records.people["line"]) == [1, 10]
    report = records.report.files["00001.vcf"]
    assert (report.rows, report.used, report.skipped) == (2, 2, [])
    assert "1 card is not UTF-8: read as Windows-1252" in report.notes
    assert report.variant == "vCard 2.1"


def test_a_fold_inside_a_utf8_character_is_unfolded_as_bytes(tmp_path):
    # "Jürgen" folded between the two bytes of "ü" (c3 bc): decoding line by line would give "J��rgen".
    data = (b"BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:individual\r\nFN:J\xc3\r\n \xbcrgen M\xc3\xbcller\r\n"
            b"EMAIL;TYPE=work;PREF=1:juergen@kestrel.example\r\n"
            b"URL;TYPE=linkedin:https://www.linkedin.com/in/J%C3%BCrgen-M\r\n \xc3\xbcller/\r\nEND:VCARD\r\n")
    path = tmp_path / "v4.vcf"
    path.write_bytes(data)
    records = read_source(path)
    assert records.people.loc[0, "name"] == "Jürgen Müller"
    assert records.people.loc[0, "urls"] == ("linkedin.com/in/jürgen-müller",)
    assert records.report.files["v4.vcf"].variant == "vCard 4.0"


@pytest.mark.hostile
def test_a_broken_fold_skips_its_card_with_the_line_and_the_rest_is_read(tmp_path):
    cards = [
        ["BEGIN:VCARD", "VERSION:3.0", "FN:Ana Silva", "EMAIL:ana@acme.example", "END:VCARD"],
        # line 6: the NOTE's continuation lost its leading space (line 10)
        ["BEGIN:VCARD", "VERSION:3.0", "FN:Bo Chen", "NOTE:first part of a long note", "continued without a space",
         "EMAIL:bo@acme.example", "END:VCARD"],
        ["BEGIN:VCARD", "VERSION:3.0", "FN:Cy Diaz", "EMAIL:cy@acme.example", "END:VCARD"],
        # line 18: never ends
        ["BEGIN:VCARD", "VERSION:3.0", "FN:Dee Ekw"],
    ]
    path = tmp_path / "broken.vcf"
    path.write_bytes(b"".join(line.encode() + b"\r\n" for card in cards for line in card))
    records = read_source(path)
    assert list(records.people["person"]) == ["email:ana@acme.example", "email:cy@acme.example"]
    report = records.report.files["broken.vcf"]
    assert (report.rows, report.used) == (4, 2)
    assert [(s.line, s.reason) for s in report.skipped] == [
        (6, "line 10 is not a property (a folded line that lost its leading space?)"),
        (18, "the file ends before this card's END:VCARD"),
    ]
    assert "continued" not in repr(report.to_dict())  # a reason never quotes the card's text


def test_a_card_for_the_same_person_again_is_merged_into_the_first(tmp_path):
    cards = [
        ["BEGIN:VCARD", "VERSION:3.0", "FN:Ana Silva", "EMAIL:ana@acme.example", "END:VCARD"],
        ["BEGIN:VCARD", "VERSION:3.0", "FN:Ana S.", "ORG:Acme", "EMAIL:Ana@Acme.example", "EMAIL:ana@home.example",
         "URL:https://www.linkedin.com/in/ana-silva", "END:VCARD"],
    ]
    path = tmp_path / "twice.vcf"
    path.write_bytes(b"".join(line.encode() + b"\n" for card in cards for line in card))
    records = read_source(path)
    assert len(records.people) == 1
    ana = records.people.iloc[0]
    assert (ana["name"], ana["company"], ana["line"]) == ("Ana Silva", "Acme", 1)
    assert ana["emails"] == ("ana@acme.example", "ana@home.example")
    assert ana["urls"] == ("linkedin.com/in/ana-silva",)
    report = records.report.files["twice.vcf"]
    assert (report.rows, report.used, report.skipped) == (2, 2, [])
    assert report.notes == ["line 6: the same person as the card at line 1; merged into it"]


def test_a_vcard_is_detected_by_content_whatever_its_name(tmp_path, apple_vcf):
    text = tmp_path / "export.txt"
    text.write_bytes(apple_vcf.read_bytes())
    assert detect_record_source(text) == "vcard"
    assert len(read_source(text).people) == 3
    not_a_card = tmp_path / "cards.vcf"
    not_a_card.write_text("First Name,Last Name\nAna,Silva\n")
    assert detect_record_source(not_a_card) is None
    with pytest.raises(InputError, match="no reader recognises"):
        read_source(not_a_card)


@pytest.mark.hostile
def test_a_vcard_made_of_one_endless_card_or_of_noise_is_bounded(tmp_path):
    endless = tmp_path / "endless.vcf"
    endless.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\n" + b"NOTE:x\r\n " * 200_000)
    started = time.perf_counter()
    records = read_source(endless)
    assert time.perf_counter() - started < 10
    assert records.people.empty
    assert records.report.files["endless.vcf"].skipped[0].reason == "the file ends before this card's END:VCARD"
    noise = tmp_path / "noise.vcf"
    noise.write_bytes(b"BEGIN:VCARD\r\n" + bytes(range(256)) * 100)
    assert detect_record_source(noise) is None  # binary after the first line: not text


# ---------------------------------------------------------------------------------------------
# Address book CSV files


def _csv(header, rows, delimiter=","):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return out.getvalue()


GOOGLE_LEGACY_HEADER = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,Family Name Yomi,"
    "Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,"
    "Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Language,Photo,Group Membership,"
    "E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,"
    "Organization 1 - Type,Organization 1 - Name,Organization 1 - Yomi Name,Organization 1 - Title,"
    "Website 1 - Type,Website 1 - Value").split(",")
GOOGLE_LEGACY_ROWS = [
    # line 2: two addresses in one cell, a third in the second column, a profile among two sites
    {"Name": "Priya Raman", "Given Name": "Priya", "Family Name": "Raman", "Group Membership": "* myContacts",
     "E-mail 1 - Type": "* Work ::: Home", "E-mail 1 - Value": "Priya@Kestrel.example ::: priya@mail.example",
     "E-mail 2 - Type": "Other", "E-mail 2 - Value": "p.raman@old.example", "Phone 1 - Type": "Mobile",
     "Phone 1 - Value": "+1 555 0199", "Organization 1 - Name": "Kestrel Robotics ::: Old Co",
     "Website 1 - Type": "Profile ::: Blog",
     "Website 1 - Value": "http://www.linkedin.com/in/priyaraman ::: https://priya.example"},
    # line 3: no "Name" cell: the parts make it
    {"Given Name": "Dana", "Family Name": "Whitfield", "E-mail 1 - Value": "dana@kestrel.example",
     "Notes": "Lunch on Tuesdays"},
    # line 4: a phone number only
    {"Phone 1 - Type": "Mobile", "Phone 1 - Value": "+1 555 0100"},
    # line 5: an empty row of commas
    {},
    # line 6: an address that is not one, and a name
    {"Name": "Teodor Vasquez-Lind", "E-mail 1 - Value": "teodor at halvorsen"},
]


def test_google_legacy_csv(tmp_path):
    path = tmp_path / "google.csv"
    path.write_text(_csv(GOOGLE_LEGACY_HEADER, GOOGLE_LEGACY_ROWS), encoding="utf-8")
    assert detect_record_source(path) == "address_csv"
    records = read_source(path)
    report = records.report.files["google.csv"]
    assert (report.rows, report.used) == (5, 3)
    assert [(s.line, s.reason) for s in report.skipped] == [
        (4, "no name, e-mail address or LinkedIn link (only a phone number or an address?)"), (5, "empty row")]
    assert report.variant == "Google Contacts CSV (legacy layout), 41 columns"
    assert "1 e-mail value is not an address: not kept" in report.notes
    people = records.people
    assert list(people["person"]) == ["email:priya@kestrel.example", "email:dana@kestrel.example",
                                      "address_book:teodor vasquez-lind"]
    assert people.loc[0, "emails"] == ("priya@kestrel.example", "priya@mail.example", "p.raman@old.example")
    assert people.loc[0, "urls"] == ("linkedin.com/in/priyaraman",)
    assert people.loc[0, "company"] == "Kestrel Robotics"
    assert list(people["name"]) == ["Priya Raman", "Dana Whitfield", "Teodor Vasquez-Lind"]
    assert list(people["line"]) == [2, 3, 6]
    assert any("Rows with a note: 1" in note for note in records.notes)


GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,"
    "Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,"
    "Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,"
    "Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,"
    "Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,"
    "Website 1 - Label,Website 1 - Value").split(",")
GOOGLE_ROWS = [
    {"First Name": "Grace", "Middle Name": "Brewster", "Last Name": "Hopper", "Organization Name": "US Navy",
     "Organization Title": "Rear Admiral", "Birthday": "1906-12-09", "Labels": "* myContacts ::: Sailing club",
     "E-mail 1 - Label": "* Work", "E-mail 1 - Value": "grace@navy.example", "E-mail 2 - Label": "Other",
     "E-mail 2 - Value": "grace@example.com", "Phone 1 - Label": "Mobile", "Phone 1 - Value": "+1 555 0199",
     "Address 1 - Street": "1 Main St", "Website 1 - Label": "LinkedIn",
     "Website 1 - Value": "linkedin.com/in/grace-hopper"},
    {"First Name": "Inês", "Last Name": "Carvalho 🌱", "E-mail 1 - Value": "ines.carvalho@mail.example",
     "Notes": "Met at the Lisbon data meetup"},
    # the same person as line 2 (same first address): merged
    {"First Name": "Grace", "Last Name": "Hopper", "E-mail 1 - Value": "Grace@Navy.example",
     "E-mail 2 - Value": "admiral@navy.example"},
]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_google_current_csv_in_every_encoding(tmp_path, encoding):
    path = tmp_path / "contacts.csv"
    path.write_bytes(_csv(GOOGLE_HEADER, GOOGLE_ROWS).encode(encoding))
    assert detect_record_source(path) == "address_csv"
    records = read_source(path)
    report = records.report.files["contacts.csv"]
    assert (report.rows, report.used, report.skipped) == (3, 3, [])
    assert report.notes[-1] == "line 4: the same person as the row at line 2; merged into it"
    people = records.people
    assert list(people["person"]) == ["email:grace@navy.example", "email:ines.carvalho@mail.example"]
    assert people.loc[0, "name"] == "Grace Brewster Hopper"
    assert people.loc[0, "emails"] == ("grace@navy.example", "grace@example.com", "admiral@navy.example")
    assert people.loc[0, "urls"] == ("linkedin.com/in/grace-hopper",)
    assert (people.loc[0, "company"], people.loc[1, "company"]) == ("US Navy", "")
    assert people.loc[1, "name"] == "Inês Carvalho 🌱"


OUTLOOK_HEADER = (
    "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,Business Street,Business City,"
    "Business Phone,Home Phone,Mobile Phone,Birthday,Categories,E-mail Address,E-mail Type,E-mail Display Name,"
    "E-mail 2 Address,E-mail 2 Type,E-mail 2 Display Name,E-mail 3 Address,E-mail 3 Type,E-mail 3 Display Name,"
    "Notes,Web Page").split(",")
OUTLOOK_ROWS = [
    {"First Name": "Rafael", "Last Name": "Quintero Duarte", "Company": "Quintero, Duarte & Asociados",
     "Mobile Phone": "+34 600 000 000", "E-mail Address": "rafael@quintero.example", "E-mail Type": "SMTP",
     "E-mail Display Name": "Rafael Quintero (rafael@quintero.example)", "E-mail 2 Address": "rq@mail.example",
     "E-mail 2 Type": "SMTP", "Web Page": "https://es.linkedin.com/in/rquinteroduarte/"},
    # an Exchange contact: the address is an X.500 name, not an e-mail address
    {"First Name": "Sofia", "Last Name": "Lindqvist",
     "E-mail Address": "/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=sofia",
     "E-mail Type": "EX", "Company": "Northbeam Health"},
]


def test_outlook_csv(tmp_path):
    path = tmp_path / "outlook contacts.CSV"
    path.write_text(_csv(OUTLOOK_HEADER, OUTLOOK_ROWS), encoding="cp1252")
    assert detect_record_source(path) == "address_csv"
    records = read_source(path)
    report = records.report.files["outlook contacts.CSV"]
    assert (report.rows, report.used, report.skipped) == (2, 2, [])
    assert report.variant == "Outlook contacts CSV, 26 columns"
    assert "1 e-mail value is not an address: not kept" in report.notes
    people = records.people
    assert list(people["person"]) == ["email:rafael@quintero.example", "address_book:sofia lindqvist"]
    assert people.loc[0, "emails"] == ("rafael@quintero.example", "rq@mail.example")
    assert people.loc[0, "urls"] == ("linkedin.com/in/rquinteroduarte",)
    assert list(people["company"]) == ["Quintero, Duarte & Asociados", "Northbeam Health"]


LINKEDIN_CONTACTS = (
    "Source,FirstName,LastName,Companies,Title,Emails,PhoneNumbers,CreatedAt,UpdatedAt,FullName,Profiles\n"
    "GOOGLE_CONTACTS,Sam,Orbit,null,Engineer,sam@orbit.example,+46701234567,2023-02-14,,Sam Orbit,\n"
    "OUTLOOK,Maren,Oyelaran,Fjordline Analytics,,\"maren@fjordline.example,maren@mail.example\",,2023-02-14,,,"
    "https://www.linkedin.com/in/maren-oyelaran-4b7a21c3\n"
    "PHONE,,,,,,+4790000000,2023-02-14,,,\n")


def test_linkedin_imported_contacts(tmp_path):
    path = tmp_path / "ImportedContacts.csv"
    path.write_text(LINKEDIN_CONTACTS, encoding="utf-8")
    assert detect_record_source(path) == "address_csv"
    records = read_source(path)
    report = records.report.files["ImportedContacts.csv"]
    assert (report.rows, report.used) == (3, 2)
    assert [s.line for s in report.skipped] == [4]
    people = records.people
    assert list(people["person"]) == ["email:sam@orbit.example", "email:maren@fjordline.example"]
    assert list(people["name"]) == ["Sam Orbit", "Maren Oyelaran"]
    assert list(people["company"]) == ["", "Fjordline Analytics"]  # "null" is empty
    assert people.loc[1, "emails"] == ("maren@fjordline.example", "maren@mail.example")
    assert people.loc[1, "urls"] == ("linkedin.com/in/maren-oyelaran-4b7a21c3",)
    assert "46701234567" not in _everything(records)


CONNECTIONS = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n'
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Maren,Oyelaran,https://www.linkedin.com/in/maren-oyelaran,maren@fjordline.example,Fjordline,Engineer,"
    "03 Jun 2026\n")
OLD_CONNECTIONS = ("First Name,Last Name,Email Address,Company,Position,Connected On\n"
                   "Priya,Raman,priya.raman@mail.example,Kestrel Robotics,Firmware Engineer,\"10/18/18, 4:07 PM\"\n")
PLAIN_CONTACTS = "name,email,company\nDana Whitfield,dana@kestrel.example,Kestrel\n"


def test_detection_both_ways_with_linkedin_files_and_the_contacts_csv_export_source(tmp_path):
    files = {}
    for name, text in [("Connections.csv", CONNECTIONS), ("old.csv", OLD_CONNECTIONS), ("plain.csv", PLAIN_CONTACTS),
                       ("google.csv", _csv(GOOGLE_HEADER, GOOGLE_ROWS)),
                       ("legacy.csv", _csv(GOOGLE_LEGACY_HEADER, GOOGLE_LEGACY_ROWS)),
                       ("outlook.csv", _csv(OUTLOOK_HEADER, OUTLOOK_ROWS)), ("Contacts.csv", LINKEDIN_CONTACTS)]:
        files[name] = tmp_path / name
        files[name].write_text(text, encoding="utf-8")
    # A LinkedIn Connections.csv (with or without its preamble) and a plain name,email,company list
    # are exports, not address books ...
    for name in ("Connections.csv", "old.csv", "plain.csv"):
        assert not address_csv.detect(files[name]) and not vcard.detect(files[name]), name
        assert detect_record_source(files[name]) is None, name
    assert contacts_csv.detect(files["plain.csv"])
    # ... and the contacts_csv export source does not claim an address book.
    for name in ("google.csv", "legacy.csv", "outlook.csv", "Contacts.csv"):
        assert address_csv.detect(files[name]), name
        assert not contacts_csv.detect(files[name]), name


def test_layouts_by_header():
    assert address_csv.layout_of(GOOGLE_HEADER) == "google"
    assert address_csv.layout_of(GOOGLE_LEGACY_HEADER) == "google_legacy"
    assert address_csv.layout_of(OUTLOOK_HEADER) == "outlook"
    assert address_csv.layout_of(LINKEDIN_CONTACTS.splitlines()[0].split(",")) == "linkedin_contacts"
    assert address_csv.layout_of(["First Name", "Last Name", "Headline"]) is None


def test_address_sources_are_registered():
    assert RECORD_SOURCES["vcard"] is vcard and RECORD_SOURCES["address_csv"] is address_csv


@pytest.mark.hostile
def test_a_semicolon_google_csv_with_a_broken_quote_is_read_or_reported(tmp_path):
    text = _csv(GOOGLE_HEADER, GOOGLE_ROWS[:2], delimiter=";") + 'Ana;;Silva;;;;;;;;;;;;"Notes that never close\n'
    path = tmp_path / "semicolons.csv"
    path.write_text(text, encoding="utf-8")
    records = read_source(path)
    report = records.report.files["semicolons.csv"]
    assert report.delimiter == ";"
    assert (report.rows, report.used) == (3, 2)
    assert report.skipped[0].line == 4
    assert "never closed" in report.skipped[0].reason


def test_outlook_21_and_google_30_vcards(tmp_path):
    # Outlook desktop: vCard 2.1 with a LANGUAGE parameter and a base64 photo whose lines start with a
    # space and end with a blank line; Google Contacts: vCard 3.0 with a labelled grouped URL.
    outlook = ("BEGIN:VCARD\r\nVERSION:2.1\r\nN;LANGUAGE=en-us:Whitfield;Dana\r\nFN:Dana Whitfield\r\n"
               "ORG:Kestrel Robotics;Engineering\r\nTITLE:Engineer\r\nTEL;WORK;VOICE:(555) 010-0000\r\n"
               "EMAIL;PREF;INTERNET:dana@kestrel.example\r\nPHOTO;TYPE=JPEG;ENCODING=BASE64:\r\n"
               f" {PHOTO[:72]}\r\n {PHOTO[72:144]}\r\n\r\n"
               "X-MS-OL-DEFAULT-POSTAL-ADDRESS:0\r\nREV:20240101T000000Z\r\nEND:VCARD\r\n")
    google = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Priya Raman\r\nN:Raman;Priya;;;\r\n"
              "EMAIL;TYPE=INTERNET;TYPE=WORK:priya@kestrel.example\r\nTEL;TYPE=CELL:+1 555 0199\r\n"
              "ORG:Kestrel Robotics\r\nTITLE:Firmware Engineer\r\nitem1.URL:https\\://www.linkedin.com/in/priyaraman\r\n"
              "item1.X-ABLabel:LinkedIn\r\nCATEGORIES:myContacts\r\nEND:VCARD\r\n")
    path = tmp_path / "contacts.vcf"
    path.write_text(outlook + google, encoding="utf-8")
    records = read_source(path)
    assert list(records.people["person"]) == ["email:dana@kestrel.example", "email:priya@kestrel.example"]
    assert list(records.people["company"]) == ["Kestrel Robotics", "Kestrel Robotics"]
    assert list(records.people["line"]) == [1, 16]  # Outlook's card: 15 lines, the blank one included
    assert records.people.loc[1, "urls"] == ("linkedin.com/in/priyaraman",)
    report = records.report.files["contacts.vcf"]
    assert (report.rows, report.used, report.skipped, report.notes) == (2, 2, [], [])
    assert "555" not in _everything(records) and "Engineer" not in _everything(records)


@pytest.mark.hostile
def test_an_address_book_over_the_limit_is_refused_in_one_line(tmp_path, monkeypatch, apple_vcf):
    from netanalysis.io import _archive

    monkeypatch.setattr(_archive, "MAX_FILE_BYTES", 1000)
    with pytest.raises(InputError, match=r"Contacts\.vcf is \d+ KiB, more than the 1 KiB limit for an address book "
                                         r"\(export it without photos\)"):
        read_source(apple_vcf)


_LINES = st.sampled_from(["FN:Ana Silva", "EMAIL:ana@acme.example", "N:Silva;Ana;;;", "ORG:Acme;", "END:VCARD",
                          "BEGIN:VCARD", " folded", "=", "item1.URL:https\\://linkedin.com/in/a", "VERSION:2.1",
                          "FN;ENCODING=QUOTED-PRINTABLE:A=C3=", "KIND:org", "", "\x00", "EMAIL;TYPE=\"a:b\":x@y.z"])


@pytest.mark.hostile
@settings(max_examples=150, deadline=None)
@given(st.lists(_LINES | st.text(max_size=20), max_size=40), st.sampled_from(["\r\n", "\n", "\r"]))
def test_any_vcard_text_is_read_or_refused_in_one_line_and_every_card_accounted(tmp_path_factory, lines, end):
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.vcf"
    path.write_bytes(("BEGIN:VCARD" + end + end.join(lines)).encode("utf-8", "surrogatepass"))
    try:
        records = vcard.read(path)
    except InputError as error:
        assert "\n" not in str(error)
        return
    report = records.report.files["fuzz.vcf"]
    assert report.rows == report.used + len(report.skipped)
    assert len(records.people) <= report.used
    assert records.people["person"].is_unique


def test_vcard_21_latin1_quoted_printable_and_a_utf16_file(tmp_path):
    latin = tmp_path / "latin.vcf"
    latin.write_bytes(b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:J=FCrgen M=FCller\r\n"
                      b"EMAIL:j@x.example\r\nEND:VCARD\r\n")
    assert read_source(latin).people.loc[0, "name"] == "Jürgen Müller"
    wide = tmp_path / "wide.vcf"
    wide.write_bytes("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jürgen Müller\r\nEMAIL:j@x.example\r\nEND:VCARD\r\n"
                     .encode("utf-16"))
    records = read_source(wide)
    assert records.people.loc[0, "name"] == "Jürgen Müller"
    assert records.report.files["wide.vcf"].encoding == "utf-16"


_CELLS = st.sampled_from(["", " ::: ", ":::", "a@b.example", "A@B.example ::: c@d.example", "null", "Ana", "Silva",
                          "https://www.linkedin.com/in/a", "linkedin.com/in/ ::: x", "\"", ",", ";", "é🌱", "\t"])


@pytest.mark.hostile
@settings(max_examples=100, deadline=None)
@given(st.sampled_from([GOOGLE_HEADER, GOOGLE_LEGACY_HEADER, OUTLOOK_HEADER,
                        LINKEDIN_CONTACTS.splitlines()[0].split(",")]),
       st.lists(st.lists(_CELLS, max_size=12), max_size=8))
def test_any_address_book_csv_is_read_with_every_row_accounted(tmp_path_factory, header, rows):
    path = tmp_path_factory.mktemp("fuzz") / "book.csv"
    body = "\n".join(",".join(cells) for cells in rows)
    path.write_text(",".join(header) + "\n" + body + "\n", encoding="utf-8")
    try:
        records = address_csv.read(path)
    except InputError as error:
        assert "\n" not in str(error)
        return
    report = records.report.files["book.csv"]
    assert report.rows == report.used + len(report.skipped)
    assert records.people["person"].is_unique


def test_german_outlook_csv_in_windows_1252(tmp_path):
    # German Outlook for Windows: localised header (order as exported), cp1252 text.
    header = ["Anrede", "Vorname", "Weitere Vornamen", "Nachname", "Suffix", "Firma", "Abteilung", "Position",
              "Straße geschäftlich", "Mobiltelefon", "E-Mail-Adresse", "E-Mail-Typ", "E-Mail: Angezeigter Name",
              "E-Mail 2: Adresse", "E-Mail 2: Typ", "Notizen", "Webseite"]
    rows = [{"Vorname": "Jürgen", "Nachname": "Müller", "Firma": "Kestrel Robotik GmbH", "Mobiltelefon": "0170 123",
             "E-Mail-Adresse": "juergen@kestrel.example", "E-Mail-Typ": "SMTP", "E-Mail 2: Adresse": "jm@mail.example",
             "Notizen": "Kennengelernt auf der PyCon", "Webseite": "https://de.linkedin.com/in/juergen-mueller"}]
    path = tmp_path / "Kontakte.CSV"
    path.write_text(_csv(header, rows), encoding="cp1252")
    assert address_csv.layout_of(header) == "outlook"
    records = read_source(path)
    person = records.people.iloc[0]
    assert (person["person"], person["name"], person["company"]) == (
        "email:juergen@kestrel.example", "Jürgen Müller", "Kestrel Robotik GmbH")
    assert person["emails"] == ("juergen@kestrel.example", "jm@mail.example")
    assert person["urls"] == ("linkedin.com/in/juergen-mueller",)
    assert records.report.files["Kontakte.CSV"].encoding == "cp1252"
    assert "PyCon" not in _everything(records) and "0170" not in _everything(records)


@pytest.mark.hostile
def test_a_card_with_a_huge_value_or_endless_addresses_is_skipped_and_too_many_cards_refused(tmp_path, monkeypatch):
    path = tmp_path / "huge.vcf"
    path.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + b"a" * 100_000 + b"\r\nEND:VCARD\r\n"
                     b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:x\r\n" + b"EMAIL:a@b.example\r\n" * 600 + b"END:VCARD\r\n"
                     b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Silva\r\nEND:VCARD\r\n")
    started = time.perf_counter()
    records = read_source(path)
    assert time.perf_counter() - started < 5
    assert [(s.line, s.reason) for s in records.report.files["huge.vcf"].skipped] == [
        (1, "line 3 holds a name, address or link over 64 KiB: not a person's card"),
        (5, "more than 500 names, addresses and links: not one person's card")]
    assert list(records.people["person"]) == ["address_book:ana silva"]
    # kept for parsing: card 1's VERSION (its name is over the limit: not kept, and the card stops there),
    # the first 500 lines of card 2 (VERSION, FN, 498 EMAIL), card 3's VERSION and FN: 1 + 500 + 2
    monkeypatch.setattr(vcard, "MAX_PROPERTIES", 502)
    with pytest.raises(InputError, match=r"huge\.vcf holds 503 names, e-mail addresses and links, more than the 502"):
        read_source(path)
    monkeypatch.setattr(vcard, "MAX_CARDS", 2)
    with pytest.raises(InputError, match=r"huge\.vcf holds 3 cards, more than the 2 an address book holds"):
        read_source(path)


def test_a_folded_line_that_reads_end_vcard_is_text_not_the_cards_end(tmp_path):
    path = tmp_path / "fold.vcf"
    path.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:the next line is folded\r\n END:VCARD\r\n"
                     b"FN:Ana Silva\r\nEMAIL:ana@acme.example\r\nEND:VCARD\r\n")
    records = read_source(path)
    assert list(records.people["person"]) == ["email:ana@acme.example"]
    report = records.report.files["fold.vcf"]
    assert (report.rows, report.used, report.notes) == (1, 1, [])

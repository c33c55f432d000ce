"""Tests for netanalysis.io: every export file in every format variant of the spec.

Fixture rows are the invented rows of shared/knowledge/linkedin-export.md §5 (fake people, real
shapes), written by the tests into tmp_path in each variant.
"""

import datetime
import zipfile

import pandas as pd
import pytest

from netanalysis.errors import InputError
from netanalysis.io import read_export, read_exports, read_knows, read_ties, set_owner_url

PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their connections to see "
    "or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. "
    'You can learn more here https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)
CONNECTIONS_7 = PREAMBLE + (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Maren,Oyelaran,https://www.linkedin.com/in/maren-oyelaran-4b7a21c3,,Fjordline Analytics,Senior Data Engineer,03 Jun 2026\n"
    'Teodor,"Vasquez-Lind, PhD",https://www.linkedin.com/in/tvasquezlind,,"Halvorsen & Pike, LLC","Director, Research Partnerships",28 May 2026\n'
    ",,,,,,21 May 2026\n"
    "Inês,Carvalho 🌱,https://www.linkedin.com/in/in%C3%AAs-carvalho-9a1b2c4d,ines.carvalho@mail.example,Northbeam Health,Product Manager,14 Feb 2025\n"
    "Kwame ,Asante,https://www.linkedin.com/in/kwame-asante-01b9a7223,,,,07 Sep 2019"
)
CONNECTIONS_6 = PREAMBLE + (
    "First Name,Last Name,Email Address,Company,Position,Connected On\n"
    "Lotte,Brandvik,,Oresund Logistics,Operations Analyst,09 Aug 2022\n"
    'Rafael,Quintero Duarte,,"Quintero, Duarte & Asociados",Socio,02 Aug 2022\n'
)
CONNECTIONS_2018 = (
    "First Name,Last Name,Email Address,Company,Position,Connected On\n"
    'Priya,Raman,priya.raman@mail.example,Kestrel Robotics,Firmware Engineer,"10/18/18, 4:07 PM"\n'
    'Dana,Whitfield,dwhitfield@mail.example,,,"3/5/18, 11:52 AM"\n'
)
MESSAGES_12_HEADER = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
                      "DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT\n")
MESSAGES_12_ROWS = [
    "2-NjUxMzI3MGUtMjY5ZS00ZDM3LWIyYTctNGRlNDUyZTZiNDM4XzAxMg==,,Dana Whitfield,https://www.linkedin.com/in/dana-whitfield-7c2e10,Kwame Asante,https://www.linkedin.com/in/kwame-asante-01b9a7223,2026-01-14 16:42:09 UTC,,\"Perfect, Thursday works.  I'll send a calendar invite.\",INBOX,,No",
    "2-NjUxMzI3MGUtMjY5ZS00ZDM3LWIyYTctNGRlNDUyZTZiNDM4XzAxMg==,,Kwame Asante,https://www.linkedin.com/in/kwame-asante-01b9a7223,Dana Whitfield,https://www.linkedin.com/in/dana-whitfield-7c2e10,2026-01-14 15:03:51 UTC,,Hi Dana - free for a quick chat this week?,INBOX,,No",
    "2-ODkyZjkwMmItZDIzZi00ODI0LTkyOGItMmYzMzBjNWM3ZmQwXzAxMA==,Platform guild,Maren Oyelaran,https://www.linkedin.com/in/maren-oyelaran-4b7a21c3,\"Kwame Asante,Teodor Vasquez-Lind, PhD\",\"https://www.linkedin.com/in/kwame-asante-01b9a7223,https://www.linkedin.com/in/tvasquezlind\",2025-12-02 09:10:44 UTC,,Slides from today are in the shared drive,INBOX,,No",
    "2-ZThlMjVkOTQtMGVkOS00NDc1LTk1MzEtOTg1ZDVkOWRjOWY4XzAxMg==,Sponsored Conversation,LinkedIn Member,,Kwame Asante,https://www.linkedin.com/in/kwame-asante-01b9a7223,2025-11-17 22:05:06 UTC,,\"<p class=\"\"spinmail-quill-editor__spin-break\"\">Hi Kwame,</p><p class=\"\"spinmail-quill-editor__spin-break\"\">Grow your team with Acmecloud&nbsp;Pro.</p>\",INBOX,,No",
    "2-NmYwMzY3NWEtMTYwMC00MzVhLTg5OTktNTBkODM2ZjY3NWNjXzAwMA==,,,,,,2025-10-30 08:00:12 UTC,,Priya Raman left the conversation.,INBOX,,No",
    ",,Kwame Asante,https://www.linkedin.com/in/kwame-asante-01b9a7223,,,2025-10-29 19:31:40 UTC,,Draft: congrats on the new role,,,Yes",
    "2-YWJjZGVmMDEtMjM0NS00Njc4LTlhYmMtZGVmMDEyMzQ1Njc4XzAxMw==,,Acme Talent Team,,Kwame Asante,https://www.linkedin.com/in/kwame-asante-01b9a7223,2025-10-01 10:00:00 UTC,Your next role,We have an opening,INBOX,,No",
]
MESSAGES_12 = MESSAGES_12_HEADER + "\n".join(MESSAGES_12_ROWS) + "\n"
KWAME = "linkedin.com/in/kwame-asante-01b9a7223"
PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
    "Twitter Handles,Websites,Instant Messengers\n"
    'Kwame,Asante,,,Mar 7,Data platform lead | Streaming & lakehouse,"I build data platforms that teams '
    'actually enjoy using.",Software Development,0150,"Oslo, Oslo, Norway",[kwame_builds],'
    "[PERSONAL:https://kwame.example],[SKYPE:kwame.asante]\n"
)
INVITATIONS_URL = (
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
    'Kwame Asante,Lotte Brandvik,"6/2/26, 9:14 AM",,OUTGOING,https://www.linkedin.com/in/kwame-asante-01b9a7223,https://www.linkedin.com/in/lottebrandvik\n'
    'Rafael Quintero Duarte,Kwame Asante,"5/30/26, 11:47 PM","Hola Kwame, we met at the Lisbon data meetup, would be great to connect.",INCOMING,https://www.linkedin.com/in/rquinteroduarte,https://www.linkedin.com/in/kwame-asante-01b9a7223\n'
    'Kwame Asante,Sofia Lindqvist,"12/29/25, 8:58 AM",,OUTGOING,https://www.linkedin.com/in/kwame-asante-01b9a7223,https://www.linkedin.com/in/sofia-lindqvist-5e6f7a8b\n'
)
ENDORSEMENTS_RECEIVED = (
    "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status\n"
    "2026/04/03 18:22:41 UTC,Apache Spark,Maren,Oyelaran,www.linkedin.com/in/maren-oyelaran-4b7a21c3,ACCEPTED\n"
    "2026/04/03 18:22:40 UTC,Data Engineering,Maren,Oyelaran,www.linkedin.com/in/maren-oyelaran-4b7a21c3,ACCEPTED\n"
    "2024/09/11 07:05:13 UTC,Python (Programming Language),Dana,Whitfield,www.linkedin.com/in/dana-whitfield-7c2e10,PENDING\n"
)
ENDORSEMENTS_GIVEN = (
    "Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,Endorsee Public Url,Endorsement Status\n"
    '2025/11/20 12:41:31 UTC,Research,Teodor,"Vasquez-Lind, PhD",www.linkedin.com/in/tvasquezlind,ACCEPTED\n'
    "2023/02/14 09:30:05 UTC,Product Management,Inês,Carvalho,www.linkedin.com/in/in%C3%AAs-carvalho-9a1b2c4d,ACCEPTED\n"
)
RECOMMENDATIONS_RECEIVED = (
    "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n"
    'Dana,Whitfield,Kestrel Robotics,Engineering Manager,"Kwame was the calm centre of our platform migration, '
    'and he made every reviewer better.","03/18/25, 02:41 PM",VISIBLE\n'
    'Priya,Raman,,,Reliable and generous with his time.,"11/02/21, 09:05 AM",VISIBLE\n'
)
RECOMMENDATIONS_GIVEN = (
    "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n"
    'Lotte,Brandvik,Oresund Logistics,Operations Analyst,"Lotte turns messy data into decisions, fast.",'
    '"07/15/24, 10:12 AM",\n'
)
POSITIONS = (
    "Company Name,Title,Description,Location,Started On,Finished On\n"
    'Fjordline Analytics,Data Platform Lead,"• Led migration to a lakehouse. • Mentored 6 engineers.","Oslo, Norway",Feb 2023,\n'
    "Kestrel Robotics,Senior Data Engineer,,,2019,Jan 2023\n"
)
EDUCATION = (
    "School Name,Start Date,End Date,Notes,Degree Name,Activities\n"
    "Norwegian University of Science and Technology,2013,2018,,Master of Science - MS,Student robotics club\n"
    "Accra Academy,Sep 2007,Jun 2012,,,\n"
)
COMPANY_FOLLOWS = "Organization,Followed On\nFjordline Analytics,Tue Dec 10 08:57:55 UTC 2024"

FULL_EXPORT = {
    "Connections.csv": CONNECTIONS_7,
    "messages.csv": MESSAGES_12,
    "Invitations.csv": INVITATIONS_URL,
    "Profile.csv": PROFILE,
    "Positions.csv": POSITIONS,
    "Education.csv": EDUCATION,
    "Endorsement_Received_Info.csv": ENDORSEMENTS_RECEIVED,
    "Endorsement_Given_Info.csv": ENDORSEMENTS_GIVEN,
    "Recommendations_Received.csv": RECOMMENDATIONS_RECEIVED,
    "Recommendations_Given.csv": RECOMMENDATIONS_GIVEN,
    "Company Follows.csv": COMPANY_FOLLOWS,
    "Jobs/Saved Jobs.csv": "Saved Date,Job Url,Job Title,Company Name\n",
}


def write_zip(path, files, encoding="utf-8"):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text.encode(encoding) if isinstance(text, str) else text)
    return path


def write_folder(folder, files):
    for name, text in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return folder


def write_csv(tmp_path, text, name="Connections.csv", encoding="utf-8", newline="\n"):
    path = tmp_path / name
    data = text.replace("\n", newline) if newline != "\n" else text
    path.write_bytes(data.encode(encoding) if isinstance(data, str) else data)
    return path


def check_invariant(report):
    for name, file_report in report.files.items():
        assert file_report.rows == file_report.used + len(file_report.skipped), name


# --------------------------------------------------------------------------------------------
# Connections


def test_connections_current_variant(tmp_path):
    export = read_export(write_csv(tmp_path, CONNECTIONS_7))
    contacts = export.contacts
    assert list(contacts.columns) == ["key", "key_source", "name", "first_name", "last_name", "url", "email",
                                      "company", "position", "connected_on", "line"]
    assert len(contacts) == 4
    assert contacts["line"].tolist() == [5, 6, 8, 9]
    assert contacts["key"].tolist() == [
        "linkedin.com/in/maren-oyelaran-4b7a21c3",
        "linkedin.com/in/tvasquezlind",
        "linkedin.com/in/inês-carvalho-9a1b2c4d",  # percent-encoded slug decoded
        KWAME,
    ]
    assert set(contacts["key_source"]) == {"url"}
    assert contacts["name"].tolist() == ["Maren Oyelaran", "Teodor Vasquez-Lind, PhD", "Inês Carvalho 🌱",
                                         "Kwame Asante"]
    assert contacts.loc[3, "first_name"] == "Kwame"  # trailing space stripped
    assert contacts.loc[1, "company"] == "Halvorsen & Pike, LLC"
    assert contacts.loc[1, "position"] == "Director, Research Partnerships"
    assert contacts.loc[2, "email"] == "ines.carvalho@mail.example"
    assert contacts["connected_on"].tolist() == [pd.Timestamp("2026-06-03"), pd.Timestamp("2026-05-28"),
                                                 pd.Timestamp("2025-02-14"), pd.Timestamp("2019-09-07")]
    assert pd.api.types.is_datetime64_any_dtype(contacts["connected_on"])
    report = export.report.to_dict()
    file_report = report["files"]["Connections.csv"]
    assert (file_report["rows"], file_report["used"]) == (5, 4)
    assert file_report["skipped"] == [{"line": 7, "reason": "hidden member"}]
    assert file_report["encoding"] == "utf-8" and file_report["delimiter"] == ","
    assert "7 columns with URL" in file_report["variant"]
    assert report["hidden_members"] == 1
    check_invariant(export.report)
    assert export.owner == {"key": "owner:Connections", "name": "", "url": "", "identified_by": "unknown"}


def test_connections_six_columns_name_keys(tmp_path):
    export = read_export(write_csv(tmp_path, CONNECTIONS_6))
    contacts = export.contacts
    assert len(contacts) == 2
    assert contacts["key"].tolist() == ["name:lotte brandvik|oresund logistics",
                                        "name:rafael quintero duarte|quintero duarte asociados"]
    assert set(contacts["key_source"]) == {"name"}
    assert contacts["url"].tolist() == ["", ""]
    assert contacts["line"].tolist() == [5, 6]
    assert export.report.files["Connections.csv"].variant.startswith("6 columns without URL")


def test_connections_2018_no_preamble_12_hour_dates(tmp_path):
    export = read_export(write_csv(tmp_path, CONNECTIONS_2018))
    contacts = export.contacts
    assert contacts["line"].tolist() == [2, 3]
    assert contacts["connected_on"].tolist() == [pd.Timestamp("2018-10-18"), pd.Timestamp("2018-03-05")]
    assert contacts["email"].tolist() == ["priya.raman@mail.example", "dwhitfield@mail.example"]
    assert contacts.loc[1, "key"] == "name:dana whitfield|"


@pytest.mark.parametrize(
    ("encoding", "newline", "expected_encoding"),
    [("utf-8", "\r\n", "utf-8"), ("utf-8-sig", "\n", "utf-8-sig"), ("utf-16", "\r\n", "utf-16"),
     ("utf-16-be", "\n", "utf-16-be"), ("utf-16-le", "\n", "utf-16-le")],
)
def test_connections_encodings_and_line_endings(tmp_path, encoding, newline, expected_encoding):
    export = read_export(write_csv(tmp_path, CONNECTIONS_7, encoding=encoding, newline=newline))
    assert len(export.contacts) == 4
    assert export.contacts["line"].tolist() == [5, 6, 8, 9]
    assert export.contacts.loc[2, "name"] == "Inês Carvalho 🌱"
    assert export.report.files["Connections.csv"].encoding == expected_encoding


def test_connections_mixed_line_endings(tmp_path):
    lines = CONNECTIONS_7.split("\n")
    text = "".join(line + ("\r\n" if i % 2 else "\n") for i, line in enumerate(lines[:-1])) + lines[-1]
    export = read_export(write_csv(tmp_path, text))
    assert export.contacts["line"].tolist() == [5, 6, 8, 9]


def test_connections_excel_resave_semicolon_cp1252_padded_preamble(tmp_path):
    text = (
        "Notes:;;;;;;\n;;;;;;\n"
        "First Name;Last Name;URL;Email Address;Company;Position;Connected On\n"
        "José;Núñez;https://www.linkedin.com/in/jose-nunez;;Café Olé;Barista;15-Feb-23\n"
        "Ana;Pérez;;;Pérez & Hijos;Socia;7-Feb-22\n"
        "Luis;Gómez;;;;;3-feb-21\n"
        "Eva;Ruiz;;;;;12-ene-20\n"
        "Olga;Sanz;;;;;05/17/2019\n"
    )
    export = read_export(write_csv(tmp_path, text, encoding="cp1252", newline="\r\n"))
    report = export.report.files["Connections.csv"]
    assert (report.encoding, report.delimiter) == ("cp1252", ";")
    assert export.contacts["name"].tolist() == ["José Núñez", "Ana Pérez", "Luis Gómez", "Eva Ruiz", "Olga Sanz"]
    assert export.contacts["connected_on"].tolist() == [
        pd.Timestamp("2023-02-15"), pd.Timestamp("2022-02-07"), pd.Timestamp("2021-02-03"),
        pd.Timestamp("2020-01-12"), pd.Timestamp("2019-05-17")]
    assert export.contacts["key_source"].tolist() == ["url", "name", "name", "name", "name"]
    assert export.contacts["line"].tolist() == [4, 5, 6, 7, 8]


def test_connections_padded_notes_with_commas(tmp_path):
    text = CONNECTIONS_6.replace("Notes:\n", "Notes:,,\n").replace('261"\n\n', '261",,\n,,\n')
    export = read_export(write_csv(tmp_path, text))
    assert export.contacts["name"].tolist() == ["Lotte Brandvik", "Rafael Quintero Duarte"]


def test_connections_duplicates_and_empty_rows(tmp_path):
    text = CONNECTIONS_7 + (
        "\nMaren,Oyelaran,https://www.linkedin.com/in/Maren-Oyelaran-4b7a21c3/,,Other,,01 Jan 2019"
        "\n,,,,,,"
        "\n,,,,,,02 Feb 2019\n\n"
    )
    export = read_export(write_csv(tmp_path, text))
    report = export.report.files["Connections.csv"]
    assert len(export.contacts) == 4
    assert [(s.line, s.reason) for s in report.skipped] == [
        (7, "hidden member"), (10, "duplicate of line 5"), (11, "empty row"), (12, "hidden member")]
    assert (report.rows, report.used) == (8, 4)
    assert export.report.hidden_members == 2


def test_connections_unparseable_date_kept_with_note(tmp_path):
    text = "First Name,Last Name,Company,Position,Connected On\nA,B,,,someday\nC,D,,,01 Jan 2020\n"
    export = read_export(write_csv(tmp_path, text))
    assert export.contacts["connected_on"].isna().tolist() == [True, False]
    assert export.report.files["Connections.csv"].notes == ["1 Connected On value(s) not understood as dates, left empty"]


def test_export_date_from_parent_folder(tmp_path):
    folder = tmp_path / "Basic_LinkedInDataExport_07-11-2023"
    folder.mkdir()
    export = read_export(write_csv(folder, CONNECTIONS_7))
    assert export.export_date == datetime.date(2023, 7, 11)


# --------------------------------------------------------------------------------------------
# Whole exports: zip, folder, .zip.zip, member names


def test_full_zip_export(tmp_path):
    path = write_zip(tmp_path / "Complete_LinkedInDataExport_07-05-2026.zip", FULL_EXPORT)
    export = read_export(path)
    assert export.export_date == datetime.date(2026, 7, 5)
    assert export.owner == {"key": KWAME, "name": "Kwame Asante",
                            "url": "https://www.linkedin.com/in/kwame-asante-01b9a7223",
                            "identified_by": "messages"}
    assert export.report.ignored_files == ["Company Follows.csv", "Jobs/Saved Jobs.csv"]
    assert sorted(export.report.files) == sorted(set(FULL_EXPORT) - {"Company Follows.csv", "Jobs/Saved Jobs.csv"})
    check_invariant(export.report)
    counts = {name: (r.rows, r.used, len(r.skipped)) for name, r in export.report.files.items()}
    assert counts == {
        "Connections.csv": (5, 4, 1),
        "messages.csv": (7, 3, 4),
        "Invitations.csv": (3, 3, 0),
        "Profile.csv": (1, 1, 0),
        "Positions.csv": (2, 2, 0),
        "Education.csv": (2, 2, 0),
        "Endorsement_Received_Info.csv": (3, 3, 0),
        "Endorsement_Given_Info.csv": (2, 2, 0),
        "Recommendations_Received.csv": (2, 2, 0),
        "Recommendations_Given.csv": (1, 1, 0),
    }
    assert export.profile["first_name"] == "Kwame" and export.profile["geo_location"] == "Oslo, Oslo, Norway"
    assert export.profile["name"] == "Kwame Asante"
    assert export.profile["headline"] == "Data platform lead | Streaming & lakehouse"


def test_folder_zipzip_and_subfolder_layouts(tmp_path):
    zipzip = write_zip(tmp_path / "Basic_LinkedInDataExport_03-01-2026.zip.zip", FULL_EXPORT)
    folder = write_folder(tmp_path / "Basic_LinkedInDataExport_03-01-2026.zip", FULL_EXPORT)
    nested = write_zip(tmp_path / "nested.zip", {f"Basic_LinkedInDataExport_03-01-2026/{k}": v
                                                  for k, v in FULL_EXPORT.items() if "/" not in k})
    results = [read_export(p) for p in (zipzip, folder, nested)]
    for export in results:
        assert len(export.contacts) == 4
        assert len(export.messages) == 3
        assert export.owner["key"] == KWAME
    assert results[0].export_date == results[1].export_date == datetime.date(2026, 3, 1)
    assert results[2].export_date is None
    assert "Basic_LinkedInDataExport_03-01-2026/Connections.csv" in results[2].report.files


def test_file_names_matched_loosely(tmp_path):
    files = {"CONNECTIONS.CSV": CONNECTIONS_7, "Messages.csv": MESSAGES_12,
             "endorsement received info.csv": ENDORSEMENTS_RECEIVED,
             "Recommendations Given.csv": RECOMMENDATIONS_GIVEN}
    export = read_export(write_zip(tmp_path / "x.zip", files))
    assert len(export.contacts) == 4 and len(export.messages) == 3
    assert len(export.endorsements_received) == 3 and len(export.recommendations_given) == 1


def test_legacy_utf16_duplicate_endorsement_file_is_ignored(tmp_path):
    legacy = ('"Endorsement Date"\t"Skill Name"\t"Endorser First Name"\t"Endorser Last Name"\t'
              '"Endorsement Status"\t"Display Status"\n"2022/01/02 10:00:00 UTC"\t"SQL"\t"A"\t"B"\t"Accepted"\t"Redacted"\n')
    files = {"Connections.csv": CONNECTIONS_7, "Endorsement_Received_Info.csv": ENDORSEMENTS_RECEIVED,
             "Endorsement Received Info.csv": "\ufeff" + legacy}
    export = read_export(write_zip(tmp_path / "x.zip", files, encoding="utf-8"))
    assert export.report.ignored_files == ["Endorsement Received Info.csv"]
    assert len(export.endorsements_received) == 3
    # read alone (the only copy), the legacy UTF-16 TSV works
    only = {"Connections.csv": CONNECTIONS_7}
    path = write_zip(tmp_path / "y.zip", only)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("Endorsement Received Info.csv", legacy.encode("utf-16"))
    export = read_export(path)
    report = export.report.files["Endorsement Received Info.csv"]
    assert (report.encoding, report.delimiter) == ("utf-16", "\t")
    assert export.endorsements_received["key"].tolist() == ["name:a b|"]


def test_missing_optional_files_give_empty_frames(tmp_path):
    export = read_export(write_zip(tmp_path / "x.zip", {"Connections.csv": CONNECTIONS_7}))
    assert export.messages.empty and "recipient_keys" in export.messages.columns
    assert str(export.messages["date"].dtype).startswith("datetime64") and str(export.messages["date"].dt.tz) == "UTC"
    assert export.invitations.empty and list(export.invitations.columns) == [
        "from_name", "to_name", "sent_at", "message", "direction", "inviter_key", "invitee_key", "line"]
    assert export.profile == {}
    assert export.owner == {"key": "owner:x", "name": "", "url": "", "identified_by": "unknown"}


# --------------------------------------------------------------------------------------------
# messages.csv variants

_DROP_REASONS = {
    "Dana Whitfield": None,
    "Kwame Asante": None,
}


def _messages_variant(columns):
    """Rewrite the 12-column fixture into another column set (by header name)."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(MESSAGES_12)))
    header = rows[0]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows[1:]:
        record = dict(zip(header, row, strict=True))
        record.setdefault("IS CONVERSATION DRAFT", record["IS MESSAGE DRAFT"])
        writer.writerow([record.get(c, "") for c in columns])
    return out.getvalue()


BASE9 = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "DATE", "SUBJECT",
         "CONTENT", "FOLDER"]
BASE10 = [*BASE9[:5], "RECIPIENT PROFILE URLS", *BASE9[5:]]


@pytest.mark.parametrize(
    "columns",
    [[*BASE10, "IS MESSAGE DRAFT"],
     [*BASE10, "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT"],
     [*BASE10, "ATTACHMENTS", "IS MESSAGE DRAFT"],
     [*BASE10, "ATTACHMENTS", "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT"]],
    ids=["11", "12-dec2024", "12-2025", "13"],
)
def test_messages_variants_with_drafts(tmp_path, columns):
    files = {"Connections.csv": CONNECTIONS_7, "messages.csv": _messages_variant(columns), "Profile.csv": PROFILE}
    export = read_export(write_zip(tmp_path / "x.zip", files))
    report = export.report.files["messages.csv"]
    assert report.variant.startswith(f"{len(columns)} columns")
    assert [(s.line, s.reason) for s in report.skipped] == [
        (5, "sponsored conversation"),
        (6, "system event (no sender)"),
        (7, "draft"),
        (8, "sender has no profile URL (company or recruiter mail)"),
    ]
    _check_three_messages(export)


def _check_three_messages(export, with_recipients=True):
    messages = export.messages
    assert messages["line"].tolist() == [2, 3, 4]
    assert messages["sender_key"].tolist() == ["linkedin.com/in/dana-whitfield-7c2e10", KWAME,
                                               "linkedin.com/in/maren-oyelaran-4b7a21c3"]
    assert messages["date"].tolist() == [pd.Timestamp("2026-01-14 16:42:09", tz="UTC"),
                                         pd.Timestamp("2026-01-14 15:03:51", tz="UTC"),
                                         pd.Timestamp("2025-12-02 09:10:44", tz="UTC")]
    assert str(messages["date"].dt.tz) == "UTC"
    assert messages.loc[0, "content"] == "Perfect, Thursday works.  I'll send a calendar invite."
    if with_recipients:
        assert messages["recipient_keys"].tolist() == [
            (KWAME,), ("linkedin.com/in/dana-whitfield-7c2e10",), (KWAME, "linkedin.com/in/tvasquezlind")]
        assert messages.loc[2, "recipient_names"] == ("Kwame Asante", "Teodor Vasquez-Lind, PhD")
    assert export.owner["key"] == KWAME and export.owner["identified_by"] == "messages"


def test_messages_12_columns_and_linkedin_member(tmp_path):
    extra = ("\n2-QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMg==,,LinkedIn Member,,"
             "Kwame Asante,https://www.linkedin.com/in/kwame-asante-01b9a7223,2025-09-01 10:00:00 UTC,,hi,INBOX,,No")
    files = {"Connections.csv": CONNECTIONS_7, "messages.csv": MESSAGES_12.rstrip("\n") + extra,
             "Profile.csv": PROFILE}
    export = read_export(write_zip(tmp_path / "x.zip", files))
    report = export.report.files["messages.csv"]
    assert (report.rows, report.used) == (8, 3)
    assert report.skipped[-1] == type(report.skipped[-1])(9, "LinkedIn Member sender (hidden or out of network)")
    _check_three_messages(export)


def test_messages_10_and_9_columns(tmp_path):
    for columns, with_recipients in ((BASE10, True), (BASE9, False)):
        files = {"Connections.csv": CONNECTIONS_7, "messages.csv": _messages_variant(columns), "Profile.csv": PROFILE}
        export = read_export(write_zip(tmp_path / f"x{len(columns)}.zip", files))
        report = export.report.files["messages.csv"]
        # without draft columns the draft row is recognised by its sender, and kept only if it has one
        reasons = [s.reason for s in report.skipped]
        assert "sponsored conversation" in reasons and "system event (no sender)" in reasons
        check_invariant(export.report)
        assert export.owner["key"] == KWAME
        if not with_recipients:
            assert export.messages["recipient_keys"].tolist() == [()] * len(export.messages)


def test_messages_2018_variant(tmp_path):
    text = ("From,To,Date,Subject,Content,Direction,Folder\n"
            'Dana Whitfield,Kwame Asante,"3/15/18, 4:07 PM",,"Hi, Kwame",INCOMING,INBOX\n'
            'Kwame Asante,Dana Whitfield,"3/15/18, 5:10 PM",,Hello!,OUTGOING,SENT\n'
            ',,"3/16/18, 5:10 PM",,,INCOMING,INBOX\n')
    export = read_export(write_zip(tmp_path / "x.zip", {"Connections.csv": CONNECTIONS_2018, "Messages.csv": text}))
    messages = export.messages
    assert messages["sender_key"].tolist() == ["name:dana whitfield|", "name:kwame asante|"]
    assert messages["date"].tolist() == [pd.Timestamp("2018-03-15 16:07", tz="UTC"),
                                         pd.Timestamp("2018-03-15 17:10", tz="UTC")]
    assert [s.reason for s in export.report.files["Messages.csv"].skipped] == ["system event (no sender)"]


def test_messages_2026_quoted_multiline(tmp_path):
    text = (
        '"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO","RECIPIENT PROFILE URLS","DATE",'
        '"SUBJECT","CONTENT","FOLDER","ATTACHMENTS"\r\n'
        '"2-abc==","","Dana Whitfield","https://www.linkedin.com/in/dana-whitfield-7c2e10","Kwame Asante",'
        '"https://www.linkedin.com/in/kwame-asante-01b9a7223","2026-04-01 10:00:00 UTC","","Line one\nline two\r\n'
        'line three","INBOX",""\r\n'
        '"2-abc==","","Kwame Asante","https://www.linkedin.com/in/kwame-asante-01b9a7223","Dana Whitfield",'
        '"https://www.linkedin.com/in/dana-whitfield-7c2e10","2026-03-31 09:00:00 UTC","","Hi","INBOX",""'
    )
    export = read_export(write_zip(tmp_path / "x.zip", {"Connections.csv": CONNECTIONS_7, "messages.csv": text,
                                                       "Profile.csv": PROFILE}))
    messages = export.messages
    assert messages["line"].tolist() == [2, 5]
    assert messages.loc[0, "content"] == "Line one\nline two\r\nline three"
    assert export.owner["key"] == KWAME


# --------------------------------------------------------------------------------------------
# Owner identification


def test_owner_by_messages_without_profile_uses_conversations(tmp_path):
    files = {"Connections.csv": CONNECTIONS_7, "messages.csv": MESSAGES_12}
    export = read_export(write_zip(tmp_path / "x.zip", files))
    assert export.owner == {"key": KWAME, "name": "Kwame Asante",
                            "url": "https://www.linkedin.com/in/kwame-asante-01b9a7223",
                            "identified_by": "messages"}


def test_owner_by_invitations(tmp_path):
    files = {"Connections.csv": CONNECTIONS_7, "Invitations.csv": INVITATIONS_URL, "Profile.csv": PROFILE}
    export = read_export(write_zip(tmp_path / "x.zip", files))
    assert export.owner == {"key": KWAME, "name": "Kwame Asante",
                            "url": "https://www.linkedin.com/in/kwame-asante-01b9a7223",
                            "identified_by": "invitations"}


def test_owner_by_profile_and_given(tmp_path):
    files = {"Connections.csv": CONNECTIONS_7, "Profile.csv": PROFILE}
    export = read_export(write_zip(tmp_path / "x.zip", files))
    assert export.owner == {"key": "name:kwame asante|", "name": "Kwame Asante", "url": "",
                            "identified_by": "profile"}
    given = set_owner_url(export, "https://www.linkedin.com/in/kwame-asante-01b9a7223/")
    assert given.owner["key"] == KWAME and given.owner["identified_by"] == "given"
    assert given.owner["name"] == "Kwame Asante"
    assert export.owner["identified_by"] == "profile"  # the original is unchanged
    with pytest.raises(InputError, match=r"not a LinkedIn profile URL"):
        set_owner_url(export, "https://example.com/kwame")


# --------------------------------------------------------------------------------------------
# Invitations, endorsements, recommendations, positions, education


def test_invitations_url_variant(tmp_path):
    export = read_export(write_zip(tmp_path / "x.zip", {"Connections.csv": CONNECTIONS_7,
                                                       "Invitations.csv": INVITATIONS_URL}))
    inv = export.invitations
    assert inv["direction"].tolist() == ["OUTGOING", "INCOMING", "OUTGOING"]
    assert inv["invitee_key"].tolist() == ["linkedin.com/in/lottebrandvik", KWAME,
                                           "linkedin.com/in/sofia-lindqvist-5e6f7a8b"]
    assert inv["sent_at"].tolist() == [pd.Timestamp("2026-06-02 09:14"), pd.Timestamp("2026-05-30 23:47"),
                                       pd.Timestamp("2025-12-29 08:58")]
    assert inv.loc[1, "message"].startswith("Hola Kwame, we met")
    assert export.report.files["Invitations.csv"].variant == "7 columns with profile URLs"


def test_invitations_urn_and_bare_url_anomalies(tmp_path):
    urn = INVITATIONS_URL.replace("inviterProfileUrl,inviteeProfileUrl", "inviterProfileUrn,inviteeProfileUrn")
    urn = urn.replace("https://www.linkedin.com/in/kwame-asante-01b9a7223", "urn:li:member:482913576")
    for pattern in ("https://www.linkedin.com/in/lottebrandvik", "https://www.linkedin.com/in/rquinteroduarte",
                    "https://www.linkedin.com/in/sofia-lindqvist-5e6f7a8b"):
        urn = urn.replace(pattern, "urn:li:member:1")
    bare = INVITATIONS_URL
    for pattern in ("kwame-asante-01b9a7223", "lottebrandvik", "rquinteroduarte", "sofia-lindqvist-5e6f7a8b"):
        bare = bare.replace("/" + pattern, "")
    five = "\n".join(",".join(line.split(",")[:-2]) if i == 0 else line.rsplit(",", 2)[0]
                     for i, line in enumerate(INVITATIONS_URL.strip().split("\n"))) + "\n"
    for text, variant, note in (
        (urn, "7 columns with profile URNs", "6 profile values are member URNs, not URLs; their keys are left empty"),
        (bare, "7 columns with profile URLs", "6 profile URLs have no profile name (bare linkedin.com/in); their keys are left empty"),
        (five, "5 columns without profile URLs", None),
    ):
        path = write_zip(tmp_path / f"{len(text)}.zip", {"Connections.csv": CONNECTIONS_7, "Invitations.csv": text,
                                                         "Profile.csv": PROFILE})
        export = read_export(path)
        report = export.report.files["Invitations.csv"]
        assert report.variant == variant
        assert report.notes == ([note] if note else [])
        assert (report.rows, report.used) == (3, 3)
        assert set(export.invitations["inviter_key"]) == {""} and set(export.invitations["invitee_key"]) == {""}
        assert export.owner["identified_by"] == "profile"


def test_endorsements_with_and_without_url(tmp_path):
    no_url = ("Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorsement Status\n"
              "2022/01/02 10:00:00 UTC,SQL,Lotte,Brandvik,ACCEPTED\n")
    files = {"Connections.csv": CONNECTIONS_7, "Endorsement_Received_Info.csv": no_url,
             "Endorsement_Given_Info.csv": ENDORSEMENTS_GIVEN}
    export = read_export(write_zip(tmp_path / "x.zip", files))
    received, given = export.endorsements_received, export.endorsements_given
    assert received[["name", "key", "skill", "status"]].values.tolist() == [
        ["Lotte Brandvik", "name:lotte brandvik|", "SQL", "ACCEPTED"]]
    assert received.loc[0, "date"] == pd.Timestamp("2022-01-02 10:00", tz="UTC")
    assert given["key"].tolist() == ["linkedin.com/in/tvasquezlind", "linkedin.com/in/inês-carvalho-9a1b2c4d"]
    assert given["name"].tolist() == ["Teodor Vasquez-Lind, PhD", "Inês Carvalho"]


def test_recommendations_positions_education(tmp_path):
    export = read_export(write_zip(tmp_path / "x.zip", FULL_EXPORT))
    rec = export.recommendations_received
    assert rec["key"].tolist() == ["name:dana whitfield|kestrel robotics", "name:priya raman|"]
    assert rec["created_at"].tolist() == [pd.Timestamp("2025-03-18 14:41"), pd.Timestamp("2021-11-02 09:05")]
    assert export.recommendations_given.loc[0, "status"] == ""
    assert export.endorsements_received["status"].tolist() == ["ACCEPTED", "ACCEPTED", "PENDING"]
    pos = export.positions
    assert pos["company"].tolist() == ["Fjordline Analytics", "Kestrel Robotics"]
    assert pos["started_on"].tolist() == [pd.Timestamp("2023-02-01"), pd.Timestamp("2019-01-01")]
    assert pd.isna(pos.loc[0, "finished_on"]) and pos.loc[1, "finished_on"] == pd.Timestamp("2023-01-01")
    edu = export.education
    assert edu["school"].tolist() == ["Norwegian University of Science and Technology", "Accra Academy"]
    assert edu["started_on"].tolist() == [pd.Timestamp("2013-01-01"), pd.Timestamp("2007-09-01")]
    assert edu["degree"].tolist() == ["Master of Science - MS", ""]


# --------------------------------------------------------------------------------------------
# Errors


def test_error_missing_path(tmp_path):
    with pytest.raises(InputError, match=r"nothing.zip does not exist"):
        read_export(tmp_path / "nothing.zip")


def test_error_not_a_zip(tmp_path):
    path = tmp_path / "Basic_LinkedInDataExport_01-01-2026.zip"
    path.write_text("hello")
    with pytest.raises(InputError, match=r"Basic_LinkedInDataExport_01-01-2026.zip is not a readable zip"):
        read_export(path)


def test_error_broken_zip(tmp_path):
    path = write_zip(tmp_path / "x.zip", FULL_EXPORT)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"x.zip"):
        read_export(path)


def test_error_corrupt_member(tmp_path):
    path = write_zip(tmp_path / "x.zip", {"Connections.csv": CONNECTIONS_7 * 3})
    data = bytearray(path.read_bytes())
    data[60:70] = b"\x00" * 10  # inside the compressed stream
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match=r"x.zip"):
        read_export(path)


def test_error_folder_without_connections(tmp_path):
    folder = write_folder(tmp_path / "export", {"messages.csv": MESSAGES_12})
    with pytest.raises(InputError, match=r"export contains no Connections.csv"):
        read_export(folder)


def test_error_empty_file(tmp_path):
    path = write_csv(tmp_path, "")
    with pytest.raises(InputError, match=r"Connections.csv is empty"):
        read_export(path)
    path = write_zip(tmp_path / "x.zip", {"Connections.csv": CONNECTIONS_7, "messages.csv": "\n\n"})
    with pytest.raises(InputError, match=r"messages.csv is empty"):
        read_export(path)


@pytest.mark.parametrize(
    ("text", "looks_like"),
    [(MESSAGES_12, "messages.csv"), (INVITATIONS_URL, "Invitations.csv"), (PROFILE, "Profile.csv"),
     ("Source,FirstName,LastName,Companies,Title,Emails\n", "Contacts.csv")],
)
def test_error_wrong_file_as_connections(tmp_path, text, looks_like):
    path = write_csv(tmp_path, text, name="my.csv")
    with pytest.raises(InputError, match=rf"my.csv has the header of {looks_like}.*, not of Connections.csv; pass the Connections.csv file"):
        read_export(path)


def test_error_no_header(tmp_path):
    path = write_csv(tmp_path, "x,y,z\n1,2,3\n")
    with pytest.raises(InputError, match=r"Connections.csv: no header row with the columns First Name, Last Name, "
                                         r"Connected On was found in the first 50 lines"):
        read_export(path)


def test_error_png_pdf_renamed(tmp_path):
    png = write_csv(tmp_path, b"\x89PNG\r\n\x1a\n" + bytes(range(256)), name="Connections.csv")
    with pytest.raises(InputError, match=r"Connections.csv is a PNG image, not a CSV file"):
        read_export(png)
    pdf = write_csv(tmp_path, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", name="c.csv")
    with pytest.raises(InputError, match=r"c.csv is a PDF document"):
        read_export(pdf)
    path = write_zip(tmp_path / "x.zip", {"Connections.csv": CONNECTIONS_7, "messages.csv": b"\x89PNG\r\n\x1a\nxx"})
    with pytest.raises(InputError, match=r"messages.csv is a PNG image"):
        read_export(path)


def test_error_wrong_header_inside_export(tmp_path):
    path = write_zip(tmp_path / "x.zip", {"Connections.csv": CONNECTIONS_7, "messages.csv": INVITATIONS_URL})
    with pytest.raises(InputError, match=r"messages.csv has the header of Invitations.csv, not of messages.csv"):
        read_export(path)


# --------------------------------------------------------------------------------------------
# ties.csv and knows.csv

TIES_TEMPLATE = (
    "\ufeffkey,name,company,position,connected_on,met,where_met,when_met,last_contact,notes,suggested,suggested_reason\n"
    "linkedin.com/in/maren-oyelaran-4b7a21c3,Maren Oyelaran,Fjordline Analytics,Engineer,2026-06-03,in person,"
    "Oslo meetup,2024,2026-05-01,,,\n"
    "linkedin.com/in/tvasquezlind,\"Teodor Vasquez-Lind, PhD\",,,2026-05-28,ONLINE,,,,\"wrote, twice\",,\n"
    "linkedin.com/in/kwame-asante-01b9a7223,Kwame Asante,,,,,,,,,in_person,same company\n"
)


def test_ties_template(tmp_path):
    path = write_csv(tmp_path, TIES_TEMPLATE, name="ties.csv")
    ties = read_ties(path)
    assert list(ties.table.columns) == ["key", "url", "name", "company", "met", "where_met", "when_met",
                                        "last_contact", "notes", "line"]
    assert ties.table["met"].tolist() == ["in_person", "online", "unknown"]
    assert ties.table["last_contact"].tolist()[0] == pd.Timestamp("2026-05-01")
    assert pd.isna(ties.table["last_contact"].tolist()[1])
    assert ties.table["notes"].tolist() == ["", "wrote, twice", ""]
    assert ties.table["line"].tolist() == [2, 3, 4]
    assert ties.report.encoding == "utf-8-sig"
    assert ties.report.rows == 3 and ties.report.used == 3


@pytest.mark.parametrize(
    ("value", "expected"),
    [("in person", "in_person"), ("In_Person", "in_person"), ("online", "online"), ("YES", "in_person"),
     ("no", "online"), ("Oui", "in_person"), ("NON", "online"), ("x", "in_person"), ("1", "in_person"),
     ("0", "online"), ("TRUE", "in_person"), ("false", "online"), ("En personne", "in_person"),
     ("en ligne", "online"), ("", "unknown"), ("  ", "unknown")],
)
def test_ties_met_spellings(tmp_path, value, expected):
    path = write_csv(tmp_path, f"url;met\nhttps://www.linkedin.com/in/Dana-W;{value}\n", name="ties.csv",
                     encoding="cp1252")
    ties = read_ties(path)
    assert ties.table["met"].tolist() == [expected]
    assert ties.table["key"].tolist() == ["linkedin.com/in/dana-w"]
    assert ties.report.delimiter == ";"


def test_ties_bad_values_skipped(tmp_path):
    text = "name,met,last_contact\nDana,maybe,\nPriya,yes,not a date\n,yes,\nLotte,no,14/02/2025\n"
    ties = read_ties(write_csv(tmp_path, text, name="ties.csv"))
    assert [(s.line, s.reason) for s in ties.report.skipped] == [
        (2, "met value 'maybe' is not one of in person, online, yes, no, blank"),
        (3, "last_contact 'not a date' is not a date (use YYYY-MM-DD)"),
        (4, "no key, URL or name"),
    ]
    assert ties.table["name"].tolist() == ["Lotte"]
    assert ties.table["last_contact"].tolist() == [pd.Timestamp("2025-02-14")]
    assert ties.report.rows == ties.report.used + len(ties.report.skipped) == 4


def test_ties_cp1252_french(tmp_path):
    text = "Name;Met;Where met;Notes\nHélène Dubé;en personne;Montréal;café\n"
    ties = read_ties(write_csv(tmp_path, text, name="ties.csv", encoding="cp1252", newline="\r\n"))
    assert ties.table[["name", "met", "where_met", "notes"]].values.tolist() == [
        ["Hélène Dubé", "in_person", "Montréal", "café"]]
    assert ties.report.encoding == "cp1252"


def test_ties_errors(tmp_path):
    with pytest.raises(InputError, match=r"ties.csv does not exist"):
        read_ties(tmp_path / "ties.csv")
    with pytest.raises(InputError, match=r"ties.csv: no header row"):
        read_ties(write_csv(tmp_path, "foo,bar\n1,2\n", name="ties.csv"))


def test_knows(tmp_path):
    text = ("a,b,met,note\n"
            "linkedin.com/in/dana-w,https://www.linkedin.com/in/priya-r,in person,lab\n"
            "Dana Whitfield,Dana Whitfield,,\n"
            "Lotte Brandvik,Priya Raman,perhaps,\n"
            "Lotte Brandvik,Priya Raman,,\n")
    knows = read_knows(write_csv(tmp_path, text, name="knows.csv"))
    assert knows.table.values.tolist() == [
        ["linkedin.com/in/dana-w", "https://www.linkedin.com/in/priya-r", "in_person", "lab", 2],
        ["Lotte Brandvik", "Priya Raman", "unknown", "", 5]]
    assert [s.line for s in knows.report.skipped] == [3, 4]
    with pytest.raises(InputError, match=r"knows.csv: no header row"):
        read_knows(write_csv(tmp_path, "x,y\n", name="knows.csv"))


def test_folder_with_two_exports_is_refused(tmp_path):
    folder = tmp_path / "downloads"
    write_folder(folder, {"a/Connections.csv": CONNECTIONS_7, "b/Connections.csv": CONNECTIONS_6})
    with pytest.raises(InputError, match=r"downloads holds several exports \(a, b\); give one of them"):
        read_export(folder)


def test_other_files_come_from_the_connections_folder(tmp_path):
    files = {"export/Connections.csv": CONNECTIONS_7, "export/Profile.csv": PROFILE,
             "other/messages.csv": MESSAGES_12}
    export = read_export(write_zip(tmp_path / "x.zip", files))
    assert export.messages.empty
    assert export.report.ignored_files == ["other/messages.csv"]
    assert export.owner["identified_by"] == "profile"


def test_folder_holding_the_downloaded_zip(tmp_path):
    folder = tmp_path / "01-kwame"
    folder.mkdir()
    write_zip(folder / "Basic_LinkedInDataExport_07-11-2023.zip", FULL_EXPORT)
    export = read_export(folder)
    assert len(export.contacts) == 4 and export.owner["key"] == KWAME
    assert export.export_date == datetime.date(2023, 7, 11)


def test_error_truth_file_as_ties(tmp_path):
    path = write_csv(tmp_path, "a,b,a_name,b_name,met\nx,y,X,Y,online\n", name="ties.csv")
    with pytest.raises(InputError, match=r"ties.csv has the header of knows.csv, not of ties.csv"):
        read_ties(path)


def test_connections_day_first_excel_dates(tmp_path):
    # A European re-save: day-first dates; the format that fits most values wins for the file.
    text = "First Name;Last Name;Company;Position;Connected On\nA;B;;;15/02/2023\nC;D;;;03/04/2022\n"
    export = read_export(write_csv(tmp_path, text))
    assert export.contacts["connected_on"].tolist() == [pd.Timestamp("2023-02-15"), pd.Timestamp("2022-04-03")]
    text = "First Name,Last Name,Company,Position,Connected On\nA,B,,,02/15/2023\nC,D,,,03/04/2022\n"
    export = read_export(write_csv(tmp_path, text))
    assert export.contacts["connected_on"].tolist() == [pd.Timestamp("2023-02-15"), pd.Timestamp("2022-03-04")]


def test_messages_split_into_numbered_parts(tmp_path):
    rows = MESSAGES_12_ROWS
    files = {"Connections.csv": CONNECTIONS_7, "Profile.csv": PROFILE,
             "messages_577732310.csv": MESSAGES_12_HEADER + rows[2] + "\n" + rows[3] + "\n",
             "messages_12.csv": MESSAGES_12_HEADER + rows[0] + "\n" + rows[1] + "\n"}
    export = read_export(write_zip(tmp_path / "x.zip", files))
    assert export.messages["sender_key"].tolist() == [
        "linkedin.com/in/dana-whitfield-7c2e10", KWAME, "linkedin.com/in/maren-oyelaran-4b7a21c3"]
    assert export.report.files["messages_577732310.csv"].skipped[0].reason == "sponsored conversation"
    assert export.owner["key"] == KWAME


def test_read_exports_in_parallel_equals_reading_in_turn(tmp_path):
    from netanalysis.datasets import sample_files

    paths = sample_files("cohort")["exports"]
    parallel = read_exports(paths, workers=2)
    serial = [read_export(p) for p in paths]
    assert [e.path for e in parallel] == [e.path for e in serial]  # the order of the paths
    for a, b in zip(parallel, serial, strict=True):
        pd.testing.assert_frame_equal(a.contacts, b.contacts)
        pd.testing.assert_frame_equal(a.messages, b.messages)
        assert a.owner == b.owner and a.report == b.report
    # A path that cannot be read raises its own error, as read_export does.
    missing = str(tmp_path / "nowhere.zip")
    with pytest.raises(InputError, match=r"nowhere\.zip"):
        read_exports([paths[0], missing, paths[1]], workers=2)


def test_read_exports_in_parallel_raises_the_first_unreadable_path_in_order(tmp_path):
    from netanalysis.datasets import sample_files

    paths = sample_files("cohort")["exports"]
    broken = [tmp_path / "broken-1.zip", tmp_path / "broken-2.zip"]
    for path in broken:
        path.write_bytes(b"PK\x03\x04 not really a zip")
    # Every process reads: whoever reads which, the earlier broken path is the one reported,
    # run after run; nothing is read twice and nothing is lost.
    many = [*paths, *paths, str(broken[0]), *paths, str(broken[1]), *paths]
    for workers in (2, 3):
        with pytest.raises(InputError, match=r"broken-1\.zip"):
            read_exports(many, workers=workers)
    exports = read_exports([*paths, *paths, *paths], workers=3)
    assert [e.path for e in exports] == [read_export(p).path for p in [*paths, *paths, *paths]]


def test_read_exports_reads_what_a_dead_worker_left(monkeypatch):
    import os

    from netanalysis.datasets import sample_files
    from netanalysis.io import _parallel

    paths = sample_files("cohort")["exports"] * 3

    def killed(chunks, counter, results):  # a worker killed (out of memory) after taking a chunk
        next(_parallel.next_chunks(counter, len(chunks)))
        os._exit(1)

    monkeypatch.setattr(_parallel, "read_worker", killed)
    exports = read_exports(paths, workers=2)
    assert [e.path for e in exports] == [read_export(p).path for p in paths]

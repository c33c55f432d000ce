"""The reader seam: read_export hands a path to the first registered source that recognises it.

The example source (a ``name,email,company`` contacts CSV) is registered, detected by its header,
keys people by e-mail address (else name and company) and accounts for every row; a LinkedIn
export reads as it did before the seam.
"""

import dataclasses
import types
import zipfile

import pandas as pd
import pytest

from netanalysis.datasets import sample_files
from netanalysis.errors import InputError
from netanalysis.graph import build_graph
from netanalysis.identity import email_key, key_source_of, name_key
from netanalysis.io import Export, contacts_csv, linkedin, read_export, registry
from netanalysis.io.registry import SOURCES, detect_source

CONTACTS = (
    "name,email,company\n"
    "Dana Whitfield,Dana.Whitfield@Kestrel.example,Kestrel Robotics\n"
    "Priya Raman,,Northbeam\n"
    "Bo Lind,bo at acme,Acme\n"
    ",,\n"
    "Dana W.,dana.whitfield@kestrel.example,Kestrel Robotics\n"
    ",,Orphan Corp\n"
    "Inês Carvalho,ines@northbeam.example,\n"
)


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


# ---------------------------------------------------------------------------------------------
# Registration


def test_sources_are_registered_in_one_table_with_linkedin_last():
    assert list(SOURCES) == ["contacts_csv", "linkedin"]
    assert SOURCES["contacts_csv"] is contacts_csv and SOURCES["linkedin"] is linkedin
    for source in SOURCES.values():
        assert callable(source.detect) and callable(source.read)


def test_a_new_source_is_one_registration(tmp_path, monkeypatch):
    path = _write(tmp_path, "people.vcf", "BEGIN:VCARD\nFN:Dana Whitfield\nEND:VCARD\n")

    def read(path):
        contacts = pd.DataFrame({"key": [name_key("Dana Whitfield")], "key_source": ["name"],
                                 "name": ["Dana Whitfield"]})
        return Export(path=str(path), owner={"key": "owner:people"}, contacts=contacts)

    vcard = types.SimpleNamespace(detect=lambda path: path.suffix == ".vcf", read=read)
    monkeypatch.setattr(registry, "SOURCES", {"vcard": vcard, **SOURCES})
    assert detect_source(path) == "vcard"
    assert read_export(path).contacts["key"].tolist() == ["name:dana whitfield|"]


# ---------------------------------------------------------------------------------------------
# Detection


def test_a_contacts_csv_is_detected_by_its_header(tmp_path):
    assert detect_source(_write(tmp_path, "contacts.csv", CONTACTS)) == "contacts_csv"
    assert detect_source(_write(tmp_path, "semicolons.csv", "Full Name;E-mail;Company\nBo;bo@x.example;X\n",
                                encoding="cp1252")) == "contacts_csv"
    assert detect_source(_write(tmp_path, "no-company.csv", "Name,Email Address\nBo,bo@x.example\n")) == "contacts_csv"


def test_anything_else_goes_to_linkedin(tmp_path):
    connections = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nBo,Lind,,,,,03 Jun 2026\n"
    assert detect_source(_write(tmp_path, "Connections.csv", connections)) == "linkedin"
    assert detect_source(_write(tmp_path, "contacts.txt", CONTACTS)) == "linkedin"  # only .csv files
    assert detect_source(_write(tmp_path, "late.csv", "a list\n" + CONTACTS)) == "linkedin"  # header on line 1
    assert detect_source(_write(tmp_path, "ties.csv", "key,name,company,met\nx,Bo,Acme,yes\n")) == "linkedin"
    (tmp_path / "folder.csv").mkdir()
    assert detect_source(tmp_path / "folder.csv") == "linkedin"
    with zipfile.ZipFile(tmp_path / "x.zip", "w") as archive:
        archive.writestr("contacts.csv", CONTACTS)
    assert detect_source(tmp_path / "x.zip") == "linkedin"
    assert detect_source(sample_files("cohort")["exports"][0]) == "linkedin"


def test_detection_never_raises_and_leaves_the_error_to_linkedin(tmp_path):
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    empty = _write(tmp_path, "empty.csv", "")
    assert detect_source(binary) == detect_source(empty) == "linkedin"
    with pytest.raises(InputError, match=r"binary.csv is a PNG image, not a CSV file"):
        read_export(binary)
    with pytest.raises(InputError, match=r"empty.csv is empty"):
        read_export(empty)
    with pytest.raises(InputError, match=r"nowhere.csv does not exist"):
        detect_source(tmp_path / "nowhere.csv")


# ---------------------------------------------------------------------------------------------
# Reading


def test_contacts_are_keyed_by_email_else_name_and_every_row_is_accounted_for(tmp_path):
    export = read_export(_write(tmp_path, "contacts.csv", CONTACTS))
    contacts = export.contacts
    assert list(contacts.columns) == list(read_export(sample_files("cohort")["exports"][0]).contacts.columns)
    assert contacts[["key", "key_source", "name", "company", "line"]].values.tolist() == [
        ["email:dana.whitfield@kestrel.example", "email", "Dana Whitfield", "Kestrel Robotics", 2],
        ["name:priya raman|northbeam", "name", "Priya Raman", "Northbeam", 3],
        ["email:ines@northbeam.example", "email", "Inês Carvalho", "", 8],
    ]
    assert contacts["connected_on"].isna().all()
    report = export.report.files["contacts.csv"]
    assert [(s.line, s.reason) for s in report.skipped] == [
        (4, "e-mail 'bo at acme' is not an address"),
        (5, "empty row"),
        (6, "duplicate of line 2"),
        (7, "no name and no e-mail"),
    ]
    assert (report.rows, report.used) == (7, 3) and report.rows == report.used + len(report.skipped)
    assert (report.encoding, report.delimiter, report.variant) == ("utf-8", ",", "3 columns")
    assert export.owner == {"key": "owner:contacts", "name": "", "url": "", "identified_by": "unknown"}
    assert export.messages.empty and export.invitations.empty and export.export_date is None


def test_a_contacts_export_builds_a_graph_with_email_keys(tmp_path):
    G = build_graph([read_export(_write(tmp_path, "contacts.csv", CONTACTS))])
    assert G.nodes["email:ines@northbeam.example"]["key_source"] == "email"
    assert sorted(G.neighbors("owner:contacts")) == sorted(
        ["email:dana.whitfield@kestrel.example", "email:ines@northbeam.example", "name:priya raman|northbeam"])


def test_a_wrong_file_given_to_the_contacts_reader_is_a_one_line_error(tmp_path):
    connections = _write(tmp_path, "Connections.csv", "First Name,Last Name,Connected On\nBo,Lind,03 Jun 2026\n")
    with pytest.raises(InputError, match=r"^Connections.csv has the header of Connections.csv, not of contacts CSV"):
        contacts_csv.read(connections)
    other = _write(tmp_path, "other.csv", "id,phone\n1,555\n")
    with pytest.raises(InputError) as error:
        contacts_csv.read(other)
    assert "\n" not in str(error.value)
    assert str(error.value).startswith("other.csv: no header row with the columns name, email was found")


def test_identity_keys_tell_their_source():
    assert key_source_of(email_key("Dana@Kestrel.example")) == "email"
    assert key_source_of("linkedin.com/in/dana") == "url"
    assert key_source_of(name_key("Dana", "Kestrel")) == "name"
    assert key_source_of("owner:contacts") == "name"


# ---------------------------------------------------------------------------------------------
# LinkedIn through the seam


def test_read_export_of_a_linkedin_export_is_unchanged():
    path = sample_files("cohort")["exports"][0]
    export = read_export(path)
    # Pinned from the reader before the seam (netanalysis/io.py of main, 97d5a02).
    assert export.owner == {"key": "linkedin.com/in/sarah-maude-thibault-8317c865", "name": "Sarah-Maude Thibault",
                            "url": "https://www.linkedin.com/in/sarah-maude-thibault-8317c865",
                            "identified_by": "messages"}
    assert str(export.export_date) == "2026-11-02"
    tables = {f.name: len(getattr(export, f.name)) for f in dataclasses.fields(export)
              if isinstance(getattr(export, f.name), pd.DataFrame)}
    assert tables == {"contacts": 629, "messages": 948, "invitations": 33, "endorsements_received": 107,
                      "endorsements_given": 97, "recommendations_received": 3, "recommendations_given": 3,
                      "positions": 4, "education": 2}
    files = {name: (r.rows, r.used, len(r.skipped)) for name, r in export.report.files.items()}
    assert files == {"Connections.csv": (640, 629, 11), "messages.csv": (969, 948, 21),
                     "Invitations.csv": (33, 33, 0), "Endorsement_Received_Info.csv": (107, 107, 0),
                     "Endorsement_Given_Info.csv": (97, 97, 0), "Recommendations_Received.csv": (3, 3, 0),
                     "Recommendations_Given.csv": (3, 3, 0), "Positions.csv": (4, 4, 0),
                     "Education.csv": (2, 2, 0), "Profile.csv": (1, 1, 0)}
    assert (export.report.hidden_members, len(export.report.ignored_files)) == (11, 2)
    assert export.contacts["key"].iloc[[0, -1]].tolist() == ["linkedin.com/in/yannick-paquette-ab2f3a55",
                                                             "linkedin.com/in/olivia-zhang-44b092584"]
    # The seam adds nothing: the same export as the LinkedIn source's own reader gives.
    direct = linkedin.read(path)
    assert (direct.owner, direct.report) == (export.owner, export.report)
    for item in dataclasses.fields(Export):
        if isinstance(getattr(export, item.name), pd.DataFrame):
            pd.testing.assert_frame_equal(getattr(export, item.name), getattr(direct, item.name), check_exact=True)

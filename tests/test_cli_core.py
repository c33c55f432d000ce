"""The core commands, driven in-process: inspect, ties init (round trip through a spreadsheet), errors."""

import json
import zipfile

import pytest

from netanalysis.cli import main
from netanalysis.graph import build_graph
from netanalysis.io import read_export, read_ties

PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their connections to "
    "see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. "
    'You can learn more here https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)
CONNECTIONS = PREAMBLE + (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Maren,Oyelaran,https://www.linkedin.com/in/maren-oyelaran-4b7a21c3,,Fjordline Analytics,Senior Data Engineer,03 Jun 2026\n"
    'Teodor,"Vasquez-Lind, PhD",https://www.linkedin.com/in/tvasquezlind,,"Halvorsen & Pike, LLC","Director, Research Partnerships",28 May 2026\n'
    ",,,,,,21 May 2026\n"
    "Inês,Carvalho 🌱,https://www.linkedin.com/in/in%C3%AAs-carvalho-9a1b2c4d,ines.carvalho@mail.example,Northbeam Health,Product Manager,14 Feb 2025\n"
    "Kwame ,Asante,https://www.linkedin.com/in/kwame-asante-01b9a7223,,,,07 Sep 2019"
)
MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT\n"
    "2-Yz==,,Dana Whitfield,https://www.linkedin.com/in/dana-whitfield-7c2e10,Kwame Asante,https://www.linkedin.com/in/kwame-asante-01b9a7223,2026-01-14 16:42:09 UTC,,\"Perfect, Thursday works.\",INBOX,,No\n"
    "2-Yz==,,Dana Whitfield,https://www.linkedin.com/in/dana-whitfield-7c2e10,Maren Oyelaran,https://www.linkedin.com/in/maren-oyelaran-4b7a21c3,2026-01-14 15:03:51 UTC,,Hi Maren,INBOX,,No\n"
    "2-Ab==,,Maren Oyelaran,https://www.linkedin.com/in/maren-oyelaran-4b7a21c3,Dana Whitfield,https://www.linkedin.com/in/dana-whitfield-7c2e10,2026-01-15 09:10:44 UTC,,Thanks!,INBOX,,No\n"
    ",,Dana Whitfield,https://www.linkedin.com/in/dana-whitfield-7c2e10,,,2025-10-29 19:31:40 UTC,,Draft,,,Yes\n"
)
INVITATIONS = (
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
    'Teodor Vasquez-Lind,Dana Whitfield,"5/30/26, 11:47 PM","Great meeting you at the Oslo data meetup!",INCOMING,'
    "https://www.linkedin.com/in/tvasquezlind,https://www.linkedin.com/in/dana-whitfield-7c2e10\n"
)
PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
    "Dana,Whitfield,,,,Engineering manager,,Software Development,,\"Oslo, Norway\",,,\n"
)


@pytest.fixture
def export_zip(tmp_path):
    path = tmp_path / "Basic_LinkedInDataExport_06-10-2026.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Connections.csv", CONNECTIONS)
        archive.writestr("messages.csv", MESSAGES)
        archive.writestr("Invitations.csv", INVITATIONS)
        archive.writestr("Profile.csv", PROFILE)
    return path


def test_inspect_json_has_exact_counts(export_zip, capsys):
    assert main(["inspect", str(export_zip), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (export,) = data["exports"]
    assert export["owner"] == {"key": "linkedin.com/in/dana-whitfield-7c2e10", "name": "Dana Whitfield",
                               "identified_by": "messages"}
    assert export["contacts"] == 4 and export["hidden_members"] == 1
    connections = export["files"]["Connections.csv"]
    assert (connections["rows"], connections["used"]) == (5, 4)
    assert connections["skipped"] == [{"line": 7, "reason": "hidden member"}]
    messages = export["files"]["messages.csv"]
    assert (messages["rows"], messages["used"], len(messages["skipped"])) == (4, 3, 1)
    assert data["graph"] == {"people": 5, "ties": 4, "ties_by_evidence": {"export": 4},
                             "ties_by_met": {"in_person": 0, "online": 0, "unknown": 4}}
    assert data["as_of"] == "2026-06-10"


def test_inspect_text(export_zip, capsys):
    assert main(["inspect", str(export_zip)]) == 0
    out = capsys.readouterr().out
    assert "identified by messages" in out
    assert "hidden member: 1 (line 7)" in out
    assert "Graph: 5 people, 4 ties" in out


def test_ties_init_then_spreadsheet_edit_then_read_back(export_zip, tmp_path, capsys):
    target = tmp_path / "ties.csv"
    assert main(["ties", "init", str(export_zip), "-o", str(target)]) == 0
    assert "Wrote 4 contacts" in capsys.readouterr().out
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read accents
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].split(",")[:6] == ["key", "name", "company", "position", "connected_on", "met"]
    # The invitation that says "great meeting you" puts Teodor first, with the reason.
    assert lines[1].startswith("linkedin.com/in/tvasquezlind,")
    assert "invitation note" in lines[1]
    # A user fills 'met' in a French spreadsheet that saves with ';' in cp1252.
    edited = ["key;name;met"]
    answers = {"linkedin.com/in/tvasquezlind": "oui", "linkedin.com/in/maren-oyelaran-4b7a21c3": "en ligne"}
    for line in lines[1:]:
        key = line.split(",")[0]
        edited.append(f"{key};x;{answers.get(key, '')}")
    edited_path = tmp_path / "ties-edited.csv"
    edited_path.write_bytes("\r\n".join(edited).encode("cp1252"))
    ties = read_ties(edited_path)
    G = build_graph(read_export(export_zip), ties=ties)
    dana = "linkedin.com/in/dana-whitfield-7c2e10"
    assert G.edges[dana, "linkedin.com/in/tvasquezlind"]["met"] == "in_person"
    assert G.edges[dana, "linkedin.com/in/maren-oyelaran-4b7a21c3"]["met"] == "online"
    assert G.edges[dana, "linkedin.com/in/kwame-asante-01b9a7223"]["met"] == "unknown"
    assert G.graph["ties_file"]["matched"] == 4 and G.graph["ties_file"]["unmatched"] == []


def test_ties_init_never_overwrites_answers(export_zip, tmp_path, capsys):
    target = tmp_path / "ties.csv"
    target.write_text("my answers")
    assert main(["ties", "init", str(export_zip), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--force" in err
    assert target.read_text() == "my answers"
    assert main(["ties", "init", str(export_zip), "-o", str(target), "--force"]) == 0


def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["inspect", str(tmp_path / "missing.zip")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("netanalysis: error: ") and err.count("\n") == 1
    png = tmp_path / "Connections.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert main(["inspect", str(png)]) == 2
    err = capsys.readouterr().err
    assert "Connections.csv" in err and "Traceback" not in err


def test_unknown_ego_is_a_clear_error(export_zip, capsys):
    assert main(["inspect", str(export_zip), "--ego", "Nobody Atall"]) == 2
    assert "Nobody Atall" in capsys.readouterr().err


def test_ego_url_replaces_an_unidentified_owner(tmp_path, capsys):
    connections = tmp_path / "Connections.csv"
    connections.write_text(CONNECTIONS, encoding="utf-8")
    assert main(["inspect", str(connections), "--json", "--ego-url",
                 "https://www.linkedin.com/in/Dana-Whitfield-7c2e10/"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["exports"][0]["owner"]["identified_by"] == "given"
    assert data["ego"] == "linkedin.com/in/dana-whitfield-7c2e10"


def test_internal_errors_are_one_line_exit_1(monkeypatch, export_zip, capsys):
    import netanalysis.graph

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(netanalysis.graph, "build_graph", broken)
    assert main(["inspect", str(export_zip)]) == 1
    err = capsys.readouterr().err
    assert "bug" in err and err.count("\n") == 1


@pytest.mark.slow
def test_demo_writes_the_report_and_never_overwrites_without_force(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["demo", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Read 8 fictional exports" in printed and "Report:" in printed
    assert (out / "report.html").exists() and (out / "network.gexf").exists()
    assert main(["demo", "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["demo", "--out", str(out), "--force"]) == 0


def test_commands_exempt_what_they_built_from_the_cycle_collector(export_zip, capsys):
    import gc

    gc.unfreeze()
    try:
        assert main(["inspect", str(export_zip), "--json"]) == 0
        # The exports and the graph live until the command ends: the collector leaves them alone.
        assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()  # the rest of the test session collects as usual


def test_a_value_starting_with_a_dash_gets_a_hint(capsys):
    from netanalysis.cli import main

    # argparse reads "-2+3" as an option: the error says how to pass it.
    with pytest.raises(SystemExit) as stop:
        main(["paths", "Connections.csv", "--to", "-2+3"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "argument --to: expected one argument (if the value starts with '-', join them: --to=VALUE)" in err
    with pytest.raises(SystemExit):
        main(["map", "Connections.csv", "-o", "-x.html"])
    assert "join them: --output=VALUE)" in capsys.readouterr().err
    # Any other usage error is left as argparse words it.
    with pytest.raises(SystemExit):
        main(["map", "Connections.csv"])
    assert "join them" not in capsys.readouterr().err


def test_a_misspelt_command_choice_or_option_gets_the_nearest_one(capsys):
    import pytest

    from netanalysis.cli import main

    def error(argv):
        with pytest.raises(SystemExit) as stop:
            main(argv)
        assert stop.value.code == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        return err

    assert "invalid choice: 'strenght'; did you mean 'strength'?" in error(["strenght", "x.zip"])
    assert "did you mean '--top'?" in error(["strength", "x.zip", "--tpo", "3"])  # its own options, not paths' --to
    assert "did you mean 'observed'?" in error(["holes", "x.zip", "--evidence", "observd"])
    assert "did you mean" not in error(["zzz"])


def test_infer_help_names_every_rule(capsys):
    import pytest

    from netanalysis.cli import main
    from netanalysis.inference import RULES

    for command in ("strength", "compare"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        help_text = " ".join(capsys.readouterr().out.split())
        assert all(rule in help_text for rule in RULES) and "group_chat" in help_text


def test_name_gives_a_lone_connections_csv_its_owner(tmp_path, capsys):
    import json

    from netanalysis.cli import main

    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    "Lotte,Brandvik,https://www.linkedin.com/in/lotte-b,,Oresund Logistics,Analyst,09 Aug 2022\n")
    assert main(["inspect", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["exports"][0]["owner"] == {
        "key": "owner:Connections", "name": "", "identified_by": "unknown"}
    assert main(["inspect", str(path), "--json", "--name", "  Kwame   Asante "]) == 0
    assert json.loads(capsys.readouterr().out)["exports"][0]["owner"]["name"] == "Kwame Asante"
    assert main(["map", str(path), "--name", "Kwame Asante", "-o", str(tmp_path / "map.html")]) == 0
    page = (tmp_path / "map.html").read_text()
    assert "Kwame Asante&#x27;s network" in page or "Kwame Asante's network" in page
    assert '"label":"owner:Connections"' not in page and "owner:Connections's" not in page
    assert main(["strength", str(path), "--name", " "]) == 2
    assert "--name is empty" in capsys.readouterr().err

"""Hostile use of the command line (issue 18): outputs that would destroy the user's files, escape
sequences from an export, two reports into one folder at once, and the ways a command ends.

Each test failed on the code before issue 18's fixes: outputs were checked late or not at all (the
input zip could be overwritten with GEXF), header cells were not formula-safe, percent-decoded keys
and zip member names reached the terminal raw, two reports ran into one folder, a non-UTF-8 salt
file was an internal error, a closed pipe said "error: Broken pipe", and `--strong 5` was accepted.
"""

import csv
import io
import json
import os
import signal
import subprocess
import sys
import zipfile

import pytest

from netanalysis.cli import main

pytestmark = pytest.mark.hostile

MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,"
    "FOLDER,ATTACHMENTS,IS MESSAGE DRAFT\n"
    "c1,,Owner,https://www.linkedin.com/in/owner-x,Ana,https://www.linkedin.com/in/ana-1,"
    "2026-01-14 16:42:09 UTC,,Hi,INBOX,,No\n"
)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
# The percent-encoded key decodes to ESC ] 0 ; … BEL: an OSC sequence that retitles the terminal.
OSC_URL = "https://www.linkedin.com/in/%1B%5D0%3Bpwned%07"
CONNECTIONS = HEADER + (
    "Ana,Silva,https://www.linkedin.com/in/ana-1,,Acme,Engineer,15 Mar 2021\n"
    "Bo,Chen,https://www.linkedin.com/in/bo-2,,Acme,Analyst,16 Mar 2021\n"
    f"Osc,Title,{OSC_URL},,Acme,Analyst,17 Mar 2021\n"
    "🦄 Zoë,漢字,https://www.linkedin.com/in/zoe-3,,漢字 Corp,Engineer 🦄,18 Mar 2021\n"
)
PROFILE = ("First Name,Last Name,Headline\n"
           '"=HYPERLINK(""http://evil.example"",""x"")",Owner,Data\n')
UNSAFE = [chr(c) for c in [*range(0, 9), *range(11, 32), *range(0x7F, 0xA0), 0x202E, 0x2066]]


def _zip(path, *, members=None):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Connections.csv", CONNECTIONS)
        archive.writestr("messages.csv", MESSAGES)
        archive.writestr("Profile.csv", PROFILE)
        for name, text in (members or {}).items():
            archive.writestr(name, text)
    return path


@pytest.fixture
def export(tmp_path):
    return _zip(tmp_path / "Basic_LinkedInDataExport_06-10-2026.zip")


def _run(argv, capsys):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _refused(argv, capsys, *words):
    """The command exits 2 with exactly one line on stderr, holding ``words``."""
    code, _, err = _run(argv, capsys)
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith("netanalysis: error: "), err
    for word in words:
        assert word in err, err
    return err


# --------------------------------------------------------------------------------------------
# 1. never destroy a user's file


def test_export_never_writes_onto_its_input_even_with_force(export, tmp_path, capsys):
    before = export.read_bytes()
    _refused(["export", export, "--format", "gexf", "-o", export, "--force"], capsys, "one of this command's inputs")
    # a hard link and a symbolic link to the input are the input too
    os.link(export, tmp_path / "hard.gexf")
    (tmp_path / "soft.gexf").symlink_to(export)
    for alias in ("hard.gexf", "soft.gexf"):
        _refused(["export", export, "--format", "gexf", "-o", tmp_path / alias, "--force"], capsys, "inputs")
    ties = tmp_path / "ties.csv"
    ties.write_text("name,met\nAna Silva,in person\n", encoding="utf-8")
    _refused(["export", export, "--ties", ties, "--format", "graphml", "-o", ties, "--force"], capsys, "inputs")
    _refused(["ties", "init", export, "-o", export, "--force"], capsys, "inputs")
    assert export.read_bytes() == before and ties.read_text(encoding="utf-8").startswith("name,met")


def test_writers_refuse_an_existing_file_or_a_non_empty_folder(export, tmp_path, capsys):
    mine = tmp_path / "mine"
    mine.mkdir()
    answers = mine / "ties.csv"
    answers.write_text("my answers", encoding="utf-8")
    target = tmp_path / "net.gexf"
    target.write_text("keep", encoding="utf-8")
    _refused(["export", export, "--format", "gexf", "-o", target], capsys, "already exists", "--force")
    _refused(["export", export, "--format", "csv", "-o", mine], capsys, "is not empty", "--force")
    page = tmp_path / "map.html"
    page.write_text("keep", encoding="utf-8")
    _refused(["map", export, "-o", page], capsys, "already exists")
    _refused(["sample", "cohort", "-o", mine], capsys, "is not empty")
    _refused(["ties", "init", export, "-o", answers], capsys, "may hold your answers")
    _refused(["report", export, "--out", mine], capsys, "is not empty")
    _refused(["demo", "--out", mine], capsys, "is not empty")
    assert answers.read_text(encoding="utf-8") == "my answers"
    assert target.read_text(encoding="utf-8") == "keep" and page.read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in mine.iterdir()) == ["ties.csv"]
    # With --force, a folder is written into, but never when an input lies inside it.
    _refused(["export", export, "--ties", answers, "--format", "csv", "-o", mine, "--force"], capsys, "inside")
    _refused(["report", export, "--ties", answers, "--out", mine, "--force"], capsys, "inside")
    code, _, err = _run(["export", export, "--format", "csv", "-o", mine, "--force"], capsys)
    assert code == 0, err
    assert answers.read_text(encoding="utf-8") == "my answers" and (mine / "nodes.csv").exists()


def test_report_checks_its_folder_before_any_work(export, tmp_path, capsys, monkeypatch):
    import netanalysis.cli.report as cli_report

    def no_work(args):
        raise AssertionError("the export was read before the output was checked")

    monkeypatch.setattr(cli_report, "load_graph", no_work)
    out = tmp_path / "report"
    out.mkdir()
    (out / "report.html").write_text("an earlier report", encoding="utf-8")
    _refused(["report", export, "--out", out], capsys, "is not empty")
    _refused(["report", export, "--out", export, "--force"], capsys, "is a file")
    assert (out / "report.html").read_text(encoding="utf-8") == "an earlier report"
    assert sorted(p.name for p in out.iterdir()) == ["report.html"]  # no lock file, no staging left


def test_a_refused_report_leaves_no_empty_folder(export, tmp_path, capsys):
    _refused(["report", export, "--out", tmp_path / "new", "--ego", "nobody-at-all"], capsys, "nobody")
    assert not (tmp_path / "new").exists()


# --------------------------------------------------------------------------------------------
# 3. header cells are formula-safe


def test_compare_header_cells_are_formula_safe(export, tmp_path, capsys):
    code, out, err = _run(["compare", export, "--format", "csv"], capsys)
    assert code == 0, err
    header = next(csv.reader(io.StringIO(out)))
    assert any("HYPERLINK" in cell for cell in header)
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in header), header


def test_write_csv_quotes_header_cells(tmp_path):
    import pandas as pd

    from netanalysis.safefiles import write_csv

    path = write_csv(pd.DataFrame({"=cmd()": ["=1+1"], "@x": [1], "ok": ["-2"]}), tmp_path / "t.csv")
    assert path.read_text(encoding="utf-8").splitlines() == ["'=cmd(),'@x,ok", "'=1+1,1,'-2"]


# --------------------------------------------------------------------------------------------
# 4. nothing from an export reaches the terminal raw


def _no_unsafe(text):
    found = sorted({hex(ord(c)) for c in text if c in UNSAFE})
    assert not found, found


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_percent_decoded_keys_reach_stdout_escaped(export, capsys, fmt):
    wide = ["--wide"] if fmt == "table" else []  # the terminal table shows keys only when asked
    code, out, err = _run(["holes", export, "--format", fmt, *wide], capsys)
    assert code == 0, err
    _no_unsafe(out + err)
    assert "\\u001b]0;pwned\\u0007" in out
    if fmt == "json":  # valid JSON, and the key decodes back to exactly what was read
        keys = {row["key"] for row in json.loads(out)}
        assert "linkedin.com/in/\x1b]0;pwned\x07" in keys


def test_zip_member_names_and_error_messages_are_escaped(tmp_path, capsys):
    hostile = _zip(tmp_path / "export.zip", members={"\x1b]0;owned\x07\u202e.txt": "x", "notes\x9b31m.csv": "a\n1\n"})
    for argv in (["inspect", hostile], ["inspect", hostile, "--json"]):
        code, out, err = _run(argv, capsys)
        assert code == 0, err
        _no_unsafe(out + err)
    ignored = json.loads(out)["exports"][0]["ignored_files"]  # valid JSON, the names exactly as read
    assert "\x1b]0;owned\x07\u202e.txt" in ignored and "notes\x9b31m.csv" in ignored
    err = _refused(["inspect", tmp_path / "missing\x1b]0;x\x07.zip"], capsys)
    _no_unsafe(err)
    assert "\\u001b]0;x\\u0007" in err


# --------------------------------------------------------------------------------------------
# 7. one report at a time in a folder

HOLD = """
import sys, time
from netanalysis.report.write import claim_folder
with claim_folder(sys.argv[1]):
    print("held", flush=True)
    time.sleep(60)
"""


def _cli(*argv, **kwargs):
    return subprocess.run([sys.executable, "-m", "netanalysis", *map(str, argv)], capture_output=True, text=True,
                          timeout=120, **kwargs)


def _holder(out):
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(out)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_a_second_report_into_a_held_folder_is_refused(export, tmp_path):
    out = tmp_path / "report"
    holder = _holder(out)
    try:
        result = _cli("report", export, "--out", out)
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 2
    assert result.stderr == (f"netanalysis: error: {out} is being written by another netanalysis report (process "
                             f"{holder.pid}); wait for it to finish or choose another --out.\n")
    assert not (out / "report.html").exists()


def test_a_lock_left_by_a_killed_run_is_taken_over(export, tmp_path):
    out = tmp_path / "report"
    holder = _holder(out)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert (out / ".netanalysis-report.lock").read_text().strip() == str(holder.pid)  # left behind
    result = _cli("report", export, "--out", out)
    assert result.returncode == 0, result.stderr
    assert f"locked by a run that ended without cleaning up (process {holder.pid}); taken over." in result.stderr
    assert (out / "report.html").exists() and not (out / ".netanalysis-report.lock").exists()


def test_two_reports_started_together_one_wins(export, tmp_path):
    out = tmp_path / "report"
    runs = [subprocess.Popen([sys.executable, "-m", "netanalysis", "report", str(export), "--out", str(out),
                              "--to", to], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for to in ("Acme", "Ana Silva")]
    results = [(run.wait(timeout=120), run.stderr.read()) for run in runs]
    for run in runs:
        run.stdout.close()
        run.stderr.close()
    codes = sorted(code for code, _ in results)
    assert codes == [0, 2], results
    refused = next(err for code, err in results if code == 2)
    assert refused.count("\n") == 1 and ("being written by another" in refused or "is not empty" in refused)


# --------------------------------------------------------------------------------------------
# 9. exits


def test_a_salt_file_that_is_not_text_is_one_line(export, tmp_path, capsys):
    salt = tmp_path / "salt.bin"
    salt.write_bytes(b"\xff\xfe\x00binary salt \x80\x81")
    _refused(["report", export, "--anonymize", "--salt-file", salt, "--out", tmp_path / "r"], capsys, "not UTF-8")


@pytest.mark.parametrize("argv", [
    ["strength", "x.zip", "--strong", "5"],
    ["strength", "x.zip", "--strong", "nan"],
    ["dormant", "x.zip", "--months", "-5"],
    ["sample", "world", "-o", "w", "--size", "0"],
    ["introductions", "x.zip", "--top", "0"],
    ["paths", "x.zip", "--to", "Acme", "-k", "0"],
    ["map", "x.zip", "-o", "m.html", "--max-nodes", "0"],
])
def test_out_of_range_options_are_refused_in_one_line(argv, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    err = capsys.readouterr().err
    assert stop.value.code == 2
    assert err.count("\n") == 1 and "error: argument " in err and "must be" in err, err


def test_a_closed_pipe_ends_quietly(tmp_path):
    rows = "".join(f"P{i},Q{i},https://www.linkedin.com/in/p-{i},,Co{i % 50},Role,01 Jan 2024\n" for i in range(4000))
    (tmp_path / "Connections.csv").write_text(HEADER + rows, encoding="utf-8")
    run = subprocess.Popen([sys.executable, "-m", "netanalysis", "communities", str(tmp_path / "Connections.csv"),
                            "--people", "--format", "csv", "--ego-url", "https://www.linkedin.com/in/me"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert run.stdout.readline()  # like `| head -1`: read a line, then go away
    run.stdout.close()
    code = run.wait(timeout=120)
    err = run.stderr.read().decode()
    run.stderr.close()
    # Only the note that a single export's groups are not circles; no traceback, no "Broken pipe".
    assert code == 141 and all(line.startswith("netanalysis: groups by employer") for line in err.splitlines()), (code, err)


def test_no_glyph_warnings_from_names_the_figure_font_lacks(export, tmp_path):
    result = _cli("report", export, "--out", tmp_path / "r")
    assert result.returncode == 0, result.stderr
    assert "Glyph" not in result.stderr and "Warning" not in result.stderr, result.stderr


def test_every_user_error_is_one_line_exit_2(tmp_path, capsys):
    for argv in (["inspect", tmp_path / "nothing.zip"], ["strength", tmp_path],
                 ["report", tmp_path / "nothing.zip", "--out", tmp_path / "r"]):
        _refused(argv, capsys)
    assert not (tmp_path / "r").exists()

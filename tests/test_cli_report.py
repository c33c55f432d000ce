"""The report command (netanalysis/cli/report.py), driven in-process: the page, --gexf, --anonymize."""


from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import netanalysis.cli as cli


def test_cli_report_writes_the_page_quietly(tmp_path, capsys):
    from netanalysis import synth

    persona = synth.write_persona(tmp_path / "persona", "cultivator", contacts=40, seed=2)
    export = str(persona["export"])
    out = tmp_path / "out"
    status = cli.main(["report", export, "--ties", str(persona["ties"]), "--out", str(out)])
    captured = capsys.readouterr()
    assert status == 0
    assert captured.err == ""  # not a terminal: no progress display
    assert "report.html" in captured.out
    assert (out / "report.html").exists() and (out / "network.gexf").exists()
    # A second run refuses to overwrite, in one line, with exit status 2.
    assert cli.main(["report", export, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("netanalysis: error:") and "--force" in err and err.count("\n") == 1


def test_cli_help_texts():
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    command = sub.choices["report"]
    assert command.description
    for action in command._actions:
        if action.dest != "help":
            assert action.help, action.dest


def test_cli_report_gexf_switch(tmp_path, capsys):
    from netanalysis import synth

    persona = synth.write_persona(tmp_path / "persona", "cultivator", contacts=20, seed=2)
    export = str(persona["export"])
    assert cli.main(["report", export, "--out", str(tmp_path / "no"), "--no-gexf"]) == 0
    assert not (tmp_path / "no" / "network.gexf").exists() and (tmp_path / "no" / "report.html").exists()
    assert cli.main(["report", export, "--out", str(tmp_path / "yes"), "--gexf"]) == 0
    assert (tmp_path / "yes" / "network.gexf").exists()


def test_cli_anonymize_with_a_salt_file_is_stable(persona, tmp_path, capsys):
    export = str(persona["files"]["export"])
    salt_file = tmp_path / "secret" / "salt.txt"
    salt_file.parent.mkdir()
    for out in ("one", "two"):
        status = cli.main(["report", export, "--anonymize", "--salt-file", str(salt_file),
                           "--out", str(tmp_path / out), "--format", "csv"])
        assert status == 0, capsys.readouterr().err
    assert salt_file.stat().st_mode & 0o077 == 0  # a private file
    first = (tmp_path / "one" / "introductions.csv").read_text(encoding="utf-8")
    assert first == (tmp_path / "two" / "introductions.csv").read_text(encoding="utf-8")
    # The salt must never be written where the shared report goes.
    assert cli.main(["report", export, "--anonymize", "--salt-file", str(tmp_path / "three" / "salt"),
                     "--out", str(tmp_path / "three")]) == 2
    assert "inside the report folder" in capsys.readouterr().err


def _written(capsys):
    """The files a report run says it wrote (its --format csv output), by name."""
    import io

    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    return {Path(f).name for f in table["file"]}


def _target(persona):
    ties = pd.read_csv(persona["ties"], encoding="utf-8-sig")
    return ties["key"].iloc[0]


def test_force_over_a_named_report_leaves_only_what_this_run_wrote(tmp_path, capsys):
    from netanalysis import synth

    persona = synth.write_persona(tmp_path / "persona", "cultivator", contacts=40, seed=2)
    export, out = str(persona["export"]), tmp_path / "out"
    assert cli.main(["report", export, "--to", _target(persona), "--out", str(out), "--format", "csv"]) == 0
    named = _written(capsys)
    assert {"network.gexf", "warm_paths.csv", "report.html"} <= named
    # Every table a report writes is known to write_report, which may remove it later (a new table
    # must be added to REPORT_TABLES).
    from netanalysis.report.write import REPORT_TABLES

    assert named - {"network.gexf", "report.html"} <= {f"{stem}.csv" for stem in REPORT_TABLES}
    # What the user put there: never removed, even a CSV.
    (out / "my notes.txt").write_text("mine", encoding="utf-8")
    (out / "budget.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert cli.main(["report", export, "--anonymize", "--no-gexf", "--force", "--out", str(out),
                     "--format", "csv"]) == 0
    anonymous = _written(capsys)
    assert "warm_paths.csv" not in anonymous and "network.gexf" not in anonymous
    assert {p.name for p in out.iterdir()} == anonymous | {"my notes.txt", "budget.csv"}


def test_a_leftover_report_file_alone_is_not_overwritten_without_force(tmp_path):
    from netanalysis import report as rep
    from netanalysis.errors import InputError

    G = nx.Graph(ego="me")
    G.add_edge("me", "a", met="in_person", strength=0.8)
    (tmp_path / "warm_paths.csv").write_text("target\nAna Silva\n", encoding="utf-8")  # an earlier run's
    with pytest.raises(InputError, match=r"warm_paths\.csv already exists"):
        rep.write_report(rep.build_report(G), tmp_path)
    assert (tmp_path / "warm_paths.csv").read_text(encoding="utf-8") == "target\nAna Silva\n"


def test_a_killed_runs_staging_folder_never_survives_into_the_next_run(tmp_path, capsys):
    from netanalysis import synth

    persona = synth.write_persona(tmp_path / "persona", "cultivator", contacts=20, seed=2)
    out = tmp_path / "out"
    # What a run killed while writing leaves: its lock file and a hidden staging folder of named tables.
    staging = out / ".netanalysis-report-k1ll3d"
    staging.mkdir(parents=True)
    (staging / "strength.csv").write_text("name\nAna Silva\n", encoding="utf-8")
    (out / ".netanalysis-report.lock").write_text("999999999\n", encoding="utf-8")
    # The folder holds nothing but the dead run's leftovers: no --force needed, and none kept.
    assert cli.main(["report", str(persona["export"]), "--anonymize", "--out", str(out), "--format", "csv"]) == 0
    assert {p.name for p in out.iterdir()} == _written(capsys)
    # The library's own entry point cleans them too.
    from netanalysis import report as rep

    staging.mkdir()
    (staging / "strength.csv").write_text("name\nAna Silva\n", encoding="utf-8")
    G = nx.Graph(ego="me")
    G.add_edge("me", "a", met="in_person", strength=0.8)
    paths = rep.write_report(rep.build_report(G, anonymize=True, salt="a secret salt"), out, force=True)
    assert {p.name for p in out.iterdir()} == {p.name for p in paths}  # the earlier run's extra tables too

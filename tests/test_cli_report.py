"""The report command (netanalysis/cli/report.py), driven in-process: the page, --gexf, --anonymize."""


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

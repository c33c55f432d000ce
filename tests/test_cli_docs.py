"""Every command has help text and is documented in the README (as in sqlite-utils' test_docs)."""

import argparse

import pytest
from conftest import ROOT

from netanalysis.cli import build_parser, main


def _commands():
    parser = build_parser()
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                help_text = next((a.help for a in action._choices_actions if a.dest == name), None)
                found.append((name, sub, help_text))
    return found


COMMANDS = _commands()


def test_core_commands_exist():
    assert {"inspect", "ties", "demo"} <= {name for name, _, _ in COMMANDS}


@pytest.mark.parametrize("name,sub,help_text", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_command_has_help_and_is_in_the_readme(name, sub, help_text):
    assert help_text, f"'{name}' has no help text"
    for action in sub._actions:
        if action.dest not in ("help",) and not isinstance(action, argparse._SubParsersAction):
            assert action.help, f"'{name} {action.option_strings or action.dest}' has no help text"
    assert f"netanalysis {name}" in (ROOT / "README.md").read_text(), f"'netanalysis {name}' is not in the README"


@pytest.mark.parametrize("name", [c[0] for c in COMMANDS])
def test_help_runs(name, capsys):
    with pytest.raises(SystemExit) as stop:
        main([name, "--help"])
    assert stop.value.code == 0
    assert "usage: netanalysis" in capsys.readouterr().out


def _readme_examples():
    """The README's command lines that run on the committed sample, as written (from the repository root)."""
    import re

    text = (ROOT / "README.md").read_text()
    found = re.findall(r"^ {4}(netanalysis [^\n]*data/sample[^\n]*)$", text, flags=re.M)
    found += re.findall(r"`(netanalysis [^`]*data/sample[^`]*)`", text)
    # `sample all -o data/sample` rewrites the committed sample itself: its own tests run it elsewhere.
    return [line.split("  #")[0].strip() for line in found if " sample " not in f" {line} "[:20]]


README_EXAMPLES = _readme_examples()


def test_the_readme_has_examples_on_the_sample():
    assert len(README_EXAMPLES) >= 6
    assert any(line.startswith("netanalysis compare ") for line in README_EXAMPLES)


@pytest.mark.slow
@pytest.mark.parametrize("line", README_EXAMPLES, ids=[line.split()[1] for line in README_EXAMPLES])
def test_readme_example_runs_from_the_repository_root(line, tmp_path, monkeypatch, capsys):
    import glob
    import shlex

    if not (ROOT / "data" / "sample" / "cohort").is_dir():
        pytest.skip("the sample data is not installed")
    monkeypatch.chdir(ROOT)
    words = shlex.split(line)[1:]
    argv = []
    for i, word in enumerate(words):
        if i and words[i - 1] in ("-o", "--out", "--output", "--ics", "--init-followups", "--figures"):
            word = str(tmp_path / word)  # what the example writes goes to a scratch folder
        matches = sorted(glob.glob(word)) if any(c in word for c in "*?[") else [word]
        assert matches, f"{word!r} matches no file from the repository root"
        argv += matches
    status = main(argv)
    assert status == 0, capsys.readouterr().err

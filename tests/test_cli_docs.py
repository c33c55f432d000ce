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

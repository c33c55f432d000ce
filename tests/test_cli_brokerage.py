"""The brokerage commands (introductions, paths, holes, roles), driven in-process on a hand-built network."""

import pytest
from shapes import intro_graph


@pytest.fixture
def cli_graph(monkeypatch):
    """The CLI with load_graph replaced by a hand-built network (the readers are tested elsewhere)."""
    import netanalysis.cli.brokerage as cli_brokerage

    def fake_load_graph(args):
        G = intro_graph()
        G.add_node("t", name="Tess", company="Target Co", position="Head of data")
        G.add_edge("di", "t", strength=0.5, distance=2.0, met="in_person", evidence="export", sources=["export"])
        return G, [], "me"

    monkeypatch.setattr(cli_brokerage, "load_graph", fake_load_graph)
    from netanalysis.cli import main

    return main


def test_cli_introductions_paths_holes_roles(cli_graph, capsys):
    import json

    assert cli_graph(["introductions", "x.zip", "--top", "3", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 3 and rows[0]["a_name"] and "reason" in rows[0]
    assert cli_graph(["introductions", "x.zip", "--top", "2", "--per-person", "1"]) == 0
    assert "reason" in capsys.readouterr().out
    assert cli_graph(["paths", "x.zip", "--to", "Target Co"]) == 0
    out = capsys.readouterr().out
    assert "Di Park" in out and "you →" in out
    assert cli_graph(["paths", "x.zip", "--to", "Tess", "--hops", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("path_rank,hop,from,")
    assert cli_graph(["holes", "x.zip", "--weight", "none", "--format", "csv"]) == 0
    assert "constraint" in capsys.readouterr().out.splitlines()[0]
    assert cli_graph(["holes", "x.zip", "--only-ego", "--no-betweenness", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["key"] for r in rows] == ["me"] and rows[0]["betweenness"] is None
    assert cli_graph(["roles", "x.zip", "--groups", "company", "--format", "json"]) == 0
    assert "representative_gatekeeper" in json.loads(capsys.readouterr().out)[0]


def test_cli_errors_are_one_line(cli_graph, capsys):
    assert cli_graph(["paths", "x.zip", "--to", "nobody at all here"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("netanalysis: error:") and err.count("\n") == 1
    assert cli_graph(["roles", "x.zip", "--groups", "shoe_size"]) == 2


def test_cli_commands_have_help():
    from netanalysis.cli import build_parser

    parser = build_parser()
    actions = {a.dest: a for a in parser._subparsers._group_actions}
    commands = actions["command"].choices
    for name in ("introductions", "paths", "holes", "roles"):
        sub = commands[name]
        assert sub.description
        for action in sub._actions:
            assert action.help, (name, action.dest)

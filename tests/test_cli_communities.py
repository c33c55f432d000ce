"""The communities, map and export commands (netanalysis/cli/communities.py), driven in-process.

`tiny_export`: a seven-person Connections.csv and knows.csv, from conftest.py.
"""

import networkx as nx
import pandas as pd
import pytest


def test_cli_communities_of_a_single_export_are_groups_by_employer(tiny_export, capsys):
    # One export (+ 6 declared pairs of 21: below the coverage rule) shows no ties between contacts:
    # groups by employer, said not to be circles, never Louvain circles.
    import json

    from netanalysis.cli import main

    assert main(["communities", *tiny_export, "--format", "json"]) == 0
    captured = capsys.readouterr()
    rows = json.loads(captured.out)
    assert [(r["group"], r["by"], r["label"], r["size"], r["ego_ties"]) for r in rows] == [
        (0, "employer", "Acme", 3, 3), (1, "employer", "Clinique Nord", 3, 3), (2, "employer", "Solo Inc", 1, 1)]
    assert ("groups by employer — a single export shows no ties between your contacts, so these are not circles "
            "(ties among your contacts observed for 0 of 7 contacts (29 % of pairs))") in captured.err
    # By role: Data engineer/Data scientist/Engineer -> "data" (2) ties "engineer" (2): the first alphabetically.
    assert main(["communities", *tiny_export, "--by", "role", "--people", "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == "key,name,group,label"
    labels = [line.rsplit(",", 1)[1] for line in captured.out.splitlines()[1:]]
    assert labels == ["data", "data", "nurse", "nurse", "engineer", "founder", "physician"]
    assert "groups by role, not circles" in captured.err


def test_cli_communities_circles_asked_for(tiny_export, capsys):
    import json

    from netanalysis.cli import main

    assert main(["communities", *tiny_export, "--by", "circles", "--method", "ties", "--format", "json"]) == 0
    captured = capsys.readouterr()
    rows = json.loads(captured.out)
    assert [(r["community"], r["size"], r["ego_ties"]) for r in rows] == [(0, 3, 3), (1, 3, 3)]
    assert rows[0]["label"].startswith("Acme")
    assert rows[1]["label"].startswith("Clinique Nord")
    assert "these circles rest only on declared ties" in captured.err


def test_cli_communities_people_csv(tiny_export, capsys):
    from netanalysis.cli import main

    args = ["communities", *tiny_export, "--by", "circles", "--people", "--format", "csv", "--evidence", "observed"]
    assert main([*args, "--method", "ties"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "key,name,community,size,status,stability"
    # Observed only: the knows.csv pairs are declared, so nobody has a tie between contacts.
    assert out.count("no ties between contacts") == 7
    # A single export's employers make groups, not circles: the default method adds none here.
    assert main(args) == 0
    assert capsys.readouterr().out == out


def test_cli_help_texts():
    from netanalysis.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name in ("communities", "map", "export"):
        command = sub.choices[name]
        assert command.description
        for action in command._actions:
            if action.dest != "help":
                assert action.help, (name, action.dest)


def test_cli_map(tiny_export, tmp_path, capsys):
    from netanalysis.cli import main

    out = tmp_path / "out" / "map.html"
    assert main(["map", *tiny_export, "-o", str(out), "--title", "<b>mine</b>"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<img" not in page and "&lt;b&gt;mine&lt;/b&gt;" in page
    assert "map written to" in capsys.readouterr().err
    assert main(["map", *tiny_export, "-o", str(out), "--community", "1"]) == 2  # the map exists
    assert "already exists; pass --force" in capsys.readouterr().err
    assert main(["map", *tiny_export, "-o", str(out), "--community", "1", "--force"]) == 0
    assert main(["map", *tiny_export, "-o", str(tmp_path / "map.png")]) == 2
    assert "ending in .html" in capsys.readouterr().err
    assert main(["map", *tiny_export, "-o", str(out), "--community", "7", "--force"]) == 2


def test_cli_map_says_how_many_people_it_draws(tiny_export, tmp_path, capsys):
    from netanalysis.cli import main

    out = tmp_path / "map.html"
    assert main(["map", *tiny_export, "-o", str(out), "--max-nodes", "3"]) == 0
    assert "people, one node per circle)" in capsys.readouterr().err
    assert main(["map", *tiny_export, "-o", str(out), "--community", "0", "--max-nodes", "1", "--force"]) == 0
    assert "(2 of the network's " in capsys.readouterr().err  # one member and you
    with pytest.raises(SystemExit) as stop:  # refused by argparse, before any work
        main(["map", *tiny_export, "-o", str(out), "--max-nodes", "0", "--force"])
    assert stop.value.code == 2
    assert "argument --max-nodes: must be a whole number of at least 1, not '0'" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "csv"])
def test_cli_export(tiny_export, tmp_path, fmt, capsys):
    from netanalysis.cli import main

    target = tmp_path / ("tables" if fmt == "csv" else f"net.{fmt}")
    assert main(["export", *tiny_export, "--format", fmt, "-o", str(target)]) == 0
    assert "wrote" in capsys.readouterr().err
    if fmt == "csv":
        nodes = pd.read_csv(target / "nodes.csv")
        assert len(nodes) == 8 and set(nodes["community"]) == {-1, 0, 1}
    else:
        H = (nx.read_gexf if fmt == "gexf" else nx.read_graphml)(target)
        assert H.number_of_nodes() == 8 and H.number_of_edges() == 7 + 6
        assert H.nodes["linkedin.com/in/eve-fox"]["name"] == "<img src=x onerror=alert(1)> Fox"
        assert {d["community"] for _, d in H.nodes(data=True)} == {-1, 0, 1}
        assert {d["evidence"] for _, _, d in H.edges(data=True)} == {"export", "declared"}


def test_small_circles_are_grouped_in_the_table_and_counted_apart(repo_root, capsys, monkeypatch):
    # The sample's merged network has a tail of two- and three-person circles: on a terminal they come
    # last, after one line that counts them, as on the map; csv keeps every circle.
    import io

    from netanalysis.cli import main

    monkeypatch.setenv("COLUMNS", "100")
    cohort = repo_root / "data" / "sample" / "cohort"
    args = [*sorted(str(p) for p in cohort.glob("*/*.zip")), "--knows", str(cohort / "knows.csv")]
    assert main(["communities", *args, "--format", "csv"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    small = table[table["size"] < 4]
    assert len(small) >= 2
    assert main(["communities", *args]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (f"small groups: {len(small)} circles of fewer than 4 people ({small['size'].sum():,} "
                        "people), listed last (--all shows them).")
    assert lines[-1].startswith(f"{len(small)} more rows not shown")

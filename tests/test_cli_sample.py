"""The sample command (netanalysis/cli/sample.py): the committed sample regenerated, worlds and personas."""

import hashlib

from netanalysis.datasets import sample_dir

SAMPLE = sample_dir()


def test_committed_sample_matches_its_command(tmp_path):
    """``netanalysis sample all -o data/sample --seed 7 --force`` (README.md) regenerates every committed file."""
    from netanalysis.cli import main

    assert "netanalysis sample all -o data/sample --seed 7 --force" in (SAMPLE / "README.md").read_text()
    assert main(["sample", "all", "-o", str(tmp_path), "--seed", "7", "--format", "csv"]) == 0

    def digests(root):
        return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(root.rglob("*")) if p.is_file()}

    assert digests(tmp_path) == digests(SAMPLE)


def test_cli_world_and_help(tmp_path, capsys):
    from netanalysis.cli import build_parser, main

    assert main(["sample", "world", "-o", str(tmp_path), "--size", "300", "--exports", "2", "--contacts", "30",
                 "--seed", "1", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert '"path": "exports/0001-' in out
    assert (tmp_path / "truth" / "people.csv").exists()
    parser = build_parser()
    sample = parser._subparsers._group_actions[0].choices["sample"]
    assert sample.description and all(a.help for a in sample._actions)
    assert main(["sample", "cultivator", "-o", str(tmp_path / "c"), "--size", "30"]) == 0
    assert (tmp_path / "c" / "personas" / "cultivator" / "ties.csv").exists()

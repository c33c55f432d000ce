"""Every command that reads exports takes ``--name``: a lone Connections.csv never shows its machine key.

A Connections.csv on its own does not say whose it is: its owner is keyed ``owner:Connections``.
With ``--name "Ana Lima"`` every command's default output (the terminal, and the pages, hover
cards and map names of the files it writes) says the name and never that key.
"""

import argparse
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from snapshot_fixtures import HEADER, IN, NEW_CONTACTS, OLD_CONTACTS

from netanalysis.cli import build_parser, main

NAME = "Ana Lima"
KEY = "owner:Connections"


def _lone(directory, day, contacts):
    """A Connections.csv alone in a dated export folder (nothing in it names its owner)."""
    folder = Path(directory) / f"Basic_LinkedInDataExport_{day}"
    folder.mkdir(parents=True)
    rows = [f"{first},{last},{IN}{slug},,{company},{position},{on}"
            for first, last, slug, company, position, on in contacts]
    path = folder / "Connections.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return str(path)


class _Shown(HTMLParser):
    """The text a page shows: its text outside scripts and styles, the map's names and hover cards
    (the map's data block), and the same of every page embedded in an ``<iframe srcdoc>``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._skip, self._map_data = [], None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "iframe" and attrs.get("srcdoc"):
            self.parts.append(shown_text(attrs["srcdoc"]))
        if tag in ("script", "style"):
            self._skip, self._map_data = tag, attrs.get("id") == "map-data"
        for name in ("title", "alt", "aria-label", "placeholder"):
            if attrs.get(name):
                self.parts.append(attrs[name])

    def handle_endtag(self, tag):
        if tag == self._skip:
            self._skip, self._map_data = None, False

    def handle_data(self, data):
        if self._map_data:
            data = json.loads(data)
            self.parts += [str(n.get(k, "")) for n in data["nodes"] for k in ("label", "title")]
            self.parts += [str(e.get("title", "")) for e in data["edges"]]
            self.parts += [str(c.get("label", "")) for c in data["communities"]]
        elif self._skip is None:
            self.parts.append(data)


def shown_text(page):
    parser = _Shown()
    parser.feed(page)
    return "\n".join(parser.parts)


@pytest.fixture(scope="module")
def lone(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lone")
    return folder, _lone(folder, "01-15-2024", OLD_CONTACTS), _lone(folder, "07-15-2024", NEW_CONTACTS)


def _recipes(old, new, out):
    """Each command that reads exports, run on the lone Connections.csv with --name, and the files it writes."""
    return {
        "inspect": ([new], []),
        "ties": (["init", new, "-o", str(out / "ties.csv")], [out / "ties.csv"]),
        "strength": ([new], []),
        "compare": ([new], []),
        "dormant": ([new], []),
        "audience": ([new, "--keywords", "engineer"], []),
        "communities": ([new], []),
        "map": ([new, "-o", str(out / "map.html")], [out / "map.html"]),
        "export": ([new, "--format", "csv", "-o", str(out / "tables")], []),
        "introductions": ([new], []),
        "paths": ([new, "--to", "Acme"], []),
        "holes": ([new], []),
        "roles": ([new], []),
        "report": ([new, "--out", str(out / "report")], [out / "report" / "report.html"]),
        "changes": ([old, new], []),
        "todo": ([new], []),
        "workshop": ([new, "--out", str(out / "workshop")], [out / "workshop" / "workshop.html"]),
    }


def _commands_reading_exports():
    """Every command whose parser takes an export (``EXPORT``, ``OLD``/``NEW``), ``ties init`` included."""
    found = set()

    def walk(parser, name):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub_name, sub in action.choices.items():
                    walk(sub, name or sub_name)
            elif not action.option_strings and action.dest in ("exports", "export", "old"):
                found.add(name)

    walk(build_parser(), None)
    return found


def test_every_command_reading_exports_is_checked_here(tmp_path):
    assert _commands_reading_exports() == set(_recipes("old", "new", tmp_path))


@pytest.mark.parametrize("command", sorted(_recipes("old", "new", Path())))
def test_a_lone_connections_csv_with_name_never_shows_its_key(command, lone, tmp_path, capsys):
    _, old, new = lone
    args, written = _recipes(old, new, tmp_path)[command]
    assert main([command, *args, "--name", NAME]) == 0
    captured = capsys.readouterr()
    shown = captured.out + captured.err
    for path in written:
        text = path.read_text(encoding="utf-8-sig")
        shown += shown_text(text) if path.suffix == ".html" else text
    assert KEY not in shown
    if command in ("inspect", "map", "report", "holes"):
        assert NAME in shown  # where the owner appears, by name


def test_the_page_title_and_the_map_say_the_name(lone, tmp_path, capsys):
    _, _, new = lone
    assert main(["report", new, "--name", NAME, "--out", str(tmp_path / "r")]) == 0
    page = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert re.search(r"<title>([^<]*)</title>", page).group(1) == html.escape(f"{NAME}'s network")
    assert main(["map", new, "--name", NAME, "-o", str(tmp_path / "map.html")]) == 0
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert f"{NAME}\nyou (the owner of the export)" in shown_text(page)  # the owner's hover card


def test_without_a_name_a_command_says_how_to_give_it(lone, capsys):
    _, _, new = lone
    assert main(["inspect", new]) == 0
    captured = capsys.readouterr()
    assert "owner: (unnamed: give the name with --name), not identified by the export" in captured.out
    assert KEY not in captured.out
    assert captured.err == (f"netanalysis: note: nothing in {new} says whose contacts these are; add --name "
                            "\"Your Name\" to see your name instead of a key.\n")
    assert main(["inspect", new, "--name", NAME]) == 0
    assert capsys.readouterr().err == ""


def test_the_name_in_profile_csv_is_used_when_present(tmp_path, capsys):
    new = Path(_lone(tmp_path, "07-15-2024", NEW_CONTACTS))
    (new.parent / "Profile.csv").write_text("First Name,Last Name,Headline\nMia,Owner,Analyst\n", encoding="utf-8")
    assert main(["compare", str(new.parent), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("group,indicator,Mia Owner,") and KEY not in out


def test_compare_takes_one_name_per_export(lone, capsys):
    _, old, new = lone
    assert main(["compare", old, new, "--name", "-", NAME, "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"group,indicator,{KEY},{NAME},")  # the first export was left unnamed on purpose
    assert main(["compare", old, new, "--name", NAME]) == 2
    assert "--name gives 1 names for 2 exports" in capsys.readouterr().err


def test_a_blank_name_is_a_one_line_error(lone, capsys):
    _, old, new = lone
    for args in (["changes", old, new], ["todo", new], ["ties", "init", new, "-o", "x.csv"]):
        assert main([*args, "--name", "  "]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "--name is empty" in err


def test_without_a_name_the_pages_say_you_never_the_key(lone, tmp_path, capsys):
    _, _, new = lone
    assert main(["report", new, "--out", str(tmp_path / "r")]) == 0
    assert main(["map", new, "-o", str(tmp_path / "map.html")]) == 0
    capsys.readouterr()
    for path in (tmp_path / "r" / "report.html", tmp_path / "map.html"):
        page = path.read_text(encoding="utf-8")
        assert re.search(r"<title>([^<]*)</title>", page).group(1) == "Your network"
        assert KEY not in shown_text(page)
    assert "you\nyou (the owner of the export)" in shown_text((tmp_path / "map.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("command", [["strength"], ["holes"], ["introductions"], ["paths", "--to", "Acme"],
                                     ["paths", "--to", "Acme", "--hops"], ["roles"]])
def test_without_a_name_terminal_tables_say_you_never_the_key(command, lone, capsys):
    _, _, new = lone
    assert main([command[0], new, *command[1:]]) == 0
    assert KEY not in capsys.readouterr().out


def test_without_a_name_the_owners_row_reads_you_and_csv_keeps_the_key(lone, capsys):
    _, _, new = lone
    assert main(["holes", new]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[3].split()[:2] == ["you", "you"]  # the name, then the owner's mark
    assert main(["holes", new, "--format", "csv"]) == 0
    assert f"\n{KEY}," in capsys.readouterr().out  # the key column as it is

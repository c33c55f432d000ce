"""pyproject.toml is the source of truth; environment.yml, Makefile and CI follow it."""

import re

import pytest
from conftest import ROOT

try:
    import tomllib
except ImportError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")


# conda-forge names some packages differently from PyPI.
CONDA_NAMES = {"python-igraph": "igraph"}


def _requirement_name(text):
    name = re.split(r"[<>=!~\[; ]", text.strip(), maxsplit=1)[0].lower()
    return CONDA_NAMES.get(name, name)


def test_environment_yml_lists_the_same_runtime_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_requirement_name(d): d for d in project["dependencies"]}
    listed = {}
    text = (ROOT / "environment.yml").read_text()
    for line in text[text.index("dependencies:"):].splitlines():
        item = line.strip()
        if item.startswith("- ") and not item.startswith(("- pip", "- -")) and ":" not in item:
            spec = item[2:].strip()
            listed[_requirement_name(spec)] = spec
    listed.pop("python", None)
    assert set(listed) == set(wanted)
    for name, spec in wanted.items():
        version = re.sub(r"^[\w.-]+", "", spec.replace(" ", ""))
        assert re.sub(r"^[\w.-]+", "", listed[name].replace(" ", "")) == version, name


def test_environment_yml_installs_the_package_itself():
    assert "-e .[test]" in (ROOT / "environment.yml").read_text()


def test_design_card_packages_are_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = {_requirement_name(d) for d in project["dependencies"]}
    assert {"networkx", "pandas", "matplotlib", "jupyterlab", "python-louvain", "pyvis"} <= names


def test_ci_and_readme_use_the_same_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_user_exports_are_ignored_by_git():
    ignored = (ROOT / ".gitignore").read_text()
    assert "private/" in ignored

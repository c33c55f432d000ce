"""The package's layout keeps its three rules: no import cycle, no private name across modules, no long file."""

import ast

import networkx as nx
import pytest
from conftest import ROOT

PACKAGE = ROOT / "netanalysis"
MAX_LINES = 900


def _modules():
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


MODULES = _modules()


def _target(module, node):
    """The absolute module an ``from ... import`` statement names."""
    if node.level == 0:
        return node.module or ""
    parts = module.split(".")
    base = parts if MODULES[module].name == "__init__.py" else parts[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports():
    """(importer, imported module, name) for every ``from netanalysis… import name`` in the package."""
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                target = _target(module, node)
                if target.startswith("netanalysis"):
                    for alias in node.names:
                        yield module, target, alias.name


def test_no_file_is_longer_than_the_limit():
    long = {m: n for m, p in MODULES.items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_no_private_name_crosses_a_module_boundary():
    # A private *module* (_arrays.py) may share its public names; a `_name` stays in its module.
    crossing = sorted(
        (module, f"{target}.{name}") for module, target, name in _imports()
        if name.startswith("_") and not name.startswith("__") and f"{target}.{name}" not in MODULES
        and target != module and not module.startswith(target + ".")
    )
    assert crossing == []


def test_modules_import_each_other_in_one_direction():
    # Package __init__ files re-export their submodules' names: the dependency is on the submodule.
    G = nx.DiGraph()
    for module, target, name in _imports():
        dest = f"{target}.{name}" if f"{target}.{name}" in MODULES else target
        if dest in MODULES and dest != module and MODULES[module].name != "__init__.py" \
                and MODULES[dest].name != "__init__.py":
            G.add_edge(module, dest)
    cycles = [sorted(c) for c in nx.strongly_connected_components(G) if len(c) > 1]
    assert cycles == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_opens_with_its_job(module):
    doc = ast.get_docstring(ast.parse(MODULES[module].read_text(encoding="utf-8")))
    assert doc and doc.strip(), f"{module} has no docstring saying its one job"

"""Contract checks every public function goes through (after scikit-network's test_API.py)."""

import inspect
from collections import Counter

import pytest

import netanalysis as na

MODULES = ["annotations", "anonymize", "brokerage", "communities", "coverage", "datasets", "drafts", "errors", "export",
           "followups", "graph", "identity", "io", "pseudonyms", "reminders", "report", "snapshots", "strength", "synth",
           "todo", "workshop"]
VIZ = ["brokerage", "communities", "interactive", "slides", "strength", "style", "workshop"]


MODULES += ["linkage", "recorded"]  # the user's other data as evidence (issue 22)


def _public():
    import importlib

    found = []
    for name in MODULES:
        module = importlib.import_module(f"netanalysis.{name}")
        found += [(f"netanalysis.{name}", item, getattr(module, item)) for item in module.__all__]
    for name in VIZ:
        module = importlib.import_module(f"netanalysis.viz.{name}")
        found += [(f"netanalysis.viz.{name}", item, getattr(module, item)) for item in module.__all__]
    return found


PUBLIC = _public()
FUNCTIONS = [(m, n, f) for m, n, f in PUBLIC if inspect.isfunction(f)]


def test_public_names_are_unique_across_modules():
    counts = Counter(name for _, name, _ in PUBLIC)
    assert [n for n, c in counts.items() if c > 1] == []


def test_no_public_name_shadows_a_module():
    modules = set(na.MODULES)
    assert modules.isdisjoint(name for _, name, _ in PUBLIC)


def test_top_level_exports_everything():
    assert {name for _, name, _ in PUBLIC} <= set(na.__all__)


def test_lazy_table_names_every_public_name_and_its_module():
    # netanalysis/__init__.py loads names on first use from its _NAMES table: keep it in step.
    import importlib

    public = {name: obj for _, name, obj in PUBLIC}
    missing = sorted(set(public) - set(na._NAMES))
    assert not missing, "add to netanalysis._NAMES: " + ", ".join(missing)
    assert set(na._NAMES) == set(public)
    for name, module in na._NAMES.items():
        assert getattr(importlib.import_module(f"netanalysis.{module}"), name) is public[name], name


def test_import_loads_nothing_but_the_package():
    import subprocess
    import sys

    code = ("import sys, netanalysis; print(sorted(m for m in sys.modules if m.startswith('netanalysis')),"
            " 'matplotlib' in sys.modules, 'networkx' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['netanalysis', 'netanalysis._version'] False False"


def test_reading_an_export_loads_no_record_source():
    import subprocess
    import sys

    # The calendar, mail and address-book readers load when a --source needs them, not on every command.
    code = ("import sys, netanalysis as na; na.read_export(na.sample_files('cohort')['exports'][0]); "
            "print(sorted(m for m in sys.modules if m.startswith('netanalysis.') and m.split('.')[-1] in ('records', 'calendar_ics', 'mbox', "
            "'vcard', 'address_csv', 'networks', 'linkedin_events')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("module,name,func", FUNCTIONS, ids=[f"{m}.{n}" for m, n, _ in FUNCTIONS])
def test_function_has_a_numpydoc_docstring_with_an_example(module, name, func):
    doc = inspect.getdoc(func) or ""
    assert doc, f"{module}.{name} has no docstring"
    assert "Examples" in doc and ">>>" in doc, f"{module}.{name} has no runnable example"


@pytest.mark.parametrize("module,name,func", FUNCTIONS, ids=[f"{m}.{n}" for m, n, _ in FUNCTIONS])
def test_randomness_only_through_seed(module, name, func):
    params = inspect.signature(func).parameters
    assert not {"random_state", "rng"} & set(params), f"{module}.{name}: use seed="

"""Text columns stay Python strings inside the heavy steps, whatever pandas' default storage.

With pyarrow installed pandas stores ``str`` in Arrow, which made reading, merging and reporting
30,000 contacts 1.3-1.7x slower. The pyarrow test runs where pyarrow is installed (not in CI).
"""

import pandas as pd
import pytest

import netanalysis as na
from netanalysis._strings import TEXT_DTYPE, python_strings
from netanalysis.report import build_report


def test_the_storage_is_python_inside_and_restored_after():
    @python_strings
    def probe():
        return pd.get_option("mode.string_storage"), pd.Series(["a"]).array.dtype.storage

    before = pd.get_option("mode.string_storage")
    assert probe() == ("python", "python")
    assert pd.get_option("mode.string_storage") == before
    for heavy in (na.read_export, na.build_graph, build_report):
        assert heavy.__wrapped__.__name__ == heavy.__name__  # decorated, name and docs kept


def test_read_export_builds_python_string_columns():
    export = na.read_export(na.sample_files("cohort")["exports"][1])
    assert export.contacts["name"].dtype == TEXT_DTYPE
    assert export.contacts["name"].array.dtype.storage == "python"


def test_with_pyarrow_as_the_default_the_results_are_the_same():
    pytest.importorskip("pyarrow")
    path = na.sample_files("cohort")["exports"][1]
    plain = na.read_export(path)
    G_plain = na.build_graph([plain])
    with pd.option_context("mode.string_storage", "pyarrow"):
        assert pd.Series(["a"]).array.dtype.storage == "pyarrow"  # the default these steps override
        export = na.read_export(path)
        G = na.build_graph([export])
        report = build_report(G, seed=0)
    for name in ("contacts", "messages", "invitations"):
        pd.testing.assert_frame_equal(getattr(export, name), getattr(plain, name))
    assert export.contacts["name"].array.dtype.storage == "python"
    assert sorted(G.edges(data=True), key=str) == sorted(G_plain.edges(data=True), key=str)
    plain_report = build_report(G_plain, seed=0)
    for name, table in report.tables.items():
        pd.testing.assert_frame_equal(table, plain_report.tables[name])

"""Shared test set-up: a non-interactive matplotlib backend, derandomised property tests, the repository root,
and the fixtures several test files use (a tiny export for the command line, a written persona)."""

import os
from pathlib import Path

import matplotlib
import pytest
from hypothesis import settings

import netanalysis as na

# Property tests are derandomised so that CI never fails by chance; `make fuzz` runs the random search.
settings.register_profile("derandomized", derandomize=True)
settings.register_profile("fuzz", derandomize=False, max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "derandomized"))

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def repo_root():
    """The repository's root folder."""
    return ROOT


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


# A tiny export for command-line tests: two circles of three (one with a hostile name) and a loner.
CONNECTIONS = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ana,Silva,https://www.linkedin.com/in/ana-silva,,Acme,Data engineer,15 Mar 2021
Bo,Chen,https://www.linkedin.com/in/bo-chen,,Acme,Data scientist,16 Mar 2021
Cy,Diaz,https://www.linkedin.com/in/cy-diaz,,Acme,Engineer,17 Mar 2021
Dee,Ekw,https://www.linkedin.com/in/dee-ekw,,Clinique Nord,Nurse,18 Mar 2021
"<img src=x onerror=alert(1)>",Fox,https://www.linkedin.com/in/eve-fox,,Clinique Nord,Nurse,19 Mar 2021
Fay,Gil,https://www.linkedin.com/in/fay-gil,,Clinique Nord,Physician,20 Mar 2021
Gus,Ho,https://www.linkedin.com/in/gus-ho,,Solo Inc,Founder,21 Mar 2021
"""
KNOWS = """a,b,met,note
linkedin.com/in/ana-silva,linkedin.com/in/bo-chen,in_person,
linkedin.com/in/bo-chen,linkedin.com/in/cy-diaz,,
linkedin.com/in/ana-silva,linkedin.com/in/cy-diaz,,
linkedin.com/in/dee-ekw,linkedin.com/in/eve-fox,,
linkedin.com/in/eve-fox,linkedin.com/in/fay-gil,,
linkedin.com/in/dee-ekw,linkedin.com/in/fay-gil,,
"""


@pytest.fixture
def tiny_export(tmp_path):
    """Command-line arguments for a tiny export: two circles, one hostile name, declared ties."""
    (tmp_path / "Connections.csv").write_text(CONNECTIONS, encoding="utf-8")
    (tmp_path / "knows.csv").write_text(KNOWS, encoding="utf-8")
    return [str(tmp_path / "Connections.csv"), "--knows", str(tmp_path / "knows.csv"),
            "--ego-url", "https://www.linkedin.com/in/me-owner"]


# A persona's export written by synth, read and built (the anonymised report and its command).
@pytest.fixture(scope="module")
def persona(tmp_path_factory):
    from netanalysis import synth

    root = tmp_path_factory.mktemp("persona")
    files = synth.write_persona(root, "networker", contacts=80, seed=5)
    export = na.read_export(files["export"])
    return {"files": files, "export": export, "G": na.build_graph(export, ties=na.read_ties(files["ties"]))}

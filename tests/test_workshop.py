"""The trainer's workshop (notebook 05, README): the verdict's direction follows the numbers, and all three agree."""

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest

import netanalysis as na

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "05_big_is_not_strong.ipynb"
needs_sample = pytest.mark.skipif(not (ROOT / "data" / "sample" / "personas").is_dir(),
                                  reason="the sample data is not installed")


@pytest.fixture(scope="module")
def personas():
    graphs = {}
    for label in ("collector", "cultivator"):
        files = na.sample_files(label)
        graphs[label] = na.build_graph(na.read_export(files["exports"][0]), ties=na.read_ties(files["ties"]))
    return graphs


def _would_act_by_hand(G):
    """An independent count: strength >= 0.5, met in person, in touch within 365.25 days of the export."""
    ego, today = G.graph["ego"], dt.date.fromisoformat(str(G.graph["as_of"]))
    count = 0
    for d in G[ego].values():
        last = d.get("last_contact") or d.get("connected_on")
        last = dt.date.fromisoformat(str(last)[:10]) if last else None
        active = last is not None and 0 <= (today - last).days <= 365.25
        count += d.get("met") == "in_person" and float(d["strength"]) >= 0.5 and active
    return count


def _direction(size_a, size_b, a, b):
    """The verdict's documented rule (README, size_strength_verdict), written again."""
    if abs(a - b) <= max(0.1 * max(a, b), 1):
        return "bigger_no_stronger"
    if a < b:
        return "bigger_is_weaker"
    return "bigger_stronger_less_than_size" if a / b < (size_a / size_b) / 2 else "bigger_is_stronger"


@needs_sample
def test_the_verdict_on_the_personas_follows_the_numbers(personas):
    quality = pd.DataFrame([na.network_quality(G) for G in personas.values()], index=list(personas))
    hand = {label: _would_act_by_hand(G) for label, G in personas.items()}
    assert quality["would_act"].to_dict() == hand
    sizes = {label: G.degree(G.graph["ego"]) for label, G in personas.items()}
    verdict = na.size_strength_verdict(quality)
    big = max(sizes, key=sizes.get)
    other = next(label for label in sizes if label != big)
    assert verdict.bigger == big
    assert verdict.direction == _direction(sizes[big], sizes[other], hand[big], hand[other])
    assert f"({hand[big]} against {hand[other]})" in verdict


@needs_sample
def test_readme_quotes_the_computed_verdict(personas):
    quality = pd.DataFrame([na.network_quality(G) for G in personas.values()], index=list(personas))
    readme = (ROOT / "README.md").read_text()
    assert f"> {na.size_strength_verdict(quality)}\n" in readme


def test_notebook_computes_its_verdict_and_defines_nothing():
    nb = json.loads(NOTEBOOK.read_text())
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "na.size_strength_verdict(" in code and "na.meet_in_person(" in code and 'what_if="in_person"' in code
    prose = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert not re.search(r"\b(137|147)\b", prose)  # no computed number written into the prose


@needs_sample
@pytest.mark.notebook
@pytest.mark.slow
def test_notebook_prints_the_library_verdict(personas):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" and "size_strength_verdict" in c.source
                      for o in c.outputs)
    quality = pd.DataFrame([na.network_quality(G) for G in personas.values()], index=list(personas))
    verdict = na.size_strength_verdict(quality)
    assert printed == f"{verdict}\ndirection: {verdict.direction}\n"

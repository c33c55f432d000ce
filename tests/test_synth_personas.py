"""The trainer personas drawn from published figures (synth.grounded): the figures hold, and no other owner moves."""

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from netanalysis import synth
from netanalysis.datasets import sample_files
from netanalysis.synth import grounded
from netanalysis.synth.grounded import FIGURES, GROUNDED, MAINTAINED, OFFLINE_MET

EXPORT_DATE = date(2026, 11, 2)


def _persona_ties(label):
    truth = pd.read_csv(Path(sample_files("cohort")["truth"]) / "ties.csv", keep_default_na=False, dtype=str)
    key = pd.read_csv(Path(sample_files("cohort")["truth"]) / "exports.csv", dtype=str).set_index("label").loc[label, "key"]
    return truth[((truth["a"] == key) | (truth["b"] == key)) & (truth["evidence"] == "export")]


def test_figures_are_the_published_ones():
    assert FIGURES["dunbar_layers"][0] == (5, 15, 50, 150) and MAINTAINED == 150
    assert FIGURES["never_met_share"][0] == 0.07
    assert OFFLINE_MET == 260  # the cultivator's 280 contacts less the 7 % never met (Pew 2011)
    assert all(source for _value, source in FIGURES.values())


@pytest.mark.parametrize(("label", "contacts", "met"), [
    # the cultivator accepts people she met: 7 % of 280 never met; the collector's offline network is
    # the same 260 (Pollet et al. 2011), every other contact a stranger.
    ("cultivator", 280, 260),
    ("collector", 3000, 260),
])
def test_sample_personas_follow_the_figures(label, contacts, met):
    ties = _persona_ties(label)
    assert len(ties) == contacts
    assert int((ties["met"] == "in_person").sum()) == met
    # Dunbar's 150 are in touch at least once a year; a few ties with cohort members come from the shared draw.
    since = (EXPORT_DATE - timedelta(days=365)).isoformat()
    in_touch = (ties["met"] == "in_person") & (ties["last_contact"] >= since) & (ties["last_contact"] != "")
    assert 150 <= int(in_touch.sum()) <= 160
    week = (EXPORT_DATE - timedelta(days=7)).isoformat()
    assert int(((ties["met"] == "in_person") & (ties["last_contact"] >= week)).sum()) >= 5  # the support clique


def test_layers_set_the_last_contact():
    world = synth.make_world(600, owners=[{"persona": "cultivator", "contacts": 200}], seed=3)
    t = world.ties
    idx = world.owner_ties[0]
    today = (EXPORT_DATE - date(1970, 1, 1)).days * 86_400
    days = (today - t["last"][idx][t["in_person"][idx]]) / 86_400
    days = np.sort(days[t["last"][idx][t["in_person"][idx]] >= 0])
    # ranks 1-5 within a week, 6-15 within a month, up to 150 within a year, then 1-5 years ago
    # (unless the acquaintance connected within the year: the connection was the last contact)
    assert (days[:5] <= 7).all() and (days[:15] <= 30).all() and (days[:150] <= 365).all()
    assert (days[150:] > 365).mean() > 0.9
    assert int(t["in_person"][idx].sum()) == round(200 * 0.93)


def test_grounding_moves_no_other_owner(monkeypatch):
    """Change every figure the collector is drawn from: the member's export stays byte for byte."""
    owners = [{"persona": "member", "contacts": 60}, {"persona": "collector", "contacts": 150}]
    before = synth.make_world(500, owners=owners, links=[(0, 1, False)], seed=4)
    monkeypatch.setitem(GROUNDED, "collector", dict(GROUNDED["collector"], msgs=(3.0, 2.0, 2.0, 2.0),
                                                    talk_online=0.5, msgs_online=4.0))
    monkeypatch.setattr(grounded, "OFFLINE_MET", 20)
    after = synth.make_world(500, owners=owners, links=[(0, 1, False)], seed=4)
    assert synth.export_files(before, 0) == synth.export_files(after, 0)
    assert synth.export_files(before, 1) != synth.export_files(after, 1)
    assert int(after.ties["in_person"][after.owner_ties[1]].sum()) < int(before.ties["in_person"][before.owner_ties[1]].sum())

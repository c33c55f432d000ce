"""Worlds written in formats without profile URLs draw no namesakes (issue 17, finding 7): the merged
graph then holds exactly the people of the answer key. The 2025 format (and the committed sample) is unchanged."""

import glob
from collections import Counter

import pandas as pd
import pytest

import netanalysis as na
from netanalysis.identity import normalize_name
from netanalysis.synth import make_world, write_world
from netanalysis.synth.world import unique_names


def _people(folder):
    G = na.build_graph([na.read_export(p) for p in sorted(glob.glob(f"{folder}/exports/*/*.zip"))])
    truth = pd.read_csv(f"{folder}/truth/people.csv")
    return G, truth


@pytest.mark.parametrize("variant", ["2022", "2018"])
@pytest.mark.parametrize("size, members, contacts", [(600, 5, 150), (2000, 10, 500)])
def test_person_count_equals_the_answer_key_without_urls(tmp_path, variant, size, members, contacts):
    write_world(tmp_path, size, members, contacts=contacts, seed=0, variant=variant)
    G, truth = _people(tmp_path)
    visible = truth[~truth["hidden"]]
    assert G.number_of_nodes() == len(visible)
    assert max(Counter(map(normalize_name, truth["name"])).values()) == 1
    # every name of the answer key is a node's name
    assert set(map(normalize_name, visible["name"])) == {normalize_name(d.get("name")) for _, d in G.nodes(data=True)}


def test_the_2025_format_keeps_its_namesakes(tmp_path):
    # Unchanged: worlds in the current format still draw namesakes (URLs tell them apart).
    a = make_world(3000, owners=[{"persona": "member", "contacts": 50}], seed=3)
    b = make_world(3000, owners=[{"persona": "member", "contacts": 50}], seed=3)
    assert a.people["name"] == b.people["name"]
    assert max(Counter(map(normalize_name, a.people["name"])).values()) > 1
    renamed = unique_names(b)
    changed = [i for i in range(3000) if a.people["name"][i] != b.people["name"][i]]
    assert renamed == len(changed) > 0
    assert all(b.people["first"][i].strip() == a.people["first"][i].strip() for i in changed)  # first names kept
    assert [o["name"] for o in b.owners] == [a.people["name"][o["person"]] for o in a.owners]  # owners keep theirs
    again = make_world(3000, owners=[{"persona": "member", "contacts": 50}], seed=3)
    unique_names(again)
    assert again.people["name"] == b.people["name"]  # seeded

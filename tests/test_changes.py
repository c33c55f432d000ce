"""changes / network_movement: what changed between two exports of one person (netanalysis.snapshots).

The expected rows are worked out by hand from tests/snapshot_fixtures.py (its docstring lists every
planted difference); the synthetic pair is checked against the answer key written with it.
"""

import datetime

import pytest
from snapshot_fixtures import IN, NEW_CONTACTS, NEW_MESSAGES, write_export, write_pair

import netanalysis as na
from netanalysis.errors import InputError
from netanalysis.snapshots import changes, network_movement, read_snapshots

K = "linkedin.com/in/"


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    return write_pair(tmp_path_factory.mktemp("snapshots"))


def test_every_planted_change_is_found_and_nothing_else(pair):
    old, new, ties = pair
    df = changes(old, new, ties=ties)
    got = [tuple(r) for r in df[["change", "key", "before", "after", "matched_by", "old_key"]].itertuples(index=False)]
    assert got == [
        ("new_company", K + "ana-lima", "Acme", "Beta Corp", "key", K + "ana-lima"),
        ("new_position", K + "bo-chen", "Analyst", "Partner", "key", K + "bo-chen"),
        ("gone_quiet", K + "dee-roy-2b", "last message 2023-12-05", "no message since", "name+company", K + "dee-roy"),
        ("back_in_touch", K + "eve-martin", "silent since 2021-03-01", "message on 2024-03-10", "key", K + "eve-martin"),
        ("added", K + "hal-ito", "", "Intern at Acme", "", ""),
        ("removed", K + "cy-dubois", "CTO at Acme", "", "", K + "cy-dubois"),
    ]
    assert df.loc[2, "met"] == "in_person" and df.loc[2, "last_contact"] == datetime.date(2023, 12, 5)
    assert df.loc[3, "reason"] == "a message on 2024-03-10 after 36 months of silence"
    assert df.loc[4, "connected_on"] == datetime.date(2024, 3, 1)
    assert df.attrs["matched_by_name"] == 1 and df.attrs["swapped"] is False
    assert (df.attrs["old_date"], df.attrs["new_date"]) == (datetime.date(2024, 1, 15), datetime.date(2024, 7, 15))


def test_a_recent_message_alone_does_not_make_a_tie_strong(pair):
    # Gus: one message on 1 Dec 2023, online; his strength at the old date is high only because of
    # that message's recency, so he is not "gone quiet" (judged as dormant_ties judges strength).
    old, new, ties = pair
    assert K + "gus-hale" not in set(changes(old, new, ties=ties)["key"])


def test_without_ties_csv_a_tie_is_strong_by_its_lasting_strength(pair):
    # Dee's two messages in the owner's busiest thread make her tie strong without ties.csv too.
    old, new, _ = pair
    quiet = changes(old, new).query("change == 'gone_quiet'")
    assert quiet["key"].tolist() == [K + "dee-roy-2b"]
    assert quiet["reason"].iloc[0].startswith("lasting tie strength 0.")


def test_order_does_not_matter_and_the_swap_is_said(pair):
    old, new, ties = pair
    forward, backward = changes(old, new, ties=ties), changes(new, old, ties=ties)
    assert forward.equals(backward)
    assert backward.attrs["swapped"] is True
    assert read_snapshots(new, old)[2] is True


def test_the_same_export_twice_has_no_changes(pair):
    old, _, _ = pair
    df = changes(old, old)
    assert len(df) == 0 and list(df.columns)[:3] == ["change", "key", "name"]


def test_two_people_exports_are_refused_naming_both(pair, tmp_path):
    old, _, _ = pair
    other = write_export(tmp_path, "07-15-2024", NEW_CONTACTS, NEW_MESSAGES, owner=("Zed Other", IN + "zed-other"))
    with pytest.raises(InputError, match=r"Mia Owner's export .* Zed Other's"):
        changes(old, other)


def test_an_export_without_a_date_is_refused(pair, tmp_path):
    old, _, _ = pair
    lone = tmp_path / "Connections.csv"
    lone.write_bytes((old / "Connections.csv").read_bytes())
    with pytest.raises(InputError, match=r"Connections\.csv: this export has no date"):
        changes(old, lone)


def test_two_different_exports_on_one_date_are_refused(pair, tmp_path):
    old, _, _ = pair
    same_day = write_export(tmp_path, "01-15-2024", NEW_CONTACTS, NEW_MESSAGES)
    with pytest.raises(InputError, match="both dated 2024-01-15 but differ"):
        changes(old, same_day)


def test_movement_between_the_two_dates(pair):
    # size 8 -> 8 (Cy left, Hal came); in person: Dee only (1/8 both times); active in the 12
    # months before each date: Dee, Fay, Gus (3/8) then Dee, Eve, Fay, Gus and Hal's connection (5/8).
    old, new, ties = pair
    m = network_movement(old, new, ties=ties).set_index("indicator")
    assert m.loc["size", ["before", "after", "change"]].tolist() == [8.0, 8.0, 0.0]
    assert m.loc["in_person_share", ["before", "after"]].tolist() == [0.125, 0.125]
    assert m.loc["active_share", ["before", "after", "change"]].tolist() == [0.375, 0.625, 0.25]
    assert list(m.index) == ["size", "in_person_share", "mean_strength", "strong_ties", "active_share"]
    assert changes(old, new, ties=ties).attrs["movement"] == network_movement(old, new, ties=ties).to_dict("records")


def test_top_level_name():
    assert na.changes is changes and na.network_movement is network_movement


def _answer(truth):
    import pandas as pd

    key = pd.read_csv(truth, dtype=str, keep_default_na=False)
    return set(zip(key["change"], key["key"], strict=True)), key


def test_on_the_sample_snapshots_every_planted_change_is_found_and_nothing_else():
    files = na.sample_files("snapshots")
    old, new = files["exports"]
    expected, key = _answer(f"{files['truth']}/changes.csv")
    df = changes(new, old, ties=files["ties"])
    assert set(zip(df["change"], df["key"], strict=True)) == expected
    assert len(df) == len(key) == 24
    moved = key[key["change"].isin(["new_company", "new_position"])].set_index("key")
    for row in df[df["change"].isin(["new_company", "new_position"])].itertuples():
        assert (row.before, row.after) == (moved.at[row.key, "before"], moved.at[row.key, "after"])
    assert df.attrs["matched_by_name"] == 1 and df.attrs["swapped"] is True


@pytest.mark.parametrize("seed", [1, 5])
def test_other_synthetic_pairs_match_their_answer_key(tmp_path, seed):
    out = na.write_snapshots(tmp_path, contacts=90, months=4, seed=seed)
    expected, _ = _answer(out["truth"])
    df = changes(out["old"], out["new"], ties=out["ties"])
    assert set(zip(df["change"], df["key"], strict=True)) == expected

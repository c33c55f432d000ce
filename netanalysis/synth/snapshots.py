"""Two exports of one fictional persona, months apart, with planted changes and their answer key.

The newer export is the persona's world as :func:`make_world` draws it, with its message history
re-timed so that only planted ties are in touch after the older date; the older export is the same
world on the older date, before the planted changes. Every change :func:`netanalysis.changes`
reports is listed in the answer key (``truth/changes.csv``), and nothing else happens.
"""

import copy
import datetime as _dt
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError
from ..identity import normalize_company, profile_key
from ..safefiles import write_csv
from ._formats import DAY, day_number
from .linkedin import write_export
from .truth import ties_table, write_ties_file
from .world import make_world

__all__ = ["SNAPSHOT_CHANGES", "write_snapshots"]

#: How many changes of each kind :func:`write_snapshots` plants (``steady`` ties stay in touch: no change).
SNAPSHOT_CHANGES = {"added": 6, "removed": 4, "new_company": 4, "new_position": 4, "gone_quiet": 3,
                    "back_in_touch": 3, "steady": 5}


def _months_before(day, months):
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return _dt.date(year, month + 1, min(day.day, 28))


def _blank_rows(seed, rows):
    """The rows whose company and position the Connections writer blanks (its first random draw)."""
    rng = np.random.default_rng([seed, 7919, 0])
    return (rng.random(rows) < 0.02).tolist()


def write_snapshots(directory, *, persona="networker", contacts=150, months=6, seed=11):
    """Write two exports of one persona ``months`` apart, its ``ties.csv`` and the changes' answer key.

    Planted between the two dates (:data:`SNAPSHOT_CHANGES`): contacts added and removed, people
    who moved to another company, people with a new title at the same company (one of them also
    with a new profile URL: matched by name + company), ties met in person and messaged in the
    months before the older export that went quiet, ties back in touch after more than a year of
    silence, and steady ties messaged on both sides of the older date (no change). All other
    messages are moved to more than a year before the older date, and every other connection to
    before it, so that nothing else changes.

    Parameters
    ----------
    directory : str or Path
    persona : str
        A key of :data:`netanalysis.synth.PERSONAS`.
    contacts : int
        Contacts in the newer export.
    months : int
        Months between the two exports (the newer one is dated 2 Nov 2026).
    seed : int

    Returns
    -------
    dict
        ``old``, ``new`` (archive paths), ``ties`` (``ties.csv``, for the newer export) and
        ``truth`` (``truth/changes.csv``: ``change, key, name, before, after``; ``key`` is the
        newer key, the older one for ``removed``).

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> out = write_snapshots(tempfile.mkdtemp(), contacts=80, seed=3)
    >>> out["old"].name, out["new"].name
    ('Basic_LinkedInDataExport_05-02-2026.zip', 'Basic_LinkedInDataExport_11-02-2026.zip')
    >>> pd.read_csv(out["truth"])["change"].value_counts().sort_index().to_dict()
    {'added': 6, 'back_in_touch': 3, 'gone_quiet': 3, 'new_company': 4, 'new_position': 4, 'removed': 4}
    """
    need = sum(SNAPSHOT_CHANGES.values()) + 10
    if contacts < need or months < 1:
        raise InputError(f"two snapshots need at least {need} contacts and one month between them.")
    world = make_world(max(300, contacts * 3), owners=[{"persona": persona, "contacts": contacts}], seed=seed)
    world.groups = []  # group chats would be in touch after the older date too
    rng = np.random.default_rng([seed, 2021])
    p, t, m = world.people, world.ties, world.messages
    me = world.owners[0]["person"]
    ties = world.owner_ties[0]
    other = np.where(t["a"][ties] == me, t["b"][ties], t["a"][ties])
    new_date = world.export_date
    old_date = _months_before(new_date, months)
    old_day, new_day = day_number(old_date), day_number(new_date)
    span = new_day - old_day

    table = ties_table(world, 0)
    declared = dict(zip(table["key"], table["met"], strict=True))
    keys = [profile_key(p["url"][o]) for o in other.tolist()]
    usable = [k for k in range(len(ties)) if not p["hidden"][other[k]] and p["company"][other[k]] >= 0 and keys[k]]
    order = [usable[j] for j in rng.permutation(len(usable))]
    n_msgs = t["n_msgs"][ties]

    def take(count, condition):
        chosen = [k for k in order if condition(k)][:count]
        for k in chosen:
            order.remove(k)
        if len(chosen) < count:
            raise InputError("this world is too small for the planted changes; ask for more contacts.")
        return chosen

    plan = {
        "gone_quiet": take(SNAPSHOT_CHANGES["gone_quiet"],
                           lambda k: n_msgs[k] >= 1 and declared.get(keys[k]) == "in_person"),
        "back_in_touch": take(SNAPSHOT_CHANGES["back_in_touch"], lambda k: n_msgs[k] >= 2),
        "steady": take(SNAPSHOT_CHANGES["steady"], lambda k: n_msgs[k] >= 2),
        "added": take(SNAPSHOT_CHANGES["added"], lambda k: True),
        "removed": take(SNAPSHOT_CHANGES["removed"], lambda k: True),
    }
    # The Connections writer blanks a few rows' company and position (by row position in each
    # export): a job change must fall on a row shown in both exports.
    in_new = [k for k in range(len(ties)) if k not in plan["removed"]]
    in_old = [k for k in range(len(ties)) if k not in plan["added"]]
    shown = {k for k, b in zip(in_new, _blank_rows(world.seed, len(in_new)), strict=True) if not b}
    shown &= {k for k, b in zip(in_old, _blank_rows(world.seed, len(in_old)), strict=True) if not b}
    plan["new_company"] = take(SNAPSHOT_CHANGES["new_company"], lambda k: k in shown)
    plan["new_position"] = take(SNAPSHOT_CHANGES["new_position"], lambda k: k in shown)
    role = {k: kind for kind, chosen in plan.items() for k in chosen}

    # Connections: the added ones after the older date, everyone else before it.
    connected = t["connected"]
    for k, tie in enumerate(ties.tolist()):
        if role.get(k) == "added":
            connected[tie] = old_day + 1 + int(rng.integers(0, span - 1))
            t["n_msgs"][tie] = 0
        elif connected[tie] > old_day:
            connected[tie] = old_day - int(rng.integers(1, 60))
    # Messages: shift each tie's history; planted ties get their last message where the plan says.
    late = {}
    for k, tie in enumerate(ties.tolist()):
        count = int(t["n_msgs"][tie])
        if not count:
            continue
        ks = int(t["msg_start"][tie]) + np.arange(count)
        times = m["time"][ks].astype(np.int64)
        kind = role.get(k)
        if kind in ("back_in_touch", "steady"):
            last = ks[np.argmax(times)]
            rest = ks[ks != last]
            gap = 400 if kind == "back_in_touch" else 30
            ceiling = (old_day - gap) * DAY
            shift = ceiling - int(m["time"][rest].max())  # steady: the last earlier message 30 days before
            m["time"][rest] += min(0, shift) if kind == "back_in_touch" else shift
            m["time"][last] = (old_day + 5 + int(rng.integers(0, span - 10))) * DAY + int(rng.integers(0, DAY))
            # the written export lists a tie's messages msg_start.. in order: put the late one last
            order_k = np.concatenate([rest, [last]])
            for field in ("time", "from_a", "template"):
                m[field][ks] = m[field][order_k]
            late[k] = int(m["time"][ks[-1]])
        elif kind == "gone_quiet":
            ceiling = (old_day - int(rng.integers(10, 150))) * DAY
            m["time"][ks] += ceiling - int(times.max())
        else:
            m["time"][ks] += min(0, (old_day - 400) * DAY - int(times.max()))

    old = copy.deepcopy(world)
    old.export_date = old_date
    new_ties = np.array([tie for k, tie in enumerate(ties.tolist()) if role.get(k) != "removed"], dtype=ties.dtype)
    old_ties = np.array([tie for k, tie in enumerate(ties.tolist()) if role.get(k) != "added"], dtype=ties.dtype)
    world.owner_ties[0], old.owner_ties[0] = new_ties, old_ties
    for k in late:  # the older export does not have the late message yet
        old.ties["n_msgs"][ties[k]] -= 1
    names = world.company_names
    answer = []
    for k in plan["new_company"]:
        o = int(other[k])
        here = normalize_company(names[p["company"][o]])
        moves = [c for c in range(len(names)) if normalize_company(names[c]) != here]
        old.people["company"][o] = moves[int(rng.integers(len(moves)))]
        answer.append(("new_company", keys[k], p["name"][o], names[old.people["company"][o]], names[p["company"][o]]))
    for j, k in enumerate(plan["new_position"]):
        o = int(other[k])
        titles = sorted({str(x) for x in p["position"]} - {"", str(p["position"][o])})
        old.people["position"][o] = titles[int(rng.integers(len(titles)))]
        if j == 0:  # a new profile URL too: matched by name and company
            old.people["url"][o] = p["url"][o] + "-" + str(int(rng.integers(100, 999)))
        answer.append(("new_position", keys[k], p["name"][o], old.people["position"][o], p["position"][o]))
    for k in plan["gone_quiet"]:
        answer.append(("gone_quiet", keys[k], p["name"][other[k]], "", ""))
    for k in plan["back_in_touch"]:
        day = _dt.datetime.fromtimestamp(late[k], _dt.UTC).date()
        answer.append(("back_in_touch", keys[k], p["name"][other[k]], "", f"message on {day.isoformat()}"))
    for kind in ("added", "removed"):
        for k in plan[kind]:
            answer.append((kind, keys[k], p["name"][other[k]], "", ""))

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = {"old": write_export(old, 0, directory), "new": write_export(world, 0, directory),
             "ties": write_ties_file(world, 0, directory / "ties.csv")}
    truth = pd.DataFrame(answer, columns=["change", "key", "name", "before", "after"])
    paths["truth"] = write_csv(truth.sort_values(["change", "key"]).reset_index(drop=True),
                               directory / "truth" / "changes.csv")
    return paths


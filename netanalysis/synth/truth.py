"""Answer keys of a synthetic world (the truth the analyses should recover) and its owners' ties.csv and knows.csv."""

from pathlib import Path

import numpy as np
import pandas as pd

from ..safefiles import formula_safe_frame, write_csv
from ._formats import DAY, epoch_day, iso_day
from ._vocabulary import WHERE_MET
from .world import PERSONAS

__all__ = [
    "answer_key",
    "knows_table",
    "ties_table",
    "write_knows_file",
    "write_ties_file",
    "write_truth",
    "write_truth_streamed",
]


def _visible_exports(world):
    """For each tie, the owners whose export lists it with a name (hidden rows excluded)."""
    t, p = world.ties, world.people
    listed = [[] for _ in range(len(t["a"]))]
    for i, o in enumerate(world.owners):
        me = o["person"]
        for tie in world.owner_ties[i].tolist():
            other = t["b"][tie] if t["a"][tie] == me else t["a"][tie]
            if not p["hidden"][other]:
                listed[tie].append(o["key"])
    return listed


def _tie_pairs(world):
    """(keys, first, second, listed): each tie's ends ordered by key, and who lists it."""
    keys = np.array(world.people["key"], dtype=object)
    a, b = world.ties["a"], world.ties["b"]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    flip = keys[lo] > keys[hi]
    return keys, np.where(flip, hi, lo), np.where(flip, lo, hi), _visible_exports(world)


def _tie_frame(world, idx, pairs):
    """The answer-key rows of the ties ``idx`` (see :func:`answer_key`)."""
    p, t = world.people, world.ties
    keys, first, second, listed = pairs
    f, g = first[idx], second[idx]
    return pd.DataFrame({
        "a": keys[f], "b": keys[g],
        "a_name": [p["name"][x] for x in f], "b_name": [p["name"][x] for x in g],
        "met": np.where(t["in_person"][idx], "in_person", "online"),
        "connected_on": [iso_day(d) for d in t["connected"][idx]],
        "messages": t["n_msgs"][idx],
        "last_contact": [iso_day(s // DAY) if s >= 0 else "" for s in t["last"][idx]],
        "evidence": "export",
        "exports": [";".join(sorted(listed[i])) for i in idx.tolist()],
        "hidden": p["hidden"][t["a"][idx]] | p["hidden"][t["b"][idx]],
    })


def write_truth_streamed(world, directory, *, chunk=200_000):
    """Write the answer key of a big world; the ties table goes to disk a chunk at a time.

    Gives the same bytes as writing :func:`answer_key` with :func:`netanalysis.safefiles.write_csv`,
    without holding the whole ties table (and its formula-safe copy) in memory.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    pairs = _tie_pairs(world)
    keys, first, second, _listed = pairs
    a_keys, b_keys = keys[first].tolist(), keys[second].tolist()
    order = np.array(sorted(range(len(a_keys)), key=lambda i: (a_keys[i], b_keys[i])), dtype=np.int64)
    path = directory / "ties.csv"
    tmp = path.with_name("." + path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        for start in range(0, len(order), chunk):
            frame = _tie_frame(world, order[start:start + chunk], pairs)
            formula_safe_frame(frame).to_csv(handle, index=False, header=start == 0, lineterminator="\n")
    tmp.replace(path)
    paths = [path]
    key = answer_key(world, ties=False)
    for name in ("people", "communities", "companies", "exports"):
        paths.append(write_csv(key[name], directory / f"{name}.csv"))
    return paths


def answer_key(world, *, knows=None, ties=True):
    """The truth behind a world, as tidy tables.

    Parameters
    ----------
    world : World
    knows : pandas.DataFrame, optional
        Pairs declared in a knows.csv (``a, b, met, note``); added to ``ties`` with
        ``evidence="knows"`` (they are real ties of the world that no export shows).
    ties : bool
        Build the ``ties`` table (the big one); ``False`` leaves it out.

    Returns
    -------
    dict of pandas.DataFrame
        ``people``: ``key, name, first_name, last_name, url, community, community_label, sector, city,
        company, position, language, hidden, owner`` (the owner label, or empty), for everyone who has
        a tie. ``ties``: ``a, b, a_name, b_name, met`` (``in_person|online``), ``connected_on``,
        ``messages`` (one-to-one messages), ``last_contact``, ``evidence`` (``export|knows``),
        ``exports`` (keys of the owners whose export lists the tie by name, ``;``-joined),
        ``hidden`` (the tie shows only as a date-only row). ``communities``: ``community, label,
        sector, city, people, companies``. ``companies``: ``company, sector, city, community``.
        ``exports``: ``label, key, name, persona, community`` (the owner's own), ``contacts``
        (rows of their Connections.csv), ``hidden_rows``.

    Examples
    --------
    >>> from netanalysis.synth import make_world
    >>> w = make_world(200, owners=[{"persona": "cultivator", "contacts": 40}], seed=2)
    >>> key = answer_key(w)
    >>> len(key["ties"]), bool(key["ties"]["met"].isin(["in_person", "online"]).all())
    (40, True)
    """
    p, t = world.people, world.ties
    comm = world.communities
    companies = world.companies["company"].to_numpy()
    a, b = t["a"], t["b"]
    involved = np.unique(np.concatenate([a, b, [o["person"] for o in world.owners]]))
    knows_pairs = []
    if knows is not None and len(knows):
        index = {k: n for n, k in enumerate(p["key"])}
        knows_pairs = [(index[x], index[y], m) for x, y, m in zip(knows["a"], knows["b"], knows["met"], strict=False)]
        involved = np.unique(np.concatenate([involved, [x for x, _, _ in knows_pairs],
                                             [y for _, y, _ in knows_pairs]]))
    owner_label = {o["person"]: o["label"] for o in world.owners}
    keys = np.array(p["key"], dtype=object)
    people = pd.DataFrame({
        "key": keys[involved],
        "name": [p["name"][x] for x in involved],
        "first_name": [p["first"][x].strip() for x in involved],
        "last_name": [p["last"][x].strip() for x in involved],
        "url": [p["url"][x] for x in involved],
        "community": p["community"][involved],
        "community_label": comm["label"].to_numpy()[p["community"][involved]],
        "sector": comm["sector"].to_numpy()[p["community"][involved]],
        "city": comm["city"].to_numpy()[p["community"][involved]],
        "company": [companies[c] if c >= 0 else "" for c in p["company"][involved]],
        "position": [p["position"][x] if p["company"][x] >= 0 else "" for x in involved],
        "language": np.where(p["french"][involved], "fr", "en"),
        "hidden": p["hidden"][involved],
        "owner": [owner_label.get(int(x), "") for x in involved],
    }).sort_values("key", kind="stable").reset_index(drop=True)
    if not ties:
        return {"people": people, "communities": _community_counts(world, involved),
                "companies": world.companies[["company", "sector", "city", "community"]].copy(),
                "exports": _export_table(world)}
    pairs = _tie_pairs(world)
    ties = _tie_frame(world, np.arange(len(a)), pairs)
    if knows_pairs:
        extra = []
        for x, y, met in knows_pairs:
            x, y = (x, y) if keys[x] < keys[y] else (y, x)
            extra.append({"a": keys[x], "b": keys[y], "a_name": p["name"][x], "b_name": p["name"][y],
                          "met": met, "connected_on": "", "messages": 0, "last_contact": "",
                          "evidence": "knows", "exports": "", "hidden": False})
        ties = pd.concat([ties, pd.DataFrame(extra)], ignore_index=True)
    ties = ties.sort_values(["a", "b", "evidence"], kind="stable").reset_index(drop=True)
    return {"people": people, "ties": ties, "communities": _community_counts(world, involved),
            "companies": world.companies[["company", "sector", "city", "community"]].copy(),
            "exports": _export_table(world)}


def _community_counts(world, involved):
    comm = world.communities
    counts = np.bincount(world.people["community"][involved], minlength=len(comm))
    return comm.assign(people=counts, companies=world.companies.groupby("community").size().reindex(
        comm["community"], fill_value=0).to_numpy())


def _export_table(world):
    p, a, b = world.people, world.ties["a"], world.ties["b"]
    return pd.DataFrame([{
        "label": o["label"], "key": o["key"], "name": o["name"], "persona": o["persona"],
        "community": o["community"], "contacts": len(world.owner_ties[i]),
        "hidden_rows": int(p["hidden"][np.where(a[world.owner_ties[i]] == o["person"],
                                                b[world.owner_ties[i]], a[world.owner_ties[i]])].sum()),
    } for i, o in enumerate(world.owners)])


def ties_table(world, owner, *, seed=None):
    """The owner's filled-in ``ties.csv`` as a DataFrame (columns of ``docs/architecture.md``).

    A realistic share of ``met`` is answered (the persona's ``filled``), always truthfully; the rest
    is blank, as when a user has not got round to it. Hidden members (date-only rows) are left out.

    Returns
    -------
    pandas.DataFrame
        ``key, name, company, position, connected_on, met, where_met, when_met, last_contact, notes,
        suggested, suggested_reason`` (``met``: ``in_person``, ``online`` or empty).

    Examples
    --------
    >>> from netanalysis.synth import make_world
    >>> w = make_world(150, owners=[{"persona": "cultivator", "contacts": 30}], seed=8)
    >>> table = ties_table(w, 0)
    >>> len(table) == 30 - int(w.people["hidden"][w.ties["b"]].sum())
    True
    >>> sorted(set(table["met"]) - {""})
    ['in_person', 'online']
    """
    p, t = world.people, world.ties
    i = world.owner_index(owner) if isinstance(owner, str) else int(owner)
    o = world.owners[i]
    me = o["person"]
    rng = np.random.default_rng([world.seed, 104729, i] if seed is None else seed)
    companies = world.companies["company"].to_numpy()
    rows = []
    filled = PERSONAS[o["persona"]]["filled"]
    for tie in world.owner_ties[i].tolist():
        other = int(t["b"][tie] if t["a"][tie] == me else t["a"][tie])
        if p["hidden"][other]:
            continue
        in_person = bool(t["in_person"][tie])
        # People you message are the ones you remember: answer those more often.
        answered = rng.random() < (min(0.97, filled + 0.15) if t["n_msgs"][tie] else filled - 0.05)
        met = ("in_person" if in_person else "online") if answered else ""
        where = when = last = notes = ""
        if answered and in_person and rng.random() < 0.6:
            words = WHERE_MET["fr" if p["french"][me] else "en"]
            where = words[int(rng.integers(len(words)))]
            if t["same_company"][tie]:
                where = ("collègue chez " if p["french"][me] else "colleague at ") + companies[p["company"][me]]
            when = str(epoch_day(t["connected"][tie] - int(rng.integers(0, 400))).year)
        if answered and t["last"][tie] >= 0 and rng.random() < 0.35:
            last = iso_day(t["last"][tie] // DAY)
        if answered and in_person and rng.random() < 0.03:
            notes = "à recontacter" if p["french"][me] else "follow up"
        c = p["company"][other]
        rows.append({
            "key": p["key"][other], "name": p["name"][other],
            "company": companies[c] if c >= 0 else "", "position": p["position"][other] if c >= 0 else "",
            "connected_on": iso_day(t["connected"][tie]), "met": met, "where_met": where, "when_met": when,
            "last_contact": last, "notes": notes, "suggested": "", "suggested_reason": "",
        })
    return pd.DataFrame(rows, columns=["key", "name", "company", "position", "connected_on", "met", "where_met",
                                       "when_met", "last_contact", "notes", "suggested", "suggested_reason"])


def write_ties_file(world, owner, path):
    """Write the owner's filled-in ``ties.csv`` (UTF-8 with BOM, CRLF, formula-safe); return its path.

    Examples
    --------
    >>> from netanalysis.synth import make_world
    >>> import tempfile
    >>> w = make_world(150, owners=[{"persona": "member", "contacts": 30}], seed=8)
    >>> path = write_ties_file(w, 0, tempfile.mkdtemp() + "/ties.csv")
    >>> path.read_bytes()[:11]
    b'\\xef\\xbb\\xbfkey,name'
    """
    return write_csv(ties_table(world, owner), path, bom=True)


def knows_table(world, owner=0, *, pairs=40):
    """Pairs of the owner's contacts who know each other, as the owner would declare them.

    Colleagues at the same company and in-person contacts of the same community; most pairs are
    between people who did not export, so no export can show them.

    Returns
    -------
    pandas.DataFrame
        ``a, b`` (person keys), ``met`` (``in_person|online``), ``note``.

    Examples
    --------
    >>> from netanalysis.synth import make_world
    >>> w = make_world(400, owners=[{"persona": "cultivator", "contacts": 120}], seed=8)
    >>> knows = knows_table(w, 0, pairs=10)
    >>> list(knows.columns), len(knows)
    (['a', 'b', 'met', 'note'], 10)
    """
    p, t = world.people, world.ties
    i = world.owner_index(owner) if isinstance(owner, str) else int(owner)
    me = world.owners[i]["person"]
    rng = np.random.default_rng([world.seed, 15485863, i])
    idx = world.owner_ties[i]
    other = np.where(t["a"][idx] == me, t["b"][idx], t["a"][idx])
    ok = ~p["hidden"][other] & t["in_person"][idx]
    friends = np.unique(other[ok])
    owners = {o["person"] for o in world.owners}
    companies = world.companies["company"].to_numpy()
    fr = p["french"][me]
    seen, rows = set(), []
    by_company = {}
    for x in friends.tolist():
        if p["company"][x] >= 0:
            by_company.setdefault(int(p["company"][x]), []).append(x)
    candidates = []
    for c, xs in sorted(by_company.items()):
        for u in range(len(xs)):
            for v in range(u + 1, len(xs)):
                candidates.append((xs[u], xs[v], "in_person",
                                   ("collègues chez " if fr else "colleagues at ") + companies[c]))
    order = rng.permutation(len(candidates))
    for k in order[: pairs * 2 // 3].tolist():
        candidates_k = candidates[k]
        seen.add(frozenset(candidates_k[:2]))
        rows.append(candidates_k)
    by_comm = {}
    for x in friends.tolist():
        by_comm.setdefault(int(p["community"][x]), []).append(x)
    pools = [xs for _c, xs in sorted(by_comm.items()) if len(xs) >= 2]
    tries = 0
    while len(rows) < pairs and pools and tries < pairs * 20:
        tries += 1
        xs = pools[int(rng.integers(len(pools)))]
        u, v = (int(x) for x in rng.choice(xs, 2, replace=False))
        if frozenset((u, v)) in seen:
            continue
        seen.add(frozenset((u, v)))
        met = "in_person" if rng.random() < 0.7 else "online"
        note = rng.choice(["je les ai présentés", "même comité", "ils se connaissent du 5 à 7"] if fr else
                          ["I introduced them", "same board", "they met at my meetup"])
        rows.append((u, v, met, str(note)))
    # One pair where one side exported: an export confirms it, the user declares it too.
    other_owners = sorted(x for x in owners if x != me and x in set(other.tolist()))
    if other_owners and friends.size:
        u = other_owners[0]
        v = next((int(x) for x in friends if int(x) not in owners and frozenset((u, int(x))) not in seen), None)
        if v is not None:
            rows.append((u, v, "in_person", "atelier" if fr else "workshop"))
    out = pd.DataFrame([{"a": p["key"][u], "b": p["key"][v], "met": m, "note": n} for u, v, m, n in rows],
                       columns=["a", "b", "met", "note"])
    return out


def write_knows_file(world, owner, path, *, pairs=40):
    """Write the owner's ``knows.csv`` (``a,b,met,note``; UTF-8 with BOM); return the path and the table.

    Examples
    --------
    >>> from netanalysis.synth import make_world
    >>> import tempfile
    >>> w = make_world(400, owners=[{"persona": "cultivator", "contacts": 120}], seed=8)
    >>> path, table = write_knows_file(w, 0, tempfile.mkdtemp() + "/knows.csv", pairs=5)
    >>> path.name, len(table)
    ('knows.csv', 5)
    """
    table = knows_table(world, owner, pairs=pairs)
    return write_csv(table, path, bom=True), table


def write_truth(key, directory):
    """Write an answer key (:func:`answer_key`) as formula-safe CSV files in ``directory``; return their paths."""
    directory = Path(directory)
    paths = []
    for name in ("people", "ties", "communities", "companies", "exports"):
        paths.append(write_csv(key[name], directory / f"{name}.csv"))
    return paths

"""Ready-made synthetic sets: one persona, the committed sample (data/sample), benchmark worlds."""

from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError
from ..safefiles import atomic_write_text
from ._formats import ascii_fold
from .linkedin import write_export
from .snapshots import write_snapshots
from .truth import (
    answer_key,
    knows_table,
    write_knows_file,
    write_ties_file,
    write_truth,
    write_truth_streamed,
)
from .world import PERSONAS, make_world, unique_names

#: Export formats that list no profile URL: people are told apart by name and company only, so
#: the worlds written in them draw no namesakes (:func:`netanalysis.synth.world.unique_names`).
NO_URL_VARIANTS = ("2022", "2018")

__all__ = [
    "NO_URL_VARIANTS",
    "sample_world",
    "write_persona",
    "write_sample",
    "write_world",
]


def write_persona(directory, persona="networker", *, contacts=None, seed=0, variant="2025"):
    """Write one persona's export (and its ``ties.csv``) into ``directory``: a quick toy dataset.

    Parameters
    ----------
    directory : str or Path
    persona : str
        A key of :data:`PERSONAS`.
    contacts : int, optional
        How many contacts (default: networker 600, collector 3,000, cultivator 280, member 250).
    seed : int
    variant : str
        See :func:`write_export`.

    Returns
    -------
    dict
        ``export`` (zip path), ``ties`` (ties.csv path), ``truth`` (the answer-key folder beside
        them) and ``world`` (the :class:`World`).

    Examples
    --------
    >>> import tempfile
    >>> out = write_persona(tempfile.mkdtemp(), "cultivator", contacts=50, seed=4)
    >>> sorted(out)
    ['export', 'ties', 'truth', 'world']
    """
    if persona not in PERSONAS:
        raise InputError(f"unknown persona '{persona}'; use one of {', '.join(PERSONAS)}.")
    contacts = int(contacts or {"networker": 600, "collector": 3000, "cultivator": 280, "member": 250}[persona])
    world = make_world(max(300, int(contacts * 2.5)), owners=[{"persona": persona, "contacts": contacts}],
                       seed=seed)
    if variant in NO_URL_VARIANTS:
        unique_names(world)
    directory = Path(directory)
    path = write_export(world, 0, directory, variant=variant)
    ties = write_ties_file(world, 0, directory / "ties.csv")
    write_truth(answer_key(world), directory / "truth")
    return {"export": path, "ties": ties, "truth": directory / "truth", "world": world}


def write_world(directory, people, members, *, contacts=None, ties=None, seed=0, variant="2025", truth=True):
    """Write a benchmark world: ``members`` exports from a world of ``people`` fictional people.

    Exporters are spread over the planted communities; their contact counts follow a log-normal
    around the mean (capped at LinkedIn's 30,000). Exports are written one at a time, so memory
    holds the world plus one archive.

    Parameters
    ----------
    directory : str or Path
        Receives ``exports/NNNN-<name>/Basic_…zip`` and, with ``truth``, ``truth/*.csv``.
    people : int
        People in the world.
    members : int
        How many of them export their data.
    contacts : int or sequence of int, optional
        Mean contacts per member, or one count per member (default 500).
    ties : int, optional
        Instead of ``contacts``: the total number of member–contact ties wanted (the edges that
        merging the exports reveals); the mean is ``ties / members``.
    seed : int
    variant : str
        See :func:`write_export`.
    truth : bool
        Also write the answer key.

    Returns
    -------
    list of pathlib.Path
        The export archives, in member order.

    Examples
    --------
    >>> import tempfile
    >>> paths = write_world(tempfile.mkdtemp(), 400, 3, contacts=40, seed=5)
    >>> [p.parent.name[:5] for p in paths]
    ['0001-', '0002-', '0003-']
    """
    n_people, n_exports = int(people), int(members)
    if n_exports < 1 or n_exports > n_people:
        raise InputError(f"a world of {n_people} people cannot have {n_exports} exporting members.")
    if contacts is None:
        contacts = max(1, round(ties / n_exports)) if ties else 500
    rng = np.random.default_rng([seed, 31337])
    if np.ndim(contacts):
        counts = [int(c) for c in contacts]
        if len(counts) != n_exports:
            raise InputError("give one contact count per exporting member.")
    else:
        sigma = 0.6 if n_exports > 1 else 0.0
        counts = np.exp(np.log(max(int(contacts), 1)) + sigma * rng.standard_normal(n_exports)
                        - sigma ** 2 / 2)
        counts = np.clip(np.round(counts), min(10, int(contacts)), min(30_000, n_people - 1)).astype(int).tolist()
    # Personas drawn independently of the community (members go round the communities in turn).
    kinds = rng.choice(["member", "networker", "cultivator", "collector"], n_exports, p=[0.7, 0.12, 0.1, 0.08])
    owners = [{"persona": str(kinds[k]) if n_exports > 1 else "networker", "contacts": c,
               "label": f"{k + 1:04d}"} for k, c in enumerate(counts)]
    world = make_world(n_people, owners=owners, seed=seed)
    if variant in NO_URL_VARIANTS:
        unique_names(world)
    directory = Path(directory)
    paths = []
    for i in range(len(world.owners)):
        paths.append(write_export(world, i, directory / "exports" / _folder(world, i), variant=variant))
    if truth:
        write_truth_streamed(world, directory / "truth")
    return paths


#: The committed sample's cohort: (persona, contacts, home community, circles or None).
_COHORT = [
    ("networker", 640, 0, {0: 0.34, 1: 0.2, 3: 0.14, 7: 0.14}),
    ("member", 330, 0, {0: 0.72, 7: 0.12}),
    ("member", 250, 0, {0: 0.65, 3: 0.2}),
    ("member", 290, 1, {1: 0.75, 0: 0.1}),
    ("member", 410, 3, {3: 0.7, 5: 0.15}),
    ("member", 190, 7, {7: 0.8, 1: 0.05}),
    ("member", 230, 1, {1: 0.55, 0: 0.3}),
    ("member", 260, 4, {4: 0.7, 0: 0.1}),
]


_COHORT_LINKS = [(0, k, True) for k in range(1, 8)] + [
    (1, 2, True), (1, 6, True), (3, 6, True), (2, 4, False), (1, 5, False), (3, 7, False), (4, 5, False),
]


def sample_world(*, seed=7, size=None):
    """The world of the committed sample: an 8-person cohort, a collector and a cultivator.

    ``size`` scales the main persona's contacts (default 640); the world grows with it.

    Examples
    --------
    >>> w = sample_world(seed=7, size=60)
    >>> [o["label"] for o in w.owners][:2], w.owners[-1]["label"]
    (['01', '02'], 'cultivator')
    """
    main = min(int(size or _COHORT[0][1]), 30_000)
    scale = main / _COHORT[0][1]
    owners = []
    for k, (persona, contacts, community, circles) in enumerate(_COHORT):
        owners.append({"persona": persona, "contacts": max(20, round(contacts * (scale if k else 1))) if k
                       else main, "community": community, "circles": circles, "label": f"{k + 1:02d}"})
    owners.append({"persona": "collector", "contacts": min(30_000, max(40, round(3000 * scale))), "community": 3,
                   "circles": {3: 0.12, 0: 0.08}, "label": "collector"})
    owners.append({"persona": "cultivator", "contacts": max(20, round(280 * scale)), "community": 2,
                   "circles": {2: 0.3, 0: 0.15, 1: 0.15, 4: 0.15, 9: 0.15}, "label": "cultivator"})
    links = [*list(_COHORT_LINKS), (0, 8, False), (0, 9, True), (4, 8, False)]
    n_people = max(9000, int(9000 * scale))
    return make_world(n_people, owners=owners, links=links, n_communities=12, seed=seed)


def _folder(world, i):
    o = world.owners[i]
    slug = ascii_fold(world.people["name"][o["person"]]).lower()
    return f"{o['label']}-" + "-".join("".join(ch if ch.isalnum() else " " for ch in slug).split())


def write_sample(directory, which="all", *, seed=7, size=None):
    """Write the sample data set (the committed ``data/sample`` is ``write_sample(dir, "all", seed=7)``).

    Parameters
    ----------
    directory : str or Path
    which : {"all", "cohort", "collector", "cultivator"}
        ``cohort``: the eight cohort exports, the main persona's ``ties.csv`` and ``knows.csv``;
        ``collector`` / ``cultivator``: that persona's export and ``ties.csv``; ``all``: everything
        plus ``README.md`` and ``snapshots/`` (two exports of one persona six months apart, with the
        changes' answer key: :func:`write_snapshots`). The answer key (``truth/``) is always written.
    seed : int
    size : int, optional
        Contacts of the main persona (other owners scale with it).

    Returns
    -------
    pandas.DataFrame
        One row per file written: ``path`` (relative to ``directory``), ``kind``, ``bytes``.

    Examples
    --------
    >>> import tempfile
    >>> files = write_sample(tempfile.mkdtemp(), "cultivator", size=40)
    >>> sorted(files["kind"].unique())
    ['export', 'ties', 'truth']
    """
    if which not in ("all", "cohort", "collector", "cultivator"):
        raise InputError(f"unknown sample '{which}'; use all, cohort, collector or cultivator.")
    directory = Path(directory)
    world = sample_world(seed=seed, size=size)
    written = []
    knows = None
    if which in ("all", "cohort"):
        for i in range(len(_COHORT)):
            written.append((write_export(world, i, directory / "cohort" / _folder(world, i)), "export"))
        written.append((write_ties_file(world, 0, directory / "cohort" / "ties.csv"), "ties"))
        path, knows = write_knows_file(world, 0, directory / "cohort" / "knows.csv")
        written.append((path, "knows"))
    for persona in ("collector", "cultivator"):
        if which in ("all", persona):
            i = world.owner_index(persona)
            written.append((write_export(world, i, directory / "personas" / persona), "export"))
            written.append((write_ties_file(world, i, directory / "personas" / persona / "ties.csv"), "ties"))
    if which == "all":
        snapshots = write_snapshots(directory / "snapshots", seed=seed + 4)
        written += [(snapshots["old"], "export"), (snapshots["new"], "export"), (snapshots["ties"], "ties"),
                    (snapshots["truth"], "truth")]
    if knows is None:
        knows = knows_table(world, 0)
    key = answer_key(world, knows=knows)
    written += [(p, "truth") for p in write_truth(key, directory / "truth")]
    _remove_stale_exports(directory, [p for p, kind in written if kind == "export"])
    if which == "all":
        written.append((atomic_write_text(directory / "README.md", _readme(world, key, seed, size)), "readme"))
    return pd.DataFrame([{"path": Path(p).relative_to(directory).as_posix(), "kind": kind,
                          "bytes": Path(p).stat().st_size} for p, kind in written])


def _remove_stale_exports(directory, kept):
    """Delete sample archives left by an earlier run with other settings (and their emptied folders).

    Only ``Basic_LinkedInDataExport_*.zip`` files under ``cohort/*/`` and ``personas/*/`` are
    touched, so that regenerating a sample never leaves a ghost cohort member behind.
    """
    kept = {Path(p).resolve() for p in kept}
    written_groups = {Path(p).resolve().parent.parent.name if Path(p).parent.parent.name == "cohort"
                      else Path(p).resolve().parent.name for p in kept}
    for pattern in ("cohort/*/Basic_LinkedInDataExport_*.zip", "personas/*/Basic_LinkedInDataExport_*.zip"):
        for path in sorted(Path(directory).glob(pattern)):
            group = path.parent.parent.name if pattern.startswith("cohort") else path.parent.name
            if path.resolve() in kept or group not in written_groups:
                continue
            path.unlink()
            if not any(path.parent.iterdir()):
                path.parent.rmdir()


def _readme(world, key, seed, size):
    exports = key["exports"]
    ties = key["ties"]
    lines = []
    command = f"netanalysis sample all -o data/sample --seed {seed}" + (f" --size {size}" if size else "") + " --force"
    for row in exports.itertuples():
        mine = ties[(ties["a"] == row.key) | (ties["b"] == row.key)]
        mine = mine[mine["evidence"] == "export"]
        share = (mine["met"] == "in_person").mean()
        msgs = int(mine["messages"].sum())
        label = key["communities"]["label"].iat[int(row.community)]
        lines.append(f"| {row.label} | {row.persona} | {row.name} | {label} | {row.contacts} | {row.hidden_rows} | "
                     f"{share:.0%} | {msgs} |")
    table = "\n".join(lines)
    n_knows = int((ties["evidence"] == "knows").sum())
    comm_lines = "\n".join(f"| {r.community} | {r.label} | {r.people} | {r.companies} |"
                           for r in key["communities"].itertuples())
    return f"""# Sample data: a fictional workshop cohort and two trainer personas

**Every person, company, school, event and message in this folder is fictional.** They were
generated by `netanalysis.synth` from a fixed seed; names are random combinations of common French
(Québec) and English first and last names, companies are invented word combinations, and e-mail
addresses use the reserved `.example` domain. Any resemblance to real people or organisations is
coincidental.

Regenerate everything, byte for byte, with:

    {command}

(`tests/test_synth.py` checks that this command still reproduces the committed files.)

## Use it

```python
import netanalysis as na

files = na.sample_files("cohort")          # or "collector", "cultivator"
exports = [na.read_export(path) for path in files["exports"]]   # the main persona first
G = na.build_graph(exports, ties=na.read_ties(files["ties"]), knows=na.read_knows(files["knows"]))
```

or from a shell: `netanalysis inspect data/sample/cohort/*/*.zip --ties data/sample/cohort/ties.csv`.
Compare what the analyses find with `truth/` (below).

Two exports of one person, six months apart (`na.sample_files("snapshots")`, the older first):
`netanalysis changes data/sample/snapshots/*.zip --ties data/sample/snapshots/ties.csv` finds every
change listed in `snapshots/truth/changes.csv`, and nothing else.

## Layout

```
cohort/NN-<name>/Basic_LinkedInDataExport_11-02-2026.zip   eight members of a workshop cohort; 01 is the main persona
cohort/ties.csv                                            the main persona's annotations: who was met in person
cohort/knows.csv                                           pairs of the main persona's contacts who know each other
personas/collector/…zip, ties.csv                          "the collector": accepts everyone, mostly online
personas/cultivator/…zip, ties.csv                         "the cultivator": fewer contacts, mostly met in person
snapshots/…05-02-2026.zip, …11-02-2026.zip, ties.csv       one networker's two exports six months apart
snapshots/truth/changes.csv                                every change planted between them (netanalysis changes)
truth/                                                     the answer key (what the analyses should recover)
```

Each archive holds the files of a real LinkedIn "Basic" export in the current format (Nov 2025 –
2026): `Connections.csv` (with the 3-line `Notes:` preamble, `DD Mon YYYY` dates, newest first,
date-only rows for hidden members), `messages.csv` (12 columns, UTC dates, conversations newest
first, group chats, a sponsored message, an InMail from a "LinkedIn Member", system events and a
draft), `Invitations.csv` (the last six months), endorsements and recommendations given and
received, `Profile.csv`, `Positions.csv`, `Education.csv`, `Skills.csv`, `Company Follows.csv`.

| owner | persona | name | own community | contacts | hidden rows | met in person (truth) | 1:1 messages |
|---|---|---|---|---|---|---|---|
{table}

The planted communities (a sector in a city; `people` counts those who appear in some export):

| community | label | people | companies |
|---|---|---|---|
{comm_lines}

## ties.csv (the owner's annotations)

UTF-8 with a byte-order mark, CRLF, one row per named contact:

| column | meaning |
|---|---|
| `key` | the person key `linkedin.com/in/<slug>` (lower-case, percent-decoded) |
| `name`, `company`, `position` | as in Connections.csv (name without stray spaces) |
| `connected_on` | ISO date of the connection |
| `met` | `in_person`, `online`, or blank (not answered yet: 15–35 % of rows) |
| `where_met`, `when_met` | where and which year, for some in-person ties |
| `last_contact` | ISO date, when the owner noted it |
| `notes` | free text |
| `suggested`, `suggested_reason` | left blank (filled by `netanalysis ties init`) |

Every answered `met` is true (it equals `truth/ties.csv`).

## knows.csv

`a,b,met,note`: {n_knows} pairs of the main persona's contacts who know each other (keys), as the persona
declares them: mostly colleagues and people met at the same events, almost all of whom did not
export, so no export can show these ties.

## truth/ (the answer key)

| file | columns |
|---|---|
| `people.csv` | `key, name, first_name, last_name, url, community, community_label, sector, city, company, position, language, hidden, owner` — everyone who has a tie; `hidden` people appear only as date-only rows; `owner` is the export label (`01`…`08`, `collector`, `cultivator`) |
| `ties.csv` | `a, b, a_name, b_name, met, connected_on, messages, last_contact, evidence, exports, hidden` — `met` is the truth (`in_person` or `online`); `messages` counts one-to-one messages; `evidence` is `export` (listed in an export) or `knows` (declared in knows.csv); `exports` lists the owners' keys whose export names the tie |
| `communities.csv` | `community, label, sector, city, people, companies` — the planted communities |
| `companies.csv` | `company, sector, city, community` |
| `exports.csv` | `label, key, name, persona, community, contacts, hidden_rows` — `community` is the owner's own; `contacts` counts Connections.csv rows, hidden ones included |

## How the world was made

People belong to one planted community (a sector in a city) and work for one of its companies.
Each owner draws contacts mostly from their own circles, favouring popular people, so owners of
the same community share contacts; owners who know each other list each other. Whether a tie was
met in person depends on the persona, on being in the owner's circles and on working at the same
company. In-person ties are messaged more often, more and more recently, and are endorsed and
recommended more. See `netanalysis/synth/`.
"""

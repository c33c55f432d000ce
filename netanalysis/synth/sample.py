"""Ready-made synthetic sets: one persona, the committed sample (data/sample), benchmark worlds."""

from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError
from ..safefiles import atomic_write_text
from ._formats import ascii_fold
from .linkedin import write_export
from .snapshots import write_snapshots
from .sources import source_truth, write_sources
from .truth import (
    answer_key,
    knows_table,
    write_knows_file,
    write_ties_file,
    write_truth,
    write_truth_streamed,
)
from .world import PERSONAS, make_world

__all__ = [
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
    directory = Path(directory)
    path = write_export(world, 0, directory, variant=variant)
    ties = write_ties_file(world, 0, directory / "ties.csv")
    write_truth(answer_key(world), directory / "truth")
    return {"export": path, "ties": ties, "truth": directory / "truth", "world": world}


def write_world(directory, people, members, *, contacts=None, ties=None, seed=0, variant="2025", truth=True,
                sources=False):
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
    sources : bool
        Also write each member's calendar, mailbox and address book in ``sources/NNNN-<name>/``
        (with their answer key: :func:`netanalysis.synth.write_sources`).

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
    directory = Path(directory)
    paths = []
    for i in range(len(world.owners)):
        paths.append(write_export(world, i, directory / "exports" / _folder(world, i), variant=variant))
        if sources:
            write_sources(world, i, directory / "sources" / _folder(world, i))
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


def write_sample(directory, which="all", *, seed=7, size=None, sources=False):
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
    sources : bool
        The main persona's calendar, mailbox and address book (``sources/01-<name>/``, with their
        answer key in its ``truth/``: :func:`netanalysis.synth.write_sources`) are always written with
        the cohort; ``True`` writes them for every other owner written too (``sources/<label>-<name>/``,
        apart from the exports, so that ``cohort/*`` still names export folders only).

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
        written += write_sources(world, 0, directory / "sources" / _folder(world, 0))
        if sources:
            for i in range(1, len(_COHORT)):
                written += write_sources(world, i, directory / "sources" / _folder(world, i))
    for persona in ("collector", "cultivator"):
        if which in ("all", persona):
            i = world.owner_index(persona)
            written.append((write_export(world, i, directory / "personas" / persona), "export"))
            written.append((write_ties_file(world, i, directory / "personas" / persona / "ties.csv"), "ties"))
            if sources:
                written += write_sources(world, i, directory / "sources" / _folder(world, i))
    if which == "all":
        snapshots = write_snapshots(directory / "snapshots", seed=seed + 4)
        written += [(snapshots["old"], "export"), (snapshots["new"], "export"), (snapshots["ties"], "ties"),
                    (snapshots["truth"], "truth")]
    if knows is None:
        knows = knows_table(world, 0)
    key = answer_key(world, knows=knows)
    written += [(p, "truth") for p in write_truth(key, directory / "truth")]
    _remove_stale_exports(directory, [p for p, kind in written if kind == "export"])
    _remove_stale_sources(directory, [p for p, kind in written if kind == "source"])
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


def _persona_lines(exports, ties, export_date):
    """One table row per grounded persona: contacts, met in person, never met, met and in touch within a year."""
    from datetime import timedelta

    from .grounded import GROUNDED

    since = (export_date - timedelta(days=365)).isoformat()
    lines = []
    for row in exports.itertuples():
        if row.persona not in GROUNDED:
            continue
        mine = ties[((ties["a"] == row.key) | (ties["b"] == row.key)) & (ties["evidence"] == "export")]
        met = mine["met"] == "in_person"
        touch = met & (mine["last_contact"].astype(str) >= since) & (mine["last_contact"].astype(str) != "")
        lines.append(f"| {row.persona} | {len(mine)} | {int(met.sum())} | {int((~met).sum())} | {int(touch.sum())} |")
    return "\n".join(lines)


def _sources_section(truth):
    met, pairs, emails = truth["met"], truth["pairs"], truth["emails"]
    in_person = met[met["met"] == "in_person"]
    shown = int((in_person["calendar_in_person"] > 0).sum())
    online_only = met[met["met"] == "online"]
    people = emails[emails["kind"] == "person"]
    return f"""## The main persona's other data (sources/01-…/)

What the main persona's own calendar, mailbox and address book say, written from the same world (so
they agree with the exports and `truth/`) in the real formats and their quirks
(`netanalysis.synth.write_sources`; `--sources` writes them for any owner):

- `calendar.ics`: a Google Calendar export (`PRODID` Google, `X-WR-TIMEZONE`, a `VTIMEZONE`, CRLF, lines
  folded at 75 octets, once inside a UTF-8 character of a name; `mailto:`/`MAILTO:` and upper-case
  addresses). In-person meetings at named places, one to one and in small groups of contacts who know
  each other, only with contacts met in person; Google Meet, Zoom and Teams meetings only with contacts met
  online; a weekly series (`RRULE`, an `EXDATE`, a moved instance), an all-hands of 27 people, all-day
  events (a conference, a week off without guests), an invitation the persona declined, a contact who declined, a mailing list as an attendee.
- `mail.mbox`: a Gmail Takeout mailbox (`From_` lines with Gmail ids, `X-Gmail-Labels` with `Sent`,
  RFC 2047 encoded names, quoted-printable bodies, a `>From` line): one-to-one threads, mail co-addressed
  to contacts who know each other, newsletters with `List-Unsubscribe`, no-reply notifications naming
  contacts, a mailing-list message and an invitation sent to 25 people (none of which may make a tie).
- `contacts.vcf`: Apple Contacts (vCard 3.0, `item1.URL` LinkedIn links with Apple's `https\\://`, several
  `EMAIL`s, some cards without a link, a few people who are not LinkedIn contacts).

The answer key, `sources/01-…/truth/`:

| file | columns |
|---|---|
| `met.csv` | `key, name, met, calendar_in_person, calendar_online, mails, address_book` — every contact the export names; `met` is the truth; the counts say how many in-person meetings (timed, accepted, at a place, no conferencing link), online meetings and mails show them |
| `pairs.csv` | `a, b, a_name, b_name, in_person_meetings, online_meetings, mails, revealed, origin` — pairs of contacts who know each other (`origin`: a tie of the world, `knows.csv`, a group chat) and both appear in the calendar or the mail; `revealed`: a small in-person meeting or a mail (at most 20 people, no list, no newsletter) shows them together |
| `emails.csv` | `email, kind, key, name, contact, calendar, mail, address_book` — every address in the files and whose it is |

Of the {len(met)} contacts the export names, {len(in_person)} were met in person; {shown} of them appear
in an in-person meeting of the calendar, and none of the {len(online_only)} contacts met online does.
{int(pairs["revealed"].sum())} pairs of contacts who know each other are shown together by a small
in-person meeting or a mail. {len(people)} addresses belong to
{people["key"].nunique()} people.

How well netanalysis recovers this key (measured on 2026-12-05 with the main persona's export alone and
the three files; `tests/test_synth_records.py` keeps the figures as lower bounds): 92 met-in-person
suggestions, all true (precision 1.00; recall 0.25 of the contacts met in person, 0.56 of those an
in-person meeting shows — the rest are known to the calendar by an address no card or export ties to
a profile, or only from the all-hands); no contact met online suggested; 49 ties between contacts, all
true (precision 1.00; recall 0.53 of the pairs a small meeting or a mail shows, 0.92 of those whose two
people are both identified).
"""


def _remove_stale_sources(directory, kept):
    """Delete ``sources/<label>-<name>/`` folders of an earlier run for the owners written now (another seed
    names other people), touching only the files :func:`write_sources` writes."""
    kept = {Path(p).parent.name for p in kept}
    labels = {name.split("-", 1)[0] for name in kept}
    for folder in sorted(Path(directory).glob("sources/*/")):
        if folder.name in kept or folder.name.split("-", 1)[0] not in labels:
            continue
        for name in ("calendar.ics", "mail.mbox", "contacts.vcf", "truth/met.csv", "truth/pairs.csv",
                     "truth/emails.csv"):
            (folder / name).unlink(missing_ok=True)
        for empty in (folder / "truth", folder):
            if empty.is_dir() and not any(empty.iterdir()):
                empty.rmdir()


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
    personas = _persona_lines(exports, ties, world.export_date)
    n_knows = int((ties["evidence"] == "knows").sum())
    other = _sources_section(source_truth(world, 0))
    comm_lines = "\n".join(f"| {r.community} | {r.label} | {r.people} | {r.companies} |"
                           for r in key["communities"].itertuples())
    from .grounded import MAINTAINED, OFFLINE_MET

    maintained, offline = MAINTAINED, OFFLINE_MET
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
sources/01-<name>/calendar.ics, mail.mbox, contacts.vcf    the main persona's other data: Google Calendar, Gmail, Apple Contacts
sources/01-<name>/truth/                                   their answer key: met.csv, pairs.csv, emails.csv
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

## The trainer personas and the figures they rest on

The collector and the cultivator show a workshop that a big network is not a strong one. So that
the demonstration is not tuned to its conclusion, their ties are drawn from published figures
(`netanalysis/synth/grounded.py`, `FIGURES`), and the conclusion is left to the numbers:
`netanalysis compare data/sample/personas/*/*.zip --ties-beside` computes the verdict from them.

| figure | value | source | what the personas take from it |
|---|---|---|---|
| Dunbar's layers | about 5, 15, 50 and 150 relationships, nested | Zhou, Sornette, Hill & Dunbar (2005), *Proc. R. Soc. B* 272:439–444; Dunbar, Arnaboldi, Conti & Passarella (2015), *Social Networks* 43:39–47 (the same layers in 185,000 Facebook and Twitter ego networks) | each persona maintains {maintained} relationships, ranked into the four layers |
| close relationships do not grow with online contacts | more time on social media goes with more online "friends", not with a larger offline network or closer ties; Facebook networks and their inner layers are the size of offline ones | Pollet, Roberts & Dunbar (2011), *Cyberpsychol. Behav. Soc. Netw.* 14(4):253–258; Dunbar (2016), *R. Soc. Open Sci.* 3:150292 | both personas have the same offline network: {offline} people met in person (the cultivator's 280 contacts less the 7 % never met) |
| how often each layer is in touch | support clique about weekly, sympathy group about monthly, the 150 at least once a year | Hill & Dunbar (2003), *Human Nature* 14:53–72; Dunbar (2020), *Proc. R. Soc. A* 476:20200446 | a maintained tie's last contact falls within 7, 30, 182 (our interpolation for the 50 layer) or 365 days; people met beyond the 150 were last in touch 1–5 years ago |
| online friends never met | 7 % of the average Facebook user's 229 friends (3 % met only once) | Hampton, Goulet, Rainie & Purcell (2011), *Social networking sites and our lives*, Pew Research Center | the cultivator, who accepts people she met, has that 7 % never met; the collector accepts everyone: all his contacts beyond the offline network are strangers |
| who sees a broadcast | 6 % of LinkedIn users used it daily (52 % of Facebook users) | Hampton et al. (2011), Pew | `network_quality`'s broadcast reach counts only contacts active in the last 12 months |
| broadcast against personal messages | about 20 % of a network are active and more than half of those are not concerned by a given job: over 90 % of a post reaches nobody who cares | the practitioners' writing the product grew out of (recruiters and career coaches, Québec and France) | `network_quality`'s `CONCERNED_SHARE` = 0.5 (the generous bound) and `broadcast_wasted_share` |
| bulk against personalised messages | 94 % of the heaviest senders' InMails were bulk, not personalised, with low response; LinkedIn flags senders below a 13 % response rate, and response rates rose 25 % once bulk InMails were curbed; short, personalised InMails get the most answers | LinkedIn Talent Blog (10 July 2014), "InMail policy change to increase response rates"; LinkedIn's InMail study of May 2021–April 2022 (reported by Search Engine Journal, 24 May 2022) | `targeted_reach` counts the people a personal message reaches who know the owner well enough to answer |

Our choices, not published figures: the message counts per layer (means 24, 14, 8, 5 messages;
2.5 for acquaintances), which contacts were met (favouring the owner's circles and colleagues), and
how often a never-met contact exchanged a message (cultivator 30 %, collector 1.5 %). The persona's
contacts themselves (who, and when they connected) come from the shared draw, so the cohort's files
do not change when these figures do.

What came out (counted from `truth/`; "in touch" = a message in the last 12 months):

| persona | contacts | met in person | never met | met and in touch within a year |
|---|---|---|---|---|
{personas}

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

{other}
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
recommended more. The two trainer personas' ties are then drawn again from the published figures
above, each from its own random stream. See `netanalysis/synth/`.
"""

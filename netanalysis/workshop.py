"""The trainer's workshop: every participant's network side by side, size against strength, in one offline page.

:func:`workshop_graph` merges the participants' exports (and applies each one's ``ties.csv`` to
its owner); :func:`workshop_table` measures every participant with
:func:`netanalysis.strength.network_quality` (one row each, ranked by strength, with the rank by
size beside it); :func:`build_workshop` adds the computed verdict
(:func:`netanalysis.strength.size_strength_verdict`), the slide-ready figures
(:mod:`netanalysis.viz.workshop`), the merged cohort's map when the exports overlap, and renders
the page (the report's template shell, its Content-Security-Policy and style sheet);
:func:`write_workshop` writes it all, atomically, checked for leaks when anonymised.
"""

import dataclasses
import io as _io
import os
import shutil
import tempfile
from pathlib import Path

import networkx as nx
import pandas as pd

from .errors import InputError
from .identity import normalize_name, profile_key
from .model import clean_text

__all__ = [
    "WORKSHOP_FIGURES",
    "WORKSHOP_FILE",
    "Workshop",
    "build_workshop",
    "workshop_graph",
    "workshop_table",
    "write_workshop",
]

#: The page's file name, and the table's.
WORKSHOP_FILE = "workshop.html"
TABLE_FILE = "participants.csv"
STAGING_PREFIX = ".netanalysis-workshop-"
#: Figure name → (function of :mod:`netanalysis.viz.workshop`, alternative text). Each is written as
#: ``<name>.png`` (1920 × 1080) and ``<name>.svg`` beside the page.
WORKSHOP_FIGURES = {
    "size_vs_strength": ("plot_cohort_size_strength",
                         "Each participant as a point: contacts across, people who would act on a request up."),
    "ranking": ("plot_cohort_ranking", "Each participant's place by size on the left and by strength on the right."),
    "quality_shares": ("plot_cohort_quality",
                       "Per participant, the shares met in person, still in touch, strong and who would act."),
    "audience": ("plot_cohort_audience",
                 "Per participant: contacts, the people a post reaches who care, and those a personal message reaches."),
}
#: The columns of :func:`workshop_table`, after ``key`` and ``name``.
MEASURES = ("contacts", "met_in_person", "met_unknown", "met_known_share", "met_in_person_share", "mean_strength", "strength_weighted_size",
            "strong_ties", "strong_share", "active", "active_share", "would_act", "would_act_share", "can_vouch_for",
            "broadcast_reach", "broadcast_wasted_share", "targeted_reach")
#: The columns :func:`netanalysis.strength.size_strength_verdict` reads from the table.
VERDICT_COLUMNS = ("contacts", "would_act", "would_act_share", "met_known_share")
_INLINE_DPI = 80  # the page's copy of each figure: 1280 × 720


def _read_all(exports, ties, knows):
    from .io import Export, read_exports, read_knows, read_ties

    exports = list(exports)
    if not exports:
        raise InputError("a workshop needs at least one export; give each participant's LinkedIn export.")
    paths = [e for e in exports if not isinstance(e, Export)]
    if paths:
        read = iter(read_exports(paths))
        exports = [e if isinstance(e, Export) else next(read) for e in exports]
    ties = [t if hasattr(t, "table") else read_ties(t) for t in (ties or ())]
    if knows is not None and not hasattr(knows, "table"):
        knows = read_knows(knows)
    return exports, ties, knows


def _owner_of(G, ties, owners):
    """The participant whose contacts a ties file matches most (by key or profile URL, else by name), and how many rows match."""
    table = ties.table
    keys = set()
    for column in ("key", "url"):
        if column in table:
            keys |= {profile_key(v) or clean_text(v) for v in table[column] if clean_text(v)}
    names = {normalize_name(v) for v in table["name"]} - {""} if "name" in table else set()
    best, score = None, (0, 0)
    for owner in owners:
        contacts = G[owner]
        by_key = len(keys & contacts.keys())
        by_name = len(names & {normalize_name(G.nodes[c].get("name")) for c in contacts}) if names else 0
        if (by_key, by_name) > score:
            best, score = owner, (by_key, by_name)
    return best, max(score)


def workshop_graph(exports, *, ties=(), knows=None, infer=()):
    """Merge the participants' exports into one graph, each ``ties.csv`` applied to its own participant.

    Each ties file (who a participant met in person) goes to the participant whose contacts it
    matches most, by key or profile URL, else by name (:func:`netanalysis.graph.apply_ties`); a file
    of which fewer than half the rows match anyone's contacts is refused (someone else's file).

    Parameters
    ----------
    exports : list of Export or paths
        One export per participant.
    ties : list of Ties or paths, optional
        Participants' ``ties.csv`` files, in any order.
    knows : Knows or path, optional
    infer : iterable of str
        Tie-inference rules (:data:`netanalysis.inference.RULES`).

    Returns
    -------
    networkx.Graph
        :func:`netanalysis.build_graph`'s graph; ``G.graph["ties_files"]`` lists, per ties file,
        its ``participant`` (key), ``rows``, ``matched`` and ``unmatched`` (counts).

    Raises
    ------
    InputError
        A file that cannot be read, a ties file whose rows mostly match no participant's
        contacts, two ties files for one participant.

    Examples
    --------
    >>> import netanalysis as na
    >>> files = na.sample_files("cohort")
    >>> G = workshop_graph(files["exports"][:2], ties=[files["ties"]])
    >>> info = G.graph["ties_files"][0]
    >>> len(G.graph["egos"]), info["participant"] == na.read_export(files["exports"][0]).owner["key"]
    (2, True)
    >>> info["rows"] > 0 and info["matched"] + info["unmatched"] == info["rows"]
    True
    """
    return _merge(exports, ties, knows, infer)[0]


def _merge(exports, ties, knows, infer):
    """:func:`workshop_graph`, and the lines to print about each ties file (rows set aside or matching nobody)."""
    from .graph import annotation_warnings, apply_ties, build_graph

    exports, ties, knows = _read_all(exports, ties, knows)
    G = build_graph(exports, knows=knows, infer=tuple(infer or ()))
    owners = [e.owner["key"] for e in exports if e.owner.get("key") in G]
    applied, warnings = [], []
    for number, table in enumerate(ties, start=1):
        owner, matched = _owner_of(G, table, owners)
        where = getattr(getattr(table, "report", None), "name", None) or f"ties file {number}"
        if owner is None:
            raise InputError(f"{where}: none of its rows matches a participant's contacts; give each participant's "
                             "own ties.csv.")
        if 2 * matched < len(table.table):
            raise InputError(f"{where}: only {matched} of its {len(table.table)} rows match a participant's contacts "
                             f"(most among {G.nodes[owner].get('name') or owner}'s); it does not seem to be one of "
                             "these participants' ties.csv.")
        if any(a["participant"] == owner for a in applied):
            raise InputError(f"{where}: {G.nodes[owner].get('name') or owner} already has a ties file; give one "
                             "ties.csv per participant.")
        info = apply_ties(G, table, owner)
        applied.append({"participant": owner, "rows": info["rows"], "matched": info["matched"],
                        "unmatched": len(info["unmatched"])})
        warnings += [f"{where}: {line.split(': ', 1)[1]}" if line.startswith("ties.csv: ") else line
                     for line in annotation_warnings(G) if line.startswith("ties.csv")]
    G.graph["ties_files"] = applied
    warnings += [line for line in annotation_warnings(G) if line.startswith("knows.csv")]
    return G, warnings


def _labels(G, participants):
    labels, seen = {}, {}
    for key in participants:
        name = clean_text(G.nodes[key].get("name")) or str(key)
        seen[name] = seen.get(name, 0) + 1
        labels[key] = name if seen[name] == 1 else f"{name} ({seen[name]})"
    return labels


def workshop_table(G, participants=None, *, evidence="all", strong=0.5, active_months=12, concerned=None):
    """One row per participant: size and the measures of strength, ranked by strength rather than size.

    Every measure is :func:`netanalysis.strength.network_quality` of the participant's own ties
    (exact for anyone: no ties between contacts are needed). The rank by strength orders by
    ``would_act`` (strong, met in person and active), then ``can_vouch_for``, then
    ``strength_weighted_size``; the rank by size by ``contacts``; ties share the better rank.

    Parameters
    ----------
    G : networkx.Graph
        The merged graph (:func:`workshop_graph`).
    participants : list of keys, optional
        Default ``G.graph["egos"]`` (every export's owner).
    evidence, strong, active_months, concerned
        See :func:`netanalysis.strength.network_quality`.

    Returns
    -------
    pandas.DataFrame
        Indexed by the participant's name (a number added when two share one); columns ``key``,
        ``name``, :data:`MEASURES`, ``rank_size``, ``rank_strength``; sorted by ``rank_strength``.
        ``attrs["notes"]``: participant name → list of caveats (e.g. nobody said whom they met).

    Examples
    --------
    >>> G = nx.Graph(egos=["ann", "bea"], as_of="2024-06-01")
    >>> G.add_nodes_from([("ann", {"name": "Ann"}), ("bea", {"name": "Bea"})])
    >>> for i in range(6):
    ...     G.add_edge("ann", f"a{i}", met="online", strength=0.2, last_contact="2024-05-01")
    >>> for i in range(3):
    ...     G.add_edge("bea", f"b{i}", met="in_person", strength=0.8, last_contact="2024-05-01")
    >>> t = workshop_table(G)
    >>> t[["contacts", "would_act", "rank_size", "rank_strength"]]
                 contacts  would_act  rank_size  rank_strength
    participant
    Bea               3.0        3.0          2              1
    Ann               6.0        0.0          1              2
    """
    from .strength import network_quality

    participants = list(G.graph.get("egos") or []) if participants is None else list(participants)
    participants = [p for p in participants if p in G]
    if not participants:
        raise InputError("no participant is in the network; give each participant's export.")
    labels = _labels(G, participants)
    rows, notes = [], {}
    for key in participants:
        quality = network_quality(G, key, evidence=evidence, strong=strong, active_months=active_months,
                                  concerned=concerned)
        rows.append({"key": str(key), "name": labels[key], **{m: float(quality.get(m, float("nan")))
                                                              for m in MEASURES}})
        said = [f"{m.replace('_', ' ')}: {text}" for m, text in quality.attrs.get("notes", {}).items()]
        if said:
            notes[labels[key]] = said
    table = pd.DataFrame(rows).set_index(pd.Index([r["name"] for r in rows], name="participant"))
    table["rank_size"] = table["contacts"].rank(method="min", ascending=False).astype(int)
    order = table.sort_values(["would_act", "can_vouch_for", "strength_weighted_size", "contacts"],
                              ascending=[False, False, False, True], kind="mergesort")
    strength_key = list(zip(order["would_act"], order["can_vouch_for"], order["strength_weighted_size"],
                            strict=True))
    ranks, previous = [], None
    for position, value in enumerate(strength_key, start=1):
        ranks.append(ranks[-1] if value == previous else position)
        previous = value
    order = order.assign(rank_strength=ranks)
    order.attrs["notes"] = notes
    return order


@dataclasses.dataclass
class Workshop:
    """What :func:`build_workshop` returns and :func:`write_workshop` writes.

    Attributes
    ----------
    html : str
        The page.
    table : pandas.DataFrame
        :func:`workshop_table`'s result (written as ``participants.csv``).
    verdict : str
        The computed sentence (:func:`netanalysis.strength.size_strength_verdict`).
    caveat : str
        What limits the verdict ("2 of 8 participants said whom they met in person…"), or "".
    warnings : list of str
        What became of the ties.csv and knows.csv rows (set aside, matching nobody), one line per
        file, for the terminal: they may quote a row, so they are never written into the files.
    figures : dict
        Figure name → ``(png bytes, svg text)`` (see :data:`WORKSHOP_FIGURES`).
    graph : networkx.Graph
        The merged graph the page was computed from (the anonymised copy when anonymised).
    anonymized : bool
    leak_terms : LeakTerms or None
        When anonymised, what no file written may contain (checked by :func:`write_workshop`).
    """

    html: str
    table: pd.DataFrame
    verdict: str
    caveat: str
    figures: dict
    graph: nx.Graph
    anonymized: bool = False
    leak_terms: object = dataclasses.field(default=None, repr=False, compare=False)
    warnings: list = dataclasses.field(default_factory=list, repr=False)


def _figure_files(fig):
    """The slide files of a figure (PNG 1920 × 1080, SVG with real text) and the page's smaller PNG.

    The page's copy is the slide scaled down (Pillow, which matplotlib installs), not drawn again.
    """
    import matplotlib as mpl
    from PIL import Image

    from .viz.workshop import SLIDE_DPI

    files = []
    for kind in ("png", "svg"):
        buffer = _io.BytesIO()
        # No software, no date: the same data gives the same bytes. The SVG keeps its text as text
        # (editable on a slide, and searched by the leak check), and a fixed id salt.
        metadata = {"Software": None} if kind == "png" else {"Date": None, "Creator": None}
        with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "netanalysis"}):
            fig.savefig(buffer, format=kind, dpi=SLIDE_DPI, metadata=metadata)
        files.append(buffer.getvalue())
    slide = Image.open(_io.BytesIO(files[0]))
    small = slide.resize((slide.width * _INLINE_DPI // SLIDE_DPI, slide.height * _INLINE_DPI // SLIDE_DPI),
                         Image.Resampling.LANCZOS)
    buffer = _io.BytesIO()
    small.save(buffer, format="PNG")
    return files[0], files[1].decode("utf-8"), buffer.getvalue()


def _overlap(G, participants):
    """People listed by two or more participants' exports, and ties between participants."""
    shared = sum(1 for _n, exports in G.nodes(data="exports") if exports and len(exports) > 1)
    among = sum(1 for a in participants for b in participants if a < b and G.has_edge(a, b))
    return shared, among


def _cohort_map(G, participants, seed):
    from .communities import label_communities, partition
    from .report.page import embed_map
    from .viz.interactive import network_map

    H = G.copy()
    H.graph.pop("ego", None)  # the cohort has no single owner: every participant is partitioned
    part = partition(H, seed=seed)
    labels = label_communities(H, part)
    page = network_map(H, partition=part, labels=labels, seed=seed, height="calc(100vh - 150px)",
                       title="The cohort's merged network")
    return embed_map(page, "Interactive map of the cohort's merged network")


def build_workshop(exports, *, ties=(), knows=None, infer=(), anonymize=False, salt=None, seed=0, evidence="all",
                   strong=0.5, active_months=12, concerned=None):
    """Build the workshop page: every participant side by side, size against strength.

    Sections: the computed verdict; size against strength (figure and table); the ranking by
    strength rather than size; what each tie carries (shares); who a message reaches (a post
    against a personal message); the merged cohort's map when the exports overlap (people in two
    or more exports, or participants tied to each other); what was read and how to read it.

    Parameters
    ----------
    exports : list of Export or paths
        One per participant.
    ties : list of Ties or paths, optional
        Participants' ``ties.csv`` (see :func:`workshop_graph`).
    knows : Knows or path, optional
    infer : iterable of str
    anonymize : bool
        Give people readable pseudonyms and generalise companies and positions
        (:func:`netanalysis.anonymize_graph`); every file written is then checked for the input's
        names, name words, slugs, URLs, e-mail addresses and companies.
    salt : str or bytes, optional
        The secret salt for pseudonyms (a new random one when omitted).
    seed : int
        The map's circles and layout.
    evidence, strong, active_months, concerned
        See :func:`netanalysis.strength.network_quality`.

    Returns
    -------
    Workshop

    Examples
    --------
    >>> import netanalysis as na
    >>> files = na.sample_files("cohort")
    >>> w = build_workshop(files["exports"][:3], ties=[files["ties"]], anonymize=True, salt="a secret salt")
    >>> w.html.startswith("<!DOCTYPE html>"), len(w.table), sorted(w.figures)[0]
    (True, 3, 'audience')
    """
    from . import __version__ as version
    from ._leakcheck import leak_terms
    from .anonymize import anonymize_graph, new_salt
    from .strength import QUALITY_MEANINGS, size_strength_verdict
    from .viz import workshop as figures

    exports, ties, knows = _read_all(exports, ties, knows)
    G, warnings = _merge(exports, ties, knows, infer)
    participants = [e.owner["key"] for e in exports if e.owner.get("key") in G]
    participants = list(dict.fromkeys(participants))
    terms = None
    if anonymize:
        original = G
        G, mapping = anonymize_graph(G, salt=salt if salt is not None else new_salt(), exports=exports)
        terms = leak_terms(original, mapping)
        participants = [mapping[str(p)] for p in participants]
    table = workshop_table(G, participants, evidence=evidence, strong=strong, active_months=active_months,
                           concerned=concerned)
    # With met_known_share, the verdict refuses to judge a network whose 'met' is mostly unknown.
    verdict = size_strength_verdict(table[list(VERDICT_COLUMNS)])
    drawn = {}
    for name, (function, _alt) in WORKSHOP_FIGURES.items():
        fig = getattr(figures, function)(table)
        drawn[name] = _figure_files(fig)
    shared, among = _overlap(G, participants)
    cohort_map = _cohort_map(G, participants, seed) if len(participants) > 1 and (shared or among) else None
    page = _render(G, table, verdict, drawn, cohort_map, shared, among, anonymize, version, QUALITY_MEANINGS)
    unknown = int((table["met_unknown"] > table["contacts"] / 2).sum())
    caveat = (f"{unknown} of {len(table)} participants said whom they met in person for fewer than half of their "
              "contacts (no ties.csv, or a sparse one): for them 'would act on a request' is a lower bound."
              if unknown else "")
    return Workshop(html=page, table=table, verdict=str(verdict), caveat=caveat,
                    figures={name: (png, svg) for name, (png, svg, _small) in drawn.items()}, graph=G,
                    anonymized=bool(anonymize), leak_terms=terms, warnings=warnings)


def _render(G, table, verdict, drawn, cohort_map, shared, among, anonymize, version, meanings):
    import base64

    from .report.page import cell_text, html_table, render_page
    from .templates import render

    n = len(table)
    ties_files = G.graph.get("ties_files") or []
    with_ties = len(ties_files)
    figures = {name: {"data": base64.b64encode(small).decode("ascii"), "alt": WORKSHOP_FIGURES[name][1],
                      "png": f"{name}.png", "svg": f"{name}.svg"}
               for name, (_png, _svg, small) in drawn.items()}
    columns = {"contacts": "contacts", "strong_ties": "strong ties", "would_act": "would act on a request",
               "can_vouch_for": "can vouch for", "strength_weighted_size": "strength-weighted size",
               "met_in_person_share": "met in person", "mean_strength": "mean strength",
               "active_share": "active", "strong_share": "strong", "would_act_share": "would act",
               "broadcast_reach": "a post reaches (who care)", "targeted_reach": "a personal message reaches",
               "broadcast_wasted_share": "share of a post wasted", "rank_size": "rank by size",
               "rank_strength": "rank by strength", "name": "participant"}
    shown = table.reset_index(drop=True)
    # People are whole on the page (the CSV keeps the exact expected counts, e.g. 83.5 = 167 × 0.5).
    for column in ("broadcast_reach", "targeted_reach"):
        shown[column] = (shown[column] + 0.5) // 1
    size_order = shown.sort_values(["rank_size", "name"])
    tables = {
        "size": html_table(size_order, columns=["name", "contacts", "strong_ties", "would_act", "can_vouch_for",
                                                "strength_weighted_size"], labels=columns, max_rows=None,
                           caption="One participant a row, biggest network first."),
        "ranking": html_table(shown, columns=["rank_strength", "name", "would_act", "can_vouch_for", "contacts",
                                              "rank_size"], labels=columns, max_rows=None,
                              caption="Ranked by the people who would act on a request (strong, met in person and "
                                      "active), then by the people one can vouch for."),
        "quality": html_table(shown, columns=["name", "met_in_person_share", "mean_strength", "active_share",
                                              "strong_share", "would_act_share"], labels=columns, max_rows=None,
                              percent=["met_in_person_share", "active_share", "strong_share", "would_act_share"],
                              caption="Shares of each participant's contacts. 'Met in person' is a share of the "
                                      "contacts whose 'met' is known (from their ties.csv); blank when nobody said."),
        "audience": html_table(shown, columns=["name", "contacts", "broadcast_reach", "broadcast_wasted_share",
                                               "targeted_reach"], labels=columns, max_rows=None,
                               percent=["broadcast_wasted_share"],
                               caption="A post reaches the active contacts, of whom about half are concerned; a "
                                       "personal message goes to the people one can vouch for whom it concerns."),
    }
    notes = [(name, "; ".join(items)) for name, items in table.attrs.get("notes", {}).items()]
    definitions = [(m.replace("_", " "), meanings[m]) for m in ("contacts", "met_in_person_share", "mean_strength",
                                                                "active_share", "strong_ties", "would_act",
                                                                "can_vouch_for", "broadcast_reach", "targeted_reach")
                   if m in meanings]
    unknown = int((table["met_unknown"] > table["contacts"] / 2).sum())
    context = {"verdict": str(verdict), "n": n, "with_ties": with_ties, "unknown": unknown, "figures": figures, "tables": tables,
               "shared": shared, "among": among, "map": cohort_map[0] if cohort_map else "",
               "notes": notes, "definitions": definitions, "anonymized": bool(anonymize),
               "as_of": cell_text(G.graph.get("as_of")) if G.graph.get("as_of") else ""}
    sections = [("verdict", "The verdict", render("workshop.html.j2", part="verdict", **context)),
                ("size", "Size against strength", render("workshop.html.j2", part="size", **context)),
                ("ranking", "Ranked by strength, not size", render("workshop.html.j2", part="ranking", **context)),
                ("quality", "What each tie carries", render("workshop.html.j2", part="quality", **context)),
                ("audience", "Who a message reaches", render("workshop.html.j2", part="audience", **context))]
    if cohort_map:
        sections.append(("map", "The cohort's merged network", render("workshop.html.j2", part="map", **context)))
    sections.append(("read", "What was read, and how to read it", render("workshop.html.j2", part="read", **context)))
    subtitle = (f"{n} participant{'s' if n != 1 else ''} side by side: how big each network is, and how strong. "
                "Every number and sentence here is computed from the exports.")
    if context["as_of"]:
        subtitle += f" Data as of {context['as_of']}."
    if anonymize:
        subtitle += " Anonymised: people are fictional names; companies and positions are generalised."
    scripts = cohort_map[1] if cohort_map else ()
    return render_page("Big is not strong: the cohort side by side", sections, subtitle=subtitle,
                       footer=f"Made offline by netanalysis {version}. Nothing in this page was sent anywhere.",
                       script_hashes=scripts)


def _files(workshop):
    """File name → text or bytes, the page last."""
    from .safefiles import formula_safe_frame

    files = {TABLE_FILE: formula_safe_frame(workshop.table.reset_index(drop=True)).to_csv(index=False)}
    for name, (png, svg) in sorted(workshop.figures.items()):
        files[f"{name}.png"] = png
        files[f"{name}.svg"] = svg
    files[WORKSHOP_FILE] = workshop.html
    return files


def write_workshop(workshop, out_dir, *, force=False):
    """Write the page, ``participants.csv`` (formula-safe) and each figure as PNG and SVG into ``out_dir``.

    Everything is written into a staging folder inside ``out_dir`` first, checked, then renamed
    into place, the page last. An anonymised workshop's text files (page, CSV, SVG) are searched
    for the input's names, name words, slugs, URLs, e-mail addresses and companies before anything
    is moved (the PNG files carry no text but the drawn pixels, made from the anonymised table).

    Parameters
    ----------
    workshop : Workshop
    out_dir : str or Path
        Created when missing; refused when it holds anything, unless ``force`` (files of the same
        names are then replaced; others are left alone).
    force : bool

    Returns
    -------
    list of Path
        The files written, the page first.

    Raises
    ------
    InputError
        ``out_dir`` is a file, or is not empty and ``force`` is false.
    RuntimeError
        A string of the input survived anonymisation (a bug): nothing is written.

    Examples
    --------
    >>> import tempfile, netanalysis as na
    >>> files = na.sample_files("cohort")
    >>> w = build_workshop(files["exports"][:2])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.name for p in write_workshop(w, tmp)][:2]
    ['workshop.html', 'participants.csv']
    """
    from .report.write import LOCK_FILE, check_files, claim_folder
    from .safefiles import atomic_write_bytes, atomic_write_text

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} is a file, not a folder; choose another --out.")
    files = _files(workshop)
    with claim_folder(out):
        present = sorted(e.name for e in os.scandir(out) if e.name != LOCK_FILE)
        if present and not force:
            raise InputError(f"{out} is not empty (it holds {present[0]}); pass --force to write into it or choose "
                             "another --out.")
        staging = Path(tempfile.mkdtemp(dir=out, prefix=STAGING_PREFIX))
        try:
            for name, content in files.items():
                if isinstance(content, bytes):
                    atomic_write_bytes(staging / name, content)
                else:
                    atomic_write_text(staging / name, content)
            if workshop.anonymized and workshop.leak_terms is not None:
                check_files({name: (staging / name).read_text(encoding="utf-8") for name, content in files.items()
                             if isinstance(content, str)}, workshop.leak_terms, graph=workshop.graph)
            for name in files:  # the page is the last file of the mapping: in place last
                os.replace(staging / name, out / name)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    names = [WORKSHOP_FILE, *(n for n in files if n != WORKSHOP_FILE)]
    return [out / n for n in names]

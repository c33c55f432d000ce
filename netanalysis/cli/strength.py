"""Commands for network strength: ``strength``, ``compare``, ``dormant`` and ``audience``."""

import sys
from pathlib import Path

from ..errors import InputError
from .common import (
    INFER_HELP,
    add_format_argument,
    add_graph_arguments,
    add_owner_names_argument,
    add_source_arguments,
    add_table_arguments,
    apply_sources,
    at_least,
    check_output,
    emit_table,
    load_graph,
    named_exports,
    share,
    source_warnings,
)
from .present import add_followups_argument, keep_open, read_ledger
from .table import Column, View

__all__ = ["register"]

EVIDENCE = ("all", "declared", "observed")

# How each table reads on a terminal (--format csv|json print the library's table as it is).
_INDICATORS = (Column("group", repeat=False, min=9), Column("indicator", min=14), Column("value", kind="value"),
               Column("meaning", kind="wrap", min=20), Column("note", kind="wrap", min=16))
STRENGTH_VIEW = View(_INDICATORS)
COMPARE_VIEW = View((Column("group", repeat=False, min=9), Column("indicator", min=14),
                     Column("*", kind="value", min=8), Column("meaning", min=20),
                     Column("note", kind="wrap", min=16)))
DORMANT_VIEW = View((Column("name", min=20), Column("months_silent", title="months silent", kind="int"),
                     Column("last_contact", title="last contact", kind="date"), Column("met", kind="met", min=9),
                     Column("strength", kind="num"), Column("company", min=10), Column("why", kind="wrap", min=18),
                     Column("position", min=10)), top=20)
AUDIENCE_VIEW = View((Column("indicator", min=14), Column("value", kind="value"), Column("meaning", kind="wrap")))
TARGETED_VIEW = View((Column("name", min=14), Column("company", min=12), Column("position", min=12),
                      Column("met", kind="met", min=9), Column("strength", kind="num"), Column("matched", min=8)), top=20)


def _add_evidence(parser):
    parser.add_argument("--evidence", choices=EVIDENCE, default="all",
                        help="which ties between contacts count: observed (in an export), declared (+ knows.csv, --source), "
                             "all (+ inferred; default)")


def _add_strong(parser):
    parser.add_argument("--strong", type=share, default=0.5, metavar="S",
                        help="tie strength (0-1) from which a tie counts as strong (default: 0.5)")


def register(subparsers):
    """Add ``strength``, ``compare``, ``dormant`` and ``audience``."""
    p = subparsers.add_parser(
        "strength", help="how strong your network is, next to how big: one table of indicators",
        description="Size, ties met in person, strength-weighted size, Dunbar's circles, active ties, Burt's "
                    "structural holes, diversity of communities and companies, introductions you can make and "
                    "people you can reach through someone you met: each with its meaning in plain words.",
    )
    add_graph_arguments(p)
    _add_evidence(p)
    _add_strong(p)
    add_format_argument(p)
    add_table_arguments(p)
    p.set_defaults(handler=_strength)

    p = subparsers.add_parser(
        "compare", help="several people's networks side by side: one column per person",
        description="Each EXPORT is one person's network, read on its own (not merged). Their ties files pair "
                    "with the exports by position: '--ties A.csv - C.csv' gives the first and third export a "
                    "ties.csv and the second none; or '--ties-beside' uses a ties.csv lying in the same folder "
                    "as each export. --source files (calendar, mailbox, address book) are the first export's "
                    "owner's: they count for the first column only.",
    )
    p.add_argument("exports", nargs="+", metavar="EXPORT",
                   help="one LinkedIn export per person (zip, folder or Connections.csv)")
    p.add_argument("--ties", nargs="+", metavar="FILE",
                   help="one ties.csv per export, in the same order ('-' for an export without one); "
                        "put it after the exports")
    p.add_argument("--ties-beside", action="store_true",
                   help="use the ties.csv found next to each export, when there is one")
    p.add_argument("--labels", nargs="+", metavar="NAME",
                   help="column titles, one per export (default: each owner's name)")
    add_owner_names_argument(p)
    p.add_argument("--what-if", choices=("in_person",), dest="what_if",
                   help="add a column per person keeping only the ties met in person")
    p.add_argument("--infer", action="append", default=[], metavar="RULE", help=INFER_HELP)
    add_source_arguments(p)
    p.add_argument("--figures", metavar="DIR",
                   help="also write slide-ready figures into DIR: PNG (1920x1080) and SVG of each person's whole "
                        "network, strength bands, size vs strength, quality shares, the broadcast arithmetic and "
                        "growth")
    p.add_argument("--force", action="store_true", help="replace figures already in DIR")
    _add_evidence(p)
    _add_strong(p)
    add_format_argument(p)
    add_table_arguments(p)
    p.set_defaults(handler=_compare)

    p = subparsers.add_parser(
        "dormant", help="strong ties you have not been in touch with for a long time",
        description="Ties met in person or otherwise strong, with no message (or connection) for MONTHS months "
                    "or more, the most valuable first, with the last contact date and why the tie matters.",
    )
    add_graph_arguments(p)
    p.add_argument("--months", type=at_least(0), default=12, metavar="MONTHS",
                   help="months of silence after which a tie is dormant (default: 12)")
    _add_evidence(p)
    _add_strong(p)
    add_followups_argument(p)
    add_format_argument(p)
    add_table_arguments(p)
    p.set_defaults(handler=_dormant)

    p = subparsers.add_parser(
        "audience", help="who a job post concerns, against everyone a broadcast reaches",
        description="Count the contacts whose position or company matches the post, the share of a broadcast "
                    "that reaches people not concerned, and list the people to write to privately instead.",
    )
    add_graph_arguments(p)
    p.add_argument("--keywords", nargs="+", metavar="WORD",
                   help="words looked for in contacts' position or company, e.g. --keywords data analyst")
    p.add_argument("--sector", nargs="+", metavar="WORD",
                   help="words looked for in the company name only, e.g. --sector bank")
    p.add_argument("--show", choices=("summary", "targeted"), default="summary",
                   help="print the broadcast arithmetic (summary, default) or the people to write to (targeted)")
    _add_evidence(p)
    add_format_argument(p)
    add_table_arguments(p)
    p.set_defaults(handler=_audience)


def _strength(args):
    from ..strength import network_strength

    G, _, ego = load_graph(args)
    emit_table(network_strength(G, ego, evidence=args.evidence, strong=args.strong), args.format,
               view=STRENGTH_VIEW, options=args)
    return 0


def _ties_paths(args):
    """One ties path (or None) per export, paired by position."""
    n = len(args.exports)
    if args.ties and args.ties_beside:
        raise InputError("give either --ties or --ties-beside, not both.")
    if args.ties:
        if len(args.ties) != n:
            raise InputError(f"--ties names {len(args.ties)} files for {n} exports; give one per export "
                             "('-' for none), in the same order.")
        return [None if t == "-" else t for t in args.ties]
    if args.ties_beside:
        found = []
        for export in args.exports:
            path = Path(export)
            folder = path if path.is_dir() else path.parent
            beside = folder / "ties.csv"
            found.append(str(beside) if beside.is_file() else None)
        return found
    return [None] * n


def _compare(args):
    from ..graph import build_graph
    from ..io import read_ties
    from ..strength import compare

    if args.labels and len(args.labels) != len(args.exports):
        raise InputError(f"--labels gives {len(args.labels)} names for {len(args.exports)} exports; give one each.")
    targets = _figure_targets(args)
    networks = {}
    for i, (export, ties) in enumerate(zip(named_exports(args), _ties_paths(args), strict=True)):
        G = build_graph([export], ties=read_ties(ties) if ties else None, infer=tuple(args.infer))
        ego = G.graph["ego"]
        if i == 0:  # the user's other data are the first export owner's (as --name's first)
            applied = apply_sources(args, G, [export], ego)
            for line in source_warnings(applied["identities"].attrs.get("identities_file") if applied else None):
                print(f"netanalysis: {line}", file=sys.stderr)
        label = args.labels[i] if args.labels else (G.nodes[ego].get("name") or str(ego))
        if label in networks:
            label = f"{label} ({i + 1})"
        networks[label] = (G, ego)
    table = compare(networks, what_if=args.what_if, evidence=args.evidence, strong=args.strong)
    emit_table(table, args.format, view=COMPARE_VIEW, options=args)
    _print_verdict(table.attrs["verdict"], args.format)
    if targets:
        _write_figures(networks, table, args, targets)
    return 0


#: The figures ``compare --figures`` writes (besides one ``rings-N`` per export), as in viz.compare_figures.
FIGURE_NAMES = ("strength-bands", "size-vs-strength", "quality-shares", "broadcast", "growth")


def _figure_targets(args):
    """Every file ``--figures DIR`` will write, checked before any work (existing ones need --force)."""
    if not args.figures:
        return []
    folder = Path(args.figures)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder} is a file, not a folder; choose another --figures.")
    names = [f"rings-{k}" for k in range(1, len(args.exports) + 1)] + list(FIGURE_NAMES)
    targets = [folder / f"{name}.{ext}" for name in names for ext in ("png", "svg")]
    for target in targets:
        check_output(args, target, option="--figures")
    return targets


def _write_figures(networks, table, args, targets):
    """Draw the slides and write them through safefiles (PNG 1920x1080 and SVG); name them on stderr."""
    import sys

    from ..safefiles import atomic_write_bytes
    from ..viz.slides import compare_figures, slide_bytes

    figures = compare_figures(networks, strong=args.strong, evidence=args.evidence, quality=table.attrs["quality"])
    wanted = {t.name: t for t in targets}
    for name, fig in figures.items():
        atomic_write_bytes(wanted[f"{name}.png"], slide_bytes(fig, "png", close=False))
        atomic_write_bytes(wanted[f"{name}.svg"], slide_bytes(fig, "svg"))
    sys.stderr.write(f"{len(targets)} figures written to {Path(args.figures)}\n")


def _print_verdict(verdict, fmt):
    """The computed verdict below a terminal table; on stderr for csv/json, whose stdout stays data."""
    import shutil
    import sys
    import textwrap

    width = min(100, shutil.get_terminal_size((100, 24)).columns)
    stream = sys.stdout if fmt == "table" else sys.stderr
    stream.write("\n" + textwrap.fill(f"Verdict: {verdict}", width) + "\n")


def _dormant(args):
    from ..strength import dormant_ties

    ledger = read_ledger(args)
    G, _, ego = load_graph(args)
    df = dormant_ties(G, ego, months=args.months, strong=args.strong, evidence=args.evidence)
    emit_table(keep_open(df, ledger, G, "reconnect"), args.format, view=DORMANT_VIEW, options=args)
    return 0


def _audience(args):
    from ..strength import audience

    G, _, ego = load_graph(args)
    result = audience(G, ego, keywords=args.keywords, sector=args.sector, evidence=args.evidence)
    if args.show == "summary":
        emit_table(result.summary, args.format, view=AUDIENCE_VIEW, options=args)
    else:
        emit_table(result.targeted, args.format, view=TARGETED_VIEW, options=args)
    return 0

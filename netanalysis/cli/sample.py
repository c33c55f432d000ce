"""``netanalysis sample``: write fictional LinkedIn exports (the committed sample, benchmark worlds)."""

from pathlib import Path

import pandas as pd

from .common import add_format_argument, at_least, check_output, emit_table
from .table import Column, View

FILES_VIEW = View((Column("path", kind="wrap", min=30), Column("kind", min=8), Column("*", kind="int")))

__all__ = ["register"]

CHOICES = ("all", "cohort", "collector", "cultivator", "world")


def register(subparsers):
    """Add ``sample``."""
    parser = subparsers.add_parser(
        "sample", help="write fictional LinkedIn exports with their answer key (seeded, byte-for-byte reproducible)",
        description="Write synthetic LinkedIn exports in the real export format, with the truth behind them "
                    "(who met in person, the planted communities). 'all' writes the committed sample: "
                    "netanalysis sample all -o data/sample --seed 7 --force. Every person and company is fictional.",
    )
    parser.add_argument(
        "what", choices=CHOICES, metavar="WHAT",
        help="all (cohort + personas + truth + README), cohort (eight exports, ties.csv, knows.csv), "
             "collector, cultivator (one persona's export and ties.csv), or world (N people, K exports)",
    )
    parser.add_argument("-o", "--output", required=True, metavar="DIR",
                        help="folder to write into (new or empty, unless --force)")
    parser.add_argument("--force", action="store_true", help="write into DIR even if it is not empty "
                        "(files of the same names are replaced)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default: 7, the committed sample's)")
    parser.add_argument(
        "--size", type=at_least(1), metavar="N",
        help="contacts of the main persona (all/cohort/collector/cultivator; default 640), "
             "or people in the world (world; default 2000)",
    )
    parser.add_argument("--exports", type=at_least(1), default=10, metavar="K",
                        help="world only: how many members export their data (default: 10)")
    parser.add_argument("--contacts", type=at_least(1), default=500, metavar="C",
                        help="world only: mean contacts per exporting member (default: 500; at most 30,000)")
    parser.add_argument("--variant", choices=("2025", "2022", "2018", "excel"), default="2025",
                        help="world only: export format era (default: 2025, the current format)")
    parser.add_argument("--sources", action="store_true",
                        help="also write each owner's calendar (.ics), mailbox (.mbox) and address book (.vcf) "
                             "with their answer key, in sources/<owner>/ (the main persona's is always "
                             "written with the cohort)")
    add_format_argument(parser)
    parser.set_defaults(handler=_sample)


def _sample(args):
    from ..synth import write_sample, write_world

    out = Path(args.output)
    check_output(args, out, folder=True)
    if args.what == "world":
        paths = write_world(out, args.size or 2000, args.exports, contacts=args.contacts, seed=args.seed,
                            variant=args.variant, sources=args.sources)
        if args.sources:
            paths += sorted(p for p in out.glob("sources/**/*") if p.is_file())
        table = pd.DataFrame({"path": [p.relative_to(out).as_posix() for p in paths],
                              "kind": ["export" if p.suffix == ".zip" else "truth" if p.parent.name == "truth"
                                       else "source" for p in paths],
                              "bytes": [p.stat().st_size for p in paths]})
    else:
        table = write_sample(out, args.what, seed=args.seed, size=args.size, sources=args.sources)
    emit_table(table, args.format, view=FILES_VIEW)
    return 0

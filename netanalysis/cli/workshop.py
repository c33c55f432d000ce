"""The ``workshop`` command: every participant's network side by side, in one offline page for a trainer."""

import sys
from pathlib import Path

import pandas as pd

from .common import (
    INFER_HELP,
    add_format_argument,
    add_owner_names_argument,
    claim_report_folder,
    emit_table,
    named_exports,
)
from .report import FILES_VIEW, SALT_ENV, check_salt_outside, read_salt
from .table import fill

__all__ = ["register"]


def register(subparsers):
    """Add ``workshop``."""
    workshop = subparsers.add_parser(
        "workshop", help="compare every participant's network side by side in one offline page (for trainers)",
        description="Read one LinkedIn export per participant and write DIR/workshop.html: size against "
                    "strength for everyone, the shares each network carries (met in person, active, strong), "
                    "the audience arithmetic (a post against a personal message), a ranking by strength "
                    "rather than size, a verdict computed from the numbers, and the merged cohort's map when "
                    "the exports overlap. The figures are written beside it as slides (PNG 1920x1080 and "
                    "SVG), the table as participants.csv. The page makes no request to any server. With "
                    "--anonymize, people get readable fictional names and no name, URL, e-mail or company "
                    "of the exports appears in any file.",
    )
    workshop.add_argument("exports", nargs="+", metavar="EXPORT",
                          help="one LinkedIn export per participant: the zip, its folder, or Connections.csv")
    workshop.add_argument("--out", required=True, metavar="DIR",
                          help="folder to write workshop.html, participants.csv and the figures into (new or empty)")
    workshop.add_argument("--ties", action="append", default=[], metavar="FILE",
                          help="a participant's ties.csv (who they met in person), repeatable: each file goes to "
                               "the participant whose contacts it matches")
    workshop.add_argument("--knows", metavar="FILE", help="knows.csv: pairs of people who know each other")
    workshop.add_argument("--infer", action="append", default=[], metavar="RULE", help=INFER_HELP)
    workshop.add_argument("--anonymize", action="store_true",
                          help="show people as readable fictional names, companies as their kind ('Software "
                               "company B') and positions as a role; no name, URL, e-mail or company of the "
                               "exports is written")
    workshop.add_argument("--salt-file", metavar="FILE",
                          help=f"secret salt for --anonymize: the same salt gives the same names; created when "
                               f"missing. Default: ${SALT_ENV}, else a new random salt for this run")
    add_owner_names_argument(workshop)
    workshop.add_argument("--seed", type=int, default=0, help="seed for the map's circles and layout (default: 0)")
    workshop.add_argument("--force", action="store_true", help="write into DIR even if it is not empty")
    add_format_argument(workshop)
    workshop.set_defaults(handler=_workshop)


def _workshop(args):
    check_salt_outside(args, "output folder")
    with claim_report_folder(args, Path(args.out)):  # refused now, before the work, if DIR is not empty
        return _workshop_in(args)


def _workshop_in(args):
    from ..report import Progress
    from ..workshop import build_workshop, write_workshop

    salt = read_salt(args, "output folder") if args.anonymize else None
    if args.anonymize and salt is None:
        print("netanalysis: note: no --salt-file or $NETANALYSIS_SALT, so the names are random for this run and "
              "will differ next time.", file=sys.stderr)
    progress = Progress()
    with progress.step("building the workshop"):
        workshop = build_workshop(named_exports(args), ties=args.ties, knows=args.knows, infer=args.infer,
                                  anonymize=args.anonymize, salt=salt, seed=args.seed)
    for line in workshop.warnings:  # the terminal only: never into the (shareable) files
        print(f"netanalysis: {line}", file=sys.stderr)
    with progress.step("writing"):
        paths = write_workshop(workshop, args.out, force=args.force)
    what = {"workshop.html": "the workshop page (open it in a browser)", "participants.csv": "the table (CSV)"}
    table = pd.DataFrame({"file": [str(p) for p in paths],
                          "content": [what.get(p.name, f"slide ({p.suffix[1:].upper()})") for p in paths]})
    if args.format == "table":
        print(fill(workshop.verdict))
        if workshop.caveat:
            print(fill(workshop.caveat))
        print(fill(f"Written in {args.out}:"))
        table = table.assign(file=[p.name for p in paths])
    emit_table(table, args.format, view=FILES_VIEW)
    return 0

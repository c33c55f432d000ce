"""The ``report`` command: one self-contained HTML page, the tables as CSV and the graph as GEXF."""

import argparse
import os
import sys
from pathlib import Path

import pandas as pd

from ..errors import InputError
from .common import add_format_argument, add_graph_arguments, claim_report_folder, emit_table, load_graph
from .present import add_followups_argument, read_ledger
from .table import Column, View, fill

FILES_VIEW = View((Column("file", kind="wrap", min=30), Column("content", kind="wrap", min=20)))

__all__ = ["check_salt_outside", "read_salt", "register"]

SALT_ENV = "NETANALYSIS_SALT"


def register(subparsers):
    """Add ``report``."""
    report = subparsers.add_parser(
        "report", help="write one offline HTML report (plus CSV tables and a GEXF graph) to a folder",
        description="Read the exports, build the network and write DIR/report.html: the headline in plain "
                    "words (size vs strength, the in-person core, the circles, the best introductions, the "
                    "dormant ties), then the details and an account of what was read. The page makes no "
                    "request to any server. The tables are written beside it as CSV, the graph as "
                    "network.gexf. Nothing is overwritten without --force.",
    )
    add_graph_arguments(report)
    report.add_argument("--out", default="report", metavar="DIR",
                        help="folder to write report.html, the CSV tables and network.gexf into (default: report)")
    report.add_argument("--to", action="append", default=[], metavar="TARGET",
                        help="a person (key, profile URL or name), company or keyword to find warm paths to "
                             "(repeatable)")
    report.add_argument("--anonymize", action="store_true",
                        help="replace people by stable readable pseudonyms (fictional names), companies by "
                             "their kind ('Software company B') and positions by a role, and remove every name, "
                             "URL and e-mail address (for sharing and teaching)")
    report.add_argument("--salt-file", metavar="FILE",
                        help=f"secret salt for --anonymize: the same salt gives the same pseudonyms; created "
                             f"when missing. Default: ${SALT_ENV}, else a new random salt for this run")
    report.add_argument("--seed", type=int, default=0, help="seed for the circles and the map layout (default: 0)")
    report.add_argument("--force", action="store_true", help="overwrite an earlier report in DIR")
    report.add_argument("--gexf", action=argparse.BooleanOptionalAction, default=None,
                        help="write network.gexf beside the page (default: for networks of at most "
                             "100,000 ties, report.GEXF_MAX_TIES; larger ones take long to write)")
    report.add_argument("--since", metavar="OLD", help="an older export of yours: add the section 'Since your last "
                                                       "export' (who joined, left, changed jobs, went quiet)")
    add_followups_argument(report)
    add_format_argument(report)
    report.set_defaults(handler=_report)


def check_salt_outside(args, folder="report folder"):
    """Refuse a salt file inside the output folder (``args.out``): it would be shared with the output."""
    if not (args.anonymize and args.salt_file):
        return
    path = Path(args.salt_file).resolve()
    out = Path(args.out).resolve()
    if out == path.parent or out in path.parents:
        raise InputError(f"the salt file {args.salt_file} is inside the {folder} {args.out}; keep it "
                         "elsewhere, since anyone holding it can re-identify the pseudonyms.")


def read_salt(args, folder="report folder"):
    """The salt for --anonymize: from --salt-file (created when missing), the environment, or None."""
    from ..anonymize import new_salt

    if not args.salt_file:
        return os.environ.get(SALT_ENV) or None
    path = Path(args.salt_file)
    check_salt_outside(args, folder)
    if path.is_dir():
        raise InputError(f"{path} is a folder; --salt-file needs a file.")
    if path.exists():
        try:
            salt = path.read_text(encoding="utf-8").strip()
        except UnicodeDecodeError:
            raise InputError(f"{path} is not a text file (not UTF-8); a salt file holds one line of text.") from None
        if len(salt) < 8:
            raise InputError(f"{path} holds a salt shorter than 8 characters; use a longer secret.")
        return salt
    salt = new_salt()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Created exclusively and private (0600) from the start: never readable by others, not even
    # for a moment, and never replacing a file that appeared meanwhile.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(salt + "\n")
    return salt


def _report(args):
    # The folder is claimed and checked first: a refusal comes before minutes of work, not after.
    check_salt_outside(args)
    with claim_report_folder(args, Path(args.out)):
        return _report_in(args)


def _report_in(args):
    from ..report import Progress, build_report, write_report

    progress = Progress()
    salt = read_salt(args) if args.anonymize else None
    if args.anonymize and salt is None:
        print("netanalysis: note: no --salt-file or $NETANALYSIS_SALT, so the pseudonyms are random for this "
              "run and will differ next time.", file=sys.stderr)
    ledger = read_ledger(args)
    with progress.step("reading"):
        G, exports, ego = load_graph(args)
    report = build_report(G, ego, exports=exports, targets=args.to, anonymize=args.anonymize, salt=salt,
                          seed=args.seed, progress=progress, gexf=args.gexf, since=args.since, ties=args.ties,
                          followups=ledger)
    with progress.step("writing"):
        paths = write_report(report, args.out, force=args.force)
    what = {"report.html": "the report (open it in a browser)", "network.gexf": "the graph, for Gephi"}
    table = pd.DataFrame({"file": [str(p) for p in paths],
                          "content": [what.get(p.name, "table (CSV)") for p in paths]})
    if args.format == "table":  # the folder once, then each file's name: no path cut in the middle
        print(fill(f"Written in {args.out}:"))
        table = table.assign(file=[p.name for p in paths])
    emit_table(table, args.format, view=FILES_VIEW)
    return 0

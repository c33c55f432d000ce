"""Commands for staying present: ``changes`` (between two exports) and ``todo`` (this week's list)."""

import dataclasses
import json
import sys

from ..errors import InputError
from ..safefiles import check_target
from .common import (
    LATER,
    add_format_argument,
    add_source_arguments,
    add_table_arguments,
    at_least,
    check_output,
    emit_table,
    input_paths,
    read_sources,
    share,
    source_notes,
    source_warnings,
    table_to_json,
)
from .table import Column, View, fill

# How each table reads on a terminal (--format csv|json print the library's table as it is).
CHANGES_VIEW = View((Column("change", repeat=False, min=10), Column("name", min=18), Column("before", kind="wrap", min=14),
                     Column("after", kind="wrap", min=14), Column("met", kind="met", min=9), Column("strength", kind="num"),
                     Column("matched_by", title="matched by", min=8)), top=50)
MOVEMENT_VIEW = View((Column("indicator", min=14), Column("before", kind="value"), Column("after", kind="value"),
                      Column("change", min=8), Column("meaning", kind="wrap", min=20)))
# On the terminal, the library's values in words (csv and json keep them as they are).
CHANGE_WORDS = {"added": "added", "removed": "removed", "new_company": "new company", "new_position": "new position",
                "gone_quiet": "gone quiet", "back_in_touch": "back in touch"}
MATCHED_WORDS = {"key": "profile", "name+company": "name and company", "": ""}


def _signed(indicator, value):
    """A movement for reading: "+2", "+1.4 points" for a share, "-0.0047"; "—" when unknown."""
    from .table import format_number

    if value is None or value != value:
        return "—"
    if str(indicator).endswith("share"):
        return f"{value * 100:+.1f} points" if value else "0 points"
    text = format_number(value)
    return text if text.startswith("-") or text == "0" else "+" + text

__all__ = ["add_followups_argument", "hidden_count", "keep_open", "read_ledger", "register"]


def _date(text):
    import datetime

    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"'{text}' is not a date; write it as YYYY-MM-DD.") from None


def add_followups_argument(parser):
    """Add ``--followups FILE``: the ledger of what was done, declined or snoozed."""
    parser.add_argument("--followups", metavar="FILE",
                        help="followups.csv (written by 'todo --init-followups'): leave out what you marked done "
                             "or declined, and what you snoozed until after the export's date")


def read_ledger(args):
    """The ledger named by ``--followups`` (read before any other work: a typo stops at once), or None."""
    from ..followups import read_followups

    return read_followups(args.followups) if getattr(args, "followups", None) else None


def _today(G):
    import datetime

    return G.graph.get("as_of") or datetime.date.today()


def hidden_count(ledger, G):
    """How many suggestions the ledger leaves out on the graph's date (0 without a ledger)."""
    from ..followups import hidden_ids

    return len(hidden_ids(ledger, _today(G))[0]) if ledger is not None else 0


def keep_open(df, ledger, G, kind, *, top=None):
    """``df`` without the suggestions the ledger closes on the graph's date (:func:`apply_followups`)."""
    if ledger is None:
        return df
    from ..followups import apply_followups

    return apply_followups(df, ledger, _today(G), kind=kind, top=top)


NAME_HELP = ("your name, shown instead of a key when the export cannot tell it (a lone Connections.csv), "
             "e.g. --name \"Ana Lima\"")


def _read_named(paths, name, *, owners=None):
    """Read the exports at ``paths``; the first ``owners`` of them (default all: snapshots of one
    person) have their owner called ``name`` when it is given (``--name``)."""
    from ..io import read_exports, set_owner_name

    exports = read_exports(paths)
    if name is None:
        return exports
    owners = len(exports) if owners is None else owners
    return [set_owner_name(e, name) if i < owners else e for i, e in enumerate(exports)]


def register(subparsers):
    """Add ``changes`` and ``todo``."""
    p = subparsers.add_parser(
        "changes", help="what changed between two of your exports: who joined, left, changed jobs, went quiet",
        description="Compare two exports of the same person (in either order: their dates decide). One row per "
                    "change: added, removed, new_company, new_position, gone_quiet (a strong tie with a message in "
                    "the months before the older export and none since), back_in_touch (a message after a long "
                    "silence); then how size, in-person share, strength and active share moved. --source files "
                    "(calendar, mailbox, address book) count for the newer export whole and for the older one up "
                    "to its date, as --ties counts for both.",
    )
    p.add_argument("old", metavar="OLD", help="the older export (zip, folder or Connections.csv in a dated folder)")
    p.add_argument("new", metavar="NEW", help="the newer export")
    p.add_argument("--ties", metavar="FILE", help="ties.csv: which contacts you met in person")
    p.add_argument("--name", metavar="NAME", help=NAME_HELP)
    p.add_argument("--strong", type=share, default=0.5, metavar="S",
                   help="lasting tie strength (0-1) from which an online tie counts as strong (default: 0.5)")
    p.add_argument("--active-months", type=at_least(1), default=12, metavar="M",
                   help="a tie was active when a message falls in the M months before OLD (default: 12)")
    p.add_argument("--silence-months", type=at_least(1), default=12, metavar="M",
                   help="a message after M months of silence is 'back in touch' (default: 12)")
    add_source_arguments(p)
    add_format_argument(p)
    add_table_arguments(p)
    p.set_defaults(handler=_changes)

    p = subparsers.add_parser(
        "todo", help="this week's list: job changes to congratulate, ties going quiet, introductions to make",
        description="One ranked list of things worth doing, each with a reason and a first sentence to send "
                    "(English or French templates; nothing is generated or sent). Introductions come with the "
                    "double opt-in drafts. --init-followups writes a ledger where you mark each suggestion done, "
                    "declined or 'snooze until YYYY-MM-DD'; --followups reads it back; --ics writes reminders. "
                    "--source files (calendar, mailbox, address book) count for your current export, and for "
                    "--since up to its date.",
    )
    p.add_argument("exports", nargs="+", metavar="EXPORT", help="your current export (several are merged)")
    p.add_argument("--since", metavar="OLD", help="an older export of yours: job changes and ties gone quiet since")
    p.add_argument("--ties", metavar="FILE", help="ties.csv: which contacts you met in person")
    p.add_argument("--name", metavar="NAME", help=NAME_HELP)
    p.add_argument("--followups", metavar="FILE", help="followups.csv: leave out what is done, declined or snoozed")
    p.add_argument("--lang", choices=("en", "fr"), default="en", help="language of the first sentences (default: en)")
    p.add_argument("--per-kind", type=at_least(1), default=5, metavar="N",
                   help="at most N suggestions of each kind (default: 5)")
    p.add_argument("--today", metavar="DATE", help="the day the list is for (default: the newest export's date)")
    p.add_argument("--init-followups", metavar="FILE", help="write followups.csv for this list (refuses to replace one)")
    p.add_argument("--force", action="store_true",
                   help="with --init-followups: add the new suggestions to an existing ledger, keeping your "
                        "statuses; with --ics: replace an existing calendar file")
    p.add_argument("--ics", metavar="FILE", help="also write the list as calendar reminders (.ics)")
    add_source_arguments(p)
    add_format_argument(p)
    p.set_defaults(handler=_todo)


def _changes(args):
    from ..snapshots import changes

    old, new = _read_named([args.old, args.new], args.name)
    records, identities = read_sources(args)
    df = changes(old, new, ties=args.ties, strong=args.strong, active_months=args.active_months,
                 silence_months=args.silence_months, sources=records, identities=identities)
    if records:
        for line in source_warnings(df.attrs["identities_file"]):
            print(f"netanalysis: {line}", file=sys.stderr)
        LATER.extend(f"netanalysis: {line}" for line in source_notes(records, df.attrs["sources"]))
    import pandas as pd

    movement = pd.DataFrame(df.attrs["movement"])
    old, new = df.attrs["old_date"].isoformat(), df.attrs["new_date"].isoformat()
    if df.attrs["swapped"]:
        print(f"note: NEW ({args.new}) is the older export ({old}); compared the other way round.", file=sys.stderr)
    if args.format == "json":
        out = {"old_date": old, "new_date": new, "swapped": df.attrs["swapped"],
               "matched_by_name": df.attrs["matched_by_name"],
               "changes": table_to_json(df), "movement": table_to_json(movement)}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if args.format == "csv":
        emit_table(df, "csv")
        return 0
    print(f"Changes from {old} to {new}:")
    renamed = df.attrs["matched_by_name"]
    if len(df):
        counts = df["change"].value_counts()
        print(", ".join(f"{counts[k]} {CHANGE_WORDS.get(k, k)}" for k in counts.index))
        shown = df.assign(change=df["change"].map(lambda k: CHANGE_WORDS.get(k, k)),
                          matched_by=df["matched_by"].map(lambda m: MATCHED_WORDS.get(m, m)))
        # "matched by" says something only when someone was matched by name and company.
        view = CHANGES_VIEW if renamed or getattr(args, "wide", False) else dataclasses.replace(
            CHANGES_VIEW, columns=tuple(c for c in CHANGES_VIEW.columns if c.name != "matched_by"))
        emit_table(shown, "table", view=view, options=args)
    else:
        print("no changes")
    if renamed:
        print(fill(f"{renamed} {'person' if renamed == 1 else 'people'} changed profile URL and "
                   f"{'was' if renamed == 1 else 'were'} matched by name and company (see 'matched by')."))
    print()
    print("How the network moved:")
    shown = movement.assign(change=[_signed(i, c) for i, c in zip(movement["indicator"], movement["change"],
                                                                     strict=True)])
    emit_table(shown, "table", view=MOVEMENT_VIEW)
    return 0


def _todo(args):
    from ..followups import write_followups
    from ..reminders import to_ics
    from ..safefiles import atomic_write_text
    from ..todo import todo_list

    if args.force and not (args.init_followups or args.ics):
        raise InputError("--force goes with --init-followups FILE or --ics FILE.")
    # Before any work: never a reminder file over an existing one (without --force) or over an input.
    if args.ics:
        check_output(args, args.ics, option="--ics")
    if args.init_followups:
        # An existing ledger is refused by write_followups, or merged with --force (the user's statuses
        # kept, even when it is the --followups file read here); it is never written over an export.
        check_target(args.init_followups, inputs=[p for p in input_paths(args) if p != args.followups],
                     force=True, option="--init-followups")
    today = _date(args.today) if args.today else None
    since = _read_named([args.since], args.name)[0] if args.since else None
    records, identities = read_sources(args)
    df = todo_list(_read_named(args.exports, args.name, owners=1), since=since, ties=args.ties, followups=args.followups,
                   lang=args.lang, per_kind=args.per_kind, today=today, sources=records, identities=identities)
    if records:
        for line in source_warnings(df.attrs["identities_file"]):
            print(f"netanalysis: {line}", file=sys.stderr)
        LATER.extend(f"netanalysis: {line}" for line in source_notes(records, df.attrs["sources"]))
    if args.init_followups:
        path = write_followups(df, args.init_followups, force=args.force)
        print(f"wrote {path}: set each row's status to done, declined or 'snooze until YYYY-MM-DD'.",
              file=sys.stderr)
    if args.ics:
        path = atomic_write_text(args.ics, to_ics(df, lang=args.lang))
        print(f"wrote {path}: {len(df)} reminders on {df.attrs['today'].isoformat()}.", file=sys.stderr)
    if args.format in ("csv", "json"):
        emit_table(df, args.format)
        return 0
    counts = df.attrs["followups"]
    print(f"To do for the week of {df.attrs['today'].isoformat()}"
          + (f" (changes since {df.attrs['since'].isoformat()})" if df.attrs["since"] else "") + ":")
    if not len(df):
        print("nothing to suggest")
    for row in df.to_dict(orient="records"):
        who = row["name"] + (f" and {row['other_name']}" if row["other_name"] else "")
        print("\n" + fill(f"{row['rank']}. [{row['kind']}] {who}  (id {row['id']})", indent="   "))
        print(fill(f"   why: {row['reason']}", indent="        "))
        if row["kind"] == "introduce":
            print(fill(f"   to {row['name']}: {row['message']}", indent="      "))
            print(fill(f"   to {row['other_name']}: {row['message_b']}", indent="      "))
            print(fill(f"   when both say yes: {row['introduction']}", indent="      "))
        else:
            print(fill(f"   say: {row['message']}", indent="        "))
    done = ", ".join(f"{v} {k}" for k, v in counts.items() if v)
    if done:
        print("\n" + fill(f"from the ledger: {done}."))
    more = {k: v for k, v in df.attrs["left_out"].items() if v}
    if more:
        print(fill("more beyond --per-kind: " + ", ".join(f"{v} {k}" for k, v in more.items()) + "."))
    return 0

"""Commands for brokerage: ``introductions``, ``paths``, ``holes`` and ``roles``."""

from .common import (
    add_format_argument,
    add_graph_arguments,
    add_table_arguments,
    at_least,
    emit_table,
    load_graph,
)
from .present import add_followups_argument, hidden_count, keep_open, read_ledger
from .table import Column, View

EVIDENCE = ("all", "declared", "observed")

# How each table reads on a terminal (--format csv|json print the library's table as it is).
INTRODUCTIONS_VIEW = View((Column("rank", kind="int"), Column("a_name", title="introduce", min=18),
                           Column("b_name", title="to", min=18), Column("reason", kind="wrap", min=24),
                           Column("score", kind="num"), Column("pair_observed", title="pair seen", kind="bool"),
                           Column("constraint_before", title="your constraint now",
                                                               kind="num"),
                           Column("constraint_after", title="after", kind="num")))
PATHS_VIEW = View((Column("path_rank", title="rank", kind="int"), Column("target_name", title="to reach", min=12),
                   Column("target_company", title="company", min=10), Column("target_position", title="position", min=10),
                   Column("introducer_name", title="through", min=12), Column("hops", kind="int"),
                   Column("route", kind="wrap", min=30), Column("path_cost", title="cost", kind="num")))
HOPS_VIEW = View((Column("path_rank", title="path", kind="int", repeat=False), Column("hop", kind="int"),
                  Column("from_name", title="from", min=12), Column("to_name", title="to", min=12),
                  Column("met", kind="met", min=9), Column("strength", kind="num"),
                  Column("last_contact", title="last contact", kind="date"), Column("evidence", min=8)))
HOLES_VIEW = View((Column("name", min=20), Column("ego", title="", kind="you"), Column("degree", kind="int"),
                   Column("effective_size", title="effective size", kind="num"),
                   Column("efficiency", kind="num"), Column("constraint", kind="num"),
                   Column("hierarchy", kind="num"), Column("betweenness", kind="num"),
                   Column("note", kind="wrap", min=20)),
                  sort="effective_size", top=20, owner_first=True)
ROLES_VIEW = View((Column("name", min=20), Column("group", min=8), Column("coordinator", kind="int"),
                   Column("consultant", kind="int"),
                   Column("representative_gatekeeper", title="representative gatekeeper", kind="int"),
                   Column("liaison", kind="int"), Column("total", kind="int"),
                   Column("expected_total", title="expected by chance", kind="num")),
                  sort="total", top=20, owner_first=True)


def _add_evidence(parser):
    parser.add_argument("--evidence", choices=EVIDENCE, default="all",
                        help="which ties count: observed (in an export), declared (+ knows.csv, --source), "
                             "all (+ inferred; default)")


def register(subparsers):
    """Add ``introductions``, ``paths``, ``holes`` and ``roles``."""
    p = subparsers.add_parser(
        "introductions", help="pairs of your contacts worth introducing to each other, with the reason",
        description="Rank pairs of your contacts who are not tied: how well you know both (in person counts "
                    "most), different circles, matching or complementary roles, mutual contacts; and what "
                    "each introduction does to your own brokerage.",
    )
    add_graph_arguments(p)
    _add_evidence(p)
    p.add_argument("--top", type=at_least(1), default=20, metavar="N", help="how many suggestions (default: 20)")
    p.add_argument("--candidates", type=at_least(2), default=300, metavar="M",
                   help="draw pairs from your M strongest contacts (default: 300)")
    p.add_argument("--per-person", type=at_least(1), metavar="N",
                   help="show each contact in at most N suggestions (default: no limit)")
    p.add_argument("--no-inferred", action="store_true",
                   help="drop pairs joined by an inferred tie (same company…) instead of flagging them")
    p.add_argument("--seed", type=int, default=0, help="random seed for the circles (Louvain; default: 0)")
    add_followups_argument(p)
    add_format_argument(p)
    add_table_arguments(p, top=False)
    p.set_defaults(handler=_introductions)

    p = subparsers.add_parser(
        "paths", help="warm paths: who can introduce you to a person, a company or a role",
        description="The best chains of people from you to a person (key, profile URL or name), a company or "
                    "a keyword in people's positions, preferring strong ties met in person. Each hop shows "
                    "its own tie.",
    )
    add_graph_arguments(p)
    _add_evidence(p)
    p.add_argument("--to", required=True, metavar="TEXT",
                   help="who to reach: a key, profile URL or name, a company, or a keyword such as 'data'")
    p.add_argument("-k", type=at_least(1), default=3, metavar="K", help="how many paths (default: 3)")
    p.add_argument("--hops", action="store_true", help="one row per hop instead of one row per path")
    add_format_argument(p)
    add_table_arguments(p)
    p.set_defaults(handler=_paths)

    p = subparsers.add_parser(
        "holes", help="structural holes: Burt's constraint, effective size, efficiency, hierarchy; betweenness",
        description="Burt's structural-hole measures and betweenness for everyone (or --ego only). Unweighted "
                    "(--weight none) gives the textbook and UCINET values.",
    )
    add_graph_arguments(p)
    _add_evidence(p)
    p.add_argument("--weight", choices=("strength", "none"), default="strength",
                   help="read ties by their strength (default) or count every tie as 1 (none)")
    p.add_argument("--only-ego", action="store_true", help="describe only the ego (fast on large networks)")
    p.add_argument("--no-betweenness", action="store_true",
                   help="skip betweenness, the slow part on large networks (the column is left empty)")
    p.add_argument("--seed", type=int, default=0, help="random seed for sampled betweenness (default: 0)")
    add_format_argument(p)
    add_table_arguments(p)
    p.set_defaults(handler=_holes)

    p = subparsers.add_parser(
        "roles", help="Gould–Fernandez brokerage roles: coordinator, consultant, representative, liaison",
        description="Count, for each person, the pairs of their contacts who are not tied, by the groups of "
                    "the three people, with the counts expected by chance.",
    )
    add_graph_arguments(p)
    _add_evidence(p)
    p.add_argument("--groups", default="community", metavar="GROUPS",
                   help="community (default), company, or the name of a person attribute")
    p.add_argument("--ordered", action="store_true",
                   help="count ordered pairs as sna/UCINET do (each open pair twice)")
    p.add_argument("--seed", type=int, default=0, help="random seed for the circles (Louvain; default: 0)")
    add_format_argument(p)
    add_table_arguments(p)
    p.set_defaults(handler=_roles)


def _introductions(args):
    from ..brokerage import introductions

    ledger = read_ledger(args)
    G, _, ego = load_graph(args)
    # Ask for as many more as the ledger may leave out, so that --top suggestions remain.
    df = introductions(G, ego, top=args.top + hidden_count(ledger, G), evidence=args.evidence,
                       candidates=args.candidates, include_inferred=not args.no_inferred,
                       max_per_person=args.per_person, seed=args.seed)
    df = keep_open(df, ledger, G, "introduce", top=args.top)
    emit_table(df, args.format, view=INTRODUCTIONS_VIEW, options=args, ego=ego)
    return 0


def _paths(args):
    from ..brokerage import warm_paths

    G, _, ego = load_graph(args)
    df = warm_paths(G, ego, args.to, k=args.k, evidence=args.evidence, per="hop" if args.hops else "path")
    emit_table(df, args.format, view=HOPS_VIEW if args.hops else PATHS_VIEW, options=args, ego=ego)
    return 0


def _holes(args):
    from ..brokerage import structural_holes

    G, _, ego = load_graph(args)
    df = structural_holes(G, nodes=[ego] if args.only_ego else None,
                          weight=None if args.weight == "none" else "strength",
                          evidence=args.evidence, betweenness=not args.no_betweenness, seed=args.seed)
    emit_table(df, args.format, view=HOLES_VIEW, options=args, ego=ego)
    return 0


def _roles(args):
    from ..brokerage import brokerage_roles

    G, _, ego = load_graph(args)
    df = brokerage_roles(G, groups=args.groups, evidence=args.evidence, ordered=args.ordered, seed=args.seed)
    emit_table(df, args.format, view=ROLES_VIEW, options=args, ego=ego)
    return 0

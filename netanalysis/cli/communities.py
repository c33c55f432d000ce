"""Commands for communities: ``communities``, ``map`` and ``export``."""

import sys

from ..errors import InputError
from .common import (
    add_format_argument,
    add_graph_arguments,
    add_table_arguments,
    at_least,
    check_output,
    emit_table,
    load_graph,
)
from .table import Column, View

EVIDENCE = ("all", "declared", "observed")

# How each table reads on a terminal (--format csv|json print the library's table as it is).
COMMUNITIES_VIEW = View((Column("community", title="circle", kind="int"), Column("label", min=14),
                         Column("size", kind="int"), Column("ego_ties", title="your contacts", kind="int"),
                         Column("in_person_share", title="met in person", kind="share"),
                         Column("strongest", title="strongest ties", kind="wrap", min=16),
                         Column("bridges", kind="wrap", min=16), Column("mean_strength", title="mean strength",
                                                                         kind="num")), top=30)
PEOPLE_VIEW = View((Column("name", min=14), Column("community", title="circle", kind="int"),
                    Column("size", title="circle size", kind="int"), Column("status", min=12),
                    Column("stability", kind="share")), top=30, owner_first=True)


def _add_evidence(parser):
    parser.add_argument("--evidence", choices=EVIDENCE, default="all",
                        help="which ties between contacts count: observed (in an export), declared (+ knows.csv, --source), "
                             "all (+ inferred; default)")
    parser.add_argument("--seed", type=int, default=0, help="random seed for Louvain and the layout (default: 0)")


def register(subparsers):
    """Add ``communities``, ``map`` and ``export``."""
    p = subparsers.add_parser(
        "communities", help="the circles among your contacts: size, label, how many you know in person",
        description="Find communities (Louvain) among the ties between your contacts and describe each one. "
                    "With merged exports, the other members' contacts are placed in circles too.",
    )
    add_graph_arguments(p)
    _add_evidence(p)
    p.add_argument("--people", action="store_true",
                   help="list one row per person (community, status) instead of one row per community")
    add_format_argument(p)
    add_table_arguments(p)
    p.set_defaults(handler=_communities)

    p = subparsers.add_parser(
        "map", help="write the interactive network map: one offline HTML file",
        description="Write a self-contained HTML map (colour = community, line = met in person / online / "
                    "unknown / inferred). It loads nothing from the internet.",
    )
    add_graph_arguments(p)
    _add_evidence(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE.html", help="where to write the map")
    p.add_argument("--community", type=int, metavar="ID", help="show only this community (see 'netanalysis communities')")
    p.add_argument("--max-nodes", type=at_least(1), default=2000, metavar="N",
                   help="above N people, show one node per community; with --community, show that "
                        "circle's N most tied-in members (default: 2000)")
    p.add_argument("--title", help="heading of the page (default: '<your name>'s network')")
    p.add_argument("--force", action="store_true", help="replace FILE.html if it exists (never an input)")
    p.set_defaults(handler=_map)

    p = subparsers.add_parser(
        "export", help="write the network for Gephi and other tools: GEXF, GraphML or CSV tables",
        description="Write every person and tie with their attributes (met, evidence, strength, community, "
                    "label) in a format Gephi opens.",
    )
    add_graph_arguments(p)
    _add_evidence(p)
    p.add_argument("--format", choices=("gexf", "graphml", "csv"), required=True,
                   help="gexf or graphml (one file), or csv (a folder with nodes.csv and edges.csv)")
    p.add_argument("-o", "--output", required=True, metavar="PATH", help="file (gexf, graphml) or folder (csv) to write")
    p.add_argument("--force", action="store_true",
                   help="replace an existing file, or write into a folder that is not empty (never onto an input)")
    p.set_defaults(handler=_export)


def _communities(args):
    from ..communities import community_table, detect_communities
    from ..viz.communities import SMALL_CIRCLE

    G, _, ego = load_graph(args)
    if args.people:
        df = detect_communities(G, ego=ego, evidence=args.evidence, seed=args.seed)
    else:
        df = community_table(G, ego=ego, evidence=args.evidence, seed=args.seed)
    small = df[df["size"] < SMALL_CIRCLE] if not args.people and len(df) else df.iloc[:0]
    if args.format == "table" and len(small) and not args.show_all and args.show_top is None:
        # Circles of two or three people are noise next to the real ones: grouped, as on the map.
        args.show_top = max(len(df) - len(small), 1)
        print(f"small groups: {len(small)} circles of fewer than {SMALL_CIRCLE} people ({int(small['size'].sum()):,} "
              "people), listed last (--all shows them).")
    emit_table(df, args.format, view=PEOPLE_VIEW if args.people else COMMUNITIES_VIEW, options=args, ego=ego)
    return 0


def _map(args):
    from ..safefiles import atomic_write_text
    from ..viz.interactive import map_page

    if not str(args.output).lower().endswith((".html", ".htm")):
        raise InputError(f"{args.output}: the map is an HTML page; give a file name ending in .html.")
    check_output(args, args.output)
    G, _, ego = load_graph(args)
    page, drawn, aggregated = map_page(G, ego=ego, evidence=args.evidence, seed=args.seed, community=args.community,
                                        max_nodes=args.max_nodes, title=args.title)
    path = atomic_write_text(args.output, page)
    everyone = G.number_of_nodes()
    if aggregated:
        shown = f"{everyone:,} people, one node per circle"
    elif drawn < everyone:
        shown = f"{drawn:,} of the network's {everyone:,} people"
    else:
        shown = f"{everyone:,} people"
    print(f"map written to {path} ({shown}); open it in a browser, it works offline", file=sys.stderr)
    return 0


def _export(args):
    from ..communities import label_communities, partition
    from ..export import to_csv, to_gexf, to_graphml

    check_output(args, args.output, folder=args.format == "csv")
    G, _, ego = load_graph(args)
    part = partition(G, ego=ego, evidence=args.evidence, seed=args.seed)
    labels = label_communities(G, part)
    writer = {"gexf": to_gexf, "graphml": to_graphml, "csv": to_csv}[args.format]
    written = writer(G, args.output, partition=part, labels=labels)
    names = ", ".join(str(p) for p in written) if isinstance(written, list) else str(written)
    print(f"wrote {names}", file=sys.stderr)
    return 0

"""Core commands: ``inspect`` (what was read), ``ties init`` (the annotation template), ``demo``."""

import json
import sys
from pathlib import Path

from ..errors import InputError
from .common import add_graph_arguments, check_output, claim_report_folder, load_graph, settle

__all__ = ["inspect_data", "register"]


def register(subparsers):
    """Add ``inspect``, ``ties`` and ``demo``."""
    inspect = subparsers.add_parser(
        "inspect", help="show what was read from each export and the resulting graph",
        description="Show, per export and per file, the rows read, used and skipped (with line numbers "
                    "and reasons), the owner and how they were identified, and the graph built from it all.",
    )
    add_graph_arguments(inspect)
    inspect.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    inspect.set_defaults(handler=_inspect)

    ties = subparsers.add_parser("ties", help="the ties.csv annotation file (who you met in person)")
    ties_sub = ties.add_subparsers(dest="ties_command", metavar="ACTION")
    ties_sub.required = True
    init = ties_sub.add_parser(
        "init", help="write a ties.csv template to fill in with who you met in person",
        description="Write one row per contact, likely in-person ties first, with a blank 'met' column "
                    "to fill in (in person / online). Opens cleanly in Excel and LibreOffice.",
    )
    init.add_argument("export", metavar="EXPORT", help="your LinkedIn export (zip, folder or Connections.csv)")
    init.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write ties.csv")
    init.add_argument("--force", action="store_true", help="overwrite FILE if it exists (it may hold your answers)")
    init.add_argument("--name", metavar="NAME", help="your name (accepted as by every command; the template lists "
                                                     "your contacts only)")
    init.set_defaults(handler=_ties_init)

    demo = subparsers.add_parser(
        "demo", help="run the whole analysis on the fictional sample cohort in data/sample",
        description="Read the sample cohort's exports, build the network, print a summary and write "
                    "the outputs to DIR.",
    )
    demo.add_argument("--out", default="out", metavar="DIR", help="output directory (default: out)")
    demo.add_argument("--force", action="store_true", help="overwrite earlier demo output in DIR")
    demo.set_defaults(handler=_demo)


def inspect_data(G, exports):
    """The ``inspect`` summary as a JSON-ready dict."""
    from ..graph import graph_summary

    summary = {"exports": [], "graph": graph_summary(G)}
    for export in exports:
        report = export.report.to_dict()
        owner = dict(export.owner)
        summary["exports"].append({
            "path": str(export.path),
            "owner": {k: owner.get(k) for k in ("key", "name", "identified_by")},
            "contacts": len(export.contacts),
            "hidden_members": int(report.get("hidden_members", 0)),
            "files": report.get("files", {}),
            "ignored_files": report.get("ignored_files", []),
        })
    summary["ties_file"] = G.graph.get("ties_file")
    summary["knows_file"] = G.graph.get("knows_file")
    summary["inference"] = G.graph.get("inference") or {}
    summary["ego"] = G.graph.get("ego")
    as_of = G.graph.get("as_of")
    summary["as_of"] = as_of.isoformat() if as_of else None
    return summary


def _inspect(args):
    G, exports, _ = load_graph(args)
    data = inspect_data(G, exports)
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    _print_inspect(data)
    return 0


class _Filled:
    """A stream whose lines are wrapped to the terminal's width, continuation lines indented under their start."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text):
        from .table import fill

        for line in text.splitlines(keepends=True):
            body = line.rstrip("\n")
            indent = " " * (len(body) - len(body.lstrip(" ")) + 4)
            self.stream.write(fill(body, indent=indent) + line[len(body):])


def _print_inspect(data, stream=None):
    out = _Filled(stream or sys.stdout)
    for export in data["exports"]:
        owner = export["owner"]
        out.write(f"Export {export['path']}\n")
        if str(owner["key"]).startswith("owner:"):  # a file without its owner's name: no machine key shown
            out.write(f"  owner: {owner['name'] or '(unnamed: give the name with --name)'}, not identified by the "
                      "export\n")
        else:
            out.write(f"  owner: {owner['name'] or '(unnamed)'} [{owner['key']}], identified by {owner['identified_by']}\n")
        out.write(f"  contacts: {export['contacts']}  hidden members: {export['hidden_members']}\n")
        for name, info in export["files"].items():
            skipped = info.get("skipped", [])
            out.write(f"  {name}: {info['rows']} rows, {info['used']} used, {len(skipped)} skipped\n")
            reasons = {}
            for skip in skipped:
                reasons.setdefault(skip["reason"], []).append(skip["line"])
            for reason, lines in sorted(reasons.items()):
                shown = ", ".join(str(n) for n in lines[:8]) + (", …" if len(lines) > 8 else "")
                out.write(f"    - {reason}: {len(lines)} (line {shown})\n")
        if export.get("ignored_files"):
            out.write(f"  not used: {', '.join(export['ignored_files'])}\n")
    graph = data["graph"]
    out.write(f"Graph: {graph['people']} people, {graph['ties']} ties\n")
    out.write("  by evidence: " + ", ".join(f"{k} {v}" for k, v in graph["ties_by_evidence"].items()) + "\n")
    out.write("  by met: " + ", ".join(f"{k} {v}" for k, v in graph["ties_by_met"].items()) + "\n")
    for label, key in (("ties.csv", "ties_file"), ("knows.csv", "knows_file")):
        info = data.get(key)
        if info:
            counts = [f"{info['matched']} matched"] if "matched" in info else [
                f"{info['added']} added", f"{info['existing']} already known"]
            counts += [f"{len(info['unmatched'])} unmatched", f"{len(info.get('skipped', []))} set aside"]
            out.write(f"  {label}: {info['rows']} rows, {', '.join(counts)}\n")
            for row in info["unmatched"][:10]:
                out.write(f"    - line {row['line']}: {row.get('name', row.get('a', ''))}: {row['reason']}\n")


def _ties_init(args):
    from ..annotations import ties_template
    from ..io import read_export
    from ..safefiles import write_csv

    target = Path(args.output)
    if target.exists() and not args.force and not target.is_dir():
        raise InputError(f"{target} already exists and may hold your answers; choose another name or pass --force.")
    check_output(args, target)
    export = read_export(args.export)
    if args.name is not None:
        from ..io import set_owner_name

        export = set_owner_name(export, args.name)
    table = ties_template(export)
    write_csv(table, target, bom=True)
    suggested = int((table["suggested"] != "").sum())
    from .table import fill

    print(fill(f"Wrote {len(table)} contacts to {target} ({suggested} with a suggestion, listed first). "
               "Fill in the 'met' column with 'in person' or 'online', then pass it with --ties."))
    return 0


def _demo(args):
    with claim_report_folder(args, Path(args.out)):
        return _demo_in(args)


def _demo_in(args):
    from ..datasets import sample_files
    from ..graph import build_graph, graph_summary
    from ..io import read_export, read_knows, read_ties
    from ..report import build_report, write_report

    files = sample_files("cohort")
    exports = [read_export(path) for path in files["exports"]]
    ties = read_ties(files["ties"]) if files.get("ties") else None
    knows = read_knows(files["knows"]) if files.get("knows") else None
    G = build_graph(exports, ties=ties, knows=knows)
    settle()
    print(f"Read {len(exports)} fictional exports from {Path(files['exports'][0]).parents[1]}:")
    for export in exports:
        report = export.report.to_dict()["files"]
        set_aside = sum(len(f["skipped"]) for f in report.values())
        print(f"  {export.owner['name']}: {len(export.contacts)} contacts, "
              f"{sum(f['rows'] for f in report.values())} rows in {len(report)} files, {set_aside} set aside with a reason")
    summary = graph_summary(G)
    print(f"Merged network: {summary['people']} people, {summary['ties']} ties "
          f"({', '.join(f'{k} {v}' for k, v in summary['ties_by_evidence'].items())}).")
    report = build_report(G, G.graph["ego"], exports=exports)
    indicators = report.tables["strength"].set_index("indicator")["value"]
    print(f"{G.nodes[G.graph['ego']]['name']}: {indicators['size']:.0f} contacts, "
          f"{indicators['in_person_share']:.0%} met in person, {indicators['strong_ties']:.0f} strong ties, "
          f"worth {indicators['strength_weighted_size']:.0f} people once weighted by strength.")
    intros = report.tables.get("introductions")
    if intros is not None and len(intros):
        print("Best introduction to make:", f"{intros.iloc[0]['a_name']} and {intros.iloc[0]['b_name']}: "
              f"{intros.iloc[0]['reason']}.")
    written = write_report(report, Path(args.out), force=args.force)
    print(f"\nReport: {written[0]}  (open it in a browser; it works offline)")
    print(f"Tables as CSV and network.gexf (for Gephi) beside it, in {Path(args.out)}/")
    return 0

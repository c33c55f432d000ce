"""Core commands: ``inspect`` (what was read), ``ties init`` (the annotation template), ``demo``."""

import json
import sys
from pathlib import Path

from ..errors import InputError
from .common import (
    add_graph_arguments,
    add_source_arguments,
    check_output,
    claim_report_folder,
    load_graph,
    settle,
    source_warnings,
)

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
    inspect.add_argument("--identities-out", metavar="FILE",
                         help="write identities.csv: who each person of your --source files is in the network, "
                              "for you to review and pass back with --identities")
    inspect.add_argument("--force", action="store_true", help="overwrite the --identities-out FILE if it exists")
    inspect.set_defaults(handler=_inspect)

    ties = subparsers.add_parser("ties", help="the ties.csv annotation file (who you met in person)")
    ties_sub = ties.add_subparsers(dest="ties_command", metavar="ACTION")
    ties_sub.required = True
    init = ties_sub.add_parser(
        "init", help="write a ties.csv template to fill in with who you met in person",
        description="Write one row per contact, likely in-person ties first, with a blank 'met' column "
                    "to fill in (in person / online). Opens cleanly in Excel and LibreOffice.",
    )
    add_source_arguments(init)
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


def inspect_data(G, exports, sources=None):
    """The ``inspect`` summary as a JSON-ready dict.

    ``sources``: what :func:`netanalysis.cli.common.load_graph` read from ``--source`` files
    (``records`` and ``applied``): each is accounted for like an export (items read, used and
    skipped with reasons, people matched, occasions used, ties added).
    """
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
    if sources:
        summary["sources"] = _sources_data(sources)
    return summary


def _sources_data(sources):
    """Per ``--source`` file: what was read and what it added; the identities by status."""
    out = []
    for record, counts in zip(sources["records"], sources["applied"]["sources"], strict=True):
        report = record.report.to_dict()
        out.append({"path": str(record.path), "kind": record.kind, **counts, "files": report.get("files", {}),
                    "notes": list(record.notes)})
    table = sources["applied"]["identities"]
    info = table.attrs.get("identities_file")
    return {"files": out, "identities": {s: int((table["status"] == s).sum()) for s in
                                         ("matched", "suggested", "ambiguous", "unmatched", "not this person")},
            "identities_file": info, "met_suggestions": len(sources["applied"]["suggestions"]),
            "ties_added": sources["applied"]["ties_added"]}


def _inspect(args):
    out = Path(args.identities_out) if getattr(args, "identities_out", None) else None
    if out is not None:
        if not args.sources:
            raise InputError("--identities-out lists who is who across your sources; pass them with --source FILE.")
        check_output(args, out, option="--identities-out")
    sources = {}
    G, exports, _ = load_graph(args, sources_out=sources)
    data = inspect_data(G, exports, sources)
    if out is not None:
        from ..linkage import write_identities

        write_identities(sources["applied"]["identities"], out)
        print(f"netanalysis: wrote {len(sources['applied']['identities'])} people to {out}: check the 'suggested' "
              "and 'ambiguous' rows (status matched + key, or 'not this person'), then pass it with --identities.",
              file=sys.stderr)
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
    _print_sources(data.get("sources"), out)


def _print_sources(sources, out):
    if not sources:
        return
    for entry in sources["files"]:
        out.write(f"Source {entry['path']} ({entry['kind'].replace('_', ' ')})\n")
        out.write(f"  items: {entry['items']}, {entry['used']} used, {entry['skipped']} skipped\n")
        for name, info in entry["files"].items():
            reasons = {}
            for skip in info.get("skipped", []):
                reasons.setdefault(skip["reason"], []).append(skip["line"])
            for reason, lines in sorted(reasons.items()):
                shown = ", ".join(str(n) for n in lines[:8]) + (", …" if len(lines) > 8 else "")
                out.write(f"    - {name}: {reason}: {len(lines)} (item {shown})\n")
        out.write(f"  people: {entry['people']} ({entry['matched']} matched, {entry['suggested']} suggested by name "
                  f"only, {entry['ambiguous']} ambiguous, {entry['unmatched']} not found in your network)\n")
        if entry["occasions"]:
            out.write(f"  occasions: {entry['occasions']}, {entry['occasions_used']} used\n")
            for reason, n in entry["occasions_skipped"].items():
                out.write(f"    - {reason}: {n}\n")
        out.write(f"  your ties enriched: {entry['ego_ties']}, ties between contacts added: {entry['ties_added']}, "
                  f"supported: {entry['ties_supported']}, met-in-person suggestions: {entry['met_suggestions']}\n")
        if entry["occasions"] and not entry.get("owner_known", True):
            out.write("  note: none of your own addresses is known in this file, so every occasion in it is taken as "
                      "one you were at and none yields a met-in-person suggestion; say which address is yours in "
                      "identities.csv (status matched, key ego) and pass it with --identities\n")
        for note in entry["notes"]:
            out.write(f"  note: {note}\n")


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
    recorded = _calendar_suggestions(args, export)
    if recorded is not None:  # the contacts the calendar says were met first, with the meeting
        table = ties_template(export, recorded=recorded)
    write_csv(table, target, bom=True)
    suggested = int((table["suggested"] != "").sum())
    from .table import fill

    backed = f", {len(recorded)} of them from your calendar" if recorded is not None and len(recorded) else ""
    print(fill(f"Wrote {len(table)} contacts to {target} ({suggested} with a suggestion{backed}, listed first). "
               "Fill in the 'met' column with 'in person' or 'online', then pass it with --ties."))
    return 0


def _calendar_suggestions(args, export):
    """Met-in-person suggestions from ``--source`` files (None without any)."""
    if not args.sources:
        if args.identities:
            raise InputError("--identities says who is who across your sources; pass them with --source FILE.")
        return None
    from ..graph import build_graph
    from ..io.records import read_source
    from ..linkage import read_identities
    from ..recorded import met_suggestions

    G = build_graph(export)
    records = [read_source(path) for path in args.sources]
    identities = read_identities(args.identities) if args.identities else None
    table = met_suggestions(G, records, identities=identities, exports=[export])
    for line in source_warnings(table.attrs.get("identities_file")):
        print(f"netanalysis: {line}", file=sys.stderr)
    return table


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

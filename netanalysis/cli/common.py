"""Arguments and output helpers shared by every command."""

import argparse
import contextlib
import json
import math
import sys

import pandas as pd

from ..errors import InputError

__all__ = [
    "LATER", "add_format_argument", "add_graph_arguments", "add_owner_names_argument", "add_source_arguments",
    "add_table_arguments", "apply_sources", "at_least", "check_output", "claim_report_folder", "emit_table",
    "input_paths", "load_graph", "named_exports", "read_sources", "share", "source_notes", "source_warnings", "table_to_json",
]

FORMATS = ("table", "csv", "json")
#: Notes for stderr once the command has succeeded (``main`` prints them; an error stays one line).
LATER = []


def at_least(minimum):
    """An argparse ``type``: a whole number no smaller than ``minimum`` (``--top 0`` is refused in one line).

    Examples
    --------
    >>> at_least(1)("3")
    3
    >>> at_least(1)("0")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: must be a whole number of at least 1, not '0'
    """
    def whole(text):
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < minimum:
            raise argparse.ArgumentTypeError(f"must be a whole number of at least {minimum}, not {text!r}")
        return value

    whole.__name__ = f"whole number >= {minimum}"
    return whole


def share(text):
    """An argparse ``type``: a number from 0 to 1 (``--strong 5`` and ``--strong nan`` are refused in one line).

    Examples
    --------
    >>> share("0.5")
    0.5
    >>> share("nan")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: must be a number from 0 to 1, not 'nan'
    """
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 <= value <= 1:  # false for nan too
        raise argparse.ArgumentTypeError(f"must be a number from 0 to 1, not {text!r}")
    return value


class _InferHelp(str):
    """The ``--infer`` help, naming every rule of :data:`netanalysis.inference.RULES` when help is shown.

    The rules module imports networkx: reading it only when ``--help`` formats this text keeps
    ``netanalysis`` quick to start.
    """

    def __mod__(self, params):
        from ..inference import RULES

        return (f"add inferred ties between contacts: {', '.join(RULES)} (repeatable)") % params


INFER_HELP = _InferHelp("add inferred ties between contacts (repeatable)")


def add_graph_arguments(parser):
    """Add the arguments every analysis command shares: exports, annotations, ego, inference."""
    parser.add_argument(
        "exports", nargs="+", metavar="EXPORT",
        help="LinkedIn export: the zip, the folder it unzips to, or Connections.csv (several are merged)",
    )
    parser.add_argument("--ties", metavar="FILE", help="ties.csv: which contacts you met in person")
    parser.add_argument("--knows", metavar="FILE", help="knows.csv: pairs of contacts who know each other")
    parser.add_argument("--ego", metavar="KEY", help="whose point of view (default: the first export's owner)")
    parser.add_argument("--ego-url", metavar="URL", help="the first export owner's profile URL, if it cannot be found")
    parser.add_argument("--name", metavar="NAME",
                        help="the first export owner's name, shown instead of a key when the export cannot tell "
                             "it (a lone Connections.csv), e.g. --name \"Ana Lima\"")
    parser.add_argument(
        "--infer", action="append", default=[], metavar="RULE", help=INFER_HELP,
    )
    add_source_arguments(parser)


def add_source_arguments(parser):
    """Add ``--source FILE`` (repeatable) and ``--identities FILE``: the user's other data as evidence."""
    parser.add_argument("--source", dest="sources", action="append", default=[], metavar="FILE",
                        help="your calendar (.ics), mailbox (.mbox), address book (.vcf, contacts CSV) or another "
                             "network's file: met-in-person suggestions, contact-contact ties, mail counts (repeatable)")
    parser.add_argument("--identities", metavar="FILE",
                        help="identities.csv: who is who across your sources, as you reviewed it")


def add_owner_names_argument(parser):
    """Add ``--name NAME...``: one owner's name per export, for commands that keep several people apart."""
    parser.add_argument("--name", nargs="+", metavar="NAME",
                        help="each export owner's name, in the same order ('-' for one whose export names its "
                             "owner), for an export that cannot tell it (a lone Connections.csv); put it after "
                             "the exports")


def named_exports(args):
    """Read ``args.exports``, giving each owner the name ``--name`` says ('-' keeps the export's own).

    Raises
    ------
    InputError
        When ``--name`` does not give one name per export.
    """
    from ..io import read_export, set_owner_name

    names = getattr(args, "name", None)
    if names and len(names) != len(args.exports):
        raise InputError(f"--name gives {len(names)} names for {len(args.exports)} exports; give one each "
                         "('-' for an export that names its owner).")
    exports = [read_export(path) for path in args.exports]
    if names:
        exports = [export if name == "-" else set_owner_name(export, name)
                   for export, name in zip(exports, names, strict=True)]
    return exports


def add_table_arguments(parser, *, top=True):
    """Add ``--top N``, ``--all``, ``--sort COLUMN`` and ``--wide`` (ignored by ``--format csv|json``)."""
    group = parser.add_argument_group("table on the terminal (--format csv|json always print everything)")
    if top:
        group.add_argument("--top", dest="show_top", type=at_least(1), metavar="N",
                           help="show the first N rows")
    group.add_argument("--all", dest="show_all", action="store_true", help="show every row")
    group.add_argument("--sort", metavar="COLUMN",
                       help="sort by this column (numbers largest first, text A to Z)")
    group.add_argument("--wide", action="store_true",
                       help="show every column (keys included), whatever the terminal's width")


def add_format_argument(parser):
    """Add ``--format table|csv|json``."""
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")


def input_paths(args):
    """Every path a command reads, from its parsed arguments: exports, ``--ties``, ``--knows``, salt file, snapshots, ledger.

    Examples
    --------
    >>> import argparse
    >>> input_paths(argparse.Namespace(exports=["a.zip"], ties=["t.csv", "-"], knows=None, salt_file="s"))
    ['a.zip', 't.csv', 's']
    >>> input_paths(argparse.Namespace(exports=10))
    []
    """
    paths = []
    for name in ("exports", "export", "ties", "knows", "salt_file", "old", "new", "since", "followups", "sources",
                 "identities"):
        value = getattr(args, name, None)
        for path in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(path, str) and path not in ("", "-"):  # sample's --exports is a count, not a path
                paths.append(path)
    return paths


def check_output(args, path, *, folder=False, ignore=(), option="--output"):
    """Check, before any work, that a command may write ``path`` (see :func:`netanalysis.safefiles.check_target`).

    Every writing command calls this first: an existing file or a non-empty folder is refused
    unless ``--force``, and an input of the command (:func:`input_paths`) is never written onto.
    """
    from ..safefiles import check_target

    check_target(path, inputs=input_paths(args), force=getattr(args, "force", False), folder=folder,
                 ignore=ignore, option=option)


@contextlib.contextmanager
def claim_report_folder(args, out, *, option="--out"):
    """Hold the report folder ``out`` for the whole command, and check it before any work.

    A second command writing a report into the same folder at the same time is refused in one
    line (:func:`netanalysis.report.claim_folder`); a lock left by a killed run is taken over,
    with a note on stderr. Then :func:`check_output` runs, while the folder is held.
    """
    from ..report.write import LOCK_FILE, claim_folder

    with claim_folder(out) as stale:
        if stale:
            print(f"netanalysis: note: {out} was locked by a run that ended without cleaning up (process "
                  f"{stale}); taken over.", file=sys.stderr)
        check_output(args, out, folder=True, ignore=(LOCK_FILE,), option=option)
        yield


def load_graph(args, *, sources_out=None):
    """Read the exports and annotations named on the command line and build the graph.

    The user's other data (``--source``, ``--identities``) are applied after the graph is built
    (:func:`netanalysis.recorded.apply_records`), to the ego's point of view.

    Parameters
    ----------
    args : argparse.Namespace
    sources_out : dict, optional
        Filled with ``records`` (the Records read, one per ``--source``) and ``applied``
        (:func:`~netanalysis.recorded.apply_records`'s result) for commands that account for them.

    Returns
    -------
    (networkx.Graph, list of Export, str)
        The graph, the exports read, and the ego's key.
    """
    from ..graph import annotation_warnings, apply_ties, build_graph
    from ..io import read_exports, read_knows, read_ties

    exports = read_exports(args.exports)
    if getattr(args, "ego_url", None):
        from ..io import set_owner_url

        exports[0] = set_owner_url(exports[0], args.ego_url)
    if getattr(args, "name", None) is not None:
        from ..io import set_owner_name

        exports[0] = set_owner_name(exports[0], args.name)
    ties = read_ties(args.ties) if getattr(args, "ties", None) else None
    knows = read_knows(args.knows) if getattr(args, "knows", None) else None
    infer = tuple(getattr(args, "infer", ()) or ())
    if ties is not None and getattr(args, "ego", None):  # the ties file belongs to the --ego it comes with
        G = build_graph(exports, knows=knows, infer=infer)
        ego = resolve_person(G, args.ego)
        apply_ties(G, ties, ego)
    else:
        G = build_graph(exports, ties=ties, knows=knows, infer=infer)
        ego = resolve_person(G, args.ego) if getattr(args, "ego", None) else G.graph["ego"]
    applied = apply_sources(args, G, exports, ego, sources_out)
    info = applied["identities"].attrs.get("identities_file") if applied else None
    for line in [*annotation_warnings(G), *source_warnings(info)]:  # rows set aside or matching nobody
        print(f"netanalysis: {line}", file=sys.stderr)
    if exports[0].owner.get("identified_by") == "unknown" and not exports[0].owner.get("name"):
        LATER.append(f"netanalysis: note: nothing in {exports[0].path} says whose contacts these are; add "
                     "--name \"Your Name\" to see your name instead of a key.")
    settle()
    return G, exports, ego


def apply_sources(args, G, exports, ego, sources_out=None):
    """Read ``--source`` files and ``--identities`` and apply them to ``G`` (the ego's); None when there are none.

    A source matching nobody in the network is said in one line after the output (:func:`source_notes`).
    """
    records, identities = read_sources(args)
    if records is None:
        return None
    from ..recorded import apply_records

    applied = apply_records(G, records, identities=identities, exports=exports, ego=ego)
    if sources_out is not None:
        sources_out.update(records=records, applied=applied)
    LATER.extend(f"netanalysis: {line}" for line in source_notes(records, applied["sources"]))
    return applied


def read_sources(args):
    """The Records of ``--source`` (one per file) and ``--identities`` as read; ``(None, None)`` without sources."""
    paths = list(getattr(args, "sources", None) or ())
    if not paths:
        if getattr(args, "identities", None):
            raise InputError("--identities says who is who across your sources; pass them with --source FILE.")
        return None, None
    from ..io.records import read_source
    from ..linkage import read_identities

    records = [read_source(path) for path in paths]
    return records, read_identities(args.identities) if getattr(args, "identities", None) else None


def source_notes(records, summaries):
    """One line per source that matches none of the user's contacts: it adds nothing (said, not an error).

    ``summaries``: :func:`netanalysis.recorded.apply_records`'s ``sources``, in the order of ``records``.
    People matched by name only are suggestions, not matches: the line points to ``identities.csv``.

    Examples
    --------
    >>> from types import SimpleNamespace as R
    >>> source_notes([R(path="cal.ics"), R(path="mail.mbox")],
    ...              [{"people": 12, "suggested": 2, "ego_ties": 0}, {"people": 3, "ego_ties": 1}])
    ['note: cal.ics matches none of your contacts (12 people in it; 2 by name only, to confirm with inspect --identities-out): it adds nothing.']
    """
    lines = []
    for record, entry in zip(records, summaries, strict=True):
        if entry.get("ego_ties") or entry.get("ties_added") or entry.get("ties_supported"):
            continue
        people, named = entry.get("people", 0), entry.get("suggested", 0)
        by_name = f"; {named} by name only, to confirm with inspect --identities-out" if named else ""
        lines.append(f"note: {record.path} matches none of your contacts ({people} "
                     f"{'person' if people == 1 else 'people'} in it{by_name}): it adds nothing.")
    return lines


def source_warnings(info, *, shown=3):
    """What the command line says on stderr about ``identities.csv``: its rows that were not used.

    ``info``: ``link_identities(...).attrs["identities_file"]`` (None without the file).

    Examples
    --------
    >>> source_warnings({"rows": 2, "used": 1, "unused": [{"line": 3, "person": "email:x@y.example",
    ...                                                    "reason": "matches no person of the sources given"}]})
    ['identities.csv: 1 row not used: line 3 (email:x@y.example: matches no person of the sources given)']
    """
    if not info or not info.get("unused"):
        return []
    unused = sorted(info["unused"], key=lambda u: u["line"])
    first = "; ".join(f"line {u['line']} ({u['person'] + ': ' if u['person'] else ''}{u['reason']})"
                      for u in unused[:shown])
    more = f"; and {len(unused) - shown} more" if len(unused) > shown else ""
    return [f"identities.csv: {len(unused)} row{'s' if len(unused) != 1 else ''} not used: {first}{more}"]


def settle():
    """Exempt everything built so far from Python's cycle collector, for the rest of the command.

    A command's process ends when the command does, and the exports and the graph live until
    then: without this, the collector walks their million objects again and again while the
    analyses run (about a second and a half at 30,000 contacts). Only the command line does this:
    a library call cannot know that its caller's process ends soon.
    """
    import gc

    gc.freeze()


def resolve_person(G, text):
    """Find a node from a key, a profile URL or an exact (normalised) name."""
    from ..identity import normalize_name, profile_key

    if text in G:
        return text
    key = profile_key(text)
    if key and key in G:
        return key
    wanted = normalize_name(text)
    matches = sorted(n for n, d in G.nodes(data=True) if normalize_name(d.get("name", "")) == wanted)
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise InputError(f"'{text}' matches {len(matches)} people ({', '.join(matches[:3])}…); pass a key instead.")
    raise InputError(f"nobody called or keyed '{text}' is in the network; run 'netanalysis inspect' to see the keys.")


def _json_value(value):
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_json_value(v) for v in value]
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def table_to_json(df):
    """A list of row objects whose keys are the table's columns."""
    return [{str(k): _json_value(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


def emit_table(df, fmt, stream=None, *, view=None, options=None, ego=None):
    """Print a table: for reading on a terminal (``table``), or complete as formula-safe CSV or JSON rows.

    ``view``, ``options`` and ``ego`` shape the ``table`` form only (see :func:`netanalysis.cli.table.render`):
    the command's columns, sort and top, the ``--top/--all/--sort/--wide`` arguments, the owner's key.
    """
    stream = stream or sys.stdout
    if fmt == "json":
        json.dump(table_to_json(df), stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    elif fmt == "csv":
        from ..safefiles import formula_safe_frame

        formula_safe_frame(df).to_csv(stream, index=False, lineterminator="\n")
    else:
        from .table import render

        stream.write(render(df, view, options, ego=ego))

"""One self-contained HTML report of a person's network: headline first, then the details.

The page makes no request to any server: figures are inline PNG, the interactive map is embedded
in a sandboxed ``<iframe srcdoc>``, the style sheet is inline, and a strict Content-Security-Policy
forbids every script except the map's own (allowed by hash). Every string that comes from the
data is escaped. :func:`write_report` writes the page, the tables as formula-safe CSV and the
graph as GEXF, all through a staging folder and renames, refusing to overwrite without ``force``.
"""

import base64
import dataclasses
import datetime as _dt
import hashlib
import html
import importlib
import io as _io
import math
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import pandas as pd

from ._strings import python_strings
from .errors import InputError
from .graph import _edge_values, _shared_reads
from .graph import _is_missing as _missing

__all__ = ["Progress", "Report", "build_report", "html_table", "render_page", "write_report"]

REPORT_FILE = "report.html"
#: Sources sampled for betweenness in the report when the network has more people than this.
BETWEENNESS_PIVOTS = 50
GEXF_FILE = "network.gexf"
#: Above this many ties, the report leaves ``network.gexf`` out unless asked (``gexf=True``,
#: ``--gexf``): at 300,000 ties it is a ~200 MB file that takes longer to write than the whole
#: report, and ``netanalysis export --format gexf`` writes it when wanted.
GEXF_MAX_TIES = 100_000
#: From this many ties on (and with igraph installed), the circles' Louvain and the brokerage
#: table's betweenness start in a helper process at the beginning of the report and run while
#: the other sections are built (about two seconds saved at 300,000 ties); below, the helper
#: costs more than it saves.
BACKGROUND_MIN_TIES = 50_000

# ------------------------------------------------------------------------------------------------
# progress on stderr


class Progress:
    """Announce long steps on stderr, and stay silent when stderr is not a terminal.

    Parameters
    ----------
    stream : file-like, optional
        Default ``sys.stderr`` (looked up at each step, so that tests capturing it work).
    enabled : bool, optional
        Force on or off; by default on only when ``stream.isatty()``.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> with Progress(out).step("reading"):
    ...     pass
    >>> out.getvalue()
    ''
    >>> with Progress(out, enabled=True).step("reading"):
    ...     pass
    >>> out.getvalue().startswith("reading…")
    True
    """

    def __init__(self, stream=None, *, enabled=None):
        self._stream = stream
        self._enabled = enabled

    @property
    def stream(self):
        return self._stream if self._stream is not None else sys.stderr

    @property
    def enabled(self):
        if self._enabled is not None:
            return bool(self._enabled)
        isatty = getattr(self.stream, "isatty", None)
        try:
            return bool(isatty and isatty())
        except (OSError, ValueError):
            return False

    @contextmanager
    def step(self, label):
        """Print ``label…`` before the step and ``done (t s)`` after it."""
        if not self.enabled:
            yield
            return
        stream = self.stream
        start = time.perf_counter()
        stream.write(f"{label}…")
        stream.flush()
        try:
            yield
        except BaseException:
            stream.write(" stopped\n")
            stream.flush()
            raise
        stream.write(f" done ({time.perf_counter() - start:.1f} s)\n")
        stream.flush()


_QUIET = Progress(enabled=False)

# ------------------------------------------------------------------------------------------------
# HTML building blocks

_CSS = """
:root { --ink: #1d1d1f; --muted: #5f6368; --line: #d9dce1; --accent: #0072B2; --warm: #E69F00; --bg: #fff; --soft: #f5f7fa; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
main { max-width: 62rem; margin: 0 auto; padding: 1rem; }
header.page { border-bottom: 3px solid var(--accent); margin-bottom: 1.5rem; }
h1 { font-size: 1.7rem; line-height: 1.2; margin: .5rem 0; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .6rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
p, li { max-width: 46rem; }
.muted, figcaption, .note { color: var(--muted); font-size: .92rem; }
.headline { background: var(--soft); border-left: 5px solid var(--accent); padding: .8rem 1.1rem; border-radius: 4px; }
.headline li { margin: .35rem 0; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 3px; background: #fff3d6; color: #6b4a00; font-size: .85rem; }
nav.toc ol { columns: 2; column-gap: 2rem; padding-left: 1.2rem; }
nav.toc a { color: var(--accent); }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: .6rem 0 1rem; }
table { border-collapse: collapse; font-size: .92rem; min-width: 100%; }
caption { text-align: left; color: var(--muted); padding: .2rem 0; caption-side: bottom; font-size: .85rem; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .55rem; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 1rem 0; }
figure img { max-width: min(100%, 44rem); height: auto; border: 1px solid var(--line); }
.map { width: 100%; height: 70vh; min-height: 24rem; border: 1px solid var(--line); }
.print-only { display: none; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
footer { margin-top: 3rem; border-top: 1px solid var(--line); padding-top: .6rem; }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  main { padding: .6rem; }
  h1 { font-size: 1.4rem; }
  nav.toc ol { columns: 1; }
  .map { height: 60vh; }
  dl.facts { grid-template-columns: 1fr; }
}
@media print {
  @page { margin: 1.6cm; }
  body { font-size: 10.5pt; color: #000; }
  main { max-width: none; padding: 0; }
  nav.toc, .screen-only, iframe { display: none !important; }
  .print-only { display: block; }
  .table-wrap { overflow: visible; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  tr, figure, .headline, dl.facts { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  h2 { break-before: auto; }
  .headline { border: 1px solid #000; }
}
""".strip()


def _esc(value):
    """Escape any value for HTML text or a quoted attribute."""
    return html.escape(_text(value), quote=True)


def _text(value):
    """A plain-text rendering of a table cell."""
    if _missing(value):
        return ""
    if isinstance(value, (bool,)):
        return "yes" if value else "no"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return f"{int(value)}"
        return f"{value:.2f}" if abs(value) >= 0.01 or value == 0 else f"{value:.3g}"
    if isinstance(value, (list, tuple)):
        return " → ".join(_text(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return ", ".join(sorted(_text(v) for v in value))
    if hasattr(value, "item") and not isinstance(value, str):
        try:
            return _text(value.item())
        except (ValueError, TypeError):
            pass
    return str(value)


def _is_numeric(series):
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


# How a tie was met, in the words the page uses everywhere (the CSV files keep the codes).
_MET_WORDS = {"in_person": "in person", "online": "online only", "unknown": "not said"}
_MET_COLUMNS = {"met", "met_a", "met_b"}


def html_table(df, *, columns=None, labels=None, caption=None, max_rows=50, percent=()):
    """Render a table as escaped HTML inside a horizontally scrollable wrapper.

    Parameters
    ----------
    df : pandas.DataFrame
    columns : list of str, optional
        Columns to show, in order (default all); absent ones are skipped.
    labels : dict, optional
        Column → header text.
    caption : str, optional
        Shown under the table.
    max_rows : int or None
        Rows shown; the caption says how many were left out (the CSV has them all).
    percent : iterable of str
        Columns holding shares in [0, 1], shown as percentages.

    Returns
    -------
    str
        HTML text; every cell and header is escaped.

    Examples
    --------
    >>> df = pd.DataFrame({"name": ["<b>Ana</b>"], "share": [0.25], "n": [3]})
    >>> print(html_table(df, percent=["share"]))  # doctest: +NORMALIZE_WHITESPACE
    <div class="table-wrap"><table><thead><tr><th>name</th><th class="num">share</th><th class="num">n</th></tr></thead>
    <tbody><tr><td>&lt;b&gt;Ana&lt;/b&gt;</td><td class="num">25%</td><td class="num">3</td></tr></tbody></table></div>
    """
    labels = labels or {}
    percent = set(percent)
    cols = [c for c in (columns or list(df.columns)) if c in df.columns]
    numeric = {c: _is_numeric(df[c]) for c in cols}
    num = ' class="num"'
    head = "".join(f"<th{num if numeric[c] else ''}>{_esc(labels.get(c, c))}</th>" for c in cols)
    shown = df if max_rows is None else df.head(max_rows)
    rows = []
    for record in shown[cols].itertuples(index=False, name=None):
        cells = []
        for c, value in zip(cols, record, strict=False):
            if c in percent and not _missing(value):
                text = f"{float(value):.0%}"
            elif c in _MET_COLUMNS and value in _MET_WORDS:
                text = _MET_WORDS[value]
            else:
                text = _text(value)
            cells.append(f"<td{num if numeric[c] else ''}>{html.escape(text, quote=True)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    notes = []
    if caption:
        notes.append(_esc(caption))
    if max_rows is not None and len(df) > max_rows:
        notes.append(f"First {max_rows} of {len(df)} rows; the CSV file has them all.")
    cap = f"<caption>{' '.join(notes)}</caption>" if notes else ""
    body = "".join(rows) if rows else f'<tr><td colspan="{max(len(cols), 1)}">(none)</td></tr>'
    return (f'<div class="table-wrap"><table>{cap}<thead><tr>{head}</tr></thead>\n'
            f"<tbody>{body}</tbody></table></div>")


def _figure_html(fig, alt, caption=None):
    """A matplotlib figure as an inline PNG (a data: URI), then closed."""
    import matplotlib.pyplot as plt

    buffer = _io.BytesIO()
    try:
        # No "Software" metadata: the same data gives byte-identical pages across versions.
        fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    finally:
        plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    cap = f"<figcaption>{_esc(caption)}</figcaption>" if caption else ""
    return f'<figure><img src="data:image/png;base64,{data}" alt="{_esc(alt)}">{cap}</figure>'


_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_EXTERNAL_TAG = re.compile(
    r"<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*\b(?:src|href|data)\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>"
    r"(?:\s*</script\s*>)?",
    re.IGNORECASE,
)


def _embed_map(map_html, title):
    """Embed the map page in a sandboxed iframe; return (html, CSP hashes of its inline scripts).

    The ``srcdoc`` page inherits this page's Content-Security-Policy, so its inline scripts are
    allowed one by one by their SHA-256 hash: nothing else, injected or not, can run. Tags that
    would load a resource from a server (pyvis adds Bootstrap from a CDN) are removed; the page
    must work offline without them.
    """
    cleaned = _EXTERNAL_TAG.sub("", map_html)
    hashes = []
    for attrs, body in _SCRIPT.findall(cleaned):
        if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    frame = (
        f'<iframe class="map" title="{_esc(title)}" sandbox="allow-scripts" '
        f'referrerpolicy="no-referrer" srcdoc="{html.escape(cleaned, quote=True)}"></iframe>'
    )
    return frame, sorted(set(hashes))


def _csp(script_hashes=()):
    scripts = " ".join(script_hashes) if script_hashes else "'none'"
    return (
        "default-src 'none'; img-src data: blob:; style-src 'unsafe-inline'; "
        f"script-src {scripts}; frame-src 'self' about:; child-src 'self' about:; "
        "connect-src 'none'; font-src data:; media-src 'none'; object-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


@dataclasses.dataclass
class _Section:
    id: str
    title: str
    body: str
    tables: dict = dataclasses.field(default_factory=dict)
    scripts: list = dataclasses.field(default_factory=list)


def render_page(title, sections, *, subtitle="", footer="", script_hashes=()):
    """Assemble the page: CSP, inline style sheet, a table of contents and the sections.

    Parameters
    ----------
    title : str
        Plain text; escaped.
    sections : list of (id, heading, body_html)
        ``heading`` is plain text (escaped); ``body_html`` is HTML built with escaped values.
    subtitle, footer : str
        Plain text; escaped.
    script_hashes : iterable of str
        CSP source expressions (``'sha256-…'``) for the only scripts allowed to run.

    Returns
    -------
    str

    Examples
    --------
    >>> page = render_page("<Ana>'s network", [("one", "One", "<p>hi</p>")])
    >>> "&lt;Ana&gt;" in page and "<Ana>" not in page
    True
    >>> "script-src 'none'" in page
    True
    """
    sections = list(sections)
    toc = "".join(f'<li><a href="#{_esc(sid)}">{_esc(heading)}</a></li>' for sid, heading, _ in sections)
    body = "\n".join(
        f'<section id="{_esc(sid)}" aria-labelledby="{_esc(sid)}-h">\n'
        f'<h2 id="{_esc(sid)}-h">{_esc(heading)}</h2>\n{content}\n</section>'
        for sid, heading, content in sections
    )
    sub = f'<p class="muted">{_esc(subtitle)}</p>' if subtitle else ""
    # Single quotes stay readable in the double-quoted attribute; the rest is escaped.
    policy = html.escape(_csp(script_hashes), quote=False).replace('"', "&quot;")
    foot = f'<footer class="muted"><p>{_esc(footer)}</p></footer>' if footer else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(title)}</title>\n<style>\n{_CSS}\n</style>\n</head>\n<body>\n<main>\n"
        f'<header class="page"><h1>{_esc(title)}</h1>{sub}</header>\n'
        f'<nav class="toc" aria-label="Contents"><ol>{toc}</ol></nav>\n'
        f"{body}\n{foot}\n</main>\n</body>\n</html>\n"
    )


# ------------------------------------------------------------------------------------------------
# the report


@dataclasses.dataclass
class Report:
    """What :func:`build_report` returns and :func:`write_report` writes.

    Attributes
    ----------
    html : str
        The whole page.
    tables : dict
        File stem → DataFrame, written as ``<stem>.csv`` beside the page.
    graph : networkx.Graph
        The graph written as GEXF (the anonymised copy in anonymised mode).
    sections : list of str
        Ids of the sections present, in page order.
    omitted : dict
        Section id → why it was left out (a module not available, nothing to show…).
    anonymized : bool
    partition : dict
        ``key -> circle id`` used by the page (written into the GEXF as ``community``).
    gexf : bool
        Whether :func:`write_report` writes ``network.gexf`` (the page says so either way).
    """

    html: str
    tables: dict
    graph: nx.Graph
    sections: list
    omitted: dict
    anonymized: bool = False
    partition: dict = dataclasses.field(default_factory=dict)
    gexf: bool = True


class _Unavailable(Exception):
    """A section cannot be built: the analysis it needs is not available."""


def _function(module, name):
    """The public function ``netanalysis.<module>.<name>``, or raise _Unavailable."""
    try:
        mod = importlib.import_module(f"{__package__}.{module}")
    except ImportError as error:  # pragma: no cover - every module ships with the package
        raise _Unavailable(f"netanalysis.{module} could not be imported ({error})") from error
    func = getattr(mod, name, None)
    if func is None:
        raise _Unavailable(f"netanalysis.{module}.{name} is not available in this version")
    return func


class _Context:
    def __init__(self, G, ego, exports, targets, seed, progress, anonymized, mapping):
        self.G = G
        self.ego = ego
        self.exports = exports
        self.targets = targets
        self.seed = seed
        self.progress = progress
        self.anonymized = anonymized
        self.mapping = mapping
        self.cache = {}
        self.tables = {}
        self.notes = []
        self.gexf = True

    def name(self, key):
        if key in self.G:
            return _text(self.G.nodes[key].get("name")) or _text(key)
        return _text(key)

    def once(self, label, compute):
        if label not in self.cache:
            self.cache[label] = compute()
        return self.cache[label]


def _pct(x):
    return "–" if _missing(x) else f"{x:.0%}"


def _plural(n, one, many=None):
    return f"{n} {one if n == 1 else (many or one + 's')}"


# --- sections -------------------------------------------------------------------------------------


def _ego_ties(ctx):
    """The ego's ties with their ``met`` value, read from the graph."""
    G, ego = ctx.G, ctx.ego
    rows = []
    for n in sorted(G.neighbors(ego), key=str):
        data = G.edges[ego, n]
        rows.append({"key": n, "name": ctx.name(n), "met": data.get("met", "unknown"),
                     "strength": data.get("strength", math.nan), "evidence": data.get("evidence", "")})
    return pd.DataFrame(rows, columns=["key", "name", "met", "strength", "evidence"])


def _partition(ctx):
    partition = _function("communities", "partition")
    if "partition" not in ctx.cache:
        with ctx.progress.step("communities"):
            ctx.cache["partition"] = partition(ctx.G, ego=ctx.ego, seed=ctx.seed)
    return ctx.cache["partition"]


def _indicator_table(table):
    """network_strength's rows with values shown as counts, shares or decimals."""
    shown = table.copy()

    def fmt(row):
        value = row["value"]
        if _missing(value):
            return "–"
        if str(row["indicator"]).endswith("_share"):
            return f"{value:.0%}"
        if float(value).is_integer():
            return f"{int(value)}"
        return f"{value:.2f}"

    shown["value"] = [fmt(r) for r in table.to_dict(orient="records")]
    return shown


def _section_strength(ctx):
    network_strength = _function("strength", "network_strength")
    part = _partition(ctx)
    with ctx.progress.step("strength"):
        table = ctx.once("network_strength", lambda: network_strength(ctx.G, ctx.ego, communities=part))
    ctx.tables["strength"] = table
    parts = ["<p>How much of the network would actually act for you. Size counts everyone; the "
             "indicators below weigh each tie by how strong it is (met in person, messages, how long "
             "and how recently, shared contacts), place your contacts in Dunbar's circles, and say "
             "what the network can do: introductions you can vouch for, people you can reach warmly.</p>"]
    try:
        ego_rings = _function("viz.strength", "ego_rings")
        fig = ego_rings(ctx.G, ctx.ego)
        fig = getattr(fig, "figure", fig)
        parts.append(_figure_html(fig, "Ego rings: each contact placed by tie strength, coloured by how you met",
                                  "Each dot is a contact; the closer to the centre, the stronger the tie. "
                                  "Colour says whether you met in person, online only, or nobody said."))
    except _Unavailable as error:
        ctx.notes.append(f"ego rings figure: {error}")
    parts.append(html_table(_indicator_table(table), columns=["group", "indicator", "value", "meaning", "note"],
                            max_rows=None))
    return _Section("strength", "Strength, not size", "\n".join(parts))


def _section_dormant(ctx):
    dormant_ties = _function("strength", "dormant_ties")
    table = ctx.once("dormant", lambda: dormant_ties(ctx.G, ctx.ego))
    ctx.tables["dormant_ties"] = table
    labels = {"months_silent": "months silent", "last_contact": "last contact", "why": "why it matters"}
    body = ("<p>Strong ties you have not been in touch with for a year or more. A short message keeps "
            "them alive; left alone, they go dark.</p>"
            + html_table(table, columns=["name", "company", "position", "met", "last_contact", "months_silent", "why"],
                         labels=labels, max_rows=30))
    return _Section("dormant", "Dormant ties worth a message", body)


def _circles_intro(G, ego, part):
    """What the circles are made of: the owner's contacts, or a merged network reaching further."""
    mine = set(G[ego]) if ego is not None and ego in G else None
    others = 0 if mine is None else sum(1 for n in part if n not in mine)
    labels = ("Labels are suggestions from companies and job titles: read them next to the "
              "members.</p>")
    if not others:
        return ("<p>Circles are groups of your contacts who are tied to each other more than to the rest "
                "(Louvain communities on the ties between your contacts, weighted by strength). " + labels)
    return ("<p>Circles are groups of people who are tied to each other more than to the rest (Louvain "
            "communities on the ties between everyone but you, weighted by strength). The merged exports "
            f"bring in people who are not your contacts: {others:,} of the {len(part):,} people placed in "
            "circles are not, and “your ties” counts your own contacts in each circle. " + labels)


def _section_communities(ctx):
    community_table = _function("communities", "community_table")
    part = _partition(ctx)
    with ctx.progress.step("circles"):
        # Labelled once, for the table and the map.
        names = ctx.once("community_labels", lambda: _function("communities", "label_communities")(ctx.G, part))
        table = ctx.once("community_table", lambda: community_table(ctx.G, part, ego=ctx.ego, seed=ctx.seed,
                                                                    labels=names))
    ctx.tables["communities"] = table
    labels = {"community": "circle", "ego_ties": "your ties", "in_person": "met in person",
              "in_person_share": "in-person share", "mean_strength": "mean strength",
              "strongest": "your strongest ties there", "bridges": "who links it to other circles",
              "bridge_count": "members with outside ties"}
    parts = [_circles_intro(ctx.G, ctx.ego, part),
             html_table(table, labels=labels, percent=["in_person_share"], max_rows=None)]
    if not part:
        parts.append('<p class="note">No ties between your contacts are known, so no circles can be '
                     "found. Merging colleagues' exports or a knows.csv file gives them.</p>")
    section = _Section("communities", "Your circles", "")
    try:
        network_map = _function("viz.interactive", "network_map")
        with ctx.progress.step("map"):
            map_html = network_map(ctx.G, ego=ctx.ego, partition=part, labels=names, seed=ctx.seed,
                                   height="calc(100vh - 150px)")
        frame, section.scripts = _embed_map(map_html, "Interactive map of your network")
        parts.append('<h3>The map</h3><p class="screen-only">Drag to move, scroll to zoom, hover a person '
                     "for details. The map runs inside this page and needs no connection.</p>"
                     f"{frame}"
                     '<p class="print-only note">The interactive map is in the HTML version of this '
                     "report" + (", and the whole graph is in network.gexf (open it with Gephi)" if ctx.gexf else "")
                     + ".</p>")
    except _Unavailable as error:
        ctx.notes.append(f"interactive map: {error}")
    section.body = "\n".join(parts)
    return section


def _section_brokerage(ctx):
    structural_holes = _function("brokerage", "structural_holes")
    part = _partition(ctx)
    with ctx.progress.step("brokerage"):
        # Exact betweenness takes minutes past a thousand people; a seeded sample of sources ranks
        # the main bridges well enough for a report (the table says it is an estimate).
        from ._optional import igraph_module
        from .brokerage import _affordable_pivots

        pivots = None
        # networkx pays ~one Dijkstra over every tie per pivot: keep the report's sample small.
        # With igraph, structural_holes chooses (all its default pivots cost seconds).
        if ctx.G.number_of_nodes() > BETWEENNESS_PIVOTS and igraph_module() is None:
            pivots = _affordable_pivots(ctx.G, "networkx", cap=BETWEENNESS_PIVOTS)
        holes = ctx.once("structural_holes", lambda: structural_holes(ctx.G, k=pivots, seed=ctx.seed))
    ctx.tables["brokerage"] = holes
    parts = ["<p>Brokerage: whether your contacts know each other (a closed, redundant network) or "
             "whether you are the link between people who would otherwise not meet (structural holes, "
             "Burt 1992). Low constraint and a high effective size mean you can bring new information "
             "and people together. Betweenness is the share of shortest paths between others that "
             "pass through a person.</p>"]
    mine = holes[holes["key"] == ctx.ego]
    if len(mine):
        row = mine.iloc[0]
        facts = [("Contacts", row.get("degree")), ("Effective size", row.get("effective_size")),
                 ("Efficiency", row.get("efficiency")), ("Constraint", row.get("constraint")),
                 ("Hierarchy", row.get("hierarchy")), ("Betweenness", row.get("betweenness"))]
        parts.append("<h3>Your position</h3><dl class=\"facts\">"
                     + "".join(f"<dt>{_esc(k)}</dt><dd>{_esc(_text(v) or '–')}</dd>" for k, v in facts) + "</dl>")
        if bool(row.get("betweenness_sampled", False)):
            parts.append(f'<p class="note">Betweenness was estimated from {holes.attrs.get("betweenness_pivots")} sampled '
                         "sources (seeded), because exact betweenness is slow on a network this large.</p>")
    try:
        plot_structural_holes = _function("viz.brokerage", "plot_structural_holes")
        parts.append(_figure_html(plot_structural_holes(holes, ego=ctx.ego),
                                  "Constraint against effective size, one dot per person, you highlighted",
                                  "Bottom right: brokers, with many contacts who do not know each other and "
                                  "little constraint. Top left: people inside one closed circle."))
    except _Unavailable as error:
        ctx.notes.append(f"structural-holes figure: {error}")
    others = holes[holes["key"] != ctx.ego]
    if len(others) and "betweenness" in others:
        top = others.sort_values(["betweenness", "key"], ascending=[False, True], na_position="last").head(10)
        parts.append("<h3>Who else bridges your network</h3><p>The people through whom most shortest paths "
                     "run: they connect circles that would otherwise be apart.</p>")
        parts.append(html_table(top, columns=["name", "degree", "betweenness", "constraint", "effective_size"],
                                labels={"effective_size": "effective size"}, max_rows=None))
    try:
        brokerage_roles = _function("brokerage", "brokerage_roles")
        if part:
            roles = ctx.once("roles", lambda: brokerage_roles(ctx.G, groups=part, nodes=[ctx.ego], seed=ctx.seed))
            ctx.tables["brokerage_roles"] = roles
            parts.append("<h3>Your brokerage roles</h3><p>How often you sit between two people who are not "
                         "tied, by the circles of the three (Gould and Fernandez 1989): a coordinator "
                         "links two people of their own circle, a liaison links two other circles, and so "
                         "on. The expected counts are what random ties would give.</p>")
            parts.append(html_table(roles.drop(columns=["key"], errors="ignore"), max_rows=None))
    except _Unavailable as error:
        ctx.notes.append(f"brokerage roles: {error}")
    return _Section("brokerage", "Brokerage: where you connect people", "\n".join(parts))


def _section_introductions(ctx):
    introductions = _function("brokerage", "introductions")
    part = _partition(ctx)
    with ctx.progress.step("introductions"):
        table = ctx.once("introductions", lambda: introductions(ctx.G, ctx.ego, communities=part, seed=ctx.seed))
    ctx.tables["introductions"] = table
    labels = {"a_name": "introduce", "b_name": "to", "met_a": "met (first)", "met_b": "met (second)",
              "mutual_contacts": "mutual contacts", "effective_size_before": "your effective size now",
              "effective_size_after": "after"}
    figure = ""
    if len(table):
        try:
            plot_introductions = _function("viz.brokerage", "plot_introductions")
            figure = _figure_html(plot_introductions(table), "The best introductions, by score",
                                  "Longer bars: introductions you are better placed to make. Colour: whether "
                                  "the two people sit in different circles.")
        except _Unavailable as error:
            ctx.notes.append(f"introductions figure: {error}")
    body = ("<p>Pairs of your contacts who are not tied to each other and whom you know well enough to "
            "vouch for both, best first. An introduction spends a little of your own brokerage (your "
            "effective size goes down): the last columns say by how much.</p>"
            + html_table(table, columns=["rank", "a_name", "b_name", "reason", "met_a", "met_b", "mutual_contacts",
                                         "effective_size_before", "effective_size_after"],
                         labels=labels, max_rows=20) + figure)
    return _Section("introductions", "Introductions you could make", body)


def _section_warm_paths(ctx):
    if not ctx.targets:
        return None
    warm_paths = _function("brokerage", "warm_paths")
    frames, problems = [], []
    with ctx.progress.step("warm paths"):
        for number, target in enumerate(ctx.targets, start=1):
            try:
                frames.append(warm_paths(ctx.G, ctx.ego, target, per="path"))
            except InputError as error:  # one unknown target should not cost the whole report
                if ctx.anonymized:
                    # What the user typed may be a real name: an anonymised page does not repeat it.
                    problems.append(f"target {number}: nobody in the anonymised network matches it.")
                else:
                    problems.append(f"{target}: {error}")
    frames = [f for f in frames if len(f)]
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["path_rank", "target", "target_name", "matched_by", "introducer", "introducer_name", "hops",
                 "path_cost", "weakest_strength", "all_in_person", "any_inferred", "route"])
    ctx.tables["warm_paths"] = table
    labels = {"target_name": "target", "path_rank": "rank", "matched_by": "matched by", "introducer_name": "ask",
              "all_in_person": "all met in person", "any_inferred": "uses an inferred tie"}
    body = ("<p>Who could introduce you to the people or companies you asked about, preferring ties met "
            "in person. Each step of a route names its own tie.</p>"
            + html_table(table, columns=["target_name", "path_rank", "introducer_name", "hops", "route",
                                         "all_in_person", "any_inferred"], labels=labels, max_rows=30))
    if problems:
        body += "<ul>" + "".join(f"<li>{_esc(p)}</li>" for p in problems) + "</ul>"
    return _Section("warm-paths", "Warm paths to your targets", body)


def _section_read(ctx):
    parts = []
    G = ctx.G
    facts = [("People", G.number_of_nodes()), ("Ties", G.number_of_edges())]
    evidence = Counter(_edge_values(G, "evidence", "export"))
    for kind in sorted(evidence):
        label = {"export": "Ties listed in an export", "declared": "Ties you declared (knows.csv)"}.get(
            kind, f"Ties inferred by the rule '{kind.split(':', 1)[-1]}' (not observed)")
        facts.append((label, evidence[kind]))
    as_of = G.graph.get("as_of")
    if as_of:
        facts.append(("Data as of", as_of))
    unmatched_rows = []
    for key, label in (("ties_file", "ties.csv"), ("knows_file", "knows.csv")):
        info = G.graph.get(key)
        if not isinstance(info, dict):
            continue
        unmatched = info.get("unmatched") or []
        facts.append((f"{label} rows", info.get("rows", "")))
        if "matched" in info:
            facts.append((f"{label} rows matched to a contact", info.get("matched")))
        if "added" in info:
            facts.append((f"{label} ties added", info.get("added")))
        facts.append((f"{label} rows matching nobody", len(unmatched)))
        for row in unmatched:
            who = row.get("name") or " – ".join(_text(row.get(k)) for k in ("a", "b") if row.get(k))
            unmatched_rows.append({"file": label, "line": row.get("line"), "who": who, "reason": row.get("reason", "")})
    parts.append('<dl class="facts">' + "".join(f"<dt>{_esc(k)}</dt><dd>{_esc(v)}</dd>" for k, v in facts) + "</dl>")

    rows, skips, remarks = [], [], []
    for number, export in enumerate(ctx.exports, start=1):
        report = getattr(export, "report", None)
        files = getattr(report, "files", None) or {}
        owner_info = getattr(export, "owner", None) or {}
        owner = _text(owner_info.get("name")) or f"export {number}"
        if ctx.anonymized:
            owner_key = ctx.mapping.get(_text(owner_info.get("key")), "")
            owner = ctx.name(owner_key) if owner_key in ctx.G else f"owner of export {number}"
        # The folder name of an export often holds its owner's name: only the file name is shown,
        # and in anonymised mode not even that.
        source = f"export {number}" if ctx.anonymized else Path(_text(getattr(export, "path", ""))).name
        for fname in sorted(files):
            fr = files[fname]
            skipped = list(getattr(fr, "skipped", []) or [])
            name = _text(getattr(fr, "name", fname))
            rows.append({"export": source, "owner": owner, "file": name,
                         "rows": getattr(fr, "rows", None), "used": getattr(fr, "used", None),
                         "skipped": len(skipped), "encoding": _text(getattr(fr, "encoding", "")),
                         "variant": _text(getattr(fr, "variant", ""))})
            for skip in skipped:
                skips.append({"export": source, "file": name, "line": getattr(skip, "line", None),
                              "reason": _text(getattr(skip, "reason", skip))})
            for note in getattr(fr, "notes", None) or []:
                remarks.append({"export": source, "what": name, "remark": _text(note)})
        hidden = getattr(report, "hidden_members", 0) or 0
        if hidden:
            remarks.append({"export": source, "what": "hidden members",
                            "remark": f"{hidden} rows name a 'LinkedIn Member' whose profile is hidden; "
                                      "they cannot be matched to anyone."})
        ignored = list(getattr(report, "ignored_files", None) or [])
        if ignored:
            remarks.append({"export": source, "what": "files not used",
                            "remark": f"{len(ignored)} files of the export are not about the network: "
                                      + ", ".join(Path(_text(f)).name for f in ignored[:12])
                                      + (" …" if len(ignored) > 12 else "")})
    files_table = pd.DataFrame(rows, columns=["export", "owner", "file", "rows", "used", "skipped", "encoding", "variant"])
    skip_table = pd.DataFrame(skips, columns=["export", "file", "line", "reason"])
    remark_table = pd.DataFrame(remarks, columns=["export", "what", "remark"])
    if ctx.anonymized:
        # Skip reasons and remarks may quote a row of the export: scrub them like every table.
        from .anonymize import scrub_frame

        files_table, skip_table, remark_table = (scrub_frame(t, ctx.mapping) for t in (files_table, skip_table, remark_table))
    if ctx.exports:
        parts.append("<h3>Files read</h3><p>Every row of every file was either used or is listed below "
                     "with the reason it was set aside: nothing is dropped silently.</p>")
        parts.append(html_table(files_table, max_rows=None))
        parts.append("<h3>Rows set aside</h3>")
        parts.append(html_table(skip_table, max_rows=100))
        if len(remark_table):
            parts.append("<h3>Remarks</h3>" + html_table(remark_table, max_rows=None))
        ctx.tables["files_read"] = files_table
        ctx.tables["rows_set_aside"] = skip_table
    else:
        parts.append('<p class="note">The exports were not passed to the report, so the per-file '
                     "account of what was read is not shown.</p>")
    if unmatched_rows:
        table = pd.DataFrame(unmatched_rows, columns=["file", "line", "who", "reason"])
        if ctx.anonymized:  # already scrubbed with the graph: names matching nobody read "[removed]"
            from .anonymize import scrub_frame

            table = scrub_frame(table, ctx.mapping)
        parts.append("<h3>Annotation rows that match nobody</h3>" + html_table(table, max_rows=100))
        ctx.tables["annotations_unmatched"] = table
    if ctx.notes:
        parts.append("<h3>Left out of this report</h3><ul>" + "".join(f"<li>{_esc(n)}</li>" for n in ctx.notes) + "</ul>")
    return _Section("read", "What was read", "\n".join(parts))


def _headline(ctx, present):
    """The plain-words summary, from what the other sections computed."""
    ties = _ego_ties(ctx)
    n = len(ties)
    counts = ties["met"].value_counts()
    in_person, online = int(counts.get("in_person", 0)), int(counts.get("online", 0))
    unknown = n - in_person - online
    items = []
    if n:
        items.append(
            f"You have <strong>{_esc(n)}</strong> contacts. You have met <strong>{_esc(in_person)}</strong> of "
            f"them in person ({_pct(in_person / n)}); {_esc(online)} are online only, and for {_esc(unknown)} "
            "nobody has said yet.")
    else:
        items.append("You have no contacts in this data.")
    indicators = ctx.cache.get("network_strength")
    if indicators is not None and len(indicators):
        value = dict(zip(indicators["indicator"], indicators["value"], strict=False))
        weighted, strong = value.get("strength_weighted_size"), value.get("strong_ties")
        if not _missing(weighted) and not _missing(strong):
            items.append(
                f"Big is not strong: weighted by how strong each tie is, your {_esc(n)} contacts count as "
                f"about <strong>{weighted:.0f}</strong> people, and {_esc(_plural(int(strong), 'tie'))} "
                f"{'is' if int(strong) == 1 else 'are'} strong.")
        active = value.get("active_ties")
        if not _missing(active):
            items.append(f"{_esc(_plural(int(active), 'contact'))} had a message or a new connection in the last "
                         "12 months.")
    core = ties[ties["met"] == "in_person"].sort_values(["strength", "key"], ascending=[False, True],
                                                         na_position="last")
    if len(core):
        names = ", ".join(_esc(x) for x in core["name"].head(5))
        more = f" and {len(core) - 5} more" if len(core) > 5 else ""
        items.append(f"Your in-person core, strongest first: {names}{more}.")
    table = ctx.cache.get("community_table")
    if table is not None and len(table):
        top = table.sort_values(["size", "community"], ascending=[False, True]).head(3)
        circles = "; ".join(
            f"{_esc(r.label) if _text(r.label) else 'circle ' + _esc(r.community)} ({_esc(r.size)} people, "
            f"{_pct(r.in_person_share)} of your ties there met in person)" for r in top.itertuples())
        items.append(f"The network around you falls into {_esc(_plural(len(table), 'circle'))}. The largest: {circles}.")
    intro = ctx.cache.get("introductions")
    if intro is not None and len(intro):
        lines = []
        for r in intro.head(3).to_dict(orient="records"):
            reason = _text(r.get("reason"))
            lines.append(f"<li>{_esc(r.get('a_name'))} and {_esc(r.get('b_name'))}"
                         f"{': ' + _esc(reason) if reason else ''}</li>")
        items.append("The three best introductions you could make:<ol>" + "".join(lines) + "</ol>")
    dormant = ctx.cache.get("dormant")
    if dormant is not None and len(dormant):
        names = ", ".join(_esc(x) for x in dormant["name"].head(5))
        more = f" and {len(dormant) - 5} more" if len(dormant) > 5 else ""
        items.append(f"Dormant ties worth a message: {names}{more}.")
    elif dormant is not None:
        items.append("No strong tie has gone silent for a year or more.")
    missing = [sid for sid in ("strength", "communities", "introductions", "dormant") if sid not in present]
    note = ""
    if missing:
        note = ('<p class="note">Parts of this summary are missing because their analyses were not '
                f"available: {_esc(', '.join(missing))} (see “What was read”).</p>")
    return _Section("headline", "The headline", '<div class="headline"><ul>'
                    + "".join(f"<li>{i}</li>" for i in items) + "</ul></div>" + note)


_SECTIONS = [
    ("communities", _section_communities),
    ("strength", _section_strength),
    ("dormant", _section_dormant),
    ("brokerage", _section_brokerage),
    ("introductions", _section_introductions),
    ("warm-paths", _section_warm_paths),
]
# Page order: the headline first, then the details (what was read last).
_ORDER = ["headline", "strength", "communities", "brokerage", "introductions", "warm-paths", "dormant", "read"]


@python_strings
def build_report(G, ego=None, *, exports=None, targets=(), anonymize=False, salt=None, seed=0, progress=None,
                 gexf=None):
    """Build the one-page report of a person's network: headline first, then the details.

    Parameters
    ----------
    G : networkx.Graph
        The network from :func:`netanalysis.build_graph` (not modified).
    ego : node, optional
        Whose network; default ``G.graph["ego"]``.
    exports : list of Export, optional
        The exports read, for the "what was read" section (the parse reports).
    targets : iterable of str
        People (keys) or companies for the warm-paths section (``--to``).
    anonymize : bool
        Replace every person by a stable pseudonym, generalise companies and positions, and remove
        every name, URL and e-mail address (see :func:`netanalysis.anonymize.anonymize_graph`).
    salt : str or bytes, optional
        The secret salt for pseudonyms; a new random one when omitted (pseudonyms then differ from
        run to run).
    seed : int
        Seed for the community detection and the map layout.
    progress : Progress, optional
        Announces long steps; silent by default.
    gexf : bool, optional
        Write the whole graph as ``network.gexf`` beside the page. Default: when the graph has at
        most :data:`GEXF_MAX_TIES` ties; above that the page says how to write it.

    Returns
    -------
    Report

    Raises
    ------
    InputError
        When the ego is not in the network.

    Examples
    --------
    >>> G = nx.Graph(ego="me")
    >>> G.add_node("me", name="Me")
    >>> G.add_edge("me", "a", met="in_person", strength=0.8)
    >>> G.add_edge("me", "b", met="online", strength=0.1)
    >>> report = build_report(G)
    >>> report.sections[0], report.sections[-1]
    ('headline', 'read')
    >>> report.html.startswith("<!DOCTYPE html>")
    True
    """
    progress = progress or _QUIET
    if ego is None:
        ego = G.graph.get("ego")
    if ego is None or ego not in G:
        raise InputError(f"the person '{ego}' is not in the network; pass --ego with a key from 'netanalysis inspect'.")
    exports = list(exports or [])
    targets = [t for t in (targets or ()) if _text(t).strip()]
    mapping = None
    if anonymize:
        from .anonymize import anonymize_graph, new_salt

        G, mapping = anonymize_graph(G, salt=salt if salt is not None else new_salt(), exports=exports)
        ego = mapping[str(ego)]
        from .identity import profile_key

        targets = [mapping.get(_text(t)) or mapping.get(profile_key(_text(t))) or _text(t) for t in targets]
    ctx = _Context(G, ego, exports, targets, seed, progress, bool(anonymize), mapping)
    ties = G.number_of_edges()
    ctx.gexf = ties <= GEXF_MAX_TIES if gexf is None else bool(gexf)

    built, omitted = {}, {}
    # The sections' analyses read the same graph, which nothing changes meanwhile: each kind of
    # read into arrays is done once for the whole report (at 30,000 contacts, ~1 s saved).
    with _shared_reads():
        if ties >= BACKGROUND_MIN_TIES:
            from .brokerage import _start_betweenness
            from .communities import _start_partition

            # What the circles' and brokerage sections ask for below, in that order.
            started = _start_partition(G, ego=ego, seed=seed)
            started = _start_betweenness(G, seed=seed) or started
            if started:
                from .strength import _contact_frame, ego_burt

                # Reads the strength section makes (shared), made while the helper works.
                ego_burt(G, ego)
                _contact_frame(G, ego)
        for sid, builder in _SECTIONS:
            try:
                section = builder(ctx)
            except _Unavailable as error:
                omitted[sid] = str(error)
                continue
            if section is None:
                omitted[sid] = "no --to targets were given" if sid == "warm-paths" else "nothing to show"
                continue
            built[section.id] = section
        # Say in the page itself which analyses were left out.
        ctx.notes.extend(f"{sid}: {why}" for sid, why in omitted.items() if sid != "warm-paths")
        if not ctx.gexf:
            ctx.notes.append(f"{GEXF_FILE}: not written for a network of {ties:,} ties (more than {GEXF_MAX_TIES:,}); "
                             "'netanalysis export ... --format gexf -o network.gexf' writes it for Gephi, or "
                             "'netanalysis report --gexf' adds it here.")
        built["read"] = _section_read(ctx)
        built["headline"] = _headline(ctx, set(built))

    order = [sid for sid in _ORDER if sid in built]
    scripts = sorted({h for sid in order for h in built[sid].scripts})
    owner = ctx.name(ego)
    title = f"{owner}'s network" if owner else "A professional network"
    as_of = G.graph.get("as_of")
    subtitle = "An honest picture of a professional network: met in person or online, strength, circles, brokerage."
    if as_of:
        subtitle += f" Data as of {_text(as_of)}."
    if anonymize:
        subtitle += " Anonymised: people are pseudonyms; companies and positions are generalised."
    from . import __version__ as version

    page = render_page(title, [(sid, built[sid].title, built[sid].body) for sid in order],
                       subtitle=subtitle,
                       footer=f"Made offline by netanalysis {version}. Nothing in this page was sent anywhere.",
                       script_hashes=scripts)
    tables = dict(ctx.tables)
    if anonymize:
        from .anonymize import scrub_frame

        tables = {name: scrub_frame(df, mapping) for name, df in tables.items()}
        _check_anonymous(page, tables, mapping)
    return Report(html=page, tables=tables, graph=G, sections=order, omitted=omitted, anonymized=bool(anonymize),
                  partition=dict(ctx.cache.get("partition") or {}), gexf=ctx.gexf)


def _check_anonymous(page, tables, mapping):
    """Refuse to return an anonymised report in which an original name, key or e-mail survived."""
    # The map's data are escaped inside srcdoc; search the unescaped text of the page and tables.
    from .anonymize import find_originals

    text = html.unescape(page) + "\n" + "\n".join(df.to_csv(index=False) for df in tables.values())
    leaks = find_originals(text, mapping)
    if leaks:
        raise RuntimeError(f"anonymised report still contains {len(leaks)} original strings; this is a bug.")


def write_report(report, out_dir, *, force=False):
    """Write ``report.html``, one formula-safe CSV per table and ``network.gexf`` into ``out_dir``.

    ``network.gexf`` is written when ``report.gexf`` is true (see :func:`build_report`'s ``gexf``).

    Everything is first written to a staging folder inside ``out_dir`` and then renamed into
    place, the page last: an interrupted run leaves either no report or a complete one, never a
    half-written file. Existing files are never overwritten unless ``force`` is true.

    Parameters
    ----------
    report : Report
    out_dir : str or Path
        Created when missing.
    force : bool
        Overwrite files of the same names.

    Returns
    -------
    list of Path
        The files written, the page first.

    Raises
    ------
    InputError
        When ``out_dir`` is a file, or a file would be overwritten without ``force``.

    Examples
    --------
    >>> import tempfile
    >>> G = nx.Graph(ego="me")
    >>> G.add_edge("me", "a", met="in_person", strength=0.8)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = write_report(build_report(G), tmp)
    ...     [p.name for p in paths][0]
    'report.html'
    """
    from .export import atomic_write_text, to_gexf, write_csv

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} is a file, not a folder; choose another --out.")
    names = [REPORT_FILE, *(f"{stem}.csv" for stem in sorted(report.tables)), *([GEXF_FILE] if report.gexf else [])]
    if not force:
        existing = [n for n in names if (out / n).exists()]
        if existing:
            raise InputError(
                f"{out / existing[0]} already exists; pass --force to overwrite it or choose another --out."
            )
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out, prefix=".netanalysis-report-"))
    written = []
    try:
        for stem in sorted(report.tables):
            write_csv(report.tables[stem], staging / f"{stem}.csv")
            written.append(f"{stem}.csv")
        if report.gexf:
            to_gexf(report.graph, staging / GEXF_FILE, partition=report.partition or None)
            written.append(GEXF_FILE)
        atomic_write_text(staging / REPORT_FILE, report.html)
        # The page last: its presence means the files beside it are complete.
        for name in written:
            os.replace(staging / name, out / name)
        os.replace(staging / REPORT_FILE, out / REPORT_FILE)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out / REPORT_FILE, *(out / n for n in written)]

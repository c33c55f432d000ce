"""Build the report: run each section on one shared read of the graph, then render the page."""

import sys
import time
from contextlib import contextmanager

from .._leakcheck import leak_terms
from .._shared import shared_reads
from .._strings import python_strings
from ..anonymize import anonymize_graph, new_salt, scrub_frame
from ..brokerage.betweenness import start_betweenness
from ..communities import start_partition
from ..errors import InputError
from ..followups import apply_followups, hidden_ids, read_followups
from ..identity import profile_key
from ..strength import ego_burt
from ..strength._contacts import contact_frame
from .page import cell_text, render_page
from .sections import ORDER, SECTIONS, Unavailable, headline, section_read
from .write import GEXF_FILE, Report, check_anonymous

__all__ = ["BACKGROUND_MIN_TIES", "GEXF_MAX_TIES", "Context", "Progress", "build_report"]

#: Above this many ties, the report leaves ``network.gexf`` out unless asked (``gexf=True``,
#: ``--gexf``): at 300,000 ties it is a ~200 MB file that takes longer to write than the whole
#: report, and ``netanalysis export --format gexf`` writes it when wanted.
GEXF_MAX_TIES = 100_000
#: From this many ties on (and with igraph installed), the circles' Louvain and the brokerage
#: table's betweenness start in a helper process at the beginning of the report and run while
#: the other sections are built (about two seconds saved at 300,000 ties); below, the helper
#: costs more than it saves.
BACKGROUND_MIN_TIES = 50_000


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


class Context:
    """What the sections share while one report is built: the graph, the options, computed results."""

    def __init__(self, G, ego, exports, targets, seed, progress, anonymized, mapping, *, since=None, ties=None,
                 ledger=None, real_keys=None):
        self.since = since
        self.ties = ties
        self.ledger = ledger
        # The ledger's ids are made of the real keys: in an anonymised report, pseudonyms map back.
        self.real_keys = real_keys
        self.today = G.graph.get("as_of")
        hidden, counts = hidden_ids(ledger, self.today) if ledger is not None else (set(), None)
        self.hidden = len(hidden)
        self.followups = counts
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
        """A person's name as plain text (the key when the name is missing)."""
        if key in self.G:
            return cell_text(self.G.nodes[key].get("name")) or cell_text(key)
        return cell_text(key)

    def keep_open(self, table, kind, *, top=None):
        """``table`` (dormant ties or introductions) without what the follow-ups ledger closes."""
        if self.ledger is None:
            return table if top is None else table.head(top)
        return apply_followups(table, self.ledger, self.today, kind=kind, key_map=self.real_keys, top=top)

    def once(self, label, compute):
        """``compute()``, once per report: later sections (and the headline) reuse it."""
        if label not in self.cache:
            self.cache[label] = compute()
        return self.cache[label]


@python_strings
def build_report(G, ego=None, *, exports=None, targets=(), anonymize=False, salt=None, seed=0, progress=None,
                 gexf=None, since=None, ties=None, followups=None):
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
    since : Export, str or Path, optional
        An older export of the same person: the section "Since your last export" lists the
        changes from it to ``exports[0]`` and how the network's quality moved
        (:func:`netanalysis.changes`). Without it the section is left out.
    ties : Ties, str or Path, optional
        The ``ties.csv`` the graph was built with, applied to both exports for that comparison.
    followups : str, Path or pandas.DataFrame, optional
        The follow-ups ledger (``followups.csv`` or :func:`netanalysis.read_followups`'s
        result): dormant ties and introductions marked done or declined, or snoozed past the
        graph's date, are left out, and the headline counts what the ledger holds.

    Returns
    -------
    Report

    Raises
    ------
    InputError
        When the ego is not in the network.

    Examples
    --------
    >>> import networkx as nx
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
    targets = [t for t in (targets or ()) if cell_text(t).strip()]
    if followups is not None and not hasattr(followups, "columns"):
        followups = read_followups(followups)
    if since is not None:
        from ..snapshots import read_snapshots

        if not exports:
            raise InputError("comparing with --since needs the current export; pass the exports read.")
        # Two people's exports, an export without a date: said now, before the work.
        older, newer, swapped = read_snapshots(since, exports[0])
        since = newer if swapped else older
    mapping = terms = real_keys = None
    if anonymize:
        original = G
        G, mapping = anonymize_graph(G, salt=salt if salt is not None else new_salt(), exports=exports)
        terms = leak_terms(original, mapping)  # what no file of the report may hold
        ego = mapping[str(ego)]
        real_keys = {mapping[str(n)]: n for n in original if str(n) in mapping} if followups is not None else None
        targets = [mapping.get(cell_text(t)) or mapping.get(profile_key(cell_text(t))) or cell_text(t) for t in targets]
    ctx = Context(G, ego, exports, targets, seed, progress, bool(anonymize), mapping, since=since, ties=ties,
                  ledger=followups, real_keys=real_keys)
    ties = G.number_of_edges()
    ctx.gexf = ties <= GEXF_MAX_TIES if gexf is None else bool(gexf)

    built, omitted = {}, {}
    # The sections' analyses read the same graph, which nothing changes meanwhile: each kind of
    # read into arrays is done once for the whole report (at 30,000 contacts, ~1 s saved).
    with shared_reads():
        if ties >= BACKGROUND_MIN_TIES:
            # What the circles' and brokerage sections ask for below, in that order.
            started = start_partition(G, ego=ego, seed=seed)
            started = start_betweenness(G, seed=seed) or started
            if started:
                # Reads the strength section makes (shared), made while the helper works.
                ego_burt(G, ego)
                contact_frame(G, ego)
        for sid, builder in SECTIONS:
            try:
                section = builder(ctx)
            except Unavailable as error:
                omitted[sid] = str(error)
                continue
            if section is None:
                if sid not in ("since", "sources"):  # not left out when nobody asked for it (--since, --source)
                    omitted[sid] = "no --to targets were given" if sid == "warm-paths" else "nothing to show"
                continue
            built[section.id] = section
        # Say in the page itself which analyses were left out.
        ctx.notes.extend(f"{sid}: {why}" for sid, why in omitted.items() if sid != "warm-paths")
        if not ctx.gexf:
            ctx.notes.append(f"{GEXF_FILE}: not written for a network of {ties:,} ties (more than {GEXF_MAX_TIES:,}); "
                             "'netanalysis export ... --format gexf -o network.gexf' writes it for Gephi, or "
                             "'netanalysis report --gexf' adds it here.")
        built["read"] = section_read(ctx)
        built["headline"] = headline(ctx, set(built))

    order = [sid for sid in ORDER if sid in built]
    scripts = sorted({h for sid in order for h in built[sid].scripts})
    owner = ctx.name(ego) if ego in G and G.nodes[ego].get("name") else ""  # never a key such as owner:Connections
    title = f"{owner}'s network" if owner else "Your network" if ego in G else "A professional network"
    as_of = G.graph.get("as_of")
    subtitle = "An honest picture of a professional network: met in person or online, strength, circles, brokerage."
    if as_of:
        subtitle += f" Data as of {cell_text(as_of)}."
    if anonymize:
        subtitle += " Anonymised: people are pseudonyms; companies and positions are generalised."
    from .. import __version__ as version  # here: the package sets it after importing this module

    page = render_page(title, [(sid, built[sid].title, built[sid].body) for sid in order],
                       subtitle=subtitle,
                       footer=f"Made offline by netanalysis {version}. Nothing in this page was sent anywhere.",
                       script_hashes=scripts)
    tables = dict(ctx.tables)
    if anonymize:
        tables = {name: scrub_frame(df, mapping) for name, df in tables.items()}
        check_anonymous(page, tables, mapping, terms=terms, graph=G)
    return Report(html=page, tables=tables, graph=G, sections=order, omitted=omitted, anonymized=bool(anonymize),
                  partition=dict(ctx.cache.get("partition") or {}), gexf=ctx.gexf, leak_terms=terms)

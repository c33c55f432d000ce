"""The report's sections: each reads the graph through one analysis and renders its template."""

import dataclasses
import math
import re
from collections import Counter
from pathlib import Path

import pandas as pd

from .._arrays import edge_values
from .._optional import igraph_module
from ..anonymize import remove_quoted, scrub_frame
from ..brokerage import brokerage_roles, introductions, structural_holes, warm_paths
from ..brokerage.betweenness import affordable_pivots
from ..communities import attribute_groups, circle_support, community_table, label_communities, partition
from ..coverage import observation
from ..errors import InputError
from ..io.linkedin import FILE_NAMES
from ..model import is_missing
from ..recorded import records_summary
from ..snapshots import CHANGE_KINDS, changes
from ..strength import dormant_ties, network_strength
from ..templates import macro, render
from ..viz.brokerage import plot_introductions, plot_structural_holes
from ..viz.communities import SMALL_CIRCLE
from ..viz.interactive import network_map
from ..viz.strength import ego_rings
from .page import cell_text, embed_map, figure_html, html_table

__all__ = [
    "BETWEENNESS_PIVOTS", "ORDER", "SECTIONS", "Section", "Unavailable", "headline", "section_brokerage",
    "section_communities", "section_dormant", "section_introductions", "section_read", "section_since", "section_sources",
    "section_strength", "section_warm_paths",
]

#: Sources sampled for betweenness in the report when the network has more people than this.
BETWEENNESS_PIVOTS = 50


@dataclasses.dataclass
class Section:
    """One section of the page: its id, heading (plain text), body (HTML) and inline-script hashes."""

    id: str
    title: str
    body: str
    tables: dict = dataclasses.field(default_factory=dict)
    scripts: list = dataclasses.field(default_factory=list)


class Unavailable(Exception):
    """A section cannot be built; :func:`~netanalysis.report.build_report` leaves it out and says why."""


def _pct(x):
    return "–" if is_missing(x) else f"{x:.0%}"


def _plural(n, one, many=None):
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _facts(pairs):
    """A ``<dl class="facts">`` of (label, text) pairs, escaped by the template."""
    return macro("macros.html.j2", "facts")(pairs)


def _ego_ties(ctx):
    """The ego's ties with their ``met`` value, read from the graph."""
    G, ego = ctx.G, ctx.ego
    rows = []
    for n in sorted(G.neighbors(ego), key=str):
        data = G.edges[ego, n]
        rows.append({"key": n, "name": ctx.name(n), "met": data.get("met", "unknown"),
                     "strength": data.get("strength", math.nan), "evidence": data.get("evidence", "")})
    return pd.DataFrame(rows, columns=["key", "name", "met", "strength", "evidence"])


def _support(ctx):
    """Can the data show circles around the owner (:func:`netanalysis.circle_support`)?"""
    return ctx.once("circle_support", lambda: circle_support(ctx.G, ctx.ego))


def _partition(ctx):
    """The circles every section reads; none where the data shows no ties between the owner's contacts."""
    if "partition" not in ctx.cache:
        with ctx.progress.step("communities"):
            shown = _support(ctx)["circles"]
            ctx.cache["partition"] = partition(ctx.G, ego=ctx.ego, seed=ctx.seed) if shown else {}
    return ctx.cache["partition"]


def _indicator_table(table):
    """network_strength's rows with values shown as counts, shares or decimals."""
    shown = table.copy()

    def fmt(row):
        value = row["value"]
        if is_missing(value):
            return "–"
        if str(row["indicator"]).endswith("_share"):
            return f"{value:.0%}"
        if float(value).is_integer():
            return f"{int(value)}"
        return f"{value:.2f}"

    shown["value"] = [fmt(r) for r in table.to_dict(orient="records")]
    return shown


def _count(value):
    return f"{float(value):,.0f}"


def _strength_at_a_glance(table):
    """The few rows of :func:`netanalysis.network_strength` a person reads first, in plain words.

    One row each: contacts, met in person, strong ties (with the range other plausible weightings
    give), the network counted by strength, the closest Dunbar circle, contacts in touch this year,
    how spread the contacts are, whom you can vouch for and reach warmly, and brokerage (its value,
    or the exact range when it is withheld). Values are taken from ``table`` as they are (rounded
    for reading); an indicator the table lacks leaves its row out.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`netanalysis.network_strength` (``indicator, value, meaning, note``).

    Returns
    -------
    pandas.DataFrame
        ``what, value, reading``: plain text, one row per key indicator.

    Examples
    --------
    >>> rows = [("size", 20.0, "contacts", ""), ("in_person", 5.0, "", ""), ("in_person_share", 0.25, "", ""),
    ...         ("unknown", 10.0, "", "")]
    >>> table = pd.DataFrame(rows, columns=["indicator", "value", "meaning", "note"])
    >>> _strength_at_a_glance(table)[["what", "value"]].values.tolist()
    [['Contacts', '20'], ['Met in person', '5 (25%)']]
    """
    v = dict(zip(table["indicator"], table["value"], strict=False))
    meaning = dict(zip(table["indicator"], table["meaning"], strict=False))
    note = dict(zip(table["indicator"], table["note"], strict=False))

    def has(*names):
        return all(n in v and not is_missing(v[n]) for n in names)

    rows = []
    if has("size"):
        rows.append(("Contacts", _count(v["size"]),
                     "Everyone you are connected to. Size alone says nothing about who would act for you."))
    if has("in_person", "in_person_share"):
        unknown = int(v.get("unknown", 0) or 0) if has("unknown") else 0
        rows.append(("Met in person", f"{_count(v['in_person'])} ({v['in_person_share']:.0%})",
                     "Ties met face to face carry the most trust and help."
                     + (f" For {_count(unknown)} contacts nobody has said yet: fill in ties.csv." if unknown else "")))
    if has("strong_ties"):
        spread = (f" Other plausible ways of weighing the signals give {_count(v['strong_ties_fewest'])} to "
                  f"{_count(v['strong_ties_most'])}: the count rests on the weights."
                  if has("strong_ties_fewest", "strong_ties_most")
                  and v["strong_ties_fewest"] != v["strong_ties_most"] else "")
        rows.append(("Strong ties", _count(v["strong_ties"]),
                     f"{str(meaning.get('strong_ties') or 'strong ties').capitalize()}: met in person, messages, "
                     f"years known, recent contact and shared contacts weighed together.{spread}"))
    if has("strength_weighted_size"):
        rows.append(("Your network, counted by strength", f"about {v['strength_weighted_size']:.0f} people",
                     "Each contact counts as much as the tie is strong (a tie at full strength counts 1): how big "
                     "the network is that would act for you."))
    layer = next((n for n in (15, 5) if has("size") and v["size"] >= n and has(f"layer_{n}_strong")), None)
    if layer is not None:
        met = f", {_count(v[f'layer_{layer}_in_person'])} met in person" if has(f"layer_{layer}_in_person") else ""
        rows.append((f"Your {layer} closest", f"{_count(v[f'layer_{layer}_strong'])} strong{met}",
                     f"Dunbar's circle of {layer}: the people you would turn to first. A close circle is strong "
                     "and met in person; a weak one here is worth tending."))
    if has("active_ties", "active_share"):
        rows.append(("In touch lately", f"{_count(v['active_ties'])} ({v['active_share']:.0%})",
                     f"{str(meaning.get('active_ties') or '').capitalize()}. The others may need a word before you "
                     "ask them for anything."))
    if has("community_effective_number", "communities_reached"):
        loose = (f" {v['unassigned_share']:.0%} are in no circle: no tie to another contact is known."
                 if has("unassigned_share") and v["unassigned_share"] > 0 else "")
        companies = f" and {_count(v['companies_reached'])} employers" if has("companies_reached") else ""
        rows.append(("How spread out", f"like {v['community_effective_number']:.0f} equal circles",
                     f"Your contacts fall into {_count(v['communities_reached'])} circles and small groups"
                     f"{companies}; spread over many, they bring news and openings from more "
                     f"directions.{loose}"))
    if has("credible_introducers_base"):
        rows.append(("People you can vouch for", _count(v["credible_introducers_base"]),
                     "Met in person or a strong tie: the people you can introduce to others, and ask to "
                     "introduce you."))
    if has("warm_reach"):
        caveat = note.get("warm_reach")
        rows.append(("Warm reach", f"{_count(v['warm_reach'])} people",
                     "People two steps away through a contact you met in person, who could introduce you"
                     + (f"; {caveat}." if isinstance(caveat, str) and caveat else ".")))
    if has("effective_size"):
        rows.append(("Brokerage (effective size)", f"{v['effective_size']:.0f}",
                     "How many of your contacts are not redundant with each other (Burt): the higher, the more "
                     "separate circles you bridge."
                     + (f" {note['effective_size'][:1].upper()}{note['effective_size'][1:]}."
                        if isinstance(note.get("effective_size"), str) and note["effective_size"] else "")))
    elif has("effective_size_lowest", "effective_size_highest"):
        rows.append(("Brokerage (effective size)",
                     f"between {v['effective_size_lowest']:.0f} and {v['effective_size_highest']:.0f}",
                     "How many of your contacts are not redundant with each other (Burt). Too few ties among your "
                     "contacts are known to say more than this range; merge your contacts' exports, or add a "
                     "knows.csv of who knows whom."))
    return pd.DataFrame(rows, columns=["what", "value", "reading"])


def section_strength(ctx):
    """Strength, not size: the key indicators in plain words, the ego rings, every indicator behind a disclosure."""
    part = _partition(ctx)
    with ctx.progress.step("strength"):
        table = ctx.once("network_strength", lambda: network_strength(ctx.G, ctx.ego, communities=part))
    ctx.tables["strength"] = table
    fig = ego_rings(ctx.G, ctx.ego)
    fig = getattr(fig, "figure", fig)
    figure = figure_html(fig, "Ego rings: each contact placed by tie strength, coloured by how you met",
                         "Each dot is a contact; the closer to the centre, the stronger the tie. "
                         "Colour says whether you met in person, online only, or nobody said.")
    glance = html_table(_strength_at_a_glance(table), labels={"what": "indicator", "reading": "how to read it"},
                        caption="The key indicators; all of them, with their caveats, are under the figure and in "
                                "strength.csv.", max_rows=None)
    shown = html_table(_indicator_table(table), columns=["meaning", "value", "note"], details=["indicator", "group"],
                       labels={"meaning": "what it counts", "note": "caveat", "indicator": "name in strength.csv"},
                       caption="One indicator a row, in plain words; the caveat says when a value is an estimate "
                               "or left blank. Under “more”: the indicator's name in strength.csv.",
                       max_rows=None, collapsed=f"All {len(table)} indicators, with their caveats")
    return Section("strength", "Strength, not size",
                   render("report_strength.html.j2", glance=glance, figure=figure, table=shown))


def section_dormant(ctx):
    """Strong ties gone silent."""
    table = ctx.once("dormant", lambda: ctx.keep_open(dormant_ties(ctx.G, ctx.ego), "reconnect"))
    ctx.tables["dormant_ties"] = table
    labels = {"months_silent": "months silent", "last_contact": "last contact", "why": "why it matters"}
    shown = html_table(table, columns=["name", "company", "months_silent", "why"],
                       details=["position", "met", "last_contact"], labels=labels, max_rows=30,
                       caption="Longest silence first among your strong ties; “why it matters” says what the tie "
                               "was. Under “more”: their position, how you met and the date of the last contact.")
    return Section("dormant", "Dormant ties worth a message", render("report_dormant.html.j2", table=shown))


#: A circle at least this much inside one exporter's list is flagged as possibly that list.
ONE_LIST_SHARE = 0.9


def _section_groups(ctx, support):
    """A single export: groups by employer and by role, said not to be circles, and the map without circles."""
    with ctx.progress.step("circles"):
        by_company = ctx.once("groups_company", lambda: attribute_groups(ctx.G, ctx.ego, by="company"))
        by_role = ctx.once("groups_role", lambda: attribute_groups(ctx.G, ctx.ego, by="role"))
    ctx.tables["groups_by_company"], ctx.tables["groups_by_role"] = by_company, by_role
    labels = {"label": "group", "size": "people", "ego_ties": "your ties", "in_person_share": "in-person share",
              "strongest": "your strongest ties there", "mean_strength": "mean strength"}
    options = {"columns": ["label", "size", "in_person_share", "strongest"], "details": ["mean_strength"],
               "labels": labels, "percent": ["in_person_share"], "max_rows": 30}
    tables = html_table(by_company, **options,
                        caption="Your contacts by the company on their profile, largest first. People of one "
                                "company may never have met: these are groups, not circles.")
    tables += html_table(by_role, **options, caption="Your contacts by the commonest word of their position "
                                                     "(seniority words left out).",
                         collapsed=f"groups by role: {len(by_role)} groups")
    with ctx.progress.step("map"):
        map_html = network_map(ctx.G, ego=ctx.ego, partition={}, seed=ctx.seed, height="calc(100vh - 150px)")
    frame, scripts = embed_map(map_html, "Interactive map of your network")
    body = render("report_communities.html.j2", groups=True, reason=support["reason"], coverage=support["line"],
                  table=tables, frame=frame, gexf=ctx.gexf, found=False, others=0, placed="0", one_list=0,
                  circles=0, one_list_share="", note="")
    return Section("communities", "Groups in your network (not circles)", body, scripts=scripts)


def section_communities(ctx):
    """The circles: their table and the interactive map (groups by employer and role for a single export)."""
    support = _support(ctx)
    if not support["circles"]:
        return _section_groups(ctx, support)
    part = _partition(ctx)
    with ctx.progress.step("circles"):
        # Labelled once, for the table and the map.
        names = ctx.once("community_labels", lambda: label_communities(ctx.G, part))
        table = ctx.once("community_table", lambda: community_table(ctx.G, part, ego=ctx.ego, seed=ctx.seed,
                                                                    labels=names))
    ctx.tables["communities"] = table
    labels = {"label": "circle", "community": "circle number", "ego_ties": "your ties", "in_person": "met in person",
              "in_person_share": "in-person share", "mean_strength": "mean strength",
              "strongest": "your strongest ties there", "bridges": "who links it to other circles",
              "bridge_count": "members with outside ties", "top_exporter": "whose list holds most of it",
              "top_exporter_share": "share in that list"}
    # How far each circle is one exporter's contact list (merged exports observe only those lists).
    shares = table["top_exporter_share"].dropna() if "top_exporter_share" in table else []
    one_list = int((shares >= ONE_LIST_SHARE).sum()) if len(shares) else 0
    # What the circles are made of: the owner's contacts, or a merged network reaching further.
    G, ego = ctx.G, ctx.ego
    mine = set(G[ego]) if ego is not None and ego in G else None
    others = 0 if mine is None else sum(1 for n in part if n not in mine)
    with ctx.progress.step("map"):
        map_html = network_map(G, ego=ego, partition=part, labels=names, seed=ctx.seed, height="calc(100vh - 150px)")
    frame, scripts = embed_map(map_html, "Interactive map of your network")
    # Circles of two or three people are grouped below the real ones, as on the map.
    small = table["size"] < SMALL_CIRCLE if len(table) else pd.Series(dtype=bool)
    options = {"columns": ["label", "size", "ego_ties", "in_person_share", "strongest"],
               "details": ["community", "in_person", "mean_strength", "bridges", "bridge_count", "top_exporter",
                           "top_exporter_share"],
               "labels": labels, "percent": ["in_person_share", "top_exporter_share"], "max_rows": None}
    shown = html_table(table[~small] if len(table) else table, **options,
                       caption="One circle a row: its suggested label, how many people it holds, how many of them "
                               "are your own contacts and what share of those you met in person. Under “more”: who "
                               "links the circle to the others and whose exported list it comes from.")
    if small.any():
        shown += html_table(table[small], **options,
                            caption="Circles this small are often a few colleagues or one exporter's list: read "
                                    "them as groups, not as parts of your network.",
                            collapsed=f"small groups: {int(small.sum())} circles of fewer than {SMALL_CIRCLE} people "
                                      f"({int(table.loc[small, 'size'].sum()):,} people)")
    body = render("report_communities.html.j2", others=f"{others:,}" if others else 0, placed=f"{len(part):,}",
                  table=shown, found=bool(part), frame=frame, gexf=ctx.gexf, one_list=one_list,
                  circles=len(table), one_list_share=f"{100 * ONE_LIST_SHARE:.0f}", groups=False,
                  note=support["note"])
    return Section("communities", "Your circles", body, scripts=scripts)


def section_brokerage(ctx):
    """Brokerage: the ego's position, the structural-holes figure, who else bridges, the roles."""
    part = _partition(ctx)
    with ctx.progress.step("brokerage"):
        # Exact betweenness takes minutes past a thousand people; a seeded sample of sources ranks
        # the main bridges well enough for a report (the table says it is an estimate).
        pivots = None
        # networkx pays ~one Dijkstra over every tie per pivot: keep the report's sample small.
        # With igraph, structural_holes chooses (all its default pivots cost seconds).
        if ctx.G.number_of_nodes() > BETWEENNESS_PIVOTS and igraph_module() is None:
            pivots = affordable_pivots(ctx.G, "networkx", cap=BETWEENNESS_PIVOTS)
        holes = ctx.once("structural_holes", lambda: structural_holes(ctx.G, k=pivots, seed=ctx.seed))
    ctx.tables["brokerage"] = holes
    seen = ctx.once("observation", lambda: observation(ctx.G, ctx.ego))
    context = {"facts": None, "sampled": False, "pivots": None, "bridges": None, "roles": None,
               "coverage": seen["line"], "withheld": seen["note"],
               "hidden": int((holes["note"] != "").sum()) if "note" in holes else 0, "people": len(holes)}
    mine = holes[holes["key"] == ctx.ego]
    if len(mine):
        row = mine.iloc[0]
        facts = [("Contacts", row.get("degree")), ("Effective size", row.get("effective_size")),
                 ("Efficiency", row.get("efficiency")), ("Constraint", row.get("constraint")),
                 ("Hierarchy", row.get("hierarchy")), ("Betweenness", row.get("betweenness"))]
        context["facts"] = _facts([(k, cell_text(v) or "–") for k, v in facts])
        context["sampled"] = bool(row.get("betweenness_sampled", False))
        context["pivots"] = holes.attrs.get("betweenness_pivots")
    context["figure"] = figure_html(plot_structural_holes(holes, ego=ctx.ego),
                                    "Constraint against effective size, one dot per person, you highlighted",
                                    "Bottom right: brokers, with many contacts who do not know each other and "
                                    "little constraint. Top left: people inside one closed circle.")
    others = holes[(holes["key"] != ctx.ego) & holes["betweenness"].notna()]
    if len(others) and "betweenness" in others:
        top = others.sort_values(["betweenness", "key"], ascending=[False, True], na_position="last").head(10)
        context["bridges"] = html_table(
            top, columns=["name", "degree", "betweenness", "constraint", "effective_size"],
            labels={"degree": "contacts", "effective_size": "effective size"}, max_rows=None,
            caption="Highest betweenness first: the share of shortest paths between other people that run "
                    "through this person. Low constraint and a high effective size mark a broker.")
    if part:
        roles = ctx.once("roles", lambda: brokerage_roles(ctx.G, groups=part, nodes=[ctx.ego], seed=ctx.seed))
        ctx.tables["brokerage_roles"] = roles
        if seen["computable"]:
            context["roles"] = _roles_table(roles)
    return Section("brokerage", "Brokerage: where you connect people", render("report_brokerage.html.j2", **context))


#: The brokerage roles in plain words (Gould and Fernandez 1989), for the report's roles table.
_ROLE_WORDS = {
    "coordinator": "coordinator: links two people of your own circle",
    "consultant": "consultant: links two people of one other circle",
    "representative_gatekeeper": "representative or gatekeeper: links your circle and another",
    "liaison": "liaison: links two circles, neither yours",
    "total": "all roles",
}


def _roles_table(roles):
    """The ego's brokerage roles, one role a row: how often, and how often random ties would give it."""
    rows = []
    for record in roles.to_dict(orient="records"):
        for role, words in _ROLE_WORDS.items():
            count, expected = record.get(role), record.get(f"expected_{role}")
            if is_missing(count):
                continue
            rows.append({"role": words, "count": f"{count:,.0f}",
                         "expected": "–" if is_missing(expected) else f"{expected:,.0f}",
                         "ratio": "–" if is_missing(expected) or not expected else f"{count / expected:.1f} ×"})
    table = pd.DataFrame(rows, columns=["role", "count", "expected", "ratio"])
    return html_table(table, labels={"role": "role", "count": "pairs you sit between", "expected":
                                     "with random ties", "ratio": "times random"}, max_rows=None,
                      caption="Each count is a number of pairs of people who are not tied to each other and "
                              "whom you both know. Above 1 × random, you play that role more than chance "
                              "would give.")


def section_introductions(ctx):
    """Introductions the ego could make, best first."""
    part = _partition(ctx)
    with ctx.progress.step("introductions"):
        table = ctx.once("introductions", lambda: ctx.keep_open(
            introductions(ctx.G, ctx.ego, top=20 + ctx.hidden, communities=part, seed=ctx.seed), "introduce", top=20))
    ctx.tables["introductions"] = table
    labels = {"a_name": "introduce", "b_name": "to", "met_a": "met (first)", "met_b": "met (second)",
              "mutual_contacts": "mutual contacts", "effective_size_before": "your effective size now",
              "effective_size_after": "after"}
    figure = ""
    if len(table):
        figure = figure_html(plot_introductions(table), "The best introductions, by score",
                             "Longer bars: introductions you are better placed to make. Colour: whether "
                             "the two people sit in different circles.")
    labels.update(pair_observed="seen not connected", effective_size_change="change in your effective size")
    shown = table.copy()
    if {"effective_size_before", "effective_size_after"} <= set(shown.columns):
        # Before and after differ in the third decimal or later: the change itself says by how much.
        shown["effective_size_change"] = [
            "" if is_missing(b) or is_missing(a) else f"{a - b:+.3g}"
            for b, a in zip(shown["effective_size_before"], shown["effective_size_after"], strict=True)]
    if "mutual_contacts" in shown.columns:
        # mutual_contacts counts you too; the reason says "N other contacts in common": the page agrees with it.
        shown["others_in_common"] = shown["mutual_contacts"] - 1
        labels["others_in_common"] = "other contacts in common (observed)"
    shown = html_table(shown, columns=["rank", "a_name", "b_name", "reason"],
                       details=["pair_observed", "met_a", "met_b", "others_in_common", "effective_size_change",
                                "effective_size_before", "effective_size_after"],
                       labels=labels, max_rows=20,
                       caption="Best first; the reason says why the two would gain from meeting. Under “more”: "
                               "how you met each, whether they were seen not to be connected, their mutual "
                               "contacts and what the introduction costs your effective size.")
    return Section("introductions", "Introductions you could make",
                   render("report_introductions.html.j2", table=shown, figure=figure))


def section_warm_paths(ctx):
    """Who can introduce the ego to each ``--to`` target; None without targets."""
    if not ctx.targets:
        return None
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
    shown = html_table(table, columns=["target_name", "target_company", "target_position", "introducer_name", "route"],
                       details=["path_rank", "hops", "matched_by", "all_in_person", "any_inferred"],
                       labels={**labels, "target_company": "company", "target_position": "position"}, max_rows=30,
                       caption="Best route first for each target; each step of the route names how that tie was "
                               "met and how strong it is. Under “more”: the number of steps and whether every "
                               "step was met in person.")
    return Section("warm-paths", "Warm paths to your targets",
                   render("report_warm_paths.html.j2", table=shown, problems=[cell_text(p) for p in problems]))


_CHANGE_LABELS = {"added": "new contacts", "removed": "no longer in your connections",
                  "new_company": "moved to another company", "new_position": "new position, same company",
                  "gone_quiet": "strong ties gone quiet", "back_in_touch": "back in touch after a silence"}


def section_since(ctx):
    """Since your last export (``--since``): the changes and how the network moved; None without it."""
    if ctx.since is None:
        return None
    if not ctx.exports:
        raise Unavailable("comparing with --since needs the current export, and none was given")
    with ctx.progress.step("changes"):
        table = changes(ctx.since, ctx.exports[0], ties=ctx.ties)
    movement = pd.DataFrame(table.attrs["movement"], columns=["indicator", "before", "after", "change", "meaning"])
    counts = table["change"].value_counts()
    ctx.tables["movement"] = movement
    shown = None
    if ctx.anonymized:
        # The exports' names and jobs (people who left included) are not in the anonymised graph:
        # the page and the tables keep the counts only.
        ctx.tables["changes"] = pd.DataFrame({"change": [k for k in CHANGE_KINDS if k in counts.index],
                                              "count": [int(counts[k]) for k in CHANGE_KINDS if k in counts.index]})
    else:
        ctx.tables["changes"] = table
        shown = html_table(table, columns=["change", "name", "before", "after"], details=["reason"], max_rows=100,
                           caption="One change a row: before and after are the company or position in the two "
                                   "exports. Under “more”: how the change was found.")
    facts = _facts([(_CHANGE_LABELS[k], cell_text(int(counts[k]))) for k in CHANGE_KINDS if k in counts.index])
    labels = {"before": cell_text(table.attrs["old_date"]), "after": cell_text(table.attrs["new_date"])}
    moved = html_table(movement.round(3), columns=["meaning", "before", "after", "change"], details=["indicator"],
                       labels={**labels, "meaning": "indicator"}, max_rows=None,
                       caption="Each indicator on the older export, then the newer one, and the difference.")
    body = render("report_since.html.j2", old_date=cell_text(table.attrs["old_date"]),
                  new_date=cell_text(table.attrs["new_date"]), swapped=bool(table.attrs["swapped"]),
                  total=len(table), facts=facts, changes=shown, anonymized=ctx.anonymized,
                  matched_by_name=table.attrs["matched_by_name"], movement=moved)
    return Section("since", "Since your last export", body)


def section_sources(ctx):
    """Where the evidence comes from: what each kind of the user's other data (``--source``) added; None without any."""
    info = ctx.G.graph.get("records")
    if not isinstance(info, dict) or not info.get("sources"):
        return None
    table = records_summary(ctx.G)
    ctx.tables["sources"] = table
    labels = {"source": "source", "items": "items read", "matched": "people matched", "ego_ties": "your ties enriched",
              "ties_added": "ties between contacts added", "ties_supported": "ties supported",
              "met_suggestions": "met-in-person suggestions", "occasions_used": "occasions counted"}
    shown = html_table(table.assign(source=table["source"].str.replace("_", " ")),
                       columns=["source", "items", "matched", "occasions_used", "ego_ties", "ties_added",
                                "met_suggestions"],
                       details=["files", "used", "skipped", "people", "suggested", "ambiguous", "unmatched",
                                "ties_supported"], labels=labels, max_rows=None,
                       caption="One kind of source a row: items read (events, messages, cards…), the people matched "
                               "to your network, and what they added. Under “more”: the rest of the accounting.")
    skipped = Counter()
    for entry in info["sources"]:
        skipped.update(entry.get("occasions_skipped") or {})
    skipped_table = None
    if skipped:
        frame = pd.DataFrame(sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])), columns=["reason", "occasions"])
        skipped_table = html_table(frame, max_rows=None, collapsed=_plural(int(frame["occasions"].sum()), "occasion"),
                                   caption="Meetings and messages read but not counted, by reason.")
    met = None
    if not ctx.anonymized:
        mine = ctx.G[ctx.ego]
        rows = [{"name": ctx.name(n), "meetings": int(mine[n].get("meetings_in_person", 0)),
                 "met": mine[n].get("met", "unknown")}
                for n in info.get("met_suggested", ()) if n in mine]
        if rows:
            frame = pd.DataFrame(rows).sort_values(["meetings", "name"], ascending=[False, True])
            met = html_table(frame, max_rows=30, labels={"meetings": "in-person meetings",
                                                         "met": "met, as your ties.csv says"})
    facts = _facts([("Sources read", cell_text(int(table["files"].sum()))),
                    ("Ties between contacts added", cell_text(int(table["ties_added"].sum()))),
                    ("Met-in-person suggestions", cell_text(int(table["met_suggestions"].sum())))])
    body = render("report_sources.html.j2", facts=facts, table=shown, skipped=skipped_table, met=met,
                  cap=cell_text(info.get("max_participants", "")), anonymized=ctx.anonymized)
    return Section("sources", "Where the evidence comes from", body)


def _graph_facts(ctx):
    """The read section's facts about the graph, and the annotation rows that match nobody."""
    G = ctx.G
    facts = [("People", G.number_of_nodes()), ("Ties", G.number_of_edges())]
    evidence = Counter(edge_values(G, "evidence", "export"))
    for kind in sorted(evidence):
        label = {"export": "Ties listed in an export", "declared": "Ties you declared (knows.csv)"}.get(
            kind, f"Ties your {kind.split(':', 1)[-1].replace('_', ' ')} records (--source)"
            if kind.startswith("recorded:") else f"Ties inferred by the rule '{kind.split(':', 1)[-1]}' (not observed)")
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
        skipped = info.get("skipped") or []
        facts.append((f"{label} rows set aside by the reader", len(skipped)))
        for row in skipped:
            unmatched_rows.append({"file": label, "line": row.get("line"), "who": "",
                                   "reason": f"set aside: {row.get('reason', '')}"})
        for note in [*(info.get("notes") or []), *([info["warning"]] if info.get("warning") else [])]:
            unmatched_rows.append({"file": label, "line": "", "who": "", "reason": note})
        for row in unmatched:
            who = row.get("name") or " – ".join(cell_text(row.get(k)) for k in ("a", "b") if row.get(k))
            unmatched_rows.append({"file": label, "line": row.get("line"), "who": who, "reason": row.get("reason", "")})
    return facts, unmatched_rows


# LinkedIn's own file names (normalised: lower case, no space, "_" or "-"): shown as they are in an
# anonymised report. Any other member name (a folder named after the owner, "Ana_Silva_CV.pdf",
# "Connections (ana).csv") is replaced by a number.
_LINKEDIN_FILES = frozenset(FILE_NAMES) | {
    "skills", "companyfollows", "languages", "certifications", "projects", "courses", "honors", "publications",
    "volunteering", "causesyoucareabout", "emailaddresses", "phonenumbers", "registration", "richmedia",
    "learning", "savedjobs", "jobapplications", "jobseekerpreferences", "adstargeting", "adtargeting",
    "inferences", "receipts", "events", "patents", "organizations", "testscores", "memberfollows",
    "searchqueries", "logins", "groups", "articles", "shares", "comments", "reactions", "votes", "whatsapp",
    "profilesummary", "securitychallenges", "privateidentityassets", "verifications", "guidemessages",
}


def _member_label(name, number, labels):
    """How an anonymised report names a file of export ``number``: ``export 1: Connections.csv``, or
    ``export 1: file 3`` when its name is not one of LinkedIn's (it may hold the owner's name)."""
    if name not in labels:
        base = name.replace("\\", "/").rsplit("/", 1)[-1]
        stem, dot, ext = base.rpartition(".")
        known = dot and ext.lower() == "csv" and re.sub(r"[\s_\-]+", "", stem.casefold()) in _LINKEDIN_FILES
        others = sum(1 for label in labels.values() if label.startswith(f"export {number}: file "))
        labels[name] = f"export {number}: {base}" if known else f"export {number}: file {others + 1}"
    return labels[name]


def _without_members(text, labels):
    """``text`` with every member name replaced by its label, longest first (paths hold shorter ones)."""
    for name in sorted(labels, key=len, reverse=True):
        text = text.replace(name, labels[name])
    return text


def _export_tables(ctx):
    """The files read, the rows set aside and the remarks, one row each, from the exports' parse reports."""
    rows, skips, remarks = [], [], []
    for number, export in enumerate(ctx.exports, start=1):
        report = getattr(export, "report", None)
        files = getattr(report, "files", None) or {}
        owner_info = getattr(export, "owner", None) or {}
        owner = cell_text(owner_info.get("name")) or f"export {number}"
        if ctx.anonymized:
            owner_key = ctx.mapping.get(cell_text(owner_info.get("key")), "")
            owner = ctx.name(owner_key) if owner_key in ctx.G else f"owner of export {number}"
        # The folder name of an export often holds its owner's name: only the file name is shown,
        # and in anonymised mode not even that.
        source = f"export {number}" if ctx.anonymized else Path(cell_text(getattr(export, "path", ""))).name
        ignored = list(getattr(report, "ignored_files", None) or [])
        labels = {}
        if ctx.anonymized:  # member paths may name the owner: numbered labels, LinkedIn's file names kept
            for member in [*sorted(files), *(cell_text(getattr(files[f], "name", f)) for f in sorted(files)),
                           *(cell_text(f) for f in ignored)]:
                _member_label(member, number, labels)
        for fname in sorted(files):
            fr = files[fname]
            skipped = list(getattr(fr, "skipped", []) or [])
            name = cell_text(getattr(fr, "name", fname))
            if ctx.anonymized:
                name = labels[name]
            rows.append({"export": source, "owner": owner, "file": name,
                         "rows": getattr(fr, "rows", None), "used": getattr(fr, "used", None),
                         "skipped": len(skipped), "encoding": cell_text(getattr(fr, "encoding", "")),
                         "variant": cell_text(getattr(fr, "variant", ""))})
            for skip in skipped:
                reason = cell_text(getattr(skip, "reason", skip))
                skips.append({"export": source, "owner": owner, "file": name, "line": getattr(skip, "line", None),
                              "reason": _without_members(reason, labels) if ctx.anonymized else reason})
            for note in getattr(fr, "notes", None) or []:
                remark = cell_text(note)
                if ctx.anonymized:
                    remark = _without_members(remark, labels)
                remarks.append({"export": source, "owner": owner, "what": name, "remark": remark})
        hidden = getattr(report, "hidden_members", 0) or 0
        if hidden:
            remarks.append({"export": source, "owner": owner, "what": "hidden members",
                            "remark": f"{hidden} rows name a 'LinkedIn Member' whose profile is hidden; "
                                      "they cannot be matched to anyone."})
        if ignored:
            shown = [labels[cell_text(f)].split(": ", 1)[1] if ctx.anonymized else Path(cell_text(f)).name
                     for f in ignored[:12]]
            remarks.append({"export": source, "owner": owner, "what": "files not used",
                            "remark": f"{len(ignored)} files of the export are not about the network: "
                                      + ", ".join(shown)
                                      + (" …" if len(ignored) > 12 else "")})
    files_table = pd.DataFrame(rows, columns=["export", "owner", "file", "rows", "used", "skipped", "encoding", "variant"])
    skip_table = pd.DataFrame(skips, columns=["export", "owner", "file", "line", "reason"])
    remark_table = pd.DataFrame(remarks, columns=["export", "owner", "what", "remark"])
    if ctx.anonymized:
        # Skip reasons and remarks may quote a row of the export (a name in "e-mail 'x' is not an
        # address"): quoted values go, then they are scrubbed like every table.
        skip_table["reason"] = skip_table["reason"].map(remove_quoted)
        files_table, skip_table, remark_table = (scrub_frame(t, ctx.mapping) for t in (files_table, skip_table, remark_table))
    return files_table, skip_table, remark_table


def section_read(ctx):
    """What was read: the graph's facts, every file and every row set aside, what was left out."""
    facts, unmatched_rows = _graph_facts(ctx)
    context = {"facts": _facts([(k, cell_text(v)) for k, v in facts]), "files": None, "skipped": None,
               "remarks": None, "unmatched": None, "notes": [cell_text(n) for n in ctx.notes]}
    files_table, skip_table, remark_table = _export_tables(ctx)
    if ctx.exports:
        owners = files_table["owner"].nunique()
        context["files"] = html_table(
            files_table, columns=["owner", "file", "rows", "used", "skipped"], details=["export", "encoding", "variant"],
            labels={"owner": "whose export", "skipped": "set aside"}, max_rows=None,
            collapsed=f"{_plural(len(files_table), 'file')} of {_plural(owners, 'export')}: "
                      f"{int(files_table['used'].fillna(0).sum()):,} rows used, "
                      f"{int(files_table['skipped'].fillna(0).sum()):,} set aside",
            caption="One file a row, by whose export it is: rows read = rows used + rows set aside.")
        context["skipped"] = html_table(
            skip_table, columns=["owner", "file", "line", "reason"], details=["export"],
            labels={"owner": "whose export"}, max_rows=100,
            collapsed=f"{_plural(len(skip_table), 'row')} set aside",
            caption="Each row the reader set aside, with the file's line and the reason.")
        if len(remark_table):
            context["remarks"] = html_table(
                remark_table, columns=["owner", "what", "remark"], details=["export"],
                labels={"owner": "whose export"}, max_rows=None, collapsed=_plural(len(remark_table), "remark"),
                caption="What the reader noticed in each export without setting rows aside.")
        ctx.tables["files_read"] = files_table
        ctx.tables["rows_set_aside"] = skip_table
    if unmatched_rows:
        table = pd.DataFrame(unmatched_rows, columns=["file", "line", "who", "reason"])
        if ctx.anonymized:  # already scrubbed with the graph: names matching nobody read "[removed]"
            table = scrub_frame(table, ctx.mapping)
        context["unmatched"] = html_table(table, max_rows=100, collapsed=_plural(len(table), "annotation row"),
                                          caption="Rows of ties.csv or knows.csv that were set aside or name "
                                                  "nobody in the network, with the reason.")
        ctx.tables["annotations_unmatched"] = table
    return Section("read", "What was read", render("report_read.html.j2", **context))


def _names(values):
    """The first five names as plain text, and " and N more" past them."""
    more = f" and {len(values) - 5} more" if len(values) > 5 else ""
    return [cell_text(x) for x in values.head(5)], more


def headline(ctx, present):
    """The plain-words summary, from what the other sections computed."""
    ties = _ego_ties(ctx)
    n = len(ties)
    counts = ties["met"].value_counts()
    in_person, online = int(counts.get("in_person", 0)), int(counts.get("online", 0))
    context = {"contacts": n, "in_person": in_person, "online": online, "unknown": n - in_person - online,
               "in_person_share": _pct(in_person / n) if n else "", "weighted": None, "strong": None,
               "strong_count": None, "active": None, "core": [], "core_more": "", "circles": [],
               "circle_count": "", "introductions": [], "dormant": None, "dormant_more": ""}
    indicators = ctx.cache.get("network_strength")
    if indicators is not None and len(indicators):
        value = dict(zip(indicators["indicator"], indicators["value"], strict=False))
        weighted, strong = value.get("strength_weighted_size"), value.get("strong_ties")
        if not is_missing(weighted) and not is_missing(strong):
            context.update(weighted=f"{weighted:.0f}", strong=_plural(int(strong), "tie"), strong_count=int(strong))
        active = value.get("active_ties")
        if not is_missing(active):
            context["active"] = _plural(int(active), "contact")
    core = ties[ties["met"] == "in_person"].sort_values(["strength", "key"], ascending=[False, True],
                                                         na_position="last")
    if len(core):
        context["core"], context["core_more"] = _names(core["name"])
    table = ctx.cache.get("community_table")
    if table is not None and len(table):
        top = table.sort_values(["size", "community"], ascending=[False, True]).head(3)
        small = table[table["size"] < SMALL_CIRCLE]
        context["circle_count"] = _plural(len(table) - len(small), "circle") + (
            f" (and {len(small)} small groups of fewer than {SMALL_CIRCLE} people)" if len(small) else "")
        context["circles"] = [{"label": cell_text(r.label) or "circle " + cell_text(r.community),
                               "size": cell_text(r.size), "in_person_share": _pct(r.in_person_share)}
                              for r in top.itertuples()]
    intro = ctx.cache.get("introductions")
    if intro is not None and len(intro):
        context["introductions"] = [{"a": cell_text(r.get("a_name")), "b": cell_text(r.get("b_name")),
                                     "reason": cell_text(r.get("reason"))}
                                    for r in intro.head(3).to_dict(orient="records")]
    dormant = ctx.cache.get("dormant")
    if dormant is not None:
        context["dormant"], context["dormant_more"] = _names(dormant["name"]) if len(dormant) else ([], "")
    context["missing"] = [sid for sid in ("strength", "communities", "introductions", "dormant") if sid not in present]
    said = {"done": "done", "declined": "declined", "snoozed": "snoozed", "returned": "snoozes ended"}
    context["followups"] = ([f"{n} {said[what]}" for what, n in ctx.followups.items() if n]
                            if ctx.followups is not None else None)
    return Section("headline", "The headline", render("report_headline.html.j2", **context))


#: The sections built from one analysis each, in the order they are computed.
SECTIONS = [
    ("since", section_since),
    ("communities", section_communities),
    ("strength", section_strength),
    ("dormant", section_dormant),
    ("brokerage", section_brokerage),
    ("introductions", section_introductions),
    ("warm-paths", section_warm_paths),
    ("sources", section_sources),
]
# Page order: the headline first, then the details (what was read last).
ORDER = ["headline", "since", "strength", "communities", "brokerage", "introductions", "warm-paths", "dormant", "sources",
         "read"]

"""Figures for network strength: Dunbar's rings, size against strength, timelines, broadcasts.

Every function returns a :class:`matplotlib.figure.Figure` (never saved, never shown) whose
title states what the data show, computed from the data.
"""

import math
import textwrap

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from ..errors import InputError
from ..strength import DUNBAR_LAYERS, Audience, dunbar_layers
from .style import MET_COLORS, MET_LABELS, PALETTE, SLIDE_INCHES, figure_style, mpl_text

__all__ = ["broadcast_vs_targeted", "ego_rings", "plot_quality_timeline", "size_vs_strength"]

_MET_ORDER = ("in_person", "online", "unknown")


def _pct(x):
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.0%}"


def ego_rings(G, ego=None, *, strong=0.5, evidence="all", slide=False):
    """Dunbar's circles around a person, and every contact beyond them: the whole network at a glance.

    Contacts are ranked by tie strength and placed on the ring of their Dunbar layer (1.5, 5,
    15, 50, 150, innermost first); every contact beyond the 150 is drawn too, in the outer band,
    strongest nearest. Colour says whether the tie was met in person, a filled dot that it is
    strong (strength ≥ ``strong``), a hollow one that it is not. The rings fill whatever the size
    (any network has 150 closest contacts), so the title sets them against what lies beyond: a
    big network of strangers shows a wide outer band of hollow dots.

    Parameters
    ----------
    G : networkx.Graph
    ego : node, optional
        Default ``G.graph["ego"]``.
    strong : float
        Strength from which a tie counts as strong (default 0.5).
    evidence : {"all", "declared", "observed"}
    slide : bool
        A 1920 × 1080 slide with large type (default: a square figure for a page).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me")
    >>> G.add_edges_from([("me", i) for i in range(200)], met="online", strength=0.2)
    >>> G.add_edges_from([("me", i) for i in range(200, 204)], met="in_person", strength=0.8)
    >>> ego_rings(G).axes[0].get_title()
    '4 of the 150 closest contacts are strong ties; 0 of the 54 beyond them'
    """
    layers = dunbar_layers(G, ego, strong=strong, evidence=evidence)
    n = len(layers)
    shown = layers[layers["layer"].notna()]
    beyond = layers[layers["layer"].isna()]
    band = 1.6  # width of the outer band, in ring units
    with figure_style(slide=slide):
        fig = Figure(figsize=SLIDE_INCHES if slide else (9, 9.5), layout="constrained")
        ax = fig.add_subplot()
        ax.set_aspect("equal")
        ax.axis("off")
        radii = {layer: i + 1 for i, layer in enumerate(DUNBAR_LAYERS)}
        for layer, r in radii.items():
            ax.add_patch(_circle(r, "#BBBBBB"))
            ax.text(r, 0, f"{layer:g}", ha="center", va="center", fontsize="small", color="#555555", zorder=6,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"})
        ax.scatter([0], [0], s=220, color="#000000", zorder=3)
        points = {}  # (met, strong) -> xs, ys, sizes: one scatter call per kind of dot

        def place(row, x, y, size):
            xs, ys, sizes = points.setdefault((row.met, bool(row.strong)), ([], [], []))
            xs.append(x)
            ys.append(y)
            sizes.append(size)

        for layer, group in shown.groupby("layer", sort=True):
            r = radii[float(layer)] - 0.5
            count = len(group)
            for i, row in enumerate(group.itertuples(index=False)):
                angle = 2 * math.pi * (i + 0.5) / count + math.pi / 2
                place(row, r * math.cos(angle), r * math.sin(angle), 30 + 120 * float(row.strength))
        outer = len(DUNBAR_LAYERS) + 0.35
        m = len(beyond)
        dot = max(3.0, min(30.0, 9000.0 / max(m, 1)))
        golden = math.pi * (3 - math.sqrt(5))
        for k, row in enumerate(beyond.itertuples(index=False)):  # strongest nearest, evenly spread (sunflower)
            r = outer + band * math.sqrt((k + 0.5) / m)
            place(row, r * math.cos(k * golden), r * math.sin(k * golden), dot)
        if m:
            ax.add_patch(_circle(outer + band, "#DDDDDD"))
            ax.text(0, -(outer + band) - 0.08, f"beyond the 150: {m:,}", ha="center", va="top", fontsize="small",
                    color="#555555")
        for (met, is_strong), (xs, ys, sizes) in sorted(points.items()):
            color = MET_COLORS.get(met, MET_COLORS["unknown"])
            if is_strong:
                ax.scatter(xs, ys, s=sizes, color=color, zorder=4, linewidths=0)
            else:
                ax.scatter(xs, ys, s=sizes, facecolors="white", edgecolors=color, linewidths=1.0, zorder=4)
        limit = outer + (band if m else 0) + 0.4
        ax.set_xlim(-limit, limit)
        ax.set_ylim(-limit - 0.3, limit)
        handles = [Line2D([], [], marker="o", linestyle="", color=MET_COLORS[m_], markersize=10,
                          label=MET_LABELS[m_]) for m_ in _MET_ORDER]
        # Strong and weak are told by the fill, in every colour: the swatches are drawn as the dots are.
        handles += [
            Line2D([], [], marker="o", linestyle="", color=MET_COLORS["in_person"], markersize=10,
                   label=f"strong (≥ {strong:g}): filled"),
            Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor=MET_COLORS["in_person"],
                   markeredgewidth=1.6, markersize=10, label="weak: hollow"),
        ]
        if slide:
            ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
        else:
            ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, -0.08), ncol=3, frameon=False)
        ax.set_title(_rings_title(shown, beyond, n))
        inner = shown[shown["rank"] <= 15]
        sub = (f"{int((inner['met'] == 'in_person').sum())} of the {len(inner)} innermost (15 circle) met in person"
               f"; {n:,} contacts in all, every one drawn")
        if m:
            sub += (f"; beyond the 150 circle: {m:,} more, {_pct(1 - beyond['strong'].mean())} of them weak ties, "
                    f"{int((beyond['met'] == 'in_person').sum()):,} met in person")
        fig.supxlabel(textwrap.fill(sub, 100 if slide else 80), fontsize="medium", color="#444444")
    return fig


def _rings_title(shown, beyond, n):
    """The rings' title: the 150 closest always fill, so they are set against what lies beyond them."""
    strong_in = int(shown["strong"].sum())
    if not len(beyond):
        return f"{strong_in} of the {n:,} contacts are strong ties"
    return (f"{strong_in} of the {len(shown)} closest contacts are strong ties; "
            f"{int(beyond['strong'].sum()):,} of the {len(beyond):,} beyond them")


def _circle(r, color):
    from matplotlib.patches import Circle

    return Circle((0, 0), r, fill=False, edgecolor=color, linewidth=1.0, linestyle="--")


def _people_columns(table):
    return [c for c in table.columns if c not in ("group", "indicator", "meaning", "note")]


def size_vs_strength(table, *, indicators=("size", "strength_weighted_size", "strong_ties", "in_person")):
    """Bars comparing how big and how strong several networks are (from :func:`compare`).

    Parameters
    ----------
    table : pandas.DataFrame
        What :func:`netanalysis.strength.compare` returned (one column per person).
    indicators : sequence of str
        Which rows to draw, as groups of bars.

    Returns
    -------
    matplotlib.figure.Figure
        The title compares the biggest network with the strongest (by strength-weighted size).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"group": "x", "indicator": ["size", "strength_weighted_size", "strong_ties", "in_person"],
    ...                   "Ann": [3000.0, 450.0, 20.0, 60.0], "Bea": [300.0, 150.0, 90.0, 200.0], "meaning": ""})
    >>> size_vs_strength(t).axes[0].get_title()
    'Ann has 10× more contacts than Bea, but Bea has 4.5× more strong ties'
    """
    people = _people_columns(table)
    if not people:
        raise InputError("the comparison table has no person columns; pass what compare() returned.")
    values = table.set_index("indicator")
    missing = [i for i in indicators if i not in values.index]
    if missing:
        raise InputError(f"the comparison table has no '{missing[0]}' row.")
    with figure_style():
        fig = Figure(figsize=(max(8, 2.2 * len(indicators) * max(len(people), 1) / 2), 6), layout="constrained")
        ax = fig.add_subplot()
        width = 0.8 / len(people)
        for k, person in enumerate(people):
            heights = [float(values.loc[i, person]) for i in indicators]
            xs = [x + (k - (len(people) - 1) / 2) * width for x in range(len(indicators))]
            bars = ax.bar(xs, heights, width=width * 0.95, color=PALETTE[k % len(PALETTE)], label=mpl_text(person))
            ax.bar_label(bars, labels=[f"{h:,.0f}" if h >= 10 else f"{h:.1f}" for h in heights], fontsize=10,
                         padding=2)
        ax.set_xticks(range(len(indicators)))
        ax.set_xticklabels([i.replace("_", " ") for i in indicators])
        ax.set_ylabel("count")
        ax.legend(frameon=False)
        ax.set_title(mpl_text(textwrap.fill(_size_strength_title(values, people), 70)))
    return fig


def _size_strength_title(values, people):
    size = values.loc["size", people].astype(float)
    key = "strong_ties" if "strong_ties" in values.index else "strength_weighted_size"
    strength = values.loc[key, people].astype(float)
    label = key.replace("_", " ").replace("strength weighted size", "strength-weighted size")
    big, strong = size.idxmax(), strength.idxmax()
    if len(people) < 2 or big == strong:
        return f"{big} has the biggest network and the most {label}"
    ratio_size = size[big] / size[strong] if size[strong] else math.inf
    ratio_strength = strength[strong] / strength[big] if strength[big] else math.inf
    fmt = lambda r: "∞" if math.isinf(r) else f"{r:.2g}"  # noqa: E731
    return f"{big} has {fmt(ratio_size)}× more contacts than {strong}, but {strong} has {fmt(ratio_strength)}× more {label}"


def plot_quality_timeline(timeline):
    """New ties per year by whether they were met in person, with their mean strength.

    Parameters
    ----------
    timeline : pandas.DataFrame
        What :func:`netanalysis.strength.quality_timeline` returned.

    Returns
    -------
    matplotlib.figure.Figure
        Stacked bars (in person, online, unknown) and the mean tie strength on a second axis;
        the title names the year that added the most ties and its in-person share.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"year": pd.array([2020, 2021], dtype="Int64"), "new_ties": [4, 40],
    ...                   "in_person": [3, 2], "online": [1, 30], "unknown": [0, 8],
    ...                   "in_person_share": [0.75, 0.05], "mean_strength": [0.6, 0.2], "cumulative_size": [4, 44]})
    >>> print(plot_quality_timeline(t).axes[0].get_title())
    2021 added the most ties (40); 5% of them met in person, against 11% over all
    years
    """
    dated = timeline[timeline["year"].notna()]
    if not len(dated):
        raise InputError("no contact has a connection date, so there is no timeline to draw.")
    years = [int(y) for y in dated["year"]]
    with figure_style():
        fig = Figure(figsize=(11, 6), layout="constrained")
        ax = fig.add_subplot()
        bottom = [0] * len(years)
        for met in _MET_ORDER:
            heights = [int(v) for v in dated[met]]
            ax.bar(years, heights, bottom=bottom, color=MET_COLORS[met], label=MET_LABELS[met], width=0.8)
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        ax.set_xlabel("year connected")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # 2010, 2012, never 2012.5
        ax.set_ylabel("new ties")
        twin = ax.twinx()
        twin.plot(years, dated["mean_strength"].astype(float), color="#000000", marker="o", label="mean strength")
        twin.set_ylim(0, 1)
        twin.set_ylabel("mean tie strength")
        twin.spines["right"].set_visible(True)
        lines = ax.get_legend_handles_labels()
        lines2 = twin.get_legend_handles_labels()
        # Below the plot, never over a bar.
        fig.legend(lines[0] + lines2[0], lines[1] + lines2[1], frameon=False, loc="outside lower center", ncol=4)
        busiest = dated.loc[dated["new_ties"].astype(int).idxmax()]
        overall = dated["in_person"].sum() / dated["new_ties"].sum()
        ax.set_title(textwrap.fill(
            f"{int(busiest['year'])} added the most ties ({int(busiest['new_ties'])}); "
            f"{_pct(float(busiest['in_person_share']))} of them met in person, "
            f"against {_pct(float(overall))} over all years", 80))
    return fig


def broadcast_vs_targeted(result):
    """How many people a broadcast reaches, against how many the message concerns.

    Parameters
    ----------
    result : Audience
        What :func:`netanalysis.strength.audience` returned.

    Returns
    -------
    matplotlib.figure.Figure
        Horizontal bars: everyone a post reaches, those concerned, those concerned and met in
        person; the title gives the share a broadcast wastes.

    Examples
    --------
    >>> import networkx as nx
    >>> from netanalysis.strength import audience
    >>> G = nx.Graph(ego="me")
    >>> for i in range(19):
    ...     G.add_node(i, position="Nurse"); G.add_edge("me", i, strength=0.2, met="online")
    >>> G.add_node("ana", position="Data engineer"); G.add_edge("me", "ana", strength=0.9, met="in_person")
    >>> broadcast_vs_targeted(audience(G, keywords="data")).axes[0].get_title()
    'A post reaches 20 contacts; 95% of them are not concerned'
    """
    if not isinstance(result, Audience):
        raise InputError("pass what audience() returned.")
    s = result.summary.set_index("indicator")["value"]
    labels = ["a broadcast reaches", "concerned", "concerned, met in person"]
    values = [s["broadcast_reach"], s["relevant"], s["relevant_in_person"]]
    colors = ["#BBBBBB", PALETTE[1], MET_COLORS["in_person"]]
    with figure_style():
        fig = Figure(figsize=(10, 4.5), layout="constrained")
        ax = fig.add_subplot()
        bars = ax.barh(labels[::-1], values[::-1], color=colors[::-1])
        ax.bar_label(bars, labels=[f"{int(v):,}" for v in values[::-1]], padding=3)
        ax.set_xlabel("contacts")
        ax.set_title(f"A post reaches {int(s['broadcast_reach']):,} contacts; "
                     f"{_pct(s['not_relevant_share'])} of them are not concerned")
        fig.supxlabel(f"Writing privately to the {int(s['relevant']):,} concerned reaches every one of them",
                      fontsize=12, color="#444444")
    return fig


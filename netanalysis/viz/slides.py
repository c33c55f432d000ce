"""Figures that show size against strength at a glance, for a page or a 1920 × 1080 slide.

Each function returns a :class:`matplotlib.figure.Figure` (never saved) whose title says what the
numbers show, computed from them; ``slide=True`` gives a 16:9 slide with large type, in the same
palette as every other figure (:mod:`netanalysis.viz.style`). :func:`slide_bytes` renders a
figure as PNG (exactly 1920 × 1080) or SVG bytes; the caller writes them (the command line
through :mod:`netanalysis.safefiles`). :func:`compare_figures` makes the set ``netanalysis
compare --figures`` writes.
"""

import io
import math
import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..errors import InputError
from ..model import check_ego
from ..strength import contact_quality, marginal_value, network_quality, size_strength_verdict
from .strength import ego_rings
from .style import MET_COLORS, MET_LABELS, PALETTE, SLIDE_INCHES, figure_style, mpl_text

__all__ = ["broadcast_arithmetic", "compare_figures", "growth_value", "quality_shares", "size_against_strength",
           "slide_bytes", "strength_bands"]

_MET_ORDER = ("in_person", "online", "unknown")
_BANDS = np.round(np.linspace(0, 1, 11), 2)  # tie strength in tenths


def _people(graphs):
    """``[(label, G, ego)]`` from ``{label: G}`` or ``{label: (G, ego)}``."""
    if not isinstance(graphs, dict) or not graphs:
        raise InputError("give the networks as a mapping {label: graph} (or {label: (graph, ego)}).")
    out = []
    for label, value in graphs.items():
        G, ego = value if isinstance(value, tuple) else (value, None)
        out.append((str(label), G, check_ego(G, ego)))
    return out


def _quality_table(table):
    if not isinstance(table, pd.DataFrame) or not len(table) or "contacts" not in table.columns:
        raise InputError("pass a table with one row per person (network_quality results side by side, "
                         "or compare(...).attrs['quality']).")
    return table


def _figure(slide, page_size):
    return Figure(figsize=SLIDE_INCHES if slide else page_size, layout="constrained")


def _panels(fig, n, **share):
    """One panel per person: a single row up to four people, two rows beyond (unused panels hidden)."""
    rows = 1 if n <= 4 else 2
    cols = math.ceil(n / rows)
    axes = list(fig.subplots(rows, cols, squeeze=False, **share).ravel())
    for ax in axes[n:]:
        ax.set_visible(False)
    for ax in axes[:n]:
        ax.xaxis.set_major_locator(MaxNLocator(nbins=4 if n > 2 else 6))
    return axes[:n], cols


def _title(ax, text, slide):
    ax.set_title(mpl_text(textwrap.fill(text, 80 if slide else 70)))


def strength_bands(graphs, *, strong=0.5, evidence="all", slide=False):
    """Each person's ties by strength, in tenths, side by side on one scale: where the size sits.

    Parameters
    ----------
    graphs : dict
        ``{label: G}`` or ``{label: (G, ego)}``.
    strong : float
        The strong-tie threshold, drawn as a line (default 0.5).
    evidence : {"all", "declared", "observed"}
    slide : bool
        A 1920 × 1080 slide with large type.

    Returns
    -------
    matplotlib.figure.Figure
        One panel per person (titled by the label), the same count scale for all, bars stacked by
        how the tie was met; the figure's title (``get_suptitle()``) gives each person's strong and
        weak ties.

    Examples
    --------
    >>> import networkx as nx
    >>> A = nx.Graph(ego="a"); A.add_edges_from([("a", i) for i in range(30)], met="online", strength=0.1)
    >>> B = nx.Graph(ego="b"); B.add_edges_from([("b", i) for i in range(6)], met="in_person", strength=0.8)
    >>> strength_bands({"Ann": A, "Bea": B}).get_suptitle()
    'Strong ties (≥ 0.5): Ann 0, Bea 6; weak: Ann 30, Bea 0'
    """
    people = _people(graphs)
    counts, strongs, weaks = {}, [], []
    for label, G, ego in people:
        df = contact_quality(G, ego, evidence=evidence, strong=strong)
        band = np.clip(np.digitize(df["strength"].to_numpy(float), _BANDS[1:-1]), 0, 9)
        counts[label] = {m: np.bincount(band[(df["met"] == m).to_numpy()], minlength=10) for m in _MET_ORDER}
        strongs.append(f"{label} {int(df['strong'].sum()):,}")
        weaks.append(f"{label} {int((~df['strong']).sum()):,}")
    with figure_style(slide=slide):
        fig = _figure(slide, (5 * min(len(people), 4) + 1, 6 if len(people) <= 4 else 10))
        axes, cols = _panels(fig, len(people), sharex=True, sharey=True)
        top = max(sum(c[m] for m in _MET_ORDER).max() for c in counts.values()) or 1
        for k, (ax, (label, _G, _ego)) in enumerate(zip(axes, people, strict=True)):
            bottom = np.zeros(10)
            for m in _MET_ORDER:
                ax.bar(_BANDS[:-1] + 0.05, counts[label][m], width=0.09, bottom=bottom, color=MET_COLORS[m],
                       label=MET_LABELS[m])
                bottom = bottom + counts[label][m]
            for x, h in zip(_BANDS[:-1] + 0.05, bottom, strict=True):
                if h:
                    ax.text(x, h + top * 0.01, f"{int(h):,}", ha="center", va="bottom", fontsize="small")
            ax.axvline(strong, color="#000000", linestyle="--", linewidth=1.2)
            ax.set_xlim(0, 1)
            ax.set_ylim(0, top * 1.12)
            ax.set_xlabel("tie strength")
            ax.set_title(mpl_text(label), fontsize="medium")
            if k % cols == 0:
                ax.set_ylabel("contacts")
        axes[0].legend(frameon=False, loc="upper right")
        fig.suptitle(mpl_text(textwrap.fill(f"Strong ties (≥ {strong:g}): {', '.join(strongs)}; weak: "
                                            f"{', '.join(weaks)}", 80 if slide else 70)),
                     fontsize="large")
    return fig


def size_against_strength(table, *, slide=False):
    """Size against strength, one point per person: contacts across, people who would act up.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per person (index = label) with ``contacts``, ``would_act`` and ``can_vouch_for``:
        :func:`netanalysis.strength.network_quality` side by side, or ``compare(...).attrs["quality"]``.
    slide : bool

    Returns
    -------
    matplotlib.figure.Figure
        Filled dots: people who would act on a request; hollow: people the owner can vouch for; a
        dotted line: what the smallest network's share would give at each size. The title is :func:`netanalysis.strength.size_strength_verdict`'s sentence.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"contacts": [3000, 280], "would_act": [140, 150], "can_vouch_for": [220, 230]},
    ...                  index=["Rémi", "Marc"])
    >>> size_against_strength(t).axes[0].get_title().replace("\\n", " ").split(":")[0]
    'Rémi has 11× the contacts of Marc but about as many people who would act on a request (140 against 150)'
    """
    t = _quality_table(table)
    verdict = size_strength_verdict(t)
    x = t["contacts"].astype(float)
    with figure_style(slide=slide):
        fig = _figure(slide, (11, 6.5))
        ax = fig.add_subplot()
        if x.max() > 20 * max(x.min(), 1):
            ax.set_xscale("log")
        ax.scatter(x, t["would_act"], s=260 if slide else 140, color=PALETTE[0], zorder=3,
                   label="would act on a request (strong, met, active)")
        if "can_vouch_for" in t.columns:
            ax.scatter(x, t["can_vouch_for"], s=260 if slide else 140, facecolors="white", edgecolors=PALETTE[0],
                       linewidths=2, zorder=3, label="can vouch for (met or strong)")
        order = {label: k for k, label in enumerate(x.sort_values(kind="stable").index)}
        for label, xi, yi in zip(t.index, x, t["would_act"], strict=True):
            # neighbours by size alternate above and below their dot, so crowded labels do not overlap
            up = order[label] % 2 == 0
            ax.annotate(mpl_text(label), (xi, yi), xytext=(8, 12 if up else -26), textcoords="offset points",
                        rotation=25 if len(t) > 4 else 0)
        top = max(float(t["would_act"].max()), float(t.get("can_vouch_for", t["would_act"]).max()), 1.0)
        ax.set_ylim(-top * 0.08, top * 1.25)
        small = x.idxmin()
        if len(t) > 1 and x[small] > 0 and x.max() > x[small] and float(t.loc[small, "would_act"]) > 0:
            # If strength grew in proportion to size (the smallest network's share, scaled up).
            rate = float(t.loc[small, "would_act"]) / x[small]
            xs = np.linspace(x[small], x.max(), 50)
            ax.plot(xs, rate * xs, color="#777777", linestyle=":", linewidth=2,
                    label="if strength grew with size")
            expected = rate * x.max()
            if expected > top * 1.25:
                ax.annotate(f"if strength grew with size: {expected:,.0f} ↑", (x.max(), top * 1.2), ha="right",
                            va="top", color="#555555")
        if ax.get_xscale() == "linear":
            ax.set_xlim(0, x.max() * 1.08)
        ax.set_xlabel("contacts (size)")
        ax.set_ylabel("people")
        ax.legend(frameon=False, loc="best")  # never over the dots or the line
        _title(ax, str(verdict).split(" Per contact")[0], slide)
    return fig


_SHARES = (("met_in_person_share", "met in person\n(of those known)"), ("strong_share", "strong ties"),
           ("active_share", "active (12 months)"), ("would_act_share", "would act\non a request"))


def quality_shares(table, *, slide=False):
    """Per contact: the share met in person, strong, active, and who would act, side by side.

    Parameters
    ----------
    table : pandas.DataFrame
        As for :func:`size_against_strength`.
    slide : bool

    Returns
    -------
    matplotlib.figure.Figure
        Grouped bars (0–100 %), one colour per person; the title names each person's share of
        contacts who would act.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"contacts": [3000, 280], "met_in_person_share": [0.1, 0.9], "strong_share": [0.06, 0.7],
    ...                   "active_share": [0.12, 0.6], "would_act_share": [0.05, 0.53]}, index=["Rémi", "Marc"])
    >>> quality_shares(t).axes[0].get_title()
    'Per contact, who would act on a request: Rémi 5%, Marc 53%'
    """
    t = _quality_table(table)
    missing = [c for c, _ in _SHARES if c not in t.columns]
    if missing:
        raise InputError(f"the table has no '{missing[0]}' column; build it from network_quality().")
    with figure_style(slide=slide):
        fig = _figure(slide, (11, 6.5))
        ax = fig.add_subplot()
        width = 0.8 / len(t)
        for k, (label, row) in enumerate(t.iterrows()):
            xs = [i + (k - (len(t) - 1) / 2) * width for i in range(len(_SHARES))]
            values = [float(row[c]) for c, _ in _SHARES]
            bars = ax.bar(xs, [0 if math.isnan(v) else v for v in values], width=width * 0.95,
                          color=PALETTE[k % len(PALETTE)], label=mpl_text(label))
            ax.bar_label(bars, labels=["–" if math.isnan(v) else f"{v:.0%}" for v in values], padding=3,
                         fontsize="small")
        ax.set_xticks(range(len(_SHARES)))
        ax.set_xticklabels([name for _, name in _SHARES])
        ax.set_ylim(0, 1.12)
        ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:.0%}")
        ax.set_ylabel("share of contacts")
        ax.legend(frameon=False, loc="upper left")
        _title(ax, "Per contact, who would act on a request: "
               + ", ".join(f"{label} {float(row['would_act_share']):.0%}" for label, row in t.iterrows()), slide)
    return fig


def broadcast_arithmetic(table, *, slide=False):
    """Where a broadcast goes: everyone, the active, those who would care; and a personal message.

    Parameters
    ----------
    table : pandas.DataFrame
        As for :func:`size_against_strength`, with ``active``, ``broadcast_reach``,
        ``broadcast_wasted_share`` and ``targeted_reach``.
    slide : bool

    Returns
    -------
    matplotlib.figure.Figure
        One panel per person (bars on one scale); the figure's title (``get_suptitle()``) gives
        the share of each broadcast that reaches nobody who cares.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"contacts": [3000, 280], "active": [360, 170], "broadcast_reach": [180, 85],
    ...                   "broadcast_wasted_share": [0.94, 0.70], "targeted_reach": [110, 113]}, index=["Rémi", "Marc"])
    >>> broadcast_arithmetic(t).get_suptitle()
    "Share of a post that reaches nobody who cares: Rémi's 94%, Marc's 70%"
    """
    t = _quality_table(table)
    rows = (("contacts", "a post goes to"), ("active", "active (12 months)"),
            ("broadcast_reach", "…who would care"), ("targeted_reach", "a personal message:\nknow you, concerned"))
    missing = [c for c, _ in rows if c not in t.columns]
    if missing:
        raise InputError(f"the table has no '{missing[0]}' column; build it from network_quality().")
    colors = ["#BBBBBB", PALETTE[4], PALETTE[1], MET_COLORS["in_person"]]
    with figure_style(slide=slide):
        fig = _figure(slide, (6 * min(len(t), 4) + 1, 5.5 if len(t) <= 4 else 9))
        axes, cols = _panels(fig, len(t), sharex=True, sharey=True)
        top = float(t["contacts"].max()) or 1.0
        for ax, (label, row) in zip(axes, t.iterrows(), strict=True):
            values = [float(row[c]) for c, _ in rows]
            bars = ax.barh([name for _, name in rows][::-1], values[::-1], color=colors[::-1])
            ax.bar_label(bars, labels=[f"{v:,.0f}" for v in values[::-1]], padding=4, fontsize="small")
            ax.set_xlim(0, top * 1.25)
            ax.set_xlabel("people")
            ax.set_title(mpl_text(label), fontsize="medium")
        for k, ax in enumerate(axes):
            if k % cols:
                ax.tick_params(labelleft=False)
        title = "Share of a post that reaches nobody who cares: " + ", ".join(
            f"{label}'s {float(row['broadcast_wasted_share']):.0%}" for label, row in t.iterrows())
        fig.suptitle(mpl_text(textwrap.fill(title, 80 if slide else 70)), fontsize="large")
    return fig


def growth_value(marginals, *, measure="would_act", slide=False):
    """What each block of contacts added, person by person: the marginal value of size.

    Parameters
    ----------
    marginals : dict
        ``{label: marginal_value(G, ...)}``.
    measure : str
        Which measure of :func:`netanalysis.strength.marginal_value` to draw (default ``would_act``).
    slide : bool

    Returns
    -------
    matplotlib.figure.Figure
        Bars per block (oldest first) of what the block added, counted as it is (never scaled up to a
        full block: that would extrapolate past Dunbar's limits); the title gives what each
        person's newest block added.

    Examples
    --------
    >>> import networkx as nx
    >>> from netanalysis.strength import marginal_value
    >>> G = nx.Graph(ego="me", as_of="2024-06-01")
    >>> G.add_edges_from([("me", i) for i in range(4)], met="online", strength=0.1, connected_on="2020-01-01")
    >>> growth_value({"Ann": marginal_value(G, step=2)}).axes[0].get_title()
    "Ann's newest 2 contacts added 0 people who would act on a request"
    """
    if not isinstance(marginals, dict) or not marginals:
        raise InputError("give {label: marginal_value(...)} for at least one person.")
    names = {"would_act": "people who would act on a request", "strong_ties": "strong ties",
             "met_in_person": "people met in person", "active": "active ties", "can_vouch_for": "people to vouch for"}
    parts = []
    with figure_style(slide=slide):
        fig = _figure(slide, (11, 6.5))
        ax = fig.add_subplot()
        offset = 0
        for k, (label, m) in enumerate(marginals.items()):
            rows = m[m["measure"] == measure]
            if not len(rows):
                raise InputError(f"the growth table of {label} has no '{measure}' measure.")
            step = int(m.attrs.get("step", rows["added"].max()))
            xs = [offset + i for i in range(len(rows))]
            bars = ax.bar(xs, rows["gain"], color=PALETTE[k % len(PALETTE)], label=mpl_text(label))
            ax.bar_label(bars, labels=[f"{v:,.0f}" for v in rows["gain"]], padding=3, fontsize="small")
            for x, (lo, hi) in zip(xs, zip(rows["contacts"] - rows["added"], rows["contacts"], strict=True),
                                   strict=True):
                ax.text(x, 0, f"{lo + 1:,}–{hi:,}", ha="center", va="top", fontsize="x-small",
                        transform=ax.get_xaxis_transform())
            last = rows.iloc[-1]
            parts.append(f"{label}'s newest {int(last['added']):,} contacts added {last['gain']:,.0f}")
            offset += len(rows) + 1
        ax.set_xticks([])
        ax.set_xlabel(f"blocks of {step:,} contacts, in the order they connected (the oldest block may be "
                      "smaller)", labelpad=28)
        ax.set_ylabel(f"{names.get(measure, measure)}\nadded by the block")
        ax.set_ylim(0, ax.get_ylim()[1] * 1.15)
        ax.legend(frameon=False, loc="upper center", ncol=len(marginals))
        _title(ax, "; ".join(parts) + f" {names.get(measure, measure)}", slide)
    return fig


def slide_bytes(fig, fmt="png", *, close=True):
    """A figure as PNG (1920 × 1080 for a slide figure) or SVG bytes, then closed (unless ``close=False``).

    Nothing is written: the caller writes the bytes (the command line through :mod:`netanalysis.safefiles`).

    The output carries no date or software version, so the same data gives the same bytes.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"contacts": [3000, 280], "would_act": [140, 150]}, index=["A", "B"])
    >>> slide_bytes(size_against_strength(t, slide=True))[:4]
    b'\\x89PNG'
    """
    import matplotlib as mpl
    import matplotlib.pyplot as plt

    if fmt not in ("png", "svg"):
        raise InputError(f"unknown figure format '{fmt}'; use png or svg.")
    buffer = io.BytesIO()
    if fig.get_layout_engine() is not None:  # lay out once, then freeze: PNG and SVG share one geometry
        fig.draw_without_rendering()
        fig.set_layout_engine("none")
    metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
    try:
        # the whole canvas (a slide is exactly 1920 × 1080), and stable ids inside the SVG
        with mpl.rc_context({"savefig.bbox": "standard", "svg.hashsalt": "netanalysis"}):
            fig.savefig(buffer, format=fmt, dpi=100, metadata=metadata)
    finally:
        if close:
            plt.close(fig)
    return buffer.getvalue()


def compare_figures(graphs, *, strong=0.5, evidence="all", quality=None, step=1000, slide=True):
    """The set of figures for a size-against-strength comparison, by file name (without extension).

    ``rings-1``, ``rings-2``… (each person's whole network around Dunbar's circles, in the order
    given), ``strength-bands``, ``size-vs-strength``, ``quality-shares``, ``broadcast`` and
    ``growth`` (what each block of ``step`` contacts added).

    Parameters
    ----------
    graphs : dict
        ``{label: G}`` or ``{label: (G, ego)}``.
    strong, evidence
        As in :func:`netanalysis.strength.network_quality`.
    quality : pandas.DataFrame, optional
        The people's measures if already computed (``compare(...).attrs["quality"]``).
    step : int
        Contacts per growth block (default 1,000).
    slide : bool
        1920 × 1080 slides (default) or page-sized figures.

    Returns
    -------
    dict
        ``{name: Figure}``.

    Examples
    --------
    >>> import networkx as nx
    >>> A = nx.Graph(ego="a"); A.add_edges_from([("a", i) for i in range(30)], met="online", strength=0.1)
    >>> B = nx.Graph(ego="b"); B.add_edges_from([("b", i) for i in range(6)], met="in_person", strength=0.8)
    >>> sorted(compare_figures({"Ann": A, "Bea": B}, slide=False))
    ['broadcast', 'growth', 'quality-shares', 'rings-1', 'rings-2', 'size-vs-strength', 'strength-bands']
    """
    people = _people(graphs)
    if quality is None:
        quality = pd.DataFrame([network_quality(G, ego, evidence=evidence, strong=strong) for _l, G, ego in people],
                               index=[label for label, _G, _e in people])
    figures = {}
    for k, (_label, G, ego) in enumerate(people, 1):
        figures[f"rings-{k}"] = ego_rings(G, ego, strong=strong, evidence=evidence, slide=slide)
    figures["strength-bands"] = strength_bands({label: (G, ego) for label, G, ego in people}, strong=strong,
                                               evidence=evidence, slide=slide)
    figures["size-vs-strength"] = size_against_strength(quality, slide=slide)
    figures["quality-shares"] = quality_shares(quality, slide=slide)
    figures["broadcast"] = broadcast_arithmetic(quality, slide=slide)
    figures["growth"] = growth_value({label: marginal_value(G, ego, step=step, evidence=evidence, strong=strong)
                                      for label, G, ego in people}, slide=slide)
    return figures

"""The workshop's figures: every participant side by side, size against strength (slide-ready, 16:9).

Each function takes the table of :func:`netanalysis.workshop.workshop_table` (one row per
participant) and returns a :class:`matplotlib.figure.Figure` of 16 × 9 inches: saved at
:data:`SLIDE_DPI` it is 1920 × 1080 pixels, with type large enough for a room. Nothing is written.
"""

import math
import textwrap

import matplotlib as mpl
from matplotlib.figure import Figure

from ..errors import InputError
from .style import MET_COLORS, PALETTE, figure_style, mpl_text

__all__ = ["SLIDE_DPI", "SLIDE_SIZE", "plot_cohort_audience", "plot_cohort_quality", "plot_cohort_ranking",
           "plot_cohort_size_strength"]

#: Figure size in inches and the resolution that makes it a 1920 × 1080 slide.
SLIDE_SIZE = (16, 9)
SLIDE_DPI = 120

_GREY = "#BBBBBB"
_UP, _DOWN, _SAME = MET_COLORS["in_person"], PALETTE[5], "#888888"


def _check(table, columns):
    missing = [c for c in columns if c not in getattr(table, "columns", ())]
    if missing:
        raise InputError(f"the workshop table has no '{missing[0]}' column; pass what workshop_table() returned.")
    if not len(table):
        raise InputError("the workshop table has no participant.")


#: A participant's name longer than this is cut (with "…") in the figures; the page and the table keep it whole.
LABEL_MAX = 30


def _labels(table):
    return [mpl_text(x if len(str(x)) <= LABEL_MAX else str(x)[:LABEL_MAX - 1].rstrip() + "…") for x in table.index]


def _title(ax, text, width=64):
    ax.set_title(mpl_text(textwrap.fill(text, width)), loc="left", pad=18)


def _place_labels(ax, xs, ys, labels, fontsize):
    """Name each point without two names, or a name and a point, covering each other.

    Each label tries the spot right of its point, then left of it, then the same two spots a line
    higher or lower, further and further. Positions are worked out in points from the axes'
    current size; a label moved away from its point is joined to it by a thin line.
    """
    scale = 72 / ax.figure.dpi
    height = fontsize * 1.3
    points = [tuple(ax.transData.transform((x, y)) * scale) for x, y in zip(xs, ys, strict=True)]
    dot = 9  # half the marker's size, in points
    taken = [(px - dot, py - dot, px + dot, py + dot) for px, py in points]
    frame = ax.get_window_extent()
    left, bottom, right, top = (v * scale for v in (frame.x0, frame.y0, frame.x1, frame.y1))
    order = sorted(range(len(points)), key=lambda i: (-points[i][0], points[i][1]))
    for i in order:
        px, py = points[i]
        width = 0.6 * fontsize * len(str(labels[i]))
        spots = [(dx, k * height) for k in (0, *[j * s for j in range(1, 20) for s in (1, -1)])
                 for dx in (12, -12 - width)]
        for dx, dy in spots:
            box = (px + dx, py + dy - height / 2, px + dx + width, py + dy + height / 2)
            inside = box[0] >= left + 4 and box[2] <= right and box[1] >= bottom and box[3] <= top
            if inside and all(box[2] <= b[0] or box[0] >= b[2] or box[3] <= b[1] or box[1] >= b[3] for b in taken):
                break
        taken.append(box)
        arrow = {"arrowstyle": "-", "color": "#999999", "lw": 1, "shrinkA": 0, "shrinkB": 6} if dy else None
        ax.annotate(labels[i], (xs[i], ys[i]), xytext=(dx, dy), textcoords="offset points", fontsize=fontsize,
                    va="center", ha="left", arrowprops=arrow)


def plot_cohort_size_strength(table):
    """Each participant as a point: contacts across (size), people who would act on a request up (strength).

    The dashed line is the cohort's own rate (all who would act over all contacts): a point under
    it holds fewer people who would act than its size suggests.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`netanalysis.workshop.workshop_table` (columns ``contacts`` and ``would_act``).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"contacts": [3000, 280, 500], "would_act": [40, 120, 60]}, index=["Ann", "Bea", "Cy"])
    >>> fig = plot_cohort_size_strength(t)
    >>> fig.axes[0].get_title(loc="left").replace(chr(10), " ")
    'The biggest network (Ann, 3,000 contacts) is not the strongest: Bea has the most people who would act on a request (120 against 40)'
    >>> [round(v * 120) for v in fig.get_size_inches()]
    [1920, 1080]
    """
    _check(table, ("contacts", "would_act"))
    sizes = table["contacts"].astype(float)
    acts = table["would_act"].astype(float)
    big, strong = sizes.idxmax(), acts.idxmax()
    with figure_style(slide=True):  # the type and palette of compare --figures (viz.slides)
        fig = Figure(figsize=SLIDE_SIZE, layout="constrained")
        ax = fig.add_subplot()
        ax.scatter(sizes, acts, s=220, color=PALETTE[0], zorder=3)
        total = sizes.sum()
        if total:
            rate = acts.sum() / total
            top = sizes.max() * 1.08
            ax.plot([0, top], [0, rate * top], ls="--", color="#777777", lw=2,
                    label=f"the cohort's rate: {rate:.0%} of contacts would act")
            ax.legend(frameon=False, loc="upper left")
        ax.set_xlim(0, sizes.max() * 1.15 or 1)
        ax.set_ylim(0, (acts.max() or 1) * 1.2)
        ax.set_xlabel("contacts (size)")
        ax.set_ylabel("people who would act on a request")
        _place_labels(ax, sizes.tolist(), acts.tolist(), _labels(table), 17 if len(table) <= 12 else 12)
        if big == strong:
            text = (f"The biggest network ({big}, {sizes[big]:,.0f} contacts) also has the most people who would "
                    f"act on a request ({acts[big]:,.0f})")
        else:
            text = (f"The biggest network ({big}, {sizes[big]:,.0f} contacts) is not the strongest: {strong} has "
                    f"the most people who would act on a request ({acts[strong]:,.0f} against {acts[big]:,.0f})")
        _title(ax, text)
    return fig


def plot_cohort_ranking(table):
    """Two rankings side by side: by size (contacts) on the left, by strength on the right.

    A line joins each participant's two places: blue when strength ranks them higher than size,
    orange when lower.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`netanalysis.workshop.workshop_table` (columns ``rank_size``, ``rank_strength``,
        ``contacts``, ``would_act``).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"contacts": [3000, 280], "would_act": [40, 120], "rank_size": [1, 2],
    ...                   "rank_strength": [2, 1]}, index=["Ann", "Bea"])
    >>> plot_cohort_ranking(t).axes[0].get_title(loc="left").replace(chr(10), " ")
    'Ranked by strength, 2 of 2 participants change place: Bea goes from 2nd by size to 1st'
    """
    _check(table, ("rank_size", "rank_strength", "contacts", "would_act"))
    n = len(table)
    moved = table[table["rank_size"] != table["rank_strength"]]
    with figure_style(slide=True):
        fig = Figure(figsize=SLIDE_SIZE, layout="constrained")
        ax = fig.add_subplot()
        font = 17 if n <= 12 else max(8, int(200 / n))
        for label, row in zip(_labels(table), table.itertuples(), strict=True):
            a, b = int(row.rank_size), int(row.rank_strength)
            color = _UP if b < a else _DOWN if b > a else _SAME
            ax.plot([0, 1], [a, b], color=color, lw=3, marker="o", ms=11, zorder=3)
            ax.text(-0.03, a, f"{label}  {row.contacts:,.0f}", ha="right", va="center", fontsize=font)
            ax.text(1.03, b, f"{row.would_act:,.0f}  {label}", ha="left", va="center", fontsize=font)
        ax.set_xlim(-0.9, 1.9)
        ax.set_ylim(n + 0.7, 0.3)
        ax.set_xticks([0, 1], ["by size\n(contacts)", "by strength\n(would act on a request)"])
        ax.set_yticks([])
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="x", length=0)
        if len(moved):
            first = moved.sort_values("rank_strength").iloc[0]
            text = (f"Ranked by strength, {len(moved)} of {n} participants change"
                    f"{'s' if len(moved) == 1 else ''} place: {first.name} goes from "
                    f"{_ordinal(first['rank_size'])} by size to {_ordinal(first['rank_strength'])}")
        else:
            text = f"Ranked by strength, the {n} participants keep the places size gives them"
        _title(ax, text)
    return fig


def _ordinal(k):
    k = int(k)
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


_SHARES = (("met_in_person_share", "met in person", MET_COLORS["in_person"]),
           ("active_share", "still in touch (active)", PALETTE[2]),
           ("strong_share", "strong ties", PALETTE[3]),
           ("would_act_share", "would act on a request", PALETTE[5]))


def plot_cohort_quality(table):
    """What each tie carries, per participant: the shares met in person, active, strong and who would act.

    Participants are listed in the order of the table (by strength). A share that cannot be
    computed (nobody said whom they met: no ``ties.csv``) is left out and marked "not known".

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`netanalysis.workshop.workshop_table`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"met_in_person_share": [0.1, float("nan")], "active_share": [0.2, 0.6],
    ...                   "strong_share": [0.05, 0.4], "would_act_share": [0.01, 0.3]}, index=["Ann", "Bea"])
    >>> plot_cohort_quality(t).axes[0].get_title(loc="left").replace(chr(10), " ")
    'Share of each network that is met in person, still in touch, strong, and would act on a request'
    """
    _check(table, [c for c, _l, _c in _SHARES])
    labels = _labels(table)
    n = len(table)
    with figure_style(slide=True):
        fig = Figure(figsize=SLIDE_SIZE, layout="constrained")
        ax = fig.add_subplot()
        height = 0.8 / len(_SHARES)
        for k, (column, label, color) in enumerate(_SHARES):
            values = table[column].astype(float).tolist()
            ys = [i + (k - (len(_SHARES) - 1) / 2) * height for i in range(n)]
            shown = [0.0 if math.isnan(v) else v for v in values]
            bars = ax.barh(ys, shown, height=height * 0.92, color=color, label=label)
            texts = ["not known" if math.isnan(v) else f"{v:.0%}" for v in values]
            ax.bar_label(bars, labels=texts, padding=4, fontsize=13 if n <= 10 else 10)
        ax.set_yticks(range(n), labels)
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(0, 1.12)
        ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
        fig.legend(*ax.get_legend_handles_labels(), frameon=False, loc="outside lower center", ncols=2)
        _title(ax, "Share of each network that is met in person, still in touch, strong, and would act on a request")
    return fig


def plot_cohort_audience(table):
    """The audience arithmetic: contacts, the people a post reaches who care, those a personal message reaches.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`netanalysis.workshop.workshop_table` (``contacts``, ``broadcast_reach``,
        ``targeted_reach``).

    Returns
    -------
    matplotlib.figure.Figure
        Horizontal bars per participant; the title gives the cohort's wasted share of a post.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"contacts": [1000, 200], "broadcast_reach": [100, 40], "targeted_reach": [60, 90]},
    ...                  index=["Ann", "Bea"])
    >>> plot_cohort_audience(t).axes[0].get_title(loc="left").replace(chr(10), " ")
    'Across the cohort a post reaches 12 people who would care for every 100 contacts (88% of it wasted); personal messages to the people one can vouch for reach 150.'
    """
    _check(table, ("contacts", "broadcast_reach", "targeted_reach"))
    labels = _labels(table)
    n = len(table)
    series = (("contacts", "contacts (who a post could reach)", _GREY),
              ("broadcast_reach", "a post reaches, who would care", PALETTE[1]),
              ("targeted_reach", "a personal message reaches, who would answer", MET_COLORS["in_person"]))
    with figure_style(slide=True):
        fig = Figure(figsize=SLIDE_SIZE, layout="constrained")
        ax = fig.add_subplot()
        height = 0.8 / len(series)
        for k, (column, label, color) in enumerate(series):
            values = table[column].astype(float).tolist()
            ys = [i + (k - 1) * height for i in range(n)]
            bars = ax.barh(ys, values, height=height * 0.92, color=color, label=label)
            ax.bar_label(bars, labels=[f"{v:,.0f}" for v in values], padding=4, fontsize=13 if n <= 10 else 10)
        ax.set_yticks(range(n), labels)
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(0, table["contacts"].astype(float).max() * 1.12 or 1)
        ax.set_xlabel("people")
        ax.legend(frameon=False, loc="lower right")
        contacts = table["contacts"].astype(float).sum()
        broadcast = table["broadcast_reach"].astype(float).sum()
        reach = broadcast / contacts if contacts else 0.0
        _title(ax, f"Across the cohort a post reaches {100 * reach:.0f} people who would care for every 100 contacts "
                   f"({1 - reach:.0%} of it wasted); personal messages to the people one can vouch for reach "
                   f"{table['targeted_reach'].astype(float).sum():,.0f}.")
    return fig

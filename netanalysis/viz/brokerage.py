"""Figures for brokerage: where people sit between circles, and the introductions worth making."""

import math

import matplotlib.pyplot as plt
import numpy as np

from ..errors import InputError
from .style import PALETTE, figure_style, mpl_text

__all__ = ["plot_introductions", "plot_structural_holes"]


def _shorten(text, width=28):
    text = str(text)
    return mpl_text(text if len(text) <= width else text[: width - 1] + "…")


def plot_structural_holes(holes, *, ego=None, label_top=6, ax=None):
    """Constraint against effective size, one dot per person, the owner highlighted.

    Bottom-right are brokers (many non-redundant contacts, little constraint); top-left are people
    inside one closed circle. The names are placed once the axes have their final size, each where
    its box (measured by the renderer) covers no other name and no highlighted marker, with a line
    back to its dot when it had to move away; the labelled dots get a dark rim. The legend sits in a
    row under the plot (on a figure this function made), so it never covers a dot. People whose
    measures are withheld are counted under the x axis; when nobody can be placed, the figure is
    one sentence saying why, not empty axes.

    Parameters
    ----------
    holes : pandas.DataFrame
        The result of :func:`netanalysis.structural_holes`.
    ego : node, optional
        Whom to label "you" (default: the table's owner, ``holes.attrs["owner"]``, else the one row
        whose ``ego`` column is True). In merged exports the other exporters are drawn apart
        (diamonds, counted in the legend), never "you".
    label_top : int
        Name the people with the largest effective size (besides the ego).
    ax : matplotlib.axes.Axes, optional
        Draw there instead of on a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import networkx as nx
    >>> from netanalysis import structural_holes
    >>> G = nx.Graph([("me", "a"), ("me", "b"), ("me", "c"), ("a", "b")])
    >>> fig = plot_structural_holes(structural_holes(G, weight=None), ego="me")
    >>> fig.axes[0].get_xlabel()
    'effective size (non-redundant contacts)'
    """
    needed = {"key", "name", "constraint", "effective_size", "degree"}
    if not needed <= set(holes.columns):
        raise InputError("plot_structural_holes needs the table from structural_holes().")
    data = holes.dropna(subset=["constraint", "effective_size"])
    with figure_style():
        own = ax is None
        if own:
            fig, ax = plt.subplots(figsize=(9, 6))
        else:
            fig = ax.figure
        ego = holes.attrs.get("owner") if ego is None else ego
        flagged = (data["ego"].astype(bool).to_numpy() if "ego" in data.columns
                   else np.zeros(len(data), dtype=bool))
        if ego is not None:
            is_ego = (data["key"] == ego).to_numpy()
        else:  # only one exporter can be "you"; several and none of them is
            is_ego = flagged if flagged.sum() == 1 else np.zeros(len(data), dtype=bool)
        exporters = flagged & ~is_ego
        sizes = 20 + 80 * np.sqrt(data["degree"].to_numpy() / max(1, data["degree"].max()))
        others = data[~is_ego & ~exporters]
        # White rims separate a few hundred dots; past that they only triple the drawing time.
        rim = 0.5 if len(others) <= 2000 else 0
        ax.scatter(others["effective_size"], others["constraint"], s=sizes[~is_ego & ~exporters], color=PALETTE[4],
                   alpha=0.6, edgecolor="white", linewidth=rim, label="contacts")
        if exporters.any():
            them = data[exporters]
            # Not named: exporters see their whole list, so they sit together at the bottom right.
            ax.scatter(them["effective_size"], them["constraint"], s=90, color=PALETTE[1], marker="D",
                       edgecolor="black", linewidth=0.6, label=f"owners of the {'other ' if is_ego.any() else ''}merged exports ({len(them)})",
                       zorder=3)
        if is_ego.any():
            me = data[is_ego]
            ax.scatter(me["effective_size"], me["constraint"], s=220, color=PALETTE[5], marker="*",
                       edgecolor="black", linewidth=0.8, label="you", zorder=3)
        if len(data) and data["effective_size"].max() > 30:
            ax.set_xscale("symlog")
        ax.set_xlabel("effective size (non-redundant contacts)")
        ax.set_ylabel("constraint (lower = more brokerage)")
        ax.set_title("Who spans structural holes")
        withheld = len(holes) - len(data)
        if not len(data):  # nobody's neighbourhood is observed: a sentence, not empty axes
            ax.set_axis_off()
            if own:
                fig.set_size_inches(9, 1.6)
            ax.text(0.5, 0.5, f"Nobody can be placed: for all {len(holes):,} people the ties between their "
                    "contacts\nare not observed well enough. Merge more of your contacts' exports, or add "
                    "a knows.csv.", transform=ax.transAxes, ha="center", va="center", fontsize=11, color="#555555")
            fig.tight_layout()
            return fig
        if withheld:  # people whose neighbourhood is not observed: no dot rather than a made-up one
            ax.set_xlabel(f"effective size (non-redundant contacts)\n{withheld:,} of {len(holes):,} people not "
                          "shown: the ties between their contacts are not observed", fontsize=11)
        if own:  # under the plot, in a row of its own: a legend never covers a dot
            legend = ax.legend(loc="lower center", bbox_to_anchor=(0.5, 0.0), bbox_transform=fig.transFigure,
                               ncol=3, frameon=False, borderaxespad=0.3)
            legend.set_in_layout(False)
            fig.tight_layout(rect=(0, 0.07, 1, 1))
        else:  # the caller's figure: its layout is theirs
            ax.legend(loc="best", frameon=False)
        # Labelled dots get a dark rim, so that a name placed further out still finds its dot.
        # Names last, once the axes have their final size: each placed where it covers no other.
        labels = [(f"you ({row.effective_size:.1f}, {row.constraint:.2f})", row.effective_size, row.constraint, True)
                  for row in data[is_ego].itertuples()]
        labels += [(_shorten(row.name, 20), row.effective_size, row.constraint, False)
                   for row in others.nlargest(int(label_top), "effective_size").itertuples()]
        named = others.nlargest(int(label_top), "effective_size")
        ax.scatter(named["effective_size"], named["constraint"], s=sizes[named.index.map(data.index.get_loc)],
                   facecolor="none", edgecolor="#333333", linewidth=0.9, zorder=2.5)
        avoid = data[is_ego | exporters][["effective_size", "constraint"]].to_numpy(dtype=float)
        _place_labels(ax, labels, avoid=avoid)
    return fig


#: Where a name may go around its dot, in order of preference: (x, y) direction, then alignment.
_SIDES = [((1, -1), "left", "top"), ((1, 1), "left", "bottom"), ((-1, -1), "right", "top"),
          ((-1, 1), "right", "bottom"), ((1, 0), "left", "center"), ((-1, 0), "right", "center"),
          ((0, -1), "center", "top"), ((0, 1), "center", "bottom")]
#: How far from its dot a name may go, in points; from the second distance on, a line joins them.
_REACH = (4, 9, 15, 22, 30, 40, 52, 66, 82, 100)


def _crosses(point, box, other, steps=16):
    """Whether the line from ``point`` to the nearest point of ``box`` passes through ``other``."""
    end = np.array([min(max(point[0], box.x0), box.x1), min(max(point[1], box.y0), box.y1)])
    t = np.linspace(0.0, 1.0, steps)[:, None]
    line = np.asarray(point) * (1 - t) + end * t
    return bool(((line[:, 0] > other.x0) & (line[:, 0] < other.x1) & (line[:, 1] > other.y0)
                 & (line[:, 1] < other.y1)).any())


def _boxes_overlap(a, b, gap):
    return a.x0 - gap < b.x1 and b.x0 - gap < a.x1 and a.y0 - gap < b.y1 and b.y0 - gap < a.y1


def _place_labels(ax, labels, *, avoid=(), gap=2.0, fontsize=10, marker=9.0):
    """Write each label next to its point where its box covers no label placed before it.

    Each label in turn tries the places around its point, nearest first (right and below, right
    and above, left and below…, then further out with a line back to the point), measured with
    the figure's renderer; it takes the first place inside the axes whose box meets no earlier
    label's box and no point of ``avoid``. A label with no such place takes the free-most one.
    Call it when the axes have their final size and scales (after ``tight_layout``).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    labels : list of (str, float, float, bool)
        Text, the point's x and y (data coordinates), and whether the label is emphasised (larger,
        placed above-left first).
    avoid : array-like of (x, y), optional
        Points (data coordinates) no label may cover, e.g. highlighted markers.
    marker : float
        Radius of those markers, in points.
    gap : float
        Room left between two labels, in pixels.
    fontsize : float
        Size of an ordinary label, in points.

    Returns
    -------
    list of matplotlib.text.Annotation
        The labels, in the order given.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.scatter([1, 1.01, 1.02], [1, 1, 1])
    >>> texts = _place_labels(ax, [("Ana", 1, 1, False), ("Bo", 1.01, 1, False), ("Cy", 1.02, 1, False)])
    >>> fig.canvas.draw()
    >>> boxes = [t.get_window_extent() for t in texts]
    >>> any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    False
    >>> plt.close(fig)
    """
    from matplotlib.transforms import Bbox

    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    to_pixels = ax.transData.transform
    blocked = [to_pixels(np.asarray(avoid, dtype=float).reshape(-1, 2))] if len(avoid) else []
    blocked = np.concatenate(blocked) if blocked else np.zeros((0, 2))
    scale = fig.dpi / 72.0
    room = marker * scale  # a marker's radius, in pixels
    placed, texts = [], []
    for text, x, y, strong in labels:
        point = to_pixels((x, y))
        here = blocked[np.hypot(*(blocked - point).T) > 1.0] if len(blocked) else blocked  # not its own dot
        sides = [((-1, 1), "right", "bottom"), *_SIDES] if strong else _SIDES
        best, best_cost = None, None
        for reach in ((30, 40, 56, 76) if strong else _REACH):
            for (dx, dy), ha, va in sides:
                offset = (dx * reach, dy * reach)
                ann = ax.annotate(text, (x, y), xytext=offset, textcoords="offset points", ha=ha, va=va,
                                  fontsize=fontsize + (1 if strong else 0),
                                  color="#000000" if strong else "#333333")
                box = ann.get_window_extent(renderer)
                ann.remove()
                grown = Bbox.from_extents(box.x0 - room, box.y0 - room, box.x1 + room, box.y1 + room)
                cost = sum(_boxes_overlap(box, other, gap) for other in placed)
                cost += sum(grown.contains(px, py) for px, py in here)
                if reach > _REACH[1] or strong:  # its line back to the dot should cross no other name
                    cost += 0.25 * sum(_crosses(point, box, other) for other in placed)
                cost += 0 if (frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0
                              and box.y1 <= frame.y1) else 0.5
                if best_cost is None or cost < best_cost:
                    best, best_cost = (offset, ha, va, reach, box), cost
                if cost == 0:
                    break
            if best_cost == 0:
                break
        offset, ha, va, reach, box = best
        line = {"arrowstyle": "-", "color": "#333333", "linewidth": 0.8, "shrinkA": 0,
                "shrinkB": 3 * scale} if reach > _REACH[1] or strong else None
        texts.append(ax.annotate(text, (x, y), xytext=offset, textcoords="offset points", ha=ha, va=va,
                                 fontsize=fontsize + (1 if strong else 0), color="#000000" if strong else "#333333",
                                 arrowprops=line, annotation_clip=False))
        placed.append(box)
    return texts


def plot_introductions(intro, *, top=10, ax=None):
    """The best introductions as horizontal bars, coloured by whether the pair spans two circles.

    Parameters
    ----------
    intro : pandas.DataFrame
        The result of :func:`netanalysis.introductions`.
    top : int
        How many pairs to show.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> intro = pd.DataFrame({"a_name": ["Ana"], "b_name": ["Bo"], "score": [0.9],
    ...                       "different_circles": [True], "may_already_know": [False]})
    >>> fig = plot_introductions(intro)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['Ana ↔ Bo']
    """
    needed = {"a_name", "b_name", "score", "different_circles"}
    if not needed <= set(intro.columns):
        raise InputError("plot_introductions needs the table from introductions().")
    rows = intro.head(int(top)).iloc[::-1]
    with figure_style():
        if ax is None:
            fig, ax = plt.subplots(figsize=(8, 0.5 * max(len(rows), 2) + 1.5))
        else:
            fig = ax.figure
        colors = [PALETTE[2] if d else PALETTE[0] for d in rows["different_circles"].astype(bool)]
        labels = [f"{_shorten(a, 22)} ↔ {_shorten(b, 22)}" for a, b in zip(rows["a_name"], rows["b_name"], strict=True)]
        bars = ax.barh(range(len(rows)), rows["score"], color=colors)
        if "may_already_know" in rows.columns:
            for bar, flag in zip(bars, rows["may_already_know"].astype(bool), strict=True):
                if flag:
                    bar.set_hatch("//")
        ax.set_yticks(range(len(rows)), labels)
        ax.set_xlabel("introduction score (higher = better)")
        ax.set_title("Introductions you could make")
        from matplotlib.patches import Patch

        # Only the entries the bars use, outside the plotting area so that no bar is ever covered.
        spans = rows["different_circles"].astype(bool)
        handles = [Patch(color=PALETTE[2], label="different circles")] if spans.any() else []
        if not spans.all():
            handles.append(Patch(color=PALETTE[0], label="same circle"))
        if "may_already_know" in rows.columns and rows["may_already_know"].astype(bool).any():
            handles.append(Patch(facecolor="white", edgecolor="black", hatch="//", label="may already know (inferred)"))
        if handles:
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, borderaxespad=0)
        if len(rows) and math.isfinite(rows["score"].max()):
            ax.set_xlim(0, rows["score"].max() * 1.1 or 1)
        fig.tight_layout()
    return fig

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
    inside one closed circle.

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
        if ax is None:
            fig, ax = plt.subplots(figsize=(8, 5.5))
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
            for row in me.itertuples():
                ax.annotate(f"you ({row.effective_size:.1f}, {row.constraint:.2f})",
                            (row.effective_size, row.constraint), xytext=(-30, 40), textcoords="offset points",
                            ha="right", arrowprops={"arrowstyle": "-", "color": "#333333", "linewidth": 0.8})
        for row in others.nlargest(int(label_top), "effective_size").itertuples():
            ax.annotate(_shorten(row.name, 20), (row.effective_size, row.constraint), xytext=(5, -12),
                        textcoords="offset points", fontsize=10, color="#333333")
        if len(data) and data["effective_size"].max() > 30:
            ax.set_xscale("symlog")
        ax.set_xlabel("effective size (non-redundant contacts)")
        ax.set_ylabel("constraint (lower = more brokerage)")
        ax.set_title("Who spans structural holes")
        if len(data):
            ax.legend(loc="upper right", frameon=False)
        withheld = len(holes) - len(data)
        if withheld:  # people whose neighbourhood is not observed: no dot rather than a made-up one
            ax.text(0.5, 0.02 if len(data) else 0.5,
                    f"{withheld:,} of {len(holes):,} people not shown: the ties between their contacts "
                    "are not observed", transform=ax.transAxes, ha="center", fontsize=10, color="#555555")
        fig.tight_layout()
    return fig


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

"""Brokerage figures (netanalysis.viz.brokerage): structural holes and introductions."""

import pandas as pd
import pytest
from shapes import COMMUNITIES, intro_graph

from netanalysis import brokerage as br
from netanalysis.errors import InputError


def test_figures_return_figures():
    from matplotlib.figure import Figure

    from netanalysis.viz.brokerage import plot_introductions, plot_structural_holes

    G = intro_graph()
    fig = plot_structural_holes(br.structural_holes(G))
    assert isinstance(fig, Figure)
    assert any("you" in t.get_text() for t in fig.axes[0].texts)
    fig = plot_introductions(br.introductions(G, communities=COMMUNITIES), top=5)
    assert isinstance(fig, Figure) and len(fig.axes[0].patches) == 5
    with pytest.raises(InputError):
        plot_structural_holes(pd.DataFrame({"x": [1]}))


def test_only_the_owner_is_you_in_merged_exports():
    import networkx as nx

    from netanalysis.viz.brokerage import plot_structural_holes

    # Two exporters (ego=True on both, as in merged exports); the owner is G.graph["ego"].
    G = nx.Graph(ego="me")
    G.add_node("me", name="Me", ego=True)
    G.add_node("x", name="Xavier Exporter", ego=True)
    G.add_edges_from([("me", "a"), ("me", "b"), ("me", "x"), ("x", "c"), ("x", "d"), ("a", "b")])
    holes = br.structural_holes(G, weight=None, withhold=False)
    assert holes.attrs["owner"] == "me" and holes["ego"].sum() == 2
    for fig in (plot_structural_holes(holes), plot_structural_holes(holes, ego="me")):
        texts = [t.get_text() for t in fig.axes[0].texts]
        assert sum(t.startswith("you") for t in texts) == 1
        legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
        assert legend == ["contacts", "owners of the other merged exports (1)", "you"]
    # Without an owner, the rows flagged ego are both exporters and neither is "you".
    holes.attrs.pop("owner")
    fig = plot_structural_holes(holes)
    assert not any(t.get_text().startswith("you") for t in fig.axes[0].texts)
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == [
        "contacts", "owners of the merged exports (2)"]


@pytest.mark.parametrize("spans, expected", [
    ([True, True, True], ["different circles"]),
    ([False, False, False], ["same circle"]),
    ([True, False, True, False, True, True, True, True, True, True], ["different circles", "same circle"]),
])
def test_introductions_legend_lists_used_entries_and_covers_no_bar(spans, expected):
    from netanalysis.viz.brokerage import plot_introductions

    n = len(spans)
    # The longest bar last (at the bottom, where a "lower right" legend sat on it).
    intro = pd.DataFrame({"a_name": [f"A{i}" for i in range(n)], "b_name": [f"B{i}" for i in range(n)],
                          "score": [1.0 + i for i in range(n)][::-1], "different_circles": spans,
                          "may_already_know": [False] * n})
    fig = plot_introductions(intro)
    ax = fig.axes[0]
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == expected
    fig.canvas.draw()
    box = legend.get_window_extent()
    assert all(not box.overlaps(bar.get_window_extent()) for bar in ax.patches)
    assert box.x0 >= ax.get_window_extent().x1  # beside the plot, not on it

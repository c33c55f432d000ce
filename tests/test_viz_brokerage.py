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


def _label_boxes(fig):
    """Every label's text box as drawn (the renderer's measure, in pixels; its line to the dot left
    out), and the legend's."""
    from matplotlib.text import Text

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    return [Text.get_window_extent(t, renderer) for t in ax.texts], ax.get_legend().get_window_extent()


def _overlapping(boxes):
    return [(i, j) for i, a in enumerate(boxes) for j, b in enumerate(boxes) if i < j and a.overlaps(b)]


def test_structural_holes_labels_never_overlap_on_the_sample_cohort():
    import netanalysis as na
    from netanalysis.viz.brokerage import plot_structural_holes

    # The arithmetic on the merged cohort (the coverage rule withholds everyone): the people
    # with the largest effective size sit close together, at the foot of the cloud.
    files = na.sample_files("cohort")
    G = na.build_graph([na.read_export(p) for p in files["exports"]], ties=na.read_ties(files["ties"]),
                       knows=na.read_knows(files["knows"]), infer=("same_company",))
    holes = na.structural_holes(G, evidence="declared", betweenness=False, withhold=False)
    for top in (5, 8, 12):
        fig = plot_structural_holes(holes, label_top=top)
        boxes, legend = _label_boxes(fig)
        texts = [t.get_text() for t in fig.axes[0].texts]
        assert len(texts) == top + 1 and sum(t.startswith("you (") for t in texts) == 1
        assert _overlapping(boxes) == []
        assert not any(box.overlaps(legend) for box in boxes)
        figure = fig.bbox
        assert all(figure.x0 <= b.x0 and b.x1 <= figure.x1 and figure.y0 <= b.y0 and b.y1 <= figure.y1 for b in boxes)


def test_structural_holes_labels_of_a_pile_of_dots_never_overlap():
    from netanalysis.viz.brokerage import plot_structural_holes

    # Twelve people on almost the same spot, with long names: every label finds its own place.
    n = 12
    holes = pd.DataFrame({"key": [f"k{i}" for i in range(n)], "name": [f"Person with a long name {i}" for i in range(n)],
                          "ego": [i == 0 for i in range(n)], "degree": [10] * n,
                          "constraint": [0.30 + 0.001 * i for i in range(n)],
                          "effective_size": [5.0 + 0.01 * i for i in range(n)]})
    holes.attrs["owner"] = "k0"
    fig = plot_structural_holes(holes, label_top=8)
    boxes, legend = _label_boxes(fig)
    assert len(boxes) == 9 and _overlapping(boxes) == []
    assert not any(box.overlaps(legend) for box in boxes)


def test_structural_holes_with_nobody_placed_says_so_without_empty_axes():
    from netanalysis.viz.brokerage import plot_structural_holes

    holes = pd.DataFrame({"key": ["a", "b"], "name": ["A", "B"], "ego": [True, False], "degree": [1, 1],
                          "constraint": [float("nan")] * 2, "effective_size": [float("nan")] * 2})
    ax = plot_structural_holes(holes).axes[0]
    assert not ax.axison
    assert [t.get_text() for t in ax.texts] == [
        "Nobody can be placed: for all 2 people the ties between their contacts\n"
        "are not observed well enough. Merge more of your contacts' exports, or add a knows.csv."]

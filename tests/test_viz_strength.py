"""Tests for netanalysis.viz.strength: each figure is returned, titled from the data, never saved."""

import datetime as dt

import networkx as nx
import pandas as pd
import pytest
from matplotlib.figure import Figure

from netanalysis.errors import InputError
from netanalysis.strength import audience, compare, quality_timeline
from netanalysis.viz.strength import broadcast_vs_targeted, ego_rings, plot_quality_timeline, size_vs_strength
from netanalysis.viz.style import MET_COLORS


def network(n_online, n_person, *, ego="me", name="Me"):
    G = nx.Graph(ego=ego)
    G.add_node(ego, name=name)
    for i in range(n_online):
        G.add_node(f"{ego}o{i:04d}", position="Nurse" if i % 10 else "Data engineer", company="Acme")
        G.add_edge(ego, f"{ego}o{i:04d}", met="online", strength=0.15, connected_on=dt.date(2015 + i % 8, 1, 1))
    for i in range(n_person):
        G.add_node(f"{ego}p{i:04d}", position="Data analyst", company="Beta")
        G.add_edge(ego, f"{ego}p{i:04d}", met="in_person", strength=0.75, connected_on=dt.date(2012 + i % 5, 1, 1))
    return G


def test_ego_rings_title_and_colours(tmp_path):
    G = network(300, 40)
    fig = ego_rings(G)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    # the 150 closest always fill: the title sets them against the 190 beyond, who are drawn too
    assert ax.get_title() == "40 of the 150 closest contacts are strong ties; 0 of the 190 beyond them"
    caption = fig._supxlabel.get_text().replace("\n", " ")
    assert caption.startswith("15 of the 15 innermost (15 circle) met in person")
    assert ("340 contacts in all, every one drawn; beyond the 150 circle: 190 more, 100% of them weak ties, "
            "0 met in person") in caption
    assert sum(len(c.get_offsets()) for c in ax.collections) == 340 + 1  # every contact, and the owner
    colours = {tuple(c) for coll in ax.collections for c in coll.get_facecolors()}
    from matplotlib.colors import to_rgba

    assert to_rgba(MET_COLORS["in_person"]) in colours
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_ego_rings_small_network_and_bad_ego():
    G = network(3, 1)
    assert ego_rings(G).axes[0].get_title() == "1 of the 4 contacts are strong ties"
    fig = ego_rings(G, slide=True)
    assert tuple(fig.get_size_inches()) == (19.2, 10.8)
    with pytest.raises(InputError):
        ego_rings(G, "nobody")


def test_size_vs_strength_from_compare():
    table = compare({"Ann": network(600, 20, ego="a"), "Bea": network(20, 60, ego="b")})
    fig = size_vs_strength(table)
    assert fig.axes[0].get_title().replace("\n", " ") == (
        "Ann has 7.8× more contacts than Bea, but Bea has 3× more strong ties")
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["Ann", "Bea"]
    with pytest.raises(InputError):
        size_vs_strength(table[["group", "indicator", "meaning"]])


def test_size_vs_strength_same_winner():
    table = compare({"Ann": network(100, 80, ego="a"), "Bea": network(20, 10, ego="b")})
    assert size_vs_strength(table).axes[0].get_title() == "Ann has the biggest network and the most strong ties"


def test_plot_quality_timeline():
    t = quality_timeline(network(80, 10))
    fig = plot_quality_timeline(t)
    title = fig.axes[0].get_title().replace("\n", " ")
    # 2015..2022 get 10 online ties each; 2012..2016 get 2 in-person each: 2015 and 2016 have 12.
    assert title.startswith("2015 added the most ties (12); 17% of them met in person")
    assert title.endswith("against 11% over all years")
    empty = pd.DataFrame({"year": pd.array([None], dtype="Int64"), "new_ties": [1], "in_person": [0],
                          "online": [1], "unknown": [0], "in_person_share": [0.0], "mean_strength": [0.1],
                          "cumulative_size": [1]})
    with pytest.raises(InputError):
        plot_quality_timeline(empty)


def test_broadcast_vs_targeted():
    result = audience(network(90, 10), keywords="data")
    fig = broadcast_vs_targeted(result)
    # 9 online data engineers + 10 in-person data analysts of 100 contacts
    assert fig.axes[0].get_title() == "A post reaches 100 contacts; 81% of them are not concerned"
    assert "19 concerned" in fig._supxlabel.get_text()
    with pytest.raises(InputError):
        broadcast_vs_targeted(result.summary)


def test_timeline_reads_whole_years_and_its_legend_covers_no_bar():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = plot_quality_timeline(quality_timeline(network(80, 10)))
    ax = fig.axes[0]
    FigureCanvasAgg(fig).draw()
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert ticks and all(t.isdigit() and len(t) == 4 for t in ticks)  # 2012, never 2012.5 or 2010.0
    renderer = fig.canvas.get_renderer()
    legend = fig.legends[0].get_window_extent(renderer)
    plot = ax.get_window_extent(renderer)
    assert legend.y1 <= plot.y0  # below the plot area, so never over a bar or the line


def test_ego_rings_swatches_are_drawn_as_the_dots():
    from matplotlib.colors import to_rgba

    fig = ego_rings(network(300, 40))
    handles = {h.get_label(): h for h in fig.axes[0].get_legend().legend_handles}
    strong = next(h for label, h in handles.items() if label.startswith("strong"))
    weak = next(h for label, h in handles.items() if label.startswith("weak"))
    # Strong dots are filled with their met colour, weak dots hollow with it: so are the swatches.
    assert to_rgba(strong.get_markerfacecolor()) == to_rgba(MET_COLORS["in_person"])
    assert to_rgba(weak.get_markerfacecolor()) == to_rgba("white")
    assert to_rgba(weak.get_markeredgecolor()) == to_rgba(MET_COLORS["in_person"])

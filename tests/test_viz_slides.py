"""Figures for size against strength (viz.slides): titles computed from the data, slides of 1920 x 1080, nothing written."""

import datetime as dt
import struct

import networkx as nx
import pandas as pd
import pytest
from matplotlib.figure import Figure

from netanalysis.errors import InputError
from netanalysis.strength import marginal_value, network_quality
from netanalysis.viz.slides import (
    broadcast_arithmetic,
    compare_figures,
    growth_value,
    quality_shares,
    size_against_strength,
    slide_bytes,
    strength_bands,
)
from netanalysis.viz.style import MET_COLORS, PALETTE


def network(n_online, n_person, *, ego):
    """n_online weak online ties (2015-2022), n_person strong in-person ties in touch last month."""
    G = nx.Graph(ego=ego, as_of="2024-06-01")
    for i in range(n_online):
        G.add_edge(ego, f"{ego}o{i:04d}", met="online", strength=0.15, connected_on=dt.date(2015 + i % 8, 1, 1))
    for i in range(n_person):
        G.add_edge(ego, f"{ego}p{i:04d}", met="in_person", strength=0.75, connected_on=dt.date(2012, 1, 1),
                   last_contact=dt.date(2024, 5, 1))
    return G


@pytest.fixture(scope="module")
def pair():
    graphs = {"Ann": network(600, 20, ego="a"), "Bea": network(20, 60, ego="b")}
    quality = pd.DataFrame([network_quality(G) for G in graphs.values()], index=list(graphs))
    return graphs, quality


def _png_size(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_strength_bands_counts_and_one_scale(pair):
    graphs, _ = pair
    fig = strength_bands(graphs)
    assert fig.get_suptitle() == "Strong ties (≥ 0.5): Ann 20, Bea 60; weak: Ann 600, Bea 20"
    left, right = fig.axes
    assert left.get_ylim() == right.get_ylim()  # one scale: the sizes compare at a glance
    heights = [round(p.get_height()) for p in left.patches if p.get_height()]
    assert sorted(heights) == [20, 600]  # the 0.1-0.2 band (online) and the 0.7-0.8 band (in person)


def test_size_against_strength_title_is_the_verdict(pair):
    _, quality = pair
    fig = size_against_strength(quality)
    title = fig.axes[0].get_title().replace("\n", " ")
    assert title.startswith("Ann has 7.8× the contacts of Bea but fewer people who would act on a request (20 against 60)")
    with pytest.raises(InputError):
        size_against_strength(pd.DataFrame({"x": [1]}))


def test_quality_shares_and_broadcast_titles(pair):
    _, quality = pair
    assert quality_shares(quality).axes[0].get_title() == "Per contact, who would act on a request: Ann 3%, Bea 75%"
    bars = quality_shares(quality).axes[0].patches
    assert {tuple(b.get_facecolor()[:3]) for b in bars} == {_rgb(PALETTE[0]), _rgb(PALETTE[1])}
    # Ann: 20 + 75 (connected 2022: none within the year) active... by hand: 20 active of 620, half concerned
    fig = broadcast_arithmetic(quality)
    wasted = 1 - 20 * 0.5 / 620
    assert fig.get_suptitle().startswith(f"Share of a post that reaches nobody who cares: Ann's {wasted:.0%}")


def _rgb(hex_colour):
    from matplotlib.colors import to_rgb

    return tuple(to_rgb(hex_colour))


def test_growth_value_counts_blocks_as_they_are():
    G = network(600, 20, ego="a")
    fig = growth_value({"Ann": marginal_value(G, step=250)})
    heights = [p.get_height() for p in fig.axes[0].patches]
    # 620 contacts: blocks of 120 (oldest: the 20 in-person ties of 2012 and 100 online), 250, 250
    assert heights == [20.0, 0.0, 0.0]
    assert fig.axes[0].get_title() == "Ann's newest 250 contacts added 0 people who would act on a request"
    with pytest.raises(InputError):
        growth_value({})


def test_slides_are_1920_by_1080_and_deterministic(pair, tmp_path):
    graphs, quality = pair
    figures = compare_figures(graphs, quality=quality, step=250)
    assert sorted(figures) == ["broadcast", "growth", "quality-shares", "rings-1", "rings-2", "size-vs-strength",
                               "strength-bands"]
    for fig in figures.values():
        assert isinstance(fig, Figure) and tuple(fig.get_size_inches()) == (19.2, 10.8)
    png = slide_bytes(figures["rings-1"], "png", close=False)
    assert _png_size(png) == (1920, 1080)
    svg = slide_bytes(figures["rings-1"], "svg")
    assert svg.startswith(b"<?xml") and b"<dc:date>" not in svg
    again = compare_figures(graphs, quality=quality, step=250)["rings-1"]
    assert slide_bytes(again, "svg") == svg  # same data, same bytes
    assert list(tmp_path.iterdir()) == []  # nothing written
    # the rings use the palette's met colours
    colours = {tuple(c[:3]) for coll in figures["rings-2"].axes[0].collections for c in coll.get_facecolors()}
    assert _rgb(MET_COLORS["in_person"]) in colours
    with pytest.raises(InputError, match="png or svg"):
        slide_bytes(figures["growth"], "gif")

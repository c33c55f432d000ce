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

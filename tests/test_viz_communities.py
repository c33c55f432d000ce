"""The static network figure (netanalysis.viz.communities.plot_network)."""

from matplotlib.figure import Figure
from shapes import map_world as world

import netanalysis as na


def test_plot_network_returns_a_figure():
    G = world()
    fig = na.plot_network(G)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_title() == "Circles among 9 people"
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "inferred tie (not observed)" in texts and "met in person" in texts

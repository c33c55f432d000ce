"""One look for every figure: a colour-blind-safe palette and fonts readable when projected."""

from contextlib import contextmanager

import matplotlib as mpl

__all__ = ["MET_COLORS", "MET_LABELS", "PALETTE", "SLIDE_INCHES", "figure_style", "mpl_text"]

# Okabe & Ito (2008) colour-blind-safe palette.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
MET_COLORS = {"in_person": "#0072B2", "online": "#E69F00", "unknown": "#9E9E9E"}
MET_LABELS = {"in_person": "met in person", "online": "online only", "unknown": "unknown"}
#: A slide: 1920 × 1080 pixels at 100 dpi.
SLIDE_INCHES = (19.2, 10.8)


@contextmanager
def figure_style(*, slide=False):
    """Large fonts and a clean frame, for figures shown to a room (``slide=True``: type for a 1920 × 1080 slide).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> with figure_style():
    ...     fig, ax = plt.subplots()
    >>> ax.title.get_fontsize()
    15.0
    >>> plt.close(fig)
    """
    k = 1.75 if slide else 1.0
    with mpl.rc_context({
        "font.size": 13 * k, "axes.titlesize": 15 * k, "axes.labelsize": 13 * k, "legend.fontsize": 12 * k,
        "xtick.labelsize": 12 * k, "ytick.labelsize": 12 * k, "axes.spines.top": False, "svg.hashsalt": "netanalysis",
        "axes.spines.right": False, "figure.dpi": 100, "savefig.bbox": "tight",
        "axes.prop_cycle": mpl.cycler(color=PALETTE),
    }):
        yield


def mpl_text(value):
    r"""A user string drawn as itself in a figure.

    matplotlib reads text between two ``$`` as mathematics, so a contact called "$$$ Sales $$$"
    would fail to parse and stop the figure (and any report embedding it); an escaped ``\$`` is
    drawn as a plain dollar sign.

    Examples
    --------
    >>> print(mpl_text("$$$ Sales $$$"))
    \$\$\$ Sales \$\$\$
    """
    return str(value).replace("$", "\\$")

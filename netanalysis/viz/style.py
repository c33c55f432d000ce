"""One look for every figure: a colour-blind-safe palette and fonts readable when projected."""

from contextlib import contextmanager

import matplotlib as mpl

__all__ = ["MET_COLORS", "MET_LABELS", "PALETTE", "figure_style", "mpl_text"]

# Okabe & Ito (2008) colour-blind-safe palette.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
MET_COLORS = {"in_person": "#0072B2", "online": "#E69F00", "unknown": "#9E9E9E"}
MET_LABELS = {"in_person": "met in person", "online": "online only", "unknown": "unknown"}


@contextmanager
def figure_style():
    """Large fonts and a clean frame, for figures shown to a room.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> with figure_style():
    ...     fig, ax = plt.subplots()
    >>> ax.title.get_fontsize()
    15.0
    >>> plt.close(fig)
    """
    with mpl.rc_context({
        "font.size": 13, "axes.titlesize": 15, "axes.labelsize": 13, "legend.fontsize": 12,
        "xtick.labelsize": 12, "ytick.labelsize": 12, "axes.spines.top": False,
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

"""Tie strength and network strength: big is not strong.

One module per job, their public names gathered here (``netanalysis.strength.<name>``):
``_network`` (the indicator table, Dunbar's circles, Burt's measures of the ego), ``_compare``
(networks side by side, the in-person what-if), ``_dormant``, ``_audience``, ``_timeline``;
``_contacts`` reads the ego's contacts into one table for all of them. Tie strength itself is
:mod:`netanalysis.tiestrength`, below the graph.
"""

from ..tiestrength import DEFAULT_WEIGHTS, STRENGTH_FLOOR, scored_view, tie_strength
from ._audience import Audience, audience
from ._compare import compare, keep_in_person
from ._dormant import dormant_ties
from ._network import DUNBAR_LAYERS, dunbar_layers, ego_burt, network_strength
from ._timeline import quality_timeline

__all__ = [
    "DEFAULT_WEIGHTS",
    "DUNBAR_LAYERS",
    "STRENGTH_FLOOR",
    "Audience",
    "audience",
    "compare",
    "dormant_ties",
    "dunbar_layers",
    "ego_burt",
    "keep_in_person",
    "network_strength",
    "quality_timeline",
    "scored_view",
    "tie_strength",
]

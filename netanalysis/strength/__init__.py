"""Tie strength and network strength: big is not strong.

One module per job, their public names gathered here (``netanalysis.strength.<name>``):
``_network`` (the indicator table, Dunbar's circles, Burt's measures of the ego), ``_compare``
(networks side by side, the in-person what-if), ``_quality`` (measures that separate size from
strength, the verdict, the marginal value of growth), ``_dormant``, ``_audience``, ``_timeline``;
``_contacts`` reads the ego's contacts into one table for all of them. Tie strength itself is
:mod:`netanalysis.tiestrength`, below the graph.
"""

from ..tiestrength import DEFAULT_WEIGHTS, STRENGTH_FLOOR, scored_view, tie_strength
from ._audience import Audience, audience
from ._compare import compare, keep_in_person, meet_in_person
from ._dormant import dormant_ties
from ._network import DUNBAR_LAYERS, dunbar_layers, ego_burt, network_strength
from ._quality import (
    CONCERNED_SHARE,
    QUALITY_MEANINGS,
    Verdict,
    contact_quality,
    marginal_value,
    network_quality,
    size_strength_verdict,
)
from ._timeline import quality_timeline

__all__ = [
    "CONCERNED_SHARE",
    "DEFAULT_WEIGHTS",
    "DUNBAR_LAYERS",
    "QUALITY_MEANINGS",
    "STRENGTH_FLOOR",
    "Audience",
    "Verdict",
    "audience",
    "compare",
    "contact_quality",
    "dormant_ties",
    "dunbar_layers",
    "ego_burt",
    "keep_in_person",
    "marginal_value",
    "meet_in_person",
    "network_quality",
    "network_strength",
    "quality_timeline",
    "scored_view",
    "size_strength_verdict",
    "tie_strength",
]

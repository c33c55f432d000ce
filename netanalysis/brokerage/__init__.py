"""Brokerage: structural holes, Gould–Fernandez roles, introductions to make and warm paths to take."""

# One module per job: holes (Burt's measures and betweenness per person; Burt's arithmetic itself
# is netanalysis.burt), betweenness (its engines, pivots and helper process), roles, intros
# (introductions) and paths (warm paths and references); _common holds the checks they share.

from . import betweenness  # noqa: F401  (netanalysis.brokerage.betweenness, for its settings)
from .betweenness import (
    BETWEENNESS_BUDGET,
    BETWEENNESS_ENGINES,
    BETWEENNESS_EXACT_MAX,
    BETWEENNESS_IGRAPH_BUDGET,
    BETWEENNESS_MIN_PIVOTS,
    BETWEENNESS_PIVOTS,
)
from .holes import burt_measures, structural_holes
from .intros import COMPLEMENTARY_ROLES, ROLE_FAMILIES, introductions, mutual_contacts_curve
from .paths import references, warm_paths
from .roles import brokerage_roles

__all__ = [
    "BETWEENNESS_BUDGET",
    "BETWEENNESS_ENGINES",
    "BETWEENNESS_EXACT_MAX",
    "BETWEENNESS_IGRAPH_BUDGET",
    "BETWEENNESS_MIN_PIVOTS",
    "BETWEENNESS_PIVOTS",
    "COMPLEMENTARY_ROLES",
    "ROLE_FAMILIES",
    "brokerage_roles",
    "burt_measures",
    "introductions",
    "mutual_contacts_curve",
    "references",
    "structural_holes",
    "warm_paths",
]

"""Brokerage: structural holes, Gould–Fernandez roles, introductions to make and warm paths to take."""

# One module per job: holes (Burt's measures and betweenness per person; Burt's arithmetic itself
# is netanalysis.burt), betweenness (its engines, pivots and helper process), roles, intros
# (introductions) and paths (warm paths and references); _common holds the checks they share.

import sys
import types

from . import betweenness
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

# Compatibility for modules outside this change; the coordinator removes it after the merge.
# report.py, strength.py, tests/test_engines.py and tests/test_vectorised_equivalence.py take these
# private names from netanalysis.brokerage; each is now a public name of the module that owns it.
from ..burt import EMPTY_BURT as _EMPTY_BURT  # noqa: F401
from ..burt import Neighbourhoods as _Neighbourhoods  # noqa: F401
from ..burt import after_tie as _after_tie  # noqa: F401
from ..burt import burt_rows as _burt_rows  # noqa: F401
from ..burt import burt_state as _burt_state  # noqa: F401
from ..burt import burt_table as _burt_table  # noqa: F401
from ..burt import ego_state as _ego_state  # noqa: F401
from ..burt import summarise as _summarise  # noqa: F401
from .betweenness import affordable_pivots as _affordable_pivots  # noqa: F401
from .betweenness import igraph_betweenness as _igraph_betweenness  # noqa: F401
from .betweenness import pivot_sample as _pivot_sample  # noqa: F401
from .betweenness import start_betweenness as _start_betweenness  # noqa: F401


class _PassSettingsOn(types.ModuleType):
    """tests/test_engines.py and tests/test_vectorised_equivalence.py monkeypatch the betweenness
    budget on this package; :mod:`.betweenness` reads it, so a setting here is made there too."""

    def __setattr__(self, name, value):
        if name.startswith("BETWEENNESS_"):
            setattr(betweenness, name, value)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _PassSettingsOn

"""netanalysis: an honest picture of a professional network from LinkedIn data exports.

Import it as ``import netanalysis as na``; every public function of the modules below is
available at the top level (``na.read_export``, ``na.build_graph``, ``na.network_strength``…).
"""

from . import (
    annotations,
    anonymize,
    brokerage,
    communities,
    datasets,
    errors,
    export,
    graph,
    identity,
    io,
    report,
    strength,
    synth,
    viz,
)
from .annotations import *  # noqa: F403
from .anonymize import *  # noqa: F403
from .brokerage import *  # noqa: F403
from .communities import *  # noqa: F403
from .datasets import *  # noqa: F403
from .errors import *  # noqa: F403
from .export import *  # noqa: F403
from .graph import *  # noqa: F403
from .identity import *  # noqa: F403
from .io import *  # noqa: F403
from .report import *  # noqa: F403
from .strength import *  # noqa: F403
from .synth import *  # noqa: F403
from .viz import *  # noqa: F403

__version__ = "0.1.0"

__all__ = sorted({
    name
    for module in (annotations, anonymize, brokerage, communities, datasets, errors, export, graph, identity, io,
                   report, strength, synth, viz)
    for name in module.__all__
})

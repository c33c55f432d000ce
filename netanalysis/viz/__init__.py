"""Pictures: matplotlib figures (returned, never saved) and the offline interactive map."""

from . import style
from .brokerage import *  # noqa: F403
from .brokerage import __all__ as _brokerage
from .communities import *  # noqa: F403
from .communities import __all__ as _communities
from .interactive import *  # noqa: F403
from .interactive import __all__ as _interactive
from .slides import *  # noqa: F403
from .slides import __all__ as _slides
from .strength import *  # noqa: F403
from .strength import __all__ as _strength
from .style import *  # noqa: F403

__all__ = [*_strength, *_slides, *_communities, *_interactive, *_brokerage, *style.__all__]

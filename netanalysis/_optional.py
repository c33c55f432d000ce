"""Optional accelerators, looked up when needed (never at import time)."""


def igraph_module():
    """The igraph module, or None when it is not installed (a dependency, but the fallbacks stay tested)."""
    try:
        import igraph
    except ImportError:
        return None
    return igraph

"""Optional accelerators, looked up when needed (never at import time)."""


def igraph_module():
    """The igraph module, or None when it is not installed (``pip install "netanalysis[fast]"``)."""
    try:
        import igraph
    except ImportError:
        return None
    return igraph

"""The performance seam: reads of a graph shared by the analyses of one report, and work started ahead.

Inside a :func:`shared_reads` block (``build_report`` opens one) each kind of read of a graph into
arrays is done once (:func:`shared`), one helper process runs igraph's jobs (:func:`igraph_helper`),
and a computation can be started early and collected later through two explicit calls:
:func:`start_job` and :func:`started_job`, given the same job kind and *request* (the arguments that
decide the result), so that no two modules have to spell a cache key alike.

Outside a block nothing is kept: every call computes, as an analysis run alone does.
"""

import contextlib
import contextvars

import numpy as np

__all__ = ["igraph_helper", "peek", "shared", "shared_reads", "sharing", "start_job", "started_job"]

# Reads of a graph into arrays, shared by the analyses run inside one `shared_reads` block.
_SHARED = contextvars.ContextVar("netanalysis_shared_reads", default=None)


@contextlib.contextmanager
def shared_reads():
    """Within the block, each graph is read into arrays once per kind of read, not once per analysis.

    For a caller that runs several analyses on graphs it does not change while the block runs
    (``build_report``). Nothing is stored on the graph; the reads are dropped when the block ends.
    The shared arrays are read-only, so no analysis can change another's input.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b")])
    >>> with shared_reads():
    ...     shared(G, "read", lambda: (np.arange(2),)) is shared(G, "read", lambda: (np.arange(2),))
    True
    >>> sharing()
    False
    """
    memo = {}
    token = _SHARED.set(memo)
    try:
        yield
    finally:
        _SHARED.reset(token)
        # A computation started in the background and never collected (an error, Ctrl-C) stops.
        for _, value in memo.values():
            for item in value if isinstance(value, tuple) else ():
                if hasattr(item, "close"):
                    item.close()


def sharing():
    """Whether this code runs inside a :func:`shared_reads` block.

    Examples
    --------
    >>> sharing()
    False
    """
    return _SHARED.get() is not None


def peek(G, what):
    """What :func:`shared` holds for ``G`` and ``what`` inside :func:`shared_reads`, else None (never computes).

    Examples
    --------
    >>> import networkx as nx
    >>> peek(nx.Graph(), "anything") is None
    True
    """
    memo = _SHARED.get()
    hit = None if memo is None else memo.get((id(G), what))
    return hit[1] if hit is not None and hit[0] is G else None


def shared(G, what, compute):
    """``compute()``, or inside :func:`shared_reads` its earlier result for the same graph and ``what``.

    ``compute`` returns a tuple or a dict; its numpy arrays are made read-only when shared.

    Examples
    --------
    >>> import networkx as nx
    >>> shared(nx.Graph(), "x", lambda: (1, 2))  # outside a block: computed every time
    (1, 2)
    """
    memo = _SHARED.get()
    if memo is None:
        return compute()
    key = (id(G), what)
    hit = memo.get(key)
    if hit is None or hit[0] is not G:  # the graph is held, so its id cannot be reused meanwhile
        value = compute()
        for array in (value.values() if isinstance(value, dict) else value):
            if isinstance(array, np.ndarray):
                array.flags.writeable = False
        hit = memo[key] = (G, value)
    return hit[1]


def igraph_helper(G):
    """The helper process for igraph's jobs on ``G``, one per :func:`shared_reads` block (stopped with it).

    Outside a block, a new helper each call: the caller must close it.
    """
    from ._igraph_job import Helper

    return shared(G, ("igraph helper",), lambda: (Helper(),))[0]


def _job_key(kind, request):
    """The one spelling of a started job's key: its kind (a name in ``_igraph_job.JOBS``) and request."""
    return ("started job", kind, request)


def start_job(G, kind, request, inputs):
    """Start ``_igraph_job.JOBS[kind](*inputs())`` for ``G`` in the block's helper process.

    Only inside :func:`shared_reads` (returns False outside it, and starts nothing). ``request``
    is a hashable tuple of what decides the result (e.g. ego, evidence, weight, seed); the same
    ``kind`` and ``request`` given to :func:`started_job` later collects it. ``inputs`` is called
    only when the job is not started yet. Returns True when the job is (or already was) started.

    Examples
    --------
    >>> import networkx as nx
    >>> start_job(nx.Graph(), "multilevel", ("me",), lambda: ())  # outside a block: nothing starts
    False
    """
    if not sharing():
        return False
    shared(G, _job_key(kind, request), lambda: (igraph_helper(G).submit(kind, *inputs()),))
    return True


def started_job(G, kind, request):
    """The :class:`_igraph_job.Job` that :func:`start_job` started for ``G``, ``kind`` and ``request``, else None.

    Never starts anything; the caller then computes the result itself.

    Examples
    --------
    >>> import networkx as nx
    >>> started_job(nx.Graph(), "multilevel", ("me",)) is None
    True
    """
    hit = peek(G, _job_key(kind, request))
    return None if hit is None else hit[0]

"""The floor every analysis stands on: evidence levels, the tie-weight reader, values and graph checks.

Nothing here imports an analysis. Every analysis starts with the same preamble:
:func:`check_graph`, :func:`check_ego` and :func:`analysis_view` (the graph restricted to the
ties an ``evidence`` level keeps).
"""

import datetime as _dt
import math

import networkx as nx
import numpy as np
import pandas as pd

from .errors import InputError

__all__ = [
    "EVIDENCE_LEVELS",
    "MET_VALUES",
    "RECORDED_ATTRIBUTES",
    "analysis_view",
    "as_date",
    "check_ego",
    "check_graph",
    "clean_text",
    "contact_graph",
    "contacts_of",
    "date_objects",
    "evidence_kinds",
    "evidence_rank",
    "filter_evidence",
    "is_missing",
    "resolve_as_of",
    "sorted_keys",
    "tie_weight",
    "tie_weights",
    "to_date",
    "without_records",
]

#: Which evidence kinds each filter level keeps. ``recorded`` (``recorded:<source kind>``: the
#: user's calendar, mailbox, address book… see :mod:`netanalysis.recorded`) ranks with declared.
EVIDENCE_LEVELS = {
    "observed": ("export",),
    "declared": ("export", "declared", "recorded"),
    "all": ("export", "declared", "recorded", "inferred"),
}
#: The values of a tie's ``met`` attribute.
MET_VALUES = ("in_person", "online", "unknown")

_EVIDENCE_RANK = {"export": 0, "declared": 1, "recorded": 1}

#: What the user's other data add to a tie (:func:`netanalysis.recorded.apply_records`), and what
#: :func:`without_records` takes away again for an evidence level that does not keep them.
RECORDED_ATTRIBUTES = ("recorded_messages", "recorded_message_weight", "last_contact_unrecorded", "mail_sent",
                       "mail_received", "meetings", "meetings_in_person", "meetings_online", "co_meetings",
                       "co_messages", "recorded_first", "recorded_last")


# --------------------------------------------------------------------------------------------
# values


def is_missing(value):
    """None, NaN, NaT or pd.NA; never text or a container (pandas' isna of a list is an array).

    Examples
    --------
    >>> [is_missing(v) for v in (None, float("nan"), pd.NaT, "", [])]
    [True, True, True, False, False]
    """
    if value is None or isinstance(value, (str, list, tuple, set, frozenset, dict)):
        return value is None
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def clean_text(value):
    """A cell as stripped text: missing values (see :func:`is_missing`) become "".

    Examples
    --------
    >>> clean_text("  Acme "), clean_text(None), clean_text(float("nan")), clean_text(3)
    ('Acme', '', '', '3')
    """
    return "" if is_missing(value) else str(value).strip()


def as_date(value):
    """A ``datetime.date`` from a Timestamp/date/str, or None (unreadable text is None too).

    Examples
    --------
    >>> as_date("2024-03-01"), as_date(""), as_date("not a date")
    (datetime.date(2024, 3, 1), None, None)
    """
    if is_missing(value) or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    stamp = pd.to_datetime(value, errors="coerce")
    return None if pd.isna(stamp) else stamp.date()


def to_date(value):
    """A ``datetime.date`` from a date, datetime, Timestamp or ISO string; None when missing.

    Unlike :func:`as_date`, text that is not a date is refused.

    Raises
    ------
    InputError
        When the value is not a date.

    Examples
    --------
    >>> to_date("2024-03-01"), to_date(None), to_date(" ")
    (datetime.date(2024, 3, 1), None, None)
    """
    if value is None or type(value) is _dt.date:  # the common cases first: called per tie
        return value
    if (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:  # NaT passes for a datetime
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            return pd.Timestamp(value).date()
        except (ValueError, TypeError) as error:
            raise InputError(f"'{value}' is not a date; write it as YYYY-MM-DD.") from error
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    raise InputError(f"{value!r} is not a date; write it as YYYY-MM-DD.")


def date_objects(values):
    """``datetime.date`` objects (None where missing) from datetime64 values (a Series or an array).

    Examples
    --------
    >>> date_objects(np.array(["2024-01-02", "NaT"], dtype="datetime64[ns]"))
    [datetime.date(2024, 1, 2), None]
    """
    # A few thousand distinct days among millions of ties: build each date object once.
    days = pd.to_datetime(values).to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    distinct, inverse = np.unique(days, return_inverse=True)
    objects = np.array([None if np.isnat(d) else d.item() for d in distinct] or [None], dtype=object)
    return objects[inverse.ravel()].tolist() if len(days) else []


def resolve_as_of(G, as_of):
    """The day used as "today": the argument, else ``G.graph['as_of']``, else the newest edge date.

    Never the wall clock, so that the same data always gives the same numbers.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", connected_on="2023-05-01", last_contact="2024-02-01")
    >>> resolve_as_of(G, None), resolve_as_of(G, "2025-01-01")
    (datetime.date(2024, 2, 1), datetime.date(2025, 1, 1))
    """
    if as_of is not None:
        return to_date(as_of)
    if G.graph.get("as_of") is not None:
        return to_date(G.graph["as_of"])
    newest = None
    for _, _, data in G.edges(data=True):
        for attr in ("last_contact", "connected_on"):
            day = to_date(data.get(attr))
            if day is not None and (newest is None or day > newest):
                newest = day
    return newest


def sorted_keys(items):
    """Sort people keys; fall back to their repr when keys of different types are mixed.

    Examples
    --------
    >>> sorted_keys(["b", "a"]), sorted_keys([2, "a"])
    (['a', 'b'], ['a', 2])
    """
    items = list(items)
    try:
        return sorted(items)
    except TypeError:
        return sorted(items, key=repr)


# --------------------------------------------------------------------------------------------
# the tie-weight reader


def tie_weight(data, weight):
    """A tie's weight read as *strength*; a missing attribute counts as 1 (networkx's convention).

    Parameters
    ----------
    data : dict
        The tie's attributes.
    weight : str or None
        The attribute to read; None counts every tie as 1.

    Raises
    ------
    InputError
        When the value is not a number, is NaN or is negative.

    Examples
    --------
    >>> tie_weight({"strength": "0.5"}, "strength"), tie_weight({}, "strength"), tie_weight({"w": 3}, None)
    (0.5, 1.0, 1.0)
    """
    if weight is None:
        return 1.0
    value = data.get(weight, 1.0)
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise InputError(f"tie weight '{weight}' must be a number (found {value!r}).") from None
    if math.isnan(value) or value < 0:
        raise InputError(f"tie weight '{weight}' must be a non-negative number (found {value}).")
    return value


def tie_weights(values, weight):
    """Raw tie weights as a float array, each read and checked as :func:`tie_weight` reads one.

    Examples
    --------
    >>> tie_weights([1, "0.25", 2.0], "strength")
    array([1.  , 0.25, 2.  ])
    """
    try:
        w = np.fromiter(map(float, values), dtype=float, count=len(values))
    except (TypeError, ValueError):
        w = None
    if w is None or np.isnan(w).any() or (w < 0).any():
        # Rare: the one-value check names the offending value.
        w = np.array([tie_weight({weight: value}, weight) for value in values], dtype=float)
    return w


# --------------------------------------------------------------------------------------------
# evidence


def evidence_rank(evidence):
    """How strongly a kind of evidence supports a tie: export 0, declared and recorded 1, anything inferred 2.

    Examples
    --------
    >>> [evidence_rank(e) for e in ("export", "declared", "recorded:calendar", "inferred:same_company")]
    [0, 1, 1, 2]
    """
    rank = _EVIDENCE_RANK.get(evidence)
    if rank is None:
        rank = _EVIDENCE_RANK.get(str(evidence).split(":", 1)[0], 2)
    return rank


def without_records(data):
    """A copy of a tie's attributes as they were before the user's other data were applied.

    The messages and last contact that a mailbox or calendar added are taken away again, the
    counts they brought removed and ``recorded:<kind>`` dropped from ``sources``: what an evidence
    level that does not keep ``recorded`` evidence (``"observed"``) reads.

    Examples
    --------
    >>> d = {"sources": ["export", "recorded:mail"], "messages": 5, "message_weight": 5.0, "recorded_messages": 3,
    ...      "recorded_message_weight": 3.0, "last_contact": "2025-03-01", "last_contact_unrecorded": None, "mail_sent": 2}
    >>> without_records(d)
    {'sources': ['export'], 'messages': 2, 'message_weight': 2.0, 'last_contact': None}
    """
    out = dict(data)
    if "recorded_messages" in out:
        out["messages"] = out.get("messages", 0) - out["recorded_messages"]
        out["message_weight"] = out.get("message_weight", 0.0) - out["recorded_message_weight"]
    if "last_contact_unrecorded" in out:
        out["last_contact"] = out["last_contact_unrecorded"]
    for attr in RECORDED_ATTRIBUTES:
        out.pop(attr, None)
    if "sources" in out:
        out["sources"] = [s for s in out["sources"] if not str(s).startswith("recorded")]
    return out


def evidence_kinds(evidence):
    """The evidence kinds an ``evidence`` filter keeps (a level's kinds, or the kinds given).

    Examples
    --------
    >>> evidence_kinds("declared"), evidence_kinds(["export"])
    (('export', 'declared', 'recorded'), ('export',))
    """
    if isinstance(evidence, str):
        if evidence not in EVIDENCE_LEVELS:
            raise InputError(f"unknown evidence filter '{evidence}'; choose from {', '.join(EVIDENCE_LEVELS)}.")
        return EVIDENCE_LEVELS[evidence]
    return tuple(evidence)


def filter_evidence(G, evidence="all"):
    """A view of ``G`` keeping only the ties backed by the given kinds of evidence.

    Parameters
    ----------
    G : networkx.Graph
    evidence : {"observed", "declared", "all"} or iterable of str
        ``"observed"``: ties listed in an export; ``"declared"``: also the ties the user declared
        and those the user's other data record (``recorded:<kind>``, :mod:`netanalysis.recorded`);
        ``"all"``: also inferred ties. An iterable names evidence kinds (``"export"``,
        ``"declared"``, ``"inferred"`` or ``"inferred:<rule>"``). A tie is kept when any of its
        ``sources`` is of a kept kind (a tie without ``sources`` is read from its ``evidence``, and
        a tie with neither counts as listed in an export). Every person stays in the view.

    Returns
    -------
    networkx.Graph
        A read-only subgraph view.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", evidence="export", sources=["export"])
    >>> G.add_edge("b", "c", evidence="inferred:same_company", sources=["inferred:same_company"])
    >>> sorted(filter_evidence(G, "observed").edges())
    [('a', 'b')]
    >>> filter_evidence(G, "all").number_of_edges()
    2
    """
    kinds = evidence_kinds(evidence)

    def keep(u, v):
        data = G.edges[u, v]
        sources = data.get("sources") or [data.get("evidence", "export")]
        return any(s in kinds or s.split(":", 1)[0] in kinds for s in sources)

    return nx.subgraph_view(G, filter_edge=keep)


# --------------------------------------------------------------------------------------------
# the preamble of every analysis


def check_graph(G, *, directed_ok=False):
    """Refuse what the analyses cannot read: not a networkx graph, a multigraph, a directed graph.

    Raises
    ------
    InputError
        With a sentence that says how to convert the graph.

    Examples
    --------
    >>> check_graph(nx.Graph([("a", "b")]))
    >>> check_graph(nx.DiGraph([("a", "b")]))
    Traceback (most recent call last):
    ...
    netanalysis.errors.InputError: this analysis needs an undirected graph (networkx.Graph); convert it with G.to_undirected().
    """
    if not isinstance(G, nx.Graph):
        raise InputError("the network must be a networkx graph; build one with netanalysis.build_graph.")
    if G.is_multigraph():
        raise InputError("this analysis needs a simple graph, not a multigraph; convert it with nx.Graph(G) first.")
    if G.is_directed() and not directed_ok:
        raise InputError("this analysis needs an undirected graph (networkx.Graph); convert it with G.to_undirected().")


def check_ego(G, ego=None, *, required=True):
    """The person whose network is analysed: ``ego``, else the graph's own (``G.graph["ego"]``).

    Parameters
    ----------
    G : networkx.Graph
    ego : node, optional
    required : bool
        True (the person-centred analyses): a network naming no ego is refused. False (the
        analyses of the ties between contacts, which can run on everyone): a graph whose own ego
        is absent or not among its people gives None, "no ego".

    Raises
    ------
    InputError
        When ``ego`` is given but not in ``G``, or (``required``) no ego can be found.

    Examples
    --------
    >>> G = nx.Graph([("me", "a")], ego="me")
    >>> check_ego(G), check_ego(G, "a"), check_ego(nx.Graph(), required=False)
    ('me', 'a', None)
    """
    if not required:
        if ego is None:
            ego = G.graph.get("ego")
            return ego if ego is None or ego in G else None
        if ego not in G:
            raise InputError(f"'{ego}' is not a person in this network; pass a key listed by 'netanalysis inspect'.")
        return ego
    ego = G.graph.get("ego") if ego is None else ego
    if ego is None:
        raise InputError("the network names no ego; pass ego= (the key of the person whose network it is).")
    if ego not in G:
        raise InputError(f"'{ego}' is not in the network; pass the key of one of its people as ego.")
    return ego


def analysis_view(G, evidence="all", *, copy=False):
    """The graph an analysis reads: ``G`` with only the ties the ``evidence`` filter keeps.

    ``"all"`` (or None) is ``G`` itself; any other level is :func:`filter_evidence`'s view, or with
    ``copy=True`` a plain graph holding the same people (same order, same attribute dicts) and
    the kept ties: a subgraph view runs a Python filter on every edge access, which made
    betweenness seven times slower.

    Examples
    --------
    >>> G = nx.Graph(ego="me")
    >>> G.add_edge("me", "a", sources=["export"]); G.add_edge("a", "b", sources=["inferred:same_company"])
    >>> analysis_view(G) is G
    True
    >>> sorted(analysis_view(G, "observed", copy=True).edges())
    [('me', 'a')]
    """
    if evidence is None or (isinstance(evidence, str) and evidence == "all"):
        return G
    view = filter_evidence(G, evidence)
    if not copy:
        return view
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from(view.edges(data=True))
    return H


def contacts_of(G, ego):
    """The ego's contacts (neighbours), sorted.

    Examples
    --------
    >>> contacts_of(nx.Graph([("me", "b"), ("me", "a"), ("a", "b")]), "me")
    ['a', 'b']
    """
    if ego not in G:
        raise InputError(f"'{ego}' is not in the network.")
    return sorted(G.neighbors(ego))


def contact_graph(G, ego):
    """The ties between the ego's contacts: ``G`` without the ego (a view).

    Examples
    --------
    >>> sorted(contact_graph(nx.Graph([("me", "a"), ("me", "b"), ("a", "b")]), "me").edges())
    [('a', 'b')]
    """
    if ego not in G:
        raise InputError(f"'{ego}' is not in the network.")
    return nx.subgraph_view(G, filter_node=lambda n: n != ego)

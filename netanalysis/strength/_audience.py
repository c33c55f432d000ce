"""Who a post is for: the contacts it concerns against everyone a broadcast reaches."""

import math
import unicodedata

import pandas as pd

from ..errors import InputError
from ..model import check_ego, check_graph
from ..tiestrength import scored_view
from ._contacts import contact_frame, rank_contacts

__all__ = ["Audience", "audience"]


def _fold(text):
    text = unicodedata.normalize("NFKD", str(text or ""))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def _terms(value, what):
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    terms = [_fold(t).strip() for t in value]
    terms = [t for t in terms if t]
    if not terms:
        raise InputError(f"the {what} are empty; give at least one word to look for.")
    return terms


def audience(G, ego=None, *, keywords=None, sector=None, evidence="all"):
    """Who a job post or an announcement is for, against everyone a broadcast would reach.

    A post or a status update reaches every contact, but is relevant only to the few whose work
    matches it: "post and pray" mostly reaches people who do not care. This counts the contacts
    whose position or company matches, what share of a broadcast they are, and lists them, the
    strongest ties first, so that they can be written to privately instead.

    Parameters
    ----------
    G : networkx.Graph
    ego : node, optional
        Default ``G.graph["ego"]``.
    keywords : str or list of str
        Words looked for in the contact's position or company (case and accents ignored,
        substring match: ``"data"`` matches "Data engineer").
    sector : str or list of str, optional
        Words looked for in the company name only (e.g. ``"bank"``). With both, a contact must
        match a keyword *and* a sector word.
    evidence : {"all", "declared", "observed"}

    Returns
    -------
    Audience
        A named tuple ``(summary, targeted)``: ``summary`` is a table ``indicator, value,
        meaning`` (``broadcast_reach``, ``relevant``, ``relevant_share``, ``not_relevant``,
        ``not_relevant_share``, ``relevant_in_person``, ``relevant_strong``); ``targeted`` lists
        the relevant contacts, strongest first: ``key, name, company, position, met, strength,
        matched`` (the words that matched).

    Raises
    ------
    InputError
        If neither keywords nor sector is given.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph(ego="me")
    >>> for i in range(18):
    ...     G.add_node(f"p{i}", position="Nurse", company="Hospital")
    ...     G.add_edge("me", f"p{i}", strength=0.2, met="online")
    >>> G.add_node("ana", position="Data engineer", company="Bank"); G.add_edge("me", "ana", strength=0.9, met="in_person")
    >>> G.add_node("bo", position="Data analyst", company="Shop"); G.add_edge("me", "bo", strength=0.4, met="online")
    >>> a = audience(G, keywords=["data"])
    >>> a.summary.set_index("indicator").loc[["broadcast_reach", "relevant", "not_relevant_share"], "value"]
    indicator
    broadcast_reach       20.0
    relevant               2.0
    not_relevant_share     0.9
    Name: value, dtype: float64
    >>> a.targeted[["key", "matched"]]
       key matched
    0  ana    data
    1   bo    data
    """
    check_graph(G)
    ego = check_ego(G, ego)
    keys = _terms(keywords, "keywords")
    sectors = _terms(sector, "sector words")
    if not keys and not sectors:
        raise InputError("say what the post is about: give keywords (e.g. a job title) or a sector.")
    H = scored_view(G, evidence)
    df = rank_contacts(contact_frame(H, ego))
    matched = []
    for position, company in zip(df["position"], df["company"], strict=True):
        text, firm = _fold(f"{position} {company}"), _fold(company)
        hit_keys = [k for k in keys if k in text]
        hit_sectors = [s for s in sectors if s in firm]
        ok = (not keys or hit_keys) and (not sectors or hit_sectors)
        matched.append(", ".join(dict.fromkeys(hit_keys + hit_sectors)) if ok else "")
    df["matched"] = matched
    targeted = df[df["matched"] != ""][["key", "name", "company", "position", "met", "strength", "matched"]]
    targeted = targeted.reset_index(drop=True)
    n, r = len(df), len(targeted)
    rows = [
        ("broadcast_reach", n, "contacts a post or status update reaches"),
        ("relevant", r, "contacts whose position or company matches the post"),
        ("relevant_share", r / n if n else math.nan, "share of a broadcast that reaches someone concerned"),
        ("not_relevant", n - r, "contacts a broadcast reaches who are not concerned"),
        ("not_relevant_share", (n - r) / n if n else math.nan, "share of a broadcast that reaches people not concerned"),
        ("relevant_in_person", int((targeted["met"] == "in_person").sum()),
         "relevant contacts met in person: the ones to write to first"),
        ("relevant_strong", int((targeted["strength"] >= 0.5).sum()), "relevant contacts with a strong tie (≥ 0.5)"),
    ]
    summary = pd.DataFrame([{"indicator": i, "value": float(v), "meaning": m} for i, v, m in rows])
    return Audience(summary, targeted)


class Audience(tuple):
    """The result of :func:`audience`: ``summary`` and ``targeted`` tables (also unpackable)."""

    __slots__ = ()

    def __new__(cls, summary, targeted):
        return super().__new__(cls, (summary, targeted))

    @property
    def summary(self):
        return self[0]

    @property
    def targeted(self):
        return self[1]

    def __repr__(self):
        s = self.summary.set_index("indicator")["value"]
        return (f"Audience(broadcast_reach={int(s['broadcast_reach'])}, relevant={int(s['relevant'])}, "
                f"not_relevant_share={s['not_relevant_share']:.2f})")

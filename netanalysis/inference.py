"""Tie-inference rules: ties suggested by what the exports show, each labelled ``inferred:<rule>``.

Adding a rule is one function here and one line in :data:`RULES`: the function receives the graph
builder (``nodes``: key -> attributes; ``edges``: sorted pair -> attributes; ``canonical(key)``;
``add_tie(u, v, evidence=..., confidence=...)``), the exports, their owners' keys and the cap on a
group's size, adds its ties with ``evidence="inferred:<rule>"`` and returns what it did (a dict,
kept in ``G.graph["inference"]``). Inferred ties are positives only: a missing rule never says two
people are strangers.

An export owner's contact list is observed: whoever it does not list is not their contact. So a
rule never adds a tie with an owner at one end (it would add people to the owner's contacts); on
a tie that exists already it only adds its label to the tie's ``sources``.
"""

import datetime as _dt
import itertools
from collections import defaultdict

from ._messages import group_chats
from .identity import normalize_company
from .model import as_date

__all__ = ["INFERENCE_RULES", "RULES", "apply_rules", "group_chat", "same_company", "shared_employer"]


def _guess(builder, u, v, rule):
    """Add an inferred tie u–v, unless an owner is at one end (then only label an existing tie); True when new."""
    pair = (u, v) if u < v else (v, u)
    exists = pair in builder.edges
    if not exists and (builder.nodes[u]["ego"] or builder.nodes[v]["ego"]):
        return False
    builder.add_tie(u, v, evidence=f"inferred:{rule}", confidence=INFERENCE_RULES[rule])
    return not exists


def same_company(builder, exports, owners, cap):
    """Ties between people with the same current employer, except at companies of more than ``cap`` people."""
    groups = defaultdict(list)
    for key, data in builder.nodes.items():
        if data["ego"]:  # an owner's contacts are exactly their export
            continue
        company = normalize_company(data["company"])
        if company:
            groups[company].append(key)
    added, skipped = 0, []
    for company, members in sorted(groups.items()):
        if len(members) > cap:
            skipped.append({"company": company, "people": len(members)})
            continue
        for u, v in itertools.combinations(sorted(members), 2):
            added += _guess(builder, u, v, "same_company")
    return {"ties": added, "skipped_companies": skipped, "cap": cap}


def _employment_spans(export):
    """(normalised company, start, end) of each of the owner's positions (open ends unbounded)."""
    positions = getattr(export, "positions", None)
    if positions is None or len(positions) == 0:
        return []
    spans = []
    for row in positions.itertuples(index=False):
        company = normalize_company(row.company)
        start = as_date(row.started_on) or _dt.date.min
        end = as_date(row.finished_on) or _dt.date.max
        if company:
            spans.append((company, start, end))
    return spans


def shared_employer(builder, exports, owners, cap):
    """Owners whose Positions.csv show the same employer at overlapping times.

    Both are owners, whose lists are observed: the rule labels the tie their exports show, and
    adds none where they are not connected.
    """
    spans = {builder.canonical(owner): _employment_spans(export) for export, owner in zip(exports, owners, strict=True)}
    added = 0
    for u, v in itertools.combinations(sorted(spans), 2):
        overlap = any(
            cu == cv and su <= ev and sv <= eu for cu, su, eu in spans[u] for cv, sv, ev in spans[v]
        )
        if overlap and u != v:
            added += _guess(builder, u, v, "shared_employer")
    return {"ties": added}


def group_chat(builder, exports, owners, cap):
    """People who shared a conversation with an owner (up to ``cap`` participants) know each other."""
    added = 0
    for export, owner in zip(exports, owners, strict=True):
        for people in group_chats(export, owner):
            people = sorted({builder.canonical(p) for p in people if builder.canonical(p) in builder.nodes})
            if len(people) < 2 or len(people) > cap:
                continue
            for u, v in itertools.combinations(people, 2):
                added += _guess(builder, u, v, "group_chat")
    return {"ties": added}


#: Every rule, in the order it runs: name -> (confidence of its ties, function).
RULES = {
    "same_company": (0.3, same_company),
    "shared_employer": (0.5, shared_employer),
    "group_chat": (0.6, group_chat),
}
#: Inference rules ``build_graph(infer=...)`` knows, with the confidence given to their ties.
INFERENCE_RULES = {name: confidence for name, (confidence, _) in RULES.items()}


def apply_rules(builder, infer, exports, owners, cap):
    """Run the rules named in ``infer`` (in :data:`RULES`' order) on the builder; their logs by name.

    Examples
    --------
    >>> class Builder:
    ...     nodes = {"a": {"company": "Acme", "ego": False}, "b": {"company": "ACME Inc.", "ego": False}}
    ...     edges = {}
    ...     def canonical(self, key):
    ...         return key
    ...     def add_tie(self, u, v, **attrs):
    ...         self.edges[u, v] = attrs
    >>> builder = Builder()
    >>> apply_rules(builder, ["same_company"], [], [], 50)
    {'same_company': {'ties': 1, 'skipped_companies': [], 'cap': 50}}
    >>> builder.edges
    {('a', 'b'): {'evidence': 'inferred:same_company', 'confidence': 0.3}}
    """
    return {name: rule(builder, exports, owners, cap) for name, (_, rule) in RULES.items() if name in infer}

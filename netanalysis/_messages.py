"""What an export's messages say about its owner's ties: messages per person, the last one, group chats.

Read by the graph (message counts on the owner's ties, the ``group_chat`` inference rule) and by
the ``ties.csv`` template's suggestions (:mod:`netanalysis.annotations`).
"""

import itertools
from collections import defaultdict

import numpy as np
import pandas as pd

from .model import date_objects

__all__ = ["group_chats", "message_counts", "message_people", "message_table", "owner_messages"]


def owner_messages(exports, contact_keys):
    """For each contact row of every export (``contact_keys``, the exports' contacts in turn): the
    messages exchanged with that export's owner, the newest one's time (naive UTC, NaT if none),
    and the messages weighted by group size (a message in a conversation of n people counts
    1/(n−1) for each of the owner's n−1 correspondents; see :func:`message_people`).

    One pass over every export's messages together: per export, pandas' fixed costs came to about
    a second for a hundred exports.
    """
    sizes = [len(export.contacts) for export in exports]
    people, stamps, which, weights = [], [], [], []
    for i, export in enumerate(exports):
        other, when, weight = message_people(export, export.owner["key"], weighted=True)
        people.append(other)
        stamps.append(when)
        weights.append(weight)
        which.append(np.full(len(other), i, dtype=np.int64))
    people = np.concatenate([np.array([], dtype=object), *people])
    codes, _ = pd.factorize(np.concatenate([people, contact_keys]))
    size = int(codes.max()) + 1 if len(codes) else 1
    # One integer per (export, person): the pairs exchanged with, and the pairs asked about.
    exchanged = np.concatenate([np.array([], dtype=np.int64), *which]) * size + codes[: len(people)]
    asked = np.repeat(np.arange(len(exports), dtype=np.int64), sizes) * size + codes[len(people):]
    never = np.iinfo(np.int64).min  # NaT's integer
    if not len(exchanged):  # no owner exchanged a message
        return (np.zeros(len(asked), dtype="int64"), np.full(len(asked), never).view("datetime64[ns]"),
                np.zeros(len(asked)))
    pairs, inverse = np.unique(exchanged, return_inverse=True)
    count = np.bincount(inverse, minlength=len(pairs))
    weighted = np.bincount(inverse, weights=np.concatenate(weights), minlength=len(pairs))
    last = np.full(len(pairs), never)
    np.maximum.at(last, inverse, np.concatenate(stamps))
    at = np.minimum(np.searchsorted(pairs, asked), len(pairs) - 1)
    found = (pairs[at] == asked) & (codes[len(people):] >= 0)  # a missing key is nobody's
    counts = np.where(found, count[at], 0).astype("int64")
    lasts = np.where(found, last[at], never).view("datetime64[ns]")
    return counts, lasts, np.where(found, weighted[at], 0.0)


def message_people(export, owner, *, weighted=False):
    """Everyone the owner exchanged a message with, once per message (``other``), and its time
    (``when``, nanoseconds since the epoch, UTC). A message to a group of n people counts once
    per message per person, never more.

    With ``weighted=True``, also each row's weight: 1/(n−1) in a conversation of n people (the
    owner and n−1 others), so that a group message is shared among its correspondents rather than
    counted as a one-to-one message with each of them (1 for a one-to-one message).
    """
    messages = getattr(export, "messages", None)
    if messages is None or len(messages) == 0:
        empty = (np.array([], dtype=object), np.array([], dtype=np.int64))
        return (*empty, np.array([], dtype=float)) if weighted else empty
    senders = messages["sender_key"].to_numpy(dtype=object)
    recipients = messages["recipient_keys"].tolist()
    # Nanoseconds since the epoch (UTC): numpy works on them without time-zone objects.
    stamps = pd.to_datetime(messages["date"], utc=True).dt.as_unit("ns").array.asi8
    # Sent by the owner: one row per recipient. Received: one row for the sender.
    by_owner = senders == owner
    sent = np.flatnonzero(by_owner)
    groups = [recipients[i] if isinstance(recipients[i], (list, tuple)) else () for i in sent.tolist()]
    received = [i for i, (group, mine) in enumerate(zip(recipients, by_owner.tolist(), strict=True))
                if not mine and isinstance(group, (list, tuple)) and owner in group]
    other = np.array([*itertools.chain.from_iterable(groups), *senders[received].tolist()], dtype=object)
    when = np.concatenate([np.repeat(stamps[sent], [len(g) for g in groups]), stamps[received]]).astype(np.int64)
    keep = pd.notna(other) & (other != "") & (other != owner)
    if not weighted:
        return other[keep], when[keep]
    # The owner's correspondents in each message: the recipients other than the owner (sent), or
    # the sender and the other recipients (received).
    nobody = {owner, "", None}
    sent_to = [len({*g} - nobody) for g in groups]
    heard = [len({*recipients[i], senders[i]} - nobody) for i in received]
    share = 1.0 / np.maximum(np.array([*sent_to, *heard], dtype=float), 1.0)
    weight = np.concatenate([np.repeat(share[:len(groups)], [len(g) for g in groups]), share[len(groups):]])
    return other[keep], when[keep], weight[keep]


def message_table(export, owner):
    """Messages exchanged between the owner and each person: a frame indexed by key, ``count``, ``last``.

    ``last`` is the newest message's timestamp. A message to a group of n people counts once per
    message per person, never more.
    """
    other, when = message_people(export, owner)
    if not len(other):
        return pd.DataFrame({"count": pd.Series(dtype="int64"), "last": pd.Series(dtype="datetime64[ns, UTC]")})
    codes, keys = pd.factorize(other)
    last = np.full(len(keys), np.iinfo(np.int64).min)
    np.maximum.at(last, codes, when)
    index = pd.Index(keys, dtype=object, name="key")
    return pd.DataFrame({"count": np.bincount(codes, minlength=len(keys)).astype("int64"),
                         "last": pd.DatetimeIndex(last.view("datetime64[ns]"), tz="UTC")}, index=index).sort_index()


def message_counts(export, owner):
    """Messages exchanged between the owner and each person, and the last date, from messages.csv.

    Two dicts keyed by person key: the number of messages and the ``datetime.date`` of the newest.
    """
    table = message_table(export, owner)
    return table["count"].to_dict(), dict(zip(table.index, date_objects(table["last"]), strict=True))


def group_chats(export, owner):
    """Sets of people (besides the owner) who shared a conversation with the owner."""
    messages = getattr(export, "messages", None)
    if messages is None or len(messages) == 0:
        return []
    groups = defaultdict(set)
    for conversation, sender, recipients in zip(
        messages["conversation_id"], messages["sender_key"], messages["recipient_keys"], strict=True
    ):
        people = {sender, *(recipients or ())} - {"", None}
        groups[conversation] |= people
    return [sorted(people - {owner}) for _, people in sorted(groups.items()) if owner in people]

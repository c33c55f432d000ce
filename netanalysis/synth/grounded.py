"""The trainer personas drawn from published figures: Dunbar's layers, the share never met, the offline network's size.

The collector and the cultivator (``data/sample/personas``) are the product's demonstration that a
big network is not a strong one. So that the demonstration is not tuned to its conclusion, their
ties are drawn from the figures below (each cited in ``data/sample/README.md``), not from
per-tie probabilities chosen to make one persona win:

- **Everyone maintains about the same number of relationships, however many online contacts they
  have.** People keep about 150 relationships in nested layers of about 5, 15, 50 and 150 (Zhou et
  al. 2005; Dunbar et al. 2015 find the same layers online), and time on social media goes with
  more online "friends" but neither a larger offline network nor closer ties (Pollet, Roberts &
  Dunbar 2011; Dunbar 2016). So both personas have the same offline network on LinkedIn:
  :data:`OFFLINE_MET` people met in person, of whom :data:`MAINTAINED` are maintained.
- **The layers are defined by how often people are in touch**: the support clique about weekly,
  the sympathy group about monthly, the 150 at least once a year (Hill & Dunbar 2003; Dunbar 2020).
  A maintained tie's last contact is drawn within its layer's interval; the acquaintances beyond
  150 were met but are no longer in regular touch (their last contact is over a year old).
- **Some online friends were never met**: 7 % for the average Facebook user (Hampton et al. 2011,
  Pew). The cultivator accepts people she has met, so her never-met share is that 7 %; the
  collector accepts everyone, so every contact beyond his offline network is a stranger.

What is *not* a published figure is said so: the message counts per layer, the 50 layer's
interval (between monthly and yearly) and the talk rates of online-only ties are our choice.
The persona's contacts themselves (who they are, when they connected) come from the shared draw
of :func:`netanalysis.synth.make_world`; only their ties' behaviour is drawn here, from the
persona's own random stream, so changing these figures never moves another owner's data.
"""

import numpy as np

from ._formats import DAY
from ._vocabulary import REC_TEXT

__all__ = ["FIGURES", "GROUNDED", "MAINTAINED", "OFFLINE_MET", "ground_ties"]

#: The published figures the personas rest on: name -> (value, source). ``data/sample/README.md``
#: cites them; :data:`GROUNDED` and :func:`ground_ties` read them from here.
FIGURES = {
    "dunbar_layers": ((5, 15, 50, 150), "Zhou, Sornette, Hill & Dunbar (2005) Proc. R. Soc. B 272:439–444; "
                                        "Dunbar, Arnaboldi, Conti & Passarella (2015) Social Networks 43:39–47"),
    "layer_contact_days": ((7, 30, 182, 365), "support clique about weekly, sympathy group about monthly, the 150 "
                                              "at least once a year (Hill & Dunbar 2003 Human Nature 14:53–72; "
                                              "Dunbar 2020 Proc. R. Soc. A 476:20200446); 182 days for the 50 "
                                              "layer is our interpolation"),
    "never_met_share": (0.07, "Hampton, Goulet, Rainie & Purcell (2011) 'Social networking sites and our lives', "
                              "Pew Research Center: the average Facebook user has never met 7 % of their friends"),
    "offline_not_larger": (True, "Pollet, Roberts & Dunbar (2011) Cyberpsychol. Behav. Soc. Netw. 14(4):253–258; "
                                 "Dunbar (2016) R. Soc. Open Sci. 3:150292"),
}

_LAYERS = FIGURES["dunbar_layers"][0]
#: Relationships a person maintains (in touch at least once a year): Dunbar's 150.
MAINTAINED = _LAYERS[-1]
#: People met in person on a professional's LinkedIn list: the cultivator's 280 contacts less the
#: 7 % never met (Pew). By Pollet et al. (2011) the collector's offline network is no larger, nor smaller.
OFFLINE_MET = round(280 * (1 - FIGURES["never_met_share"][0]))

#: How each grounded persona fills its list. ``accepts``: ``"met"`` (people met, and the never-met
#: share of a typical user) or ``"everyone"`` (the offline network, then strangers). Messages per
#: layer (mean of a geometric count; inner layers first, then acquaintances) and ``talk_online``
#: (chance that a never-met contact exchanged a message, mean ``msgs_online``) are our choice.
GROUNDED = {
    "cultivator": dict(accepts="met", msgs=(24.0, 14.0, 8.0, 5.0), msgs_acquainted=2.5, talk_acquainted=0.5,
                       talk_online=0.30, msgs_online=2.5),
    "collector": dict(accepts="everyone", msgs=(24.0, 14.0, 8.0, 5.0), msgs_acquainted=2.5, talk_acquainted=0.5,
                      talk_online=0.015, msgs_online=1.3),
}


def _met_count(spec, n):
    """How many of ``n`` contacts were met in person, by the persona's rule of acceptance."""
    typical = round(n * (1 - FIGURES["never_met_share"][0]))
    return typical if spec["accepts"] == "met" else min(typical, OFFLINE_MET)


def _weighted_order(rng, weights):
    """Positions in a random order that favours large weights (Efraimidis & Spirakis keys)."""
    keys = rng.random(len(weights)) ** (1.0 / np.maximum(weights, 1e-9))
    return np.argsort(-keys, kind="stable")


def ground_ties(rng, spec, idx, ties, messages, endorsements, recommendations, *, weights, today, endorse):
    """Draw the behaviour of one grounded persona's ties ``idx`` in place; return the new record arrays.

    ``weights`` favour a contact for being met and for the inner layers (home circles, same
    company: the shared draw's chance of being met); ``today`` is the export's day number;
    ``endorse`` the persona's endorsement rate. ``ties`` is changed in place (``in_person``,
    ``n_msgs``, ``last``, ``msg_start``); the messages, endorsements and recommendations of the
    other ties are kept as they are, in their order. Returns ``(messages, endorsements,
    recommendations)``.

    Examples
    --------
    :func:`netanalysis.synth.make_world` calls it for every grounded persona:

    >>> from netanalysis.synth import make_world
    >>> w = make_world(400, owners=[{"persona": "cultivator", "contacts": 200}], seed=2)
    >>> int(w.ties["in_person"][w.owner_ties[0]].sum())  # 200 less Pew's 7 % never met
    186
    """
    n = len(idx)
    if not n:
        return messages, endorsements, recommendations
    order = _weighted_order(rng, weights)  # the first met_count are met, in layer order
    met_count = _met_count(spec, n)
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(1, n + 1)
    in_person = rank <= met_count
    days = FIGURES["layer_contact_days"][0]
    layer = np.searchsorted(np.asarray(_LAYERS), rank)  # 0..3 inside the 150, 4 beyond
    maintained = in_person & (rank <= MAINTAINED)
    acquainted = in_person & ~maintained
    talk = maintained | (acquainted & (rng.random(n) < spec["talk_acquainted"])) | (
        ~in_person & (rng.random(n) < spec["talk_online"]))
    mean = np.where(maintained, np.asarray(spec["msgs"] + (1.0,))[np.minimum(layer, 4)],
                    np.where(in_person, spec["msgs_acquainted"], spec["msgs_online"]))
    n_msgs = np.where(talk, rng.geometric(1.0 / np.maximum(mean, 1.0001)), 0)
    conn_sec = ties["connected"][idx] * DAY + ties["invite_sec"][idx]
    end_sec = today * DAY
    interval = np.asarray((*days, 365))[np.minimum(layer, 4)] * DAY
    since = np.where(maintained, rng.random(n) * interval,  # in touch within the layer's interval
                     np.where(acquainted, (1 + 4 * rng.random(n)) * 365 * DAY,  # met, not in touch for 1-5 years
                              rng.exponential(70.0, n) * DAY))
    last = np.where(~in_person, conn_sec + since.astype(np.int64), end_sec - since.astype(np.int64))
    last = np.clip(last, conn_sec + 3600, end_sec - 60)
    window = np.where(in_person, 540, 60) * DAY
    first_sec = np.maximum(conn_sec + 600, last - window)

    ties["in_person"][idx] = in_person
    ties["n_msgs"][idx] = n_msgs
    ties["last"][idx] = np.where(talk, last, -1)
    ties["msg_start"][:] = np.cumsum(ties["n_msgs"]) - ties["n_msgs"]

    # Messages: this persona's ties' own, newest of each conversation at its last contact.
    tie_of = np.repeat(idx, n_msgs)
    local = np.repeat(np.arange(n), n_msgs)
    M = len(tie_of)
    times = first_sec[local] + (rng.random(M) * (last - first_sec)[local]).astype(np.int64)
    starts = np.cumsum(n_msgs) - n_msgs
    times[starts[talk]] = last[talk]
    new = {"tie": tie_of, "time": times, "from_a": rng.random(M) < 0.5, "template": rng.integers(0, 10, M)}
    messages = _merged(messages, new, idx, by_time=True)

    # Endorsements and recommendations, as the shared draw makes them, from the new 'met'.
    lam = np.where(in_person, endorse, endorse * 0.12)
    n_ab, n_ba = rng.poisson(lam), rng.poisson(lam)
    e_tie = np.concatenate([np.repeat(idx, n_ab), np.repeat(idx, n_ba)])
    e_local = np.concatenate([np.repeat(np.arange(n), n_ab), np.repeat(np.arange(n), n_ba)])
    e_time = conn_sec[e_local] + (rng.random(len(e_tie)) * (end_sec - conn_sec[e_local])).astype(np.int64)
    endorsements = _merged(endorsements, {
        "tie": e_tie, "a_to_b": np.concatenate([np.ones(n_ab.sum(), bool), np.zeros(n_ba.sum(), bool)]),
        "time": e_time, "skill": rng.integers(0, 1 << 20, len(e_tie)), "accepted": rng.random(len(e_tie)) > 0.03,
    }, idx)
    same = ties["same_company"][idx]
    r_p = np.where(in_person & same, 0.08, np.where(in_person, 0.015, 0.0))
    r_ab, r_ba = rng.random(n) < r_p, rng.random(n) < r_p
    r_local = np.concatenate([np.flatnonzero(r_ab), np.flatnonzero(r_ba)])
    recommendations = _merged(recommendations, {
        "tie": idx[r_local], "a_to_b": np.concatenate([np.ones(r_ab.sum(), bool), np.zeros(r_ba.sum(), bool)]),
        "time": conn_sec[r_local] + (rng.random(len(r_local)) * (end_sec - conn_sec[r_local])).astype(np.int64),
        "text": rng.integers(0, len(REC_TEXT), len(r_local)),
    }, idx)
    return messages, endorsements, recommendations


def _merged(old, new, idx, *, by_time=False):
    """``old`` without the records of ties ``idx``, plus ``new``; sorted by tie then newest first when asked."""
    keep = ~np.isin(old["tie"], idx)
    out = {k: np.concatenate([np.asarray(old[k])[keep], np.asarray(new[k]).astype(np.asarray(old[k]).dtype)])
           for k in old}
    if by_time:
        order = np.lexsort((-out["time"], out["tie"]))  # stable: the kept records keep their order
        out = {k: v[order] for k, v in out.items()}
    return out

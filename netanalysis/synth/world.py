"""The synthetic world: personas, fictional people and companies in planted communities, their ties and messages."""

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote
from urllib.parse import unquote as _unquote

import numpy as np
import pandas as pd

from ..errors import InputError
from ._formats import DAY, EXPORT_DATE, ascii_fold, day_number
from ._vocabulary import (
    CITIES,
    COMPANY_FORMS,
    CREDENTIALS,
    EMOJI,
    EN_FIRST,
    EN_LAST,
    EN_WORDS,
    EXTRA_COMMUNITIES,
    FR_FIRST,
    FR_FIRST_F,
    FR_LAST,
    GROUP_TITLES,
    MAIL_DOMAINS,
    PLACE_WORDS,
    REC_TEXT,
    SAMPLE_COMMUNITIES,
    SECTORS,
)
from .grounded import GROUNDED, ground_ties

__all__ = [
    "PERSONAS",
    "World",
    "make_world",
]


#: Behaviour of each kind of owner in the shared draw. The collector's and the cultivator's ties
#: are then drawn again from published figures (:mod:`netanalysis.synth.grounded`); their numbers
#: here still shape the shared draw (and so every other owner's data) and are kept as they were.
#: ``in_person``: chance that a tie in their home circles was met
#: face to face (ties outside them: 60 % of it); ``talk_*``: chance that a tie has a conversation;
#: ``msgs_*``: mean messages in one; ``outgoing``: share of invitations they sent; ``home``: share of
#: contacts drawn from their own community; ``join``: year they joined LinkedIn; ``groups``: group
#: chats per 100 contacts; ``filled``: share of ``met`` answered in their ties.csv.
PERSONAS = {
    "networker": dict(in_person=0.62, talk_in=0.45, talk_on=0.08, msgs_in=6.0, msgs_on=1.8,
                      outgoing=0.55, home=0.40, join=2009, groups=0.8, filled=0.72, endorse=0.25),
    "collector": dict(in_person=0.14, talk_in=0.22, talk_on=0.015, msgs_in=2.5, msgs_on=1.3,
                      outgoing=0.08, home=0.15, join=2011, groups=0.03, filled=0.72, endorse=0.05),
    "cultivator": dict(in_person=0.92, talk_in=0.72, talk_on=0.30, msgs_in=9.0, msgs_on=2.5,
                       outgoing=0.70, home=0.30, join=2010, groups=1.2, filled=0.76, endorse=0.35),
    "member": dict(in_person=0.50, talk_in=0.40, talk_on=0.06, msgs_in=4.5, msgs_on=1.6,
                   outgoing=0.50, home=0.70, join=2012, groups=0.5, filled=0.70, endorse=0.15),
}


@dataclass
class World:
    """A seeded population of fictional people, their ties and messages (columnar).

    People are indices ``0..n-1`` into the per-person lists; ``ties`` are undirected pairs
    ``(a, b)`` where ``a`` is the owner whose sampling created the tie. Build it with
    :func:`make_world`; write exports with :func:`write_export`; read the truth with
    :func:`answer_key`.

    Examples
    --------
    >>> w = make_world(100, owners=[{"persona": "member", "contacts": 20, "label": "me"}], seed=1)
    >>> w.n_people, w.owner_index("me"), w.owners[0]["persona"]
    (100, 0, 'member')
    """

    seed: int
    export_date: date
    communities: pd.DataFrame
    companies: pd.DataFrame
    people: dict
    owners: list
    ties: dict
    messages: dict
    groups: list
    endorsements: dict
    recommendations: dict
    owner_ties: dict = field(default_factory=dict)
    company_names: list = field(default_factory=list)

    @property
    def n_people(self):
        return len(self.people["name"])

    def owner_index(self, label):
        """The position in ``owners`` of the owner whose ``label`` (or persona) is given."""
        for i, owner in enumerate(self.owners):
            if owner["label"] == label:
                return i
        for i, owner in enumerate(self.owners):
            if owner["persona"] == label:
                return i
        raise InputError(f"this synthetic world has no owner called '{label}'.")


def _community_table(n_communities):
    specs = list(SAMPLE_COMMUNITIES) + list(EXTRA_COMMUNITIES)
    rows = []
    for c in range(n_communities):
        sector, city = specs[c % len(specs)]
        round_ = c // len(specs)
        label = f"{sector} — {city}" + (f" ({round_ + 1})" if round_ else "")
        rows.append({"community": c, "label": label, "sector": sector, "city": city})
    return pd.DataFrame(rows)


def _companies(rng, communities, sizes):
    rows, used = [], set()
    for c, size in zip(communities.itertuples(), sizes, strict=False):
        words = SECTORS[c.sector][1]
        n = int(max(4, min(60, size // 45 + 3)))
        for _ in range(n):
            for _attempt in range(50):
                word = words[rng.integers(len(words))]
                forms = COMPANY_FORMS["en" if word in EN_WORDS else "fr"]
                form = forms[rng.integers(len(forms))]
                p, q = (PLACE_WORDS[i] for i in rng.choice(len(PLACE_WORDS), 2, replace=False))
                name = form.format(p=p, q=q, w=word)
                if name not in used:
                    break
            else:  # a large world exhausts the combinations: number them
                name = f"{name} {len(used)}"
            used.add(name)
            domain = "-".join(ascii_fold(p).lower().replace("'", "").split()) + ".example"
            rows.append({"company": name, "sector": c.sector, "city": c.city,
                         "community": c.community, "domain": domain})
    return pd.DataFrame(rows)


def _people(rng, n, communities, companies):
    n_comm = len(communities)
    weights = rng.lognormal(0.0, 0.35, n_comm)
    community = rng.choice(n_comm, n, p=weights / weights.sum())
    fr_share = np.array([CITIES[c][0] for c in communities["city"]])
    french = rng.random(n) < fr_share[community]
    first_i = rng.integers(0, 1 << 30, n)
    last_i = rng.integers(0, 1 << 30, n)
    # Companies: Zipf-like sizes inside each community; 2 % have none.
    company = np.full(n, -1)
    by_comm = companies.groupby("community").indices
    for c in range(n_comm):
        members = np.flatnonzero(community == c)
        ids = np.asarray(by_comm[c])
        w = 1.0 / np.arange(1, len(ids) + 1) ** 1.05
        company[members] = ids[rng.choice(len(ids), len(members), p=w / w.sum())]
    company[rng.random(n) < 0.02] = -1
    title_i = rng.integers(0, 1 << 30, n)
    senior = rng.random(n)
    spaces = rng.random(n)
    emoji = rng.random(n)
    cred = rng.random(n)
    shape = rng.random(n)
    accents = rng.random(n)
    hexes = rng.integers(0, 1 << 32, n, dtype=np.uint64)
    nine = rng.random(n) < 0.3
    extra_i = rng.integers(0, 1 << 30, n)
    mail = rng.random(n)
    people = {k: [] for k in ("first", "last", "name", "slug", "url", "key", "email", "position")}
    slugs = set()
    sectors = communities["sector"].to_numpy()
    comp_domain = companies["domain"].tolist()
    parts = {}  # name -> (ascii slug part, accented slug part percent-encoded, has accent, e-mail part)

    def part(name):
        got = parts.get(name)
        if got is None:
            low = name.lower().replace("'", "").replace(".", "")
            plain = "-".join(ascii_fold(low).split())
            got = (plain, quote("-".join(low.split()), safe="-"), ascii_fold(name) != name,
                   ascii_fold(name).lower().replace(" ", "").replace("'", ""))
            parts[name] = got
        return got

    sector_of = sectors[community].tolist()
    french_l = french.tolist()
    first_l, last_l, extra_l, title_l = first_i.tolist(), last_i.tolist(), extra_i.tolist(), title_i.tolist()
    company_l = company.tolist()
    senior_l, spaces_l, emoji_l, cred_l = senior.tolist(), spaces.tolist(), emoji.tolist(), cred.tolist()
    shape_l, accents_l, hexes_l, nine_l, mail_l = (shape.tolist(), accents.tolist(), hexes.tolist(),
                                                   nine.tolist(), mail.tolist())
    for i in range(n):
        fr = french_l[i]
        firsts, lasts = (FR_FIRST, FR_LAST) if fr else (EN_FIRST, EN_LAST)
        fi = first_l[i] % len(firsts)
        first = firsts[fi]
        last = lasts[last_l[i] % len(lasts)]
        extra = extra_l[i]
        if fr and extra % 9 == 0:  # a double family name, common in Québec
            last = f"{last}-{FR_LAST[(extra // 9) % len(FR_LAST)]}"
        titles = SECTORS[sector_of[i]][2 if fr else 3]
        position = titles[title_l[i] % len(titles)]
        if "|" in position:  # masculine|feminine forms, agreeing with the first name
            position = position.split("|")[int(fi < len(FR_FIRST_F))]
        if senior_l[i] < 0.12:
            position = f"{position} senior" if fr else f"Senior {position}"
        raw_first, raw_last = first, last
        if emoji_l[i] < 0.012:
            raw_last = f"{raw_last} {EMOJI[extra % len(EMOJI)]}"
        if cred_l[i] < 0.03:
            raw_last = raw_last + CREDENTIALS[extra % len(CREDENTIALS)]
        if spaces_l[i] < 0.025:  # stray spaces typed into the profile (spec: 92 of 3,761 rows)
            if extra % 2:
                raw_first += " "
            else:
                raw_last += " "
        # Slug: lowercase; accents kept (percent-encoded) for about half of the accented names.
        pf, pl = part(first), part(last)
        keep = (pf[2] or pl[2]) and accents_l[i] < 0.5
        if keep:
            base, encoded_base = f"{pf[0]}-{pl[0]}", f"{pf[1]}-{pl[1]}"
            base = _unquote(encoded_base)
        else:
            base = encoded_base = f"{pf[0]}-{pl[0]}"
        if shape_l[i] < 0.18 and base not in slugs:
            slug, encoded = base, encoded_base
        elif shape_l[i] < 0.26 and base.replace("-", "") not in slugs:
            slug, encoded = base.replace("-", ""), encoded_base.replace("-", "")
        else:
            h = hexes_l[i]
            suffix = f"{h:08x}"
            if nine_l[i]:
                suffix = f"{h % 10**9:09d}"
                suffix = suffix[:2] + "b" + suffix[3:]  # digit-and-hex, like 01b9a7223
            slug = f"{base}-{suffix}"
            while slug in slugs:
                slug += "0"
            encoded = encoded_base + slug[len(base):]
        slugs.add(slug)
        people["first"].append(raw_first)
        people["last"].append(raw_last)
        people["name"].append(f"{raw_first.strip()} {raw_last.strip()}")
        people["slug"].append(encoded)
        people["url"].append("https://www.linkedin.com/in/" + encoded)
        people["key"].append("linkedin.com/in/" + slug)
        if mail_l[i] < 0.5 and company_l[i] >= 0:
            domain = comp_domain[company_l[i]]
        else:
            domain = MAIL_DOMAINS[extra % len(MAIL_DOMAINS)]
        people["email"].append(f"{pf[3]}.{pl[3]}@{domain}")
        people["position"].append(position)
    people["french"] = french
    people["community"] = community
    people["company"] = company
    people["propensity"] = rng.lognormal(0.0, 1.1, n)
    people["shares_email"] = rng.random(n) < 0.025
    people["hidden"] = rng.random(n) < 0.012
    return people


def _sampler(members, weights):
    cdf = np.cumsum(weights[members])
    return members, cdf / cdf[-1]


def _draw(rng, sampler, k, taken):
    """Draw ``k`` distinct untaken people, proportionally to popularity (rejection, then uniform)."""
    members, cdf = sampler
    out = []
    need = k
    for _round in range(12):
        if need <= 0:
            break
        idx = np.searchsorted(cdf, rng.random(int(need * 1.4) + 8), side="right")
        cand = members[np.minimum(idx, len(members) - 1)]
        cand, first = np.unique(cand, return_index=True)
        cand = cand[np.argsort(first)]  # keep the draw order: deterministic and unbiased
        cand = cand[~taken[cand]][:need]
        taken[cand] = True
        out.append(cand)
        need -= len(cand)
    if need > 0:  # the heavy tail is used up: fill uniformly from who is left
        rest = members[~taken[members]]
        cand = rest[rng.permutation(len(rest))[:need]]
        taken[cand] = True
        out.append(cand)
    return np.concatenate(out) if out else np.array([], dtype=int)


def _owner_circles(rng, owner, community, n_comm):
    circles = owner.get("circles")
    if circles:
        return {int(c): float(w) for c, w in circles.items()}
    params = PERSONAS[owner["persona"]]
    home = params["home"]
    second = int((community + 1 + rng.integers(n_comm - 1)) % n_comm) if n_comm > 1 else community
    if n_comm == 1:
        return {community: 1.0}
    return {community: home, second: (1 - home) * 0.35}


def make_world(n_people=9000, *, owners=None, links=(), n_communities=None, seed=0, export_date=None):
    """Build a seeded world of fictional people, owners and their ties.

    Parameters
    ----------
    n_people : int
        People in the world (at least 30).
    owners : list of dict, optional
        The members who export their data. Each dict has ``persona`` (a key of :data:`PERSONAS`),
        ``contacts`` (int), and optionally ``community`` (home community), ``circles``
        (``{community: share}``; what is left is drawn from anywhere), ``label`` and ``person``
        (an index to use as that owner). Default: one networker with 300 contacts.
    links : sequence of (int, int, bool)
        Extra ties between owners (positions in ``owners``) and whether they met in person.
    n_communities : int, optional
        Planted communities (default: about one per 750 people, at least 2, at most 24 for small worlds).
    seed : int
        Everything random derives from it.
    export_date : datetime.date, optional
        The day the exports were requested (default 2 Nov 2026); nothing is dated after it.

    Returns
    -------
    World

    Examples
    --------
    >>> w = make_world(300, owners=[{"persona": "networker", "contacts": 60}], seed=1)
    >>> len(w.owner_ties[0])
    60
    >>> w.people["key"][w.owners[0]["person"]].startswith("linkedin.com/in/")
    True
    """
    if n_people < 30:
        raise InputError(f"a synthetic world needs at least 30 people, not {n_people}.")
    owners = [dict(o) for o in (owners or [{"persona": "networker", "contacts": 300}])]
    for o in owners:
        if o.get("persona") not in PERSONAS:
            raise InputError(f"unknown persona '{o.get('persona')}'; use one of {', '.join(PERSONAS)}.")
        if int(o.get("contacts", 0)) < 1:
            raise InputError("every owner needs at least one contact.")
        if int(o["contacts"]) > 30_000:
            raise InputError(f"LinkedIn caps connections at 30,000; {o['contacts']} contacts is too many.")
    export_date = export_date or EXPORT_DATE
    rng = np.random.default_rng(seed)
    if n_communities is None:
        n_communities = int(min(max(2, round(n_people / 750)), max(24, n_people // 1500)))
    communities = _community_table(n_communities)
    expected = np.full(n_communities, n_people / n_communities)
    companies = _companies(rng, communities, expected)
    people = _people(rng, n_people, communities, companies)
    n = n_people

    # Choose the owners' people: well-connected members of their home community.
    comm = people["community"]
    prop = people["propensity"]
    used = set()
    for i, o in enumerate(owners):
        if o.get("person") is None:
            c = int(o["community"]) if o.get("community") is not None else i % n_communities
            members = np.flatnonzero((comm == c) & ~people["hidden"] & (people["company"] >= 0))
            members = members[np.argsort(-prop[members], kind="stable")]
            # Distinct first names keep a cohort's story readable ("Sarah-Maude and Ryan").
            firsts = {people["first"][u].strip() for u in used}
            pool = [int(m) for m in members[i % 7:] if int(m) not in used]
            o["person"] = next((m for m in pool if people["first"][m].strip() not in firsts), pool[0])
        used.add(o["person"])
        o["community"] = int(comm[o["person"]])
        o.setdefault("label", f"{i + 1:02d}")
        o["key"] = people["key"][o["person"]]
        o["name"] = people["name"][o["person"]]
    people["hidden"][list(used)] = False
    owner_of = {o["person"]: i for i, o in enumerate(owners)}

    # Sample each owner's contacts, circle by circle.
    samplers = {c: _sampler(np.flatnonzero(comm == c), prop) for c in range(n_communities)}
    everyone = _sampler(np.arange(n), prop)
    pair_index = {}  # ties between two owners (the only pairs two samplings can both create)
    partners = {o["person"]: [] for o in owners}
    ta, tb = [], []

    def add(a, b):
        if b in partners:
            key = (min(a, b), max(a, b))
            if key in pair_index:
                return
            pair_index[key] = len(ta)
            partners[a].append(b)
            partners[b].append(a)
        ta.append(a)
        tb.append(b)

    for i, j, _met in links:
        add(owners[i]["person"], owners[j]["person"])
    taken = np.zeros(n, dtype=bool)
    for o in owners:
        me = o["person"]
        k = min(int(o["contacts"]), n - 1)
        circles = _owner_circles(rng, o, o["community"], n_communities)
        o["_circles"] = sorted(circles)
        shares = np.array([*list(circles.values()), max(0.0, 1.0 - sum(circles.values()))])
        quotas = rng.multinomial(k, shares / shares.sum())
        taken[:] = False
        taken[me] = True
        existing = partners[me]
        taken[existing] = True
        k -= len(existing)
        chosen = []
        spill = 0
        for (c, _share), q in zip(circles.items(), quotas[:-1], strict=False):
            members = samplers[c][0]
            room = int((~taken[members]).sum() * 0.85)
            q = min(int(q), room)
            spill += int(quotas[list(circles).index(c)]) - q
            chosen.append(_draw(rng, samplers[c], q, taken))
        rest = int(quotas[-1]) + spill
        room = int((~taken).sum())
        chosen.append(_draw(rng, everyone, min(rest, room), taken))
        picked = np.concatenate(chosen)[: max(k, 0)]
        for b in picked.tolist():
            add(me, b)

    a = np.array(ta, dtype=np.int64)
    b = np.array(tb, dtype=np.int64)
    T = len(a)
    # Tie attributes, vectorised; the creating owner's persona sets the behaviour.
    owner_pos = np.array([owner_of[x] for x in ta])
    par = {k: np.array([PERSONAS[o["persona"]][k] for o in owners])[owner_pos]
           for k in ("in_person", "talk_in", "talk_on", "msgs_in", "msgs_on", "outgoing", "endorse")}
    join = np.array([day_number(date(PERSONAS[o["persona"]]["join"], 1, 1)) for o in owners])
    join_a = join[owner_pos]
    b_owner = np.array([owner_of.get(x, -1) for x in tb])
    join_b = np.where(b_owner >= 0, join[np.maximum(b_owner, 0)], join_a)
    today = day_number(export_date)
    home = np.zeros(T, dtype=bool)
    for i, o in enumerate(owners):
        sel = owner_pos == i
        home[sel] = np.isin(comm[b[sel]], o.pop("_circles"))
    same_company = (people["company"][a] == people["company"][b]) & (people["company"][a] >= 0)
    p_in = np.where(home, par["in_person"], par["in_person"] * 0.6)
    p_in = np.where(same_company, np.maximum(p_in, 0.9), p_in)
    in_person = rng.random(T) < np.clip(p_in, 0.02, 0.98)
    for i, j, met in links:
        in_person[pair_index[(min(owners[i]["person"], owners[j]["person"]),
                              max(owners[i]["person"], owners[j]["person"]))]] = bool(met)
    lo = np.maximum(join_a, join_b)
    span = today - 1 - lo
    connected = lo + np.floor(span * rng.random(T) ** 0.7).astype(np.int64)
    inviter_a = rng.random(T) < par["outgoing"]
    invite_sec = rng.integers(7 * 3600, 23 * 3600, T)
    invite_lag = rng.integers(0, 4, T)

    talk = rng.random(T) < np.where(in_person, par["talk_in"], par["talk_on"])
    mean = np.where(in_person, par["msgs_in"], par["msgs_on"])
    n_msgs = np.where(talk, rng.geometric(1.0 / np.maximum(mean, 1.0001)), 0)
    conn_sec = connected * DAY + invite_sec
    end_sec = today * DAY
    recent = end_sec - (rng.exponential(110.0, T) * DAY).astype(np.int64)
    early = conn_sec + (rng.exponential(70.0, T) * DAY).astype(np.int64)
    last = np.where(in_person, recent, early)
    last = np.clip(last, conn_sec + 3600, end_sec - 60)
    window = np.where(in_person, 540, 60) * DAY
    first_sec = np.maximum(conn_sec + 600, last - window)
    conv_bytes = rng.bytes(16 * T)
    conv_tail = rng.integers(0, 4, T)
    folder_archive = rng.random(T) < 0.07

    tie_of = np.repeat(np.arange(T), n_msgs)
    M = len(tie_of)
    frac = rng.random(M)
    msg_time = first_sec[tie_of] + (frac * (last - first_sec)[tie_of]).astype(np.int64)
    starts = np.cumsum(n_msgs) - n_msgs
    msg_time[starts[talk]] = last[talk]  # each conversation's newest message is its last contact
    order = np.lexsort((-msg_time, tie_of))
    tie_of, msg_time = tie_of[order], msg_time[order]
    messages = {
        "tie": tie_of, "time": msg_time,
        "from_a": rng.random(M) < 0.5,
        "template": rng.integers(0, 10, M),
    }
    # Endorsements and recommendations, each direction separately.
    e_lam = np.where(in_person, par["endorse"], par["endorse"] * 0.12)
    n_ab = rng.poisson(e_lam)
    n_ba = rng.poisson(e_lam)
    e_tie = np.concatenate([np.repeat(np.arange(T), n_ab), np.repeat(np.arange(T), n_ba)])
    e_dir = np.concatenate([np.ones(n_ab.sum(), bool), np.zeros(n_ba.sum(), bool)])
    e_time = conn_sec[e_tie] + (rng.random(len(e_tie)) * (end_sec - conn_sec[e_tie])).astype(np.int64)
    endorsements = {"tie": e_tie, "a_to_b": e_dir, "time": e_time,
                    "skill": rng.integers(0, 1 << 20, len(e_tie)), "accepted": rng.random(len(e_tie)) > 0.03}
    r_p = np.where(in_person & same_company, 0.08, np.where(in_person, 0.015, 0.0))
    r_ab = rng.random(T) < r_p
    r_ba = rng.random(T) < r_p
    r_tie = np.concatenate([np.flatnonzero(r_ab), np.flatnonzero(r_ba)])
    r_dir = np.concatenate([np.ones(r_ab.sum(), bool), np.zeros(r_ba.sum(), bool)])
    r_time = conn_sec[r_tie] + (rng.random(len(r_tie)) * (end_sec - conn_sec[r_tie])).astype(np.int64)
    recommendations = {"tie": r_tie, "a_to_b": r_dir, "time": r_time,
                       "text": rng.integers(0, len(REC_TEXT), len(r_tie))}

    ties = {"a": a, "b": b, "in_person": in_person, "connected": connected, "inviter_a": inviter_a,
            "invite_sec": invite_sec, "invite_lag": invite_lag, "n_msgs": n_msgs,
            "last": np.where(talk, last, -1), "conv": conv_bytes, "conv_tail": conv_tail,
            "archived": folder_archive, "msg_start": starts, "same_company": same_company}

    # The trainer personas' ties: drawn again from published figures, each from its own stream
    # (synth.grounded), so that the figures never move another owner's data. Ties with another
    # owner keep the shared draw: both exports show them.
    for i, o in enumerate(owners):
        spec = GROUNDED.get(o["persona"])
        if spec is not None:
            idx = np.flatnonzero((owner_pos == i) & (b_owner < 0))
            messages, endorsements, recommendations = ground_ties(
                np.random.default_rng([seed, 2_718_281, i]), spec, idx, ties, messages, endorsements,
                recommendations, weights=np.clip(p_in, 0.02, 0.98)[idx], today=today,
                endorse=PERSONAS[o["persona"]]["endorse"])

    # Which ties each owner's export lists, newest first (ties sorted by date, then key for stability).
    owner_ties = {}
    keys = np.array(people["key"], dtype=object)
    for i, o in enumerate(owners):
        me = o["person"]
        idx = np.flatnonzero((a == me) | (b == me))
        other = np.where(a[idx] == me, b[idx], a[idx])
        idx = idx[np.lexsort((keys[other], -connected[idx]))]
        owner_ties[i] = idx
    _fix_shares(rng, people, owners, owner_ties, a, b)

    # Group conversations: an owner and 2-4 of their in-person contacts from one community.
    groups = []
    for i, o in enumerate(owners):
        me = o["person"]
        idx = owner_ties[i]
        other = np.where(a[idx] == me, b[idx], a[idx])
        friends = other[in_person[idx] & ~people["hidden"][other]]
        n_groups = round(PERSONAS[o["persona"]]["groups"] * len(idx) / 100)
        if len(friends) >= 3:
            n_groups = max(n_groups, 1)
        for g in range(n_groups if len(friends) >= 3 else 0):
            size = int(rng.integers(2, 5))
            pool = friends[comm[friends] == comm[friends[rng.integers(len(friends))]]]
            if len(pool) < size:
                pool = friends
            members = sorted({me, *rng.choice(pool, min(size, len(pool)), replace=False).tolist()})
            n_g = int(rng.integers(2, 9))
            t_end = end_sec - int(rng.exponential(150.0) * DAY)
            times = np.sort(t_end - (rng.random(n_g) * 200 * DAY).astype(np.int64))[::-1]
            groups.append({
                "owner": i, "members": members,
                "title": GROUP_TITLES[int(rng.integers(len(GROUP_TITLES)))] if rng.random() < 0.6 else "",
                "conv": rng.bytes(16), "tail": int(rng.integers(0, 4)),
                "senders": rng.choice(members, n_g).tolist(), "times": times.tolist(),
                "templates": rng.integers(0, 10, n_g).tolist(),
                # The first group of each owner loses a member: a system event row.
                "left": next(x for x in reversed(members) if x != me) if g == 0 else None,
            })
    return World(seed=seed, export_date=export_date, communities=communities, companies=companies,
                 people=people, owners=owners, ties=ties, messages=messages, groups=groups,
                 endorsements=endorsements, recommendations=recommendations, owner_ties=owner_ties,
                 company_names=companies["company"].tolist())


def _fix_shares(rng, people, owners, owner_ties, a, b):
    """Keep each export's hidden-member (0.4–3 %) and e-mail (1–4 %) shares of rows in range.

    Both are properties of the contact (a deleted account, their privacy setting), so they are
    adjusted on people, owner by owner, a few sweeps; owners are never hidden. Exports under 25
    contacts are left alone (one row is already 4 %).
    """
    owner_people = np.array(sorted(o["person"] for o in owners))
    for flag, lo, hi in (("hidden", 0.004, 0.03), ("shares_email", 0.01, 0.04)):
        values = people[flag]
        for _sweep in range(4):
            changed = False
            for i, o in enumerate(owners):
                idx = owner_ties[i]
                n = len(idx)
                if n < 25:
                    continue
                other = np.where(a[idx] == o["person"], b[idx], a[idx])
                other = other[~np.isin(other, owner_people)]
                if flag == "shares_email":  # a hidden row shows no e-mail
                    other = other[~people["hidden"][other]]
                have = int(values[other].sum())
                least, most = int(np.ceil(lo * n)), int(np.floor(hi * n))
                if least <= have <= most:
                    continue
                want = round((lo + hi) / 2 * n)
                pool = other[values[other] != (want > have)]
                change = rng.choice(pool, min(abs(want - have), len(pool)), replace=False)
                values[change] = want > have
                changed = True
            if not changed:
                break

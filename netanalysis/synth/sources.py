"""A persona's other data, consistent with the world: a Google calendar, a Gmail Takeout mailbox, an Apple address book.

The world knows whom the persona met in person (``ties["in_person"]``) and who knows whom among
their contacts (ties between owners and contacts, the persona's ``knows.csv`` pairs, group chats).
:func:`source_files` plans occasions from that truth and only from it:

- **in-person meetings** at named places (one to one, and small meetings of contacts who all know
  each other), a weekly series in a meeting room (RRULE with an EXDATE and a moved instance), an
  all-hands of more than 20 people, all with contacts the world says were met in person;
- **online meetings** (Google Meet: ``X-GOOGLE-CONFERENCE``, an empty ``LOCATION``; a Zoom link as
  the location; a "hybrid" event whose description holds a Zoom link) with contacts met online;
- **traps** a reader must not take as a meeting in person: an invitation the persona declined, an
  all-day conference, a week off without guests, a contact who declined, a mailing list as an attendee;
- **mail**: one-to-one threads, co-addressed mail among contacts who know each other, and mail
  that must never make a tie (newsletters with ``List-Unsubscribe``, no-reply senders, a mailing
  list, a message to 25 people);
- **an address book** giving e-mail addresses (and, on most cards, the LinkedIn profile) for a share
  of the contacts, plus a few people who are not contacts.

Files are written as the real exporters write them (``shared/knowledge/other-sources.md``):
CRLF everywhere, Google's 75-octet folding that may cut a UTF-8 character in two, ``MAILTO``
case variations, RFC 2047 encoded display names, ``>From`` quoting, Apple's ``item1.URL`` and
``https\\://`` escape. Addresses use ``.example`` domains; every name is the world's, fictional.
A separate random stream (``[seed, 2022, owner]``) leaves every other synthetic file unchanged.

The answer key (:func:`source_truth`): ``met.csv`` (each contact: met in person or online, and
how many occasions of each kind show them), ``pairs.csv`` (pairs of contacts who know each other
and appear in the sources, with the occasions that co-feature them) and ``emails.csv`` (every
address in the files and whose it is).
"""

import base64
from pathlib import Path

import numpy as np
import pandas as pd

from ..safefiles import write_csv
from ._formats import DAY, MONTHS, WEEKDAYS, ascii_fold, day_number, epoch_day
from ._source_formats import (
    VTIMEZONE,
    address_header,
    cn_param,
    encoded_word,
    fold_chars,
    fold_octets,
    google_uid,
    ics_text,
    local_stamp,
    local_to_utc,
    mailbox_header,
    mailto,
    quoted_printable,
    rfc_date,
    utc_stamp,
)
from ._vocabulary import CITIES, MAIL_DOMAINS, PLACE_WORDS
from .truth import knows_table

__all__ = [
    "SOURCE_FILES",
    "source_files",
    "source_truth",
    "write_sources",
]

#: The files :func:`write_sources` writes, in order.
SOURCE_FILES = ("calendar.ics", "mail.mbox", "contacts.vcf")

_CAP = 20  # more attendees or recipients than this never make a tie (folk's cap)
_STAMP = "094100Z"
_VENUES_FR = ["Café {p}", "Bistro {p}", "Brasserie {p}", "Restaurant Le {p}", "Salle {p}, 3e étage",
              "Espace de travail {p}", "Boulangerie {p}"]
_VENUES_EN = ["{p} Coffee", "{p} Bistro", "{p} Diner", "{p} Room, 4th floor", "{p} Hub", "The {p} Café"]
_STREETS = ["rue Saint-Denis", "boulevard Saint-Laurent", "rue Sherbrooke Ouest", "avenue du Parc",
            "rue Wellington", "King Street West", "Queen Street", "rue Notre-Dame Est"]
_SUMMARY_1 = {"fr": ["Café-jasette {first}", "Dîner {first} / {me}", "Rencontre {first} — suivi mentorat",
                     "Déjeuner d'affaires avec {first}"],
              "en": ["Coffee chat {first}", "Lunch {first} / {me}", "Catch-up {first} — mentoring follow-up",
                     "Breakfast meeting with {first}"]}
_SUMMARY_G = {"fr": ["Comité organisateur — rencontre de planification", "Dîner du groupe de codéveloppement",
                     "Atelier de cocréation (places limitées)"],
              "en": ["Organising committee — planning session", "Peer-group lunch", "Co-design workshop (small group)"]}
_SUMMARY_ONLINE = {"fr": ["Appel découverte {first}", "Visio {first} — échange de pratiques"],
                   "en": ["Intro call {first}", "Video call {first} — practice exchange"]}
_SUBJECTS = {"fr": ["Suite à notre échange sur le projet Ardoise", "Documents pour la rencontre du comité Nordet",
                    "Question rapide sur le budget de l'atelier Pinède", "Relance : calendrier du chantier Huard",
                    "Compte rendu confidentiel de la séance Aurore"],
             "en": ["Following up on the Ardoise project", "Papers for the Nordet committee meeting",
                    "Quick question on the Pinède workshop budget", "Nudge: Huard site schedule",
                    "Confidential notes from the Aurore session"]}
_BODIES = {"fr": ["Voici les chiffres révisés du trimestre, garde-les pour toi pour l'instant.",
                  "Je t'envoie le brouillon de l'entente, dis-moi si la clause 4 te convient.",
                  "Mon numéro personnel a changé, je te le donne de vive voix mardi."],
           "en": ["Here are the revised quarterly figures, please keep them to yourself for now.",
                  "Attaching the draft agreement, tell me if clause 4 works for you.",
                  "My personal number changed, I will give it to you in person on Tuesday."]}
_QUOTED_FROM = "From what I heard at the board, the Cèdre grant is going ahead."
_NEWSLETTERS = [("Infolettre Fleuve", "infolettre@nouvelles-fleuve.example", "Les nouvelles du Fleuve, édition {n}"),
                ("Kestrel Weekly", "news@kestrel-weekly.example", "Kestrel Weekly #{n}: five reads for the week"),
                ("Réseau Grand-Pré", "bulletin@reseau-grandpre.example", "Bulletin Grand-Pré no {n}")]
_NEWS_BODY = "Newsletter issue {n}: the Granite leadership forum opens registration; unsubscribe below."
_NOREPLY = ("Agenda Nordet", "no-reply@agenda-nordet.example")
_LIST = ("comite-heron", "comite-heron@lists.heron.example")


# --------------------------------------------------------------------------------------------
# who is who: the persona's contacts, their addresses, and who knows whom


def _cast(world, i, rng):
    p, t = world.people, world.ties
    me = world.owners[i]["person"]
    idx = world.owner_ties[i]
    other = np.where(t["a"][idx] == me, t["b"][idx], t["a"][idx])
    keep = ~p["hidden"][other]
    idx, other = idx[keep], other[keep]
    contacts = other.tolist()
    met = dict(zip(contacts, t["in_person"][idx].tolist(), strict=True))
    talk = dict(zip(contacts, (t["n_msgs"][idx] > 0).tolist(), strict=True))
    mine = set(contacts)
    knows = {}
    # Ties of the world between two of the persona's contacts (one of them exported).
    owners = [o["person"] for o in world.owners if o["person"] in mine]
    for o in owners:
        sel = (t["a"] == o) | (t["b"] == o)
        for x in np.where(t["a"][sel] == o, t["b"][sel], t["a"][sel]).tolist():
            if x in mine and x != o:
                knows.setdefault(frozenset((o, x)), "world tie")
    key_index = {k: n for n, k in enumerate(p["key"])}
    for a, b in zip(*(knows_table(world, i)[c] for c in ("a", "b")), strict=True):
        x, y = key_index[a], key_index[b]
        if x in mine and y in mine:
            knows.setdefault(frozenset((x, y)), "knows.csv")
    for g in world.groups:
        members = [m for m in g["members"] if m in mine]
        if me in g["members"]:
            for u in range(len(members)):
                for v in range(u + 1, len(members)):
                    knows.setdefault(frozenset((members[u], members[v])), "group chat")
    addresses = _addresses(world, [me, *contacts], rng)
    return {"me": me, "contacts": contacts, "met": met, "talk": talk, "knows": knows, "addresses": addresses}


def _addresses(world, people, rng, taken=None):
    """person -> [work or main address, personal address?]; unique across the people named (and ``taken``)."""
    p = world.people
    taken, out = set(taken or ()), {}
    personal = rng.random(len(people)) < 0.3
    for n, x in enumerate(people):
        emails = []
        for address in (p["email"][x], _personal(world, x) if personal[n] else None):
            if address is None:
                continue
            local, domain = address.split("@")
            candidate, k = address, 2
            while candidate in taken:
                candidate, k = f"{local}{k}@{domain}", k + 1
            if candidate not in emails:
                taken.add(candidate)
                emails.append(candidate)
        out[x] = emails
    return out


def _personal(world, x):
    local, domain = world.people["email"][x].split("@")
    if domain in MAIL_DOMAINS:
        return None
    return f"{local}@{MAIL_DOMAINS[(len(local) + x) % len(MAIL_DOMAINS)]}"


# --------------------------------------------------------------------------------------------
# the plan: every occasion, from the truth


def _workday(rng, lo, hi):
    while True:
        day = int(rng.integers(lo, hi))
        if epoch_day(day).weekday() < 5:
            return day


def _place(rng, city, fr):
    word = PLACE_WORDS[int(rng.integers(len(PLACE_WORDS)))]
    venues = _VENUES_FR if fr else _VENUES_EN
    venue = venues[int(rng.integers(len(venues)))].format(p=word)
    street = _STREETS[int(rng.integers(len(_STREETS)))]
    return f"{venue}, {int(rng.integers(100, 2400))} {street}, {city}"


def _cut_inside(name):
    """Whether Google's 75-octet fold cuts this name's UTF-8 character in an accepted ATTENDEE line."""
    cn = cn_param(name).encode("utf-8")
    at = 75 - len("ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=")
    return len(cn) > at and (cn[at] & 0xC0) == 0x80


def _cliques(cast, pool, rng, n):
    """``n`` small groups (2 to 4 people) of ``pool`` who all know each other, drawn from the knows graph."""
    pool = set(pool)
    edges = sorted(tuple(sorted(e)) for e in cast["knows"] if e <= pool)
    if not edges:
        return []
    adjacent = {}
    for u, v in edges:
        adjacent.setdefault(u, set()).add(v)
        adjacent.setdefault(v, set()).add(u)
    out = []
    for _ in range(n):
        u, v = edges[int(rng.integers(len(edges)))]
        group = [u, v]
        common = sorted(adjacent[u] & adjacent[v])
        while common and len(group) < 4 and rng.random() < 0.6:
            w = common[int(rng.integers(len(common)))]
            group.append(w)
            common = sorted(set(common) & adjacent[w])
        out.append(group)
    return out


def _plan(world, i, cast, rng):
    """Every meeting and message, as dicts the writers render and the answer key counts."""
    p = world.people
    me, met, talk = cast["me"], cast["met"], cast["talk"]
    fr = bool(p["french"][me])
    lang = "fr" if fr else "en"
    city = world.communities["city"].iat[world.owners[i]["community"]]
    today = day_number(world.export_date)
    lo = today - 540
    contacts = cast["contacts"]
    roll = rng.random(len(contacts))
    seen_in = [c for c, r in zip(contacts, roll, strict=True) if met[c] and r < (0.55 if talk[c] else 0.12)]
    seen_on = [c for c, r in zip(contacts, roll, strict=True) if not met[c] and r < (0.3 if talk[c] else 0.04)]
    in_person = [c for c in contacts if met[c]]
    online = [c for c in contacts if not met[c]]
    if not any(_cut_inside(p["name"][c]) for c in seen_in):  # Google's fold may cut a name's character in two
        seen_in += [c for c in in_person if _cut_inside(p["name"][c])][:1]
    meetings = []

    def meeting(people, *, mode, day=None, hour=None, length=60, place="", organizer=None, summary="",
                status=None, ego="ACCEPTED", **extra):
        day = _workday(rng, lo, today - 1) if day is None else day
        hour = int(rng.integers(8, 18)) if hour is None else hour
        start = local_to_utc(day, hour, 30 * int(rng.integers(0, 2)))
        status = status or {x: "ACCEPTED" for x in people}
        meetings.append({"people": list(people), "mode": mode, "start": start, "end": start + length * 60,
                         "place": place, "organizer": me if organizer is None else organizer,
                         "summary": summary, "status": status, "ego": ego, "uid": rng.bytes(13), **extra})

    def first(x):
        return p["first"][x].strip()

    for c in seen_in:  # one to one, in person, one to three times
        for _ in range(int(min(3, rng.geometric(0.6)))):
            s = _SUMMARY_1[lang][int(rng.integers(4))].format(first=first(c), me=first(me))
            meeting([c], mode="in_person", place=_place(rng, city, fr), summary=s,
                    organizer=c if rng.random() < 0.4 else me)
    for group in _cliques(cast, in_person, rng, 45):  # small meetings of people who know each other
        status = {x: "ACCEPTED" for x in group}
        if rng.random() < 0.2:
            status[group[-1]] = "TENTATIVE" if rng.random() < 0.5 else "NEEDS-ACTION"
        people = list(group)
        if rng.random() < 0.1 and online:  # an online contact was invited but declined: never met there
            x = online[int(rng.integers(len(online)))]
            people.append(x)
            status[x] = "DECLINED"
        meeting(people, mode="in_person", place=_place(rng, city, fr), status=status,
                summary=_SUMMARY_G[lang][int(rng.integers(3))], length=90)
    for c in seen_on:  # online, one to one: Meet, Zoom in the location, or Teams in the description
        how = ["meet", "meet", "zoom", "teams"][int(rng.integers(4))]
        s = _SUMMARY_ONLINE[lang][int(rng.integers(2))].format(first=first(c))
        meeting([c], mode="online", summary=s, how=how, length=30, organizer=c if rng.random() < 0.5 else me)
    for group in _cliques(cast, online, rng, 6):
        meeting(group, mode="online", how="meet", summary=_SUMMARY_G[lang][int(rng.integers(3))], length=45)
    # Traps: declined by the persona, an all-day event, a hybrid event with a Zoom link in the description.
    pick = [online[k] for k in rng.choice(len(online), min(3, len(online)), replace=False)]
    if pick:
        meeting(pick[:1], mode="in_person", place=_place(rng, city, fr), ego="DECLINED", organizer=pick[0],
                summary=_SUMMARY_1[lang][0].format(first=first(pick[0]), me=first(me)))
        day = _workday(rng, lo, today - 1)
        meetings.append({"people": pick[1:3], "mode": "all_day", "start": day * DAY, "end": (day + 1) * DAY,
                         "place": _place(rng, city, fr), "organizer": me, "summary": "Colloque annuel Granite",
                         "status": {x: "ACCEPTED" for x in pick[1:3]}, "ego": "ACCEPTED", "uid": rng.bytes(13)})
    for group in _cliques(cast, online, rng, 1):  # the hybrid trap: a place, and a Zoom link in the description
        meeting(group, mode="online", how="hybrid", place=_place(rng, city, fr), summary="Table ronde Bluewater",
                length=90)
    # A mailing list invited to a small in-person meeting, with two in-person contacts.
    for two in _cliques(cast, in_person, rng, 1):
        meeting(two[:2], mode="in_person", place=_place(rng, city, fr), summary="Comité Héron — séance ordinaire",
                mailing_list=True, length=120)
    # All-hands: more than 20 contacts met in person, in an auditorium; most do not know each other.
    crowd = [in_person[k] for k in rng.choice(len(in_person), min(26, len(in_person)), replace=False)]
    if len(crowd) > _CAP:
        meeting(crowd, mode="in_person", place=f"Auditorium {PLACE_WORDS[3]}, 500 {_STREETS[1]}, {city}",
                summary="Assemblée générale annuelle" if fr else "Annual all-hands", length=120, hour=13)
    # A weekly series with colleagues met in person: EXDATE, one moved instance.
    same = [c for c in in_person if p["company"][c] == p["company"][me]]
    team = (same + [c for c in in_person if c not in same])[:3]
    if team:
        first_day = today - 300 - (epoch_day(today - 300).weekday())  # a Monday
        meetings.append({"people": team, "mode": "in_person", "start": local_to_utc(first_day, 9, 30),
                         "end": local_to_utc(first_day, 10), "place": f"Salle {PLACE_WORDS[7]}, 2e étage, {city}",
                         "organizer": me, "summary": "Point d'équipe hebdomadaire" if fr else "Weekly team check-in",
                         "status": {x: "ACCEPTED" for x in team}, "ego": "ACCEPTED", "uid": rng.bytes(13),
                         "weekly": (first_day, 12)})
    # A week off, without guests (no ORGANIZER, no ATTENDEE, as Google writes one's own events); no random
    # draw, so that the mail planned next is the same with or without it.
    off = today - 120 - epoch_day(today - 120).weekday()
    meetings.append({"people": [], "mode": "all_day", "start": off * DAY, "end": (off + 5) * DAY, "place": "",
                     "organizer": None, "summary": "Vacances" if fr else "Vacation", "status": {}, "ego": "ACCEPTED",
                     "uid": off.to_bytes(13, "big")})
    meetings.sort(key=lambda m: (m["start"], m["uid"]))
    mails = _mail_plan(world, cast, rng, lo, today, lang)
    return {"meetings": meetings, "mails": mails, "lang": lang}


def _mail_plan(world, cast, rng, lo, today, lang):
    me, met, talk = cast["me"], cast["met"], cast["talk"]
    contacts = cast["contacts"]
    roll = rng.random(len(contacts))
    writers = [c for c, r in zip(contacts, roll, strict=True)
               if r < (0.5 if talk[c] and met[c] else 0.25 if talk[c] else 0.08 if met[c] else 0.02)]
    mails = []

    def when():
        return int(rng.integers(lo * DAY, (today - 1) * DAY))

    for c in writers:  # threads of one to four messages
        for _thread in range(int(min(3, rng.geometric(0.55)))):
            subject = _SUBJECTS[lang][int(rng.integers(5))]
            t = when()
            sent = rng.random() < 0.5
            for k in range(int(min(4, rng.geometric(0.5)))):
                frm, to = (me, [c]) if sent else (c, [me])
                mails.append({"from": frm, "to": to, "cc": [], "time": t, "subject": ("Re: " if k else "") + subject,
                              "body": _BODIES[lang][int(rng.integers(3))], "kind": "personal"})
                t += int(rng.integers(600, 3 * DAY))
                sent = not sent
    pairs = sorted(tuple(sorted(e)) for e in cast["knows"] if e <= set(writers))
    for k in rng.permutation(len(pairs))[:40].tolist():  # co-addressed: people who know each other
        u, v = pairs[k]
        frm, to, cc = (me, [u], [v]) if rng.random() < 0.5 else (u, [me], [v])
        mails.append({"from": frm, "to": to, "cc": cc, "time": when(), "subject": _SUBJECTS[lang][int(rng.integers(5))],
                      "body": _BODIES[lang][int(rng.integers(3))], "kind": "personal"})
    if mails:  # one body quotes a line that starts with "From "
        mails[len(mails) // 2]["body"] = _QUOTED_FROM
    for name, address, subject in _NEWSLETTERS:
        for n in range(12):
            mails.append({"from": (name, address), "to": [me], "cc": [], "time": when(),
                          "subject": subject.format(n=40 + n), "body": _NEWS_BODY.format(n=40 + n), "kind": "newsletter"})
    everyone = list(contacts)
    if not everyone:
        return sorted(mails, key=lambda m: m["time"])
    for _ in range(4):  # no-reply notifications naming several contacts
        group = [everyone[k] for k in rng.choice(len(everyone), min(5, len(everyone)), replace=False)]
        mails.append({"from": _NOREPLY, "to": [me, *group], "cc": [], "time": when(),
                      "subject": "Rappel automatique : séance du comité Nordet", "body": _NEWS_BODY.format(n=0),
                      "kind": "no-reply"})
    group = [everyone[k] for k in rng.choice(len(everyone), min(3, len(everyone)), replace=False)]
    mails.append({"from": group[0], "to": [_LIST], "cc": [me, *group[1:]], "time": when(),
                  "subject": "[comite-heron] Ordre du jour", "body": _BODIES[lang][0], "kind": "list"})
    crowd = [everyone[k] for k in rng.choice(len(everyone), min(25, len(everyone)), replace=False)]
    mails.append({"from": me, "to": crowd[:12], "cc": crowd[12:], "time": when(),
                  "subject": "Invitation : 5 à 7 de fin d'année Tamarack", "body": _BODIES[lang][1], "kind": "crowd"})
    mails.sort(key=lambda m: m["time"])
    return mails


# --------------------------------------------------------------------------------------------
# writers: bytes exactly as the exporters write them


def _calendar(world, cast, plan):
    p = world.people
    me = cast["me"]
    addr = cast["addresses"]
    ego_mail = addr[me][0]
    stamp = world.export_date.strftime("%Y%m%d") + "T" + _STAMP
    out = [fold_octets(x) for x in ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
                                     "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                                     f"X-WR-CALNAME:{ego_mail}", "X-WR-TIMEZONE:America/Toronto", *VTIMEZONE]]
    k = 0
    for m in plan["meetings"]:
        lines = []
        weekly = m.get("weekly")
        if m["mode"] == "all_day":
            d0, d1 = epoch_day(m["start"] // DAY), epoch_day(m["end"] // DAY)
            lines += [f"DTSTART;VALUE=DATE:{d0:%Y%m%d}", f"DTEND;VALUE=DATE:{d1:%Y%m%d}"]
        elif weekly:
            day, count = weekly
            last = day + 7 * (count - 1)
            lines += [f"DTSTART;TZID=America/Toronto:{local_stamp(day, 9, 30)}",
                      f"DTEND;TZID=America/Toronto:{local_stamp(day, 10, 0)}",
                      f"RRULE:FREQ=WEEKLY;WKST=SU;UNTIL={utc_stamp(local_to_utc(last, 9, 30))};BYDAY=MO",
                      f"EXDATE;TZID=America/Toronto:{local_stamp(day + 21, 9, 30)}"]
        else:
            lines += [f"DTSTART:{utc_stamp(m['start'])}", f"DTEND:{utc_stamp(m['end'])}"]
        lines.append(f"DTSTAMP:{stamp}")
        org = m["organizer"]
        if org is not None:
            lines.append(f"ORGANIZER;CN={cn_param(p['name'][org])}:mailto:{addr[org][0]}")
        uid = google_uid(m["uid"])
        lines.append(f"UID:{uid}")
        attendees = [(me, m["ego"]), *[(x, m["status"][x]) for x in m["people"]]] if org is not None else []
        for x, status in attendees:
            k += 1
            lines.append(f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={status};"
                         f"{'RSVP=TRUE;' if status == 'NEEDS-ACTION' else ''}CN={cn_param(p['name'][x])};X-NUM-GUESTS=0:"
                         f"{mailto(addr[x][0], k)}")
        if m.get("mailing_list"):
            lines.append(f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN={_LIST[0]};"
                         f"X-NUM-GUESTS=0:mailto:{_LIST[1]}")
        how = m.get("how")
        code = base64.b32encode(m["uid"][:8]).decode().lower()
        meet = f"https://meet.google.com/{code[:3]}-{code[3:7]}-{code[7:10]}"
        zoom = f"https://zoom.us/j/{int.from_bytes(m['uid'][:5], 'big') % 10**10:010d}"
        description = ""
        if how == "meet":
            lines.append(f"X-GOOGLE-CONFERENCE:{meet}")
            description = (f"-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-\n"
                           f"Participer avec Google Meet : {meet}\n\nEn savoir plus sur Meet : "
                           "https://support.google.com/a/users/answer/9282720\n\n-::~:~::~:~::-")
        elif how == "teams":
            description = ("Réunion Microsoft Teams\nRejoindre : https://teams.microsoft.com/l/meetup-join/"
                           f"19%3ameeting_{code}%40thread.v2/0")
        elif how == "hybrid":
            description = f"Sur place ou en ligne : {zoom}"
        lines.append("CREATED:" + utc_stamp(m["start"] - 9 * DAY if m["mode"] != "all_day" else m["start"] - 30 * DAY))
        lines.append("DESCRIPTION:" + ics_text(description))
        lines.append("LAST-MODIFIED:" + utc_stamp(m["start"] - 2 * DAY))
        location = m["place"] if how not in ("meet", "teams", "zoom") else (zoom if how == "zoom" else "")
        lines += ["LOCATION:" + ics_text(location), "SEQUENCE:0", "STATUS:CONFIRMED",
                  "SUMMARY:" + ics_text(m["summary"]), "TRANSP:OPAQUE"]
        out.append(b"".join(fold_octets(x) for x in ["BEGIN:VEVENT", *lines, "END:VEVENT"]))
        if weekly:  # the instance of week 9 moved to Tuesday afternoon, in another room
            day = weekly[0] + 7 * 8
            moved = [f"DTSTART;TZID=America/Toronto:{local_stamp(day + 1, 14, 0)}",
                     f"DTEND;TZID=America/Toronto:{local_stamp(day + 1, 14, 30)}", f"DTSTAMP:{stamp}",
                     next(x for x in lines if x.startswith("ORGANIZER")), f"UID:{uid}", *[x for x in lines if x.startswith("ATTENDEE")],
                     f"RECURRENCE-ID;TZID=America/Toronto:{local_stamp(day, 9, 30)}",
                     "CREATED:" + utc_stamp(m["start"] - 9 * DAY), "DESCRIPTION:",
                     "LAST-MODIFIED:" + utc_stamp(local_to_utc(day, 8)),
                     "LOCATION:" + ics_text(f"Salle {PLACE_WORDS[8]}, 5e étage, {m['place'].rsplit(', ', 1)[-1]}"),
                     "SEQUENCE:1", "STATUS:CONFIRMED", "SUMMARY:" + ics_text(m["summary"]), "TRANSP:OPAQUE"]
            out.append(b"".join(fold_octets(x) for x in ["BEGIN:VEVENT", *moved, "END:VEVENT"]))
    out.append(fold_octets("END:VCALENDAR"))
    return b"".join(out)


def _mbox(world, cast, plan, rng):
    p = world.people
    me = cast["me"]
    addr = cast["addresses"]
    ego_mail = addr[me][0]
    out = []
    for k, m in enumerate(plan["mails"]):
        def who(x, k=k):
            if isinstance(x, tuple):
                return mailbox_header(x[0], x[1], k)
            emails = addr[x]
            return mailbox_header(p["name"][x], emails[(k + x) % len(emails)] if x != me else ego_mail, k + x)

        sent = m["from"] == me
        t = m["time"]
        d = epoch_day(t // DAY)
        s = t % DAY
        gid = ((t * 1000) << 20) | int(rng.integers(0, 1 << 20))
        from_line = (f"From {gid}@xxx {WEEKDAYS[d.weekday()]} {MONTHS[d.month - 1]} {d.day:02d} "
                     f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d} +0000 {d.year}")
        labels = "Sent" if sent else {"newsletter": "Inbox,Category Promotions,Opened",
                                      "no-reply": "Inbox,Category Updates", "list": "Inbox,Opened"}.get(
            m["kind"], "Inbox,Important,Opened" if k % 4 else "Archived,Opened")
        headers = [from_line, f"X-GM-THRID: {gid}", f"X-Gmail-Labels: {labels}"]
        if not sent:
            headers.append(f"Delivered-To: {ego_mail}")
        headers.append("MIME-Version: 1.0")
        if m["kind"] == "newsletter":
            domain = m["from"][1].split("@")[1]
            headers += [f"List-Unsubscribe: <mailto:unsubscribe@{domain}?subject=unsubscribe>, "
                        f"<https://{domain}/u/{gid % 10**8}>",
                        "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
                        f"List-Id: {m['from'][0]} <news.{domain}>", "Precedence: bulk"]
        if m["kind"] == "list":
            headers += [f"List-Id: {_LIST[0]} <{_LIST[1].replace('@', '.')}>", "Precedence: list"]
        msg_id = base64.b32encode(rng.bytes(15)).decode()
        headers.append(f"Date: {rfc_date(t)}")
        domain = ("mail.gmail.com" if sent else m["from"][1] if isinstance(m["from"], tuple)
                  else addr[m["from"]][0]).split("@")[-1]
        headers.append(f"Message-ID: <CA+{msg_id}@{domain}>" if domain == "mail.gmail.com"
                       else f"Message-ID: <{msg_id.lower()}@{domain}>")
        subject = m["subject"]
        headers.append("Subject: " + (subject if subject.isascii() else encoded_word(subject, k + 1)))
        headers.append(f"From: {who(m['from'])}")
        headers.append(address_header("To", [who(x) for x in m["to"]]))
        if m["cc"]:
            headers.append(address_header("Cc", [who(x) for x in m["cc"]]))
        headers += ['Content-Type: text/plain; charset="UTF-8"', "Content-Transfer-Encoding: quoted-printable"]
        first = p["first"][m["to"][0]].strip() if not isinstance(m["to"][0], tuple) else "tous"
        body = f"Bonjour {first},\n\n{m['body']}\n\n-- \n{world.people['first'][me].strip()}" if sent else m["body"]
        out.append("\r\n".join(headers) + "\r\n\r\n" + quoted_printable(body) + "\r\n\r\n")
    return "".join(out).encode("utf-8")


def _clean_name(world, x):
    first = world.people["first"][x].strip()
    last = world.people["last"][x].strip().split(",")[0]
    last = " ".join(w for w in last.split() if w.isascii() or any(ch.isalpha() for ch in w))
    return first, last


def _vcard(world, cast, rng, shown):
    """Apple Contacts' vCard 3.0: most people of the calendar and mail, some other contacts, a few non-contacts."""
    p = world.people
    me, contacts = cast["me"], cast["contacts"]
    addr = cast["addresses"]
    companies = world.company_names
    rest = [c for c in contacts if c not in shown]
    extra = [rest[k] for k in rng.choice(len(rest), min(60, len(rest)), replace=False)] if rest else []
    cards = [c for c in [*shown, *extra] if rng.random() < (0.82 if c in shown else 1.0)]
    mine = set(contacts) | {me}
    strangers = [x for x in rng.choice(world.n_people, 40, replace=False).tolist() if x not in mine][:12]
    cast["addresses"].update({x: e for x, e in _addresses(world, strangers, rng, {e for es in addr.values() for e in es}).items() if x not in addr})
    out = []
    for n, x in enumerate(sorted(set(cards)) + strangers):
        first, last = _clean_name(world, x)
        lines = ["BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//macOS 15.1//EN",
                 f"N:{ics_text(last)};{ics_text(first)};;;", f"FN:{ics_text(first + ' ' + last)}"]
        c = p["company"][x]
        if c >= 0 and rng.random() < 0.7:
            lines.append(f"ORG:{ics_text(companies[c])};")
            lines.append(f"TITLE:{ics_text(p['position'][x])}")
        emails = cast["addresses"][x]
        if rng.random() < 0.15 and len(emails) > 1:
            emails = emails[1:]
        for e, email in enumerate(emails):
            kind = "WORK" if e == 0 and email.split("@")[1] not in MAIL_DOMAINS else "HOME"
            lines.append(f"EMAIL;type=INTERNET;type={kind}{';type=pref' if e == 0 else ''}:{email}")
        if rng.random() < 0.5:
            area = CITIES[world.communities["city"].iat[p["community"][x]]][2][:1]
            lines.append(f"TEL;type=CELL;type=VOICE;type=pref:({'514' if area == 'H' else '418'}) 555-01{n % 100:02d}")
        if x in mine and rng.random() < 0.8:
            url = p["url"][x]
            if rng.random() < 0.12:
                url = url.replace("https://www.", "http://ca.") + "/"
            lines += ["item1.URL;type=pref:" + url.replace("://", "\\://"), "item1.X-ABLabel:linkedin"]
            if rng.random() < 0.1:
                lines += [f"item2.URL:https\\://{ascii_fold(first).lower()}{n}.example", "item2.X-ABLabel:_$!<HomePage>!$_"]
        if rng.random() < 0.1:
            lines.append("NOTE:" + ics_text("Rencontrée au colloque Haute-Ville, parle de mentorat et de données."))
        rev = (day_number(world.export_date) - int(rng.integers(1, 900))) * DAY + int(rng.integers(0, DAY))
        lines.append(f"REV:{utc_stamp(rev)[:4]}-{utc_stamp(rev)[4:6]}-{utc_stamp(rev)[6:11]}:"
                     f"{utc_stamp(rev)[11:13]}:{utc_stamp(rev)[13:]}")
        raw = rng.bytes(16).hex().upper()
        lines.append(f"UID:{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}:ABPerson")
        lines.append("END:VCARD")
        out.append(b"".join(fold_chars(line) for line in lines))
    return b"".join(out), sorted(set(cards)) + strangers


# --------------------------------------------------------------------------------------------
# the answer key


def _present(m, x):
    return m["status"].get(x, "ACCEPTED") != "DECLINED"


def _small(m):
    """Whether a meeting can make a tie: timed, not a series, at most 20 people, the persona there."""
    return (m["mode"] != "all_day" and not m.get("weekly") and m["ego"] != "DECLINED"
            and len(m["people"]) + 1 <= _CAP)


def _truth(world, cast, plan, carded):
    p = world.people
    me, contacts = cast["me"], cast["contacts"]
    keys = p["key"]
    counts = {c: {"in_person": 0, "online": 0, "mail": 0} for c in contacts}
    pair_counts = {}

    def add_pair(group, what):
        group = sorted(x for x in set(group) if x in counts)
        for u in range(len(group)):
            for v in range(u + 1, len(group)):
                row = pair_counts.setdefault(frozenset((group[u], group[v])),
                                             {"in_person": 0, "online": 0, "mail": 0})
                row[what] += 1

    in_calendar, in_mail = set(), set()
    for m in plan["meetings"]:
        present = [x for x in m["people"] if _present(m, x)]
        in_calendar.update(m["people"])
        in_person = m["mode"] == "in_person" and m["ego"] != "DECLINED"
        for x in present:
            if in_person:
                counts[x]["in_person"] += 1
            elif m["mode"] == "online":
                counts[x]["online"] += 1
        if _small(m) and m["mode"] in ("in_person", "online"):
            add_pair(present, m["mode"])
    for m in plan["mails"]:
        people = [x for x in (m["from"], *m["to"], *m["cc"]) if not isinstance(x, tuple)]
        in_mail.update(people)
        if m["kind"] == "personal":
            for x in people:
                if x in counts:
                    counts[x]["mail"] += 1
            if len(m["to"]) + len(m["cc"]) <= _CAP:
                add_pair(people, "mail")
    carded = set(carded)
    met = pd.DataFrame([{
        "key": keys[c], "name": p["name"][c], "met": "in_person" if cast["met"][c] else "online",
        "calendar_in_person": counts[c]["in_person"], "calendar_online": counts[c]["online"],
        "mails": counts[c]["mail"], "address_book": c in carded,
    } for c in contacts]).sort_values("key", kind="stable").reset_index(drop=True)
    shown = in_calendar | in_mail
    rows = []
    for pair, origin in cast["knows"].items():
        if not pair <= shown:
            continue
        u, v = sorted(pair, key=lambda x: keys[x])
        c = pair_counts.get(pair, {"in_person": 0, "online": 0, "mail": 0})
        rows.append({"a": keys[u], "b": keys[v], "a_name": p["name"][u], "b_name": p["name"][v],
                     "in_person_meetings": c["in_person"], "online_meetings": c["online"], "mails": c["mail"],
                     "revealed": bool(c["in_person"] or c["mail"]), "origin": origin})
    pairs = pd.DataFrame(rows, columns=["a", "b", "a_name", "b_name", "in_person_meetings", "online_meetings",
                                        "mails", "revealed", "origin"]).sort_values(["a", "b"]).reset_index(drop=True)
    strangers = [pair for pair in pair_counts if pair not in cast["knows"]]
    if strangers:  # the plan only co-features people who know each other
        raise AssertionError(f"{len(strangers)} pairs co-feature in small occasions without knowing each other")
    mine = set(contacts)
    emails = []
    for x, addresses in sorted(cast["addresses"].items()):
        for address in addresses:
            emails.append({"email": address, "kind": "owner" if x == me else "person", "key": keys[x],
                           "name": p["name"][x], "contact": x in mine, "calendar": x in in_calendar,
                           "mail": x in in_mail, "address_book": x in carded})
    for kind, (name, address) in [("list", _LIST), ("no-reply", _NOREPLY),
                                  *[("newsletter", (n, a)) for n, a, _s in _NEWSLETTERS]]:
        emails.append({"email": address, "kind": kind, "key": "", "name": name, "contact": False,
                       "calendar": kind == "list", "mail": True, "address_book": False})
    return {"met": met, "pairs": pairs, "emails": pd.DataFrame(emails)}


def _build(world, owner):
    i = world.owner_index(owner) if isinstance(owner, str) else int(owner)
    rng = np.random.default_rng([world.seed, 2022, i])
    cast = _cast(world, i, rng)
    plan = _plan(world, i, cast, rng)
    calendar = _calendar(world, cast, plan)
    mbox = _mbox(world, cast, plan, rng)
    shown = sorted({x for m in plan["meetings"] for x in m["people"]}
                   | {x for m in plan["mails"] for x in (m["from"], *m["to"], *m["cc"])
                      if not isinstance(x, tuple) and x != cast["me"]})
    vcf, carded = _vcard(world, cast, rng, shown)
    files = {"calendar.ics": calendar, "mail.mbox": mbox, "contacts.vcf": vcf}
    return files, _truth(world, cast, plan, carded)


def source_files(world, owner=0):
    """A persona's calendar, mailbox and address book as ``{file name: bytes}`` (see the module docstring).

    Parameters
    ----------
    world : World
    owner : int or str
        Position in ``world.owners``, or an owner's label or persona.

    Returns
    -------
    dict
        ``calendar.ics`` (Google Calendar export), ``mail.mbox`` (Gmail Takeout), ``contacts.vcf``
        (Apple Contacts); the same world always gives the same bytes.

    Examples
    --------
    >>> from netanalysis.synth import make_world
    >>> w = make_world(400, owners=[{"persona": "cultivator", "contacts": 80}], seed=3)
    >>> files = source_files(w, 0)
    >>> list(files)
    ['calendar.ics', 'mail.mbox', 'contacts.vcf']
    >>> files["calendar.ics"][:15], files["mail.mbox"][:5], files["contacts.vcf"][:11]
    (b'BEGIN:VCALENDAR', b'From ', b'BEGIN:VCARD')
    """
    return _build(world, owner)[0]


def source_truth(world, owner=0):
    """The answer key behind :func:`source_files`: who was met in person, who knows whom, whose address is whose.

    Returns
    -------
    dict of pandas.DataFrame
        ``met``: one row per contact the export names (hidden members left out): ``key, name, met``
        (``in_person|online``, the world's truth), ``calendar_in_person`` (accepted, timed meetings
        at a place, without a conferencing link, the persona there), ``calendar_online``, ``mails``
        (one-to-one and small co-addressed mail), ``address_book`` (has a card).
        ``pairs``: pairs of contacts who know each other (a tie of the world, a ``knows.csv`` pair, a
        group chat: ``origin``) and both appear in the calendar or the mail: ``a, b, a_name, b_name,
        in_person_meetings, online_meetings, mails`` (small occasions, at most 20 people, not a series,
        not bulk mail, that show both), ``revealed`` (an in-person meeting or a mail shows them
        together). Every pair that a small occasion shows is in this table.
        ``emails``: ``email, kind`` (``person|owner|list|newsletter|no-reply``), ``key, name,
        contact, calendar, mail, address_book`` (where the address's person appears).

    Examples
    --------
    >>> from netanalysis.synth import make_world
    >>> w = make_world(400, owners=[{"persona": "cultivator", "contacts": 80}], seed=3)
    >>> key = source_truth(w, 0)
    >>> sorted(key)
    ['emails', 'met', 'pairs']
    >>> bool((key["met"].query("met == 'online'")["calendar_in_person"] == 0).all())
    True
    """
    return _build(world, owner)[1]


def write_sources(world, owner, directory):
    """Write :func:`source_files` into ``directory`` and the answer key into ``directory/truth``.

    Returns
    -------
    list of (pathlib.Path, str)
        Each file written and its kind (``source`` or ``truth``).

    Examples
    --------
    >>> import tempfile
    >>> from netanalysis.synth import make_world
    >>> w = make_world(400, owners=[{"persona": "member", "contacts": 80}], seed=3)
    >>> [(p.name, kind) for p, kind in write_sources(w, 0, tempfile.mkdtemp())][::3]
    [('calendar.ics', 'source'), ('met.csv', 'truth')]
    """
    files, truth = _build(world, owner)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files.items():
        path = directory / name
        tmp = path.with_name("." + name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        written.append((path, "source"))
    for name in ("met", "pairs", "emails"):
        written.append((write_csv(truth[name], directory / "truth" / f"{name}.csv"), "truth"))
    return written

"""One owner's LinkedIn export, written byte for byte: every CSV file, its format variants, the zip archive."""

import base64
import calendar
import io
import time
import zipfile
from datetime import date
from pathlib import Path

import numpy as np

from ..errors import InputError
from ._formats import (
    DAY,
    MONTHS,
    WEEKDAYS,
    ascii_fold,
    csv_row,
    day_number,
    dmy,
    epoch_day,
    us_time,
    utc_text,
    utc_texts,
)
from ._vocabulary import (
    CITIES,
    DEGREES,
    EVENTS,
    FR_FIRST_F,
    MSG_EN,
    MSG_FR,
    PITCH,
    REC_TEXT,
    SCHOOLS,
    SECTORS,
    SPONSORS,
)
from .world import PERSONAS

__all__ = [
    "CONNECTIONS_PREAMBLE",
    "VARIANTS",
    "export_files",
    "write_export",
]


#: The three lines above the header of every ``Connections.csv`` since 2021 (spec §2.1), byte-exact.
CONNECTIONS_PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their connections to "
    "see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)


#: Export formats :func:`write_export` can write (see there).
VARIANTS = ("2025", "2022", "2018", "excel")


def _conv_id(raw, tail):
    u = bytearray(raw)
    u[6] = (u[6] & 0x0F) | 0x40
    u[8] = (u[8] & 0x3F) | 0x80
    h = u.hex()
    text = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}_{('010', '012', '013', '000')[tail]}"
    return "2-" + base64.b64encode(text.encode()).decode()


def _clean_first(world, p):
    return world.people["first"][p].strip()


def _company_name(world, p):
    c = world.people["company"][p]
    return world.company_names[c] if c >= 0 else ""


def _text(world, template, sender, recipient, *, pitch=False):
    french = world.people["french"][sender]
    if pitch:
        t = PITCH[1 if french else 0]
    else:
        t = (MSG_FR if french else MSG_EN)[template % 10]
    mine = _company_name(world, sender) or ("mon équipe" if french else "my team")
    yours = _company_name(world, recipient) or ("ton équipe" if french else "your team")
    return t.format(first=_clean_first(world, recipient), mine=mine, yours=yours)


def _connections(world, i, variant, rng):
    p, me = world.people, world.owners[i]["person"]
    t = world.ties
    idx = world.owner_ties[i]
    other = np.where(t["a"][idx] == me, t["b"][idx], t["a"][idx])
    companies = world.company_names
    rows = []
    blank_job = (rng.random(len(idx)) < 0.02).tolist()
    days, seconds = t["connected"][idx].tolist(), t["invite_sec"][idx].tolist()
    hidden, company_of, shares = (p["hidden"][other].tolist(), p["company"][other].tolist(),
                                  p["shares_email"][other].tolist())
    for k, o in enumerate(other.tolist()):
        day = days[k]
        if variant == "2018":
            when = us_time(day * DAY + seconds[k])
        elif variant == "excel":
            d = epoch_day(day)
            when = f"{d.day}-{MONTHS[d.month - 1]}-{d.year % 100:02d}"
        else:
            when = dmy(day)
        if hidden[k]:
            fields = ["", "", "", "", "", "", when]
        else:
            c = company_of[k]
            company, position = (companies[c], p["position"][o]) if c >= 0 else ("", "")
            if blank_job[k]:
                company = position = ""
            email = p["email"][o] if (shares[k] or variant == "2018") else ""
            fields = [p["first"][o], p["last"][o], p["url"][o], email, company, position, when]
        if variant in ("2022", "2018"):
            del fields[2]
        rows.append(fields)
    header = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    if variant in ("2022", "2018"):
        del header[2]
    if variant == "2018":  # the 2018 file was not sorted
        rows = [rows[j] for j in rng.permutation(len(rows))]
    if variant == "excel":  # re-saved in a French-locale spreadsheet: ';', CRLF, BOM, padded preamble
        width = len(header)
        pad = ";" * (width - 1)
        lines = ["Notes:" + pad, CONNECTIONS_PREAMBLE.split("\n")[1].strip('"') + pad, pad, csv_row(header, ";")]
        lines += [csv_row(r, ";") for r in rows]
        return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")
    text = "\n".join([csv_row(header)] + [csv_row(r) for r in rows])
    return ((CONNECTIONS_PREAMBLE if variant != "2018" else "") + text).encode("utf-8")


def _message_rows(world, i, rng):
    """Every messages.csv row of owner ``i`` as (conversation key, time, fields) tuples."""
    p, t, m = world.people, world.ties, world.messages
    me = world.owners[i]["person"]
    idx = world.owner_ties[i]
    conversations = []

    def person(x):
        if p["hidden"][x]:
            return "LinkedIn Member", ""
        return p["name"][x], p["url"][x]

    talk = idx[t["n_msgs"][idx] > 0]
    counts = t["n_msgs"][talk]
    # Every message of this export at once: dates, senders and templates as plain lists.
    ks = np.repeat(t["msg_start"][talk] - (np.cumsum(counts) - counts), counts) + np.arange(int(counts.sum()))
    dates = utc_texts(m["time"][ks])
    times, from_a, templates = m["time"][ks].tolist(), m["from_a"][ks].tolist(), m["template"][ks].tolist()
    j = 0
    for tie, count in zip(talk.tolist(), counts.tolist(), strict=True):
        a, b = int(t["a"][tie]), int(t["b"][tie])
        cid = _conv_id(t["conv"][16 * tie:16 * tie + 16], int(t["conv_tail"][tie]))
        folder = "ARCHIVE" if t["archived"][tie] else "INBOX"
        in_person = bool(t["in_person"][tie])
        rows = []
        for k in range(count):
            sender, recipient = (a, b) if from_a[j] else (b, a)
            s_name, s_url = person(sender)
            r_name, r_url = person(recipient)
            # An online-only tie opens with a pitch; a few in-person threads share a file.
            pitch = not in_person and k == count - 1
            text = _text(world, templates[j], sender, recipient, pitch=pitch)
            attachment = ""
            if k == 0 and in_person and count >= 3 and t["conv_tail"][tie] == 3:
                attachment = "https://www.linkedin.com/dms/prv/image/v2/D4E06AQ" + cid[2:14] + "?m=AQ&e=1"
            rows.append((times[j], [cid, "", s_name, s_url, r_name, r_url, dates[j], "",
                                    text, folder, attachment, "No"]))
            j += 1
        conversations.append(rows)
    for g in world.groups:
        if me not in g["members"]:
            continue
        cid = _conv_id(g["conv"], g["tail"])
        rows = []
        for s, when, tpl in zip(g["senders"], g["times"], g["templates"], strict=False):
            others = [x for x in g["members"] if x != s]
            s_name, s_url = person(s)
            names, urls = zip(*[person(x) for x in others], strict=False)
            text = _text(world, tpl, s, others[0])
            rows.append((when, [cid, g["title"], s_name, s_url, ",".join(names), ",".join(u for u in urls if u),
                                utc_text(when), "", text, "INBOX", "", "No"]))
        if g["left"] is not None:  # a system event: empty sender and recipients
            when = g["times"][0] + 3600
            rows.append((when, [cid, g["title"], "", "", "", "", utc_text(when), "",
                                f"{p['name'][g['left']]} left the conversation.", "INBOX", "", "No"]))
        conversations.append(rows)
    # Owner-specific rows: a sponsored message, an out-of-network InMail, a request accepted, a draft.
    end = day_number(world.export_date) * DAY
    owner_name, owner_url = p["name"][me], p["url"][me]
    first = _clean_first(world, me)
    when = end - int(rng.integers(5, 60)) * DAY - int(rng.integers(0, DAY))
    sponsor = SPONSORS[int(rng.integers(len(SPONSORS)))]
    html = (f'<p class="spinmail-quill-editor__spin-break">Hi {first},</p>'
            '<p class="spinmail-quill-editor__spin-break"><br></p>'
            f'<p class="spinmail-quill-editor__spin-break">Grow your team with {sponsor}&nbsp;&amp; '
            "save 20&nbsp;% this month.</p>")
    conversations.append([(when, [_conv_id(rng.bytes(16), 1), "Sponsored Conversation", "LinkedIn Member", "",
                                  owner_name, owner_url, utc_text(when), f"{first}, an offer from {sponsor}",
                                  html, "INBOX", "", "No"])])
    when = end - int(rng.integers(30, 300)) * DAY - int(rng.integers(0, DAY))
    inmail = ("Bonjour, je recrute pour un poste qui correspond à votre profil. Seriez-vous disponible "
              "pour un appel?") if p["french"][me] else \
        "Hello, I am hiring for a role that matches your profile. Would you be open to a call?"
    cid = _conv_id(rng.bytes(16), 2)
    conversations.append([
        (when + 7200, [cid, "", "", "", "", "", utc_text(when + 7200), "", "Message request accepted", "INBOX", "", "No"]),
        (when, [cid, "", "LinkedIn Member", "", owner_name, owner_url, utc_text(when), "Opportunité / Opportunity",
                inmail, "INBOX", "", "No"]),
    ])
    when = end - int(rng.integers(1, 20)) * DAY - int(rng.integers(0, DAY))
    draft = "Draft: félicitations pour le nouveau poste" if p["french"][me] else "Draft: congrats on the new role"
    conversations.append([(when, ["", "", owner_name, owner_url, "", "", utc_text(when), "", draft, "", "", "Yes"])])
    for conv in conversations:
        conv.sort(key=lambda r: -r[0])
    conversations.sort(key=lambda rows: (-rows[0][0], rows[0][1][0]))
    return [fields for conv in conversations for _when, fields in conv]


def _messages(world, i, variant, rng):
    rows = _message_rows(world, i, rng)
    if variant == "2018":
        me = world.people["name"][world.owners[i]["person"]]
        lines = ["From,To,Date,Subject,Content,Direction,Folder"]
        for r in rows:
            if r[11] == "Yes" or not r[2]:
                continue
            seconds = _parse_utc(r[6])
            direction = "OUTGOING" if r[2] == me else "INCOMING"
            folder = "SENT" if direction == "OUTGOING" else "INBOX"
            lines.append(csv_row([r[2], r[4], us_time(seconds), r[7], r[8], direction, folder]))
        return ("\n".join(lines) + "\n").encode("utf-8")
    if variant == "2022":
        lines = ["CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER"]
        lines += [csv_row(r[:5] + r[6:10]) for r in rows if r[11] != "Yes"]
        return ("\n".join(lines) + "\n").encode("utf-8")
    header = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
              "SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT")
    return ("\n".join([header] + [csv_row(r) for r in rows]) + "\n").encode("utf-8")


def _parse_utc(text):
    return calendar.timegm(time.strptime(text, "%Y-%m-%d %H:%M:%S UTC"))


def _invitations(world, i, variant, rng):
    p, t = world.people, world.ties
    o = world.owners[i]
    me = o["person"]
    idx = world.owner_ties[i]
    today = day_number(world.export_date)
    start = today - 182  # LinkedIn keeps about six months of invitations
    rows = []
    for tie in idx.tolist():
        if t["connected"][tie] < start:
            continue
        a, b = int(t["a"][tie]), int(t["b"][tie])
        inviter, invitee = (a, b) if t["inviter_a"][tie] else (b, a)
        if p["hidden"][inviter] or p["hidden"][invitee]:
            continue
        sent = (int(t["connected"][tie]) - int(t["invite_lag"][tie])) * DAY + int(t["invite_sec"][tie])
        if sent < start * DAY:
            continue
        message = ""
        roll = rng.random()
        if t["in_person"][tie] and roll < 0.3:
            events = EVENTS["fr" if p["french"][inviter] else "en"]
            event = events[int(rng.integers(len(events)))]
            if p["french"][inviter]:
                message = f"Bonjour {_clean_first(world, invitee)}, on s'est rencontrés {event}, au plaisir!"
            else:
                message = f"Hi {_clean_first(world, invitee)}, we met at {event}, would be great to connect."
        elif not t["in_person"][tie] and roll < 0.05:
            message = _text(world, 0, inviter, invitee, pitch=True)
        rows.append((sent, inviter, invitee, message))
    # Pending invitations: people not (yet) connected.
    pending_out = {"networker": 3, "cultivator": 2, "member": 1, "collector": 0}[o["persona"]]
    pending_in = {"networker": 3, "cultivator": 1, "member": 1, "collector": 0}[o["persona"]]
    contacts = set(np.where(t["a"][idx] == me, t["b"][idx], t["a"][idx]).tolist()) | {me}
    for direction, count in (("out", pending_out), ("in", pending_in)):
        for _ in range(count):
            x = int(rng.integers(world.n_people))
            if x in contacts or p["hidden"][x]:
                continue
            sent = (today - int(rng.integers(1, 170))) * DAY + int(rng.integers(7 * 3600, 23 * 3600))
            rows.append((sent, me, x, "") if direction == "out" else (sent, x, me, ""))
    rows.sort(key=lambda r: (-r[0], r[1], r[2]))
    for k in range(1, len(rows) - 1, 7):  # "roughly newest first, not strictly sorted"
        if rng.random() < 0.5:
            rows[k], rows[k + 1] = rows[k + 1], rows[k]
    if variant in ("2022", "2018"):
        header = "From,To,Sent At,Message,Direction"
    else:
        header = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl"
    lines = [header]
    for sent, inviter, invitee, message in rows:
        fields = [p["name"][inviter], p["name"][invitee], us_time(sent), message,
                  "OUTGOING" if inviter == me else "INCOMING", p["url"][inviter], p["url"][invitee]]
        lines.append(csv_row(fields if header.endswith("Url") else fields[:5]))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _endorsements(world, i, variant):
    p, t, e = world.people, world.ties, world.endorsements
    me = world.owners[i]["person"]
    sectors = world.communities["sector"].to_numpy()
    mine = np.isin(e["tie"], world.owner_ties[i])
    received, given = [], []
    for k in np.flatnonzero(mine).tolist():
        tie = int(e["tie"][k])
        a, b = int(t["a"][tie]), int(t["b"][tie])
        giver, taker = (a, b) if e["a_to_b"][k] else (b, a)
        other = taker if giver == me else giver
        if p["hidden"][other]:
            continue
        skills = SECTORS[sectors[p["community"][taker]]][4]
        skill = skills[int(e["skill"][k]) % len(skills)]
        status = "ACCEPTED" if e["accepted"][k] else "PENDING"
        row = (int(e["time"][k]), [utc_text(e["time"][k], "/"), skill, p["first"][other].strip(),
                                   p["last"][other].strip(), "www." + p["url"][other][len("https://www."):],
                                   status])
        (received if taker == me else given).append(row)
    files = {}
    for name, rows, who in (("Endorsement_Received_Info.csv", received, "Endorser"),
                            ("Endorsement_Given_Info.csv", given, "Endorsee")):
        rows.sort(key=lambda r: (-r[0], r[1][1]))
        header = ["Endorsement Date", "Skill Name", f"{who} First Name", f"{who} Last Name",
                  f"{who} Public Url", "Endorsement Status"]
        if variant in ("2022", "2018"):
            header = header[:4] + header[5:]
            rows = [(w, r[:4] + r[5:]) for w, r in rows]
        files[name] = ("\n".join([csv_row(header)] + [csv_row(r) for _w, r in rows]) + "\n").encode("utf-8")
    return files


def _recommendations(world, i):
    p, t, r = world.people, world.ties, world.recommendations
    me = world.owners[i]["person"]
    companies = world.companies["company"].to_numpy()
    mine = np.isin(r["tie"], world.owner_ties[i])
    received, given = [], []
    for k in np.flatnonzero(mine).tolist():
        tie = int(r["tie"][k])
        a, b = int(t["a"][tie]), int(t["b"][tie])
        author, subject = (a, b) if r["a_to_b"][k] else (b, a)
        other = subject if author == me else author
        if p["hidden"][other]:
            continue
        c = p["company"][other]
        text = REC_TEXT[int(r["text"][k])].format(first=_clean_first(world, subject))
        row = [p["first"][other].strip(), p["last"][other].strip(), companies[c] if c >= 0 else "",
               p["position"][other] if c >= 0 else "", text, us_time(r["time"][k], pad=True)]
        if subject == me:
            received.append((int(r["time"][k]), [*row, "VISIBLE"]))
        else:
            given.append((int(r["time"][k]), [*row, ""]))
    header = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status"
    out = {}
    for name, rows in (("Recommendations_Received.csv", received), ("Recommendations_Given.csv", given)):
        rows.sort(key=lambda x: -x[0])
        out[name] = ("\n".join([header] + [csv_row(x) for _w, x in rows]) + "\n").encode("utf-8")
    return out


def _career(world, i, rng):
    """The owner's positions (current first) and schools, consistent with the world's companies."""
    p = world.people
    o = world.owners[i]
    me = o["person"]
    comp = world.companies
    own_company = int(p["company"][me])
    same = np.flatnonzero(comp["community"].to_numpy() == o["community"])
    same = same[same != own_company]
    join_year = PERSONAS[o["persona"]]["join"]
    start = date(join_year + 8, int(rng.integers(1, 13)), 1) if join_year + 8 < world.export_date.year \
        else date(world.export_date.year - 1, 1, 1)
    positions = [(own_company, p["position"][me], start, None)]
    n_past = int(rng.integers(1, 4))
    end = start
    for past in rng.choice(same, min(n_past, len(same)), replace=False).tolist():
        begin = date(end.year - int(rng.integers(2, 6)), int(rng.integers(1, 13)), 1)
        titles = SECTORS[comp["sector"].iat[past]][2 if p["french"][me] else 3]
        title = titles[int(rng.integers(len(titles)))]
        if "|" in title:
            title = title.split("|")[p["first"][me].strip() in FR_FIRST_F]
        positions.append((past, title, begin, end))
        end = begin
    return positions, end


def _ego_files(world, i, rng):
    p = world.people
    o = world.owners[i]
    me = o["person"]
    comm = world.communities.iloc[o["community"]]
    sector = SECTORS[comm["sector"]]
    positions, first_start = _career(world, i, rng)
    fr = p["french"][me]
    headline = f"{p['position'][me]} | {sector[4][0]} & {sector[4][1]}"
    summary = ("Je crée des ponts entre les gens et les idées." if fr else
               "I connect people and ideas, and I like to meet in person.")
    month = MONTHS[int(rng.integers(12))]
    zip_code = f"{CITIES[comm['city']][2]} {int(rng.integers(1, 10))}{'ABCEGHJKLMNPRSTVXY'[int(rng.integers(18))]}" \
               f"{int(rng.integers(1, 10))}"
    profile = ("First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
               "Geo Location,Twitter Handles,Websites,Instant Messengers\n")
    site = "".join(ch for ch in ascii_fold(p["name"][me]).lower() if ch.isalnum())[:20]
    profile += csv_row([p["first"][me].strip(), p["last"][me].strip(), "", "",
                     f"{month} {int(rng.integers(1, 29))}", headline, summary, sector[0], zip_code,
                     CITIES[comm["city"]][1], "", f"[PERSONAL:https://{site}.example]", ""]) + "\n"
    companies = world.companies["company"].to_numpy()
    lines = ["Company Name,Title,Description,Location,Started On,Finished On"]
    for c, title, begin, finish in positions:
        description = ""
        if finish is None:
            description = ("• Diriger une équipe de 6 personnes. • Développer le réseau de partenaires." if fr
                           else "• Lead a team of 6. • Built the partner network.")
        lines.append(csv_row([companies[c], title, description, CITIES[comm["city"]][1].rsplit(",", 1)[0],
                           f"{MONTHS[begin.month - 1]} {begin.year}",
                           "" if finish is None else f"{MONTHS[finish.month - 1]} {finish.year}"]))
    positions_csv = "\n".join(lines) + "\n"
    school = SCHOOLS[int(rng.integers(len(SCHOOLS)))]
    year = first_start.year
    education = ("School Name,Start Date,End Date,Notes,Degree Name,Activities\n"
                 + csv_row([school, str(year - 4), str(year), "", DEGREES[int(rng.integers(len(DEGREES)))],
                         "Comité étudiant" if fr else "Student council"]) + "\n"
                 + csv_row([SCHOOLS[(SCHOOLS.index(school) + 5) % len(SCHOOLS)], f"Sep {year - 7}",
                         f"Jun {year - 5}", "", "", ""]) + "\n")
    skills = "Name\n" + "\n".join(sector[4]) + "\n"
    follows = sorted({int(c) for c in rng.choice(len(companies), min(4, len(companies)), replace=False)})
    follow_lines = ["Organization,Followed On"]
    end = day_number(world.export_date) * DAY
    for k, c in enumerate(follows):
        t = time.gmtime(end - (k + 1) * 97 * DAY - int(rng.integers(0, DAY)))
        when = (f"{WEEKDAYS[t.tm_wday]} {MONTHS[t.tm_mon - 1]} {t.tm_mday:02d} "
                f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} UTC {t.tm_year}")
        follow_lines.append(csv_row([companies[c], when]))
    return {
        "Profile.csv": profile.encode("utf-8"),
        "Positions.csv": positions_csv.encode("utf-8"),
        "Education.csv": education.encode("utf-8"),
        "Skills.csv": skills.encode("utf-8"),
        "Company Follows.csv": "\n".join(follow_lines).encode("utf-8"),
    }


def export_files(world, owner=0, *, variant="2025"):
    """The files of one owner's export as ``{name: bytes}``, in archive order (see :func:`write_export`).

    Examples
    --------
    >>> from netanalysis.synth import make_world
    >>> w = make_world(150, owners=[{"persona": "member", "contacts": 30}], seed=8)
    >>> files = export_files(w, 0)
    >>> list(files)[:3]
    ['Connections.csv', 'messages.csv', 'Invitations.csv']
    >>> files["Connections.csv"].endswith(b"\\n")  # LinkedIn writes no final newline here
    False
    """
    if variant not in VARIANTS:
        raise InputError(f"unknown export variant '{variant}'; use one of {', '.join(VARIANTS)}.")
    i = world.owner_index(owner) if isinstance(owner, str) else int(owner)
    rng = np.random.default_rng([world.seed, 7919, i])
    files = {"Connections.csv": _connections(world, i, variant, rng)}
    files["Messages.csv" if variant == "2018" else "messages.csv"] = _messages(world, i, variant, rng)
    files["Invitations.csv"] = _invitations(world, i, variant, rng)
    files.update(_ego_files(world, i, rng))
    files.update(_endorsements(world, i, variant))
    files.update(_recommendations(world, i))
    return files


def write_export(world, owner, directory, *, variant="2025"):
    """Write one owner's export as ``Basic_LinkedInDataExport_MM-DD-YYYY.zip`` in ``directory``.

    The archive holds the CSV files at its root, DEFLATE-compressed, with fixed entry timestamps
    (the export day), so the same world always gives the same bytes.

    Parameters
    ----------
    world : World
    owner : int or str
        Position in ``world.owners``, or an owner's label or persona.
    directory : str or Path
    variant : {"2025", "2022", "2018", "excel"}
        ``2025``: the current format (Nov 2025 – 2026). ``2022``: 6-column Connections after the
        preamble, 9-column messages. ``2018``: no preamble, ``M/D/YY, h:mm AM`` dates, unsorted,
        ``Messages.csv``. ``excel``: the current export whose Connections.csv was re-saved by a
        spreadsheet (BOM, CRLF, ``;``, ``15-Feb-23`` dates).

    Returns
    -------
    pathlib.Path
        The archive's path.

    Examples
    --------
    >>> from netanalysis.synth import make_world
    >>> import tempfile, zipfile
    >>> w = make_world(200, owners=[{"persona": "networker", "contacts": 50}], seed=3)
    >>> path = write_export(w, 0, tempfile.mkdtemp())
    >>> path.name
    'Basic_LinkedInDataExport_11-02-2026.zip'
    >>> zipfile.ZipFile(path).read("Connections.csv").startswith(b"Notes:\\n")
    True
    """
    files = export_files(world, owner, variant=variant)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    d = world.export_date
    path = directory / f"Basic_LinkedInDataExport_{d.month:02d}-{d.day:02d}-{d.year}.zip"
    stamp = (d.year, d.month, d.day, 9, 41, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, data, compresslevel=6)
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_bytes(buffer.getvalue())
    tmp.replace(path)
    return path

"""One reader per LinkedIn CSV file: decoded text to a tidy table, every row used or reported."""

import re

import numpy as np
import pandas as pd

from ..identity import name_key
from . import _dates, _keys  # through the modules: tests swap in the reference paths there
from ._csvtable import read_table, text_column
from ._dates import (
    CONNECTED_ON_FORMATS,
    ENDORSEMENT_FORMATS,
    MESSAGE_DATE_FORMATS,
    MONTH_YEAR_FORMATS,
    SENT_AT_FORMATS,
    note_bad_dates,
)
from ._keys import name_keys
from ._rows import empty_mask, finish_codes, finish_report, first_reason, kept_frame, value_mask
from ._specs import SPECS, norm_header
from .tables import (
    CONTACT_COLUMNS,
    EDUCATION_COLUMNS,
    ENDORSEMENT_COLUMNS,
    INVITATION_COLUMNS,
    MESSAGE_COLUMNS,
    POSITION_COLUMNS,
    RECOMMENDATION_COLUMNS,
)

__all__ = [
    "KINDS",
    "read_connections",
    "read_education",
    "read_endorsements",
    "read_file",
    "read_invitations",
    "read_messages",
    "read_positions",
    "read_profile",
    "read_recommendations",
]

#: The files of an export, in the order they are read (``profile`` gives a dict, the others tables).
KINDS = ("connections", "messages", "invitations", "endorsements_received", "endorsements_given",
         "recommendations_received", "recommendations_given", "positions", "education", "profile")


def read_file(kind, text, name, report, export_report, raw=None):
    """Read one file of kind ``kind`` (see :data:`KINDS`), filling its ``report``.

    ``export_report`` (the export's ParseReport) counts the hidden members of Connections.csv;
    ``raw``: the UTF-8 bytes ``text`` was decoded from, if exactly that.
    """
    if kind == "connections":
        return read_connections(text, name, report, export_report, raw)
    if kind == "messages":
        return read_messages(text, name, report, raw)
    if kind == "invitations":
        return read_invitations(text, name, report, raw)
    if kind.startswith("endorsements"):
        return read_endorsements(text, name, report, kind, raw)
    if kind.startswith("recommendations"):
        return read_recommendations(text, name, report, kind, raw)
    if kind == "positions":
        return read_positions(text, name, report, raw)
    if kind == "education":
        return read_education(text, name, report, raw)
    return read_profile(text, name, report, raw)


def read_connections(text, name, report, export_report, raw=None):
    """Connections.csv -> contacts, keyed by profile URL (else name and company); hidden members counted."""
    table = read_table(text, name, SPECS["connections"], report, raw)
    n = table.n
    first = text_column(table, "first_name")
    last = text_column(table, "last_name")
    url = text_column(table, "url")
    email = text_column(table, "email")
    company = text_column(table, "company")
    position = text_column(table, "position")
    connected_raw = text_column(table, "connected_on")
    has_url = "url" in table.columns
    report.variant = (f"{len(table.header)} columns" + (" with URL" if has_url else " without URL")
                      + (", after the Notes preamble" if table.header_line > 1 else ""))
    connected, bad = _dates.parse_dates(connected_raw, CONNECTED_ON_FORMATS)
    connected = connected.dt.normalize()
    names = [f"{f} {la}".strip() for f, la in zip(first, last, strict=True)]
    keys = _keys.profile_keys_column(url) if has_url else [""] * n
    sources = ["url" if k else "name" for k in keys]
    if "name" in sources:
        missing = [i for i, k in enumerate(keys) if not k]
        for i, key in zip(missing, name_keys([names[i] for i in missing], [company[i] for i in missing]),
                          strict=True):
            keys[i] = key
    blank = ~np.fromiter(map(any, zip(names, url, email, company, position, strict=True)), dtype=bool, count=n)
    dated = ~empty_mask(connected_raw)
    nameless = empty_mask(names) & empty_mask(keys)
    codes = first_reason(n, [blank & dated, blank, nameless])
    labels = ["", "hidden member", "empty row", "no name and no profile URL"]
    lines = table.lines
    candidates = np.flatnonzero(codes == 0)
    if pd.Index([keys[i] for i in candidates]).has_duplicates:  # rare: find which, and their first line
        seen = {}
        for i in candidates.tolist():
            first_line = seen.setdefault(keys[i], lines[i])
            if first_line != lines[i]:
                codes[i] = len(labels)
                labels.append(f"duplicate of line {first_line}")
    keep = finish_codes(report, table, codes, labels)
    export_report.hidden_members += int(np.count_nonzero(codes == 1))
    note_bad_dates(report, bad & (codes == 0), "Connected On")
    return kept_frame({
        "key": keys, "key_source": sources, "name": names, "first_name": first, "last_name": last,
        "url": url, "email": email, "company": company, "position": position,
        "connected_on": connected, "line": np.array(lines, dtype=np.int64),
    }, keep, CONTACT_COLUMNS)


_URL_SPLIT = re.compile(r"\s*,\s*(?=(?:https?://|www\.|[\w-]+\.linkedin\.com|linkedin\.com|urn:))", re.I)
_TRUE = {"yes", "true", "1", "y", "oui", "x"}


def _split_urls(urls):
    """Recipient profile URLs: joined with ',' (no space); a lone URL needs no splitting."""
    if not urls:
        return []
    if "," not in urls:
        return [urls] if urls.strip() else []
    return [u for u in _URL_SPLIT.split(urls) if u.strip()]


def _split_names(to, count):
    """Recipient display names: joined with ',' and no space; a name may contain ', '."""
    if not to:
        return ()
    if count == 1:
        return (to,)
    return tuple(part.strip() for part in re.split(r",(?! )", to) if part.strip())


_MESSAGE_SKIPS = ("", "draft", "draft", "system event (no sender)", "sponsored conversation",
                  "LinkedIn Member sender (hidden or out of network)",
                  "sender has no profile URL (company or recruiter mail)", "date not understood")


def read_messages(text, name, report, raw=None):
    """messages.csv -> person-to-person messages (drafts, system, sponsored and unknown senders skipped)."""
    table = read_table(text, name, SPECS["messages"], report, raw)
    n = table.n
    cols = table.columns
    report.variant = f"{len(table.header)} columns" + ("" if "sender_url" in cols else " (2018, no URLs)")
    conv = text_column(table, "conversation_id")
    title = text_column(table, "conversation_title")
    sender = text_column(table, "from")
    sender_url = text_column(table, "sender_url")
    to = text_column(table, "to")
    recipient_urls = text_column(table, "recipient_urls")
    subject = text_column(table, "subject", strip=False)
    content = text_column(table, "content", strip=False)
    folder = text_column(table, "folder")
    draft_m = text_column(table, "message_draft")
    draft_c = text_column(table, "conversation_draft")
    date_raw = text_column(table, "date")
    dates, bad = _dates.parse_dates(date_raw, MESSAGE_DATE_FORMATS, utc=True)
    has_urls = "sender_url" in cols
    has_conv = "conversation_id" in cols
    sender_keys = _keys.profile_keys_column(sender_url) if has_urls else [name_key(s) if s else "" for s in sender]
    # Why a row is skipped, in the order the reasons are checked (the first that applies counts).
    no_sender = empty_mask(sender)
    codes = first_reason(n, [
        value_mask(draft_m, lambda v: v.casefold() in _TRUE) | value_mask(draft_c, lambda v: v.casefold() in _TRUE),
        # Drafts of new conversations have no conversation id and no recipient.
        (empty_mask(conv) & empty_mask(to) & empty_mask(recipient_urls)) if has_conv else np.zeros(n, dtype=bool),
        no_sender,
        value_mask(title, lambda v: v.casefold() == "sponsored conversation"),
        value_mask(sender, lambda v: v.casefold() == "linkedin member"),
        empty_mask(sender_keys),
        bad | empty_mask(date_raw),
    ])
    keep = finish_codes(report, table, codes, _MESSAGE_SKIPS)
    # Recipients of the rows kept, worked out once per distinct (names, URLs) pair, with all the
    # URLs keyed in one go.
    keep_list = keep.tolist()
    pairs = list(zip([to[i] for i in keep_list], [recipient_urls[i] for i in keep_list], strict=True))
    split = {urls: _split_urls(urls) for urls in {urls for _, urls in pairs}}
    every_url = list({url: None for urls in split.values() for url in urls})
    key_of = dict(zip(every_url, _keys.profile_keys_column(every_url), strict=True))
    recipients = {}
    for pair in pairs:
        if pair not in recipients:
            urls = split[pair[1]]
            names = _split_names(pair[0], len(urls) if urls else (1 if "," not in pair[0] else 0))
            recipients[pair] = (names, tuple(key_of[u] for u in urls if key_of[u]))
    found = [recipients[pair] for pair in pairs]
    recipient_names = pd.Series([names for names, _ in found], dtype=object)
    recipient_keys = pd.Series([keys for _, keys in found], dtype=object)
    return kept_frame({
        "conversation_id": conv, "conversation_title": title, "date": dates,
        "sender_name": sender, "sender_key": sender_keys,
        "recipient_names": recipient_names, "recipient_keys": recipient_keys,
        "subject": subject, "content": content, "folder": folder,
        "line": np.array(table.lines, dtype=np.int64),
    }, keep, MESSAGE_COLUMNS)


def read_invitations(text, name, report, raw=None):
    """Invitations.csv -> invitations sent and received, with the inviter's and invitee's keys."""
    table = read_table(text, name, SPECS["invitations"], report, raw)
    n = table.n
    header = [norm_header(c) for c in table.header]
    inviter = text_column(table, "inviter_url")
    invitee = text_column(table, "invitee_url")
    if "inviter_url" in table.columns:
        kind = "URN" if header[table.columns["inviter_url"]].endswith("urn") else "URL"
        report.variant = f"{len(table.header)} columns with profile {kind}s"
    else:
        report.variant = f"{len(table.header)} columns without profile URLs"
    urns = sum(1 for v in inviter + invitee if v.casefold().startswith("urn:"))
    if urns:
        report.notes.append(f"{urns} profile values are member URNs, not URLs; their keys are left empty")
    inviter_keys = _keys.profile_keys_column(inviter)
    invitee_keys = _keys.profile_keys_column(invitee)
    slugless = sum(1 for v, k in zip(inviter + invitee, inviter_keys + invitee_keys, strict=True)
                   if v and not v.casefold().startswith("urn:") and not k)
    if slugless:
        report.notes.append(f"{slugless} profile URLs have no profile name (bare linkedin.com/in); "
                            "their keys are left empty")
    sent, bad = _dates.parse_dates(text_column(table, "sent_at"), SENT_AT_FORMATS)
    from_names, to_names = text_column(table, "from"), text_column(table, "to")
    direction = [d.upper() for d in text_column(table, "direction")]
    codes = first_reason(n, [empty_mask(from_names) & empty_mask(to_names),
                              value_mask(direction, lambda d: d not in {"INCOMING", "OUTGOING"})])
    labels = ["", "empty row"]
    for i in np.flatnonzero(codes == 2).tolist():
        codes[i] = len(labels)
        labels.append(f"direction '{direction[i]}' is neither INCOMING nor OUTGOING")
    keep = finish_codes(report, table, codes, labels)
    note_bad_dates(report, bad & (codes == 0), "Sent At")
    return kept_frame({
        "from_name": from_names, "to_name": to_names, "sent_at": sent,
        "message": text_column(table, "message", strip=False), "direction": direction,
        "inviter_key": inviter_keys, "invitee_key": invitee_keys,
        "line": np.array(table.lines, dtype=np.int64),
    }, keep, INVITATION_COLUMNS)


def read_endorsements(text, name, report, kind, raw=None):
    """Endorsement_Received_Info.csv or Endorsement_Given_Info.csv (``kind``) -> endorsements."""
    table = read_table(text, name, SPECS[kind], report, raw)
    has_url = "url" in table.columns
    report.variant = f"{len(table.header)} columns" + (" with public URL" if has_url else " without URL")
    first, last, url = text_column(table, "first_name"), text_column(table, "last_name"), text_column(table, "url")
    names = [f"{f} {la}".strip() for f, la in zip(first, last, strict=True)]
    keys = _keys.profile_keys_column(url)
    keys = [k or (name_key(nm) if nm else "") for k, nm in zip(keys, names, strict=True)]
    dates, bad = _dates.parse_dates(text_column(table, "date"), ENDORSEMENT_FORMATS, utc=True)
    skills = text_column(table, "skill")
    codes = first_reason(table.n, [empty_mask(keys)])
    keep = finish_codes(report, table, codes, ("", "no endorser or endorsee name"))
    note_bad_dates(report, bad & (codes == 0), "Endorsement Date")
    return kept_frame({
        "date": dates, "skill": skills, "name": names, "key": keys,
        "status": [s.upper() for s in text_column(table, "status")],
        "line": np.array(table.lines, dtype=np.int64),
    }, keep, ENDORSEMENT_COLUMNS)


def read_recommendations(text, name, report, kind, raw=None):
    """Recommendations_Received.csv or Recommendations_Given.csv (``kind``) -> recommendations."""
    table = read_table(text, name, SPECS[kind], report, raw)
    n = table.n
    report.variant = f"{len(table.header)} columns"
    first, last = text_column(table, "first_name"), text_column(table, "last_name")
    company = text_column(table, "company")
    names = [f"{f} {la}".strip() for f, la in zip(first, last, strict=True)]
    created, bad = _dates.parse_dates(text_column(table, "created_at"), SENT_AT_FORMATS)
    keys = name_keys(names, company)
    codes = first_reason(n, [empty_mask(names)])
    keep = finish_codes(report, table, codes, ("", "no name"))
    note_bad_dates(report, bad & (codes == 0), "Creation Date")
    return kept_frame({
        "name": names, "company": company, "job_title": text_column(table, "job_title"),
        "text": text_column(table, "text", strip=False), "created_at": created,
        "status": text_column(table, "status"), "key": keys, "line": np.array(table.lines, dtype=np.int64),
    }, keep, RECOMMENDATION_COLUMNS)


def read_positions(text, name, report, raw=None):
    """Positions.csv -> the owner's positions."""
    table = read_table(text, name, SPECS["positions"], report, raw)
    report.variant = f"{len(table.header)} columns"
    company, title = text_column(table, "company"), text_column(table, "title")
    started, bad_s = _dates.parse_dates(text_column(table, "started_on"), MONTH_YEAR_FORMATS)
    finished, bad_f = _dates.parse_dates(text_column(table, "finished_on"), MONTH_YEAR_FORMATS)
    codes = first_reason(table.n, [empty_mask(company) & empty_mask(title)])
    keep = finish_codes(report, table, codes, ("", "no company and no title"))
    note_bad_dates(report, (bad_s | bad_f) & (codes == 0), "Started On/Finished On")
    return kept_frame({
        "company": company, "title": title, "description": text_column(table, "description", strip=False),
        "location": text_column(table, "location"), "started_on": started, "finished_on": finished,
        "line": np.array(table.lines, dtype=np.int64),
    }, keep, POSITION_COLUMNS)


def read_education(text, name, report, raw=None):
    """Education.csv -> the owner's schools."""
    table = read_table(text, name, SPECS["education"], report, raw)
    report.variant = f"{len(table.header)} columns"
    school = text_column(table, "school")
    started, bad_s = _dates.parse_dates(text_column(table, "started_on"), MONTH_YEAR_FORMATS)
    finished, bad_f = _dates.parse_dates(text_column(table, "finished_on"), MONTH_YEAR_FORMATS)
    codes = first_reason(table.n, [empty_mask(school)])
    keep = finish_codes(report, table, codes, ("", "no school name"))
    note_bad_dates(report, (bad_s | bad_f) & (codes == 0), "Start Date/End Date")
    return kept_frame({
        "school": school, "started_on": started, "finished_on": finished,
        "degree": text_column(table, "degree"), "activities": text_column(table, "activities"),
        "line": np.array(table.lines, dtype=np.int64),
    }, keep, EDUCATION_COLUMNS)


def _snake(header):
    return re.sub(r"[^0-9a-z]+", "_", header.strip().casefold()).strip("_")


def read_profile(text, name, report, raw=None):
    """Profile.csv -> the owner's profile as a dict with snake_case keys (empty when unusable)."""
    table = read_table(text, name, SPECS["profile"], report, raw)
    report.variant = f"{len(table.header)} columns"
    reasons = [""] + ["the owner's profile has one row; extra row"] * (table.n - 1)
    first = table.row(0) if table.n else []
    if table.n and not any(c.strip() for c in first):
        reasons[0] = "empty row"
    reasons = reasons[:table.n]
    used = [not r for r in reasons]
    finish_report(report, table, used, reasons)
    if not table.n or reasons[0]:
        return {}
    profile = {}
    for index, header in enumerate(table.header):
        key = _snake(header)
        if key and key not in profile:
            profile[key] = first[index].strip()
    profile["name"] = f"{profile.get('first_name', '')} {profile.get('last_name', '')}".strip()
    return profile

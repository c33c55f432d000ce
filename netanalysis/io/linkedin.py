"""The LinkedIn export source: its files found in a zip, a folder or a lone Connections.csv, read, its owner found.

A source module has ``detect(path)`` and ``read(path)`` (see ``registry.py``). LinkedIn's is
registered last: it reads whatever no other source claims and gives the plain error for a file
it cannot read.
"""

import dataclasses
import re
import zipfile
from collections import Counter
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..identity import key_source_of, name_key, normalize_name, profile_key, profile_url
from . import _keys  # through the module: tests swap in the reference path there
from ._archive import check_file_size, folder_members, load_members, read_file_bytes, zip_members
from ._decode import decode_keeping_bytes
from ._linkedin_files import KINDS, read_file
from .tables import Export, FileReport, ParseReport, Skip

__all__ = ["FILE_NAMES", "detect", "read", "set_owner_name", "set_owner_url"]

# Export file names, normalised (case, spaces, underscores and hyphens ignored) -> spec.
FILE_NAMES = {
    "connections": "connections",
    "messages": "messages",
    "invitations": "invitations",
    "endorsementreceivedinfo": "endorsements_received",
    "endorsementgiveninfo": "endorsements_given",
    "recommendationsreceived": "recommendations_received",
    "recommendationsgiven": "recommendations_given",
    "positions": "positions",
    "education": "education",
    "profile": "profile",
}


def _norm_file_name(name):
    base = name.rsplit("/", 1)[-1]
    if base.lower().endswith(".csv"):
        base = base[:-4]
    return re.sub(r"[\s_\-]+", "", base.casefold())


def _pick_members(members, label):
    """Choose one member per known file, all from the folder that holds Connections.csv.

    Connections.csv may sit at the root or one folder down; the other files are taken from the
    same folder (so two exports unzipped side by side are never mixed). A legacy duplicate with
    spaces in its name (the UTF-16 ``Endorsement Received Info.csv`` of 2022) loses to the
    modern one.
    """
    candidates = {}
    for member in members:
        parts = [p for p in member.split("/") if p]
        if not parts or len(parts) > 2 or not member.lower().endswith(".csv") or ".." in parts:
            continue
        normalized = _norm_file_name(member)
        kind = FILE_NAMES.get(normalized)
        part = 0
        if kind is None:
            # 2026 archives reportedly split big files: messages_577732310.csv, …
            split = re.fullmatch(r"messages(\d{1,12})", normalized)
            if split is None:
                continue
            kind, part = "messages", int(split.group(1))
        folder = parts[0] if len(parts) == 2 else ""
        candidates.setdefault(kind, []).append((len(parts), " " in parts[-1], member, folder, part))
    if "connections" not in candidates:
        return {}
    options = sorted(candidates["connections"])
    if options[0][0] == 2 and len({o[3] for o in options}) > 1:
        folders = ", ".join(sorted({o[3] for o in options}))
        raise InputError(f"{label} holds several exports ({folders}); give one of them.")
    base = options[0][3]
    chosen = {}
    for kind, found in candidates.items():
        here = sorted(o for o in found if o[3] == base)
        if not here:
            continue
        parts = sorted((o[4], o[2]) for o in here if o[4])
        if kind == "messages" and parts:
            # every part, the unsplit file (if any) first
            whole = [o[2] for o in here if not o[4]][:1]
            chosen[kind] = whole + [member for _, member in parts]
        else:
            chosen[kind] = [here[0][2]]
    return chosen


_DATE_IN_NAME = re.compile(r"(\d{2})-(\d{2})-(\d{4})")


def _export_date(*names):
    import datetime

    for name in names:
        match = _DATE_IN_NAME.search(name)
        if match:
            month, day, year = (int(g) for g in match.groups())
            try:
                return datetime.date(year, month, day)
            except ValueError:
                continue
    return None


# ---------------------------------------------------------------------------------------------
# Owner


def _owner(profile, messages, invitations, stem):
    name = profile.get("name", "") if profile else ""
    if len(messages):
        if name:
            # The messages the owner sent: senders with a profile URL and the profile's name.
            wanted = normalize_name(name)
            same = [n for n in messages["sender_name"].unique().tolist() if _keys.normalized_name(n) == wanted]
            mine = messages.loc[messages["sender_name"].isin(same), "sender_key"].tolist()
            counts = Counter(k for k in mine if key_source_of(k) == "url")
            if counts:
                key = min(counts, key=lambda k: (-counts[k], k))
                return {"key": key, "name": name, "url": profile_url(key), "identified_by": "messages"}
        # The owner takes part in every conversation: count conversations per participant.
        participants = pd.concat([
            messages[["conversation_id", "sender_key"]].rename(columns={"sender_key": "key"}),
            messages[["conversation_id", "recipient_keys"]].explode("recipient_keys")
            .rename(columns={"recipient_keys": "key"}),
        ]).dropna()
        keys = participants["key"].astype(str)
        profiles = [k for k in keys.unique().tolist() if key_source_of(k) == "url"]
        participants = participants[keys.isin(profiles)]
        per_key = participants.drop_duplicates().groupby("key")["conversation_id"].size()
        if len(per_key):
            key = min(per_key.index, key=lambda k: (-per_key[k], k))
            sent = messages.loc[messages["sender_key"] == key, "sender_name"]
            owner_name = name or (Counter(sent).most_common(1)[0][0] if len(sent) else "")
            return {"key": key, "name": owner_name, "url": profile_url(key), "identified_by": "messages"}
    if len(invitations):
        keys = list(invitations.loc[invitations["direction"] == "OUTGOING", "inviter_key"])
        keys += list(invitations.loc[invitations["direction"] == "INCOMING", "invitee_key"])
        counts = Counter(k for k in keys if k)
        if counts:
            key = min(counts, key=lambda k: (-counts[k], k))
            if not name:
                out = invitations[(invitations["direction"] == "OUTGOING") & (invitations["inviter_key"] == key)]
                name = out["from_name"].iloc[0] if len(out) else ""
            return {"key": key, "name": name, "url": profile_url(key), "identified_by": "invitations"}
    if name:
        return {"key": name_key(name, ""), "name": name, "url": "", "identified_by": "profile"}
    return {"key": f"owner:{stem}", "name": "", "url": "", "identified_by": "unknown"}


def set_owner_name(export, name):
    """Return a copy of ``export`` whose owner is called ``name`` (the key is kept).

    For an export that cannot tell its owner's name (a lone ``Connections.csv`` has no Profile.csv):
    pages, maps and tables then say the name rather than a machine key such as ``owner:Connections``.

    Parameters
    ----------
    export : Export
    name : str
        The owner's name, as it should be shown.

    Returns
    -------
    Export

    Raises
    ------
    InputError
        If ``name`` is blank.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from netanalysis.io import read_export
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "Connections.csv")
    ...     _ = path.write_text("First Name,Last Name,Company,Position,Connected On\\n"
    ...                         "Lotte,Brandvik,Oresund Logistics,Analyst,09 Aug 2022\\n")
    ...     export = read_export(path)
    >>> set_owner_name(export, " Kwame  Asante ").owner
    {'key': 'owner:Connections', 'name': 'Kwame Asante', 'url': '', 'identified_by': 'unknown'}
    """
    name = " ".join(str(name or "").split())
    if not name:
        raise InputError("--name is empty; give the name to show for the export's owner, e.g. --name \"Ana Lima\".")
    return dataclasses.replace(export, owner={**export.owner, "name": name})


def set_owner_url(export, url):
    """Return a copy of ``export`` whose owner is the person at ``url`` (``identified_by="given"``).

    Use it when the owner could not be found in the export (no messages, no invitations).

    Parameters
    ----------
    export : Export
    url : str
        The owner's LinkedIn profile URL.

    Returns
    -------
    Export

    Raises
    ------
    InputError
        If ``url`` is not a LinkedIn profile URL.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from netanalysis.io import read_export
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "Connections.csv")
    ...     _ = path.write_text("First Name,Last Name,Company,Position,Connected On\\n"
    ...                         "Lotte,Brandvik,Oresund Logistics,Analyst,09 Aug 2022\\n")
    ...     export = read_export(path)
    >>> export.owner["identified_by"]
    'unknown'
    >>> set_owner_url(export, "https://www.linkedin.com/in/Kwame-Asante/").owner
    {'key': 'linkedin.com/in/kwame-asante', 'name': '', 'url': 'https://www.linkedin.com/in/Kwame-Asante/', 'identified_by': 'given'}
    """
    key = profile_key(url)
    if not key:
        raise InputError(f"'{url}' is not a LinkedIn profile URL; give one like https://www.linkedin.com/in/your-name.")
    owner = {"key": key, "name": export.owner.get("name", ""), "url": str(url).strip(), "identified_by": "given"}
    return dataclasses.replace(export, owner=owner)


# ---------------------------------------------------------------------------------------------
# What the reader reports about the files it chose and the dates it read

def _same_name_copies(archive, used):
    """{member read: how many archive entries share its name} for names held more than once."""
    if archive is None:
        return {}
    counts = Counter(info.filename for info in archive.infolist())
    return {name: counts[name] for name in used if counts[name] > 1}


def _alternatives_note(member, kind, chosen, members, copies):
    """Notes saying which other copies of this file exist and that this one was read."""
    notes = []
    if copies.get(member, 1) > 1:
        notes.append(f"the archive holds {copies[member]} entries named {member}; the last one was read, "
                     "the others were not")
    if kind != "messages":
        folder = member.rsplit("/", 1)[0] if "/" in member else ""
        others = sorted(m for m in members if m != member and m.lower().endswith(".csv")
                        and (m.rsplit("/", 1)[0] if "/" in m else "") == folder
                        and FILE_NAMES.get(_norm_file_name(m)) == kind)
        if others:
            notes.append(f"{', '.join(others)} is the same file under another name; {member} was read, "
                         "not it")
    return notes


def _today():
    import datetime

    return datetime.date.today()


# The date column of each table, checked against the export date (a date after it is impossible).
_DATED = {"connections": "connected_on", "messages": "date", "invitations": "sent_at",
          "endorsements_received": "date", "endorsements_given": "date",
          "recommendations_received": "created_at", "recommendations_given": "created_at"}
_FUTURE_LINES_SHOWN = 5
_DAY_NS = 86_400 * 10**9


def _future_dates(frame, kind, limit, file_report, what):
    """Dates after ``limit`` (the export date, else today) left empty and reported with their lines.

    A date in 2200 would otherwise become the day the data describes ("now") and make every tie
    look centuries old. Messages so dated are skipped (a message needs its date); elsewhere the
    row is kept without the date.
    """
    column = _DATED.get(kind)
    if column is None or not len(frame):
        return frame
    # (nanoseconds since the epoch, UTC for time-zoned columns; NaT is the smallest integer)
    after = pd.Timestamp(limit).value + _DAY_NS
    future = frame[column].array.asi8 >= after
    if not future.any():
        return frame
    lines = frame["line"].to_numpy()[future].tolist()
    if kind == "messages":
        file_report.skipped.extend(Skip(line, f"date after {what} ({limit.isoformat()})") for line in lines)
        file_report.skipped.sort(key=lambda skip: skip.line)
        file_report.used -= len(lines)
        return frame[~future].reset_index(drop=True)
    shown = ", ".join(map(str, lines[:_FUTURE_LINES_SHOWN])) + (", …" if len(lines) > _FUTURE_LINES_SHOWN else "")
    file_report.notes.append(f"{len(lines)} {_COLUMN_NAMES[kind]} value(s) after {what} "
                             f"({limit.isoformat()}) left empty (line {shown})")
    frame = frame.copy()
    frame.loc[future, column] = pd.NaT
    return frame


_COLUMN_NAMES = {"connections": "Connected On", "messages": "Date", "invitations": "Sent At",
                 "endorsements_received": "Endorsement Date", "endorsements_given": "Endorsement Date",
                 "recommendations_received": "Creation Date", "recommendations_given": "Creation Date"}


# ---------------------------------------------------------------------------------------------
# The source


def detect(path):
    """Whether this source reads ``path``: always, as the last source registered.

    Any zip, folder or file no other source claims is read as a LinkedIn export, so that a file
    that is no export gets LinkedIn's plain error (not a zip, no Connections.csv, wrong header…).
    """
    return True


def read(path):
    """Read the LinkedIn export at ``path`` (a zip, a folder or a Connections.csv that exists).

    See :func:`netanalysis.io.read_export`, which calls it.
    """
    path = Path(path)
    label = path.name or str(path)
    report = ParseReport()
    stem = re.sub(r"(\.zip)+$", "", path.name, flags=re.I)
    stem = re.sub(r"\.csv$", "", stem, flags=re.I)
    archive = None
    unreadable = []
    if path.suffix.lower() in {".xlsx", ".xls", ".numbers", ".ods"}:
        raise InputError(f"{label} is a spreadsheet; save it as CSV (Connections.csv) or pass the export zip.")
    if path.is_dir():
        members = folder_members(path, label, unreadable)
        export_date = _export_date(path.name)
    elif path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
        members, archive = zip_members(path, label)
        export_date = _export_date(path.name)
    else:
        members = None
        export_date = _export_date(path.name, path.parent.name)
    try:
        if members is None:
            data = read_file_bytes(path)
            check_file_size("connections", label, len(data))
            tables = {"connections": [(label, data)]}
        else:
            chosen = _pick_members(members, label)
            if "connections" not in chosen and archive is None:
                # A folder that holds the downloaded archive itself (the sample data's layout).
                inner = sorted(p for p in path.iterdir()
                               if p.is_file() and re.search(r"linkedindataexport.*\.zip$", p.name, re.I))
                if len(inner) == 1:
                    return read(inner[0])
            if "connections" not in chosen:
                raise InputError(f"{label} contains no Connections.csv at its top level or one folder down; "
                                 "is it a LinkedIn data export?")
            tables = load_members(members, chosen, label)
            used_members = {m for ms in chosen.values() for m in ms}
            report.ignored_files = sorted(m for m in members if m not in used_members)
            report.ignored_files += [f"{entry}: skipped, it cannot be read" for entry in unreadable]
            copies = _same_name_copies(archive, used_members)
    finally:
        if archive is not None:
            archive.close()

    frames = {}
    profile = {}
    limit, what = (export_date, "the export date") if export_date else (_today(), "today")
    for kind in KINDS:
        parts = []
        for member, data in tables.get(kind, []):
            file_report = FileReport(name=member)
            text, encoding, notes, raw = decode_keeping_bytes(data, member)
            file_report.encoding = encoding
            file_report.notes.extend(notes)
            if members is not None:
                file_report.notes.extend(_alternatives_note(member, kind, chosen, members, copies))
            if kind == "profile":
                profile = read_file(kind, text, member, file_report, report, raw)
            else:
                part = read_file(kind, text, member, file_report, report, raw)
                parts.append(_future_dates(part, kind, limit, file_report, what))
            report.files[member] = file_report
        if len(parts) == 1:
            frames[kind] = parts[0]
        elif parts:
            # Split files: ``line`` refers to each part's own file (see report.files).
            frames[kind] = pd.concat(parts, ignore_index=True)

    export = Export(path=str(path), owner={}, contacts=frames["connections"], profile=profile,
                    report=report, export_date=export_date)
    for kind, frame in frames.items():
        if kind != "connections":
            setattr(export, kind, frame)
    export.owner = _owner(profile, export.messages, export.invitations, stem)
    return export

"""Other networks' archives: Facebook friends, Instagram followers and following, X following and followers.

Each file is recognised by its content, never by its name:

==============================  ==========================================================  ============
file                            content                                                     kind
==============================  ==========================================================  ============
Facebook ``your_friends.json``  ``{"friends_v2": [{"name", "timestamp"}, …]}`` (older:       ``facebook``
                                ``"friends"``)
Instagram ``followers_1.json``  ``[{"title", "string_list_data": [{"href", "value",          ``instagram``
                                "timestamp"}]}, …]`` (a bare list: the followers)
Instagram ``following.json``    ``{"relationships_following": [same entries]}`` (or          ``instagram``
                                ``relationships_followers``); newer exports put the user
                                name in ``title`` and leave ``value`` out
X ``following.js``,             ``window.YTD.following.part0 = [{"following":               ``x``
``follower.js``                 {"accountId", "userLink"}}, …]``
==============================  ==========================================================  ============

What each gives:

- **Facebook**: the friends' names and the date each friendship began (an occasion of kind
  ``"friendship"``). Facebook writes each UTF-8 byte of a name as its own ``\\u00XX`` escape
  ("JÃ¼rgen"); a name is repaired with ``s.encode("latin-1").decode("utf-8")`` when that
  round-trips, and left as it is otherwise. People are ``facebook:<normalised name>`` (a second
  friend of the same name ``…#2``).
- **Instagram**: user names (lower-cased) and the date of each follow (kind ``"follow"``, role
  ``follower`` or ``following``); people are ``instagram:<user name>`` with no name.
- **X**: account ids only, without names, handles or dates; people are ``x:<account id>``. The
  Records' ``notes`` say so: offline, an id cannot be matched to anyone.

Names-only people are never merged with anyone on their name: identity across sources may only
*suggest* a match for them. In the report, a "line" is the entry's number in its list (1 = the
first). A file of one of these archives that lists something else (Facebook's removed friends or
friend requests, Instagram's close friends or blocked accounts) is refused with one sentence
naming the file to give instead.
"""

import json
import re
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..identity import normalize_name
from ._decode import decode
from ._recordframes import count_phrase, finish_records, head_text, read_limited
from .tables import FileReport, Skip

__all__ = ["detect", "read", "repair_mojibake"]

_FACEBOOK = re.compile(r'^\s*\{\s*"(friends_v2|friends|deleted_friends_v2|sent_requests_v2|received_requests_v2|'
                       r'rejected_requests_v2|removed_friends_v2)"\s*:')
_FACEBOOK_OTHER = {
    "deleted_friends_v2": "removed friends", "removed_friends_v2": "removed friends",
    "sent_requests_v2": "friend requests sent", "received_requests_v2": "friend requests received",
    "rejected_requests_v2": "friend requests declined",
}
_INSTAGRAM = re.compile(r'^\s*\{\s*"(relationships_[a-z_]+)"\s*:')
# (An empty list "[]" is not claimed: it could be any file's.)
_INSTAGRAM_LIST = re.compile(r'^\s*\[\s*\{\s*"(title|media_list_data|string_list_data)"\s*:')
_X = re.compile(r"^\s*window\.YTD\.(following|follower)\.part\d+\s*=\s*\[")
_USERNAME = re.compile(r"^[a-z0-9._]{1,30}$")
_ACCOUNT_ID = re.compile(r"^\d{1,20}$")


def repair_mojibake(text):
    """Undo Facebook's (and Instagram's) escaping of UTF-8 bytes as Latin-1 characters, when it round-trips.

    Examples
    --------
    >>> repair_mojibake("JÃ¼rgen MÃ¼ller"), repair_mojibake("ZoÃ« ð\\x9f\\x98\\x80")
    ('Jürgen Müller', 'Zoë 😀')
    >>> repair_mojibake("Zoë"), repair_mojibake("Ana")  # already right: left as it is
    ('Zoë', 'Ana')
    """
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _format(text):
    """(network, key) of a file's head: ("facebook", "friends_v2"), ("instagram", None) for a bare list, …"""
    text = text.lstrip("\ufeff")
    for network, pattern in (("facebook", _FACEBOOK), ("instagram", _INSTAGRAM), ("x", _X)):
        found = pattern.match(text)
        if found:
            return network, found.group(1)
    if _INSTAGRAM_LIST.match(text):
        return "instagram", None
    return None


def detect(path):
    """Whether ``path`` is one of the files in the table above, by its first bytes.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "data.txt")
    ...     _ = path.write_text('window.YTD.following.part0 = [ ]')
    ...     detect(path)
    True
    """
    text = head_text(path, 4096)
    return text is not None and _format(text) is not None


def _load(text, name, prefix_end=0):
    try:
        return json.loads(text[prefix_end:])
    except json.JSONDecodeError as error:
        line = text.count("\n", 0, prefix_end + error.pos) + 1
        raise InputError(f"{name}, line {line}: not valid JSON ({error.msg}); download the archive again.") from None
    except RecursionError:
        raise InputError(f"{name}: the JSON is nested too deeply to be an archive file.") from None


def _timestamp(value):
    """A UTC time from seconds since 1970 (NaT when absent or not a plausible number)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 4e9:
        return pd.NaT
    return pd.Timestamp(int(value), unit="s", tz="UTC")


class _Reader:
    """Rows and accounting of one network file."""

    def __init__(self, name, kind):
        self.kind, self.report = kind, FileReport(name=name, encoding="utf-8")
        self.people, self.occasions, self.presence, self.seen = [], [], [], {}
        self.repaired = 0

    def skip(self, number, reason):
        self.report.skipped.append(Skip(number, reason))

    def add(self, number, person, name, start, role, occasion_kind):
        occasion = f"{self.kind}:{role}:{number}"
        self.people.append((person, name, (), (), "", number))
        self.occasions.append((occasion, occasion_kind, start, "unknown", "", 2, "", False, number))
        self.presence.append((occasion, person, role, ""))
        self.report.used += 1

    def finish(self, path, notes):
        self.report.rows = self.report.used + len(self.report.skipped)
        if self.repaired:
            self.report.notes.append(f"{count_phrase(self.repaired, 'name')} repaired (UTF-8 bytes written as "
                                     "\\u00XX escapes)")
        return finish_records(path, self.kind, self.report, self.people, self.occasions, self.presence, notes)


def _facebook(path, name, data, key):
    if key in _FACEBOOK_OTHER:
        raise InputError(f"{name} lists Facebook's {_FACEBOOK_OTHER[key]}, not friends; give your_friends.json.")
    entries = data.get(key)
    if not isinstance(entries, list):
        raise InputError(f"{name}: \"{key}\" is not a list of friends; download the archive again.")
    reader = _Reader(name, "facebook")
    reader.report.variant = f"Facebook {key} (line = entry number)"
    for number, entry in enumerate(entries, start=1):
        raw = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(entry, dict):
            reader.skip(number, "not a friend entry (an object with a name)")
            continue
        if not isinstance(raw, str) or not normalize_name(raw):
            reader.skip(number, "no name")
            continue
        friend = " ".join(repair_mojibake(raw).split())
        reader.repaired += friend != " ".join(raw.split())
        base = f"facebook:{normalize_name(friend)}"
        count = reader.seen[base] = reader.seen.get(base, 0) + 1
        person = base if count == 1 else f"{base}#{count}"
        reader.add(number, person, friend, _timestamp(entry.get("timestamp")), "friend", "friendship")
    notes = ["Facebook lists friends by name only: they can be suggested as matches by name, never merged."]
    return reader.finish(path, notes)


def _instagram_username(entry):
    items = entry.get("string_list_data")
    item = items[0] if isinstance(items, list) and items and isinstance(items[0], dict) else {}
    for value in (item.get("value"), entry.get("title")):
        if isinstance(value, str) and value.strip():
            return repair_mojibake(value.strip()).lower().lstrip("@"), item
    href = item.get("href")
    if isinstance(href, str):
        path = re.sub(r"^https?://(www\.)?instagram\.com/", "", href.strip()).strip("/")
        return (path[3:] if path.startswith("_u/") else path).lower(), item
    return "", item


def _instagram(path, name, data, key):
    if key is None:
        role, entries = "follower", data
    elif key in ("relationships_following", "relationships_followers"):
        role, entries = key[len("relationships_"):].rstrip("s"), data.get(key)
    else:
        what = key[len("relationships_"):].replace("_", " ")
        raise InputError(f"{name} lists Instagram's {what}, not followers or following; give followers_1.json "
                         "or following.json.")
    if not isinstance(entries, list):
        raise InputError(f"{name}: \"{key}\" is not a list of accounts; download the archive again.")
    reader = _Reader(name, "instagram")
    reader.report.variant = f"Instagram {role}s (line = entry number)"
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            reader.skip(number, "not an account entry (an object)")
            continue
        username, item = _instagram_username(entry)
        if not _USERNAME.match(username):
            reader.skip(number, "no user name" if not username else "not an Instagram user name")
            continue
        person = f"instagram:{username}"
        if person in reader.seen:
            reader.skip(number, f"the same account as entry {reader.seen[person]}")
            continue
        reader.seen[person] = number
        reader.add(number, person, "", _timestamp(item.get("timestamp")), role, "follow")
    notes = ["Instagram lists user names only: they can be suggested as matches, never merged."]
    return reader.finish(path, notes)


def _x(path, name, text, role):
    start = text.index("=") + 1
    data = _load(text, name, start)
    if not isinstance(data, list):
        raise InputError(f"{name}: window.YTD.{role} is not a list of accounts; download the archive again.")
    reader = _Reader(name, "x")
    reader.report.variant = f"X {role} (line = entry number)"
    for number, entry in enumerate(data, start=1):
        inner = entry.get(role) if isinstance(entry, dict) else None
        account = inner.get("accountId") if isinstance(inner, dict) else None
        account = str(account).strip() if isinstance(account, (str, int)) and not isinstance(account, bool) else ""
        if not _ACCOUNT_ID.match(account):
            reader.skip(number, "no account id")
            continue
        person = f"x:{account}"
        if person in reader.seen:
            reader.skip(number, f"the same account as entry {reader.seen[person]}")
            continue
        reader.seen[person] = number
        reader.add(number, person, "", pd.NaT, role, "follow")
    notes = [f"X lists account ids only (no name, no handle, no date): these {reader.report.used} accounts cannot "
             "be matched to people offline, so they add no evidence about anyone in the LinkedIn network."]
    return reader.finish(path, notes)


def read(path):
    """Read a Facebook, Instagram or X file of friends or follows (the table above).

    Parameters
    ----------
    path : str or path-like
        An existing file (:func:`netanalysis.io.records.read_source` checks it).

    Returns
    -------
    Records
        ``kind`` ``"facebook"``, ``"instagram"`` or ``"x"``; one person, one occasion (a
        friendship or a follow, dated when the file says when) and one presence row per entry.

    Raises
    ------
    InputError
        Invalid JSON (with its line), a file over 16 MiB, or an archive file that lists something
        else than friends or follows.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> text = '{"friends_v2": [{"name": "J\\\\u00c3\\\\u00bcrgen M\\\\u00c3\\\\u00bcller", "timestamp": 1457913600}]}'
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "your_friends.json")
    ...     _ = path.write_text(text)
    ...     records = read(path)
    >>> records.kind, records.people.loc[0, "person"], records.people.loc[0, "name"]
    ('facebook', 'facebook:jurgen muller', 'Jürgen Müller')
    >>> records.occasions.loc[0, ["kind", "start"]].tolist()
    ['friendship', Timestamp('2016-03-14 00:00:00+0000', tz='UTC')]
    """
    path = Path(path)
    name = path.name
    text = decode(read_limited(path, "a network's list of friends or follows"), name)[0].lstrip("\ufeff")
    found = _format(text[:4096])
    if found is None:
        raise InputError(f"{name} is not a Facebook friends, Instagram followers/following or X following/follower "
                         "file.")
    network, key = found
    if network == "x":
        return _x(path, name, text, key)
    data = _load(text, name)
    if network == "facebook":
        return _facebook(path, name, data, key)
    return _instagram(path, name, data, key)

"""Address books as vCard files (``.vcf``, versions 2.1, 3.0 and 4.0): the people the user keeps a card for.

Apple Contacts, Google Contacts, Outlook and phones export vCards. A card gives a person's name,
their e-mail addresses (the strong identity key), LinkedIn profile links and company; it says
that the user knows this person, and nothing about whom they met or who knows whom, so the
Records of an address book have people only (no occasions).

How a file is read, and why:

- Lines are unfolded **as bytes** before anything is decoded: a fold may fall inside a UTF-8
  character (``J\\xc3`` / `` \\xbcrgen``), which decoding line by line would turn into ``J��rgen``.
  vCard 2.1's quoted-printable soft line breaks (a value ending in ``=``) are joined too.
- Cards are split at ``BEGIN:VCARD`` / ``END:VCARD``, and each card is parsed on its own with
  ``vobject``, so that one broken card is reported (its line and why) and the others are read.
  A line inside a card that is not a property (``NAME:value``), such as a fold whose leading
  space was lost, makes its card skipped.
- Apple's grouped properties (``item1.URL`` with ``item1.X-ABLabel:LinkedIn``) and
  ``X-SOCIALPROFILE`` lines are read; Apple escapes the colon of a URL (``https\\://``), and the
  backslash is removed. Every link that names a LinkedIn profile is kept as a profile key
  (:func:`netanalysis.identity.profile_key`); other links are not kept.
- ``ORG``'s first component is the company.

Privacy: phone numbers, postal addresses, birthdays, photos and notes are never read into the
records. A note such as "met at PyCon" is free text the user wrote for themselves; it is not
parsed, and it sets nothing (not even a met-in-person suggestion): reading free text would bring
it into the records, and guessing from it in many languages would be wrong too often. The
Records' ``notes`` say how many cards carry one, so that the user can declare those meetings in
``ties.csv``.

Cards that are not a person (a contact group, ``KIND:org``, an Apple company card) and cards with
neither a name, an e-mail address nor a LinkedIn link (a bare phone number) are skipped with
their reason. Two cards for the same person (same first e-mail address, else same profile link,
else same name) are merged into the first, and a note says so.
"""

import re
from functools import partial
from pathlib import Path

from ..errors import InputError
from ..identity import email_key, profile_key
from ._decode import CONTROL_PATTERN, decode
from ._recordframes import People, count_phrase, finish_records, head_text, person_id, read_limited
from .tables import FileReport, Skip

__all__ = ["KIND", "MAX_CARDS", "MAX_CARD_PROPERTIES", "MAX_PROPERTIES", "MAX_VALUE_BYTES", "detect", "read"]

KIND = "address_book"

# Bounds on what vobject is given (it parses ~10,000 property lines a second): a file over them is
# refused, a card over them skipped, so that any file within the size limit is read in seconds.
MAX_CARDS = 50_000  # cards in one file (iCloud keeps at most 50,000 contacts, Google 25,000)
MAX_CARD_PROPERTIES = 500  # names, addresses, links and kinds in one card
MAX_VALUE_BYTES = 64 << 10  # one of those lines, unfolded
MAX_PROPERTIES = 500_000  # those lines in one file (about 50 s of parsing)

_BOUNDARY = re.compile(rb"^(BEGIN|END)[ \t]*:[ \t]*VCARD[ \t]*\r?$", re.I | re.M)
_NAME = rb"(?:[A-Za-z0-9_-]+\.)?"  # an optional group ("item1.")
# The properties handed to vobject: everything else (phones, addresses, photos, notes, birthdays…)
# is never looked at, never parsed, and never reaches the records. (A line that starts with a space
# continues the one before it: " END:VCARD" is text, not a boundary.)
_KEPT = re.compile(_NAME + rb"(VERSION|FN|N|ORG|EMAIL|URL|X-SOCIALPROFILE|KIND|X-ADDRESSBOOKSERVER-KIND|X-ABSHOWAS)"
                   rb"[ \t]*[;:]", re.I)
_KEPT_START = re.compile(rb"^" + _KEPT.pattern, re.I | re.M)
_NOTE = re.compile(rb"^" + _NAME + rb"NOTE[ \t]*[;:]", re.I | re.M)
# A line inside a card that is neither a property, nor a folded continuation, nor blank.
_NOT_A_PROPERTY = re.compile(rb"^(?![ \t]|" + _NAME + rb"[A-Za-z0-9_-]+[ \t]*[;:]|\r?$)", re.M)
_PROPERTY = re.compile(rb"^" + _NAME + rb"[A-Za-z0-9_-]+[ \t]*[;:]")
_QUOTED_PRINTABLE = re.compile(rb"quoted-printable", re.I)
_UTF16 = (b"\xff\xfe", b"\xfe\xff")


def detect(path):
    """Whether ``path`` is a vCard file: its first line that is not blank is ``BEGIN:VCARD``.

    Reads at most the first 64 KiB; the file's name is not looked at (a vCard saved as ``.txt``
    is read).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "contacts.txt")
    ...     _ = path.write_text("BEGIN:VCARD\\nVERSION:3.0\\nFN:Bo Lind\\nEND:VCARD\\n")
    ...     detect(path)
    True
    """
    text = head_text(path)
    if text is None:
        return False
    for line in text.splitlines():
        if line.strip():
            found = _BOUNDARY.match(line.strip().encode("utf-8", "replace"))
            return bool(found) and found.group(1).upper() == b"BEGIN"
    return False


def _utf8(data):
    """(the file as UTF-8 bytes, encoding, notes): a UTF-16 file is re-encoded, a UTF-8 BOM dropped."""
    if data.startswith(_UTF16) or (data[:1] and data[1:2] == b"\x00") or data[:1] == b"\x00":
        text, encoding, notes = decode(data, "vCard")
        return text.encode("utf-8"), encoding, notes
    encoding = "utf-8"
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8-sig"
    if b"\n" not in data and b"\r" in data:  # classic Mac OS line ends
        data = data.replace(b"\r", b"\n")
    return data, encoding, []


class _Lines:
    """Physical line numbers of byte offsets, counted forward from the last offset asked (linear in all)."""

    def __init__(self, data):
        self.data, self.offset, self.line = data, 0, 1

    def of(self, offset):
        if offset < self.offset:
            return self.data.count(b"\n", 0, offset) + 1
        self.line += self.data.count(b"\n", self.offset, offset)
        self.offset = offset
        return self.line


def _folded(data, start, stop):
    """The logical line that begins at ``start``, unfolded as bytes, read no further than ``stop``."""
    parts, position = [], start
    while True:
        end = data.find(b"\n", position, stop)
        end = stop if end < 0 else end
        piece = data[position:end].rstrip(b"\r")
        parts.append(piece[1:] if parts else piece)
        if end >= stop or data[end + 1:end + 2] not in (b" ", b"\t"):
            return b"".join(parts)
        position = end + 1


def _logical_lines(lines, first):
    """Unfold physical lines (numbered from ``first``): yield (line number, logical line).

    Folds and vCard 2.1's quoted-printable soft line breaks (a value ending in ``=``) are joined;
    a line's pieces are gathered in a list and joined once.
    """
    parts, start, quoted = None, 0, False
    for number, line in enumerate(lines, start=first):
        line = line[:-1] if line.endswith(b"\r") else line
        if parts is not None and line[:1] in (b" ", b"\t"):
            parts.append(line[1:])
            continue
        if quoted and parts[-1].endswith(b"="):
            parts[-1] = parts[-1][:-1]  # a quoted-printable soft line break
            parts.append(line)
            continue
        if parts is not None:
            yield start, b"".join(parts)
        parts, start = [line], number
        quoted = bool(_QUOTED_PRINTABLE.search(line.split(b":", 1)[0]))
    if parts is not None:
        yield start, b"".join(parts)


class _Card:
    """One card: the lines handed to vobject (``kept``), whether it has a note, why it cannot be read."""

    def __init__(self, begin):
        self.begin, self.kept, self.problem, self.note = begin, [], "", False

    def keep(self, line, number):
        """Keep a property line for vobject, unless the card is over a bound (then say why); False when over.

        ``number()`` gives the line's number (counted only when a message needs it).
        """
        if len(self.kept) >= MAX_CARD_PROPERTIES:
            self.problem = f"more than {MAX_CARD_PROPERTIES} names, addresses and links: not one person's card"
        elif len(line) > MAX_VALUE_BYTES:
            self.problem = (f"line {number()} holds a name, address or link over {MAX_VALUE_BYTES // 1024} KiB: "
                            "not a person's card")
        else:
            self.kept.append(line)
        return not self.problem


def _scan_card(card, data, start, stop, lines):
    """Fill ``card`` from the bytes [start, stop) between its BEGIN and END lines.

    Regular expressions find the properties kept and a line that is not a property, so that the
    lines never kept (a photo's thousands of folded lines) cost no Python step each. A card with
    quoted-printable values (vCard 2.1) is read line by line, its soft line breaks joined.
    """
    card.note = _NOTE.search(data, start, stop) is not None
    if _QUOTED_PRINTABLE.search(data, start, stop):
        first = lines.of(start)
        for number, line in _logical_lines(data[start:stop].split(b"\n"), first):
            if not line.strip():
                continue
            found = _PROPERTY.match(line)
            if found is None:
                card.problem = f"line {number} is not a property (a folded line that lost its leading space?)"
                return
            if _KEPT.match(line) and not card.keep(line, partial(int, number)):
                return
        return
    bad = _NOT_A_PROPERTY.search(data, start, stop)
    if bad is not None and bad.start() < stop:
        card.problem = f"line {lines.of(bad.start())} is not a property (a folded line that lost its leading space?)"
        return
    for found in _KEPT_START.finditer(data, start, stop):
        line = _folded(data, found.start(), stop)
        if not card.keep(line, partial(lines.of, found.start())):
            return


def _outside_lines(data, start, stop, lines, outside):
    """Count the lines with text in [start, stop) (outside every card) into ``outside`` ([count, first line])."""
    found = re.finditer(rb"^[ \t]*[^ \t\r\n]", data[start:stop], re.M)
    first = next(found, None)
    if first is None:
        return
    outside[0] += 1 + sum(1 for _ in found)
    outside[1] = outside[1] or lines.of(start + first.start())


def _cards(data, outside):
    """The file's cards (:class:`_Card`), in order; lines outside every card are counted in ``outside``."""
    cards, lines, card, after = [], _Lines(data), None, 0
    for boundary in _BOUNDARY.finditer(data):
        is_begin = boundary.group(1).upper() == b"BEGIN"
        if card is None:
            _outside_lines(data, after, boundary.start(), lines, outside)
            number = lines.of(boundary.start())
            if is_begin:
                card, body = _Card(number), boundary.end() + 1
            else:
                outside[0] += 1
                outside[1] = outside[1] or number
        elif is_begin:
            number = lines.of(boundary.start())
            card.problem = f"no END:VCARD before the next card begins at line {number}"
            cards.append(card)
            card, body = _Card(number), boundary.end() + 1
        else:
            _scan_card(card, data, min(body, boundary.start()), boundary.start(), lines)
            cards.append(card)
            card = None
        after = boundary.end() + 1
    if card is not None:
        card.problem = "the file ends before this card's END:VCARD"
        cards.append(card)
    else:
        _outside_lines(data, min(after, len(data)), len(data), lines, outside)
    return cards


def _text(card_lines):
    """The card as text for vobject, and whether it had to be read as Windows-1252."""
    data = b"BEGIN:VCARD\r\n" + b"".join(line + b"\r\n" for line in card_lines) + b"END:VCARD\r\n"
    try:
        text, legacy = data.decode("utf-8"), False
    except UnicodeDecodeError:
        text, legacy = data.decode("cp1252", errors="replace"), True
    return CONTROL_PATTERN.sub("", text), legacy


def _unescape(value):
    """A URL as written in a vCard: Apple's ``https\\://`` and other backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", str(value)).strip()


def _values(card, name):
    return [child for child in card.getChildren() if child.name == name]


def _first_param(child, name):
    values = child.params.get(name) or []
    return str(values[0]) if values else ""


def _links(card):
    """Profile keys from URL and X-SOCIALPROFILE lines (grouped or not), in order, without repeats."""
    keys = []
    for child in card.getChildren():
        if child.name not in ("URL", "X-SOCIALPROFILE"):
            continue
        key = profile_key(_unescape(child.value))
        types = {str(t).lower() for t in child.params.get("TYPE", [])}
        if not key and child.name == "X-SOCIALPROFILE" and "linkedin" in types:
            user = _first_param(child, "X-USER")
            key = profile_key(f"https://www.linkedin.com/in/{user}") if user else ""
        if key and key not in keys:
            keys.append(key)
    return keys


def _name(card):
    for child in _values(card, "FN"):
        name = " ".join(str(child.value).split())
        if name:
            return name
    for child in _values(card, "N"):
        value = child.value
        parts = [getattr(value, part, "") for part in ("given", "additional", "family")]
        parts = [" ".join(p) if isinstance(p, list) else str(p) for p in parts]
        name = " ".join(" ".join(parts).split())
        if name:
            return name
    return ""


def _company(card):
    for child in _values(card, "ORG"):
        value = child.value
        first = value[0] if isinstance(value, list) and value else value
        company = " ".join(str(first or "").split())
        if company:
            return company
    return ""


def _not_a_person(card):
    """Why a card is not a person's ("" when it is one)."""
    for child in _values(card, "KIND") + _values(card, "X-ADDRESSBOOKSERVER-KIND"):
        kind = str(child.value).strip().lower()
        if kind in ("group", "org", "organization", "location"):
            return f"a {'contact group' if kind == 'group' else kind} card, not a person"
    for child in _values(card, "X-ABSHOWAS"):
        if str(child.value).strip().upper() == "COMPANY":
            return "a company's card, not a person"
    return ""


class _Counts:
    """What a file's cards held that the records do not keep (for the notes)."""

    def __init__(self):
        self.bad_emails = self.notes = self.legacy = 0
        self.versions = set()


def _person(card, counts):
    """(person, name, emails, urls, company) of a parsed card, or a reason it is skipped."""
    why = _not_a_person(card)
    if why:
        return why
    for child in _values(card, "VERSION"):
        counts.versions.add(str(child.value).strip())
    emails = []
    for child in _values(card, "EMAIL"):
        key = email_key(str(child.value))
        if not key:
            counts.bad_emails += bool(str(child.value).strip())
        elif key[len("email:"):] not in emails:
            emails.append(key[len("email:"):])
    urls = _links(card)
    name = _name(card)
    person = person_id(KIND, name, emails, urls)
    if not person:
        return "no name, e-mail address or LinkedIn link (only a phone number or an address?)"
    return person, name, tuple(emails), tuple(urls), _company(card)


def _parse(text):
    """vobject's reading of one card, or None when it cannot read it."""
    import vobject  # imported here: only address books need it

    try:
        return vobject.readOne(text)
    except Exception:  # vobject raises ParseError, ValueError, UnicodeError, binascii.Error…
        return None


def read(path):
    """Read a vCard file: Records whose ``people`` are its cards' people (no occasions).

    Parameters
    ----------
    path : str or path-like
        An existing file (:func:`netanalysis.io.records.read_source` checks it).

    Returns
    -------
    Records
        ``kind="address_book"``; ``people`` keyed by their first e-mail address (``email:…``),
        else their first LinkedIn profile key, else ``address_book:<normalised name>``, with every
        address and profile key of the card; ``report`` lists each card (by the line of its
        ``BEGIN:VCARD``) used or skipped with its reason.

    Raises
    ------
    InputError
        A file over 96 MiB (export without photos), an empty or binary file, or one with no card.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> card = ("BEGIN:VCARD\\r\\nVERSION:3.0\\r\\nFN:Jürgen Müller\\r\\nORG:Kestrel Robotics;\\r\\n"
    ...         "EMAIL;type=INTERNET:Juergen@Kestrel.example\\r\\nTEL;type=CELL:+49 170 1234567\\r\\n"
    ...         "item1.URL:https\\\\://www.linkedin.com/in/juergen-mueller\\r\\nitem1.X-ABLabel:LinkedIn\\r\\n"
    ...         "END:VCARD\\r\\nBEGIN:VCARD\\r\\nVERSION:3.0\\r\\nTEL:+1 555 0100\\r\\nEND:VCARD\\r\\n")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "contacts.vcf")
    ...     _ = path.write_bytes(card.encode("utf-8"))
    ...     records = read(path)
    >>> records.people[["person", "name", "company", "line"]]
                               person            name           company  line
    0  email:juergen@kestrel.example  Jürgen Müller  Kestrel Robotics     1
    >>> records.people.loc[0, "urls"]
    ('linkedin.com/in/juergen-mueller',)
    >>> records.report.files["contacts.vcf"].skipped
    [Skip(line=10, reason='no name, e-mail address or LinkedIn link (only a phone number or an address?)')]
    """
    path = Path(path)
    name = path.name
    data = read_limited(path, "an address book (export it without photos)", large=True)
    if not data.strip(b"\x00\t\r\n \xef\xbb\xbf\xff\xfe"):
        raise InputError(f"{name} is empty; export the address book again.")
    data, encoding, decode_notes = _utf8(data)
    report = FileReport(name=name, encoding=encoding)
    report.notes.extend(decode_notes)
    # Counted before anything is parsed, so that a file beyond the bounds is refused at once.
    n_cards = sum(1 for found in _BOUNDARY.finditer(data) if found.group(1).upper() == b"BEGIN")
    if n_cards > MAX_CARDS:
        raise InputError(f"{name} holds {n_cards:,} cards, more than the {MAX_CARDS:,} an address book holds "
                         "(Google Contacts keeps 25,000, iCloud 50,000); it is not one address book.")
    outside = [0, 0]
    cards = _cards(data, outside)
    kept_lines = sum(len(card.kept) for card in cards)
    if kept_lines > MAX_PROPERTIES:
        raise InputError(f"{name} holds {kept_lines:,} names, e-mail addresses and links, more than the "
                         f"{MAX_PROPERTIES:,} an address book of {MAX_CARDS:,} cards would; it is not an address book.")
    counts = _Counts()
    people, skipped, used = People(report, "card"), [], 0
    for card in cards:
        counts.notes += card.note
        if card.problem:
            skipped.append(Skip(card.begin, card.problem))
            continue
        text, legacy = _text(card.kept)
        parsed = _parse(text)
        if parsed is None:
            skipped.append(Skip(card.begin, "the card cannot be parsed (a damaged value or parameter)"))
            continue
        person = _person(parsed, counts)
        if isinstance(person, str):
            skipped.append(Skip(card.begin, person))
            continue
        used += 1
        counts.legacy += legacy
        people.add(*person, card.begin)
    if not used and not skipped:
        raise InputError(f"{name}: no BEGIN:VCARD line was found; is this a vCard (.vcf) file?")
    report.rows, report.used, report.skipped = used + len(skipped), used, sorted(skipped, key=lambda s: s.line)
    report.variant = "vCard " + ", ".join(sorted(counts.versions)) if counts.versions else "vCard"
    if outside[0]:
        report.notes.append(f"{outside[0]} lines outside any BEGIN:VCARD…END:VCARD were not read "
                            f"(the first at line {outside[1]})")
    if counts.legacy:
        report.notes.append(f"{count_phrase(counts.legacy, 'card')} not UTF-8: read as Windows-1252")
    if counts.bad_emails:
        report.notes.append(f"{count_phrase(counts.bad_emails, 'EMAIL value')} not an address: not kept")
    notes = ["An address book says whom the user keeps a card for; it says nothing of whom they met or who "
             "knows whom."]
    if counts.notes:
        notes.append(f"Cards with a note: {counts.notes}; notes are never read (free text): declare whom you "
                     "met in person in ties.csv.")
    return finish_records(path, KIND, report, people=people.rows, notes=notes)

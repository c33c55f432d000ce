"""Bytes to text: the encodings exports come in, binary files refused, control characters removed."""

import re

import numpy as np

from ..errors import InputError

__all__ = ["CONTROL_PATTERN", "decode", "decode_keeping_bytes", "utf8_has_controls"]

_MAGIC = [
    (b"\x89PNG", "a PNG image"),
    (b"%PDF", "a PDF document"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a zip archive or an Excel workbook"),
    (b"\xd0\xcf\x11\xe0", "an Office document (for example an old Excel workbook)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
]


def _decode_noting(data, codec, notes):
    """Decode, replacing (and noting) bytes that are not valid in ``codec``."""
    if codec.startswith("utf-16") and len(data) % 2:
        data = data[:-1]
        notes.append("dropped a trailing odd byte")
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        text = data.decode(codec, errors="replace")
        notes.append(f"replaced {text.count(chr(0xFFFD))} undecodable characters")
        return text


# C0 controls other than tab and line breaks, DEL, and the C1 controls (U+0080-U+009F).
CONTROL_PATTERN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _decode_not_utf8(data, notes):
    """Text that is not valid UTF-8: UTF-8 with a few damaged bytes, or a Windows/Latin-1 file.

    One damaged byte in an otherwise UTF-8 export must not turn every accented name in the file
    into mojibake: when valid multi-byte characters outnumber the invalid bytes, the file is UTF-8
    and only the damaged bytes are replaced (and counted in the notes).
    """
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    good = sum(1 for ch in lenient if ord(ch) > 127) - bad
    if good > bad:
        notes.append(f"replaced {bad} bytes that are not valid UTF-8 (shown as \ufffd)")
        return lenient, "utf-8"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def decode(data, name):
    """Bytes -> (text, encoding, notes). Raises InputError for empty or binary files."""
    text, encoding, notes, _raw = decode_keeping_bytes(data, name)
    return text, encoding, notes


# C0 controls other than tab and line breaks, as counted in a file's head to refuse binary files.
_HEAD_CONTROL_PATTERN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
# A C1 control (U+0080-U+009F) in UTF-8 bytes: 0xC2 is always a lead byte, never a continuation.
_C1_UTF8 = re.compile(b"\xc2[\x80-\x9f]")


def utf8_has_controls(raw):
    """Whether valid UTF-8 bytes decode to text that ``CONTROL_PATTERN`` would change.

    In UTF-8 a byte below 0x80 is always the ASCII character itself, so the bytes below 0x20
    other than tabs and line breaks are the C0 controls, found without decoding: ~10x faster than
    the regular expression over the text, which then runs only when there is something to remove.
    """
    if not raw:
        return False
    data = np.frombuffer(raw, dtype=np.uint8)
    small = data[data < 0x20]  # mostly line breaks
    if not np.isin(small, _LINE_BYTES).all() or b"\x7f" in raw:
        return True
    return b"\xc2" in raw and _C1_UTF8.search(raw) is not None


_LINE_BYTES = np.frombuffer(b"\t\n\r", dtype=np.uint8)


def decode_keeping_bytes(data, name):
    """:func:`decode`, plus the UTF-8 bytes that decode to exactly the text (or None).

    The bytes let pandas parse a large file without encoding the text back (~40 % faster);
    they are None whenever the text is not a plain decoding of them (other encodings, replaced
    bytes, removed characters).
    """
    notes = []
    raw = None
    if not data.strip(b"\x00\t\r\n \xef\xbb\xbf\xff\xfe"):
        raise InputError(f"{name} is empty; export it again from LinkedIn.")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name} is {what}, not a CSV file; pass the CSV file from the LinkedIn export.")
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, text = "utf-8-sig", _decode_noting(data[3:], "utf-8", notes)
        if not notes:
            raw = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        encoding, text = "utf-16", _decode_noting(data[2:], codec, notes)
    else:
        sample = data[:8192]
        half = max(len(sample) // 2, 1)
        even_nul = sample[0::2].count(0)
        odd_nul = sample[1::2].count(0)
        # ASCII text in UTF-16 has a NUL in every other byte.
        if odd_nul > 0.3 * half and even_nul < 0.05 * half:
            encoding = "utf-16-le"
        elif even_nul > 0.3 * half and odd_nul < 0.05 * half:
            encoding = "utf-16-be"
        else:
            encoding = ""
        if encoding:
            notes.append(f"decoded as {encoding} without a byte-order mark")
            text = _decode_noting(data, encoding, notes)
        else:
            nul = data.count(0)
            if nul:
                data = data.replace(b"\x00", b"")
                notes.append(f"removed {nul} NUL bytes")
            try:
                text, encoding = data.decode("utf-8"), "utf-8"
                raw = data
            except UnicodeDecodeError:
                text, encoding = _decode_not_utf8(data, notes)
    # (NUL bytes are gone from UTF-8 decoded without a byte-order mark: nothing to count then.)
    nul = 0 if raw is data else text.count("\x00")
    if nul:
        text = text.replace("\x00", "")
        notes.append(f"removed {nul} NUL characters")
        raw = None
    head = text[:8192]
    controls = len(_HEAD_CONTROL_PATTERN.findall(head))
    if head and controls > 0.05 * len(head):
        raise InputError(f"{name} does not look like a text CSV file (it contains binary data).")
    # Control characters (ESC starts terminal escape sequences: colours, a rewritten window title,
    # hyperlinks) belong in no export field; a contact's name must print as text in a terminal.
    # (A regular expression finds them ~50x faster than str.translate scans every character;
    # for UTF-8 bytes, a byte count says first whether there is anything to find.)
    if raw is None or utf8_has_controls(raw):
        stripped, removed = CONTROL_PATTERN.subn("", text)
        if removed:
            notes.append(f"removed {removed} control characters")
            text = stripped
            raw = None
    if not text or text.isspace():
        raise InputError(f"{name} is empty; export it again from LinkedIn.")
    return text, encoding, notes, raw

"""Text safe to print on a terminal or into a log: the one sanitiser every printed line goes through.

Names, companies, file names and archive member names come from files the user did not write.
Decoding a file strips control characters, but some text is decoded later (percent-encoded profile
keys, zip member names), so the command line cleans everything it prints, at the last moment:
:class:`CleanStream` wraps ``sys.stdout`` and ``sys.stderr`` for the duration of a command.

Each unsafe character is replaced by its visible ``\\uXXXX`` escape, never dropped: the reader
sees that something odd was there, and inside a JSON string the escape is the JSON escape of the
very same character, so JSON output stays valid and decodes to the original data.
"""

import re

__all__ = ["CleanStream", "clean_for_terminal"]

# C0 controls except tab and line feed; DEL and the C1 controls (U+0080-U+009F, which include the
# 8-bit CSI and OSC introducers); the bidirectional embeddings, overrides and isolates, the
# directional marks and the Arabic letter mark, which reorder what a terminal shows ("Trojan
# Source"); the line and paragraph separators, which some terminals and editors break lines at.
# Removing ESC (and the C1 introducers) disarms every escape sequence: what follows it is plain text.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match):
    return f"\\u{ord(match.group()):04x}"


def clean_for_terminal(text):
    """Replace every control character, escape introducer and bidi override by its ``\\uXXXX`` escape.

    Tabs and line feeds are kept. The replacement is visible text, and the JSON escape of the
    same character: a JSON document passed through this function stays valid and equal.

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> clean_for_terminal("Ana\\x1b]0;pwned\\x07 Lima")
    'Ana\\\\u001b]0;pwned\\\\u0007 Lima'
    >>> clean_for_terminal("\\u202eexe.txt")
    '\\\\u202eexe.txt'
    >>> clean_for_terminal("tab\\tand\\nnewline stay; é, 漢 and 🦄 too")
    'tab\\tand\\nnewline stay; é, 漢 and 🦄 too'
    >>> import json
    >>> document = json.dumps({"name": "\\x9b31mred\\u202e"}, ensure_ascii=False)
    >>> json.loads(clean_for_terminal(document)) == {"name": "\\x9b31mred\\u202e"}
    True
    """
    return _UNSAFE.sub(_escape, text)


class CleanStream:
    """A text stream that passes everything written through :func:`clean_for_terminal`.

    Every other attribute (``flush``, ``isatty``, ``encoding``, ``buffer``…) is the wrapped stream's.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> _ = CleanStream(out).write("title\\x1b]0;x\\x07\\n")
    >>> out.getvalue()
    'title\\\\u001b]0;x\\\\u0007\\n'
    """

    def __init__(self, stream):
        self.wrapped = stream

    def write(self, text):
        self.wrapped.write(clean_for_terminal(text))
        return len(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def __getattr__(self, name):
        return getattr(self.wrapped, name)

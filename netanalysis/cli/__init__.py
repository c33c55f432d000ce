"""The ``netanalysis`` command: a thin layer over the library.

Each topic module (``core``, ``sample``, ``strength``, ``communities``, ``brokerage``, ``report``) defines
``register(subparsers)``, adding its commands; each command calls one library function and prints
or writes its result. User errors (:class:`netanalysis.errors.InputError`) become one line on
stderr and exit status 2; anything else is a bug and exits 1 with a short request for a report.
Everything printed, on stdout and stderr, goes through :func:`netanalysis._terminal.clean_for_terminal`:
no control character or escape sequence from an export reaches the terminal. Output cut short by
a closed pipe (``| head``) ends quietly with status 141, as a process killed by SIGPIPE would.
"""

import argparse
import importlib
import os
import re
import sys
import warnings

from .._terminal import CleanStream
from ..errors import InputError

__all__ = ["build_parser", "main"]

_TOPICS = ["core", "sample", "strength", "communities", "brokerage", "report", "present", "workshop"]


class _Parser(argparse.ArgumentParser):
    """argparse, with errors in one line and the way out of its one puzzling error: a value that starts with a dash."""

    def error(self, message):
        hint = _did_you_mean(self, message)
        if hint and "(choose from" in message:  # the suggestion instead of the whole list
            message = message[:message.index(" (choose from")]
        message += hint
        # `--to -2+3`: argparse reads "-2+3" as an option and says the value is missing.
        option = re.match(r"argument ((?:-\w|--[\w-]+)(?:/[-\w]+)*): expected one argument$", message)
        if option:
            name = option.group(1).split("/")[-1]
            message += f" (if the value starts with '-', join them: {name}=VALUE)"
        # One line, like every other user error: the usage is one --help away.
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _options(parser):
    """Every option string of ``parser`` and of its commands (and their actions), for suggestions."""
    found = set()
    for action in parser._actions:
        found.update(s for s in action.option_strings if s.startswith("--"))
        for sub in (action.choices or {}).values() if isinstance(action, argparse._SubParsersAction) else ():
            found |= _options(sub)
    return found


def _did_you_mean(parser, message):
    """", did you mean 'strength'?" for a misspelt command, choice or option; "" when nothing is close."""
    import difflib

    choice = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)$", message)
    if choice:
        wanted, offered = choice.group(1), re.findall(r"'([^']*)'", choice.group(2))
    else:
        unknown = re.search(r"unrecognized arguments: (.*)$", message)
        words = [w for w in (unknown.group(1).split() if unknown else []) if w.startswith("--")]
        if not words:
            return ""
        wanted, offered = words[0].split("=")[0], sorted(_options(_command(parser)))
    near = difflib.get_close_matches(wanted, offered, n=1, cutoff=0.6)
    return f"; did you mean '{near[0]}'?" if near else ""


def _command(parser):
    """The parser of the command being run (argparse reports unknown options from the top parser)."""
    argv = getattr(parser, "argv", None) or []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for word in argv:
                if word in action.choices:
                    return action.choices[word]
    return parser


def build_parser():
    """Return the argument parser with every topic's commands registered."""
    parser = _Parser(
        prog="netanalysis",
        description="Turn LinkedIn data exports into an honest picture of a professional network.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for topic in _TOPICS:
        importlib.import_module(f"{__name__}.{topic}").register(subparsers)
    return parser


def main(argv=None):
    """Run the command line; return the exit status."""
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = CleanStream(stdout), CleanStream(stderr)
    try:
        with warnings.catch_warnings():
            # A name in a script the figure font lacks (CJK, emoji) is drawn as a box in the PNG
            # figures (the page shows the text itself); matplotlib says so once per glyph and per
            # figure, pages of noise before the command's own output.
            warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font", category=UserWarning)
            return _run(argv)
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _closed_pipe():
    """The reader went away (``| head``): say nothing, and stop Python's own flush at exit from complaining."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (a test's capture): nothing to silence
        pass
    return 141


def _run(argv):
    parser = build_parser()
    parser.argv = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    from .common import LATER

    LATER.clear()
    try:
        status = args.handler(args) or 0
        sys.stdout.flush()  # a closed pipe shows here, inside the handlers below, not at exit
        for note in LATER:  # after the output: an error would have been the only line
            print(note, file=sys.stderr)
        return status
    except BrokenPipeError:  # before OSError, of which it is a kind
        return _closed_pipe()
    except InputError as error:
        print(f"netanalysis: error: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # the file system said no: a path the user gave, a full disk, permissions
        where = f"{error.filename}: " if getattr(error, "filename", None) else ""
        print(f"netanalysis: error: {where}{error.strerror or error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("netanalysis: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: say so in one line, never a traceback
        print(
            f"netanalysis: internal error ({type(error).__name__}: {error}). "
            "This is a bug; please report it with the command you ran.",
            file=sys.stderr,
        )
        return 1

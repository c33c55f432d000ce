"""The ``netanalysis`` command: a thin layer over the library.

Each topic module (``core``, ``sample``, ``strength``, ``communities``, ``brokerage``, ``report``) defines
``register(subparsers)``, adding its commands; each command calls one library function and prints
or writes its result. User errors (:class:`netanalysis.errors.InputError`) become one line on
stderr and exit status 2; anything else is a bug and exits 1 with a short request for a report.
"""

import argparse
import importlib
import re
import sys

from ..errors import InputError

__all__ = ["build_parser", "main"]

_TOPICS = ["core", "sample", "strength", "communities", "brokerage", "report", "present"]


class _Parser(argparse.ArgumentParser):
    """argparse, with the way out of its one puzzling error: a value that starts with a dash."""

    def error(self, message):
        # `--to -2+3`: argparse reads "-2+3" as an option and says the value is missing.
        option = re.match(r"argument ((?:-\w|--[\w-]+)(?:/[-\w]+)*): expected one argument$", message)
        if option:
            name = option.group(1).split("/")[-1]
            message += f" (if the value starts with '-', join them: {name}=VALUE)"
        super().error(message)


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
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args) or 0
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
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug: say so in one line, never a traceback
        print(
            f"netanalysis: internal error ({type(error).__name__}: {error}). "
            "This is a bug; please report it with the command you ran.",
            file=sys.stderr,
        )
        return 1

"""Commands for the strength topic (being written)."""


def register(subparsers):
    """Add this topic's commands (none yet)."""

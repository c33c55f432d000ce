"""Commands for the brokerage topic (being written)."""


def register(subparsers):
    """Add this topic's commands (none yet)."""

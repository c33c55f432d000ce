"""Core commands: inspect, ties, demo (being written)."""


def register(subparsers):
    """Add the core commands."""

"""strength (being written)."""

__all__ = []

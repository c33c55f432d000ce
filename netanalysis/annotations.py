"""annotations (being written)."""

__all__ = []

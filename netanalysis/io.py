"""io (being written)."""

__all__ = []

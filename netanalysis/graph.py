"""graph (being written)."""

__all__ = []

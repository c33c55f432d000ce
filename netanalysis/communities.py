"""communities (being written)."""

__all__ = []

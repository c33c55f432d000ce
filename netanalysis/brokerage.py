"""brokerage (being written)."""

__all__ = []

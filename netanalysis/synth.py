"""synth (being written)."""

__all__ = []

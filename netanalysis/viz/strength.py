"""Figures for strength (being written)."""

__all__ = []

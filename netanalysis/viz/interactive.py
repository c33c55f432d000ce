"""Figures for interactive (being written)."""

__all__ = []

"""Figures for communities (being written)."""

__all__ = []

"""Figures for brokerage (being written)."""

__all__ = []

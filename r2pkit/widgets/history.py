"""Widgets for R2P's history (notebook 01)."""
from __future__ import annotations

__all__: list[str] = []

"""Charts of the Syria case: Security Council vetoes and General Assembly votes."""
from __future__ import annotations

__all__: list[str] = []

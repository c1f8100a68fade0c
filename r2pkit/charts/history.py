"""Charts of R2P's history: the timeline of ``r2p_timeline``."""
from __future__ import annotations

__all__: list[str] = []

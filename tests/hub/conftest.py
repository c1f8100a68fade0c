"""The JupyterHub test runs only when asked: ``make test-hub`` (or ``R2PKIT_HUB=1 pytest tests/hub``).

It needs what ``make test-hub`` installs: the ``hub`` and ``browser`` extras (JupyterHub,
nbgitpuller, Playwright), configurable-http-proxy from npm (in ``build/hub-node/``) and
Debian's Chromium. ``make test`` does not collect it.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def _enabled() -> bool:
    return os.environ.get("R2PKIT_HUB", "") not in ("", "0")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if _enabled():
        return None
    if collection_path.name != "conftest.py" and (collection_path == HERE or HERE in collection_path.parents):
        return True
    return None

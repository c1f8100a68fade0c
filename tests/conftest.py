"""Shared fixtures for the r2pkit test suite.

The cross-checks against the independent reference files need ``../shared/reference``
(beside the repository, as on the developers' machines and in CI). A user who cloned the
kit alone does not have it: those tests then skip with a reason that says so.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "datasets"


def _reference_dir() -> Path:
    env = os.environ.get("R2PKIT_REFERENCE")
    return Path(env) if env else ROOT.parent / "shared" / "reference"


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """The folder of reference data, or skip the test with a clear reason."""
    ref = _reference_dir()
    if not (ref / "README.md").exists():
        pytest.skip(
            f"reference data not found at {ref}: these cross-checks need the project's "
            "shared/reference folder beside the repository (or R2PKIT_REFERENCE set to it)"
        )
    return ref


@pytest.fixture(scope="session")
def datasets_dir() -> Path:
    return DATASETS


# The kit's two tables that most tests share, loaded with the kit (as a notebook would), once
# per test module, as each module did for itself before. The cross-checks in
# test_reference_displacement.py read the files their own way and keep their own fixtures.
@pytest.fixture(scope="module")
def refugees():
    """``syria_refugees_by_host``, loaded with :func:`r2pkit.data.load`."""
    from r2pkit import data

    return data.load("syria_refugees_by_host")


@pytest.fixture(scope="module")
def indicators():
    """``country_indicators``, loaded with :func:`r2pkit.data.load`."""
    from r2pkit import data

    return data.load("country_indicators")

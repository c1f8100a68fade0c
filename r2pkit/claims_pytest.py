"""A pytest plugin: every claim file in a ``claims`` folder is a set of tests of the data.

Each YAML file in a folder named ``claims`` (``datasets/claims/syria.yaml``) holds the
claims of the sources about one crisis (:mod:`r2pkit.claims`); each claim is one test item,
which fails, in words, when the data no longer give the verdict the file expects. Enabled
from the repository's root ``conftest.py``::

    pytest_plugins = ["r2pkit.duties.pytest_cases", "r2pkit.claims_pytest"]

A failure reads like::

    claim lebanon-25-percent (Resettlement article, …): expected 'does not hold', but the data
    say 'holds': Syrian refugees were 26.0% of Lebanon's population …
"""
from __future__ import annotations

from pathlib import Path

import pytest

from . import claims
from .errors import R2PKitError

__all__ = ["pytest_collect_file", "ClaimFile", "ClaimItem", "ClaimFailure", "is_claim_file"]


def is_claim_file(path: Path) -> bool:
    """Is ``path`` a claim file (a YAML file in a folder called ``claims``)?

    >>> is_claim_file(Path("datasets/claims/syria.yaml")), is_claim_file(Path("datasets/crises/syria.yaml"))
    (True, False)
    """
    return path.suffix.lower() in (".yaml", ".yml") and path.parent.name == "claims"


class ClaimFailure(Exception):
    """The data no longer give a claim the verdict its file expects."""


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if is_claim_file(file_path):
        return ClaimFile.from_parent(parent, path=file_path)
    return None


class ClaimFile(pytest.File):
    """One claim file: one test item per claim, named after its id."""

    def collect(self):  # type: ignore[no-untyped-def]
        try:
            found = claims.load_file(self.path)
        except R2PKitError as exc:
            raise ClaimFailure(f"claim file {self.path.name} does not load: {exc}") from None
        for c in found:
            yield ClaimItem.from_parent(self, name=c.id, claim=c)


class ClaimItem(pytest.Item):
    """Check the claim against the data; compare with the verdict expected."""

    def __init__(self, *, claim: claims.Claim, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.claim = claim

    def runtest(self) -> None:
        try:
            v = claims.check(self.claim)
        except R2PKitError as exc:
            raise ClaimFailure(f"claim {self.claim.id}: cannot be checked: {exc}") from None
        if v.verdict != self.claim.expected:
            raise ClaimFailure(f"claim {self.claim.id} ({self.claim.source}): expected '{self.claim.expected}', "
                               f"but the data say '{v.verdict}': {v.finding}")

    def repr_failure(self, excinfo, style=None):  # type: ignore[no-untyped-def,override]
        if isinstance(excinfo.value, ClaimFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):  # type: ignore[no-untyped-def]
        return self.path, None, f"claim {self.claim.id}"

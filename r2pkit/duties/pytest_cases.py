"""A pytest plugin: every case file in a ``duty_cases`` folder is a test of the engine.

Each YAML or JSON file in a folder named ``duty_cases`` is loaded and assessed; the test
fails, in words, wherever the engine's answer differs from the file's ``expected`` outcome
(or the file breaks the vocabulary). Enabled from the repository's root ``conftest.py``::

    pytest_plugins = ["r2pkit.duties.pytest_cases"]

A failure reads like::

    case uganda-ituri: expected protect to be breached, but the engine says not
    established: made_reasonable_efforts_to_restrain is unknown
"""
from __future__ import annotations

from pathlib import Path

import pytest

from ..errors import R2PKitError
from .engine import expectation_problems
from .facts import load_case

__all__ = ["pytest_collect_file", "DutyCaseFile", "DutyCaseItem", "DutyCaseFailure", "is_case_file"]

SUFFIXES = (".yaml", ".yml", ".json")


def is_case_file(path: Path) -> bool:
    """Is ``path`` a duty case file (a YAML/JSON file in a folder called ``duty_cases``)?

    >>> is_case_file(Path("datasets/duty_cases/behrami-france.yaml")), is_case_file(Path("datasets/x.json"))
    (True, False)
    """
    return path.suffix.lower() in SUFFIXES and path.parent.name == "duty_cases"


class DutyCaseFailure(Exception):
    """The engine and a case file disagree; ``problems`` are sentences."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if is_case_file(file_path):
        return DutyCaseFile.from_parent(parent, path=file_path)
    return None


class DutyCaseFile(pytest.File):
    """One case file: one test item named after the case's id."""

    def collect(self):  # type: ignore[no-untyped-def]
        yield DutyCaseItem.from_parent(self, name=self.path.stem)


class DutyCaseItem(pytest.Item):
    """Load the case, assess it, compare with ``expected``."""

    def runtest(self) -> None:
        try:
            case = load_case(self.path)
        except R2PKitError as exc:
            raise DutyCaseFailure([f"case file {self.path.name} does not load: {exc}"]) from None
        problems = expectation_problems(case)
        if problems:
            raise DutyCaseFailure(problems)

    def repr_failure(self, excinfo, style=None):  # type: ignore[no-untyped-def,override]
        if isinstance(excinfo.value, DutyCaseFailure):
            return "\n".join(excinfo.value.problems)
        return super().repr_failure(excinfo)

    def reportinfo(self):  # type: ignore[no-untyped-def]
        return self.path, None, f"duty case {self.path.name}"

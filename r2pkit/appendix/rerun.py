"""Run a replication package again, from its own programs and data, and compare what it says.

``r2pkit appendix verify DIR --rerun`` copies the package's ``code/``, ``data/`` and
``appendix.yaml`` into a scratch folder, builds the package again from them (each notebook
in a fresh kernel, the kit pointed at the package's ``data/``, no network) and compares the
result with the package, exhibit by exhibit (:mod:`r2pkit.appendix.compare`). The
scratch folder is removed afterwards; the package is only read.

This is the check a replicator, or a journal's data editor, runs on another machine: a
byte-for-byte check there fails on a legend drawn a pixel wider, whereas this one fails
only when a number, a label or a data point changes.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import R2PKitError
from .compare import Difference, compare

__all__ = ["RerunReport", "rerun"]


@dataclass(frozen=True)
class RerunReport:
    """What a rerun found: the differences (none: the package says what its rerun says)."""

    differences: tuple[Difference, ...]
    seconds: float
    tolerance: float
    tables: int
    figures: int
    notebooks: int


def rerun(folder: str | Path, tolerance: float | None = None,
          echo: Callable[[str], None] = print) -> RerunReport:
    """Build the package in ``folder`` again in a scratch folder and compare; see the module's docstring."""
    from ..browser import needs_full_kit
    from .builder import build
    from .config import load_config
    from .manifest import read
    from .package import PACKAGE_CONFIG

    needs_full_kit("Running an appendix again", f"r2pkit appendix verify {folder} --rerun")
    folder = Path(folder)
    read(folder)  # a clear message if this is not a package
    for part in ("code", "data", PACKAGE_CONFIG):
        if not (folder / part).exists():
            raise R2PKitError(f"{folder} has no {part}: it is not a replication package that can be run again "
                              "(packages built by r2pkit before version 0.1.0's replication packages cannot).")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="r2pkit-rerun-") as scratch:
        work = Path(scratch) / "package"
        work.mkdir()
        shutil.copytree(folder / "code", work / "code")  # the programs, and any files of the authors they read
        shutil.copytree(folder / "data", work / "data")
        shutil.copyfile(folder / PACKAGE_CONFIG, work / PACKAGE_CONFIG)
        cfg = load_config(work / PACKAGE_CONFIG)
        chosen = cfg.tolerance if tolerance is None else tolerance
        if not 0 <= chosen < 1:
            raise R2PKitError(f"The tolerance is a relative difference from 0 (exact) to below 1, not {chosen}.")
        rebuilt = Path(scratch) / "rebuilt"
        build(cfg, output=rebuilt, echo=lambda line: echo(line) if line.startswith("[") else None,
              datasets_dir=work / "data")
        differences = compare(folder, rebuilt, chosen)
    return RerunReport(tuple(differences), time.perf_counter() - started, chosen,
                       len(list((folder / "tables").glob("*.csv"))), len(list((folder / "figures").glob("*.vl.json"))),
                       len(list((folder / "notebooks").glob("*.ipynb"))))

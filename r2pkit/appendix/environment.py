"""The computing environment of an appendix: what ran it, and the files to set it up again.

A replication package must say what software, at which versions, produced its results, and
let a replicator install the same. The build reads this from the environment it runs in,
not from a hand-kept list:

- :func:`lock` — every distribution the kit and the notebook tools need at run time,
  followed through their own requirements, pinned to the version *installed and used*
  (``NAME==VERSION``, one a line: ``environment/requirements.txt``). The build is offline,
  and an installed distribution does not record the hash of the file it came from, so the
  pins carry no ``--hash``: they are exact versions of the whole tree, a lock file;
- :func:`kit_files` — the kit's own source (its Python package, ``pyproject.toml``,
  ``LICENSE`` and ``README.md``), as it was on disk when the build ran, copied to
  ``environment/r2pkit/`` so the package does not depend on finding this version elsewhere;
- :func:`binder_files` — ``binder/`` for repo2docker (Binder, JupyterHub images): the pins,
  the Python version, a ``postBuild`` that installs the kit from ``environment/r2pkit`` and a
  ``start`` that points the kit at the package's own ``data/``;
- :func:`hardware` — the machine the build ran on (operating system, processor, cores,
  memory), as the template README's "computational requirements" ask.
"""
from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path

__all__ = ["lock", "kit_files", "binder_files", "hardware", "python_version"]

# The tools that run and render the notebooks, besides the kit's own dependencies.
TOOLS = ("papermill", "nbclient", "nbconvert", "nbformat", "ipykernel", "jupyter_client")


def python_version() -> str:
    """This Python's version, e.g. ``3.11.2``."""
    return platform.python_version()


def lock() -> str:
    """Exact pins (``NAME==VERSION``) of the installed run-time dependency tree of the kit and its tools.

    >>> pins = lock().splitlines()
    >>> any(p.startswith("pandas==") for p in pins) and not any(p.startswith("r2pkit==") for p in pins)
    True
    """
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    todo = [Requirement(r) for r in metadata.requires("r2pkit") or []] + [Requirement(t) for t in TOOLS]
    seen: dict[str, str] = {}
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if name in seen or name == "r2pkit" or (req.marker and not req.marker.evaluate({"extra": ""})):
            continue
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            continue  # an optional dependency this environment does not have: nothing ran with it
        seen[name] = f"{dist.metadata['Name']}=={dist.version}"
        todo += [Requirement(r) for r in dist.requires or []]
    return "".join(f"{pin}\n" for _, pin in sorted(seen.items()))


def kit_files(root: Path) -> list[Path]:
    """The kit's source files under ``root`` (relative paths, sorted): its package and packaging files."""
    files = [Path(name) for name in ("pyproject.toml", "LICENSE", "README.md") if (root / name).is_file()]
    for path in sorted((root / "r2pkit").rglob("*")):
        rel = path.relative_to(root)
        if path.is_file() and "__pycache__" not in rel.parts and path.suffix not in (".pyc", ".pyo"):
            files.append(rel)
    return files


_POSTBUILD = """#!/bin/bash
# repo2docker (Binder, JupyterHub images) runs this after installing binder/requirements.txt:
# it installs the r2pkit kit this package was built with, from environment/r2pkit, without
# touching the pinned packages.
set -euo pipefail
python -m pip install --no-deps ./environment/r2pkit
"""

_START = """#!/bin/bash
# repo2docker runs every session through this script: the kit reads the package's own data
# extracts (data/), not a copy of its own.
export R2PKIT_DATASETS="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/data"
exec "$@"
"""


def binder_files(pins: str) -> dict[str, str]:
    """The files of ``binder/`` (name → text): requirements, runtime, postBuild and start."""
    major_minor = ".".join(python_version().split(".")[:2])
    header = ("# The packages this replication package was built with, at the versions installed then\n"
              "# (the same pins as environment/requirements.txt).\n")
    return {"requirements.txt": header + pins, "runtime.txt": f"python-{major_minor}\n",
            "postBuild": _POSTBUILD, "start": _START}


def _memory_bytes() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return None


def _processor() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def hardware() -> dict[str, object]:
    """The machine this runs on: system, processor, logical cores and memory (GB, rounded)."""
    memory = _memory_bytes()
    return {
        "system": f"{platform.system()} {platform.machine()}",
        "processor": _processor(),
        "cores": os.cpu_count(),
        "memory_gb": round(memory / 2**30) if memory else None,
    }

"""An appendix's manifest: what built it, from what, and a fingerprint of every file it holds.

``manifest.json`` records the kit's version and git commit (and whether tracked files had
uncommitted changes), Python's version and the versions of the packages the kit runs on,
the configuration file and each notebook's source (SHA-256), the parameters, the SHA-256
of each dataset file (and its schema) the notebooks loaded, and the SHA-256 of every
other file in the appendix. It holds no dates, durations or absolute paths, so the same
configuration on the same commit writes the same manifest, byte for byte.

:func:`verify` re-computes the fingerprints and names each file that was changed, removed
or added. A manifest cannot vouch for itself: an author who wants readers to detect a
rewritten manifest publishes its SHA-256 (printed by the build) with the article.
"""
from __future__ import annotations

import hashlib
import json
import platform
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import R2PKitError

__all__ = ["MANIFEST", "sha256", "write", "read", "is_appendix", "verify", "Mismatch", "package_versions"]

MANIFEST = "manifest.json"
FORMAT = "r2pkit-appendix/1"
# The tools that run and render the notebooks, besides the kit's own dependencies.
_TOOLS = ("papermill", "nbclient", "nbconvert", "nbformat", "ipykernel", "jupyter_client")


def sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def package_versions() -> dict[str, str]:
    """The installed versions of the kit's dependencies and of the notebook tools, by name.

    >>> versions = package_versions()
    >>> {"pandas", "altair", "papermill"} <= set(versions)
    True
    """
    from packaging.requirements import Requirement

    names = set(_TOOLS)
    for line in metadata.requires("r2pkit") or []:
        req = Requirement(line)
        if req.marker is None or "extra" not in str(req.marker):
            names.add(req.name)
    out = {}
    for name in sorted(names, key=str.lower):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _kit(root: Path) -> dict[str, Any]:
    commit = _git(root, "rev-parse", "HEAD")
    # Untracked files are left out: an appendix built inside the checkout must not count itself.
    status = _git(root, "status", "--porcelain", "--untracked-files=no")
    return {"version": __version__, "commit": commit or "unknown (not a git checkout)",
            "uncommitted_changes": bool(status) if status is not None else None}


def _datasets(names: list[str]) -> dict[str, Any]:
    from .. import data

    out: dict[str, Any] = {}
    for name in names:
        res = data._resource(name)
        csv = data.DATASETS_DIR / res["path"]
        entry = {"path": f"datasets/{res['path']}", "sha256": sha256(csv)}
        if isinstance(res.get("schema"), str):
            entry["schema"] = f"datasets/{res['schema']}"
            entry["schema_sha256"] = sha256(data.DATASETS_DIR / res["schema"])
        out[name] = entry
    return out


def _outputs(folder: Path) -> dict[str, str]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.relative_to(folder).as_posix() != MANIFEST)
    return {p.relative_to(folder).as_posix(): sha256(p) for p in files}


def write(folder: Path, cfg: Any, runs: list[dict[str, Any]], datasets: list[str]) -> str:
    """Write ``manifest.json`` for the appendix in ``folder``; return the manifest's SHA-256."""
    from .config import KIT_ROOT

    manifest = {
        "format": FORMAT,
        "title": cfg.title,
        "kit": _kit(KIT_ROOT),
        "python": platform.python_version(),
        "packages": package_versions(),
        "config": {"file": cfg.path.name, "sha256": sha256(cfg.path)},
        "notebooks": runs,
        "datasets": _datasets(datasets),
        "outputs": _outputs(folder),
    }
    path = folder / MANIFEST
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return sha256(path)


def read(folder: Path) -> dict[str, Any]:
    """The manifest of the appendix in ``folder``."""
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise R2PKitError(f"{folder} holds no {MANIFEST}: it is not an appendix built by `r2pkit appendix build` "
                          "(or its manifest was removed).")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise R2PKitError(f"{path} is not a readable manifest (invalid JSON: {exc}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not isinstance(manifest.get("outputs"), dict):
        raise R2PKitError(f"{path} is not an r2pkit appendix manifest (expected format '{FORMAT}').")
    return manifest


def is_appendix(folder: Path) -> bool:
    """Whether ``folder`` holds an appendix manifest (so a rebuild may replace it)."""
    try:
        read(folder)
    except R2PKitError:
        return False
    return True


@dataclass(frozen=True)
class Mismatch:
    """One file that does not match the manifest: ``kind`` is modified, missing or unexpected."""

    kind: str
    path: str

    def __str__(self) -> str:
        why = {"modified": "its SHA-256 differs from the manifest (the file was changed)",
               "missing": "listed in the manifest but not in the appendix (the file was removed)",
               "unexpected": "in the appendix but not in the manifest (the file was added)",
               "dataset": "the kit's dataset file differs from the one the appendix was built from"}[self.kind]
        return f"{self.kind}: {self.path} — {why}"


def verify(folder: str | Path, datasets: bool = False) -> list[Mismatch]:
    """Re-check the appendix in ``folder`` against its manifest; return every mismatch (none: intact).

    With ``datasets=True`` the kit's own dataset files are checked too (they change with
    kit versions, so this is a check of the kit in hand, not of the appendix).
    """
    folder = Path(folder)
    manifest = read(folder)
    expected: dict[str, str] = manifest["outputs"]
    found = _outputs(folder)
    problems = [Mismatch("missing", p) for p in expected if p not in found]
    problems += [Mismatch("modified", p) for p in expected if p in found and found[p] != expected[p]]
    problems += [Mismatch("unexpected", p) for p in found if p not in expected]
    if datasets:
        from .. import data

        for entry in manifest.get("datasets", {}).values():
            path = data.DATASETS_DIR.parent / entry["path"]
            if not path.is_file() or sha256(path) != entry["sha256"]:
                problems.append(Mismatch("dataset", entry["path"]))
    return sorted(problems, key=lambda m: (m.path, m.kind))

"""An appendix's manifest: what built it, from what, and a fingerprint of every file it holds.

``manifest.json`` records the kit's version and git commit (and whether tracked files had
uncommitted changes), Python's version and the versions of the packages the kit runs on,
the configuration file and each notebook's source (SHA-256), the parameters, the SHA-256
of each dataset file (and its schema) the notebooks loaded, the exhibits and where they
are made, the tolerance for a rerun, and the SHA-256 of every other file in the package.
It holds no dates, durations or absolute paths, so the same configuration on the same
commit writes the same manifest, byte for byte.

:func:`verify` re-computes the fingerprints and names each file that was changed, removed
or added. A manifest cannot vouch for itself (whoever changes a file can rewrite it too):
``verify(folder, expect=SHA256)`` also checks the manifest against the SHA-256 the author
published with the article (the build prints it), which a forger cannot change.
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

__all__ = ["MANIFEST", "sha256", "write", "read", "is_appendix", "verify", "Mismatch", "package_versions",
           "kit_info", "package_date"]

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


def package_date(root: Path) -> str:
    """The package's date (YYYY-MM-DD), read from no clock: ``SOURCE_DATE_EPOCH`` if set, else the
    date of the kit's git commit, else the date of the kit's data package."""
    import datetime as dt
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    day = _git(root, "log", "-1", "--format=%cs")
    if day and len(day) == 10:
        return day
    from .. import data

    created = json.loads((data.DATASETS_DIR / "datapackage.json").read_text(encoding="utf-8")).get("created", "")
    return str(created)[:10] or "2026-01-01"


def kit_info(root: Path) -> dict[str, Any]:
    """The kit's version, git commit and whether tracked files had uncommitted changes."""
    return _kit(root)


def _kit(root: Path) -> dict[str, Any]:
    commit = _git(root, "rev-parse", "HEAD")
    # Untracked files are left out: an appendix built inside the checkout must not count itself.
    status = _git(root, "status", "--porcelain", "--untracked-files=no")
    return {"version": __version__, "commit": commit or "unknown (not a git checkout)",
            "uncommitted_changes": bool(status) if status is not None else None}


def datasets_entry(folder: Path, names: list[str], datasets_dir: Path) -> dict[str, Any]:
    """Each dataset used: its file in the package and the SHA-256 of its file (and schema)."""
    from .sources import datasets_used

    out: dict[str, Any] = {}
    for rec in datasets_used(names, datasets_dir):
        entry = {"path": f"data/{rec.path}", "sha256": sha256(folder / "data" / rec.path)}
        if rec.schema:
            entry["schema"] = f"data/{rec.schema}"
            entry["schema_sha256"] = sha256(folder / "data" / rec.schema)
        out[rec.name] = entry
    return out


def _outputs(folder: Path) -> dict[str, str]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.relative_to(folder).as_posix() != MANIFEST)
    return {p.relative_to(folder).as_posix(): sha256(p) for p in files}


def write(folder: Path, cfg: Any, runs: list[dict[str, Any]], datasets: dict[str, Any],
          extra: dict[str, Any] | None = None) -> str:
    """Write ``manifest.json`` for the package in ``folder``; return the manifest's SHA-256."""
    from .config import KIT_ROOT

    manifest = {
        "format": FORMAT,
        "title": cfg.title,
        "kit": _kit(KIT_ROOT),
        "python": platform.python_version(),
        "packages": package_versions(),
        "config": {"file": cfg.path.name, "sha256": sha256(cfg.path)},
        "notebooks": runs,
        "datasets": datasets,
        **(extra or {}),
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
               "dataset": "the kit's dataset file differs from the one the appendix was built from",
               "manifest": "its SHA-256 is not the one published (the manifest was rewritten or replaced)"}[self.kind]
        return f"{self.kind}: {self.path} — {why}"


def verify(folder: str | Path, datasets: bool = False, expect: str | None = None) -> list[Mismatch]:
    """Re-check the package in ``folder`` against its manifest; return every mismatch (none: intact).

    ``expect`` is the manifest's SHA-256 as published with the article: a manifest rewritten
    to match altered files no longer has it. With ``datasets=True`` the kit's own dataset
    files are checked against the extracts too (they change with kit versions, so this is a
    check of the kit in hand, not of the package).
    """
    folder = Path(folder)
    manifest = read(folder)
    problems_manifest = []
    if expect is not None and sha256(folder / MANIFEST) != expect.strip().lower():
        problems_manifest.append(Mismatch("manifest", MANIFEST))
    expected: dict[str, str] = manifest["outputs"]
    found = _outputs(folder)
    problems = problems_manifest + [Mismatch("missing", p) for p in expected if p not in found]
    problems += [Mismatch("modified", p) for p in expected if p in found and found[p] != expected[p]]
    problems += [Mismatch("unexpected", p) for p in found if p not in expected]
    if datasets:
        from .. import data

        for name, entry in manifest.get("datasets", {}).items():
            kit_file = entry["path"].split("/", 1)[1] if entry["path"].startswith(("data/", "datasets/")) else entry["path"]
            path = data.DATASETS_DIR / kit_file
            if not path.is_file() or sha256(path) != entry["sha256"]:
                problems.append(Mismatch("dataset", entry["path"]))
    return sorted(problems, key=lambda m: (m.path, m.kind))

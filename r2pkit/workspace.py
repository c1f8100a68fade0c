"""A student's own copy of the kit's notebooks and exercises, updated without ever losing their work.

``r2pkit workspace init DIR`` copies what students work in — the notebooks
(``notebooks/*.ipynb``), the exercise notebooks (``exercises/ex*.ipynb``) and their public
self-check files (``exercises/*.quiz.json``), never the solutions or the exercise sources —
into ``DIR``, and records in ``DIR/.r2pkit-workspace.json`` the SHA-256 of each file it wrote.

``r2pkit workspace update DIR`` brings in the kit now installed (a newer version, say)
and compares each file with that record:

- a file the student never changed is replaced by the kit's new version (*updated*);
- a file the student changed is **kept as it is**, and if the kit has a new version of it,
  that version is saved beside it as ``NAME (kit VERSION).ipynb`` (*kept*), never over an
  existing file (``… 2.ipynb`` and so on if the name is taken);
- a file new in the kit, or one the student deleted, is copied in (*added*);
- a file the kit no longer has is left where it is (*left*).

Nothing in ``DIR`` is ever overwritten unless the record proves it is the kit's own
untouched copy, and nothing is deleted. ``init`` into a folder that already has files
follows the same rule: a file of the same name that differs from the kit's is the
student's, kept, with the kit's version saved beside it. This is the rule of
nbgitpuller's "merge" on a JupyterHub, made explicit and reported file by file.

An instructor's own handouts go the same way: ``r2pkit workspace init DIR --from HANDOUT``
copies every notebook and public ``.quiz.json`` of the folder ``HANDOUT`` (what
``r2pkit exercises build ... --out HANDOUT`` wrote; never ``solutions/`` nor a YAML key),
and ``r2pkit workspace update DIR`` later brings in what changed there, by the same rule
(the workspace remembers its handout folder).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__, checks, paths
from .errors import PathError, R2PKitError
from .files import atomic_write

__all__ = ["MANIFEST", "KIT_ROOT", "student_files", "handout_files", "init", "update", "Report"]

MANIFEST = ".r2pkit-workspace.json"
FORMAT = "r2pkit-workspace/1"
KIT_ROOT = paths.KIT_ROOT


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def student_files(kit_root: Path = KIT_ROOT) -> dict[str, Path]:
    """The files students work in, by path relative to the workspace (solutions and sources excluded).

    >>> files = student_files()
    >>> "notebooks/00_start_here.ipynb" in files and "exercises/ex00_start_here.ipynb" in files
    True
    >>> any("solutions" in name or name.endswith((".py", ".yaml")) for name in files)
    False
    """
    found = [*sorted((kit_root / "notebooks").glob("*.ipynb")), *sorted((kit_root / "exercises").glob("ex*.ipynb")),
             *sorted((kit_root / "exercises").glob("*.quiz.json"))]
    return {p.relative_to(kit_root).as_posix(): p for p in found}


def handout_files(root: Path) -> dict[str, Path]:
    """An instructor's handout folder: its notebooks and public quiz files, never solutions or sources.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> for name in ("week3.ipynb", "week3.quiz.json", "week3.yaml", "solutions/week3.ipynb", "data/a.ipynb"):
    ...     (root / name).parent.mkdir(parents=True, exist_ok=True); _ = (root / name).write_text("{}")
    >>> sorted(handout_files(root))
    ['data/a.ipynb', 'week3.ipynb', 'week3.quiz.json']
    """
    found = sorted(p for p in root.rglob("*") if p.is_file() and (p.suffix == ".ipynb" or p.name.endswith(".quiz.json"))
                   and not any(part == "solutions" or part.startswith(".") for part in p.relative_to(root).parts))
    return {p.relative_to(root).as_posix(): p for p in found}


def _beside_name(path: Path, version: str) -> str:
    """``ex01_history.ipynb`` → ``ex01_history (kit 0.2.0).ipynb``.

    >>> _beside_name(Path("ex01_history.ipynb"), "0.2.0")
    'ex01_history (kit 0.2.0).ipynb'
    >>> _beside_name(Path("ex01_history.quiz.json"), "0.2.0")   # no longer matches *.quiz.json
    'ex01_history.quiz (kit 0.2.0).json'
    """
    return f"{path.stem} (kit {version}){path.suffix}"


@dataclass
class Report:
    """What ``init`` or ``update`` did, file by file."""

    folder: Path
    version: str
    lines: list[tuple[str, str, str]] = field(default_factory=list)  # (action, path, detail)

    def add(self, action: str, path: str, detail: str = "") -> None:
        self.lines.append((action, path, detail))

    def count(self, action: str) -> int:
        return sum(1 for a, _, _ in self.lines if a == action)

    def text(self) -> str:
        """The report as printed by the command."""
        out = [f"Workspace {self.folder} (kit {self.version}):"]
        out += [f"  {action:<9} {path}" + (f" — {detail}" if detail else "") for action, path, detail in self.lines]
        counts = ", ".join(f"{self.count(a)} {a}" for a in ("added", "updated", "kept", "unchanged", "left")
                           if self.count(a))
        out.append(f"{counts or 'nothing to do'}. Nothing was overwritten or deleted.")
        return "\n".join(out)


def _copy(source: Path, target: Path) -> None:
    # A student's file is replaced only in one step, keeping its permissions (files.atomic_write).
    atomic_write(target, source.read_bytes())


def _free_beside(target: Path, version: str) -> Path:
    first = target.with_name(_beside_name(target, version))
    candidate, n = first, 2
    while candidate.exists() or candidate.is_symlink():
        candidate = first.with_name(f"{target.stem} (kit {version}) {n}{target.suffix}")
        n += 1
    return candidate


def _read_manifest(folder: Path) -> dict[str, str]:
    path = folder / MANIFEST
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        files = record["files"]
        if record.get("format") != FORMAT or not isinstance(files, dict):
            raise ValueError
    except (OSError, ValueError, KeyError, TypeError):
        raise R2PKitError(f"{path} is missing or damaged, so edited files cannot be told from untouched ones. "
                          "Nothing was changed. Start a new workspace with `r2pkit workspace init NEW_FOLDER` "
                          "and move your work across.") from None
    return {str(k): str(v) for k, v in files.items()}


def _check_places(folder: Path, kit: dict[str, Path]) -> None:
    """Before anything is written: a file of the student's where the kit needs a folder stops everything."""
    for rel in kit:
        for parent in list(Path(rel).parents)[:-1]:
            place = folder / parent
            if (place.exists() or place.is_symlink()) and not place.is_dir():
                raise PathError(value=str(place), expected="a folder: it is a file of yours",
                                allowed=f"The kit puts its {parent.as_posix()}/ there: rename or move that file, "
                                "then run the command again.", note="Nothing was changed.")


def _sync(folder: Path, record: dict[str, str], kit_root: Path, version: str, handout: Path | None = None) -> Report:
    report = Report(folder, version)
    kit = student_files(kit_root) if handout is None else handout_files(handout)
    if not kit and handout is not None:
        raise R2PKitError(f"No notebooks found in the handout folder {handout}: give the folder that "
                          "`r2pkit exercises build ... --out FOLDER` wrote.")
    if not kit:
        raise R2PKitError(f"No notebooks found in the kit at {kit_root}: is the kit installed from its folder?")
    _check_places(folder, kit)
    new_record: dict[str, str] = {}
    for rel, source in kit.items():
        target, new = folder / rel, _sha(source)
        base = record.get(rel)
        if target.exists() and not target.is_file():  # a folder (or other non-file) of the student's: keep it
            beside = _free_beside(target, version)
            _copy(source, beside)
            report.add("kept", rel, f"a folder of yours with this name; the kit's version is saved beside it as "
                                    f"'{beside.name}'")
            new_record[rel] = new
            continue
        if not target.exists():
            _copy(source, target)
            report.add("added", rel, "it was missing" if base else "")
            new_record[rel] = new
            continue
        current = _sha(target)
        if current == new:
            report.add("unchanged", rel)
            new_record[rel] = new
        elif base is not None and current == base:
            _copy(source, target)
            report.add("updated", rel, "you had not changed it")
            new_record[rel] = new
        elif base == new:  # edited by the student; the kit has nothing newer to offer
            report.add("kept", rel, "your edits; the kit has no newer version")
            new_record[rel] = base
        else:
            beside = _free_beside(target, version)
            _copy(source, beside)
            why = "your edits" if base is not None else "a file of yours with this name"
            report.add("kept", rel, f"{why}; the kit's version is saved beside it as '{beside.name}'")
            new_record[rel] = new
    for rel in record:
        if rel not in kit:
            report.add("left", rel, "no longer in the kit; left as it is")
    manifest: dict[str, object] = {"format": FORMAT, "kit_version": version, "files": new_record}
    if handout is not None:
        manifest["source"] = str(handout)
    text = json.dumps(manifest, indent=2, sort_keys=True)
    atomic_write(folder / MANIFEST, text + "\n")
    return report


def _handout(source: str | Path | None) -> tuple[Path | None, str | None]:
    """The handout folder, checked, and the version name its new files are saved beside under."""
    if source is None:
        return None, None
    path = Path(source).expanduser().resolve()
    if not path.is_dir():
        raise R2PKitError(f"The handout folder {path} does not exist (or is a file): give the folder that "
                          "`r2pkit exercises build ... --out FOLDER` wrote.")
    from datetime import datetime, timezone

    return path, "handout " + datetime.now(timezone.utc).strftime("%Y-%m-%d")


def init(folder: str | Path, kit_root: Path = KIT_ROOT, version: str = __version__,
         source: str | Path | None = None) -> Report:
    """Copy the student notebooks and exercises (or the handout folder ``source``'s) into ``folder``;
    files already there are kept."""
    folder = checks.path(folder, "DIR", kind="folder", exists=False, writable=True).resolve()
    handout, handout_version = _handout(source)
    if folder == kit_root.resolve():
        raise R2PKitError("That is the kit's own folder: give a new folder for the workspace, e.g. ~/r2p-work.")
    if (folder / MANIFEST).exists():
        raise R2PKitError(f"{folder} is already a workspace: use `r2pkit workspace update {folder}` to bring in "
                          "a newer kit.")
    if folder.exists() and not folder.is_dir():
        raise R2PKitError(f"{folder} is a file: give a folder for the workspace.")
    if handout is not None and (folder == handout or handout in folder.parents):
        raise R2PKitError("That folder is inside the handout folder: give a new folder for the workspace.")
    folder.mkdir(parents=True, exist_ok=True)
    return _sync(folder, {}, kit_root, handout_version or version, handout)


def update(folder: str | Path, kit_root: Path = KIT_ROOT, version: str = __version__,
           source: str | Path | None = None) -> Report:
    """Bring the kit's current versions (or the handout folder's the workspace came from) into
    the workspace ``folder``, keeping every edit."""
    folder = checks.path(folder, "DIR", kind="folder", exists=False).resolve()
    if not (folder / MANIFEST).exists():
        raise R2PKitError(f"{folder} is not a workspace (it has no {MANIFEST}). "
                          f"Create one with `r2pkit workspace init {folder}`.")
    record = _read_manifest(folder)
    if source is None:
        try:
            source = json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get("source")
        except (OSError, ValueError, AttributeError):
            source = None
    handout, handout_version = _handout(source)
    return _sync(folder, record, kit_root, handout_version or version, handout)

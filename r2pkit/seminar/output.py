"""Writing into an output folder without ever losing a file the instructor changed.

The seminar commands write derived files (a gradebook, exports, feedback pages) that are
rewritten after every regrade or override. Each folder records in ``.r2pkit-outputs.json``
the SHA-256 of every file the kit wrote there. A file may be replaced only if it is the
kit's own, unchanged copy; a file that is not on record, or that was edited since (the
instructor opened the CSV and typed in it), is refused, with the list of such files, before
anything is written — unless ``force`` is given.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

from ..errors import R2PKitError
from ..files import atomic_write

__all__ = ["RECORD", "write_outputs"]

RECORD = ".r2pkit-outputs.json"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_outputs(folder: str | Path, files: Mapping[str, str | bytes], force: bool = False) -> list[Path]:
    """Write ``files`` (relative path → content) into ``folder``; refuse to replace edited or foreign files.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> _ = write_outputs(out, {"a.csv": "1\\n"})
    >>> _ = write_outputs(out, {"a.csv": "2\\n"})        # the kit's own file: replaced
    >>> _ = (out / "a.csv").write_text("my edit\\n")
    >>> write_outputs(out, {"a.csv": "3\\n"})
    Traceback (most recent call last):
    ...
    r2pkit.errors.R2PKitError: Nothing was written to ...: a.csv was changed since the kit wrote it. ...
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise R2PKitError(f"{folder} is a file: give a folder for the output.")
    record_path = folder / RECORD
    try:
        record = json.loads(record_path.read_text(encoding="utf-8")) if record_path.exists() else {}
        record = {str(k): str(v) for k, v in record.get("files", {}).items()}
    except (ValueError, AttributeError):
        record = {}
    blocked = []
    for rel in files:
        target = folder / rel
        if target.exists():
            if target.is_dir():
                blocked.append(f"{rel} is a folder")
            elif rel not in record:
                blocked.append(f"{rel} is not a file the kit wrote")
            elif _sha(target.read_bytes()) != record[rel]:
                blocked.append(f"{rel} was changed since the kit wrote it")
    if blocked and not force:
        raise R2PKitError(f"Nothing was written to {folder}: " + "; ".join(blocked) + ". Move or rename "
                          "the file(s) to keep them, choose another --out, or add --force to replace them.")
    written = []
    for rel, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        atomic_write(folder / rel, data)
        record[rel] = _sha(data)
        written.append(folder / rel)
    atomic_write(record_path, json.dumps({"format": "r2pkit-outputs/1", "files": record}, indent=1, sort_keys=True))
    return written

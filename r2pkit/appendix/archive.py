"""``r2pkit appendix pack``: the package as one ZIP file to deposit, the same bytes every time.

The archive holds exactly the files the manifest lists, and the manifest, under one
top-level folder named after the package's folder, in sorted order, each with the same
date (1980-01-01, the earliest a ZIP can record, as reproducible builds do), the same
permissions (``binder/postBuild`` and ``binder/start`` executable, everything else
read-write for the owner and readable by all) and the same compression. The same package
therefore packs into the same bytes, and the archive's SHA-256 identifies it. A package
that does not match its manifest is not packed (its problems are listed), nor is a file
the user added to the folder.
"""
from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from ..errors import R2PKitError
from ..files import atomic_write
from .manifest import MANIFEST, read, verify

__all__ = ["pack"]

_DATE = (1980, 1, 1, 0, 0, 0)
_EXECUTABLE = ("binder/postBuild", "binder/start")


def pack(folder: str | Path, output: str | Path | None = None, force: bool = False) -> tuple[Path, str]:
    """Write the package in ``folder`` as a deterministic ZIP; return its path and SHA-256."""
    folder = Path(folder)
    problems = verify(folder)
    if problems:
        listed = "\n  ".join(str(p) for p in problems)
        raise R2PKitError(f"The package in {folder} does not match its manifest, so it was not packed:\n  {listed}\n"
                          "Rebuild it (`r2pkit appendix build`), or move the files you added out of the folder.")
    target = Path(output) if output is not None else folder.resolve().parent / f"{folder.resolve().name}.zip"
    if target.exists() and not force:
        raise R2PKitError(f"{target} already exists and was left as it is: give another name with --out, "
                          "or replace it with --force.")
    top = folder.resolve().name
    names = sorted(read(folder)["outputs"]) + [MANIFEST]
    packed = io.BytesIO()  # packed in memory, then written in one step: never a half-written zip
    with zipfile.ZipFile(packed, "w") as archive:
        for rel in sorted(names):
            info = zipfile.ZipInfo(f"{top}/{rel}", date_time=_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permissions below are read by unzip
            info.external_attr = (0o100755 if rel in _EXECUTABLE else 0o100644) << 16
            archive.writestr(info, (folder / rel).read_bytes(), compresslevel=9)
    atomic_write(target, packed.getvalue())
    return target, hashlib.sha256(target.read_bytes()).hexdigest()

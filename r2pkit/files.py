"""Writing the kit's files so that none is ever left half-written.

Grades, feedback, overrides, a student's workspace: a file the kit writes must be either
its old self or its new self, never a mixture, even if the machine stops half-way or two
programs read it at once. :func:`atomic_write` writes the new content into a temporary
file in the same folder and puts it in place with one rename (``os.replace``), which
POSIX and Windows make atomic within a folder. This is the pattern of the standard
library's own advice on ``os.replace`` and of tools such as ``atomicwrites``; it is small
enough to keep here rather than add a dependency.

A replaced file keeps its permissions (a read-only file stays read-only, a file shared
with a group stays shared); a new file gets the permissions any new file would get here
(``mkstemp`` alone would make it readable by its owner only).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> atomic_write(folder / "grades.csv", "student,points\\nada,10\\n")
PosixPath('...grades.csv')
>>> (folder / "grades.csv").read_text()
'student,points\\nada,10\\n'
>>> sorted(p.name for p in folder.iterdir())  # no temporary file is left behind
['grades.csv']
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from . import checks

__all__ = ["atomic_write"]


def _new_file_mode() -> int:
    """The permissions a new file gets here (read for others unless the umask says otherwise)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: str | os.PathLike[str], content: str | bytes, *, mode: int | None = None) -> Path:
    """Write ``content`` (text, as UTF-8, or bytes) to ``path`` in one step; return the path.

    The folder is created if needed. Text is written as it is (no newline translation). If
    anything fails, the old file (if any) is untouched and no temporary file is left.
    ``mode`` sets the file's permissions (e.g. ``0o600`` for a secret, which is then never
    readable by others, not even for a moment); by default a replaced file keeps its own.

    >>> import tempfile, pathlib, os
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "sub" / "notes.txt"
    >>> _ = atomic_write(target, b"first")
    >>> os.chmod(target, 0o444)             # made read-only by its owner …
    >>> _ = atomic_write(target, "second")
    >>> target.read_text(), oct(target.stat().st_mode & 0o777)  # … and read-only it stays
    ('second', '0o444')
    >>> oct(atomic_write(target.with_name("key"), "s3cret", mode=0o600).stat().st_mode & 0o777)
    '0o600'
    >>> atomic_write(target, 3)
    Traceback (most recent call last):
    ...
    r2pkit.errors.WrongTypeError: content=3 is not text or bytes to write. Pass a str or bytes.
    """
    target = checks.path(path, "path", kind="file", exists=False)
    if not isinstance(content, (str, bytes, bytearray)):
        raise checks.WrongTypeError(value=content, expected="text or bytes to write", name="content",
                                    allowed="Pass a str or bytes.")
    data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
    target.parent.mkdir(parents=True, exist_ok=True)
    if mode is None:
        mode = (target.stat().st_mode & 0o7777) if target.is_file() else _new_file_mode()
    else:
        mode = checks.whole_number(mode, "mode", lo=0, hi=0o7777)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:64]}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target

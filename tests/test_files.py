"""files.atomic_write: the one way the kit writes a file that must never be half-written."""
from __future__ import annotations

import ast
import os
import stat
from pathlib import Path

import pytest

from r2pkit import files
from r2pkit.errors import CheckError, PathError, WrongTypeError


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_text_and_bytes_are_written_as_given(tmp_path):
    target = tmp_path / "new" / "folder" / "grades.csv"
    assert files.atomic_write(target, "a,b\r\nç\n") == target
    assert target.read_bytes() == "a,b\r\nç\n".encode("utf-8")  # no newline translation, UTF-8
    files.atomic_write(target, b"\x00\xff")
    assert target.read_bytes() == b"\x00\xff"
    assert [p.name for p in target.parent.iterdir()] == ["grades.csv"]


def test_a_new_file_gets_the_permissions_of_any_new_file(tmp_path):
    old = os.umask(0o027)
    try:
        made = files.atomic_write(tmp_path / "a.txt", "x")
        (tmp_path / "b.txt").write_text("x")
    finally:
        os.umask(old)
    assert _mode(made) == _mode(tmp_path / "b.txt") == 0o640  # not mkstemp's 0600


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "notebook.ipynb"
    target.write_text("old")
    target.chmod(0o444)
    files.atomic_write(target, "new")
    assert target.read_text() == "new" and _mode(target) == 0o444
    target.chmod(0o664)
    files.atomic_write(target, "newer")
    assert _mode(target) == 0o664


def test_mode_sets_the_permissions_from_the_start(tmp_path, monkeypatch):
    seen = []
    real = os.replace

    def spy(src, dst):
        seen.append(_mode(Path(src)))  # the temporary file, before it takes the name
        return real(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    made = files.atomic_write(tmp_path / "secret", "s", mode=0o600)
    assert seen == [0o600] and _mode(made) == 0o600


@pytest.mark.parametrize("previous", [None, "the previous grades\n"])
def test_an_interrupted_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch, previous):
    target = tmp_path / "grades.csv"
    if previous is not None:
        target.write_text(previous)

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.atomic_write(target, "half")
    assert (target.read_text() if target.exists() else None) == previous
    assert [p.name for p in tmp_path.iterdir()] == ([target.name] if previous else [])


def test_a_very_long_file_name_still_gets_a_temporary_file_beside_it(tmp_path):
    name = "x" * 250 + ".csv"
    assert files.atomic_write(tmp_path / name, "1").read_text() == "1"


@pytest.mark.parametrize("bad, error, words", [
    (3, WrongTypeError, "text or bytes"), (None, WrongTypeError, "text or bytes"),
    (["a"], WrongTypeError, "Pass a str or bytes"),
])
def test_content_that_is_not_text_or_bytes_is_refused_before_anything_is_written(tmp_path, bad, error, words):
    with pytest.raises(error, match=words):
        files.atomic_write(tmp_path / "a.txt", bad)
    assert list(tmp_path.iterdir()) == []


def test_a_folder_or_a_non_path_is_refused_plainly(tmp_path):
    with pytest.raises(PathError, match="is not a file: it is a folder"):
        files.atomic_write(tmp_path, "x")
    with pytest.raises(PathError, match="Give the path of a file as text"):
        files.atomic_write(3, "x")
    with pytest.raises(CheckError, match="mode=-1"):
        files.atomic_write(tmp_path / "a", "x", mode=-1)


#: Functions that swap whole folders into place (os.replace of a directory), not files.
FOLDER_SWAPS = {"exercises/grade.py:write_grades"}


def test_the_kit_has_one_atomic_write():
    """No function of the kit but files.atomic_write writes a temporary file and renames it into place."""
    kit = Path(files.__file__).parent
    writers = []
    for path in sorted(kit.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                body = ast.get_source_segment(source, node) or ""
                where = f"{path.relative_to(kit)}:{node.name}"
                if "os.replace(" in body and where not in FOLDER_SWAPS:
                    writers.append(where)
    assert writers == ["files.py:atomic_write"], writers

"""`r2pkit workspace init|update`: a student's copy is updated without losing a single edit."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from r2pkit import cli, workspace
from r2pkit.errors import R2PKitError

ROOT = Path(__file__).resolve().parents[1]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fake_kit(folder: Path, texts: dict[str, str]) -> Path:
    """A kit folder holding the given files (with a solution and a source that must never be copied)."""
    for rel, text in {**texts, "exercises/solutions/ex01_history.ipynb": "KEY", "exercises/source/ex01.yaml": "KEY",
                      "notebooks/01_history.py": "# paired text"}.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


V1 = {"notebooks/01_history.ipynb": "history v1", "exercises/ex01_history.ipynb": "exercise v1",
      "exercises/ex01_history.quiz.json": "quiz v1"}


def test_init_copies_the_real_kits_student_files_and_never_solutions(tmp_path):
    report = workspace.init(tmp_path / "ws")
    copied = {p.relative_to(tmp_path / "ws").as_posix() for p in (tmp_path / "ws").rglob("*") if p.is_file()}
    expected = ({f"notebooks/{p.name}" for p in (ROOT / "notebooks").glob("*.ipynb")}
                | {f"exercises/{p.name}" for p in (ROOT / "exercises").glob("ex*.ipynb")}
                | {f"exercises/{p.name}" for p in (ROOT / "exercises").glob("*.quiz.json")})
    assert copied == expected | {workspace.MANIFEST}
    assert not any("solutions" in c or c.endswith((".py", ".yaml")) for c in copied)
    record = json.loads((tmp_path / "ws" / workspace.MANIFEST).read_text(encoding="utf-8"))
    assert record["files"] == {rel: sha(ROOT / rel) for rel in expected}
    assert report.count("added") == len(expected)


def test_update_keeps_an_edit_and_saves_the_new_version_beside_it(tmp_path, capsys):
    ws = tmp_path / "ws"
    workspace.init(ws, fake_kit(tmp_path / "kit1", V1), "0.1.0")
    edited = ws / "exercises/ex01_history.ipynb"
    edited.write_text("exercise v1 + my answers", encoding="utf-8")
    v2 = {"notebooks/01_history.ipynb": "history v2", "exercises/ex01_history.ipynb": "exercise v2",
          "exercises/ex01_history.quiz.json": "quiz v1", "notebooks/03_new.ipynb": "new in v2"}
    report = workspace.update(ws, fake_kit(tmp_path / "kit2", v2), "0.2.0")

    assert edited.read_text(encoding="utf-8") == "exercise v1 + my answers"          # the edit is kept
    beside = ws / "exercises/ex01_history (kit 0.2.0).ipynb"
    assert beside.read_text(encoding="utf-8") == "exercise v2"                       # new version beside it
    assert (ws / "notebooks/01_history.ipynb").read_text(encoding="utf-8") == "history v2"  # untouched: updated
    assert (ws / "notebooks/03_new.ipynb").read_text(encoding="utf-8") == "new in v2"      # new: added
    assert report.lines == [
        ("updated", "notebooks/01_history.ipynb", "you had not changed it"),
        ("added", "notebooks/03_new.ipynb", ""),
        ("kept", "exercises/ex01_history.ipynb",
         "your edits; the kit's version is saved beside it as 'ex01_history (kit 0.2.0).ipynb'"),
        ("unchanged", "exercises/ex01_history.quiz.json", ""),
    ]
    text = report.text()
    assert "1 added, 1 updated, 1 kept, 1 unchanged. Nothing was overwritten or deleted." in text


def test_a_second_update_neither_repeats_nor_overwrites(tmp_path):
    ws = tmp_path / "ws"
    workspace.init(ws, fake_kit(tmp_path / "kit1", V1), "0.1.0")
    (ws / "exercises/ex01_history.ipynb").write_text("mine", encoding="utf-8")
    kit2 = fake_kit(tmp_path / "kit2", {**V1, "exercises/ex01_history.ipynb": "exercise v2"})
    workspace.update(ws, kit2, "0.2.0")
    again = workspace.update(ws, kit2, "0.2.0")
    assert ("kept", "exercises/ex01_history.ipynb", "your edits; the kit has no newer version") in again.lines
    assert sorted(p.name for p in (ws / "exercises").iterdir()) == [
        "ex01_history (kit 0.2.0).ipynb", "ex01_history.ipynb", "ex01_history.quiz.json"]
    # A different kit under the same version number: the name taken, a free one is used.
    (ws / "exercises/ex01_history (kit 0.2.0).ipynb").write_text("I annotated the new version", encoding="utf-8")
    kit3 = fake_kit(tmp_path / "kit3", {**V1, "exercises/ex01_history.ipynb": "exercise v2, fixed"})
    workspace.update(ws, kit3, "0.2.0")
    assert (ws / "exercises/ex01_history (kit 0.2.0).ipynb").read_text(encoding="utf-8") == "I annotated the new version"
    assert (ws / "exercises/ex01_history (kit 0.2.0) 2.ipynb").read_text(encoding="utf-8") == "exercise v2, fixed"
    assert (ws / "exercises/ex01_history.ipynb").read_text(encoding="utf-8") == "mine"


def test_deleted_files_come_back_and_files_gone_from_the_kit_stay(tmp_path):
    ws = tmp_path / "ws"
    workspace.init(ws, fake_kit(tmp_path / "kit1", V1), "0.1.0")
    (ws / "notebooks/01_history.ipynb").unlink()
    kit2 = {k: v for k, v in V1.items() if not k.startswith("exercises/ex01_history.quiz")}
    report = workspace.update(ws, fake_kit(tmp_path / "kit2", kit2), "0.2.0")
    assert ("added", "notebooks/01_history.ipynb", "it was missing") in report.lines
    assert ("left", "exercises/ex01_history.quiz.json", "no longer in the kit; left as it is") in report.lines
    assert (ws / "exercises/ex01_history.quiz.json").read_text(encoding="utf-8") == "quiz v1"


def test_init_into_a_folder_with_files_keeps_them(tmp_path):
    ws = tmp_path / "ws"
    (ws / "notebooks").mkdir(parents=True)
    (ws / "notebooks/01_history.ipynb").write_text("my own notes", encoding="utf-8")
    (ws / "essay.docx").write_text("essay", encoding="utf-8")
    report = workspace.init(ws, fake_kit(tmp_path / "kit1", V1), "0.1.0")
    assert (ws / "notebooks/01_history.ipynb").read_text(encoding="utf-8") == "my own notes"
    assert (ws / "notebooks/01_history (kit 0.1.0).ipynb").read_text(encoding="utf-8") == "history v1"
    assert (ws / "essay.docx").read_text(encoding="utf-8") == "essay"
    assert report.lines[0][0] == "kept" and "a file of yours with this name" in report.lines[0][2]


def test_the_command_line_prints_what_it_did_and_refuses_mistakes(tmp_path, capsys):
    ws = tmp_path / "ws"
    assert cli.main(["workspace", "init", str(ws)]) == 0
    out = capsys.readouterr().out
    assert "added     notebooks/00_start_here.ipynb" in out and "Nothing was overwritten" in out
    assert cli.main(["workspace", "init", str(ws)]) == 2
    assert "already a workspace" in capsys.readouterr().err
    assert cli.main(["workspace", "update", str(ws)]) == 0
    assert "unchanged" in capsys.readouterr().out
    assert cli.main(["workspace", "update", str(tmp_path / "nowhere")]) == 2
    assert "is not a workspace" in capsys.readouterr().err
    (ws / workspace.MANIFEST).write_text("{broken", encoding="utf-8")
    before = {p: p.read_bytes() for p in ws.rglob("*") if p.is_file()}
    assert cli.main(["workspace", "update", str(ws)]) == 2
    assert "missing or damaged" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in ws.rglob("*") if p.is_file()} == before


def test_the_kit_folder_itself_is_refused(tmp_path):
    with pytest.raises(R2PKitError, match="the kit's own folder"):
        workspace.init(ROOT)


def test_a_folder_with_a_kit_files_name_is_kept_and_the_update_finishes(tmp_path):
    workspace.init(tmp_path / "ws")
    first = next(iter(workspace.student_files()))
    target = tmp_path / "ws" / first
    target.unlink()
    target.mkdir()
    (target / "mine.txt").write_text("my notes")
    report = workspace.update(tmp_path / "ws", version="9.9")
    assert (target / "mine.txt").read_text() == "my notes"
    assert ("kept", first) in [(a, p) for a, p, _ in report.lines]
    assert (target.parent / workspace._beside_name(Path(first), "9.9")).is_file()
    assert all((tmp_path / "ws" / rel).exists() for rel in workspace.student_files()), "the update went on to the end"


def test_a_file_where_the_kit_needs_a_folder_stops_before_anything_changes(tmp_path):
    workspace.init(tmp_path / "ws")
    shutil.rmtree(tmp_path / "ws" / "exercises")
    (tmp_path / "ws" / "exercises").write_text("not a folder")
    before = sorted(p.relative_to(tmp_path) for p in (tmp_path / "ws").rglob("*"))
    with pytest.raises(R2PKitError, match="rename or move that file.*Nothing was changed"):
        workspace.update(tmp_path / "ws", version="9.9")
    assert sorted(p.relative_to(tmp_path) for p in (tmp_path / "ws").rglob("*")) == before


def test_written_files_keep_the_usual_permissions_and_a_read_only_file_stays_read_only(tmp_path):
    old = os.umask(0o022)
    try:
        workspace.init(tmp_path / "ws")
        files = [tmp_path / "ws" / rel for rel in workspace.student_files()]
        assert all(f.stat().st_mode & 0o777 == 0o644 for f in files), "readable by others, as cp would leave them"
        assert (tmp_path / "ws" / workspace.MANIFEST).stat().st_mode & 0o777 == 0o644
        files[0].write_text("an older kit's version")  # as the kit wrote it: the record says so
        record = json.loads((tmp_path / "ws" / workspace.MANIFEST).read_text())
        record["files"][next(iter(workspace.student_files()))] = workspace._sha(files[0])
        (tmp_path / "ws" / workspace.MANIFEST).write_text(json.dumps(record))
        files[0].chmod(0o444)
        report = workspace.update(tmp_path / "ws", version="9.9")
        assert report.lines[0][0] == "updated" and files[0].read_text() != "an older kit's version"
        assert files[0].stat().st_mode & 0o777 == 0o444
    finally:
        os.umask(old)

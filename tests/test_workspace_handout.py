"""An instructor's own handouts through `r2pkit workspace --from`: the same never-lose-work rule as the kit's."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from r2pkit.cli import main
from r2pkit.workspace import MANIFEST

ROOT = Path(__file__).resolve().parents[1]


def handout(folder: Path) -> Path:
    """What `r2pkit exercises build week3.yaml --out handout/` leaves: notebook, quiz file, solutions, (a key)."""
    (folder / "solutions").mkdir(parents=True)
    shutil.copy(ROOT / "exercises" / "ex00_start_here.ipynb", folder / "week3.ipynb")
    shutil.copy(ROOT / "exercises" / "ex00_start_here.quiz.json", folder / "week3.quiz.json")
    shutil.copy(ROOT / "exercises" / "solutions" / "ex00_start_here.ipynb", folder / "solutions" / "week3.ipynb")
    (folder / "week3.yaml").write_text("id: week3  # the key: never handed out\n")
    return folder


def test_handouts_are_handed_out_and_updated_without_losing_work(tmp_path, capsys):
    source = handout(tmp_path / "handout")
    work = tmp_path / "student"
    assert main(["workspace", "init", str(work), "--from", str(source)]) == 0
    assert sorted(p.name for p in work.iterdir()) == sorted([MANIFEST, "week3.ipynb", "week3.quiz.json"])
    assert json.loads((work / MANIFEST).read_text())["source"] == str(source.resolve())

    # the student works; the instructor corrects the handout and adds week 4
    nb = json.loads((work / "week3.ipynb").read_text())
    nb["cells"].append({"cell_type": "markdown", "id": "mine", "metadata": {}, "source": "My notes"})
    (work / "week3.ipynb").write_text(json.dumps(nb))
    mine = (work / "week3.ipynb").read_bytes()
    fixed = json.loads((source / "week3.ipynb").read_text())
    fixed["cells"][0]["source"] = "# Week 3 (corrected)"
    (source / "week3.ipynb").write_text(json.dumps(fixed))
    (source / "week3.quiz.json").write_text((source / "week3.quiz.json").read_text() + " ")
    shutil.copy(source / "week3.ipynb", source / "week4.ipynb")
    capsys.readouterr()
    assert main(["workspace", "update", str(work)]) == 0  # remembers where it came from
    out = capsys.readouterr().out
    assert (work / "week3.ipynb").read_bytes() == mine  # the student's work, untouched
    beside = [p for p in work.glob("week3 (kit handout *).ipynb")]
    assert len(beside) == 1 and "Week 3 (corrected)" in beside[0].read_text()
    assert (work / "week4.ipynb").exists() and "added" in out and "kept" in out
    assert (work / "week3.quiz.json").read_text() == (source / "week3.quiz.json").read_text()  # untouched: updated
    assert not (work / "solutions").exists() and not (work / "week3.yaml").exists()


def test_a_wrong_handout_folder_is_refused(tmp_path, capsys):
    assert main(["workspace", "init", str(tmp_path / "w"), "--from", str(tmp_path / "nope")]) == 2
    assert "handout folder" in capsys.readouterr().err and not (tmp_path / "w").exists()
    (tmp_path / "empty").mkdir()
    assert main(["workspace", "init", str(tmp_path / "w2"), "--from", str(tmp_path / "empty")]) == 2
    assert "No notebooks found in the handout folder" in capsys.readouterr().err

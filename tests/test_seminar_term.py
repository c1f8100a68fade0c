"""A small term end to end, with the real grader: hand out, 12 students, grade, gradebook with a late
policy and an override, a question graded by hand, Canvas and Moodle exports, feedback pages, class statistics."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import nbformat
import pytest

from r2pkit.cli import main
from r2pkit.workspace import init

ROOT = Path(__file__).resolve().parents[1]
RIGHT = {"q1": '"a"', "q2": '["a", "b", "d"]', "q3": '(False, "b")', "q5": "2", "q6": '"cite"',
         "q7": '["c", "b", "d", "a"]', "q9": '["a", "b", "c", "d"]'}
WRONG = {"q1": '"b"', "q2": '["c"]', "q3": '(True, "a")', "q5": "7", "q6": '"guess"',
         "q7": '["a", "b", "c", "d"]', "q9": '["a"]'}


def answered(handout: Path, answers: dict[str, str], crash: bool = False) -> nbformat.NotebookNode:
    nb = nbformat.read(handout, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for qid, value in answers.items():
            if cell.source.startswith(f"{qid} = None"):
                cell.source = f"{qid} = {value}\n" + cell.source.split("\n", 1)[1]
    if crash:
        nb.cells.insert(2, nbformat.v4.new_code_cell("import os\nos._exit(3)"))
    return nb


def test_a_small_term(tmp_path, capsys):
    # hand out: each student gets their own workspace (here, one for the class)
    init(tmp_path / "handout")
    handout = tmp_path / "handout" / "exercises" / "ex00_start_here.ipynb"
    students = [f"s{i:02d}" for i in range(1, 13)]
    half = dict(list(RIGHT.items())[:4]) | dict(list(WRONG.items())[4:])
    plan = {"s01": RIGHT, "s02": RIGHT, "s03": half, "s04": half, "s05": WRONG, "s06": {}, "s07": {},
            "s08": RIGHT, "s09": half, "s10": RIGHT}  # s11 crashes, s12 hands in nothing; s08 is late
    subs = tmp_path / "submissions"
    for sid, answers in plan.items():
        (subs / sid).mkdir(parents=True)
        nbformat.write(answered(handout, answers), subs / sid / "ex00.ipynb")
    (subs / "s11").mkdir()
    nbformat.write(answered(handout, RIGHT, crash=True), subs / "s11" / "ex00.ipynb")
    shutil.copy(subs / "s01" / "ex00.ipynb", subs / "s10" / "ex00.ipynb")  # s10 copies s01's file
    (tmp_path / "roster.csv").write_text("student_id,name,email\n" + "".join(
        f"{s},Student {s[1:]},{s}@example.org\n" for s in students))
    (tmp_path / "times.csv").write_text("student_id,submitted\n" + "".join(
        f"{s},2026-12-01T20:00+00:00\n" for s in students if s != "s08") + "s08,2026-12-03T09:00+00:00\n")

    assert main(["grade", str(subs), "--out", str(tmp_path / "grades.csv"), "--jobs", "2", "--timeout", "120"]) == 0
    results = tmp_path / ("grades.json" if (tmp_path / "grades.json").exists() else "grades.csv")
    common = [str(results), "--roster", str(tmp_path / "roster.csv"), "--times", str(tmp_path / "times.csv"),
              "--deadline", "2026-12-01T23:59+00:00", "--penalty", "10%", "--overrides", str(tmp_path / "ov.csv")]
    assert main(["seminar", "override", "--overrides", str(tmp_path / "ov.csv"), "--student", "s05",
                 "--exercise", "ex00", "--question", "q5", "--points", "1", "--reason", "accepted on appeal"]) == 0
    assert main(["seminar", "gradebook", *common, "--out", str(tmp_path / "book")]) == 0
    book = {r["student_id"]: r for r in csv.DictReader((tmp_path / "book" / "exercises.csv").open())}
    score = {s: float(book[s]["score"]) for s in students}
    assert score["s01"] == score["s02"] > score["s03"] == score["s04"] > score["s06"] == 0
    assert score["s08"] == pytest.approx(round(score["s01"] * 0.8, 2))  # two started days late
    assert book["s08"]["status"] == "late" and book["s12"]["status"] == "missing"
    assert score["s11"] < score["s01"]  # the crash stops the run: nothing after it is graded
    q5 = {r["student_id"]: r for r in csv.DictReader((tmp_path / "book" / "questions.csv").open())
          if r["question"] == "q5"}
    assert q5["s05"]["grader_points"] == "0.0" and q5["s05"]["points"] == "1.0"  # the override
    assert q5["s05"]["override_reason"] == "accepted on appeal"
    report = (tmp_path / "book" / "report.txt").read_text()
    assert "Possible copying in ex00" in report and "s01" in report and "s10" in report
    assert "s06" not in report.split("Possible copying")[1].split("\n")[0]  # blank handouts are not copying

    # hand-grade question 6 (a short text) for everyone who answered it: the spreadsheet round trip
    assert main(["seminar", "handgrade", "export", *common, "--exercise", "ex00", "--question", "q6",
                 "--out", str(tmp_path / "q6.csv")]) == 0
    rows = list(csv.DictReader((tmp_path / "q6.csv").open()))
    assert len(rows) == 11 and not any("Student" in r["answer"] for r in rows)  # all who handed in
    for r in rows:
        if r["grader_status"] == "incorrect":  # s03, s04, s05, s09 answered 'guess'
            assert r["answer"] in ("guess", "(no answer)")  # the answers themselves only with grades.json
            r["points"], r["comment"] = "0.5", "a guess, but you named the idea of checking"
    with (tmp_path / "q6.csv").open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert main(["seminar", "handgrade", "import", str(tmp_path / "q6.csv"), *common]) == 0

    assert main(["seminar", "export", *common, "--lms", "canvas", "--out", str(tmp_path / "canvas.csv")]) == 0
    assert main(["seminar", "export", *common, "--lms", "moodle", "--out", str(tmp_path / "moodle.csv")]) == 0
    canvas = list(csv.reader((tmp_path / "canvas.csv").open()))
    assert canvas[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] and len(canvas) == 14
    moodle = list(csv.reader((tmp_path / "moodle.csv").open()))
    assert moodle[0][:3] == ["ID number", "Email address", "Full name"] and len(moodle) == 13

    assert main(["seminar", "feedback", *common, "--out", str(tmp_path / "feedback")]) == 0
    pages = sorted((tmp_path / "feedback").glob("*/ex00.html"))
    assert len(pages) == 12
    for page in pages:
        text = page.read_text()
        others = [s for s in students if s != page.parent.name]
        assert not any(f"Student {s[1:]}" in text for s in others) and "copying" not in text.lower()
    assert "Source:" in (tmp_path / "feedback" / "s03" / "ex00.html").read_text()
    assert "graded by hand: a guess, but you named the idea of checking" in (
        tmp_path / "feedback" / "s05" / "ex00.html").read_text()  # s05 answered 'guess'
    moodle_s05 = next(r for r in csv.reader((tmp_path / "moodle.csv").open()) if r[0] == "s05")
    assert float(moodle_s05[-1]) == score["s05"] + 0.5  # the hand-given half point is exported

    assert main(["seminar", "stats", *common, "--out", str(tmp_path / "stats")]) == 0
    stats = {r["question"]: r for r in csv.DictReader((tmp_path / "stats" / "stats.csv").open())}
    assert float(stats["q1"]["share_correct"]) > float(stats["q6"]["share_correct"])
    assert json.dumps(stats)  # every question has a row
    assert set(RIGHT) <= set(stats)

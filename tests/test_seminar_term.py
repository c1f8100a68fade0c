"""A small term end to end, with the real grader: the kit's exercise 00 and an instructor's own assignment
with a written answer, built and handed out; 12 students; grade; gradebook with a late policy and an
override; a short answer graded by hand in a spreadsheet and the written answers in the grading view with
rubric ticks; Canvas and Moodle exports, feedback pages, class statistics."""
from __future__ import annotations

import csv
import html
import json
import shutil
from pathlib import Path

import textwrap

import nbformat
import pytest

from r2pkit.cli import main
from r2pkit.seminar.grading_view import GradingView
from r2pkit.workspace import init

ROOT = Path(__file__).resolve().parents[1]
RIGHT = {"q1": '"a"', "q2": '["a", "b", "d"]', "q3": '(False, "b")', "q5": "2", "q6": '"cite"',
         "q7": '["c", "b", "d", "a"]', "q9": '["a", "b", "c", "d"]'}
WRONG = {"q1": '"b"', "q2": '["c"]', "q3": '(True, "a")', "q5": "7", "q6": '"guess"',
         "q7": '["a", "b", "c", "d"]', "q9": '["a"]'}


# The instructor's own assignment: one choice and one written answer with a three-item rubric.
RUBRIC = ["Names governmental authority as what grounds the duty.", "Says the duty is one of due diligence.",
          "Cites the page."]
ASSIGNMENT = textwrap.dedent(f"""\
    id: ex90_term
    title: The duty to protect, in writing
    questions:
      - id: q1
        kind: single
        prompt: Who publishes the refugee figures?
        options: {{a: UNHCR, b: The World Bank}}
        answer: a
        explanation: UNHCR publishes them.
        source: UNHCR.
      - id: q2
        kind: written
        length: one paragraph
        prompt: Apply Hakimi's duty to protect to an occupying power.
        model_answer: An occupier exercises governmental authority over the district, so the duty attaches; it
          is a duty of due diligence (Hakimi, p. 269).
        rubric:
          - {{points: 2, comment: {RUBRIC[0]}}}
          - {{points: 1, comment: {RUBRIC[1]}}}
          - {{points: 1, comment: {RUBRIC[2]}}}
        explanation: Hakimi grounds the duty in the relationship.
        source: Hakimi, Part IV.B.2, p. 269.
    """)
# Each student's paragraph and the rubric items an instructor would tick for it (1-based, as the keys).
ESSAYS = {
    "s01": ("The occupier governs the district: it exercises governmental authority, so the duty to protect "
            "attaches. It is a duty of due diligence (p. 269).", "123"),
    "s02": ("Because the occupier runs the district it has governmental authority there, which grounds the duty.",
            "1"),
    "s03": ("The occupier must take reasonable steps, a duty of due diligence.", "2"),
    "s04": ("The occupier has to protect people.", ""),
    "s05": ("The occupier exercises governmental authority and must act with due diligence (Hakimi 269).", "123"),
    "s08": ("Governmental authority grounds the duty; it is one of due diligence.", "12"),  # handed in late
    "s10": ("Authority over territory grounds the duty.", "1"),
    "s11": ("The occupier governs and must protect with due diligence.", "12"),
}


def written(handout: Path, choice: str | None, essay: str | None) -> nbformat.NotebookNode:
    nb = nbformat.read(handout, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.startswith("q1 = None") and choice:
            cell.source = f"q1 = {choice!r}\n" + cell.source.split("\n", 1)[1]
        if cell.cell_type == "code" and cell.source.startswith("q2 = None") and essay:
            cell.source = f"q2 = {essay!r}\n" + cell.source.split("\n", 1)[1]
    return nb


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

    # the instructor's own assignment with a written answer: built, handed out, answered by all but s09 and s12
    # (s06 and s07 hand in the blank handout), graded against its key, which students never see
    key = tmp_path / "key" / "ex90_term.yaml"
    key.parent.mkdir()
    key.write_text(ASSIGNMENT, encoding="utf-8")
    assert main(["exercises", "build", str(key), "--out", str(tmp_path / "built"), "--no-execute"]) == 0
    assert main(["workspace", "init", str(tmp_path / "handout90"), "--from", str(tmp_path / "built" / "assessed")]) == 0
    handout90 = next((tmp_path / "handout90").rglob("ex90_term.ipynb"))
    assert "Names governmental authority" not in handout90.read_text(), "the rubric stays in the key"
    choice = {"s01": "a", "s02": "a", "s03": "b", "s04": "a", "s05": "b", "s08": "a", "s10": "a", "s11": "a"}
    subs90 = tmp_path / "submissions90"
    for sid in ("s01", "s02", "s03", "s04", "s05", "s06", "s07", "s08", "s10", "s11"):
        (subs90 / sid).mkdir(parents=True)
        essay = ESSAYS[sid][0] if sid in ESSAYS else None
        nbformat.write(written(handout90, choice.get(sid), essay), subs90 / sid / "ex90.ipynb")
    assert main(["grade", str(subs90), "--key", str(key), "--out", str(tmp_path / "grades90.csv"),
                 "--jobs", "2", "--timeout", "120"]) == 0
    results90 = tmp_path / "grades90.json"
    graded = {(r["submission"].split("/")[-2], r["question"]): r for r in csv.DictReader((tmp_path / "grades90.csv").open())}
    assert graded[("s01", "q2")]["status"] == "answered" and float(graded[("s01", "q2")]["points"]) == 0
    assert graded[("s06", "q2")]["status"] == "unanswered", "a blank handout is not an answer"

    common = [str(results), str(results90), "--roster", str(tmp_path / "roster.csv"), "--times",
              str(tmp_path / "times.csv"), "--deadline", "2026-12-01T23:59+00:00", "--penalty", "10%",
              "--overrides", str(tmp_path / "ov.csv")]
    assert main(["seminar", "override", "--overrides", str(tmp_path / "ov.csv"), "--student", "s05",
                 "--exercise", "ex00", "--question", "q5", "--points", "1", "--reason", "accepted on appeal"]) == 0
    assert main(["seminar", "gradebook", *common, "--out", str(tmp_path / "book")]) == 0
    book = {r["student_id"]: r for r in csv.DictReader((tmp_path / "book" / "exercises.csv").open())
            if r["exercise"] == "ex00"}
    score = {s: float(book[s]["score"]) for s in students}
    assert score["s01"] == score["s02"] > score["s03"] == score["s04"] > score["s06"] == 0
    assert score["s08"] == pytest.approx(round(score["s01"] * 0.8, 2))  # two started days late
    assert book["s08"]["status"] == "late" and book["s12"]["status"] == "missing"
    assert score["s11"] < score["s01"]  # the crash stops the run: nothing after it is graded
    q5 = {r["student_id"]: r for r in csv.DictReader((tmp_path / "book" / "questions.csv").open())
          if r["question"] == "q5" and r["exercise"] == "ex00"}
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

    # hand-grade the written answers in the grading view, as its keys do (the front end sends them to press):
    # digits tick rubric items (saved at once), j saves and moves on; each answer shows a code, never a name
    view = GradingView([results, results90], tmp_path / "roster.csv", tmp_path / "ov.csv", "ex90_term", "q2", key=key)
    assert len(view.items) == 10 and [b.description[3:] for b in view.boxes] == [f"{p:+g}: {c}" for p, c in
                                                                                  zip((2, 1, 1), RUBRIC)]
    seen = []
    for _ in view.items:
        it = view.items[view.index]
        shown = view.title.value + view.answer.value
        assert it["code"] in shown and not any(f"Student {s[1:]}" in shown or s in shown for s in students)
        seen.append(it["student_id"])
        sid = it["student_id"]
        if sid in ESSAYS:
            assert html.escape(ESSAYS[sid][0]) in view.answer.value, "the paragraph is shown whole"
            for k in ESSAYS[sid][1]:
                view.press(k)
            if sid == "s04":
                view.comment.value = "Say what grounds the duty, and cite the page."
        view.press("j")
    assert sorted(seen) == sorted(p.name for p in subs90.iterdir()), "each answer handed in, once"
    assert seen != sorted(seen), "a stable random order, not the roster's"
    hand = {sid: sum((2, 1, 1)[int(k) - 1] for k in ticks) for sid, (_, ticks) in ESSAYS.items()}
    saved = {r["student_id"]: r for r in csv.DictReader((tmp_path / "ov.csv").open()) if r["exercise"] == "ex90_term"}
    assert set(saved) == set(ESSAYS), "every answer graded, the blank handouts left alone"
    assert {sid: float(r["points"]) for sid, r in saved.items()} == hand
    assert saved["s02"]["reason"] == f"graded by hand: ✓ 1. {RUBRIC[0]} (+2)"
    assert saved["s04"]["reason"] == "graded by hand: Say what grounds the duty, and cite the page."

    # the hand scores reach the gradebook, after the late policy (s08 is two started days late: 20 % off)
    assert main(["seminar", "gradebook", *common, "--out", str(tmp_path / "book2")]) == 0
    ex90 = {r["student_id"]: r for r in csv.DictReader((tmp_path / "book2" / "exercises.csv").open())
            if r["exercise"] == "ex90_term"}
    expect90 = {sid: (choice.get(sid) == "a") + hand.get(sid, 0) for sid in students}
    expect90["s08"] = round(expect90["s08"] * 0.8, 2)
    assert {sid: float(r["score"]) for sid, r in ex90.items()} == pytest.approx(expect90)
    assert ex90["s09"]["status"] == "missing" and ex90["s08"]["status"] == "late"
    totals = {r["student_id"]: r for r in csv.DictReader((tmp_path / "book2" / "gradebook.csv").open())}
    for sid in students:
        assert float(totals[sid]["total"]) == pytest.approx(float(totals[sid]["ex00"]) + expect90[sid])
    assert float(totals["s05"]["ex00"]) == score["s05"] + 0.5, "the spreadsheet's half point"

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
    moodle_at = {r[0]: r for r in moodle[1:]}
    canvas_at = {r[2]: r for r in canvas[2:]}
    m00, m90, c90 = moodle[0].index("ex00"), moodle[0].index("ex90_term"), canvas[0].index("ex90_term")
    assert float(moodle_at["s05"][m00]) == score["s05"] + 0.5  # the hand-given half point is exported
    assert float(canvas[1][c90]) == 5, "Points Possible: the choice and the rubric's four points"
    for sid in students:  # the written answers' hand scores, late policy applied, in both exports
        assert float(moodle_at[sid][m90]) == pytest.approx(expect90[sid])
        assert float(canvas_at[sid][c90]) == pytest.approx(expect90[sid])

    # feedback on the written answer: the rubric items that earned points, the comment, no one else's name or words
    pages90 = {p.parent.name: p.read_text() for p in (tmp_path / "feedback").glob("*/ex90_term.html")}
    assert set(pages90) == set(students)
    for sid, text in pages90.items():
        others = [s for s in students if s != sid]
        assert not any(f"Student {s[1:]}" in text for s in others) and "copying" not in text.lower()
        assert not any(html.escape(ESSAYS[s][0]) in text for s in others if s in ESSAYS)
    assert html.escape(f"✓ 1. {RUBRIC[0]} (+2)") in pages90["s02"] and f"✓ 2. " not in pages90["s02"]
    assert all(html.escape(f"✓ {n}. {c}") in pages90["s01"] for n, c in enumerate(RUBRIC, 1))
    assert "Say what grounds the duty, and cite the page." in pages90["s04"]
    assert html.escape(ESSAYS["s03"][0]) in pages90["s03"], "the student's own paragraph"

    assert main(["seminar", "stats", *common, "--out", str(tmp_path / "stats")]) == 0
    table = list(csv.DictReader((tmp_path / "stats" / "stats.csv").open()))
    stats = {r["question"]: r for r in table if r["exercise"] == "ex00"}
    assert float(stats["q1"]["share_correct"]) > float(stats["q6"]["share_correct"])
    assert json.dumps(stats)  # every question has a row
    assert set(RIGHT) <= set(stats)
    w = next(r for r in table if (r["exercise"], r["question"]) == ("ex90_term", "q2"))
    handed_in = [hand.get(p.name, 0) for p in subs90.iterdir()]  # the blank handouts count as 0
    assert int(w["students"]) == len(handed_in) == 10
    assert float(w["mean_points"]) == pytest.approx(round(sum(handed_in) / len(handed_in), 2))
    assert float(w["share_correct"]) == pytest.approx(sum(h == 4 for h in handed_in) / len(handed_in))
    assert float(w["share_unanswered"]) == pytest.approx(0.2) and not w["most_chosen_wrong"]
    assert w["discrimination"] != "", "hand scores spread enough to separate students"

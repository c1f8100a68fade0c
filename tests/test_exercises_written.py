"""Written answers: a paragraph with a model answer and a rubric, saved like every answer, never
auto-scored beyond 'answered', graded by hand (rubric as checkboxes), counted once entered."""
from __future__ import annotations

import csv
import io
import json
import textwrap

import nbformat
import pytest

from r2pkit.cli import main
from r2pkit.exercises import protocol, runtime
from r2pkit.exercises.build import build, notebook_text
from r2pkit.exercises.kinds.written import MAX_CHARS, rubric
from r2pkit.exercises.questions import AnswerError, normalise, score
from r2pkit.exercises.source import SourceError, parse_source

MODEL = "An occupier that runs the district exercises governmental authority over it, so the duty to protect attaches."
SOURCE = textwrap.dedent(f"""\
    id: ex92_written
    title: Written answers
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
        prompt: Apply the duty to protect to an occupying power.
        model_answer: {MODEL}
        rubric:
          - {{points: 2, comment: Names governmental authority as what grounds the duty.}}
          - {{points: 1, comment: Says the duty is one of due diligence.}}
        explanation: Hakimi grounds the duty in the relationship.
        source: Hakimi, Part IV.B.2, p. 269.
    """)
LONG = ("The occupier governs the district. " * 120).strip()  # more than the 2,000 characters other answers keep


@pytest.fixture()
def ex():
    return parse_source(SOURCE, "ex92_written.yaml")


def test_the_source_gives_a_model_answer_and_a_rubric(ex):
    q = ex.question("q2")
    assert q.kind == "written" and q.points == 3, "points default to the rubric's total"
    assert [(i.points, i.comment[:5]) for i in rubric(q)] == [(2.0, "Names"), (1.0, "Says ")]
    assert q.extra["model_answer"] == MODEL and q.extra["length"] == "one paragraph"


RUBRIC = ("    rubric:\n      - {points: 2, comment: Names governmental authority as what grounds the duty.}\n"
          "      - {points: 1, comment: Says the duty is one of due diligence.}\n")


@pytest.mark.parametrize("old,new,says", [
    (RUBRIC, "    rubric: []\n", "'rubric' is a list of items"),
    ("{points: 2, comment: Names", "{points: 2, note: x, comment: Names", "rubric item 1 must have 'points' and 'comment'"),
    ("{points: 2,", "{points: -2,", "rubric item 1's points"),
    (f"    model_answer: {MODEL}\n", "", "a written question needs 'model_answer'"),
])
def test_a_bad_rubric_or_model_answer_is_refused(old, new, says):
    assert old in SOURCE
    with pytest.raises(SourceError) as refused:
        parse_source(SOURCE.replace(old, new), "ex92_written.yaml")
    assert says in str(refused.value) and "question q2" in str(refused.value), str(refused.value)


def test_points_that_disagree_with_the_rubric_and_an_answer_field_are_refused():
    with pytest.raises(SourceError, match="the rubric's points add up to 3, but the question is worth 4"):
        parse_source(SOURCE.replace("    length:", "    points: 4\n    length:"), "t.yaml")
    with pytest.raises(SourceError, match="do not write 'answer'"):
        parse_source(SOURCE.replace("    length:", "    answer: x\n    length:"), "t.yaml")


def test_a_written_answer_is_saved_as_written_and_never_scored(ex):
    q = ex.question("q2")
    assert normalise(q, "  First line.  \r\nSecond line.\n") == "First line.\nSecond line."
    outcome = score(q, LONG)
    assert (outcome.status, outcome.points, outcome.max_points) == ("answered", 0.0, 3)
    assert score(q, None).status == "unanswered"
    for bad, says in ((42, "takes a written answer, as text"), ("   ", "this one is empty"),
                      ("x" * (MAX_CHARS + 1), "Shorten it")):
        with pytest.raises(AnswerError, match=says):
            normalise(q, bad)


def test_the_key_stays_out_of_what_students_get(ex, tmp_path):
    src = tmp_path / "ex92_written.yaml"
    src.write_text(SOURCE, encoding="utf-8")
    built = build(src, tmp_path / "out", execute=False)
    assessed = built.assessed_public.read_text(encoding="utf-8") + built.assessed.read_text(encoding="utf-8")
    practice = built.public.read_text(encoding="utf-8") + built.student.read_text(encoding="utf-8")
    for secret in (MODEL[:40], "Names governmental authority", "due diligence"):
        assert secret not in assessed and secret not in practice, secret
    assert MODEL in built.solution.read_text(encoding="utf-8")
    text = notebook_text(ex, "assessed")
    assert "## Question 2 · a written answer, graded by hand · 3 points" in text
    assert "(one paragraph)" in text and 'q2 = None  # or type your answer here, e.g. q2 = """Your paragraph."""' in text


def test_in_the_notebook_the_answer_is_kept_and_check_says_it_waits_for_the_instructor(ex, tmp_path, monkeypatch):
    from r2pkit.exercises.build import public_file
    from r2pkit.exercises.sealed import dumps
    from r2pkit.exercises.ui import QuestionWidget

    for mode in ("practice", "assessed"):
        folder = tmp_path / mode
        folder.mkdir()
        (folder / "ex92_written.quiz.json").write_text(dumps(public_file(ex, mode)), encoding="utf-8")
        monkeypatch.setenv("R2PKIT_EXERCISES", str(folder))
        monkeypatch.chdir(folder)
        runtime._QUIZZES.clear()
        quiz = runtime.load("ex92_written")
        widget = QuestionWidget(quiz, "q2")
        (box,) = widget.inputs
        assert type(box).__name__ == "Textarea" and box.description == "Your answer"
        empty = runtime.check("ex92_written.q2", None)
        assert empty.status == "unanswered" and "Write your answer in the box above" in " ".join(empty.lines)
        box.value = LONG
        assert quiz.st("q2").answer == LONG and "words) (written in the box)" in widget.counts.value
        if mode == "practice":  # nothing to check: the summary says it is saved, not 'unanswered'
            assert dict((r[0], r[1]) for r in runtime.summary("ex92_written").rows)["q2"] == "saved"
        fb = runtime.check("ex92_written.q2")
        said = " ".join([fb.headline, *fb.lines]).lower()
        assert fb.status == "saved" and ("graded by hand" if mode == "practice" else "instructor grades") in said, fb
        assert "(write your answer)" in repr(widget)
        if mode == "practice":
            assert runtime.check("ex92_written.q2").status == "saved" and quiz.st("q2").attempts == 1
            shown = runtime.give_up("ex92_written.q2")
            assert MODEL in shown.explanation and "due diligence" in shown.explanation
        else:
            assert runtime.give_up("ex92_written.q2").explanation == ""
        records = json.loads(runtime._export())["ex92_written"]
        assert records["q2"]["answer"] == LONG
    runtime._QUIZZES.clear()


def _submission(handout, answers):
    nb = nbformat.read(handout, as_version=4)
    for cell in nb.cells:
        for qid, value in answers.items():
            if cell.cell_type == "code" and cell.source.startswith(f"{qid} = None"):
                cell.source = f"{qid} = {value!r}\n" + cell.source.split("\n", 1)[1]
    return nb


def test_graded_then_graded_by_hand_with_the_rubric(tmp_path, capsys):
    """The real grader (in its sandbox), then the spreadsheet round trip with rubric ticks, the
    gradebook, the feedback page and the grading view."""
    from r2pkit.seminar.grading_view import GradingView

    src = tmp_path / "key" / "ex92_written.yaml"
    src.parent.mkdir()
    src.write_text(SOURCE, encoding="utf-8")
    built = build(src, tmp_path / "handout", execute=False)
    subs = tmp_path / "submissions"
    plan = {"s01": {"q1": "a", "q2": LONG}, "s02": {"q1": "b", "q2": "The occupier must act with due diligence."},
            "s03": {"q1": "a"}}
    for sid, answers in plan.items():
        (subs / sid).mkdir(parents=True)
        nbformat.write(_submission(built.assessed, answers), subs / sid / "ex92.ipynb")
    (tmp_path / "roster.csv").write_text("student_id,name\ns01,Ada\ns02,Alan\ns03,Grace\n", encoding="utf-8")
    grades = tmp_path / "grades" / "g.csv"
    assert main(["grade", str(subs), "--key", str(src), "--out", str(grades), "--timeout", "120"]) == 0
    rows = {(r["submission"].split("/")[-2], r["question"]): r for r in csv.DictReader(grades.open())}
    assert rows[("s01", "q2")]["status"] == "answered" and rows[("s01", "q2")]["points"] == "0"
    assert rows[("s03", "q2")]["status"] == "unanswered" and rows[("s01", "q1")]["status"] == "correct"
    results = json.loads(grades.with_suffix(".json").read_text())
    kept = {s["submission"].split("/")[-2]: s for s in results["submissions"]}
    assert kept["s01"]["questions"][1]["answer"] == LONG, "a written answer is kept whole for the instructor"

    common = [str(grades.with_suffix(".json")), "--roster", str(tmp_path / "roster.csv"),
              "--overrides", str(tmp_path / "ov.csv"), "--key", str(src)]
    out = tmp_path / "q2.csv"
    assert main(["seminar", "handgrade", "export", *common, "--exercise", "ex92_written", "--question", "q2",
                 "--out", str(out)]) == 0
    sheet = list(csv.DictReader(out.open(encoding="utf-8")))
    header = list(sheet[0])
    assert header[-2:] == ["R1 (+2): Names governmental authority as what grounds the duty.",
                           "R2 (+1): Says the duty is one of due diligence."]
    assert {r["answer"] for r in sheet} >= {LONG}
    for r in sheet:
        if r["answer"] == LONG:
            r[header[-2]], r[header[-1]], r["comment"] = "x", "x", "Clear and complete."
        elif "due diligence" in r["answer"]:
            r[header[-1]] = "x"
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header)
    writer.writeheader()
    writer.writerows(sheet)
    out.write_text(buf.getvalue(), encoding="utf-8")
    common_no_key = common[:-2]
    assert main(["seminar", "handgrade", "import", str(out), *common_no_key]) == 0
    assert main(["seminar", "gradebook", *common_no_key, "--out", str(tmp_path / "book")]) == 0
    book = {(r["student_id"], r["question"]): r for r in csv.DictReader((tmp_path / "book" / "questions.csv").open())}
    assert book[("s01", "q2")]["points"] == "3.0" and book[("s02", "q2")]["points"] == "1.0"
    assert "✓ 1. Names governmental authority" in book[("s01", "q2")]["override_reason"]
    totals = {r["student_id"]: r for r in csv.DictReader((tmp_path / "book" / "gradebook.csv").open())}
    assert totals["s01"]["total"] == "4.0" and totals["s02"]["total"] == "1.0", "hand scores count once entered"

    assert main(["seminar", "feedback", *common, "--out", str(tmp_path / "feedback")]) == 0
    page = (tmp_path / "feedback" / "s02" / "ex92_written.html").read_text(encoding="utf-8")
    assert "Says the duty is one of due diligence." in page and "A model answer" in page and "Ada" not in page

    view = GradingView([grades.with_suffix(".json")], tmp_path / "roster.csv", tmp_path / "ov.csv", "ex92_written",
                       "q2", key=src)
    at = next(i for i, it in enumerate(view.items) if it["student_id"] == "s02")
    view.show(at)
    assert [b.value for b in view.boxes] == [False, True], "the ticks saved are shown again"
    view.press("1")  # tick item 1: saved at once
    assert view.points.value == 3 and view.items[at]["points"] == 3
    view.press("?")
    assert "tick or untick rubric item" in view.status.value
    capsys.readouterr()


MARKDOWN_SOURCE = SOURCE.replace("    length: one paragraph\n", "    length: one paragraph\n    cell: markdown\n")


def test_an_answer_in_a_markdown_cell_is_saved_graded_and_graded_by_hand(tmp_path, capsys):
    """``cell: markdown``: the student writes in a Markdown cell of its own; the file saves it, the grader
    reads it as the answer (never scored beyond 'answered'), and hand grading goes as for the box."""
    from r2pkit.exercises.kinds.written import PLACEHOLDER

    assert MARKDOWN_SOURCE != SOURCE
    ex = parse_source(MARKDOWN_SOURCE, "ex92_written.yaml")
    assert ex.question("q2").extra["cell"] == "markdown"
    with pytest.raises(SourceError, match="'cell' is where students write: 'box'"):
        parse_source(MARKDOWN_SOURCE.replace("cell: markdown", "cell: paper"), "t.yaml")
    src = tmp_path / "key" / "ex92_written.yaml"
    src.parent.mkdir()
    src.write_text(MARKDOWN_SOURCE, encoding="utf-8")
    built = build(src, tmp_path / "handout", execute=False)
    for path in (built.student, built.assessed):
        nb = nbformat.read(path, as_version=4)
        (cell,) = [c for c in nb.cells if (c.metadata.get("r2pkit") or {}).get("answer") == "ex92_written.q2"]
        assert cell.cell_type == "markdown" and cell.source == PLACEHOLDER
        assert not any("ex92_written.q2" in c.source for c in nb.cells if c.cell_type == "code"), "no box, no code"
        assert "in the Markdown cell under this question" in nbformat.writes(nb)
        assert MODEL[:40] not in path.read_text(encoding="utf-8") + built.assessed_public.read_text(encoding="utf-8")
        assert protocol.saved_answers(nb) == {}, "the placeholder alone is no answer"
    solution = nbformat.read(built.solution, as_version=4)
    assert protocol.saved_answers(solution)["ex92_written"]["q2"] == MODEL

    essay = "The occupier **governs** the district:\n\n- so the duty attaches;\n- it is one of due diligence."
    subs = tmp_path / "submissions"
    for sid, text in {"s01": essay, "s02": None}.items():
        nb = nbformat.read(built.assessed, as_version=4)
        for cell in nb.cells:
            if (cell.metadata.get("r2pkit") or {}).get("answer") and text:
                cell.source = text  # the student replaced the placeholder
        (subs / sid).mkdir(parents=True)
        nbformat.write(nb, subs / sid / "ex92.ipynb")
        if text:
            assert protocol.saved_answers(nb)["ex92_written"]["q2"] == essay
    grades = tmp_path / "grades" / "g.csv"
    assert main(["grade", str(subs), "--key", str(src), "--out", str(grades), "--timeout", "120"]) == 0
    rows = {(r["submission"].split("/")[-2], r["question"]): r for r in csv.DictReader(grades.open())}
    assert rows[("s01", "q2")]["status"] == "answered" and rows[("s01", "q2")]["points"] == "0"
    assert rows[("s02", "q2")]["status"] == "unanswered"
    results = json.loads(grades.with_suffix(".json").read_text())
    kept = {s["submission"].split("/")[-2]: s for s in results["submissions"]}
    assert kept["s01"]["questions"][1]["answer"] == essay
    assert not any("edited" in n for n in kept["s01"]["notes"]), kept["s01"]["notes"]

    (tmp_path / "roster.csv").write_text("student_id,name\ns01,Ada\ns02,Alan\n", encoding="utf-8")
    common = [str(grades.with_suffix(".json")), "--roster", str(tmp_path / "roster.csv"),
              "--overrides", str(tmp_path / "ov.csv")]
    sheet = tmp_path / "q2.csv"
    assert main(["seminar", "handgrade", "export", *common, "--key", str(src), "--exercise", "ex92_written",
                 "--question", "q2", "--out", str(sheet)]) == 0
    table = list(csv.DictReader(sheet.open(encoding="utf-8")))
    header = list(table[0])
    for r in table:
        if r["answer"] == essay:
            r[header[-1]] = "x"
    with sheet.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerows(table)
    assert main(["seminar", "handgrade", "import", str(sheet), *common]) == 0
    assert main(["seminar", "gradebook", *common, "--out", str(tmp_path / "book")]) == 0
    book = {(r["student_id"], r["question"]): r for r in csv.DictReader((tmp_path / "book" / "questions.csv").open())}
    assert book[("s01", "q2")]["points"] == "1.0" and "✓ 2. Says the duty" in book[("s01", "q2")]["override_reason"]
    capsys.readouterr()

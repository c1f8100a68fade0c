"""The batch grader, `r2pkit grade`: real submissions, run in real kernels, graded once.

A folder of submissions is made from the two built ex00 notebooks (the student's,
unanswered, and the solution), each edited the way a student might — or a cheat, or a
broken file — and the whole folder is graded ONCE for this module with ``--jobs 2``
through the command line. The tests then read grades.csv and the feedback files.
Expected points come from the exercise's key (``load_source``), never typed in.
"""
from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from r2pkit import cli
from r2pkit.exercises import grade
from r2pkit.exercises.build import public_file
from r2pkit.exercises.questions import score
from r2pkit.exercises.runtime import ANSWER_MIME
from r2pkit.exercises.sealed import dumps
from r2pkit.exercises.source import load_source
from r2pkit.exercises.ui import _saved_bundle

ROOT = Path(__file__).resolve().parents[1]
STUDENT = ROOT / "exercises" / "ex00_start_here.ipynb"
SOLUTION = ROOT / "exercises" / "solutions" / "ex00_start_here.ipynb"
KEY = load_source(ROOT / "exercises" / "source" / "ex00_start_here.yaml")
KEYS = {KEY.id: KEY}
QIDS = [q.id for q in KEY.questions]
TIMEOUT = 60  # seconds per notebook (a loaded machine needs them); only the endless loop waits it out


def points(qid: str, answer) -> float:
    """What the key gives for an answer (the rule's points, not typed here)."""
    return score(KEY.question(qid), answer).points


def max_points(qid: str) -> float:
    return float(KEY.question(qid).points)


# ------------------------------------------------------------ making submissions
def _student():
    return nbformat.read(STUDENT, as_version=4)


def _cell(nb, text: str) -> int:
    found = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and text in c.source]
    assert len(found) == 1, f"test set-up: {text!r} is in {len(found)} code cells"
    return found[0]


def _answer(nb, qid: str, code: str) -> None:
    """Type an answer in the question's variable cell, as a student does."""
    cell = nb.cells[_cell(nb, f'check("ex00.{qid}"')]
    assert f"{qid} = None" in cell.source
    cell.source = cell.source.replace(f"{qid} = None", f"{qid} = {code}", 1)


def _insert(nb, where: str, source: str, after: bool = True) -> None:
    """Insert a code cell of its own just after (or before) the cell containing ``where``."""
    i = _cell(nb, where)
    nb.cells.insert(i + 1 if after else i, nbformat.v4.new_code_cell(source))


def _saved_widget_answer(nb, qid: str, answer, replace: bool) -> None:
    """Put in the ask cell the output ui.py writes when a student picks an answer.

    In a saved notebook, Jupyter has updated the "none yet" output in place (replace=True);
    an appended output (replace=False) must do as well.
    """
    cell = nb.cells[_cell(nb, f'ask("ex00.{qid}")')]
    bundle = _saved_bundle("ex00", qid, answer)
    if replace:
        [out] = [o for o in cell.outputs if ANSWER_MIME in o.get("data", {})]
        out["data"] = nbformat.from_dict(bundle)
    else:
        cell.outputs.append(nbformat.v4.new_output("display_data", data=bundle))


def make_full():
    """The student's notebook with every answer cell as in the solution: an honest full-marks submission."""
    nb, solved = _student(), nbformat.read(SOLUTION, as_version=4)
    assert len(nb.cells) == len(solved.cells), "test set-up: the solution and student notebooks differ in shape"
    for cell, done in zip(nb.cells, solved.cells):
        if cell.cell_type == "code":
            cell.source = done.source
    return nb


def make_typed():
    nb = _student()
    _answer(nb, "q1", '"a"')
    _answer(nb, "q2", '["a", "b"]')
    # A Series of many values where one number is asked: the kit's normaliser raises a
    # ValueError (not an AnswerError). It must not stop the later answers being read.
    _answer(nb, "q4", 'refugees[refugees["year"] == 2015]["refugees"]')
    _answer(nb, "q7", '["a", "d", "c", "b"]')
    return nb


def make_widgets():
    nb = _student()
    _saved_widget_answer(nb, "q1", "a", replace=True)
    _saved_widget_answer(nb, "q3", [False, "a"], replace=True)  # right verdict, wrong reason
    _saved_widget_answer(nb, "q5", 2.0, replace=False)
    _saved_widget_answer(nb, "q7", ["c", "b", "d", "a"], replace=False)
    return nb


def make_raises():
    nb = _student()
    _answer(nb, "q1", '"a"')
    _insert(nb, 'ask("ex00.q5")', "1/0", after=False)
    _answer(nb, "q5", "2")
    _answer(nb, "q6", "name_of_the_function")  # a NameError in the question's own cell
    _answer(nb, "q7", '["c", "b", "d", "a"]')
    return nb


def make_loop():
    nb = _student()
    _answer(nb, "q1", '"a"')
    _answer(nb, "q2", '["a", "b", "d"]')
    _answer(nb, "q3", '(False, "b")')
    _insert(nb, 'check("ex00.q3"', "while True:\n    pass")
    _answer(nb, "q5", "2")
    return nb


def make_os_exit():
    nb = _student()
    _answer(nb, "q1", '"a"')
    _answer(nb, "q2", '["a", "b", "d"]')
    _insert(nb, 'check("ex00.q2"', "import os\nos._exit(1)")
    _answer(nb, "q5", "2")
    return nb


def make_sys_exit():
    nb = _student()
    _answer(nb, "q1", '"a"')
    _insert(nb, 'check("ex00.q1"', "import sys\nsys.exit()")
    # and a notebook that silences its own printing: the answers still come back
    _insert(nb, 'ask("ex00.q2")', "import io, sys\nsys.stdout = io.StringIO()", after=False)
    _answer(nb, "q2", '["a", "b", "d"]')
    return nb


def make_huge():
    nb = _student()
    _answer(nb, "q1", '"a"')
    _insert(nb, 'check("ex00.q1"', 'print("x" * 10_000_000)')  # 10 MB in one cell
    _answer(nb, "q2", '["a", "b", "d"]')
    _answer(nb, "q6", "name_of_the_function")  # raises after the output budget is spent
    return nb


# The cheat's cells. Each one is checked in this process too (test_the_cheats_fool_self_check),
# so we know they really make the notebook's own self-check say "correct".
CHEAT_SLOTS = '''\
import r2pkit.exercises.runtime as rt
from r2pkit.exercises.sealed import digest
quiz = rt._QUIZZES["ex00"]
quiz.questions["q1"]["slots"] = {"choice": [digest(quiz.salt, "q1", "choice", "b")]}
'''
CHEAT_SELF_CHECK = '''\
import r2pkit.exercises.runtime as rt, r2pkit.exercises.sealed as sealed
from r2pkit.exercises.questions import Outcome

def always_right(data, salt, raw):
    return raw, Outcome("correct", float(data["points"]), float(data["points"]))

rt.self_check = sealed.self_check = always_right
'''
CHEAT_PRINTS = '''\
import json

def check(ref, answer=None):
    print("✔ Correct — full points.")
    return "✔ Correct"

forged = {"ex00": {"q1": {"answer": "a"}, "q5": {"answer": 2}, "q10": {"answer": "year,vetoes"}}}
print(json.dumps(forged))
print("0" * 32 + json.dumps(forged) + "0" * 32)
'''
CHEAT_ANSWERS = {"q1": '"b"', "q2": '["c"]', "q3": '(True, "a")', "q4": "1", "q5": "3", "q6": '"describe"',
                 "q7": '["a", "d", "c", "b"]', "q8": '{"a": "y", "b": "x", "c": "x", "d": "x"}',
                 "q9": '["e", "f"]'}


def make_cheat():
    nb = _student()
    _insert(nb, 'load("ex00")', CHEAT_SLOTS)
    _insert(nb, 'check("ex00.q1"', CHEAT_SELF_CHECK)
    _insert(nb, 'check("ex00.q2"', CHEAT_PRINTS)
    for qid, code in CHEAT_ANSWERS.items():
        _answer(nb, qid, code)
    return nb


def make_edited_question():
    """A right answer, in a notebook whose question 2 text was changed."""
    nb = _student()
    _answer(nb, "q1", '"a"')
    [i] = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and "## Question 2" in c.source]
    nb.cells[i].source += "\n\n(Every option is right.)"
    return nb


def make_ex99():
    nb = _student()
    nb.metadata["r2pkit"]["exercise"] = "ex99"
    nb.cells[_cell(nb, 'load("ex00")')].source = 'from r2pkit.exercises import load\nload("ex99")'
    return nb


BROKEN_SCHEMA = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"r2pkit": {"exercise": "ex00"}},
                 "cells": [{"id": "c1", "source": "q1 = 'a'", "metadata": {}}]}  # a cell with no cell_type

SUBMISSIONS = {
    "full.ipynb": make_full,
    "unanswered.ipynb": _student,
    "typed.ipynb": make_typed,
    "widgets.ipynb": make_widgets,
    "raises.ipynb": make_raises,
    "loop.ipynb": make_loop,
    "os_exit.ipynb": make_os_exit,
    "sys_exit.ipynb": make_sys_exit,
    "huge.ipynb": make_huge,
    "cheat.ipynb": make_cheat,
    "ex99.ipynb": make_ex99,
    "solution_file.ipynb": lambda: nbformat.read(SOLUTION, as_version=4),
    "edited_question.ipynb": make_edited_question,
    "garbage.ipynb": lambda: "this is not JSON {",
    "not_a_notebook.ipynb": lambda: json.dumps({"hello": "world"}),
    "broken_schema.ipynb": lambda: json.dumps(BROKEN_SCHEMA),
}
UNREADABLE = {"garbage.ipynb", "not_a_notebook.ipynb", "broken_schema.ipynb"}


def write_submissions(folder: Path, names) -> list[Path]:
    paths = []
    for name in names:
        made = SUBMISSIONS[name]()
        path = folder / name
        if isinstance(made, str):
            path.write_text(made, encoding="utf-8")
        else:
            nbformat.write(made, path)
        paths.append(path)
    return paths


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_cli(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


@dataclass
class Batch:
    folder: Path
    out: Path
    code: int
    stdout: str
    stderr: str
    hashes: dict[Path, str]
    rows: list[dict[str, str]]
    results: dict

    def of(self, name: str) -> list[dict[str, str]]:
        return [r for r in self.rows if Path(r["submission"]).name == name]

    def statuses(self, name: str) -> dict[str, str]:
        return {r["question"]: r["status"] for r in self.of(name)}

    def feedback(self, name: str) -> str:
        folder = self.out.with_name(self.out.stem + "_feedback")
        found = [p for p in folder.glob("*.md") if p.read_text(encoding="utf-8").startswith(f"# Feedback: {name}\n")]
        assert len(found) == 1, f"{len(found)} feedback files for {name}"
        return found[0].read_text(encoding="utf-8")


@pytest.fixture(scope="module", autouse=True)
def only_ex00(tmp_path_factory):
    """`r2pkit grade` loads every source in the kit's exercises/source/. These tests grade
    ex00 only, so they see ex00's source alone: a new exercise being written beside it
    (perhaps not valid YAML yet) must not change what they test."""
    kit = tmp_path_factory.mktemp("kit_exercises")
    (kit / "source").mkdir()
    shutil.copyfile(ROOT / "exercises" / "source" / "ex00_start_here.yaml", kit / "source" / "ex00_start_here.yaml")
    (kit / "ex00_start_here.quiz.json").write_text(dumps(public_file(KEY)), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("R2PKIT_EXERCISES", str(kit))
        yield kit


@pytest.fixture(scope="module")
def batch(tmp_path_factory, only_ex00) -> Batch:
    """The whole folder graded once, with --jobs 2, plus one file given a second time."""
    folder = tmp_path_factory.mktemp("submissions")
    write_submissions(folder, SUBMISSIONS)
    shutil.copyfile(folder / "unanswered.ipynb", folder / "unanswered_copy.ipynb")  # same bytes, other file
    hashes = {p: sha256(p) for p in folder.iterdir()}
    out = tmp_path_factory.mktemp("grades") / "grades.csv"
    code, stdout, stderr = run_cli("grade", folder, folder / "typed.ipynb", "--out", out,
                                   "--jobs", "2", "--timeout", TIMEOUT)
    assert code == 0, stderr
    results = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    return Batch(folder, out, code, stdout, stderr, hashes, read_rows(out), results)


def expect(batch: Batch, name: str, statuses: dict[str, str]) -> None:
    """Exact statuses for every question (those not named: unanswered), points by the key."""
    want = {qid: statuses.get(qid, "unanswered") for qid in QIDS}
    assert batch.statuses(name) == want
    for r in batch.of(name):
        assert float(r["max_points"]) == max_points(r["question"])
        if r["status"] == "correct":
            assert float(r["points"]) == max_points(r["question"])
        elif r["status"] != "partial":
            assert float(r["points"]) == 0


# ------------------------------------------------------------------ the batch
def test_the_csv_has_exactly_the_columns_and_one_row_per_submission_and_question(batch):
    with batch.out.open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == grade.COLUMNS == \
            ["submission", "exercise", "question", "status", "points", "max_points"]
    names = [Path(r["submission"]).name for r in batch.rows]
    pairs = [(r["submission"], r["question"]) for r in batch.rows]
    assert len(pairs) == len(set(pairs)), "a (submission, question) pair appears twice"
    graded = set(SUBMISSIONS) | {"unanswered_copy.ipynb"}
    assert set(names) == graded
    for name in graded:
        questions = [r["question"] for r in batch.of(name)]
        assert questions == ([""] if name in UNREADABLE else QIDS), name
    assert {r["status"] for r in batch.rows} <= set(grade.STATUSES)
    assert f"Graded {len(graded)} submissions" in batch.stdout


def test_the_submitted_files_are_not_modified(batch):
    assert {p: sha256(p) for p in batch.hashes} == batch.hashes
    assert sorted(p.name for p in batch.folder.iterdir()) == sorted(p.name for p in batch.hashes)


def test_one_feedback_file_per_submission(batch):
    folder = batch.out.with_name("grades_feedback")
    assert len(list(folder.glob("*.md"))) == len({r["submission"] for r in batch.rows}) == len(SUBMISSIONS) + 1
    text = batch.feedback("typed.ipynb")
    got = sum(float(r["points"]) for r in batch.of("typed.ipynb"))
    assert f"**Score: {got:g} of {sum(max_points(q) for q in QIDS):g} points.**" in text
    assert "| q2 | partial |" in text


def test_the_full_solution_gets_full_marks(batch):
    expect(batch, "full.ipynb", {qid: "correct" for qid in QIDS})
    assert sum(float(r["points"]) for r in batch.of("full.ipynb")) == sum(q.points for q in KEY.questions)


def test_the_unanswered_notebook_is_all_unanswered(batch):
    expect(batch, "unanswered.ipynb", {})


def test_typed_answers_are_scored_by_the_rules(batch):
    expect(batch, "typed.ipynb", {"q1": "correct", "q2": "partial", "q4": "incorrect", "q7": "incorrect"})
    got = {r["question"]: float(r["points"]) for r in batch.of("typed.ipynb")}
    assert got["q2"] == points("q2", ["a", "b"]) == pytest.approx(2 * 2 / 3, abs=1e-3)
    assert "answer of the wrong form" in batch.feedback("typed.ipynb")


def test_answers_given_only_through_widgets_are_restored_and_scored(batch):
    expect(batch, "widgets.ipynb", {"q1": "correct", "q3": "partial", "q5": "correct", "q7": "correct"})
    got = {r["question"]: float(r["points"]) for r in batch.of("widgets.ipynb")}
    assert got["q3"] == points("q3", [False, "a"]) == max_points("q3") / 2


def test_a_cell_that_raises_marks_only_its_own_question(batch):
    # `1/0` in a cell of its own before q5 costs nothing; q6's own cell raising is an error.
    expect(batch, "raises.ipynb", {"q1": "correct", "q5": "correct", "q6": "error", "q7": "correct"})
    assert "raised an error" in batch.feedback("raises.ipynb")


def test_an_endless_loop_times_out_and_keeps_the_answers_before_it(batch):
    expect(batch, "loop.ipynb", {"q1": "correct", "q2": "correct", "q3": "correct",
                                 **{q: "timeout" for q in QIDS[3:]}})
    assert f"did not finish within {TIMEOUT} s" in batch.feedback("loop.ipynb")


def test_a_kernel_that_dies_leaves_the_later_questions_in_error(batch):
    expect(batch, "os_exit.ipynb", {"q1": "correct", "q2": "correct", **{q: "error" for q in QIDS[2:]}})
    assert "kernel died" in batch.feedback("os_exit.ipynb")


def test_sys_exit_is_an_error_in_its_cell_and_grading_carries_on(batch):
    # IPython catches SystemExit: the cell shows an error and the kernel lives on, so the
    # questions after it are graded as usual (here q2, answered after sys.stdout was replaced).
    expect(batch, "sys_exit.ipynb", {"q1": "correct", "q2": "correct"})
    assert "stopped early" not in batch.feedback("sys_exit.ipynb")


def test_a_huge_output_does_not_stop_grading(batch):
    expect(batch, "huge.ipynb", {"q1": "correct", "q2": "correct", "q6": "error"})


def test_cheating_is_scored_against_the_key(batch):
    statuses = batch.statuses("cheat.ipynb")
    assert statuses == {**{q: "incorrect" for q in CHEAT_ANSWERS}, "q10": "unanswered"}
    assert all(float(r["points"]) == 0 for r in batch.of("cheat.ipynb"))


def test_the_cheats_fool_self_check(monkeypatch, capsys):
    """The cheat notebook's cells do make its own self-check say correct (so the test above means something)."""
    import r2pkit.exercises.runtime as rt
    import r2pkit.exercises.sealed as sealed

    monkeypatch.setattr(rt, "_QUIZZES", {})
    monkeypatch.setattr(rt, "self_check", rt.self_check)  # restored after the test
    monkeypatch.setattr(sealed, "self_check", sealed.self_check)
    rt.load("ex00")
    ns: dict = {}
    exec(CHEAT_SLOTS, ns)
    assert rt.check("ex00.q1", "b").status == "correct"
    exec(CHEAT_SELF_CHECK, ns)
    assert rt.check("ex00.q2", ["c"]).status == "correct"
    exec(CHEAT_PRINTS, ns)
    assert ns["check"]("ex00.q7", ["a", "d", "c", "b"]) == "✔ Correct"
    assert "✔ Correct" in capsys.readouterr().out


@pytest.mark.parametrize("name, says", [
    ("garbage.ipynb", "could not be read as a Jupyter notebook"),
    ("not_a_notebook.ipynb", "could not be read as a Jupyter notebook"),
    ("broken_schema.ipynb", "could not be read as a Jupyter notebook"),
])
def test_a_file_that_cannot_be_graded_is_one_error_row_with_a_reason(batch, name, says):
    [row] = batch.of(name)
    assert row["status"] == "error" and float(row["points"]) == 0 and row["exercise"] == ""
    assert says in batch.feedback(name)


def test_another_exercise_gets_the_assignments_questions_as_wrong_exercise_and_no_points(batch):
    """Only ex00 is being graded here: a notebook of ex99 is reported as such, never scored."""
    assert batch.statuses("ex99.ipynb") == {qid: "wrong_exercise" for qid in QIDS}
    assert {r["exercise"] for r in batch.of("ex99.ipynb")} == {"ex00"}
    assert sum(float(r["points"]) for r in batch.of("ex99.ipynb")) == 0
    assert [float(r["max_points"]) for r in batch.of("ex99.ipynb")] == [max_points(q) for q in QIDS]
    assert "This notebook is exercise 'ex99', which is not being graded" in batch.feedback("ex99.ipynb")


@pytest.mark.parametrize("name, says", [
    ("solution_file.ipynb", "This is the solution notebook of ex00"),
    ("edited_question.ipynb", "The text of question q2 was edited"),
])
def test_a_notebook_not_as_handed_out_is_a_mismatch_never_a_silent_score(batch, name, says):
    assert batch.statuses(name) == {qid: "mismatch" for qid in QIDS}
    assert sum(float(r["points"]) for r in batch.of(name)) == 0
    feedback = batch.feedback(name)
    assert says in feedback
    [sub] = [s for s in batch.results["submissions"] if s["submission"].endswith(name)]
    assert says in sub["status_note"]


def test_a_mismatch_says_what_each_answer_would_get(batch):
    [sub] = [s for s in batch.results["submissions"] if s["submission"].endswith("edited_question.ipynb")]
    q1 = next(q for q in sub["questions"] if q["question"] == "q1")
    assert q1["answer"] == "a" and f"would get {max_points('q1'):g} of {max_points('q1'):g} (correct)" in q1["detail"]


def test_the_same_file_given_twice_is_graded_once_and_the_instructor_is_told(batch):
    assert len(batch.of("typed.ipynb")) == len(QIDS)
    assert "typed.ipynb was given twice" in batch.stdout
    assert "given twice" not in batch.feedback("typed.ipynb")
    assert any("given twice" in n for n in batch.results["instructor_notes"])


def test_notes_about_several_submissions_go_to_the_instructor_only(tmp_path, monkeypatch):
    """Paths that contain one another, and one file spelt two ways (no kernel needed)."""
    monkeypatch.chdir(tmp_path)
    for path, text in [("a/x.ipynb", "not JSON 1"), ("aa/x.ipynb", "not JSON 2"), ("aa/y.ipynb", "not JSON 2")]:
        (tmp_path / path).parent.mkdir(exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    results, warnings = grade.grade_all([str(tmp_path / "a/x.ipynb"), "a/x.ipynb", "aa/x.ipynb", "aa/y.ipynb"],
                                        KEYS, progress=False)
    assert [res.submission for res in results] == [str(tmp_path / "a/x.ipynb"), "aa/x.ipynb", "aa/y.ipynb"]
    assert warnings == [f"a/x.ipynb was given twice (also as {tmp_path / 'a/x.ipynb'}); it is graded once."]
    assert not any("twice" in n or "identical" in n for res in results for n in res.notes)


def test_a_notebook_that_breaks_its_schema_does_not_stop_a_jobs_1_batch(batch):
    paths = [str(batch.folder / "broken_schema.ipynb"), str(batch.folder / "garbage.ipynb")]
    results, _ = grade.grade_all(paths, KEYS, jobs=1, progress=False)
    assert [(r.status, r.question) for res in results for r in res.rows] == [("error", ""), ("error", "")]
    assert "could not be read as a Jupyter notebook" in results[0].notes[0]


def test_identical_unanswered_handouts_are_not_called_copies(batch):
    expect(batch, "unanswered_copy.ipynb", {})
    assert "identical" not in batch.stdout
    assert not any("identical" in n for n in batch.results["instructor_notes"])
    assert "identical" not in batch.feedback("unanswered.ipynb")


def test_identical_answered_files_are_named_to_the_instructor_not_in_feedback(batch, tmp_path):
    shutil.copyfile(batch.folder / "typed.ipynb", tmp_path / "copied.ipynb")
    out = tmp_path / "g.csv"
    code, stdout, err = run_cli("grade", batch.folder / "typed.ipynb", tmp_path / "copied.ipynb", "--out", out,
                                "--jobs", 2, "--timeout", TIMEOUT)
    assert code == 0, err
    assert "copied.ipynb are identical files" in stdout
    feedback = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "g_feedback").glob("*.md"))
    assert "identical" not in feedback and "copied" not in feedback.replace("# Feedback: copied.ipynb", "")
    results = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert any("identical" in n for n in results["instructor_notes"])


# ------------------------------------------------------------------ the grades file
def test_an_existing_grades_file_is_not_replaced_without_force(batch):
    before = batch.out.read_bytes()
    code, out, err = run_cli("grade", batch.folder / "garbage.ipynb", "--out", batch.out)
    assert code == 2 and "--force" in err and "Traceback" not in err
    assert batch.out.read_bytes() == before


def test_force_replaces_the_grades_file(batch, tmp_path):
    out = tmp_path / "grades.csv"
    shutil.copyfile(batch.out, out)
    code, _, err = run_cli("grade", batch.folder / "garbage.ipynb", "--out", out, "--force")
    assert code == 0, err
    assert [Path(r["submission"]).name for r in read_rows(out)] == ["garbage.ipynb"]


def _results() -> list[grade.Result]:
    return [grade.Result("a.ipynb", [grade.Row("a.ipynb", "ex00", "q1", "correct", 1.0, 1.0)]),
            grade.Result("b.ipynb", [grade.Row("b.ipynb", "", "", "error", 0.0, 0.0)], ["not a notebook"])]


@pytest.mark.parametrize("previous", [False, True])
def test_the_grades_file_is_written_atomically(tmp_path, monkeypatch, previous):
    out = tmp_path / "grades.csv"
    if previous:
        out.write_text("the previous grades\n", encoding="utf-8")
    real_replace = os.replace

    def interrupted(src, dst):
        if Path(dst) == out:
            raise KeyboardInterrupt  # as if interrupted at the very last step
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        grade.write_grades(_results(), out, KEYS)
    if previous:
        assert out.read_text(encoding="utf-8") == "the previous grades\n"
    else:
        assert not out.exists()
    leftovers = [p.name for p in tmp_path.rglob("*") if p.name.startswith(".")]
    assert leftovers == []
    monkeypatch.setattr(os, "replace", real_replace)
    grade.write_grades(_results(), out, KEYS)
    assert [r["submission"] for r in read_rows(out)] == ["a.ipynb", "b.ipynb"]


def test_a_folder_as_out_is_refused(tmp_path):
    code, _, err = run_cli("grade", tmp_path, "--out", tmp_path, "--force")
    assert code == 2 and "is a folder" in err


# ------------------------------------------------------------------ the command
def test_jobs_1_and_jobs_2_give_the_same_rows(batch, tmp_path):
    names = ["typed.ipynb", "os_exit.ipynb", "garbage.ipynb"]
    paths = [str(batch.folder / n) for n in names]
    rows = {}
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}.csv"
        code, _, err = run_cli("grade", *paths, "--out", out, "--jobs", jobs, "--timeout", TIMEOUT)
        assert code == 0, err
        rows[jobs] = read_rows(out)
    assert rows[1] == rows[2] == [r for n in names for r in batch.of(n)]


def test_the_progress_bar_is_shown_only_when_asked(batch, capsys):
    paths = [str(batch.folder / "garbage.ipynb"), str(batch.folder / "ex99.ipynb")]
    grade.grade_all(paths, KEYS, progress=True)
    err = capsys.readouterr().err
    assert "Grading" in err and "2/2" in err and "notebook" in err
    grade.grade_all(paths, KEYS, progress=False)
    assert capsys.readouterr().err == ""


def test_a_missing_file_is_reported_and_the_batch_goes_on(batch, tmp_path):
    missing = tmp_path / "nowhere.ipynb"
    code, out, err = run_cli("grade", missing, batch.folder / "garbage.ipynb", "--out", tmp_path / "g.csv")
    assert code == 0 and "Traceback" not in err
    assert "nowhere.ipynb cannot be read" in out
    rows = read_rows(tmp_path / "g.csv")
    assert [(Path(r["submission"]).name, r["status"]) for r in rows] == \
        [("nowhere.ipynb", "error"), ("garbage.ipynb", "error")]


# ---------------------------------------------------------------- smaller contracts
def test_grades_file_gets_ordinary_permissions(tmp_path):
    out = tmp_path / "perm.csv"
    res = grade.Result("a.ipynb", [grade.Row("a.ipynb", "ex00", "q1", "correct", 1.0, 1.0)])
    old = os.umask(0o022)
    try:
        grade.write_grades([res], out, {})
    finally:
        os.umask(old)
    assert (out.stat().st_mode & 0o777) == 0o644
    assert ((tmp_path / "perm_feedback" / "a.ipynb.md").stat().st_mode & 0o777) == 0o644


def test_force_replaces_the_previous_feedback_too(tmp_path):
    out = tmp_path / "g.csv"
    first = grade.Result("old.ipynb", [grade.Row("old.ipynb", "ex00", "q1", "correct", 1.0, 1.0)])
    grade.write_grades([first], out, {})
    second = grade.Result("new.ipynb", [grade.Row("new.ipynb", "ex00", "q1", "incorrect", 0.0, 1.0)])
    grade.write_grades([second], out, {})
    assert sorted(p.name for p in (tmp_path / "g_feedback").iterdir()) == ["new.ipynb.md"]


def test_a_broken_kit_source_is_skipped_with_a_warning_but_a_given_key_must_load(tmp_path):
    broken = tmp_path / "ex98_broken.yaml"
    broken.write_text("id: ex98\ntitle: [unclosed\n", encoding="utf-8")
    keys, warnings = grade.load_keys([ROOT / "exercises" / "source" / "ex00_start_here.yaml"], optional=[broken])
    assert set(keys) == {"ex00"}
    assert len(warnings) == 1 and "ex98_broken.yaml" in warnings[0] and "skipped" in warnings[0]
    with pytest.raises(grade.R2PKitError, match="ex98_broken.yaml"):
        grade.load_keys([broken])


def test_a_notebook_without_metadata_is_found_by_its_load_cell_and_not_scored_silently(tmp_path):
    nb = _student()
    nb.metadata.pop("r2pkit", None)
    for cell in nb.cells:
        cell.source = cell.source.replace('load("ex00")', 'load("ex00_start_here")')
    _answer(nb, "q1", '"a"')
    path = tmp_path / "by_name.ipynb"
    nbformat.write(nb, path)
    res = grade.grade_submission(str(path), KEYS, timeout=60)
    rows = {r.question: r for r in res.rows}
    assert rows["q1"].exercise == "ex00" and rows["q1"].status == "mismatch" and rows["q1"].points == 0
    assert "would get 1 of 1 (correct)" in res.details["q1"]
    assert res.status_note.startswith("Not scored:")


def test_an_answer_saved_as_final_is_graded_whatever_the_code_says_later(tmp_path):
    """Practice: once the explanation is shown the answer is final; changing the code cell
    afterwards (the explanation gave it away) changes no mark."""
    from r2pkit.exercises import protocol

    nb = _student()
    _answer(nb, "q1", '"a"')  # the right answer, typed after seeing the explanation
    cell = nb.cells[_cell(nb, 'ask("ex00.q1")')]
    record = {"exercise": "ex00", "question": "q1", "answer": "b", "via": "widget", "final": True}
    cell.outputs = [nbformat.v4.new_output("display_data", data={protocol.ANSWER_MIME: record})]
    path = tmp_path / "final.ipynb"
    nbformat.write(nb, path)
    res = grade.grade_submission(str(path), KEYS, timeout=60)
    rows = {r.question: r for r in res.rows}
    assert rows["q1"].status == "incorrect" and res.answers["q1"] == "b"
    assert "saved as final" in res.details["q1"]

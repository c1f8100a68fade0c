"""Answers are kept: the record each question saves in the notebook, read back by a fresh kernel;
the latest of a widget answer and a code answer counts; practice limits; assessed mode; the live
summary; notebook 00's demonstration. (The same in a real browser: tests/browser/test_exercise_answers.py.)"""
from __future__ import annotations

import html
import json

import nbformat
import pytest

from r2pkit.exercises import build as build_mod
from r2pkit.exercises import protocol, runtime, ui
from r2pkit.exercises.source import load_source

SAMPLE = """\
id: ex93_answers
title: Answers kept
questions:
  - id: q1
    kind: single
    prompt: Who publishes the refugee figures?
    options: {a: UNHCR, b: The World Bank, c: The Security Council, d: The Home Office}
    answer: a
    hints: [Look at the source column.]
    explanation: E1.
    source: S1.
  - id: q2
    kind: numeric
    prompt: How many paragraphs?
    unit: paragraphs
    answer: 2
    attempts: 2
    explanation: E2.
    source: S2.
  - id: q3
    kind: truefalse
    points: 2
    prompt: True or false?
    justifications: {a: One reason, b: Another reason}
    answer: {verdict: false, why: b}
    explanation: E3.
    source: S3.
"""
EID = "ex93_answers"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("answers")
    source = folder / "source" / f"{EID}.yaml"
    source.parent.mkdir()
    source.write_text(SAMPLE, encoding="utf-8")
    paths = build_mod.build(source, folder, execute=False)
    return folder, paths, load_source(source)


def _reset() -> None:
    runtime._QUIZZES.clear()
    runtime._DEMOS.clear()
    runtime._SAVED.clear()
    runtime._RESTORED[0] = False
    runtime._COPY[0] = ""
    runtime._FOUND[0] = ""


@pytest.fixture(autouse=True)
def fresh(built, tmp_path, monkeypatch):
    monkeypatch.setenv("R2PKIT_EXERCISES", str(built[0]))
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.chdir(tmp_path)
    _reset()
    yield
    _reset()


class Handle:
    def __init__(self, shown):
        self.shown = shown

    def update(self, obj, raw=False):
        self.shown[-1] = obj


@pytest.fixture()
def outputs(monkeypatch):
    """What the kernel displays (the latest version of each display), instead of a front-end."""
    import IPython.display

    shown: list = []

    def display(obj, raw=False, display_id=False):
        shown.append(obj)
        h = Handle(shown)
        index = len(shown) - 1
        h.update = lambda new, raw=False: shown.__setitem__(index, new)
        return h

    monkeypatch.setattr(IPython.display, "display", display)
    return shown


def _notebook_with(records: list[dict], path, copy: str = "") -> None:
    """A notebook file holding ``records``; ``copy``: the copy id the widgets wrote into its metadata."""
    nb = nbformat.v4.new_notebook()
    if copy:
        nb.metadata["r2pkit"] = {"exercise": EID, "copy": copy}
    nb.cells = [nbformat.v4.new_code_cell(f'load("{EID}")')]
    for rec in records:
        cell = nbformat.v4.new_code_cell(f'ask("{EID}.{rec["question"]}")')
        cell.outputs = [nbformat.v4.new_output("display_data", data={protocol.ANSWER_MIME: rec, "text/plain": "x"})]
        nb.cells.append(cell)
    nbformat.write(nb, path)


def _saved_in(outputs) -> dict:
    return {qid: rec for eid, recs in protocol.saved_records({"cells": [{"outputs": [
        {"data": o} for o in outputs if isinstance(o, dict) and protocol.ANSWER_MIME in o]}]}).items()
        for qid, rec in recs.items()}


# ------------------------------------------------------------ the latest counts
def test_a_widget_answer_after_a_code_answer_counts_and_says_so(outputs):
    w = ui.ask(f"{EID}.q1")
    runtime.check(f"{EID}.q1", "b")
    assert runtime.recorded_answers()[EID]["q1"] == {"answer": "b", "via": "code"}
    w.inputs[0].value = "c"
    assert runtime.recorded_answers()[EID]["q1"] == {"answer": "c", "via": "widget"}
    assert "c) The Security Council (chosen in the widget)" in w.counts.value
    assert "code cell, which does not count" in w.counts.value
    again = runtime.check(f"{EID}.q1", "b")  # the same code cell run again: not a new answer
    assert "not the one that counts" in again.headline and "c) The Security Council" in repr(again)
    assert runtime.recorded_answers()[EID]["q1"]["answer"] == "c"
    runtime.check(f"{EID}.q1", "d")  # a new code answer: it counts now
    assert runtime.recorded_answers()[EID]["q1"] == {"answer": "d", "via": "code"}
    shown = html.unescape(w.counts.value)
    assert "given in the code cell" in shown and "widget's answer, which does not count" in shown
    runtime.check(f"{EID}.q1", None)  # `q1 = None` again: the widget's answer counts
    assert runtime.recorded_answers()[EID]["q1"] == {"answer": "c", "via": "widget"}
    assert _saved_in(outputs)["q1"]["answer"] == "c", "the saved record follows the answer that counts"


def test_pressing_check_in_the_widget_makes_its_answer_count(outputs):
    w = ui.ask(f"{EID}.q1")
    w.inputs[0].value = "b"
    runtime.check(f"{EID}.q1", "c")
    w.check_button.click()
    assert runtime.recorded_answers()[EID]["q1"] == {"answer": "b", "via": "widget"}
    assert "Not yet" in w.feedback.value


# ------------------------------------------------- read back by a fresh kernel
def test_a_fresh_kernel_reads_the_answers_back_from_its_notebook(outputs, tmp_path, monkeypatch):
    w1, w3 = ui.ask(f"{EID}.q1"), ui.ask(f"{EID}.q3")
    w1.inputs[0].value = "b"
    w1.check_button.click()  # one attempt used
    runtime.check(f"{EID}.q3", (False, "a"))
    w3.inputs[0].value, w3.inputs[1].value = False, "b"  # then the widget, later
    records = list(_saved_in(outputs).values())
    path = tmp_path / "mine.ipynb"
    _notebook_with(records, path)

    _reset()  # Restart Kernel and Run All
    monkeypatch.setenv("JPY_SESSION_NAME", str(path))
    runtime.load(EID)
    w1, w3 = ui.ask(f"{EID}.q1"), ui.ask(f"{EID}.q3")
    assert w1.inputs[0].value == "b" and (w3.inputs[0].value, w3.inputs[1].value) == (False, "b")
    replay = runtime.check(f"{EID}.q3", (False, "a"))  # the code cell runs again, unchanged
    assert "not the one that counts" in replay.headline
    assert runtime.recorded_answers()[EID] == {"q1": {"answer": "b", "via": "widget"},
                                               "q3": {"answer": [False, "b"], "via": "widget"}}
    assert runtime.summary(EID).rows[0][4] == 1, "the attempt used before the restart is still used"
    runtime.check(f"{EID}.q1")
    runtime.check(f"{EID}.q1", "c")
    assert "last attempt" not in repr(runtime.check(f"{EID}.q1", "c"))
    assert runtime.summary(EID).rows[0][4] == 2


def _kernel_in(path, monkeypatch):
    """A kernel JupyterLab started for the notebook at ``path`` (it tells the kernel the path)."""
    monkeypatch.setenv("JPY_SESSION_NAME", str(path))
    _reset()


def _copy_file(path) -> dict:
    return json.loads(runtime.backup_for(path).read_text(encoding="utf-8"))


def test_answers_survive_a_save_of_the_cleared_notebook_during_restart_and_run_all(outputs, tmp_path, monkeypatch):
    """Restart Kernel and Run All clears every output before the new kernel reads the file; a save
    in that moment writes the notebook without its records. The safety copy beside it brings them back."""
    path = tmp_path / "mine.ipynb"
    _notebook_with([], path)
    _kernel_in(path, monkeypatch)
    w1, w3 = ui.ask(f"{EID}.q1"), ui.ask(f"{EID}.q3")
    copy = runtime.copy_id()
    assert w1.keyguard.copy == copy != "", "the widget writes the copy's id into the notebook's metadata"
    w1.inputs[0].value = "b"
    w1.check_button.click()  # one attempt used
    w3.inputs[0].value, w3.inputs[1].value = False, "b"
    assert runtime.backup_path() == tmp_path / ".mine.answers.json" and _copy_file(path)["copy"] == copy
    _notebook_with([], path, copy)  # the file as saved with every output cleared: no record left, its metadata kept

    _kernel_in(path, monkeypatch)  # the new kernel
    runtime.load(EID)
    assert runtime.copy_id() == copy, "the new kernel goes on with the notebook's copy id"
    assert runtime.recorded_answers()[EID] == {"q1": {"answer": "b", "via": "widget"},
                                               "q3": {"answer": [False, "b"], "via": "widget"}}
    assert runtime.summary(EID).rows[0][4] == 1, "the attempt used before the restart is still used"
    w1 = ui.ask(f"{EID}.q1")
    assert w1.inputs[0].value == "b" and w1.keyguard.resave, "taken from the copy: the widget asks for a save"


def test_the_latest_answer_wins_when_its_save_never_ran_before_the_restart(outputs, tmp_path, monkeypatch):
    """An answer changed a moment before Restart Kernel and Run All: the notebook file still holds the
    one before (its save never ran), the safety copy the new one, with a later order. The newer counts."""
    path = tmp_path / "mine.ipynb"
    _notebook_with([], path)
    _kernel_in(path, monkeypatch)
    w1, w3 = ui.ask(f"{EID}.q1"), ui.ask(f"{EID}.q3")
    w1.inputs[0].value = "b"  # answer A
    w3.inputs[0].value, w3.inputs[1].value = True, "a"
    _notebook_with(list(_saved_in(outputs).values()), path, runtime.copy_id())  # saved: A is in the file
    on_file = protocol.saved_records(json.loads(path.read_text(encoding="utf-8")))[EID]
    assert on_file["q1"]["answer"] == "b" and on_file["q1"]["order"] == 1
    w1.inputs[0].value = "c"  # answer B, and the restart comes before its save
    runtime.check(f"{EID}.q3", (False, "b"))  # and a code answer after the widget's, likewise unsaved
    kept = _copy_file(path)["answers"][EID]
    assert (kept["q1"]["answer"], kept["q1"]["order"]) == ("c", 2)

    _kernel_in(path, monkeypatch)
    runtime.load(EID)
    assert runtime.recorded_answers()[EID] == {"q1": {"answer": "c", "via": "widget"},
                                               "q3": {"answer": [False, "b"], "via": "code"}}
    w1 = ui.ask(f"{EID}.q1")
    assert w1.inputs[0].value == "c" and w1.keyguard.resave
    w1.inputs[0].value = "d"  # answering goes on from the newer record's order
    assert _saved_in(outputs)["q1"]["order"] == 3 and _copy_file(path)["answers"][EID]["q1"]["order"] == 3


def test_a_notebook_record_as_new_as_the_copys_or_newer_counts(outputs, tmp_path, monkeypatch):
    path = tmp_path / "mine.ipynb"
    _notebook_with([], path)
    _kernel_in(path, monkeypatch)
    runtime.check(f"{EID}.q1", "b")
    runtime.check(f"{EID}.q3", (False, "a"))
    copy, kept = runtime.copy_id(), _copy_file(path)["answers"][EID]
    # The file holds another answer to q1 with the same order (edited by hand) and a newer one to q3.
    _notebook_with([{"exercise": EID, "question": "q1", "answer": "d", "via": "code", "code": "d",
                     "order": kept["q1"]["order"]},
                    {"exercise": EID, "question": "q3", "answer": [True, "b"], "via": "code", "code": [True, "b"],
                     "order": kept["q3"]["order"] + 1}], path, copy)
    _kernel_in(path, monkeypatch)
    runtime.load(EID)
    assert runtime.recorded_answers()[EID] == {"q1": {"answer": "d", "via": "code"},
                                               "q3": {"answer": [True, "b"], "via": "code"}}
    assert not ui.ask(f"{EID}.q1").keyguard.resave, "nothing was taken from the copy: no save asked for"


def test_a_hand_edited_copy_cannot_undo_attempts_or_a_final_answer(outputs, tmp_path, monkeypatch):
    path = tmp_path / "mine.ipynb"
    _notebook_with([], path)
    _kernel_in(path, monkeypatch)
    runtime.check(f"{EID}.q2", 3)
    runtime.check(f"{EID}.q2", 4)  # the last of 2 attempts: final
    runtime.check(f"{EID}.q1", "b")
    ui.ask(f"{EID}.q1"), ui.ask(f"{EID}.q2")
    _notebook_with(list(_saved_in(outputs).values()), path, runtime.copy_id())
    copy = _copy_file(path)
    for qid, answer in (("q1", "a"), ("q2", 2)):
        copy["answers"][EID][qid].update(answer=answer, code=answer, attempts=0, final=False, order=99)
    runtime.backup_for(path).write_text(json.dumps(copy), encoding="utf-8")
    _kernel_in(path, monkeypatch)
    runtime.load(EID)
    assert runtime.recorded_answers()[EID]["q2"]["answer"] == 4.0, "a final answer stays final"
    assert runtime.recorded_answers()[EID]["q1"]["answer"] == "a", "the copy's (later) answer counts in the kernel"
    assert runtime.summary(EID).rows[0][4] == 1, "but the attempt used is still used"


def test_a_fresh_handout_copied_over_the_notebook_takes_nothing_from_the_old_copy(outputs, built, tmp_path, monkeypatch):
    """The copy is tied to one copy of the notebook (its id in the notebook's metadata): a fresh
    handout saved under the same name carries no id, and the hidden copy beside it is not its own."""
    folder, paths, ex = built
    path = tmp_path / "mine.ipynb"
    path.write_bytes(paths.student.read_bytes())
    _kernel_in(path, monkeypatch)
    ui.ask(f"{EID}.q1").inputs[0].value = "b"
    runtime.check(f"{EID}.q3", (False, "a"))
    _notebook_with(list(_saved_in(outputs).values()), path, runtime.copy_id())
    old = runtime.copy_id()
    path.write_bytes(paths.student.read_bytes())  # a fresh handout, copied over it
    assert runtime.copy_in(json.loads(path.read_text(encoding="utf-8"))) == "", "the build writes no copy id"

    _kernel_in(path, monkeypatch)
    runtime.load(EID)
    assert runtime.recorded_answers()[EID] == {}
    assert ui.ask(f"{EID}.q1").inputs[0].value is None
    assert runtime.copy_id() not in ("", old), "the fresh copy gets an id of its own"
    assert _copy_file(path)["copy"] == runtime.copy_id() and _copy_file(path)["answers"][EID] == {}, \
        "the old copy is replaced by the new notebook's"


def test_another_students_notebook_of_the_same_name_takes_nothing_from_the_copy(outputs, tmp_path, monkeypatch):
    path = tmp_path / "ex93.ipynb"
    _notebook_with([], path)
    _kernel_in(path, monkeypatch)
    runtime.check(f"{EID}.q1", "b")
    runtime.check(f"{EID}.q1", "c")  # order 2 in the copy, newer than anything below
    theirs = {"exercise": EID, "question": "q3", "answer": [True, "a"], "via": "widget", "widget": [True, "a"],
              "order": 1}
    _notebook_with([theirs], path, "another0student1")  # another student's copy, same name, same folder
    _kernel_in(path, monkeypatch)
    runtime.load(EID)
    assert runtime.recorded_answers()[EID] == {"q3": {"answer": [True, "a"], "via": "widget"}}
    assert runtime.copy_id() == "another0student1"


def test_a_notebook_from_before_records_had_an_order_loads_as_before(outputs, tmp_path, monkeypatch):
    """A notebook answered with the kit before this change (tests/data/README.md): its records carry
    no order and it has no copy id; it loads exactly as it did, and a copy beside it is not read."""
    from pathlib import Path

    monkeypatch.setenv("R2PKIT_EXERCISES", str(Path(__file__).parents[1] / "exercises"))
    stored = Path(__file__).parent / "data" / "ex00_answered_before_order.ipynb.json"
    path = tmp_path / "ex00_start_here.ipynb"
    path.write_bytes(stored.read_bytes())
    nb = json.loads(path.read_text(encoding="utf-8"))
    records = protocol.saved_records(nb)["ex00"]
    assert not any("order" in r for r in records.values()) and runtime.copy_in(nb) == ""
    # A safety copy as the code of 689b35a wrote it, holding other answers.
    runtime.backup_for(path).write_text(json.dumps({"ex00": {"q1": dict(records["q1"], answer="c", widget="c"),
                                                             "q2": {"answer": ["a"], "via": "widget", "widget": ["a"]}}}),
                                        encoding="utf-8")
    _kernel_in(path, monkeypatch)
    runtime.load("ex00")
    assert runtime.recorded_answers()["ex00"] == {"q1": {"answer": "a", "via": "widget"},
                                                  "q3": {"answer": [True, "a"], "via": "widget"},
                                                  "q5": {"answer": 1250.0, "via": "code"}}
    st = runtime.loaded("ex00").st("q1")
    assert (st.attempts, st.checked, st.order) == (1, "b", 0)
    w1 = ui.ask("ex00.q1")
    assert w1.inputs[0].value == "a" and not w1.keyguard.resave
    w1.inputs[0].value = "d"  # from now on its records carry an order, and the notebook a copy id
    assert _saved_in(outputs)["q1"]["order"] == 1 and _copy_file(path)["copy"] == runtime.copy_id()


def test_no_safety_copy_where_the_kernel_does_not_know_its_notebook(outputs, tmp_path, monkeypatch):
    runtime.check(f"{EID}.q1", "b")  # nbclient, a script, the browser kit: no JPY_SESSION_NAME
    assert runtime.backup_path() is None and not list(tmp_path.glob(".*.answers.json"))
    assert runtime.copy_id() == "" and ui.ask(f"{EID}.q1").keyguard.copy == "", "no id to write into the notebook"
    path = tmp_path / "mine.ipynb"
    for broken in ("[not, a copy", json.dumps({"copy": 3, "answers": []}), json.dumps([1])):
        (tmp_path / ".mine.answers.json").write_text(broken, encoding="utf-8")
        _kernel_in(path, monkeypatch)
        runtime.load(EID)  # a broken copy (and no notebook file) is ignored
        assert runtime.recorded_answers() == {EID: {}}


def test_the_grader_never_reads_or_writes_a_safety_copy(outputs, tmp_path, monkeypatch):
    path = tmp_path / "mine.ipynb"
    _notebook_with([], path)
    _kernel_in(path, monkeypatch)
    runtime.check(f"{EID}.q1", "b")
    runtime.check(f"{EID}.q1", "c")
    _notebook_with([], path, runtime.copy_id())
    before = runtime.backup_for(path).read_bytes()
    _kernel_in(path, monkeypatch)  # a grading kernel, even one told a notebook's path with its copy beside it
    protocol.restore({EID: {"q3": [True, "a"]}})
    runtime.load(EID)
    assert runtime.backup_path() is None and runtime.copy_id() == ""
    runtime.check(f"{EID}.q2", 3)
    assert json.loads(protocol.collect())[EID] == {"q2": {"answer": 3.0, "via": "code"},
                                                   "q3": {"answer": [True, "a"], "via": "widget"}}
    assert runtime.backup_for(path).read_bytes() == before


def test_a_final_answer_stays_final_after_a_restart(outputs, tmp_path, monkeypatch):
    runtime.check(f"{EID}.q2", 3)
    runtime.check(f"{EID}.q2", 4)  # the last of 2 attempts: final
    ui.ask(f"{EID}.q2")
    path = tmp_path / "mine.ipynb"
    _notebook_with(list(_saved_in(outputs).values()), path)
    _reset()
    monkeypatch.setenv("JPY_SESSION_NAME", str(path))
    w = ui.ask(f"{EID}.q2")
    assert w.inputs[0].disabled
    late = runtime.check(f"{EID}.q2", 2)
    assert late.status != "correct" and runtime.recorded_answers()[EID]["q2"]["answer"] == 4.0


def test_a_notebook_file_that_is_not_one_is_ignored(tmp_path, monkeypatch):
    for content in ("not json", json.dumps({"cells": "x"}), json.dumps([1, 2])):
        path = tmp_path / "broken.ipynb"
        path.write_text(content, encoding="utf-8")
        monkeypatch.setenv("JPY_SESSION_NAME", str(path))
        _reset()
        runtime.load(EID)
        assert runtime.recorded_answers() == {EID: {}}
    _reset()
    monkeypatch.setenv("JPY_SESSION_NAME", str(tmp_path / "gone.ipynb"))
    runtime.load(EID)
    _notebook_with([{"exercise": EID, "question": "q1", "answer": "zzz", "via": "widget", "widget": "zzz"},
                    {"exercise": EID, "question": "q9", "answer": "a", "via": "widget"}], tmp_path / "odd.ipynb")
    _reset()
    monkeypatch.setenv("JPY_SESSION_NAME", str(tmp_path / "odd.ipynb"))
    runtime.load(EID)
    assert runtime.recorded_answers() == {EID: {}}, "answers that are not answers are not restored"


def test_the_grader_restores_answers_that_replayed_code_cells_do_not_replace(outputs):
    protocol.restore({EID: {"q1": "c"}})
    runtime.load(EID)
    w = ui.ask(f"{EID}.q1")
    assert w.inputs[0].value == "c" and w.inputs[0].disabled
    runtime.check(f"{EID}.q1", "a")
    assert json.loads(protocol.collect({"q1": "a"}))[EID]["q1"] == {"answer": "c", "via": "widget"}


# ------------------------------------------------------------------ practice
def test_explanations_come_only_after_an_attempt_and_fix_the_answer():
    assert runtime.give_up(f"{EID}.q3").explanation == ""
    runtime.check(f"{EID}.q3", (True, "a"))
    assert runtime.give_up(f"{EID}.q3").explanation == "E3."
    later = runtime.check(f"{EID}.q3", (False, "b"))
    assert later.status != "correct" and "Correct" not in repr(later)
    assert runtime.summary(EID).total[0] == 0


def test_the_summary_keeps_itself_up_to_date(outputs):
    s = runtime.summary(EID)
    s._ipython_display_()
    assert "0 of 4 points so far" in outputs[-1]["text/plain"]
    runtime.check(f"{EID}.q1", "a")
    assert "1 of 4 points so far" in outputs[-1]["text/plain"], "the summary changed without running it again"
    w = ui.ask(f"{EID}.q3")
    w.inputs[0].value, w.inputs[1].value = False, "b"
    summary_out = [o for o in outputs if "points so far" in o.get("text/plain", "")][-1]
    assert "changed since: press Check" in summary_out["text/plain"] or "unanswered" in summary_out["text/plain"]


# ------------------------------------------------------------------ assessed
def test_an_assessed_version_records_without_judging(built, outputs):
    folder, paths, ex = built
    runtime.load(EID, mode="assessed")
    w = ui.ask(f"{EID}.q1")
    assert w.check_button not in w.children[len(w.inputs)].children, "no Check button: nothing is judged"
    w.inputs[0].value = "a"
    fb = runtime.check(f"{EID}.q1")
    assert fb.status == "saved" and "Correct" not in repr(fb) and "E1." not in repr(fb)
    assert runtime.give_up(f"{EID}.q1").explanation == ""
    assert runtime.hint(f"{EID}.q1").lines == []
    text = repr(runtime.summary(EID))
    assert "1 of 3 questions answered" in text and "points" not in text.split("\n")[0]
    assert runtime.recorded_answers()[EID]["q1"] == {"answer": "a", "via": "widget"}


# ------------------------------------------------------------------ demo
def test_the_demonstration_spends_nothing_and_saves_nothing(outputs):
    ui.ask(f"{EID}.q1", demo=True)
    runtime.check(f"{EID}.q1", "b", demo=True)
    runtime.check(f"{EID}.q1", "c", demo=True)
    assert not [o for o in outputs if isinstance(o, dict) and protocol.ANSWER_MIME in o], "no record saved"
    assert runtime.summary(EID).rows[0][4] == 0, "the real question's attempts are untouched"
    assert runtime.recorded_answers() == {EID: {}}


def test_the_sandboxed_grader_is_never_fed_a_safety_copy(built, tmp_path, monkeypatch):
    """A submission handed in with its hidden copy beside it (newer answers, the same copy id), graded
    by an instructor whose own kernel was told that notebook's path: only the notebook is graded."""
    from r2pkit.exercises import grade, sandbox

    folder, paths, ex = built
    nb = nbformat.read(paths.student, as_version=4)
    nb.metadata["r2pkit"]["copy"] = "student0copy0id1"
    record = {"exercise": EID, "question": "q1", "answer": "b", "via": "widget", "widget": "b", "order": 1}
    for cell in nb.cells:
        if cell.cell_type == "code" and f'ask("{EID}.q1")' in cell.source:
            cell.outputs = [nbformat.v4.new_output("display_data", data={protocol.ANSWER_MIME: record})]
    path = tmp_path / "handed_in.ipynb"
    nbformat.write(nb, path)
    newer = {"copy": "student0copy0id1", "answers": {EID: {
        "q1": dict(record, answer="a", widget="a", order=9),
        "q2": {"exercise": EID, "question": "q2", "answer": 2, "via": "code", "code": 2, "order": 9}}}}
    runtime.backup_for(path).write_text(json.dumps(newer), encoding="utf-8")
    before = runtime.backup_for(path).read_bytes()
    monkeypatch.setenv("JPY_SESSION_NAME", str(path))
    sent = []
    real = sandbox.run

    def run(files, *args, **kwargs):
        sent.append(files)
        return real(files, *args, **kwargs)

    monkeypatch.setattr(sandbox, "run", run)
    res = grade.grade_submission(str(path), {ex.id: ex}, timeout=60)
    [files] = sent
    assert set(files) == {"submission.ipynb", f"{EID}.quiz.json", "job.json"}, "the sandbox gets no copy"
    assert json.loads(files["job.json"])["saved"] == {EID: {"q1": "b"}}
    rows = {r.question: r for r in res.rows}
    assert res.answers == {"q1": "b"} and rows["q1"].status == "incorrect" and rows["q2"].status == "unanswered"
    assert runtime.backup_for(path).read_bytes() == before


def test_the_browser_kit_keeps_its_safety_copy_beside_the_notebook_it_finds(outputs, built, tmp_path, monkeypatch):
    """JupyterLite's kernel is told its folder, not its notebook: load() finds the exercise's notebook
    there (tests/test_lite_compat.py), and the safety copy goes beside that notebook."""
    from types import SimpleNamespace

    folder, paths, ex = built
    monkeypatch.setattr(runtime, "sys", SimpleNamespace(platform="emscripten"))
    path = tmp_path / "my_ex93.ipynb"  # the working folder (the fixture's cwd)
    path.write_bytes(paths.student.read_bytes())
    _reset()
    w1 = ui.ask(f"{EID}.q1")
    assert runtime.backup_path() == tmp_path / ".my_ex93.answers.json" and w1.keyguard.copy == runtime.copy_id() != ""
    w1.inputs[0].value = "b"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["metadata"]["r2pkit"]["copy"] = runtime.copy_id()  # written by the widget, saved with every output cleared
    path.write_text(json.dumps(nb), encoding="utf-8")
    w1.inputs[0].value = "c"  # and the latest answer, whose save never ran

    _reset()  # a new kernel
    runtime.load(EID)
    assert runtime.recorded_answers()[EID] == {"q1": {"answer": "c", "via": "widget"}}
    monkeypatch.setattr(runtime, "sys", SimpleNamespace(platform="linux"))
    assert runtime.backup_path() is None, "elsewhere only the path Jupyter gives counts"


def test_a_notebook_read_while_jupyter_writes_it_is_read_again(outputs, tmp_path, monkeypatch):
    """Jupyter saves a notebook by writing over the file in place: a kernel starting during a save
    can read half of it, and reads it again a moment later."""
    path = tmp_path / "mine.ipynb"
    _notebook_with([{"exercise": EID, "question": "q1", "answer": "b", "via": "widget", "widget": "b", "order": 2}],
                   path)
    full = path.read_text(encoding="utf-8")
    path.write_text(full[: len(full) // 2], encoding="utf-8")
    monkeypatch.setattr(runtime.time, "sleep", lambda seconds: path.write_text(full, encoding="utf-8"))
    _kernel_in(path, monkeypatch)
    runtime.load(EID)
    assert runtime.recorded_answers()[EID] == {"q1": {"answer": "b", "via": "widget"}}

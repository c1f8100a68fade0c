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


def _notebook_with(records: list[dict], path) -> None:
    nb = nbformat.v4.new_notebook()
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


def test_answers_survive_a_save_of_the_cleared_notebook_during_restart_and_run_all(outputs, tmp_path, monkeypatch):
    """Restart Kernel and Run All clears every output before the new kernel reads the file; a save
    in that moment writes the notebook without its records. The safety copy beside it brings them back."""
    path = tmp_path / "mine.ipynb"
    _notebook_with([], path)
    monkeypatch.setenv("JPY_SESSION_NAME", str(path))  # JupyterLab tells the kernel its notebook
    w1, w3 = ui.ask(f"{EID}.q1"), ui.ask(f"{EID}.q3")
    w1.inputs[0].value = "b"
    w1.check_button.click()  # one attempt used
    w3.inputs[0].value, w3.inputs[1].value = False, "b"
    copy = tmp_path / ".mine.answers.json"
    assert runtime.backup_path() == copy and copy.is_file()
    _notebook_with([], path)  # the file as saved with every output cleared: no record left

    _reset()  # the new kernel
    runtime.load(EID)
    assert runtime.recorded_answers()[EID] == {"q1": {"answer": "b", "via": "widget"},
                                               "q3": {"answer": [False, "b"], "via": "widget"}}
    assert runtime.summary(EID).rows[0][4] == 1, "the attempt used before the restart is still used"
    assert ui.ask(f"{EID}.q1").inputs[0].value == "b"


def test_the_notebooks_own_records_come_before_the_safety_copy(outputs, tmp_path, monkeypatch):
    path = tmp_path / "mine.ipynb"
    _notebook_with([], path)
    monkeypatch.setenv("JPY_SESSION_NAME", str(path))
    runtime.check(f"{EID}.q1", "b")
    runtime.check(f"{EID}.q3", (False, "a"))
    # The notebook handed back holds another answer to q1 (its copy moved on elsewhere); q3's record is lost.
    _notebook_with([{"exercise": EID, "question": "q1", "answer": "d", "via": "code", "code": "d"}], path)
    _reset()
    runtime.load(EID)
    assert runtime.recorded_answers()[EID] == {"q1": {"answer": "d", "via": "code"},
                                               "q3": {"answer": [False, "a"], "via": "code"}}


def test_no_safety_copy_where_the_kernel_does_not_know_its_notebook(outputs, tmp_path, monkeypatch):
    runtime.check(f"{EID}.q1", "b")  # nbclient, a script, the browser kit: no JPY_SESSION_NAME
    assert runtime.backup_path() is None and not list(tmp_path.glob(".*.answers.json"))
    path = tmp_path / "mine.ipynb"
    (tmp_path / ".mine.answers.json").write_text("[not, a copy", encoding="utf-8")
    monkeypatch.setenv("JPY_SESSION_NAME", str(path))
    _reset()
    runtime.load(EID)  # a broken copy (and no notebook file) is ignored
    assert runtime.recorded_answers() == {EID: {}}


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

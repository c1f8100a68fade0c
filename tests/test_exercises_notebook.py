"""Exercises in the notebook: check(), hints, the summary, the widget, the export for the grader,
and the build of student and solution notebooks (with the committed ones kept up to date)."""
from __future__ import annotations

import ast
import html
import json
import re
from pathlib import Path

import jupytext
import nbformat
import numpy as np
import pandas as pd
import pytest

from r2pkit.errors import R2PKitError, UnknownNameError
from r2pkit.exercises import build as build_mod
from r2pkit.exercises import runtime, ui
from r2pkit.exercises.questions import AnswerError, normalise, normalise_text, score
from r2pkit.exercises.source import load_source

ROOT = Path(__file__).resolve().parents[1]
KIT = ROOT / "exercises"
SOURCES = sorted((KIT / "source").glob("*.yaml"))

SAMPLE = """\
id: ex91_widgets
title: Widgets and checks
intro: A test exercise with one question of each kind.
setup: |
  import pandas as pd
questions:
  - id: q1
    kind: single
    prompt: Who publishes the refugee figures?
    options: {a: UNHCR, b: The World Bank, c: The Security Council}
    answer: a
    hints: [Hint-one-Lemur, Hint-two-Gecko]
    feedback: {b: Feedback-on-b-Marmoset}
    explanation: Explanation-q1-Albatross says why.
    source: Source-q1-Bittern, page 4.
  - id: q2
    kind: multiple
    points: 2
    prompt: Which apply?
    options: {a: Alpha, b: Bravo, c: Charlie, d: Delta}
    answer: [a, b, d]
    explanation: Explanation-q2-Cormorant.
    source: Source-q2-Dunlin.
  - id: q3
    kind: truefalse
    points: 2
    prompt: True or false?
    justifications: {a: One reason, b: Another reason, c: A third reason}
    answer: {verdict: false, why: b}
    explanation: Explanation-q3-Egret.
    source: Source-q3-Fulmar.
  - id: q4
    kind: numeric
    prompt: How many paragraphs?
    unit: paragraphs
    answer: 2
    attempts: 2
    hints: [Hint-q4-Gannet]
    explanation: Explanation-q4-Heron.
    source: Source-q4-Ibis.
  - id: q5
    kind: text
    prompt: Which function cites?
    answer: cite
    synonyms: [data.cite]
    explanation: Explanation-q5-Jacana.
    source: Source-q5-Kestrel.
  - id: q6
    kind: ordering
    points: 2
    prompt: Put in order.
    items: {a: Libya, b: World Summit, c: ICISS report, d: Three pillars}
    answer: [c, b, d, a]
    explanation: Explanation-q6-Lapwing.
    source: Source-q6-Merlin.
  - id: q7
    kind: classification
    points: 3
    prompt: Sort them.
    items: {a: vetoes, b: votes, c: refugees}
    categories: {x: Security Council, y: General Assembly, z: UNHCR}
    answer: {a: x, b: y, c: z}
    explanation: Explanation-q7-Nightjar.
    source: Source-q7-Osprey.
  - id: q8
    kind: framework
    points: 2
    prompt: Which crimes?
    options: {a: Genocide, b: War crimes, c: Ethnic cleansing, d: Terrorism, e: Piracy}
    answer: [a, b, c]
    explanation: Explanation-q8-Plover.
    source: Source-q8-Quail.
  - id: q9
    kind: data
    prompt: Compute six times seven.
    starter_code: |
      numbers = [6, 7]
    solution_code: |
      numbers = [6, 7]
      q9 = numbers[0] * numbers[1]
    explanation: Explanation-q9-Redshank.
    source: Source-q9-Shrike.
  - id: q10
    kind: data
    answer_type: table
    points: 2
    prompt: Make the table.
    solution_code: |
      q10 = pd.DataFrame({"year": [2011, 2012], "vetoes": [1, 2]})
    explanation: Explanation-q10-Tern.
    source: Source-q10-Upupa.
  - id: q11
    kind: single
    prompt: A question with no hint.
    options: {a: Yes, b: No}
    answer: b
    explanation: Explanation-q11-Vireo.
    source: Source-q11-Wryneck.
"""


# --------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample exercise built (not executed) into a folder of its own: (folder, Exercise)."""
    folder = tmp_path_factory.mktemp("kit_exercises")
    source = folder / "source" / "ex91_widgets.yaml"
    source.parent.mkdir()
    source.write_text(SAMPLE, encoding="utf-8")
    build_mod.build(source, folder, execute=False)
    return folder, load_source(source)


@pytest.fixture(scope="module")
def ex00_built(tmp_path_factory):
    """ex00 built (not executed) from its source into a temporary folder."""
    folder = tmp_path_factory.mktemp("ex00_build")
    build_mod.build(KIT / "source" / "ex00_start_here.yaml", folder, execute=False)
    return folder


def _reset() -> None:
    runtime._QUIZZES.clear()
    runtime._SAVED.clear()


@pytest.fixture(autouse=True)
def fresh_runtime(sample, tmp_path, monkeypatch):
    """Each test starts with nothing loaded, finds the sample's public file, and runs in an empty folder."""
    monkeypatch.setenv("R2PKIT_EXERCISES", str(sample[0]))
    monkeypatch.chdir(tmp_path)
    _reset()
    yield
    _reset()


@pytest.fixture()
def ex(sample):
    return sample[1]


def _html_has(fb_html: str, text: str) -> bool:
    return html.escape(text) in fb_html


# ------------------------------------------------------------------- load, check
def test_load_finds_the_public_file_and_keeps_progress(ex):
    quiz = runtime.load("ex91")
    assert quiz.id == "ex91_widgets" and set(quiz.questions) == {q.id for q in ex.questions}
    assert f"{len(ex.questions)} questions" in repr(quiz) and f"{ex.max_points:g} points" in repr(quiz)
    runtime.check("ex91_widgets.q1", "b")
    assert runtime.load("ex91") is quiz and quiz.state["q1"].attempts == 1


def test_load_prefers_a_public_file_beside_the_notebook(sample, tmp_path):
    (tmp_path / "ex91_widgets.quiz.json").write_text(
        (sample[0] / "ex91_widgets.quiz.json").read_text(encoding="utf-8").replace("Widgets and checks", "Beside"),
        encoding="utf-8")
    assert runtime.load("ex91").title == "Beside"


def test_check_without_an_answer_says_no_answer_yet(ex):
    fb = runtime.check("ex91_widgets.q1")
    assert fb.status == "unanswered" and fb.lines and not fb.explanation
    fb = runtime.check("ex91_widgets.q1", None)
    assert fb.status == "unanswered"
    assert runtime.summary("ex91").rows[0][4] == 0, "a check with no answer is not an attempt"


def test_a_wrong_answer_gives_the_first_hint_and_the_attempts_left(ex):
    q = ex.question("q1")
    fb = runtime.check("ex91_widgets.q1", "b")
    assert fb.status == "incorrect"
    assert f"Hint: {q.hints[0]}" in fb.lines, fb.lines
    assert f"Try again ({q.attempts - 1} attempts left)." in fb.lines, fb.lines
    assert q.feedback["b"] in fb.lines, "the feedback on the chosen wrong option is shown"
    assert fb.explanation == "" and fb.source == "", "no explanation before the last attempt"
    assert q.explanation not in repr(fb) and not _html_has(fb._repr_html_(), q.explanation)


def test_the_second_wrong_answer_gives_the_second_hint(ex):
    q = ex.question("q1")
    runtime.check("ex91_widgets.q1", "b")
    fb = runtime.check("ex91_widgets.q1", "c")
    assert f"Hint: {q.hints[1]}" in fb.lines and f"Try again ({q.attempts - 2} attempt left)." in fb.lines, fb.lines


def test_after_the_last_attempt_the_explanation_and_source_are_shown(ex):
    q = ex.question("q4")
    assert q.attempts == 2
    first = runtime.check("ex91_widgets.q4", 3)
    assert first.status == "incorrect" and not first.explanation
    assert "Try again (1 attempt left)." in first.lines
    last = runtime.check("ex91_widgets.q4", 5)
    assert last.status == "incorrect"
    assert last.explanation == q.explanation and last.source == q.source
    assert any("last attempt" in line for line in last.lines), last.lines
    assert f"Explanation: {q.explanation}" in repr(last) and f"Source: {q.source}" in repr(last)
    assert _html_has(last._repr_html_(), q.explanation) and _html_has(last._repr_html_(), q.source)


def test_a_right_answer_reveals_the_explanation(ex):
    q = ex.question("q5")
    fb = runtime.check("ex91_widgets.q5", "  Data.Cite()  ")
    assert fb.status == "correct"
    assert (fb.explanation, fb.source) == (q.explanation, q.source)
    assert "1 of 1 point" in fb.headline, fb.headline
    assert not any(line.startswith("Hint") or "Try again" in line for line in fb.lines), fb.lines


def test_a_partly_right_answer_shows_the_detail_and_the_points(ex):
    q = ex.question("q6")
    answer = ["c", "b", "a", "d"]
    in_place = sum(a == k for a, k in zip(answer, q.answer))
    fb = runtime.check("ex91_widgets.q6", answer)
    assert fb.status == "partial"
    assert f"{in_place} of {len(q.items)} items are right." in fb.lines, fb.lines
    assert f"{q.points * in_place / len(q.items):g} of {q.points:g} points" in fb.headline, fb.headline


def test_truefalse_half_marks_are_explained(ex):
    fb = runtime.check("ex91_widgets.q3", (False, "a"))
    assert fb.status == "partial" and any("verdict is right" in line for line in fb.lines), fb.lines
    assert "1 of 2 points" in fb.headline


@pytest.mark.parametrize("qid,raw", [("q6", ["c", "b"]), ("q1", "z"), ("q4", "two"), ("q3", "false"),
                                     ("q7", ["x", "y"]), ("q10", 5)])
def test_an_answer_of_the_wrong_form_is_invalid_and_says_why(ex, qid, raw):
    with pytest.raises(AnswerError) as expected:
        normalise(ex.question(qid), raw)
    fb = runtime.check(f"ex91_widgets.{qid}", raw)
    assert fb.status == "invalid"
    assert fb.lines == [str(expected.value)]
    assert str(expected.value) in repr(fb)
    assert runtime.summary("ex91").rows[[q.id for q in ex.questions].index(qid)][4] == 0, \
        "an answer of the wrong form uses no attempt"


def test_give_up_before_any_attempt_shows_no_explanation(ex):
    q = ex.question("q2")
    fb = runtime.give_up("ex91_widgets.q2")
    assert fb.status == "unanswered" and "first attempt" in repr(fb)
    assert q.explanation not in repr(fb) and not fb.explanation
    assert runtime.summary("ex91").rows[1][1] == "unanswered"


def test_give_up_after_an_attempt_reveals_the_explanation_and_the_answer_is_final(ex):
    q = ex.question("q2")
    runtime.check("ex91_widgets.q2", ["c"])
    fb = runtime.give_up("ex91_widgets.q2")
    assert fb.status == "revealed" and (fb.explanation, fb.source) == (q.explanation, q.source)
    row = runtime.summary("ex91").rows[1]
    assert row[0] == "q2" and row[1] == "incorrect" and row[2] == 0
    later = runtime.check("ex91_widgets.q2", ["a", "b", "d"])
    assert later.status != "correct" and "not the one that counts" in later.headline, later
    assert json.loads(runtime._export({}))["ex91_widgets"]["q2"] == {"answer": ["c"], "via": "code"}
    assert runtime.summary("ex91").rows[1][2] == 0, "a right answer after the explanation earns nothing"


def test_hint_steps_through_the_hints_and_stays_on_the_last(ex):
    hints = ex.question("q1").hints
    assert len(hints) == 2
    shown = [runtime.hint("ex91_widgets.q1") for _ in range(3)]
    assert [fb.headline for fb in shown] == ["Hint 1 of 2.", "Hint 2 of 2.", "Hint 2 of 2."]
    assert [fb.lines for fb in shown] == [[hints[0]], [hints[1]], [hints[1]]]


def test_hint_after_a_wrong_answer_gives_the_next_one(ex):
    hints = ex.question("q1").hints
    runtime.check("ex91_widgets.q1", "c")
    assert runtime.hint("ex91_widgets.q1").lines == [hints[1]]


def test_a_question_without_hints_says_so():
    fb = runtime.hint("ex91_widgets.q11")
    assert "no hint" in fb.headline


# ----------------------------------------------------------------------- summary
def test_summary_totals_the_outcomes_with_rows_in_text_and_html(ex):
    answers = {"q1": "a", "q2": ["a", "b"], "q3": (True, "b"), "q6": ["c", "b", "a", "d"], "q9": 42}
    for qid, raw in answers.items():
        runtime.check(f"ex91_widgets.{qid}", raw)
    expected = {qid: score(ex.question(qid), raw) for qid, raw in answers.items()}
    got = sum(o.points for o in expected.values())
    assert 0 < got < ex.max_points
    s = runtime.summary("ex91")
    assert s.total == (pytest.approx(got), ex.max_points)
    text, page = repr(s), s._repr_html_()
    assert f"{got:g} of {ex.max_points:g} points so far" in text, text
    assert f"<b>{got:g} of {ex.max_points:g}</b>" in page, page
    for q in ex.questions:
        o = expected.get(q.id)
        status, pts = (o.status, o.points) if o else ("unanswered", 0.0)
        checks = 1 if o else 0
        assert f"  {q.id}: {status} ({pts:g}/{q.points:g}, {checks} check{'s' if checks != 1 else ''})" in text, text
        assert f"<tr><td>{q.id}</td>" in page and f"{pts:g} / {q.points:g}" in page


def test_summary_counts_the_last_outcome_of_each_question(ex):
    runtime.check("ex91_widgets.q1", "b")
    runtime.check("ex91_widgets.q1", "a")
    assert runtime.summary("ex91").rows[0] == ("q1", "correct", 1.0, 1.0, 2)


def test_checking_the_same_answer_again_uses_no_attempt(ex):
    for _ in range(3):
        fb = runtime.check("ex91_widgets.q4", 3)
    assert runtime.summary("ex91").rows[3][4] == 1
    assert "Try again (1 attempt left)." in fb.lines and not fb.explanation


def test_after_the_last_attempt_a_right_answer_earns_nothing(ex):
    runtime.check("ex91_widgets.q4", 3)
    last = runtime.check("ex91_widgets.q4", 5)
    assert last.explanation and any("final" in line for line in last.lines)
    late = runtime.check("ex91_widgets.q4", 2)
    assert late.status != "correct" and "not the one that counts" in late.headline
    assert "Correct" not in repr(late)
    assert runtime.summary("ex91").rows[3][1:3] == ("incorrect", 0.0)
    assert json.loads(runtime._export({"q4": 2}))["ex91_widgets"]["q4"] == {"answer": 5.0, "via": "code"}


def test_summary_without_a_name_needs_exactly_one_exercise():
    with pytest.raises(R2PKitError, match="Say which exercise"):
        runtime.summary()
    runtime.load("ex91")
    assert runtime.summary().title.startswith("ex91_widgets")


# --------------------------------------------------------------------- bad names
def test_an_unknown_question_names_the_questions_and_the_closest(ex):
    with pytest.raises(UnknownNameError) as info:
        runtime.check("ex91_widgets.q99", "a")
    msg = str(info.value)
    assert "no question 'q99'" in msg and "Did you mean 'q9'?" in msg, msg
    for q in ex.questions:
        assert q.id in msg
    for fn in (runtime.hint, runtime.give_up, ui.ask):
        with pytest.raises(UnknownNameError, match="no question 'q12'"):
            fn("ex91_widgets.q12")


def test_an_unknown_exercise_names_the_kit_exercises_and_the_closest():
    with pytest.raises(UnknownNameError) as info:
        runtime.check("ex91_widgest.q1", "a")
    msg = str(info.value)
    assert "No exercise called 'ex91_widgest'" in msg and "Did you mean 'ex91_widgets'?" in msg, msg
    assert "The kit's exercises: ex91_widgets" in msg, msg
    with pytest.raises(UnknownNameError, match="No exercise called 'ex99'"):
        runtime.summary("ex99")


def test_a_reference_without_a_dot_shows_the_form():
    with pytest.raises(UnknownNameError, match="'exercise.question'"):
        runtime.check("ex91_widgets_q1", "a")


# ------------------------------------------------------------------------ widget
def _set(widget: ui.QuestionWidget, kind: str, value) -> None:
    """Answer in the widget as a student would: click radio buttons, tick boxes, pick from menus, type."""
    inputs = widget.inputs
    if kind == "single":
        inputs[0].value = value
    elif kind in ("multiple", "framework"):
        for box in inputs:
            box.value = box.description.split(")")[0] in value
    elif kind == "truefalse":
        inputs[0].value, inputs[1].value = value
    elif kind == "ordering":
        for menu, letter in zip(inputs, value):
            menu.value = letter
    elif kind == "classification":
        for menu in inputs:
            menu.value = value.get(menu.description.split(")")[0])
    elif kind in ("numeric", "text", "data"):
        inputs[0].value = value
    else:
        raise AssertionError(kind)


def _read(widget: ui.QuestionWidget, kind: str):
    """What the widget shows, read back from its inputs."""
    inputs = widget.inputs
    if kind == "single":
        return inputs[0].value
    if kind in ("multiple", "framework"):
        return sorted(b.description.split(")")[0] for b in inputs if b.value)
    if kind == "truefalse":
        return [inputs[0].value, inputs[1].value]
    if kind == "ordering":
        return [m.value for m in inputs]
    if kind == "classification":
        return {m.description.split(")")[0]: m.value for m in inputs if m.value is not None}
    return inputs[0].value


# (question, what the student does in the widget, the same answer typed as a variable)
WIDGET_CASES = [
    ("q1", "a", "UNHCR"), ("q1", "b", "The World Bank"),
    ("q2", ["a", "b", "d"], ["d", "b", "a"]), ("q2", ["a", "c"], "a, c"), ("q2", ["c"], ["C"]),
    ("q3", (False, "b"), {"verdict": "false", "why": "b"}), ("q3", (False, "a"), (False, "One reason")),
    ("q3", (True, "b"), ("true", "b")),
    ("q4", "2", 2), ("q4", " 3 ", 3.0),
    ("q5", " Data.Cite() ", "data.cite"), ("q5", "describe", "Describe"),
    ("q6", ["c", "b", "d", "a"], ["ICISS report", "World Summit", "Three pillars", "Libya"]),
    ("q6", ["c", "b", "a", "d"], "c b a d"),
    ("q7", {"a": "x", "b": "y", "c": "z"}, {"c": "UNHCR", "b": "General Assembly", "a": "x"}),
    ("q7", {"a": "x", "b": "x"}, {"a": "x", "b": "x"}),
    ("q8", ["a", "b", "c"], "a, b, c"), ("q8", ["a", "b", "e"], ["Genocide", "War crimes", "Piracy"]),
    ("q9", "42", 42), ("q9", "41", np.int64(41)),
]


def test_the_widget_cases_cover_every_kind_with_an_input(ex):
    kinds = {ex.question(qid).kind for qid, _, _ in WIDGET_CASES}
    assert kinds == {"single", "multiple", "truefalse", "numeric", "text", "ordering", "classification",
                     "framework", "data"}
    statuses = {score(ex.question(qid), var).status for qid, _, var in WIDGET_CASES}
    assert statuses == {"correct", "partial", "incorrect"}


@pytest.mark.parametrize("qid,in_widget,variable", WIDGET_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(WIDGET_CASES)])
def test_the_widget_records_and_checks_the_same_answer_as_check_with_a_variable(ex, qid, in_widget, variable):
    q, ref = ex.question(qid), f"ex91_widgets.{qid}"
    widget = ui.ask(ref)
    _set(widget, q.kind, in_widget)
    recorded = runtime._QUIZZES["ex91_widgets"].state[qid].answer
    widget.check_button.click()
    shown = widget.feedback.value

    _reset()  # the same question, fresh, answered in code
    fb = runtime.check(ref, variable)
    assert recorded == runtime._QUIZZES["ex91_widgets"].state[qid].answer == normalise(q, variable)
    assert fb.status == score(q, variable).status
    assert shown == fb._repr_html_(), f"the widget shows other feedback than check(): {shown}"


def test_the_table_question_widget_points_to_the_code_cell():
    widget = ui.ask("ex91_widgets.q10")
    assert "in code" in widget.inputs[0].value
    widget.check_button.click()
    assert widget.feedback.value == runtime.check("ex91_widgets.q10")._repr_html_()
    assert "No answer in this cell yet" in widget.feedback.value


@pytest.mark.parametrize("qid,in_widget,variable", [c for c in WIDGET_CASES if c[0] in ("q1", "q3", "q6", "q7", "q9")],
                         ids=lambda v: v if isinstance(v, str) and v.startswith("q") else "")
def test_check_without_an_answer_checks_the_widget_answer(ex, qid, in_widget, variable):
    q, ref = ex.question(qid), f"ex91_widgets.{qid}"
    _set(ui.ask(ref), q.kind, in_widget)
    fb = runtime.check(ref)
    assert fb.status == score(q, variable).status != "unanswered"


def test_check_without_an_answer_still_sees_the_widget_answer_after_pressing_check(ex):
    """The notebook's cell `q1 = None; check("ex00.q1", q1)` after the student used the widget's button."""
    ref = "ex91_widgets.q1"
    widget = ui.ask(ref)
    _set(widget, "single", "b")
    widget.check_button.click()
    assert "Not yet" in widget.feedback.value
    fb = runtime.check(ref, None)
    assert fb.status == "incorrect", f"the widget's answer 'b' is forgotten after pressing Check: {fb!r}"
    exported = json.loads(runtime._export({}))["ex91_widgets"]["q1"]
    assert exported == {"answer": "b", "via": "widget"}, exported


def test_the_widget_buttons_show_hints_and_the_explanation_after_an_attempt(ex):
    q = ex.question("q1")
    widget = ui.ask("ex91_widgets.q1")
    assert not widget.hint_button.disabled
    widget.hint_button.click()
    assert _html_has(widget.feedback.value, q.hints[0])
    assert widget.reveal_button.disabled, "no explanation before a first attempt"
    widget.reveal_button.click()
    assert not _html_has(widget.feedback.value, q.explanation)
    _set(widget, "single", "b")
    widget.check_button.click()
    assert not widget.reveal_button.disabled
    widget.reveal_button.click()
    assert _html_has(widget.feedback.value, q.explanation) and _html_has(widget.feedback.value, q.source)
    assert all(w.disabled for w in widget.inputs), "once the explanation is shown, the answer is final"
    assert ui.ask("ex91_widgets.q11").hint_button.disabled, "no hints: the Hint button is off"


RESTORED = [("q1", "b"), ("q2", ["a", "c"]), ("q3", [False, "b"]), ("q4", 2.0), ("q5", "data cite"),
            ("q6", ["c", "b", "d", "a"]), ("q7", {"a": "x", "c": "z"}), ("q8", ["a", "b", "c"]), ("q9", 42.0)]


@pytest.mark.parametrize("qid,saved", RESTORED, ids=[r[0] for r in RESTORED])
def test_a_restored_answer_fills_the_widget_and_is_recorded(ex, qid, saved):
    q, ref = ex.question(qid), f"ex91_widgets.{qid}"
    runtime._restore({"ex91_widgets": {qid: json.loads(json.dumps(saved))}})
    widget = ui.ask(ref)
    assert normalise(q, _read(widget, q.kind)) == normalise(q, saved), "the widget does not show the saved answer"
    st = runtime._QUIZZES["ex91_widgets"].state[qid]
    assert st.answer == normalise(q, saved) and st.via == "widget"
    assert runtime.check(ref).status == score(q, saved).status


def test_restore_replaces_what_was_restored_before(ex):
    runtime._restore({"ex91_widgets": {"q1": "b"}})
    runtime._restore({"ex91_widgets": {"q2": ["a"]}})
    assert ui.ask("ex91_widgets.q1").inputs[0].value is None


def test_the_widget_saves_its_answer_in_the_cell_output(monkeypatch, ex):
    import IPython.display

    updates = []

    class Handle:
        def update(self, obj, raw=False):
            updates.append(obj)

    shown = []
    monkeypatch.setattr(IPython.display, "display",
                        lambda obj, raw=False, display_id=False: shown.append(obj) or Handle())
    widget = ui.ask("ex91_widgets.q3")
    record = shown[0][runtime.ANSWER_MIME]
    assert (record["exercise"], record["question"], record["answer"]) == ("ex91_widgets", "q3", None)
    _set(widget, "truefalse", (False, "b"))
    assert updates, "choosing an answer updates the saved output"
    last = updates[-1]
    assert last[runtime.ANSWER_MIME]["answer"] == [False, "b"] and last[runtime.ANSWER_MIME]["via"] == "widget"
    assert "False, because b) Another reason" in last["text/plain"], "the answer is echoed in words"
    assert "[False" not in last["text/plain"], "not as Python"


def test_the_widget_repr_is_short_and_stable():
    first, again, other = ui.ask("ex91_widgets.q1"), ui.ask("ex91_widgets.q1"), ui.ask("ex91_widgets.q6")
    text = repr(first)
    assert text == repr(again) and "ex91_widgets.q1" in text
    assert len(text) < 100 and "\n" not in text, text
    assert not re.search(r"[0-9a-f]{16}", text), f"a model id in the repr would break nbval: {text}"
    assert repr(other) != text and "ex91_widgets.q6" in repr(other)


# ------------------------------------------------------------------------ export
def test_export_gives_the_recorded_answers(ex):
    runtime.check("ex91_widgets.q1", "UNHCR")
    _set(ui.ask("ex91_widgets.q2"), "multiple", ["a", "c"])
    runtime.check("ex91_widgets.q6", ["c", "b"])
    out = json.loads(runtime._export({}))
    assert list(out) == ["ex91_widgets"]
    answers = out["ex91_widgets"]
    assert answers["q1"] == {"answer": "a", "via": "code"}
    assert answers["q2"] == {"answer": ["a", "c"], "via": "widget"}
    assert answers["q6"]["invalid"] == repr(["c", "b"]) and answers["q6"]["via"] == "code"
    assert set(answers) == {"q1", "q2", "q6"}, "questions not answered are left out"


def test_export_falls_back_to_the_variables_when_nothing_was_recorded(ex):
    runtime.load("ex91")
    namespace = {"q1": "The World Bank", "q4": "2", "q5": 5, "q7": None, "q3": [False, "b"],
                 "q10": pd.DataFrame({"vetoes": [2, 1], "year": [2012, 2011]}), "refugees": 1}
    answers = json.loads(runtime._export(namespace))["ex91_widgets"]
    assert answers["q1"] == {"answer": "b", "via": "code"}
    assert answers["q4"] == {"answer": 2.0, "via": "code"}
    assert answers["q3"] == {"answer": [False, "b"], "via": "code"}
    assert answers["q10"] == {"answer": ex.question("q10").answer, "via": "code"}
    assert answers["q5"] == {"invalid": "5", "via": "code"}
    assert "q7" not in answers and "refugees" not in answers


def test_export_prefers_the_recorded_answer_to_the_variable():
    runtime.check("ex91_widgets.q1", "a")
    answers = json.loads(runtime._export({"q1": "b"}))["ex91_widgets"]
    assert answers["q1"] == {"answer": "a", "via": "code"}


def test_export_of_an_invalid_answer_checked_in_code_is_marked_invalid():
    runtime.check("ex91_widgets.q4", "two")
    answers = json.loads(runtime._export({"q4": 2}))["ex91_widgets"]
    assert answers["q4"] == {"invalid": "'two'", "via": "code"}


# ------------------------------------------------------------------------- build
def test_there_are_exercise_sources():
    assert SOURCES and SOURCES[0].name == "ex00_start_here.yaml"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_the_committed_generated_files_are_up_to_date(source):
    stale = build_mod.is_up_to_date(source, KIT)
    assert stale == [], (f"{source.name} changed but these generated files did not: {stale}. "
                         "Run `r2pkit exercises build` and commit the result.")


def test_is_up_to_date_notices_a_stale_file(sample):
    folder, _ = sample
    source = folder / "source" / "ex91_widgets.yaml"
    assert build_mod.is_up_to_date(source, folder) == []
    original = source.read_text(encoding="utf-8")
    try:
        source.write_text(original.replace("Compute six times seven.", "Compute seven times six."), encoding="utf-8")
        stale = build_mod.is_up_to_date(source, folder)
        assert any(s.endswith("ex91_widgets.py") for s in stale) and any(s.endswith(".ipynb") for s in stale), stale
    finally:
        source.write_text(original, encoding="utf-8")


@pytest.mark.parametrize("target", ["ex91_widgets.ipynb", "solutions/ex91_widgets.py"])
def test_build_never_overwrites_a_hand_made_notebook_unless_forced(tmp_path, target):
    source = tmp_path / "ex91_widgets.yaml"
    source.write_text(SAMPLE, encoding="utf-8")
    out = tmp_path / "out"
    hand = out / target
    hand.parent.mkdir(parents=True)
    hand.write_text("# my own notes, written by hand\n", encoding="utf-8")
    with pytest.raises(R2PKitError) as info:
        build_mod.build(source, out, execute=False)
    msg = str(info.value)
    assert str(hand) in msg and "--force" in msg, msg
    assert hand.read_text(encoding="utf-8") == "# my own notes, written by hand\n"
    assert not (out / "ex91_widgets.quiz.json").exists(), "nothing is written when the build is refused"
    build_mod.build(source, out, execute=False, force=True)
    assert build_mod.GENERATED_MARK in hand.read_text(encoding="utf-8")
    build_mod.build(source, out, execute=False)  # generated files are replaced without --force


def _built_cases(sample, ex00_built):
    return [(sample[0], "ex91_widgets", sample[1]),
            (ex00_built, "ex00_start_here", load_source(KIT / "source" / "ex00_start_here.yaml"))]


def _assignments(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for m in re.finditer(r"^(q\d+[a-z]?) = (.*)$", text, re.M):
        found.setdefault(m.group(1), []).append(m.group(2))
    return found


def test_the_student_text_leaves_every_answer_empty_and_has_no_solution_code(sample, ex00_built):
    n = 0
    for folder, stem, ex in _built_cases(sample, ex00_built):
        text = (folder / f"{stem}.py").read_text(encoding="utf-8")
        assigned = _assignments(text)
        for q in ex.questions:
            n += 1
            assert assigned.get(q.id), f"{stem}: no `{q.id} = None` cell"
            assert all(rhs.startswith("None") for rhs in assigned[q.id]), f"{stem} {q.id}: {assigned[q.id]}"
            if q.solution_code:
                starter = set(q.starter_code.splitlines())
                for line in q.solution_code.splitlines():
                    if line.strip() and line not in starter:
                        assert line not in text, f"{stem} {q.id}: solution line {line!r} in the student notebook"
    assert n == 21


def test_the_solution_text_holds_each_answer(sample, ex00_built):
    n = 0
    for folder, stem, ex in _built_cases(sample, ex00_built):
        text = (folder / "solutions" / f"{stem}.py").read_text(encoding="utf-8")
        assigned = _assignments(text)
        for q in ex.questions:
            n += 1
            if q.kind == "data":
                assert q.solution_code in text, f"{stem} {q.id}: solution code missing"
                continue
            (rhs,) = assigned[q.id]
            value = ast.literal_eval(rhs)
            if q.kind == "text":
                assert normalise_text(value) in {normalise_text(a) for a in q.accepted}
            else:
                assert normalise(q, value) == q.answer, f"{stem} {q.id}: {rhs} is not the key"
            assert score(q, value).status == "correct"
    assert n == 21


def _notebook_text(path: Path) -> str:
    """Every cell source and every text an output shows, as a student would see it."""
    nb = nbformat.read(path, as_version=4)
    parts = []
    for cell in nb.cells:
        parts.append(cell.source)
        for out in cell.get("outputs", []):
            parts.append(json.dumps(out.get("data", {}), ensure_ascii=False))
            parts.append(out.get("text", ""))
            for value in out.get("data", {}).values():
                parts.append(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
    return "\n".join(parts)


def _hidden_texts(ex) -> list[str]:
    texts = []
    for q in ex.questions:
        for text in (q.explanation, q.source, *q.feedback.values()):
            texts += [line.strip() for line in text.splitlines() if len(line.strip()) > 15]
    return texts


def test_the_student_files_never_show_an_explanation(sample, ex00_built):
    checked = 0
    for folder, stem, ex in _built_cases(sample, ex00_built) + [(KIT, "ex00_start_here", load_source(SOURCES[0]))]:
        files = {"notebook": _notebook_text(folder / f"{stem}.ipynb"),
                 "text": (folder / f"{stem}.py").read_text(encoding="utf-8"),
                 "public file": (folder / f"{stem}.quiz.json").read_text(encoding="utf-8")}
        for line in _hidden_texts(ex):
            for name, content in files.items():
                checked += 1
                assert line not in content and html.escape(line) not in content, \
                    f"{folder.name}/{stem} {name} shows {line!r}"
    assert checked > 50


def test_the_committed_solution_notebook_does_show_the_explanations():
    """The search above can find an explanation: the solution notebook's stored outputs show them all."""
    ex = load_source(SOURCES[0])
    shown = _notebook_text(KIT / "solutions" / f"{SOURCES[0].stem}.ipynb")
    for q in ex.questions:
        first = q.explanation.splitlines()[0].strip()
        assert first in shown or html.escape(first) in shown, f"{q.id}: explanation not in the solution outputs"


# ---------------------------------------------------- the committed notebooks
NOTEBOOKS = [(KIT / f"{s.stem}.ipynb", "practice") for s in SOURCES] + \
            [(KIT / "assessed" / f"{s.stem}.ipynb", "assessed") for s in SOURCES] + \
            [(KIT / "solutions" / f"{s.stem}.ipynb", "solution") for s in SOURCES]


def test_every_source_has_its_committed_notebooks():
    assert len(NOTEBOOKS) == 3 * len(SOURCES) > 0
    for path, _ in NOTEBOOKS:
        assert path.exists() and path.with_suffix(".py").exists(), f"{path} missing: run `r2pkit exercises build`"


@pytest.mark.parametrize("path,version", NOTEBOOKS, ids=lambda v: getattr(v, "name", v))
def test_committed_notebook_and_its_text_agree(path, version):
    py = path.with_suffix(".py")
    text_cells = [(c.cell_type, c.source.strip()) for c in jupytext.read(py).cells]
    nb_cells = [(c.cell_type, c.source.strip()) for c in nbformat.read(path, as_version=4).cells]
    assert len(nb_cells) > 5
    assert nb_cells == text_cells, f"{path.name} and {py.name} differ: run `r2pkit exercises build`"


@pytest.mark.parametrize("path,version", NOTEBOOKS, ids=lambda v: getattr(v, "name", v))
def test_committed_notebook_was_run_without_errors(path, version):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.get("r2pkit", {}).get("mode") == version
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert code
    for i, cell in enumerate(code):
        assert cell.execution_count is not None, f"{path.name} code cell {i} was never run"
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, f"{path.name} code cell {i} stores an error: {errors[0].get('ename')}"
    assert "widgets" not in nb.metadata


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_stored_summary_shows_full_marks_in_the_solution_and_none_in_the_student_notebook(source):
    total = sum(q.points for q in load_source(source).questions if q.kind_of.auto_scored)  # not those graded by hand
    for path, expected in ((KIT / "solutions" / f"{source.stem}.ipynb", total), (KIT / f"{source.stem}.ipynb", 0)):
        nb = nbformat.read(path, as_version=4)
        cells = [c for c in nb.cells if c.cell_type == "code" and c.source.strip().startswith("summary(")]
        assert len(cells) == 1, f"{path.name}: one summary cell expected"
        shown = "".join(o.get("data", {}).get("text/plain", "") for o in cells[0].outputs)
        assert f"{expected:g} of {total:g} points so far" in shown, f"{path.name} summary shows: {shown[:200]}"

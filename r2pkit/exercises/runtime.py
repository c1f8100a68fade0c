"""Exercises in the student's notebook: self-check, hints, explanations, the score so far.

A student notebook starts with ``load("ex00")``, which reads the exercise's public file
(``ex00….quiz.json``, beside the notebook or in the kit's ``exercises/`` folder). Then,
for each question, the student answers with the widget made by :func:`ask
<r2pkit.exercises.ui.ask>` or by assigning a variable, and checks with the widget's
button or ``check("ex00.q1", q1)``. Both give the same canonical answer and the same
feedback: *correct*, *partly correct* or *not yet*, with a hint; the explanation and its
source come after a right answer, after the last attempt, or on asking to see it.
:func:`summary` shows the score so far.

Self-check here is for learning. Marks come from the batch grader, which runs the
notebook again and scores the recorded answers against the instructor's key in its own
process: nothing a notebook does to these functions changes a mark.
"""
from __future__ import annotations

import html
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import R2PKitError, UnknownNameError, closest
from .questions import AnswerError, Outcome
from .sealed import self_check, unseal

__all__ = ["load", "check", "give_up", "hint", "summary", "Feedback", "Summary", "ANSWER_MIME"]

#: The mime type of the small output that saves a widget answer inside the notebook file.
ANSWER_MIME = "application/vnd.r2pkit.answer+json"

_QUIZZES: dict[str, Quiz] = {}
_SAVED: dict[tuple[str, str], Any] = {}  # answers saved in a submitted notebook (set by the grader)


@dataclass
class _State:
    answer: Any = None
    via: str = ""
    invalid: str = ""
    outcome: Outcome | None = None
    attempts: int = 0
    hints_shown: int = 0
    revealed: bool = False


@dataclass
class Quiz:
    """An exercise loaded from its public file, with the student's progress in this session."""

    id: str
    title: str
    salt: str
    questions: dict[str, dict[str, Any]]
    state: dict[str, _State] = field(default_factory=dict)

    def __repr__(self) -> str:
        points = sum(float(q["points"]) for q in self.questions.values())
        return (f"Exercise {self.id}: {self.title} ({len(self.questions)} questions, {points:g} points). "
                "Answer each question below, then press Check.")

    def q(self, qid: str) -> dict[str, Any]:
        if qid not in self.questions:
            hint = closest(qid, list(self.questions))
            raise UnknownNameError(f"Exercise {self.id} has no question {qid!r}."
                                   + (f" Did you mean {hint[0]!r}?" if hint else "")
                                   + f" Its questions are {', '.join(self.questions)}.")
        return self.questions[qid]

    def st(self, qid: str) -> _State:
        self.q(qid)
        return self.state.setdefault(qid, _State())

    def explanation(self, qid: str) -> tuple[str, str]:
        data = self.q(qid)
        return (unseal(self.salt, f"{qid}/explanation", data["explanation"]),
                unseal(self.salt, f"{qid}/source", data["source"]))


# ----------------------------------------------------------------------- loading
def _kit_exercises() -> Path:
    from ..data import DATASETS_DIR

    return Path(os.environ.get("R2PKIT_EXERCISES") or DATASETS_DIR.parent / "exercises")


def _find(name: str) -> Path:
    p = Path(name)
    if p.suffix == ".json" and p.exists():
        return p
    for folder in (Path.cwd(), Path.cwd().parent, _kit_exercises()):
        found = sorted(folder.glob(f"{name}*.quiz.json")) if folder.is_dir() else []
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise UnknownNameError(f"Several exercises match {name!r} in {folder}: "
                                   f"{', '.join(f.name for f in found)}. Give the full name.")
    known = sorted(f.name.split(".")[0] for f in _kit_exercises().glob("*.quiz.json"))
    hint = closest(name, known)
    raise UnknownNameError(f"No exercise called {name!r} (looked beside this notebook and in {_kit_exercises()})."
                           + (f" Did you mean {hint[0]!r}?" if hint else "")
                           + (f" The kit's exercises: {', '.join(known)}." if known else ""))


def load(name: str) -> Quiz:
    """Load an exercise's questions (its public file) for self-check in this notebook.

    Loading again keeps the progress already made in this session.
    """
    path = _find(name)
    public = json.loads(path.read_text(encoding="utf-8"))
    eid = public["id"]
    if eid in _QUIZZES and _QUIZZES[eid].salt == public["salt"]:
        return _QUIZZES[eid]
    quiz = Quiz(id=eid, title=public["title"], salt=public["salt"],
                questions={q["id"]: q for q in public["questions"]})
    _QUIZZES[eid] = quiz
    return quiz


def _quiz(eid: str) -> Quiz:
    """A loaded exercise by id (or the start of it), loading it if need be."""
    if eid in _QUIZZES:
        return _QUIZZES[eid]
    matches = [k for k in _QUIZZES if k.startswith(eid)]
    return _QUIZZES[matches[0]] if len(matches) == 1 else load(eid)


def _resolve(ref: str) -> tuple[Quiz, str]:
    if not isinstance(ref, str) or "." not in ref:
        raise UnknownNameError(f"Name a question as 'exercise.question', e.g. 'ex00.q1' (got {ref!r}).")
    eid, qid = ref.split(".", 1)
    quiz = _quiz(eid)
    quiz.q(qid)
    return quiz, qid


# ----------------------------------------------------------------------- feedback
_ICONS = {"correct": "✔", "partial": "◐", "incorrect": "✘", "unanswered": "…", "invalid": "?", "revealed": "ℹ"}
_COLOURS = {"correct": "#009E73", "partial": "#E69F00", "incorrect": "#D55E00", "unanswered": "#555555",
            "invalid": "#D55E00", "revealed": "#0072B2"}


@dataclass
class Feedback:
    """What a check says: shown as a coloured box in the notebook, as text elsewhere."""

    ref: str
    status: str
    headline: str
    lines: list[str] = field(default_factory=list)
    explanation: str = ""
    source: str = ""

    def __repr__(self) -> str:
        parts = [f"{_ICONS[self.status]} {self.headline}", *self.lines]
        if self.explanation:
            parts += [f"Explanation: {self.explanation}", f"Source: {self.source}"]
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        colour = _COLOURS[self.status]
        body = "".join(f"<p style='margin:.3em 0'>{html.escape(line)}</p>" for line in self.lines)
        if self.explanation:
            body += (f"<p style='margin:.3em 0'><b>Explanation.</b> {html.escape(self.explanation)}</p>"
                     f"<p style='margin:.3em 0'><b>Source.</b> {html.escape(self.source)}</p>")
        return (f"<div role='status' style='border-left:5px solid {colour};padding:.4em .8em;margin:.3em 0'>"
                f"<p style='margin:.2em 0;font-weight:bold'>{_ICONS[self.status]} {html.escape(self.headline)}</p>"
                f"{body}</div>")


def _record(quiz: Quiz, qid: str, raw: Any, via: str) -> tuple[_State, Outcome | None, str]:
    st = quiz.st(qid)
    try:
        answer, outcome = self_check(quiz.q(qid), quiz.salt, raw)
    except AnswerError as exc:
        # An answer of the wrong form replaces the last one, as it does for the grader.
        st.invalid, st.answer, st.via = repr(raw), None, via
        points = float(quiz.q(qid)["points"])
        st.outcome = Outcome("incorrect", 0.0, points, "answer of the wrong form")
        return st, None, str(exc)
    if answer is not None:
        st.answer, st.via, st.invalid = answer, via, ""
    return st, outcome, ""


def _feedback(quiz: Quiz, qid: str, st: _State, outcome: Outcome | None, error: str) -> Feedback:
    ref, data = f"{quiz.id}.{qid}", quiz.q(qid)
    if error:
        return Feedback(ref, "invalid", "That answer has the wrong form.", [error])
    assert outcome is not None
    if outcome.status == "unanswered":
        return Feedback(ref, "unanswered", "No answer yet.",
                        ["Choose in the widget above, or write your answer after the = sign and run the cell."])
    st.attempts += 1
    st.outcome = outcome
    pts = f"{outcome.points:g} of {outcome.max_points:g} point{'s' if outcome.max_points != 1 else ''}"
    lines = outcome.detail.splitlines()  # a scenario question explains each duty on a line of its own
    if data["kind"] == "single" and outcome.status != "correct" and st.answer in data.get("feedback", {}):
        lines.append(unseal(quiz.salt, f"{qid}/feedback/{st.answer}", data["feedback"][st.answer]))
    last = st.attempts >= int(data.get("attempts", 3))
    if outcome.status != "correct":
        hints = data.get("hints", [])
        if hints:
            st.hints_shown = min(max(st.hints_shown, st.attempts), len(hints))
            lines.append(f"Hint: {hints[st.hints_shown - 1]}")
        if last:
            lines.append("That was your last attempt for self-check: here is the explanation.")
        else:
            left = int(data["attempts"]) - st.attempts
            lines.append(f"Try again ({left} attempt{'s' if left != 1 else ''} left).")
    reveal = outcome.status == "correct" or last or st.revealed
    fb = Feedback(ref, outcome.status, f"{outcome.label} — {pts}.", lines)
    if reveal:
        st.revealed = True
        fb.explanation, fb.source = quiz.explanation(qid)
    return fb


def check(ref: str, answer: Any = None) -> Feedback:
    """Check an answer to a question, e.g. ``check("ex00.q1", q1)``.

    With no answer (``None``), the answer chosen in the question's widget is checked.
    """
    quiz, qid = _resolve(ref)
    st, via = quiz.st(qid), "code"
    if answer is None and st.via == "widget":
        answer, via = st.answer, "widget"
    return _check(quiz, qid, answer, via)


def _check(quiz: Quiz, qid: str, answer: Any, via: str) -> Feedback:
    st, outcome, error = _record(quiz, qid, answer, via)
    return _feedback(quiz, qid, st, outcome, error)


def hint(ref: str) -> Feedback:
    """Show the next hint for a question."""
    quiz, qid = _resolve(ref)
    st, hints = quiz.st(qid), quiz.q(qid).get("hints", [])
    if not hints:
        return Feedback(ref, "unanswered", "This question has no hint.")
    st.hints_shown = min(st.hints_shown + 1, len(hints))
    return Feedback(ref, "unanswered", f"Hint {st.hints_shown} of {len(hints)}.", [hints[st.hints_shown - 1]])


def give_up(ref: str) -> Feedback:
    """Show the explanation and its source without answering (the question earns no self-check point)."""
    quiz, qid = _resolve(ref)
    st = quiz.st(qid)
    st.revealed = True
    explanation, source = quiz.explanation(qid)
    return Feedback(ref, "revealed", "Here is the explanation.", [], explanation, source)


# ------------------------------------------------------------------------ summary
@dataclass
class Summary:
    """The score so far, per question and in total."""

    title: str
    rows: list[tuple[str, str, float, float, int]]

    @property
    def total(self) -> tuple[float, float]:
        return sum(r[2] for r in self.rows), sum(r[3] for r in self.rows)

    def __repr__(self) -> str:
        got, out_of = self.total
        lines = [f"{self.title}: {got:g} of {out_of:g} points so far"]
        lines += [f"  {q}: {status} ({pts:g}/{mx:g}, {n} check{'s' if n != 1 else ''})" for q, status, pts, mx, n in self.rows]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        got, out_of = self.total
        head = "<tr><th>Question</th><th>Status</th><th>Points</th><th>Checks</th></tr>"
        body = "".join(f"<tr><td>{q}</td><td>{_ICONS.get(s, '')} {s}</td><td>{p:g} / {m:g}</td><td>{n}</td></tr>"
                       for q, s, p, m, n in self.rows)
        return (f"<table><caption>{html.escape(self.title)}: <b>{got:g} of {out_of:g}</b> points so far</caption>"
                f"{head}{body}</table>")


def summary(exercise: str | None = None) -> Summary:
    """The score so far in this notebook: per question and in total."""
    if exercise is None:
        if len(_QUIZZES) != 1:
            raise R2PKitError("Say which exercise, e.g. summary('ex00').")
        quiz = next(iter(_QUIZZES.values()))
    else:
        quiz = _quiz(exercise)
    rows = []
    for qid, data in quiz.questions.items():
        st = quiz.st(qid)
        o = st.outcome
        status = o.status if o else ("revealed" if st.revealed else "unanswered")
        rows.append((qid, status, o.points if o else 0.0, float(data["points"]), st.attempts))
    return Summary(f"{quiz.id} — {quiz.title}", rows)


# ------------------------------------------------------------- for the grader
def restore_answers(saved: Any) -> None:
    """Give widgets the answers saved in a submitted notebook (see :func:`r2pkit.exercises.protocol.restore`)."""
    _SAVED.clear()
    if not isinstance(saved, dict):
        return
    for eid, answers in saved.items():
        if not isinstance(answers, dict):
            continue
        for qid, value in answers.items():
            if value is not None:
                _SAVED[(str(eid), str(qid))] = value


_restore = restore_answers


def _capped(raw: Any, limit: int = 300) -> str:
    try:
        text = repr(raw)
    except Exception as exc:  # a student's object whose repr fails
        text = f"<{type(raw).__name__} whose repr failed: {type(exc).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def recorded_answers(namespace: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """The recorded answers (see :func:`r2pkit.exercises.protocol.collect`), never raising on a student's value.

    A question answered neither by check() nor by a widget falls back to the variable of
    the same name (q1, q2 …), so redefining check() changes nothing.
    """
    out: dict[str, dict[str, Any]] = {}
    for eid, quiz in list(_QUIZZES.items()):
        answers: dict[str, Any] = {}
        for qid in quiz.questions:
            st = quiz.state.get(qid, _State())
            if st.answer is not None:
                answers[qid] = {"answer": st.answer, "via": st.via}
            elif st.invalid:
                answers[qid] = {"invalid": st.invalid[:300], "via": st.via}
            elif namespace and namespace.get(qid) is not None:
                raw = namespace[qid]
                try:
                    answer, _ = self_check(quiz.q(qid), quiz.salt, raw)
                    answers[qid] = {"answer": answer, "via": "code"}
                except AnswerError:
                    answers[qid] = {"invalid": _capped(raw), "via": "code"}
                except Exception as exc:  # whatever a student's object raises, it is an answer of the wrong form
                    answers[qid] = {"invalid": f"{_capped(raw, 250)} ({type(exc).__name__})", "via": "code"}
        out[eid] = answers
    return out


def _export(namespace: dict[str, Any] | None = None) -> str:
    return json.dumps(recorded_answers(namespace), default=str)

"""A grading view in a notebook: one question's answers across the class, one at a time.

``GradingView(...)`` shows each answer (a code instead of the student's name, in the same
stable random order as ``r2pkit seminar handgrade export``), the question's prompt and
the grader's points; the instructor sets the points — by ticking rubric items when the
question has a rubric (items with points and a comment), or in a number box — writes a
comment, and presses **Save and next**. Each save is written at once to the overrides
file (the instructor's own, which a regrade never touches), so closing the notebook loses
nothing, and opening the view again shows what was saved.

It is a thin layer over :mod:`~r2pkit.seminar.handgrade` (the order, the codes) and
:func:`~r2pkit.seminar.gradebook.add_override` (the saving). It is operated with the
keyboard alone: Tab moves between the controls in reading order, Space ticks a rubric
item, Enter presses the focused button.

    from r2pkit.seminar.grading_view import GradingView
    GradingView(["grades/week3.json"], "roster.csv", "overrides.csv", "week3", "q7", key="week3.yaml")
"""
from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import R2PKitError
from .feedback import answer_text, markdown_html
from .gradebook import Override, add_override, build, read_overrides
from .handgrade import code, order_key, secret_for
from .results import load_results
from .roster import read_roster

__all__ = ["GradingView", "queue"]


def queue(book: Any, exercise: str, question: str, secret: bytes, key: Any = None) -> list[dict[str, Any]]:
    """The answers to grade, in the stable random order, each with its code and what is saved so far."""
    rows = book.questions[(book.questions["exercise"] == exercise) & (book.questions["question"] == question)
                          & (book.questions["status"] != "missing")]
    if rows.empty:
        raise R2PKitError(f"No answers to question {question} of {exercise} in these results.")
    kq = next((q for q in key.questions if q.id == question), None) if key is not None else None
    items = []
    for r in sorted(rows.itertuples(index=False), key=lambda r: order_key(exercise, question, r.student_id)):
        sub = book.submissions.get(r.submission)
        got = next((q for q in sub.questions if q.question == question), None) if sub else None
        items.append({"student_id": r.student_id, "code": code(secret, r.student_id),
                      "answer": answer_text(got.answer if got else None, kq), "status": r.status,
                      "grader_points": float(r.grader_points), "points": float(r.points),
                      "max_points": float(r.max_points), "reason": r.override_reason})
    return items


class GradingView:
    """The widget (see the module's docstring); ``.widget`` is what the notebook shows."""

    def __init__(self, results: Sequence[str | Path], roster: str | Path, overrides: str | Path, exercise: str,
                 question: str, key: str | Path | None = None) -> None:
        import ipywidgets as w

        from ..exercises.source import load_source

        self.overrides, self.exercise, self.question = Path(overrides), exercise, question
        self.key = load_source(key) if key else None
        submissions, _ = load_results(results)
        book = build(submissions, read_roster(roster), read_overrides(self.overrides))
        self.items = queue(book, exercise, question, secret_for(self.overrides), self.key)
        self.kq = next((q for q in self.key.questions if q.id == question), None) if self.key else None
        self.rubric = list(getattr(self.kq, "rubric", ()) or ())
        self.index = 0
        self.title = w.HTML()
        prompt = markdown_html(self.kq.prompt) if self.kq is not None else ""
        self.prompt = w.HTML(f"<div>{prompt}</div>")
        self.answer = w.HTML()
        self.boxes = [w.Checkbox(description=f"{_item(i)[0]:+g}: {_item(i)[1]}", indent=False,
                                 layout=w.Layout(width="auto")) for i in self.rubric]
        self.points = w.BoundedFloatText(min=0, max=1, step=0.5, description="Points",
                                         style={"description_width": "initial"})
        self.comment = w.Textarea(description="Comment", placeholder="What the student should read",
                                  layout=w.Layout(width="100%", height="5em"), style={"description_width": "initial"})
        self.back = w.Button(description="◀ Previous", tooltip="The previous answer (nothing is saved)")
        self.save = w.Button(description="Save and next ▶", button_style="primary",
                             tooltip="Save these points and this comment, then show the next answer")
        self.skip = w.Button(description="Skip ▶", tooltip="The next answer (nothing is saved)")
        self.status = w.HTML()
        for box in self.boxes:
            box.observe(lambda _: self._from_rubric(), "value")
        self.back.on_click(lambda _: self.show(self.index - 1))
        self.skip.on_click(lambda _: self.show(self.index + 1))
        self.save.on_click(lambda _: self.save_current())
        self.widget = w.VBox([self.title, self.prompt, self.answer, *self.boxes, self.points, self.comment,
                              w.HBox([self.back, self.save, self.skip]), self.status])
        self.show(0)

    def _from_rubric(self) -> None:
        if self.boxes:
            total = sum(_item(i)[0] for i, b in zip(self.rubric, self.boxes) if b.value)
            self.points.value = max(0.0, min(self.points.max, total))

    def show(self, index: int) -> None:
        """Show the answer at ``index`` (kept within the queue)."""
        self.index = max(0, min(len(self.items) - 1, index))
        it = self.items[self.index]
        graded = sum(1 for x in self.items if x["reason"])
        self.title.value = (f"<h3>{html.escape(self.exercise)} {html.escape(self.question)}: answer "
                            f"{self.index + 1} of {len(self.items)} (student {it['code']}; {graded} graded by hand)</h3>")
        self.answer.value = (f'<div style="white-space:pre-wrap;border-left:4px solid #0072B2;padding:.4em;'
                             f'background:#f3f3f3">{html.escape(it["answer"])}</div>'
                             f"<p>The grader: {html.escape(it['status'])}, {it['grader_points']:g} of "
                             f"{it['max_points']:g}.</p>")
        for box in self.boxes:
            box.value = False
        self.points.max = it["max_points"]
        self.points.value = it["points"]
        comment = it["reason"][len("graded by hand: "):] if it["reason"].startswith("graded by hand: ") else ""
        self.comment.value = comment
        self.status.value = f"<p>Saved before: {html.escape(it['reason'])}</p>" if it["reason"] else ""

    def save_current(self) -> None:
        """Write the shown answer's points and comment to the overrides file at once, then go on."""
        it = self.items[self.index]
        reason = "graded by hand" + (f": {self.comment.value.strip()}" if self.comment.value.strip() else "")
        add_override(self.overrides, Override(it["student_id"], self.exercise, self.question,
                                              float(self.points.value), reason))
        it["points"], it["reason"] = float(self.points.value), reason
        last = self.index == len(self.items) - 1
        self.show(self.index + 1)
        self.status.value = (f"<p>Saved {it['code']}: {it['points']:g} point(s).</p>"
                             + ("<p>That was the last answer.</p>" if last else ""))

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def _item(item: Any) -> tuple[float, str]:
    """A rubric item's points and comment, whether a mapping or an object."""
    if isinstance(item, dict):
        return float(item.get("points", 0)), str(item.get("comment", item.get("text", "")))
    return float(getattr(item, "points", 0)), str(getattr(item, "comment", getattr(item, "text", "")))

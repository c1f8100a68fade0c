"""A grading view in a notebook: one question's answers across the class, one at a time.

``GradingView(...)`` shows each answer (a code instead of the student's name, in the same
stable random order as ``r2pkit seminar handgrade export``), the question's prompt and
the grader's points; the instructor sets the points — by ticking rubric items when the
question has a rubric (a written question's items, each with points and a comment), or in
a number box — writes a comment, and moves on. Every change is written at once to the
overrides file (the instructor's own, which a regrade never touches): closing the notebook
loses nothing, and opening the view again shows what was saved, rubric ticks included.
The reason saved with the points lists the rubric items ticked, so the student's feedback
page shows what earned each point.

It is a thin layer over :mod:`~r2pkit.seminar.handgrade` (the order, the codes) and
:func:`~r2pkit.seminar.gradebook.add_override` (the saving).

**Keyboard.** Tab moves between the controls in reading order, Space ticks a rubric item,
Enter presses the focused button. With the focus anywhere in the view but the comment or
points box, single keys work it (:data:`SHORTCUTS`): **1**–**9** tick or untick rubric item
1–9, **j** or **n** saves and shows the next answer, **k** or **p** saves and shows the
previous one, **s** saves, **c** puts the cursor in the comment box (**Esc** leaves it),
**?** lists the keys. A small front-end piece (:class:`GradingKeys`) sends those keys to
the kernel and keeps them from JupyterLab's own shortcuts, as the exercises' widgets do.

    from r2pkit.seminar.grading_view import GradingView
    GradingView(["grades/week3.json"], "roster.csv", "overrides.csv", "week3", "q7", key="week3.yaml")
"""
from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from ..errors import R2PKitError
from .feedback import answer_text, markdown_html
from .gradebook import Override, add_override, build, read_overrides
from .handgrade import FULL_ANSWER, code, order_key, rubric_items, rubric_reason, secret_for, ticked_in
from .results import load_results
from .roster import read_roster

__all__ = ["GradingView", "GradingKeys", "SHORTCUTS", "queue"]

#: The view's single-key shortcuts (with the focus in the view, not in a text box).
SHORTCUTS = {
    "1 … 9": "tick or untick rubric item 1 … 9 (saved at once)",
    "j, n": "save, then the next answer",
    "k, p": "save, then the previous answer",
    "s": "save the points and the comment shown",
    "c": "write a comment (Esc leaves the comment box)",
    "?": "show these keys",
}


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
                      "answer": answer_text(got.answer if got else None, kq, limit=FULL_ANSWER), "status": r.status,
                      "grader_points": float(r.grader_points), "points": float(r.points),
                      "max_points": float(r.max_points), "reason": r.override_reason})
    return items


_ESM = r"""
function render({ model, el }) {
  el.style.display = "none";
  const KEYS = new Set(["1","2","3","4","5","6","7","8","9","j","n","k","p","s","c","?"]);
  const typing = (t) => t && t.closest && t.closest("textarea, input[type=text], input[type=number]");
  const mark = (tries) => {
    const box = el.closest(".r2p-grading");
    if (!box) { if (tries > 0) requestAnimationFrame(() => mark(tries - 1)); return; }
    if (box.dataset.r2pKeys) return;
    box.dataset.r2pKeys = "1";
    box.setAttribute("data-lm-suppress-shortcuts", "true");  // JupyterLab's own keys stay off in the view
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", model.get("label"));
    box.tabIndex = 0;
    // In the capture phase: ipywidgets' text boxes stop their keys from bubbling (so that typing
    // works none of JupyterLab's shortcuts), and Esc would never reach a listener on the view.
    box.addEventListener("keydown", (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (typing(e.target)) {
        if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); e.target.blur(); box.focus(); }
        return;  // every other key is the text box's own
      }
      if (!KEYS.has(e.key)) return;
      e.preventDefault();
      e.stopPropagation();
      if (e.key === "c") {
        const comment = box.querySelector(".r2p-comment textarea");
        if (comment) comment.focus();
        return;
      }
      model.send({ key: e.key });
    }, true);
    box.addEventListener("mousedown", (e) => {
      if (e.target.closest && e.target.closest("input, button, textarea, label, select")) e.stopPropagation();
    });
  };
  mark(600);
}
export default { render };
"""


class GradingKeys(anywidget.AnyWidget):
    """Invisible: sends the grading view's single-key shortcuts to the kernel."""

    _esm = _ESM
    label = traitlets.Unicode("Grading view").tag(sync=True)

    def __repr__(self) -> str:
        return "GradingKeys()"


class GradingView:
    """The widget (see the module's docstring); ``.widget`` is what the notebook shows."""

    def __init__(self, results: Sequence[str | Path], roster: str | Path, overrides: str | Path, exercise: str,
                 question: str, key: str | Path | None = None) -> None:
        import ipywidgets as w

        from ..exercises.source import load_source

        self.overrides, self.exercise, self.question = Path(overrides), exercise, question
        self.key = load_source(key) if key else None
        if self.key is None:
            from .feedback import load_keys

            self.key = load_keys(wanted=[exercise]).get(exercise)
        submissions, _ = load_results(results)
        book = build(submissions, read_roster(roster), read_overrides(self.overrides))
        self.items = queue(book, exercise, question, secret_for(self.overrides), self.key)
        self.kq = next((q for q in self.key.questions if q.id == question), None) if self.key else None
        self.rubric = rubric_items(self.kq)
        self.index = 0
        self._showing = False
        self.title = w.HTML()
        prompt = markdown_html(self.kq.prompt) if self.kq is not None else ""
        self.prompt = w.HTML(f"<div>{prompt}</div>")
        self.answer = w.HTML()
        self.boxes = [w.Checkbox(description=f"{n}. {points:+g}: {comment}", indent=False,
                                 layout=w.Layout(width="auto"))
                      for n, (points, comment) in enumerate(self.rubric, 1)]
        self.points = w.BoundedFloatText(min=0, max=1, step=0.5, description="Points",
                                         style={"description_width": "initial"})
        self.comment = w.Textarea(description="Comment", placeholder="What the student should read",
                                  layout=w.Layout(width="100%", height="5em"), style={"description_width": "initial"})
        self.comment.add_class("r2p-comment")
        self.back = w.Button(description="◀ Previous", tooltip="Save, then the previous answer (k)")
        self.save = w.Button(description="Save and next ▶", button_style="primary",
                             tooltip="Save these points and this comment, then show the next answer (j)")
        self.skip = w.Button(description="Skip ▶", tooltip="The next answer (nothing is saved)")
        self.status = w.HTML()
        self.keys_text = ("<p role='status'>Keys (with the focus in this view, not in a text box): "
                          + "; ".join(f"<kbd>{html.escape(k)}</kbd> {html.escape(v)}" for k, v in SHORTCUTS.items())
                          + ".</p>")
        self.help = w.HTML("<p><small>Keys: <kbd>1</kbd>–<kbd>9</kbd> tick, <kbd>j</kbd> save and next, "
                           "<kbd>k</kbd> save and previous, <kbd>s</kbd> save, <kbd>c</kbd> comment, "
                           "<kbd>?</kbd> all keys.</small></p>")
        self.keys = GradingKeys(label=f"Grading {exercise} {question} by hand")
        self.keys.on_msg(lambda _w, content, _b: self.press(str((content or {}).get("key", ""))))
        for box in self.boxes:
            box.observe(lambda _: self._from_rubric(), "value")
        self.back.on_click(lambda _: self.go(-1))
        self.skip.on_click(lambda _: self.show(self.index + 1))
        self.save.on_click(lambda _: self.save_current())
        self.widget = w.VBox([self.title, self.prompt, self.answer, *self.boxes, self.points, self.comment,
                              w.HBox([self.back, self.save, self.skip]), self.status, self.help, self.keys])
        self.widget.add_class("r2p-grading")
        self.show(0)

    # ------------------------------------------------------------ state
    def _from_rubric(self) -> None:
        if self.boxes and not self._showing:
            total = sum(points for (points, _), b in zip(self.rubric, self.boxes) if b.value)
            self.points.value = max(0.0, min(self.points.max, total))
            self.save_current(advance=False)

    def _reason(self) -> str:
        ticked = [i for i, b in enumerate(self.boxes) if b.value]
        return rubric_reason(self.rubric, ticked, self.comment.value)

    def show(self, index: int) -> None:
        """Show the answer at ``index`` (kept within the queue)."""
        self.index = max(0, min(len(self.items) - 1, index))
        it = self.items[self.index]
        self._title()
        self.answer.value = (f'<div style="white-space:pre-wrap;border-left:4px solid #0072B2;padding:.4em;'
                             f'background:#f3f3f3">{html.escape(it["answer"])}</div>'
                             f"<p>The grader: {html.escape(it['status'])}, {it['grader_points']:g} of "
                             f"{it['max_points']:g}.</p>")
        self._showing = True
        try:
            ticks, comment = ticked_in(self.rubric, it["reason"])
            for i, box in enumerate(self.boxes):
                box.value = i in ticks
            self.points.max = it["max_points"]
            self.points.value = it["points"]
            self.comment.value = comment
        finally:
            self._showing = False
        self.status.value = f"<p>Saved before: {html.escape(it['reason'])}</p>" if it["reason"] else ""

    def _title(self) -> None:
        it = self.items[self.index]
        graded = sum(1 for x in self.items if x["reason"])
        self.title.value = (f"<h3>{html.escape(self.exercise)} {html.escape(self.question)}: answer "
                            f"{self.index + 1} of {len(self.items)} (student {it['code']}; {graded} graded by hand)</h3>")

    def _changed(self) -> bool:
        it = self.items[self.index]
        ticks, comment = ticked_in(self.rubric, it["reason"])
        return (float(self.points.value) != it["points"] or comment != self.comment.value.strip()
                or ticks != {i for i, b in enumerate(self.boxes) if b.value})

    def save_current(self, advance: bool = True) -> None:
        """Write the shown answer's points and comment to the overrides file at once (if anything
        changed, or on the button), then show the next answer unless ``advance`` is False."""
        it = self.items[self.index]
        reason = self._reason()
        add_override(self.overrides, Override(it["student_id"], self.exercise, self.question,
                                              float(self.points.value), reason))
        it["points"], it["reason"] = float(self.points.value), reason
        last = self.index == len(self.items) - 1
        if advance:
            self.show(self.index + 1)
        else:
            self._title()  # the count of answers graded
        self.status.value = (f"<p role='status'>Saved {it['code']}: {it['points']:g} point(s).</p>"
                             + ("<p>That was the last answer.</p>" if last and advance else ""))

    def go(self, step: int) -> None:
        """Save the shown answer if it changed, then move ``step`` answers on (or back)."""
        if self._changed():
            self.save_current(advance=False)
        saved = self.status.value
        self.show(self.index + step)
        if saved.startswith("<p role='status'>"):
            self.status.value = saved

    def press(self, key: str) -> None:
        """What a single-key shortcut does (see :data:`SHORTCUTS`); the front end sends the keys here."""
        if key.isdigit() and 1 <= int(key) <= len(self.boxes):
            box = self.boxes[int(key) - 1]
            box.value = not box.value
        elif key in ("j", "n"):
            self.go(+1)
        elif key in ("k", "p"):
            self.go(-1)
        elif key == "s":
            self.save_current(advance=False)
        elif key == "?":
            self.status.value = self.keys_text

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

"""The *written* kind: an answer of a paragraph or more, graded by hand with a rubric.

Law is taught through written argument. A written question asks for a paragraph (apply
Hakimi's duties to a case, say); the author writes, in the exercise source, a
``model_answer`` and a ``rubric``: items with points and a comment each, whose points add
up to the question's (``points`` may be left out: it is then the rubric's total)::

    - id: q11
      kind: written
      prompt: Apply Hakimi's duty to protect to ...
      length: one paragraph (120–200 words)       # optional, shown to students
      model_answer: |
        ...
      rubric:
        - {points: 2, comment: Names the relationship that grounds the duty (p. 269).}
        - {points: 1, comment: Says what the duty requires and what remains open.}
      explanation: ...
      source: Hakimi 2014, pp. 269–275
      cell: markdown                               # optional: answer in a Markdown cell, not a box

The student writes in a text box (or in code, as a string); or, with ``cell: markdown``, in
a Markdown cell of its own under the question (its first line a placeholder to replace),
which suits a long answer with paragraphs, lists and emphasis: the notebook file saves the
cell, and the grader reads the answer from it (:func:`markdown_answer`). Either way the answer is saved with the
notebook like every other answer, and never scored beyond *answered*: the grader reports
it as waiting for the instructor (0 points until a hand score is entered, through the
grading view or the hand-grading spreadsheet, which show the rubric as checkboxes). The
model answer and the rubric are in the key only; a practice version seals them with the
explanation, shown when the student asks for it after a first check; an assessed version
holds neither.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import register
from .base import Kind, show

__all__ = ["Written", "RubricItem", "rubric", "MAX_CHARS", "words", "PLACEHOLDER", "markdown_answer", "in_markdown"]

MAX_CHARS = 20_000  # about 3,000 words: longer is not a seminar answer (and would swell the notebook)
#: The first line of a Markdown answer cell as handed out; it is never part of the answer.
PLACEHOLDER = "*Write your answer here, in place of this line (double-click to edit; Shift + Enter shows it).*"


def in_markdown(q: Any) -> bool:
    """Whether the question is answered in a Markdown cell (``cell: markdown``) rather than a box."""
    return (getattr(q, "extra", None) or {}).get("cell") == "markdown"


def markdown_answer(source: Any) -> str | None:
    r"""The answer a Markdown answer cell holds: its text without the placeholder; None when empty.

    >>> markdown_answer(PLACEHOLDER) is None
    True
    >>> markdown_answer(PLACEHOLDER + "\n\nThe occupier **governs**.\n")
    'The occupier **governs**.'
    >>> markdown_answer(["First.\n", "Second."])
    'First.\nSecond.'
    """
    text = "".join(source) if isinstance(source, list) else str(source or "")
    text = "\n".join(line for line in text.split("\n") if line.strip() != PLACEHOLDER).strip()
    return text or None


@dataclass(frozen=True)
class RubricItem:
    """One item of a rubric: the points it gives and what it rewards (shown to the student)."""

    points: float
    comment: str


def rubric(q: Any) -> tuple[RubricItem, ...]:
    """The rubric of a question (empty for a question without one)."""
    return tuple((getattr(q, "extra", None) or {}).get("rubric", ()))


def words(text: str) -> int:
    """How many words a text has.

    >>> words("The duty to protect attaches — to the occupier.")
    8
    """
    return len(re.findall(r"\w+(?:[-'’]\w+)*", str(text)))


def _block(text: str) -> str:
    """A text as a Python literal a reader can read: triple quotes where they fit."""
    if '"""' not in text and not text.endswith('"') and "\\" not in text:
        return f'"""{text}"""'
    return repr(text)


@register
class Written(Kind):
    name = "written"
    head = "a written answer, graded by hand"
    words = "write your answer"
    wants = "a written answer (text)"
    example = '"""Your paragraph."""'
    needs = ("model_answer", "rubric")
    fields = ("model_answer", "rubric", "length", "cell")
    auto_scored = False

    # ------------------------------------------------------------ the source
    def parse(self, raw: Mapping[str, Any], args: dict[str, Any], src: Any) -> dict[str, Any]:
        if "answer" in raw:
            raise src.fail("a written question's key is its 'model_answer' and 'rubric'; do not write 'answer'.")
        model = src.text(raw, "model_answer").strip()
        if not model:
            raise src.fail("'model_answer' (the answer you would give full marks) is required.")
        items = raw.get("rubric")
        example = "[{points: 2, comment: Names the relationship that grounds the duty.}]"
        if not isinstance(items, list) or not items:
            raise src.fail(f"'rubric' is a list of items, each with points and a comment, e.g. {example}.")
        found = []
        for i, item in enumerate(items, 1):
            if not isinstance(item, dict) or set(item) - {"points", "comment"} or "comment" not in item:
                raise src.fail(f"rubric item {i} must have 'points' and 'comment' only, e.g. {example} "
                               f"(got {src.quote(item)}).")
            comment = src.text(item, "comment").strip()
            if not comment:
                raise src.fail(f"rubric item {i} needs a comment: what it rewards, as the student will read it.")
            points = src.number(item.get("points"), f"rubric item {i}'s points", lo=0, lo_open=True)
            found.append(RubricItem(float(points), comment))
        total = sum(item.points for item in found)
        if "points" not in raw:
            args["points"] = total
        elif not math.isclose(total, float(args["points"])):
            raise src.fail(f"the rubric's points add up to {total:g}, but the question is worth {args['points']:g}: "
                           "make them agree (or leave 'points' out: it is then the rubric's total).")
        args["extra"] = {"model_answer": model, "rubric": tuple(found)}
        length = src.text(raw, "length").strip()
        if length:
            args["extra"]["length"] = length
        cell = src.text(raw, "cell").strip() or "box"
        if cell not in ("box", "markdown"):
            raise src.fail(f"'cell' is where students write: 'box' (a text box, the default) or 'markdown' "
                           f"(a Markdown cell of its own); got {src.quote(cell)}.")
        if cell == "markdown":
            args["extra"]["cell"] = cell
        args["answer"] = self.normalise(Question_like(args), model)
        return args

    # ------------------------------------------------------------ answers
    def normalise(self, q: Any, raw: Any) -> str:
        from ..questions import AnswerError

        if not isinstance(raw, str):
            raise AnswerError(f"{q.id} takes a written answer, as text (in the box, or in code between "
                              f'triple quotes: {q.id} = """Your paragraph."""); got {show(raw)}.')
        text = "\n".join(line.rstrip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip()
        if not text:
            raise AnswerError(f"{q.id} takes a written answer; this one is empty.")
        if len(text) > MAX_CHARS:
            raise AnswerError(f"{q.id}'s answer has {len(text):,} characters; the most a written answer may have "
                              f"is {MAX_CHARS:,}. Shorten it.")
        return text

    def slots(self, q: Any, answer: Any) -> dict[str, str]:
        return {}

    def key_slots(self, q: Any) -> dict[str, list[str]]:
        return {}

    def describe(self, q: Any, answer: Any) -> str:
        text = " ".join(str(answer).split())
        n = words(text)
        return f"\u201c{text[:80]}{'…' if len(text) > 80 else ''}\u201d ({n} word{'s' if n != 1 else ''})"

    # ------------------------------------------------------------ the notebook
    def rule(self, q: Any) -> str:
        length = (q.extra or {}).get("length", "")
        if in_markdown(q):
            return ("\n\n**How to answer.** Write your answer in the Markdown cell under this question"
                    + (f" ({length})" if length else "")
                    + ", in place of its first line: double-click the cell (or select it and press Enter) to "
                      "write, Shift + Enter to see it formatted. Save the notebook (Ctrl + S): your instructor "
                      "grades the answer saved in the file, by hand, with a rubric. It is not scored by the kit.")
        return ("\n\n**How to answer.** Write your answer in the box under this question"
                + (f" ({length})" if length else "")
                + "; it is saved with the notebook as you write. It is not scored by the kit: it is graded by "
                  "hand, with a rubric.")

    def literal(self, q: Any) -> str:
        return _block(q.extra["model_answer"])

    def has_widget(self, q: Any) -> bool:
        return not in_markdown(q)

    def answer_markdown(self, q: Any, solution: bool) -> str | None:
        """The Markdown answer cell's text as built (None: the question has a box and a code cell)."""
        if not in_markdown(q):
            return None
        return q.extra["model_answer"] if solution else PLACEHOLDER

    def widget(self, q: Any) -> Any:
        import ipywidgets as widgets

        length = (q.extra or {}).get("length", "")
        box = widgets.Textarea(value="", placeholder="Write your answer here" + (f" ({length})" if length else ""),
                               description="Your answer", rows=10, continuous_update=True,
                               style={"description_width": "initial"},
                               layout=widgets.Layout(width="100%", min_height="12em"))
        return [box], lambda: box.value.strip() or None, lambda v: setattr(box, "value", "" if v is None else str(v))

    # ------------------------------------------------------------ public files
    def public(self, q: Any, mode: str) -> dict[str, Any]:
        extra = q.extra or {}
        return {k: extra[k] for k in ("length", "cell") if extra.get(k)}

    def from_public(self, data: Mapping[str, Any]) -> dict[str, Any]:
        found = {"length": str(data["length"])} if data.get("length") else {}
        if data.get("cell") == "markdown":
            found["cell"] = "markdown"
        return found

    def explanation(self, q: Any) -> str:
        """A practice version shows the model answer and the rubric with the explanation, on request."""
        items = "\n".join(f"- {item.comment} ({item.points:g} point{'s' if item.points != 1 else ''})"
                          for item in rubric(q))
        return (f"{q.explanation}\n\nA model answer: {q.extra['model_answer']}\n\n"
                f"The rubric your instructor grades with:\n{items}")


class Question_like:  # noqa: N801 - a stand-in for the question being parsed (its id is all normalise needs)
    def __init__(self, args: Mapping[str, Any]) -> None:
        self.id = args["id"]

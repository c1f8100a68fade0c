"""The protocol of a question kind, with the defaults most kinds keep, and the helpers they share.

A kind is a class with a ``name`` and the methods below; the registry
(:mod:`r2pkit.exercises.kinds`) holds one instance of each. Every method takes the
question (a :class:`~r2pkit.exercises.questions.Question`) it works on, so a kind keeps
no state. Only what differs from the defaults needs writing: a new all-or-nothing kind
with a text box is a ``name``, a ``normalise`` and its words.

The stages, in the order an answer meets them:

- **source** — :attr:`Kind.needs` (fields the author must write), :attr:`Kind.fields`
  (fields only this kind takes, kept in ``Question.extra``) and :meth:`Kind.parse` (the
  key, checked: it must be a valid answer to its own question);
- **notebook** — :meth:`Kind.title`, :meth:`Kind.rule`, :meth:`Kind.answer_cell` (the
  code cell under the widget) and :meth:`Kind.widget` (the inputs, a reader, a setter);
- **public files** — :meth:`Kind.public` (what a practice or assessed file may show
  besides the shared fields; never the key) and :meth:`Kind.explanation` (the text sealed
  until the student asks for it);
- **scoring** — :meth:`Kind.normalise` (a raw answer in canonical form, or
  :class:`~r2pkit.exercises.questions.AnswerError` saying what is allowed),
  :meth:`Kind.slots` and :meth:`Kind.key_slots` (what is compared, and hashed for
  self-check), :meth:`Kind.fraction` (the partial-credit rule) and :meth:`Kind.detail`
  (one line on a partly right answer); a kind with ``auto_scored = False`` is never scored
  beyond "answered" (a written answer waits for the instructor);
- **words** — :meth:`Kind.describe`, the answer as a student reads it back.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["Kind", "label", "show", "choice", "many", "plain"]


def show(raw: Any) -> str:
    """A short, safe picture of an answer for a message (a whole table would drown it).

    >>> show("b"), show("x" * 200)[:6]
    ("'b'", "str 'x")
    """
    text = repr(raw)
    return text if len(text) <= 80 else f"{type(raw).__name__} {text[:60].splitlines()[0]}…"


def label(text: str) -> str:
    """A text written in Markdown, as a widget label shows it: widgets print labels as they
    are, so `code` and **bold** would show their backticks and asterisks.

    >>> label("A `source` column, **filled in** on every row")
    'A source column, filled in on every row'
    """
    text = re.sub(r"`([^`]*)`", r"\1", str(text))
    return re.sub(r"\*\*([^*]+)\*\*", r"\1", text)


plain = label  # the same folding, for an answer read back in words


def choice(q: Any, raw: Any, choices: Mapping[str, str], what: str) -> str:
    """The letter of one of ``choices`` that ``raw`` names (by letter or by text, folded)."""
    from ..questions import AnswerError, normalise_text

    if isinstance(raw, str):
        if raw in choices:
            return raw
        folded = normalise_text(raw)
        for key, text in choices.items():
            if folded in (normalise_text(key), normalise_text(text)):
                return key
    listed = "; ".join(f"{k}) {v}" for k, v in choices.items())
    raise AnswerError(f"{show(raw)} is not one of the {what} of {q.id}. Give the letter of one of: {listed}.")


def many(raw: Any) -> list[Any]:
    """Several choices: a list, or a text with commas, semicolons or spaces (TypeError otherwise)."""
    if isinstance(raw, str):
        return [p for p in re.split(r"[,;]\s*|\s+", raw.strip()) if p]
    if isinstance(raw, Mapping) or not isinstance(raw, Iterable):
        raise TypeError
    return list(raw)


class Kind:
    """One kind of question (see the module's docstring); subclass it and :func:`register` it."""

    #: The ``kind:`` an author writes, and the public files carry.
    name = ""
    #: The question's header in the built notebook ("choose one answer").
    head = ""
    #: The widget's few words ("choose one"), in its text form.
    words = ""
    #: What an answer looks like, for messages ("one letter").
    wants = "an answer"
    #: An answer typed in code, shown in the built notebook's answer cell.
    example = '"your answer"'
    #: The partial-credit rule shown under the question ("" for all or nothing).
    rule_text = ""
    #: Source fields the author must write for this kind.
    needs: tuple[str, ...] = ()
    #: Source fields only this kind takes (beyond the shared ones); kept in ``Question.extra``.
    fields: tuple[str, ...] = ()
    #: False for a kind a machine does not score (its answers wait for the instructor).
    auto_scored = True
    #: The kind's own name when it refines another kind (the scenario refines "framework").
    variant = ""
    #: Who the kind's own ``fields`` belong to, for the message when another kind uses them.
    belongs = ""

    # ------------------------------------------------------------ which kind
    def claims(self, q: Any) -> bool:
        """Whether this kind handles ``q`` (a refinement of another kind of the same name says no to
        the questions it does not refine)."""
        return True

    def claims_source(self, raw: Mapping[str, Any]) -> bool:
        """The same test on a question as written in the source."""
        return True

    # ------------------------------------------------------------ the source
    def parse(self, raw: Mapping[str, Any], args: dict[str, Any], src: Any) -> dict[str, Any]:
        """The question's remaining fields (the key above all) from the source, checked.

        ``args`` holds the shared fields already read; ``src`` offers ``fail(message)`` (an
        error that names the file and question), ``answer(draft, value, what)`` (a value
        normalised as an answer to the question drafted so far) and ``run_solution(code)``.
        """
        if "answer" not in raw:
            raise src.fail("'answer' (the key) is required.")
        args["answer"] = src.answer(args, raw["answer"])
        if args["answer"] is None:
            raise src.fail("'answer' must not be empty.")
        return args

    # ------------------------------------------------------------ scoring
    def normalise(self, q: Any, raw: Any) -> Any:
        """A raw answer (never None) in canonical form, or AnswerError saying what is allowed."""
        raise NotImplementedError

    def wants_for(self, q: Any) -> str:
        return self.wants

    def slots(self, q: Any, answer: Any) -> dict[str, str]:
        """The canonical answer as slot -> value; each slot is judged on its own."""
        return {"answer": str(answer)}

    def key_slots(self, q: Any) -> dict[str, list[str]]:
        """The accepted values of every slot, from the key."""
        return {slot: [value] for slot, value in self.slots(q, q.answer).items()}

    def fraction(self, q: Any, right: Mapping[str, bool], answer: Any) -> float:
        """The share of the points earned, given which slots are right (default: all or nothing)."""
        return 1.0 if all(right.values()) else 0.0

    def detail(self, q: Any, answer: Any, right: Mapping[str, bool], share: float) -> str:
        """A line on a partly right answer ("" for none)."""
        return ""

    # ------------------------------------------------------------ words
    def describe(self, q: Any, answer: Any) -> str:
        """A canonical answer in words, as a student reads it back (never as Python)."""
        return plain(str(answer))[:200]

    def kind_words(self, q: Any) -> str:
        return self.words or self.name

    # ------------------------------------------------------------ the notebook
    def title(self, q: Any) -> str:
        return self.head

    def rule(self, q: Any) -> str:
        """What follows the prompt in the question's cell: how to answer, how it is scored."""
        return f"\n\n*{self.rule_text}*" if self.rule_text else ""

    def literal(self, q: Any) -> str:
        """The key as Python, for the solution notebook."""
        return repr(q.answer)

    def answer_cell(self, q: Any, solution: bool) -> str:
        """The code cell's first lines (the ``check`` call follows)."""
        if solution:
            return f"{q.id} = {self.literal(q)}"
        return f"{q.id} = None  # or type your answer here, e.g. {q.id} = {self.example}"

    def has_widget(self, q: Any) -> bool:
        return True

    def answer_markdown(self, q: Any, solution: bool) -> str | None:
        """A Markdown cell students answer in, instead of the widget and the code cell (None: none)."""
        return None

    def widget(self, q: Any) -> tuple[list[Any], Callable[[], Any], Callable[[Any], None]]:
        """The input widgets, a function reading the answer from them, and one setting it."""
        import ipywidgets as widgets

        unit = f" ({q.unit})" if q.unit else ""
        text = widgets.Text(value="", placeholder="your answer" + unit, description="Answer",
                            layout=widgets.Layout(width="auto"))
        return [text], lambda: text.value.strip() or None, lambda v: setattr(text, "value", as_text(v))

    # ------------------------------------------------------------ public files
    def public(self, q: Any, mode: str) -> dict[str, Any]:
        """Fields a public file shows beyond the shared ones (``mode`` "practice" or "assessed").
        Never the key. Left out when empty, so that other questions' files stay as they were."""
        return {}

    def from_public(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """The Question fields :meth:`public` wrote, read back from a public file."""
        return {}

    def explanation(self, q: Any) -> str:
        """The text sealed in a practice file and shown after an attempt (default: the explanation)."""
        return q.explanation


def as_text(value: Any) -> str:
    """A saved answer as a text box shows it again (2.0 was typed as 2).

    >>> as_text(2.0), as_text(0.35), as_text(None), as_text("cite")
    ('2', '0.35', '', 'cite')
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)

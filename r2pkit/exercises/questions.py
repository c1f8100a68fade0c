"""Questions and how they are scored: the rules, written once, for both self-check and grading.

A question has a *kind* (single choice, multiple choice, true/false with justification,
number, short text, ordering, classification, data, framework), and each kind is one class
in the registry of :mod:`r2pkit.exercises.kinds`; this module applies whichever kind a
question has. A framework question comes in two forms: choose all that apply among
options, or *set the facts* of a scenario about an outside state, from which the duty
engine derives the four duties of Hakimi's bundle (the *scenario* kind, which lives with
the engine in :mod:`r2pkit.duties.scenario_kind`). A student's raw answer —
from a widget or a variable — is first put in a canonical form (:func:`normalise`), which
rejects answers of the wrong shape with a message that says what is allowed. The
canonical answer is then broken into *slots* (one per choice, position, item …), and the
answer is scored by how many slots are right.

The same slot rule is applied in two places:

- the batch grader compares each slot with the instructor's key (:func:`score`);
- a student's self-check compares salted hashes of the slots with the hashes stored in
  the exercise's public file (:mod:`r2pkit.exercises.sealed`), so the student notebook
  never contains the answers in plain form, and self-check and grading always agree.

Partial credit rules (stated to students in each question's header):

- multiple choice / framework with options: points × max(0, (right options chosen −
  wrong options chosen) ÷ number of right options);
- framework with a scenario: points × (duties whose outcome — attaches? breached? — the
  engine derives from the student's facts as from the key's ÷ duties graded). Only the
  outcome is compared, so any facts that lead the engine to the same duties are right,
  and the public file holds the hashes of the key's outcomes, never the key's facts;
- true/false with justification: full points for the right verdict with the right
  reason, half for the right verdict with another reason, none otherwise;
- ordering: points × (items in their right place ÷ items);
- classification: points × (items in their right category ÷ items);
- every other kind: all or nothing. A number is right when it lies within the stated
  tolerance of the key. (Numbers are compared after rounding to a quarter of the
  tolerance, so that self-check can work from hashes: an answer up to 1.25 × the
  tolerance away may also pass, never one within the tolerance fail.)
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import R2PKitError
from . import kinds

__all__ = [
    "KINDS",
    "AnswerError",
    "Question",
    "Outcome",
    "normalise",
    "slots",
    "key_slots",
    "fraction",
    "judge",
    "score",
    "normalise_text",
    "describe",
]


def __getattr__(name: str) -> Any:
    # KINDS is read from the registry when asked for: the registry's plugins (the duty
    # engine's scenario kind) import this module, so it cannot be filled in at import time.
    if name == "KINDS":
        return kinds.names()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class AnswerError(R2PKitError, ValueError):
    """An answer of the wrong shape: the message says what a valid answer looks like."""


@dataclass(frozen=True)
class Question:
    """One question of an exercise, as written by its author (the key included)."""

    id: str
    kind: str
    prompt: str
    points: float = 1.0
    options: dict[str, str] = field(default_factory=dict)  # single, multiple, framework
    justifications: dict[str, str] = field(default_factory=dict)  # truefalse
    items: dict[str, str] = field(default_factory=dict)  # ordering, classification
    categories: dict[str, str] = field(default_factory=dict)  # classification
    answer: Any = None  # the key, in canonical form
    accepted: tuple[str, ...] = ()  # text: accepted answers and synonyms
    tolerance: float = 0.0  # numeric / data number
    unit: str = ""
    answer_type: str = "number"  # data: "number" or "table"
    decimals: int = 6  # data tables: floats compared after rounding
    hints: tuple[str, ...] = ()
    feedback: dict[str, str] = field(default_factory=dict)  # per wrong option
    explanation: str = ""
    source: str = ""
    attempts: int = 3
    starter_code: str = ""  # data: what the student starts from
    solution_code: str = ""  # data: computes the answer from the kit's datasets
    facts: tuple[str, ...] = ()  # the duty engine's scenario kind: the facts the student sets
    duties: tuple[str, ...] = ()  # the duty engine's scenario kind: the duties graded (empty: all four)
    extra: Mapping[str, Any] = field(default_factory=dict)  # the fields of a kind registered later

    @property
    def kind_of(self) -> Any:
        """The question's kind (its class in :mod:`r2pkit.exercises.kinds`)."""
        return kinds.of(self)

    @property
    def is_numeric(self) -> bool:
        return self.kind == "numeric" or (self.kind == "data" and self.answer_type == "number")

    @property
    def step(self) -> float:
        """The rounding step for numbers: a quarter of the tolerance (exact when there is none)."""
        return self.tolerance / 4 if self.tolerance > 0 else 0.0


@dataclass(frozen=True)
class Outcome:
    """The result of scoring one answer."""

    status: str  # correct | partial | incorrect | unanswered | answered (a kind graded by hand)
    points: float
    max_points: float
    detail: str = ""

    @property
    def label(self) -> str:
        return {"correct": "Correct", "partial": "Partly correct", "incorrect": "Not yet",
                "unanswered": "No answer yet", "answered": "Saved for your instructor"}[self.status]


# ------------------------------------------------------------------ normalising
def normalise_text(text: str) -> str:
    """Case, accents of punctuation, spaces and punctuation folded away.

    >>> normalise_text("  The Security-Council! ")
    'the security council'
    """
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def normalise(q: Question, raw: Any) -> Any:
    """Put a raw answer in canonical form, or raise :class:`AnswerError` saying what is allowed.

    ``None`` means "no answer yet" and is returned as ``None``.

    >>> q = Question("q1", "single", "Who publishes refugee data?", options={"a": "UNHCR", "b": "World Bank"})
    >>> normalise(q, "unhcr"), normalise(q, "b")
    ('a', 'b')
    >>> normalise(q, "c")
    Traceback (most recent call last):
    ...
    r2pkit.exercises.questions.AnswerError: 'c' is not one of the options of q1. Give the letter of one of: a) UNHCR; b) World Bank.
    """
    if raw is None:
        return None
    try:
        return kinds.of(q).normalise(q, raw)
    except AnswerError:
        raise
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        # e.g. a whole column where one number was asked for, or a table with clashing column names
        raise AnswerError(f"{q.id} could not read this answer ({type(exc).__name__}: {exc}). "
                          f"It asks for {_wants(q)}.") from None


def _wants(q: Question) -> str:
    return kinds.of(q).wants_for(q)


# ------------------------------------------------------------------------ slots
def slots(q: Question, answer: Any) -> dict[str, str]:
    """The canonical answer as slot → value (each slot is judged right or wrong on its own).

    >>> q = Question("q", "multiple", "?", options={"a": "A", "b": "B", "c": "C"})
    >>> slots(q, ["a", "c"])
    {'a': '1', 'b': '0', 'c': '1'}
    """
    return kinds.of(q).slots(q, answer)


def key_slots(q: Question) -> dict[str, list[str]]:
    """The accepted values of every slot, from the key (a slot may accept several values)."""
    kind = kinds.of(q)
    return kind.key_slots(q) if kind.auto_scored else {}


def fraction(q: Question, right: Mapping[str, bool], answer: Any) -> float:
    """The share of the points earned, given which slots are right (the partial-credit rules)."""
    return kinds.of(q).fraction(q, right, answer)


def _outcome(q: Question, share: float, detail: str = "") -> Outcome:
    status = "correct" if share >= 1 - 1e-9 else ("partial" if share > 0 else "incorrect")
    return Outcome(status, round(q.points * share, 4), q.points, detail)


def judge(q: Question, answer: Any, is_right: Any) -> Outcome:
    """Score a canonical answer, with ``is_right(slot, value) -> bool`` deciding each slot.

    A kind a machine does not score (a written answer) gets "answered", 0 points for now.
    """
    if answer is None:
        return Outcome("unanswered", 0.0, q.points)
    kind = kinds.of(q)
    if not kind.auto_scored:
        return Outcome("answered", 0.0, q.points, "This answer is graded by hand.")
    right = {slot: bool(is_right(slot, value)) for slot, value in kind.slots(q, answer).items()}
    share = kind.fraction(q, right, answer)
    return _outcome(q, share, kind.detail(q, answer, right, share))


def score(q: Question, raw: Any) -> Outcome:
    """Score a raw answer against the key (what the batch grader does).

    >>> q = Question("q3", "ordering", "?", points=2, items={"a": "ICISS", "b": "Summit", "c": "Libya"},
    ...              answer=["a", "b", "c"])
    >>> score(q, ["a", "c", "b"])
    Outcome(status='partial', points=0.6667, max_points=2, detail='1 of 3 items are right.')
    >>> score(q, None).status
    'unanswered'
    """
    answer = normalise(q, raw)
    accepted = key_slots(q)
    return judge(q, answer, lambda slot, value: value in accepted.get(slot, ()))


# ---------------------------------------------------------------- in words
def describe(q: Question, answer: Any) -> str:
    """A canonical answer in words, as a student reads it back (never as Python).

    >>> q = Question("q3", "truefalse", "?", justifications={"a": "One reason", "b": "Another reason"})
    >>> describe(q, [False, "b"])
    'False, because b) Another reason'
    >>> describe(Question("q2", "multiple", "?", options={"a": "A `source` column", "b": "A note"}), ["a", "b"])
    'a) A source column; b) A note'
    >>> describe(Question("q4", "numeric", "?", unit="persons"), 4872585.0)
    '4,872,585 persons'
    >>> describe(Question("q7", "ordering", "?", items={"a": "ICISS", "b": "Summit"}), ["a", "b"])
    '1st a) ICISS, 2nd b) Summit'
    >>> describe(q, None)
    'no answer yet'
    """
    if answer is None:
        return "no answer yet"
    try:
        return kinds.of(q).describe(q, answer)
    except (TypeError, ValueError, AttributeError, IndexError, KeyError):
        pass
    return kinds.plain(str(answer))[:200]

"""Questions and how they are scored: the rules, written once, for both self-check and grading.

A question has a *kind* (single choice, multiple choice, true/false with justification,
number, short text, ordering, classification, data, framework). A framework question
comes in two forms: choose all that apply among options, or *set the facts* of a scenario
about an outside state, from which the duty engine (:mod:`r2pkit.duties`) derives the four
duties of Hakimi's bundle (a *scenario* question). A student's raw answer —
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

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import R2PKitError

__all__ = [
    "KINDS",
    "AnswerError",
    "Question",
    "Outcome",
    "normalise",
    "slots",
    "key_slots",
    "fraction",
    "score",
    "normalise_text",
    "duty_outcome",
    "scenario_detail",
    "describe",
]

KINDS = ("single", "multiple", "truefalse", "numeric", "text", "ordering", "classification", "data", "framework")


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
    facts: tuple[str, ...] = ()  # framework scenario: the facts the student sets
    duties: tuple[str, ...] = ()  # framework scenario: the duties graded (empty: all four)

    @property
    def is_scenario(self) -> bool:
        """A framework question answered by setting facts (not by choosing options)."""
        return self.kind == "framework" and bool(self.facts)

    @property
    def graded_duties(self) -> tuple[str, ...]:
        from ..duties import DUTIES

        return tuple(self.duties) or DUTIES

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

    status: str  # correct | partial | incorrect | unanswered
    points: float
    max_points: float
    detail: str = ""

    @property
    def label(self) -> str:
        return {"correct": "Correct", "partial": "Partly correct", "incorrect": "Not yet",
                "unanswered": "No answer yet"}[self.status]


# ------------------------------------------------------------------ normalising
def normalise_text(text: str) -> str:
    """Case, accents of punctuation, spaces and punctuation folded away.

    >>> normalise_text("  The Security-Council! ")
    'the security council'
    """
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _choice(q: Question, raw: Any, choices: Mapping[str, str], what: str) -> str:
    if isinstance(raw, str):
        if raw in choices:
            return raw
        folded = normalise_text(raw)
        for key, label in choices.items():
            if folded in (normalise_text(key), normalise_text(label)):
                return key
    listed = "; ".join(f"{k}) {v}" for k, v in choices.items())
    raise AnswerError(f"{_show(raw)} is not one of the {what} of {q.id}. Give the letter of one of: {listed}.")


def _number(q: Question, raw: Any) -> float:
    import numpy as np

    if isinstance(raw, (bool, np.bool_)):  # a comparison's result is not a count
        raise AnswerError(f"{q.id} asks for a number{_unit(q)}, not {_show(raw)}.")
    value: float
    if isinstance(raw, (int, float)):
        value = float(raw)
    elif hasattr(raw, "item") and callable(raw.item):  # numpy / pandas scalars
        value = float(raw.item())
    elif isinstance(raw, str) and re.fullmatch(r"\s*[-+]?[\d,_ ]*\.?\d+\s*%?\s*", raw or ""):
        value = float(re.sub(r"[,_ %]", "", raw))
    else:
        raise AnswerError(f"{q.id} asks for a number{_unit(q)}, such as 1250 or 0.35; got {_show(raw)}.")
    if not math.isfinite(value):
        raise AnswerError(f"{q.id} asks for a finite number{_unit(q)}, not {_show(raw)}.")
    return value


def _unit(q: Question) -> str:
    return f" in {q.unit}" if q.unit else ""


def _many(raw: Any) -> list[Any]:
    if isinstance(raw, str):
        return [p for p in re.split(r"[,;]\s*|\s+", raw.strip()) if p]
    if isinstance(raw, Mapping) or not isinstance(raw, Iterable):
        raise TypeError
    return list(raw)


def _table(q: Question, raw: Any) -> str:
    import pandas as pd

    if isinstance(raw, str) and "\n" in raw:  # a canonical table coming back from a kernel
        import io

        raw = pd.read_csv(io.StringIO(raw))
    if isinstance(raw, pd.Series):
        raw = raw.reset_index()
    if not isinstance(raw, pd.DataFrame):
        try:
            raw = pd.DataFrame(raw)
        except Exception:
            raise AnswerError(f"{q.id} asks for a table (a pandas DataFrame); got {type(raw).__name__}.") from None
    frame = raw.copy()
    # A named index (e.g. after groupby) is data; row numbers left by a filter or a sort are not.
    named = isinstance(frame.index, pd.MultiIndex) or frame.index.name is not None
    frame = frame.reset_index(drop=not named)
    frame.columns = [normalise_text(c).replace(" ", "_") for c in frame.columns]
    frame = frame[sorted(frame.columns)]
    for col in frame.columns:
        if pd.api.types.is_numeric_dtype(frame[col]) and not pd.api.types.is_bool_dtype(frame[col]):
            frame[col] = frame[col].astype("float64").round(q.decimals)
        else:
            frame[col] = frame[col].astype(str)
    frame = frame.sort_values(list(frame.columns)).reset_index(drop=True)
    return frame.to_csv(index=False, lineterminator="\n", float_format=f"%.{q.decimals}f")


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
        return _normalise(q, raw)
    except AnswerError:
        raise
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        # e.g. a whole column where one number was asked for, or a table with clashing column names
        raise AnswerError(f"{q.id} could not read this answer ({type(exc).__name__}: {exc}). "
                          f"It asks for {_wants(q)}.") from None


_WANTS = {"single": "one letter", "multiple": "a list of letters", "framework": "a list of letters",
          "truefalse": "a verdict and a reason, e.g. (True, 'b')", "numeric": "one number",
          "text": "a short text", "ordering": "the items in order", "classification": "a category for each item",
          "data": "a table (a pandas DataFrame)"}


def _wants(q: Question) -> str:
    if q.is_scenario:
        return "the facts of the scenario, e.g. {'governmental_authority': True}"
    return "one number" if q.is_numeric else _WANTS.get(q.kind, "an answer of another form")


def _show(raw: Any) -> str:
    """A short, safe picture of an answer for a message (a whole table would drown it)."""
    text = repr(raw)
    return text if len(text) <= 80 else f"{type(raw).__name__} {text[:60].splitlines()[0]}…"


# A student may answer a fact in words as the widgets show it.
_FACT_WORDS = {"yes": True, "true": True, "no": False, "false": False, "unknown": None, "not known": None}


def _scenario_facts(q: Question, raw: Any) -> dict[str, bool | str]:
    """The facts a student set, checked by the engine's own vocabulary and rules.

    The canonical form keeps only the facts set (true, false or a word), in the
    vocabulary's order; a fact left out is unknown.
    """
    from ..duties import FACTS, normalize_facts
    from ..errors import R2PKitError, closest

    example = "{'governmental_authority': True, 'made_reasonable_efforts_to_restrain': False}"
    if not isinstance(raw, Mapping):
        raise AnswerError(f"{q.id} takes the facts of the scenario as a mapping of fact names to yes / no / "
                          f"not known, e.g. {example}; got {_show(raw)}.")
    given: dict[str, Any] = {}
    for key, value in raw.items():
        name = str(key)
        if name not in q.facts:
            if name in FACTS:
                raise AnswerError(f"{q.id} does not ask about '{name}'. The facts it asks about: "
                                  f"{', '.join(q.facts)}.")
            guess = closest(name, q.facts)
            raise AnswerError(f"There is no fact called '{name}' in {q.id}."
                              + (f" Did you mean '{guess[0]}'?" if guess else "")
                              + f" The facts it asks about: {', '.join(q.facts)}.")
        if hasattr(value, "item") and callable(value.item) and not isinstance(value, (str, bytes)):
            value = value.item()  # numpy booleans
        if isinstance(value, str) and normalise_text(value) in _FACT_WORDS:
            value = _FACT_WORDS[normalise_text(value)]
        given[name] = value
    try:
        facts = normalize_facts(given)
    except R2PKitError as exc:  # wrong values and contradictions: the engine's own message
        raise AnswerError(f"{q.id}: {exc}") from None
    return {name: value for name, value in facts.items() if value is not None}


_OUTCOME_WORDS = {True: "yes", False: "no", None: "not established"}


def duty_outcome(finding: Any) -> str:
    """One duty's outcome as a slot value: whether it attaches and whether it is breached.

    'Not established' stays distinct from 'no' (see :mod:`r2pkit.duties`).

    >>> from r2pkit.duties import assess
    >>> duty_outcome(assess(governmental_authority=True).protect)
    'attaches: yes; breached: not established'
    """
    return f"attaches: {_OUTCOME_WORDS[finding.attaches]}; breached: {_OUTCOME_WORDS[finding.breached]}"


def _normalise(q: Question, raw: Any) -> Any:
    kind = q.kind
    if q.is_scenario:
        return _scenario_facts(q, raw)
    if kind == "single":
        return _choice(q, raw, q.options, "options")
    if kind in ("multiple", "framework"):
        try:
            chosen = _many(raw)
        except TypeError:
            raise AnswerError(f"{q.id} takes several choices, e.g. ['a', 'c']; got {_show(raw)}.") from None
        return sorted({_choice(q, c, q.options, "options") for c in chosen})
    if kind == "truefalse":
        if isinstance(raw, Mapping):
            verdict, why = raw.get("verdict"), raw.get("why")
        elif isinstance(raw, (tuple, list)) and len(raw) == 2:
            verdict, why = raw
        else:
            raise AnswerError(f"{q.id} takes a verdict and a reason, e.g. (True, 'b'); got {_show(raw)}.")
        if isinstance(verdict, str) and normalise_text(verdict) in ("true", "false"):
            verdict = normalise_text(verdict) == "true"
        if not isinstance(verdict, bool):
            raise AnswerError(f"The verdict for {q.id} is True or False; got {_show(verdict)}.")
        return [verdict, _choice(q, why, q.justifications, "reasons")]
    if kind == "numeric" or (kind == "data" and q.answer_type == "number"):
        return _number(q, raw)
    if kind == "data":
        return _table(q, raw)
    if kind == "text":
        if not isinstance(raw, str) or not raw.strip():
            raise AnswerError(f"{q.id} takes a short text answer, e.g. 'Security Council'; got {_show(raw)}.")
        return normalise_text(raw)
    if kind == "ordering":
        try:
            order = [_choice(q, x, q.items, "items") for x in _many(raw)]
        except TypeError:
            raise AnswerError(f"{q.id} takes the items in order, e.g. ['c', 'a', 'b']; got {_show(raw)}.") from None
        missing = [k for k in q.items if k not in order]
        repeated = sorted({k for k in order if order.count(k) > 1})
        if missing or repeated:
            parts = ([f"missing {', '.join(missing)}"] if missing else []) + \
                    ([f"repeated {', '.join(repeated)}"] if repeated else [])
            raise AnswerError(f"{q.id} needs each of the {len(q.items)} items exactly once ({'; '.join(parts)}).")
        return order
    if kind == "classification":
        if not isinstance(raw, Mapping):
            raise AnswerError(f"{q.id} takes a category for each item, e.g. {{'a': 'x', 'b': 'y'}}; got {_show(raw)}.")
        out = {}
        for item, cat in raw.items():
            if cat is None:
                continue
            out[_choice(q, item, q.items, "items")] = _choice(q, cat, q.categories, "categories")
        return dict(sorted(out.items())) or None
    raise AnswerError(f"Unknown question kind {kind!r}: one of {', '.join(KINDS)}.")


# ------------------------------------------------------------------------ slots
def _bucket(q: Question, value: float) -> str:
    if q.step == 0:
        return repr(float(value))
    return str(round(value / q.step))


def slots(q: Question, answer: Any) -> dict[str, str]:
    """The canonical answer as slot → value (each slot is judged right or wrong on its own).

    >>> q = Question("q", "multiple", "?", options={"a": "A", "b": "B", "c": "C"})
    >>> slots(q, ["a", "c"])
    {'a': '1', 'b': '0', 'c': '1'}
    """
    kind = q.kind
    if q.is_scenario:  # one slot per duty graded: the outcome the engine derives from the facts
        from ..duties import assess

        derived = assess(answer)
        return {duty: duty_outcome(derived[duty]) for duty in q.graded_duties}
    if kind == "single":
        return {"choice": answer}
    if kind in ("multiple", "framework"):
        return {k: "1" if k in answer else "0" for k in q.options}
    if kind == "truefalse":
        return {"verdict": str(answer[0]).lower(), "why": answer[1]}
    if q.is_numeric:
        return {"value": _bucket(q, answer)}
    if kind == "data":
        return {"table": answer}
    if kind == "text":
        return {"text": answer}
    if kind == "ordering":
        return {str(i): item for i, item in enumerate(answer, 1)}
    if kind == "classification":
        return {item: answer.get(item, "") for item in q.items}
    raise AnswerError(f"Unknown question kind {kind!r}.")


def key_slots(q: Question) -> dict[str, list[str]]:
    """The accepted values of every slot, from the key (a slot may accept several values)."""
    if q.kind == "text":
        return {"text": sorted({normalise_text(a) for a in (q.accepted or ())})}
    if q.is_numeric:
        target, tol = float(q.answer), q.tolerance
        if q.step == 0:
            return {"value": [repr(target)]}
        # every rounding bucket that overlaps [target - tol, target + tol]
        lo = math.ceil((target - tol) / q.step - 0.5 - 1e-9)
        hi = math.floor((target + tol) / q.step + 0.5 + 1e-9)
        return {"value": [str(k) for k in range(lo, hi + 1)]}
    return {slot: [value] for slot, value in slots(q, q.answer).items()}


def fraction(q: Question, right: Mapping[str, bool], answer: Any) -> float:
    """The share of the points earned, given which slots are right (the partial-credit rules)."""
    kind = q.kind
    if q.is_scenario:  # a share per duty
        return sum(right.values()) / len(right) if right else 0.0
    if kind in ("multiple", "framework"):
        n_right_options = sum(1 for v in key_slots_values(q, right, answer) if v)
        chosen = set(answer)
        good = sum(1 for k in chosen if right[k])
        bad = len(chosen) - good
        return max(0.0, (good - bad) / n_right_options) if n_right_options else float(bad == 0)
    if kind == "truefalse":
        if right["verdict"]:
            return 1.0 if right["why"] else 0.5
        return 0.0
    if kind in ("ordering", "classification"):
        return sum(right.values()) / len(right) if right else 0.0
    return 1.0 if all(right.values()) else 0.0


def key_slots_values(q: Question, right: Mapping[str, bool], answer: Any) -> list[bool]:
    """For choice questions: which options are right ones, deduced from the judged slots.

    An option is a right one when choosing it is right (chosen and right, or not chosen and
    wrong) — so this works from hashes alone, without the key.
    """
    return [(k in answer) == right[k] for k in q.options]


def _outcome(q: Question, share: float, detail: str = "") -> Outcome:
    status = "correct" if share >= 1 - 1e-9 else ("partial" if share > 0 else "incorrect")
    return Outcome(status, round(q.points * share, 4), q.points, detail)


def judge(q: Question, answer: Any, is_right: Any) -> Outcome:
    """Score a canonical answer, with ``is_right(slot, value) -> bool`` deciding each slot."""
    if answer is None:
        return Outcome("unanswered", 0.0, q.points)
    right = {slot: bool(is_right(slot, value)) for slot, value in slots(q, answer).items()}
    share = fraction(q, right, answer)
    detail = ""
    if q.is_scenario:
        detail = scenario_detail(q, answer, right)
    elif q.kind in ("ordering", "classification") and 0 < share < 1:
        detail = f"{sum(right.values())} of {len(right)} items are right."
    elif q.kind in ("multiple", "framework") and 0 < share < 1:
        detail = "Some of your choices are right, but not all."
    elif q.kind == "truefalse" and share == 0.5:
        detail = "The verdict is right; the reason is not the best one."
    return _outcome(q, share, detail)


def scenario_detail(q: Question, answer: Mapping[str, Any], right: Mapping[str, bool]) -> str:
    """Which duties the student's facts get right, and, for the others, what the engine
    derives from those facts and why — one line each. It says nothing of the key.
    """
    from ..duties import DUTY_TITLES, assess

    derived = assess(answer)
    good = [d for d in q.graded_duties if right.get(d)]
    if len(good) == len(q.graded_duties):
        return "With your facts the engine derives the scenario's outcome for every duty graded."
    lines = [f"With your facts the engine derives the scenario's outcome for {len(good)} of "
             f"{len(q.graded_duties)} duties" + (f" ({', '.join(DUTY_TITLES[d].lower() for d in good)})."
                                                 if good else ".")]
    for duty in q.graded_duties:
        if right.get(duty):
            continue
        f = derived[duty]
        lines.append(f"{DUTY_TITLES[duty]}: with your facts the engine says ‘{f.attaches_words}; {f.breached_words}’, "
                     f"which is not what the scenario gives. The engine's reasoning: " + " ".join(f.reasoning))
    lines.append("Read the scenario again for the facts behind those duties; a fact the scenario does not settle "
                 "stays 'not known'.")
    return "\n".join(lines)


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
_ORDINALS = ["1st", "2nd", "3rd"] + [f"{i}th" for i in range(4, 31)]


def _plain(text: str) -> str:
    """Markdown's `code` and **bold** marks taken out, for a sentence shown as plain text."""
    return re.sub(r"\*\*([^*]+)\*\*", r"\1", re.sub(r"`([^`]*)`", r"\1", str(text)))


def _number_words(value: float, unit: str) -> str:
    text = f"{int(value):,}" if float(value).is_integer() and abs(value) < 1e15 else \
        f"{value:,.6f}".rstrip("0").rstrip(".")
    return f"{text} {unit}".strip()


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
        if q.is_scenario:
            words = {True: "yes", False: "no"}
            return "; ".join(f"{name.replace('_', ' ')}: {words.get(v, v)}" for name, v in answer.items()) or \
                "every fact not known"
        if q.kind == "single":
            return f"{answer}) {_plain(q.options.get(answer, ''))}".strip()
        if q.kind in ("multiple", "framework"):
            return "; ".join(f"{k}) {_plain(q.options.get(k, ''))}" for k in answer) or "none of the options"
        if q.kind == "truefalse":
            verdict, why = answer
            return f"{verdict}, because {why}) {_plain(q.justifications.get(why, ''))}"
        if q.is_numeric:
            return _number_words(float(answer), q.unit)
        if q.kind == "data":
            rows = str(answer).strip().splitlines()
            return f"a table of {max(len(rows) - 1, 0)} rows with the columns {rows[0].replace(',', ', ')}" \
                if rows else "an empty table"
        if q.kind == "text":
            return f"\u201c{answer}\u201d"
        if q.kind == "ordering":
            return ", ".join(f"{_ORDINALS[i]} {k}) {_plain(q.items.get(k, ''))}" for i, k in enumerate(answer))
        if q.kind == "classification":
            return "; ".join(f"{k}) {_plain(q.items.get(k, ''))} \u2192 {c}) {_plain(q.categories.get(c, ''))}"
                             for k, c in answer.items())
    except (TypeError, ValueError, AttributeError, IndexError):
        pass
    return _plain(str(answer))[:200]

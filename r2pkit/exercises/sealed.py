"""The public form of an exercise: everything a student needs to self-check, but no answers.

An exercise's public file (``NAME.quiz.json``, handed out with the student notebook)
holds the questions' text and choices, hints, and, instead of the key:

- for every slot of the answer (see :mod:`r2pkit.exercises.questions`), the salted
  SHA-256 hashes of its accepted values; a student's answer is checked by hashing its own
  slots the same way, so reading the file (or the installed package) shows no answer.
  For a framework scenario the slots are the duties, and what is hashed is the outcome
  the duty engine derives from the key's facts (e.g. 'attaches: yes; breached: no'): the
  student's kernel runs the same engine on the student's facts and hashes its outcome;
- the explanation, its source, and the feedback on each option, *sealed* (XOR with a
  key stream derived from the exercise's salt) so that they are not readable in the
  file; the notebook unseals the explanation after a right answer, after the last
  attempt, or when the student chooses to see it.

What this does not do: a determined student can still try every option of a
four-option question and watch the self-check. The batch grader does not rely on any of
this: it scores against the instructor's key, kept outside what is handed out.
"""
from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import asdict
from dataclasses import fields as _fields
from typing import Any

from . import kinds
from .questions import Outcome, Question, judge, key_slots, normalise

_QUESTION_FIELDS = {f.name for f in _fields(Question)}

__all__ = ["digest", "seal", "unseal", "public_question", "assessed_question", "self_check", "question_from_public"]

_DIGEST_CHARS = 24


def digest(salt: str, qid: str, slot: str, value: str) -> str:
    """The salted hash of one slot value.

    >>> digest("s", "q1", "choice", "a") == digest("s", "q1", "choice", "a") != digest("s", "q1", "choice", "b")
    True
    """
    return hashlib.sha256(f"{salt}\x1f{qid}\x1f{slot}\x1f{value}".encode()).hexdigest()[:_DIGEST_CHARS]


def _stream(salt: str, label: str, n: int) -> bytes:
    out = bytearray()
    counter = 0
    while len(out) < n:
        out += hashlib.sha256(f"{salt}\x1f{label}\x1f{counter}".encode()).digest()
        counter += 1
    return bytes(out[:n])


def seal(salt: str, label: str, text: str) -> str:
    """Hide a text in the public file (not encryption against a determined reader).

    >>> unseal("s", "q1", seal("s", "q1", "Because ¶139 says so."))
    'Because ¶139 says so.'
    """
    raw = text.encode("utf-8")
    return base64.b64encode(bytes(a ^ b for a, b in zip(raw, _stream(salt, label, len(raw))))).decode("ascii")


def unseal(salt: str, label: str, sealed: str) -> str:
    raw = base64.b64decode(sealed.encode("ascii"))
    return bytes(a ^ b for a, b in zip(raw, _stream(salt, label, len(raw)))).decode("utf-8")


_PUBLIC_FIELDS = ("id", "kind", "prompt", "points", "options", "justifications", "items", "categories",
                  "tolerance", "unit", "answer_type", "decimals", "hints", "attempts", "starter_code")
# A kind may show more (the scenario: which facts the student sets and which duties are graded,
# never the key's facts): see Kind.public. Left out when empty, so other questions' files stay as they were.


def public_question(q: Question, salt: str) -> dict[str, Any]:
    """The public form of a question: its text and choices, hashed slots, sealed explanation."""
    data = {k: v for k, v in asdict(q).items() if k in _PUBLIC_FIELDS}
    kind = kinds.of(q)
    data["hints"] = list(q.hints)
    data.update(kind.public(q, "practice"))
    data["slots"] = {slot: sorted(digest(salt, q.id, slot, v) for v in values)
                     for slot, values in key_slots(q).items()}
    data["explanation"] = seal(salt, f"{q.id}/explanation", kind.explanation(q))
    data["source"] = seal(salt, f"{q.id}/source", q.source)
    data["feedback"] = {opt: seal(salt, f"{q.id}/feedback/{opt}", text) for opt, text in sorted(q.feedback.items())}
    return data


# What an assessed version shows: the question as asked, nothing derived from the key (no hashes,
# no explanation, source or feedback) and no hints or tolerance, which an author writes with the key in mind.
_ASSESSED_FIELDS = ("id", "kind", "prompt", "points", "options", "justifications", "items", "categories",
                    "unit", "answer_type", "decimals", "starter_code")


def assessed_question(q: Question) -> dict[str, Any]:
    """The public form of a question in an assessed version: its text and choices, nothing else.

    >>> q = Question("q1", "single", "Who?", options={"a": "UNHCR", "b": "WB"}, answer="a", hints=("Look",),
    ...              explanation="Because", source="p. 4", feedback={"b": "No"})
    >>> sorted(assessed_question(q))
    ['answer_type', 'categories', 'decimals', 'id', 'items', 'justifications', 'kind', 'options', 'points', 'prompt', 'starter_code', 'unit']
    """
    data = {k: v for k, v in asdict(q).items() if k in _ASSESSED_FIELDS}
    data.update(kinds.of(q).public(q, "assessed"))
    return data


def question_from_public(data: dict[str, Any]) -> Question:
    """A :class:`Question` without its key, for normalising answers in the student's kernel."""
    fields = {k: v for k, v in data.items() if k in _PUBLIC_FIELDS}
    fields["hints"] = tuple(fields.get("hints", ()))
    for kind in kinds.all_of(str(data.get("kind"))):  # the fields a kind showed, read back
        fields.update(kind.from_public(data))
    extra = {k: v for k, v in fields.items() if k not in _QUESTION_FIELDS}
    fields = {k: v for k, v in fields.items() if k in _QUESTION_FIELDS}
    return Question(**fields, extra=extra) if extra else Question(**fields)


def self_check(data: dict[str, Any], salt: str, raw: Any) -> tuple[Any, Outcome]:
    """Normalise and score an answer from the public form alone: (canonical answer, outcome).

    Gives exactly the outcome the grader gives with the key, by the same slot rule.
    """
    q = question_from_public(data)
    answer = normalise(q, raw)
    hashed = data["slots"]
    outcome = judge(q, answer, lambda slot, value: digest(salt, q.id, slot, value) in hashed.get(slot, ()))
    return answer, outcome


def dumps(public: dict[str, Any]) -> str:
    """The public file's text: stable key order, so a rebuild gives the same bytes."""
    return json.dumps(public, indent=1, ensure_ascii=False, sort_keys=True) + "\n"

"""Exercise sources: one YAML file per exercise, the only place its answers are written.

An instructor writes an exercise as a YAML file (see ``exercises/source/`` for the kit's
own and README for the format). From it, ``r2pkit exercises build`` makes the student
notebook with its public file, and the solution notebook. The grader reads the same file
as its key. To keep a key private, keep the YAML outside what students receive: hand out
only the built student notebook and its ``.quiz.json``.

A source that is wrong in any way — a misspelt field, an answer that is not among the
options, a data question whose solution does not run — is refused with a message that
names the file, the question and the field, and says what is allowed.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from ..errors import R2PKitError, closest
from .questions import KINDS, AnswerError, Question, normalise, normalise_text

__all__ = ["Exercise", "SourceError", "load_source", "parse_source"]


class SourceError(R2PKitError, ValueError):
    """An exercise source file that cannot be used; the message says where and why."""


@dataclass(frozen=True)
class Exercise:
    """An exercise with its key."""

    id: str
    title: str
    questions: tuple[Question, ...]
    intro: str = ""
    notebook: str = ""
    setup: str = ""
    outro: str = ""
    path: str = ""
    salt: str = field(default="", repr=False)
    version: str = "1"  # the author's version of the questions; built notebooks carry it

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        hint = closest(qid, [q.id for q in self.questions])
        raise SourceError(f"Exercise {self.id} has no question {qid!r}."
                          + (f" Did you mean {hint[0]!r}?" if hint else "")
                          + f" Its questions: {', '.join(q.id for q in self.questions)}.")

    @property
    def max_points(self) -> float:
        return sum(q.points for q in self.questions)


_TOP = {"id", "title", "version", "intro", "notebook", "setup", "outro", "questions"}
_QFIELDS = {f.name for f in fields(Question)} | {"synonyms", "expected"}
_NEEDS = {
    "single": ("options",), "multiple": ("options",), "framework": (),  # options, or a scenario's facts
    "truefalse": ("justifications",), "ordering": ("items",), "classification": ("items", "categories"),
    "numeric": (), "text": (), "data": ("solution_code",),
}


def _quote(value: Any, limit: int = 80) -> str:
    """A value as a message may quote it: short, whatever its size (a huge YAML value must not flood a message).

    >>> _quote("x" * 1000)[-20:]
    'xx…(1002 characters)'

    """
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}…({len(text)} characters)"


def _fail(where: str, message: str) -> SourceError:
    return SourceError(f"{where}: {message}")


def _str_map(value: Any, where: str, name: str) -> dict[str, str]:
    if not isinstance(value, dict) or not value:
        raise _fail(where, f"'{name}' must be a mapping of letters to texts, e.g. {{a: First, b: Second}}.")
    return {str(k): str(v).strip() for k, v in value.items()}


def _run_solution(code: str, qid: str, setup: str, where: str) -> Any:
    namespace: dict[str, Any] = {}
    try:
        exec(compile(setup + "\n" + code, f"<{where}>", "exec"), namespace)  # noqa: S102 - the author's own code
    except Exception as exc:  # the author must see why their solution fails
        raise _fail(where, f"its solution_code failed: {type(exc).__name__}: {exc}") from exc
    if qid not in namespace:
        raise _fail(where, f"its solution_code must assign the answer to the variable {qid!r}.")
    return namespace[qid]


def _question(raw: Any, index: int, where_file: str, setup: str) -> Question:
    if not isinstance(raw, dict):
        raise _fail(f"{where_file}, question {index}", "each question is a mapping of fields (id, kind, prompt, …).")
    qid = str(raw.get("id", "")).strip()
    where = f"{where_file}, question {qid or index}"
    if not re.fullmatch(r"q[0-9]+[a-z]?", qid):
        raise _fail(where, f"'id' must be like q1, q2 … (got {raw.get('id')!r}).")
    for key in raw:
        if key not in _QFIELDS:
            hint = closest(str(key), sorted(_QFIELDS))
            raise _fail(where, f"{key!r} is not a question field."
                        + (f" Did you mean {hint[0]!r}?" if hint else "")
                        + f" Allowed: {', '.join(sorted(_QFIELDS))}.")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise _fail(where, f"'kind' must be one of {', '.join(KINDS)} (got {kind!r}).")
    scenario = kind == "framework" and ("facts" in raw or isinstance(raw.get("answer"), dict))
    if kind == "framework" and not scenario and "options" not in raw:
        raise _fail(where, "a framework question needs 'options' (choose all that apply), or, for a scenario, "
                           "'facts' (the facts the student sets) and an 'answer' giving the scenario's facts.")
    if not scenario and ("expected" in raw or "duties" in raw):
        raise _fail(where, "'expected' and 'duties' belong to framework questions with a scenario "
                           "(an 'answer' giving the scenario's facts).")
    for need in _NEEDS[kind]:
        if need not in raw:
            raise _fail(where, f"a {kind} question needs '{need}'.")
    if not str(raw.get("prompt", "")).strip():
        raise _fail(where, "'prompt' (the question's text) is required.")
    if not str(raw.get("explanation", "")).strip() or not str(raw.get("source", "")).strip():
        raise _fail(where, "'explanation' and 'source' are required: every answer is explained and cited.")
    points = raw.get("points", 1)
    if isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0:
        raise _fail(where, f"'points' must be a positive number (got {points!r}).")
    attempts = raw.get("attempts", 3)
    if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
        raise _fail(where, f"'attempts' must be a whole number of at least 1 (got {attempts!r}).")
    args: dict[str, Any] = {
        "id": qid, "kind": kind, "prompt": str(raw["prompt"]).strip(), "points": float(points),
        "hints": tuple(str(h).strip() for h in raw.get("hints", []) or []),
        "explanation": str(raw["explanation"]).strip(), "source": str(raw["source"]).strip(),
        "attempts": attempts, "unit": str(raw.get("unit", "")),
        "starter_code": str(raw.get("starter_code", "")).rstrip(),
        "solution_code": str(raw.get("solution_code", "")).rstrip(),
    }
    for name in ("options", "justifications", "items", "categories"):
        if name in raw:
            args[name] = _str_map(raw[name], where, name)
    if "feedback" in raw:
        args["feedback"] = _str_map(raw["feedback"], where, "feedback")
        unknown = [k for k in args["feedback"] if k not in args.get("options", {}) and k not in args.get("items", {})]
        if unknown:
            raise _fail(where, f"feedback is given for {', '.join(unknown)}, which are not options of this question.")
    tolerance = raw.get("tolerance", 0)
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or tolerance < 0:
        raise _fail(where, f"'tolerance' must be a number ≥ 0 (got {tolerance!r}).")
    args["tolerance"] = float(tolerance)
    if kind == "data":
        args["answer_type"] = str(raw.get("answer_type", "number"))
        if args["answer_type"] not in ("number", "table"):
            raise _fail(where, f"'answer_type' is 'number' or 'table' (got {args['answer_type']!r}).")
        args["decimals"] = int(raw.get("decimals", 6))
    if kind == "text":
        accepted = [raw.get("answer")] + list(raw.get("synonyms", []) or []) + list(raw.get("accepted", []) or [])
        accepted = [str(a) for a in accepted if a is not None and str(a).strip()]
        if not accepted:
            raise _fail(where, "a text question needs an 'answer' (and optional 'synonyms').")
        args["accepted"] = tuple(accepted)
        args["answer"] = normalise_text(accepted[0])
        return Question(**args)
    if scenario:
        return _scenario_question(raw, args, where)
    if kind == "data":
        if "answer" in raw:
            raise _fail(where, "a data question's answer is computed by its solution_code; do not type it as 'answer'.")
        value = _run_solution(args["solution_code"], qid, setup, where)
    else:
        if "answer" not in raw:
            raise _fail(where, "'answer' (the key) is required.")
        value = raw["answer"]
        if kind == "truefalse" and isinstance(value, dict):
            value = {"verdict": value.get("verdict"), "why": value.get("why")}
    draft = Question(**{**args, "answer": None})
    try:
        args["answer"] = normalise(draft, value)
    except AnswerError as exc:
        raise _fail(where, f"its 'answer' is not a valid answer to itself: {exc}") from None
    if args["answer"] is None:
        raise _fail(where, "'answer' must not be empty.")
    if kind == "classification" and set(args["answer"]) != set(args["items"]):
        missing = ", ".join(k for k in args["items"] if k not in args["answer"])
        raise _fail(where, f"its 'answer' must give a category for every item (missing: {missing}).")
    return Question(**args)


def _names(value: Any, allowed: tuple[str, ...], where: str, name: str) -> tuple[str, ...]:
    if isinstance(value, str) and value.strip() == "all":
        return allowed
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise _fail(where, f"'{name}' must be a list of names (or 'all'); allowed: {', '.join(allowed)}.")
    for item in value:
        if item not in allowed:
            hint = closest(str(item), allowed)
            raise _fail(where, f"{item!r} in '{name}' is not one of the engine's {name}."
                        + (f" Did you mean {hint[0]!r}?" if hint else "") + f" Allowed: {', '.join(allowed)}.")
    return tuple(n for n in allowed if n in value)  # in the engine's order


def _scenario_question(raw: dict[str, Any], args: dict[str, Any], where: str) -> Question:
    """A framework question whose answer is the facts of a scenario (see :mod:`.questions`).

    'facts' lists the facts the student sets ('all' by default), 'duties' the duties graded
    (all four by default), 'answer' the scenario's facts as the author reads them, and the
    optional 'expected' the duties the author means those facts to give: the build refuses
    a key whose facts lead the engine elsewhere, as the case library's collector does.
    """
    from ..duties import DUTIES, FACTS, expectation_problems, parse_case

    if "options" in raw:
        raise _fail(where, "a framework question has either 'options' (choose all that apply) or a scenario "
                           "('facts' and an 'answer' giving the facts), not both.")
    if "answer" not in raw:
        raise _fail(where, "'answer' (the key: the scenario's facts, e.g. {governmental_authority: true}) is required.")
    args["facts"] = _names(raw.get("facts", "all"), tuple(FACTS), where, "facts")
    args["duties"] = _names(raw.get("duties", "all"), DUTIES, where, "duties")
    draft = Question(**{**args, "answer": None})
    try:
        args["answer"] = normalise(draft, raw["answer"])
    except AnswerError as exc:
        raise _fail(where, f"its 'answer' (the scenario's facts) is not a valid answer to itself: {exc}") from None
    if "expected" in raw:
        try:
            case = parse_case({"id": args["id"], "facts": args["answer"], "expected": raw["expected"]})
        except R2PKitError as exc:
            raise _fail(where, f"its 'expected': {exc}") from None
        problems = expectation_problems(case)
        if problems:
            raise _fail(where, "the engine does not derive the 'expected' duties from the key's facts: "
                        + "; ".join(p.split(": ", 1)[1] for p in problems) + ".")
    return Question(**args)


def parse_source(text: str, where: str = "<exercise>") -> Exercise:
    """Read an exercise from YAML text; raise :class:`SourceError` on any problem."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise _fail(where, f"is not valid YAML ({exc}).") from None
    if not isinstance(raw, dict):
        raise _fail(where, "must be a YAML mapping with id, title and questions.")
    for key in raw:
        if key not in _TOP:
            hint = closest(str(key), sorted(_TOP))
            raise _fail(where, f"{key!r} is not an exercise field." + (f" Did you mean {hint[0]!r}?" if hint else "")
                        + f" Allowed: {', '.join(sorted(_TOP))}.")
    eid = str(raw.get("id", ""))
    if not re.fullmatch(r"ex[0-9]{2}[a-z0-9_]*", eid):
        raise _fail(where, f"'id' must look like ex00 or ex03_duties (got {raw.get('id')!r}).")
    if not str(raw.get("title", "")).strip():
        raise _fail(where, "'title' is required.")
    items = raw.get("questions")
    if not isinstance(items, list) or not items:
        raise _fail(where, "'questions' must be a non-empty list.")
    setup = str(raw.get("setup", "") or "")
    questions = tuple(_question(q, i, where, setup) for i, q in enumerate(items, 1))
    ids = [q.id for q in questions]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise _fail(where, f"question ids must be unique; repeated: {', '.join(dupes)}.")
    version = raw.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, (int, str)) or not re.fullmatch(r"[\w.-]{1,20}", str(version)):
        raise _fail(where, f"'version' is a short label such as 1, 2 or 2024-spring (got {_quote(version)}).")
    salt = hashlib.sha256(f"r2pkit-exercise\x1f{eid}\x1f{raw['title']}".encode()).hexdigest()[:16]
    return Exercise(id=eid, title=str(raw["title"]).strip(), questions=questions,
                    intro=str(raw.get("intro", "") or "").strip(), notebook=str(raw.get("notebook", "") or ""),
                    setup=setup.rstrip(), outro=str(raw.get("outro", "") or "").strip(), path=where, salt=salt,
                    version=str(version))


def load_source(path: str | Path) -> Exercise:
    """Read an exercise source file (YAML)."""
    p = Path(path)
    if not p.exists():
        raise SourceError(f"No exercise source at {p}.")
    return parse_source(p.read_text(encoding="utf-8"), str(p))

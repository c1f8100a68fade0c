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
import reprlib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from .. import checks
from ..errors import R2PKitError, closest
from . import kinds
from .questions import AnswerError, Question, normalise

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
# The fields every question may have (a kind adds its own: see r2pkit.exercises.kinds).
_QFIELDS = {f.name for f in fields(Question)} - {"extra", "facts", "duties"} | {"synonyms"}


_REPR = reprlib.Repr()
_REPR.maxstring, _REPR.maxother, _REPR.maxlevel, _REPR.maxlist, _REPR.maxdict = 90, 90, 3, 5, 5


def _quote(value: Any, limit: int = 80) -> str:
    """A value as a message may quote it: short, whatever its size. A huge YAML value (or one
    built from aliases, whose full text would be exponentially long) must not flood a message:
    the text is made with reprlib's limits, never in full.

    >>> _quote("x" * 1000)[-20:]
    "x…'(1000 characters)"
    >>> len(_quote([[["deep"] * 1000] * 1000] * 1000)) <= 81
    True
    """
    text = _REPR.repr(value)
    if isinstance(value, str) and len(value) > limit:
        return f"{repr(value[:limit])[:-1]}…'({len(value)} characters)"
    return text if len(text) <= limit else f"{text[:limit]}…"


class _Loader(yaml.SafeLoader):
    """YAML as an author means it: YAML 1.1 reads yes, no, on, off, y and n as booleans, so the
    text answer "yes" (or "NO", Norway's code) became True or False. Here only true and false
    (in any of YAML's three spellings) are booleans; every other word stays text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def read_yaml(text: str) -> Any:
    r"""Parse YAML with only true/false as booleans.

    >>> read_yaml("answer: NO\nsynonyms: [yes, on]\nfinal: true")
    {'answer': 'NO', 'synonyms': ['yes', 'on'], 'final': True}
    """
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader


def _fail(where: str, message: str) -> SourceError:
    return SourceError(f"{where}: {message}")


def _str_map(value: Any, where: str, name: str) -> dict[str, str]:
    if not isinstance(value, dict) or not value:
        raise _fail(where, f"'{name}' must be a mapping of letters to texts, e.g. {{a: First, b: Second}}.")
    for k, v in value.items():
        if not isinstance(v, (str, int, float)) or isinstance(v, bool):
            raise _fail(where, f"'{name}' must map letters to texts; {_quote(k)} maps to {_quote(v)}.")
    return {str(k): str(v).strip() for k, v in value.items()}


def _field(raw: dict[str, Any], name: str, where: str, default: str = "") -> str:
    """A text field as text; a list or mapping where a text belongs is refused (and never printed whole)."""
    value = raw.get(name)
    if value is None:
        return default
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    raise _fail(where, f"'{name}' must be a text (got {_quote(value)}).")


def _checked(check: Any, value: Any, where: str, name: str, **limits: Any) -> Any:
    """A number checked by the kit's shared checks (finite, in range), its message prefixed with where it is."""
    try:
        return check(value, name, **limits)
    except R2PKitError as exc:
        raise _fail(where, str(exc)) from None


def _texts(value: Any) -> list[Any]:
    """A list of texts, or one text as a list of one (not a list of its letters)."""
    if value is None:
        return []
    return [value] if isinstance(value, (str, int, float)) else list(value) if isinstance(value, list) else [value]


def _hints(value: Any, where: str) -> tuple[str, ...]:
    """The hints: a list of texts, or one text (a single hint, not one hint per letter)."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(h, (str, int, float)) and not isinstance(h, bool)
                                              for h in value):
        raise _fail(where, f"'hints' is a list of texts, e.g. [Look at the source column.] (got {_quote(value)}).")
    return tuple(str(h).strip() for h in value if str(h).strip())


def _run_solution(code: str, qid: str, setup: str, where: str) -> Any:
    namespace: dict[str, Any] = {}
    try:
        exec(compile(setup + "\n" + code, f"<{where}>", "exec"), namespace)  # noqa: S102 - the author's own code
    except Exception as exc:  # the author must see why their solution fails
        raise _fail(where, f"its solution_code failed: {type(exc).__name__}: {str(exc)[:300]}") from exc
    if qid not in namespace:
        raise _fail(where, f"its solution_code must assign the answer to the variable {qid!r}.")
    return namespace[qid]


class _Source:
    """What a kind's ``parse`` may use (see :meth:`r2pkit.exercises.kinds.Kind.parse`)."""

    def __init__(self, where: str, qid: str, setup: str) -> None:
        self.where, self.qid, self.setup = where, qid, setup

    def fail(self, message: str) -> SourceError:
        return _fail(self.where, message)

    def answer(self, args: dict[str, Any], value: Any, what: str = "its 'answer'") -> Any:
        """``value`` as an answer to the question drafted from ``args`` (the key must answer its own question)."""
        draft = Question(**{**args, "answer": None})
        try:
            return normalise(draft, value)
        except AnswerError as exc:
            raise self.fail(f"{what} is not a valid answer to itself: {exc}") from None

    def run_solution(self, code: str) -> Any:
        return _run_solution(code, self.qid, self.setup, self.where)

    texts = staticmethod(_texts)
    quote = staticmethod(_quote)
    hints = staticmethod(_hints)

    def str_map(self, value: Any, name: str) -> dict[str, str]:
        return _str_map(value, self.where, name)

    def text(self, raw: dict[str, Any], name: str, default: str = "") -> str:
        return _field(raw, name, self.where, default)

    def number(self, value: Any, name: str, **limits: Any) -> Any:
        return _checked(checks.number, value, self.where, name, **limits)


def _question(raw: Any, index: int, where_file: str, setup: str) -> Question:
    if not isinstance(raw, dict):
        raise _fail(f"{where_file}, question {index}", "each question is a mapping of fields (id, kind, prompt, …).")
    qid = _field(raw, "id", f"{where_file}, question {index}").strip()
    where = f"{where_file}, question {qid or index}"
    if not re.fullmatch(r"q[0-9]+[a-z]?", qid):
        raise _fail(where, f"'id' must be like q1, q2 … (got {_quote(raw.get('id'))}).")
    allowed = _QFIELDS | {f for name in kinds.names() for f in _own_fields(name)}
    for key in raw:
        if key not in allowed:
            hint = closest(str(key), sorted(allowed))
            raise _fail(where, f"{_quote(key)} is not a question field."
                        + (f" Did you mean {hint[0]!r}?" if hint else "")
                        + f" Allowed: {', '.join(sorted(allowed))}.")
    kind_name = raw.get("kind")
    if kind_name not in kinds.names():
        raise _fail(where, f"'kind' must be one of {', '.join(kinds.names())} (got {_quote(kind_name)}).")
    kind = kinds.of_source(raw)
    assert kind is not None  # the base kind of a registered name claims every question
    for name in kinds.names():  # a field of another kind is a mistake, not a silent no-op
        for other in kinds.all_of(name):
            misplaced = [f for f in other.fields if f in raw and f not in kind.fields]
            if misplaced:
                raise _fail(where, f"{' and '.join(repr(f) for f in misplaced)} belong{'s' if len(misplaced) == 1 else ''}"
                            f" to {other.belongs or other.name + ' questions'}.")
    for need in kind.needs:
        if need not in raw:
            raise _fail(where, f"a {kind_name} question needs '{need}'.")
    if not _field(raw, "prompt", where).strip():
        raise _fail(where, "'prompt' (the question's text) is required.")
    if not _field(raw, "explanation", where).strip() or not _field(raw, "source", where).strip():
        raise _fail(where, "'explanation' and 'source' are required: every answer is explained and cited.")
    points = _checked(checks.number, raw.get("points", 1), where, "points", lo=0, lo_open=True)
    attempts = _checked(checks.whole_number, raw.get("attempts", 3), where, "attempts", lo=1)
    args: dict[str, Any] = {
        "id": qid, "kind": kind_name, "prompt": _field(raw, "prompt", where).strip(), "points": points,
        "hints": _hints(raw.get("hints"), where),
        "explanation": _field(raw, "explanation", where).strip(), "source": _field(raw, "source", where).strip(),
        "attempts": attempts, "unit": _field(raw, "unit", where),
        "starter_code": _field(raw, "starter_code", where).rstrip(),
        "solution_code": _field(raw, "solution_code", where).rstrip(),
    }
    for name in ("options", "justifications", "items", "categories"):
        if name in raw:
            args[name] = _str_map(raw[name], where, name)
    if "feedback" in raw:
        args["feedback"] = _str_map(raw["feedback"], where, "feedback")
        unknown = [k for k in args["feedback"] if k not in args.get("options", {}) and k not in args.get("items", {})]
        if unknown:
            raise _fail(where, f"feedback is given for {', '.join(unknown)}, which are not options of this question.")
    args["tolerance"] = _checked(checks.number, raw.get("tolerance", 0), where, "tolerance", lo=0)
    if kind_name == "data":
        args["answer_type"] = _field(raw, "answer_type", where, "number")
        if args["answer_type"] not in ("number", "table"):
            raise _fail(where, f"'answer_type' is 'number' or 'table' (got {_quote(args['answer_type'])}).")
        args["decimals"] = _checked(checks.whole_number, raw.get("decimals", 6), where, "decimals", lo=0, hi=15)
    return Question(**kind.parse(raw, args, _Source(where, qid, setup)))


def _own_fields(name: str) -> set[str]:
    return {f for k in kinds.all_of(name) for f in k.fields}


def parse_source(text: str, where: str = "<exercise>") -> Exercise:
    """Read an exercise from YAML text; raise :class:`SourceError` on any problem."""
    try:
        raw = read_yaml(text)
    except yaml.YAMLError as exc:
        raise _fail(where, f"is not valid YAML ({str(exc)[:600]}).") from None
    if not isinstance(raw, dict):
        raise _fail(where, "must be a YAML mapping with id, title and questions.")
    for key in raw:
        if key not in _TOP:
            hint = closest(str(key), sorted(_TOP))
            raise _fail(where, f"{_quote(key)} is not an exercise field." + (f" Did you mean {hint[0]!r}?" if hint else "")
                        + f" Allowed: {', '.join(sorted(_TOP))}.")
    eid = _field(raw, "id", where)
    if not re.fullmatch(r"ex[0-9]{2}[a-z0-9_]*", eid):
        raise _fail(where, f"'id' must look like ex00 or ex03_duties (got {_quote(raw.get('id'))}).")
    if not _field(raw, "title", where).strip():
        raise _fail(where, "'title' is required.")
    items = raw.get("questions")
    if not isinstance(items, list) or not items:
        raise _fail(where, "'questions' must be a non-empty list.")
    setup = _field(raw, "setup", where)
    questions = tuple(_question(q, i, where, setup) for i, q in enumerate(items, 1))
    ids = [q.id for q in questions]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise _fail(where, f"question ids must be unique; repeated: {', '.join(dupes)}.")
    version = raw.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, (int, str)) or not re.fullmatch(r"[\w.-]{1,20}", str(version)):
        raise _fail(where, f"'version' is a short label such as 1, 2 or 2024-spring (got {_quote(version)}).")
    salt = hashlib.sha256(f"r2pkit-exercise\x1f{eid}\x1f{raw['title']}".encode()).hexdigest()[:16]
    return Exercise(id=eid, title=_field(raw, "title", where).strip(), questions=questions,
                    intro=_field(raw, "intro", where).strip(), notebook=_field(raw, "notebook", where),
                    setup=setup.rstrip(), outro=_field(raw, "outro", where).strip(), path=where, salt=salt,
                    version=str(version))


def load_source(path: str | Path) -> Exercise:
    """Read an exercise source file (YAML)."""
    p = Path(path)
    if not p.exists():
        raise SourceError(f"No exercise source at {p}.")
    return parse_source(p.read_text(encoding="utf-8"), str(p))

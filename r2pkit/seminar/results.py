"""The grader's results, read back defensively: one :class:`Submission` per graded notebook.

``r2pkit grade ... --out grades.csv`` writes, beside the CSV, ``grades.json``::

    {"kit_version": ..., "created": ..., "sandbox": "bubblewrap" | "none",
     "submissions": [{"submission", "file_sha256", "mtime", "exercise", "version", "mode",
                      "status_note", "notes": [...],
                      "questions": [{"question", "status", "points", "max_points",
                                     "answer", "detail"}]}]}

That file is the gradebook's input. A grades CSV alone (columns
``submission,exercise,question,status,points,max_points``) is accepted too; it has no
answers or comments, so feedback and statistics say less (the files' hashes and times are
read from the submissions, if they are still where the grader found them).

Several results files may be given (the whole class, then a regrade of one student): a
submission graded again in a later file replaces its earlier grading, and the gradebook
says so.
"""
from __future__ import annotations

import csv
import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .. import checks
from ..errors import R2PKitError

__all__ = ["QuestionResult", "Submission", "parse_results", "load_results", "parse_time"]

#: Largest results file read (a class of 300 with long written answers is a few MB).
MAX_BYTES = 200_000_000


@dataclass(frozen=True)
class QuestionResult:
    """One question of one submission, as the grader scored it."""

    question: str
    status: str
    points: float
    max_points: float
    answer: Any = None
    detail: str = ""


@dataclass(frozen=True)
class Submission:
    """One graded notebook."""

    submission: str  # the path the grader was given
    exercise: str
    questions: tuple[QuestionResult, ...]
    file_sha256: str = ""
    mtime: datetime | None = None
    version: str = ""
    mode: str = ""
    status_note: str = ""
    notes: tuple[str, ...] = ()
    student_id: str = ""  # an id the student entered in the notebook, when the grader reports one
    source: str = ""  # the results file it came from

    @property
    def points(self) -> float:
        return sum(q.points for q in self.questions)

    @property
    def max_points(self) -> float:
        return sum(q.max_points for q in self.questions)

    @property
    def blank(self) -> bool:
        """True when no question was answered (an untouched handout)."""
        return all(q.status == "unanswered" for q in self.questions)


def parse_time(value: Any, where: str = "") -> datetime | None:
    """A time from a results file or a CSV cell: seconds since 1970, or ISO 8601; aware, in UTC.

    A time without a zone is taken as this machine's local time.

    >>> parse_time(0).isoformat()
    '1970-01-01T00:00:00+00:00'
    >>> parse_time("2026-12-01T23:59:00+01:00").isoformat()
    '2026-12-01T22:59:00+00:00'
    >>> parse_time("") is None
    True
    >>> parse_time("next Tuesday", "times.csv, row 3")
    Traceback (most recent call last):
    ...
    r2pkit.errors.R2PKitError: times.csv, row 3: 'next Tuesday' is not a time. Write it as 2026-12-01 23:59 (ISO 8601), optionally with a zone such as +01:00.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise R2PKitError(f"{where}: {value!r} is not a time.")
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise R2PKitError(f"{where}: {value!r} is not a time.")
        return datetime.fromtimestamp(float(value), tz=timezone.utc)
    text = str(value).strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            return parse_time(float(text), where)
        except ValueError:
            raise R2PKitError(f"{where}: {text!r} is not a time. Write it as 2026-12-01 23:59 (ISO 8601), "
                              "optionally with a zone such as +01:00.") from None
    if moment.tzinfo is None:
        moment = moment.astimezone()  # local time
    return moment.astimezone(timezone.utc)


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise R2PKitError(f"{where}: {value!r} is not a number of points.")
    try:
        number = float(value)
    except ValueError:
        raise R2PKitError(f"{where}: {value!r} is not a number of points.") from None
    if not math.isfinite(number):
        raise R2PKitError(f"{where}: {value!r} is not a number of points.")
    return number


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def parse_results(data: Any, where: str = "results") -> list[Submission]:
    """The submissions in a results document (already parsed JSON); clear errors for anything else.

    >>> doc = {"submissions": [{"submission": "s1/ex00.ipynb", "exercise": "ex00",
    ...         "questions": [{"question": "q1", "status": "correct", "points": 1, "max_points": 1,
    ...                        "answer": "a", "detail": ""}]}]}
    >>> [(s.submission, s.points, s.max_points) for s in parse_results(doc)]
    [('s1/ex00.ipynb', 1.0, 1.0)]
    >>> parse_results({"rows": []}, "grades.json")
    Traceback (most recent call last):
    ...
    r2pkit.errors.R2PKitError: grades.json is not a results file of `r2pkit grade`: it has no list of 'submissions'.
    """
    if not isinstance(data, Mapping) or not isinstance(data.get("submissions"), list):
        raise R2PKitError(f"{where} is not a results file of `r2pkit grade`: it has no list of 'submissions'.")
    found: list[Submission] = []
    for i, sub in enumerate(data["submissions"], 1):
        at = f"{where}, submission {i}"
        if not isinstance(sub, Mapping) or not isinstance(sub.get("submission"), str):
            raise R2PKitError(f"{at}: each submission needs a 'submission' (the notebook's path).")
        at = f"{where}, {sub['submission']}"
        questions = []
        raw_questions = sub.get("questions") or []
        if not isinstance(raw_questions, list):
            raise R2PKitError(f"{at}: 'questions' must be a list.")
        for q in raw_questions:
            if not isinstance(q, Mapping) or not q.get("question"):
                continue  # a row for a notebook that could not be read has no question
            qat = f"{at}, question {q.get('question')}"
            questions.append(QuestionResult(
                question=str(q["question"]), status=_text(q.get("status")) or "error",
                points=_number(q.get("points", 0), qat), max_points=_number(q.get("max_points", 0), qat),
                answer=q.get("answer"), detail=_text(q.get("detail"))))
        notes = sub.get("notes") or []
        found.append(Submission(
            submission=sub["submission"], exercise=_text(sub.get("exercise")), questions=tuple(questions),
            file_sha256=_text(sub.get("file_sha256")), mtime=parse_time(sub.get("mtime"), f"{at}, mtime"),
            version=_text(sub.get("version")), mode=_text(sub.get("mode")),
            status_note=_text(sub.get("status_note")),
            notes=tuple(str(n) for n in notes) if isinstance(notes, list) else (str(notes),),
            student_id=_text(sub.get("student_id")).strip(), source=where))
    return found


_CSV_COLUMNS = ["submission", "exercise", "question", "status", "points", "max_points"]


def _from_csv(path: Path) -> list[Submission]:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in _CSV_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise R2PKitError(f"{path} is not a grades file of `r2pkit grade`: it lacks the column"
                              f"{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                              f"(expected {','.join(_CSV_COLUMNS)}).")
        rows: dict[str, list[dict[str, str]]] = {}
        for row in reader:
            rows.setdefault(row["submission"], []).append(row)
    found = []
    for name, group in rows.items():
        questions = tuple(QuestionResult(r["question"], r["status"], _number(r["points"], f"{path}, {name}"),
                                         _number(r["max_points"], f"{path}, {name}"))
                          for r in group if r["question"])
        digest, mtime = "", None
        file = Path(name)
        if file.is_file():  # the CSV has neither: read them from the submission itself, if it is still there
            digest = hashlib.sha256(file.read_bytes()).hexdigest()
            mtime = datetime.fromtimestamp(file.stat().st_mtime, tz=timezone.utc)
        found.append(Submission(name, group[0]["exercise"], questions, file_sha256=digest, mtime=mtime,
                                source=str(path)))
    return found


def load_results(paths: Iterable[str | Path]) -> tuple[list[Submission], list[str]]:
    """Read results files (``grades.json``, or a grades CSV); a submission graded again later wins.

    Returns the submissions and notes for the instructor (which were replaced by a regrade).
    """
    paths = [paths] if isinstance(paths, (str, Path)) else checks.list_of(
        paths, (str, Path), "paths", what="a list of results files", item="the path of a file (text)",
        allowed="Give the grades.json file(s) that `r2pkit grade` wrote, e.g. ['grades.json'].")
    paths = [checks.path(p, "paths", exists=False) for p in paths]
    by_key: dict[tuple[str, str], Submission] = {}
    notes: list[str] = []
    given = [Path(p) for p in paths]
    if not given:
        raise R2PKitError("No results given: name the grades.json file(s) that `r2pkit grade` wrote.")
    for path in given:
        if not path.is_file():
            hint = path.with_suffix(".json")
            raise R2PKitError(f"{path} does not exist." + (f" Did you mean {hint}?" if hint.is_file() else
                                                           " Give the grades.json that `r2pkit grade --out grades.csv` wrote."))
        if path.stat().st_size > MAX_BYTES:
            raise R2PKitError(f"{path} is larger than {MAX_BYTES // 1_000_000} MB: is it really a results file?")
        if path.suffix.lower() == ".csv":
            subs = _from_csv(path)
        else:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (UnicodeDecodeError, ValueError) as exc:
                raise R2PKitError(f"{path} cannot be read as JSON ({exc}); give the grades.json that "
                                  "`r2pkit grade` wrote.") from None
            subs = parse_results(data, str(path))
            extra = data.get("instructor_notes") or []  # the grader's notes for the instructor only
            notes += [f"{path.name}: {n}" for n in extra if isinstance(n, str)] if isinstance(extra, list) else []
        for sub in subs:
            key = (str(Path(sub.submission).resolve()) if sub.submission else "", sub.exercise)
            if key in by_key:
                notes.append(f"{sub.submission} ({sub.exercise}) was graded again in {path}; that grading is used.")
            by_key[key] = sub
    return list(by_key.values()), notes

"""Grading by hand through a spreadsheet: one question's answers across the class, names hidden.

``r2pkit seminar handgrade export`` writes one question's answers as a CSV file, one row
per student who handed the exercise in, in a **stable random order** (the same every time
for the same question, different from one question to the next, never alphabetical: so
the first and the last students in the roster are not always read first or when tired),
each student shown only as a **code**. Fill in ``points`` (and ``comment``) in any
spreadsheet program; ``r2pkit seminar handgrade import`` then turns every filled row into
an override of that question, with the comment as its reason, in the instructor's
overrides file: a regrade never loses it, and the student's feedback page shows the
comment.

The codes are an HMAC of the student's id with a secret kept beside the overrides file
(``.r2pkit-handgrade-secret``): whoever has only the spreadsheet cannot tell who wrote
what, and the import finds each student again from the roster.
"""
from __future__ import annotations

import csv
import hashlib
import hmac
import io
import math
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import R2PKitError
from .feedback import answer_text
from .gradebook import Gradebook, Override, atomic_write

__all__ = ["COLUMNS", "secret_for", "code", "order_key", "answers_csv", "read_scores"]

COLUMNS = ["code", "exercise", "question", "answer", "grader_status", "grader_points", "max_points", "points",
           "comment"]


def secret_for(overrides: str | Path) -> bytes:
    """The secret beside the overrides file (created on first use)."""
    path = Path(overrides).resolve().parent / ".r2pkit-handgrade-secret"
    if not path.exists():
        atomic_write(path, secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip().encode()


def code(secret: bytes, student_id: str) -> str:
    """A student's code: 8 letters and digits, the same for every question.

    >>> code(b"k", "s01") == code(b"k", "s01") != code(b"k", "s02")
    True
    >>> len(code(b"k", "s01"))
    8
    """
    return hmac.new(secret, student_id.lower().encode(), hashlib.sha256).hexdigest()[:8].upper()


def order_key(exercise: str, question: str, student_id: str) -> str:
    """The sort key of the stable random order (a hash: the same each time, another per question)."""
    return hashlib.sha256(f"{exercise}\0{question}\0{student_id}".encode()).hexdigest()


def answers_csv(book: Gradebook, exercise: str, question: str, secret: bytes, key: Any = None) -> str:
    """One question's answers across the class, to grade by hand (see the module's docstring)."""
    rows = book.questions[(book.questions["exercise"] == exercise) & (book.questions["question"] == question)
                          & (book.questions["status"] != "missing")]
    if rows.empty:
        known = sorted(set(zip(book.questions["exercise"], book.questions["question"])))
        raise R2PKitError(f"No answers to question {question} of {exercise} in these results. Questions there: "
                          + ", ".join(f"{e} {q}" for e, q in known[:30]) + ".")
    kq = next((q for q in key.questions if q.id == question), None) if key is not None else None
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in sorted(rows.itertuples(index=False), key=lambda r: order_key(exercise, question, r.student_id)):
        sub = book.submissions.get(r.submission)
        got = next((q for q in sub.questions if q.question == question), None) if sub else None
        writer.writerow([code(secret, r.student_id), exercise, question,
                         answer_text(got.answer if got else None, kq), r.status, f"{float(r.grader_points):g}",
                         f"{float(r.max_points):g}", "", ""])
    return out.getvalue()


def read_scores(text: str, book: Gradebook, secret: bytes, where: str = "scores", date: str = "") -> list[Override]:
    """The filled rows of a hand-grading file, as overrides; refuses a file of another assignment.

    Rows with an empty ``points`` are left out (not graded yet).
    """
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("code", "exercise", "question", "points") if c not in (reader.fieldnames or [])]
    if missing:
        raise R2PKitError(f"{where} is not a hand-grading file of `r2pkit seminar handgrade export`: it lacks "
                          f"the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}.")
    by_code = {code(secret, s.id): s.id for s in book.students}
    layout = {(r.exercise, r.question): float(r.max_points) for r in book.questions.itertuples(index=False)}
    found: list[Override] = []
    for row_no, row in enumerate(reader, 2):
        at = f"{where}, row {row_no}"
        ex, q = (row.get("exercise") or "").strip(), (row.get("question") or "").strip()
        if (ex, q) not in layout:
            raise R2PKitError(f"{at}: question {q or '?'} of {ex or '?'} is not in these results: is this file "
                              "from another assignment (or the results of another exercise)?")
        sid = by_code.get((row.get("code") or "").strip().upper())
        if sid is None:
            raise R2PKitError(f"{at}: the code {row.get('code')!r} is no student of this roster. Was the file "
                              "exported for another class, or with another overrides file (whose secret made the codes)?")
        text_points = (row.get("points") or "").strip()
        if not text_points:
            continue
        try:
            points = float(text_points.replace(",", "."))
        except ValueError:
            raise R2PKitError(f"{at}: points must be a number, e.g. 2 or 1.5, not {text_points!r}.") from None
        if not math.isfinite(points) or not 0 <= points <= layout[(ex, q)]:
            raise R2PKitError(f"{at}: points must be between 0 and {layout[(ex, q)]:g} (the question's maximum), "
                              f"not {text_points}.")
        comment = (row.get("comment") or "").strip()
        found.append(Override(sid, ex, q, points, f"graded by hand: {comment}" if comment else "graded by hand",
                              date))
    return found


def _codes_unique(students: Sequence[Any], secret: bytes) -> bool:
    return len({code(secret, s.id) for s in students}) == len(students)

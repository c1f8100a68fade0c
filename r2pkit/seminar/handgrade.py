"""Grading by hand through a spreadsheet: one question's answers across the class, names hidden.

``r2pkit seminar handgrade export`` writes one question's answers as a CSV file or an Excel
workbook (``--out q7.csv`` or ``--out q7.xlsx``: the suffix chooses; a workbook keeps the
answers' line breaks and accents whatever the spreadsheet program's locale), one row
per student who handed the exercise in, in a **stable random order** (the same every time
for the same question, different from one question to the next, never alphabetical: so
the first and the last students in the roster are not always read first or when tired),
each student shown only as a **code**. Fill in ``points`` (and ``comment``) in any
spreadsheet program; ``r2pkit seminar handgrade import`` then turns every filled row into
an override of that question, with the comment as its reason (from a ``.csv`` or an
``.xlsx`` file, again by its suffix), in the instructor's
overrides file: a regrade never loses it, and the student's feedback page shows the
comment.

The codes are an HMAC of the student's id with a secret kept beside the overrides file
(``.r2pkit-handgrade-secret``): whoever has only the spreadsheet cannot tell who wrote
what, and the import finds each student again from the roster.

**Rubrics.** When the question has a rubric (a written question: items with points and a
comment each, in the exercise source), the export gives the answer in full and adds one
column per item (``R1 (+1): Names the relationship …``): put an ``x`` in a cell to tick the
item. A row with ticks and no ``points`` gets the ticked items' points (at most the
question's); a row with ``points`` keeps them. The reason saved lists the items ticked, so
the student's feedback page shows what earned each point; the grading view reads the
ticks back from it.
"""
from __future__ import annotations

import csv
import hashlib
import hmac
import io
import math
import re
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import R2PKitError
from ..files import atomic_write
from .feedback import answer_text
from .gradebook import Gradebook, Override

__all__ = ["COLUMNS", "FULL_ANSWER", "secret_for", "code", "order_key", "answers_csv", "answers_xlsx",
           "read_scores", "read_scores_file", "as_text", "rubric_items", "rubric_reason", "ticked_in", "rubric_column"]

COLUMNS = ["code", "exercise", "question", "answer", "grader_status", "grader_points", "max_points", "points",
           "comment"]
FULL_ANSWER = 20_000  # characters of an answer shown for grading by hand (a written answer in full)
_TICK = "✓"


def rubric_items(question: Any) -> list[tuple[float, str]]:
    """A question's rubric as (points, comment) pairs (empty without one).

    >>> from r2pkit.exercises.kinds.written import RubricItem
    >>> class Q: extra = {"rubric": (RubricItem(2, "Names the duty"),)}
    >>> rubric_items(Q()), rubric_items(None)
    ([(2.0, 'Names the duty')], [])
    """
    from ..exercises.kinds.written import rubric

    return [(float(item.points), str(item.comment)) for item in rubric(question)] if question is not None else []


def rubric_reason(items: Sequence[tuple[float, str]], ticked: Sequence[int], comment: str = "") -> str:
    """The reason saved with a hand score: the rubric items ticked, then the free comment.

    >>> items = [(1.0, "Names the duty"), (2.0, "Weighs the evidence")]
    >>> rubric_reason(items, [0, 1], "Good use of p. 274.")
    'graded by hand: ✓ 1. Names the duty (+1); ✓ 2. Weighs the evidence (+2) — Good use of p. 274.'
    >>> rubric_reason([], [], "right method"), rubric_reason([], [])
    ('graded by hand: right method', 'graded by hand')
    """
    parts = [f"{_TICK} {i + 1}. {items[i][1]} ({items[i][0]:+g})" for i in sorted(set(ticked))]
    comment = " ".join(str(comment).split())
    text = "; ".join(parts) + (" — " if parts and comment else "") + comment
    return f"graded by hand: {text}" if text else "graded by hand"


def ticked_in(items: Sequence[tuple[float, str]], reason: str) -> tuple[set[int], str]:
    """The rubric items ticked and the free comment in a saved reason (see :func:`rubric_reason`).

    >>> items = [(1.0, "Names the duty"), (2.0, "Weighs the evidence")]
    >>> ticked_in(items, rubric_reason(items, [1], "Cite pages."))
    ({1}, 'Cite pages.')
    >>> ticked_in(items, "graded by hand: right method")
    (set(), 'right method')
    """
    text = reason[len("graded by hand: "):] if reason.startswith("graded by hand: ") else ""
    ticks = set()
    for i, (points, comment) in enumerate(items):
        mark = f"{_TICK} {i + 1}. {comment} ({points:+g})"
        if mark in text:
            ticks.add(i)
            text = text.replace(mark, "", 1)
    text = text.strip().lstrip(";").strip()
    text = text[len("—"):].strip() if text.startswith("—") else text
    return ticks, text.strip("; ").strip()


def rubric_column(n: int, item: tuple[float, str]) -> str:
    """The header of a rubric item's column in the spreadsheet.

    >>> rubric_column(1, (1.0, "Names the duty"))
    'R1 (+1): Names the duty'
    """
    return f"R{n} ({item[0]:+g}): {item[1]}"


def secret_for(overrides: str | Path) -> bytes:
    """The secret beside the overrides file (created on first use)."""
    path = Path(overrides).resolve().parent / ".r2pkit-handgrade-secret"
    if not path.exists():
        atomic_write(path, secrets.token_hex(32), mode=0o600)
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
    header, table = _sheet(book, rows, exercise, question, secret, key)
    answer = header.index("answer")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([*row[:answer], as_text(row[answer]), *row[answer + 1:]] for row in table)
    return out.getvalue()


#: What makes a spreadsheet program read a CSV cell as a formula (OWASP's list for "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text(answer: str) -> str:
    """A student's answer as a CSV cell a spreadsheet program shows as text, never runs as a formula.

    Excel and LibreOffice run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (a
    student could write ``=HYPERLINK(...)``); a leading apostrophe makes it text (Excel shows
    the cell without it; a text editor shows it). The import never reads the answer column,
    so nothing else changes. A workbook needs no such mark: its cells are typed.

    >>> as_text("=1+1"), as_text("-2 is less"), as_text("Due diligence.")
    ("'=1+1", "'-2 is less", 'Due diligence.')
    """
    return "'" + answer if answer.startswith(_FORMULA_START) else answer


def answers_xlsx(book: Gradebook, exercise: str, question: str, secret: bytes, key: Any = None) -> bytes:
    """The same as :func:`answers_csv`, as an Excel workbook (``.xlsx``): one sheet, the header
    frozen, the answers wrapped in a wide column, the points as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    rows = book.questions[(book.questions["exercise"] == exercise) & (book.questions["question"] == question)
                          & (book.questions["status"] != "missing")]
    if rows.empty:
        answers_csv(book, exercise, question, secret, key)  # raises, saying which questions there are
    header, table = _sheet(book, rows, exercise, question, secret, key)
    wb = Workbook()
    ws = wb.active
    ws.title = re.sub(r"[\\/?*\[\]:]", " ", f"{exercise} {question}")[:31]
    ws.append(header)
    numeric = {header.index(c) for c in ("grader_points", "max_points")}
    for row in table:
        ws.append([float(v) if i in numeric else v for i, v in enumerate(row)])
        for cell in ws[ws.max_row]:
            if cell.data_type == "f":  # an answer that starts with '=' is the student's text, never a formula
                cell.data_type = "s"
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = {"code": 11, "exercise": 12, "question": 9, "answer": 70, "grader_status": 12, "grader_points": 9,
              "max_points": 9, "points": 9, "comment": 40}
    for i, name in enumerate(header, 1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = widths.get(name, 14)
    answer_col = header.index("answer") + 1
    for r in range(2, len(table) + 2):
        ws.cell(r, answer_col).alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "B2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _sheet(book: Gradebook, rows: Any, exercise: str, question: str, secret: bytes,
           key: Any) -> tuple[list[str], list[list[str]]]:
    """The hand-grading file's header and rows, in the stable random order."""
    kq = next((q for q in key.questions if q.id == question), None) if key is not None else None
    items = rubric_items(kq)
    header = COLUMNS + [rubric_column(n, item) for n, item in enumerate(items, 1)]
    table = []
    for r in sorted(rows.itertuples(index=False), key=lambda r: order_key(exercise, question, r.student_id)):
        sub = book.submissions.get(r.submission)
        got = next((q for q in sub.questions if q.question == question), None) if sub else None
        table.append([code(secret, r.student_id), exercise, question,
                      answer_text(got.answer if got else None, kq, limit=FULL_ANSWER), r.status,
                      f"{float(r.grader_points):g}", f"{float(r.max_points):g}", "", ""] + [""] * len(items))
    return header, table


def read_scores(text: str, book: Gradebook, secret: bytes, where: str = "scores", date: str = "") -> list[Override]:
    """The filled rows of a hand-grading file, as overrides; refuses a file of another assignment.

    Rows with an empty ``points`` are left out (not graded yet).
    """
    reader = csv.DictReader(io.StringIO(text))
    return _scores(list(reader.fieldnames or []), reader, book, secret, where, date)


def read_scores_file(path: str | Path, book: Gradebook, secret: bytes, date: str = "") -> list[Override]:
    """The filled rows of a hand-grading file, ``.csv`` or ``.xlsx`` (chosen by its suffix), as overrides."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise R2PKitError(f"{path} is not a UTF-8 text file. If your spreadsheet program saved it in another "
                              "encoding, save it again as 'CSV UTF-8', or as an Excel workbook (.xlsx).") from None
        return read_scores(text, book, secret, str(path), date)
    if suffix == ".xlsx":
        header, rows = _xlsx_rows(path)
        return _scores(header, rows, book, secret, str(path), date)
    raise R2PKitError(f"{path}: a hand-grading file is .csv or .xlsx (what `r2pkit seminar handgrade export` "
                      f"wrote), not {suffix or 'a file without a suffix'}. Save it from your spreadsheet program "
                      "as an Excel workbook (.xlsx) or as CSV UTF-8 (.csv).")


def _xlsx_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The first sheet of a workbook as a header and rows of text (numbers as a reader writes them)."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise R2PKitError(f"{path} cannot be read as an Excel workbook ({type(exc).__name__}). Save it from your "
                          "spreadsheet program as 'Excel 2007-365 (.xlsx)', or export it as CSV UTF-8 (.csv).") from None
    try:
        values = list(wb.worksheets[0].iter_rows(values_only=True)) if wb.worksheets else []
    finally:
        wb.close()

    def text(v: Any) -> str:
        if v is None:
            return ""
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v)

    if not values:
        return [], []
    header = [text(v).strip() for v in values[0]]
    rows = []
    for raw in values[1:]:
        cells = [text(v) for v in raw]
        if any(c.strip() for c in cells):
            rows.append({h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header) if h})
    return header, rows


def _scores(header: list[str], rows: Any, book: Gradebook, secret: bytes, where: str, date: str) -> list[Override]:
    missing = [c for c in ("code", "exercise", "question", "points") if c not in header]
    if missing:
        raise R2PKitError(f"{where} is not a hand-grading file of `r2pkit seminar handgrade export`: it lacks "
                          f"the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}.")
    by_code = {code(secret, s.id): s.id for s in book.students}
    items = _rubric_from_header(header)
    columns = _rubric_columns(header)
    layout = {(r.exercise, r.question): float(r.max_points) for r in book.questions.itertuples(index=False)}
    found: list[Override] = []
    for row_no, row in enumerate(rows, 2):
        at = f"{where}, row {row_no}"
        ex, q = (row.get("exercise") or "").strip(), (row.get("question") or "").strip()
        if (ex, q) not in layout:
            raise R2PKitError(f"{at}: question {q or '?'} of {ex or '?'} is not in these results: is this file "
                              "from another assignment (or the results of another exercise)?")
        sid = by_code.get((row.get("code") or "").strip().upper())
        if sid is None:
            raise R2PKitError(f"{at}: the code {row.get('code')!r} is no student of this roster. Was the file "
                              "exported for another class, or with another overrides file (whose secret made the codes)?")
        ticked = [i for i, column in enumerate(columns) if (row.get(column) or "").strip()]
        text_points = (row.get("points") or "").strip()
        if not text_points and not ticked:
            continue
        if text_points:
            try:
                points = float(text_points.replace(",", "."))
            except ValueError:
                raise R2PKitError(f"{at}: points must be a number, e.g. 2 or 1.5, not {text_points!r}.") from None
        else:
            points = min(sum(items[i][0] for i in ticked), layout[(ex, q)])
        if not math.isfinite(points) or not 0 <= points <= layout[(ex, q)]:
            raise R2PKitError(f"{at}: points must be between 0 and {layout[(ex, q)]:g} (the question's maximum), "
                              f"not {text_points}.")
        found.append(Override(sid, ex, q, points, rubric_reason(items, ticked, row.get("comment") or ""), date))
    return found


def _rubric_columns(header: Sequence[str]) -> list[str]:
    return [h for h in header if re.match(r"R\d+ \(", h or "")]


def _rubric_from_header(header: Sequence[str]) -> list[tuple[float, str]]:
    """The rubric as the exported file's headers give it (``R1 (+1): comment``)."""
    found = []
    for h in _rubric_columns(header):
        m = re.match(r"R\d+ \(([-+]?[\d.]+)\): (.*)", h)
        found.append((float(m.group(1)), m.group(2)) if m else (0.0, h))
    return found


def _codes_unique(students: Sequence[Any], secret: bytes) -> bool:
    return len({code(secret, s.id) for s in students}) == len(students)

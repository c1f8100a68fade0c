"""Grade columns in the CSV formats Canvas and Moodle import.

**Canvas** (Grades → Import): the columns of Canvas's own gradebook export,
``Student, ID, SIS User ID, SIS Login ID, Section``, then one column per assignment.
Canvas finds each student by ``ID`` (its own user id), else ``SIS User ID``, else
``SIS Login ID``; the kit writes the roster's id as ``SIS User ID``, the login (or the
email) as ``SIS Login ID``, and leaves ``ID`` empty unless the roster has a ``canvas_id``.
An assignment column named exactly as in a Canvas export (``Exercise 1 (12345)``) fills
that assignment; any other name makes a new assignment. The second row,
``Points Possible``, gives each column's maximum, as Canvas's export does (Canvas reads it
as information only).

**Moodle** (Grades → Import → CSV file): any header is accepted and mapped on the import
page. The kit writes ``ID number, Email address, Full name``, then one column per
exercise. On the import page set *Map from* ``ID number`` → *Map to* ``useridnumber``
(or ``Email address`` → ``useremail``; Moodle compares emails case-sensitively), and map
each exercise column to its grade item or to *new grade item*.

Numbers use a decimal point and no thousands separator. A student with no submission gets
0 (``missing="zero"``) or an empty cell (``missing="blank"``, which leaves any grade the
system already has).
"""
from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from ..errors import one_of
from .gradebook import Gradebook

__all__ = ["canvas_csv", "moodle_csv", "FORMATS"]

FORMATS = ("canvas", "moodle")


def _number(value: float) -> str:
    """>>> _number(7.0), _number(6.75)
    ('7', '6.75')"""
    return f"{round(value, 2):g}"


def _scores(book: Gradebook, names: Mapping[str, str], missing: str) -> tuple[list[str], list[str], dict[str, list[str]]]:
    missing = one_of(missing, ("zero", "blank"), "way to write a missing submission")
    exercises = sorted(book.exercises["exercise"].unique())
    headers = [names.get(ex, ex) for ex in exercises]
    maxima = [_number(float(book.exercises.loc[book.exercises["exercise"] == ex, "max_points"].iloc[0]))
              for ex in exercises]
    cells: dict[str, list[str]] = {}
    for row in book.exercises.itertuples(index=False):
        value = "" if (row.status == "missing" and missing == "blank") else _number(float(row.score))
        cells.setdefault(row.student_id, ["" for _ in exercises])[exercises.index(row.exercise)] = value
    return headers, maxima, cells


def canvas_csv(book: Gradebook, names: Mapping[str, str] | None = None, missing: str = "zero") -> str:
    """The gradebook as a Canvas grade import file (see the module's docstring)."""
    headers, maxima, cells = _scores(book, names or {}, missing)
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *headers])
    out.writerow(["Points Possible", "", "", "", "", *maxima])
    for st in book.students:
        out.writerow([st.name or st.id, "", st.id, st.login or st.email, st.section, *cells.get(st.id, [])])
    return buf.getvalue()


def moodle_csv(book: Gradebook, names: Mapping[str, str] | None = None, missing: str = "zero") -> str:
    """The gradebook as a Moodle grade import file (see the module's docstring)."""
    headers, _, cells = _scores(book, names or {}, missing)
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(["ID number", "Email address", "Full name", *headers])
    for st in book.students:
        out.writerow([st.id, st.email, st.name, *cells.get(st.id, [])])
    return buf.getvalue()

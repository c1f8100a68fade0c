"""The class list, and which student handed in which notebook.

A roster is a CSV file with a row per student: an id (required), a name and an email;
optionally a login (the student's user name on the hub) and a section. Column names are
matched without regard to case or spaces, and the usual names of learning-management
exports are understood (``SIS User ID``, ``ID number``, ``Email address`` …).

A submission is matched to a student

1. by its path: the student's id, login or email appears in the file or folder name as a
   whole word (``submissions/s1234/ex01.ipynb``, ``ex01_s1234.ipynb``; ``s12345`` does not
   match ``s1234``);
2. otherwise by the id the student entered in the notebook, when the grader reports one.

Files that match no student, or more than one, are reported and left out of the
gradebook; students with no file are reported as missing (and get 0 for that exercise).
"""
from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import checks
from ..errors import R2PKitError
from .results import Submission

__all__ = ["Student", "read_roster", "parse_roster", "Match", "match"]


@dataclass(frozen=True)
class Student:
    id: str
    name: str = ""
    email: str = ""
    login: str = ""
    section: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} ({self.id})" if self.name else self.id


_ALIASES = {
    "id": ("student_id", "student id", "id", "sis user id", "id number", "idnumber", "student number", "matriculation"),
    "name": ("name", "full name", "student name", "student"),
    "first": ("first name", "first_name", "given name"),
    "last": ("last name", "last_name", "surname", "family name"),
    "email": ("email", "email address", "e-mail", "mail"),
    "login": ("login", "username", "user name", "hub user", "sis login id"),
    "section": ("section", "group"),
}


def _norm(name: str) -> str:
    return re.sub(r"[\s_]+", " ", name.strip().lower())


def parse_roster(text: str, where: str = "roster") -> tuple[Student, ...]:
    """Students from a roster's CSV text; refuses a roster without ids or with a student twice.

    >>> parse_roster("Student ID,Name,Email\\ns1,Ada Lovelace,ada@example.org\\ns2,Alan Turing,\\n")
    (Student(id='s1', name='Ada Lovelace', email='ada@example.org', login='', section=''), Student(id='s2', name='Alan Turing', email='', login='', section=''))
    >>> parse_roster("name,email\\nAda,ada@example.org\\n", "roster.csv")
    Traceback (most recent call last):
    ...
    r2pkit.errors.R2PKitError: roster.csv has no student id column (its columns: name, email). Name the column of ids student_id (or id, SIS User ID, ID number).
    >>> parse_roster("id,name\\ns1,Ada\\nS1,Alan\\n", "roster.csv")
    Traceback (most recent call last):
    ...
    r2pkit.errors.R2PKitError: roster.csv: student S1 is listed twice (rows 2 and 3). Each student must have one row and their own id.
    """
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise R2PKitError(f"{where} is empty: it needs a header row (student_id,name,email) and a row per student.")
    try:
        dialect = csv.Sniffer().sniff(lines[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    reader = csv.reader(lines, dialect)
    header = next(reader)
    columns: dict[str, int] = {}
    for i, name in enumerate(header):
        for role, names in _ALIASES.items():
            if _norm(name) in names and role not in columns:
                columns[role] = i
    if "id" not in columns:
        raise R2PKitError(f"{where} has no student id column (its columns: {', '.join(h.strip() for h in header)}). "
                          "Name the column of ids student_id (or id, SIS User ID, ID number).")
    students: list[Student] = []
    seen: dict[str, int] = {}
    for row_no, row in enumerate(reader, 2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(role: str) -> str:
            i = columns.get(role)
            return row[i].strip() if i is not None and i < len(row) else ""

        sid = cell("id")
        if not sid:
            raise R2PKitError(f"{where}, row {row_no}: the student id is empty. Every student needs an id.")
        if sid.lower() in seen:
            raise R2PKitError(f"{where}: student {sid} is listed twice (rows {seen[sid.lower()]} and {row_no}). "
                              "Each student must have one row and their own id.")
        seen[sid.lower()] = row_no
        name = cell("name") or " ".join(p for p in (cell("first"), cell("last")) if p)
        students.append(Student(sid, name, cell("email"), cell("login"), cell("section")))
    if not students:
        raise R2PKitError(f"{where} lists no students: add a row per student under the header.")
    return tuple(students)


def read_roster(path: str | Path) -> tuple[Student, ...]:
    """Read a roster CSV file (UTF-8, with or without a byte-order mark; commas, semicolons or tabs)."""
    path = checks.path(path, "path", exists=False, note="Give the class list as a CSV file (columns student_id,name,email).")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise R2PKitError(f"{path} does not exist: give the class list as a CSV file "
                          "(columns student_id,name,email).") from None
    except UnicodeDecodeError:
        raise R2PKitError(f"{path} is not UTF-8 text: save it from your spreadsheet as 'CSV UTF-8'.") from None
    return parse_roster(text, str(path))


@dataclass
class Match:
    """Which student each submission belongs to, and what could not be placed."""

    student_of: dict[str, str] = field(default_factory=dict)  # submission -> student id
    how: dict[str, str] = field(default_factory=dict)  # submission -> "file name" | "notebook"
    unmatched: list[str] = field(default_factory=list)  # submissions (with why)
    missing: list[tuple[str, str]] = field(default_factory=list)  # (student id, exercise) with no file
    notes: list[str] = field(default_factory=list)


def _word(token: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![A-Za-z0-9]){re.escape(token)}(?![A-Za-z0-9])", re.I)


def match(submissions: Sequence[Submission], roster: Sequence[Student]) -> Match:
    """Match each submission to one student of the roster (see the module's docstring).

    >>> from r2pkit.seminar.results import Submission
    >>> roster = [Student("s1", "Ada"), Student("s12", "Alan"), Student("s3", "Grace")]
    >>> subs = [Submission("in/s1/ex00.ipynb", "ex00", ()), Submission("in/ex00_s12.ipynb", "ex00", ()),
    ...         Submission("in/mystery.ipynb", "ex00", (), student_id="S3"), Submission("in/x.ipynb", "ex00", ())]
    >>> m = match(subs, roster)
    >>> m.student_of
    {'in/s1/ex00.ipynb': 's1', 'in/ex00_s12.ipynb': 's12', 'in/mystery.ipynb': 's3'}
    >>> m.unmatched
    ['in/x.ipynb: no student id of the roster in its name, and no id entered in the notebook']
    """
    submissions = checks.list_of(submissions, Submission, "submissions", what="a list of submissions",
                                 item="a submission", allowed="Pass the submissions seminar.load_results(...) returns.")
    roster = checks.list_of(roster, Student, "roster", what="a roster (a list of students)", item="a student",
                            allowed="Pass seminar.read_roster('roster.csv').")
    result = Match()
    patterns = [(s, [_word(t) for t in (s.id, s.login, s.email) if t]) for s in roster]
    by_id = {s.id.lower(): s for s in roster}
    for sub in submissions:
        # Only the file's name and its folder's: folders higher up (a temporary folder, a
        # course name) are not the student's and could contain anything.
        path = "/".join(sub.submission.replace("\\", "/").split("/")[-2:])
        hits = [s for s, pats in patterns if any(p.search(path) for p in pats)]
        if len(hits) > 1:
            result.unmatched.append(f"{sub.submission}: its name fits more than one student "
                                    f"({', '.join(s.id for s in hits)}); rename it after one of them")
            continue
        entered = by_id.get(sub.student_id.lower()) if sub.student_id else None
        if hits:
            result.student_of[sub.submission], result.how[sub.submission] = hits[0].id, "file name"
            if sub.student_id and (entered is None or entered.id != hits[0].id):
                result.notes.append(f"{sub.submission}: the notebook says student {sub.student_id!r}, its name says "
                                    f"{hits[0].id}; the name is used")
        elif entered is not None:
            result.student_of[sub.submission], result.how[sub.submission] = entered.id, "notebook"
        elif sub.student_id:
            result.unmatched.append(f"{sub.submission}: the id entered in the notebook ({sub.student_id!r}) "
                                    "is not on the roster")
        else:
            result.unmatched.append(f"{sub.submission}: no student id of the roster in its name, "
                                    "and no id entered in the notebook")
    exercises = sorted({s.exercise for s in submissions if s.exercise})
    handed = {(result.student_of[s.submission], s.exercise) for s in submissions if s.submission in result.student_of}
    result.missing = [(st.id, ex) for ex in exercises for st in roster if (st.id, ex) not in handed]
    return result

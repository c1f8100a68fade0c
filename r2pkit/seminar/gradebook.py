"""The gradebook: the grader's points per question, the instructor's overrides, a late policy, totals.

How a student's score for an exercise is computed, in this order:

1. each question's points are the grader's, unless an **override** for that question
   replaces them;
2. their sum is reduced by the **late policy**: a penalty (a share of the points) for each
   started day past the deadline, after an optional grace period; after ``max_days`` late
   days the score is 0;
3. an override for the whole exercise (question ``*`` or empty) has the last word.

Overrides live in the instructor's own CSV file (``overrides.csv``: ``student_id, exercise,
question, points, reason, date``), never in the grader's output, so grading again (the
whole class, or one student) never loses them. Each needs a reason; when a question has
several, the last row counts, and the file keeps the history.

The totals across exercises are plain sums of points; a student with no submission for an
exercise gets 0 for it and is listed as missing.
"""
from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd

from .. import checks
from ..errors import R2PKitError, closest
from ..files import atomic_write
from .results import Submission, parse_time
from .roster import Match, Student, match

__all__ = ["Override", "read_overrides", "add_override", "LatePolicy", "parse_penalty", "Gradebook", "build",
           "OVERRIDE_COLUMNS"]

OVERRIDE_COLUMNS = ["student_id", "exercise", "question", "points", "reason", "date"]
WHOLE = "*"  # an override of an exercise's total


@dataclass(frozen=True)
class Override:
    student_id: str
    exercise: str
    question: str  # "*" for the exercise's total
    points: float
    reason: str
    date: str = ""


def _points(text: str, where: str) -> float:
    try:
        value = float(str(text).strip())
    except ValueError:
        raise R2PKitError(f"{where}: points must be a number, e.g. 2 or 1.5, not {text!r}.") from None
    if not math.isfinite(value) or value < 0:
        raise R2PKitError(f"{where}: points must be 0 or more, not {text!r}.")
    return value


def parse_overrides(text: str, where: str = "overrides") -> list[Override]:
    """Overrides from CSV text (see the module's docstring); each must give points and a reason.

    >>> parse_overrides("student_id,exercise,question,points,reason\\ns1,ex00,q4,2,read the table right\\n")
    [Override(student_id='s1', exercise='ex00', question='q4', points=2.0, reason='read the table right', date='')]
    >>> parse_overrides("student_id,exercise,question,points,reason\\ns1,ex00,,2,\\n", "overrides.csv")
    Traceback (most recent call last):
    ...
    r2pkit.errors.R2PKitError: overrides.csv, row 2: an override needs a reason (students and colleagues will ask).
    """
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in OVERRIDE_COLUMNS[:5] if c not in (reader.fieldnames or [])]
    if missing:
        raise R2PKitError(f"{where} lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}: "
                          f"an overrides file has the columns {','.join(OVERRIDE_COLUMNS)}.")
    found = []
    for row_no, row in enumerate(reader, 2):
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        at = f"{where}, row {row_no}"
        sid, ex = (row.get("student_id") or "").strip(), (row.get("exercise") or "").strip()
        if not sid or not ex:
            raise R2PKitError(f"{at}: an override needs a student_id and an exercise.")
        reason = (row.get("reason") or "").strip()
        if not reason:
            raise R2PKitError(f"{at}: an override needs a reason (students and colleagues will ask).")
        found.append(Override(sid, ex, (row.get("question") or "").strip() or WHOLE,
                              _points(row.get("points") or "", at), reason, (row.get("date") or "").strip()))
    return found


def read_overrides(path: str | Path | None) -> list[Override]:
    """The overrides in ``path`` (none if the file does not exist yet)."""
    if path is not None:
        path = checks.path(path, "path", exists=False)
    if path is None or not Path(path).exists():
        return []
    return parse_overrides(Path(path).read_text(encoding="utf-8-sig"), str(path))


def add_override(path: str | Path, override: Override) -> None:
    """Append one override to the file (created with its header if new), atomically."""
    path = Path(path)
    old = path.read_text(encoding="utf-8-sig") if path.exists() else ""
    if old.strip():
        parse_overrides(old, str(path))  # refuse to append to a broken file
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if not old.strip():
        writer.writerow(OVERRIDE_COLUMNS)
    elif not old.endswith("\n"):
        buf.write("\n")
    o = override
    writer.writerow([o.student_id, o.exercise, "" if o.question == WHOLE else o.question, f"{o.points:g}", o.reason,
                     o.date or datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")])
    atomic_write(path, old + buf.getvalue())


def parse_penalty(text: str) -> float:
    """A late penalty per day as a share of the points: ``10%``, ``10`` (per cent) or ``0.1``.

    >>> parse_penalty("10%"), parse_penalty("10"), parse_penalty("0.25"), parse_penalty("100%")
    (0.1, 0.1, 0.25, 1.0)
    >>> parse_penalty("-5")
    Traceback (most recent call last):
    ...
    r2pkit.errors.R2PKitError: The late penalty must be between 0% and 100% per day (e.g. 10%), not '-5'.
    """
    raw = str(text).strip().rstrip("%").strip()
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if math.isfinite(value) and value > 1 or str(text).strip().endswith("%"):
        value /= 100
    if not math.isfinite(value) or not 0 <= value <= 1:
        raise R2PKitError(f"The late penalty must be between 0% and 100% per day (e.g. 10%), not {text!r}.")
    return value


@dataclass(frozen=True)
class LatePolicy:
    """Deadlines (by exercise; ``*`` for every exercise) and the penalty per started day late.

    >>> policy = LatePolicy({"*": parse_time("2026-12-01T23:59:00+00:00")}, per_day=0.1, max_days=3)
    >>> policy.days_late("ex00", parse_time("2026-12-02T00:30:00+00:00"))
    1
    >>> policy.factor(1), policy.factor(3), policy.factor(4)
    (0.9, 0.7, 0.0)
    >>> policy.days_late("ex00", parse_time("2026-12-01T23:00:00+00:00"))
    0
    """

    deadlines: Mapping[str, datetime] = field(default_factory=dict)
    per_day: float = 0.0
    max_days: int | None = None
    grace: timedelta = timedelta(0)

    def deadline(self, exercise: str) -> datetime | None:
        return self.deadlines.get(exercise, self.deadlines.get(WHOLE))

    def days_late(self, exercise: str, submitted: datetime | None) -> int:
        deadline = self.deadline(exercise)
        if deadline is None or submitted is None:
            return 0
        over = submitted - deadline - self.grace
        return max(0, math.ceil(over / timedelta(days=1))) if over > timedelta(0) else 0

    def factor(self, days: int) -> float:
        """The share of the points kept after ``days`` late days."""
        if days <= 0:
            return 1.0
        if self.max_days is not None and days > self.max_days:
            return 0.0
        return round(max(0.0, 1.0 - self.per_day * days), 10)


@dataclass
class Gradebook:
    """Everything the later steps need: per question, per exercise, per student, and notes."""

    students: tuple[Student, ...]
    questions: pd.DataFrame  # a row per student, exercise and question
    exercises: pd.DataFrame  # a row per student and exercise
    totals: pd.DataFrame  # a row per student
    submissions: dict[str, Submission]  # by path, those in the gradebook
    notes: list[str]  # for the instructor only (never in a student's feedback)
    matching: Match


def _times(times: Mapping[str, datetime] | None, sub: Submission, sid: str) -> tuple[datetime | None, str]:
    if times:
        for key in (sid, sid.lower(), sub.submission):
            if key in times:
                return times[key], "given"
    return sub.mtime, ("file time" if sub.mtime else "")


def build(submissions: Sequence[Submission], roster: Sequence[Student], overrides: Sequence[Override] = (),
          policy: LatePolicy | None = None, times: Mapping[str, datetime] | None = None) -> Gradebook:
    """Put the grader's results, the roster, overrides and a late policy together (a pure function)."""
    submissions = checks.list_of(submissions, Submission, "submissions", what="a list of submissions",
                                 item="a submission", allowed="Pass the submissions seminar.load_results(...) returns.")
    roster = checks.list_of(roster, Student, "roster", what="a roster (a list of students)", item="a student",
                            allowed="Pass seminar.read_roster('roster.csv').")
    overrides = checks.list_of(overrides, Override, "overrides", what="a list of overrides", item="an override",
                               allowed="Pass seminar.read_overrides('overrides.csv').")
    if policy is not None:
        checks.instance_of(policy, LatePolicy, "policy", what="a late policy", allowed="Pass seminar.LatePolicy(...).")
    if times is not None:
        checks.instance_of(times, Mapping, "times", what="hand-in times (a dict from submission to time)")
    policy = policy or LatePolicy()
    m = match(submissions, roster)
    notes = list(m.notes)
    students = {s.id: s for s in roster}
    # one submission per student and exercise: the latest, when a student handed in twice
    chosen: dict[tuple[str, str], Submission] = {}
    for sub in submissions:
        sid = m.student_of.get(sub.submission)
        if sid is not None and not sub.exercise:
            why = "; ".join(sub.notes) or "it could not be read or its exercise was not recognised"
            notes.append(f"{students[sid].label}: {sub.submission} was not graded ({why}).")
        if sid is None or not sub.exercise:
            continue
        key = (sid, sub.exercise)
        if key in chosen:
            old = chosen[key]
            by_name = [s for s in (old, sub) if m.how.get(s.submission) == "file name"]
            if len(by_name) == 1:
                # The id typed in a notebook is the student's word, the file's name is the
                # collection's: a file that names a student is never displaced by another file
                # claiming that student's id, however recent (that would let one student replace
                # another's work and grade).
                kept = by_name[0]
                other = sub if kept is old else old
                notes.append(f"{other.submission} claims to be {students[sid].label}'s {sub.exercise} by the id typed in "
                             f"it, but {kept.submission} is named after that student: {kept.submission} is graded "
                             f"and {other.submission} is not. Check who handed it in.")
                chosen[key] = kept
                continue
            newer = sub if (sub.mtime or datetime.min.replace(tzinfo=timezone.utc)) >= (
                old.mtime or datetime.min.replace(tzinfo=timezone.utc)) else old
            notes.append(f"{students[sid].label} handed in {sub.exercise} twice ({old.submission}, {sub.submission}); "
                         f"the later one, {newer.submission}, is graded.")
            chosen[key] = newer
        else:
            chosen[key] = sub
    exercises = sorted({s.exercise for s in submissions if s.exercise})
    # the questions of each exercise, in the grader's order, and their points
    layout: dict[str, dict[str, float]] = {}
    for sub in submissions:
        for q in sub.questions:
            layout.setdefault(sub.exercise, {}).setdefault(q.question, q.max_points)
    by_question: dict[tuple[str, str, str], Override] = {}
    skipped: list[str] = []
    for o in overrides:
        sid = next((s for s in students if s.lower() == o.student_id.lower()), None)
        if o.exercise not in layout:
            skipped.append(f"{o.student_id}/{o.exercise}/{o.question}")
            continue
        if sid is None:
            hint = closest(o.student_id, students)
            raise R2PKitError(f"An override names student {o.student_id!r}, who is not on the roster."
                              + (f" Did you mean {hint[0]!r}?" if hint else ""))
        if o.question != WHOLE and o.question not in layout[o.exercise]:
            hint = closest(o.question, layout[o.exercise])
            raise R2PKitError(f"An override names question {o.question!r} of {o.exercise}, which has no such question"
                              + (f" (did you mean {hint[0]!r}?)" if hint else "")
                              + f". Its questions: {', '.join(layout[o.exercise])}.")
        by_question[(sid, o.exercise, o.question)] = o  # the last row counts
    if skipped:
        notes.append(f"{len(skipped)} override{'s are' if len(skipped) > 1 else ' is'} for an exercise not in these "
                     f"results and {'were' if len(skipped) > 1 else 'was'} not applied: {', '.join(skipped)}.")
    qrows, erows = [], []
    for ex in exercises:
        for st in roster:
            sub = chosen.get((st.id, ex))
            got = {q.question: q for q in sub.questions} if sub else {}
            before = 0.0
            for qid, max_points in layout[ex].items():
                q = got.get(qid)
                o = by_question.get((st.id, ex, qid))
                points = q.points if q else 0.0
                final = o.points if o else points
                before += final
                qrows.append({"student_id": st.id, "name": st.name, "exercise": ex, "question": qid,
                              "status": q.status if q else "missing", "grader_points": points,
                              "points": final, "max_points": max_points,
                              "override_reason": o.reason if o else "", "submission": sub.submission if sub else ""})
            submitted, how = _times(times, sub, st.id) if sub else (None, "")
            late = policy.days_late(ex, submitted)
            kept = policy.factor(late)
            score = round(before * kept, 2)
            whole = by_question.get((st.id, ex, WHOLE))
            if whole:
                score = whole.points
            if sub and policy.deadline(ex) is not None and submitted is None:
                notes.append(f"{st.label}, {ex}: no submission time is known, so no late penalty could be applied.")
            erows.append({"student_id": st.id, "name": st.name, "email": st.email, "exercise": ex,
                          "submission": sub.submission if sub else "",
                          "submitted": submitted.isoformat(timespec="minutes") if submitted else "",
                          "time_from": how, "days_late": late, "late_penalty": round(before - before * kept, 2),
                          "points_before_penalty": round(before, 2), "override_reason": whole.reason if whole else "",
                          "score": score, "max_points": sum(layout[ex].values()),
                          "status": "missing" if not sub else ("late" if late else "on time")})
    qframe = pd.DataFrame(qrows, columns=["student_id", "name", "exercise", "question", "status", "grader_points",
                                          "points", "max_points", "override_reason", "submission"])
    eframe = pd.DataFrame(erows, columns=["student_id", "name", "email", "exercise", "submission", "submitted",
                                          "time_from", "days_late", "late_penalty", "points_before_penalty",
                                          "override_reason", "score", "max_points", "status"])
    totals = _totals(roster, eframe, exercises)
    for sid, ex in m.missing:
        notes.append(f"{students[sid].label} handed in nothing for {ex} (0 points).")
    notes += [f"Not in the gradebook: {u}." for u in m.unmatched]
    notes += possible_copying(list(chosen.values()), {sub.submission: sid for (sid, _), sub in chosen.items()},
                              students)
    return Gradebook(tuple(roster), qframe, eframe, totals, {s.submission: s for s in chosen.values()}, notes, m)


def _totals(roster: Sequence[Student], eframe: pd.DataFrame, exercises: list[str]) -> pd.DataFrame:
    rows = []
    for st in roster:
        mine = eframe[eframe["student_id"] == st.id]
        row: dict[str, object] = {"student_id": st.id, "name": st.name, "email": st.email}
        for ex in exercises:
            score = mine.loc[mine["exercise"] == ex, "score"]
            row[ex] = float(score.iloc[0]) if len(score) else 0.0
        row["total"] = round(float(mine["score"].sum()), 2)
        row["max_total"] = float(mine["max_points"].sum())
        row["percent"] = round(100 * row["total"] / row["max_total"], 1) if row["max_total"] else 0.0  # type: ignore[operator]
        rows.append(row)
    return pd.DataFrame(rows, columns=["student_id", "name", "email", *exercises, "total", "max_total", "percent"])


def possible_copying(subs: Sequence[Submission], student_of: Mapping[str, str],
                     students: Mapping[str, Student]) -> list[str]:
    """Notes for the instructor about identical work from different students.

    Two identical files are possible copying only if something was answered: untouched
    handouts are identical by nature. Only the instructor ever sees these notes.

    >>> from r2pkit.seminar.results import QuestionResult, Submission
    >>> right = (QuestionResult("q1", "correct", 1, 1, "a"),)
    >>> blank = (QuestionResult("q1", "unanswered", 0, 1),)
    >>> subs = [Submission("a.ipynb", "ex00", right, "h1"), Submission("b.ipynb", "ex00", right, "h1"),
    ...         Submission("c.ipynb", "ex00", blank, "h2"), Submission("d.ipynb", "ex00", blank, "h2")]
    >>> people = {k: Student(k) for k in "abcd"}
    >>> possible_copying(subs, {"a.ipynb": "a", "b.ipynb": "b", "c.ipynb": "c", "d.ipynb": "d"}, people)
    ['Possible copying in ex00: identical files from a, b.']
    """
    groups: dict[tuple[str, str], list[Submission]] = {}
    for sub in subs:
        if sub.file_sha256 and not sub.blank:
            groups.setdefault((sub.exercise, sub.file_sha256), []).append(sub)
    notes = []
    for (ex, _), same in sorted(groups.items()):
        who = sorted({student_of[s.submission] for s in same if s.submission in student_of})
        if len(who) > 1:
            notes.append(f"Possible copying in {ex}: identical files from {', '.join(students[w].label for w in who)}.")
    return notes

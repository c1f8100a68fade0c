"""Running a graded seminar: from the grader's results to a gradebook, feedback and statistics.

The grader (``r2pkit grade``) scores each submitted notebook and writes, beside its
per-question ``grades.csv``, a results file ``grades.json`` with every answer and comment.
This subpackage turns one or more of those results files into what a course needs:

- :mod:`~r2pkit.seminar.roster` reads the class list and matches each submission to a
  student, by the id in its file or folder name or by the id entered in the notebook,
  reporting files it cannot place and students with nothing handed in;
- :mod:`~r2pkit.seminar.gradebook` adds overrides (each with a reason, kept in the
  instructor's own file so that a regrade never loses them) and a late policy, and totals
  each student's points per exercise and across exercises;
- :mod:`~r2pkit.seminar.lms` writes the totals as the CSV files Canvas and Moodle import;
- :mod:`~r2pkit.seminar.feedback` writes one HTML page per student and exercise;
- :mod:`~r2pkit.seminar.stats` says which questions the class found hard;
- :mod:`~r2pkit.seminar.handgrade` and :mod:`~r2pkit.seminar.grading_view` let the
  instructor grade one question across the class by hand (a spreadsheet round trip, or a
  view in the notebook), names hidden, in a stable random order; each score is saved as
  an override.

Everything here is a pure function of files the instructor has; ``r2pkit seminar ...``
(:mod:`~r2pkit.seminar.command`) is the thin command line over it. The design follows what
nbgrader (late penalties, feedback release, CSV export), otter-grader and PrairieLearn
(per-question statistics) do, in the kit's plain language.
"""
from __future__ import annotations

from .gradebook import Gradebook, LatePolicy, Override, build, read_overrides
from .results import QuestionResult, Submission, load_results
from .roster import Match, Student, match, read_roster

__all__ = [
    "Gradebook", "LatePolicy", "Override", "build", "read_overrides",
    "QuestionResult", "Submission", "load_results",
    "Match", "Student", "match", "read_roster",
]

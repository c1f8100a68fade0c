"""``r2pkit seminar ...``: one command per step of a graded seminar, after ``r2pkit grade``.

    r2pkit seminar gradebook RESULTS.json ... --roster roster.csv --out gradebook/
    r2pkit seminar override  --overrides overrides.csv --student S --exercise EX [--question Q] --points P --reason WHY
    r2pkit seminar export    RESULTS.json ... --roster roster.csv --lms canvas|moodle --out grades-canvas.csv
    r2pkit seminar feedback  RESULTS.json ... --roster roster.csv [--key EX.yaml] --out feedback/
    r2pkit seminar stats     RESULTS.json ... --roster roster.csv --out stats/
    r2pkit seminar handgrade export RESULTS.json ... --roster roster.csv --overrides overrides.csv \
                             --exercise EX --question Q --out q.csv|q.xlsx
    r2pkit seminar handgrade import q.xlsx RESULTS.json ... --roster roster.csv --overrides overrides.csv

Every command that reads grades takes the same options (results files, ``--roster``,
``--overrides``, the late policy), or reads them from a course file (``--course
course.yaml``, the same names as keys), and rebuilds the gradebook from them: an override
or a regrade shows in every later step with no extra command. Outputs are written with
:func:`~r2pkit.seminar.output.write_outputs` (a file the instructor edited is never
replaced without ``--force``).
"""
from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from .. import checks
from ..errors import R2PKitError

__all__ = ["register"]

_COURSE_KEYS = ("results", "roster", "overrides", "deadline", "penalty", "max_late_days", "grace", "times", "key")


def _course(args: argparse.Namespace) -> None:
    """Fill options not given on the command line from the course file."""
    if not getattr(args, "course", None):
        return
    import yaml

    path = Path(args.course)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise R2PKitError(f"{path} does not exist: give a course file (YAML) or leave out --course.") from None
    except yaml.YAMLError as exc:
        raise R2PKitError(f"{path} is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise R2PKitError(f"{path} must be a mapping of option names to values, e.g. 'roster: roster.csv'.")
    unknown = sorted(set(data) - set(_COURSE_KEYS))
    if unknown:
        raise R2PKitError(f"{path}: unknown key{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
                          f"a course file may have {', '.join(_COURSE_KEYS)}.")
    base = path.parent

    def resolve(value: Any) -> str:
        p = Path(str(value))
        return str(p if p.is_absolute() else base / p)

    for name in _COURSE_KEYS:
        if name not in data or not hasattr(args, name):
            continue
        current = getattr(args, name)
        if current not in (None, [], ""):
            continue  # the command line wins
        value = data[name]
        if name in ("results", "key"):
            value = [resolve(v) for v in (value if isinstance(value, list) else [value])]
        elif name == "deadline":
            value = [f"{k}={v}" for k, v in value.items()] if isinstance(value, dict) else [str(value)]
        elif name in ("roster", "overrides", "times"):
            value = resolve(value)
        setattr(args, name, value)


def _policy(args: argparse.Namespace) -> Any:
    from .gradebook import LatePolicy, parse_penalty
    from .results import parse_time

    deadlines = {}
    for text in args.deadline or []:
        exercise, sep, when = str(text).partition("=")
        if not sep:
            exercise, when = "*", text
        deadlines[exercise.strip() or "*"] = parse_time(when.strip(), f"--deadline {text}")
    penalty = parse_penalty(str(args.penalty)) if args.penalty not in (None, "") else 0.0
    if penalty and not deadlines:
        raise R2PKitError("--penalty needs a --deadline (e.g. --deadline '2026-12-01 23:59').")
    # the course file's values come here unchecked by argparse
    max_days = None if args.max_late_days is None else checks.whole_number(args.max_late_days, "--max-late-days", lo=0)
    grace = checks.number(args.grace or 0, "--grace (minutes)", lo=0, hi=60 * 24 * 30)
    return LatePolicy(deadlines, penalty, None if max_days is None else int(max_days), timedelta(minutes=grace))


def _times(path: str | None) -> dict[str, Any] | None:
    if not path:
        return None
    import csv

    checks.path(path, "--times")
    from .results import parse_time

    with Path(path).open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        cols = {c.strip().lower(): c for c in reader.fieldnames or []}
        key = cols.get("student_id") or cols.get("submission") or cols.get("id")
        when = cols.get("submitted") or cols.get("submitted_at") or cols.get("time")
        if not key or not when:
            raise R2PKitError(f"{path} needs a column student_id (or submission) and a column submitted "
                              f"(the time handed in); its columns: {', '.join(reader.fieldnames or [])}.")
        found = {}
        for i, row in enumerate(reader, 2):
            moment = parse_time(row[when], f"{path}, row {i}")
            if row[key].strip() and moment:
                found[row[key].strip()] = moment
                found[row[key].strip().lower()] = moment
    return found


def _book(args: argparse.Namespace) -> Any:
    from .gradebook import build, read_overrides
    from .results import load_results
    from .roster import read_roster

    _course(args)
    if not args.results:
        raise R2PKitError("Give the results file(s) that `r2pkit grade` wrote (grades.json), or a --course file "
                          "that lists them.")
    if not args.roster:
        raise R2PKitError("Give the class list with --roster roster.csv (columns student_id,name,email).")
    checks.path(args.roster, "--roster")
    for value in args.results:
        checks.path(value, "results file", what="a results file that exists (grades.json, written by `r2pkit grade`)")
    roster = read_roster(args.roster)
    submissions, notes = load_results(args.results)
    book = build(submissions, roster, read_overrides(args.overrides), _policy(args), _times(args.times))
    book.notes[:0] = notes
    if args.overrides and not Path(args.overrides).exists():
        book.notes.insert(0, f"{args.overrides} does not exist yet, so no override was applied "
                             "(`r2pkit seminar override` creates it).")
    return book


def _print_notes(book: Any, limit: int = 12) -> None:
    for note in book.notes[:limit]:
        print(f"note: {note}", file=sys.stderr)
    if len(book.notes) > limit:
        print(f"note: ... and {len(book.notes) - limit} more (see report.txt of `r2pkit seminar gradebook`).",
              file=sys.stderr)


def _gradebook(args: argparse.Namespace) -> int:
    from .output import write_outputs

    book = _book(args)
    report = "\n".join(["Notes for the instructor (never shown to students).", ""] +
                       [f"- {n}" for n in book.notes] + [""])
    written = write_outputs(args.out, {
        "gradebook.csv": book.totals.to_csv(index=False),
        "exercises.csv": book.exercises.to_csv(index=False),
        "questions.csv": book.questions.to_csv(index=False),
        "report.txt": report,
    }, force=args.force)
    n, late = len(book.students), int((book.exercises["status"] == "late").sum())
    print(f"Gradebook of {n} student{'s' if n != 1 else ''}, {book.totals.columns.size - 6} exercise(s): "
          f"{len(book.submissions)} submission(s) placed, {len(book.matching.missing)} missing, {late} late, "
          f"{len(book.matching.unmatched)} not matched to a student.")
    _print_notes(book)
    for path in written:
        print(f"  {path}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from .lms import canvas_csv, moodle_csv
    from .output import write_outputs

    names = {}
    for text in args.column or []:
        ex, sep, name = text.partition("=")
        if not sep or not ex.strip() or not name.strip():
            raise R2PKitError(f"--column {text!r}: write EXERCISE=COLUMN NAME, e.g. ex01='Exercise 1 (12345)'.")
        names[ex.strip()] = name.strip()
    book = _book(args)
    unknown = sorted(set(names) - set(book.exercises["exercise"]))
    if unknown:
        raise R2PKitError(f"--column names {', '.join(unknown)}, not among the graded exercises "
                          f"({', '.join(sorted(set(book.exercises['exercise'])))}).")
    text = (canvas_csv if args.lms == "canvas" else moodle_csv)(book, names, args.missing)
    out = Path(args.out)
    write_outputs(out.parent, {out.name: text}, force=args.force)
    _print_notes(book, limit=5)
    how = ("Import it in Canvas: Grades → Import." if args.lms == "canvas" else
           "Import it in Moodle: Grades → Import → CSV file; map 'ID number' to useridnumber.")
    print(f"{len(book.students)} students written to {out}. {how}")
    return 0


def _keys(args: argparse.Namespace, book: Any) -> dict[str, Any]:
    from .feedback import load_keys

    return load_keys([Path(k) for k in (args.key or [])], wanted=sorted(set(book.exercises["exercise"])))


def _feedback(args: argparse.Namespace) -> int:
    from .feedback import pages
    from .output import write_outputs

    book = _book(args)
    keys = _keys(args, book)
    nokey = sorted(set(book.exercises["exercise"]) - set(keys))
    files = pages(book, keys)
    write_outputs(args.out, files, force=args.force)
    _print_notes(book, limit=5)
    for ex in nokey:
        print(f"note: no key for {ex}: its pages have no explanations (give it with --key {ex}.yaml).",
              file=sys.stderr)
    print(f"{len(files)} feedback page(s) in {args.out}/, one folder per student (STUDENT_ID/EXERCISE.html): "
          "give each student their own folder only.")
    return 0


def _stats(args: argparse.Namespace) -> int:
    from ..charts import to_svg
    from .output import write_outputs
    from .stats import question_stats, stats_chart, stats_page

    book = _book(args)
    table = question_stats(book, _keys(args, book))
    if table.empty:
        raise R2PKitError("No graded question to count: were the submissions matched to the roster?")
    chart = stats_chart(table)
    svg = to_svg(chart)
    description = chart.to_dict().get("description", "")
    write_outputs(args.out, {"stats.csv": table.to_csv(index=False), "stats.svg": svg,
                             "stats.html": stats_page(table, svg, description)}, force=args.force)
    with_d = table.dropna(subset=["discrimination"])
    print(table.to_string(index=False, columns=["exercise", "question", "students", "mean_points", "share_correct",
                                                "discrimination", "revisit"]))
    hard = table.loc[table["revisit"], "question"]
    print(f"\n{len(hard)} of {len(table)} question(s) to revisit; discrimination known for {len(with_d)}. "
          f"Open {Path(args.out) / 'stats.html'} for the chart and the most chosen wrong answers.")
    return 0


def _handgrade_export(args: argparse.Namespace) -> int:
    import csv
    import io

    from .handgrade import _codes_unique, answers_csv, answers_xlsx, secret_for
    from .output import write_outputs

    if not args.overrides:
        raise R2PKitError("Give --overrides overrides.csv: the scores you give by hand are imported there, and the "
                          "students' codes are made with a secret kept beside it.")
    out = Path(args.out)
    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise R2PKitError(f"--out {out}: give a .csv file or an Excel workbook (.xlsx), e.g. --out "
                          f"{args.question}.xlsx.")
    book = _book(args)
    secret = secret_for(args.overrides)
    if not _codes_unique(book.students, secret):
        raise R2PKitError("Two students got the same code; delete .r2pkit-handgrade-secret beside the overrides "
                          "file (before any import) and export again.")
    keys = _keys(args, book)
    text = answers_csv(book, args.exercise, args.question, secret, keys.get(args.exercise))
    n = sum(1 for _ in csv.reader(io.StringIO(text))) - 1  # rows, not lines: an answer may have several
    if out.suffix.lower() == ".xlsx":
        write_outputs(out.parent, {out.name: answers_xlsx(book, args.exercise, args.question, secret,
                                                          keys.get(args.exercise))}, force=args.force)
    else:
        write_outputs(out.parent, {out.name: text}, force=args.force)
    print(f"{n} answer(s) to {args.exercise} {args.question} in {out}, in a stable random order, names hidden. "
          f"Fill in 'points' (and 'comment'), then: r2pkit seminar handgrade import {out} ... --overrides "
          f"{args.overrides}")
    return 0


def _handgrade_import(args: argparse.Namespace) -> int:
    from .gradebook import add_override
    from .handgrade import read_scores_file, secret_for

    if not args.overrides:
        raise R2PKitError("Give --overrides overrides.csv, the file the hand-grading was exported with.")
    checks.path(args.scores, "the hand-grading file")
    book = _book(args)
    found = read_scores_file(args.scores, book, secret_for(args.overrides))
    for o in found:  # all rows were checked before the first is written
        add_override(args.overrides, o)
    print(f"{len(found)} hand-given score(s) saved in {args.overrides} as overrides with your comments; "
          "every later seminar command (gradebook, export, feedback, stats) applies them.")
    return 0


def _override(args: argparse.Namespace) -> int:
    from .gradebook import WHOLE, Override, _points, add_override

    points = _points(args.points, "--points")
    o = Override(args.student.strip(), args.exercise.strip(), (args.question or "").strip() or WHOLE, points,
                 args.reason.strip())
    if not o.reason:
        raise R2PKitError("--reason must say why (students and colleagues will ask).")
    add_override(args.overrides, o)
    what = "the total" if o.question == WHOLE else f"question {o.question}"
    print(f"Override saved in {args.overrides}: {o.student_id}, {o.exercise}, {what} → {points:g} points "
          f"({o.reason}). Every later seminar command applies it, also after a regrade.")
    return 0


def _common(p: argparse.ArgumentParser, out_help: str) -> None:
    p.add_argument("results", nargs="*", metavar="RESULTS.json",
                   help="what `r2pkit grade` wrote beside its CSV (a later file's grading of a notebook wins)")
    p.add_argument("--roster", metavar="roster.csv", help="the class list: student_id,name,email[,login,section]")
    p.add_argument("--overrides", metavar="overrides.csv", help="your overrides (see `r2pkit seminar override`)")
    p.add_argument("--deadline", action="append", metavar="[EXERCISE=]TIME",
                   help="e.g. '2026-12-01 23:59' or ex01=2026-12-01T23:59+01:00 (local time if no zone); repeatable")
    p.add_argument("--penalty", metavar="PERCENT", help="late penalty per started day, e.g. 10%% (default none)")
    p.add_argument("--max-late-days", type=checks.argument(checks.whole_number, "--max-late-days", lo=0), metavar="N",
                   help="after N days late the score is 0")
    p.add_argument("--grace", type=checks.argument(checks.number, "--grace", lo=0), metavar="MINUTES",
                   help="minutes after the deadline still on time")
    p.add_argument("--times", metavar="times.csv",
                   help="hand-in times: columns student_id (or submission) and submitted; default: the files' times")
    p.add_argument("--course", metavar="course.yaml", help="a file with any of the options above, as keys")
    if out_help:
        p.add_argument("--out", required=True, help=out_help)
    p.add_argument("--force", action="store_true", help="replace output files even if you edited them")


def _one_line(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """A usage mistake prints one line (not argparse's usage block) and exits with status 2."""
    parser.error = lambda message: parser.exit(  # type: ignore[method-assign]
        2, f"r2pkit: error: {message} (see `{parser.prog} --help`).\n")
    return parser


def register(sub: Any) -> None:
    """Add ``seminar`` and its actions to the ``r2pkit`` command's subparsers."""
    se = sub.add_parser("seminar", help="a graded seminar: gradebook, overrides, LMS export, feedback, statistics",
                        description="A graded seminar, one command per step after `r2pkit grade`: "
                        "gradebook, override, export, feedback, stats. Each reads the grader's results "
                        "and the roster; see `r2pkit seminar ACTION --help`.")
    ssub = se.add_subparsers(dest="action", metavar="ACTION")
    ssub.required = True
    p = ssub.add_parser("gradebook", help="totals per student and exercise, with overrides and the late policy")
    _common(p, "a folder: gradebook.csv, exercises.csv, questions.csv, report.txt")
    p.set_defaults(func=_gradebook)
    _one_line(p)
    p = ssub.add_parser("export", help="the gradebook as a CSV file Canvas or Moodle imports")
    _common(p, "the CSV file to write")
    p.add_argument("--lms", required=True, choices=("canvas", "moodle"), help="the learning-management system")
    p.add_argument("--column", action="append", metavar="EXERCISE=NAME",
                   help="the LMS's column for an exercise, e.g. ex01='Exercise 1 (12345)' (default: the exercise id)")
    p.add_argument("--missing", choices=("zero", "blank"), default="zero",
                   help="what a student with no submission gets (default zero)")
    p.set_defaults(func=_export)
    _one_line(p)
    p = ssub.add_parser("feedback", help="one HTML page per student and exercise, with explanations from the key")
    _common(p, "a folder: one sub-folder per student")
    p.add_argument("--key", action="append", metavar="SOURCE.yaml",
                   help="your exercise's source (its key), for prompts and explanations (the kit's own are built in)")
    p.set_defaults(func=_feedback)
    _one_line(p)
    p = ssub.add_parser("stats", help="per question: mean, share correct, most chosen wrong answer, discrimination")
    _common(p, "a folder: stats.csv, stats.html, stats.svg")
    p.add_argument("--key", action="append", metavar="SOURCE.yaml", help="your exercise's source, for option texts")
    p.set_defaults(func=_stats)
    _one_line(p)
    hg = ssub.add_parser("handgrade", help="grade one question by hand in a spreadsheet: export answers, import scores")
    hgsub = hg.add_subparsers(dest="step", metavar="STEP")
    hgsub.required = True
    p = hgsub.add_parser("export", help="one question's answers, names hidden, in a stable random order "
                                        "(CSV or Excel)")
    _common(p, "the file to write: .csv, or .xlsx for an Excel workbook (the suffix chooses)")
    p.add_argument("--exercise", required=True, metavar="EX")
    p.add_argument("--question", required=True, metavar="Q")
    p.add_argument("--key", action="append", metavar="SOURCE.yaml", help="your exercise's source, for option texts")
    p.set_defaults(func=_handgrade_export)
    _one_line(p)
    p = hgsub.add_parser("import", help="the filled-in points and comments, saved as overrides")
    p.add_argument("scores", metavar="SCORES.csv|.xlsx",
                   help="the file `handgrade export` wrote (.csv or .xlsx), with points filled in")
    _common(p, "")
    p.set_defaults(func=_handgrade_import)
    _one_line(p)
    p = ssub.add_parser("override", help="change a student's points, with a reason that survives any regrade")
    p.add_argument("--overrides", required=True, metavar="overrides.csv", help="your overrides file (created if new)")
    p.add_argument("--student", required=True, metavar="ID")
    p.add_argument("--exercise", required=True, metavar="EX")
    p.add_argument("--question", metavar="Q", help="the question (default: the exercise's total, after the late penalty)")
    p.add_argument("--points", required=True)
    p.add_argument("--reason", required=True)
    p.set_defaults(func=_override)
    _one_line(p)

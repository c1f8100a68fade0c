"""How long each step of a graded seminar takes for a class (default 40 students).

    .venv/bin/python benchmarks/bench_seminar.py [--students 40] [--jobs 2]

Simulates a class handing in the kit's exercise 00 (a quarter all right, a quarter half
right, a quarter all wrong, a quarter blank; one late), then times each command an
instructor runs, as a separate process (what the instructor waits for): hand out (one
workspace per student), grade, gradebook with a late policy, Canvas and Moodle exports,
feedback pages, statistics, the hand-grading round trip (export as CSV and as an Excel
workbook, the workbook filled in and imported) and opening the grading view. Prints a table (seconds, seconds per
student, and each step as a share of the grading time) and writes
benchmarks/results/seminar.json.
"""
from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
RIGHT = {"q1": '"a"', "q2": '["a", "b", "d"]', "q3": '(False, "b")', "q5": "2", "q6": '"cite"',
         "q7": '["c", "b", "d", "a"]', "q9": '["a", "b", "c", "d"]'}
WRONG = {"q1": '"b"', "q2": '["c"]', "q3": '(True, "a")', "q5": "7", "q6": '"guess"',
         "q7": '["a", "b", "c", "d"]', "q9": '["a"]'}


def answered(handout: Path, answers: dict[str, str]) -> nbformat.NotebookNode:
    nb = nbformat.read(handout, as_version=4)
    for cell in nb.cells:
        for qid, value in answers.items():
            if cell.cell_type == "code" and cell.source.startswith(f"{qid} = None"):
                cell.source = f"{qid} = {value}\n" + cell.source.split("\n", 1)[1]
    return nb


# What opening the grading view in a notebook costs (the queue of one question, the widgets).
VIEW = ("from r2pkit.seminar.grading_view import GradingView\n"
        "v = GradingView(['grades.json'], 'roster.csv', 'overrides.csv', 'ex00', 'q6')\n"
        "assert len(v.items) > 0")


def fill(path: Path) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        row[header.index("points")].value = 0.5
        row[header.index("comment")].value = "graded in the bench"
    wb.save(path)


def timed(name: str, argv: list[str], cwd: Path, table: list[dict]) -> None:
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{name} failed:\n{done.stdout}\n{done.stderr}")
    table.append({"step": name, "seconds": round(seconds, 2)})
    print(f"  {name:<28} {seconds:7.1f} s", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    n = args.students
    r2pkit = str(BIN / "r2pkit")
    with tempfile.TemporaryDirectory(prefix="r2pkit-bench-seminar-") as tmp:
        work = Path(tmp)
        ids = [f"s{i:03d}" for i in range(1, n + 1)]
        (work / "roster.csv").write_text("student_id,name,email\n" + "".join(f"{s},Student {s},{s}@example.org\n"
                                                                             for s in ids))
        table: list[dict] = []
        print(f"A class of {n} students, exercise ex00, --jobs {args.jobs}:")
        start = time.perf_counter()
        for s in ids:  # hand out: each student's own workspace
            subprocess.run([r2pkit, "workspace", "init", str(work / "homes" / s)], check=True, capture_output=True)
        table.append({"step": "hand out (workspace init × n)", "seconds": round(time.perf_counter() - start, 2)})
        print(f"  {'hand out (workspace init × n)':<28} {table[-1]['seconds']:7.1f} s", flush=True)
        plans = [RIGHT, dict(list(RIGHT.items())[:4]) | dict(list(WRONG.items())[4:]), WRONG, {}]
        for i, s in enumerate(ids):
            (work / "submissions" / s).mkdir(parents=True)
            handout = work / "homes" / s / "exercises" / "ex00_start_here.ipynb"
            nbformat.write(answered(handout, plans[i % 4]), work / "submissions" / s / "ex00.ipynb")
        (work / "times.csv").write_text("student_id,submitted\n" + "".join(
            f"{s},{'2026-12-02T10:00+00:00' if i == 0 else '2026-12-01T20:00+00:00'}\n" for i, s in enumerate(ids)))
        timed("grade", [r2pkit, "grade", "submissions", "--out", "grades.csv", "--jobs", str(args.jobs)], work, table)
        results = "grades.json" if (work / "grades.json").exists() else "grades.csv"
        common = [results, "--roster", "roster.csv", "--times", "times.csv", "--deadline", "2026-12-01T23:59+00:00",
                  "--penalty", "10%", "--overrides", "overrides.csv"]
        timed("gradebook", [r2pkit, "seminar", "gradebook", *common, "--out", "book"], work, table)
        timed("override", [r2pkit, "seminar", "override", "--overrides", "overrides.csv", "--student", ids[0],
                           "--exercise", "ex00", "--question", "q4", "--points", "2", "--reason", "bench"], work, table)
        timed("export canvas", [r2pkit, "seminar", "export", *common, "--lms", "canvas", "--out", "canvas.csv"],
              work, table)
        timed("export moodle", [r2pkit, "seminar", "export", *common, "--lms", "moodle", "--out", "moodle.csv"],
              work, table)
        timed("feedback", [r2pkit, "seminar", "feedback", *common, "--out", "feedback"], work, table)
        timed("stats", [r2pkit, "seminar", "stats", *common, "--out", "stats"], work, table)
        timed("handgrade export", [r2pkit, "seminar", "handgrade", "export", *common, "--exercise", "ex00",
                                   "--question", "q6", "--out", "q6.csv"], work, table)
        timed("handgrade export (xlsx)", [r2pkit, "seminar", "handgrade", "export", *common, "--exercise", "ex00",
                                          "--question", "q6", "--out", "q6.xlsx"], work, table)
        fill(work / "q6.xlsx")  # the instructor's part: a point and a comment on every row
        timed("handgrade import (xlsx)", [r2pkit, "seminar", "handgrade", "import", "q6.xlsx", *common], work, table)
        timed("grading view (open)", [sys.executable, "-c", VIEW], work, table)
    grading = next(r["seconds"] for r in table if r["step"] == "grade")
    for r in table:
        r["per_student"] = round(r["seconds"] / n, 3)
        r["share_of_grading"] = round(r["seconds"] / grading, 3)
    out = {"students": n, "jobs": args.jobs, "machine": platform.platform(), "cpus": __import__("os").cpu_count(),
           "steps": table, "seminar_steps_total_s": round(sum(r["seconds"] for r in table
                                                              if r["step"] not in ("grade", "hand out (workspace init × n)")), 2)}
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / ("seminar.json" if n == 40 else "seminar_quick.json")).write_text(json.dumps(out, indent=1))
    print(f"\nAfter grading, every seminar step together: {out['seminar_steps_total_s']} s "
          f"({out['seminar_steps_total_s'] / grading:.0%} of the grading time).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

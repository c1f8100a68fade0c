"""Benchmark: how long the batch grader takes, against simply running the notebooks.

    .venv/bin/python benchmarks/bench_grading.py [--n 50] [--timeout 120]

What is measured, in one run and on the same N submissions (made here from the built
ex00 student notebook: varied answers typed in the answer cells, every fifth one with
every answer cell as in the solution), wall-clock seconds for:

(a) ``jupyter nbconvert --to notebook --execute`` on each submission, one after another
    (into a temporary output folder) — the baseline: what an instructor would do by hand
    to run every submission once, with no grading and no sandbox at all;
(b) ``r2pkit grade ... --jobs 2`` — the grader as meant to be used on a two-core machine,
    each submission in its bubblewrap sandbox;
(c) ``r2pkit grade ... --jobs 2 --no-sandbox`` — the same without the sandbox;
(d) the sandbox alone: starting ``python -c pass`` in the grader's sandbox, against
    starting it directly, 20 times each — what the sandbox adds to every notebook.

Why: grading does more than executing — it runs each notebook in a sandbox, puts back
the widget answers, reads the answers back out of the kernel after every cell and scores
them outside — and each notebook's cost is dominated by starting a kernel and importing
the kit (about 2 s). The ratio a/b says whether running two submissions at a time pays
for that extra work; the target is a/b >= 1.8 on two cores. (b) against (c) and (d) give
the sandbox's cost; (b) and (c) must give identical grades.csv rows: the script exits
with status 1 if they do not (or if a step fails).

The figures are printed as a table and written to benchmarks/results/grading.json (n,
the times, per-notebook times, the ratio, the sandbox's cost, the machine's CPU count and
load, a timestamp).

The grader sees only ex00's key (R2PKIT_EXERCISES points at a temporary copy of it), so
an exercise being written elsewhere in the kit cannot break or slow the measurement.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
STUDENT = ROOT / "exercises" / "ex00_start_here.ipynb"
SOLUTION = ROOT / "exercises" / "solutions" / "ex00_start_here.ipynb"
SOURCE = ROOT / "exercises" / "source" / "ex00_start_here.yaml"
RESULTS = ROOT / "benchmarks" / "results" / "grading.json"
BIN = Path(sys.executable).parent
TARGET = 1.8

# Answers a student might type (right and wrong), by question; q4 and q10 (code) are
# answered in the full solutions only.
CHOICES = {
    "q1": ["a", "b", "c", "d"],
    "q2": [["a", "b", "d"], ["a", "b"], ["c"], ["a", "c", "d"]],
    "q3": [(False, "b"), (False, "a"), (True, "a")],
    "q5": [2, 3, 139],
    "q6": ["cite", "data.cite", "describe"],
    "q7": [["c", "b", "d", "a"], ["a", "b", "c", "d"], ["c", "d", "b", "a"]],
    "q8": [{"a": "x", "b": "y", "c": "z", "d": "y"}, {"a": "y", "b": "x", "c": "z", "d": "y"}],
    "q9": [["a", "b", "c", "d"], ["a", "b"], ["a", "b", "c", "d", "e"]],
}


def make_submissions(folder: Path, n: int, seed: int = 2005) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        if i % 5 == 0:  # the student's notebook with every answer cell as in the solution
            nb = nbformat.read(STUDENT, as_version=4)
            solved = nbformat.read(SOLUTION, as_version=4)
            for cell, done in zip(nb.cells, solved.cells):
                if cell.cell_type == "code":
                    cell.source = done.source
        else:
            nb = nbformat.read(STUDENT, as_version=4)
            for cell in nb.cells:
                for qid, options in CHOICES.items():
                    if cell.cell_type == "code" and f'check("ex00.{qid}"' in cell.source and rng.random() < 0.8:
                        cell.source = cell.source.replace(f"{qid} = None", f"{qid} = {rng.choice(options)!r}", 1)
        path = folder / f"student{i:03d}.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.stderr.write(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stdout}\n{done.stderr}\n")
        raise SystemExit(1)
    return took


def rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def sandbox_start_cost(repeat: int = 20) -> tuple[float, float]:
    """Median seconds to run ``python -c pass`` directly and in the grader's sandbox."""
    import statistics

    from r2pkit.exercises import sandbox

    argv = [sys.executable, "-c", "pass"]
    boxed = sandbox.command(sandbox.check(), {}, argv, uid=sandbox.FIRST_UID,
                            env=sandbox.sandbox_env(sandbox.INSIDE))
    times: dict[str, list[float]] = {"direct": [], "sandboxed": []}
    for _ in range(repeat):
        for name, cmd in (("direct", argv), ("sandboxed", boxed)):
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            times[name].append(time.perf_counter() - start)
    return statistics.median(times["direct"]), statistics.median(times["sandboxed"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=50, help="how many submissions (default 50)")
    parser.add_argument("--timeout", type=float, default=120, help="the grader's --timeout (default 120)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")

    from r2pkit.exercises.build import public_file
    from r2pkit.exercises.sealed import dumps
    from r2pkit.exercises.source import load_source

    with tempfile.TemporaryDirectory(prefix="r2pkit-bench-") as tmp:
        tmp_path = Path(tmp)
        kit = tmp_path / "kit"
        (kit / "source").mkdir(parents=True)
        shutil.copyfile(SOURCE, kit / "source" / SOURCE.name)
        subs = tmp_path / "submissions"
        subs.mkdir()
        # the public file beside the submissions, as a student has it (nbconvert runs there)
        (subs / "ex00_start_here.quiz.json").write_text(dumps(public_file(load_source(SOURCE))), encoding="utf-8")
        paths = make_submissions(subs, args.n)
        env = {**os.environ, "R2PKIT_EXERCISES": str(kit)}

        load_before = os.getloadavg()
        print(f"{args.n} submissions of ex00; {os.cpu_count()} CPUs. (a) nbconvert, one after another ...", flush=True)
        executed = tmp_path / "executed"
        start = time.perf_counter()
        for p in paths:
            timed([str(BIN / "jupyter"), "nbconvert", "--to", "notebook", "--execute", "--output-dir", str(executed),
                   str(p)], env)
        t_a = time.perf_counter() - start

        grade = [str(BIN / "r2pkit"), "grade", str(subs), "--timeout", f"{args.timeout:g}", "--jobs", "2"]
        print("(b) r2pkit grade --jobs 2 (sandboxed) ...", flush=True)
        t_b = timed(grade + ["--out", str(tmp_path / "sandboxed.csv")], env)
        print("(c) r2pkit grade --jobs 2 --no-sandbox ...", flush=True)
        t_c = timed(grade + ["--no-sandbox", "--out", str(tmp_path / "unsandboxed.csv")], env)
        print("(d) the sandbox alone ...", flush=True)
        start_direct, start_sandboxed = sandbox_start_cost()

        rows_b, rows_c = rows(tmp_path / "sandboxed.csv"), rows(tmp_path / "unsandboxed.csv")
        same = rows_b == rows_c
        statuses: dict[str, int] = {}
        for r in rows_b[1:]:
            statuses[r[3]] = statuses.get(r[3], 0) + 1

    load_after = os.getloadavg()
    ratio = t_a / t_b
    table = [("(a) nbconvert --execute, sequential", t_a), ("(b) r2pkit grade --jobs 2", t_b),
             ("(c) r2pkit grade --jobs 2 --no-sandbox", t_c)]
    print(f"\n{'run':<38}{'seconds':>10}{'s / notebook':>14}")
    for name, t in table:
        print(f"{name:<38}{t:>10.1f}{t / args.n:>14.2f}")
    cost_run = (t_b - t_c) * 2 / args.n  # two at a time: each slot's extra seconds per notebook
    cost_start = start_sandboxed - start_direct
    print(f"\nratio a/b = {ratio:.2f}x (target >= {TARGET}x: {'met' if ratio >= TARGET else 'NOT met'})")
    print(f"the sandbox's cost per notebook: {cost_start * 1000:.0f} ms to start (python -c pass: "
          f"{start_sandboxed * 1000:.0f} ms in it, {start_direct * 1000:.0f} ms without); "
          f"{cost_run:.2f} s per notebook per job slot over the whole run (b against c)")
    print(f"grades: {len(rows_b) - 1} rows, " + ", ".join(f"{v} {k}" for k, v in sorted(statuses.items()))
          + f"; sandboxed and unsandboxed rows {'identical' if same else 'DIFFER'}")
    print(f"1-minute load average: {load_before[0]:.2f} before, {load_after[0]:.2f} after "
          f"(above 0 means other work shared the {os.cpu_count()} CPUs)")

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "benchmark": "grading",
        "timestamp": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "n": args.n,
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "grader_timeout_s": args.timeout,
        # other work on the machine skews the figures: the 1-minute load before and after
        "load_average_1min": {"before": round(load_before[0], 2), "after": round(load_after[0], 2)},
        "seconds": {"nbconvert_sequential": round(t_a, 2), "grade_jobs2": round(t_b, 2),
                    "grade_jobs2_no_sandbox": round(t_c, 2)},
        "seconds_per_notebook": {"nbconvert_sequential": round(t_a / args.n, 3),
                                 "grade_jobs2": round(t_b / args.n, 3),
                                 "grade_jobs2_no_sandbox": round(t_c / args.n, 3)},
        "ratio_nbconvert_over_grade_jobs2": round(ratio, 3),
        "target_ratio": TARGET,
        "target_met": ratio >= TARGET,
        "sandbox_cost": {"start_python_direct_s": round(start_direct, 4),
                         "start_python_in_sandbox_s": round(start_sandboxed, 4),
                         "start_cost_per_notebook_s": round(cost_start, 4),
                         "run_cost_per_notebook_per_slot_s": round(cost_run, 3)},
        "grades_rows": len(rows_b) - 1,
        "statuses": statuses,
        "sandboxed_rows_equal_unsandboxed_rows": same,
    }, indent=2) + "\n", encoding="utf-8")
    print(f"written: {RESULTS.relative_to(ROOT)}")
    if not same:
        print("error: the sandboxed and unsandboxed runs gave different grades.csv rows", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

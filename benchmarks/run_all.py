"""Run every benchmark of the kit and show one summary table (what ``make bench`` does).

    .venv/bin/python benchmarks/run_all.py [--quick] [--grading-n N] [--only NAME ...] [--skip NAME ...]

The benchmarks, in the order they run (each is also a script of its own, with its own
options; see benchmarks/README.md):

- ``import``    — bench_import.py: importing the kit against pandas + altair + ipywidgets;
- ``widgets``   — bench_widgets.py: each widget's response to a change of its controls;
- ``notebooks`` — bench_notebooks.py: the notebooks and exercise solutions against the
  same kernels running only their first cell;
- ``sweep``     — bench_sweep.py: the scenario model's sweep (100,000 scenarios) against a
  plain-Python loop, and the scenario explorer's response;
- ``grading``   — bench_grading.py: the batch grader against sequential nbconvert.

Each one prints its own table and writes benchmarks/results/NAME.json. Then this script
prints one table — benchmark, figure, target, met? — and writes it, with each
benchmark's run time and result file, to benchmarks/results/summary.json.

``--quick`` uses smaller sizes everywhere (import: 5 runs; widgets: 50 changes;
notebooks: one round; sweep: 3 rounds, still of 100,000 scenarios; grading: 10
submissions) for a check in a few minutes; the figures are then rougher. ``--grading-n``
sets the grading size alone (the full run, N = 50, takes about 8 minutes on two CPUs). A
grading run with N other than 50 writes benchmarks/results/grading_quick.json, so that
the full figure in grading.json is kept.

Exit status: 0 when every benchmark ran (whether or not its targets are met: the table
says that), 1 when one failed to run.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
SUMMARY = RESULTS / "summary.json"
sys.path.insert(0, str(HERE))

import bench_grading  # noqa: E402
import bench_import  # noqa: E402
import bench_notebooks  # noqa: E402
import bench_sweep  # noqa: E402
import bench_widgets  # noqa: E402

GRADING_N = 50


def grading(quick: bool, n: int | None) -> dict[str, Any]:
    """Run bench_grading.py (its main, as from the command line) and read its result file."""
    n = n or (10 if quick else GRADING_N)
    out = RESULTS / ("grading.json" if n == GRADING_N else "grading_quick.json")
    bench_grading.RESULTS = out  # a smaller run must not overwrite the full figure
    status = bench_grading.main(["--n", str(n)])
    result = json.loads(out.read_text(encoding="utf-8"))
    ratio, target = result["ratio_nbconvert_over_grade_jobs2"], result["target_ratio"]
    same = result["jobs1_rows_equal_jobs2_rows"]
    result["summary"] = [{
        "benchmark": f"grading (N = {n})",
        "figure": f"nbconvert/grade --jobs 2 = {ratio:.2f}x" + ("" if same else "; --jobs 1 and 2 rows DIFFER"),
        "target": f">= {target}x", "met": bool(result["target_met"] and same and status == 0)}]
    return result


BENCHMARKS: dict[str, Callable[[bool, int | None], dict[str, Any]]] = {
    "import": lambda quick, _: bench_import.run(quick=quick),
    "widgets": lambda quick, _: bench_widgets.run(quick=quick),
    "notebooks": lambda quick, _: bench_notebooks.run(quick=quick),
    "sweep": lambda quick, _: bench_sweep.run(quick=quick),
    "grading": grading,
}


def table(rows: list[dict[str, Any]]) -> str:
    heads = ("benchmark", "figure", "target", "met?")
    cells = [(r["benchmark"], r["figure"], r["target"], {True: "yes", False: "NO"}.get(r["met"], "-"))
             for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(heads)] if cells else [len(h) for h in heads]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()  # noqa: E731
    return "\n".join([line(heads), line(["-" * w for w in widths]), *(line(c) for c in cells)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes everywhere (a few minutes)")
    parser.add_argument("--grading-n", type=int, default=None, metavar="N",
                        help=f"submissions for the grading benchmark (default {GRADING_N}, 10 with --quick)")
    parser.add_argument("--only", nargs="+", choices=list(BENCHMARKS), metavar="NAME",
                        help=f"run only these ({', '.join(BENCHMARKS)})")
    parser.add_argument("--skip", nargs="+", choices=list(BENCHMARKS), default=[], metavar="NAME",
                        help="leave these out")
    args = parser.parse_args(argv)
    if args.grading_n is not None and args.grading_n < 1:
        parser.error("--grading-n must be at least 1")
    chosen = [b for b in (args.only or BENCHMARKS) if b not in args.skip]

    rows: list[dict[str, Any]] = []
    runs: dict[str, Any] = {}
    failed = False
    started = time.perf_counter()
    for name in chosen:
        print(f"\n=== {name} {'(quick) ' if args.quick else ''}===", flush=True)
        start = time.perf_counter()
        try:
            result = BENCHMARKS[name](args.quick, args.grading_n)
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - one failure must not hide the others
            failed = True
            traceback.print_exc()
            rows.append({"benchmark": name, "figure": f"FAILED: {type(exc).__name__}: {exc}"[:120],
                         "target": "-", "met": None})
            runs[name] = {"seconds": round(time.perf_counter() - start, 1), "error": f"{type(exc).__name__}: {exc}"}
            continue
        rows.extend(result["summary"])
        runs[name] = {"seconds": round(time.perf_counter() - start, 1), "n": result.get("n"),
                      "timestamp": result.get("timestamp"), "target_met": result.get("target_met"),
                      "load_average_1min": result.get("load_average_1min")}

    print("\n=== summary ===")
    print(table(rows))
    cpus = os.cpu_count() or 1
    busy = [n for n, r in runs.items() if max((r.get("load_average_1min") or {}).values(), default=0) > cpus]
    if busy:
        print(f"note: the 1-minute load went above the {cpus} CPUs during {', '.join(busy)}: other work shared "
              "the machine and those figures are too high; run them again when it is quiet.")
    met = [r["met"] for r in rows]
    print(f"\n{sum(m is True for m in met)} of {len(met)} targets met"
          + (f"; {sum(m is None for m in met)} benchmark(s) FAILED to run" if failed else "")
          + f". Total {time.perf_counter() - started:.0f} s; results in {RESULTS.relative_to(ROOT)}/.")
    SUMMARY.parent.mkdir(parents=True, exist_ok=True)
    SUMMARY.write_text(json.dumps({
        "benchmark": "summary",
        "timestamp": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "quick": args.quick,
        "grading_n": args.grading_n or (10 if args.quick else GRADING_N) if "grading" in chosen else None,
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "bytecode_cache_written": not sys.flags.dont_write_bytecode,
        "seconds": round(time.perf_counter() - started, 1),
        "runs": runs,
        "busy_during": busy,
        "rows": rows,
        "targets_met": sum(m is True for m in met),
        "targets": len(met),
    }, indent=2) + "\n", encoding="utf-8")
    print(f"written: {SUMMARY.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

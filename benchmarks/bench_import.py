"""Benchmark: what importing the kit costs on top of the libraries it is built on.

    .venv/bin/python benchmarks/bench_import.py [--runs 10] [--quick]

What is measured, in one run: wall-clock seconds for a fresh interpreter (the project's
Python, started as a subprocess, in the repository root, with this shell's environment)
to run each of

- **floor**: ``python -c "import pandas, altair, ipywidgets"`` — the libraries every
  notebook needs anyway;
- **package**: ``python -c "import r2pkit"`` — the package alone (its modules load
  when first used, so this should cost next to nothing);
- **first cell**: ``python -c "import r2pkit.data, r2pkit.charts, r2pkit.widgets"`` —
  what a notebook's first cell imports.

The three commands run ``--runs`` times each (default 10), interleaved (floor, package,
first cell, floor, …), and the median of each is kept. The figures are the differences
of the medians from the floor: target at most 150 ms more, for both. As a check on noise
the result also gives the median of the differences within each round (the runs made
back to back); on a busy machine the two can differ by more than the target.

Python does not write bytecode caches when PYTHONDONTWRITEBYTECODE is set (as it is on
some CI machines); every import then compiles its modules again, which slows both sides.
The result records whether caches are written.

The figures are printed as a table and written to benchmarks/results/import.json.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "import.json"
TARGET_MS = 150.0  # at most this much more than the floor

COMMANDS = {
    "floor": "import pandas, altair, ipywidgets",
    "package": "import r2pkit",
    "first_cell": "import r2pkit.data, r2pkit.charts, r2pkit.widgets",
}


def timed(code: str) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"python -c {code!r} failed ({done.returncode}):\n{done.stderr}")
    return took


def run(runs: int = 10, quick: bool = False, write: bool = True, echo: bool = True) -> dict:
    """Measure, print a table, write benchmarks/results/import.json; return the result."""
    if quick:
        runs = min(runs, 5)
    say = print if echo else (lambda *a, **k: None)
    say(f"{runs} fresh interpreters per command, interleaved; {os.cpu_count()} CPUs.", flush=True)
    load_before = os.getloadavg()
    times: dict[str, list[float]] = {k: [] for k in COMMANDS}
    for _ in range(runs):
        for key, code in COMMANDS.items():
            times[key].append(timed(code))
    load_after = os.getloadavg()

    med = {k: statistics.median(v) for k, v in times.items()}
    diff_ms = {k: (med[k] - med["floor"]) * 1000 for k in ("package", "first_cell")}
    # A check on noise: the median of the differences within each round (run back to back).
    paired_ms = {k: statistics.median(a - b for a, b in zip(times[k], times["floor"])) * 1000
                 for k in ("package", "first_cell")}
    met = {k: d <= TARGET_MS for k, d in diff_ms.items()}

    say(f"\n{'command':<62}{'median ms':>10}{'min':>8}{'max':>8}{'vs floor':>10}")
    for key, code in COMMANDS.items():
        extra = "" if key == "floor" else f"{diff_ms[key]:>+10.0f}"
        say(f"{'python -c ' + repr(code):<62}{med[key] * 1000:>10.0f}{min(times[key]) * 1000:>8.0f}"
            f"{max(times[key]) * 1000:>8.0f}{extra}")
    for key in ("package", "first_cell"):
        say(f"{key}: {diff_ms[key]:+.0f} ms against the floor (target <= +{TARGET_MS:.0f} ms: "
            f"{'met' if met[key] else 'NOT met'}); median of the paired differences {paired_ms[key]:+.0f} ms")
    say(f"bytecode caches written: {not sys.flags.dont_write_bytecode}; "
        f"1-minute load average: {load_before[0]:.2f} before, {load_after[0]:.2f} after")

    result = {
        "benchmark": "import",
        "timestamp": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "n": runs,
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "bytecode_cache_written": not sys.flags.dont_write_bytecode,
        "load_average_1min": {"before": round(load_before[0], 2), "after": round(load_after[0], 2)},
        "commands": {k: f"python -c {v!r}" for k, v in COMMANDS.items()},
        "median_ms": {k: round(v * 1000, 1) for k, v in med.items()},
        "runs_ms": {k: [round(t * 1000, 1) for t in v] for k, v in times.items()},
        "difference_from_floor_ms": {k: round(v, 1) for k, v in diff_ms.items()},
        "median_paired_difference_ms": {k: round(v, 1) for k, v in paired_ms.items()},
        "ratio_over_floor": {k: round(med[k] / med["floor"], 3) for k in ("package", "first_cell")},
        "target_max_difference_ms": TARGET_MS,
        "target_met": all(met.values()),
        "summary": [
            {"benchmark": "import r2pkit", "figure": f"{diff_ms['package']:+.0f} ms vs floor "
                                                     f"({med['floor'] * 1000:.0f} ms)",
             "target": f"<= +{TARGET_MS:.0f} ms", "met": met["package"]},
            {"benchmark": "import r2pkit.data, .charts, .widgets",
             "figure": f"{diff_ms['first_cell']:+.0f} ms vs floor ({med['floor'] * 1000:.0f} ms)",
             "target": f"<= +{TARGET_MS:.0f} ms", "met": met["first_cell"]},
        ],
    }
    if write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        say(f"written: {RESULTS.relative_to(ROOT)}")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="fresh interpreters per command (default 10)")
    parser.add_argument("--quick", action="store_true", help="5 runs per command")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    run(runs=args.runs, quick=args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())

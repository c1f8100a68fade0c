"""Benchmark: how long the kit's notebooks take to run, against starting their kernels.

    .venv/bin/python benchmarks/bench_notebooks.py [--rounds 2] [--quick]

What is measured, in one run: every notebook (``notebooks/*.ipynb``) and every exercise
solution (``exercises/solutions/*.ipynb``) is executed from a fresh kernel with nbclient,
in memory, exactly as ``tools/refresh_notebooks.py`` does (kernel ``python3``, run in the
notebook's own folder, no widget state, no timings) — nothing is ever written back. Its
wall-clock time, from starting the kernel to shutting it down, is

- **total**: the whole notebook, top to bottom;
- **floor**: the same notebook cut down to its first code cell (the imports and the
  datasets it loads; after a papermill ``parameters`` cell, the cell that follows it) — what the same number of kernels cost before the kit does
  anything the notebook is about.

Each side is measured ``--rounds`` times (default 2), interleaved notebook by notebook
(full, first cell, full, first cell …), and the minimum per notebook is kept (the least
disturbed run). The figures are the sums over the notebooks:

- **kit work** = total − floor: drawing charts, building widgets, tables, exercises;
- **ratio** = total / floor; the target is that the kit's own work costs at most 25% on
  top of the floor, i.e. total <= 1.25 × floor.

The kit keeps what it can reuse between kernels in the user's cache folder (datasets
found valid, charts already drawn: see r2pkit.data and r2pkit.charts.drawing), so a
notebook run a second time on a machine does less than the very first run. The default
run measures that usual case (whatever the cache holds: after the first round, everything
the notebooks need); ``--cold`` gives every kernel an empty cache folder of its own
(``R2PKIT_CACHE_DIR``), which measures the first run on a new machine.

The figures, with each notebook's times, are printed as a table and written to
benchmarks/results/notebooks.json (``notebooks_cold.json`` with ``--cold``). A notebook that fails is reported, left out of both
sums, and the script exits with status 1.
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "notebooks.json"
TARGET = 1.25  # total / floor at most this


def notebooks() -> list[Path]:
    """The notebooks measured: the kit's notebooks, then the exercise solutions."""
    return sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "exercises" / "solutions").glob("*.ipynb"))


def first_cell_only(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of the notebook with only its import cell: the first code cell, or, in a notebook
    that opens with a papermill ``parameters`` cell (06), that cell and the one after it."""
    cut = copy.deepcopy(nb)
    code = [c for c in cut.cells if c.cell_type == "code"]
    n_params = 0
    while n_params < len(code) - 1 and "parameters" in code[n_params].get("metadata", {}).get("tags", []):
        n_params += 1
    cut.cells = code[: n_params + 1]
    return cut


def execute(nb: nbformat.NotebookNode, folder: Path, cold: bool = False) -> float:
    """Run a copy of ``nb`` in a fresh kernel, as tools/refresh_notebooks.py does; seconds taken.

    ``cold``: the kernel gets an empty cache folder of its own, as on a machine that has never
    run the kit.
    """
    if cold:
        with tempfile.TemporaryDirectory(prefix="r2pkit-cold-") as empty:
            saved = os.environ.get("R2PKIT_CACHE_DIR")
            os.environ["R2PKIT_CACHE_DIR"] = empty  # the kernel inherits this process's environment
            try:
                return execute(nb, folder)
            finally:
                if saved is None:
                    os.environ.pop("R2PKIT_CACHE_DIR", None)
                else:
                    os.environ["R2PKIT_CACHE_DIR"] = saved
    nb = copy.deepcopy(nb)
    for cell in nb.cells:  # start from empty outputs, as a freshly built notebook does
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    client = NotebookClient(nb, timeout=600, kernel_name="python3", store_widget_state=False,
                            record_timing=False, resources={"metadata": {"path": str(folder)}})
    start = time.perf_counter()
    client.execute(stderr=subprocess.DEVNULL)  # the kernel's own log (e.g. its TCP warning), not cell output
    return time.perf_counter() - start


def run(rounds: int = 2, quick: bool = False, write: bool = True, echo: bool = True, cold: bool = False) -> dict:
    """Measure, print a table, write benchmarks/results/notebooks.json; return the result."""
    if quick:
        rounds = 1
    say = print if echo else (lambda *a, **k: None)
    paths = notebooks()
    loaded = {p: nbformat.read(p, as_version=4) for p in paths}
    full: dict[Path, list[float]] = {p: [] for p in paths}
    floor: dict[Path, list[float]] = {p: [] for p in paths}
    failed: dict[str, str] = {}
    load_before = os.getloadavg()
    say(f"{len(paths)} notebooks, {rounds} round(s), {os.cpu_count()} CPUs, "
        f"{'an empty cache for every kernel (--cold)' if cold else 'the user cache as it is'}.", flush=True)
    for r in range(1, rounds + 1):
        for p in paths:
            name = str(p.relative_to(ROOT))
            if name in failed:
                continue
            say(f"  round {r}: {name} ...", end="", flush=True)
            try:
                full[p].append(execute(loaded[p], p.parent, cold))
                floor[p].append(execute(first_cell_only(loaded[p]), p.parent, cold))
            except Exception as exc:  # noqa: BLE001 - a failing notebook is reported, not hidden
                failed[name] = f"{type(exc).__name__}: {str(exc).strip().splitlines()[-1] if str(exc).strip() else ''}"
                say(f" FAILED ({failed[name]})", flush=True)
                continue
            say(f" {full[p][-1]:.1f} s full, {floor[p][-1]:.1f} s first cell", flush=True)
    load_after = os.getloadavg()

    ok = [p for p in paths if str(p.relative_to(ROOT)) not in failed]
    per = {str(p.relative_to(ROOT)): {"total_s": round(min(full[p]), 3), "floor_s": round(min(floor[p]), 3),
                                      "kit_work_s": round(min(full[p]) - min(floor[p]), 3),
                                      "code_cells": sum(c.cell_type == "code" for c in loaded[p].cells),
                                      "runs_total_s": [round(t, 3) for t in full[p]],
                                      "runs_floor_s": [round(t, 3) for t in floor[p]]}
           for p in ok}
    total = sum(min(full[p]) for p in ok)
    base = sum(min(floor[p]) for p in ok)
    ratio = total / base if base else float("nan")
    met = bool(ok) and not failed and ratio <= TARGET

    say(f"\n{'notebook':<42}{'total s':>9}{'floor s':>9}{'kit work s':>12}{'ratio':>8}")
    for name, row in per.items():
        say(f"{name:<42}{row['total_s']:>9.2f}{row['floor_s']:>9.2f}{row['kit_work_s']:>12.2f}"
            f"{row['total_s'] / row['floor_s']:>8.2f}")
    say(f"{'all ' + str(len(ok)) + ' notebooks':<42}{total:>9.2f}{base:>9.2f}{total - base:>12.2f}{ratio:>8.2f}")
    say(f"\nkit work = {total - base:.1f} s on a floor of {base:.1f} s: ratio total/floor = {ratio:.2f} "
        f"(target <= {TARGET}: {'met' if met else 'NOT met'})")
    if failed:
        say("FAILED (left out of the sums): " + "; ".join(f"{k}: {v}" for k, v in failed.items()))
    say(f"1-minute load average: {load_before[0]:.2f} before, {load_after[0]:.2f} after")

    result = {
        "benchmark": "notebooks",
        "timestamp": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "n": len(ok),
        "rounds": rounds,
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "bytecode_cache_written": not sys.flags.dont_write_bytecode,
        "load_average_1min": {"before": round(load_before[0], 2), "after": round(load_after[0], 2)},
        "seconds": {"total": round(total, 2), "floor": round(base, 2), "kit_work": round(total - base, 2)},
        "cache": "empty for every kernel (--cold)" if cold else "the user cache as it is",
        "ratio_total_over_floor": round(ratio, 3),
        "target_ratio_max": TARGET,
        "target_met": met,
        "notebooks": per,
        "failed": failed,
        "summary": [{"benchmark": "notebooks" + (" (cold cache)" if cold else ""), "figure": f"total/floor = {ratio:.2f} (kit work {total - base:.1f} s "
                                                          f"on {base:.1f} s, {len(ok)} notebooks)",
                     "target": f"<= {TARGET}", "met": met}],
    }
    if write:
        out = RESULTS.with_name("notebooks_cold.json") if cold else RESULTS
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        say(f"written: {out.relative_to(ROOT)}")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2, help="runs of each side, interleaved; the min is kept (default 2)")
    parser.add_argument("--quick", action="store_true", help="one round only")
    parser.add_argument("--cold", action="store_true",
                        help="an empty cache folder for every kernel: the first run on a new machine")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    result = run(rounds=args.rounds, quick=args.quick, cold=args.cold)
    return 1 if result["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())

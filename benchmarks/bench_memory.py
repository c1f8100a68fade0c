"""Benchmark: how much memory each notebook's kernel holds after Run All.

    .venv/bin/python benchmarks/bench_memory.py [--kit DIR] [--label NAME] [NOTEBOOK ...]

For each notebook (default: every one in notebooks/), a fresh ipykernel runs all its cells
(nbclient, as ``make notebooks`` and nbval do), then the kernel process's resident memory is
read from /proc: ``VmRSS`` (what it holds now, as an open notebook does) and ``VmHWM`` (its
peak). Target (issue 17): under 250 MiB per notebook. ``--kit DIR`` measures another checkout
(its notebooks, and its r2pkit through PYTHONPATH), for a before/after comparison.
Results: benchmarks/results/memory.json (or memory-NAME.json).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MIB = 250.0


def _status(pid: int) -> dict[str, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = round(int(value.split()[0]) / 1024, 1)  # kB -> MiB
    return fields


def measure(path: Path, kit: Path) -> dict[str, float]:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    env = dict(os.environ)
    if kit.resolve() != ROOT:
        env["PYTHONPATH"] = str(kit)
    client = NotebookClient(nb, timeout=900, kernel_name="python3", store_widget_state=False,
                            resources={"metadata": {"path": str(path.parent)}})
    with client.setup_kernel(env=env, cwd=str(path.parent)):
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        pid = client.km.provisioner.process.pid
        return _status(pid)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*")
    parser.add_argument("--kit", default=str(ROOT))
    parser.add_argument("--label", default="")
    args = parser.parse_args(argv)
    kit = Path(args.kit).resolve()
    paths = [Path(p) for p in args.notebooks] or sorted((kit / "notebooks").glob("*.ipynb"))
    figures = {}
    print(f"{'notebook':<28}{'now MiB':>9}{'peak MiB':>10}", flush=True)
    for path in paths:
        try:
            f = measure(path.resolve(), kit)
        except Exception as exc:  # noqa: BLE001 - a notebook that fails is reported, the others measured
            f = {"error": f"{type(exc).__name__}: {str(exc)[:200]}"}
        figures[path.stem] = f
        print(f"{path.stem:<28}{f.get('VmRSS', float('nan')):>9.1f}{f.get('VmHWM', float('nan')):>10.1f}"
              + (f"  {f['error']}" if "error" in f else ""), flush=True)
    ok = [f for f in figures.values() if "VmRSS" in f]
    result = {"benchmark": "memory", "timestamp": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
              "kit": str(kit), "target_mib": TARGET_MIB,
              "target_met": bool(ok) and len(ok) == len(figures) and all(f["VmRSS"] < TARGET_MIB for f in ok),
              "notebooks": figures}
    out = ROOT / "benchmarks" / "results" / (f"memory-{args.label}.json" if args.label else "memory.json")
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"target (< {TARGET_MIB:.0f} MiB after Run All): {'met' if result['target_met'] else 'NOT met'}; written: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

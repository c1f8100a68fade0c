"""Rebuild each notebook from its paired .py file and store fresh outputs (maintainer tool).

    python tools/refresh_notebooks.py [notebooks/NAME.py ...]

For each .py (jupytext percent format, the source of truth for the text) it writes the
.ipynb and executes it from a fresh kernel, without widget state or timings, so that the
stored outputs are what nbval compares and nothing volatile is written. Run it after
editing a notebook's text or the data or code it shows; commit both files.
"""
from __future__ import annotations

import sys
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def refresh(py: Path) -> Path:
    nb = jupytext.read(py)
    for i, cell in enumerate(nb.cells):  # stable ids: a re-run leaves an unchanged notebook unchanged
        cell.id = f"cell-{i:03d}"
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    client = NotebookClient(nb, timeout=600, kernel_name="python3", store_widget_state=False,
                            record_timing=False, resources={"metadata": {"path": str(py.parent)}})
    client.execute()
    nb.metadata.pop("widgets", None)
    nb.metadata["language_info"] = {"name": "python"}  # drop the kernel's version details
    out = py.with_suffix(".ipynb")
    nbformat.write(nb, out)
    return out


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT / "notebooks").glob("*.py"))
    for i, py in enumerate(paths, 1):
        print(f"[{i}/{len(paths)}] {py.relative_to(ROOT) if py.is_absolute() else py} ...", flush=True)
        refresh(py.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

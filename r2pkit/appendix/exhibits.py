"""Every table and figure of an appendix, mapped to the program and cell that make it.

:func:`r2pkit.appendix.export` records each export while the build runs (its name, kind,
files, a fingerprint of the source of the cell that called it and the line of that cell). :func:`locate` turns the
execution count into the cell's position in the program as the package ships it
(``code/NAME.py`` or ``code/NAME.ipynb``: the cell papermill injects for the parameters is
not in the program, so it is not counted) and, for a jupytext ``.py`` program, the line on
which the cell's code starts, which is what the template README's "list of tables and
programs" asks for.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Exhibit", "read_records", "locate", "source_lines"]


@dataclass(frozen=True)
class Exhibit:
    """A table or figure of the appendix and where it is made."""

    name: str
    kind: str                    # "table" or "figure"
    files: tuple[str, ...]
    notebook: str                # the notebook's name (its file stem)
    program: str                 # the program in the package, e.g. code/06_appendix_template.py
    cell: int | None             # 1-based position of the cell in the program
    line: int | None             # the line of the program that made it (jupytext .py programs)
    line_in_cell: int | None = None  # the line of the cell that made it
    title: str = ""
    description: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def where(self) -> str:
        """``cell 12, line 95`` in a .py program, ``cell 12, its line 3`` in an .ipynb one."""
        if not self.cell:
            return "unknown cell"
        if self.line:
            return f"cell {self.cell}, line {self.line}"
        return f"cell {self.cell}, its line {self.line_in_cell}" if self.line_in_cell else f"cell {self.cell}"


def read_records(path: Path) -> list[dict[str, Any]]:
    """The export records written while a notebook ran (one JSON object a line)."""
    if not Path(path).exists():
        return []
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def source_lines(program_text: str, cells: list[Any]) -> list[int | None]:
    """For each cell of a jupytext notebook, the line of ``program_text`` where its source starts.

    The search moves forward through the file, so identical lines in two cells are told apart.

    >>> text = "# %%\\nx = 1\\n\\n# %%\\nx = 1\\ny = 2\\n"
    >>> source_lines(text, [{"cell_type": "code", "source": "x = 1"}, {"cell_type": "code", "source": "x = 1\\ny = 2"}])
    [2, 5]
    """
    lines = program_text.splitlines()
    found: list[int | None] = []
    pos = 0
    for cell in cells:
        source = str(cell["source"]).splitlines()
        offset = next((i for i, ln in enumerate(source) if ln.strip()), None)
        if cell["cell_type"] != "code" or offset is None:
            found.append(None)
            continue
        at = next((i for i in range(pos, len(lines)) if lines[i] == source[offset]), None)
        found.append(at + 1 - offset if at is not None else None)
        if at is not None:
            pos = at + 1
    return found


def locate(records: list[dict[str, Any]], executed: Any, notebook: str, program: str,
           program_path: Path) -> list[Exhibit]:
    """The exhibits of one notebook, each with the cell (and line) of ``program`` that made it."""
    import hashlib

    by_source: dict[str, list[int]] = {}
    counts: dict[int, int] = {}
    injected = 0
    positions: dict[int, int] = {}
    for i, cell in enumerate(executed.cells):
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            injected += 1
            continue
        positions[i] = i - injected + 1
        if cell.get("cell_type") == "code":
            by_source.setdefault(hashlib.sha1(cell.source.encode("utf-8")).hexdigest(), []).append(i)
            counts[i] = cell.get("execution_count") or -1
    lines: list[int | None] = []
    if program_path.suffix == ".py":
        import jupytext

        lines = source_lines(program_path.read_text(encoding="utf-8"), jupytext.read(program_path).cells)
    out = []
    for rec in records:
        # The cell whose source ran; of identical cells, the one whose execution count is nearest.
        candidates = by_source.get(rec.get("cell_sha1", ""), [])
        count = rec.get("execution_count") or 0
        index = min(candidates, key=lambda i: abs(counts[i] - count)) if candidates else None
        cell = positions.get(index) if index is not None else None
        start = lines[cell - 1] if cell and cell - 1 < len(lines) else None
        in_cell = rec.get("line_in_cell")
        line = start + in_cell - 1 if start is not None and in_cell else start
        details = {k: v for k, v in rec.items() if k in ("rows", "columns")}
        out.append(Exhibit(rec["name"], rec["kind"], tuple(rec["files"]), notebook, program, cell, line,
                           in_cell, rec.get("title", ""), rec.get("description", ""), details))
    return out

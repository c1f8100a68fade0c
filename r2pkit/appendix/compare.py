"""Compare what two builds of a package *say*, exhibit by exhibit, not their bytes.

On another machine a rerun can draw a legend a pixel wider (vl-convert measures text with
the fonts it finds) or compute a share that differs in its 16th digit, and a byte-for-byte
check then calls an identical result "modified". :func:`compare` checks what matters:

- every **table** (``tables/*.csv``): the same columns and rows, each number equal within
  the relative ``tolerance`` (0 asks for exact equality), every other cell identical;
- every **figure**: its Vega-Lite specification (``.vl.json``) — the data it plots, its
  title, description, axis titles, tooltips — numbers within the tolerance, text
  identical (the names altair gives data sets are hashes of their content, so they are
  compared by position); and its SVG with the geometry masked as the kit's nbval
  sanitizer masks it (``tests/nbval_sanitize.cfg``), so every label, every mark's
  aria-label and every colour is compared. PNGs are not compared: they are drawn from the
  same specification, pixel by pixel;
- every **notebook**'s text outputs, cell by cell (printed text, results, Markdown),
  numbers within the tolerance; of an error shown on purpose, its kind (its message can
  list the datasets at hand, and a package holds only the extracts it used).

Each difference names its exhibit and where in it: ``table host_pressure_ranking: row 3,
column 'per_1000': 12.5 here, 12.7 on the rerun``.
"""
from __future__ import annotations

import csv
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Difference", "compare", "same_text", "compare_tables", "compare_figure", "sanitize_svg"]

_NUMBER = re.compile(r"(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)")
# The same masks as tests/nbval_sanitize.cfg applies to the kit's notebooks (chart geometry).
SVG_MASKS = ((re.compile(r'\b(d|transform|viewBox|points)="[^"]*"'), r'\1="GEOMETRY"'),
             (re.compile(r'\b(width|height|x|y|x1|x2|y1|y2|cx|cy|r|rx|ry)="-?[0-9.]+(?:e-?[0-9]+)?"'), r'\1="N"'))
_ADDRESS = re.compile(r"at 0x[0-9a-fA-F]+>")
_MAX_SHOWN = 5


@dataclass(frozen=True)
class Difference:
    """One way in which the rerun does not say what the package says."""

    exhibit: str   # e.g. "table host_pressure_ranking", "figure vetoes_chart", "notebook tiny"
    what: str

    def __str__(self) -> str:
        return f"{self.exhibit}: {self.what}"


def _close(a: float, b: float, tolerance: float) -> bool:
    return a == b or math.isclose(a, b, rel_tol=tolerance, abs_tol=tolerance)


def same_text(a: str, b: str, tolerance: float) -> bool:
    """Whether two texts are the same but for numbers within ``tolerance`` (relative).

    >>> same_text("share 0.3333333333333333 of 12", "share 0.33333333333333326 of 12", 1e-9)
    True
    >>> same_text("share 0.33 of 12", "share 0.34 of 12", 1e-9), same_text("Türkiye", "Turkey", 0.1)
    (False, False)
    """
    if a == b:
        return True
    pa, pb = _NUMBER.split(a), _NUMBER.split(b)
    if len(pa) != len(pb):
        return False
    for i, (x, y) in enumerate(zip(pa, pb)):
        if i % 2 == 0:
            if x != y:
                return False
        elif not _close(float(x), float(y), tolerance):
            return False
    return True


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if text.strip() and not text.strip().lower() in ("nan", "inf", "-inf", "infinity") else None


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def compare_tables(ours: Path, theirs: Path, name: str, tolerance: float) -> list[Difference]:
    """Differences between two CSV tables: columns, rows, each cell (numbers within ``tolerance``)."""
    exhibit = f"table {name}"
    a, b = _read_csv(ours), _read_csv(theirs)
    if not a or not b or a[0] != b[0]:
        return [Difference(exhibit, f"the columns differ: {a[0] if a else []} here, {b[0] if b else []} on the rerun")]
    if len(a) != len(b):
        return [Difference(exhibit, f"{len(a) - 1} rows here, {len(b) - 1} on the rerun")]
    found = []
    for r, (ra, rb) in enumerate(zip(a[1:], b[1:]), 1):
        for column, x, y in zip(a[0], ra, rb):
            nx, ny = _number(x), _number(y)
            same = _close(nx, ny, tolerance) if nx is not None and ny is not None else x == y
            if not same:
                found.append(Difference(exhibit, f"row {r}, column '{column}': {x} here, {y} on the rerun"))
    if len(found) > _MAX_SHOWN:
        found = found[:_MAX_SHOWN] + [Difference(exhibit, f"… and {len(found) - _MAX_SHOWN} more cells differ")]
    return found


def _dataset_names(spec: dict[str, Any]) -> dict[str, str]:
    """altair's data set names (hashes of their content), renamed by order of first use."""
    names = set(spec.get("datasets", {}))
    order: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key in sorted(node):
                if key != "datasets":
                    walk(node[key])
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, str) and node in names and node not in order:
            order.append(node)

    walk(spec)
    order += sorted(names - set(order))
    return {name: f"data-{i}" for i, name in enumerate(order, 1)}


def _renamed(node: Any, names: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {names.get(k, k): _renamed(v, names) for k, v in node.items()}
    if isinstance(node, list):
        return [_renamed(v, names) for v in node]
    return names.get(node, node) if isinstance(node, str) else node


def _values(a: Any, b: Any, tolerance: float, path: str, out: list[str]) -> None:
    if len(out) > _MAX_SHOWN:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                out.append(f"{path}/{key}: {'missing on the rerun' if key in a else 'only on the rerun'}")
            else:
                _values(a[key], b[key], tolerance, f"{path}/{key}", out)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} items here, {len(b)} on the rerun")
        else:
            for i, (x, y) in enumerate(zip(a, b)):
                _values(x, y, tolerance, f"{path}/{i}", out)
    elif isinstance(a, bool) or isinstance(b, bool) or not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
        same = same_text(a, b, tolerance) if isinstance(a, str) and isinstance(b, str) else a == b
        if not same:
            out.append(f"{path}: {json.dumps(a, ensure_ascii=False)[:120]} here, "
                       f"{json.dumps(b, ensure_ascii=False)[:120]} on the rerun")
    elif not _close(float(a), float(b), tolerance):
        out.append(f"{path}: {a} here, {b} on the rerun")


def sanitize_svg(svg: str) -> str:
    """An SVG with its geometry masked, as the kit's nbval sanitizer masks it."""
    for pattern, replace in SVG_MASKS:
        svg = pattern.sub(replace, svg)
    return svg


def _svg_text(svg: str) -> list[str]:
    """The text an SVG says, in order: its elements' text and its aria-labels, roles and colours."""
    masked = sanitize_svg(svg)
    return re.findall(r'(?:aria-label|role|fill|stroke)="[^"]*"|>[^<>]+<', masked)


def compare_figure(ours: Path, theirs: Path, name: str, tolerance: float) -> list[Difference]:
    """Differences in what a figure says: its specification's data and text, and its SVG's text."""
    exhibit = f"figure {name}"
    found: list[str] = []
    spec_a = json.loads((ours / f"{name}.vl.json").read_text(encoding="utf-8"))
    spec_b = json.loads((theirs / f"{name}.vl.json").read_text(encoding="utf-8"))
    _values(_renamed(spec_a, _dataset_names(spec_a)), _renamed(spec_b, _dataset_names(spec_b)), tolerance, "spec", found)
    svg_a = _svg_text((ours / f"{name}.svg").read_text(encoding="utf-8"))
    svg_b = _svg_text((theirs / f"{name}.svg").read_text(encoding="utf-8"))
    if len(svg_a) != len(svg_b):
        found.append(f"the SVG has {len(svg_a)} labels and marks here, {len(svg_b)} on the rerun")
    else:
        for x, y in zip(svg_a, svg_b):
            if not same_text(x, y, tolerance):
                found.append(f"the SVG says {x.strip('><')[:120]!r} here, {y.strip('><')[:120]!r} on the rerun")
                break
    return [Difference(exhibit, f) for f in found[:_MAX_SHOWN + 1]]


def _texts(cell: dict[str, Any]) -> list[str]:
    out = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream":
            out.append("".join(o.get("text", "")))
        elif o.get("output_type") == "error":
            # The kind of error only: its message may list what the kit has, and a package has only
            # the extracts it used (an unknown dataset's message lists the datasets there).
            out.append(f"error {o.get('ename')}")
        else:
            for mime in ("text/markdown", "text/plain"):
                if mime in o.get("data", {}):
                    out.append(_ADDRESS.sub("at 0xADDR>", "".join(o["data"][mime])))
                    break
    return out


def compare_notebook(ours: Path, theirs: Path, name: str, tolerance: float) -> list[Difference]:
    """Differences in a notebook's text outputs, cell by cell."""
    exhibit = f"notebook {name}"
    a = json.loads(ours.read_text(encoding="utf-8"))["cells"]
    b = json.loads(theirs.read_text(encoding="utf-8"))["cells"]
    if len(a) != len(b):
        return [Difference(exhibit, f"{len(a)} cells here, {len(b)} on the rerun")]
    found = []
    for i, (ca, cb) in enumerate(zip(a, b), 1):
        ta, tb = _texts(ca), _texts(cb)
        if len(ta) != len(tb) or not all(same_text(x, y, tolerance) for x, y in zip(ta, tb)):
            shown = next(((x, y) for x, y in zip(ta, tb) if not same_text(x, y, tolerance)),
                         ("\n".join(ta), "\n".join(tb)))
            found.append(Difference(exhibit, f"cell {i} prints {shown[0][:160]!r} here, {shown[1][:160]!r} on the rerun"))
    return found[:_MAX_SHOWN]


def compare(ours: Path, theirs: Path, tolerance: float) -> list[Difference]:
    """Every difference in meaning between the package ``ours`` and a rebuild of it, ``theirs``."""
    ours, theirs = Path(ours), Path(theirs)
    found: list[Difference] = []
    for kind, folder, pattern, check in (("table", "tables", "*.csv", compare_tables),
                                         ("figure", "figures", "*.vl.json", compare_figure)):
        names_a = {p.name[: -len(pattern) + 1] for p in (ours / folder).glob(pattern)}
        names_b = {p.name[: -len(pattern) + 1] for p in (theirs / folder).glob(pattern)}
        for name in sorted(names_a | names_b):
            if name not in names_b:
                found.append(Difference(f"{kind} {name}", "not made by the rerun"))
            elif name not in names_a:
                found.append(Difference(f"{kind} {name}", "made by the rerun but not in the package"))
            elif kind == "table":
                found += check(ours / folder / f"{name}.csv", theirs / folder / f"{name}.csv", name, tolerance)
            else:
                found += check(ours / folder, theirs / folder, name, tolerance)
    for nb in sorted((ours / "notebooks").glob("*.ipynb")):
        other = theirs / "notebooks" / nb.name
        if not other.exists():
            found.append(Difference(f"notebook {nb.stem}", "not run by the rerun"))
        else:
            found += compare_notebook(nb, other, nb.stem, tolerance)
    return found

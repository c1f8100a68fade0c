"""Mark a chart or a table for a researcher's appendix: ``export(obj, name)``.

A notebook says what belongs in its appendix by passing the object to :func:`export`
with a file name of its own choosing, e.g. ``export(chart, "host_pressure")``. The
name is the researcher's, so the files keep the same names however the notebook is
edited (a name taken from a cell's position would change whenever a cell is added).

In ordinary use (JupyterLab, Voilà, nbval) ``export`` only hands the object back, so the
cell shows it as usual. When ``r2pkit appendix build`` runs the notebook it sets
``R2PKIT_APPENDIX_EXPORT`` to the appendix folder for the notebook's kernel, and
``export`` then also writes, with no network (vl-convert draws the charts in-process):

- a chart as ``figures/NAME.svg`` (the kit's SVG, ids renamed so it is the same byte
  for byte on every run), ``figures/NAME.png`` (2× scale) and ``figures/NAME.vl.json``
  (the Vega-Lite spec with its data, to restyle the chart elsewhere);
- a table as ``tables/NAME.csv`` (UTF-8, ``\\n`` line ends; the index is written only
  when it has a name, as after ``set_index``).

Each export is also recorded (one JSON line: its name, kind, files, the cell that made it and,
for a chart, its title and description) in the file ``R2PKIT_APPENDIX_EXHIBITS`` names, so the
appendix's README can map every table and figure to the program and cell that makes it.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, TypeVar

from ..errors import R2PKitError, shown

__all__ = ["export", "EXPORT_ENV", "EXHIBITS_ENV"]

#: The environment variable that turns exporting on: the appendix folder being built.
EXPORT_ENV = "R2PKIT_APPENDIX_EXPORT"
#: The file each export is recorded in (set by the build with EXPORT_ENV).
EXHIBITS_ENV = "R2PKIT_APPENDIX_EXHIBITS"

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,79}")
T = TypeVar("T")


def _check_name(name: object) -> str:
    if not isinstance(name, str) or not _NAME.fullmatch(name) or name.endswith((".csv", ".png", ".svg", ".json")):
        raise R2PKitError(
            f"{shown(name)} cannot be an export name: use letters, digits, '_', '-' or '.', starting with a "
            "letter or digit, at most 80 characters and without a file extension, e.g. 'host_pressure_2015'.")
    return name


def _kind(obj: object) -> str:
    import altair as alt
    import pandas as pd

    if isinstance(obj, alt.TopLevelMixin):
        return "figure"
    if isinstance(obj, (pd.DataFrame, pd.Series)):
        return "table"
    raise R2PKitError(f"export() takes an altair chart or a pandas table (DataFrame or Series), "
                      f"not {type(obj).__name__}.")


def _free(path: Path, name: str) -> Path:
    if path.exists():
        raise R2PKitError(f"The export name '{name}' is used twice in this appendix ({path.parent.name}/"
                          f"{path.name} already exists): give each chart and table its own name.")
    return path


def _cell() -> dict[str, Any]:
    """The running cell: the SHA-1 of its source (IPython keeps it in its history before running it)
    and IPython's execution count (which versions of IPython advance before or after the cell runs)."""
    import hashlib

    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return {}
    shell = get_ipython()
    if shell is None:
        return {}
    history = getattr(getattr(shell, "history_manager", None), "input_hist_raw", None) or [""]
    return {"execution_count": getattr(shell, "execution_count", None),
            "cell_sha1": hashlib.sha1(str(history[-1]).encode("utf-8")).hexdigest()}


_CELL_FILE = re.compile(r"ipykernel_\d+[/\\]\d+\.py$|^<ipython-input-")


def _line_in_cell() -> int | None:
    """The line of the running cell that led here (the outermost frame whose code is a notebook cell)."""
    import sys

    frame, line = sys._getframe(1), None
    while frame is not None:
        if _CELL_FILE.search(frame.f_code.co_filename):
            line = frame.f_lineno
        frame = frame.f_back
    return line


def _record(name: str, kind: str, files: list[str], extra: dict[str, Any]) -> None:
    record = os.environ.get(EXHIBITS_ENV)
    if record:
        line = {"name": name, "kind": kind, "files": files, **_cell(), "line_in_cell": _line_in_cell(), **extra}
        with open(record, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")


def _chart_text(spec: dict[str, Any]) -> dict[str, str]:
    title = spec.get("title", "")
    if isinstance(title, dict):
        title = title.get("text", "")
    if isinstance(title, list):
        title = " ".join(map(str, title))
    return {"title": str(title), "description": str(spec.get("description", ""))}


def _vl_version() -> str:
    """The Vega-Lite version altair writes, as vl-convert names it (``v6_4``)."""
    import altair as alt

    return "v" + "_".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])


def _write_figure(chart: Any, name: str, folder: Path) -> None:
    import vl_convert as vlc

    from .. import charts

    folder.mkdir(parents=True, exist_ok=True)
    spec = chart.to_dict()
    svg, png, spec_file = (folder / f"{name}.svg", folder / f"{name}.png", folder / f"{name}.vl.json")
    for p in (svg, png, spec_file):
        _free(p, name)
    svg.write_text(charts.to_svg(chart), encoding="utf-8")
    png.write_bytes(vlc.vegalite_to_png(spec, vl_version=_vl_version(), scale=2))
    spec_file.write_text(json.dumps(spec, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    _record(name, "figure", [f"figures/{p.name}" for p in (svg, png, spec_file)], _chart_text(spec))


def _write_table(table: Any, name: str, folder: Path) -> None:
    import pandas as pd

    folder.mkdir(parents=True, exist_ok=True)
    frame = table.to_frame() if isinstance(table, pd.Series) else table
    index = any(n is not None for n in frame.index.names)
    path = _free(folder / f"{name}.csv", name)
    frame.to_csv(path, index=index, lineterminator="\n", encoding="utf-8")
    title = str(table.attrs.get("title", "")) if hasattr(table, "attrs") else ""
    _record(name, "table", [f"tables/{path.name}"], {"title": title, "rows": len(frame),
                                                      "columns": [str(c) for c in frame.columns]})


def export(obj: T, name: str) -> T:
    """Hand ``obj`` back unchanged; inside ``r2pkit appendix build`` also write it to the appendix.

    ``obj`` is an altair chart (written as SVG, PNG and Vega-Lite JSON) or a pandas table
    (written as CSV); ``name`` is its file name without extension. Make it the last line
    of a cell to show the object as well.

    >>> import pandas as pd
    >>> table = pd.DataFrame({"year": [2015], "refugees": [1]})
    >>> export(table, "refugees_2015") is table      # outside a build: nothing is written
    True
    >>> export(table, "../elsewhere")
    Traceback (most recent call last):
    ...
    r2pkit.errors.R2PKitError: '../elsewhere' cannot be an export name: ...
    >>> export("a sentence", "note")
    Traceback (most recent call last):
    ...
    r2pkit.errors.R2PKitError: export() takes an altair chart or a pandas table (DataFrame or Series), not str.
    """
    name = _check_name(name)
    kind = _kind(obj)
    target = os.environ.get(EXPORT_ENV)
    if target:
        if kind == "figure":
            _write_figure(obj, name, Path(target) / "figures")
        else:
            _write_table(obj, name, Path(target) / "tables")
    return obj

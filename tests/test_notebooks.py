"""Notebooks: paired text in step with the .ipynb, and outputs stored for nbval."""
from __future__ import annotations

import re
from pathlib import Path

import jupytext
import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks_and_the_first_is_start_here():
    assert NOTEBOOKS and NOTEBOOKS[0].name == "00_start_here.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_ipynb_and_py_pair_agree(path):
    py = path.with_suffix(".py")
    assert py.exists(), f"{path.name} has no paired {py.name}: run `jupytext --set-formats ipynb,py:percent`"
    text_cells = [(c.cell_type, c.source.strip()) for c in jupytext.read(py).cells]
    nb_cells = [(c.cell_type, c.source.strip()) for c in nbformat.read(path, as_version=4).cells]
    assert nb_cells == text_cells, (
        f"{path.name} and {py.name} differ: edit the .py (the source of truth) and run `make notebooks`")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_are_stored_and_errors_only_where_expected(path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        assert cell.execution_count is not None, f"{path.name} cell {i} was never run: run `make notebooks`"
        errors = [o for o in cell.outputs if o.output_type == "error"]
        expected = "raises-exception" in cell.metadata.get("tags", [])
        assert bool(errors) == expected, f"{path.name} cell {i}: error output {'missing' if expected else 'stored'}"
    assert "widgets" not in nb.metadata, f"{path.name} stores widget state (volatile, large)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_altair_cdn_renderer_output(path):
    text = path.read_text(encoding="utf-8")
    assert "cdn.jsdelivr" not in text and "vega-embed@" not in text, "a chart that needs the network"


def _sanitized(text: str) -> str:
    """``text`` as nbval compares it, with the repository's sanitizer file."""
    from nbval.plugin import get_sanitize_patterns

    patterns = get_sanitize_patterns((ROOT / "tests" / "nbval_sanitize.cfg").read_text(encoding="utf-8"))
    assert patterns, "the sanitizer file has no regex/replace pair"
    for regex, replace in patterns:
        text = re.sub(regex, replace, text)
    return text


def test_sanitizer_hides_chart_geometry_but_not_what_the_chart_says():
    from r2pkit import charts, data

    table = data.load("syria_refugees_by_host")
    svg = charts.drawing.render(charts.refugees_by_host(table, 2015).to_dict())["image/svg+xml"]
    label = re.search(r'aria-label="[^"]*?(\d[\d,]+)', svg)
    assert label, "no mark with a number in its label: the test cannot mutate one"
    geometry = re.search(r'\bd="M(\d+)', svg)
    assert geometry, "no path in the chart"
    moved = svg[:geometry.start(1)] + str(int(geometry.group(1)) + 1) + svg[geometry.end(1):]
    relabelled = svg[:label.start(1)] + "9" + svg[label.start(1):]
    retitled = svg.replace("2015", "2016", 1)
    assert _sanitized(moved) == _sanitized(svg)  # a pixel elsewhere: fonts and floating point
    assert _sanitized(relabelled) != _sanitized(svg)  # a mark's data
    assert _sanitized(retitled) != _sanitized(svg)  # the title

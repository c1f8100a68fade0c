"""How the kit's errors look to a reader: a short message in notebooks, not a traceback."""
from __future__ import annotations

import linecache
import re
import subprocess
from pathlib import Path

import pytest

from r2pkit import data
from r2pkit.errors import R2PKitError, UnknownNameError

ROOT = Path(__file__).resolve().parents[1]


def _plain(lines: list[str]) -> list[str]:
    return [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in lines]


def _shown_for_a_cell(source: str) -> list[str]:
    """What IPython shows for the kit's error raised by ``source``, run as IPython runs a cell
    (its text kept in linecache, with no modification time)."""
    name = "<cell-for-test>"
    linecache.cache[name] = (len(source), None, source.splitlines(keepends=True), name)
    try:
        exec(compile(source, name, "exec"), {"data": data})
    except R2PKitError as exc:
        return _plain(exc._render_traceback_())
    finally:
        linecache.cache.pop(name, None)
    raise AssertionError("the cell did not raise")


def test_an_error_shows_the_readers_line_and_the_message_only():
    lines = _shown_for_a_cell("x = 1\ndata.load('refugees')\n")
    assert lines[0] == "In line 2: data.load('refugees')"
    assert lines[1].startswith("UnknownNameError: There is no dataset called 'refugees'. Did you mean")
    assert "%tb verbose" in lines[2] and len(lines) == 3
    assert not any("data.py" in line or "Traceback" in line for line in lines), "no frame from inside the kit"


def test_an_error_raised_outside_a_cell_still_has_its_message():
    lines = _plain(UnknownNameError("No such year.")._render_traceback_())
    assert lines[0] == "UnknownNameError: No such year."


@pytest.fixture(scope="module")
def kernel_outputs() -> list[list[dict]]:
    """Outputs of a few cells run in a real kernel, as in JupyterLab."""
    nbformat = pytest.importorskip("nbformat")
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cells = ["from r2pkit import data", "data.load('refugees')", "%tb verbose", "1/0"]
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    NotebookClient(nb, kernel_name="python3", allow_errors=True, timeout=120,
                   resources={"metadata": {"path": str(ROOT)}}).execute(stderr=subprocess.DEVNULL)
    return [c.outputs for c in nb.cells]


def test_in_a_kernel_the_kits_error_is_three_lines_and_other_errors_keep_their_traceback(kernel_outputs):
    error = kernel_outputs[1][0]
    assert error["output_type"] == "error" and error["ename"] == "UnknownNameError"
    text = _plain(error["traceback"])
    assert len(text) == 3 and text[0] == "In line 1: data.load('refugees')", text
    full = "\n".join(_plain(kernel_outputs[2][0]["traceback"]))
    assert "r2pkit/data.py" in full and "Traceback" in full, "%tb verbose shows every frame"
    other = "\n".join(_plain(kernel_outputs[3][0]["traceback"]))
    assert "ZeroDivisionError" in other and "Traceback" in other

"""Where the kit runs: on a computer or a JupyterHub (the full kit), or inside a web browser (the browser kit).

The browser kit is the JupyterLite site ``make lite`` builds: JupyterLab and Python
(Pyodide, Python compiled to WebAssembly) running in the student's browser, with nothing
to install. Everything a reader or a student does runs there: the notebooks, the
widgets, the charts, the self-checked exercises. What cannot run there is what starts
other programs, since Python in a browser cannot start any: the instructor's batch
grading (each submission is run in a fresh kernel inside a sandbox) and the researcher's
appendix (each notebook is run again in a fresh kernel). Those call :func:`needs_full_kit`
first, which in the browser stops with :class:`FullKitNeeded`: a plain message saying
that the full kit is needed and how to get it, rather than an error about processes from
deep inside Python.

>>> needs_full_kit("Grading submissions", "r2pkit grade SUBMISSIONS --out grades.csv")  # here: the full kit
>>> print(full_kit_message("Grading submissions", "r2pkit grade SUBMISSIONS --out grades.csv"))
... # doctest: +ELLIPSIS
Grading submissions needs the full kit: this page runs Python inside your web browser ...
"""
from __future__ import annotations

import sys

from .errors import R2PKitError

__all__ = ["in_browser", "needs_full_kit", "full_kit_message", "FullKitNeeded"]


class FullKitNeeded(R2PKitError):
    """A task that starts other programs (kernels, a sandbox), asked for in the browser kit."""


def in_browser() -> bool:
    """True in the browser kit (JupyterLite's Python, Pyodide, says its platform is "emscripten")."""
    return sys.platform == "emscripten"


def full_kit_message(task: str, command: str) -> str:
    """What :class:`FullKitNeeded` says for ``task``: why, and what to do instead (run ``command``)."""
    return (f"{task} needs the full kit: this page runs Python inside your web browser (the browser kit, "
            "JupyterLite), and Python in a browser cannot start the separate programs this uses (a fresh "
            "Python for each notebook, and for grading a sandbox around it). What to do: on a computer with "
            "Python 3.11 or newer, get the kit and run `make lab` (README.md, at the top), or use your "
            f"institution's JupyterHub; then run `{command}` in a terminal there. Your files in this page are "
            "kept in this browser only: download the ones you need first (File > Download).")


def needs_full_kit(task: str, command: str) -> None:
    """Stop with :class:`FullKitNeeded` in the browser kit; do nothing anywhere else."""
    if in_browser():
        raise FullKitNeeded(full_kit_message(task, command))

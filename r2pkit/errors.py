"""The kit's errors: one family, each with a message a non-programmer can act on.

Every error r2pkit raises on purpose is an :class:`R2PKitError`. Its message says what
was wrong, what is allowed, and, where one helps, a suggestion ("did you mean …?").
Notebooks and the command line show only that message, never a traceback from deep
inside pandas or frictionless: the command line catches these errors and prints them; in
Jupyter (and any IPython) the error shows as the line of the reader's code that caused
it and the message, a few lines in all. That uses IPython's own hook for exceptions that
format themselves (``_render_traceback_``): nothing is registered, other errors keep
their usual traceback, and if formatting ever failed IPython would fall back to the full
one. Programmers get the full traceback with ``%tb verbose`` (or ``%xmode Verbose``).
"""
from __future__ import annotations

import difflib
import linecache
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

__all__ = ["R2PKitError", "UnknownNameError", "DataValidationError", "closest", "one_of", "require_table"]


_KIT = str(Path(__file__).resolve().parent)
_RED, _DIM, _RESET = "\x1b[0;31m", "\x1b[2m", "\x1b[0m"


class R2PKitError(Exception):
    """Base class of every error the kit raises on purpose.

    In a notebook it shows as a short message, not a traceback:

    >>> err = R2PKitError("There is no year 1990 in the data: choose 2011–2025.")
    >>> [_plain(line) for line in err._render_traceback_()]  # what IPython shows
    ['R2PKitError: There is no year 1990 in the data: choose 2011–2025.', "(The kit's own message: ...)"]
    """

    def _render_traceback_(self) -> list[str]:
        """The lines IPython shows for this error (it calls this instead of formatting a traceback)."""
        full = _full_traceback(self)
        if full is not None:  # the programmer asked for everything: %tb verbose, %xmode Verbose
            return full
        where = _reader_line(self.__traceback__)
        lines = [where] if where else []
        lines.append(f"{_RED}{type(self).__name__}{_RESET}: {self}")
        lines.append(f"{_DIM}(The kit's own message: it says what to change. "
                     f"For the full Python traceback, run %tb verbose){_RESET}")
        return lines


class UnknownNameError(R2PKitError, KeyError):
    """A name (dataset, country, year …) that the kit does not know.

    Subclasses :class:`KeyError` so that code which looks things up in a mapping keeps
    working, but prints as a plain sentence rather than a quoted key.
    """

    def __str__(self) -> str:  # KeyError would wrap the message in quotes
        return str(self.args[0]) if self.args else ""


class DataValidationError(R2PKitError, ValueError):
    """A dataset file that breaks its schema; ``problems`` lists each broken rule."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])


def closest(word: str, choices: Iterable[str], n: int = 1) -> list[str]:
    """The choices most like ``word`` (case-insensitive), best first.

    >>> closest("unsc_vetoes", ["unsc_syria_vetoes", "r2p_timeline"])
    ['unsc_syria_vetoes']
    >>> closest("zzz", ["r2p_timeline"])
    []
    """
    options = {c.lower(): c for c in choices}
    found = difflib.get_close_matches(word.lower(), list(options), n=n, cutoff=0.5)
    if not found:  # a name typed as part of the real one, e.g. "vetoes"
        found = [k for k in options if word.lower() in k][:n]
    return [options[f] for f in found]


def one_of(value: object, choices: Iterable[str], not_what: str) -> str:
    """The choice ``value`` names (any case, spaces around ignored), or a clear error with the closest.

    ``not_what`` ends the sentence "VALUE is not ...".

    >>> one_of(" Single State", ["single state", "UN"], "one of the actors")
    'single state'
    >>> one_of("the U.N.", ["single state", "UN"], "one of the actors")
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: 'the U.N.' is not one of the actors. Choose one of: single state, UN.
    """
    options = list(choices)
    if isinstance(value, str):
        for option in options:
            if value.strip().casefold() == option.casefold():
                return option
    hint = closest(str(value), options)
    raise UnknownNameError(f"{value!r} is not {not_what}." + (f" Did you mean '{hint[0]}'?" if hint else "")
                           + f" Choose one of: {', '.join(options)}.")


def require_table(table: object, columns: Iterable[str], dataset: str) -> None:
    """Check that ``table`` is a DataFrame with ``columns``: the dataset a function expects.

    >>> import pandas as pd
    >>> require_table(pd.DataFrame({"year": []}), ("year", "host"), "syria_refugees_by_host")
    Traceback (most recent call last):
    ...
    r2pkit.errors.R2PKitError: This table has no column 'host': pass the dataset 'syria_refugees_by_host' (data.load('syria_refugees_by_host')), which has year, host.
    """
    import pandas as pd

    columns = tuple(columns)
    if not isinstance(table, pd.DataFrame):
        raise R2PKitError(f"Expected a table (pandas DataFrame) such as data.load('{dataset}'), "
                          f"not {type(table).__name__}.")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise R2PKitError(f"This table has no column {', '.join(repr(m) for m in missing)}: pass the dataset "
                          f"'{dataset}' (data.load('{dataset}')), which has {', '.join(columns)}.")


# -------------------------------------------------------------- short display in IPython
def _plain(line: str) -> str:
    """A display line without its colour codes.

    >>> _plain("\x1b[0;31mR2PKitError\x1b[0m: x")
    'R2PKitError: x'
    """
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", line)


def _full_traceback(exc: BaseException) -> list[str] | None:
    """IPython's usual traceback, when its exception mode is Verbose; otherwise None."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
        if shell is None or shell.InteractiveTB.mode != "Verbose":
            return None
        return shell.InteractiveTB.structured_traceback(type(exc), exc, exc.__traceback__)
    except Exception:  # noqa: BLE001 - no IPython, or an unexpected one: show the short form
        return None


def _reader_line(tb: TracebackType | None) -> str:
    """'In line 3: data.load("refugees")' — the last line of the reader's own code before the kit.

    The reader's code is every frame outside the r2pkit package; a notebook cell is named
    by its line only (its file name changes on every run), a file by its name too.
    """
    try:
        last = ""
        while tb is not None:
            code = tb.tb_frame.f_code
            filename = code.co_filename
            if str(Path(filename).resolve()).startswith(_KIT):
                break
            text = linecache.getline(filename, tb.tb_lineno).strip()
            # IPython keeps each cell's source in linecache without a modification time.
            cell = linecache.cache.get(filename, (None, 0))[1] is None
            if text and "site-packages" not in filename and "IPython" not in filename:
                place = f"In line {tb.tb_lineno}" if cell else f"In {Path(filename).name}, line {tb.tb_lineno}"
                last = f"{_DIM}{place}:{_RESET} {text}"
            tb = tb.tb_next
        return last
    except Exception:  # noqa: BLE001 - the location is a courtesy; the message is what matters
        return ""

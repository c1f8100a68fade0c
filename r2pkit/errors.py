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

__all__ = ["R2PKitError", "CheckError", "UnknownNameError", "WrongTypeError", "OutOfRangeError", "TableError",
           "PathError", "DataValidationError", "shown", "listing", "closest", "one_of", "require_table"]


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


#: The longest a message quotes a value or lists choices: a huge value is never echoed whole.
MAX_SHOWN = 80
MAX_LISTED = 25
_UNSET: object = object()


def shown(value: object, limit: int = MAX_SHOWN) -> str:
    """A value as a message quotes it: its ``repr``, cut to ``limit`` characters; a table by its shape.

    >>> shown("Lebanom"), shown(2.5), shown(None)
    ("'Lebanom'", '2.5', 'None')
    >>> shown("x" * 1000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (1,000 characters)"
    >>> import pandas as pd
    >>> shown(pd.DataFrame({"year": [2015]}))
    'a table (1 row; columns: year)'
    """
    import reprlib

    try:
        import pandas as pd

        if isinstance(value, pd.DataFrame):
            cols = listing([str(c) for c in value.columns], limit=8) or "none"
            return f"a table ({len(value):,} row{'s' if len(value) != 1 else ''}; columns: {cols})"
        if isinstance(value, pd.Series):
            return f"a column ({len(value):,} values)"
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    if isinstance(value, str):
        if len(value) > limit:
            return repr(value[:limit - 10]) [:-1] + f"… ({len(value):,} characters)"
        return repr(value)
    if value is None or isinstance(value, (bool, int, float, complex, bytes, list, tuple, dict, set, frozenset)):
        if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
            return f"a {int(value.bit_length() * 0.30103) + 1:,}-digit number"
        short = reprlib.Repr()
        short.maxstring, short.maxother, short.maxlist, short.maxdict = limit, limit, 6, 4
        short.maxtuple = short.maxset = short.maxfrozenset = 6
        short.maxlevel = 2
        text = short.repr(value)
        return text if len(text) <= limit else text[:limit - 1] + "…"
    import numbers

    if (isinstance(value, numbers.Number) or type(value).__module__ == "numpy") and not hasattr(value, "__len__"):  # numpy numbers, Decimal, Fraction
        text = str(value)
        return text if len(text) <= limit else text[:limit - 1] + "…"
    name = type(value).__name__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name} object"


def listing(items: Iterable[object], limit: int = MAX_LISTED, last: str = ", ") -> str:
    """Choices as a message lists them: at most ``limit``, then how many more.

    >>> listing(["text", "bibtex"])
    'text, bibtex'
    >>> listing(range(30), limit=3)
    '0, 1, 2 … and 27 more'
    """
    items = [str(i) for i in items]
    head = [i if len(i) <= MAX_SHOWN else i[:MAX_SHOWN - 1] + "…" for i in items[:limit]]
    more = f" … and {len(items) - limit} more" if len(items) > limit else ""
    if len(head) > 1 and not more and last != ", ":
        return ", ".join(head[:-1]) + last + head[-1]
    return ", ".join(head) + more


class CheckError(R2PKitError, ValueError):
    """A value the kit cannot take, with what was wrong and what is allowed, as fields and as one sentence.

    Fields: ``value`` (what was given), ``expected`` (what it should be), ``name`` (the
    argument or option, if known), ``allowed`` (the choices, or a sentence on what is
    allowed), ``suggestion`` (the closest choice, or None) and ``note`` (why, if it helps).
    Every subclass (one per kind of mistake) words its message with the same template::

        NAME=VALUE is not EXPECTED. Did you mean SUGGESTION? Choose one of: ALLOWED. NOTE

    >>> err = CheckError(value=0, expected="a whole number of at least 1", name="top",
    ...                  allowed="Give how many countries to show, e.g. top=10.")
    >>> str(err)
    'top=0 is not a whole number of at least 1. Give how many countries to show, e.g. top=10.'
    >>> err.value, err.allowed
    (0, 'Give how many countries to show, e.g. top=10.')

    A plain message still works (``CheckError("...")``), for errors that are not about one value.
    """

    def __init__(self, message: str | None = None, *, value: object = _UNSET, expected: str = "",
                 name: str | None = None, allowed: str | Iterable[object] | None = None,
                 suggestion: str | None = None, note: str | None = None) -> None:
        self.value = None if value is _UNSET else value
        self.expected, self.name, self.suggestion, self.note = expected, name, suggestion, note
        self.allowed = allowed if allowed is None or isinstance(allowed, str) else [str(a) for a in allowed]
        if message is None:
            message = _template(value, expected, name, self.allowed, suggestion, note)
        super().__init__(message)

    def __str__(self) -> str:  # KeyError (a subclass's other parent) would wrap the message in quotes
        return str(self.args[0]) if self.args else ""

    def __reduce__(self):  # type: ignore[no-untyped-def]  # picklable (multiprocessing, nbclient): message only
        return (type(self), (str(self),))


def _template(value: object, expected: str, name: str | None, allowed: str | list[str] | None,
              suggestion: str | None, note: str | None) -> str:
    what = "nothing" if value is _UNSET else shown(value)
    if name and (name.startswith("-") or name.isupper()):  # a command-line option or argument (--target, DIR)
        subject = f"{name} {what}"
    elif name and name.isidentifier():  # an argument, as it is written in a call
        subject = f"{name}={what}"
    elif name:  # a place described in words: "The input file 'x.csv': gdp of AAA"
        subject = f"{name} ({what})"
    else:
        subject = what[:1].upper() + what[1:] if what.startswith(("a ", "an ")) else what
    text = f"{subject} is not {expected}." if expected else f"{subject} is not allowed."
    if suggestion:
        text += f" Did you mean {shown(suggestion)}?"
    if allowed:
        text += " " + (allowed if isinstance(allowed, str) else f"Choose one of: {listing(allowed)}.")
    if note:
        text += " " + note
    return text


class UnknownNameError(CheckError, KeyError):
    """A name (dataset, country, year …) that the kit does not know.

    Subclasses :class:`KeyError` so that code which looks things up in a mapping keeps
    working, but prints as a plain sentence rather than a quoted key.
    """


class WrongTypeError(CheckError, TypeError):
    """A value of the wrong kind: text where a number goes, a fraction where a whole number goes, NaN …"""


class OutOfRangeError(CheckError):
    """A number of the right kind outside the range allowed (a year the data do not cover, a negative count …)."""


class TableError(CheckError):
    """A table that is not the dataset a function expects: not a table, a column missing or of the wrong type, empty."""


class PathError(CheckError):
    """A path that cannot be used: missing, a folder where a file goes (or the reverse), not writable."""


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
    word = str(word)
    if len(word) > 200:  # nothing is that long; comparing would only cost time
        return []
    options = {str(c).lower(): str(c) for c in choices}
    found = difflib.get_close_matches(word.lower(), list(options), n=n, cutoff=0.5)
    if not found and word.strip():  # a name typed as part of the real one, e.g. "vetoes"
        found = [k for k in options if word.lower() in k][:n]
    return [options[f] for f in found]


def one_of(value: object, choices: Iterable[str], not_what: str) -> str:
    """The choice ``value`` names (any case, spaces around ignored), or a clear error with the closest.

    Kept for code written before :func:`r2pkit.checks.choice`, which it calls.

    >>> one_of(" Single State", ["single state", "UN"], "one of the actors")
    'single state'
    >>> one_of("the U.N.", ["single state", "UN"], "one of the actors")
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: 'the U.N.' is not one of the actors. Choose one of: 'single state', 'UN'.
    """
    from .checks import choice

    return choice(value, choices, not_what)


def require_table(table: object, columns: Iterable[str], dataset: str) -> None:
    """Check that ``table`` is a DataFrame with ``columns``: the dataset a function expects.

    Kept for code written before :func:`r2pkit.checks.table`, which it calls.

    >>> import pandas as pd
    >>> require_table(pd.DataFrame({"year": []}), ("year", "host"), "syria_refugees_by_host")
    Traceback (most recent call last):
    ...
    r2pkit.errors.TableError: A table (0 rows; columns: year) is not the dataset 'syria_refugees_by_host': it has no column 'host'. Pass data.load('syria_refugees_by_host'), which has the columns year, host.
    """
    from .checks import table as check_table

    check_table(table, columns, dataset)


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

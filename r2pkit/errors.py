"""The kit's errors: one family, each with a message a non-programmer can act on.

Every error r2pkit raises on purpose is an :class:`R2PKitError`. Its message says what
was wrong, what is allowed, and, where one helps, a suggestion ("did you mean …?").
Notebooks and the command line show only that message, never a traceback from deep
inside pandas or frictionless: the command line catches these errors and prints them;
in a notebook the traceback stops at the kit's own function.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["R2PKitError", "UnknownNameError", "DataValidationError", "closest", "require_table"]


class R2PKitError(Exception):
    """Base class of every error the kit raises on purpose."""


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

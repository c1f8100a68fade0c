"""Checks of what a reader passes in: one place, one wording, one kind of error per kind of mistake.

Every public function of the kit and every ``r2pkit`` command checks its input with
these functions, so the same mistake gets the same message everywhere: what was wrong,
what is allowed, and the closest choice where one helps. A check returns the value it
accepted (cleaned: the choice as spelt in the data, a whole number as an ``int``), or
raises one of the kit's errors (all :class:`~r2pkit.errors.R2PKitError`), each with the
fields ``value``, ``expected``, ``allowed`` and ``suggestion``:

================  =============================================  =========================
check             accepts                                        raises
================  =============================================  =========================
:func:`choice`    one of some names (any case, aliases)          ``UnknownNameError``
:func:`whole_number`  a whole number in a range                  ``WrongTypeError``, ``OutOfRangeError``
:func:`number`    a finite number in a range                     ``WrongTypeError``, ``OutOfRangeError``
:func:`year`      a year the data cover                          ``WrongTypeError``, ``OutOfRangeError``
:func:`flag`      True or False                                  ``WrongTypeError``
:func:`text`      a (non-empty) string                           ``WrongTypeError``
:func:`table`     a DataFrame with the columns (and types) used  ``TableError``
:func:`path`      a file or folder that can be read or written   ``PathError``
:func:`date`      a date written YYYY-MM-DD (or a date)          ``WrongTypeError``
:func:`instance_of`  an object of the kind a function works on   ``WrongTypeError``
:func:`list_of`   a list of such objects                         ``WrongTypeError``
:func:`chart`     an altair chart                                ``WrongTypeError``
:func:`spec`      a chart's Vega-Lite spec (a dict)              ``WrongTypeError``
================  =============================================  =========================

:func:`argument` turns any of them into an ``argparse`` ``type=``, so the command line
refuses the same input with the same sentence. A message never quotes more than a few
dozen characters of a value, however large (see :func:`~r2pkit.errors.shown`).

The design follows attrs' validators (``in_``, ``instance_of``, ``ge``: one template, the
offending value as a field) and the messages of the Data 8 ``datascience`` library,
written for readers who have never programmed.

>>> from r2pkit import checks
>>> checks.choice("bibtex", ["text", "bibtex"], "a citation style", name="style")
'bibtex'
>>> checks.choice("bib", ["text", "bibtex"], "a citation style", name="style")
Traceback (most recent call last):
...
r2pkit.errors.UnknownNameError: style='bib' is not a citation style. Did you mean 'bibtex'? Choose one of: text, bibtex.
>>> checks.whole_number(True, "top", lo=1)
Traceback (most recent call last):
...
r2pkit.errors.WrongTypeError: top=True is not a whole number of at least 1.
"""
from __future__ import annotations

import argparse
import math
import numbers
import os
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from .errors import (
    CheckError,
    OutOfRangeError,
    PathError,
    R2PKitError,
    TableError,
    UnknownNameError,
    WrongTypeError,
    closest,
    listing,
    shown,
)

__all__ = [
    "BIGGEST", "CheckError", "UnknownNameError", "WrongTypeError", "OutOfRangeError", "TableError", "PathError",
    "fold", "choice", "whole_number", "number", "year", "flag", "text", "table", "path", "one_or_more",
    "date", "instance_of", "list_of", "chart", "spec",
    "argument", "from_text", "shown", "listing", "closest",
]

#: The largest whole number a check accepts unless told otherwise: every such number is
#: exact as a float and fits the 64-bit integers pandas and numpy compute with.
BIGGEST = 2**53 - 1

T = TypeVar("T")


# ---------------------------------------------------------------------------- names
def fold(value: object) -> str:
    """Text as the kit compares names: any case, accents and curly quotes ignored, spaces squeezed.

    >>> fold("  Côte d’Ivoire "), fold("Security   COUNCIL")
    ("cote d'ivoire", 'security council')
    """
    text = unicodedata.normalize("NFKD", str(value)).replace("’", "'")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def choice(value: object, options: Iterable[str] | Mapping[str, str], what: str, *, name: str | None = None,
           fold: Callable[[str], str] | None = fold, aliases: Mapping[str, str] | None = None,
           allowed: str | None = None, note: str | None = None) -> str:
    """The option ``value`` names, spelt as in ``options``; or an :class:`UnknownNameError`.

    ``value`` matches an option (or an alias's key) after ``fold`` (any case, no accents,
    spaces squeezed; ``fold=None`` for an exact match). ``options`` may map each option to
    a description, which the message lists. ``what`` completes "VALUE is not …";
    ``allowed`` replaces the list of choices (for long lists); ``note`` ends the message.

    >>> choice(" Security council", ["crisis", "Security Council"], "a category")
    'Security Council'
    >>> choice("uk", ["GBR", "FRA"], "a state", aliases={"UK": "GBR", "Britain": "GBR"})
    'GBR'
    >>> choice("per 1000", {"per_1000": "per 1,000 inhabitants", "refugees": "persons"}, "a measure",
    ...        name="measure")
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: measure='per 1000' is not a measure. Did you mean 'per_1000'? Choose one of: per_1000 (per 1,000 inhabitants), refugees (persons).
    >>> choice("GDP", ["gdp"], "a key", fold=None)
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: 'GDP' is not a key. Did you mean 'gdp'? Choose one of: gdp.
    """
    described = dict(options) if isinstance(options, Mapping) else None
    opts = [str(o) for o in (described or options)]
    if isinstance(value, str):
        if value in opts:
            return value
        if fold is not None:
            key = fold(value)
            for o in opts:
                if fold(o) == key:
                    return o
            for alias, target in (aliases or {}).items():
                if fold(alias) == key and str(target) in opts:
                    return str(target)
        elif aliases and value in aliases and str(aliases[value]) in opts:
            return str(aliases[value])
    hint = closest(value, opts) if isinstance(value, str) else []
    if not hint and isinstance(value, str) and aliases and fold is not None:
        near = closest(fold(value), [fold(a) for a in aliases])
        by_fold = {fold(a): str(t) for a, t in aliases.items()}
        hint = [by_fold[near[0]]] if near and by_fold.get(near[0]) in opts else []
    spaced = any(not o or o != o.strip() or " " in o or "," in o for o in opts)  # quoted, or the list is unclear
    names = [repr(o) for o in opts] if spaced else opts
    listed = [f"{n} ({described[o]})" for n, o in zip(names, opts)] if described else names
    raise UnknownNameError(value=value, expected=what, name=name, allowed=allowed or listed,
                           suggestion=hint[0] if hint else None, note=note)


# -------------------------------------------------------------------------- numbers
def _n(x: float) -> str:
    """A bound as a message writes it: 2015, 0.5, 20,000."""
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return f"{x:,}" if isinstance(x, int) and abs(x) >= 10_000 else str(x)


def _range_words(kind: str, lo: float | None, hi: float | None, lo_open: bool = False, hi_open: bool = False) -> str:
    if lo is not None and hi is not None and not lo_open and not hi_open:
        return f"{kind} from {_n(lo)} to {_n(hi)}"
    parts = []
    if lo is not None:
        parts.append(f"more than {_n(lo)}" if lo_open else f"of at least {_n(lo)}")
    if hi is not None:
        parts.append(f"less than {_n(hi)}" if hi_open else f"of at most {_n(hi)}")
    return f"{kind} {' and '.join(parts)}".strip() if parts else kind


def _is_bool(value: object) -> bool:
    kind = type(value)  # numpy's bool is neither a bool nor a number
    return isinstance(value, bool) or (kind.__module__ == "numpy" and kind.__name__ in ("bool", "bool_"))


def _text_hint(value: object) -> str | None:
    if isinstance(value, str):
        if from_text(value) is not value:
            return "Write the number itself, without quotes."
        return "Write it in digits, without commas or spaces."
    return None


def whole_number(value: object, name: str | None = None, lo: int | None = None, hi: int | None = None, *,
                 what: str | None = None, allowed: str | None = None, note: str | None = None) -> int:
    """``value`` as an ``int`` if it is a whole number from ``lo`` to ``hi`` (both included).

    A bool, text, a fraction, NaN and infinity are not whole numbers; ``5.0`` is. Above
    :data:`BIGGEST` nothing is accepted (such a number cannot be computed with exactly).

    >>> whole_number(10, "top", lo=1), whole_number(5.0, "top", lo=1)
    (10, 5)
    >>> whole_number(2.5, "top", lo=1)
    Traceback (most recent call last):
    ...
    r2pkit.errors.WrongTypeError: top=2.5 is not a whole number of at least 1.
    >>> whole_number(0, "top", lo=1, hi=30)
    Traceback (most recent call last):
    ...
    r2pkit.errors.OutOfRangeError: top=0 is not a whole number from 1 to 30.
    >>> whole_number(10**20, "--target", lo=0)
    Traceback (most recent call last):
    ...
    r2pkit.errors.OutOfRangeError: --target 100000000000000000000 is not a whole number from 0 to 9,007,199,254,740,991.
    """
    top = BIGGEST if hi is None else hi
    expected = what or _range_words("a whole number", lo, hi)
    if _is_bool(value) or not isinstance(value, numbers.Real):
        raise WrongTypeError(value=value, expected=expected, name=name, allowed=allowed, note=note or _text_hint(value))
    if not isinstance(value, numbers.Integral):
        try:
            f = float(value)
        except (OverflowError, ValueError):
            f = math.nan
        if not (math.isfinite(f) and f.is_integer()):
            raise WrongTypeError(value=value, expected=expected, name=name, allowed=allowed, note=note)
        value = f
    n = int(value)
    if (lo is not None and n < lo) or n > top:
        if hi is None and n > top:
            expected = what or _range_words("a whole number", lo, BIGGEST)
        raise OutOfRangeError(value=value, expected=expected, name=name, allowed=allowed, note=note)
    return n


def number(value: object, name: str | None = None, lo: float | None = None, hi: float | None = None, *,
           lo_open: bool = False, hi_open: bool = False, what: str | None = None, allowed: str | None = None,
           note: str | None = None) -> float:
    """``value`` as a ``float`` if it is a finite number in the range (``lo_open``: ``lo`` itself excluded).

    >>> number(0.25, "weight", lo=0, hi=1)
    0.25
    >>> number(float("nan"), "weight", lo=0, hi=1)
    Traceback (most recent call last):
    ...
    r2pkit.errors.WrongTypeError: weight=nan is not a number from 0 to 1.
    >>> number(0, "--timeout", lo=0, lo_open=True)
    Traceback (most recent call last):
    ...
    r2pkit.errors.OutOfRangeError: --timeout 0 is not a number more than 0.
    """
    expected = what or _range_words("a number", lo, hi, lo_open, hi_open)
    if _is_bool(value) or not isinstance(value, numbers.Real):
        raise WrongTypeError(value=value, expected=expected, name=name, allowed=allowed, note=note or _text_hint(value))
    try:
        f = float(value)
    except (OverflowError, ValueError):
        f = math.inf
    if not math.isfinite(f):
        raise WrongTypeError(value=value, expected=expected, name=name, allowed=allowed, note=note)
    below = lo is not None and (f <= lo if lo_open else f < lo)
    above = hi is not None and (f >= hi if hi_open else f > hi)
    if below or above:
        raise OutOfRangeError(value=value, expected=expected, name=name, allowed=allowed, note=note)
    return f


def year(value: object, years: Iterable[int] | None = None, name: str | None = "year", *,
         what: str = "a year of the data", note: str | None = None) -> int:
    """``value`` as an ``int`` if it is a whole number and, when ``years`` is given, one of them.

    >>> year(2015, [2014, 2015, 2016])
    2015
    >>> year(1990, range(2011, 2026))
    Traceback (most recent call last):
    ...
    r2pkit.errors.OutOfRangeError: year=1990 is not a year of the data. Choose a year from 2011 to 2025.
    >>> year("2015", [2015], name="start")
    Traceback (most recent call last):
    ...
    r2pkit.errors.WrongTypeError: start='2015' is not a year of the data. Write a year as a whole number. Choose 2015.
    """
    have = sorted({int(y) for y in years}) if years is not None else None
    if have is not None and not have:
        allowed = "The data have no years: pass the whole dataset."
    elif have is not None and have == list(range(have[0], have[-1] + 1)):
        allowed = f"Choose a year from {have[0]} to {have[-1]}." if len(have) > 1 else f"Choose {have[0]}."
    elif have is not None:
        allowed = f"Choose one of: {listing(have)}."
    else:
        allowed = None
    if _is_bool(value) or not isinstance(value, numbers.Real) or (
            not isinstance(value, numbers.Integral) and not (math.isfinite(float(value)) and float(value).is_integer())):
        raise WrongTypeError(value=value, expected=what, name=name,
                             allowed=f"Write a year as a whole number. {allowed}" if allowed
                             else "Write a year as a whole number, e.g. 2015.", note=note)
    y = int(value)
    if have is not None and y not in have:
        raise OutOfRangeError(value=value, expected=what, name=name, allowed=allowed, note=note)
    return y


# ----------------------------------------------------------------------- other kinds
def flag(value: object, name: str | None = None) -> bool:
    """``value`` if it is True or False (numpy's too); nothing else counts, not even 0 or 'yes'.

    >>> flag(False, "labels")
    False
    >>> flag("yes", "labels")
    Traceback (most recent call last):
    ...
    r2pkit.errors.WrongTypeError: labels='yes' is not True or False.
    """
    if _is_bool(value):
        return bool(value)
    raise WrongTypeError(value=value, expected="True or False", name=name)


def text(value: object, name: str | None = None, *, what: str = "a piece of text", empty: bool = False,
         longest: int | None = None, allowed: str | None = None) -> str:
    """``value`` if it is a string (not empty unless ``empty``; at most ``longest`` characters).

    >>> text("Aleppo", "title")
    'Aleppo'
    >>> text(" ", "title", what="a title")
    Traceback (most recent call last):
    ...
    r2pkit.errors.WrongTypeError: title=' ' is not a title. Write some text, e.g. title='Aleppo 2016'.
    """
    example = f"{name}='Aleppo 2016'" if name and not name.startswith("-") else "'Aleppo 2016'"
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise WrongTypeError(value=value, expected=what, name=name, allowed=allowed or f"Write some text, e.g. {example}.")
    if longest is not None and len(value) > longest:
        raise OutOfRangeError(value=value, expected=what, name=name,
                              allowed=f"Write at most {longest:,} characters.")
    return value


def one_or_more(value: object, check: Callable[[Any], T], name: str | None = None, *,
                what: str = "one or more names", example: str = "['LBN', 'TUR']") -> list[T]:
    """Each of a list of values, checked: a single string counts as a list of one.

    >>> one_or_more("a", lambda v: choice(v, ["a", "b"], "a letter"))
    ['a']
    >>> one_or_more([], lambda v: v, "hosts", what="one or more host countries")
    Traceback (most recent call last):
    ...
    r2pkit.errors.WrongTypeError: hosts=[] is not one or more host countries. Give a list, e.g. ['LBN', 'TUR'].
    """
    if isinstance(value, str):
        items: list[Any] = [value]
    elif isinstance(value, Iterable) and not isinstance(value, (bytes, Mapping)) and not hasattr(value, "columns"):
        items = list(value)
    else:
        items = []
    if not items:
        raise WrongTypeError(value=value, expected=what, name=name, allowed=f"Give a list, e.g. {example}.")
    return [check(v) for v in items]


def date(value: object, name: str | None = None, *, what: str = "a date written YYYY-MM-DD") -> Any:
    """``value`` as a pandas ``Timestamp`` if it is a date: text written YYYY-MM-DD, or a date itself.

    >>> date("2014-03-10", "cutoff")
    Timestamp('2014-03-10 00:00:00')
    >>> date("next week", "cutoff")
    Traceback (most recent call last):
    ...
    r2pkit.errors.WrongTypeError: cutoff='next week' is not a date written YYYY-MM-DD. Write it e.g. '2014-03-10'.
    """
    import datetime

    import pandas as pd

    allowed = "Write it e.g. '2014-03-10'."
    if not isinstance(value, (str, datetime.date)) or (isinstance(value, str) and not value.strip()):
        raise WrongTypeError(value=value, expected=what, name=name, allowed=allowed)
    if isinstance(value, str) and len(value.strip()) > 40:  # no date is written that long
        raise WrongTypeError(value=value, expected=what, name=name, allowed=allowed)
    try:
        when = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        when = pd.NaT
    if when is pd.NaT:
        raise WrongTypeError(value=value, expected=what, name=name, allowed=allowed)
    return when


def instance_of(value: T | object, kinds: type[T] | tuple[type, ...], name: str | None = None, *, what: str,
                allowed: str | None = None) -> T:
    """``value`` if it is an object of one of ``kinds`` (a result of the kit, a widget …); else a ``WrongTypeError``.

    ``what`` names the kind in words, ``allowed`` says where such an object comes from.

    >>> from fractions import Fraction
    >>> instance_of(Fraction(1, 2), Fraction, "share", what="a fraction")
    Fraction(1, 2)
    >>> instance_of(3, Fraction, "share", what="a fraction", allowed="Pass Fraction(1, 2).")
    Traceback (most recent call last):
    ...
    r2pkit.errors.WrongTypeError: share=3 is not a fraction. Pass Fraction(1, 2).
    """
    if not isinstance(value, kinds):
        raise WrongTypeError(value=value, expected=what, name=name, allowed=allowed)
    return value


def list_of(value: object, kinds: type | tuple[type, ...], name: str | None = None, *, what: str, item: str,
            allowed: str | None = None) -> list[Any]:
    """``value`` as a list if it is a list (a tuple, any sequence) whose every item is one of ``kinds``.

    ``what`` names the list in words, ``item`` one of its items; an empty list is a list.
    Text, a dict or a table is not a list of objects, even though Python can loop over it.

    >>> from fractions import Fraction
    >>> list_of((Fraction(1, 2),), Fraction, "shares", what="a list of fractions", item="a fraction")
    [Fraction(1, 2)]
    >>> list_of([Fraction(1, 2), 3], Fraction, "shares", what="a list of fractions", item="a fraction")
    Traceback (most recent call last):
    ...
    r2pkit.errors.WrongTypeError: shares=[Fraction(1, 2), 3] is not a list of fractions: its item 3 is not a fraction.
    """
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable) or hasattr(value, "columns"):
        raise WrongTypeError(value=value, expected=what, name=name, allowed=allowed)
    items = list(value)
    for one in items:
        if not isinstance(one, kinds):
            raise WrongTypeError(value=value, expected=f"{what}: its item {shown(one)} is not {item}", name=name,
                                 allowed=allowed)
    return items


def chart(value: object, name: str | None = "chart") -> Any:
    """``value`` if it is an altair chart (one of the kit's, or any ``alt.Chart``, layered or combined).

    >>> chart("bars")
    Traceback (most recent call last):
    ...
    r2pkit.errors.WrongTypeError: chart='bars' is not a chart (an altair chart). Pass a chart of the kit, e.g. charts.vetoes_by_year(data.load('unsc_syria_vetoes')).
    """
    import altair as alt

    return instance_of(value, alt.TopLevelMixin, name, what="a chart (an altair chart)",
                       allowed="Pass a chart of the kit, e.g. charts.vetoes_by_year(data.load('unsc_syria_vetoes')).")


def spec(value: object, name: str | None = "spec") -> Mapping[str, Any]:
    """``value`` if it is a chart's Vega-Lite spec: a dict, such as ``chart.to_dict()`` returns.

    >>> spec({"title": "Vetoes"})
    {'title': 'Vetoes'}
    >>> spec(3)
    Traceback (most recent call last):
    ...
    r2pkit.errors.WrongTypeError: spec=3 is not a chart's Vega-Lite spec (a dict). Pass chart.to_dict().
    """
    return instance_of(value, Mapping, name, what="a chart's Vega-Lite spec (a dict)",
                       allowed="Pass chart.to_dict().")


# --------------------------------------------------------------------------- tables
_TYPE_WORDS = {"number": "numbers", "whole": "whole numbers", "text": "text", "date": "dates"}


def _column_kind_ok(column: Any, kind: str) -> bool:
    import numpy as np
    import pandas as pd
    from pandas.api import types

    if kind == "text":
        return types.is_object_dtype(column) or types.is_string_dtype(column) or isinstance(
            column.dtype, pd.CategoricalDtype)
    if kind in ("number", "whole"):
        if types.is_bool_dtype(column) or not types.is_numeric_dtype(column):
            return False
        if kind == "whole" and not types.is_integer_dtype(column):
            values = column.astype("float64")  # a gap is not a whole number: years and counts have none
            return bool(np.isfinite(values).all() and ((values % 1) == 0).all())
        return True
    if kind == "date":
        if types.is_datetime64_any_dtype(column):
            return True
        if not (types.is_object_dtype(column) or types.is_string_dtype(column)):
            return False
        try:
            pd.to_datetime(column.dropna().astype(str), format="mixed")
        except (ValueError, TypeError, OverflowError):
            return False
        return True
    raise ValueError(f"unknown column kind {kind!r}")  # the kit's own mistake, not a reader's


def table(value: object, columns: Iterable[str] = (), dataset: str | None = None, *, name: str | None = None,
          types: Mapping[str, str] | None = None, empty: bool = True, unique: Iterable[str] = ()) -> Any:
    """``value`` if it is a pandas DataFrame with ``columns`` (of the ``types`` given), and rows unless ``empty``.

    ``types`` maps a column to ``"number"``, ``"whole"``, ``"text"`` or ``"date"``;
    ``unique`` names columns in which no value may come twice (a row's own name or code);
    ``dataset`` names the kit's dataset that has these columns, for the message.

    >>> import pandas as pd
    >>> table(pd.DataFrame({"year": [2015], "host": ["A"]}), ("year", "host")).shape
    (1, 2)
    >>> table([1, 2], ("year",), "r2p_timeline")
    Traceback (most recent call last):
    ...
    r2pkit.errors.TableError: [1, 2] is not a table (pandas DataFrame) such as data.load('r2p_timeline').
    >>> table(pd.DataFrame({"year": ["late"]}), ("year",), "r2p_timeline", types={"year": "whole"})
    Traceback (most recent call last):
    ...
    r2pkit.errors.TableError: A table (1 row; columns: year) is not the dataset 'r2p_timeline': its column 'year' holds text, not whole numbers. Pass data.load('r2p_timeline'), which has the columns year.
    >>> table(pd.DataFrame({"year": []}), ("year",), name="votes", empty=False)
    Traceback (most recent call last):
    ...
    r2pkit.errors.TableError: votes=a table (0 rows; columns: year) is not a table with at least one row.
    >>> table(pd.DataFrame({"state": ["GBR", "GBR"]}), unique=["state"], name="comparison")
    Traceback (most recent call last):
    ...
    r2pkit.errors.TableError: comparison=a table (2 rows; columns: state) is not a table with the columns state: its column 'state' holds 'GBR' twice (each row has its own). Pass a table with the columns state.
    """
    import pandas as pd

    cols = tuple(columns)
    types = dict(types or {})
    unique = tuple(unique)
    wanted = tuple(dict.fromkeys(cols + tuple(types) + unique))
    source = f"data.load('{dataset}')" if dataset else None
    if not isinstance(value, pd.DataFrame):
        raise TableError(value=value, name=name,
                         expected="a table (pandas DataFrame)" + (f" such as {source}" if source else ""))
    the = f"the dataset '{dataset}'" if dataset else f"a table with the columns {listing(wanted)}"
    fix = (f"Pass {source}, which has the columns {listing(wanted)}." if source
           else f"Pass a table with the columns {listing(wanted)}.")
    missing = [c for c in wanted if c not in value.columns]
    if missing:
        which = "column " + shown(missing[0]) if len(missing) == 1 else "columns " + listing(shown(m) for m in missing)
        raise TableError(value=value, name=name, expected=f"{the}: it has no {which}", allowed=fix)
    if value.columns.duplicated().any():
        dup = value.columns[value.columns.duplicated()][0]
        raise TableError(value=value, name=name, expected=f"{the}: it has two columns called {shown(dup)}",
                         allowed=fix)
    for col, kind in types.items():
        if not _column_kind_ok(value[col], kind):
            gaps = kind == "whole" and bool(value[col].isna().any())
            held = "gaps" if gaps else "dates" if pd.api.types.is_datetime64_any_dtype(value[col]) else (
                "true/false values" if pd.api.types.is_bool_dtype(value[col]) else (
                    "numbers" if pd.api.types.is_numeric_dtype(value[col]) else "text"))
            if held == _TYPE_WORDS[kind] or (held == "numbers" and kind == "whole"):
                held = "other values"
            raise TableError(value=value, name=name, allowed=fix,
                             expected=f"{the}: its column {shown(col)} holds {held}, not {_TYPE_WORDS[kind]}")
    for col in unique:
        twice = value[col][value[col].duplicated()]
        if len(twice):
            raise TableError(value=value, name=name, allowed=fix,
                             expected=f"{the}: its column {shown(col)} holds {shown(twice.iloc[0])} twice (each row has its own)")
    if not empty and value.empty:
        raise TableError(value=value, name=name, expected="a table with at least one row",
                         allowed=(f"Pass {source}." if source else None))
    return value


# ---------------------------------------------------------------------------- paths
def path(value: object, name: str | None = None, *, kind: str = "file", exists: bool = True,
         writable: bool = False, what: str | None = None, note: str | None = None) -> Path:
    """``value`` as a :class:`~pathlib.Path` that can be used as a ``kind`` ('file' or 'folder').

    ``exists=True``: it must be there (and be a file or a folder as ``kind`` says);
    ``exists=False``: it may be missing, but must not be the other kind. ``writable``: the
    kit may write it (or create it in its folder). ``note`` ends every message (e.g. where
    the kit's own files of that kind are).

    >>> path("/", "--input")
    Traceback (most recent call last):
    ...
    r2pkit.errors.PathError: --input '/' is not a file: it is a folder. Give the path of a file.
    >>> path("no/such/file.csv", "--input")
    Traceback (most recent call last):
    ...
    r2pkit.errors.PathError: --input 'no/such/file.csv' is not a file that exists. Check its name and folder (paths are relative to the folder you are in).
    """
    noun = "a folder" if kind == "folder" else "a file"
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str) or not value.strip() or "\x00" in value:
        raise PathError(value=value, name=name, expected=what or f"the path of {noun}",
                        allowed=f"Give the path of {noun} as text, e.g. 'my_folder/{'' if kind == 'folder' else 'file.csv'}'.",
                        note=note)
    p = Path(value).expanduser()
    try:
        there, is_dir = p.exists(), p.is_dir()
    except OSError as exc:  # a name too long, a loop of links …
        raise PathError(value=value, name=name, expected=what or f"a usable path of {noun}",
                        allowed=f"Give a shorter or simpler path ({exc.strerror or type(exc).__name__}).",
                        note=note) from None
    if there and kind == "file" and is_dir:
        raise PathError(value=value, name=name, expected=what or "a file: it is a folder",
                        note=note, allowed="Give the path of a file.")
    if there and kind == "folder" and not is_dir:
        raise PathError(value=value, name=name, expected=what or "a folder: it is a file",
                        allowed="Give the path of a folder" + (" (a new one is created)." if not exists else "."),
                        note=note)
    if exists and not there:
        raise PathError(value=value, name=name, expected=what or f"{noun} that exists",
                        note=note, allowed="Check its name and folder (paths are relative to the folder you are in).")
    if writable:
        probe = p if there else next((q for q in p.parents if q.exists()), Path("."))
        if (there and not os.access(p, os.W_OK)) or (not there and not (probe.is_dir() and os.access(probe, os.W_OK))):
            raise PathError(value=value, name=name, expected=what or f"{noun} the kit may write",
                            note=note, allowed="Choose a place you can write to, e.g. a folder in your home folder.")
    return p


# --------------------------------------------------------------------- command line
def from_text(text: str) -> object:
    """A number typed on the command line, as a number if it reads as one (else the text itself).

    >>> from_text("20000"), from_text(" 2.5 "), from_text("ten")
    (20000, 2.5, 'ten')
    """
    cleaned = text.strip()
    for convert in (int, float):
        try:
            return convert(cleaned)
        except (ValueError, OverflowError):
            pass
    return text


def argument(check: Callable[..., T], *args: Any, **kwargs: Any) -> Callable[[str], T]:
    """An ``argparse`` ``type=`` made of a check: the option's text is checked, the error is the check's sentence.

    Text that reads as a number is passed to the check as a number.

    >>> parse = argument(whole_number, "--rows", lo=0)
    >>> parse("25")
    25
    >>> parse("ten")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: --rows 'ten' is not a whole number of at least 0. Write it in digits, without commas or spaces.
    """
    numeric = check in (whole_number, number, year)

    def parse(text: str) -> T:
        try:
            return check(from_text(text) if numeric else text, *args, **kwargs)
        except R2PKitError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    parse.__name__ = getattr(check, "__name__", "value")
    return parse


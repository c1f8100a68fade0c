"""R2P's history: the timeline of events, and three founding texts side by side.

Two datasets, read through pure functions (tables in, tables or values out):

- ``r2p_timeline``: landmarks from Rwanda (1994) to the Syria vetoes, each with a
  ``category`` (crisis, norm development, Security Council …) and the ``pillar`` or
  pillars of R2P it mainly concerns. A pillar cell may hold several pillars, such as
  ``"1;3"``, or none. :func:`timeline` filters it by category, pillar and years;
  :func:`counts` counts its events; :func:`timeline_sentence` says in words what a
  filter keeps.
- ``r2p_framings``: how the ICISS report (2001), the 2005 World Summit Outcome and the
  Secretary-General's 2009 report answer the same questions (who acts, when, by what
  means …), as the kit's three seed texts describe them. :func:`framings` lays it out
  as a documents × questions table; :func:`framing_detail` gives one question with its
  sources.

A bad choice (a misspelt category, a pillar that does not exist, a year outside the
timeline) raises one of the kit's errors from :mod:`r2pkit.checks`, saying what is
allowed and suggesting the closest choice.
"""
from __future__ import annotations

import datetime as dt
import numbers
import re

import pandas as pd

from . import checks
from .errors import OutOfRangeError, UnknownNameError, WrongTypeError

__all__ = [
    "PILLARS", "NO_PILLAR", "categories", "pillars", "years", "check_category", "check_pillar", "timeline", "counts",
    "timeline_sentence", "date_label", "event_list", "dated_outside_seeds",
    "documents", "questions", "framings", "framing_detail",
]

#: R2P's three pillars, as the Secretary-General's 2009 report (A/63/677) sets them out
#: (Resettlement article, 'The Responsibility to Resettle Refugees', fn 28).
PILLARS = {
    "1": "each state's own responsibility to protect its population",
    "2": "international assistance and capacity-building to help states",
    "3": "timely and decisive response when a state is manifestly failing",
}
#: The pillar value that selects events the timeline ties to no particular pillar.
NO_PILLAR = "none"

_TIMELINE = "r2p_timeline"
_FRAMINGS = "r2p_framings"


_TIMELINE_TYPES = {"date": "date"}


def _timeline(table: object, *columns: str) -> pd.DataFrame:
    types = {c: t for c, t in _TIMELINE_TYPES.items() if c in columns}
    return checks.table(table, columns, _TIMELINE, types=types)


def _framings(table: object, *columns: str) -> pd.DataFrame:
    return checks.table(table, columns, _FRAMINGS, types={"year": "whole"} if "year" in columns else None)


# ----------------------------------------------------------------------- timeline
def categories(table: pd.DataFrame) -> list[str]:
    """The categories of events in the timeline, in alphabetical order (ignoring case).

    >>> t = pd.DataFrame({"category": ["crisis", "Security Council", "crisis", "court"]})
    >>> categories(t)
    ['court', 'crisis', 'Security Council']
    """
    _timeline(table, "category")
    return sorted({str(c) for c in table["category"].dropna()}, key=str.casefold)


def _pillar_sets(column: pd.Series) -> pd.Series:
    """Each pillar cell as a set of pillars: '1;3' → {'1', '3'}, empty → set()."""
    return column.map(lambda cell: frozenset() if pd.isna(cell) or not str(cell).strip()
                      else frozenset(p.strip() for p in str(cell).split(";") if p.strip()))


def pillars(table: pd.DataFrame) -> list[str]:
    """The pillars that events in the timeline concern, in order.

    A cell may name several pillars ('1;3'); each counts. Empty cells (no particular
    pillar) are left out: select them with ``pillar="none"`` in :func:`timeline`.

    >>> pillars(pd.DataFrame({"pillar": ["3", "1;3", None, "2;3"]}))
    ['1', '2', '3']
    """
    _timeline(table, "pillar")
    found: set[str] = set()
    for s in _pillar_sets(table["pillar"]):
        found |= s
    return sorted(found)


def years(table: pd.DataFrame) -> list[int]:
    """The years in which the timeline has at least one event, in order.

    >>> years(pd.DataFrame({"date": pd.to_datetime(["2005-09-16", "2001-01-01", "2005-12-19"])}))
    [2001, 2005]
    """
    _timeline(table, "date")
    return sorted({int(y) for y in pd.to_datetime(table["date"]).dt.year.dropna()})


def check_category(table: pd.DataFrame, category: object) -> str:
    """``category`` as the timeline writes it, or the kit's clear error (with the closest category).

    >>> t = pd.DataFrame({"category": ["crisis", "Security Council"]})
    >>> check_category(t, "security council")
    'Security Council'
    >>> check_category(t, "crises")
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: category='crises' is not a category in the timeline. Did you mean 'crisis'? ...
    """
    return checks.choice(category, categories(table), "a category in the timeline", name="category")




_ROMAN = {"i": "1", "ii": "2", "iii": "3"}


def check_pillar(table: pd.DataFrame, pillar: object) -> str:
    """``pillar`` as the timeline writes it ('1', '2', '3' or 'none'), from a number or a name; or the kit's error.

    >>> t = pd.DataFrame({"pillar": ["1;3", "", "2"]})
    >>> check_pillar(t, 3), check_pillar(t, "Pillar II"), check_pillar(t, "no particular pillar")
    ('3', '2', 'none')
    >>> check_pillar(t, 4)
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: pillar=4 is not a pillar in the timeline. ...
    """
    available = pillars(table)
    allowed = f"Choose {', '.join(available)}, or '{NO_PILLAR}' for events tied to no particular pillar."
    key: str | None = None
    if isinstance(pillar, numbers.Integral) and not isinstance(pillar, bool):
        key = str(int(pillar))
    elif isinstance(pillar, str):
        folded = re.sub(r"^pillar\s*", "", checks.fold(pillar))
        key = _ROMAN.get(folded, folded)
        if key in ("", "no pillar", "no particular pillar"):
            key = NO_PILLAR
    if key == NO_PILLAR or key in available:
        return key  # type: ignore[return-value]
    note = ("R2P has three pillars (Secretary-General's report A/63/677, 2009)."
            if key is not None and key.isdigit() else None)
    labels = [f"pillar {p}" for p in available] + [NO_PILLAR]
    hint = checks.closest(pillar, labels) if isinstance(pillar, str) and not note else []
    raise UnknownNameError(value=pillar, expected="a pillar in the timeline", name="pillar", allowed=allowed,
                           suggestion=hint[0] if hint else None, note=note)




def _check_year(table: pd.DataFrame, year: object, name: str) -> int:
    have = years(table)
    span = range(have[0], have[-1] + 1) if have else ()
    try:
        return checks.year(year, span, name, what="a year of the timeline")
    except OutOfRangeError as exc:  # the same error, telling also which years have events
        raise OutOfRangeError(value=year, expected=exc.expected, name=name, allowed=exc.allowed,
                              note=f"Years with events: {', '.join(str(y) for y in have)}.") from None


def timeline(table: pd.DataFrame, category: str | None = None, pillar: int | str | None = None,
             start: int | None = None, end: int | None = None) -> pd.DataFrame:
    """The events of ``r2p_timeline`` that match every filter given, in date order.

    - ``category``: one of :func:`categories` (any case), e.g. ``"Security Council"``;
    - ``pillar``: 1, 2 or 3 (or ``"pillar 3"``, ``"III"``): events that concern that pillar,
      alone or with others; ``"none"``: events tied to no particular pillar;
    - ``start``, ``end``: years, both included.

    ``None`` means no filter. The rows keep all the dataset's columns.

    >>> t = pd.DataFrame({"event_id": ["a", "b", "c"],
    ...                   "date": pd.to_datetime(["2001-01-01", "2005-09-16", "2011-03-17"]),
    ...                   "category": ["norm development", "General Assembly", "Security Council"],
    ...                   "pillar": ["1;3", "1;2;3", None]})
    >>> list(timeline(t, pillar=3)["event_id"]), list(timeline(t, pillar="none")["event_id"])
    (['a', 'b'], ['c'])
    >>> list(timeline(t, start=2005, end=2011, category="security council")["event_id"])
    ['c']
    >>> timeline(t, category="Security Counsel")
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: category='Security Counsel' is not a category in the timeline. Did you mean 'Security Council'? ...
    >>> timeline(t, start=1990)
    Traceback (most recent call last):
    ...
    r2pkit.errors.OutOfRangeError: start=1990 is not a year of the timeline. Choose a year from 2001 to 2011. ...
    """
    _timeline(table, "event_id", "date", "category", "pillar")
    keep = pd.Series(True, index=table.index)
    if category is not None:
        chosen = check_category(table, category)
        keep &= table["category"] == chosen
    if pillar is not None:
        p = check_pillar(table, pillar)
        sets = _pillar_sets(table["pillar"])
        keep &= sets.map(len).eq(0) if p == NO_PILLAR else sets.map(lambda s: p in s)
    year = pd.to_datetime(table["date"]).dt.year
    first = _check_year(table, start, "start") if start is not None else None
    last = _check_year(table, end, "end") if end is not None else None
    if first is not None and last is not None and first > last:
        raise OutOfRangeError(value=last, name="end", expected=f"a year on or after start={first}",
                              allowed="Give the earlier year as start and the later as end.")
    if first is not None:
        keep &= year >= first
    if last is not None:
        keep &= year <= last
    rows = table[keep.fillna(False).astype(bool)]
    return rows.sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)


def counts(table: pd.DataFrame, by: str = "category") -> pd.DataFrame:
    """How many events the timeline has per category, or per pillar; most first.

    With ``by="pillar"`` an event that concerns several pillars counts once for each, and
    events tied to no particular pillar are counted as ``"none"``. Columns: ``by``, events.

    >>> t = pd.DataFrame({"category": ["crisis", "court", "crisis"], "pillar": ["3", None, "1;3"]})
    >>> counts(t)
       category  events
    0    crisis       2
    1     court       1
    >>> counts(t, by="pillar")
      pillar  events
    0      3       2
    1      1       1
    2   none       1
    """
    by = checks.choice(by, ("category", "pillar"), "a way to count events", name="by")
    _timeline(table, by)
    if by == "category":
        values = table["category"].astype(str)
    else:
        values = _pillar_sets(table["pillar"]).map(lambda s: sorted(s) or [NO_PILLAR]).explode()
    out = values.value_counts().rename_axis(by).reset_index(name="events")
    out["events"] = out["events"].astype(int)
    return out.sort_values(["events", by], ascending=[False, True], kind="stable").reset_index(drop=True)


def timeline_sentence(table: pd.DataFrame, category: str | None = None, pillar: int | str | None = None,
                      start: int | None = None, end: int | None = None) -> str:
    """One plain sentence: how many events a filter of the timeline keeps, and their years.

    >>> t = pd.DataFrame({"event_id": ["a", "b", "c"],
    ...                   "date": pd.to_datetime(["2001-01-01", "2005-09-16", "2011-03-17"]),
    ...                   "category": ["norm development", "General Assembly", "Security Council"],
    ...                   "pillar": ["1;3", "1;2;3", None]})
    >>> timeline_sentence(t, pillar=3)
    'The timeline has 2 events that concern pillar 3, from 2001 to 2005.'
    >>> timeline_sentence(t, category="General Assembly", pillar=1)
    "The timeline has 1 event in the category 'General Assembly' that concerns pillar 1, in 2005."
    >>> timeline_sentence(t, category="Security Council", pillar=2)
    "No event in the timeline is in the category 'Security Council' and concerns pillar 2."
    >>> timeline_sentence(t, start=2001, end=2010)
    'The timeline has 2 events between 2001 and 2010 (the first in 2001, the last in 2005).'
    """
    rows = timeline(table, category, pillar, start, end)
    n = len(rows)
    what = []
    cat = check_category(table, category) if category is not None else None
    pil = check_pillar(table, pillar) if pillar is not None else None
    if cat is not None:
        what.append(f"in the category '{cat}'")
    if pil is not None:
        verb = "concern" if n != 1 else "concerns"
        what.append(f"that {verb} pillar {pil}" if pil != NO_PILLAR else
                    f"that {'is' if n == 1 else 'are'} tied to no particular pillar")
    span = ""
    if start is not None or end is not None:
        lo = start if start is not None else years(table)[0]
        hi = end if end is not None else years(table)[-1]
        span = f" in {lo}" if lo == hi else f" between {lo} and {hi}"
    if n == 0:
        parts = []
        if cat is not None:
            parts.append(f"is in the category '{cat}'")
        if pil is not None:
            parts.append(f"concerns pillar {pil}" if pil != NO_PILLAR else "is tied to no particular pillar")
        if span:
            parts.append(f"falls{span}")
        return f"No event in the timeline {' and '.join(parts) or 'matches'}."
    found = years(rows)
    if span:
        when = "" if found[0] == found[-1] and f" in {found[0]}" == span else (
            f" (all in {found[0]})" if found[0] == found[-1] else f" (the first in {found[0]}, the last in {found[-1]})")
    else:
        when = f", in {found[0]}" if found[0] == found[-1] else f", from {found[0]} to {found[-1]}"
    noun = "event" if n == 1 else "events"
    middle = (" " + " ".join(what)) if what else ""
    return f"The timeline has {n} {noun}{middle}{span}{when}."


def date_label(date: object, precision: str = "day") -> str:
    """A date written as precisely as it is known: '16 September 2005', 'March 1999' or '1994'.

    ``date`` is a date (a ``Timestamp``, a ``datetime.date`` or text such as
    ``"2005-09-16"``); with ``precision="year"`` a year alone (``1994``) will do.

    >>> date_label(pd.Timestamp("2005-09-16")), date_label("1999-03-01", "month"), date_label("1994-01-01", "year")
    ('16 September 2005', 'March 1999', '1994')
    >>> date_label(2015, "year")
    '2015'
    >>> date_label(2015)
    Traceback (most recent call last):
    ...
    r2pkit.errors.WrongTypeError: date=2015 is not a date. Write it as text such as '2015-09-16', or give precision='year' for a year alone.
    """
    precision = checks.choice(precision, ("day", "month", "year"), "a date's precision", name="precision")
    if isinstance(date, numbers.Number) and not isinstance(date, bool) and precision == "year":
        return str(checks.year(date, range(1, 10000), "date", what="a year"))
    allowed = "Write it as text such as '2015-09-16', or give precision='year' for a year alone."
    if not isinstance(date, (str, dt.date, pd.Timestamp)) and type(date).__name__ != "datetime64":
        raise WrongTypeError(value=date, expected="a date", name="date", allowed=allowed)
    try:
        when = pd.Timestamp(date)
    except (ValueError, TypeError, OverflowError):
        when = pd.NaT
    if pd.isna(when):
        raise WrongTypeError(value=date, expected="a date", name="date", allowed=allowed)
    if precision == "year":
        return f"{when.year}"
    if precision == "month":
        return f"{when:%B %Y}"
    return f"{when.day} {when:%B %Y}"


def event_list(table: pd.DataFrame) -> pd.DataFrame:
    """The events of a (filtered) timeline as a short table to read: when, title, document, source.

    ``when`` writes each date as precisely as the dataset knows it (see :func:`date_label`).

    >>> t = pd.DataFrame({"date": pd.to_datetime(["1994-01-01"]), "date_precision": ["year"],
    ...                   "title": ["Genocide in Rwanda"], "document": ["ICISS"], "source": ["Hakimi, p. 251"]})
    >>> event_list(t)
       when               title document          source
    0  1994  Genocide in Rwanda    ICISS  Hakimi, p. 251
    """
    _timeline(table, "date", "date_precision", "title", "document", "source")
    when = [date_label(d, p) for d, p in zip(table["date"], table["date_precision"])]
    out = table[["title", "document", "source"]].reset_index(drop=True).astype(str)
    out.insert(0, "when", when)
    return out


_OUTSIDE = r";\s*date(?: and draft)?:"


def dated_outside_seeds(table: pd.DataFrame) -> pd.DataFrame:
    """The events whose date (or the event itself) comes from the cited document or reference data, not a seed.

    By the dataset's rule, such a row's ``source`` ends with a part that starts
    ``date: …`` (or ``date and draft: …``) and names where the date comes from. A date
    given inside a seed citation, such as "Hakimi, p. 247 & n. 2 (date: …)", is a seed's.

    >>> t = pd.DataFrame({"event_id": ["a", "b", "c"], "source": [
    ...     "Hakimi, p. 252; date: S/RES/1973 (2011) itself",
    ...     "Hakimi, Part I, p. 247 & n. 2 (date: opened for signature on July 17, 1998)",
    ...     "Resettlement article, fn 17; date and draft: reference veto list"]})
    >>> list(dated_outside_seeds(t)["event_id"])
    ['a', 'c']
    """
    _timeline(table, "source")
    rows = table[table["source"].astype(str).str.contains(_OUTSIDE, regex=True)]
    return rows.reset_index(drop=True)


# ----------------------------------------------------------------------- framings
def documents(table: pd.DataFrame) -> list[str]:
    """The documents of ``r2p_framings``, oldest first, labelled with their year.

    >>> documents(pd.DataFrame({"document": ["B", "A", "B"], "year": [2005, 2001, 2005]}))
    ['A (2001)', 'B (2005)']
    """
    _framings(table, "document", "year")
    pairs = table[["document", "year"]].drop_duplicates().sort_values(["year", "document"])
    return [f"{d} ({int(y)})" for d, y in zip(pairs["document"], pairs["year"])]


def questions(table: pd.DataFrame) -> list[str]:
    """The questions of ``r2p_framings``, in the order of the dataset.

    >>> questions(pd.DataFrame({"question": ["who acts", "when", "who acts"]}))
    ['who acts', 'when']
    """
    _framings(table, "question")
    return list(dict.fromkeys(str(q) for q in table["question"].dropna()))


def _question_key(text: str) -> str:
    return checks.fold(text).rstrip("?").strip()


def _check_question(table: pd.DataFrame, question: object) -> str:
    available = questions(table)
    try:
        return checks.choice(question, available, "one of the questions", name="question", fold=_question_key)
    except UnknownNameError as exc:
        typed = _question_key(question) if isinstance(question, str) else ""
        inside = [q for q in available if typed and len(typed) < 200 and typed in checks.fold(q)]
        if inside and exc.suggestion != inside[0]:  # a word of the question is a better guess than a look-alike
            raise UnknownNameError(value=question, expected=exc.expected, name=exc.name, allowed=exc.allowed,
                                   suggestion=inside[0]) from None
        raise


def _labelled(table: pd.DataFrame) -> pd.DataFrame:
    label = table["document"].astype(str) + " (" + table["year"].astype(int).astype(str) + ")"
    return table.assign(document=label)


def framings(table: pd.DataFrame, question: str | None = None) -> pd.DataFrame:
    """The founding texts side by side: one row per document (oldest first), one column per question.

    Each cell is the ``answer`` of ``r2p_framings`` for that document and question. With
    ``question``, only that column.

    >>> f = pd.DataFrame({"document": ["A", "A", "B", "B"], "year": [2001, 2001, 2005, 2005],
    ...                   "question": ["who acts", "when"] * 2,
    ...                   "answer": ["states", "if unable", "the Council", "manifest failure"]})
    >>> framings(f)
    question     who acts              when
    document
    A (2001)       states         if unable
    B (2005)  the Council  manifest failure
    >>> framings(f, "When?")
    question              when
    document
    A (2001)         if unable
    B (2005)  manifest failure
    >>> framings(f, "who")
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: question='who' is not one of the questions. Did you mean 'who acts'? ...
    """
    _framings(table, "document", "year", "question", "answer")
    chosen = [_check_question(table, question)] if question is not None else questions(table)
    wide = _labelled(table).pivot(index="document", columns="question", values="answer")
    wide = wide.reindex(index=documents(table), columns=chosen)
    wide.index.name, wide.columns.name = "document", "question"
    return wide.astype(str)


def framing_detail(table: pd.DataFrame, question: str) -> pd.DataFrame:
    """One question across the documents, with how each answer rests on the seeds and where.

    Columns: document, answer, basis, source, note (oldest document first).

    >>> f = pd.DataFrame({"document": ["B", "A"], "year": [2005, 2001], "question": ["when", "when"],
    ...                   "answer": ["x", "y"], "basis": ["quotation", "paraphrase"],
    ...                   "source": ["Hakimi, p. 253", "Hakimi, p. 252"], "note": [None, None]})
    >>> framing_detail(f, "when")[["document", "answer", "source"]]
       document answer          source
    0  A (2001)      y  Hakimi, p. 252
    1  B (2005)      x  Hakimi, p. 253
    """
    _framings(table, "document", "year", "question", "answer", "basis", "source", "note")
    chosen = _check_question(table, question)
    rows = _labelled(table[table["question"] == chosen]).sort_values(["year", "document"])
    out = rows[["document", "answer", "basis", "source", "note"]].reset_index(drop=True)
    return out.astype("string").fillna("")

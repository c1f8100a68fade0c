"""The UNA-UK roundtable's recommendations (dataset ``unauk_recommendations``).

The roundtable summary of 16 April 2013 has four sessions; under each, short headings
introduce a paragraph of discussion followed by recommendations set off as bullets (and,
once, an indented block). The dataset holds those 23 set-off recommendations and the 13
prescriptive sentences of the discussion paragraphs (column ``form``), each with its
session, heading, page and addressee(s). A recommendation can have several addressees,
written ``"NGOs; policy makers"``: counts by addressee count it once for each.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .. import checks
from ..errors import UnknownNameError

__all__ = ["SESSIONS", "FORMS", "MEASURE_TYPES", "addressees", "recommendations", "count_by",
           "recommendations_sentence"]

#: The four sessions, numbered and titled as printed in the summary.
SESSIONS = {
    1: "Early warning for effective prevention",
    2: "Implementing prevention on the ground",
    3: "Intervening to protect: When and how?",
    4: "Galvanising international political will",
}
#: The two forms a recommendation takes in the summary (see ``data.describe``).
FORMS = ("set-off recommendation", "in the discussion text")
#: The kit's types of measure, in the order of the roundtable's sessions.
MEASURE_TYPES = ("early warning", "prevention", "response", "accountability", "coordination", "political will")

_COLUMNS = ("rec_id", "form", "session", "theme", "page", "addressee", "recommendation", "measure_type", "source")
_SHOWN = ["rec_id", "form", "session", "theme", "page", "addressee", "recommendation", "measure_type", "source"]
_GROUPINGS = ("session", "addressee", "measure_type", "theme", "page", "form")


def _check(table: pd.DataFrame) -> None:
    checks.table(table, _COLUMNS, "unauk_recommendations")


def _split(cell: object) -> list[str]:
    return [part.strip() for part in str(cell).split(";") if part.strip()]


def addressees(table: pd.DataFrame) -> list[str]:
    """Everyone the recommendations address, most often addressed first (ties alphabetically).

    >>> t = pd.DataFrame({c: ["x", "x"] for c in _COLUMNS})
    >>> t["addressee"] = ["NGOs; UK government", "UK government"]
    >>> addressees(t)
    ['UK government', 'NGOs']
    """
    _check(table)
    counts = pd.Series([a for cell in table["addressee"] for a in _split(cell)]).value_counts()
    return sorted(counts.index, key=lambda a: (-int(counts[a]), a))


def _check_session(session: object) -> int:
    listed = f"Choose 1, 2, 3 or 4, or a title: {'; '.join(f'{n} {t}' for n, t in SESSIONS.items())}."
    if isinstance(session, str) and session.strip().isdigit() and len(session) < 20:
        session = int(session)
    if isinstance(session, str):
        number = {t: n for n, t in SESSIONS.items()}
        return number[checks.choice(session, list(number), "a session of the roundtable", name="session",
                                    allowed=listed)]
    return _session_number(session, listed)


def _session_number(session: object, listed: str) -> int:
    number = checks.whole_number(session, "session", what="a session of the roundtable", allowed=listed)
    if number not in SESSIONS:
        raise UnknownNameError(value=session, name="session", expected="a session of the roundtable", allowed=listed,
                               note=f"The roundtable had {len(SESSIONS)} sessions.")
    return number


def _check_choice(value: object, choices: Iterable[str], what: str) -> str:
    return checks.choice(value, choices, f"{what} in the recommendations")


def recommendations(table: pd.DataFrame, session: int | str | None = None, addressee: str | None = None,
                    measure_type: str | None = None, form: str | None = None) -> pd.DataFrame:
    """The recommendations that match every filter given, in the order of the summary.

    ``table`` is the ``unauk_recommendations`` dataset; ``session`` is a number (1–4) or a
    title; ``addressee`` keeps rows that address it among others; ``measure_type`` is one
    of :data:`MEASURE_TYPES`; ``form`` one of :data:`FORMS`.

    >>> from r2pkit import data
    >>> recs = data.load("unauk_recommendations")
    >>> recommendations(recs, session=4, addressee="NGOs")["rec_id"].tolist()
    ['rec-19', 'rec-23']
    >>> recommendations(recs, addressee="NGO")
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: 'NGO' is not an addressee in the recommendations. Did you mean 'NGOs'? ...
    """
    _check(table)
    keep = pd.Series(True, index=table.index)
    if session is not None:
        keep &= table["session"] == _check_session(session)
    if addressee is not None:
        chosen = _check_choice(addressee, addressees(table), "an addressee")
        keep &= table["addressee"].map(lambda cell: chosen in _split(cell)).astype(bool)
    if measure_type is not None:
        keep &= table["measure_type"] == _check_choice(measure_type, MEASURE_TYPES, "a type of measure")
    if form is not None:
        keep &= table["form"] == _check_choice(form, FORMS, "a form")
    return table.loc[keep, _SHOWN].reset_index(drop=True)


def count_by(table: pd.DataFrame, by: str | Iterable[str] = ("addressee", "session"),
             form: str | None = None) -> pd.DataFrame:
    """How many recommendations there are per value of ``by`` (one column or several).

    Grouping by ``addressee`` counts a recommendation once for each addressee it names, so
    those counts can add up to more than the number of recommendations. The result has the
    ``by`` columns (with ``session_title`` after ``session``) and ``recommendations``.

    >>> from r2pkit import data
    >>> recs = data.load("unauk_recommendations")
    >>> count_by(recs, "session", form="set-off recommendation")["recommendations"].tolist()
    [3, 3, 12, 5]
    >>> count_by(recs, "speaker")
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: by='speaker' is not a way to count the recommendations. ...
    """
    _check(table)
    columns = [by] if isinstance(by, str) else list(by) if isinstance(by, (list, tuple)) else []
    if not columns:
        raise UnknownNameError(value=by, name="by", expected="a way to count the recommendations",
                               allowed=f"Count by any of: {', '.join(_GROUPINGS)}.")
    columns = [checks.choice(c, _GROUPINGS, "a way to count the recommendations", name="by", fold=None)
               for c in columns]
    rows = recommendations(table, form=form) if form is not None else table
    if "addressee" in columns:
        rows = rows.assign(addressee=rows["addressee"].map(_split)).explode("addressee")
    out = rows.groupby(columns, sort=True).size().reset_index(name="recommendations")
    if "session" in columns:
        out.insert(columns.index("session") + 1, "session_title", out["session"].map(SESSIONS))
    if columns == ["addressee"]:
        out = out.sort_values(["recommendations", "addressee"], ascending=[False, True])
    return out.reset_index(drop=True)


def recommendations_sentence(table: pd.DataFrame, session: int | str | None = None,
                             addressee: str | None = None, form: str | None = None) -> str:
    """One plain sentence: how many recommendations match, and on which pages.

    >>> from r2pkit import data
    >>> recommendations_sentence(data.load("unauk_recommendations"), session=2, form="set-off recommendation")
    "3 set-off recommendations in session 2 ('Implementing prevention on the ground'), on pp. 2–3 of the summary."
    """
    rows = recommendations(table, session=session, addressee=addressee, form=form)
    noun = (form or "recommendation") + ("" if len(rows) == 1 else "s")
    where = []
    if session is not None:
        n = _check_session(session)
        where.append(f"in session {n} ('{SESSIONS[n]}')")
    if addressee is not None:
        where.append(f"addressed to {_check_choice(addressee, addressees(table), 'an addressee')}")
    text = " ".join([f"{len(rows)} {noun}"] + where)
    if rows.empty:
        return text + "."
    pages = checks.table(rows, ("page",), "unauk_recommendations", types={"page": "whole"})["page"]
    return f"{text}, on {_pages_text(int(p) for p in pages)} of the summary."


def _pages_text(pages: Iterable[int]) -> str:
    """Pages as a citation: 'p. 3', 'pp. 2–4' when they run on, 'pp. 1, 3 and 5' when not.

    >>> _pages_text([3, 2, 4, 3]), _pages_text([5, 1, 3]), _pages_text([6])
    ('pp. 2–4', 'pp. 1, 3 and 5', 'p. 6')
    """
    found = sorted(set(pages))
    if len(found) == 1:
        return f"p. {found[0]}"
    if found == list(range(found[0], found[-1] + 1)):
        return f"pp. {found[0]}–{found[-1]}"
    return "pp. " + ", ".join(str(p) for p in found[:-1]) + f" and {found[-1]}"

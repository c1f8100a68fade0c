"""An early-warning checklist: the risk factors of the UN Framework of Analysis for Atrocity
Crimes (2014) that a reader marks as present, as a structured profile.

The Framework has 14 risk factors, sorted into common risk factors (for all atrocity
crimes) and risk factors specific to genocide, crimes against humanity or war crimes. The
kit's table (dataset ``atrocity_risk_factors``) holds only what could be checked against a
copy of the Framework's text: Risk Factors 7, 8, 9, 13 and 14 with their numbers (and the
indicators that could be read), and five more factors with their name and definition but
no number, because the copy that names them gives none. A factor is therefore known to the
kit by its name; its number is shown where it was checked. So the kit lacks four of the 14
factors altogether (no copy it could read gave their names), the numbers of five factors and
the indicators of all but 7, 8, 9 and 13, and it gives no page of the Framework for any
factor: the copies it could read are web reproductions without the Framework's pages. Two
searches of stored public pages and public repositories by the Framework's own words (in
2026, 53 look-ups in all) found nothing more; nothing is filled in from memory or guessed,
and :func:`numbers_not_in_table` lists what is missing, so that a notebook can say so. The UNA-UK roundtable asked the
UK government to integrate the earlier analysis framework of the UN Office of the Special
Adviser on the Prevention of Genocide into its early-warning analysis (session 1, heading
'Analysis framework', p. 1).

:func:`risk_profile` groups what the reader marked; it never weighs, adds up or turns the
factors into a probability or a prediction, and :func:`profile_summary` says so
(:data:`NOT_A_FORECAST`): the Framework is a tool for analysis, not a forecast.
"""
from __future__ import annotations

import numbers
import re
from collections.abc import Iterable

import pandas as pd

from .. import checks
from ..errors import R2PKitError, UnknownNameError, WrongTypeError, closest

__all__ = ["NOT_A_FORECAST", "FRAMEWORK_FACTORS", "factor_table", "numbers_not_in_table", "find_factor",
           "risk_profile", "profile_summary", "indicators_of"]

#: What the profile is, and what it is not; part of every summary.
NOT_A_FORECAST = ("This profile only lists the risk factors you marked, grouped as the Framework groups them. "
                  "It is not a score, a probability or a prediction: the Framework of Analysis is a tool for "
                  "analysis, and the kit neither weighs nor adds up the factors.")

#: How many risk factors the Framework has (numbered 1 to 14; see the dataset's description).
FRAMEWORK_FACTORS = 14

_CITATION = "Framework of Analysis for Atrocity Crimes (UN, 2014)"
_COLUMNS = ("factor_number", "factor", "group", "crime", "definition", "indicator_id", "indicator", "source",
            "checked_against")
_CRIME_ORDER = {"all atrocity crimes": 0, "genocide": 1, "crimes against humanity": 2, "war crimes": 3}


def _label(number: object, name: str) -> str:
    """How a factor is shown: 'Risk Factor 8: Triggering factors', or its name where the number is unknown."""
    return f"Risk Factor {int(number)}: {name}" if pd.notna(number) else f"{name} (number not checked)"


def _heading(crime: str) -> str:
    return "Common risk factors (all atrocity crimes)" if crime == "all atrocity crimes" else f"Specific to {crime}"


def factor_table(factors: pd.DataFrame) -> pd.DataFrame:
    """One row per risk factor in the kit's table, common factors first, with how many indicators it has.

    Within a group, factors with a checked number come first, in the Framework's order; the
    others follow by name, their ``factor_number`` empty (``<NA>``).

    >>> from r2pkit import data
    >>> table = factor_table(data.load("atrocity_risk_factors"))
    >>> table.groupby("crime", sort=False).size().to_dict()
    {'all atrocity crimes': 6, 'genocide': 1, 'crimes against humanity': 1, 'war crimes': 2}
    >>> table["factor_number"].dropna().tolist(), int(table["indicators"].sum())
    ([7, 8, 9, 13, 14], 37)
    >>> table["label"].iloc[2]
    'Capacity to commit atrocity crimes (number not checked)'
    """
    checks.table(factors, _COLUMNS, "atrocity_risk_factors", types={"factor": "text", "factor_number": "number"})
    # One aggregation per kind (first value, count) rather than named aggregations: the same
    # table, about ten times quicker (a checklist makes it at every tick).
    by_factor = factors.groupby("factor", sort=False)
    rows = by_factor[["factor_number", "group", "crime", "definition"]].first()
    rows["indicators"] = by_factor["indicator_id"].count()
    rows["checked_against"] = by_factor["checked_against"].first()
    rows = rows.reset_index()
    rows["factor_number"] = rows["factor_number"].astype("Int64")
    rows["indicators"] = rows["indicators"].astype(int)
    rows["label"] = [_label(n, f) for n, f in zip(rows["factor_number"], rows["factor"])]
    rows["source"] = [f"{_CITATION}, Risk Factor {int(n)}" if pd.notna(n)
                      else f"{_CITATION}, risk factor '{f}' (number not checked)"
                      for n, f in zip(rows["factor_number"], rows["factor"])]
    rows = rows.assign(_order=rows["crime"].map(_CRIME_ORDER)).sort_values(
        ["_order", "factor_number", "factor"], na_position="last", kind="stable")
    return rows[["factor_number", "factor", "label", "group", "crime", "definition", "indicators", "source",
                 "checked_against"]].reset_index(drop=True)


def numbers_not_in_table(factors: pd.DataFrame) -> list[int]:
    """The Framework's risk-factor numbers (1 to :data:`FRAMEWORK_FACTORS`) that no row of the table carries.

    Each of these numbers belongs either to a factor in the table whose number could not be
    checked, or to a factor the kit could not check at all; the kit does not guess which, so a
    checklist made from the table is not a full assessment against the Framework.

    >>> from r2pkit import data
    >>> numbers_not_in_table(data.load("atrocity_risk_factors"))
    [1, 2, 3, 4, 5, 6, 10, 11, 12]
    """
    checks.table(factors, _COLUMNS, "atrocity_risk_factors", types={"factor": "text", "factor_number": "number"})
    held = {int(n) for n in factors["factor_number"].dropna()}
    return [n for n in range(1, FRAMEWORK_FACTORS + 1) if n not in held]


def find_factor(factors: pd.DataFrame, key: object) -> str:
    """The name of the risk factor meant by ``key``: a number, 'Risk Factor 8', 'RF8' or a name.

    A factor whose number could not be checked can only be named by its name.

    >>> from r2pkit import data
    >>> rf = data.load("atrocity_risk_factors")
    >>> find_factor(rf, "Risk Factor 8"), find_factor(rf, 13)
    ('Triggering factors', 'Serious threats to those protected under international humanitarian law')
    >>> find_factor(rf, "motives or incentives")
    'Motives or incentives'
    >>> find_factor(rf, 10)
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: Risk Factor 10 is one of the Framework's 14, but the kit could not check which factor has that number ...
    >>> find_factor(rf, "triggers")
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: There is no risk factor called 'triggers' in the kit's table. Did you mean 'Triggering factors'? ...
    """
    return _find(factor_table(factors), key)


def _find(table: pd.DataFrame, key: object) -> str:
    """:func:`find_factor` on a :func:`factor_table` already made (a profile looks up many keys)."""
    by_number = {int(n): f for n, f in zip(table["factor_number"], table["factor"]) if pd.notna(n)}
    listed = "; ".join(table["label"])
    unnumbered = table.loc[table["factor_number"].isna(), "factor"].tolist()
    number: object = key
    if isinstance(key, str):
        match = re.fullmatch(r"\s*(?:risk\s*factor|rf)?\s*(\d+)\s*", key, flags=re.IGNORECASE)
        if match:
            number = int(match.group(1))
        else:
            names = dict(zip(table["factor"].str.casefold(), table["factor"]))
            if key.strip().casefold() in names:
                return names[key.strip().casefold()]
            hint = closest(key, table["factor"])
            raise UnknownNameError(f"There is no risk factor called {key!r} in the kit's table."
                                   + (f" Did you mean '{hint[0]}'?" if hint else "")
                                   + f" The table has: {listed}.")
    if isinstance(number, bool) or not isinstance(number, numbers.Integral):
        raise R2PKitError(f"Name a risk factor by its number (e.g. 8) or its name, not {checks.shown(key)}. "
                          f"The table has: {listed}.")
    number = int(number)
    if number in by_number:
        return by_number[number]
    if 1 <= number <= FRAMEWORK_FACTORS:
        by_name = f" Name those by their name, e.g. '{unnumbered[0]}'." if unnumbered else ""
        raise UnknownNameError(f"Risk Factor {number} is one of the Framework's {FRAMEWORK_FACTORS}, but the kit "
                               f"could not check which factor has that number (the copies it could read do not "
                               f"show it). Some factors are in the table without a number.{by_name} "
                               f"The table has: {listed}.")
    raise UnknownNameError(f"The Framework numbers its risk factors 1 to {FRAMEWORK_FACTORS}; there is no Risk "
                           f"Factor {number}. The kit's table has: {listed}.")


def risk_profile(factors: pd.DataFrame, present: Iterable[object]) -> pd.DataFrame:
    """The kit's risk factors with those marked as present, grouped as the Framework groups them.

    ``present`` lists the factors marked (numbers or names, see :func:`find_factor`). The
    profile has one row per factor: group, crime, number, name, label, ``marked``, how many
    indicators the kit lists for it, its definition and source. It has no score and no total.

    >>> from r2pkit import data
    >>> p = risk_profile(data.load("atrocity_risk_factors"), [8, "Risk Factor 13", "Motives or incentives"])
    >>> p.loc[p["marked"], "label"].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['Risk Factor 8: Triggering factors', 'Motives or incentives (number not checked)',
     'Risk Factor 13: Serious threats to those protected under international humanitarian law']
    >>> risk_profile(data.load("atrocity_risk_factors"), 8)
    Traceback (most recent call last):
    ...
    r2pkit.errors.WrongTypeError: present=8 is not a list of the factors marked as present. Give a list, e.g. [8, 13].
    """
    if isinstance(present, (str, bytes, int, dict)) or not isinstance(present, Iterable) or hasattr(present, "columns"):
        raise WrongTypeError(value=present, name="present", expected="a list of the factors marked as present",
                             allowed="Give a list, e.g. [8, 13].")
    table = factor_table(factors)
    by_number = {int(n): f for n, f in zip(table["factor_number"], table["factor"]) if pd.notna(n)}

    def find(key: object) -> str:  # a checked number (as a checklist gives it) at once; anything else by _find
        if isinstance(key, numbers.Integral) and not isinstance(key, bool) and int(key) in by_number:
            return by_number[int(key)]
        return _find(table, key)

    marked = {find(key) for key in present}
    table["marked"] = table["factor"].isin(marked)
    return table[["group", "crime", "factor_number", "factor", "label", "marked", "indicators", "definition",
                  "source"]]


def profile_summary(profile: pd.DataFrame) -> str:
    """The profile in words, group by group, ending with :data:`NOT_A_FORECAST`.

    >>> from r2pkit import data
    >>> text = profile_summary(risk_profile(data.load("atrocity_risk_factors"), [8]))
    >>> text.startswith("You marked 1 of the 10 risk factors in the kit's table (the Framework has 14;")
    True
    >>> "not a score, a probability or a prediction" in text
    True
    """
    checks.table(profile, ("group", "crime", "factor_number", "factor", "label", "marked"), name="profile")
    marked = profile[profile["marked"].astype(bool)]
    left_out = FRAMEWORK_FACTORS - len(profile)
    parts = [f"You marked {len(marked)} of the {len(profile)} risk factors in the kit's table (the Framework has "
             f"{FRAMEWORK_FACTORS}; {left_out} could not be checked and are not in it)."]
    for crime, group in profile.groupby("crime", sort=False):
        chosen = group.loc[group["marked"].astype(bool), "label"]
        parts.append(f"{_heading(crime)}: {'; '.join(chosen) or 'none marked'}.")
    missing = [c for c in _CRIME_ORDER if c not in set(profile["crime"])]
    if missing:
        parts.append(f"The kit's table has no factor specific to {' or '.join(missing)}.")
    parts.append(NOT_A_FORECAST)
    return " ".join(parts)


def indicators_of(factors: pd.DataFrame, present: Iterable[object], *,
                  profile: pd.DataFrame | None = None) -> pd.DataFrame:
    """The indicators the kit lists for the factors marked, to look for in the situation.

    A factor without checked indicators (Risk Factor 14, and the factors whose number could
    not be checked) gets one row saying so. ``profile`` is :func:`risk_profile` of the same
    ``factors`` and ``present``, when the caller has it already (a checklist shows both);
    by default it is made here.

    >>> from r2pkit import data
    >>> rows = indicators_of(data.load("atrocity_risk_factors"), [9, 14])
    >>> rows["indicator_id"].tolist()
    ['9.1', '9.2', '9.3', '9.4', '9.5', '9.6', '']
    """
    if profile is None:
        profile = risk_profile(factors, present)
    else:
        checks.table(factors, _COLUMNS, "atrocity_risk_factors", types={"factor": "text", "factor_number": "number"})
        checks.table(profile, ("factor", "label", "marked"), name="profile")
    chosen = profile.loc[profile["marked"].astype(bool), ["factor", "label"]]
    rank = {name: i for i, name in enumerate(chosen["factor"])}
    rows = factors[factors["factor"].isin(rank)].merge(chosen, on="factor")
    rows["indicator_id"] = rows["indicator_id"].fillna("")
    rows["indicator"] = rows["indicator"].fillna("(no indicator in the kit's table: none could be checked)")
    rows = rows.assign(_order=rows["factor"].map(rank)).sort_values("_order", kind="stable")
    return rows[["factor_number", "factor", "label", "indicator_id", "indicator", "source"]].reset_index(drop=True)

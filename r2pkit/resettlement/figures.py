"""Where a fair share's figures come from: the kit's World Bank and UNHCR tables, or a table of one's own.

A distribution key (:mod:`.fair_shares`) needs, for each state, its population, its GDP and,
for the composite key's 'hosted' factor, the refugees of the crisis it already hosts. This
module finds them: :func:`state_figures` from ``country_indicators`` (World Bank) and a
crisis's ``refugees_by_host`` table (UNHCR, end of year; e.g. ``syria_refugees_by_host``, or a
:class:`~r2pkit.crisis.Crisis` in its place), for states named by name or ISO3 code. The
countries of origin of the kit's crises take no share;
:func:`figures_from_table` from a table of one's own (the ``--input`` file of ``r2pkit
resettlement allocate``), checked so that no gap, negative or repeated state slips through.
Both give the same columns: state, name, population, gdp, refugees_hosted, source.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .. import checks, countries
from .. import crisis as _crises
from ..errors import OutOfRangeError, R2PKitError, TableError, UnknownNameError, WrongTypeError

__all__ = ["FIGURE_COLUMNS", "figures_from_table", "find_state", "find_states", "state_list", "figure_years",
           "state_figures"]

#: The columns a table of one's own must have (``refugees_hosted`` is optional).
FIGURE_COLUMNS = ("state", "population", "gdp")


_OWN = "Pass a table with the columns state, population, gdp (and optionally refugees_hosted), one row per state."


def _number_column(table: pd.DataFrame, column: str, positive: bool, where: str) -> pd.Series:
    values = pd.to_numeric(table[column], errors="coerce").astype("float64")
    bad = ~np.isfinite(values) | (values <= 0 if positive else values < 0)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        rule = "more than 0" if positive else "of at least 0"
        value = table[column].iloc[i]
        value = value.item() if hasattr(value, "item") else value
        raise TableError(value=value, name=f"{where}: {column} of {checks.shown(str(table['state'].iloc[i]))[1:-1]}",
                         expected=f"a number {rule}",
                         allowed=f"Give every {column} as a number {rule} (no gaps, no negatives).")
    return values


def figures_from_table(table: pd.DataFrame, where: str = "The table") -> pd.DataFrame:
    """A table of one's own, checked: columns ``state``, ``population``, ``gdp``, optionally ``refugees_hosted``.

    Populations must be more than 0; GDP and refugees hosted at least 0; no value missing,
    no state twice.

    >>> figures_from_table(pd.DataFrame({"state": ["AAA"], "population": [10], "gdp": [-1]}))
    Traceback (most recent call last):
    ...
    r2pkit.errors.TableError: The table: gdp of AAA (-1) is not a number of at least 0. Give every gdp as a number of at least 0 (no gaps, no negatives).
    """
    try:
        checks.table(table, FIGURE_COLUMNS, empty=False)
    except TableError as exc:  # the same check, said of the user's own table and with the optional column
        place = "" if where == "The table" else f" ({where[:1].lower() + where[1:]})"
        raise TableError(value=table, expected=exc.expected + place, allowed=_OWN) from None
    states = table["state"].astype("string").str.strip()
    if states.isna().any() or (states == "").any():
        raise TableError(value=table, expected=f"a table of states: in {where[:1].lower() + where[1:]}, a row has no "
                         "'state'", allowed="Give every row a state, e.g. an ISO3 code such as GBR.")
    twice = states[states.duplicated()]
    if len(twice):
        raise TableError(value=table, expected=f"a table of states: in {where[:1].lower() + where[1:]}, the state "
                         f"{checks.shown(str(twice.iloc[0]))} appears twice", allowed="Give each state once.")
    checked = table.assign(state=states)
    codes = states.astype(str).to_numpy()
    return pd.DataFrame({
        "state": codes, "name": codes,
        "population": _number_column(checked, "population", True, where).to_numpy(),
        "gdp": _number_column(checked, "gdp", False, where).to_numpy(),
        "refugees_hosted": (_number_column(checked, "refugees_hosted", False, where).to_numpy()
                            if "refugees_hosted" in table.columns else np.full(len(codes), np.nan)),
        "source": "table given by the user",
    })


def _origins() -> dict[str, _crises.Crisis]:
    """The countries of origin of the kit's crises (ISO3 → record): they take no resettlement share."""
    return {rec.origin_iso3: rec for rec in (_crises.load(n) for n in _crises.names())}


def _origin_spellings() -> dict[str, _crises.Crisis]:
    """Every spelling (folded) of a crisis's country of origin → its record."""
    spellings: dict[str, _crises.Crisis] = {}
    for iso3, rec in _origins().items():
        names = {countries.fold(rec.origin_name), iso3.lower(), rec.origin_unhcr.lower()}
        names |= {a for a, code in countries.ALIASES.items() if code == iso3}
        for name in names:
            spellings.setdefault(name, rec)  # the first crisis that has it, as a search in order finds
    return spellings


def _origin_named(state: object, spellings: dict[str, _crises.Crisis] | None = None) -> _crises.Crisis | None:
    if not isinstance(state, str):
        return None
    return (spellings if spellings is not None else _origin_spellings()).get(countries.fold(state))


def _refugees_table(refugees: object) -> object:
    return refugees.table("refugees_by_host") if isinstance(refugees, _crises.Crisis) else refugees


def _country_pairs(indicators: pd.DataFrame) -> list[tuple[str, str]]:
    checks.table(indicators, ("country", "iso3"), "country_indicators")
    origins = _origins()
    return [(n, c) for n, c in countries.pairs(indicators, "country", "iso3") if c not in origins]


def find_state(indicators: pd.DataFrame, state: object) -> tuple[str, str]:
    """The (name, ISO3) of a state in ``country_indicators``, from a name or code in any case (not a crisis's origin).

    >>> from r2pkit import data
    >>> find_state(data.load("country_indicators"), "uk")
    ('United Kingdom', 'GBR')
    """
    return find_states(indicators, [state])[0]


def find_states(indicators: pd.DataFrame, states: Iterable[object]) -> list[tuple[str, str]]:
    """:func:`find_state` for each of ``states``, listing the data's states once (not once per state).

    >>> from r2pkit import data
    >>> find_states(data.load("country_indicators"), ["uk", "DEU"])
    [('United Kingdom', 'GBR'), ('Germany', 'DEU')]
    """
    pairs = _country_pairs(indicators)
    spellings = _origin_spellings()  # once, not once per state
    found = []
    for state in checks.one_or_more(states, lambda s: s, "states", what="a list of states", example="['GBR', 'DEU']"):
        origin = _origin_named(state, spellings)
        if origin is not None:
            raise UnknownNameError(value=state, name="state", expected="a state that can take a resettlement share",
                                   allowed="Choose other states, e.g. 'GBR', 'DEU'.",
                                   note=f"{origin.origin_name} is where the refugees come from.")
        found.append(countries.resolve(state, pairs, "a state in the kit's World Bank data",
                                       example=("United Kingdom", "GBR"), name="state"))
    return found


_find_states = find_states  # the name used before it was public


def state_list(states: object) -> list[object]:
    """States given as a list, or as one text with commas: ``"GBR, DEU"`` → ``['GBR', 'DEU']``.

    >>> state_list("GBR, DEU,"), state_list(("FRA",))
    (['GBR', 'DEU'], ['FRA'])
    """
    if isinstance(states, str):
        found = [s for s in (p.strip() for p in states.split(",")) if s]
    elif isinstance(states, Iterable) and not isinstance(states, (bytes, dict)) and not hasattr(states, "columns"):
        found = list(states)
    else:
        found = []
    if found:
        return found
    raise WrongTypeError(value=states, name="states", expected="a list of at least one state",
                         allowed="Give names or ISO3 codes, e.g. ['GBR', 'DEU'] or 'GBR, DEU'.")


def figure_years(indicators: pd.DataFrame, refugees: pd.DataFrame, codes: Iterable[str],
                 need_hosted: bool = False) -> list[int]:
    """The years in which every state of ``codes`` (ISO3) has a population and a GDP (and a refugee figure).

    >>> from r2pkit import data
    >>> years = figure_years(data.load("country_indicators"), data.load("syria_refugees_by_host"), ["GBR"])
    >>> years[0], years[-1]
    (2010, 2023)
    """
    codes = list(dict.fromkeys(checks.one_or_more(codes, lambda c: checks.text(c, "codes", what="an ISO3 code"),
                                                  "codes", what="a list of ISO3 codes", example="['GBR', 'DEU']")))
    need_hosted = checks.flag(need_hosted, "need_hosted")
    refugees = _refugees_table(refugees)
    checks.table(indicators, ("iso3", "year", "population", "gdp_current_usd"), "country_indicators")
    checks.table(refugees, ("year", "host_iso3", "refugees"), "syria_refugees_by_host")
    ind = indicators[indicators["iso3"].isin(codes)]
    complete = ind.dropna(subset=["population", "gdp_current_usd"]).groupby("year")["iso3"].nunique()
    usable = {int(y) for y, n in complete.items() if n == len(codes)}
    if need_hosted:
        hosted = refugees[refugees["host_iso3"].isin(codes)].dropna(subset=["refugees"])
        counted = hosted.groupby("year")["host_iso3"].nunique()
        usable &= {int(y) for y, n in counted.items() if n == len(codes)}
    return sorted(usable)


def state_figures(indicators: pd.DataFrame, refugees: pd.DataFrame, states: object, year: int | None = None,
                  need_hosted: bool = False) -> pd.DataFrame:
    """Population, GDP and refugees hosted by each of ``states`` in ``year``, from the kit's data.

    ``indicators`` is ``country_indicators`` (World Bank), ``refugees`` a crisis's
    ``refugees_by_host`` table (UNHCR, end of year), or the crisis. ``states`` are names or ISO3 codes.
    With ``year=None``, the latest year in which every chosen state has a population and a
    GDP (and, if ``need_hosted``, a refugee figure). Columns: state (ISO3), name, year,
    population, gdp, refugees_hosted, source.

    >>> from r2pkit import data
    >>> f = state_figures(data.load("country_indicators"), data.load("syria_refugees_by_host"), ["uk", "DEU"], 2016)
    >>> f[["state", "name", "year"]].to_dict("records")
    [{'state': 'GBR', 'name': 'United Kingdom', 'year': 2016}, {'state': 'DEU', 'name': 'Germany', 'year': 2016}]
    """
    checks.table(indicators, ("iso3", "country", "year", "population", "gdp_current_usd", "source"),
                 "country_indicators", types={"year": "whole", "population": "number", "gdp_current_usd": "number"})
    refugees = _refugees_table(refugees)
    about = _crises.of_table(refugees)
    checks.table(refugees, ("year", "host_iso3", "refugees", "source"), "syria_refugees_by_host",
                 types={"year": "whole", "refugees": "number"})
    wanted = state_list(states)
    found = find_states(indicators, wanted)
    codes = list(dict.fromkeys(c for _, c in found))
    names = dict((c, n) for n, c in found)
    ind = indicators[indicators["iso3"].isin(codes)]
    hosted = refugees[refugees["host_iso3"].isin(codes)][["year", "host_iso3", "refugees", "source"]]
    usable = set(figure_years(indicators, refugees, codes, need_hosted))
    what = "population, GDP" + (f" and {about.refugees if about else 'refugees'} hosted" if need_hosted else "")
    if year is None:
        if not usable:
            raise OutOfRangeError(value=checks.listing(codes, limit=8), name="states",
                                  expected=f"a set of states with {what} for a common year",
                                  allowed="Choose fewer states.")
        year = max(usable)
    else:
        year = checks.year(year, usable, "year", what=f"a year with {what} for {checks.listing(codes, limit=8)}")
    # One row per state and year, looked up by its code below.
    rows = checks.table(ind[ind["year"] == year], ("iso3",), name=f"indicators (year {year})",
                        unique=["iso3"]).set_index("iso3")
    host = checks.table(hosted[hosted["year"] == year], ("host_iso3",), name=f"refugees (year {year})",
                        unique=["host_iso3"]).set_index("host_iso3")
    out = pd.DataFrame({"state": codes, "name": [names[c] for c in codes]})
    out["year"] = year
    # Each column read once and looked up by code (a lookup per state and column cost ~20 µs each).
    population = dict(zip(rows.index, rows["population"].astype("float64")))
    gdp = dict(zip(rows.index, rows["gdp_current_usd"].astype("float64")))
    row_source = dict(zip(rows.index, rows["source"]))
    hosted_by, host_source = dict(zip(host.index, host["refugees"])), dict(zip(host.index, host["source"]))
    out["population"] = [float(population[c]) for c in codes]
    out["gdp"] = [float(gdp[c]) for c in codes]
    out["refugees_hosted"] = [float(hosted_by[c]) if c in hosted_by and pd.notna(hosted_by[c]) else np.nan
                              for c in codes]
    out["source"] = [f"{row_source[c]}" + (f" | {host_source[c]}" if c in host_source else "") for c in codes]
    return out

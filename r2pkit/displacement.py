"""Displacement: who hosts a crisis's refugees, and how heavily.

Figures come from a crisis's ``refugees_by_host`` dataset (UNHCR Refugee Data Finder;
``syria_refugees_by_host``, ``myanmar_refugees_by_host``): people from the country of
origin recognised as refugees under UNHCR's mandate, by country of asylum, at the end of
each year, with a world-total row (``WLD``); and ``country_indicators`` (World Bank
population and GDP). They count *registered* refugees: for Syria, Lebanon stopped
registering Syrians in 2015 and Türkiye counts people under temporary protection, so
other figures can differ (each row's note says so). The resettlement article's claims
(section 'The Responsibility to Resettle Syrian Refugees') are checked against these
figures in notebook 02.

Every function takes the tables, or a :class:`~r2pkit.crisis.Crisis` in their place
(``host_pressure(crisis.MYANMAR, 2018)``); sentences and labels take their words for the
people ('Syrians', 'people from Myanmar') from the crisis, or from the crisis a table's
``source`` names (see :func:`words`).
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from typing import NamedTuple

import pandas as pd

from . import checks, countries
from . import crisis as _crises
from .crisis import Crisis
from .errors import OutOfRangeError, R2PKitError, UnknownNameError

__all__ = ["WORLD", "WORLD_NAME", "Words", "words", "years", "top_hosts", "by_host", "year_summary",
           "MEASURES", "measures", "check_measure", "hosts", "find_host", "world_totals", "peak_hosts", "host_pressure", "measure_years", "years_by_measure",
           "rank_pressure", "rank_hosts", "PRESSURE_COLUMNS", "check_pressure", "host_pressure_sentence", "HostShare", "share_of_hosts"]

#: The code of the world-total rows in a ``refugees_by_host`` table.
WORLD = "WLD"
WORLD_NAME = "World (all countries of asylum)"


_REFUGEES = "syria_refugees_by_host"  # the table's name in messages: the kit's first, as an example
_INDICATORS = "country_indicators"
_NUMBERS = {"year": "whole", "refugees": "number"}


def _refugees(table: object, *columns: str) -> pd.DataFrame:
    return checks.table(table, columns, _REFUGEES, types={c: t for c, t in _NUMBERS.items() if c in columns})


def _tables(refugees: object, indicators: object = None) -> tuple[object, object]:
    """A crisis in place of the tables: its refugees by host and its indicators (unless given)."""
    if isinstance(refugees, Crisis):
        if indicators is None:
            indicators = refugees.table("indicators")
        refugees = refugees.table("refugees_by_host")
    return refugees, indicators


class Words(NamedTuple):
    """How sentences and labels name a crisis's people (see :func:`words`)."""

    demonym: str   # 'Syrians', 'people from Myanmar'
    refugees: str  # 'Syrian refugees', 'refugees from Myanmar'
    origin: str | None  # the country of origin, or None when the table does not say


def words(refugees: object) -> Words:
    """The words for the people a crisis (or a table of the kit) counts; plain words if it does not say.

    >>> words(_crises.MYANMAR)
    Words(demonym='people from Myanmar', refugees='refugees from Myanmar', origin='Myanmar')
    >>> words(pd.DataFrame({"source": ["UNHCR; origin SYR, asylum LEB, 2015"]})).refugees
    'Syrian refugees'
    >>> words(pd.DataFrame({"source": ["s"]}))
    Words(demonym='people', refugees='refugees', origin=None)
    """
    if not isinstance(refugees, Crisis):
        checks.table(refugees, ("source",), _REFUGEES, name="refugees")
    found = refugees if isinstance(refugees, Crisis) else _crises.of_table(refugees)
    if found is None:
        return Words("people", "refugees", None)
    return Words(found.demonym, found.refugees, found.origin_name)


def _indicators(table: object, *columns: str) -> pd.DataFrame:
    types = {c: t for c, t in {"year": "whole", "iso3": "text", "population": "number",
                               "gdp_current_usd": "number"}.items() if c in columns}
    return checks.table(table, columns, _INDICATORS, types=types)


def years(table: pd.DataFrame) -> list[int]:
    """The years the table covers, in order.

    >>> years(pd.DataFrame({"year": [2012, 2011, 2012]}))
    [2011, 2012]
    """
    table, _ = _tables(table)
    _refugees(table, "year")
    return sorted(int(y) for y in table["year"].dropna().unique())


def _check_year(table: pd.DataFrame, year: object) -> int:
    return checks.year(year, years(table), "year", what="a year of the refugee data")


def _check_top(top: object) -> int:
    return checks.whole_number(top, "top", lo=1, what="a whole number of at least 1 (how many countries to show)")


def top_hosts(table: pd.DataFrame | Crisis, year: int, top: int = 10) -> pd.DataFrame:
    """The ``top`` host countries of the refugees in ``table`` (or of a crisis) in ``year``, largest first.

    The world-total row is left out. Columns: host, host_iso3, refugees, share (of the
    world total that year, 0–1), source.

    >>> t = pd.DataFrame({"year": [2015] * 3, "host": ["A", "B", "World"],
    ...                   "host_iso3": ["AAA", "BBB", "WLD"], "refugees": [30, 70, 100],
    ...                   "source": ["s"] * 3})
    >>> top_hosts(t, 2015, top=1)[["host", "refugees", "share"]]
      host  refugees  share
    0    B        70    0.7
    >>> top_hosts(t, 1990)
    Traceback (most recent call last):
    ...
    r2pkit.errors.OutOfRangeError: year=1990 is not a year of the refugee data. Choose 2015.
    """
    table, _ = _tables(table)
    _refugees(table, "year", "host", "host_iso3", "refugees", "source")
    year = _check_year(table, year)
    top = _check_top(top)
    rows = table[table["year"] == year]
    world = rows.loc[rows["host_iso3"] == WORLD, "refugees"]
    hosts = rows[rows["host_iso3"] != WORLD]
    total = float(world.iloc[0]) if len(world) else float(hosts["refugees"].sum())
    out = hosts.sort_values(["refugees", "host"], ascending=[False, True]).head(top)
    out = out[["host", "host_iso3", "refugees", "source"]].reset_index(drop=True)
    out.insert(3, "share", (out["refugees"].astype("float64") / total).round(4))
    return out


def by_host(crisis: Crisis | str, year: int, top: int = 10) -> pd.DataFrame:
    """The ``top`` hosts of a crisis's refugees in ``year``, largest first (see :func:`top_hosts`).

    >>> by_host("myanmar", 2018, top=2)[["host", "refugees", "share"]]
             host  refugees   share
    0  Bangladesh    906635  0.7917
    1    Malaysia    114227  0.0997
    """
    return top_hosts(_crises.resolve(crisis), year, top)


def year_summary(table: pd.DataFrame | Crisis, year: int) -> str:
    """One plain sentence on the year: how many refugees, and the largest host.

    The people are named as the crisis (or the table's source) names them (:func:`words`).

    >>> t = pd.DataFrame({"year": [2015] * 3, "host": ["A", "B", "World"],
    ...                   "host_iso3": ["AAA", "BBB", "WLD"], "refugees": [30, 70, 100],
    ...                   "source": ["s"] * 3})
    >>> year_summary(t, 2015)
    'At the end of 2015, 100 people were refugees under UNHCR’s mandate; the largest host was B, with 70 (70.0%).'
    >>> year_summary(_crises.MYANMAR, 2017)[:77]
    'At the end of 2017, 1,156,742 people from Myanmar were refugees under UNHCR’s'
    """
    w = words(table)
    table, _ = _tables(table)
    top = top_hosts(table, year, top=1)
    year = int(year)
    if top.empty:
        return f"The refugee data have no host country with a figure for the end of {year}."
    first = top.iloc[0]
    rows = table[(table["year"] == year) & (table["host_iso3"] == WORLD)]
    total = int(rows["refugees"].iloc[0]) if len(rows) else int(table.loc[table["year"] == year, "refugees"].sum())
    return (f"At the end of {year}, {total:,} {w.demonym} were refugees under UNHCR’s mandate; "
            f"the largest host was {first['host']}, with {int(first['refugees']):,} ({first['share']:.1%}).")


# ------------------------------------------------------------------------ names
# The names below were this module's own; they now live in r2pkit.countries (kept for older callers).
_fold = countries.fold
_ALIASES = countries.ALIASES


def _resolve(value: object, pairs: Iterable[tuple[str, str]], what: str,
             aliases: dict[str, str] | None = None, example: tuple[str, str] | None = None) -> tuple[str, str]:
    return countries.resolve(value, pairs, what, aliases=aliases, example=example)


def hosts(refugees: pd.DataFrame) -> list[tuple[str, str]]:
    """The (name, ISO3) of every host country in the refugee data (not the world total), by name.

    >>> hosts(pd.DataFrame({"host": ["Lebanon", "World", "Jordan"], "host_iso3": ["LBN", "WLD", "JOR"]}))
    [('Jordan', 'JOR'), ('Lebanon', 'LBN')]
    """
    refugees, _ = _tables(refugees)
    _refugees(refugees, "host", "host_iso3")
    return countries.pairs(refugees[refugees["host_iso3"] != WORLD], "host", "host_iso3")


_hosts = hosts  # the name widgets used before it was public


def find_host(refugees: pd.DataFrame | Crisis, host: str, indicators: pd.DataFrame | None = None) -> tuple[str, str]:
    """The (name, ISO3) of a host country in a ``refugees_by_host`` table, from a name or code in any case.

    The country of origin is refused with a word on why (it is where the refugees come from).

    World Bank spellings (in ``indicators``, e.g. 'Egypt, Arab Rep.') are accepted too.

    >>> t = pd.DataFrame({"host": ["Türkiye", "Lebanon"], "host_iso3": ["TUR", "LBN"]})
    >>> find_host(t, "turkiye"), find_host(t, "lbn")
    (('Türkiye', 'TUR'), ('Lebanon', 'LBN'))
    >>> find_host(t, "Lebanom")
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: host='Lebanom' is not a host country in the refugee data. Did you mean 'Lebanon'? ...
    """
    given = refugees
    refugees, _ = _tables(refugees)
    _refugees(refugees, "host", "host_iso3")
    if indicators is not None:  # its spellings are used when it has them (a country column)
        _indicators(indicators, "iso3")
    if isinstance(host, str):  # as in the data (a widget's menu): no folding, and no list of every host made
        names, codes = refugees["host"].astype(str).to_numpy(), refugees["host_iso3"].astype(str).to_numpy()
        exact = (codes != WORLD) & ((names == host) | (codes == host))
        if exact.any():
            name, code = min(zip(names[exact], codes[exact]))  # the first in the order of hosts()
            return str(name), str(code)
    origin = given if isinstance(given, Crisis) else _crises.of_table(refugees)
    pairs = hosts(refugees)
    aliases = dict(countries.ALIASES)
    if indicators is not None and "country" in indicators.columns:
        aliases.update({n: c for n, c in countries.pairs(indicators, "country", "iso3")})
    what = "a host country in the refugee data"
    names = checks.listing(n for n, _ in pairs)
    if origin is not None and isinstance(host, str) and _is_origin(host, origin):
        raise UnknownNameError(value=host, expected=what, name="host", allowed=f"Choose a host: {names}.",
                               note=f"{origin.origin_name} is where the refugees come from.")
    if isinstance(host, str) and countries.fold(host) in ("world", "wld", countries.fold(WORLD_NAME)):
        raise UnknownNameError(value=host, expected=what, name="host", allowed=f"Choose a host: {names}.",
                               note="For the world total, use world_totals(refugees).")
    return countries.resolve(host, pairs, what, aliases=aliases, example=("Lebanon", "LBN"), name="host")


def _is_origin(host: str, origin: Crisis) -> bool:
    folded = countries.fold(host)
    spellings = {countries.fold(origin.origin_name), countries.fold(origin.name), origin.origin_iso3.lower(),
                 origin.origin_unhcr.lower()}
    spellings |= {a for a, code in countries.ALIASES.items() if code == origin.origin_iso3}
    return folded in spellings


# ------------------------------------------------------------------ world and hosts
def world_totals(refugees: pd.DataFrame | Crisis) -> pd.DataFrame:
    """The refugees in all countries of asylum, year by year (the world-total rows).

    Columns: year, refugees, source.

    >>> t = pd.DataFrame({"year": [2015, 2015, 2016], "host_iso3": ["WLD", "LBN", "WLD"],
    ...                   "refugees": [100, 30, 120], "source": ["s", "s", "s"]})
    >>> world_totals(t)
       year  refugees source
    0  2015       100      s
    1  2016       120      s
    """
    refugees, _ = _tables(refugees)
    _refugees(refugees, "year", "host_iso3", "refugees", "source")
    rows = refugees[refugees["host_iso3"] == WORLD].sort_values("year")
    out = rows[["year", "refugees", "source"]].reset_index(drop=True)
    out["year"] = out["year"].astype(int)
    return out


def peak_hosts(refugees: pd.DataFrame, top: int = 5) -> list[str]:
    """The ISO3 codes of the ``top`` hosts with the most refugees in their peak year, largest first.

    >>> t = pd.DataFrame({"year": [2015, 2016, 2015, 2016], "host_iso3": ["LBN", "LBN", "DEU", "DEU"],
    ...                   "refugees": [10, 9, 3, 12]})
    >>> peak_hosts(t, top=1)
    ['DEU']
    """
    refugees, _ = _tables(refugees)
    _refugees(refugees, "year", "host_iso3", "refugees")
    top = _check_top(top)
    rows = refugees[refugees["host_iso3"] != WORLD]
    peaks = rows.groupby("host_iso3")["refugees"].max().astype("float64")
    peaks = peaks.reset_index().sort_values(["refugees", "host_iso3"], ascending=[False, True])
    return [str(c) for c in peaks["host_iso3"].head(top)]


#: The measures of host pressure: column of :func:`host_pressure` → what it means
#: (:func:`measures` gives the same labels with a crisis's words).
MEASURES = {
    "refugees": "refugees (persons)",
    "per_1000": "refugees per 1,000 inhabitants",
    "per_usd_gdp_per_head": "refugees per US$1 of GDP per head",
}


def measures(refugees: object = None) -> dict[str, str]:
    """The labels of :data:`MEASURES` in the words of a crisis (or of the crisis a table names).

    >>> measures(_crises.SYRIA)["per_1000"]
    'Syrian refugees per 1,000 inhabitants'
    >>> measures(_crises.MYANMAR)["refugees"]
    'Refugees from Myanmar (persons)'
    """
    phrase = "refugees" if refugees is None else words(refugees).refugees
    return {key: (phrase[:1].upper() + phrase[1:] + label[len("refugees"):]) for key, label in MEASURES.items()}


def check_measure(measure: object) -> str:
    """``measure`` if it is one of :data:`MEASURES`; otherwise an error that lists them.

    >>> check_measure("per_1000")
    'per_1000'
    >>> check_measure("per 1000")
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: measure='per 1000' is not a measure of host pressure. Did you mean 'per_1000'? ...
    """
    return checks.choice(measure, MEASURES, "a measure of host pressure", name="measure", fold=None)


_check_measure = check_measure  # the name widgets used before it was public


def host_pressure(refugees: pd.DataFrame | Crisis, indicators: pd.DataFrame | None = None, year: int | None = None,
                  hosts: str | Iterable[str] | None = None) -> pd.DataFrame:
    """How heavily each host carries the refugees it hosts, per host and year.

    ``refugees`` is a ``refugees_by_host`` table (UNHCR), ``indicators`` is
    ``country_indicators`` (World Bank); they are joined on the ISO3 code and the year.
    A crisis takes the place of both: ``host_pressure(crisis, year, hosts)``.
    ``year`` (one year) and ``hosts`` (names or ISO3 codes) narrow the table. Columns:

    - year, host, host_iso3, refugees (UNHCR, end of year);
    - population (World Bank, persons) and per_1000 = refugees ÷ population × 1,000,
      pct_of_population = refugees ÷ population × 100. The World Bank counts residents,
      and for Lebanon and Jordan its population appears to include the refugees already
      (see the dataset's note), so these are shares of a population that contains them;
    - gdp_per_head = GDP (current US$, not PPP) ÷ population, and per_usd_gdp_per_head =
      refugees ÷ gdp_per_head: refugees per US$1 of GDP per head, a rough measure that
      weighs the number of refugees by how rich the host is;
    - share_of_world = refugees ÷ all the refugees of the table that year (the world-total row);
    - source: the UNHCR and World Bank sources of the row.

    A figure that is missing in either dataset (no World Bank GDP after its series ends, no
    population for the latest refugee year) stays missing (NaN); nothing is filled in.

    >>> r = pd.DataFrame({"year": [2015] * 3, "host": ["A", "B", "World"], "host_iso3": ["AAA", "BBB", "WLD"],
    ...                   "refugees": [30, 70, 100], "source": ["u"] * 3})
    >>> i = pd.DataFrame({"iso3": ["AAA", "BBB"], "year": [2015, 2015], "population": [1000, 7000],
    ...                   "gdp_current_usd": [2e6, float("nan")], "source": ["w", "w"]})
    >>> host_pressure(r, i, 2015)[["host", "per_1000", "gdp_per_head", "per_usd_gdp_per_head", "share_of_world"]]
      host  per_1000  gdp_per_head  per_usd_gdp_per_head  share_of_world
    0    A      30.0        2000.0                 0.015             0.3
    1    B      10.0           NaN                   NaN             0.7
    >>> host_pressure(_crises.MYANMAR, 2018, "Bangladesh")[["host", "refugees", "per_1000"]].round(1)
             host  refugees  per_1000
    0  Bangladesh    906635       5.5
    """
    if isinstance(refugees, Crisis) and indicators is not None and not isinstance(indicators, pd.DataFrame):
        indicators, year, hosts = None, indicators, year  # host_pressure(crisis, year, hosts)
    refugees, indicators = _tables(refugees, indicators)
    _refugees(refugees, "year", "host", "host_iso3", "refugees", "source")
    _indicators(indicators, "iso3", "year", "population", "gdp_current_usd", "source")
    rows = refugees[refugees["host_iso3"] != WORLD]
    if year is not None:
        year = _check_year(refugees, year)
        rows = rows[rows["year"] == year]
    if hosts is not None:
        codes = checks.one_or_more(hosts, lambda h: find_host(refugees, h, indicators)[1], "hosts",
                                   what="a host country or a list of them (or None for all)")
        rows = rows[rows["host_iso3"].isin(codes)]
    world = world_totals(refugees).set_index("year")["refugees"].astype("float64")
    out = rows[["year", "host", "host_iso3", "refugees", "source"]].copy()
    out["year"] = out["year"].astype(int)
    ind = indicators[["iso3", "year", "population", "gdp_current_usd", "source"]].rename(
        columns={"iso3": "host_iso3", "source": "indicators_source"})
    ind = ind.assign(year=ind["year"].astype(int))
    out = out.merge(ind, on=["host_iso3", "year"], how="left")
    n = out["refugees"].astype("float64")
    pop = out["population"].astype("float64")
    gdp = out["gdp_current_usd"].astype("float64")
    out["per_1000"] = n / pop * 1000
    out["pct_of_population"] = n / pop * 100
    out["gdp_per_head"] = gdp / pop
    out["per_usd_gdp_per_head"] = n / out["gdp_per_head"]
    out["share_of_world"] = n / out["year"].map(world)
    out["population"] = out["population"].astype("Int64")
    src = out["source"].astype(str) + " | " + out["indicators_source"].fillna("no World Bank row").astype(str)
    out["source"] = src
    return out[list(PRESSURE_COLUMNS)].sort_values(["year", "host"]).reset_index(drop=True)


def measure_years(refugees: pd.DataFrame | Crisis, indicators: pd.DataFrame | None = None,
                  measure: str = "per_1000") -> list[int]:
    """The years in which at least one host has a figure for ``measure`` (see :data:`MEASURES`), in order.

    The number of refugees needs the UNHCR data only; the measures per head also need
    the World Bank's population (and GDP), whose series end earlier.

    >>> r = pd.DataFrame({"year": [2015, 2016, 2015, 2016], "host": ["A", "A", "World", "World"],
    ...                   "host_iso3": ["AAA", "AAA", "WLD", "WLD"], "refugees": [30, 40, 100, 120], "source": ["u"] * 4})
    >>> i = pd.DataFrame({"iso3": ["AAA"], "year": [2015], "population": [1000], "gdp_current_usd": [2e6],
    ...                   "source": ["w"]})
    >>> measure_years(r, i, "refugees"), measure_years(r, i, "per_1000")
    ([2015, 2016], [2015])
    """
    refugees, indicators = _tables(refugees, indicators)
    return years_by_measure(refugees, indicators)[check_measure(measure)]


def years_by_measure(refugees: pd.DataFrame | Crisis, indicators: pd.DataFrame | None = None) -> dict[str, list[int]]:
    """:func:`measure_years` for every measure at once (one join of the two datasets).

    >>> r = pd.DataFrame({"year": [2015, 2016, 2015, 2016], "host": ["A", "A", "World", "World"],
    ...                   "host_iso3": ["AAA", "AAA", "WLD", "WLD"], "refugees": [30, 40, 100, 120], "source": ["u"] * 4})
    >>> i = pd.DataFrame({"iso3": ["AAA"], "year": [2015], "population": [1000], "gdp_current_usd": [2e6],
    ...                   "source": ["w"]})
    >>> years_by_measure(r, i)
    {'refugees': [2015, 2016], 'per_1000': [2015], 'per_usd_gdp_per_head': [2015]}
    """
    refugees, indicators = _tables(refugees, indicators)
    table = host_pressure(refugees, indicators)
    return {m: sorted(int(y) for y in table.loc[table[m].notna(), "year"].unique()) for m in MEASURES}


#: The columns of a :func:`host_pressure` table.
PRESSURE_COLUMNS = ("year", "host", "host_iso3", "refugees", "population", "per_1000", "pct_of_population",
                    "gdp_per_head", "per_usd_gdp_per_head", "share_of_world", "source")


def check_pressure(pressure: object) -> pd.DataFrame:
    """``table`` if it has the columns of a :func:`host_pressure` table; otherwise an error that names them.

    >>> check_pressure(pd.DataFrame({"host": ["A"]}))
    Traceback (most recent call last):
    ...
    r2pkit.errors.TableError: pressure=a table (1 row; columns: host) is not a table with the columns year, host, ...
    """
    return checks.table(pressure, PRESSURE_COLUMNS, name="pressure",
                        types={c: "number" for c in PRESSURE_COLUMNS if c not in ("host", "host_iso3", "source")})


def rank_pressure(pressure: pd.DataFrame, measure: str = "per_1000") -> pd.DataFrame:
    """The rows of a :func:`host_pressure` table for one year, ranked by ``measure``, highest first.

    Rows without a figure for the measure are left out (the table may then be empty).
    Adds a ``rank`` column (1 = the most burdened by this measure); ties are in
    alphabetical order of the host. :func:`rank_hosts` does the same from the datasets.

    >>> p = pd.DataFrame({"host": ["A", "B", "C"], "per_1000": [10.0, 30.0, float("nan")]})
    >>> rank_pressure(p, "per_1000")
       rank host  per_1000
    0     1    B      30.0
    1     2    A      10.0
    """
    measure = check_measure(measure)
    checks.table(pressure, ("host", measure), name="pressure", types={measure: "number"})
    table = pressure[pressure[measure].notna()]
    table = table.sort_values([measure, "host"], ascending=[False, True]).reset_index(drop=True)
    table.insert(0, "rank", range(1, len(table) + 1))
    return table


def _no_figure(refugees: pd.DataFrame, indicators: pd.DataFrame, year: int, measure: str) -> R2PKitError:
    have = measure_years(refugees, indicators, measure)
    cover = f"give it for {have[0]}–{have[-1]}" if have else "do not give it for any year"
    return OutOfRangeError(value=year, name="year", expected=f"a year with figures for '{measures(refugees)[measure]}'",
                           allowed=f"Choose a year from {have[0]} to {have[-1]}." if have else None,
                           note=f"The World Bank figures in the kit {cover} (population and GDP end earlier "
                                "than the UNHCR data).")


def rank_hosts(refugees: pd.DataFrame | Crisis, indicators: pd.DataFrame | None = None, year: int | None = None,
               measure: str = "per_1000", top: int | None = None) -> pd.DataFrame:
    """The hosts in ``year`` ranked by ``measure`` (see :data:`MEASURES`), highest first.

    Hosts without a figure for the measure that year are left out. Adds a ``rank``
    column (1 = the most burdened by this measure). A crisis takes the place of the two
    tables: ``rank_hosts(crisis, year=2018)``.

    >>> r = pd.DataFrame({"year": [2015] * 3, "host": ["A", "B", "World"], "host_iso3": ["AAA", "BBB", "WLD"],
    ...                   "refugees": [30, 70, 100], "source": ["u"] * 3})
    >>> i = pd.DataFrame({"iso3": ["AAA", "BBB"], "year": [2015, 2015], "population": [1000, 7000],
    ...                   "gdp_current_usd": [2e6, 1e6], "source": ["w", "w"]})
    >>> rank_hosts(r, i, 2015, "per_1000")[["rank", "host", "per_1000"]]
       rank host  per_1000
    0     1    A      30.0
    1     2    B      10.0
    >>> rank_hosts(r, i, 2015, "per 1000")
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: measure='per 1000' is not a measure of host pressure. Did you mean 'per_1000'? ...
    """
    refugees, indicators = _tables(refugees, indicators)
    measure = check_measure(measure)
    top = _check_top(top) if top is not None else None
    year = _check_year(refugees, year)
    table = rank_pressure(host_pressure(refugees, indicators, year), measure)
    if table.empty:
        raise _no_figure(refugees, indicators, year, measure)
    return table.head(top) if top else table


def _fmt(measure: str, value: float) -> str:
    if measure == "refugees":
        return f"{int(round(value)):,}"
    return f"{value:,.1f}"


def host_pressure_sentence(refugees: pd.DataFrame | Crisis, indicators: pd.DataFrame | None = None,
                           host: str | None = None, year: int | None = None, measure: str = "per_1000", *,
                           pressure: pd.DataFrame | None = None) -> str:
    """One plain sentence: how many refugees ``host`` had in ``year``, by ``measure``, and its rank.

    A crisis takes the place of the two tables: ``host_pressure_sentence(crisis, host="Bangladesh", year=2018)``.
    ``pressure`` is :func:`host_pressure` of the same tables for ``year``, when the caller
    has it already (an explorer computes it once for the sentence and the chart); by
    default it is computed here.

    >>> r = pd.DataFrame({"year": [2015] * 3, "host": ["A", "B", "World"], "host_iso3": ["AAA", "BBB", "WLD"],
    ...                   "refugees": [30, 70, 100], "source": ["u"] * 3})
    >>> i = pd.DataFrame({"iso3": ["AAA", "BBB"], "year": [2015, 2015], "population": [1000, 7000],
    ...                   "gdp_current_usd": [2e6, 1e6], "source": ["w", "w"]})
    >>> print(host_pressure_sentence(r, i, "B", 2015))
    At the end of 2015, B hosted 70 refugees (70.0% of all refugees): 10.0 per 1,000 inhabitants,
    2nd of the 2 hosts with this figure.
    >>> print(host_pressure_sentence(_crises.MYANMAR, host="Bangladesh", year=2018))
    At the end of 2018, Bangladesh hosted 906,635 refugees from Myanmar (79.2% of all refugees from Myanmar): 5.5 per
    1,000 inhabitants, 1st of the 11 hosts with this figure.
    """
    w = words(refugees)
    refugees, indicators = _tables(refugees, indicators)
    measure = check_measure(measure)
    name, code = find_host(refugees, host, indicators)
    year = _check_year(refugees, year)
    if pressure is None:
        table = host_pressure(refugees, indicators, year)  # once: the host's row and its rank come from it
    else:
        table = check_pressure(pressure)
    row = table[table["host_iso3"] == code]
    if row.empty or pd.isna(row["refugees"].iloc[0]):
        return f"The UNHCR data have no figure for {w.refugees} in {_the(name)} at the end of {year}."
    row = row.iloc[0]
    head = f"At the end of {year}, {_the(name)} hosted {int(row['refugees']):,} {w.refugees}"
    share = row["share_of_world"]
    head += f" ({share:.1%} of all {w.refugees})" if not pd.isna(share) else ""
    if measure == "refugees":
        ranked = rank_pressure(table, measure)
        rank = int(ranked.loc[ranked["host_iso3"] == code, "rank"].iloc[0])
        return f"{head}: {_ordinal(rank)} of the {len(ranked)} hosts in the data."
    value = row[measure]
    if pd.isna(value):
        what = "population" if pd.isna(row["population"]) else "GDP"
        return (f"{head}; the World Bank data in the kit have no {what} figure for {_the(name)} in {year}, "
                f"so there is no '{measures(refugees)[measure]}'.")
    ranked = rank_pressure(table, measure)
    rank = int(ranked.loc[ranked["host_iso3"] == code, "rank"].iloc[0])
    unit = "per 1,000 inhabitants" if measure == "per_1000" else (
        f"per US$1 of GDP per head (GDP per head US${row['gdp_per_head']:,.0f})")
    return f"{head}: {_fmt(measure, value)} {unit}, {_ordinal(rank)} of the {len(ranked)} hosts with this figure."


def _the(name: str) -> str:
    """Country names that take 'the' in a sentence.

    >>> _the("United Kingdom"), _the("Netherlands"), _the("Lebanon")
    ('the United Kingdom', 'the Netherlands', 'Lebanon')
    """
    return f"the {name}" if name.startswith(("United ", "Netherlands")) else name


def _ordinal(n: int) -> str:
    """1 → '1st', 2 → '2nd', 11 → '11th'.

    >>> [_ordinal(i) for i in (1, 2, 3, 4, 11, 12, 13, 21, 22)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd']
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class HostShare(NamedTuple):
    """The refugees held by a group of hosts, and their share of all the refugees of the table."""

    year: int
    hosts: tuple[str, ...]
    refugees: int
    world: int
    share: float


def share_of_hosts(refugees: pd.DataFrame | Crisis, year: int, hosts: Iterable[str]) -> HostShare:
    """What share of all the refugees the ``hosts`` (names or ISO3 codes) held at the end of ``year``.

    The share is the hosts' refugees ÷ the world total that year (the 'WLD' row). A host
    with no figure that year counts as 0.

    >>> t = pd.DataFrame({"year": [2015] * 3, "host": ["A", "B", "World"],
    ...                   "host_iso3": ["AAA", "BBB", "WLD"], "refugees": [30, 50, 100]})
    >>> share_of_hosts(t, 2015, ["aaa", "B"])
    HostShare(year=2015, hosts=('A', 'B'), refugees=80, world=100, share=0.8)
    >>> share_of_hosts(t, 2030, ["A"])
    Traceback (most recent call last):
    ...
    r2pkit.errors.OutOfRangeError: year=2030 is not a year of the refugee data. Choose 2015.
    """
    refugees, _ = _tables(refugees)
    _refugees(refugees, "year", "host", "host_iso3", "refugees")
    year = _check_year(refugees, year)
    found = checks.one_or_more(hosts, lambda h: find_host(refugees, h), "hosts",
                               what="one or more host countries")
    codes = list(dict.fromkeys(c for _, c in found))
    rows = refugees[refugees["year"] == year]
    held = int(rows.loc[rows["host_iso3"].isin(codes), "refugees"].fillna(0).sum())
    world = rows.loc[rows["host_iso3"] == WORLD, "refugees"]
    total = int(world.iloc[0]) if len(world) else int(rows["refugees"].fillna(0).sum())
    names = tuple(dict.fromkeys(n for n, _ in found))
    return HostShare(int(year), names, held, total, held / total if total else math.nan)

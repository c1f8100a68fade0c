"""Displacement from Syria: who hosts the refugees.

Figures come from the ``syria_refugees_by_host`` dataset (UNHCR Refugee Data Finder):
Syrians recognised as refugees under UNHCR's mandate, by country of asylum, at the end of
each year. They count *registered* refugees: Lebanon stopped registering Syrians in 2015,
and Türkiye counts people under temporary protection, so other figures (all Syrians
present, or UNHCR's regional portal) can differ. The resettlement article's claims
(section 'The Responsibility to Resettle Syrian Refugees') are checked against these
figures in notebook 02.
"""
from __future__ import annotations

import pandas as pd

from .errors import R2PKitError

__all__ = ["WORLD", "years", "top_hosts", "year_summary"]

#: The code of the world-total rows in ``syria_refugees_by_host``.
WORLD = "WLD"


def years(table: pd.DataFrame) -> list[int]:
    """The years the table covers, in order.

    >>> years(pd.DataFrame({"year": [2012, 2011, 2012]}))
    [2011, 2012]
    """
    return sorted(int(y) for y in table["year"].dropna().unique())


def _check_year(table: pd.DataFrame, year: int) -> None:
    available = years(table)
    if isinstance(year, bool) or not isinstance(year, int) or year not in available:
        raise R2PKitError(
            f"There are no figures for the year {year!r}. "
            f"The data cover {available[0]}–{available[-1]}: choose a whole year in that range."
        )


def top_hosts(table: pd.DataFrame, year: int, top: int = 10) -> pd.DataFrame:
    """The ``top`` host countries of Syrian refugees in ``year``, largest first.

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
    r2pkit.errors.R2PKitError: There are no figures for the year 1990. The data cover 2015–2015: ...
    """
    _check_year(table, year)
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise R2PKitError(f"'top' is how many countries to show: a whole number of at least 1, not {top!r}.")
    rows = table[table["year"] == year]
    world = rows.loc[rows["host_iso3"] == WORLD, "refugees"]
    hosts = rows[rows["host_iso3"] != WORLD]
    total = float(world.iloc[0]) if len(world) else float(hosts["refugees"].sum())
    out = hosts.sort_values(["refugees", "host"], ascending=[False, True]).head(top)
    out = out[["host", "host_iso3", "refugees", "source"]].reset_index(drop=True)
    out.insert(3, "share", (out["refugees"].astype("float64") / total).round(4))
    return out


def year_summary(table: pd.DataFrame, year: int) -> str:
    """One plain sentence on the year: how many Syrian refugees, and the largest host.

    >>> t = pd.DataFrame({"year": [2015] * 3, "host": ["A", "B", "World"],
    ...                   "host_iso3": ["AAA", "BBB", "WLD"], "refugees": [30, 70, 100],
    ...                   "source": ["s"] * 3})
    >>> year_summary(t, 2015)
    'At the end of 2015, 100 Syrians were refugees under UNHCR’s mandate; the largest host was B, with 70 (70.0%).'
    """
    first = top_hosts(table, year, top=1).iloc[0]
    rows = table[(table["year"] == year) & (table["host_iso3"] == WORLD)]
    total = int(rows["refugees"].iloc[0]) if len(rows) else int(table.loc[table["year"] == year, "refugees"].sum())
    return (f"At the end of {year}, {total:,} Syrians were refugees under UNHCR’s mandate; "
            f"the largest host was {first['host']}, with {int(first['refugees']):,} ({first['share']:.1%}).")

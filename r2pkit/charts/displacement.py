"""Charts of displacement: a crisis's refugees by host country, over time and per head.

Drawn from a ``refugees_by_host`` table (UNHCR; e.g. ``syria_refugees_by_host``) and
``country_indicators`` (World Bank) through the pure functions of :mod:`r2pkit.displacement`,
which also give the words for the people ('Syrian refugees', 'refugees from Myanmar': see
:func:`r2pkit.displacement.words`). A crisis record may take the place of the tables.
"""
from __future__ import annotations

import json

import altair as alt
import pandas as pd

from .. import checks, displacement
from ..crisis import Crisis
from ..displacement import top_hosts
from ..errors import R2PKitError
from .accessibility import titled
from .cues import shape_scale, shapes_sentence
from .theme import PALETTE

__all__ = ["refugees_by_host", "refugees_over_time", "host_pressure_chart"]


def refugees_by_host(table: pd.DataFrame | Crisis, year: int, top: int = 10) -> alt.Chart:
    """Bar chart: the ``top`` countries hosting the refugees in ``year``.

    ``table`` is a ``refugees_by_host`` dataset, or a crisis (the world-total row is left out).

    >>> from r2pkit import data
    >>> from r2pkit.charts import require_accessible
    >>> chart = refugees_by_host(data.load("syria_refugees_by_host"), 2015, top=5)
    >>> require_accessible(chart)
    >>> chart.to_dict()["title"]
    'Syrian refugees by host country, 2015'
    """
    label = displacement.measures(table)["refugees"]
    phrase = displacement.words(table).refugees
    rows = top_hosts(table, year, top)
    chart = alt.Chart(rows).mark_bar().encode(
        x=alt.X("refugees:Q", title=label, axis=alt.Axis(format=",d")),
        y=alt.Y("host:N", sort="-x", title=None),
        tooltip=[alt.Tooltip("host:N", title="Host country"),
                 alt.Tooltip("refugees:Q", title="Refugees", format=","),
                 alt.Tooltip("source:N", title="Source")],
    )
    total = int(rows["refugees"].sum())
    return titled(
        chart,
        f"{_capital(phrase)} by host country, {year}",
        f"Horizontal bar chart of the {len(rows)} countries hosting the most {phrase} under "
        f"UNHCR's mandate at the end of {year}, largest first; together {total:,} people. "
        "Source: UNHCR Refugee Data Finder.",
    )


def refugees_over_time(table: pd.DataFrame | Crisis, hosts: list[str] | None = None, top: int = 5,
                       with_world: bool = False) -> alt.Chart:
    """Lines: the refugees in each host country, year by year.

    ``table`` is a ``refugees_by_host`` dataset, or a crisis. ``hosts`` (names or ISO3 codes, at most 8 so
    that every line gets its own colour-blind-safe colour) defaults to the ``top`` hosts
    with the largest peak. ``with_world=True`` adds the world total as a dashed black line.

    >>> from r2pkit import data
    >>> chart = refugees_over_time(data.load("syria_refugees_by_host"), ["LBN", "JOR"])
    >>> chart.to_dict()["title"]
    'Syrian refugees by host country, 2011–2025'
    """
    checks.flag(with_world, "with_world")
    if hosts is not None:
        checks.one_or_more(hosts, lambda h: h, "hosts", what="one or more host countries (names or ISO3 codes)")
    phrase = displacement.words(table).refugees
    table = table.table("refugees_by_host") if isinstance(table, Crisis) else table
    if hosts is None:
        codes = displacement.peak_hosts(table, top)
    else:
        wanted = [hosts] if isinstance(hosts, str) else list(hosts)
        codes = list(dict.fromkeys(displacement.find_host(table, h)[1] for h in wanted))
    if not codes:
        raise R2PKitError("Name at least one host country, e.g. ['LBN', 'TUR'].")
    limit = len(PALETTE) - (1 if with_world else 0)
    if len(codes) > limit:
        raise R2PKitError(f"At most {limit} lines can be told apart by colour here; you asked for {len(codes)}. "
                          "Choose fewer hosts.")
    rows = table[table["host_iso3"].isin(codes)][["year", "host", "host_iso3", "refugees", "source"]]
    names = [rows.loc[rows["host_iso3"] == c, "host"].iloc[0] for c in codes]
    colours = [c for c in PALETTE if c != "#000000"][:len(names)]
    if with_world:
        world = table[table["host_iso3"] == displacement.WORLD][["year", "host", "host_iso3", "refugees", "source"]]
        rows = pd.concat([rows, world], ignore_index=True)
        names.append(str(world["host"].iloc[0]))
        colours.append("#000000")
    rows = rows.assign(year=rows["year"].astype(int), world=rows["host_iso3"] == displacement.WORLD)
    base = alt.Chart(rows).encode(
        x=alt.X("year:O", title="End of year"),
        y=alt.Y("refugees:Q", title=f"{_capital(phrase)} (persons)", axis=alt.Axis(format=",d")),
        color=alt.Color("host:N", title="Host", sort=names, scale=alt.Scale(domain=names, range=colours),
                        legend=alt.Legend(orient="bottom", columns=3, labelLimit=260)),
        shape=alt.Shape("host:N", title="Host", sort=names, scale=shape_scale(names),
                        legend=alt.Legend(orient="bottom", columns=3, labelLimit=260)),
        strokeDash=alt.StrokeDash("world:N", legend=None,
                                  scale=alt.Scale(domain=[False, True], range=[[1, 0], [6, 4]])),
        tooltip=[alt.Tooltip("host:N", title="Host"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("refugees:Q", title="Refugees", format=","), alt.Tooltip("source:N", title="Source")],
    )
    chart = base.mark_line(point=True)
    first, last = int(rows["year"].min()), int(rows["year"].max())
    peaks = "; ".join(
        f"{n} peaked at {int(g['refugees'].max()):,} in {int(g.loc[g['refugees'].idxmax(), 'year'])}"
        for n, g in ((n, rows[rows["host"] == n].dropna(subset=["refugees"])) for n in names) if len(g))
    return titled(
        chart,
        f"{_capital(phrase)} by host country, {first}–{last}",
        f"Line chart of {phrase} under UNHCR's mandate at the end of each year, one line per host: {peaks}. "
        f"{shapes_sentence(names)} Source: UNHCR Refugee Data Finder.",
    )


_PHRASE = {"refugees": "the number of {refugees}", "per_1000": "refugees per 1,000 inhabitants",
           "per_usd_gdp_per_head": "refugees per US$1 of GDP per head"}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
_AXIS_FORMAT = {"refugees": ",d", "per_1000": ",.0f", "per_usd_gdp_per_head": ",.0f"}


def host_pressure_chart(refugees: pd.DataFrame | Crisis, indicators: pd.DataFrame | None = None,
                        year: int | None = None, measure: str = "per_1000",
                        top: int | None = None, highlight: str | None = None, *,
                        pressure: pd.DataFrame | None = None) -> alt.Chart:
    """Bars: the hosts of the refugees in ``year``, ranked by a measure of pressure.

    ``measure`` is one of :data:`r2pkit.displacement.MEASURES`: ``"refugees"`` (the
    number), ``"per_1000"`` (per 1,000 inhabitants) or ``"per_usd_gdp_per_head"`` (per
    US$1 of GDP per head). Hosts without a figure that year are left out (the description
    says how many). ``highlight`` (a host) is drawn in another colour. ``pressure`` is
    :func:`r2pkit.displacement.host_pressure` of the same tables for ``year``, when the
    caller has it already (an explorer computes it once for its sentence and its chart).

    >>> from r2pkit import data
    >>> r, i = data.load("syria_refugees_by_host"), data.load("country_indicators")
    >>> chart = host_pressure_chart(r, i, 2015, "per_1000", top=5, highlight="Lebanon")
    >>> chart.to_dict()["title"]
    'Syrian refugees per 1,000 inhabitants, 2015'
    """
    phrase = displacement.words(refugees).refugees
    if isinstance(refugees, Crisis):
        indicators = refugees.table("indicators") if indicators is None else indicators
        refugees = refugees.table("refugees_by_host")
    year = checks.year(year, displacement.years(refugees), what="a year of the refugee data")
    if top is not None:
        top = checks.whole_number(top, "top", lo=1, what="a whole number of at least 1 (how many countries to show)")
    every = (displacement.host_pressure(refugees, indicators, year) if pressure is None  # once: the ranking comes from it
             else displacement.check_pressure(pressure))
    ranked = displacement.rank_pressure(every, measure)
    if ranked.empty:
        ranked = displacement.rank_hosts(refugees, indicators, year, measure)  # raises the kit's clear message
    missing = sorted(set(every["host"]) - set(ranked["host"]))
    rows = ranked.head(top) if top else ranked
    chosen = displacement.find_host(refugees, highlight, indicators)[0] if highlight is not None else None
    rows = rows.assign(chosen=rows["host"] == chosen if chosen else False)
    label = displacement.measures(refugees)[measure]
    # The chosen host is told apart by more than colour: an outline, and a pointer before its name.
    name = json.dumps(chosen or "")
    chart = alt.Chart(rows).mark_bar(strokeWidth=2.5).encode(
        x=alt.X(f"{measure}:Q", title=label, axis=alt.Axis(format=_AXIS_FORMAT[measure])),
        y=alt.Y("host:N", sort="-x", title=None,
                axis=alt.Axis(labelExpr=f"datum.value == {name} ? '» ' + datum.value : datum.value")),
        color=alt.Color("chosen:N", legend=None,
                        scale=alt.Scale(domain=[False, True], range=[PALETTE[0], PALETTE[3]])),
        stroke=alt.condition(alt.datum.chosen, alt.value("black"), alt.value(None)),
        tooltip=[alt.Tooltip("rank:Q", title="Rank"), alt.Tooltip("host:N", title="Host"),
                 alt.Tooltip("refugees:Q", title=_capital(phrase), format=","),
                 alt.Tooltip("population:Q", title="Population", format=","),
                 alt.Tooltip("per_1000:Q", title="Per 1,000 inhabitants", format=",.1f"),
                 alt.Tooltip("gdp_per_head:Q", title="GDP per head (US$)", format=",.0f"),
                 alt.Tooltip("per_usd_gdp_per_head:Q", title="Per US$1 of GDP per head", format=",.1f"),
                 alt.Tooltip("source:N", title="Source")],
    ).properties(width=380)
    lead = "; ".join(f"{host} {displacement._fmt(measure, value)}"
                     for host, value in zip(rows["host"].head(3), rows[measure].head(3)))
    left_out = f" No figure for {', '.join(missing)} that year." if missing else ""
    marked = f" {chosen} is marked », outlined and drawn in orange-red." if chosen else ""
    return titled(
        chart,
        f"{label}, {year}",
        f"Horizontal bar chart of {len(rows)} host countries of {phrase} at the end of {year}, ranked by "
        f"{_PHRASE[measure].format(refugees=phrase)}; highest: {lead}.{marked}{left_out} "
        "Sources: UNHCR Refugee Data Finder; World Bank WDI (population, GDP in current US$).",
    )

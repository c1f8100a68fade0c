"""Widgets for displacement from Syria: who hosts the refugees (notebooks 00 and 02)."""
from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .keys import keyboard
from .pane import ChartPane
from .. import charts, checks, displacement
from ..errors import R2PKitError

__all__ = ["host_year_explorer", "HostYearExplorer", "host_pressure_explorer", "HostPressureExplorer"]

#: A menu as wide as its longest choice (not the whole page, as "auto" is in Voilà).
_FIT = dict(width="max-content", max_width="100%")


class HostYearExplorer(widgets.VBox):
    """The layout of :func:`host_year_explorer`, with a short, stable text form."""

    def __repr__(self) -> str:  # the text nbval compares (and a saved notebook shows): short and stable
        return f"HostYearExplorer(year={self.children[0].value})"


def host_year_explorer(table: pd.DataFrame, year: int | None = None, top: int = 10) -> HostYearExplorer:
    """A year slider, a sentence and a bar chart of the main hosts of Syrian refugees.

    ``table`` is the ``syria_refugees_by_host`` dataset.

    >>> from r2pkit import data
    >>> box = host_year_explorer(data.load("syria_refugees_by_host"), 2015)
    >>> slider, sentence, pane, _keys = box.children
    >>> slider.value = 2016  # what moving the slider does
    >>> "end of 2016" in sentence.value and "2016" in repr(pane)
    True
    >>> box
    HostYearExplorer(year=2016)
    """
    checks.table(table, name="table", dataset="syria_refugees_by_host", empty=False)
    if year is not None:
        year = checks.year(year, displacement.years(table), what="a year of the refugee data")
    available = displacement.years(table)
    start = year if year is not None else available[-1]
    slider = widgets.IntSlider(value=start, min=available[0], max=available[-1], step=1,
                               description="Year", continuous_update=False)
    sentence = widgets.HTML(f"<p>{html.escape(displacement.year_summary(table, start))}</p>")
    pane = ChartPane(charts.refugees_by_host(table, start, top))

    def redraw(change: dict) -> None:
        chosen = int(change["new"])
        sentence.value = f"<p>{html.escape(displacement.year_summary(table, chosen))}</p>"
        pane.show_for(chosen, lambda: charts.refugees_by_host(table, chosen, top))

    slider.observe(redraw, names="value")
    return keyboard(HostYearExplorer([slider, sentence, pane]), "Refugees by host, year by year")


class HostPressureExplorer(widgets.VBox):
    """The layout of :func:`host_pressure_explorer`, with a short, stable text form."""

    def __repr__(self) -> str:  # the text nbval compares: short and stable
        host, year, measure = (c.value for c in self.children[:3])
        return f"HostPressureExplorer(host={host!r}, year={year}, measure={measure!r})"


def host_pressure_explorer(refugees: pd.DataFrame, indicators: pd.DataFrame, country: str = "Lebanon",
                           year: int = 2015, measure: str = "per_1000") -> HostPressureExplorer:
    """Pick a host, a year and a measure: a sentence on that host and a chart of all hosts.

    ``refugees`` is ``syria_refugees_by_host``, ``indicators`` is ``country_indicators``.
    The measures are those of :data:`r2pkit.displacement.MEASURES` (the number of
    refugees, per 1,000 inhabitants, per US$1 of GDP per head). The year slider runs over
    the years that have a figure for the chosen measure
    (:func:`r2pkit.displacement.measure_years`): the number of refugees needs only the
    UNHCR data, the measures per head also need the World Bank's population and GDP,
    whose series end earlier. Choosing a measure with fewer years moves the year back into
    its range.

    >>> from r2pkit import data
    >>> box = host_pressure_explorer(data.load("syria_refugees_by_host"), data.load("country_indicators"))
    >>> host, year, measure, sentence, pane, _keys = box.children
    >>> measure.value = "refugees"  # what choosing another measure does
    >>> "Syrian refugees (persons), 2015" in repr(pane)
    True
    >>> host.value, year.value = "Jordan", 2016
    >>> "end of 2016, Jordan hosted" in sentence.value
    True
    >>> box
    HostPressureExplorer(host='Jordan', year=2016, measure='refugees')
    """
    checks.table(indicators, ("iso3", "year", "population", "gdp_current_usd"), "country_indicators",
                 name="indicators", empty=False,
                 types={"iso3": "text", "year": "whole", "population": "number", "gdp_current_usd": "number"})
    name, _ = displacement.find_host(refugees, country, indicators)
    measure = displacement._check_measure(measure)
    spans = displacement.years_by_measure(refugees, indicators)
    allowed = spans[measure]
    year = checks.year(year, allowed, what=f"a year with figures for '{displacement.measures(refugees)[measure]}'")
    hosts = [n for n, _ in displacement._hosts(refugees)]
    host_menu = widgets.Dropdown(options=hosts, value=name, description="Host")
    slider = widgets.IntSlider(value=year, min=allowed[0], max=allowed[-1], step=1, description="Year",
                               continuous_update=False)
    measure_menu = widgets.Dropdown(options=[(label, key) for key, label in displacement.measures(refugees).items()],
                                    value=measure, description="Measure", layout=widgets.Layout(**_FIT))
    sentence = widgets.HTML()
    pane = ChartPane()
    # The year's table of host pressure, the costly part of a change: computed once per year
    # and shared by the sentence and the chart (it does not depend on the host or the measure).
    by_year: dict[int, pd.DataFrame] = {}

    def redraw(_: object = None) -> None:
        h, y, m = host_menu.value, int(slider.value), measure_menu.value
        try:
            if y not in by_year:
                by_year[y] = displacement.host_pressure(refugees, indicators, y)
            every = by_year[y]
            words = displacement.host_pressure_sentence(refugees, indicators, h, y, m, pressure=every)
            sentence.value = f"<p>{html.escape(words)}</p>"
            pane.show_for((h, y, m), lambda: charts.host_pressure_chart(refugees, indicators, y, m, highlight=h,
                                                                        pressure=every))
        except R2PKitError as exc:  # shown where the reader looks, never a stale chart
            sentence.value = f"<p>{html.escape(str(exc))}</p>"
            pane.clear()

    def change_measure(change: dict) -> None:
        years = spans[change["new"]]
        moved = not years[0] <= slider.value <= years[-1]
        # Widen before narrowing, so that min never passes max; a year outside the new range
        # is moved into it by the slider itself, whose observer then redraws.
        if years[0] > slider.max:
            slider.max, slider.min = years[-1], years[0]
        else:
            slider.min, slider.max = years[0], years[-1]
        if not moved:
            redraw()

    redraw()
    host_menu.observe(redraw, names="value")
    slider.observe(redraw, names="value")
    measure_menu.observe(change_measure, names="value")
    return keyboard(HostPressureExplorer([host_menu, slider, measure_menu, sentence, pane]), "Host pressure explorer")

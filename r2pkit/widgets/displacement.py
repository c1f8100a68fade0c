"""Widgets for displacement from Syria: who hosts the refugees (notebooks 00 and 02)."""
from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from .explorer import Explorer, Whole
from .keys import keyboard
from .pane import ChartPane
from .. import charts, checks, displacement
from ..errors import R2PKitError

__all__ = ["host_year_explorer", "HostYearExplorer", "host_pressure_explorer", "HostPressureExplorer"]

#: A menu as wide as its longest choice (not the whole page, as "auto" is in Voilà).
_FIT = dict(width="max-content", max_width="100%")


class HostYearExplorer(Explorer):
    """A year slider, a sentence and a bar chart of the main hosts of the refugees that year.

    ``table`` is the ``syria_refugees_by_host`` dataset (or another crisis's
    ``refugees_by_host``); ``top`` the number of hosts in the chart. Moving the slider, or
    setting :attr:`year`, redraws the sentence and the chart.

    >>> from r2pkit import data
    >>> box = HostYearExplorer(data.load("syria_refugees_by_host"), 2015)
    >>> box.year = 2016  # the same as moving the slider: it follows
    >>> box.slider.value, "end of 2016" in box.sentence.value and "2016" in repr(box.pane)
    (2016, True)
    >>> box
    HostYearExplorer(year=2016)
    """

    shown = ("year",)
    #: The year shown (one of the data's years).
    year = Whole()

    slider: widgets.IntSlider
    #: The year's summary in words.
    sentence: widgets.HTML
    #: The bar chart of the main hosts.
    pane: ChartPane

    def __init__(self, table: pd.DataFrame, year: int | None = None, top: int = 10, **kwargs: Any) -> None:
        checks.table(table, name="table", dataset="syria_refugees_by_host", empty=False)
        self._table, self._top, self._years = table, top, displacement.years(table)
        # Bad starting choices raise the model's clear errors (the traits' checks are the same).
        start = self._years[-1] if year is None else checks.year(year, self._years, what="a year of the refugee data")
        super().__init__(**kwargs)
        self.year = start
        self.slider = widgets.IntSlider(min=self._years[0], max=self._years[-1], step=1, description="Year",
                                        continuous_update=False)
        self.sentence, self.pane = widgets.HTML(), ChartPane()
        self.children = (self.slider, self.sentence, self.pane)
        self._follow({"year": self.slider})
        self._redraw()
        keyboard(self, "Refugees by host, year by year")

    @traitlets.validate("year")
    def _valid_year(self, proposal: dict[str, Any]) -> int:
        return checks.year(proposal["value"], self._years, what="a year of the refugee data")

    def _redraw(self) -> None:
        table, year, top = self._table, self.year, self._top
        self.sentence.value = f"<p>{html.escape(displacement.year_summary(table, year))}</p>"
        self.pane.show_for(year, lambda: charts.refugees_by_host(table, year, top))


def host_year_explorer(table: pd.DataFrame, year: int | None = None, top: int = 10) -> HostYearExplorer:
    """The year-by-year explorer of the main hosts (:class:`HostYearExplorer`); ``table`` is ``syria_refugees_by_host``.

    >>> from r2pkit import data
    >>> box = host_year_explorer(data.load("syria_refugees_by_host"), 2015)
    >>> slider, sentence, pane, _keys = box.children
    >>> slider.value = 2016  # what moving the slider does
    >>> "end of 2016" in sentence.value and "2016" in repr(pane)
    True
    >>> box
    HostYearExplorer(year=2016)
    """
    return HostYearExplorer(table, year, top)


class HostPressureExplorer(Explorer):
    """Pick a host, a year and a measure: a sentence on that host and a chart of all hosts.

    ``refugees`` is ``syria_refugees_by_host``, ``indicators`` is ``country_indicators``.
    The measures are those of :data:`r2pkit.displacement.MEASURES` (the number of
    refugees, per 1,000 inhabitants, per US$1 of GDP per head). The year slider runs over
    the years that have a figure for the chosen measure
    (:func:`r2pkit.displacement.measure_years`): the number of refugees needs only the
    UNHCR data, the measures per head also need the World Bank's population and GDP,
    whose series end earlier. Choosing a measure with fewer years moves the year back into
    its range. Setting :attr:`host`, :attr:`year` or :attr:`measure` does what choosing
    in the controls does.

    >>> from r2pkit import data
    >>> box = HostPressureExplorer(data.load("syria_refugees_by_host"), data.load("country_indicators"))
    >>> box.measure = "refugees"
    >>> box.measure_menu.value, "Syrian refugees (persons), 2015" in repr(box.pane)
    ('refugees', True)
    >>> box.host, box.year = "jordan", 2016  # a host is found as the model finds it
    >>> box.host_menu.value, box.slider.value, "end of 2016, Jordan hosted" in box.sentence.value
    ('Jordan', 2016, True)
    >>> box
    HostPressureExplorer(host='Jordan', year=2016, measure='refugees')
    >>> box.year = 2031
    Traceback (most recent call last):
    ...
    r2pkit.errors.OutOfRangeError: year=2031 is not a year with figures for 'Syrian refugees (persons)'. Choose a year from 2011 to 2025.
    """

    shown = ("host", "year", "measure")
    #: The host the sentence is about, highlighted in the chart.
    host = traitlets.Unicode()
    #: The year shown (one with figures for the measure).
    year = Whole()
    #: The measure: a key of :data:`r2pkit.displacement.MEASURES`.
    measure = traitlets.Unicode()

    host_menu: widgets.Dropdown
    slider: widgets.IntSlider
    measure_menu: widgets.Dropdown
    #: The host's figures in words (or the model's message when there are none).
    sentence: widgets.HTML
    #: The chart of all hosts.
    pane: ChartPane

    def __init__(self, refugees: pd.DataFrame, indicators: pd.DataFrame, country: str = "Lebanon",
                 year: int = 2015, measure: str = "per_1000", **kwargs: Any) -> None:
        checks.table(indicators, ("iso3", "year", "population", "gdp_current_usd"), "country_indicators",
                     name="indicators", empty=False,
                     types={"iso3": "text", "year": "whole", "population": "number", "gdp_current_usd": "number"})
        # Bad starting choices raise the model's clear errors (the traits' checks are the same).
        country, _ = displacement.find_host(refugees, country, indicators)
        measure = displacement.check_measure(measure)
        self._refugees, self._indicators = refugees, indicators
        self._hosts = [n for n, _ in displacement.hosts(refugees)]
        self._spans = displacement.years_by_measure(refugees, indicators)
        year = checks.year(year, self._spans[measure], what=f"a year with figures for "
                                                            f"'{displacement.measures(refugees)[measure]}'")
        # The year's table of host pressure, the costly part of a change: computed once per year
        # and shared by the sentence and the chart (it does not depend on the host or the measure).
        self._by_year: dict[int, pd.DataFrame] = {}
        super().__init__(**kwargs)
        self.host, self.measure, self.year = country, measure, year
        allowed = self._spans[self.measure]
        self.host_menu = widgets.Dropdown(options=self._hosts, description="Host")
        self.slider = widgets.IntSlider(value=self.year, min=allowed[0], max=allowed[-1], step=1, description="Year",
                                        continuous_update=False)
        self.measure_menu = widgets.Dropdown(options=[(label, key) for key, label in
                                                      displacement.measures(refugees).items()],
                                             description="Measure", layout=widgets.Layout(**_FIT))
        self.sentence, self.pane = widgets.HTML(), ChartPane()
        self.children = (self.host_menu, self.slider, self.measure_menu, self.sentence, self.pane)
        self._follow({"host": self.host_menu, "year": self.slider, "measure": self.measure_menu})
        self._redraw()
        keyboard(self, "Host pressure explorer")

    @traitlets.validate("host")
    def _valid_host(self, proposal: dict[str, Any]) -> str:
        value = proposal["value"]
        return value if value in self._hosts else displacement.find_host(self._refugees, value, self._indicators)[0]

    @traitlets.validate("year")
    def _valid_year(self, proposal: dict[str, Any]) -> int:
        return checks.year(proposal["value"], self._spans[self.measure],
                           what=f"a year with figures for '{displacement.measures(self._refugees)[self.measure]}'")

    @traitlets.validate("measure")
    def _valid_measure(self, proposal: dict[str, Any]) -> str:
        return displacement.check_measure(proposal["value"])

    def _state_changed(self, change: dict[str, Any]) -> None:
        if change["name"] != "measure":
            self._redraw()
            return
        years, slider = self._spans[change["new"]], self.slider
        moved = not years[0] <= self.year <= years[-1]
        # Widen before narrowing, so that min never passes max; a year outside the new range
        # is moved into it by the slider itself, and the year's change then redraws.
        if years[0] > slider.max:
            slider.max, slider.min = years[-1], years[0]
        else:
            slider.min, slider.max = years[0], years[-1]
        if not moved:
            self._redraw()

    def _redraw(self) -> None:
        refugees, indicators, h, y, m = self._refugees, self._indicators, self.host, self.year, self.measure
        try:
            if y not in self._by_year:
                self._by_year[y] = displacement.host_pressure(refugees, indicators, y)
            every = self._by_year[y]
            words = displacement.host_pressure_sentence(refugees, indicators, h, y, m, pressure=every)
            self.sentence.value = f"<p>{html.escape(words)}</p>"
            self.pane.show_for((h, y, m), lambda: charts.host_pressure_chart(refugees, indicators, y, m, highlight=h,
                                                                             pressure=every))
        except R2PKitError as exc:  # shown where the reader looks, never a stale chart
            self.sentence.value = f"<p>{html.escape(str(exc))}</p>"
            self.pane.clear()


def host_pressure_explorer(refugees: pd.DataFrame, indicators: pd.DataFrame, country: str = "Lebanon",
                           year: int = 2015, measure: str = "per_1000") -> HostPressureExplorer:
    """The host pressure explorer (:class:`HostPressureExplorer`): a host, a year and a measure.

    ``refugees`` is ``syria_refugees_by_host``, ``indicators`` is ``country_indicators``.

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
    return HostPressureExplorer(refugees, indicators, country, year, measure)

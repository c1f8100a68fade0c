"""Widgets for resettlement (notebook 04): the fair-share calculator and the framing explorer.

Thin layers: the callbacks call :mod:`r2pkit.resettlement` and :mod:`r2pkit.charts.resettlement`
and only show what they return. A choice the model refuses (e.g. weights that add up to 0)
shows the model's own message in place of the sentence and keeps the last chart.
"""
from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from .explorer import Explorer, Whole
from .keys import keyboard
from .pane import ChartPane
from ..charts import resettlement as rcharts
from .. import checks
from ..errors import R2PKitError
from ..resettlement import arrivals as rarrivals, fair_shares, figures, stakeholders

__all__ = ["fair_share_calculator", "FairShareCalculator", "framing_explorer", "FramingExplorer"]


def _p(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


#: The composite key's weights, in the order of their sliders.
_WEIGHTS = ("population", "gdp", "hosted")


class FairShareCalculator(Explorer):
    """Choose a key, its weights, a year, the states and a target: their fair shares against what they did.

    ``arrivals`` is ``syria_resettlement_arrivals``, ``indicators`` ``country_indicators``,
    ``refugees`` ``syria_refugees_by_host``. The target is, by default, what the chosen
    states actually resettled in the chosen year (tick off the box to type another); the
    chart pairs each state's fair share (:func:`r2pkit.resettlement.allocate`) with its
    actual resettlement arrivals that year. Each control sets one trait of the state
    (:attr:`key`, :attr:`population`, :attr:`gdp`, :attr:`hosted`, :attr:`year`,
    :attr:`actual`, :attr:`target`, :attr:`states`), and setting it from Python does the same.

    >>> from r2pkit import data
    >>> box = FairShareCalculator(data.load("syria_resettlement_arrivals"), data.load("country_indicators"),
    ...                           data.load("syria_refugees_by_host"))
    >>> box.states = ["uk", "Germany"]  # the same as choosing them in the list (any name or code the model takes)
    >>> box.controls["states"].value, "these 2 states" in box.sentence.value
    (('GBR', 'DEU'), True)
    >>> box.actual, box.target = False, 20_000
    >>> box
    FairShareCalculator(key='population', year=2016, target=20000, states=2)
    """

    shown = ("key", "year", "target", "states")
    #: The key of :data:`r2pkit.resettlement.fair_shares.KEYS`.
    key = traitlets.Unicode("population")
    #: The composite key's population weight (0 to 1).
    population = traitlets.Float()
    #: The composite key's GDP weight (0 to 1).
    gdp = traitlets.Float()
    #: The composite key's hosted factor (0 to 1).
    hosted = traitlets.Float()
    #: The year of the figures and of the arrivals.
    year = Whole()
    #: Whether the target is what the chosen states actually resettled that year.
    actual = traitlets.Bool(True)
    #: The target typed (places), used when :attr:`actual` is off.
    target = Whole()
    #: The states (ISO3 codes), among those with resettlement arrivals.
    states = traitlets.Tuple()

    #: The control of each trait, by the trait's name.
    controls: dict[str, widgets.ValueWidget]
    #: The comparison in words (or the model's message on choices it refuses).
    sentence: widgets.HTML
    #: Each state's fair share beside its actual arrivals.
    pane: ChartPane

    def __init__(self, arrivals: pd.DataFrame, indicators: pd.DataFrame, refugees: pd.DataFrame, year: int = 2016,
                 key: str = "population", states: list[str] | None = None, target: int | None = None,
                 **kwargs: Any) -> None:
        # Bad starting choices raise the model's clear errors before anything is drawn.
        if states is not None:
            states = checks.one_or_more(states, lambda s: checks.text(s, "states",
                                                                      what="a state (a name or an ISO3 code)"),
                                        "states", what="one or more states", example="['GBR', 'DEU']")
        if target is not None:
            target = checks.whole_number(target, "target", lo=0, hi=fair_shares.MAX_TARGET)
        key = fair_shares.check_key(key)
        self._arrivals, self._indicators, self._refugees = arrivals, indicators, refugees
        self._every = rarrivals.resettlement_states(arrivals, indicators)
        self._years = [y for y in figures.figure_years(indicators, refugees, self._every)
                       if y in rarrivals.arrival_years(arrivals)]
        year = self._check_year(year)
        chosen = self._every if states is None else self._check_states(states)
        super().__init__(**kwargs)
        self.key, self.year, self.states = key, year, tuple(chosen)
        self.population, self.gdp, self.hosted = (fair_shares.DEFAULT_WEIGHTS[w] for w in _WEIGHTS)
        self.actual = target is None
        self.target = target if target is not None else rarrivals.UK_PLEDGE.places
        names = dict(zip(indicators["iso3"].astype(str), indicators["country"].astype(str)))
        style = {"description_width": "initial"}  # each label as wide as its words: never cut short
        weight = dict(min=0, max=1, step=0.05, style=style, continuous_update=False)
        c = self.controls = {
            "key": widgets.Dropdown(options=[(f"{k}: {v}", k) for k, v in fair_shares.KEYS.items()],
                                    description="Key", style=style, layout=widgets.Layout(width="auto")),
            "population": widgets.FloatSlider(description="Population weight", **weight),
            "gdp": widgets.FloatSlider(description="GDP weight", **weight),
            "hosted": widgets.FloatSlider(description="Hosted factor", **weight),
            "year": widgets.IntSlider(min=self._years[0], max=self._years[-1], description="Year", style=style,
                                      continuous_update=False),
            "actual": widgets.Checkbox(description="Target = what these states actually resettled", indent=False,
                                       layout=widgets.Layout(width="auto")),
            "target": widgets.BoundedIntText(min=0, max=fair_shares.MAX_TARGET, description="Target (places)",
                                             style=style),
            "states": widgets.SelectMultiple(options=[(names.get(s, s), s) for s in self._every], rows=8,
                                             description="States", style=style),
        }
        self.sentence, self.pane = widgets.HTML(), ChartPane()
        self.children = (c["key"], widgets.HBox([c["population"], c["gdp"], c["hosted"]]), c["year"],
                         widgets.HBox([c["actual"], c["target"]]), c["states"], self.sentence, self.pane)
        self._follow(c)
        self._redraw()
        keyboard(self, "Fair share calculator")

    def _check_year(self, year: object) -> int:
        if isinstance(year, bool) or year not in self._years:
            raise R2PKitError(f"Choose a year from {self._years[0]} to {self._years[-1]} (years with both resettlement "
                              f"arrivals and World Bank figures), not {year!r}.")
        return int(year)  # type: ignore[call-overload]

    def _check_states(self, states: object) -> list[str]:
        known = set(self._every)
        codes = [s if s in known else figures.find_state(self._indicators, s)[1] for s in states]  # type: ignore
        for code in codes:
            checks.choice(code, self._every, "a state with resettlement arrivals in the data", name="states")
        return codes

    @traitlets.validate("key")
    def _valid_key(self, proposal: dict[str, Any]) -> str:
        return fair_shares.check_key(proposal["value"])

    @traitlets.validate(*_WEIGHTS)
    def _valid_weight(self, proposal: dict[str, Any]) -> float:
        return checks.number(proposal["value"], proposal["trait"].name, lo=0, hi=1)

    @traitlets.validate("year")
    def _valid_year(self, proposal: dict[str, Any]) -> int:
        return self._check_year(proposal["value"])

    @traitlets.validate("target")
    def _valid_target(self, proposal: dict[str, Any]) -> int:
        return checks.whole_number(proposal["value"], "target", lo=0, hi=fair_shares.MAX_TARGET)

    @traitlets.validate("states")
    def _valid_states(self, proposal: dict[str, Any]) -> tuple[str, ...]:
        return tuple(self._check_states(proposal["value"]))

    def _shown_state(self) -> Iterable[tuple[str, object]]:
        yield "key", self.key
        yield "year", self.year
        yield "target", "actual total" if self.actual else self.target
        yield "states", len(self.states)

    def _redraw(self) -> None:
        c, composite = self.controls, self.key == "composite"
        for name in _WEIGHTS:
            c[name].disabled = not composite
        c["target"].disabled = self.actual
        weights = {n: getattr(self, n) for n in _WEIGHTS} if composite else None
        y, target = self.year, None if self.actual else self.target
        try:
            table = rarrivals.compare_with_fair_shares(
                self._arrivals, self.key, list(self.states), y, y, y, weights, target,
                indicators=self._indicators, refugees=self._refugees)
        except R2PKitError as exc:
            self.sentence.value = _p(str(exc))
            return
        self.sentence.value = _p(rarrivals.comparison_sentence(table))
        view = (self.key, tuple(sorted(weights.items())) if weights else None, y, self.states, target)
        self.pane.show_for(view, lambda: rcharts.fair_share_chart(table))


def fair_share_calculator(arrivals: pd.DataFrame, indicators: pd.DataFrame, refugees: pd.DataFrame,
                          year: int = 2016, key: str = "population", states: list[str] | None = None,
                          target: int | None = None) -> FairShareCalculator:
    """The fair share calculator (:class:`FairShareCalculator`).

    ``arrivals`` is ``syria_resettlement_arrivals``, ``indicators`` ``country_indicators``,
    ``refugees`` ``syria_refugees_by_host``.

    >>> from r2pkit import data
    >>> box = fair_share_calculator(data.load("syria_resettlement_arrivals"), data.load("country_indicators"),
    ...                             data.load("syria_refugees_by_host"))
    >>> box
    FairShareCalculator(key='population', year=2016, target='actual total', states=17)
    >>> before = box.sentence.value
    >>> box.controls["key"].value = "gdp"  # what choosing another key does
    >>> box.sentence.value != before and "by GDP" in repr(box.pane)
    True
    >>> box.controls["key"].value = "composite"
    >>> box.controls["population"].value, box.controls["gdp"].value = 0.0, 0.0
    >>> "add up to 0" in box.sentence.value  # the model's own message
    True
    """
    return FairShareCalculator(arrivals, indicators, refugees, year, key, states, target)


class FramingExplorer(Explorer):
    """Pick a framing: who supports and who resists it, why, and the whole map with that column outlined.

    ``table`` is ``resettlement_stakeholders``. The heat map shows each cell's reason and
    source on hover. Choosing in the menu, or setting :attr:`framing`, redraws.

    >>> from r2pkit import data
    >>> box = FramingExplorer(data.load("resettlement_stakeholders"))
    >>> box.framing = "Military intervention"  # the same as choosing it in the menu
    >>> box.framing_menu.value, "MSF" in box.reasons.value
    ('military intervention', True)
    >>> box
    FramingExplorer(framing='military intervention')
    """

    shown = ("framing",)
    #: The framing shown: one of :data:`r2pkit.resettlement.stakeholders.FRAMINGS`.
    framing = traitlets.Unicode()

    framing_menu: widgets.Dropdown
    #: Who supports and who resists the framing, in words.
    sentence: widgets.HTML
    #: Each stakeholder's stance and reason, with its source.
    reasons: widgets.HTML
    #: The whole map, the framing's column outlined.
    pane: ChartPane

    def __init__(self, table: pd.DataFrame, framing: str = "resettlement linked to R2P", **kwargs: Any) -> None:
        checks.table(table, name="table", dataset="resettlement_stakeholders")
        framing = stakeholders.check_framing(framing)  # a bad start raises the model's clear error
        self._table = table
        super().__init__(**kwargs)
        self.framing = framing
        self.framing_menu = widgets.Dropdown(options=list(stakeholders.FRAMINGS), description="Framing",
                                             layout=widgets.Layout(width="auto"))
        self.sentence, self.reasons, self.pane = widgets.HTML(), widgets.HTML(), ChartPane()
        self.children = (self.framing_menu, self.sentence, self.reasons, self.pane)
        self._follow({"framing": self.framing_menu})
        self._redraw()
        keyboard(self, "Framing explorer")

    @traitlets.validate("framing")
    def _valid_framing(self, proposal: dict[str, Any]) -> str:
        return stakeholders.check_framing(proposal["value"])

    def _redraw(self) -> None:
        table, chosen = self._table, self.framing
        self.sentence.value = _p(stakeholders.framing_sentence(chosen, table))
        self.reasons.value = _reasons_html(stakeholders.framing_support(chosen, table))
        self.pane.show_for(chosen, lambda: rcharts.stakeholder_heatmap(table, chosen))


def _reasons_html(rows: pd.DataFrame) -> str:
    items = "".join(f"<li><b>{html.escape(a)}</b> — {html.escape(s)} ({html.escape(b)}): {html.escape(r)} "
                    f"<i>{html.escape(src)}</i></li>"
                    for a, s, b, r, src in zip(rows["actor"], rows["support"], rows["basis"], rows["reason"],
                                                rows["source"]))
    return f"<ul>{items}</ul>"


def framing_explorer(table: pd.DataFrame, framing: str = "resettlement linked to R2P") -> FramingExplorer:
    """The framing explorer (:class:`FramingExplorer`); ``table`` is ``resettlement_stakeholders``.

    >>> from r2pkit import data
    >>> box = framing_explorer(data.load("resettlement_stakeholders"))
    >>> menu, sentence, reasons, pane, _keys = box.children
    >>> menu.value = "military intervention"  # what choosing another framing does
    >>> "Military intervention." in sentence.value and "MSF" in reasons.value
    True
    >>> box
    FramingExplorer(framing='military intervention')
    """
    return FramingExplorer(table, framing)

"""The scenario explorer: sliders over the resettlement scenario model (notebook 04).

A thin layer over :mod:`r2pkit.resettlement.scenario` (the model) and
:mod:`r2pkit.charts.scenario` (its charts): each change of a slider builds the
parameters, runs :func:`~r2pkit.resettlement.scenario.simulate`, and says its results in
words (people turned away, onward journeys, resettled, the highest load, the lowest
openness) and in one chart, chosen in the menu *Chart*: *Host load*, *Openness* or *People
turned away*. The toggle 'Compare with no resettlement' runs the same scenario with no
resettlement places beside it.

Why one chart at a time: each chart is drawn anew in the browser at every change (Vega
embeds each chart again, 70-80 ms on a two-core machine), and the three together made an
explorer that answered in about a quarter of a second. Only the chart on show is built and
drawn; a chart chosen later is built then, from the same run, so it always shows the
sliders' current scenario, and a view seen before is shown again without building it.
"""
from __future__ import annotations

import dataclasses
import html
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from .explorer import Explorer, Whole
from .pane import ChartPane
from .keys import keyboard
from .. import checks
from ..charts import scenario as scenario_charts
from ..resettlement import scenario

__all__ = ["scenario_explorer", "ScenarioExplorer", "SLIDERS", "CHARTS"]

#: The sliders: parameter → (label, minimum, maximum, step, readout format). Integer
#: formats give whole-number sliders.
SLIDERS: dict[str, tuple[str, float, float, float, str]] = {
    "resettlement_places": ("Resettlement places a year", 0, 500_000, 10_000, ",d"),
    "arrivals": ("Arrivals a year (first year)", 0, 2_000_000, 10_000, ",d"),
    "arrivals_trend": ("Change in arrivals a year", -0.5, 0.5, 0.05, "+.0%"),
    "capacity_per_1000": ("Capacity (refugees per 1,000)", 10, 300, 5, "d"),
    "closure_sensitivity": ("Closure sensitivity", 0.0, 5.0, 0.25, ".2f"),
    "onward_rate": ("Onward journeys (share a year)", 0.0, 0.3, 0.005, ".1%"),
    "return_rate": ("Returns (share a year)", 0.0, 0.2, 0.005, ".1%"),
    "pressure_push": ("Push from overload", 0.0, 5.0, 0.25, ".2f"),
}

#: The charts the explorer can show, one at a time: the name in its menu → the chart.
CHARTS = {"Host load": scenario_charts.host_load_chart, "Openness": scenario_charts.openness_chart,
          "People turned away": scenario_charts.turned_away_chart}


class ScenarioExplorer(Explorer):
    """Sliders for the scenario model's parameters, a sentence, and a chart of load, openness or people turned away.

    ``refugees`` is ``syria_refugees_by_host``, ``indicators`` is ``country_indicators``;
    the model starts from their figures for the end of ``start_year`` (five main hosts).
    ``params`` sets the sliders' starting values (default :class:`~r2pkit.resettlement.scenario.Parameters`);
    ``chart`` the chart shown first (a name in :data:`CHARTS`). The state is one trait per
    parameter (named as in :class:`~r2pkit.resettlement.scenario.Parameters`, checked as
    the model checks it, within its slider's range), :attr:`compare` and :attr:`chart`;
    setting one from Python does what its control does.

    >>> from r2pkit import data
    >>> box = ScenarioExplorer(data.load("syria_refugees_by_host"), data.load("country_indicators"))
    >>> box.resettlement_places = 300_000  # the same as moving the slider: it follows
    >>> box.sliders["resettlement_places"].value, box.parameters.resettlement_places
    (300000, 300000.0)
    >>> box.chart, box.compare = "people turned away", True
    >>> box.chart_menu.value, "With no resettlement" in box.sentence.value and "no resettlement" in box.pane.value
    ('People turned away', True)
    >>> box.onward_rate = 1.5
    Traceback (most recent call last):
    ...
    r2pkit.errors.OutOfRangeError: onward_rate=1.5 is not a number from 0 to 1. 'onward_rate' is the share of a host's refugees who leave on irregular onward journeys in a year (at or below capacity).
    """

    shown = (*SLIDERS, "compare")
    # The parameters: whole numbers where the slider shows whole numbers.
    resettlement_places = Whole()
    arrivals = Whole()
    arrivals_trend = traitlets.Float()
    capacity_per_1000 = Whole()
    closure_sensitivity = traitlets.Float()
    onward_rate = traitlets.Float()
    return_rate = traitlets.Float()
    pressure_push = traitlets.Float()
    #: Whether the same scenario with no resettlement places is run beside it.
    compare = traitlets.Bool(False)
    #: The chart on show: a name in :data:`CHARTS`.
    chart = traitlets.Unicode("Host load")

    #: Parameter name → its slider.
    sliders: dict[str, widgets.ValueWidget]
    compare_toggle: widgets.Checkbox
    chart_menu: widgets.Dropdown
    #: The scenario's results in words.
    sentence: widgets.HTML
    #: The chart on show.
    pane: ChartPane

    def __init__(self, refugees: pd.DataFrame, indicators: pd.DataFrame, start_year: int = 2012,
                 horizon: int | None = None, params: scenario.Parameters | None = None, compare: bool = False,
                 chart: str = "Host load", **kwargs: Any) -> None:
        if params is not None:
            checks.instance_of(params, scenario.Parameters, "params", what="the model's parameters",
                               allowed="Pass scenario.Parameters(...), e.g. "
                                       "scenario.Parameters(resettlement_places=50_000).")
        checks.flag(compare, "compare")
        chart = checks.choice(chart, list(CHARTS), "a chart of the explorer", name="chart")
        self._start = scenario.starting_point(refugees, indicators, start_year)
        self._horizon = horizon
        params = params or scenario.Parameters()
        super().__init__(**kwargs)
        for name in SLIDERS:
            setattr(self, name, _slider_value(name, getattr(params, name)))
        self.compare, self.chart = compare, chart
        self.sliders = {name: _slider(name) for name in SLIDERS}
        self.compare_toggle = widgets.Checkbox(description="Compare with no resettlement", indent=False)
        # A menu, not radio buttons: ipywidgets draws each radio button as a group of its own (the
        # arrow keys do not move the choice, and a screen reader hears "1 of 1"); a select is one control.
        self.chart_menu = widgets.Dropdown(options=list(CHARTS), description="Chart")
        self.sentence, self.pane = widgets.HTML(), ChartPane()
        controls = widgets.GridBox(list(self.sliders.values()), layout=widgets.Layout(
            grid_template_columns="repeat(auto-fill, minmax(min(36em, 100%), 1fr))"))
        note = widgets.HTML("<p><em>A stylised teaching model, not a forecast.</em> Move a slider and release it: "
                            "the sentence and the chart follow. Choose which chart to see: host load, openness or "
                            "people turned away.</p>")
        self.children = (note, controls, self.compare_toggle, self.sentence, self.chart_menu, self.pane)
        self._follow({**self.sliders, "compare": self.compare_toggle, "chart": self.chart_menu})
        self._redraw()
        keyboard(self, "Resettlement scenario explorer")

    @property
    def parameters(self) -> scenario.Parameters:
        """The model's parameters the sliders set."""
        return scenario.Parameters(**{name: getattr(self, name) for name in SLIDERS})

    @traitlets.validate(*SLIDERS)
    def _valid_parameter(self, proposal: dict[str, Any]) -> float:
        name, value = proposal["trait"].name, proposal["value"]
        scenario.Parameters().replace(**{name: value})  # the model's own check, with its words
        _, low, high, _, _ = SLIDERS[name]
        checks.number(value, name, lo=low, hi=high, what=f"a value of the slider '{SLIDERS[name][0]}'")
        return value

    @traitlets.validate("chart")
    def _valid_chart(self, proposal: dict[str, Any]) -> str:
        return checks.choice(proposal["value"], list(CHARTS), "a chart of the explorer", name="chart")

    def _state_changed(self, change: dict[str, Any]) -> None:
        if change["name"] == "chart":  # the same run, another chart
            self._show()
        else:
            self._redraw()

    def _redraw(self) -> None:
        chosen = self.parameters
        self._run = scenario.simulate(self._start, chosen, self._horizon)
        self._baseline = scenario.simulate(self._start, chosen.replace(resettlement_places=0), self._horizon) \
            if self.compare else None
        self.sentence.value = (f"<p>{html.escape(scenario.scenario_sentence(self._run, self._baseline))} "
                               f"{html.escape(scenario.extremes_sentence(self._run))}</p>")
        self._view = (chosen, self._baseline is not None)
        self._show()

    def _show(self) -> None:
        """Show the chosen chart of the scenario of the moment (built only the first time it is seen)."""
        run, baseline, name = self._run, self._baseline, self.chart
        self.pane.show_for((name, self._view), lambda: CHARTS[name](run, baseline))


#: Each parameter's meaning, from the model's own field (shown when the pointer rests on its slider).
_MEANINGS = {f.name: f.metadata["meaning"] for f in dataclasses.fields(scenario.Parameters)}


def _slider_value(name: str, value: float) -> float:
    """A parameter as its slider holds it: a whole number where the slider shows whole numbers."""
    return int(round(value)) if SLIDERS[name][4].endswith("d") else float(value)


def _slider(name: str) -> widgets.ValueWidget:
    label, low, high, step, fmt = SLIDERS[name]
    kind = widgets.IntSlider if fmt.endswith("d") else widgets.FloatSlider
    return kind(min=low, max=high, step=step, description=label, readout_format=fmt, continuous_update=False,
                tooltip=_MEANINGS[name],
                style={"description_width": "17em"}, layout=widgets.Layout(width="36em", max_width="100%"))


def scenario_explorer(refugees: pd.DataFrame, indicators: pd.DataFrame, start_year: int = 2012,
                      horizon: int | None = None, params: scenario.Parameters | None = None,
                      compare: bool = False, chart: str = "Host load") -> ScenarioExplorer:
    """The scenario explorer (:class:`ScenarioExplorer`) over the scenario model.

    ``refugees`` is ``syria_refugees_by_host``, ``indicators`` is ``country_indicators``.

    >>> from r2pkit import data
    >>> box = scenario_explorer(data.load("syria_refugees_by_host"), data.load("country_indicators"))
    >>> before = (box.sentence.value, box.pane.value)
    >>> box.sliders["resettlement_places"].value = 300_000  # what moving the slider does
    >>> [a != b for a, b in zip(before, (box.sentence.value, box.pane.value))]
    [True, True]
    >>> box.chart_menu.value = "People turned away"  # what choosing another chart does
    >>> box.pane
    ChartPane(title='People turned away in the scenario model, 2013–2025')
    >>> box.compare_toggle.value = True
    >>> "With no resettlement" in box.sentence.value and "no resettlement" in box.pane.value
    True
    >>> box
    ScenarioExplorer(resettlement_places=300000, arrivals=690000, arrivals_trend=0.0, capacity_per_1000=100, closure_sensitivity=1.0, onward_rate=0.055, return_rate=0.01, pressure_push=1.0, compare=True)
    """
    return ScenarioExplorer(refugees, indicators, start_year, horizon, params, compare, chart)

"""The scenario explorer: sliders over the resettlement scenario model (notebook 04).

A thin layer over :mod:`r2pkit.resettlement.scenario` (the model) and
:mod:`r2pkit.charts.scenario` (its charts): each change of a slider builds the
parameters, runs :func:`~r2pkit.resettlement.scenario.simulate`, and says its results in
words (people turned away, onward journeys, resettled, the highest load, the lowest
openness) and in one chart, chosen with the buttons *Host load*, *Openness* and *People
turned away*. The toggle 'Compare with no resettlement' runs the same scenario with no
resettlement places beside it.

Why one chart at a time: each chart is drawn anew in the browser at every change (Vega
embeds each chart again, 70-80 ms on a two-core machine), and the three together made an
explorer that answered in about a quarter of a second. Only the chart on show is built and
drawn; a chart chosen later is built then, from the same run, so it always shows the
sliders' current scenario, and a view seen before is shown again without building it.
"""
from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import pandas as pd

from .pane import ChartPane
from .keys import keyboard
from .. import charts, checks
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

#: The charts the explorer can show, one at a time: the name on its button → the chart.
CHARTS = {"Host load": scenario_charts.host_load_chart, "Openness": scenario_charts.openness_chart,
          "People turned away": scenario_charts.turned_away_chart}


class ScenarioExplorer(widgets.VBox):
    """The layout of :func:`scenario_explorer`, with a short, stable text form.

    ``sliders`` maps parameter names to their sliders; ``compare`` is the toggle;
    ``sentence`` the summary; ``chart`` the choice of chart (one of :data:`CHARTS`);
    ``pane`` the chart on show.
    """

    sliders: dict[str, widgets.ValueWidget]
    compare: widgets.Checkbox
    sentence: widgets.HTML
    chart: widgets.RadioButtons
    pane: ChartPane

    def __repr__(self) -> str:  # the text nbval compares: short and stable
        values = ", ".join(f"{k}={v.value!r}" for k, v in self.sliders.items())
        return f"ScenarioExplorer({values}, compare={self.compare.value})"


def _slider(name: str, value: float) -> widgets.ValueWidget:
    label, low, high, step, fmt = SLIDERS[name]
    whole = fmt.endswith("d")
    kind = widgets.IntSlider if whole else widgets.FloatSlider
    return kind(value=int(round(value)) if whole else float(value), min=low, max=high, step=step,
                description=label, readout_format=fmt, continuous_update=False,
                tooltip=scenario._FIELDS[name].metadata["meaning"],
                style={"description_width": "17em"}, layout=widgets.Layout(width="36em", max_width="100%"))


def scenario_explorer(refugees: pd.DataFrame, indicators: pd.DataFrame, start_year: int = 2012,
                      horizon: int | None = None, params: scenario.Parameters | None = None,
                      compare: bool = False, chart: str = "Host load") -> ScenarioExplorer:
    """Sliders for the scenario model's parameters, a sentence, and a chart of load, openness or people turned away.

    ``refugees`` is ``syria_refugees_by_host``, ``indicators`` is ``country_indicators``;
    the model starts from their figures for the end of ``start_year`` (five main hosts).
    ``params`` sets the sliders' starting values (default :class:`~r2pkit.resettlement.scenario.Parameters`);
    ``chart`` the chart shown first (a name in :data:`CHARTS`).

    >>> from r2pkit import data
    >>> box = scenario_explorer(data.load("syria_refugees_by_host"), data.load("country_indicators"))
    >>> before = (box.sentence.value, box.pane.value)
    >>> box.sliders["resettlement_places"].value = 300_000  # what moving the slider does
    >>> [a != b for a, b in zip(before, (box.sentence.value, box.pane.value))]
    [True, True]
    >>> box.chart.value = "People turned away"  # what choosing another chart does
    >>> box.pane
    ChartPane(title='People turned away in the scenario model, 2013–2025')
    >>> box.compare.value = True
    >>> "With no resettlement" in box.sentence.value and "no resettlement" in box.pane.value
    True
    >>> box
    ScenarioExplorer(resettlement_places=300000, arrivals=690000, arrivals_trend=0.0, capacity_per_1000=100, closure_sensitivity=1.0, onward_rate=0.055, return_rate=0.01, pressure_push=1.0, compare=True)
    """
    if params is not None:
        checks.instance_of(params, scenario.Parameters, "params", what="the model's parameters",
                           allowed="Pass scenario.Parameters(...), e.g. scenario.Parameters(resettlement_places=50_000).")
    checks.flag(compare, "compare")
    chart = checks.choice(chart, list(CHARTS), "a chart of the explorer", name="chart")
    start = scenario.starting_point(refugees, indicators, start_year)
    params = params or scenario.Parameters()
    sliders = {name: _slider(name, getattr(params, name)) for name in SLIDERS}
    toggle = widgets.Checkbox(value=bool(compare), description="Compare with no resettlement", indent=False)
    chooser = widgets.RadioButtons(options=list(CHARTS), value=chart, description="Chart")
    sentence = widgets.HTML()
    pane = ChartPane()
    now: dict[str, Any] = {}  # the scenario on show: its view (the controls' values) and its runs

    def show(_: Any = None) -> None:
        run, baseline, name = now["run"], now["baseline"], chooser.value
        pane.show_for((name, now["view"]), lambda: CHARTS[name](run, baseline))

    def redraw(_: Any = None) -> None:
        chosen = scenario.Parameters(**{name: slider.value for name, slider in sliders.items()})
        run = scenario.simulate(start, chosen, horizon)
        baseline = scenario.simulate(start, chosen.replace(resettlement_places=0), horizon) if toggle.value else None
        sentence.value = (f"<p>{html.escape(scenario.scenario_sentence(run, baseline))} "
                          f"{html.escape(scenario.extremes_sentence(run))}</p>")
        now.update(view=(chosen, baseline is not None), run=run, baseline=baseline)
        show()

    redraw()
    for control in (*sliders.values(), toggle):
        control.observe(redraw, names="value")
    chooser.observe(show, names="value")
    controls = widgets.GridBox(list(sliders.values()), layout=widgets.Layout(
        grid_template_columns="repeat(auto-fill, minmax(min(36em, 100%), 1fr))"))
    note = widgets.HTML("<p><em>A stylised teaching model, not a forecast.</em> Move a slider and release it: "
                        "the sentence and the chart follow. Choose which chart to see: host load, openness or "
                        "people turned away.</p>")
    box = keyboard(ScenarioExplorer([note, controls, toggle, sentence, chooser, pane]),
                   "Resettlement scenario explorer")
    box.sliders, box.compare, box.sentence, box.chart, box.pane = sliders, toggle, sentence, chooser, pane
    return box

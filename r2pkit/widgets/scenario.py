"""The scenario explorer: sliders over the resettlement scenario model (notebook 04).

A thin layer over :mod:`r2pkit.resettlement.scenario` (the model) and
:mod:`r2pkit.charts.scenario` (its charts): each change of a slider builds the
parameters, runs :func:`~r2pkit.resettlement.scenario.simulate` and redraws three charts
(host load, openness, people turned away) and a sentence. The toggle 'Compare with no
resettlement' runs the same scenario with no resettlement places beside it.
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

__all__ = ["scenario_explorer", "ScenarioExplorer", "SLIDERS"]

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


class ScenarioExplorer(widgets.VBox):
    """The layout of :func:`scenario_explorer`, with a short, stable text form.

    ``sliders`` maps parameter names to their sliders; ``compare`` is the toggle;
    ``sentence`` the summary; ``panes`` the three charts (load, openness, turned away).
    """

    sliders: dict[str, widgets.ValueWidget]
    compare: widgets.Checkbox
    sentence: widgets.HTML
    panes: tuple[ChartPane, ...]

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
                      compare: bool = False) -> ScenarioExplorer:
    """Sliders for the scenario model's parameters, a sentence, and charts of load, openness and people turned away.

    ``refugees`` is ``syria_refugees_by_host``, ``indicators`` is ``country_indicators``;
    the model starts from their figures for the end of ``start_year`` (five main hosts).
    ``params`` sets the sliders' starting values (default :class:`~r2pkit.resettlement.scenario.Parameters`).

    >>> from r2pkit import data
    >>> box = scenario_explorer(data.load("syria_refugees_by_host"), data.load("country_indicators"))
    >>> load, openness, turned_away = box.panes
    >>> before = (box.sentence.value, load.value, turned_away.value)
    >>> box.sliders["resettlement_places"].value = 300_000  # what moving the slider does
    >>> after = (box.sentence.value, load.value, turned_away.value)
    >>> [a != b for a, b in zip(before, after)]
    [True, True, True]
    >>> box.compare.value = True
    >>> "With no resettlement" in box.sentence.value and "no resettlement" in turned_away.value
    True
    >>> box
    ScenarioExplorer(resettlement_places=300000, arrivals=690000, arrivals_trend=0.0, capacity_per_1000=100, closure_sensitivity=1.0, onward_rate=0.055, return_rate=0.01, pressure_push=1.0, compare=True)
    """
    if params is not None:
        checks.instance_of(params, scenario.Parameters, "params", what="the model's parameters",
                           allowed="Pass scenario.Parameters(...), e.g. scenario.Parameters(resettlement_places=50_000).")
    checks.flag(compare, "compare")
    start = scenario.starting_point(refugees, indicators, start_year)
    params = params or scenario.Parameters()
    sliders = {name: _slider(name, getattr(params, name)) for name in SLIDERS}
    toggle = widgets.Checkbox(value=bool(compare), description="Compare with no resettlement", indent=False)
    sentence = widgets.HTML()
    panes = (ChartPane(), ChartPane(), ChartPane())

    def redraw(_: Any = None) -> None:
        chosen = scenario.Parameters(**{name: slider.value for name, slider in sliders.items()})
        run = scenario.simulate(start, chosen, horizon)
        baseline = scenario.simulate(start, chosen.replace(resettlement_places=0), horizon) if toggle.value else None
        sentence.value = f"<p>{html.escape(scenario.scenario_sentence(run, baseline))}</p>"
        view = (chosen, baseline is not None)
        panes[0].show_for(view, lambda: scenario_charts.host_load_chart(run, baseline))
        panes[1].show_for(view, lambda: scenario_charts.openness_chart(run, baseline))
        panes[2].show_for(view, lambda: scenario_charts.turned_away_chart(run, baseline))

    redraw()
    for control in (*sliders.values(), toggle):
        control.observe(redraw, names="value")
    controls = widgets.GridBox(list(sliders.values()), layout=widgets.Layout(
        grid_template_columns="repeat(auto-fill, minmax(min(36em, 100%), 1fr))"))
    note = widgets.HTML("<p><em>A stylised teaching model, not a forecast.</em> Move a slider and release it: "
                        "the sentence and the three charts follow.</p>")
    box = keyboard(ScenarioExplorer([note, controls, toggle, sentence, *panes]), "Resettlement scenario explorer")
    box.sliders, box.compare, box.sentence, box.panes = sliders, toggle, sentence, panes
    return box

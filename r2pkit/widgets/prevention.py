"""Widgets for prevention and the toolbox (notebook 05): the measure explorer and the
early-warning checklist.

Thin layers: every callback calls the pure functions of :mod:`r2pkit.prevention` and the
chart builders of :mod:`r2pkit.charts.prevention`, and only turns their results into HTML.
"""
from __future__ import annotations

import html
from collections.abc import Iterable

import ipywidgets as widgets
import pandas as pd

from .keys import keyboard
from .pane import ChartPane
from .. import charts, checks, prevention
from ..charts import prevention as prevention_charts

__all__ = ["measure_explorer", "MeasureExplorer", "early_warning_checklist", "EarlyWarningChecklist"]

_COUNCIL = [("deadlocked", True), ("able to act", False)]
_COERCION = [("not acceptable", False), ("acceptable", True)]


def _table_html(rows: pd.DataFrame, columns: dict[str, str]) -> str:
    """A small HTML table of ``rows`` with readable headings (text escaped)."""
    if rows.empty:
        return ""
    shown = rows[list(columns)].rename(columns=columns)
    return shown.to_html(index=False, border=0, classes="r2pkit-measures", escape=True)


class MeasureExplorer(widgets.VBox):
    """The layout of :func:`measure_explorer`, with a short, stable text form."""

    def __repr__(self) -> str:  # the text nbval compares: short and stable
        council, coercion, actor = self.children[:3]
        return (f"MeasureExplorer(council={council.label!r}, coercion={coercion.label!r}, "
                f"actor={actor.value!r})")


def measure_explorer(measures: pd.DataFrame, council_deadlocked: bool = True, coercion_acceptable: bool = False,
                     actor: str = "single state") -> MeasureExplorer:
    """Choose the constraints and see which protection measures remain, with the sources' reasoning.

    ``measures`` is the ``protection_measures`` dataset. Three controls — the Security
    Council (deadlocked or able to act), coercion (acceptable or not), who acts — redraw a
    sentence, the coercion ladder (remaining measures solid) and a table of the remaining
    measures with the sources' reasoning, all from
    :func:`r2pkit.prevention.available_measures`.

    >>> from r2pkit import data
    >>> box = measure_explorer(data.load("protection_measures"))
    >>> council, coercion, actor, sentence, pane, table, _keys = box.children
    >>> "<td>Resettlement</td>" in table.value and "7 of 14" in repr(pane)
    True
    >>> actor.value = "UN"  # what choosing in the menu does
    >>> "the UN can still take 5" in sentence.value, "<td>Resettlement</td>" in table.value
    (True, False)
    >>> council.value = False
    >>> "<td>ICC referral</td>" in table.value
    False
    >>> coercion.value = True
    >>> "<td>ICC referral</td>" in table.value
    True
    >>> box
    MeasureExplorer(council='able to act', coercion='acceptable', actor='UN')
    """
    checks.table(measures, ("measure",), "protection_measures", name="measures", types={"measure": "text"},
                 empty=False, unique=["measure"])
    start_actor = prevention.measures._check_actor(actor)  # a bad start raises the kit's clear error
    prevention.available_measures(measures, council_deadlocked, coercion_acceptable, start_actor)
    council = widgets.ToggleButtons(options=_COUNCIL, value=council_deadlocked, description="Security Council",
                                    style={"description_width": "initial"})
    coercion = widgets.ToggleButtons(options=_COERCION, value=coercion_acceptable, description="Coercion",
                                     style={"description_width": "initial"})
    who = widgets.Dropdown(options=list(prevention.ACTORS), value=start_actor, description="Who acts",
                           style={"description_width": "initial"})
    sentence = widgets.HTML()
    pane = ChartPane()
    table = widgets.HTML()

    def redraw(_: object = None) -> None:
        args = (measures, bool(council.value), bool(coercion.value), who.value)
        remaining = prevention.available_measures(*args)
        sentence.value = f"<p>{html.escape(prevention.constraints_sentence(*args), quote=False)}</p>"
        chosen = f"Security Council {council.label}; coercion {coercion.label}; who acts: {who.value}"
        pane.show_for(args[1:], lambda: prevention_charts.coercion_ladder(measures, remaining, chosen))
        table.value = _table_html(remaining, {"measure": "Measure", "route": "How", "why": "Why (the sources)"})

    redraw()
    for control in (council, coercion, who):
        control.observe(redraw, names="value")
    return keyboard(MeasureExplorer([council, coercion, who, sentence, pane, table]), "Protection measure explorer")


class EarlyWarningChecklist(widgets.VBox):
    """The layout of :func:`early_warning_checklist`, with a short, stable text form."""

    def marked(self) -> list[int | str]:
        """The risk factors ticked, in the order shown: their number where it was checked, else their name."""
        return [box.factor_key for box in self._boxes if box.value]

    def __repr__(self) -> str:  # the text nbval compares: short and stable
        return f"EarlyWarningChecklist(marked={self.marked()})"


def early_warning_checklist(factors: pd.DataFrame, marked: Iterable[object] = ()) -> EarlyWarningChecklist:
    """Tick the risk factors present in a situation and see a structured profile — never a forecast.

    ``factors`` is the ``atrocity_risk_factors`` dataset; ``marked`` the factors ticked at
    the start (numbers or names). One check box per factor, under the Framework's groups
    (a factor whose number could not be checked is shown by name, 'number not checked');
    ticking one redraws the profile in words (:func:`r2pkit.prevention.profile_summary`,
    which always says it is not a probability or a prediction), the chart, and the
    indicators to look for under the factors ticked.

    >>> from r2pkit import data
    >>> box = early_warning_checklist(data.load("atrocity_risk_factors"), marked=[8])
    >>> summary = box.children[-4]
    >>> "You marked 1 of the 10" in summary.value and "not a score, a probability or a prediction" in summary.value
    True
    >>> box._boxes[-2].value = True  # what ticking Risk Factor 13 does
    >>> "You marked 2 of the 10" in summary.value, "13.1" in box.children[-2].value
    (True, True)
    >>> box
    EarlyWarningChecklist(marked=[8, 13])
    """
    table = prevention.factor_table(factors)
    start = set(prevention.risk_profile(factors, marked).query("marked")["factor"])
    controls: list[widgets.Widget] = []
    boxes: list[widgets.Checkbox] = []
    for column, group in table.groupby("crime", sort=False):
        heading = "Common risk factors (all atrocity crimes)" if column == "all atrocity crimes" else \
            f"Specific risk factors: {column}"
        controls.append(widgets.HTML(f"<b>{html.escape(heading)}</b>"))
        for number, name, label in zip(group["factor_number"], group["factor"], group["label"]):
            box = widgets.Checkbox(value=name in start, description=label, indent=False,
                                   layout=widgets.Layout(width="auto"))
            box.factor_key = int(number) if pd.notna(number) else name  # what find_factor accepts
            boxes.append(box)
            controls.append(box)
    summary = widgets.HTML()
    pane = ChartPane()
    indicators = widgets.HTML()

    def redraw(_: object = None) -> None:
        ticked = [b.factor_key for b in boxes if b.value]
        profile = prevention.risk_profile(factors, ticked)
        summary.value = f"<p>{html.escape(prevention.profile_summary(profile), quote=False)}</p>"
        pane.show_for(tuple(ticked), lambda: prevention_charts.risk_profile_chart(profile))
        rows = prevention.indicators_of(factors, ticked, profile=profile)  # the profile made once
        indicators.value = _table_html(rows, {"label": "Risk factor", "indicator_id": "Indicator",
                                              "indicator": "What to look for (short form)", "source": "Source"})

    redraw()
    for box in boxes:
        box.observe(redraw, names="value")
    checklist = keyboard(EarlyWarningChecklist(controls + [summary, pane, indicators]), "Early-warning checklist")
    checklist._boxes = boxes
    return checklist

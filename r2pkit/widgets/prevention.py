"""Widgets for prevention and the toolbox (notebook 05): the measure explorer and the
early-warning checklist.

Thin layers: every callback calls the pure functions of :mod:`r2pkit.prevention` and the
chart builders of :mod:`r2pkit.charts.prevention`, and only turns their results into HTML.
"""
from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from .explorer import Explorer
from .keys import keyboard
from .pane import ChartPane
from .. import checks, prevention
from ..charts import prevention as prevention_charts

__all__ = ["measure_explorer", "MeasureExplorer", "early_warning_checklist", "EarlyWarningChecklist"]

_COUNCIL = [("deadlocked", True), ("able to act", False)]
_COERCION = [("not acceptable", False), ("acceptable", True)]


def _word(choices: list[tuple[str, bool]], value: bool) -> str:
    """How a toggle shows ``value`` ('deadlocked', 'acceptable' …)."""
    return next(label for label, v in choices if v is value)


def _table_html(rows: pd.DataFrame, columns: dict[str, str]) -> str:
    """A small HTML table of ``rows`` with readable headings (text escaped)."""
    if rows.empty:
        return ""
    shown = rows[list(columns)].rename(columns=columns)
    return shown.to_html(index=False, border=0, classes="r2pkit-measures", escape=True)


class MeasureExplorer(Explorer):
    """Choose the constraints and see which protection measures remain, with the sources' reasoning.

    ``measures`` is the ``protection_measures`` dataset. Three controls — the Security
    Council (deadlocked or able to act), coercion (acceptable or not), who acts — redraw a
    sentence, the coercion ladder (remaining measures solid) and a table of the remaining
    measures with the sources' reasoning, all from
    :func:`r2pkit.prevention.available_measures`. Setting :attr:`council_deadlocked`,
    :attr:`coercion_acceptable` or :attr:`actor` does what the controls do.

    >>> from r2pkit import data
    >>> box = MeasureExplorer(data.load("protection_measures"))
    >>> box.actor = "un"  # the same as choosing 'UN' in the menu (any case, as the model takes it)
    >>> box.actor_menu.value, "the UN can still take 5" in box.sentence.value
    ('UN', True)
    >>> box.council_deadlocked, box.coercion_acceptable = False, True
    >>> box.council_buttons.label, "<td>ICC referral</td>" in box.table.value
    ('able to act', True)
    >>> box
    MeasureExplorer(council='able to act', coercion='acceptable', actor='UN')
    """

    shown = ("council_deadlocked", "coercion_acceptable", "actor")
    #: Whether the Security Council is deadlocked (shown as 'deadlocked' or 'able to act').
    council_deadlocked = traitlets.Bool(True)
    #: Whether coercion is acceptable (shown as 'acceptable' or 'not acceptable').
    coercion_acceptable = traitlets.Bool(False)
    #: Who acts: one of :data:`r2pkit.prevention.ACTORS`.
    actor = traitlets.Unicode("single state")

    council_buttons: widgets.ToggleButtons
    coercion_buttons: widgets.ToggleButtons
    actor_menu: widgets.Dropdown
    #: The constraints and what remains, in words.
    sentence: widgets.HTML
    #: The coercion ladder, the remaining measures solid.
    pane: ChartPane
    #: The remaining measures with the sources' reasoning.
    table: widgets.HTML

    def __init__(self, measures: pd.DataFrame, council_deadlocked: bool = True, coercion_acceptable: bool = False,
                 actor: str = "single state", **kwargs: Any) -> None:
        checks.table(measures, ("measure",), "protection_measures", name="measures", types={"measure": "text"},
                     empty=False, unique=["measure"])
        # Bad starting choices raise the model's clear errors before anything is drawn.
        actor = prevention.check_actor(actor)
        prevention.available_measures(measures, council_deadlocked, coercion_acceptable, actor)
        self._measures = measures
        super().__init__(**kwargs)
        self.council_deadlocked, self.coercion_acceptable, self.actor = council_deadlocked, coercion_acceptable, actor
        style = {"description_width": "initial"}
        self.council_buttons = widgets.ToggleButtons(options=_COUNCIL, description="Security Council", style=style)
        self.coercion_buttons = widgets.ToggleButtons(options=_COERCION, description="Coercion", style=style)
        self.actor_menu = widgets.Dropdown(options=list(prevention.ACTORS), description="Who acts", style=style)
        self.sentence, self.pane, self.table = widgets.HTML(), ChartPane(), widgets.HTML()
        self.children = (self.council_buttons, self.coercion_buttons, self.actor_menu, self.sentence, self.pane,
                         self.table)
        self._follow({"council_deadlocked": self.council_buttons, "coercion_acceptable": self.coercion_buttons,
                      "actor": self.actor_menu})
        self._redraw()
        keyboard(self, "Protection measure explorer")

    @traitlets.validate("actor")
    def _valid_actor(self, proposal: dict[str, Any]) -> str:
        return prevention.check_actor(proposal["value"])

    def _shown_state(self) -> Iterable[tuple[str, object]]:
        yield "council", _word(_COUNCIL, self.council_deadlocked)
        yield "coercion", _word(_COERCION, self.coercion_acceptable)
        yield "actor", self.actor

    def _redraw(self) -> None:
        measures = self._measures
        args = (measures, self.council_deadlocked, self.coercion_acceptable, self.actor)
        remaining = prevention.available_measures(*args)
        self.sentence.value = f"<p>{html.escape(prevention.constraints_sentence(*args), quote=False)}</p>"
        chosen = (f"Security Council {_word(_COUNCIL, self.council_deadlocked)}; "
                  f"coercion {_word(_COERCION, self.coercion_acceptable)}; who acts: {self.actor}")
        self.pane.show_for(args[1:], lambda: prevention_charts.coercion_ladder(measures, remaining, chosen))
        self.table.value = _table_html(remaining, {"measure": "Measure", "route": "How", "why": "Why (the sources)"})


def measure_explorer(measures: pd.DataFrame, council_deadlocked: bool = True, coercion_acceptable: bool = False,
                     actor: str = "single state") -> MeasureExplorer:
    """The protection measure explorer (:class:`MeasureExplorer`); ``measures`` is ``protection_measures``.

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
    return MeasureExplorer(measures, council_deadlocked, coercion_acceptable, actor)


class EarlyWarningChecklist(Explorer):
    """Tick the risk factors present in a situation and see a structured profile — never a forecast.

    ``factors`` is the ``atrocity_risk_factors`` dataset; ``marked`` the factors ticked at
    the start (numbers or names). One check box per factor, under the Framework's groups
    (a factor whose number could not be checked is shown by name, 'number not checked');
    ticking one, or setting :attr:`marked`, redraws the profile in words
    (:func:`r2pkit.prevention.profile_summary`, which always says it is not a probability
    or a prediction), the chart, and the indicators to look for under the factors ticked.

    >>> from r2pkit import data
    >>> box = EarlyWarningChecklist(data.load("atrocity_risk_factors"), marked=[8])
    >>> box.marked = ["Risk Factor 13", 8]  # the same as ticking the boxes (factors named as the model names them)
    >>> [b.value for b in box.boxes].count(True), "You marked 2 of the 10" in box.summary.value
    (2, True)
    >>> box
    EarlyWarningChecklist(marked=[8, 13])
    """

    shown = ("marked",)
    #: The risk factors ticked, in the order shown: their number where it was checked, else their name.
    marked = traitlets.List()

    #: One check box per risk factor, in the order shown.
    boxes: list[widgets.Checkbox]
    #: The profile in words.
    summary: widgets.HTML
    #: The profile's chart.
    pane: ChartPane
    #: The indicators to look for under the factors ticked.
    indicators: widgets.HTML

    def __init__(self, factors: pd.DataFrame, marked: Iterable[object] = (), **kwargs: Any) -> None:
        table = prevention.factor_table(factors)
        start = set(prevention.risk_profile(factors, marked).query("marked")["factor"])
        self._factors = factors
        # Each box's factor: the key find_factor accepts (its number where checked, else its name), and its name.
        self._keys: list[int | str] = []
        self._names: list[str] = []
        self.boxes = []
        parts: list[widgets.Widget] = []
        for column, group in table.groupby("crime", sort=False):
            heading = "Common risk factors (all atrocity crimes)" if column == "all atrocity crimes" else \
                f"Specific risk factors: {column}"
            parts.append(widgets.HTML(f"<b>{html.escape(heading)}</b>"))
            for number, name, label in zip(group["factor_number"], group["factor"], group["label"]):
                box = widgets.Checkbox(value=name in start, description=label, indent=False,
                                       layout=widgets.Layout(width="auto"))
                self._keys.append(int(number) if pd.notna(number) else name)
                self._names.append(name)
                self.boxes.append(box)
                parts.append(box)
        self._name_of = dict(zip(self._keys, self._names))
        self._syncing = False
        super().__init__(**kwargs)
        self.marked = [k for k, name in zip(self._keys, self._names) if name in start]
        self.summary, self.pane, self.indicators = widgets.HTML(), ChartPane(), widgets.HTML()
        self.children = (*parts, self.summary, self.pane, self.indicators)
        for box in self.boxes:
            box.observe(self._ticked, names="value")
        self.observe(self._state_changed, names="marked")
        self._redraw()
        keyboard(self, "Early-warning checklist")

    @traitlets.validate("marked")
    def _valid_marked(self, proposal: dict[str, Any]) -> list[int | str]:
        names = set()
        for key in proposal["value"]:
            known = self._name_of.get(key) if isinstance(key, (int, str)) and not isinstance(key, bool) else None
            names.add(known or prevention.find_factor(self._factors, key))
        return [k for k, name in zip(self._keys, self._names) if name in names]

    def _ticked(self, _: dict[str, Any]) -> None:
        """A box was ticked or unticked: the state follows."""
        if not self._syncing:
            self.marked = [k for k, box in zip(self._keys, self.boxes) if box.value]

    def _state_changed(self, change: dict[str, Any]) -> None:
        chosen = set(self.marked)
        self._syncing = True
        try:  # the boxes follow the state (a change made from Python)
            for key, box in zip(self._keys, self.boxes):
                box.value = key in chosen
        finally:
            self._syncing = False
        self._redraw()

    def _redraw(self) -> None:
        factors, ticked = self._factors, list(self.marked)
        profile = prevention.risk_profile(factors, ticked)
        self.summary.value = f"<p>{html.escape(prevention.profile_summary(profile), quote=False)}</p>"
        self.pane.show_for(tuple(ticked), lambda: prevention_charts.risk_profile_chart(profile))
        rows = prevention.indicators_of(factors, ticked, profile=profile)  # the profile made once
        self.indicators.value = _table_html(rows, {"label": "Risk factor", "indicator_id": "Indicator",
                                                   "indicator": "What to look for (short form)", "source": "Source"})


def early_warning_checklist(factors: pd.DataFrame, marked: Iterable[object] = ()) -> EarlyWarningChecklist:
    """The early-warning checklist (:class:`EarlyWarningChecklist`); ``factors`` is ``atrocity_risk_factors``.

    >>> from r2pkit import data
    >>> box = early_warning_checklist(data.load("atrocity_risk_factors"), marked=[8])
    >>> summary = box.children[-4]
    >>> "You marked 1 of the 10" in summary.value and "not a score, a probability or a prediction" in summary.value
    True
    >>> box.boxes[-2].value = True  # what ticking Risk Factor 13 does
    >>> "You marked 2 of the 10" in summary.value, "13.1" in box.children[-2].value
    (True, True)
    >>> box
    EarlyWarningChecklist(marked=[8, 13])
    """
    return EarlyWarningChecklist(factors, marked)

"""Widgets for resettlement (notebook 04): the fair-share calculator and the framing explorer.

Thin layers: the callbacks call :mod:`r2pkit.resettlement` and :mod:`r2pkit.charts.resettlement`
and only show what they return. A choice the model refuses (e.g. weights that add up to 0)
shows the model's own message in place of the sentence and keeps the last chart.
"""
from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .keys import keyboard
from .pane import ChartPane
from ..charts import resettlement as rcharts
from .. import checks
from ..errors import R2PKitError
from ..resettlement import arrivals as rarrivals, fair_shares, figures, stakeholders

__all__ = ["fair_share_calculator", "FairShareCalculator", "framing_explorer", "FramingExplorer"]


def _p(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


class FairShareCalculator(widgets.VBox):
    """The layout of :func:`fair_share_calculator`, with a short, stable text form."""

    def __repr__(self) -> str:  # the text nbval compares: short and stable
        c = self.controls
        target = "actual total" if c["actual"].value else c["target"].value
        return (f"FairShareCalculator(key={c['key'].value!r}, year={c['year'].value}, target={target!r}, "
                f"states={len(c['states'].value)})")


def fair_share_calculator(arrivals: pd.DataFrame, indicators: pd.DataFrame, refugees: pd.DataFrame,
                          year: int = 2016, key: str = "population", states: list[str] | None = None,
                          target: int | None = None) -> FairShareCalculator:
    """Choose a key, its weights, a year, the states and a target: their fair shares against what they did.

    ``arrivals`` is ``syria_resettlement_arrivals``, ``indicators`` ``country_indicators``,
    ``refugees`` ``syria_refugees_by_host``. The target is, by default, what the chosen
    states actually resettled in the chosen year (tick off the box to type another); the
    chart pairs each state's fair share (:func:`r2pkit.resettlement.allocate`) with its
    actual resettlement arrivals that year.

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
    if states is not None:
        states = checks.one_or_more(states, lambda s: checks.text(s, "states", what="a state (a name or an ISO3 code)"),
                                    "states", what="one or more states", example="['GBR', 'DEU']")
    if target is not None:
        target = checks.whole_number(target, "target", lo=0, hi=fair_shares.MAX_TARGET)
    every = rarrivals.resettlement_states(arrivals, indicators)
    chosen = every if states is None else [figures.find_state(indicators, s)[1] for s in states]
    years = [y for y in figures.figure_years(indicators, refugees, every) if y in rarrivals.arrival_years(arrivals)]
    if isinstance(year, bool) or year not in years:
        raise R2PKitError(f"Choose a year from {years[0]} to {years[-1]} (years with both resettlement arrivals and "
                          f"World Bank figures), not {year!r}.")
    names = dict(zip(indicators["iso3"].astype(str), indicators["country"].astype(str)))
    style = {"description_width": "initial"}  # each label as wide as its words: never cut short
    c = {
        "key": widgets.Dropdown(options=[(f"{k}: {v}", k) for k, v in fair_shares.KEYS.items()],
                                value=fair_shares._check_key(key), description="Key", style=style,
                                layout=widgets.Layout(width="auto")),
        "population": widgets.FloatSlider(value=fair_shares.DEFAULT_WEIGHTS["population"], min=0, max=1, step=0.05,
                                          description="Population weight", style=style, continuous_update=False),
        "gdp": widgets.FloatSlider(value=fair_shares.DEFAULT_WEIGHTS["gdp"], min=0, max=1, step=0.05,
                                   description="GDP weight", style=style, continuous_update=False),
        "hosted": widgets.FloatSlider(value=fair_shares.DEFAULT_WEIGHTS["hosted"], min=0, max=1, step=0.05,
                                      description="Hosted factor", style=style, continuous_update=False),
        "year": widgets.IntSlider(value=year, min=years[0], max=years[-1], description="Year", style=style,
                                  continuous_update=False),
        "actual": widgets.Checkbox(value=target is None, description="Target = what these states actually resettled",
                                   indent=False, layout=widgets.Layout(width="auto")),
        "target": widgets.BoundedIntText(value=target if target is not None else rarrivals.UK_PLEDGE.places, min=0,
                                         max=fair_shares.MAX_TARGET, description="Target (places)", style=style),
        "states": widgets.SelectMultiple(options=[(names.get(s, s), s) for s in every], value=tuple(chosen),
                                         rows=8, description="States", style=style),
    }
    sentence = widgets.HTML()
    pane = ChartPane()

    def redraw(_: object = None) -> None:
        composite = c["key"].value == "composite"
        for name in ("population", "gdp", "hosted"):
            c[name].disabled = not composite
        c["target"].disabled = c["actual"].value
        weights = {n: c[n].value for n in ("population", "gdp", "hosted")} if composite else None
        y = int(c["year"].value)
        try:
            table = rarrivals.compare_with_fair_shares(
                arrivals, c["key"].value, list(c["states"].value), y, y, y, weights,
                None if c["actual"].value else int(c["target"].value), indicators=indicators, refugees=refugees)
        except R2PKitError as exc:
            sentence.value = _p(str(exc))
            return
        sentence.value = _p(rarrivals.comparison_sentence(table))
        view = (c["key"].value, tuple(sorted(weights.items())) if weights else None, y, tuple(c["states"].value),
                None if c["actual"].value else int(c["target"].value))
        pane.show_for(view, lambda: rcharts.fair_share_chart(table))

    redraw()
    for control in c.values():
        control.observe(redraw, names="value")
    box = keyboard(FairShareCalculator([c["key"], widgets.HBox([c["population"], c["gdp"], c["hosted"]]), c["year"],
                                        widgets.HBox([c["actual"], c["target"]]), c["states"], sentence, pane]),
                   "Fair share calculator")
    box.controls, box.sentence, box.pane = c, sentence, pane
    return box


class FramingExplorer(widgets.VBox):
    """The layout of :func:`framing_explorer`, with a short, stable text form."""

    def __repr__(self) -> str:  # the text nbval compares: short and stable
        return f"FramingExplorer(framing={self.children[0].value!r})"


def _reasons_html(rows: pd.DataFrame) -> str:
    items = "".join(f"<li><b>{html.escape(a)}</b> — {html.escape(s)} ({html.escape(b)}): {html.escape(r)} "
                    f"<i>{html.escape(src)}</i></li>"
                    for a, s, b, r, src in zip(rows["actor"], rows["support"], rows["basis"], rows["reason"],
                                                rows["source"]))
    return f"<ul>{items}</ul>"


def framing_explorer(table: pd.DataFrame, framing: str = "resettlement linked to R2P") -> FramingExplorer:
    """Pick a framing: who supports and who resists it, why, and the whole map with that column outlined.

    ``table`` is ``resettlement_stakeholders``. The heat map shows each cell's reason and
    source on hover.

    >>> from r2pkit import data
    >>> box = framing_explorer(data.load("resettlement_stakeholders"))
    >>> menu, sentence, reasons, pane, _keys = box.children
    >>> menu.value = "military intervention"  # what choosing another framing does
    >>> "Military intervention." in sentence.value and "MSF" in reasons.value
    True
    >>> box
    FramingExplorer(framing='military intervention')
    """
    checks.table(table, name="table", dataset="resettlement_stakeholders")
    menu = widgets.Dropdown(options=list(stakeholders.FRAMINGS), value=stakeholders._check_framing(framing),
                            description="Framing", layout=widgets.Layout(width="auto"))
    sentence, reasons, pane = widgets.HTML(), widgets.HTML(), ChartPane()

    def redraw(_: object = None) -> None:
        chosen = menu.value
        sentence.value = _p(stakeholders.framing_sentence(chosen, table))
        reasons.value = _reasons_html(stakeholders.framing_support(chosen, table))
        pane.show_for(chosen, lambda: rcharts.stakeholder_heatmap(table, chosen))

    redraw()
    menu.observe(redraw, names="value")
    return keyboard(FramingExplorer([menu, sentence, reasons, pane]), "Framing explorer")

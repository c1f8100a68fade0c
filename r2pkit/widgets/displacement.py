"""Widgets for displacement from Syria: who hosts the refugees (notebooks 00 and 02)."""
from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .. import charts, displacement

__all__ = ["host_year_explorer"]


def host_year_explorer(table: pd.DataFrame, year: int | None = None, top: int = 10) -> widgets.VBox:
    """A year slider, a sentence and a bar chart of the main hosts of Syrian refugees.

    ``table`` is the ``syria_refugees_by_host`` dataset.

    >>> from r2pkit import data
    >>> box = host_year_explorer(data.load("syria_refugees_by_host"), 2015)
    >>> slider, sentence, pane = box.children
    >>> slider.value = 2016  # what moving the slider does
    >>> "end of 2016" in sentence.value and "2016" in repr(pane)
    True
    """
    available = displacement.years(table)
    start = year if year is not None else available[-1]
    slider = widgets.IntSlider(value=start, min=available[0], max=available[-1], step=1,
                               description="Year", continuous_update=False)
    sentence = widgets.HTML(f"<p>{html.escape(displacement.year_summary(table, start))}</p>")
    pane = charts.ChartPane(charts.refugees_by_host(table, start, top))

    def redraw(change: dict) -> None:
        chosen = int(change["new"])
        sentence.value = f"<p>{html.escape(displacement.year_summary(table, chosen))}</p>"
        pane.show(charts.refugees_by_host(table, chosen, top))

    slider.observe(redraw, names="value")
    return widgets.VBox([slider, sentence, pane])

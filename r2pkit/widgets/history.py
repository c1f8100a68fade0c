"""Widgets for R2P's history (notebook 01): explore the timeline by category and pillar."""
from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .keys import keyboard
from .pane import ChartPane
from .. import charts, checks, history

__all__ = ["timeline_explorer", "TimelineExplorer"]

ALL = "all"


class TimelineExplorer(widgets.VBox):
    """The layout of :func:`timeline_explorer`, with a short, stable text form."""

    def __repr__(self) -> str:  # the text nbval compares: short and stable
        category, pillar = (c.value for c in self.children[:2])
        return f"TimelineExplorer(category={category!r}, pillar={pillar!r})"


def _list_html(rows: pd.DataFrame) -> str:
    """The events shown, as a small table: date, event, source (for readers who cannot hover)."""
    if rows.empty:
        return ""
    listing = history.event_list(rows)[["when", "title", "source"]]
    return listing.to_html(index=False, border=0, classes="r2pkit-events", escape=True)


def timeline_explorer(table: pd.DataFrame, category: str = ALL, pillar: str = ALL) -> TimelineExplorer:
    """Two menus (category and pillar, each with an "all" choice), a sentence, the timeline chart and its events.

    ``table`` is the ``r2p_timeline`` dataset. Choosing in a menu redraws the chart (with
    each dot's source in its tooltip), the sentence that counts the events shown, and the
    list of those events with their sources.

    >>> from r2pkit import data
    >>> box = timeline_explorer(data.load("r2p_timeline"))
    >>> category, pillar, sentence, pane, events, _keys = box.children
    >>> category.value = "Security Council"  # what choosing in the menu does
    >>> "category 'Security Council'" in sentence.value, "Security Council events" in repr(pane)
    (True, True)
    >>> pillar.value = "3"
    >>> "concern pillar 3" in sentence.value, "pillar 3" in repr(pane)
    (True, True)
    >>> box
    TimelineExplorer(category='Security Council', pillar='3')
    """
    checks.table(table, name="table", dataset="r2p_timeline", empty=False)
    checks.text(category, "category", what="a category of the timeline")
    checks.instance_of(pillar, (str, int), "pillar", what="a pillar (a number or its name)",
                       allowed="Choose e.g. 3, 'pillar 3', 'none' or 'all'.")
    cats = history.categories(table)
    category_menu = widgets.Dropdown(options=[ALL] + cats, value=ALL, description="Category",
                                     style={"description_width": "initial"})
    pillar_options = [(ALL, ALL)] + [(f"pillar {p}: {history.PILLARS.get(p, '')}".rstrip(": "), p)
                                     for p in history.pillars(table)]
    pillar_options.append(("no particular pillar", history.NO_PILLAR))
    pillar_menu = widgets.Dropdown(options=pillar_options, value=ALL, description="Pillar",
                                   style={"description_width": "initial"},
                                   # as wide as its longest choice: "auto" fills the whole page in Voilà
                                   layout=widgets.Layout(width="max-content", max_width="100%"))
    # Bad starting choices raise the kit's clear errors before anything is drawn.
    start_category = None if category == ALL else history._check_category(table, category)
    start_pillar = None if pillar == ALL else history._check_pillar(table, pillar)
    sentence = widgets.HTML()
    pane = ChartPane()
    events = widgets.HTML()

    def redraw(_: object = None) -> None:
        c = None if category_menu.value == ALL else category_menu.value
        p = None if pillar_menu.value == ALL else pillar_menu.value
        sentence.value = f"<p>{html.escape(history.timeline_sentence(table, c, p), quote=False)}</p>"
        pane.show_for((c, p), lambda: charts.timeline_chart(table, c, p))
        events.value = _list_html(history.timeline(table, c, p))

    category_menu.value = start_category or ALL
    pillar_menu.value = start_pillar or ALL
    redraw()
    for control in (category_menu, pillar_menu):
        control.observe(redraw, names="value")
    return keyboard(TimelineExplorer([category_menu, pillar_menu, sentence, pane, events]), "Timeline explorer")

"""Widgets for R2P's history (notebook 01): explore the timeline by category and pillar."""
from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from .explorer import Explorer
from .keys import keyboard
from .pane import ChartPane
from .. import charts, checks, history

__all__ = ["timeline_explorer", "TimelineExplorer"]

ALL = "all"


def _list_html(rows: pd.DataFrame) -> str:
    """The events shown, as a small table: date, event, source (for readers who cannot hover)."""
    if rows.empty:
        return ""
    listing = history.event_list(rows)[["when", "title", "source"]]
    return listing.to_html(index=False, border=0, classes="r2pkit-events", escape=True)


class TimelineExplorer(Explorer):
    """Two menus (category and pillar, each with an "all" choice), a sentence, the timeline chart and its events.

    ``table`` is the ``r2p_timeline`` dataset. Choosing in a menu, or setting
    :attr:`category` or :attr:`pillar`, redraws the chart (with each dot's source in its
    tooltip), the sentence that counts the events shown, and the list of those events with
    their sources.

    >>> from r2pkit import data
    >>> box = TimelineExplorer(data.load("r2p_timeline"))
    >>> box.category_menu.value = "Security Council"  # what choosing in the menu does
    >>> "category 'Security Council'" in box.sentence.value, "Security Council events" in repr(box.pane)
    (True, True)
    >>> box.pillar = 3  # the same from Python (checked as the model checks it): the menu follows
    >>> box.pillar_menu.value, "concern pillar 3" in box.sentence.value, "pillar 3" in repr(box.pane)
    ('3', True, True)
    >>> box
    TimelineExplorer(category='Security Council', pillar='3')
    """

    shown = ("category", "pillar")
    #: The category shown, or "all".
    category = traitlets.Unicode(ALL)
    #: The pillar shown ('1', '2', '3', 'none' for no particular pillar), or "all"; set it as a number or a name.
    pillar = traitlets.Union([traitlets.Unicode(), traitlets.Int()], default_value=ALL)

    category_menu: widgets.Dropdown
    pillar_menu: widgets.Dropdown
    #: The sentence that counts the events shown.
    sentence: widgets.HTML
    #: The timeline chart.
    pane: ChartPane
    #: The events shown, with their sources (for readers who cannot hover).
    events: widgets.HTML

    def __init__(self, table: pd.DataFrame, category: str = ALL, pillar: str | int = ALL, **kwargs: Any) -> None:
        checks.table(table, name="table", dataset="r2p_timeline", empty=False)
        checks.text(category, "category", what="a category of the timeline")
        checks.instance_of(pillar, (str, int), "pillar", what="a pillar (a number or its name)",
                           allowed="Choose e.g. 3, 'pillar 3', 'none' or 'all'.")
        self._table = table
        super().__init__(**kwargs)
        # Bad starting choices raise the kit's clear errors before anything is drawn.
        self.category, self.pillar = category, pillar
        self.category_menu = widgets.Dropdown(options=[ALL] + history.categories(table), description="Category",
                                              style={"description_width": "initial"})
        pillar_options = [(ALL, ALL)] + [(f"pillar {p}: {history.PILLARS.get(p, '')}".rstrip(": "), p)
                                         for p in history.pillars(table)]
        pillar_options.append(("no particular pillar", history.NO_PILLAR))
        self.pillar_menu = widgets.Dropdown(options=pillar_options, description="Pillar",
                                            style={"description_width": "initial"},
                                            # as wide as its longest choice: "auto" fills the whole page in Voilà
                                            layout=widgets.Layout(width="max-content", max_width="100%"))
        self.sentence, self.pane, self.events = widgets.HTML(), ChartPane(), widgets.HTML()
        self.children = (self.category_menu, self.pillar_menu, self.sentence, self.pane, self.events)
        self._follow({"category": self.category_menu, "pillar": self.pillar_menu})
        self._redraw()
        keyboard(self, "Timeline explorer")

    @traitlets.validate("category")
    def _valid_category(self, proposal: dict[str, Any]) -> str:
        value = proposal["value"]
        return value if value == ALL else history.check_category(self._table, value)

    @traitlets.validate("pillar")
    def _valid_pillar(self, proposal: dict[str, Any]) -> str:
        value = proposal["value"]
        return value if value == ALL else history.check_pillar(self._table, value)

    def _redraw(self) -> None:
        table = self._table
        c = None if self.category == ALL else self.category
        p = None if self.pillar == ALL else self.pillar
        self.sentence.value = f"<p>{html.escape(history.timeline_sentence(table, c, p), quote=False)}</p>"
        self.pane.show_for((c, p), lambda: charts.timeline_chart(table, c, p))
        self.events.value = _list_html(history.timeline(table, c, p))


def timeline_explorer(table: pd.DataFrame, category: str = ALL, pillar: str | int = ALL) -> TimelineExplorer:
    """The timeline explorer (:class:`TimelineExplorer`) of ``table``, the ``r2p_timeline`` dataset.

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
    return TimelineExplorer(table, category, pillar)

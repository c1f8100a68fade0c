"""Widgets for the Syria case (notebook 02): one member state's record in the General Assembly."""
from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from .explorer import Explorer
from .keys import keyboard
from .pane import ChartPane
from .. import charts, un_votes

__all__ = ["member_explorer", "MemberExplorer"]


def _table_html(table: pd.DataFrame) -> str:
    shown = table.assign(date=table["date"].dt.strftime("%Y-%m-%d"))
    return shown.to_html(index=False, border=0, classes="r2pkit-record", escape=True)


class MemberExplorer(Explorer):
    """Pick a member state: see its vote on each resolution on Syria, beside ``with_``'s, and how often they agree.

    ``votes`` is the ``unga_syria_votes`` dataset. The menu lists every member state; the
    sentence, the table and the chart follow it, or :attr:`country` set from Python.

    >>> from r2pkit import data
    >>> box = MemberExplorer(data.load("unga_syria_votes"), "United Kingdom")
    >>> box.country = "china"  # the same as choosing China in the menu (a member found as the model finds it)
    >>> box.member_menu.value, "China cast the same vote as Russia" in box.sentence.value, ">China<" in box.table.value
    ('China', True, True)
    >>> box
    MemberExplorer(country='China')
    """

    shown = ("country",)
    #: The member state shown.
    country = traitlets.Unicode()

    member_menu: widgets.Dropdown
    #: How often the two members voted alike, in words.
    sentence: widgets.HTML
    #: The two members' votes, resolution by resolution.
    pane: ChartPane
    #: The same votes as a table.
    table: widgets.HTML

    def __init__(self, votes: pd.DataFrame, country: str = "United Kingdom", with_: str = "Russia",
                 **kwargs: Any) -> None:
        country, _ = un_votes.find_member(votes, country)  # bad choices raise the model's clear errors
        self._other, _ = un_votes.find_member(votes, with_)
        self._votes = votes
        self._names = sorted(votes["country"].astype(str).unique())
        super().__init__(**kwargs)
        self.country = country
        self.member_menu = widgets.Dropdown(options=self._names, description="Member",
                                            style={"description_width": "initial"})
        self.sentence, self.pane, self.table = widgets.HTML(), ChartPane(), widgets.HTML()
        self.children = (self.member_menu, self.sentence, self.pane, self.table)
        self._follow({"country": self.member_menu})
        self._redraw()
        keyboard(self, "Member state explorer")

    @traitlets.validate("country")
    def _valid_country(self, proposal: dict[str, Any]) -> str:
        value = proposal["value"]
        return value if value in self._names else un_votes.find_member(self._votes, value)[0]

    def _redraw(self) -> None:
        chosen, other = self.country, self._other
        members = [chosen] if chosen == other else [chosen, other]
        # The two members' rows, found in one pass over every member's votes: the sentence, the
        # chart and the table need only them (and say the same of them as of the whole table).
        rows = un_votes.voting_records(self._votes, members)
        self.sentence.value = f"<p>{html.escape(un_votes.agreement_sentence(rows, chosen, other))}</p>"
        self.pane.show_for(chosen, lambda: charts.voting_record_chart(rows, members))
        self.table.value = _table_html(un_votes.compare_records(rows, chosen, other))


def member_explorer(votes: pd.DataFrame, country: str = "United Kingdom", with_: str = "Russia") -> MemberExplorer:
    """The member state explorer (:class:`MemberExplorer`); ``votes`` is the ``unga_syria_votes`` dataset.

    >>> from r2pkit import data
    >>> box = member_explorer(data.load("unga_syria_votes"), "United Kingdom")
    >>> menu, sentence, pane, table, _keys = box.children
    >>> menu.value = "China"  # what choosing in the menu does
    >>> "China cast the same vote as Russia" in sentence.value, "China" in repr(pane), ">China<" in table.value
    (True, True, True)
    >>> box
    MemberExplorer(country='China')
    """
    return MemberExplorer(votes, country, with_)

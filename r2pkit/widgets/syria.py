"""Widgets for the Syria case (notebook 02): one member state's record in the General Assembly."""
from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .keys import keyboard
from .pane import ChartPane
from .. import charts, un_votes

__all__ = ["member_explorer", "MemberExplorer"]


class MemberExplorer(widgets.VBox):
    """The layout of :func:`member_explorer`, with a short, stable text form."""

    def __repr__(self) -> str:  # the text nbval compares: short and stable
        menu = self.children[0]
        return f"MemberExplorer(country={menu.value!r})"


def _table_html(table: pd.DataFrame) -> str:
    shown = table.assign(date=table["date"].dt.strftime("%Y-%m-%d"))
    return shown.to_html(index=False, border=0, classes="r2pkit-record", escape=True)


def member_explorer(votes: pd.DataFrame, country: str = "United Kingdom", with_: str = "Russia") -> MemberExplorer:
    """Pick a member state: see its vote on each resolution on Syria, beside ``with_``'s, and how often they agree.

    ``votes`` is the ``unga_syria_votes`` dataset. The menu lists every member state; the
    sentence, the table and the chart follow it.

    >>> from r2pkit import data
    >>> box = member_explorer(data.load("unga_syria_votes"), "United Kingdom")
    >>> menu, sentence, pane, table, _keys = box.children
    >>> menu.value = "China"  # what choosing in the menu does
    >>> "China cast the same vote as Russia" in sentence.value, "China" in repr(pane), ">China<" in table.value
    (True, True, True)
    >>> box
    MemberExplorer(country='China')
    """
    name, _ = un_votes.find_member(votes, country)
    other, _ = un_votes.find_member(votes, with_)
    names = sorted(votes["country"].astype(str).unique())
    menu = widgets.Dropdown(options=names, value=name, description="Member",
                            style={"description_width": "initial"})
    sentence = widgets.HTML()
    pane = ChartPane()
    table = widgets.HTML()

    def redraw(chosen: str) -> None:
        members = [chosen] if chosen == other else [chosen, other]
        # The two members' rows, found in one pass over every member's votes: the sentence, the
        # chart and the table need only them (and say the same of them as of the whole table).
        rows = un_votes.voting_records(votes, members)
        sentence.value = f"<p>{html.escape(un_votes.agreement_sentence(rows, chosen, other))}</p>"
        pane.show_for(chosen, lambda: charts.voting_record_chart(rows, members))
        table.value = _table_html(un_votes.compare_records(rows, chosen, other))

    redraw(name)
    menu.observe(lambda change: redraw(change["new"]), names="value")
    return keyboard(MemberExplorer([menu, sentence, pane, table]), "Member state explorer")

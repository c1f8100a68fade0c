"""Charts of R2P's history: the timeline of ``r2p_timeline``.

Drawn through the pure functions of :mod:`r2pkit.history`: the chart shows exactly the
rows that :func:`r2pkit.history.timeline` keeps for the same filters.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from .. import checks, history
from ..errors import R2PKitError
from .accessibility import titled
from .theme import PALETTE

__all__ = ["timeline_chart"]


def _filters_text(category: str | None, pillar: str | None) -> str:
    parts = []
    if category is not None:
        parts.append(f"category '{category}'")
    if pillar is not None:
        parts.append("no particular pillar" if pillar == history.NO_PILLAR else f"pillar {pillar}")
    return ", ".join(parts)


def timeline_chart(table: pd.DataFrame, category: str | None = None, pillar: int | str | None = None,
                   start: int | None = None, end: int | None = None) -> alt.Chart:
    """Dots on a time axis: the events of R2P's history, one row and one colour per category.

    ``table`` is the ``r2p_timeline`` dataset; ``category``, ``pillar``, ``start`` and
    ``end`` filter it as in :func:`r2pkit.history.timeline`. The time axis and the colours
    stay the same whatever the filter, so that charts can be compared. Each dot's tooltip
    gives the date (as precisely as it is known), the event, its category and pillar, the
    document it rests on, and its source in the seeds.

    >>> from r2pkit import data
    >>> from r2pkit.charts import require_accessible
    >>> chart = timeline_chart(data.load("r2p_timeline"), category="Security Council")
    >>> require_accessible(chart)
    >>> chart.to_dict()["title"]
    "R2P's history: Security Council events, 1999–2023"
    """
    checks.table(table, name="table", dataset="r2p_timeline", empty=False)
    rows = history.timeline(table, category, pillar, start, end)
    every = history.categories(table)
    if len(every) > len(PALETTE):
        raise R2PKitError(f"The timeline has {len(every)} categories but only {len(PALETTE)} colours can be told "
                          "apart; filter by category first.")
    span = history.years(table)
    chosen_category = history.check_category(table, category) if category is not None else None
    chosen_pillar = history.check_pillar(table, pillar) if pillar is not None else None
    shown = rows.assign(
        when=[history.date_label(d, p) for d, p in zip(rows["date"], rows["date_precision"])],
        pillar=rows["pillar"].fillna("none").astype(str).str.replace(";", ", "),
        date=rows["date"].dt.strftime("%Y-%m-%d"),
    )[["event_id", "date", "when", "title", "category", "pillar", "document", "source"]]
    present = [c for c in every if c in set(shown["category"])]
    chart = alt.Chart(shown).mark_point(filled=True, size=110, opacity=0.85).encode(
        x=alt.X("date:T", title="Year", axis=alt.Axis(format="%Y", labelOverlap=True),
                scale=alt.Scale(domain=[f"{span[0] - 1}-07-01", f"{span[-1] + 1}-06-30"])),
        y=alt.Y("category:N", sort=every, title=None, axis=alt.Axis(labelLimit=200)),
        color=alt.Color("category:N", scale=alt.Scale(domain=every, range=PALETTE[:len(every)]), legend=None),
        tooltip=[alt.Tooltip("when:N", title="Date"), alt.Tooltip("title:N", title="Event"),
                 alt.Tooltip("category:N", title="Category"), alt.Tooltip("pillar:N", title="Pillar(s)"),
                 alt.Tooltip("document:N", title="Document"), alt.Tooltip("source:N", title="Source")],
    ).properties(width=400, height=max(40, 34 * len(present)))
    filters = _filters_text(chosen_category, chosen_pillar)
    if rows.empty:
        return titled(chart, "R2P's history: no matching event",
                      f"An empty timeline: no event in the kit's R2P timeline matches {filters or 'the filter'}"
                      + (f" between {start or span[0]} and {end or span[-1]}" if start or end else "") + ".")
    found = history.years(rows)
    years_text = f"{found[0]}" if found[0] == found[-1] else f"{found[0]}–{found[-1]}"
    if chosen_category is not None and chosen_pillar is None:
        title = f"R2P's history: {chosen_category} events, {years_text}"
    elif chosen_pillar is not None and chosen_category is None:
        which = "events tied to no particular pillar" if chosen_pillar == history.NO_PILLAR else \
            f"events concerning pillar {chosen_pillar}"
        title = f"R2P's history: {which}, {years_text}"
    elif filters:
        title = f"R2P's history: {filters}, {years_text}"
    else:
        title = f"R2P's history, {years_text}"
    per = history.counts(rows, "category")
    per_text = "; ".join(f"{c} {n}" for c, n in zip(per["category"], per["events"]))
    noun = "event" if len(rows) == 1 else "events"
    return titled(
        chart, title,
        f"Timeline chart of {len(rows)} {noun} in R2P's history from {years_text}, one dot per event, placed by "
        f"date on a row for each category ({per_text}). Hover over a dot for the event, its date, its pillar, "
        "the document it rests on and where the kit's seed texts discuss it. Source: dataset r2p_timeline.",
    )

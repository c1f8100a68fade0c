"""Charts of displacement from Syria: refugees by host country, over time and per head.

Drawn from ``syria_refugees_by_host`` (UNHCR) and ``country_indicators`` (World Bank)
through the pure functions of :mod:`r2pkit.displacement`.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from ..displacement import top_hosts
from . import titled

__all__ = ["refugees_by_host"]


def refugees_by_host(table: pd.DataFrame, year: int, top: int = 10) -> alt.Chart:
    """Bar chart: the ``top`` countries hosting Syrian refugees in ``year``.

    ``table`` is the ``syria_refugees_by_host`` dataset (the world-total row is left out).

    >>> from r2pkit import data
    >>> from r2pkit.charts import require_accessible
    >>> chart = refugees_by_host(data.load("syria_refugees_by_host"), 2015, top=5)
    >>> require_accessible(chart)
    >>> chart.to_dict()["title"]
    'Syrian refugees by host country, 2015'
    """
    rows = top_hosts(table, year, top)
    chart = alt.Chart(rows).mark_bar().encode(
        x=alt.X("refugees:Q", title="Syrian refugees (persons)", axis=alt.Axis(format=",d")),
        y=alt.Y("host:N", sort="-x", title=None),
        tooltip=[alt.Tooltip("host:N", title="Host country"),
                 alt.Tooltip("refugees:Q", title="Refugees", format=","),
                 alt.Tooltip("source:N", title="Source")],
    )
    total = int(rows["refugees"].sum())
    return titled(
        chart,
        f"Syrian refugees by host country, {year}",
        f"Horizontal bar chart of the {len(rows)} countries hosting the most Syrian refugees under "
        f"UNHCR's mandate at the end of {year}, largest first; together {total:,} people. "
        "Source: UNHCR Refugee Data Finder.",
    )

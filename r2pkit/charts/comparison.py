"""Charts that set two crises side by side (notebook 07: Syria and Myanmar).

The kit's other charts each draw one crisis. Comparing cases, as R2P is taught, needs the
hosts of several crises on one scale: Bangladesh, which hosts refugees from Myanmar, beside
Lebanon, Jordan and Türkiye, which host Syrians. The table comes from
:func:`r2pkit.displacement.host_pressure`, run once per crisis and joined with a ``crisis``
column; the chart only draws it.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from .. import checks
from .accessibility import titled
from .theme import PALETTE

__all__ = ["host_pressure_across", "ACROSS_MEASURES"]

#: The measures of host pressure the chart can rank by, in words that fit any crisis.
ACROSS_MEASURES = {
    "refugees": "Refugees (persons)",
    "per_1000": "Refugees per 1,000 inhabitants",
    "per_usd_gdp_per_head": "Refugees per US$1 of GDP per head",
}
_FORMAT = {"refugees": ",d", "per_1000": ",.1f", "per_usd_gdp_per_head": ",.0f"}
_COLUMNS = ("crisis", "host", "year", "refugees", "per_1000", "per_usd_gdp_per_head")
_COLOURS = (0, 3, 2, 5)  # Okabe–Ito blue, vermilion, green, sky blue: told apart with colour blindness


def _value(measure: str, value: float) -> str:
    return f"{value:,.0f}" if measure != "per_1000" else f"{value:,.1f}"


def host_pressure_across(pressure: pd.DataFrame, measure: str = "per_1000") -> alt.Chart:
    """Bars: the hosts of several crises ranked by one measure of pressure, one colour per crisis.

    ``pressure`` has one row per host and crisis, with the columns of
    :func:`r2pkit.displacement.host_pressure` and a ``crisis`` column (the crisis's name),
    for example ``pd.concat([host_pressure(MYANMAR, year=2018, hosts=["Bangladesh"]).assign(crisis="Myanmar"),
    host_pressure(SYRIA, year=2018, hosts=["Lebanon"]).assign(crisis="Syria")])``. ``measure``
    is one of :data:`ACROSS_MEASURES`. Hosts without a figure for the measure are left out,
    and the description says which.

    >>> t = pd.DataFrame({"crisis": ["Myanmar", "Syria"], "host": ["Bangladesh", "Lebanon"], "year": [2018, 2018],
    ...                   "refugees": [906635, 944181], "per_1000": [5.5, 157.8],
    ...                   "per_usd_gdp_per_head": [461.3, 102.9]})
    >>> chart = host_pressure_across(t, "per_1000")
    >>> chart.to_dict()["title"]
    'Refugees per 1,000 inhabitants, 2018: hosts of refugees from Myanmar and Syria'
    >>> "from highest to lowest: Lebanon (Syria) 157.8, Bangladesh (Myanmar) 5.5." in chart.to_dict()["description"]
    True
    >>> host_pressure_across(t, "per_head")
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: measure='per_head' is not a measure of host pressure. Did you mean 'per_usd_gdp_per_head'? ...
    """
    measure = checks.choice(measure, ACROSS_MEASURES, "a measure of host pressure", name="measure", fold=None)
    checks.table(pressure, _COLUMNS, name="pressure", empty=False,
                 types={"crisis": "text", "host": "text", "refugees": "number", "per_1000": "number",
                        "per_usd_gdp_per_head": "number"})
    rows = pressure.assign(bar=pressure["host"].astype(str) + " (" + pressure["crisis"].astype(str) + ")")
    missing = rows.loc[rows[measure].isna(), "bar"].tolist()
    rows = rows.dropna(subset=[measure]).sort_values(measure, ascending=False).reset_index(drop=True)
    crises = list(dict.fromkeys(pressure["crisis"].astype(str)))
    years = sorted({int(y) for y in rows["year"]})
    when = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    optional = [c for c in ("population", "gdp_per_head", "source") if c in rows.columns]
    tips = [alt.Tooltip("crisis:N", title="Refugees from"), alt.Tooltip("host:N", title="Host"),
            alt.Tooltip("year:Q", title="End of year", format="d"),
            alt.Tooltip("refugees:Q", title="Refugees", format=","),
            alt.Tooltip("per_1000:Q", title="Per 1,000 inhabitants", format=",.1f"),
            alt.Tooltip("per_usd_gdp_per_head:Q", title="Per US$1 of GDP per head", format=",.1f")]
    tips += [alt.Tooltip(f"{c}:{'N' if c == 'source' else 'Q'}",
                         title={"population": "Population", "gdp_per_head": "GDP per head (US$)",
                                "source": "Source"}[c], **({} if c == "source" else {"format": ",.0f"}))
             for c in optional]
    chart = alt.Chart(rows).mark_bar().encode(
        x=alt.X(f"{measure}:Q", title=ACROSS_MEASURES[measure], axis=alt.Axis(format=_FORMAT[measure])),
        y=alt.Y("bar:N", sort="-x", title=None),
        color=alt.Color("crisis:N", title="Refugees from", sort=crises,
                        scale=alt.Scale(domain=crises, range=[PALETTE[i] for i in _COLOURS][:len(crises)])
                        if len(crises) <= len(_COLOURS) else alt.Undefined,
                        legend=alt.Legend(orient="top")),
        tooltip=tips,
    ).properties(width=340)
    ranked = ", ".join(f"{bar} {_value(measure, v)}" for bar, v in zip(rows["bar"], rows[measure]))
    left_out = f" No figure for {', '.join(missing)}." if missing else ""
    return titled(
        chart,
        f"{ACROSS_MEASURES[measure]}, {when}: hosts of refugees from {' and '.join(crises)}",
        f"Horizontal bar chart of {len(rows)} host countries at the end of {when}, ranked by "
        f"{ACROSS_MEASURES[measure][0].lower() + ACROSS_MEASURES[measure][1:]}, one colour per crisis the refugees "
        f"come from; from highest to lowest: {ranked}.{left_out} Sources: UNHCR Refugee Data Finder; World Bank WDI "
        "(population, GDP in current US$).",
    )

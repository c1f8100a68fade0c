"""Charts of resettlement: fair shares against arrivals, the UK's pledge, and the stakeholder map.

Drawn through the pure functions of :mod:`r2pkit.resettlement`: each builder takes the table
one of them returns (or the dataset it reads) and only draws it. Support levels in the heat
map are told apart by colour (Okabe–Ito, from blue for 'supports' to vermillion for
'resists') *and* by their name written in each cell, so the map can be read without colour.
"""
from __future__ import annotations

import json

import altair as alt
import pandas as pd

from .. import checks
from ..errors import R2PKitError, require_table
from ..resettlement import arrivals as _arrivals, stakeholders
from .accessibility import label_lines, row_labels, titled
from .cues import stack_labels
from .theme import PALETTE

__all__ = ["fair_share_chart", "arrivals_chart", "pledge_chart", "stakeholder_heatmap", "SUPPORT_COLOURS"]

#: Colours of the support levels: a blue-to-vermillion Okabe–Ito scale, white for 'not discussed'.
SUPPORT_COLOURS = {"supports": PALETTE[0], "open to": PALETTE[5], "divided": PALETTE[7], "wary": PALETTE[1],
                   "resists": PALETTE[3], "not discussed": "#ffffff"}
_INK = {"supports": "white", "open to": "black", "divided": "black", "wary": "black", "resists": "white",
        "not discussed": "#555555"}
_SERIES = {"arrivals": "Actual resettlement arrivals", "fair_share": "Fair share"}


def _period(first: object, last: object) -> str:
    return f"{first}" if first == last else f"{first}–{last}"


def _words(table: pd.DataFrame) -> tuple[str, str]:
    """(the people, their refugees) in the words of the crisis a table of the kit counts (from its sources)."""
    from ..crisis import of_table

    found = of_table(table)
    return (found.demonym, found.refugees) if found is not None else ("refugees", "refugees")


def fair_share_chart(comparison: pd.DataFrame) -> alt.Chart:
    """Paired bars per state: its fair share and the refugees it actually resettled (in the crisis's words).

    ``comparison`` is a table from :func:`r2pkit.resettlement.arrivals.compare_with_fair_shares`.
    States are sorted by actual arrivals; each bar's tooltip gives both numbers, the ratio
    and the sources.

    >>> from r2pkit import data
    >>> from r2pkit.resettlement import arrivals
    >>> t = arrivals.compare_with_fair_shares(data.load("syria_resettlement_arrivals"), "population", ["CAN", "GBR"])
    >>> fair_share_chart(t).to_dict()["title"]
    'Fair share by population against actual resettlement arrivals of Syrians, 2011–2023'
    """
    require_table(comparison, ("state", "name", "arrivals", "fair_share", "ratio", "source"),
                  "compare_with_fair_shares(...)")
    checks.table(comparison, name="comparison", types={"state": "text", "name": "text", "arrivals": "number",
                                                       "fair_share": "number", "ratio": "number"}, unique=["state"])
    if comparison.empty:
        raise R2PKitError("There is nothing to draw: the comparison has no states.")
    people, refugees = _words(comparison)
    long = comparison.melt(id_vars=["state", "name", "ratio", "source"], value_vars=list(_SERIES),
                           var_name="series", value_name="persons")
    long["series"] = long["series"].map(_SERIES)
    long["ratio_text"] = [f"{r:.2f}" if pd.notna(r) else "no fair share" for r in long["ratio"]]
    both = comparison.set_index("state")
    long["arrivals"] = long["state"].map(both["arrivals"])
    long["fair_share"] = long["state"].map(both["fair_share"])
    order = comparison.sort_values(["arrivals", "state"], ascending=[False, True])["name"].tolist()
    series = list(_SERIES.values())
    # The fair share is a pale bar with a dark outline, the actual arrivals a solid bar: told apart
    # without their colours.
    chart = alt.Chart(long).mark_bar(strokeWidth=1.5).encode(
        y=alt.Y("name:N", sort=order, title=None),
        yOffset=alt.YOffset("series:N", sort=series),
        x=alt.X("persons:Q", title=f"{refugees[:1].upper()}{refugees[1:]} (persons)", axis=alt.Axis(format=",d")),
        color=alt.Color("series:N", title=None, sort=series,
                        scale=alt.Scale(domain=series, range=[PALETTE[0], PALETTE[1]]),
                        legend=alt.Legend(orient="top")),
        fillOpacity=alt.FillOpacity("series:N", sort=series, scale=alt.Scale(domain=series, range=[1.0, 0.35]),
                                    legend=alt.Legend(orient="top", title=None)),
        stroke=alt.Stroke("series:N", sort=series, scale=alt.Scale(domain=series, range=[PALETTE[0], "#8a5a00"]),
                          legend=alt.Legend(orient="top", title=None)),
        tooltip=[alt.Tooltip("name:N", title="State"), alt.Tooltip("arrivals:Q", title="Actual arrivals", format=","),
                 alt.Tooltip("fair_share:Q", title="Fair share", format=","),
                 alt.Tooltip("ratio_text:N", title="Actual ÷ fair share"), alt.Tooltip("source:N", title="Source")],
    ).properties(width=380, height=alt.Step(11))
    key = comparison.attrs.get("key", "population")
    how = {"population": "by population", "gdp": "by GDP"}.get(key, "by a composite key")
    when = _period(comparison.attrs.get("first", "?"), comparison.attrs.get("last", "?"))
    above = comparison.loc[comparison["ratio"] > 1, "name"].tolist()
    return titled(
        chart,
        f"Fair share {how} against actual resettlement arrivals of {people}, {when}",
        f"Paired horizontal bars for {len(comparison)} states, sorted by actual arrivals: the solid blue bar is the number "
        f"of {people} each resettled in {when}, the pale orange bar with a dark outline its fair share of {int(comparison['fair_share'].sum()):,} places {how} "
        f"(figures of {comparison.attrs.get('year', '?')}). Above their fair share: {', '.join(above) or 'none'}. "
        "Sources: UNHCR solutions table (resettlement); World Bank WDI.",
    )


def arrivals_chart(arrivals: pd.DataFrame, top: int = 5) -> alt.Chart:
    """Stacked bars: resettlement arrivals each year, for the ``top`` states and all others.

    ``arrivals`` is a crisis's resettlement arrivals (``syria_resettlement_arrivals``,
    ``myanmar_resettlement_arrivals``), named in that crisis's words; the top states are those
    with the most arrivals over all its years.

    >>> from r2pkit import data
    >>> arrivals_chart(data.load("syria_resettlement_arrivals")).to_dict()["title"]
    'Resettlement arrivals of Syrian refugees by year, 2011–2025'
    """
    checks.table(arrivals, name="arrivals", dataset="syria_resettlement_arrivals", empty=False)
    if isinstance(top, bool) or not isinstance(top, int) or not 1 <= top < len(PALETTE):
        raise R2PKitError(f"'top' is how many states to show apart: a whole number from 1 to {len(PALETTE) - 1}, "
                          f"not {top!r}.")
    years = _arrivals.arrival_years(arrivals)
    people, refugees = _words(arrivals)
    leaders = _arrivals.arrivals_by_state(arrivals, years[0], years[-1]).head(top)
    names = leaders["state"].tolist()
    rows = arrivals.assign(group=[s if c in set(leaders["state_iso3"]) else "All other states"
                                  for s, c in zip(arrivals["state"], arrivals["state_iso3"])])
    table = rows.groupby(["year", "group"], as_index=False)["resettlement_arrivals"].sum()
    table["year"] = table["year"].astype(int)
    domain = names + ["All other states"]
    colours = PALETTE[:top] + ["#999999"]
    table["stack"] = table["group"].map({g: i for i, g in enumerate(domain)})  # stacks ordered by a number
    # Each segment large enough also carries the state's code (colour is not the only cue); the
    # legend gives each name its code.
    codes = dict(zip(names, leaders["state_iso3"])) | {"All other states": "other"}
    table["code"] = table["group"].map(codes)
    year = alt.X("year:O", title="Year of arrival")
    tips = [alt.Tooltip("year:O", title="Year"), alt.Tooltip("group:N", title="State"),
            alt.Tooltip("resettlement_arrivals:Q", title=f"Resettled {people}", format=",")]
    width = 400
    bar = 0.9 * width / max(1, table["year"].nunique())
    table, labels = stack_labels(table, year, field="year", value="resettlement_arrivals", order="stack",
                                 text="code", colour_field="group", colours=dict(zip(domain, colours)),
                                 bar=bar, length=300, tooltip=tips, upright=bar < 24)  # codes run up narrow bars
    coded = "{" + ", ".join(f"{json.dumps(g)}: {json.dumps(c)}" for g, c in codes.items()) + "}"
    bars = alt.Chart(table).mark_bar().encode(
        x=year,
        y=alt.Y("resettlement_arrivals:Q", title=f"Resettled {people} (persons)", stack=True,
                axis=alt.Axis(format=",d")),
        color=alt.Color("group:N", title="Resettled to", sort=domain, scale=alt.Scale(domain=domain, range=colours),
                        legend=alt.Legend(orient="bottom", columns=2, labelLimit=260,
                                          labelExpr=f"datum.label + ' (' + {coded}[datum.label] + ')'")),
        order=alt.Order("stack:Q"),
        tooltip=tips,
    )
    chart = alt.layer(bars, *labels).properties(width=width)
    by_year = _arrivals.arrivals_by_year(arrivals).set_index("year")["arrivals"]
    peak = int(by_year.idxmax())
    return titled(
        chart,
        f"Resettlement arrivals of {refugees} by year, {years[0]}–{years[-1]}",
        f"Stacked bar chart of {people} resettled each year, split between the {top} states that resettled most "
        f"({', '.join(names)}) and all others; segments large enough are labelled with the state's code "
        f"({', '.join(f'{n} {c}' for n, c in codes.items() if n in names)}), all other states at the top of each "
        f"bar. The peak was {int(by_year[peak]):,} in {peak}. Calendar years; "
        "the last years are subject to revision. Source: UNHCR Refugee Data Finder, solutions table.",
    )


def pledge_chart(progress: _arrivals.PledgeProgress) -> alt.LayerChart:
    """Bars of yearly arrivals and a line of their running total, against the pledge (a dashed rule).

    ``progress`` is :func:`r2pkit.resettlement.arrivals.pledge_progress`.

    >>> from r2pkit import data
    >>> from r2pkit.resettlement import arrivals
    >>> pledge_chart(arrivals.pledge_progress(data.load("syria_resettlement_arrivals"))).to_dict()["title"]["text"]
    "The United Kingdom's pledge of 20,000 places and the Syrians it resettled, 2015–2020"
    """
    checks.instance_of(progress, _arrivals.PledgeProgress, "progress", what="a pledge's progress",
                       allowed="Pass arrivals.pledge_progress(data.load('syria_resettlement_arrivals')).")
    p = progress.pledge
    table = progress.by_year.assign(source="UNHCR solutions table (resettlement), dataset syria_resettlement_arrivals")
    base = alt.Chart(table).encode(x=alt.X("year:O", title="Calendar year", axis=alt.Axis(labelAngle=0)))
    tips = [alt.Tooltip("year:O", title="Year"), alt.Tooltip("arrivals:Q", title="Arrivals that year", format=","),
            alt.Tooltip("cumulative:Q", title="Running total", format=","), alt.Tooltip("source:N", title="Source")]
    bars = base.mark_bar(color=PALETTE[5]).encode(
        y=alt.Y("arrivals:Q", title="Resettled Syrians (persons)", axis=alt.Axis(format=",d")), tooltip=tips)
    line = base.mark_line(point=True, color=PALETTE[0]).encode(y="cumulative:Q", tooltip=tips)
    rule = alt.Chart(pd.DataFrame({"pledge": [p.places], "what": [f"Pledge: {p.places:,} places ({p.period})"],
                                   "source": [p.source]})).mark_rule(color=PALETTE[3], strokeDash=[6, 4]).encode(
        y="pledge:Q", tooltip=[alt.Tooltip("what:N", title="Pledge"), alt.Tooltip("source:N", title="Source")])
    return titled(
        alt.layer(bars, line, rule).properties(width=400),
        f"The {p.name}'s pledge of {p.places:,} places and the Syrians it resettled, {p.first_year}–{p.last_year}",
        f"Light blue bars: resettlement arrivals of Syrians in the {p.name} each calendar year; dark blue line: their "
        f"running total, {progress.arrivals:,} by {p.last_year} ({progress.share:.1%} of the pledge); dashed "
        f"vermillion line: the pledge of {p.places:,} ({p.period}; {p.source}). Source: UNHCR solutions table.",
        subtitle="Bars: arrivals each year · line: running total · dashed line: the pledge",
    )


def stakeholder_heatmap(table: pd.DataFrame, framing: str | None = None) -> alt.LayerChart:
    """A heat map of the stakeholder map: actors down, framings across, each cell its support level.

    ``table`` is the ``resettlement_stakeholders`` dataset. Each cell names its level and
    shows on hover the reason, whether the article reports or argues it, and where. A
    ``framing`` is outlined.

    >>> from r2pkit import data
    >>> stakeholder_heatmap(data.load("resettlement_stakeholders")).to_dict()["title"]
    'Who supports which response: the resettlement article’s stakeholder map'
    """
    checks.table(table, name="table", dataset="resettlement_stakeholders")
    cells = stakeholders.support_scores(table)
    chosen = stakeholders.check_framing(framing) if framing is not None else None
    cells = cells.assign(chosen=cells["framing"] == chosen if chosen else False,
                         label=[f"{s}*" if b == "argued" else s for s, b in zip(cells["support"], cells["basis"])])
    actors = [a for a in stakeholders.ACTORS if a in set(cells["actor"])]
    framings = [f for f in stakeholders.FRAMINGS if f in set(cells["framing"])]
    levels = list(SUPPORT_COLOURS)
    base = alt.Chart(cells).encode(
        x=alt.X("framing:N", sort=framings, title=None,
                axis=alt.Axis(orient="bottom", labelAngle=0, labelLimit=0, labelExpr=label_lines(framings, 13),
                              labelLineHeight=14)),
        y=alt.Y("actor:N", sort=actors, title=None,
                axis=alt.Axis(**row_labels(actors, 19, line_height=14))),
        tooltip=[alt.Tooltip("actor:N", title="Actor"), alt.Tooltip("framing:N", title="Framing"),
                 alt.Tooltip("support:N", title="Support"), alt.Tooltip("basis:N", title="Basis"),
                 alt.Tooltip("reason:N", title="Why"), alt.Tooltip("source:N", title="Source")],
    )
    rect = base.mark_rect(stroke="#888888", strokeWidth=0.5).encode(
        color=alt.Color("support:N", title="Support", sort=levels,
                        scale=alt.Scale(domain=levels, range=[SUPPORT_COLOURS[v] for v in levels]),
                        legend=alt.Legend(orient="bottom", direction="horizontal")),
        strokeWidth=alt.condition("datum.chosen", alt.value(3), alt.value(0.5)),
        stroke=alt.condition("datum.chosen", alt.value("#000000"), alt.value("#888888")),
    )
    text = base.mark_text(fontSize=11).encode(
        text="label:N",
        color=alt.Color("support:N", legend=None, scale=alt.Scale(domain=levels, range=[_INK[v] for v in levels])),
    )
    counts = cells["support"].value_counts()
    summary = "; ".join(f"{lvl} {int(counts.get(lvl, 0))}" for lvl in levels)
    return titled(
        alt.layer(rect, text).resolve_scale(color="independent").properties(width=alt.Step(84), height=alt.Step(34)),
        "Who supports which response: the resettlement article’s stakeholder map",
        f"Heat map of {len(actors)} actors (rows) against {len(framings)} framings of a response (columns); each cell "
        f"is coloured and labelled with the actor's support as the article presents it ({summary} cells)"
        + (f"; the column '{chosen}' is outlined" if chosen else "")
        + ". An asterisk marks a position the article argues for rather than reports. Hover over a cell for the "
        "reason and the article's section and footnote. Source: dataset "
        "resettlement_stakeholders.",
    )

"""Charts of the resettlement scenario model (:mod:`r2pkit.resettlement.scenario`).

Every chart says in its subtitle that it shows a stylised teaching model, not a forecast.
A run is drawn in solid lines or bars; the same run with no resettlement (``baseline``),
when given, in dashed lines or a black line, so the difference resettlement makes can be
seen at once. The hosts keep the same colour in every chart.
"""
from __future__ import annotations

import json

import altair as alt
import pandas as pd

from .. import checks
from ..errors import R2PKitError, require_table
from ..resettlement import scenario
from .accessibility import titled
from .cues import shape_scale, shapes_sentence, stack_labels
from .tables import label as _label
from .theme import PALETTE

__all__ = ["host_load_chart", "openness_chart", "turned_away_chart", "model_vs_data_chart", "sensitivity_chart",
           "sweep_band_chart"]

MODEL_NOTE = "A stylised teaching model, not a forecast."
_COLOURS = [c for c in PALETTE if c != "#000000"]
_NO_RESETTLEMENT = "with no resettlement"
_WITH = "this scenario"
#: Short names of the outcomes of a sweep, for titles.
_SHORT = {"turned_away": "people turned away", "admitted": "people admitted", "onward": "onward journeys",
          "returned": "returns", "resettled": "people resettled", "final_stock": "the refugees left in the hosts",
          "peak_load": "the highest load", "lowest_openness": "the lowest openness"}


def _hosts(run: pd.DataFrame) -> list[str]:
    hosts = list(dict.fromkeys(run["host"]))
    if len(hosts) > len(_COLOURS):
        raise R2PKitError(f"At most {len(_COLOURS)} hosts can be told apart by colour; this run has {len(hosts)}.")
    return hosts


def _runs(run: pd.DataFrame, baseline: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    require_table(run, ("year", "host", *columns), "a run of scenario.simulate")
    rows = run[["year", "host", *columns]].assign(scenario=_WITH)
    if baseline is not None:
        require_table(baseline, ("year", "host", *columns), "a run of scenario.simulate")
        rows = pd.concat([rows, baseline[["year", "host", *columns]].assign(scenario=_NO_RESETTLEMENT)],
                         ignore_index=True)
    return rows.assign(year=rows["year"].astype(int))


def _lines(run: pd.DataFrame, baseline: pd.DataFrame | None, column: str, title: str, axis_format: str,
           tooltip_title: str) -> alt.Chart:
    hosts = _hosts(run)
    rows = _runs(run, baseline, [column])
    return alt.Chart(rows).mark_line(point=True).encode(
        x=alt.X("year:O", title="Year"),
        y=alt.Y(f"{column}:Q", title=title, axis=alt.Axis(format=axis_format)),
        color=alt.Color("host:N", title="Host", sort=hosts, scale=alt.Scale(domain=hosts, range=_COLOURS[:len(hosts)])),
        shape=alt.Shape("host:N", title="Host", sort=hosts, scale=shape_scale(hosts)),
        strokeDash=alt.StrokeDash("scenario:N", title="Run", sort=[_WITH, _NO_RESETTLEMENT],
                                  scale=alt.Scale(domain=[_WITH, _NO_RESETTLEMENT], range=[[1, 0], [5, 4]]),
                                  legend=alt.Legend() if baseline is not None else None),
        detail=alt.Detail("scenario:N"),
        tooltip=[alt.Tooltip("host:N", title="Host"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("scenario:N", title="Run"),
                 alt.Tooltip(f"{column}:Q", title=tooltip_title, format=axis_format)],
    )


def _span(run: pd.DataFrame) -> str:
    return f"{int(run['year'].min())}–{int(run['year'].max())}"


def host_load_chart(run: pd.DataFrame, baseline: pd.DataFrame | None = None) -> alt.LayerChart:
    """Lines: each host's load (refugees ÷ absorption capacity) year by year; 1 is at capacity.

    >>> from r2pkit import data
    >>> from r2pkit.charts import require_accessible
    >>> start = scenario.starting_point(data.load("syria_refugees_by_host"), data.load("country_indicators"))
    >>> chart = host_load_chart(scenario.simulate(start))
    >>> require_accessible(chart)
    >>> chart.to_dict()["title"]["text"]
    'Host load in the scenario model, 2013–2025'
    """
    for name, given in (("run", run), ("baseline", baseline)):
        if name == "run" or given is not None:  # a run (and its baseline) of scenario.simulate
            checks.table(given, ("year", "host", "load"), name=name, empty=False,
                         types={"year": "whole", "host": "text", "load": "number"})
    lines = _lines(run, baseline, "load", "Load (refugees ÷ capacity)", ".2f", "Load")
    rule = alt.Chart(pd.DataFrame({"load": [1.0], "what": ["capacity (load = 1)"]})).mark_rule(
        strokeDash=[2, 2], color="#444").encode(y=alt.Y("load:Q"), tooltip=[alt.Tooltip("what:N", title="Line")])
    peak = run.loc[run["load"].idxmax()]
    over = sorted(run.loc[run["load"] > 1, "host"].unique())
    dashed = " Dashed lines: the same run with no resettlement." if baseline is not None else ""
    return titled(
        alt.layer(rule, lines),
        f"Host load in the scenario model, {_span(run)}",
        f"Line chart of each host's load (its refugees divided by its absorption capacity) at the end of each year in "
        f"the scenario model; the dotted line at 1 is capacity. Highest: {peak['host']} at {peak['load']:.2f} in "
        f"{int(peak['year'])}. Over capacity at some point: {', '.join(over) if over else 'none'}.{dashed} "
        f"{shapes_sentence(_hosts(run))} "
        f"{MODEL_NOTE} Starting stocks: UNHCR; populations: World Bank.",
        subtitle=MODEL_NOTE,
    )


def openness_chart(run: pd.DataFrame, baseline: pd.DataFrame | None = None) -> alt.Chart:
    """Lines: each host's openness (share of arrivals admitted, 0 = closed, 1 = open) year by year.

    >>> from r2pkit import data
    >>> start = scenario.starting_point(data.load("syria_refugees_by_host"), data.load("country_indicators"))
    >>> openness_chart(scenario.simulate(start)).to_dict()["title"]["text"]
    'Openness of the hosts in the scenario model, 2013–2025'
    """
    for name, given in (("run", run), ("baseline", baseline)):
        if name == "run" or given is not None:  # a run (and its baseline) of scenario.simulate
            checks.table(given, ("year", "host", "openness"), name=name, empty=False,
                         types={"year": "whole", "host": "text", "openness": "number"})
    chart = _lines(run, baseline, "openness", "Openness (share of arrivals admitted)", ".0%", "Openness")
    chart = chart.encode(y=alt.Y("openness:Q", title="Openness (share of arrivals admitted)",
                                 axis=alt.Axis(format=".0%"), scale=alt.Scale(domain=[0, 1])))
    low = run.loc[run["openness"].idxmin()]
    dashed = " Dashed lines: the same run with no resettlement." if baseline is not None else ""
    return titled(
        chart,
        f"Openness of the hosts in the scenario model, {_span(run)}",
        f"Line chart of each host's openness, the share of people reaching its border that it admits, from 0% "
        f"(closed) to 100% (open). Lowest: {low['host']} at {low['openness']:.0%} in {int(low['year'])}.{dashed} "
        f"{shapes_sentence(_hosts(run))} {MODEL_NOTE}",
        subtitle=MODEL_NOTE,
    )


def turned_away_chart(run: pd.DataFrame, baseline: pd.DataFrame | None = None) -> alt.LayerChart:
    """Stacked bars: people turned away at each host's border per year; ``baseline`` adds a black line.

    The black dashed line is the total per year of ``baseline`` (the run with no resettlement).

    >>> from r2pkit import data
    >>> start = scenario.starting_point(data.load("syria_refugees_by_host"), data.load("country_indicators"))
    >>> run, none = scenario.simulate(start), scenario.simulate(start, resettlement_places=0)
    >>> spec = turned_away_chart(run, none).to_dict()
    >>> spec["title"]["text"], len(spec["layer"])
    ('People turned away in the scenario model, 2013–2025', 3)
    """
    for name, given in (("run", run), ("baseline", baseline)):
        if name == "run" or given is not None:  # a run (and its baseline) of scenario.simulate
            checks.table(given, ("year", "host", "turned_away"), name=name, empty=False,
                         types={"year": "whole", "host": "text", "turned_away": "number"})
    hosts = _hosts(run)
    rows = _runs(run, None, ["turned_away"])
    # Each segment tall enough also carries the host's code, upright (colour is not the only cue).
    codes = dict(zip(run["host"], run["host_iso3"])) if "host_iso3" in run else {h: h[:3] for h in hosts}
    rows = rows.assign(code=rows["host"].map(codes), stack=rows["host"].map({h: i for i, h in enumerate(hosts)}))
    year = alt.X("year:O", title="Year")
    tips = [alt.Tooltip("host:N", title="Host"), alt.Tooltip("year:O", title="Year"),
            alt.Tooltip("turned_away:Q", title="Turned away", format=",.0f")]
    rows, labels = stack_labels(rows, year, field="year", value="turned_away", order="stack", text="code",
                                colour_field="host", colours=dict(zip(hosts, _COLOURS)), bar=18, length=300,
                                tooltip=tips, upright=True)
    coded = "{" + ", ".join(f"{json.dumps(h)}: {json.dumps(codes[h])}" for h in hosts) + "}"
    bars = alt.Chart(rows).mark_bar().encode(
        x=year,
        y=alt.Y("sum(turned_away):Q", title="People turned away", axis=alt.Axis(format="~s")),
        color=alt.Color("host:N", title="Host", sort=hosts, scale=alt.Scale(domain=hosts, range=_COLOURS[:len(hosts)]),
                        legend=alt.Legend(labelExpr=f"datum.label + ' (' + {coded}[datum.label] + ')'")),
        order=alt.Order("stack:Q"),
        tooltip=tips,
    )
    total = float(run["turned_away"].sum())
    text = (f"Stacked bar chart of the people turned away at each host's border each year in the scenario model "
            f"(refoulement, closed borders); {total:,.0f} in all. Segments tall enough are labelled with the host's "
            f"code ({', '.join(f'{h} {codes[h]}' for h in hosts)}).")
    layers = [bars, *labels]
    if baseline is not None:
        base = scenario.yearly_totals(baseline)[["year", "turned_away"]].assign(run=_NO_RESETTLEMENT)
        base = base.assign(year=base["year"].astype(int))
        layers.append(alt.Chart(base).mark_line(point=alt.OverlayMarkDef(color="#000000"), color="#000000",
                                                strokeDash=[5, 4]).encode(
            x=alt.X("year:O"), y=alt.Y("turned_away:Q"),
            tooltip=[alt.Tooltip("run:N", title="Run"), alt.Tooltip("year:O", title="Year"),
                     alt.Tooltip("turned_away:Q", title="Turned away, all hosts", format=",.0f")]))
        text += (f" The black dashed line is the total with no resettlement: "
                 f"{float(baseline['turned_away'].sum()):,.0f} in all.")
    subtitle = f"{MODEL_NOTE} Black dashed line: no resettlement." if baseline is not None else MODEL_NOTE
    return titled(alt.layer(*layers), f"People turned away in the scenario model, {_span(run)}",
                  f"{text} {MODEL_NOTE} No data count the people really turned away.", subtitle=subtitle)


def model_vs_data_chart(comparison: pd.DataFrame, include_total: bool = False) -> alt.Chart:
    """Lines: the model's refugees (dashed) beside UNHCR's (solid), per host, from :func:`scenario.compare_with_data`.

    >>> from r2pkit import data
    >>> refugees = data.load("syria_refugees_by_host")
    >>> start = scenario.starting_point(refugees, data.load("country_indicators"))
    >>> chart = model_vs_data_chart(scenario.compare_with_data(scenario.simulate(start), refugees))
    >>> chart.to_dict()["title"]["text"]
    'The scenario model beside UNHCR’s figures, 2013–2025'
    """
    require_table(comparison, ("year", "host", "host_iso3", "model", "real"), "scenario.compare_with_data(...)")
    checks.table(comparison, name="comparison", types={"year": "whole", "model": "number", "real": "number"},
                 empty=False)
    checks.flag(include_total, "include_total")
    rows = comparison if include_total else comparison[comparison["host_iso3"] != "ALL"]
    hosts = list(dict.fromkeys(rows["host"]))
    if len(hosts) > len(_COLOURS):
        raise R2PKitError(f"At most {len(_COLOURS)} hosts can be told apart by colour; there are {len(hosts)}.")
    long = rows.melt(id_vars=["year", "host", "host_iso3"], value_vars=["real", "model"], var_name="line",
                     value_name="refugees")
    long = long.assign(year=long["year"].astype(int),
                       line=long["line"].map({"real": "UNHCR (real)", "model": "model"}))
    long = long.merge(rows[["year", "host_iso3", "source"]], on=["year", "host_iso3"], how="left") \
        if "source" in rows else long.assign(source="")
    long.loc[long["line"] == "model", "source"] = "scenario model"
    chart = alt.Chart(long).mark_line(point=True).encode(
        x=alt.X("year:O", title="End of year"),
        y=alt.Y("refugees:Q", title="Syrian refugees (persons)", axis=alt.Axis(format="~s")),
        color=alt.Color("host:N", title="Host", sort=hosts, scale=alt.Scale(domain=hosts, range=_COLOURS[:len(hosts)])),
        shape=alt.Shape("host:N", title="Host", sort=hosts, scale=shape_scale(hosts)),
        strokeDash=alt.StrokeDash("line:N", title="Line", sort=["UNHCR (real)", "model"],
                                  scale=alt.Scale(domain=["UNHCR (real)", "model"], range=[[1, 0], [5, 4]])),
        detail="line:N",
        tooltip=[alt.Tooltip("host:N", title="Host"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("line:N", title="Line"), alt.Tooltip("refugees:Q", title="Refugees", format=",.0f"),
                 alt.Tooltip("source:N", title="Source")],
    )
    fit = scenario.misfit(rows)
    worst = fit.loc[fit["off_by"].idxmax()]
    best = fit.loc[fit["off_by"].idxmin()]
    span = f"{int(rows['year'].min())}–{int(rows['year'].max())}"
    return titled(
        chart,
        f"The scenario model beside UNHCR’s figures, {span}",
        f"Line chart, one colour per host: solid lines are Syrian refugees recorded by UNHCR at the end of each year, "
        f"dashed lines the scenario model's refugees. {shapes_sentence(hosts, 'host')} Closest: {best['host']} (off by {best['off_by']:.0%} of the "
        f"real figures on average); furthest: {worst['host']} (off by {worst['off_by']:.0%}). {MODEL_NOTE} "
        "Source of the real figures: UNHCR Refugee Data Finder.",
        subtitle=MODEL_NOTE,
    )


def sensitivity_chart(table: pd.DataFrame) -> alt.Chart:
    """Bars: how much each parameter moves an outcome in a sweep (:func:`scenario.sensitivity`).

    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> x = pd.DataFrame({"arrivals": rng.uniform(0, 1, 200), "return_rate": rng.uniform(0, 1, 200)})
    >>> fake = scenario.SweepResult(x, pd.DataFrame({"turned_away": x["arrivals"] - 0.1 * x["return_rate"]}),
    ...                             ("arrivals", "return_rate"), {}, 0, (2013,), {})
    >>> sensitivity_chart(scenario.sensitivity(fake)).to_dict()["title"]["text"]
    'What moves people turned away most'
    """
    require_table(table, ("parameter", "standardised_coefficient", "rank_correlation", "meaning"),
                  "scenario.sensitivity(...)")
    checks.table(table, name="table", types={"standardised_coefficient": "number", "rank_correlation": "number"},
                 empty=False)
    outcome = table.attrs.get("outcome", "turned_away")
    rows = table.assign(direction=table["standardised_coefficient"].map(lambda c: "raises it" if c > 0 else "lowers it"),
                        parameter=table["parameter"].map(_label))
    label = _SHORT.get(outcome, outcome)
    chart = alt.Chart(rows).mark_bar().encode(
        x=alt.X("standardised_coefficient:Q", title=f"Standardised coefficient (effect on {label}, on ranks)"),
        y=alt.Y("parameter:N", sort=list(rows["parameter"]), title=None),
        color=alt.Color("direction:N", title="More of it", sort=["raises it", "lowers it"],
                        scale=alt.Scale(domain=["raises it", "lowers it"], range=[PALETTE[3], PALETTE[0]]),
                        legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("parameter:N", title="Parameter"), alt.Tooltip("meaning:N", title="Meaning"),
                 alt.Tooltip("standardised_coefficient:Q", title="Standardised coefficient", format=".2f"),
                 alt.Tooltip("rank_correlation:Q", title="Rank correlation", format=".2f")],
    ).properties(width=300)

    top = rows.iloc[0]
    return titled(
        chart,
        f"What moves {label} most",
        f"Horizontal bar chart of the standardised regression coefficients (on ranks) of {len(rows)} parameters drawn "
        f"at random in {table.attrs.get('n', 0):,} scenarios; the longest bar moves {label} most: "
        f"{top['parameter']} ({top['standardised_coefficient']:.2f}). Orange-red bars raise it, blue bars lower it. "
        f"{MODEL_NOTE}",
        subtitle=MODEL_NOTE,
    )


def sweep_band_chart(result: scenario.SweepResult, outcome: str = "turned_away", low: float = 0.05,
                     high: float = 0.95) -> alt.LayerChart:
    """A band and a line: the median of ``outcome`` per year across a sweep's scenarios, and its spread.

    The band runs from the ``low`` to the ``high`` quantile (5% to 95% by default).

    >>> from r2pkit import data
    >>> start = scenario.starting_point(data.load("syria_refugees_by_host"), data.load("country_indicators"))
    >>> sweep_band_chart(scenario.sweep(start, n=200, seed=1)).to_dict()["title"]["text"]
    'People turned away across 200 scenarios, 2013–2025'
    """
    checks.instance_of(result, scenario.SweepResult, "result", what="a sweep of the scenario model",
                       allowed="Pass scenario.sweep(start, n=200, seed=1).")
    band = result.band(outcome, low, high)
    band = band.assign(year=band["year"].astype(int))
    label = {"turned_away": "People turned away", "onward": "People on onward journeys",
             "resettled": "People resettled", "stock": "Refugees in the hosts"}[outcome]
    tips = [alt.Tooltip("year:O", title="Year"), alt.Tooltip("median:Q", title="Median", format=",.0f"),
            alt.Tooltip("low:Q", title=f"{low:.0%} of scenarios below", format=",.0f"),
            alt.Tooltip("high:Q", title=f"{high:.0%} of scenarios below", format=",.0f")]
    area = alt.Chart(band).mark_area(opacity=0.3, color=PALETTE[5]).encode(
        x=alt.X("year:O", title="Year"), y=alt.Y("low:Q", title=f"{label} (all hosts, per year)",
                                                 axis=alt.Axis(format="~s")), y2="high:Q", tooltip=tips)
    line = alt.Chart(band).mark_line(point=True, color=PALETTE[0]).encode(x="year:O", y="median:Q", tooltip=tips)
    n = len(result.parameters)
    return titled(
        alt.layer(area, line),
        f"{label} across {n:,} scenarios, {result.years[0]}–{result.years[-1]}",
        f"Line chart with a shaded band: the median over {n:,} scenarios of {label.lower()} each year (line), and the "
        f"range from the {low:.0%} to the {high:.0%} quantile (band). Parameters drawn: {', '.join(result.varied)}. "
        f"{MODEL_NOTE}",
        subtitle=MODEL_NOTE,
    )

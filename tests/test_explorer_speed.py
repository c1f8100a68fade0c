"""What the explorers' quick paths must not change: the same charts, sentences and tables.

The explorers answer a change quickly (issue 17: a median under 30 ms in the kernel,
measured by benchmarks/bench_widgets.py, never timed here) by doing less, not by showing
less: a chart pane turns a chart's table into records in one pass (the transformer
``r2pkit-records`` it registers with altair), an explorer computes a year's host pressure
once for its sentence and its chart, a checklist makes its risk profile once. Each quick
path is checked here against the slow one it replaces, on the kit's own data.
"""
from __future__ import annotations

import math

import altair as alt
import numpy as np
import pandas as pd
import pytest

from r2pkit import charts, data, displacement, prevention, un_votes, widgets
from r2pkit.charts import render
from r2pkit.errors import R2PKitError
from r2pkit.resettlement import arrivals as resettlement_arrivals, figures
from r2pkit.resettlement import scenario
from r2pkit.widgets import ChartPane

QUICK = "r2pkit-records"


def _both(chart: alt.TopLevelMixin) -> tuple[dict, dict]:
    """The chart's spec with altair's default data transformer, and with the panes' quick one."""
    slow = chart.to_dict()
    with alt.data_transformers.enable(QUICK):
        quick = chart.to_dict()
    return slow, quick


@pytest.mark.parametrize("name", data.names())
def test_every_dataset_becomes_the_same_records(name):
    """Every table of the kit, with its dates, gaps, nullable numbers and text, gives the records altair gives."""
    table = data.load(name).head(400)  # altair refuses more than 5,000 rows; both paths the same way
    slow, quick = _both(alt.Chart(table).mark_point())
    assert quick == slow


def test_awkward_columns_give_the_same_records():
    table = pd.DataFrame({
        "text": ["a", None, "c"], "string": pd.array(["x", None, "z"], dtype="string"),
        "whole": [1, 2, 3], "small": np.array([1, 2, 3], dtype="int8"), "real": [0.5, math.nan, math.inf],
        "real32": np.array([0.1, 0.2, 0.3], dtype="float32"), "flag": [True, False, True],
        "maybe": pd.array([True, None, False], dtype="boolean"), "count": pd.array([4, None, 6], dtype="Int64"),
        "float_na": pd.array([0.5, None, 1.5], dtype="Float64"), "mixed": [1, "b", np.int64(3)],
        "nan_text": ["a", math.nan, pd.NA], "array": [np.array([1, 2]), None, np.float64(2.5)],
    })
    slow, quick = _both(alt.Chart(table).mark_point())
    assert quick == slow
    assert quick["datasets"][next(iter(quick["datasets"]))][1]["real"] is None
    # Columns left to altair's own path (dates, categories): the whole table goes there.
    dated = table.assign(when=pd.to_datetime(["2015-01-01", None, "2016-02-03"]),
                         group=pd.Categorical(["p", "q", None]))
    slow, quick = _both(alt.Chart(dated).mark_point())
    assert quick == slow


def test_a_table_altair_refuses_is_refused_the_same_way():
    with pytest.raises(alt.MaxRowsError):
        _both(alt.Chart(pd.DataFrame({"x": range(5001)})).mark_point())


def _explorer_charts() -> list[alt.TopLevelMixin]:
    refugees, indicators = data.load("syria_refugees_by_host"), data.load("country_indicators")
    votes, factors = data.load("unga_syria_votes"), data.load("atrocity_risk_factors")
    start = scenario.starting_point(refugees, indicators, 2012)
    run = scenario.simulate(start)
    none = scenario.simulate(start, resettlement_places=0)
    out = [charts.host_pressure_chart(refugees, indicators, year, measure, highlight=host)
           for year, measure, host in [(2015, "per_1000", "Lebanon"), (2012, "refugees", "Türkiye"),
                                       (2016, "per_usd_gdp_per_head", "Jordan")]]
    out += [charts.voting_record_chart(votes, pair) for pair in (["China", "Russia"], ["Cuba", "Russia"])]
    out += [charts.refugees_by_host(refugees, 2015), charts.timeline_chart(data.load("r2p_timeline"))]
    out += [f(run, base) for f in (charts.host_load_chart, charts.openness_chart, charts.turned_away_chart)
            for base in (None, none)]
    out += [charts.risk_profile_chart(prevention.risk_profile(factors, marked)) for marked in ([], [8, 13])]
    return out


def test_a_pane_shows_the_spec_altair_makes():
    for chart in _explorer_charts():
        pane = ChartPane(chart)
        assert pane.spec == render.browser_spec(chart.to_dict())


def test_a_view_made_without_altairs_debug_checks_is_the_same_and_still_checked():
    """show_for makes a new view's chart with altair's part-by-part checks off: the same spec, the same refusal."""
    for i, chart in enumerate(_explorer_charts()):
        pane = ChartPane()
        pane.show_for(i, lambda: chart.copy())
        assert pane.spec == render.browser_spec(chart.to_dict())
    def bad() -> alt.Chart:  # a wrong value altair's debug mode would refuse as the axis is made
        return alt.Chart(pd.DataFrame({"x": [1]}), title="T", description="D.").mark_point().encode(
            x=alt.X("x:Q", axis=alt.Axis(labelAngle="steep")))

    with pytest.raises(alt.utils.schemapi.SchemaValidationError, match="steep"):
        ChartPane().show_for("bad", bad)


def test_scenario_charts_made_by_the_explorer_are_those_made_afresh():
    refugees, indicators = data.load("syria_refugees_by_host"), data.load("country_indicators")
    start = scenario.starting_point(refugees, indicators, 2012)
    box = widgets.scenario_explorer(refugees, indicators)
    for compare in (False, True):
        box.compare_toggle.value = compare
        for params in ({"capacity_per_1000": 40}, {"arrivals": 1_500_000, "resettlement_places": 300_000}):
            for name, value in params.items():
                box.sliders[name].value = value
            chosen = scenario.Parameters(**{n: s.value for n, s in box.sliders.items()})
            run = scenario.simulate(start, chosen)
            none = scenario.simulate(start, chosen.replace(resettlement_places=0)) if compare else None
            for chart, make in widgets.scenario.CHARTS.items():
                box.chart_menu.value = chart
                assert box.pane.spec == render.browser_spec(make(run, none).to_dict()), (chart, compare, params)


def test_the_member_explorer_says_of_the_two_records_what_it_says_of_the_whole_table():
    """The explorer reads the two members' rows once and gives only them to the sentence, chart and table."""
    votes = data.load("unga_syria_votes")
    box = widgets.member_explorer(votes)
    menu, sentence, pane, table = box.children[:4]
    for name in ("China", "Cuba", "Russia", "United Kingdom", "Tuvalu", "Syria", "Afghanistan"):
        menu.value = name
        members = [name] if name == "Russia" else [name, "Russia"]
        assert un_votes.agreement_sentence(votes, name, "Russia").replace("'", "&#x27;") in sentence.value
        assert pane.spec == render.browser_spec(charts.voting_record_chart(votes, members).to_dict())
        assert table.value == widgets.syria._table_html(un_votes.compare_records(votes, name, "Russia"))


def test_arrivals_by_state_are_those_of_pandas_named_aggregation():
    arrivals = data.load("syria_resettlement_arrivals")
    for first, last in ((2011, 2023), (2016, 2016), (2014, 2018), (2023, 2023)):
        rows = arrivals[arrivals["year"].between(first, last)]
        slow = rows.groupby("state_iso3").agg(state=("state", "first"), arrivals=("resettlement_arrivals", "sum"),
                                              years_with_arrivals=("year", "nunique")).reset_index()
        slow = slow.assign(arrivals=slow["arrivals"].astype("int64")).sort_values(
            ["arrivals", "state_iso3"], ascending=[False, True]).reset_index(drop=True)
        quick = resettlement_arrivals.arrivals_by_state(arrivals, first, last)
        pd.testing.assert_frame_equal(quick.drop(columns="source"), slow)


def test_state_figures_are_those_read_row_by_row():
    indicators, refugees = data.load("country_indicators"), data.load("syria_refugees_by_host")
    states = ["GBR", "DEU", "LBN", "TUR", "CAN", "JOR"]
    for year in (2012, 2016, 2020):
        quick = figures.state_figures(indicators, refugees, states, year)
        rows = indicators[indicators["year"] == year].set_index("iso3")
        host = refugees[refugees["year"] == year].set_index("host_iso3")
        for _, got in quick.iterrows():
            c = got["state"]
            assert got["population"] == float(rows.loc[c, "population"]) and got["gdp"] == float(
                rows.loc[c, "gdp_current_usd"])
            hosted = float(host.loc[c, "refugees"]) if c in host.index and pd.notna(host.loc[c, "refugees"]) else None
            assert (math.isnan(got["refugees_hosted"]) and hosted is None) or got["refugees_hosted"] == hosted
            assert got["source"] == f"{rows.loc[c, 'source']}" + (f" | {host.loc[c, 'source']}" if c in host.index
                                                                   else "")
    twice = pd.concat([indicators, indicators[(indicators["iso3"] == "GBR") & (indicators["year"] == 2016)]])
    with pytest.raises(R2PKitError, match="'GBR' twice"):
        figures.state_figures(twice, refugees, states, 2016)


def test_host_pressure_given_or_computed_gives_the_same_sentence_and_chart():
    refugees, indicators = data.load("syria_refugees_by_host"), data.load("country_indicators")
    for year in (2012, 2015, 2020, displacement.years(refugees)[-1]):
        every = displacement.host_pressure(refugees, indicators, year)
        for host in ("Lebanon", "Türkiye", "Germany", "United Kingdom"):
            for measure in displacement.MEASURES:
                assert displacement.host_pressure_sentence(refugees, indicators, host, year, measure,
                                                           pressure=every) == \
                    displacement.host_pressure_sentence(refugees, indicators, host, year, measure)
        assert charts.host_pressure_chart(refugees, indicators, year, "refugees", highlight="Jordan",
                                          pressure=every).to_dict() == \
            charts.host_pressure_chart(refugees, indicators, year, "refugees", highlight="Jordan").to_dict()


def test_a_wrong_pressure_table_is_refused_plainly():
    refugees, indicators = data.load("syria_refugees_by_host"), data.load("country_indicators")
    with pytest.raises(Exception, match="not a table with the columns year, host"):
        displacement.host_pressure_sentence(refugees, indicators, "Lebanon", 2015, pressure=refugees)


def test_indicators_from_a_profile_given_are_those_made_afresh():
    factors = data.load("atrocity_risk_factors")
    for marked in ([], [8], [9, 14, "Motives or incentives"], [7, 8, 9, 13, 14]):
        profile = prevention.risk_profile(factors, marked)
        pd.testing.assert_frame_equal(prevention.indicators_of(factors, marked, profile=profile),
                                      prevention.indicators_of(factors, marked))


def test_the_host_pressure_explorer_shows_what_the_model_says():
    refugees, indicators = data.load("syria_refugees_by_host"), data.load("country_indicators")
    box = widgets.host_pressure_explorer(refugees, indicators)
    host, year, measure, sentence, pane = box.children[:5]
    for h, y, m in [("Jordan", 2016, "refugees"), ("Lebanon", 2016, "refugees"), ("Lebanon", 2013, "per_1000")]:
        measure.value, host.value, year.value = m, h, y
        assert displacement.host_pressure_sentence(refugees, indicators, h, y, m) in sentence.value.replace(
            "&#x27;", "'")
        assert pane.spec == render.browser_spec(
            charts.host_pressure_chart(refugees, indicators, y, m, highlight=h).to_dict())

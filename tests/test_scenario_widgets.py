"""Charts and the explorer widget of the resettlement scenario model."""
from __future__ import annotations


import pandas as pd
import pytest

from r2pkit import charts
from r2pkit.charts import scenario as cs
from r2pkit.resettlement import scenario as sc
from r2pkit.charts import render
from r2pkit.errors import R2PKitError
from r2pkit.widgets.scenario import CHARTS, SLIDERS, scenario_explorer


@pytest.fixture(scope="module")
def start(refugees, indicators) -> sc.Start:
    return sc.starting_point(refugees, indicators)


@pytest.fixture(scope="module")
def runs(start) -> tuple[pd.DataFrame, pd.DataFrame]:
    return sc.simulate(start), sc.simulate(start, resettlement_places=0)


def values_of(spec: dict, part: dict | None = None) -> list[dict]:
    """The rows a (layer of a) chart spec draws."""
    part = part or spec
    name = part.get("data", spec.get("data", {})).get("name")
    return spec["datasets"][name]


def desc(pane) -> str:
    """What a pane's chart says to a screen reader (its description)."""
    return pane.spec["description"]


# ----------------------------------------------------------------- charts
def test_every_scenario_chart_is_accessible_and_labelled_as_a_model(start, runs, refugees):
    run, base = runs
    result = sc.sweep(start, n=300, seed=2)
    built = [cs.host_load_chart(run), cs.host_load_chart(run, base), cs.openness_chart(run, base),
             cs.turned_away_chart(run), cs.turned_away_chart(run, base),
             cs.model_vs_data_chart(sc.compare_with_data(run, refugees)),
             cs.sensitivity_chart(sc.sensitivity(result)), cs.sweep_band_chart(result)]
    for chart in built:
        charts.require_accessible(chart)
        spec = chart.to_dict()
        assert "not a forecast" in spec["title"]["subtitle"] and "not a forecast" in spec["description"]


def test_load_chart_draws_the_run_and_the_capacity_line(runs):
    run, base = runs
    spec = cs.host_load_chart(run, base).to_dict()
    rule, lines = spec["layer"]
    assert values_of(spec, rule) == [{"load": 1.0, "what": "capacity (load = 1)"}]
    rows = pd.DataFrame(values_of(spec, lines))
    mine = rows[rows["scenario"] == "this scenario"].set_index(["year", "host"])["load"]
    expected = run.set_index(["year", "host"])["load"]
    assert mine.sort_index().to_numpy() == pytest.approx(expected.sort_index().to_numpy())
    assert set(rows["scenario"]) == {"this scenario", "with no resettlement"}
    colour = lines["encoding"]["color"]
    assert colour["field"] == "host" and colour["scale"]["range"] == charts.PALETTE[:5]
    assert lines["encoding"]["strokeDash"]["field"] == "scenario"


def test_openness_chart_runs_from_0_to_1(runs):
    run, _ = runs
    spec = cs.openness_chart(run).to_dict()
    assert spec["encoding"]["y"]["scale"]["domain"] == [0, 1]
    rows = pd.DataFrame(values_of(spec))
    assert rows["openness"].between(0, 1).all() and len(rows) == len(run)
    lowest = run.loc[run["openness"].idxmin()]
    assert f"Lowest: {lowest['host']} at {lowest['openness']:.0%} in {int(lowest['year'])}" in spec["description"]


def test_turned_away_chart_stacks_hosts_and_adds_the_no_resettlement_total(runs):
    run, base = runs
    spec = cs.turned_away_chart(run, base).to_dict()
    bars, labels, line = spec["layer"]
    assert labels["mark"]["type"] == "text", "each segment tall enough carries its host's code"
    assert bars["mark"]["type"] == "bar" and bars["encoding"]["y"]["aggregate"] == "sum"
    assert pd.DataFrame(values_of(spec, bars))["turned_away"].sum() == pytest.approx(run["turned_away"].sum())
    totals = base.groupby("year")["turned_away"].sum()
    drawn = pd.DataFrame(values_of(spec, line)).set_index("year")["turned_away"]
    assert drawn.to_numpy() == pytest.approx(totals.to_numpy())
    assert f"{base['turned_away'].sum():,.0f} in all" in spec["description"]


def test_model_vs_data_chart_draws_unhcr_figures_and_the_model(runs, refugees):
    run, _ = runs
    spec = cs.model_vs_data_chart(sc.compare_with_data(run, refugees)).to_dict()
    rows = pd.DataFrame(values_of(spec))
    real = rows[(rows["line"] == "UNHCR (real)") & (rows["host"] == "Lebanon") & (rows["year"] == 2014)]
    expected = refugees.loc[(refugees["year"] == 2014) & (refugees["host_iso3"] == "LBN"), "refugees"].iloc[0]
    assert real["refugees"].iloc[0] == expected
    assert "UNHCR Refugee Data Finder" in real["source"].iloc[0]
    assert set(rows["host"]) == set(run["host"]), "the all-hosts total is left out by default"


def test_sensitivity_chart_has_one_bar_per_drawn_parameter(start):
    result = sc.sweep(start, n=500, seed=3, ranges={"arrivals": (1e5, 1e6), "resettlement_places": (0, 1e5)})
    spec = cs.sensitivity_chart(sc.sensitivity(result)).to_dict()
    rows = values_of(spec)
    assert sorted(r["parameter"] for r in rows) == ["arrivals", "resettlement places a year"]  # in words
    assert spec["encoding"]["color"]["scale"]["range"] == [charts.PALETTE[3], charts.PALETTE[0]]


# ----------------------------------------------------------------- the explorer
def test_sliders_start_at_the_defaults_and_cover_them(refugees, indicators):
    box = scenario_explorer(refugees, indicators)
    defaults = sc.Parameters()
    assert set(box.sliders) == set(sc.PARAMETER_NAMES) == set(SLIDERS)
    for name, slider in box.sliders.items():
        assert slider.value == pytest.approx(getattr(defaults, name)), name
        assert slider.min <= getattr(defaults, name) <= slider.max
        assert not slider.continuous_update, "one redraw per release, not per pixel"
    assert repr(box).startswith("ScenarioExplorer(resettlement_places=20000, arrivals=690000,")


def test_moving_a_slider_redraws_the_chart_with_the_new_scenario(refugees, indicators, start):
    box = scenario_explorer(refugees, indicators)
    assert box.chart_menu.value == "Host load" and box.chart_menu.options == tuple(CHARTS)
    before = box.pane.value
    box.sliders["capacity_per_1000"].value = 40
    assert box.pane.value != before
    expected = sc.simulate(start, capacity_per_1000=40)
    highest = expected.loc[expected["load"].idxmax()]
    assert f"Highest: {highest['host']} at {highest['load']:.2f}" in desc(box.pane)
    assert f"{expected['turned_away'].sum():,.0f} people are turned away" in box.sentence.value
    assert sc.extremes_sentence(expected) in box.sentence.value


def test_a_chart_chosen_after_the_sliders_moved_shows_the_current_scenario(refugees, indicators, start):
    """Only the chart on show is built at a change; one chosen later is built from the scenario of the moment."""
    box = scenario_explorer(refugees, indicators)
    box.sliders["capacity_per_1000"].value = 40
    box.sliders["arrivals"].value = 1_000_000
    expected = sc.simulate(start, capacity_per_1000=40, arrivals=1_000_000)
    for name, make in CHARTS.items():
        box.chart_menu.value = name
        assert box.pane.spec == render.browser_spec(make(expected).to_dict()), name
    assert f"{expected['turned_away'].sum():,.0f} in all" in desc(box.pane)
    box.compare_toggle.value = True  # with the turned-away chart on show
    none = sc.simulate(start, capacity_per_1000=40, arrivals=1_000_000, resettlement_places=0)
    assert box.pane.spec == render.browser_spec(cs.turned_away_chart(expected, none).to_dict())
    box.chart_menu.value = "Openness"
    assert box.pane.spec == render.browser_spec(cs.openness_chart(expected, none).to_dict())
    assert box.pane.text.startswith("Chart: Openness of the hosts") and "Lowest:" in box.pane.text


def test_the_explorer_starts_on_the_chart_asked_for(refugees, indicators):
    box = scenario_explorer(refugees, indicators, chart="people turned away")
    assert box.chart_menu.value == "People turned away" and box.pane.title.startswith("People turned away")
    with pytest.raises(R2PKitError, match="Host load"):
        scenario_explorer(refugees, indicators, chart="pressure")


def test_every_slider_changes_the_outputs(refugees, indicators):
    box = scenario_explorer(refugees, indicators, params=sc.Parameters(capacity_per_1000=40))
    for name, slider in box.sliders.items():
        before = (box.sentence.value, box.pane.value)
        slider.value = slider.max if slider.value != slider.max else slider.min
        assert (box.sentence.value, box.pane.value) != before, name


def test_compare_toggle_adds_the_run_with_no_resettlement(refugees, indicators, start):
    box = scenario_explorer(refugees, indicators)
    box.sliders["resettlement_places"].value = 200_000
    assert "no resettlement" not in box.sentence.value
    box.compare_toggle.value = True
    none = sc.simulate(start, resettlement_places=0)
    assert f"With no resettlement, {none['turned_away'].sum():,.0f} would be turned away" in box.sentence.value
    assert "with no resettlement" in box.pane.value
    box.chart_menu.value = "People turned away"
    assert "no resettlement" in desc(box.pane)
    assert repr(box).endswith("compare=True)")

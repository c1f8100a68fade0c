"""Host pressure: refugees set against the hosts' population and wealth (r2pkit.displacement).

Expected values are computed here with plain pandas from the two datasets, joined by hand
on ISO3 code and year, never copied from the function's own output.
"""
from __future__ import annotations

import math

import pandas as pd
import pytest

from r2pkit import charts, displacement, widgets
from r2pkit.errors import R2PKitError, UnknownNameError


def _cell(table: pd.DataFrame, iso3: str, year: int, column: str, code: str = "host_iso3"):
    row = table[(table[code] == iso3) & (table["year"] == year)]
    assert len(row) == 1
    return row[column].iloc[0]


def test_lebanon_2015_per_1000_computed_by_hand(refugees, indicators):
    n = int(_cell(refugees, "LBN", 2015, "refugees"))
    pop = int(_cell(indicators, "LBN", 2015, "population", "iso3"))
    row = displacement.host_pressure(refugees, indicators, 2015, hosts="Lebanon").iloc[0]
    assert row["refugees"] == n and row["population"] == pop
    assert row["per_1000"] == pytest.approx(n / pop * 1000)
    assert row["pct_of_population"] == pytest.approx(100 * n / pop)
    world = int(_cell(refugees, "WLD", 2015, "refugees"))
    assert row["share_of_world"] == pytest.approx(n / world)


def test_germany_2015_gdp_per_head_and_refugees_per_dollar(refugees, indicators):
    n = int(_cell(refugees, "DEU", 2015, "refugees"))
    pop = int(_cell(indicators, "DEU", 2015, "population", "iso3"))
    gdp = float(_cell(indicators, "DEU", 2015, "gdp_current_usd", "iso3"))
    row = displacement.host_pressure(refugees, indicators, 2015, hosts=["DEU"]).iloc[0]
    assert row["gdp_per_head"] == pytest.approx(gdp / pop)
    assert row["per_usd_gdp_per_head"] == pytest.approx(n / (gdp / pop))


def test_one_row_per_host_and_year_without_the_world_total(refugees, indicators):
    table = displacement.host_pressure(refugees, indicators)
    hosts = refugees[refugees["host_iso3"] != "WLD"]
    assert len(table) == len(hosts)
    assert "WLD" not in set(table["host_iso3"])
    assert not table.duplicated(["host_iso3", "year"]).any()


def test_missing_gdp_stays_missing_without_a_crash(refugees, indicators):
    gdp = _cell(indicators, "LBN", 2023, "gdp_current_usd", "iso3")
    assert pd.isna(gdp), "the World Bank GDP series for Lebanon ends in 2022"
    row = displacement.host_pressure(refugees, indicators, 2023, hosts="LBN").iloc[0]
    assert math.isnan(row["gdp_per_head"]) and math.isnan(row["per_usd_gdp_per_head"])
    assert not math.isnan(row["per_1000"])


def test_a_refugee_year_without_world_bank_figures_gives_nan(refugees, indicators):
    last = displacement.years(refugees)[-1]
    assert last not in set(indicators["year"].astype(int))
    table = displacement.host_pressure(refugees, indicators, last)
    assert table["population"].isna().all() and table["per_1000"].isna().all()
    assert table["refugees"].notna().any()


def test_shares_of_the_world_total_add_up_to_at_most_one(refugees, indicators):
    table = displacement.host_pressure(refugees, indicators)
    sums = table.groupby("year")["share_of_world"].sum()
    assert (sums <= 1 + 1e-9).all() and (sums > 0.5).all()


def test_share_of_hosts_for_the_four_neighbours(refugees):
    four = ["LBN", "TUR", "JOR", "IRQ"]
    rows = refugees[refugees["year"] == 2016]
    held = int(rows[rows["host_iso3"].isin(four)]["refugees"].sum())
    world = int(rows[rows["host_iso3"] == "WLD"]["refugees"].iloc[0])
    got = displacement.share_of_hosts(refugees, 2016, ["Lebanon", "Turkey", "jor", "Iraq"])
    assert (got.refugees, got.world) == (held, world)
    assert got.share == pytest.approx(held / world)
    assert got.hosts == ("Lebanon", "Türkiye", "Jordan", "Iraq")


def test_world_totals_are_the_world_rows(refugees):
    totals = displacement.world_totals(refugees)
    plain = refugees[refugees["host_iso3"] == "WLD"].sort_values("year")
    assert totals["refugees"].tolist() == plain["refugees"].tolist()
    assert totals["year"].tolist() == displacement.years(refugees)


@pytest.mark.parametrize("year", [2005, 2100, "2015", True])
def test_a_year_outside_the_data_says_which_years_exist(refugees, indicators, year):
    years = displacement.years(refugees)
    with pytest.raises(R2PKitError, match=f"{years[0]} to {years[-1]}|Write a year as a whole number"):
        displacement.host_pressure(refugees, indicators, year)
    with pytest.raises(R2PKitError, match=f"{years[0]} to {years[-1]}|Write a year as a whole number"):
        displacement.share_of_hosts(refugees, year, ["LBN"])


def test_unknown_host_suggests_the_closest(refugees, indicators):
    with pytest.raises(UnknownNameError, match="Did you mean 'Lebanon'"):
        displacement.host_pressure(refugees, indicators, 2015, hosts="Lebanom")
    with pytest.raises(UnknownNameError, match="where the refugees come from"):
        displacement.find_host(refugees, "Syria")
    assert displacement.find_host(refugees, "Egypt, Arab Rep.", indicators) == ("Egypt", "EGY")


def test_unknown_measure_names_the_measures(refugees, indicators):
    with pytest.raises(UnknownNameError) as info:
        displacement.rank_hosts(refugees, indicators, 2015, "per 1000")
    assert "Did you mean 'per_1000'" in str(info.value)
    assert all(f"{m} ({label})" in str(info.value) for m, label in displacement.MEASURES.items())


def test_rank_hosts_orders_by_the_measure(refugees, indicators):
    ranked = displacement.rank_hosts(refugees, indicators, 2016, "per_1000")
    r = refugees[(refugees["year"] == 2016) & (refugees["host_iso3"] != "WLD")]
    i = indicators[indicators["year"] == 2016]
    plain = r.merge(i, left_on="host_iso3", right_on="iso3")
    plain = plain.assign(x=plain["refugees"].astype(float) / plain["population"].astype(float))
    assert ranked["host_iso3"].tolist() == plain.sort_values("x", ascending=False)["host_iso3"].tolist()
    assert ranked["rank"].tolist() == list(range(1, len(ranked) + 1))


def test_rank_hosts_says_when_no_world_bank_figures(refugees, indicators):
    last = displacement.years(refugees)[-1]
    with pytest.raises(R2PKitError, match="World Bank figures"):
        displacement.rank_hosts(refugees, indicators, last, "per_1000")


def test_sentence_gives_the_figure_and_the_rank(refugees, indicators):
    n = int(_cell(refugees, "LBN", 2015, "refugees"))
    pop = int(_cell(indicators, "LBN", 2015, "population", "iso3"))
    text = displacement.host_pressure_sentence(refugees, indicators, "lebanon", 2015, "per_1000")
    assert f"{n:,}" in text and f"{n / pop * 1000:.1f} per 1,000" in text


# ------------------------------------------------------------------ charts
def test_host_pressure_chart_shows_the_ranking(refugees, indicators):
    chart = charts.host_pressure_chart(refugees, indicators, 2016, "per_usd_gdp_per_head", top=5, highlight="JOR")
    charts.require_accessible(chart)
    spec = chart.to_dict()
    assert spec["encoding"]["x"]["field"] == "per_usd_gdp_per_head"
    values = _values(chart)
    expected = displacement.rank_hosts(refugees, indicators, 2016, "per_usd_gdp_per_head", top=5)
    assert [v["host"] for v in values] == expected["host"].tolist()
    assert [v["host"] for v in values if v["chosen"]] == (["Jordan"] if "Jordan" in expected["host"].tolist() else [])
    assert spec["title"] == "Syrian refugees per US$1 of GDP per head, 2016"


def test_host_pressure_chart_refuses_an_unknown_measure(refugees, indicators):
    with pytest.raises(UnknownNameError, match="measure"):
        charts.host_pressure_chart(refugees, indicators, 2016, "burden")


def test_refugees_over_time_draws_the_chosen_hosts(refugees):
    chart = charts.refugees_over_time(refugees, ["Lebanon", "JOR"], with_world=True)
    charts.require_accessible(chart)
    values = _values(chart)
    assert {v["host_iso3"] for v in values} == {"LBN", "JOR", "WLD"}
    lebanon = {v["year"]: v["refugees"] for v in values if v["host_iso3"] == "LBN"}
    assert lebanon[2015] == int(_cell(refugees, "LBN", 2015, "refugees"))


def test_refugees_over_time_defaults_to_the_largest_hosts(refugees):
    values = _values(charts.refugees_over_time(refugees, top=3))
    peaks = refugees[refugees["host_iso3"] != "WLD"].groupby("host_iso3")["refugees"].max()
    assert {v["host_iso3"] for v in values} == set(peaks.sort_values(ascending=False).index[:3])


def test_refugees_over_time_limits_the_lines_to_the_palette(refugees):
    with pytest.raises(R2PKitError, match="At most 8"):
        charts.refugees_over_time(refugees, top=9)


def _values(chart) -> list[dict]:
    spec = chart.to_dict()
    return spec["datasets"][next(iter(spec["datasets"]))]


# ------------------------------------------------------------------ widget
def test_explorer_controls_change_the_sentence_and_chart(refugees, indicators):
    box = widgets.host_pressure_explorer(refugees, indicators, "Lebanon", 2015, "per_1000")
    host, year, measure, sentence, pane, _keys = box.children
    assert year.max == 2024 and year.min == 2011
    start = (sentence.value, pane.value)
    measure.value = "per_usd_gdp_per_head"
    assert pane.value != start[1] and "per US$1 of GDP per head, 2015" in repr(pane)
    assert sentence.value != start[0] and "per US$1 of GDP per head" in sentence.value
    year.value = 2019
    assert "end of 2019" in sentence.value and "2019" in repr(pane)
    host.value = "Germany"
    assert "Germany hosted" in sentence.value
    assert repr(box) == "HostPressureExplorer(host='Germany', year=2019, measure='per_usd_gdp_per_head')"


def test_explorer_refuses_a_year_outside_both_datasets(refugees, indicators):
    with pytest.raises(R2PKitError, match="Choose a year from 2011 to 2024"):
        widgets.host_pressure_explorer(refugees, indicators, year=2025)


def _plain_years(refugees, indicators, measure):
    """The years in which some host has the measure, joined by hand (no kit code)."""
    hosts = refugees[refugees["host_iso3"] != "WLD"].merge(
        indicators, left_on=["host_iso3", "year"], right_on=["iso3", "year"], how="left")
    has = hosts["refugees"].notna()
    if measure != "refugees":
        has &= hosts["population"].notna()
    if measure == "per_usd_gdp_per_head":
        has &= hosts["gdp_current_usd"].notna()
    return sorted(int(y) for y in hosts.loc[has, "year"].unique())


@pytest.mark.parametrize("measure", list(displacement.MEASURES))
def test_measure_years_are_the_years_with_a_figure(refugees, indicators, measure):
    assert displacement.measure_years(refugees, indicators, measure) == _plain_years(refugees, indicators, measure)


def test_rank_pressure_ranks_a_table_as_rank_hosts_does(refugees, indicators):
    table = displacement.host_pressure(refugees, indicators, 2016)
    mine = displacement.rank_pressure(table, "per_usd_gdp_per_head")
    assert mine.equals(displacement.rank_hosts(refugees, indicators, 2016, "per_usd_gdp_per_head"))
    assert mine["per_usd_gdp_per_head"].is_monotonic_decreasing


def test_no_gdp_year_is_explained_with_the_years_that_have_it(refugees, indicators):
    gdp = _plain_years(refugees, indicators, "per_usd_gdp_per_head")
    with pytest.raises(R2PKitError, match=f"World Bank figures in the kit give it for {gdp[0]}–{gdp[-1]}"):
        displacement.rank_hosts(refugees, indicators, gdp[-1] + 1, "per_usd_gdp_per_head")


def test_explorer_year_slider_follows_the_measure(refugees, indicators):
    # The bug: the last year with population (but no GDP) and the GDP measure raised in the redraw.
    per_head = _plain_years(refugees, indicators, "per_1000")
    gdp = _plain_years(refugees, indicators, "per_usd_gdp_per_head")
    counts = _plain_years(refugees, indicators, "refugees")
    assert gdp[-1] < per_head[-1] < counts[-1], "test set-up: the three measures end in different years"
    box = widgets.host_pressure_explorer(refugees, indicators, "Lebanon", per_head[-1], "per_1000")
    host, year, measure, sentence, pane, _keys = box.children
    measure.value = "per_usd_gdp_per_head"  # no error: the year moves back to the last with GDP
    assert (year.min, year.max, year.value) == (gdp[0], gdp[-1], gdp[-1])
    assert f"end of {gdp[-1]}" in sentence.value and repr(pane).endswith(f"GDP per head, {gdp[-1]}')")
    measure.value = "refugees"  # the number of refugees goes on to the last UNHCR year
    assert (year.max, year.value) == (counts[-1], gdp[-1])
    year.value = counts[-1]
    assert f"end of {counts[-1]}" in sentence.value and repr(pane).endswith(f"(persons), {counts[-1]}')")
    with pytest.raises(R2PKitError, match=f"Choose a year from {gdp[0]} to {gdp[-1]}"):
        widgets.host_pressure_explorer(refugees, indicators, year=per_head[-1], measure="per_usd_gdp_per_head")


def test_explorer_redraws_once_per_change(refugees, indicators, monkeypatch):
    box = widgets.host_pressure_explorer(refugees, indicators, "Lebanon", 2015, "per_1000")
    drawn: list[str] = []
    real = charts.ChartPane.show
    monkeypatch.setattr(charts.ChartPane, "show", lambda self, chart: drawn.append("x") or real(self, chart))
    box.children[2].value = "per_usd_gdp_per_head"  # year stays in range: one redraw
    box.children[2].value = "refugees"
    last_count, last_per_head = (_plain_years(refugees, indicators, m)[-1] for m in ("refugees", "per_1000"))
    box.children[1].value = last_count
    box.children[2].value = "per_1000"  # the year must move back first: still one redraw
    assert len(drawn) == 4 and box.children[1].value == last_per_head


def test_explorer_shows_a_kit_error_in_its_sentence_not_a_stale_chart(refugees, indicators, monkeypatch):
    box = widgets.host_pressure_explorer(refugees, indicators, "Lebanon", 2015, "per_1000")
    sentence, pane = box.children[3:5]

    def fails(*args, **kwargs):
        raise R2PKitError("No figure for this choice.")

    monkeypatch.setattr(displacement, "host_pressure_sentence", fails)
    box.children[0].value = "Jordan"
    assert sentence.value == "<p>No figure for this choice.</p>" and pane.value == ""

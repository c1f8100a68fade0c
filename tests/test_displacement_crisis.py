"""Displacement for any crisis record: the same functions, a crisis in place of the tables, its own words."""
from __future__ import annotations

import pytest

from r2pkit import charts, crisis, data, displacement
from r2pkit.errors import R2PKitError

MYANMAR, SYRIA = crisis.MYANMAR, crisis.SYRIA


def test_a_crisis_gives_the_same_results_as_its_tables():
    refugees, indicators = data.load("myanmar_refugees_by_host"), data.load("country_indicators")
    assert displacement.host_pressure(MYANMAR, 2018).equals(displacement.host_pressure(refugees, indicators, 2018))
    assert displacement.by_host(MYANMAR, 2017).equals(displacement.top_hosts(refugees, 2017))
    assert displacement.world_totals(MYANMAR).equals(displacement.world_totals(refugees))


def test_myanmar_figures():
    top = displacement.by_host("myanmar", 2018, top=1).iloc[0]
    assert (top["host"], int(top["refugees"])) == ("Bangladesh", 906_635)
    world = displacement.world_totals(MYANMAR).set_index("year")["refugees"]
    assert round(world[2017] / 1e6, 2) == 1.16
    bgd = displacement.host_pressure(MYANMAR, 2018, "Bangladesh").iloc[0]
    assert bgd["per_1000"] == pytest.approx(906_635 / bgd["population"] * 1000)


def test_words_follow_the_crisis():
    assert "people from Myanmar were refugees" in displacement.year_summary(MYANMAR, 2017)
    assert "Syrians were refugees" in displacement.year_summary(data.load("syria_refugees_by_host"), 2015)
    assert "refugees from Myanmar" in displacement.host_pressure_sentence(MYANMAR, host="BGD", year=2018)
    assert displacement.measures(data.load("syria_refugees_by_host"))["refugees"] == "Syrian refugees (persons)"
    assert charts.refugees_by_host(MYANMAR, 2018).to_dict()["title"] == "Refugees from Myanmar by host country, 2018"
    assert charts.host_pressure_chart(data.load("syria_refugees_by_host"), data.load("country_indicators"),
                                      2015).to_dict()["title"] == "Syrian refugees per 1,000 inhabitants, 2015"


def test_the_origin_is_not_a_host():
    with pytest.raises(R2PKitError, match="Myanmar is where the refugees come from"):
        displacement.find_host(MYANMAR, "Burma")
    with pytest.raises(R2PKitError, match="Syria is where the refugees come from"):
        displacement.find_host(data.load("syria_refugees_by_host"), "Syrian Arab Republic")


def test_hosts_without_world_bank_figures_stay_missing():
    pressure = displacement.host_pressure(MYANMAR, 2018).set_index("host_iso3")
    assert pressure.loc["NPL", "per_1000"] != pressure.loc["NPL", "per_1000"]  # NaN: no World Bank row in the kit
    assert "no World Bank row" in pressure.loc["NPL", "source"]

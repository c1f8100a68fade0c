"""The chart that sets the hosts of two crises on one scale (notebook 07)."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from r2pkit import charts
from r2pkit.errors import R2PKitError

ROWS = pd.DataFrame({
    "crisis": ["Myanmar", "Syria", "Syria", "Syria"],
    "host": ["Bangladesh", "Lebanon", "Jordan", "Türkiye"],
    "year": [2018] * 4,
    "refugees": [906635, 944181, 676283, 3622366],
    "population": [163523103, 5984119, 10462306, 81407204],
    "per_1000": [5.5, 157.8, 64.6, 44.5],
    "gdp_per_head": [1965.2, 9174.5, 4145.4, 9568.8],
    "per_usd_gdp_per_head": [461.3, 102.9, 163.1, math.nan],
    "source": ["s"] * 4,
})


def test_one_bar_per_host_and_crisis_coloured_by_crisis_and_accessible():
    chart = charts.host_pressure_across(ROWS, "per_1000")
    charts.require_accessible(chart)
    spec = chart.to_dict()
    values = next(iter(spec["datasets"].values()))
    assert [v["bar"] for v in values] == ["Lebanon (Syria)", "Jordan (Syria)", "Türkiye (Syria)",
                                          "Bangladesh (Myanmar)"]  # ranked, highest first
    assert spec["encoding"]["color"]["field"] == "crisis"
    assert spec["encoding"]["color"]["scale"]["domain"] == ["Myanmar", "Syria"]
    assert len(set(spec["encoding"]["color"]["scale"]["range"])) == 2
    assert "Bangladesh (Myanmar) 5.5" in spec["description"]


def test_a_host_without_a_figure_is_left_out_and_the_description_says_so():
    chart = charts.host_pressure_across(ROWS, "per_usd_gdp_per_head")
    values = next(iter(chart.to_dict()["datasets"].values()))
    assert "Türkiye (Syria)" not in [v["bar"] for v in values]
    assert "No figure for Türkiye (Syria)." in chart.to_dict()["description"]
    assert [v["bar"] for v in values][0] == "Bangladesh (Myanmar)"


@pytest.mark.parametrize("bad, words", [
    (ROWS.drop(columns="crisis"), "crisis"),
    (ROWS.iloc[0:0], "at least one row"),
    ("Bangladesh", "table"),
])
def test_bad_input_gets_one_clear_message(bad, words):
    with pytest.raises(R2PKitError, match=words):
        charts.host_pressure_across(bad)

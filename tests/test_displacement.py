"""Who hosts Syria's refugees: the pure functions behind notebook 00's chart and widget."""
from __future__ import annotations

import pytest

from r2pkit import displacement, widgets
from r2pkit.errors import R2PKitError


def test_years_cover_2011_onwards(refugees):
    years = displacement.years(refugees)
    assert years[0] == 2011 and years == list(range(years[0], years[-1] + 1))


@pytest.mark.parametrize("year", [2012, 2015, 2021])
def test_top_hosts_are_the_largest_without_the_world_total(refugees, year):
    top = displacement.top_hosts(refugees, year, top=5)
    rows = refugees[(refugees["year"] == year) & (refugees["host_iso3"] != "WLD")]
    expected = rows.sort_values("refugees", ascending=False).head(5)
    assert list(top["host_iso3"]) == list(expected["host_iso3"])
    world = int(refugees[(refugees["year"] == year) & (refugees["host_iso3"] == "WLD")]["refugees"].iloc[0])
    assert top["share"].tolist() == pytest.approx([int(r) / world for r in expected["refugees"]], abs=1e-4)
    assert "WLD" not in set(top["host_iso3"])


def test_year_summary_names_the_largest_host_and_the_total(refugees):
    text = displacement.year_summary(refugees, 2015)
    world = int(refugees[(refugees["year"] == 2015) & (refugees["host_iso3"] == "WLD")]["refugees"].iloc[0])
    first = displacement.top_hosts(refugees, 2015, 1).iloc[0]
    assert f"{world:,}" in text and first["host"] in text


@pytest.mark.parametrize("year", [2005, 2100, "2015", 2015.5, True])
def test_a_year_outside_the_data_says_which_years_exist(refugees, year):
    with pytest.raises(R2PKitError) as info:
        displacement.top_hosts(refugees, year)
    years = displacement.years(refugees)
    assert f"from {years[0]} to {years[-1]}" in str(info.value)


@pytest.mark.parametrize("top", [0, -1, 2.5, "3"])
def test_top_must_be_a_positive_whole_number(refugees, top):
    with pytest.raises(R2PKitError, match="whole number of at least 1"):
        displacement.top_hosts(refugees, 2015, top)


def test_explorer_has_a_short_stable_repr(refugees):
    box = widgets.host_year_explorer(refugees, 2015)
    assert isinstance(box, widgets.HostYearExplorer) and repr(box) == "HostYearExplorer(year=2015)"
    box.children[0].value = 2019
    assert repr(box) == "HostYearExplorer(year=2019)"


def test_explorer_slider_updates_sentence_and_chart(refugees):
    box = widgets.host_year_explorer(refugees, 2015)
    slider, sentence, pane, _keys = box.children
    before = (sentence.value, pane.value)
    slider.value = 2012
    assert sentence.value != before[0] and "end of 2012" in sentence.value
    assert pane.value != before[1] and repr(pane).endswith("2012')")

"""Resettlement for any crisis record: arrivals, fair shares and the scenario, a crisis in place of its tables."""
from __future__ import annotations

import pytest

from r2pkit import crisis, data
from r2pkit.errors import R2PKitError
from r2pkit.resettlement import arrivals, fair_shares, figures, scenario

MYANMAR, SYRIA = crisis.MYANMAR, crisis.SYRIA


def test_syrias_defaults_are_its_record():
    """The defaults that were Syria's (2011-2023, the five hosts) now come from Syria's record."""
    table = data.load("syria_resettlement_arrivals")
    assert arrivals.arrivals_by_state(table).equals(arrivals.arrivals_by_state(table, 2011, 2023))
    assert SYRIA.compare_years == (2011, 2023) and SYRIA.main_hosts == scenario.FIVE_HOSTS
    assert scenario.starting_point(SYRIA).iso3 == scenario.FIVE_HOSTS


def test_myanmar_arrivals_and_fair_shares():
    by_state = arrivals.arrivals_by_state(MYANMAR)
    assert by_state.iloc[0]["state_iso3"] == "USA"
    assert "origin MYA, 2007–2023; dataset myanmar_resettlement_arrivals" in by_state.iloc[0]["source"]
    states = arrivals.resettlement_states(MYANMAR)
    assert "MMR" not in states and states[0] == "USA"
    table = arrivals.compare_with_fair_shares(MYANMAR, "population")
    assert int(table["arrivals"].sum()) == int(table["fair_share"].sum())
    assert "people from Myanmar" in arrivals.comparison_sentence(table)
    alloc = fair_shares.allocate(1000, "population", ["USA", "AUS", "JPN"], 2018, refugees=MYANMAR)
    assert int(alloc["allocation"].sum()) == 1000


def test_the_origins_take_no_share():
    for name in ("Myanmar", "Burma", "Syria"):
        with pytest.raises(R2PKitError, match="is where the refugees come from"):
            figures.find_state(data.load("country_indicators"), name)


def test_a_scenario_for_myanmar():
    start = scenario.starting_point(MYANMAR, year=2017)
    assert start.iso3 == MYANMAR.main_hosts
    run = scenario.simulate(start, scenario.calibrate(start))
    assert len(run) and run["year"].min() == 2018

"""Fair shares (r2pkit.resettlement.fair_shares): the keys' formulas, largest remainders, and refused inputs.

Expected values are computed here from the dataset files with plain pandas, or by hand from
the rule, never taken from the code under test.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from r2pkit.errors import R2PKitError, UnknownNameError
from r2pkit.resettlement import allocate, fair_shares

STATES = ["GBR", "DEU", "FRA", "CAN", "SWE"]


@pytest.fixture(scope="module")
def raw(datasets_dir) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two CSV files read directly, for independent expectations."""
    read = dict(keep_default_na=False, na_values=[""])
    return (pd.read_csv(datasets_dir / "country_indicators.csv", **read),
            pd.read_csv(datasets_dir / "syria_refugees_by_host.csv", **read))


def kit(target, key, states=STATES, year=2016, weights=None, **kw):
    return allocate(target, key, states, year, weights, **kw)


# ------------------------------------------------------------------ the keys on the kit's data
def test_population_key_is_share_of_population(raw):
    ind, _ = raw
    rows = ind[(ind["year"] == 2016) & ind["iso3"].isin(STATES)].set_index("iso3").loc[STATES]
    expected = rows["population"] / rows["population"].sum()
    table = kit(20000, "population")
    assert table["state"].tolist() == STATES
    assert np.allclose(table["share"], expected.to_numpy(), rtol=0, atol=1e-12)
    assert np.allclose(table["quota"], 20000 * expected.to_numpy())
    assert int(table["allocation"].sum()) == 20000
    assert (abs(table["allocation"] - 20000 * expected.to_numpy()) < 1).all()


def test_gdp_key_is_share_of_gdp(raw):
    ind, _ = raw
    rows = ind[(ind["year"] == 2016) & ind["iso3"].isin(STATES)].set_index("iso3").loc[STATES]
    expected = rows["gdp_current_usd"] / rows["gdp_current_usd"].sum()
    assert np.allclose(kit(1000, "gdp")["share"], expected.to_numpy(), atol=1e-12)


def test_composite_key_follows_the_documented_formula(raw):
    ind, ref = raw
    rows = ind[(ind["year"] == 2016) & ind["iso3"].isin(STATES)].set_index("iso3").loc[STATES]
    hosted = ref[(ref["year"] == 2016)].set_index("host_iso3").loc[STATES, "refugees"]
    wp, wg, wh = 0.7, 0.3, 0.4
    p = rows["population"] / rows["population"].sum()
    g = rows["gdp_current_usd"] / rows["gdp_current_usd"].sum()
    base = (wp * p + wg * g) / (wp + wg)
    per_head = hosted / rows["population"]
    score = base * (1 - wh * per_head / per_head.max())
    expected = score / score.sum()
    table = kit(50000, "composite", weights={"population": wp, "gdp": wg, "hosted": wh})
    assert np.allclose(table["share"], expected.to_numpy(), atol=1e-12)
    # Sweden hosted the most Syrian refugees per head of these five in 2016: its share is cut the most
    cut = table.set_index("state")["share"] / base
    assert cut.idxmin() == per_head.idxmax() == "SWE"


def test_composite_weights_only_relative_size_matters():
    a = kit(10000, "composite", weights={"population": 1, "gdp": 3})
    b = kit(10000, "composite", weights={"population": 0.25, "gdp": 0.75})
    assert a["allocation"].tolist() == b["allocation"].tolist()


def test_composite_population_only_equals_population_key():
    a = kit(12345, "composite", weights="population=1")
    b = kit(12345, "population")
    assert a["allocation"].tolist() == b["allocation"].tolist()


def test_default_weights_and_default_year(raw):
    ind, _ = raw
    table = allocate(100, "composite", STATES, None)
    last_gdp = int(ind[ind["iso3"].isin(STATES)].dropna(subset=["gdp_current_usd"])["year"].max())
    assert last_gdp == 2023 and set(table["year"]) == {last_gdp}
    assert table.attrs["weights"] == {"population": 0.5, "gdp": 0.5, "hosted": 0.0}
    assert fair_shares.check_weights("hosted=0.3") == {"population": 0.5, "gdp": 0.5, "hosted": 0.3}


def test_names_and_codes_are_both_accepted(indicators, refugees):
    a = allocate(500, "population", ["United Kingdom", "germany", "fra"], 2015, indicators=indicators,
                 refugees=refugees)
    assert a["state"].tolist() == ["GBR", "DEU", "FRA"]
    assert a["name"].tolist() == ["United Kingdom", "Germany", "France"]


def test_each_row_carries_its_sources():
    table = kit(10, "composite", weights="hosted=0.5")
    assert table["source"].str.contains("World Bank").all()
    assert table["source"].str.contains("UNHCR").all()


# ------------------------------------------------------------------ largest remainder by hand
@pytest.mark.parametrize("target, shares, expected", [
    (10, {"A": 0.5, "B": 0.3, "C": 0.2}, {"A": 5, "B": 3, "C": 2}),
    # quotas 2.8, 2.8, 1.4 -> floors 2, 2, 1 (5); the 2 left go to A and B (remainder 0.8)
    (7, {"A": 0.4, "B": 0.4, "C": 0.2}, {"A": 3, "B": 3, "C": 1}),
    # quotas 1/3 each: all tie, alphabetical order decides
    (1, {"C": 1 / 3, "B": 1 / 3, "A": 1 / 3}, {"A": 1, "B": 0, "C": 0}),
    # equal remainders 0.5: the larger quota (B, 1.5) wins before the alphabet
    (2, {"A": 0.25, "B": 0.75}, {"A": 0, "B": 2}),
    (0, {"A": 0.5, "B": 0.5}, {"A": 0, "B": 0}),
    # Hamilton's classic: 3 states, 10 seats, quotas 4.7, 3.6, 1.7 -> 5, 3, 2? floors 4,3,1 = 8; remainders .7,.6,.7
    (10, {"A": 0.47, "B": 0.36, "C": 0.17}, {"A": 5, "B": 3, "C": 2}),
])
def test_largest_remainder_by_hand(target, shares, expected):
    got = fair_shares.largest_remainder(target, pd.Series(shares)).to_dict()
    assert got == expected


def test_rounding_noise_does_not_decide_a_place():
    # B's share is 0.1 + 0.2 = 0.30000000000000004, A's is 0.3: the same share but for float noise.
    # Quotas 0.6(…01), 0.6, 0.8: C gets a place; A and B tie, and the alphabet, not the noise, decides.
    noisy = 0.1 + 0.2
    assert noisy > 0.3
    a = fair_shares.largest_remainder(2, pd.Series({"B": noisy, "A": 0.3, "C": 0.4}))
    assert a.to_dict() == {"B": 0, "A": 1, "C": 1}


# ------------------------------------------------------------------ own tables
def test_own_table_with_hosted_factor():
    own = pd.DataFrame({"state": ["X", "Y"], "population": [100, 100], "gdp": [5.0, 5.0],
                        "refugees_hosted": [0, 20]})
    table = allocate(90, "composite", own, None, {"population": 1, "hosted": 0.5})
    # Y hosts the most per head: its score is halved: 0.5 vs 0.25 -> shares 2/3, 1/3
    assert table["allocation"].tolist() == [60, 30]
    assert table["year"].isna().all()


def test_nobody_hosting_means_no_correction():
    own = pd.DataFrame({"state": ["X", "Y"], "population": [300, 100], "gdp": [1.0, 1.0], "refugees_hosted": [0, 0]})
    assert allocate(8, "composite", own, None, "population=1,hosted=1")["allocation"].tolist() == [6, 2]


# ------------------------------------------------------------------ refused inputs
@pytest.mark.parametrize("target", [-1, 2.5, float("nan"), float("inf"), True, "20000", None, 10**11])
def test_bad_targets_are_refused(target):
    with pytest.raises(R2PKitError, match="whole number from 0 to 10,000,000,000"):
        kit(target, "population")


@pytest.mark.parametrize("weights, message", [
    ({"population": 0, "gdp": 0}, "add up to 0"),
    ({"population": -1, "gdp": 1}, "at least 0"),
    ({"population": float("nan")}, "at least 0"),
    ({"population": float("inf")}, "at least 0"),
    ({"gdp": 1, "hosted": 1.5}, "from 0 to 1"),
    ({"popluation": 1}, "Did you mean 'population'"),
    ("population:1", "has no '='"),
    ("gdp=lots", "is not a number"),
    ([0.5, 0.5], "mapping"),
])
def test_bad_weights_are_refused(weights, message):
    with pytest.raises(R2PKitError, match=message):
        kit(10, "composite", weights=weights)


def test_weights_with_a_single_key_are_refused():
    with pytest.raises(R2PKitError, match="composite key only"):
        kit(10, "gdp", weights={"gdp": 1})


def test_unknown_key_suggests_the_closest():
    with pytest.raises(UnknownNameError, match="Did you mean 'population'"):
        kit(10, "populaton")


def test_unknown_state_suggests_the_closest():
    with pytest.raises(UnknownNameError, match="Did you mean 'Germany'"):
        kit(10, "population", ["GBR", "Germny"])


def test_syria_cannot_take_a_share():
    with pytest.raises(UnknownNameError, match="where the refugees come from"):
        kit(10, "population", ["GBR", "Syria"])


@pytest.mark.parametrize("year", [2009, 2024, 2016.5, "2016"])
def test_years_outside_the_data_say_which_exist(year):
    with pytest.raises(R2PKitError, match="from 2010 to 2023"):
        kit(10, "gdp", year=year)


def test_hosted_factor_needs_refugee_figures_for_that_year():
    # the refugee table starts in 2011: no 'refugees hosted' in 2010
    with pytest.raises(R2PKitError, match="from 2011 to 2023"):
        kit(10, "composite", year=2010, weights="hosted=0.2")
    own = pd.DataFrame({"state": ["X"], "population": [1], "gdp": [1]})
    with pytest.raises(R2PKitError, match="refugees_hosted"):
        allocate(10, "composite", own, None, "hosted=0.2")


@pytest.mark.parametrize("table, message", [
    (pd.DataFrame({"state": ["X"], "population": [-5], "gdp": [1]}), "more than 0"),
    (pd.DataFrame({"state": ["X"], "population": [0], "gdp": [1]}), "more than 0"),
    (pd.DataFrame({"state": ["X"], "population": [5], "gdp": [float("nan")]}), "no gaps"),
    (pd.DataFrame({"state": ["X"], "population": [5], "gdp": [float("inf")]}), "no gaps"),
    (pd.DataFrame({"state": ["X"], "population": ["many"], "gdp": [1]}), "no gaps"),
    (pd.DataFrame({"state": ["X"], "population": [5], "gdp": [1], "refugees_hosted": [-1]}), "at least 0"),
    (pd.DataFrame({"state": ["X", "X"], "population": [5, 5], "gdp": [1, 1]}), "appears twice"),
    (pd.DataFrame({"state": ["X"], "gdp": [1]}), "no column 'population'"),
    (pd.DataFrame({"state": [], "population": [], "gdp": []}), "at least one row"),
])
def test_bad_own_tables_are_refused(table, message):
    with pytest.raises(R2PKitError, match=message):
        allocate(10, "population", table, None)


def test_gdp_key_with_zero_gdp_everywhere_is_refused():
    own = pd.DataFrame({"state": ["X", "Y"], "population": [1, 2], "gdp": [0, 0]})
    with pytest.raises(R2PKitError, match="GDP adds up to 0"):
        allocate(10, "gdp", own, None)


def test_own_table_and_year_together_are_refused():
    own = pd.DataFrame({"state": ["X"], "population": [1], "gdp": [1]})
    with pytest.raises(R2PKitError, match="Leave the year out"):
        allocate(10, "population", own, 2016)


def test_no_states_is_refused():
    with pytest.raises(R2PKitError, match="at least one state"):
        kit(10, "population", [])
    with pytest.raises(R2PKitError, match="Choose the states"):
        allocate(10, "population", None, 2016)


def test_sentence_names_key_target_and_largest():
    text = fair_shares.allocation_sentence(kit(20000, "population"))
    assert text.startswith("Shared by population, 20,000 places among 5 states (figures of 2016): Germany ")

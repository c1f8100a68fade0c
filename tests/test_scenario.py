"""The resettlement scenario model (r2pkit.resettlement.scenario): its arithmetic, its data, its errors.

Expected values are recomputed here from the datasets with plain pandas, or from the
model's rules written out by hand, never copied from the model's own output.
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest

from r2pkit.errors import R2PKitError, UnknownNameError
from r2pkit.resettlement import scenario as sc

FIVE = ["TUR", "LBN", "JOR", "IRQ", "EGY"]


@pytest.fixture(scope="module")
def start(refugees, indicators) -> sc.Start:
    return sc.starting_point(refugees, indicators)


def _stock(refugees: pd.DataFrame, year: int, code: str) -> float:
    return float(refugees.loc[(refugees["year"] == year) & (refugees["host_iso3"] == code), "refugees"].iloc[0])


def random_parameters(rng: np.random.Generator) -> sc.Parameters:
    """Parameters anywhere in the default ranges, sometimes at extremes (rates that add up to more than 1)."""
    values = {k: rng.uniform(*sc.DEFAULT_RANGES[k]) for k in sc.PARAMETER_NAMES}
    if rng.random() < 0.3:
        values.update(onward_rate=rng.uniform(0.5, 1.0), return_rate=rng.uniform(0.3, 1.0), pressure_push=3.0)
    if rng.random() < 0.3:
        values.update(capacity_per_1000=rng.uniform(0.5, 5.0), closure_sensitivity=rng.uniform(5, 50))
    return sc.Parameters(**values)


# ----------------------------------------------------------------- the start and its data
def test_start_is_the_real_end_2012_stocks_and_populations(start, refugees, indicators):
    assert start.year == 2012 and start.iso3 == tuple(FIVE)
    assert list(start.stock) == [_stock(refugees, 2012, c) for c in FIVE]
    assert list(start.stock_before) == [_stock(refugees, 2011, c) for c in FIVE]
    pops = indicators[indicators["year"] == 2012].set_index("iso3")["population"]
    assert list(start.population) == [float(pops[c]) for c in FIVE]
    rises = [_stock(refugees, 2012, c) - _stock(refugees, 2011, c) for c in FIVE]
    assert all(r > 0 for r in rises)
    assert start.share == pytest.approx([r / sum(rises) for r in rises])
    assert start.last_data_year == int(refugees["year"].max())


def test_five_hosts_are_the_largest_hosts_2013_to_2015(refugees):
    for year in range(2013, 2016):
        rows = refugees[(refugees["year"] == year) & (refugees["host_iso3"] != "WLD")]
        assert set(rows.nlargest(5, "refugees")["host_iso3"]) == set(FIVE), year


def test_calibrated_defaults_come_from_the_2011_2012_rows(refugees, start):
    five_2011 = sum(_stock(refugees, 2011, c) for c in FIVE)
    five_2012 = sum(_stock(refugees, 2012, c) for c in FIVE)
    world_2011, world_2012 = _stock(refugees, 2011, "WLD"), _stock(refugees, 2012, "WLD")
    rise = five_2012 - five_2011
    others = (world_2012 - five_2012) - (world_2011 - five_2011)
    rate = others / ((five_2011 + five_2012) / 2)
    calibrated = sc.calibrate(start)
    assert calibrated.arrivals == pytest.approx(rise)
    assert calibrated.onward_rate == pytest.approx(rate)
    # the literal defaults are these, rounded, and the reasons quote the same figures
    assert sc.Parameters().arrivals == round(rise, -4)
    assert sc.Parameters().onward_rate == round(rate, 3)
    why = sc.describe_parameters().set_index("name")["why"]
    assert f"{rise:,.0f}" in why["arrivals"]
    assert f"{others:,.0f}" in why["onward_rate"] and f"{rate:.1%}" in why["onward_rate"]


def test_every_parameter_is_described_with_unit_meaning_kind_and_reason():
    table = sc.describe_parameters()
    assert list(table["name"]) == list(sc.PARAMETER_NAMES)
    assert table[["unit", "meaning", "why"]].map(lambda s: isinstance(s, str) and len(s) > 5).all().all()
    assert set(table["kind"]) == {"calibrated", "assumption"}
    assert (table.loc[table["kind"] == "assumption", "why"].str.startswith("assumption")).all()
    assert set(sc.DEFAULT_RANGES) == set(sc.PARAMETER_NAMES)
    for name, (low, high) in sc.DEFAULT_RANGES.items():
        assert low < high and low <= getattr(sc.Parameters(), name) <= high, name


# ----------------------------------------------------------------- the model's arithmetic
def test_stock_changes_by_admitted_minus_departures_for_every_host_and_year(start):
    for seed in range(5):
        run = sc.simulate(start, random_parameters(np.random.default_rng(seed)), horizon=15)
        for code, before in zip(start.iso3, start.stock):
            rows = run[run["host_iso3"] == code].sort_values("year")
            previous = np.concatenate([[before], rows["stock"].to_numpy()[:-1]])
            change = rows["stock"].to_numpy() - previous
            flows = (rows["admitted"] - rows["resettled"] - rows["onward"] - rows["returned"]).to_numpy()
            assert change == pytest.approx(flows, rel=1e-9, abs=1e-6)
            assert (rows["seekers"] - rows["admitted"] - rows["turned_away"]).abs().max() < 1e-6
            assert (rows[["stock", "admitted", "turned_away", "resettled", "onward", "returned"]] >= -1e-9).all().all()


def test_openness_follows_the_rule_and_stays_between_0_and_1(start):
    params = sc.Parameters(capacity_per_1000=30, closure_sensitivity=2.0)
    run = sc.simulate(start, params, horizon=10)
    for code, before in zip(start.iso3, start.stock):
        rows = run[run["host_iso3"] == code].sort_values("year")
        capacity = rows["capacity"].iloc[0]
        previous = np.concatenate([[before], rows["stock"].to_numpy()[:-1]])
        expected = np.clip(1 - 2.0 * np.maximum(previous / capacity - 1, 0), 0, 1)
        assert rows["openness"].to_numpy() == pytest.approx(expected)
    assert run["openness"].min() < 0.5, "this setting pushes some host well over capacity"
    for seed in range(10):
        run = sc.simulate(start, random_parameters(np.random.default_rng(100 + seed)), horizon=15)
        assert run["openness"].between(0, 1).all()


def test_resettlement_lowers_load_and_people_turned_away(start):
    none = sc.simulate(start, resettlement_places=0)
    some = sc.simulate(start, resettlement_places=150_000)
    first = none["year"].min()
    # the first year: same openness, fewer people in every host
    assert (some.loc[some["year"] == first, "load"].to_numpy() < none.loc[none["year"] == first, "load"].to_numpy()).all()
    assert some["load"].sum() < none["load"].sum()
    assert some["turned_away"].sum() < none["turned_away"].sum()
    assert none["resettled"].sum() == 0
    yearly = some.groupby("year")["resettled"].sum()
    assert yearly.to_numpy() == pytest.approx(150_000), "every place is used while the hosts hold more people"


def test_resettlement_is_shared_by_stock(start):
    run = sc.simulate(start, resettlement_places=10_000, horizon=1)
    expected = 10_000 * start.stock / start.stock.sum()
    assert run["resettled"].to_numpy() == pytest.approx(expected)


def test_a_hand_computed_year(refugees, indicators):
    """One host, one year, the rules applied by hand."""
    start = sc.starting_point(refugees, indicators, 2014, hosts=["Lebanon"])
    p = sc.Parameters(arrivals=100_000, capacity_per_1000=150, closure_sensitivity=1.5, resettlement_places=7_000,
                      onward_rate=0.04, return_rate=0.02, pressure_push=2.0)
    s0 = _stock(refugees, 2014, "LBN")
    pop = float(indicators.loc[(indicators["year"] == 2014) & (indicators["iso3"] == "LBN"), "population"].iloc[0])
    load = s0 / (150 * pop / 1000)
    excess = max(load - 1, 0)
    openness = max(0.0, 1 - 1.5 * excess)
    remaining = s0 - 7_000
    onward = remaining * 0.04 * (1 + 2 * excess)
    returned = remaining * 0.02 * (1 + 2 * excess)
    row = sc.simulate(start, p, horizon=1).iloc[0]
    assert excess > 0, "Lebanon held more than 150 per 1,000 at the end of 2014"
    assert row["openness"] == pytest.approx(openness)
    assert row["turned_away"] == pytest.approx(100_000 * (1 - openness))
    assert row["onward"] == pytest.approx(onward) and row["returned"] == pytest.approx(returned)
    assert row["stock"] == pytest.approx(remaining - onward - returned + 100_000 * openness)


def test_vectorised_model_gives_the_same_numbers_as_the_plain_loop(start):
    numbers = ["seekers", "openness", "admitted", "turned_away", "resettled", "onward", "returned", "stock", "load"]
    for seed in range(25):
        params = random_parameters(np.random.default_rng(seed))
        fast, slow = sc.simulate(start, params, horizon=15), sc.simulate_loop(start, params, horizon=15)
        assert list(fast[["year", "host_iso3"]].itertuples(index=False)) == \
            list(slow[["year", "host_iso3"]].itertuples(index=False))
        np.testing.assert_allclose(fast[numbers].to_numpy(), slow[numbers].to_numpy(), rtol=1e-9, atol=1e-6)


def test_sweep_gives_the_same_numbers_as_the_plain_loop_scenario_by_scenario(start):
    ranges = dict(sc.DEFAULT_RANGES, onward_rate=(0, 1), return_rate=(0, 1), capacity_per_1000=(1, 250))
    result = sc.sweep(start, n=300, ranges=ranges, seed=11, horizon=15)
    slow = sc.sweep_loop(start, result.parameters, horizon=15)
    np.testing.assert_allclose(result.outcomes.to_numpy(), slow.to_numpy(), rtol=1e-9, atol=1e-6)
    # and each scenario equals a run of simulate() with its parameters
    row = result.parameters.iloc[42]
    run = sc.simulate(start, sc.Parameters(**row.to_dict()), horizon=15)
    assert result.outcomes["turned_away"].iloc[42] == pytest.approx(run["turned_away"].sum())
    assert result.by_year["stock"][42] == pytest.approx(run.groupby("year")["stock"].sum().to_numpy())


def test_sweep_is_deterministic_given_the_seed_and_chunk(start):
    a = sc.sweep(start, n=2_000, seed=3)
    b = sc.sweep(start, n=2_000, seed=3, chunk=333)
    c = sc.sweep(start, n=2_000, seed=4)
    pd.testing.assert_frame_equal(a.parameters, b.parameters)
    np.testing.assert_allclose(a.outcomes.to_numpy(), b.outcomes.to_numpy(), rtol=1e-12)
    assert not a.parameters.equals(c.parameters)
    for name, (low, high) in sc.DEFAULT_RANGES.items():
        assert a.parameters[name].between(low, high).all()
    assert a.outcomes["lowest_openness"].between(0, 1).all()


def test_sweep_keeps_fixed_parameters_and_gives_a_band(start):
    result = sc.sweep(start, n=500, ranges={"resettlement_places": (0, 100_000)}, seed=0,
                      params=sc.Parameters(capacity_per_1000=40))
    assert result.varied == ("resettlement_places",)
    assert (result.parameters["capacity_per_1000"] == 40).all()
    band = result.band("turned_away")
    assert list(band["year"]) == list(range(2013, 2026))
    values = result.by_year["turned_away"]
    assert band["median"].to_numpy() == pytest.approx(np.median(values, axis=0))
    assert (band["low"] <= band["median"]).all() and (band["median"] <= band["high"]).all()


# ----------------------------------------------------------------- sensitivity
def test_sensitivity_finds_the_parameter_built_to_dominate(start):
    ranges = {"resettlement_places": (0, 600_000), "return_rate": (0.010, 0.011), "pressure_push": (0.9, 1.0)}
    result = sc.sweep(start, n=3_000, ranges=ranges, seed=5, params=sc.Parameters(capacity_per_1000=40))
    table = sc.sensitivity(result, "turned_away")
    assert table.iloc[0]["parameter"] == "resettlement_places"
    assert table.iloc[0]["standardised_coefficient"] < -0.5, "more places, fewer people turned away"
    assert table.iloc[0]["rank_correlation"] < -0.5
    assert list(table["rank"]) == [1, 2, 3]
    sentence = sc.sensitivity_sentence(table)
    assert "the resettlement places a year" in sentence and "fewer" in sentence
    assert "resettlement_places" not in sentence, "a reader sees the parameter in words, not its name in code"


def test_sensitivity_measures_match_a_direct_computation():
    rng = np.random.default_rng(1)
    x = pd.DataFrame({"arrivals": rng.uniform(0, 1, 400), "return_rate": rng.uniform(0, 1, 400)})
    y = np.exp(3 * x["arrivals"]) - 0.5 * x["return_rate"] + rng.normal(0, 0.05, 400)
    fake = sc.SweepResult(x, pd.DataFrame({"turned_away": y}), ("arrivals", "return_rate"), {}, 0, (2013,), {})
    table = sc.sensitivity(fake).set_index("parameter")
    # Spearman = Pearson correlation of the ranks
    rx, ry = x["arrivals"].rank().to_numpy(), pd.Series(y).rank().to_numpy()
    assert table.loc["arrivals", "rank_correlation"] == pytest.approx(np.corrcoef(rx, ry)[0, 1])
    # standardised coefficients: least squares of standardised ranks
    z = x.rank().to_numpy()
    z = (z - z.mean(axis=0)) / z.std(axis=0)
    yz = (ry - ry.mean()) / ry.std()
    coef = np.linalg.solve(z.T @ z, z.T @ yz)
    assert table.loc[["arrivals", "return_rate"], "standardised_coefficient"].to_numpy() == pytest.approx(coef)
    assert table.loc["arrivals", "rank"] == 1 and table.loc["return_rate", "standardised_coefficient"] < 0
    assert 0.9 < table.attrs["r_squared"] <= 1


# ----------------------------------------------------------------- model against data
def test_comparison_sets_the_model_beside_the_real_stocks(start, refugees):
    run = sc.simulate(start, horizon=15)
    table = sc.compare_with_data(run, refugees)
    assert table["year"].min() == 2013 and table["year"].max() == refugees["year"].max(), "years after the data left out"
    lbn = table[(table["host_iso3"] == "LBN") & (table["year"] == 2016)].iloc[0]
    assert lbn["real"] == _stock(refugees, 2016, "LBN")
    assert lbn["model"] == pytest.approx(run.loc[(run["year"] == 2016) & (run["host_iso3"] == "LBN"), "stock"].iloc[0])
    total = table[(table["host_iso3"] == "ALL") & (table["year"] == 2016)].iloc[0]
    assert total["real"] == sum(_stock(refugees, 2016, c) for c in FIVE)
    assert (table["difference"] == table["model"] - table["real"]).all()


def test_misfit_is_the_share_of_the_real_stock_the_model_misses(start, refugees):
    table = sc.compare_with_data(sc.simulate(start), refugees)
    result = sc.misfit(table).set_index("host_iso3")
    jor = table[table["host_iso3"] == "JOR"]
    expected = sum(abs(m - r) for m, r in zip(jor["model"], jor["real"])) / jor["real"].sum()
    assert result.loc["JOR", "off_by"] == pytest.approx(expected)
    assert result.loc["JOR", "bias"] == pytest.approx((jor["model"].sum() - jor["real"].sum()) / jor["real"].sum())
    assert result.loc["ALL", "years"] == 2025 - 2012
    perfect = table.assign(model=table["real"])
    assert (sc.misfit(perfect)["off_by"] == 0).all()


# ----------------------------------------------------------------- errors a reader can act on
@pytest.mark.parametrize("field, value, allowed", [
    ("arrivals", -1, "of at least 0"), ("onward_rate", 1.5, "from 0 to 1"), ("capacity_per_1000", 0, "greater than 0"),
    ("closure_sensitivity", math.nan, "of at least 0"), ("resettlement_places", math.inf, "of at least 0"),
    ("arrivals_trend", -1.0, "greater than -1"), ("return_rate", -0.1, "from 0 to 1"),
])
def test_bad_numbers_are_refused_with_what_is_allowed(field, value, allowed):
    with pytest.raises(R2PKitError, match=f"{field}=.* is not a number {allowed}"):
        sc.Parameters(**{field: value})


def test_other_bad_inputs_say_what_is_allowed(start, refugees, indicators):
    with pytest.raises(R2PKitError, match="arrivals=True is not a number"):
        sc.Parameters(arrivals=True)
    with pytest.raises(UnknownNameError, match="Did you mean 'capacity_per_1000'"):
        sc.simulate(start, capacity=50)
    with pytest.raises(UnknownNameError, match="Did you mean 'Lebanon'"):
        sc.starting_point(refugees, indicators, hosts=["Lebanom", "JOR"])
    with pytest.raises(R2PKitError, match="Choose a year from 2012 to 2024"):
        sc.starting_point(refugees, indicators, 2030)
    with pytest.raises(R2PKitError, match="whole number from 1 to 50"):
        sc.simulate(start, horizon=0)
    with pytest.raises(R2PKitError, match="starting point"):
        sc.simulate(refugees)
    with pytest.raises(R2PKitError, match="is not a range from low to high"):
        sc.sweep(start, n=10, ranges={"arrivals": (5, 1)})
    with pytest.raises(R2PKitError, match="onward_rate=2 is not a number from 0 to 1"):
        sc.sweep(start, n=10, ranges={"onward_rate": (0, 2)})
    with pytest.raises(UnknownNameError, match="Did you mean 'return_rate'"):
        sc.sweep(start, n=10, ranges={"returns_rate": (0, 1)})
    with pytest.raises(R2PKitError, match="whole number from 1"):
        sc.sweep(start, n=0)
    with pytest.raises(R2PKitError, match="'seed'"):
        sc.sweep(start, n=5, seed=-1)
    with pytest.raises(UnknownNameError, match="Did you mean 'turned_away'"):
        sc.sensitivity(sc.sweep(start, n=50), "turned away")
    with pytest.raises(R2PKitError, match="quantiles"):
        sc.sweep(start, n=50).band("turned_away", 0.9, 0.1)
    with pytest.raises(R2PKitError, match="No parameter varied"):
        sc.sensitivity(sc.sweep(start, n=50, ranges={"arrivals": (5, 5)}))
    with pytest.raises(R2PKitError, match="nothing to compare"):
        future = sc.starting_point(refugees, indicators, 2024)
        sc.compare_with_data(sc.simulate(future).assign(year=lambda t: t["year"] + 5), refugees)


def test_parameters_are_frozen_and_replace_checks_names():
    p = sc.Parameters()
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.arrivals = 1  # type: ignore[misc]
    assert p.replace(arrivals=5).arrivals == 5.0 and p.arrivals == 690_000.0

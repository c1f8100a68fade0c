"""Property tests of the fair-share allocation, on generated states and targets (hypothesis).

Each property holds for every input the strategies can generate; hypothesis shrinks any
failure to the smallest example. Runs are derandomized (the same examples every time) and
keep no example database, so the suite stays deterministic and writes nothing.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from r2pkit.errors import R2PKitError
from r2pkit.resettlement import allocate, fair_shares

SETTINGS = settings(max_examples=80, deadline=None, derandomize=True, database=None)

populations = st.integers(min_value=1, max_value=1_500_000_000)
gdps = st.floats(min_value=0, max_value=3e13, allow_nan=False, allow_infinity=False)
hosted = st.integers(min_value=0, max_value=5_000_000)
targets = st.integers(min_value=0, max_value=2_000_000)


@st.composite
def state_tables(draw, min_states: int = 1, max_states: int = 12) -> pd.DataFrame:
    n = draw(st.integers(min_value=min_states, max_value=max_states))
    table = pd.DataFrame({
        "state": [f"S{i:02d}" for i in range(n)],
        "population": draw(st.lists(populations, min_size=n, max_size=n)),
        "gdp": draw(st.lists(gdps, min_size=n, max_size=n)),
        "refugees_hosted": draw(st.lists(hosted, min_size=n, max_size=n)),
    })
    if table["gdp"].sum() <= 0:  # the GDP key needs some GDP; a table with none is refused (tested below)
        table.loc[0, "gdp"] = 1.0
    return table


weights = st.fixed_dictionaries({
    "population": st.floats(min_value=0, max_value=10, allow_nan=False),
    "gdp": st.floats(min_value=0, max_value=10, allow_nan=False),
    "hosted": st.floats(min_value=0, max_value=0.95, allow_nan=False),
}).filter(lambda w: w["population"] + w["gdp"] > 0.01)


def run(target, key, table, w=None):
    return allocate(target, key, table, None, w if key == "composite" else None)


@SETTINGS
@given(table=state_tables(), target=targets, key=st.sampled_from(["population", "gdp", "composite"]), w=weights)
def test_allocations_sum_exactly_to_the_target(table, target, key, w):
    out = run(target, key, table, w)
    assert int(out["allocation"].sum()) == target
    assert (out["allocation"] >= 0).all()
    assert math.isclose(float(out["share"].sum()), 1.0, rel_tol=0, abs_tol=1e-9)


@SETTINGS
@given(table=state_tables(), target=targets, key=st.sampled_from(["population", "gdp", "composite"]), w=weights)
def test_every_state_gets_its_quota_rounded_down_or_up(table, target, key, w):
    out = run(target, key, table, w)
    assert (np.abs(out["allocation"] - out["quota"]) < 1 + 1e-6).all()


@SETTINGS
@given(table=state_tables(), target=targets)
def test_population_key_is_proportional_to_population_within_one_person(table, target):
    out = run(target, "population", table)
    exact = target * table["population"] / table["population"].sum()   # computed here, from the rule
    assert (np.abs(out["allocation"].to_numpy() - exact.to_numpy()) < 1 + 1e-6).all()


@SETTINGS
@given(table=state_tables(), target=targets, key=st.sampled_from(["gdp", "composite"]), w=weights,
       factor=st.one_of(st.sampled_from([2.0, 0.5, 1024.0, 1e-3, 7.5, 1e6]),
                        st.floats(min_value=1e-4, max_value=1e4, allow_nan=False)))
def test_scaling_every_gdp_by_one_factor_changes_nothing(table, target, key, w, factor):
    # e.g. the same GDP in euros instead of dollars, or in billions instead of units
    before = run(target, key, table, w)
    after = run(target, key, table.assign(gdp=table["gdp"] * factor), w)
    assert after["allocation"].tolist() == before["allocation"].tolist()


@SETTINGS
@given(table=state_tables(min_states=2), target=targets, key=st.sampled_from(["population", "gdp", "composite"]),
       w=weights, seed=st.integers(0, 2**32 - 1))
def test_the_order_of_the_rows_changes_nothing(table, target, key, w, seed):
    before = run(target, key, table, w).set_index("state")["allocation"]
    shuffled = table.sample(frac=1, random_state=seed).reset_index(drop=True)
    after = run(target, key, shuffled, w).set_index("state")["allocation"]
    assert after.loc[before.index].tolist() == before.tolist()


@SETTINGS
@given(table=state_tables(), column=st.sampled_from(["population", "gdp", "refugees_hosted"]),
       bad=st.sampled_from([-1.0, -1e9, float("nan"), float("inf"), float("-inf")]),
       row=st.integers(min_value=0, max_value=11))
def test_negative_or_non_finite_figures_are_refused(table, column, bad, row):
    table = table.astype({column: "float64"})
    table.loc[row % len(table), column] = bad
    with pytest.raises(R2PKitError, match="no gaps, no negatives"):
        run(10, "composite", table, {"population": 1, "gdp": 1, "hosted": 0.5})


@SETTINGS
@given(target=st.one_of(st.integers(max_value=-1), st.floats(allow_nan=True).filter(lambda x: not float(x).is_integer()),
                        st.just(float("inf")), st.booleans(), st.text(max_size=5)))
def test_targets_that_are_not_whole_numbers_from_zero_are_refused(target):
    with pytest.raises(R2PKitError, match="whole number from 0 to 10,000,000,000"):
        fair_shares.check_target(target)


@SETTINGS
@given(w=st.fixed_dictionaries({"population": st.floats(allow_nan=True, allow_infinity=True),
                                "gdp": st.floats(allow_nan=True, allow_infinity=True),
                                "hosted": st.floats(allow_nan=True, allow_infinity=True)}))
def test_weights_are_accepted_only_when_finite_non_negative_and_positive_in_sum(w):
    ok = (all(math.isfinite(v) and v >= 0 for v in w.values()) and w["hosted"] <= 1
          and w["population"] + w["gdp"] > 0)
    if ok:
        assert fair_shares.check_weights(w) == {k: float(v) for k, v in w.items()}
    else:
        with pytest.raises(R2PKitError):
            fair_shares.check_weights(w)

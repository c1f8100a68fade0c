"""The syria_resettlement_arrivals dataset, checked against UNHCR's table, and the comparisons built on it.

Tests that take ``reference_dir`` recompute every row from the reference solutions table and
skip, saying why, when it is absent. Expected figures in the other tests are computed here
with plain pandas from the CSV files, or taken from the reference README's verified facts.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from r2pkit import data
from r2pkit.errors import R2PKitError
from r2pkit.resettlement import arrivals as A

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "tools" / "build_resettlement_datasets.py"
CSV = "syria_resettlement_arrivals.csv"


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


@pytest.fixture(scope="module")
def csv(datasets_dir) -> pd.DataFrame:
    return read(datasets_dir / CSV)


@pytest.fixture(scope="module")
def arrivals() -> pd.DataFrame:
    return data.load("syria_resettlement_arrivals")


@pytest.fixture(scope="module")
def unhcr_syr(reference_dir) -> pd.DataFrame:
    sol = read(reference_dir / "unhcr_refugees" / "unhcr_solutions.csv")
    return sol[(sol["coo_iso"] == "SYR") & sol["year"].between(2011, 2025) & sol["resettlement"].notna()]


# ------------------------------------------------------------------ the dataset alone
def test_file_is_utf8_lf_and_keys_unique(datasets_dir, csv):
    raw = (datasets_dir / CSV).read_bytes()
    raw.decode("utf-8")
    assert b"\r" not in raw and raw.endswith(b"\n")
    assert not csv.duplicated(["year", "state_iso3"]).any()
    assert csv["year"].between(2011, 2025).all()
    assert (csv["resettlement_arrivals"] >= 1).all()


def test_every_row_has_source_and_note(csv):
    assert csv["source"].str.startswith("UNHCR Refugee Data Finder, solutions table").all()
    assert all("; origin SYR, asylum " in s and s.endswith(f", {y}") for s, y in zip(csv["source"], csv["year"]))
    assert csv["source_url"].str.startswith("https://").all()
    assert csv["note"].str.contains("calendar year").all()


def test_verified_facts_of_the_reference_readme(csv):
    """The figures verified in ../shared/reference/README.md (section 2), recomputed from the kit's CSV."""
    period = csv[csv["year"].between(2011, 2023)]
    assert int(period["resettlement_arrivals"].sum()) == 282_689
    by_state = period.groupby("state_iso3")["resettlement_arrivals"].sum()
    for iso, n in {"CAN": 97_136, "USA": 43_212, "GBR": 22_026, "DEU": 21_276, "AUS": 16_919, "NOR": 15_299,
                   "FRA": 14_866, "SWE": 13_546}.items():
        assert by_state[iso] == n, iso
    y2016 = csv[csv["year"] == 2016].set_index("state_iso3")["resettlement_arrivals"]
    assert int(y2016.sum()) == 65_843 and y2016["CAN"] == 33_266 and y2016["USA"] == 15_479
    assert y2016["DEU"] == 1_215  # 'Germany shows only 1,215 resettled Syrians in 2016'


def test_caveats_are_in_the_notes(csv):
    notes = csv.set_index(["state_iso3", "year"])["note"]
    assert csv.loc[csv["state_iso3"] == "USA", "note"].str.contains("fiscal years").all()
    assert csv.loc[csv["state_iso3"] == "DEU", "note"].str.contains("humanitarian admission").all()
    assert csv.loc[csv["state_iso3"] == "GBR", "note"].str.contains("Vulnerable Persons").all()
    assert csv.loc[csv["year"] >= 2024, "note"].str.contains("revision").all()
    assert "UNHCR AUS means Austria" in notes[("AUS", 2016)]


def test_unhcr_codes_are_kept_apart_from_iso3(csv):
    codes = csv.drop_duplicates("state_iso3").set_index("state_iso3")["unhcr_code"]
    assert codes["AUT"] == "AUS" and codes["AUS"] == "AUL" and codes["DEU"] == "GFR"
    assert (codes != codes.index).sum() >= 10


def test_datapackage_describes_the_caveats():
    meta = data.describe("syria_resettlement_arrivals").attrs["description"]
    for words in ("282,689", "fiscal-year", "humanitarian admission", "Vulnerable Persons", "ISO3"):
        assert words in meta


# ------------------------------------------------------------------ against the reference
def test_rows_equal_the_unhcr_solutions_table(csv, unhcr_syr):
    ref = unhcr_syr.set_index(["year", "coa_iso"])
    kit = csv.set_index(["year", "state_iso3"])
    assert set(kit.index) == set(ref.index), "the kit must hold every reported row, and no other"
    for (year, iso), row in kit.iterrows():
        assert row["resettlement_arrivals"] == ref.loc[(year, iso), "resettlement"]
        assert row["unhcr_code"] == ref.loc[(year, iso), "coa"]
        assert f"asylum {ref.loc[(year, iso), 'coa']}, {year}" in row["source"]


def test_builder_is_rerunnable_and_byte_identical(reference_dir, datasets_dir, tmp_path):
    done = subprocess.run([sys.executable, str(BUILD), "--reference", str(reference_dir), "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "282,689 (verified 282,689)" in done.stdout
    assert (tmp_path / CSV).read_bytes() == (datasets_dir / CSV).read_bytes()


# ------------------------------------------------------------------ summaries
def test_arrivals_by_state_and_year(csv, arrivals):
    t = A.arrivals_by_state(arrivals, 2015, 2017).set_index("state_iso3")
    expected = csv[csv["year"].between(2015, 2017)].groupby("state_iso3")["resettlement_arrivals"].sum()
    assert t["arrivals"].to_dict() == expected.to_dict()
    by_year = A.arrivals_by_year(arrivals).set_index("year")["arrivals"]
    assert by_year.to_dict() == csv.groupby("year")["resettlement_arrivals"].sum().to_dict()


def test_resettlement_states_are_those_with_arrivals_and_world_bank_figures(csv, datasets_dir, arrivals):
    ind = read(datasets_dir / "country_indicators.csv")
    period = csv[csv["year"].between(2011, 2023)]
    expected = set(period["state_iso3"]) & (set(ind["iso3"]) - {"SYR"})
    states = A.resettlement_states(arrivals, data.load("country_indicators"))
    assert set(states) == expected
    totals = period.groupby("state_iso3")["resettlement_arrivals"].sum()
    assert [totals[s] for s in states] == sorted(totals[states], reverse=True)


@pytest.mark.parametrize("first, last, message", [
    (2010, 2015, "from 2011 to 2025"), (2011, 2030, "from 2011 to 2025"), (2020, 2015, "runs backwards"),
    (2011.5, 2015, "Write a year as a whole number"),
])
def test_bad_periods_are_refused(arrivals, first, last, message):
    with pytest.raises(R2PKitError, match=message):
        A.arrivals_by_state(arrivals, first, last)


# ------------------------------------------------------------------ fair shares against arrivals
def test_compare_with_fair_shares_population(csv, datasets_dir, arrivals):
    ind = read(datasets_dir / "country_indicators.csv")
    states = ["CAN", "GBR", "DEU", "FRA"]
    t = A.compare_with_fair_shares(arrivals, "population", states, 2011, 2023).set_index("state")
    got = csv[csv["year"].between(2011, 2023)].groupby("state_iso3")["resettlement_arrivals"].sum()[states]
    pop = ind[(ind["year"] == 2023) & ind["iso3"].isin(states)].set_index("iso3")["population"][states]
    exact = got.sum() * pop / pop.sum()
    assert t.loc[states, "arrivals"].tolist() == got.tolist()
    assert int(t["fair_share"].sum()) == int(got.sum())
    assert (np.abs(t.loc[states, "fair_share"] - exact) < 1).all()
    assert np.allclose(t.loc[states, "ratio"], got / t.loc[states, "fair_share"])
    assert t.attrs["year"] == 2023


def test_compare_with_another_target_and_year(arrivals):
    t = A.compare_with_fair_shares(arrivals, "gdp", ["GBR", "DEU"], 2016, 2016, 2016, target=20000)
    assert int(t["fair_share"].sum()) == 20000 and t.attrs["year"] == 2016
    assert "The fair shares split a target of 20,000 places." in A.comparison_sentence(t)


def test_a_state_without_arrivals_counts_zero(arrivals):
    # Greece is in the World Bank data but resettled no Syrians
    t = A.compare_with_fair_shares(arrivals, "population", ["GBR", "GRC"], 2011, 2023).set_index("state")
    assert t.loc["GRC", "arrivals"] == 0 and t.loc["GRC", "ratio"] == 0


def test_comparison_period_after_the_world_bank_figures_uses_the_last_complete_year(arrivals):
    t = A.compare_with_fair_shares(arrivals, "population", ["GBR", "CAN"], 2024, 2025)
    assert t.attrs["year"] == 2023


def test_uk_pledge_progress(csv, arrivals):
    p = A.pledge_progress(arrivals)
    uk = csv[(csv["state_iso3"] == "GBR") & csv["year"].between(2015, 2020)]
    assert p.pledge.places == 20_000 and p.pledge.source.endswith("'Engaging Divergent Interests', fn 112")
    assert p.arrivals == int(uk["resettlement_arrivals"].sum())
    assert p.by_year["cumulative"].iloc[-1] == p.arrivals
    assert p.share == pytest.approx(p.arrivals / 20_000)
    text = p.sentence()
    assert f"{p.arrivals:,}" in text and "September 2015 to May 2020" in text and "whatever the programme" in text


def test_matching_pledges_scale_the_uk_pledge_by_population(datasets_dir, arrivals):
    ind = read(datasets_dir / "country_indicators.csv")
    states = ["GBR", "DEU", "FRA", "SWE"]
    t = A.matching_pledges(arrivals, "population", states, 2015).set_index("state")
    pop = ind[(ind["year"] == 2015) & ind["iso3"].isin(states)].set_index("iso3")["population"]
    for s in states:
        assert abs(t.loc[s, "matching_pledge"] - 20_000 * pop[s] / pop["GBR"]) <= 1.5, s
    assert abs(t.loc["GBR", "matching_pledge"] - 20_000) <= 1

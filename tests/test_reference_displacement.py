"""Checks of the displacement datasets (Syrian refugees by host, country indicators).

Tests that take the ``reference_dir`` fixture recompute every value from the independent
reference files (UNHCR population table, World Bank population/GDP) and skip when those
files are absent. The others check the kit's CSVs alone (structure, sources, the README's
verified facts, and why joins must use ISO3 codes).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "tools" / "build_displacement_datasets.py"
REFUGEES = "syria_refugees_by_host.csv"
INDICATORS = "country_indicators.csv"
EXTRA_HOSTS = {"CAN", "USA", "GBR", "FRA", "AUS", "NOR", "DNK", "CHE", "BEL", "GRC", "ITA", "ESP"}


def read(path: Path, **kwargs) -> pd.DataFrame:
    return pd.read_csv(path, keep_default_na=False, na_values=[""], **kwargs)


@pytest.fixture(scope="module")
def refugees(datasets_dir) -> pd.DataFrame:
    return read(datasets_dir / REFUGEES)


@pytest.fixture(scope="module")
def indicators(datasets_dir) -> pd.DataFrame:
    return read(datasets_dir / INDICATORS)


@pytest.fixture(scope="module")
def unhcr_syr(reference_dir) -> pd.DataFrame:
    pop = read(reference_dir / "unhcr_refugees" / "unhcr_population.csv")
    return pop[(pop["coo_iso"] == "SYR") & pop["year"].between(2011, 2025)]


def hosts_of(refugees: pd.DataFrame) -> pd.DataFrame:
    return refugees[refugees["host_iso3"] != "WLD"]


# --- kit-only checks ------------------------------------------------------------------


def test_files_are_utf8_lf_with_header(datasets_dir):
    for name in (REFUGEES, INDICATORS):
        raw = (datasets_dir / name).read_bytes()
        raw.decode("utf-8")
        assert b"\r" not in raw, f"{name} has CR characters"
        assert raw.endswith(b"\n")


def test_primary_keys_unique_and_grid_complete(refugees, indicators):
    assert not refugees.duplicated(["year", "host_iso3"]).any()
    assert not indicators.duplicated(["iso3", "year"]).any()
    per_host = refugees.groupby("host_iso3")["year"].apply(lambda s: sorted(s))
    for iso, years in per_host.items():
        assert years == list(range(2011, 2026)), iso
    per_country = indicators.groupby("iso3")["year"].apply(lambda s: sorted(s))
    for iso, years in per_country.items():
        assert years == list(range(2010, 2025)), iso


def test_every_row_has_a_source(refugees, indicators):
    for df in (refugees, indicators):
        assert df["source"].notna().all()
        assert (df["source"].str.strip() != "").all()
        assert df["source_url"].str.startswith("https://").all()


def test_missing_values_are_explained(refugees, indicators):
    for df, cols in ((refugees, ["refugees", "asylum_seekers"]),
                     (indicators, ["population", "gdp_current_usd"])):
        missing = df[cols].isna().any(axis=1)
        assert df.loc[missing, "note"].notna().all()
        assert df.loc[missing, "note"].str.contains("empty|missing", case=False).all()


def test_required_hosts_and_world_total_present(refugees):
    hosts = set(refugees["host_iso3"])
    assert {"TUR", "LBN", "JOR", "IRQ", "EGY", "DEU", "SWE", "AUT", "NLD"} <= hosts
    assert EXTRA_HOSTS <= hosts
    world = refugees[refugees["host_iso3"] == "WLD"]
    assert len(world) == 15
    assert (world["host"] == "World (all countries of asylum)").all()


def test_readme_verified_facts_hold_in_kit(refugees, indicators):
    world = refugees[refugees["host_iso3"] == "WLD"].set_index("year")["refugees"]
    assert world[2011] == 19_931
    assert world[2012] == 729_011
    assert world[2015] == 4_873_236
    assert world[2021] == 6_848_865
    assert world[2024] == 5_952_174
    assert world[2025] == 4_865_764
    assert world.idxmax() == 2021

    r = refugees.set_index(["host_iso3", "year"])["refugees"]
    end2015 = {"TUR": 2_503_549, "LBN": 1_062_690, "JOR": 628_223, "IRQ": 244_642,
               "EGY": 117_635, "DEU": 115_604}
    for iso, value in end2015.items():
        assert r[(iso, 2015)] == value, iso
    assert r[("DEU", 2016)] == 375_122 and r[("DEU", 2016)] > r[("IRQ", 2016)]
    assert r[("DEU", 2015)] < r[("IRQ", 2015)]
    assert r[("DEU", 2023)] == 705_812 and r[("DEU", 2023)] > r[("JOR", 2023)]

    ind = indicators.set_index(["iso3", "year"])
    assert ind.loc[("SYR", 2010), "population"] == 22_482_421
    assert ind.loc[("SYR", 2015), "population"] == 19_424_618
    assert ind.loc[("SYR", 2023), "population"] == 23_594_623
    assert ind.loc[("LBN", 2015), "population"] == 6_472_469
    assert ind.loc[("JOR", 2015), "population"] == 9_544_729
    assert round(ind.loc[("SYR", 2010), "gdp_current_usd"] / 1e9, 2) == 61.39
    assert round(ind.loc[("SYR", 2015), "gdp_current_usd"] / 1e9, 2) == 16.47
    assert round(ind.loc[("SYR", 2021), "gdp_current_usd"] / 1e9, 2) == 8.98
    assert round(ind.loc[("DEU", 2015), "gdp_current_usd"] / 1e9, 2) == 3357.59
    assert round(ind.loc[("TUR", 2015), "gdp_current_usd"] / 1e9, 2) == 864.31
    gdp = indicators.dropna(subset=["gdp_current_usd"]).groupby("iso3")["year"].max()
    assert gdp["SYR"] == 2021 and gdp["LBN"] == 2022
    # Lebanon's burden in 2015: about 16% of its population.
    assert round(r[("LBN", 2015)] / ind.loc[("LBN", 2015), "population"], 2) == 0.16


def test_join_on_iso3_loses_no_host(refugees, indicators):
    hosts = hosts_of(refugees)
    hosts = hosts[hosts["year"] <= 2024]
    joined = hosts.merge(indicators, left_on=["host_iso3", "year"], right_on=["iso3", "year"],
                         how="left", validate="one_to_one")
    assert len(joined) == len(hosts)
    assert joined["iso3"].notna().all(), "some host has no indicator row"
    assert joined["population"].notna().all()
    # Beside Syria and its hosts: the other crisis records' main hosts and origins (Myanmar's).
    myanmar = {"BGD", "IND", "JPN", "MYS", "THA", "USA", "MMR"}
    assert set(indicators["iso3"]) == set(hosts["host_iso3"]) | {"SYR"} | myanmar


def test_join_on_unhcr_code_would_go_wrong(refugees, indicators):
    """Joining on UNHCR's own codes mis-joins or drops hosts: the reason for host_iso3."""
    hosts = hosts_of(refugees)[["year", "host", "host_iso3", "unhcr_code"]]
    wrong = hosts.merge(indicators[["iso3", "country", "year"]], left_on=["unhcr_code", "year"],
                        right_on=["iso3", "year"], how="left")
    matched = wrong[wrong["iso3"].notna()]
    lost = set(wrong.loc[wrong["iso3"].isna(), "host_iso3"])
    misjoined = set(matched.loc[matched["iso3"] != matched["host_iso3"], "host_iso3"])
    # Austria (UNHCR AUS) picks up Australia's World Bank rows.
    austria = matched[matched["host_iso3"] == "AUT"]
    assert not austria.empty and (austria["country"] == "Australia").all()
    assert misjoined == {"AUT"}
    # Germany (GFR), Lebanon (LEB), Switzerland (SWI), Egypt (ARE) ... find no match at all.
    assert {"DEU", "LBN", "CHE", "EGY", "AUS"} <= lost


def test_no_aggregates_in_indicators(indicators):
    aggregates = {"WLD", "EUU", "ARB", "HIC", "LIC", "LMC", "UMC", "MIC", "OED", "EMU", "ECS",
                  "MEA", "SSF", "EAS", "LCN", "NAC", "SAS", "EAR", "LTE", "PST", "IDA", "IBD"}
    assert not aggregates & set(indicators["iso3"])


# --- cross-checks against the reference files ------------------------------------------


def test_refugee_counts_equal_reference(refugees, unhcr_syr):
    ref = unhcr_syr.set_index(["coa_iso", "year"])
    for row in hosts_of(refugees).itertuples():
        key = (row.host_iso3, row.year)
        if key not in ref.index:
            assert pd.isna(row.refugees) and pd.isna(row.asylum_seekers), key
            continue
        assert row.refugees == ref.loc[key, "refugees"], key
        assert row.asylum_seekers == ref.loc[key, "asylum_seekers"], key
        assert row.unhcr_code == ref.loc[key, "coa"], key


def test_world_total_is_sum_over_all_countries_of_asylum(refugees, unhcr_syr):
    expected = unhcr_syr.groupby("year")[["refugees", "asylum_seekers"]].sum()
    world = refugees[refugees["host_iso3"] == "WLD"].set_index("year")
    assert list(world.index) == list(expected.index)
    for year in expected.index:
        assert world.loc[year, "refugees"] == expected.loc[year, "refugees"], year
        assert world.loc[year, "asylum_seekers"] == expected.loc[year, "asylum_seekers"], year


def test_host_list_follows_the_one_percent_and_top_twenty_rules(refugees, unhcr_syr):
    share = unhcr_syr["refugees"] / unhcr_syr.groupby("year")["refugees"].transform("sum")
    big = set(unhcr_syr.loc[share >= 0.01, "coa_iso"])
    by_rank = unhcr_syr.groupby(["year", "coa_iso"])["refugees"].sum().groupby(level="year").rank(
        ascending=False, method="min")
    ranked = set(by_rank[by_rank <= 20].index.get_level_values("coa_iso"))
    assert set(hosts_of(refugees)["host_iso3"]) == big | ranked | EXTRA_HOSTS


def test_indicators_equal_world_bank(indicators, reference_dir):
    wb = reference_dir / "worldbank"
    for column, filename in (("population", "population.csv"), ("gdp_current_usd", "gdp.csv")):
        ref = read(wb / filename).set_index(["Country Code", "Year"])["Value"]
        for row in indicators.itertuples():
            key = (row.iso3, row.year)
            value = getattr(row, column)
            if key in ref.index:
                assert value == ref[key], (column, key)
            else:
                assert pd.isna(value), (column, key)
    # GDP is copied as text, digit for digit.
    ref_text = read(wb / "gdp.csv", dtype={"Value": str}).set_index(["Country Code", "Year"])["Value"]
    kit_text = read(ROOT / "datasets" / INDICATORS, dtype={"gdp_current_usd": str})
    for row in kit_text.dropna(subset=["gdp_current_usd"]).itertuples():
        assert row.gdp_current_usd == ref_text[(row.iso3, row.year)]
    names = read(wb / "population.csv").drop_duplicates("Country Code").set_index("Country Code")
    for iso, country in indicators.groupby("iso3")["country"].first().items():
        assert country == names.loc[iso, "Country Name"]


def test_indicator_countries_are_real_countries(indicators, reference_dir):
    countries = read(reference_dir / "unhcr_refugees" / "unhcr_countries.csv")
    assert set(indicators["iso3"]) <= set(countries["iso_code"])


def test_unhcr_code_trap_in_reference(reference_dir, unhcr_syr):
    """In the reference itself, UNHCR AUS is Austria and ISO AUS is Australia."""
    rows = unhcr_syr.drop_duplicates("coa")
    assert rows.set_index("coa").loc["AUS", "coa_iso"] == "AUT"
    assert rows.set_index("coa").loc["ARE", "coa_iso"] == "EGY"
    pop = read(reference_dir / "worldbank" / "population.csv")
    assert pop.loc[pop["Country Code"] == "AUS", "Country Name"].iloc[0] == "Australia"
    assert pop.loc[pop["Country Code"] == "ARE", "Country Name"].iloc[0] == "United Arab Emirates"


def test_build_script_reproduces_committed_csvs(reference_dir, datasets_dir, tmp_path):
    subprocess.run([sys.executable, str(BUILD), "--reference", str(reference_dir),
                    "--out", str(tmp_path)], check=True, capture_output=True)
    for name in (REFUGEES, INDICATORS):
        assert (tmp_path / name).read_bytes() == (datasets_dir / name).read_bytes(), name


# --- top N: ranked over all countries of asylum (issue 15) ------------------------------


def test_every_year_holds_its_twenty_largest_hosts_so_a_top_n_is_complete(refugees):
    hosts = hosts_of(refugees).dropna(subset=["rank"])
    for year, rows in hosts.groupby("year"):
        ranks = sorted(int(r) for r in rows["rank"] if r <= 20)
        # ties share a place, so the places 1..20 present are exactly 20 hosts (with gaps after ties)
        assert len(ranks) >= 20 and ranks[0] == 1, year
        ordered = rows.sort_values("refugees", ascending=False)
        assert ordered["rank"].head(20).is_monotonic_increasing, year


def test_ranks_are_over_all_countries_of_asylum_in_the_source(refugees, unhcr_syr):
    by = unhcr_syr.groupby(["year", "coa_iso"])["refugees"].sum()
    expected = by.groupby(level="year").rank(ascending=False, method="min")
    kit = hosts_of(refugees).dropna(subset=["rank"]).set_index(["year", "host_iso3"])["rank"]
    assert len(kit) > 300
    for key, rank in kit.items():
        assert rank == expected[key], key


def test_the_top_hosts_of_the_kit_are_the_top_hosts_of_the_source(refugees, unhcr_syr):
    from r2pkit import data, displacement

    table = data.load("syria_refugees_by_host")
    for year in range(2011, 2026):
        source = (unhcr_syr[unhcr_syr["year"] == year].groupby("coa_iso")["refugees"].sum()
                  .sort_values(ascending=False, kind="stable"))
        for top in (5, 10, 20):
            kit = displacement.top_hosts(table, year, top=top)
            assert list(kit["refugees"]) == list(source.head(top)), (year, top)
    # the audit's case: end-2015, Armenia is 8th and Bulgaria 11th, so Denmark is 12th
    ranked = displacement.top_hosts(table, 2015, top=12)["host_iso3"].tolist()
    assert ranked.index("ARM") == 7 and ranked.index("BGR") == 10 and ranked.index("DNK") == 11

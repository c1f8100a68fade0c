"""Cross-checks of the Myanmar datasets against the reference files, as for Syria's.

Tests that take ``reference_dir`` recompute the kit's figures from the reference files
(veto list, Voeten roll calls, UNHCR population and solutions tables) and skip when those
files are absent; the others check the kit's CSVs alone (sources, the facts the issue and
the reference README give, the columns shared with Syria's tables).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from r2pkit import crisis

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "tools" / "build_crisis_datasets.py"
NAMES = ("unsc_myanmar_vetoes", "unga_myanmar_resolutions", "unga_myanmar_votes", "myanmar_refugees_by_host",
         "myanmar_resettlement_arrivals")
SYRIA_TWIN = dict(zip(NAMES, ("unsc_syria_vetoes", "unga_syria_resolutions", "unga_syria_votes",
                              "syria_refugees_by_host", "syria_resettlement_arrivals")))


def read(path: Path, **kwargs) -> pd.DataFrame:
    return pd.read_csv(path, keep_default_na=False, na_values=[""], **kwargs)


@pytest.fixture(scope="module")
def tables(datasets_dir) -> dict[str, pd.DataFrame]:
    return {n: read(datasets_dir / f"{n}.csv") for n in NAMES}


def test_the_record_names_these_tables():
    assert {crisis.MYANMAR.datasets[r] for r in ("vetoes", "resolutions", "votes", "refugees_by_host",
                                                  "resettlement_arrivals")} == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_same_columns_as_syria(datasets_dir, name):
    assert list(read(datasets_dir / f"{name}.csv").columns) == list(read(datasets_dir / f"{SYRIA_TWIN[name]}.csv").columns)


@pytest.mark.parametrize("name", NAMES)
def test_every_row_has_a_source(tables, name):
    t = tables[name]
    assert len(t) and t["source"].notna().all() and (t["source"].str.len() > 20).all()


def test_the_2007_double_veto(tables, reference_dir):
    v = tables["unsc_myanmar_vetoes"]
    assert v[["date", "draft", "meeting_record", "vetoed_by", "n_vetoing"]].values.tolist() == [
        ["2007-01-12", "S/2007/14", "S/PV.5619", "China;Russia", 2]]
    ref = read(reference_dir / "unsc_vetoes" / "unsc_vetoes_1946_sept2022.csv")
    mine = ref[ref["crisis_topic"].str.contains("Myanmar")]
    assert mine["draft"].str.strip().tolist() == ["S/2007/14"]  # the only Myanmar veto in the list
    assert {mine["member_veto1"].iloc[0], mine["member_veto2"].iloc[0]} == {"China", "Russia"}


def test_resolution_tallies_equal_reference(tables, reference_dir):
    votes = read(reference_dir / "unga_votes" / "unga_votes_2011_2019.csv")
    for r in tables["unga_myanmar_resolutions"].itertuples():
        counts = votes.loc[votes["rcid"] == r.rcid, "vote"].value_counts()
        assert (r.yes, r.no, r.abstain) == (counts.get("yes", 0), counts.get("no", 0), counts.get("abstain", 0))
    res = tables["unga_myanmar_resolutions"].set_index("resolution")
    assert (res.loc["A/RES/72/248", ["yes", "no", "abstain"]].tolist()) == [122, 10, 24]
    assert res.loc["A/RES/72/248", "date"] == "2017-12-24"


def test_only_votes_on_myanmar_resolutions(tables, reference_dir):
    """The roll calls whose text mentions Myanmar, less the one that is a vote on another resolution."""
    rc = read(reference_dir / "unga_votes" / "unga_rollcalls_2011_2019.csv")
    text = rc["short"].fillna("") + " " + rc["descr"].fillna("")
    mentions = set(rc.loc[text.str.contains("Myanmar"), "rcid"])
    assert mentions - set(tables["unga_myanmar_resolutions"]["rcid"]) == {5935}
    arms = rc[rc["rcid"] == 5935].iloc[0]
    assert arms["unres"] == "R/67/234" and arms["para"] == 1 and "arms trade treaty" in arms["descr"]
    # a tally is compared with a reported official one where the kit found one, and says so where not
    res = tables["unga_myanmar_resolutions"].set_index("resolution")
    assert res.loc["A/RES/73/264", "note"] == "The counts were not checked against the official UN record."
    for symbol in ("A/RES/66/230", "A/RES/72/248", "A/RES/74/246"):
        assert res.loc[symbol, "official_tally"] == f"{res.loc[symbol, 'yes']}-{res.loc[symbol, 'no']}-{res.loc[symbol, 'abstain']}"
        assert "did not read the UN record itself" in res.loc[symbol, "official_source"]


def test_votes_equal_reference(tables, reference_dir):
    votes = read(reference_dir / "unga_votes" / "unga_votes_2011_2019.csv")
    mine = tables["unga_myanmar_votes"]
    assert mine.groupby("resolution").size().eq(193).all()
    cast = mine[mine["vote"] != "absent"].merge(votes, on=["rcid", "country"], suffixes=("", "_ref"))
    assert len(cast) == (mine["vote"] != "absent").sum()
    assert (cast["vote"] == cast["vote_ref"]).all()
    by = mine.set_index(["resolution", "country"])["vote"]
    assert by[("A/RES/66/230", "Russia")] == "no" and by[("A/RES/72/248", "China")] == "no"
    assert by[("A/RES/72/248", "Myanmar (Burma)")] == "no" and by[("A/RES/72/248", "Bangladesh")] == "yes"


def test_refugee_facts(tables):
    r = tables["myanmar_refugees_by_host"]
    world = r[r["host_iso3"] == "WLD"].set_index("year")["refugees"]
    assert world[2017] == 1_156_742 and round(world[2017] / 1e6, 2) == 1.16
    assert r.set_index(["host_iso3", "year"]).loc[("BGD", 2018), "refugees"] == 906_635
    assert (r["source"].str.contains("origin MYA")).all()  # UNHCR's code, not the ISO code


def test_refugee_figures_equal_reference(tables, reference_dir):
    pop = read(reference_dir / "unhcr_refugees" / "unhcr_population.csv")
    mmr = pop[pop["coo_iso"] == "MMR"]
    r = tables["myanmar_refugees_by_host"]
    hosts = r[(r["host_iso3"] != "WLD") & r["refugees"].notna()]
    joined = hosts.merge(mmr, left_on=["year", "host_iso3"], right_on=["year", "coa_iso"], how="left")
    assert (joined["refugees_x"] == joined["refugees_y"]).all()
    world = r[r["host_iso3"] == "WLD"].set_index("year")["refugees"]
    assert (world == mmr.groupby("year")["refugees"].sum().reindex(world.index)).all()


def test_arrivals_equal_reference(tables, reference_dir):
    sol = read(reference_dir / "unhcr_refugees" / "unhcr_solutions.csv")
    mmr = sol[(sol["coo_iso"] == "MMR") & sol["year"].between(2007, 2025) & (sol["resettlement"] > 0)]
    a = tables["myanmar_resettlement_arrivals"]
    assert a["resettlement_arrivals"].sum() == int(mmr["resettlement"].sum())
    assert len(a) == len(mmr)


def test_build_script_reproduces_committed_csvs(reference_dir, datasets_dir, tmp_path):
    subprocess.run([sys.executable, str(BUILD), "myanmar", "--reference", str(reference_dir), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    for name in NAMES:
        assert (tmp_path / f"{name}.csv").read_bytes() == (datasets_dir / f"{name}.csv").read_bytes(), name

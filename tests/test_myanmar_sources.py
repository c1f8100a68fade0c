"""Notebook 07's own sources on Myanmar: the Council's actions, the risk-factor evidence and the
two duty cases, checked against each other, the kit's other tables and the reference files.

Expected values are computed from ../shared/reference (the reference_dir fixture skips with a
reason when it is absent) or from the kit's risk-factor table, never copied from these CSVs.
"""
from __future__ import annotations

import pandas as pd
import pytest

from r2pkit import data, duties
from r2pkit.duties import load_case

ACTIONS = data.load("unsc_myanmar_actions")
EVIDENCE = data.load("myanmar_risk_evidence")
P5 = {"China", "France", "Russia", "United Kingdom", "United States"}


def read(path) -> pd.DataFrame:
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


def names(cell) -> list[str]:
    return [] if pd.isna(cell) else str(cell).split(";")


# ---- the Council's actions ---------------------------------------------------------------

def test_every_vote_adds_up_to_the_fifteen_members_and_names_who_voted_against_or_abstained():
    voted = ACTIONS[ACTIONS["yes"].notna()]
    assert len(voted) == 2  # the 2007 draft and resolution 2669 (2022); statements take no vote
    for row in voted.itertuples():
        assert row.yes + row.no + row.abstain == 15, row.symbol
        assert len(names(row.against)) == row.no and len(names(row.abstaining)) == row.abstain, row.symbol


def test_statements_have_no_vote_and_say_the_kit_has_not_read_them():
    statements = ACTIONS[ACTIONS["action"].str.endswith("statement")]
    assert statements[["yes", "no", "abstain", "against", "abstaining"]].isna().all().all()
    assert statements["summary"].str.contains("the kit has not read its text").all()


def test_a_draft_fails_exactly_when_a_permanent_member_votes_against():
    for row in ACTIONS[ACTIONS["yes"].notna()].itertuples():
        vetoers = P5 & set(names(row.against))
        assert (row.action == "draft resolution (vetoed)") == bool(vetoers), row.symbol
        if vetoers:
            assert all(v in row.outcome for v in vetoers)


def test_the_vetoed_draft_is_the_reference_veto_list_row(reference_dir):
    ref = read(reference_dir / "unsc_vetoes" / "unsc_vetoes_1946_sept2022.csv")
    ref = ref[ref["crisis_topic"] == "Myanmar"]
    ours = ACTIONS[ACTIONS["action"] == "draft resolution (vetoed)"]
    assert list(ours["symbol"]) == list(ref["draft"])
    for row, (_, r) in zip(ours.itertuples(), ref.iterrows()):
        members = {r[c] for c in ("member_veto1", "member_veto2", "member_veto3") if pd.notna(r[c])}
        assert members == P5 & set(names(row.against))
        assert pd.Timestamp(row.date) == pd.to_datetime(r["date"], format="%m/%d/%Y")


# ---- the risk-factor evidence ------------------------------------------------------------

def test_every_factor_and_indicator_is_one_of_the_kits_risk_factors():
    table = data.load("atrocity_risk_factors")
    factors = set(table["factor"])
    unknown = set(EVIDENCE["factor"]) - factors
    assert not unknown, f"not in atrocity_risk_factors: {unknown}"
    for row in EVIDENCE[EVIDENCE["indicator_id"].notna()].itertuples():
        ids = set(table.loc[table["factor"] == row.factor, "indicator_id"].dropna().astype(str))
        assert row.indicator_id in ids, (row.factor, row.indicator_id)


def test_inferred_links_say_so_in_the_kits_reading():
    inferred = EVIDENCE[EVIDENCE["link"] == "inferred"]
    assert len(inferred) >= 1
    assert inferred["kit_reading"].str.contains("inference|reads|readers", case=False).all()


def _fmt(n: int) -> str:
    return f"{int(n):,}"


def test_the_unhcr_and_idmc_figures_in_the_evidence_are_the_reference_rows(reference_dir):
    ref = reference_dir / "unhcr_refugees"
    idmc = read(ref / "unhcr_idmc.csv")
    idmc = idmc[idmc["coo_iso"] == "MMR"].set_index("year")["total"]
    population = read(ref / "unhcr_population.csv")
    bangladesh = population[(population["coo"] == "MYA") & (population["coa_iso"] == "BGD")].groupby("year")["refugees"].sum()
    stateless = population[(population["coo_iso"] == "XXA") & (population["coa_iso"] == "MMR")].groupby("year")["stateless"].sum()
    text = dict(zip(EVIDENCE["source"], EVIDENCE["evidence"]))
    conflict = next(t for s, t in text.items() if "unhcr_idmc.csv" in s)
    for year in (2009, 2016, 2025):
        assert _fmt(idmc[year]) in conflict, year
    flight = next(t for s, t in text.items() if "asylum BGD" in s)
    assert _fmt(bangladesh[2016]) in flight and _fmt(bangladesh[2017]) in flight
    stateless_text = next(t for s, t in text.items() if "Stateless" in s)
    for year in (2011, 2019, 2025):
        assert _fmt(stateless[year]) in stateless_text, year


# ---- the duty cases ----------------------------------------------------------------------

MYANMAR_CASES = ["china-myanmar", "russia-myanmar"]


@pytest.mark.parametrize("case_id", MYANMAR_CASES)
def test_the_myanmar_cases_leave_obstruction_open_and_say_they_are_built_from_un_records(case_id):
    case = load_case(duties.LIBRARY / f"{case_id}.yaml")
    assert "from UN records" in case.title
    result = duties.assess(case)
    assert (result.not_obstruct.attaches, result.not_obstruct.breached) == (True, None)
    assert result.not_obstruct.open_facts == ("obstructs_protective_measures",)
    assert result.protect.attaches is None and result.assist.attaches is None


@pytest.mark.parametrize("case_id", MYANMAR_CASES)
def test_the_myanmar_cases_cite_the_votes_in_the_kits_tables(case_id, datasets_dir):
    case = load_case(duties.LIBRARY / f"{case_id}.yaml")
    state = case.outside_state
    cites = " ".join(s.cite for s in case.sources)
    votes = read(datasets_dir / "unga_myanmar_votes.csv")
    no = votes[(votes["country"] == state) & (votes["vote"] == "no")]["resolution"]
    assert len(no) == votes["resolution"].nunique() == 4 and all(r in cites for r in no)
    assert state in ACTIONS.set_index("symbol").loc["S/RES/2669 (2022)", "abstaining"].split(";")
    assert state in ACTIONS.set_index("symbol").loc["S/2007/14", "against"].split(";")
    assert "S/RES/2669" in cites and "S/2007/14" in cites


def test_same_vetoes_different_answers_syria_and_myanmar():
    """Russia vetoed on both; Hakimi's broader pattern makes obstruction a fact for Syria only."""
    syria = duties.assess(load_case(duties.LIBRARY / "russia-syria.yaml"))
    myanmar = duties.assess(load_case(duties.LIBRARY / "russia-myanmar.yaml"))
    assert syria.case.facts["obstructs_protective_measures"] is True
    assert myanmar.case.facts["obstructs_protective_measures"] is None
    assert syria.not_obstruct.breached is None and myanmar.not_obstruct.breached is None
    assert "offers_meaningful_alternative" in syria.not_obstruct.open_facts
    assert "offers_meaningful_alternative" not in myanmar.not_obstruct.open_facts

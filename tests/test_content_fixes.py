"""The content errors an independent audit found (issue 15), each checked where it was fixed.

These tests need only the kit's own files (datasets, duty cases, notebooks, exercise sources):
they recompute what the text claims from the data, or check the wording that was wrong. The
seed and reference cross-checks are in test_quotations.py, test_reference_displacement.py and
test_reference_un.py.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from r2pkit import data, displacement, duties

ROOT = Path(__file__).resolve().parents[1]


def _text(relative: str) -> str:
    return (ROOT / relative).read_text(encoding="utf-8")


def _question(exercise: str, qid: str) -> dict:
    source = yaml.safe_load(_text(f"exercises/source/{exercise}.yaml"))
    return next(q for q in source["questions"] if q["id"] == qid)


# --------------------------------------------------------------- top hosts over all hosts
def test_the_top_ten_of_2015_is_ranked_over_every_country_of_asylum():
    refugees = data.load("syria_refugees_by_host")
    top = displacement.top_hosts(refugees, 2015, top=10)
    ranks = refugees.set_index(["year", "host_iso3"])["rank"]
    assert [int(ranks[(2015, iso)]) for iso in top["host_iso3"]] == list(range(1, 11))
    assert "ARM" in set(top["host_iso3"]) and "DNK" not in set(top["host_iso3"])


def test_every_year_holds_every_host_ranked_up_to_twenty():
    refugees = data.load("syria_refugees_by_host").dropna(subset=["rank"])
    for year, rows in refugees.groupby("year"):
        assert set(range(1, 21)) - set(rows["rank"].astype(int)) <= _tied_places(rows["rank"]), year


def _tied_places(ranks: pd.Series) -> set[int]:
    """Places skipped after a tie (two hosts 5th: no 6th)."""
    counts = ranks.astype(int).value_counts()
    return {r + k for r, n in counts.items() for k in range(1, n)}


# ------------------------------------------------------------------- General Assembly tallies
def test_tallies_that_differ_from_the_official_record_are_flagged():
    res = data.load("unga_syria_resolutions")
    voted = res[res["in_roll_call_data"]]
    computed = voted["yes"].astype(str) + "-" + voted["no"].astype(str) + "-" + voted["abstain"].astype(str)
    for i, row in voted.iterrows():
        official = row["official_tally"]
        if pd.isna(official):
            assert "not checked against the official UN record" in row["note"], row["resolution"]
            assert "could not source" in row["official_source"]
        elif official != computed[i]:
            assert f"differ from the official record ({official})" in row["note"], row["resolution"]
        else:
            assert f"agree with the official record ({official})" in row["note"], row["resolution"]
    flagged = {r for r, o, c in zip(voted["resolution"], voted["official_tally"], computed) if pd.notna(o) and o != c}
    assert flagged == {"A/RES/71/130", "A/RES/71/248"}
    by_symbol = res.set_index("resolution")
    assert by_symbol.loc["A/RES/71/130", "official_tally"] == "122-13-36"
    assert "GA/11871" in by_symbol.loc["A/RES/71/130", "official_source"]
    assert "did not read" in by_symbol.loc["A/RES/71/130", "official_source"]  # said plainly


def test_zimbabwes_missing_2016_votes_are_explained():
    res = data.load("unga_syria_resolutions").set_index("resolution")
    votes = data.load("unga_syria_votes")
    missing = votes[(votes["country"] == "Zimbabwe") & (votes["vote"] == "absent")]
    assert set(missing["resolution"]) == {"A/RES/71/130", "A/RES/71/203", "A/RES/71/248"}
    for symbol in missing["resolution"]:
        assert "appears to be missing from the data" in res.loc[symbol, "note"]
    assert missing["note"].str.contains("missing from the Voeten data").all()


# ------------------------------------------------------------------------ the timeline
def test_brazils_proposal_is_dated_to_rousseffs_general_assembly_speech():
    timeline = data.load("r2p_timeline").set_index("event_id")
    row = timeline.loc["brazil-responsibility-while-protecting"]
    assert row["date"] == pd.Timestamp("2011-09-21") and row["date_precision"] == "day"
    assert "Rousseff" in row["description"] and "A/66/551–S/2011/701" in row["document"]
    assert "not from the seeds" in row["note"]
    q1 = _question("ex01_history", "q1")
    assert "21 September 2011" in q1["explanation"] and "November 2011" in q1["explanation"]
    assert "proposal, November 2011" not in q1["explanation"]


@pytest.mark.parametrize("event", ["unsc-res-1674", "unsc-res-1706-darfur", "unsc-res-1894", "unsc-res-1970"])
def test_paragraph_pins_copied_from_hakimi_say_so(event):
    note = data.load("r2p_timeline").set_index("event_id").loc[event, "note"]
    assert "as cited by Hakimi" in note and "not been checked against the resolution" in note


def test_the_r2p_references_of_1706_and_1894_are_said_to_be_in_the_preambles():
    timeline = data.load("r2p_timeline").set_index("event_id")
    for event in ("unsc-res-1706-darfur", "unsc-res-1894"):
        assert "preamble" in timeline.loc[event, "note"]


# ---------------------------------------------------------------------- the duty cases
def test_france_rwanda_is_what_hakimi_says_might_have_been_triggered():
    case = duties.load_case(duties.LIBRARY / "france-rwanda.yaml")
    assert duties.assess(case).protect.attaches is None  # not established
    assert not duties.expectation_problems(case)
    assert "might\n  have triggered" in _text("datasets/duty_cases/france-rwanda.yaml") or \
        "might have triggered" in case.notes
    assert "The kit's reading" in case.notes


def test_russia_syria_teaches_the_weighing_and_marks_the_kits_reading():
    case = duties.load_case(duties.LIBRARY / "russia-syria.yaml")
    assert "could reasonably disagree" in case.notes and "The kit's reading" in case.notes
    for path in ("datasets/duty_cases/russia-syria.yaml", "notebooks/03_duty_bundle.py",
                 "exercises/source/ex03_duties.yaml"):
        assert "does not apply her two limits" not in _text(path), path
        assert "reasonably" in _text(path), path


def test_main_text_of_the_resettlement_article_is_cited_as_text_at_its_footnote():
    cites = [s["cite"] for s in yaml.safe_load(_text(
        "datasets/duty_cases/air-strikes-contributed-to-risk-must-assist.yaml"))["sources"]]
    assert not [c for c in cites if re.search(r"(?<!text at )\bfn 58\b", c)]


# ------------------------------------------------------------------------ the notes
def _growth(population: pd.Series, year: int) -> float:
    return 100 * (int(population[year]) / int(population[year - 1]) - 1)


@pytest.mark.parametrize("iso", ["LBN", "JOR"])
def test_the_population_growth_in_the_notes_is_the_series_own(iso):
    ind = data.load("country_indicators")
    rows = ind[ind["iso3"] == iso].set_index("year")
    note = rows.loc[2015, "note"]
    for year in (2013, 2014, 2015):
        assert f"{_growth(rows['population'], year):.1f}% in {year}" in note
    assert "5-10%" not in note


# ------------------------------------------------------------------- protection measures
def test_an_icc_referral_needs_the_council_only_for_a_state_that_is_not_a_party():
    icc = data.load("protection_measures").set_index("measure_id").loc["icc_referral"]
    assert icc["needs_sc_authorisation"] == "sometimes"
    assert (icc["by_single_state"], icc["by_un"]) == ("yes", "council")
    assert "arts. 13–15" in icc["sc_reasoning"] and "art. 12" in icc["sc_reasoning"]
    assert "S/2014/348" in icc["sc_reasoning"] and "outside the seeds" in icc["source"]


# ------------------------------------------------------------------------- exercises
def test_exercise_4_question_7_compares_the_remainders_rightly():
    ind = data.load("country_indicators")
    pop = ind[(ind["year"] == 2015) & ind["iso3"].isin(["GBR", "DEU", "FRA"])].set_index("iso3")["population"]
    quota = 20000 * pop.astype(float) / float(pop.sum())
    remainder = (quota - quota.astype(int)).round(2)
    text = " ".join(_question("ex04_resettlement", "q7")["explanation"].split())
    shown = {k: float(v) for k, v in re.findall(r"(Germany|UK|France)'s, (0\.\d\d)", text)}
    assert shown == {"Germany": remainder["DEU"], "UK": remainder["GBR"], "France": remainder["FRA"]}
    assert max(shown, key=shown.get) == "Germany" and "to the largest remainder" in text


def test_exercise_2_quotes_hakimi_without_garbling_her_sentence():
    text = _text("exercises/source/ex02_syria.yaml")
    assert "are ‘might be evidence" not in text
    assert "‘This conduct might be evidence of obstruction but is not dispositive.’" in text


def test_notebook_3_points_to_the_section_on_the_engines_assumptions():
    text = _text("notebooks/03_duty_bundle.py")
    m = re.search(r"the engine treats the duty not to obstruct in the same way: see section (\d)", text)
    assert m and f"# ## {m.group(1)}. What the article claims, and what the engine assumes" in text


# -------------------------------------------------------------------- notes everywhere
def test_every_table_has_a_note_column_and_every_case_notes():
    for name in data.names():
        assert "note" in set(data.describe(name)["field"]), name
    for case in duties.load_cases(duties.LIBRARY):
        assert case.notes.strip(), case.id

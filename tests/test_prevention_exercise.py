"""Exercise 05's key agrees with the kit's data: the answers typed in the YAML are recomputed
here from the datasets (sessions, addressees, the coercion order, the measures left under the
scenario's constraints, the texts' disagreements)."""
from __future__ import annotations

from pathlib import Path

import pytest

from r2pkit import data, prevention
from r2pkit.exercises.source import load_source

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def key():
    exercise = load_source(ROOT / "exercises" / "source" / "ex05_prevention.yaml")
    return {q.id: q for q in exercise.questions}


def _by_row(recs, rec_ids, column):
    return [recs.set_index("rec_id").loc[r, column] for r in rec_ids]


def test_there_are_at_least_eight_questions_of_the_kinds_asked(key):
    kinds = {q.kind for q in key.values()}
    assert len(key) >= 8 and {"classification", "ordering", "multiple", "data"} <= kinds


def test_sessions_and_addressees_are_those_of_the_rows_cited(key):
    recs = data.load("unauk_recommendations")
    q1 = key["q1"]
    sessions = _by_row(recs, ["rec-01", "rec-06", "rec-10", "rec-20", "rec-04", "rec-13"], "session")
    assert [int(q1.categories[q1.answer[item]][0]) for item in "abcdef"] == sessions
    q2 = key["q2"]
    addressees = _by_row(recs, ["rec-19", "rec-21", "rec-17", "rec-12", "rec-16", "rec-22"], "addressee")
    assert [q2.categories[q2.answer[item]] for item in "abcdef"] == addressees


def test_the_ordering_is_the_coercion_rank(key):
    measures = data.load("protection_measures").set_index("measure")
    q3 = key["q3"]
    ranks = [measures.loc[q3.items[item], "coercion_rank"] for item in q3.answer]
    levels = {measures.loc[name, "coercion_level"] for name in q3.items.values()}
    assert ranks == sorted(ranks)
    assert len(levels) == len(q3.items)  # one measure per level: the order does not hang on the kit's ties


def test_the_scenario_answer_is_what_remains_for_a_state_that_is_not_permanent(key):
    measures = data.load("protection_measures")
    q4 = key["q4"]
    left = set(prevention.available_measures(measures, True, False, "single state")["measure"])
    left.discard("Restraint in the use of the veto")  # the scenario's state is not a permanent member
    assert sorted(q4.answer) == sorted(k for k, name in q4.options.items() if name in left)


def test_the_disagreements_are_the_tables(key):
    verdicts = prevention.agreement(data.load("protection_measures")).set_index("measure")["verdict"]
    q10 = key["q10"]
    assert sorted(q10.answer) == sorted(k for k, name in q10.options.items() if verdicts[name] == "disagree")


def test_the_checklist_answer_is_what_the_profile_says(key):
    factors = data.load("atrocity_risk_factors")
    q7 = key["q7"]
    assert "Risk Factor 8" in q7.prompt and "Risk Factor 13" in q7.prompt
    text = prevention.profile_summary(prevention.risk_profile(factors, [8, 13]))
    by_number = factors.dropna(subset=["factor_number"]).drop_duplicates("factor_number").set_index("factor_number")
    assert by_number.loc[8, "group"] == "common" and by_number.loc[13, "crime"] == "war crimes"
    assert f"Common risk factors (all atrocity crimes): Risk Factor 8: {by_number.loc[8, 'factor']}." in text
    assert f"Specific to war crimes: Risk Factor 13: {by_number.loc[13, 'factor']}." in text
    assert "not a score, a probability or a prediction" in text and by_number.loc[8, "factor"].lower() in \
        q7.options[q7.answer]

"""r2pkit.duties.tables and answer_choices: the engine's answers as tables and widget choices.

'Not established' must never be shown as 'no'; each expected word below follows from the
article's rule for the facts given (Hakimi, Part IV.B), written by hand.
"""
from __future__ import annotations

import pytest

from r2pkit import duties
from r2pkit.errors import UnknownNameError

CASES = duties.load_cases(duties.LIBRARY)


@pytest.mark.parametrize("facts,duty,words", [
    ({}, "respect", "attaches · breach not established"),            # needs no relationship (p. 267)
    ({}, "protect", "not established"),
    ({"physical_presence_only": True, "substantial_support_to_perpetrators": False}, "protect", "does not attach"),
    ({"substantial_support_to_perpetrators": True, "made_reasonable_efforts_to_restrain": True}, "protect",
     "attaches · not breached"),
    ({"special_relationship": True, "helps_lessen_risk": False, "cannot_reasonably_bear": False}, "assist",
     "attaches · breached"),
    ({"helps_lessen_risk": True}, "assist", "attachment not established · not breached"),
    ({"obstructs_protective_measures": False}, "not_obstruct", "attaches · not breached"),
])
def test_short_outcome_words(facts, duty, words):
    assert duties.short_outcome(duties.assess(facts)[duty]) == words


def test_duty_table_has_the_four_duties_in_order_with_words_grounds_and_sources():
    a = duties.assess(governmental_authority=True, made_reasonable_efforts_to_restrain=False,
                      cannot_reasonably_bear=False)
    t = duties.duty_table(a)
    assert list(t["duty"]) == [duties.DUTY_TITLES[d] for d in duties.DUTIES]
    protect = t.set_index("duty").loc["Duty to protect"]
    assert (protect["attaches"], protect["breached"]) == ("attaches", "breached")
    assert "governmental_authority" in protect["decided by"] and protect["would be decided by"] == "—"
    assert "Armed Activities (ICJ 2005)" in protect["sources"]
    assist = t.set_index("duty").loc["Duty to assist"]
    assert "contributed_to_risk" in assist["would be decided by"]


def test_facts_table_lists_every_fact_with_unknown_in_words():
    t = duties.facts_table({"id": "x", "outside_state": "Utopia", "facts": {"high_capacity": True}})
    assert list(t["fact"]) == list(duties.FACTS)
    answers = t.set_index("fact")["answer"]
    assert answers["high_capacity"] == "yes" and answers["special_relationship"] == "unknown"
    assert t["question"].str.contains("Utopia").all()


def test_library_table_has_one_row_per_case_and_reproduces_the_article():
    t = duties.library_table(CASES)
    assert list(t["case"]) == [c.id for c in CASES]
    assert list(t.columns) == ["case", "outside state", "title", *duties.DUTIES, "as expected"]
    assert t["as expected"].tolist() == [True] * len(CASES)
    behrami = t.set_index("case").loc["france-behrami"]
    assert behrami["protect"] == "does not attach"  # Behrami: presence without authority (p. 270)


def test_library_table_marks_a_case_without_expectation_and_a_failing_one():
    plain = duties.as_case({"id": "plain", "facts": {}})
    failing = duties.as_case({"id": "failing", "facts": {"governmental_authority": True},
                              "expected": {"protect": {"attaches": False}}})
    t = duties.library_table([plain, failing]).set_index("case")
    assert t.loc["plain", "as expected"] is None and t.loc["failing", "as expected"] is False


def test_answer_choices_put_not_known_last_and_check_the_name():
    for name, fact in duties.FACTS.items():
        choices = duties.answer_choices(name)
        assert choices[-1] == ("not known", None)
        values = [v for _, v in choices[:-1]]
        assert values == (list(fact.choices) if fact.choices else [True, False])
        assert duties.normalize_facts({name: values[0]})[name] == values[0]
    with pytest.raises(UnknownNameError, match="Did you mean 'high_capacity'"):
        duties.answer_choices("high_capacty")


def test_the_table_functions_load_lazily():
    import subprocess
    import sys

    code = "import sys, r2pkit.duties; print('pandas' in sys.modules); r2pkit.duties.short_outcome; " \
           "print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"], "r2pkit.duties should not import pandas until a table is asked for"

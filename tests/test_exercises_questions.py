"""Question kinds: answers in every documented form, the partial-credit rules, and self-check.

The partial-credit rules are the ones stated in r2pkit/exercises/questions.py's docstring
(and to students in each question's header). Expected scores are computed here from those
rules with plain set and list arithmetic, never copied from the code under test. The key
property: self-check from the public form (hashes, no key) gives exactly the outcome the
grader gives with the key, for every answer tried.
"""
from __future__ import annotations

import itertools
import json
import re

import numpy as np
import pandas as pd
import pytest

from r2pkit.exercises.questions import AnswerError, Outcome, Question, normalise, score
from r2pkit.exercises.sealed import digest, public_question, seal, self_check, unseal

SALT = "test-salt-5d1e"


def _key_table(q: Question, frame: pd.DataFrame) -> str:
    """A data-table key in canonical form, as the source loader makes it."""
    return normalise(q, frame)


VETOES = pd.DataFrame({"year": [2011, 2012, 2014, 2017], "vetoes": [1, 2, 1, 6]})

SINGLE = Question("q1", "single", "Who publishes the refugee figures?", points=1,
                  options={"a": "The World Bank", "b": "UNHCR, the UN refugee agency", "c": "The Security Council"},
                  answer="b", hints=("Look at the source column.",),
                  feedback={"a": "The World Bank publishes GDP."},
                  explanation="UNHCR publishes them.", source="datapackage.json")
MULTIPLE = Question("q2", "multiple", "Which apply?", points=3,
                    options={"a": "Alpha", "b": "Bravo", "c": "Charlie", "d": "Delta", "e": "Echo"},
                    answer=["a", "c", "d"], explanation="x", source="y")
TRUEFALSE = Question("q3", "truefalse", "True or false?", points=2,
                     justifications={"a": "Because of one thing", "b": "Because of another", "c": "No reason"},
                     answer=[False, "b"], explanation="x", source="y")
NUMERIC = Question("q4", "numeric", "How many?", points=1, answer=100.0, tolerance=10.0, unit="persons",
                   explanation="x", source="y")
TEXT = Question("q5", "text", "Which body?", points=1, accepted=("Security Council", "UNSC"),
                answer="security council", explanation="x", source="y")
ORDERING = Question("q6", "ordering", "Put in order.", points=2,
                    items={"a": "Libya", "b": "World Summit", "c": "ICISS report", "d": "Three pillars"},
                    answer=["c", "b", "d", "a"], explanation="x", source="y")
CLASSIFICATION = Question("q7", "classification", "Sort them.", points=3,
                          items={"a": "unsc_syria_vetoes", "b": "unga_syria_votes", "c": "unga_syria_resolutions"},
                          categories={"x": "Security Council", "y": "General Assembly", "z": "Refugees"},
                          answer={"a": "x", "b": "y", "c": "y"}, explanation="x", source="y")
DATA_NUMBER = Question("q8", "data", "Compute the total.", points=2, answer_type="number", answer=4873236.0,
                       tolerance=50000.0, unit="persons", explanation="x", source="y")
_TABLE_DRAFT = Question("q9", "data", "Make the table.", points=2, answer_type="table")
DATA_TABLE = Question("q9", "data", "Make the table.", points=2, answer_type="table",
                      answer=_key_table(_TABLE_DRAFT, VETOES), explanation="x", source="y")
FRAMEWORK = Question("q10", "framework", "Which four crimes?", points=2,
                     options={"a": "Genocide", "b": "War crimes", "c": "Ethnic cleansing",
                              "d": "Crimes against humanity", "e": "Terrorism", "f": "Piracy"},
                     answer=["a", "b", "c", "d"], explanation="x", source="y")

ALL = [SINGLE, MULTIPLE, TRUEFALSE, NUMERIC, TEXT, ORDERING, CLASSIFICATION, DATA_NUMBER, DATA_TABLE, FRAMEWORK]


def _status(share: float) -> str:
    return "correct" if share == 1 else ("partial" if share > 0 else "incorrect")


def _assert_outcome(outcome: Outcome, q: Question, share: float, context: object) -> None:
    assert outcome.status == _status(share), f"{q.id} {context!r}: status {outcome.status}, expected {_status(share)}"
    assert outcome.points == pytest.approx(q.points * share, abs=1e-4), \
        f"{q.id} {context!r}: {outcome.points} points, expected {q.points} × {share}"
    assert outcome.max_points == q.points


def _message(q: Question, raw: object) -> str:
    with pytest.raises(AnswerError) as info:
        normalise(q, raw)
    return str(info.value)


def test_the_test_questions_cover_every_kind():
    from r2pkit.exercises.questions import KINDS

    # the kinds the kit scores; a written answer, graded by hand, has its own tests (test_exercises_written.py)
    assert {q.kind for q in ALL} == set(KINDS) - {"written"}
    assert {q.answer_type for q in ALL if q.kind == "data"} == {"number", "table"}


# ------------------------------------------------------------------ normalise
@pytest.mark.parametrize("raw", ["b", "B", "unhcr, the un refugee agency", "  UNHCR, the UN Refugee Agency! "])
def test_single_accepts_the_letter_or_the_option_text_in_any_case(raw):
    assert normalise(SINGLE, raw) == "b"


@pytest.mark.parametrize("raw", ["z", "UNHCR", ["b"], 2])
def test_single_refuses_anything_else_and_lists_the_choices(raw):
    msg = _message(SINGLE, raw)
    assert "q1" in msg, msg
    for letter, label in SINGLE.options.items():
        assert f"{letter}) {label}" in msg, f"the message should list option {letter}: {msg}"


@pytest.mark.parametrize("raw", [["a", "c", "d"], ["d", "a", "c"], ("a", "c", "d"), {"a", "c", "d"},
                                 "a, c, d", "a;c;d", "a c d", "A, C, D", ["alpha", "CHARLIE", "Delta"],
                                 ["a", "c", "d", "a"]])
def test_multiple_accepts_letters_texts_and_strings_in_any_order(raw):
    assert normalise(MULTIPLE, raw) == ["a", "c", "d"]


def test_multiple_with_nothing_chosen_is_an_empty_answer_not_no_answer():
    assert normalise(MULTIPLE, []) == []
    assert normalise(MULTIPLE, None) is None


@pytest.mark.parametrize("raw", [{"a": True}, 3, 2.5])
def test_multiple_refuses_a_wrong_shape_with_an_example(raw):
    msg = _message(MULTIPLE, raw)
    assert "q2" in msg and "['a', 'c']" in msg, msg


def test_multiple_refuses_an_unknown_choice_and_lists_the_options():
    msg = _message(MULTIPLE, ["a", "q"])
    assert "'q'" in msg and "q2" in msg
    for letter, label in MULTIPLE.options.items():
        assert f"{letter}) {label}" in msg, msg


@pytest.mark.parametrize("raw", [(False, "b"), [False, "b"], ("false", "b"), ("FALSE", "B"),
                                 (False, "because of another"), {"verdict": False, "why": "b"},
                                 {"verdict": "false", "why": "Because of another"}])
def test_truefalse_accepts_a_pair_or_a_mapping_with_a_word_or_bool_verdict(raw):
    assert normalise(TRUEFALSE, raw) == [False, "b"]


def test_truefalse_accepts_true_as_a_word():
    assert normalise(TRUEFALSE, ("true", "a")) == [True, "a"]
    assert normalise(TRUEFALSE, {"verdict": "True", "why": "c"}) == [True, "c"]


@pytest.mark.parametrize("raw", ["true", True, ("b",), (True, "a", "b")])
def test_truefalse_without_a_verdict_and_reason_shows_an_example(raw):
    msg = _message(TRUEFALSE, raw)
    assert "q3" in msg and "(True, 'b')" in msg, msg


@pytest.mark.parametrize("verdict", ["maybe", 1, None])
def test_truefalse_verdict_must_be_true_or_false(verdict):
    msg = _message(TRUEFALSE, (verdict, "b"))
    assert "q3" in msg and "True or False" in msg, msg


def test_truefalse_unknown_reason_lists_the_reasons():
    msg = _message(TRUEFALSE, (True, "d"))
    for letter, label in TRUEFALSE.justifications.items():
        assert f"{letter}) {label}" in msg, msg


@pytest.mark.parametrize("raw", [4873236, 4873236.0, np.int64(4873236), np.float64(4873236.0),
                                 np.int32(4873236), np.float32(4873236.0), "4873236", "4,873,236", " 4 873 236 ",
                                 "4_873_236", "4873236.0", pd.array([4873236], dtype="Int64")[0]])
def test_numbers_are_accepted_as_int_float_numpy_scalars_or_text(raw):
    value = normalise(DATA_NUMBER, raw)
    assert isinstance(value, float) and value == 4873236.0, (raw, value)


def test_negative_and_decimal_numbers_as_text():
    assert normalise(NUMERIC, "-12.5") == -12.5
    assert normalise(NUMERIC, "0.35") == 0.35


@pytest.mark.parametrize("raw", [float("nan"), float("inf"), -float("inf"), np.nan, np.float64("inf")])
def test_numbers_must_be_finite(raw):
    msg = _message(NUMERIC, raw)
    assert "q4" in msg and "finite" in msg, msg


@pytest.mark.parametrize("raw", [True, False, np.True_, np.bool_(False)], ids=["True", "False", "np.True_", "np.False_"])
def test_a_true_or_false_is_not_a_number(raw):
    # np.bool_ is what a pandas comparison gives, e.g. q4 = (total == 2): it must not count as 1.
    msg = _message(NUMERIC, raw)
    assert "q4" in msg and "number" in msg, msg


@pytest.mark.parametrize("raw", ["about a hundred", "1e", [100], {"value": 100}, "12..5"])
def test_a_number_of_the_wrong_form_shows_an_example_and_the_unit(raw):
    msg = _message(NUMERIC, raw)
    assert "q4" in msg and "such as 1250" in msg and "in persons" in msg, msg


@pytest.mark.parametrize("raw", ["Security Council", "security council", "  SECURITY   council ", "Security-Council!",
                                 "security council.", "UNSC", "unsc"])
def test_text_folds_case_spaces_and_punctuation(raw):
    assert score(TEXT, raw).status == "correct", raw


@pytest.mark.parametrize("raw", ["General Assembly", "council", "Security Councils"])
def test_text_other_words_are_wrong(raw):
    assert score(TEXT, raw).status == "incorrect", raw


@pytest.mark.parametrize("raw", ["", "   ", 5, ["Security Council"]])
def test_text_refuses_empty_or_non_text_with_an_example(raw):
    msg = _message(TEXT, raw)
    assert "q5" in msg and "short text" in msg and "e.g." in msg, msg


@pytest.mark.parametrize("raw", [["c", "b", "d", "a"], ("C", "B", "D", "A"), "c, b, d, a", "c b d a",
                                 ["iciss report", "World Summit", "THREE PILLARS", "Libya"]])
def test_ordering_accepts_letters_or_texts(raw):
    assert normalise(ORDERING, raw) == ["c", "b", "d", "a"]


def test_ordering_names_the_missing_item():
    msg = _message(ORDERING, ["c", "b", "d"])
    assert "q6" in msg and "missing a" in msg and "4 items" in msg, msg
    assert "repeated" not in msg


def test_ordering_names_the_repeated_item():
    msg = _message(ORDERING, ["c", "b", "d", "a", "c"])
    assert "repeated c" in msg and "missing" not in msg, msg


def test_ordering_names_both_missing_and_repeated():
    msg = _message(ORDERING, ["c", "c", "d", "a"])
    assert "missing b" in msg and "repeated c" in msg, msg


def test_ordering_of_the_wrong_shape_shows_an_example():
    msg = _message(ORDERING, {"1": "c"})
    assert "q6" in msg and "['c', 'a', 'b']" in msg, msg
    msg = _message(ORDERING, ["c", "b", "d", "zz"])
    for letter, label in ORDERING.items.items():
        assert f"{letter}) {label}" in msg, msg


@pytest.mark.parametrize("raw", [{"a": "x", "b": "y", "c": "y"}, {"c": "Y", "a": "X", "b": "y"},
                                 {"UNSC_syria_vetoes": "security council", "b": "General Assembly", "c": "y"}])
def test_classification_accepts_letters_or_texts(raw):
    assert normalise(CLASSIFICATION, raw) == {"a": "x", "b": "y", "c": "y"}


def test_classification_leaves_out_items_given_none_and_all_none_is_no_answer():
    assert normalise(CLASSIFICATION, {"a": "x", "b": None}) == {"a": "x"}
    assert normalise(CLASSIFICATION, {"a": None, "b": None, "c": None}) is None
    assert score(CLASSIFICATION, {}).status == "unanswered"


def test_classification_refuses_a_wrong_shape_or_unknown_names():
    msg = _message(CLASSIFICATION, ["x", "y", "y"])
    assert "q7" in msg and "{'a': 'x', 'b': 'y'}" in msg, msg
    msg = _message(CLASSIFICATION, {"a": "w"})
    for letter, label in CLASSIFICATION.categories.items():
        assert f"{letter}) {label}" in msg, msg
    msg = _message(CLASSIFICATION, {"zz": "x"})
    for letter, label in CLASSIFICATION.items.items():
        assert f"{letter}) {label}" in msg, msg


# ----------------------------------------------------------------- data tables
def _table_forms() -> dict[str, object]:
    key = VETOES
    reordered_rows = key.sort_values("vetoes", ascending=False)
    return {
        "the same DataFrame": key.copy(),
        "columns in another order": key[["vetoes", "year"]],
        "rows reversed, fresh index": key.iloc[::-1].reset_index(drop=True),
        "rows sorted by another column": reordered_rows,
        "rows shuffled": key.sample(frac=1, random_state=3),
        "floats instead of ints": key.astype(float),
        "year as the index": key.set_index("year"),
        "a Series with year as its index": key.set_index("year")["vetoes"],
        "column names in another case": key.rename(columns={"year": "Year", "vetoes": "VETOES"}),
        "a dict of columns": {"year": [2011, 2012, 2014, 2017], "vetoes": [1, 2, 1, 6]},
        "nullable Int64 columns, as data.load gives": key.astype("Int64"),
    }


@pytest.mark.parametrize("form", list(_table_forms()))
def test_data_table_accepts_equivalent_tables(form):
    raw = _table_forms()[form]
    assert normalise(DATA_TABLE, raw) == DATA_TABLE.answer, f"{form}: not recognised as the same table"
    assert score(DATA_TABLE, raw).status == "correct", form


@pytest.mark.parametrize("form,raw", [
    ("a value changed", VETOES.assign(vetoes=[1, 2, 1, 5])),
    ("a row missing", VETOES.iloc[:3]),
    ("a column renamed", VETOES.rename(columns={"vetoes": "count"})),
    ("an extra column", VETOES.assign(extra=1)),
])
def test_data_table_differences_are_wrong(form, raw):
    assert score(DATA_TABLE, raw).status == "incorrect", form


@pytest.mark.parametrize("raw", [5, "not a table", 2.5])
def test_data_table_refuses_what_is_not_a_table(raw):
    msg = _message(DATA_TABLE, raw)
    assert "q9" in msg and "DataFrame" in msg, msg


def test_a_canonical_table_coming_back_as_text_is_the_same_table():
    assert normalise(DATA_TABLE, DATA_TABLE.answer) == DATA_TABLE.answer


# ----------------------------------------------------------------- scoring rules
@pytest.mark.parametrize("q", ALL, ids=lambda q: q.kind + ("_" + q.answer_type if q.kind == "data" else ""))
def test_no_answer_is_unanswered_with_no_points(q):
    assert score(q, None) == Outcome("unanswered", 0.0, q.points)


def _subsets(letters):
    return [list(c) for r in range(len(letters) + 1) for c in itertools.combinations(letters, r)]


@pytest.mark.parametrize("q", [MULTIPLE, FRAMEWORK], ids=lambda q: q.kind)
def test_choose_all_that_apply_scores_right_minus_wrong_over_right_options(q):
    right = set(q.answer)
    seen = set()
    for chosen in _subsets(list(q.options)):
        good, bad = len(set(chosen) & right), len(set(chosen) - right)
        share = max(0.0, (good - bad) / len(right))
        _assert_outcome(score(q, chosen), q, share, chosen)
        seen.add(_status(share))
    assert seen == {"correct", "partial", "incorrect"}, "the sweep should reach every status"


def test_choose_all_that_apply_worked_examples():
    # 3 points, right options a, c, d: two right and one wrong → 3 × (2 − 1) / 3 = 1 point.
    assert score(MULTIPLE, ["a", "c", "b"]).points == pytest.approx(1.0)
    assert score(MULTIPLE, ["a", "c", "b"]).detail
    assert score(MULTIPLE, ["a", "b", "e"]).points == 0.0  # 1 − 2 < 0: never below 0
    assert score(MULTIPLE, list("abcde")).points == pytest.approx(1.0)  # 3 − 2
    assert score(MULTIPLE, []).status == "incorrect"


def test_truefalse_full_half_or_nothing():
    seen = 0
    for verdict in (True, False):
        for why in TRUEFALSE.justifications:
            if verdict == TRUEFALSE.answer[0]:
                share = 1.0 if why == TRUEFALSE.answer[1] else 0.5
            else:
                share = 0.0
            outcome = score(TRUEFALSE, (verdict, why))
            _assert_outcome(outcome, TRUEFALSE, share, (verdict, why))
            if share == 0.5:
                assert outcome.detail, "a half mark says why"
            seen += 1
    assert seen == 6


def test_ordering_share_of_items_in_place_over_every_permutation():
    counts = {}
    for perm in itertools.permutations(ORDERING.items):
        share = sum(a == k for a, k in zip(perm, ORDERING.answer)) / len(ORDERING.items)
        outcome = score(ORDERING, list(perm))
        _assert_outcome(outcome, ORDERING, share, perm)
        if 0 < share < 1:
            n = sum(a == k for a, k in zip(perm, ORDERING.answer))
            assert f"{n} of 4" in outcome.detail, outcome.detail
        counts[share] = counts.get(share, 0) + 1
    assert sum(counts.values()) == 24 and set(counts) == {0.0, 0.25, 0.5, 1.0}


def _assignments(q: Question, allow_blank: bool):
    cats = list(q.categories) + ([None] if allow_blank else [])
    for combo in itertools.product(cats, repeat=len(q.items)):
        yield dict(zip(q.items, combo))


def test_classification_share_of_items_right_over_every_assignment():
    n = 0
    for assignment in _assignments(CLASSIFICATION, allow_blank=True):
        n += 1
        if all(v is None for v in assignment.values()):
            assert score(CLASSIFICATION, assignment).status == "unanswered"
            continue
        share = sum(assignment[i] == CLASSIFICATION.answer[i] for i in CLASSIFICATION.items) / 3
        _assert_outcome(score(CLASSIFICATION, assignment), CLASSIFICATION, share, assignment)
    assert n == 4 ** 3


@pytest.mark.parametrize("q,right,wrong", [
    (SINGLE, ["b", "UNHCR, the UN refugee agency"], ["a", "c"]),
    (TEXT, ["UNSC"], ["the council"]),
    (NUMERIC, [100, 95], [85, 130]),
    (DATA_NUMBER, [4873236], [4000000]),
    (DATA_TABLE, [VETOES], [VETOES.iloc[:2]]),
])
def test_other_kinds_are_all_or_nothing(q, right, wrong):
    for raw in right:
        _assert_outcome(score(q, raw), q, 1.0, raw)
    for raw in wrong:
        _assert_outcome(score(q, raw), q, 0.0, raw)


# ------------------------------------------------------------ numeric tolerance
def _numeric(target: float, tolerance: float) -> Question:
    return Question("q4", "numeric", "?", answer=float(target), tolerance=float(tolerance))


# Keys on the grid of half the tolerance (100 with ±10) and off it (ex00's own q4: 4 873 236 ± 50 000).
TOLERANCES = [(100.0, 10.0), (4873236.0, 50000.0), (0.35, 0.01), (-40.0, 3.0), (1234.5, 100.0)]


@pytest.mark.parametrize("target,tolerance", TOLERANCES)
def test_numbers_within_the_tolerance_are_right(target, tolerance):
    q = _numeric(target, tolerance)
    wrong = []
    for f in np.linspace(-0.999, 0.999, 81):
        value = target + f * tolerance
        if score(q, value).status != "correct":
            wrong.append(round(float(value), 6))
    assert not wrong, (f"key {target} ± {tolerance}: these answers are within the tolerance but marked wrong: "
                       f"{wrong[:5]}{' …' if len(wrong) > 5 else ''} ({len(wrong)} of 81)")


@pytest.mark.parametrize("target,tolerance", TOLERANCES)
def test_numbers_beyond_a_quarter_more_than_the_tolerance_are_wrong(target, tolerance):
    q = _numeric(target, tolerance)
    for f in [1.26, 1.3, 1.5, 2, 3, 10, 1000]:
        for sign in (-1, 1):
            value = target + sign * f * tolerance
            assert score(q, value).status == "incorrect", f"{value} is {f}× the tolerance from {target}"


def test_exact_boundary_of_the_tolerance_is_right_for_whole_numbers():
    q = _numeric(100, 10)
    assert score(q, 90).status == score(q, 110).status == "correct"


def test_tolerance_zero_means_exact():
    q = _numeric(2, 0)
    for raw in (2, 2.0, "2", np.int64(2)):
        assert score(q, raw).status == "correct", raw
    for raw in (2.000001, 1.999999, 3, -2):
        assert score(q, raw).status == "incorrect", raw


# ------------------------------------------- the key property: self-check = grading
def _public(q: Question, salt: str = SALT) -> dict:
    """The public form as a notebook gets it: through JSON."""
    return json.loads(json.dumps(public_question(q, salt)))


def _agree(q: Question, answers) -> int:
    public = _public(q)
    n = 0
    for raw in answers:
        n += 1
        canonical, outcome = self_check(public, SALT, raw)
        assert canonical == normalise(q, raw), f"{q.id} {raw!r}: self-check's canonical answer differs"
        assert outcome == score(q, raw), (
            f"{q.id} ({q.kind}) {raw!r}: self-check gives {outcome}, the grader {score(q, raw)}")
    return n


def test_self_check_agrees_with_grading_for_single_choice():
    assert _agree(SINGLE, [None, *SINGLE.options, *SINGLE.options.values()]) == 7


@pytest.mark.parametrize("q", [MULTIPLE, FRAMEWORK], ids=lambda q: q.kind)
def test_self_check_agrees_with_grading_for_every_subset(q):
    assert _agree(q, [None] + _subsets(list(q.options))) == 1 + 2 ** len(q.options)


def test_self_check_agrees_with_grading_for_truefalse():
    answers = [None] + [(v, w) for v in (True, False) for w in TRUEFALSE.justifications]
    assert _agree(TRUEFALSE, answers) == 7


def test_self_check_agrees_with_grading_for_every_permutation():
    assert _agree(ORDERING, [list(p) for p in itertools.permutations(ORDERING.items)]) == 24


def test_self_check_agrees_with_grading_for_every_classification():
    answers = [a for a in _assignments(CLASSIFICATION, allow_blank=True)]
    assert _agree(CLASSIFICATION, answers) == 64


def test_self_check_agrees_with_grading_for_text():
    answers = [None, "Security Council", "security-council", "UNSC", "u.n.s.c", "General Assembly", "cite"]
    assert _agree(TEXT, answers) == 7


@pytest.mark.parametrize("target,tolerance", TOLERANCES + [(2.0, 0.0), (0.3, 0.0)])
def test_self_check_agrees_with_grading_for_a_sweep_of_numbers(target, tolerance):
    q = _numeric(target, tolerance)
    spread = tolerance or 1.0
    sweep = [target + f * spread for f in np.linspace(-2.5, 2.5, 201)] + [target, 0.1 + 0.2, -target]
    statuses = {score(q, v).status for v in sweep}
    assert statuses == {"correct", "incorrect"}, "the sweep should cross the tolerance"
    assert _agree(q, sweep) == len(sweep)


def test_self_check_agrees_with_grading_for_data_numbers_and_tables():
    assert _agree(DATA_NUMBER, [None, 4873236, "4,873,236", 4800000, 4950000, np.int64(4900000)]) == 6
    tables = [VETOES, VETOES[["vetoes", "year"]], VETOES.astype(float), VETOES.iloc[:3],
              VETOES.assign(vetoes=0), VETOES.set_index("year")["vetoes"]]
    assert _agree(DATA_TABLE, tables) == 6


def test_self_check_refuses_the_same_answers_as_the_grader():
    public = _public(ORDERING)
    with pytest.raises(AnswerError) as checked:
        self_check(public, SALT, ["c", "b"])
    assert str(checked.value) == _message(ORDERING, ["c", "b"])


def test_self_check_with_another_salt_does_not_recognise_the_answer():
    canonical, outcome = self_check(_public(SINGLE, "another salt"), SALT, "b")
    assert canonical == "b" and outcome.status == "incorrect"


# ------------------------------------------------------- the public form hides the key
SECRET_TEXT = Question("q1", "text", "Name the island.", accepted=("Zanzibar-7391", "Unguja-5512"),
                       answer="zanzibar 7391", hints=("An island in the Indian Ocean.",),
                       explanation="Explained-Quokka-4471 at length.", source="Cited-Wombat-8823, p. 3")
SECRET_NUMBER = Question("q2", "numeric", "How many?", answer=739164.25, tolerance=0.0,
                         explanation="Because of Pangolin-2087.", source="Source-Narwhal-6650")
SECRET_SINGLE = Question("q3", "single", "Which?", options={"a": "Alpha", "b": "Bravo", "c": "Charlie"},
                         answer="c", feedback={"a": "Feedback-Axolotl-3319", "b": "Feedback-Okapi-9902"},
                         explanation="Explained-Capybara-1188", source="Cited-Tapir-7745")
SECRET_DATA = Question("q4", "data", "Compute.", answer=918273.0, tolerance=0.0,
                       starter_code="frame = load()", solution_code="q4 = Secret_Solution_Marmot_5151()",
                       explanation="Explained-Ibis-6543", source="Cited-Heron-2211")

SECRETS = [
    (SECRET_TEXT, ["Zanzibar-7391", "zanzibar 7391", "Unguja-5512", "unguja 5512", "Explained-Quokka-4471",
                   "Cited-Wombat-8823"]),
    (SECRET_NUMBER, ["739164", "Pangolin-2087", "Source-Narwhal-6650"]),
    (SECRET_SINGLE, ["Feedback-Axolotl-3319", "Feedback-Okapi-9902", "Explained-Capybara-1188", "Cited-Tapir-7745"]),
    (SECRET_DATA, ["918273", "Secret_Solution_Marmot_5151", "Explained-Ibis-6543", "Cited-Heron-2211"]),
]


@pytest.mark.parametrize("q,secrets", SECRETS, ids=lambda v: getattr(v, "kind", ""))
def test_the_public_form_contains_no_answer_explanation_or_source_in_plain_text(q, secrets):
    text = json.dumps(public_question(q, SALT), ensure_ascii=False)
    for secret in secrets:
        assert secret.lower() not in text.lower(), f"{secret!r} is readable in the public form of {q.id}"
    assert q.prompt in text, "the prompt is public"
    assert not {"answer", "accepted", "solution_code"} & set(public_question(q, SALT))
    if q.hints:
        assert q.hints[0] in text, "hints are public"


def _keyless(public: dict) -> dict:
    return {k: v for k, v in public.items() if k != "slots"}


@pytest.mark.parametrize("q,other_key", [
    (SINGLE, "a"), (MULTIPLE, ["b", "e"]), (TRUEFALSE, [True, "a"]), (NUMERIC, 250.0), (ORDERING, ["a", "b", "c", "d"]),
    (CLASSIFICATION, {"a": "z", "b": "z", "c": "x"}), (FRAMEWORK, ["e", "f"]), (DATA_NUMBER, 12.0),
])
def test_only_the_hashes_depend_on_the_key(q, other_key):
    """Two questions that differ only in their key have the same public form apart from the hashes."""
    from dataclasses import replace

    mine, other = public_question(q, SALT), public_question(replace(q, answer=other_key), SALT)
    assert _keyless(mine) == _keyless(other)
    assert mine["slots"] != other["slots"]
    for values in mine["slots"].values():
        assert values and all(re.fullmatch(r"[0-9a-f]{24}", v) for v in values), values


def test_the_public_form_does_not_list_the_right_options_in_the_clear():
    text = json.dumps(public_question(FRAMEWORK, SALT))
    assert "[\"a\", \"b\", \"c\", \"d\"]" not in text and "'a', 'b', 'c', 'd'" not in text
    text = json.dumps(public_question(ORDERING, SALT))
    assert "[\"c\", \"b\", \"d\", \"a\"]" not in text


@pytest.mark.parametrize("text", ["Because ¶139 says so.", "Ärzte ohne Grenzen — «Schutzverantwortung» ✔",
                                  "中文 and עברית and 🙂", "", "a" * 1000])
def test_seal_and_unseal_round_trip_unicode(text):
    sealed = seal(SALT, "q1/explanation", text)
    assert unseal(SALT, "q1/explanation", sealed) == text
    if text:
        assert text not in sealed
        assert sealed.isascii()


def test_sealing_depends_on_salt_and_label():
    text = "The explanation of q1."
    sealed = seal(SALT, "q1/explanation", text)
    assert seal("other", "q1/explanation", text) != sealed
    assert seal(SALT, "q2/explanation", text) != sealed
    try:
        assert unseal("other", "q1/explanation", sealed) != text
    except UnicodeDecodeError:
        pass  # also fine: the wrong salt gives no readable text


def test_sealed_explanations_unseal_with_the_salt():
    public = public_question(SECRET_SINGLE, SALT)
    assert unseal(SALT, "q3/explanation", public["explanation"]) == SECRET_SINGLE.explanation
    assert unseal(SALT, "q3/source", public["source"]) == SECRET_SINGLE.source
    assert unseal(SALT, "q3/feedback/a", public["feedback"]["a"]) == SECRET_SINGLE.feedback["a"]


@pytest.mark.parametrize("q", ALL, ids=lambda q: q.id)
def test_hashes_differ_with_another_salt(q):
    mine, other = public_question(q, SALT)["slots"], public_question(q, SALT + "x")["slots"]
    assert mine.keys() == other.keys()
    for slot in mine:
        assert not set(mine[slot]) & set(other[slot]), f"{q.id} slot {slot}: same hash under two salts"


def test_digest_depends_on_every_part():
    base = digest("s", "q1", "choice", "a")
    assert len({base, digest("t", "q1", "choice", "a"), digest("s", "q2", "choice", "a"),
                digest("s", "q1", "other", "a"), digest("s", "q1", "choice", "b")}) == 5


def test_answers_that_break_pandas_become_clear_answer_errors():
    import pandas as pd

    from r2pkit.exercises.questions import AnswerError, Question, normalise

    number = Question("q4", "data", "?", answer_type="number", tolerance=1)
    with pytest.raises(AnswerError, match=r"q4 could not read this answer .*one number|q4 asks for a number"):
        normalise(number, pd.Series([1, 2]))
    table = Question("q10", "data", "?", answer_type="table")
    with pytest.raises(AnswerError, match="q10 could not read this answer"):
        normalise(table, pd.DataFrame([[1, 2]], columns=["a", "A"]))
    with pytest.raises(AnswerError) as info:
        normalise(number, pd.DataFrame({"x": range(1000)}))
    assert len(str(info.value)) < 300, "a whole table must not be pasted into the message"

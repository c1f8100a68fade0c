"""Exercise sources (YAML): valid ones parse, and each kind of mistake is refused with a message
that names the file, the question and the field, and says what is allowed."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd
import pytest

from r2pkit.exercises.questions import KINDS, normalise, score
from r2pkit.exercises.source import SourceError, load_source, parse_source

ROOT = Path(__file__).resolve().parents[1]
EX00 = ROOT / "exercises" / "source" / "ex00_start_here.yaml"
FILE = "tests/ex91_sample.yaml"

HEAD = """\
id: ex91_sample
title: A sample exercise
questions:
"""

# A minimal valid question of each kind (the body of one list item, indented by 4).
MINIMAL = {
    "single": """
        kind: single
        prompt: Who publishes the refugee figures?
        options: {a: UNHCR, b: The World Bank}
        answer: a
    """,
    "multiple": """
        kind: multiple
        prompt: Which apply?
        options: {a: Alpha, b: Bravo, c: Charlie}
        answer: [a, c]
    """,
    "truefalse": """
        kind: truefalse
        prompt: True or false?
        justifications: {a: One reason, b: Another reason}
        answer: {verdict: false, why: b}
    """,
    "numeric": """
        kind: numeric
        prompt: How many paragraphs?
        answer: 2
    """,
    "text": """
        kind: text
        prompt: Which function cites a dataset?
        answer: cite
        synonyms: [data.cite]
    """,
    "ordering": """
        kind: ordering
        prompt: Put in order.
        items: {a: Libya, b: World Summit, c: ICISS}
        answer: [c, b, a]
    """,
    "classification": """
        kind: classification
        prompt: Sort them.
        items: {a: unsc_syria_vetoes, b: unga_syria_votes}
        categories: {x: Security Council, y: General Assembly}
        answer: {a: x, b: y}
    """,
    "data": """
        kind: data
        prompt: Compute six times seven.
        solution_code: |
          q1 = 6 * 7
    """,
    "framework": """
        kind: framework
        prompt: Which crimes?
        options: {a: Genocide, b: Piracy}
        answer: [a]
    """,
    "written": """
        kind: written
        prompt: Apply the duty to protect to an occupier, in a paragraph.
        model_answer: The occupier governs the district, so the duty attaches.
        rubric:
          - {points: 1, comment: Names governmental authority.}
    """,
}

EXPECTED_KEY = {
    "single": "a", "multiple": ["a", "c"], "truefalse": [False, "b"], "numeric": 2.0, "text": "cite",
    "ordering": ["c", "b", "a"], "classification": {"a": "x", "b": "y"}, "data": 42.0, "framework": ["a"],
    "written": "The occupier governs the district, so the duty attaches.",
}

CITED = """
        explanation: Because it is so.
        source: A cited page.
"""


def _question(body: str, qid: str = "q1", cited: bool = True) -> str:
    text = textwrap.dedent(body).strip("\n") + ("\n" + textwrap.dedent(CITED).strip("\n") if cited else "")
    lines = text.splitlines()
    return f"  - id: {qid}\n" + "".join(f"    {line}\n" for line in lines)


def _exercise(*questions: str, head: str = HEAD) -> str:
    return head + "".join(questions)


def _refused(text: str) -> str:
    with pytest.raises(SourceError) as info:
        parse_source(text, FILE)
    msg = str(info.value)
    assert msg.startswith(FILE), f"the message should name the file first: {msg}"
    return msg


def _with(kind: str, extra: str = "", drop: tuple[str, ...] = ()) -> str:
    lines = [ln for ln in textwrap.dedent(MINIMAL[kind]).strip("\n").splitlines()
             if not any(ln.startswith(f"{d}:") for d in drop)]
    return _exercise(_question("\n".join(lines) + "\n" + textwrap.dedent(extra).strip("\n")))


# ------------------------------------------------------------------ valid ones
def test_the_minimal_examples_cover_every_kind():
    assert set(MINIMAL) == set(KINDS) == set(EXPECTED_KEY)


@pytest.mark.parametrize("kind", KINDS)
def test_a_minimal_exercise_of_each_kind_parses(kind):
    ex = parse_source(_exercise(_question(MINIMAL[kind])), FILE)
    assert ex.id == "ex91_sample" and ex.title == "A sample exercise" and ex.path == FILE
    (q,) = ex.questions
    assert q.id == "q1" and q.kind == kind
    assert q.answer == EXPECTED_KEY[kind]
    assert q.explanation == "Because it is so." and q.source == "A cited page."
    assert q.points == 1 and q.attempts == 3, "defaults: 1 point, 3 attempts"
    assert score(q, q.answer).status == ("correct" if q.kind_of.auto_scored else "answered"), \
        "the key scores full marks against itself (a written answer is never scored: it waits for the instructor)"


def test_text_synonyms_are_accepted_answers():
    (q,) = parse_source(_exercise(_question(MINIMAL["text"])), FILE).questions
    assert score(q, "data.cite").status == "correct"
    assert score(q, "cite()").status == "correct"
    assert score(q, "describe").status == "incorrect"


def test_a_data_question_runs_its_solution_after_the_setup():
    text = _exercise(_question("""
        kind: data
        answer_type: table
        prompt: Make the table.
        solution_code: |
          q1 = pd.DataFrame({"year": [2011, 2012], "vetoes": [1, 2]})
    """), head=HEAD.replace("questions:", "setup: |\n  import pandas as pd\nquestions:"))
    (q,) = parse_source(text, FILE).questions
    assert q.answer_type == "table"
    assert score(q, pd.DataFrame({"vetoes": [2, 1], "year": [2012, 2011]})).status == "correct"


def test_points_hints_attempts_and_tolerance_are_read():
    (q,) = parse_source(_with("numeric", """
        points: 2.5
        attempts: 1
        tolerance: 0.5
        unit: paragraphs
        hints: [First hint, Second hint]
    """), FILE).questions
    assert (q.points, q.attempts, q.tolerance, q.unit, q.hints) == (2.5, 1, 0.5, "paragraphs", ("First hint", "Second hint"))


# --------------------------------------------------------------- bad questions
def test_a_misspelt_question_field_suggests_the_right_one():
    msg = _refused(_with("single", "anwser: a", drop=("answer",)))
    assert "question q1" in msg and "'anwser' is not a question field" in msg, msg
    assert "Did you mean 'answer'?" in msg, msg
    assert "Allowed:" in msg and "explanation" in msg and "options" in msg, msg


def test_an_unknown_kind_lists_the_kinds():
    msg = _refused(_exercise(_question(MINIMAL["single"].replace("kind: single", "kind: singel"))))
    assert "question q1" in msg and "'kind'" in msg and "'singel'" in msg, msg
    for kind in KINDS:
        assert kind in msg, f"{kind} missing from: {msg}"


def test_an_answer_not_among_the_options_lists_them():
    msg = _refused(_exercise(_question(MINIMAL["single"].replace("answer: a", "answer: c"))))
    assert "question q1" in msg and "'answer'" in msg and "'c'" in msg, msg
    assert "a) UNHCR" in msg and "b) The World Bank" in msg, msg


def test_a_multiple_answer_with_an_unknown_option_is_refused():
    msg = _refused(_exercise(_question(MINIMAL["multiple"].replace("answer: [a, c]", "answer: [a, d]"))))
    assert "question q1" in msg and "'d'" in msg and "c) Charlie" in msg, msg


def test_an_ordering_answer_missing_an_item_names_it():
    msg = _refused(_exercise(_question(MINIMAL["ordering"].replace("answer: [c, b, a]", "answer: [c, b]"))))
    assert "question q1" in msg and "'answer'" in msg and "missing a" in msg, msg


def test_an_ordering_answer_repeating_an_item_names_it():
    msg = _refused(_exercise(_question(MINIMAL["ordering"].replace("answer: [c, b, a]", "answer: [c, b, a, b]"))))
    assert "repeated b" in msg, msg


def test_a_classification_answer_must_place_every_item():
    """A key that leaves an item out would make leaving it blank 'right' (ordering is checked the same way)."""
    msg = _refused(_exercise(_question(MINIMAL["classification"].replace("answer: {a: x, b: y}", "answer: {a: x}"))))
    assert "question q1" in msg and "b" in msg, msg


def test_a_truefalse_answer_without_a_reason_is_refused():
    msg = _refused(_exercise(_question(MINIMAL["truefalse"].replace("why: b", "because: b"))))
    assert "question q1" in msg and "a) One reason" in msg, msg


@pytest.mark.parametrize("missing", ["explanation", "source"])
def test_an_answer_without_explanation_or_source_is_refused(missing):
    body = textwrap.dedent(MINIMAL["single"]) + ("source: A page.\n" if missing == "explanation" else "explanation: Why.\n")
    msg = _refused(_exercise(_question(body, cited=False)))
    assert "question q1" in msg and "'explanation' and 'source' are required" in msg, msg


@pytest.mark.parametrize("points", ["0", "-1", "'two'", "true", ".nan", ".inf", "-.inf"])
def test_points_must_be_a_positive_finite_number(points):
    msg = _refused(_with("single", f"points: {points}"))
    assert "question q1" in msg and "points=" in msg and "is not a number more than 0" in msg, msg


@pytest.mark.parametrize("attempts", ["0", "1.5", "'three'", ".nan"])
def test_attempts_must_be_a_whole_number_of_at_least_one(attempts):
    msg = _refused(_with("single", f"attempts: {attempts}"))
    assert "attempts=" in msg and "at least 1" in msg, msg


@pytest.mark.parametrize("tolerance", ["-5", ".nan", ".inf"])
def test_a_negative_or_not_finite_tolerance_is_refused(tolerance):
    msg = _refused(_with("numeric", f"tolerance: {tolerance}"))
    assert "tolerance=" in msg and "is not a number of at least 0" in msg, msg


@pytest.mark.parametrize("answer,synonyms,right", [("yes", "[on]", ["yes", "YES", "on"]), ("NO", "n", ["no", "NO", "n"]),
                                                   ("'off'", "[y, Yes]", ["off", "y", "yes"])])
def test_yaml_words_like_yes_and_no_stay_text_answers(answer, synonyms, right):
    body = f"""
        kind: text
        prompt: Which?
        answer: {answer}
        synonyms: {synonyms}
    """
    q = parse_source(_exercise(_question(body)), FILE).question("q1")
    for raw in right:
        assert score(q, raw).status == "correct", (raw, q.accepted)
    assert score(q, "True").status == "incorrect" and score(q, "False").status == "incorrect"


def test_only_true_and_false_are_booleans():
    q = parse_source(_exercise(_question(MINIMAL["truefalse"].replace("verdict: false", "verdict: False"))), FILE)
    assert q.question("q1").answer[0] is False


def test_a_single_hint_or_synonym_is_one_not_one_per_letter():
    q = parse_source(_with("text", 'hints: "Look at the source column."'), FILE).question("q1")
    assert q.hints == ("Look at the source column.",)
    body = """
        kind: text
        prompt: Which?
        answer: cite
        synonyms: data.cite
    """
    assert parse_source(_exercise(_question(body)), FILE).question("q1").accepted == ("cite", "data.cite")


def test_hints_of_the_wrong_form_are_refused():
    msg = _refused(_with("single", "hints: {a: b}"))
    assert "'hints' is a list of texts" in msg, msg


def test_a_huge_value_is_quoted_short_in_the_message():
    msg = _refused(_with("single", "points: '" + "x" * 1_000_000 + "'"))
    assert len(msg) < 600 and "characters" in msg, msg[:700]


def test_a_billion_laughs_value_is_refused_quickly_and_briefly():
    import time

    # Anchors defined in a field read last ('notebook'), used where a question's field is read first.
    chain = ["&a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"] + [
        f"&a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    head = HEAD.replace("questions:", f"notebook: [{', '.join(chain)}]\nquestions:")
    for where in ("prompt: *a8", "points: *a8", "hints: *a8", "options: {a: *a8, b: B}", "unit: *a8"):
        lines = [ln for ln in textwrap.dedent(MINIMAL["single"]).strip("\n").splitlines()
                 if not ln.startswith(where.split(":")[0] + ":")]
        text = _exercise(_question("\n".join(lines) + "\n" + where), head=head)
        start = time.perf_counter()
        with pytest.raises(SourceError) as refused:
            parse_source(text, FILE)
        assert time.perf_counter() - start < 5 and len(str(refused.value)) < 600, (where, str(refused.value)[:300])


def test_a_missing_answer_is_refused():
    msg = _refused(_with("single", drop=("answer",)))
    assert "question q1" in msg and "'answer' (the key) is required" in msg, msg


@pytest.mark.parametrize("kind,need", [("single", "options"), ("truefalse", "justifications"),
                                       ("ordering", "items"), ("classification", "categories"),
                                       ("data", "solution_code")])
def test_a_question_without_what_its_kind_needs_is_refused(kind, need):
    msg = _refused(_with(kind, drop=(need,)))
    assert f"a {kind} question needs '{need}'" in msg, msg


def test_duplicate_question_ids_are_named():
    text = _exercise(_question(MINIMAL["single"], "q1"), _question(MINIMAL["numeric"], "q2"),
                     _question(MINIMAL["text"], "q1"))
    msg = _refused(text)
    assert "unique" in msg and "repeated: q1" in msg, msg


@pytest.mark.parametrize("qid", ["1", "Q1", "question1", "q-1"])
def test_a_bad_question_id_is_refused_with_an_example(qid):
    msg = _refused(_exercise(_question(MINIMAL["single"], qid)))
    assert "'id' must be like q1" in msg, msg
    assert qid in msg.split("(got")[-1], f"the message should show the id given: {msg}"


@pytest.mark.parametrize("eid", ["ex1", "exercise00", "EX00", "ex00-start", "'00'"])
def test_a_bad_exercise_id_is_refused_with_examples(eid):
    msg = _refused(_exercise(_question(MINIMAL["single"]), head=HEAD.replace("ex91_sample", eid)))
    assert "'id' must look like ex00 or ex03_duties" in msg, msg


def test_a_misspelt_exercise_field_suggests_the_right_one():
    msg = _refused(_exercise(_question(MINIMAL["single"]), head=HEAD.replace("title:", "titel:")))
    assert "'titel' is not an exercise field" in msg and "Did you mean 'title'?" in msg, msg


@pytest.mark.parametrize("text,expected", [
    ("id: ex91\nquestions: []\ntitle: T\n", "'questions' must be a non-empty list"),
    ("id: ex91\ntitle: ''\nquestions: [{}]\n", "'title' is required"),
    ("- just\n- a list\n", "must be a YAML mapping"),
])
def test_an_exercise_without_its_parts_is_refused(text, expected):
    assert expected in _refused(text)


def test_a_data_question_whose_solution_raises_shows_the_exception():
    msg = _refused(_exercise(_question("""
        kind: data
        prompt: Divide.
        solution_code: |
          q1 = 1 / 0
    """)))
    assert "question q1" in msg and "solution_code failed" in msg, msg
    assert "ZeroDivisionError: division by zero" in msg, msg


def test_a_data_question_whose_solution_does_not_assign_the_variable_says_which():
    msg = _refused(_exercise(_question("""
        kind: data
        prompt: Compute.
        solution_code: |
          answer = 42
    """)))
    assert "question q1" in msg and "must assign the answer to the variable 'q1'" in msg, msg


def test_a_data_question_given_a_typed_answer_is_refused():
    msg = _refused(_with("data", "answer: 42"))
    assert "question q1" in msg and "computed by its solution_code" in msg and "'answer'" in msg, msg


def test_a_data_number_that_is_not_a_number_is_refused():
    msg = _refused(_exercise(_question("""
        kind: data
        prompt: Compute.
        solution_code: |
          q1 = "many"
    """)))
    assert "question q1" in msg and "'many'" in msg, msg


def test_invalid_yaml_is_refused_with_the_parser_position():
    msg = _refused("id: ex91\ntitle: [unclosed\nquestions:\n")
    assert "is not valid YAML" in msg and "line" in msg, msg


def test_load_source_of_a_missing_file_says_so(tmp_path):
    with pytest.raises(SourceError, match="No exercise source at"):
        load_source(tmp_path / "nowhere.yaml")


def test_load_source_names_the_file_in_errors(tmp_path):
    path = tmp_path / "ex92_broken.yaml"
    path.write_text(_with("single", "anwser: a", drop=("answer",)), encoding="utf-8")
    with pytest.raises(SourceError) as info:
        load_source(path)
    assert str(info.value).startswith(str(path))


# -------------------------------------------------------------------- ex00 itself
def test_ex00_has_ten_questions_covering_every_kind_the_kit_scores():
    """Every kind scored by the kit (a written answer, graded by hand, is practised in exercise 03)."""
    ex = load_source(EX00)
    assert ex.id == "ex00" and ex.title
    assert len(ex.questions) == 10
    assert {q.kind for q in ex.questions} == set(KINDS) - {"written"}
    assert {q.answer_type for q in ex.questions if q.kind == "data"} == {"number", "table"}
    assert ex.max_points == sum(q.points for q in ex.questions) > 0
    for q in ex.questions:
        assert q.explanation and q.source, q.id
        assert score(q, q.answer).status == "correct", f"{q.id}: the key does not score full marks"


def test_ex00_data_answers_come_from_the_kit_data():
    from r2pkit import data

    ex = load_source(EX00)
    refugees = data.load("syria_refugees_by_host")
    world = refugees[(refugees["year"] == 2015) & (refugees["host_iso3"] == "WLD")]
    assert ex.question("q4").answer == float(world["refugees"].iloc[0])
    vetoes = data.load("unsc_syria_vetoes")
    table = vetoes["year"].value_counts().rename_axis("year").rename("vetoes").reset_index()
    q10 = ex.question("q10")
    assert normalise(q10, table) == q10.answer


def test_the_salt_is_stable_across_loads_and_differs_between_exercises():
    first, second = load_source(EX00), load_source(EX00)
    assert first.salt and first.salt == second.salt
    assert parse_source(EX00.read_text(encoding="utf-8"), "elsewhere.yaml").salt == first.salt
    other = parse_source(_exercise(_question(MINIMAL["single"])), FILE)
    assert other.salt != first.salt


def test_exercise_question_lookup_suggests_a_close_id():
    ex = load_source(EX00)
    assert ex.question("q3").kind == "truefalse"
    with pytest.raises(SourceError) as info:
        ex.question("q11")
    assert "Did you mean 'q1'?" in str(info.value) and "q10" in str(info.value)

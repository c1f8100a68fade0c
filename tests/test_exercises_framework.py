"""Framework questions with a scenario: the student sets facts, the duty engine derives the duties.

The expected outcomes of the student answers below are worked out by hand from Hakimi's rules
(Part IV.B), not taken from the engine: e.g. governmental authority with no reasonable efforts
and a burden the state can bear gives a breached duty to protect (p. 269, p. 273); a state that
neither takes part nor assists does not breach the duty to respect (p. 269). The grader test
runs `r2pkit grade` on real submissions of exercise 03.
"""
from __future__ import annotations

import ast
import contextlib
import csv
import html
import io
import itertools
import json
import re
import shutil
import textwrap
from pathlib import Path

import nbformat
import pytest

from r2pkit import cli, data, duties
from r2pkit.exercises import build as build_mod
from r2pkit.exercises import protocol, runtime, ui
from r2pkit.exercises.build import public_file
from r2pkit.exercises.questions import AnswerError, Question, normalise, score
from r2pkit.exercises.sealed import dumps, public_question, self_check
from r2pkit.exercises.source import SourceError, load_source, parse_source
from r2pkit.duties.scenario_kind import graded_duties

ROOT = Path(__file__).resolve().parents[1]
KIT = ROOT / "exercises"
EX03 = KIT / "source" / "ex03_duties.yaml"
KEY = load_source(EX03)
Q7, Q8 = KEY.question("q7"), KEY.question("q8")
SEEDS = ROOT.parent / "shared" / "seeds"

# Northland (q7), by hand: respect attaches, not breached; protect attaches, breached;
# not_obstruct attaches, not breached; assist does not attach.
GOVERNS = {"governmental_authority": True, "made_reasonable_efforts_to_restrain": False,
           "cannot_reasonably_bear": False}
NEGATIVES = {"participates_in_atrocities": False, "assists_perpetrators": False,
             "obstructs_protective_measures": False}
NO_TIES = {"contributed_to_risk": False, "special_relationship": False}
# (answer, duties right by hand, why)
NORTHLAND = [
    ({}, set(), "nothing known: every duty is open, none as in the scenario"),
    (GOVERNS, {"protect"}, "only the duty to protect is settled"),
    ({**GOVERNS, **NEGATIVES}, {"respect", "protect", "not_obstruct"}, "the duty to assist stays open"),
    ({**GOVERNS, **NEGATIVES, **NO_TIES}, {"respect", "protect", "not_obstruct", "assist"}, "all four"),
    ({**GOVERNS, **NEGATIVES, **NO_TIES, "assists_perpetrators": True, "assistance_mental_element": "none"},
     {"respect", "protect", "not_obstruct", "assist"}, "help with no culpable mind does not breach respect"),
    ({**GOVERNS, **NEGATIVES, **NO_TIES, "governmental_authority": False,
      "substantial_support_to_perpetrators": True}, {"respect", "protect", "not_obstruct", "assist"},
     "other facts, same duties: support also grounds the duty to protect"),
    ({**GOVERNS, **NEGATIVES, **NO_TIES, "high_capacity": False}, {"respect", "protect", "not_obstruct", "assist"},
     "capacity changes nothing"),
    ({**GOVERNS, **NEGATIVES, **NO_TIES, "made_reasonable_efforts_to_restrain": True},
     {"respect", "not_obstruct", "assist"}, "due diligence exercised: protect not breached"),
    ({**GOVERNS, **NEGATIVES, "special_relationship": True, "contributed_to_risk": False},
     {"respect", "protect", "not_obstruct"}, "a special relationship makes the duty to assist attach"),
]


def _words(answer: dict) -> dict:
    """The same answer as a student types it in words."""
    spoken = {True: "yes", False: "no"}
    return {k: spoken.get(v, v) if isinstance(v, bool) else v for k, v in answer.items()}


# ----------------------------------------------------------------- scoring by hand
@pytest.mark.parametrize("answer,right,why", NORTHLAND, ids=[n[2] for n in NORTHLAND])
def test_partial_credit_per_duty_follows_the_rules(answer, right, why):
    outcome = score(Q7, answer)
    assert outcome.points == pytest.approx(Q7.points * len(right) / 4), why
    assert outcome.status == ("correct" if len(right) == 4 else "partial" if right else "incorrect")
    assert score(Q7, _words(answer)) == outcome, "yes / no in words are the same answer"


def test_the_key_scores_full_marks_and_the_solution_literal_is_the_key():
    for q in (Q7, Q8):
        assert score(q, q.answer).status == "correct"
        text = (KIT / "solutions" / "ex03_duties.py").read_text(encoding="utf-8")
        (rhs,) = re.findall(rf"^{q.id} = (.*)$", text, re.M)
        assert normalise(q, ast.literal_eval(rhs)) == q.answer


def test_westria_worked_by_hand():
    # Knowing help leaves the duty to respect open (between intent and knowledge, p. 269);
    # 'purpose' would settle it as breached, which is not the scenario.
    assert score(Q8, {**Q8.answer, "assistance_mental_element": "purpose"}).points == pytest.approx(3)
    # Leaving the two limits on obstruction unknown leaves that breach open (p. 273).
    partial = {k: v for k, v in Q8.answer.items() if k not in ("offers_meaningful_alternative",
                                                                "weighty_countervailing_interest")}
    assert score(Q8, partial).points == pytest.approx(3)
    # The two limits disagreeing: the article offers them as alternatives, so the breach stays open.
    assert score(Q8, {**Q8.answer, "weighty_countervailing_interest": True}).points == pytest.approx(3)


def test_the_keys_outcomes_are_those_the_article_gives():
    """What the YAML's 'expected' says, checked again here against the engine's findings."""
    want = {"q7": {"respect": (True, False), "protect": (True, True), "not_obstruct": (True, False),
                   "assist": (False, False)},
            "q8": {"respect": (True, None), "protect": (True, True), "not_obstruct": (True, True),
                   "assist": (True, True)}}
    for qid, outcomes in want.items():
        a = duties.assess(KEY.question(qid).answer)
        assert {d: (a[d].attaches, a[d].breached) for d in duties.DUTIES} == outcomes


# ------------------------------------------------------------- answers of the wrong form
@pytest.mark.parametrize("raw,says", [
    (["governmental_authority"], "takes the facts of the scenario as a mapping"),
    ({"governmental_authorty": True}, "Did you mean 'governmental_authority'?"),
    ({"governmental_authority": True, "physical_presence_only": True}, "Contradictory facts"),
    ({"assists_perpetrators": False, "assistance_mental_element": "purpose"}, "Contradictory facts"),
    ({"high_capacity": "rather"}, "must be true, false or unknown"),
    ({"assistance_mental_element": "intent"}, "none, knowledge, purpose or unknown"),
])
def test_a_wrong_answer_form_gets_the_engines_own_message(raw, says):
    with pytest.raises(AnswerError, match=re.escape(says)):
        normalise(Q7, raw)


def test_not_known_and_missing_are_the_same_answer():
    assert normalise(Q7, {"high_capacity": "not known", "special_relationship": None}) == {} == normalise(Q7, {})
    assert normalise(Q7, {"high_capacity": "Yes"}) == {"high_capacity": True}


# --------------------------------------------------- self-check = grading, key hidden
def _public(q: Question) -> dict:
    return json.loads(json.dumps(public_question(q, KEY.salt)))


def test_self_check_agrees_with_grading_over_a_grid_of_facts():
    names = ("governmental_authority", "made_reasonable_efforts_to_restrain", "obstructs_protective_measures",
             "special_relationship")
    public, n = _public(Q7), 0
    for values in itertools.product((True, False, None), repeat=len(names)):
        raw = {**NEGATIVES, **dict(zip(names, values))}
        canonical, outcome = self_check(public, KEY.salt, raw)
        assert canonical == normalise(Q7, raw) and outcome == score(Q7, raw), raw
        n += 1
    assert n == 81


def test_the_public_form_shows_the_outcome_hashes_not_the_keys_facts():
    public = public_question(Q7, KEY.salt)
    assert "answer" not in public and public["facts"] == list(duties.FACTS)
    assert set(public["slots"]) == set(duties.DUTIES)
    text = json.dumps(public)
    assert "attaches: yes" not in text and "breached" not in text.replace("breached?", "")
    # Other facts that give the same duties give the very same public form: the facts are not in it.
    other = Question(**{**Q7.__dict__, "answer": normalise(Q7, NORTHLAND[5][0])})
    assert other.answer != Q7.answer and public_question(other, KEY.salt) == public
    # A key with other outcomes changes only the hashes of the duties that differ.
    diligent = Question(**{**Q7.__dict__, "answer": {**Q7.answer, "made_reasonable_efforts_to_restrain": True}})
    changed = public_question(diligent, KEY.salt)
    assert {k: v for k, v in changed.items() if k != "slots"} == {k: v for k, v in public.items() if k != "slots"}
    assert [d for d in duties.DUTIES if changed["slots"][d] != public["slots"][d]] == ["protect"]


def test_the_feedback_names_the_wrong_duties_with_the_engines_reasons_and_hides_the_key():
    outcome = score(Q7, GOVERNS)
    lines = outcome.detail.splitlines()
    assert lines[0].startswith("With your facts the engine derives the scenario's outcome for 1 of 4 duties")
    wrong = {d: next(line for line in lines if line.startswith(duties.DUTY_TITLES[d] + ":"))
             for d in ("respect", "not_obstruct", "assist")}
    assert not any(line.startswith("Duty to protect:") for line in lines)
    derived = duties.assess(GOVERNS)
    key = duties.assess(Q7.answer)
    for d, line in wrong.items():
        f = derived[d]
        assert f"‘{f.attaches_words}; {f.breached_words}’" in line
        assert f.reasoning[-1] in line, "the engine's reasoning on the student's facts"
        shown_key = f"‘{key[d].attaches_words}; {key[d].breached_words}’"
        assert shown_key not in outcome.detail, f"the key's outcome for {d} is shown"
    assert Q7.explanation.splitlines()[0] not in outcome.detail


# ---------------------------------------------------------------- in the notebook
@pytest.fixture()
def fresh(monkeypatch, tmp_path):
    monkeypatch.setenv("R2PKIT_EXERCISES", str(KIT))
    monkeypatch.chdir(tmp_path)
    runtime._QUIZZES.clear()
    runtime._SAVED.clear()
    yield
    runtime._QUIZZES.clear()
    runtime._SAVED.clear()


def test_check_shows_each_wrong_duty_on_its_own_line_and_the_explanation_only_when_right(fresh):
    fb = runtime.check("ex03.q7", GOVERNS)
    assert fb.status == "partial" and "1 of 4 points" in fb.headline
    assert fb.lines[:len(score(Q7, GOVERNS).detail.splitlines())] == score(Q7, GOVERNS).detail.splitlines()
    assert any(line.startswith("Duty to assist:") for line in fb.lines)
    assert any(line.startswith("Try again") for line in fb.lines) and not fb.explanation
    assert html.escape(Q7.explanation.splitlines()[0].strip()) not in fb._repr_html_()
    fb = runtime.check("ex03.q7", {**GOVERNS, **NEGATIVES, **NO_TIES})
    assert fb.status == "correct" and fb.explanation == Q7.explanation and fb.source == Q7.source


def test_a_contradiction_in_check_is_an_answer_of_the_wrong_form(fresh):
    fb = runtime.check("ex03.q7", {"governmental_authority": "yes", "physical_presence_only": "yes"})
    assert fb.status == "invalid" and "Contradictory facts" in fb.lines[0]
    assert runtime.summary("ex03").rows[6][4] == 0, "an answer of the wrong form uses no attempt"


def test_the_widget_sets_facts_and_checks_like_check_does(fresh):
    widget = ui.ask("ex03.q7")
    toggles = [w for w in widget.inputs if hasattr(w, "options")]
    labels = [w for w in widget.inputs if not hasattr(w, "options")]
    assert len(toggles) == len(labels) == len(duties.FACTS)
    for name, label, toggle in zip(duties.FACTS, labels, toggles):
        assert html.escape(duties.FACTS[name].ask()) in label.value and name in label.value
        assert toggle.value == "not known"
    by_name = dict(zip(duties.FACTS, toggles))
    answer = {**GOVERNS, **NEGATIVES}
    for name, value in _words(answer).items():
        by_name[name].value = value
    recorded = runtime._QUIZZES["ex03"].state["q7"].answer
    assert recorded == normalise(Q7, answer)
    widget.check_button.click()
    shown = widget.feedback.value
    runtime._QUIZZES.clear()
    assert shown == runtime.check("ex03.q7", answer)._repr_html_()
    assert "set the facts" in repr(widget) and len(repr(widget)) < 100


def test_a_saved_widget_answer_is_restored_into_the_toggles(fresh):
    saved = json.loads(json.dumps(normalise(Q8, Q8.answer)))
    runtime._restore({"ex03": {"q8": saved}})
    widget = ui.ask("ex03.q8")
    toggles = dict(zip(duties.FACTS, [w for w in widget.inputs if hasattr(w, "options")]))
    assert toggles["assistance_mental_element"].value == "knowledge"
    assert toggles["governmental_authority"].value == "no" and toggles["high_capacity"].value == "not known"
    assert runtime.check("ex03.q8").status == "correct"


# ----------------------------------------------------------------- the ui fix (issue 5)
def test_buttons_fit_their_labels_and_labels_show_no_markdown(fresh, monkeypatch):
    monkeypatch.setenv("R2PKIT_EXERCISES", str(KIT))
    widget = ui.ask("ex00.q2")  # its options say `source` and `note`
    for button in (widget.check_button, widget.hint_button, widget.reveal_button):
        assert button.layout.width == "auto"
    descriptions = [box.description for box in widget.inputs]
    assert any("source column" in d for d in descriptions)
    assert not any("`" in d or "**" in d for d in descriptions), descriptions


# ------------------------------------------------------------------- the source file
HEAD = "id: ex93_scenario\ntitle: A scenario\nquestions:\n"
SCENARIO = """\
  - id: q1
    kind: framework
    prompt: Set the facts.
    answer: {governmental_authority: true, made_reasonable_efforts_to_restrain: false, cannot_reasonably_bear: false}
    explanation: Because.
    source: Hakimi, p. 269.
"""


def _parse(extra: str = "", body: str = SCENARIO) -> Question:
    return parse_source(HEAD + body + textwrap.indent(textwrap.dedent(extra), "    "), "t.yaml").questions[0]


def _refused(extra: str = "", body: str = SCENARIO) -> str:
    with pytest.raises(SourceError) as info:
        _parse(extra, body)
    return str(info.value)


def test_a_scenario_question_defaults_to_every_fact_and_every_duty():
    q = _parse()
    assert q.kind_of.variant == "scenario" and q.facts == tuple(duties.FACTS) and graded_duties(q) == duties.DUTIES
    assert q.answer == {"governmental_authority": True, "made_reasonable_efforts_to_restrain": False,
                        "cannot_reasonably_bear": False}


def test_facts_and_duties_can_be_narrowed():
    q = _parse("facts: [made_reasonable_efforts_to_restrain, governmental_authority, cannot_reasonably_bear]\n"
               "duties: [protect]\n")
    assert q.facts == ("governmental_authority", "made_reasonable_efforts_to_restrain", "cannot_reasonably_bear")
    assert score(q, {"governmental_authority": True}).points == 0
    assert score(q, {"governmental_authority": True, "made_reasonable_efforts_to_restrain": False,
                     "cannot_reasonably_bear": False}).status == "correct"
    with pytest.raises(AnswerError, match="does not ask about 'high_capacity'"):
        normalise(q, {"high_capacity": True})
    assert "1 (the duties graded: protect)" in build_mod.question_markdown(None, 1, q)


@pytest.mark.parametrize("extra,says", [
    ("expected: {protect: {attaches: true, breached: false}}\n",
     "the engine does not derive the 'expected' duties from the key's facts: expected protect not to be breached"),
    ("expected: {protekt: {attaches: true}}\n", "Did you mean 'protect'?"),
    ("facts: [governmental_authority, made_efforts]\n", "'made_efforts' in 'facts' is not one of the engine's facts"),
    ("duties: [respect, cooperate]\n", "'cooperate' in 'duties' is not one of the engine's duties"),
    ("options: {a: One, b: Two}\n", "either 'options' (choose all that apply) or a scenario"),
    ("facts: [governmental_authority]\n", "does not ask about 'made_reasonable_efforts_to_restrain'"),
])
def test_a_bad_scenario_is_refused_with_a_message_that_says_why(extra, says):
    msg = _refused(extra)
    assert msg.startswith("t.yaml, question q1:") and says in msg, msg


def test_a_contradictory_key_is_refused():
    body = SCENARIO.replace("cannot_reasonably_bear: false", "physical_presence_only: true")
    assert "Contradictory facts" in _refused(body=body)


def test_expected_outside_a_scenario_and_a_framework_with_nothing_are_refused():
    multiple = ("  - id: q1\n    kind: multiple\n    prompt: Which?\n    options: {a: A, b: B}\n    answer: [a]\n"
                "    explanation: E.\n    source: S.\n")
    assert "'expected' belongs to framework questions with a scenario" in _refused("expected: {}\n", multiple)
    assert "'expected' and 'duties' belong to framework questions" in _refused("expected: {}\nduties: all\n", multiple)
    bare = "  - id: q1\n    kind: framework\n    prompt: Which?\n    explanation: E.\n    source: S.\n"
    assert "a framework question needs 'options'" in _refused(body=bare)


def test_other_public_files_keep_their_form():
    """A question of another kind has no 'facts' or 'duties' in its public form."""
    for path in sorted((KIT / "source").glob("ex0[0-2]*.yaml")):
        ex = load_source(path)
        for q in ex.questions:
            assert not {"facts", "duties"} & set(public_question(q, ex.salt)), f"{path.name} {q.id}"


# ------------------------------------------------------------------------ exercise 03
def _norm(s: str) -> str:
    s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    s = re.sub(r"[*_⁰¹²³⁴⁵⁶⁷⁸⁹]", "", s)
    return re.sub(r"\s+", " ", s).strip()


def test_ex03_has_eight_or_more_questions_mostly_without_code_and_two_scenarios():
    assert len(KEY.questions) >= 8
    assert sum(q.kind_of.variant == "scenario" for q in KEY.questions) >= 1
    assert sum(q.kind != "data" for q in KEY.questions) > len(KEY.questions) / 2
    for q in KEY.questions:
        assert q.explanation and q.source, q.id
        assert score(q, q.answer).status == ("correct" if q.kind_of.auto_scored else "answered"), q.id
    assert [q.kind for q in KEY.questions].count("written") == 1, "one written answer, graded by hand"
    scenario_names = {"Northland", "Westria"}
    for case in duties.load_cases(duties.LIBRARY):
        assert not scenario_names & set(case.title.split()), "the scenarios are new, not library cases"


def test_ex03_quotes_the_seeds_word_for_word():
    if not SEEDS.is_dir():
        pytest.skip(f"the seeds are not at {SEEDS}")
    seeds = " ".join(_norm(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt"))
    quotes = re.findall(r"‘(.+?)’(?![a-z])", EX03.read_text(encoding="utf-8"), re.S)
    assert len(quotes) > 10
    for quote in quotes:
        for part in re.split(r"\s*\. \. \.\s*", _norm(quote)):
            assert part.strip(" .,") in seeds, f"not in the seeds: {part!r}"


def test_ex03_q9_counts_the_joint_vetoes_hakimi_cites():
    vetoes = data.load("unsc_syria_vetoes")
    cited_in_n156 = {"S/2011/612", "S/2012/77", "S/2012/538"}  # Hakimi, p. 274 n. 156
    joint = vetoes[vetoes["vetoed_by"].str.contains("China") & vetoes["vetoed_by"].str.contains("Russia")]
    before = set(joint.loc[joint["date"] < "2014-03-10", "draft"])
    assert before == cited_in_n156
    assert KEY.question("q9").answer == len(cited_in_n156)


def test_ex03_student_notebook_explains_how_to_set_facts_and_hides_the_key():
    text = (KIT / "ex03_duties.py").read_text(encoding="utf-8")
    assert text.count("set the facts; the duty engine derives the duties") == 2
    assert "Partial credit: points × duties whose outcome" in text
    assert re.search(r"^q7 = None  # or type the facts here", text, re.M)
    public = (KIT / "ex03_duties.quiz.json").read_text(encoding="utf-8")
    for q in (Q7, Q8):
        assert q.explanation.splitlines()[0] not in public and q.explanation.splitlines()[0] not in text


# ------------------------------------------------------------------------ the grader
def _answer(nb, qid: str, code: str) -> None:
    [cell] = [c for c in nb.cells if c.cell_type == "code" and f'check("ex03.{qid}"' in c.source]
    cell.source = cell.source.replace(f"{qid} = None", f"{qid} = {code}", 1)


def _widget(nb, qid: str, answer) -> None:
    [cell] = [c for c in nb.cells if c.cell_type == "code" and c.source.strip() == f'ask("ex03.{qid}")']
    [out] = [o for o in cell.outputs if runtime.ANSWER_MIME in o.get("data", {})]
    out["data"] = nbformat.from_dict(protocol.answer_output("ex03", qid, answer))


SUBMITTED = {
    # typed: q7 right by other facts than the key's; q8 with the wrong state of mind (3 of 4)
    "typed.ipynb": {"q1": '"a"', "q7": repr(normalise(Q7, NORTHLAND[5][0])),
                    "q8": repr({**Q8.answer, "assistance_mental_element": "purpose"})},
    # wrong: q7 with nothing but the occupation (1 of 4); q8 contradictory (wrong form)
    "wrong.ipynb": {"q7": repr(GOVERNS), "q8": '{"governmental_authority": "yes", "physical_presence_only": "yes"}'},
}
WIDGETS = {"widgets.ipynb": {"q7": normalise(Q7, {**GOVERNS, **NEGATIVES})}}


def _expected_points(name: str) -> dict[str, float]:
    if name in WIDGETS:
        return {qid: score(KEY.question(qid), a).points for qid, a in WIDGETS[name].items()}
    out = {}
    for qid, code in SUBMITTED[name].items():
        try:
            out[qid] = score(KEY.question(qid), ast.literal_eval(code)).points
        except AnswerError:
            out[qid] = 0.0
    return out


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    kit = tmp_path_factory.mktemp("kit")
    (kit / "source").mkdir()
    shutil.copyfile(EX03, kit / "source" / EX03.name)
    (kit / "ex03_duties.quiz.json").write_text(dumps(public_file(KEY)), encoding="utf-8")
    folder = tmp_path_factory.mktemp("submissions")
    for name, answers in SUBMITTED.items():
        nb = nbformat.read(KIT / "ex03_duties.ipynb", as_version=4)
        for qid, code in answers.items():
            _answer(nb, qid, code)
        nbformat.write(nb, folder / name)
    for name, answers in WIDGETS.items():
        nb = nbformat.read(KIT / "ex03_duties.ipynb", as_version=4)
        for qid, answer in answers.items():
            _widget(nb, qid, answer)
        nbformat.write(nb, folder / name)
    out = tmp_path_factory.mktemp("grades") / "grades.csv"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("R2PKIT_EXERCISES", str(kit))
        err = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            code = cli.main(["grade", str(folder), "--out", str(out), "--jobs", "2", "--timeout", "60"])
    assert code == 0, err.getvalue()
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return rows, out.with_name(out.stem + "_feedback")


@pytest.mark.parametrize("name", [*SUBMITTED, *WIDGETS])
def test_the_grader_scores_framework_answers_by_the_key(graded, name):
    rows, _ = graded
    mine = {r["question"]: r for r in rows if Path(r["submission"]).name == name}
    assert set(mine) == {q.id for q in KEY.questions}
    expected = _expected_points(name)
    for qid, r in mine.items():
        assert float(r["points"]) == pytest.approx(expected.get(qid, 0.0)), (name, qid, r)
        if qid not in expected:
            assert r["status"] == "unanswered"


def test_the_grader_gives_partial_credit_per_duty_and_says_which_duties(graded):
    rows, feedback = graded
    status = {(Path(r["submission"]).name, r["question"]): r["status"] for r in rows}
    assert status[("typed.ipynb", "q7")] == "correct"
    assert status[("typed.ipynb", "q8")] == "partial"
    assert status[("wrong.ipynb", "q7")] == "partial"
    assert status[("wrong.ipynb", "q8")] == "incorrect"
    assert status[("widgets.ipynb", "q7")] == "partial"
    [typed] = [p for p in feedback.glob("*.md") if "typed" in p.name]
    report = typed.read_text(encoding="utf-8")
    q8_line = next(line for line in report.splitlines() if line.startswith("| q8 |"))
    assert "for 3 of 4 duties" in q8_line and "Duty to respect: with your facts the engine says" in q8_line
    [wrong] = [p for p in feedback.glob("*.md") if "wrong" in p.name]
    assert "Contradictory facts" in wrong.read_text(encoding="utf-8")

"""The question-kind registry: one class per kind, and nothing else to edit to add one."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from r2pkit.exercises import build as build_mod
from r2pkit.exercises import kinds
from r2pkit.exercises.questions import KINDS, AnswerError, Question, normalise, score
from r2pkit.exercises.sealed import assessed_question, public_question, question_from_public, self_check
from r2pkit.exercises.source import SourceError, parse_source

EXERCISES = Path(__file__).resolve().parents[1] / "r2pkit" / "exercises"


def test_the_exercise_framework_does_not_import_the_duty_engine():
    """The scenario kind registers itself from r2pkit.duties; no exercises module imports duties."""
    found = []
    for path in sorted(EXERCISES.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                module = ("." * node.level) + (node.module or "")
                if "duties" in module:
                    found.append(f"{path.name}:{node.lineno} from {module}")
            elif isinstance(node, ast.Import):
                found += [f"{path.name}:{node.lineno} import {a.name}" for a in node.names if "duties" in a.name]
    assert not found, found


def test_the_scenario_is_a_registered_kind_that_lives_with_the_engine():
    framework = kinds.all_of("framework")
    assert [type(k).__module__ for k in framework] == ["r2pkit.exercises.kinds.builtin",
                                                      "r2pkit.duties.scenario_kind"]
    options = Question("q1", "framework", "?", options={"a": "A"})
    facts = Question("q2", "framework", "?", facts=("governmental_authority",))
    assert kinds.of(options).variant == "" and kinds.of(facts).variant == "scenario"
    assert kinds.of_source({"kind": "framework", "facts": "all"}).variant == "scenario"


@pytest.mark.parametrize("name", KINDS)
def test_every_kind_says_what_it_is_in_words(name):
    for kind in kinds.all_of(name):
        assert kind.head and kind.words and kind.wants and kind.example, type(kind).__name__


def test_an_unknown_kind_is_refused_with_the_registered_ones():
    with pytest.raises(AnswerError, match="Unknown question kind 'essay': one of single, multiple"):
        normalise(Question("q1", "essay", "?"), "x")


class YesNo(kinds.Kind):
    """A toy kind written for this test only: answered yes or no, all or nothing."""

    name, head, words, wants, example = "yesno", "yes or no", "yes or no", "yes or no", '"yes"'
    fields = ("because",)

    def parse(self, raw, args, src):
        args["extra"] = {"because": src.text(raw, "because")}
        return super().parse(raw, args, src)

    def normalise(self, q, raw):
        if str(raw).strip().lower() not in ("yes", "no"):
            raise AnswerError(f"{q.id} takes yes or no; got {kinds.show(raw)}.")
        return str(raw).strip().lower()

    def public(self, q, mode):
        return {"because": q.extra["because"]} if mode == "practice" else {}

    def from_public(self, data):
        return {"because": data.get("because", "")}


@pytest.fixture
def yesno():
    kinds.register(YesNo)
    yield
    kinds._REGISTRY.pop("yesno", None)


def test_a_new_kind_is_one_class_and_works_everywhere(yesno):
    text = ("id: ex90\ntitle: T\nquestions:\n- {id: q1, kind: yesno, prompt: 'Is it?', answer: 'yes', "
            "because: 'it is', explanation: E, source: S}\n")
    ex = parse_source(text, "t.yaml")
    q = ex.questions[0]
    assert q.extra == {"because": "it is"} and q.answer == "yes"
    assert score(q, "Yes").status == "correct" and score(q, "no").status == "incorrect"
    assert "## Question 1 · yes or no · 1 point" in build_mod.notebook_text(ex)
    assert 'q1 = None  # or type your answer here, e.g. q1 = "yes"' in build_mod.notebook_text(ex)
    public = public_question(q, ex.salt)
    assert public["because"] == "it is" and "because" not in assessed_question(q)
    assert question_from_public(public).extra == {"because": "it is"}
    assert self_check(public, ex.salt, "yes")[1].status == "correct"
    with pytest.raises(SourceError, match="'because' belongs to yesno questions"):
        parse_source(text.replace("kind: yesno", "kind: text"), "t.yaml")

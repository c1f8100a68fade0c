"""The grading protocol (r2pkit.exercises.protocol): what a built notebook says it is, where its
answers are saved, how a kernel gives them back and reports them, and what problems a grader sees."""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from r2pkit.exercises import build as build_mod
from r2pkit.exercises import protocol, runtime, ui
from r2pkit.exercises.source import load_source, parse_source

ROOT = Path(__file__).resolve().parents[1]
KIT = ROOT / "exercises"

SAMPLE = """\
id: ex92_protocol
title: The protocol
version: 3
questions:
  - id: q1
    kind: single
    prompt: Who publishes the refugee figures?
    options: {a: UNHCR, b: The World Bank, c: The Security Council}
    answer: a
    explanation: E1.
    source: S1.
  - id: q2
    kind: multiple
    points: 2
    prompt: Which apply?
    options: {a: Alpha, b: Bravo, c: Charlie}
    answer: [a, b]
    explanation: E2.
    source: S2.
  - id: q3
    kind: numeric
    prompt: How many paragraphs?
    answer: 2
    explanation: E3.
    source: S3.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("protocol")
    source = folder / "source" / "ex92_protocol.yaml"
    source.parent.mkdir()
    source.write_text(SAMPLE, encoding="utf-8")
    paths = build_mod.build(source, folder, execute=False)
    return folder, paths, load_source(source)


@pytest.fixture(autouse=True)
def fresh(built, tmp_path, monkeypatch):
    monkeypatch.setenv("R2PKIT_EXERCISES", str(built[0]))
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.chdir(tmp_path)
    runtime._QUIZZES.clear()
    runtime._SAVED.clear()
    yield
    runtime._QUIZZES.clear()
    runtime._SAVED.clear()


def _record_output(eid: str, qid: str, answer, **more) -> dict:
    return {"output_type": "display_data", "metadata": {},
            "data": {protocol.ANSWER_MIME: {"exercise": eid, "question": qid, "answer": answer, **more},
                     "text/plain": "saved"}}


# ------------------------------------------------------------------ identify
def test_a_built_notebook_says_which_exercise_version_questions_and_mode_it_is(built):
    _, paths, ex = built
    student = nbformat.read(paths.student, as_version=4)
    solution = nbformat.read(paths.solution, as_version=4)
    assert protocol.identify(student) == {"exercise": "ex92_protocol", "version": "3",
                                          "fingerprint": protocol.fingerprint(ex), "mode": "practice"}
    assert protocol.identify(solution)["mode"] == "solution"
    assert protocol.problems(student, ex) == []
    assert protocol.problems(solution, ex) == []


def test_the_kits_built_exercises_carry_their_identity():
    for source in sorted((KIT / "source").glob("*.yaml")):
        ex = load_source(source)
        nb = nbformat.read(KIT / f"{source.stem}.ipynb", as_version=4)
        assert protocol.identify(nb) == {"exercise": ex.id, "version": ex.version,
                                         "fingerprint": protocol.fingerprint(ex), "mode": "practice"}
        assert protocol.problems(nb, ex) == []


def test_identify_survives_junk():
    for junk in ({}, {"metadata": None}, {"metadata": {"r2pkit": "ex00"}}, {"cells": None},
                 {"metadata": {"r2pkit": {"exercise": 5, "mode": "teacher"}}}):
        assert protocol.identify(junk) == {"exercise": None, "version": None, "fingerprint": None, "mode": None}


# ------------------------------------------------------------------ problems
def test_another_exercise_is_reported(built):
    _, paths, ex = built
    other = load_source(KIT / "source" / "ex00_start_here.yaml")
    nb = nbformat.read(paths.student, as_version=4)
    [problem] = protocol.problems(nb, other)
    assert "ex92_protocol, not ex00" in problem


def test_an_older_version_and_other_questions_are_reported(built):
    _, paths, ex = built
    nb = nbformat.read(paths.student, as_version=4)
    newer = parse_source(SAMPLE.replace("version: 3", "version: 4").replace("How many paragraphs", "How many pages"))
    problems = protocol.problems(nb, newer)
    assert any("version 3" in p and "version 4" in p for p in problems)
    assert any("fingerprint" in p for p in problems)
    assert any("question q3" in p and "edited" in p for p in problems)


def test_a_changed_key_alone_keeps_the_fingerprint(built):
    _, paths, ex = built
    nb = nbformat.read(paths.student, as_version=4)
    rekeyed = parse_source(SAMPLE.replace("answer: a\n", "answer: b\n"))
    assert protocol.fingerprint(rekeyed) == protocol.fingerprint(ex)
    assert protocol.problems(nb, rekeyed) == []


def test_an_edited_question_cell_is_reported(built):
    _, paths, ex = built
    nb = nbformat.read(paths.student, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "Which apply?" in cell.source:
            cell.source = cell.source.replace("Which apply?", "Which apply? (Alpha and Bravo)")
    [problem] = protocol.problems(nb, ex)
    assert "question q2" in problem and "edited" in problem


def test_a_notebook_without_identity_is_reported(built):
    _, paths, ex = built
    nb = nbformat.read(paths.student, as_version=4)
    nb.metadata.pop("r2pkit")
    problems = protocol.problems(nb, ex)
    assert any("no fingerprint" in p for p in problems)
    nb.cells = [c for c in nb.cells if "load(" not in c.source]
    assert "does not say which exercise" in protocol.problems(nb, ex)[0]


# ------------------------------------------------------------- saved answers
def test_saved_answers_reads_the_records_and_ignores_junk():
    nb = {"cells": [
        {"cell_type": "code", "outputs": [_record_output("ex92_protocol", "q1", "b")]},
        {"cell_type": "code", "outputs": [_record_output("ex92_protocol", "q2", None)]},
        {"cell_type": "code", "outputs": [{"output_type": "display_data", "data": {protocol.ANSWER_MIME: "junk"}},
                                          {"output_type": "stream", "text": "x"}, "not an output"]},
        {"cell_type": "code", "outputs": [_record_output("ex92_protocol", "q3", "x" * 300_000)]},
        {"cell_type": "markdown"},
    ]}
    assert protocol.saved_answers(nb) == {"ex92_protocol": {"q1": "b"}}


def test_the_last_record_of_a_question_wins():
    nb = {"cells": [{"cell_type": "code", "outputs": [_record_output("ex92_protocol", "q1", "b")]},
                    {"cell_type": "code", "outputs": [_record_output("ex92_protocol", "q1", "c")]}]}
    assert protocol.saved_answers(nb) == {"ex92_protocol": {"q1": "c"}}


# --------------------------------------------------------- restore, collect
def test_restored_answers_fill_the_widgets_and_are_collected():
    runtime.load("ex92_protocol")
    protocol.restore({"ex92_protocol": {"q1": "c", "q2": ["b", "a"]}})
    w1, w2 = ui.ask("ex92_protocol.q1"), ui.ask("ex92_protocol.q2")
    assert w1.inputs[0].value == "c"
    assert [b.value for b in w2.inputs] == [True, True, False]
    collected = json.loads(protocol.collect({}))["ex92_protocol"]
    assert collected["q1"] == {"answer": "c", "via": "widget"}
    assert collected["q2"] == {"answer": ["a", "b"], "via": "widget"}
    assert "q3" not in collected


def test_collect_falls_back_to_variables_and_never_raises_on_them():
    class Hostile:
        def __repr__(self):
            raise RuntimeError("no repr for you")

        def __iter__(self):
            raise RuntimeError("nor iteration")

    runtime.load("ex92_protocol")
    collected = json.loads(protocol.collect({"q1": "a", "q2": Hostile(), "q3": "x" * 10_000}))["ex92_protocol"]
    assert collected["q1"] == {"answer": "a", "via": "code"}
    assert collected["q2"]["via"] == "code" and "Hostile" in collected["q2"]["invalid"]
    assert collected["q3"]["via"] == "code" and len(collected["q3"]["invalid"]) <= 300


def test_collect_of_a_notebook_that_loaded_nothing_is_empty():
    assert json.loads(protocol.collect({"q1": "a"})) == {}

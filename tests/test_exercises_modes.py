"""Practice, assessed and solution versions from one source: what each holds, and the README's
own command (`r2pkit exercises build my_exercise.yaml --out handout/`) run as written."""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from r2pkit.cli import main
from r2pkit.exercises import protocol
from r2pkit.exercises.questions import key_slots, normalise_text
from r2pkit.exercises.sealed import digest
from r2pkit.exercises.source import load_source

# Every secret is a word found nowhere else, so that finding it anywhere is a leak.
SOURCE = """\
id: ex95_private
title: A private assignment
questions:
  - id: q1
    kind: single
    prompt: Who publishes the refugee figures?
    options: {a: UNHCR, b: The World Bank, c: The Security Council}
    answer: c
    hints: [Hint-Quokka]
    feedback: {a: Feedback-Narwhal}
    explanation: Explanation-Axolotl.
    source: Source-Pangolin, p. 4.
  - id: q2
    kind: text
    prompt: Which word?
    answer: Zebrafinch
    synonyms: [Kookaburra]
    explanation: Explanation-Okapi.
    source: Source-Tapir.
  - id: q3
    kind: numeric
    prompt: How many?
    answer: 739153
    tolerance: 2
    explanation: Explanation-Dugong.
    source: Source-Manatee.
  - id: q4
    kind: data
    prompt: Compute it.
    solution_code: |
      q4 = 612 * 1000 + 7  # Solution-Wombat
    explanation: Explanation-Kakapo.
    source: Source-Takahe.
"""
SECRETS = ["Hint-Quokka", "Feedback-Narwhal", "Explanation-Axolotl", "Source-Pangolin", "Zebrafinch", "zebrafinch",
           "Kookaburra", "kookaburra", "Explanation-Okapi", "Source-Tapir", "739153", "Explanation-Dugong",
           "Source-Manatee", "Solution-Wombat", "612007", "Explanation-Kakapo", "Source-Takahe"]


@pytest.fixture(scope="module")
def handout(tmp_path_factory):
    """The README's command, run as written: a source whose file name is not its id."""
    root = tmp_path_factory.mktemp("instructor")
    source = root / "my_exercise.yaml"
    source.write_text(SOURCE, encoding="utf-8")
    out = root / "handout"
    assert main(["exercises", "build", str(source), "--out", str(out)]) == 0
    return source, out


def _files(folder: Path) -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_build_writes_three_versions_named_after_the_source_file(handout):
    source, out = handout
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "assessed/my_exercise.ipynb", "assessed/my_exercise.py", "assessed/my_exercise.quiz.json",
        "my_exercise.ipynb", "my_exercise.py", "my_exercise.quiz.json",
        "solutions/my_exercise.ipynb", "solutions/my_exercise.py"]
    ex = load_source(source)
    for path, mode in (("my_exercise.ipynb", "practice"), ("assessed/my_exercise.ipynb", "assessed"),
                       ("solutions/my_exercise.ipynb", "solution")):
        nb = nbformat.read(out / path, as_version=4)
        assert protocol.identify(nb) == {"exercise": "ex95_private", "version": "1",
                                         "fingerprint": protocol.fingerprint(ex), "mode": mode}
        assert protocol.problems(nb, ex) == []
        errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
        assert not errors, f"{path} stored an error: {errors[:1]}"


def test_an_assessed_version_holds_nothing_derived_from_the_key(handout):
    source, out = handout
    ex = load_source(source)
    hashes = [digest(ex.salt, q.id, slot, v) for q in ex.questions for slot, values in key_slots(q).items()
              for v in values]
    practice = (out / "my_exercise.quiz.json").read_text(encoding="utf-8")
    assert all(h in practice for h in hashes) and ex.salt in practice, "the practice file self-checks by hashes"
    assessed = _files(out / "assessed")
    assert assessed
    for path, text in assessed.items():
        found = [s for s in SECRETS + hashes + [ex.salt] if s in text]
        assert not found, f"{path.name} holds what comes from the key: {found}"
    public_text = assessed[out / "assessed" / "my_exercise.quiz.json"]
    assert not re.search(r'"(slots|salt|explanation|source|feedback|hints|tolerance)"\s*:', public_text)
    public = json.loads(public_text)
    assert public["mode"] == "assessed"
    assert [q["prompt"] for q in public["questions"]] == [q.prompt for q in ex.questions]
    solution = (out / "solutions" / "my_exercise.ipynb").read_text(encoding="utf-8")
    assert "Explanation-Axolotl" in solution and "Solution-Wombat" in solution, "the solution shows the key (sanity check)"


def test_the_practice_version_hides_but_holds_the_key(handout):
    source, out = handout
    practice = {p: t for p, t in _files(out).items() if "solutions" not in p.parts and "assessed" not in p.parts}
    for path, text in practice.items():  # hints are shown in practice: not a secret there
        assert not [s for s in SECRETS if s in text and s != "Hint-Quokka"], path.name
    ex = load_source(source)
    q2 = ex.question("q2")
    public = json.loads((out / "my_exercise.quiz.json").read_text(encoding="utf-8"))
    [slot] = [q["slots"]["text"] for q in public["questions"] if q["id"] == "q2"]
    # Why practice is never for marks: a short answer's hash is found by trying words.
    tried = {digest(ex.salt, "q2", "text", normalise_text(w)) for w in ["zebra", "Zebrafinch", "finch"]}
    assert tried & set(slot), q2


def test_the_assessed_notebook_records_answers_and_judges_none(handout):
    _, out = handout
    nb = nbformat.read(out / "assessed" / "my_exercise.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    assert 'load("ex95_private", mode="assessed")' in text
    shown = "\n".join(o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
                      for c in nb.cells for o in c.get("outputs", []))
    assert "0 of 4 questions answered" in shown
    assert "Correct" not in shown and "Not yet" not in shown and "points so far" not in shown

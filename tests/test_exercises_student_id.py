"""The student id typed in an assessed notebook: saved with it, read by the grader, used by the roster."""
from __future__ import annotations

import csv
import json
import textwrap

import nbformat

from r2pkit.cli import main
from r2pkit.exercises import protocol, runtime
from r2pkit.exercises.build import build, notebook_text, public_file
from r2pkit.exercises.sealed import dumps
from r2pkit.exercises.source import parse_source

SOURCE = textwrap.dedent("""\
    id: ex93_ids
    title: Whose work
    questions:
      - id: q1
        kind: single
        prompt: Who publishes the refugee figures?
        options: {a: UNHCR, b: The World Bank}
        answer: a
        explanation: UNHCR publishes them.
        source: UNHCR.
    """)


def test_only_the_assessed_version_asks_for_the_id():
    ex = parse_source(SOURCE, "ex93_ids.yaml")
    assert 'student("ex93_ids")' in notebook_text(ex, "assessed") and "## Your student id" in notebook_text(ex, "assessed")
    for mode in ("practice", "solution"):
        assert "student(" not in notebook_text(ex, mode)


def test_the_box_saves_the_id_and_a_fresh_kernel_reads_it_back(tmp_path, monkeypatch):
    from r2pkit.exercises.ui import StudentId, student

    # a kernel where the grader restored answers reads no notebook file: start from a fresh one
    monkeypatch.setattr(runtime, "_RESTORED", [False])
    monkeypatch.setattr(runtime, "_SAVED", {})

    ex = parse_source(SOURCE, "ex93_ids.yaml")
    (tmp_path / "ex93_ids.quiz.json").write_text(dumps(public_file(ex, "assessed")), encoding="utf-8")
    monkeypatch.setenv("R2PKIT_EXERCISES", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    runtime._QUIZZES.clear()
    quiz = runtime.load("ex93_ids", mode="assessed")
    box = student("ex93_ids")
    assert isinstance(box, StudentId) and box.box.description == "Your student id" and "No student id yet" in box.line.value
    box.box.value = "  s0042\n"
    assert quiz.student_id == "s0042" and "Saved with this notebook: s0042." in box.line.value
    # what the notebook file then holds, read back by a fresh kernel and by the grader
    nb = {"cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data",
                                                      "data": protocol.student_output("ex93_ids", quiz.student_id)}]}]}
    path = tmp_path / "ex93_ids.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    runtime._QUIZZES.clear()
    monkeypatch.setenv("JPY_SESSION_NAME", str(path))
    assert runtime.load("ex93_ids", mode="assessed").student_id == "s0042"
    assert student("ex93_ids").box.value == "s0042"
    runtime._QUIZZES.clear()


def test_the_grader_records_the_id_and_the_roster_matches_by_it(tmp_path):
    src = tmp_path / "key" / "ex93_ids.yaml"
    src.parent.mkdir()
    src.write_text(SOURCE, encoding="utf-8")
    built = build(src, tmp_path / "handout", execute=False)
    subs = tmp_path / "submissions"
    subs.mkdir()
    for name, sid in (("first.ipynb", "S02"), ("second.ipynb", "zz99"), ("s01_ex93.ipynb", "")):
        nb = nbformat.read(built.assessed, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code" and cell.source.startswith('student("'):
                cell.outputs = [nbformat.v4.new_output("display_data", data=protocol.student_output("ex93_ids", sid))]
        nbformat.write(nb, subs / name)
    (tmp_path / "roster.csv").write_text("student_id,name\ns01,Ada\ns02,Alan\ns03,Grace\n", encoding="utf-8")
    grades = tmp_path / "grades" / "g.csv"
    assert main(["grade", str(subs), "--key", str(src), "--out", str(grades), "--timeout", "120"]) == 0
    results = json.loads(grades.with_suffix(".json").read_text())
    ids = {s["submission"].rsplit("/", 1)[-1]: s["student_id"] for s in results["submissions"]}
    assert ids == {"first.ipynb": "S02", "second.ipynb": "zz99", "s01_ex93.ipynb": ""}
    assert main(["seminar", "gradebook", str(grades.with_suffix(".json")), "--roster", str(tmp_path / "roster.csv"),
                 "--out", str(tmp_path / "book")]) == 0
    book = {r["student_id"]: r for r in csv.DictReader((tmp_path / "book" / "exercises.csv").open())}
    assert book["s02"]["submission"].endswith("first.ipynb") and book["s01"]["submission"].endswith("s01_ex93.ipynb")
    report = (tmp_path / "book" / "report.txt").read_text()
    assert "second.ipynb: the id entered in the notebook ('zz99') is not on the roster" in report
    assert "Grace (s03) handed in nothing" in report

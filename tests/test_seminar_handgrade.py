"""Hand grading through a spreadsheet: export one question's answers (names hidden, stable random order), import scores."""
from __future__ import annotations

import csv
import io

import pytest

from r2pkit.cli import main
from seminar_fixtures import submission, write

STUDENTS = [f"s{i:02d}" for i in range(1, 13)]


@pytest.fixture()
def course(tmp_path):
    (tmp_path / "roster.csv").write_text("student_id,name,email\n" + "".join(f"{s},Name {s},{s}@x.org\n" for s in STUDENTS))
    write(tmp_path / "g.json", [submission(f"in/{s}/ex09.ipynb", ["correct", "partial", "incorrect"]) for s in STUDENTS])
    return tmp_path


def args(course, *more):
    return [str(course / "g.json"), "--roster", str(course / "roster.csv"), "--overrides", str(course / "ov.csv"), *more]


def test_export_fill_import(course, capsys):
    assert main(["seminar", "handgrade", "export", *args(course, "--exercise", "ex09", "--question", "q3",
                                                           "--out", str(course / "q3.csv"))]) == 0
    text = (course / "q3.csv").read_text()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 12 and not any("Name " in text or s in text for s in STUDENTS)  # names and ids hidden
    assert rows[0]["answer"] == "7" and rows[0]["grader_points"] == "0" and rows[0]["max_points"] == "2"
    assert main(["seminar", "handgrade", "export", *args(course, "--exercise", "ex09", "--question", "q3",
                                                           "--out", str(course / "again.csv"))]) == 0
    assert (course / "again.csv").read_text() == text  # a stable order …
    q2 = main(["seminar", "handgrade", "export", *args(course, "--exercise", "ex09", "--question", "q2",
                                                         "--out", str(course / "q2.csv"))])
    codes2 = [r["code"] for r in csv.DictReader((course / "q2.csv").open())]
    assert q2 == 0 and codes2 != [r["code"] for r in rows]  # … but not the same for every question

    for i, r in enumerate(rows):
        r["points"] = "1.5" if i < 3 else ""
        r["comment"] = "the unit is right, the figure is not" if i == 0 else ""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)
    (course / "q3.csv").write_text(buf.getvalue())
    capsys.readouterr()
    assert main(["seminar", "handgrade", "import", str(course / "q3.csv"), *args(course)]) == 0
    assert "3 hand-given score(s)" in capsys.readouterr().out
    assert main(["seminar", "gradebook", *args(course, "--out", str(course / "book"))]) == 0
    q = list(csv.DictReader((course / "book" / "questions.csv").open()))
    hand = [r for r in q if r["question"] == "q3" and r["points"] == "1.5"]
    assert len(hand) == 3 and any(r["override_reason"] == "graded by hand: the unit is right, the figure is not"
                                  for r in hand)


def test_import_refuses_other_files(course, capsys):
    assert main(["seminar", "handgrade", "export", *args(course, "--exercise", "ex09", "--question", "q3",
                                                           "--out", str(course / "q3.csv"))]) == 0
    text = (course / "q3.csv").read_text()
    first = text.splitlines()[1].split(",")
    other = text.replace(",ex09,q3,", ",ex08,q3,")
    (course / "other.csv").write_text(other)
    assert main(["seminar", "handgrade", "import", str(course / "other.csv"), *args(course)]) == 2
    assert "from another assignment" in capsys.readouterr().err
    too_many = text.replace(text.splitlines()[1], ",".join(first[:7] + ["5", ""]))
    (course / "bad.csv").write_text(too_many)
    assert main(["seminar", "handgrade", "import", str(course / "bad.csv"), *args(course)]) == 2
    assert "points must be between 0 and 2" in capsys.readouterr().err
    (course / "codes.csv").write_text(text.replace(first[0], "ZZZZZZZZ"))
    assert main(["seminar", "handgrade", "import", str(course / "codes.csv"), *args(course)]) == 2
    assert "no student of this roster" in capsys.readouterr().err
    assert not (course / "ov.csv").exists()  # nothing half-imported


def test_export_of_an_unknown_question(course, capsys):
    assert main(["seminar", "handgrade", "export", *args(course, "--exercise", "ex09", "--question", "q7",
                                                           "--out", str(course / "x.csv"))]) == 2
    assert "No answers to question q7 of ex09" in capsys.readouterr().err

"""The seminar's gradebook: roster, matching, overrides that survive a regrade, late policy, LMS exports."""
from __future__ import annotations

import csv
import io
import json

import pytest

from r2pkit.cli import main
from r2pkit.errors import R2PKitError
from r2pkit.seminar import build, load_results, match, read_roster
from r2pkit.seminar.gradebook import LatePolicy, Override, add_override, read_overrides
from r2pkit.seminar.lms import canvas_csv, moodle_csv
from r2pkit.seminar.results import parse_time
from seminar_fixtures import ROSTER, submission, write

DEADLINE = 1_764_633_600.0  # 2025-12-02 00:00 UTC
DAY = 86_400.0


@pytest.fixture()
def course(tmp_path):
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    write(tmp_path / "grades.json", [
        submission("submissions/s01/ex09.ipynb", ["correct", "correct", "correct"], mtime=DEADLINE - 3600),
        submission("submissions/s02/ex09.ipynb", ["correct", "partial", "incorrect"], mtime=DEADLINE - 60),
        submission("submissions/s03/ex09.ipynb", ["correct", "correct", "correct"], mtime=DEADLINE + 1.5 * DAY),
        submission("submissions/unknown/ex09.ipynb", ["unanswered"] * 3),
    ])
    return tmp_path


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_roster_errors_say_what_and_how(tmp_path):
    bad = tmp_path / "r.csv"
    bad.write_text("name,email\nAda,ada@example.org\n")
    with pytest.raises(R2PKitError, match="no student id column .*its columns: name, email"):
        read_roster(bad)
    bad.write_text("id,name\ns1,Ada\ns2,Alan\ns1,Ada again\n")
    with pytest.raises(R2PKitError, match="student s1 is listed twice \\(rows 2 and 4\\)"):
        read_roster(bad)
    bad.write_text("id,name\n,Ada\n")
    with pytest.raises(R2PKitError, match="row 2: the student id is empty"):
        read_roster(bad)
    with pytest.raises(R2PKitError, match="does not exist"):
        read_roster(tmp_path / "nope.csv")
    bad.write_bytes(b"id,name\ns1,\xe9\xff\n")
    with pytest.raises(R2PKitError, match="not UTF-8"):
        read_roster(bad)


def test_roster_reads_lms_exports_with_bom_and_semicolons(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("\ufeffID number;First name;Last name;Email address\n123;Ada;Lovelace;ada@x.org\n", encoding="utf-8")
    (st,) = read_roster(path)
    assert (st.id, st.name, st.email) == ("123", "Ada Lovelace", "ada@x.org")


def test_matching_by_name_folder_and_notebook_id(course):
    roster = read_roster(course / "roster.csv")
    subs, _ = load_results([course / "grades.json"])
    m = match(subs, roster)
    assert m.student_of == {"submissions/s01/ex09.ipynb": "s01", "submissions/s02/ex09.ipynb": "s02",
                            "submissions/s03/ex09.ipynb": "s03"}
    assert m.unmatched == ["submissions/unknown/ex09.ipynb: no student id of the roster in its name, "
                           "and no id entered in the notebook"]
    assert m.missing == [("s04", "ex09")]


def test_an_id_must_be_a_whole_word_and_an_entered_id_helps(tmp_path):
    write(tmp_path / "g.json", [submission("in/ex09_s011.ipynb", ["correct"] * 3),
                                submission("in/anon.ipynb", ["correct"] * 3, student_id="S02"),
                                submission("in/s01-and-s02.ipynb", ["correct"] * 3)])
    subs, _ = load_results([tmp_path / "g.json"])
    m = match(subs, [read_roster_text(ROSTER)[i] for i in range(4)])
    assert m.student_of == {"in/anon.ipynb": "s02"}
    assert m.how["in/anon.ipynb"] == "notebook"
    assert any("in/ex09_s011.ipynb" in u for u in m.unmatched)
    assert any("more than one student (s01, s02)" in u for u in m.unmatched)


def test_a_file_claiming_another_students_id_never_replaces_that_students_named_file(tmp_path):
    # s02 hands in an unnamed file, later, typing s01's id: s01's own file is still the one graded
    write(tmp_path / "g.json", [submission("in/s01/ex09.ipynb", ["correct"] * 3, mtime=DEADLINE - 3600),
                                submission("in/anon.ipynb", ["incorrect"] * 3, student_id="s01", mtime=DEADLINE - 60)])
    subs, _ = load_results([tmp_path / "g.json"])
    roster = read_roster_text(ROSTER)
    for order in (subs, list(reversed(subs))):
        book = build(order, roster)
        ex = book.exercises.set_index("student_id")
        assert ex.loc["s01", "score"] == 5
        assert any("in/anon.ipynb claims to be" in n and "in/s01/ex09.ipynb is graded" in n for n in book.notes)


def read_roster_text(text):
    from r2pkit.seminar.roster import parse_roster

    return parse_roster(text)


def test_totals_late_policy_and_missing(course):
    roster = read_roster(course / "roster.csv")
    subs, _ = load_results([course / "grades.json"])
    policy = LatePolicy({"*": parse_time(DEADLINE)}, per_day=0.1)
    book = build(subs, roster, policy=policy)
    ex = book.exercises.set_index("student_id")
    assert ex.loc["s01", "score"] == 5 and ex.loc["s01", "status"] == "on time"
    assert ex.loc["s02", "score"] == 2  # 1 + 1 + 0
    assert ex.loc["s03", "days_late"] == 2 and ex.loc["s03", "score"] == pytest.approx(4.0)  # 5 less 20 %
    assert ex.loc["s03", "late_penalty"] == pytest.approx(1.0)
    assert ex.loc["s04", "status"] == "missing" and ex.loc["s04", "score"] == 0
    totals = book.totals.set_index("student_id")
    assert totals.loc["s03", "total"] == pytest.approx(4.0) and totals.loc["s03", "max_total"] == 5
    assert any("Edsger Dijkstra (s04) handed in nothing for ex09" in n for n in book.notes)
    assert any("submissions/unknown/ex09.ipynb" in n for n in book.notes)


def test_max_late_days_and_given_times(course):
    roster = read_roster(course / "roster.csv")
    subs, _ = load_results([course / "grades.json"])
    policy = LatePolicy({"ex09": parse_time(DEADLINE)}, per_day=0.1, max_days=1)
    book = build(subs, roster, policy=policy)
    assert book.exercises.set_index("student_id").loc["s03", "score"] == 0
    # a given time (e.g. the LMS's hand-in column) wins over the file's time
    book = build(subs, roster, policy=policy, times={"s03": parse_time(DEADLINE - 10)})
    row = book.exercises.set_index("student_id").loc["s03"]
    assert (row["score"], row["time_from"]) == (5, "given")


def test_overrides_survive_a_regrade(course):
    roster = read_roster(course / "roster.csv")
    overrides = course / "overrides.csv"
    add_override(overrides, Override("s02", "ex09", "q3", 2, "the number is right; the unit was misread"))
    subs, _ = load_results([course / "grades.json"])
    assert build(subs, roster, read_overrides(overrides)).exercises.set_index("student_id").loc["s02", "score"] == 4
    # regrade one student into a new file: the later grading wins, the override stays
    write(course / "regrade.json", [submission("submissions/s02/ex09.ipynb", ["correct", "correct", "incorrect"])])
    subs, notes = load_results([course / "grades.json", course / "regrade.json"])
    book = build(subs, roster, read_overrides(overrides))
    assert any("graded again" in n for n in notes)
    q = book.questions.set_index(["student_id", "question"])
    assert q.loc[("s02", "q3"), "grader_points"] == 0 and q.loc[("s02", "q3"), "points"] == 2
    assert q.loc[("s02", "q3"), "override_reason"].startswith("the number is right")
    assert book.exercises.set_index("student_id").loc["s02", "score"] == 5
    # a whole-exercise override has the last word, after the late penalty
    add_override(overrides, Override("s03", "ex09", "*", 5, "medical certificate"))
    book = build(subs, roster, read_overrides(overrides), LatePolicy({"*": parse_time(DEADLINE)}, 0.5))
    assert book.exercises.set_index("student_id").loc["s03", "score"] == 5
    assert len(read_overrides(overrides)) == 2


def test_bad_overrides_are_refused_clearly(course):
    roster = read_roster(course / "roster.csv")
    subs, _ = load_results([course / "grades.json"])
    with pytest.raises(R2PKitError, match="question 'q33' of ex09.*did you mean 'q3'"):
        build(subs, roster, [Override("s01", "ex09", "q33", 1, "typo")])
    with pytest.raises(R2PKitError, match="student 's05', who is not on the roster"):
        build(subs, roster, [Override("s05", "ex09", "q3", 1, "x")])
    book = build(subs, roster, [Override("s01", "ex99", "q1", 1, "another assignment")])
    assert any("for an exercise not in these results" in n and "ex99" in n for n in book.notes)
    bad = course / "bad.csv"
    bad.write_text("student_id,exercise,question,points,reason\ns01,ex09,q1,-2,why\n")
    with pytest.raises(R2PKitError, match="row 2: points must be 0 or more"):
        read_overrides(bad)


def test_results_from_another_tool_are_refused(tmp_path):
    (tmp_path / "x.json").write_text(json.dumps({"rows": []}))
    with pytest.raises(R2PKitError, match="not a results file of `r2pkit grade`"):
        load_results([tmp_path / "x.json"])
    (tmp_path / "x.csv").write_text("student,score\n")
    with pytest.raises(R2PKitError, match="lacks the columns submission, exercise"):
        load_results([tmp_path / "x.csv"])
    (tmp_path / "y.json").write_text("{not json")
    with pytest.raises(R2PKitError, match="cannot be read as JSON"):
        load_results([tmp_path / "y.json"])


def test_copying_is_for_the_instructor_and_blank_handouts_are_not_copying(tmp_path):
    (tmp_path / "roster.csv").write_text(ROSTER)
    write(tmp_path / "g.json", [submission("s01.ipynb", ["correct"] * 3, sha="same"),
                                submission("s02.ipynb", ["correct"] * 3, sha="same"),
                                submission("s03.ipynb", ["unanswered"] * 3, sha="blank"),
                                submission("s04.ipynb", ["unanswered"] * 3, sha="blank")])
    subs, _ = load_results([tmp_path / "g.json"])
    book = build(subs, read_roster(tmp_path / "roster.csv"))
    copying = [n for n in book.notes if "copying" in n]
    assert copying == ["Possible copying in ex09: identical files from Ada Lovelace (s01), Alan Turing (s02)."]


def test_canvas_and_moodle_columns(course):
    roster = read_roster(course / "roster.csv")
    subs, _ = load_results([course / "grades.json"])
    book = build(subs, roster)
    canvas = rows(canvas_csv(book, {"ex09": "Exercise 9 (4711)"}))
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Exercise 9 (4711)"]
    assert canvas[1] == ["Points Possible", "", "", "", "", "5"]
    assert canvas[2] == ["Ada Lovelace", "", "s01", "ada@example.org", "", "5"]
    assert canvas[5][-1] == "0"
    moodle = rows(moodle_csv(book, missing="blank"))
    assert moodle[0] == ["ID number", "Email address", "Full name", "ex09"]
    assert moodle[2] == ["s02", "alan@example.org", "Alan Turing", "2"]
    assert moodle[4] == ["s04", "edsger@example.org", "Edsger Dijkstra", ""]


def test_commands_write_and_never_replace_an_edited_file(course, capsys):
    args = ["seminar", "gradebook", str(course / "grades.json"), "--roster", str(course / "roster.csv"),
            "--deadline", "2025-12-02T00:00+00:00", "--penalty", "10%", "--out", str(course / "book")]
    assert main(args) == 0
    out = capsys.readouterr()
    assert "1 late" in out.out and "handed in nothing" in out.err
    totals = rows((course / "book" / "gradebook.csv").read_text())
    assert totals[0] == ["student_id", "name", "email", "ex09", "total", "max_total", "percent"]
    assert main(args) == 0  # the kit's own files are replaced
    with (course / "book" / "gradebook.csv").open("a") as fh:
        fh.write("my note\n")
    assert main(args) == 2
    assert "gradebook.csv was changed since the kit wrote it" in capsys.readouterr().err
    assert (course / "book" / "gradebook.csv").read_text().endswith("my note\n")
    assert main(["seminar", "override", "--overrides", str(course / "ov.csv"), "--student", "s02",
                 "--exercise", "ex09", "--question", "q3", "--points", "2", "--reason", "regraded by hand"]) == 0
    assert main(["seminar", "export", str(course / "grades.json"), "--roster", str(course / "roster.csv"),
                 "--overrides", str(course / "ov.csv"), "--lms", "moodle", "--out", str(course / "moodle.csv")]) == 0
    assert rows((course / "moodle.csv").read_text())[2][-1] == "4"


def test_course_file_and_bad_arguments(course, capsys):
    (course / "course.yaml").write_text("results: grades.json\nroster: roster.csv\npenalty: 10%\n"
                                        "deadline: {ex09: '2025-12-02T00:00+00:00'}\n")
    assert main(["seminar", "export", "--course", str(course / "course.yaml"), "--lms", "canvas",
                 "--out", str(course / "canvas.csv")]) == 0
    assert rows((course / "canvas.csv").read_text())[4][-1] == "4"  # s03: 2 started days late, 5 less 20 %
    capsys.readouterr()
    assert main(["seminar", "gradebook", str(course / "grades.json"), "--roster", str(course / "roster.csv"),
                 "--penalty", "10%", "--out", str(course / "b")]) == 2
    assert "--penalty needs a --deadline" in capsys.readouterr().err
    assert main(["seminar", "gradebook", str(course / "grades.json"), "--out", str(course / "b")]) == 2
    assert "--roster" in capsys.readouterr().err


@pytest.mark.parametrize("action", ["gradebook", "export", "override"])
def test_every_step_has_help(action, capsys):
    with pytest.raises(SystemExit) as done:
        main(["seminar", action, "--help"])
    assert done.value.code == 0 and "usage: r2pkit seminar " + action in capsys.readouterr().out


def test_bad_arguments_get_one_line(course, capsys):
    base = ["seminar", "gradebook", str(course / "grades.json"), "--roster", str(course / "roster.csv"),
            "--out", str(course / "b")]
    with pytest.raises(SystemExit) as done:
        main([*base, "--max-late-days", "-2"])
    err = capsys.readouterr().err
    assert done.value.code == 2 and err.count("\n") == 1 and "--max-late-days -2 is not a whole number" in err
    assert main([*base[:2], str(course / "nope.json"), *base[3:]]) == 2
    assert "is not a results file that exists" in capsys.readouterr().err


def test_an_ungradable_file_is_reported_not_silently_missing(course):
    write(course / "bad.json", [{"submission": "submissions/s04/ex09.ipynb", "exercise": "", "notes": [
        "ex09.ipynb could not be read as a Jupyter notebook (NotJSONError)."], "questions": [
        {"question": "", "status": "error", "points": 0, "max_points": 0}]}])
    subs, _ = load_results([course / "grades.json", course / "bad.json"])
    book = build(subs, read_roster(course / "roster.csv"))
    assert any("Edsger Dijkstra (s04): submissions/s04/ex09.ipynb was not graded (ex09.ipynb could not be read"
               in n for n in book.notes)


def test_the_graders_instructor_notes_reach_the_report(tmp_path):
    doc = {"submissions": [submission("in/s01.ipynb", ["correct"] * 3)],
           "instructor_notes": ["in/s02.ipynb is identical to in/s01.ipynb"]}
    (tmp_path / "g.json").write_text(json.dumps(doc))
    _, notes = load_results([tmp_path / "g.json"])
    assert notes == ["g.json: in/s02.ipynb is identical to in/s01.ipynb"]

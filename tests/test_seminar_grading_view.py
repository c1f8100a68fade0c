"""The grading view: one answer at a time, names hidden, each save written at once to the overrides file."""
from __future__ import annotations

from r2pkit.seminar.gradebook import read_overrides
from r2pkit.seminar.grading_view import GradingView
from seminar_fixtures import submission, write

STUDENTS = [f"s{i:02d}" for i in range(1, 7)]


def test_grade_by_hand_in_the_view(tmp_path):
    (tmp_path / "roster.csv").write_text("student_id,name\n" + "".join(f"{s},Name {s}\n" for s in STUDENTS))
    write(tmp_path / "g.json", [submission(f"in/{s}/ex09.ipynb", ["correct", "partial", "incorrect"]) for s in STUDENTS])
    ov = tmp_path / "ov.csv"
    view = GradingView([tmp_path / "g.json"], tmp_path / "roster.csv", ov, "ex09", "q3")
    assert "answer 1 of 6" in view.title.value and "Name s" not in view.title.value + view.answer.value
    first = view.items[0]["student_id"]
    view.points.value = 1.5
    view.comment.value = "right method, wrong year"
    view.save.click()
    assert "answer 2 of 6" in view.title.value and "Saved" in view.status.value
    (o,) = read_overrides(ov)  # written at once
    assert (o.student_id, o.question, o.points, o.reason) == (first, "q3", 1.5, "graded by hand: right method, wrong year")
    view.points.value = 9  # bounded by the question's maximum
    assert view.points.value == 2
    view.skip.click()
    view.back.click()
    view.back.click()
    assert view.index == 0 and view.points.value == 1.5 and view.comment.value == "right method, wrong year"
    # opened again later: the same order, what was saved is shown
    again = GradingView([tmp_path / "g.json"], tmp_path / "roster.csv", ov, "ex09", "q3")
    assert [i["code"] for i in again.items] == [i["code"] for i in view.items]
    assert again.items[0]["points"] == 1.5 and "graded by hand" in again.status.value
    assert "1 graded by hand" in again.title.value


def test_single_keys_grade_and_move_saving_as_they_go(tmp_path):
    """The keys the front end sends (GradingKeys): j/k save what changed and move, s saves, ? lists the keys;
    the front end keeps them from JupyterLab's own shortcuts and out of the text boxes."""
    from r2pkit.seminar.grading_view import SHORTCUTS, GradingKeys

    (tmp_path / "roster.csv").write_text("student_id,name\n" + "".join(f"{s},Name {s}\n" for s in STUDENTS))
    write(tmp_path / "g.json", [submission(f"in/{s}/ex09.ipynb", ["correct", "partial", "incorrect"]) for s in STUDENTS])
    ov = tmp_path / "ov.csv"
    view = GradingView([tmp_path / "g.json"], tmp_path / "roster.csv", ov, "ex09", "q3")
    first, second = view.items[0]["student_id"], view.items[1]["student_id"]
    view.press("k")  # nothing changed, nothing before the first: nothing saved
    assert view.index == 0 and not ov.exists()
    view.points.value = 2
    view.press("j")  # saves the change, then the next answer
    assert view.index == 1 and [(o.student_id, o.points) for o in read_overrides(ov)] == [(first, 2.0)]
    view.press("j")  # nothing changed on the second: moves on without saving
    assert view.index == 2 and len(read_overrides(ov)) == 1
    view.press("k")
    view.comment.value = "see me"
    view.press("s")  # saved where it is
    assert view.index == 1 and read_overrides(ov)[-1].student_id == second
    assert read_overrides(ov)[-1].reason == "graded by hand: see me"
    view.press("?")
    assert all(key in view.status.value for key in SHORTCUTS)
    view.press("x")  # not a shortcut: nothing happens
    assert view.index == 1
    esm = GradingKeys._esm
    assert "data-lm-suppress-shortcuts" in esm and "textarea" in esm and "Escape" in esm

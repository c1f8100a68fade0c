"""Feedback pages and class statistics, from results in the grader's schema."""
from __future__ import annotations

import html
import re

import pytest

from r2pkit.cli import main
from r2pkit.seminar import build, load_results, read_roster
from r2pkit.seminar.feedback import load_keys, pages
from r2pkit.seminar.stats import discrimination, question_stats
from seminar_fixtures import ROSTER, submission, write


def ex00(path, q1, q3, sha=None, notes=()):
    """A submission of the kit's ex00 with two questions answered as given (status, answer)."""
    qs = [{"question": "q1", "status": q1[0], "points": 1.0 if q1[0] == "correct" else 0.0, "max_points": 1.0,
           "answer": q1[1], "detail": "" if q1[0] == "correct" else "The World Bank gives GDP, not refugees."},
          {"question": "q3", "status": q3[0], "points": 2.0 if q3[0] == "correct" else 0.0, "max_points": 2.0,
           "answer": q3[1], "detail": ""}]
    return {"submission": path, "file_sha256": sha or path, "mtime": 0, "exercise": "ex00", "version": "1",
            "mode": "assessed", "status_note": "", "notes": list(notes), "questions": qs}


@pytest.fixture()
def book(tmp_path):
    (tmp_path / "roster.csv").write_text(ROSTER)
    right, wrong = ("correct", "a"), ("incorrect", "b")
    tf_right, tf_wrong = ("correct", {"verdict": False, "why": "b"}), ("incorrect", {"verdict": True, "why": "a"})
    write(tmp_path / "g.json", [
        ex00("in/s01/ex.ipynb", right, tf_right, sha="same",
             notes=["in/s01/ex.ipynb is identical to in/s02/ex.ipynb (the same work submitted twice?)"]),
        ex00("in/s02/ex.ipynb", right, tf_right, sha="same"),
        ex00("in/s03/ex.ipynb", wrong, tf_wrong, notes=["The run stopped early: a cell raised."]),
        ex00("in/s04/ex.ipynb", ("unanswered", None), ("unanswered", None)),
    ])
    subs, _ = load_results([tmp_path / "g.json"])
    return build(subs, read_roster(tmp_path / "roster.csv"))


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_a_page_shows_answer_verdict_points_comment_hint_and_sourced_explanation(book):
    keys = load_keys(wanted=["ex00"])
    files = pages(book, keys, progress=False)
    assert sorted(files) == ["s01/ex00.html", "s02/ex00.html", "s03/ex00.html", "s04/ex00.html"]
    page = text_of(files["s03/ex00.html"])
    assert "Your score: 0 of 3 points." in page
    assert "b) The World Bank" in page and "✗ Not right" in page
    assert "Comment: The World Bank gives GDP, not refugees." in page
    assert "Hint: Look at the source column" in page
    q1 = keys["ex00"].question("q1")
    assert "Source: " + q1.source in page
    assert "The run stopped early" in page  # the grader's note about their own notebook
    assert '<html lang="en">' in files["s03/ex00.html"] and "<caption>" in files["s03/ex00.html"]


def test_no_page_names_another_student_or_reports_copying(book):
    files = pages(book, load_keys(wanted=["ex00"]), progress=False)
    names = {s.id: s.name for s in book.students}
    for path, page in files.items():
        me = path.split("/")[0]
        for sid, name in names.items():
            if sid != me:
                assert name not in page and f"in/{sid}/" not in page, (path, sid)
        assert "identical" not in page.lower() and "copying" not in page.lower()
    assert any("Possible copying in ex00" in n for n in book.notes)  # the instructor still hears of it


def test_student_text_is_escaped(tmp_path):
    (tmp_path / "roster.csv").write_text(ROSTER)
    write(tmp_path / "g.json", [ex00("in/s01/ex.ipynb", ("incorrect", "<script>alert(1)</script>"),
                                     ("unanswered", None))])
    subs, _ = load_results([tmp_path / "g.json"])
    page = pages(build(subs, read_roster(tmp_path / "roster.csv")), load_keys(wanted=["ex00"]), progress=False)["s01/ex00.html"]
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_statistics_table(tmp_path):
    (tmp_path / "roster.csv").write_text("id,name\n" + "".join(f"s{i:02d},Student {i}\n" for i in range(1, 9)))
    subs = []
    for i in range(1, 9):  # q1 right for the strong half; q2 right by everyone; q3 right only for the weak
        strong = i <= 4
        statuses = ["correct" if strong else "incorrect", "correct", "incorrect" if strong else "correct"]
        subs.append(submission(f"in/s{i:02d}.ipynb", statuses))
    write(tmp_path / "g.json", subs)
    loaded, _ = load_results([tmp_path / "g.json"])
    table = question_stats(build(loaded, read_roster(tmp_path / "roster.csv"))).set_index("question")
    assert table.loc["q1", "share_correct"] == 0.5 and table.loc["q2", "share_correct"] == 1.0
    assert table.loc["q1", "mean_points"] == 0.5
    assert table.loc["q1", "most_chosen_wrong"] == "b" and table.loc["q1", "wrong_count"] == 4
    assert table.loc["q2", "discrimination"] is None or table.loc["q2", "discrimination"] != table.loc["q2", "discrimination"]
    assert table.loc["q1", "discrimination"] == pytest.approx(-1.0)  # rest score is q3, which the weak got
    assert bool(table.loc["q3", "revisit"]) and not bool(table.loc["q2", "revisit"])
    assert discrimination([1, 0, 1, 0, 1], [3, 0, 2, 1, 3]) > 0.8


def test_feedback_and_stats_commands(tmp_path, capsys):
    (tmp_path / "roster.csv").write_text(ROSTER)
    write(tmp_path / "g.json", [submission(f"in/s0{i}.ipynb", ["correct", "partial", "incorrect"]) for i in (1, 2, 3)])
    common = [str(tmp_path / "g.json"), "--roster", str(tmp_path / "roster.csv")]
    assert main(["seminar", "feedback", *common, "--out", str(tmp_path / "fb")]) == 0
    assert (tmp_path / "fb" / "s01" / "ex09.html").exists() and (tmp_path / "fb" / "s04" / "ex09.html").exists()
    assert "no key for ex09" in capsys.readouterr().err
    assert main(["seminar", "stats", *common, "--out", str(tmp_path / "st")]) == 0
    page = (tmp_path / "st" / "stats.html").read_text()
    assert "<svg" in page and "figcaption" in page and "Share of students with full marks" in page
    assert "Which questions the class found hard" in (tmp_path / "st" / "stats.svg").read_text()
    csv_text = (tmp_path / "st" / "stats.csv").read_text()
    assert csv_text.startswith("exercise,question,students,mean_points")


@pytest.mark.parametrize("action", ["feedback", "stats"])
def test_help(action, capsys):
    with pytest.raises(SystemExit):
        main(["seminar", action, "--help"])
    assert "--roster" in capsys.readouterr().out

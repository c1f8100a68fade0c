"""`r2pkit grade`: bad arguments are refused before any work, with a message that says what to do.

None of these tests starts a kernel: each is refused (or decided) before grading begins.
"""
from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from r2pkit import cli
from r2pkit.exercises import grade, sandbox

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def garbage(tmp_path) -> Path:
    """A file that is graded in no time (it is not a notebook): one error row."""
    path = tmp_path / "subs" / "garbage.ipynb"
    path.parent.mkdir()
    path.write_text("not JSON", encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def never_grades(monkeypatch):
    """Any real grading in these tests is a bug: an argument check came too late."""
    def refuse(*args, **kwargs):
        raise AssertionError("a sandbox was started")

    monkeypatch.setattr(sandbox, "run", refuse)


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "0", "-5", "ten", ""])
def test_a_timeout_that_is_not_a_positive_finite_number_is_refused(garbage, tmp_path, value):
    code, out, err = run_cli("grade", garbage, "--out", tmp_path / "g.csv", f"--timeout={value}")
    assert code == 2 and "is not a number of seconds more than 0" in err and "Traceback" not in err
    assert not (tmp_path / "g.csv").exists()


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5"])
def test_jobs_must_be_a_whole_number_of_at_least_one(garbage, tmp_path, value):
    code, out, err = run_cli("grade", garbage, "--out", tmp_path / "g.csv", f"--jobs={value}")
    assert code == 2 and "is not a whole number of at least 1" in err and "Traceback" not in err


def test_jobs_above_the_cpu_count_are_capped_and_said(garbage, tmp_path, monkeypatch):
    seen = {}
    real = grade.grade_all

    def spy(paths, keys, jobs=1, **kw):
        seen["jobs"] = jobs
        return real(paths, keys, jobs=jobs, **kw)

    monkeypatch.setattr(grade, "grade_all", spy)
    code, out, err = run_cli("grade", garbage, "--out", tmp_path / "g.csv", "--jobs", "100000")
    assert code == 0, err
    cpus = grade.cpu_count()
    assert seen["jobs"] == cpus
    assert f"--jobs 100000 is more than the {cpus} CPU" in out and f"using {cpus}" in out


def test_an_unwritable_out_is_refused_before_any_work(garbage, tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("x", encoding="utf-8")
    code, out, err = run_cli("grade", garbage, "--out", blocker / "grades.csv")
    assert code == 2 and "cannot be written" in err and "Choose another --out" in err


def test_out_is_checked_before_the_other_arguments(garbage, tmp_path):
    (tmp_path / "g.csv").write_text("earlier grades\n", encoding="utf-8")
    code, _, err = run_cli("grade", garbage, "--out", tmp_path / "g.csv", "--timeout", "nan")
    assert code == 2 and "already exists" in err
    assert (tmp_path / "g.csv").read_text(encoding="utf-8") == "earlier grades\n"


def test_an_existing_results_json_is_not_replaced_either(garbage, tmp_path):
    (tmp_path / "g.json").write_text("{}", encoding="utf-8")
    code, _, err = run_cli("grade", garbage, "--out", tmp_path / "g.csv")
    assert code == 2 and "g.json already exists" in err


def test_notebooks_are_found_whatever_the_case_of_their_suffix_and_other_files_get_a_note(garbage, tmp_path):
    (garbage.parent / "Student.IPYNB").write_text("not JSON either", encoding="utf-8")
    (garbage.parent / "notes.txt").write_text("hello", encoding="utf-8")
    code, out, err = run_cli("grade", garbage.parent, "--out", tmp_path / "g.csv")
    assert code == 0, err
    rows = (tmp_path / "g.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert sorted(Path(r.split(",")[0]).name for r in rows) == ["Student.IPYNB", "garbage.ipynb"]
    assert "notes.txt is not a notebook (.ipynb) and is not graded" in out
    results = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert any("notes.txt" in n for n in results["instructor_notes"])


def test_without_bubblewrap_grading_is_refused_with_the_fix(garbage, tmp_path, monkeypatch):
    monkeypatch.setattr(sandbox, "_bwrap", lambda: None)
    monkeypatch.setattr(sandbox, "_checked", {})
    code, out, err = run_cli("grade", garbage, "--out", tmp_path / "g.csv")
    assert code == 2
    assert "bubblewrap" in err and "apt-get install -y bubblewrap" in err and "--no-sandbox" in err
    assert "Containerfile" in err
    assert not (tmp_path / "g.csv").exists()


def test_no_sandbox_is_said_in_the_results_and_the_feedback(garbage, tmp_path, monkeypatch):
    monkeypatch.setattr(sandbox, "_bwrap", lambda: None)
    monkeypatch.setattr(sandbox, "_checked", {})
    code, out, err = run_cli("grade", garbage, "--out", tmp_path / "g.csv", "--no-sandbox")
    assert code == 0, err
    assert "WITHOUT a sandbox" in out
    results = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert results["sandbox"] == "none" and "--no-sandbox" in results["notes"][0]
    [feedback] = (tmp_path / "g_feedback").glob("*.md")
    assert "Graded without a sandbox" in feedback.read_text(encoding="utf-8")


def test_a_key_the_sandbox_could_read_is_refused(garbage, tmp_path):
    from r2pkit import paths

    inside = paths.datasets()  # every sandbox sees the datasets, read-only
    code, _, err = run_cli("grade", garbage, "--out", tmp_path / "g.csv", "--key", inside / "no_such_key.yaml")
    assert code == 2 and "which every sandbox can read" in err


def test_the_results_json_follows_the_gradebook_contract(garbage, tmp_path):
    code, _, err = run_cli("grade", garbage, "--out", tmp_path / "g.csv")
    assert code == 0, err
    results = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert set(results) >= {"kit_version", "created", "sandbox", "submissions"}
    assert results["sandbox"] == "bubblewrap"
    [sub] = results["submissions"]
    assert set(sub) >= {"submission", "file_sha256", "mtime", "exercise", "version", "mode", "status_note", "notes",
                        "questions"}
    assert sub["file_sha256"] == __import__("hashlib").sha256(garbage.read_bytes()).hexdigest()
    [q] = sub["questions"]
    assert set(q) == {"question", "status", "points", "max_points", "answer", "detail"}
    assert q["status"] == "error"


def test_every_status_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for status in grade.STATUSES:
        assert f"`{status}`" in readme, status

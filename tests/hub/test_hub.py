"""A seminar on a real JupyterHub: two students log in, pull the course with an nbgitpuller
link, answer an exercise in JupyterLab in Chromium; the instructor collects, grades and builds
the gradebook. Then the instructor updates the course and a student clicks the link again:
their answers are kept.

Run with ``make test-hub`` (a couple of minutes); not part of ``make test``.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import urllib.parse
from pathlib import Path

import pytest

from .hub_servers import BIN, Hub, course_repository, git, start_hub

CHROMIUM = Path(os.environ.get("R2PKIT_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic", "--disable-extensions"]
EXERCISE = "exercises/ex00_start_here.ipynb"
# What each student types as their answer to question 1 (a: right, b: wrong).
ANSWERS = {"ada": "a", "alan": "b"}


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    home = tmp_path_factory.mktemp("hub")
    server = start_hub(home, list(ANSWERS))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return course_repository(tmp_path_factory.mktemp("instructor") / "course")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is not at {CHROMIUM}: `make test-hub` installs it (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


def pull_link(hub: Hub, course: Path, path: str) -> str:
    """The link an instructor hands out (nbgitpuller's documented form)."""
    query = urllib.parse.urlencode({"repo": str(course), "branch": "main", "urlpath": f"lab/tree/course/{path}"})
    return f"{hub.base}/hub/user-redirect/git-pull?{query}"


def open_through_link(context, hub: Hub, link: str, user: str):
    page = context.new_page()
    page.goto(link)
    if "/hub/login" in page.url:
        page.fill("#username_input", user)
        page.fill("#password_input", hub.password)
        page.click("#login_submit")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=180_000)
    page.wait_for_function("() => window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel"
                           "?.status === 'idle'", timeout=180_000)
    return page


def answer_and_save(page, answer: str) -> None:
    """Type the answer into question 1's cell, run every cell, save: what a student does."""
    page.evaluate("""(answer) => {
        const nb = window.jupyterapp.shell.currentWidget.content;
        const cell = nb.widgets.find(c => c.model.sharedModel.getSource().includes('check("ex00.q1"'));
        cell.model.sharedModel.setSource(`q1 = "${answer}"\\ncheck("ex00.q1", q1)`);
    }""", answer)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function("""() => {
        const w = window.jupyterapp.shell.currentWidget;
        return w.sessionContext.session.kernel.status === 'idle'
            && w.content.widgets.every(c => c.model.type !== 'code' || c.model.executionCount !== null);
    }""", timeout=240_000)
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=60_000)


def answer_cell(path: Path) -> str:
    """The source of question 1's answer cell in a saved notebook."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return next("".join(c["source"]) for c in cells if 'check("ex00.q1"' in "".join(c["source"]))


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    done = subprocess.run([str(BIN / "r2pkit"), *args], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"r2pkit {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done


def test_a_seminar_on_a_real_hub(hub, course, browser, tmp_path):
    link = pull_link(hub, course, EXERCISE)
    for user, answer in ANSWERS.items():
        context = browser.new_context(viewport={"width": 1280, "height": 1200}, service_workers="block")
        context.set_default_timeout(120_000)
        try:
            page = open_through_link(context, hub, link, user)
            assert f"/user/{user}/lab" in page.url
            answer_and_save(page, answer)
        except Exception:
            context.pages[-1].screenshot(path=str(tmp_path / f"{user}.png"))
            raise AssertionError(f"the hub session of {user} failed; hub log:\n{hub.log_tail()}")
        finally:
            context.close()
        saved = hub.user_home(user) / "course" / EXERCISE
        assert saved.exists(), f"nbgitpuller did not put the course in {user}'s home"
        assert answer_cell(saved).startswith(f'q1 = "{answer}"')

    # The instructor collects the two notebooks (as a hub admin would: one folder per user) and grades them.
    instructor = tmp_path / "instructor"
    for user in ANSWERS:
        (instructor / "submissions" / user).mkdir(parents=True)
        shutil.copy2(hub.user_home(user) / "course" / EXERCISE, instructor / "submissions" / user / "ex00.ipynb")
    (instructor / "roster.csv").write_text("student_id,name,email\nada,Ada Lovelace,ada@example.org\n"
                                           "alan,Alan Turing,alan@example.org\n")
    run("grade", "submissions", "--out", "grades.csv", "--jobs", "2", "--timeout", "300", cwd=instructor)
    results = "grades.json" if (instructor / "grades.json").exists() else "grades.csv"
    run("seminar", "gradebook", results, "--roster", "roster.csv", "--out", "gradebook", cwd=instructor)
    import csv

    rows = list(csv.DictReader((instructor / "gradebook" / "questions.csv").open()))
    q1 = {r["student_id"]: r["status"] for r in rows if r["question"] == "q1"}
    assert q1 == {"ada": "correct", "alan": "incorrect"}
    run("seminar", "export", results, "--roster", "roster.csv", "--lms", "canvas", "--out", "canvas.csv",
        cwd=instructor)
    assert (instructor / "canvas.csv").read_text().splitlines()[0].startswith("Student,ID,SIS User ID")

    # The instructor updates the course; Alan clicks the link again: the update arrives, his answer stays.
    (course / "notebooks" / "README_week2.md").write_text("# Week 2\n\nRead notebook 02 before the seminar.\n")
    git("add", "-A", cwd=course)
    git("commit", "-q", "-m", "Week 2", cwd=course)
    context = browser.new_context(viewport={"width": 1280, "height": 1200}, service_workers="block")
    context.set_default_timeout(120_000)
    try:
        open_through_link(context, hub, link, "alan")
    finally:
        context.close()
    home = hub.user_home("alan") / "course"
    assert (home / "notebooks" / "README_week2.md").exists()
    assert answer_cell(home / EXERCISE).startswith('q1 = "b"')

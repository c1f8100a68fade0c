"""Ctrl+C while grading: the instructor gets the terminal back at once, with a line, not a traceback.

Each sandbox runs in a session of its own, so the terminal's interrupt never reaches a
submission by itself: without the grader stopping them, a Ctrl+C would wait for every running
notebook's time-out and then go on grading the queued ones. These tests grade a class whose
notebooks sleep far longer than the test waits, press Ctrl+C (SIGINT) while the first sandbox
runs, and check that the grader stopped, wrote nothing and left no process behind.
"""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from r2pkit.exercises import sandbox

ROOT = Path(__file__).resolve().parent.parent
HANDOUT = ROOT / "exercises" / "assessed" / "ex00_start_here.ipynb"
SLEEP = 600  # seconds each notebook would run: far beyond what this test waits
TIMEOUT = 300  # the grader's time-out per notebook: also far beyond it


def _children(pid: int) -> list[int]:
    """Every process descended from ``pid``."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, todo = [], [pid]
    while todo:
        here = todo.pop()
        kids = [p for p, parent in parents.items() if parent == here]
        found += kids
        todo += kids
    return found


def _with_marker(marker: str) -> list[int]:
    """Processes whose command line names ``marker`` (the class's folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.fixture()
def sleepy_class(tmp_path):
    """Three submissions whose last cell sleeps for ten minutes."""
    folder = tmp_path / "submissions"
    folder.mkdir()
    for name in ("ana", "ben", "chloe"):
        nb = nbformat.read(HANDOUT, as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell(f"import time\ntime.sleep({SLEEP})  # {folder}"))
        nbformat.write(nb, folder / f"{name}.ipynb")
    return folder


def test_ctrl_c_stops_grading_at_once_writes_nothing_and_leaves_no_process(sleepy_class, tmp_path):
    sandbox.check()  # the grader's sandbox must work here (make test installs bubblewrap)
    out = tmp_path / "grades" / "grades.csv"
    grader = subprocess.Popen(
        [sys.executable, "-m", "r2pkit.cli", "grade", str(sleepy_class), "--out", str(out), "--jobs", "2",
         "--timeout", str(TIMEOUT)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
        # A shell starts background jobs with Ctrl+C ignored, and a child inherits that: give the
        # grader the terminal's usual Ctrl+C whatever way the tests were started.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        # Wait until the sleeping cells run: two sandboxes (bwrap) under the grader, given time to start.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and grader.poll() is None:
            running = [p for p in _children(grader.pid) if _comm(p) == "bwrap"]
            if len(running) >= 2:
                break
            time.sleep(0.2)
        assert grader.poll() is None, f"test set-up: the grader ended early: {grader.communicate()}"
        assert len(running) >= 2, "test set-up: the sandboxes never started"
        time.sleep(8)  # Python, the kit and the kernel start; the sleeping cell begins
        pressed = time.monotonic()
        grader.send_signal(signal.SIGINT)  # what the terminal sends on Ctrl+C
        stdout, stderr = grader.communicate(timeout=60)
        waited = time.monotonic() - pressed
    finally:
        if grader.poll() is None:
            grader.kill()
            grader.wait()
    assert grader.returncode == 130, (grader.returncode, stderr[-2000:])
    assert "stopped (Ctrl+C)" in stderr and "Traceback" not in stderr, stderr[-2000:]
    # Stopped in seconds, not after the running notebooks' time-out (TIMEOUT s) and the queued one's.
    assert waited < TIMEOUT / 5, f"the grader took {waited:.0f} s to stop after Ctrl+C"
    assert not out.exists() and not out.with_suffix(".json").exists(), "a grades file was written after Ctrl+C"
    time.sleep(1)
    assert _with_marker(str(sleepy_class)) == [], "a submission's process outlived the grader"


def _comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def test_a_grading_run_after_a_stop_runs_its_sandboxes():
    """stop_all refuses new sandboxes only until the next run: resume lets them start again."""
    job = {"job.json": b"{}"}
    sandbox.stop_all()
    try:
        refused = sandbox.run(job, timeout=5, uid=sandbox.FIRST_UID, limits=sandbox.Limits(), sandboxed=False)
    finally:
        sandbox.resume()
    assert refused.killed == "stopped" and refused.seconds == 0.0
    ran = sandbox.run(job, timeout=5, uid=sandbox.FIRST_UID, limits=sandbox.Limits(), sandboxed=False)
    assert ran.killed == "" and ran.seconds > 0  # it ran (and the runner refused the empty job)

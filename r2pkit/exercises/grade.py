"""The instructor's batch grader: run each submission in a sandbox, score its answers outside it.

``r2pkit grade SUBMISSION.ipynb|FOLDER ... --out grades.csv [--key SOURCE.yaml] [--jobs N]
[--timeout S] [--force] [--no-sandbox]``

For each submitted notebook the grader

1. reads it here (a file that is not a notebook is reported, not fatal), finds which
   exercise, version and mode it claims to be (:func:`protocol.identify
   <r2pkit.exercises.protocol.identify>`) and checks it against the key
   (:func:`protocol.problems <r2pkit.exercises.protocol.problems>`);
2. runs a copy of it from a fresh kernel inside a sandbox (:mod:`~r2pkit.exercises.sandbox`:
   bubblewrap; read-only kit, no key, no other submission, no network, own processes,
   resource limits), with the answers it saved put back first, under one time limit;
3. reads back from the sandbox only a report of the answers recorded after each cell
   (:mod:`~r2pkit.exercises.runner`), and scores those answers *here*, against the
   instructor's key, which never enters the sandbox. A submission that rewrites the kit's
   self-check, forges the report or prints "correct" can at most claim answers, and
   claimed answers are scored like any other;
4. gives each question a status (see :data:`STATUSES`).

Only when every sandbox is gone are the results written, each file atomically and once:
``grades.csv`` (the columns in :data:`COLUMNS`, one row per submission and question),
one Markdown feedback file per submission in ``<stem>_feedback/`` (what the student may
see), and ``<stem>.json`` (everything, for the gradebook). Nothing is replaced without
``--force``. Notes that name another submission (identical files) go to the instructor
only: printed, and in the JSON's ``instructor_notes``.

What the sandbox cannot promise is said in README ("What grading guarantees").
"""
from __future__ import annotations

import copy
import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import checks
from ..browser import needs_full_kit
from ..errors import R2PKitError
from ..files import atomic_write
from . import kinds, protocol, sandbox
from .build import public_file
from .questions import AnswerError, Outcome, normalise, score
from .sealed import dumps
from .source import Exercise, load_source

__all__ = ["COLUMNS", "STATUSES", "Row", "Result", "grade_submission", "grade_all", "write_grades", "load_keys",
           "check_output_free", "check_timeout", "check_jobs", "sandbox_public_file", "command"]

# Grading runs each submission in a fresh kernel in a sandbox: not in the browser kit.
_FULL_KIT = ("Grading submissions", "r2pkit grade SUBMISSIONS --out grades.csv")

COLUMNS = ["submission", "exercise", "question", "status", "points", "max_points"]
#: Every status a row can have, and what it means (README lists them too).
STATUSES = {
    "correct": "the answer is right: full points",
    "partial": "part of the answer is right: some points",
    "incorrect": "the answer is wrong, or of the wrong form: no points",
    "unanswered": "no answer was given",
    "answered": "a written answer was given: the kit does not score it, it waits to be graded by hand (0 points "
                "until the instructor's score, which the gradebook counts once entered)",
    "error": "the question was not reached because the notebook failed first (a cell raised, the kernel died "
             "or hit a resource limit), or the file could not be graded at all (one row, no question)",
    "timeout": "the question was not reached within the time limit",
    "wrong_exercise": "the notebook is another exercise than the one(s) being graded: nothing is scored",
    "mismatch": "the notebook is this exercise but not as handed out (another version, edited question cells, "
                "a solution notebook): nothing is scored; the comment says what the answer would get",
}
ANSWER_SHOWN = 2000  # characters of an answer kept in the results JSON
ANSWER_KEPT = 20_000  # … of an answer graded by hand (a written answer is kept whole)


@dataclass
class Row:
    submission: str
    exercise: str
    question: str
    status: str
    points: float
    max_points: float


@dataclass
class Result:
    """One submission's grades, and what the grader knows about it."""

    submission: str
    rows: list[Row]
    notes: list[str] = field(default_factory=list)  # the student may see these
    details: dict[str, str] = field(default_factory=dict)  # question -> comment the student may see
    answers: dict[str, Any] = field(default_factory=dict)  # question -> the answer scored (a JSON value)
    identity: dict[str, Any] = field(default_factory=dict)  # exercise, version, fingerprint, mode
    student_id: str = ""  # the id the student entered in the notebook ("" if none)
    status_note: str = ""  # one line on the submission as a whole ("" when graded normally)
    file_sha256: str = ""
    mtime: str = ""
    seconds: float = 0.0  # time in the sandbox
    instructor_notes: list[str] = field(default_factory=list)  # for the instructor only


# ------------------------------------------------------------------ arguments
def _typed(value: Any) -> Any:
    """A number typed on the command line as a number (else as it was), for the checks."""
    if isinstance(value, str):
        for convert in (int, float):
            try:
                return convert(value.strip())
            except (ValueError, OverflowError):
                pass
    return value


def check_timeout(value: Any) -> float:
    """The time per notebook, in seconds: a positive, finite number.

    >>> check_timeout("90")
    90.0
    >>> check_timeout("nan")
    Traceback (most recent call last):
    ...
    r2pkit.errors.WrongTypeError: --timeout nan is not a number of seconds more than 0, e.g. 120.
    """
    return checks.number(_typed(value), "--timeout", lo=0, lo_open=True,
                         what="a number of seconds more than 0, e.g. 120")


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def check_jobs(value: Any) -> tuple[int, str]:
    """How many submissions to run at once: at least 1, at most the CPUs here (capped, with a note).

    >>> check_jobs("1")
    (1, '')
    >>> check_jobs("0")
    Traceback (most recent call last):
    ...
    r2pkit.errors.OutOfRangeError: --jobs 0 is not a whole number of at least 1.
    """
    jobs = checks.whole_number(_typed(value), "--jobs", lo=1)
    cpus = cpu_count()
    if jobs > cpus:
        return cpus, f"--jobs {jobs} is more than the {cpus} CPU{'s' if cpus != 1 else ''} here: using {cpus}."
    return jobs, ""


def check_output_free(out: Path, force: bool) -> None:
    """Refuse, before any grading, an --out that is a folder, exists (unless forced) or cannot be written."""
    folder, results = out.with_name(out.stem + "_feedback"), out.with_suffix(".json")
    if out.is_dir():
        raise R2PKitError(f"{out} is a folder: give --out a file name, e.g. {out / 'grades.csv'}.")
    if out.suffix.lower() == ".json":
        raise R2PKitError(f"--out names the grades file (CSV), e.g. grades.csv; the results JSON is written "
                          f"beside it (got {out}).")
    taken = [p for p in (out, results) if p.exists()] + ([folder] if folder.is_dir() and any(folder.iterdir()) else [])
    if taken and not force:
        raise R2PKitError(f"{taken[0]} already exists and is left as it is. Choose another --out, "
                          "or add --force to replace it.")
    parent = out.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    try:
        fd, probe = tempfile.mkstemp(prefix=".r2pkit-write-test-", dir=parent)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise R2PKitError(f"The grades cannot be written to {out}: {parent} is not writable ({exc.strerror}). "
                          "Choose another --out.") from exc


# ------------------------------------------------------------------ reading
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _clean(text: Any, limit: int = 300) -> str:
    """Text that came out of a sandbox, safe to print to a terminal and short."""
    text = _CONTROL.sub("?", str(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _resolve(claimed: str | None, keys: dict[str, Exercise]) -> str | None:
    """The key a claimed exercise id names: itself, or the key it starts with
    (``load("ex00_start_here")`` names ex00)."""
    if not claimed:
        return None
    if claimed in keys:
        return claimed
    prefixes = sorted((k for k in keys if claimed.startswith(k + "_")), key=len)
    return prefixes[-1] if prefixes else None


def _question_cells(nb: Any, eid: str, qids: Iterable[str]) -> dict[str, int]:
    """The last cell that mentions each question (its answer cell), by index in the notebook."""
    where: dict[str, int] = {}
    for i, cell in enumerate(nb.cells):
        text = "".join(cell.get("source", ""))
        for qid in qids:
            if re.search(rf"""["']{re.escape(eid)}\.{re.escape(qid)}["']""", text):
                where[qid] = i
    return where


# ------------------------------------------------------------------ scoring
def _score_one(ex: Exercise, qid: str, recorded: Any) -> tuple[Outcome | None, str, Any]:
    """Score one claimed answer against the key: (outcome, comment, the answer shown)."""
    q = ex.question(qid)
    if not recorded:
        return None, "", None
    if not isinstance(recorded, dict):
        return Outcome("incorrect", 0.0, q.points), f"answer of the wrong form: {_clean(recorded, 200)}", None
    if "invalid" in recorded:
        shown = _clean(recorded["invalid"], 300)
        return Outcome("incorrect", 0.0, q.points), f"answer of the wrong form: {shown}{_why_invalid(q, shown)}", shown
    answer = recorded.get("answer")
    try:
        return score(q, answer), "", answer
    except AnswerError as exc:
        return Outcome("incorrect", 0.0, q.points), f"answer of the wrong form: {exc}", answer
    except Exception as exc:  # the answer is the student's to shape; the key's scorer must not crash the grader
        return Outcome("incorrect", 0.0, q.points), f"answer of the wrong form ({type(exc).__name__})", answer


def _why_invalid(q: Any, shown: Any) -> str:
    """The rule an invalid answer broke, when its text can be read back as a plain value
    (``ast.literal_eval`` runs no code)."""
    import ast

    if not isinstance(shown, str) or len(shown) > 2000:
        return ""
    try:
        normalise(q, ast.literal_eval(shown))
    except AnswerError as exc:
        return f" ({exc})"
    except Exception:
        return ""
    return ""


def _shown(answer: Any, limit: int = ANSWER_SHOWN) -> Any:
    text = json.dumps(answer, default=str)
    return answer if len(text) <= limit else f"(an answer of {len(text)} characters, not shown)"


def _report_fields(report: dict[str, Any] | None, eid: str) -> dict[str, Any]:
    """The runner's report, read as the claim it is: wrong types are dropped, texts cleaned."""
    report = report if isinstance(report, dict) else {}

    def index(value: Any) -> int | None:
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    answers = report.get("answers")
    answers = answers.get(eid) if isinstance(answers, dict) else None
    errored = report.get("errored_cells")
    return {
        "answers": answers if isinstance(answers, dict) else {},
        "errored": {i for i in errored if index(i) is not None} if isinstance(errored, list) else set(),
        "stopped_at": index(report.get("stopped_at")),
        "stop_status": report.get("stop_status") if report.get("stop_status") in ("timeout", "error") else "error",
        "stop_reason": _clean(report.get("stop_reason") or "", 300),
        "collected_after": index(report.get("collected_after")) if index(report.get("collected_after")) is not None else -1,
        "uncollected_from": index(report.get("uncollected_from")),
        "uncollected_reason": _clean(report.get("uncollected_reason") or "", 300),
        "restore_error": _clean(report.get("restore_error") or "", 300),
        "done": report.get("done") is True,
    }


def _score_run(result: Result, nb: Any, ex: Exercise, outcome: sandbox.Outcome, timeout: float,
               mismatch: list[str]) -> None:
    eid = ex.id
    run = _report_fields(outcome.report, eid)
    if outcome.report is None:
        run.update(stopped_at=0, stop_status="timeout" if outcome.killed == "timeout" else "error",
                   stop_reason=("the notebook did not finish within the time limit" if outcome.killed == "timeout"
                                else "the sandbox reported nothing (it could not start the notebook)"))
    elif not run["done"] and run["stopped_at"] is None:
        # The sandbox ended without its last word: killed for time, for output, or its runner died.
        last = max(run["collected_after"], 0)
        why = {"timeout": f"the notebook did not finish within {timeout:g} s",
               "output": "the notebook sent the grader more than the output allowed"}.get(
            outcome.killed, "the notebook's run ended abruptly (a resource limit, or a process killed)")
        run.update(stopped_at=last + 1, stop_status="timeout" if outcome.killed == "timeout" else "error",
                   stop_reason=f"{why}, after cell {last + 1}")
    cells = _question_cells(nb, eid, [q.id for q in ex.questions])
    if run["stop_reason"]:
        result.notes.append(f"The run stopped early: {run['stop_reason']}.")
    if run["restore_error"]:
        result.notes.append(f"The answers saved through the widgets could not be put back ({run['restore_error']}).")
    lost = run["uncollected_from"]
    if lost is not None:
        result.notes.append(f"The answers could not be read after cell {lost + 1} ({run['uncollected_reason']}); "
                            + (f"the answers recorded up to cell {run['collected_after'] + 1} are graded."
                               if run["collected_after"] >= 0 else "no answer could be read."))
    finals = _finals(nb, eid)
    for q in ex.questions:
        recorded = run["answers"].get(q.id)
        if q.id in finals:
            recorded = {"answer": finals[q.id], "via": "final"}
        scored, detail, answer = _score_one(ex, q.id, recorded)
        if q.id in finals and not detail:
            detail = "the answer saved as final (after the explanation was shown) is the one graded"
        cell = cells.get(q.id)
        if scored is None:
            if run["stopped_at"] is not None and (cell is None or cell >= run["stopped_at"]):
                status, detail = run["stop_status"], f"not reached: {run['stop_reason']}"
            elif cell is not None and cell in run["errored"]:
                status, detail = "error", f"the answer cell (cell {cell + 1}) raised an error"
            elif lost is not None and (cell is None or cell >= lost):
                status, detail = "error", f"the answers could not be read after cell {lost + 1}: {run['uncollected_reason']}"
            else:
                status = "unanswered"
            scored = Outcome(status, 0.0, q.points)
        if answer is not None:
            result.answers[q.id] = _shown(answer, ANSWER_SHOWN if kinds.of(q).auto_scored else ANSWER_KEPT)
        if mismatch:
            would = f"{scored.points:g} of {scored.max_points:g} ({scored.status})"
            scored, detail = Outcome("mismatch", 0.0, q.points), f"not scored; as this exercise it would get {would}"
        result.rows.append(Row(result.submission, eid, q.id, scored.status, scored.points, scored.max_points))
        result.details[q.id] = detail or scored.detail


def _finals(nb: Any, eid: str) -> dict[str, Any]:
    """Answers the notebook saved as final (practice: once the explanation was shown, the
    answer may no longer change). A later answer in the run does not replace them, in
    whatever form the sandbox loaded the exercise."""
    records = protocol.saved_records(nb).get(eid, {})
    return {qid: r["answer"] for qid, r in records.items() if r.get("final") is True and r.get("answer") is not None}


def _one_row(result: Result, exercise: str, status: str, note: str) -> Result:
    result.rows = [Row(result.submission, exercise, "", status, 0.0, 0.0)]
    result.notes.append(note)
    result.status_note = note
    return result


def sandbox_public_file(ex: Exercise) -> dict[str, Any]:
    """What a sandbox gets to load the exercise: the questions as students see them, in the
    assessed form — no hashes, hints, explanations or feedback, nothing derived from the key.

    Whatever version a submission claims to be (a claim its author can edit): a practice
    version's hashes would let code in the sandbox search for the answers.
    """
    public = public_file(ex)
    public["salt"], public["mode"] = "", "assessed"
    for q in public["questions"]:
        q.update(slots={}, hints=[], explanation="", source="", feedback={})
    return public


def _problems(nb: Any, ex: Exercise, identity: dict[str, Any]) -> list[str]:
    found = [_clean(p, 400) for p in protocol.problems(nb, ex)]
    if identity.get("mode") == "solution":
        found.append(f"This is the solution notebook of {ex.id}, not a student's copy.")
    return found


def grade_submission(path: str, keys: dict[str, Exercise], timeout: float = 120.0, label: str | None = None, *,
                     sandboxed: bool = True, uid: int | None = None,
                     limits: sandbox.Limits | None = None) -> Result:
    """Grade one submitted notebook (never modified) against the keys; never raises (but in the
    browser kit, which cannot run a submission: :class:`~r2pkit.browser.FullKitNeeded`)."""
    needs_full_kit(*_FULL_KIT)
    label = label or path
    result = Result(label, [])
    try:
        return _grade_submission(path, keys, timeout, result, sandboxed, sandbox.uid_block(1) if uid is None else uid,
                                 limits or sandbox.Limits())
    except sandbox.SandboxUnavailable:
        raise
    except Exception as exc:  # a grader reports, whatever a file holds
        return _one_row(result, "", "error", f"{Path(path).name} could not be graded ({type(exc).__name__}: "
                                             f"{_clean(exc, 300)}).")


def _grade_submission(path: str, keys: dict[str, Exercise], timeout: float, result: Result, sandboxed: bool,
                      uid: int, limits: sandbox.Limits) -> Result:
    import nbformat

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return _one_row(result, "", "error", f"{path} cannot be read: {exc.strerror or exc}.")
    result.file_sha256 = hashlib.sha256(data).hexdigest()
    result.mtime = dt.datetime.fromtimestamp(Path(path).stat().st_mtime, dt.timezone.utc).isoformat(timespec="seconds")
    try:
        invalid: dict[str, Any] = {}
        nb = nbformat.reads(data.decode("utf-8"), as_version=4, capture_validation_error=invalid)
        if invalid.get("ValidationError"):
            raise invalid["ValidationError"]
    except Exception as exc:
        return _one_row(result, "", "error", f"{Path(path).name} could not be read as a Jupyter notebook "
                                             f"({type(exc).__name__}: {_clean(exc, 200)}).")
    identity = protocol.identify(nb)
    result.identity = {k: identity.get(k) for k in ("exercise", "version", "fingerprint", "mode")}
    result.student_id = protocol.saved_student_id(nb)
    claimed = identity.get("exercise")
    eid = _resolve(claimed, keys)
    if eid is None:
        known = ", ".join(sorted(keys)) or "none"
        note = (f"This notebook is exercise {claimed!r}, which is not being graded (keys: {known}); "
                "nothing is scored. Was the right notebook handed in, or the right --key given?" if claimed else
                "No exercise found in this notebook (no r2pkit metadata and no load(\"exNN\") cell); nothing is scored.")
        if len(keys) == 1:  # one assignment: the student gets its questions, each at 0
            [ex] = keys.values()
            result.rows = [Row(result.submission, ex.id, q.id, "wrong_exercise", 0.0, q.points) for q in ex.questions]
            result.notes.append(note)
            result.status_note = note
            return result
        return _one_row(result, _clean(claimed or "", 60), "wrong_exercise", note)
    ex = keys[eid]
    mismatch = _problems(nb, ex, identity)
    if mismatch:
        result.status_note = "Not scored: " + " ".join(mismatch)
        result.notes += mismatch
    saved = protocol.saved_answers(nb)
    work = copy.deepcopy(nb)
    for cell in work.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    job = {"notebook": "submission.ipynb", "saved": saved, "timeout": timeout}
    files = {"submission.ipynb": nbformat.writes(work).encode("utf-8"),
             f"{eid}.quiz.json": dumps(sandbox_public_file(ex)).encode("utf-8"),
             "job.json": json.dumps(job, default=str).encode("utf-8")}
    outcome = sandbox.run(files, timeout, uid, limits, sandboxed=sandboxed)
    result.seconds = outcome.seconds
    if outcome.report is None and outcome.stderr.strip():
        # nothing came back: what the sandbox itself said is the instructor's best clue
        result.instructor_notes.append(f"{result.submission}: the sandbox said: "
                                       f"{_clean(outcome.stderr.strip().splitlines()[-1], 300)}")
    if outcome.leftovers:
        result.notes.append(f"{outcome.leftovers} process(es) it started were still running after its grading "
                            "and were killed.")
    _score_run(result, nb, ex, outcome, timeout, mismatch)
    return result


# ------------------------------------------------------------------ writing
def _feedback_markdown(res: Result, keys: dict[str, Exercise]) -> str:
    got = sum(r.points for r in res.rows)
    out_of = sum(r.max_points for r in res.rows)
    eid = res.rows[0].exercise if res.rows else ""
    title = keys[eid].title if eid in keys else "unknown exercise"
    lines = [f"# Feedback: {Path(res.submission).name}", "", f"Exercise **{eid or '?'}** — {title}", "",
             f"**Score: {got:g} of {out_of:g} points.**", ""]
    if res.notes:
        lines += ["## Notes", ""] + [f"- {n}" for n in res.notes] + [""]
    if any(r.question for r in res.rows):
        lines += ["| Question | Status | Points | Comment |", "|---|---|---|---|"]
        for r in res.rows:
            comment = res.details.get(r.question, "").replace("|", "\\|").replace("\n", " ")
            lines.append(f"| {r.question} | {r.status} | {r.points:g} / {r.max_points:g} | {comment} |")
    return "\n".join(lines) + "\n"


def results_json(results: Sequence[Result], sandbox_kind: str, notes: Sequence[str] = (),
                 instructor_notes: Sequence[str] = ()) -> dict[str, Any]:
    """The results for the gradebook (the contract in README: "The results file")."""
    from .. import __version__

    subs = []
    for res in results:
        subs.append({
            "submission": res.submission, "file_sha256": res.file_sha256, "mtime": res.mtime,
            "exercise": res.rows[0].exercise if res.rows else "", "version": res.identity.get("version"),
            "mode": res.identity.get("mode"), "student_id": res.student_id, "status_note": res.status_note,
            "notes": list(res.notes),
            "questions": [{"question": r.question, "status": r.status, "points": r.points, "max_points": r.max_points,
                           "answer": res.answers.get(r.question), "detail": res.details.get(r.question, "")}
                          for r in res.rows],
        })
    return {"kit_version": __version__, "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "sandbox": sandbox_kind, "notes": list(notes), "instructor_notes": list(instructor_notes),
            "submissions": subs}


def write_grades(results: Sequence[Result], out: Path, keys: dict[str, Exercise], sandbox_kind: str = "bubblewrap",
                 notes: Sequence[str] = (), instructor_notes: Sequence[str] = ()) -> Path:
    """Write the feedback folder, ``<stem>.json`` and ``grades.csv`` — each atomically, the CSV last."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for res in results:
        for r in res.rows:
            writer.writerow([r.submission, r.exercise, r.question, r.status, f"{r.points:g}", f"{r.max_points:g}"])
    folder = out.with_name(out.stem + "_feedback")
    # The feedback folder is made aside and put in place with one rename, so it is never
    # half old and half new.
    out.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=out.parent))
    try:
        os.chmod(fresh, 0o777 & ~_umask())
        used: set[str] = set()
        for res in results:
            name = re.sub(r"[^\w.-]+", "_", res.submission).strip("_.") or "submission"
            while name in used:
                name += "_"
            used.add(name)
            atomic_write(fresh / f"{name}.md", _feedback_markdown(res, keys))
        atomic_write(out.with_suffix(".json"), json.dumps(
            results_json(results, sandbox_kind, notes, instructor_notes), indent=1, default=str) + "\n")
        old = None
        if folder.is_dir():  # only reached with --force: the previous run's feedback goes with its grades
            old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old.", dir=out.parent))
            os.replace(folder, old / folder.name)
        os.replace(fresh, folder)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    atomic_write(out, buf.getvalue())
    return folder


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


# ---------------------------------------------------------------- the batch
def _expand(paths: Iterable[str], skipped: list[str]) -> list[str]:
    """Notebook files given, and those in folders given (``.ipynb`` in any case); what
    else a folder holds is listed in ``skipped``."""
    found: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if ".ipynb_checkpoints" in f.parts or f.is_dir():
                    continue
                if f.suffix.lower() == ".ipynb":
                    found.append(str(f))
                else:
                    skipped.append(str(f))
        else:
            found.append(p)
    return found


def load_keys(sources: Iterable[str | Path], optional: Iterable[str | Path] = ()) -> tuple[dict[str, Exercise], list[str]]:
    """The keys to grade against: ``sources`` must all load; a broken ``optional`` one (the kit's
    own, used when no key is given) is left out with a warning rather than stopping every grade."""
    keys: dict[str, Exercise] = {}
    warnings: list[str] = []
    for src in optional:
        try:
            ex = load_source(src)
        except R2PKitError as exc:
            warnings.append(f"the kit's exercise source {Path(src).name} cannot be used and is skipped: {exc}")
            continue
        keys[ex.id] = ex
    for src in sources:
        ex = load_source(src)
        keys[ex.id] = ex
    return keys, warnings


def refuse_visible(paths: Iterable[str | Path], what: str) -> None:
    """Refuse files a sandbox could read (they sit in a folder it sees read-only)."""
    visible = sandbox.kit_paths()
    for p in paths:
        real = Path(os.path.realpath(p))
        for folder in visible:
            if real.is_relative_to(folder):
                raise R2PKitError(f"{p} is inside {folder}, which every sandbox can read: move the {what} "
                                  "elsewhere and grade again.")


def grade_all(paths: Sequence[str], keys: dict[str, Exercise], jobs: int = 1, timeout: float = 120.0,
              progress: bool | None = None, sandboxed: bool = True,
              limits: sandbox.Limits | None = None) -> tuple[list[Result], list[str]]:
    """Grade many submissions, ``jobs`` at a time; returns results (in the order given) and
    the instructor's warnings (which may name several submissions)."""
    from tqdm.auto import tqdm

    needs_full_kit(*_FULL_KIT)

    if sandboxed:
        sandbox.check()
    warnings: list[str] = []
    skipped: list[str] = []
    unique: list[str] = []
    seen: dict[str, str] = {}
    for p in _expand(paths, skipped):
        key = str(Path(p).resolve())
        if key in seen:
            warnings.append(f"{p} was given twice" + ("" if p == seen[key] else f" (also as {seen[key]})")
                            + "; it is graded once.")
            continue
        seen[key] = p
        unique.append(p)
    for s in skipped:
        warnings.append(f"{s} is not a notebook (.ipynb) and is not graded.")
    if sandboxed:
        refuse_visible(unique, "submissions")
    results: dict[str, Result] = {}
    bar = tqdm(total=len(unique), desc="Grading", unit="notebook",
               disable=(not progress) if progress is not None else None, file=sys.stderr)

    first_uid = sandbox.uid_block(len(unique))

    def one(i: int, p: str) -> Result:
        return grade_submission(p, keys, timeout, sandboxed=sandboxed, uid=first_uid + i, limits=limits)

    pool = ThreadPoolExecutor(max_workers=max(1, jobs))
    try:
        futures = {pool.submit(one, i, p): p for i, p in enumerate(unique)}
        for fut in as_completed(futures):
            results[futures[fut]] = fut.result()
            bar.update(1)
    except KeyboardInterrupt:
        # Ctrl+C: the queued submissions are dropped and the running sandboxes killed now, rather
        # than each running on to its time-out; nothing has been written yet.
        pool.shutdown(wait=False, cancel_futures=True)
        sandbox.stop_all()
        raise
    finally:
        pool.shutdown(wait=True)
        sandbox.resume()
        bar.close()
    ordered = [results[p] for p in unique]
    for res in ordered:
        if res.status_note.startswith(f"{res.submission} cannot be read"):
            warnings.append(res.status_note)
        warnings += res.instructor_notes
    warnings += _identical(ordered)
    if any(res.identity.get("mode") == "practice" for res in ordered):
        warnings.append("Some submissions are practice versions: anyone can find their answers from the hashes "
                        "they carry. Marks should come from assessed versions built from a private key.")
    return ordered, warnings


def _identical(results: Sequence[Result]) -> list[str]:
    """Identical files with answers in them (identical unanswered handouts are not copying)."""
    groups: dict[str, list[Result]] = {}
    for res in results:
        if res.file_sha256:
            groups.setdefault(res.file_sha256, []).append(res)
    found = []
    for same in groups.values():
        answered = any(r.status not in ("unanswered", "error", "timeout", "wrong_exercise") for res in same
                       for r in res.rows)
        if len(same) > 1 and answered:
            found.append(f"{', '.join(r.submission for r in same)} are identical files (the same work submitted "
                         "twice, or copied?); each is graded.")
    return found


# ---------------------------------------------------------------- the command
def command(submissions: Sequence[str], out: str | Path, keys: Sequence[str | Path] = (), jobs: Any = 1,
            timeout: Any = 120.0, force: bool = False, no_sandbox: bool = False, progress: bool | None = None,
            say: Any = print) -> int:
    """``r2pkit grade``: every argument checked before any work, then grade, then write once."""
    from collections import Counter

    from .. import paths

    needs_full_kit(*_FULL_KIT)
    out = Path(out)
    check_output_free(out, force)
    seconds = check_timeout(timeout)
    jobs, capped = check_jobs(jobs)
    if capped:
        say(f"note: {capped}")
    if keys:
        if not no_sandbox:
            refuse_visible(keys, "key")
        exercises, key_warnings = load_keys([Path(k) for k in keys])
    else:  # the kit's own exercises: public practice material, graded against their public sources
        exercises, key_warnings = load_keys([], optional=sorted((paths.exercises() / "source").glob("*.yaml")))
    for w in key_warnings:
        say(f"note: {w}")
    notes: list[str] = []
    if no_sandbox:
        notes.append("Graded without a sandbox (--no-sandbox): each notebook ran with the grader's own rights, "
                     "and could read the key, change other files and outlive the grading.")
    results, warnings = grade_all(submissions, exercises, jobs=jobs, timeout=seconds, progress=progress,
                                  sandboxed=not no_sandbox)
    if not results:
        raise R2PKitError("No submissions found: give notebook files or folders that contain them.")
    for res in results:
        res.notes[:0] = notes
    folder = write_grades(results, out, exercises, "none" if no_sandbox else "bubblewrap", notes, warnings)
    counts = Counter(r.status for res in results for r in res.rows)
    say(f"Graded {len(results)} submission{'s' if len(results) != 1 else ''}"
        f"{' WITHOUT a sandbox' if no_sandbox else ' in a sandbox'}: "
        + ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s]))
    for w in warnings:
        say(f"note: {w}")
    for res in results:
        for n in res.notes:
            if n not in notes:
                say(f"note: {res.submission}: {n}")
    say(f"Grades: {out}\nResults: {out.with_suffix('.json')}\nFeedback: {folder}/")
    return 0

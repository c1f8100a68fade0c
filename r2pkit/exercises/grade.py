"""The instructor's batch grader: run each submission, collect its answers, score them here.

``r2pkit grade SUBMISSION.ipynb ... --out grades.csv [--jobs N] [--timeout S] [--force]``

For each submitted notebook the grader

1. reads it (a file that is not a notebook is reported, not fatal) and finds its exercise;
2. copies it into a scratch folder — the submitted file is never touched — and runs it
   from a fresh kernel, cell by cell, under one time limit for the whole notebook, with
   the answers the student saved through widgets put back first;
3. after each cell, asks the kernel for the answers recorded so far, and scores them in
   *this* process against the instructor's key (the exercise's YAML source). A
   submission that redefines ``check``, edits the public file in memory or prints
   "correct" changes nothing: only answers leave the kernel, and a forged report is
   rejected because it lacks a random token the notebook cannot know;
4. gives each question a status: correct, partial, incorrect, unanswered — or error /
   timeout when the question could not be reached because the notebook failed first.

It survives, and reports, cells that raise, endless loops (the time limit), kernels that
die (``os._exit``), ``sys.exit``, huge outputs (capped), files that are not notebooks,
unknown exercises, and the same submission given twice or two identical files.
``grades.csv`` is written atomically and never replaces an existing file without
``--force``; one Markdown feedback file per submission goes beside it.
"""
from __future__ import annotations

import copy
import csv
import hashlib
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import R2PKitError
from .build import public_file
from .questions import AnswerError, Outcome, normalise, score
from .runtime import ANSWER_MIME
from .sealed import dumps
from .source import Exercise, load_source

__all__ = ["COLUMNS", "STATUSES", "Row", "grade_submission", "grade_all", "write_grades"]

COLUMNS = ["submission", "exercise", "question", "status", "points", "max_points"]
STATUSES = ("correct", "partial", "incorrect", "unanswered", "error", "timeout")
OUTPUT_BUDGET = 2_000_000  # bytes of cell output kept per submission; the rest is dropped


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
    submission: str
    rows: list[Row]
    notes: list[str] = field(default_factory=list)
    details: dict[str, str] = field(default_factory=dict)  # question -> what the student sees


# ------------------------------------------------------------------ reading
def _exercise_id(nb: Any) -> str | None:
    meta = nb.get("metadata", {}).get("r2pkit", {})
    if isinstance(meta, dict) and isinstance(meta.get("exercise"), str):
        return meta["exercise"]
    for cell in nb.get("cells", []):
        m = re.search(r"""load\(\s*["'](ex\d{2}\w*)["']\s*\)""", "".join(cell.get("source", "")))
        if m:
            return m.group(1)
    return None


def _saved_answers(nb: Any) -> dict[str, dict[str, Any]]:
    saved: dict[str, dict[str, Any]] = {}
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []) or []:
            data = (out.get("data") or {}).get(ANSWER_MIME) if isinstance(out, dict) else None
            if isinstance(data, dict) and data.get("answer") is not None:
                saved.setdefault(str(data.get("exercise")), {})[str(data.get("question"))] = data["answer"]
    return saved


def _question_cells(nb: Any, eid: str, qids: Iterable[str]) -> dict[str, int]:
    """The last cell that mentions each question (its check cell), by index in the notebook."""
    where: dict[str, int] = {}
    for i, cell in enumerate(nb.cells):
        text = "".join(cell.get("source", ""))
        for qid in qids:
            if re.search(rf"""["']{re.escape(eid)}\.{re.escape(qid)}["']""", text):
                where[qid] = i
    return where


# ---------------------------------------------------------------- executing
def _client_class() -> Any:
    from nbclient import NotebookClient

    class CappedClient(NotebookClient):  # type: ignore[misc]
        """Drops outputs past a budget, so a notebook printing gigabytes cannot sink the grader."""

        spent = 0
        truncated = False
        exempt: frozenset[int] = frozenset()  # the grader's own cells (restore, export)

        def output(self, outs, msg, display_id, cell_index):  # type: ignore[no-untyped-def]
            # Fix: the grader's own cells are not charged and never dropped. Before, once a
            # student cell had printed past the budget, the export cell's answers were
            # dropped too, and every later answer was silently graded "unanswered".
            if cell_index in self.exempt:
                return super().output(outs, msg, display_id, cell_index)
            self.spent += len(json.dumps(msg.get("content", {}), default=str))
            # Fix: error outputs are kept past the budget (they are small), so that an answer
            # cell that raises after a huge output is still reported as "error".
            if self.spent > OUTPUT_BUDGET and msg.get("msg_type") != "error":
                self.truncated = True
                return None
            return super().output(outs, msg, display_id, cell_index)

    return CappedClient


@dataclass
class _Run:
    answers: dict[str, Any]
    errored_cells: set[int]
    stopped_at: int | None  # index of the cell where the run stopped early
    stop_status: str = ""  # "timeout" or "error"
    stop_reason: str = ""
    truncated: bool = False
    collected_after: int = -1  # the last cell after which the answers were read
    uncollected_from: int | None = None  # the first later cell after which they could not be
    uncollected_reason: str = ""
    restore_error: str = ""


EXPORT_MIME = "text/x-r2pkit-export"

# The answer-collecting cell. Fixes over a bare ``print(token + _export(globals()) + token)``:
# - one variable that makes the kit's normaliser raise something other than AnswerError
#   (e.g. ``q4 = refugees["refugees"]``: a Series of many values, whose ``.item()`` raises
#   ValueError) made _export raise, so *no* answer was collected after that cell and every
#   later answer was graded "unanswered". Such a variable is now reported as an answer of
#   the wrong form, and the other answers are collected as usual;
# - the answers are sent both as a display (which does not go through ``sys.stdout``) and
#   printed, so a notebook that replaced ``sys.stdout`` (or ``print``) still has its
#   answers collected.
_EXPORT_CODE = """\
import builtins as __r2p_b, json as __r2p_json, r2pkit.exercises.runtime as __r2p_rt
def __r2p_collect(ns):
    try:
        return __r2p_rt._export(ns)
    except Exception:
        safe, bad = dict(ns), {}
        for quiz in list(__r2p_rt._QUIZZES.values()):
            for qid in quiz.questions:
                if ns.get(qid) is None:
                    continue
                try:
                    __r2p_rt.self_check(quiz.q(qid), quiz.salt, ns[qid])
                except __r2p_rt.AnswerError:
                    pass
                except Exception as exc:
                    safe.pop(qid, None)
                    bad[(quiz.id, qid)] = f"{__r2p_b.repr(ns[qid])[:150]} ({__r2p_b.type(exc).__name__}: {exc})"[:300]
        out = __r2p_json.loads(__r2p_rt._export(safe))
        for (eid, qid), why in bad.items():
            out.setdefault(eid, {}).setdefault(qid, {"invalid": why, "via": "variable"})
        return __r2p_json.dumps(out, default=str)
__r2p_text = TOKEN + __r2p_collect(__r2p_b.globals()) + TOKEN
try:
    from IPython.display import publish_display_data as __r2p_publish
    __r2p_publish({MIME: __r2p_text})
finally:
    __r2p_b.print(__r2p_text)
"""


def _run(nb: Any, eid: str, saved: dict[str, Any], scratch: Path, timeout: float) -> _Run:
    """Run the notebook's cells (indices as in ``nb``) with a restore cell before and an
    answer-collecting cell after each; stop at the first timeout or kernel death."""
    import nbformat
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    token = secrets.token_hex(16)
    # Fix: runtime._restore takes {exercise: {question: answer}}. It was given this
    # exercise's {question: answer} alone, raised AttributeError in the kernel, and no
    # answer given through a widget was ever restored (all graded "unanswered").
    restore = nbformat.v4.new_code_cell(
        "import json as __r2p_json, r2pkit.exercises.runtime as __r2p_rt\n"
        f"__r2p_rt._restore(__r2p_json.loads({json.dumps(json.dumps({eid: saved}))}))")
    export = nbformat.v4.new_code_cell(
        _EXPORT_CODE.replace("TOKEN", repr(token)).replace("MIME", repr(EXPORT_MIME)))
    work = copy.deepcopy(nb)
    work.cells = [restore] + list(work.cells) + [export]
    last = len(work.cells) - 1
    client = _client_class()(work, timeout=int(timeout) + 1, allow_errors=True, kernel_name="python3",
                             store_widget_state=False, record_timing=False, shutdown_kernel="immediate",
                             resources={"metadata": {"path": str(scratch)}})
    client.exempt = frozenset({0, last})
    run = _Run(answers={}, errored_cells=set(), stopped_at=None)
    deadline = time.monotonic() + timeout

    def remaining() -> int:
        return max(1, int(deadline - time.monotonic()) + 1)

    def collect(after: int) -> None:
        work.cells[last].outputs = []
        client.timeout = remaining()
        client.execute_cell(work.cells[last], last)
        outs = work.cells[last].outputs
        texts = [o.get("text", "") for o in outs if o.get("output_type") == "stream"]
        texts += [(o.get("data") or {}).get(EXPORT_MIME, "") for o in outs if o.get("output_type") == "display_data"]
        for text in texts:  # each output on its own: the same answers may come by display and by print
            m = re.search(rf"{token}(.*){token}", str(text), re.S)
            if not m:
                continue
            try:
                answers = json.loads(m.group(1)).get(eid, {})
            except (ValueError, AttributeError):
                continue
            run.answers = answers if isinstance(answers, dict) else {}
            run.collected_after, run.uncollected_from, run.uncollected_reason = after, None, ""
            return
        # Fix: say so when the answers could not be read, rather than let the questions
        # after this cell pass as unanswered (see how grade_submission uses this).
        if run.uncollected_from is None:
            errors = [f"{o.get('ename')}: {o.get('evalue')}" for o in outs if o.get("output_type") == "error"]
            run.uncollected_from = after
            run.uncollected_reason = (errors[0] if errors else
                                      "the notebook sent no answers back (did it replace print or sys.stdout?)")

    index = -1
    try:
        # The kernel's own start-up chatter would drown the grader's report.
        with client.setup_kernel(stderr=subprocess.DEVNULL):
            client.timeout = remaining()
            client.execute_cell(work.cells[0], 0)
            for o in work.cells[0].outputs:  # say so, should the widget answers not be restored
                if o.get("output_type") == "error":
                    run.restore_error = f"{o.get('ename')}: {o.get('evalue')}"
            for index, cell in enumerate(nb.cells):
                if time.monotonic() >= deadline:
                    raise CellTimeoutError("time limit reached")
                if cell.cell_type != "code":
                    continue
                client.timeout = remaining()
                client.execute_cell(work.cells[index + 1], index + 1)
                if any(o.get("output_type") == "error" for o in work.cells[index + 1].outputs):
                    run.errored_cells.add(index)
                collect(index)
    except CellTimeoutError:
        run.stopped_at, run.stop_status = max(index, 0), "timeout"
        run.stop_reason = f"the notebook did not finish within {timeout:g} s (stopped at cell {index + 1})"
    except DeadKernelError:
        run.stopped_at, run.stop_status = max(index, 0), "error"
        run.stop_reason = f"the kernel died while running cell {index + 1} (e.g. os._exit or exit())"
    except Exception as exc:  # a grader must report, not crash, whatever a notebook does
        run.stopped_at, run.stop_status = max(index, 0), "error"
        run.stop_reason = f"the run stopped at cell {index + 1}: {type(exc).__name__}: {exc}"
    run.truncated = client.truncated
    return run


# ------------------------------------------------------------------ scoring
def _score_one(ex: Exercise, qid: str, recorded: dict[str, Any] | None) -> tuple[Outcome | None, str]:
    q = ex.question(qid)
    if not recorded:
        return None, ""
    # Fix: what comes back from the kernel is the student's to shape (a notebook may replace
    # runtime._export): anything that is not a recorded answer, or that the key's scorer
    # cannot take (a non-AnswerError from pandas, say), is an answer of the wrong form, not
    # a crash of the grader.
    if not isinstance(recorded, dict):
        return Outcome("incorrect", 0.0, q.points), f"answer of the wrong form: {str(recorded)[:200]}"
    if "invalid" in recorded:
        why = _why_invalid(q, recorded["invalid"])
        return Outcome("incorrect", 0.0, q.points), f"answer of the wrong form: {recorded['invalid']}{why}"
    try:
        return score(q, recorded.get("answer")), ""
    except AnswerError as exc:
        return Outcome("incorrect", 0.0, q.points), f"answer of the wrong form: {exc}"
    except Exception as exc:
        return Outcome("incorrect", 0.0, q.points), f"answer of the wrong form ({type(exc).__name__}: {exc})"


def _why_invalid(q: Any, shown: Any) -> str:
    """The rule an invalid answer broke, when its text can be read back as a plain value.

    The kernel sends an invalid answer as its repr; a literal (a mapping of facts, a list
    of letters …) is read back here (``ast.literal_eval`` runs no code) and normalised
    again, so the feedback says why, e.g. which facts contradict each other.
    """
    import ast

    if not isinstance(shown, str) or len(shown) > 2000:
        return ""
    try:
        normalise(q, ast.literal_eval(shown))
    except AnswerError as exc:
        return f" ({exc})"
    except Exception:  # not a literal, or too deep: the repr alone must do
        return ""
    return ""


def grade_submission(path: str, keys: dict[str, Exercise], timeout: float = 120.0, label: str | None = None) -> Result:
    """Grade one submitted notebook (never modified) against the keys; never raises."""
    label = label or path
    # Fix: "never raises" was not so. nbformat only warns about a notebook that breaks its
    # schema (e.g. a cell without "cell_type"), and reading such a cell then raised here,
    # which stopped the whole batch under --jobs 1.
    try:
        return _grade_submission(path, keys, timeout, label)
    except Exception as exc:
        return Result(label, [Row(label, "", "", "error", 0.0, 0.0)],
                      [f"{Path(path).name} could not be graded ({type(exc).__name__}: {exc})."])


def _grade_submission(path: str, keys: dict[str, Exercise], timeout: float, label: str) -> Result:
    import nbformat

    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:
        return Result(label, [Row(label, "", "", "error", 0.0, 0.0)],
                      [f"{Path(path).name} could not be read as a Jupyter notebook ({type(exc).__name__}: {exc})."])
    eid = _exercise_id(nb)
    if eid not in keys and eid:  # load("ex00_start_here") names the exercise ex00 by its file name
        prefixes = sorted((k for k in keys if eid.startswith(k)), key=len)
        eid = prefixes[-1] if prefixes else eid
    if eid not in keys:
        known = ", ".join(sorted(keys)) or "none"
        return Result(label, [Row(label, eid or "", "", "error", 0.0, 0.0)],
                      [f"This notebook is for exercise {eid!r}, which the grader has no key for "
                       f"(keys: {known}). Was the right --key given?" if eid else
                       "No exercise found in this notebook (no load(\"exNN\") cell and no r2pkit metadata)."])
    ex = keys[eid]
    qids = [q.id for q in ex.questions]
    saved = _saved_answers(nb).get(eid, {})
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    with tempfile.TemporaryDirectory(prefix="r2pkit-grade-") as tmp:
        scratch = Path(tmp)
        nbformat.write(nb, scratch / "submission.ipynb")  # the scratch copy the kernel sees
        (scratch / f"{eid}.quiz.json").write_text(dumps(public_file(ex)), encoding="utf-8")
        run = _run(nb, eid, saved, scratch, timeout)
    cells = _question_cells(nb, eid, qids)
    result = Result(label, [])
    if run.stop_reason:
        result.notes.append(f"The run stopped early: {run.stop_reason}.")
    if run.truncated:
        result.notes.append(f"Cell outputs beyond {OUTPUT_BUDGET // 1_000_000} MB were dropped.")
    if run.restore_error:
        result.notes.append(f"The answers saved through the widgets could not be put back ({run.restore_error}).")
    lost = run.uncollected_from
    if lost is not None:
        result.notes.append(f"The answers could not be read after cell {lost + 1} ({run.uncollected_reason}); "
                            + (f"the answers recorded up to cell {run.collected_after + 1} are graded."
                               if run.collected_after >= 0 else "no answer could be read."))
    for q in ex.questions:
        outcome, detail = _score_one(ex, q.id, run.answers.get(q.id))
        cell = cells.get(q.id)
        if outcome is None:
            if run.stopped_at is not None and (cell is None or cell >= run.stopped_at):
                status, detail = run.stop_status, f"not reached: {run.stop_reason}"
            elif cell is not None and cell in run.errored_cells:
                status, detail = "error", f"the answer cell (cell {cell + 1}) raised an error"
            elif lost is not None and (cell is None or cell >= lost):
                status, detail = "error", f"the answers could not be read after cell {lost + 1}: {run.uncollected_reason}"
            else:
                status = "unanswered"
            outcome = Outcome(status, 0.0, q.points)
        result.rows.append(Row(label, eid, q.id, outcome.status, outcome.points, outcome.max_points))
        result.details[q.id] = detail or outcome.detail
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


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        # mkstemp makes the file private (0600); give it the permissions a normal file would get.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_grades(results: Sequence[Result], out: Path, keys: dict[str, Exercise]) -> Path:
    """Write grades.csv (atomically) and one feedback file per submission in OUT_feedback/."""
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for res in results:
        for r in res.rows:
            writer.writerow([r.submission, r.exercise, r.question, r.status, f"{r.points:g}", f"{r.max_points:g}"])
    folder = out.with_name(out.stem + "_feedback")
    if folder.is_dir():  # only reached with --force: the previous run's feedback goes with its grades
        for old in folder.glob("*.md"):
            old.unlink()
    used: set[str] = set()
    for res in results:
        name = re.sub(r"[^\w.-]+", "_", res.submission).strip("_") or "submission"
        while name in used:
            name += "_"
        used.add(name)
        _atomic_write(folder / f"{name}.md", _feedback_markdown(res, keys))
    _atomic_write(out, buf.getvalue())
    return folder


# ---------------------------------------------------------------- the batch
def _expand(paths: Iterable[str]) -> list[str]:
    found: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found += sorted(str(f) for f in path.rglob("*.ipynb") if ".ipynb_checkpoints" not in f.parts)
        else:
            found.append(p)
    return found


def load_keys(sources: Iterable[str | Path], optional: Iterable[str | Path] = ()) -> tuple[dict[str, Exercise], list[str]]:
    """The keys to grade against: ``sources`` must all load; a broken ``optional`` one (the kit's
    own, always offered) is left out with a warning rather than stopping every grade."""
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


def grade_all(paths: Sequence[str], keys: dict[str, Exercise], jobs: int = 1, timeout: float = 120.0,
              progress: bool | None = None) -> tuple[list[Result], list[str]]:
    """Grade many submissions, ``jobs`` at a time; returns results (in the order given) and warnings."""
    from tqdm.auto import tqdm

    warnings: list[str] = []
    # Fix: notes are kept per submission. They were attached afterwards to every
    # submission whose path occurred as a substring of the warning, so "a/x.ipynb" got the
    # note about "aa/x.ipynb", and a file given once as "/abs/x.ipynb" and once as
    # "x.ipynb" never got its "given twice" note.
    notes: dict[str, list[str]] = {}

    def warn(text: str, *about: str) -> None:
        warnings.append(text)
        for p in about:
            notes.setdefault(p, []).append(text)

    unique: list[str] = []
    seen_paths: dict[str, str] = {}
    for p in _expand(paths):
        key = str(Path(p).resolve())
        if key in seen_paths:
            warn(f"{p} was given twice; it is graded once." if p == seen_paths[key] else
                 f"{p} was given twice (also as {seen_paths[key]}); it is graded once.", seen_paths[key])
            continue
        seen_paths[key] = p
        unique.append(p)
    digests: dict[str, str] = {}
    for p in unique:
        try:
            d = hashlib.sha256(Path(p).read_bytes()).hexdigest()
        except OSError as exc:
            warn(f"{p} cannot be read: {exc}", p)
            continue
        if d in digests:
            warn(f"{p} is identical to {digests[d]} (the same work submitted twice?); both are graded.",
                 p, digests[d])
        else:
            digests[d] = p
    results: dict[str, Result] = {}
    bar = tqdm(total=len(unique), desc="Grading", unit="notebook", disable=(not progress) if progress is not None else None,
               file=sys.stderr)
    if jobs <= 1:
        for p in unique:
            results[p] = grade_submission(p, keys, timeout)
            bar.update(1)
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(grade_submission, p, keys, timeout): p for p in unique}
            for fut in as_completed(futures):
                p = futures[fut]
                try:
                    results[p] = fut.result()
                except Exception as exc:  # a worker lost: report the submission, go on
                    results[p] = Result(p, [Row(p, "", "", "error", 0.0, 0.0)], [f"grading failed: {exc}"])
                bar.update(1)
    bar.close()
    ordered = [results[p] for p in unique]
    for p, res in zip(unique, ordered):
        res.notes.extend(notes.get(p, []))
    return ordered, warnings


def check_output_free(out: Path, force: bool) -> None:
    """Refuse to replace an existing grades file (or its feedback) unless forced."""
    folder = out.with_name(out.stem + "_feedback")
    # Fix: a folder given as --out passed with --force, and the batch then ended in a
    # traceback from os.replace, after all the grading.
    if out.is_dir():
        raise R2PKitError(f"{out} is a folder: give --out a file name, e.g. {out / 'grades.csv'}.")
    if not force and (out.exists() or (folder.exists() and any(folder.iterdir()))):
        existing = out if out.exists() else folder
        raise R2PKitError(f"{existing} already exists and is left as it is. Choose another --out, "
                          "or add --force to replace it.")

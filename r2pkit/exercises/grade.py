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
from .questions import AnswerError, Outcome, score
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

        def output(self, outs, msg, display_id, cell_index):  # type: ignore[no-untyped-def]
            self.spent += len(json.dumps(msg.get("content", {}), default=str))
            if self.spent > OUTPUT_BUDGET:
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


def _run(nb: Any, eid: str, saved: dict[str, Any], scratch: Path, timeout: float) -> _Run:
    """Run the notebook's cells (indices as in ``nb``) with a restore cell before and an
    answer-collecting cell after each; stop at the first timeout or kernel death."""
    import nbformat
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    token = secrets.token_hex(16)
    restore = nbformat.v4.new_code_cell(
        "import json as __r2p_json, r2pkit.exercises.runtime as __r2p_rt\n"
        f"__r2p_rt._restore(__r2p_json.loads({json.dumps(json.dumps(saved))}))")
    export = nbformat.v4.new_code_cell(
        "import r2pkit.exercises.runtime as __r2p_rt\n"
        f"print('{token}' + __r2p_rt._export(globals()) + '{token}')")
    work = copy.deepcopy(nb)
    work.cells = [restore] + list(work.cells) + [export]
    last = len(work.cells) - 1
    client = _client_class()(work, timeout=int(timeout) + 1, allow_errors=True, kernel_name="python3",
                             store_widget_state=False, record_timing=False, shutdown_kernel="immediate",
                             resources={"metadata": {"path": str(scratch)}})
    run = _Run(answers={}, errored_cells=set(), stopped_at=None)
    deadline = time.monotonic() + timeout

    def remaining() -> int:
        return max(1, int(deadline - time.monotonic()) + 1)

    def collect() -> None:
        work.cells[last].outputs = []
        client.timeout = remaining()
        client.execute_cell(work.cells[last], last)
        text = "".join(o.get("text", "") for o in work.cells[last].outputs if o.get("output_type") == "stream")
        m = re.search(rf"{token}(.*){token}", text, re.S)
        if m:
            try:
                run.answers = json.loads(m.group(1)).get(eid, {})
            except (ValueError, AttributeError):
                pass

    index = -1
    try:
        # The kernel's own start-up chatter would drown the grader's report.
        with client.setup_kernel(stderr=subprocess.DEVNULL):
            client.timeout = remaining()
            client.execute_cell(work.cells[0], 0)
            for index, cell in enumerate(nb.cells):
                if time.monotonic() >= deadline:
                    raise CellTimeoutError("time limit reached")
                if cell.cell_type != "code":
                    continue
                client.timeout = remaining()
                client.execute_cell(work.cells[index + 1], index + 1)
                if any(o.get("output_type") == "error" for o in work.cells[index + 1].outputs):
                    run.errored_cells.add(index)
                collect()
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
    if "invalid" in recorded:
        return Outcome("incorrect", 0.0, q.points), f"answer of the wrong form: {recorded['invalid']}"
    try:
        return score(q, recorded.get("answer")), ""
    except AnswerError as exc:
        return Outcome("incorrect", 0.0, q.points), f"answer of the wrong form: {exc}"


def grade_submission(path: str, keys: dict[str, Exercise], timeout: float = 120.0, label: str | None = None) -> Result:
    """Grade one submitted notebook (never modified) against the keys; never raises."""
    import nbformat

    label = label or path
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:
        return Result(label, [Row(label, "", "", "error", 0.0, 0.0)],
                      [f"{Path(path).name} could not be read as a Jupyter notebook ({type(exc).__name__}: {exc})."])
    eid = _exercise_id(nb)
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
    for q in ex.questions:
        outcome, detail = _score_one(ex, q.id, run.answers.get(q.id))
        cell = cells.get(q.id)
        if outcome is None:
            if run.stopped_at is not None and (cell is None or cell >= run.stopped_at):
                status, detail = run.stop_status, f"not reached: {run.stop_reason}"
            elif cell is not None and cell in run.errored_cells:
                status, detail = "error", f"the answer cell (cell {cell + 1}) raised an error"
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


def load_keys(sources: Iterable[str | Path]) -> dict[str, Exercise]:
    keys: dict[str, Exercise] = {}
    for src in sources:
        ex = load_source(src)
        keys[ex.id] = ex
    return keys


def grade_all(paths: Sequence[str], keys: dict[str, Exercise], jobs: int = 1, timeout: float = 120.0,
              progress: bool | None = None) -> tuple[list[Result], list[str]]:
    """Grade many submissions, ``jobs`` at a time; returns results (in the order given) and warnings."""
    from tqdm.auto import tqdm

    warnings: list[str] = []
    unique: list[str] = []
    seen_paths: dict[str, str] = {}
    for p in _expand(paths):
        key = str(Path(p).resolve())
        if key in seen_paths:
            warnings.append(f"{p} was given twice; it is graded once.")
            continue
        seen_paths[key] = p
        unique.append(p)
    digests: dict[str, str] = {}
    for p in unique:
        try:
            d = hashlib.sha256(Path(p).read_bytes()).hexdigest()
        except OSError as exc:
            warnings.append(f"{p} cannot be read: {exc}")
            continue
        if d in digests:
            warnings.append(f"{p} is identical to {digests[d]} (the same work submitted twice?); both are graded.")
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
        for w in warnings:
            if p in w:
                res.notes.append(w)
    return ordered, warnings


def check_output_free(out: Path, force: bool) -> None:
    """Refuse to replace an existing grades file (or its feedback) unless forced."""
    folder = out.with_name(out.stem + "_feedback")
    if not force and (out.exists() or (folder.exists() and any(folder.iterdir()))):
        existing = out if out.exists() else folder
        raise R2PKitError(f"{existing} already exists and is left as it is. Choose another --out, "
                          "or add --force to replace it.")

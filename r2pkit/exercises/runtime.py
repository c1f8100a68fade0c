"""Exercises in the student's notebook: answers that are kept, self-check, hints, explanations, the score so far.

A student notebook starts with ``load("ex00")``, which reads the exercise's public file
(``ex00….quiz.json``, beside the notebook or in the kit's ``exercises/`` folder). Then,
for each question, the student answers with the widget made by :func:`ask
<r2pkit.exercises.ui.ask>` or by assigning a variable and running ``check("ex00.q1", q1)``.

**Which answer counts.** Each question keeps the last answer chosen in its widget and the
last answer given in code; the one given *later* counts, and both the widget and
``check`` say which one that is. Running a code cell again with the same answer is not a
new answer (so "Run All" and "Restart Kernel and Run All" change nothing); writing
``q1 = None`` again hands the question back to the widget.

**Where answers are kept.** In the notebook file itself: each question's widget cell
holds a small output with the question's record (see :mod:`r2pkit.exercises.protocol`),
rewritten whenever the answer changes. When a fresh kernel loads the exercise, it reads
the records back from its own notebook file (the path Jupyter gives the kernel; in the
browser kit, whose kernel is told only its folder, the exercise's notebook in that folder), so the
widgets show the saved answers again, with the attempts already used. The grader reads
the same records from the handed-in file.

**A safety copy beside the notebook.** "Restart Kernel and Run All" clears every output in
the browser before the new kernel has read the file; a save in that moment (an autosave,
Ctrl+S) would write the notebook without its records, and the answers would be gone. So
the kernel also keeps every record in a hidden file beside its notebook
(``.NAME.answers.json``, :func:`backup_for`), written when the exercise loads and at every
change: beside the path Jupyter gives the kernel, or in the browser kit (whose kernel is
told only its folder) beside the exercise's notebook that load() found in that folder. A
fresh kernel takes, question by question, the newer of the notebook's record and the copy's:
each record carries its ``order`` (how many changes the question's record has seen, counted
across kernels), so an answer changed a moment before the restart, whose save never ran,
comes back as itself and not as the one before. On a tie the notebook's record counts; a record that is final never gives way to
one that is not; attempts used never go down; an answer written in a Markdown cell is the
cell's own text.

The copy belongs to one copy of the notebook: the kernel gives each copy an id, which the
exercise widgets write into the notebook's metadata (``metadata.r2pkit.copy``; it survives
clearing the outputs), and a fresh kernel reads the safety copy only if it carries the id
of the notebook file it has just read. A fresh handout copied over an old notebook under the
same name (no id: ``r2pkit exercises build`` writes none), another student's notebook of the
same name (another id) or a notebook from before the copy's time (no id) never takes
answers from a hidden copy left beside it. The copy is never graded: the grader reads the
handed-in notebook alone (and restores answers before any exercise loads, so no kernel it
runs reads or writes one), and deleting the copy loses nothing the notebook holds.

**Practice and assessed.** A *practice* version checks each answer against the hashes
in its public file: *correct*, *partly correct* or *not yet*, a hint, and the
explanation with its source after a right answer, after the last attempt, or on request
once the question has been tried. Once the explanation is shown the answer is final: a
later answer is not recorded. An *assessed* version has no hashes and no explanations:
answers are recorded, never judged; marks come from the instructor's grader.
"""
from __future__ import annotations

import html
import json
import os
import re
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import checks
from ..files import atomic_write
from ..errors import R2PKitError, UnknownNameError, closest
from . import kinds
from .protocol import ANSWER_MIME, identify, saved_records, saved_student_id, student_output
from .questions import AnswerError, Outcome, Question, describe, normalise
from .sealed import question_from_public, self_check, unseal

__all__ = ["load", "backup_for", "backup_path", "copy_id", "copy_in", "newest", "check", "give_up", "hint", "summary", "resolve", "answer_from_widget", "display_record",
           "loaded", "display_student_id", "set_student_id",
           "watch", "check_counted", "counts_line", "restore_answers", "recorded_answers", "Feedback", "Summary", "Quiz", "ANSWER_MIME"]

_QUIZZES: dict[str, Quiz] = {}
_DEMOS: dict[str, Quiz] = {}  # notebook 00's demonstrations: never saved, never graded
_SAVED: dict[tuple[str, str], dict[str, Any]] = {}  # records given by the grader (restore)
_RESTORED: list[bool] = [False]  # once the grader restores answers, no notebook file is read
_COPY: list[str] = [""]  # this notebook copy's id (metadata.r2pkit.copy), settled by the kernel's first load()
_FOUND: list[str] = [""]  # in the browser kit: the notebook load() found in the kernel's folder

_NOTEBOOK_LIMIT = 50_000_000  # bytes: a notebook file larger than this is not read back


@dataclass
class _State:
    widget: Any = None  # the last answer chosen in the widget (canonical)
    code: Any = None  # the last answer given in code (canonical)
    invalid: str = ""  # the last code answer, when it had the wrong form (its text)
    latest: str = ""  # "widget" or "code": which of the two was given last
    checked: Any = None  # the last answer self-checked (an attempt is a check of a new answer)
    outcome: Outcome | None = None  # its outcome
    attempts: int = 0
    hints_shown: int = 0
    revealed: bool = False  # the explanation was shown: the answer is final
    order: int = 0  # how many changes this question's record has seen (across kernels): the newer record wins
    pinned: bool = False  # restored by the grader: cells run again do not replace it
    displays: list[Any] = field(default_factory=list)  # the record outputs (display handles)
    listeners: list[Callable[[], None]] = field(default_factory=list)  # widgets showing this question

    @property
    def via(self) -> str:
        """Where the answer that counts came from: "widget", "code" or "" (none yet)."""
        order = ("code", "widget") if self.latest == "code" else ("widget", "code")
        if self.latest == "code" and self.invalid:
            return "code"
        for via in order:
            if (self.code if via == "code" else self.widget) is not None:
                return via
        return ""

    @property
    def answer(self) -> Any:
        """The answer that counts (None if there is none, or if it has the wrong form)."""
        via = self.via
        if via == "code":
            return None if self.latest == "code" and self.invalid else self.code
        return self.widget if via == "widget" else None

    @property
    def final(self) -> bool:
        return self.revealed


@dataclass
class Quiz:
    """An exercise loaded from its public file, with the student's progress in this session."""

    id: str
    title: str
    salt: str
    questions: dict[str, dict[str, Any]]
    mode: str = "practice"  # or "assessed": answers are recorded, never judged
    demo: bool = False
    state: dict[str, _State] = field(default_factory=dict)
    summaries: list[Any] = field(default_factory=list)  # summary outputs to keep up to date
    student_id: str = ""  # the id the student entered (assessed versions ask for it)
    from_copy: tuple[str, ...] = ()  # questions whose record load() took from the safety copy (newer than the file's)
    id_displays: list[Any] = field(default_factory=list)  # the outputs that save it
    _questions: dict[str, Question] = field(default_factory=dict, repr=False)

    def __repr__(self) -> str:
        points = sum(float(q["points"]) for q in self.questions.values())
        what = ("Answer each question below, then press Check." if self.mode == "practice" else
                "Answer each question below: your answers are saved with this notebook for your instructor to grade.")
        return f"Exercise {self.id}: {self.title} ({len(self.questions)} questions, {points:g} points). {what}"

    def q(self, qid: str) -> dict[str, Any]:
        if qid not in self.questions:
            hint = closest(qid, list(self.questions))
            raise UnknownNameError(f"Exercise {self.id} has no question {qid!r}."
                                   + (f" Did you mean {hint[0]!r}?" if hint else "")
                                   + f" Its questions are {', '.join(self.questions)}.")
        return self.questions[qid]

    def question(self, qid: str) -> Question:
        """The question without its key, to read and describe answers."""
        if qid not in self._questions:
            self._questions[qid] = question_from_public(self.q(qid))
        return self._questions[qid]

    def st(self, qid: str) -> _State:
        self.q(qid)
        return self.state.setdefault(qid, _State())

    @property
    def practice(self) -> bool:
        return self.mode == "practice" and bool(self.salt)

    def explanation(self, qid: str) -> tuple[str, str]:
        data = self.q(qid)
        return (unseal(self.salt, f"{qid}/explanation", data["explanation"]),
                unseal(self.salt, f"{qid}/source", data["source"]))

    def words(self, qid: str, answer: Any) -> str:
        return describe(self.question(qid), answer)


# ----------------------------------------------------------------------- loading
def _kit_exercises() -> Path:
    from ..data import DATASETS_DIR

    return Path(os.environ.get("R2PKIT_EXERCISES") or DATASETS_DIR.parent / "exercises")


def _public_id(path: Path) -> str | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None


#: The longest exercise name (or path of its public file) taken: longer is surely a mistake.
LONGEST_NAME = 1000


def _find(name: str) -> Path:
    p = Path(name)
    if p.suffix == ".json" and p.exists():
        return p
    for folder in (Path.cwd(), Path.cwd().parent, _kit_exercises()):
        if not folder.is_dir():
            continue
        found = sorted(folder.glob(f"{name}*.quiz.json"))
        if not found:  # a public file named after its source file, not its id (my_exercise.quiz.json)
            found = [f for f in sorted(folder.glob("*.quiz.json")) if _public_id(f) == name]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise UnknownNameError(f"Several exercises match {name!r} in {folder}: "
                                   f"{', '.join(f.name for f in found)}. Give the full name.")
    known = sorted(f.name.split(".")[0] for f in _kit_exercises().glob("*.quiz.json"))
    hint = closest(name, known)
    raise UnknownNameError(f"No exercise called {name!r} (looked beside this notebook and in {_kit_exercises()})."
                           + (f" Did you mean {hint[0]!r}?" if hint else "")
                           + (f" The kit's exercises: {', '.join(known)}." if known else ""))


def _read_notebook(p: Path, tries: int = 8) -> dict[str, Any] | None:
    """A notebook file as JSON (None if it is not one). Jupyter saves a notebook by writing over the
    file in place, so a kernel that starts during a save (Restart Kernel and Run All) can read half a
    file: it reads again a moment later before giving up."""
    for attempt in range(tries):
        try:
            if p.suffix != ".ipynb" or not p.is_file() or p.stat().st_size > _NOTEBOOK_LIMIT:
                return None
            nb = json.loads(p.read_text(encoding="utf-8"))
        except OSError:
            return None
        except ValueError:
            if attempt + 1 < tries:
                time.sleep(0.05)
            continue
        return nb if isinstance(nb, dict) else None
    return None


def _running_cell() -> str:
    """The id of the cell being run, as JupyterLab sends it with each request ("" if not known)."""
    try:
        from IPython import get_ipython

        kernel = getattr(get_ipython(), "kernel", None)
        header = kernel.get_parent() if hasattr(kernel, "get_parent") else getattr(kernel, "_parent_header", None)
        cell = (header or {}).get("metadata", {}).get("cellId")
    except Exception:  # no kernel (a script, nbclient's tests): nothing to go by
        return ""
    return cell if isinstance(cell, str) else ""


def _notebook_in_folder(eid: str) -> tuple[Path, dict[str, Any]] | None:
    """The notebook of exercise ``eid`` in the working folder (its path and content), when a kernel
    is told its folder but not its file (JupyterLite's browser kernel): the one that holds the cell
    being run, or the only copy of the exercise there. Two copies that cannot be told apart give
    None, and say so."""
    found: list[tuple[Path, dict[str, Any]]] = []
    for p in sorted(Path.cwd().glob("*.ipynb"))[:200]:
        nb = _read_notebook(p)
        if nb is not None and identify(nb)["exercise"] == eid:
            found.append((p, nb))
    cell = _running_cell()
    if cell and len(found) > 1:
        found = [(name, nb) for name, nb in found
                 if any(isinstance(c, dict) and c.get("id") == cell for c in nb.get("cells") or [])]
    if len(found) > 1:
        print(f"Saved answers were not put back: this folder holds {len(found)} copies of exercise {eid} "
              f"({', '.join(p.name for p, _ in found[:5])}), and in the browser Python cannot tell which one "
              "this is. Keep one copy per folder (move the others to a folder of their own, or download "
              "and delete them), then reload the page and run this notebook again.")
    return found[0] if len(found) == 1 else None


def _own_notebook(eid: str) -> dict[str, Any] | None:
    """This kernel's notebook file as last saved: the path Jupyter gave the kernel; in the browser
    kit (JupyterLite, whose kernel knows only its folder) the exercise's notebook in that folder."""
    path = os.environ.get("JPY_SESSION_NAME", "")
    try:
        from IPython import get_ipython

        shell = get_ipython()
        path = (shell.user_ns.get("__vsc_ipynb_file__") if shell is not None else None) or path
    except ImportError:  # pragma: no cover - IPython comes with the kit
        pass
    if path:
        return _read_notebook(Path(str(path)))
    found = _notebook_in_folder(eid) if sys.platform == "emscripten" else None
    # The browser kit's safety copy goes beside the notebook found (the kernel has no other name for
    # it); none where the notebook cannot be told apart from another copy.
    _FOUND[0] = str(found[0].resolve()) if found is not None else ""
    return found[1] if found is not None else None


def backup_for(notebook: str | os.PathLike[str]) -> Path:
    """The hidden file beside a notebook that keeps a copy of its answers.

    >>> backup_for("/home/ana/r2p/ex00_start_here.ipynb").as_posix()
    '/home/ana/r2p/.ex00_start_here.answers.json'
    """
    p = Path(notebook)
    return p.with_name(f".{p.stem}.answers.json")


def backup_path() -> Path | None:
    """This kernel's safety copy (:func:`backup_for` its notebook): the path Jupyter gave the kernel;
    in the browser kit (JupyterLite, whose kernel is told only its folder) the exercise's notebook
    that load() found in that folder. None elsewhere (a script, nbclient) and while the grader
    restores answers."""
    path = os.environ.get("JPY_SESSION_NAME", "") or (_FOUND[0] if sys.platform == "emscripten" else "")
    if _RESTORED[0] or not path.endswith(".ipynb"):
        return None
    return backup_for(path)


_COPY_ID = re.compile(r"[0-9A-Za-z_-]{8,64}")


def copy_in(nb: Any) -> str:
    """The id of a notebook copy, from its metadata (``metadata.r2pkit.copy``); "" if it has none.

    >>> copy_in({"metadata": {"r2pkit": {"exercise": "ex00", "copy": "3f2a9c0d1e4b5a67"}}})
    '3f2a9c0d1e4b5a67'
    >>> copy_in({"metadata": {"r2pkit": {"copy": "not an id!"}}}), copy_in(None)
    ('', '')
    """
    meta = nb.get("metadata") if isinstance(nb, dict) else None
    meta = meta.get("r2pkit") if isinstance(meta, dict) else None
    value = meta.get("copy") if isinstance(meta, dict) else None
    return value if isinstance(value, str) and _COPY_ID.fullmatch(value) else ""


def copy_id() -> str:
    """The id this kernel gives its notebook copy, for the widgets to write into the notebook's
    metadata; "" where there is no safety copy (nothing to tie to the notebook)."""
    return _COPY[0] if backup_path() is not None else ""


def _settle_copy(nb: dict[str, Any] | None, eid: str) -> None:
    """On the kernel's first load(): the notebook file's copy id, or a new one if it has none (a
    fresh handout, a notebook from before copies had ids). Later loads keep it; loading the same
    exercise again takes the file's id if it has one by then."""
    if not _COPY[0] or set(_QUIZZES) <= {eid}:
        _COPY[0] = copy_in(nb) or _COPY[0] or uuid.uuid4().hex[:16]


def _read_backup() -> dict[str, Any]:
    """The safety copy as written by :func:`_write_backup` ({} if there is none, or it is not one)."""
    path = backup_path()
    try:
        if path is None or not path.is_file() or path.stat().st_size > _NOTEBOOK_LIMIT:
            return {}
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    ok = isinstance(kept, dict) and isinstance(kept.get("copy"), str) and isinstance(kept.get("answers"), dict)
    return kept if ok else {}


def _kept(eid: str) -> tuple[dict[str, dict[str, Any]], str]:
    """The records and student id of exercise ``eid`` in the safety copy, if the copy belongs to
    this kernel's notebook copy (the same id); ({}, "") otherwise."""
    kept = _read_backup()
    if not _COPY[0] or kept.get("copy") != _COPY[0]:
        return {}, ""
    records = kept["answers"].get(eid)
    records = {q: r for q, r in records.items() if isinstance(q, str) and isinstance(r, dict)} \
        if isinstance(records, dict) else {}
    ids = kept.get("student_ids")
    sid = ids.get(eid) if isinstance(ids, dict) else None
    return records, sid if isinstance(sid, str) else ""


def _order(record: dict[str, Any]) -> int:
    value = record.get("order")
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def newest(saved: dict[str, dict[str, Any]], kept: dict[str, dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Question by question, the newer of a notebook's record (``saved``) and the safety copy's
    (``kept``); returns the records and the questions taken from the copy.

    The copy's record counts where the notebook has none, or where its ``order`` is higher;
    on a tie, and for a record without an order (saved before records had one), the
    notebook's. A final record never gives way to one that is not, an answer written in a
    Markdown cell is that cell's text, and the attempts used are the larger of the two.

    >>> a = {"answer": "a", "order": 3, "attempts": 1}
    >>> b = {"answer": "b", "order": 4, "attempts": 1}
    >>> newest({"q1": a}, {"q1": b, "q2": a})
    ({'q1': {'answer': 'b', 'order': 4, 'attempts': 1}, 'q2': {'answer': 'a', 'order': 3, 'attempts': 1}}, ['q1', 'q2'])
    >>> newest({"q1": b}, {"q1": b | {"answer": "c"}})[0]["q1"]["answer"]  # a tie: the notebook's
    'b'
    >>> newest({"q1": a | {"final": True}}, {"q1": b})[0]["q1"]["answer"]  # final stays final
    'a'
    """
    out, taken = dict(saved), []
    for qid, rec in kept.items():
        mine = saved.get(qid)
        if mine is None:
            out[qid], _ = rec, taken.append(qid)
            continue
        newer = (_order(rec) > _order(mine) and mine.get("cell") != "markdown"
                 and not (mine.get("final") is True and rec.get("final") is not True))
        chosen = rec if newer else mine
        used = [r.get("attempts") for r in (mine, rec)]
        used = [n for n in used if isinstance(n, int) and not isinstance(n, bool) and n >= 0]
        out[qid] = {**chosen, "attempts": max(used)} if used and max(used) != chosen.get("attempts") else chosen
        if newer:
            taken.append(qid)
    return out, taken


def _write_backup() -> None:
    """Keep a copy of every exercise's records beside the notebook, under this copy's id (best
    effort: a folder one may not write to only means no copy; the notebook still saves the answers)."""
    path = backup_path()
    if path is None or not _COPY[0]:
        return
    try:
        old = _read_backup()
        same = old.get("copy") == _COPY[0]
        answers = dict(old["answers"]) if same else {}
        ids = dict(old.get("student_ids") or {}) if same and isinstance(old.get("student_ids"), dict) else {}
        for eid, quiz in _QUIZZES.items():
            answers[eid] = {qid: _record(quiz, qid) for qid in quiz.questions
                            if quiz.st(qid).via or quiz.st(qid).attempts or quiz.st(qid).order}
            ids[eid] = quiz.student_id
        kept = {"copy": _COPY[0], "notebook": path.name[1:-len(".answers.json")] + ".ipynb",
                "answers": answers, "student_ids": ids}
        atomic_write(path, json.dumps(kept, indent=1, default=str) + "\n")
    except (OSError, ValueError, TypeError, R2PKitError):
        pass


def load(name: str, mode: str | None = None, demo: bool = False) -> Quiz:
    """Load an exercise's questions (its public file) in this notebook.

    The first time in a kernel, the answers saved in this notebook's file are put back.
    Loading again keeps the progress already made in this session. ``mode="assessed"``
    records answers without judging them, whatever the public file holds.
    """
    checks.text(name, "name", what="the name of an exercise", longest=LONGEST_NAME,
                allowed="Give its id, e.g. load('ex00').")
    if mode is not None:
        checks.choice(mode, ("practice", "assessed"), "a mode of an exercise", name="mode", fold=None)
    checks.flag(demo, "demo")
    path = _find(name)
    public = json.loads(path.read_text(encoding="utf-8"))
    eid = public["id"]
    mode = mode or public.get("mode", "practice")
    if mode not in ("practice", "assessed"):
        raise R2PKitError(f"mode is 'practice' or 'assessed' (got {str(mode)[:40]!r}).")
    store = _DEMOS if demo else _QUIZZES
    known = store.get(eid)
    if known is not None and known.salt == public.get("salt", "") and known.mode == mode:
        return known
    quiz = Quiz(id=eid, title=public["title"], salt=public.get("salt", "") if mode == "practice" else "",
                questions={q["id"]: q for q in public["questions"]}, mode=mode, demo=demo)
    store[eid] = quiz
    if not demo:
        if _RESTORED[0]:
            _apply_restored(quiz)
        else:
            nb = _own_notebook(eid)
            _settle_copy(nb, eid)
            records = saved_records(nb).get(eid, {}) if nb is not None else {}
            kept, kept_id = _kept(eid)
            # The newer of each record: an answer changed just before a restart, or a record the
            # file lost (its outputs cleared before a save), comes back from the copy.
            records, taken = newest(records, kept)
            quiz.from_copy = tuple(taken)
            _apply_records(quiz, records)
            quiz.student_id = (saved_student_id(nb, eid) if nb is not None else "") or kept_id
            _write_backup()
    return quiz


def _quiz(eid: str, demo: bool = False) -> Quiz:
    """A loaded exercise by id (or the start of it), loading it if need be."""
    store = _DEMOS if demo else _QUIZZES
    if eid in store:
        return store[eid]
    matches = [k for k in store if k.startswith(eid)]
    return store[matches[0]] if len(matches) == 1 else load(eid, demo=demo)


def resolve(ref: str, demo: bool = False) -> tuple[Quiz, str]:
    """The loaded exercise and question id named by ``"exercise.question"``."""
    if not isinstance(ref, str) or "." not in ref:
        raise UnknownNameError(f"Name a question as 'exercise.question', e.g. 'ex00.q1' (got {str(ref)[:80]!r}).")
    eid, qid = ref.split(".", 1)
    quiz = _quiz(eid, demo)
    quiz.q(qid)
    return quiz, qid


_resolve = resolve


# ------------------------------------------------------------ records and saving
def _canonical(quiz: Quiz, qid: str, value: Any) -> Any:
    """A saved value read back as a canonical answer; None if it is not one (a file is not trusted)."""
    try:
        return normalise(quiz.question(qid), value)
    except Exception:
        return None


def _apply_records(quiz: Quiz, records: dict[str, dict[str, Any]]) -> None:
    """Put back what this notebook's file saved (a fresh kernel running the notebook again)."""
    for qid, rec in records.items():
        if qid not in quiz.questions or not isinstance(rec, dict):
            continue
        st = quiz.st(qid)
        st.widget = _canonical(quiz, qid, rec.get("widget", rec.get("answer") if rec.get("via") == "widget" else None))
        st.code = _canonical(quiz, qid, rec.get("code", rec.get("answer") if rec.get("via") == "code" else None))
        st.invalid = str(rec.get("invalid") or "")[:300]
        st.latest = rec.get("via") if rec.get("via") in ("widget", "code") else ""
        attempts = rec.get("attempts")
        st.attempts = attempts if isinstance(attempts, int) and not isinstance(attempts, bool) and attempts >= 0 else 0
        st.revealed = rec.get("final") is True
        st.order = _order(rec)
        st.checked = _canonical(quiz, qid, rec.get("checked"))
        if quiz.practice and st.checked is not None:
            try:
                st.outcome = self_check(quiz.q(qid), quiz.salt, st.checked)[1]
            except Exception:
                st.checked = None


def _apply_restored(quiz: Quiz) -> None:
    for (eid, qid), value in _SAVED.items():
        if eid != quiz.id or qid not in quiz.questions:
            continue
        st = quiz.st(qid)
        answer = _canonical(quiz, qid, value.get("answer"))
        if answer is None:
            continue
        via = value.get("via") if value.get("via") in ("widget", "code") else "widget"
        st.widget, st.code, st.latest, st.invalid, st.pinned = answer, answer, via, "", True


def _record(quiz: Quiz, qid: str) -> dict[str, Any]:
    st = quiz.st(qid)
    return {"exercise": quiz.id, "question": qid, "answer": st.answer, "via": st.via or None,
            "widget": st.widget, "code": st.code, "invalid": st.invalid or None, "checked": st.checked,
            "attempts": st.attempts, "final": st.final, "order": st.order}


def counts_line(quiz: Quiz, qid: str) -> str:
    """One sentence: the answer that will be graded, in words, and where it came from."""
    st = quiz.st(qid)
    if st.final and quiz.practice:
        lead = "Your answer is final (you have seen the explanation): "
    else:
        lead = "The answer that counts: "
    if st.via == "code" and st.latest == "code" and st.invalid:
        return f"{lead}the one in the code cell, which has the wrong form ({st.invalid[:80]})."
    if not st.via:
        return "No answer yet."
    where = _where(quiz, qid)
    other = st.code if st.via == "widget" else st.widget
    note = ""
    if other is not None and other != st.answer:
        note = (" It was given after the answer in the code cell, which does not count." if st.via == "widget" else
                " It was given after the widget's answer, which does not count.")
    return f"{lead}{quiz.words(qid, st.answer)} ({where}).{note}"


def _written(quiz: Quiz, qid: str) -> bool:
    return quiz.question(qid).kind == "written"


def _where(quiz: Quiz, qid: str) -> str:
    """Where the answer that counts came from, in the words of its question's kind."""
    if quiz.st(qid).via != "widget":
        return "given in the code cell"
    if not _written(quiz, qid):
        return "chosen in the widget"
    return "written in the Markdown cell" if quiz.question(qid).extra.get("cell") == "markdown" else "written in the box"


def saved_line(quiz: Quiz, qid: str) -> str:
    """What the record output reads (also before anything runs, on opening the notebook)."""
    st = quiz.st(qid)
    if st.latest == "code" and st.invalid:
        return f"Saved with this notebook · {qid}: an answer of the wrong form ({st.invalid[:80]})"
    if not st.via:
        return f"Saved with this notebook · {qid}: no answer yet"
    where = _where(quiz, qid)
    final = ", final" if st.final and quiz.practice else ""
    return f"Saved with this notebook · {qid}: {quiz.words(qid, st.answer)} ({where}{final})"


def _bundle(quiz: Quiz, qid: str) -> dict[str, Any]:
    return {ANSWER_MIME: _record(quiz, qid), "text/plain": saved_line(quiz, qid)}


def display_record(quiz: Quiz, qid: str) -> None:
    """Show the question's record (the output that saves its answer in the notebook file)."""
    if quiz.demo:
        return
    from IPython.display import display

    handle = display(_bundle(quiz, qid), raw=True, display_id=True)
    st = quiz.st(qid)
    if handle is not None:
        st.displays = (st.displays + [handle])[-5:]


def loaded(exercise: str) -> Quiz:
    """The exercise loaded in this notebook (loading it if need be), by its id or the start of it."""
    return _quiz(exercise)


def display_student_id(quiz: Quiz) -> None:
    """Show the output that saves the student id in the notebook file (kept up to date)."""
    from IPython.display import display

    handle = display(student_output(quiz.id, quiz.student_id), raw=True, display_id=True)
    if handle is not None:
        quiz.id_displays[:] = (quiz.id_displays + [handle])[-3:]


def set_student_id(quiz: Quiz, value: Any) -> str:
    """Record the id the student typed (trimmed); the saved output follows. Returns the id kept."""
    from .protocol import clean_student_id

    cleaned = clean_student_id(value)
    if cleaned != quiz.student_id:
        quiz.student_id = cleaned
        for handle in quiz.id_displays:
            handle.update(student_output(quiz.id, cleaned), raw=True)
        if not quiz.demo:
            _write_backup()
    return cleaned


def watch(quiz: Quiz, qid: str, listener: Callable[[], None]) -> None:
    """Call ``listener`` whenever the question's answer or progress changes (a widget showing it)."""
    listeners = quiz.st(qid).listeners
    listeners[:] = (listeners + [listener])[-5:]


def _changed(quiz: Quiz, qid: str) -> None:
    st = quiz.st(qid)
    if not quiz.demo:
        st.order += 1
        bundle = _bundle(quiz, qid)
        for handle in st.displays:
            handle.update(bundle, raw=True)
        _write_backup()
    for listener in list(st.listeners):
        listener()
    for handle in quiz.summaries:
        handle.update(summary(quiz.id, _demo=quiz.demo)._bundle(), raw=True)


def answer_from_widget(quiz: Quiz, qid: str, raw: Any, claim: bool = False) -> bool:
    """Record an answer chosen in the widget (the latest answer now); False if it was not recorded.

    ``claim=True`` (the widget's Check button) makes the widget's answer count even if
    it has not changed since a code answer was given.
    """
    st = quiz.st(qid)
    if st.final and quiz.practice or st.pinned:
        return False
    try:
        answer = normalise(quiz.question(qid), raw)
    except AnswerError:
        return False  # a half-filled widget (an order with a gap): nothing to record yet
    if answer == st.widget and (st.latest == "widget" or not claim):
        return True
    st.widget, st.latest = answer, "widget"
    _changed(quiz, qid)
    return True


def _from_code(quiz: Quiz, qid: str, raw: Any) -> str:
    """Record an answer given in code; returns "" or the reason it has the wrong form."""
    st = quiz.st(qid)
    locked = st.pinned or (st.final and quiz.practice)
    if raw is None:  # `q1 = None`: no answer in code, the widget's (if any) counts
        if not locked and (st.code is not None or st.invalid):
            st.code, st.invalid = None, ""
            st.latest = "widget" if st.widget is not None else ""
            _changed(quiz, qid)
        return ""
    try:
        answer = normalise(quiz.question(qid), raw)
    except AnswerError as exc:
        text = _capped(raw)
        if not locked and text != st.invalid:
            st.invalid, st.code, st.latest = text, None, "code"
            _changed(quiz, qid)
        return str(exc)
    if locked or answer is None:
        return ""
    if answer == st.code and not st.invalid:
        return ""  # the same code answer as before (a cell run again): not a new answer
    st.code, st.invalid, st.latest = answer, "", "code"
    _changed(quiz, qid)
    return ""


# ----------------------------------------------------------------------- feedback
_ICONS = {"correct": "✔", "partial": "◐", "incorrect": "✘", "unanswered": "…", "invalid": "?", "revealed": "ℹ",
          "saved": "✎", "final": "■"}
_COLOURS = {"correct": "#00704F", "partial": "#8A5A00", "incorrect": "#B3261E", "unanswered": "#444444",
            "invalid": "#B3261E", "revealed": "#005A9C", "saved": "#005A9C", "final": "#444444"}


def _html(text: str) -> str:
    """Text written with Markdown's `code` marks, as HTML (the marks become code, not backticks).

    >>> _html("the `source` column <b>")
    'the <code>source</code> column &lt;b&gt;'
    """
    return re.sub(r"`([^`<>]+)`", r"<code>\1</code>", html.escape(text))


@dataclass
class Feedback:
    """What a check says: shown as a coloured box in the notebook, as text elsewhere."""

    ref: str
    status: str
    headline: str
    lines: list[str] = field(default_factory=list)
    explanation: str = ""
    source: str = ""

    def __repr__(self) -> str:
        parts = [f"{_ICONS[self.status]} {self.headline}", *self.lines]
        if self.explanation:
            parts += [f"Explanation: {self.explanation}", f"Source: {self.source}"]
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        colour = _COLOURS[self.status]
        body = "".join(f"<p style='margin:.3em 0'>{_html(line)}</p>" for line in self.lines)
        if self.explanation:
            body += (f"<p style='margin:.3em 0'><b>Explanation.</b> {_html(self.explanation)}</p>"
                     f"<p style='margin:.3em 0'><b>Source.</b> {_html(self.source)}</p>")
        return (f"<div role='status' style='border-left:5px solid {colour};padding:.4em .8em;margin:.3em 0'>"
                f"<p style='margin:.2em 0;font-weight:bold'>{_ICONS[self.status]} {html.escape(self.headline)}</p>"
                f"{body}</div>")


def _capped(raw: Any, limit: int = 300) -> str:
    try:
        text = repr(raw)
    except Exception as exc:  # a student's object whose repr fails
        text = f"<{type(raw).__name__} whose repr failed: {type(exc).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _pts(outcome: Outcome) -> str:
    return f"{outcome.points:g} of {outcome.max_points:g} point{'s' if outcome.max_points != 1 else ''}"


def check_counted(quiz: Quiz, qid: str) -> Feedback:
    """Self-check the answer that counts (practice), or say it is saved (assessed).

    An attempt is used only when an answer differs from the last one checked.
    """
    ref, data, st = f"{quiz.id}.{qid}", quiz.q(qid), quiz.st(qid)
    answer = st.answer
    if st.latest == "code" and st.invalid:
        return Feedback(ref, "invalid", "That answer has the wrong form.", [counts_line(quiz, qid)])
    if answer is None:
        # Shown when the notebook is run before any answer: it speaks of this cell only, since an
        # answer chosen in the widget later does not rewrite it (the line under the widget does).
        if _written(quiz, qid):
            how = ("Write your answer in the box above (the line under it says which answer counts), or write "
                   'it after the = sign here between triple quotes ("""Your paragraph.""") and run this cell.')
        else:
            how = ("Choose your answer in the widget above (the line under it says which answer counts), "
                   "or write it after the = sign here and run this cell.")
        return Feedback(ref, "unanswered", "No answer in this cell yet.", [how])
    if not quiz.practice:
        return Feedback(ref, "saved", "Answer saved with this notebook.",
                        [counts_line(quiz, qid), "This version has no self-check: your instructor grades the answers."])
    if st.final:
        o = st.outcome
        lines = [counts_line(quiz, qid)]
        if answer != st.checked or o is None:
            o = self_check(data, quiz.salt, answer)[1]
        explanation, source = quiz.explanation(qid)
        verdict = o.label if o.status == "answered" else f"{o.label} — {_pts(o)}"
        return Feedback(ref, "final", f"{verdict}. This answer no longer changes.", lines, explanation, source)
    if answer == st.checked and st.outcome is not None:
        outcome, new = st.outcome, False
    else:
        outcome, new = self_check(data, quiz.salt, answer)[1], True
    if new:
        st.attempts += 1
        st.checked, st.outcome = answer, outcome
    if outcome.status == "answered":  # a kind graded by hand (a written answer): saved, never judged here
        _changed(quiz, qid)
        return Feedback(ref, "saved", "Answer saved with this notebook: it is graded by hand, not by the kit.",
                        [counts_line(quiz, qid), "When you are done, press Show the explanation to compare your "
                         "answer with a model answer and the rubric (your answer is then final)."])
    limit = int(data.get("attempts", 3))
    lines = [line for line in outcome.detail.splitlines() if line]  # a scenario explains each duty on a line
    if outcome.status != "correct" and isinstance(answer, str) and answer in data.get("feedback", {}):
        lines.append(unseal(quiz.salt, f"{qid}/feedback/{answer}", data["feedback"][answer]))
    last = st.attempts >= limit
    if outcome.status != "correct":
        hints = data.get("hints", [])
        if hints:
            st.hints_shown = min(max(st.hints_shown, st.attempts), len(hints))
            lines.append(f"Hint: {hints[st.hints_shown - 1]}")
        if last:
            lines.append("That was your last attempt for self-check: here is the explanation. "
                         "Your answer is now final.")
        else:
            left = limit - st.attempts
            lines.append(f"Try again ({left} attempt{'s' if left != 1 else ''} left).")
    fb = Feedback(ref, outcome.status, f"{outcome.label} — {_pts(outcome)}.", lines)
    if outcome.status == "correct" or last:
        st.revealed = True
        fb.explanation, fb.source = quiz.explanation(qid)
    _changed(quiz, qid)
    return fb


def check(ref: str, answer: Any = None, demo: bool = False) -> Feedback:
    """Check an answer to a question, e.g. ``check("ex00.q1", q1)``.

    With no answer (``None``), the answer chosen in the question's widget is checked.
    ``demo=True`` (notebook 00's demonstration) uses a copy of the question whose
    attempts and answers are nobody's.
    """
    checks.flag(demo, "demo")
    quiz, qid = resolve(ref, demo)
    st = quiz.st(qid)
    was_final = st.final
    error = _from_code(quiz, qid, answer)
    if error:
        return Feedback(ref, "invalid", "That answer has the wrong form.",
                        [error] + ([] if st.latest == "code" else [counts_line(quiz, qid)]))
    if answer is not None and not st.pinned:
        mine = _canonical(quiz, qid, answer)
        if mine is not None and mine != st.answer:
            why = ("your answer became final when the explanation was shown" if was_final and quiz.practice else
                   "the widget's answer was given after it")
            return Feedback(ref, "unanswered", "This answer is not the one that counts.",
                            [f"You wrote {quiz.words(qid, mine)}, but {why}.", counts_line(quiz, qid),
                             "To change it, choose your answer in the widget above."
                             if not was_final else "Read the explanation above, and go on to the next question."])
    return check_counted(quiz, qid)


def hint(ref: str, demo: bool = False) -> Feedback:
    """Show the next hint for a question."""
    checks.flag(demo, "demo")
    quiz, qid = resolve(ref, demo)
    st, hints = quiz.st(qid), quiz.q(qid).get("hints", [])
    if not hints or not quiz.practice:
        return Feedback(ref, "unanswered", "This question has no hint.")
    st.hints_shown = min(st.hints_shown + 1, len(hints))
    return Feedback(ref, "unanswered", f"Hint {st.hints_shown} of {len(hints)}.", [hints[st.hints_shown - 1]])


def give_up(ref: str, demo: bool = False) -> Feedback:
    """Show the explanation and its source, once the question has been tried; the answer is then final."""
    checks.flag(demo, "demo")
    quiz, qid = resolve(ref, demo)
    st = quiz.st(qid)
    if not quiz.practice:
        return Feedback(ref, "unanswered", "This version has no explanations: your instructor will discuss the answers.")
    if st.attempts < 1:
        return Feedback(ref, "unanswered", "Try the question first.",
                        ["The explanation comes after your first attempt: answer, press Check, then ask for it."])
    st.revealed = True
    explanation, source = quiz.explanation(qid)
    _changed(quiz, qid)
    return Feedback(ref, "revealed", "Here is the explanation. Your answer is now final.",
                    [counts_line(quiz, qid)], explanation, source)


# ------------------------------------------------------------------------ summary
@dataclass
class Summary:
    """The score so far, per question and in total; it keeps itself up to date in the notebook."""

    title: str
    rows: list[tuple[str, str, float, float, int]]
    exercise: str = ""
    practice: bool = True
    demo: bool = False
    hand: tuple[str, ...] = ()  # questions graded by hand (written answers): not in the points so far

    @property
    def total(self) -> tuple[float, float]:
        """Points so far, out of the points the kit scores (questions graded by hand left out)."""
        rows = [r for r in self.rows if r[0] not in self.hand]
        return sum(r[2] for r in rows), sum(r[3] for r in rows)

    @property
    def by_hand(self) -> str:
        """' (… more points graded by hand: q11)' when the exercise has such questions."""
        if not self.hand:
            return ""
        points = sum(r[3] for r in self.rows if r[0] in self.hand)
        return f" (and {points:g} point{'s' if points != 1 else ''} graded by hand: {', '.join(self.hand)})"

    def __repr__(self) -> str:
        got, out_of = self.total
        if not self.practice:
            answered = sum(r[1] != "unanswered" for r in self.rows)
            lines = [f"{self.title}: {answered} of {len(self.rows)} questions answered (saved with this notebook)"]
            lines += [f"  {q}: {status}" for q, status, *_ in self.rows]
            return "\n".join(lines)
        lines = [f"{self.title}: {got:g} of {out_of:g} points so far{self.by_hand}"]
        lines += [f"  {q}: {status} ({pts:g}/{mx:g}, {n} check{'s' if n != 1 else ''})" for q, status, pts, mx, n in self.rows]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        got, out_of = self.total
        if not self.practice:
            answered = sum(r[1] != "unanswered" for r in self.rows)
            body = "".join(f"<tr><td>{q}</td><td>{html.escape(s)}</td></tr>" for q, s, *_ in self.rows)
            return (f"<table><caption>{html.escape(self.title)}: <b>{answered} of {len(self.rows)}</b> questions "
                    f"answered</caption><tr><th>Question</th><th>Answer</th></tr>{body}</table>")
        head = "<tr><th>Question</th><th>Status</th><th>Points</th><th>Checks</th></tr>"
        body = "".join(f"<tr><td>{q}</td><td>{_ICONS.get(s, '')} {s}</td><td>{p:g} / {m:g}</td><td>{n}</td></tr>"
                       for q, s, p, m, n in self.rows)
        return (f"<table><caption>{html.escape(self.title)}: <b>{got:g} of {out_of:g}</b> points so far"
                f"{html.escape(self.by_hand)}</caption>"
                f"{head}{body}</table>")

    def _bundle(self) -> dict[str, str]:
        return {"text/plain": repr(self), "text/html": self._repr_html_()}

    def _ipython_display_(self) -> None:
        # Shown with a display id, so that every later check updates it: no need to run it again.
        from IPython.display import display

        handle = display(self._bundle(), raw=True, display_id=True)
        quiz = (_DEMOS if self.demo else _QUIZZES).get(self.exercise)
        if quiz is not None and handle is not None:
            quiz.summaries[:] = (quiz.summaries + [handle])[-3:]


def summary(exercise: str | None = None, _demo: bool = False) -> Summary:
    """The score so far in this notebook: per question and in total (in an assessed version: what is answered)."""
    if exercise is not None:
        checks.text(exercise, "exercise", what="the id of an exercise", longest=LONGEST_NAME,
                    allowed="Give its id, e.g. summary('ex00').")
    checks.flag(_demo, "_demo")
    if exercise is None:
        if len(_QUIZZES) != 1:
            raise R2PKitError("Say which exercise, e.g. summary('ex00').")
        quiz = next(iter(_QUIZZES.values()))
    else:
        quiz = _quiz(exercise, _demo)
    rows = []
    hand = tuple(qid for qid in quiz.questions if not kinds.of(quiz.question(qid)).auto_scored)
    for qid, data in quiz.questions.items():
        st = quiz.st(qid)
        if not quiz.practice:
            rows.append((qid, quiz.words(qid, st.answer) if st.answer is not None else "unanswered",
                         0.0, float(data["points"]), 0))
            continue
        o = st.outcome
        status = o.status if o else ("revealed" if st.revealed else "unanswered")
        if o is None and qid in hand and st.answer is not None:  # nothing to check: it waits for the instructor
            status = "saved"
        if o and st.answer is not None and st.answer != st.checked and not st.final:
            status += " (changed since: press Check)"
        rows.append((qid, status, o.points if o else 0.0, float(data["points"]), st.attempts))
    return Summary(f"{quiz.id} — {quiz.title}", rows, quiz.id, quiz.practice, quiz.demo, hand)


# ------------------------------------------------------------- for the grader
def restore_answers(saved: Any) -> None:
    """Put back the answers saved in a submitted notebook (see :func:`r2pkit.exercises.protocol.restore`).

    ``saved`` is ``{exercise: {question: answer}}``, or ``{exercise: {question: record}}``.
    """
    _SAVED.clear()
    _RESTORED[0] = True
    if not isinstance(saved, dict):
        return
    for eid, answers in saved.items():
        if not isinstance(answers, dict):
            continue
        for qid, value in answers.items():
            is_record = isinstance(value, dict) and {"exercise", "question", "answer"} <= set(value)
            record = dict(value) if is_record else {"answer": value}
            if record.get("answer") is not None:
                _SAVED[(str(eid), str(qid))] = record
    for quiz in _QUIZZES.values():
        for st in quiz.state.values():
            st.pinned = False
        _apply_restored(quiz)


_restore = restore_answers


def recorded_answers(namespace: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """The answers that count (see :func:`r2pkit.exercises.protocol.collect`), never raising on a student's value.

    A question answered neither by check() nor by a widget falls back to the variable of
    the same name (q1, q2 …), so redefining check() changes nothing.
    """
    out: dict[str, dict[str, Any]] = {}
    for eid, quiz in list(_QUIZZES.items()):
        answers: dict[str, Any] = {}
        for qid in quiz.questions:
            st = quiz.state.get(qid, _State())
            if st.latest == "code" and st.invalid:
                answers[qid] = {"invalid": st.invalid[:300], "via": "code"}
            elif st.answer is not None:
                answers[qid] = {"answer": st.answer, "via": st.via}
            elif namespace and namespace.get(qid) is not None:
                raw = namespace[qid]
                try:
                    answers[qid] = {"answer": normalise(quiz.question(qid), raw), "via": "code"}
                except AnswerError:
                    answers[qid] = {"invalid": _capped(raw), "via": "code"}
                except Exception as exc:  # whatever a student's object raises, it is an answer of the wrong form
                    answers[qid] = {"invalid": f"{_capped(raw, 250)} ({type(exc).__name__})", "via": "code"}
        out[eid] = answers
    return out


def _export(namespace: dict[str, Any] | None = None) -> str:
    return json.dumps(recorded_answers(namespace), default=str)

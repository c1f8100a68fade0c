"""The grading protocol: what a notebook file says about itself, and how answers leave a kernel.

Everything the batch grader needs from a student's notebook goes through the six
functions of this module, so that the notebook side (:mod:`~r2pkit.exercises.runtime`,
:mod:`~r2pkit.exercises.ui`) can change without the grader noticing:

- pure, on a notebook read as a dict (``nbformat`` or ``json``), for the grader's own process:
  :func:`identify` (which exercise, version, questions' fingerprint and mode a built
  notebook carries in ``metadata.r2pkit``), :func:`problems` (a notebook of another
  exercise, an older version or with edited question cells), :func:`saved_answers`
  (the answers saved in the file) and :func:`fingerprint` (of an exercise's questions);
- in the kernel that runs a submission: :func:`restore`, first, to put the saved
  answers back, and :func:`collect`, last, for the answers as JSON: the only thing that
  needs to leave the kernel. Scores are computed outside it, against the key.

Where answers are saved. Each question's widget cell has a small output (mime type
:data:`ANSWER_MIME`) holding the question's *record*: the answer that will be graded,
where it came from (the widget or the code cell), the last widget answer and the last
code answer, the self-check attempts used, and whether the answer is final. The kernel
rewrites that output whenever the answer changes (by its display id), so it is saved
with the notebook; when the notebook is run again from a fresh kernel, ``load()`` reads
the records back from the notebook's own file before the cells clear their outputs, and
the widgets show the saved answers again. The grader reads the same records from the
handed-in file alone (:func:`saved_answers`) and gives them to the kernel
(:func:`restore`). See :mod:`~r2pkit.exercises.runtime` for the rule when a widget
answer and a code answer disagree (the latest one counts).

An assessed notebook also asks for the student's id: its output (mime type
:data:`STUDENT_MIME`) saves the id entered, which the grader reads from the file
(:func:`saved_student_id`) and writes into its results, for the roster to match
a submission whose file name names no student.

Version 1 of this protocol (format of :func:`collect`'s JSON and of the records).
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

from .source import Exercise

__all__ = ["ANSWER_MIME", "STUDENT_MIME", "MODES", "PROTOCOL_VERSION", "saved_answers", "saved_records", "restore",
           "collect", "identify", "problems", "fingerprint", "question_cells", "answer_output", "student_output",
           "saved_student_id", "clean_student_id"]

#: The mime type of the output that saves a question's answer inside the notebook file.
ANSWER_MIME = "application/vnd.r2pkit.answer+json"
#: The mime type of the output that saves the student id entered in an assessed notebook.
STUDENT_MIME = "application/vnd.r2pkit.student+json"
#: The versions one exercise source is built into (``metadata.r2pkit.mode``).
MODES = ("practice", "assessed", "solution")
PROTOCOL_VERSION = 1

_MAX_ANSWER_CHARS = 200_000  # a saved answer larger than this is not an answer (a table is a few KB)


def _cells(nb: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    cells = nb.get("cells") if isinstance(nb, Mapping) else None
    return [c for c in cells if isinstance(c, Mapping)] if isinstance(cells, list) else []


def saved_records(nb: Mapping[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """Every question's saved record, ``{exercise: {question: record}}`` (the last one wins).

    A record is a mapping with at least ``answer`` (the answer that will be graded, or
    None); anything that is not a well-formed record is ignored, never an error.

    >>> nb = {"cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data",
    ...       "data": {ANSWER_MIME: {"exercise": "ex00", "question": "q1", "answer": "a", "via": "widget"}}}]}]}
    >>> saved_records(nb)["ex00"]["q1"]["via"]
    'widget'
    """
    found: dict[str, dict[str, dict[str, Any]]] = {}
    for cell in _cells(nb):
        outputs = cell.get("outputs")
        for out in outputs if isinstance(outputs, list) else []:
            data = out.get("data") if isinstance(out, Mapping) else None
            record = data.get(ANSWER_MIME) if isinstance(data, Mapping) else None
            if not isinstance(record, Mapping):
                continue
            eid, qid = record.get("exercise"), record.get("question")
            if not (isinstance(eid, str) and isinstance(qid, str)) or "answer" not in record:
                continue
            if len(json.dumps(record, default=str)) > _MAX_ANSWER_CHARS:
                continue
            found.setdefault(eid, {})[qid] = dict(record)
    for (eid, qid), text in _markdown_answers(nb).items():
        found.setdefault(eid, {})[qid] = {"exercise": eid, "question": qid, "answer": text, "via": "widget",
                                          "widget": text, "code": None, "cell": "markdown"}
    return found


def _markdown_answers(nb: Mapping[str, Any]) -> dict[tuple[str, str], str]:
    r"""The answers written in Markdown answer cells (``metadata.r2pkit.answer`` names the question);
    several cells for one question are joined, an empty one (the placeholder alone) is no answer.

    >>> from r2pkit.exercises.kinds.written import PLACEHOLDER
    >>> cell = {"cell_type": "markdown", "metadata": {"r2pkit": {"answer": "ex92.q2"}}}
    >>> _markdown_answers({"cells": [cell | {"source": PLACEHOLDER + "\nThe occupier governs."}]})
    {('ex92', 'q2'): 'The occupier governs.'}
    >>> _markdown_answers({"cells": [cell | {"source": PLACEHOLDER}]})
    {}
    """
    from .kinds.written import markdown_answer

    parts: dict[tuple[str, str], list[str]] = {}
    for cell in _cells(nb):
        meta = cell.get("metadata")
        ref = (meta.get("r2pkit") or {}).get("answer") if isinstance(meta, Mapping) else None
        if cell.get("cell_type") != "markdown" or not isinstance(ref, str) or ref.count(".") != 1:
            continue
        text = markdown_answer(cell.get("source"))
        if text:
            eid, qid = ref.split(".")
            parts.setdefault((eid, qid), []).append(text)
    joined = {key: "\n\n".join(texts) for key, texts in parts.items()}
    return {key: text for key, text in joined.items() if len(text) <= _MAX_ANSWER_CHARS}


def answer_output(exercise: str, question: str, answer: Any, via: str = "widget") -> dict[str, Any]:
    """The data of an output that saves ``answer`` (canonical) as the one that counts, as a widget cell holds it.

    For tests and tools that prepare notebooks; the kernel writes fuller records itself.

    >>> saved_answers({"cells": [{"outputs": [{"data": answer_output("ex00", "q1", "a")}]}]})
    {'ex00': {'q1': 'a'}}
    """
    record = {"exercise": exercise, "question": question, "answer": answer, "via": via,
              "widget": answer if via == "widget" else None, "code": answer if via == "code" else None,
              "invalid": None, "checked": None, "attempts": 0, "final": False}
    return {ANSWER_MIME: record, "text/plain": f"Question {question} · saved answer: {answer}"}


def clean_student_id(value: Any) -> str:
    """A student id as entered, made safe: text only, no control characters, trimmed, at most 64 characters.

    >>> clean_student_id("  s1234567 \\n"), clean_student_id(42), clean_student_id("x" * 100)[-3:]
    ('s1234567', '', 'xxx')
    """
    if not isinstance(value, str):
        return ""
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", "", value).strip()[:64]


def student_output(exercise: str, student_id: str) -> dict[str, Any]:
    """The data of the output that saves the student id entered in a notebook (see :func:`saved_student_id`).

    >>> student_output("ex00", "s1")["text/plain"]
    'Saved with this notebook · your student id: s1'
    """
    student_id = clean_student_id(student_id)
    text = f"your student id: {student_id}" if student_id else "no student id entered yet"
    return {STUDENT_MIME: {"exercise": exercise, "student_id": student_id}, "text/plain": f"Saved with this notebook · {text}"}


def saved_student_id(nb: Mapping[str, Any], exercise: str | None = None) -> str:
    """The student id entered in a notebook ("" if none), read from its saved output; pure.

    The last such output counts (of ``exercise``, if given); what is not a well-formed
    record is ignored.

    >>> nb = {"cells": [{"outputs": [{"data": student_output("ex00", " s1234 ")}]}]}
    >>> saved_student_id(nb), saved_student_id(nb, "ex01"), saved_student_id({"cells": None})
    ('s1234', '', '')
    """
    found = ""
    for cell in _cells(nb):
        outputs = cell.get("outputs")
        for out in outputs if isinstance(outputs, list) else []:
            data = out.get("data") if isinstance(out, Mapping) else None
            record = data.get(STUDENT_MIME) if isinstance(data, Mapping) else None
            if isinstance(record, Mapping) and (exercise is None or record.get("exercise") == exercise):
                found = clean_student_id(record.get("student_id"))
    return found


def saved_answers(nb: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The answers saved in a notebook file: ``{exercise: {question: answer}}``.

    Pure: reads the notebook's records (see the module's docstring), runs nothing.
    Questions with no saved answer are left out.

    >>> nb = {"cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data",
    ...       "data": {ANSWER_MIME: {"exercise": "ex00", "question": "q1", "answer": ["a", "b"]}}}]},
    ...       {"cell_type": "code", "outputs": [{"output_type": "display_data",
    ...       "data": {ANSWER_MIME: {"exercise": "ex00", "question": "q2", "answer": None}}}]}]}
    >>> saved_answers(nb)
    {'ex00': {'q1': ['a', 'b']}}
    >>> saved_answers({"cells": "not a list"})
    {}
    """
    out: dict[str, dict[str, Any]] = {}
    for eid, records in saved_records(nb).items():
        answers = {qid: r["answer"] for qid, r in records.items() if r.get("answer") is not None}
        if answers:
            out[eid] = answers
    return out


def restore(saved: Mapping[str, Mapping[str, Any]]) -> None:
    """Kernel side: put saved answers (as :func:`saved_answers` gives them) back, before the first cell runs.

    The widgets then show these answers, and they count as the student's latest: a code
    cell that repeats an earlier answer when the notebook runs again does not replace
    them. It replaces whatever was restored before, and stops ``load()`` from reading
    answers from any notebook file.
    """
    from . import runtime

    runtime.restore_answers(saved)


def collect(namespace: Mapping[str, Any] | None = None) -> str:
    """Kernel side: the answers recorded so far, as JSON, for the grader to score outside the kernel.

    ``{exercise: {question: {"answer": ..., "via": "widget" | "code"} | {"invalid": text, "via": ...}}}``;
    the latest answer of each question counts. A question answered neither in its widget
    nor through ``check`` falls back to the variable of the same name in ``namespace``
    (``q1``, ``q2`` …) with ``"via": "code"``. Never raises on what a notebook left in
    its variables: an answer that cannot be read is reported as invalid, its text capped.
    """
    from . import runtime

    return json.dumps(runtime.recorded_answers(dict(namespace or {})), default=str)


def identify(nb: Mapping[str, Any]) -> dict[str, Any]:
    """What a notebook says it is: ``{"exercise", "version", "fingerprint", "mode"}`` (None where unknown).

    Read from ``metadata.r2pkit``, written by ``r2pkit exercises build``; a notebook
    without it is identified by its ``load("exNN")`` cell, if any.

    >>> identify({"metadata": {"r2pkit": {"exercise": "ex00", "version": "1", "fingerprint": "ab", "mode": "assessed"}}})
    {'exercise': 'ex00', 'version': '1', 'fingerprint': 'ab', 'mode': 'assessed'}
    >>> identify({"cells": [{"cell_type": "code", "source": 'load("ex02")'}]})
    {'exercise': 'ex02', 'version': None, 'fingerprint': None, 'mode': None}
    """
    meta = nb.get("metadata") if isinstance(nb, Mapping) else None
    meta = meta.get("r2pkit") if isinstance(meta, Mapping) else None
    meta = meta if isinstance(meta, Mapping) else {}

    def text(key: str) -> str | None:
        value = meta.get(key)
        return value[:200] if isinstance(value, str) and value else None

    found = {"exercise": text("exercise"), "version": text("version"), "fingerprint": text("fingerprint"),
             "mode": text("mode") if meta.get("mode") in MODES else None}
    if found["exercise"] is None:
        for cell in _cells(nb):
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else str(source)
            m = re.search(r"""load\(\s*["'](ex\d{2}\w*)["']""", source)
            if m:
                found["exercise"] = m.group(1)
                break
    return found


def fingerprint(ex: Exercise) -> str:
    """A short hash of an exercise's questions as students see them (never of the key).

    Two builds of the same questions have the same fingerprint; changing a question's
    text, choices, points or order changes it.

    >>> from r2pkit.exercises.source import parse_source
    >>> text = "id: ex90\\ntitle: T\\nquestions:\\n- {id: q1, kind: numeric, prompt: How many, answer: 2, explanation: e, source: s}\\n"
    >>> a, b = parse_source(text), parse_source(text.replace("answer: 2", "answer: 3"))
    >>> fingerprint(a) == fingerprint(b) != fingerprint(parse_source(text.replace("How many", "How much")))
    True
    """
    shown = [{"id": q.id, "kind": q.kind, "prompt": q.prompt, "points": q.points, "options": q.options,
              "justifications": q.justifications, "items": q.items, "categories": q.categories, "unit": q.unit,
              "answer_type": q.answer_type, "facts": list(q.facts), "duties": list(q.duties)}
             for q in ex.questions]
    text = json.dumps({"id": ex.id, "title": ex.title, "questions": shown}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def question_cells(ex: Exercise) -> dict[str, str]:
    """Each question's Markdown cell (its header and text), as the build writes it."""
    from .build import question_markdown

    return {q.id: question_markdown(ex, n, q) for n, q in enumerate(ex.questions, 1)}


def _flat(text: Any) -> str:
    text = "".join(text) if isinstance(text, list) else str(text)
    return " ".join(text.replace("#", " ").split())


def problems(nb: Mapping[str, Any], ex: Exercise) -> list[str]:
    """Why a notebook may not be a copy of the exercise ``ex`` (empty: none found).

    Finds a notebook of another exercise, one built from another version or from other
    questions, and question cells whose text was edited or deleted. Each problem is a
    sentence for the grades file.
    """
    found = identify(nb)
    out: list[str] = []
    if found["exercise"] is None:
        return [f"This notebook does not say which exercise it is (no r2pkit metadata, no load cell); "
                f"it was graded as {ex.id}."]
    if found["exercise"] != ex.id:
        return [f"This notebook is exercise {found['exercise']}, not {ex.id}."]
    if found["version"] is not None and found["version"] != ex.version:
        out.append(f"This notebook was built from version {found['version']} of {ex.id}; "
                   f"the key is version {ex.version}.")
    if found["fingerprint"] is None:
        out.append(f"This notebook carries no fingerprint of its questions (built before fingerprints, "
                   f"or its metadata was removed).")
    elif found["fingerprint"] != fingerprint(ex):
        out.append(f"This notebook's questions are not those of {ex.id} version {ex.version} "
                   f"(its fingerprint {found['fingerprint']} differs from {fingerprint(ex)}).")
    present = {_flat(c.get("source", "")) for c in _cells(nb) if c.get("cell_type") == "markdown"}
    edited = [qid for qid, text in question_cells(ex).items() if _flat(text) not in present]
    if edited:
        out.append(f"The text of question{'s' if len(edited) > 1 else ''} {', '.join(edited)} "
                   "was edited or deleted in this notebook.")
    return out

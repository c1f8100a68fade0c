"""Feedback a student can use: one HTML page per student and exercise.

Each page shows, for every question, the prompt, the student's own answer, the verdict in
words (never by colour alone), the points (with an override's reason), the grader's
comment, a hint when the answer was not right, and the explanation with its source —
taken from the exercise's key here, outside any sandbox, never from the notebook.

A page names only its own student. Notes about identical files (possible copying) go to
the instructor's report alone; a grader note that names another submission is left out of
a page even if one slipped into the results. The pages are plain, self-contained HTML
(no script, no external file): they open from a hub's file browser, an email or an LMS,
read well with a screen reader (headings, a table with a caption, a skip-free order) and
print on paper.
"""
from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .gradebook import Gradebook
from .results import Submission
from .roster import Student

__all__ = ["VERDICTS", "answer_text", "markdown_html", "page", "pages", "load_keys"]

#: How each status reads on a page: a symbol and words, so colour is never the only cue.
VERDICTS = {
    "correct": ("✓", "Correct"), "partial": ("½", "Partly right"), "incorrect": ("✗", "Not right"),
    "unanswered": ("–", "Not answered"), "error": ("!", "Could not be graded"),
    "timeout": ("!", "Not reached in time"), "missing": ("–", "Not handed in"), "answered": ("✎", "Answered"),
    "wrong_exercise": ("!", "Not scored: another exercise was handed in"),
    "mismatch": ("!", "Not scored: the notebook is not the one handed out"),
}
MAX_ANSWER = 4000  # characters of an answer shown on a page

_CSS = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:46rem;margin:2rem auto;
padding:0 1rem;color:#1a1a1a;background:#fff}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-top:1px solid #888;padding-top:1rem}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #888;padding:.3rem .6rem;text-align:left}
.verdict{font-weight:bold}.correct{color:#005a32}.incorrect,.error,.timeout{color:#8a2a00}
.partial{color:#6b4a00}.answer{background:#f3f3f3;padding:.5rem;white-space:pre-wrap;border-left:4px solid #0072B2}
.source{font-size:.9rem;color:#333}a{color:#0050a0}
@media print{h2{break-before:auto}}
"""


def load_keys(extra: Sequence[str | Path] = (), wanted: Sequence[str] | None = None) -> dict[str, Any]:
    """The exercises' keys by id: the kit's own sources (only the ``wanted`` ones, if given: loading
    a key runs its data questions' solutions), then the instructor's (which win)."""
    import yaml

    from ..exercises.source import load_source
    from ..workspace import KIT_ROOT

    keys: dict[str, Any] = {}
    for src in sorted((KIT_ROOT / "exercises" / "source").glob("*.yaml")):
        try:
            if wanted is not None and (yaml.safe_load(src.read_text(encoding="utf-8")) or {}).get("id") not in wanted:
                continue
            ex = load_source(src)
        except Exception:  # a broken kit source must not stop an instructor's feedback
            continue
        keys[ex.id] = ex
    for src in extra:
        ex = load_source(src)
        keys[ex.id] = ex
    return keys


def answer_text(answer: Any, question: Any = None, limit: int = 0) -> str:
    """A student's answer in words, with the option texts of a choice question when the key is known,
    shortened past ``limit`` characters (default :data:`MAX_ANSWER`).

    >>> answer_text(None)
    '(no answer)'
    >>> answer_text(["a", "c"])
    'a, c'
    >>> answer_text({"verdict": False, "why": "b"})
    'verdict: false; why: b'
    >>> class Q: options = {"a": "UNHCR", "b": "The World Bank"}; justifications = {}; items = {}
    >>> answer_text("a", Q())
    'a) UNHCR'
    """
    if answer is None or answer == "":
        return "(no answer)"
    labels: Mapping[str, str] = {}
    if question is not None:
        labels = {**getattr(question, "items", {}), **getattr(question, "justifications", {}),
                  **getattr(question, "options", {})}

    def one(value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, str) and value in labels:
            return f"{value}) {labels[value]}"
        if isinstance(value, (str, int, float)):
            return str(value)
        return json.dumps(value, ensure_ascii=False, default=str)

    if isinstance(answer, list):
        text = ", ".join(one(v) for v in answer)
    elif isinstance(answer, dict):
        text = "; ".join(f"{k}: {one(v)}" for k, v in answer.items())
    else:
        text = one(answer)
    limit = limit or MAX_ANSWER
    return text if len(text) <= limit else text[:limit] + " … (shortened)"


def markdown_html(text: str) -> str:
    """The key's Markdown as HTML, with any raw HTML in it escaped."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).render(text or "")


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _for_student(notes: Sequence[str], others: Sequence[str], own: str = "") -> list[str]:
    """The grader's notes a student may see: none that names another submission or says 'identical'.

    >>> _for_student(["The run stopped early.", "a/ex.ipynb is identical to b/ex.ipynb",
    ...               "also given as b/ex.ipynb"], ["b/ex.ipynb"], "a/ex.ipynb")
    ['The run stopped early.']
    """
    names = set(others) | {"/".join(Path(o).parts[-2:]) for o in others}
    names |= {Path(o).name for o in others if Path(o).name != Path(own).name}
    return [n for n in notes if "identical" not in n.lower() and not any(name and name in n for name in names)]


def page(student: Student, exercise: str, book: Gradebook, key: Any = None, others: Sequence[str] = ()) -> str:
    """The feedback page of one student for one exercise (HTML text)."""
    row = book.exercises[(book.exercises["student_id"] == student.id) & (book.exercises["exercise"] == exercise)]
    info = row.iloc[0]
    sub: Submission | None = book.submissions.get(info["submission"]) if info["submission"] else None
    answers = {q.question: q for q in sub.questions} if sub else {}
    title = f"{exercise}: {key.title}" if key is not None else exercise
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>Feedback, {_e(title)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>", "<main>",
           f"<h1>Feedback on {_e(title)}</h1>",
           f"<p>For {_e(student.name or student.id)} (id {_e(student.id)}).</p>"]
    score, max_points = float(info["score"]), float(info["max_points"])
    summary = [f"<p><strong>Your score: {score:g} of {max_points:g} points.</strong>"]
    if int(info["days_late"]):
        summary.append(f" Handed in {int(info['days_late'])} day(s) after the deadline: "
                       f"{float(info['late_penalty']):g} point(s) were taken off "
                       f"(from {float(info['points_before_penalty']):g}).")
    if info["override_reason"]:
        summary.append(f" Your instructor set this score: {_e(info['override_reason'])}.")
    if not sub:
        summary.append(" Nothing was received from you for this exercise.")
    out.append("".join(summary) + "</p>")
    notes = _for_student(sub.notes, others, sub.submission) if sub else []
    if sub and sub.status_note and "identical" not in sub.status_note.lower():
        notes.insert(0, sub.status_note)
    if notes:
        out += ["<h2>About your notebook</h2>", "<ul>"] + [f"<li>{_e(n)}</li>" for n in notes] + ["</ul>"]
    qrows = book.questions[(book.questions["student_id"] == student.id) & (book.questions["exercise"] == exercise)]
    out += ['<table>', "<caption>Points per question</caption>",
            '<thead><tr><th scope="col">Question</th><th scope="col">Verdict</th><th scope="col">Points</th></tr></thead>',
            "<tbody>"]
    for q in qrows.itertuples(index=False):
        symbol, words = VERDICTS.get(q.status, ("?", q.status))
        out.append(f'<tr><th scope="row"><a href="#{_e(q.question)}">{_e(q.question)}</a></th>'
                   f"<td>{symbol} {_e(words)}</td><td>{float(q.points):g} / {float(q.max_points):g}</td></tr>")
    out += ["</tbody>", "</table>"]
    for q in qrows.itertuples(index=False):
        kq = None
        if key is not None:
            kq = next((x for x in key.questions if x.id == q.question), None)
        got = answers.get(q.question)
        symbol, words = VERDICTS.get(q.status, ("?", q.status))
        out.append(f'<h2 id="{_e(q.question)}">Question {_e(q.question)}</h2>')
        if kq is not None:
            out.append(f'<div class="prompt">{markdown_html(kq.prompt)}</div>')
        out.append("<p>Your answer:</p>")
        out.append(f'<div class="answer">{_e(answer_text(got.answer if got else None, kq, limit=20_000))}</div>')
        out.append(f'<p class="verdict {_e(q.status)}">{symbol} {_e(words)}: {float(q.points):g} of '
                   f"{float(q.max_points):g} point(s).</p>")
        if q.override_reason:
            out.append(f"<p>Your instructor changed these points (the grader gave {float(q.grader_points):g}): "
                       f"{_e(q.override_reason)}.</p>")
        if got and got.detail:
            out.append(f"<p>Comment: {_e(got.detail)}</p>")
        if kq is not None and q.status not in ("correct", "answered"):
            if kq.hints:
                out.append(f'<div class="hint"><strong>Hint:</strong> {markdown_html(kq.hints[0])}</div>')
        model = (getattr(kq, "extra", None) or {}).get("model_answer") if kq is not None else None
        if model:  # a written question: what full marks look like, and what each point rewards
            from .handgrade import rubric_items

            out.append("<h3>The rubric</h3><ul>" + "".join(
                f"<li>{_e(comment)} ({points:g} point{'s' if points != 1 else ''})</li>"
                for points, comment in rubric_items(kq)) + "</ul>")
            out.append(f'<h3>A model answer</h3><div class="answer">{_e(model)}</div>')
        if kq is not None and kq.explanation:
            out.append("<h3>Explanation</h3>" + markdown_html(kq.explanation))
            if kq.source:
                out.append(f'<p class="source">Source: {_e(kq.source)}</p>')
    if key is None:
        out.append("<p>(The explanations are not shown: the grader's key for this exercise was not given.)</p>")
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def pages(book: Gradebook, keys: Mapping[str, Any], progress: bool | None = None) -> dict[str, str]:
    """Every student's pages: ``{"STUDENT_ID/EXERCISE.html": html}`` (a student's folder holds only theirs)."""
    import re
    import sys

    from tqdm.auto import tqdm

    found: dict[str, str] = {}
    pairs = list(book.exercises[["student_id", "exercise"]].itertuples(index=False))
    students = {s.id: s for s in book.students}
    all_paths = list(book.submissions)
    for sid, ex in tqdm(pairs, desc="Feedback", unit="page", file=sys.stderr,
                        disable=(not progress) if progress is not None else None):
        mine = book.exercises[(book.exercises["student_id"] == sid) & (book.exercises["exercise"] == ex)]
        own = mine["submission"].iloc[0]
        others = [p for p in all_paths if p != own]
        folder = re.sub(r"[^\w.@-]+", "_", sid).strip("._") or "student"
        found[f"{folder}/{ex}.html"] = page(students[sid], ex, book, keys.get(ex), others)
    return found

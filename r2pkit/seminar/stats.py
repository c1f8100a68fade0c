"""Which questions the class found hard: per-question statistics, as a table and a chart.

For each question, over the students who handed the exercise in:

- **mean score** (points) and **share correct** (full marks);
- **most chosen wrong answer**: the answer given most often by those who did not get full
  marks, with how many gave it (the misconception to talk about next week); none for a
  written answer, which no two students write alike;
- **discrimination**: the *corrected item-total correlation* — Pearson's r between the
  share of the question's points a student got and their score on the rest of the
  exercise (the question itself left out, so it does not correlate with itself). For a
  question scored right/wrong this is the **point-biserial** correlation. Near 0 or
  negative: the question does not separate students who did well from those who did not
  (it may be ambiguous, or test something else); 0.2 and above is usually called fair,
  0.3 and above good (Ebel's rule of thumb). It needs some spread: with fewer than five
  students, or when everyone got the same, it is left empty.

A question is flagged *revisit* when fewer than half got it right, or when its
discrimination is below 0.2.
"""
from __future__ import annotations

import html
import json
import math
from collections import Counter
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .feedback import answer_text
from .gradebook import Gradebook

__all__ = ["question_stats", "discrimination", "stats_chart", "stats_page", "COLUMNS"]

COLUMNS = ["exercise", "question", "students", "mean_points", "max_points", "share_correct", "share_unanswered",
           "most_chosen_wrong", "wrong_count", "discrimination", "revisit"]
MIN_STUDENTS = 5


def discrimination(item: list[float], rest: list[float]) -> float | None:
    """Pearson's r between item scores and rest scores; None when either has no spread or n < 5.

    >>> round(discrimination([1, 1, 1, 0, 0], [4, 5, 3, 1, 0]), 3)
    0.924
    >>> discrimination([1, 1, 1, 1, 1], [4, 5, 3, 1, 0]) is None
    True
    """
    n = len(item)
    if n < MIN_STUDENTS or n != len(rest):
        return None
    mi, mr = sum(item) / n, sum(rest) / n
    si = sum((x - mi) ** 2 for x in item)
    sr = sum((y - mr) ** 2 for y in rest)
    if si <= 1e-12 or sr <= 1e-12:
        return None
    return sum((x - mi) * (y - mr) for x, y in zip(item, rest)) / math.sqrt(si * sr)


def _key(answer: Any) -> str:
    return json.dumps(answer, sort_keys=True, ensure_ascii=False, default=str)


def question_stats(book: Gradebook, keys: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """One row per question of every exercise (see the module's docstring for each column)."""
    keys = keys or {}
    q = book.questions[book.questions["status"] != "missing"]
    rows = []
    for (ex, qid), group in q.groupby(["exercise", "question"], sort=False):
        totals = q[q["exercise"] == ex].groupby("student_id")["points"].sum()
        max_points = float(group["max_points"].iloc[0])
        item = [float(p) / max_points if max_points else 0.0 for p in group["points"]]
        rest = [float(totals[sid]) - float(p) for sid, p in zip(group["student_id"], group["points"])]
        wrong: Counter[str] = Counter()
        examples: dict[str, Any] = {}
        for sub_path, points in zip(group["submission"], group["points"]):
            if float(points) >= max_points:
                continue
            sub = book.submissions.get(sub_path)
            got = next((r for r in sub.questions if r.question == qid), None) if sub else None
            if got is None or got.answer is None or got.status in ("unanswered", "answered"):
                continue
            k = _key(got.answer)
            wrong[k] += 1
            examples.setdefault(k, got.answer)
        kq = None
        if ex in keys:
            kq = next((x for x in keys[ex].questions if x.id == qid), None)
        top = wrong.most_common(1)
        share = float((group["points"] >= max_points).mean()) if max_points else 0.0
        d = discrimination(item, rest)
        rows.append({"exercise": ex, "question": qid, "students": len(group),
                     "mean_points": round(float(group["points"].mean()), 2), "max_points": max_points,
                     "share_correct": round(share, 3),
                     "share_unanswered": round(float((group["status"] == "unanswered").mean()), 3),
                     "most_chosen_wrong": answer_text(examples[top[0][0]], kq)[:200] if top else "",
                     "wrong_count": top[0][1] if top else 0,
                     "discrimination": None if d is None else round(d, 2),
                     "revisit": share < 0.5 or (d is not None and d < 0.2)})
    return pd.DataFrame(rows, columns=COLUMNS)


def stats_chart(table: pd.DataFrame) -> Any:
    """A bar per question: the share of the class with full marks, questions to revisit marked."""
    import altair as alt

    from ..charts import titled

    data = table.assign(label=table["exercise"] + " " + table["question"],
                        flag=table["revisit"].map({True: "revisit", False: "fine"}),
                        disc=table["discrimination"].map(lambda d: "n/a" if d is None or pd.isna(d) else f"{d:.2f}"))
    hard = data.loc[data["revisit"], "label"].tolist()
    description = (f"Bar chart of the share of students with full marks on each of {len(data)} questions. "
                   + (f"To revisit: {', '.join(hard)}." if hard else "No question needs revisiting.")
                   + " " + "; ".join(f"{r.label}: {r.share_correct:.0%} correct, discrimination {r.disc}"
                                     for r in data.itertuples()))
    chart = alt.Chart(data).mark_bar().encode(
        y=alt.Y("label:N", sort=None, title="Question"),
        x=alt.X("share_correct:Q", title="Share of students with full marks", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("flag:N", title="", scale=alt.Scale(domain=["fine", "revisit"], range=["#0072B2", "#D55E00"])),
        tooltip=[alt.Tooltip("label:N", title="Question"), alt.Tooltip("share_correct:Q", format=".0%",
                                                                     title="Full marks"),
                 alt.Tooltip("mean_points:Q", title="Mean points"), alt.Tooltip("disc:N", title="Discrimination"),
                 alt.Tooltip("most_chosen_wrong:N", title="Most chosen wrong answer")],
    ).properties(width=420)
    return titled(chart, "Which questions the class found hard", description,
                  subtitle="Orange bars: fewer than half right, or the question does not separate strong and weak")


def stats_page(table: pd.DataFrame, svg: str, description: str) -> str:
    """The statistics as a self-contained HTML page: the chart (with its text alternative) and the table."""
    e = html.escape
    head = ["Exercise", "Question", "Students", "Mean points", "Of", "Full marks", "Unanswered",
            "Most chosen wrong answer", "How many", "Discrimination", "Revisit?"]
    rows = []
    for r in table.itertuples(index=False):
        d = "n/a" if r.discrimination is None or pd.isna(r.discrimination) else f"{r.discrimination:.2f}"
        rows.append("<tr>" + f'<th scope="row">{e(r.exercise)}</th>' + "".join(f"<td>{e(str(v))}</td>" for v in (
            r.question, r.students, f"{r.mean_points:g}", f"{r.max_points:g}", f"{r.share_correct:.0%}",
            f"{r.share_unanswered:.0%}", r.most_chosen_wrong or "—", r.wrong_count or "", d,
            "yes" if r.revisit else "no")) + "</tr>")
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en">', '<head><meta charset="utf-8"><title>Class statistics</title>',
        "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}"
        "table{border-collapse:collapse}th,td{border:1px solid #888;padding:.3rem .5rem;text-align:left}</style>",
        "</head>", "<body>", "<main>", "<h1>Class statistics: which questions to revisit</h1>",
        f'<figure role="img" aria-label="{e(description)}">{svg}<figcaption>{e(description)}</figcaption></figure>',
        "<table>", "<caption>Per question. Discrimination: corrected item-total correlation "
        "(point-biserial for right/wrong questions); n/a with fewer than 5 students or no spread.</caption>",
        "<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in head) + "</tr></thead>",
        "<tbody>", *rows, "</tbody>", "</table>", "</main>", "</body>", "</html>", ""])

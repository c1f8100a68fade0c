"""Results files in the grader's documented schema (WORKFLOW.md's contract), made for tests."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

#: A small exercise: (question, max points, right answer, a wrong answer)
EXERCISE = [("q1", 1.0, "a", "b"), ("q2", 2.0, ["a", "b"], ["c"]), ("q3", 2.0, 42, 7)]


def question(qid: str, max_points: float, answer: Any, status: str) -> dict[str, Any]:
    points = {"correct": max_points, "partial": max_points / 2}.get(status, 0.0)
    return {"question": qid, "status": status, "points": points, "max_points": max_points,
            "answer": None if status == "unanswered" else answer,
            "detail": {"incorrect": "Look again at section 2.", "partial": "Half right."}.get(status, "")}


def submission(path: str, statuses: list[str], exercise: str = "ex09", mtime: float = 1_764_633_600.0,
               sha: str | None = None, **extra: Any) -> dict[str, Any]:
    qs = []
    for (qid, pts, right, wrong), status in zip(EXERCISE, statuses):
        qs.append(question(qid, pts, right if status == "correct" else wrong, status))
    digest = sha or hashlib.sha256(json.dumps([path, statuses]).encode()).hexdigest()
    return {"submission": path, "file_sha256": digest, "mtime": mtime, "exercise": exercise, "version": "1",
            "mode": "assessed", "status_note": "", "notes": [], "questions": qs, **extra}


def results(subs: list[dict[str, Any]]) -> dict[str, Any]:
    return {"kit_version": "0.1.0", "created": "2026-12-02T10:00:00+00:00", "sandbox": "bubblewrap",
            "submissions": subs}


def write(path: Path, subs: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps(results(subs)), encoding="utf-8")
    return path


ROSTER = "student_id,name,email\ns01,Ada Lovelace,ada@example.org\ns02,Alan Turing,alan@example.org\n" \
         "s03,Grace Hopper,grace@example.org\ns04,Edsger Dijkstra,edsger@example.org\n"

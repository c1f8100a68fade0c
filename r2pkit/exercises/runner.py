"""What runs inside the grading sandbox: one submission, from a fresh kernel, reporting its answers.

``python -I -m r2pkit.exercises.runner`` is started by :mod:`~r2pkit.exercises.sandbox`
in a scratch folder that holds ``job.json`` (the notebook's file name, the answers it
saved through widgets, the time and output limits), the scratch copy of the notebook
and the exercise's public file. Before any student code runs it lowers its own
resource limits (memory, processes, CPU time, file size, open files), which the kernel
inherits; then it starts the kernel with nbclient, puts the saved answers back
(:func:`r2pkit.exercises.protocol.restore`), and after each code cell asks the kernel
for the answers recorded so far (:func:`r2pkit.exercises.protocol.collect`).

After each of those it writes one line to stdout, ``R2PKIT-REPORT {json}``: the answers,
which cells raised, and where and why the run stopped. The grader keeps the last line
it can parse. Everything in it is a claim made by code the submission could have
replaced (the kernel shares this sandbox), so the grader treats it as such: it scores
the claimed answers against a key that never enters the sandbox, and nothing else in
the report can earn a point.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

__all__ = ["REPORT_PREFIX", "main"]

REPORT_PREFIX = "R2PKIT-REPORT "
EXPORT_MIME = "application/vnd.r2pkit.collected+json"

_LIMITS = {  # job.json key -> the resource limit it sets
    "memory_bytes": resource.RLIMIT_AS,
    "processes": resource.RLIMIT_NPROC,
    "cpu_seconds": resource.RLIMIT_CPU,
    "file_bytes": resource.RLIMIT_FSIZE,
    "open_files": resource.RLIMIT_NOFILE,
}

# The kernel-side cells. They only call the protocol's public functions; the collected
# answers are sent as a display (which does not go through sys.stdout) and printed, so
# a notebook that replaced sys.stdout or print still has them read.
_RESTORE = ("import json as __r2p_json, r2pkit.exercises.protocol as __r2p_protocol\n"
            "__r2p_protocol.restore(__r2p_json.loads({saved!r}))")
_COLLECT = ("import builtins as __r2p_b, r2pkit.exercises.protocol as __r2p_protocol\n"
            "__r2p_text = __r2p_protocol.collect(__r2p_b.globals())\n"
            "try:\n"
            "    from IPython.display import publish_display_data as __r2p_publish\n"
            "    __r2p_publish({{{mime!r}: __r2p_text}})\n"
            "finally:\n"
            "    __r2p_b.print({marker!r} + __r2p_text)")
_MARKER = "R2PKIT-COLLECTED "


def set_limits(limits: dict[str, Any]) -> None:
    """Lower this process's resource limits (inherited by the kernel and all it starts)."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    for name, which in _LIMITS.items():
        value = limits.get(name)
        if value:
            soft, hard = resource.getrlimit(which)
            value = int(value) if hard == resource.RLIM_INFINITY else min(int(value), hard)
            resource.setrlimit(which, (value, value))


def _client_class() -> Any:
    from nbclient import NotebookClient

    class QuietClient(NotebookClient):  # type: ignore[misc]
        """Keeps only what grading reads: errors, and the output of the grader's own cells.

        Outputs are never used to score, and a notebook printing gigabytes must not grow
        the runner; their total size is still counted, to say so in the feedback.
        """

        spent = 0
        exempt: frozenset[int] = frozenset()

        def output(self, outs, msg, display_id, cell_index):  # type: ignore[no-untyped-def]
            if cell_index in self.exempt or msg.get("msg_type") == "error":
                return super().output(outs, msg, display_id, cell_index)
            content = msg.get("content", {})
            self.spent += len(str(content.get("text", ""))) + sum(len(str(v)) for v in (content.get("data") or {}).values())
            return None

    return QuietClient


class Report:
    """What the runner says about the run; one line per update on the real stdout."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.state: dict[str, Any] = {"answers": {}, "errored_cells": [], "stopped_at": None, "stop_status": "",
                                      "stop_reason": "", "output_bytes": 0, "collected_after": -1,
                                      "uncollected_from": None, "uncollected_reason": "", "restore_error": "",
                                      "done": False}

    def send(self, **changes: Any) -> None:
        self.state.update(changes)
        self.stream.write(REPORT_PREFIX + json.dumps(self.state, default=str) + "\n")
        self.stream.flush()


def run(job: dict[str, Any], folder: Path, report: Report) -> None:
    import nbformat
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    timeout = float(job["timeout"])
    nb = nbformat.read(folder / job["notebook"], as_version=4)
    restore = nbformat.v4.new_code_cell(_RESTORE.format(saved=json.dumps(job.get("saved") or {})))
    collect_cell = nbformat.v4.new_code_cell(_COLLECT.format(mime=EXPORT_MIME, marker=_MARKER))
    work = nbformat.v4.new_notebook(metadata=nb.metadata)
    work.cells = [restore] + list(nb.cells) + [collect_cell]
    last = len(work.cells) - 1
    client = _client_class()(work, timeout=int(timeout) + 1, allow_errors=True, kernel_name="python3",
                             store_widget_state=False, record_timing=False, shutdown_kernel="immediate",
                             resources={"metadata": {"path": str(folder)}})
    client.exempt = frozenset({0, last})
    deadline = time.monotonic() + timeout
    errored: list[int] = []

    def remaining() -> int:
        return max(1, int(deadline - time.monotonic()) + 1)

    def collect(after: int) -> None:
        work.cells[last].outputs = []
        client.timeout = remaining()
        client.execute_cell(work.cells[last], last)
        outs = work.cells[last].outputs
        texts = [(o.get("data") or {}).get(EXPORT_MIME, "") for o in outs if o.get("output_type") == "display_data"]
        texts += [o.get("text", "").split(_MARKER, 1)[-1] for o in outs
                  if o.get("output_type") == "stream" and _MARKER in o.get("text", "")]
        for text in texts:
            try:
                answers = json.loads(str(text).strip())
            except ValueError:
                continue
            if isinstance(answers, dict):
                report.send(answers=answers, collected_after=after, uncollected_from=None, uncollected_reason="",
                            errored_cells=errored, output_bytes=client.spent)
                return
        if report.state["uncollected_from"] is None:
            errors = [f"{o.get('ename')}: {o.get('evalue')}" for o in outs if o.get("output_type") == "error"]
            report.send(uncollected_from=after, errored_cells=errored, output_bytes=client.spent,
                        uncollected_reason=(errors[0] if errors else
                                            "the notebook sent no answers back (did it replace print or sys.stdout?)"))

    index = -1
    try:
        with client.setup_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
            client.timeout = remaining()
            client.execute_cell(work.cells[0], 0)
            for o in work.cells[0].outputs:
                if o.get("output_type") == "error":
                    report.send(restore_error=f"{o.get('ename')}: {o.get('evalue')}")
            for index, cell in enumerate(nb.cells):
                if time.monotonic() >= deadline:
                    raise CellTimeoutError("time limit reached")
                if cell.cell_type != "code":
                    continue
                client.timeout = remaining()
                client.execute_cell(work.cells[index + 1], index + 1)
                if any(o.get("output_type") == "error" for o in work.cells[index + 1].outputs):
                    errored.append(index)
                collect(index)
    except CellTimeoutError:
        report.send(stopped_at=max(index, 0), stop_status="timeout",
                    stop_reason=f"the notebook did not finish within {timeout:g} s (stopped at cell {index + 1})")
    except DeadKernelError:
        report.send(stopped_at=max(index, 0), stop_status="error",
                    stop_reason=f"the kernel died while running cell {index + 1} (e.g. os._exit, exit() "
                                "or a resource limit)")
    except Exception as exc:  # report, whatever a notebook does
        report.send(stopped_at=max(index, 0), stop_status="error",
                    stop_reason=f"the run stopped at cell {index + 1}: {type(exc).__name__}: {exc}"[:500])
    report.send(errored_cells=errored, output_bytes=client.spent, done=True)


def main() -> int:
    folder = Path.cwd()
    job = json.loads((folder / "job.json").read_text(encoding="utf-8"))
    set_limits(job.get("limits") or {})
    # The kernel's own writes to fd 1 and 2 must not mix with the report: the report
    # keeps the original stdout, and fd 1 and 2 now go nowhere.
    report_stream = os.fdopen(os.dup(1), "w", encoding="utf-8")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")
    report = Report(report_stream)
    report.send()
    run(job, folder, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())

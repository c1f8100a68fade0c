"""Benchmark: how quickly each of the kit's widgets answers a change of its controls.

    .venv/bin/python benchmarks/bench_widgets.py [--n 200] [--quick] [--in-process]

What is measured: for each interactive widget of the kit — the explorers of
:mod:`r2pkit.widgets` (``host_year_explorer``, ``host_pressure_explorer``,
``timeline_explorer``, ``member_explorer``), built from the kit's datasets
(``r2pkit.data.load``), and the exercises' answer widget
(:class:`r2pkit.exercises.ui.QuestionWidget`, one per question of every exercise) — the
wall-clock time from a change of a control's value to the updated outputs.

A change is made as the front end makes it: by setting the control's ``value`` trait,
which runs the widget's observers synchronously, so when the assignment returns the
sentence, chart and tables (or, for a question, the saved answer) are updated and their
new state has been handed to the comm. ``--n`` changes (default 200) per widget, cycling
through real options: each control in turn (a widget with several controls has them
changed round-robin), each time to the next of its options (the years of a slider, the
entries of a menu, the choices of a question). Reported: the median and the 95th
percentile (nearest rank), per widget and per control. Target: median under 30 ms and
95th percentile under 100 ms, for every widget, and no change that raises an error (a
callback that fails leaves the reader with stale outputs: such changes are counted,
with the first messages, and left out of the times).

By default the measurement runs inside a fresh ipykernel (started with jupyter_client, in
the repository root), so each update is really serialised and sent to the front end over
the kernel's comm, as in JupyterLab; ``--in-process`` measures in this process instead
(the widgets then have no front end to send to). As an extra row, not one of the five
targets, it also times pressing a question's *Check* button (``button.click()``).

A check that the measurement is real: after every change the outputs are compared with
what they were before; the count of changes that altered them is recorded (a widget whose
outputs never change fails the benchmark).

The kit keeps each chart it has drawn (r2pkit.charts caches drawings by spec), so a
change back to a view already seen in the run is quicker than a first view. Both are
real (a reader who moves a slider back and forth sees the quick one), and the target is
on all changes, as the issue sets it; but the figures for *first views* — changes whose
outputs had not been shown before in the run — are reported beside them ("first view"),
so that the cost of drawing a new chart stays visible.

The figures are printed as a table and written to benchmarks/results/widgets.json (or
widgets-NAME.json with ``--label NAME``). ``--only NAME,...`` measures only the widgets
named. ``--kit DIR`` measures another checkout of the kit (its ``r2pkit`` is imported
through PYTHONPATH, in a kernel started in DIR); ``--before DIR`` measures DIR and then
this checkout in the same run, alternately widget by widget in two kernels, so that both
meet the same load, and reports for each widget the ratio of the medians (after ÷ before).
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import itertools
import json
import math
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "widgets.json"
TARGET_MEDIAN_MS = 30.0
TARGET_P95_MS = 100.0
MARK = "R2PKIT-BENCH-WIDGETS:"
# Answers typed in a question's text box (numbers, short words), cycled through.
TYPED = ["3", "12", "2011", "1.5", "cite", "describe", "Russia", "7"]


def p95(values: list[float]) -> float:
    """The 95th percentile, nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def is_control(w: Any) -> bool:
    """Whether a reader can change this widget's value (not a label or a note)."""
    import ipywidgets as widgets

    return isinstance(w, (widgets.IntSlider, widgets.FloatSlider, widgets.Checkbox, widgets.Text,
                          widgets.RadioButtons, widgets.Dropdown, widgets.SelectMultiple, widgets.ToggleButtons))


def walk(w: Any) -> list[Any]:
    """The widget and every widget inside it, depth first, in the order the page shows them."""
    out = [w]
    for child in getattr(w, "children", ()):
        out += walk(child)
    return out


def float_steps(control: Any, k: int = 8) -> list[float]:
    """``k`` evenly spaced values of a FloatSlider, on its step grid."""
    span = control.max - control.min
    return [round(control.min + span * i / (k - 1) / control.step) * control.step for i in range(k)]


def choices(control: Any) -> list[Any]:
    """The values a reader can give this control, in the order the front end shows them."""
    import ipywidgets as widgets

    if isinstance(control, (widgets.IntSlider, widgets.IntRangeSlider)):
        values = list(range(control.min, control.max + 1, control.step))
        # A wide slider (thousands of places a year) is sampled: 8 values across its range.
        return values if len(values) <= 50 else values[:: max(1, len(values) // 8)]
    if isinstance(control, widgets.FloatSlider):
        return float_steps(control)
    if isinstance(control, widgets.Checkbox):
        return [True, False]
    if isinstance(control, widgets.Text):
        return TYPED
    if isinstance(control, widgets.SelectMultiple):  # a reader leaves one out, then another
        values = list(control._options_values)
        return [tuple(v for v in values if v != left_out) for left_out in values[:8]]
    if hasattr(control, "options"):
        return list(control._options_values)  # the values behind the labels shown
    raise TypeError(f"do not know the options of {type(control).__name__}")


def changes(controls: list[tuple[str, Any]], n: int) -> list[tuple[str, Any, Any]]:
    """``n`` changes: the controls round-robin, each to its next option (never its current value)."""
    cycles = {label: itertools.cycle(choices(c)) for label, c in controls}
    planned: dict[str, Any] = {label: c.value for label, c in controls}
    out = []
    for i in range(n):
        label, control = controls[i % len(controls)]
        new = next(cycles[label])
        while new == planned[label]:  # setting the same value changes nothing: skip it
            new = next(cycles[label])
        planned[label] = new
        out.append((label, control, new))
    return out


def time_changes(plan: list[tuple[str, Any, Any]], outputs: Callable[[], Any], first_views: list[float] | None = None
                 ) -> tuple[list[float], dict[str, list[float]], int, dict[str, Any]]:
    """Make each change; the seconds each took, by control, how many altered the outputs, and the errors.

    A callback that raises is what a reader would meet (outputs left stale or half updated,
    the error only in the kernel's log): the change is counted as an error, with the
    control, the value and the message, and is left out of the times; the control keeps
    the value and the next change goes on from there. The times of changes whose outputs
    had not been seen before in the run are also appended to ``first_views``.
    """
    times: list[float] = []
    by_control: dict[str, list[float]] = {}
    altered = 0
    errors: dict[str, Any] = {"count": 0, "examples": []}
    seen = {outputs()}
    for label, control, value in plan:
        before = outputs()
        start = time.perf_counter()
        try:
            control.value = value
        except Exception as exc:  # noqa: BLE001 - reported, not hidden
            errors["count"] += 1
            if len(errors["examples"]) < 3:
                errors["examples"].append({"control": label, "value": repr(value),
                                           "error": f"{type(exc).__name__}: {exc}"})
            continue
        took = time.perf_counter() - start
        after = outputs()
        altered += after != before
        if first_views is not None and after not in seen:
            first_views.append(took)
        seen.add(after)
        times.append(took)
        by_control.setdefault(label, []).append(took)
    return times, by_control, altered, errors


def _stats(seconds: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds] or [float("nan")]
    return {"n": len(seconds), "median_ms": round(statistics.median(ms), 2), "p95_ms": round(p95(ms), 2),
            "min_ms": round(min(ms), 2), "max_ms": round(max(ms), 2)}


def measure(n: int = 200, only: list[str] | None = None) -> dict[str, Any]:
    """Build every widget (or those named in ``only``) and time ``n`` changes of each (in this process)."""
    from r2pkit import data, widgets
    from r2pkit.exercises import runtime
    from r2pkit.exercises.ui import QuestionWidget

    refugees, indicators = data.load("syria_refugees_by_host"), data.load("country_indicators")
    timeline, votes = data.load("r2p_timeline"), data.load("unga_syria_votes")
    results: dict[str, Any] = {}

    def html_values(box: Any, skip: int) -> tuple[str, ...]:
        return tuple(c.value for c in box.children[skip:] if hasattr(c, "value"))  # not the keyboard helper

    def bench(name: str, build: Callable[[], Any], controls: Callable[[Any], list[tuple[str, Any]]],
              outputs: Callable[[Any], Any]) -> None:
        if only is not None and name not in only:
            return
        start = time.perf_counter()
        box = build()
        built = time.perf_counter() - start
        plan = changes(controls(box), n)
        first: list[float] = []
        times, by_control, altered, errors = time_changes(plan, lambda: outputs(box), first)
        results[name] = {**_stats(times), "build_ms": round(built * 1000, 1), "outputs_changed": altered,
                         "errors": errors, "first_view": _stats(first),
                         "controls": {k: _stats(v) for k, v in by_control.items()},
                         "times_ms": [round(t * 1000, 2) for t in times]}

    bench("host_year_explorer", lambda: widgets.host_year_explorer(refugees, 2015),
          lambda b: [("year slider", b.children[0])], lambda b: html_values(b, 1))
    bench("host_pressure_explorer", lambda: widgets.host_pressure_explorer(refugees, indicators),
          lambda b: [("host menu", b.children[0]), ("year slider", b.children[1]),
                     ("measure menu", b.children[2])], lambda b: html_values(b, 3))
    bench("timeline_explorer", lambda: widgets.timeline_explorer(timeline),
          lambda b: [("category menu", b.children[0]), ("pillar menu", b.children[1])],
          lambda b: html_values(b, 2))
    bench("member_explorer", lambda: widgets.member_explorer(votes),
          lambda b: [("member menu", b.children[0])], lambda b: html_values(b, 1))

    # The newer explorers: every control a reader can change, found by walking the widget
    # tree; their outputs are every other widget's value (sentences, tables, charts).
    def all_controls(box: Any) -> list[tuple[str, Any]]:
        found = [w for w in walk(box) if is_control(w) and not w.disabled]
        return [(f"{type(w).__name__}#{i} {getattr(w, 'description', '')}".strip(), w) for i, w in enumerate(found)]

    def all_outputs(box: Any) -> tuple[str, ...]:
        return tuple(str(w.value) for w in walk(box) if not is_control(w) and isinstance(getattr(w, "value", None), str))

    arrivals, stakeholders = data.load("syria_resettlement_arrivals"), data.load("resettlement_stakeholders")
    measures, factors = data.load("protection_measures"), data.load("atrocity_risk_factors")
    bench("duty_explorer", lambda: widgets.duty_explorer(), all_controls, all_outputs)
    bench("fair_share_calculator", lambda: widgets.fair_share_calculator(arrivals, indicators, refugees),
          all_controls, all_outputs)
    bench("framing_explorer", lambda: widgets.framing_explorer(stakeholders), all_controls, all_outputs)
    bench("scenario_explorer", lambda: widgets.scenario_explorer(refugees, indicators), all_controls, all_outputs)
    bench("measure_explorer", lambda: widgets.measure_explorer(measures), all_controls, all_outputs)
    bench("early_warning_checklist", lambda: widgets.early_warning_checklist(factors), all_controls, all_outputs)

    # The answer widget: one per question of every exercise, all their inputs round-robin.
    if only is not None and "QuestionWidget" not in only:
        return results
    quizzes = [runtime.load(f.name.split(".")[0])
               for f in sorted((ROOT / "exercises").glob("*.quiz.json"))]
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):  # outside a kernel, display() prints the saved answer
        questions = [QuestionWidget(quiz, qid) for quiz in quizzes for qid in quiz.questions]
    built = time.perf_counter() - start
    controls = [(f"{q.ref} {q.quiz.q(q.qid)['kind']} {type(w).__name__}#{i}", w)
                for q in questions for i, w in enumerate(q.inputs) if is_control(w)]

    def answers() -> tuple[Any, ...]:  # the answers recorded (what the saved output shows)
        return tuple(repr(q.quiz.st(q.qid).answer) for q in questions)

    plan = changes(controls, n)
    times, by_control, altered, errors = time_changes(plan, answers)
    by_kind: dict[str, list[float]] = {}
    for label, secs in by_control.items():
        by_kind.setdefault(label.split()[1], []).extend(secs)
    results["QuestionWidget"] = {**_stats(times), "build_ms": round(built * 1000 / len(questions), 1),
                                 "outputs_changed": altered, "errors": errors, "questions": len(questions),
                                 "inputs": len(controls), "kinds": {k: _stats(v) for k, v in by_kind.items()}}

    # Extra: pressing Check (not a value change; shown for information).
    clicks = []
    with_input = [q for q in questions if any(is_control(w) for w in q.inputs)]
    for i in range(n):
        q = with_input[i % len(with_input)]
        start = time.perf_counter()
        q.check_button.click()
        clicks.append(time.perf_counter() - start)
    results["QuestionWidget Check button"] = {**_stats(clicks), "extra": True}
    return results


def measure_in_kernel(n: int, only: list[str] | None = None, kit: Path = ROOT) -> dict[str, Any]:
    """Run :func:`measure` inside a fresh ipykernel, as the widgets run in JupyterLab (with ``kit``'s r2pkit)."""
    import subprocess

    from jupyter_client.manager import KernelManager

    env = dict(os.environ)
    if kit.resolve() != ROOT:
        env["PYTHONPATH"] = str(kit.resolve())
    km = KernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(kit), env=env, stderr=subprocess.DEVNULL)  # the kernel's log (TCP warning) stays out
    client = km.client()
    client.start_channels()
    found: list[str] = []
    errors: list[str] = []

    def hook(msg: dict[str, Any]) -> None:
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream" and content.get("name") == "stdout":
            found.append(content["text"])
        elif kind == "error":
            errors.append("\n".join(content.get("traceback", [])))

    code = (f"import json, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import bench_widgets; "
            f"import r2pkit; assert r2pkit.__file__.startswith({str(kit.resolve())!r}), r2pkit.__file__; "
            f"print(bench_widgets.MARK + json.dumps(bench_widgets.measure({n}, {only!r})))")
    try:
        client.wait_for_ready(timeout=120)
        client.execute_interactive(code, timeout=1800, output_hook=hook)
    finally:
        client.stop_channels()
        km.shutdown_kernel(now=False)
    if errors:
        raise RuntimeError("the measurement failed in the kernel:\n" + "\n".join(errors))
    text = "".join(found)
    return json.loads(text[text.index(MARK) + len(MARK):].strip())


def _joined(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures of one widget measured in several kernels, as one measurement (times pooled)."""
    if "times_ms" not in parts[0]:  # the question widgets: the figures of the first part
        return parts[0]
    times = [t / 1000 for p in parts for t in p["times_ms"]]
    first = parts[0]
    return {**first, **_stats(times), "outputs_changed": sum(p["outputs_changed"] for p in parts),
            "errors": {"count": sum(p["errors"]["count"] for p in parts),
                       "examples": [e for p in parts for e in p["errors"]["examples"]][:3]},
            "build_ms": round(statistics.median(p["build_ms"] for p in parts), 1),
            "first_view": first["first_view"], "first_view_from": "the first of the kernels",
            "kernels": len(parts), "times_ms": [round(t * 1000, 2) for t in times]}


def _names(only: list[str] | None) -> list[str]:
    every = ["host_year_explorer", "host_pressure_explorer", "timeline_explorer", "member_explorer", "duty_explorer",
             "fair_share_calculator", "framing_explorer", "scenario_explorer", "measure_explorer",
             "early_warning_checklist", "QuestionWidget"]
    return [w for w in every if only is None or w in only]


def run(n: int = 200, quick: bool = False, in_process: bool = False, write: bool = True, echo: bool = True,
        only: list[str] | None = None, kit: Path = ROOT, label: str = "", before: Path | None = None) -> dict:
    """Measure, print a table, write benchmarks/results/widgets[-label].json; return the result."""
    if quick:
        n = min(n, 50)
    say = print if echo else (lambda *a, **k: None)
    where = "this process" if in_process else "a fresh ipykernel"
    say(f"{n} value changes per widget, in {where}; {os.cpu_count()} CPUs ...", flush=True)
    load_before = os.getloadavg()
    earlier: dict[str, Any] = {}
    if before is not None:
        # Both checkouts, widget by widget, in the order before, after, after, before (n/2 changes
        # each, in fresh kernels), so that a load that rises or falls meanwhile weighs on both alike.
        figures = {}
        for name in _names(only):
            halves: dict[str, list[dict[str, Any]]] = {"before": [], "after": []}
            for which in ("before", "after", "after", "before"):
                part = measure_in_kernel(max(1, n // 2), [name], before if which == "before" else kit)
                halves[which].append(part[name])
            earlier[name], figures[name] = _joined(halves["before"]), _joined(halves["after"])
            say(f"  {name}: before {earlier[name]['median_ms']:.1f} ms, after {figures[name]['median_ms']:.1f} ms "
                f"(median; load {os.getloadavg()[0]:.2f})", flush=True)
    elif in_process:
        figures = measure(n, only)
    else:
        figures = measure_in_kernel(n, only, kit)
    load_after = os.getloadavg()

    rows = []
    say(f"\n{'widget':<30}{'median ms':>10}{'p95 ms':>9}{'max ms':>9}{'changed':>9}{'errors':>8}{'build ms':>10}  met?"
        "   first views: n, median, p95 ms")
    for name, f in figures.items():
        errors = f.get("errors", {}).get("count", 0)
        met = f["median_ms"] < TARGET_MEDIAN_MS and f["p95_ms"] < TARGET_P95_MS and errors == 0
        if not f.get("extra"):
            met = met and f["outputs_changed"] > 0
        f["target_met"] = met
        changed = f"{f['outputs_changed']}/{f['n']}" if "outputs_changed" in f else "-"
        say(f"{name:<30}{f['median_ms']:>10.1f}{f['p95_ms']:>9.1f}{f['max_ms']:>9.1f}{changed:>9}{errors:>8}"
            f"{f.get('build_ms', float('nan')):>10.1f}  {'yes' if met else 'NO '}{' (extra)' if f.get('extra') else ''}"
            + (f"   {f['first_view']['n']:>3}, {f['first_view']['median_ms']:.1f}, {f['first_view']['p95_ms']:.1f}"
               if f.get("first_view", {}).get("n") else ""))
        for sub in ("controls", "kinds"):
            for part, g in f.get(sub, {}).items():
                if sub == "controls" and len(f[sub]) == 1:
                    continue
                say(f"  {part:<28}{g['median_ms']:>10.1f}{g['p95_ms']:>9.1f}{g['max_ms']:>9.1f}")
        for example in f.get("errors", {}).get("examples", []):
            say(f"  ERROR after {example['control']} = {example['value']}: {example['error']}")
        if not f.get("extra"):
            rows.append({"benchmark": f"widget {name}", "figure": f"median {f['median_ms']:.1f} ms, "
                                                              f"p95 {f['p95_ms']:.1f} ms"
                                                              + (f", {errors} errors" if errors else "")
                                                              + (f" (first views: median {f['first_view']['median_ms']:.1f} ms)"
                                                                 if f.get("first_view", {}).get("n") else ""),
                         "target": f"median < {TARGET_MEDIAN_MS:.0f} ms, p95 < {TARGET_P95_MS:.0f} ms",
                         "met": met})
    say(f"\ntarget (median < {TARGET_MEDIAN_MS:.0f} ms, p95 < {TARGET_P95_MS:.0f} ms): "
        f"{'met by every widget' if all(r['met'] for r in rows) else 'NOT met by: ' + ', '.join(r['benchmark'][7:] for r in rows if not r['met'])}")
    say(f"1-minute load average: {load_before[0]:.2f} before, {load_after[0]:.2f} after")

    result = {
        "benchmark": "widgets",
        "timestamp": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "n": n,
        "measured_in": "process" if in_process else "ipykernel",
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_1min": {"before": round(load_before[0], 2), "after": round(load_after[0], 2)},
        "target_median_ms": TARGET_MEDIAN_MS,
        "target_p95_ms": TARGET_P95_MS,
        "target_met": all(r["met"] for r in rows),
        "kit": str(kit.resolve()),
        "widgets": figures,
        "summary": rows,
    }
    if before is not None:
        result["before"] = {"kit": str(before.resolve()), "widgets": earlier}
        result["ratio_after_over_before"] = {
            name: {stat: round(f[stat] / earlier[name][stat], 3) if earlier.get(name, {}).get(stat) else None
                   for stat in ("median_ms", "p95_ms")} for name, f in figures.items() if name in earlier}
        say("\nafter ÷ before (same run): " + "; ".join(
            f"{k} median {v['median_ms']}, p95 {v['p95_ms']}" for k, v in result["ratio_after_over_before"].items()))
    if write:
        out = RESULTS.with_name(f"widgets-{label}.json") if label else RESULTS
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        say(f"written: {out.relative_to(ROOT)}")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="value changes per widget (default 200)")
    parser.add_argument("--quick", action="store_true", help="50 changes per widget")
    parser.add_argument("--in-process", action="store_true", help="measure here, not in a fresh ipykernel")
    parser.add_argument("--only", default="", help="comma-separated names of the widgets to measure (default: all)")
    parser.add_argument("--kit", default=str(ROOT), help="the checkout of the kit to measure (default: this one)")
    parser.add_argument("--before", default="", help="an older checkout, measured in the same run for a ratio")
    parser.add_argument("--label", default="", help="write benchmarks/results/widgets-LABEL.json")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    only = [w.strip() for w in args.only.split(",") if w.strip()] or None
    unknown = [w for w in only or [] if w not in _names(None)]
    if unknown:
        parser.error(f"--only: no widget called {', '.join(unknown)}; choose from {', '.join(_names(None))}")
    if (args.before or Path(args.kit).resolve() != ROOT) and args.in_process:
        parser.error("--kit and --before measure in a kernel: leave out --in-process")
    run(n=args.n, quick=args.quick, in_process=args.in_process, only=only, kit=Path(args.kit), label=args.label,
        before=Path(args.before) if args.before else None)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Every notebook and student exercise in JupyterLab, in a real browser, as a student uses it.

For each one: open it, run all cells, wait until the kernel is idle and everything is
drawn, then check the page: no error (except in cells tagged raises-exception, which must
show theirs), every chart image and widget drawn, nothing empty or broken; then use a
widget and check that what depends on it changed. A second test opens each saved notebook
without running it, as a student first sees it (untrusted): every chart must be drawn.

Run with ``make test-browser`` (see conftest.py); one JupyterLab serves the whole session.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from .browser_audit import LAB_OUTPUTS, audit, clipped, describe
from .browser_lab import (cell_locator, error_cells, expected_errors, notebook_locator, open_notebook, report,
                         run_all, stored_outputs, vega_warnings, wait_drawn)
from .browser_widgets import INTERACTIONS, answer_wrong_then_right, any_explorer, first_single_question

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))  # the students' notebooks; solutions/ is a folder below


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def _check_page(rep: dict, *, when: str) -> None:
    """No error output except in cells tagged raises-exception (which must show one); nothing broken or empty."""
    errors, expected = error_cells(rep), expected_errors(rep)
    unexpected = {i: texts for i, texts in errors.items() if i not in expected}
    assert not unexpected, f"{when}: error output in cells not tagged raises-exception: {unexpected}"
    silent = sorted(expected - errors.keys())
    assert not silent, f"{when}: cells tagged raises-exception show no error: {silent}"
    broken = {c["index"]: s["broken"] for c in rep["cells"] for s in c["shown"]
              if s["broken"] and c["index"] not in expected}
    assert not broken, f"{when}: outputs that failed to display: {broken}"
    empty = [c["index"] for c in rep["cells"] for s in c["shown"] if s["empty"]]
    assert not empty, f"{when}: empty outputs in cells {empty}"


def _run_and_check(page, lab, path: Path) -> dict:
    """Open, run all, wait, check the page; the drawn counts."""
    rel = path.relative_to(ROOT).as_posix()
    stored = stored_outputs(path)
    open_notebook(page, lab, rel)
    counts = run_all(page)
    assert counts == list(range(1, stored["code_cells"] + 1)), (
        f"every code cell should run once, in order, from a fresh kernel; execution counts: {counts}")
    drawn = wait_drawn(page, trusted=True)
    _check_page(report(page), when="after Run All")
    # The run shows as many charts and widgets as the stored notebook (which nbval checks),
    # each chart drawn by Vega with its text alternative as its accessible name.
    assert drawn["charts"] == stored["charts"] and drawn["wantImages"] == stored["images"], drawn
    assert drawn["vegaDrawn"] == drawn["vega"] == drawn["labelled"] >= stored["charts"], f"charts not drawn: {drawn}"
    assert drawn["loaded"] == drawn["imgs"] >= stored["images"], f"images not drawn: {drawn}"
    assert drawn["wantWidgets"] == stored["widgets"], drawn
    assert drawn["shownViews"] == drawn["views"] == stored["widgets"], f"widgets not drawn: {drawn}"
    return drawn


#: The notebook's whole height (its panel scrolls inside the page), for a full-page screenshot.
_NOTEBOOK_HEIGHT = """() => { const outer = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer');
  const panel = document.querySelector('.jp-NotebookPanel');
  return outer && panel ? outer.scrollHeight + panel.getBoundingClientRect().top + 80 : 1000; }"""
SHOTS = ROOT / "test-output" / "browser"


_SCROLL_TO = """(y) => { const outer = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer');
  outer.scrollTop = y; return outer.scrollTop; }"""
PAGE = 15_000  # px of notebook per screenshot (Chromium's screenshots stop at 16,384 px)
#: Outputs wider than the notebook's column, which the reader must scroll sideways: a chart, a
#: widget or a data table fails the test (the kit sizes charts and widgets for the column of a
#: 768 px window, and lays its tables out to fit it: r2pkit.charts.tables).
_SIDEWAYS = """() => Array.from(document.querySelectorAll('.jp-Notebook .jp-OutputArea-output'))
  .filter(o => o.getClientRects().length && o.scrollWidth > o.clientWidth + 1)
  .map(o => ({table: !!o.querySelector('table') && !o.querySelector('.vega-embed, .jupyter-widgets'),
              what: ((o.querySelector('[aria-label]') || o).getAttribute('aria-label') || o.innerText.slice(0, 60) || '')
                    .slice(0, 70), scroll: o.scrollWidth, column: o.clientWidth}))"""


def _screenshots(page, stem: str) -> list[str]:
    """The whole notebook at 1280 and 768 px wide, as a student sees it after Run All, from the top:
    screenshots test-output/browser/lab-STEM-WIDTH[-PART].png, and nothing of the kit's output cut off."""
    shots = []
    for width in (1280, 768):
        page.set_viewport_size({"width": width, "height": 1000})
        page.wait_for_timeout(500)  # charts and widgets lay themselves out again
        # The notebook scrolls inside its panel and draws only what is in view: make the window as
        # tall as the notebook (a page of it at a time) so that every cell is drawn and shown.
        tall = int(page.evaluate(_NOTEBOOK_HEIGHT))
        parts = max(1, -(-tall // PAGE))
        page.set_viewport_size({"width": width, "height": max(1000, min(tall, PAGE + 200))})
        for part in range(parts):
            page.evaluate(_SCROLL_TO, part * PAGE)
            page.wait_for_timeout(1500)
            shot = SHOTS / f"lab-{stem}-{width}{'' if parts == 1 else f'-{part + 1}'}.png"
            page.screenshot(path=str(shot), full_page=True)
            shots.append(shot.name)
            sideways = page.evaluate(_SIDEWAYS)
            wide = [f"{'a table: ' if s['table'] else ''}{s['what']!r} ({s['scroll']} px in a {s['column']} px column)"
                    for s in sideways]
            assert not wide, f"{stem}: at {width} px the reader must scroll sideways to see: {wide}"
            cut = clipped(page, LAB_OUTPUTS)
            assert not cut["count"], f"{stem}: cut off at {width} px: {cut['cut']}"
            assert not cut["pageWider"], f"{stem}: at {width} px the page is wider than the window: {cut}"
    return shots


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_runs_and_its_widgets_work(lab_page, lab, path):
    drawn = _run_and_check(lab_page, lab, path)
    if drawn["wantWidgets"]:
        _use_widgets(lab_page, path)
    warned = vega_warnings(lab_page)
    assert not warned, f"Vega warned while drawing the notebook's charts: {warned}"
    print(f"{path.stem}: screenshots {_screenshots(lab_page, path.stem)}")


def _use_widgets(lab_page, path: Path) -> None:
    scope = notebook_locator(lab_page)
    steps = INTERACTIONS.get(path.stem, [any_explorer])
    done = [step(scope) for step in steps]
    print(f"{path.stem}: {'; '.join(done)}")
    _check_page(report(lab_page), when="after using the widgets")
    found = audit(lab_page, LAB_OUTPUTS, f"lab-{path.stem}")
    print(f"{path.stem}: axe-core: {found['violation_count']} violations "
          f"(and {found['upstream_count']} in ipywidgets' own markup), {found['passes']} rules passed")
    assert not found["violations"], f"accessibility violations in the notebook's output: {describe(found)}"
    assert not lab_page.r2p_outside, f"requests outside this machine: {sorted(set(lab_page.r2p_outside))[:10]}"


@pytest.mark.parametrize("path", EXERCISES, ids=_ids(EXERCISES))
def test_exercise_runs_and_checks_answers(lab_page, lab, path):
    _run_and_check(lab_page, lab, path)
    source = ROOT / "exercises" / "source" / f"{path.stem}.yaml"
    eid, qid, right, options = first_single_question(source)
    cell = cell_locator(lab_page, f'ask("{eid}.{qid}")')
    done = answer_wrong_then_right(cell, right, options)
    print(f"{eid}.{qid}: {done}")
    _check_page(report(lab_page), when="after answering")


@pytest.mark.parametrize("path", NOTEBOOKS + EXERCISES, ids=_ids(NOTEBOOKS + EXERCISES))
def test_saved_notebook_shows_charts_before_running(lab_page, lab, path):
    """What a student sees on opening a notebook as saved, before running anything: the
    notebook is not trusted, and every chart must still be drawn by Vega (a spec is a safe
    output: no script, no HTML), with no output empty or broken."""
    stored = stored_outputs(path)
    # A fresh copy, never run or saved in this session: untrusted, as after a download.
    folder = lab.root / "as-saved" / path.parent.name
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(path, folder / path.name)
    rel = (folder / path.name).relative_to(lab.root).as_posix()
    open_notebook(lab_page, lab, rel)
    drawn = wait_drawn(lab_page, trusted=False)
    rep = report(lab_page)
    outputs = [o for c in rep["cells"] for o in c["outputs"]]
    assert outputs and not any(o["trusted"] for o in outputs), "the saved notebook should open untrusted"
    _check_page(rep, when="on opening")
    assert drawn["charts"] == stored["charts"], drawn
    assert drawn["vega"] == drawn["vegaDrawn"] == drawn["labelled"] == stored["charts"], (
        f"every stored chart should be drawn by Vega, untrusted: {drawn}")
    if stored["charts"]:
        notebook_locator(lab_page).locator(".jp-RenderedVegaLite").first.scroll_into_view_if_needed()
    warned = vega_warnings(lab_page)
    assert not warned, f"Vega warned while drawing the saved notebook's charts: {warned}"

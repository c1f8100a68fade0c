"""The kit in the browser (JupyterLite), used as a student does, offline: see conftest.py.

Notebook 00, a content notebook (02, the Syria case) and an exercise are opened from the
site, every cell is run, charts must be drawn by the page's Vega-Lite renderer, a widget must
change what depends on it, and in the exercise a question is answered, the notebook saved,
the page reloaded: the answer must still be there, and the notebook as a student would
download it must be accepted by the kit's grader. Notebook 06 (the research appendix) runs too,
and what only the full kit can do (build an appendix, grade submissions) says so when tried; every
other notebook runs from top to bottom with its charts drawn. The figures (site size, first-visit
download, time to a ready kernel and to run each notebook) go to test-output/lite/metrics.json.
"""
from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
import yaml

from tests.browser.browser_lab import BROKEN_MARKERS, _RUN_ALL, _wait, error_cells, expected_errors, report

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ROOT / "datasets"
OPEN_TIMEOUT = 240_000  # ms: the first visit downloads ~40 MB and starts Python in WebAssembly
RUN_TIMEOUT = 300_000
CHANGE_TIMEOUT = 60_000
VEGA = "application/vnd.vegalite.v5+json"

# The notebook open in the main area, if it is `path` and its kernel is idle.
_READY = """(path) => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!w || !w.context || !w.context.isReady || w.context.path !== path || !w.content) return false;
  const k = w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle' && k.connectionStatus === 'connected';
}"""

_STATE = """() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return {path: w && w.context && w.context.path, kernel: k ? [k.status, k.connectionStatus] : null,
          run: window.__r2pRun}; }"""

# Vega-Lite outputs the notebook's model holds (in cells and in Output widgets) and charts drawn.
_CHARTS = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  let specs = 0;
  for (const c of w.content.widgets) {
    if (c.model.type !== 'code') continue;
    for (let i = 0; i < c.model.outputs.length; i++) if (c.model.outputs.get(i).data[%r] !== undefined) specs++;
  }
  const embeds = Array.from(w.content.node.querySelectorAll('.vega-embed'));
  const drawn = embeds.filter(e => { const g = e.querySelector('canvas, svg.marks');
      if (!g) return false; const r = g.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
  return {specs, embeds: embeds.length, drawn: drawn.length};
}""" % VEGA


def _goto(page, server, path: str) -> float:
    """Open ``path`` in the site's JupyterLab; seconds until its kernel is ready."""
    start = time.monotonic()
    page.goto(f"{server.base}/lab/index.html?path={path}", wait_until="domcontentloaded", timeout=OPEN_TIMEOUT)
    _wait(page, _READY, path, OPEN_TIMEOUT, f"{path} open with a ready kernel", lambda: page.evaluate(_STATE))
    return time.monotonic() - start


def _run_all(page) -> float:
    """Run all cells (stopping at an error, as JupyterLab does); seconds taken."""
    start = time.monotonic()
    page.evaluate(_RUN_ALL)
    settled = """() => { if (window.__r2pRun === 'running') return false;
        const k = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
        return k && k.status === 'idle'; }"""
    _wait(page, settled, None, RUN_TIMEOUT, "every cell run", lambda: page.evaluate(_STATE))
    return time.monotonic() - start


def _check_cells(page) -> dict:
    """Every code cell ran; errors only where a cell is tagged raises-exception; nothing broken."""
    rep = report(page)
    unrun = [c["index"] for c in rep["cells"] if c["count"] is None]
    errors, expected = error_cells(rep), expected_errors(rep)
    unexpected = {i: t for i, t in errors.items() if i not in expected}
    assert not unexpected, f"error output in cells not tagged raises-exception: {unexpected}"
    assert not unrun, f"cells that did not run: {unrun}"
    broken = {c["index"]: s["broken"] for c in rep["cells"] for s in c["shown"] if s["broken"]}
    assert not broken, f"outputs that failed to display ({BROKEN_MARKERS}): {broken}"
    return rep


def _charts_drawn(page) -> dict:
    """Wait until every Vega-Lite output is drawn (a canvas or SVG with a size) by the page's renderer."""
    js = f"() => {{ const r = ({_CHARTS})(); return r.specs > 0 && r.drawn >= r.specs ? r : false; }}"
    return _wait(page, js, None, CHANGE_TIMEOUT, "every chart drawn by the page",
                 lambda: page.evaluate(_CHARTS)).json_value()


def _notebook(page):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").first


_DRAWING = """(box) => { const e = box.querySelector('.vega-embed');
    const c = e && e.querySelector('canvas');
    if (c) return c.width > 0 ? c.toDataURL() : '';
    const svg = e && e.querySelector('svg.marks');
    return svg && svg.getBoundingClientRect().width > 0 ? svg.outerHTML : ''; }"""


def _chart_pixels(box) -> str:
    """What the chart in ``box`` draws (its SVG, or its canvas's pixels)."""
    drawn = box.evaluate(_DRAWING)
    assert drawn, "the widget's chart is not drawn"
    return drawn


def _chart_redrawn(page, box, before: str) -> None:
    """The chart in ``box`` now draws something else (the renderer may replace its element)."""
    page.wait_for_function(f"([box, before]) => {{ const now = ({_DRAWING})(box); return !!now && now !== before; }}",
                           arg=[box.element_handle(), before], timeout=CHANGE_TIMEOUT)


# The cell holding ``el`` becomes the active cell in command mode, with the keyboard focus.
_SELECT_CELL_OF = """(el) => { const nb = window.jupyterapp.shell.currentWidget.content;
  const i = nb.widgets.findIndex(c => c.node.contains(el));
  nb.activeCellIndex = i; nb.mode = 'command'; nb.activeCell.node.focus(); return i; }"""
_FOCUSED = "() => { const a = document.activeElement; return a ? a.tagName + '.' + a.className : null; }"
# The focus ring of an element: outline width in px (0 if none) and box shadow.
_RING = """(el) => { const cs = getComputedStyle(el);
  return {outline: cs.outlineStyle === 'none' ? 0 : parseFloat(cs.outlineWidth),
          shadow: cs.boxShadow === 'none' ? '' : cs.boxShadow}; }"""


# ------------------------------------------------------------------------ the site
def test_site_holds_the_kit_and_a_checked_pyodide(site, metrics):
    out = site["path"]
    metrics["site"] = {"files": site["files"], "megabytes": round(site["bytes"] / 1e6, 1),
                       "kernel_packages": site["packages"], "build_seconds": site["seconds"]}
    files = {p.relative_to(out / "files").as_posix() for p in (out / "files").rglob("*") if p.is_file()}
    notebooks = {f"notebooks/{p.name}" for p in (ROOT / "notebooks").glob("*.ipynb")}
    exercises = {f"exercises/{p.name}" for p in (ROOT / "exercises").glob("*.ipynb")}
    assert notebooks | exercises <= files, sorted((notebooks | exercises) - files)
    assert not any("solution" in f for f in files), "the site must not carry the exercises' solutions"
    lock = json.loads((out / "static" / "pyodide" / "pyodide-lock.json").read_text())
    kit = lock["packages"]["r2pkit"]
    assert {"pandas", "altair", "ipywidgets", "pyyaml"} <= set(kit["depends"])
    assert "vl-convert-python" not in lock["packages"] and "frictionless" not in lock["packages"]
    config = (out / "jupyter-lite.json").read_text()
    assert "./static/pyodide/pyodide.js" in config and "cdn.jsdelivr" not in config


def test_build_refuses_a_file_that_differs_from_the_official_lock(site, tmp_path):
    sys.path.insert(0, str(ROOT / "tools"))
    import build_lite

    pins = json.loads((ROOT / "lite" / "pins.json").read_text())
    official = build_lite.pyodide_core(pins["pyodide"], tmp_path / "core")
    official["packages"]["numpy"]["sha256"] = "0" * 64  # as if the carrier's numpy were not Pyodide's
    with pytest.raises(build_lite.BuildError, match=r"numpy.*refused"):
        build_lite.pyodide_packages(pins, official, tmp_path / "core")


def test_datasets_are_loaded_by_their_published_fingerprint(site):
    package = json.loads((site["path"] / "static" / "pyodide" / "pyodide-lock.json").read_text())
    import zipfile

    wheel = site["path"] / "static" / "pyodide" / package["packages"]["r2pkit"]["file_name"]
    with zipfile.ZipFile(wheel) as z:
        dp = json.loads(z.read("r2pkit/_bundled/datasets/datapackage.json"))
        for res in dp["resources"]:
            content = z.read(f"r2pkit/_bundled/datasets/{res['path']}")
            import hashlib

            assert res["hash"] == "sha256:" + hashlib.sha256(content).hexdigest(), res["name"]
            assert res["bytes"] == len(content), res["name"]
            assert content == (DATASETS / res["path"]).read_bytes(), f"{res['name']} differs from datasets/"


# ------------------------------------------------------------------- in the browser
def test_notebook_00_runs_draws_and_its_slider_answers(page, server, metrics):
    server.served.reset()
    ready = _goto(page, server, "notebooks/00_start_here.ipynb")
    run = _run_all(page)
    first_visit = server.served.total()
    _check_cells(page)
    charts = _charts_drawn(page)
    metrics["first_visit_megabytes"] = round(first_visit / 1e6, 1)
    metrics["00_start_here"] = {"kernel_ready_s": round(ready, 1), "run_all_s": round(run, 1),
                                "charts_drawn": charts["drawn"]}
    # The year slider: the sentence gives UNHCR's world total for the new year, the chart is redrawn.
    from playwright.sync_api import expect

    box = _notebook(page).locator(".widget-vbox:has(> .widget-inline-hbox .noUi-handle)").filter(
        has=page.locator(".vega-embed")).first
    readout = box.locator(".widget-readout").first
    handle = box.locator(".noUi-handle").first
    start = readout.inner_text().strip()
    before = _chart_pixels(box)
    # By keyboard: the slider's cell selected (as the arrow keys select cells in command mode), Tab
    # reaches the handle, which shows a focus ring, and an arrow key moves it (JupyterLite's own
    # shortcuts must not take the key: lite/keyboard.js).
    page.evaluate(_SELECT_CELL_OF, handle.element_handle())
    for _ in range(12):
        if handle.evaluate("h => h === document.activeElement"):
            break
        page.keyboard.press("Tab")
    assert handle.evaluate("h => h === document.activeElement"), (
        f"Tab from the slider's cell did not reach the slider (focus on {page.evaluate(_FOCUSED)})")
    ring = handle.evaluate(_RING)
    assert ring["outline"] >= 2, f"the focused slider shows no focus ring: {ring}"
    at_top = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
    page.keyboard.press("ArrowLeft" if at_top else "ArrowRight")
    expect(readout).not_to_have_text(start, timeout=CHANGE_TIMEOUT)
    assert handle.evaluate("h => h === document.activeElement"), (
        f"the arrow key took the focus away from the slider (to {page.evaluate(_FOCUSED)})")
    target = int(readout.inner_text().strip())
    assert abs(target - int(start)) == 1, (start, target)
    refugees = pd.read_csv(DATASETS / "syria_refugees_by_host.csv", keep_default_na=False)
    world = refugees.loc[(refugees["year"] == target) & (refugees["host_iso3"] == "WLD"), "refugees"]
    assert len(world) == 1
    expect(box).to_contain_text(f"At the end of {target}, {int(world.iloc[0]):,} Syrians", timeout=CHANGE_TIMEOUT)
    _chart_redrawn(page, box, before)


def test_content_notebook_02_runs_draws_and_its_menu_answers(page, server, metrics):
    ready = _goto(page, server, "notebooks/02_syria_case.ipynb")
    run = _run_all(page)
    _check_cells(page)
    charts = _charts_drawn(page)
    metrics["02_syria_case"] = {"kernel_ready_s": round(ready, 1), "run_all_s": round(run, 1),
                                "charts_drawn": charts["drawn"]}
    from playwright.sync_api import expect

    label = page.locator("label.widget-label:text-is('Member')")
    box = _notebook(page).locator(".widget-vbox").filter(has=label).filter(has=page.locator(".vega-embed")).last
    menu = box.locator(".widget-inline-hbox:has(label.widget-label:text-is('Member')) select").first
    votes = pd.read_csv(DATASETS / "unga_syria_votes.csv", keep_default_na=False)
    options = [" ".join(o.replace("\xa0", " ").split()) for o in menu.evaluate("s => Array.from(s.options).map(o => o.textContent)")]
    current = options[menu.evaluate("s => s.selectedIndex")]
    member = "China" if current != "China" else "Cuba"
    assert member in set(votes["country"])
    before = _chart_pixels(box)
    menu.select_option(index=options.index(member))
    expect(box).to_contain_text(f"{member} cast the same vote as Russia", timeout=CHANGE_TIMEOUT)
    _chart_redrawn(page, box, before)


# Code run in the notebook's kernel as a cell would run it; what the reader sees (error name,
# message and the lines IPython shows), or the text printed.
_EXECUTE = """async (code) => {
  const k = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const seen = {text: '', error: null};
  const f = k.requestExecute({code});
  f.onIOPub = (m) => {
    if (m.header.msg_type === 'stream') seen.text += m.content.text;
    if (m.header.msg_type === 'error') seen.error = {name: m.content.ename, message: m.content.evalue,
                                                      shown: m.content.traceback.join('\\n')};
  };
  await f.done;
  return seen;
}"""


def test_appendix_notebook_runs_and_what_needs_the_full_kit_says_so(page, server, metrics):
    ready = _goto(page, server, "notebooks/06_appendix_template.ipynb")
    run = _run_all(page)
    _check_cells(page)
    metrics["06_appendix_template"] = {"kernel_ready_s": round(ready, 1), "run_all_s": round(run, 1)}
    # The notebook's next step (build the appendix), and the instructor's batch grading, tried here:
    # each stops at once and says what to do, in the kit's own short message (no traceback).
    for code, command in [("from r2pkit import appendix\nappendix.build('appendix.example.yaml')",
                           "r2pkit appendix build appendix.yaml"),
                          ("from r2pkit.exercises import grade\ngrade.grade_all(['ex00_start_here.ipynb'], {})",
                           "r2pkit grade SUBMISSIONS --out grades.csv")]:
        seen = page.evaluate(_EXECUTE, code)
        error = seen["error"]
        assert error and "FullKitNeeded" in error["name"], seen  # Pyodide's kernel names it by its class
        for words in ("needs the full kit", "make lab", f"`{command}`", "File > Download"):
            assert words in error["message"], (words, error["message"])
        assert error["message"] in error["shown"] and "Traceback" not in error["shown"], error["shown"]


# Every other notebook of the kit (the ones above are also used, not only run).
_USED = {"00_start_here.ipynb", "02_syria_case.ipynb", "06_appendix_template.ipynb"}
OTHER_NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb") if p.name not in _USED)


@pytest.mark.parametrize("name", OTHER_NOTEBOOKS)
def test_every_other_notebook_runs_and_draws(page, server, metrics, name):
    ready = _goto(page, server, f"notebooks/{name}")
    run = _run_all(page)
    _check_cells(page)
    specs = page.evaluate(_CHARTS)["specs"]
    drawn = _charts_drawn(page)["drawn"] if specs else 0
    metrics[name.removesuffix(".ipynb")] = {"kernel_ready_s": round(ready, 1), "run_all_s": round(run, 1),
                                            "charts_drawn": drawn}


def _first_single(source: Path) -> tuple[str, str, str, dict[str, str]]:
    spec = yaml.safe_load(source.read_text(encoding="utf-8"))
    q = next(q for q in spec["questions"] if q["kind"] == "single")
    return spec["id"], q["id"], str(q["answer"]), {str(k): str(v) for k, v in q["options"].items()}


def _question(page, ref: str):
    index = page.evaluate("""(needle) => {
      const w = window.jupyterapp.shell.currentWidget;
      const i = w.content.widgets.findIndex(c => c.model.type === 'code' && c.model.sharedModel.getSource().includes(needle));
      if (i >= 0) w.content.widgets[i].node.setAttribute('data-r2p-cell', String(i));
      return i; }""", f'ask("{ref}")')
    assert index >= 0, f"no cell asks {ref}"
    return page.locator(f'[data-r2p-cell="{index}"]')


def _radio(cell, text: str):
    label = cell.locator(".widget-radio-box > label").filter(has_text=re.compile(rf"^\s*{re.escape(text)}\s*$"))
    return label.locator("input[type=radio]")


def test_exercise_answer_is_kept_after_reload_and_graded(page, server, metrics, tmp_path):
    from playwright.sync_api import expect

    path = "exercises/ex00_start_here.ipynb"
    eid, qid, right, options = _first_single(ROOT / "exercises" / "source" / "ex00_start_here.yaml")
    ready = _goto(page, server, path)
    run = _run_all(page)
    _check_cells(page)
    metrics["ex00_start_here"] = {"kernel_ready_s": round(ready, 1), "run_all_s": round(run, 1)}
    cell = _question(page, f"{eid}.{qid}")
    _radio(cell, f"{right}) {options[right]}").check()
    cell.locator("button.widget-button:text-is('Check')").click()
    expect(cell.locator("[role=status]")).to_contain_text("Correct", timeout=CHANGE_TIMEOUT)
    # Saved as a student would (File > Save, or autosave): into the browser's storage for this site.
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=CHANGE_TIMEOUT)

    # Reload the page: the notebook comes back from the browser's storage with the answer in it.
    # (Opening the same address again: JupyterLite drops ?path= from the address once opened.)
    _goto(page, server, path)
    saved = page.evaluate("""(path) => window.jupyterapp.serviceManager.contents.get(path, {content: true})
                                .then(m => JSON.stringify(m.content))""", path)
    nb = json.loads(saved)
    assert f'"answer": "{right}"' in json.dumps(nb) or f'"answer":"{right}"' in saved, (
        "the answer chosen before the reload is not in the notebook kept by the browser")
    _run_all(page)
    cell = _question(page, f"{eid}.{qid}")
    expect(_radio(cell, f"{right}) {options[right]}")).to_be_checked(timeout=CHANGE_TIMEOUT)
    # The kernel keeps a safety copy of the answers beside the notebook it found in its folder (for a
    # save that lands while Restart Kernel and Run All has cleared the outputs), tied to this notebook
    # by the id its widgets wrote into the notebook's metadata, saved with it.
    kept = json.loads(page.evaluate("""(path) => window.jupyterapp.serviceManager.contents.get(path, {content: true})
        .then(m => m.format === 'base64' ? atob(m.content)
                   : typeof m.content === 'string' ? m.content : JSON.stringify(m.content))""",
                                    "exercises/.ex00_start_here.answers.json"))
    assert kept["answers"][eid][qid]["answer"] == right, kept
    assert kept["copy"] and kept["copy"] == nb["metadata"]["r2pkit"].get("copy"), (kept["copy"], nb["metadata"])

    # The notebook as File > Download gives it is accepted by the kit's grader: full marks for that question.
    submission = tmp_path / "student_ex00.ipynb"
    submission.write_text(saved, encoding="utf-8")
    grades = tmp_path / "grades.csv"
    proc = subprocess.run([str(Path(sys.executable).parent / "r2pkit"), "grade", str(submission), "--out", str(grades)],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows = [r for r in csv.DictReader(grades.open()) if r["question"] == qid]
    assert rows and float(rows[0]["points"]) == float(rows[0]["max_points"]) > 0, rows

"""Exercise answers are never lost: answered with the widgets in Chromium (by keyboard and mouse),
kept through "Restart Kernel and Run All" (also an answer changed a moment before it, whose save
had not landed: the newest answer comes back), saved, closed and reopened, and graded from the saved
file alone. Also: the keys act on the answer, not on JupyterLab's cells, and a widget answer given
after a code answer is the one that counts, and says so."""
from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from r2pkit.exercises import protocol
from r2pkit.exercises.questions import score
from r2pkit.exercises.source import load_source

from .browser_lab import cell_locator, notebook_locator, open_notebook, report, run_all, wait_drawn
from .browser_widgets import _radio

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "exercises" / "source" / "ex00_start_here.yaml"
WAIT = 60_000  # ms for the kernel to answer and the page to change

# What the student does (the widgets' labels come from the key's options).
ANSWERS = {
    "q1": "a",  # by keyboard: click c), then the up arrow twice
    "q2": ["a", "c"],  # partly right: tick two boxes
    "q3": [False, "b"],  # False, because b)
    "q7": ["c", "b", "a", "d"],  # an order with two items swapped
    "q5": 2.0,  # typed 3 in the code cell first (checked: not yet), then 2 in the widget: the widget's 2 counts
}
# Then, after a first restart, c) is unticked in q2 and the kernel restarted at once.
FINAL = {**ANSWERS, "q2": ["a"]}

_ACTIVE = "() => window.jupyterapp.shell.currentWidget.content.activeCellIndex"
_CELLS = "() => window.jupyterapp.shell.currentWidget.content.widgets.length"
_DIRTY = "() => window.jupyterapp.shell.currentWidget.context.model.dirty"


def _expect():
    from playwright.sync_api import expect

    return expect


def _label(text: str) -> str:
    return " ".join(re.sub(r"`([^`]*)`", r"\1", text).split())


def _checkbox(cell, text: str):
    return cell.locator(".widget-checkbox label").filter(has_text=text).locator("input[type=checkbox]")


def _wait_saved(page) -> None:
    """The notebook in the browser has nothing unsaved, and stays so for 2 s: a widget asks
    JupyterLab to save 0.6 s after its answer changed, so a moment's "saved" can be the save
    before the last answer reached the notebook."""
    page.evaluate("() => { window.__r2pClean = 0; }")
    page.wait_for_function(f"""() => {{
      const now = Date.now();
      if (({_DIRTY})()) {{ window.__r2pClean = 0; return false; }}
      window.__r2pClean = window.__r2pClean || now;
      return now - window.__r2pClean >= 2000; }}""", timeout=WAIT, polling=250)


def _restart_and_run_all(page) -> None:
    """Kernel > Restart Kernel and Run All Cells…, confirmed in its dialog, as a student does it."""
    page.evaluate("() => { window.__r2pRun = 'running'; "
                  "window.jupyterapp.commands.execute('notebook:restart-run-all').then("
                  "ok => { window.__r2pRun = 'ok'; }, err => { window.__r2pRun = 'failed: ' + err; }); }")
    page.locator(".jp-Dialog .jp-mod-accept").click(timeout=WAIT)
    page.wait_for_function("() => window.__r2pRun !== 'running'", timeout=300_000, polling=250)
    run_all(page)  # waits until every cell has run (running them once more changes nothing)
    wait_drawn(page)


def _shown(page, qid: str) -> dict:
    """What the question's widget shows: ticked choices, chosen menu items, typed text, disabled."""
    cell = cell_locator(page, f'ask("ex00.{qid}")')
    # After Restart and Run All a widget is drawn a moment before the kernel's values reach it
    # (a radio group or menu with nothing chosen yet): read again until every group and menu
    # shows a choice and two readings agree, or give the last reading to the assertion.
    last = None
    for _ in range(60):
        shown = _read_shown(cell)
        if None not in shown["radios"] + shown["menus"] and shown == last:
            break
        last = shown
        page.wait_for_timeout(250)
    return shown


def _read_shown(cell) -> dict:
    return cell.evaluate("""(c) => ({
      radios: Array.from(c.querySelectorAll('.widget-radio-box')).map(
          b => { const i = b.querySelector('input:checked'); return i ? i.parentElement.textContent.trim() : null; }),
      boxes: Array.from(c.querySelectorAll('.widget-checkbox input')).filter(i => i.checked).map(
          i => i.parentElement.textContent.trim()),
      menus: Array.from(c.querySelectorAll('select')).map(s => s.selectedIndex < 0 ? null : s.options[s.selectedIndex].textContent.trim()),
      text: Array.from(c.querySelectorAll('input[type=text]')).map(i => i.value),
      disabled: Array.from(c.querySelectorAll('input, select')).every(i => i.disabled),
      counts: (c.querySelector('.r2p-counts') || {}).textContent || '',
    })""")


def test_widget_answers_survive_restart_reopen_and_are_graded(lab_page, lab, tmp_path):
    page, key = lab_page, load_source(SOURCE)
    q = {x.id: x for x in key.questions}
    folder = lab.root / "answers"
    folder.mkdir(exist_ok=True)
    for name in ("ex00_start_here.ipynb", "ex00_start_here.quiz.json"):
        shutil.copy2(ROOT / "exercises" / name, folder / name)
    rel = "answers/ex00_start_here.ipynb"
    open_notebook(page, lab, rel)
    run_all(page)
    wait_drawn(page)
    expect = _expect()

    # 1. q5 in code first: 3 typed after the = sign, the cell run.
    page.evaluate("""() => { const w = window.jupyterapp.shell.currentWidget;
      const i = w.content.widgets.findIndex(c => c.model.sharedModel.getSource().startsWith('q5 = None'));
      w.content.widgets[i].model.sharedModel.setSource('q5 = 3\\ncheck("ex00.q5", q5)');
      w.content.activeCellIndex = i; window.jupyterapp.commands.execute('notebook:run-cell'); }""")
    q5_code = cell_locator(page, 'check("ex00.q5", q5)')
    expect(q5_code.locator("[role=status]")).to_contain_text("Not yet", timeout=WAIT)

    cells = {qid: cell_locator(page, f'ask("ex00.{qid}")') for qid in ("q1", "q2", "q3", "q5", "q7")}
    # JupyterLab as students have it, without the app exposed to the page: from here the widgets
    # ask for the notebook to be saved through the keyboard shortcut, as Ctrl+S would.
    page.evaluate("() => { window.__lab = window.jupyterapp; delete window.jupyterapp; }")

    # 2. q1 by keyboard: click c), then the up arrow twice selects a); JupyterLab's cells stay put.
    q1 = cells["q1"]
    options = q["q1"].options
    where = ("() => [window.__lab.shell.currentWidget.content.activeCellIndex, "
             "window.__lab.shell.currentWidget.content.widgets.length, window.__lab.shell.currentWidget.content.mode]")
    _radio(q1, f"c) {_label(options['c'])}").click()
    before = page.evaluate(where)
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(_radio(q1, f"a) {_label(options['a'])}")).to_be_checked(timeout=WAIT)
    ring = _radio(q1, f"a) {_label(options['a'])}").evaluate(
        "i => { const s = getComputedStyle(i); return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; }")
    assert ring[0] == "solid" and ring[1] >= 2, f"no visible focus ring on the focused choice: {ring}"
    # Tab to the Check button and press Enter: the answer is checked, no cell is added or moved.
    check = q1.locator("button.widget-button:text-is('Check')")
    for _ in range(8):
        page.keyboard.press("Tab")
        if check.evaluate("b => b === document.activeElement"):
            break
    assert check.evaluate("b => b === document.activeElement"), "Tab never reached the Check button"
    page.keyboard.press("Enter")
    expect(q1.locator("[role=status]")).to_contain_text("Correct", timeout=WAIT)
    after = page.evaluate(where)
    assert after == before, f"the keys acted on JupyterLab's cells (active cell, cells, mode): {before} -> {after}"

    # 3. q2, q3, q7 and q5 with the mouse.
    q2 = cells["q2"]
    for letter in ANSWERS["q2"]:
        _checkbox(q2, f"{letter}) {_label(q['q2'].options[letter])}").check()
    q3 = cells["q3"]
    _radio(q3, "False").check()
    _radio(q3, f"b) {_label(q['q3'].justifications['b'])}").check()
    q7 = cells["q7"]
    menus = q7.locator("select")
    for i, letter in enumerate(ANSWERS["q7"]):
        menus.nth(i).select_option(label=f"{letter}) {_label(q['q7'].items[letter])}")
    q5 = cells["q5"]
    expect(q5.locator(".r2p-counts")).to_contain_text("3 paragraphs (given in the code cell)", timeout=WAIT)
    q5.locator("input[type=text]").fill("2")
    q5.locator("input[type=text]").press("Tab")
    expect(q5.locator(".r2p-counts")).to_contain_text("2 paragraphs (chosen in the widget)", timeout=WAIT)
    expect(q5.locator(".r2p-counts")).to_contain_text("code cell, which does not count", timeout=WAIT)
    expect(q3.locator(".r2p-counts")).to_contain_text("False, because b)", timeout=WAIT)

    # 4. Saved by the widgets themselves (no Save pressed), then Restart Kernel and Run All.
    page.evaluate("() => { window.jupyterapp = window.__lab; }")
    _wait_saved(page)
    # The file itself holds every answer before the kernel restarts: the restart reads them from it.
    on_disk = protocol.saved_answers(json.loads((folder / "ex00_start_here.ipynb").read_text(encoding="utf-8")))
    assert on_disk.get("ex00", {}) == {qid: ANSWERS[qid] for qid in ("q1", "q2", "q3", "q5", "q7")}, on_disk
    # And the kernel's safety copy beside it holds them too (for a save that lands while Run All
    # has cleared the outputs: tests/test_exercises_answers.py).
    kept = json.loads((folder / ".ex00_start_here.answers.json").read_text(encoding="utf-8"))
    assert {qid: rec["answer"] for qid, rec in kept["answers"]["ex00"].items()} == {
        qid: ANSWERS[qid] for qid in ("q1", "q2", "q3", "q5", "q7")}, kept
    # The widgets wrote the copy's id into the notebook's metadata: the copy belongs to this file.
    assert json.loads((folder / "ex00_start_here.ipynb").read_text(encoding="utf-8"))["metadata"]["r2pkit"].get(
        "copy") == kept["copy"], kept["copy"]
    _restart_and_run_all(page)
    shown = {qid: _shown(page, qid) for qid in ("q1", "q2", "q3", "q5", "q7")}
    assert shown["q1"]["radios"] == [f"a) {_label(options['a'])}"] and shown["q1"]["disabled"], shown["q1"]
    assert sorted(b.split(")")[0] for b in shown["q2"]["boxes"]) == ANSWERS["q2"], shown["q2"]
    assert shown["q3"]["radios"] == ["False", f"b) {_label(q['q3'].justifications['b'])}"], shown["q3"]
    assert [m.split(")")[0] for m in shown["q7"]["menus"]] == ANSWERS["q7"], shown["q7"]
    assert shown["q5"]["text"] == ["2"] and "2 paragraphs (chosen in the widget)" in shown["q5"]["counts"], shown["q5"]

    # 4b. In q2, c) unticked, then at once (as soon as the kernel has it) Restart Kernel and Run All:
    # the save the widget asked for, 0.6 s after the change, does not run once the kernel restarts, so
    # the file still holds a) and c) when the new kernel reads it, and the safety copy the newer a).
    # The newest answer comes back. (Should the restart come later than the save, the file holds it
    # too: the test passes either way, and fails only if an older answer comes back.)
    q2 = cells["q2"]
    _checkbox(q2, f"c) {_label(q['q2'].options['c'])}").uncheck()
    expect(q2.locator(".r2p-counts")).not_to_contain_text("c) ", timeout=WAIT)  # the kernel has it
    _restart_and_run_all(page)
    shown = _shown(page, "q2")
    assert [b.split(")")[0] for b in shown["boxes"]] == FINAL["q2"], shown
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    _wait_saved(page)
    on_disk = protocol.saved_answers(json.loads((folder / "ex00_start_here.ipynb").read_text(encoding="utf-8")))
    assert on_disk["ex00"] == FINAL, on_disk

    # 5. Save, close, reopen: the saved answers are shown in words before anything runs.
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    _wait_saved(page)
    page.evaluate("() => window.jupyterapp.shell.currentWidget.close()")
    lab.shutdown_kernels()
    open_notebook(page, lab, rel)
    texts = " ".join(s["text"] for c in report(page)["cells"] for s in c["shown"])
    assert "False, because b)" in texts and "2 paragraphs (chosen in the widget)" in texts, texts[:2000]
    assert "[False" not in texts, "answers are shown in words, not as Python"
    notebook_locator(page).locator(".jp-Cell").first.scroll_into_view_if_needed()

    # 6. The saved file alone holds the answers, and the grader scores them.
    nb = json.loads((folder / "ex00_start_here.ipynb").read_text(encoding="utf-8"))
    saved = protocol.saved_answers(nb)["ex00"]
    assert saved == FINAL, saved
    assert protocol.problems(nb, key) == []
    out = tmp_path / "grades.csv"
    done = subprocess.run([str(Path(sys.executable).parent / "r2pkit"), "grade", str(folder / "ex00_start_here.ipynb"),
                           "--out", str(out)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    with out.open(newline="", encoding="utf-8") as fh:
        rows = {r["question"]: r for r in csv.DictReader(fh)}
    for qid, answer in FINAL.items():
        outcome = score(q[qid], answer)
        assert (rows[qid]["status"], float(rows[qid]["points"])) == (outcome.status, outcome.points), (qid, rows[qid])
    assert rows["q1"]["status"] == rows["q5"]["status"] == "correct" and rows["q7"]["status"] == "partial"
    assert {rows[x]["status"] for x in rows if x not in FINAL} == {"unanswered"}

"""Written answers and grading by hand, in Chromium, by keyboard.

A student types a paragraph in a written question's text area: the keys go to the text area, not to
JupyterLab's cell shortcuts (a, b, m, j, k, the arrows and Enter add, change or move no cell), the
answer is saved into the notebook by the widget and survives "Restart Kernel and Run All".

An instructor grades the written answers in the grading view with the keyboard only: 1 ticks the
first rubric item, j saves and shows the next answer, c puts the cursor in the comment box, typing
there works none of the view's keys, Esc leaves the box, s saves; the overrides file holds it all.

Screenshots of both, as the student and the instructor see them, go to test-output/written/.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import nbformat

from r2pkit.exercises import protocol
from r2pkit.exercises.build import build
from r2pkit.seminar.gradebook import read_overrides

from .browser_lab import cell_locator, open_notebook, run_all, wait_drawn
from .test_exercise_answers import _restart_and_run_all, _wait_saved

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output" / "written"
WAIT = 60_000

sys.path.insert(0, str(ROOT / "tests"))
from test_exercises_written import SOURCE  # noqa: E402  (the same small exercise as the unit tests)

PARAGRAPH = ("An occupier that runs the district exercises governmental authority over it, so the duty to protect "
             "attaches (Hakimi, p. 269). It is a duty of due diligence: a bad job, a mob or a jammed kit is "
             "no excuse.")
# Keys that are JupyterLab shortcuts in command mode: a/b add a cell, m makes it Markdown, j/k move.
SHORTCUT_KEYS = ["a", "b", "m", "j", "k"]

_CELLS = """() => { const c = window.jupyterapp.shell.currentWidget.content;
  return [c.widgets.length, c.activeCellIndex, c.widgets.map(w => w.model.type).join(','), c.mode]; }"""


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def _exercise(root: Path) -> tuple[Path, Path]:
    """The written exercise built into the server's root: (the student's notebook, its key)."""
    key = root / "key" / "ex92_written.yaml"
    key.parent.mkdir(parents=True, exist_ok=True)
    key.write_text(SOURCE, encoding="utf-8")
    built = build(key, root / "written", execute=False)
    return built.student, key


def test_a_paragraph_typed_in_the_text_area_stays_there_and_is_saved(lab_page, lab):
    from playwright.sync_api import expect

    page = lab_page
    notebook, _ = _exercise(lab.root)
    rel = notebook.relative_to(lab.root).as_posix()
    open_notebook(page, lab, rel)
    run_all(page)
    wait_drawn(page)
    cell = cell_locator(page, 'ask("ex92_written.q2")')
    box = cell.locator("textarea")
    expect(box).to_be_visible(timeout=WAIT)

    box.click()  # the click makes its cell the active one; from here no key may change the cells
    before = page.evaluate(_CELLS)
    first, second = PARAGRAPH.split(" It is ")
    box.type(first, delay=5)
    for key in ("ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "End"):  # JupyterLab moves between cells with these
        page.keyboard.press(key)
    page.keyboard.press("Control+End")  # back to the end of the text
    page.keyboard.press("Enter")
    page.keyboard.type("Keys ")
    for key in SHORTCUT_KEYS:  # each alone, as JupyterLab's command mode would take it
        page.keyboard.press(key)
    page.keyboard.press("Enter")
    box.type("It is " + second, delay=5)
    after = page.evaluate(_CELLS)
    assert after == before, f"typing acted on JupyterLab's cells (cells, active, types, mode): {before} -> {after}"
    typed = box.input_value()
    assert typed == f"{first}\nKeys {''.join(SHORTCUT_KEYS)}\nIt is {second}", typed
    box.press("Tab")  # a student moving on
    expect(cell.locator(".r2p-counts")).to_contain_text("words) (written in the box)", timeout=WAIT)
    _shot(page, "student-typed.png")

    _wait_saved(page)  # the widget saved the notebook itself
    saved = protocol.saved_answers(json.loads(notebook.read_text(encoding="utf-8")))["ex92_written"]
    assert saved["q2"] == typed.strip(), saved

    _restart_and_run_all(page)
    box = cell_locator(page, 'ask("ex92_written.q2")').locator("textarea")
    expect(box).to_have_value(typed, timeout=WAIT)
    box.scroll_into_view_if_needed()
    _shot(page, "student-after-restart.png")
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    _wait_saved(page)
    # the widgets ask for a save of their own as the run ends: the file is read until it settles (10 s at most)
    for _ in range(40):
        saved = protocol.saved_answers(json.loads(notebook.read_text(encoding="utf-8"))).get("ex92_written", {})
        if saved.get("q2") == typed.strip():
            break
        page.wait_for_timeout(250)
    assert saved.get("q2") == typed.strip(), f"the answer is not in the file after Restart and Run All: {saved}"


def test_a_paragraph_written_in_a_markdown_answer_cell_is_saved(lab_page, lab):
    """A question built with ``cell: markdown``: the student replaces the placeholder of its Markdown
    cell, sees it formatted, saves; the file holds the answer, also after Restart and Run All."""
    from playwright.sync_api import expect

    from r2pkit.exercises.kinds.written import PLACEHOLDER

    page = lab_page
    key = lab.root / "key-md" / "ex92_written.yaml"
    key.parent.mkdir(parents=True, exist_ok=True)
    key.write_text(SOURCE.replace("    length: one paragraph\n", "    length: one paragraph\n    cell: markdown\n"),
                   encoding="utf-8")
    notebook = build(key, lab.root / "written-md", execute=False).student
    open_notebook(page, lab, notebook.relative_to(lab.root).as_posix())
    run_all(page)
    wait_drawn(page)
    index = page.evaluate("""() => { const cells = window.jupyterapp.shell.currentWidget.content.widgets;
        const i = cells.findIndex(c => ((c.model.getMetadata('r2pkit') || {}).answer) === 'ex92_written.q2');
        if (i >= 0) cells[i].node.setAttribute('data-r2p-answer', 'q2');
        return i; }""")
    assert index > 0, "the notebook has a Markdown answer cell for q2"
    cell = page.locator('[data-r2p-answer="q2"]')
    cell.scroll_into_view_if_needed()
    expect(cell.locator(".jp-RenderedMarkdown")).to_contain_text("Write your answer here")
    before = page.evaluate(_CELLS)
    assert before[2].split(",")[index] == "markdown"
    cell.locator(".jp-RenderedMarkdown").dblclick()  # edit mode, as a student opens it
    editor = cell.locator(".cm-content")
    expect(editor).to_be_visible(timeout=WAIT)
    editor.click()
    page.wait_for_function("""() => { const a = document.activeElement;
        return !!(a && a.closest('[data-r2p-answer]')) &&
               window.jupyterapp.shell.currentWidget.content.mode === 'edit'; }""", timeout=WAIT)
    page.keyboard.press("Control+a")  # in the editor: its text (the placeholder), which the answer replaces
    page.keyboard.type("The occupier **governs** the district, so the duty attaches.")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("- It is a duty of *due diligence* (Hakimi, p. 269).")
    page.keyboard.press("Shift+Enter")  # rendered, as the student sees it
    expect(cell.locator("strong")).to_have_text("governs", timeout=WAIT)
    page.keyboard.press("Control+s")
    _wait_saved(page)
    after = page.evaluate(_CELLS)
    assert after[0] == before[0] and after[2] == before[2], f"cells added or changed: {before} -> {after}"
    want = ("The occupier **governs** the district, so the duty attaches.\n\n"
            "- It is a duty of *due diligence* (Hakimi, p. 269).")
    saved = protocol.saved_answers(json.loads(notebook.read_text(encoding="utf-8")))
    assert saved.get("ex92_written", {}).get("q2") == want, saved
    cell.scroll_into_view_if_needed()
    _shot(page, "student-markdown-answer.png")
    _restart_and_run_all(page)
    summary = cell_locator(page, 'summary("ex92_written")')
    expect(summary.locator("tr").filter(has_text="q2")).to_contain_text("saved", timeout=WAIT)  # the kernel read it
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    _wait_saved(page)
    saved = protocol.saved_answers(json.loads(notebook.read_text(encoding="utf-8")))
    assert saved.get("ex92_written", {}).get("q2") == want and PLACEHOLDER not in notebook.read_text()


ESSAYS = {"s01": PARAGRAPH, "s02": "The occupier must act with due diligence.",
          "s03": "Because it governs the district, the occupier has the duty to protect its people."}


def _results(path: Path) -> None:
    """What `r2pkit grade` writes for three students of the written exercise (its documented schema)."""
    subs = []
    for sid, essay in ESSAYS.items():
        qs = [{"question": "q1", "status": "correct", "points": 1.0, "max_points": 1.0, "answer": "a", "detail": ""},
              {"question": "q2", "status": "answered", "points": 0.0, "max_points": 3.0, "answer": essay,
               "detail": ""}]
        subs.append({"submission": f"in/{sid}/ex92.ipynb", "file_sha256": hashlib.sha256(essay.encode()).hexdigest(),
                     "mtime": 1_764_633_600.0, "exercise": "ex92_written", "version": "1", "mode": "assessed",
                     "status_note": "", "notes": [], "questions": qs})
    path.write_text(json.dumps({"kit_version": "0.1.0", "created": "2026-12-02T10:00:00+00:00",
                                "sandbox": "bubblewrap", "submissions": subs}), encoding="utf-8")


def test_grading_view_by_keyboard_only(lab_page, lab):
    from playwright.sync_api import expect

    page = lab_page
    _, key = _exercise(lab.root)
    folder = lab.root / "grading"
    folder.mkdir(exist_ok=True)
    _results(folder / "grades.json")
    (folder / "roster.csv").write_text("student_id,name\ns01,Ada Lovelace\ns02,Alan Turing\ns03,Grace Hopper\n",
                                       encoding="utf-8")
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                          "language": "python"}})
    nb.cells = [nbformat.v4.new_markdown_cell("# Grading question 2 of exercise 92 by hand"),
                nbformat.v4.new_code_cell(
                    "from r2pkit.seminar.grading_view import GradingView\n"
                    'view = GradingView(["grades.json"], "roster.csv", "overrides.csv", "ex92_written", "q2", '
                    'key="../key/ex92_written.yaml")\nview'),
                nbformat.v4.new_markdown_cell("Every change is saved in `overrides.csv` at once.")]
    nbformat.write(nb, folder / "grade.ipynb")
    open_notebook(page, lab, "grading/grade.ipynb")
    run_all(page)
    wait_drawn(page)
    view = page.locator(".r2p-grading")
    expect(view).to_be_visible(timeout=WAIT)
    expect(view.locator("h3")).to_contain_text("answer 1 of 3", timeout=WAIT)
    text = view.inner_text()
    assert not any(name in text for name in ("Ada", "Alan", "Grace", "s01", "s02", "s03")), "names are hidden"
    boxes = view.locator(".widget-checkbox input[type=checkbox]")
    assert boxes.count() == 2
    ov = folder / "overrides.csv"

    # the focus into the view (as Tab does: it is a focusable region); from here the keyboard only
    view.evaluate("v => v.focus()")
    assert view.evaluate("v => v === document.activeElement"), "the view takes the focus"
    before = page.evaluate(_CELLS)  # the view's cell is the active one now; no key may change the cells
    first = view.locator("h3").inner_text()
    page.keyboard.press("1")
    expect(boxes.nth(0)).to_be_checked(timeout=WAIT)
    expect(boxes.nth(1)).not_to_be_checked()
    _wait_file(page, ov, 1)
    page.keyboard.press("j")
    expect(view.locator("h3")).to_contain_text("answer 2 of 3", timeout=WAIT)
    expect(boxes.nth(0)).not_to_be_checked(timeout=WAIT)

    page.keyboard.press("c")
    comment = view.locator(".r2p-comment textarea")
    assert comment.evaluate("t => t === document.activeElement"), "c puts the cursor in the comment box"
    page.keyboard.type("Cite the page: j, k, 1 and s are words here.")
    expect(comment).to_have_value("Cite the page: j, k, 1 and s are words here.", timeout=WAIT)
    expect(view.locator("h3")).to_contain_text("answer 2 of 3")
    assert not boxes.nth(0).is_checked(), "typing 1 in the comment ticked a rubric item"
    page.keyboard.press("Escape")
    assert not comment.evaluate("t => t === document.activeElement"), "Esc leaves the comment box"
    assert view.evaluate("v => v.contains(document.activeElement)"), "Esc keeps the focus in the view"
    page.keyboard.press("2")
    expect(boxes.nth(1)).to_be_checked(timeout=WAIT)
    page.keyboard.press("s")
    _wait_file(page, ov, 2, "Cite the page")
    expect(view.locator("h3")).to_contain_text("2 graded by hand", timeout=WAIT)
    page.keyboard.press("?")  # the keys, also in the status line
    expect(view.locator("[role=status]").filter(has_text="tick or untick rubric item")).to_have_count(1, timeout=WAIT)
    after = page.evaluate(_CELLS)
    assert after == before, f"the view's keys acted on JupyterLab's cells: {before} -> {after}"
    view.scroll_into_view_if_needed()
    _shot(page, "instructor-grading.png")

    saved = read_overrides(ov)
    assert [(o.exercise, o.question) for o in saved] == [("ex92_written", "q2")] * len(saved)
    firsts = [o for o in saved if "✓ 1." in o.reason]
    assert firsts and firsts[-1].points == 2, saved
    last = saved[-1]
    assert last.points == 1 and "✓ 2. Says the duty is one of due diligence." in last.reason
    assert last.reason.endswith("Cite the page: j, k, 1 and s are words here."), last.reason
    assert firsts[-1].student_id != last.student_id and first != view.locator("h3").inner_text()


def _wait_file(page, path: Path, rows: int, contains: str = "", timeout_s: float = 60) -> None:
    """Wait until the overrides file has ``rows`` rows (the kernel writes it)."""
    for _ in range(int(timeout_s * 4)):
        if path.exists():
            found = read_overrides(path)
            if len(found) >= rows and contains in found[-1].reason:
                return
        page.wait_for_timeout(250)
    raise AssertionError(f"{path} did not get {rows} row(s) with {contains!r}: "
                         f"{path.read_text() if path.exists() else '(no file)'}")

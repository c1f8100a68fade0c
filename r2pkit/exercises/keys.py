"""The exercise widget's small front-end: the keyboard stays on the answer, the notebook is saved.

JupyterLab binds the arrow keys, Enter and single letters to its own commands (move to
the next cell, edit the cell, insert a cell …) whenever the focus is on something in a
notebook that is not a text box, such as a radio button of an exercise widget. A key
press meant for the answer then moved the cell selection, and Tab + Enter duplicated a
cell. Lumino, JupyterLab's toolkit, skips its shortcuts for any element inside one that
carries the attribute ``data-lm-suppress-shortcuts`` (the way JupyterLab's own shortcut
editor keeps keys to itself); ipywidgets cannot set attributes, so this tiny anywidget
sets it on the question's box, and names each group of radio buttons (ipywidgets leaves
them without a name, so the browser did not treat them as one group). The arrow keys then
move between the choices (the browser's own radio-group behaviour) and Enter or Space
presses the focused button.

It also labels the question's box for screen readers (``role="group"``), and, when the
kernel says an answer changed, asks JupyterLab to save the notebook (its ``Save``
command, as Ctrl+S would), so the answer is in the notebook file at once, not only after
the next autosave: a "Restart Kernel and Run All" right after answering reads it back.
A save asked for by a kernel that has since restarted does not run (the restart has cleared
the outputs, and the file would be saved without its answers). Where there is no JupyterLab
(Voilà, nbclient) the request does nothing.

Last, it writes the id the kernel gave this copy of the notebook into the notebook's
metadata (``metadata.r2pkit.copy``), which ties the kernel's safety copy of the answers to
this notebook (see :mod:`r2pkit.exercises.runtime`), and, when the kernel took answers from
that copy (newer than the file's), asks for a save once shown, so the file holds them again.
"""
from __future__ import annotations

import anywidget
import traitlets

__all__ = ["QuestionKeys", "CSS"]

_ESM = r"""
// ipywidgets' radio buttons carry no name, so the browser does not treat them as one group and
// the arrow keys do not move between them: give each group a name of its own.
let groups = 0;
const KEYS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Enter", " ", "Home", "End",
                      "PageUp", "PageDown"]);
function group(box) {
  box.querySelectorAll(".widget-radio-box").forEach((radios) => {
    if (!radios.dataset.r2pGroup) radios.dataset.r2pGroup = "r2p-radio-" + (++groups) + "-" + Date.now();
    radios.querySelectorAll("input[type=radio]").forEach((input) => {
      if (input.name !== radios.dataset.r2pGroup) input.name = radios.dataset.r2pGroup;
    });
  });
}

function render({ model, el }) {
  el.style.display = "none";
  const mark = (tries) => {
    const box = el.closest(".r2p-question");
    if (box) {
      box.setAttribute("data-lm-suppress-shortcuts", "true");
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", model.get("label"));
      group(box);
      // A click on a choice must leave the focus on it: JupyterLab's notebook takes the focus
      // for the cell on mousedown, and the arrow keys then moved the cell selection instead.
      const control = (t) => t && t.closest && t.closest("input, select, button, textarea, label");
      box.addEventListener("mousedown", (e) => { if (control(e.target)) e.stopPropagation(); });
      box.addEventListener("keydown", (e) => {
        if (KEYS.has(e.key) && control(e.target)) e.stopPropagation();
      });
      new MutationObserver(() => group(box)).observe(box, { childList: true, subtree: true });
    } else if (tries > 0) {
      requestAnimationFrame(() => mark(tries - 1));
    }
  };
  mark(600);
  let timer = null;
  // A save asked for by a kernel that has since restarted must not run: "Restart Kernel and Run
  // All" has cleared the outputs by then, and the file would be saved without its answers. The
  // widget manager marks every model as no longer live when the kernel restarts (anywidget's
  // model gives the event, not the flag).
  let live = true;
  const gone = () => { live = false; clearTimeout(timer); };
  model.on("comm_live_update", gone);
  model.on("destroy", gone);
  // The id of this copy of the notebook, in its metadata: the kernel's safety copy of the answers
  // is read back only by a kernel whose notebook file carries the same id.
  const copy = model.get("copy");
  const context = model.widget_manager && model.widget_manager.context;
  const doc = context && context.model;
  if (copy && doc && typeof doc.getMetadata === "function" && typeof doc.setMetadata === "function") {
    const meta = doc.getMetadata("r2pkit");
    if (!meta || meta.copy !== copy) doc.setMetadata("r2pkit", Object.assign({}, meta || {}, { copy }));
  }
  const save = () => {
    if (!live) return;
    const app = window.jupyterapp;
    if (app && app.commands && app.commands.hasCommand("docmanager:save")) {
      app.commands.execute("docmanager:save");
      return;
    }
    // JupyterLab's key bindings read keyCode: the event Ctrl+S makes, sent to the page's body
    // (outside the question's box, whose shortcuts are switched off).
    if (!document.querySelector(".jp-LabShell, .jp-NotebookPanel")) return;  // not JupyterLab (Voila)
    const ev = new KeyboardEvent("keydown", { key: "s", code: "KeyS", ctrlKey: true, bubbles: true, cancelable: true });
    Object.defineProperty(ev, "keyCode", { get: () => 83 });
    Object.defineProperty(ev, "which", { get: () => 83 });
    document.body.dispatchEvent(ev);
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 600);
  };
  model.on("msg:custom", (msg) => { if (msg && msg.save) later(); });
  // The kernel took answers from the safety copy, newer than the file's: save them into it again.
  if (model.get("resave")) later();
}
export default { render };
"""

#: Styles for the kit's questions: long options wrap instead of overlapping (ipywidgets gives
#: each option one fixed line, so a click meant for b) landed on c)), and a focus ring a
#: keyboard user sees at once (3 px, near-black with a yellow halo: visible on light and dark).
CSS = """<style>
.r2p-question .widget-radio-box label { height: auto !important; line-height: 1.35 !important;
  white-space: normal !important; margin: 2px 0 4px 0; display: flex !important; align-items: flex-start; }
.r2p-question .widget-radio-box label input { flex: none; order: -1; margin: 3px 6px 0 0; }
.r2p-question .widget-checkbox { height: auto !important; }
.r2p-question .widget-checkbox label { height: auto !important; line-height: 1.35 !important;
  white-space: normal !important; }
.r2p-question input:focus-visible, .r2p-question button:focus-visible, .r2p-question select:focus-visible,
.r2p-question textarea:focus-visible {
  outline: 3px solid #0b0c0c !important; outline-offset: 2px !important; box-shadow: 0 0 0 6px #ffdd00 !important; }
.r2p-question label:focus-within { box-shadow: inset 0 0 0 2px #0b0c0c; background: #fff7bf; border-radius: 3px; }
.r2p-question .r2p-counts { margin: .3em 0; font-style: italic; }
</style>"""


class QuestionKeys(anywidget.AnyWidget):
    """Invisible: keeps the keyboard on its question's answer and saves the notebook on request."""

    _esm = _ESM
    label = traitlets.Unicode("Question").tag(sync=True)
    #: The id of this copy of the notebook, written into its metadata ("" writes nothing).
    copy = traitlets.Unicode("").tag(sync=True)
    #: Ask for a save once shown (the kernel took answers from the safety copy).
    resave = traitlets.Bool(False).tag(sync=True)

    def save(self) -> None:
        """Ask the front-end to save the notebook (nothing happens without one)."""
        self.send({"save": True})

    def __repr__(self) -> str:  # nbval compares the text of outputs: keep it short and stable
        return "QuestionKeys()"

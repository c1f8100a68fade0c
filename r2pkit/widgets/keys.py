"""The explorers' small front end: one focus ring, sliders with names, the keyboard kept on the controls.

Three things a keyboard or screen-reader user needs that ipywidgets does not give, and that
Python cannot set, since ipywidgets exposes no attributes of its elements:

- **A focus ring one sees.** ipywidgets' own is a faint 1 px line. The kit's explorers (and
  its exercises, :mod:`r2pkit.exercises.keys`) share one: 3 px, near-black with a yellow halo,
  visible on light and dark backgrounds.
- **Sliders with a name.** ipywidgets 8 draws a slider with noUiSlider, whose handle (the
  element with ``role="slider"`` that takes the focus) is not tied to the slider's visible
  label, so a screen reader announced "slider" with no name (axe-core's
  ``aria-input-field-name``). Each handle is given its label as ``aria-label``.
- **Labels that wrap.** A tick box's long label (a risk factor's full name) wraps on a narrow
  screen instead of being cut short with an ellipsis.
- **Keys that stay on the control.** JupyterLab binds the arrow keys and single letters to its
  notebook commands; a focused slider handle or menu then moved the cell selection as well.
  Lumino skips its shortcuts inside an element carrying ``data-lm-suppress-shortcuts``, which
  is set on the explorer's box (as the exercises do). The box is also a named group for
  screen readers.

:func:`keyboard` adds the invisible :class:`ExplorerKeys` as an explorer's last child; where
no front end runs (nbclient, the tests) it does nothing.
"""
from __future__ import annotations

import json
from typing import TypeVar

import anywidget
import ipywidgets as widgets
import traitlets

from .. import checks

__all__ = ["ExplorerKeys", "keyboard", "FOCUS_CSS"]

#: The kit's focus ring, for every control inside an explorer (``.r2p-explorer``).
FOCUS_CSS = """
.r2p-explorer input:focus-visible, .r2p-explorer select:focus-visible, .r2p-explorer button:focus-visible,
.r2p-explorer textarea:focus-visible, .r2p-explorer .noUi-handle:focus-visible,
.r2p-explorer .noUi-handle:focus {
  outline: 3px solid #0b0c0c !important; outline-offset: 2px !important; box-shadow: 0 0 0 6px #ffdd00 !important; }
.r2p-explorer label:focus-within { box-shadow: inset 0 0 0 2px #0b0c0c; background: #fff7bf; border-radius: 3px; }
.r2p-explorer .widget-checkbox { height: auto !important; max-width: 100%; }
.r2p-explorer .widget-checkbox label.widget-label-basic { white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; height: auto !important; line-height: 1.35 !important; }
"""

_ESM = r"""
const CSS = %CSS%;
function style() {
  if (document.getElementById("r2p-explorer-style")) return;
  const sheet = document.createElement("style");
  sheet.id = "r2p-explorer-style";
  sheet.textContent = CSS;
  document.head.appendChild(sheet);
}
// Each slider's handle (role=slider, the element that takes the focus) gets the slider's label.
function name(box) {
  box.querySelectorAll(".widget-slider, .jupyter-widget-slider").forEach((slider) => {
    const label = slider.querySelector(".widget-label");
    const text = label ? label.textContent.trim() : "";
    if (!text) return;
    slider.querySelectorAll(".noUi-handle").forEach((handle) => {
      if (handle.getAttribute("aria-label") !== text) handle.setAttribute("aria-label", text);
    });
  });
}
function render({ model, el }) {
  el.style.display = "none";
  style();
  const mark = (tries) => {
    const box = el.closest(".r2p-explorer");
    if (box) {
      box.setAttribute("data-lm-suppress-shortcuts", "true");
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", model.get("label"));
      name(box);
      new MutationObserver(() => name(box)).observe(box, { childList: true, subtree: true });
    } else if (tries > 0) {
      requestAnimationFrame(() => mark(tries - 1));
    }
  };
  mark(600);
}
export default { render };
"""


class ExplorerKeys(anywidget.AnyWidget):
    """Invisible: the focus ring, named slider handles and JupyterLab's shortcuts kept off, for its explorer."""

    _esm = _ESM.replace("%CSS%", json.dumps(FOCUS_CSS.strip()))
    label = traitlets.Unicode("Explorer").tag(sync=True)

    def __repr__(self) -> str:  # nbval compares the text of outputs: keep it short and stable
        return "ExplorerKeys()"


Box = TypeVar("Box", bound=widgets.Box)


def keyboard(box: Box, label: str) -> Box:
    """``box`` with the kit's keyboard front end (:class:`ExplorerKeys`) as its last child.

    ``label`` names the explorer for screen readers (a group named, e.g., "Host pressure explorer").

    >>> box = keyboard(widgets.VBox([widgets.IntSlider(description="Year")]), "Year explorer")
    >>> box.children[-1], "r2p-explorer" in box._dom_classes
    (ExplorerKeys(), True)
    """
    checks.instance_of(box, widgets.Box, "box", what="a box of widgets (an ipywidgets VBox or HBox)",
                       allowed="Pass the explorer's box, e.g. widgets.VBox([...]).")
    checks.text(label, "label", what="a name for the explorer", allowed="Write its name, e.g. 'Year explorer'.")
    box.add_class("r2p-explorer")
    box.children = (*box.children, ExplorerKeys(label=label))
    return box

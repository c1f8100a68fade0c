"""The explorers by keyboard, in JupyterLab (r2pkit/widgets/keys.py): a slider handle has a name,
the focus ring is one a student sees, and the arrow keys move the slider, not the cell selection.

Notebook 00's explorer (a Year slider) and notebook 04's fair share calculator (a menu, sliders
and a tick box) are used; what is checked is what a keyboard and screen-reader user meets.
"""
from __future__ import annotations

import pytest

from .browser_lab import notebook_locator, open_notebook, run_all, wait_drawn
from .browser_widgets import CHANGE_TIMEOUT, _control, explorer

_ACTIVE_CELL = "() => window.jupyterapp.shell.currentWidget.content.activeCellIndex"
_RING = """(el) => { const s = getComputedStyle(el);
  return {outline: parseFloat(s.outlineWidth), style: s.outlineStyle, shadow: s.boxShadow}; }"""


@pytest.fixture
def notebook_00(lab_page, lab):
    open_notebook(lab_page, lab, "notebooks/00_start_here.ipynb")
    run_all(lab_page)
    wait_drawn(lab_page)
    return lab_page


def test_a_slider_handle_is_named_and_ringed_and_keeps_the_arrow_keys(notebook_00):
    from playwright.sync_api import expect

    page = notebook_00
    box = explorer(notebook_locator(page), "Year")
    slider = _control(box, "Year")
    handle = slider.locator(".noUi-handle")
    # A screen reader announces the slider by its label, not as a nameless "slider".
    expect(handle).to_have_attribute("aria-label", "Year", timeout=CHANGE_TIMEOUT)
    expect(box).to_have_attribute("data-lm-suppress-shortcuts", "true")
    expect(box).to_have_attribute("role", "group")
    # Reached by the keyboard: Tab from the control before it would do; focus it as Tab does.
    handle.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert handle.evaluate("h => document.activeElement === h"), "Tab does not reach the slider's handle"
    ring = handle.evaluate(_RING)
    assert ring["outline"] >= 3 and ring["style"] == "solid", f"the focus ring is not visible: {ring}"
    assert "255, 221, 0" in ring["shadow"], f"the focus ring has no yellow halo: {ring}"
    # The arrow key moves the slider; JupyterLab's cell selection stays where it was.
    cell = page.evaluate(_ACTIVE_CELL)
    start = int(slider.locator(".widget-readout").inner_text().strip())
    top = int(float(handle.get_attribute("aria-valuemax")))
    key, step = ("ArrowRight", 1) if start < top else ("ArrowLeft", -1)
    page.keyboard.press(key)
    expect(slider.locator(".widget-readout")).to_have_text(str(start + step), timeout=CHANGE_TIMEOUT)
    page.keyboard.press(key)
    assert page.evaluate(_ACTIVE_CELL) == cell, "the arrow keys moved JupyterLab's cell selection too"
    assert handle.evaluate("h => document.activeElement === h"), "the focus left the slider"


def test_the_ring_is_shared_by_menus_and_buttons(notebook_00):
    page = notebook_00
    box = explorer(notebook_locator(page), "Year")
    # The same stylesheet serves every explorer: one copy on the page, rules for each kind of control.
    rules = page.evaluate("""() => { const s = document.querySelectorAll('#r2p-explorer-style');
        return {copies: s.length, text: s.length ? s[0].textContent : ''}; }""")
    assert rules["copies"] == 1, rules
    for control in ("select", "button", ".noUi-handle", "input"):
        assert f".r2p-explorer {control}:focus-visible" in rules["text"], f"no focus ring for {control}"
    assert "r2p-explorer" in (box.get_attribute("class") or "")

"""Notebook 07 (Syria and Myanmar side by side) as its reader meets it, in Voilà and Chromium.

The page shows the Council's actions on Myanmar, the charts (each with a text alternative a
screen reader reads), and the duty explorer set to Russia and Myanmar. Its facts are set with
the keyboard, as a reader who does not use a mouse would: the fact 'Does Russia impede measures …?'
is set to *yes* (focus and Space), and the engine's reasoning changes to say that Russia
obstructs, while the breach stays open; loading Hakimi's own Syria case from the menu then
shows that fact as *yes* from the case file. Expected words and values are read from the case files and the CSV tables with
yaml and pandas, not from the kit's code. The generic checks of every app (no request outside
this machine, axe-core, no clipping) are in test_voila.py, which serves this notebook too.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from .browser_lab import RENDER_TIMEOUT, stored_outputs
from .browser_widgets import CHANGE_TIMEOUT

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = "notebooks/07_syria_and_myanmar.ipynb"
CASES = ROOT / "datasets" / "duty_cases"
#: The explorer's summary line for the duty not to obstruct when it attaches and its breach is open.
OPEN = re.compile(r"Duty not to obstruct\s*: attaches; breach not established")

# Every chart drawn by Vega (an SVG with marks) and every widget view on Voilà's page.
_COUNTS = """() => {
  const sized = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const vega = Array.from(document.querySelectorAll('.jp-RenderedVegaLite .vega-embed'));
  return {vega: vega.length, drawn: vega.filter(v => { const s = v.querySelector('svg.marks'); return s && sized(s); }).length,
          labels: vega.map(v => v.getAttribute('aria-label') || ''),
          widgets: document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets').length};
}"""


def _case(name: str) -> dict:
    return yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))


@pytest.fixture()
def app(page, voila):
    """Notebook 07 in Voilà, every chart drawn and the widget shown."""
    want = stored_outputs(ROOT / NOTEBOOK)
    page.goto(f"{voila.base}/voila/render/{NOTEBOOK}", wait_until="domcontentloaded", timeout=RENDER_TIMEOUT)
    page.wait_for_function(f"(w) => {{ const c = ({_COUNTS})(); return c.drawn === c.vega && c.vega >= w.charts "
                           f"&& c.widgets >= w.widgets + w.charts; }}", arg=want, timeout=RENDER_TIMEOUT, polling=250)
    return page


def test_the_council_table_and_every_chart_with_its_text_alternative(app):
    actions = pd.read_csv(ROOT / "datasets" / "unsc_myanmar_actions.csv", keep_default_na=False, na_values=[""])
    text = app.locator("body").inner_text()
    for symbol in actions["symbol"]:
        assert symbol in text, f"the table of the Council's actions does not show {symbol}"
    counts = app.evaluate(_COUNTS)
    assert counts["vega"] >= stored_outputs(ROOT / NOTEBOOK)["charts"] > 0
    empty = [i for i, label in enumerate(counts["labels"]) if len(label.strip()) < 20]
    assert not empty, f"charts without a text alternative (aria-label): {empty}"
    assert any("Bangladesh" in label for label in counts["labels"]), \
        "no chart's text alternative names Bangladesh (the host-pressure charts)"
    assert "There was an error when executing cell" not in text and "Traceback" not in text


def test_the_duty_explorer_used_with_the_keyboard(app):
    from playwright.sync_api import expect

    myanmar, syria = _case("russia-myanmar"), _case("russia-syria")
    assert myanmar["facts"]["obstructs_protective_measures"] == "unknown"
    assert syria["facts"]["obstructs_protective_measures"] is True
    menu = app.locator(".widget-dropdown select").filter(has=app.locator("option", has_text=myanmar["title"]))
    expect(menu).to_have_count(1, timeout=CHANGE_TIMEOUT)
    chosen = menu.evaluate("s => s.options[s.selectedIndex].textContent")
    assert " ".join(chosen.split()) == myanmar["title"], f"the explorer does not start on Russia and Myanmar: {chosen}"
    explorer = app.locator(".widget-vbox").filter(has=menu).last
    why = explorer.locator(".widget-html-content", has_text="Duty not to obstruct").last
    expect(why).to_contain_text(OPEN, timeout=CHANGE_TIMEOUT)
    assert "Russia obstructs protective measures" not in why.inner_text()

    # The question on obstruction, then its three buttons: focus 'yes' and press Space, as with a keyboard.
    question = explorer.locator(".widget-html", has_text="obstructs_protective_measures")
    toggles = question.locator("xpath=following-sibling::*[1]")
    yes = toggles.locator("button", has_text=re.compile(r"^\s*yes\s*$"))
    yes.focus()
    yes.press("Space")
    expect(why).to_contain_text("Russia obstructs protective measures", timeout=CHANGE_TIMEOUT)
    expect(why).to_contain_text(OPEN, timeout=CHANGE_TIMEOUT)  # the two limits stay unknown
    expect(explorer).to_contain_text("You have changed 1 fact", timeout=CHANGE_TIMEOUT)

    # Load Hakimi's Syria case from the menu: the fact comes from its file.
    menu.focus()
    titles = [" ".join(t.split()) for t in menu.evaluate("s => Array.from(s.options).map(o => o.textContent)")]
    menu.select_option(index=titles.index(syria["title"]))
    expect(yes).to_have_class(re.compile(r"mod-active"), timeout=CHANGE_TIMEOUT)
    expect(explorer).not_to_contain_text("You have changed", timeout=CHANGE_TIMEOUT)
    expect(why).to_contain_text("Russia obstructs protective measures", timeout=CHANGE_TIMEOUT)

"""The kit's app notebooks in Voilà (``make app``), in a real browser.

For each app notebook (the Makefile's APP_NOTEBOOKS): the page renders with no error,
every widget and chart drawn, and using a widget updates the page; the page requests nothing
from outside this machine and logs no JavaScript error; axe-core finds no accessibility
violation in it; and at 1280 and 768 px wide nothing is cut off (screenshots of both in
test-output/browser/voila-NAME-WIDTH.png). One Voilà server serves
the whole session; it is stopped by its PID at the end.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from .browser_audit import VOILA_OUTPUTS, audit, clipped, describe
from .browser_lab import BROKEN_MARKERS, RENDER_TIMEOUT, NotebookTimeout, stored_outputs
from .browser_widgets import INTERACTIONS, any_explorer

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output" / "browser"


def app_notebooks() -> list[str]:
    """The notebooks `make app` serves: the APP_NOTEBOOKS line of the Makefile (one list for both)."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    found = re.search(r"^APP_NOTEBOOKS\s*:?=\s*(.+)$", text, flags=re.MULTILINE)
    assert found, "the Makefile has no APP_NOTEBOOKS line (the notebooks `make app` serves)"
    return found.group(1).split()


APPS = app_notebooks()

# Widget views, charts (drawn by Vega, as SVG) and images on Voilà's page, and error outputs.
_DRAWN = """([wantWidgets, wantCharts, wantImages]) => {
  const views = Array.from(document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets'));
  const shown = views.filter(v => v.getBoundingClientRect().height > 0 && !v.textContent.includes('Error displaying widget'));
  const sized = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const vega = Array.from(document.querySelectorAll('.jp-RenderedVegaLite'));
  const drawn = vega.filter(v => { const s = v.querySelector('.vega-embed > svg.marks'); return s && sized(s); });
  const imgs = Array.from(document.querySelectorAll('.jp-RenderedSVG img, .jp-RenderedImage img'));
  const loaded = imgs.filter(i => i.complete && i.naturalWidth > 0 && i.naturalHeight > 0);
  const errors = Array.from(document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
      .map(e => e.innerText.slice(0, 300));
  return {views: views.length, shown: shown.length, wantWidgets, vega: vega.length, drawn: drawn.length, wantCharts,
          imgs: imgs.length, loaded: loaded.length, wantImages, errors,
          done: shown.length >= wantWidgets && drawn.length === vega.length && vega.length >= wantCharts
                && loaded.length >= wantImages};
}"""


# The height of the page's content, wherever it scrolls (the document or Voilà's own panel).
_HEIGHT = """() => Math.max(document.documentElement.scrollHeight,
  ...Array.from(document.querySelectorAll('body *')).filter(e => e.scrollHeight > e.clientHeight + 10
      && /(auto|scroll)/.test(getComputedStyle(e).overflowY)).map(e => e.scrollHeight + 100))"""


def test_make_app_lists_existing_notebooks():
    assert APPS, "APP_NOTEBOOKS is empty"
    missing = [nb for nb in APPS if not (ROOT / nb).is_file()]
    assert not missing, f"APP_NOTEBOOKS names notebooks that do not exist: {missing}"


@pytest.mark.parametrize("notebook", APPS, ids=[Path(nb).stem for nb in APPS])
def test_app_renders_and_responds(page, voila, notebook):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    stored = stored_outputs(ROOT / notebook)
    page.goto(f"{voila.base}/voila/render/{notebook}", wait_until="domcontentloaded", timeout=RENDER_TIMEOUT)
    want = [stored["widgets"], stored["charts"], stored["images"]]
    try:
        page.wait_for_function(f"(w) => ({_DRAWN})(w).done", arg=want, timeout=RENDER_TIMEOUT, polling=250)
    except PlaywrightTimeout:
        raise NotebookTimeout(f"Voilà did not draw every widget and chart of {notebook} in "
                              f"{RENDER_TIMEOUT / 1000:.0f} s: {page.evaluate(_DRAWN, want)}\n"
                              f"Voilà's log ends:\n{voila.log_tail()}") from None
    drawn = page.evaluate(_DRAWN, want)
    assert not drawn["errors"], f"error output in the app: {drawn['errors']}"
    text = page.locator("body").inner_text()
    assert "There was an error when executing cell" not in text
    broken = [m for m in BROKEN_MARKERS if m in text]
    assert not broken, f"outputs that failed to display: {broken}"
    # In Voilà each chart of the notebook is shown in a chart widget (r2pkit.charts.render.in_voila).
    assert drawn["shown"] == drawn["views"] == stored["widgets"] + stored["charts"], f"widgets not drawn: {drawn}"
    assert drawn["drawn"] == drawn["vega"] >= stored["charts"], f"charts not drawn: {drawn}"
    assert drawn["loaded"] == drawn["imgs"] == stored["images"], f"images not drawn: {drawn}"
    if stored["widgets"]:
        scope = page.locator("body")
        done = [step(scope) for step in INTERACTIONS.get(Path(notebook).stem, [any_explorer])]
        print(f"{notebook}: {'; '.join(done)}")
        errors = page.evaluate(_DRAWN, want)["errors"]
        assert not errors, f"error output after using the widgets: {errors}"
    stem = Path(notebook).stem
    found = audit(page, VOILA_OUTPUTS, f"voila-{stem}")
    print(f"{notebook}: axe-core: {found['violation_count']} violations "
          f"(and {found['upstream_count']} in ipywidgets' own markup), {found['passes']} rules passed")
    assert not found["violations"], f"accessibility violations: {describe(found)}"
    for width in (1280, 768):
        page.set_viewport_size({"width": width, "height": 1000})
        page.wait_for_timeout(500)  # charts and widgets lay themselves out again
        # Voilà's page scrolls inside its own panel: make the window as tall as the content (up to
        # what a screenshot holds) so that the screenshot shows the whole notebook.
        tall = page.evaluate(_HEIGHT)
        page.set_viewport_size({"width": width, "height": max(1000, min(tall, 16000))})
        page.wait_for_timeout(500)
        page.screenshot(path=str(SHOTS / f"voila-{stem}-{width}.png"), full_page=True)
        cut = clipped(page, VOILA_OUTPUTS)
        assert not cut["count"], f"cut off at {width} px: {cut['cut']}"
        assert not cut["pageWider"], f"at {width} px the page is wider than the window: {cut}"
    assert not page.r2p_outside, f"requests outside this machine: {sorted(set(page.r2p_outside))[:10]}"
    errors = [m for m in page.r2p_messages if m.startswith(("page error", "console.error"))]
    assert not errors, f"JavaScript errors: {errors[:5]}"

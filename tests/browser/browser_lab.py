"""Drive a notebook in JupyterLab and read what its page shows.

Every wait is on a condition (the notebook's model, the kernel's status, what the page
shows), with a generous time limit; when a limit is reached the failure says what was
still missing. Nothing here imports Playwright: the tests' fixtures hand in the page.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OPEN_TIMEOUT = 120_000  # ms: open a notebook, start its kernel
RUN_TIMEOUT = 300_000  # ms: run every cell (about 5-10 s here)
RENDER_TIMEOUT = 120_000  # ms: outputs, widgets and images drawn on the page

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
VEGALITE_MIME = "application/vnd.vegalite.v5+json"
#: Text that means an output failed to show, whatever the cell.
BROKEN_MARKERS = ("Error displaying widget", "Cannot display", "untrusted SVG", "Error loading script",
                  "Javascript Error", "Failed to load model class", "Could not render")

# The notebook open in the main area, if it is `path` and its kernel is idle.
_READY = """(path) => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!w || !w.context || !w.context.isReady || w.context.path !== path || !w.content) return false;
  if (!w.content.widgets.length) return false;
  const k = w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle' && k.connectionStatus === 'connected';
}"""

# Run all cells; the promise of the command settles when every cell has run.
_RUN_ALL = """() => {
  window.__r2pRun = 'running';
  window.jupyterapp.commands.execute('notebook:run-all-cells').then(
    ok => { window.__r2pRun = ok ? 'ok' : 'some cell raised an error'; },
    err => { window.__r2pRun = 'failed: ' + err; });
}"""

# Every code cell has finished (an execution count, not running) and the kernel is idle.
_SETTLED = """() => {
  if (window.__r2pRun === 'running') return false;
  const w = window.jupyterapp.shell.currentWidget;
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  if (!k || k.status !== 'idle') return false;
  return w.content.widgets.every(c => c.model.type !== 'code' ||
      (c.model.executionCount !== null && c.model.executionState !== 'running'));
}"""

# What the notebook's model holds and what its page shows, cell by cell.
_REPORT = """(markers) => {
  const w = window.jupyterapp.shell.currentWidget;
  const cells = [];
  w.content.widgets.forEach((c, index) => {
    if (c.model.type !== 'code') return;
    const outputs = [];
    const outs = c.model.outputs;
    for (let i = 0; i < outs.length; i++) {
      const o = outs.get(i);
      outputs.push({type: o.type, mimes: Object.keys(o.data), trusted: o.trusted});
    }
    const nodes = Array.from(c.outputArea.node.querySelectorAll('.jp-OutputArea-output'));
    const shown = nodes.map(n => {
      const text = (n.innerText || '').trim();
      return {mime: n.getAttribute('data-mime-type'), text: text.slice(0, 300),
              empty: !text && !n.querySelector('img, svg, canvas, table, input, select, button'),
              broken: markers.filter(m => text.includes(m))};
    });
    const tags = c.model.getMetadata('tags') || [];
    cells.push({index, count: c.model.executionCount, tags, source: c.model.sharedModel.getSource().slice(0, 200),
                outputs, shown});
  });
  return {path: w.context.path, cells};
}"""

# Widget views, charts and images on the page, against what the model holds. A chart is an
# output holding a Vega-Lite spec: JupyterLab's Vega renderer draws it as an SVG (the kit asks
# for SVG), trusted or not; charts inside widgets (ChartPane) are drawn by the same renderer.
_DRAWN = """(trusted) => {
  const w = window.jupyterapp.shell.currentWidget;
  // Untrusted, JupyterLab shows widgets as text; charts (a safe mime type) are drawn either way.
  let wantWidgets = 0, charts = 0, wantImages = 0;
  for (const c of w.content.widgets) {
    if (c.model.type !== 'code') continue;
    for (let i = 0; i < c.model.outputs.length; i++) {
      const o = c.model.outputs.get(i);
      if (o.data['application/vnd.jupyter.widget-view+json'] !== undefined && o.trusted) wantWidgets++;
      if (o.data['application/vnd.vegalite.v5+json'] !== undefined) charts++;
      else if (o.data['image/png'] !== undefined || (o.data['image/svg+xml'] !== undefined && o.trusted)) wantImages++;
    }
  }
  const node = w.content.node;
  const views = Array.from(node.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets'));
  const shownViews = views.filter(v => v.getBoundingClientRect().height > 0 && !v.textContent.includes('Error displaying widget'));
  const sized = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const vega = Array.from(node.querySelectorAll('.jp-RenderedVegaLite'));
  const inWidgets = vega.filter(v => v.closest('.jupyter-widgets'));
  const drawn = vega.filter(v => { const s = v.querySelector('.vega-embed > svg.marks'); return s && sized(s); });
  const labelled = drawn.filter(v => (v.querySelector('.vega-embed').getAttribute('aria-label') || '').length > 20);
  const imgs = Array.from(node.querySelectorAll('.jp-RenderedSVG img, .jp-RenderedImage img'));
  const loaded = imgs.filter(i => i.complete && i.naturalWidth > 0 && i.naturalHeight > 0);
  return {charts, wantWidgets, views: views.length, shownViews: shownViews.length, vega: vega.length,
          vegaDrawn: drawn.length, labelled: labelled.length, inWidgets: inWidgets.length, wantImages,
          imgs: imgs.length, loaded: loaded.length,
          done: shownViews.length >= wantWidgets && drawn.length === vega.length && vega.length >= charts
                && loaded.length >= wantImages};
}"""


class NotebookTimeout(AssertionError):
    pass


def lab_url(server: Any, path: str) -> str:
    return f"{server.base}/lab/tree/{path}?token={server.token}&reset"


def open_notebook(page: Any, server: Any, path: str) -> None:
    """Open ``path`` (relative to the server's root) and wait until its kernel is idle."""
    page.goto(lab_url(server, path), wait_until="domcontentloaded", timeout=OPEN_TIMEOUT)
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=OPEN_TIMEOUT)
    _wait(page, _READY, path, OPEN_TIMEOUT, f"{path} open in JupyterLab with an idle kernel",
          lambda: page.evaluate("""() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
              const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
              return {path: w && w.context && w.context.path, kernel: k ? [k.status, k.connectionStatus] : null}; }"""))
    # More room for the notebook (and the screenshot): fold the file browser away.
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")


def run_all(page: Any) -> list[int | None]:
    """Run all cells (Run > Run All Cells) and wait until every one has run; their execution counts."""
    page.evaluate(_RUN_ALL)
    _wait(page, _SETTLED, None, RUN_TIMEOUT, "every cell run and the kernel idle",
          lambda: page.evaluate("""() => ({run: window.__r2pRun,
              kernel: window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status,
              counts: window.jupyterapp.shell.currentWidget.content.widgets
                  .filter(c => c.model.type === 'code').map(c => [c.model.executionCount, c.model.executionState])})"""))
    return [c["count"] for c in report(page)["cells"]]


def wait_drawn(page: Any, trusted: bool = True) -> dict[str, Any]:
    """Wait until every widget view, chart and image the notebook holds is drawn; the counts."""
    handle = _wait(page, f"(t) => {{ const r = ({_DRAWN})(t); return r.done ? r : false; }}", trusted,
                   RENDER_TIMEOUT, "every widget, image and chart drawn", lambda: page.evaluate(_DRAWN, trusted))
    return handle.json_value()


def report(page: Any) -> dict[str, Any]:
    return page.evaluate(_REPORT, list(BROKEN_MARKERS))


def error_cells(rep: dict[str, Any]) -> dict[int, list[str]]:
    """Cell index -> the text of its error outputs (tracebacks and anything written to stderr)."""
    found: dict[int, list[str]] = {}
    for cell in rep["cells"]:
        texts = [s["text"] for s in cell["shown"] if s["mime"] == "application/vnd.jupyter.stderr"]
        from_model = [o for o in cell["outputs"] if o["type"] == "error"
                      or "application/vnd.jupyter.stderr" in o["mimes"]]
        if texts or from_model:
            found[cell["index"]] = texts or [f"{len(from_model)} error output(s)"]
    return found


def expected_errors(rep: dict[str, Any]) -> set[int]:
    """Cells that the notebook says are meant to raise: the cell tag raises-exception."""
    return {c["index"] for c in rep["cells"] if "raises-exception" in c["tags"]}


def stored_outputs(path: Path) -> dict[str, int]:
    """Counts of the outputs stored in a notebook file: widget views, charts (Vega-Lite specs),
    other images, code cells."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    counts = {"widgets": 0, "charts": 0, "images": 0, "code_cells": 0}
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        counts["code_cells"] += 1
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            counts["widgets"] += WIDGET_MIME in data
            counts["charts"] += VEGALITE_MIME in data
            counts["images"] += VEGALITE_MIME not in data and ("image/png" in data or "image/svg+xml" in data)
    return counts


def cell_locator(page: Any, source_contains: str) -> Any:
    """The code cell whose source contains ``source_contains`` (marked on the page, then located)."""
    index = page.evaluate("""(needle) => {
      const w = window.jupyterapp.shell.currentWidget;
      const i = w.content.widgets.findIndex(c => c.model.type === 'code' && c.model.sharedModel.getSource().includes(needle));
      if (i >= 0) w.content.widgets[i].node.setAttribute('data-r2p-cell', String(i));
      return i; }""", source_contains)
    assert index >= 0, f"no code cell contains {source_contains!r}"
    return page.locator(f'[data-r2p-cell="{index}"]')


def notebook_locator(page: Any) -> Any:
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").first


def _wait(page: Any, js: str, arg: Any, timeout: int, what: str, state) -> Any:
    """Wait for a JavaScript condition; on time-out, fail saying what the page showed."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        return page.wait_for_function(js, arg=arg, timeout=timeout, polling=250)
    except PlaywrightTimeout:
        try:
            seen = state()
        except Exception as exc:  # the page itself may be gone
            seen = f"(could not read the page: {exc})"
        msgs = getattr(page, "r2p_messages", [])[-10:]
        raise NotebookTimeout(f"Waited {timeout / 1000:.0f} s for {what}; the page showed: {seen}"
                              + (f"\nbrowser console: {msgs}" if msgs else "")) from None


def vega_warnings(page: Any) -> list[str]:
    """What Vega and Vega-Lite logged as a warning on the page so far (its logger writes "WARN ...")."""
    return [text for kind, text in getattr(page, "r2p_console", []) if kind == "warning" and text.startswith("WARN")]

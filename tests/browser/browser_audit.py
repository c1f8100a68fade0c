"""What the browser tests check on every page beyond "it works": an accessibility audit
(axe-core), requests that leave the machine, and content cut off at a given width.

axe-core (Deque's open-source accessibility engine, npm package ``axe-core``, pinned in
tests/browser/package.json and installed by ``make test-browser`` with ``npm ci``) is injected
into the page by Playwright and run on the kit's own output only (charts, widgets, tables,
rendered text), against WCAG 2.1 A and AA. JupyterLab's and Voilà's own interface is theirs to
fix, not the kit's, and is left out of the audit. Each audit's findings are written to
test-output/axe/<name>.json.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
AXE_OUT = HERE.parents[1] / "test-output" / "axe"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

#: The kit's own output in JupyterLab: cell outputs (charts, widgets, tables, messages).
LAB_OUTPUTS = ".jp-Notebook .jp-OutputArea-output"
#: The kit's own output in Voilà: the rendered cells.
VOILA_OUTPUTS = "#rendered_cells, .jp-Cell"

_RUN = """async ([include, tags]) => {
  const found = document.querySelectorAll(include);
  if (!found.length) return {error: 'nothing to audit: no element matches ' + include};
  const r = await axe.run({include: Array.from(found)}, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return {checked: found.length, passes: r.passes.length, violations: r.violations.map(v => ({id: v.id, impact: v.impact,
      help: v.help, nodes: v.nodes.slice(0, 60).map(n => ({target: n.target.join(' '), html: n.html.slice(0, 240),
      summary: (n.failureSummary || '').slice(0, 300)})), count: v.nodes.length}))};
}"""


def audit(page: Any, include: str, name: str) -> dict[str, Any]:
    """Run axe-core on the elements matching ``include``; its findings (also written to test-output/axe)."""
    assert AXE.is_file(), ("axe-core is not installed: `make test-browser` installs it "
                           "(or run `npm ci --prefix tests/browser`)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(_RUN, [include, WCAG])
    assert "error" not in result, result.get("error")
    # Findings in ipywidgets' own markup, which the kit cannot change from Python, are kept
    # apart (and reported) rather than hidden; everything else counts as the kit's.
    result["upstream"] = [v for v in result["violations"] if _upstream(v)]
    result["violations"] = [v for v in result["violations"] if not _upstream(v)]
    result["violation_count"] = sum(v["count"] for v in result["violations"])
    result["upstream_count"] = sum(v["count"] for v in result["upstream"])
    AXE_OUT.mkdir(parents=True, exist_ok=True)
    (AXE_OUT / f"{name}.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return result


#: axe findings that are ipywidgets' own: (rule, a CSS class every element found carries, why).
#: None now: the slider handles ipywidgets leaves unnamed (axe's aria-input-field-name) are named
#: by the kit's explorers themselves (r2pkit/widgets/keys.py), so they count as the kit's.
UPSTREAM: list[tuple[str, str, str]] = []


def _upstream(violation: dict[str, Any]) -> bool:
    return any(violation["id"] == rule and violation["count"] == len(violation["nodes"])
               and all(cls in n["html"].split(">")[0] for n in violation["nodes"]) for rule, cls, _ in UPSTREAM)


def describe(result: dict[str, Any]) -> str:
    return "; ".join(f"{v['id']} ({v['impact']}, {v['count']}×: {v['help']}) e.g. {v['nodes'][0]['html'][:160]}"
                     for v in result["violations"])


def is_local(url: str) -> bool:
    """A request that stays on this machine (the test servers) or never leaves the page."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome", "chrome-extension", "devtools"):
        return True
    return parts.hostname in ("127.0.0.1", "localhost", "::1")


# Elements of the kit's output whose content is cut: wider or taller than their box, with the
# overflow hidden (a label cut short with an ellipsis, a chart cut at the edge), and the page
# itself wider than the window.
_CLIPPED = """(scope) => {
  const cut = [];
  for (const root of document.querySelectorAll(scope)) {
    for (const el of [root, ...root.querySelectorAll('*')]) {
      if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
      if (el.getClientRects().length === 0) continue;
      const style = getComputedStyle(el);
      const hidden = v => v === 'hidden' || v === 'clip';
      const wide = el.scrollWidth > el.clientWidth + 1 && hidden(style.overflowX);
      const ellipsis = style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1;
      if (wide || ellipsis) cut.push({tag: el.tagName.toLowerCase(), cls: String(el.className).slice(0, 80),
                                    text: (el.innerText || el.getAttribute('aria-label') || '').slice(0, 80),
                                    scroll: el.scrollWidth, client: el.clientWidth});
    }
  }
  const page = document.scrollingElement;
  return {cut: cut.slice(0, 20), count: cut.length, pageWider: page.scrollWidth > page.clientWidth + 1,
          pageWidth: page.scrollWidth, window: page.clientWidth};
}"""


def clipped(page: Any, scope: str) -> dict[str, Any]:
    """Content of ``scope`` cut off at the page's current width (see _CLIPPED)."""
    return page.evaluate(_CLIPPED, scope)

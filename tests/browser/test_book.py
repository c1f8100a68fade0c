"""The static site (`make book`) in Chromium: its charts are drawn again by Vega in the page, from the
site's own files, with tooltips and their text alternative; without JavaScript the picture stays.

The site is built once for this module (about a minute) and served from 127.0.0.1; any request
that would leave the machine fails the test (the ``page`` fixture records them).
"""
from __future__ import annotations

import functools
import http.server
import importlib.util
import re
import threading
from pathlib import Path

import pytest

from .browser_audit import audit, describe

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["notebooks/02_syria_case.html", "notebooks/07_syria_and_myanmar.html"]


def _build_book():
    spec = importlib.util.spec_from_file_location("build_book", ROOT / "tools" / "build_book.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # the test's output stays readable
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("book")
    assert _build_book().main(["--out", str(out)]) == 0, "make book failed"
    handler = functools.partial(_Quiet, directory=str(out / "html"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _open(page, url: str) -> int:
    page.goto(url)
    count = page.locator("figure.r2p-chart").count()
    assert count > 0, f"{url}: no chart in the page"
    page.wait_for_function("n => document.querySelectorAll('figure.r2p-chart-drawn').length === n", arg=count,
                           timeout=60_000)
    return count


@pytest.mark.parametrize("path", PAGES)
def test_the_book_draws_its_charts_with_tooltips_offline(page, site, path):
    count = _open(page, f"{site}/{path}")
    first = page.locator("figure.r2p-chart").first
    first.scroll_into_view_if_needed()
    # Drawn by Vega, named by the chart's text alternative; the build-time picture is hidden.
    live = first.locator(".r2p-chart-live")
    assert live.get_attribute("role") == "graphics-document"
    assert len(live.get_attribute("aria-label") or "") > 40, live.get_attribute("aria-label")
    assert first.locator(".r2p-chart-static").is_hidden()
    # Hovering a mark shows its tooltip (the notebooks' "hover over a bar" is true in the book too).
    # The middle of the first mark big enough to point at (a bar of height 0 cannot be).
    where = first.evaluate("""f => {
      for (const m of f.querySelectorAll('.r2p-chart-live svg path[role=graphics-symbol]')) {
        const r = m.getBoundingClientRect();
        if (r.width > 3 && r.height > 3) return [r.x + r.width / 2, r.y + r.height / 2];
      }
      return null; }""")
    assert where, "no mark to point at in the first chart"
    page.mouse.move(*where)
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=10_000)
    assert tooltip.inner_text().strip(), "an empty tooltip"
    assert page.r2p_outside == [], f"requests outside this machine: {page.r2p_outside}"
    errors = [m for m in page.r2p_messages if m.startswith("page error")]
    assert errors == [], errors
    vega = [text for kind, text in page.r2p_console if kind in ("warning", "error") and "vega" in text.lower()]
    assert vega == [], vega
    result = audit(page, "figure.r2p-chart", f"book-{Path(path).stem}")
    assert result["violation_count"] == 0, describe(result)
    assert page.locator("figure.r2p-chart-drawn").count() == count


def test_without_javascript_each_chart_stays_a_named_picture(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 1000})
    try:
        page = context.new_page()
        page.goto(f"{site}/{PAGES[0]}")
        pictures = page.locator("figure.r2p-chart .r2p-chart-static svg[role=img]")
        assert pictures.count() == page.locator("figure.r2p-chart").count() > 0
        first = pictures.first
        assert first.is_visible()
        name = first.get_attribute("aria-label") or ""
        assert re.search(r"\w", name) and first.locator("desc").count() == 1, name
        assert page.locator("figure.r2p-chart .r2p-chart-live").first.is_hidden()
    finally:
        context.close()

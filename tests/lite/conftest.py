"""The kit as a JupyterLite site, built and then used in Chromium served from 127.0.0.1 (make test-lite).

The site is built first (tools/build_lite.py: pinned downloads, cached in build/cache-lite,
so about a minute once they are there), then served by a plain static server on 127.0.0.1, as
any web server would. The browser may reach nothing else: host names other than 127.0.0.1 do
not resolve (``--host-resolver-rules``), every request of the page is routed through a check,
and Chromium's network log, which also sees the kernel's Web Worker and the service worker, is
read at the end: any request that left 127.0.0.1 fails the run.

Only with R2PKIT_LITE=1 (``make test-lite`` sets it): ``make test`` leaves this folder out.
R2PKIT_LITE_SITE=FOLDER tests an already built site instead of building one.
"""
from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUTPUT = ROOT / "test-output" / "lite"
CHROMIUM = Path(os.environ.get("R2PKIT_CHROMIUM", "/usr/bin/chromium"))
HOW_TO_RUN = "the JupyterLite tests run only with R2PKIT_LITE=1: run `make test-lite`"


def _enabled() -> bool:
    return os.environ.get("R2PKIT_LITE", "") not in ("", "0")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if _enabled():
        return None
    if collection_path.name != "conftest.py" and (collection_path == HERE or HERE in collection_path.parents):
        return True
    return None


# ------------------------------------------------------------------------- site
@pytest.fixture(scope="session")
def site() -> dict:
    """The built site: its folder and the build's report (files, bytes, packages, seconds)."""
    given = os.environ.get("R2PKIT_LITE_SITE")
    if given:
        out = Path(given).resolve()
        report = json.loads((out / "r2pkit-lite-build.json").read_text())
    else:
        sys.path.insert(0, str(ROOT / "tools"))
        import build_lite

        out = ROOT / "build" / "lite"
        report = build_lite.build(out)
    return {"path": out, **report}


@pytest.fixture(scope="session")
def server(site):
    from .lite_server import LiteServer

    with LiteServer(site["path"]) as srv:
        yield srv


@pytest.fixture(scope="session")
def metrics():
    """Figures measured by the tests, written to test-output/lite/metrics.json at the end."""
    found: dict = {}
    yield found
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "metrics.json").write_text(json.dumps(found, indent=1) + "\n")
    print("\nJupyterLite figures:", json.dumps(found, indent=1))


# ---------------------------------------------------------------------- browser
def outside(url: str) -> bool:
    """True for a request that leaves this machine's 127.0.0.1 (data: and blob: URLs stay in the page)."""
    if url.startswith(("data:", "blob:", "about:", "chrome:", "chrome-extension:", "devtools:")):
        return False
    return not re.match(r"^(https?|wss?)://127\.0\.0\.1(:\d+)?/", url)


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (Debian/Ubuntu: `sudo apt-get install -y chromium`).")
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_ARGS

    OUTPUT.mkdir(parents=True, exist_ok=True)
    netlog = OUTPUT / "netlog.json"
    netlog.unlink(missing_ok=True)
    # Chromium's own form-autofill service asks Google about each page's forms: switched off,
    # with the features the other browser tests switch off (the last --disable-features counts).
    features = next(a for a in CHROMIUM_ARGS if a.startswith("--disable-features="))
    args = [a for a in CHROMIUM_ARGS if a != features] + [
            features + ",AutofillServerCommunication",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                            f"--log-net-log={netlog}", "--net-log-capture-mode=Default"]
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=args)
        yield b
        b.close()
    # Chromium's own record of every request (page, Web Workers, service worker), written on close.
    site_urls, urls = site_requests(netlog)
    assert site_urls, "Chromium's network log shows no request of the site: the check could not run"
    left = sorted({u for u in urls if outside(u)})
    assert not left, f"requests of the site that left 127.0.0.1 (from Chromium's network log): {left[:20]}"


def site_requests(netlog: Path) -> tuple[list[str], list[str]]:
    """From Chromium's network log: the requests made for pages of 127.0.0.1 (by the page, its Web
    Workers or its service worker: their network isolation key is the site's), and their URLs.
    Chromium's own background requests (updates, accounts) belong to no site and are left out: they
    fail anyway, since no host name resolves."""
    assert netlog.exists(), "Chromium wrote no network log: the check that nothing left 127.0.0.1 could not run"
    log = json.loads(netlog.read_text(errors="replace"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = [e["params"]["url"] for e in log["events"] if e["type"] == start
            and str(e.get("params", {}).get("network_isolation_key", "")).startswith("http://127.0.0.1")]
    return [u for u in urls if not outside(u)], urls


@pytest.fixture
def page(browser, server, request):
    """A fresh browser profile (its own storage) on the site; any request outside 127.0.0.1 is
    refused and fails the test. Screenshot in test-output/lite/ at the end, pass or fail."""
    context = browser.new_context(viewport={"width": 1280, "height": 1600}, locale="en-GB", timezone_id="UTC")
    context.set_default_timeout(60_000)
    refused: list[str] = []

    def route(r) -> None:
        if outside(r.request.url):
            refused.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    context.route("**/*", route)
    pg = context.new_page()
    messages: list[str] = []
    pg.on("pageerror", lambda exc: messages.append(f"page error: {exc}"))
    pg.on("console", lambda m: messages.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    pg.on("worker", lambda w: w.on("console", lambda m: messages.append(f"worker: {m.text}")))
    pg.r2p_messages = messages
    pg.r2p_refused = refused
    try:
        yield pg
    finally:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-")
        try:
            pg.screenshot(path=str(OUTPUT / f"{name}.png"), timeout=30_000)
        except Exception as exc:
            print(f"(screenshot failed: {exc})")
        context.close()
    assert not refused, f"the page asked for addresses outside 127.0.0.1: {refused[:10]}"

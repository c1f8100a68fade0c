"""Real-browser tests: JupyterLab and Voilà driven by Playwright in Debian's Chromium.

They are slow (a few minutes) and need a browser, so they run only when asked:

    make test-browser            (installs what they need, sets R2PKIT_BROWSER=1)
    R2PKIT_BROWSER=1 .venv/bin/python -m pytest tests/browser

``make test`` and a plain ``pytest`` leave this folder out entirely (nothing is collected).
Naming the folder without R2PKIT_BROWSER=1 collects the tests and skips them, saying how
to run them. Each test saves a screenshot of its final page, also when it fails, in
test-output/browser/<test name>.png.
"""
from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCREENSHOTS = ROOT / "test-output" / "browser"
CHROMIUM = Path(os.environ.get("R2PKIT_CHROMIUM", "/usr/bin/chromium"))

HOW_TO_RUN = ("the browser tests run only with R2PKIT_BROWSER=1: run `make test-browser` (it installs what they "
              "need), or install Chromium (Debian/Ubuntu: `sudo apt-get install -y chromium`) and Playwright "
              "(`.venv/bin/pip install -e \".[test,browser]\"`; never `playwright install`) and run "
              "`R2PKIT_BROWSER=1 .venv/bin/python -m pytest tests/browser`")

# Chromium with nothing that reaches the network by itself (no updates, sync, QUIC, ...).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
                 "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
                 "--disable-features=Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions"]


def _enabled() -> bool:
    return os.environ.get("R2PKIT_BROWSER", "") not in ("", "0")


def _named_on_command_line(config: pytest.Config) -> bool:
    """True if the command line names this folder or a file in it (not just a parent such as tests/)."""
    if config.args_source != pytest.Config.ArgsSource.ARGS:
        return False
    for arg in config.args:
        path = Path(config.invocation_params.dir, arg.split("::")[0]).resolve()
        if path == HERE or HERE in path.parents:
            return True
    return False


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Leave the browser tests out of the default run (``make test``): not collected at all."""
    if _enabled() or _named_on_command_line(config):
        return None
    if collection_path.name != "conftest.py" and (collection_path == HERE or HERE in collection_path.parents):
        return True
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _enabled():
        return
    skip = pytest.mark.skip(reason=HOW_TO_RUN)
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(skip)


# ---------------------------------------------------------------------------- browser
@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """test-output/browser, emptied of the last run's screenshots (it is in .gitignore)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    return SCREENSHOTS


@pytest.fixture(scope="session")
def playwright_api():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM}: install it (Debian/Ubuntu: "
                    "`sudo apt-get install -y chromium`), or set R2PKIT_CHROMIUM to a Chromium binary.")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright for Python is not installed: `.venv/bin/pip install -e \".[test,browser]\"` "
                    "(it drives the system's Chromium; never run `playwright install`).")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_api):
    b = playwright_api.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    yield b
    b.close()


def _shot_name(node_name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", node_name).strip("-") + ".png"


@pytest.fixture
def page(browser, request, screenshot_dir):
    """A fresh page (its own browser context), screenshot saved at the end, pass or fail."""
    context = browser.new_context(viewport={"width": 1280, "height": 1600}, device_scale_factor=1,
                                  locale="en-GB", timezone_id="UTC", service_workers="block")
    context.set_default_timeout(60_000)
    pg = context.new_page()
    from .browser_audit import is_local

    outside: list[str] = []  # requests that would leave the machine (the kit works offline)
    context.on("request", lambda req: None if is_local(req.url) else outside.append(req.url))
    pg.r2p_outside = outside
    messages: list[str] = []
    pg.on("pageerror", lambda exc: messages.append(f"page error: {exc}"))
    pg.on("console", lambda msg: messages.append(f"console.{msg.type}: {msg.text}") if msg.type == "error" else None)
    pg.r2p_messages = messages  # for diagnostics in failure messages
    console: list[tuple[str, str]] = []  # every console message (kind, text): Vega's warnings among them
    pg.on("console", lambda msg: console.append((msg.type, msg.text)))
    pg.r2p_console = console
    try:
        yield pg
    finally:
        try:
            pg.screenshot(path=str(screenshot_dir / _shot_name(request.node.name)), full_page=True, timeout=30_000)
        except Exception as exc:  # a screenshot must never hide the test's own result
            print(f"(screenshot failed: {exc})")
        context.close()


# ---------------------------------------------------------------------------- servers
@pytest.fixture(scope="session")
def kit_copy(tmp_path_factory) -> Path:
    """A copy of the kit's notebooks and student exercises, which the servers serve."""
    from .browser_servers import copy_kit

    return copy_kit(tmp_path_factory.mktemp("kit"))


@pytest.fixture(scope="session")
def lab(kit_copy, tmp_path_factory, playwright_api):
    """One JupyterLab server for the whole session, stopped by PID at the end."""
    from .browser_servers import start_lab

    server = start_lab(kit_copy, tmp_path_factory.mktemp("lab-home"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def lab_page(page, lab):
    """A page for one notebook in JupyterLab; its kernel is shut down afterwards."""
    yield page
    try:
        lab.shutdown_kernels()
    except Exception as exc:
        print(f"(could not shut the kernels down: {exc})")


@pytest.fixture(scope="session")
def voila(kit_copy, tmp_path_factory, playwright_api):
    """One Voilà server for the session, stopped by PID at the end."""
    if shutil.which("voila", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("Voilà is not installed: `.venv/bin/pip install -e \".[test,browser]\"`.")
    from .browser_servers import start_voila

    server = start_voila(kit_copy, tmp_path_factory.mktemp("voila-home"))
    try:
        yield server
    finally:
        server.stop()

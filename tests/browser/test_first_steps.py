"""First steps as a student takes them: ``make lab`` prints an address, and that address opens
notebook 00 in JupyterLab, beside a file browser that lists what a student uses (notebooks,
exercises, datasets) and none of the developers' files or the notebooks' paired .py texts.

The test runs ``make lab`` itself (on a free port, with its own token and Jupyter folders in a
temporary place, so nothing of the developer's set-up is read or changed), reads the address
it prints, opens it in Chromium, and stops the server by its process id.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 180.0


def test_make_lab_opens_notebook_00_with_a_readable_file_browser(page, tmp_path):
    from .browser_servers import free_port, jupyter_env

    env = jupyter_env(tmp_path)
    port = free_port()  # the token is the one JupyterLab makes up, as for a student
    args = f"--ip=127.0.0.1 --port={port} --ServerApp.port_retries=0 --LabApp.news_url= " \
           "--ServerApp.terminals_enabled=False"
    log = tmp_path / "make-lab.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(["make", "-s", "lab", f"LAB_ARGS={args}"], cwd=ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        url = None
        deadline = time.monotonic() + START_TIMEOUT
        while url is None and time.monotonic() < deadline and proc.poll() is None:
            found = re.search(r"(http://127\.0\.0\.1:\d+/\S*\?token=[0-9a-f]{16,})", log.read_text(errors="replace"))
            url = found.group(1) if found else None
            time.sleep(0.5)
        assert url, f"make lab printed no address to open; its output:\n{log.read_text(errors='replace')[-3000:]}"
        assert "/lab/tree/notebooks/00_start_here.ipynb" in url, f"the address printed does not open notebook 00: {url}"
        page.goto(url, wait_until="domcontentloaded", timeout=120_000)
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=120_000)
        tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current")
        assert "00_start_here.ipynb" in tab.inner_text(), "the notebook open is not notebook 00"
        assert page.locator(".jp-Launcher").count() == 0, "the Launcher opened instead of (or beside) notebook 00"
        # The file browser, as a student opens it: the top folder, then the notebooks folder.
        page.evaluate("() => window.jupyterapp && window.jupyterapp.commands.execute('filebrowser:activate')")
        listing = page.locator(".jp-DirListing-content .jp-DirListing-itemText")
        page.locator(".jp-BreadCrumbs-home").click()
        listing.first.wait_for(timeout=60_000)
        page.wait_for_timeout(1000)
        top = set(listing.all_inner_texts())
        assert {"notebooks", "exercises"} <= top, f"the file browser lacks the student's folders: {sorted(top)}"
        developer = top & {"r2pkit", "tests", "tools", "benchmarks", "Makefile", "pyproject.toml", "conftest.py"}
        assert not developer, f"the file browser shows developer files: {sorted(developer)}"
        page.locator(".jp-DirListing-item", has_text="notebooks").first.dblclick()
        page.wait_for_function("() => Array.from(document.querySelectorAll('.jp-DirListing-itemText'))"
                               ".some(e => e.textContent.includes('00_start_here'))", timeout=60_000)
        inside = listing.all_inner_texts()
        assert any(n.endswith(".ipynb") for n in inside), inside
        assert not [n for n in inside if n.endswith(".py")], f"paired .py files shown beside the notebooks: {inside}"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # make and the server it started: their own process group
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)

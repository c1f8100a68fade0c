"""Start and stop the servers the browser tests use: JupyterLab and Voilà.

Each server runs on 127.0.0.1 on a free port chosen at random, with its Jupyter config,
runtime and data folders (and IPython's) in a temporary folder, so nothing of the
developer's own set-up is read or changed. It serves a *copy* of the kit's notebooks and
exercises: running cells in the browser never touches the repository's files. A server
is stopped by its process id, also when a test fails.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

#: JupyterLab settings for the tests: no news or update pop-up (it would cover the page),
#: no autosave (the copies stay as they were opened), and every cell kept in the page
#: (no windowing), so that what is checked is on the page.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
}

START_TIMEOUT = 120.0  # seconds for a server to answer; it takes ~2 s here, CI may be slower
STOP_TIMEOUT = 30.0


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now (the server is told not to try others)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_kit(dest: Path) -> Path:
    """Copy the notebooks and the student exercises (not the solutions) into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "notebooks", dest / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    (dest / "exercises").mkdir()
    for f in (ROOT / "exercises").iterdir():
        if f.is_file() and f.suffix in (".ipynb", ".json"):
            shutil.copy2(f, dest / "exercises" / f.name)
    return dest


def jupyter_env(home: Path) -> dict[str, str]:
    """Environment with every Jupyter and IPython folder inside ``home``."""
    dirs = {"JUPYTER_CONFIG_DIR": "config", "JUPYTER_RUNTIME_DIR": "runtime", "JUPYTER_DATA_DIR": "data",
            "IPYTHONDIR": "ipython"}
    env = dict(os.environ)
    for var, name in dirs.items():
        (home / name).mkdir(parents=True, exist_ok=True)
        env[var] = str(home / name)
    env.pop("JUPYTER_PATH", None)
    env.pop("JUPYTER_CONFIG_PATH", None)
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    return env


@dataclass
class Server:
    """A server process the tests started, with how to reach it."""

    name: str
    proc: subprocess.Popen
    port: int
    root: Path
    log: Path
    token: str = ""
    env: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"

    def api(self, method: str, path: str) -> object:
        """Call the Jupyter server's REST API (JupyterLab only)."""
        req = urllib.request.Request(f"{self.base}{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Close every notebook session (and its kernel): each test starts from a fresh kernel."""
        for s in self.api("GET", "/api/sessions") or []:  # type: ignore[union-attr]
            try:
                self.api("DELETE", f"/api/sessions/{s['id']}")
            except urllib.error.HTTPError:
                pass

    def stop(self) -> None:
        """Stop the server by its process id: SIGTERM (it shuts its kernels down), SIGKILL if it hangs."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT if self.name == "voila" else signal.SIGTERM)
            try:
                self.proc.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.terminate()
                try:
                    self.proc.wait(10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(10)


def _wait_until_up(server: Server, path: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"{server.name} exited with code {server.proc.returncode} before answering.\n"
                               f"Its log ends:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(f"{server.base}{path}", timeout=5) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.25)
    server.stop()
    raise RuntimeError(f"{server.name} did not answer on {server.base} within {START_TIMEOUT:.0f} s.\n"
                       f"Its log ends:\n{server.log_tail()}")


def _start(name: str, argv_for_port, root: Path, home: Path, ready_path, token: str = "",
           jupyter_path: Path | None = None) -> Server:
    """Start a server; if its port was taken meanwhile (it is told not to try another), try a new one."""
    env = jupyter_env(home)
    if jupyter_path is not None:
        env["JUPYTER_PATH"] = str(jupyter_path)
    last: Exception | None = None
    for attempt in range(3):
        port = free_port()
        log = home / f"{name}-{attempt}.log"
        with open(log, "wb") as out:
            proc = subprocess.Popen(argv_for_port(port), cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True)
        server = Server(name, proc, port, root, log, token, env)
        try:
            _wait_until_up(server, ready_path(token))
            return server
        except RuntimeError as exc:
            server.stop()
            last = exc
            if "already in use" not in server.log_tail(200):
                break
    raise RuntimeError(str(last))


def start_lab(root: Path, home: Path) -> Server:
    """JupyterLab on 127.0.0.1 with a token, serving ``root``."""
    settings = home / "config" / "labconfig"
    settings.mkdir(parents=True, exist_ok=True)
    # Read by jupyterlab_server from <JUPYTER_CONFIG_DIR>/labconfig: defaults for this server only.
    (settings / "default_setting_overrides.json").write_text(json.dumps(LAB_SETTINGS, indent=1))
    token = secrets.token_hex(16)

    def argv(port: int) -> list[str]:
        return [str(BIN / "jupyter"), "lab", "--ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
                "--no-browser", "--allow-root", f"--IdentityProvider.token={token}",
                f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True",
                "--LabApp.news_url=", "--ServerApp.terminals_enabled=False"]

    return _start("jupyterlab", argv, root, home, lambda t: f"/api/status?token={t}", token)


def makefile_value(name: str) -> str:
    """The value of a ``NAME := ...`` line of the Makefile (one definition for `make app` and the tests)."""
    import re

    found = re.search(rf"^{name}\s*:?=\s*(.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert found, f"the Makefile has no {name} line"
    return found.group(1).strip()


def start_voila(root: Path, home: Path) -> Server:
    """Voilà on 127.0.0.1, serving the notebooks under ``root`` as ``make app`` does (the kit's
    template, found through JUPYTER_PATH), with tracebacks shown, to diagnose."""

    def argv(port: int) -> list[str]:
        return [str(BIN / "voila"), "--no-browser", "--Voila.ip=127.0.0.1", f"--port={port}",
                "--Voila.port_retries=0", f"--Voila.root_dir={root}", "--show_tracebacks=True",
                *makefile_value("VOILA_ARGS").split()]

    return _start("voila", argv, root, home, lambda t: "/", jupyter_path=ROOT / "share" / "jupyter")

"""A real JupyterHub on 127.0.0.1 for the tests, and a course repository for nbgitpuller to pull.

The hub uses JupyterHub's own DummyAuthenticator (any listed user, one shared password)
and SimpleLocalProcessSpawner (each student's server is a local process with its own home
folder under the test's temporary folder), with configurable-http-proxy from npm in front.
Everything listens on 127.0.0.1 only; every process is stopped by its id at the end.
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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CHP = Path(os.environ.get("R2PKIT_CHP", ROOT / "build" / "hub-node" / "node_modules" / ".bin" / "configurable-http-proxy"))
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Instructor", "GIT_AUTHOR_EMAIL": "instructor@example.org",
           "GIT_COMMITTER_NAME": "Instructor", "GIT_COMMITTER_EMAIL": "instructor@example.org"}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def course_repository(dest: Path) -> Path:
    """A git repository with what students get (the kit's student files), as an instructor publishes it."""
    from r2pkit.workspace import student_files

    dest.mkdir(parents=True)
    for rel, source in student_files().items():
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, dest / rel)
    git("init", "-q", "-b", "main", cwd=dest)
    git("add", "-A", cwd=dest)
    git("commit", "-q", "-m", "The seminar's notebooks and exercises", cwd=dest)
    return dest


@dataclass
class Hub:
    proc: subprocess.Popen
    port: int
    home: Path
    log: Path
    password: str

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, n: int = 60) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"

    def user_home(self, user: str) -> Path:
        return self.home / "homes" / user

    def stop(self) -> None:
        """SIGTERM to the hub (it stops the students' servers and its proxy, cleanup_servers), then by force."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        # anything of its process group still alive (a student's server, the proxy) goes too
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def start_hub(home: Path, users: list[str]) -> Hub:
    """JupyterHub on 127.0.0.1 (DummyAuthenticator with a password, local-process spawner)."""
    if not CHP.exists():
        raise RuntimeError(f"configurable-http-proxy is not at {CHP}: run `make test-hub` (it installs it from npm).")
    home.mkdir(parents=True, exist_ok=True)
    (home / "homes").mkdir(exist_ok=True)
    config_dir = home / "jupyter-config"
    (config_dir / "labconfig").mkdir(parents=True, exist_ok=True)
    (config_dir / "labconfig" / "default_setting_overrides.json").write_text(json.dumps(LAB_SETTINGS))
    password = secrets.token_urlsafe(12)
    port, hub_port, api_port = free_port(), free_port(), free_port()
    args = ["--LabApp.expose_app_in_browser=True", "--LabApp.news_url=", "--ServerApp.terminals_enabled=False"]
    if os.geteuid() == 0:
        args.append("--allow-root")
    config = f"""
c = get_config()  # noqa
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{str(CHP)!r}]
c.ConfigurableHTTPProxy.auth_token = {secrets.token_hex(16)!r}
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allowed_users = {set(users)!r}
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(home / "homes" / "{username}")!r}
c.Spawner.cmd = [{str(BIN / "jupyterhub-singleuser")!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.Spawner.environment = {{"JUPYTER_CONFIG_DIR": {str(config_dir)!r}, "PATH": {str(BIN) + os.pathsep + os.environ.get("PATH", "")!r}}}
c.JupyterHub.db_url = "sqlite:///{home / 'hub.sqlite'}"
c.JupyterHub.cookie_secret_file = {str(home / 'cookie_secret')!r}
c.JupyterHub.pid_file = {str(home / 'hub.pid')!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
"""
    (home / "jupyterhub_config.py").write_text(config)
    log = home / "hub.log"
    env = {**os.environ, "PATH": str(BIN) + os.pathsep + os.environ.get("PATH", "")}
    with open(log, "wb") as out:
        proc = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(home / "jupyterhub_config.py")], cwd=home,
                                env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)
    hub = Hub(proc, port, home, log, password)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"JupyterHub exited with code {proc.returncode}. Its log ends:\n{hub.log_tail()}")
        try:
            with urllib.request.urlopen(f"{hub.base}/hub/api/", timeout=5) as resp:
                if resp.status == 200:
                    return hub
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.5)
    hub.stop()
    raise RuntimeError(f"JupyterHub did not answer on {hub.base} within 120 s. Its log ends:\n{hub.log_tail()}")

"""Where a submission runs: a bubblewrap sandbox with its own view of the machine and hard limits.

A submitted notebook is code from someone else. The grader never runs it in the
instructor's own account: each submission runs in a sandbox made with bubblewrap
(``bwrap``, the Debian package ``bubblewrap``, the sandbox Flatpak uses), which gives it

- its own mount namespace: a read-only view of the system (``/usr``), of Python and of
  the installed kit, a private ``/tmp`` and ``/dev``, and — the only thing it can
  write — its own scratch folder holding a copy of its notebook and the exercise's
  public file. No key, no other submission, no grades file, no home folder;
- its own PID namespace and ``/proc``: it sees only its own processes, so not the
  grader's command line nor any other submission's kernel, and cannot signal them;
- its own network namespace with only a loopback device (the kernel talks to nbclient
  over it): no network;
- its own IPC and UTS namespaces, a new session (no terminal to inject keys into);
- resource limits on memory (address space), processes, CPU time, file size and open
  files (set by :mod:`~r2pkit.exercises.runner` before any student code runs), a wall
  clock limit and a cap on what it may print back.

When the grader runs as root (CI, a container), the sandboxed processes also run as a
user id of their own (one per submission, from a random block above :data:`FIRST_UID`), dropped with
``setpriv``: root would ignore the process limit, and may read any file. As an ordinary
user, bubblewrap makes a user namespace instead, and the sandbox runs with the
instructor's user id but sees nothing of theirs.

When the grading ends — normally, on time-out or when the grader is killed — bubblewrap
dies (``--die-with-parent``), the PID namespace's first process dies with it, and the
kernel kills every process left in the namespace, detached or not.

Where bubblewrap cannot run (macOS, Windows, a hub without user namespaces),
:func:`check` says why and what to do; grading without any sandbox needs the explicit
``--no-sandbox``, and the grades file says so.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import R2PKitError

__all__ = ["Limits", "Outcome", "SandboxUnavailable", "FIRST_UID", "UID_SPAN", "uid_block", "INSIDE", "check", "command", "run",
           "kit_paths", "sandbox_env", "last_report", "stop_all", "resume"]

#: The first user id given to sandboxed submissions when the grader runs as root.
FIRST_UID = 3_100_000
#: How many user ids above FIRST_UID the sandboxes may use.
UID_SPAN = 1 << 24

# The sandboxes running now, so that an instructor's Ctrl+C stops them at once: each runs in a
# session of its own (no terminal), so the terminal's interrupt never reaches it by itself.
_running: set[subprocess.Popen[bytes]] = set()
_running_lock = threading.Lock()
_stopping = threading.Event()


def uid_block(n: int) -> int:
    """The first of ``n`` consecutive user ids for one grading run, drawn at random.

    The clean-up after each submission kills every process of its user id, so two
    grading runs on one machine (two instructors, or a test beside a real grading) must
    not share one: a random block in a span of 16.7 million ids overlaps another run's
    with a chance of about 2n in 16.7 million.

    >>> FIRST_UID < uid_block(40) <= FIRST_UID + UID_SPAN - 40
    True
    """
    import secrets

    n = max(int(n), 1)
    return FIRST_UID + 1024 + secrets.randbelow(UID_SPAN - 1024 - n)
#: Where a submission's scratch folder appears inside the sandbox.
INSIDE = "/submission"

FIX = ("Install bubblewrap (Debian/Ubuntu: sudo apt-get install -y bubblewrap; Fedora: sudo dnf install "
       "bubblewrap) on a Linux machine that allows user namespaces, or grade inside the kit's container image "
       "(see Containerfile in the kit: podman build -t r2pkit-grader . && podman run ...). To grade without any "
       "sandbox — trusting every submission with your account — add --no-sandbox.")


class SandboxUnavailable(R2PKitError):
    """Bubblewrap is missing or cannot make its namespaces here."""


@dataclass(frozen=True)
class Limits:
    """What one submission may use. Memory is per process (address space, which counts
    what a process reserves, not only what it touches: a kernel with pandas loaded
    reserves about 1 GB, so 2 GB leaves it 1 GB to work with)."""

    memory_bytes: int = 2 * 2**30
    processes: int = 64
    cpu_seconds: int = 0  # 0: the wall-clock limit plus a margin
    file_bytes: int = 64 * 2**20
    open_files: int = 256
    report_bytes: int = 8 * 2**20  # what the sandbox may write back to the grader

    def for_run(self, timeout: float, sandboxed: bool = True) -> dict[str, int]:
        limits = asdict(self)
        limits.pop("report_bytes")
        limits["cpu_seconds"] = self.cpu_seconds or int(timeout) + 30
        if not (sandboxed and nproc_counts_the_sandbox_alone()):
            limits["processes"] = 0  # it would count the instructor's own processes too
        return limits


def nproc_counts_the_sandbox_alone() -> bool:
    """Whether the process limit counts only the sandbox's processes: as root each sandbox
    has a user id of its own; otherwise Linux 5.14 and later count processes per user
    namespace, and bubblewrap gives each sandbox one (before, all the user's processes count)."""
    if _is_root():
        return True
    try:
        major, minor = (int(x) for x in os.uname().release.split(".")[:2])
    except (ValueError, AttributeError):
        return False
    return (major, minor) >= (5, 14)


@dataclass
class Outcome:
    """What came out of one sandboxed run: the runner's last report, and how it ended."""

    report: dict[str, Any] | None
    returncode: int | None
    seconds: float
    killed: str = ""  # why the grader had to stop it: "timeout", "output", "stopped" (Ctrl+C), ""
    stderr: str = ""
    leftovers: int = 0  # processes of this submission's user id found and killed afterwards


def _bwrap() -> str | None:
    return shutil.which("bwrap")


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


_checked: dict[str, str] = {}


def check() -> str:
    """Make sure a sandbox can be made here and return bwrap's path; raise
    :class:`SandboxUnavailable` naming the fix."""
    if "ok" in _checked:
        return _checked["ok"]
    if sys.platform != "linux":
        raise SandboxUnavailable(f"The grader's sandbox needs Linux (this is {sys.platform}). {FIX}")
    exe = _bwrap()
    if exe is None:
        raise SandboxUnavailable(f"The grader's sandbox needs bubblewrap (the bwrap command), which is not "
                                 f"installed. {FIX}")
    if _is_root() and shutil.which("setpriv") is None:
        raise SandboxUnavailable("Grading as root needs setpriv (util-linux) to run submissions as a user of their "
                                 "own. Install util-linux, or grade as an ordinary user.")
    # Python and the kit must be reachable in there, not only bwrap's own start.
    probe = command(exe, {}, [sys.executable, "-I", "-c", "import r2pkit.exercises.runner"], uid=FIRST_UID,
                    env=sandbox_env(INSIDE))
    try:
        done = subprocess.run(probe, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SandboxUnavailable(f"bubblewrap could not be started ({exc}). {FIX}") from exc
    if done.returncode != 0:
        why = (done.stderr or done.stdout).strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
        raise SandboxUnavailable(f"bubblewrap is installed but cannot make a sandbox here ({why[0]}); user "
                                 "namespaces may be disabled (sysctl kernel.unprivileged_userns_clone or "
                                 f"user.max_user_namespaces). {FIX}")
    _checked["ok"] = exe
    return exe


def kit_paths() -> list[Path]:
    """The folders a sandbox sees read-only: Python, its packages, the kit and its datasets.

    Never the folder of the kit's exercise sources or solutions, nor anything of the
    instructor's: the kit's package folder and its datasets are bound on their own.
    """
    import site

    import r2pkit

    from .. import paths

    wanted: list[Path] = [Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix),
                          Path(os.path.realpath(sys.executable)).parent.parent,
                          Path(r2pkit.__file__).resolve().parent, paths.datasets().resolve()]
    wanted += [Path(p) for p in site.getsitepackages()]
    user_site = site.getusersitepackages()
    if user_site and Path(user_site).is_dir():
        wanted.append(Path(user_site))
    found: list[Path] = []
    for p in sorted({Path(os.path.realpath(p)) for p in wanted if Path(p).exists()}, key=lambda p: len(p.parts)):
        if p == Path("/") or any(p.is_relative_to(q) for q in found):
            continue
        found.append(p)
    return found


def _dirs_for(paths: Iterable[Path], made: set[Path]) -> list[str]:
    """``--dir`` arguments making each path's parents, readable by anyone (bubblewrap
    would make them private, and a dropped user id could then not reach Python)."""
    args: list[str] = []
    for p in paths:
        for parent in reversed(p.parents):
            if parent == Path("/") or parent in made or parent.is_relative_to("/usr"):
                continue
            made.add(parent)
            args += ["--perms", "0755", "--dir", str(parent)]
    return args


_SYSTEM_TRY = ["/etc/ld.so.cache", "/etc/localtime", "/etc/fonts", "/etc/ssl/certs", "/etc/alternatives"]


def command(bwrap: str, files: dict[str, int], argv: Sequence[str], uid: int,
            env: dict[str, str] | None = None, tmp_bytes: int = 256 * 2**20) -> list[str]:
    """The full command line that runs ``argv`` in a sandbox whose only writable places are
    small private memory file systems: :data:`INSIDE` (holding ``files``, name -> an open
    file descriptor whose content is copied in) and ``/tmp``.

    Nothing secret may go on this line: a submission cannot read it (own PID namespace),
    but other users of the machine see it in ``ps``.
    """
    cmd = [bwrap, "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
           "--die-with-parent", "--new-session", "--ro-bind", "/usr", "/usr"]
    if not _is_root():
        cmd.insert(1, "--unshare-user")
    for link in ("bin", "lib", "lib32", "lib64", "libx32", "sbin"):
        target = Path("/") / link
        if target.is_symlink():
            cmd += ["--symlink", os.readlink(target), str(target)]
        elif target.is_dir():
            cmd += ["--ro-bind", str(target), str(target)]
    for extra in _SYSTEM_TRY:
        cmd += ["--ro-bind-try", extra, extra]
    size = str(tmp_bytes)
    cmd += ["--proc", "/proc", "--dev", "/dev", "--perms", "01777", "--size", size, "--tmpfs", "/dev/shm",
            "--perms", "01777", "--size", size, "--tmpfs", "/tmp", "--perms", "01777", "--dir", "/tmp/home",
            "--perms", "01777", "--size", size, "--tmpfs", INSIDE]
    # The kit is bound after the private /tmp is mounted, so that a kit installed under
    # /tmp (a clone there, say) is laid over it instead of being hidden by it.
    paths = [p for p in kit_paths() if not p.is_relative_to("/usr")]
    cmd += _dirs_for(paths, {Path("/tmp"), Path("/tmp/home"), Path(INSIDE)})
    for p in paths:
        cmd += ["--ro-bind", str(p), str(p)]
    for name, fd in files.items():
        cmd += ["--perms", "0644", "--file", str(fd), f"{INSIDE}/{name}"]
    cmd += ["--chdir", INSIDE, "--clearenv"]
    for name, value in (env or {}).items():
        cmd += ["--setenv", name, value]
    if _is_root():
        # bubblewrap runs privileged as root; the sandbox's first process may change its
        # user id (and nothing else) and then drops every capability for good.
        cmd += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID",
                "setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--inh-caps=-all",
                "--bounding-set=-all", "--no-new-privs"]
    cmd += list(argv)
    return cmd


def sandbox_env(inside: str, home: str = "/tmp/home") -> dict[str, str]:
    """The sandbox's whole environment: nothing of the grader's (it may hold tokens).

    ``home`` is the folder for the kernel's own files: the sandbox's private /tmp inside
    bubblewrap; without a sandbox, each job's own scratch folder, so that jobs running side
    by side never share their Jupyter and IPython folders.
    """
    from .. import paths

    return {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8",
            "PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0", "MPLBACKEND": "Agg",
            "MPLCONFIGDIR": f"{home}/mpl", "JUPYTER_RUNTIME_DIR": f"{home}/runtime",
            "JUPYTER_PLATFORM_DIRS": "1", "IPYTHONDIR": f"{home}/ipython",
            "R2PKIT_EXERCISES": inside, "R2PKIT_DATASETS": str(paths.datasets().resolve()),
            "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _read_capped(stream: Any, cap: int, sink: bytearray, over: threading.Event) -> None:
    while True:
        chunk = stream.read1(65536) if hasattr(stream, "read1") else stream.read(65536)
        if not chunk:
            return
        room = cap - len(sink)
        if room > 0:
            sink += chunk[:room]
        if len(chunk) > room:
            over.set()  # keep draining so the child is not blocked; the grader stops it


def _processes_of(uid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if entry.stat().st_uid == uid:
                pids.append(int(entry.name))
        except OSError:
            continue
    return pids


def last_report(text: str, prefix: str) -> dict[str, Any] | None:
    """The last line ``prefix {json object}`` in ``text`` that parses; others are ignored."""
    for line in reversed(text.splitlines()):
        if line.startswith(prefix):
            try:
                value = json.loads(line[len(prefix):])
            except ValueError:
                continue
            if isinstance(value, dict):
                return value
    return None


def run(files: dict[str, bytes], timeout: float, uid: int, limits: Limits, sandboxed: bool = True) -> Outcome:
    """Run :mod:`~r2pkit.exercises.runner` on ``files`` (which hold its ``job.json``);
    always returns, and leaves no process behind.

    ``timeout`` is the notebook's time; the sandbox gets a margin on top for starting
    Python and the kernel, then it is killed whatever it is doing.
    """
    import tempfile

    from .runner import REPORT_PREFIX

    job = json.loads(files["job.json"])
    job["limits"] = limits.for_run(timeout, sandboxed)
    files = {**files, "job.json": json.dumps(job).encode("utf-8")}
    argv = [sys.executable, "-I", "-m", "r2pkit.exercises.runner"]
    with tempfile.TemporaryDirectory(prefix="r2pkit-job-") as tmp:
        for name, data in files.items():
            (Path(tmp) / name).write_bytes(data)
        if sandboxed:
            exe = check()
            fds = {name: os.open(Path(tmp) / name, os.O_RDONLY) for name in files}
            cmd = command(exe, fds, argv, uid, env=sandbox_env(INSIDE))
            cwd, env, pass_fds = "/", {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}, tuple(fds.values())
        else:
            fds = {}
            cmd, cwd, pass_fds = argv, tmp, ()
            env = {**os.environ, **sandbox_env(tmp, home=str(Path(tmp) / "home"))}
            env.pop("PYTHONPATH", None)
        try:
            return _supervise(cmd, cwd, env, pass_fds, timeout, uid, limits, sandboxed, REPORT_PREFIX)
        finally:
            for fd in fds.values():
                os.close(fd)


def stop_all() -> int:
    """Kill every sandbox this process is running, and refuse to start any other until
    :func:`resume`; return how many were running. Called when the instructor presses Ctrl+C: grading stops at once
    instead of waiting for each running notebook's time-out."""
    _stopping.set()
    with _running_lock:
        running = list(_running)
    for proc in running:
        _kill(proc)
    return len(running)


def resume() -> None:
    """Allow sandboxes to start again after :func:`stop_all` (a new grading run)."""
    _stopping.clear()


def _kill(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _supervise(cmd: list[str], cwd: str, env: dict[str, str], pass_fds: tuple[int, ...], timeout: float, uid: int,
               limits: Limits, sandboxed: bool, prefix: str) -> Outcome:
    start = time.monotonic()
    with _running_lock:
        if _stopping.is_set():
            return Outcome(None, -signal.SIGKILL, 0.0, "stopped", "")
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=True, pass_fds=pass_fds)
        _running.add(proc)
    try:
        return _watch(proc, start, timeout, uid, limits, sandboxed, prefix)
    finally:
        with _running_lock:
            _running.discard(proc)


def _watch(proc: subprocess.Popen[bytes], start: float, timeout: float, uid: int, limits: Limits, sandboxed: bool,
           prefix: str) -> Outcome:
    out, err = bytearray(), bytearray()
    over = threading.Event()
    readers = [threading.Thread(target=_read_capped, args=(proc.stdout, limits.report_bytes, out, over), daemon=True),
               threading.Thread(target=_read_capped, args=(proc.stderr, 65536, err, threading.Event()), daemon=True)]
    for t in readers:
        t.start()
    killed = ""
    hard = start + timeout + 30  # starting Python, the kit and the kernel, and shutting down
    while proc.poll() is None:
        if over.is_set():
            killed = "output"
        elif time.monotonic() > hard:
            killed = "timeout"
        elif _stopping.is_set():
            killed = "stopped"
        if killed:
            break
        time.sleep(0.05)
    if proc.poll() is None:
        _kill(proc)
    proc.wait()
    for t in readers:
        t.join(timeout=5)
    outcome = Outcome(last_report(out.decode("utf-8", "replace"), prefix), proc.returncode,
                      time.monotonic() - start, killed, err.decode("utf-8", "replace")[-4000:])
    if sandboxed and _is_root():
        # The PID namespace has taken everything with it; this makes sure of it.
        for _ in range(3):
            left = _processes_of(uid)
            if not left:
                break
            outcome.leftovers += len(left)
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.1)
    return outcome

"""The grader's sandbox sees the kit wherever it is installed, even under /tmp.

The sandbox mounts a private, empty /tmp; a kit cloned under /tmp (with its .venv) was
hidden by it, and grading failed with a message blaming user namespaces.
"""
from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from r2pkit.exercises import sandbox


@pytest.fixture
def kit_under_tmp():
    folder = Path(tempfile.mkdtemp(prefix="r2pkit-kit-", dir="/tmp"))
    try:
        folder.chmod(0o755)
        (folder / "probe.txt").write_text("the kit is here\n")
        (folder / "probe.txt").chmod(0o644)
        yield folder
    finally:
        (folder / "probe.txt").unlink(missing_ok=True)
        folder.rmdir()


def run_inside(argv, monkeypatch, extra):
    exe = sandbox.check()
    real = sandbox.kit_paths()
    monkeypatch.setattr(sandbox, "kit_paths", lambda: [*real, extra])
    cmd = sandbox.command(exe, {}, argv, uid=sandbox.uid_block(1))
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
                          env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")})


def test_a_kit_under_tmp_is_visible_and_read_only_and_tmp_stays_private(kit_under_tmp, monkeypatch):
    probe = kit_under_tmp / "probe.txt"
    secret = Path(tempfile.mkdtemp(prefix="r2pkit-other-", dir="/tmp"))
    try:
        script = (f"cat {probe}; "
                  f"touch {kit_under_tmp}/new 2>/dev/null && echo WROTE; "
                  f"test -e {secret} && echo SAW_OTHER; "
                  "touch /tmp/scratch && echo TMP_WRITABLE")
        done = run_inside(["/bin/sh", "-c", script], monkeypatch, kit_under_tmp)
    finally:
        secret.rmdir()
    assert done.returncode == 0, done.stderr
    assert "the kit is here" in done.stdout
    assert "WROTE" not in done.stdout
    assert "SAW_OTHER" not in done.stdout
    assert "TMP_WRITABLE" in done.stdout
    assert not (kit_under_tmp / "new").exists()

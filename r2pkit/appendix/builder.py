"""Build a researcher's replication package: run the notebooks, export, cite, describe, fingerprint.

``build(config)`` runs each notebook of an :class:`~r2pkit.appendix.config.AppendixConfig`
from a fresh kernel, with its parameters written in by papermill (the Jupyter community's
convention for parameterised notebooks: a cell injected after the one tagged
``parameters``) and run by nbclient, which stops at the first error that is not in a cell
tagged ``raises-exception``. Then it writes, offline, a package that stands on its own:

- ``code/`` — each notebook as its author wrote it (the program), ``appendix.yaml`` — the
  configuration, pointing at ``code/``;
- ``notebooks/NAME.ipynb`` — the notebook as run, with its outputs (timings and random ids
  removed), and ``html/NAME.html`` — a static page (nbconvert's JupyterLab template,
  figures embedded, no scripts from the network);
- ``figures/`` and ``tables/`` — what the notebooks passed to :func:`r2pkit.appendix.export`;
- ``data/`` — the exact extracts used, with their schemas and a datapackage.json
  (:mod:`~r2pkit.appendix.extracts`);
- ``citations.bib`` and ``citations.json`` — every data source, with authors and years, and
  the kit (:mod:`~r2pkit.appendix.citations`);
- ``environment/`` and ``binder/`` — the pinned packages and the kit's source
  (:mod:`~r2pkit.appendix.environment`);
- ``README.md`` and ``README.html`` in the template README's form (:mod:`~r2pkit.appendix.readme`);
- ``LICENSE``, ``CITATION.cff``, ``.zenodo.json`` and ``ro-crate-metadata.json``
  (:mod:`~r2pkit.appendix.metadata`); and last ``manifest.json``
  (:mod:`~r2pkit.appendix.manifest`), the SHA-256 of everything else.

The package is built in a scratch folder beside the output and moved into place only
when every notebook ran: a failed build leaves the previous one as it was. Rebuilding into
an existing package keeps every file the user added there, and any generated file the
user edited (saved beside as ``NAME.edited``): nothing of theirs is lost.
"""
from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import R2PKitError
from . import manifest as manifest_mod
from .config import NO_AUTHORS, AppendixConfig, NotebookRun, _as_ipynb, load_config
from .exhibits import Exhibit, locate, read_records
from .export import EXHIBITS_ENV, EXPORT_ENV

__all__ = ["build", "read_notebook", "BuiltAppendix"]

_KERNEL = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}

# nbconvert's JupyterLab page without the three scripts it would fetch from a CDN (require.js,
# MathJax, Mermaid): the kit's notebooks need none of them, and an offline reader gets no
# failing requests. Charts are SVG images whose alt text is the chart's description.
_OFFLINE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block data_svg scoped -%}
<div class="jp-RenderedSVG jp-OutputArea-output {{ extra_class }}" data-mime-type="image/svg+xml">
<img alt="{{ output.data.get('text/plain', 'Chart') | escape_html }}" src="data:image/svg+xml;base64,{{ output.data['image/svg+xml'] | text_base64 | escape_html }}">
</div>
{%- endblock data_svg %}
"""


@dataclass(frozen=True)
class BuiltAppendix:
    """What a build wrote."""

    output: Path
    manifest_sha256: str
    files: tuple[str, ...]
    datasets: tuple[str, ...]
    seconds: float = 0.0                 # the notebooks' run time, as measured
    exhibits: tuple[Exhibit, ...] = ()
    kept: tuple[str, ...] = ()           # files of the user's kept from the folder rebuilt


def read_notebook(path: Path) -> Any:
    """A notebook from an ``.ipynb`` or a jupytext ``.py`` file, set to run in the kit's Python kernel."""
    import jupytext
    import nbformat

    nb = jupytext.read(path) if path.suffix == ".py" else nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = dict(_KERNEL)
    nb.metadata["language_info"] = {"name": "python"}
    return nb


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    """Set environment variables for the kernels started inside the block (they inherit them)."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _failed_cell(nb: Any) -> int | None:
    """The execution count of the cell that stopped the run (an error not tagged raises-exception)."""
    for cell in nb.cells:
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])) and \
                "raises-exception" not in cell.metadata.get("tags", []):
            return cell.get("execution_count")
    return None


def _failure(run: NotebookRun, exc: Exception, nb: Any) -> R2PKitError:
    ename, evalue = getattr(exc, "ename", type(exc).__name__), getattr(exc, "evalue", str(exc))
    count = _failed_cell(nb)
    where = f"in cell [{count}]" if count else "while running"
    return R2PKitError(f"The notebook '{run.label}' stopped with an error {where}: {ename}: "
                       f"{_ANSI.sub('', str(evalue)).strip()}\nNothing was written: fix the notebook or its "
                       "parameters and build again (open the notebook in JupyterLab to see the whole error).")


def _parameters_cell(nb: Any, parameters: dict[str, Any]) -> None:
    """Write the injected parameters as Python a reader reads: ``'Türkiye'``, not papermill's ``"T\\xfcrkiye"``."""
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = "# Parameters\n" + "".join(f"{k} = {v!r}\n" for k, v in parameters.items())


def _execute(run: NotebookRun, timeout: int, export_dir: Path, loads: Path, exhibits: Path,
             datasets_dir: Path | None = None) -> Any:
    """Run the notebook with its parameters in a fresh kernel; raise R2PKitError at the first error.

    papermill writes the parameters into a cell after the one tagged ``parameters`` (its
    convention, with its translation of values into code); nbclient runs the notebook. Not
    papermill's own runner: it fails on every error output, even in a cell tagged
    ``raises-exception`` (the kit's way of showing an error on purpose), which nbclient honours.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    nb = read_notebook(run.path)
    if run.parameters:
        with _as_ipynb(nb) as path:  # papermill's reader adds the metadata its parameterizer expects
            nb = load_notebook_node(str(path))
        nb = parameterize_notebook(nb, dict(run.parameters), kernel_name=_KERNEL["name"], language="python")
        _parameters_cell(nb, dict(run.parameters))
    client = NotebookClient(nb, timeout=timeout, kernel_name=_KERNEL["name"], store_widget_state=False,
                            record_timing=False, resources={"metadata": {"path": str(run.path.parent)}})
    # Charts as static pictures (SVG and PNG drawn in the kernel), not specs for a browser: the
    # appendix's pages and notebooks must show them without JavaScript.
    env = {EXPORT_ENV: str(export_dir), EXHIBITS_ENV: str(exhibits), "R2PKIT_RECORD_LOADS": str(loads),
           "R2PKIT_CHARTS": "static"}
    if datasets_dir is not None:
        env["R2PKIT_DATASETS"] = str(datasets_dir)
    with _environment(**env):
        try:
            client.execute()
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
            raise _failure(run, exc, nb) from None
    return nb


_ADDRESS = re.compile(r"at 0x[0-9a-fA-F]+>")


def _stable(nb: Any, run: NotebookRun) -> Any:
    """Drop what changes from run to run: timings, temporary paths, random cell and widget ids."""
    for key in ("papermill", "widgets", "jupytext"):
        nb.metadata.pop(key, None)
    nb.metadata["r2pkit_appendix"] = {"notebook": run.label, "parameters": dict(run.parameters)}
    widget_ids: dict[str, str] = {}
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i:03d}"
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.metadata.get("tags") == []:
            del cell.metadata["tags"]
        for out in cell.get("outputs", []):
            view = out.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view and "model_id" in view:
                view["model_id"] = widget_ids.setdefault(view["model_id"], f"widget-{len(widget_ids) + 1}")
            text = out.get("data", {}).get("text/plain")
            if isinstance(text, str):
                out["data"]["text/plain"] = _ADDRESS.sub("at 0xADDR>", text)
    return nb


def _html(nb: Any, name: str) -> str:
    import jinja2
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", template_file="r2pkit_offline.html.j2", embed_images=True,
                            extra_loaders=[jinja2.DictLoader({"r2pkit_offline.html.j2": _OFFLINE_TEMPLATE})])
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": name}})
    return body


def _write_notebook(nb: Any, name: str, staging: Path) -> None:
    """The executed notebook and its static page."""
    import nbformat

    (staging / "notebooks").mkdir(exist_ok=True)
    (staging / "html").mkdir(exist_ok=True)
    nbformat.write(nb, staging / "notebooks" / f"{name}.ipynb")
    (staging / "html" / f"{name}.html").write_text(_html(nb, name), encoding="utf-8")


def _read_loads(path: Path) -> list[str]:
    if not path.exists():
        return []
    return list(dict.fromkeys(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()))


def _check_output(output: Path) -> None:
    if output.exists() and not output.is_dir():
        raise R2PKitError(f"The output {output} is a file: give a folder for the appendix.")
    if output.is_dir() and any(output.iterdir()) and not manifest_mod.is_appendix(output):
        raise R2PKitError(f"The folder {output} is not empty and holds no appendix built by r2pkit: "
                          "choose a new folder (nothing there was changed).")


def _program(run: NotebookRun, staging: Path) -> str:
    """Copy the notebook as its author wrote it into ``code/`` (an .ipynb without its outputs); its path."""
    import nbformat

    folder = staging / "code"
    folder.mkdir(exist_ok=True)
    target = folder / run.path.name
    if run.path.suffix == ".ipynb":
        nb = nbformat.read(run.path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = []
                cell.execution_count = None
        nbformat.write(nb, target)
    else:
        shutil.copyfile(run.path, target)
    return f"code/{target.name}"


def _own_file(cfg: AppendixConfig, rel: str) -> Path:
    """Where an author's file listed in the configuration is (in a package, inside code/)."""
    base = cfg.path.resolve().parent
    return base / rel if (base / rel).exists() else base / "code" / rel


def _copy_files(cfg: AppendixConfig, staging: Path) -> None:
    """The authors' own files, into code/ (where the notebooks run) under the same paths."""
    for rel in cfg.files:
        source, target = _own_file(cfg, rel), staging / "code" / rel
        if target.exists():
            raise R2PKitError(f"The file '{rel}' of 'files' has the name of a notebook of the appendix (code/{rel}): "
                              "rename one of them.")
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
        else:
            shutil.copyfile(source, target)


def _peak_memory() -> int | None:
    """The largest resident memory of a finished child process (the kernels), in bytes, where measurable."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return peak * (1 if sys.platform == "darwin" else 1024) or None  # bytes on macOS, kilobytes elsewhere


def _code_cells(path: Path) -> int:
    return sum(1 for c in read_notebook(path).cells if c.cell_type == "code")


def build(config: str | Path | AppendixConfig, output: str | Path | None = None,
          echo: Callable[[str], None] = print, datasets_dir: Path | None = None) -> BuiltAppendix:
    """Build the replication package a configuration describes; return what was written.

    ``datasets_dir`` runs the notebooks on another copy of the kit's data package (a
    package's own ``data/``, when it is run again); by default the kit's datasets.
    Raises :class:`~r2pkit.errors.R2PKitError` with a plain message on a bad configuration or
    a notebook that fails; the output folder is then left as it was.
    """
    from .. import data
    from ..browser import needs_full_kit
    from .package import write_package

    needs_full_kit("Building a research appendix", "r2pkit appendix build appendix.yaml")
    cfg = config if isinstance(config, AppendixConfig) else load_config(config)
    out = Path(output).resolve() if output is not None else cfg.output
    _check_output(out)
    source_data = Path(datasets_dir) if datasets_dir is not None else data.DATASETS_DIR
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # a folder like any other the user makes (mkdtemp's is private)
    try:
        runs: list[dict[str, Any]] = []
        all_loads: list[str] = []
        exhibits: list[Exhibit] = []
        seconds = 0.0
        with tempfile.TemporaryDirectory(prefix="r2pkit-loads-") as scratch:
            for i, run in enumerate(cfg.notebooks, 1):
                params = ", ".join(f"{k}={v!r}" for k, v in run.parameters.items()) or "no parameters"
                echo(f"[{i}/{len(cfg.notebooks)}] running {run.label} ({params}) in a fresh kernel ...")
                loads, records = Path(scratch) / f"{i}.loads", Path(scratch) / f"{i}.exhibits"
                started = time.perf_counter()
                nb = _execute(run, cfg.timeout, staging, loads, records, datasets_dir)
                seconds += time.perf_counter() - started
                nb = _stable(nb, run)
                _write_notebook(nb, run.name, staging)
                program = _program(run, staging)
                exhibits += locate(read_records(records), nb, run.name, program, staging / program)
                names = _read_loads(loads)
                all_loads.extend(n for n in names if n not in all_loads)
                runs.append({"notebook": run.label, "name": run.name, "program": program,
                             "parameters": dict(run.parameters), "source_sha256": manifest_mod.sha256(run.path),
                             "cells": _code_cells(run.path), "datasets": names})
        _copy_files(cfg, staging)
        echo(f"The notebooks ran in {seconds:.1f} s; writing the data, citations, environment and metadata ...")
        digest, extracts = write_package(staging, cfg, runs, all_loads, exhibits, seconds, source_data, _peak_memory())
        files = tuple(manifest_mod.read(staging)["outputs"])
        kept = _replace(out, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    echo(f"Replication package written to {out}: {len(files)} files, {len(exhibits)} exhibits, citing "
         f"{len(extracts)} dataset{'s' if len(extracts) != 1 else ''}.")
    if kept:
        echo(f"Kept {len(kept)} file{'s' if len(kept) != 1 else ''} of yours that the build did not write "
             f"(they are not part of the package; `verify` lists them): {', '.join(kept)}")
    if cfg.authors == NO_AUTHORS:
        echo("note: the configuration names no 'authors'; CITATION.cff, .zenodo.json and the RO-Crate say so.")
    echo(f"manifest.json SHA-256: {digest} (publish it with your article; "
         "`r2pkit appendix verify DIR --expect SHA256` re-checks)")
    return BuiltAppendix(out, digest, files, tuple(extracts), seconds, tuple(exhibits), tuple(kept))


def _replace(out: Path, staging: Path) -> list[str]:
    """Move the new package into place; keep the user's files from the old one. Return what was kept.

    A file of the old folder that its manifest does not list was added by the user, and one
    whose SHA-256 differs from the manifest was edited by the user: both are moved into the
    new folder (an edited or clashing one as ``NAME.edited``) before the old folder goes.
    """
    if not out.exists():
        staging.rename(out)
        return []
    ours = manifest_mod.read(out)["outputs"]
    theirs = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        rel = path.relative_to(out).as_posix()
        if rel == manifest_mod.MANIFEST:
            continue
        if rel not in ours or manifest_mod.sha256(path) != ours[rel]:
            theirs.append(rel)
    old = out.parent / f"{staging.name}.old"
    out.rename(old)
    staging.rename(out)
    kept = []
    for rel in theirs:
        target = out / rel
        if target.is_file() and manifest_mod.sha256(target) == manifest_mod.sha256(old / rel):
            continue  # edited into exactly what the build now writes: nothing of theirs to keep
        if target.exists() or rel in ours:
            target = out / f"{rel}.edited"
            n = 1
            while target.exists():
                n += 1
                target = out / f"{rel}.edited-{n}"
        target.parent.mkdir(parents=True, exist_ok=True)
        (old / rel).rename(target)
        kept.append(target.relative_to(out).as_posix())
    shutil.rmtree(old)
    return kept

"""Build a researcher's appendix: run the notebooks, export their charts and tables, cite, fingerprint.

``build(config)`` runs each notebook of an :class:`~r2pkit.appendix.config.AppendixConfig`
from a fresh kernel, with its parameters written in by papermill (the Jupyter community's
convention for parameterised notebooks: a cell injected after the one tagged
``parameters``) and run by nbclient, which stops at the first error that is not in a cell
tagged ``raises-exception``. Then it writes, offline:

- ``notebooks/NAME.ipynb`` — the executed notebook, with timings and random ids removed;
- ``html/NAME.html`` — a static page (nbconvert's JupyterLab template, figures embedded,
  no scripts from the network), readable in any browser without Jupyter;
- ``figures/`` and ``tables/`` — what the notebooks passed to
  :func:`r2pkit.appendix.export`;
- ``citations.bib`` and ``citations.json`` (CSL-JSON) — every dataset the notebooks loaded,
  with its original sources (the kernel records each ``data.load``);
- ``manifest.json`` — see :mod:`r2pkit.appendix.manifest`; and ``README.md`` for the reader.

The appendix is built in a scratch folder beside the output and moved into place only
when every notebook ran: a failed build leaves the previous appendix as it was.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import R2PKitError
from . import manifest as manifest_mod
from .citations import bibtex, csl_json
from .config import AppendixConfig, NotebookRun, _as_ipynb, load_config
from .export import EXPORT_ENV

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


def _execute(run: NotebookRun, timeout: int, export_dir: Path, loads: Path) -> Any:
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
    client = NotebookClient(nb, timeout=timeout, kernel_name=_KERNEL["name"], store_widget_state=False,
                            record_timing=False, resources={"metadata": {"path": str(run.path.parent)}})
    with _environment(**{EXPORT_ENV: str(export_dir), "R2PKIT_RECORD_LOADS": str(loads)}):
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


def _readme(cfg: AppendixConfig, runs: list[dict[str, Any]]) -> str:
    lines = [f"# {cfg.title}", "", "A reproducible appendix built with the r2pkit kit (`r2pkit appendix build`).", "",
             "- `html/` — one page per notebook, readable in any browser;",
             "- `notebooks/` — the executed notebooks;",
             "- `figures/` — each chart as SVG, PNG and Vega-Lite JSON; `tables/` — each table as CSV;",
             "- `citations.bib`, `citations.json` — the datasets used, in BibTeX and CSL-JSON;",
             "- `manifest.json` — versions, parameters and the SHA-256 of every file.", "",
             "To check that nothing was altered: `r2pkit appendix verify .` in this folder.", "", "Notebooks:", ""]
    for r in runs:
        params = ", ".join(f"{k}={v!r}" for k, v in r["parameters"].items()) or "no parameters"
        lines.append(f"- {r['notebook']} ({params}); datasets: {', '.join(r['datasets']) or 'none'}")
    return "\n".join(lines) + "\n"


def build(config: str | Path | AppendixConfig, output: str | Path | None = None,
          echo: Callable[[str], None] = print) -> BuiltAppendix:
    """Build the appendix a configuration describes; return what was written.

    Raises :class:`~r2pkit.errors.R2PKitError` with a plain message on a bad configuration or
    a notebook that fails; the output folder is then left as it was.
    """
    cfg = config if isinstance(config, AppendixConfig) else load_config(config)
    out = Path(output).resolve() if output is not None else cfg.output
    _check_output(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        runs: list[dict[str, Any]] = []
        all_loads: list[str] = []
        with tempfile.TemporaryDirectory(prefix="r2pkit-loads-") as scratch:
            for i, run in enumerate(cfg.notebooks, 1):
                params = ", ".join(f"{k}={v!r}" for k, v in run.parameters.items()) or "no parameters"
                echo(f"[{i}/{len(cfg.notebooks)}] running {run.label} ({params}) in a fresh kernel ...")
                loads = Path(scratch) / f"{i}.loads"
                nb = _stable(_execute(run, cfg.timeout, staging, loads), run)
                _write_notebook(nb, run.name, staging)
                names = _read_loads(loads)
                all_loads.extend(n for n in names if n not in all_loads)
                runs.append({"notebook": run.label, "name": run.name, "parameters": dict(run.parameters),
                             "source_sha256": manifest_mod.sha256(run.path), "datasets": names})
        (staging / "citations.bib").write_text(bibtex(all_loads) if all_loads else "", encoding="utf-8")
        (staging / "citations.json").write_text(
            json.dumps(csl_json(all_loads), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        (staging / "README.md").write_text(_readme(cfg, runs), encoding="utf-8")
        digest = manifest_mod.write(staging, cfg, runs, all_loads)
        files = tuple(manifest_mod.read(staging)["outputs"])
        _replace(out, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    echo(f"Appendix written to {out}: {len(files)} files, citing {len(all_loads)} dataset"
         f"{'s' if len(all_loads) != 1 else ''}.")
    echo(f"manifest.json SHA-256: {digest} (publish it with your article; `r2pkit appendix verify` re-checks)")
    return BuiltAppendix(out, digest, files, tuple(all_loads))


def _replace(out: Path, staging: Path) -> None:
    """Move the new appendix into place; the old one (checked to be an appendix) goes only after."""
    old = None
    if out.exists():
        old = out.parent / f"{staging.name}.old"
        out.rename(old)
    staging.rename(out)
    if old is not None:
        shutil.rmtree(old)

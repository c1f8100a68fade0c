"""The package's README, in the form journals' data editors ask for, written from what was run.

It follows the sections of the Social Science Data Editors' template README (Vilhuber et
al., *A template README for social science replication packages*, v1.1, 2022,
doi:10.5281/zenodo.7293838), which the AEA and many journals use: Overview; Data
Availability and Provenance Statements (statement about rights, licence for data, summary
of availability, details on each data source, dataset list); Computational requirements
(software, controlled randomness, memory, run time and storage); Description of
programs/code (with the licence for code); Instructions to Replicators; List of tables and
programs; References.

Nothing in it is typed by hand: the data sources come from the data package, the versions
from the environment, the exhibits from what the notebooks exported, the run time from the
build's clock, the memory from the kernels' peak use. The run time, the memory and the
package's size are given as ranges ("less than 1 minute"), as the template does, which keeps
a rebuild on the same machine byte-identical; the build prints the exact seconds. :func:`to_html` renders the README as a standalone HTML page.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from .exhibits import Exhibit
from .sources import DatasetRecord, Source

__all__ = ["Facts", "readme", "to_html", "runtime_range", "storage_range", "memory_range", "OPEN_LICENCES"]

TEMPLATE = ("Vilhuber, L., Connolly, M., Koren, M., Llull, J., & Morrow, P. (2022). A template README for "
            "social science replication packages (v1.1). Social Science Data Editors. "
            "https://doi.org/10.5281/zenodo.7293838")

#: Licences that allow anyone to redistribute the data (with attribution where they say so).
OPEN_LICENCES = {"CC-BY-4.0", "CC0-1.0", "ODC-PDDL-1.0", "ODC-BY-1.0", "PDDL-1.0", "MIT", "CC-BY-SA-4.0",
                 "ODbL-1.0", "Apache-2.0", "BSD-3-Clause"}

_RUNTIME = ((60, "less than 1 minute"), (600, "1–10 minutes"), (3600, "10–60 minutes"), (7200, "1–2 hours"),
            (28800, "2–8 hours"), (86400, "8–24 hours"), (259200, "1–3 days"), (None, "more than 3 days"))
_MEMORY = ((2**30, "less than 1 GB"), (4 * 2**30, "1–4 GB"), (16 * 2**30, "4–16 GB"), (None, "more than 16 GB"))
_STORAGE = ((25 * 10**6, "less than 25 MB"), (250 * 10**6, "25 MB – 250 MB"), (2 * 10**9, "250 MB – 2 GB"),
            (25 * 10**9, "2 GB – 25 GB"), (None, "more than 25 GB"))


def _pick(value: float, ranges: tuple[tuple[float | None, str], ...]) -> str:
    return next(label for limit, label in ranges if limit is None or value < limit)


def runtime_range(seconds: float) -> str:
    """The template's range for a run time.

    >>> runtime_range(19.2), runtime_range(75)
    ('less than 1 minute', '1–10 minutes')
    """
    return _pick(seconds, _RUNTIME)


def storage_range(size: int) -> str:
    """The template's range for a package's size in bytes.

    >>> storage_range(1_500_000)
    'less than 25 MB'
    """
    return _pick(size, _STORAGE)


def memory_range(size: int) -> str:
    """The range of a peak memory use in bytes.

    >>> memory_range(390 * 2**20)
    'less than 1 GB'
    """
    return _pick(size, _MEMORY)


def _checklist(chosen: str, ranges: tuple[tuple[float | None, str], ...]) -> list[str]:
    return [f"- [{'x' if label == chosen else ' '}] {label}" for _, label in ranges]


@dataclass
class Facts:
    """What the README reports, all of it read from the build."""

    title: str
    authors: list[dict[str, str]]
    licence: str
    kit: dict[str, Any]             # version, commit, uncommitted_changes
    python: str
    packages: dict[str, str]        # the kit's direct dependencies and the notebook tools
    pins: int                       # packages pinned in environment/requirements.txt
    hardware: dict[str, Any]
    runs: list[dict[str, Any]]      # notebook, name, program, parameters, cells
    exhibits: list[Exhibit]
    datasets: list[DatasetRecord]
    rows: dict[str, int]
    data_sha256: dict[str, str]     # data/FILE -> sha256
    seconds: float
    size: int
    memory: int | None = None       # the kernels' peak memory in bytes, as measured (None: not measurable)
    data_bytes: dict[str, int] = field(default_factory=dict)  # data/FILE -> size in bytes
    randomness: list[str] = field(default_factory=list)
    own_files: list[str] = field(default_factory=list)  # the authors' own files, in code/
    kit_citation: str = ""


def author_text(names: list[dict[str, str]]) -> str:
    """Names as a reference list writes them.

    >>> author_text([{"family": "Voeten", "given": "Erik"}, {"family": "Bailey", "given": "Michael"}])
    'Voeten, E., & Bailey, M.'
    >>> author_text([{"literal": "UNHCR"}])
    'UNHCR'
    """
    parts = []
    for n in names:
        if "literal" in n:
            parts.append(n["literal"])
        else:
            initials = " ".join(f"{g[0]}." for g in n.get("given", "").split() if g)
            parts.append(f"{n['family']}, {initials}".rstrip(", "))
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + ", & " + parts[-1]


def reference(src: Source, url: bool = True) -> str:
    """A source as a line of the reference list (author, year, title, version and, with ``url``, address)."""
    year = f"{src.year}" if src.year is not None else "n.d."
    if src.year_kind == "retrieved":
        year += ", retrieved"
    text = f"{author_text(src.authors)} ({year}). {src.title}."
    if src.version:
        text += f" Version: {src.version}."
    if src.url and url:
        text += f" <{src.url}>"
    return text


def _value(value: Any) -> str:
    """A parameter as the reader should see it: words as words (``Türkiye``), not escapes."""
    return json.dumps(value, ensure_ascii=False)


def _md_cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _overview(f: Facts) -> list[str]:
    figures = [e for e in f.exhibits if e.kind == "figure"]
    tables = [e for e in f.exhibits if e.kind == "table"]
    notebooks = ", ".join(f"`{r['program']}`" for r in f.runs)
    organisations = sorted({author_text(s.authors) for d in f.datasets for s in d.sources})
    return [
        "## Overview", "",
        f"The code in this replication package runs {len(f.runs)} Jupyter notebook"
        f"{'s' if len(f.runs) != 1 else ''} ({notebooks}) in Python with the r2pkit kit, on "
        f"{len(f.datasets)} of the kit's curated dataset{'s' if len(f.datasets) != 1 else ''} "
        f"({', '.join(d.name for d in f.datasets) or 'none'}), compiled from sources by "
        f"{'; '.join(organisations) or 'no one'}. It produces the {len(figures)} figure"
        f"{'s' if len(figures) != 1 else ''} and {len(tables)} table{'s' if len(tables) != 1 else ''} listed "
        f"under [List of tables and programs](#list-of-tables-and-programs). On the machine described below "
        f"the whole run took {runtime_range(f.seconds)}; no network connection is needed.",
        "",
        "This README follows the Social Science Data Editors' template README (see References); it was "
        "written by `r2pkit appendix build` from the run itself: the data sources from the data package, the "
        "versions from the environment, the exhibits from what the notebooks exported.", ""]


def _rights(f: Facts) -> list[str]:
    licences = sorted({lic.get("name", "") for d in f.datasets for lic in d.licences})
    closed = [name for name in licences if name not in OPEN_LICENCES]
    lines = ["## Data Availability and Provenance Statements", "",
             "### Statement about Rights", ""]
    if f.datasets and not closed:
        lines += ["- [x] The data used are extracts of public datasets whose licences "
                  f"({', '.join(licences)}) allow anyone to use and redistribute them, with attribution where "
                  "the licence asks for it; the extracts are redistributed in this package under those licences.",
                  ""]
    elif closed:
        lines += [f"- [ ] Check before publishing: the licences {', '.join(closed)} are not known to allow "
                  "redistribution.", ""]
    else:
        lines += ["- [x] No data are used.", ""]
    lines += ["### License for Data", ""]
    for d in f.datasets:
        for lic in d.licences:
            url = f" <{lic['path']}>" if lic.get("path") else ""
            lines.append(f"- `data/{d.path}`: {lic.get('name', '')}{url}. {lic.get('title', '')}".rstrip())
    lines += ["", "### Summary of Availability", "",
              "- [x] All data **are** publicly available: the extracts used are provided in `data/`, and each "
              "original source is listed below with how to obtain it.", ""]
    return lines


def _details(f: Facts) -> list[str]:
    lines = ["### Details on each Data Source", ""]
    for d in f.datasets:
        schema = f", schema `data/{d.schema}`" if d.schema else ""
        lines += [f"#### {d.title}", "",
                  f"- Provided: `data/{d.path}` ({f.rows.get(d.name, 0)} rows{schema}), described in "
                  f"`data/datapackage.json` (a Frictionless Data Package); SHA-256 "
                  f"`{f.data_sha256.get(f'data/{d.path}', '')}`.",
                  f"- What it is: {d.description}",
                  f"- Extract: r2pkit contributors ({d.year}), dataset `{d.name}` of r2pkit {f.kit['version']}; "
                  "each row carries its own source reference. Cite as `r2pkit_" + d.name + "`.",
                  "- Licence: " + "; ".join(f"{lic.get('name', '')} ({lic.get('title', '')})" for lic in d.licences),
                  "- Compiled from:"]
        for s in d.sources:
            how = (f"publicly available at <{s.url}>" if s.url else
                   "no web address is recorded in the kit's data package: obtain it from the reference")
            lines.append(f"  - {reference(s, url=False)} How to get it: {how}. Cite as `{s.key}`.")
        lines.append("")
    if f.own_files:
        lines += ["#### Files provided by the authors", "",
                  "The programs also read these files of the authors', provided in `code/` (where the notebooks run), "
                  f"under the package's licence ({f.licence}) unless they say otherwise:", ""]
        lines += [f"- `code/{name}`" for name in f.own_files]
        lines.append("")
    lines += ["### Dataset list", "", "| Data file | Source | Notes | Provided |", "|---|---|---|---|"]
    for d in f.datasets:
        sources = "; ".join(f"{author_text(s.authors)} ({s.year})" for s in d.sources) or "r2pkit"
        lines.append(f"| `data/{d.path}` | {_md_cell(sources)} | {_md_cell(d.title)} | Yes |")
    lines += [f"| `code/{name}` | the authors | read by the programs | Yes |" for name in f.own_files]
    lines.append("")
    return lines


def _requirements(f: Facts) -> list[str]:
    kit = f.kit
    dirty = " (with uncommitted changes)" if kit.get("uncommitted_changes") else ""
    lines = ["## Computational requirements", "", "### Software Requirements", "",
             f"- Python {f.python}",
             f"- r2pkit {kit['version']}, git commit `{kit['commit']}`{dirty}: its source is included in "
             "`environment/r2pkit/`.",
             f"- The packages below, as installed when the package was built; `environment/requirements.txt` pins "
             f"all {f.pins} packages of the environment's dependency tree to the versions that ran "
             "(`binder/requirements.txt` holds the same pins).", "",
             "| Package | Version |", "|---|---|"]
    lines += [f"| {name} | {version} |" for name, version in f.packages.items()]
    lines += ["", "### Controlled Randomness", ""]
    if f.randomness:
        lines += ["- [ ] Random numbers may be drawn; check that a seed is set in:"]
        lines += [f"  - {where}" for where in f.randomness]
    else:
        lines += ["- [x] No pseudo-random generator is used: the r2pkit functions are deterministic, and no "
                  "call to a random-number generator was found in the programs."]
    chosen = runtime_range(f.seconds)
    hw = f.hardware
    memory = f", {hw['memory_gb']} GB of memory" if hw.get("memory_gb") else ""
    lines += ["", "### Memory, Runtime, Storage Requirements", "", "#### Summary", "",
              "Approximate time needed to reproduce the analyses on the machine below (measured by the build):", ""]
    lines += _checklist(chosen, _RUNTIME)
    lines += ["", "Approximate storage space needed:", ""]
    lines += _checklist(storage_range(f.size), _STORAGE)
    data_bytes = sum(f.data_bytes.values())
    peak = (f"A notebook's kernel used {memory_range(f.memory)} of memory at its peak (measured)."
            if f.memory else "The kernels' memory use could not be measured on this system.")
    lines += ["", "#### Details", "",
              f"The package was built on {hw.get('system', 'an unknown system')} with {hw.get('processor', '')}, "
              f"{hw.get('cores')} logical cores{memory}. The notebooks ran one after another, each in a fresh "
              f"kernel, with no network. {peak} The data extracts take {data_bytes / 1000:,.0f} kB "
              f"({len(f.data_bytes)} file{'s' if len(f.data_bytes) != 1 else ''}).", ""]
    return lines


def _programs(f: Facts) -> list[str]:
    lines = ["## Description of programs/code", ""]
    for r in f.runs:
        params = ", ".join(f"`{k}` = {_value(v)}" for k, v in r["parameters"].items()) or "none"
        lines.append(f"- `{r['program']}` — the notebook `{r['notebook']}` as its author wrote it "
                     f"({r['cells']} code cells); parameters for this run: {params}. As run, with every output: "
                     f"`notebooks/{r['name']}.ipynb`, and as a web page: `html/{r['name']}.html`.")
    lines += [
        "- `appendix.yaml` — the configuration that runs the notebooks above with their parameters.",
        "- `figures/` — each figure as SVG, PNG and Vega-Lite JSON (the chart's specification with its data); "
        "`tables/` — each table as CSV.",
        "- `data/` — the extracts of the datasets used, their schemas and `datapackage.json`.",
        "- `citations.bib`, `citations.json` — BibTeX and CSL-JSON for every data source and for the kit.",
        "- `environment/` — the pinned packages (`requirements.txt`) and the kit's source (`r2pkit/`); "
        "`binder/` — the files Binder and repo2docker use to build the same environment.",
        "- `manifest.json` — the SHA-256 of every file, the versions and the parameters; "
        "`ro-crate-metadata.json` — the package described as an RO-Crate (files, data sources, software, the "
        "run); `.zenodo.json` and `CITATION.cff` — deposit and citation metadata.", "",
        "### License for Code", "",
        f"The programs in `code/` and the package's own files are under the {f.licence} licence (see `LICENSE`); "
        "the r2pkit kit is under the MIT licence; the data keep their sources' licences (see above).", ""]
    return lines


def _instructions(f: Facts) -> list[str]:
    version = ".".join(f.python.split(".")[:2])
    return [
        "## Instructions to Replicators", "",
        f"1. Install Python {version} and, in this folder, an environment with the exact packages:",
        "   ```sh",
        "   python3 -m venv .venv && . .venv/bin/activate",
        "   pip install -r environment/requirements.txt",
        "   pip install --no-deps ./environment/r2pkit",
        "   ```",
        "   (or open the folder with Binder or repo2docker, which read `binder/`).",
        "2. Check that no file was altered, against the manifest's SHA-256 published with the article:",
        "   `r2pkit appendix verify . --expect SHA256`.",
        "3. Run everything again and compare: `r2pkit appendix verify . --rerun` runs every notebook from "
        "`code/` on the data in `data/`, in a scratch folder, and compares every table (each number, exactly "
        "or within a stated tolerance) and every figure (its data and its text) with the ones here, naming each "
        "difference by exhibit.",
        "4. To keep the rebuilt package: `R2PKIT_DATASETS=\"$PWD/data\" r2pkit appendix build appendix.yaml` "
        "writes it to `../rebuilt/`.", "",
        "### Details", "",
        "The notebooks run in the order listed in `appendix.yaml`, each from a fresh kernel: the values in "
        "`appendix.yaml` replace those of the notebook's cell tagged `parameters` (papermill's convention). A "
        "cell tagged `raises-exception` shows an error on purpose; any other error stops the run with a message "
        "naming the cell.", ""]


def _exhibits(f: Facts) -> list[str]:
    lines = ["## List of tables and programs", "", "The provided code reproduces:", "",
             "- [x] All tables and figures the notebooks export for the article, listed below.", "",
             "| Exhibit | Output files | Program | Cell | Title or contents |", "|---|---|---|---|---|"]
    for e in f.exhibits:
        label = e.title or (f"{e.details.get('rows', '?')} rows: {', '.join(e.details.get('columns', []))}"
                            if e.kind == "table" else "")
        files = ", ".join(f"`{p}`" for p in e.files)
        lines.append(f"| {e.kind.capitalize()} `{e.name}` | {files} | `{e.program}` | {e.where} | {_md_cell(label)} |")
    lines.append("")
    return lines


def _references(f: Facts) -> list[str]:
    lines = ["## References", ""]
    if f.kit_citation:
        lines.append(f"- {f.kit_citation}")
    seen: set[str] = set()
    for d in f.datasets:
        lines.append(f"- r2pkit contributors ({d.year}). {d.title} [dataset {d.name}]. r2pkit {f.kit['version']}.")
        for s in d.sources:
            ref = reference(s)
            if ref not in seen:
                seen.add(ref)
                lines.append(f"- {ref}")
    lines += [f"- {TEMPLATE}", ""]
    return lines


def readme(f: Facts) -> str:
    """The README.md of a replication package."""
    authors = "; ".join(a.get("name", "") for a in f.authors)
    lines = [f"# {f.title}", "", f"Replication package by {authors}." if authors else "", ""]
    for part in (_overview, _rights, _details, _requirements, _programs, _instructions, _exhibits, _references):
        lines += part(f)
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip() + "\n"


_STYLE = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
          "main{overflow-wrap:anywhere}table{border-collapse:collapse}td,th{border:1px solid #888;padding:.2rem .5rem;text-align:left;"
          "vertical-align:top}code{background:#f2f2f2}pre{background:#f2f2f2;padding:.5rem;overflow:auto}")


def to_html(markdown: str, title: str) -> str:
    """The README as a standalone HTML page (nbconvert's Markdown renderer, no scripts, no network)."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    body = markdown2html_mistune(markdown)
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{html.escape(title)}'
            f"</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n")

"""Build the kit's website with Jupyter Book 1.x, offline, failing on any warning (make book).

    python tools/build_book.py [--out build/book]

Steps: copy book/ (config, intro, references page), the notebooks and the student
exercise notebooks (never exercises/solutions/) into OUT/src; write there the table of
contents (_toc.yml, every notebook and exercise in order), a page listing the datasets
with their citations (datasets.md), and references.bib (the seeds and every dataset, from
r2pkit.appendix.citations and r2pkit.data.cite); build with Jupyter Book's Sphinx
configuration and warnings as errors (`sphinx -W --keep-going -n`: a broken cross-reference
or an unknown citation fails the build); then check that every notebook has its page and
that no page loads a script, stylesheet or image from the network or names a CDN. The site
is OUT/html (open OUT/html/index.html). Nothing is executed: pages show stored outputs. Each
chart is a picture drawn at build time, which Vega (bundled into the site) draws again when
the page loads, with its tooltips; without JavaScript the picture stays.

Why Jupyter Book 1.x: it is Sphinx with MyST-NB, pure Python from PyPI, and builds with no
network. Jupyter Book 2 and mystmd run on Node.js and fetch their site theme from the
network at build time, which an offline machine cannot do.
"""
from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# A tag that makes the browser fetch something (a script, a stylesheet, an image or a frame),
# or the address of a public CDN anywhere in a page (e.g. a script loaded later by JavaScript).
_REMOTE = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=[\"']((?:https?:)?//[^\"']+)", re.I)
_CDN = re.compile(r"(?:https?:)?//(?:[\w.-]*\.)?(?:unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|"
                  r"ajax\.googleapis\.com|fonts\.googleapis\.com|code\.jquery\.com)[^\"'\s)]*", re.I)


def _static(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as a static page shows it: the exercises' saved-answer outputs keep only
    their text, each chart (stored as a Vega-Lite spec for a browser) becomes a picture that
    Vega draws again in the page (:func:`chart_html`), and code hidden in JupyterLab is folded
    away (MyST-NB's hide-input tag).

    (The answers' own mime type, which only the kit's runtime reads, would make Sphinx warn;
    MyST-NB has no renderer for Vega-Lite, so each chart is drawn here, offline, as SVG and
    PNG with its text alternative: r2pkit.charts.drawing.)
    """
    from r2pkit.charts import VEGALITE_MIME, drawing
    from r2pkit.exercises.runtime import ANSWER_MIME

    for cell in nb.cells:
        if cell.get("metadata", {}).get("jupyter", {}).get("source_hidden"):
            # JupyterLab's "code hidden" (notebooks meant for reading): a fold in the page.
            tags = cell.metadata.setdefault("tags", [])
            if "hide-input" not in tags:
                tags.append("hide-input")
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            data.pop(ANSWER_MIME, None)
            spec = data.pop(VEGALITE_MIME, None)
            if spec is not None:
                pictures = drawing.render(spec)
                data.update(pictures)
                data["text/html"] = chart_html(spec, pictures["image/svg+xml"])
                out.get("metadata", {}).pop(VEGALITE_MIME, None)
    return nb


def chart_html(spec: dict, svg: str) -> str:
    """A chart in a page: its picture (the SVG drawn at build time, named by its title and
    described by its text alternative) and its spec, which book/_static/r2p-charts.js gives to
    Vega when the page loads, so the chart is drawn again, with tooltips, in place of the picture.
    Without JavaScript the picture stays."""
    from r2pkit.charts.render import EMBED_OPTIONS

    # "<" written as \u003c: the spec's text can never close the script element it sits in.
    major = vega_lite_version().split(".")[0]
    spec = {**spec, "$schema": f"https://vega.github.io/schema/vega-lite/v{major}.json"}  # the site's Vega-Lite
    text = json.dumps(spec, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    options = html.escape(json.dumps(EMBED_OPTIONS, sort_keys=True), quote=True)
    return (f'<figure class="r2p-chart" data-embed-options="{options}">'
            f'<div class="r2p-chart-static">{svg}</div><div class="r2p-chart-live" hidden></div>'
            f'<script type="application/json" class="r2p-chart-spec">{text}</script></figure>')


def vega_lite_version() -> str:
    """The newest Vega-Lite that vl-convert-python (a pinned dependency of the kit) carries.
    The kit's specs keep to what Vega-Lite 5 and 6 share (tests/test_charts.py), so the site
    draws them with the newest, whose Vega matches vega-embed's."""
    import vl_convert as vlc

    return max(vlc.get_vegalite_versions(), key=lambda v: tuple(int(x) for x in v.split(".")))


def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script for the site, from vl-convert-python, so the
    pages draw charts without fetching anything."""
    import vl_convert as vlc

    bundle = vlc.javascript_bundle(vl_version=vega_lite_version())
    # In a function of its own: the bundle's top-level names (such as `_`) would otherwise clash
    # with the theme's scripts. Not a module script, which a page opened from disk cannot load.
    return "(function () {\n" + bundle + "\n})();\n"


def stage(src: Path, notebooks: bool = True) -> list[str]:
    """Copy the book's sources into ``src`` and write the generated files; return the toc entries.

    ``notebooks=False`` stages the front pages only (intro, datasets, references): a quick book for tests.
    """
    from r2pkit import data
    from r2pkit.appendix.citations import references_bib

    if src.exists():
        shutil.rmtree(src)
    shutil.copytree(ROOT / "book", src)
    (src / "_static" / "r2p-vega.js").write_text(vega_bundle(), encoding="utf-8")
    entries = {"notebooks": [], "exercises": []}
    for folder, pattern in (("notebooks", "*.ipynb"), ("exercises", "ex*.ipynb")):
        (src / folder).mkdir()
        for nb in sorted((ROOT / folder).glob(pattern)) if notebooks else []:
            nbformat.write(_static(nbformat.read(nb, as_version=4)), src / folder / nb.name)
            entries[folder].append(f"{folder}/{nb.stem}")
    toc = ["format: jb-book", "root: intro", "parts:"]
    for caption, key in (("Notebooks", "notebooks"), ("Exercises (student versions, without answers)", "exercises")):
        if entries[key]:
            toc += [f"  - caption: {caption}", "    chapters:"] + [f"      - file: {e}" for e in entries[key]]
    toc += ["  - caption: Data and references", "    chapters:", "      - file: datasets", "      - file: references"]
    (src / "_toc.yml").write_text("\n".join(toc) + "\n", encoding="utf-8")
    (src / "references.bib").write_text(references_bib() + "\n", encoding="utf-8")
    rows = ["# The datasets", "", "Each table in the kit's `datasets/` folder, with its licence and how to cite it",
            "(the entries are on the page {doc}`references`).", "",
            "| dataset | what it is | licence | cite as |", "|---|---|---|---|"]
    for _, row in data.list_datasets().iterrows():
        rows.append(f"| `{row['name']}` | {row['title']} | {row['licence']} | {{cite:t}}`r2pkit_{row['name']}` |")
    (src / "datasets.md").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return entries["notebooks"] + entries["exercises"]


def remote_resources(html_dir: Path) -> dict[str, list[str]]:
    """Pages that would fetch a script, stylesheet, image or frame from the network."""
    found: dict[str, list[str]] = {}
    for page in sorted(html_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        urls = _REMOTE.findall(text) + _CDN.findall(text)
        if urls:
            found[page.relative_to(html_dir).as_posix()] = sorted(set(urls))
    return found


def compile_site(src: Path, html: Path) -> int:
    """Build the staged book into ``html``; return Sphinx's exit status (non-zero on any warning).

    Jupyter Book writes its Sphinx configuration from _config.yml; Sphinx then builds with
    warnings as errors (-W), reporting them all (--keep-going), and nitpicky about references (-n).
    """
    jb = Path(sys.executable).with_name("jupyter-book")
    subprocess.run([str(jb), "config", "sphinx", str(src)], check=True, stdout=subprocess.DEVNULL)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("\n# r2pkit: no sphinx-thebe (it writes a CDN script address into every page, for live code\n"
                   "# the kit does not offer there) and no comments widget (a web service).\n"
                   'extensions = [e for e in extensions if e not in ("sphinx_thebe", "sphinx_comments")]\n'
                   "# Charts drawn again by Vega in the page (tooltips), from the site's own files.\n"
                   'html_static_path = ["_static"]\n'
                   'html_js_files = ["r2p-vega.js", "r2p-charts.js"]\n')
    return subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", "html",
                           str(src), str(html)]).returncode


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "build" / "book"))
    args = parser.parse_args(argv)
    src = Path(args.out).resolve() / "src"
    pages = stage(src)
    print(f"Staged {len(pages)} notebooks and exercises in {src}", flush=True)
    html = Path(args.out).resolve() / "html"
    if compile_site(src, html) != 0:
        print("make book: the build failed or warned (warnings are errors); see above.", file=sys.stderr)
        return 1
    missing = [p for p in pages if not (html / f"{p}.html").is_file()]
    remote = remote_resources(html)
    for page, urls in remote.items():
        print(f"{page}: loads from the network: {', '.join(urls)}", file=sys.stderr)
    if missing:
        print(f"Pages missing from the site: {', '.join(missing)}", file=sys.stderr)
    if missing or remote:
        return 1
    print(f"The book is in {html}/index.html ({len(pages)} notebook pages, nothing loaded from the network).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

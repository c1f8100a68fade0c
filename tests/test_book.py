"""`make book`: the kit's website builds offline, fails on a warning, and loads nothing from the network.

The full build (every notebook and exercise, no execution) takes 10–20 s here, so it runs
in `make test` and so in CI. A second, front-pages-only book checks that a broken
citation fails the build.
"""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool():
    spec = importlib.util.spec_from_file_location("build_book", ROOT / "tools" / "build_book.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


book = _tool()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("book")
    status = book.main(["--out", str(out)])
    return status, out / "html"


def test_the_book_builds_without_a_single_warning(site):
    status, html = site
    assert status == 0
    assert (html / "index.html").is_file()


def test_every_notebook_and_student_exercise_has_a_page_and_no_solution_does(site):
    _, html = site
    expected = {f"notebooks/{p.stem}.html" for p in (ROOT / "notebooks").glob("*.ipynb")}
    expected |= {f"exercises/{p.stem}.html" for p in (ROOT / "exercises").glob("ex*.ipynb")}
    built = {p.relative_to(html).as_posix() for p in html.rglob("*.html")}
    assert expected <= built
    assert not any("solution" in page for page in built)


def test_no_page_loads_anything_from_the_network(site):
    _, html = site
    pages = sorted(html.rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        remote = re.findall(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=[\"']((?:https?:)?//[^\"']+)", text)
        assert remote == [], f"{page.name} loads {remote}"
        for cdn in ("unpkg.com", "cdn.jsdelivr.net", "cdnjs.cloudflare.com", "googleapis.com"):
            assert cdn not in text, f"{page.name} names the CDN {cdn}"
    assert book.remote_resources(html) == {}


def _figures(page: str) -> list[str]:
    return re.findall(r'<figure class="r2p-chart".*?</figure>', page, re.S)


def test_every_chart_is_a_named_picture_with_its_spec_for_vega(site):
    """Each chart in a page: an SVG picture named by its title and described by its text
    alternative (what stays without JavaScript), and the spec Vega draws again in its place."""
    import json

    from r2pkit.charts import VEGALITE_MIME

    _, html = site
    for nb_path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        stored = [o["data"][VEGALITE_MIME] for c in json.loads(nb_path.read_text(encoding="utf-8"))["cells"]
                  for o in c.get("outputs", []) if VEGALITE_MIME in o.get("data", {})]
        page = (html / "notebooks" / f"{nb_path.stem}.html").read_text(encoding="utf-8")
        figures = _figures(page)
        assert len(figures) == len(stored), f"{nb_path.stem}: {len(stored)} charts stored, {len(figures)} in the page"
        for figure, spec in zip(figures, stored):
            svg = re.search(r"<svg\b[^>]*>", figure).group(0)
            assert 'role="img"' in svg and 'aria-label="' in svg, f"{nb_path.stem}: an unnamed picture: {svg[:200]}"
            assert "<desc>" in figure, f"{nb_path.stem}: a picture without its description"
            shown = json.loads(re.search(r'<script type="application/json" class="r2p-chart-spec">(.*?)</script>',
                                         figure, re.S).group(1))
            assert {**shown, "$schema": ""} == {**spec, "$schema": ""}, f"{nb_path.stem}: the page's spec is not the notebook's"
            assert "</" not in re.search(r'class="r2p-chart-spec">(.*?)</script>', figure, re.S).group(1)
        # No picture is left named after its file (what MyST-NB writes as an image's alt text).
        assert not re.search(r'<img alt="[^"]*_images/', page), f"{nb_path.stem}: an image named by its file"
    scripts = re.findall(r'<script src="([^"]+)"', (html / "notebooks" / "02_syria_case.html").read_text(encoding="utf-8"))
    ours = [s.split("?")[0] for s in scripts if "r2p-" in s]
    assert ours == ["../_static/r2p-vega.js", "../_static/r2p-charts.js"], scripts
    bundle = (html / "_static" / "r2p-vega.js").read_text(encoding="utf-8")
    assert "window.vegaEmbed=" in bundle.replace(" ", "") and bundle.startswith("(function () {")


def test_the_seeds_and_every_dataset_are_cited_and_resolved(site):
    from r2pkit import data

    _, html = site
    refs = re.sub(r"\s+", " ", (html / "references.html").read_text(encoding="utf-8")).lower()
    assert "toward a legal theory on the responsibility to protect" in refs
    assert "roundtable on the responsibility to protect" in refs
    assert "resettlement article" in refs
    for title in data.list_datasets()["title"]:
        assert title.lower() in refs, f"no reference entry for the dataset '{title}'"
    datasets = (html / "datasets.html").read_text(encoding="utf-8")
    assert len(set(re.findall(r'href="references.html#([^"]+)"', datasets))) == len(data.names())
    intro = (html / "intro.html").read_text(encoding="utf-8")
    assert len(set(re.findall(r'href="references.html#([^"]+)"', intro))) == 3  # the three seeds


def test_a_broken_citation_fails_the_build(tmp_path):
    src = tmp_path / "src"
    book.stage(src, notebooks=False)
    intro = src / "intro.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\nSee {cite:p}`no_such_source`.\n", encoding="utf-8")
    assert book.compile_site(src, tmp_path / "html") != 0

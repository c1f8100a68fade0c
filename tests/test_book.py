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


def test_charts_are_stored_images_in_the_site(site):
    _, html = site
    page = (html / "notebooks" / "00_start_here.html").read_text(encoding="utf-8")
    images = re.findall(r'<img[^>]+src="([^"]+)"', page)
    charts = [src for src in images if src.endswith((".svg", ".png"))]
    assert charts, "notebook 00 shows its chart as an image"
    for src in charts:
        assert (html / "notebooks" / src).resolve().is_file()


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

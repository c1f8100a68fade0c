"""The kit's chart theme and offline renderer."""
from __future__ import annotations

import re

import altair as alt
import pandas as pd
import pytest

from r2pkit import charts, data
from r2pkit.errors import R2PKitError


@pytest.fixture(scope="module")
def refugees() -> pd.DataFrame:
    return data.load("syria_refugees_by_host")


def test_theme_and_renderer_are_the_kits():
    assert alt.theme.active == "r2pkit"
    assert alt.renderers.active == "r2pkit"


def test_palette_is_okabe_ito_and_distinct():
    assert len(set(charts.PALETTE)) == len(charts.PALETTE) == 8
    assert charts.PALETTE[0] == "#0072B2"


def test_a_chart_renders_offline_as_svg_png_and_text(refugees):
    chart = charts.refugees_by_host(refugees, 2015)
    bundle = chart._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    assert set(bundle) == {"image/svg+xml", "image/png", "text/plain"}
    assert bundle["image/svg+xml"].startswith("<svg")
    assert bundle["text/plain"].startswith("Chart: Syrian refugees by host country, 2015.")
    assert "http" not in re.sub(r'xmlns(:xlink)?="[^"]+"', "", bundle["image/svg+xml"]), \
        "the SVG must not point at anything online"


def test_svg_is_identical_run_to_run(refugees):
    chart = charts.refugees_by_host(refugees, 2016)
    assert charts.to_svg(chart) == charts.to_svg(chart)


def test_svg_has_title_description_and_hover_tooltips(refugees):
    svg = charts.to_svg(charts.refugees_by_host(refugees, 2015, top=3))
    assert re.search(r'<svg[^>]*role="img"[^>]*aria-label="Syrian refugees by host country, 2015"', svg)
    assert "<desc>Horizontal bar chart" in svg
    bars = re.findall(r"<title>([^<]*)</title>", svg)[1:]
    assert len(bars) == 3 and all("Source:" in b or "UNHCR" in b for b in bars), bars


def test_ids_differ_between_charts_so_inline_svgs_do_not_clash():
    def clipped(n: int):
        frame = pd.DataFrame({"x": list(range(n)), "y": list(range(n))})
        return charts.titled(alt.Chart(frame).mark_line(clip=True).encode(
            x=alt.X("x:Q", scale=alt.Scale(domain=[0, 1])), y="y:Q", tooltip=["x"]), f"Chart {n}", "Lines.")
    a = set(re.findall(r'id="([^"]+)"', charts.to_svg(clipped(3))))
    b = set(re.findall(r'id="([^"]+)"', charts.to_svg(clipped(4))))
    assert a and b, "a clipped chart defines a clip path id"
    assert not (a & b)
    svg = charts.to_svg(clipped(3))
    assert svg == charts.to_svg(clipped(3)), "the same chart twice gives the same SVG"
    ids = set(re.findall(r'id="([^"]+)"', svg))
    for ref in re.findall(r'url\(#([^)]+)\)', svg):
        assert ref in ids, f"reference to an id that was not renamed: {ref}"


def test_the_bar_chart_shows_the_top_hosts_largest_first(refugees):
    spec = charts.refugees_by_host(refugees, 2015, top=4).to_dict()
    values = spec["datasets"][next(iter(spec["datasets"]))]
    assert len(values) == 4
    counts = [v["refugees"] for v in values]
    assert counts == sorted(counts, reverse=True)
    charts.require_accessible(charts.refugees_by_host(refugees, 2015, top=4))


def test_require_accessible_catches_missing_description_and_tooltips():
    bare = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x")
    with pytest.raises(R2PKitError, match="no description"):
        charts.require_accessible(bare.properties(title="T"))
    with pytest.raises(R2PKitError, match="no tooltips"):
        charts.require_accessible(charts.titled(bare, "T", "D"))


def test_chart_pane_redraws_and_has_a_short_stable_repr(refugees):
    pane = charts.ChartPane(charts.refugees_by_host(refugees, 2015))
    first = pane.value
    pane.show(charts.refugees_by_host(refugees, 2020))
    assert pane.value != first and "2020" in pane.value
    assert repr(pane) == "ChartPane(title='Syrian refugees by host country, 2020')"

"""The kit's chart theme and offline renderer."""
from __future__ import annotations

import json
from pathlib import Path
import re

import altair as alt
import pandas as pd
import pytest

from r2pkit import charts, data
from r2pkit.errors import R2PKitError


def test_theme_and_renderer_are_the_kits():
    assert alt.theme.active == "r2pkit"
    assert alt.renderers.active == "r2pkit"


def test_palette_is_okabe_ito_and_distinct():
    assert len(set(charts.PALETTE)) == len(charts.PALETTE) == 8
    assert charts.PALETTE[0] == "#0072B2"


def test_a_chart_is_shown_as_its_vega_lite_spec_for_the_browser_with_its_text_alternative(refugees):
    chart = charts.refugees_by_host(refugees, 2015)
    data_, metadata = chart._repr_mimebundle_()
    assert set(data_) == {charts.VEGALITE_MIME, "text/plain"} and charts.VEGALITE_MIME.endswith("v5+json")
    spec = data_[charts.VEGALITE_MIME]
    assert spec["$schema"].endswith("/vega-lite/v5.json"), "labelled with the Vega-Lite JupyterLab runs"
    assert spec["description"].startswith("Syrian refugees by host country, 2015. Horizontal bar chart")
    assert data_["text/plain"] == f"Chart: {spec['description']}"
    assert metadata == {charts.VEGALITE_MIME: {"embed_options": {"renderer": "svg", "actions": False}}}
    assert "http" not in json.dumps({k: v for k, v in spec.items() if k != "$schema"}), \
        "the spec must not point at anything online (its data travel with it)"
    assert all("url" not in d for d in [spec.get("data", {})]), spec.get("data")


def test_showing_charts_draws_nothing_in_the_kernel(refugees, drawings):
    chart = charts.refugees_by_host(refugees, 2015)
    chart._repr_mimebundle_()
    charts.ChartPane(chart).show(charts.refugees_by_host(refugees, 2016))
    assert drawings == [], "the browser draws the charts; the kernel only sends their specs"


def test_the_static_picture_is_svg_png_and_text_drawn_offline(refugees):
    bundle = charts.drawing.render(charts.refugees_by_host(refugees, 2015).to_dict())
    assert set(bundle) == {"image/svg+xml", "image/png", "text/plain"}
    assert bundle["image/svg+xml"].startswith("<svg")
    assert bundle["text/plain"].startswith("Chart: Syrian refugees by host country, 2015.")
    assert "http" not in re.sub(r'xmlns(:xlink)?="[^"]+"', "", bundle["image/svg+xml"]), \
        "the SVG must not point at anything online"


@pytest.fixture()
def afresh(monkeypatch, tmp_path):
    """A function that forgets every drawing, in the kernel and on disk, so the next one is really drawn."""
    folders = iter(range(1000))

    def forget() -> None:
        monkeypatch.setenv("R2PKIT_CACHE_DIR", str(tmp_path / f"cache{next(folders)}"))
        charts.drawing._svgs.clear()
        charts.drawing._bundles.clear()

    forget()
    yield forget
    forget()


def test_svg_is_identical_run_to_run(refugees, afresh):
    chart = charts.refugees_by_host(refugees, 2016)
    first = charts.to_svg(chart)
    afresh()  # really draw it again, not take it from a cache
    assert charts.to_svg(chart) == first


def test_svg_has_title_description_and_hover_tooltips(refugees):
    svg = charts.to_svg(charts.refugees_by_host(refugees, 2015, top=3))
    assert re.search(r'<svg[^>]*role="img"[^>]*aria-label="Syrian refugees by host country, 2015"', svg)
    assert "<desc>Horizontal bar chart" in svg
    bars = re.findall(r"<title>([^<]*)</title>", svg)[1:]
    assert len(bars) == 3 and all("Source:" in b or "UNHCR" in b for b in bars), bars


def test_ids_differ_between_charts_so_inline_svgs_do_not_clash(afresh):
    def clipped(n: int):
        frame = pd.DataFrame({"x": list(range(n)), "y": list(range(n))})
        return charts.titled(alt.Chart(frame).mark_line(clip=True).encode(
            x=alt.X("x:Q", scale=alt.Scale(domain=[0, 1])), y="y:Q", tooltip=["x"]), f"Chart {n}", "Lines.")
    a = set(re.findall(r'id="([^"]+)"', charts.to_svg(clipped(3))))
    b = set(re.findall(r'id="([^"]+)"', charts.to_svg(clipped(4))))
    assert a and b, "a clipped chart defines a clip path id"
    assert not (a & b)
    svg = charts.to_svg(clipped(3))
    afresh()
    assert svg == charts.to_svg(clipped(3)), "the same chart drawn twice gives the same SVG"
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
    assert pane.value != first and "2020" in pane.value and pane.value == pane.text
    assert repr(pane) == "ChartPane(title='Syrian refugees by host country, 2020')"
    (shown,) = pane.outputs  # one output, exactly what the notebook shows for the same chart
    data_, metadata = charts.refugees_by_host(refugees, 2020)._repr_mimebundle_()
    assert shown == {"output_type": "display_data", "data": data_, "metadata": metadata}


def test_chart_pane_clear_shows_nothing(refugees):
    pane = charts.ChartPane(charts.refugees_by_host(refugees, 2015))
    pane.clear()
    assert pane.value == "" and pane.outputs == () and repr(pane) == "ChartPane(title='')"


# ------------------------------------------------------------------ drawing once
@pytest.fixture()
def drawings(monkeypatch, tmp_path) -> list[str]:
    """Empty caches (an empty cache folder too), and the title of every chart vl-convert
    really draws (SVG) from now on."""
    import vl_convert

    monkeypatch.setenv("R2PKIT_CACHE_DIR", str(tmp_path / "cache"))
    _new_kernel()
    drawn: list[str] = []
    real = vl_convert.vegalite_to_svg

    def counting(spec, *args, **kwargs):
        drawn.append(charts.drawing.spec_text(spec)[0])
        return real(spec, *args, **kwargs)

    monkeypatch.setattr(vl_convert, "vegalite_to_svg", counting)
    yield drawn
    _new_kernel()


def _new_kernel() -> None:
    charts.drawing._svgs.clear()  # what a fresh kernel starts with
    charts.drawing._bundles.clear()


def _bundle(chart) -> dict:
    """The chart's static pictures (SVG, PNG, text)."""
    return charts.drawing.render(chart.to_dict())


def test_a_picture_drawn_again_is_not_drawn_again(refugees, drawings):
    first = charts.to_svg(charts.refugees_by_host(refugees, 2015))
    charts.to_svg(charts.refugees_by_host(refugees, 2016))
    assert charts.to_svg(charts.refugees_by_host(refugees, 2015)) == first  # back to a year already seen
    assert drawings == ["Syrian refugees by host country, 2015", "Syrian refugees by host country, 2016"]
    _bundle(charts.refugees_by_host(refugees, 2016))  # the static bundle shares the drawing
    assert len(drawings) == 2


def test_a_view_seen_before_is_not_built_again_and_the_oldest_views_are_let_go(refugees, monkeypatch):
    monkeypatch.setattr(charts.ChartPane, "VIEWS_KEPT", 2)
    pane, built = charts.ChartPane(), []

    def show(year):
        pane.show_for(year, lambda: built.append(year) or charts.refugees_by_host(refugees, year))
        return repr(pane)

    shown = [show(y) for y in (2013, 2014, 2013, 2015, 2014, 2013)]
    # 2013 seen again before 2015 came, so 2014 was the one let go; then 2013 had to go.
    assert built == [2013, 2014, 2015, 2014, 2013]
    assert shown == [f"ChartPane(title='Syrian refugees by host country, {y}')" for y in (2013, 2014, 2013, 2015,
                                                                                          2014, 2013)]
    pane.clear()
    assert pane.value == "" and repr(pane) == "ChartPane(title='')"


def test_the_kernel_keeps_the_most_recently_used_drawings_only(refugees, drawings, monkeypatch, tmp_path):
    monkeypatch.setattr(charts.drawing, "MEMORY_KEPT", 2)
    monkeypatch.setenv("R2PKIT_CACHE_DIR", str(tmp_path / "not-a-folder"))
    (tmp_path / "not-a-folder").write_text("a file: nothing can be kept on disk", encoding="utf-8")
    for year in (2013, 2014, 2013, 2015):  # 2013 used again, so 2014 is the oldest when 2015 comes
        charts.to_svg(charts.refugees_by_host(refugees, year))
    assert len(charts.drawing._svgs) == 2
    charts.to_svg(charts.refugees_by_host(refugees, 2013))
    charts.to_svg(charts.refugees_by_host(refugees, 2014))
    assert [t[-4:] for t in drawings] == ["2013", "2014", "2015", "2014"]


def test_a_new_kernel_takes_the_drawings_kept_on_disk(refugees, drawings, tmp_path):
    chart = charts.refugees_by_host(refugees, 2018)
    first = _bundle(chart)
    _new_kernel()
    again = _bundle(chart)
    assert again == first and len(drawings) == 1, "the second kernel draws nothing"
    kept = sorted(p.suffix for p in (tmp_path / "cache" / "drawings").iterdir())
    assert kept == [".png", ".svg"]


def test_a_drawing_kept_by_another_version_of_vl_convert_is_not_used(refugees, drawings, monkeypatch):
    import vl_convert

    chart = charts.refugees_by_host(refugees, 2019)
    charts.to_svg(chart)
    _new_kernel()
    monkeypatch.setattr(vl_convert, "__version__", "0.0.0-other", raising=False)
    charts.to_svg(chart)
    assert len(drawings) == 2


def test_the_disk_keeps_the_most_recently_used_drawings_only(refugees, drawings, monkeypatch, tmp_path):
    monkeypatch.setattr(charts.drawing, "DISK_KEPT", 3)
    monkeypatch.setattr(charts.drawing, "_writes", 0)  # the folder is tidied at the 1st, 17th … write
    for year in (2012, 2013, 2014, 2015):
        charts.to_svg(charts.refugees_by_host(refugees, year))
    assert len(list((tmp_path / "cache" / "drawings").iterdir())) == 4, "not tidied at every drawing"
    monkeypatch.setattr(charts.drawing, "_writes", 16)
    charts.to_svg(charts.refugees_by_host(refugees, 2016))
    kept = list((tmp_path / "cache" / "drawings").iterdir())
    assert len(kept) == 3
    _new_kernel()
    charts.to_svg(charts.refugees_by_host(refugees, 2016))  # among the newest: taken from disk
    charts.to_svg(charts.refugees_by_host(refugees, 2012))  # the oldest: dropped, drawn again
    assert [t[-4:] for t in drawings] == ["2012", "2013", "2014", "2015", "2016", "2012"]


def test_the_png_is_rasterised_from_the_svg_and_is_the_same_image(refugees, drawings, monkeypatch):
    import base64

    import vl_convert

    chart = charts.refugees_by_host(refugees, 2017, top=4)
    spec = chart.to_dict()
    expected = vl_convert.vegalite_to_png(spec, vl_version=charts.drawing._vl_version(), scale=1)  # the second drawing it replaces

    def refuse(*args, **kwargs):
        raise AssertionError("the renderer must not lay the chart out a second time for the PNG")

    monkeypatch.setattr(vl_convert, "vegalite_to_png", refuse)
    assert base64.b64decode(_bundle(chart)["image/png"]) == expected
    assert len(drawings) == 1


def test_uncut_labels_draw_short_labels_exactly_as_before(refugees):
    import vl_convert

    spec = charts.host_pressure_chart(refugees, data.load("country_indicators"), 2015, "per_1000").to_dict()
    version = charts.drawing._vl_version()
    assert vl_convert.vegalite_to_svg(charts.drawing._uncut_labels(spec), vl_version=version) == \
        vl_convert.vegalite_to_svg(spec, vl_version=version)
    limited = {**spec, "config": {**spec["config"], "axis": {**spec["config"]["axis"], "labelLimit": 50}}}
    assert charts.drawing._uncut_labels(limited)["config"]["axis"]["labelLimit"] == 50, "a chart's own limit stays"


def test_a_chart_that_breaks_the_schema_is_still_refused_by_the_pane(drawings):
    bad = charts.titled(alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q", tooltip=["x"]),
                        "Bad", "A chart with a width in words.")
    bad["width"] = "very wide"  # set after building, so only the check before drawing can catch it
    with pytest.raises(alt.utils.schemapi.SchemaValidationError, match="width"):
        charts.ChartPane().show(bad)


def test_the_schema_is_checked_once_per_shape_of_chart_and_a_bad_chart_is_still_refused(refugees, drawings,
                                                                                         monkeypatch):
    checked: list[str] = []
    monkeypatch.setattr(charts.render, "_CHECKED_SHAPES", type(charts.render._CHECKED_SHAPES)())
    kind = type(charts.refugees_by_host(refugees, 2015))
    original = kind.validate

    def counting(cls, spec, *args, **kwargs):
        checked.append(spec["title"])
        return original(spec, *args, **kwargs)

    monkeypatch.setattr(kind, "validate", classmethod(counting))
    pane = charts.ChartPane()
    for year in (2013, 2014, 2015):  # new data and a new title: the same shape
        pane.show(charts.refugees_by_host(refugees, year))
    assert len(checked) == 1 and not drawings
    bad = charts.refugees_by_host(refugees, 2016)
    bad["width"] = "very wide"  # the same chart with a width in words: another shape, checked and refused
    with pytest.raises(alt.utils.schemapi.SchemaValidationError, match="width"):
        pane.show(bad)
    assert [t[-4:] for t in checked] in (["2013", "2016"], ["2013", "2016", "2016"])  # (altair's message checks again)


# ------------------------------------------------------------ what browsers run
def _stored_charts() -> list[tuple[str, dict]]:
    """Every chart stored in the kit's notebooks and exercises: (where, spec)."""
    import nbformat

    root = Path(__file__).resolve().parents[1]
    found = []
    for path in sorted([*root.glob("notebooks/*.ipynb"), *root.glob("exercises/*.ipynb")]):
        nb = nbformat.read(path, as_version=4)
        for i, cell in enumerate(nb.cells):
            for out in cell.get("outputs", []):
                spec = out.get("data", {}).get(charts.VEGALITE_MIME)
                if spec is not None:
                    found.append((f"{path.name} cell {i}", spec))
    return found


def test_every_stored_chart_compiles_with_the_vega_lite_5_that_jupyterlab_runs():
    """JupyterLab 4 and Voilà draw Vega-Lite 5 (5.6 today): every chart the notebooks show
    must compile with the oldest Vega-Lite 5 vl-convert offers, and stand on its own (its
    data inline, its text alternative beside it)."""
    import vl_convert

    stored = _stored_charts()
    assert len(stored) >= 10, f"only {len(stored)} charts found in the notebooks"
    oldest = min((v for v in vl_convert.get_vegalite_versions() if v.startswith("5.")),
                 key=lambda v: tuple(map(int, v.split("."))))
    for where, spec in stored:
        vega = vl_convert.vegalite_to_vega(spec, vl_version=oldest)
        assert vega["marks"], f"{where}: Vega-Lite {oldest} made no marks"
        assert spec["description"].startswith(spec_title(spec)), where
        assert "url" not in json.dumps(spec.get("data", {})), f"{where}: data loaded from elsewhere"


def spec_title(spec: dict) -> str:
    return charts.spec_text(spec)[0]


#: The width of the notebook's output column in JupyterLab in a 768 px window (measured in Chromium:
#: 580 px), less a few pixels for fonts that differ from vl-convert's.
COLUMN_AT_768 = 572


def test_every_stored_chart_fits_the_column_of_a_768_px_window():
    """No chart makes a reader scroll sideways on a small laptop or a tablet: drawn as Vega draws it
    in the browser (vl-convert runs the same Vega), every stored chart is at most the column's width."""
    import re

    import vl_convert

    wide = []
    for where, spec in _stored_charts():
        svg = vl_convert.vegalite_to_svg(spec)
        width = float(re.search(r'<svg[^>]*\bwidth="([\d.]+)"', svg).group(1))
        if width > COLUMN_AT_768:
            wide.append(f"{where} ({spec_title(spec)}): {width:.0f} px")
    assert not wide, f"charts wider than {COLUMN_AT_768} px:\n" + "\n".join(wide)


def test_series_are_told_apart_by_more_than_colour():
    """Lines carry a shape per series and stacked bars a label per segment, said in the text alternative."""
    from r2pkit import data
    from r2pkit.charts import prevention as pcharts, resettlement as rcharts

    lines = charts.refugees_over_time(data.load("syria_refugees_by_host"), ["LBN", "JOR"]).to_dict()
    assert lines["encoding"]["shape"]["field"] == lines["encoding"]["color"]["field"] == "host"
    assert "Lebanon circles, Jordan squares" in lines["description"]
    for chart in (charts.vetoes_by_year(data.load("unsc_syria_vetoes")),
                  rcharts.arrivals_chart(data.load("syria_resettlement_arrivals")),
                  pcharts.recommendations_chart(data.load("unauk_recommendations"))):
        spec = chart.to_dict()
        bars, labels = spec["layer"][:2]
        assert bars["mark"]["type"] == "bar" and labels["mark"]["type"] == "text", spec_title(spec)
        (rows,) = spec["datasets"].values()  # the labels are drawn from the bars' own table
        assert any(r["label_text"] for r in rows), f"{spec_title(spec)}: no segment is labelled"
        assert "labelled" in spec["description"], spec_title(spec)

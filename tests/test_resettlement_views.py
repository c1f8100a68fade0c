"""Charts and widgets of notebook 04: accessible, drawing exactly the model's numbers, and following their controls."""
from __future__ import annotations

import pandas as pd
import pytest

from r2pkit import data
from r2pkit.charts import require_accessible
from r2pkit.charts import resettlement as rc
from r2pkit.resettlement import arrivals as A
from r2pkit.widgets import resettlement as rw


@pytest.fixture(scope="module")
def tables():
    return (data.load("syria_resettlement_arrivals"), data.load("country_indicators"),
            data.load("syria_refugees_by_host"), data.load("resettlement_stakeholders"))


def rows_of(spec: dict) -> list[dict]:
    datasets = spec.get("datasets", {})
    return [row for values in datasets.values() for row in values]


def encodings(spec: dict) -> list[dict]:
    layers = spec.get("layer", [spec])
    return [layer["encoding"] for layer in layers if "encoding" in layer]


def test_fair_share_chart_draws_the_comparison(tables):
    arrivals, indicators, refugees, _ = tables
    t = A.compare_with_fair_shares(arrivals, "population", ["CAN", "GBR", "ITA"], indicators=indicators,
                                   refugees=refugees)
    chart = rc.fair_share_chart(t)
    require_accessible(chart)
    spec = chart.to_dict()
    drawn = {(r["state"], r["series"]): r["persons"] for r in rows_of(spec)}
    for row in t.itertuples():
        assert drawn[(row.state, "Actual resettlement arrivals")] == row.arrivals
        assert drawn[(row.state, "Fair share")] == row.fair_share
    enc = spec["encoding"]
    assert enc["x"]["field"] == "persons" and enc["y"]["field"] == "name" and enc["yOffset"]["field"] == "series"
    assert {t["field"] for t in enc["tooltip"]} >= {"arrivals", "fair_share", "ratio_text", "source"}
    assert "Above their fair share: Canada" in spec["description"]


def test_arrivals_chart_totals_match_the_dataset(tables, datasets_dir):
    arrivals = tables[0]
    chart = rc.arrivals_chart(arrivals, top=3)
    require_accessible(chart)
    drawn = pd.DataFrame(rows_of(chart.to_dict()))
    raw = pd.read_csv(datasets_dir / "syria_resettlement_arrivals.csv")
    assert drawn.groupby("year")["resettlement_arrivals"].sum().to_dict() == \
        raw.groupby("year")["resettlement_arrivals"].sum().to_dict()
    assert set(drawn["group"]) == {"Canada", "United States", "Germany", "All other states"}


def test_pledge_chart_has_the_pledge_rule(tables):
    progress = A.pledge_progress(tables[0])
    chart = rc.pledge_chart(progress)
    require_accessible(chart)
    spec = chart.to_dict()
    rows = rows_of(spec)
    assert any(r.get("pledge") == 20000 for r in rows)
    assert [r["cumulative"] for r in rows if "cumulative" in r] == progress.by_year["cumulative"].tolist()
    assert [e["y"]["field"] for e in encodings(spec)] == ["arrivals", "cumulative", "pledge"]


def test_heatmap_shows_every_cell_with_its_reason(tables):
    table = tables[3]
    chart = rc.stakeholder_heatmap(table, "R2P language in advocacy")
    require_accessible(chart)
    spec = chart.to_dict()
    cells = rows_of(spec)
    assert len(cells) == 35
    expected = table.set_index(["actor", "framing"])
    for cell in cells:
        assert cell["support"] == expected.loc[(cell["actor"], cell["framing"]), "support"]
        assert cell["chosen"] == (cell["framing"] == "R2P language in advocacy")
        assert cell["label"].rstrip("*") == cell["support"]
        assert cell["label"].endswith("*") == (cell["basis"] == "argued")
    rect = encodings(spec)[0]
    assert rect["color"]["scale"]["domain"] == list(rc.SUPPORT_COLOURS)
    assert {t["field"] for t in rect["tooltip"]} >= {"reason", "source", "basis"}


def test_fair_share_calculator_follows_its_controls(tables):
    arrivals, indicators, refugees, _ = tables
    box = rw.fair_share_calculator(arrivals, indicators, refugees, year=2016)
    c = box.controls
    assert c["population"].disabled and c["target"].disabled
    start = box.sentence.value
    assert "In 2016 these 17 states resettled" in start
    c["year"].value = 2018
    assert "In 2018" in box.sentence.value and "2018" in repr(box.pane)
    c["actual"].value = False
    c["target"].value = 20000
    assert "target of 20,000 places" in box.sentence.value and not c["target"].disabled
    c["states"].value = ("GBR", "DEU")
    assert "these 2 states" in box.sentence.value
    c["key"].value = "composite"
    assert not c["hosted"].disabled
    c["hosted"].value = 1.0  # Germany hosts more Syrians per head than the UK: its share goes to 0
    expected = A.compare_with_fair_shares(arrivals, "composite", ["GBR", "DEU"], 2018, 2018, 2018,
                                          {"population": 0.5, "gdp": 0.5, "hosted": 1.0}, 20000,
                                          indicators=indicators, refugees=refugees)
    assert box.sentence.value == f"<p>{A.comparison_sentence(expected)}</p>".replace("'", "&#x27;")
    c["states"].value = ()
    assert "at least one state" in box.sentence.value
    assert repr(box) == "FairShareCalculator(key='composite', year=2018, target=20000, states=0)"


def test_framing_explorer_follows_its_menu(tables):
    box = rw.framing_explorer(tables[3], "financial aid to the region only")
    menu, sentence, reasons, pane, _keys = box.children
    assert "Supports: remote resettlement states (reported)." in sentence.value
    menu.value = "asylum linked to R2P"
    assert "Asylum linked to R2P." in sentence.value
    assert reasons.value.count("<li>") == 7 and "Bellamy" in reasons.value
    assert repr(pane) == "ChartPane(title='Who supports which response: the resettlement article’s stakeholder map')"
    assert repr(box) == "FramingExplorer(framing='asylum linked to R2P')"

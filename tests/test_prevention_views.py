"""Charts and widgets of prevention and the toolbox: accessible, drawn from the data, and alive
(changing a control changes what is shown)."""
from __future__ import annotations

import pandas as pd
import pytest

from r2pkit import charts, data, prevention
from r2pkit.charts import prevention as pcharts
from r2pkit.errors import R2PKitError
from r2pkit.widgets import prevention as pwidgets


@pytest.fixture(scope="module")
def measures() -> pd.DataFrame:
    return data.load("protection_measures")


@pytest.fixture(scope="module")
def recs() -> pd.DataFrame:
    return data.load("unauk_recommendations")


@pytest.fixture(scope="module")
def factors() -> pd.DataFrame:
    return data.load("atrocity_risk_factors")


def _values(spec: dict) -> list[dict]:
    (rows,) = spec["datasets"].values()
    return rows


def test_ladder_shows_every_measure_and_fades_those_ruled_out(measures):
    remaining = prevention.available_measures(measures, True, True, "regional organisation")
    chart = pcharts.coercion_ladder(measures, remaining)
    charts.require_accessible(chart)
    spec = chart.to_dict()
    rows = _values(spec)
    assert len(rows) == len(measures)
    kept = {r["measure"] for r in rows if r["status"] == "remains"}
    assert kept == set(measures.loc[measures["by_regional_organisation"] == "yes", "measure"])
    dots, words, header = spec["layer"]
    assert dots["encoding"]["color"]["field"] == "needs_sc_authorisation"
    assert dots["encoding"]["y"]["sort"] == measures.sort_values("coercion_rank")["measure"].tolist()
    assert any(t["field"] == "why" for t in dots["encoding"]["tooltip"])
    # colour is not the only cue: the Council's part is also a word beside each dot, under a header
    assert words["mark"]["type"] == "text" and words["encoding"]["text"]["field"] == "needs_sc_authorisation"
    assert header["mark"]["text"] == ["Security Council", "needed?"] and "tooltip" not in header.get("encoding", {})
    assert "the word in the column headed 'Security Council needed?'" in spec["description"]
    with pytest.raises(R2PKitError, match="Not measures of the table"):
        pcharts.coercion_ladder(measures, ["Blockade"])


def test_recommendations_chart_counts_the_data(recs):
    chart = pcharts.recommendations_chart(recs)
    charts.require_accessible(chart)
    rows = _values(chart.to_dict())
    exploded = recs.assign(addressee=recs["addressee"].str.split("; ")).explode("addressee")
    assert sum(r["recommendations"] for r in rows) == len(exploded)
    uk = sum(r["recommendations"] for r in rows if r["addressee"] == "UK government")
    assert uk == (exploded["addressee"] == "UK government").sum()
    assert all(r["source"].startswith("UNA-UK roundtable summary, pp. ") for r in rows)
    by_type = pcharts.recommendations_chart(recs, by="measure_type", form="in the discussion text")
    assert sum(r["recommendations"] for r in _values(by_type.to_dict())) == (recs["form"] == "in the discussion text").sum()
    with pytest.raises(R2PKitError, match="Choose one of: addressee, measure_type"):
        pcharts.recommendations_chart(recs, by="page")


def test_stance_chart_has_a_cell_and_a_word_per_text_and_measure(measures):
    chart = pcharts.stance_chart(measures)
    charts.require_accessible(chart)
    spec = chart.to_dict()
    rows = _values(spec)
    assert len(rows) == 3 * len(measures)
    resettlement = {r["text"]: r["stance"] for r in rows if r["measure"] == "Resettlement"}
    assert resettlement["Resettlement article"] == measures.set_index("measure").loc["Resettlement",
                                                                                     "resettlement_article_stance"]
    assert spec["layer"][1]["encoding"]["text"]["field"] == "word"  # stance in words, not colour alone


def test_risk_profile_chart_is_not_a_score(factors):
    chart = pcharts.risk_profile_chart(prevention.risk_profile(factors, [9, "Motives or incentives"]))
    charts.require_accessible(chart)
    spec = chart.to_dict()
    rows = _values(spec)
    assert len(rows) == factors["factor"].nunique()
    assert {r["factor"] for r in rows if r["marked"]} == {
        factors.loc[factors["factor_number"] == 9, "factor"].iloc[0], "Motives or incentives"}
    assert "Motives or incentives (number not checked)" in {r["label"] for r in rows}
    assert spec["encoding"]["x"]["type"] == "nominal"  # groups, no quantity axis
    # one row per factor, its name wrapped onto short lines (so the chart fits the page)
    assert spec["encoding"]["y"]["field"] == "row" and "split(" in spec["encoding"]["y"]["axis"]["labelExpr"]
    assert all(r["row"].replace("\n", " ") == r["label"] and max(map(len, r["row"].split("\n"))) <= 45 for r in rows)
    assert "not a score, a probability or a prediction" in spec["description"]


def test_measure_explorer_follows_each_control(measures):
    box = pwidgets.measure_explorer(measures)
    council, coercion, actor, sentence, pane, table, _keys = box.children
    seen = {(sentence.value, repr(pane), table.value)}
    for control, value in ((actor, "civil society"), (council, False), (coercion, True)):
        control.value = value
        now = (sentence.value, repr(pane), table.value)
        assert now not in seen, f"changing {control.description} changed nothing"
        seen.add(now)
    expected = prevention.available_measures(measures, False, True, "civil society")
    assert all(f"<td>{m}</td>" in table.value for m in expected["measure"])
    assert repr(box) == "MeasureExplorer(council='able to act', coercion='acceptable', actor='civil society')"
    with pytest.raises(R2PKitError, match="Did you mean 'UN'"):
        pwidgets.measure_explorer(measures, actor="UNO")


def test_measure_explorer_redraws_its_chart_on_every_change(measures):
    """Every change of a control sends a new chart, which names the constraints it was drawn for, even
    when the same measures remain (a reader sees that the change was taken; before, 3 of 9 changes
    in the browser benchmark redrew nothing)."""
    box = pwidgets.measure_explorer(measures)
    council, coercion, actor, sentence, pane, table, _keys = box.children
    specs = [pane.spec]
    for control, value in [(c, v) for c, v in ((council, False), (coercion, True), (council, True), (coercion, False))
                           ] + [(actor, a) for a in prevention.ACTORS]:
        if control.value == value:
            continue
        control.value = value
        assert pane.spec != specs[-1], f"{control.description} -> {value!r} sent no new chart"
        specs.append(pane.spec)
        words = f"Security Council {council.label}; coercion {coercion.label}; who acts: {actor.value}"
        subtitle = pane.spec["title"]["subtitle"]  # drawn on lines short enough for a narrow window
        assert (" ".join(subtitle) if isinstance(subtitle, list) else subtitle) == f"Under your constraints: {words}"
        assert words in pane.spec["description"]


def test_checklist_follows_the_boxes(factors):
    n = factors["factor"].nunique()
    box = pwidgets.early_warning_checklist(factors)
    summary, pane, indicators = box.children[-4:-1]
    assert len(box.boxes) == n
    assert f"You marked 0 of the {n}" in summary.value and indicators.value == ""
    box.boxes[0].value = True  # Risk Factor 7, the first common factor
    assert f"You marked 1 of the {n}" in summary.value and "7.10" in indicators.value
    assert f"1 of the {n}" in repr(pane)
    assert "not a score, a probability or a prediction" in summary.value
    armed = next(b for b in box.boxes if b.description.startswith("Situations of armed conflict"))
    assert armed.description.endswith("(number not checked)")
    armed.value = True
    assert f"You marked 2 of the {n}" in summary.value and "none could be checked" in indicators.value
    assert repr(box) == "EarlyWarningChecklist(marked=[7, 'Situations of armed conflict or other forms of instability'])"
    with pytest.raises(R2PKitError, match="could not check which factor has that number"):
        pwidgets.early_warning_checklist(factors, marked=[3])

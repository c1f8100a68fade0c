"""r2pkit.charts.duties: the case library as a grid of the engine's answers, accessible and honest.

The chart's data are checked against the engine's findings recomputed here, and against the
outcomes the article gives (e.g. Behrami: no duty to protect, Hakimi p. 270).
"""
from __future__ import annotations

import pandas as pd
import pytest

from r2pkit import duties
from r2pkit.charts import PALETTE, require_accessible
from r2pkit.charts.duties import OUTCOME_COLOURS, library_chart
from r2pkit.errors import R2PKitError

CASES = duties.load_cases(duties.LIBRARY)


@pytest.fixture(scope="module")
def spec():
    chart = library_chart(CASES)
    require_accessible(chart)
    return chart.to_dict()


def _rows(spec) -> pd.DataFrame:
    data = spec["datasets"][spec["data"]["name"]] if "datasets" in spec else spec["data"]["values"]
    return pd.DataFrame(data)


def test_one_cell_per_case_and_duty_with_the_engines_words(spec):
    rows = _rows(spec)
    assert len(rows) == len(CASES) * 4
    for case in CASES:
        a = duties.assess(case)
        mine = rows[rows["case"] == case.id].set_index("duty")["outcome"]
        for duty in duties.DUTIES:
            f = a[duty]
            if f.attaches is False:
                assert mine[duty] == "does not attach"
            elif f.attaches is None:
                assert mine[duty].startswith("attachment not established") or mine[duty] == "not established"
            else:
                assert mine[duty].startswith("attaches")
    behrami = rows[(rows["case"] == "france-behrami") & (rows["duty"] == "protect")].iloc[0]
    assert behrami["outcome"] == "does not attach" and behrami["matches"] == "yes"
    assert set(rows["matches"]) <= {"yes", "no outcome recorded"}


def test_colours_are_the_palettes_and_open_is_never_drawn_as_no(spec):
    cells, words = spec["layer"]
    colour = cells["encoding"]["color"]
    assert colour["field"] == "outcome"
    assert colour["scale"]["domain"] == list(OUTCOME_COLOURS)
    assert colour["scale"]["range"] == list(OUTCOME_COLOURS.values())
    assert set(colour["scale"]["range"]) <= set(PALETTE) and len(set(colour["scale"]["range"])) == len(OUTCOME_COLOURS)
    assert OUTCOME_COLOURS["not established"] != OUTCOME_COLOURS["does not attach"]
    assert words["mark"]["type"] == "text" and words["encoding"]["text"]["field"] == "label"


def test_axes_and_tooltips(spec):
    enc = spec["layer"][0]["encoding"]
    assert enc["x"]["field"] == "duty title" and enc["x"]["sort"] == [duties.DUTY_TITLES[d] for d in duties.DUTIES]
    assert enc["y"]["field"] == "title" and enc["y"]["sort"] == [c.title for c in CASES]
    fields = [t["field"] for t in enc["tooltip"]]
    assert {"title", "outcome", "decided by", "would be decided by", "source", "matches"} <= set(fields)


def test_the_description_counts_breaches_from_the_data(spec):
    breached = {d: sum(duties.assess(c)[d].breached is True for c in CASES) for d in duties.DUTIES}
    for d, n in breached.items():
        assert f"{duties.DUTY_TITLES[d].lower()} {n}" in spec["description"]
    recorded = sum(len(c.expected) for c in CASES)
    assert f"Of {recorded} outcomes the cases record from the article, the engine reproduces {recorded}." \
        in spec["description"]


def test_no_cases_is_a_clear_error():
    with pytest.raises(R2PKitError, match="no cases to draw"):
        library_chart([])

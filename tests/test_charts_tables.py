"""Tables for reading (r2pkit.charts.tables): the notebooks show words, never column names.

The check on the notebooks reads their stored outputs (the ones nbval proves current), so it
sees what a reader sees: every header of every table in notebooks 02-05, and the prose around
them.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from r2pkit import duties
from r2pkit.charts import label, readable
from r2pkit.charts.tables import LABELS
from r2pkit.errors import R2PKitError

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
READING = ["02_syria_case", "03_duty_bundle", "04_resettlement", "05_prevention_toolbox"]
CODE_NAME = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def _headers(name: str) -> list[tuple[int, str]]:
    cells = json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]
    found = []
    for i, cell in enumerate(cells):
        for output in cell.get("outputs", []):
            html = "".join(output.get("data", {}).get("text/html", ""))
            for head in re.findall(r"<thead>(.*?)</thead>", html, re.S):
                found += [(i, th) for th in re.findall(r"<th[^>]*>(.*?)</th>", head)]
    return found


@pytest.mark.parametrize("name", READING)
def test_table_headers_in_the_reading_notebooks_are_words(name):
    headers = _headers(name)
    assert headers, f"{name} shows no table: the check would prove nothing"
    coded = [(i, h) for i, h in headers if CODE_NAME.search(h)]
    assert not coded, f"{name}: table headers that are column names, not words (cell, header): {coded}"


@pytest.mark.parametrize("name", READING)
def test_the_prose_names_no_column_in_code(name):
    text = (NOTEBOOKS / f"{name}.py").read_text(encoding="utf-8")
    prose = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    quoted = {m for m in re.findall(r"`([a-z][a-z0-9_]*)`", prose) if m in LABELS}
    assert not quoted, f"{name}: the prose quotes column names a table shows in words: {sorted(quoted)}"


def test_every_fact_of_the_duty_engine_has_words():
    assert not [name for name in duties.FACTS if name not in LABELS]


def test_readable_renames_and_keeps_the_data():
    table = pd.DataFrame({"vetoed_by": ["Russia"], "in_roll_call_data": [False], "open": [None],
                          "decided": ["offers_meaningful_alternative, helps_lessen_risk"]})
    shown = readable(table)
    assert list(shown.columns) == ["vetoed by", "every member's vote in the data", "open", "decided"]
    assert shown.iloc[0].tolist() == ["Russia", "no", None, "offers a meaningful alternative, helps lessen the risk"]
    assert list(table.columns)[0] == "vetoed_by" and not table.iloc[0, 1]  # the data keep their names


def test_a_missing_fact_reads_not_known_and_labels_can_be_overridden():
    shown = readable(pd.DataFrame({"all": [True, None, False]}), {"all": "both voted no"})
    assert shown["both voted no"].tolist() == ["yes", "not known", "no"]


def test_index_names_are_words_too():
    shown = readable(pd.DataFrame({"refugees": [1]}, index=pd.Index(["CAN"], name="host_iso3")))
    assert shown.index.name == "country code"


def test_a_name_without_a_label_is_shown_as_it_is():
    assert label("some_new_column") == "some_new_column"


def test_not_a_table_is_refused_in_words():
    with pytest.raises(R2PKitError, match="is not a table"):
        readable("vetoes")


# ------------------------------------------------------------------ laid out for the page
def _cells(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<t[dh] style="([^"]*)">(.*?)</t[dh]>', html)


def test_a_table_for_reading_wraps_long_texts_and_keeps_numbers_whole():
    table = readable(pd.DataFrame({"host": ["Lebanon", "Jordan"], "refugees": [1062690, 628223],
                                   "source": ["UNHCR Refugee Data Finder, population table, 2015"] * 2}))
    html = table._repr_html_()
    cells = dict((text, style) for style, text in _cells(html))
    assert "white-space: nowrap" in cells["1062690"] and "text-align: right" in cells["1062690"]
    assert "white-space: normal" in cells["UNHCR Refugee Data Finder, population table, 2015"]
    assert ">0<" not in html and ">1<" not in html, "row numbers mean nothing to a reader"
    # Only what JupyterLab keeps in a notebook it does not trust: inline styles, no style sheet, and
    # no value its sanitizer drops (overflow-wrap: anywhere).
    assert "<style" not in html and "anywhere" not in html


def test_a_long_word_may_break_and_a_named_index_is_shown():
    path = "../shared/reference/unhcr_refugees/unhcr_idmc.csv"
    html = readable(pd.DataFrame({"source": [path]}, index=pd.Index(["MMR"], name="host_iso3")))._repr_html_()
    assert "unhcr_<wbr>idmc.<wbr>csv" in html and path not in html
    assert ">country code<" in html and ">MMR<" in html
    assert "presidential" in readable(pd.DataFrame({"a": ["presidential statement"]}))._repr_html_()


def test_a_derived_table_is_a_plain_dataframe_again():
    table = readable(pd.DataFrame({"a": [1, 2]}))
    assert type(table).__name__ == "ReadingTable" and type(table[table["a"] > 1]) is pd.DataFrame

"""The data layer: listing, loading with types, describing, citing, and bad input."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from r2pkit import data
from r2pkit.errors import DataValidationError, R2PKitError, UnknownNameError

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = json.loads((ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
NAMES = [r["name"] for r in PACKAGE["resources"]]


def _schema(name: str) -> dict:
    res = next(r for r in PACKAGE["resources"] if r["name"] == name)
    return json.loads((ROOT / "datasets" / res["schema"]).read_text(encoding="utf-8"))


@pytest.fixture()
def datasets_copy(tmp_path, monkeypatch) -> Path:
    """A private copy of datasets/ that a test may damage; the kit reads it instead."""
    copy = tmp_path / "datasets"
    shutil.copytree(ROOT / "datasets", copy)
    monkeypatch.setattr(data, "DATASETS_DIR", copy)
    return copy


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


# ------------------------------------------------------------------ the package
def test_every_dataset_is_listed_with_rows_source_and_licence():
    table = data.list_datasets()
    assert list(table["name"]) == NAMES
    for row in table.itertuples():
        assert row.rows > 0, row.name
        assert row.source.strip(), f"{row.name} has no source in datapackage.json"
        assert row.licence.strip(), f"{row.name} has no licence in datapackage.json"
        assert row.title.strip()


def test_the_datasets_required_by_the_foundation_issue_exist():
    assert {"unsc_syria_vetoes", "unga_syria_votes", "syria_refugees_by_host",
            "country_indicators", "r2p_timeline"} <= set(NAMES)


def test_datasets_stay_small():
    total = sum(p.stat().st_size for p in (ROOT / "datasets").rglob("*") if p.is_file())
    assert total < 5 * 1024 * 1024, f"datasets/ is {total / 1e6:.1f} MB; the kit ships curated extracts"


@pytest.mark.parametrize("name", NAMES)
def test_schema_documents_every_field_and_carries_provenance(name):
    schema = _schema(name)
    fields = {f["name"]: f for f in schema["fields"]}
    assert "source" in fields and fields["source"].get("constraints", {}).get("required"), \
        f"{name}: every row must carry a required 'source'"
    assert "note" in fields, f"{name}: a 'note' column says where sources disagree"
    for f in schema["fields"]:
        assert f.get("description", "").strip(), f"{name}.{f['name']} has no description"
        if f.get("type") in ("integer", "number") and f["name"] not in ("rcid",):
            assert f.get("unit", "").strip(), f"{name}.{f['name']} is numeric but has no unit"


@pytest.mark.parametrize("name", NAMES)
def test_load_gives_schema_types_and_a_source_on_every_row(name):
    frame = data.load(name)
    schema = _schema(name)
    assert list(frame.columns) == [f["name"] for f in schema["fields"]]
    for f in schema["fields"]:
        col = frame[f["name"]]
        if f["type"] == "integer":
            assert str(col.dtype) == "Int64", (name, f["name"], col.dtype)
        elif f["type"] == "number":
            assert col.dtype == "float64", (name, f["name"], col.dtype)
        elif f["type"] == "date":
            assert pd.api.types.is_datetime64_any_dtype(col), (name, f["name"], col.dtype)
        elif f["type"] == "boolean":
            assert str(col.dtype) == "boolean", (name, f["name"], col.dtype)
    assert frame["source"].notna().all() and (frame["source"].str.strip() != "").all()


def test_the_whole_package_is_valid_for_frictionless_itself():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.Package(str(ROOT / "datasets" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_validate_finds_the_shipped_data_valid():
    assert data.validate() == {n: [] for n in NAMES}


def test_describe_lists_fields_with_units():
    fields = data.describe("syria_refugees_by_host")
    assert list(fields.columns) == ["field", "type", "unit", "required", "description"]
    assert list(fields["field"]) == [f["name"] for f in _schema("syria_refugees_by_host")["fields"]]
    assert fields.set_index("field").loc["refugees", "unit"] == "persons"
    assert fields.attrs["title"]


# ---------------------------------------------------------------------- citing
@pytest.mark.parametrize("name", NAMES)
def test_cite_names_the_kit_and_every_original_source(name):
    res = next(r for r in PACKAGE["resources"] if r["name"] == name)
    text = data.cite(name)
    assert f"[dataset {name}]" in text and "r2pkit" in text
    for source in res["sources"]:
        assert source["title"] in text
    bib = data.cite(name, style="bibtex")
    assert bib.count("@misc{") == 1 + len(res["sources"])
    assert bib.count("{") == bib.count("}"), "unbalanced braces in BibTeX"
    assert re.search(rf"@misc{{r2pkit_{name},", bib)


def test_cite_rejects_an_unknown_style():
    with pytest.raises(R2PKitError, match="style='apa' is not a citation style. Choose one of: text, bibtex"):
        data.cite("r2p_timeline", style="apa")  # type: ignore[arg-type]


# ------------------------------------------------------------------ bad input
def test_unknown_name_lists_the_datasets_and_suggests_the_closest():
    with pytest.raises(UnknownNameError) as info:
        data.load("unsc_vetoes")
    message = str(info.value)
    assert "no dataset called 'unsc_vetoes'" in message
    assert "Did you mean 'unsc_syria_vetoes'?" in message
    for name in NAMES:
        assert name in message


def test_unknown_name_without_a_close_match_still_lists_them():
    with pytest.raises(UnknownNameError) as info:
        data.describe("qqqq")
    assert "Did you mean" not in str(info.value)
    assert "r2p_timeline" in str(info.value)


def test_a_name_that_is_not_text_is_refused_plainly():
    with pytest.raises(UnknownNameError, match="name=3 is not a dataset name"):
        data.load(3)  # type: ignore[arg-type]


def _problem(exc: pytest.ExceptionInfo) -> str:
    assert isinstance(exc.value, DataValidationError)
    assert exc.value.problems, "the error lists its problems"
    return str(exc.value)


def test_a_word_in_a_number_column_names_file_row_column_value_and_rule(datasets_copy):
    path = datasets_copy / "unsc_syria_vetoes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",2012,", ",twenty12,", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as info:
        data.load("unsc_syria_vetoes")
    msg = _problem(info)
    assert "datasets/unsc_syria_vetoes.csv" in msg
    assert "line 4 (data row 3)" in msg and "column 'year'" in msg and "'twenty12'" in msg
    assert "not a whole number" in msg and "rule: type integer" in msg


def test_a_negative_count_names_the_minimum_rule(datasets_copy):
    path = datasets_copy / "syria_refugees_by_host.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[5, "refugees"] = "-12"
    frame.to_csv(path, index=False, lineterminator="\n")
    with pytest.raises(DataValidationError) as info:
        data.load("syria_refugees_by_host")
    msg = _problem(info)
    assert "line 7 (data row 6)" in msg and "column 'refugees'" in msg and "'-12'" in msg
    assert "must be at least 0" in msg


def test_an_emptied_source_is_caught(datasets_copy):
    path = datasets_copy / "r2p_timeline.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[0, "source"] = ""
    frame.to_csv(path, index=False, lineterminator="\n")
    with pytest.raises(DataValidationError) as info:
        data.load("r2p_timeline")
    msg = _problem(info)
    assert "line 2 (data row 1)" in msg and "column 'source'" in msg and "must not be empty" in msg


def test_a_vote_outside_the_allowed_values_is_caught(datasets_copy):
    path = datasets_copy / "unga_syria_votes.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[0, "vote"] = "maybe"
    frame.to_csv(path, index=False, lineterminator="\n")
    with pytest.raises(DataValidationError) as info:
        data.load("unga_syria_votes")
    msg = _problem(info)
    assert "column 'vote'" in msg and "'maybe'" in msg and "must be one of" in msg


def test_a_renamed_column_is_reported_against_the_expected_header(datasets_copy):
    _edit(datasets_copy / "country_indicators.csv", "population", "populaton")
    with pytest.raises(DataValidationError) as info:
        data.load("country_indicators")
    msg = _problem(info)
    assert "header row does not match" in msg and "population" in msg


def test_a_vote_on_an_unknown_resolution_breaks_the_foreign_key(datasets_copy):
    _edit(datasets_copy / "unga_syria_votes.csv", "A/RES/66/176,", "A/RES/66/999,")
    with pytest.raises(DataValidationError) as info:
        data.load("unga_syria_votes")
    assert "A/RES/66/999" in _problem(info)


def test_a_missing_file_says_how_to_restore_it(datasets_copy):
    (datasets_copy / "r2p_timeline.csv").unlink()
    with pytest.raises(DataValidationError, match="missing.*git checkout"):
        data.load("r2p_timeline")


def test_validation_runs_again_after_the_file_changes(datasets_copy):
    assert len(data.load("unsc_syria_vetoes")) > 0
    _edit(datasets_copy / "unsc_syria_vetoes.csv", "S/2011/612", "S-2011-612")
    with pytest.raises(DataValidationError, match="column 'draft'"):
        data.load("unsc_syria_vetoes")
    assert data.validate("unsc_syria_vetoes")["unsc_syria_vetoes"]


def test_many_problems_are_summarised_not_dumped(datasets_copy):
    path = datasets_copy / "unga_syria_votes.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[:40, "vote"] = "maybe"
    frame.to_csv(path, index=False, lineterminator="\n")
    with pytest.raises(DataValidationError) as info:
        data.load("unga_syria_votes")
    assert len(info.value.problems) == 1 + 41  # the edit since the release, then each bad cell
    assert "was edited since the release" in info.value.problems[0]
    assert "and 32 more" in str(info.value)

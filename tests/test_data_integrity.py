"""Tamper evidence: a hand edit that still follows every schema rule is caught by the hash
each table publishes in ``datapackage.json``, by ``data.load`` and by ``r2pkit data validate``,
without ``../shared`` (the tests work on a private copy of ``datasets/`` only).

The seven edits below are the kinds an audit made by hand and found passing before the
hashes were published: each keeps the file valid for its schema, so only the hash can tell.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from r2pkit import cli, data
from r2pkit.errors import DataValidationError

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = json.loads((ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8"))


@pytest.fixture()
def copy(tmp_path, monkeypatch) -> Path:
    """A private copy of datasets/ that a test may edit; the kit reads it instead."""
    folder = tmp_path / "datasets"
    shutil.copytree(ROOT / "datasets", folder)
    monkeypatch.setattr(data, "DATASETS_DIR", folder)
    monkeypatch.setenv("R2PKIT_CACHE_DIR", str(tmp_path / "cache"))
    return folder


def _replace_line(path: Path, pattern: str, change) -> None:
    """Change the first line matching ``pattern`` with ``change(line)`` (``None`` deletes it)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    i = next(i for i, line in enumerate(lines) if re.search(pattern, line))
    new = change(lines[i])
    assert new != lines[i], "test set-up: the edit changed nothing"
    lines[i:i + 1] = [] if new is None else [new]
    path.write_text("\n".join(lines), encoding="utf-8")


def _flip_vote(line: str) -> str:
    return line.replace(",yes,", ",no,", 1)


EDITS = {
    # a flipped vote: China 'no' on A/RES/66/253 becomes 'yes'
    "flipped vote": ("unga_syria_votes", r"^A/RES/66/253,5180,.*,China,CHN,no,", lambda l: l.replace(",no,", ",yes,", 1)),
    # a shifted veto date: the first Syria veto a day later (the year column stays consistent)
    "shifted veto date": ("unsc_syria_vetoes", r"^2011-10-04,", lambda l: l.replace("2011-10-04", "2011-10-05", 1)),
    # a deleted row: one veto disappears
    "deleted row": ("unsc_syria_vetoes", r"^2016-10-08,", lambda l: None),
    # a changed refugee figure: Lebanon end-2015 one refugee more
    "changed refugee figure": ("syria_refugees_by_host", r"^2015,Lebanon,LBN,LEB,1062690,",
                               lambda l: l.replace(",1062690,", ",1062691,", 1)),
    # a changed population (the denominator of every burden figure)
    "changed population": ("country_indicators", r"^LBN,Lebanon,2015,6472469,", lambda l: l.replace(",6472469,", ",5472469,", 1)),
    # a changed General Assembly tally
    "changed tally": ("unga_syria_resolutions", r"^A/RES/71/248,", lambda l: l.replace(",105,", ",115,", 1)),
    # a changed resettlement arrival figure
    "changed resettlement figure": ("syria_resettlement_arrivals", r"^2016,Canada,CAN,", lambda l: re.sub(r",(\d+),", lambda m: f",{int(m.group(1)) + 1000},", l, count=1)),
}


def test_every_shipped_table_matches_its_published_hash_and_size():
    for res in PACKAGE["resources"]:
        path = ROOT / "datasets" / res["path"]
        assert res["hash"] == data.file_hash(path), f"{res['name']}: run `make hashes` after changing it"
        assert res["bytes"] == path.stat().st_size, res["name"]
        assert data.matches_published(res["name"])


@pytest.mark.parametrize("kind", EDITS)
def test_a_hand_edit_that_keeps_the_schema_is_reported_as_an_edit(kind, copy, capsys):
    name, pattern, change = EDITS[kind]
    file = f"datasets/{name}.csv"
    assert data.load(name) is not None  # valid before (and remembered as valid in the cache)
    _replace_line(copy / f"{name}.csv", pattern, change)

    assert not data.matches_published(name)
    with pytest.raises(DataValidationError) as info:
        data.load(name)
    message = str(info.value)
    assert f"{file} was edited since the release" in message
    assert f"git checkout -- {file}" in message
    # the edit keeps every schema rule: the hash is the only thing that catches it
    assert info.value.problems == [p for p in info.value.problems if "was edited since the release" in p]

    assert data.validate(name)[name] == info.value.problems
    code = cli.main(["data", "validate", name])
    out = capsys.readouterr().out
    assert code == 1 and f"{file} was edited since the release" in out


def test_a_change_that_keeps_the_size_is_still_caught(copy):
    _replace_line(copy / "unsc_syria_vetoes.csv", r"^2011-10-04,", lambda l: l.replace("2011-10-04", "2011-10-05", 1))
    problem = data.validate("unsc_syria_vetoes")["unsc_syria_vetoes"][0]
    assert "same size, different content" in problem


def test_a_deleted_row_names_both_sizes(copy):
    published = next(r["bytes"] for r in PACKAGE["resources"] if r["name"] == "unsc_syria_vetoes")
    _replace_line(copy / "unsc_syria_vetoes.csv", r"^2016-10-08,", lambda l: None)
    problem = data.validate("unsc_syria_vetoes")["unsc_syria_vetoes"][0]
    assert f"{published:,} bytes were published" in problem
    assert f"the file now has {(copy / 'unsc_syria_vetoes.csv').stat().st_size:,}" in problem


def test_a_table_without_a_published_hash_is_not_vouched_for(copy):
    path = copy / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    del package["resources"][1]["hash"]
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert not data.matches_published("unsc_syria_vetoes")
    with pytest.raises(DataValidationError, match="publishes no SHA-256 hash"):
        data.load("unsc_syria_vetoes")


def test_refreshing_the_hashes_makes_a_deliberate_change_the_release(copy):
    before = (copy / "datapackage.json").read_text(encoding="utf-8")
    assert data.refresh_hashes(copy) == []  # nothing changed: the file is left byte for byte
    assert (copy / "datapackage.json").read_text(encoding="utf-8") == before
    name, pattern, change = EDITS["changed refugee figure"]
    _replace_line(copy / f"{name}.csv", pattern, change)
    assert data.refresh_hashes(copy) == [name]
    assert data.matches_published(name)
    assert int(data.load(name).query("year == 2015 and host_iso3 == 'LBN'")["refugees"].iloc[0]) == 1062691
    after = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in after["resources"] if r["name"] == name)
    assert list(res)[:4] == ["name", "path", "bytes", "hash"]  # Frictionless' own fields, kept in place

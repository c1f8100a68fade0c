"""The validation cache: a table found valid is not checked again in later kernels, and a
changed table is checked on every load (what issue 2's 'validated on every load' keeps)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from r2pkit import data, paths
from r2pkit.errors import DataValidationError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def cache(tmp_path, monkeypatch) -> Path:
    """An empty cache folder of the test's own, and a kernel that has checked nothing yet."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("R2PKIT_CACHE_DIR", str(folder))
    data._validated.cache_clear()
    yield folder
    data._validated.cache_clear()  # later tests must not see this test's files as checked


@pytest.fixture()
def checks(monkeypatch) -> list[str]:
    """The names of the tables that frictionless really checked."""
    seen: list[str] = []
    real = data._problems

    def counting(name: str) -> tuple[str, ...]:
        seen.append(name)
        return real(name)

    monkeypatch.setattr(data, "_problems", counting)
    return seen


@pytest.fixture()
def datasets_copy(tmp_path, monkeypatch) -> Path:
    copy = tmp_path / "datasets"
    shutil.copytree(ROOT / "datasets", copy)
    monkeypatch.setattr(data, "DATASETS_DIR", copy)
    return copy


def _new_kernel() -> None:
    data._validated.cache_clear()  # what a fresh kernel starts with: nothing checked in this process


def test_a_valid_table_is_checked_once_then_remembered_across_kernels(cache, checks):
    data.load("unsc_syria_vetoes")
    assert checks == ["unsc_syria_vetoes"]
    saved = json.loads((cache / "validated.json").read_text(encoding="utf-8"))["valid"]
    assert list(saved.values()) == ["unsc_syria_vetoes"]
    _new_kernel()
    data.load("unsc_syria_vetoes")
    assert checks == ["unsc_syria_vetoes"], "an unchanged file is not checked again"
    data.load("r2p_timeline")
    assert checks == ["unsc_syria_vetoes", "r2p_timeline"], "each table has its own fingerprint"


def test_a_changed_file_is_checked_on_every_load(cache, checks, datasets_copy):
    data.load("unsc_syria_vetoes")
    path = datasets_copy / "unsc_syria_vetoes.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("S/2011/612", "S-2011-612", 1), encoding="utf-8")
    for _ in range(2):  # the same kernel, then a new one: problems are never remembered
        with pytest.raises(DataValidationError, match="column 'draft'"):
            data.load("unsc_syria_vetoes")
        _new_kernel()
    assert checks.count("unsc_syria_vetoes") == 3
    saved = json.loads((cache / "validated.json").read_text(encoding="utf-8"))["valid"]
    assert len(saved) == 1, "only the valid version's fingerprint is kept"


def test_the_fingerprint_covers_the_schema_the_package_entry_and_foreign_key_targets(datasets_copy):
    res = data._resource("unga_syria_votes")
    start = data._digest(res)
    assert data._digest(res) == start
    target = datasets_copy / "unga_syria_resolutions.csv"  # the resolutions the votes point to
    target.write_text(target.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert data._digest(res) != start
    assert data._digest({**res, "dialect": {"delimiter": ";"}}) != data._digest(res)
    schema_path = datasets_copy / res["schema"]
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    before = data._digest(res)
    schema["fields"][0]["description"] += " (edited)"
    schema_path.write_text(json.dumps(schema), encoding="utf-8")
    assert data._digest(res) != before


def test_validate_always_checks_afresh(cache, checks):
    data.load("r2p_timeline")
    assert data.validate("r2p_timeline") == {"r2p_timeline": []}
    assert checks == ["r2p_timeline", "r2p_timeline"]


def test_a_damaged_or_unwritable_cache_only_means_checking_again(tmp_path, monkeypatch, checks):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("R2PKIT_CACHE_DIR", str(blocker))  # cannot be created: loading still works
    _new_kernel()
    assert len(data.load("unsc_syria_vetoes")) > 0
    folder = tmp_path / "damaged"
    folder.mkdir()
    (folder / "validated.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setenv("R2PKIT_CACHE_DIR", str(folder))
    _new_kernel()
    assert len(data.load("unsc_syria_vetoes")) > 0
    assert checks == ["unsc_syria_vetoes", "unsc_syria_vetoes"]
    assert list(json.loads((folder / "validated.json").read_text(encoding="utf-8"))["valid"].values()) \
        == ["unsc_syria_vetoes"], "a damaged file is replaced by a good one"
    _new_kernel()


def test_the_cache_lives_in_the_users_cache_folder_not_the_repository(monkeypatch):
    monkeypatch.delenv("R2PKIT_CACHE_DIR", raising=False)
    folder = paths.cache().resolve()
    assert ROOT.resolve() not in folder.parents and folder != ROOT.resolve()
    assert "r2pkit" in folder.parts

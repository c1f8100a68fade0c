"""Crisis records (r2pkit.crisis): read from datasets/crises/*.yaml, checked, and consistent with the datasets."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from r2pkit import crisis, data
from r2pkit.crisis import CrisisError
from r2pkit.errors import R2PKitError

RECORDS = [crisis.load(n) for n in crisis.names()]


def test_the_kit_has_syria_and_myanmar():
    assert crisis.names() == ["myanmar", "syria"]
    assert crisis.SYRIA.origin_unhcr == "SYR" and crisis.MYANMAR.origin_unhcr == "MYA"
    assert crisis.load("MMR") is crisis.MYANMAR and crisis.load("syrian arab republic".title()[:5]) is crisis.SYRIA


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.id)
def test_every_named_dataset_exists_and_agrees_with_the_record(record):
    for role, name in record.datasets.items():
        assert name in data.names(), f"{record.id}: {role} names {name}, not a dataset of the kit"
    assert record.table("vetoes")["draft"].tolist() == list(record.vetoed_drafts)
    assert set(record.table("resolutions")["resolution"]) == set(record.resolutions)
    refugees = record.table("refugees_by_host")
    first, last = record.period
    assert refugees["year"].min() == first and refugees["year"].max() == last
    assert refugees["source"].str.contains(f"origin {record.origin_unhcr}").all()
    members = set(record.table("votes")["country"])
    assert set(record.focus_members) <= members


def _write(tmp_path: Path, **changes) -> Path:
    content = yaml.safe_load((crisis.folder() / "myanmar.yaml").read_text(encoding="utf-8"))
    content.update(changes)
    path = tmp_path / f"{content.get('id', 'x')}.yaml"
    path.write_text(yaml.safe_dump(content), encoding="utf-8")
    return path


@pytest.mark.parametrize("changes, message", [
    ({"origin": {"name": "Myanmar", "iso3": "mmr", "unhcr": "MYA"}}, "origin.iso3 must be three capital letters"),
    ({"period": [2025, 2007]}, "period must be"),
    ({"compare_years": [2023]}, "compare_years must be"),
    ({"main_hosts": ["bgd"]}, "main_hosts must be ISO3 codes"),
    ({"datasets": {"votes": "unga_myanmar_votes"}}, "names no dataset for: vetoes"),
    ({"demonym": ""}, "demonym"),
    ({"colour": "red"}, "key='colour' is not a key of a crisis record"),
    ({"council": {"agenda_item": "Myanmar", "vetoed_drafts": "S/2007/14"}}, "must be a list of document symbols"),
])
def test_bad_records_get_one_clear_message(tmp_path, changes, message):
    with pytest.raises(CrisisError, match=message) as info:
        crisis.from_file(_write(tmp_path, **changes))
    assert str(info.value).startswith("myanmar.yaml: ")


def test_id_is_the_file_name(tmp_path):
    path = _write(tmp_path)
    path.rename(tmp_path / "burma.yaml")
    with pytest.raises(CrisisError, match="id 'myanmar' must be the file's name"):
        crisis.from_file(tmp_path / "burma.yaml")


def test_not_yaml_and_missing(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("id: [unclosed", encoding="utf-8")
    with pytest.raises(CrisisError, match="x.yaml is not valid YAML"):
        crisis.from_file(bad)
    with pytest.raises(R2PKitError, match="is not a crisis record"):
        crisis.from_file(tmp_path / "none.yaml")


def test_unknown_role_and_crisis():
    with pytest.raises(R2PKitError, match="Did you mean 'votes'"):
        crisis.MYANMAR.table("vote")
    with pytest.raises(R2PKitError, match="Choose one of: myanmar, syria"):
        crisis.load("Atlantis")

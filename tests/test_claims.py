"""Claims as tested library code (r2pkit.claims): the checks, the claim files and the verdicts."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from r2pkit import claims, crisis, data
from r2pkit.errors import R2PKitError

ROOT = Path(__file__).resolve().parents[1]


def test_every_claim_file_loads_and_names_a_crisis():
    files = sorted(claims.folder().glob("*.yaml"))
    assert [p.stem for p in files] == ["myanmar", "syria"]
    for path in files:
        found = claims.load_file(path)
        assert found and all(c.crisis.id == path.stem for c in found)
        assert all(c.quote and c.source and c.expected in claims.VERDICTS for c in found)


def test_the_checks_reproduce_notebook_02s_findings():
    cut = claims.vetoes_before(crisis.SYRIA, "2014-03-10", ["S/2011/612", "S/2012/77", "S/2012/538"])
    assert (len(cut.before), len(cut.after), cut.joint, cut.cited_are_before) == (3, 15, 3, True)
    hakimi = claims.consistently(crisis.SYRIA)
    assert (hakimi.first["resolution"], hakimi.since["resolution"], hakimi.n_since) == ("A/RES/66/176", "A/RES/66/253", 11)
    assert claims.core(crisis.SYRIA, start="2012-02-16", until="2014-03-10")[:3] == ["Belarus", "Bolivia", "China"]
    few = claims.handful(crisis.SYRIA, until="2014-03-10")
    assert few.members == 193 and few.high_all <= 19
    four = claims.share_by_year(crisis.SYRIA, ["Lebanon", "Türkiye", "Jordan", "Iraq"])
    assert four.set_index("year").loc[2016, "share"] > 0.8
    quarter = claims.population_share(crisis.SYRIA, None, "Lebanon", 2016)
    assert quarter.peak_pct < 25 and quarter.baseline_year == 2010


def test_a_changed_dataset_changes_the_verdict():
    """The point of claims as tests: the verdict follows the data, so a change cannot pass unseen."""
    refugees = data.load("syria_refugees_by_host")
    doubled = refugees.assign(refugees=refugees["refugees"] * 2)
    assert claims.population_share(refugees, data.load("country_indicators"), "Lebanon", 2016).pct < 25
    assert claims.population_share(doubled, data.load("country_indicators"), "Lebanon", 2016).pct > 25
    votes = data.load("unga_syria_votes")
    flipped = votes.copy()
    flipped.loc[(flipped["country"] == "China") & (flipped["resolution"] == "A/RES/72/191"), "vote"] = "abstain"
    assert claims.consistently(flipped, ["Russia", "China"]).since["resolution"] == "A/RES/73/182"


def test_verdicts_match_the_files():
    for cid in ("syria", "myanmar"):
        t = claims.table(cid)
        assert (t["verdict"] == t["expected"]).all(), t[t["verdict"] != t["expected"]]


def test_almost_and_years_above():
    assert claims.almost(4_500_000, 5_000_000) and not claims.almost(5_000_000, 5_000_000)
    with pytest.raises(R2PKitError):
        claims.almost("many", 5_000_000)
    shares = pd.DataFrame({"year": [2011, 2012, 2013], "share": [0.9, 0.7, 0.9]})
    assert claims.years_above(shares, 0.8) == ([2011, 2013], False, None)


def _claim_file(tmp_path: Path, **change) -> Path:
    content = yaml.safe_load((claims.folder() / "syria.yaml").read_text(encoding="utf-8"))
    content["claims"] = [dict(content["claims"][-1], **change)]
    folder = tmp_path / "claims"
    folder.mkdir(exist_ok=True)
    path = folder / "syria.yaml"
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("change, message", [
    ({"check": "populaton_share"}, "Did you mean 'population_share'"),
    ({"expected": "true"}, "is not a verdict"),
    ({"args": {"host": "Lebanon", "year": 2016, "treshold": 0.25}}, "do not fit the check"),
    ({"colour": "red"}, "key='colour' is not a key of a claim"),
])
def test_bad_claim_files_say_what_is_wrong(tmp_path, change, message):
    with pytest.raises(R2PKitError, match=message):
        for c in claims.load_file(_claim_file(tmp_path, **change)):
            claims.check(c)


def test_the_collector_fails_in_words(tmp_path):
    """A claim whose expected verdict the data contradict fails with the finding, not a traceback."""
    _claim_file(tmp_path, expected="holds")
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["r2pkit.claims_pytest"]\n', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
                          "-o", "addopts=", str(tmp_path / "claims")], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 1, run.stdout
    assert "expected 'holds', but the data say 'does not hold'" in run.stdout
    assert "Syrian refugees were 15.9% of Lebanon's population" in run.stdout

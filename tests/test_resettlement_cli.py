"""`r2pkit resettlement allocate`, as a user types it: outputs, own input files, and one-line refusals."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from r2pkit import cli, data


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(["resettlement", "allocate", *argv])
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_csv_has_exactly_state_share_allocation(capsys, datasets_dir):
    code, out, err = run(capsys, "--target", "20000", "--key", "population", "--states", "GBR,DEU,FRA",
                         "--year", "2015", "--format", "csv")
    assert code == 0 and err == ""
    rows = list(csv.DictReader(io.StringIO(out)))
    assert out.splitlines()[0] == "state,share,allocation"
    assert [r["state"] for r in rows] == ["GBR", "DEU", "FRA"]
    assert sum(int(r["allocation"]) for r in rows) == 20000
    ind = pd.read_csv(datasets_dir / "country_indicators.csv")
    pop = ind[(ind["year"] == 2015)].set_index("iso3").loc[["GBR", "DEU", "FRA"], "population"]
    for r in rows:
        assert float(r["share"]) == pytest.approx(pop[r["state"]] / pop.sum(), abs=1e-6)
        assert abs(int(r["allocation"]) - 20000 * pop[r["state"]] / pop.sum()) < 1


def test_default_states_are_the_resettlement_states(capsys):
    code, out, _ = run(capsys, "--target", "1000", "--key", "gdp", "--format", "csv")
    from r2pkit.resettlement import resettlement_states

    expected = resettlement_states(data.load("syria_resettlement_arrivals"), data.load("country_indicators"))
    assert code == 0
    assert [r["state"] for r in csv.DictReader(io.StringIO(out))] == expected


def test_json_and_text(capsys):
    code, out, _ = run(capsys, "--target", "100", "--key", "composite", "--weights", "population=1,gdp=1,hosted=0.2",
                       "--states", "GBR,SWE", "--year", "2016", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    assert payload["target"] == 100 and payload["key"] == "composite" and payload["year"] == 2016
    assert payload["weights"] == {"population": 1.0, "gdp": 1.0, "hosted": 0.2}
    assert sum(a["allocation"] for a in payload["allocations"]) == 100
    code, out, _ = run(capsys, "--target", "100", "--key", "gdp", "--states", "GBR,SWE", "--year", "2016")
    assert code == 0 and out.startswith("Shared by GDP, 100 places among 2 states (figures of 2016):")


def test_input_file_replaces_the_kits_figures(capsys, tmp_path):
    path = tmp_path / "mine.csv"
    # 'NA' is Namibia's code: it must stay a code, not become a missing value
    path.write_text("state,population,gdp,refugees_hosted\nNA,2500000,1.2e10,0\nXKX,1800000,9e9,100\n"
                    "ZZZ,700000,0,0\n", encoding="utf-8")
    code, out, err = run(capsys, "--target", "50", "--key", "population", "--input", str(path), "--format", "csv")
    assert code == 0, err
    rows = {r["state"]: int(r["allocation"]) for r in csv.DictReader(io.StringIO(out))}
    # quotas 25, 18, 7 exactly
    assert rows == {"NA": 25, "XKX": 18, "ZZZ": 7}
    code, out, _ = run(capsys, "--target", "10", "--key", "gdp", "--input", str(path), "--states", "NA,XKX",
                       "--format", "csv")
    assert code == 0 and [r["state"] for r in csv.DictReader(io.StringIO(out))] == ["NA", "XKX"]
    code, out, err = run(capsys, "--target", "10", "--key", "gdp", "--input", str(path), "--states", "NA,XKK")
    assert code == 2 and "'XKK' is not a state in the input file. Did you mean 'XKX'?" in err


@pytest.mark.parametrize("argv, words", [
    (["--key", "population"], "--target N"),
    (["--target", "100"], "--key"),
    (["--target", "20,000", "--key", "population"], "whole number"),
    (["--target", "-3", "--key", "population"], "from 0 to 10,000,000,000"),
    (["--target", "2.5", "--key", "population"], "whole number"),
    (["--target", "100", "--key", "populaton"], "Did you mean 'population'"),
    (["--target", "100", "--key", "gdp", "--year", "2024"], "from 2010 to 2023"),
    (["--target", "100", "--key", "gdp", "--year", "last"], "--year 'last' is not a year"),
    (["--target", "100", "--key", "gdp", "--states", "GBR,Germny"], "Did you mean 'Germany'"),
    (["--target", "100", "--key", "gdp", "--states", ","], "comma-separated"),
    (["--target", "100", "--key", "gdp", "--weights", "gdp=1"], "composite key only"),
    (["--target", "100", "--key", "composite", "--weights", "population=0,gdp=0"], "add up to 0"),
    (["--target", "100", "--key", "composite", "--weights", "population=-1"], "at least 0"),
    (["--target", "100", "--key", "composite", "--weights", "hosted=nan"], "(nan) is not a number from 0 to 1"),
    (["--target", "100", "--key", "gdp", "--format", "xml"], "Choose one of: text, csv, json"),
    (["--target", "100", "--key", "gdp", "--input", "/no/such/file.csv"], "is not a file that exists"),
    (["--target", "100", "--key", "gdp", "--bogus"], "'--bogus' is not an option of `r2pkit resettlement allocate`"),
    (["--target"], "expected one argument"),
])
def test_bad_input_is_one_clear_line_and_status_2(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("r2pkit: error: ") and words in lines[0]
    assert "Traceback" not in err


@pytest.mark.parametrize("content, words", [
    ("state,population\nX,5\n", "no column 'gdp'"),
    ("state,population,gdp\nX,-5,1\n", "more than 0"),
    ("state,population,gdp\nX,5,\n", "no gaps"),
    ("state,population,gdp\nX,5,1\nX,6,1\n", "appears twice"),
    ("", "is not a readable CSV file"),
])
def test_bad_input_files(capsys, tmp_path, content, words):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "--target", "10", "--key", "population", "--input", str(path))
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and words in err


def test_year_with_input_is_refused(capsys, tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("state,population,gdp\nX,5,1\n", encoding="utf-8")
    code, _, err = run(capsys, "--target", "10", "--key", "gdp", "--input", str(path), "--year", "2016")
    assert code == 2 and "Leave --year out" in err


def test_the_installed_command(tmp_path):
    """The real console script, in a fresh process: output on stdout, refusals on stderr."""
    exe = [sys.executable, "-m", "r2pkit", "resettlement", "allocate"]
    done = subprocess.run([*exe, "--target", "7", "--key", "population", "--states", "GBR,FRA", "--year", "2015",
                           "--format", "csv"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.splitlines()[0] == "state,share,allocation"
    done = subprocess.run([*exe, "--target", "7", "--key", "gpd"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == "" and len(done.stderr.strip().splitlines()) == 1
    assert "Did you mean 'gdp'" in done.stderr

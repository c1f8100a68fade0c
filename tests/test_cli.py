"""The `r2pkit data` command line, as a user types it."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from r2pkit import cli, data


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_prints_every_dataset(capsys):
    code, out, _ = run(capsys, "data", "list")
    assert code == 0
    for name in data.names():
        assert name in out


def test_show_describes_fields_rows_and_citation(capsys):
    code, out, _ = run(capsys, "data", "show", "unsc_syria_vetoes", "--rows", "3")
    assert code == 0
    assert "unsc_syria_vetoes:" in out and "Columns:" in out and "First 3 rows" in out
    assert "S/2011/612" in out and "Cite as:" in out
    assert f"{len(data.load('unsc_syria_vetoes'))} rows" in out


def test_cite_text_and_bibtex(capsys):
    code, out, _ = run(capsys, "data", "cite", "r2p_timeline")
    assert code == 0 and out.strip() == data.cite("r2p_timeline").strip()
    code, out, _ = run(capsys, "data", "cite", "r2p_timeline", "--style", "bibtex")
    assert code == 0 and out.startswith("@misc{r2pkit_r2p_timeline,")


def test_validate_all(capsys):
    code, out, _ = run(capsys, "data", "validate")
    assert code == 0
    assert f"All {len(data.names())} datasets follow their schemas." in out


def test_unknown_name_is_one_clear_line_and_status_2(capsys):
    code, out, err = run(capsys, "data", "show", "vetoes")
    assert code == 2 and out == ""
    assert err.startswith("r2pkit: error: There is no dataset called 'vetoes'.")
    assert "Traceback" not in err


def test_validate_reports_a_broken_table_with_status_1(capsys, tmp_path, monkeypatch):
    copy = tmp_path / "datasets"
    shutil.copytree(data.DATASETS_DIR, copy)
    monkeypatch.setattr(data, "DATASETS_DIR", copy)
    path = copy / "unsc_syria_vetoes.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("S/PV.6627", "PV6627"), encoding="utf-8")
    code, out, err = run(capsys, "data", "validate")
    assert code == 1
    assert "unsc_syria_vetoes: 2 problems" in out and "column 'meeting_record'" in out
    assert "datasets/unsc_syria_vetoes.csv was edited since the release" in out
    assert "r2p_timeline: valid" in out
    assert "1 of" in err


def test_the_installed_command_runs():
    exe = shutil.which("r2pkit", path=str(__import__("pathlib").Path(sys.executable).parent))
    assert exe, "the r2pkit command is installed beside this Python"
    done = subprocess.run([exe, "data", "cite", "nope"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "There is no dataset called 'nope'" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("argv, words", [
    ([], "COMMAND is missing. Choose one of: data, duties, exercises"),
    (["data"], "ACTION is missing. Choose one of: list, show, cite, validate (see `r2pkit data --help`)"),
    (["data", "show"], "the following arguments are required: name (see `r2pkit data show --help`)"),
])
def test_incomplete_commands_say_what_is_missing_in_one_line(argv, words, capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert words in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("argv, words", [
    (["data", "cite", "x", "--style", "bib"], "--style 'bib' is not a citation style. Did you mean 'bibtex'?"),
    (["dat"], "COMMAND 'dat' is not a command. Did you mean 'data'?"),
    (["data", "shwo"], "ACTION 'shwo' is not a command. Did you mean 'show'?"),
    (["data", "show", "r2p_timeline", "--rows", "-1"], "--rows -1 is not a whole number of at least 0"),
    (["duties", "assess", "x.yaml", "--format", "md"], "--format 'md' is not an output format. Choose one of"),
    (["workspace", "init", "w", "--forse"], "'--forse' is not an option of `r2pkit workspace init`"),
    (["data", "list", "extra"], "'extra' is not expected here: `r2pkit data list` takes no more arguments"),
])
def test_every_subcommand_answers_a_usage_mistake_in_one_line_with_a_suggestion(argv, words, capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(argv)
    err = capsys.readouterr().err
    assert info.value.code == 2 and len(err.strip().splitlines()) == 1, err
    assert err.startswith("r2pkit: error: ") and words in err and "usage:" not in err

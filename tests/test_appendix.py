"""`r2pkit appendix build|verify`: a small appendix is built, verified, rebuilt identically and tampered with.

The sample is one short notebook (a jupytext .py, as a researcher would write it) that
loads one dataset, exports a table and a chart, and takes one parameter. Expected values
are recomputed here from the dataset's CSV with the csv module, not taken from the kit.
"""
from __future__ import annotations

import csv
import hashlib
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from r2pkit import cli
from r2pkit.appendix import build, verify
from r2pkit.errors import R2PKitError

ROOT = Path(__file__).resolve().parents[1]
VETOES_CSV = ROOT / "datasets" / "unsc_syria_vetoes.csv"

NOTEBOOK = '''# %% [markdown]
# # Vetoed drafts on Syria, a tiny appendix

# %% tags=["parameters"]
since = 2011  # first year shown

# %%
from r2pkit import charts, data
from r2pkit.appendix import export

vetoes = data.load("unsc_syria_vetoes")
per_year = (vetoes[vetoes["year"] >= since].groupby("year").size()
            .rename("drafts").reset_index())
export(per_year, "vetoed_drafts_per_year")

# %%
export(charts.vetoes_by_year(vetoes[vetoes["year"] >= since]), "vetoes_chart")

# %% tags=["raises-exception"]
data.load("vetoes")  # an error shown on purpose must not stop the build
'''

CONFIG = """title: A tiny appendix
output: out
notebooks:
  - notebook: tiny.py
    parameters:
      since: {since}
"""


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_project(folder: Path, since: int = 2012, notebook: str = NOTEBOOK) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tiny.py").write_text(notebook, encoding="utf-8")
    config = folder / "appendix.yaml"
    config.write_text(CONFIG.format(since=since), encoding="utf-8")
    return config


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    config = make_project(tmp_path_factory.mktemp("appendix"))
    result = build(config, echo=lambda _: None)
    return config, result.output


def test_the_appendix_has_every_part(built):
    _, out = built
    names = set(files(out))
    assert {"figures/vetoes_chart.svg", "figures/vetoes_chart.png", "figures/vetoes_chart.vl.json",
            "tables/vetoed_drafts_per_year.csv", "notebooks/tiny.ipynb", "html/tiny.html",
            "citations.bib", "citations.json", "manifest.json", "README.md"} <= names
    assert (out / "figures/vetoes_chart.png").read_bytes().startswith(b"\x89PNG")
    assert (out / "figures/vetoes_chart.svg").read_text(encoding="utf-8").startswith("<svg")
    executed = json.loads((out / "notebooks/tiny.ipynb").read_text(encoding="utf-8"))
    errors = [o["ename"] for c in executed["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert errors == ["UnknownNameError"]  # the cell tagged raises-exception ran, and the build went on
    injected = [c for c in executed["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert len(injected) == 1 and "since = 2012" in "".join(injected[0]["source"])


def test_the_table_holds_the_data_recomputed_independently(built):
    _, out = built
    with VETOES_CSV.open(encoding="utf-8", newline="") as fh:
        counts = Counter(int(row["year"]) for row in csv.DictReader(fh) if int(row["year"]) >= 2012)
    with (out / "tables/vetoed_drafts_per_year.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {int(r["year"]): int(r["drafts"]) for r in rows} == dict(counts)
    assert min(int(r["year"]) for r in rows) >= 2012  # the parameter reached the notebook


def test_citations_name_the_dataset_loaded_and_its_sources(built):
    _, out = built
    bib = (out / "citations.bib").read_text(encoding="utf-8")
    assert bib.startswith("@misc{r2pkit_unsc_syria_vetoes,") and "unsc_syria_vetoes_source1" in bib
    items = json.loads((out / "citations.json").read_text(encoding="utf-8"))
    ids = [i["id"] for i in items]
    assert ids[0] == "r2pkit_unsc_syria_vetoes" and all(i["type"] == "dataset" for i in items)
    assert ids == [line.split("{", 1)[1].rstrip(",") for line in bib.splitlines() if line.startswith("@")]


def test_the_manifest_fingerprints_data_outputs_and_parameters(built):
    config, out = built
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["notebooks"][0]["parameters"] == {"since": 2012}
    assert manifest["notebooks"][0]["datasets"] == ["unsc_syria_vetoes"]
    assert manifest["datasets"]["unsc_syria_vetoes"]["sha256"] == sha(VETOES_CSV)
    assert manifest["config"] == {"file": "appendix.yaml", "sha256": sha(config)}
    assert manifest["kit"]["version"] and manifest["python"].count(".") == 2
    assert "papermill" in manifest["packages"] and "pandas" in manifest["packages"]
    on_disk = {name: hashlib.sha256(data).hexdigest() for name, data in files(out).items() if name != "manifest.json"}
    assert manifest["outputs"] == on_disk
    assert str(out) not in (out / "manifest.json").read_text(encoding="utf-8")  # no absolute paths


def test_the_html_page_embeds_its_figures_and_needs_no_network(built):
    _, out = built
    page = (out / "html/tiny.html").read_text(encoding="utf-8")
    assert 'src="data:image/svg+xml;base64,' in page
    assert "<script src=" not in page and "cdn" not in page.lower()


def test_a_fresh_appendix_verifies(built, capsys):
    _, out = built
    assert verify(out) == []
    assert cli.main(["appendix", "verify", str(out), "--datasets"]) == 0
    assert "match the manifest" in capsys.readouterr().out


def test_rebuilding_gives_byte_identical_files(built, tmp_path):
    config, out = built
    again = build(config, output=tmp_path / "again", echo=lambda _: None)
    assert files(again.output) == files(out)


def test_verify_names_each_modified_missing_and_added_file(built, tmp_path, capsys):
    _, out = built
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    table = copy / "tables/vetoed_drafts_per_year.csv"
    table.write_text(table.read_text(encoding="utf-8").replace(",", ";", 1), encoding="utf-8")
    (copy / "figures/vetoes_chart.png").unlink()
    (copy / "figures/extra.png").write_bytes(b"not from the build")
    found = {(m.kind, m.path) for m in verify(copy)}
    assert found == {("modified", "tables/vetoed_drafts_per_year.csv"), ("missing", "figures/vetoes_chart.png"),
                     ("unexpected", "figures/extra.png")}
    assert cli.main(["appendix", "verify", str(copy)]) == 1
    out_text = capsys.readouterr().out
    assert "modified: tables/vetoed_drafts_per_year.csv" in out_text and "missing: figures/vetoes_chart.png" in out_text


def test_a_failing_notebook_stops_the_build_and_keeps_the_old_appendix(built, tmp_path):
    config, out = built
    project = tmp_path / "failing"
    shutil.copytree(config.parent, project, ignore=shutil.ignore_patterns("out"))
    shutil.copytree(out, project / "out")
    before = files(project / "out")
    failing = '# %% tags=["parameters"]\nsince = 2011\n\n# %%\nfrom r2pkit import data\n\ndata.load("unsc_vetoes")\n'
    (project / "tiny.py").write_text(failing, encoding="utf-8")
    with pytest.raises(R2PKitError) as err:
        build(project / "appendix.yaml", echo=lambda _: None)
    message = str(err.value)
    assert "tiny.py" in message and "There is no dataset called 'unsc_vetoes'" in message
    assert files(project / "out") == before
    assert sorted(p.name for p in project.iterdir()) == ["appendix.yaml", "out", "tiny.py"]  # no scratch left


def test_a_folder_that_is_not_an_appendix_is_never_overwritten(tmp_path, capsys):
    config = make_project(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "thesis.docx").write_text("my thesis", encoding="utf-8")
    assert cli.main(["appendix", "build", str(config)]) == 2
    assert "not empty and holds no appendix" in capsys.readouterr().err
    assert (tmp_path / "out" / "thesis.docx").read_text(encoding="utf-8") == "my thesis"


@pytest.mark.parametrize("config, expected", [
    ("output: out\nnotebooks: [{notebook: 06_apendix_template}]\n",
     "there is no notebook '06_apendix_template' (not a file beside the config, nor a kit notebook). "
     "Did you mean '06_appendix_template'?"),
    ("ouput: out\nnotebooks: [tiny.py]\n", "unknown key 'ouput'. Did you mean 'output'?"),
    ("output: out\nnotebooks: [{notebok: tiny.py}]\n", "unknown key 'notebok'. Did you mean 'notebook'?"),
    ("output: out\nnotebooks: [{notebook: tiny.py, parameters: {sinse: 2015}}]\n",
     "has no parameter 'sinse'. Did you mean 'since'? Its parameters are: since."),
    ("output: out\nnotebooks: [{notebook: tiny.py, parameters: {since: 'last year'}}]\n",
     "parameter 'since' of 'tiny.py' must be a whole number like its default 2011, not 'last year'."),
    ("output: out\nnotebooks: []\n", "'notebooks' is a list of one or more entries"),
    ("notebooks: [tiny.py]\n", "'output' (the folder to write the appendix to"),
    ("output: out\nnotebooks: [tiny.py]\n  bad: [\n", "is not valid YAML"),
])
def test_a_bad_config_gets_a_clear_message_and_runs_nothing(tmp_path, capsys, config, expected):
    make_project(tmp_path)
    (tmp_path / "appendix.yaml").write_text(config, encoding="utf-8")
    assert cli.main(["appendix", "build", str(tmp_path / "appendix.yaml")]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_the_kit_example_config_is_valid():
    from r2pkit.appendix.config import load_config

    cfg = load_config(ROOT / "appendix.example.yaml")
    assert [r.name for r in cfg.notebooks] == ["06_appendix_template"]
    assert cfg.output == ROOT / "build" / "appendix"
    assert set(cfg.notebooks[0].parameters) == {"year", "measure", "top", "neighbours"}


def test_verify_refuses_a_folder_without_manifest(tmp_path, capsys):
    assert cli.main(["appendix", "verify", str(tmp_path)]) == 2
    assert "holds no manifest.json" in capsys.readouterr().err

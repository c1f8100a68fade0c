"""`r2pkit appendix build|verify|pack`: a replication package is built, described, verified, rebuilt,
packed, unpacked, run again and tampered with.

The small sample is one short notebook (a jupytext .py, as a researcher would write it) that
loads one dataset, exports a table and a chart, and takes one parameter. Expected values
are recomputed here from the dataset's CSV with the csv module, not taken from the kit.
The kit's own example (appendix.example.yaml, notebook 06) is built once, packed, unpacked
in a fresh folder and run again there offline.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
import yaml

from r2pkit import cli
from r2pkit.appendix import build, verify
from r2pkit.appendix.archive import pack
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

# %%
import pandas as pd

print(f"{len(pd.read_csv('my_notes.csv'))} notes of my own")  # a file of the author's, listed in 'files'

# %% tags=["raises-exception"]
data.load("vetoes")  # an error shown on purpose must not stop the build
'''

CONFIG = """title: A tiny appendix
output: out
files: [my_notes.csv]
authors:
  - {{name: "Doe, Jane", orcid: "0000-0002-1825-0097", affiliation: "Example University"}}
  - name: Example Research Group
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
    (folder / "my_notes.csv").write_text("note\nfirst\nsecond\n", encoding="utf-8")
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
            "tables/vetoed_drafts_per_year.csv", "notebooks/tiny.ipynb", "html/tiny.html", "code/tiny.py",
            "appendix.yaml", "data/datapackage.json", "data/unsc_syria_vetoes.csv",
            "data/schemas/unsc_syria_vetoes.schema.json", "citations.bib", "citations.json", "manifest.json",
            "README.md", "README.html", "LICENSE", "CITATION.cff", ".zenodo.json", "ro-crate-metadata.json",
            "environment/requirements.txt", "environment/r2pkit/pyproject.toml", "environment/r2pkit/r2pkit/data.py",
            "binder/requirements.txt", "binder/runtime.txt", "binder/postBuild", "binder/start"} <= names
    assert (out / "code/tiny.py").read_bytes() == (out.parent / "tiny.py").read_bytes()
    assert (out / "code/my_notes.csv").read_bytes() == (out.parent / "my_notes.csv").read_bytes()
    assert "2 notes of my own" in (out / "notebooks/tiny.ipynb").read_text(encoding="utf-8")
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


def bib_entries(text: str) -> dict[str, dict[str, str]]:
    entries = {}
    for block in text.split("\n@")[0:]:
        block = block.lstrip("@")
        if not block.strip():
            continue
        key = block.split("{", 1)[1].split(",", 1)[0]
        entries[key] = dict(re.findall(r"^  (\w+) = \{(.*)\},?$", block, re.M))
    return entries


def test_citations_name_the_kit_the_dataset_loaded_and_its_sources_with_authors_and_years(built):
    _, out = built
    bib = (out / "citations.bib").read_text(encoding="utf-8")
    assert bib.startswith("@software{r2pkit,") and "@misc{r2pkit_unsc_syria_vetoes," in bib
    entries = bib_entries(bib)
    with (ROOT / "datasets" / "datapackage.json").open(encoding="utf-8") as fh:
        resource = next(r for r in json.load(fh)["resources"] if r["name"] == "unsc_syria_vetoes")
    sources = [f"unsc_syria_vetoes_source{i}" for i in range(1, len(resource["sources"]) + 1)]
    assert list(entries) == ["r2pkit", "r2pkit_unsc_syria_vetoes", *sources]
    for key, fields in entries.items():
        assert fields.get("author") and re.fullmatch(r"(19|20)\d\d", fields.get("year", "")), (key, fields)
    # the year comes from the source's own words: "(11 July 2023)" in the meeting record's title
    meeting = next(k for k, s in zip(sources, resource["sources"]) if "S/PV.9374" in s["title"])
    assert entries[meeting]["year"] == "2023" and "Security Council" in entries[meeting]["author"]
    items = json.loads((out / "citations.json").read_text(encoding="utf-8"))
    assert [i["id"] for i in items] == list(entries)
    assert items[0]["type"] == "software" and all(i["type"] == "dataset" for i in items[1:])
    assert all(i["author"] and i["issued"]["date-parts"][0][0] >= 1900 for i in items)


def test_the_manifest_fingerprints_data_outputs_and_parameters(built):
    config, out = built
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["notebooks"][0]["parameters"] == {"since": 2012}
    assert manifest["notebooks"][0]["datasets"] == ["unsc_syria_vetoes"]
    assert manifest["datasets"]["unsc_syria_vetoes"]["sha256"] == sha(VETOES_CSV)
    assert manifest["datasets"]["unsc_syria_vetoes"]["path"] == "data/unsc_syria_vetoes.csv"
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


def test_rebuilding_in_place_gives_identical_files_and_keeps_what_the_user_added_or_edited(built, tmp_path, capsys):
    config, out = built
    again = tmp_path / "again"
    shutil.copytree(out, again)
    (again / "notes.txt").write_text("my notes on the review", encoding="utf-8")
    (again / "figures" / "sketch.svg").write_text("<svg/>", encoding="utf-8")
    edited = (out / "README.md").read_text(encoding="utf-8") + "\nA line I added.\n"
    (again / "README.md").write_text(edited, encoding="utf-8")
    result = build(config, output=again, echo=print)
    assert set(result.kept) == {"notes.txt", "figures/sketch.svg", "README.md.edited"}
    assert "Kept 3 files of yours" in capsys.readouterr().out
    rebuilt = files(again)
    assert rebuilt.pop("notes.txt") == b"my notes on the review"
    assert rebuilt.pop("figures/sketch.svg") == b"<svg/>"
    assert rebuilt.pop("README.md.edited") == edited.encode("utf-8")
    assert rebuilt == files(out)  # every generated file byte for byte, the manifest too
    assert {(m.kind, m.path) for m in verify(again)} == {
        ("unexpected", "notes.txt"), ("unexpected", "figures/sketch.svg"), ("unexpected", "README.md.edited")}


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
    assert sorted(p.name for p in project.iterdir()) == ["appendix.yaml", "my_notes.csv", "out", "tiny.py"]  # no scratch


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


TEMPLATE_SECTIONS = [  # the Social Science Data Editors' template README, in its order
    "## Overview", "## Data Availability and Provenance Statements", "### Statement about Rights",
    "### License for Data", "### Summary of Availability", "### Details on each Data Source", "### Dataset list",
    "## Computational requirements", "### Software Requirements", "### Controlled Randomness",
    "### Memory, Runtime, Storage Requirements", "## Description of programs/code", "### License for Code",
    "## Instructions to Replicators", "## List of tables and programs", "## References"]


def test_the_readme_follows_the_template_and_maps_each_exhibit_to_its_program_cell_and_line(built):
    _, out = built
    readme = (out / "README.md").read_text(encoding="utf-8")
    positions = [readme.find(f"\n{heading}\n") for heading in TEMPLATE_SECTIONS]
    assert -1 not in positions and positions == sorted(positions), dict(zip(TEMPLATE_SECTIONS, positions))
    lines = NOTEBOOK.splitlines()
    table_line = lines.index('export(per_year, "vetoed_drafts_per_year")') + 1
    chart_line = lines.index('export(charts.vetoes_by_year(vetoes[vetoes["year"] >= since]), "vetoes_chart")') + 1
    # tiny.py's cells: 1 Markdown, 2 parameters, 3 the table, 4 the chart, 5 the author's file, 6 an error
    assert (f"| Table `vetoed_drafts_per_year` | `tables/vetoed_drafts_per_year.csv` | `code/tiny.py` | "
            f"cell 3, line {table_line} |") in readme
    assert (f"| Figure `vetoes_chart` | `figures/vetoes_chart.svg`, `figures/vetoes_chart.png`, "
            f"`figures/vetoes_chart.vl.json` | `code/tiny.py` | cell 4, line {chart_line} |") in readme
    assert "- [x] less than 1 minute" in readme  # the measured run time, as the template's range
    assert "`since` = 2012" in readme and "Doe, Jane; Example Research Group" in readme
    assert "#### Files provided by the authors" in readme and "- `code/my_notes.csv`" in readme
    for source in bib_entries((out / "citations.bib").read_text(encoding="utf-8")):
        assert f"`{source}`" in readme or source == "r2pkit"
    version = __import__("pandas").__version__
    assert f"| pandas | {version} |" in readme and f"pandas=={version}" in (out / "environment/requirements.txt").read_text()
    page = (out / "README.html").read_text(encoding="utf-8")
    assert "<h2" in page and "List of tables and programs" in page and "<script" not in page


def test_the_data_extract_is_the_kits_file_and_validates_on_its_own(built):
    import frictionless

    _, out = built
    assert (out / "data/unsc_syria_vetoes.csv").read_bytes() == VETOES_CSV.read_bytes()
    package = json.loads((out / "data/datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == ["unsc_syria_vetoes"]
    assert package["resources"][0]["hash"] == "sha256:" + sha(VETOES_CSV)
    assert frictionless.Package(str(out / "data/datapackage.json")).validate().valid


def test_the_ro_crate_is_read_back_by_the_library_and_describes_files_sources_software_and_run(built):
    from rocrate.rocrate import ROCrate

    _, out = built
    crate = ROCrate(out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for rel in manifest["outputs"]:
        if rel != "ro-crate-metadata.json":
            assert crate.get(rel) is not None, f"{rel} is not described in the RO-Crate"
    assert crate.root_dataset["datePublished"] and crate.root_dataset["license"]
    assert [a["name"] for a in crate.root_dataset["author"]] == ["Doe, Jane", "Example Research Group"]
    assert crate.root_dataset["author"][0].id == "https://orcid.org/0000-0002-1825-0097"
    data_file = crate.get("data/unsc_syria_vetoes.csv")
    assert data_file["license"] and len(data_file["isBasedOn"]) >= 1
    assert {s.id for s in data_file["isBasedOn"]} <= {c.id for c in crate.root_dataset["citation"]}
    actions = crate.get_by_type("CreateAction")
    assert len(actions) == 1 and actions[0]["instrument"]["name"] == "r2pkit"
    results = {e.id for e in actions[0]["result"]}
    assert {"tables/vetoed_drafts_per_year.csv", "figures/vetoes_chart.svg", "notebooks/tiny.ipynb"} <= results
    assert {e.id for e in actions[0]["object"]} >= {"appendix.yaml", "code/tiny.py", "data/unsc_syria_vetoes.csv",
                                                    "code/my_notes.csv"}
    names = {e["name"] for e in crate.get_by_type("SoftwareApplication")}
    assert {"r2pkit", "pandas", "papermill"} <= names


def test_citation_cff_zenodo_and_licence_name_the_authors_and_the_sources(built):
    _, out = built
    cff = yaml.safe_load((out / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["title"] == "A tiny appendix"
    assert cff["authors"][0] == {"family-names": "Doe", "given-names": "Jane",
                                 "orcid": "https://orcid.org/0000-0002-1825-0097", "affiliation": "Example University"}
    assert cff["authors"][1] == {"name": "Example Research Group"}
    assert cff["references"][0]["title"].startswith("r2pkit")
    assert all(ref["authors"] and (ref.get("year") or ref["type"] == "software") for ref in cff["references"])
    zenodo = json.loads((out / ".zenodo.json").read_text(encoding="utf-8"))
    assert zenodo["creators"][0] == {"name": "Doe, Jane", "affiliation": "Example University",
                                     "orcid": "0000-0002-1825-0097"}
    assert zenodo["license"] == "MIT" and zenodo["references"]
    licence = (out / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "Doe, Jane; Example Research Group" in licence
    assert "data/unsc_syria_vetoes.csv: MIT" in licence and "CC-BY-4.0" in licence


def test_the_environment_pins_what_ran_and_binder_installs_the_bundled_kit(built):
    import os
    from importlib import metadata

    _, out = built
    pins = dict(line.split("==") for line in (out / "environment/requirements.txt").read_text().splitlines()
                if line and not line.startswith("#"))
    for name in ("pandas", "altair", "papermill", "rocrate", "vl-convert-python"):
        assert pins[name] == metadata.version(name)
    assert "r2pkit" not in pins
    assert (out / "binder/requirements.txt").read_text().endswith((out / "environment/requirements.txt").read_text()
                                                                 .split("\n", 3)[3])
    assert "./environment/r2pkit" in (out / "binder/postBuild").read_text()
    assert os.access(out / "binder/postBuild", os.X_OK) and os.access(out / "binder/start", os.X_OK)
    assert (out / "environment/r2pkit/r2pkit/appendix/builder.py").read_bytes() == \
        (ROOT / "r2pkit/appendix/builder.py").read_bytes()


def test_a_doctored_table_with_a_forged_manifest_passes_the_byte_check_but_not_the_hash_or_the_rerun(built, tmp_path):
    from r2pkit.appendix.rerun import rerun

    _, out = built
    published = sha(out / "manifest.json")
    forged = tmp_path / "forged"
    shutil.copytree(out, forged)
    table = forged / "tables/vetoed_drafts_per_year.csv"
    rows = table.read_text(encoding="utf-8").splitlines()
    year, drafts = rows[1].split(",")
    rows[1] = f"{year},{int(drafts) + 1}"
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    spec_file = forged / "figures/vetoes_chart.vl.json"
    spec_file.write_text(spec_file.read_text(encoding="utf-8").replace('"Vetoed', '"Blocked', 1), encoding="utf-8")
    manifest = json.loads((forged / "manifest.json").read_text(encoding="utf-8"))
    for rel in ("tables/vetoed_drafts_per_year.csv", "figures/vetoes_chart.vl.json"):
        manifest["outputs"][rel] = sha(forged / rel)
    (forged / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert verify(forged) == []  # a manifest cannot vouch for itself ...
    assert [(m.kind, m.path) for m in verify(forged, expect=published)] == [("manifest", "manifest.json")]  # ... the hash can
    assert verify(out, expect=published) == []
    report = rerun(forged, echo=lambda _: None)
    said = [str(d) for d in report.differences]
    assert f"table vetoed_drafts_per_year: row 1, column 'drafts': {int(drafts) + 1} here, {drafts} on the rerun" in said
    assert any(d.startswith("figure vetoes_chart: ") and "Blocked" in d for d in said), said
    assert all(d.exhibit in ("table vetoed_drafts_per_year", "figure vetoes_chart") for d in report.differences), said


def test_numbers_are_compared_within_the_stated_tolerance(tmp_path):
    from r2pkit.appendix.compare import compare_tables

    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("host,share\nLebanon,0.3333333333333333\n", encoding="utf-8")
    b.write_text("host,share\nLebanon,0.33333333333333326\n", encoding="utf-8")
    assert compare_tables(a, b, "t", 1e-9) == []
    assert [str(d) for d in compare_tables(a, b, "t", 0)] == [
        "table t: row 1, column 'share': 0.3333333333333333 here, 0.33333333333333326 on the rerun"]
    b.write_text("host,share\nLibanon,0.3333333333333333\n", encoding="utf-8")
    assert [d.what for d in compare_tables(a, b, "t", 1e-9)] == [
        "row 1, column 'host': Lebanon here, Libanon on the rerun"]


def test_pack_writes_the_same_bytes_twice_and_refuses_a_package_that_does_not_match(built, tmp_path, capsys):
    _, out = built
    first, second = tmp_path / "one.zip", tmp_path / "two.zip"
    assert cli.main(["appendix", "pack", str(out), "--out", str(first)]) == 0
    assert cli.main(["appendix", "pack", str(out), "--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert sha(first) in capsys.readouterr().out
    with zipfile.ZipFile(first) as archive:
        names = archive.namelist()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert names == sorted(f"{out.name}/{rel}" for rel in [*manifest["outputs"], "manifest.json"])
    assert cli.main(["appendix", "pack", str(out), "--out", str(first)]) == 2  # never replaced silently
    assert "already exists" in capsys.readouterr().err
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    (copy / "notes.txt").write_text("mine", encoding="utf-8")
    assert cli.main(["appendix", "pack", str(copy)]) == 2
    assert "unexpected: notes.txt" in capsys.readouterr().err and not (tmp_path / "copy.zip").exists()


@pytest.mark.parametrize("extra, expected", [
    ("authors: Jane Doe\n", "'authors' is a list of one or more authors"),
    ("authors: [{name: 'Doe, Jane', orcid: '1234'}]\n", "'1234' is not an ORCID iD"),
    ("authors: [{nme: 'Doe, Jane'}]\n", "unknown key 'nme'. Did you mean 'name'?"),
    ("license: GPL\n", "license='GPL' is not a licence the build can write. Choose one of: MIT, BSD-3-Clause."),
    ("tolerance: -1\n", "tolerance=-1 is not a relative difference allowed between a number and its recomputed"),
    ("keywords: refugees\n", "'keywords' is a list of words or phrases"),
    ("files: [../elsewhere.csv]\n", "the file '../elsewhere.csv' is not below the configuration's folder"),
    ("files: [my_note.csv]\n", "there is no file 'my_note.csv' beside the configuration. Did you mean 'my_notes.csv'?"),
])
def test_bad_package_metadata_gets_a_clear_message(tmp_path, capsys, extra, expected):
    config = make_project(tmp_path)
    config.write_text(config.read_text(encoding="utf-8") + extra, encoding="utf-8")
    assert cli.main(["appendix", "build", str(config)]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err


def _offline(command: list[str]) -> list[str]:
    """The command in a network namespace with only loopback (the kernels talk over it), where one can be made."""
    for unshare in (["unshare", "-n"], ["unshare", "-rn"]):
        probe = subprocess.run([*unshare, "sh", "-c", "ip link set lo up"], capture_output=True)
        if probe.returncode == 0:
            return [*unshare, "sh", "-c", 'ip link set lo up && exec "$@"', "offline", *command]
    return command  # no namespaces here: the rerun still needs no network, it is just not enforced


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The kit's example appendix, built once."""
    out = tmp_path_factory.mktemp("example") / "appendix"
    result = build(ROOT / "appendix.example.yaml", output=out, echo=lambda _: None)
    return result


def test_the_example_package_lists_every_exhibit_and_shows_parameters_as_written(example):
    out = example.output
    readme = (out / "README.md").read_text(encoding="utf-8")
    exported = sorted(p.name.split(".")[0] for p in (out / "figures").glob("*.vl.json")) + \
        sorted(p.stem for p in (out / "tables").glob("*.csv"))
    assert len(exported) == len(example.exhibits) == 4
    for name in exported:
        assert re.search(rf"^\| (Table|Figure) `{name}` \|.*\| `code/06_appendix_template.ipynb` \| cell \d+, its line \d+ \|",
                         readme, re.M), name
    assert "- [x] less than 1 minute" in readme or "- [x] 1–10 minutes" in readme
    assert '`neighbours` = ["Türkiye", "Lebanon", "Jordan"]' in readme
    executed = (out / "notebooks/06_appendix_template.ipynb").read_text(encoding="utf-8")
    page = (out / "html/06_appendix_template.html").read_text(encoding="utf-8")
    assert "\\\\xfc" not in executed and "\\xfc" not in page and "Türkiye" in page
    injected = next(c for c in json.loads(executed)["cells"] if "injected-parameters" in c["metadata"].get("tags", []))
    assert "neighbours = ['Türkiye', 'Lebanon', 'Jordan']" in "".join(injected["source"])


def test_the_example_package_unpacked_in_a_fresh_folder_reruns_offline_and_agrees(example, tmp_path):
    from rocrate.rocrate import ROCrate

    archive, _ = pack(example.output, tmp_path / "pkg.zip")
    fresh = tmp_path / "fresh"
    with zipfile.ZipFile(archive) as z:
        z.extractall(fresh)
    unpacked = fresh / example.output.name
    assert ROCrate(unpacked).get("README.md") is not None
    command = _offline([sys.executable, "-m", "r2pkit", "appendix", "verify", str(unpacked),
                        "--expect", example.manifest_sha256, "--rerun"])
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "All " in done.stdout and "(as published)" in done.stdout
    assert "says what the package says: 2 tables, 2 figures and 1 notebook agree" in done.stdout

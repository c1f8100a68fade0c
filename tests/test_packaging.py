"""Delivery files: pinned requirements in step with pyproject, repo2docker conventions, CITATION.cff, licences."""
from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)\s*$")


def pins() -> dict[str, str]:
    found: dict[str, str] = {}
    for n, line in enumerate((ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        m = PIN.match(stripped)
        assert m, f"binder/requirements.txt line {n} is not an exact pin (NAME==VERSION): {line!r}"
        name = canonicalize_name(m.group(1))
        assert name not in found, f"{name} is pinned twice"
        found[name] = m.group(2)
    return found


def test_every_dependency_of_pyproject_is_pinned_within_its_range():
    pinned = pins()
    for dep in PROJECT["dependencies"]:
        req = Requirement(dep)
        name = canonicalize_name(req.name)
        assert name in pinned, (f"{req.name} is a dependency in pyproject.toml but not pinned in "
                                "binder/requirements.txt: run `make requirements`")
        assert Version(pinned[name]) in req.specifier, (
            f"{req.name}=={pinned[name]} is outside pyproject's range '{req.specifier}': run `make requirements`")


def test_the_pins_hold_the_runtime_only_and_not_the_kit_itself():
    pinned = pins()
    assert "r2pkit" not in pinned  # installed from the checkout by binder/postBuild
    for tool in ("pytest", "jupyter-book", "playwright", "pip-tools"):  # extras stay out of the image
        assert tool not in pinned, f"{tool} (an optional extra) should not be in the Binder image"
    text = (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8")
    assert "Generated from pyproject.toml by tools/pin_requirements.py" in text


def test_repo2docker_installs_the_kit_in_place_with_a_python_pyproject_allows():
    post = ROOT / "binder" / "postBuild"
    assert os.access(post, os.X_OK), "repo2docker runs binder/postBuild only if it is executable"
    command = [line for line in post.read_text(encoding="utf-8").splitlines() if "pip install" in line]
    assert command and "--no-deps" in command[0] and "-e ." in command[0]
    runtime = (ROOT / "binder" / "runtime.txt").read_text(encoding="utf-8").strip()
    m = re.fullmatch(r"python-(\d+\.\d+)", runtime)
    assert m, f"binder/runtime.txt should read like 'python-3.11', not {runtime!r}"
    assert Version(m.group(1) + ".0") in SpecifierSet(PROJECT["requires-python"])
    assert not (ROOT / "requirements.txt").exists(), "repo2docker reads binder/ only; keep one set of pins"


def test_the_book_extra_exists_and_the_tests_install_it():
    extras = PROJECT["optional-dependencies"]
    assert any(canonicalize_name(Requirement(r).name) == "jupyter-book" for r in extras["book"])
    assert "r2pkit[book]" in extras["test"]


def test_citation_cff_is_valid_cff_1_2_0_and_matches_pyproject():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    # The fields CFF 1.2.0 requires, with the types its schema gives them.
    assert cff["cff-version"] == "1.2.0"
    assert isinstance(cff["message"], str) and cff["message"].strip()
    assert isinstance(cff["title"], str) and cff["title"].strip()
    assert isinstance(cff["authors"], list) and cff["authors"]
    for author in cff["authors"] + [a for ref in cff.get("references", []) for a in ref["authors"]]:
        assert isinstance(author, dict) and (author.get("name") or author.get("family-names"))
    assert cff.get("type", "software") in ("software", "dataset")
    # Consistent with the package.
    assert str(cff["version"]) == PROJECT["version"]
    assert cff["license"] == PROJECT["license"]
    for ref in cff.get("references", []):
        assert {"type", "title", "authors"} <= set(ref)


def test_licences_are_stated_for_the_code_and_for_every_dataset():
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "datasets/datapackage.json" in licence
    package = json.loads((ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        assert res.get("licenses"), f"dataset {res['name']} states no licence"
        for lic in res["licenses"]:
            assert lic.get("name") and str(lic.get("path", "")).startswith("https://"), (res["name"], lic)
        assert res.get("sources"), f"dataset {res['name']} names no source (attribution)"

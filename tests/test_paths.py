"""Where the kit's files are: every module asks r2pkit.paths, so there is one answer."""
from __future__ import annotations

import ast
from pathlib import Path

from r2pkit import data, duties, paths
from r2pkit.appendix import config


def test_the_modules_take_their_folders_from_paths():
    assert data.DATASETS_DIR == paths.datasets()
    assert duties.LIBRARY == paths.duty_cases()
    assert config.KIT_ROOT == paths.KIT_ROOT and config.KIT_NOTEBOOKS == paths.notebooks()


def test_no_module_but_paths_works_out_the_kit_folder_from_its_own_file():
    """``Path(__file__).parents[N]`` guesses where the kit is; only paths.py may."""
    kit = Path(paths.__file__).parent
    guesses = []
    for path in sorted(kit.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Attribute) and node.attr == "parents" and \
                    "__file__" in (ast.get_source_segment(source, node) or ""):
                guesses.append(f"{path.relative_to(kit)}:{node.lineno}")
    assert guesses and all(g.startswith("paths.py:") for g in guesses), guesses


def test_a_researchers_copy_of_the_data_moves_the_case_library_too(tmp_path, monkeypatch):
    (tmp_path / "duty_cases").mkdir()
    monkeypatch.setenv("R2PKIT_DATASETS", str(tmp_path))
    assert paths.datasets() == tmp_path and paths.duty_cases() == tmp_path / "duty_cases"
    (tmp_path / "duty_cases").rmdir()
    assert paths.duty_cases() == paths.KIT_ROOT / "datasets" / "duty_cases"

"""Where the kit's own files are: one answer for every module.

The kit runs from its folder (an editable install, ``make lab``), so its files are found
beside the package: ``datasets/``, ``notebooks/``, ``exercises/``. Two environment
variables move them for a researcher's copy or a course's own exercises, read each time
they are asked for:

- ``R2PKIT_DATASETS``: the data package folder (``datasets/``);
- ``R2PKIT_EXERCISES``: the built exercises (default: ``exercises/`` beside the datasets);
- ``R2PKIT_CACHE_DIR``: the kit's cache (checked tables' fingerprints, drawn charts).

>>> from r2pkit import paths
>>> (paths.KIT_ROOT / "pyproject.toml").is_file()
True
>>> paths.notebooks().name, paths.duty_cases().name
('notebooks', 'duty_cases')
"""
from __future__ import annotations

import os
from pathlib import Path

__all__ = ["KIT_ROOT", "cache", "datasets", "duty_cases", "exercises", "notebooks"]

#: The kit's folder: the one that holds ``r2pkit/``, ``datasets/`` and ``notebooks/``.
KIT_ROOT = Path(__file__).resolve().parents[1]


def datasets() -> Path:
    """The data package folder: ``$R2PKIT_DATASETS`` if set, else the kit's ``datasets/``."""
    return Path(os.environ.get("R2PKIT_DATASETS") or KIT_ROOT / "datasets")


def duty_cases() -> Path:
    """The library of duty cases (YAML files): ``duty_cases/`` in the data package folder if it has one, else the kit's."""
    own = datasets() / "duty_cases"
    return own if own.is_dir() else KIT_ROOT / "datasets" / "duty_cases"


def exercises() -> Path:
    """The built exercises: ``$R2PKIT_EXERCISES`` if set, else ``exercises/`` beside the data package."""
    return Path(os.environ.get("R2PKIT_EXERCISES") or datasets().parent / "exercises")


def notebooks() -> Path:
    """The kit's notebooks (their jupytext ``.py`` sources and the ``.ipynb`` files)."""
    return KIT_ROOT / "notebooks"


def cache() -> Path:
    """The kit's one cache folder: ``$R2PKIT_CACHE_DIR`` if set, else the user's cache folder (platformdirs' choice)."""
    env = os.environ.get("R2PKIT_CACHE_DIR")
    if env:
        return Path(env)
    try:
        from platformdirs import user_cache_dir  # installed with Jupyter; the OS's convention
    except ImportError:  # pragma: no cover - platformdirs comes with jupyter_core
        return Path.home() / ".cache" / "r2pkit"
    return Path(user_cache_dir("r2pkit", appauthor=False))

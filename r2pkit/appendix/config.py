"""An appendix's configuration: a small YAML file naming notebooks, parameters and an output folder.

.. code-block:: yaml

    title: Who carries the burden? Appendix to my article   # optional
    output: appendix                                        # folder, relative to this file
    timeout: 600                                            # optional: seconds allowed per cell
    authors:                                                # optional: for CITATION.cff, Zenodo, RO-Crate
      - {name: "Doe, Jane", orcid: "https://orcid.org/...", affiliation: "..."}
    license: MIT                                            # optional: MIT or BSD-3-Clause (the code's)
    tolerance: 1.0e-9                                       # optional: for `verify --rerun`
    notebooks:
      - notebook: 06_appendix_template     # a kit notebook by name, or a path to your own
        parameters: {year: 2015, measure: per_1000, top: 8}

A notebook is either one of the kit's (``notebooks/NAME.ipynb``, named with or without
``.ipynb``) or a path, relative to the config file, to the researcher's own ``.ipynb`` or
jupytext ``.py``. Its parameters are the variables of its cell tagged ``parameters`` (the
papermill convention); a parameter the notebook does not declare, or a value of another
type than its default (a word where a year is expected), is refused before anything runs,
with what is allowed.

The optional ``files`` lists the authors' own files (or folders) the notebooks read, by
their path below the configuration's folder: the package carries them in ``code/``, the
folder its notebooks run in, under the same path. The optional ``authors`` (a person as ``Family, Given``, an organisation by its name),
``license``, ``version``, ``description`` and ``keywords`` go into the package's LICENSE,
CITATION.cff, .zenodo.json and RO-Crate; ``tolerance`` is the relative difference
``r2pkit appendix verify --rerun`` accepts between a number and its recomputed value.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import checks, paths
from ..errors import R2PKitError, UnknownNameError, closest

__all__ = ["AppendixConfig", "NotebookRun", "load_config", "KIT_ROOT", "KIT_NOTEBOOKS", "notebook_parameters"]

KIT_ROOT = paths.KIT_ROOT  # where the kit's files are: one answer, r2pkit.paths
KIT_NOTEBOOKS = paths.notebooks()
_TOP_KEYS = ("title", "output", "timeout", "notebooks", "files", "authors", "license", "version", "description",
             "keywords", "tolerance")
_RUN_KEYS = ("notebook", "parameters")
_AUTHOR_KEYS = ("name", "orcid", "affiliation")
#: Who a package is by when its configuration does not say (the build says so too).
NO_AUTHORS = ({"name": "Authors not given (add 'authors' to the appendix configuration)"},)
DEFAULT_KEYWORDS = ("replication package", "responsibility to protect", "r2pkit")


@dataclass(frozen=True)
class NotebookRun:
    """One notebook of the appendix, with its parameters."""

    name: str            # the file stem, used for the executed notebook and its HTML page
    path: Path           # the .ipynb or .py to run
    label: str           # as written in the config (kept in the manifest: no absolute paths)
    parameters: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AppendixConfig:
    """A checked appendix configuration."""

    path: Path
    title: str
    output: Path
    timeout: int
    notebooks: tuple[NotebookRun, ...]
    authors: tuple[dict[str, str], ...] = NO_AUTHORS
    license: str = "MIT"
    version: str = "1.0"
    description: str = ""
    keywords: tuple[str, ...] = DEFAULT_KEYWORDS
    tolerance: float = 1e-9
    files: tuple[str, ...] = ()   # the authors' own files the notebooks read, relative to the config's folder


def _unknown_keys(found: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
    for key in found:
        if key not in allowed:
            hint = closest(str(key), allowed)
            raise R2PKitError(f"{where}: unknown key '{key}'." + (f" Did you mean '{hint[0]}'?" if hint else "")
                              + f" The keys allowed there are: {', '.join(allowed)}.")


def _kit_notebook_names() -> list[str]:
    return sorted(p.stem for p in KIT_NOTEBOOKS.glob("*.ipynb"))


def _resolve_notebook(value: object, base: Path, where: str) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise R2PKitError(f"{where}: 'notebook' is the name of a kit notebook (e.g. 06_appendix_template) "
                          f"or a path to your own .ipynb or .py file, not {value!r}.")
    own = (base / value).resolve()
    if own.suffix in (".ipynb", ".py") and own.is_file():
        return own
    stem = value[:-6] if value.endswith(".ipynb") else value
    kit = KIT_NOTEBOOKS / f"{stem}.ipynb"
    if "/" not in stem and kit.is_file():
        return kit
    names = _kit_notebook_names()
    hint = closest(Path(stem).name, names)
    raise UnknownNameError(
        f"{where}: there is no notebook '{value}' (not a file beside the config, nor a kit notebook)."
        + (f" Did you mean '{hint[0]}'?" if hint else "")
        + f" The kit's notebooks are: {', '.join(names)}.")


def notebook_parameters(path: str | Path) -> dict[str, Any]:
    """The parameters a notebook (``.ipynb`` or jupytext ``.py``) declares in its cell tagged
    ``parameters``, with their defaults.

    A default that is not a plain Python value (e.g. a call) is given as ``...`` (any value accepted).

    >>> notebook_parameters(KIT_NOTEBOOKS / "06_appendix_template.py")["year"]
    2015
    >>> notebook_parameters(KIT_NOTEBOOKS / "06_appendix_template")
    Traceback (most recent call last):
    ...
    r2pkit.errors.PathError: path='.../06_appendix_template' is not a file that exists. Check its name and folder (paths are relative to the folder you are in). The kit's notebooks are in r2pkit.paths.notebooks().
    """
    import papermill

    from .builder import read_notebook

    path = checks.path(path, "path", kind="file", note="The kit's notebooks are in r2pkit.paths.notebooks().")
    if path.suffix not in (".ipynb", ".py"):
        raise checks.PathError(value=str(path), name="path", expected="a notebook (.ipynb) or its jupytext .py file",
                               allowed="Give the path of a notebook, e.g. notebooks/02_syria_case.py.")
    try:
        nb = read_notebook(path)
    except (OSError, ValueError) as exc:  # not a notebook inside, not readable
        raise checks.PathError(value=str(path), name="path", expected="a notebook the kit can read",
                               allowed=f"Check the file ({str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__}).") from None
    with _as_ipynb(nb) as tmp:
        found = papermill.inspect_notebook(str(tmp))
    out: dict[str, Any] = {}
    for name, info in found.items():
        try:
            out[name] = ast.literal_eval(info["default"])
        except (ValueError, SyntaxError):
            out[name] = ...
    return out


class _as_ipynb:
    """A notebook written to a temporary .ipynb (papermill reads files)."""

    def __init__(self, nb: Any) -> None:
        self.nb = nb

    def __enter__(self) -> Path:
        import tempfile

        import nbformat

        self._dir = tempfile.TemporaryDirectory(prefix="r2pkit-nb-")
        path = Path(self._dir.name) / "notebook.ipynb"
        nbformat.write(self.nb, path)
        return path

    def __exit__(self, *exc: object) -> None:
        self._dir.cleanup()


def _type_word(value: Any) -> str:
    return {bool: "true or false", int: "a whole number", float: "a number", str: "a text",
            list: "a list", dict: "a mapping"}.get(type(value), type(value).__name__)


def _check_parameters(run_label: str, given: object, declared: dict[str, Any], where: str) -> dict[str, Any]:
    if given is None:
        return {}
    if not isinstance(given, dict):
        raise R2PKitError(f"{where}: 'parameters' is a mapping of names to values, e.g. {{year: 2015}}.")
    if given and not declared:
        raise R2PKitError(f"{where}: the notebook '{run_label}' takes no parameters (it has no cell tagged "
                          "'parameters'); remove 'parameters' or tag the cell that sets them.")
    for name, value in given.items():
        if name not in declared:
            hint = closest(str(name), declared)
            raise R2PKitError(f"{where}: the notebook '{run_label}' has no parameter '{name}'."
                              + (f" Did you mean '{hint[0]}'?" if hint else "")
                              + f" Its parameters are: {', '.join(declared)}.")
        default = declared[name]
        if default is ... or default is None:
            continue
        ok = (isinstance(value, bool) == isinstance(default, bool)) and (
            isinstance(value, type(default)) or (isinstance(default, float) and isinstance(value, int)))
        if not ok:
            raise R2PKitError(f"{where}: parameter '{name}' of '{run_label}' must be {_type_word(default)} "
                              f"like its default {default!r}, not {value!r}.")
    return dict(given)


def _authors(raw: object, where: str) -> tuple[dict[str, str], ...]:
    if raw is None:
        return NO_AUTHORS
    example = "e.g. authors: [{name: 'Doe, Jane', orcid: 'https://orcid.org/0000-0002-1825-0097'}]"
    if not isinstance(raw, list) or not raw:
        raise R2PKitError(f"{where}: 'authors' is a list of one or more authors, {example}.")
    out = []
    for i, entry in enumerate(raw, 1):
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, dict):
            raise R2PKitError(f"{where}, author {i}: an author is a name or a mapping with 'name' "
                              f"(and optional 'orcid', 'affiliation'), {example}.")
        _unknown_keys(entry, _AUTHOR_KEYS, f"{where}, author {i}")
        if any(not isinstance(v, str) or not v.strip() for v in entry.values()) or "name" not in entry:
            raise R2PKitError(f"{where}, author {i}: 'name' (a person as 'Family, Given', an organisation by its "
                              f"name) is required, and every value is a line of text, {example}.")
        orcid = entry.get("orcid", "")
        if orcid and not re.fullmatch(r"(https://orcid\.org/)?\d{4}-\d{4}-\d{4}-\d{3}[\dX]", orcid):
            raise R2PKitError(f"{where}, author {i}: {orcid!r} is not an ORCID iD; write it as "
                              "https://orcid.org/0000-0002-1825-0097.")
        if orcid and not orcid.startswith("https://"):
            entry = {**entry, "orcid": f"https://orcid.org/{orcid}"}
        out.append({k: v.strip() for k, v in entry.items()})
    return tuple(out)


def _extras(raw: dict[str, Any], path: Path) -> dict[str, Any]:
    """The optional metadata and the rerun tolerance, checked."""
    from .metadata import LICENCES

    where = str(path)
    out: dict[str, Any] = {"authors": _authors(raw.get("authors"), where)}
    try:
        out["license"] = checks.choice(raw.get("license", "MIT"), list(LICENCES), "a licence the build can write",
                                       name="license")
        out["tolerance"] = checks.number(raw.get("tolerance", 1e-9), "tolerance", lo=0, hi=1, hi_open=True,
                                         what="a relative difference allowed between a number and its recomputed "
                                              "value, from 0 (exactly equal) to below 1, e.g. 1.0e-9")
    except R2PKitError as exc:
        raise R2PKitError(f"{where}: {exc}") from None
    for key in ("version", "description"):
        value = raw.get(key, AppendixConfig.__dataclass_fields__[key].default)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and key == "version":
            value = str(value)
        if not isinstance(value, str):
            raise R2PKitError(f"{where}: '{key}' is a line of text, not {value!r}.")
        out[key] = value
    keywords = raw.get("keywords", list(DEFAULT_KEYWORDS))
    if not isinstance(keywords, list) or not all(isinstance(k, str) and k.strip() for k in keywords):
        raise R2PKitError(f"{where}: 'keywords' is a list of words or phrases, e.g. [refugees, Syria].")
    out["keywords"] = tuple(keywords)
    return out


def _files(raw: object, base: Path, where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(f, str) and f.strip() for f in raw):
        raise R2PKitError(f"{where}: 'files' is a list of paths below this file's folder, e.g. [my_survey.csv].")
    out = []
    for name in raw:
        rel = Path(name)
        if rel.is_absolute() or ".." in rel.parts:
            raise R2PKitError(f"{where}: the file {name!r} is not below the configuration's folder; copy it there "
                              "and list it by its path from that folder (e.g. data/my_survey.csv).")
        if rel.parts and rel.parts[0] == "code":  # a package's own configuration lists them inside code/ already
            rel = Path(*rel.parts[1:])
            found = base / "code" / rel
        else:
            found = base / rel
        if not found.exists():
            hint = closest(rel.name, [p.name for p in found.parent.glob("*")]) if found.parent.is_dir() else []
            raise R2PKitError(f"{where}: there is no file {name!r} beside the configuration."
                              + (f" Did you mean '{hint[0]}'?" if hint else ""))
        out.append(rel.as_posix())
    return tuple(out)


def load_config(path: str | Path) -> AppendixConfig:
    """Read and check an appendix configuration; raise :class:`R2PKitError` saying what is wrong.

    >>> load_config(KIT_ROOT / "appendix.example.yaml").notebooks[0].label
    '06_appendix_template'
    >>> load_config("my_appendix.yaml")
    Traceback (most recent call last):
    ...
    r2pkit.errors.PathError: path='my_appendix.yaml' is not a file that exists. Check its name and folder (paths are relative to the folder you are in). Start from the kit's example, appendix.example.yaml in the kit's folder.
    """
    path = checks.path(path, "path", kind="file",
                       note="Start from the kit's example, appendix.example.yaml in the kit's folder.")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise R2PKitError(f"{path} is not valid YAML: {checks.shown(str(exc), 300)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise checks.PathError(value=str(path), name="path", expected="a configuration file the kit can read",
                               allowed=f"Check the file ({getattr(exc, 'strerror', None) or type(exc).__name__}).") \
            from None
    if not isinstance(raw, dict):
        raise R2PKitError(f"{path}: an appendix configuration is a mapping with the keys {', '.join(_TOP_KEYS)}.")
    _unknown_keys(raw, _TOP_KEYS, str(path))
    base = path.resolve().parent
    if not isinstance(raw.get("output"), str) or not raw["output"].strip():
        raise R2PKitError(f"{path}: 'output' (the folder to write the appendix to, relative to this file) is required.")
    timeout = raw.get("timeout", 600)
    if isinstance(timeout, bool) or not isinstance(timeout, int) or timeout < 1:
        raise R2PKitError(f"{path}: 'timeout' is a whole number of seconds allowed per cell, not {checks.shown(timeout)}.")
    entries = raw.get("notebooks")
    if not isinstance(entries, list) or not entries:
        raise R2PKitError(f"{path}: 'notebooks' is a list of one or more entries such as "
                          "'- notebook: 06_appendix_template'.")
    runs: list[NotebookRun] = []
    for i, entry in enumerate(entries, 1):
        where = f"{path}, notebook {i}"
        if isinstance(entry, str):
            entry = {"notebook": entry}
        if not isinstance(entry, dict):
            raise R2PKitError(f"{where}: each entry has 'notebook' (and optional 'parameters'), not {entry!r}.")
        _unknown_keys(entry, _RUN_KEYS, where)
        nb_path = _resolve_notebook(entry.get("notebook"), base, where)
        label = str(entry["notebook"])
        params = _check_parameters(label, entry.get("parameters"), notebook_parameters(nb_path), where)
        if any(r.name == nb_path.stem for r in runs):
            raise R2PKitError(f"{where}: the notebook '{nb_path.stem}' is listed twice; each notebook is run once.")
        runs.append(NotebookRun(nb_path.stem, nb_path, label, params))
    title = raw.get("title") or "Appendix"
    if not isinstance(title, str):
        raise R2PKitError(f"{path}: 'title' is a line of text.")
    return AppendixConfig(path, title, (base / raw["output"]).resolve(), timeout, tuple(runs), **_extras(raw, path),
                          files=_files(raw.get("files"), base, str(path)))

"""The kit's datasets: small, curated tables in which every row says where it comes from.

The tables live in ``datasets/`` as a Frictionless Data Package: ``datapackage.json``
names each table (a *resource*), its sources and licences, and points to a Table Schema
that gives every column a type, a unit, a plain-language description and the rules its
values must keep. This module is the one door to them:

- :func:`list_datasets` — what there is;
- :func:`load` — a table as a pandas DataFrame, checked against its schema (with the
  ``frictionless`` library, the reference implementation of the standard), so a
  hand-edited file that breaks a rule is caught with the file, row, column, value and
  rule named;
- :func:`describe` — the columns, their units and meanings;
- :func:`cite` — how to cite a table (plain text or BibTeX), with its original sources.

What "checked on every load" means: every load of content that has not been found valid
before. A check costs about a second in a fresh kernel (mostly importing frictionless),
so the fingerprint (SHA-256) of each table found valid — its CSV file, its schema, its
entry in ``datapackage.json``, the files its foreign keys point to, and the versions of
the kit and of frictionless — is kept in a small file in the user's cache folder
(``~/.cache/r2pkit/validated.json`` on Linux, via platformdirs; ``R2PKIT_CACHE_DIR``
moves it; never in the repository). A load whose fingerprint is there skips the check;
a file changed in any byte has a new fingerprint and is checked on every load until it
is valid, and problems are never remembered. :func:`validate` always checks afresh.

Tamper evidence: every table's ``hash`` (``"sha256:<hex>"``) and ``bytes`` are published
in ``datapackage.json``, the Frictionless way. :func:`load` and :func:`validate` compare
the file with them before anything else, so a hand edit that still follows the schema (a
flipped vote, a shifted date, a deleted row, a changed figure) is reported as an edit
made since the release, naming the file, without needing the reference data the tables
were built from. :func:`matches_published` is that check alone (cheap: one SHA-256);
:func:`refresh_hashes` publishes new hashes after a maintainer rebuilt a table on purpose
(``make data`` does it; ``python tools/refresh_hashes.py`` alone).

The principle behind it is the kit's first rule: no number without a source. Every table
has a ``source`` column (document symbol, paragraph or page, publisher) and a ``note``
column where sources disagree or a figure is uncertain.

>>> from r2pkit import data
>>> "unsc_syria_vetoes" in data.names()
True
>>> vetoes = data.load("unsc_syria_vetoes")
>>> vetoes["draft"].iloc[0]
'S/2011/612'
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from . import __version__, checks, paths
from .checks import choice
from .errors import DataValidationError, PathError, R2PKitError, UnknownNameError, closest, shown
from .files import atomic_write

__all__ = [
    "DATASETS_DIR",
    "names",
    "list_datasets",
    "load",
    "describe",
    "cite",
    "validate",
    "loaded",
    "file_hash",
    "matches_published",
    "refresh_hashes",
]

#: Where the data package lives: ``datasets/`` beside the package, unless the
#: environment variable ``R2PKIT_DATASETS`` points elsewhere (e.g. a researcher's copy);
#: see :func:`r2pkit.paths.datasets`, read once when the kit is imported.
DATASETS_DIR = paths.datasets()

_MAX_PROBLEMS_SHOWN = 10


# --------------------------------------------------------------------------- package
def _package_path() -> Path:
    path = DATASETS_DIR / "datapackage.json"
    if not path.exists():
        raise PathError(value=str(path), expected="the kit's data package: it is not there",
                        allowed="Install the kit from its folder with `pip install -e .` (or `make lab`), "
                        "or set R2PKIT_DATASETS to the datasets folder.")
    return path


@lru_cache(maxsize=4)
def _read_package(path: str, mtime: float) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _package() -> dict[str, Any]:
    path = _package_path()
    return _read_package(str(path), path.stat().st_mtime)


def names() -> list[str]:
    """The names of the kit's datasets, in the order of the data package.

    >>> names()[:2]
    ['r2p_timeline', 'unsc_syria_vetoes']
    """
    return [r["name"] for r in _package()["resources"]]


def _resource(name: str) -> dict[str, Any]:
    if not isinstance(name, str):
        raise UnknownNameError(value=name, expected="a dataset name", name="name",
                               allowed="Name a dataset as text, e.g. 'unsc_syria_vetoes'.")
    for res in _package()["resources"]:
        if res["name"] == name:
            return res
    available = names()
    hint = closest(name, available)
    suggestion = f" Did you mean '{hint[0]}'?" if hint else ""
    raise UnknownNameError(  # the checks' fields, in the words notebook 00 shows
        f"There is no dataset called {shown(name)}.{suggestion} "
        f"Available datasets: {', '.join(available)}. "
        "(`data.list_datasets()` shows them with their titles.)",
        value=name, expected="a dataset of the kit", allowed=available, suggestion=hint[0] if hint else None,
    )


def _schema(res: dict[str, Any]) -> dict[str, Any]:
    schema = res["schema"]
    if isinstance(schema, str):
        return json.loads((DATASETS_DIR / schema).read_text(encoding="utf-8"))
    return schema


def _csv_path(res: dict[str, Any]) -> Path:
    path = DATASETS_DIR / res["path"]
    if not path.exists():
        raise DataValidationError(
            f"The file for dataset '{res['name']}' is missing: {path}. "
            "Restore it from the kit (e.g. `git checkout -- datasets/`)."
        )
    return path


# ---------------------------------------------------------------- published hashes
def file_hash(path: str | os.PathLike[str]) -> str:
    """The SHA-256 of a file's bytes, written the Frictionless way: ``"sha256:<hex>"``.

    >>> file_hash(DATASETS_DIR / "unsc_syria_vetoes.csv").startswith("sha256:")
    True
    >>> len(file_hash(DATASETS_DIR / "unsc_syria_vetoes.csv"))  # the prefix and 64 hex digits
    71
    >>> file_hash("datasets/no_such_table.csv")
    Traceback (most recent call last):
    ...
    r2pkit.errors.PathError: path='datasets/no_such_table.csv' is not a file that exists. Check its name and folder (paths are relative to the folder you are in).
    """
    file = checks.path(path, "path", kind="file")
    try:
        return "sha256:" + hashlib.sha256(file.read_bytes()).hexdigest()
    except OSError as exc:  # a file one may not read, a special file …
        raise PathError(value=str(path), name="path", expected="a file the kit can read",
                        allowed=f"Check the file ({exc.strerror or type(exc).__name__}).") from None


def matches_published(name: str) -> bool:
    """True when a dataset's file is exactly the one released: same size, same SHA-256 as
    the ``bytes`` and ``hash`` published for it in ``datapackage.json``.

    A table without a published hash never matches (there is nothing to vouch for it).

    >>> matches_published("unsc_syria_vetoes")
    True
    """
    return not _edit_problems(_resource(name))


def _edit_problems(res: dict[str, Any]) -> list[str]:
    """A sentence if the table's file is not the released one (or nothing was published)."""
    path = _csv_path(res)
    file = f"datasets/{res['path']}"
    published, size = res.get("hash"), res.get("bytes")
    if not isinstance(published, str) or not published.startswith("sha256:"):
        return [f"{file}: datapackage.json publishes no SHA-256 hash for this table, so the kit cannot "
                "tell whether it is the released file. A maintainer adds it with "
                "`python tools/refresh_hashes.py` (part of `make data`)."]
    actual_size = path.stat().st_size
    if actual_size == size and file_hash(path) == published:
        return []
    sizes = (f"{size:,} bytes were published, the file now has {actual_size:,}"
             if isinstance(size, int) and size != actual_size else "same size, different content")
    return [f"{file} was edited since the release: it no longer matches the SHA-256 hash published "
            f"for it in datasets/datapackage.json ({sizes}). The kit's figures and notebooks are only "
            f"vouched for with the released file: restore it with `git checkout -- {file}` (or "
            "reinstall the kit). If you are a maintainer and changed it on purpose, rebuild it with "
            "`make data`, or publish its new hash with `python tools/refresh_hashes.py`."]


def refresh_hashes(folder: str | os.PathLike[str] | None = None) -> list[str]:
    """Publish each table's current ``hash`` and ``bytes`` in ``datapackage.json``
    (a maintainer step, after rebuilding tables on purpose); return the names that changed.

    The file is rewritten only when something changed, keeping its layout (two-space
    indent, UTF-8 text as is) and key order, with ``bytes`` and ``hash`` after ``path``.
    """
    root = Path(folder) if folder is not None else DATASETS_DIR
    path = root / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    package = json.loads(text)
    changed = []
    for i, res in enumerate(package["resources"]):
        csv_file = root / res["path"]
        new = {"hash": file_hash(csv_file), "bytes": csv_file.stat().st_size}
        if res.get("hash") != new["hash"] or res.get("bytes") != new["bytes"]:
            changed.append(res["name"])
        ordered: dict[str, Any] = {}
        for key, value in res.items():
            if key in ("hash", "bytes"):
                continue
            ordered[key] = value
            if key == "path":
                ordered.update(bytes=new["bytes"], hash=new["hash"])
        package["resources"][i] = ordered
    out = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    if out != text:
        atomic_write(path, out)
    return changed


# ------------------------------------------------------------------------ validation
_TYPE_WORDS = {
    "integer": "a whole number",
    "number": "a number",
    "date": "a date written YYYY-MM-DD",
    "boolean": "true or false",
    "year": "a year such as 2015",
    "string": "text",
}


def _rule_text(constraint: str, value: str) -> str:
    """The rule a value broke, said in words."""
    words = {
        "required": "must not be empty",
        "minimum": f"must be at least {value}",
        "maximum": f"must be at most {value}",
        "minLength": f"must be at least {value} characters long",
        "maxLength": f"must be at most {value} characters long",
        "pattern": f"must match the pattern {value}",
        "enum": f"must be one of {value}",
        "unique": "must be unique, but another row has the same value",
    }
    return words.get(constraint, f"breaks the rule {constraint} = {value}")


def _explain(error: Any, file: str, fields: dict[str, dict[str, Any]]) -> str:
    """Turn one frictionless error into a sentence naming file, row, column, value and rule."""
    etype = error.type
    row = getattr(error, "row_number", None)
    field = getattr(error, "field_name", None)
    cell = getattr(error, "cell", None)
    where = f"{file}, line {row} (data row {row - 1})" if row else file
    if etype == "type-error" and field:
        ftype = fields.get(field, {}).get("type", "string")
        return (f"{where}, column '{field}': the value '{cell}' is not {_TYPE_WORDS.get(ftype, ftype)} "
                f"(rule: type {ftype}).")
    if etype == "constraint-error" and field:
        m = re.search(r'constraint "(\w+)" is "(.*)"', error.note or "")
        name, value = (m.group(1), m.group(2)) if m else ("?", error.note)
        shown = "empty" if cell in (None, "") else f"'{cell}'"
        return f"{where}, column '{field}': the value {shown} {_rule_text(name, value)} (rule: {name} {value})."
    if etype in ("unique-error", "primary-key"):
        return f"{where}: {error.note} (rule: each row's key must be unique)."
    if etype in ("extra-label", "missing-label", "incorrect-label", "duplicate-label", "blank-label"):
        expected = ", ".join(fields)
        return (f"{file}: the header row does not match the schema ({error.note}). "
                f"Expected the columns: {expected}.")
    if etype in ("extra-cell", "missing-cell", "blank-row"):
        return f"{where}: {error.note or etype} (rule: every row has one value per column)."
    return f"{where}: {error.message}"


# ------------------------------------------------------------------ validation cache
_VALID_FILE = "validated.json"
_VALID_KEPT = 256  # fingerprints kept: a few for each table, over many edits


def _known_valid() -> dict[str, str]:
    """Fingerprint → dataset name, for the tables found valid in earlier kernels."""
    try:
        found = json.loads((paths.cache() / _VALID_FILE).read_text(encoding="utf-8"))["valid"]
        return dict(found) if isinstance(found, dict) else {}
    except (OSError, ValueError, KeyError, TypeError):  # no file yet, or a damaged one: check again
        return {}


def _remember_valid(digest: str, name: str) -> None:
    """Add a valid table's fingerprint to the cache file (best effort: a read-only home just skips it)."""
    known = _known_valid()
    known.pop(digest, None)
    known[digest] = name
    kept = dict(list(known.items())[-_VALID_KEPT:])
    folder = paths.cache()
    try:  # atomic: another kernel never reads half a file
        atomic_write(folder / _VALID_FILE, json.dumps({"about": "r2pkit: fingerprints of dataset files found valid "
                                                       "(safe to delete)", "valid": kept}, indent=0))
    except (OSError, R2PKitError):
        pass


@lru_cache(maxsize=64)
def _validated(name: str, digest: str) -> tuple[str, ...]:
    """Problems found in a dataset with this fingerprint (once per process; a valid one once per user)."""
    if _known_valid().get(digest) == name:
        return ()
    problems = _problems(name)
    if not problems:
        _remember_valid(digest, name)
    return problems


def _problems(name: str) -> tuple[str, ...]:
    """Check a dataset with frictionless: the problems found, each in a sentence."""
    if sys.platform == "emscripten":  # the browser kit (JupyterLite) has no frictionless
        return _fingerprint_problems(name)
    import frictionless  # heavy: imported only when a table is really checked

    res = _resource(name)
    problems = _edit_problems(res)
    # Validated as part of the package, so foreign keys to other tables are checked too.
    package = frictionless.Package(str(DATASETS_DIR / "datapackage.json"))
    report = package.get_resource(name).validate()
    if report.valid:
        return tuple(problems)
    fields = {f["name"]: f for f in _schema(res)["fields"]}
    file = f"datasets/{res['path']}"
    schema_problems = [_explain(error, file, fields) for task in report.tasks for error in task.errors
                       if error.type not in _INTEGRITY_ERRORS]
    if not schema_problems and not problems:
        schema_problems = [f"{file}: the file does not follow its schema."]
    return tuple(problems + schema_problems)


# frictionless's own checks of the published hash and size: the kit says it in its own words.
_INTEGRITY_ERRORS = {"hash-count", "byte-count", "hash-count-error", "byte-count-error"}


def _fingerprint_problems(name: str) -> tuple[str, ...]:
    """The browser's check (JupyterLite, where frictionless's Rust dependencies cannot run): a
    table, and those its foreign keys point to, must be the released files, validated when the
    site was built: same size and SHA-256 as published in ``datapackage.json``."""
    res = _resource(name)
    targets = [res] + [_resource(fk["reference"]["resource"]) for fk in _schema(res).get("foreignKeys", [])
                       if fk["reference"].get("resource") not in (None, "", name)]
    problems = [p for r in targets for p in _edit_problems(r)]
    if problems:
        problems.append("In the browser the kit checks a table by this fingerprint only; it cannot check a "
                        "changed table against its schema. Reload the page to get the released files, or "
                        "check your copy with the full kit (`r2pkit data validate`).")
    return tuple(problems)


def _digest(res: dict[str, Any]) -> str:
    """A fingerprint of everything a table's validity depends on: its file, its schema, its
    entry in the package, the files of the tables its foreign keys point to, and the
    versions of the kit and of the checker."""
    h = hashlib.sha256(_csv_path(res).read_bytes())
    schema = _schema(res)
    h.update(json.dumps(schema, sort_keys=True).encode())
    h.update(json.dumps(res, sort_keys=True).encode())
    h.update(f"r2pkit {__version__}; frictionless {_checker_version()}".encode())
    for fk in schema.get("foreignKeys", []):
        target = fk["reference"].get("resource")
        if target and target != res["name"]:
            h.update(_csv_path(_resource(target)).read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=1)
def _checker_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("frictionless")
    except PackageNotFoundError:  # pragma: no cover - a dependency of the kit
        return "?"


def validate(name: str | None = None) -> dict[str, list[str]]:
    """Check datasets against their schemas, afresh; return the problems found, per dataset.

    With no name, every dataset is checked. An empty list means the table is valid.
    Unlike :func:`load`, this always runs the check, even for a file found valid before.

    >>> validate("r2p_timeline")
    {'r2p_timeline': []}
    """
    chosen = names() if name is None else [_resource(name)["name"]]
    out: dict[str, list[str]] = {}
    for n in chosen:
        try:
            digest = _digest(_resource(n))
            out[n] = list(_problems(n))
            if not out[n]:
                _remember_valid(digest, n)
        except DataValidationError as exc:
            out[n] = [str(exc)]
    return out


# ----------------------------------------------------------------------------- load
def _convert(frame: pd.DataFrame, fields: list[dict[str, Any]]) -> pd.DataFrame:
    for f in fields:
        col, ftype = f["name"], f.get("type", "string")
        if col not in frame:
            continue
        s = frame[col]
        if ftype in ("integer", "year"):
            frame[col] = pd.to_numeric(s).astype("Int64")
        elif ftype == "number":
            frame[col] = pd.to_numeric(s).astype("float64")
        elif ftype == "boolean":
            frame[col] = s.map({"true": True, "True": True, "TRUE": True, "1": True,
                                "false": False, "False": False, "FALSE": False, "0": False}).astype("boolean")
        elif ftype == "date":
            frame[col] = pd.to_datetime(s, format="%Y-%m-%d")
        else:
            frame[col] = s.astype("string")
    return frame


def load(name: str) -> pd.DataFrame:
    """A dataset as a pandas DataFrame, checked against its schema first (unless exactly
    this content was found valid before: see the module's docstring).

    Columns get the types their schema gives (whole numbers as nullable ``Int64``,
    dates as datetimes, text as strings); empty cells are missing values (``<NA>``).
    A file that breaks its schema raises :class:`~r2pkit.errors.DataValidationError`
    naming the file, row, column, value and rule.

    >>> timeline = load("r2p_timeline")
    >>> {"event_id", "date", "source"} <= set(timeline.columns)
    True
    >>> load("vetoes")
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: There is no dataset called 'vetoes'. Did you mean 'unsc_syria_vetoes'? ...
    """
    res = _resource(name)
    problems = _validated(name, _digest(res))
    if problems:
        shown = list(problems[:_MAX_PROBLEMS_SHOWN])
        more = len(problems) - len(shown)
        lines = "\n  - ".join(shown)
        tail = f"\n  … and {more} more." if more > 0 else ""
        edits = sum(" was edited since the release" in p or "publishes no SHA-256" in p for p in problems)
        what = " and ".join(w for w, ok in (("is not the released file", edits),
                                            ("does not follow its schema", len(problems) > edits)) if ok)
        raise DataValidationError(
            f"Dataset '{name}' {what} ({len(problems)} problem"
            f"{'s' if len(problems) != 1 else ''}):\n  - {lines}{tail}\n"
            "If you edited the file by hand, fix these cells or restore the original "
            "(`git checkout -- datasets/`); `r2pkit data validate` re-checks every table.",
            list(problems),
        )
    schema = _schema(res)
    frame = pd.read_csv(_csv_path(res), dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    _record_load(name)
    return _convert(frame, schema["fields"])


# A researcher's appendix cites every dataset its notebooks loaded (r2pkit.appendix): loads
# are remembered in this process and, when R2PKIT_RECORD_LOADS names a file (set by
# `r2pkit appendix build` for the notebook's kernel), appended to it, one name a line.
_LOADED: dict[str, None] = {}


def _record_load(name: str) -> None:
    _LOADED.setdefault(name)
    record = os.environ.get("R2PKIT_RECORD_LOADS")
    if record:
        with open(record, "a", encoding="utf-8") as fh:
            fh.write(name + "\n")


def loaded() -> list[str]:
    """The datasets loaded so far in this session, in the order first loaded (to cite them).

    >>> _ = load("r2p_timeline")
    >>> "r2p_timeline" in loaded()
    True
    """
    return list(_LOADED)


# ------------------------------------------------------------------- list, describe
def _count_rows(path: Path) -> int:
    with path.open(newline="", encoding="utf-8") as fh:
        return max(sum(1 for _ in csv.reader(fh)) - 1, 0)


def _licence_names(res: dict[str, Any]) -> str:
    return "; ".join(lic.get("name") or lic.get("title", "") for lic in res.get("licenses", []))


def _source_titles(res: dict[str, Any]) -> str:
    return "; ".join(s.get("title", "") for s in res.get("sources", []))


class TextTable(pd.DataFrame):
    """A table of texts (sources, descriptions) that a notebook shows in full, left-aligned.

    pandas cuts every cell at 50 characters in a notebook ("…"), which hides the part of a
    description or a source that matters; this table shows every cell whole, long ones wrapped
    (:func:`r2pkit.charts.tables.html_table`), and is otherwise a plain DataFrame (anything
    derived from it is one).

    >>> t = TextTable({"field": ["year"], "description": ["Calendar year. " * 8]})
    >>> html = t._repr_html_()
    >>> "Calendar year. " * 8 in html, "text-align: left" in html, "white-space: normal" in html
    (True, True, True)
    """

    @property
    def _constructor(self):  # type: ignore[override] - slices, copies, filters: plain DataFrames
        return pd.DataFrame

    def _repr_html_(self) -> str | None:
        # laid out as the kit's tables for reading are: long texts wrap, so the table fits a narrow page
        from .charts.tables import html_table

        return html_table(self)


def list_datasets() -> pd.DataFrame:
    """A table of the kit's datasets: name, title, rows, source summary and licence.

    >>> table = list_datasets()
    >>> list(table.columns)
    ['name', 'title', 'rows', 'source', 'licence']
    """
    rows = []
    for res in _package()["resources"]:
        rows.append({
            "name": res["name"],
            "title": res.get("title", ""),
            "rows": _count_rows(_csv_path(res)),
            "source": _source_titles(res),
            "licence": _licence_names(res),
        })
    return TextTable(rows, columns=["name", "title", "rows", "source", "licence"])


def describe(name: str) -> pd.DataFrame:
    """The columns of a dataset: type, unit, whether required, and what each means.

    >>> describe("unsc_syria_vetoes").loc[0, "field"]
    'date'
    """
    res = _resource(name)
    rows = []
    for f in _schema(res)["fields"]:
        constraints = f.get("constraints", {})
        rows.append({
            "field": f["name"],
            "type": f.get("type", "string"),
            "unit": f.get("unit", ""),
            "required": bool(constraints.get("required", False)),
            "description": f.get("description", ""),
        })
    table = TextTable(rows, columns=["field", "type", "unit", "required", "description"])
    table.attrs["title"] = res.get("title", name)
    table.attrs["description"] = res.get("description", "")
    return table


# ------------------------------------------------------------------------------ cite
def _bibtex_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def cite(name: str, style: Literal["text", "bibtex"] = "text") -> str:
    """How to cite a dataset: the kit's extract and the original sources it was built from.

    ``style`` is ``"text"`` (a sentence to paste into a paper) or ``"bibtex"``.

    >>> print(cite("unsc_syria_vetoes"))  # doctest: +ELLIPSIS
    r2pkit contributors (2026). ... [dataset unsc_syria_vetoes]. r2pkit 0.1.0...
    >>> cite("unsc_syria_vetoes", style="bibtex").startswith("@misc{r2pkit_unsc_syria_vetoes,")
    True
    """
    style = choice(style, ("text", "bibtex"), "a citation style", name="style", fold=None)
    res = _resource(name)
    pkg = _package()
    year = str(pkg.get("created", "2026"))[:4]
    title = res.get("title", name)
    licence = _licence_names(res)
    sources = res.get("sources", [])
    if style == "text":
        lines = [f"r2pkit contributors ({year}). {title} [dataset {name}]. r2pkit {__version__}, "
                 f"datasets/{res['path']}. Licence: {licence}."]
        if sources:
            lines.append("Compiled from:")
            for s in sources:
                extra = ", ".join(x for x in (s.get("version", ""), s.get("path", "")) if x)
                lines.append(f"  - {s.get('title', '')}" + (f" ({extra})" if extra else ""))
        return "\n".join(lines)
    entries = [
        f"@misc{{r2pkit_{name},\n"
        f"  author = {{{{r2pkit contributors}}}},\n"
        f"  title = {{{_bibtex_escape(title)}}},\n"
        f"  year = {{{year}}},\n"
        f"  howpublished = {{r2pkit {__version__}, dataset {_bibtex_escape(name)}}},\n"
        f"  note = {{Licence: {_bibtex_escape(licence)}}}\n}}"
    ]
    for i, s in enumerate(sources, start=1):
        url = s.get("path", "")
        fields = [f"  title = {{{_bibtex_escape(s.get('title', ''))}}}"]
        if s.get("version"):
            fields.append(f"  version = {{{_bibtex_escape(str(s['version']))}}}")
        if url:
            fields.append(f"  url = {{{url}}}")
        entries.append(f"@misc{{{name}_source{i},\n" + ",\n".join(fields) + "\n}")
    return "\n\n".join(entries)

"""The kit's datasets: small, curated tables in which every row says where it comes from.

The tables live in ``datasets/`` as a Frictionless Data Package: ``datapackage.json``
names each table (a *resource*), its sources and licences, and points to a Table Schema
that gives every column a type, a unit, a plain-language description and the rules its
values must keep. This module is the one door to them:

- :func:`list_datasets` — what there is;
- :func:`load` — a table as a pandas DataFrame, checked against its schema every time
  (with the ``frictionless`` library, the reference implementation of the standard),
  so a hand-edited file that breaks a rule is caught with the file, row, column, value
  and rule named;
- :func:`describe` — the columns, their units and meanings;
- :func:`cite` — how to cite a table (plain text or BibTeX), with its original sources.

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
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from . import __version__
from .errors import DataValidationError, UnknownNameError, closest

__all__ = [
    "DATASETS_DIR",
    "names",
    "list_datasets",
    "load",
    "describe",
    "cite",
    "validate",
]

#: Where the data package lives: ``datasets/`` beside the package, unless the
#: environment variable ``R2PKIT_DATASETS`` points elsewhere (e.g. a researcher's copy).
DATASETS_DIR = Path(os.environ.get("R2PKIT_DATASETS") or Path(__file__).resolve().parents[1] / "datasets")

_MAX_PROBLEMS_SHOWN = 10


# --------------------------------------------------------------------------- package
def _package_path() -> Path:
    path = DATASETS_DIR / "datapackage.json"
    if not path.exists():
        raise UnknownNameError(
            f"The kit's data package was not found at {path}. Install the kit from its folder "
            "with `pip install -e .` (or `make lab`), or set R2PKIT_DATASETS to the datasets folder."
        )
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
        raise UnknownNameError(f"A dataset name is a string such as 'unsc_syria_vetoes', not {name!r}.")
    for res in _package()["resources"]:
        if res["name"] == name:
            return res
    available = names()
    hint = closest(name, available)
    suggestion = f" Did you mean '{hint[0]}'?" if hint else ""
    raise UnknownNameError(
        f"There is no dataset called '{name}'.{suggestion} "
        f"Available datasets: {', '.join(available)}. "
        "(`data.list_datasets()` shows them with their titles.)"
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


@lru_cache(maxsize=64)
def _validated(name: str, digest: str) -> tuple[str, ...]:
    """Problems found in a dataset whose file and schema have this digest (cached by content)."""
    import frictionless  # heavy: imported only when a table is first checked

    res = _resource(name)
    # Validated as part of the package, so foreign keys to other tables are checked too.
    package = frictionless.Package(str(DATASETS_DIR / "datapackage.json"))
    report = package.get_resource(name).validate()
    if report.valid:
        return ()
    fields = {f["name"]: f for f in _schema(res)["fields"]}
    file = f"datasets/{res['path']}"
    problems: list[str] = []
    for task in report.tasks:
        for error in task.errors:
            problems.append(_explain(error, file, fields))
    return tuple(problems) or (f"{file}: the file does not follow its schema.",)


def _digest(res: dict[str, Any]) -> str:
    """A fingerprint of everything a table's validity depends on: its file, its schema, and
    the files of the tables its foreign keys point to."""
    h = hashlib.sha256(_csv_path(res).read_bytes())
    schema = _schema(res)
    h.update(json.dumps(schema, sort_keys=True).encode())
    for fk in schema.get("foreignKeys", []):
        target = fk["reference"].get("resource")
        if target and target != res["name"]:
            h.update(_csv_path(_resource(target)).read_bytes())
    return h.hexdigest()


def validate(name: str | None = None) -> dict[str, list[str]]:
    """Check datasets against their schemas; return the problems found, per dataset.

    With no name, every dataset is checked. An empty list means the table is valid.

    >>> validate("r2p_timeline")
    {'r2p_timeline': []}
    """
    chosen = names() if name is None else [_resource(name)["name"]]
    out: dict[str, list[str]] = {}
    for n in chosen:
        try:
            out[n] = list(_validated(n, _digest(_resource(n))))
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
    """A dataset as a pandas DataFrame, checked against its schema first.

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
        raise DataValidationError(
            f"Dataset '{name}' does not follow its schema ({len(problems)} problem"
            f"{'s' if len(problems) != 1 else ''}):\n  - {lines}{tail}\n"
            "If you edited the file by hand, fix these cells or restore the original "
            "(`git checkout -- datasets/`); `r2pkit data validate` re-checks every table.",
            list(problems),
        )
    schema = _schema(res)
    frame = pd.read_csv(_csv_path(res), dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    return _convert(frame, schema["fields"])


# ------------------------------------------------------------------- list, describe
def _count_rows(path: Path) -> int:
    with path.open(newline="", encoding="utf-8") as fh:
        return max(sum(1 for _ in csv.reader(fh)) - 1, 0)


def _licence_names(res: dict[str, Any]) -> str:
    return "; ".join(lic.get("name") or lic.get("title", "") for lic in res.get("licenses", []))


def _source_titles(res: dict[str, Any]) -> str:
    return "; ".join(s.get("title", "") for s in res.get("sources", []))


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
    return pd.DataFrame(rows, columns=["name", "title", "rows", "source", "licence"])


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
    table = pd.DataFrame(rows, columns=["field", "type", "unit", "required", "description"])
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
    if style not in ("text", "bibtex"):
        raise UnknownNameError(f"Citation style '{style}' is not known: use 'text' or 'bibtex'.")
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

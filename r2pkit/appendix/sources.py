"""Who made each original source of the kit's datasets, and when: authors and years for citations.

The kit's data package (``datasets/datapackage.json``) describes each original source by a
title, a version and a URL, written as a reference would be (``Monica Hakimi, 'Toward a
Legal Theory …' (2014)``), but without separate author and year fields, which BibTeX,
CSL-JSON, CITATION.cff and a journal's data citations need. This module reads them *from
the source's own words*, never from elsewhere:

- the authors from the start of the title, where a person or an institution is named
  (a short table below says which names are persons, and gives an institution's full name
  where the title abbreviates it, e.g. ``UN Security Council``);
- the year from a date or a parenthesised year in the title (``(2014)``, ``(11 July 2023)``),
  else from the version (``refugees v2025.12.1``, ``2020 version``; commit hashes are
  ignored), else the year the kit retrieved the data (the data package's ``created``), and
  then the citation says so (``year_kind = "retrieved"``).

A source whose title names no author (the kit's copy of the resettlement article gives
none) is cited under the name the kit uses for it, with a note saying why.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Source", "DatasetRecord", "datasets_used", "package_info"]

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_YEAR_IN_TITLE = re.compile(rf"\((?:[^()]*?\b)?((?:19|20)\d{{2}})\)|\b\d{{1,2}} (?:{_MONTHS}) ((?:19|20)\d{{2}})\b")
_YEAR_ANYWHERE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_COMMIT = re.compile(r"\bcommit [0-9a-f]{7,40}\b")


def _person(family: str, given: str) -> dict[str, str]:
    return {"family": family, "given": given}


def _org(name: str) -> dict[str, str]:
    return {"literal": name}


# How a title names its authors: (pattern at the title's start, the authors it names, a note).
_AUTHORS: tuple[tuple[str, list[dict[str, str]], str], ...] = (
    (r"Monica Hakimi\b", [_person("Hakimi", "Monica")], ""),
    (r"Erik Voeten, Anton Strezhnev and Michael Bailey\b",
     [_person("Voeten", "Erik"), _person("Strezhnev", "Anton"), _person("Bailey", "Michael")], ""),
    (r"Adama Dieng and Jennifer Welsh\b", [_person("Dieng", "Adama"), _person("Welsh", "Jennifer")], ""),
    (r"UNA-UK\b", [_org("UNA-UK")], ""),
    (r"UN Security Council\b", [_org("United Nations Security Council")], ""),
    (r"UN Dag Hammarskjöld Library\b", [_org("United Nations Dag Hammarskjöld Library")], ""),
    (r"UN documents\b", [_org("United Nations")], "each row cites its own UN document"),
    (r"UNHCR\b", [_org("UNHCR")], ""),
    (r"The West Papua Genocide Monitor\b", [_org("The West Papua Genocide Monitor")], ""),
    (r"World Bank\b", [_org("World Bank")], ""),
    (r"United Nations\b", [_org("United Nations")], ""),
    (r"Rome Statute\b", [_org("public.law")], "the treaty's text as reproduced by public.law, which the title names"),
    (r"Article on resettlement\b", [_org("Resettlement article")],
     "the kit's copy of this article gives no author, title, date or venue; the kit calls it the "
     "'Resettlement article'"),
    (r"Dataset [a-z0-9_]+\b", [_org("r2pkit contributors")], "another dataset of the kit"),
)


@dataclass(frozen=True)
class Source:
    """One original source of a dataset, as a citation needs it."""

    key: str                      # the BibTeX key / CSL id: DATASET_sourceN
    title: str
    authors: list[dict[str, str]]  # CSL names: {"family", "given"} or {"literal"}
    year: int | None
    year_kind: str                # "published" (title), "version", or "retrieved" (by the kit)
    url: str = ""
    version: str = ""
    note: str = ""


@dataclass(frozen=True)
class DatasetRecord:
    """A dataset of the kit as an appendix cites and describes it."""

    name: str
    title: str
    description: str
    path: str                     # the CSV's path inside the data package
    schema: str | None            # the schema file's path, if the schema is a file
    licences: list[dict[str, str]]  # {"name", "path", "title"} as in the data package
    year: int                     # the year the kit's extract was made (data package 'created')
    sources: list[Source] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)  # the datasets its foreign keys point to


def package_info(datasets_dir: Path) -> dict[str, Any]:
    """The data package (``datapackage.json``) in ``datasets_dir``, as a dict."""
    return json.loads((Path(datasets_dir) / "datapackage.json").read_text(encoding="utf-8"))


def _authors(title: str) -> tuple[list[dict[str, str]], str]:
    for pattern, authors, note in _AUTHORS:
        if re.match(pattern, title):
            return authors, note
    head = title.split(",", 1)[0].strip()
    return [_org(head)], "author read from the start of the source's title"


def _year(title: str, version: str, retrieved: int) -> tuple[int | None, str]:
    m = _YEAR_IN_TITLE.search(title)
    if m:
        return int(m.group(1) or m.group(2)), "published"
    m = _YEAR_ANYWHERE.search(_COMMIT.sub("", version))
    if m:
        return int(m.group(1)), "version"
    return retrieved, "retrieved"


def source(key: str, raw: dict[str, Any], retrieved: int) -> Source:
    """A source of the data package as a citation needs it.

    >>> s = source("x_source1", {"title": "Monica Hakimi, 'Toward a Legal Theory on the Responsibility "
    ...                                    "to Protect', 39 Yale Journal of International Law 247 (2014)"}, 2026)
    >>> s.authors, s.year, s.year_kind
    ([{'family': 'Hakimi', 'given': 'Monica'}], 2014, 'published')
    >>> s = source("y_source1", {"title": "UNHCR Refugee Data Finder (population table), via the R package refugees",
    ...                          "version": "refugees v2025.12.1 (commit 0c16a6d0c2f37d8578f9b9e3d1e4459efe850398)"}, 2026)
    >>> s.authors[0]["literal"], s.year, s.year_kind
    ('UNHCR', 2025, 'version')
    >>> source("z_source1", {"title": "World Bank, World Development Indicators: GDP",
    ...                      "version": "datasets/gdp commit 822019c80142c162e4ca4eb1a63699ae36075078"}, 2026).year_kind
    'retrieved'
    """
    title = str(raw.get("title", ""))
    version = str(raw.get("version", ""))
    authors, note = _authors(title)
    year, kind = _year(title, version, retrieved)
    path = str(raw.get("path", ""))
    return Source(key, title, authors, year, kind, path if path.startswith(("http://", "https://")) else "",
                  version, note)


def datasets_used(names: list[str], datasets_dir: Path) -> list[DatasetRecord]:
    """The datasets ``names`` of the package in ``datasets_dir``, with their sources, in the order given."""
    pkg = package_info(datasets_dir)
    retrieved = int(str(pkg.get("created", "2026"))[:4])
    by_name = {r["name"]: r for r in pkg["resources"]}
    out = []
    for name in names:
        res = by_name[name]
        schema = res.get("schema")
        schema_dict = json.loads((Path(datasets_dir) / schema).read_text(encoding="utf-8")) \
            if isinstance(schema, str) else (schema or {})
        foreign = [fk["reference"]["resource"] for fk in schema_dict.get("foreignKeys", [])
                   if fk.get("reference", {}).get("resource") not in (None, "", name)]
        sources = [source(f"{name}_source{i}", s, retrieved) for i, s in enumerate(res.get("sources", []), 1)]
        out.append(DatasetRecord(name, res.get("title", name), res.get("description", ""), res["path"],
                                 schema if isinstance(schema, str) else None, list(res.get("licenses", [])),
                                 retrieved, sources, foreign))
    return out

"""Deposit metadata of a replication package: LICENSE, CITATION.cff, .zenodo.json and an RO-Crate.

A data editor (and a repository such as Zenodo) wants to know who made the package, under
what licence, what each file is and where the data came from, in forms machines read:

- ``LICENSE`` — the licence chosen for the package's own programs and files (MIT or
  BSD-3-Clause, full text), then the licence of each data extract, as its sources state it;
- ``CITATION.cff`` — how to cite the package (Citation File Format 1.2.0), with the kit and
  every data source as references;
- ``.zenodo.json`` — the metadata Zenodo reads when the package is deposited from a
  repository (title, creators, licence, keywords, references);
- ``ro-crate-metadata.json`` — an RO-Crate 1.3 (Research Object Crate: JSON-LD with
  schema.org terms), written with the maintained ``rocrate`` library: every file with its
  format and size, the data files with their licences and the sources they are based on,
  the software (Python, the kit, the packages), and the run itself as a ``CreateAction``
  whose instrument is the kit, whose objects are the configuration, programs and data and
  whose results are the notebooks, figures and tables.

All of it is deterministic: no clock is read. The date of the package is the date of the
kit's git commit (or ``SOURCE_DATE_EPOCH`` when set, the reproducible-builds convention).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from .. import __version__
from .sources import DatasetRecord, Source

__all__ = ["license_text", "citation_cff", "zenodo_json", "write_ro_crate", "LICENCES", "person"]

_MIT = """MIT License

Copyright (c) {year} {holders}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""

_BSD3 = """BSD 3-Clause License

Copyright (c) {year}, {holders}

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this
   list of conditions and the following disclaimer.

2. Redistributions in binary form must reproduce the above copyright notice,
   this list of conditions and the following disclaimer in the documentation
   and/or other materials provided with the distribution.

3. Neither the name of the copyright holder nor the names of its
   contributors may be used to endorse or promote products derived from
   this software without specific prior written permission.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
"""

#: The licences a package's own files can be put under (SPDX id → full text).
LICENCES = {"MIT": _MIT, "BSD-3-Clause": _BSD3}


def person(author: dict[str, str]) -> dict[str, str]:
    """An author of the config as CFF names: ``Family, Given`` is a person, anything else an entity.

    >>> person({"name": "Doe, Jane", "orcid": "https://orcid.org/0000-0002-1825-0097"})
    {'family-names': 'Doe', 'given-names': 'Jane', 'orcid': 'https://orcid.org/0000-0002-1825-0097'}
    >>> person({"name": "r2pkit contributors"})
    {'name': 'r2pkit contributors'}
    """
    name = author["name"]
    out: dict[str, str] = {}
    if "," in name:
        family, given = (p.strip() for p in name.split(",", 1))
        out = {"family-names": family, "given-names": given}
    else:
        out = {"name": name}
    for key in ("orcid", "affiliation"):
        if author.get(key):
            out[key] = author[key]
    return out


def _holders(authors: list[dict[str, str]]) -> str:
    return "; ".join(a["name"] for a in authors)


def license_text(licence: str, year: int, authors: list[dict[str, str]], datasets: list[DatasetRecord]) -> str:
    """The package's LICENSE: its own licence in full, then the licence of each data extract."""
    text = LICENCES[licence].format(year=year, holders=_holders(authors))
    lines = ["", "-" * 72, "",
             "This licence covers the package's programs (code/), its configuration and the files the build",
             "wrote from them (notebooks/, html/, figures/, tables/, README, metadata). It does not cover:", "",
             "- environment/r2pkit/, the r2pkit kit, under its own MIT licence (environment/r2pkit/LICENSE);",
             "- data/, the extracts of the kit's datasets, which keep the licences of their sources:", ""]
    for d in datasets:
        for lic in d.licences:
            url = f" ({lic['path']})" if lic.get("path") else ""
            lines.append(f"  - data/{d.path}: {lic.get('name', '')}{url}. {lic.get('title', '')}".rstrip())
    return text + "\n".join(lines) + "\n"


def _cff_names(names: list[dict[str, str]]) -> list[dict[str, str]]:
    return [{"name": n["literal"]} if "literal" in n else {"family-names": n["family"], "given-names": n["given"]}
            for n in names]


def _cff_source(s: Source) -> dict[str, Any]:
    ref: dict[str, Any] = {"type": "dataset", "title": s.title, "authors": _cff_names(s.authors)}
    if s.year is not None:
        ref["year"] = s.year
    if s.version:
        ref["version"] = s.version
    if s.url:
        ref["url"] = s.url
    if s.year_kind == "retrieved":
        ref["notes"] = "Year retrieved by the r2pkit kit; the source gives no date."
    return ref


def citation_cff(title: str, authors: list[dict[str, str]], licence: str, version: str, keywords: list[str],
                 datasets: list[DatasetRecord], kit_commit: str) -> str:
    """CITATION.cff (Citation File Format 1.2.0) for the package, citing the kit and every data source."""
    refs: list[dict[str, Any]] = [{
        "type": "software", "title": "r2pkit: a Jupyter teaching and research kit on the Responsibility to Protect",
        "authors": [{"name": "r2pkit contributors"}], "version": __version__, "license": "MIT",
        "notes": f"Git commit {kit_commit}; its source is in environment/r2pkit/."}]
    seen: set[str] = set()
    for d in datasets:
        refs.append({"type": "dataset", "title": d.title, "authors": [{"name": "r2pkit contributors"}],
                     "year": d.year, "version": __version__, "notes": f"r2pkit dataset {d.name}; data/{d.path}"})
        for s in d.sources:
            if s.title not in seen:
                seen.add(s.title)
                refs.append(_cff_source(s))
    cff: dict[str, Any] = {
        "cff-version": "1.2.0",
        "message": "If you use this replication package, please cite it as below, and cite the data sources "
                   "it lists (citations.bib).",
        "type": "dataset", "title": title, "authors": [person(a) for a in authors], "version": version,
        "license": licence, "keywords": keywords, "references": refs}
    return "# Citation File Format 1.2.0, written by r2pkit appendix build.\n" + yaml.safe_dump(
        cff, sort_keys=False, allow_unicode=True, width=100)


def zenodo_json(title: str, description: str, authors: list[dict[str, str]], licence: str, version: str,
                keywords: list[str], references: list[str]) -> str:
    """``.zenodo.json``: the metadata Zenodo reads for a deposit (no publication date: Zenodo sets it)."""
    creators = []
    for a in authors:
        c = {"name": a["name"]}
        if a.get("affiliation"):
            c["affiliation"] = a["affiliation"]
        if a.get("orcid"):
            c["orcid"] = a["orcid"].rsplit("/", 1)[-1]
        creators.append(c)
    meta = {"title": title, "upload_type": "dataset", "description": description, "creators": creators,
            "license": licence, "version": version, "keywords": keywords, "references": references,
            "notes": "Replication package built by r2pkit appendix build; see README.md."}
    return json.dumps(meta, indent=2, ensure_ascii=False) + "\n"


_FORMATS = {".csv": "text/csv", ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png",
            ".ipynb": "application/x-ipynb+json", ".html": "text/html", ".md": "text/markdown", ".py": "text/x-python",
            ".yaml": "application/yaml", ".txt": "text/plain", ".cff": "application/yaml", ".bib": "application/x-bibtex",
            ".toml": "application/toml"}


def _entity_id(s: Source) -> str:
    return s.url if s.url else f"#{s.key}"


def write_ro_crate(folder: Path, *, title: str, description: str, authors: list[dict[str, str]], licence: str,
                   date: str, keywords: list[str], datasets: list[DatasetRecord], roles: dict[str, str],
                   software: dict[str, str], python: str, exhibits: dict[str, str]) -> None:
    """Write ``ro-crate-metadata.json`` describing the files of ``folder``.

    ``roles`` maps each file (relative path) to what it is in the run: ``config``, ``program``,
    ``data``, ``result`` or ``other``; ``exhibits`` maps an exhibit file to its title.
    """
    import warnings

    from rocrate.model.contextentity import ContextEntity
    from rocrate.model.person import Person
    from rocrate.rocrate import ROCrate

    crate = ROCrate(gen_preview=False)
    crate.name = title
    crate.description = description
    crate.datePublished = date
    root = crate.root_dataset
    root["keywords"] = keywords
    licence_entity = crate.add(ContextEntity(crate, f"https://spdx.org/licenses/{licence}",
                                             properties={"@type": "CreativeWork", "name": licence}))
    root["license"] = licence_entity
    people = []
    for i, a in enumerate(authors, 1):
        props = {"name": a["name"]}
        if a.get("affiliation"):
            props["affiliation"] = a["affiliation"]
        people.append(crate.add(Person(crate, a.get("orcid") or f"#author-{i}", properties=props)))
    root["author"] = people
    language = crate.add(ContextEntity(crate, "#python", properties={
        "@type": "ComputerLanguage", "name": "Python", "version": python, "url": "https://www.python.org/"}))
    kit = crate.add(ContextEntity(crate, "#r2pkit", properties={
        "@type": "SoftwareApplication", "name": "r2pkit", "softwareVersion": __version__,
        "description": "The kit that ran the notebooks and built this package; its source is environment/r2pkit/.",
        "license": "https://spdx.org/licenses/MIT"}))
    tools = [crate.add(ContextEntity(crate, f"#software-{name.lower()}", properties={
        "@type": "SoftwareApplication", "name": name, "softwareVersion": version}))
        for name, version in software.items()]
    kit["softwareRequirements"] = tools
    sources: dict[str, Any] = {}
    for d in datasets:
        for s in d.sources:
            if _entity_id(s) in sources:
                continue
            props: dict[str, Any] = {"@type": "CreativeWork", "name": s.title,
                                     "author": [n.get("literal") or f"{n['given']} {n['family']}" for n in s.authors]}
            if s.year is not None:
                props["datePublished"] = str(s.year)
            if s.version:
                props["version"] = s.version
            sources[_entity_id(s)] = crate.add(ContextEntity(crate, _entity_id(s), properties=props))
    root["citation"] = list(sources.values())
    licences: dict[str, Any] = {"": licence_entity}
    data_licence: dict[str, list[Any]] = {}
    for d in datasets:
        ents = []
        for lic in d.licences:
            key = lic.get("path") or f"#licence-{lic.get('name', '')}"
            if key not in licences:
                licences[key] = crate.add(ContextEntity(crate, key, properties={
                    "@type": "CreativeWork", "name": lic.get("name", ""), "description": lic.get("title", "")}))
            ents.append(licences[key])
        data_licence[f"data/{d.path}"] = ents
    based_on = {f"data/{d.path}": [sources[_entity_id(s)] for s in d.sources] for d in datasets}
    entities: dict[str, list[Any]] = {"config": [], "program": [], "data": [], "result": []}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "No source for ...": the files are already in place
        for rel in sorted(roles):
            path = folder / rel
            props: dict[str, Any] = {"name": Path(rel).name}
            fmt = _FORMATS.get(path.suffix)
            if fmt:
                props["encodingFormat"] = fmt
            if path.is_file():
                props["contentSize"] = str(path.stat().st_size)
            if rel in exhibits:
                props["description"] = exhibits[rel]
            if roles[rel] == "program":
                props["@type"] = ["File", "SoftwareSourceCode"]
                props["programmingLanguage"] = language
            if rel in data_licence:
                props["license"] = data_licence[rel]
                props["isBasedOn"] = based_on[rel]
            entity = crate.add_file(dest_path=rel, properties=props)
            entities.setdefault(roles[rel], []).append(entity)
    action = crate.add_action(kit, identifier="#build", object=entities["config"] + entities["program"] + entities["data"],
                              result=entities["result"], properties={
                                  "name": f"r2pkit appendix build: {title}", "actionStatus":
                                  {"@id": "http://schema.org/CompletedActionStatus"}, "agent": people[:1] or None})
    if action.get("agent") is None:
        del action["agent"]
    root["mentions"] = [action]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        crate.metadata.write(folder)

"""Citations for an appendix and for the kit's website: the datasets, their sources, the kit, the seeds.

Every dataset is cited twice over: the kit's extract (``r2pkit_NAME``: the r2pkit
contributors, the year the data package was made) and each original source it was compiled
from (``NAME_sourceN``), with the authors and year read from the source's own description
(:mod:`r2pkit.appendix.sources` says how, and where the year is only the year the kit
retrieved the data, the entry says so). :func:`bibtex` writes BibTeX; :func:`csl_json`
gives the same entries, with the same keys, as CSL-JSON (the Citation Style Language's data
format, read by Zotero, Pandoc and most reference managers); :func:`kit_bibtex` and
:func:`kit_csl` cite the kit itself, from its ``CITATION.cff``.

:data:`SEEDS_BIBTEX` holds the three texts the kit is built on, as far as the kit's
copies of them say: the resettlement article's copy gives no title, author, date or
venue, so its entry is labelled 'Resettlement article' (the kit's name for it) and says so
rather than guessing.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import __version__, data
from .sources import DatasetRecord, Source, datasets_used

__all__ = ["bibtex", "csl_json", "kit_bibtex", "kit_csl", "SEEDS_BIBTEX", "references_bib"]

#: The seed texts as BibTeX (keys used by the kit's website: hakimi2014, unauk2013, resettlement).
SEEDS_BIBTEX = r"""@article{hakimi2014,
  author = {Hakimi, Monica},
  title = {Toward a Legal Theory on the Responsibility to Protect},
  journal = {Yale Journal of International Law},
  volume = {39},
  number = {2},
  pages = {247--280},
  year = {2014},
  url = {https://repository.law.umich.edu/articles/1261}
}

@misc{unauk2013,
  author = {{UNA-UK}},
  title = {{UNA-UK} roundtable on the responsibility to protect: Summary of proceedings and recommendations},
  year = {2013},
  note = {Roundtable of 16 April 2013; 7 pages}
}

@misc{resettlement,
  author = {{Resettlement article}},
  title = {Article on resettlement as a way to discharge {R2P's} third pillar, with {Syria} and the {UK} as its case},
  note = {The kit's copy of this article gives no title, author, date or venue; the kit calls it the
          'Resettlement article' and cites it by section heading and footnote}
}"""


def _records(names: Iterable[str], datasets_dir: Path | None = None) -> list[DatasetRecord]:
    return datasets_used(list(names), datasets_dir or data.DATASETS_DIR)


def _escape(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", str(text))


def _bib_names(names: list[dict[str, str]]) -> str:
    return " and ".join(f"{{{_escape(n['literal'])}}}" if "literal" in n else f"{n['family']}, {n['given']}"
                        for n in names)


def _licence_text(rec: DatasetRecord) -> str:
    return "; ".join(lic.get("name") or lic.get("title", "") for lic in rec.licences)


def _year_note(src: Source) -> str:
    if src.year_kind == "retrieved":
        return "Year retrieved by the r2pkit kit; the source gives no date"
    if src.year_kind == "version":
        return "Year of the version used"
    return ""


def bibtex(names: Iterable[str], datasets_dir: Path | None = None) -> str:
    """BibTeX for the datasets ``names``: the kit's extract, then each original source with authors and year.

    >>> text = bibtex(["unsc_syria_vetoes"])
    >>> text.startswith("@misc{r2pkit_unsc_syria_vetoes,") and "unsc_syria_vetoes_source1" in text
    True
    >>> "author = {{World Politics Data Lab}}" in text and "year = {2022}" in text
    True
    """
    entries = []
    for rec in _records(names, datasets_dir):
        entries.append(
            f"@misc{{r2pkit_{rec.name},\n"
            f"  author = {{{{r2pkit contributors}}}},\n"
            f"  title = {{{_escape(rec.title)}}},\n"
            f"  year = {{{rec.year}}},\n"
            f"  howpublished = {{r2pkit {__version__}, dataset {_escape(rec.name)}}},\n"
            f"  note = {{Licence: {_escape(_licence_text(rec))}}}\n}}")
        for src in rec.sources:
            fields = [f"  author = {{{_bib_names(src.authors)}}}", f"  title = {{{_escape(src.title)}}}"]
            if src.year is not None:
                fields.append(f"  year = {{{src.year}}}")
            if src.version:
                fields.append(f"  version = {{{_escape(src.version)}}}")
            if src.url:
                fields.append(f"  url = {{{src.url}}}")
            note = "; ".join(x for x in (_year_note(src), src.note) if x)
            if note:
                fields.append(f"  note = {{{_escape(note)}}}")
            entries.append(f"@misc{{{src.key},\n" + ",\n".join(fields) + "\n}")
    return "\n\n".join(entries) + "\n"


def csl_json(names: Iterable[str], datasets_dir: Path | None = None) -> list[dict[str, Any]]:
    """CSL-JSON items for the datasets ``names``: the kit's extract, then its original sources.

    Item ids are the BibTeX keys of :func:`bibtex`.

    >>> items = csl_json(["syria_refugees_by_host"])
    >>> items[0]["id"], items[0]["type"], items[1]["id"]
    ('r2pkit_syria_refugees_by_host', 'dataset', 'syria_refugees_by_host_source1')
    >>> items[1]["author"], items[1]["issued"]
    ([{'literal': 'UNHCR'}], {'date-parts': [[2025]]})
    """
    items: list[dict[str, Any]] = []
    for rec in _records(names, datasets_dir):
        items.append({
            "id": f"r2pkit_{rec.name}",
            "type": "dataset",
            "author": [{"literal": "r2pkit contributors"}],
            "title": rec.title,
            "issued": {"date-parts": [[rec.year]]},
            "version": __version__,
            "publisher": "r2pkit",
            "note": f"Dataset {rec.name} (datasets/{rec.path}). Licence: {_licence_text(rec)}",
        })
        for src in rec.sources:
            item: dict[str, Any] = {"id": src.key, "type": "dataset", "author": src.authors, "title": src.title}
            if src.year is not None:
                item["issued"] = {"date-parts": [[src.year]]}
            if src.version:
                item["version"] = src.version
            if src.url:
                item["URL"] = src.url
            note = "; ".join(x for x in (_year_note(src), src.note) if x)
            if note:
                item["note"] = note
            items.append(item)
    return items


def _kit_cff() -> dict[str, Any]:
    import yaml

    from .config import KIT_ROOT

    path = KIT_ROOT / "CITATION.cff"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}


def kit_bibtex(year: int, commit: str) -> str:
    """The kit itself as a BibTeX ``@software`` entry (key ``r2pkit``), from its CITATION.cff."""
    cff = _kit_cff()
    title = cff.get("title", "r2pkit")
    authors = [{"literal": a["name"]} if "name" in a else {"family": a["family-names"], "given": a.get("given-names", "")}
               for a in cff.get("authors", [{"name": "r2pkit contributors"}])]
    return (f"@software{{r2pkit,\n  author = {{{_bib_names(authors)}}},\n  title = {{{_escape(title)}}},\n"
            f"  version = {{{__version__}}},\n  year = {{{year}}},\n  note = {{Git commit {_escape(commit)}; "
            f"licence {_escape(cff.get('license', 'MIT'))}}}\n}}\n")


def kit_csl(year: int, commit: str) -> dict[str, Any]:
    """The kit itself as a CSL-JSON item (id ``r2pkit``), from its CITATION.cff."""
    cff = _kit_cff()
    authors = [{"literal": a["name"]} if "name" in a else {"family": a["family-names"], "given": a.get("given-names", "")}
               for a in cff.get("authors", [{"name": "r2pkit contributors"}])]
    return {"id": "r2pkit", "type": "software", "author": authors, "title": cff.get("title", "r2pkit"),
            "version": __version__, "issued": {"date-parts": [[year]]},
            "note": f"Git commit {commit}; licence {cff.get('license', 'MIT')}"}


def references_bib(names: Iterable[str] | None = None) -> str:
    """The seeds and the datasets (every one by default) as one BibTeX file, for the kit's website.

    >>> bib = references_bib(["r2p_timeline"])
    >>> "@article{hakimi2014," in bib and "@misc{r2pkit_r2p_timeline," in bib
    True
    """
    chosen = data.names() if names is None else list(names)
    return SEEDS_BIBTEX + "\n\n" + bibtex(chosen)

"""Citations for an appendix and for the kit's website: the datasets and the three seed texts.

The BibTeX of a dataset is :func:`r2pkit.data.cite` (``style="bibtex"``): one entry for
the kit's extract and one per original source it was compiled from. :func:`csl_json`
gives the same entries, with the same keys, as CSL-JSON (the Citation Style Language's
data format, read by Zotero, Pandoc and most reference managers), so an author can cite
in either world.

:data:`SEEDS_BIBTEX` holds the three texts the kit is built on, as far as the kit's
copies of them say: the resettlement article's copy gives no title, author, date or
venue, so its entry is labelled 'Resettlement article' (the kit's name for it) and says so
rather than guessing.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import __version__, data

__all__ = ["bibtex", "csl_json", "SEEDS_BIBTEX", "references_bib"]

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


def bibtex(names: Iterable[str]) -> str:
    """BibTeX for the datasets ``names`` (each with its sources), in the order given.

    >>> text = bibtex(["unsc_syria_vetoes"])
    >>> text.startswith("@misc{r2pkit_unsc_syria_vetoes,") and "unsc_syria_vetoes_source1" in text
    True
    """
    return "\n\n".join(data.cite(n, style="bibtex") for n in names) + "\n"


def _year() -> int:
    return int(str(data._package().get("created", "2026"))[:4])


def csl_json(names: Iterable[str]) -> list[dict[str, Any]]:
    """CSL-JSON items for the datasets ``names``: the kit's extract, then its original sources.

    Item ids are the BibTeX keys of :func:`bibtex`.

    >>> items = csl_json(["syria_refugees_by_host"])
    >>> items[0]["id"], items[0]["type"], items[1]["id"]
    ('r2pkit_syria_refugees_by_host', 'dataset', 'syria_refugees_by_host_source1')
    """
    items: list[dict[str, Any]] = []
    for name in names:
        res = data._resource(name)
        licence = data._licence_names(res)
        items.append({
            "id": f"r2pkit_{name}",
            "type": "dataset",
            "author": [{"literal": "r2pkit contributors"}],
            "title": res.get("title", name),
            "issued": {"date-parts": [[_year()]]},
            "version": __version__,
            "publisher": "r2pkit",
            "note": f"Dataset {name} (datasets/{res['path']}). Licence: {licence}",
        })
        for i, s in enumerate(res.get("sources", []), start=1):
            item: dict[str, Any] = {"id": f"{name}_source{i}", "type": "dataset", "title": s.get("title", "")}
            if s.get("version"):
                item["version"] = str(s["version"])
            if str(s.get("path", "")).startswith(("http://", "https://")):
                item["URL"] = s["path"]
            items.append(item)
    return items


def references_bib(names: Iterable[str] | None = None) -> str:
    """The seeds and the datasets (every one by default) as one BibTeX file, for the kit's website.

    >>> bib = references_bib(["r2p_timeline"])
    >>> "@article{hakimi2014," in bib and "@misc{r2pkit_r2p_timeline," in bib
    True
    """
    chosen = data.names() if names is None else list(names)
    return SEEDS_BIBTEX + "\n\n" + bibtex(chosen)

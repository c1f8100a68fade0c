"""No typed figures in the notebooks' narrative: every number a reader takes as a finding is
computed in a cell from the datasets, never written into the prose by hand.

What counts. The test reads the Markdown cells of the course notebooks (all but the appendix
template, 06; their ``.py`` sources, the
text of record) and looks at every run of digits. A number is allowed in prose only when it is
not a figure, that is when it is:

- a year or a range of years (1994, 2011–2013), or a day of the month beside a month's name;
- a locator: a page, footnote, paragraph or article (p. 248, pp. 270–71, n. 161, nn. 5–6, fn 49,
  fnn 57–58, ¶ 4, para 12, paragraphs 138 and 139, art. 41), or the number of a section,
  session, part, claim, question, exercise, notebook, risk factor, indicator, pillar or level
  of the kit's own scale, a numbered heading or list item;
- part of a document symbol or citation (S/RES/1894, A/66/551, S/PV.6627, GA/11871, resolution
  60/1, a Security Council resolution number that the timeline dataset cites as S/RES/<number>,
  the volume and first page of a law report such as 39 Yale J. Int'l L. 247), or of a name (R2P,
  01_history);
- inside a quotation of a source (‘…’ or “…”: the quotation tests check those word for word)
  or inside code (`n=20_000`);
- a unit of measure or a constant of a formula that the text defines (per 1,000 inhabitants,
  US$1 of GDP; 0, 0.5 and 1 in "0 = perfect" or "openness = 1 − …").

Anything else (a count, a share, a tally, a total) must come from a computed cell. A failure
names the notebook, the number and its line.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.py") if "appendix" not in p.name)
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
          "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
SEP = r"\s*(?:–|-|,|and|&|or)\s*"

ALLOWED = [
    # quotations of a source, and code
    r"‘.+?’(?![A-Za-z])", r"“.+?”", r'"[^"\n]*"', r"`[^`]*`",
    # document symbols and identifiers
    r"\b[A-Z][A-Za-z]*(?:/[A-Za-z0-9.()\-]+)+", r"\bS/PV\.\d+", r"\b\d+/\d+\b",
    r"\b\w*[A-Za-z]\d\w*\b", r"\b\d+[A-Za-z_]\w*\b",
    # law-report citations: volume, title, first page
    r"\b\d+\s+I\.C\.J\.\s*\d+", r"\b\d+\s+\*?Yale[^*\d]*\*?\s+\d+",
    # days of the month, years and ranges of years
    rf"\b\d{{1,2}}\s+(?:{MONTHS})\b", rf"\b(?:{MONTHS})\.?\s+\d{{1,2}}\b",
    r"\b(?:19|20)\d\d(?:\s*(?:–|-)\s*(?:19|20)?\d\d)?\b",
    # locators in a source
    rf"(?:\b(?:pp?|nn?|fnn?|paras?|arts?)|¶+)\.?\s*\d+[a-z]?(?:\([a-z]\))?(?:{SEP}(?:nn?\.\s*)?\d+[a-z]?(?:\([a-z]\))?)*",
    rf"\bparagraphs?\s+\d+(?:{SEP}\d+)*",
    # numbers of the kit's and the sources' own divisions and scales
    rf"(?i:\b(?:section|session|part|claim|question|exercise|notebook|risk factor|indicator|pillar|level|step|annex)s?"
    rf"\s+(?:\*\*)?[\dIVX][\dIVX.A-Z]*(?:\*\*)?(?:{SEP}[\dIVX][\dIVX.]*)*)",
    r"^#+\s+[\d.]+", r"^\s*(?:-\s+)?\d+\.\s",
    # units and the constants of a formula the text defines
    r"\bper 1,000\b", r"US\$1\b", r"(?<![\d.,])(?:0\.5|0|1)(?![\d,]|\.\d)",
]
NUMBER = re.compile(r"\d[\d,.]*%?")


def _resolution_numbers() -> set[str]:
    timeline = pd.read_csv(ROOT / "datasets" / "r2p_timeline.csv", dtype=str, keep_default_na=False)
    return set(re.findall(r"S/RES/(\d+)", " ".join(timeline["document"])))


def _pattern() -> re.Pattern[str]:
    numbers = "|".join(sorted(_resolution_numbers()))
    symbols = rf"(?:\*\*)?\b(?:{numbers})\b(?:\*\*)?"
    return re.compile("|".join(f"(?:{a})" for a in ALLOWED + [symbols]), re.M | re.S)


def markdown_cells(source: str) -> list[tuple[int, str]]:
    """The Markdown cells of a jupytext percent file: (first line number, text without '# ')."""
    cells: list[tuple[int, str]] = []
    current: list[str] = []
    start, in_markdown = 0, False
    for number, line in enumerate(source.split("\n"), start=1):
        if line.startswith("# %%"):
            if in_markdown and current:
                cells.append((start, "\n".join(current)))
            current, start, in_markdown = [], number + 1, "[markdown]" in line
            continue
        if in_markdown:
            current.append(line[2:] if line.startswith("# ") else line.lstrip("#"))
    if in_markdown and current:
        cells.append((start, "\n".join(current)))
    return cells


def typed_figures(source: str, pattern: re.Pattern[str] | None = None) -> list[tuple[int, str, str]]:
    """(line, number, line's text) for every number in the prose that is not allowed above."""
    pattern = pattern or _pattern()
    found = []
    for start, cell in markdown_cells(source):
        masked = pattern.sub(lambda m: " " * len(m.group(0)), cell)
        for m in NUMBER.finditer(masked):
            offset = cell[:m.start()].count("\n")
            found.append((start + offset, m.group(0).rstrip(",."), cell.split("\n")[offset].strip()))
    return found


def test_the_rule_catches_typed_figures_and_lets_locators_pass():
    text = ("# %% [markdown]\n"
            "# Lebanon hosted 1,062,690 refugees, 16% of its people (p. 274 n. 161; S/RES/1894, para 3).\n"
            "# In 2015 (28 April 2006) ‘almost 5 million’ refugees; see section 4 and `n=20_000`.\n"
            "# %%\nx = 1062690\n")
    assert [n for _, n, _ in typed_figures(text)] == ["1,062,690", "16%"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_typed_figures_in_the_narrative(notebook):
    found = typed_figures(notebook.read_text(encoding="utf-8"))
    assert not found, "typed figures (compute them in a cell instead):\n" + "\n".join(
        f"  {notebook.name}:{line}: {number!r} in: {text}" for line, number, text in found)


def test_every_narrative_notebook_is_checked():
    assert [p.stem[:2] for p in NOTEBOOKS] == ["00", "01", "02", "03", "04", "05", "07"]

"""Notebook 05's text: every quotation in ‘…’ is word for word in a seed."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import jupytext
import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
NOTEBOOK = ROOT / "notebooks" / "05_prevention_toolbox.py"


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    for a, b in (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", re.sub(r"</?u>", "", text)).strip()


def test_quotations_in_notebook_05_are_in_the_seeds():
    if not SEEDS.exists():
        pytest.skip(f"seed texts not found at {SEEDS}: this check needs the project's shared/seeds folder")
    seeds = " ".join(_norm(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt")))
    notebook = jupytext.read(NOTEBOOK)
    text = "\n".join(c.source for c in notebook.cells)
    quotes = re.findall(r"‘(.+?)’(?![A-Za-z])", text, flags=re.S)
    assert len(quotes) >= 30
    for quote in quotes:
        for part in _norm(quote).split("…"):
            assert part.strip(" .") in seeds, f"not word for word in a seed: {part!r}"

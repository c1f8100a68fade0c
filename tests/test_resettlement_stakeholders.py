"""The stakeholder map: every cell grounded in the resettlement article's own words, and the functions on it.

The grounding tests read the article itself (../shared/seeds, beside the repository) and
skip, saying why, when it is absent.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from r2pkit import data
from r2pkit.errors import R2PKitError, UnknownNameError
from r2pkit.resettlement import framing_support, stakeholder_map, stakeholders as S

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_e9a07972151539a0.txt"
QUOTED = re.compile(r"‘((?:[^‘’]|‘[^‘’]*’)*)’")  # ‘…’, allowing one level of ‘…’ inside


def squeeze(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def article() -> str:
    if not SEED.exists():
        pytest.skip(f"the resettlement article is not at {SEED}: these checks need the project's shared/seeds folder")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return data.load("resettlement_stakeholders")


def test_grid_is_complete(table):
    assert len(table) == len(S.ACTORS) * len(S.FRAMINGS) == 35
    assert set(zip(table["actor"], table["framing"])) == {(a, f) for a in S.ACTORS for f in S.FRAMINGS}


def test_silence_is_said_and_not_filled(table):
    silent = table["support"] == "not discussed"
    assert (silent == (table["basis"] == "not discussed")).all()
    assert table.loc[silent, "note"].str.contains("the kit does not fill").all()
    assert table.loc[~silent, "quotation"].notna().all(), "every position rests on the article's words"
    assert silent.sum() > 0


def test_argued_positions_are_told_apart_from_reported_ones(table):
    # 'open to' is the article's expectation, never a reported stance
    assert (table.loc[table["support"] == "open to", "basis"] == "argued").all()
    assert set(table["basis"]) == {"reported", "argued", "not discussed"}


def test_quotations_are_verbatim(article, table):
    text = squeeze(article)
    for row in table.dropna(subset=["quotation"]).itertuples():
        assert squeeze(row.quotation) in text, (row.actor, row.framing)


def test_words_in_single_quotes_are_verbatim(article, table):
    text = squeeze(article)
    found = 0
    for row in table.itertuples():
        for column in ("reason", "note"):
            value = getattr(row, column)
            for quoted in QUOTED.findall(value if isinstance(value, str) else ""):
                found += 1
                assert squeeze(quoted) in text, (row.actor, row.framing, column, quoted)
    assert found >= 30


def test_sources_name_real_headings_and_footnotes(article, table):
    headings = {line.strip() for line in article.splitlines() if line.strip() and len(line.strip()) < 100}
    notes = {int(n) for n in re.findall(r"\[footnoteRef:(\d+)\]", article)}
    for row in table.itertuples():
        assert row.source.startswith("Resettlement article")
        cited = re.findall(r"'((?:[^']|‘[^’]*’)+)'", row.source)
        assert cited or "no passage" in row.source, row.source
        for heading in cited:
            assert heading in headings, (row.actor, row.framing, heading)
        for group in re.findall(r"fnn? ([\d–, ]+)", row.source):
            for part in re.findall(r"\d+(?:–\d+)?", group):
                lo, _, hi = part.partition("–")
                for n in range(int(lo), int(hi or lo) + 1):
                    assert n in notes, (row.actor, row.framing, n)


def test_reasons_are_one_line(table):
    assert not table["reason"].str.contains("\n").any()
    assert (table["reason"].str.len() <= 220).all()


def test_map_grid_and_framing_support(table):
    grid = stakeholder_map(table)
    assert list(grid.index) == list(S.ACTORS) and list(grid.columns) == list(S.FRAMINGS)
    expected = table.set_index(["actor", "framing"])["support"]
    for actor in S.ACTORS:
        for framing in S.FRAMINGS:
            assert grid.loc[actor, framing] == expected[(actor, framing)]
    rows = framing_support("asylum linked to R2P", table)
    levels = [S.SUPPORT_LEVELS[s] for s in rows["support"]]
    spoken = [v for v in levels if v is not None]
    assert spoken == sorted(spoken, reverse=True)
    assert all(v is None for v in levels[len(spoken):]), "silent actors come last"
    assert rows.iloc[0]["actor"] == "R2P scholars and advocates"
    assert set(rows.loc[rows["support"] == "resists", "actor"]) == {"remote resettlement states",
                                                                     "migration practitioners"}


def test_framing_sentence_keeps_reported_and_argued_apart(table):
    text = S.framing_sentence("resettlement linked to R2P", table)
    assert "Supports: R2P scholars and advocates (argued)." in text
    assert "remote resettlement states (argued)" in text
    assert "The article does not discuss: host states." in text


def test_unknown_framing_and_column(table):
    with pytest.raises(UnknownNameError, match="Did you mean 'military intervention'"):
        framing_support("military", table)
    with pytest.raises(UnknownNameError, match="Did you mean 'reason'"):
        stakeholder_map(table, "reasons")
    with pytest.raises(R2PKitError, match="resettlement_stakeholders"):
        framing_support("military intervention", pd.DataFrame({"actor": []}))

"""Checks on the curated R2P timeline (datasets/r2p_timeline.csv).

The timeline must stay faithful to the kit's three seeds: the checks below look for the events
the kit needs, the date rules, a seed named in every `source`, the paragraph pinpoints, the
quotations (word for word in a seed) and the Syria vetoes (against the reference veto list).

The seed and reference cross-checks need ``../shared`` beside the repository (as on the
developers' machines and in CI); without it those tests skip with a reason that says so.
"""
from __future__ import annotations

import csv
import json
import os
import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
CSV = ROOT / "datasets" / "r2p_timeline.csv"
SCHEMA = ROOT / "datasets" / "schemas" / "r2p_timeline.schema.json"

SEED_FILES = {
    "resettlement": "000_e9a07972151539a0.txt",
    "roundtable": "003_f51fcdb6ea81d116.txt",
    "hakimi": "004_5a06fc4bbcc9a210.txt",
}
# How `source` names each seed (the kit's citation convention).
SEED_NAMES = ("Resettlement article", "UNA-UK roundtable summary", "Hakimi")

# Events the kit's notebooks rely on: event_id -> text the `document` cell must contain.
REQUIRED = {
    "rwanda-genocide": None,
    "kosovo-report": "Kosovo Report",
    "iciss-report": "ICISS",
    "world-summit-outcome": "A/RES/60/1, paras 138–139",
    "unsc-res-1674": "S/RES/1674",
    "unsc-res-1894": "S/RES/1894",
    "sg-report-2009": "A/63/677",
    "sg-report-2012": "A/66/874–S/2012/578",
    "unsc-res-1970": "S/RES/1970",
    "unsc-res-1973": "S/RES/1973",
    "brazil-responsibility-while-protecting": "A/66/551",
    "syria-veto-2011-10": "S/2011/612",
    "syria-icc-referral-veto": "S/2014/348",
    "syria-crossborder-veto-2023": "S/2023/506",
    "una-uk-roundtable": "UNA-UK",
    "uk-svpr-launch": None,
    "uk-svpr-20000": None,
    "germany-open-door-2015": None,
    "genocide-case-judgment": "2007 I.C.J.",
    "armed-activities-judgment": "2005 I.C.J. 168",
}

# Every paragraph pinpoint in `document` must be one the seeds cite. For each row with a
# pinpoint: the passages of the seeds (word for word) that cite those paragraphs.
PINPOINTS = {
    "rwanda-genocide": [("hakimi", "See ICISS REPORT, *supra* note 9, ¶¶ 1.1-.4.")],
    "high-level-panel-report": [("hakimi", "¶ 201, U.N. Doc. A/59/565 (Dec. 2, 2004)")],
    "in-larger-freedom": [("hakimi", "¶¶ 132, 135, U.N. Doc. A/59/2005 (Mar. 21, 2005)")],
    "world-summit-outcome": [
        ("resettlement", "endorsed paragraphs 138 and 139 of the World Summit Outcome Document"),
        ("hakimi", "G.A. Res. 60/1, ¶¶ 138-39, U.N. Doc. A/RES/60/1 (Sept. 16, 2005)"),
    ],
    "armed-activities-judgment": [
        ("hakimi", "2005 I.C.J. 168, ¶ 173 (identifying this standard)"),
        ("hakimi", "120. *Id.* ¶ 178."),
    ],
    "veto-restraint-draft": [("hakimi", "Annex, ¶ 13, U.N. Doc. A/60/L.49 (Mar. 17, 2006)")],
    "unsc-res-1674": [("hakimi", "S.C. Res. 1674, ¶ 4, U.N. Doc. S/RES/1674 (Apr. 28, 2006)")],
    "unsc-res-1706-darfur": [("hakimi", "S.C. Res. 1706, ¶ 12(a), U.N. Doc. S/RES/1706 (Aug. 31, 2006)")],
    "genocide-case-judgment": [
        ("hakimi", "2007 I.C.J. 47, ¶ 430 (Feb. 26)"),
        ("hakimi", "2007 I.C.J. 47, ¶ 438 (Feb. 26)"),
    ],
    "sg-report-2009": [
        ("resettlement", "A/63/677, 12 January 2009, para. 68"),
        ("hakimi", "*Implementing the Responsibility to Protect: Rep. of the Secretary-General*, *supra* note 2, ¶ 11"),
    ],
    "unsc-res-1894": [("hakimi", "S.C. Res. 1894, ¶ 3, U.N. Doc. S/RES/1894 (Nov. 11, 2009)")],
    "unsc-res-1970": [("hakimi", "S.C. Res. 1970, ¶ 12, U.N. Doc. S/RES/1970 (Feb. 26, 2011)")],
    "sg-report-2012": [("resettlement", "A/66/874-S/2012/578, 25 July 2012, (para. 13)")],
    "sg-report-2013": [
        ("hakimi", "*Responsibility to Protect: State Responsibility and Prevention: Rep. of the Secretary-General*, *supra* note 4, ¶¶ 30-64"),
    ],
}

# Words in `note` that flag a symbol, date or event taken from outside the seeds.
OUTSIDE_FLAGS = ("not in the seeds", "outside the seeds", "not from the seeds", "not discussed in the seeds")

UN_SYMBOL = re.compile(r"\b[AS]/[A-Za-z0-9./-]*[A-Za-z0-9]")
PARA_LIST = re.compile(r"(?:\bparagraphs?\b|\bparas?\b\.?|¶+)\s*((?:\d+(?:\.\d+)?(?:\([a-z]\))?(?:\s*(?:–|-|,|and)\s*)?)+)")
NUMBER = re.compile(r"\d+(?:\.\d+)?")
QUOTE = re.compile(r"‘(.+?)’(?![A-Za-z])")


def _norm(text: str) -> str:
    """Fold typographic quotes and dashes and collapse white space, for word-for-word search."""
    text = unicodedata.normalize("NFC", text)
    for a, b in (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"), ("\u00a0", " ")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip()


def _expand_ranges(text: str) -> str:
    """Write out abbreviated law-review ranges: '138-39' -> '138-139', '1.1-.4' -> '1.1-1.4'."""
    text = re.sub(r"(\d+)\.(\d+)-\.(\d+)", r"\1.\2-\1.\3", text)

    def full(m: re.Match) -> str:
        a, b = m.group(1), m.group(2)
        if len(b) < len(a):
            b = a[: len(a) - len(b)] + b
        return f"{a}-{b}"

    return re.sub(r"(?<![\d.])(\d+)-(\d+)(?![\d.])", full, text)


def _seeds_dir() -> Path:
    env = os.environ.get("R2PKIT_SEEDS")
    return Path(env) if env else ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The folder of the three seed texts, or skip the test with a clear reason."""
    path = _seeds_dir()
    if not all((path / name).exists() for name in SEED_FILES.values()):
        pytest.skip(
            f"seed texts not found at {path}: these checks need the project's shared/seeds "
            "folder beside the repository (or R2PKIT_SEEDS set to it)"
        )
    return path


@pytest.fixture(scope="session")
def seeds(seeds_dir: Path) -> dict[str, str]:
    """Seed key -> normalised text."""
    return {k: _norm((seeds_dir / v).read_text(encoding="utf-8")) for k, v in SEED_FILES.items()}


@pytest.fixture(scope="module")
def timeline() -> pd.DataFrame:
    return pd.read_csv(CSV, dtype=str, keep_default_na=False, na_values=[""])


def _cell(value) -> str:
    return "" if pd.isna(value) else str(value)


# --- file format and schema -----------------------------------------------------------------

def test_file_is_utf8_with_lf_line_endings():
    raw = CSV.read_bytes()
    raw.decode("utf-8")
    assert b"\r" not in raw, "use LF line endings"
    assert raw.endswith(b"\n")
    with CSV.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    fields = [fld["name"] for fld in json.loads(SCHEMA.read_text(encoding="utf-8"))["fields"]]
    assert header == fields


def test_ids_unique_and_values_allowed(timeline):
    assert timeline["event_id"].is_unique
    assert timeline["event_id"].str.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*").all()
    assert set(timeline["date_precision"]) <= {"day", "month", "year"}
    assert set(timeline["category"]) <= {
        "crisis", "norm development", "Security Council", "General Assembly", "court",
        "refugee policy", "civil society",
    }
    pillars = timeline["pillar"].fillna("")
    assert pillars.str.fullmatch(r"([123](;[123])*)?").all()
    for value in pillars[pillars != ""]:
        parts = value.split(";")
        assert parts == sorted(set(parts)), f"pillars out of order or repeated: {value}"
    for col in ("event_id", "date", "date_precision", "title", "category", "description", "document", "source"):
        assert timeline[col].notna().all(), f"empty {col}"
    assert 25 <= len(timeline) <= 45


# --- required events and dates ---------------------------------------------------------------

def test_required_events_present(timeline):
    rows = timeline.set_index("event_id")
    missing = [e for e in REQUIRED if e not in rows.index]
    assert not missing, f"missing events: {missing}"
    for event_id, doc in REQUIRED.items():
        if doc:
            assert doc in rows.loc[event_id, "document"], f"{event_id}: document should contain {doc!r}"


def test_key_dates(timeline):
    dates = timeline.set_index("event_id")["date"]
    expected = {
        "world-summit-outcome": "2005-09-16",
        "sg-report-2009": "2009-01-12",
        "unsc-res-1674": "2006-04-28",
        "unsc-res-1894": "2009-11-11",
        "unsc-res-1970": "2011-02-26",
        "sg-report-2012": "2012-07-25",
        "una-uk-roundtable": "2013-04-16",
        "uk-svpr-launch": "2014-01-01",
        "syria-veto-2011-10": "2011-10-04",
    }
    for event_id, date in expected.items():
        assert dates[event_id] == date, event_id


def test_dates_in_range_sorted_and_consistent_with_precision(timeline):
    parsed = pd.to_datetime(timeline["date"], format="%Y-%m-%d", errors="raise")
    assert parsed.min() >= pd.Timestamp("1994-01-01")
    assert parsed.max() <= pd.Timestamp("2023-12-31")
    keys = list(zip(timeline["date"], timeline["event_id"]))
    assert keys == sorted(keys), "rows must be sorted by date, then event_id"
    for date, precision, event_id in zip(timeline["date"], timeline["date_precision"], timeline["event_id"]):
        if precision == "month":
            assert date.endswith("-01"), event_id
        elif precision == "year":
            assert date.endswith("-01-01"), event_id


# --- sources and documents -------------------------------------------------------------------

def test_every_row_names_a_seed(timeline):
    for event_id, source in zip(timeline["event_id"], timeline["source"]):
        assert any(name in source for name in SEED_NAMES), f"{event_id}: source names no seed"


def test_source_url_is_undocs_link(timeline):
    for event_id, url, doc in zip(timeline["event_id"], timeline["source_url"], timeline["document"]):
        url = _cell(url)
        if url:
            assert url.startswith("https://undocs.org/"), event_id
            symbol = url.removeprefix("https://undocs.org/").split("(")[0]
            assert symbol in doc, f"{event_id}: link {url} is not to the row's document"


def test_paragraph_pinpoints_are_the_ones_the_seeds_cite(timeline, seeds):
    for event_id, doc in zip(timeline["event_id"], timeline["document"]):
        lists = PARA_LIST.findall(doc)
        if not lists:
            continue
        assert event_id in PINPOINTS, f"{event_id}: pinpoint in {doc!r} has no seed passage in PINPOINTS"
        cited = set()
        for seed_key, passage in PINPOINTS[event_id]:
            passage = _norm(passage)
            assert passage in seeds[seed_key], f"{event_id}: passage not in {seed_key} seed: {passage!r}"
            for para_list in PARA_LIST.findall(_expand_ranges(passage)):
                cited.update(NUMBER.findall(para_list))
        for para_list in lists:
            for number in NUMBER.findall(para_list):
                assert number in cited, f"{event_id}: paragraph {number} of {doc!r} is not cited by the seeds"


def test_un_symbols_come_from_the_seeds_or_are_flagged(timeline, seeds):
    corpus = " ".join(seeds.values())
    for event_id, doc, note, source in zip(
        timeline["event_id"], timeline["document"], timeline["note"], timeline["source"]
    ):
        outside = [s for s in UN_SYMBOL.findall(doc) if s not in corpus]
        if outside:
            note = _cell(note).lower()
            assert any(flag in note for flag in OUTSIDE_FLAGS), (
                f"{event_id}: {outside} not in the seeds, and the note does not say so"
            )
            assert "date" in source, f"{event_id}: source should say where the date comes from"


# --- quotations ------------------------------------------------------------------------------

def test_quotations_use_typographic_single_quotes(timeline):
    for col in ("title", "description"):
        for event_id, text in zip(timeline["event_id"], timeline[col]):
            assert not re.search(r"(^|[\s(])'", text), (
                f"{event_id}: {col} opens a quotation with a straight quote; use ‘…’"
            )
            assert '"' not in text and "“" not in text, f"{event_id}: {col} uses double quotes"
            assert text.count("‘") == len(QUOTE.findall(text)), f"{event_id}: unbalanced ‘…’ in {col}"


def test_quotations_are_verbatim_from_a_seed(timeline, seeds):
    n = 0
    for col in ("title", "description"):
        for event_id, text in zip(timeline["event_id"], timeline[col]):
            for quote in QUOTE.findall(text):
                n += 1
                q = _norm(quote)
                assert any(q in s for s in seeds.values()), f"{event_id}: ‘{quote}’ is not word for word in a seed"
    assert n >= 10


# --- Syria vetoes against the reference list ---------------------------------------------------

def test_syria_vetoes_agree_with_reference(timeline, reference_dir):
    path = reference_dir / "unsc_vetoes" / "unsc_vetoes_1946_sept2022.csv"
    if not path.exists():
        pytest.skip(f"reference veto list not found at {path}")
    ref = pd.read_csv(path, keep_default_na=False)
    ref["iso"] = pd.to_datetime(ref["date"], format="%m/%d/%Y").dt.strftime("%Y-%m-%d")
    syria = ref[ref["crisis_topic"] == "Syria"].set_index("draft")
    last = ref["iso"].max()
    rows = timeline[(timeline["category"] == "Security Council") & timeline["event_id"].str.contains("veto")]
    assert len(rows) >= 3
    for event_id, date, doc in zip(rows["event_id"], rows["date"], rows["document"]):
        drafts = re.findall(r"S/\d{4}/\d+", doc)
        assert drafts, f"{event_id}: no draft symbol in document"
        draft = drafts[0]
        if date > last:
            assert draft not in ref["draft"].values, f"{event_id}: {draft} is in the reference list"
            continue
        assert draft in syria.index, f"{event_id}: {draft} is not a Syria veto in the reference list"
        assert syria.loc[draft, "iso"] == date, f"{event_id}: reference dates {draft} {syria.loc[draft, 'iso']}"

"""R2P's history: the timeline filters, the timeline chart and explorer, and the r2p_framings dataset.

Expected values are computed here from the CSV files with plain pandas, never taken from the
code under test. The checks of r2p_framings against the seed texts need ``../shared/seeds``
beside the repository (as on the developers' machines and in CI); without it they skip with a
reason that says so.
"""
from __future__ import annotations

import csv
import html
import json
import os
import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from r2pkit import charts, data, history, widgets
from r2pkit.errors import R2PKitError, UnknownNameError

ROOT = Path(__file__).resolve().parents[1]
TIMELINE_CSV = ROOT / "datasets" / "r2p_timeline.csv"
FRAMINGS_CSV = ROOT / "datasets" / "r2p_framings.csv"
FRAMINGS_SCHEMA = ROOT / "datasets" / "schemas" / "r2p_framings.schema.json"
SEED_FILES = ("000_e9a07972151539a0.txt", "003_f51fcdb6ea81d116.txt", "004_5a06fc4bbcc9a210.txt")
SEED_NAMES = ("Resettlement article", "UNA-UK roundtable summary", "Hakimi")
QUOTE = re.compile(r"‘(.+?)’(?![A-Za-z])")


# ------------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def tl() -> pd.DataFrame:
    """The timeline as the kit loads it (checked against its schema)."""
    return data.load("r2p_timeline")


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    """The timeline CSV read with plain pandas, for independent expectations."""
    frame = pd.read_csv(TIMELINE_CSV, dtype=str, keep_default_na=False)
    frame["year"] = frame["date"].str[:4].astype(int)
    return frame


@pytest.fixture(scope="module")
def fr() -> pd.DataFrame:
    return data.load("r2p_framings")


def _with_pillar(raw: pd.DataFrame, p: str) -> list[str]:
    return [e for e, cell in zip(raw["event_id"], raw["pillar"]) if p in cell.split(";")]


def _sorted_ids(frame: pd.DataFrame) -> list[str]:
    return list(frame.sort_values(["date", "event_id"])["event_id"])


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    for a, b in (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"), ("\u00a0", " ")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def seeds() -> list[str]:
    env = os.environ.get("R2PKIT_SEEDS")
    folder = Path(env) if env else ROOT.parent / "shared" / "seeds"
    if not all((folder / name).exists() for name in SEED_FILES):
        pytest.skip(f"seed texts not found at {folder}: this check needs the project's shared/seeds folder "
                    "beside the repository (or R2PKIT_SEEDS set to it)")
    return [_norm((folder / name).read_text(encoding="utf-8")) for name in SEED_FILES]


# --------------------------------------------------------------- what the timeline has
def test_categories_pillars_and_years_come_from_the_data(tl, raw):
    assert history.categories(tl) == sorted(set(raw["category"]), key=str.lower)
    cells = [c for c in raw["pillar"] if c]
    assert history.pillars(tl) == sorted({p for c in cells for p in c.split(";")}) == ["1", "2", "3"]
    assert history.years(tl) == sorted(set(raw["year"]))


# ------------------------------------------------------------------ filters = pandas
@pytest.mark.parametrize("category", ["Security Council", "norm development", "crisis", "court"])
def test_category_filter_agrees_with_pandas(tl, raw, category):
    got = history.timeline(tl, category=category)
    assert list(got["event_id"]) == _sorted_ids(raw[raw["category"] == category])
    assert list(got.columns) == list(tl.columns), "the filtered rows keep every column"


@pytest.mark.parametrize("pillar", [1, 2, 3, "3", "pillar 2", "III"])
def test_pillar_filter_counts_events_with_several_pillars(tl, raw, pillar):
    digit = {"pillar 2": "2", "III": "3"}.get(str(pillar), str(pillar))
    expected = _with_pillar(raw, digit)
    got = history.timeline(tl, pillar=pillar)
    assert sorted(got["event_id"]) == sorted(expected)
    assert len(got) == len(expected) > 0


def test_pillar_none_keeps_events_tied_to_no_pillar(tl, raw):
    got = history.timeline(tl, pillar="none")
    assert sorted(got["event_id"]) == sorted(raw.loc[raw["pillar"] == "", "event_id"])


def test_iciss_and_world_summit_rows_count_for_each_of_their_pillars(tl):
    # iciss-report is '1;3' and world-summit-outcome '1;2;3' in the CSV
    assert "iciss-report" in set(history.timeline(tl, pillar=1)["event_id"])
    assert "iciss-report" in set(history.timeline(tl, pillar=3)["event_id"])
    assert "iciss-report" not in set(history.timeline(tl, pillar=2)["event_id"])
    assert all("world-summit-outcome" in set(history.timeline(tl, pillar=p)["event_id"]) for p in (1, 2, 3))


def test_year_and_combined_filters_agree_with_pandas(tl, raw):
    got = history.timeline(tl, category="Security Council", pillar=3, start=2006, end=2014)
    mask = (raw["category"] == "Security Council") & raw["year"].between(2006, 2014) \
        & raw["pillar"].str.split(";").map(lambda ps: "3" in ps)
    assert list(got["event_id"]) == _sorted_ids(raw[mask])
    only_2011 = history.timeline(tl, start=2011, end=2011)
    assert sorted(only_2011["event_id"]) == sorted(raw.loc[raw["year"] == 2011, "event_id"])
    assert len(history.timeline(tl)) == len(raw)


def test_filter_results_are_in_date_order(tl):
    got = history.timeline(tl, pillar=3)
    assert got["date"].is_monotonic_increasing and list(got.index) == list(range(len(got)))


def test_a_valid_filter_with_no_match_gives_an_empty_table(tl, raw):
    assert not any((raw["category"] == "court") & raw["pillar"].str.contains("2"))
    assert history.timeline(tl, category="court", pillar=2).empty
    assert history.timeline(tl, start=2002, end=2003).empty  # years inside the range, no events


def test_category_matching_ignores_case_and_spaces(tl):
    assert list(history.timeline(tl, category="  security COUNCIL ")["event_id"]) == \
        list(history.timeline(tl, category="Security Council")["event_id"])


# ---------------------------------------------------------------- bad input, clearly
def test_a_misspelt_category_suggests_the_closest_and_lists_them(tl):
    with pytest.raises(UnknownNameError) as info:
        history.timeline(tl, category="Security Counsel")
    msg = str(info.value)
    assert "Did you mean 'Security Council'?" in msg
    assert "norm development" in msg and "refugee policy" in msg


@pytest.mark.parametrize("bad,expected", [
    (4, "pillar=4 is not a pillar in the timeline. Choose 1, 2, 3, or 'none' for events tied to no particular "
        "pillar. R2P has three pillars"),
    ("pilar 3", "Did you mean 'pillar 3'?"),
    ("nonee", "Did you mean 'none'?"),
    (True, "True is not a pillar"),
    (2.5, "2.5 is not a pillar"),
])
def test_a_bad_pillar_says_which_exist(tl, bad, expected):
    with pytest.raises(UnknownNameError) as info:
        history.timeline(tl, pillar=bad)
    assert expected in str(info.value)
    assert "1, 2, 3, or 'none'" in str(info.value)


def test_a_year_outside_the_timeline_says_which_years_exist(tl, raw):
    first, last = raw["year"].min(), raw["year"].max()
    with pytest.raises(R2PKitError) as info:
        history.timeline(tl, start=1990)
    msg = str(info.value)
    assert msg.startswith("start=1990 is not a year of the timeline.")
    assert f"from {first} to {last}" in msg
    assert "Years with events: " + ", ".join(str(y) for y in sorted(set(raw["year"]))) in msg
    with pytest.raises(R2PKitError, match="end=2030 is not a year of the timeline"):
        history.timeline(tl, end=2030)


@pytest.mark.parametrize("bad", ["2005", 2005.5, True, float("nan")])
def test_a_year_that_is_not_a_whole_number_is_refused(tl, bad):
    with pytest.raises(R2PKitError, match="start=.* is not a year of the timeline. Write a year as a whole number"):
        history.timeline(tl, start=bad)


def test_start_after_end_is_refused(tl):
    with pytest.raises(R2PKitError, match=r"end=2000 is not a year on or after start=2010"):
        history.timeline(tl, start=2010, end=2000)


def test_a_table_that_is_not_the_timeline_is_refused():
    with pytest.raises(R2PKitError, match="no column 'pillar'"):
        history.timeline(pd.DataFrame({"event_id": [], "date": [], "category": []}))
    with pytest.raises(R2PKitError, match=r"is not a table \(pandas DataFrame\)"):
        history.categories([1, 2])  # type: ignore[arg-type]


# ------------------------------------------------------------------ counts, sentence
def test_counts_by_category_agree_with_pandas(tl, raw):
    got = history.counts(tl)
    assert dict(zip(got["category"], got["events"])) == raw["category"].value_counts().to_dict()
    assert list(got["events"]) == sorted(got["events"], reverse=True)


def test_counts_by_pillar_count_an_event_once_per_pillar(tl, raw):
    got = dict(zip(*history.counts(tl, by="pillar").values.T))
    for p in ("1", "2", "3"):
        assert got[p] == len(_with_pillar(raw, p))
    assert got["none"] == int((raw["pillar"] == "").sum())
    assert sum(got.values()) == sum(len(c.split(";")) if c else 1 for c in raw["pillar"])


def test_counts_by_something_else_suggests(tl):
    with pytest.raises(UnknownNameError, match="Did you mean 'pillar'"):
        history.counts(tl, by="pilar")


def test_the_sentence_counts_what_the_filter_keeps(tl, raw):
    n = len(_with_pillar(raw[raw["category"] == "Security Council"], "3"))
    sentence = history.timeline_sentence(tl, "Security Council", 3)
    assert sentence.startswith(f"The timeline has {n} events in the category 'Security Council' that concern pillar 3")
    years = raw.loc[raw["event_id"].isin(_with_pillar(raw[raw["category"] == "Security Council"], "3")), "year"]
    assert sentence.endswith(f"from {years.min()} to {years.max()}.")
    assert history.timeline_sentence(tl, "court", 2) == \
        "No event in the timeline is in the category 'court' and concerns pillar 2."


def test_dates_are_written_as_precisely_as_they_are_known(tl, raw):
    listed = history.event_list(history.timeline(tl, end=1999))
    rows = raw[raw["year"] <= 1999].sort_values(["date", "event_id"])
    for when, (_, row) in zip(listed["when"], rows.iterrows()):
        year, month, day = row["date"].split("-")
        if row["date_precision"] == "year":
            assert when == year
        elif row["date_precision"] == "month":
            assert when.endswith(year) and len(when.split()) == 2
        else:
            assert when.startswith(str(int(day)) + " ") and when.endswith(year)
    assert list(listed.columns) == ["when", "title", "document", "source"]
    with pytest.raises(R2PKitError, match="precision='week' is not a date's precision. Choose one of: day, month, year"):
        history.date_label("2005-09-16", "week")


@pytest.mark.parametrize("bad", [2015, 2015.0, None, "soon", float("nan"), [2015], pd.NaT])
def test_a_date_label_of_what_is_not_a_date_is_refused_not_1970(bad):
    with pytest.raises(R2PKitError, match=r"date=.* is not a date. Write it as text such as '2015-09-16'"):
        history.date_label(bad)
    assert history.date_label(2015, "year") == "2015"


# ---------------------------------------------------------------------------- chart
def _values(chart) -> list[dict]:
    spec = chart.to_dict()
    return spec["datasets"][spec["data"]["name"]]


def test_the_chart_is_accessible_with_source_in_the_tooltip(tl):
    chart = charts.timeline_chart(tl)
    charts.require_accessible(chart)
    spec = chart.to_dict()
    tips = [t["field"] for t in spec["encoding"]["tooltip"]]
    assert {"when", "title", "document", "source"} <= set(tips)
    assert spec["encoding"]["x"]["type"] == "temporal" and spec["encoding"]["x"]["field"] == "date"
    assert spec["encoding"]["color"]["field"] == "category"
    assert set(spec["encoding"]["color"]["scale"]["range"]) <= set(charts.PALETTE)


@pytest.mark.parametrize("filters", [{}, {"category": "Security Council"}, {"pillar": 2},
                                     {"category": "norm development", "pillar": 3, "start": 2001, "end": 2009}])
def test_the_chart_shows_exactly_the_filtered_rows(tl, raw, filters):
    values = _values(charts.timeline_chart(tl, **filters))
    mask = pd.Series(True, index=raw.index)
    if "category" in filters:
        mask &= raw["category"] == filters["category"]
    if "pillar" in filters:
        mask &= raw["pillar"].str.split(";").map(lambda ps: str(filters["pillar"]) in ps)
    if "start" in filters:
        mask &= raw["year"].between(filters["start"], filters["end"])
    assert [v["event_id"] for v in values] == _sorted_ids(raw[mask])
    by_id = raw.set_index("event_id")
    for v in values:
        assert v["source"] == by_id.loc[v["event_id"], "source"]
        assert v["date"] == by_id.loc[v["event_id"], "date"]


def test_colours_and_time_axis_stay_the_same_whatever_the_filter(tl):
    full = charts.timeline_chart(tl).to_dict()["encoding"]
    part = charts.timeline_chart(tl, category="court").to_dict()["encoding"]
    assert full["color"]["scale"] == part["color"]["scale"]
    assert full["x"]["scale"] == part["x"]["scale"]


def test_the_chart_title_and_description_follow_the_filter(tl, raw):
    spec = charts.timeline_chart(tl, category="Security Council").to_dict()
    n = int((raw["category"] == "Security Council").sum())
    assert spec["title"].startswith("R2P's history: Security Council events")
    assert f"Timeline chart of {n} events" in spec["description"]


def test_an_empty_filter_still_gives_an_accessible_chart_that_renders(tl):
    chart = charts.timeline_chart(tl, category="court", pillar=2)
    charts.require_accessible(chart)
    assert _values(chart) == []
    assert "no event" in chart.to_dict()["description"]
    assert charts.to_svg(chart).startswith("<svg")


def test_the_svg_shows_each_dots_source_on_hover(tl, raw):
    svg = charts.to_svg(charts.timeline_chart(tl, category="refugee policy"))
    titles = re.findall(r"<title>([^<]*)</title>", svg)[1:]
    n = int((raw["category"] == "refugee policy").sum())
    assert len(titles) == n and all("Source: Resettlement article" in t for t in titles), titles


def test_the_chart_refuses_a_bad_filter_with_the_models_message(tl):
    with pytest.raises(UnknownNameError, match="Did you mean 'crisis'"):
        charts.timeline_chart(tl, category="crises")


# ---------------------------------------------------------------------------- widget
def test_the_explorer_menus_redraw_the_pane_the_sentence_and_the_list(tl, raw):
    box = widgets.timeline_explorer(tl)
    category, pillar, sentence, pane, events, _keys = box.children
    assert set(category.options) == {"all", *raw["category"]}
    assert [v for _, v in pillar.options] == ["all", "1", "2", "3", "none"]
    assert f"The timeline has {len(raw)} events" in sentence.value
    before_pane, before_events = pane.value, events.value

    category.value = "refugee policy"
    n = int((raw["category"] == "refugee policy").sum())
    assert f"The timeline has {n} events in the category 'refugee policy'" in sentence.value
    assert pane.value != before_pane and "refugee policy events" in repr(pane)
    assert events.value != before_events and events.value.count("<tr>") == n  # one body row per event
    for source in raw.loc[raw["category"] == "refugee policy", "source"]:
        assert html.escape(source, quote=False) in events.value

    pillar.value = "none"
    expected = raw[(raw["category"] == "refugee policy") & (raw["pillar"] == "")]
    assert f"The timeline has {len(expected)} event" in sentence.value
    assert repr(box) == "TimelineExplorer(category='refugee policy', pillar='none')"

    category.value, pillar.value = "court", "2"
    assert "No event in the timeline" in sentence.value and events.value == ""
    assert "no matching event" in repr(pane)


def test_the_pillar_menu_is_as_wide_as_its_choices_not_the_page(tl):
    box = widgets.timeline_explorer(tl)
    pillar = box.children[1]
    assert pillar.layout.width == "max-content" and pillar.layout.max_width == "100%"


def test_the_explorer_can_start_on_a_choice_and_refuses_a_bad_one(tl):
    box = widgets.timeline_explorer(tl, category="security council", pillar=3)
    assert repr(box) == "TimelineExplorer(category='Security Council', pillar='3')"
    with pytest.raises(UnknownNameError, match="Did you mean 'crisis'"):
        widgets.timeline_explorer(tl, category="crises")


# -------------------------------------------------------------------- r2p_framings
def test_framings_is_a_resource_and_loads(fr):
    package = json.loads((ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
    # Other tables are added after it as the kit grows: only its presence is its own.
    assert [r["name"] for r in package["resources"]].count("r2p_framings") == 1
    assert data.validate("r2p_framings") == {"r2p_framings": []}
    assert len(fr) == 15 and fr["source"].notna().all()


def test_framings_file_is_utf8_lf_with_the_schema_header():
    raw = FRAMINGS_CSV.read_bytes()
    raw.decode("utf-8")
    assert b"\r" not in raw and raw.endswith(b"\n")
    with FRAMINGS_CSV.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    schema = json.loads(FRAMINGS_SCHEMA.read_text(encoding="utf-8"))
    assert header == [fld["name"] for fld in schema["fields"]]
    for fld in schema["fields"]:
        assert fld.get("title") and fld.get("description") and "constraints" in fld, fld["name"]


def test_every_document_answers_every_question_once():
    frame = pd.read_csv(FRAMINGS_CSV, dtype=str, keep_default_na=False)
    grid = frame.groupby(["document", "question"]).size()
    assert (grid == 1).all()
    assert len(grid) == frame["document"].nunique() * frame["question"].nunique() == 15
    assert dict(frame.groupby("document")["year"].first()) == {
        "ICISS report": "2001", "World Summit Outcome": "2005", "Secretary-General's report": "2009"}


def test_every_row_cites_a_seed_and_quotes_only_in_typographic_quotes():
    frame = pd.read_csv(FRAMINGS_CSV, dtype=str, keep_default_na=False)
    for row in frame.itertuples():
        assert any(name in row.source for name in SEED_NAMES), row
        for text in (row.answer, row.note):
            assert '"' not in text and "“" not in text, f"{row.document}/{row.question}: double quotes"
            assert text.count("‘") == len(QUOTE.findall(text)), f"{row.document}/{row.question}: unbalanced ‘…’"


def test_basis_agrees_with_the_answer():
    frame = pd.read_csv(FRAMINGS_CSV, dtype=str, keep_default_na=False)
    for row in frame.itertuples():
        quoted = bool(QUOTE.search(row.answer))
        if row.basis == "quotation":
            assert quoted, f"{row.document}/{row.question}: 'quotation' but no ‘…’ in the answer"
        elif row.basis == "paraphrase":
            assert not quoted
        else:
            assert row.answer == "Not stated in the seeds." and "do not" in row.note, row
    silent = frame[frame["basis"] == "not in the seeds"]
    assert list(zip(silent["document"], silent["question"])) == [("Secretary-General's report", "which harms")]


def test_every_quotation_in_the_framings_is_word_for_word_in_a_seed(seeds):
    frame = pd.read_csv(FRAMINGS_CSV, dtype=str, keep_default_na=False)
    n = 0
    for row in frame.itertuples():
        for text in (row.answer, row.note):
            for quote in QUOTE.findall(text):
                n += 1
                assert any(_norm(quote) in s for s in seeds), \
                    f"{row.document}/{row.question}: ‘{quote}’ is not word for word in a seed"
    assert n >= 25


def _para_numbers(text: str) -> set[str]:
    """Paragraph numbers in a list such as '138-39', '2.30-31', '1.1-.4' or '10(b), 17', ranges by their ends."""
    out: set[str] = set()
    for a, b in re.findall(r"(\d+(?:\.\d+)?)(?:\s*-\s*\.?(\d+(?:\.\d+)?))?", text):
        out.add(a)
        if b:
            if "." in a and "." not in b:
                b = a.split(".")[0] + "." + b  # '2.30-31' -> 2.31
            elif "." not in a and len(b) < len(a):
                b = a[: len(a) - len(b)] + b  # '138-39' -> 139
            out.add(b)
    return out


def test_every_paragraph_pinpoint_is_one_a_seed_cites(seeds):
    """Each paragraph in `pinpoint` (or each end of a range) is cited by a seed after ¶ or 'para'."""
    para_list = re.compile(r"(?:¶+|\bparas?\.?|\bparagraphs?)\s*((?:\d[\d.]*(?:\([a-z]\))?(?:\s*(?:-|,|and)\s*\.?)?)+)")
    cited: set[str] = set()
    for seed in seeds:
        for m in para_list.finditer(seed):
            cited |= _para_numbers(m.group(1))
    assert {"138", "139", "68", "61", "2.31", "6.35"} <= cited
    frame = pd.read_csv(FRAMINGS_CSV, dtype=str, keep_default_na=False)
    checked = 0
    for row in frame.itertuples():
        for group in re.findall(r"paras? ([^;]+)", _norm(row.pinpoint)):
            numbers = _para_numbers(group)
            checked += len(numbers)
            assert numbers <= cited, f"{row.document}/{row.question}: {sorted(numbers - cited)} not cited by a seed"
    assert checked >= 20


def test_framings_pivot_matches_the_csv(fr):
    frame = pd.read_csv(FRAMINGS_CSV, dtype=str, keep_default_na=False)
    wide = history.framings(fr)
    assert list(wide.index) == ["ICISS report (2001)", "World Summit Outcome (2005)", "Secretary-General's report (2009)"]
    assert list(wide.columns) == list(dict.fromkeys(frame["question"]))
    for row in frame.itertuples():
        assert wide.loc[f"{row.document} ({row.year})", row.question] == row.answer


def test_one_question_alone_and_with_its_sources(fr):
    frame = pd.read_csv(FRAMINGS_CSV, dtype=str, keep_default_na=False)
    one = history.framings(fr, "Who acts?")
    assert list(one.columns) == ["who acts"] and len(one) == 3
    detail = history.framing_detail(fr, "when")
    expected = frame[frame["question"] == "when"].sort_values("year")
    assert list(detail["source"]) == list(expected["source"])
    assert list(detail.columns) == ["document", "answer", "basis", "source", "note"]


def test_an_unknown_question_suggests_one(fr):
    with pytest.raises(UnknownNameError) as info:
        history.framings(fr, "means")
    assert "Did you mean 'by what means'?" in str(info.value) and "'who acts'" in str(info.value)
    with pytest.raises(UnknownNameError, match="Did you mean 'if the Council is blocked'"):
        history.framing_detail(fr, "if the council is blockd")


# ------------------------------------------------ exercise 01 agrees with the data
@pytest.fixture(scope="module")
def ex01():
    from r2pkit.exercises.source import load_source
    return load_source(ROOT / "exercises" / "source" / "ex01_history.yaml")


def test_ex01_ordering_key_follows_the_timeline_dates(ex01, raw):
    q = ex01.question("q1")
    events = {"a": "kosovo-report", "b": "unsc-res-1674", "c": "brazil-responsibility-while-protecting",
              "d": "high-level-panel-report", "e": "unsc-res-1970", "f": "iciss-report"}
    dates = raw.set_index("event_id")["date"]
    assert list(q.answer) == sorted(events, key=lambda item: dates[events[item]])


def test_ex01_chart_question_key_is_the_largest_category(ex01, raw):
    q = ex01.question("q3")
    counts = raw["category"].value_counts()
    assert counts.iloc[0] > counts.iloc[1], "the question needs a single largest category"
    assert q.options[q.answer] == counts.index[0]


def test_ex01_pillar_2_answer_and_explanation_agree_with_the_data(ex01, raw):
    q = ex01.question("q4")
    expected = _with_pillar(raw, "2")
    assert q.answer == len(expected)
    assert sorted(expected) == sorted(["macedonia-preventive-deployment", "world-summit-outcome",
                                       "sg-report-2009", "una-uk-roundtable"]), "update q4's explanation"


def test_ex01_quotations_are_word_for_word_in_a_seed(ex01, seeds):
    n = 0
    for q in ex01.questions:
        texts = [q.prompt, q.explanation, *q.options.values(), *q.justifications.values(), *q.items.values()]
        for quote in QUOTE.findall(" ".join(texts)):
            n += 1
            assert any(_norm(quote) in s for s in seeds), f"{q.id}: ‘{quote}’ is not word for word in a seed"
    assert n >= 8

"""The three prevention datasets checked against their sources.

``unauk_recommendations`` is re-derived from the roundtable summary itself: the set-off
recommendations are found from the layout of the text (bullets, the indented block), the
prescriptive sentences from the rule in the dataset's description, pages from the runs of
three blank lines, sessions and headings from the headings that precede each item. Then
every row must match exactly one item (none missing, none split or merged) and its words
must be on its page. ``protection_measures`` is checked for internal consistency, for its
quotations (word for word in a seed), its Hakimi page and footnote pins, and its vetoed
drafts (against ``unsc_syria_vetoes``). ``atrocity_risk_factors`` is checked against what
was read in the copies of the Framework's text (names, numbers, how many indicators each copy
lists, which page lists which factor), and for honesty: every factor whose number could not
be checked has none, and every group that is the kit's reading says so.

The seed checks need ``../shared/seeds`` beside the repository; without it they skip.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from r2pkit import data, duties, prevention

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
FILES = {"roundtable": "003_f51fcdb6ea81d116.txt", "resettlement": "000_e9a07972151539a0.txt",
         "hakimi": "004_5a06fc4bbcc9a210.txt"}
PRESCRIPTIVE = re.compile(r"\b(should|must|needs? to)\b|\bessential\b|\bis required\b|\bIt is important that\b")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    for a, b in (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"), ("\u00a0", " ")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", re.sub(r"</?u>", "", text)).strip()


def _seed(name: str) -> str:
    path = SEEDS / FILES[name]
    if not path.exists():
        pytest.skip(f"seed texts not found at {SEEDS}: these checks need the project's shared/seeds folder")
    return path.read_text(encoding="utf-8")


def _fragments(text: str) -> list[str]:
    return [_norm(f) for f in text.split("…") if f.strip()]


# ---------------------------------------------------------------- the roundtable, re-read
@pytest.fixture(scope="module")
def roundtable() -> dict:
    """Items of the roundtable summary found from its layout, each with page, session and heading."""
    lines = _seed("roundtable").split("\n")
    page, blanks, session, theme = 1, 0, None, None
    paragraphs: list[dict] = []
    current: list[str] = []

    def close() -> None:
        if current:
            paragraphs.append({"lines": list(current), "page": page, "session": session, "theme": theme})
            current.clear()

    for line in lines:
        if not line.strip():
            blanks += 1
            close()
            continue
        if blanks >= 3 and paragraphs:  # a run of three blank lines is a page break
            page += 1
        blanks = 0
        heading = re.match(r"^(\d)\. ", line)
        if heading:
            close()
            session, theme = int(heading.group(1)), None
            continue
        if line.strip() == "Conclusion":
            close()
            session, theme = None, None
            continue
        if not current:  # a paragraph's opening words may be its heading
            underlined = re.match(r"^<u>(.+?)</u>", line)
            plain = re.match(r"^([A-Z][A-Za-z ]{3,40}): ", line)
            if underlined:
                theme = underlined.group(1).strip().rstrip(":")
            elif plain and not line.startswith((" ", "- ")):
                theme = plain.group(1)
        current.append(line)
    close()
    setoff, discussion = [], []
    for p in paragraphs:
        if p["session"] is None:
            continue
        wrapped = len(p["lines"]) > 1 and not any(l.startswith("- ") for l in p["lines"])
        if wrapped:  # the one indented block, hard-wrapped in the file
            setoff.append({**p, "text": _norm(" ".join(p["lines"]))})
            continue
        for line in p["lines"]:
            if line.startswith(("- ", " ")):
                setoff.append({**p, "text": _norm(line.lstrip("- "))})
            else:
                for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", _norm(line)):
                    if PRESCRIPTIVE.search(sentence):
                        discussion.append({**p, "text": sentence})
    pages = re.split(r"\n(?:[ \t]*\n){3}", _seed("roundtable"))
    return {"setoff": setoff, "discussion": discussion, "pages": [_norm(p) for p in pages],
            "paragraphs": [p for p in paragraphs if p["theme"]]}


@pytest.fixture(scope="module")
def recs() -> pd.DataFrame:
    return data.load("unauk_recommendations")


def test_the_summary_has_seven_pages_and_the_counts_are_its_own(roundtable, recs):
    assert len(roundtable["pages"]) == 7
    assert len(roundtable["setoff"]) == 23 == (recs["form"] == "set-off recommendation").sum()
    assert len(roundtable["discussion"]) == 13 == (recs["form"] == "in the discussion text").sum()


@pytest.mark.parametrize("form,key", [("set-off recommendation", "setoff"), ("in the discussion text", "discussion")])
def test_each_item_of_the_summary_is_exactly_one_row(roundtable, recs, form, key):
    rows = recs[recs["form"] == form]
    items = roundtable[key]
    matches = {rid: [i for i, item in enumerate(items) if all(f in item["text"] for f in _fragments(text))]
               for rid, text in zip(rows["rec_id"], rows["recommendation"])}
    for rid, found in matches.items():
        assert len(found) == 1, f"{rid} matches {len(found)} items of the summary"
    used = sorted(i for found in matches.values() for i in found)
    assert used == list(range(len(items))), "an item of the summary has no row, or two rows"
    for rid, text, shortened in zip(rows["rec_id"], rows["recommendation"], rows["shortened"]):
        item = items[matches[rid][0]]["text"]
        if not shortened:  # a whole item, neither split nor merged (a heading may precede a sentence)
            assert item == _norm(text) or item.endswith(": " + _norm(text)), rid


def test_rows_sit_on_their_page_session_and_heading(roundtable, recs):
    items = roundtable["setoff"] + roundtable["discussion"]
    for row in recs.itertuples():
        fragments = _fragments(row.recommendation)
        assert all(f in roundtable["pages"][row.page - 1] for f in fragments), f"{row.rec_id}: not on p. {row.page}"
        item = next(i for i in items if all(f in i["text"] for f in fragments))
        assert (row.session, row.theme) == (item["session"], item["theme"]), row.rec_id


def test_session_titles_and_shortening_marks(recs):
    text = _seed("roundtable")
    for number, title in recs[["session", "session_title"]].drop_duplicates().itertuples(index=False):
        assert f"\n{number}. {title}\n" in text
    assert (recs["shortened"] == recs["recommendation"].str.contains("…")).all()
    assert recs.loc[recs["shortened"], "note"].str.contains("Shortened").all()


def test_every_row_cites_the_summary_with_its_page(recs):
    for row in recs.itertuples():
        assert row.source.startswith("UNA-UK roundtable summary (UNA-UK, 16 April 2013)")
        assert f"heading '{row.theme}', p. {row.page}" in row.source


# ------------------------------------------------------------------- protection measures
@pytest.fixture(scope="module")
def measures() -> pd.DataFrame:
    return data.load("protection_measures")


ISSUE_REPERTOIRE = {  # the repertoire as issue 7 lists it
    "early-warning analysis", "dialogue and mediation", "education against prejudice", "preventive deployment",
    "unarmed civilian protection and human-rights monitors", "humanitarian access",
    "targeted sanctions and arms embargoes", "icc referral", "restraint in the use of the veto", "asylum",
    "resettlement", "financial aid to host states", "peacekeeping with protection mandates", "military intervention",
}


def test_the_repertoire_is_the_issues_and_the_scale_is_ordered(measures):
    assert set(measures["measure"].str.lower()) == ISSUE_REPERTOIRE
    ordered = measures.sort_values("coercion_rank")
    assert ordered["coercion_rank"].tolist() == list(range(1, 15))
    assert ordered["coercion_level"].is_monotonic_increasing
    assert (measures["coercive"] == (measures["coercion_level"] >= 4)).all()


def test_council_column_follows_from_who_can_act(measures):
    actors = measures[["by_single_state", "by_regional_organisation", "by_un", "by_civil_society"]]
    for (_, row), need in zip(actors.iterrows(), measures["needs_sc_authorisation"]):
        possible = [v for v in row if v != "no"]
        expected = "yes" if all(v == "council" for v in possible) else (
            "no" if "council" not in possible else "sometimes")
        assert possible and need == expected, row.name


def test_stances_and_places_agree(measures):
    for source in ("roundtable", "resettlement_article", "hakimi"):
        silent = measures[f"{source}_stance"] == "not discussed"
        assert (silent == (measures[source] == "not discussed")).all(), source


def test_resettlement_needs_no_council_because_the_article_says_so(measures):
    row = measures.set_index("measure_id").loc["resettlement"]
    assert (row["needs_sc_authorisation"], row["by_single_state"]) == ("no", "yes")
    words = "does not require UN Security Council consensus"
    assert words in row["sc_reasoning"] and words in _seed("resettlement")
    assert "'Refugee Protection is a First Response under R2P', text at fn 48" in row["sc_reasoning"]


def _across_a_page_break(quote: str, paragraphs: list[str]) -> bool:
    """True if the quote ends one paragraph and goes on at the start of one of the next few:
    a sentence that Hakimi's page break cuts, with the page's footnotes in between."""
    words = quote.split()
    for i, paragraph in enumerate(paragraphs):
        for k in range(1, len(words)):
            head, tail = " ".join(words[:k]), " ".join(words[k:])
            if paragraph.endswith(head) and any(p.startswith(tail) for p in paragraphs[i + 1:i + 10]):
                return True
    return False


def test_quotations_are_word_for_word_in_a_seed(measures):
    hakimi = _seed("hakimi")
    texts = [_norm(_seed("roundtable")), _norm(_seed("resettlement")), _norm(hakimi)]
    paragraphs = [_norm(p) for p in hakimi.split("\n\n") if p.strip()]
    columns = ["summary", "sc_reasoning", "roundtable", "resettlement_article", "hakimi", "note"]
    quotes = [q for col in columns for cell in measures[col].dropna() for q in re.findall(r"‘(.+?)’(?![A-Za-z])", cell)]
    assert len(quotes) > 40
    for quote in map(_norm, quotes):
        assert any(quote in t for t in texts) or _across_a_page_break(quote, paragraphs), f"not in the seeds: {quote!r}"


def _hakimi_pages() -> tuple[dict[int, int], dict[str, int]]:
    """Footnote → page, and each body line's page, counting pages from 247 (footnotes end a page)."""
    lines = _seed("hakimi").split("\n")
    start = lines.index("I. INTRODUCTION")
    note, heading = re.compile(r"^(\d{1,3})\. "), re.compile(r"^\d\. \*[^*]+\*\s*$")
    page, previous_was_note, notes, text_pages = 247, False, {}, {}
    for line in lines[start:]:
        if not line.strip():
            continue
        is_note = bool(note.match(line)) and not heading.match(line)
        if previous_was_note and not is_note:
            page += 1
        previous_was_note = is_note
        if is_note:
            notes[int(note.match(line).group(1))] = page
        else:
            text_pages[_norm(line)] = page
    return notes, text_pages


def test_hakimi_pins_match_the_pages_of_the_article(measures):
    notes, text_pages = _hakimi_pages()
    assert notes[1] == 247 and max(notes.values()) == 280  # the article runs from p. 247 to p. 280
    cells = list(measures["hakimi"]) + list(measures["sc_reasoning"]) + list(measures["note"])
    pins = re.findall(r"pp?\. (\d{3})(?:–(\d{2,3}))?((?: & nn?\.| nn?\.) [\d–, ]+)?", " ".join(cells))
    checked = 0
    for first, last, cited_notes in pins:
        low = int(first)
        high = int(first[: 3 - len(last)] + last) if last else low
        for n in re.findall(r"\d+", cited_notes or ""):
            assert low <= notes[int(n)] <= high, f"n. {n} is on p. {notes[int(n)]}, not pp. {low}–{high}"
            checked += 1
    assert checked >= 20
    for phrase, page in (("other levers of power, like economic or diplomatic measures", 251),
                         ("economic, diplomatic, or criminal measures against the perpetrators", 273),
                         ("unlikely to gain legal traction simply by linking them to R2P", 278),
                         ("has never been exclusively about forcible interventions", 249),
                         ("suggest that territorial control is by itself insufficient", 271)):
        assert [p for line, p in text_pages.items() if phrase in line] == [page], phrase


def test_roundtable_pins_name_a_page_where_the_heading_is(roundtable, measures):
    """Every 'heading X ... p. N' the measures cite is on a page where that heading's text runs."""
    pages_of = {}
    for item in roundtable["setoff"] + roundtable["discussion"] + roundtable["paragraphs"]:
        pages_of.setdefault(item["theme"], set()).add(item["page"])
    cells = " ".join(list(measures["roundtable"]) + list(measures["sc_reasoning"]))
    pins = re.findall(r"'([^']+)'(?:, | \()pp?\. (\d)(?:–(\d))?", cells)
    assert len(pins) >= 15
    for theme, first, last in pins:
        cited = set(range(int(first), int(last or first) + 1))
        assert cited <= pages_of[theme], (theme, cited, pages_of[theme])


def test_vetoed_drafts_are_the_kits_vetoes_on_those_measures(measures):
    vetoes = data.load("unsc_syria_vetoes")
    listed = {m: set(d.split(";")) for m, d in zip(measures["measure_id"], measures["vetoed_syria_drafts"].fillna(""))
              if d}
    assert set().union(*listed.values()) <= set(vetoes["draft"])
    subject = vetoes.set_index("draft")["subject"].str.lower()
    assert listed["humanitarian_access"] == set(subject[subject.str.contains("humanitarian")].index)
    assert listed["icc_referral"] == set(subject[subject.str.contains("criminal court")].index)
    assert listed["targeted_sanctions"] == set(subject[subject.str.contains("sanction")].index)


def test_hakimi_duties_are_the_kits_duty_ids(measures):
    assert set(measures["hakimi_duty"].dropna()) <= set(duties.DUTIES)


# ----------------------------------------------------------------- atrocity risk factors
@pytest.fixture(scope="module")
def factors() -> pd.DataFrame:
    return data.load("atrocity_risk_factors")


WP = "https://thewestpapuagenocidemonitor.org"
LIST_PAGE = f"{WP}/id/services-2"
# What the copies showed, as read (see the report for issue 7): the Framework's numbered risk-factor
# pages of the West Papua Genocide Monitor, with the indicators each lists before it ends or the part
# the kit could read breaks off; Risk Factor 14 from the preview of the post 'West Papua Case RF 14'.
READ_WITH_NUMBER = {
    7: ("Enabling circumstances or preparatory action", 10, f"{WP}/post/risk-factor-7"),
    8: ("Triggering factors", 12, f"{WP}/post/risk-factor-8"),
    9: ("Intergroup tensions or patterns of discrimination against protected groups", 6, f"{WP}/post/risk-factor-9"),
    13: ("Serious threats to those protected under international humanitarian law", 9, f"{WP}/post/risk-factor-13"),
    14: ("Serious threats to humanitarian or peacekeeping operations", 0, f"{WP}/post/risk-factor-8"),
}
# The names on the list page 'The 14 Human Rights Risk Factors' as far as the kit could read it (no numbers).
ON_LIST_PAGE = {
    "Situations of armed conflict or other forms of instability", "Motives or incentives",
    "Intergroup tensions or patterns of discrimination against protected groups",
    "Signs of a plan or policy to attack any civilian population",
    "Serious threats to humanitarian or peacekeeping operations",
    "Record of serious violations of international human rights and humanitarian law",
    "Capacity to commit atrocity crimes", "Enabling circumstances or preparatory action",
}
GLOBAL_CENTRE = {"https://www.dranupamkumarmishra.com/2022/07/the-relationship-between-atrocity.html",
                 "https://www.globalr2p.org/publications/the-relationship-between-violations-and-abuses-of-human-"
                 "rights-and-the-commission-of-atrocity-crimes"}
ROME_STATUTE = "https://www.public.law/dictionary/entries/attack-directed-against-any-civilian-population"


def _per_factor(factors: pd.DataFrame) -> pd.DataFrame:
    return factors.groupby("factor", sort=False).agg(
        number=("factor_number", "first"), indicators=("indicator_id", "count"), group=("group", "first"),
        crime=("crime", "first"), checked=("checked_against", "first"), note=("note", "first"))


def test_numbered_factors_are_those_read_with_their_number(factors):
    per = _per_factor(factors)
    numbered = per.dropna(subset=["number"])
    assert {int(n): (name, k) for name, n, k in zip(numbered.index, numbered["number"], numbered["indicators"])} \
        == {n: (name, k) for n, (name, k, _) in READ_WITH_NUMBER.items()}
    for name, row in numbered.iterrows():
        assert READ_WITH_NUMBER[int(row["number"])][2] in row["checked"].split(" ; ")


def test_factors_without_a_number_are_those_named_only_on_the_list_page(factors):
    per = _per_factor(factors)
    unnumbered = per[per["number"].isna()]
    with_number = {name for name, _, _ in READ_WITH_NUMBER.values()}
    assert set(unnumbered.index) == ON_LIST_PAGE - with_number
    assert (unnumbered["indicators"] == 0).all()  # no number, so no indicator number either
    for name, row in unnumbered.iterrows():
        assert LIST_PAGE in row["checked"].split(" ; ")
        assert "number is left empty" in row["note"]
    assert len(per) <= 14 and per["number"].dropna().between(1, 14).all()


def test_groups_are_consistent_and_their_basis_is_stated(factors):
    per = _per_factor(factors)
    assert ((per["group"] == "common") == (per["crime"] == "all atrocity crimes")).all()
    for name, row in per.iterrows():
        copy_states_it = bool(GLOBAL_CENTRE & set(row["checked"].split(" ; ")))
        assert ("the kit's reading" in row["note"]) != copy_states_it, name
    record = per.loc["Record of serious violations of international human rights and humanitarian law"]
    assert record["group"] == "common" and "'one of the common risk factors'" in record["note"]
    plan = per.loc["Signs of a plan or policy to attack any civilian population"]
    assert plan["crime"] == "crimes against humanity" and ROME_STATUTE in plan["checked"]
    assert set(factors.groupby("factor")["group"].nunique()) == {1}  # one group per factor, on every row


def test_indicators_are_numbered_in_order_and_cited(factors):
    for number, group in factors.dropna(subset=["factor_number"]).groupby("factor_number"):
        ids = group["indicator_id"].dropna().tolist()
        assert ids == [f"{number}.{k}" for k in range(1, len(ids) + 1)]
        assert group["indicator"].isna().tolist() == group["indicator_id"].isna().tolist()
    for row in factors.itertuples():
        assert row.source.startswith("Framework of Analysis for Atrocity Crimes (UN, 2014), ")
        if pd.isna(row.factor_number):
            assert row.source.endswith(f"risk factor '{row.factor}' (number not checked)")
        else:
            assert f"Risk Factor {row.factor_number}" in row.source
        assert (f"indicator {row.indicator_id}" in row.source) == isinstance(row.indicator_id, str)
        assert not re.search(r"\bpp?\. \d", row.source), "no page: the Framework's pages were not checked"
        assert all(url.startswith("https://") for url in row.checked_against.split(" ; "))


def test_the_description_says_what_is_and_is_not_verified(factors):
    text = data.describe("atrocity_risk_factors").attrs["description"]
    per = _per_factor(factors)
    for name in per.index[per["number"].isna()]:
        assert f"'{name}'" in text
    numbered = ", ".join(str(int(n)) for n in per["number"].dropna())
    assert numbered == "7, 8, 9, 13, 14" and "Risk Factors 7 and 8" in text and "13 and 14" in text
    in_words = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}
    assert f"the {in_words[14 - len(per)]} other factors, whose names no copy" in text
    assert "Not verified" in text and "not a forecast" in text and "only 5" not in text


def test_numbers_not_in_the_table_are_accounted_for(factors):
    per = _per_factor(factors)
    missing = prevention.numbers_not_in_table(factors)
    held = {int(n) for n in per["number"].dropna()}
    assert not set(missing) & held and sorted(set(missing) | held) == list(range(1, prevention.FRAMEWORK_FACTORS + 1))
    # every number the table lacks goes to a factor listed without one or to a factor not in the table
    assert len(missing) == int(per["number"].isna().sum()) + (prevention.FRAMEWORK_FACTORS - len(per))


def test_the_second_search_and_its_one_lead_are_recorded_not_turned_into_rows(factors):
    text = data.describe("atrocity_risk_factors").attrs["description"]
    assert "A second search, in December 2026" in text and "nothing was added" in text
    assert "'the weakness of State structures'" in text and "it is not in the table" in text
    assert not _per_factor(factors).index.str.contains("weakness of State structures", case=False).any()

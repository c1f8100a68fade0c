"""The Syria case in the UN: vetoes and General Assembly votes (r2pkit.un_votes, its charts and widget), for Syria and for any crisis record.

Expected values are computed here with plain pandas from the datasets, or from the rule the
function promises, never copied from the function's own output.
"""
from __future__ import annotations

import math

import pandas as pd
import pytest

from r2pkit import charts, crisis, data, un_votes, widgets
from r2pkit.errors import R2PKitError, UnknownNameError


@pytest.fixture(scope="module")
def vetoes() -> pd.DataFrame:
    return data.load("unsc_syria_vetoes")


@pytest.fixture(scope="module")
def votes() -> pd.DataFrame:
    return data.load("unga_syria_votes")


@pytest.fixture(scope="module")
def resolutions() -> pd.DataFrame:
    return data.load("unga_syria_resolutions")


def _values(chart) -> list[dict]:
    spec = chart.to_dict()
    return spec["datasets"][next(iter(spec["datasets"]))]


# ---------------------------------------------------------------- Security Council
def test_veto_summary_counts_each_members_vetoes_per_year(vetoes):
    summary = un_votes.veto_summary(vetoes)
    expected: dict[tuple[int, str], int] = {}
    for year, who in zip(vetoes["year"], vetoes["vetoed_by"]):
        for member in who.split(";"):
            expected[(int(year), member)] = expected.get((int(year), member), 0) + 1
    got = {(int(y), m): int(n) for y, m, n in zip(summary["year"], summary["member"], summary["vetoes"]) if n}
    assert got == expected
    assert int(summary["vetoes"].sum()) == int(vetoes["n_vetoing"].sum())


def test_veto_summary_has_every_year_and_zero_where_no_veto(vetoes):
    summary = un_votes.veto_summary(vetoes)
    first, last = int(vetoes["year"].min()), int(vetoes["year"].max())
    assert sorted(summary["year"].unique()) == list(range(first, last + 1))
    quiet = sorted(set(range(first, last + 1)) - set(vetoes["year"].astype(int)))
    assert quiet, "the data have years without a veto on Syria"
    assert (summary.loc[summary["year"].isin(quiet), "vetoes"] == 0).all()
    assert list(summary.columns[:3]) == ["year", "member", "vetoes"]


def test_russia_vetoed_every_draft_and_china_fewer(vetoes):
    totals = un_votes.veto_summary(vetoes).groupby("member")["vetoes"].sum()
    assert totals["Russia"] == len(vetoes)
    assert totals["China"] == vetoes["vetoed_by"].str.contains("China").sum() < len(vetoes)
    assert set(totals.index) == {"China", "Russia"}


def test_veto_summary_refuses_another_table(votes):
    with pytest.raises(R2PKitError, match="unsc_syria_vetoes"):
        un_votes.veto_summary(votes)


# ------------------------------------------------------------------ voting record
@pytest.mark.parametrize("spelling", ["China", "china", "CHN", "chn", " China "])
def test_voting_record_accepts_a_name_or_iso3_in_any_case(votes, spelling):
    record = un_votes.voting_record(votes, spelling)
    plain = votes[votes["country"] == "China"].sort_values("date")
    assert record["vote"].tolist() == plain["vote"].tolist()
    assert record["resolution"].tolist() == plain["resolution"].tolist()
    assert record["date"].is_monotonic_increasing and set(record["iso3"]) == {"CHN"}


def test_unknown_country_suggests_the_closest_name(votes):
    with pytest.raises(UnknownNameError) as info:
        un_votes.voting_record(votes, "Rusia")
    assert "Did you mean 'Russia'?" in str(info.value)
    with pytest.raises(UnknownNameError, match="RUS"):
        un_votes.voting_record(votes, "Atlantis")


def test_unknown_code_suggests_a_code(votes):
    with pytest.raises(UnknownNameError, match=r"Did you mean 'GBR \(United Kingdom\)'"):
        un_votes.find_member(votes, "GBRR")


@pytest.mark.parametrize("bad", [None, 7, ""])
def test_a_country_must_be_a_name(votes, bad):
    with pytest.raises(UnknownNameError, match="name or ISO3 code"):
        un_votes.voting_record(votes, bad)


def test_common_other_spellings_are_understood(votes):
    assert un_votes.find_member(votes, "UK") == ("United Kingdom", "GBR")
    assert un_votes.find_member(votes, "Russian Federation") == ("Russia", "RUS")
    assert un_votes.find_member(votes, "Syrian Arab Republic")[1] == "SYR"


# ------------------------------------------------------------------ agreement
def _plain_agreement(votes: pd.DataFrame, a: str, b: str) -> tuple[int, int]:
    wide = votes.pivot(index="resolution", columns="country", values="vote")
    cast = {"yes", "no", "abstain"}
    both = wide[wide[a].isin(cast) & wide[b].isin(cast)]
    return int((both[a] == both[b]).sum()), len(both)


def test_china_agrees_with_russia_as_plain_pandas_says(votes):
    same, compared = _plain_agreement(votes, "China", "Russia")
    a = un_votes.voting_agreement(votes, "China", "Russia")
    assert (a.same, a.compared) == (same, compared)
    assert a.share == pytest.approx(same / compared)
    assert (a.country, a.other) == ("China", "Russia")


def test_absent_votes_are_left_out_of_the_agreement(votes):
    absent = votes.loc[votes["vote"] == "absent", "country"].value_counts()
    member = str(absent.index[0])  # the member with the most absences
    same, compared = _plain_agreement(votes, member, "Russia")
    n_res = votes["resolution"].nunique()
    a = un_votes.voting_agreement(votes, member, "Russia")
    assert compared < n_res and a.compared == compared and a.same == same


def test_agreement_table_matches_single_agreements_and_is_sorted(votes):
    table = un_votes.agreement_table(votes, "Russia")
    assert len(table) == votes["country"].nunique()
    for member in ["United Kingdom", "Cuba", "India", "Iran"]:
        same, compared = _plain_agreement(votes, member, "Russia")
        row = table[table["country"] == member].iloc[0]
        assert (row["same"], row["compared"]) == (same, compared)
    shares = table["share"].dropna().tolist()
    assert shares == sorted(shares, reverse=True)


def test_every_members_agreement_from_its_pair_equals_the_whole_table(votes):
    # voting_agreement computes from the two members' rows only; agreement_table from all
    # of them: the two must give the same counts for every member, and plain pandas too.
    table = un_votes.agreement_table(votes, "Russia").set_index("country")
    for member in table.index:
        a = un_votes.voting_agreement(votes, member, "Russia")
        assert (a.same, a.compared) == (table.loc[member, "same"], table.loc[member, "compared"]), member
    assert (un_votes.voting_agreement(votes, "Iran", "Russia").same, un_votes.voting_agreement(votes, "Iran", "Russia").compared) \
        == _plain_agreement(votes, "Iran", "Russia")
    assert math.isnan(un_votes.Agreement("A", "B", 0, 0, float("nan")).share)


def test_agreement_with_another_member(votes):
    same, compared = _plain_agreement(votes, "France", "United Kingdom")
    a = un_votes.voting_agreement(votes, "FRA", with_="gbr")
    assert (a.same, a.compared) == (same, compared)


def test_agreement_sentence_states_the_counts(votes):
    same, compared = _plain_agreement(votes, "India", "Russia")
    text = un_votes.agreement_sentence(votes, "India", "Russia")
    assert f"on {same} of the {compared} resolutions" in text and text.startswith("India")


def test_compare_records_puts_two_records_side_by_side(votes):
    table = un_votes.compare_records(votes, "Cuba", "Russia")
    assert list(table.columns) == ["resolution", "date", "Cuba", "Russia", "same"]
    same, compared = _plain_agreement(votes, "Cuba", "Russia")
    assert (table["same"] == "same").sum() == same
    assert (table["same"] != "—").sum() == compared


# ------------------------------------------------------------------ no votes
def test_no_votes_per_resolution_match_the_resolution_tallies(votes, resolutions):
    per_res = un_votes.no_votes(votes).set_index("resolution")["count"]
    recorded = resolutions[resolutions["in_roll_call_data"].astype(bool)].set_index("resolution")["no"]
    assert per_res.to_dict() == {k: int(v) for k, v in recorded.items()}


def test_no_votes_name_who_voted_no(votes):
    table = un_votes.no_votes(votes)
    row = table[table["resolution"] == "A/RES/66/176"].iloc[0]
    plain = sorted(votes[(votes["resolution"] == "A/RES/66/176") & (votes["vote"] == "no")]["country"])
    assert row["countries"] == ", ".join(plain)
    assert "Russia" not in row["countries"] and "China" not in row["countries"]
    assert table["date"].is_monotonic_increasing


def test_no_votes_per_year_count_distinct_members(votes):
    per_year = un_votes.no_votes(votes, by="year").set_index("year")
    v = votes.assign(year=votes["date"].dt.year)
    for year in (2012, 2016):
        rows = v[(v["year"] == year) & (v["vote"] == "no")]
        assert per_year.loc[year, "count"] == rows["country"].nunique()
        assert per_year.loc[year, "resolutions"] == v[v["year"] == year]["resolution"].nunique()


def test_other_votes_can_be_counted(votes, resolutions):
    abstain = un_votes.no_votes(votes, vote="Abstain").set_index("resolution")["count"]
    assert abstain["A/RES/66/176"] == int(resolutions.set_index("resolution").loc["A/RES/66/176", "abstain"])


def test_bad_vote_and_grouping_give_clear_errors(votes):
    with pytest.raises(UnknownNameError, match="Did you mean 'yes'"):
        un_votes.no_votes(votes, vote="yess")
    with pytest.raises(R2PKitError, match="Choose one of: resolution, year"):
        un_votes.no_votes(votes, by="session")


# ------------------------------------------------------------------ consistency
def test_consistency_shows_the_first_resolution_breaks_the_claim(votes):
    table = un_votes.consistency(votes, ("Russia", "China"), "no")
    wide = votes.pivot(index="resolution", columns="country", values="vote")
    expected = (wide["Russia"] == "no") & (wide["China"] == "no")
    assert table.set_index("resolution")["all"].to_dict() == expected.to_dict()
    first = table.iloc[0]
    assert first["resolution"] == "A/RES/66/176" and first["Russia"] == first["China"] == "abstain"
    assert not first["all"]


def test_consistent_since_finds_february_2012(votes):
    table = un_votes.consistency(votes, ("RUS", "chn"))
    since = un_votes.consistent_since(table)
    wide = votes.pivot(index="resolution", columns="iso3", values="vote")
    dates = votes.drop_duplicates("resolution").set_index("resolution")["date"]
    both_no = (wide["RUS"] == "no") & (wide["CHN"] == "no")
    broken = dates[~both_no]
    expected = dates[dates > broken.max()].min()
    assert since["date"] == expected and since["resolution"] == "A/RES/66/253"


def test_consistency_for_a_member_that_never_voted_no(votes):
    table = un_votes.consistency(votes, ["United Kingdom"], "no")
    assert not table["all"].any()
    assert un_votes.consistent_since(table) is None


def test_consistency_wants_a_list_of_members(votes):
    with pytest.raises(R2PKitError, match="countries=\\[\\] is not a list of one or more member states"):
        un_votes.consistency(votes, [])
    one = un_votes.consistency(votes, "Russia")  # one name alone is a list of one, not five letters
    assert list(one.columns) == ["resolution", "date", "Russia", "all"]


# ------------------------------------------------------------------ charts
def test_veto_chart_shows_the_summary_and_is_accessible(vetoes):
    chart = charts.vetoes_by_year(vetoes)
    charts.require_accessible(chart)
    spec = chart.to_dict()
    bars, names = spec["layer"]
    assert bars["encoding"]["x"]["field"] == "year" and bars["encoding"]["color"]["field"] == "member"
    assert names["mark"]["type"] == "text" and names["encoding"]["text"]["field"] == "label_text", \
        "each segment also carries the member's name: colour is not the only cue"
    values = _values(chart)
    got = {(v["year"], v["member"]): v["vetoes"] for v in values}
    assert sum(got.values()) == int(vetoes["n_vetoing"].sum())
    assert got[(2017, "Russia")] == int(((vetoes["year"] == 2017) & vetoes["vetoed_by"].str.contains("Russia")).sum())
    assert f"Russia {len(vetoes)}" in spec["description"]


def test_no_vote_chart_has_one_bar_per_resolution_and_a_cutoff(votes):
    chart = charts.ga_no_votes(votes, cutoff="2014-03-10", cutoff_label="March 2014")
    charts.require_accessible(chart)
    values = _values(chart)
    assert len(values) == votes["resolution"].nunique()
    before = [v for v in values if v["period"] == "Before March 2014"]
    assert len(before) == votes.loc[votes["date"] < "2014-03-10", "resolution"].nunique()
    counts = votes[votes["vote"] == "no"].groupby("resolution").size().to_dict()
    assert {v["resolution"]: v["count"] for v in values} == counts
    # colour is not the only cue: the later bars are pale and outlined, the earlier ones solid
    encoding = chart.to_dict()["encoding"]
    assert encoding["fillOpacity"]["field"] == encoding["stroke"]["field"] == encoding["color"]["field"] == "period"
    assert encoding["fillOpacity"]["scale"]["range"] == [1.0, 0.35]
    assert "solid dark blue bars, later ones pale blue bars with a dark outline" in chart.to_dict()["description"]
    with pytest.raises(R2PKitError, match="YYYY-MM-DD"):
        charts.ga_no_votes(votes, cutoff="last spring")


def test_record_chart_has_a_cell_per_member_and_resolution(votes):
    chart = charts.voting_record_chart(votes, ["Brazil", "Russia"])
    charts.require_accessible(chart)
    values = _values(chart)
    n = votes["resolution"].nunique()
    assert len(values) == 2 * n
    brazil = [v["vote"] for v in values if v["country"] == "Brazil"]
    assert sorted(brazil) == sorted(votes.loc[votes["country"] == "Brazil", "vote"])
    assert {v["letter"] for v in values} <= {"Y", "N", "A", "–"}
    assert chart.to_dict()["title"] == "General Assembly votes on Syria: Brazil and Russia"


# ------------------------------------------------------------------ widget
def test_member_explorer_follows_the_menu(votes):
    box = widgets.member_explorer(votes, "United Kingdom")
    menu, sentence, pane, table, _keys = box.children
    before = (sentence.value, pane.value, table.value)
    menu.value = "Cuba"
    same, compared = _plain_agreement(votes, "Cuba", "Russia")
    assert sentence.value != before[0] and f"{same} of the {compared}" in sentence.value
    assert pane.value != before[1] and "Cuba" in repr(pane)
    assert table.value != before[2] and ">Cuba<" in table.value
    assert repr(box) == "MemberExplorer(country='Cuba')"


def test_member_explorer_refuses_an_unknown_member(votes):
    with pytest.raises(UnknownNameError, match="Did you mean"):
        widgets.member_explorer(votes, "Frence")


# ------------------------------------------------------------------ exercise 02's key
@pytest.fixture(scope="module")
def ex02():
    from pathlib import Path

    from r2pkit.exercises.source import load_source

    return load_source(Path(__file__).resolve().parents[1] / "exercises" / "source" / "ex02_syria.yaml")


def test_ex02_keys_on_vetoes_agree_with_the_data(ex02, vetoes):
    q1 = ex02.question("q1")
    cast = vetoes.assign(n=vetoes["vetoed_by"].str.count(";") + 1).groupby("year")["n"].sum()
    assert q1.options[q1.answer] == str(int(cast.idxmax())) and cast.max() == 6  # 'six vetoes in all'
    q2 = ex02.question("q2")
    who = dict(zip(vetoes["draft"], vetoes["vetoed_by"]))
    for item, text in q2.items.items():
        draft = text.split()[0]
        expected = "Russia alone" if who[draft] == "Russia" else "China and Russia together"
        assert q2.categories[q2.answer[item]] == expected, draft
    china = int(vetoes["vetoed_by"].str.contains("China").sum())
    assert ex02.question("q9").answer == china
    assert f"{china} of the {len(vetoes)} drafts" in ex02.question("q9").explanation
    alone = int((vetoes["vetoed_by"] == "Russia").sum())
    assert f"{alone} of them alone" in ex02.question("q9").explanation


def test_ex02_keys_on_general_assembly_votes_agree_with_the_data(ex02, votes):
    window = votes[(votes["date"] >= "2012-02-01") & (votes["date"] < "2014-03-10")]
    wide = window.pivot(index="country", columns="resolution", values="vote")
    always_no = set(wide[(wide == "no").all(axis=1)].index)
    q5 = ex02.question("q5")
    chosen = {q5.options[k] for k in q5.answer}
    offered = set(q5.options.values())
    assert chosen == always_no & offered
    assert len(always_no) == 11 and {"Russia", "China"} <= always_no  # 'Eleven states, Russia and China among them'
    first = votes[votes["date"] == votes["date"].min()]
    assert set(first[first["country"].isin(["Russia", "China"])]["vote"]) == {"abstain"}  # q4's reason b


def test_ex02_explanations_quote_figures_the_data_give(ex02):
    r = data.load("syria_refugees_by_host")
    i = data.load("country_indicators")

    def ref(iso3: str, year: int) -> int:
        return int(r[(r["host_iso3"] == iso3) & (r["year"] == year)]["refugees"].iloc[0])

    def pop(iso3: str, year: int) -> int:
        return int(i[(i["iso3"] == iso3) & (i["year"] == year)]["population"].iloc[0])

    four = sum(ref(c, 2016) for c in ("LBN", "TUR", "JOR", "IRQ"))
    text6 = ex02.question("q6").explanation
    assert f"{four:,} of {ref('WLD', 2016):,}" in text6 and f"{100 * four / ref('WLD', 2016):.1f}%" in text6
    text7 = ex02.question("q7").explanation
    assert f"{ref('LBN', 2016):,}" in text7 and f"{pop('LBN', 2016):,}" in text7
    assert f"{100 * ref('LBN', 2016) / pop('LBN', 2016):.1f}%" in text7
    assert f"{100 * ref('LBN', 2014) / pop('LBN', 2014):.1f}%" in text7
    assert f"{100 * ref('LBN', 2014) / pop('LBN', 2010):.1f}%" in text7
    text11 = ex02.question("q11").explanation
    assert f"{ref('JOR', 2016):,}" in text11 and f"{pop('JOR', 2016):,}" in text11
    assert ex02.question("q11").answer == pytest.approx(ref("JOR", 2016) / pop("JOR", 2016) * 1000)
    region = sum(ref(c, 2016) for c in ("LBN", "TUR", "JOR", "EGY", "IRQ"))
    text12 = ex02.question("q12").explanation
    assert f"{ref('WLD', 2015):,}" in text12 and f"{ref('WLD', 2016):,}" in text12 and f"{region:,}" in text12
    q8 = ex02.question("q8")
    turkey = i[(i["iso3"] == "TUR") & (i["year"] == 2016)].iloc[0]
    per_head = float(turkey["gdp_current_usd"]) / float(turkey["population"])
    assert f"{ref('TUR', 2016):,}" in q8.explanation and f"US${per_head:,.0f}" in q8.explanation
    assert f"about {ref('TUR', 2016) / per_head:.0f}" in q8.explanation


# ------------------------------------------------------------------ any crisis record
@pytest.mark.parametrize("record", [crisis.SYRIA, crisis.MYANMAR])
def test_a_crisis_in_place_of_its_tables(record):
    assert un_votes.vetoes(record)["draft"].tolist() == list(record.vetoed_drafts)
    voted = set(un_votes.votes(record)["resolution"])
    assert voted <= set(record.resolutions) and voted
    assert un_votes.no_votes(record).equals(un_votes.no_votes(un_votes.votes(record)))
    assert un_votes.veto_summary(record).equals(un_votes.veto_summary(un_votes.vetoes(record)))
    # the crisis names whom to compare with: its focus members
    assert list(un_votes.consistency(record).columns[2:4]) == list(record.focus_members)
    table = un_votes.agreement_table(record).set_index("country")
    assert table.loc[record.focus_members[0], "share"] == 1.0 and table["share"].iloc[0] == 1.0


def test_myanmar_in_the_un():
    summary = un_votes.veto_summary(crisis.MYANMAR)
    assert summary[["year", "member", "vetoes", "drafts"]].values.tolist() == [
        [2007, "China", 1, "S/2007/14"], [2007, "Russia", 1, "S/2007/14"]]
    both = un_votes.consistency(crisis.MYANMAR)
    assert both["all"].all() and len(both) == 4  # Russia and China voted no on all four recorded votes
    assert un_votes.consistent_since(both)["resolution"] == "A/RES/66/230"
    no = un_votes.no_votes(crisis.MYANMAR).set_index("resolution")["count"]
    assert no["A/RES/72/248"] == 10
    assert un_votes.voting_agreement(crisis.MYANMAR, "China").share == 1.0


def test_a_table_needs_whom_to_compare_with(votes):
    with pytest.raises(R2PKitError, match="with_=None .*Name it, e.g. with_='Russia'"):
        un_votes.agreement_table(votes)
    with pytest.raises(R2PKitError, match="countries=None"):
        un_votes.consistency(votes)
    with pytest.raises(R2PKitError, match="Did you mean 'myanmar'"):
        un_votes.votes("myanmr")


def test_charts_name_the_crisis():
    assert charts.vetoes_by_year(crisis.MYANMAR).to_dict()["title"] == "Security Council vetoes on Myanmar, by year and member"
    assert "on Myanmar" in charts.ga_no_votes(un_votes.votes(crisis.MYANMAR)).to_dict()["title"]
    assert charts.voting_record_chart(crisis.MYANMAR).to_dict()["title"] == "General Assembly votes on Myanmar: Russia and China"
    with pytest.raises(R2PKitError, match="Name the member states"):
        charts.voting_record_chart(pd.DataFrame({"resolution": ["X"], "date": ["2011-01-01"], "country": ["A"],
                                                 "iso3": ["AAA"], "vote": ["yes"]}))

"""r2pkit.prevention: filters, summaries, the measure filter and the early-warning profile.

Expected values are recomputed here with plain pandas from the datasets (or from the
rule the function states), never copied from the function's own output.
"""
from __future__ import annotations

import itertools
import re

import pandas as pd
import pytest

from r2pkit import data, prevention
from r2pkit.errors import R2PKitError, UnknownNameError


@pytest.fixture(scope="module")
def recs() -> pd.DataFrame:
    return data.load("unauk_recommendations")


@pytest.fixture(scope="module")
def measures() -> pd.DataFrame:
    return data.load("protection_measures")


@pytest.fixture(scope="module")
def factors() -> pd.DataFrame:
    return data.load("atrocity_risk_factors")


# ------------------------------------------------------------------------ recommendations
def test_recommendations_by_addressee_and_session_match_plain_pandas(recs):
    for session in range(1, 5):
        for who in ["UK government", "NGOs", "parliamentarians", "researchers"]:
            expected = recs[(recs["session"] == session)
                            & recs["addressee"].str.split("; ").apply(lambda names, w=who: w in names)]
            got = prevention.recommendations(recs, session=session, addressee=who)
            assert got["rec_id"].tolist() == expected["rec_id"].tolist()


def test_count_by_addressee_counts_each_addressee_of_a_row(recs):
    exploded = recs.assign(addressee=recs["addressee"].str.split("; ")).explode("addressee")
    expected = exploded.groupby("addressee").size()
    got = prevention.count_by(recs, "addressee").set_index("addressee")["recommendations"]
    assert got.sort_index().to_dict() == expected.sort_index().to_dict()
    assert got.sum() > len(recs)  # rows with two addressees count twice


def test_count_by_session_and_form(recs):
    setoff = recs[recs["form"] == "set-off recommendation"]
    got = prevention.count_by(recs, ["session"], form="set-off recommendation")
    assert got["recommendations"].tolist() == setoff.groupby("session").size().tolist()
    assert got["session_title"].tolist() == list(prevention.SESSIONS.values())


def test_session_can_be_named_by_title_and_bad_sessions_are_explained(recs):
    by_title = prevention.recommendations(recs, session="galvanising international political will")
    assert (by_title["session"] == 4).all() and len(by_title) == (recs["session"] == 4).sum()
    with pytest.raises(R2PKitError, match="session=5 is not a session of the roundtable. Choose 1, 2, 3 or 4"):
        prevention.recommendations(recs, session=5)
    with pytest.raises(UnknownNameError, match="Did you mean 'Early warning for effective prevention'"):
        prevention.recommendations(recs, session="Early warning for prevention")
    with pytest.raises(UnknownNameError, match="Did you mean 'political will'"):
        prevention.recommendations(recs, measure_type="politcal will")
    with pytest.raises(R2PKitError, match=r"Pass data.load\('unauk_recommendations'\)"):
        prevention.recommendations(pd.DataFrame({"x": [1]}))


def test_sentence_counts_and_cites_pages(recs):
    rows = recs[recs["addressee"].str.contains("parliamentarians")]
    pages = sorted(rows["page"].unique())
    text = prevention.recommendations_sentence(recs, addressee="parliamentarians")
    assert text.startswith(f"{len(rows)} recommendations addressed to parliamentarians")
    assert f"pp. {pages[0]}–{pages[-1]}" in text


# ------------------------------------------------------------------------------ measures
def test_coercion_scale_runs_from_early_warning_to_military_intervention(measures):
    scale = prevention.coercion_scale(measures)
    assert scale["coercion_rank"].tolist() == list(range(1, 15))
    assert scale["level"].tolist() == [prevention.LEVELS[n] for n in scale["coercion_level"]]


def test_without_council_is_everything_the_council_cannot_block_alone(measures):
    expected = set(measures.loc[measures["needs_sc_authorisation"] != "yes", "measure"])
    free = prevention.without_council(measures)
    assert set(free["measure"]) == expected
    sanctions = free.set_index("measure").loc["Targeted sanctions and arms embargoes", "who"]
    assert sanctions == "single state, regional organisation"  # the UN route needs the Council


@pytest.mark.parametrize("deadlocked,coercion,actor",
                         list(itertools.product([True, False], [True, False], list(prevention.ACTORS))))
def test_available_measures_apply_the_stated_rule(measures, deadlocked, coercion, actor):
    column = {"single state": "by_single_state", "regional organisation": "by_regional_organisation",
              "UN": "by_un", "civil society": "by_civil_society"}[actor]
    allowed = {"yes"} if deadlocked else {"yes", "council"}
    expected = measures[measures[column].isin(allowed) & (coercion | ~measures["coercive"].astype(bool))]
    got = prevention.available_measures(measures, deadlocked, coercion, actor)
    assert got["measure"].tolist() == expected.sort_values("coercion_rank")["measure"].tolist()
    assert got["coercion_rank"].is_monotonic_increasing
    if deadlocked:
        assert (got["route"] == "without the Security Council").all()


def test_resettlement_survives_a_deadlock_with_the_articles_reasoning(measures):
    left = prevention.available_measures(measures, True, False, "single state").set_index("measure")
    assert "Resettlement" in left.index and "Military intervention" not in left.index
    assert "does not require UN Security Council consensus" in left.loc["Resettlement", "why"]
    # the reasoning is the dataset's, not the code's
    assert left.loc["Resettlement", "why"] == measures.set_index("measure").loc["Resettlement", "sc_reasoning"]


def test_measure_filter_rejects_bad_constraints(measures):
    with pytest.raises(UnknownNameError, match="Did you mean 'regional organisation'"):
        prevention.available_measures(measures, True, False, "regional organization")
    with pytest.raises(R2PKitError, match="council_deadlocked='yes' is not True or False"):
        prevention.available_measures(measures, "yes", False, "UN")
    with pytest.raises(R2PKitError, match="coercion_acceptable=.* is not True or False"):
        prevention.available_measures(measures, True, 1, "UN")


def test_constraints_sentence_lists_what_remains(measures):
    text = prevention.constraints_sentence(measures, False, True, "UN")
    expected = measures[measures["by_un"] != "no"]
    assert f"the UN can take {len(expected)} of the 14 measures" in text
    assert text.endswith(f"{expected.sort_values('coercion_rank')['measure'].iloc[-1]}.")


def test_stances_counts_and_favourites_come_from_the_three_columns(measures):
    long = prevention.stances(measures)
    assert len(long) == 3 * len(measures)
    counts = prevention.stance_counts(measures)
    for column, label in prevention.SOURCES.items():
        assert counts.loc[label].to_dict() == {s: int((measures[f"{column}_stance"] == s).sum())
                                               for s in prevention.STANCES}
    favoured = measures[measures["roundtable_stance"] == "favours"].sort_values("coercion_rank")["measure"].tolist()
    assert prevention.favoured_by(measures, "roundtable") == favoured
    with pytest.raises(UnknownNameError, match="Did you mean 'Hakimi'"):
        prevention.favoured_by(measures, "Hakimmi")


def test_agreement_verdicts_follow_the_rule(measures):
    verdicts = prevention.agreement(measures).set_index("measure")["verdict"]
    columns = [f"{s}_stance" for s in prevention.SOURCES]
    for row in measures.itertuples():
        said = [getattr(row, c) for c in columns if getattr(row, c) != "not discussed"]
        if len(said) == 1:
            expected = "one text only"
        elif "favours" in said and "has reservations" in said:
            expected = "disagree"
        elif len(set(said)) == 1:
            expected = "agree"
        else:
            expected = "differ in emphasis"
        assert verdicts[row.measure] == expected, row.measure
    assert verdicts["Military intervention"] == "agree"  # all three have reservations


# ------------------------------------------------------------------------- early warning
def _factor_rows(factors: pd.DataFrame) -> pd.DataFrame:
    """One row per factor with plain pandas: the dataset's first row for each name."""
    return factors.drop_duplicates("factor").set_index("factor")


def test_profile_marks_exactly_what_was_ticked(factors):
    profile = prevention.risk_profile(factors, [8, "Risk Factor 13", "triggering factors", "MOTIVES or incentives"])
    rows = _factor_rows(factors)
    expected = {rows.index[rows["factor_number"] == 8][0], rows.index[rows["factor_number"] == 13][0],
                "Motives or incentives"}
    assert set(profile.loc[profile["marked"], "factor"]) == expected
    assert profile["factor"].is_unique and set(profile["factor"]) == set(factors["factor"])
    assert dict(profile[["factor", "group"]].values) == rows["group"].to_dict()
    assert dict(profile[["factor", "crime"]].values) == rows["crime"].to_dict()
    assert not {"score", "probability", "risk", "total"} & set(profile.columns)


def test_profile_puts_common_factors_first_and_numbered_before_unnumbered(factors):
    profile = prevention.risk_profile(factors, [])
    order = {"all atrocity crimes": 0, "genocide": 1, "crimes against humanity": 2, "war crimes": 3}
    assert profile["crime"].map(order).is_monotonic_increasing
    assert (profile["group"] == "common").tolist() == (profile["crime"] == "all atrocity crimes").tolist()
    for _, group in profile.groupby("crime", sort=False):
        numbers = group["factor_number"].tolist()
        known = [n for n in numbers if not pd.isna(n)]
        assert numbers[:len(known)] == sorted(known)  # numbered first, in the Framework's order
        assert group["factor"].tolist()[len(known):] == sorted(group["factor"].tolist()[len(known):])
    for number, label in zip(profile["factor_number"], profile["label"]):
        assert label.startswith(f"Risk Factor {number}: ") if not pd.isna(number) else label.endswith(
            "(number not checked)")


def test_summary_never_forecasts(factors):
    everything = factors["factor"].drop_duplicates().tolist()
    n = len(everything)
    for ticked in ([], [7], everything):
        text = prevention.profile_summary(prevention.risk_profile(factors, ticked))
        assert text.endswith(prevention.NOT_A_FORECAST)
        assert "not a score, a probability or a prediction" in text
        assert not re.search(r"\d+\s*%|likely|chance of", text)
        assert text.startswith(f"You marked {len(ticked)} of the {n} risk factors in the kit's table "
                               f"(the Framework has 14; {14 - n} could not be checked")
    for crime in factors["crime"].unique():  # every group in the data gets its sentence
        heading = "Common risk factors" if crime == "all atrocity crimes" else f"Specific to {crime}"
        assert heading in text
    assert "none marked" not in text


def test_unknown_factors_are_explained(factors):
    unchecked = sorted(set(range(1, 15)) - set(factors["factor_number"].dropna()))
    for number in unchecked:
        with pytest.raises(UnknownNameError, match=f"Risk Factor {number} is one of the Framework's 14, but the "
                                                   "kit could not check which factor has that number"):
            prevention.risk_profile(factors, [number])
    with pytest.raises(UnknownNameError, match="there is no Risk Factor 15"):
        prevention.find_factor(factors, "RF 15")
    with pytest.raises(UnknownNameError, match="Did you mean 'Triggering factors'"):
        prevention.find_factor(factors, "trigering factors")
    with pytest.raises(UnknownNameError, match="Did you mean 'Capacity to commit atrocity crimes'"):
        prevention.find_factor(factors, "capacity to commit atrocities")
    with pytest.raises(R2PKitError, match="Name a risk factor by its number"):
        prevention.find_factor(factors, True)
    with pytest.raises(R2PKitError, match="Name a risk factor by its number"):
        prevention.find_factor(factors, 8.0)
    with pytest.raises(R2PKitError, match="is not a list of the factors marked as present"):
        prevention.risk_profile(factors, "8")


def test_indicators_of_the_ticked_factors(factors):
    rows = prevention.indicators_of(factors, [13, 7, "Capacity to commit atrocity crimes"])
    capacity = factors["factor"] == "Capacity to commit atrocity crimes"
    expected = factors[factors["factor_number"].isin([7, 13]) | capacity]
    assert len(rows) == len(expected)
    # the profile's order: common factors first (numbered, then by name), then war crimes
    crime_rank = expected["crime"].map({"all atrocity crimes": 0, "war crimes": 3})
    ordered = expected.assign(_c=crime_rank, _n=expected["factor_number"].fillna(99)).sort_values(
        ["_c", "_n", "factor"], kind="stable")
    assert rows["indicator_id"].tolist() == ordered["indicator_id"].fillna("").tolist()
    no_indicator = rows[rows["indicator_id"] == ""]
    assert no_indicator["factor"].tolist() == ["Capacity to commit atrocity crimes"]
    assert "none could be checked" in no_indicator["indicator"].iloc[0]

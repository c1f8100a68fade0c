"""What states actually did: a crisis's resettlement arrivals, against fair shares and a pledge (the UK's).

The resettlement article's example of a resettlement programme is the UK's Syrian Vulnerable
Persons scheme: 'the UK’s decision to offer resettlement to 20,000 Syrian refugees over five
years', which 'intends to resettle 20,000 Syrian refugees from refugee camps in Jordan,
Lebanon, Iraq, Egypt and Turkey over the period from September 2015 to May 2020'
(Resettlement article, 'Engaging Divergent Interests', fn 112). This module sets such promises
and the :mod:`.fair_shares` keys beside what UNHCR recorded: a crisis's ``resettlement_arrivals``
dataset (UNHCR solutions table; ``syria_resettlement_arrivals``, ``myanmar_resettlement_arrivals``),
resettlement arrivals by state and calendar year. Every function takes the table or the
:class:`~r2pkit.crisis.Crisis` (whose record gives the years compared, its refugees and its
words). The pledge is the Syria case's: :data:`UK_PLEDGE`.

Read the comparisons with the dataset's caveats in mind: calendar years (US figures do not
match US fiscal years; the UK scheme's period does not start or end with a calendar year),
resettlement only (Germany's humanitarian admissions and every asylum-seeker are left out),
and UNHCR does not say under which programme a person was resettled.
"""
from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from .. import checks
from ..crisis import Crisis, of_table
from ..errors import OutOfRangeError, R2PKitError, WrongTypeError
from . import fair_shares, figures

__all__ = ["Pledge", "UK_PLEDGE", "arrival_years", "arrivals_by_state", "arrivals_by_year", "resettlement_states",
           "compare_with_fair_shares", "comparison_sentence", "PledgeProgress", "pledge_progress",
           "matching_pledges"]


class Pledge(NamedTuple):
    """A state's promise of resettlement places over a period, with its source."""

    state: str          # ISO3
    name: str
    places: int
    first_year: int     # the calendar years the period touches
    last_year: int
    period: str         # the period as the source gives it
    source: str


#: The UK's Syrian Vulnerable Persons scheme, as the resettlement article gives it.
UK_PLEDGE = Pledge("GBR", "United Kingdom", 20_000, 2015, 2020, "September 2015 to May 2020",
                   "Resettlement article, 'Engaging Divergent Interests', fn 112")

_COLUMNS = ("year", "state", "state_iso3", "resettlement_arrivals", "source")


def _of(arrivals: object) -> tuple[object, Crisis | None]:
    """(the arrivals table, the crisis it is about): a crisis given in its place is loaded."""
    if isinstance(arrivals, Crisis):
        return arrivals.table("resettlement_arrivals"), arrivals
    return arrivals, of_table(arrivals)


def _period(arrivals: pd.DataFrame, found: Crisis | None, first: object, last: object) -> tuple[int, int]:
    """``first``–``last``, each defaulting to the crisis's ``compare_years`` (else the table's span)."""
    if first is None or last is None:
        _arrivals(arrivals)
        have = arrival_years(arrivals)
        span = found.compare_years if found is not None and found.compare_years else (have[0], have[-1]) if have \
            else (None, None)
        first = span[0] if first is None else first
        last = span[1] if last is None else last
    return _check_period(arrivals, first, last)


def _arrivals(table: object) -> pd.DataFrame:
    return checks.table(table, _COLUMNS, "syria_resettlement_arrivals",
                        types={"year": "whole", "resettlement_arrivals": "number"})


def arrival_years(arrivals: pd.DataFrame) -> list[int]:
    """The years the arrivals table covers.

    >>> arrival_years(pd.DataFrame({"year": [2016, 2011, 2016]}))
    [2011, 2016]
    """
    checks.table(arrivals, ("year",), "syria_resettlement_arrivals", types={"year": "whole"})
    return sorted(int(y) for y in arrivals["year"].dropna().unique())


def _check_period(arrivals: pd.DataFrame, first: int, last: int) -> tuple[int, int]:
    _arrivals(arrivals)
    have = arrival_years(arrivals)
    span = range(have[0], have[-1] + 1) if have else ()
    first = checks.year(first, span, "first", what="a year of the resettlement data")
    last = checks.year(last, span, "last", what="a year of the resettlement data")
    if first > last:
        raise OutOfRangeError(value=last, name="last", expected=f"a year on or after first={first}",
                              allowed="The period runs backwards: give the earlier year first.")
    return first, last


def arrivals_by_state(arrivals: pd.DataFrame | Crisis, first: int | None = None, last: int | None = None) -> pd.DataFrame:
    """Resettlement arrivals per state, summed over the years ``first``–``last``, most first.

    ``arrivals`` is a crisis's ``resettlement_arrivals`` table (e.g. ``syria_resettlement_arrivals``)
    or the crisis. ``first`` and ``last`` default to the crisis's ``compare_years`` (Syria:
    2011–2023). Columns: state_iso3, state, arrivals, years_with_arrivals, source.

    >>> from r2pkit import data
    >>> top = arrivals_by_state(data.load("syria_resettlement_arrivals"), 2016, 2016).iloc[0]
    >>> top["state"], int(top["arrivals"])
    ('Canada', 33266)
    """
    arrivals, found = _of(arrivals)
    first, last = _period(arrivals, found, first, last)
    rows = arrivals[arrivals["year"].between(first, last)]
    # One aggregate per column (pandas' named aggregation did the same, three times slower).
    by_state = rows.groupby("state_iso3")
    out = pd.DataFrame({"state": by_state["state"].first(), "arrivals": by_state["resettlement_arrivals"].sum(),
                        "years_with_arrivals": by_state["year"].nunique()}).reset_index()
    out["arrivals"] = out["arrivals"].astype("int64")
    origin, name = (found.origin_unhcr, found.datasets["resettlement_arrivals"]) if found else ("as in the table",
                                                                                               "given")
    out["source"] = (f"UNHCR Refugee Data Finder, solutions table (resettlement), origin {origin}, {first}–{last}; "
                     f"dataset {name}")
    return out.sort_values(["arrivals", "state_iso3"], ascending=[False, True]).reset_index(drop=True)


def arrivals_by_year(arrivals: pd.DataFrame) -> pd.DataFrame:
    """All resettlement arrivals per year (of a crisis's table, or of the crisis), with the number of states.

    >>> from r2pkit import data
    >>> by_year = arrivals_by_year(data.load("syria_resettlement_arrivals")).set_index("year")
    >>> int(by_year.loc[2016, "arrivals"])
    65843
    """
    arrivals, _ = _of(arrivals)
    _arrivals(arrivals)
    out = arrivals.groupby("year").agg(arrivals=("resettlement_arrivals", "sum"),
                                       states=("state_iso3", "nunique")).reset_index()
    return out.astype({"year": "int64", "arrivals": "int64", "states": "int64"})


def resettlement_states(arrivals: pd.DataFrame | Crisis, indicators: pd.DataFrame | None = None,
                        first: int | None = None, last: int | None = None) -> list[str]:
    """ISO3 codes of the states that resettled a crisis's refugees in ``first``–``last`` and have World Bank figures.

    Most arrivals first. States without a row in ``country_indicators`` (which covers the
    main hosts of the kit's crises) are left out: they cannot be given a fair share; so are
    the countries of origin. ``first``–``last`` default to the crisis's ``compare_years``.

    >>> from r2pkit import data
    >>> resettlement_states(data.load("syria_resettlement_arrivals"), data.load("country_indicators"))[:3]
    ['CAN', 'USA', 'GBR']
    """
    indicators = _indicators(arrivals, indicators)
    checks.table(indicators, ("iso3",), "country_indicators")
    table = arrivals_by_state(arrivals, first, last)
    known = set(indicators["iso3"].astype(str)) - set(figures._origins())
    return [str(c) for c in table["state_iso3"] if c in known]


def _indicators(arrivals: object, indicators: object) -> object:
    """``indicators`` if given, else the crisis's (the kit's ``country_indicators``)."""
    if indicators is not None:
        return indicators
    from .. import data

    return arrivals.table("indicators") if isinstance(arrivals, Crisis) else data.load("country_indicators")


def _refugees(arrivals: object, refugees: object) -> object:
    """``refugees`` if given, else the refugees by host of the crisis the arrivals are about."""
    if refugees is not None:
        return refugees
    from .. import data

    _, found = _of(arrivals)
    return found.table("refugees_by_host") if found is not None else data.load("syria_refugees_by_host")


def _comparison_year(indicators: pd.DataFrame, refugees: pd.DataFrame, codes: list[str], last: int,
                     need_hosted: bool) -> int:
    usable = figures.figure_years(indicators, refugees, codes, need_hosted)
    if not usable:
        raise OutOfRangeError(value=checks.listing(codes, limit=8), name="states",
                              expected="a set of states with population and GDP for a common year",
                              allowed="Choose fewer states.")
    before = [y for y in usable if y <= last]
    return before[-1] if before else usable[0]


def compare_with_fair_shares(arrivals: pd.DataFrame | Crisis, key: str, states: object = None,
                             first: int | None = None, last: int | None = None, year: int | None = None,
                             weights: object = None, target: int | None = None, *,
                             indicators: pd.DataFrame | None = None,
                             refugees: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each state's actual resettlement arrivals against its fair share of all of them, and the ratio.

    The target shared out is what the chosen ``states`` together actually resettled in
    ``first``–``last`` (calendar years), unless another ``target`` is given (e.g. a pledge
    to test); it is split by ``key`` (and ``weights``) with
    :func:`~.fair_shares.allocate`, using the figures of ``year`` (default: ``last``, or the
    nearest earlier year with complete figures). ``ratio`` = arrivals ÷ fair share: above 1, a
    state took more than its share; below 1, fewer. ``states`` defaults to
    :func:`resettlement_states`. ``arrivals`` may be a crisis (its arrivals, refugees and
    indicators are used; ``first``–``last`` default to its ``compare_years``). Columns: state,
    name, arrivals, fair_share, ratio, share, source.

    >>> from r2pkit import data
    >>> t = compare_with_fair_shares(data.load("syria_resettlement_arrivals"), "population", ["CAN", "GBR"])
    >>> int(t["arrivals"].sum()) == int(t["fair_share"].sum())
    True
    """
    indicators = _indicators(arrivals, indicators)
    refugees = _refugees(arrivals, refugees)
    arrivals, found = _of(arrivals)
    first, last = _period(arrivals, found, first, last)
    if states is None:
        states = resettlement_states(arrivals, indicators, first, last)
    codes = [code for _, code in figures.find_states(indicators, figures.state_list(states))]
    if not codes:
        raise WrongTypeError(value=states, name="states", expected="a list of at least one state",
                             allowed="Choose at least one state, e.g. ['CAN', 'GBR', 'DEU'].")
    w = fair_shares.weights_for(key, weights)
    if year is None:
        year = _comparison_year(indicators, refugees, codes, last, bool(w and w["hosted"] > 0))
    actual = arrivals_by_state(arrivals, first, last).set_index("state_iso3")["arrivals"]
    got = [int(actual.get(c, 0)) for c in codes]
    goal = sum(got) if target is None else fair_shares.check_target(target)
    shares = fair_shares.allocate(goal, key, codes, year, weights, indicators=indicators, refugees=refugees)
    out = shares[["state", "name"]].copy()
    out["arrivals"] = got
    out["fair_share"] = shares["allocation"].to_numpy()
    out["ratio"] = [a / f if f else float("nan") for a, f in zip(out["arrivals"], out["fair_share"])]
    out["share"] = shares["share"].to_numpy()
    name = found.datasets["resettlement_arrivals"] if found else "the arrivals given"
    out["source"] = (f"arrivals: UNHCR solutions table, {first}–{last} ({name}); "
                     f"fair share: {key} key, figures of {year} | " + shares["source"])
    out.attrs.update(shares.attrs, first=first, last=last, year=year,
                     demonym=found.demonym if found else "refugees")
    return out.sort_values(["arrivals", "state"], ascending=[False, True]).reset_index(drop=True)


def comparison_sentence(table: pd.DataFrame) -> str:
    """A plain sentence on :func:`compare_with_fair_shares`: the total, and who took most and least for its share.

    >>> t = pd.DataFrame({"state": ["A", "B"], "name": ["A", "B"], "arrivals": [30, 10], "fair_share": [20, 20],
    ...                   "ratio": [1.5, 0.5]})
    >>> t.attrs.update(first=2011, last=2023, key="population")
    >>> comparison_sentence(t)
    'In 2011–2023 these 2 states resettled 40 refugees. Shared by population, A took 1.50 times its fair share (30 against 20); B took 0.50 times its share (10 against 20).'
    """
    checks.table(table, ("state", "name", "arrivals", "fair_share", "ratio"), name="table",
                 types={"arrivals": "whole", "fair_share": "whole", "ratio": "number"})
    rated = table.dropna(subset=["ratio"]).sort_values(["ratio", "state"], ascending=[False, True])
    total = int(table["arrivals"].sum())
    how = {"population": "by population", "gdp": "by GDP"}.get(table.attrs.get("key"), "by the composite key")
    first, last = table.attrs.get("first"), table.attrs.get("last")
    head = (f"In {first if first == last else f'{first}–{last}'} these {len(table)} states resettled "
            f"{total:,} {table.attrs.get('demonym', 'refugees')}.")
    if rated.empty:
        return head
    hi, lo = rated.iloc[0], rated.iloc[-1]
    target = int(table["fair_share"].sum())
    if target != total:
        head += f" The fair shares split a target of {target:,} places."
    return (f"{head} Shared {how}, {hi['name']} took {hi['ratio']:.2f} times its fair share "
            f"({int(hi['arrivals']):,} against {int(hi['fair_share']):,}); {lo['name']} took {lo['ratio']:.2f} "
            f"times its share ({int(lo['arrivals']):,} against {int(lo['fair_share']):,}).")


class PledgeProgress(NamedTuple):
    """A pledge against the resettlement arrivals UNHCR recorded in the calendar years it touches."""

    pledge: Pledge
    arrivals: int
    share: float               # arrivals ÷ places
    by_year: pd.DataFrame      # year, arrivals, cumulative

    def sentence(self) -> str:
        """The comparison in one plain sentence, with its caveats."""
        p = self.pledge
        return (f"The {p.name} promised {p.places:,} places ({p.period}; {p.source}). UNHCR recorded "
                f"{self.arrivals:,} resettlement arrivals of Syrians in the {p.name} in the calendar years "
                f"{p.first_year}–{p.last_year}, {self.share:.1%} of the promise. The calendar years include months "
                "before and after the scheme, and UNHCR's count covers every resettlement of Syrians the state "
                "reported, whatever the programme.")


def pledge_progress(arrivals: pd.DataFrame, pledge: Pledge = UK_PLEDGE) -> PledgeProgress:
    """How far the arrivals UNHCR recorded went towards ``pledge`` (default: the UK's 20,000).

    >>> from r2pkit import data
    >>> progress = pledge_progress(data.load("syria_resettlement_arrivals"))
    >>> progress.by_year["year"].tolist()
    [2015, 2016, 2017, 2018, 2019, 2020]
    """
    if not isinstance(pledge, Pledge):
        raise WrongTypeError(value=pledge, name="pledge", expected="a Pledge",
                             allowed="Pass arrivals.Pledge(...), e.g. arrivals.UK_PLEDGE.")
    first, last = _check_period(arrivals, pledge.first_year, pledge.last_year)
    rows = arrivals[(arrivals["state_iso3"] == pledge.state) & arrivals["year"].between(first, last)]
    by_year = pd.DataFrame({"year": range(first, last + 1)})
    got = rows.groupby("year")["resettlement_arrivals"].sum()
    by_year["arrivals"] = [int(got.get(y, 0)) for y in by_year["year"]]
    by_year["cumulative"] = by_year["arrivals"].cumsum()
    total = int(by_year["arrivals"].sum())
    return PledgeProgress(pledge, total, total / pledge.places, by_year)


def matching_pledges(arrivals: pd.DataFrame, key: str, states: object = None, year: int | None = None,
                     weights: object = None, pledge: Pledge = UK_PLEDGE, *, indicators: pd.DataFrame | None = None,
                     refugees: pd.DataFrame | None = None) -> pd.DataFrame:
    """What each state would have promised had it matched ``pledge`` for its size, and what it did.

    The total T is chosen so that the pledging state's share of it is its pledge (T =
    places ÷ its share under ``key``); T is then split with :func:`~.fair_shares.allocate`,
    so the pledging state's row shows its own pledge (within one place). ``arrivals`` are the
    resettlement arrivals in the pledge's calendar years; ratio = arrivals ÷ matching pledge.
    ``states`` defaults to :func:`resettlement_states` (over the pledge's years) and always
    includes the pledging state. Columns: state, name, share, matching_pledge, arrivals, ratio.

    >>> from r2pkit import data
    >>> t = matching_pledges(data.load("syria_resettlement_arrivals"), "population", ["GBR", "DEU"], 2015)
    >>> abs(int(t.set_index("state").loc["GBR", "matching_pledge"]) - 20000) <= 1
    True
    """
    indicators = _indicators(arrivals, indicators)
    refugees = _refugees(arrivals, refugees)
    arrivals, _ = _of(arrivals)
    if not isinstance(pledge, Pledge):
        raise WrongTypeError(value=pledge, name="pledge", expected="a Pledge",
                             allowed="Pass arrivals.Pledge(...), e.g. arrivals.UK_PLEDGE.")
    first, last = _check_period(arrivals, pledge.first_year, pledge.last_year)
    if states is None:
        states = resettlement_states(arrivals, indicators, first, last)
    codes = list(dict.fromkeys([pledge.state] + [figures.find_state(indicators, s)[1]
                                                 for s in figures.state_list(states)]))
    w = fair_shares.weights_for(key, weights)
    if year is None:
        year = _comparison_year(indicators, refugees, codes, first, bool(w and w["hosted"] > 0))
    numbers = fair_shares.state_figures(indicators, refugees, codes, year, need_hosted=bool(w and w["hosted"] > 0))
    share = fair_shares.key_shares(numbers, key, w)
    if not share[pledge.state] > 0:
        raise R2PKitError(f"The {pledge.name}'s share is 0 with these weights, so no total matches its pledge: "
                          "lower the 'hosted' weight.")
    total = round(pledge.places / share[pledge.state])
    shares = fair_shares.allocate(total, key, codes, year, weights, indicators=indicators, refugees=refugees)
    actual = arrivals_by_state(arrivals, first, last).set_index("state_iso3")["arrivals"]
    out = shares[["state", "name", "share"]].copy()
    out["matching_pledge"] = shares["allocation"].to_numpy()
    out["arrivals"] = [int(actual.get(c, 0)) for c in out["state"]]
    out["ratio"] = [a / m if m else float("nan") for a, m in zip(out["arrivals"], out["matching_pledge"])]
    out.attrs.update(shares.attrs, pledge=pledge, year=year, total=total)
    return out.sort_values(["matching_pledge", "state"], ascending=[False, True]).reset_index(drop=True)

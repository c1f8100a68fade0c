"""A stylised scenario model of the resettlement argument: a teaching model, not a forecast.

The resettlement article argues that ‘as states proximate to the refugee flows become too
overwhelmed, they are more likely to refoule refugees to Syria’, and that ‘resettlement
will encourage host states to keep their borders open and it will make room for
additional Syrians fleeing mass atrocities in Syria to find refuge’ (Resettlement article,
'The Responsibility to Resettle Syrian Refugees', fns 59 and 65); refugees under pressure
‘are now ‘choosing’ to return to Syria … or they are risking the dangers of trying to reach
Europe’ (same section, fn 67). This module turns that chain into arithmetic a seminar can
run and question.

For each host state and each year (the model steps one year at a time):

1. **Openness.** Each host has an absorption capacity (refugees it can absorb, per 1,000
   inhabitants). Its *load* is its refugees ÷ that capacity. Below capacity (load ≤ 1) its
   border is fully open; above it, its 'protection space' shrinks:
   ``openness = clip(1 − closure_sensitivity × (load − 1), 0, 1)``, using the load at the
   end of the previous year (hosts react with a year's delay).
2. **Arrivals.** People fleeing Syria reach the five hosts (``arrivals`` a year, growing by
   ``arrivals_trend`` a year), each host receiving a fixed share (where people fled in the
   start year). A share ``openness`` of them is *admitted*; the rest are *turned away*
   (refoulement, closed borders: the failure the article warns of).
3. **Departures.** ``resettlement_places`` a year leave for third states, taken from the
   hosts in proportion to their refugees; of the rest, a share moves on by irregular,
   dangerous *onward journeys* and a share *returns* to Syria, both rates multiplied by
   ``1 + pressure_push × (load − 1)`` when a host is over capacity.
4. **Stock.** ``stock(end of year) = stock(start) + admitted − resettled − onward − returned``.

What it leaves out, on purpose: people turned away by one host trying another; money
(aid to the region), which the article says ‘will not adequately address these states’
geographical, social and economic limitations’ ('The Responsibility to Resettle Syrian
Refugees'); policy decisions that are not a reaction to load (e.g. Lebanon stopping
registration in 2015, see the ``syria_refugees_by_host`` notes); changes in the war. Hosts
react a year late, so with a steep ``closure_sensitivity`` openness swings open and shut
from year to year: an artefact of the model, not a finding. Its numbers of people turned
away cannot be checked against data: the article notes that for refoulement ‘the actual
numbers remain unknown’ ('What is the ‘Ratione Loci’ for the R2P Response?', fn 75).

The default run starts from the real refugee stocks of end-2012 (the
``syria_refugees_by_host`` dataset, UNHCR) and populations of 2012 (``country_indicators``,
World Bank) for the five main hosts, the states from which the UK's scheme planned to
resettle refugees (article, 'Engaging Divergent Interests', fn 112).
:func:`compare_with_data` sets the model's path beside what UNHCR recorded later, and
:func:`misfit` says how far apart they are.

Everything is computed with numpy on arrays of scenarios × hosts, one year at a time, so
that :func:`sweep` runs 100,000 scenarios in well under a second; :func:`simulate_loop`
is the same model written as plain Python loops, the reference the tests compare with.

>>> import pandas as pd
>>> refugees = pd.DataFrame({"year": [2011, 2011, 2012, 2012], "host": ["A", "B"] * 2,
...                          "host_iso3": ["AAA", "BBB"] * 2, "refugees": [0, 0, 300, 100]})
>>> indicators = pd.DataFrame({"iso3": ["AAA", "BBB"], "year": [2012, 2012],
...                            "population": [10_000, 10_000]})
>>> start = starting_point(refugees, indicators, 2012, hosts=["AAA", "BBB"])
>>> run = simulate(start, Parameters(arrivals=400, capacity_per_1000=30, resettlement_places=0,
...                                  onward_rate=0, return_rate=0), horizon=2)
>>> run[["year", "host", "openness", "admitted", "turned_away", "stock"]]
   year host  openness  admitted  turned_away  stock
0  2013    A       1.0     300.0          0.0  600.0
1  2013    B       1.0     100.0          0.0  200.0
2  2014    A       0.0       0.0        300.0  600.0
3  2014    B       1.0     100.0          0.0  300.0
"""
from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .. import checks
from ..crisis import Crisis, of_table
from ..displacement import WORLD, find_host, years as data_years
from ..errors import OutOfRangeError, R2PKitError, TableError, UnknownNameError, WrongTypeError

__all__ = ["FIVE_HOSTS", "Parameters", "PARAMETER_NAMES", "PARAMETER_LABELS", "describe_parameters", "DEFAULT_RANGES",
           "Start", "starting_point", "calibrate", "simulate", "simulate_loop", "yearly_totals",
           "scenario_sentence", "extremes_sentence", "compare_with_data", "misfit", "SweepResult", "sweep", "sweep_loop",
           "OUTCOMES", "PROGRESS_FROM", "sensitivity", "sensitivity_sentence"]

#: The five main hosts of Syrian refugees (ISO3): 'Lebanon, Turkey, Jordan, Egypt, … and Iraq'
#: (article, 'The Syrian Context', fn 13); the largest five in the data for 2013–2015 (in 2012 Germany
#: held more than Egypt).
FIVE_HOSTS = ("TUR", "LBN", "JOR", "IRQ", "EGY")
MAX_HORIZON = 50


def _p(default: float, unit: str, meaning: str, why: str, kind: str, low: float, high: float = math.inf,
       low_open: bool = False) -> Any:
    return field(default=default, metadata={"unit": unit, "meaning": meaning, "why": why, "kind": kind,
                           "allowed": (low, high, low_open)})


@dataclass(frozen=True)
class Parameters:
    """The model's numbers, each with its unit, meaning and the reason for its default.

    Read them as a table with :func:`describe_parameters`. Two defaults are calibrated
    from the kit's data for 2011–2012 (:func:`calibrate` recomputes them); the others are
    modelling assumptions, said plainly: no dataset measures them.

    >>> Parameters().capacity_per_1000
    100.0
    >>> Parameters(onward_rate=1.5)
    Traceback (most recent call last):
    ...
    r2pkit.errors.OutOfRangeError: onward_rate=1.5 is not a number from 0 to 1. 'onward_rate' is the share of a host's refugees who leave on irregular onward journeys in a year (at or below capacity).
    """

    arrivals: float = _p(
        690_000.0, "people a year",
        "people fleeing Syria who reach the borders of the five hosts in the first model year",
        "calibrated: the five hosts' Syrian refugees rose by 689,957 from end-2011 to end-2012 "
        "(syria_refugees_by_host, rows 2011 and 2012 of TUR, LBN, JOR, IRQ, EGY), rounded; it counts only "
        "those who stayed, so it is a floor", "calibrated", 0.0)
    arrivals_trend: float = _p(
        0.0, "share a year",
        "how arrivals change from one year to the next (0.1 = 10% more each year, −0.1 = 10% fewer)",
        "assumption: from 2011–2012 alone nobody can tell whether the flight will grow or shrink, so the "
        "default keeps it level", "assumption", -1.0, math.inf, True)
    capacity_per_1000: float = _p(
        100.0, "refugees per 1,000 inhabitants",
        "how many refugees a host can absorb before its protection space shrinks (its absorption capacity)",
        "assumption: the article calls hosts overwhelmed, ‘especially in Lebanon where 25% of the population "
        "is a refugee’ ('The Responsibility to Resettle Syrian Refugees', paragraph of fns 65–67), so capacity "
        "lies below 250 per 1,000; "
        "100 (one refugee per ten inhabitants) is a round figure below that. No data measure capacity",
        "assumption", 0.0, math.inf, True)
    closure_sensitivity: float = _p(
        1.0, "per unit of overload",
        "how fast a host closes as its load passes its capacity: openness falls by this much for each "
        "capacity's worth of refugees above capacity",
        "assumption: 1 means a host at twice its capacity closes its border completely. No data measure "
        "openness", "assumption", 0.0)
    resettlement_places: float = _p(
        20_000.0, "people a year",
        "refugees resettled to third states each year from the five hosts, in proportion to their refugees",
        "assumption of scale: the UK's scheme alone promised 20,000 places over five years ('Engaging "
        "Divergent Interests', fn 112); compare it with the resettlement arrivals UNHCR recorded (notebook 04). "
        "The sweep and the explorer show what more or less would change", "assumption", 0.0)
    onward_rate: float = _p(
        0.055, "share a year",
        "the share of a host's refugees who leave on irregular onward journeys in a year (at or below capacity)",
        "calibrated: Syrian refugees hosted outside the five rose by 19,123 from end-2011 to end-2012 "
        "(world total minus the five, syria_refugees_by_host, rows 2011 and 2012), 5.5% of the five hosts' "
        "average stock over 2012; an upper bound, since some went there straight from Syria",
        "calibrated", 0.0, 1.0)
    return_rate: float = _p(
        0.01, "share a year",
        "the share of a host's refugees who return to Syria in a year (at or below capacity)",
        "assumption: few returned while the war went on; the article reports returns driven by hunger "
        "('The Responsibility to Resettle Syrian Refugees', fn 67), which the push from overload models",
        "assumption", 0.0, 1.0)
    pressure_push: float = _p(
        1.0, "per unit of overload",
        "how much overload pushes people out: onward journeys and returns are multiplied by "
        "1 + push × (load − 1) when a host is over capacity",
        "assumption: 1 means a host at twice its capacity sees twice the onward journeys and returns "
        "(fn 67 says pressure drives both; how strongly is unknown)", "assumption", 0.0)

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            object.__setattr__(self, f.name, _check_value(f.name, value))

    def replace(self, **changes: float) -> Parameters:
        """A copy with some numbers changed (unknown names get a 'did you mean').

        >>> Parameters().replace(resettlement_places=0).resettlement_places
        0.0
        """
        for name in changes:
            _check_name(name)
        return dataclasses.replace(self, **changes)


#: The parameters' names, in a fixed order (the order of the columns in sweeps).
PARAMETER_NAMES: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Parameters))
#: Each parameter in a few words, as sentences, tables and the explorer's sliders name it for a reader
#: (the code keeps the names above).
PARAMETER_LABELS: dict[str, str] = {
    "arrivals": "arrivals a year",
    "arrivals_trend": "change in arrivals a year",
    "capacity_per_1000": "capacity (refugees per 1,000)",
    "closure_sensitivity": "closure sensitivity",
    "resettlement_places": "resettlement places a year",
    "onward_rate": "onward journeys (share a year)",
    "return_rate": "returns (share a year)",
    "pressure_push": "push from overload",
}
_FIELDS = {f.name: f for f in dataclasses.fields(Parameters)}


def _allowed_text(name: str) -> str:
    low, high, low_open = _FIELDS[name].metadata["allowed"]
    if high == 1.0:
        return "a number from 0 to 1"
    if low_open:
        return f"a number greater than {low:g}"
    return f"a number of at least {low:g}"


def _check_value(name: str, value: object) -> float:
    low, high, low_open = _FIELDS[name].metadata["allowed"]
    return checks.number(value, name, lo=low, hi=None if math.isinf(high) else high, lo_open=low_open,
                         what=_allowed_text(name), note=f"'{name}' is {_FIELDS[name].metadata['meaning']}.")


def _check_name(name: object) -> str:
    return checks.choice(name, PARAMETER_NAMES, "a parameter of the scenario model", fold=None)


def describe_parameters(params: Parameters | None = None) -> pd.DataFrame:
    """The parameters as a table: name, value, unit, meaning, kind (calibrated or assumption), why.

    >>> table = describe_parameters()
    >>> table.loc[table["name"] == "capacity_per_1000", ["value", "kind"]].to_dict("records")
    [{'value': 100.0, 'kind': 'assumption'}]
    """
    if params is not None and not isinstance(params, Parameters):
        raise WrongTypeError(value=params, name="params", expected="a scenario.Parameters(...)",
                             allowed="Pass scenario.Parameters(...) or None for the defaults.")
    params = params or Parameters()
    return pd.DataFrame([{"name": n, "value": getattr(params, n), "unit": _FIELDS[n].metadata["unit"],
                          "meaning": _FIELDS[n].metadata["meaning"], "kind": _FIELDS[n].metadata["kind"],
                          "why": _FIELDS[n].metadata["why"]} for n in PARAMETER_NAMES])


#: Ranges for :func:`sweep` when none are given: wide on purpose, since most are assumptions.
DEFAULT_RANGES: dict[str, tuple[float, float]] = {
    "arrivals": (300_000.0, 1_500_000.0),     # from under half to over twice the calibrated 2012 level
    "arrivals_trend": (-0.3, 0.2),            # the flight may ebb fast or keep growing
    "capacity_per_1000": (25.0, 250.0),       # up to the article's 25% for Lebanon (paragraph of fns 65–67)
    "closure_sensitivity": (0.25, 4.0),       # from slow closure to closing at +25% over capacity
    "resettlement_places": (0.0, 200_000.0),  # none, to ten times the default
    "onward_rate": (0.0, 0.10),               # up to about twice the calibrated 2012 rate
    "return_rate": (0.0, 0.05),
    "pressure_push": (0.0, 3.0),
}


# ------------------------------------------------------------------------ start
@dataclass(frozen=True)
class Start:
    """Where the model starts: the hosts, their refugees and populations at the end of ``year``.

    ``share`` is each host's share of new arrivals: its part of the rise in refugees from
    the year before (where people fled). Build it with :func:`starting_point`.
    """

    year: int
    hosts: tuple[str, ...]
    iso3: tuple[str, ...]
    stock: np.ndarray = field(repr=False)         # refugees at the end of ``year`` (UNHCR)
    stock_before: np.ndarray = field(repr=False)  # … and at the end of the year before
    population: np.ndarray = field(repr=False)    # in ``year`` (World Bank)
    share: np.ndarray = field(repr=False)         # of new arrivals; sums to 1
    others_rise: float = field(repr=False)        # the rise over ``year`` in Syrian refugees hosted elsewhere
    last_data_year: int

    def __post_init__(self) -> None:
        for name in ("stock", "stock_before", "population", "share"):
            getattr(self, name).setflags(write=False)  # a start is shared by many runs: keep it fixed


def starting_point(refugees: pd.DataFrame | Crisis, indicators: pd.DataFrame | None = None, year: int = 2012,
                   hosts: Iterable[str] | None = None) -> Start:
    """The real starting point: refugees (UNHCR) and population (World Bank) of each host at the end of ``year``.

    ``refugees`` is a crisis's ``refugees_by_host`` table (e.g. ``syria_refugees_by_host``), or
    the crisis; ``indicators`` is ``country_indicators`` (the crisis's when not given). ``hosts``
    defaults to the crisis's ``main_hosts`` (Syria: :data:`FIVE_HOSTS`).
    ``year`` needs data for itself and the year before: each host's share of new arrivals
    is its part of the rise in refugees over ``year`` (hosts whose number fell count 0; if
    none rose, the shares follow the stocks). A host with no row in a year counts 0 refugees.

    >>> from r2pkit import data
    >>> start = starting_point(data.load("syria_refugees_by_host"), data.load("country_indicators"))
    >>> start
    Start(year=2012, hosts=('Türkiye', 'Lebanon', 'Jordan', 'Iraq', 'Egypt'), iso3=('TUR', 'LBN', 'JOR', 'IRQ', 'EGY'), last_data_year=2025)
    >>> int(start.stock[1])  # Lebanon, end of 2012
    126939
    >>> starting_point(data.load("syria_refugees_by_host"), data.load("country_indicators"), 2011)
    Traceback (most recent call last):
    ...
    r2pkit.errors.OutOfRangeError: year=2011 is not a year the model can start at. Choose a year from 2012 to 2024. It needs refugee figures for that year and the one before, and a population for that year.
    """
    found = refugees if isinstance(refugees, Crisis) else of_table(refugees)
    if isinstance(refugees, Crisis):
        indicators = refugees.table("indicators") if indicators is None else indicators
        refugees = refugees.table("refugees_by_host")
    if hosts is None:
        hosts = found.main_hosts if found is not None and found.main_hosts else FIVE_HOSTS
    checks.table(refugees, ("year", "host", "host_iso3", "refugees"), "syria_refugees_by_host",
                 types={"year": "whole", "refugees": "number"})
    checks.table(indicators, ("iso3", "year", "population"), "country_indicators",
                 types={"year": "whole", "population": "number"})
    found = list(dict.fromkeys(checks.one_or_more(hosts, lambda h: find_host(refugees, h, indicators), "hosts",
                                                  what="a list of host countries", example="['LBN', 'JOR']")))
    codes = [c for _, c in found]
    have = data_years(refugees)
    with_pop = set(indicators.loc[indicators["population"].notna(), "year"].astype(int))
    possible = [y for y in have if y - 1 in have and y in with_pop]
    year = checks.year(year, possible, "year", what="a year the model can start at",
                       note="It needs refugee figures for that year and the one before, and a population for that year.")

    def stocks(y: int) -> np.ndarray:
        rows = refugees[refugees["year"] == y].set_index("host_iso3")["refugees"]
        return np.array([float(rows.get(c, 0.0)) if pd.notna(rows.get(c, 0.0)) else 0.0 for c in codes])

    def world(y: int) -> float:
        rows = refugees[(refugees["year"] == y) & (refugees["host_iso3"] == WORLD)]["refugees"]
        return float(rows.iloc[0]) if len(rows) else math.nan

    now, before = stocks(year), stocks(year - 1)
    pops = indicators[indicators["year"] == year].set_index("iso3")["population"]
    missing = [n for n, c in found if pd.isna(pops.get(c, np.nan))]
    if missing:
        raise R2PKitError(f"The World Bank data in the kit have no population for {', '.join(missing)} in {year}: "
                          "the model needs one for every host. Leave that host out or choose another year.")
    rise = np.clip(now - before, 0.0, None)
    if rise.sum() > 0:
        share = rise / rise.sum()
    else:  # nobody new arrived anywhere: shares follow the stocks (or are equal if there are none)
        share = now / now.sum() if now.sum() > 0 else np.full(len(now), 1 / len(now))
    others = (world(year) - now.sum()) - (world(year - 1) - before.sum())
    return Start(year, tuple(n for n, _ in found), tuple(codes), now, before,
                 np.array([float(pops[c]) for c in codes]), share, float(others) if math.isfinite(others) else 0.0,
                 int(have[-1]))


def calibrate(start: Start) -> Parameters:
    """Default parameters with ``arrivals`` and ``onward_rate`` recomputed from the start's data.

    ``arrivals`` is the rise in the hosts' refugees over the start year (those who came and
    stayed); ``onward_rate`` is the rise in Syrian refugees hosted everywhere else over the
    same year, as a share of the hosts' average stock in it. :class:`Parameters`'s defaults
    are these, rounded, for the default start (end of 2012).

    >>> from r2pkit import data
    >>> p = calibrate(starting_point(data.load("syria_refugees_by_host"), data.load("country_indicators")))
    >>> round(p.arrivals), round(p.onward_rate, 4)
    (689957, 0.0553)
    """
    start = _as_start(start)
    arrivals = float(np.clip(start.stock - start.stock_before, 0, None).sum())
    average = float((start.stock + start.stock_before).sum()) / 2
    onward = min(max(start.others_rise / average, 0.0), 1.0) if average > 0 else 0.0
    return Parameters().replace(arrivals=arrivals, onward_rate=onward)


def _horizon(start: Start, horizon: int | None) -> int:
    if horizon is None:
        return max(start.last_data_year - start.year, 1)
    return checks.whole_number(horizon, "horizon", lo=1, hi=MAX_HORIZON,
                               allowed=f"Give how many years to run after {start.year}.")


def _check_run(run: object, columns: tuple[str, ...]) -> pd.DataFrame:
    types = {c: "whole" if c == "year" else "number" for c in columns if c not in ("host", "host_iso3")}
    return checks.table(run, columns, name="run", types=types, empty=False)


def _as_start(start: object) -> Start:
    if not isinstance(start, Start):
        raise WrongTypeError(value=start, name="start", expected="a starting point of the model",
                             allowed="Pass scenario.starting_point(data.load('syria_refugees_by_host'), "
                             "data.load('country_indicators')).")
    return start


# ------------------------------------------------------------------------ the model
#: What the model counts per host and year (people unless said otherwise).
_FLOWS = ("seekers", "admitted", "turned_away", "resettled", "onward", "returned")


def _run(values: Mapping[str, np.ndarray], start: Start, horizon: int, keep_all: bool) -> dict[str, np.ndarray]:
    """The model on arrays: each value has shape (n,); returns arrays (hosts, n, years) or totals.

    Arrays are laid out hosts × scenarios, so that each host's row is contiguous and a sum
    over hosts is a few additions of whole rows (much faster than summing along a short
    last axis); every step writes into buffers made once. With ``keep_all=False`` only
    totals are kept (per scenario, and per scenario and year summed over hosts), so memory
    stays small for large sweeps.
    """
    v = {k: np.asarray(values[k], dtype=float) for k in PARAMETER_NAMES}
    n, h = v["arrivals"].shape[0], len(start.iso3)
    # capacity in people = capacity_per_1000 × population ÷ 1000, kept as its inverse
    inverse_capacity = 1.0 / (v["capacity_per_1000"][None, :] * (start.population / 1000.0)[:, None])
    stock = np.repeat(start.stock[:, None].astype(float), n, axis=1)
    load = stock * inverse_capacity
    share = start.share[:, None]
    leave_rate = v["onward_rate"] + v["return_rate"]
    excess, closed, openness, seekers, admitted, turned_away, resettled, onward, returned, push, factor = (
        np.empty((h, n)) for _ in range(11))
    total = stock.sum(axis=0)
    out: dict[str, np.ndarray] = {}
    if keep_all:
        for name in (*_FLOWS, "openness", "stock", "load"):
            out[name] = np.empty((h, n, horizon))
    else:
        for name in ("turned_away", "onward", "stock", "resettled"):
            out[f"{name}_by_year"] = np.empty((n, horizon))
        sums = {name: np.zeros((h, n)) for name in _FLOWS if name != "seekers"}
        lowest, peak = np.ones((h, n)), np.zeros((h, n))
    for t in range(horizon):
        # 1. openness, from the load at the end of the previous year
        np.subtract(load, 1.0, out=excess)
        np.maximum(excess, 0.0, out=excess)                         # how far over capacity (0 if under)
        np.multiply(excess, v["closure_sensitivity"], out=closed)
        np.minimum(closed, 1.0, out=closed)                         # the share of the border that is shut
        np.subtract(1.0, closed, out=openness)
        # 2. arrivals: admitted or turned away
        np.multiply(v["arrivals"] * (1.0 + v["arrivals_trend"]) ** t, share, out=seekers)
        np.multiply(seekers, openness, out=admitted)
        np.multiply(seekers, closed, out=turned_away)
        # 3. departures: resettlement places shared by stock (never more than there are) …
        np.multiply(stock, v["resettlement_places"] / np.where(total > 0, total, 1.0), out=resettled)
        np.minimum(resettled, stock, out=resettled)
        stock -= resettled
        # … then onward journeys and returns, pushed up by overload, never more than everyone
        np.multiply(excess, v["pressure_push"], out=push)
        push += 1.0
        np.multiply(push, leave_rate, out=factor)
        np.maximum(factor, 1.0, out=factor)
        np.divide(stock, factor, out=factor)                        # those who remain, scaled down if needed
        np.multiply(push, v["onward_rate"], out=onward)
        onward *= factor
        np.multiply(push, v["return_rate"], out=returned)
        returned *= factor
        # 4. the stock at the end of the year
        stock -= onward
        stock -= returned
        stock += admitted
        np.multiply(stock, inverse_capacity, out=load)
        total = stock.sum(axis=0)
        flows = {"seekers": seekers, "admitted": admitted, "turned_away": turned_away, "resettled": resettled,
                 "onward": onward, "returned": returned}
        if keep_all:
            for name, value in flows.items():
                out[name][:, :, t] = value
            out["openness"][:, :, t], out["stock"][:, :, t], out["load"][:, :, t] = openness, stock, load
        else:
            for name, value in sums.items():
                value += flows[name]
            for name in ("turned_away", "onward", "resettled"):
                out[f"{name}_by_year"][:, t] = flows[name].sum(axis=0)
            out["stock_by_year"][:, t] = total
            np.minimum(lowest, openness, out=lowest)
            np.maximum(peak, load, out=peak)
    if not keep_all:
        for name, value in sums.items():
            out[name] = value.sum(axis=0)
        out["lowest_openness"], out["peak_load"] = lowest.min(axis=0), peak.max(axis=0)
        out["final_stock"] = total
    return out


_COLUMNS = ["year", "host", "host_iso3", "population", "capacity", "seekers", "openness", "admitted",
            "turned_away", "resettled", "onward", "returned", "stock", "load"]


def _params(params: Parameters | None, overrides: Mapping[str, float]) -> Parameters:
    if params is not None and not isinstance(params, Parameters):
        raise WrongTypeError(value=params, name="params", expected="a scenario.Parameters(...)",
                             allowed="Pass scenario.Parameters(...) or None for the defaults.")
    return (params or Parameters()).replace(**overrides)


def simulate(start: Start, params: Parameters | None = None, horizon: int | None = None,
             **overrides: float) -> pd.DataFrame:
    """One scenario, year by year and host by host, as a tidy table.

    ``params`` defaults to :class:`Parameters`; keyword arguments change single numbers,
    e.g. ``simulate(start, resettlement_places=100_000)``. ``horizon`` is the number of
    years after the start year (default: up to the last year of the refugee data).

    Columns: year, host, host_iso3, population (start year), capacity (people), seekers
    (people reaching the border), openness (0–1), admitted, turned_away, resettled,
    onward, returned (people in the year), stock (refugees at the end of the year) and load
    (stock ÷ capacity; above 1 the host is over capacity). The parameters are in
    ``table.attrs["parameters"]``.

    >>> from r2pkit import data
    >>> start = starting_point(data.load("syria_refugees_by_host"), data.load("country_indicators"))
    >>> run = simulate(start, resettlement_places=0)
    >>> int(run["year"].min()), int(run["year"].max()), len(run)
    (2013, 2025, 65)
    >>> simulate(start, resettlement=5)
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: 'resettlement' is not a parameter of the scenario model. Did you mean 'resettlement_places'? ...
    """
    start, params = _as_start(start), _params(params, overrides)
    horizon = _horizon(start, horizon)
    arrays = _run({k: np.array([getattr(params, k)]) for k in PARAMETER_NAMES}, start, horizon, keep_all=True)
    h = len(start.iso3)
    table = pd.DataFrame({
        "year": np.tile(np.arange(start.year + 1, start.year + 1 + horizon), h),
        "host": np.repeat(start.hosts, horizon), "host_iso3": np.repeat(start.iso3, horizon),
        "population": np.repeat(start.population, horizon),
        "capacity": np.repeat(start.population / 1000 * params.capacity_per_1000, horizon),
        **{k: arrays[k][:, 0, :].reshape(-1) for k in ("seekers", "openness", "admitted", "turned_away", "resettled",
                                                 "onward", "returned", "stock", "load")},
    })
    table = table.sort_values(["year"], kind="stable").reset_index(drop=True)[_COLUMNS]
    table.attrs["parameters"] = dataclasses.asdict(params)
    table.attrs["start_year"] = start.year
    return table


def simulate_loop(start: Start, params: Parameters | None = None, horizon: int | None = None,
                  **overrides: float) -> pd.DataFrame:
    """The same model as :func:`simulate`, written as plain Python loops: the reference for tests.

    >>> from r2pkit import data
    >>> start = starting_point(data.load("syria_refugees_by_host"), data.load("country_indicators"))
    >>> a, b = simulate(start), simulate_loop(start)
    >>> bool(((a["stock"] - b["stock"]).abs() < 1e-6).all())
    True
    """
    start, params = _as_start(start), _params(params, overrides)
    horizon = _horizon(start, horizon)
    rows = []
    for year, host_rows in _loop(start, dataclasses.asdict(params), horizon):
        for i, row in enumerate(host_rows):
            rows.append({"year": year, "host": start.hosts[i], "host_iso3": start.iso3[i],
                         "population": float(start.population[i]),
                         "capacity": float(start.population[i]) / 1000 * params.capacity_per_1000,
                         **dict(zip(_LOOP_FIELDS, row))})
    table = pd.DataFrame(rows)[_COLUMNS]
    table.attrs["parameters"] = dataclasses.asdict(params)
    table.attrs["start_year"] = start.year
    return table


#: The order of the figures :func:`_loop` gives per host and year.
_LOOP_FIELDS = ("seekers", "openness", "admitted", "turned_away", "resettled", "onward", "returned", "stock", "load")


def _loop(start: Start, p: Mapping[str, float], horizon: int) -> Iterable[tuple[int, list[tuple[float, ...]]]]:
    """Year by year, host by host, with floats only (no numpy): the model as first written down.

    Yields (year, one tuple per host in the order of ``_LOOP_FIELDS``).
    """
    stock = [float(s) for s in start.stock]
    capacity = [p["capacity_per_1000"] * float(pop) / 1000.0 for pop in start.population]
    share = [float(s) for s in start.share]
    for t in range(horizon):
        total = sum(stock)
        rows = []
        for i in range(len(stock)):
            excess = max(stock[i] / capacity[i] - 1.0, 0.0)
            openness = min(max(1.0 - p["closure_sensitivity"] * excess, 0.0), 1.0)
            seekers = p["arrivals"] * (1.0 + p["arrivals_trend"]) ** t * share[i]
            admitted = openness * seekers
            wanted = p["resettlement_places"] * stock[i] / total if total > 0 else 0.0
            resettled = min(wanted, stock[i])
            remaining = stock[i] - resettled
            push = 1.0 + p["pressure_push"] * excess
            go_on, go_back = p["onward_rate"] * push, p["return_rate"] * push
            scale = max(go_on + go_back, 1.0)
            onward, returned = remaining * go_on / scale, remaining * go_back / scale
            end = remaining - onward - returned + admitted
            rows.append((seekers, openness, admitted, seekers - admitted, resettled, onward, returned, end,
                         end / capacity[i]))
        stock = [row[7] for row in rows]
        yield start.year + 1 + t, rows


# --------------------------------------------------------------------- reading a run
def yearly_totals(run: pd.DataFrame) -> pd.DataFrame:
    """The run summed over hosts, one row per year (openness is the hosts' average, weighted by seekers).

    >>> from r2pkit import data
    >>> start = starting_point(data.load("syria_refugees_by_host"), data.load("country_indicators"))
    >>> list(yearly_totals(simulate(start, horizon=2)).columns)
    ['year', 'seekers', 'admitted', 'turned_away', 'resettled', 'onward', 'returned', 'stock', 'openness']
    """
    _check_run(run, ("year", *_FLOWS, "stock"))
    sums = run.groupby("year", as_index=False)[[*_FLOWS, "stock"]].sum()
    sums["openness"] = np.where(sums["seekers"] > 0, sums["admitted"] / sums["seekers"].where(sums["seekers"] > 0, 1),
                                1.0)
    return sums


def scenario_sentence(run: pd.DataFrame, baseline: pd.DataFrame | None = None) -> str:
    """One plain sentence on a run (and, if given, on the same run with no resettlement).

    >>> from r2pkit import data
    >>> start = starting_point(data.load("syria_refugees_by_host"), data.load("country_indicators"))
    >>> print(scenario_sentence(simulate(start), simulate(start, resettlement_places=0)))
    In this stylised scenario (2013–2025), 1,391,476 people are turned away at the borders, 2,675,114 leave on
    onward journeys and 260,000 are resettled; the first host over capacity is Jordan in 2015. With no
    resettlement, 1,450,815 would be turned away (59,338 more).
    """
    totals = yearly_totals(run)
    first, last = int(totals["year"].min()), int(totals["year"].max())
    over = run[run["load"] > 1]
    crowded = (f"the first host over capacity is {over.iloc[0]['host']} in {int(over.iloc[0]['year'])}"
               if len(over) else "no host goes over capacity")
    text = (f"In this stylised scenario ({first}–{last}), {totals['turned_away'].sum():,.0f} people are turned "
            f"away at the borders, {totals['onward'].sum():,.0f} leave on onward journeys and "
            f"{totals['resettled'].sum():,.0f} are resettled; {crowded}.")
    if baseline is not None:
        base = yearly_totals(baseline)
        diff = base["turned_away"].sum() - totals["turned_away"].sum()
        text += (f" With no resettlement, {base['turned_away'].sum():,.0f} would be turned away "
                 f"({abs(diff):,.0f} {'more' if diff >= 0 else 'fewer'}).")
    return text


def extremes_sentence(run: pd.DataFrame) -> str:
    """The run's highest load and lowest openness, in words (what its load and openness charts show at a glance).

    >>> from r2pkit import data
    >>> start = starting_point(data.load("syria_refugees_by_host"), data.load("country_indicators"))
    >>> print(extremes_sentence(simulate(start)))
    Highest load: Jordan at 1.51 in 2025 (1 is capacity); lowest openness: Jordan, admitting 49% of arrivals in 2025.
    """
    run = _check_run(run, ("year", "host", "load", "openness"))
    peak = run.loc[run["load"].idxmax()]
    low = run.loc[run["openness"].idxmin()]
    return (f"Highest load: {peak['host']} at {peak['load']:.2f} in {int(peak['year'])} (1 is capacity); "
            f"lowest openness: {low['host']}, admitting {low['openness']:.0%} of arrivals in {int(low['year'])}.")


def compare_with_data(run: pd.DataFrame, refugees: pd.DataFrame) -> pd.DataFrame:
    """The model's refugees beside UNHCR's, per host and year where the data have a figure.

    Columns: year, host, host_iso3, model (end-of-year stock in the model), real
    (``syria_refugees_by_host``), difference (model − real), source. The hosts'
    total is added as host 'All five hosts' (host_iso3 'ALL'). Years after the data are left out.

    >>> from r2pkit import data
    >>> refugees = data.load("syria_refugees_by_host")
    >>> start = starting_point(refugees, data.load("country_indicators"))
    >>> table = compare_with_data(simulate(start), refugees)
    >>> int(table.loc[(table["year"] == 2015) & (table["host_iso3"] == "LBN"), "real"].iloc[0])
    1062690
    """
    _check_run(run, ("year", "host", "host_iso3", "stock"))
    checks.table(refugees, ("year", "host_iso3", "refugees", "source"), "syria_refugees_by_host",
                 types={"year": "whole", "refugees": "number"})
    real = refugees[["year", "host_iso3", "refugees", "source"]].rename(columns={"refugees": "real"})
    table = run[["year", "host", "host_iso3", "stock"]].rename(columns={"stock": "model"}).merge(
        real, on=["year", "host_iso3"], how="inner")
    table = table[table["real"].notna()]
    if table.empty:
        have = data_years(refugees)
        raise TableError(value=run, name="run", expected="a run with years the refugee data cover",
                         allowed=f"Run the model within {have[0]}–{have[-1]}." if have else "Pass the refugee data.",
                         note="There is nothing to compare.")
    counts = table.groupby("year")["host_iso3"].transform("size")
    whole = table[counts == run["host_iso3"].nunique()]  # the total only for years with every host
    total = whole.groupby("year", as_index=False)[["model", "real"]].sum()
    total = total.assign(host="All five hosts" if run["host_iso3"].nunique() == 5 else "All hosts", host_iso3="ALL",
                         source="sum of the hosts' rows")
    table = pd.concat([table, total], ignore_index=True)
    table["real"] = table["real"].astype(float)
    table["difference"] = table["model"] - table["real"]
    return table[["year", "host", "host_iso3", "model", "real", "difference", "source"]].reset_index(drop=True)


def misfit(comparison: pd.DataFrame) -> pd.DataFrame:
    """How far the model is from the data, per host: a plain misfit measure.

    - ``off_by`` = Σ|model − real| ÷ Σ real over the years compared: on average the model
      misses by this share of the real number of refugees (0 = a perfect fit, 0.5 = off
      by half);
    - ``bias`` = Σ(model − real) ÷ Σ real: positive when the model has too many refugees,
      negative when too few.

    >>> c = pd.DataFrame({"host": ["A", "A"], "host_iso3": ["AAA"] * 2, "year": [1, 2],
    ...                   "model": [110.0, 80.0], "real": [100.0, 100.0]})
    >>> misfit(c)[["host", "years", "off_by", "bias"]]
      host  years  off_by  bias
    0    A      2    0.15 -0.05
    """
    checks.table(comparison, ("host", "host_iso3", "year", "model", "real"), name="comparison",
                 types={"year": "whole", "model": "number", "real": "number"})
    rows = []
    for (host, code), g in comparison.groupby(["host", "host_iso3"], sort=False):
        real = g["real"].sum()
        rows.append({"host": host, "host_iso3": code, "years": len(g),
                     "first_year": int(g["year"].min()), "last_year": int(g["year"].max()),
                     "off_by": float((g["model"] - g["real"]).abs().sum() / real) if real else math.nan,
                     "bias": float((g["model"] - g["real"]).sum() / real) if real else math.nan})
    return pd.DataFrame(rows)


# ------------------------------------------------------------------------ sweeps
#: The outcomes a sweep keeps per scenario (totals over hosts and years unless said).
OUTCOMES = {
    "turned_away": "people turned away at the borders (refoulement, closed borders)",
    "admitted": "people admitted by the hosts",
    "onward": "people leaving on irregular onward journeys",
    "returned": "people returning to Syria",
    "resettled": "people resettled to third states",
    "final_stock": "refugees in the five hosts at the end of the last year",
    "peak_load": "the highest load of any host in any year (1 = at capacity)",
    "lowest_openness": "the lowest openness of any host in any year (0 = closed)",
}


@dataclass(frozen=True)
class SweepResult:
    """Many scenarios at once: the drawn parameters and each scenario's outcomes.

    ``parameters`` has one column per parameter, ``outcomes`` one per :data:`OUTCOMES`;
    ``by_year`` has per-year totals (scenarios × years arrays) for turned_away, onward,
    resettled and stock; ``varied`` names the parameters that were drawn.
    """

    parameters: pd.DataFrame
    outcomes: pd.DataFrame
    varied: tuple[str, ...]
    ranges: dict[str, tuple[float, float]]
    seed: int
    years: tuple[int, ...]
    by_year: dict[str, np.ndarray] = field(repr=False)

    def __repr__(self) -> str:
        return f"SweepResult(n={len(self.parameters)}, varied={self.varied}, seed={self.seed})"

    def band(self, outcome: str = "turned_away", low: float = 0.05, high: float = 0.95) -> pd.DataFrame:
        """Per year: the median and the ``low``–``high`` quantiles of ``outcome`` across the scenarios."""
        outcome = checks.choice(outcome, list(self.by_year), "an outcome with yearly figures", name="outcome",
                                fold=None)
        low = checks.number(low, "low", lo=0, hi=1, note="'low' and 'high' are quantiles.")
        high = checks.number(high, "high", lo=low, hi=1, note="'low' and 'high' are quantiles, low ≤ high.")
        values = self.by_year[outcome]
        return pd.DataFrame({"year": list(self.years), "low": np.quantile(values, low, axis=0),
                             "median": np.median(values, axis=0), "high": np.quantile(values, high, axis=0)})


def _ranges(ranges: Mapping[str, tuple[float, float]] | None) -> dict[str, tuple[float, float]]:
    if ranges is None:
        return dict(DEFAULT_RANGES)
    if not isinstance(ranges, Mapping) or not ranges:
        raise WrongTypeError(value=ranges, name="ranges", expected="a mapping of parameter names to (low, high)",
                             allowed="Give e.g. {'resettlement_places': (0, 200000)}.")
    out = {}
    for name, pair in ranges.items():
        name = _check_name(name)
        if isinstance(pair, (str, bytes)) or not isinstance(pair, Iterable) or len(pair := list(pair)) != 2:
            raise WrongTypeError(value=pair, name=f"The range of '{name}'", expected="two numbers (low, high)",
                                 allowed=f"Give e.g. '{name}': {DEFAULT_RANGES.get(name, (0, 1))}.")
        low, high = _check_value(name, pair[0]), _check_value(name, pair[1])
        if low > high:
            raise OutOfRangeError(value=(low, high), name=f"The range of '{name}'", expected="a range from low to high",
                                  allowed="Give the lower number first.")
        out[name] = (low, high)
    return out


def _draw(n: int, ranges: Mapping[str, tuple[float, float]], seed: int, base: Parameters) -> pd.DataFrame:
    n = checks.whole_number(n, "n", lo=1, hi=10_000_000, note="'n' is how many scenarios to draw.")
    seed = checks.whole_number(seed, "seed", lo=0, hi=2**63 - 1, note="'seed' makes the draw repeatable.")
    rng = np.random.default_rng(int(seed))
    columns = {}
    for name in PARAMETER_NAMES:  # a fixed order, so a seed always gives the same draw
        if name in ranges:
            low, high = ranges[name]
            columns[name] = rng.uniform(low, high, int(n))
        else:
            columns[name] = np.full(int(n), getattr(base, name))
    return pd.DataFrame(columns)


#: Sweeps of at least this many scenarios (a couple of seconds) show a progress bar.
PROGRESS_FROM = 2_000_000


def sweep(start: Start, n: int = 10_000, ranges: Mapping[str, tuple[float, float]] | None = None, seed: int = 0,
          params: Parameters | None = None, horizon: int | None = None, progress: bool | None = None,
          chunk: int = 10_000) -> SweepResult:
    """Monte Carlo: ``n`` scenarios with the parameters in ``ranges`` drawn uniformly, the rest from ``params``.

    ``ranges`` maps parameter names to (low, high); by default :data:`DEFAULT_RANGES`
    (every parameter). The same ``seed`` gives the same scenarios and outcomes, whatever
    the ``chunk``. Scenarios run ``chunk`` at a time: small enough for the working arrays
    to stay in the processor's cache (10,000 ran twice as fast as 100,000 on the kit's test
    machine). 100,000 scenarios take well under a second; from :data:`PROGRESS_FROM` on, a
    progress bar (tqdm) is shown, unless ``progress=False``.

    >>> from r2pkit import data
    >>> start = starting_point(data.load("syria_refugees_by_host"), data.load("country_indicators"))
    >>> result = sweep(start, n=1000, seed=7)
    >>> result
    SweepResult(n=1000, varied=('arrivals', 'arrivals_trend', 'capacity_per_1000', 'closure_sensitivity', 'resettlement_places', 'onward_rate', 'return_rate', 'pressure_push'), seed=7)
    >>> result.outcomes.equals(sweep(start, n=1000, seed=7).outcomes)
    True
    """
    start, base = _as_start(start), _params(params, {})
    horizon = _horizon(start, horizon)
    chosen = _ranges(ranges)
    drawn = _draw(n, chosen, seed, base)
    chunk = checks.whole_number(chunk, "chunk", lo=1, note="'chunk' is how many scenarios to run at once.")
    starts = range(0, int(n), int(chunk))
    show = n >= PROGRESS_FROM if progress is None else checks.flag(progress, "progress")
    parts: list[dict[str, np.ndarray]] = []
    if show:
        from tqdm.auto import tqdm

        starts = tqdm(starts, desc="scenarios", unit="chunk")  # type: ignore[assignment]
    columns = {k: drawn[k].to_numpy() for k in PARAMETER_NAMES}
    for i in starts:
        block = {k: column[i:i + chunk] for k, column in columns.items()}
        parts.append(_run(block, start, horizon, keep_all=False))
    joined = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    outcomes = pd.DataFrame({k: joined[k] for k in OUTCOMES})
    by_year = {k.removesuffix("_by_year"): joined[k] for k in joined if k.endswith("_by_year")}
    years = tuple(range(start.year + 1, start.year + 1 + horizon))
    return SweepResult(drawn, outcomes, tuple(k for k in PARAMETER_NAMES if k in chosen), chosen, int(seed),
                       years, by_year)


def sweep_loop(start: Start, parameters: pd.DataFrame, horizon: int | None = None) -> pd.DataFrame:
    """The outcomes of :func:`sweep` for each row of ``parameters``, one scenario after another in plain Python.

    The reference for :func:`sweep` (tests) and the baseline of the sweep benchmark.

    >>> from r2pkit import data
    >>> start = starting_point(data.load("syria_refugees_by_host"), data.load("country_indicators"))
    >>> fast = sweep(start, n=5, seed=1)
    >>> slow = sweep_loop(start, fast.parameters)
    >>> bool(np.allclose(fast.outcomes.to_numpy(), slow.to_numpy(), rtol=1e-9))
    True
    """
    start = _as_start(start)
    horizon = _horizon(start, horizon)
    checks.table(parameters, PARAMETER_NAMES, name="parameters", types={p: "number" for p in PARAMETER_NAMES})
    rows = []
    for p in parameters[list(PARAMETER_NAMES)].to_dict("records"):
        admitted = turned_away = resettled = onward = returned = 0.0
        lowest, peak, final = 1.0, 0.0, 0.0
        for _, host_rows in _loop(start, p, horizon):
            final = 0.0
            for (_, o, a, ta, rs, on, rt, st, ld) in host_rows:
                admitted += a
                turned_away += ta
                resettled += rs
                onward += on
                returned += rt
                final += st
                lowest, peak = min(lowest, o), max(peak, ld)
        rows.append((turned_away, admitted, onward, returned, resettled, final, peak, lowest))
    return pd.DataFrame(rows, columns=list(OUTCOMES))


# ------------------------------------------------------------------------ sensitivity
def sensitivity(result: SweepResult, outcome: str = "turned_away") -> pd.DataFrame:
    """Which drawn parameter moves ``outcome`` most, in a sweep.

    Two measures, both on ranks (so a parameter that pushes the outcome up steadily
    counts fully, even when the push is not a straight line):

    - ``rank_correlation`` (Spearman): from −1 to 1; near 1, scenarios with more of
      this parameter almost always have more of the outcome; near 0, no steady link;
    - ``standardised_coefficient``: a regression of the outcome's rank on all the
      parameters' ranks at once, each scaled to the same spread: how much the outcome
      moves when this parameter moves, *the others held still*. The largest in size
      moves the outcome most. ``r_squared`` (in ``table.attrs``) says how much of the
      outcome's spread the parameters explain together this way (1 = all of it).

    Rows are ordered from the most to the least influential (``rank`` 1 = the most).

    >>> rng = np.random.default_rng(0)
    >>> x = pd.DataFrame({"arrivals": rng.uniform(0, 1, 500), "return_rate": rng.uniform(0, 1, 500)})
    >>> y = pd.DataFrame({"turned_away": 5 * x["arrivals"] + 0.2 * x["return_rate"]})
    >>> fake = SweepResult(x, y, ("arrivals", "return_rate"), {}, 0, (2013,), {})
    >>> sensitivity(fake)[["rank", "parameter"]].to_dict("records")
    [{'rank': 1, 'parameter': 'arrivals'}, {'rank': 2, 'parameter': 'return_rate'}]
    """
    if not isinstance(result, SweepResult):
        raise WrongTypeError(value=result, name="result", expected="the result of a sweep",
                             allowed="Pass scenario.sweep(...).")
    outcome = checks.choice(outcome, [str(c) for c in result.outcomes.columns], "an outcome of the sweep",
                            name="outcome", fold=None)
    varied = [p for p in result.varied if result.parameters[p].nunique() > 1]
    if not varied:
        raise R2PKitError("No parameter varied in this sweep: give sweep() ranges with low < high.")
    y = result.outcomes[outcome]
    if y.nunique() < 2 or len(y) < len(varied) + 2:
        raise R2PKitError(f"'{outcome}' did not vary across the {len(y)} scenarios (or there are too few of them): "
                          "widen the ranges or draw more scenarios.")
    ranks = result.parameters[varied].rank()
    y_rank = y.rank()
    correlation = ranks.corrwith(y_rank)
    z = ((ranks - ranks.mean()) / ranks.std(ddof=0)).to_numpy()
    yz = ((y_rank - y_rank.mean()) / y_rank.std(ddof=0)).to_numpy()
    coef, *_ = np.linalg.lstsq(z, yz, rcond=None)
    r_squared = 1.0 - float(((yz - z @ coef) ** 2).sum() / (yz ** 2).sum())
    table = pd.DataFrame({"parameter": varied,
                          "meaning": [_FIELDS[p].metadata["meaning"] if p in _FIELDS else p for p in varied],
                          "low": [result.parameters[p].min() for p in varied],
                          "high": [result.parameters[p].max() for p in varied],
                          "rank_correlation": correlation.to_numpy(), "standardised_coefficient": coef})
    table = table.reindex(table["standardised_coefficient"].abs().sort_values(ascending=False).index)
    table.insert(0, "rank", range(1, len(table) + 1))
    table = table.reset_index(drop=True)
    table.attrs.update(outcome=outcome, r_squared=r_squared, n=len(y))
    return table


def _reader_name(parameter: str) -> str:
    """A parameter as a sentence names it ("the change in arrivals a year"); an unknown name in quotes."""
    words = PARAMETER_LABELS.get(parameter)
    if words is None:
        return f"'{parameter}'"
    return words if parameter == "arrivals" else f"the {words}"


def sensitivity_sentence(table: pd.DataFrame) -> str:
    """The sensitivity table in one plain sentence.

    >>> t = pd.DataFrame({"rank": [1], "parameter": ["arrivals"], "standardised_coefficient": [0.9],
    ...                   "rank_correlation": [0.88]})
    >>> t.attrs.update(outcome="turned_away", r_squared=0.81, n=100)
    >>> print(sensitivity_sentence(t))
    Across 100 scenarios, people turned away at the borders (refoulement, closed borders) move most with arrivals a year: the higher it is, the more of them (standardised coefficient 0.90); together the parameters explain 81% of the spread (on ranks).
    >>> t.loc[0, "parameter"] = "arrivals_trend"
    >>> print(sensitivity_sentence(t))  # doctest: +ELLIPSIS
    Across 100 scenarios, ... move most with the change in arrivals a year: the higher it is, ...
    """
    checks.table(table, ("rank", "parameter", "standardised_coefficient"), name="table",
                 types={"standardised_coefficient": "number"}, empty=False)
    top = table.iloc[0]
    direction = "more" if top["standardised_coefficient"] > 0 else "fewer"
    outcome = table.attrs.get("outcome", "turned_away")
    return (f"Across {table.attrs.get('n', 0):,} scenarios, {OUTCOMES.get(outcome, outcome)} move most with "
            f"{_reader_name(top['parameter'])}: the higher it is, the {direction} of them (standardised coefficient "
            f"{top['standardised_coefficient']:.2f}); together the parameters explain "
            f"{table.attrs.get('r_squared', math.nan):.0%} of the spread (on ranks).")

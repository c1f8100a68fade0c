"""Fair shares: how a resettlement target could be split among states by a distribution key.

The resettlement article argues that resettlement shares responsibility for Syria's refugees
'more evenly' with the states next to the crisis, and that 'the proximity of a state is not
the intended factor in terms of allocating responsibilities under R2P' (Resettlement article,
'The Responsibility to Resettle Syrian Refugees', fnn 51, 53). It gives no formula for a fair
share: this module supplies three simple, openly stated ones, so that a seminar can ask what a
'fair share' would have been and compare it with what states did (:mod:`.arrivals`).

A **distribution key** gives each state *i* a share sᵢ (the shares add up to 1):

- ``population``: sᵢ = Pᵢ ÷ ΣP, the state's share of the chosen states' population;
- ``gdp``: sᵢ = Gᵢ ÷ ΣG, its share of their GDP (current US$, World Bank);
- ``composite``: with weights w_pop, w_gdp ≥ 0 (w_pop + w_gdp > 0) and w_hosted in [0, 1],

  bᵢ = (w_pop × Pᵢ/ΣP + w_gdp × Gᵢ/ΣG) ÷ (w_pop + w_gdp),
  hᵢ = Rᵢ ÷ Pᵢ (refugees of the crisis the state already hosts, per head),
  cᵢ = bᵢ × (1 − w_hosted × hᵢ ÷ max h), and sᵢ = cᵢ ÷ Σc.

  The last factor is the 'inverse factor for refugees already hosted': the state that hosts
  most refugees per head has its share cut by w_hosted (0.2 → by a fifth), the others in
  proportion to how many they host per head, so that states already carrying many are asked
  for less. With w_hosted = 0 it does nothing.

The target T (places) is then split into whole people by the **largest-remainder method**
(Hamilton's method): each state first gets ⌊T × sᵢ⌋; the places left over go one each to
the states with the largest remainders T × sᵢ − ⌊T × sᵢ⌋, ties going to the larger quota and
then to the ISO3 code that comes first in the alphabet. So the allocations add up exactly to
T, and every state gets its exact quota T × sᵢ rounded down or up: never more than one person
away from it. Quotas are compared to 9 decimal places, so rounding noise in the last digits
of floating-point arithmetic never decides a place.

Figures come from the kit's ``country_indicators`` (World Bank population and GDP) and a
crisis's ``refugees_by_host`` table (UNHCR; ``syria_refugees_by_host`` unless another crisis is
given: ``allocate(…, refugees=crisis.MYANMAR)``), or from a table of one's own (:mod:`.figures`) (columns ``state``,
``population``, ``gdp`` and optionally ``refugees_hosted``), as ``r2pkit resettlement
allocate --input FILE.csv`` takes it.

>>> own = pd.DataFrame({"state": ["AAA", "BBB", "CCC"], "population": [50, 30, 20],
...                     "gdp": [1.0, 1.0, 2.0]})
>>> allocate(10, "population", own, None)[["state", "share", "allocation"]]
  state  share  allocation
0   AAA    0.5           5
1   BBB    0.3           3
2   CCC    0.2           2
>>> allocate(2, "gdp", own, None)["allocation"].tolist()  # quotas 0.5, 0.5, 1: the tie goes to AAA
[1, 0, 1]
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .. import checks
from ..crisis import Crisis
from ..errors import OutOfRangeError, R2PKitError, WrongTypeError
from .figures import figure_years, figures_from_table, state_figures

__all__ = ["KEYS", "WEIGHT_NAMES", "DEFAULT_WEIGHTS", "MAX_TARGET", "parse_weights", "check_weights",
           "check_target", "check_key", "weights_for", "figure_years", "state_figures", "figures_from_table", "key_shares", "largest_remainder",
           "allocate", "allocation_sentence"]

#: The distribution keys and what each means.
KEYS = {
    "population": "share of the chosen states' population",
    "gdp": "share of the chosen states' GDP, in current US$",
    "composite": "weighted mix of population and GDP shares, optionally lowered for refugees already hosted",
}
#: The weights of the composite key, in order.
WEIGHT_NAMES = ("population", "gdp", "hosted")
#: The composite key's weights when none are given: population and GDP count equally, no correction.
DEFAULT_WEIGHTS = {"population": 0.5, "gdp": 0.5, "hosted": 0.0}
#: The largest target accepted: more than the world's population is surely a typing slip.
MAX_TARGET = 10_000_000_000
_DECIMALS = 9  # see the module docstring: quotas are compared to 9 decimal places

# ------------------------------------------------------------------------ checking inputs
def check_target(target: object) -> int:
    """The target as an int: a whole number of places from 0 to :data:`MAX_TARGET`.

    >>> check_target(20000), check_target(20000.0)
    (20000, 20000)
    >>> check_target(-5)
    Traceback (most recent call last):
    ...
    r2pkit.errors.OutOfRangeError: target=-5 is not a whole number from 0 to 10,000,000,000. Give the number of places to share out, e.g. 20000.
    """
    return checks.whole_number(target, "target", lo=0, hi=MAX_TARGET,
                               allowed="Give the number of places to share out, e.g. 20000.")


def check_key(key: object) -> str:
    """``key`` if it is one of :data:`KEYS` (any case); otherwise an error that lists them.

    >>> check_key("GDP")
    'gdp'
    """
    return checks.choice(key, KEYS, "a distribution key", name="key")


_check_key = check_key  # the name used before it was public


def parse_weights(text: str) -> dict[str, float]:
    """Weights written as on the command line, e.g. ``"population=0.5,gdp=0.5,hosted=0.2"``.

    >>> parse_weights("population=0.7, gdp=0.3")
    {'population': 0.7, 'gdp': 0.3}
    >>> parse_weights("population:0.7")
    Traceback (most recent call last):
    ...
    r2pkit.errors.WrongTypeError: weights='population:0.7' is not a list of weights: 'population:0.7' has no '='. Write weights as name=number separated by commas, e.g. 'population=0.5,gdp=0.5,hosted=0.2'.
    """
    how = "Write weights as name=number separated by commas, e.g. 'population=0.5,gdp=0.5,hosted=0.2'."
    out: dict[str, float] = {}
    for part in checks.text(text, "weights", what="a list of weights", allowed=how).split(","):
        part = part.strip()
        if not part:
            continue
        if "=" not in part:
            raise WrongTypeError(value=text, name="weights", expected=f"a list of weights: {checks.shown(part)} has "
                                 "no '='", allowed=how)
        name, value = (s.strip() for s in part.split("=", 1))
        try:  # any number ('nan', '-1' too) is then checked by check_weights
            out[name] = float(value)
        except ValueError:
            raise WrongTypeError(value=value, name=f"The weight {checks.shown(name)}", expected="a number",
                                 allowed=f"Write it as {checks.shown(name)[1:-1]}=0.5.") from None
    return out


def check_weights(weights: Mapping[str, float] | str | None) -> dict[str, float]:
    """The composite key's weights, complete and checked.

    With none given, :data:`DEFAULT_WEIGHTS`. Population and GDP weights must be numbers
    ≥ 0 adding up to more than 0 (they are rescaled to add up to 1); if neither is given
    they are 0.5 each, if one is given the other is 0. ``hosted`` is a number from 0 to 1
    (0 when not given).

    >>> check_weights({"population": 2, "gdp": 2})
    {'population': 2.0, 'gdp': 2.0, 'hosted': 0.0}
    >>> check_weights("hosted=0.2"), check_weights("population=1")
    ({'population': 0.5, 'gdp': 0.5, 'hosted': 0.2}, {'population': 1.0, 'gdp': 0.0, 'hosted': 0.0})
    >>> check_weights({"population": 0, "gdp": 0, "hosted": 0.2})
    Traceback (most recent call last):
    ...
    r2pkit.errors.OutOfRangeError: weights={...} is not a usable set of weights: the population and GDP weights add up to 0. Give at least one of them a positive weight, e.g. population=0.5,gdp=0.5.
    >>> check_weights({"popluation": 1})
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: 'popluation' is not a weight of the composite key. Did you mean 'population'? Choose one of: population, gdp, hosted.
    """
    if weights is None:
        return dict(DEFAULT_WEIGHTS)
    if isinstance(weights, str):
        weights = parse_weights(weights)
    if not isinstance(weights, Mapping) or not weights:
        raise WrongTypeError(value=weights, name="weights", expected="a mapping of weights",
                             allowed="Give weights such as {'population': 0.5, 'gdp': 0.5, 'hosted': 0.2}.")
    out = {name: 0.0 for name in WEIGHT_NAMES}
    if not {"population", "gdp"} & set(weights):
        out.update(population=DEFAULT_WEIGHTS["population"], gdp=DEFAULT_WEIGHTS["gdp"])
    for name, value in weights.items():
        name = checks.choice(name, WEIGHT_NAMES, "a weight of the composite key")
        top = 1 if name == "hosted" else None
        why = "(1 takes the whole share of the state that hosts most refugees per head.)" if top else None
        out[name] = checks.number(value, f"The weight {name!r}", lo=0, hi=top, allowed=why)
    if out["population"] + out["gdp"] <= 0:
        raise OutOfRangeError(value=dict(weights), name="weights",
                              expected="a usable set of weights: the population and GDP weights add up to 0",
                              allowed="Give at least one of them a positive weight, e.g. population=0.5,gdp=0.5.")
    return out


# ------------------------------------------------------------------------ the key
def key_shares(figures: pd.DataFrame, key: str, weights: Mapping[str, float] | str | None = None) -> pd.Series:
    """Each state's share (0–1, adding up to 1) under the distribution ``key`` (formulas above).

    ``figures`` has columns state, population, gdp and, for a ``hosted`` weight,
    refugees_hosted (see :func:`state_figures`, :func:`figures_from_table`).

    >>> f = pd.DataFrame({"state": ["A", "B"], "population": [100, 100], "gdp": [1.0, 3.0],
    ...                   "refugees_hosted": [0.0, 10.0]})
    >>> key_shares(f, "composite", {"population": 1, "gdp": 1}).tolist()
    [0.375, 0.625]
    >>> key_shares(f, "composite", {"population": 1, "hosted": 0.5}).tolist()  # B hosts most: its share halves
    [0.6666666666666666, 0.3333333333333333]
    """
    key = check_key(key)
    w = weights_for(key, weights)
    checks.table(figures, ("state", "population", "gdp"), name="figures", empty=False,
                 types={"population": "number", "gdp": "number"})
    pop = figures["population"].astype("float64").to_numpy()
    gdp = figures["gdp"].astype("float64").to_numpy()
    if key == "population":
        score = pop / pop.sum()
    elif key == "gdp":
        score = _gdp_shares(gdp)
    else:
        gdp_part = _gdp_shares(gdp) if w["gdp"] > 0 else np.zeros_like(gdp)
        score = (w["population"] * pop / pop.sum() + w["gdp"] * gdp_part) / (w["population"] + w["gdp"])
        if w["hosted"] > 0:
            score = score * (1 - w["hosted"] * _relative_hosting(figures))
    total = score.sum()
    if not total > 0:
        raise R2PKitError("No state has a share above 0 with these weights (the 'hosted' weight takes the whole "
                          "share of the only state left): lower 'hosted' or choose more states.")
    return pd.Series(score / total, index=figures["state"].to_numpy(), name="share")


def weights_for(key: str, weights: Mapping[str, float] | str | None) -> dict[str, float] | None:
    """The checked weights for the composite key; None for the others (which take no weights).

    >>> weights_for("population", None) is None, weights_for("composite", "hosted=0.2")["hosted"]
    (True, 0.2)
    """
    key = check_key(key)
    if key != "composite":
        if weights is not None:
            raise WrongTypeError(value=weights, name="weights", expected=f"used with key '{key}'",
                                 allowed="Weights apply to the composite key only: use key 'composite' with weights, "
                                 "e.g. population=1,hosted=0.2.",
                                 note=f"With key '{key}' each state's share is its {KEYS[key]}.")
        return None
    return check_weights(weights)


_weights_for = weights_for  # the name used before it was public


def _gdp_shares(gdp: np.ndarray) -> np.ndarray:
    if not gdp.sum() > 0:
        raise R2PKitError("The chosen states' GDP adds up to 0, so there are no GDP shares: give GDP figures "
                          "above 0, or use the population key.")
    return gdp / gdp.sum()


def _relative_hosting(figures: pd.DataFrame) -> np.ndarray:
    """Refugees hosted per head, as a fraction of the highest among the states (0 when nobody hosts any)."""
    hosted = figures["refugees_hosted"].astype("float64") if "refugees_hosted" in figures else pd.Series(np.nan)
    if hosted.isna().any():
        gaps = figures.loc[hosted.isna().to_numpy(), "state"].tolist() if len(hosted) == len(figures) else []
        raise R2PKitError("The 'hosted' weight needs the refugees each state already hosts, but there is no figure "
                          f"for {', '.join(gaps) or 'these states'}: choose other states or years, give a "
                          "refugees_hosted column, or set hosted=0.")
    per_head = hosted.to_numpy() / figures["population"].astype("float64").to_numpy()
    top = per_head.max()
    return per_head / top if top > 0 else np.zeros_like(per_head)


def largest_remainder(target: int, shares: pd.Series) -> pd.Series:
    """Split ``target`` whole places by ``shares`` (indexed by state) with the largest-remainder method.

    The result adds up to ``target``; each state gets its quota rounded down or up; ties
    go to the larger quota, then to the state that comes first in alphabetical order.

    >>> largest_remainder(7, pd.Series([0.5, 0.25, 0.25], index=["C", "B", "A"])).to_dict()
    {'C': 3, 'B': 2, 'A': 2}
    >>> largest_remainder(2, pd.Series([0.75, 0.25], index=["B", "A"])).to_dict()  # equal remainders: larger quota
    {'B': 2, 'A': 0}
    >>> largest_remainder(2, pd.Series([1 / 3] * 3, index=["C", "B", "A"])).to_dict()  # all equal: alphabetical
    {'C': 0, 'B': 1, 'A': 1}
    """
    target = check_target(target)
    if not isinstance(shares, pd.Series) or shares.empty:
        raise WrongTypeError(value=shares, name="shares", expected="a column of shares (a pandas Series, one per state)",
                             allowed="Pass key_shares(figures, key).")
    values = pd.to_numeric(shares, errors="coerce").astype("float64")
    if not (np.isfinite(values).all() and (values >= 0).all() and abs(values.sum() - 1) < 1e-6):
        raise OutOfRangeError(value=shares, name="shares", expected="a set of shares from 0 to 1 adding up to 1",
                              allowed="Pass key_shares(figures, key).")
    quota = np.round(target * shares.astype("float64").to_numpy(), _DECIMALS)
    floor = np.floor(quota).astype("int64")
    left = target - int(floor.sum())
    order = sorted(range(len(quota)), key=lambda i: (-round(quota[i] - floor[i], _DECIMALS), -quota[i],
                                                     str(shares.index[i])))
    for i in order[:left]:
        floor[i] += 1
    return pd.Series(floor, index=shares.index, name="allocation")


# ------------------------------------------------------------------------ allocate
def allocate(target: int, key: str, states: object, year: int | None, weights: Mapping[str, float] | str | None = None,
             *, indicators: pd.DataFrame | None = None, refugees: pd.DataFrame | Crisis | None = None) -> pd.DataFrame:
    """Split a resettlement ``target`` among ``states`` by a distribution ``key``, in whole people.

    - ``target``: places to share out, a whole number ≥ 0;
    - ``key``: ``"population"``, ``"gdp"`` or ``"composite"`` (formulas in the module docstring);
    - ``states``: names or ISO3 codes (the kit's World Bank figures for ``year`` are used; with
      ``year=None`` the latest year complete for all of them), or a table of one's own with
      columns state, population, gdp (and refugees_hosted), in which case ``year`` must be None;
    - ``weights`` (composite key only): e.g. ``{"population": 0.5, "gdp": 0.5, "hosted": 0.2}``
      or the same written ``"population=0.5,gdp=0.5,hosted=0.2"``;
    - ``indicators``, ``refugees``: the kit's ``country_indicators`` and a crisis's refugees by
      host (``syria_refugees_by_host`` when not given; a :class:`~r2pkit.crisis.Crisis` gives its
      own, and its indicators).

    Columns: state (ISO3), name, year, population, gdp, refugees_hosted, share, quota
    (target × share, not rounded), allocation (whole people, adding up to the target), source.

    >>> t = allocate(20000, "population", ["GBR", "DEU", "FRA"], 2015)
    >>> int(t["allocation"].sum()), t["state"].tolist()
    (20000, ['GBR', 'DEU', 'FRA'])
    >>> allocate(20000, "population", ["GBR", "Germny"], 2015)
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: state='Germny' is not a state in the kit's World Bank data. Did you mean 'Germany'? ...
    """
    target = check_target(target)
    key = check_key(key)
    w = weights_for(key, weights)
    if isinstance(states, pd.DataFrame):
        if year is not None:
            raise WrongTypeError(value=year, name="year", expected="needed with a table of your own",
                                 allowed="Leave the year out: your table already gives the figures.",
                                 note="'year' chooses the kit's World Bank figures.")
        figures = figures_from_table(states).assign(year=pd.NA)
    else:
        if states is None:
            raise WrongTypeError(value=states, name="states", expected="a list of states",
                                 allowed="Choose the states to share the target among, e.g. ['GBR', 'DEU', 'FRA'] "
                                 "(arrivals.resettlement_states(...) lists those that resettled a crisis's refugees).")
        if isinstance(refugees, Crisis):
            indicators = refugees.table("indicators") if indicators is None else indicators
            refugees = refugees.table("refugees_by_host")
        if indicators is None or refugees is None:
            from .. import data

            indicators = data.load("country_indicators") if indicators is None else indicators
            refugees = data.load("syria_refugees_by_host") if refugees is None else refugees
        figures = state_figures(indicators, refugees, states, year, need_hosted=bool(w and w["hosted"] > 0))
    share = key_shares(figures, key, w)
    out = figures[["state", "name", "year", "population", "gdp", "refugees_hosted"]].copy()
    out["share"] = share.to_numpy()
    out["quota"] = target * out["share"]
    out["allocation"] = largest_remainder(target, share).to_numpy()
    out["source"] = figures["source"].to_numpy()
    out.attrs.update(target=target, key=key, weights=w)
    return out.reset_index(drop=True)


def allocation_sentence(table: pd.DataFrame, top: int = 3) -> str:
    """One plain sentence on an allocation from :func:`allocate`: the key, the target and the largest shares.

    >>> own = pd.DataFrame({"state": ["AAA", "BBB"], "population": [3, 1], "gdp": [1, 1]})
    >>> allocation_sentence(allocate(100, "population", own, None))
    'Shared by population, 100 places among 2 states: AAA 75 (75.0%), BBB 25 (25.0%).'
    """
    checks.table(table, ("state", "name", "share", "allocation"), name="table",
                 types={"share": "number", "allocation": "whole"})
    top = checks.whole_number(top, "top", lo=1)
    key, target = table.attrs.get("key", "?"), int(table["allocation"].sum())
    how = {"population": "by population", "gdp": "by GDP"}.get(key)
    if how is None:
        w = table.attrs.get("weights") or DEFAULT_WEIGHTS
        how = (f"by a composite key (population {w['population']:g}, GDP {w['gdp']:g}"
               + (f", lowered by up to {w['hosted']:.0%} for refugees already hosted" if w["hosted"] else "") + ")")
    biggest = table.sort_values(["allocation", "state"], ascending=[False, True]).head(top)
    parts = ", ".join(f"{n} {a:,} ({s:.1%})" for n, a, s in zip(biggest["name"], biggest["allocation"],
                                                                 biggest["share"]))
    year = table["year"].iloc[0] if "year" in table and len(table) and pd.notna(table["year"].iloc[0]) else None
    when = f" (figures of {int(year)})" if year is not None else ""
    return f"Shared {how}, {target:,} places among {len(table)} states{when}: {parts}."

"""Tables for reading: plain words where the data have column names.

The kit's datasets and functions name their columns as code does (``vetoed_by``,
``per_usd_gdp_per_head``), so that a researcher can select them; a law student reading a
notebook should see words. :func:`readable` is the view: it returns a copy of a table
with its column and index names in words (from :data:`LABELS`, or labels given for one
table), yes/no for true/false, "not known" for a missing fact, and the duty engine's fact
names written out where a cell lists them. The data themselves keep their names.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .. import checks
from ..resettlement.scenario import PARAMETER_LABELS

__all__ = ["LABELS", "label", "readable"]

#: Column names of the kit's tables, in words. A name not here is shown as it is, so every
#: label is a deliberate choice; a table may add or override labels (``readable(t, {...})``).
LABELS: dict[str, str] = {
    # Security Council and General Assembly
    "vetoed_by": "vetoed by",
    "in_roll_call_data": "every member's vote in the data",
    "official_tally": "official tally",
    "official_source": "official source",
    "iso3": "country code",
    # displacement and host pressure
    "host_iso3": "country code",
    "per_1000": "refugees per 1,000 inhabitants",
    "pct_of_population": "refugees, % of the population",
    "gdp_per_head": "GDP per head (US$)",
    "per_usd_gdp_per_head": "refugees per US$1 of GDP per head",
    "share_of_world": "share of all Syrian refugees",
    "asylum_seekers": "asylum-seekers",
    "resettlement_arrivals": "resettlement arrivals",
    "resettled_2011_to_2016": "resettled, 2011–2016",
    # sharing resettlement places
    "matching_pledge": "pledge matching the UK's",
    "first_year": "first year",
    "last_year": "last year",
    "off_by": "off by (share of the real count)",
    "bias": "bias (+ too many, − too few)",
    # prevention
    "rec_id": "no.",
    "session_title": "session title",
    "factor_number": "risk factor no.",
    "coercion_rank": "rank",
    "coercion_level": "coercion level",
    "needs_sc_authorisation": "needs the Security Council's authorisation",
    # the duty bundle: Hakimi's four duties and the facts the engine asks about
    "respect": "duty to respect",
    "protect": "duty to protect",
    "not_obstruct": "duty not to obstruct",
    "assist": "duty to assist",
    "participates_in_atrocities": "takes part in the atrocities",
    "assists_perpetrators": "assists the perpetrators",
    "assistance_mental_element": "state of mind when assisting",
    "governmental_authority": "governmental authority over the area",
    "physical_presence_only": "physical presence only",
    "substantial_support_to_perpetrators": "substantial support to the perpetrators",
    "made_reasonable_efforts_to_restrain": "reasonable efforts to restrain",
    "obstructs_protective_measures": "obstructs protective measures",
    "offers_meaningful_alternative": "offers a meaningful alternative",
    "weighty_countervailing_interest": "a weighty countervailing interest",
    "contributed_to_risk": "contributed to the risk",
    "special_relationship": "a special relationship",
    "helps_lessen_risk": "helps lessen the risk",
    "high_capacity": "high capacity",
    "cannot_reasonably_bear": "cannot reasonably bear the cost",
    # the resettlement scenario model's parameters, as the model names them for a reader ("arrivals" is
    # left alone: other tables' "arrivals" are resettlement arrivals)
    **{name: words for name, words in PARAMETER_LABELS.items() if name != "arrivals"},
}

_NAME = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def label(name: str) -> str:
    """A column or parameter name in words, or the name itself if the kit has no label for it.

    >>> label("per_usd_gdp_per_head"), label("year")
    ('refugees per US$1 of GDP per head', 'year')
    """
    checks.text(name, "name", what="a column or parameter name", empty=True)
    return LABELS.get(name, name)


def _word(value: Any) -> Any:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


def _words(column: pd.Series, labels: Mapping[str, str]) -> pd.Series:
    values = [v for v in column if v is not None and not (isinstance(v, float) and pd.isna(v))]
    if column.dtype == bool or (values and all(isinstance(v, bool) for v in values)):
        return column.map(lambda v: "not known" if v is None or (isinstance(v, float) and pd.isna(v)) else _word(v))
    if values and all(isinstance(v, str) for v in values):
        return column.map(lambda v: _NAME.sub(lambda m: labels.get(m.group(0), m.group(0)), v)
                          if isinstance(v, str) else v)
    return column


def readable(table: pd.DataFrame, labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """A copy of ``table`` for reading: column and index names in words, yes/no for true/false.

    ``labels`` adds or overrides column labels for this table (e.g. a column ``all`` that
    means "both voted no"). A true/false column reads yes/no, with "not known" where a
    value is missing; where a text cell names one of the duty engine's facts (e.g. "would
    be decided by: offers_meaningful_alternative"), the name is written out.

    >>> t = pd.DataFrame({"draft": ["S/2011/612"], "vetoed_by": ["China, Russia"], "all": [True]})
    >>> readable(t, {"all": "both voted no"})
          draft       vetoed by both voted no
    0  S/2011/612  China, Russia          yes
    >>> readable(pd.DataFrame({"would be decided by": ["helps_lessen_risk"], "x": [None]}))
           would be decided by     x
    0  helps lessen the risk  None
    >>> readable([1, 2])
    Traceback (most recent call last):
    ...
    r2pkit.errors.TableError: table=[1, 2] is not a table (pandas DataFrame).
    """
    checks.table(table, name="table")
    if labels is not None:
        checks.instance_of(labels, Mapping, "labels", what="labels for columns (a dict)",
                           allowed="Give a dict from column names to words, e.g. {'all': 'both voted no'}.")
    words = {**LABELS, **dict(labels or {})}
    out = table.copy()
    for name in out.columns:
        out[name] = _words(out[name], words)
    out = out.rename(columns=lambda c: words.get(c, c) if isinstance(c, str) else c)
    return out.rename_axis(index=[words.get(n, n) if isinstance(n, str) else n for n in out.index.names],
                           columns=[words.get(n, n) if isinstance(n, str) else n for n in out.columns.names])

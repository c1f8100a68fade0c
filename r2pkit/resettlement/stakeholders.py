"""The stakeholder map: who supports which response to Syria's mass atrocities, and why.

The resettlement article explains why the link between R2P and refugee protection, made by
scholars, 'is not made in practice': states avoid asylum and R2P's name, civil society and
humanitarian organisations find R2P language 'counterproductive', and migration practitioners
fear R2P will erode refugee law (Resettlement article, 'Introduction'; 'Missing in Action: Civil
Society, Humanitarian Organisations and Migration Practitioners', fnn 86–106). It then argues
that resettlement linked to R2P could reconcile them ('Engaging Divergent Interests').

The ``resettlement_stakeholders`` dataset sets these positions out as a grid: each actor
against each framing of a response, with a support level, whether the article *reports* the
position or *argues* it, a one-line reason, the article's words and where they are. Where the
article is silent the cell says 'not discussed', and these functions keep it that way.

>>> from r2pkit import data
>>> table = data.load("resettlement_stakeholders")
>>> stakeholder_map(table).loc["humanitarian organisations", "R2P language in advocacy"]
'resists'
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from .. import checks
from ..errors import TableError

__all__ = ["SUPPORT_LEVELS", "ACTORS", "FRAMINGS", "check_framing", "stakeholder_map", "framing_support",
           "framing_sentence", "support_scores"]

#: Support levels, most favourable first, with a score for charts (None: the article is silent).
SUPPORT_LEVELS: dict[str, int | None] = {"supports": 2, "open to": 1, "divided": 0, "wary": -1, "resists": -2,
                                         "not discussed": None}
#: The actors and the framings, in the order of the dataset's schema.
ACTORS = ("remote resettlement states", "host states", "civil society organisations", "humanitarian organisations",
          "migration practitioners", "R2P scholars and advocates", "wary middle powers")
FRAMINGS = ("military intervention", "asylum linked to R2P", "resettlement linked to R2P",
            "financial aid to the region only", "R2P language in advocacy")
_COLUMNS = ("actor", "framing", "support", "basis", "reason", "source")


def _load(table: pd.DataFrame | None) -> pd.DataFrame:
    if table is None:
        from .. import data

        table = data.load("resettlement_stakeholders")
    checks.table(table, _COLUMNS, "resettlement_stakeholders", types={"actor": "text", "framing": "text"})
    twice = table[table.duplicated(["actor", "framing"])]
    if len(twice):
        raise TableError(value=table, name="table", expected="a stakeholder map with one row per actor and framing",
                         allowed="Give each actor one row per framing.",
                         note=f"{checks.shown(str(twice['actor'].iloc[0]))} has two rows for "
                              f"{checks.shown(str(twice['framing'].iloc[0]))}.")
    return table


def check_framing(framing: object) -> str:
    """``framing`` as :data:`FRAMINGS` names it (any case), or the kit's clear error with the closest framing.

    >>> check_framing("Military Intervention")
    'military intervention'
    """
    return checks.choice(framing, FRAMINGS, "one of the framings in the stakeholder map", name="framing")




def stakeholder_map(table: pd.DataFrame | None = None, value: str = "support") -> pd.DataFrame:
    """The grid: one row per actor, one column per framing, each cell the ``value`` (support, basis, reason …).

    ``table`` is ``resettlement_stakeholders`` (loaded from the kit when not given).

    >>> stakeholder_map().loc["migration practitioners", "asylum linked to R2P"]
    'resists'
    """
    table = _load(table)
    value = checks.choice(value, [str(c) for c in table.columns], "a column of the stakeholder map", name="value")
    grid = table.pivot(index="actor", columns="framing", values=value)
    actors = [a for a in ACTORS if a in grid.index] + sorted(set(grid.index) - set(ACTORS))
    framings = [f for f in FRAMINGS if f in grid.columns] + sorted(set(grid.columns) - set(FRAMINGS))
    grid = grid.loc[actors, framings]
    grid.index.name, grid.columns.name = "actor", "framing"
    return grid


def framing_support(framing: str, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """For one ``framing``: who supports it, who resists it, and why, most favourable first.

    Actors on whom the article is silent come last, as 'not discussed'. Columns: actor,
    support, score (2 supports … −2 resists; empty for not discussed), basis, reason, source.

    >>> t = framing_support("R2P language in advocacy")
    >>> t[t["support"] == "resists"]["actor"].tolist()
    ['remote resettlement states', 'civil society organisations', 'humanitarian organisations', 'migration practitioners']
    >>> framing_support("resettlement")
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: framing='resettlement' is not one of the framings in the stakeholder map. Did you mean 'resettlement linked to R2P'? ...
    """
    table = _load(table)
    framing = check_framing(framing)
    rows = table[table["framing"] == framing].copy()
    rows["score"] = rows["support"].map(SUPPORT_LEVELS).astype("Int64")
    order = {a: i for i, a in enumerate(ACTORS)}
    rows["_silent"] = rows["score"].isna()
    rows["_actor"] = rows["actor"].map(lambda a: order.get(a, len(order)))
    rows = rows.sort_values(["_silent", "score", "_actor"], ascending=[True, False, True])
    return rows[["actor", "support", "score", "basis", "reason", "source"]].reset_index(drop=True)


def framing_sentence(framing: str, table: pd.DataFrame | None = None) -> str:
    """Who supports ``framing`` and who resists it, in one plain paragraph (reported and argued kept apart).

    >>> print(framing_sentence("financial aid to the region only"))
    Financial aid to the region only. Supports: remote resettlement states (reported). Resists: R2P scholars and advocates (reported). The article does not discuss: host states, civil society organisations, humanitarian organisations, migration practitioners, wary middle powers.
    """
    rows = framing_support(framing, table)
    name = check_framing(framing)
    parts = [name[0].upper() + name[1:] + "."]  # not str.capitalize, which would write 'r2p'
    for level in SUPPORT_LEVELS:
        if level == "not discussed":
            continue
        chosen = rows[rows["support"] == level]
        if len(chosen):
            who = ", ".join(f"{a} ({b})" for a, b in zip(chosen["actor"], chosen["basis"]))
            parts.append(f"{level.capitalize()}: {who}.")
    silent = rows[rows["support"] == "not discussed"]["actor"].tolist()
    if silent:
        parts.append(f"The article does not discuss: {', '.join(silent)}.")
    return " ".join(parts)


def support_scores(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The map in long form with a numeric score per cell (for the heat map): actor, framing, support, score, basis, reason, source."""
    table = _load(table)
    out: Any = table[["actor", "framing", "support", "basis", "reason", "source"]].copy()
    out["score"] = out["support"].map(SUPPORT_LEVELS).astype("Int64")
    return out

"""The repertoire of protection measures, from the least to the most coercive (dataset
``protection_measures``).

Fourteen measures the kit's three texts discuss, from early-warning analysis to military
intervention, each placed on the kit's five-level coercion scale (:data:`LEVELS`), with
who can take it and whether the Security Council must authorise it, in the sources' own
reasoning (column ``sc_reasoning``). :func:`available_measures` applies a reader's
constraints — the Council deadlocked or not, coercion acceptable or not, who acts — and
keeps the measures that remain: that resettlement needs no Council consensus, for
instance, comes from the row the resettlement article supports
('Refugee Protection is a First Response under R2P', text at fn 48), not from this code.
:func:`stances` and :func:`agreement` read the three texts side by side.
"""
from __future__ import annotations

import pandas as pd

from .. import checks

__all__ = ["ACTORS", "LEVELS", "SOURCES", "STANCES", "check_actor", "coercion_scale", "without_council",
           "available_measures", "constraints_sentence", "stances", "stance_counts", "favoured_by", "agreement"]

#: Who acts, as the explorer offers it, and the column that says whether they can.
ACTORS = {
    "single state": "by_single_state",
    "regional organisation": "by_regional_organisation",
    "UN": "by_un",
    "civil society": "by_civil_society",
}
#: The kit's coercion scale (column ``coercion_level``).
LEVELS = {1: "analysis", 2: "non-coercive steps", 3: "presence on the ground", 4: "coercion without force",
          5: "force"}
#: The three texts, by the column that says where each discusses a measure.
SOURCES = {"roundtable": "UNA-UK roundtable summary", "resettlement_article": "Resettlement article",
           "hakimi": "Hakimi"}
#: The stances a text can take on a measure, from most to least supportive.
STANCES = ("favours", "discusses", "mentions", "has reservations", "not discussed")

_COLUMNS = ("measure_id", "measure", "summary", "coercion_rank", "coercion_level", "coercive",
            "needs_sc_authorisation", "sc_reasoning", *ACTORS.values(), *SOURCES,
            *(f"{s}_stance" for s in SOURCES), "source")


def _check(table: pd.DataFrame) -> None:
    checks.table(table, _COLUMNS, "protection_measures", types={"measure_id": "text", "measure": "text"})


def _ordered(table: pd.DataFrame) -> pd.DataFrame:
    return table.sort_values("coercion_rank").reset_index(drop=True)


def coercion_scale(measures: pd.DataFrame) -> pd.DataFrame:
    """The measures from the least to the most coercive, with their level on the kit's scale.

    >>> from r2pkit import data
    >>> scale = coercion_scale(data.load("protection_measures"))
    >>> scale["measure"].iloc[[0, -1]].tolist()
    ['Early-warning analysis', 'Military intervention']
    >>> scale.columns.tolist()
    ['coercion_rank', 'measure', 'coercion_level', 'level', 'coercive', 'needs_sc_authorisation']
    """
    _check(measures)
    out = _ordered(measures)
    out = out.assign(level=out["coercion_level"].map(LEVELS))
    return out[["coercion_rank", "measure", "coercion_level", "level", "coercive", "needs_sc_authorisation"]]


def _who_alone(row: pd.Series) -> str:
    return ", ".join(name for name, column in ACTORS.items() if row[column] == "yes")


def without_council(measures: pd.DataFrame) -> pd.DataFrame:
    """The measures that can be taken without the Security Council's consent, and by whom.

    A measure whose Council route can be vetoed but that some actor can take alone
    (``needs_sc_authorisation`` 'sometimes') is kept, with those actors in ``who``.

    >>> from r2pkit import data
    >>> free = without_council(data.load("protection_measures"))
    >>> free.set_index("measure").loc["Resettlement", "who"]
    'single state'
    >>> "Military intervention" in set(free["measure"])
    False
    """
    _check(measures)
    rows = _ordered(measures[measures["needs_sc_authorisation"] != "yes"])
    rows = rows.assign(who=rows.apply(_who_alone, axis=1))
    return rows[["coercion_rank", "measure", "needs_sc_authorisation", "who", "sc_reasoning"]]


def _check_flag(value: object, name: str) -> bool:
    return checks.flag(value, name)


def check_actor(actor: object) -> str:
    """``actor`` as :data:`ACTORS` names it (any case), or the kit's clear error with the closest actor.

    >>> check_actor("un")
    'UN'
    """
    return checks.choice(actor, ACTORS, "one of the actors the sources consider", name="actor")




def available_measures(measures: pd.DataFrame, council_deadlocked: bool, coercion_acceptable: bool,
                       actor: str) -> pd.DataFrame:
    """The measures that remain for ``actor`` under the two constraints, least coercive first.

    ``actor`` is one of :data:`ACTORS`. A measure remains if the actor can take it (column
    ``by_…`` not 'no'); if the Council is deadlocked, only if the actor can take it without
    the Council ('yes'); if coercion is not acceptable, only if it is not coercive. Each row
    says by which ``route`` and ``why``, in the sources' words (``sc_reasoning``).

    >>> from r2pkit import data
    >>> measures = data.load("protection_measures")
    >>> open_ = available_measures(measures, council_deadlocked=False, coercion_acceptable=True, actor="UN")
    >>> open_.set_index("measure").loc["ICC referral", "route"]
    'with Security Council authorisation'
    >>> blocked = available_measures(measures, council_deadlocked=True, coercion_acceptable=True, actor="UN")
    >>> "ICC referral" in set(blocked["measure"])
    False
    >>> available_measures(measures, True, False, actor="NATO")
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: actor='NATO' is not one of the actors the sources consider. Choose one of: ...
    """
    _check(measures)
    deadlocked = _check_flag(council_deadlocked, "council_deadlocked")
    coercion = _check_flag(coercion_acceptable, "coercion_acceptable")
    column = ACTORS[check_actor(actor)]
    keep = measures[column] != "no"
    if deadlocked:
        keep &= measures[column] == "yes"
    if not coercion:
        keep &= ~measures["coercive"].astype(bool)
    rows = _ordered(measures[keep])
    route = rows[column].map({"yes": "without the Security Council", "council": "with Security Council authorisation"})
    rows = rows.assign(route=route, level=rows["coercion_level"].map(LEVELS), why=rows["sc_reasoning"])
    return rows[["coercion_rank", "measure", "level", "coercive", "route", "why", "summary", "source"]]


def constraints_sentence(measures: pd.DataFrame, council_deadlocked: bool, coercion_acceptable: bool,
                         actor: str) -> str:
    """One plain sentence on what remains under the constraints.

    >>> from r2pkit import data
    >>> constraints_sentence(data.load("protection_measures"), True, False, "single state")  # doctest: +ELLIPSIS
    'With the Security Council deadlocked and no coercion, a single state can still take 7 of the 14 measures: ...'
    """
    rows = available_measures(measures, council_deadlocked, coercion_acceptable, actor)
    council = "With the Security Council deadlocked" if council_deadlocked else "With the Security Council able to act"
    force = "no coercion" if not coercion_acceptable else "coercion acceptable"
    who = {"single state": "a single state", "regional organisation": "a regional organisation",
           "UN": "the UN", "civil society": "civil society"}[check_actor(actor)]
    if rows.empty:
        return f"{council} and {force}, none of the {len(measures)} measures remains for {who}."
    names = rows["measure"].tolist()
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    verb = "can still take" if council_deadlocked or not coercion_acceptable else "can take"
    return f"{council} and {force}, {who} {verb} {len(rows)} of the {len(measures)} measures: {listed}."


def stances(measures: pd.DataFrame) -> pd.DataFrame:
    """Each text's stance on each measure, one row per measure and text (long form).

    >>> from r2pkit import data
    >>> s = stances(data.load("protection_measures"))
    >>> s[s["measure"] == "Resettlement"][["text", "stance"]].values.tolist()
    [['UNA-UK roundtable summary', 'not discussed'], ['Resettlement article', 'favours'], ['Hakimi', 'not discussed']]
    """
    _check(measures)
    parts = []
    for column, label in SOURCES.items():
        part = _ordered(measures)[["coercion_rank", "measure", column, f"{column}_stance"]]
        parts.append(part.rename(columns={column: "where", f"{column}_stance": "stance"}).assign(text=label))
    out = pd.concat(parts).sort_values(["coercion_rank", "text"], key=lambda s: s.map(
        {label: i for i, label in enumerate(SOURCES.values())}) if s.name == "text" else s)
    return out[["coercion_rank", "measure", "text", "stance", "where"]].reset_index(drop=True)


def stance_counts(measures: pd.DataFrame) -> pd.DataFrame:
    """How many measures each text favours, discusses, mentions, doubts or leaves aside.

    >>> from r2pkit import data
    >>> int(stance_counts(data.load("protection_measures")).loc["Resettlement article", "favours"])
    1
    """
    table = stances(measures)
    counts = pd.crosstab(table["text"], table["stance"]).reindex(index=list(SOURCES.values()), columns=list(STANCES),
                                                                 fill_value=0)
    counts.index.name, counts.columns.name = "text", None
    return counts


def favoured_by(measures: pd.DataFrame, text: str) -> list[str]:
    """The measures a text favours, least coercive first; ``text`` as in :data:`SOURCES`.

    >>> from r2pkit import data
    >>> favoured_by(data.load("protection_measures"), "Resettlement article")
    ['Resettlement']
    """
    label = checks.choice(text, list(SOURCES.values()), "one of the kit's texts", name="text", aliases=SOURCES)
    table = stances(measures)
    return table[(table["text"] == label) & (table["stance"] == "favours")]["measure"].tolist()


def agreement(measures: pd.DataFrame) -> pd.DataFrame:
    """Where the texts agree and disagree on each measure.

    ``verdict`` is 'one text only' when a single text discusses the measure; 'disagree' when
    one favours it and another has reservations; 'agree' when every text that discusses it
    takes the same stance; otherwise 'differ in emphasis'.

    >>> from r2pkit import data
    >>> a = agreement(data.load("protection_measures")).set_index("measure")
    >>> a.loc["Military intervention", "verdict"], a.loc["Restraint in the use of the veto", "verdict"]
    ('agree', 'disagree')
    """
    table = stances(measures)
    rows = []
    for (rank, measure), group in table.groupby(["coercion_rank", "measure"], sort=True):
        said = group[group["stance"] != "not discussed"]
        kinds = set(said["stance"])
        if len(said) <= 1:
            verdict = "one text only" if len(said) == 1 else "no text"
        elif {"favours", "has reservations"} <= kinds:
            verdict = "disagree"
        elif len(kinds) == 1:
            verdict = "agree"
        else:
            verdict = "differ in emphasis"
        stated = "; ".join(f"{t}: {s}" for t, s in zip(said["text"], said["stance"]))
        rows.append({"coercion_rank": rank, "measure": measure, "texts": len(said), "stances": stated,
                     "verdict": verdict})
    return pd.DataFrame(rows)

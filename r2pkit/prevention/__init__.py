"""Prevention and the toolbox: the UNA-UK roundtable's recommendations, the repertoire of
protection measures across the kit's three texts, and an early-warning checklist.

The UNA-UK roundtable of 16 April 2013 treats R2P as a policy agenda for a government —
early warning, prevention on the ground, intervening to protect, mobilising political
will — and insists that R2P is not the same as military intervention (UNA-UK roundtable
summary, Introduction, p. 1). This package makes that material explorable and ties it to
the two other texts:

- :mod:`~r2pkit.prevention.recommendations` filters and counts the roundtable's
  recommendations (dataset ``unauk_recommendations``) by session, heading, addressee and
  type of measure;
- :mod:`~r2pkit.prevention.measures` orders the repertoire of measures from the least to
  the most coercive (dataset ``protection_measures``), keeps the measures that remain under
  constraints (a deadlocked Security Council, no coercion, who acts) with the sources'
  reasoning, and reads the three texts side by side;
- :mod:`~r2pkit.prevention.early_warning` turns the risk factors a reader marks as present
  into a structured profile, grouped as the UN Framework of Analysis for Atrocity Crimes
  (2014) groups them (dataset ``atrocity_risk_factors``: the ten factors that could be
  checked, five of them with their numbers). It never gives a probability or a
  prediction: the Framework is a tool for analysis, not a forecast.

Every function is pure (tables in, tables or text out) and raises
:class:`~r2pkit.errors.R2PKitError` with a plain message on bad input.

>>> from r2pkit import data, prevention
>>> measures = data.load("protection_measures")
>>> left = prevention.available_measures(measures, council_deadlocked=True, coercion_acceptable=False,
...                                      actor="single state")
>>> "Resettlement" in set(left["measure"])
True
"""
from .early_warning import (FRAMEWORK_FACTORS, NOT_A_FORECAST, factor_table, find_factor, indicators_of,
                            numbers_not_in_table, profile_summary, risk_profile)
from .measures import (ACTORS, LEVELS, SOURCES, STANCES, agreement, available_measures, check_actor, coercion_scale,
                       constraints_sentence, favoured_by, stance_counts, stances, without_council)
from .recommendations import (FORMS, MEASURE_TYPES, SESSIONS, addressees, count_by, recommendations,
                              recommendations_sentence)

__all__ = [
    "SESSIONS", "FORMS", "MEASURE_TYPES", "addressees", "recommendations", "count_by", "recommendations_sentence",
    "ACTORS", "LEVELS", "SOURCES", "STANCES", "check_actor", "coercion_scale", "without_council", "available_measures",
    "constraints_sentence", "stances", "stance_counts", "favoured_by", "agreement",
    "NOT_A_FORECAST", "FRAMEWORK_FACTORS", "factor_table", "numbers_not_in_table", "find_factor", "risk_profile",
    "profile_summary", "indicators_of",
]

"""Assessments as tables: the four duties of one case, and many cases side by side.

Notebook 03 and the duty explorer show the engine's answers as tables. These functions
turn :class:`~r2pkit.duties.engine.Assessment` objects into pandas DataFrames in words a
law student reads ('attaches', 'not established on these facts'), keeping 'not
established' apart from 'no' everywhere.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from .. import checks
from ..errors import WrongTypeError
from .engine import Assessment, as_case, assess, expectation_problems
from .facts import DUTIES, DUTY_TITLES, FACTS, Case, describe_value
from .rules import Finding

__all__ = ["short_outcome", "duty_table", "library_table", "facts_table", "outcomes_long"]


def _one(value: Any, kind: type, name: str, what: str, how: str) -> Any:
    if not isinstance(value, kind):
        raise WrongTypeError(value=value, name=name, expected=what, allowed=how)
    return value


def _cases(cases: Any) -> list[Case]:
    """A list of cases, checked: one case alone or any non-case in the list is refused plainly."""
    how = "Pass a list of cases, e.g. duties.load_cases(duties.LIBRARY)."
    if isinstance(cases, (str, bytes, Mapping, Case)) or not isinstance(cases, Iterable) or hasattr(cases, "columns"):
        raise WrongTypeError(value=cases, name="cases", expected="a list of cases of the duty engine", allowed=how)
    items = list(cases)
    for item in items:
        _one(item, Case, "cases", "a list of cases of the duty engine",
             f"Every item must be a case; {checks.shown(item)} is not. {how}")
    return items


def short_outcome(finding: Finding) -> str:
    """One duty's outcome in a few words, for a cell of a table.

    >>> short_outcome(assess(governmental_authority=True, made_reasonable_efforts_to_restrain=False,
    ...                      cannot_reasonably_bear=False).protect)
    'attaches · breached'
    >>> short_outcome(assess(high_capacity=True).assist)
    'not established'
    >>> short_outcome(assess(contributed_to_risk=False, special_relationship=False).assist)
    'does not attach'
    """
    _one(finding, Finding, "finding", "a finding of the duty engine (one duty of an assessment)",
         "Pass one duty of an assessment, e.g. duties.assess(facts).protect.")
    if finding.attaches is False:
        return "does not attach"
    breach = {True: "breached", False: "not breached", None: "breach not established"}[finding.breached]
    if finding.attaches is None:
        return "not established" if finding.breached is None else f"attachment not established · {breach}"
    return f"attaches · {breach}"


def duty_table(assessment: Assessment) -> pd.DataFrame:
    """The four duties of one assessment: whether each attaches, whether it is breached, on
    which facts, and the sources.

    >>> t = duty_table(assess(physical_presence_only=True, substantial_support_to_perpetrators=False))
    >>> t[["duty", "attaches", "breached"]].iloc[1].tolist()
    ['Duty to protect', 'does not attach', 'not breached (the duty does not attach)']
    """
    _one(assessment, Assessment, "assessment", "an assessment of the duty engine",
         "Make one with duties.assess(facts) or duties.assess(duties.load_case(path)).")
    rows = []
    for duty in DUTIES:
        f = assessment[duty]
        rows.append({"duty": DUTY_TITLES[duty], "attaches": f.attaches_words, "breached": f.breached_words,
                     "decided by": ", ".join(f.grounds) or "—",
                     "would be decided by": ", ".join(f.open_facts) or "—",
                     "sources": "; ".join(f.citations)})
    return pd.DataFrame(rows)


def facts_table(case: Case | Mapping[str, Any]) -> pd.DataFrame:
    """The facts of a case in words, in the vocabulary's order: what is given and what is unknown.

    >>> facts_table({"governmental_authority": True}).set_index("fact").loc["governmental_authority", "answer"]
    'yes'
    """
    c = as_case(case)
    return pd.DataFrame([{"fact": name, "question": fact.ask(c.outside_state),
                          "answer": describe_value(c.facts[name])} for name, fact in FACTS.items()])


def library_table(cases: Iterable[Case]) -> pd.DataFrame:
    """One row per case: the engine's outcome for each duty, and whether it reproduces the
    outcome the case records from the article (``expected``).

    ``as expected`` is ``True`` when every expected value is reproduced, ``False`` when one
    is not, and ``None`` for a case that records no expected outcome.

    >>> c = as_case({"id": "demo", "outside_state": "Utopia", "facts": {"special_relationship": True},
    ...              "expected": {"assist": {"attaches": True}}})
    >>> library_table([c])[["case", "assist", "as expected"]].iloc[0].tolist()
    ['demo', 'attaches · breach not established', True]
    """
    rows = []
    for case in _cases(cases):
        a = assess(case)
        row: dict[str, Any] = {"case": case.id, "outside state": case.outside_state, "title": case.title}
        row.update({duty: short_outcome(a[duty]) for duty in DUTIES})
        row["as expected"] = (not expectation_problems(case)) if case.expected else None
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["case", "outside state", "title", *DUTIES, "as expected"])
    return frame.astype({"as expected": object})  # True, False or None: 'no expectation' is not False


def outcomes_long(cases: Iterable[Case]) -> pd.DataFrame:
    """One row per case and duty (a tidy table, for charts): the outcome in words, the facts
    that decided it, those that would decide what is open, the first source, and whether the
    case's recorded outcome for that duty is reproduced (``None`` where none is recorded).

    >>> t = outcomes_long([as_case({"id": "demo", "facts": {"special_relationship": True},
    ...                             "expected": {"assist": {"attaches": True}}})])
    >>> t[["case", "duty", "outcome", "as expected"]].iloc[3].tolist()
    ['demo', 'assist', 'attaches · breach not established', True]
    >>> len(t), t["as expected"].iloc[0] is None
    (4, True)
    """
    rows = []
    for case in _cases(cases):
        a = assess(case)
        problems = expectation_problems(case)
        for duty in DUTIES:
            f = a[duty]
            expected: bool | None = None
            if duty in case.expected:
                expected = not any(f"expected {duty} " in p for p in problems)
            rows.append({"case": case.id, "title": case.title, "outside state": case.outside_state, "duty": duty,
                         "duty title": DUTY_TITLES[duty], "outcome": short_outcome(f),
                         "decided by": ", ".join(f.grounds) or "—", "would be decided by": ", ".join(f.open_facts) or "—",
                         "source": f.citations[0] if f.citations else "", "as expected": expected})
    columns = ["case", "title", "outside state", "duty", "duty title", "outcome", "decided by", "would be decided by",
               "source", "as expected"]
    return pd.DataFrame(rows, columns=columns).astype({"as expected": object})

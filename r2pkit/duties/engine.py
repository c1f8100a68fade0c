"""Assess one case: the four findings together, and how they compare with a case's expectations."""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import WrongTypeError
from .facts import DUTIES, Case, CaseError, normalize_facts, parse_case
from .rules import RULES, Finding

__all__ = ["Assessment", "assess", "as_case", "expectation_problems"]


@dataclass(frozen=True)
class Assessment:
    """The four duties for one outside state in one situation.

    ``findings`` maps each duty (``respect``, ``protect``, ``not_obstruct``, ``assist``)
    to its :class:`~r2pkit.duties.rules.Finding`; ``case`` keeps the facts taken as given.
    """

    case: Case
    findings: Mapping[str, Finding]

    def __getitem__(self, duty: str) -> Finding:
        return self.findings[duty]

    @property
    def respect(self) -> Finding:
        return self.findings["respect"]

    @property
    def protect(self) -> Finding:
        return self.findings["protect"]

    @property
    def not_obstruct(self) -> Finding:
        return self.findings["not_obstruct"]

    @property
    def assist(self) -> Finding:
        return self.findings["assist"]

    def to_dict(self) -> dict:
        """The JSON shape: ``{"case": ID, "duties": {duty: {attaches, breached, grounds, reasoning, citations}}}``."""
        return {"case": self.case.id, "duties": {d: self.findings[d].to_dict() for d in DUTIES}}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_text(self) -> str:
        from .render import text

        return text(self)

    def to_markdown(self) -> str:
        from .render import markdown

        return markdown(self)

    def _repr_markdown_(self) -> str:  # shown by Jupyter
        return self.to_markdown()

    def __repr__(self) -> str:
        """A short summary in words (Jupyter shows the Markdown report; this is for a console or a list).

        >>> assess(special_relationship=True, helps_lessen_risk=False)
        Assessment of the outside state (case unnamed). Duty to respect: attaches; breach not established on these facts. Duty to protect: attachment not established on these facts; breach not established on these facts. Duty not to obstruct: attaches; breach not established on these facts. Duty to assist: attaches; breach not established on these facts.
        """
        from .facts import DUTY_TITLES

        parts = " ".join(f"{DUTY_TITLES[d]}: {self.findings[d].attaches_words}; "
                         f"{self.findings[d].breached_words.split(' (')[0]}." for d in DUTIES)
        return f"Assessment of {self.case.outside_state} (case {self.case.id}). {parts}"


def as_case(facts: Case | Mapping[str, Any] | None = None, **more_facts: Any) -> Case:
    """A :class:`Case` from a Case, a case-shaped mapping (with ``facts``), or a mapping of facts.

    >>> as_case({"special_relationship": True}).facts["special_relationship"]
    True
    >>> as_case(None, high_capacity=True).id
    'unnamed'
    """
    if isinstance(facts, Case):
        if more_facts:
            merged = {**facts.facts, **more_facts}
            return Case(**{**facts.__dict__, "facts": normalize_facts(merged)})
        return facts
    if facts is not None and not isinstance(facts, Mapping):
        raise CaseError(f"assess() takes a Case or a mapping of facts, not {type(facts).__name__}.", value=facts,
                        name="facts", expected="a Case or a mapping of facts",
                        allowed="Pass duties.load_case(path), or a mapping such as {'high_capacity': True}.")
    data = dict(facts or {})
    if "facts" in data or "id" in data:
        if more_facts:
            data["facts"] = {**(data.get("facts") or {}), **more_facts}
        data.setdefault("id", "unnamed")
        return parse_case(data)
    return Case(id="unnamed", facts=normalize_facts({**data, **more_facts}))


def assess(facts: Case | Mapping[str, Any] | None = None, /, **more_facts: Any) -> Assessment:
    """Which of Hakimi's four duties attach to the outside state, whether each is breached, and why.

    ``facts`` is a :class:`Case` (e.g. from :func:`load_case`), a case-shaped mapping, or a
    mapping of facts; facts may also be given as keywords. Missing facts are unknown.

    >>> a = assess({"governmental_authority": True, "made_reasonable_efforts_to_restrain": False,
    ...             "cannot_reasonably_bear": False})
    >>> a.protect.attaches, a.protect.breached, a.protect.grounds
    (True, True, ('governmental_authority', 'made_reasonable_efforts_to_restrain', 'cannot_reasonably_bear'))
    >>> assess(high_capacity=True).assist.attaches is None   # capacity decides nothing
    True
    """
    case = as_case(facts, **more_facts)
    return Assessment(case, {d: RULES[d](case.facts, case.outside_state) for d in DUTIES})


_EXPECT_WORDS = {("attaches", True): "to attach", ("attaches", False): "not to attach",
                 ("attaches", None): "to be not established (open) on these facts",
                 ("breached", True): "to be breached", ("breached", False): "not to be breached",
                 ("breached", None): "to be left open (not established) on these facts"}


def _engine_words(finding: Finding, key: str) -> str:
    value = getattr(finding, key)
    if value is None:
        return f"not established: {finding.undecided_because or 'the facts do not settle it'}"
    if key == "attaches":
        return "it attaches" if value else "it does not attach"
    if finding.attaches is False:
        return "it is not breached, because the duty does not attach"
    return "it is breached" if value else "it is not breached"


def expectation_problems(case: Case) -> list[str]:
    """Each way the engine's answer differs from the case's ``expected`` outcome, in words.

    >>> c = as_case({"id": "demo", "facts": {"governmental_authority": True},
    ...              "expected": {"protect": {"breached": True}}})
    >>> expectation_problems(c)
    ['case demo: expected protect to be breached, but the engine says not established: made_reasonable_efforts_to_restrain, cannot_reasonably_bear are unknown']
    """
    if not isinstance(case, Case):
        raise WrongTypeError(value=case, name="case", expected="a case of the duty engine",
                             allowed="Pass a case, e.g. duties.load_case(path) or duties.as_case(mapping).")
    result = assess(case)
    problems = []
    for duty, outcome in case.expected.items():
        finding = result[duty]
        for key in ("attaches", "breached"):
            if key in outcome and getattr(finding, key) is not outcome[key]:
                problems.append(f"case {case.id}: expected {duty} {_EXPECT_WORDS[key, outcome[key]]}, "
                                f"but the engine says {_engine_words(finding, key)}")
    return problems

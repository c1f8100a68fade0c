"""Hakimi's 'duty bundle' theory of R2P as code: which duties attach to an outside state, and why.

Monica Hakimi, 'Toward a Legal Theory on the Responsibility to Protect', 39 Yale J.
Int'l L. 247 (2014), argues that R2P should not be one diffuse duty of 'the international
community' but a bundle of discrete duties, each attaching to particular outside states
because of their own conduct or relationships. Given the facts about one outside state and
one situation, :func:`assess` says, for each of the four duties (respect, protect,
not_obstruct, assist), whether it attaches, whether it is breached, which facts decided it,
why (in words), and the article's sections and cases. :func:`compare` sets that answer
beside the collective vision of R2P that Hakimi criticises (Part III).

>>> from r2pkit import duties
>>> a = duties.assess({"physical_presence_only": True, "substantial_support_to_perpetrators": False,
...                    "high_capacity": True})
>>> a.protect.attaches, a.protect.breached
(False, False)
>>> "presence without administrative authority does not ground a duty to protect" in a.to_text().lower()
True

Unknown facts (the rule for 'not established')
----------------------------------------------
Every fact is true, false or unknown (missing = unknown), and the rules use three-valued
logic: a conclusion is true or false only if the known facts settle it whichever way the
unknown facts turn out; otherwise it is *not established* (``None`` in Python) and the
finding names the facts that would decide it (``open_facts``, ``undecided_because``).
In the JSON form, whose shape is fixed, ``attaches`` is ``true`` only when attachment is
established; ``false`` covers both "does not attach" and "not established", and the
``reasoning`` says which ("not established on these facts: it would attach if …").
``breached`` keeps all three values: ``true`` only when the duty is established to attach
and its breach is established; ``false`` when the duty does not attach or the state is
established to have complied (whatever else is unknown); ``null`` otherwise.

Files: a case is one YAML or JSON file (see ``datasets/duty_cases/``); :func:`load_case`
reads it, rejecting unknown keys (with a suggestion), wrong types and contradictory facts.
"""
from .. import paths as _paths
from .compare import Comparison, Row, compare
from .engine import Assessment, as_case, assess, expectation_problems
from .facts import (DUTIES, DUTY_TITLES, EXPECTED_FROM, FACTS, MENTAL_ELEMENTS, Case, CaseError, Fact, Source, answer_choices,
                    describe_value, load_case, load_cases, normalize_facts, parse_case)
from .render import FORMATS, outcome_source, render
from .rules import RULES, STATUS, WORDS, Finding, Quote

__all__ = ["assess", "compare", "load_case", "load_cases", "parse_case", "normalize_facts", "render",
           "expectation_problems", "as_case", "Case", "Source", "Fact", "Finding", "Assessment", "Comparison", "Row",
           "Quote", "CaseError", "EXPECTED_FROM", "FACTS", "DUTIES", "DUTY_TITLES", "MENTAL_ELEMENTS", "RULES", "WORDS", "STATUS",
           "FORMATS", "LIBRARY", "outcome_source", "answer_choices", "describe_value",
           "short_outcome", "duty_table", "facts_table", "library_table", "outcomes_long"]


#: The folder of the kit's case library (``datasets/duty_cases``, or the data package's own if it has one,
#: as the browser kit's does: :func:`r2pkit.paths.duty_cases`).
LIBRARY = _paths.duty_cases()

_TABLES = ("short_outcome", "duty_table", "facts_table", "library_table", "outcomes_long")


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    """The table functions (:mod:`r2pkit.duties.tables`) need pandas: loaded when first used,
    so that ``r2pkit duties assess`` stays quick."""
    if name in _TABLES:
        from . import tables

        return getattr(tables, name)
    raise AttributeError(f"module 'r2pkit.duties' has no attribute {name!r}")

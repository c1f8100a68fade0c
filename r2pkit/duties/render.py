"""An assessment in words: plain text, Markdown, or JSON.

The text and Markdown forms put the assumptions first (the facts taken as given, and
the facts that are unknown), then explain each duty as a law student would: whether it
attaches and why (or why not), whether it is breached, and the sources.
"""
from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from .. import checks
from ..errors import WrongTypeError
from ..markdown import escape_dollars
from .facts import DUTIES, DUTY_TITLES, FACTS, Case, describe_value
from .rules import STATUS

if TYPE_CHECKING:
    from .engine import Assessment

__all__ = ["text", "markdown", "to_json", "FORMATS", "render", "outcome_source"]

FORMATS = ("text", "markdown", "json")

CAVEAT = ("Hakimi offers these four duties as ‘An Exemplary Bundle of R2P Duties’ (Part IV.B, p. 267): a framework "
          "for where the law could go, not a statement that each duty is settled law. The engine applies her "
          "framework to the facts below; it does not guess any fact that is unknown.")


def _assessment(a: object) -> Assessment:
    """``a`` if it is an assessment; else a message that says how to make one.

    >>> _assessment({"protect": True})
    Traceback (most recent call last):
    ...
    r2pkit.errors.WrongTypeError: a={'protect': True} is not an assessment of the duty engine. Make one with duties.assess(facts) or duties.assess(duties.load_case(path)).
    """
    from .engine import Assessment

    if not isinstance(a, Assessment):
        raise WrongTypeError(value=a, name="a", expected="an assessment of the duty engine",
                             allowed="Make one with duties.assess(facts) or duties.assess(duties.load_case(path)).")
    return a


def outcome_source(case: Case) -> str:
    """Where a case's expected outcome comes from, in words, as its file says (``expected_from``).

    A case Hakimi discusses records her outcome; a hypothetical contrast case records the
    engine's reading of her rules; a case the kit built from UN records on a crisis she does
    not discuss records the kit's own reading of her framework, not hers.

    >>> outcome_source(Case(id="x", expected_from="hypothetical"))
    "the kit's reading of Hakimi's rules for this hypothetical case"
    >>> outcome_source(Case(id="y", expected_from="kit"))
    "the kit's own reading of Hakimi's framework for a crisis she does not discuss (the facts come from the UN records cited)"
    >>> outcome_source(Case(id="z", expected_from="hakimi"))
    "Hakimi's article"
    >>> outcome_source(Case(id="mine"))
    'the case file (it does not say whose reading its expected outcomes are)'
    """
    if not isinstance(case, Case):
        raise WrongTypeError(value=case, name="case", expected="a case of the duty engine",
                             allowed="Pass a case, e.g. duties.load_case(path).")
    return {"kit": ("the kit's own reading of Hakimi's framework for a crisis she does not discuss (the facts come "
                    "from the UN records cited)"),
            "hypothetical": "the kit's reading of Hakimi's rules for this hypothetical case",
            "hakimi": "Hakimi's article"}.get(
        case.expected_from, "the case file (it does not say whose reading its expected outcomes are)")


def _assumptions(a: Assessment) -> tuple[list[str], list[str]]:
    state = a.case.outside_state
    given, unknown = [], []
    for name, fact in FACTS.items():
        value = a.case.facts[name]
        if value is None:
            unknown.append(f"{fact.ask(state)} ({name})")
        else:
            given.append(f"{fact.ask(state)} {describe_value(value).capitalize()}. ({name})")
    return given, unknown


def _verdict(a: Assessment, duty: str) -> str:
    f = a[duty]
    return f"{f.attaches_words}; {f.breached_words}"


def text(a: Assessment, width: int = 100) -> str:
    """The assessment as plain text for a terminal, lines at most ``width`` characters (40 or more)."""
    a = _assessment(a)
    width = checks.whole_number(width, "width", lo=40, hi=10_000, allowed="Give the line width in characters, "
                                "e.g. width=100.")
    c = a.case
    wrap = lambda s, indent="": textwrap.fill(s, width, initial_indent=indent,  # noqa: E731
                                              subsequent_indent=" " * len(indent))
    lines = [c.title, f"Case {c.id} · outside state: {c.outside_state}"
             + (f" · situation: {c.situation}" if c.situation else ""), ""]
    given, unknown = _assumptions(a)
    lines.append("WHAT WE TAKE AS GIVEN")
    lines += [wrap(g, "  - ") for g in given] or ["  (no facts are given)"]
    lines.append("")
    lines.append("WHAT IS UNKNOWN (the engine does not guess these)")
    lines += [wrap(u, "  - ") for u in unknown] or ["  (nothing: every fact is given)"]
    lines += ["", wrap(CAVEAT), ""]
    for i, duty in enumerate(DUTIES, 1):
        f = a[duty]
        lines.append(f"{i}. {DUTY_TITLES[duty].upper()} — {_verdict(a, duty)}")
        lines += [wrap(s, "   ") for s in f.reasoning]
        status = STATUS[duty]
        lines.append(wrap(f"How settled is this duty? ‘{status.text}’ ({status.cite})", "   "))
        lines.append(wrap("Sources: " + "; ".join(f.citations), "   "))
        lines.append("")
    if c.sources:
        lines.append("WHERE THE FACTS COME FROM")
        lines += [wrap(s.cite + (f" — ‘{s.quote}’" if s.quote else ""), "  - ") for s in c.sources]
        lines.append("")
    if c.notes:
        lines += ["NOTES", wrap(c.notes, "  "), ""]
    return "\n".join(lines).rstrip() + "\n"


def markdown(a: Assessment) -> str:
    """The assessment as Markdown (for notebooks and reports)."""
    a = _assessment(a)
    c = a.case
    out = [f"### {c.title}", "",
           f"*Case* `{c.id}` · *outside state:* {c.outside_state}" + (f" · *situation:* {c.situation}"
                                                                        if c.situation else ""), ""]
    given, unknown = _assumptions(a)
    out += ["**What we take as given**", ""] + [f"- {g}" for g in given] + (["- (no facts are given)"]
                                                                            if not given else [])
    out += ["", "**What is unknown** (the engine does not guess these)", ""]
    out += [f"- {u}" for u in unknown] or ["- (nothing: every fact is given)"]
    out += ["", f"> {CAVEAT}", "", "| duty | attaches? | breached? |", "|---|---|---|"]
    out += [f"| {DUTY_TITLES[d]} | {a[d].attaches_words} | {a[d].breached_words} |" for d in DUTIES]
    for duty in DUTIES:
        f = a[duty]
        status = STATUS[duty]
        out += ["", f"#### {DUTY_TITLES[duty]} — {_verdict(a, duty)}", "", " ".join(f.reasoning), "",
                f"*How settled is this duty?* ‘{status.text}’ ({status.cite})", "",
                "*Sources:* " + "; ".join(f.citations)]
    if c.sources:
        out += ["", "**Where the facts come from**", ""]
        out += [f"- {s.cite}" + (f" — ‘{s.quote}’" if s.quote else "") for s in c.sources]
    if c.notes:
        out += ["", f"*Notes:* {c.notes}"]
    return escape_dollars("\n".join(out) + "\n")


def to_json(a: Assessment) -> str:
    """The assessment as JSON, exactly ``{"case": ID, "duties": {...}}``."""
    return _assessment(a).to_json()


def render(a: Assessment, fmt: str = "text") -> str:
    """The assessment in one of :data:`FORMATS`."""
    from ..checks import choice

    fmt = choice(fmt, FORMATS, "an output format", name="fmt", fold=None)
    a = _assessment(a)
    return {"text": text, "markdown": markdown, "json": lambda x: to_json(x) + "\n"}[fmt](a)

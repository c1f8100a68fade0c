"""The fact vocabulary of the duty engine, and how cases are read and checked.

A *case* is one outside state facing one situation of (risk of) atrocities. Its facts
answer the questions in :data:`FACTS`; each answer is ``True``, ``False`` or ``None``
(unknown; a missing fact is unknown). One fact, ``assistance_mental_element``, takes a
word instead: ``none``, ``knowledge`` or ``purpose`` (or ``unknown``).

Bad input gets one clear message (an :class:`~r2pkit.errors.R2PKitError`) that names the
key, says what is allowed and suggests the closest key on a typo:

>>> normalize_facts({"governmental_authorty": True})
Traceback (most recent call last):
...
r2pkit.errors.UnknownNameError: There is no fact called 'governmental_authorty'. Did you mean 'governmental_authority'? ...
>>> normalize_facts({"governmental_authority": True, "physical_presence_only": True})
Traceback (most recent call last):
...
r2pkit.duties.facts.CaseError: Contradictory facts: governmental_authority and physical_presence_only are both true, ...
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import checks, paths
from ..errors import CheckError, PathError, R2PKitError, UnknownNameError, WrongTypeError, closest

__all__ = ["Fact", "FACTS", "DUTIES", "DUTY_TITLES", "MENTAL_ELEMENTS", "Source", "Case", "CaseError", "EXPECTED_FROM",
           "normalize_facts", "parse_case", "load_case", "load_cases", "describe_value", "answer_choices"]

#: The four duties of Hakimi's 'exemplary bundle' (Part IV.B), in her order.
DUTIES: tuple[str, ...] = ("respect", "protect", "not_obstruct", "assist")
DUTY_TITLES = {"respect": "Duty to respect", "protect": "Duty to protect",
               "not_obstruct": "Duty not to obstruct", "assist": "Duty to assist"}
#: The words allowed for ``assistance_mental_element``.
MENTAL_ELEMENTS: tuple[str, ...] = ("none", "knowledge", "purpose")
_UNKNOWN = "unknown"


class CaseError(CheckError):
    """A case file or a set of facts that breaks the rules of the vocabulary (a :class:`~r2pkit.errors.CheckError`)."""


@dataclass(frozen=True)
class Fact:
    """One question the engine asks about the outside state.

    ``question`` is plain language with ``{state}`` where the state's name goes (the
    widget and the text report use it); ``choices`` is ``None`` for a yes/no fact.
    """

    name: str
    question: str
    duties: tuple[str, ...]
    choices: tuple[str, ...] | None = None

    @property
    def allowed(self) -> str:
        """What a case file may write for this fact, in words.

        >>> FACTS["assistance_mental_element"].allowed
        'none, knowledge, purpose or unknown'
        """
        words = self.choices if self.choices else ("true", "false")
        return ", ".join(words) + " or unknown"

    def ask(self, state: str = "the outside state") -> str:
        """The question with the state's name filled in."""
        return self.question.format(state=state)


def _fact(name: str, question: str, *duties: str, choices: tuple[str, ...] | None = None) -> tuple[str, Fact]:
    return name, Fact(name, question, tuple(duties), choices)


#: Every fact the engine knows, in the order a report lists them.
FACTS: dict[str, Fact] = dict([
    _fact("participates_in_atrocities",
          "Does {state} itself take part in the atrocities (through its own officials, forces or other agents)?",
          "respect"),
    _fact("assists_perpetrators",
          "Does {state} aid or assist the perpetrators (for example with arms, money or intelligence)?", "respect"),
    _fact("assistance_mental_element",
          "If {state} assists them, with what state of mind? 'purpose': with a view to facilitating the "
          "atrocities; 'knowledge': knowing that atrocities would be committed; 'none': neither.",
          "respect", choices=MENTAL_ELEMENTS),
    _fact("governmental_authority",
          "Does {state} exercise governmental (administrative) authority over the area, for example as an "
          "occupying power?", "protect"),
    _fact("physical_presence_only",
          "Does {state} have troops or physical control in the area WITHOUT administrative authority "
          "(someone else governs it)?", "protect"),
    _fact("substantial_support_to_perpetrators",
          "Does {state} substantially support the perpetrators (military, economic, financial or political "
          "support)?", "protect"),
    _fact("made_reasonable_efforts_to_restrain",
          "Has {state} made reasonable efforts (due diligence) to restrain the perpetrators, for example by "
          "economic, diplomatic or criminal measures?", "protect"),
    _fact("obstructs_protective_measures",
          "Does {state} impede measures that others pursue to protect the population (for example by vetoes, "
          "votes or undermining efforts to isolate the perpetrators)?", "not_obstruct"),
    _fact("offers_meaningful_alternative",
          "Where {state} obstructs a measure, does it pursue a meaningful alternative?", "not_obstruct"),
    _fact("weighty_countervailing_interest",
          "Can {state} justify its obstruction by a sufficiently weighty countervailing interest?",
          "not_obstruct"),
    _fact("contributed_to_risk",
          "Did {state}'s own conduct contribute to the risk of atrocities breaking out?", "assist"),
    _fact("special_relationship",
          "Does {state} have a unique relationship with the population, for example one rooted in a "
          "colonial past?", "assist"),
    _fact("helps_lessen_risk",
          "Does {state} help lessen the risk of atrocities breaking out (for example with resources, by "
          "training local actors or rebuilding institutions)?", "assist"),
    _fact("high_capacity",
          "Is {state} especially capable of helping (wealthy, powerful, well equipped)? Recorded so that the "
          "engine can say where capacity does not matter.", "protect", "assist"),
    _fact("cannot_reasonably_bear",
          "Could {state} meet these duties only by abandoning other, more important duties (so that it cannot "
          "reasonably bear them)?", "protect", "assist"),
])


def _value(name: str, raw: Any) -> bool | str | None:
    fact = FACTS[name]
    if raw is None or (isinstance(raw, str) and raw.strip().lower() == _UNKNOWN):
        return None
    if fact.choices is None:
        if isinstance(raw, bool):
            return raw
        shown = f"the text {raw!r}" if isinstance(raw, str) else f"{raw!r} ({type(raw).__name__})"
        raise CaseError(f"The fact '{name}' must be {fact.allowed}, not {shown}. "
                        f"Write true or false without quotes, or unknown if the facts do not say.")
    if isinstance(raw, str) and raw.strip().lower() in fact.choices:
        return raw.strip().lower()
    raise CaseError(f"The fact '{name}' must be one of {fact.allowed}, not {raw!r}.")


def normalize_facts(facts: Mapping[str, Any] | None) -> dict[str, bool | str | None]:
    """Every fact of :data:`FACTS`, checked: ``True``/``False``/``None`` (or a word).

    Missing facts become ``None`` (unknown). Unknown names, wrong types and contradictory
    facts raise a :class:`CaseError` that names the key and what is allowed.

    >>> f = normalize_facts({"governmental_authority": True, "helps_lessen_risk": "unknown"})
    >>> f["governmental_authority"], f["helps_lessen_risk"], f["made_reasonable_efforts_to_restrain"]
    (True, None, None)
    >>> normalize_facts({"high_capacity": "yes"})
    Traceback (most recent call last):
    ...
    r2pkit.duties.facts.CaseError: The fact 'high_capacity' must be true, false or unknown, not the text 'yes'. ...
    """
    if facts is None:
        facts = {}
    if not isinstance(facts, Mapping):
        raise CaseError(f"The facts must be a mapping of fact names to values, not {type(facts).__name__}.")
    out: dict[str, bool | str | None] = {name: None for name in FACTS}
    for key, raw in facts.items():
        if key not in FACTS:
            guess = closest(str(key), FACTS)
            hint = f" Did you mean '{guess[0]}'?" if guess else ""
            raise UnknownNameError(f"There is no fact called '{key}'.{hint} "
                                   f"The facts are: {', '.join(FACTS)}.")
        out[key] = _value(key, raw)
    _check_contradictions(out)
    return out


def _check_contradictions(f: Mapping[str, bool | str | None]) -> None:
    if f["governmental_authority"] is True and f["physical_presence_only"] is True:
        raise CaseError("Contradictory facts: governmental_authority and physical_presence_only are both true, "
                        "but physical_presence_only means troops or control WITHOUT administrative authority. "
                        "Set one of them to false (or unknown).")
    if f["assists_perpetrators"] is False and f["assistance_mental_element"] not in (None, "none"):
        raise CaseError(f"Contradictory facts: assistance_mental_element is "
                        f"'{f['assistance_mental_element']}' but assists_perpetrators is false. A state that does "
                        f"not assist has no mental element of assistance: write none (or unknown), or set "
                        f"assists_perpetrators to true.")


def answer_choices(name: str) -> tuple[tuple[str, bool | str | None], ...]:
    """How a fact is answered in the kit's widgets: (label, value) pairs, 'not known' last.

    Three answers for a yes/no fact, so that 'not known' is never read as 'no'.

    >>> answer_choices("governmental_authority")
    (('yes', True), ('no', False), ('not known', None))
    >>> [label for label, _ in answer_choices("assistance_mental_element")]
    ['none', 'knowledge', 'purpose', 'not known']
    """
    name = checks.choice(name, FACTS, "a fact of the duty engine", name="name", fold=None)
    choices = FACTS[name].choices
    answers: tuple[tuple[str, bool | str | None], ...] = (
        tuple((c, c) for c in choices) if choices else (("yes", True), ("no", False)))
    return answers + (("not known", None),)


def describe_value(value: bool | str | None) -> str:
    """A fact's value in words.

    >>> describe_value(True), describe_value(None), describe_value("purpose")
    ('yes', 'unknown', 'purpose')
    >>> describe_value("maybe")
    Traceback (most recent call last):
    ...
    r2pkit.errors.WrongTypeError: value='maybe' is not the value of a fact. A fact is True, False or None (unknown), or for assistance_mental_element one of: none, knowledge, purpose.
    """
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and value in MENTAL_ELEMENTS:
        return value
    raise WrongTypeError(value=value, expected="the value of a fact", name="value",
                         allowed="A fact is True, False or None (unknown), or for assistance_mental_element "
                         f"one of: {', '.join(MENTAL_ELEMENTS)}.")


@dataclass(frozen=True)
class Source:
    """Where a case's facts or expected outcome come from.

    ``supports`` names the facts (or ``expected``) the source is cited for; ``quote`` is a
    short verbatim quotation from it, if any.
    """

    cite: str
    supports: tuple[str, ...] = ()
    quote: str | None = None


@dataclass(frozen=True)
class Case:
    """One outside state and one situation, with the facts taken as given."""

    id: str
    title: str = ""
    outside_state: str = "the outside state"
    situation: str = ""
    facts: Mapping[str, bool | str | None] = field(default_factory=lambda: normalize_facts({}))
    sources: tuple[Source, ...] = ()
    expected: Mapping[str, Mapping[str, bool | None]] = field(default_factory=dict)
    notes: str = ""
    path: Path | None = None
    #: Whose reading ``expected`` records: one of :data:`EXPECTED_FROM` ("" if the file does not say).
    expected_from: str = ""

    def unknown_facts(self) -> list[str]:
        """The facts this case leaves unknown, in vocabulary order."""
        return [n for n, v in self.facts.items() if v is None]


_CASE_KEYS = ("id", "title", "outside_state", "situation", "facts", "sources", "expected", "expected_from", "notes")
#: Whose reading a case's ``expected`` outcomes record: Hakimi's own (a case her article discusses),
#: the kit's reading of her rules for a hypothetical case, or the kit's own reading of her
#: framework for a crisis she does not discuss.
EXPECTED_FROM = ("hakimi", "hypothetical", "kit")
_SOURCE_KEYS = ("cite", "supports", "quote")
_EXPECT_KEYS = ("attaches", "breached")


def _unknown_key(key: object, allowed: tuple[str, ...], where: str) -> UnknownNameError:
    guess = closest(str(key), allowed) if isinstance(key, str) else []
    hint = f" Did you mean '{guess[0]}'?" if guess else ""
    return UnknownNameError(f"Unknown key {checks.shown(key)} {where}.{hint} Allowed: {', '.join(allowed)}.",
                            value=key, expected=f"a key {where}", allowed=list(allowed),
                            suggestion=guess[0] if guess else None)


def _text(data: Mapping[str, Any], key: str, required: bool = False, default: str = "") -> str:
    value = data.get(key)
    if value is None:
        if required:
            raise CaseError(f"The case has no '{key}': it is required (a short text).")
        return default
    if not isinstance(value, str) or (required and not value.strip()):
        raise CaseError(f"The key '{key}' must be a text, not {value!r}.")
    return value.strip()


def _sources(raw: Any) -> tuple[Source, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise CaseError("The key 'sources' must be a list of texts or of {cite, supports, quote} entries.")
    out = []
    allowed_support = (*FACTS, "expected", "case")
    for i, item in enumerate(raw, 1):
        if isinstance(item, str):
            out.append(Source(item))
            continue
        if not isinstance(item, Mapping) or not isinstance(item.get("cite"), str):
            raise CaseError(f"Source {i} must be a text or an entry with a 'cite' text, not {item!r}.")
        for key in item:
            if key not in _SOURCE_KEYS:
                raise _unknown_key(key, _SOURCE_KEYS, f"in source {i}")
        supports = item.get("supports") or []
        if isinstance(supports, str):
            supports = [supports]
        for name in supports:
            if name not in allowed_support:
                raise _unknown_key(name, allowed_support, f"in the 'supports' of source {i}")
        quote = item.get("quote")
        if quote is not None and not isinstance(quote, str):
            raise CaseError(f"The 'quote' of source {i} must be a text.")
        out.append(Source(item["cite"], tuple(supports), quote))
    return tuple(out)


def _expected(raw: Any) -> dict[str, dict[str, bool | None]]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise CaseError(f"The key 'expected' must map duties ({', '.join(DUTIES)}) to "
                        "{attaches: ..., breached: ...}.")
    out: dict[str, dict[str, bool | None]] = {}
    for duty, outcome in raw.items():
        if duty not in DUTIES:
            raise _unknown_key(duty, DUTIES, "in 'expected' (a duty)")
        if not isinstance(outcome, Mapping) or not outcome:
            raise CaseError(f"expected.{duty} must be a mapping such as {{attaches: true, breached: unknown}}.")
        out[duty] = {}
        for key, value in outcome.items():
            if key not in _EXPECT_KEYS:
                raise _unknown_key(key, _EXPECT_KEYS, f"in expected.{duty}")
            if value is None or value == _UNKNOWN:
                out[duty][key] = None
            elif isinstance(value, bool):
                out[duty][key] = value
            else:
                raise CaseError(f"expected.{duty}.{key} must be true, false or unknown, not {value!r}.")
    return out


def parse_case(data: Mapping[str, Any], path: Path | None = None) -> Case:
    """A :class:`Case` from a mapping shaped like a case file.

    >>> c = parse_case({"id": "x", "outside_state": "Utopia", "facts": {"special_relationship": True}})
    >>> c.outside_state, c.facts["special_relationship"], c.facts["contributed_to_risk"]
    ('Utopia', True, None)
    >>> parse_case({"id": "x", "fact": {}})
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: Unknown key 'fact' in the case. Did you mean 'facts'? ...
    """
    if not isinstance(data, Mapping):
        raise CaseError(f"A case must be a mapping with the keys {', '.join(_CASE_KEYS)}, "
                        f"not {type(data).__name__}.", value=data, expected="a case (a mapping)",
                        allowed=list(_CASE_KEYS))
    if path is not None:
        path = checks.path(path, "path", exists=False, what="the path of the case's file (or None)")
    for key in data:
        if key not in _CASE_KEYS:
            raise _unknown_key(key, _CASE_KEYS, "in the case")
    case_id = _text(data, "id", required=True)
    return Case(id=case_id, title=_text(data, "title", default=case_id),
                outside_state=_text(data, "outside_state", default="the outside state"),
                situation=_text(data, "situation"), facts=normalize_facts(data.get("facts")),
                sources=_sources(data.get("sources")), expected=_expected(data.get("expected")),
                notes=_text(data, "notes"), path=path, expected_from=_expected_from(data.get("expected_from")))


def _expected_from(value: Any) -> str:
    if value is None:
        return ""
    return checks.choice(value, {"hakimi": "Hakimi's article discusses the case",
                                 "hypothetical": "a hypothetical case, read with her rules",
                                 "kit": "the kit's own reading, for a crisis she does not discuss"},
                         "whose reading the expected outcomes record", name="expected_from")


_EXAMPLE = paths.duty_cases() / "serbia-genocide-case.yaml"  # a case of the kit's library, for the examples
_WHERE = "The kit's own cases are in r2pkit.duties.LIBRARY."


def load_case(path: str | Path) -> Case:
    """Read one case file (YAML or JSON); any problem is one message naming the file.

    >>> load_case(_EXAMPLE).outside_state
    'Serbia'
    >>> load_case("no_such_case.yaml")
    Traceback (most recent call last):
    ...
    r2pkit.errors.PathError: path='no_such_case.yaml' is not a file that exists. Check its name and folder (paths are relative to the folder you are in). The kit's own cases are in r2pkit.duties.LIBRARY.
    """
    import yaml

    path = checks.path(path, "path", kind="file", note=_WHERE)
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except OSError as exc:  # a file one may not read, a special file …
        raise PathError(value=str(path), name="path", expected="a case file the kit can read",
                        allowed=f"Check the file ({exc.strerror or type(exc).__name__}).") from None
    except (yaml.YAMLError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CaseError(f"{path.name} is not valid {'JSON' if path.suffix.lower() == '.json' else 'YAML'}: "
                        f"{str(exc).splitlines()[0]}") from None
    try:
        return parse_case(data, path)
    except UnknownNameError as exc:
        raise UnknownNameError(f"{path.name}: {exc}") from None
    except R2PKitError as exc:
        raise CaseError(f"{path.name}: {exc}") from None


def load_cases(folder: str | Path) -> list[Case]:
    """Every case file in ``folder`` (``*.yaml``, ``*.yml``, ``*.json``), sorted by file name.

    Two files with the same ``id`` are an error.

    >>> len(load_cases(_EXAMPLE.parent)) > 3
    True
    >>> load_cases(_EXAMPLE)
    Traceback (most recent call last):
    ...
    r2pkit.errors.PathError: folder='.../serbia-genocide-case.yaml' is not a folder: it is a file. Give the path of a folder. The kit's own cases are in r2pkit.duties.LIBRARY.
    """
    folder = checks.path(folder, "folder", kind="folder", note=_WHERE)
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json"))
    except OSError as exc:
        raise PathError(value=str(folder), name="folder", expected="a folder of case files the kit can read",
                        allowed=f"Check the folder ({exc.strerror or type(exc).__name__}).") from None
    cases = [load_case(p) for p in files]
    seen: dict[str, Path | None] = {}
    for c in cases:
        if c.id in seen:
            raise CaseError(f"Two case files use the id '{c.id}': {seen[c.id].name} and {c.path.name}.")  # type: ignore[union-attr]
        seen[c.id] = c.path
    return cases

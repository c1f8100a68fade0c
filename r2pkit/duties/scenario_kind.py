"""The *scenario* question kind: the student sets the facts, the duty engine derives the duties.

An exercise's ``framework`` question may, instead of options, ask the student to *set the
facts* of a scenario about an outside state (``facts``: the facts asked about, ``all`` by
default; ``duties``: the duties graded, all four by default; ``answer``: the scenario's
facts as the author reads them; optionally ``expected``: the duties the author means those
facts to give, which the build checks as the case library's collector does). The engine
(:func:`r2pkit.duties.assess`) derives Hakimi's four duties from the student's facts, and
the answer is scored per duty whose outcome — attaches? breached? — is the one the engine
derives from the key's facts. Any facts that lead to the same duties are right, and the
public file holds only the hashes of the key's outcomes, never its facts.

The kind lives here, beside the engine it needs, and registers itself with the exercise
framework's registry (:mod:`r2pkit.exercises.kinds`), which names this module among the
kit's plugins: the exercise framework does not import the duty engine.
"""
from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from ..errors import R2PKitError, closest
from ..exercises.kinds import register
from ..exercises.kinds.builtin import Framework
from . import DUTIES, DUTY_TITLES, FACTS, answer_choices, assess, expectation_problems, normalize_facts, parse_case

__all__ = ["Scenario", "duty_outcome", "graded_duties", "scenario_detail"]

EXAMPLE = '{"governmental_authority": True, "made_reasonable_efforts_to_restrain": False}'
_OUTCOME_WORDS = {True: "yes", False: "no", None: "not established"}
# A student may answer a fact in words as the widgets show it.
_FACT_WORDS = {"yes": True, "true": True, "no": False, "false": False, "unknown": None, "not known": None}


def graded_duties(q: Any) -> tuple[str, ...]:
    """The duties a scenario question grades (all four when it names none)."""
    return tuple(q.duties) or DUTIES


def duty_outcome(finding: Any) -> str:
    """One duty's outcome as a slot value: whether it attaches and whether it is breached.

    'Not established' stays distinct from 'no' (see :mod:`r2pkit.duties`).

    >>> duty_outcome(assess(governmental_authority=True).protect)
    'attaches: yes; breached: not established'
    """
    return f"attaches: {_OUTCOME_WORDS[finding.attaches]}; breached: {_OUTCOME_WORDS[finding.breached]}"


def scenario_detail(q: Any, answer: Mapping[str, Any], right: Mapping[str, bool]) -> str:
    """Which duties the student's facts get right, and, for the others, what the engine
    derives from those facts and why — one line each. It says nothing of the key.
    """
    derived = assess(answer)
    duties = graded_duties(q)
    good = [d for d in duties if right.get(d)]
    if len(good) == len(duties):
        return "With your facts the engine derives the scenario's outcome for every duty graded."
    lines = [f"With your facts the engine derives the scenario's outcome for {len(good)} of "
             f"{len(duties)} duties" + (f" ({', '.join(DUTY_TITLES[d].lower() for d in good)})."
                                        if good else ".")]
    for duty in duties:
        if right.get(duty):
            continue
        f = derived[duty]
        lines.append(f"{DUTY_TITLES[duty]}: with your facts the engine says ‘{f.attaches_words}; {f.breached_words}’, "
                     f"which is not what the scenario gives. The engine's reasoning: " + " ".join(f.reasoning))
    lines.append("Read the scenario again for the facts behind those duties; a fact the scenario does not settle "
                 "stays 'not known'.")
    return "\n".join(lines)


def _names(value: Any, allowed: tuple[str, ...], src: Any, name: str) -> tuple[str, ...]:
    if isinstance(value, str) and value.strip() == "all":
        return allowed
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise src.fail(f"'{name}' must be a list of names (or 'all'); allowed: {', '.join(allowed)}.")
    for item in value:
        if item not in allowed:
            hint = closest(str(item), allowed)
            raise src.fail(f"{src.quote(item)} in '{name}' is not one of the engine's {name}."
                           + (f" Did you mean {hint[0]!r}?" if hint else "") + f" Allowed: {', '.join(allowed)}.")
    return tuple(n for n in allowed if n in value)  # in the engine's order


@register
class Scenario(Framework):
    """A ``framework`` question with ``facts``: answered by setting the facts of a scenario."""

    variant = "scenario"
    head = "set the facts; the duty engine derives the duties"
    words = "set the facts"
    example = EXAMPLE
    fields = ("expected", "duties", "facts")
    belongs = "framework questions with a scenario (an 'answer' giving the scenario's facts)"

    def claims(self, q: Any) -> bool:
        return bool(q.facts)

    def claims_source(self, raw: Mapping[str, Any]) -> bool:
        return "facts" in raw or isinstance(raw.get("answer"), dict)

    def parse(self, raw: Mapping[str, Any], args: dict[str, Any], src: Any) -> dict[str, Any]:
        if "options" in raw:
            raise src.fail("a framework question has either 'options' (choose all that apply) or a scenario "
                           "('facts' and an 'answer' giving the facts), not both.")
        if "answer" not in raw:
            raise src.fail("'answer' (the key: the scenario's facts, e.g. {governmental_authority: true}) "
                           "is required.")
        args["facts"] = _names(raw.get("facts", "all"), tuple(FACTS), src, "facts")
        args["duties"] = _names(raw.get("duties", "all"), DUTIES, src, "duties")
        args["answer"] = src.answer(args, raw["answer"], "its 'answer' (the scenario's facts)")
        if "expected" in raw:
            try:
                case = parse_case({"id": args["id"], "facts": args["answer"], "expected": raw["expected"]})
            except R2PKitError as exc:
                raise src.fail(f"its 'expected': {exc}") from None
            problems = expectation_problems(case)
            if problems:
                raise src.fail("the engine does not derive the 'expected' duties from the key's facts: "
                               + "; ".join(p.split(": ", 1)[1] for p in problems) + ".")
        return args

    # ------------------------------------------------------------ scoring
    def wants_for(self, q: Any) -> str:
        return "the facts of the scenario, e.g. {'governmental_authority': True}"

    def normalise(self, q: Any, raw: Any) -> dict[str, bool | str]:
        """The facts a student set, checked by the engine's own vocabulary and rules.

        The canonical form keeps only the facts set (true, false or a word), in the
        vocabulary's order; a fact left out is unknown.
        """
        from ..exercises.kinds import show
        from ..exercises.questions import AnswerError, normalise_text

        example = "{'governmental_authority': True, 'made_reasonable_efforts_to_restrain': False}"
        if not isinstance(raw, Mapping):
            raise AnswerError(f"{q.id} takes the facts of the scenario as a mapping of fact names to yes / no / "
                              f"not known, e.g. {example}; got {show(raw)}.")
        given: dict[str, Any] = {}
        for key, value in raw.items():
            name = str(key)
            if name not in q.facts:
                if name in FACTS:
                    raise AnswerError(f"{q.id} does not ask about '{name}'. The facts it asks about: "
                                      f"{', '.join(q.facts)}.")
                guess = closest(name, q.facts)
                raise AnswerError(f"There is no fact called '{name}' in {q.id}."
                                  + (f" Did you mean '{guess[0]}'?" if guess else "")
                                  + f" The facts it asks about: {', '.join(q.facts)}.")
            if hasattr(value, "item") and callable(value.item) and not isinstance(value, (str, bytes)):
                value = value.item()  # numpy booleans
            if isinstance(value, str) and normalise_text(value) in _FACT_WORDS:
                value = _FACT_WORDS[normalise_text(value)]
            given[name] = value
        try:
            facts = normalize_facts(given)
        except R2PKitError as exc:  # wrong values and contradictions: the engine's own message
            raise AnswerError(f"{q.id}: {exc}") from None
        return {name: value for name, value in facts.items() if value is not None}

    def slots(self, q: Any, answer: Any) -> dict[str, str]:
        """One slot per duty graded: the outcome the engine derives from the facts."""
        derived = assess(answer)
        return {duty: duty_outcome(derived[duty]) for duty in graded_duties(q)}

    def fraction(self, q: Any, right: Mapping[str, bool], answer: Any) -> float:
        return sum(right.values()) / len(right) if right else 0.0

    def detail(self, q: Any, answer: Any, right: Mapping[str, bool], share: float) -> str:
        return scenario_detail(q, answer, right)

    def describe(self, q: Any, answer: Any) -> str:
        words = {True: "yes", False: "no"}
        return "; ".join(f"{name.replace('_', ' ')}: {words.get(v, v)}" for name, v in answer.items()) or \
            "every fact not known"

    # ------------------------------------------------------------ the notebook
    def rule(self, q: Any) -> str:
        listed = ", ".join(f"`{name}`" for name in q.facts)
        how = ("\n\n**How to answer.** In the widget, answer each question about the outside state *yes*, *no* or "
               "*not known* (leave *not known* where the scenario does not settle it), then press **Check**: the "
               "kit's duty engine (notebook 03) derives the four duties from your facts and compares them with the "
               "scenario's. In code, give a mapping of the facts you set, e.g. "
               f"`{q.id} = {EXAMPLE}`."
               + (f" The facts: {listed}." if len(q.facts) < len(FACTS) else
                  " The fact names are those of `r2pkit.duties.FACTS`, shown in the widget."))
        return how + f"\n\n*{self.rule_text_for(q)}*"

    def rule_text_for(self, q: Any) -> str:
        duties = graded_duties(q)
        return (f"Partial credit: points × duties whose outcome (attaches? breached?) the engine derives from your "
                f"facts as the scenario gives it ÷ {len(duties)} (the duties graded: {', '.join(duties)}). Any facts "
                "that lead the engine to the right duties are right.")

    def answer_cell(self, q: Any, solution: bool) -> str:
        if solution:
            return f"{q.id} = {self.literal(q)}"
        return f"{q.id} = None  # or type the facts here, e.g. {q.id} = {EXAMPLE}"

    def widget(self, q: Any) -> Any:
        """One three-way choice per fact (yes / no / not known), each under its plain-language question."""
        import ipywidgets as widgets

        rows: list[Any] = []
        toggles: dict[str, Any] = {}
        values: dict[str, dict[str, Any]] = {}
        for name in q.facts:
            choices = answer_choices(name)
            values[name] = dict(choices)
            toggles[name] = widgets.ToggleButtons(options=[text for text, _ in choices], value="not known",
                                                  style={"button_width": "auto"})
            rows += [widgets.HTML(f"<p style='margin:.6em 0 .1em'>{html.escape(FACTS[name].ask())} "
                                  f"<small><code>{name}</code></small></p>"), toggles[name]]

        def get_facts() -> Any:
            chosen = {name: values[name][t.value] for name, t in toggles.items() if t.value != "not known"}
            return chosen or None

        def set_facts(v: Any) -> None:
            for name, t in toggles.items():
                value = (v or {}).get(name)
                t.value = next((text for text, x in values[name].items() if x == value and type(x) is type(value)),
                               "not known")
        return rows, get_facts, set_facts

    # ------------------------------------------------------------ public files
    def public(self, q: Any, mode: str) -> dict[str, Any]:
        """Which facts the student sets and which duties are graded (never the key's facts)."""
        return {name: list(getattr(q, name)) for name in ("facts", "duties") if getattr(q, name)}

    def from_public(self, data: Mapping[str, Any]) -> dict[str, Any]:
        return {name: tuple(data.get(name) or ()) for name in ("facts", "duties")}

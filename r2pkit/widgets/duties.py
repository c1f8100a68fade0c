"""The duty explorer (notebook 03): set the facts about an outside state, read which duties attach.

A thin layer over :mod:`r2pkit.duties`: each fact of the engine's vocabulary is one
plain-language question answered *yes*, *no* or *not known* (the state of mind of an
assisting state: *none*, *knowledge*, *purpose* or *not known*); a menu loads the facts
of a case from the kit's library (``datasets/duty_cases``). On every change the engine
assesses the facts, and the widget shows its answer: a table of the four duties of
Hakimi's bundle (attaches? breached?, with 'not established on these facts' shown as
such, never as 'no'), the reasoning in words beneath, and the sources. Facts the engine
refuses (e.g. governmental authority *and* presence without it) show the engine's
message instead of the table.
"""
from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

import ipywidgets as widgets
import traitlets

from .. import checks, duties
from ..duties.render import CAVEAT
from ..errors import R2PKitError
from .explorer import Explorer
from .keys import keyboard

__all__ = ["duty_explorer", "DutyExplorer", "FACT_GROUPS"]

#: The facts, grouped as a law student would look for them (each fact once, in this order).
FACT_GROUPS: dict[str, tuple[str, ...]] = {
    "Taking part in or helping the atrocities (duty to respect)":
        ("participates_in_atrocities", "assists_perpetrators", "assistance_mental_element"),
    "Relationship with the area and the perpetrators (duty to protect)":
        ("governmental_authority", "physical_presence_only", "substantial_support_to_perpetrators",
         "made_reasonable_efforts_to_restrain"),
    "Getting in the way of others (duty not to obstruct)":
        ("obstructs_protective_measures", "offers_meaningful_alternative", "weighty_countervailing_interest"),
    "Contribution, ties and help (duty to assist)": ("contributed_to_risk", "special_relationship", "helps_lessen_risk"),
    "Capacity and burden (duties to protect and to assist)": ("high_capacity", "cannot_reasonably_bear"),
}

_OWN = ""  # the preset menu's value for "your own facts"
_NOT_KNOWN = "not known"


def _control(name: str) -> widgets.ToggleButtons:
    labels = [label for label, _ in duties.answer_choices(name)]
    return widgets.ToggleButtons(options=labels, value=_NOT_KNOWN, style={"button_width": "auto"})


def _question_html(name: str, state: str) -> str:
    return (f"<p style='margin:.3em 0 .1em'>{html.escape(duties.FACTS[name].ask(state))} "
            f"<small><code>{name}</code></small></p>")


def _label(value: bool | str | None, name: str) -> str:
    return next(label for label, v in duties.answer_choices(name) if v == value and type(v) is type(value))


def _table_html(assessment: duties.Assessment) -> str:
    frame = duties.duty_table(assessment)[["duty", "attaches", "breached"]]
    frame.columns = ["Duty", "Attaches?", "Breached?"]
    return ("<p style='margin:.4em 0'><b>What the engine derives for "
            f"{html.escape(assessment.case.outside_state)}</b></p>"
            + frame.to_html(index=False, border=0, escape=True, classes="r2pkit-duties"))


def _explanation_html(assessment: duties.Assessment) -> str:
    parts = ["<p style='margin:.6em 0 .2em'><b>Why</b></p>"]
    for duty in duties.DUTIES:
        f = assessment[duty]
        status = duties.STATUS[duty]
        parts.append(
            f"<details open><summary><b>{html.escape(duties.DUTY_TITLES[duty])}</b>: "
            f"{html.escape(f.attaches_words)}; {html.escape(f.breached_words)}</summary>"
            f"<p style='margin:.2em 0 .2em 1em'>{html.escape(' '.join(f.reasoning))}</p>"
            f"<p style='margin:.2em 0 .2em 1em'><i>How settled is this duty?</i> ‘{html.escape(status.text)}’ "
            f"({html.escape(status.cite)})</p>"
            f"<p style='margin:.2em 0 .6em 1em'><i>Sources:</i> {html.escape('; '.join(f.citations))}</p></details>")
    return "".join(parts)


def _sources_html(case: duties.Case | None, changed: int) -> str:
    caveat = f"<p style='margin:.4em 0'><small>{html.escape(CAVEAT)}</small></p>"
    if case is None:
        return caveat + "<p style='margin:.4em 0'>Your own facts: no case of the library is loaded.</p>"
    lines = [f"<p style='margin:.4em 0'><b>Case:</b> {html.escape(case.title)} "
             f"(<code>{html.escape(case.id)}</code>)"
             + (f". <b>You have changed {changed} fact{'s' if changed != 1 else ''} from this case</b>, so the "
                "sources below support the case as the library records it, not your version." if changed else "")
             + "</p>", "<p style='margin:.2em 0'><i>Where the case's facts come from:</i></p><ul>"]
    lines += [f"<li>{html.escape(s.cite)}" + (f" — ‘{html.escape(s.quote)}’" if s.quote else "") + "</li>"
              for s in case.sources]
    lines.append("</ul>")
    if case.expected:
        problems = duties.expectation_problems(case)
        verdict = (f"The engine reproduces the outcome the library records from {duties.outcome_source(case)}."
                   if not problems else
                   "The engine does NOT reproduce the outcome the library records: " + "; ".join(problems))
        lines.append(f"<p style='margin:.2em 0'>{html.escape(verdict)}</p>")
    if case.notes:
        lines.append(f"<p style='margin:.2em 0'><i>Notes:</i> {html.escape(case.notes)}</p>")
    return caveat + "".join(lines)


class DutyExplorer(Explorer):
    """Set the facts about an outside state (or load a case), read which duties attach and why.

    ``cases`` are the presets (by default the kit's library, :data:`r2pkit.duties.LIBRARY`);
    ``preset`` is the id of the case to start from (``None``: nothing known). The state is
    :attr:`preset` (the case loaded, or ``None`` for your own facts) and :attr:`facts`
    (every fact, ``None`` where not known); setting either from Python does what the
    controls do: choosing a case loads its facts, and the controls follow the facts.

    >>> ex = DutyExplorer(preset="france-behrami")
    >>> "does not attach" in ex.table.value   # Behrami: presence without authority
    True
    >>> ex.facts = {**ex.facts, "governmental_authority": True, "physical_presence_only": False}
    >>> ex.controls["governmental_authority"].value, "Duty to protect</td>" in ex.table.value
    ('yes', True)
    >>> ex.preset = "uganda-armed-activities"   # the same as choosing the case in the menu
    >>> ex.preset_menu.value == ex.preset, ex.facts == dict(ex.cases["uganda-armed-activities"].facts)
    (True, True)
    >>> ex.facts = {"high_capacity": "yes"}
    Traceback (most recent call last):
    ...
    r2pkit.duties.facts.CaseError: The fact 'high_capacity' must be true, false or unknown, not the text 'yes'. ...
    """

    shown = ("preset", "facts")
    #: The presets by id.
    cases: dict[str, duties.Case]
    #: The id of the case loaded, or ``None`` (your own facts).
    preset = traitlets.Unicode(None, allow_none=True)
    #: Every fact of :data:`r2pkit.duties.FACTS`: ``True``/``False``, a word, or ``None`` (not known).
    #: Set it to a mapping of the facts known (the others become not known).
    facts = traitlets.Dict()

    #: The case menu.
    preset_menu: widgets.Dropdown
    #: Fact name → its choice: 'yes', 'no', 'not known' (or a state of mind).
    controls: dict[str, widgets.ToggleButtons]
    #: The engine's message on facts it refuses ('' otherwise).
    message: widgets.HTML
    #: The four duties: attaches? breached?
    table: widgets.HTML
    #: The reasoning in words, duty by duty.
    explanation: widgets.HTML
    #: The case's sources and whether the engine reproduces its recorded outcome.
    sources: widgets.HTML

    def __init__(self, cases: Sequence[duties.Case] | None = None, preset: str | None = None, **kwargs: Any) -> None:
        if cases is not None:
            cases = checks.one_or_more(cases, lambda c: checks.instance_of(
                c, duties.Case, "cases", what="a case of the duty engine",
                allowed="Pass duties.load_cases(duties.LIBRARY)."), "cases",
                what="one or more cases of the duty engine", example="duties.load_cases(duties.LIBRARY)")
        library = list(cases) if cases is not None else duties.load_cases(duties.LIBRARY)
        self.cases = {c.id: c for c in library}
        if preset is not None:  # a bad start raises the kit's clear error (the trait's check is the same)
            preset = checks.choice(preset, self.cases, "the id of a case among the presets", name="preset", fold=None)
        self._syncing = self._loading = False
        super().__init__(**kwargs)
        self.preset = preset
        self.facts = dict(self.cases[self.preset].facts) if self.preset else {}
        self.preset_menu = widgets.Dropdown(options=[("Your own facts (start from nothing known)", _OWN)]
                                            + [(c.title, c.id) for c in library],
                                            description="Case", style={"description_width": "initial"},
                                            layout=widgets.Layout(width="auto", max_width="100%"))
        self.controls = {name: _control(name) for name in duties.FACTS}
        self._questions = {name: widgets.HTML(_question_html(name, "the outside state")) for name in duties.FACTS}
        rows: list[widgets.Widget] = []
        for heading, names in FACT_GROUPS.items():
            rows.append(widgets.HTML(f"<p style='margin:.8em 0 .1em'><b>{html.escape(heading)}</b></p>"))
            for name in names:
                rows += [self._questions[name], self.controls[name]]
        self.message, self.table, self.explanation, self.sources = (widgets.HTML() for _ in range(4))
        column = widgets.Layout(flex="1 1 440px", min_width="300px", padding="0 .8em 0 0")
        facts_column = widgets.VBox(rows, layout=column)
        results_column = widgets.VBox([self.message, self.table, self.explanation, self.sources],
                                      layout=widgets.Layout(flex="1 1 440px", min_width="300px"))
        body = widgets.Box([facts_column, results_column],
                           layout=widgets.Layout(display="flex", flex_flow="row wrap", align_items="flex-start"))
        self.children = (self.preset_menu, body)
        # The menu shows "your own facts" as '' where the state says None.
        widgets.link((self, "preset"), (self.preset_menu, "value"), transform=(lambda v: v or _OWN, lambda v: v or None))
        self._show_facts()
        for control in self.controls.values():
            control.observe(self._answered, names="value")
        self.observe(self._state_changed, names=["preset", "facts"])
        self._redraw()
        keyboard(self, "Duty explorer")

    @traitlets.validate("preset")
    def _valid_preset(self, proposal: dict[str, Any]) -> str | None:
        value = proposal["value"]
        return checks.choice(value, self.cases, "the id of a case among the presets", name="preset",
                             fold=None) if value else None

    @traitlets.validate("facts")
    def _valid_facts(self, proposal: dict[str, Any]) -> dict[str, bool | str | None]:
        # Fact by fact, with the engine's own checks; contradictory facts are kept (the engine's message is shown).
        facts: dict[str, bool | str | None] = {name: None for name in duties.FACTS}
        for name, value in proposal["value"].items():
            facts[name] = duties.normalize_facts({name: value})[name]
        return facts

    def _answered(self, change: dict[str, Any]) -> None:
        """A fact was answered in its control: the state follows."""
        if not self._syncing:
            name = next(n for n, c in self.controls.items() if c is change["owner"])
            self.facts = {**self.facts, name: dict(duties.answer_choices(name))[change["new"]]}

    def _show_facts(self) -> None:
        """The controls follow the facts."""
        self._syncing = True
        try:
            for name, control in self.controls.items():
                control.value = _label(self.facts[name], name)
        finally:
            self._syncing = False

    def _state_changed(self, change: dict[str, Any]) -> None:
        if change["name"] == "facts":
            self._show_facts()
            if not self._loading:
                self._redraw()
            return
        case = self.cases.get(change["new"] or _OWN)
        if case is not None:  # "your own facts" keeps the facts as they are
            self._loading = True  # one redraw for the whole case
            try:
                self.facts = dict(case.facts)
            finally:
                self._loading = False
        self._redraw()

    def _shown_state(self) -> Iterable[tuple[str, object]]:
        yield "preset", self.preset
        yield "facts_given", sum(1 for v in self.facts.values() if v is not None)

    def _redraw(self) -> None:
        case = self.cases.get(self.preset or _OWN)
        state = case.outside_state if case else "the outside state"
        for name, question in self._questions.items():  # the questions name the state of the case loaded
            question.value = _question_html(name, state)
        facts = self.facts
        try:
            assessment = duties.assess({"id": case.id if case else "your-facts", "outside_state": state,
                                        "facts": {n: v for n, v in facts.items() if v is not None}})
        except R2PKitError as exc:  # the engine's own message, never a traceback
            self.message.value = (f"<div role='alert' style='border-left:5px solid #D55E00;padding:.3em .8em'>"
                                  f"<b>The engine cannot use these facts.</b> {html.escape(str(exc))}</div>")
            self.table.value = self.explanation.value = ""
            return
        self.message.value = ""
        self.table.value = _table_html(assessment)
        self.explanation.value = _explanation_html(assessment)
        changed = sum(1 for n in duties.FACTS if case is not None and case.facts[n] != facts[n])
        self.sources.value = _sources_html(case, changed)


def duty_explorer(cases: Sequence[duties.Case] | None = None, preset: str | None = None) -> DutyExplorer:
    """The duty explorer (:class:`DutyExplorer`): set the facts about an outside state, or load a case.

    ``cases`` are the presets (by default the kit's library, :data:`r2pkit.duties.LIBRARY`);
    ``preset`` is the id of the case to start from (``None``: nothing known).

    >>> ex = duty_explorer(preset="france-behrami")
    >>> "does not attach" in ex.table.value   # Behrami: presence without authority
    True
    >>> ex.controls["governmental_authority"].value = "yes"   # what choosing 'yes' does
    >>> ex.message.value.count("Contradictory facts"), ex.table.value    # ... with presence only: refused
    (1, '')
    >>> ex.controls["physical_presence_only"].value = "no"
    >>> ex.message.value, "Duty to protect</td>" in ex.table.value
    ('', True)
    >>> ex
    DutyExplorer(preset='france-behrami', facts_given=4)
    """
    return DutyExplorer(cases, preset)

"""Explorers are their declared state: setting a state trait from Python does what the control does.

Design review #9: each explorer is a class whose state (the reader's choices) is declared as
traits linked to its controls, with one ``_redraw`` and a text form made from the state. These
tests build each explorer twice, make one change through the control and the same change
through the trait, and compare everything the two show; they also check that the control
follows the trait, that one change redraws once, and that a bad value set from Python is
refused with the kit's message and changes nothing.
"""
from __future__ import annotations

from typing import Any, Callable

import ipywidgets
import pytest
import traitlets

from r2pkit import data, widgets
from r2pkit.errors import R2PKitError


def _shown(box: Any) -> list[Any]:
    """Everything an explorer shows that is not a control: HTML texts and chart specs, in page order."""
    out = []

    def walk(w: Any) -> None:
        if isinstance(w, widgets.ChartPane):
            out.append(w.spec)
        elif isinstance(w, ipywidgets.HTML):
            out.append(w.value)
        for child in getattr(w, "children", ()):
            walk(child)
    walk(box)
    return out


def _timeline() -> widgets.TimelineExplorer:
    return widgets.timeline_explorer(data.load("r2p_timeline"))


def _host_year() -> widgets.HostYearExplorer:
    return widgets.host_year_explorer(data.load("syria_refugees_by_host"), 2015)


def _host_pressure() -> widgets.HostPressureExplorer:
    return widgets.host_pressure_explorer(data.load("syria_refugees_by_host"), data.load("country_indicators"))


def _measures() -> widgets.MeasureExplorer:
    return widgets.measure_explorer(data.load("protection_measures"))


def _member() -> widgets.MemberExplorer:
    return widgets.member_explorer(data.load("unga_syria_votes"))


def _framing() -> widgets.FramingExplorer:
    return widgets.framing_explorer(data.load("resettlement_stakeholders"))


class _FairShare:
    """The fair share calculator, whose controls are in its ``controls`` mapping (named as its traits)."""

    def __init__(self, name: str) -> None:
        self.__name__ = f"_fair_share_{name}"
        self.name = name

    def __call__(self) -> widgets.FairShareCalculator:
        box = widgets.fair_share_calculator(data.load("syria_resettlement_arrivals"), data.load("country_indicators"),
                                            data.load("syria_refugees_by_host"))
        setattr(box, f"{self.name}_control", box.controls[self.name])  # for the tests below: control by attribute
        return box


class _Scenario:
    """The scenario explorer, whose sliders are in its ``sliders`` mapping (named as its traits)."""

    def __init__(self, name: str) -> None:
        self.__name__ = f"_scenario_{name}"
        self.name = name

    def __call__(self) -> widgets.ScenarioExplorer:
        box = widgets.scenario_explorer(data.load("syria_refugees_by_host"), data.load("country_indicators"))
        if self.name in box.sliders:
            setattr(box, f"{self.name}_control", box.sliders[self.name])  # for the tests below: control by attribute
        return box


#: (build, control's attribute, trait, a value a reader can choose, a bad value, the kit's message)
CASES: list[tuple[Callable[[], Any], str, str, Any, Any, str]] = [
    (_timeline, "category_menu", "category", "Security Council", "crises", "Did you mean 'crisis'"),
    (_timeline, "pillar_menu", "pillar", "3", 4, "not a pillar in the timeline"),
    (_host_year, "slider", "year", 2019, 1990, "Choose a year from 2011"),
    (_host_pressure, "host_menu", "host", "Jordan", "Narnia", "Narnia"),
    (_host_pressure, "slider", "year", 2016, 2031, "Choose a year from 2011"),
    (_host_pressure, "measure_menu", "measure", "refugees", "per_head", "per_head"),
    (_measures, "council_buttons", "council_deadlocked", False, None, None),
    (_measures, "coercion_buttons", "coercion_acceptable", True, None, None),
    (_measures, "actor_menu", "actor", "UN", "UNO", "Did you mean 'UN'"),
    (_member, "member_menu", "country", "China", "Chna", "China"),
    (_framing, "framing_menu", "framing", "military intervention", "war", "not one of the framings"),
    (_FairShare("key"), "key_control", "key", "gdp", "wealth", "wealth"),
    (_FairShare("year"), "year_control", "year", 2018, 2031, "Choose a year from"),
    (_FairShare("population"), "population_control", "population", 0.25, 1.5, "1.5"),
    (_FairShare("actual"), "actual_control", "actual", False, None, None),
    (_FairShare("target"), "target_control", "target", 15_000, -3, "-3"),
    (_FairShare("states"), "states_control", "states", ("GBR", "DEU"), ("GBR", "Atlantis"), "Atlantis"),
    (_Scenario("resettlement_places"), "resettlement_places_control", "resettlement_places", 300_000, -5, "-5"),
    (_Scenario("arrivals_trend"), "arrivals_trend_control", "arrivals_trend", 0.25, 0.9, "0.9"),
    (_Scenario("onward_rate"), "onward_rate_control", "onward_rate", 0.1, 1.5, "1.5"),
    (_Scenario("compare"), "compare_toggle", "compare", True, None, None),
]
IDS = [f"{build.__name__[1:]}-{trait}" for build, _, trait, *_ in CASES]


@pytest.mark.parametrize(("build", "control", "trait", "value", "bad", "message"), CASES, ids=IDS)
def test_setting_the_state_shows_what_choosing_in_the_control_shows(build, control, trait, value, bad, message):
    by_control, by_trait = build(), build()
    assert _shown(by_control) == _shown(by_trait)
    getattr(by_control, control).value = value
    setattr(by_trait, trait, value)
    assert getattr(by_trait, control).value == getattr(by_control, control).value == value  # the control follows
    assert getattr(by_control, trait) == value
    assert _shown(by_trait) == _shown(by_control) and repr(by_trait) == repr(by_control)


@pytest.mark.parametrize(("build", "control", "trait", "value", "bad", "message"), CASES, ids=IDS)
def test_one_change_redraws_once(build, control, trait, value, bad, message, monkeypatch):
    box = build()
    start = getattr(box, control).value
    drawn: list[int] = []
    real = type(box)._redraw
    monkeypatch.setattr(type(box), "_redraw", lambda self: drawn.append(1) or real(self))
    setattr(box, trait, value)
    assert len(drawn) == 1
    getattr(box, control).value = start  # back to the start, by the control
    assert len(drawn) == 2


@pytest.mark.parametrize(("build", "control", "trait", "value", "bad", "message"), CASES, ids=IDS)
def test_a_bad_value_set_from_python_is_refused_plainly_and_changes_nothing(build, control, trait, value, bad,
                                                                           message):
    box = build()
    before = (getattr(box, trait), getattr(box, control).value, _shown(box), repr(box))
    with pytest.raises(R2PKitError if message else traitlets.TraitError, match=message):
        setattr(box, trait, bad)
    assert (getattr(box, trait), getattr(box, control).value, _shown(box), repr(box)) == before


def test_a_value_is_taken_as_the_model_takes_it():
    box = _host_pressure()
    box.host, box.measure = "jordan", "per_usd_gdp_per_head"
    assert (box.host, box.host_menu.value) == ("Jordan", "Jordan")
    timeline = _timeline()
    timeline.category, timeline.pillar = "security council", "Pillar III"
    assert repr(timeline) == "TimelineExplorer(category='Security Council', pillar='3')"
    assert timeline.pillar_menu.value == "3"


def test_a_measure_with_fewer_years_moves_the_year_when_set_from_python():
    box = widgets.host_pressure_explorer(data.load("syria_refugees_by_host"), data.load("country_indicators"),
                                         year=2024, measure="refugees")
    box.measure = "per_usd_gdp_per_head"
    assert box.year == box.slider.value == box.slider.max < 2024
    assert f"end of {box.year}" in box.sentence.value


def test_the_checklist_is_its_marked_factors():
    factors = data.load("atrocity_risk_factors")
    by_boxes, by_state = widgets.early_warning_checklist(factors), widgets.early_warning_checklist(factors)
    by_boxes.boxes[0].value = by_boxes.boxes[-1].value = True
    drawn: list[int] = []
    real = widgets.EarlyWarningChecklist._redraw
    by_state._redraw = lambda: drawn.append(1) or real(by_state)  # type: ignore[method-assign]
    by_state.marked = list(reversed(by_boxes.marked))  # any order, shown in the checklist's
    assert len(drawn) == 1 and by_state.marked == by_boxes.marked
    assert [b.value for b in by_state.boxes] == [b.value for b in by_boxes.boxes]
    assert _shown(by_state) == _shown(by_boxes) and repr(by_state) == repr(by_boxes)
    by_state.marked = ["Triggering factors"]  # a numbered factor by its name is kept as its number
    assert by_state.marked == [8] and sum(b.value for b in by_state.boxes) == 1
    with pytest.raises(R2PKitError, match="Did you mean 'Triggering factors'"):
        by_state.marked = ["triggers"]
    assert by_state.marked == [8] and sum(b.value for b in by_state.boxes) == 1


def test_the_duty_explorer_is_its_preset_and_facts():
    by_controls, by_state = widgets.duty_explorer(), widgets.duty_explorer()
    by_controls.preset_menu.value = "france-behrami"
    by_state.preset = "france-behrami"
    assert by_state.preset_menu.value == "france-behrami"
    assert _shown(by_state) == _shown(by_controls) and repr(by_state) == repr(by_controls)
    by_controls.controls["governmental_authority"].value = "yes"
    by_state.facts = {**by_state.facts, "governmental_authority": True}
    assert by_state.controls["governmental_authority"].value == "yes"
    assert by_state.facts == by_controls.facts and _shown(by_state) == _shown(by_controls)
    assert "Contradictory facts" in by_state.message.value  # kept, and the engine says why it refuses them
    by_controls.preset_menu.value = ""
    by_state.preset = None  # your own facts: the facts stay
    assert by_state.preset_menu.value == "" and by_state.facts == by_controls.facts
    assert repr(by_state) == repr(by_controls) == "DutyExplorer(preset=None, facts_given=4)"
    with pytest.raises(R2PKitError, match="Did you mean 'high_capacity'"):
        by_state.facts = {"high_capacty": True}
    assert by_state.facts == by_controls.facts


def test_the_scenario_explorer_shows_another_chart_of_the_same_run_without_running_it_again(monkeypatch):
    by_control, by_trait = _Scenario("chart")(), _Scenario("chart")()
    by_control.chart_menu.value = "People turned away"
    drawn: list[int] = []
    real = type(by_trait)._redraw
    monkeypatch.setattr(type(by_trait), "_redraw", lambda self: drawn.append(1) or real(self))
    by_trait.chart = "people turned away"  # a name as the buttons show it, in any case
    assert by_trait.chart_menu.value == by_trait.chart == "People turned away" and drawn == []
    assert _shown(by_trait) == _shown(by_control) and by_trait.pane.title.startswith("People turned away")
    with pytest.raises(R2PKitError, match="Openess"):
        by_trait.chart = "Openess"
    assert by_trait.chart == "People turned away"

"""The duty explorer (r2pkit.widgets.duties): its controls set facts, its table follows them.

Expected answers come from the article's rules, written here by hand (e.g. governmental
authority grounds a duty to protect, Hakimi p. 269), or from the outcome each library case
records from the article, not from the widget's own output.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from r2pkit import duties
from r2pkit.duties import CaseError, normalize_facts
from r2pkit.errors import UnknownNameError
from r2pkit.widgets.duties import FACT_GROUPS, DutyExplorer, duty_explorer

CASES = duties.load_cases(duties.LIBRARY)


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def table(ex: DutyExplorer) -> dict[str, tuple[str, str]]:
    """The duty table as {duty title: (attaches?, breached?)}, read from the widget's HTML."""
    parser = _Cells()
    parser.feed(ex.table.value)
    header, *rows = parser.rows
    assert header == ["Duty", "Attaches?", "Breached?"]
    return {r[0]: (r[1], r[2]) for r in rows}


@pytest.fixture()
def ex() -> DutyExplorer:
    return duty_explorer(CASES)


def test_every_fact_has_one_control_in_one_group(ex):
    grouped = [name for names in FACT_GROUPS.values() for name in names]
    assert sorted(grouped) == sorted(duties.FACTS) and len(grouped) == len(set(grouped))
    assert list(ex.controls) == list(duties.FACTS)
    for name, control in ex.controls.items():
        assert control.value == "not known"
        assert "not known" in control.options
    assert ex.controls["assistance_mental_element"].options == ("none", "knowledge", "purpose", "not known")
    assert ex.controls["governmental_authority"].options == ("yes", "no", "not known")


def test_with_nothing_known_not_established_is_shown_as_such_never_as_no(ex):
    rows = table(ex)
    assert list(rows) == [duties.DUTY_TITLES[d] for d in duties.DUTIES]
    # Hakimi: the duty to respect needs no relationship (p. 267); every breach is open.
    assert rows["Duty to respect"][0] == "attaches"
    assert rows["Duty to protect"][0] == rows["Duty to assist"][0] == "attachment not established on these facts"
    assert {b for _, b in rows.values()} == {"breach not established on these facts"}
    assert not any(a in ("no", "does not attach") for a, _ in rows.values())


def test_changing_a_control_changes_the_table(ex):
    assert table(ex)["Duty to protect"][0] == "attachment not established on these facts"
    ex.controls["governmental_authority"].value = "yes"  # an occupier governs the area (Armed Activities, p. 269)
    assert table(ex)["Duty to protect"] == ("attaches", "breach not established on these facts")
    ex.controls["made_reasonable_efforts_to_restrain"].value = "no"
    ex.controls["cannot_reasonably_bear"].value = "no"
    assert table(ex)["Duty to protect"] == ("attaches", "breached")
    ex.controls["made_reasonable_efforts_to_restrain"].value = "yes"  # due diligence exercised
    assert table(ex)["Duty to protect"] == ("attaches", "not breached")
    assert "governmental authority" in ex.explanation.value


def test_capacity_alone_grounds_nothing_and_the_explanation_says_so(ex):
    ex.controls["high_capacity"].value = "yes"
    ex.controls["contributed_to_risk"].value = "no"
    ex.controls["special_relationship"].value = "no"
    assert table(ex)["Duty to assist"][0] == "does not attach"
    assert "Capacity alone does not ground this duty" in ex.explanation.value


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_each_preset_sets_the_controls_and_shows_the_articles_outcome(case):
    ex = duty_explorer(CASES, preset=case.id)
    assert ex.facts == dict(case.facts)
    rows = table(ex)
    words = {True: "attaches", False: "does not attach"}
    for duty, outcome in case.expected.items():
        attaches, _ = rows[duties.DUTY_TITLES[duty]]
        if outcome.get("attaches") in words:
            assert attaches == words[outcome["attaches"]], f"{case.id} {duty}"
        if outcome.get("breached") is True:
            assert rows[duties.DUTY_TITLES[duty]][1] == "breached"
        if "breached" in outcome and outcome["breached"] is None:
            assert "not established" in rows[duties.DUTY_TITLES[duty]][1]
    assert case.title in ex.sources.value
    assert "reproduces the outcome the library records" in ex.sources.value
    assert f"'{case.id}'" in repr(ex)


def test_choosing_a_preset_in_the_menu_loads_it_and_own_facts_keeps_them(ex):
    ex.preset_menu.value = "uganda-armed-activities"
    uganda = {c.id: c for c in CASES}["uganda-armed-activities"]
    assert ex.facts == dict(uganda.facts)
    assert "Uganda" in ex.table.value
    ex.preset_menu.value = ""
    assert ex.facts == dict(uganda.facts), "choosing 'your own facts' keeps the facts set"
    assert "the outside state" in ex.table.value and "no case of the library is loaded" in ex.sources.value


def test_changing_a_preset_fact_is_counted(ex):
    ex.preset_menu.value = "france-behrami"
    assert "You have changed" not in ex.sources.value
    ex.controls["substantial_support_to_perpetrators"].value = "yes"
    assert "You have changed 1 fact from this case" in ex.sources.value
    assert table(ex)["Duty to protect"][0] == "attaches"  # support grounds the duty (p. 269)


@pytest.mark.parametrize("facts", [
    {"governmental_authority": "yes", "physical_presence_only": "yes"},
    {"assists_perpetrators": "no", "assistance_mental_element": "purpose"},
])
def test_contradictory_facts_show_the_engines_message_not_a_traceback(ex, facts):
    values = {name: dict(duties.answer_choices(name))[label] for name, label in facts.items()}
    with pytest.raises(CaseError) as refused:
        normalize_facts(values)
    for name, label in facts.items():
        ex.controls[name].value = label
    assert "Contradictory facts" in ex.message.value and "role='alert'" in ex.message.value
    from html import escape

    assert escape(str(refused.value)) in ex.message.value
    assert ex.table.value == "" and ex.explanation.value == ""
    first = next(iter(facts))
    ex.controls[first].value = "not known"
    assert ex.message.value == "" and "Duty to respect" in ex.table.value


def test_the_explanation_gives_reasons_status_and_sources_for_each_duty(ex):
    ex.preset_menu.value = "serbia-genocide-case"
    serbia = duties.assess({c.id: c for c in CASES}["serbia-genocide-case"])
    for duty in duties.DUTIES:
        assert duties.DUTY_TITLES[duty] in ex.explanation.value
        assert duties.STATUS[duty].cite in ex.explanation.value
    assert "Genocide Case (ICJ 2007)" in ex.explanation.value
    assert serbia.protect.citations[0] in ex.explanation.value
    assert "Hakimi offers these four duties" in ex.sources.value


def test_an_unknown_preset_suggests_the_closest():
    with pytest.raises(UnknownNameError, match="Did you mean 'france-behrami'"):
        duty_explorer(CASES, preset="france-berami")


def test_the_repr_is_short_and_stable(ex):
    assert repr(ex) == "DutyExplorer(preset=None, facts_given=0)"
    ex.controls["high_capacity"].value = "yes"
    assert repr(ex) == "DutyExplorer(preset=None, facts_given=1)"
    again = duty_explorer(CASES, preset="russia-syria")
    text = repr(again)
    assert text == repr(duty_explorer(CASES, preset="russia-syria")) and len(text) < 80
    assert not re.search(r"[0-9a-f]{16}", text)


def test_the_questions_name_the_state_of_the_case_loaded(ex):
    labels = [w.value for w in ex.children[1].children[0].children if "<code>" in w.value]
    assert len(labels) == len(duties.FACTS) and all("the outside state" in v for v in labels)
    ex.preset_menu.value = "uganda-armed-activities"
    labels = [w.value for w in ex.children[1].children[0].children if "<code>" in w.value]
    assert all("Uganda" in v for v in labels)

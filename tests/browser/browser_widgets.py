"""Use the kit's widgets as a student does (move a slider, pick in a menu, answer a question)
and check that what depends on them changed on the page.

The same functions serve JupyterLab and Voilà: they work inside a *scope* (a Playwright
locator: the notebook, or Voilà's page) and find each widget by the labels a student sees
("Year", "Member", ...). Expected values are computed here from the kit's CSV files with
plain pandas, or read from an exercise's YAML source (its key), not from the kit's code.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ROOT / "datasets"
CHANGE_TIMEOUT = 60_000  # ms for the kernel to answer a widget change and the page to redraw
#: A chart in a widget (a ChartPane), as Vega draws it: its accessible name is on this element.
CHART = ".r2pkit-chart .jp-RenderedVegaLite .vega-embed"


def _expect():
    from playwright.sync_api import expect

    return expect


def explorer(scope: Any, *labels: str) -> Any:
    """The widget box whose controls carry these labels (e.g. "Year"), with a chart in it."""
    sel = ".widget-vbox" + "".join(
        f":has(> .widget-inline-hbox > label.widget-label:text-is('{label}'))" for label in labels)
    box = scope.locator(sel).filter(has=scope.page.locator(CHART))
    _expect()(box, f"a widget with the controls {labels}").to_have_count(1, timeout=CHANGE_TIMEOUT)
    return box


def _control(box: Any, label: str) -> Any:
    """The control of ``box`` (a direct child) labelled ``label``."""
    labelled = box.page.locator(":scope > label.widget-label", has_text=re.compile(f"^{re.escape(label)}$"))
    return box.locator(":scope > .widget-inline-hbox").filter(has=labelled)


def _options(menu: Any) -> list[str]:
    """A menu's choices as a student reads them (ipywidgets writes non-breaking spaces)."""
    labels = menu.evaluate("s => Array.from(s.options).map(o => o.textContent)")
    return [" ".join(label.replace("\xa0", " ").split()) for label in labels]


def _choose(menu: Any, label: str) -> None:
    menu.select_option(index=_options(menu).index(label))


def _chosen(menu: Any) -> str:
    return _options(menu)[menu.evaluate("s => s.selectedIndex")]


def _chart(box: Any) -> Any:
    return box.locator(CHART).first


def _chart_label(box: Any) -> str:
    return _chart(box).get_attribute("aria-label") or ""


def _texts(box: Any) -> list[str]:
    """The text of the box's HTML widgets that are not charts (its sentences and tables)."""
    return box.locator(".widget-html-content:not(:has(> svg))").all_inner_texts()


def _changed_chart(box: Any, before: str, must_contain: str) -> None:
    """The chart was redrawn: its accessible title is no longer ``before`` and names ``must_contain``."""
    expect = _expect()
    chart = _chart(box)
    expect(chart).not_to_have_attribute("aria-label", before, timeout=CHANGE_TIMEOUT)
    expect(chart).to_have_attribute("aria-label", re.compile(re.escape(must_contain)), timeout=CHANGE_TIMEOUT)
    box_size = chart.locator("svg.marks").bounding_box()
    assert box_size and box_size["width"] > 0 and box_size["height"] > 0, "the redrawn chart has no size"


# --------------------------------------------------------------------------- explorers
def year_slider(scope: Any) -> str:
    """host_year_explorer: one step of the Year slider; the sentence gives that year's UNHCR world total."""
    expect = _expect()
    box = explorer(scope, "Year")
    slider = _control(box, "Year")
    readout = slider.locator(".widget-readout")
    handle = slider.locator(".noUi-handle")
    start = int(readout.inner_text().strip())
    top = int(float(handle.get_attribute("aria-valuemax")))
    key, step = ("ArrowRight", 1) if start < top else ("ArrowLeft", -1)
    chart_before = _chart_label(box)
    handle.focus()
    handle.press(key)
    target = start + step
    expect(readout).to_have_text(str(target), timeout=CHANGE_TIMEOUT)
    refugees = pd.read_csv(DATASETS / "syria_refugees_by_host.csv")
    world = refugees.loc[(refugees["year"] == target) & (refugees["host_iso3"] == "WLD"), "refugees"]
    assert len(world) == 1, f"the dataset has no world total for {target}"
    sentence = box.locator(".widget-html-content:not(:has(> svg))").first
    expect(sentence).to_contain_text(f"At the end of {target}, {int(world.iloc[0]):,} Syrians", timeout=CHANGE_TIMEOUT)
    _changed_chart(box, chart_before, str(target))
    box.scroll_into_view_if_needed()
    return f"Year {start} -> {target}"


def timeline_category(scope: Any) -> str:
    """timeline_explorer: pick a category; the sentence counts its events, the list shows them."""
    expect = _expect()
    box = explorer(scope, "Category", "Pillar")
    menu = _control(box, "Category").locator("select")
    options = _options(menu)
    timeline = pd.read_csv(DATASETS / "r2p_timeline.csv")
    category = "Security Council" if "Security Council" in options else next(o for o in options if o != "all")
    n = int((timeline["category"] == category).sum())
    assert n > 0, f"no event in the category {category!r} in r2p_timeline.csv"
    chart_before = _chart_label(box)
    _choose(menu, category)
    events = "event" if n == 1 else "events"
    expect(box).to_contain_text(f"The timeline has {n} {events} in the category '{category}'", timeout=CHANGE_TIMEOUT)
    expect(box.locator("table.r2pkit-events tbody tr")).to_have_count(n, timeout=CHANGE_TIMEOUT)
    _changed_chart(box, chart_before, category)
    box.scroll_into_view_if_needed()
    return f"Category -> {category} ({n} events)"


def member_menu(scope: Any) -> str:
    """member_explorer: pick China; the sentence, the record table and the chart follow."""
    expect = _expect()
    box = explorer(scope, "Member")
    menu = _control(box, "Member").locator("select")
    votes = pd.read_csv(DATASETS / "unga_syria_votes.csv")
    member = "China" if _chosen(menu) != "China" else "Cuba"
    assert member in set(votes["country"]), f"{member} is not in unga_syria_votes.csv"
    chart_before = _chart_label(box)
    _choose(menu, member)
    expect(box).to_contain_text(f"{member} cast the same vote as Russia", timeout=CHANGE_TIMEOUT)
    # One row per roll call, with the member's vote beside Russia's (compare_records).
    expect(box.locator("table.r2pkit-record thead")).to_contain_text(member, timeout=CHANGE_TIMEOUT)
    rows = box.locator("table.r2pkit-record tbody tr")
    expect(rows).to_have_count(votes["resolution"].nunique(), timeout=CHANGE_TIMEOUT)
    _changed_chart(box, chart_before, member)
    box.scroll_into_view_if_needed()
    return f"Member -> {member}"


def scenario_chart(scope: Any) -> str:
    """scenario_explorer: with the keyboard (a letter typed in the Chart menu), choose another chart; it is drawn
    for the same scenario, named for screen readers, and the sentence still gives every chart's result in words."""
    expect = _expect()
    box = explorer(scope, "Chart")
    chart_before = _chart_label(box)
    assert chart_before.startswith("Host load in the scenario model"), chart_before
    expect(box).to_contain_text("lowest openness", timeout=CHANGE_TIMEOUT)
    menu = _control(box, "Chart").locator("select")
    assert _options(menu) == ["Host load", "Openness", "People turned away"] and _chosen(menu) == "Host load"
    expect(box.get_by_role("combobox", name="Chart")).to_have_count(1)  # one control, named, for screen readers
    menu.focus()  # as Tab reaches it
    menu.press("o")  # type-ahead: a closed menu takes the first choice starting with the letter typed
    _changed_chart(box, chart_before, "Openness of the hosts in the scenario model")
    assert _chosen(menu) == "Openness"
    box.scroll_into_view_if_needed()
    return "Chart Host load -> Openness (typed o)"


def host_measure(scope: Any) -> str:
    """host_pressure_explorer: pick another measure; the chart is redrawn for it."""
    expect = _expect()
    box = explorer(scope, "Host", "Year", "Measure")
    menu = _control(box, "Measure").locator("select")
    current = _chosen(menu)
    chosen = next(label for label in _options(menu) if label != current)
    year = _control(box, "Year").locator(".widget-readout").inner_text().strip()
    chart_before, text_before = _chart_label(box), _texts(box)
    _choose(menu, chosen)
    _changed_chart(box, chart_before, f"{chosen}, {year}")
    expect(box.locator(".widget-html-content:not(:has(> svg))").first).not_to_have_text(
        text_before[0], timeout=CHANGE_TIMEOUT)
    box.scroll_into_view_if_needed()
    return f"Measure {current} -> {chosen}"


def any_explorer(scope: Any) -> str:
    """For a notebook with no entry in INTERACTIONS (and as notebook 04's first step): change the first menu or
    slider of a widget that has a chart, and check that the chart or a text beside it changed."""
    expect = _expect()
    box = scope.locator(".widget-vbox:has(> .widget-inline-hbox select, > .widget-inline-hbox .noUi-handle)").filter(
        has=scope.page.locator(".widget-html-content")).first
    expect(box).to_be_visible(timeout=CHANGE_TIMEOUT)
    before = box.locator(".widget-html-content").all_inner_texts() + [box.inner_html()]
    select = box.locator(":scope > .widget-inline-hbox select")
    if select.count():
        menu = select.first
        current = _chosen(menu)
        _choose(menu, next(o for o in _options(menu) if o != current))
        what = "menu"
    else:
        handle = box.locator(".noUi-handle").first
        handle.focus()
        at_top = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
        handle.press("ArrowLeft" if at_top else "ArrowRight")
        what = "slider"
    scope.page.wait_for_function("([el, html]) => el.innerHTML !== html", arg=[box.element_handle(), before[-1]],
                                 timeout=CHANGE_TIMEOUT)
    return f"first {what} of a widget"


#: The widgets each notebook is tested through, by notebook name.
INTERACTIONS: dict[str, list[Callable[[Any], str]]] = {
    "00_start_here": [year_slider],
    "01_history": [timeline_category],
    "02_syria_case": [member_menu, host_measure],
    "04_resettlement": [any_explorer, scenario_chart],
}


# --------------------------------------------------------------------------- exercises
def first_single_question(source: Path) -> tuple[str, str, str, dict[str, str]]:
    """From an exercise's YAML key: (exercise id, question id, right option, options) of its
    first single-choice question."""
    spec = yaml.safe_load(source.read_text(encoding="utf-8"))
    for q in spec["questions"]:
        if q["kind"] == "single":
            return spec["id"], q["id"], str(q["answer"]), {str(k): str(v) for k, v in q["options"].items()}
    raise AssertionError(f"{source.name} has no single-choice question to answer in the browser")


def _radio(cell: Any, text: str) -> Any:
    """The radio button whose label reads exactly ``text``."""
    label = cell.locator(".widget-radio-box > label").filter(has_text=re.compile(rf"^\s*{re.escape(text)}\s*$"))
    return label.locator("input[type=radio]")


def answer_wrong_then_right(cell: Any, right: str, options: dict[str, str]) -> str:
    """In a question widget: choose a wrong option, press Check (feedback "Not yet"), then the
    right one, press Check (feedback "Correct")."""
    expect = _expect()
    wrong = next(k for k in options if k != right)
    feedback = cell.locator("[role=status]")
    # (By text, not by role: the button's icon glyph is part of its accessible name.)
    check = cell.locator("button.widget-button:text-is('Check')")
    expect(check).to_be_visible(timeout=CHANGE_TIMEOUT)
    expect(feedback).to_have_count(0)  # nothing checked yet
    _radio(cell, f"{wrong}) {options[wrong]}").check()
    check.click()
    expect(feedback).to_contain_text("Not yet", timeout=CHANGE_TIMEOUT)
    first = feedback.inner_text()
    _radio(cell, f"{right}) {options[right]}").check()
    check.click()
    expect(feedback).to_contain_text("Correct", timeout=CHANGE_TIMEOUT)
    expect(feedback).not_to_contain_text("Not yet")
    assert feedback.inner_text() != first
    cell.scroll_into_view_if_needed()
    return f"{wrong} -> Not yet, {right} -> Correct"

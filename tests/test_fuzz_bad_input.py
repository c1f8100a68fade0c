"""Bad input, everywhere: every public function and every command, fed generated mistakes (hypothesis).

Each public function of the model modules (from their ``__all__``) is called with valid
arguments except one, which is replaced by a generated bad value of its kind: a wrong or
empty table, text or NaN where a number goes, a huge or negative number, an unknown or
absurdly long name, a list where one name goes, a wrong type. Each ``r2pkit`` subcommand
is run with generated bad arguments. The properties:

- never a raw exception: the only exceptions are the kit's own (:class:`R2PKitError`);
- a message that says what was wrong and what is allowed: a checks error carries its
  ``expected`` (and ``allowed``) in its sentence, and no message echoes a huge value;
- never a silent wrong result: the oracle, per kind of value, says which bad values no
  function may accept (an unknown name, a number that is not one, a table without the
  dataset's columns …); a function that returns a result for one of them fails the test.
  Values that may legitimately be accepted (a table with the right columns but no rows,
  or with text in its columns, which some functions only pass through) only have to be
  answered without a raw exception;
- on the command line: one line on stderr starting ``r2pkit: error:``, status 2 (1 for
  a validation that finds problems), never a traceback.

Derandomized (the same examples on every run) and a few examples per function, so that it
takes about a minute in ``make test``.
"""
from __future__ import annotations

import contextlib
import functools
import importlib
import inspect
import io
import math
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from r2pkit import cli, data
from r2pkit.errors import CheckError, R2PKitError

SETTINGS = settings(max_examples=8, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

#: The model modules whose public functions are called (their ``__all__``).
MODULES = [
    "r2pkit.history", "r2pkit.displacement", "r2pkit.un_votes", "r2pkit.crisis", "r2pkit.claims",
    "r2pkit.resettlement.figures", "r2pkit.resettlement.fair_shares", "r2pkit.resettlement.arrivals",
    "r2pkit.resettlement.stakeholders", "r2pkit.resettlement.scenario", "r2pkit.resettlement.command",
    "r2pkit.prevention.measures", "r2pkit.prevention.recommendations", "r2pkit.prevention.early_warning",
    "r2pkit.data", "r2pkit.countries",
    "r2pkit.duties.facts", "r2pkit.duties.engine", "r2pkit.duties.render", "r2pkit.duties.tables",
    "r2pkit.duties.rules", "r2pkit.duties.compare",
    "r2pkit.appendix.config", "r2pkit.appendix.export",
]
#: Packages whose public API (their ``__all__``) is called as the reader meets it, wherever each
#: function is defined: the charts, the widgets (their arguments; the views are tested in the
#: browser), the seminar tools, the exercises a student calls and the appendix.
PACKAGES = ["r2pkit.charts", "r2pkit.widgets", "r2pkit.seminar", "r2pkit.exercises", "r2pkit.appendix"]
#: Public functions left out, and why (each is still tested by its own module's tests).
LEFT_OUT = {
    "r2pkit.data.refresh_hashes": "writes the kit's datapackage.json",
    "r2pkit.data.validate": "checks every table afresh (seconds each); the CLI fuzz calls it by name",
    "r2pkit.resettlement.scenario.sweep_loop": "the slow reference loop; sweep() checks the same input",
    "r2pkit.appendix.build": "runs notebooks (tens of seconds); the CLI fuzz runs `appendix build`",
    "r2pkit.appendix.rerun": "re-runs a whole appendix; the CLI fuzz runs `appendix verify --rerun`",
    "r2pkit.appendix.verify": "needs a built appendix (tens of seconds); the CLI fuzz runs `appendix verify`",
    "r2pkit.appendix.pack": "needs a built appendix (tens of seconds); the CLI fuzz runs `appendix pack`",
    "r2pkit.charts.enable": "takes no argument",
}

HUGE = "x" * 200_000


# ------------------------------------------------------------------ valid arguments
@functools.lru_cache(maxsize=None)
def _d(name: str) -> pd.DataFrame:
    return data.load(name)


@functools.lru_cache(maxsize=None)
def _made(what: str):  # type: ignore[no-untyped-def]
    """Valid values that are results of other functions (a run, a profile, a sweep …)."""
    from r2pkit import displacement, un_votes
    from r2pkit.prevention import early_warning
    from r2pkit.resettlement import arrivals, fair_shares, figures, scenario

    if what == "start":
        return scenario.starting_point(_d("syria_refugees_by_host"), _d("country_indicators"))
    if what == "run":
        return scenario.simulate(_made("start"))
    if what == "sweep":
        return scenario.sweep(_made("start"), n=40, seed=1)
    if what.startswith("duties."):
        return _duty_values(what.split(".", 1)[1])
    if what.startswith("seminar."):
        return _seminar_values(what.split(".", 1)[1])
    values = {
        "pressure": lambda: displacement.host_pressure(_d("syria_refugees_by_host"), _d("country_indicators"), 2015),
        "consistency": lambda: un_votes.consistency(_d("unga_syria_votes"), ["Russia", "China"]),
        "profile": lambda: early_warning.risk_profile(_d("atrocity_risk_factors"), [8]),
        "comparison": lambda: scenario.compare_with_data(_made("run"), _d("syria_refugees_by_host")),
        "sensitivity": lambda: scenario.sensitivity(_made("sweep")),
        "allocation": lambda: fair_shares.allocate(100, "population", ["GBR", "DEU"], 2015),
        "fair_comparison": lambda: arrivals.compare_with_fair_shares(_d("syria_resettlement_arrivals"), "population",
                                                                     ["GBR", "DEU"]),
        "figures": lambda: figures.state_figures(_d("country_indicators"), _d("syria_refugees_by_host"),
                                                 ["GBR", "DEU"], 2015),
        "pledge": lambda: arrivals.pledge_progress(_d("syria_resettlement_arrivals")),
        "chart": lambda: __import__("r2pkit.charts", fromlist=["vetoes_by_year"]).vetoes_by_year(
            _d("unsc_syria_vetoes")),
        "own": lambda: pd.DataFrame({"state": ["AAA", "BBB"], "population": [10.0, 30.0], "gdp": [1.0, 2.0]}),
        "shares": lambda: pd.Series([0.25, 0.75], index=["AAA", "BBB"]),
    }
    return values[what]()


def _duty_values(what: str):  # type: ignore[no-untyped-def]
    from r2pkit import duties
    from r2pkit.duties.facts import normalize_facts

    case = duties.load_case(duties.LIBRARY / "serbia-genocide-case.yaml")
    return {"case": case, "cases": [case], "assessment": duties.assess(case),
            "finding": duties.assess(case).protect, "facts": normalize_facts(dict(case.facts))}[what]


@functools.lru_cache(maxsize=None)
def _seminar_dir() -> Path:
    import tempfile

    from seminar_fixtures import ROSTER, submission, write

    folder = Path(tempfile.mkdtemp(prefix="r2pkit-fuzz-seminar-"))
    (folder / "roster.csv").write_text(ROSTER, encoding="utf-8")
    write(folder / "grades.json", [submission("s01.ipynb", ["correct", "partial", "incorrect"])])
    (folder / "overrides.csv").write_text("student_id,exercise,question,points,reason,date\n", encoding="utf-8")
    return folder


def _seminar_values(what: str):  # type: ignore[no-untyped-def]
    from r2pkit import seminar

    folder = _seminar_dir()
    subs, _ = seminar.load_results([folder / "grades.json"])
    roster = seminar.read_roster(folder / "roster.csv")
    return {"submissions": subs, "roster": roster, "folder": folder}[what]


#: A valid value for each parameter, by (function, parameter) first, then by parameter name.
_BY_FUNCTION = {
    ("history", "table"): lambda f: _d("r2p_framings") if f in {"documents", "questions", "framings",
                                                                "framing_detail"} else _d("r2p_timeline"),
    ("history", "question"): lambda f: "who acts",
    # Only the checks need them; elsewhere a category or pillar is optional (inspect's 'empty': none given).
    ("history", "category"): lambda f: "crisis" if f == "check_category" else inspect.Parameter.empty,
    ("history", "pillar"): lambda f: 3 if f == "check_pillar" else inspect.Parameter.empty,
    ("un_votes", "table"): lambda f: _made("consistency"),
    ("displacement", "table"): lambda f: _d("syria_refugees_by_host"),
    ("recommendations", "table"): lambda f: _d("unauk_recommendations"),
    ("stakeholders", "table"): lambda f: _d("resettlement_stakeholders"),
    ("fair_shares", "table"): lambda f: (_made("own") if f == "figures_from_table" else _made("allocation")),
    ("figures", "table"): lambda f: _made("own"),
    ("arrivals", "table"): lambda f: _made("fair_comparison"),
    ("scenario", "table"): lambda f: _made("sensitivity"),
    ("measures", "text"): lambda f: "Hakimi",
    ("fair_shares", "text"): lambda f: "population=0.5,gdp=0.5",
    ("early_warning", "key"): lambda f: 8,
    ("fair_shares", "key"): lambda f: "population",
    ("arrivals", "key"): lambda f: "population",
    ("fair_shares", "year"): lambda f: 2015,
    ("command", "target"): lambda f: "100",
    ("command", "key"): lambda f: "population",
    ("countries", "value"): lambda f: "Lebanon",
    ("countries", "known"): lambda f: [("Lebanon", "LBN"), ("Jordan", "JOR")],
    ("countries", "table"): lambda f: _d("country_indicators"),
    ("countries", "name"): lambda f: "country",
    ("countries", "code"): lambda f: "iso3",
    ("data", "name"): lambda f: "r2p_timeline",
    ("crisis", "name"): lambda f: "syria",
    ("crisis", "path"): lambda f: str(_crisis_folder() / "syria.yaml"),
    ("crisis", "data"): lambda f: yaml.safe_load((_crisis_folder() / "syria.yaml").read_text(encoding="utf-8")),
    ("crisis", "table"): lambda f: _d("syria_refugees_by_host"),
    ("claims", "cutoff"): lambda f: "2014-03-10",
    ("claims", "path"): lambda f: str(_crisis_folder().parent / "claims" / "syria.yaml"),
    ("claims", "claim"): lambda f: "lebanon-25-percent",
    ("claims", "cid"): lambda f: "lebanon-25-percent",
    ("claims", "claims"): lambda f: "syria",
    ("claims", "crisis"): lambda f: "syria",
    ("claims", "n"): lambda f: 4_800_000,
    ("claims", "target"): lambda f: 5_000_000,
    ("claims", "shares"): lambda f: pd.DataFrame({"year": [2015, 2016], "share": [0.9, 0.7]}),
    ("claims", "threshold"): lambda f: 0.25,
    ("claims", "host"): lambda f: "Lebanon",
    ("claims", "year"): lambda f: 2016,
    ("claims", "members"): lambda f: ["Russia", "China"],
    ("facts", "facts"): lambda f: {"high_capacity": True},
    ("facts", "data"): lambda f: {"id": "demo", "facts": {"high_capacity": True}},
    ("facts", "path"): lambda f: str(_made("duties.case").path),
    ("facts", "folder"): lambda f: str(_made("duties.case").path.parent),
    ("facts", "value"): lambda f: True,
    ("facts", "name"): lambda f: "high_capacity",
    ("engine", "facts"): lambda f: {"high_capacity": True},
    ("compare", "facts"): lambda f: {"high_capacity": True},
    ("engine", "case"): lambda f: _made("duties.case"),
    ("render", "a"): lambda f: _made("duties.assessment"),
    ("render", "fmt"): lambda f: "markdown",
    ("render", "width"): lambda f: 80,
    ("render", "case"): lambda f: _made("duties.case"),
    ("tables", "case"): lambda f: _made("duties.case"),
    ("tables", "cases"): lambda f: _made("duties.cases"),
    ("tables", "finding"): lambda f: _made("duties.finding"),
    ("tables", "assessment"): lambda f: _made("duties.assessment"),
    ("rules", "f"): lambda f: _made("duties.facts"),
    ("rules", "state"): lambda f: "Serbia",
    ("config", "path"): lambda f: str(Path(data.__file__).resolve().parents[1] / (
        "notebooks/06_appendix_template.py" if f == "notebook_parameters" else "appendix.example.yaml")),
    ("appendix", "obj"): lambda f: pd.DataFrame({"year": [2015], "refugees": [1]}),
    ("appendix", "name"): lambda f: "refugees_2015",
    ("export", "obj"): lambda f: pd.DataFrame({"year": [2015], "refugees": [1]}),
    ("export", "name"): lambda f: "refugees_2015",
    ("seminar", "submissions"): lambda f: _made("seminar.submissions"),
    ("seminar", "roster"): lambda f: _made("seminar.roster"),
    ("seminar", "path"): lambda f: str(_made("seminar.folder") / ("overrides.csv" if f == "read_overrides"
                                                                   else "roster.csv")),
    ("seminar", "paths"): lambda f: [str(_made("seminar.folder") / "grades.json")],
    ("exercises", "ref"): lambda f: "ex00.q1",
    ("exercises", "name"): lambda f: "ex00",
    ("exercises", "exercise"): lambda f: "ex00",
    ("exercises", "demo"): lambda f: True,
    ("exercises", "answer"): lambda f: "b",
    ("charts", "table"): lambda f: {"refugees_by_host": _d("syria_refugees_by_host"),
                                    "refugees_over_time": _d("syria_refugees_by_host"),
                                    "timeline_chart": _d("r2p_timeline"),
                                    "stakeholder_heatmap": _d("resettlement_stakeholders"),
                                    "sensitivity_chart": _made("sensitivity"),
                                    "readable": _d("unsc_syria_vetoes"),
                                    "html_table": _d("unsc_syria_vetoes")}[f],
    ("charts", "cases"): lambda f: _made("duties.cases"),
    ("charts", "name"): lambda f: "per_usd_gdp_per_head",
    ("charts", "pressure"): lambda f: pd.DataFrame({
        "crisis": ["Myanmar", "Syria"], "host": ["Bangladesh", "Lebanon"], "year": [2018, 2018],
        "refugees": [906635, 944181], "per_1000": [5.5, 157.8], "per_usd_gdp_per_head": [461.3, 102.9]}),
    ("charts", "labels"): lambda f: {"vetoed_by": "vetoed by"},
    ("widgets", "box"): lambda f: __import__("ipywidgets").VBox([]),
    ("widgets", "label"): lambda f: "Year explorer",
    ("charts", "comparison"): lambda f: (_made("comparison") if f == "model_vs_data_chart"
                                         else _made("fair_comparison")),
    ("charts", "progress"): lambda f: _made("pledge"),
    ("charts", "recs"): lambda f: _d("unauk_recommendations"),
    ("charts", "chart"): lambda f: _made("chart"),
    ("charts", "spec"): lambda f: _made("chart").to_dict(),
    ("charts", "title"): lambda f: "A title",
    ("charts", "description"): lambda f: "A description of the chart.",
    ("charts", "hosts"): lambda f: ["LBN", "JOR"],
    ("charts", "countries"): lambda f: ["Russia", "China"],
    ("widgets", "table"): lambda f: {"host_year_explorer": _d("syria_refugees_by_host"),
                                     "timeline_explorer": _d("r2p_timeline"),
                                     "framing_explorer": _d("resettlement_stakeholders")}[f],
    ("widgets", "cases"): lambda f: _made("duties.cases"),
    ("widgets", "country"): lambda f: "Lebanon" if f == "host_pressure_explorer" else "United Kingdom",
}


def _crisis_folder():  # type: ignore[no-untyped-def]
    from r2pkit import crisis

    return crisis.folder()
_BY_NAME = {
    "refugees": lambda: _d("syria_refugees_by_host"), "indicators": lambda: _d("country_indicators"),
    "votes": lambda: _d("unga_syria_votes"), "vetoes": lambda: _d("unsc_syria_vetoes"),
    "arrivals": lambda: _d("syria_resettlement_arrivals"), "factors": lambda: _d("atrocity_risk_factors"),
    "measures": lambda: _d("protection_measures"), "pressure": lambda: _made("pressure"),
    "profile": lambda: _made("profile"), "run": lambda: _made("run"), "comparison": lambda: _made("comparison"),
    "figures": lambda: _made("figures"), "shares": lambda: _made("shares"), "start": lambda: _made("start"),
    "result": lambda: _made("sweep"), "parameters": lambda: _made("sweep").parameters.head(3),
    "year": lambda: 2015, "host": lambda: "Lebanon", "hosts": lambda: ["LBN", "JOR"], "country": lambda: "Russia",
    "countries": lambda: ["Russia", "China"], "with_": lambda: "Russia", "crisis": lambda: "syria", "states": lambda: ["GBR", "DEU"], "state": lambda: "GBR",
    "codes": lambda: ["GBR"], "target": lambda: 100, "key": lambda: "population", "weights": lambda: None,
    "framing": lambda: "asylum linked to R2P", "council_deadlocked": lambda: True,
    "coercion_acceptable": lambda: False, "actor": lambda: "UN", "present": lambda: [8], "date": lambda: "2005-09-16",
    "measure": lambda: "per_1000", "text": lambda: "population=1", "what": lambda: "a host country",
    "name": lambda: "r2p_timeline", "path": lambda: str(data.DATASETS_DIR / "r2p_timeline.csv"),
}


def _valid(module: str, func: str, param: str):  # type: ignore[no-untyped-def]
    short = module.rsplit(".", 1)[1]
    if (short, param) in _BY_FUNCTION:
        return _BY_FUNCTION[(short, param)](func)
    return _BY_NAME[param]()


# ------------------------------------------------------------------ bad values, by kind
def _tables(valid: pd.DataFrame) -> tuple[list, list]:
    """(values no function may accept, values it may accept or refuse) for a table parameter."""
    texts = valid.head(3).astype(str).replace(r".*", "zzqx", regex=True)
    must = [None, 3, "r2p_timeline", [1, 2], {"year": [2015]}, pd.DataFrame(), pd.DataFrame({"zzqx": [1.0]}),
            pd.Series([1, 2]), np.array([[1, 2]])]
    may = [valid.iloc[0:0], texts, valid.head(1), valid.assign(**{c: np.nan for c in valid.columns[:2]}).head(3)]
    return must, may


_NUMBERS_MUST = [True, False, math.nan, math.inf, -math.inf, 10**30, -10**30, 2.5, "2015", "ten", [2015],
                 np.float64("nan"), -1, 1e308]
_NAMES_MUST = ["zzqx", "", "   ", 3, 2.5, math.nan, True, ["zzqx"], {"a": 1}, HUGE, b"bytes", pd.DataFrame(),
               "Lebanom zzqx"]
_FLAGS_MUST = ["yes", 1, 0, math.nan, "True", [True]]
_LISTS_MUST = ["", 5, [None], [3], ["zzqx"], [["GBR"]], {"zzqx": 1}, HUGE, [math.nan]]


def _kind(valid: object, default: object) -> str:
    sample = valid if valid is not inspect.Parameter.empty else default
    if isinstance(sample, (pd.DataFrame, pd.Series)):
        return "table"
    if isinstance(sample, bool):
        return "flag"
    if isinstance(sample, (int, float, np.integer)):
        return "number"
    if isinstance(sample, str):
        return "name"
    if isinstance(sample, (list, tuple)) and all(isinstance(x, (str, int)) for x in sample):
        return "list"
    return "other"


def _bad_values(kind: str, valid: object, default: object) -> tuple[list, list]:
    """(must be refused, may be accepted) for a parameter of this kind."""
    if kind == "table":
        must, may = _tables(valid if isinstance(valid, pd.DataFrame) else pd.DataFrame({"x": [1]}))
        return [v for v in must if not (default is None and v is None)], may
    if kind == "number":
        return [v for v in _NUMBERS_MUST if not (default is None and v is None)], []
    if kind == "name":
        return [v for v in _NAMES_MUST if v is not None], []
    if kind == "flag":
        return _FLAGS_MUST, []
    if kind == "list":
        return _LISTS_MUST, []
    return [], [3, "zzqx", math.nan, HUGE, pd.DataFrame()]


#: Values a function may accept by design (parameter → why), checked only for "no raw exception".
LENIENT = {
    ("r2pkit.resettlement.figures", "figure_years", "codes"): "unknown codes simply have no figures",
    ("r2pkit.resettlement.fair_shares", "figure_years", "codes"): "unknown codes simply have no figures",
    ("r2pkit.prevention.early_warning", "risk_profile", "present"): "an empty list marks nothing",
    ("r2pkit.prevention.early_warning", "indicators_of", "present"): "an empty list marks nothing",
    ("r2pkit.countries", "resolve", "what"): "any words complete the sentence",
    ("r2pkit.countries", "pairs", "name"): "a column name: the table is checked",
    ("r2pkit.countries", "pairs", "code"): "a column name: the table is checked",
    ("r2pkit.resettlement.command", "allocate_command", "weights"): "text: checked as weights",
    ("r2pkit.resettlement.command", "allocate_command", "target"): "text as typed, or a number: both are read",
    ("r2pkit.resettlement.command", "allocate_command", "year"): "text as typed, or a number: both are read",
    ("r2pkit.resettlement.figures", "figures_from_table", "where"): "any words name the table",
    ("r2pkit.resettlement.fair_shares", "figures_from_table", "where"): "any words name the table",
    ("r2pkit.countries", "resolve", "name"): "the argument's name, for the message",
    ("r2pkit.resettlement.figures", "state_list", "states"): "it only splits text; find_states checks the names",
    ("r2pkit.crisis", "of_table", "table"): "anything that is not a table of the kit names no crisis: None",
    ("r2pkit.claims", "vetoes_before", "cited"): "any symbols: compared with the vetoes, not looked up",
    ("r2pkit.claims", "vetoes_before", "together"): "any names: a member that never vetoed makes no joint veto",
    ("r2pkit.duties.facts", "parse_case", "path"): "the case's file, for messages: it need not exist",
    ("r2pkit.duties.rules", "respect", "state"): "any name of a state",
    ("r2pkit.duties.rules", "protect", "state"): "any name of a state",
    ("r2pkit.duties.rules", "not_obstruct", "state"): "any name of a state",
    ("r2pkit.duties.rules", "assist", "state"): "any name of a state",
    ("r2pkit.appendix.export", "export", "obj"): "any table is exported as it is",
    ("r2pkit.appendix.export", "export", "name"): "any file name of letters and digits names the export",
    ("r2pkit.appendix", "export", "name"): "any file name of letters and digits names the export",
    ("r2pkit.appendix", "export", "obj"): "any table is exported as it is",
    ("r2pkit.exercises", "check", "answer"): "any answer is scored: a wrong one is marked wrong",
    ("r2pkit.charts", "titled", "title"): "any words make a title",
    ("r2pkit.charts", "titled", "description"): "any words describe the chart",
    ("r2pkit.charts", "readable", "table"): "any table is shown in words: one with no rows or unknown columns as it is",
    ("r2pkit.charts", "html_table", "table"): "any table is laid out for the page: one with no rows or unknown columns too",
    ("r2pkit.charts", "label", "name"): "any name: one the kit has no label for is shown as it is",
    ("r2pkit.widgets", "keyboard", "label"): "any words name the explorer",
    ("r2pkit.seminar", "read_overrides", "path"): "a file not written yet holds no overrides (a path that is not one "
                                                  "is refused)",
    ("r2pkit.widgets", "timeline_explorer", "pillar"): "read as history.timeline reads it: 3, 'III', '' (no pillar)",
}


def _public_functions() -> list[tuple[str, str]]:
    found = []
    for package in PACKAGES:
        mod = importlib.import_module(package)
        for name in mod.__all__:
            obj = getattr(mod, name)
            if inspect.isfunction(obj) and f"{package}.{name}" not in LEFT_OUT:
                found.append((package, name))
    for module in MODULES:
        mod = importlib.import_module(module)
        for name in mod.__all__:
            obj = getattr(mod, name)
            if inspect.isfunction(obj) and f"{module}.{name}" not in LEFT_OUT \
                    and obj.__module__ == module:  # re-exports are tested where they are defined
                found.append((module, name))
    return found


FUNCTIONS = _public_functions()


def _plan(module: str, name: str) -> tuple[dict, list[tuple[str, str, list, list]]]:
    """Valid keyword arguments, and for each parameter its kind and bad values."""
    func = getattr(importlib.import_module(module), name)
    good: dict = {}
    spoil = []
    for p in inspect.signature(func).parameters.values():
        if p.kind in (p.VAR_KEYWORD, p.VAR_POSITIONAL):
            continue
        try:
            valid = _valid(module, name, p.name)
        except KeyError:
            if p.default is p.empty:
                raise AssertionError(f"{module}.{name}: no valid value known for {p.name!r}; add one") from None
            valid = p.default
        # A table's None defaults that a crisis record would fill in: with tables, they are given.
        fills = module in ("r2pkit.un_votes", "r2pkit.displacement", "r2pkit.resettlement.scenario",
                           "r2pkit.resettlement.arrivals", "r2pkit.claims", "r2pkit.charts") and p.default is None \
            and p.name in {"indicators", "year", "host", "with_", "countries", "members"}
        if p.default is p.empty or fills or (module, name, p.name) in {("r2pkit.resettlement.fair_shares", "allocate",
                                                                        "year")}:
            good[p.name] = valid
        kind = _kind(valid, p.default)
        must, may = _bad_values(kind, valid, p.default)
        if (module, name, p.name) in LENIENT:
            must, may = [], must + may
        if must or may:
            spoil.append((p.name, kind, must, may))
    return good, spoil


def _call(func, good: dict):  # type: ignore[no-untyped-def]
    params = inspect.signature(func).parameters
    args = [good[n] for n, p in params.items() if p.kind == p.POSITIONAL_ONLY and n in good]
    kwargs = {n: v for n, v in good.items() if params[n].kind != params[n].POSITIONAL_ONLY}
    return func(*args, **kwargs)


def _assert_kit_message(exc: BaseException, where: str) -> None:
    assert isinstance(exc, R2PKitError), f"{where}: a raw {type(exc).__name__}: {str(exc)[:300]}"
    text = str(exc)
    assert 15 <= len(text) <= 3000, f"{where}: a message of {len(text)} characters: {text[:300]}"
    assert HUGE[:1000] not in text, f"{where}: the message echoes a huge value"
    if isinstance(exc, CheckError) and (exc.expected or exc.allowed):  # what is expected or allowed is said
        allowed = exc.allowed if isinstance(exc.allowed, str) else (exc.allowed or [""])[0]
        assert (exc.expected and exc.expected in text) or (allowed and allowed in text), \
            f"{where}: the message does not say what is allowed: {text}"


#: Public functions known to fail the property, each with what fails: expected to fail, strictly (the test
#: fails as soon as one is fixed, so this list cannot go stale; then remove its line). None at present.
KNOWN_GAPS: dict[str, str] = {}


def _param(module: str, name: str):  # type: ignore[no-untyped-def]
    why = KNOWN_GAPS.get(f"{module}.{name}")
    marks = [pytest.mark.xfail(reason=why, strict=True)] if why else []
    return pytest.param(module, name, marks=marks, id=f"{module.split('.', 1)[1]}.{name}")


@pytest.mark.parametrize("module, name", [_param(m, n) for m, n in FUNCTIONS])
@SETTINGS
@given(choice=st.data())
def test_every_public_function_refuses_bad_input_plainly(module, name, choice):
    func = getattr(importlib.import_module(module), name)
    good, spoil = _plan(module, name)
    if not spoil:
        return
    param, kind, must, may = choice.draw(st.sampled_from(spoil), label="parameter")
    bad = choice.draw(st.sampled_from(must + may), label=f"bad {kind}")
    refused = any(bad is m for m in must)
    where = f"{module}.{name}({param}={bad!r:.80})"
    try:
        with np.errstate(all="ignore"):
            _call(func, {**good, param: bad})
    except R2PKitError as exc:
        _assert_kit_message(exc, where)
    except Exception as exc:  # noqa: BLE001 - the property: never a raw exception
        raise AssertionError(f"{where}: a raw {type(exc).__name__}: {str(exc)[:300]}") from exc
    else:
        assert not refused, f"{where}: accepted a bad {kind} and returned a result (a silent wrong result)"


def test_every_function_is_reached_with_valid_arguments():
    """The valid calls the fuzz starts from work: so a refusal is the bad value's doing."""
    problems = []
    for module, name in FUNCTIONS:
        try:
            good, _ = _plan(module, name)
            _call(getattr(importlib.import_module(module), name), good)
        except Exception as exc:  # noqa: BLE001 - gather them all
            problems.append(f"{module}.{name}: {type(exc).__name__}: {str(exc)[:200]}")
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------ the command line
def _leaves(parser, prefix=()):  # type: ignore[no-untyped-def]
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for word, sub in action.choices.items():
                yield from _leaves(sub, (*prefix, word))
            return
    yield prefix, parser


COMMANDS = list(_leaves(cli._parser()))
_TEXT = ["", "zzqx", "-1", "0", "nan", "inf", "1e400", "9" * 40, "x" * 3000, "/", "/nonexistent/zzqx.yaml",
         "é", "2015", "a,b,,c", "NA", "=", "population=nan", ".", "zzqx.csv"]


def _argv(parser, draw) -> list[str]:  # type: ignore[no-untyped-def]
    import argparse

    argv: list[str] = []
    for action in parser._actions:
        if isinstance(action, (argparse._HelpAction, argparse._VersionAction)):
            continue
        if not action.option_strings:  # a positional: always given (so no command runs on the kit's own files)
            argv.append(draw(st.sampled_from(_TEXT + ["r2p_timeline"])))
            continue
        if action.nargs == 0:  # a flag
            if draw(st.booleans()):
                argv.append(action.option_strings[0])
            continue
        if action.required or draw(st.booleans()):
            argv += [action.option_strings[-1], draw(st.sampled_from(_TEXT))]
    return argv


@pytest.mark.parametrize("words, parser", COMMANDS, ids=[" ".join(w) for w, _ in COMMANDS])
@SETTINGS
@given(choice=st.data())
def test_every_command_answers_bad_arguments_in_one_line(words, parser, choice, tmp_path_factory):
    argv = [*words, *_argv(parser, choice.draw)]
    if words[:2] == ("exercises", "build"):
        argv += ["--no-execute"]
    folder = tmp_path_factory.mktemp("cli")
    err, out = io.StringIO(), io.StringIO()
    old = Path.cwd()
    os.chdir(folder)  # anything a command writes lands here
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            try:
                code = cli.main(argv)
            except SystemExit as stop:
                code = stop.code
    finally:
        os.chdir(old)
    text = err.getvalue()
    assert "Traceback" not in text, f"r2pkit {' '.join(argv)[:200]}: {text[:500]}"
    assert code in (0, 1, 2), f"r2pkit {' '.join(argv)[:200]}: status {code}"
    if code == 2:
        lines = text.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("r2pkit: error: "), f"r2pkit {' '.join(argv)[:200]}: {text}"
        assert len(lines[0]) < 2000, f"r2pkit {' '.join(argv)[:200]}: a message of {len(lines[0])} characters"

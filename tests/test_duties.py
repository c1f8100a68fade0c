"""r2pkit.duties: Hakimi's bundle of R2P duties as rules, cases, a collector and a command.

The truth tables below compute the expected answer from the article's rule, written
again here independently of the engine (three values: True, False, None = unknown).
"""
from __future__ import annotations

import importlib
import itertools
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from r2pkit import cli, duties
from r2pkit.duties import CaseError, assess, compare, load_case, normalize_facts
from r2pkit.errors import R2PKitError, UnknownNameError

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = ROOT / "datasets" / "duty_cases"
SEEDS = ROOT.parent / "shared" / "seeds"
TRI = (True, False, None)
rules_mod = importlib.import_module("r2pkit.duties.rules")
compare_mod = importlib.import_module("r2pkit.duties.compare")


def k_or(*xs):
    return True if True in xs else (None if None in xs else False)


def k_and(*xs):
    return False if False in xs else (None if None in xs else True)


# --- rules: truth tables ------------------------------------------------------------------

RESPECT_GRID = [(p, a, m) for p, a, m in itertools.product(TRI, TRI, (None, "none", "knowledge", "purpose"))
                if not (a is False and m not in (None, "none"))]


@pytest.mark.parametrize("part,assists,mind", RESPECT_GRID)
def test_respect_truth_table(part, assists, mind):
    f = assess(participates_in_atrocities=part, assists_perpetrators=assists, assistance_mental_element=mind).respect
    # Article: breached by perpetrating, or by assisting 'with a view to facilitating' (purpose).
    facilitating = True if (assists is True and mind == "purpose") else (
        False if (assists is False or mind == "none") else None)
    assert f.attaches is True  # no relationship needed
    assert f.breached is k_or(part, facilitating)
    if f.breached is None:
        assert "not established" in " ".join(f.reasoning) and f.open_facts


def test_respect_knowledge_alone_is_left_open_and_says_why():
    f = assess(participates_in_atrocities=False, assists_perpetrators=True, assistance_mental_element="knowledge").respect
    assert f.breached is None and "knowledge" in f.undecided_because
    assert "something between the intent to commit atrocities" in " ".join(f.reasoning)


PROTECT_GRID = [(g, p, s) for g, p, s in itertools.product(TRI, TRI, TRI) if not (g is True and p is True)]


@pytest.mark.parametrize("authority,presence_only,support", PROTECT_GRID)
def test_protect_attachment_truth_table(authority, presence_only, support):
    f = assess(governmental_authority=authority, physical_presence_only=presence_only,
               substantial_support_to_perpetrators=support).protect
    # Presence WITHOUT administrative authority means no governmental authority.
    has_authority = authority if authority is not None else (False if presence_only is True else None)
    assert f.attaches is k_or(has_authority, support)
    if f.attaches is None:
        assert "not established on these facts: it would attach if" in " ".join(f.reasoning)
        assert f.to_dict()["attaches"] is False and f.to_dict()["breached"] in (None, False)
    if presence_only is True and f.attaches is not True:
        assert "Presence without administrative authority does not ground a duty to protect" in " ".join(f.reasoning)


@pytest.mark.parametrize("attach,efforts,bear", list(itertools.product(TRI, TRI, TRI)))
def test_protect_breach_truth_table(attach, efforts, bear):
    f = assess(substantial_support_to_perpetrators=attach, governmental_authority=False,
               made_reasonable_efforts_to_restrain=efforts, cannot_reasonably_bear=bear).protect
    # Breach: attaches AND no due diligence AND the state can bear the duty
    # (a state that cannot 'might have a more lenient R2P duty or be excused altogether': open).
    can_bear = True if bear is False else None
    assert f.breached is k_and(attach, None if efforts is None else not efforts, can_bear)


@pytest.mark.parametrize("obstructs,alternative,interest", list(itertools.product(TRI, TRI, TRI)))
def test_not_obstruct_truth_table(obstructs, alternative, interest):
    f = assess(obstructs_protective_measures=obstructs, offers_meaningful_alternative=alternative,
               weighty_countervailing_interest=interest).not_obstruct
    assert f.attaches is True
    if obstructs is not True:
        expected = None if obstructs is None else False
    else:  # the article's two limits, offered as alternatives: decided only when both agree
        by_alt = None if alternative is None else not alternative
        by_interest = None if interest is None else not interest
        expected = by_alt if (by_alt is not None and by_alt == by_interest) else None
    assert f.breached is expected


@pytest.mark.parametrize("contributed,special,helps,bear", list(itertools.product(TRI, TRI, TRI, TRI)))
def test_assist_truth_table(contributed, special, helps, bear):
    facts = dict(contributed_to_risk=contributed, special_relationship=special, helps_lessen_risk=helps,
                 cannot_reasonably_bear=bear)
    f = assess(**facts).assist
    attaches = k_or(contributed, special)
    assert f.attaches is attaches
    assert f.breached is k_and(attaches, None if helps is None else not helps, True if bear is False else None)


@pytest.mark.parametrize("duty", duties.DUTIES)
def test_capacity_never_changes_an_answer(duty):
    for combo in itertools.product(TRI, TRI, TRI):
        base = dict(zip(("governmental_authority", "contributed_to_risk", "helps_lessen_risk"), combo))
        low, high = assess(base, high_capacity=False)[duty], assess(base, high_capacity=True)[duty]
        assert (low.attaches, low.breached) == (high.attaches, high.breached)


def test_capacity_alone_explained_as_insufficient():
    a = assess(high_capacity=True, contributed_to_risk=False, special_relationship=False,
               governmental_authority=False, substantial_support_to_perpetrators=False)
    assert a.assist.attaches is False and "Capacity alone does not ground this duty" in " ".join(a.assist.reasoning)
    assert "Capacity alone does not ground this duty" in " ".join(a.protect.reasoning)


def test_grounds_name_the_deciding_facts():
    a = assess(governmental_authority=True, made_reasonable_efforts_to_restrain=False, cannot_reasonably_bear=False)
    assert a.protect.grounds == ("governmental_authority", "made_reasonable_efforts_to_restrain",
                                 "cannot_reasonably_bear")
    assert "Armed Activities (ICJ 2005)" in a.protect.citations
    b = assess(substantial_support_to_perpetrators=True)
    assert "Genocide Case (ICJ 2007)" in b.protect.citations and "Ilaşcu v. Moldova (ECtHR 2004)" in b.protect.citations


# --- the API ------------------------------------------------------------------------------

def test_assess_accepts_a_case_a_mapping_a_case_mapping_and_keywords():
    case = load_case(LIBRARY / "serbia-genocide-case.yaml")
    by_case = assess(case)
    by_mapping = assess(dict(case.facts))
    by_case_mapping = assess({"id": "s", "outside_state": "Serbia", "facts": {k: v for k, v in case.facts.items()}})
    by_keywords = assess(**case.facts)
    answers = {(d, x[d].attaches, x[d].breached) for x in (by_case, by_mapping, by_case_mapping, by_keywords)
               for d in duties.DUTIES}
    assert len(answers) == 4  # the same answer for each duty, however the facts are given
    assert by_case.case.id == "serbia-genocide-case" and by_case_mapping.case.outside_state == "Serbia"
    with pytest.raises(CaseError, match="a Case or a mapping of facts"):
        assess(["governmental_authority"])


def test_every_fact_has_a_plain_question():
    for name, fact in duties.FACTS.items():
        assert "{state}" in fact.question and fact.ask("Utopia").count("Utopia") >= 1
        assert set(fact.duties) <= set(duties.DUTIES)


# --- validation ---------------------------------------------------------------------------

def test_unknown_fact_suggests_the_closest_and_lists_the_allowed():
    with pytest.raises(UnknownNameError) as err:
        normalize_facts({"substantial_suport": True})
    msg = str(err.value)
    assert "'substantial_suport'" in msg and "Did you mean 'substantial_support_to_perpetrators'?" in msg
    assert "governmental_authority" in msg


@pytest.mark.parametrize("name,value", [("governmental_authority", "yes"), ("high_capacity", 1),
                                        ("helps_lessen_risk", [True]), ("assistance_mental_element", "intent"),
                                        ("assistance_mental_element", True)])
def test_wrong_types_are_rejected_naming_the_key_and_what_is_allowed(name, value):
    with pytest.raises(CaseError) as err:
        normalize_facts({name: value})
    assert f"'{name}'" in str(err.value) and "unknown" in str(err.value)
    if name == "assistance_mental_element":
        assert "none, knowledge, purpose or unknown" in str(err.value)


def test_contradiction_authority_and_presence_only():
    with pytest.raises(CaseError, match="governmental_authority and physical_presence_only are both true"):
        normalize_facts({"governmental_authority": True, "physical_presence_only": True})


@pytest.mark.parametrize("mind", ["knowledge", "purpose"])
def test_contradiction_mental_element_without_assistance(mind):
    with pytest.raises(CaseError, match=f"assistance_mental_element is '{mind}' but assists_perpetrators is false"):
        normalize_facts({"assists_perpetrators": False, "assistance_mental_element": mind})


def test_unknown_is_accepted_in_words_and_as_null():
    f = normalize_facts({"helps_lessen_risk": "unknown", "high_capacity": None, "assistance_mental_element": "unknown"})
    assert f["helps_lessen_risk"] is None and f["high_capacity"] is None and f["assistance_mental_element"] is None


@pytest.mark.parametrize("text,message", [
    ("id: x\ntitel: y\n", "Unknown key 'titel' in the case. Did you mean 'title'?"),
    ("title: y\n", "The case has no 'id'"),
    ("id: x\nexpected: {protekt: {attaches: true}}\n", "Did you mean 'protect'?"),
    ("id: x\nexpected: {protect: {attached: true}}\n", "Did you mean 'attaches'?"),
    ("id: x\nexpected: {protect: {attaches: maybe}}\n", "expected.protect.attaches must be true, false or unknown"),
    ("id: x\nfacts: {governmental_authority: true, physical_presence_only: true}\n", "Contradictory facts"),
    ("id: x\nsources: [{cite: a, supports: [govermental_authority]}]\n", "Did you mean 'governmental_authority'?"),
    ("id: [x\n", "is not valid YAML"),
])
def test_case_files_are_checked_with_one_clear_message(tmp_path, text, message):
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(R2PKitError) as err:
        load_case(path)
    assert message in str(err.value) and str(err.value).startswith("case.yaml")


def test_json_case_files_load_too(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"id": "j", "facts": {"special_relationship": True}}), encoding="utf-8")
    assert assess(load_case(path)).assist.attaches is True


# --- the library --------------------------------------------------------------------------

CASE_FILES = sorted(LIBRARY.glob("*.yaml"))
REQUIRED = {"uganda-armed-activities", "france-behrami", "turkey-cyprus-private-actors", "turkey-cyprus-trnc",
            "serbia-genocide-case", "russia-ilascu", "russia-georgia", "france-rwanda", "russia-syria",
            "china-syria", "remote-wealthy-state-no-ties-owes-only-negative-duties",
            "former-colonial-power-must-assist", "air-strikes-contributed-to-risk-must-assist"}


def test_the_library_holds_every_case_the_issue_names_with_unique_ids():
    cases = duties.load_cases(LIBRARY)
    assert REQUIRED <= {c.id for c in cases}
    assert len({c.id for c in cases}) == len(cases) == len(CASE_FILES)


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_every_library_case_loads_has_sources_and_meets_its_expectations(path):
    case = load_case(path)
    assert case.id == path.stem
    assert case.sources and case.expected
    assert any("expected" in s.supports for s in case.sources), "say where the expected outcome comes from"
    assert duties.expectation_problems(case) == []


def test_library_outcomes_follow_the_article():
    got = {c.id: assess(c) for c in duties.load_cases(LIBRARY)}
    assert got["france-behrami"].protect.attaches is False
    assert got["turkey-cyprus-private-actors"].protect.attaches is False
    assert (got["turkey-cyprus-trnc"].protect.attaches, got["turkey-cyprus-trnc"].protect.breached) == (True, True)
    assert got["serbia-genocide-case"].protect.breached is True
    assert got["uganda-armed-activities"].protect.attaches is True
    assert got["russia-syria"].not_obstruct.breached is None and got["china-syria"].not_obstruct.breached is None


def _seed_text(name: str) -> str:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"the seeds are not beside the repository ({SEEDS}): cannot check quotations")
    return re.sub(r"\s+", " ", path.read_text(encoding="utf-8").replace("*", ""))


def test_the_rules_quote_the_article_verbatim():
    article = _seed_text("004_5a06fc4bbcc9a210.txt")
    quotes = [q.text for qs in duties.WORDS.values() for q in qs]
    quotes += [q.text for q in rules_mod.GENERAL_WORDS] + [q.text for q in duties.STATUS.values()]
    quotes += [t for t, _ in compare_mod.COLLECTIVE_WORDS.values()]
    missing = [q for q in quotes if q not in article]
    assert not missing, missing


def test_the_case_files_quote_their_sources_verbatim():
    article = _seed_text("004_5a06fc4bbcc9a210.txt")
    resettlement = _seed_text("000_e9a07972151539a0.txt")
    for path in CASE_FILES:
        for source in load_case(path).sources:
            if source.quote:
                text = resettlement if source.cite.startswith("Resettlement") else article
                assert source.quote in text, (path.name, source.quote)


# --- rendering and the command line --------------------------------------------------------

def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_json_has_exactly_the_required_shape(capsys):
    code, out, err = run(capsys, "duties", "assess", str(LIBRARY / "uganda-armed-activities.yaml"), "--format", "json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data) == {"case", "duties"} and data["case"] == "uganda-armed-activities"
    assert list(data["duties"]) == ["respect", "protect", "not_obstruct", "assist"]
    for duty in data["duties"].values():
        assert set(duty) == {"attaches", "breached", "grounds", "reasoning", "citations"}
        assert isinstance(duty["attaches"], bool) and duty["breached"] in (True, False, None)
        assert all(isinstance(g, str) and g in duties.FACTS for g in duty["grounds"])
        assert isinstance(duty["reasoning"], str) and duty["reasoning"]
        assert duty["citations"] and all(isinstance(c, str) for c in duty["citations"])
    protect = data["duties"]["protect"]
    assert protect["attaches"] is True and protect["breached"] is None
    assert "made_reasonable_efforts_to_restrain" in protect["reasoning"]


def test_cli_text_puts_assumptions_first_and_explains_non_attachment(capsys):
    code, out, _ = run(capsys, "duties", "assess", str(LIBRARY / "france-behrami.yaml"))
    assert code == 0
    given, unknown, first = (out.index("WHAT WE TAKE AS GIVEN"), out.index("WHAT IS UNKNOWN"),
                             out.index("1. DUTY TO RESPECT"))
    assert given < unknown < first
    assert "troops or physical control in the area WITHOUT administrative authority" in out[given:unknown]
    flat = " ".join(out.split())
    assert "Presence without administrative authority does not ground a duty to protect" in flat
    assert "DUTY TO PROTECT — does not attach" in out


def test_markdown_puts_assumptions_first_and_explains_capacity():
    text = assess(load_case(LIBRARY / "remote-wealthy-state-no-ties-owes-only-negative-duties.yaml")).to_markdown()
    assert text.index("**What we take as given**") < text.index("**What is unknown**") < text.index("| duty |")
    assert "Capacity alone does not ground this duty" in text
    assert "| Duty to assist | does not attach | not breached (the duty does not attach) |" in text


def test_cli_errors_are_one_line_with_status_2(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: b\nfacts: {high_capacty: true}\n", encoding="utf-8")
    code, out, err = run(capsys, "duties", "assess", str(bad))
    assert code == 2 and out == "" and "Traceback" not in err
    assert err.startswith("r2pkit: error: bad.yaml: There is no fact called 'high_capacty'. Did you mean "
                          "'high_capacity'?") and err.count("\n") == 1


def test_cli_compare(capsys):
    code, out, _ = run(capsys, "duties", "compare", str(LIBRARY / "france-behrami.yaml"))
    assert code == 0 and "collective:" in out and "relational:" in out


# --- two visions -------------------------------------------------------------------------

def test_compare_shows_where_the_two_visions_part():
    c = compare(load_case(LIBRARY / "remote-wealthy-state-no-ties-owes-only-negative-duties.yaml"))
    rows = {r.question.split(" (")[0]: r for r in c.rows}
    assert rows["Duty to assist"].collective.startswith("Yes")
    assert rows["Duty to assist"].relational.startswith("Does not attach")
    assert rows["Duty to protect"].relational.startswith("Does not attach")
    assert "only for the territorial state" in rows["Duty to respect"].collective
    assert rows["Duty to respect"].relational.startswith("Attaches; not breached")
    assert all(r.citations for r in c.rows)
    frame = c.to_frame()
    assert list(frame.columns) == ["question", "collective", "relational", "citations"] and len(frame) == len(c.rows)
    assert c.to_markdown().count("\n|") == len(c.rows) + 2  # header, rule, one line per row


# --- the collector ------------------------------------------------------------------------

def _run_collector(tmp_path: Path, case: dict) -> subprocess.CompletedProcess:
    folder = tmp_path / "duty_cases"
    folder.mkdir()
    (folder / f"{case['id']}.yaml").write_text(yaml.safe_dump(case, sort_keys=False), encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-p", "r2pkit.duties.pytest_cases", str(folder)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)


def test_collector_explains_a_failing_case_in_words(tmp_path):
    case = {"id": "uganda-ituri", "outside_state": "Uganda",
            "facts": {"governmental_authority": True, "made_reasonable_efforts_to_restrain": "unknown",
                      "cannot_reasonably_bear": False},
            "expected": {"protect": {"attaches": True, "breached": True}}}
    result = _run_collector(tmp_path, case)
    assert result.returncode == 1, result.stdout + result.stderr
    assert ("case uganda-ituri: expected protect to be breached, but the engine says not established: "
            "made_reasonable_efforts_to_restrain is unknown") in result.stdout
    assert "Traceback" not in result.stdout and "1 failed" in result.stdout


def test_collector_reports_a_broken_file_and_passes_a_good_one(tmp_path):
    result = _run_collector(tmp_path, {"id": "typo", "facts": {"special_relationshp": True}})
    assert result.returncode == 1 and "case file typo.yaml does not load" in result.stdout
    assert "Did you mean 'special_relationship'?" in result.stdout
    good = tmp_path / "ok"
    good.mkdir()
    result = _run_collector(good, {"id": "ok", "facts": {"special_relationship": True},
                                   "expected": {"assist": {"attaches": True, "breached": "unknown"}}})
    assert result.returncode == 0 and "1 passed" in result.stdout

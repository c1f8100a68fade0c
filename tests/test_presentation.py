"""What a student sees in a notebook's outputs: words, never Python's own notation.

A law student reads outputs, not code: an output that shows ``<Assessment …>``,
``<… object at 0x…>`` or a Python list such as ``[True, 'a']`` is code showing through; a
Markdown output with two unescaped ``$`` signs shows a formula (JupyterLab reads it as
LaTeX). These tests read every stored output of the kit's notebooks and exercises (what
nbval compares with a fresh run), and check the library pieces that produce them.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest

from r2pkit import duties
from r2pkit.errors import R2PKitError
from r2pkit.markdown import Markdown, escape_dollars

ROOT = Path(__file__).resolve().parents[1]
STORED = sorted([*(ROOT / "notebooks").glob("*.ipynb"), *(ROOT / "exercises").rglob("*.ipynb")])

#: The output JupyterLab shows when an output offers several forms (its renderers' order of preference).
SHOWN_FIRST = ("application/vnd.jupyter.widget-view+json", "application/vnd.vegalite.v5+json", "text/html",
               "text/markdown", "image/svg+xml", "image/png", "text/latex", "text/plain")

_ATOM = r"(?:True|False|None|'[^'\n]*'|\"[^\"\n]*\")"
PYTHON_NOTATION = {
    "an object's address": re.compile(r"<[\w.]+ object(?: at 0x[0-9a-fA-F]+)?>"),
    "an object's repr in angle brackets": re.compile(r"<[A-Z][A-Za-z]+ [^<>\n]*>"),
    "a Python list or tuple": re.compile(rf"[\[(]{_ATOM}(?:, (?:{_ATOM}|-?\d+(?:\.\d+)?))+,?[\])]|\[{_ATOM}\]"),
}


def _text(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _shown(output: dict) -> tuple[str, str] | None:
    """(mime type, text) of what JupyterLab shows for one stored output; None for an error (expected ones
    are tagged ``raises-exception`` and checked elsewhere) or a picture."""
    if output.get("output_type") == "stream":
        return "stream", _text(output.get("text", ""))
    data = output.get("data", {})
    for mime in SHOWN_FIRST:
        if mime in data:
            if mime in ("text/html", "text/markdown", "text/plain"):
                text = _text(data[mime])
                if mime == "text/html":
                    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
                return mime, text
            return None
    return None


def _outputs(path: Path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            yield i, output


@pytest.mark.parametrize("path", STORED, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_stored_output_shows_python_notation(path):
    found = []
    for i, output in _outputs(path):
        shown = _shown(output)
        if shown is None:
            continue
        mime, text = shown
        for what, pattern in PYTHON_NOTATION.items():
            for m in pattern.finditer(text):
                found.append(f"cell {i} ({mime}) shows {what}: {text[max(0, m.start() - 40):m.end() + 20]!r}")
    assert not found, f"{path.name}: outputs a student reads show Python's notation:\n" + "\n".join(found)


@pytest.mark.parametrize("path", STORED, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_stored_plain_text_form_is_an_object_repr(path):
    """The plain-text form of an output (a console, a text export, the book's fallback) says something too."""
    found = [f"cell {i}: {m.group(0)!r}" for i, output in _outputs(path)
             for m in re.finditer(r"<[\w.]+ object(?: at 0x[0-9a-fA-F]+)?>|<[A-Z][A-Za-z]+ [^<>\n]*>",
                                  _text(output.get("data", {}).get("text/plain", "")))]
    assert not found, f"{path.name}: plain-text forms that are Python reprs:\n" + "\n".join(found)


@pytest.mark.parametrize("path", STORED, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_stored_markdown_output_has_an_unescaped_dollar(path):
    found = [f"cell {i}: {_text(o['data']['text/markdown'])[:120]!r}" for i, o in _outputs(path)
             if re.search(r"(?<!\\)\$", _text(o.get("data", {}).get("text/markdown", "")))]
    assert not found, (f"{path.name}: a computed Markdown output has a bare $ (two of them render as LaTeX); "
                       "show it with r2pkit.markdown.Markdown:\n" + "\n".join(found))


def test_the_patterns_catch_what_they_are_for():
    caught = lambda s: any(p.search(s) for p in PYTHON_NOTATION.values())  # noqa: E731
    for bad in ("<Assessment uganda: respect: attaches>", "<r2pkit.x.Y object at 0x7f00>", "[True, 'a']",
                "['syria_refugees_by_host', 'country_indicators']", "('a', 'b')"):
        assert caught(bad), bad
    for fine in ("Duty to respect: attaches.", "True, because (a) the Council…", "[1] Hakimi, p. 267",
                 "(a) and (b)", "per US$1 of GDP per head"):
        assert not caught(fine), fine


def test_an_assessment_and_a_comparison_read_as_words():
    cases = {c.id: c for c in duties.load_cases(duties.LIBRARY)}
    a = duties.assess(cases["uganda-armed-activities"])
    assert repr(a).startswith("Assessment of Uganda (case uganda-armed-activities). Duty to respect: attaches")
    assert "<" not in repr(a) and "not_obstruct" not in repr(a)
    c = duties.compare(cases["uganda-armed-activities"])
    assert repr(c).startswith("Two visions of R2P for Uganda") and "<" not in repr(c)


def test_the_duty_explorer_says_where_each_cases_outcome_comes_from():
    from r2pkit.widgets.duties import duty_explorer

    cases = duties.load_cases(duties.LIBRARY)
    myanmar = [c for c in cases if "myanmar" in c.id]
    assert len(myanmar) == 2
    for case in cases:
        words = duties.outcome_source(case)
        # Every case of the kit's library says whose reading its expected outcomes record.
        assert case.expected_from in duties.EXPECTED_FROM, f"{case.id} does not say expected_from"
        if case in myanmar:
            assert case.expected_from == "kit", case.id
            assert "kit's own reading" in words and "does not discuss" in words, case.id
        elif "hypothetical" in case.title.lower():
            assert case.expected_from == "hypothetical" and "hypothetical" in words, case.id
        else:
            assert case.expected_from == "hakimi" and words == "Hakimi's article", case.id
    shown = html.unescape(duty_explorer(cases, preset="russia-myanmar").sources.value)
    assert "reproduces the outcome the library records from the kit's own reading of Hakimi's framework" in shown
    assert "from the article" not in shown and "from Hakimi's article" not in shown
    shown = html.unescape(duty_explorer(cases, preset="uganda-armed-activities").sources.value)
    assert "reproduces the outcome the library records from Hakimi's article" in shown


def test_computed_markdown_with_dollar_amounts_shows_dollar_signs():
    from r2pkit import crisis, displacement

    sentence = displacement.host_pressure_sentence(crisis.SYRIA, host="Türkiye", year=2018,
                                                   measure="per_usd_gdp_per_head")
    assert sentence.count("$") == 2, "a sentence with two dollar amounts: the case that turns into LaTeX"
    shown = Markdown(sentence)._repr_markdown_()
    assert not re.search(r"(?<!\\)\$", shown) and shown.count(r"\$") == 2
    assert repr(Markdown(sentence)) == sentence, "the plain-text form keeps the sentence as written"
    assert escape_dollars(shown) == shown, "escaping twice changes nothing"


def test_the_duty_reports_escape_dollar_signs():
    case = duties.as_case({"id": "demo", "title": "A state that pledged US$5 million and US$2 million",
                           "facts": {"high_capacity": True}, "notes": "Costs US$3 a day."})
    for md in (duties.assess(case).to_markdown(), duties.compare(case).to_markdown()):
        assert "US\\$" in md and not re.search(r"(?<!\\)\$", md)



def test_expected_from_takes_one_of_three_readings():
    case = duties.parse_case({"id": "mine", "expected_from": "kit"})
    assert case.expected_from == "kit"
    assert "does not say" in duties.outcome_source(duties.parse_case({"id": "mine"}))
    with pytest.raises(R2PKitError, match="expected_from='article' is not whose reading.*hakimi.*hypothetical.*kit"):
        duties.parse_case({"id": "mine", "expected_from": "article"})

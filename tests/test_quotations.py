"""Every quotation in the kit is word for word in a seed, and its locator points where the words are.

Where quotations live: the datasets' text cells, the duty cases (``quote`` and ``notes``), the
duty rules' prose (``r2pkit.duties.rules``: the ``Quote`` objects), the notebooks' narrative and
the exercises' sources. A quotation is text in ‘…’ or “…” (and, in the duty cases, in '…'):
each part between ellipses or [editorial brackets] must be in a seed (typographic quotes,
dashes, white space, italics and footnote marks folded). Hakimi's page breaks fall inside
sentences (the page's footnotes in between), so her main text is joined across pages first.

Locators, where a quotation carries one:
- Hakimi ``p. N`` / ``pp. N–M`` (and ``n.``/``nn.``): the words are on a cited page, and each
  cited note is on a cited page. Pages are counted from p. 247, a page ending where its
  footnotes end (the seed has no page numbers).
- the resettlement article has no page numbers, so the kit locates its words by footnote:
  ``fn N`` (``fnn N–M``) is footnote N itself or the sentence of the main text that its mark
  closes; ``text at fn N`` only that sentence; ``text before fn N`` / ``text after fn N`` the
  text just before or after that mark. (A pin that describes the place in words, such as
  'last sentence', is left to the reader.)

Needs ``../shared/seeds`` beside the repository; without it these checks skip.
"""
from __future__ import annotations

import glob
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
FILES = {"resettlement": "000_e9a07972151539a0.txt", "roundtable": "003_f51fcdb6ea81d116.txt",
         "hakimi": "004_5a06fc4bbcc9a210.txt"}
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
CURLY = re.compile(r"‘(.+?)’(?![A-Za-z])|“(.+?)”", re.S)
STRAIGHT = re.compile(r"(?<![A-Za-z])'([^'\n]+(?:\n[^'\n]+)*?)'(?![A-Za-z])")
HAKIMI_PIN = re.compile(r"pp?\. (2[4-8]\d)(?:–(\d{2,3}))?((?: & | )nn?\. [\d–, ]+)?")
RESETTLEMENT_PIN = re.compile(r"(text (?:at|before|after) )?fnn? (\d+)(?:–(\d+))?")


def norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    for a, b in (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"), ("\u00a0", " ")):
        text = text.replace(a, b)
    text = re.sub(r"</?u>|\*", "", text)
    text = re.sub(f"[{SUPERSCRIPTS}]+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _seed(name: str) -> str:
    path = SEEDS / FILES[name]
    if not path.exists():
        pytest.skip(f"seed texts not found at {SEEDS}: the quotation checks need the project's shared/seeds")
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def hakimi() -> dict:
    """Hakimi's main text joined across pages, her notes, and each main-text line's page."""
    lines = _seed("hakimi").split("\n")
    start = lines.index("I. INTRODUCTION")
    note, heading = re.compile(r"^(\d{1,3})\. "), re.compile(r"^\d\. \*[^*]+\*\s*$")
    page, previous_was_note = 247, False
    notes: dict[int, tuple[int, str]] = {}
    body: list[tuple[int, str]] = []
    for line in lines[start:]:
        if not line.strip():
            continue
        is_note = bool(note.match(line)) and not heading.match(line)
        if previous_was_note and not is_note:
            page += 1
        previous_was_note = is_note
        if is_note:
            number = int(note.match(line).group(1))
            notes[number] = (page, norm(line))
        else:
            body.append((page, norm(line)))
    # the running text, with the page on which each character stands
    text, pages = "", []
    for page_number, line in body:
        joined = line if not text else (" " + line)
        text += joined
        pages.extend([page_number] * len(joined))
    return {"text": text, "pages": pages, "notes": notes, "front": norm("\n".join(lines[:start]))}


@lru_cache(maxsize=1)
def resettlement() -> dict:
    raw = _seed("resettlement")
    notes = {int(m.group(1)): norm(m.group(2))
             for m in re.finditer(r"\[(\d+): (.*?)\](?=\s*(?:\[\d+:|\n|$))", raw, re.S)}
    body = re.sub(r"\[\d+: .*?\](?=\s*(?:\[\d+:|\n|$))", " ", raw, flags=re.S)
    return {"body": norm(body), "notes": notes}


@lru_cache(maxsize=1)
def corpus() -> list[str]:
    h, r = hakimi(), resettlement()
    return [h["text"], h["front"], " ".join(t for _, t in h["notes"].values()), r["body"], " ".join(r["notes"].values()),
            norm(_seed("roundtable")), norm(_seed("resettlement")), norm(_seed("hakimi"))]


def fragments(quote: str) -> list[str]:
    parts = re.split(r"…|\. \. \.|\[[^\]]*\]", quote)
    return [p for p in (norm(x).strip(" .,;:") for x in parts) if len(p) > 2]


@lru_cache(maxsize=1)
def _hakimi_lines() -> list[str]:
    return [norm(line) for line in _seed("hakimi").split("\n") if line.strip()]


def across_a_page_break(fragment: str) -> bool:
    """True if the words end one line of Hakimi's text and go on at the start of one of the next
    lines, the page's footnotes in between (a break may also split a word: 're-' / 'sult')."""
    lines = _hakimi_lines()
    for i, line in enumerate(lines):
        for k in range(1, len(fragment)):
            head, tail = fragment[:k], fragment[k:]
            if not (line.endswith(head.rstrip()) or line.endswith(head + "-")):
                continue
            if any(later.startswith(tail.lstrip()) for later in lines[i + 1:i + 14]):
                return True
    return False


def in_seeds(quote: str) -> bool:
    texts = corpus()
    return all(any(f in t for t in texts) or across_a_page_break(f) for f in fragments(quote))


def hakimi_pages_of(quote: str) -> set[int]:
    h = hakimi()
    found: set[int] = set()
    for f in fragments(quote):
        for m in re.finditer(re.escape(f), h["text"]):
            found |= {h["pages"][m.start()], h["pages"][m.end() - 1]}
        for number, (page, text) in h["notes"].items():
            if f in text:
                found.add(page)
    return found


# ------------------------------------------------------------------ where quotations live
def _notebook_prose(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    lines = []
    in_markdown = False
    for line in text.split("\n"):
        if line.startswith("# %%"):
            in_markdown = "[markdown]" in line
            continue
        if in_markdown:
            line = re.sub(r"^# ?", "", line)
            lines.append(re.sub(r"^>\s?", "", line))
    return "\n".join(lines)


def quotations() -> list[tuple[str, str, str]]:
    """(where, quotation, the text right after it) for every quotation in the kit."""
    found: list[tuple[str, str, str]] = []

    def scan(where: str, text: str, straight: bool = False) -> None:
        for m in CURLY.finditer(text):
            found.append((where, m.group(1) or m.group(2), text[m.end():m.end() + 160]))
        if straight:
            for m in STRAIGHT.finditer(text):
                found.append((where, m.group(1), text[m.end():m.end() + 160]))

    for path in sorted((ROOT / "datasets").glob("*.csv")):
        scan(f"datasets/{path.name}", path.read_text(encoding="utf-8"))
    for path in sorted((ROOT / "datasets" / "duty_cases").glob("*.yaml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        for source in case.get("sources", []):
            if source.get("quote"):
                found.append((f"duty case {path.stem}", source["quote"], " (" + source["cite"] + ")"))
        scan(f"duty case {path.stem} notes", case.get("notes", ""), straight=True)
    for path in sorted(p for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.py") if "appendix" not in p.name):
        scan(f"notebooks/{path.name}", _notebook_prose(path))
    for path in sorted((ROOT / "exercises" / "source").glob("*.yaml")):
        scan(f"exercises/source/{path.name}", path.read_text(encoding="utf-8"))
    from r2pkit.duties import rules

    for name, value in vars(rules).items():
        items = value.values() if isinstance(value, dict) else value if isinstance(value, tuple) else [value]
        for item in items:
            if isinstance(item, rules.Quote):
                found.append((f"r2pkit.duties.rules.{name}", item.text, " (" + item.cite + ")"))
    return found


# Words in ‘…’ that are the kit's own labels or names, not quotations of a seed.
NOT_QUOTATIONS = {"condemns", "Türkiye", "yes", "no", "abstain", "absent", "not discussed", "not established",
                  "not established on these facts", "not breached"}


def _is_label(quote: str) -> bool:
    return norm(quote) in NOT_QUOTATIONS or "{" in quote or len(norm(quote)) < 4


def test_the_kit_holds_many_quotations():
    assert len(quotations()) > 600


def test_every_quotation_is_word_for_word_in_a_seed():
    _seed("hakimi")
    missing = [f"{where}: {q[:90]!r}" for where, q, _ in quotations() if not _is_label(q) and not in_seeds(q)]
    assert not missing, f"{len(missing)} quotations not found in the seeds:\n" + "\n".join(missing)


def _pin_after(after: str) -> str | None:
    """The locator right after a quotation: in the parenthesis that follows it, if any."""
    m = re.match(r"\s*[.,;:]?\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)", after)
    return m.group(1) if m else None


def test_hakimi_page_pins_point_to_the_page_of_the_words():
    _seed("hakimi")
    notes = {n: page for n, (page, _) in hakimi()["notes"].items()}
    wrong, checked = [], 0
    for where, quote, after in quotations():
        pin = _pin_after(after)
        if not pin or _is_label(quote) or "Resettlement article" in pin or "roundtable" in pin:
            continue
        pins = HAKIMI_PIN.findall(pin)
        if not pins:
            continue
        pages = hakimi_pages_of(quote)
        if not pages:
            continue
        cited: set[int] = set()
        for first, last, cited_notes in pins:
            low = int(first)
            high = int(first[: 3 - len(last)] + last) if last else low
            cited |= set(range(low, high + 1))
            for n in re.findall(r"\d+", cited_notes or ""):
                if not low <= notes[int(n)] <= high:
                    wrong.append(f"{where}: n. {n} is on p. {notes[int(n)]}, not within the cited ({pin})")
        checked += 1
        if not pages & cited:
            wrong.append(f"{where}: {quote[:60]!r} is on p. {sorted(pages)}, cited ({pin})")
    assert checked > 80
    assert not wrong, "\n".join(wrong)


def _refs_around(body_raw: str, quote: str) -> list[tuple[int | None, int | None]]:
    """For each place the quotation stands in the article's main text: the footnote marks just
    before and just after it."""
    text = re.sub(r"\[\d+: .*?\](?=\s*(?:\[\d+:|\n|$))", " ", body_raw, flags=re.S)
    flat = norm(text)
    first = fragments(quote)[0] if fragments(quote) else None
    places = []
    for m in re.finditer(re.escape(first), flat) if first else []:
        before = re.findall(r"\[footnoteRef:(\d+)\]", flat[:m.start()])
        after = re.search(r"\[footnoteRef:(\d+)\]", flat[m.start():])
        places.append((int(before[-1]) if before else None, int(after.group(1)) if after else None))
    return places


def test_resettlement_footnote_pins_say_whether_the_words_are_in_the_note_or_the_text():
    raw = _seed("resettlement")
    notes = resettlement()["notes"]
    wrong, checked = [], 0
    for where, quote, after in quotations():
        pin = _pin_after(after)
        if not pin or "Resettlement article" not in pin or "sentence" in pin:
            continue
        for m in RESETTLEMENT_PIN.finditer(pin if "Resettlement article" in pin else ""):
            kind, first, last = m.group(1), int(m.group(2)), int(m.group(3) or m.group(2))
            frags = fragments(quote)
            if not frags:
                continue
            in_note = any(all(f in notes.get(n, "") for f in frags) for n in range(first, last + 1))
            around = _refs_around(raw, quote)
            checked += 1
            closes = any(after is not None and first <= after <= last for _, after in around)
            if kind is None:
                ok = in_note or closes
            elif kind.startswith("text at"):
                ok = closes
            elif kind.startswith("text before"):
                ok = any(after == first for _, after in around)
            else:
                ok = any(before == last for before, _ in around)
            if not ok:
                wrong.append(f"{where}: {quote[:60]!r} cited ({pin}): "
                             + ("in footnote text" if in_note else f"main text between marks {around}"))
            break
    assert checked > 20
    assert not wrong, "\n".join(wrong)


def test_the_checks_can_fail():
    _seed("hakimi")
    assert not in_seeds("France was established to bear a duty to protect")
    assert in_seeds("its substantial support might have triggered an extraterritorial duty to protect")
    assert hakimi_pages_of("its substantial support might have triggered") == {272}
    assert hakimi_pages_of("States could reasonably disagree about what to do in Syria") == {274}
    # the words of 'text at fn 58' are in the main text that mark 58 closes, not in footnote 58
    quote = "states have a special moral obligation to offer resettlement as reparation"
    assert any(after == 58 for _, after in _refs_around(_seed("resettlement"), quote))
    assert quote not in resettlement()["notes"][58]


def test_every_hakimi_footnote_pin_in_the_kit_is_on_its_cited_pages():
    """Not only after quotations: every 'p(p). N(–M) & n(n). K' anywhere in the kit's data, duty cases,
    notebooks, exercise sources and library (Hakimi's pages run 247-280; the other seeds have
    fewer pages or none, so a three-digit page in that range is hers)."""
    _seed("hakimi")
    notes = {n: page for n, (page, _) in hakimi()["notes"].items()}
    paths = [*sorted((ROOT / "datasets").glob("*.csv")), *sorted((ROOT / "datasets" / "duty_cases").glob("*.yaml")),
             *sorted(p for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.py") if "appendix" not in p.name), *sorted((ROOT / "exercises" / "source").glob("*.yaml")),
             *sorted((ROOT / "r2pkit").rglob("*.py"))]
    wrong, checked = [], 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"pp?\. (2[4-8]\d)(?:–(\d{2,3}))?,? (?:&|and) nn?\. ([\d–, ]+\d)", text):
            first, last, cited_notes = m.groups()
            low = int(first)
            high = int(first[: 3 - len(last)] + last) if last else low
            for a, b in re.findall(r"(\d+)(?:–(\d+))?", cited_notes):
                for n in range(int(a), int(b or a) + 1):
                    checked += 1
                    if n not in notes or not low <= notes[n] <= high:
                        line = text[:m.start()].count("\n") + 1
                        wrong.append(f"{path.relative_to(ROOT)}:{line}: n. {n} is on p. {notes.get(n)}, "
                                     f"cited '{m.group(0)}'")
    assert checked > 300
    assert not wrong, "\n".join(wrong)

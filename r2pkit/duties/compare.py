"""Two visions side by side: the dominant, collective R2P and Hakimi's relational bundle.

The collective vision (Hakimi, Parts I and III) says R2P falls 'simultaneously on all
outside states' or on their collective organisations; a variant she discusses in Part
IV.A.2 allocates it by each state's capacity. Hakimi's own answer (Part IV) pins each
discrete duty on particular states by their own conduct or relationships. ``compare``
puts the two answers for one case in a small table a seminar can argue over.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..markdown import escape_dollars
from .engine import Assessment, assess
from .facts import Case

__all__ = ["Row", "Comparison", "compare", "COLLECTIVE_WORDS"]

#: The article's words for the collective vision.
COLLECTIVE_WORDS = {
    "all": ("R2P is said to fall simultaneously on all outside states or to favor their collective action.",
            "Hakimi, Part I, p. 249 & n. 14"),
    "diffuse": ("the vision for R2P that dominates current thinking is incredibly diffuse and open-ended.",
                "Hakimi, Part I, p. 249"),
    "same_boat": ("This claim treats all outside states as if they are in the same boat; none is uniquely obligated to "
                  "help the at-risk population or responsible when that population suffers.",
                  "Hakimi, Part III.A, p. 254"),
    "aspirational": ("The claim that R2P demands action by all outside states simultaneously has some authoritative "
                     "support but remains almost entirely aspirational.", "Hakimi, Part III.A, p. 254"),
    "capacity": ("some have proposed grounding outside state responsibility in each state's positive capacity to help "
                 "the at-risk population.", "Hakimi, Part IV.A.2, p. 265 & n. 102"),
    "burden": ("States that are especially capable would repeatedly carry a disproportionate R2P burden",
               "Hakimi, Part IV.A.2, p. 266"),
    "territorial": ("The R2P literature typically asserts a duty to respect only for the territorial state.",
                    "Hakimi, Part IV.B.1, p. 267"),
    "bundle": ("It should instead posit a bundle of more discrete duties, and responsibility for each of these duties "
               "should attach to specific outside states at a time.", "Hakimi, Part I, p. 249 & n. 17"),
}


@dataclass(frozen=True)
class Row:
    """One question, the collective answer, Hakimi's relational answer, and the sources."""

    question: str
    collective: str
    relational: str
    citations: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    """The two visions for one case, row by row."""

    case: Case
    rows: tuple[Row, ...]
    assessment: Assessment

    def to_frame(self):  # type: ignore[no-untyped-def]
        """The table as a pandas DataFrame (question, collective, relational, citations)."""
        import pandas as pd

        return pd.DataFrame([{"question": r.question, "collective": r.collective, "relational": r.relational,
                              "citations": "; ".join(r.citations)} for r in self.rows])

    def to_markdown(self) -> str:
        cell = lambda s: s.replace("|", "/")  # noqa: E731
        out = [f"### Two visions of R2P: {self.case.title}", "",
               "| question | collective vision (all outside states, or the most capable) | "
               "Hakimi's relational vision | sources |", "|---|---|---|---|"]
        out += [f"| {cell(r.question)} | {cell(r.collective)} | {cell(r.relational)} | {cell('; '.join(r.citations))} |"
                for r in self.rows]
        return escape_dollars("\n".join(out) + "\n")

    _repr_markdown_ = to_markdown

    def to_text(self) -> str:
        out = [f"Two visions of R2P: {self.case.title}", ""]
        for r in self.rows:
            out += [r.question, f"  collective: {r.collective}", f"  relational: {r.relational}",
                    f"  sources:    {'; '.join(r.citations)}", ""]
        return "\n".join(out)

    def __repr__(self) -> str:
        return (f"Two visions of R2P for {self.case.outside_state} (case {self.case.id}): {len(self.rows)} questions, "
                f"each answered by the collective and by Hakimi's relational vision.")


def _duty_answer(a: Assessment, duty: str) -> str:
    f = a[duty]
    words = f"{f.attaches_words}; {f.breached_words}"
    return f"{words[:1].upper() + words[1:]}. {f.reasoning[0]}"


def compare(facts: Case | Mapping[str, Any] | None = None, /, **more_facts: Any) -> Comparison:
    """What the collective vision and Hakimi's relational vision say about one case.

    >>> c = compare({"high_capacity": True, "contributed_to_risk": False, "special_relationship": False})
    >>> row = [r for r in c.rows if r.question.startswith("Duty to assist")][0]
    >>> row.collective.startswith("Yes"), row.relational.startswith("Does not attach")
    (True, True)
    """
    a = assess(facts, **more_facts)
    state = a.case.outside_state
    cap = a.case.facts["high_capacity"]
    cap_words = {True: f"{state[:1].upper() + state[1:]} is especially capable, so on the capacity variant it would carry a larger share.",
                 False: f"{state[:1].upper() + state[1:]} is not especially capable, so on the capacity variant the most capable states "
                        f"would carry most of the burden.",
                 None: f"On the capacity variant, {state}'s share would depend on its capacity (unknown here)."}[cap]
    w = COLLECTIVE_WORDS
    rows = [
        Row("Who bears R2P's burden?",
            f"All outside states alike, including {state}: ‘{w['all'][0]}’ The capacity variant allocates more to "
            f"the more capable. {cap_words}",
            f"Only particular states, each duty by its own ground: ‘{w['bundle'][0]}’",
            (w["all"][1], w["capacity"][1], w["bundle"][1], "Hakimi, Part IV, p. 259")),
        Row("What must the state do?",
            f"Almost anything that might help: ‘{w['diffuse'][0]}’",
            "Four discrete things: not take part in or facilitate atrocities; try to restrain perpetrators it "
            "governs or supports; not obstruct others' protective measures; help lessen the risk where it "
            "contributed to it or has a unique relationship with the population.",
            (w["diffuse"][1], "Hakimi, Part IV.B, p. 267")),
        Row("Duty to respect (not to take part in atrocities abroad)",
            f"Largely silent about outside states: ‘{w['territorial'][0]}’",
            _duty_answer(a, "respect"), (w["territorial"][1], *a.respect.citations)),
        Row("Duty to protect (restrain the perpetrators)",
            f"Yes, for {state} as for every outside state (or mainly for the most capable). {cap_words}",
            _duty_answer(a, "protect"), (w["all"][1], w["capacity"][1], *a.protect.citations)),
        Row("Duty not to obstruct / to cooperate",
            "Every state must cooperate to end serious breaches of peremptory norms (ILC Draft Articles, art. 41), "
            "and the permanent members are urged not to veto; but the conduct that cooperation requires is not "
            "identified.",
            _duty_answer(a, "not_obstruct"), ("Hakimi, Part III.A, pp. 255–56 & nn. 51–56", "Hakimi, Part III.B, p. 257 & n. 63",
                                               "Hakimi, Part IV.B.3, pp. 273–74 & nn. 152–155", *a.not_obstruct.citations)),
        Row("Duty to assist (lessen the risk of atrocities)",
            f"Yes, for {state} as for every outside state; on the capacity variant, above all for the wealthy and "
            f"powerful. {cap_words}",
            _duty_answer(a, "assist"), (w["capacity"][1], *a.assist.citations)),
        Row("Does capacity matter?",
            f"On the capacity variant, it is the ground of the duty: ‘{w['burden'][0]}’ is the consequence Hakimi "
            f"criticises.",
            "It does not ground any duty: Behrami and Cyprus suggest capacity does not trigger duties to protect, "
            "and ‘positive capacity is an insufficient basis for assigning responsibility’ to assist. Incapacity "
            "may lighten or excuse a duty a state cannot reasonably bear.",
            (w["burden"][1], "Hakimi, Part IV.B.2, p. 271",
             "Hakimi, Part IV.B.4 (IV.C in the table of contents), p. 279", "Hakimi, Part IV.A.2, p. 267 & n. 110")),
        Row("If nothing is done, who is responsible?",
            f"Everyone and so no one: ‘{w['same_boat'][0]}’ Hakimi: ‘{w['aspirational'][0]}’",
            f"{state[:1].upper() + state[1:]}, for each duty that attaches and is breached on these facts: "
            + (", ".join(d for d in ("respect", "protect", "not_obstruct", "assist") if a[d].breached is True)
               or "none is established as breached here") + ".",
            (w["same_boat"][1], w["aspirational"][1], "Hakimi, Part IV, p. 259")),
    ]
    rows = [Row(r.question, r.collective, r.relational, tuple(dict.fromkeys(r.citations))) for r in rows]
    return Comparison(a.case, tuple(rows), a)

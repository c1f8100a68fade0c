"""The four duties of Hakimi's 'exemplary bundle', each beside the article's own words.

Monica Hakimi, 'Toward a Legal Theory on the Responsibility to Protect', 39 Yale J.
Int'l L. 247 (2014), Part IV.B. Each rule is a pure function of the facts (see
:mod:`r2pkit.duties.facts`) that returns a :class:`Finding`: whether the duty attaches to
this outside state, whether it is breached, which facts decided it, the reasoning in
plain words, and the citations. The ``WORDS`` tuple above each rule holds the short,
verbatim passages the rule implements (tests check them against the article).

Unknown facts use three-valued ('Kleene') logic: a conclusion is ``True`` or ``False``
only when the known facts settle it whatever the unknown ones turn out to be; otherwise
it is ``None`` ("not established on these facts") and the finding names the facts that
would decide it (``open_facts``). A duty that does not attach cannot be breached.

Hakimi warns that she does not 'endorse this particular bundle of duties, or even ...
suggest that every duty in this bundle is realizable' (Part IV.B, p. 267): the engine
applies her framework; it does not state settled law.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from .. import checks
from .facts import normalize_facts

__all__ = ["Quote", "Finding", "respect", "protect", "not_obstruct", "assist", "RULES", "WORDS", "STATUS",
           "GENERAL_WORDS"]

Tri = bool | None
Facts = Mapping[str, bool | str | None]


class Quote(NamedTuple):
    """A verbatim passage of the article and where it is."""

    text: str
    cite: str


@dataclass(frozen=True)
class Finding:
    """What one duty means for one outside state on the facts given.

    ``attaches`` and ``breached`` are ``True``, ``False`` or ``None`` (not established);
    ``grounds`` are the facts that decided it; ``open_facts`` the facts that would decide
    what is still open; ``undecided_because`` says so in a short phrase.
    """

    duty: str
    attaches: Tri
    breached: Tri
    grounds: tuple[str, ...]
    reasoning: tuple[str, ...]
    citations: tuple[str, ...]
    open_facts: tuple[str, ...] = ()
    undecided_because: str = ""

    def __post_init__(self) -> None:  # every sentence starts with a capital, e.g. 'the outside state …'
        object.__setattr__(self, "reasoning", tuple(s[:1].upper() + s[1:] for s in self.reasoning))

    def to_dict(self) -> dict:
        """The JSON form: ``attaches`` is true only when established (see the module docstring).

        >>> Finding("assist", None, None, (), ("Not established.",), ("Hakimi",)).to_dict()["attaches"]
        False
        """
        return {"attaches": self.attaches is True, "breached": self.breached, "grounds": list(self.grounds),
                "reasoning": " ".join(self.reasoning), "citations": list(self.citations)}

    @property
    def attaches_words(self) -> str:
        return {True: "attaches", False: "does not attach",
                None: "attachment not established on these facts"}[self.attaches]

    @property
    def breached_words(self) -> str:
        if self.attaches is False:
            return "not breached (the duty does not attach)"
        return {True: "breached", False: "not breached", None: "breach not established on these facts"}[self.breached]


def _given(f: Facts, state: str) -> tuple[Facts, str]:
    """The facts (checked: every fact, each true, false, unknown or its word) and the state's name."""
    return normalize_facts(f), checks.text(state, "state", what="the outside state's name")


def _and(*xs: Tri) -> Tri:
    if any(x is False for x in xs):
        return False
    return None if any(x is None for x in xs) else True


def _or(*xs: Tri) -> Tri:
    if any(x is True for x in xs):
        return True
    return None if any(x is None for x in xs) else False


def _not(x: Tri) -> Tri:
    return None if x is None else not x


def _unknown_phrase(names: list[str]) -> str:
    return f"{', '.join(names)} {'is' if len(names) == 1 else 'are'} unknown"


H_CAPACITY = "Hakimi, Part IV.A.2, pp. 265–67 & nn. 102–110"
H_BEAR = "Hakimi, Part IV.A.2, p. 267 & n. 110"

#: Passages that ground the whole bundle (Parts IV and IV.A.2).
GENERAL_WORDS = (
    Quote("responsibility for one or another duty should attach to the state or small handful of states that, "
          "because of their own conduct or relationships, have unique ties to the situation", "Hakimi, Part IV, p. 259"),
    Quote("grounding responsibility primarily in each state's positive capacity would be misguided",
          "Hakimi, Part IV.A.2, p. 266"),
    Quote("An outside state that cannot satisfy an R2P duty unless it abandons other, more important duties might "
          "have a more lenient R2P duty or be excused altogether from a particular duty.", H_BEAR),
    Quote("Neither is it to endorse this particular bundle of duties, or even to suggest that every duty in this "
          "bundle is realizable.", "Hakimi, Part IV.B, p. 267"),
)

#: How settled Hakimi says each duty is, in her words.
STATUS = {
    "respect": Quote("This responsibility might seem obvious because it already has solid support in international "
                     "law, but it is completely absent from the R2P discourse.", "Hakimi, Part IV.B.1, p. 267"),
    "protect": Quote("Such duties have already begun to emerge in international law.", "Hakimi, Part IV.B.2, p. 269"),
    "not_obstruct": Quote("A duty not to obstruct is, at best, nascent in current practice and so lacks precise "
                          "content.", "Hakimi, Part IV.B.3, p. 273"),
    "assist": Quote("The hurdles to establishing an R2P duty to assist are substantial.",
                    "Hakimi, Part IV.B.4 (IV.C in the table of contents), p. 278"),
}


# --- 1. Duty to respect (Part IV.B.1, pp. 267–69) ---------------------------------------
RESPECT_WORDS = (
    Quote("To begin, outside states might be responsible for participating in atrocities.",
          "Hakimi, Part IV.B.1, p. 267"),
    Quote("cannot plausibly be justified by any countervailing interest.", "Hakimi, Part IV.B.1, p. 269"),
    Quote("a state would violate its R2P duty to respect not only by itself perpetrating atrocities but also by "
          "assisting the perpetrators “with a view to facilitating” the atrocities", "Hakimi, Part IV.B.1, p. 269 & n. 117"),
    Quote("An assisting state would be responsible if its agents had something between the intent to commit "
          "atrocities and the knowledge that atrocities would be committed.", "Hakimi, Part IV.B.1, p. 269 & n. 118"),
)


def respect(f: Facts, state: str = "the outside state") -> Finding:
    """Every state must not participate in atrocities abroad, nor assist their perpetrators
    ‘with a view to facilitating’ them. No relationship is needed for the duty to attach.

    >>> from r2pkit.duties.facts import normalize_facts
    >>> r = respect(normalize_facts({"assists_perpetrators": True, "assistance_mental_element": "purpose"}))
    >>> r.attaches, r.breached, r.grounds
    (True, True, ('assists_perpetrators', 'assistance_mental_element'))
    """
    f, state = _given(f, state)
    part, assists, mind = f["participates_in_atrocities"], f["assists_perpetrators"], f["assistance_mental_element"]
    reasons = [f"The duty to respect attaches to {state} simply because it is a state: it needs no relationship "
               f"with the population or the perpetrators, and no control over the territory; atrocities ‘cannot "
               f"plausibly be justified by any countervailing interest’."]
    cites = ("Hakimi, Part IV.B.1, pp. 267–69 & nn. 117–118",
             "Draft Articles on State Responsibility, art. 16 (ILC 2001)")
    # Assisting breaches the duty only 'with a view to facilitating' the atrocities.
    if assists is False or mind == "none":
        assist_breach: Tri = False
    elif assists is True and mind == "purpose":
        assist_breach = True
    else:  # assistance or mental element unknown, or bare knowledge (the threshold is not settled)
        assist_breach = None
    breached = _or(part, assist_breach)
    open_facts: list[str] = []
    because = ""
    if part is True:
        grounds = ["participates_in_atrocities"]
        reasons.append(f"{state} takes part in the atrocities itself, which breaches the duty.")
    elif breached is True:
        grounds = ["assists_perpetrators", "assistance_mental_element"]
        reasons.append(f"{state} assists the perpetrators ‘with a view to facilitating’ the atrocities, which breaches "
                       f"the duty even though it does not commit them itself.")
    elif breached is False:
        grounds = ["participates_in_atrocities", "assists_perpetrators" if assists is False
                   else "assistance_mental_element"]
        if assists is True:
            reasons.append(f"{state} does not take part in the atrocities, and although it assists the perpetrators "
                           f"it does so with no culpable mental element, so the duty is not breached.")
        else:
            reasons.append(f"{state} neither takes part in the atrocities nor assists the perpetrators, so the duty "
                           f"is not breached.")
    else:
        grounds = [n for n in ("participates_in_atrocities", "assists_perpetrators", "assistance_mental_element")
                   if f[n] is not None]
        open_facts = [n for n in ("participates_in_atrocities", "assists_perpetrators", "assistance_mental_element")
                      if f[n] is None and not (n != "participates_in_atrocities" and assist_breach is False)]
        parts = [_unknown_phrase(open_facts)] if open_facts else []
        if assists is not False and mind == "knowledge":
            if "assistance_mental_element" not in open_facts:
                open_facts.append("assistance_mental_element")
            parts.append("assistance_mental_element is 'knowledge', and the article places the required mental "
                         "element between intent and knowledge without saying whether knowledge alone is enough")
            reasons.append(f"{state} assists the perpetrators knowing that atrocities would be committed. Hakimi puts "
                           f"the required mental element at ‘something between the intent to commit atrocities and "
                           f"the knowledge that atrocities would be committed’; she does not say whether bare "
                           f"knowledge is enough.")
        because = "; ".join(parts)
        unknown = [n for n in open_facts if f[n] is None]
        reasons.append(f"Whether the duty is breached is not established on these facts"
                       f"{' (' + _unknown_phrase(unknown) + ')' if unknown else ''}: it would be "
                       f"breached if {state} took part in the atrocities, or assisted the perpetrators ‘with a view "
                       f"to facilitating’ them (assistance_mental_element: purpose).")
    return Finding("respect", True, breached, tuple(grounds), tuple(reasons), cites, tuple(open_facts), because)


def _positive_breach(f: Facts, state: str, duty: str, attaches: Tri, act: str, did: str, did_not: str
                     ) -> tuple[Tri, list[str], list[str], list[str], str, list[str]]:
    """Breach of a positive duty (protect, assist): it attaches, the state failed to act, and
    it can reasonably bear the duty (Part IV.A.2, p. 267 & n. 110).

    Returns breached, grounds, open facts, reasons, 'because' phrase, extra citations.
    """
    acted, bear = f[act], f["cannot_reasonably_bear"]
    breached = _and(attaches, _not(acted), True if bear is False else None)
    grounds: list[str] = []
    open_facts: list[str] = []
    reasons: list[str] = []
    cites: list[str] = []
    if attaches is False:
        if acted is False:
            reasons.append(f"{state} {did_not.split(' (')[0].split(':')[0]}, but that is no breach of a duty it "
                           f"does not bear.")
        return breached, grounds, open_facts, reasons, "", cites
    if acted is True:
        grounds.append(act)
        reasons.append(f"{state} {did}, so the {duty} is not breached.")
        return breached, grounds, open_facts, reasons, "", cites
    if acted is False:
        grounds.append(act)
        reasons.append(f"{state} {did_not}" + (", so the duty is breached." if breached is True else "."))
    else:
        open_facts.append(act)
        reasons.append(f"Whether the duty is breached turns on whether {state} {did.split(',')[0]} ({act}), which is "
                       f"unknown.")
    if bear is False:
        if acted is False:
            grounds.append("cannot_reasonably_bear")
    else:
        cites.append(H_BEAR)
        if bear is True:
            grounds.append("cannot_reasonably_bear")
            reasons.append(f"But {state} cannot reasonably bear this duty: Hakimi says such a state ‘might have a more "
                           f"lenient R2P duty or be excused altogether from a particular duty’, without saying which, "
                           f"so a failure to act is not established as a breach.")
        else:
            open_facts.append("cannot_reasonably_bear")
            reasons.append(f"Whether {state} can reasonably bear the duty (cannot_reasonably_bear) is unknown; a state "
                           f"that cannot might have a more lenient duty or be excused altogether.")
    because = ""
    if breached is None:
        unknown = [n for n in open_facts if f[n] is None]
        because = _unknown_phrase(unknown) if unknown else (
            "cannot_reasonably_bear is true, and the article says such a state might have a more lenient duty or "
            "be excused altogether, without saying which")
        if attaches is None and acted is False:
            reasons.append(f"So {state} would be in breach if the duty attaches.")
    return breached, grounds, open_facts, reasons, because, cites


# --- 2. Duty to protect (Part IV.B.2, pp. 269–73) ----------------------------------------
PROTECT_WORDS = (
    Quote("An outside state might have these duties if it either exercises governmental authority over or "
          "substantially supports a third-party perpetrator.", "Hakimi, Part IV.B.2, p. 269"),
    Quote("to protect the inhabitants of the occupied territory against acts of violence, and not to tolerate such "
          "violence by any third party.", "Hakimi, Part IV.B.2, p. 269 & n. 120 (quoting Armed Activities)"),
    Quote("By contrast, duty-to-protect claims against states that exercise physical control without administrative "
          "authority have been unsuccessful.", "Hakimi, Part IV.B.2, p. 270"),
    Quote("the results in Behrami and Cyprus suggest that territorial control is by itself insufficient",
          "Hakimi, Part IV.B.2, p. 271"),
    Quote("Likewise, the results suggest that the state's positive capacity does not trigger the duties.",
          "Hakimi, Part IV.B.2, p. 271"),
    Quote("Turkey propped up and supported the TRNC, so Turkey could not lawfully stand by in the face of the TRNC's "
          "violations.", "Hakimi, Part IV.B.2, p. 271 & nn. 134–137"),
    Quote("The state would be responsible in these circumstances if it failed to exercise due diligence to restrain "
          "the perpetrators.", "Hakimi, Part IV.B.2, p. 273"),
)


def protect(f: Facts, state: str = "the outside state") -> Finding:
    """A due-diligence duty to try to restrain third-party perpetrators. It attaches when the
    state exercises governmental authority over the area or substantially supports the
    perpetrators; presence without administrative authority, or capacity, does not suffice.

    >>> from r2pkit.duties.facts import normalize_facts
    >>> p = protect(normalize_facts({"physical_presence_only": True, "substantial_support_to_perpetrators": False}))
    >>> p.attaches, p.breached
    (False, False)
    """
    f, state = _given(f, state)
    ga, ppo, ss = f["governmental_authority"], f["physical_presence_only"], f["substantial_support_to_perpetrators"]
    authority: Tri = ga if ga is not None else (False if ppo is True else None)
    attaches = _or(authority, ss)
    reasons: list[str] = []
    cites = ["Hakimi, Part IV.B.2, pp. 269–73"]
    grounds: list[str] = []
    open_facts: list[str] = []
    because = ""
    if authority is True:
        grounds.append("governmental_authority")
        reasons.append(f"{state} exercises governmental authority over the area, as an occupying power does. In "
                       f"Armed Activities the ICJ determined that Uganda, as occupier, had ‘to protect the inhabitants of "
                       f"the occupied territory against acts of violence, and not to tolerate such violence by any "
                       f"third party.’ So the duty to protect attaches.")
        cites += ["Hakimi, Part IV.B.2, pp. 269–70 & nn. 119–125", "Armed Activities (ICJ 2005)"]
    if ss is True:
        grounds.append("substantial_support_to_perpetrators")
        reasons.append(f"{state} substantially supports the perpetrators. Hakimi's examples are Serbia and the "
                       f"Bosnian Serbs (Genocide Case), Russia and the groups in Ilaşcu, and Turkey and the TRNC: a "
                       f"state that props up a perpetrator cannot lawfully stand by in the face of its abuses. So the "
                       f"duty to protect attaches.")
        cites += ["Hakimi, Part IV.B.2, pp. 271–72 & nn. 134–142", "Genocide Case (ICJ 2007)",
                  "Ilaşcu v. Moldova (ECtHR 2004)", "Cyprus v. Turkey (ECtHR 2001)"]
    if attaches is False:
        grounds += ["governmental_authority" if ga is False else "physical_presence_only",
                    "substantial_support_to_perpetrators"]
        reasons.append(f"The duty to protect does not attach: {state} neither exercises governmental authority over "
                       f"the area nor substantially supports the perpetrators, the two relationships that trigger an "
                       f"outside state's duty to protect.")
    elif attaches is None:
        open_facts += [n for n, v in (("governmental_authority", authority),
                                      ("substantial_support_to_perpetrators", ss)) if v is None]
        because = _unknown_phrase(open_facts)
        reasons.append(f"Whether the duty to protect attaches is not established on these facts: it would attach if "
                       f"{state} exercised governmental authority over the area or substantially supported the "
                       f"perpetrators; {because}.")
    if ppo is True and authority is not True:
        reasons.append("Presence without administrative authority does not ground a duty to protect: in Behrami "
                       "(French troops in Kosovo, which a UN organ administered) and in Cyprus v. Turkey (as to "
                       "private actors, where the TRNC governed) such claims failed.")
        cites += ["Hakimi, Part IV.B.2, pp. 270–71 & nn. 126–133", "Behrami v. France (ECtHR 2007)",
                  "Cyprus v. Turkey (ECtHR 2001)"]
    if f["high_capacity"] is True:
        if attaches is True:
            reasons.append(f"{state}'s capacity plays no part in this conclusion.")
        else:
            reasons.append(f"Capacity alone does not ground this duty: states with troops on the ground ‘presumably "
                           f"can act’, yet Behrami and Cyprus suggest that ‘the state's positive capacity does not "
                           f"trigger the duties’.")
            cites.append("Hakimi, Part IV.B.2, p. 271")
    # Breach: it attaches, the state made no reasonable efforts to restrain, and it can bear the duty.
    breached, g, o, r, because2, c = _positive_breach(
        f, state, "duty to protect", attaches, "made_reasonable_efforts_to_restrain",
        "made reasonable efforts to restrain the perpetrators, exercising the diligence due",
        "did not make reasonable efforts to restrain the perpetrators (for example economic, diplomatic or criminal "
        "measures): it failed to exercise the diligence due")
    if attaches is not False:
        cites.append("Hakimi, Part IV.B.2, p. 273")
    because = "; ".join(x for x in (because if attaches is None else "", because2) if x) if breached is None else ""
    if attaches is None and not because2:
        because = because or _unknown_phrase(open_facts)
    return Finding("protect", attaches, breached, tuple(dict.fromkeys(grounds + g)), tuple(reasons + r),
                   tuple(dict.fromkeys(cites + c)), tuple(dict.fromkeys(open_facts + o)), because)


# --- 3. Duty not to obstruct (Part IV.B.3, pp. 273–76) ------------------------------------
NOT_OBSTRUCT_WORDS = (
    Quote("No matter whether a state must actively try to restrain a third-party perpetrator, it might be prohibited "
          "from obstructing the protective measures that third parties pursue.", "Hakimi, Part IV.B.3, p. 273"),
    Quote("a state that obstructs one measure might be responsible only if it does not pursue a meaningful "
          "alternative, or only if it cannot justify its obstruction by a sufficiently weighty countervailing "
          "interest.", "Hakimi, Part IV.B.3, p. 273"),
    Quote("This broader pattern of behavior suggests that China might have acted obstructively and that Russia very "
          "likely did.", "Hakimi, Part IV.B.3, pp. 274–75 & nn. 161–166"),
)


def not_obstruct(f: Facts, state: str = "the outside state") -> Finding:
    """No state may impede others' protective measures. Hakimi offers two limits, as
    alternatives: no meaningful alternative pursued, *or* no sufficiently weighty
    countervailing interest. Where the two limits give different answers, the breach is
    not established (the article leaves open which governs).

    >>> from r2pkit.duties.facts import normalize_facts
    >>> o = not_obstruct(normalize_facts({"obstructs_protective_measures": True,
    ...     "offers_meaningful_alternative": False, "weighty_countervailing_interest": True}))
    >>> o.attaches, o.breached
    (True, None)
    """
    f, state = _given(f, state)
    obs, alt, weight = (f["obstructs_protective_measures"], f["offers_meaningful_alternative"],
                        f["weighty_countervailing_interest"])
    reasons = [f"The duty not to obstruct attaches to {state} as to every state, whatever its relationship with the "
               f"situation: it does not require affirmative help, only that {state} not get in the way of "
               f"measures that others pursue to protect the population."]
    cites = ["Hakimi, Part IV.B.3, pp. 273–76"]
    grounds: list[str] = []
    open_facts: list[str] = []
    because = ""
    if obs is False:
        breached: Tri = False
        grounds.append("obstructs_protective_measures")
        reasons.append(f"{state} does not obstruct protective measures, so the duty is not breached.")
    elif obs is None:
        breached = None
        open_facts.append("obstructs_protective_measures")
        because = _unknown_phrase(open_facts)
        reasons.append(f"Whether the duty is breached is not established: {because}. If {state} obstructs, the "
                       f"breach would further turn on whether it pursues a meaningful alternative and whether it "
                       f"has a sufficiently weighty countervailing interest.")
    else:
        grounds.append("obstructs_protective_measures")
        by_alternative, by_interest = _not(alt), _not(weight)
        reasons.append(f"{state} obstructs protective measures. Because states can reasonably disagree about which "
                       f"measures are appropriate, Hakimi would hold an obstructing state responsible ‘only if it "
                       f"does not pursue a meaningful alternative, or only if it cannot justify its obstruction by a "
                       f"sufficiently weighty countervailing interest’.")
        if by_alternative is not None and by_alternative == by_interest:
            breached = by_alternative
            grounds += ["offers_meaningful_alternative", "weighty_countervailing_interest"]
            if breached:
                reasons.append(f"{state} pursues no meaningful alternative and has no sufficiently weighty "
                               f"countervailing interest, so on either limit the duty is breached.")
            else:
                reasons.append(f"{state} pursues a meaningful alternative and has a sufficiently weighty countervailing "
                               f"interest, so on either limit the obstruction is not a breach.")
        else:
            breached = None
            open_facts += [n for n in ("offers_meaningful_alternative", "weighty_countervailing_interest")
                           if f[n] is None]
            grounds += [n for n in ("offers_meaningful_alternative", "weighty_countervailing_interest")
                        if f[n] is not None]
            if open_facts:
                because = _unknown_phrase(open_facts)
                reasons.append(f"Whether the obstruction is a breach is not established on these facts: {because}. "
                               f"It would be a breach if {state} pursued no meaningful alternative and had no "
                               f"sufficiently weighty countervailing interest.")
            else:
                because = "the two limits the article offers give different answers, and it does not say which governs"
                reasons.append(f"The two limits give different answers here ({state} "
                               f"{'pursues' if alt else 'does not pursue'} a meaningful alternative but "
                               f"{'has' if weight else 'has no'} sufficiently weighty countervailing interest), and "
                               f"Hakimi offers them as alternatives without choosing, so the breach is not established.")
    return Finding("not_obstruct", True, breached, tuple(grounds), tuple(reasons), tuple(cites),
                   tuple(open_facts), because)


# --- 4. Duty to assist (Part IV.B.4 / IV.C in the table of contents, pp. 276–79) ----------
ASSIST_WORDS = (
    Quote("outside states might have to help foster conditions that are inhospitable to atrocities.",
          "Hakimi, Part IV.B.4 (IV.C in the table of contents), p. 276"),
    Quote("Still, positive capacity is an insufficient basis for assigning responsibility.",
          "Hakimi, Part IV.B.4 (IV.C in the table of contents), p. 279"),
    Quote("an outside state might be responsible for not helping a population if the state contributed to the risk "
          "of atrocities breaking out", "Hakimi, Part IV.B.4 (IV.C in the table of contents), p. 279 & n. 188"),
    Quote("or if the state has a unique relationship with the population, such as one rooted in a colonial past",
          "Hakimi, Part IV.B.4 (IV.C in the table of contents), p. 279"),
    Quote("it might account for states' positive capacities in ways that other R2P duties do not",
          "Hakimi, Part IV.B.4 (IV.C in the table of contents), p. 279"),
)
H_ASSIST = "Hakimi, Part IV.B.4 (IV.C in the table of contents), p. 276"


def assist(f: Facts, state: str = "the outside state") -> Finding:
    """A duty to help lessen the risk of atrocities, attaching when the state contributed to
    the risk or has a unique relationship with the population. Capacity never suffices.

    >>> from r2pkit.duties.facts import normalize_facts
    >>> a = assist(normalize_facts({"high_capacity": True, "contributed_to_risk": False,
    ...                             "special_relationship": False}))
    >>> a.attaches, a.breached, "Capacity alone does not ground this duty" in " ".join(a.reasoning)
    (False, False, True)
    """
    f, state = _given(f, state)
    contributed, special = f["contributed_to_risk"], f["special_relationship"]
    attaches = _or(contributed, special)
    reasons: list[str] = []
    cites = [H_ASSIST, "Hakimi, Part IV.B.4 (IV.C in the table of contents), p. 279 & nn. 186–188"]
    grounds: list[str] = []
    open_facts: list[str] = []
    because = ""
    if contributed is True:
        grounds.append("contributed_to_risk")
        reasons.append(f"{state}'s own conduct contributed to the risk of atrocities breaking out, so it bears a duty to "
                       f"help lessen that risk.")
    if special is True:
        grounds.append("special_relationship")
        reasons.append(f"{state} has a unique relationship with the population (Hakimi's example is ‘one rooted in a "
                       f"colonial past’), so it bears a duty to help lessen the risk of atrocities.")
    if attaches is False:
        grounds += ["contributed_to_risk", "special_relationship"]
        reasons.append(f"The duty to assist does not attach: {state} did not contribute to the risk of atrocities and "
                       f"has no unique relationship with the population.")
    elif attaches is None:
        open_facts += [n for n, v in (("contributed_to_risk", contributed), ("special_relationship", special))
                       if v is None]
        because = _unknown_phrase(open_facts)
        reasons.append(f"Whether the duty to assist attaches is not established on these facts: it would attach if "
                       f"{state} contributed to the risk of atrocities or had a unique relationship with the "
                       f"population; {because}.")
    if attaches is not True and (f["high_capacity"] is True or attaches is False):
        reasons.append("Capacity alone does not ground this duty: ‘positive capacity is an insufficient basis for "
                       "assigning responsibility’" + (f", however capable {state} is." if f["high_capacity"] else "."))
    elif f["high_capacity"] is not None:
        reasons.append(f"{state}'s capacity is not what grounds the duty, though Hakimi allows that a duty to assist "
                       f"‘might account for states' positive capacities in ways that other R2P duties do not’, for "
                       f"example in how much it must do.")
    breached, g, o, r, because2, c = _positive_breach(
        f, state, "duty to assist", attaches, "helps_lessen_risk", "helps lessen the risk of atrocities breaking out",
        "does not help lessen the risk of atrocities breaking out")
    if f["high_capacity"] is not None:
        c.append(H_CAPACITY)
    because = "; ".join(x for x in (because if attaches is None else "", because2) if x) if breached is None else ""
    return Finding("assist", attaches, breached, tuple(dict.fromkeys(grounds + g)), tuple(reasons + r),
                   tuple(dict.fromkeys(cites + c)), tuple(dict.fromkeys(open_facts + o)), because)


#: The rules in Hakimi's order.
RULES: dict[str, Callable[..., Finding]] = {"respect": respect, "protect": protect,
                                            "not_obstruct": not_obstruct, "assist": assist}
#: The article's words each rule implements.
WORDS: dict[str, tuple[Quote, ...]] = {"respect": RESPECT_WORDS, "protect": PROTECT_WORDS,
                                       "not_obstruct": NOT_OBSTRUCT_WORDS, "assist": ASSIST_WORDS}

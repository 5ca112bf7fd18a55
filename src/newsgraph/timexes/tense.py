"""The tense of the clause a time expression sits in, read from the spaCy parse.

``tense_at(analysis, start, end)`` climbs from the expression's head token to
the verb that governs it and returns ``"past"``, ``"future"`` (will/shall,
going to, modals such as could/would/may, and plan/expect/schedule-to
constructions), ``"present"`` or ``None`` when there is no parse or no verb.
Non-finite verbs (to-infinitives, participles) defer to the verb above them,
so "the summit reached in September" takes the tense of the main clause.
"""

from __future__ import annotations

from typing import Any

FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
MODALS = {"may", "might", "can", "should", "must", "ca"}
# "would"/"could" are as often the past of will/can in reported speech ("said they would
# appeal") as a future: they leave the direction open (nearest day).
OPEN_MODALS = {"would", "could", "'d"}
FUTURE_LEMMAS = {
    "plan", "expect", "schedule", "intend", "aim", "prepare", "propose", "set", "due", "hope",
    "want", "seek", "promise", "vow", "pledge", "threaten", "agree", "invite",
}


# Verbs whose object is a later event: their own past tense says nothing of its date.
PLAN_LEMMAS = {"plan", "schedule", "reschedule", "set", "expect", "postpone", "delay", "intend"}


# Verbs that move a deadline: "until <time>" after them is later than the telling.
DEADLINE_LEMMAS = {"postpone", "delay", "extend", "give", "adjourn", "defer", "push", "grant", "reschedule",
                   "suspend", "recess"}


def tense_at(analysis: Any, start: int, end: int) -> str | None:
    if analysis is None:
        return None
    span = analysis.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    if span.start > 0 and analysis[span.start - 1].lower_ in ("effective", "payable"):
        return "future"  # "a dividend payable Dec. 15", "a new pact effective June 1"
    token = span.root
    prep = token.head
    if prep.lower_ in ("until", "till") and prep.head.lemma_ in DEADLINE_LEMMAS:
        return "future"  # "postponed until Tuesday", "extended its deadline until 9 a.m. Tuesday"
    for _ in range(12):
        if token.pos_ in ("VERB", "AUX") and token.i not in range(span.start, span.end):
            tense = verb_tense(token)
            if tense == "open" or (tense == "past" and token.lemma_ in PLAN_LEMMAS):
                return None  # "planned a rally on Saturday": the plan is past, the rally open
            if tense != "nonfinite":
                return tense
            if token.tag_ == "VBN" and token.dep_ in ("acl", "advcl", "conj") and not any(
                    c.dep_ in ("aux", "auxpass") for c in token.children):
                return "past"  # "the decision, announced Wednesday, ..."
            if token.dep_ == "xcomp" and (token.head.lemma_ in FUTURE_LEMMAS or token.head.lemma_ == "be"):
                head_tense = verb_tense(token.head)
                if head_tense in ("present", "future", "nonfinite"):
                    return "future"  # "is to resume Tuesday", "plans to visit Friday"
                return None  # "had been due to expire Friday": the plan is past, the date open
        if token.head is token:
            break
        token = token.head
    return None


def verb_tense(verb: Any) -> str:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX:
        return "future"
    if words & OPEN_MODALS:
        return "past" if verb.tag_ == "VBN" and "have" in words else "open"
    modal = [a for a in auxes if a.tag_ == "MD" or a.lower_ in MODALS]
    if modal:
        if verb.tag_ == "VBN" and "have" in words:
            return "past"  # could have met
        return "future"
    if verb.lower_ == "going" and any(c.dep_ == "xcomp" for c in verb.children):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        if verb.lemma_ in ("be",) and any(c.dep_ == "xcomp" and c.lemma_ in ("due",) for c in verb.children):
            return "future"
        return "past"
    if verb.tag_ == "VBN" and words & {"has", "have", "'ve", "'s"}:
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or words & {"is", "are", "am", "'re", "'m"}:
        if verb.tag_ == "VBG" or (verb.tag_ == "VBN" and verb.lemma_ in FUTURE_LEMMAS):
            return "future"  # "is visiting Tuesday", "is scheduled to"
        return "present"
    if verb.tag_ == "MD":
        return "open" if verb.lower_ in OPEN_MODALS else "future"
    return "nonfinite"


def past_perfect_at(analysis: Any, start: int, end: int) -> bool:
    """True when the verb governing the expression is a past perfect ("had signed it on 8
    December", "had been sealed on 13 August"): the clause looks back from the narrative time."""
    if analysis is None:
        return False
    span = analysis.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    token = span.root
    for _ in range(12):
        if token.pos_ in ("VERB", "AUX") and token.i not in range(span.start, span.end):
            return token.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d")
                                               for c in token.children)
        if token.head is token:
            break
        token = token.head
    return False

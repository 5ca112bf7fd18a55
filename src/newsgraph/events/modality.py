"""Modality: did the event happen, by the article's account, or is it planned, alleged, denied...

The trigger's clause is read upward through the dependency tree, from the trigger to the
governing verbs that embed it ("expected to include ... a visit", "accused X of supplying"),
stopping at a reporting verb ("said", "reported": those give the *source*, not the modality) or at
the sentence root. The first cue met decides:

===============  ===========================================================================
modality         cues
===============  ===========================================================================
negated          "not"/"never" on the trigger's verb, "neither ... nor", "no" before a noun,
                 governed by refuse/fail/decline
planned          will/shall; "is to"/"were to"; governed by plan/intend/schedule/set/agree...;
                 "would" under a reporting verb with an agent subject ("said they would meet")
expected         governed by expect/likely/poised/due; "likely"/"probably"
alleged          governed by accuse/allege/claim/charge/suspect/blame; "allegedly"
denied           governed by deny
hypothetical     could/might/may/would (elsewhere); "if"/"unless"/"whether" clauses;
                 governed by want/hope/seek/consider/threaten
requested        governed by urge/call on/ask/demand/press/invite/appeal
asserted         none of the above
===============  ===========================================================================
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import CLAIM_SOURCE, reporting_verbs
from ..model import Modality

if TYPE_CHECKING:
    from spacy.tokens import Token

REPORTING_VERBS = reporting_verbs(CLAIM_SOURCE)  # "say", "report", "tell", ...: newsgraph.lexicon
PLANNING = frozenset({"plan", "intend", "schedule", "set", "prepare", "prepared", "aim", "agree", "promise",
                      "pledge", "vow", "decide", "arrange", "go", "resolve", "due", "slate"})
EXPECTING = frozenset({"expect", "likely", "poise", "anticipate", "predict", "forecast", "poised"})
ALLEGING = frozenset({"accuse", "allege", "claim", "charge", "suspect", "blame"})
DENYING = frozenset({"deny"})
NEGATING = frozenset({"refuse", "fail", "decline", "avoid", "stop", "unwilling"})
HYPOTHESIZING = frozenset({"want", "hope", "wish", "seek", "try", "consider", "mull", "threaten", "warn",
                           "wary", "reluctant", "hesitant", "eager", "keen", "ready", "willing",
                           "weigh", "propose", "offer", "could", "may", "might", "unclear"})
REQUESTING = frozenset({"urge", "call", "ask", "demand", "press", "invite", "appeal", "request",
                        "pressure", "encourage", "push", "implore"})
# passive raising verbs that attribute an act to hearsay or belief: "is believed to have sent"
EPISTEMIC_PASSIVE = frozenset({"believe", "think", "say", "understand", "report", "rumor", "rumour",
                               "allege", "suspect", "presume", "claim"})
HYPOTHETICAL_MODALS = frozenset({"could", "might", "may", "would", "should", "can", "must"})
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})
EMBEDDING_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "dobj", "pobj", "prep", "conj", "attr",
                            "nsubj", "nsubjpass", "appos", "acomp", "oprd", "advcl"})


def _governed_cue(lemma: str) -> str | None:
    if lemma in NEGATING:
        return Modality.NEGATED
    if lemma in DENYING:
        return Modality.DENIED
    if lemma in ALLEGING:
        return Modality.ALLEGED
    if lemma in EXPECTING:
        return Modality.EXPECTED
    if lemma in REQUESTING:
        return Modality.REQUESTED
    if lemma in PLANNING:
        return Modality.PLANNED
    if lemma in HYPOTHESIZING:
        return Modality.HYPOTHETICAL
    return None


def _own_cues(token, reported: bool) -> str | None:
    """Cues attached to one token of the chain (its auxiliaries, negation, markers, adverbs)."""
    children = list(token.children)
    lowers = {c.lower_ for c in children}
    for child in children:
        if child.dep_ == "neg" or child.lower_ in ("never",):
            return Modality.NEGATED
        neither = any(g.dep_ == "preconj" and g.lower_ == "neither" for g in child.children)
        if child.dep_ in ("dobj", "pobj", "attr") and neither:
            return Modality.NEGATED
        if child.dep_ == "prep":
            for pobj in child.children:
                if any(g.dep_ == "preconj" and g.lower_ == "neither" for g in pobj.children):
                    return Modality.NEGATED
    if token.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "det" and c.lower_ == "no" for c in children):
        return Modality.NEGATED
    for child in children:
        if child.dep_ in ("nsubj", "nsubjpass") and any(g.dep_ == "det" and g.lower_ == "no" for g in child.children):
            return Modality.NEGATED  # "no agreements were signed"
        if child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in child.children):
            return Modality.HYPOTHETICAL  # "would meet again only if Moscow offered"
    for child in children:
        if child.dep_ == "advmod" and child.lower_ in ("allegedly", "purportedly", "supposedly", "reportedly"):
            return Modality.ALLEGED
        if child.dep_ == "advmod" and child.lower_ in ("likely", "probably", "expectedly"):
            # "Russia likely provided help": an assessment of a past act, not a forecast
            return Modality.ALLEGED if _past_without_modal(token) else Modality.EXPECTED
        if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
            return Modality.HYPOTHETICAL
    for child in children:
        if child.dep_ != "aux":
            continue
        word = child.lower_
        if word in FUTURE_MODALS:
            return Modality.PLANNED
        if word == "would":
            return Modality.PLANNED if reported and _has_agent_subject(token) else Modality.HYPOTHETICAL
        if word in HYPOTHETICAL_MODALS:
            return Modality.HYPOTHETICAL
        if word == "to" and token.dep_ == "xcomp" and token.head.lemma_ == "be":
            return Modality.PLANNED  # "is to meet", "were to meet"
    if "whether" in lowers:
        return Modality.HYPOTHETICAL
    return None


def _restricts_a_hypothetical_subject(relcl) -> bool:
    """A relative clause in the subject of a hypothetical clause ("soldiers who join the fighting
    would become targets", "anyone who attacks could face"): what it says is itself only supposed."""
    noun, verb = relcl.head, relcl.head.head
    return (noun.dep_ in ("nsubj", "nsubjpass") and verb.pos_ in ("VERB", "AUX")
            and not any(c.dep_ == "aux" and c.lower_ in FUTURE_MODALS | {"to"} for c in relcl.children)
            and any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_MODALS for c in verb.children))


def _past_without_modal(token) -> bool:
    auxes = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    if auxes & (FUTURE_MODALS | HYPOTHETICAL_MODALS | {"to"}):
        return False
    return token.tag_ == "VBD" or (token.tag_ == "VBN" and bool(auxes & {"has", "have", "had"}))


AGENT_NOUNS = frozenset({
    "delegation", "leader", "official", "diplomat", "minister", "president", "government",
    "country", "nation", "ally", "side", "party", "army", "military", "force", "troop", "navy",
    "administration", "regime", "state", "envoy", "negotiator", "team", "spokesman", "member",
})


def _has_agent_subject(token) -> bool:
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return (child.pos_ in ("PROPN", "PRON") or child.ent_type_ in ("PERSON", "GPE", "ORG", "NORP")
                    or child.lemma_.lower() in AGENT_NOUNS)
    if token.dep_ == "conj" and token.head.i != token.i:
        return _has_agent_subject(token.head)  # "it would no longer be bound ... and would send"
    return False


def _under_reporting_verb(token) -> bool:
    for anc in token.ancestors:
        if anc.lemma_.lower() in REPORTING_VERBS:
            return True
    return False


# An event noun takes the modality of the verb it is an argument of only when that verb stands
# for the event ("the talks will include a visit", "the priority may be a visit"); "a deal that
# could boost Russia's invasion" leaves the invasion asserted.
CONTAINING_VERBS = frozenset({"include", "involve", "feature", "be", "become", "comprise", "mean",
                              "plan", "propose", "prepare", "schedule", "arrange", "seek", "want",
                              "discuss", "consider", "expect", "hope", "await", "take", "happen",
                              "occur", "join", "participate", "conduct", "carry", "launch", "hold",
                              "deny", "confirm", "admit", "acknowledge", "allege", "claim"})
# "reports that X did Y": Y is a claim; denied when the reports are dismissed
REPORT_NOUNS = frozenset({"report", "claim", "allegation", "accusation", "suggestion", "rumor",
                          "rumour", "speculation", "assertion"})
DISMISSING = frozenset({"deny", "dismiss", "reject", "refute", "rebuff"})
NOUN_CUES = {
    "planned": Modality.PLANNED, "scheduled": Modality.PLANNED, "upcoming": Modality.PLANNED,
    "proposed": Modality.HYPOTHETICAL, "possible": Modality.HYPOTHETICAL, "potential": Modality.HYPOTHETICAL,
    "rumored": Modality.EXPECTED, "rumoured": Modality.EXPECTED, "expected": Modality.EXPECTED,
    "likely": Modality.EXPECTED, "alleged": Modality.ALLEGED, "purported": Modality.ALLEGED,
    "suspected": Modality.ALLEGED, "failed": Modality.NEGATED, "cancelled": Modality.NEGATED,
    "canceled": Modality.NEGATED,
}


def _noun_cue(noun) -> str | None:
    for child in noun.children:
        if child.dep_ in ("amod", "compound") and child.lower_ in NOUN_CUES:
            return NOUN_CUES[child.lower_]
    return None


def classify(trigger_token: Token, pred: Token) -> tuple[str, Token | None]:
    """(modality, cue token) for a trigger whose clause is headed by ``pred``."""
    reported = _under_reporting_verb(pred)
    chain = [trigger_token] if trigger_token.i != pred.i else []
    token = pred
    steps = 0
    if trigger_token.pos_ in ("NOUN", "PROPN"):
        cue = _noun_cue(trigger_token)
        if cue is not None:
            return cue, trigger_token
    while token is not None and steps < 8:
        chain.append(token)
        if (token.dep_ in ("acl", "ccomp") and token.head.pos_ == "NOUN"
                and token.head.lemma_.lower() in REPORT_NOUNS):
            cue = _own_cues(token, reported)
            if cue is not None:
                return cue, token
            gov = token.head.head
            return (Modality.DENIED if gov.lemma_.lower() in DISMISSING else Modality.ALLEGED), token.head
        if token.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            cue = _own_cues(token, reported)
            return (cue or Modality.PLANNED), token  # "an invitation to visit", "plans to meet"
        if token.dep_ == "relcl" and _restricts_a_hypothetical_subject(token):
            return Modality.HYPOTHETICAL, token.head.head  # "soldiers who join the fighting would become targets"
        if token.dep_ in ("ROOT", "relcl", "acl") or token.dep_ not in EMBEDDING_DEPS:
            break
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj"):
            gov = token.head.head if token.dep_ == "pobj" else token.head
            if gov.lemma_.lower() not in CONTAINING_VERBS:
                break
        head = token.head
        if head.lemma_.lower() in REPORTING_VERBS and token.dep_ in ("ccomp", "conj", "dobj"):
            break
        token = head
        steps += 1
    for i, tok in enumerate(chain):
        cue = _own_cues(tok, reported)
        if cue is not None:
            return cue, tok
        if i + 1 < len(chain):
            gov = chain[i + 1]
            lemma = gov.lemma_.lower()
            embeds = tok.dep_ in ("xcomp", "ccomp", "pcomp", "dobj", "advcl") or (
                tok.dep_ == "prep" and gov.pos_ in ("VERB", "ADJ"))
            if tok.dep_ in ("nsubjpass", "nsubj") and tok.pos_ in ("NOUN", "PROPN") and lemma in PLANNING | EXPECTING:
                cue = _governed_cue(lemma)  # "the exercises are scheduled for November"
                if cue is not None:
                    return cue, gov
            if (tok.dep_ == "xcomp" and lemma in EPISTEMIC_PASSIVE
                    and any(c.dep_ == "auxpass" for c in gov.children)):
                return Modality.ALLEGED, gov  # "is believed to have sent", "is said to have supplied"
            if embeds:
                cue = _governed_cue(lemma)
                if cue is not None:
                    if _own_cues(gov, reported) == Modality.NEGATED:
                        return Modality.NEGATED, gov  # "did not plan to sign"
                    return cue, gov
            if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
                return Modality.HYPOTHETICAL, tok
    return Modality.ASSERTED, None


# Acts their doers keep secret and deny, so that a report of one by anyone else is a claim: arms
# transfers, cyberattacks, smuggling and sanctions evasion. Public acts (meetings, visits,
# statements) reported by a news agency stay asserted, and so do troop deployments and signal
# jamming, which others observe.
COVERT_GOODS = frozenset({"arm", "arms", "weapon", "weaponry", "missile", "munition", "munitions",
                          "ammunition", "shell", "rocket", "drone", "artillery", "ordnance", "bomb",
                          "warhead", "launcher", "materiel"})
COVERT_TRIGGERS = frozenset({"smuggle", "hack", "launder", "evade", "cyberattack", "siphon", "steal"})


def covert_act(trigger_token: Token, pred: Token, etype: str) -> bool:
    """The event is an act of the kind its doer hides: an arms transfer (AID with weapons among
    its objects), hacking, smuggling, laundering, evasion."""
    if trigger_token.lemma_.lower() in COVERT_TRIGGERS:
        return True
    if etype != "AID":
        return False
    holders = [pred] if pred.i == trigger_token.i else [pred, trigger_token]
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("dobj", "dative", "nsubjpass", "compound", "amod") or (
                    child.dep_ == "prep" and child.lower_ in ("with", "of")):
                if any(t.lemma_.lower() in COVERT_GOODS or t.lower_ in COVERT_GOODS for t in child.subtree):
                    return True
    return False

"""Context rules that give a trigger another PLOVER type than its lexicon entry (issue 17).

Each rule names one English construction whose words alone mislead the lexicon:

* weapons launched or fired *at* a target are an attack, not a weapons test ("fired rockets at
  border towns" ASSAULT; "fired missiles into the sea" stays MOBILIZE 'weapons');
* a protest lodged with a government, or an official/formal one, is a diplomatic complaint
  (ACCUSE 'disapprove', manual 3.9), not a street protest;
* the verb "protest" done by a crowd ("thousands of students protested") or as the purpose of an
  action ("drove tractors into the city to protest the tariffs") is a street protest (PROTEST
  'demo'); by a body or a person it stays the verbal complaint ACCUSE;
* a vow, pledge or oath to fight, attack or retaliate is a THREATEN (manual 3.11), not an AGREE;
* an order whose object is a material act ("ordered patrols by police", "ordered the arrest of
  X") is that act by whoever ordered it; "ordered X to leave" stays a REQUEST;
* training fighters is MOBILIZE; training another side's forces is AID (military assistance);
* troops arriving somewhere are a deployment, not a visit: peacekeepers or relief units arriving
  are AID (manual 3.6: military assistance, personnel), other forces MOBILIZE 'troops' (3.14).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import Lexicon
from .triggers import Trigger, verb_trigger

if TYPE_CHECKING:
    from spacy.tokens import Token

TARGET_PREPS = frozenset({"at", "against", "on", "upon"})
DIPLOMATIC_PROTEST_VERBS = frozenset({"lodge", "file", "register", "deliver", "send", "submit", "issue"})
DIPLOMATIC_PROTEST_MARKERS = frozenset({"official", "formal", "diplomatic", "written", "strong", "strongly-worded"})
CROWD_NOUNS = frozenset({"farmer", "worker", "student", "demonstrator", "protester", "protestor", "villager",
                         "resident", "supporter", "activist", "teacher", "doctor", "nurse", "miner", "driver",
                         "crowd", "thousand", "hundred", "dozen", "people", "youth", "employee", "pensioner",
                         "trucker", "taxi", "fisherman", "union", "mob", "marcher"})
SPEECH_LEMMAS = frozenset({"say", "tell", "write", "announce", "state", "declare", "argue", "add", "claim"})
COMMISSIVE_VERBS = frozenset({"vow", "pledge", "promise", "swear"})
THREAT_COMPLEMENT_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION"})
THREAT_COMPLEMENT_VERBS = frozenset({"retaliate", "avenge", "punish", "resist", "fight", "crush", "destroy",
                                     "strike", "attack", "wipe", "eliminate", "annihilate"})
FORCE_WORDS = frozenset({"troop", "soldier", "force", "battalion", "brigade", "contingent", "unit", "peacekeeper",
                         "marine", "paratrooper", "division", "regiment", "army"})
ORDER_VERBS = frozenset({"order", "authorize", "authorise", "command"})
MATERIAL_TYPES = frozenset({"MOBILIZE", "ASSAULT", "COERCE", "RETREAT", "AID"})
AID_FORCE_WORDS = frozenset({"peacekeeper", "peacekeeping", "relief", "rescue", "humanitarian", "medical",
                             "aid", "medic"})
DEPLOYING_VERBS = frozenset({"deploy", "send", "dispatch", "station", "contribute", "pledge"})


def retype_by_context(trig: Trigger, etype: str, mode: str | None, lexicon: Lexicon) -> tuple[str, str | None]:
    """(type, mode) after the construction rules above; unchanged where none applies."""
    lemma = trig.token.lemma_.lower()
    if etype == "MOBILIZE" and mode == "weapons" and lemma in ("fire", "launch") and _aimed(trig.pred):
        return "ASSAULT", None
    if etype == "PROTEST" and lemma == "protest" and trig.kind != "verb" and _diplomatic_protest(trig):
        return "ACCUSE", "disapprove"
    if etype == "ACCUSE" and lemma == "protest" and trig.kind == "verb" and _street_protest(trig.pred):
        return "PROTEST", "demo"
    if etype == "AGREE" and lemma in COMMISSIVE_VERBS and _threat_complement(trig.pred, lexicon):
        return "THREATEN", None
    if etype == "REQUEST" and lemma in ORDER_VERBS and trig.kind == "verb":
        ordered = _ordered_event(trig.pred, lexicon)
        if ordered is not None:
            return ordered
    if etype == "MOBILIZE" and lemma == "train" and _foreign_trainees(trig.pred):
        return "AID", None
    if etype == "CONSULT" and lemma == "arrive":
        forces = _arriving_forces(trig.pred)
        if forces is not None:
            return ("AID", None) if forces or _for_peacekeeping(trig.pred) else ("MOBILIZE", "troops")
    if etype == "MOBILIZE" and lemma in DEPLOYING_VERBS and trig.kind == "verb" and _for_peacekeeping(trig.pred):
        return "AID", None
    return etype, mode


def _aimed(verb: Token) -> bool:
    """"fired rockets at the towns", "launched missiles against": a target, not the sea."""
    return bool(aimed_targets(verb))


def aimed_targets(verb: Token) -> list[Token]:
    """The objects of the target phrases of a launch ("fired missiles at Ukraine": Ukraine;
    "launched artillery and rocket fire against camps": camps)."""
    owners = [verb]
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        owners += [obj, *obj.conjuncts]
    return [p for owner in owners for c in owner.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS
            for p in c.children if p.dep_ == "pobj" and p.ent_type_ not in ("DATE", "TIME")]


def _ordered_event(verb: Token, lexicon: Lexicon) -> tuple[str, str | None] | None:
    """"ordered patrols by police", "ordered the arrest of the mayor": a command whose object is
    a material act is that act, done by whoever commands it (the PLOVER actor); "ordered X to
    leave" stays a demand."""
    if any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
        return None
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        entry = lexicon.lookup(lexicon.nouns, obj.lemma_.lower(), set())
        if entry is not None and entry.type in MATERIAL_TYPES:
            return entry.type, entry.mode
    return None


def _foreign_trainees(verb: Token) -> bool:
    """"trained Ukrainian soldiers", "trained Hezbollah fighters": another side's forces."""
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        heads = [obj, *(p for prep in obj.children if prep.dep_ == "prep" and prep.lower_ == "of"
                        for p in prep.children if p.dep_ == "pobj")]  # "thousands of Houthi fighters"
        if any(t.ent_type_ in ("NORP", "GPE", "ORG") or t.pos_ == "PROPN" for h in heads for t in h.lefts):
            return True
    return False


def _diplomatic_protest(trig: Trigger) -> bool:
    noun, pred = trig.token, trig.pred
    if pred.lemma_.lower() in DIPLOMATIC_PROTEST_VERBS:
        return True
    if any(c.dep_ == "amod" and c.lower_ in DIPLOMATIC_PROTEST_MARKERS for c in noun.children):
        return True
    return any(c.dep_ == "prep" and c.lower_ == "with" for c in (*noun.children, *pred.children))


def _street_protest(verb: Token) -> bool:
    """The protest is done by a crowd, or is the purpose of an action ("drove tractors ... to
    protest"), not said by a body."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and _crowd(subject):
        return True
    if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and _crowd(verb.head):
        return True  # "demonstrators protesting the results"
    if verb.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return verb.head.pos_ == "VERB" and verb.head.lemma_.lower() not in SPEECH_LEMMAS | {"vow", "threaten"}
    return False


def _crowd(subject: Token) -> bool:
    words = [subject, *(p for prep in subject.children if prep.dep_ == "prep" and prep.lower_ == "of"
                        for p in prep.children if p.dep_ == "pobj")]
    return any(w.lemma_.lower() in CROWD_NOUNS or w.lower_ in CROWD_NOUNS or w.pos_ == "NUM"
               or (w.tag_ == "NNPS" and w.ent_type_ == "NORP") for w in words)  # "Palestinians protested"


def _threat_complement(verb: Token, lexicon: Lexicon) -> bool:
    """"vowed to fight", "swore to retaliate against Israel": the promised act is a use of force."""
    for clause in verb.children:
        infinitive = clause.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        if (clause.dep_ != "xcomp" and not infinitive) or any(c.dep_ == "neg" for c in clause.children):
            continue
        if clause.lemma_.lower() in THREAT_COMPLEMENT_VERBS:
            return True
        inner = verb_trigger(clause, lexicon)
        if inner is not None and inner.entry.type in THREAT_COMPLEMENT_TYPES:
            return True
    return False


def _for_peacekeeping(verb: Token) -> bool:
    """"deployed 300 troops to the UN peacekeeping mission", "sent troops to serve as a
    peacekeeping force", "deployed election observers": forces sent to keep a peace, observe or
    bring relief are protection given (CAMEO 074), not a show of force."""
    words = {t.lemma_.lower() for t in verb.subtree if t.i > verb.i or t.dep_ in ("nsubj", "nsubjpass")}
    return bool(words & (AID_FORCE_WORDS | {"observer", "peace-keeping", "peacekeep"}))


def _arriving_forces(verb: Token) -> bool | None:
    """None: the subject is no armed force; True: peacekeepers or relief forces; False: others."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    words = {t.lemma_.lower() for t in subject.subtree} | {t.lower_ for t in subject.subtree}
    if not words & FORCE_WORDS:
        return None
    return bool(words & AID_FORCE_WORDS)

"""Speech acts: a statement that itself demands, threatens or rejects is a verbal event of its speaker.

"Russia said that Sudan must return the helicopter" reports no return; it reports a demand by
Russia on Sudan (PLOVER REQUEST). The same holds for words in quotation marks: "The administration
'will not hesitate to impose new sanctions,' Mr. Miller said" is a THREATEN by the administration
(through its spokesman, the event's ``source``), and "Syria says it will not accept more refugees"
a REJECT. What the quoted words claim happened is still never coded as the article's own fact (the
coder skips triggers inside quotation marks); only the act of saying them is.

:func:`speech_acts` reads one sentence: each reporting verb ("say", "declare", "insist", ...) with
a content clause is checked for three shapes, in order:

* ``must``/``should``/``has to``/``needs to`` with a subject other than the speaker -> REQUEST on
  that subject;
* a future or modal negation by the speaker ("will not accept", "would not meet", "won't allow")
  of a verb of acceptance -> REJECT;
* a promise of force or pressure by the speaker ("will not hesitate to impose sanctions", "would
  blockade Paris", "will no longer tolerate", "will retaliate") -> THREATEN on the target of the
  threatened act, else on the parties of the article's previous event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .arguments import Party, Resolver
from .roles import entity_ids, find_subject, tagged, targets_in_phrase

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..model import Entity
    from .lexicon import Lexicon

# reporting verbs whose content clause can be a speech act ("warn", "urge", "vow" are triggers)
SPEECH_VERBS = frozenset({"say", "tell", "declare", "state", "insist", "add", "reiterate", "stress",
                          "announce", "conclude", "assert", "affirm", "maintain", "emphasize",
                          "emphasise", "write", "argue", "repeat", "claim", "signal", "indicate"})
OBLIGATION_MODALS = frozenset({"must", "should"})
OBLIGATION_VERBS = frozenset({"have", "need"})  # "has to", "needs to"
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo", "ca", "can", "could"})
# verbs of acceptance whose refusal is a REJECT ("will not accept", "would not meet demands")
ACCEPTANCE_VERBS = frozenset({"accept", "allow", "permit", "meet", "negotiate", "recognize", "recognise",
                              "agree", "comply", "bow", "yield", "back", "support", "attend", "join",
                              "participate", "extradite", "hand", "release", "consider", "discuss",
                              "talk", "sign", "endorse", "approve", "cooperate", "give", "lift",
                              "withdraw", "return", "surrender", "concede", "abide", "honor", "honour",
                              "respect", "host", "receive", "admit", "let", "grant", "resume"})
# verbs of force or pressure whose promise is a THREATEN
COERCIVE_VERBS = frozenset({"impose", "sanction", "retaliate", "respond", "strike", "attack", "hit",
                            "punish", "blockade", "block", "bomb", "invade", "expel", "cut", "suspend",
                            "halt", "sever", "freeze", "ban", "boycott", "destroy", "crush", "shoot",
                            "arrest", "seize", "close", "withhold", "stop", "end", "tighten", "use",
                            "act", "fight", "target", "launch", "take", "deploy", "veto", "prosecute"})
# "will not hesitate to ...", "will no longer tolerate ...": threats spelled as refusals
THREAT_NEGATED = frozenset({"hesitate", "tolerate", "stand", "sit", "allow", "rule"})
COERCIVE_OBJECTS = frozenset({"sanction", "measure", "action", "force", "step", "tariff", "penalty",
                              "countermeasure", "retaliation", "consequence", "blockade", "embargo"})


@dataclass
class SpeechAct:
    """One verbal event read from a statement's content."""

    type: str  # REQUEST | REJECT | THREATEN
    cue: str  # the content word read ("must", "not accept", "not hesitate")
    speech_verb: Token
    content: Token  # the content clause's verb
    actors: list[Party]
    recipients: list[Party]
    speaker: list[Party]


def _content_clauses(verb: Token) -> list[Token]:
    """The content clauses of a reporting verb: its ccomp, and for "'...,' X said" the clause the
    parser made the head of the reporting verb."""
    clauses = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")]
    if verb.dep_ in ("parataxis", "ccomp") and verb.head.pos_ in ("VERB", "AUX") and verb.head.i < verb.i:
        clauses.append(verb.head)
    return clauses


def _aux_lowers(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never", "longer") and c.dep_ in ("advmod", "neg")
               for c in verb.children)


def _obligation(clause: Token) -> tuple[Token, str] | None:
    """(the obliged verb, cue) for "must return", "should drop", "has to accept", "needs to stop"."""
    if _aux_lowers(clause) & OBLIGATION_MODALS and not _negated(clause):
        return clause, "must"
    if clause.lemma_.lower() in OBLIGATION_VERBS:
        for x in clause.children:
            if x.dep_ == "xcomp" and any(a.lower_ == "to" for a in x.children):
                return x, f"{clause.lemma_.lower()} to"
    return None


def _future_or_modal(verb: Token) -> bool:
    return bool(_aux_lowers(verb) & FUTURE_AUX) or verb.lemma_.lower() in ("refuse",)


def _same_side(resolver: Resolver, parties: list[Party], speaker: list[Party]) -> bool:
    """The content's subject is the speaker or speaks for the same state ("Syria says it ...");
    rebels and the government they fight are of one country but not one side."""
    ids, speaker_ids = set(entity_ids(parties)), set(entity_ids(speaker))
    if ids & speaker_ids:
        return True
    doc = resolver.doc

    def state_side(entity_id: str) -> Entity | None:
        entity = doc.entity(entity_id)
        return entity if entity is not None and entity.country and entity.sector != "REB" else None

    countries = {e.country for e in map(state_side, speaker_ids) if e is not None}
    return any((e := state_side(i)) is not None and e.country in countries for i in ids)


def _xcomp_chain(verb: Token) -> list[Token]:
    """The verb and the infinitives under it ("will not hesitate to impose")."""
    chain = [verb]
    for _ in range(3):
        nxt = next((c for c in chain[-1].children if c.dep_ == "xcomp"), None)
        if nxt is None:
            break
        chain.append(nxt)
    return chain


def _coercive(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in COERCIVE_VERBS:
        return lemma not in ("take", "use", "act", "end", "stop", "close", "launch", "cut") or _coercive_object(verb)
    return False


def _coercive_object(verb: Token) -> bool:
    """"take action", "use force", "cut ties", "launch strikes": the object makes the threat."""
    for child in verb.children:
        if child.dep_ == "dobj" and (child.lemma_.lower() in COERCIVE_OBJECTS | {"tie", "relation", "strike",
                                                                                 "attack", "aid", "supply"}):
            return True
    return verb.lemma_.lower() == "act"


def _threat(clause: Token) -> tuple[Token, str] | None:
    """The threatened act for "will not hesitate to impose", "will no longer tolerate", "would
    blockade", "will retaliate"; None when the clause promises no force."""
    if not _future_or_modal(clause) and not any(c.dep_ == "xcomp" and c.lemma_.lower() in ("ready", "prepared")
                                                for c in clause.children):
        return None
    lemma = clause.lemma_.lower()
    if _negated(clause):
        if lemma in THREAT_NEGATED:
            chain = _xcomp_chain(clause)
            return chain[-1], f"not {lemma}"
        return None
    for verb in _xcomp_chain(clause):
        if _coercive(verb):
            return verb, verb.lemma_.lower()
    return None


def _refusal(clause: Token) -> tuple[Token, str] | None:
    """"will not accept", "would not meet", "won't allow": a refused act of acceptance."""
    lemma = clause.lemma_.lower()
    if _negated(clause) and _future_or_modal(clause) and lemma in ACCEPTANCE_VERBS:
        return clause, f"not {lemma}"
    return None


def speech_acts(sent: Span, resolver: Resolver, lexicon: Lexicon, verbal_triggers: set[int]) -> list[SpeechAct]:
    """The speech acts of one sentence; ``verbal_triggers`` are the token indices of verbs already
    coded as events (a reporting verb that is itself a trigger, "warned", is left to the lexicon)."""
    acts: list[SpeechAct] = []
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in SPEECH_VERBS or verb.i in verbal_triggers:
            continue
        subject = find_subject(verb)
        speaker = [p for p in resolver.resolve(subject) if p.named or p.text] if subject is not None else []
        if not speaker:
            continue
        for clause in _content_clauses(verb):
            act = _read_content(resolver, verb, clause, speaker)
            if act is not None:
                acts.append(act)
                break
    return acts


def _read_content(resolver: Resolver, verb: Token, clause: Token, speaker: list[Party]) -> SpeechAct | None:
    subject_token = find_subject(clause)
    subject = resolver.resolve(subject_token) if subject_token is not None else []
    own = (subject_token is None or not subject or _same_side(resolver, subject, speaker)
           or subject_token.lower_ in ("we", "i")
           or {p.text for p in subject} <= {p.text for p in speaker})  # "farmers said they would"
    obligation = _obligation(clause)
    if obligation is not None and subject and not own:
        return SpeechAct("REQUEST", obligation[1], verb, obligation[0], tagged(speaker, "speaker"),
                         tagged([p for p in subject if p.named or p.text], "content_subject"), speaker)
    named_subject = bool(subject) and any(p.named for p in subject) and not (
        own and subject_token is not None and subject_token.pos_ == "PRON")  # "Syria says it ...": Syria
    doers = tagged(subject, "content_subject") if named_subject else tagged(speaker, "speaker")
    if not own and not any(p.named for p in subject):
        return None
    threat = _threat(clause)
    if threat is not None:
        return SpeechAct("THREATEN", threat[1], verb, threat[0], doers,
                         _objects_of(resolver, threat[0], doers), speaker)
    refusal = _refusal(clause)
    if refusal is not None and own:
        return SpeechAct("REJECT", refusal[1], verb, refusal[0], doers,
                         _objects_of(resolver, refusal[0], doers), speaker)
    return None


def _objects_of(resolver: Resolver, verb: Token, doers: list[Party]) -> list[Party]:
    """Named parties the act is aimed at: its objects and their "of/on/against/to" phrases."""
    taken = frozenset(entity_ids(doers))
    found: list[Party] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "nsubjpass"):
            found += [p for p in resolver.resolve(child, taken) if p.named and p.entity not in taken]
            found += _phrase_parties(resolver, child, taken) or targets_in_phrase(resolver, child, taken)
        if child.dep_ == "prep" and child.lower_ in ("on", "against", "to", "toward", "towards", "with"):
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                found += [p for p in resolver.resolve(pobj, taken) if p.named and p.entity not in taken]
    return tagged(found, "content_object")


def _phrase_parties(resolver: Resolver, noun: Token, taken: frozenset[str]) -> list[Party]:
    found: list[Party] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "on", "against", "by", "from", "to"):
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                found += [p for p in resolver.resolve(pobj, taken) if p.named and p.entity not in taken]
    return found

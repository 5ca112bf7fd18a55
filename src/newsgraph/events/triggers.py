"""Finding event triggers in a parsed sentence with the lexicon and a few dependency patterns.

Three shapes of trigger:

* a verb in the lexicon ("met", "accused", "test-fired", "called on"), whose object may decide
  the entry ("launched a missile" vs. "launched an offensive");
* a noun that is an event by itself ("summit", "talks", "a visit by X to Y");
* a noun that is an event as the object of a light verb ("imposed sanctions", "held talks",
  "conducted exercises"): the light verb then carries the subject, tense and modality.

A noun that is the object of a verbal trigger ("attended the summit", "met on a deal") is that
event's theme, not a second event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import Entry, Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Verbs that turn an event noun into a clause: "held talks", "imposed sanctions".
LIGHT_VERBS = frozenset({
    "hold", "conduct", "carry", "stage", "make", "pay", "impose", "slap", "launch", "begin",
    "start", "open", "resume", "give", "join", "have", "take", "level", "file", "lodge", "issue",
    "expand", "deepen", "strengthen", "continue", "reach", "announce", "mount",
    "undertake", "complete", "wrap", "extend", "increase", "step", "intensify", "plan", "schedule",
    "declare", "organize", "organise", "call", "lead", "end", "conclude", "finish", "perform",
    "bring", "go", "express", "voice",
})
# Nouns naming a joint exercise when modified by one of these (manual 3.14.1).
JOINT_MARKERS = frozenset({"joint", "combined", "trilateral", "bilateral", "multinational", "allied",
                           "multilateral"})
EXERCISE_NOUNS = frozenset({"exercise", "drill", "maneuver", "war game"})
QUANTITY_NOUNS = frozenset({"load", "lot", "ton", "shipment", "batch", "supply", "number", "amount",
                            "container", "million", "billion", "thousand", "hundred", "dozen",
                            "round", "piece", "kind", "type", "consignment", "stock", "stockpile"})
SKIP_VERB_LEMMAS = frozenset({"be", "have", "do"})


def is_light_verb(token: Token) -> bool:
    """``token`` is a light verb (the lemmatizer gives "stag" for "staged", so forms count too)."""
    lower = token.lower_
    forms = {token.lemma_.lower(), lower, lower[:-1], lower[:-2], lower[:-3]}
    return bool(forms & LIGHT_VERBS)


@dataclass
class Trigger:
    token: Token  # the content word
    pred: Token  # the token carrying subject, tense and modality (the verb, light verb or noun)
    entry: Entry
    kind: str  # verb | light | noun
    start: int  # character span of the trigger in the document
    end: int

    @property
    def rule(self) -> str:
        return f"events.{self.kind}"


def _object_lemmas(token) -> set[str]:
    lemmas: set[str] = set()
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
            for t in [child, *child.conjuncts]:
                lemmas.add(t.lemma_.lower())
                lemmas.update(c.lemma_.lower() for c in t.children if c.dep_ in ("compound", "amod", "nmod"))
                # "loads of ammunition": look through a quantity noun
                for prep in t.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of" and t.lemma_.lower() in QUANTITY_NOUNS:
                        lemmas.update(p.lemma_.lower() for p in prep.children if p.dep_ == "pobj")
        if child.dep_ == "prep":
            lemmas.update(p.lemma_.lower() for p in child.children if p.dep_ == "pobj")
        if child.dep_ == "xcomp":
            lemmas.add("@xcomp")  # "offered to mediate"
        if child.dep_ == "dobj":
            lemmas.add("@dobj")  # "warned Russia"
        if child.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in ("will", "would", "'ll", "shall")
                                         for a in child.children) and any(
                a.dep_ == "nsubj" and a.pos_ in ("PRON", "PROPN") for a in child.children):
            lemmas.add("@ccomp-future")  # "warned that it would respond", not "that a deal would ..."
    return lemmas


def _noun_object_lemmas(token) -> set[str]:
    lemmas: set[str] = set()
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod"):
            lemmas.add(child.lemma_.lower())
            lemmas.update(c.lemma_.lower() for c in child.conjuncts)
        if child.dep_ == "prep" and child.lower_ == "of":
            for p in child.children:
                if p.dep_ == "pobj":
                    lemmas.add(p.lemma_.lower())
                    lemmas.update(c.lemma_.lower() for c in p.children if c.dep_ == "compound")
    # "missile and satellite launches": the modifier of the first conjunct
    if token.dep_ == "conj":
        lemmas.update(c.lemma_.lower() for c in token.head.children if c.dep_ in ("compound", "amod"))
    return lemmas


def verb_trigger(token: Token, lexicon: Lexicon) -> Trigger | None:
    if token.pos_ != "VERB" or token.lemma_.lower() in SKIP_VERB_LEMMAS:
        return None
    doc = token.doc
    lemma = token.lemma_.lower()
    objects = _object_lemmas(token)
    keys: list[tuple[str, int]] = []
    i = token.i
    if (i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_
            and not doc[i - 2].whitespace_):
        keys.append((f"{doc[i - 2].lower_}-{lemma}", doc[i - 2].idx))
    for child in token.children:
        if child.dep_ in ("prt", "prep") and child.i > i:
            keys.append((f"{lemma} {child.lower_}", token.idx))
    keys.append((lemma, token.idx))
    for key, start in keys:
        entry = lexicon.lookup(lexicon.verbs, key, objects)
        if entry is not None:
            return Trigger(token, token, entry, "verb", start, token.idx + len(token.text))
    return None


def _noun_entry(token, lexicon: Lexicon) -> Entry | None:
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ in ("compound", "amod", "poss"):
        return None
    lemma = token.lemma_.lower()
    objects = _noun_object_lemmas(token)
    doc, i = token.doc, token.i
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        entry = lexicon.lookup(lexicon.nouns, f"{doc[i - 2].lower_}-{lemma}", objects)
        if entry is not None:
            return entry  # "cease-fire"
    for child in token.children:
        if child.dep_ in ("compound", "amod") and child.i == token.i - 1:
            entry = lexicon.lookup(lexicon.nouns, f"{child.lemma_.lower()} {lemma}", objects)
            if entry is not None:
                return entry
    return lexicon.lookup(lexicon.nouns, lemma, objects)


def noun_trigger(token: Token, lexicon: Lexicon) -> Trigger | None:
    entry = _noun_entry(token, lexicon)
    if entry is None:
        return None
    base = token
    while base.dep_ == "conj" and base.head.pos_ in ("NOUN", "PROPN"):
        base = base.head
    head = base.head
    span = (token.idx, token.idx + len(token.text))
    if base.dep_ in ("dobj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        if verb_trigger(head, lexicon) is not None:
            return None  # the theme of a verbal event ("attended the summit")
        if is_light_verb(head):
            return Trigger(token, head, entry, "light", *span)
    if base.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "on" and head.head.lemma_ == "go":
        return Trigger(token, head.head, entry, "light", *span)  # "went on strike"
    if (base.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "in"
            and head.head.lemma_ in ("take", "participate", "join", "engage")):
        return Trigger(token, head.head, entry, "light", *span)  # "took part in attacks"
    if base.dep_ == "pobj" and head.dep_ == "prep" and verb_trigger(head.head, lexicon) is not None:
        if head.lower_ not in ("during", "after", "before", "at"):
            return None  # "met on a deal", "participate in the summit"
    if entry.pos == "L":
        return None
    return Trigger(token, token, entry, "noun", *span)


def find_triggers(sent: Span, lexicon: Lexicon) -> list[Trigger]:
    found: list[Trigger] = []
    for token in sent:
        trigger = verb_trigger(token, lexicon) or noun_trigger(token, lexicon)
        if trigger is not None:
            found.append(trigger)
    return found


def is_joint(trigger: Trigger) -> bool:
    """Joint or combined exercises ("combined naval exercises", "joint drills with X")."""
    token = trigger.token
    mods = {c.lemma_.lower() for c in token.children if c.dep_ in ("amod", "compound", "nmod")}
    if token.dep_ == "conj":
        mods |= {c.lemma_.lower() for c in token.head.children if c.dep_ in ("amod", "compound")}
    return bool(mods & JOINT_MARKERS) or any(
        c.dep_ == "prep" and c.lower_ == "with" for c in token.children)

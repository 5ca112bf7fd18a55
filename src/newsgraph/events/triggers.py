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
    "bring", "go", "express", "voice", "renew", "speed", "accelerate", "tighten",
})
# "a mediation effort", "a rescue operation": nouns that frame an event noun compounded to them
FRAME_NOUNS = frozenset({"effort", "mission", "campaign", "operation", "process", "bid", "drive", "attempt",
                         "initiative"})
# "five days of war games", "a series of attacks": measures whose "of" object is the event
MEASURE_NOUNS = frozenset({"day", "week", "month", "hour", "year", "series", "wave", "spate", "round"})
# "lifted a state of emergency", "captured part of the town": the verb's object is the "of" noun
LOOK_THROUGH_NOUNS = frozenset({"state", "part", "portion", "half", "most", "much", "rest", "parts", "series",
                                "wave", "some", "all", "many", "several", "bulk", "majority", "remainder"})
# "remained on high alert", "put its troops on alert": states an agent is put in or stays in
STATE_VERBS = frozenset({"remain", "be", "put", "place", "stay", "keep", "go"})
PLACING_VERBS = frozenset({"put", "place", "come"})
# "reimposed a curfew", "redeployed troops": a re- verb repeats the action of its base verb
RE_PREFIX_EXCLUDED = frozenset({"call", "sign", "turn", "port", "lease", "main", "present", "cord", "act",
                                "serve", "solve", "view", "mark", "form", "place", "fer", "lay", "store"})
# Nouns naming a joint exercise when modified by one of these (manual 3.14.1).
JOINT_MARKERS = frozenset({"joint", "combined", "trilateral", "bilateral", "multinational", "allied",
                           "multilateral"})
EXERCISE_NOUNS = frozenset({"exercise", "drill", "maneuver", "war game"})
QUANTITY_NOUNS = frozenset({"load", "lot", "ton", "shipment", "batch", "supply", "number", "amount",
                            "container", "million", "billion", "thousand", "hundred", "dozen",
                            "round", "piece", "kind", "type", "consignment", "stock", "stockpile"})
SKIP_VERB_LEMMAS = frozenset({"be", "have", "do"})
# bodies whose announced future acts are a warning's threat: "warned that police will not tolerate"
ACTING_BODIES = frozenset({"police", "army", "military", "troop", "force", "government", "authority",
                           "authorities", "regime", "navy", "ministry", "administration", "security"})


def is_light_verb(token: Token) -> bool:
    """``token`` is a light verb (the lemmatizer gives "stag" for "staged", so forms count too)."""
    lower = token.lower_
    forms = {token.lemma_.lower(), lower, lower[:-1], lower[:-2], lower[:-3]}
    if forms & LIGHT_VERBS:
        return True
    base = _re_base(token)
    return base is not None and base in LIGHT_VERBS


def _re_base(token: Token) -> str | None:
    """"reimpose" -> "impose": the verb a re- prefixed verb repeats, else None."""
    lemma = token.lemma_.lower()
    if len(lemma) < 6 or not lemma.startswith("re"):
        return None
    base = lemma[3:] if lemma[2] == "-" else lemma[2:]
    return None if base in RE_PREFIX_EXCLUDED else base


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
                    if prep.dep_ == "prep" and prep.lower_ == "of" and t.lemma_.lower() in (
                            QUANTITY_NOUNS | LOOK_THROUGH_NOUNS):
                        lemmas.update(p.lemma_.lower() for p in prep.children if p.dep_ == "pobj")
        if child.dep_ == "prep":
            lemmas.update(p.lemma_.lower() for p in child.children if p.dep_ == "pobj")
        if child.dep_ == "xcomp":
            lemmas.add("@xcomp")  # "offered to mediate"
        if child.dep_ == "dobj":
            lemmas.add("@dobj")  # "warned Russia"
        if child.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in ("will", "would", "'ll", "shall")
                                         for a in child.children) and any(
                a.dep_ == "nsubj" and (a.pos_ in ("PRON", "PROPN") or a.lemma_.lower() in ACTING_BODIES)
                for a in child.children):
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
        # a particle; or one read as an adverb right after the verb ("rolled back tariffs")
        if child.dep_ in ("prt", "prep") and child.i > i or child.dep_ == "advmod" and child.i == i + 1:
            keys.append((f"{lemma} {child.lower_}", token.idx))
    keys.append((lemma, token.idx))
    base = _re_base(token)
    if base is not None and lemma not in lexicon.verbs:
        keys.append((base, token.idx))  # "reimposed", "redeployed"
    for key, start in keys:
        entry = lexicon.lookup(lexicon.verbs, key, objects)
        if entry is not None:
            return Trigger(token, token, entry, "verb", start, token.idx + len(token.text))
    return None


def _frames(token) -> bool:
    """"a mediation effort": the event noun compounded to a frame noun."""
    return token.dep_ == "compound" and token.head.lemma_.lower() in FRAME_NOUNS and token.head.i == token.i + 1


def _noun_entry(token, lexicon: Lexicon) -> Entry | None:
    if token.pos_ not in ("NOUN", "PROPN") or (token.dep_ in ("compound", "amod", "poss") and not _frames(token)):
        return None
    if token.ent_type_ in ("DATE", "TIME"):
        return None  # "in March", "the May Day"
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
    base = token.head if _frames(token) else token
    while base.dep_ == "conj" and base.head.pos_ in ("NOUN", "PROPN"):
        base = base.head
    if (base.dep_ == "pobj" and base.head.lower_ == "of" and base.head.head.lemma_.lower() in MEASURE_NOUNS
            and base.head.head.pos_ == "NOUN"):
        base = base.head.head  # "began five days of war games"
    head = base.head
    span = (token.idx, token.idx + len(token.text))
    if base.dep_ in ("dobj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        if verb_trigger(head, lexicon) is not None:
            return None  # the theme of a verbal event ("attended the summit")
        if is_light_verb(head):
            return Trigger(token, head, entry, "light", *span)
    if base.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "on" and head.head.lemma_ == "go":
        return Trigger(token, head.head, entry, "light", *span)  # "went on strike"
    if (base.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX")
            and (head.lower_ == "on" and head.head.lemma_.lower() in STATE_VERBS
                 or head.lower_ == "under" and head.head.lemma_.lower() in PLACING_VERBS)):
        # "remained on alert", "was put under investigation" ("are under sanctions" is a state)
        return Trigger(token, head.head, entry, "light", *span)
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
        if trigger is not None and other_sense(trigger) is None:
            found.append(trigger)
    return [t for t in found if not _subject_of_same_event(t, found)]


def _subject_of_same_event(trigger: Trigger, found: list[Trigger]) -> bool:
    """"US drone attacks have killed six commanders": the attack noun is the killing's subject,
    one event told once (by the verb, which gets the noun's parties)."""
    token = trigger.token
    return trigger.kind == "noun" and token.dep_ == "nsubj" and any(
        t.kind == "verb" and t.pred.i == token.head.i and t.entry.type == trigger.entry.type for t in found)


# --- wrong senses and incidental mentions (issue 16) ----------------------------------------
# "released toxic water", "released a statement": letting out a thing is no release of people
RELEASED_THINGS = frozenset({"water", "gas", "chemical", "waste", "sewage", "statement", "report", "data",
                             "figure", "video", "album", "film", "song", "record", "image", "photo", "document",
                             "detail", "result", "information", "footage", "product", "smoke", "radiation",
                             "emission", "oil", "fund", "budget", "version", "update", "plan", "list", "text",
                             "transcript", "picture", "recording", "audio", "guidance", "guideline", "forecast",
                             "toxin", "pollutant", "substance", "liquid", "steam", "balloon", "dove"})
# "evacuating citizens": a state taking out its own people aids no one
OWN_PEOPLE = frozenset({"citizen", "national", "staff", "personnel", "diplomat", "embassy", "employee",
                        "worker", "resident", "expatriate", "tourist", "family", "dependent", "people"})
# "the criterion is met", "met the target": meeting a standard is no meeting
MET_STANDARDS = frozenset({"criterion", "criteria", "requirement", "condition", "target", "goal", "deadline",
                           "standard", "need", "expectation", "threshold", "obligation", "quota", "demand",
                           "cost", "benchmark", "test", "end", "fate", "challenge", "resistance", "opposition",
                           "approval", "skepticism", "scepticism", "criticism", "silence", "response"})
# "an explosion at a chemical plant killed three": an accident, not an attack
ACCIDENT_NOUNS = frozenset({"explosion", "blast", "fire", "blaze", "accident", "crash", "collapse",
                            "earthquake", "quake", "storm", "flood", "flooding", "landslide", "leak",
                            "derailment", "avalanche", "hurricane", "typhoon", "cyclone", "heatwave"})
ACCIDENT_CONTEXT = frozenset({"plant", "factory", "refinery", "mine", "pipeline", "facility", "warehouse",
                              "depot", "chemical", "gas", "industrial", "boiler", "firework", "fireworks",
                              "accidental", "mill", "reactor", "tanker", "train", "kitchen", "restaurant",
                              "workshop", "methane", "coal", "fertilizer", "fertiliser", "accident"})
BOMB_WORDS = frozenset({"bomb", "car", "suicide", "roadside", "terrorist", "grenade", "ied", "missile",
                        "rocket", "drone", "attack", "bomber"})
# meetings named only as the backdrop of something else: "said at the G20 summit"
BACKDROP_PREPS = frozenset({"at", "during", "before", "after", "since", "ahead", "on", "from", "following"})
BACKDROP_NOUNS = frozenset({"summit", "meeting", "talks", "conference", "forum", "session", "gathering"})
# "mobilized pressure groups / voters / funds" is no military move (manual 3.14)
ARMED_NOUNS = frozenset({"troop", "force", "soldier", "army", "reserve", "reservist", "unit", "militia", "police",
                         "fighter", "guard", "military", "navy", "ship", "warship", "tank", "weapon", "division",
                         "battalion", "brigade", "conscript", "man", "men", "volunteer", "militiaman", "jet",
                         "aircraft", "artillery", "missile", "personnel", "serviceman", "servicemen"})
SUPPORT_DESCRIPTIONS = frozenset({"back", "support", "sponsor", "endorse", "finance", "fund", "arm"})


def other_sense(trigger: Trigger) -> str | None:
    """Why ``trigger`` names no event of its type (a wrong sense of the word, or an event named only
    in passing), else None."""
    token, lemma = trigger.token, trigger.token.lemma_.lower()
    objects = {c.lemma_.lower() for c in token.children if c.dep_ in ("dobj", "nsubjpass")}
    etype = trigger.entry.type
    if etype == "RETREAT" and lemma == "release" and objects & RELEASED_THINGS:
        return "released a thing"
    if etype == "AID" and lemma == "evacuate" and (objects & OWN_PEOPLE or not objects):
        return "evacuated its own people"
    if etype == "CONSULT" and lemma == "meet" and (objects & MET_STANDARDS or _met_as_passive(token)):
        return "met a standard"
    if etype == "PROTEST" and lemma == "demonstrate" and _demonstrates_a_thing(token):
        return "showed a thing"
    if etype == "ASSAULT" and _accident(trigger):
        return "an accident"
    if etype == "SUPPORT" and lemma in SUPPORT_DESCRIPTIONS and _describing_participle(token):
        return "a description (backed by)"
    if etype == "CONSULT" and trigger.kind == "noun" and lemma in BACKDROP_NOUNS and _backdrop(token):
        return "a meeting named in passing"
    if etype == "MOBILIZE" and lemma == "mobilize" and objects and not objects & ARMED_NOUNS:
        return "mobilized support, not forces"
    return None


def _met_as_passive(token: Token) -> bool:
    """"the criterion is met": a passive "met" whose subject is a thing."""
    return any(c.dep_ == "auxpass" for c in token.children) and not any(
        c.dep_ == "agent" for c in token.children) and not any(
        c.dep_ == "nsubjpass" and (c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or c.pos_ == "PROPN")
        for c in token.children)


def _demonstrates_a_thing(token: Token) -> bool:
    """"figures demonstrate a slowdown", "demonstrated that ...": showing, not protesting."""
    if any(c.dep_ in ("dobj", "ccomp") for c in token.children):
        return True
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.ent_type_ == "" and subject.lemma_.lower() in (
        "figure", "data", "result", "study", "report", "number", "statistic", "test", "this", "it", "survey",
        "research", "evidence", "poll", "analysis", "chart", "experiment", "record", "example", "case")


def _accident(trigger: Trigger) -> bool:
    """An explosion at a plant, a fire, a crash: the trigger is an accident noun in an industrial
    or accidental context, or a verb ("killed") whose subject is one."""
    token = trigger.token
    nouns = [token] if trigger.kind == "noun" else [c for c in trigger.pred.children if c.dep_ == "nsubj"]
    for noun in nouns:
        if noun.lemma_.lower() not in ACCIDENT_NOUNS:
            continue
        words = {t.lemma_.lower() for t in noun.subtree}
        if words & BOMB_WORDS:
            return False
        if words & ACCIDENT_CONTEXT or noun.lemma_.lower() not in ("explosion", "blast"):
            return True
    return False


def _describing_participle(token: Token) -> bool:
    """"riots, backed by Ankara", "the Ankara-backed militia": a participle describing a noun, with
    no clause of its own."""
    if token.tag_ != "VBN" or any(c.dep_ in ("auxpass", "aux", "nsubj", "nsubjpass") for c in token.children):
        return False
    return token.dep_ in ("acl", "amod", "advcl", "appos", "conj") or token.head.pos_ in ("NOUN", "PROPN")


def _backdrop(token: Token) -> bool:
    """"said at the summit", "on the sidelines of the talks", "ahead of the meeting": the meeting is
    where or when something else happened. A meeting with a possessor or a date of its own ("during
    Mr. Xi and Mr. Putin's summit in March") is still reported as an event."""
    if any(c.dep_ == "poss" for c in token.children) or any(t.ent_type_ in ("DATE", "TIME") for t in token.subtree):
        return False
    head = token.head
    for _ in range(3):  # through "the sidelines of", "ahead of"
        if head.dep_ == "prep" and head.lower_ in BACKDROP_PREPS:
            return head.head.pos_ in ("VERB", "AUX")
        if head.dep_ not in ("pobj", "prep", "amod", "advmod") or head.head.i == head.i:
            return False
        head = head.head
    return False


def is_joint(trigger: Trigger) -> bool:
    """Joint or combined exercises ("combined naval exercises", "joint drills with X")."""
    token = trigger.token
    mods = {c.lemma_.lower() for c in token.children if c.dep_ in ("amod", "compound", "nmod")}
    if token.dep_ == "conj":
        mods |= {c.lemma_.lower() for c in token.head.children if c.dep_ in ("amod", "compound")}
    return bool(mods & JOINT_MARKERS) or any(
        c.dep_ == "prep" and c.lower_ == "with" for c in token.children)

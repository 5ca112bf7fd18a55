"""Sense rules: trigger words used in a sense that names no political event (issue 16, item 5).

:func:`non_event_sense` looks at one coded event's trigger in its parse and says why it is no
event, or None. Each rule is narrow and names the sense it rejects:

* ``release`` of a substance or a publication ("released toxic water", "released a report") is
  no RETREAT (PLOVER RETREAT/release is freeing people);
* ``evacuate`` ("evacuating citizens") moves people out of danger: no AID between parties;
* ``meet`` with a criterion, target or demand ("the criterion is met", "met the deadline") is
  satisfying it, not a CONSULT;
* ``demonstrate`` with an object or a clause ("figures demonstrate that", "demonstrated its
  resolve"), or with a non-human subject, shows something: no PROTEST;
* an explosion, blast or fire at an industrial site or called an accident is no ASSAULT;
* a participle describing a noun ("rebels backed by Ankara", "Iran-backed militias") is a
  description of the actor, not a SUPPORT event of the sentence;
* ``agree with`` someone, or with someone that something is so, shares a view: no AGREE (which
  is a commitment to act: "agreed to", "agreed on", "agreed a deal").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..model import Document, Event

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBSTANCES = frozenset({
    "water", "wastewater", "gas", "chemical", "smoke", "radiation", "oil", "sewage", "fume", "steam",
    "toxin", "waste", "pollutant", "emission", "liquid", "fluid", "carbon", "methane", "ammonia",
    "report", "statement", "album", "film", "movie", "song", "video", "footage", "data", "figure",
    "result", "record", "document", "photo", "image", "picture", "detail", "version", "update",
    "book", "list", "transcript", "guideline", "plan", "budget", "forecast", "study", "survey",
    "product", "model", "game", "app", "software", "trailer", "single", "poll", "memo", "letter",
})
CRITERIA = frozenset({
    "criterion", "criteria", "requirement", "target", "demand", "deadline", "standard", "goal",
    "condition", "expectation", "need", "threshold", "quota", "obligation", "benchmark", "test",
    "definition", "cost", "payment", "challenge", "objective",
})
NON_HUMAN_SHOWERS = frozenset({
    "figure", "data", "result", "study", "survey", "number", "statistic", "poll", "evidence",
    "research", "report", "analysis", "finding", "record", "experiment", "trial", "test", "case",
    "example", "chart", "graph", "model", "document", "footage", "video", "image",
})
INDUSTRIAL = frozenset({
    "factory", "plant", "refinery", "mine", "pipeline", "warehouse", "boiler", "furnace", "reactor",
    "mill", "depot", "facility", "workshop", "site", "tanker", "industrial", "chemical", "gas",
    "accident", "accidental", "leak", "malfunction", "fireworks", "firework", "coal", "petrochemical",
})
ATTACK_MARKERS = frozenset({
    "attack", "bomber", "bombing", "bomb", "militant", "terrorist", "insurgent", "suicide",
    "responsibility", "sabotage", "strike", "missile", "drone", "rocket", "shell", "gunman",
})
EXPLOSION_WORDS = frozenset({"explosion", "blast", "explode", "blow", "fire", "burn", "detonate"})
SUPPORT_PARTICIPLES = frozenset({"back", "support", "sponsor", "fund", "finance", "arm"})


def _lemmas(tokens) -> set[str]:
    return {t.lemma_.lower() for t in tokens}


def _objects(verb: Token) -> list[Token]:
    """The verb's direct object, or its passive subject, with their conjuncts."""
    out = []
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr"):
            out += [child, *child.conjuncts]
    return out


def _released_substance(event: Event, token: Token) -> str | None:
    if event.type != "RETREAT" or token.lemma_.lower() != "release":
        return None
    objects = _objects(token)
    for child in token.children:
        if child.dep_ in ("xcomp", "oprd"):  # "released treated water" misparsed as a clause
            objects += _objects(child)
        if child.dep_ == "prep" and child.lower_ == "of" and token.pos_ == "NOUN":  # "the release of a report"
            objects += [p for p in child.children if p.dep_ == "pobj"]
    if objects and _lemmas(objects) & SUBSTANCES:
        return "release of a substance or publication"
    return None


def _evacuation(event: Event, token: Token) -> str | None:
    if event.type == "AID" and token.lemma_.lower() in ("evacuate", "evacuation"):
        return "evacuation, no aid between parties"
    return None


def _met_criterion(event: Event, token: Token) -> str | None:
    if event.type != "CONSULT" or token.lemma_.lower() != "meet":
        return None
    objects = _objects(token)
    if objects and _lemmas(objects) & CRITERIA:
        return "meeting a criterion, not a meeting"
    return None


def _demonstrates(event: Event, token: Token) -> str | None:
    if event.type != "PROTEST" or token.lemma_.lower() != "demonstrate":
        return None
    if any(c.dep_ in ("dobj", "ccomp") for c in token.children):
        return "demonstrate = show"
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if subjects and _lemmas(subjects) & NON_HUMAN_SHOWERS:
        return "demonstrate = show (non-human subject)"
    return None


def _industrial_explosion(event: Event, token: Token) -> str | None:
    if event.type != "ASSAULT" or (token.pos_ == "VERB" and token.lemma_.lower() == "fire"):
        return None  # "fired tear gas": shooting, not a blaze
    subjects = {c.lemma_.lower() for c in token.children if c.dep_ in ("nsubj", "agent")}
    if token.lemma_.lower() not in EXPLOSION_WORDS and not subjects & EXPLOSION_WORDS:
        return None  # "an explosion killed 12": the blast is the trigger's subject
    words = _lemmas(token.sent)
    if words & INDUSTRIAL and not words & ATTACK_MARKERS:
        return "industrial explosion or accident"
    return None


def _describing_participle(event: Event, token: Token) -> str | None:
    if event.type != "SUPPORT" or token.lemma_.lower() not in SUPPORT_PARTICIPLES:
        return None
    if token.dep_ in ("acl", "amod") and token.tag_ in ("VBN", "VBG", "JJ"):
        return "participle describing an actor"
    return None


def _agreeing_with_a_view(event: Event, token: Token) -> str | None:
    if event.type != "AGREE" or token.lemma_.lower() != "agree":
        return None
    deps = {c.dep_ for c in token.children}
    preps = {c.lower_ for c in token.children if c.dep_ == "prep"}
    if "with" in preps and not preps & {"on", "to", "over", "upon"} and not deps & {"xcomp", "dobj"}:
        return "agreeing with someone's view, no commitment to act"
    return None


SENSE_RULES: tuple[Callable[[Event, Token], str | None], ...] = (
    _released_substance, _evacuation, _met_criterion, _demonstrates, _industrial_explosion,
    _describing_participle, _agreeing_with_a_view,
)


def trigger_token(doc: Document, event: Event) -> Token | None:
    """The parse token of the event's trigger (its last word: "test-fired" -> "fired")."""
    if doc.analysis is None or event.trigger is None:
        return None
    span = doc.analysis.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span[-1] if span is not None and len(span) else None


def non_event_sense(doc: Document, event: Event) -> str | None:
    """Why ``event``'s trigger names no event here, or None when no sense rule objects."""
    token = trigger_token(doc, event)
    if token is None:
        return None
    for rule in SENSE_RULES:
        reason = rule(event, token)
        if reason:
            return reason
    return None

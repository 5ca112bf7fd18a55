"""Stage ``entities``: actors with canonical names, titles, roles and affiliations (issue 3).

Reads the spaCy parse left by the ``analysis`` stage (``Document.analysis``) and fills
``Document.entities`` and ``Document.relations``; also fills ``Document.dateline.country``
and its canonical ``place`` from the gazetteer.  Steps, each in its own module:

1. :mod:`.mentions` — candidate mentions: spaCy NER corrected by the knowledge base
   (:mod:`.kb`) and by rules for the small model's errors in this genre;
2. :mod:`.roles` — titles and affiliations from pre-modifiers, appositives, relative clauses;
3. :mod:`.resolve` — one entity per actor (coreference of names, surnames, honorifics,
   nominals, demonyms and government metonyms), relations.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..config import Settings
from ..model import Document
from ..pipeline import PipelineResources, register_stage, require_analysis
from . import kb as kb_module
from .kb import KnowledgeBase, kb_from_settings
from .mentions import KBMatcher, find_candidates
from .resolve import Resolver
from .roles import find_roles

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["EntityStage", "make_stage", "make_entity_stage", "extract_entities", "fill_dateline", "kb_module"]


def fill_dateline(doc: Document, kb: KnowledgeBase) -> None:
    """Dateline place in canonical spelling and its country ('SEOUL, South Korea' -> Seoul, KOR)."""
    dl = doc.dateline
    if dl is None:
        return
    parts = [p.strip() for p in re.split(r",", dl.text or "") if p.strip()]
    place = dl.place or (parts[0] if parts else None)
    if place:
        place = re.sub(r"\s*[—–-]+\s*$", "", place).strip()
        canonical = kb.canonical_place(place)
        if canonical:
            dl.place = canonical
        elif place.isupper():
            dl.place = place.title()
        else:
            dl.place = place
    if dl.country:
        return
    country = kb.country_of_place(place) if place else None
    if country is None:
        for part in parts[1:]:
            country = kb.country_of_place(re.sub(r"\s*[—–-]+\s*$", "", part))
            if country:
                break
    dl.country = country


def extract_entities(doc: Document, kb: KnowledgeBase, matcher: KBMatcher) -> Document:
    sd = doc.analysis
    cands = find_candidates(doc, sd, kb, matcher)
    resolver = Resolver(doc, sd, kb)
    persons = [c for c in cands if c.label == "PERSON"]
    others = [c for c in cands if c.label != "PERSON"]
    for c in others:
        after = [o for o in others if o.tok_start >= c.tok_end]
        resolver.add_non_person(c, after[0] if after else None)
    resolver.merge_north_south()
    resolver.add_persons(persons)
    roles = find_roles(sd, cands, kb)
    rels = resolver.locations(cands)  # first: an organisation's place gives its country
    rels += resolver.apply_roles(roles)
    resolver.add_nominals()
    resolver.add_pronouns()
    resolver.add_administrations()
    doc.entities, doc.relations = resolver.finish(rels)
    return doc


class EntityStage:
    """Pipeline stage ``entities``."""

    name = "entities"

    def __init__(self, settings: Settings, kb: KnowledgeBase | None = None):
        self.settings = settings
        self.kb = kb or kb_from_settings(settings)
        self._matchers: dict[int, KBMatcher] = {}

    def matcher(self, sd: Doc) -> KBMatcher:
        m = self._matchers.get(id(sd.vocab))
        if m is None:
            m = KBMatcher(_Tokenizing(sd), self.kb)
            self._matchers[id(sd.vocab)] = m
        return m

    def __call__(self, doc: Document) -> Document:
        fill_dateline(doc, self.kb)
        return extract_entities(doc, self.kb, self.matcher(require_analysis(doc, self.name)))


class _Tokenizing:
    """What :class:`KBMatcher` needs from a pipeline: the vocabulary and a tokenizer for patterns."""

    def __init__(self, sd):
        from spacy.lang.en import English

        self.vocab = sd.vocab
        self.make_doc = English(vocab=sd.vocab).tokenizer


@register_stage("entities", requires=("analysis",), assigns=("entities", "relations"))
def make_entity_stage(resources: PipelineResources) -> EntityStage:
    return EntityStage(resources.settings, resources.kb)


def make_stage(settings: Settings) -> EntityStage:
    return EntityStage(settings)

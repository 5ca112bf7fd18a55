"""Resolve a speaker phrase to an entity of the entity layer.

Order of evidence, first hit wins:

1. the entity layer itself: a mention overlapping the phrase's head word
   (names, honorific short forms, and whatever nominal or pronoun mentions the
   entity layer linked);
2. the organisation behind a generic head ("Russia's *Tass* news agency");
3. pronouns: the one resolver of :mod:`newsgraph.coref` (``Coreference.resolve`` with
   ``prefer=SPEAKER``): he/she -> the last person of compatible gender, preferring the subject of
   a recent sentence or the speaker of the quote just before (genders from
   ``Coreference.article_genders`` and the pronouns of earlier quotes' speakers); it/they -> a pair
   of coordinated people, else the last organisation or government subject;
4. definite descriptions ("the Russian leader") -> the last person whose titles
   or country fit the description;
5. otherwise unnamed ("officials", "analysts"): no entity, text kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..coref import SPEAKER, Coreference, MentionRef
from ..lexicon import pronoun_gender
from ..model import Document, Entity
from . import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token



@dataclass
class Resolution:
    entity: Entity | None
    how: str  # name | org_head | pronoun | description | unnamed


class SpeakerResolver:
    """Per-document resolver; remembers who spoke, for pronouns."""

    def __init__(self, doc: Document, quoted_spans: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.analysis = doc.analysis
        self.quoted = quoted_spans
        self.coref = Coreference(doc, quoted=quoted_spans)
        self.mentions: list[MentionRef] = self.coref.mentions
        self.gender: dict[str, str] = self.coref.article_genders()  # note_speaker adds to it
        self.recent_speakers: list[tuple[int, Entity]] = []  # (offset, entity) of resolved speakers

    # -- helpers ---------------------------------------------------------------
    def _mention_on(self, start: int, end: int) -> Entity | None:
        return self.coref.entity_on(start, end)

    def note_speaker(self, offset: int, entity: Entity | None, pronoun: str | None = None) -> None:
        if entity is None:
            return
        self.recent_speakers.append((offset, entity))
        said = pronoun_gender(pronoun or "")
        if said is not None and entity.id not in self.gender:
            self.gender[entity.id] = said

    # -- main entry ------------------------------------------------------------
    def resolve(self, head: Token, span_start: int, span_end: int) -> Resolution:
        """``head`` is the spaCy token heading the speaker phrase [span_start, span_end)."""
        res = self._resolve(head, span_start, span_end)
        if res.entity is not None:
            res.entity = self._full_name(res.entity, span_start)
        return res

    def _full_name(self, entity: Entity, before: int) -> Entity:
        """A surname-only entity ("Okafor") left apart from the full name mentioned earlier
        ("Mariah Okafor") by the entity layer: the full-name entity, when one of them is a person."""
        words = entity.name.split()
        if len(words) != 1:
            return entity
        fuller = {}
        for m in self.mentions:
            if m.start >= before:
                break
            other = m.entity
            if other is entity or "PERSON" not in (entity.type, other.type):
                continue
            other_words = other.name.split()
            if 2 <= len(other_words) <= 4 and other_words[-1] == words[0]:
                fuller[other.id] = other
        # only when one person has that surname (not "Carly Fiorina" and "Frank Fiorina")
        return next(iter(fuller.values())) if len(fuller) == 1 else entity

    def _resolve(self, head, span_start: int, span_end: int) -> Resolution:
        head_start, head_end = head.idx, head.idx + len(head.text)
        word = head.text.lower()
        if word in lexicon.FIRST_PERSON:
            return Resolution(None, "unnamed")
        entity = self._mention_on(head_start, head_end)
        if entity is not None and head.pos_ != "PRON":
            return Resolution(entity, "name")
        pronouns = lexicon.MALE_PRONOUNS | lexicon.FEMALE_PRONOUNS | lexicon.NEUTER_PRONOUNS | lexicon.PLURAL_PRONOUNS
        if head.pos_ == "PRON" or word in pronouns:
            if entity is not None:  # the entity layer linked the pronoun itself
                return Resolution(entity, "pronoun")
            return Resolution(self._resolve_pronoun(word, head_start), "pronoun")
        if head.pos_ == "NOUN":
            # "The state's campaign chairman, Phil Lovas, said": the name in apposition
            for child in head.children:
                if child.dep_ == "appos" and child.pos_ == "PROPN":
                    found = self._mention_on(child.idx, child.idx + len(child.text))
                    if found is not None:
                        return Resolution(found, "appositive")
        if head.lemma_.lower() in lexicon.DOCUMENT_HEADS:
            # "a Kremlin statement", "a release from UFCW Local 832", "the union's letter": its author
            subtree = list(head.subtree)
            found = self._mention_on_any(subtree, exclude=head)
            if found is not None:
                return Resolution(found, "document_author")
        if head.lemma_.lower() in lexicon.GENERIC_ORG_HEADS:
            for child in head.children:
                if child.dep_ in ("compound", "flat", "nmod") and child.i < head.i:
                    found = self._mention_on(child.idx, child.idx + len(child.text))
                    if found is not None and found.type != "PERSON":
                        return Resolution(found, "org_head")
        if head.pos_ == "PROPN" or head.text[:1].isupper():
            # a surname the entity layer left unlinked (ambiguous to it): the person of that
            # surname mentioned last before the speaker
            found = self._person_by_surname(head.text, span_start)
            if found is not None:
                return Resolution(found, "surname")
        if head.pos_ == "PROPN":
            return Resolution(None, "unnamed")
        definite = any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that") for c in head.children)
        if definite and head.tag_ in ("NN", "NNP") and head.lemma_.lower() in lexicon.PERSON_ROLES:
            found = self._resolve_description(head, span_start, span_end)
            if found is not None:
                return Resolution(found, "description")
        return Resolution(None, "unnamed")

    def _mention_on_any(self, tokens, exclude=None) -> Entity | None:
        for tok in tokens:
            if tok is exclude or tok.is_punct:
                continue
            found = self._mention_on(tok.idx, tok.idx + len(tok.text))
            if found is not None:
                return found
        return None

    def _person_by_surname(self, word: str, before: int) -> Entity | None:
        last = None
        for m in self.mentions:
            if m.start >= before:
                break
            if m.entity.type == "PERSON" and m.entity.name.split()[-1:] == [word]:
                last = m.entity
        return last

    # -- pronouns: read from the one resolver (newsgraph.coref), preferring recent speakers ---
    def _resolve_pronoun(self, word: str, offset: int) -> Entity | None:
        found = self.coref.resolve(word, offset, prefer=SPEAKER, speakers=self.recent_speakers,
                                   gender=self.gender)
        return found[0] if found else None

    # -- descriptions ----------------------------------------------------------
    def _resolve_description(self, head, span_start: int, span_end: int) -> Entity | None:
        role = head.lemma_.lower()
        phrase = self.doc.text[span_start:span_end].lower()
        country = None
        for adjective, code in sorted(lexicon.NATIONALITY.items(), key=lambda kv: -len(kv[0])):
            if f"{adjective} " in phrase + " " and code:
                country = code
                break
        best, best_score = None, 0
        for m in self.mentions:
            if m.start >= span_start:
                break
            ent = m.entity
            if ent.type != "PERSON" or m.kind in ("pronoun",):
                continue
            score = 0
            if any(role in t.lower() for t in ent.titles + ent.former_titles):
                score += 2
            if country and ent.country == country:
                score += 2
            elif country and ent.country and ent.country != country:
                continue
            if score >= best_score and score > 0:
                best, best_score = ent, score  # later mentions win ties: nearest compatible
        return best

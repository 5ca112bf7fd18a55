"""Resolve a speaker phrase to an entity of the entity layer.

Order of evidence, first hit wins:

1. the entity layer itself: a mention overlapping the phrase's head word
   (names, honorific short forms, and whatever nominal or pronoun mentions the
   entity layer linked);
2. the organisation behind a generic head ("Russia's *Tass* news agency");
3. pronouns: he/she -> the last person of compatible gender, preferring the
   subject of a recent sentence or the speaker of the quote just before (gender from Mr./Ms.,
   gendered titles, the first name via gender-guesser, else pronouns that follow the person);
   it/they -> the last organisation or government subject;
4. definite descriptions ("the Russian leader") -> the last person whose titles
   or country fit the description;
5. otherwise unnamed ("officials", "analysts"): no entity, text kept.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..coref import Coreference, MentionRef, name_gender, text_gender
from ..lexicon import FEMALE, MALE, pronoun_gender
from ..model import Document, Entity
from . import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

ORG_TYPES = ("ORG", "GPE", "NORP")
_MentionRef = MentionRef  # the entity layer's mentions, as newsgraph.coref indexes them


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
        self.coref = Coreference(doc)
        self.mentions: list[MentionRef] = self.coref.mentions
        self.gender: dict[str, str] = {e.id: g for e in doc.entities if (g := text_gender(e))}
        for e in doc.entities:  # then the entities stage's gender (knowledge base, honorific, given
            # name), else the usual gender of the canonical name's first word ("Amelia Grant" -> she)
            if e.type == "PERSON" and e.id not in self.gender and (g := e.gender or name_gender(e.name)):
                self.gender[e.id] = g
        for entity_id, guessed in self._gender_from_pronouns().items():  # last, the article's he/she
            self.gender.setdefault(entity_id, guessed)
        self.recent_speakers: list[tuple[int, Entity]] = []  # (offset, entity) of resolved speakers
        self._sentence_spans: list[tuple[int, int]] | None = None
        self._sentence_starts: list[int] = []

    # -- helpers ---------------------------------------------------------------
    def _in_quote(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.quoted)

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

    # -- pronouns --------------------------------------------------------------
    def _resolve_pronoun(self, word: str, offset: int) -> Entity | None:
        if word in lexicon.MALE_PRONOUNS or word in lexicon.FEMALE_PRONOUNS:
            want = MALE if word in lexicon.MALE_PRONOUNS else FEMALE

            def ok(entity: Entity, mention: _MentionRef | None = None) -> bool:
                if entity.type != "PERSON":
                    return False
                if mention is not None:  # "Mrs. Clinton" is a woman whatever entity she was merged into
                    if mention.text.startswith(lexicon.MALE_HONORIFICS):
                        return want == MALE
                    if mention.text.startswith(lexicon.FEMALE_HONORIFICS):
                        return want == FEMALE
                return self.gender.get(entity.id, want) == want
        else:
            if word in lexicon.PLURAL_PRONOUNS:
                pair = self._coordinated_people_before(offset)
                if pair is not None:
                    return pair

            def ok(entity: Entity, mention: _MentionRef | None = None) -> bool:
                return entity.type in ORG_TYPES

        # the speaker of the quote just before, if close and compatible
        recent_person = None
        for pos, entity in reversed(self.recent_speakers):
            if offset - pos > 600:
                break
            if ok(entity) and entity.type == "PERSON":
                recent_person = (pos, entity)
                break

        sentences = self._sentences_before(offset, limit=4)
        for n, (sent_start, sent_end) in enumerate(sentences):
            own_sentence = n == 0 and sent_end > offset
            cands = [m for m in self.mentions
                     if sent_start <= m.start and m.end <= min(sent_end, offset)
                     and not self._in_quote(m.start, m.end) and ok(m.entity, m)
                     and m.kind != "pronoun"]
            if own_sentence:
                # before "he said" in its own sentence only a main-clause subject counts
                # ("Mr. Go arrived and he said…"), not "If Clinton wins, he said…"
                cands = [m for m in cands if self._is_subject(m, main_clause=True)]
            if not cands:
                if not own_sentence and self._unlinked_person_subject(sent_start, min(sent_end, offset)):
                    return None  # the subject is a person the entity layer did not find: don't guess
                continue
            subjects = [m for m in cands if self._is_subject(m)]
            if subjects:
                # the subject of the sentence's own verb before one of a reported clause:
                # "Cruz drew crowds, Stovall said. “…,” he said." -> Stovall
                root_subjects = [m for m in subjects if self._is_root_subject(m)]
                return (root_subjects or subjects)[0].entity
            if self._unlinked_person_subject(sent_start, min(sent_end, offset)):
                return None
            if recent_person and any(m.entity is recent_person[1] for m in cands):
                return recent_person[1]
            return cands[-1].entity
        return recent_person[1] if recent_person else None

    def _coordinated_people_before(self, offset: int) -> Entity | None:
        """"Ms. Abreder and Mr. Sohlberg said … “…,” they said": the first of two people who were the
        subject of the last sentence with a subject."""
        if self.analysis is None:
            return None
        for sent_start, sent_end in self._sentences_before(offset, limit=2):
            span = self.analysis.char_span(sent_start, min(sent_end, offset), alignment_mode="contract")
            if span is None:
                continue
            for tok in span:
                if tok.dep_ != "nsubj" or self._in_quote(tok.idx, tok.idx + 1):
                    continue
                appos = [c for c in tok.children if c.dep_ == "appos"]
                if self._mention_on(tok.idx, tok.idx + len(tok.text)) is None and appos:
                    tok = appos[0]  # "The owners, Ines Varga and Piet Mol, said"
                first = self._mention_on(tok.idx, tok.idx + len(tok.text))
                second = [c for c in tok.children if c.dep_ == "conj"]
                if first is not None and first.type == "PERSON" and second:
                    other = self._mention_on(second[0].idx, second[0].idx + len(second[0].text))
                    if other is not None and other.type == "PERSON":
                        return first
                return None  # the last subject was something else
        return None

    def _unlinked_person_subject(self, start: int, end: int) -> bool:
        """A sentence whose subject is a name spaCy calls a person but no entity covers."""
        if self.analysis is None:
            return False
        span = self.analysis.char_span(start, end, alignment_mode="contract")
        if span is None:
            return False
        for tok in span:
            if tok.dep_ == "nsubj" and tok.ent_type_ == "PERSON" and not self._in_quote(tok.idx, tok.idx + 1):
                if self._mention_on(tok.idx, tok.idx + len(tok.text)) is None:
                    return True
        return False

    def _gender_from_pronouns(self) -> dict[str, str]:
        """Votes from the document itself: a person who is the subject of a sentence and is followed,
        with no other person between, by he/his/him or she/her in that sentence, or by a next
        sentence opening with He or She."""
        if self.analysis is None:
            return {}
        votes: dict[str, list[int]] = {}
        people = [m for m in self.mentions if m.entity.type == "PERSON" and m.kind != "pronoun"
                  and not self._in_quote(m.start, m.end)]
        previous_subject: _MentionRef | None = None
        people_starts = [m.start for m in people]
        for sent in self.analysis.sents:
            lo = bisect.bisect_left(people_starts, sent.start_char)
            hi = bisect.bisect_left(people_starts, sent.end_char)
            in_sent = people[lo:hi]
            subjects = [m for m in in_sent if self._is_subject(m)]
            for tok in sent:
                word = tok.lower_
                if word not in lexicon.MALE_PRONOUNS and word not in lexicon.FEMALE_PRONOUNS:
                    continue
                if self._in_quote(tok.idx, tok.idx + 1):
                    continue
                antecedent = None
                before = [m for m in in_sent if m.end <= tok.idx]
                if before and subjects and before[-1] is subjects[0] and len({m.entity.id for m in before}) == 1:
                    antecedent = subjects[0]
                elif not before and tok.dep_ == "nsubj" and previous_subject is not None:
                    antecedent = previous_subject
                if antecedent is not None:
                    v = votes.setdefault(antecedent.entity.id, [0, 0])
                    v[0 if word in lexicon.MALE_PRONOUNS else 1] += 1
            if subjects:
                previous_subject = subjects[0]
            elif in_sent:
                previous_subject = None
        return {eid: (MALE if m > f else FEMALE) for eid, (m, f) in votes.items() if m != f}

    def _is_root_subject(self, mention: _MentionRef) -> bool:
        span = self.analysis.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or span.root.dep_ not in ("nsubj", "nsubjpass"):
            return False
        verb = span.root.head
        while verb.dep_ == "conj":
            verb = verb.head
        return verb.dep_ == "ROOT"

    def _is_subject(self, mention: _MentionRef, main_clause: bool = False) -> bool:
        if self.analysis is None:
            return False
        span = self.analysis.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        if root.dep_ not in ("nsubj", "nsubjpass"):
            return False
        if main_clause:
            verb = root.head
            while verb.dep_ == "conj":
                verb = verb.head
            if verb.dep_ == "advcl":  # "When Mr. Mook was asked …, he said" but not "If Mendes wins"
                marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
                return bool(marks & {"when", "after", "as", "while", "before", "once"})
            # the main clause, or a clause the parse hung under the cue ("X scolded him: “…,” she said")
            return verb.dep_ in ("ROOT", "ccomp", "parataxis")
        return True

    def _sentences_before(self, offset: int, limit: int) -> list[tuple[int, int]]:
        """Sentence spans ending at or containing ``offset``, most recent first."""
        if self.analysis is None:
            return [(max(0, offset - 400), offset)]
        if self._sentence_spans is None:
            text = self.doc.text
            self._sentence_spans = [(s.start_char, s.end_char) for s in self.analysis.sents
                                    if text[s.start_char:s.end_char].strip()]
            self._sentence_starts = [a for a, _ in self._sentence_spans]
        upto = bisect.bisect_right(self._sentence_starts, offset)
        return list(reversed(self._sentence_spans[max(0, upto - limit):upto]))

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

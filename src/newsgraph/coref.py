"""Within-document coreference: which entity a name, honorific, nominal or pronoun stands for.

The entities stage links mentions to entities once: full names, honorific and surname forms
("Mr. Kim", "Kim"), nominals ("the North Korean leader") and sentence-opening subject pronouns
("He"). It also settles each person's gender (``Entity.gender``: "female", "male" or None) from,
in order, the knowledge base, an honorific ("Ms. Kim") and the given name ("Amelia Grant").

The quotes and events stages read those links through :class:`Coreference`: the entity a
stretch of text is a mention of (``entity_on``; ``entity_at`` for the longest mention), a person's
gender (``gender``, ``article_genders``), and, for a pronoun the entities stage did not link, the
one resolver ``Coreference.resolve``: one order of evidence (the link; who fits its gender and
number; salience), the stage's own salience named by ``prefer`` -- ``SUBJECT`` (events: the
nearest person who was a subject, the parties of an earlier event for "they") or ``SPEAKER``
(quotes: sentence by sentence, the speaker of the quote just before).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import (
    FEMALE,
    FEMALE_PRONOUNS,
    HONORIFICS,
    MALE,
    MALE_PRONOUNS,
    NEUTER_PRONOUNS,
    PLURAL_PRONOUNS,
    honorific_gender,
    prefix_gender,
    pronoun_gender,
)
from .model import Document, Entity, Mention

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SUBJECT = "subject"  # prefer (events): the nearest person who was a subject
SPEAKER = "speaker"  # prefer (quotes): sentence by sentence, the speaker of the quote before
ORG_TYPES = ("ORG", "GPE", "NORP")  # what it/they may stand for when no group fits
MAX_MENTION_CHARS = 200  # no mention is longer: lets a lookup start near its offset
_FROM_CODE = {"m": MALE, "f": FEMALE, MALE: MALE, FEMALE: FEMALE}

MALE_WORDS = frozenset({"spokesman", "chairman", "king", "prince", "man", "father", "husband", "son"})
FEMALE_WORDS = frozenset({"spokeswoman", "chairwoman", "queen", "princess", "woman", "mother",
                          "wife", "daughter"})


# --- gender -------------------------------------------------------------------------------

def as_gender(code: str | None) -> str | None:
    """FEMALE or MALE for a gender written "f"/"m" (the knowledge base's form) or in full."""
    return _FROM_CODE.get(code or "")


def given_name_gender(word: str) -> str | None:
    """The usual gender of a given name ("Amelia" -> FEMALE); None when unknown or unisex."""
    from . import names  # here: newsgraph.names reads the entities stage's list of given names

    return as_gender(names.first_name_gender(word))


def name_gender(name: str) -> str | None:
    """The gender the first word of a full name (two words or more) gives; None for one-word names,
    initials and unknown or unisex given names."""
    words = [w for w in name.replace(".", ". ").split() if w]
    if len(words) < 2 or not words[0][:1].isupper() or words[0].endswith("."):
        return None
    return given_name_gender(words[0])


def mention_gender(honorific: str | None, name_words: list[str]) -> str | None:
    """A person mention's own evidence: its honorific ("Ms."), else the given name of a full name."""
    found = honorific_gender(honorific)
    if found is None and len(name_words) >= 2:
        found = given_name_gender(name_words[0])
    return found


def text_gender(entity: Entity) -> str | None:
    """What the article's words say of a person: honorifics on its mentions ("Mrs. Clinton"; None
    when mentions disagree, as when "Mr. Clinton" and "Mrs. Clinton" were merged), else gendered
    words in its titles ("spokeswoman")."""
    found = {g for m in entity.mentions if (g := prefix_gender(m.text))}
    if len(found) == 1:
        return found.pop()
    if found:
        return None
    words = {w.lower() for t in entity.titles for w in t.split()}
    if words & MALE_WORDS:
        return MALE
    if words & FEMALE_WORDS:
        return FEMALE
    return None


# "Mr." / "Ms." / "Mrs." written just before (or at the start of) a mention
_ABBREVIATED_BEFORE = re.compile(
    r"\b(" + "|".join(h.word.capitalize() for h in HONORIFICS if h.abbreviated and h.gender_cue) + r")\."
)


def honorific_before(text: str, entity: Entity) -> str | None:
    """The gender of the last abbreviated honorific within five characters before a mention of
    ``entity`` ("Mr. Putin"), for documents whose entities did not come with a gender."""
    found = None
    for m in entity.mentions:
        hit = _ABBREVIATED_BEFORE.search(text[max(0, m.start - 5):m.start] + m.text)
        if hit:
            found = honorific_gender(hit.group(1))
    return found


def fits_gender(pronoun: str, gender: str | None) -> bool:
    """He/she fit a person of unknown gender or of their own; other words fit anyone."""
    wanted = pronoun_gender(pronoun)
    return wanted is None or gender is None or gender == wanted


# --- the document's mentions -----------------------------------------------------------------

@dataclass(frozen=True)
class MentionRef:
    entity: Entity
    start: int
    end: int
    text: str
    kind: str  # name | short | nominal | pronoun | metonym | demonym
    order: tuple[int, int] = (0, 0)  # (entity's index in doc.entities, mention's index in it): ties


class Coreference:
    """The entities stage's links of one document, for the later stages to read."""

    def __init__(self, doc: Document, types: Iterable[str] | None = None,
                 quoted: Iterable[tuple[int, int]] = ()) -> None:
        self.doc = doc
        self.analysis = doc.analysis
        self.quoted = list(quoted)  # quotation spans: mentions inside them are no antecedents
        wanted = set(types) if types is not None else None
        self.mentions: list[MentionRef] = sorted(
            (MentionRef(e, m.start, m.end, m.text, m.kind, (i, j)) for i, e in enumerate(doc.entities)
             if wanted is None or e.type in wanted for j, m in enumerate(e.mentions)),
            key=lambda m: m.start,
        )
        self._starts = [m.start for m in self.mentions]
        self._gender: dict[str, str | None] = {}
        self._sentence_spans: list[tuple[int, int]] | None = None
        self._sentence_starts: list[int] = []

    def add(self, entity: Entity, mention: Mention) -> None:
        """Index a mention a later stage gave ``entity`` (the events stage's agents, "police")."""
        index = next(i for i, e in enumerate(self.doc.entities) if e is entity)
        ref = MentionRef(entity, mention.start, mention.end, mention.text, mention.kind,
                         (index, entity.mentions.index(mention)))
        at = bisect.bisect_right(self._starts, mention.start)
        self.mentions.insert(at, ref)
        self._starts.insert(at, mention.start)

    def gender(self, entity: Entity) -> str | None:
        """``Entity.gender``, else what an honorific before one of its mentions says."""
        if entity.id not in self._gender:
            self._gender[entity.id] = entity.gender or (
                honorific_before(self.doc.text, entity) if entity.type == "PERSON" else None)
        return self._gender[entity.id]

    def entity_on(self, start: int, end: int) -> Entity | None:
        """The entity whose mention overlaps [start, end) the most (the first of equals)."""
        best, best_len = None, 0
        lo = bisect.bisect_left(self._starts, start - MAX_MENTION_CHARS)
        for m in self.mentions[lo:]:
            if m.start >= end:
                break
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > best_len:
                best, best_len = m.entity, overlap
        return best

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity with the longest mention overlapping [start, end) (the first listed of equals):
        "North Korean leader Kim" over "North Korean" for the token "North"."""
        best, best_key = None, (0, (0, 0))
        lo = bisect.bisect_left(self._starts, start - MAX_MENTION_CHARS)
        for m in self.mentions[lo:]:
            if m.start >= end:
                break
            if start < m.end:
                key = (m.end - m.start, (-m.order[0], -m.order[1]))
                if best is None or key > best_key:
                    best, best_key = m.entity, key
        return best

    def antecedents(self, offset: int, floor: int = 0) -> list[MentionRef]:
        """Mentions (pronouns left out) lying within [floor, offset), the nearest first (mentions
        starting together: the first listed first)."""
        lo = bisect.bisect_left(self._starts, floor)
        hi = bisect.bisect_left(self._starts, offset)
        found = [m for m in self.mentions[lo:hi] if m.end <= offset and m.kind != "pronoun"]
        return sorted(found, key=lambda m: (-m.start, m.order))

    def persons_for_pronoun(self, word: str, offset: int, floor: int = 0,
                            gender: dict[str, str] | None = None) -> list[MentionRef]:
        """Earlier person mentions he/she (``word``) may refer to, nearest first: those of its gender
        or of unknown gender (``gender`` maps entity ids to genders; default :meth:`gender`)."""
        def gender_of(entity: Entity) -> str | None:
            return gender.get(entity.id) if gender is not None else self.gender(entity)

        return [m for m in self.antecedents(offset, floor) if m.entity.type == "PERSON"
                and fits_gender(word, gender_of(m.entity))]

    # -- sentences and subjects (read from the parse) -----------------------------------------
    def in_quote(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.quoted)

    def sentences_before(self, offset: int, limit: int) -> list[tuple[int, int]]:
        """Non-blank sentence spans ending at or containing ``offset``, the most recent first."""
        if self.analysis is None:
            return [(max(0, offset - 400), offset)]
        if self._sentence_spans is None:
            text = self.doc.text
            self._sentence_spans = [(s.start_char, s.end_char) for s in self.analysis.sents
                                    if text[s.start_char:s.end_char].strip()]
            self._sentence_starts = [a for a, _ in self._sentence_spans]
        upto = bisect.bisect_right(self._sentence_starts, offset)
        return list(reversed(self._sentence_spans[max(0, upto - limit):upto]))

    def is_subject(self, mention: MentionRef, main_clause: bool = False) -> bool:
        """The mention's head is a subject; ``main_clause``: of the main clause, of a clause the parse
        hung under a cue ("X scolded him: “…,” she said") or of a when/after/as clause."""
        if self.analysis is None:
            return False
        span = self.analysis.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        if root.dep_ not in ("nsubj", "nsubjpass"):
            return False
        if main_clause:
            verb = _clause_verb(root)
            if verb.dep_ == "advcl":  # "When Mr. Mook was asked …, he said" but not "If Mendes wins"
                marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
                return bool(marks & {"when", "after", "as", "while", "before", "once"})
            return verb.dep_ in ("ROOT", "ccomp", "parataxis")
        return True

    def is_root_subject(self, mention: MentionRef) -> bool:
        """The subject of the sentence's own verb (not of a reported clause)."""
        if self.analysis is None:
            return False
        span = self.analysis.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or span.root.dep_ not in ("nsubj", "nsubjpass"):
            return False
        return _clause_verb(span.root).dep_ == "ROOT"

    def subject_at(self, offset: int) -> bool:
        """The word at ``offset``, or the name it is part of, is a subject ("Kim" of "Kim Jong-un")."""
        if self.analysis is None:
            return False
        span = self.analysis.char_span(offset, offset + 1, alignment_mode="expand")
        if span is None or not len(span):
            return False
        token = span[0]
        for _ in range(4):  # climb through the name's compounds
            if token.dep_ in ("nsubj", "nsubjpass"):
                return True
            if token.dep_ not in ("compound", "flat", "appos", "amod") or token.head.i == token.i:
                return False
            token = token.head
        return False

    def unlinked_person_subject(self, start: int, end: int) -> bool:
        """[start, end) has a subject spaCy calls a person but no entity covers."""
        if self.analysis is None:
            return False
        span = self.analysis.char_span(start, end, alignment_mode="contract")
        if span is None:
            return False
        return any(tok.dep_ == "nsubj" and tok.ent_type_ == "PERSON" and not self.in_quote(tok.idx, tok.idx + 1)
                   and self.entity_on(tok.idx, tok.idx + len(tok.text)) is None for tok in span)

    def article_genders(self) -> dict[str, str]:
        """Each person's gender as the article tells it, first evidence kept: honorifics on its
        mentions and gendered title words (:func:`text_gender`), ``Entity.gender``, the first word of
        its canonical name, and last the he/she that follow it (:meth:`genders_from_pronouns`)."""
        found = {e.id: g for e in self.doc.entities if (g := text_gender(e))}
        for e in self.doc.entities:
            if e.type == "PERSON" and e.id not in found and (g := e.gender or name_gender(e.name)):
                found[e.id] = g
        for entity_id, guessed in self.genders_from_pronouns().items():
            found.setdefault(entity_id, guessed)
        return found

    def genders_from_pronouns(self) -> dict[str, str]:
        """Votes from the document itself: a person who is the subject of a sentence and is followed,
        with no other person between, by he/his/him or she/her in that sentence, or by a next
        sentence opening with He or She (outside quotations)."""
        if self.analysis is None:
            return {}
        votes: dict[str, list[int]] = {}
        people = [m for m in self.mentions if m.entity.type == "PERSON" and m.kind != "pronoun"
                  and not self.in_quote(m.start, m.end)]
        people_starts = [m.start for m in people]
        previous_subject: MentionRef | None = None
        for sent in self.analysis.sents:
            in_sent = people[bisect.bisect_left(people_starts, sent.start_char):
                             bisect.bisect_left(people_starts, sent.end_char)]
            subjects = [m for m in in_sent if self.is_subject(m)]
            for tok in sent:
                word = tok.lower_
                if pronoun_gender(word) is None or self.in_quote(tok.idx, tok.idx + 1):
                    continue
                before = [m for m in in_sent if m.end <= tok.idx]
                antecedent = None
                if before and subjects and before[-1] is subjects[0] and len({m.entity.id for m in before}) == 1:
                    antecedent = subjects[0]
                elif not before and tok.dep_ == "nsubj" and previous_subject is not None:
                    antecedent = previous_subject
                if antecedent is not None:
                    votes.setdefault(antecedent.entity.id, [0, 0])[0 if word in MALE_PRONOUNS else 1] += 1
            if subjects:
                previous_subject = subjects[0]
            elif in_sent:
                previous_subject = None
        return {eid: (MALE if m > f else FEMALE) for eid, (m, f) in votes.items() if m != f}

    # -- pronouns -------------------------------------------------------------------------------
    def resolve(self, word: str, offset: int, *, prefer: str = SUBJECT, floor: int = 0,
                exclude: frozenset[str] = frozenset(), speakers: list[tuple[int, Entity]] | None = None,
                gender: dict[str, str] | None = None,
                groups: list[tuple[int, list[str]]] | None = None) -> list[Entity]:
        """The entities the pronoun ``word`` at ``offset`` stands for (most often one), by one order:

        1. the entity the entities stage linked the pronoun to;
        2. who may be meant: he/she a person of its gender (an honorific on the mention first, then
           ``gender`` by entity id, default :meth:`gender`), it an organisation or state; "they" a
           pair of coordinated people, or the parties of an earlier event (``groups``);
        3. salience, by ``prefer``:
           - ``SUBJECT`` (events): within [floor, offset), the nearest person who was a subject, else
             the nearest; "it": an earlier body in the sentence, the previous sentence's subject, the
             nearest since ``floor``; "they": the last group of two or more since ``floor``;
           - ``SPEAKER`` (quotes): sentence by sentence back (four), outside quotations: in its own
             sentence a main-clause subject only; the subject (of the sentence's own verb first); the
             speaker of a quote just before (``speakers``: (offset, entity), within 600 characters)
             when the sentence names them; the nearest; at last that speaker. A person subject no
             entity covers stops the search (no guess).
        """
        word = word.lower()
        linked = self.entity_on(offset, offset + len(word))
        if linked is not None:
            return [linked]
        if prefer == SPEAKER:
            found = self._by_speaker(word, offset, speakers or [], gender or {})
            return [found] if found is not None else []
        return self._by_subject(word, offset, floor, exclude, groups or [])



    def _fits(self, word: str, gender: dict[str, str]) -> Callable[[Entity, MentionRef | None], bool]:
        """Who ``word`` may stand for: he/she a person of its gender (the mention's own honorific
        first: "Mrs. Clinton" is a woman whatever entity she was merged into); else a body or state."""
        want = pronoun_gender(word)
        if want is None:
            def is_body(entity: Entity, mention: MentionRef | None = None) -> bool:
                return entity.type in ORG_TYPES
            return is_body

        def fits(entity: Entity, mention: MentionRef | None = None) -> bool:
            if entity.type != "PERSON":
                return False
            said = prefix_gender(mention.text) if mention is not None else None
            return (said or gender.get(entity.id, want)) == want
        return fits

    def _by_speaker(self, word: str, offset: int, speakers: list[tuple[int, Entity]],
                    gender: dict[str, str]) -> Entity | None:
        if word in PLURAL_PRONOUNS:
            pair = self.coordinated_people_before(offset)
            if pair is not None:
                return pair
        fits = self._fits(word, gender)
        recent = _recent_speaker(speakers, offset, fits)
        for n, (sent_start, sent_end) in enumerate(self.sentences_before(offset, limit=4)):
            own_sentence = n == 0 and sent_end > offset
            upto = min(sent_end, offset)
            cands = [m for m in self.mentions if sent_start <= m.start and m.end <= upto
                     and not self.in_quote(m.start, m.end) and fits(m.entity, m) and m.kind != "pronoun"]
            if own_sentence:  # before "he said" in its own sentence only a main-clause subject counts
                cands = [m for m in cands if self.is_subject(m, main_clause=True)]
            if not cands:
                if not own_sentence and self.unlinked_person_subject(sent_start, upto):
                    return None  # the subject is a person the entity layer did not find: don't guess
                continue
            subjects = [m for m in cands if self.is_subject(m)]
            if subjects:  # "Cruz drew crowds, Stovall said. “…,” he said." -> Stovall
                return ([m for m in subjects if self.is_root_subject(m)] or subjects)[0].entity
            if self.unlinked_person_subject(sent_start, upto):
                return None
            if recent is not None and any(m.entity is recent for m in cands):
                return recent
            return cands[-1].entity
        return recent


    def coordinated_people_before(self, offset: int) -> Entity | None:
        """"Ms. Abreder and Mr. Sohlberg said … “…,” they said": the first of two people who were the
        subject of the last sentence with a subject ("The owners, Ines Varga and Piet Mol, said")."""
        if self.analysis is None:
            return None
        for sent_start, sent_end in self.sentences_before(offset, limit=2):
            span = self.analysis.char_span(sent_start, min(sent_end, offset), alignment_mode="contract")
            if span is None:
                continue
            for tok in span:
                if tok.dep_ != "nsubj" or self.in_quote(tok.idx, tok.idx + 1):
                    continue
                appos = [c for c in tok.children if c.dep_ == "appos"]
                if self.entity_on(tok.idx, tok.idx + len(tok.text)) is None and appos:
                    tok = appos[0]
                first = self.entity_on(tok.idx, tok.idx + len(tok.text))
                second = [c for c in tok.children if c.dep_ == "conj"]
                if first is not None and first.type == "PERSON" and second:
                    other = self.entity_on(second[0].idx, second[0].idx + len(second[0].text))
                    if other is not None and other.type == "PERSON":
                        return first
                return None  # the last subject was something else
        return None

    def _by_subject(self, word: str, offset: int, floor: int, exclude: frozenset[str],
                    groups: list[tuple[int, list[str]]]) -> list[Entity]:
        if word in MALE_PRONOUNS | FEMALE_PRONOUNS:
            fitting = [m for m in self.persons_for_pronoun(word, offset, floor) if m.entity.id not in exclude]
            subject = next((m for m in fitting if self.subject_at(m.start)), None)
            return [(subject or fitting[0]).entity] if fitting else []
        token = self._token_at(offset)
        if word in NEUTER_PRONOUNS:
            if token is None or token.dep_ in ("dobj", "pobj", "attr"):
                return []  # "Putin accepted it": an object "it" is usually a thing
            found = self.thing_antecedent(offset, exclude=exclude)
            return [found] if found is not None else []
        if word in PLURAL_PRONOUNS:
            for start, ids in reversed(groups):
                if start >= floor and len(ids) >= 2:
                    return [e for i in ids if i not in exclude and (e := self.doc.entity(i)) is not None]
        return []

    def thing_antecedent(self, offset: int, types: tuple[str, ...] = ("GPE", "ORG"),
                         exclude: frozenset[str] = frozenset()) -> Entity | None:
        """"its forces", "the country": an earlier state or body in the sentence, else the previous
        sentence's subject, else the nearest state or body since two sentences before."""
        token = self._token_at(offset)
        if token is None:
            return None
        sent = token.sent

        def fits(entity: Entity | None) -> bool:
            return entity is not None and entity.type in types and entity.id not in exclude

        found = next((m.entity for m in self.antecedents(offset, sent.start_char) if fits(m.entity)), None)
        if found is None and fits(subject := self.previous_subject(sent)):
            found = subject
        return found or next((m.entity for m in self.antecedents(offset, sentence_start(sent, back=2))
                              if fits(m.entity)), None)

    def previous_subject(self, sent: Span) -> Entity | None:
        """The entity of the main-clause subject of the sentence before ``sent``."""
        if sent.start == 0:
            return None
        for token in sent.doc[sent.start - 1].sent:
            if token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT":
                return self.entity_at(token.idx, token.idx + len(token.text))
        return None

    def _token_at(self, offset: int) -> Token | None:
        if self.analysis is None:
            return None
        span = self.analysis.char_span(offset, offset + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None


def _clause_verb(token: Token) -> Token:
    verb = token.head
    while verb.dep_ == "conj":
        verb = verb.head
    return verb


def resolve_pronoun(doc: Document, position: int, word: str, floor: int = 0) -> Entity | None:
    """The entity the pronoun ``word`` at ``position`` stands for: the one the entities stage linked
    it to, else, for he/she, the nearest earlier person of a fitting gender since ``floor``."""
    coref = Coreference(doc)
    linked = coref.entity_on(position, position + len(word))
    if linked is not None:
        return linked
    if word.lower() not in MALE_PRONOUNS | FEMALE_PRONOUNS:
        return None
    fitting = coref.persons_for_pronoun(word, position, floor)
    return fitting[0].entity if fitting else None


def sentence_start(sent: Span, back: int) -> int:
    """The character offset of the sentence ``back`` sentences before ``sent``."""
    doc = sent.doc
    start = sent.start
    for _ in range(back):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return int(doc[start].idx)


def _recent_speaker(speakers: list[tuple[int, Entity]], offset: int,
                    fits: Callable[[Entity, MentionRef | None], bool]) -> Entity | None:
    """The person who spoke last within 600 characters before ``offset`` and may be meant."""
    for pos, entity in reversed(speakers):
        if offset - pos > 600:
            break
        if fits(entity, None) and entity.type == "PERSON":
            return entity
    return None

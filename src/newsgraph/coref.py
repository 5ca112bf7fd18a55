"""Within-document coreference: which entity a name, honorific, nominal or pronoun stands for.

The entities stage links mentions to entities once: full names, honorific and surname forms
("Mr. Kim", "Kim"), nominals ("the North Korean leader") and sentence-opening subject pronouns
("He"). It also settles each person's gender (``Entity.gender``: "female", "male" or None) from,
in order, the knowledge base, an honorific ("Ms. Kim") and the given name ("Amelia Grant").

The quotes and events stages read those links through :class:`Coreference`: the entity a
stretch of text is a mention of, the entity the entities stage linked a pronoun to, a person's
gender, and the persons a pronoun may refer to. What each stage then prefers among the fitting
antecedents (the speaker of the quote before, the subject of an earlier event) stays the stage's
own salience rule.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .lexicon import (
    FEMALE,
    FEMALE_PRONOUNS,
    HONORIFICS,
    MALE,
    MALE_PRONOUNS,
    honorific_gender,
    prefix_gender,
    pronoun_gender,
)
from .model import Document, Entity

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


class Coreference:
    """The entities stage's links of one document, for the later stages to read."""

    def __init__(self, doc: Document, types: Iterable[str] | None = None) -> None:
        self.doc = doc
        wanted = set(types) if types is not None else None
        self.mentions: list[MentionRef] = sorted(
            (MentionRef(e, m.start, m.end, m.text, m.kind) for e in doc.entities
             if wanted is None or e.type in wanted for m in e.mentions),
            key=lambda m: m.start,
        )
        self._starts = [m.start for m in self.mentions]
        self._gender: dict[str, str | None] = {}

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

    def antecedents(self, offset: int, floor: int = 0) -> list[MentionRef]:
        """Mentions (pronouns left out) lying within [floor, offset), the nearest first."""
        lo = bisect.bisect_left(self._starts, floor)
        hi = bisect.bisect_left(self._starts, offset)
        return [m for m in reversed(self.mentions[lo:hi]) if m.end <= offset and m.kind != "pronoun"]

    def persons_for_pronoun(self, word: str, offset: int, floor: int = 0,
                            gender: dict[str, str] | None = None) -> list[MentionRef]:
        """Earlier person mentions he/she (``word``) may refer to, nearest first: those of its gender
        or of unknown gender (``gender`` maps entity ids to genders; default :meth:`gender`)."""
        def gender_of(entity: Entity) -> str | None:
            return gender.get(entity.id) if gender is not None else self.gender(entity)

        return [m for m in self.antecedents(offset, floor) if m.entity.type == "PERSON"
                and fits_gender(word, gender_of(m.entity))]


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

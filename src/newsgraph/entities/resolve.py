"""From candidate mentions to document entities and relations.

* states: a state's name, its demonyms ("North Korean") and its government's metonyms
  ("Pyongyang's support", "the Kremlin confirmed") are one entity, sector GOV; a capital used
  as a place ("in Seoul") is a separate GPE entity;
* persons: full names, honorific and surname mentions ("Mr. Kim", "Kim") and nominal mentions
  ("the North Korean leader") are one entity with the canonical full name;
* titles and affiliations (see :mod:`roles`) become ``titles``, ``former_titles``,
  ``affiliations`` and relations.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from ..coref import as_gender, fits_gender, mention_gender
from ..lexicon import honorific_gender
from ..model import Document, Entity, Mention, Relation
from .kb import KBEntry, KnowledgeBase, normalize
from .lexicon import (
    COMMON_FAMILY_NAMES,
    GIVEN_NAMES,
    LEADER_TITLES,
    LOCATIVE_PREPOSITIONS,
    MOTION_WORDS,
    ORG_SECTOR_WORDS,
    TITLE_SECTORS,
    canonical_given,
)
from .mentions import POSSESSIVE, Candidate, strip_the
from .roles import Role, _title_head, predicate_for

if TYPE_CHECKING:
    from spacy.tokens import Doc

LEADER_LIKE = LEADER_TITLES | {"chairman"}


@dataclass
class Draft:
    """An entity being assembled."""

    key: tuple
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    kb_id: str | None = None
    entry: KBEntry | None = None
    mentions: list[Mention] = field(default_factory=list)
    cands: list[Candidate] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    former_titles: list[str] = field(default_factory=list)
    affiliations: list[Draft] = field(default_factory=list)
    rule: str = ""
    id: str = ""
    name_keys: set = field(default_factory=set)  # persons: (first, last) of full-name mentions
    name_words: set = field(default_factory=set)  # persons: every normalised name word
    gender: str | None = None  # persons: "female" | "male" (newsgraph.coref)

    def add(self, c: Candidate, kind: str | None = None, rule: str | None = None) -> None:
        self.cands.append(c)
        self.mentions.append(Mention(c.start, c.end, c.text, kind or c.kind, rule or c.rule))
        if self.type == "PERSON" and c.kind != "nominal":
            words = _name_words(c)
            self.gender = self.gender or mention_gender(c.honorific, words)
            if len(words) >= 2:
                self.name_keys.add(_first_last(words))
                self.name_keys.add(normalize(" ".join(words)))  # "Choe Son Hui" = "Choe Son-hui"
            self.name_words.update(normalize(w) for w in words)

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions) if self.mentions else 10 ** 9


def _from_entry(key: tuple, entry: KBEntry, rule: str = "entities.kb") -> Draft:
    return Draft(key, entry.name, entry.type, entry.country, entry.sector, entry.kb_id, entry, rule=rule)


def org_sector(name: str) -> str | None:
    low = f" {name.lower()} "
    for words, sector in ORG_SECTOR_WORDS:
        if any(f" {w} " in low or low.strip().endswith(w) for w in words):
            return sector
    return None


class Resolver:
    def __init__(self, doc: Document, sd: Doc, kb: KnowledgeBase) -> None:
        self.doc = doc
        self.sd = sd
        self.kb = kb
        self.drafts: dict[tuple, Draft] = {}
        self.of_cand: dict[int, Draft] = {}  # id(candidate) -> draft

    # -- drafts ----------------------------------------------------------------------
    def draft(self, key: tuple, make: Callable[[], Draft]) -> Draft:
        d = self.drafts.get(key)
        if d is None:
            d = make()
            self.drafts[key] = d
        return d

    def attach(self, c: Candidate, d: Draft, kind: str | None = None, rule: str | None = None) -> None:
        d.add(c, kind, rule)
        self.of_cand[id(c)] = d

    def state_draft(self, entry: KBEntry) -> Draft:
        return self.draft(("state", entry.country), lambda: _from_entry(("state", entry.country), entry))

    # -- capitals and seats -------------------------------------------------------------
    def is_place_use(self, c: Candidate, next_cand: Candidate | None) -> bool:
        sd = self.sd
        i = c.tok_start
        prev = sd[i - 1] if i > 0 else None
        if prev is not None and prev.lower_ == "the" and i > 1:
            prev = sd[i - 2]
        if prev is not None:
            if prev.lower_ in LOCATIVE_PREPOSITIONS:
                return True
            if prev.lower_ in {"to", "from"} and prev.head.lemma_.lower() in MOTION_WORDS:
                return True
            if prev.lemma_.lower() in {"visit", "reach", "leave", "tour"}:
                return True
        after = sd[c.tok_end:c.tok_end + 3]
        if len(after) >= 2 and after[0].text == "-" and after[1].lower_ == "based":
            return True
        line_start = self.doc.text.rfind("\n", 0, c.start) + 1
        if c.text.isupper() and not self.doc.text[line_start:c.start].strip():
            return True  # a dateline: "SEOUL, South Korea —", "MOSCOW 2024-01-16"
        if len(after) >= 2 and after[0].text == "," and next_cand is not None and \
                next_cand.tok_start == c.tok_end + 1 and next_cand.entry is not None and \
                next_cand.entry.kind in ("state", "place"):
            return True  # "SEOUL, South Korea"
        if after and after[0].text in POSSESSIVE and next_cand is not None and \
                next_cand.tok_start <= c.tok_end + 2 and next_cand.label == "ORG":
            e = next_cand.entry
            return e is None or e.sector in ("EDU", "NGO", "BUS")  # "Seoul's Hankuk University"
        if c.rule == "entities.possessive":
            return next_cand is None or next_cand.entry is None
        return False

    # -- everything but persons ------------------------------------------------------------
    def add_non_person(self, c: Candidate, next_cand: Candidate | None) -> None:
        e = c.entry
        kb = self.kb
        if c.rule == "entities.sports_team":  # "Chicago 5 Boston 3": the team, not the city
            key: tuple = ("team", normalize(c.text))
            self.attach(c, self.draft(key, lambda: Draft(key, c.text, "ORG", rule=c.rule)))
            return
        if e is None and c.label in ("GPE", "LOC", "FAC", "NORP", "ORG"):
            # model-only mention: the knowledge base may still know it (case, punctuation)
            found = kb.lookup(c.text)
            gov = kb.government_of(c.text)
            dem = kb.state_of_demonym(c.text) if c.label == "NORP" else None
            if dem is not None:
                e, c.role = dem, "demonym"
            elif found is not None and found.kind != "person":
                e, c.role = found, "name"
            elif gov is not None:
                e, c.role = gov, ("seat" if kb.is_seat(c.text) else "capital")
            c.entry = e
        if e is not None and c.role in ("capital", "seat"):
            if self.is_place_use(c, next_cand):
                name = kb.canonical_place(c.text) or strip_the(c.text)
                country = e.country if e.kind == "state" else kb.country_of_place(c.text)
                typ = "FAC" if kb.is_seat(c.text) else "GPE"
                d = self.draft(("place", normalize(name)),
                               lambda: Draft(("place", normalize(name)), name, typ, country, rule="entities.kb"))
                self.attach(c, d, "name", "entities.place")
            else:
                d = self.state_draft(e) if e.kind == "state" else \
                    self.draft(("kb", e.name), lambda: _from_entry(("kb", e.name), e))
                self.attach(c, d, "metonym", "entities.metonym")
            return
        if e is not None and e.kind == "state":
            self.attach(c, self.state_draft(e), "demonym" if c.role == "demonym" else c.kind)
            return
        if c.rule == "entities.body" and e is not None:
            name = c.name_text or c.text
            key = ("body", normalize(name))
            d = self.draft(key, lambda: Draft(key, name, e.type, c.country, c.sector or e.sector,
                                              rule="entities.body"))
            self.attach(c, d, "name")
            for part in c.parts:  # "South Korea's" in "South Korea's Joint Chiefs of Staff"
                if part.entry is not None and part.entry.kind == "state":
                    self.attach(part, self.state_draft(part.entry),
                                "demonym" if part.role == "demonym" else "name")
            return
        if e is not None:
            country = e.country or c.country or e.default_country
            key = ("kb", e.name, country if e.generic else None)
            d = self.draft(key, lambda: Draft(key, e.name, e.type, country, e.sector, e.kb_id, e,
                                              rule="entities.kb"))
            self.attach(c, d)
            return
        # unknown to the knowledge base: keep the model's reading
        name = c.text
        label = c.label
        key = ("model", normalize(name))  # one entity per name, whatever label each mention got
        country = c.country
        if label in ("GPE", "LOC", "FAC"):
            country = country or kb.country_of_place(name)
        elif label in ("ORG", "NORP"):
            country = country or leading_demonym_country(kb, name)
        sector = org_sector(name) if label == "ORG" else None
        d = self.draft(key, lambda: Draft(key, name, label, country, sector, rule=c.rule))
        if c.country and not d.country:
            d.country = c.country
        self.attach(c, d)

    # -- persons -------------------------------------------------------------------------
    def add_persons(self, persons: list[Candidate]) -> None:
        full: list[Candidate] = []
        short: list[Candidate] = []
        for c in persons:
            words = _name_words(c)
            (full if len(words) >= 2 else short).append(c)
        clusters: list[Draft] = []
        for c in full:
            d = self._match_full(c, clusters)
            if d is None:
                key = ("person", c.entry.name if c.entry else _person_key(c))
                d = self.drafts.get(key)
                if d is None:
                    d = Draft(key, c.entry.name if c.entry else _clean_name(c), "PERSON", rule=c.rule)
                    self._apply_entry(d, c.entry)
                    self.drafts[key] = d
                    clusters.append(d)
            elif c.entry is not None and d.entry is None:
                self._apply_entry(d, c.entry)
                d.name = c.entry.name
            self.attach(c, d)
        for c in short:
            d = self._match_short(c, clusters)
            if d is None:
                if c.entry is not None:
                    key = ("person", c.entry.name)
                    d = self.draft(key, partial(Draft, key, c.entry.name, "PERSON", rule="entities.kb"))
                    self._apply_entry(d, c.entry)
                else:
                    word = _name_words(c)[0] if _name_words(c) else c.text
                    known = self.kb.surname_index().get(normalize(word), [])
                    if len(known) == 1:  # "Mr. Putin" alone: the knowledge base knows him
                        entry = known[0]
                        key = ("person", entry.name)
                        d = self.draft(key, partial(Draft, key, entry.name, "PERSON", rule="entities.kb"))
                        self._apply_entry(d, entry)
                    else:
                        key = ("person", normalize(word))
                        d = self.draft(key, partial(Draft, key, word, "PERSON", rule=c.rule))
                        if word.lower() not in GIVEN_NAMES and normalize(word) not in COMMON_FAMILY_NAMES:
                            _shared_country(d, self.kb.family_name_index().get(normalize(word), []))
                if d not in clusters:
                    clusters.append(d)
            self.attach(c, d, "short" if c.kind != "nominal" else "nominal")

    def _apply_entry(self, d: Draft, entry: KBEntry | None) -> None:
        if entry is None:
            return
        d.entry = entry
        d.gender = d.gender or as_gender(entry.gender)
        d.kb_id = entry.kb_id
        d.country = d.country or entry.country
        d.sector = d.sector or entry.sector

    def _match_full(self, c: Candidate, clusters: list[Draft]) -> Draft | None:
        words = _name_words(c)
        key = _first_last(words)
        whole = normalize(" ".join(words))
        for d in clusters:
            if (c.entry is not None and d.entry is c.entry) or key in d.name_keys or whole in d.name_keys:
                return d
        return None

    def _match_short(self, c: Candidate, clusters: list[Draft]) -> Draft | None:
        words = _name_words(c)
        if not words:
            return None
        word = normalize(words[0])
        matches = []
        for d in clusters:
            if c.entry is not None and d.entry is c.entry:
                return d
            names = d.name_words | {normalize(p) for p in re.split(r"[\s-]+", d.name)}
            if d.entry is not None:
                names |= {normalize(a) for a in d.entry.aliases if " " not in a}
                if d.entry.surname:
                    names.add(normalize(d.entry.surname))
            if word in names:
                matches.append(d)
        wanted = honorific_gender(c.honorific)
        if wanted:  # "Ms. Kim" is Kim Yo-jong, not Kim Jong-un; "Mrs. Clinton" is not Bill Clinton
            matches = [d for d in matches if d.gender in (None, wanted)]
        if not matches:
            return None
        if len(matches) == 1:
            return matches[0]
        before = [(max((m.start for m in d.mentions if m.start < c.start), default=-1), d) for d in matches]
        best = max(before, key=lambda p: p[0])
        if best[0] >= 0:
            return best[1]
        return min(matches, key=lambda d: d.first)

    # -- roles ---------------------------------------------------------------------------
    def apply_roles(self, roles: list[Role]) -> list[tuple]:
        """Titles and affiliations onto persons; returns relation tuples."""
        rels: list[tuple] = []
        for r in roles:
            person = self.of_cand.get(id(r.mention))
            if person is None:
                continue
            if r.title:
                bucket = person.former_titles if r.former else person.titles
                if r.title not in bucket:
                    bucket.append(r.title)
                rels.append((person, "title", r.title, r.start, r.end, r.former, r.rule))
                head = _title_head(r.title)
                if not person.sector or person.rule == "entities.kb":
                    person.sector = TITLE_SECTORS.get(head) or TITLE_SECTORS.get(r.title) or person.sector
            for extra, predicate in r.more:
                other = self.of_cand.get(id(extra))
                if other is not None and other is not person:
                    if not r.former and other not in person.affiliations:
                        person.affiliations.append(other)
                    rels.append((person, predicate, other, r.start, r.end, r.former, r.rule))
            target = self.of_cand.get(id(r.target)) if r.target is not None else None
            if target is None and r.target_state is not None:
                target = self.drafts.get(("state", r.target_state.country))
            if target is not None and target is not person:
                if r.org_country and not target.country:
                    target.country = r.org_country
                if r.org_sector and not target.sector:
                    target.sector = r.org_sector
                predicate = r.predicate or "employee_of"
                if not r.former and target not in person.affiliations:
                    person.affiliations.append(target)
                rels.append((person, predicate, target, r.start, r.end, r.former, r.rule))
                if not person.country and target.country and target.type != "PERSON":
                    person.country = target.country
                if not person.sector and target.sector:
                    person.sector = "GOV" if target.key[0] == "state" else target.sector
            if r.country:
                person.country = person.country if person.rule == "entities.kb" and person.country else r.country
            if r.citizen_of is not None:
                state = self.of_cand.get(id(r.citizen_of))
                if state is not None:
                    rels.append((person, "citizen_of", state, r.start, r.end, False, r.rule))
                    person.country = state.country or person.country
        # "President Biden": a leader title with no qualifier leads the person's own state,
        # when that state is named in the text
        for r in roles:
            person = self.of_cand.get(id(r.mention))
            if person is None or r.former or r.target is not None or r.target_state is not None:
                continue
            if not r.title or not person.country:
                continue
            leader = _title_head(r.title) in LEADER_TITLES
            official = TITLE_SECTORS.get(_title_head(r.title)) in ("GOV", "DIP", "MIL", "LEG")
            known = person.entry is not None and person.entry.country == person.country
            if not (leader or (official and known)):
                continue  # an unqualified official title says nothing of the state unless we know the person
            state = self.drafts.get(("state", person.country))
            if state is not None and state not in person.affiliations:
                person.affiliations.append(state)
                rels.append((person, predicate_for(r.title, True), state, r.start, r.end, False,
                             "entities.title_country"))
        return rels

    # -- nominal mentions ("the North Korean leader") -------------------------------------
    def add_nominals(self) -> None:
        persons = [d for d in self.drafts.values() if d.type == "PERSON"]
        if not persons:
            return
        text = self.doc.text
        pattern = _nominal_pattern(self.kb)
        for m in pattern.finditer(text):
            if self.doc.in_heading(m.start(), m.end()):
                continue
            who = m.group("who") or m.group("who2")
            title = re.sub(r"\s+", " ", m.group("title").lower())
            entry = self.kb.state_of_demonym(who) or self.kb.lookup(who)
            if entry is None or entry.kind != "state":
                continue
            fits = [d for d in persons if d.country == entry.country and _title_fits(d, title)]
            if not fits:
                continue
            best = max(fits, key=lambda d: len(d.mentions))
            start = m.start()
            c = Candidate(-1, -1, start, m.end(), text[start:m.end()], "PERSON", kind="nominal",
                          rule="entities.nominal")
            self.attach(c, best, "nominal", "entities.nominal")

    def merge_north_south(self) -> None:
        """'the North' / 'the South' in a story about the Koreas: North Korea / South Korea."""
        koreas = ("state", "PRK") in self.drafts or ("state", "KOR") in self.drafts
        for word, code in (("north", "PRK"), ("south", "KOR")):
            loose = self.drafts.get(("model", word))
            entry = self.kb.state(code)
            if loose is None or not koreas or entry is None:
                continue
            state = self.state_draft(entry)
            text = self.doc.text
            for c, m in zip(loose.cands, loose.mentions, strict=True):
                if text[max(0, m.start - 4):m.start].lower() == "the ":
                    state.cands.append(c)
                    state.mentions.append(type(m)(m.start, m.end, m.text, "short", "entities.north_south"))
                    self.of_cand[id(c)] = state
            keep = [(c, m) for c, m in zip(loose.cands, loose.mentions, strict=True)
                    if self.of_cand.get(id(c)) is loose]
            loose.cands = [c for c, _ in keep]
            loose.mentions = [m for _, m in keep]

    # -- pronouns (conservative) ------------------------------------------------------------
    def add_pronouns(self) -> None:
        """A sentence opening with "He"/"She" as subject, right after a sentence naming exactly one
        person (of that gender when known), refers to that person."""
        persons = [d for d in self.drafts.values() if d.type == "PERSON"]
        if not persons:
            return
        sents = list(self.sd.sents)
        for prev, sent in zip(sents, sents[1:], strict=False):
            first = next((t for t in sent if not t.is_punct and not t.is_space), None)
            if first is None or first.text not in ("He", "She") or not first.dep_.startswith("nsubj"):
                continue
            if self.doc.in_heading(first.idx, first.idx + len(first.text)):
                continue
            named = [d for d in persons if any(prev.start_char <= m.start < prev.end_char and
                                                   m.kind != "pronoun" for m in d.mentions)]
            if len(named) != 1:
                continue
            person = named[0]
            if not fits_gender(first.text, person.gender):
                continue
            c = Candidate(first.i, first.i + 1, first.idx, first.idx + len(first.text), first.text,
                          "PERSON", kind="pronoun", rule="entities.pronoun")
            self.attach(c, person, "pronoun", "entities.pronoun")

    # -- administrations and places of organisations ------------------------------------
    def add_administrations(self) -> None:
        """'the Biden administration' also stands for the United States government (metonym)."""
        sd, text = self.sd, self.doc.text
        for d in list(self.drafts.values()):
            if d.type != "PERSON" or not d.country:
                continue
            state = self.kb.state(d.country)
            if state is None:
                continue
            for c in list(d.cands):
                if c.tok_end < 0 or c.tok_end >= len(sd):
                    continue
                nxt = sd[c.tok_end]
                if nxt.lower_ not in {"administration", "government", "cabinet", "regime"}:
                    continue
                start = c.start
                prev = sd[c.tok_start - 1] if c.tok_start > 0 else None
                if prev is not None and prev.lower_ == "the":
                    start = prev.idx
                end = nxt.idx + len(nxt.text)
                m = Candidate(c.tok_start, c.tok_end + 1, start, end, text[start:end], "GPE",
                              kind="metonym", entry=state, role="seat", rule="entities.administration")
                self.attach(m, self.state_draft(state), "metonym", "entities.administration")

    def locations(self, cands: list[Candidate]) -> list[tuple]:
        """located_in for "Seoul's Asan Institute", "Seoul-based X", "X in Seoul"; part_of for
        "South Korea's Joint Chiefs of Staff"."""
        sd = self.sd
        rels = []
        for i, c in enumerate(cands):
            org = self.of_cand.get(id(c))
            if org is None or org.type != "ORG":
                continue
            if c.rule == "entities.body" and c.country:
                state = self.drafts.get(("state", c.country))
                if state is not None and state is not org:
                    rels.append((org, "part_of", state, c.start, c.end, False, "entities.body"))
            place = None
            if i > 0:
                p = cands[i - 1]
                gap = [t.text for t in sd[p.tok_end:c.tok_start]]
                pd = self.of_cand.get(id(p))
                if pd is not None and pd.key[0] == "place" and (
                        gap in (["'s"], ["’s"]) or gap[:2] == ["-", "based"]):
                    place = (pd, p)
            if place is None and i + 1 < len(cands):
                n = cands[i + 1]
                gap = [t.lower_ for t in sd[c.tok_end:n.tok_start]]
                nd = self.of_cand.get(id(n))
                if nd is not None and nd.key[0] == "place" and gap == ["in"]:
                    place = (nd, n)
            if place is not None:
                pd, where = place
                rels.append((org, "located_in", pd, min(where.start, c.start), max(where.end, c.end), False,
                             "entities.location"))
                org.country = org.country or pd.country
        return rels

    # -- output --------------------------------------------------------------------------
    def finish(self, rel_tuples: list[tuple]) -> tuple[list[Entity], list[Relation]]:
        drafts = sorted((d for d in self.drafts.values() if d.mentions), key=lambda d: d.first)
        for i, d in enumerate(drafts, 1):
            d.id = f"e{i}"
        entities = []
        for d in drafts:
            if d.type == "ORG" and not d.sector:
                d.sector = org_sector(d.name)
            mentions = sorted(d.mentions, key=lambda m: (m.start, m.end))
            entities.append(Entity(
                id=d.id, name=d.name, type=d.type, country=d.country, sector=d.sector, kb_id=d.kb_id,
                titles=list(d.titles), affiliations=[a.id for a in d.affiliations if a.id],
                mentions=mentions, former_titles=list(d.former_titles), rule=d.rule,
                gender=d.gender if d.type == "PERSON" else None,
            ))
        relations = []
        seen = set()
        for person, predicate, obj, start, end, former, rule in rel_tuples:
            if not person.id or (isinstance(obj, Draft) and not obj.id):
                continue
            if start >= end:
                continue
            obj_value = obj.id if isinstance(obj, Draft) else obj
            key = (person.id, predicate, obj_value, former)
            if key in seen:
                continue
            seen.add(key)
            relations.append(Relation(person.id, predicate, obj_value, start, end, former, rule))
        return entities, relations


# --- helpers -----------------------------------------------------------------------------

def _name_words(c: Candidate) -> list[str]:
    text = c.name_text if c.name_text else c.text
    if c.entry is not None and c.entry.kind == "person" and c.kind != "short":
        text = c.entry.name
    words = [w for w in re.split(r"\s+", text.strip()) if w]
    return [w for w in words if not re.fullmatch(r"[A-Z]\.", w)]


def _first_last(words: list[str]) -> tuple[str, str]:
    """(given name, surname), the given name in its formal form ("Chris" -> "christopher")."""
    return canonical_given(normalize(words[0])), normalize(words[-1])


def _person_key(c: Candidate) -> str:
    return " ".join(normalize(w) for w in _name_words(c))


def _clean_name(c: Candidate) -> str:
    return (c.name_text or c.text).strip()


def _title_fits(d: Draft, title: str) -> bool:
    titles = {_title_head(t) for t in d.titles}
    titles |= set(d.titles)
    if d.entry is not None:
        titles |= set(d.entry.titles)
    if title in titles:
        return True
    if title == "leader":
        return bool({_title_head(t) for t in titles} & LEADER_LIKE)
    return False


_NOMINAL_CACHE: dict[int, re.Pattern] = {}

NOMINAL_TITLES = ("supreme leader", "leader", "president", "prime minister", "premier",
                  "foreign minister", "defense minister", "chancellor", "king", "dictator",
                  "strongman", "spokesman", "secretary of state")


def _nominal_pattern(kb: KnowledgeBase) -> re.Pattern:
    pat = _NOMINAL_CACHE.get(id(kb))
    if pat is None:
        words: set[str] = set()
        for e in kb.entries:
            if e.kind == "state":
                words.update(e.demonyms)
                words.add(e.name + "’s")
                words.add(e.name + "'s")
        alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        titles = "|".join(t.replace(" ", r"\s+") for t in NOMINAL_TITLES)
        possessives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if w[-2:] in ("’s", "'s"))
        pat = re.compile(
            rf"(?:\b[Tt]he\s+(?:[a-z][a-z-]+\s+){{0,2}}?(?P<who>{alts})|(?<![\w-])(?P<who2>{possessives}))"
            rf"\s+(?P<title>{titles})\b(?!s\b|-)(?!\s+[A-Z])"
        )
        _NOMINAL_CACHE[id(kb)] = pat
    return pat


def _shared_country(d: Draft, known: list[KBEntry]) -> None:
    """"Bush" alone, where the knowledge base has two presidents Bush (or one, with no surname
    alias to link by): which one is unknown, but all are American, so the person's country and
    sector are known."""
    countries = {e.country for e in known}
    if known and len(countries) == 1 and None not in countries:
        d.country = d.country or known[0].country
        sectors = {e.sector for e in known}
        if len(sectors) == 1:
            d.sector = d.sector or known[0].sector


def leading_demonym_country(kb: KnowledgeBase, name: str) -> str | None:
    """The country of a body or group whose name opens with a state's demonym or name ("Latvian
    Constitutional Court", "Palestinian Islamic Jihad", "Montenegro Municipality Association"),
    else None."""
    words = strip_the(name).split()
    for n in (3, 2, 1):
        if len(words) > n:
            lead = " ".join(words[:n])
            state = kb.state_of_demonym(lead) or next(iter(kb.lookup_all(lead, kinds=("state",))), None)
            if state is not None and state.country:
                return state.country
    return None

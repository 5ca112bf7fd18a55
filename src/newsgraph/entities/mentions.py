"""Candidate mentions: spaCy's named entities corrected by the knowledge base and by rules.

The small English model makes typical mistakes in foreign-news copy; each fix below names
the rule that made it (``Candidate.rule``):

* ``entities.kb`` — a knowledge-base name, alias, demonym, capital or seat (longest match);
* ``entities.hyphen_name`` — a hyphenated Korean/Chinese name cut short ("Choe Son" + "-hui",
  "Myong-hyun" after "Go");
* ``entities.honorific`` — "Mr. Go", "Ms. Choe": a person whatever the model said;
* ``entities.person_from_org`` — "Mason Richey" read as an ORG but later "Mr. Richey";
* ``entities.given_name`` — "Mariah Okafor" read as a GPE/ORG: a known given name + surname;
  "Halloway" read as an ORG when "Mr. Halloway" is named too;
* ``entities.person_as_place`` — "officials in Hamilton": a lone PERSON after a locative
  preposition, never named in full or with an honorific, is a place;
* ``entities.epithet`` — "Crooked Hillary Clinton", "Miss Universe Alicia Machado": capitalised
  words before a given name + surname are cut off;
* ``entities.hyphen_compound`` — "the Choe-Putin meeting", "North Korea-Russia border": the
  parts, never one organisation;
* ``entities.possessive`` — "South Korea’s" -> South Korea; "Seoul’s Asan Institute" -> the
  institute (in Seoul) and the place;
* ``entities.body`` — "the South Korean Joint Chiefs of Staff", "Russia's Defense Ministry";
* ``entities.person_appositive`` — "Kyrylo Budanov, head of ..." when the model saw no name;
* ``entities.surname`` — a full name's surname used alone later ("Lebed said");
* ``entities.surname_place`` — "Jordan said" where a Jordan was named in full;
* ``entities.sports_team`` — a city, region or county in a score line or fixture ("CHICAGO 5
  Boston 3", "Essex beat Kent", "Leeds v Everton") is the team (ORG), as in CoNLL-2003;
* ``entities.dateline_place`` — the upper-case place opening a dateline line ("BONN 1996-08-30");
* names followed by "Square", "exercise", "region", "missile", or after "the carrier" are
  facilities, events, places and products, not persons;
* headings and capitalised phrases ("Lengthy agenda") are never persons.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from spacy.matcher import PhraseMatcher

from ..lexicon import SPEECH_NAME, reporting_verbs
from .kb import KBEntry, KnowledgeBase, normalize
from .lexicon import (
    CRICKET_COUNTIES,
    CRICKET_WORDS,
    EAST_ASIAN_SURNAMES,
    EVENT_WORDS,
    FACILITY_WORDS,
    GIVEN_NAMES,
    HONORIFICS,
    LOCATIVE_PREPOSITIONS,
    NAME_PARTICLES,
    NOT_ENTITIES,
    ORG_WORDS,
    REGION_WORDS,
    SITE_WORDS,
    TITLE_ABBREVIATIONS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    VESSEL_WORDS,
    WEAPON_WORDS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from ..model import Document

_NOT_ENTITY_KEYS = {normalize(w) for w in NOT_ENTITIES}
SPACY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}
POSSESSIVE = {"'s", "’s", "'", "’"}
APOSTROPHES = "'’"


@dataclass
class Candidate:
    """A stretch of text that names (or stands for) an actor."""

    tok_start: int
    tok_end: int
    start: int
    end: int
    text: str
    label: str
    kind: str = "name"  # name | short | demonym | metonym | nominal
    entry: KBEntry | None = None
    role: str = ""  # KB match role: name | demonym | capital | seat ('' for model-only)
    rule: str = "entities.spacy"
    country: str | None = None  # hint from context ("Seoul-based", "Seoul's")
    sector: str | None = None
    honorific: str | None = None
    name_text: str | None = None  # the name without honorific / canonical composite name
    source: int = 2  # 0 honorific, 1 knowledge base, 2 model: lower wins ties
    parts: tuple = ()  # mentions inside this one that stand for something else (the state of a body)

    @property
    def length(self) -> int:
        return self.end - self.start


def _span_candidate(sd, s: int, e: int, label: str, **kw) -> Candidate:
    span = sd[s:e]
    return Candidate(s, e, span.start_char, span.end_char, span.text, label, **kw)


# --- knowledge-base matching ------------------------------------------------------

class PatternMaker(Protocol):
    """What :class:`KBMatcher` needs from a spaCy pipeline: its vocabulary and a tokenizer."""

    @property
    def vocab(self) -> Vocab: ...

    @property
    def make_doc(self) -> Callable[[str], Doc]: ...


class KBMatcher:
    """All knowledge-base surface forms, matched case-insensitively with case checks."""

    def __init__(self, nlp: PatternMaker, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.forms: dict[str, list[tuple[str, str, KBEntry]]] = {}
        by_key: dict[str, list[str]] = {}
        for surface, role, entry in kb.patterns():
            if not surface.strip():
                continue
            key = surface.lower()
            self.forms.setdefault(key, []).append((surface, role, entry))
            by_key.setdefault(key, []).append(surface)
        for key, surfaces in by_key.items():
            self.matcher.add(key, [nlp.make_doc(surfaces[0])])
        self.strings = nlp.vocab.strings

    def __call__(self, sd: Doc) -> list[Candidate]:
        found = []
        for match_id, s, e in self.matcher(sd):
            span = sd[s:e]
            forms = self.forms.get(self.strings[match_id], [])
            accepted = [(surf, role, ent) for surf, role, ent in forms if _case_ok(surf, span.text, ent)]
            if not accepted:
                continue
            surf, role, ent = _best_form(accepted)
            kind = {"demonym": "demonym"}.get(role, "name")
            if role == "name" and surf != ent.name and ent.kind in ("person", "org"):
                if ent.kind == "person" and " " not in surf.strip():
                    kind = "short"
                elif surf.replace(".", "").isupper() and len(surf) <= 6:
                    kind = "short"
            label = "NORP" if role == "demonym" else ent.type
            if e - s > 1 and sd[s].lower_ == "the" and not ent.name.startswith("The "):
                s += 1  # "the Kremlin", "the West": the article is not part of the name
            found.append(_span_candidate(sd, s, e, label, kind=kind, entry=ent, role=role,
                                         rule="entities.kb", source=1))
        return found


def _best_form(accepted):
    order = {"state": 0, "org": 1, "person": 2, "place": 3}
    role_order = {"name": 0, "seat": 1, "capital": 2, "demonym": 3}
    return min(accepted, key=lambda f: (role_order.get(f[1], 9), order.get(f[2].kind, 9)))


def _case_ok(surface: str, text: str, entry: KBEntry) -> bool:
    if entry.lowercase:
        return True
    if entry.case_sensitive:
        return strip_the(surface) == strip_the(text)
    letters = re.sub(r"[^A-Za-z]", "", surface)
    text_letters = re.sub(r"[^A-Za-z]", "", text)
    if letters.isupper() and len(letters) <= 5:
        return text_letters.isupper()
    if len(letters) <= 3:
        return surface == text  # "Xi", not "XI"
    s_words, t_words = surface.split(), text.split()
    if len(s_words) != len(t_words):
        return bool(text[:1].isupper())
    for sw, tw in zip(s_words, t_words, strict=True):
        if sw[:1].isupper() and not tw[:1].isupper():
            return False
    return True


def strip_the(text: str) -> str:
    """The name without a leading article ("the Kremlin" -> "Kremlin")."""
    return re.sub(r"^(the|The)\s+", "", text.strip())


# --- model entities, corrected ------------------------------------------------------

def _is_name_token(tok) -> bool:
    t = tok.text
    if t in {"-", "‐", "."} or tok.lower_ in NAME_PARTICLES:
        return True
    if tok.i > 0 and tok.nbor(-1).text in {"-", "‐"} and not tok.nbor(-1).whitespace_ and tok.is_alpha:
        return True  # "Son-hui", "Jong-un"
    return t[:1].isupper() and any(c.isalpha() for c in t)


def _extend_hyphen_name(sd, s: int, e: int) -> tuple[int, int, bool]:
    """Grow a person span over hyphenated name parts the model cut off."""
    changed = False
    # right: "Choe Son" + "-" + "hui"
    while e + 1 < len(sd) and sd[e].text in {"-", "‐"} and not sd[e - 1].whitespace_ \
            and not sd[e].whitespace_ and sd[e + 1].is_alpha and len(sd[e + 1]) <= 6:
        e += 2
        changed = True
    # left: "Myong-hyun" after "Go"
    first = sd[s]
    if s > 0 and e - s >= 3 and sd[s + 1].text == "-" and first.text[:1].isupper():
        prev = sd[s - 1]
        if prev.is_alpha and prev.text[:1].isupper() and len(prev) <= 5 and (
            prev.lower_ in EAST_ASIAN_SURNAMES or not prev.is_sent_start
        ):
            s -= 1
            changed = True
    return s, e, changed


# Title words that never start a name ("Dean Jones" and "King" can be names).
_STRIPPABLE = {
    "president", "vice", "prime", "minister", "secretary", "senator", "chancellor", "premier",
    "ambassador", "governor", "mayor", "foreign", "defense", "defence", "deputy", "former", "leader",
    "spokesman", "spokeswoman", "envoy", "chairman", "supreme", "general", "lieutenant", "colonel",
    "admiral", "commander", "professor", "sergeant", "captain", "representative",
}


def _strip_title_tokens(sd, s: int, e: int) -> int:
    """Drop honorifics and titles the model put inside a PERSON span ("President Trump")."""
    while e - s > 1:
        low = sd[s].lower_
        if low in HONORIFICS or low in TITLE_ABBREVIATIONS or low in _STRIPPABLE or sd[s].text == ".":
            s += 1
        else:
            break
    return s


def _split_at_scores(sd, s: int, e: int) -> list[tuple[int, int]]:
    """'Chicago 5 Boston 3', 'Romania - Cosmin Contra' read as one entity: the names either side of
    each bare number or spaced dash; 'Mexico 2-0': the name before a score."""
    parts, a = [], s
    for k in range(s, e):
        spaced_dash = sd[k].text in {"-", "–", "—"} and k > s and sd[k - 1].whitespace_ and sd[k].whitespace_
        if spaced_dash or re.fullmatch(r"\d{1,3}(-\d{1,3})?", sd[k].text):
            if k > a:
                parts.append((a, k))
            a = k + 1
    if a < e:
        parts.append((a, e))
    named = [(x, y) for x, y in parts if sd[x].text[:1].isupper()]
    if len(named) == 1 and a == e and re.fullmatch(r"\d{1,2} ?- ?\d{1,2}", sd[named[0][1]:e].text):
        return named  # "Mexico 2-0": the name before a score
    if len(named) < 2:
        return [(s, e)]  # "Apollo 11", "Formula 1": a number inside one name
    return named


def model_candidates(sd: Doc, kb: KnowledgeBase) -> list[Candidate]:
    out: list[Candidate] = []
    spans = []
    for ent in sd.ents:
        if ent.label_ in SPACY_LABELS:
            spans += [(s, e, ent.label_) for s, e in _split_at_scores(sd, ent.start, ent.end)]
    for s, e, label in spans:
        while s < e and (sd[s].lower_ in {"the", "a", "an"} or sd[s].is_space):
            s += 1
        while e > s and (sd[e - 1].text in POSSESSIVE or sd[e - 1].is_space or sd[e - 1].lower_ in {"of", "and", "the"}
                         or sd[e - 1].is_punct and sd[e - 1].text not in {".", ")"}):
            e -= 1
        if label in ("ORG", "GPE", "LOC", "FAC", "NORP"):
            while e - s > 1 and sd[e - 1].is_alpha and sd[e - 1].is_lower:
                e -= 1  # "Interfax news agency" -> Interfax
        if s >= e:
            continue
        if normalize(sd[s:e].text) in _NOT_ENTITY_KEYS:
            continue
        rule = "entities.spacy"
        country_hint = None
        # leading possessive place: "Seoul's Asan Institute ..." -> the institute, in Seoul
        for k in range(s + 1, e - 1):
            if sd[k].text in POSSESSIVE:
                left = sd[s:k].text
                country_hint = kb.country_of_place(left)
                if country_hint is None:
                    break  # "Supreme People's Assembly": a name with a possessive inside
                out.append(_span_candidate(sd, s, k, "GPE", rule="entities.possessive"))
                s = k + 1
                rule = "entities.possessive"
                break
        if label == "PERSON" and sd[e - 1].lower_ in ORG_WORDS:
            label = "ORG"  # "Vistula Centre"
        if label == "PERSON" and s >= 2 and sd[s - 1].text == "-" and not sd[s - 1].whitespace_ \
                and not sd[s - 2].whitespace_ and sd[s - 2].is_lower:
            continue  # "Komsomolsk-on-Amur": the end of a hyphenated word
        if label == "PERSON":
            s = _strip_title_tokens(sd, s, e)
            s, e, grown = _extend_hyphen_name(sd, s, e)
            if grown:
                rule = "entities.hyphen_name"
        label = _kind_from_context(sd, s, e, label)
        if label == "ORG" and e < len(sd) and sd[e].lower_ in {"minister", "secretary", "spokesman",
                                                              "spokeswoman", "ambassador", "envoy"} \
                and kb.state_of_demonym(sd[s].text) is not None:
            continue  # "Russian Natural Resources Minister X": title words, not an organisation
        if label == "ORG" and sd[e - 1].lower_ in ORG_WORDS:
            # "Vistula Centre" + "for Eastern Studies": the model stopped at the preposition
            k = e
            while k + 1 < len(sd) and sd[k].lower_ in {"for", "of"} and sd[k + 1].text[:1].isupper() \
                    and sd[k + 1].is_alpha:
                m = k + 1
                while m < len(sd) and sd[m].text[:1].isupper() and sd[m].is_alpha:
                    m += 1
                k = m
            if k > e and sd[e].ent_type_ in ("", "ORG"):
                e = k
        if e - s == 1:
            low = sd[s].lower_
            if (label in {"ORG", "GPE"} and (low in TITLE_MODIFIERS or low in TITLE_HEADS)) or \
                    low in TITLE_ABBREVIATIONS or (label == "PERSON" and low in _STRIPPABLE):
                continue  # "Defense" from "Russian Defense Minister ...", "Amb."
        cand = _span_candidate(sd, s, e, label, rule=rule, country=country_hint)
        out.append(cand)
    return out


def _kind_from_context(sd, s: int, e: int, label: str) -> str:
    """'Kim Il Sung Square' (FAC), 'the USS Carl Vinson' (PRODUCT), 'the Freedom Edge exercise'
    (EVENT), 'the Amur region' (LOC), 'Kinzhal missiles' (PRODUCT)."""
    last = sd[e - 1].lower_
    nxt = sd[e].lower_ if e < len(sd) else ""
    nxt2 = sd[e + 1].lower_ if e + 1 < len(sd) and sd[e].pos_ in ("ADJ", "NOUN") else ""
    prev = sd[s - 1].lower_ if s > 0 else ""
    if label == "PERSON" and (last in FACILITY_WORDS or {nxt, nxt2} & SITE_WORDS):
        return "FAC"  # "Kim Il Sung Square", "the Yuri Gagarin aircraft plant"
    if prev in VESSEL_WORDS or (s > 1 and prev == "aircraft"):
        return "PRODUCT"
    if ({nxt, nxt2} & WEAPON_WORDS) and label != "GPE":
        return "PRODUCT"  # "a Kinzhal hypersonic missile"
    if nxt in EVENT_WORDS and label in ("PERSON", "ORG"):
        return "EVENT"  # "the Freedom Edge exercise"
    if nxt in REGION_WORDS and label != "GPE":
        return "LOC"  # "the Amur region", "the Kursk region"
    return label


def honorific_candidates(sd: Doc) -> list[Candidate]:
    """'Mr. Go', 'Ms. Choe', 'Dr. Lee': a person named after an honorific."""
    out = []
    n = len(sd)
    for tok in sd:
        if tok.lower_ not in HONORIFICS or tok.i + 1 >= n or not tok.text[:1].isupper():
            continue
        j = tok.i + 1
        if sd[j].text == "." and tok.text[-1] != ".":
            j += 1
        k = j
        while k < n and k - j < 4 and _is_name_token(sd[k]) and sd[k].text not in {"-", "."}:
            k += 1
            while k + 1 < n and sd[k].text == "-" and not sd[k - 1].whitespace_ and sd[k + 1].is_alpha:
                k += 2
        if k == j:
            continue
        cand = _span_candidate(sd, tok.i, k, "PERSON", kind="short" if k - j == 1 else "name",
                               rule="entities.honorific", honorific=tok.text, source=0)
        cand.name_text = sd[j:k].text
        out.append(cand)
    return out


# --- corrections needing the whole candidate set ---------------------------------------

def _surnames_after_honorific(cands: list[Candidate]) -> set[str]:
    return {normalize(c.name_text) for c in cands if c.honorific and c.name_text}


def _title_follows(sd, k: int) -> bool:
    """After the comma at ``k``: an appositive with a person's title ("head of", "Russia's ambassador")."""
    words = [t.lower_ for t in sd[k + 1:k + 8]]
    for i, w in enumerate(words):
        if w in {",", ".", ";", "said", "says"}:
            return False
        if w in TITLE_HEADS and w not in {"member", "head of state", "deputy", "executive", "chief"}:
            return True
        if w in {"chief", "head"} and i + 1 < len(words) and words[i + 1] == "of":
            return True
    return False


def appositive_persons(sd: Doc, cands: list[Candidate]) -> list[Candidate]:
    """'Kyrylo Budanov, head of ...': two or three capitalised words before a title appositive."""
    taken = {i for c in cands for i in range(c.tok_start, c.tok_end) if c.label == "PERSON" or c.source < 2}
    out = []
    for t in sd:
        if t.text != "," or t.i < 2 or not _title_follows(sd, t.i):
            continue
        e = t.i
        s = e
        while s > 0 and e - s < 3 and sd[s - 1].is_alpha and sd[s - 1].text[:1].isupper() \
                and sd[s - 1].pos_ == "PROPN" and not sd[s - 1].is_stop and sd[s - 1].ent_type_ not in {
                    "DATE", "TIME", "GPE", "NORP", "LOC", "EVENT", "CARDINAL", "ORDINAL"} \
                and not sd[s - 1].is_upper and sd[s - 1].lower_ not in ORG_WORDS and (s - 1) not in taken:
            s -= 1
            if sd[s].is_sent_start:
                break
        if e - s < 2:
            continue
        before = sd[s - 1] if s > 0 else None
        lead_ins = {"said", "says", "and", ",", "“", '"', "by"}
        if before is not None and not (sd[s].is_sent_start or before.lower_ in lead_ins):
            continue
        out.append(_span_candidate(sd, s, e, "PERSON", rule="entities.person_appositive", source=1))
    return out


def fix_misread_persons(sd: Doc, cands: list[Candidate]) -> None:
    """A model ORG/GPE that is a person: 'Mason Richey, who ...' or later 'Mr. Richey'."""
    honored = _surnames_after_honorific(cands)
    for c in cands:
        if c.source != 2 or c.label not in {"ORG", "GPE", "NORP", "FAC", "WORK_OF_ART"}:
            continue
        toks = sd[c.tok_start:c.tok_end]
        if not 2 <= len(toks) <= 3 or any(t.lower_ in ORG_WORDS for t in toks):
            continue
        if not _capitalised_words(toks):
            continue
        followed_by_who = c.tok_end + 1 < len(sd) and sd[c.tok_end].text == "," and (
            sd[c.tok_end + 1].lower_ == "who" or _title_follows(sd, c.tok_end))
        if c.tok_end < len(sd) and sd[c.tok_end].lower_ == "of" and c.label == "WORK_OF_ART":
            followed_by_who = True  # "Ravi Castellane of the Harbourlight Arms Control Project"
        if followed_by_who or normalize(toks[-1].text) in honored or normalize(toks[0].text) in honored:
            c.label = "PERSON"
            c.rule = "entities.person_from_org"


def _capitalised_words(toks) -> bool:
    """Every token a word with a capital first letter, not all capitals ("Omar Park", not "NATO")."""
    return all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in toks)


def _looks_like_full_name(toks) -> bool:
    """Two or three capitalised words starting with a known given name ("Mariah Okafor")."""
    if not 2 <= len(toks) <= 3 or toks[0].lower_ not in GIVEN_NAMES:
        return False
    if any(t.lower_ in ORG_WORDS or t.lower_ in REGION_WORDS or t.lower_ in FACILITY_WORDS for t in toks):
        return False
    return _capitalised_words(toks)


def _speaks(token) -> bool:
    """The subject of a speech verb ("Park told reporters")."""
    return token.dep_ == "nsubj" and token.head.lemma_ in SPEECH_VERBS


def _surname_reused(toks, lone_people: set[str]) -> bool:
    """Two or three capitalised words whose last word the same article uses alone for a person
    (a model PERSON, or the subject of a speech verb: "Omar Park called for talks ... Park told
    reporters"): the model read the full name as a place or a body (a surname that is also a
    noun, a given name it does not know)."""
    if not 2 <= len(toks) <= 3 or normalize(toks[-1].text) not in lone_people:
        return False
    if any(t.lower_ in ORG_WORDS or t.lower_ in REGION_WORDS for t in toks):
        return False
    return _capitalised_words(toks)


# Verbs whose object is a place ("convoys reached Hamilton").
PLACE_VERBS = {"reach", "visit", "enter", "evacuate", "shell", "bomb", "capture", "recapture", "besiege"}


# Lower-case nouns that, right before a name, say it is a person ("finalist MaliVai Washington").
PERSON_NOUNS = (TITLE_HEADS - {"member", "head", "chief", "executive", "deputy", "head of state"}) | {
    "finalist", "champion", "striker", "midfielder", "defender", "goalkeeper", "coach", "manager",
    "batsman", "bowler", "seed", "winger", "forward", "rider", "driver", "skipper", "organiser",
    "organizer", "activist", "resident", "businessman", "businesswoman", "singer", "actor", "actress",
    "writer", "novelist", "author", "candidate", "nominee", "opponent", "challenger", "veteran",
    "colleague", "wife", "husband", "son", "daughter", "brother", "sister", "mother", "father",
}
SPEECH_VERBS = reporting_verbs(SPEECH_NAME)  # "say", "tell", "add", ...: newsgraph.lexicon


def _speaking_name(toks) -> bool:
    """Two or three capitalised words that are the subject of a speech verb ("X Y said")."""
    if not 2 <= len(toks) <= 3 or not _capitalised_words(toks):
        return False
    root = toks.root
    return root.dep_ == "nsubj" and root.head.lemma_ in SPEECH_VERBS


def retype_by_name_evidence(sd: Doc, cands: list[Candidate], kb: KnowledgeBase) -> None:
    """Model ORG/GPE spans that are people, and lone model PERSONs that are places."""
    honored = _surnames_after_honorific(cands)
    lone_people = {normalize(sd[c.tok_start].text) for c in cands if c.tok_end - c.tok_start == 1
                   and (c.label == "PERSON" or _speaks(sd[c.tok_start]))}
    places: set[str] = set()
    full_surnames = set()
    for c in cands:
        toks = sd[c.tok_start:c.tok_end]
        if c.label == "PERSON" and len(toks) >= 2:
            full_surnames.add(normalize(toks[-1].text))
    for c in cands:
        if c.source != 2 or c.entry is not None:
            continue
        toks = sd[c.tok_start:c.tok_end]
        if c.label in {"ORG", "GPE", "NORP", "LOC", "FAC"}:
            if kb.lookup(c.text) is not None:
                continue
            if 3 <= len(toks) <= 4 and toks[0].lower_ in PERSON_NOUNS and toks[0].is_sent_start:
                # "Striker Emeka Obiora" read as one ORG: the title word, then the name
                rest = sd[c.tok_start + 1:c.tok_end]
                c.tok_start, c.start, c.text = rest.start, rest.start_char, rest.text
                toks = rest
            before = sd[c.tok_start - 1] if c.tok_start > 0 else None
            titled = before is not None and (before.is_lower or before.is_sent_start) \
                and before.lower_ in PERSON_NOUNS \
                and 2 <= len(toks) <= 3 and _capitalised_words(toks) \
                and not any(t.lower_ in ORG_WORDS for t in toks)
            if _looks_like_full_name(toks) or titled or (c.label == "GPE" and _speaking_name(toks)):
                c.label, c.rule = "PERSON", "entities.given_name"
            elif _surname_reused(toks, lone_people):
                c.label, c.rule = "PERSON", "entities.surname_reused"
            elif len(toks) == 1 and toks[0].is_alpha and toks[0].text[:1].isupper() and (
                    normalize(toks[0].text) in honored
                    or (toks[0].lower_ in EAST_ASIAN_SURNAMES and len(toks[0]) >= 3 and not toks[0].is_upper)):
                c.label, c.kind, c.rule = "PERSON", "short", "entities.given_name"
        elif c.label in {"PRODUCT", "WORK_OF_ART", "EVENT"} and _surname_reused(toks, lone_people) \
                and kb.lookup(c.text) is None:
            c.label, c.rule = "PERSON", "entities.surname_reused"
        elif c.label in {"PERSON", "ORG"} and len(toks) == 1 and c.tok_start > 0:
            key = normalize(toks[0].text)
            prev = sd[c.tok_start - 1]
            placed = (prev.lower_ in LOCATIVE_PREPOSITIONS and prev.lower_ != "at") or (
                c.label == "PERSON" and toks[0].dep_ == "dobj" and toks[0].head.lemma_ in PLACE_VERBS)
            if placed and key not in honored and key not in full_surnames \
                    and toks[0].lower_ not in GIVEN_NAMES and kb.lookup(c.text) is None:
                places.add(key)
    for c in cands:  # every lone mention of that word is the place ("reached Hamilton", "in Hamilton")
        if c.source == 2 and c.entry is None and c.label in {"PERSON", "ORG"} and c.tok_end - c.tok_start == 1 \
                and normalize(c.text) in places:
            c.label, c.kind, c.rule = "GPE", "name", "entities.person_as_place"


def trim_epithets(sd: Doc, cands: list[Candidate]) -> None:
    """'Crooked Hillary Clinton', 'Miss Universe Alicia Machado': the name starts at its given name."""
    for c in cands:
        if c.label != "PERSON" or c.entry is not None:
            continue
        s, e = c.tok_start, c.tok_end
        if c.honorific:
            s += 2 if sd[s + 1].text == "." and not sd[s].text.endswith(".") else 1
        toks = sd[s:e]
        if len(toks) < 3:
            continue
        for k in range(1, len(toks) - 1):
            if toks[k].lower_ in GIVEN_NAMES and all(
                    t.is_alpha and t.text[:1].isupper() and t.lower_ not in GIVEN_NAMES for t in toks[:k]):
                new = sd[s + k:e]
                c.tok_start, c.start, c.text = new.start, new.start_char, new.text
                c.honorific, c.name_text, c.kind, c.source = None, None, "name", 1
                c.rule = "entities.epithet"
                break


def demonym_groups(sd: Doc, cands: list[Candidate], kb: KnowledgeBase) -> None:
    """"Bosnian Serbs" read as a person, "Radical French" (farmers) as an organisation: a name the
    model found that is all demonyms is a group of people (NORP); one that opens a sentence with
    a capitalised adjective before a demonym is that demonym."""
    for c in cands:
        if c.entry is not None or c.label not in ("PERSON", "ORG", "NORP") or c.rule != "entities.spacy":
            continue
        toks = sd[c.tok_start:c.tok_end]
        demonyms = [t.is_alpha and kb.state_of_demonym(t.text) is not None for t in toks]
        if len(toks) >= 2 and all(demonyms):
            c.label, c.kind, c.rule = "NORP", "name", "entities.demonym_group"
        elif 2 <= len(toks) <= 3 and demonyms[-1] and not any(demonyms[:-1]) and toks[0].is_sent_start \
                and all(t.is_alpha and t.pos_ in ("ADJ", "PROPN") and kb.lookup(t.text) is None for t in toks[:-1]):
            last = sd[c.tok_end - 1:c.tok_end]
            c.tok_start, c.start, c.text = last.start, last.start_char, last.text
            c.label, c.kind, c.rule = "NORP", "name", "entities.demonym_group"


def _part_bounds(sd, i: int) -> tuple[int, int]:
    """Capitalised words left and right of the hyphen at token ``i`` ("North Korea-Russia")."""
    a = i - 1
    while a - 1 >= 0 and sd[a - 1].text[:1].isupper() and sd[a - 1].is_alpha and not sd[a - 1].is_sent_start \
            and sd[a - 1].whitespace_:
        a -= 1
    b = i + 2
    while b < len(sd) and sd[b].text[:1].isupper() and sd[b].is_alpha and sd[b - 1].whitespace_:
        b += 1
    return a, b


def hyphen_compounds(sd: Doc, cands: list[Candidate], kb: KnowledgeBase) -> list[Candidate]:
    """'the Choe-Putin meeting', 'the North Korea-Russia border': mentions of each part, never an ORG."""
    person_tokens: dict[str, list[Candidate]] = {}
    for c in cands:
        if c.label == "PERSON":
            for t in sd[c.tok_start:c.tok_end]:
                if t.text[:1].isupper():
                    person_tokens.setdefault(normalize(t.text), []).append(c)
    by_token = {i: c for c in cands for i in range(c.tok_start, c.tok_end)}
    parts: list[Candidate] = []
    spans: list[tuple[int, int]] = []
    for t in sd:
        i = t.i
        if t.text != "-" or i == 0 or i + 1 >= len(sd) or sd[i - 1].whitespace_ or t.whitespace_:
            continue
        left, right = sd[i - 1], sd[i + 1]
        if not (left.text[:1].isupper() and right.text[:1].isupper() and left.is_alpha and right.is_alpha):
            continue
        inside = by_token.get(i)
        if inside is not None and inside.label == "PERSON" and inside.tok_start < i < inside.tok_end - 1:
            continue  # "Patricia Djate-Taillard": one double-barrelled name
        if inside is not None and inside.entry is not None and inside.entry.kind != "state" \
                and inside.tok_start < i < inside.tok_end - 1:
            continue  # "Asia-Pacific Economic Cooperation": a known name with a hyphen in it
        a, b = _part_bounds(sd, i)
        found = []
        for s, e in ((a, i), (i + 1, b)):
            # the longest known stretch that ends at the hyphen / starts after it
            hit = None
            rng = range(s, e) if e == i else range(e, s, -1)
            for k in rng:
                span = sd[k:e] if e == i else sd[s:k]
                entry = kb.lookup(span.text)
                elsewhere = [p for p in person_tokens.get(normalize(span.text), [])
                             if not p.tok_start <= i < p.tok_end]
                if entry is not None or elsewhere:
                    hit = (span.start, span.end, entry)
                    break
            if hit is None:
                break
            found.append(hit)
        if len(found) != 2:
            continue
        for s, e, entry in found:
            label = entry.type if entry is not None else "PERSON"
            if entry is not None and entry.kind == "person":
                kind = "short"
            else:
                kind = "short" if label == "PERSON" else "name"
            parts.append(_span_candidate(sd, s, e, label, kind=kind, entry=entry,
                                         role="name" if entry else "", rule="entities.hyphen_compound",
                                         source=0))
        spans.append((found[0][0], found[1][1]))
    if not spans:
        return cands
    kept = [c for c in cands if not any(c.tok_start < e and s < c.tok_end for s, e in spans)]
    return kept + parts


def east_asian_names(sd: Doc) -> list[Candidate]:
    """'Go Eun-ji', 'Ri Son-gwon': surname + hyphenated given name, whatever the model said."""
    out = []
    n = len(sd)
    for t in sd:
        i = t.i
        if i + 3 >= n or t.lower_ not in EAST_ASIAN_SURNAMES or not t.text[:1].isupper():
            continue
        given, hy, tail = sd[i + 1], sd[i + 2], sd[i + 3]
        if given.is_alpha and given.text[:1].isupper() and not given.is_upper and hy.text == "-" \
                and not given.whitespace_ and not hy.whitespace_ and tail.is_alpha and tail.text.islower():
            out.append(_span_candidate(sd, i, i + 4, "PERSON", rule="entities.hyphen_name", source=1))
    return out


_DATE_AFTER_DATELINE = re.compile(r"\d{4}-\d{2}-\d{2}\b"
                                  r"|(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\b")


def dateline_places(sd: Doc) -> list[Candidate]:
    """'BONN 1996-08-30', 'NAIROBI, March 3': the upper-case place opening a dateline line."""
    out = []
    for t in sd:
        if not (t.i == 0 or "\n" in sd[t.i - 1].whitespace_ or sd[t.i - 1].is_space):
            continue
        k = t.i
        while k < len(sd) and k - t.i < 3 and sd[k].is_alpha and sd[k].is_upper and len(sd[k]) > 1:
            k += 1
        if k == t.i or k >= len(sd):
            continue
        after = sd.text[sd[k - 1].idx + len(sd[k - 1]):].lstrip(" ,")
        if _DATE_AFTER_DATELINE.match(after):
            out.append(_span_candidate(sd, t.i, k, "GPE", rule="entities.dateline_place"))
    return out


def merge(cands: list[Candidate]) -> list[Candidate]:
    """Keep the longest of overlapping candidates; ties go to honorific, then KB, then model."""
    ranked = sorted(cands, key=lambda c: (-(c.tok_end - c.tok_start), c.source, c.start))
    taken: list[Candidate] = []
    used: set[int] = set()
    for c in ranked:
        toks = set(range(c.tok_start, c.tok_end))
        if toks & used:
            continue
        used |= toks
        taken.append(c)
    return sorted(taken, key=lambda c: c.start)


def body_composites(sd: Doc, cands: list[Candidate], kb: KnowledgeBase) -> list[Candidate]:
    """A state modifier + a generic body: 'South Korean Joint Chiefs of Staff', 'Russia's military'."""
    out: list[Candidate] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if nxt is not None and nxt.entry is not None and not nxt.entry.generic and c.entry is not None \
                and c.entry.kind == "state":
            generic = [e for e in kb.lookup_all(nxt.text) if e.generic]
            if generic:  # "Russia's Security Council" is not the UN Security Council
                nxt.entry = generic[0]
        if c.entry is not None and c.entry.kind == "state" and c.role in {"demonym", "name"} and nxt \
                and nxt.entry is not None and nxt.entry.generic:
            gap = sd[c.tok_end:nxt.tok_start]
            after = sd[nxt.tok_end] if nxt.tok_end < len(sd) else None
            title_word = nxt.entry.lowercase and after is not None and after.lower_ in TITLE_HEADS
            if all(t.text in POSSESSIVE for t in gap) and (c.role == "demonym" or len(gap) == 1) \
                    and not title_word:
                state = c.entry
                adjective = state.demonyms[0] if state.demonyms else state.name
                body = nxt.entry
                comp = _span_candidate(sd, c.tok_start, nxt.tok_end, body.type, entry=body, role="name",
                                       rule="entities.body", country=state.country, sector=body.sector,
                                       source=1)
                comp.name_text = f"{adjective} {body.name}"
                comp.parts = (c,)
                out.append(comp)
                i += 2
                continue
        if c.entry is not None and c.entry.generic:
            if c.entry.lowercase or not c.text[:1].isupper():
                i += 1
                continue  # "the military", "an embassy" alone are not actors we can name
            c.country = c.country or c.entry.default_country
        out.append(c)
        i += 1
    return out


def state_modified_bodies(sd: Doc, cands: list[Candidate]) -> None:
    """A body or group the knowledge base does not know, right after a state's demonym or
    possessive, takes that state's country and keeps its own name: "Iraqi Kurds", "Ivory Coast's
    Supreme Court". ``cands`` are sorted and do not overlap."""
    for state, body in zip(cands, cands[1:], strict=False):
        if state.entry is None or state.entry.kind != "state" or state.role not in {"demonym", "name"}:
            continue
        if body.entry is not None or body.label not in ("ORG", "NORP") or body.country:
            continue
        gap = sd[state.tok_end:body.tok_start]
        if all(t.text in POSSESSIVE for t in gap) and len(gap) == (1 if state.role == "name" else 0):
            body.country = state.entry.country


def _surnames(sd, cands: list[Candidate]) -> set[str]:
    """Surnames of the full person names in the document ("Lebed", "Kim" of "Kim Jong-un")."""
    out = set()
    for c in cands:
        if c.label != "PERSON" or c.tok_end - c.tok_start < 2 or c.honorific:
            continue
        toks = [t for t in sd[c.tok_start:c.tok_end] if t.is_alpha]
        if len(toks) < 2:
            continue
        hyphenated = any(t.text == "-" for t in sd[c.tok_start:c.tok_end])
        surname = toks[0] if hyphenated and toks[0].lower_ in EAST_ASIAN_SURNAMES else toks[-1]
        if len(surname) >= 3 and surname.text[:1].isupper():
            out.add(surname.text)
    return out


def surname_mentions(sd: Doc, cands: list[Candidate], kb: KnowledgeBase) -> list[Candidate]:
    """A full name's surname used alone later ("Lebed said") is that person, even when the model
    missed it or called it an organisation."""
    surnames = _surnames(sd, cands)
    if not surnames:
        return cands
    covered = {i for c in cands for i in range(c.tok_start, c.tok_end)}
    out = []
    for c in cands:
        if c.source == 2 and c.entry is None and c.label in ("ORG", "GPE", "NORP", "LOC") \
                and c.tok_end - c.tok_start == 1 and sd[c.tok_start].text in surnames:
            c.label, c.kind, c.rule = "PERSON", "short", "entities.surname"
        out.append(c)
    for t in sd:
        if t.i in covered or t.text not in surnames:
            continue
        prev = sd[t.i - 1] if t.i > 0 else None
        nxt = sd[t.i + 1] if t.i + 1 < len(sd) else None
        if (prev is not None and prev.text[:1].isupper() and prev.is_alpha and not prev.is_sent_start) \
                or (nxt is not None and (nxt.text[:1].isupper() and nxt.is_alpha or nxt.text == "-")):
            continue  # part of another name
        if t.is_sent_start and t.is_stop:
            continue
        out.append(_span_candidate(sd, t.i, t.i + 1, "PERSON", kind="short", rule="entities.surname"))
    return out


def surname_places(sd: Doc, cands: list[Candidate]) -> None:
    """'Eddie Jordan ... Jordan said': a one-word place that is a person's surname here is the person."""
    surnames = set()
    for c in cands:
        if c.label == "PERSON" and c.tok_end - c.tok_start >= 2:
            surnames.add(sd[c.tok_end - 1].lower_)
    if not surnames:
        return
    for c in cands:
        if c.tok_end - c.tok_start == 1 and c.label in ("GPE", "LOC") and sd[c.tok_start].lower_ in surnames:
            nxt = sd[c.tok_end] if c.tok_end < len(sd) else None
            nxt2 = sd[c.tok_end + 1] if c.tok_end + 1 < len(sd) else None
            prev = sd[c.tok_start - 1] if c.tok_start > 0 else None
            who = nxt is not None and nxt.text == "," and nxt2 is not None and nxt2.lower_ == "who"
            described = prev is not None and prev.pos_ == "ADJ" and prev.is_lower  # "the 11th-seeded Jordan"
            if who or described or nxt is not None and (
                    nxt.lemma_ in {"say", "tell", "add"} or nxt.text in POSSESSIVE or nxt.pos_ == "VERB"):
                c.label, c.entry, c.role, c.kind, c.rule = "PERSON", None, "", "short", "entities.surname_place"


MATCH_VERBS = {"beat", "beats", "defeated", "defeat", "edged", "thrashed", "routed", "drew", "draw",
               "lost", "v", "v.", "vs", "vs."}


def _score_after(sd, e: int) -> bool:
    """A score right after the name on the same line ("Chicago 5", "Surrey 299-7")."""
    if e >= len(sd) or "\n" in sd[e - 1].whitespace_:
        return False
    nxt = sd[e]
    return bool(re.fullmatch(r"\d{1,3}(-\d{1,3})?", nxt.text))


def _is_cricket_report(sd) -> bool:
    words = {t.lower_ for t in sd}
    return len(words & CRICKET_WORDS) >= 2


def sports_teams(sd: Doc, cands: list[Candidate], kb: KnowledgeBase) -> None:
    """A place below state level named in a score line or a fixture is a team; so is a cricket
    county in a cricket report ("Essex", "Surrey")."""
    cricket = None
    for c in cands:
        if c.label in ("GPE", "LOC", "PERSON") and c.tok_end - c.tok_start == 1 \
                and c.text.lower() in CRICKET_COUNTIES and (c.entry is None or c.entry.kind == "place"):
            if cricket is None:
                cricket = _is_cricket_report(sd)
            prev_word = sd[c.tok_start - 1].lower_ if c.tok_start > 0 else ""
            if cricket and prev_word not in LOCATIVE_PREPOSITIONS:
                c.label, c.entry, c.role, c.kind, c.rule = "ORG", None, "", "name", "entities.sports_team"
    for i, c in enumerate(cands):
        if c.label not in ("GPE", "LOC") or c.kind != "name" or c.role in ("demonym",):
            continue
        if c.entry is not None and c.entry.kind == "state" or kb.government_of(c.text) is not None \
                and kb.lookup(c.text, kinds=("state",)) is not None:
            continue  # national sides are the country in CoNLL
        if kb.lookup(c.text, kinds=("state",)) is not None:
            continue
        s, e = c.tok_start, c.tok_end
        prev = sd[s - 1] if s > 0 else None
        if prev is not None and prev.lower_ in LOCATIVE_PREPOSITIONS | {"of", "from", "to"}:
            continue
        line_start = prev is None or "\n" in prev.whitespace_ or prev.text == "\n" or \
            bool(re.fullmatch(r"\d{1,3}(-\d{1,3})?", prev.text))
        after = sd[e].lower_ if e < len(sd) else ""
        other_side = next((o for o in cands[i + 1:i + 2] if o.tok_start in (e + 1, e + 2)), None)
        fixture = after in MATCH_VERBS and other_side is not None and other_side.label in ("GPE", "LOC", "ORG")
        before = sd[s - 1].lower_ if s > 0 else ""
        fixture_right = before in MATCH_VERBS and i > 0 and cands[i - 1].tok_end in (s - 1, s - 2) \
            and cands[i - 1].label in ("GPE", "LOC", "ORG")
        if (line_start and _score_after(sd, e)) or fixture or fixture_right:
            c.label, c.entry, c.role, c.rule = "ORG", None, "", "entities.sports_team"


def in_headings(doc: Document, start: int, end: int) -> bool:
    return any(h.start <= start and end <= h.end for h in doc.headings)


def _line_of(text: str, start: int, end: int) -> str:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return text[a:] if b < 0 else text[a:b]


def drop_false_persons(doc: Document, sd: Doc, cands: list[Candidate]) -> list[Candidate]:
    """No heading, capitalised phrase or stray word is a person."""
    honored = _surnames_after_honorific(cands)
    out = []
    for c in cands:
        if in_headings(doc, c.start, c.end):
            continue
        if c.label == "PERSON" and c.source == 2 and c.entry is None:
            toks = [t for t in sd[c.tok_start:c.tok_end]]
            if not all(_is_name_token(t) for t in toks):
                continue  # "Lengthy agenda"
            line = _line_of(doc.text, c.start, c.end).strip()
            if line == c.text and not any(normalize(t.text) in honored for t in toks) and \
                    doc.text.count("\n", 0, c.start) >= 3 and doc.text.find("\n", c.end) >= 0:
                continue  # a line of its own inside the body, never named again: a subheading
                # (a name alone near the top is a byline)
            if len(toks) == 1 and toks[0].is_sent_start and toks[0].is_stop:
                continue  # a capitalised sentence-initial word ("Go", "May")
            if len(toks) == 1 and toks[0].tag_ not in ("NNP", "NNPS") and c.rule == "entities.spacy" \
                    and normalize(toks[0].text) not in honored:
                continue  # a common noun read as a name ("Attendance", "Extras")
        out.append(c)
    return out


def find_candidates(doc: Document, sd: Doc, kb: KnowledgeBase, matcher: KBMatcher) -> list[Candidate]:
    """Every actor mention candidate in the document, corrected and without overlaps."""
    kb_cands = body_composites(sd, merge(matcher(sd)), kb)
    cands = model_candidates(sd, kb) + honorific_candidates(sd) + east_asian_names(sd) + dateline_places(sd)
    fix_misread_persons(sd, cands)
    retype_by_name_evidence(sd, cands, kb)
    trim_epithets(sd, cands)
    demonym_groups(sd, cands, kb)
    cands += appositive_persons(sd, kb_cands + cands)
    merged = hyphen_compounds(sd, merge(kb_cands + cands), kb)
    merged = merge(merged)
    state_modified_bodies(sd, merged)  # merge() sorts by start
    surname_places(sd, merged)
    sports_teams(sd, merged, kb)
    merged = sorted(surname_mentions(sd, merged, kb), key=lambda c: c.start)
    return drop_false_persons(doc, sd, merged)

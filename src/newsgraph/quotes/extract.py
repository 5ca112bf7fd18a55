"""Find quotes and attributions in one parsed document.

Steps (each fact records the rule that produced it):

1. ``marks.find_quoted_regions`` finds every direct quotation.
2. ``find_cues`` reads the dependency parse for speech cues: a speech verb
   with its subject (the speaker) and, when it has one, its content clause
   (``ccomp``, or the clause before a sentence-final "…, AP reported");
   "according to X" is a cue whose content is the rest of its sentence.
3. Cues with content give indirect quotes (no marks in the content), mixed
   quotes (content with a quoted fragment and words of the reporter) or direct
   quotes (the content is the quotation).
4. Quotations not yet attributed look for a cue in their own sentence, after
   them ("…,” he said.) then before them (He said: “…”), then a dash
   signature ("“…” ― Name"); then take the speaker of the quotation or
   reported speech just before them (quotes running on); a fragment in a
   sentence about a named subject is that subject's mixed quote; last, the
   speaker of the next attributed quotation, or a speaker named in the next
   sentence ("“…” The director made the remarks on Monday.").  Quotations of four words or
   more still without a speaker are kept with no speaker
   (``quotes.direct.unattributed``).
5. Speakers are resolved to entities by ``speakers.SpeakerResolver``; direct
   quotes get the offsets of the words inside their marks.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Attribution, Document, Quote, Span
from . import lexicon
from .marks import QuotedRegion, RegionIndex, find_quoted_regions
from .speakers import SpeakerResolver

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MIN_UNCUED_WORDS = 4  # shorter uncued quotations are scare quotes or titles
SPEAKER_PREPS = ("for", "at", "of", "from", "with", "in")  # "a spokeswoman for the ministry"
# Cues are looked for in sentences up to this many tokens: reading a cue's clause walks its
# subtree, so a runaway "sentence" (thousands of tokens of repeated text) would cost quadratic
# time; no news sentence comes near it.
MAX_CUE_SENTENCE_TOKENS = 400


@dataclass
class Cue:
    verb_i: int  # token index of the cue word
    start: int
    end: int
    text: str
    speaker_head_i: int
    speaker_start: int
    speaker_end: int
    content: tuple[int, int] | None = None
    according: bool = False
    sent_start: int = 0
    sent_end: int = 0


@dataclass
class _Found:
    """A quote before speaker resolution."""

    start: int
    end: int
    text: str
    kind: str
    cue: Cue | None
    rule: str
    regions: list[QuotedRegion] = field(default_factory=list)
    inherit_from: _Found | None = None  # a continued quotation takes this one's speaker


# --- cues ---------------------------------------------------------------------

def _text(sdoc) -> str:
    """The parsed text (``Doc.text`` rebuilds the string on every access: keep it once)."""
    text = sdoc.user_data.get("newsgraph.text")
    if text is None:
        text = sdoc.user_data["newsgraph.text"] = sdoc.text
    return text


def _speaker_subject(verb, regions: RegionIndex | None = None):
    for child in verb.children:
        if child.dep_ == "nsubj":
            if regions is not None and regions.at(child.idx) is not None:
                continue  # a word of the quotation parsed as a second subject ("“… mode,” said X")
            if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                return verb.head  # "listeners who said …": the listeners
            return child
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        for child in verb.head.children:
            if child.dep_ == "nsubj":
                return child
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.pos_ in ("VERB", "AUX"):
        # "Sanders stepped up his campaign, saying …": the subject of the main verb
        for child in verb.head.children:
            if child.dep_ == "nsubj" and child.tag_ not in ("WP", "WDT", "EX"):
                return child
    return _name_after_inverted_verb(verb)


def _name_after_inverted_verb(verb):
    """Inverted "…,” said Go Myong-hyun, a fellow…" misparsed: the name phrase right after the verb."""
    doc = verb.doc
    if verb.lemma_ in ("say", "write", "add", "tell", "note") and verb.i > 0:
        before = doc[verb.i - 1]
        if before.text in ("”", '"', ",", "’"):
            stretch: list[Token] = []
            for tok in doc[verb.i + 1: verb.i + 8]:
                if tok.is_punct and tok.text not in ("-", "–", "."):
                    break
                if tok.text == "." and stretch and not stretch[-1].text[0].isupper():
                    break
                stretch.append(tok)
            names = [t for t in stretch if t.pos_ in ("PROPN", "NOUN", "PRON") or t.text[:1].isupper()]
            if names and names[0].i <= verb.i + 3:
                return names[-1]
    return None


def _puts_it(verb) -> bool:
    """"as a ministry memo put it", "as one economist put it:": "put it" reports words."""
    return verb.lemma_.lower() == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children)


def _subject_between_quote_and_verb(verb, regions: RegionIndex):
    """"…,” Tulsa police Chief Chuck Jordan said." when the parse lost the subject."""
    doc = verb.doc
    between = []
    for tok in reversed(doc[max(0, verb.i - 8):verb.i]):
        if regions.at(tok.idx) is not None or tok.text in ("”", '"', ","):
            break
        between.append(tok)
    else:
        return None
    between.reverse()
    if not between or between[0].i == 0 or regions.at(doc[between[0].i - 1].idx) is None \
            and doc[between[0].i - 1].text != ",":
        return None
    if all(t.pos_ in ("PROPN", "NOUN", "DET", "ADJ", "PRON") or t.text[:1].isupper() or t.text == "."
           for t in between):
        heads = [t for t in between if t.pos_ in ("PROPN", "NOUN", "PRON") or t.text[:1].isupper()]
        return heads[-1] if heads else None
    return None


def _can_speak(head) -> bool:
    """A person, organisation, group of people or document: not "the visit" or "the data"."""
    if head.pos_ in ("PROPN", "PRON") or head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return head.lower_ not in ("it", "this", "that", "which")
    lemma = head.lemma_.lower()
    return (lemma in lexicon.UNNAMED_HEADS or head.lower_ in lexicon.UNNAMED_HEADS
            or lemma in lexicon.DOCUMENT_HEADS or lemma in lexicon.PERSON_ROLES
            or lemma in lexicon.GENERIC_ORG_HEADS)


def _speaker_extent(head, doc) -> tuple[int, int]:
    """Characters of the speaker phrase: the head with its left modifiers, names it sits in."""
    left = head.left_edge
    if head.dep_ not in ("nsubj", "pobj") and head.i > 0:
        # a misparsed name after an inverted cue: take the capitalised run ending at the head
        j = head.i
        while j - 1 >= 0 and (head.doc[j - 1].text[:1].isupper() or head.doc[j - 1].text in ("-", "–")) \
                and head.doc[j - 1].lemma_ not in lexicon.SPEECH_VERBS:
            j -= 1
        left = head.doc[min(j, head.i)]
    while left.i < head.i and (left.is_punct or left.is_space):
        left = left.doc[left.i + 1]
    start = left.idx
    end = head.idx + len(head.text)
    for child in head.rights:
        if child.dep_ == "appos" and head.pos_ == "NOUN" and child.pos_ == "PROPN":
            end = max(end, child.idx + len(child.text))  # "the campaign chairman, Phil Lovas"
        elif child.dep_ == "conj":
            end = max(end, child.idx + len(child.text))  # "Tore Sohlberg and Lehla Abreder said"
        elif child.dep_ in ("compound", "flat") or (child.dep_ == "prep" and child.lower_ == "of"
                                                       and head.pos_ == "PROPN"
                                                       and child.right_edge.pos_ == "PROPN"):
            end = max(end, child.right_edge.idx + len(child.right_edge.text))
        elif (child.dep_ == "prep" and head.pos_ == "NOUN" and child.lower_ in SPEAKER_PREPS
              and child.i == head.i + 1 and child.right_edge.i - child.i <= 6):
            # who the unnamed speaker speaks for: "a spokeswoman for the ministry"
            end = max(end, child.right_edge.idx + len(child.right_edge.text))
    if head.ent_type_:  # do not cut a name in two ("Joint Chiefs of Staff")
        first = last = head
        while first.ent_iob_ == "I" and first.i > 0:
            first = doc[first.i - 1]
        while last.i + 1 < len(doc) and doc[last.i + 1].ent_iob_ == "I":
            last = doc[last.i + 1]
        start = min(start, first.idx)
        end = max(end, last.idx + len(last.text))
    return start, end


def _clause_extent(tokens, exclude: set[int]) -> tuple[int, int] | None:
    kept = [t for t in tokens if t.i not in exclude]
    while kept and (kept[0].is_punct or kept[0].is_space) and kept[0].text not in "“\"‘'":
        kept.pop(0)
    while kept and (kept[-1].is_punct or kept[-1].is_space) and kept[-1].text not in "”\"’'":
        kept.pop()
    if not kept:
        return None
    return kept[0].idx, kept[-1].idx + len(kept[-1].text)


def _according_tokens(sent) -> set[int]:
    out: set[int] = set()
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            out.update(t.i for t in tok.subtree)
            out.update(t.i for t in tok.doc[tok.i + 1].subtree)
    return out


def find_cues(sdoc: Doc, regions: RegionIndex) -> list[Cue]:
    """Every speech cue outside the quotations: "according to X" and speech verbs with a subject."""
    cues: list[Cue] = []
    for sent in sdoc.sents:
        if len(sent) > MAX_CUE_SENTENCE_TOKENS:
            continue
        according = _according_tokens(sent)
        for tok in sent:
            if regions.at(tok.idx) is not None:
                continue
            if tok.lower_ == "according" and tok.i + 1 < len(sdoc) and sdoc[tok.i + 1].lower_ == "to":
                cue = _according_cue(tok, sent, according)
            else:
                cue = _speech_verb_cue(tok, sent, regions, according)
            if cue is not None:
                cues.append(cue)
    return cues


def _according_cue(tok, sent, according: set[int]) -> Cue | None:
    """"according to X": X speaks the rest of the sentence."""
    sdoc = tok.doc
    to = sdoc[tok.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    head = objects[0]
    s_start, s_end = _speaker_extent(head, sdoc)
    phrase = set(t.i for t in tok.subtree) | set(t.i for t in to.subtree)
    content = _clause_extent(list(sent), phrase | {t.i for t in sent if t.i in according})
    return Cue(tok.i, tok.idx, to.idx + len(to.text), "according to", head.i,
               s_start, s_end, content, according=True,
               sent_start=sent.start_char, sent_end=sent.end_char)


def _speech_verb_cue(tok, sent, regions: RegionIndex, according: set[int]) -> Cue | None:
    """A speech verb (or "put it") with a subject that can speak, and its content if any."""
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") or (lemma not in lexicon.SPEECH_VERBS and not _puts_it(tok)):
        return None
    if tok.dep_ in ("amod", "acl", "relcl") and lemma != "say":
        return None
    subject = _speaker_subject(tok, regions)
    if subject is None or regions.at(subject.idx) is not None:
        subject = _subject_between_quote_and_verb(tok, regions)
    if subject is None:
        return None
    if lemma in lexicon.AMBIGUOUS_CUES and not _can_speak(subject):
        return None
    sdoc = tok.doc
    s_start, s_end = _speaker_extent(subject, sdoc)
    c_end = _cue_end(tok)
    content = _speech_content(tok, subject, sent, according)
    return Cue(tok.i, tok.idx, c_end, _text(sdoc)[tok.idx:c_end], subject.i, s_start, s_end,
               content, sent_start=sent.start_char, sent_end=sent.end_char)


def _cue_end(verb) -> int:
    """Where the cue text ends: the verb, its particle, and the addressee of "told" ("told
    MSNBC", "told reporters")."""
    c_end = verb.idx + len(verb.text)
    for child in verb.rights:
        if child.dep_ in ("dobj", "dative") and child.i - verb.i <= 3 and verb.lemma_ == "tell":
            c_end = child.idx + len(child.text)
        if child.dep_ == "prt":
            c_end = child.idx + len(child.text)
    return c_end


def _speech_content(verb, subject, sent, according: set[int]) -> tuple[int, int] | None:
    """What a speech verb reports: its ``ccomp``, an infinitive (promises, appeals), the clause
    a parenthetical cue interrupts, else the clause before a sentence-final cue."""
    clause = [c for c in verb.children if c.dep_ == "ccomp"]
    if clause:
        toks = sorted({t for c in clause for t in c.subtree}, key=lambda t: t.i)
        return _clause_extent(toks, according)
    if (verb.lemma_.lower() in lexicon.XCOMP_CUES and _infinitive_content(verb) is not None
            and not any(a.lemma_.lower() in lexicon.SPEECH_VERBS for a in verb.ancestors)):
        # (not inside someone else's reported speech: "It said both sides pledged to …")
        return _clause_extent(_infinitive_content(verb), according)
    if verb.dep_ == "parataxis":
        own = {t.i for t in verb.subtree}
        toks = [t for t in verb.head.subtree if t.i not in own and t.sent == sent]
        return _clause_extent(toks, according)
    return _sentence_final_content(verb, subject, sent, according)


def _infinitive_content(verb) -> list | None:
    """"vowed to block the bill", "urged voters to register": the addressee (if any) and the
    infinitive clause, the content of a promise, warning or appeal."""
    for child in verb.rights:
        if child.dep_ != "xcomp" or child.pos_ not in ("VERB", "AUX"):
            continue
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            continue
        toks = list(child.subtree)
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < child.i]
        if objects:
            toks = list(objects[0].subtree) + toks
        toks = sorted(toks, key=lambda t: t.i)
        kept = []  # the clause ends at its sentence's end, a line break or a quotation mark
        for tok in toks:
            if tok.sent != verb.sent or "\n" in tok.text:
                break
            kept.append(tok)
        return kept or None
    return None


def _sentence_final_content(verb, subject, sent, according: set[int]) -> tuple[int, int] | None:
    """"…, the South Korean military said." -> the clause before the comma."""
    first = min(subject.left_edge.i, verb.i)
    if first <= sent.start:
        return None
    before = sent.doc[first - 1]
    if before.text not in (",", "—", "–"):
        return None
    after = [t for t in sent if t.i > verb.i and not t.is_punct and not t.is_space]
    if any(t.pos_ in ("VERB", "AUX") for t in after):
        return None
    if len(after) > 8:
        return None
    toks = [t for t in sent if t.i < before.i]
    if not any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    return _clause_extent(toks, according)


# --- main extraction ---------------------------------------------------------------

def _paragraph_of(text: str):
    """A function giving the paragraph number (line number) of an offset."""
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def index(offset: int) -> int:
        return bisect.bisect_right(starts, offset) - 1

    return index


def _words_outside(sdoc, start: int, end: int, regions: list[QuotedRegion]) -> list[str]:
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    out = []
    for tok in span:
        if any(r.start <= tok.idx < r.end for r in regions):
            continue
        if tok.is_alpha and tok.lower_ not in ("that", "and", "but"):
            out.append(tok.text)
    return out


def extract(doc: Document) -> tuple[list[Quote], list[Attribution]]:
    """The document's quotes and attributions: the steps of the module docstring, in order."""
    ex = _Extraction(doc)
    ex.quotes_from_cue_content()  # 3
    ex.attribute_by_cue_in_sentence()  # 4a
    ex.continue_from_previous()  # 4b
    ex.fragments_of_subjects()  # 4b'
    ex.continue_from_next()  # 4c
    ex.attribute_by_next_sentence()  # 4c'
    ex.keep_unattributed()  # 4d
    ex.found.sort(key=lambda q: q.start)
    return _resolve(doc, ex.found, ex.regions, ex.cues)


class _Extraction:
    """One document's quoted regions, cues and the quotes found so far; each step claims regions
    that no earlier step took."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.sdoc = doc.analysis
        self.text = doc.text
        self.regions = [r for r in find_quoted_regions(self.text) if not doc.in_heading(r.start, r.end)]
        self.index = RegionIndex(self.regions)
        self.cues = [c for c in find_cues(self.sdoc, self.index) if not doc.in_heading(c.start, c.end)]
        self.cue_by_verb = {c.verb_i: c for c in self.cues if not c.according}
        self.paragraph = _paragraph_of(self.text)
        self.found: list[_Found] = []
        self.owner: dict[int, _Found] = {}  # id(region) -> quote that holds it

    def claim(self, region, cue: Cue | None, rule: str, inherit_from: _Found | None = None) -> None:
        """The whole quoted region becomes one direct quote."""
        q = _Found(region.start, region.end, region.text, "direct", cue, rule, [region],
                   inherit_from=inherit_from)
        self.found.append(q)
        self.owner[id(region)] = q

    def unclaimed(self, min_words: int = 0) -> list[QuotedRegion]:
        """Regions no quote holds yet, of at least ``min_words`` words."""
        return [r for r in self.regions if id(r) not in self.owner and len(r.text.split()) >= min_words]

    # 3. cues with content
    def quotes_from_cue_content(self) -> None:
        sentences_with_speech = {c.sent_start for c in self.cues if not c.according}
        for cue in self.cues:
            if cue.content is None:
                continue
            if cue.according and cue.sent_start in sentences_with_speech:
                continue  # "X said …, according to Tass": the quote is X's, Tass is an attribution
            self._quote_cue_content(cue, cue.content)

    def _quote_cue_content(self, cue: Cue, content: tuple[int, int]) -> None:
        """A direct, mixed or indirect quote from ``content``, the content of ``cue``."""
        c_start, c_end = content
        text = self.text
        overlapping = self.index.overlapping(c_start, c_end)
        free = [r for r in overlapping if id(r) not in self.owner]
        if overlapping and not free:
            return
        if not free:
            rule = "quotes.indirect.according_to" if cue.according else "quotes.indirect"
            self.found.append(_Found(c_start, c_end, text[c_start:c_end], "indirect", cue, rule))
            return
        outside = _words_outside(self.sdoc, c_start, c_end, free)
        starts_with_quote = text[c_start:c_end].lstrip()[:1] in "“\""
        if not outside or (starts_with_quote and len(outside) <= 2):
            for r in free:
                self.claim(r, cue, "quotes.direct.clause")
            return
        start = min([c_start] + [r.start for r in free])
        end = max([c_end] + [r.end for r in free])
        q = _Found(start, end, text[start:end], "mixed", cue, "quotes.mixed", free)
        self.found.append(q)
        for r in free:
            self.owner[id(r)] = q

    # 4a. same-sentence cues after / before an unattributed quotation
    def attribute_by_cue_in_sentence(self) -> None:
        for region in self.unclaimed():
            found = self._cue_near(region)
            if found is not None:
                self.claim(region, *found)

    def _cue_near(self, region) -> tuple[Cue, str] | None:
        """The first cue found for ``region`` by the same-sentence rules, with the rule's name."""
        sdoc, index, cue_by_verb = self.sdoc, self.index, self.cue_by_verb
        finders = (
            ("quotes.direct.after", lambda: _cue_after(sdoc, region, index, cue_by_verb)),
            ("quotes.direct.before", lambda: _cue_before(sdoc, region, index, cue_by_verb)),
            ("quotes.direct.dash", lambda: _dash_signature(sdoc, region)),
            ("quotes.direct.inverted_lead", lambda: _inverted_lead(sdoc, region)),
            ("quotes.direct.noun_cue", lambda: _noun_cue_lead(sdoc, region, index)),
        )
        for rule, find in finders:
            cue = find()
            if cue is not None:
                return cue, rule
        return None

    # 4b. quotations running on from an attributed one (same or previous paragraph)
    def continue_from_previous(self) -> None:
        for pos, region in enumerate(self.regions):
            if id(region) in self.owner or len(region.text.split()) < MIN_UNCUED_WORDS:
                continue
            prev = self.regions[pos - 1] if pos > 0 else None
            if prev is not None and id(prev) in self.owner and _adjacent(
                    self.text, prev, region, self.paragraph, self.cues, self.owner[id(prev)].cue):
                self.claim(region, None, "quotes.direct.continued", self.owner[id(prev)])
                continue
            # … or from reported speech closing the previous paragraph ("Traeger said the vote …\n\n“We …”")
            before = _reported_speech_ending_paragraph(self.text, region, self.found, self.paragraph)
            if before is not None:
                self.claim(region, None, "quotes.direct.continued", before)

    # 4b'. a fragment quoted inside a sentence about someone ("Mr. Reid called him a “spoiled brat”")
    def fragments_of_subjects(self) -> None:
        by_verb: dict[int, _Found] = {}
        for region in self.unclaimed():
            q = _fragment_of_subject(self.sdoc, region, self.index, self.doc)
            if q is None or q.cue is None:
                continue
            verb_i = q.cue.verb_i
            same = by_verb.get(verb_i)
            if same is not None:  # several fragments under one verb: one quote
                same.start, same.end = min(same.start, q.start), max(same.end, q.end)
                same.text = self.text[same.start:same.end]
                same.regions.append(region)
                self.owner[id(region)] = same
                continue
            by_verb[verb_i] = q
            self.found.append(q)
            self.owner[id(region)] = q

    # 4c. … or from the next attributed one ("“…” “…,” she said." over paragraphs)
    def continue_from_next(self) -> None:
        regions = self.regions
        for pos in range(len(regions) - 1, -1, -1):
            region = regions[pos]
            if id(region) in self.owner or len(region.text.split()) < MIN_UNCUED_WORDS:
                continue
            nxt = regions[pos + 1] if pos + 1 < len(regions) else None
            if nxt is not None and id(nxt) in self.owner and _adjacent(
                    self.text, region, nxt, self.paragraph, self.cues, self.owner[id(nxt)].cue):
                self.claim(region, None, "quotes.direct.next", self.owner[id(nxt)])

    # 4c'. … or a speaker named in the sentence right after it ("“…” The director made the remarks
    # on Monday.", "“…” Those were the words of Rosa Delgado.")
    def attribute_by_next_sentence(self) -> None:
        for region in self.unclaimed(MIN_UNCUED_WORDS):
            cue = _cue_next_sentence(self.sdoc, region, self.index, self.cue_by_verb)
            if cue is not None:
                self.claim(region, cue, "quotes.direct.next_sentence")

    # 4d. a quotation of a whole clause that nobody could be found for is still a quotation:
    # kept with no speaker (scare quotes and titles, under MIN_UNCUED_WORDS words, are not)
    def keep_unattributed(self) -> None:
        for region in self.unclaimed(MIN_UNCUED_WORDS):
            self.claim(region, None, "quotes.direct.unattributed")


def _reported_speech_ending_paragraph(text: str, region, found: list[_Found], paragraph) -> _Found | None:
    """The quote (with a cue) that ends the paragraph just before a paragraph opening with ``region``."""
    prefix = text[:region.start].rstrip(" \t\u00a0")
    if prefix and not prefix.endswith("\n"):
        return None  # the quotation does not open its paragraph
    p = paragraph(region.start)
    candidates = [q for q in found if q.cue is not None and q.start < region.start]
    if not candidates:
        return None
    last = max(candidates, key=lambda q: q.end)
    between = text[last.end:region.start]
    if between.count("\n") == 0 or paragraph(last.end) >= p:
        return None
    # nothing but the end of that sentence (and its cue) between the quote and the new paragraph
    tail = between[:between.find("\n")]
    if len(tail) > 80 or re.search(r"[.!?][\"”’]?\s+[A-Z]", tail):
        return None  # another sentence follows the quote in its paragraph
    if any(ln.strip() for ln in between.split("\n")[1:]):
        return None  # a whole paragraph lies between
    return last


def _fragment_of_subject(sdoc, region, index, doc) -> _Found | None:
    """A quoted fragment inside a sentence whose governing verb has a person or organisation as
    subject: a mixed quote of that subject, the verb as cue ("dismissed", "called")."""
    words = region.text.split()
    if len(words) < 2 or all(w[:1].isupper() for w in words if w[:1].isalpha()):
        return None  # a name or title in quotation marks
    span = sdoc.char_span(region.start, region.end, alignment_mode="expand")
    if span is None:
        return None
    inner = [t for t in span if t.is_alpha]
    if not inner:
        return None
    # the sentence's main verb (outside the quotation) and its subject: "Trump called the merger
    # “a terrible deal”", not the subject of a clause inside ("… if she took a “look into” it")
    verb = inner[0]
    for _ in range(40):
        if verb.head is verb:
            break
        verb = verb.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or region.start <= verb.idx < region.end:
        return None
    if verb.right_edge.i - verb.left_edge.i >= MAX_CUE_SENTENCE_TOKENS:
        return None  # a runaway "sentence": see MAX_CUE_SENTENCE_TOKENS
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects:
        return None
    subject = subjects[0]
    if subject.tag_ in ("WP", "WDT") or (subject.text.isupper() and len(subject.text) > 3):
        return None  # a relative pronoun, or a dateline read as the subject
    if index.at(subject.idx) is not None or not _can_speak(subject):
        return None
    if subject.pos_ not in ("PROPN", "PRON") and doc.entity_at(subject.idx, subject.idx + len(subject.text)) is None:
        return None  # only named subjects and pronouns, not "the plan"
    if subject.lower_ in ("i", "we", "you", "it", "this", "that"):
        return None
    s_start, s_end = _speaker_extent(subject, sdoc)
    own = {t.i for t in subject.subtree}
    content = _clause_extent([t for t in verb.subtree if t.i not in own], set())
    if content is None:
        return None
    start, end = min(content[0], region.start), max(content[1], region.end)
    cue = Cue(verb.i, verb.idx, verb.idx + len(verb.text), verb.text, subject.i, s_start, s_end,
              (start, end), sent_start=region.start, sent_end=region.end)
    return _Found(start, end, _text(sdoc)[start:end], "mixed", cue, "quotes.mixed.subject", [region])


def _terminal(tok) -> bool:
    return tok.text in (".", "!", "?") or ("\n" in tok.text and tok.is_space)


def _cue_after(sdoc, region, index, cue_by_verb) -> Cue | None:
    """First cue after the quotation, before the sentence ends (quotations in between allowed)."""
    span = sdoc.char_span(region.end, len(_text(sdoc)), alignment_mode="expand")
    if span is None:
        return None
    last_inner = region.text.rstrip()[-1:] if region.text else ""
    words = 0
    for tok in span:
        if tok.idx < region.end:
            continue
        inside = index.at(tok.idx)
        if inside is not None:
            continue
        if "\n" in tok.text:
            return None
        if words == 0 and last_inner in ".?!" and tok.is_alpha and tok.text[0].isupper() and tok.pos_ != "PRON":
            # the quotation ended its sentence and a new one begins ("“…done.” Mr. X left.")
            if tok.ent_type_ != "PERSON" and tok.text not in ("Mr.", "Ms.", "Mrs."):
                return None
        if tok.i in cue_by_verb:
            return cue_by_verb[tok.i]
        if _terminal(tok):
            return None
        if tok.is_alpha:
            words += 1
        if words > 25:
            return None
    return None


DASH_SIGNATURE = re.compile(r"[ \t\u00a0]*[―—–][ \t\u00a0]*([A-Z][\w.'’-]*(?:[ \u00a0][A-Z][\w.'’-]*){0,4})")


def _dash_signature(sdoc, region) -> Cue | None:
    """"“…” ― Pamela Reyes": a quotation signed with a dash and a name."""
    m = DASH_SIGNATURE.match(_text(sdoc), region.end)
    if not m:
        return None
    name = sdoc.char_span(m.start(1), m.end(1), alignment_mode="expand")
    dash = sdoc.char_span(m.start(), m.start(1), alignment_mode="expand")
    if name is None or dash is None:
        return None
    dash_tokens = [t for t in dash if not t.is_space]
    if not dash_tokens:
        return None
    dash_tok = dash_tokens[0]
    head = name[-1] if name[-1].text != "." or len(name) == 1 else name[-2]
    return Cue(dash_tok.i, dash_tok.idx, dash_tok.idx + len(dash_tok.text), dash_tok.text, head.i,
               m.start(1), m.end(1),
               sent_start=region.start, sent_end=m.end(1))


INVERTED_LEAD = re.compile(
    r"(?:^|[.!?][\"”’]?[ \t\u00a0]+|\n[ \t\u00a0]*)((?:Said|Says|Added|Adds|Wrote|Writes)[ \u00a0]+)"
    r"((?:[A-Z][\w.'’-]*|of|the|for)(?:[ \u00a0](?:[A-Z][\w.'’-]*|of|the|for)){0,5})[ \t\u00a0]*[:,][ \t\u00a0]*$")


def _inverted_lead(sdoc, region) -> Cue | None:
    """"Said Okonjo: “…”": a sentence opening with an inverted cue and a name, then the quotation."""
    text = _text(sdoc)
    m = INVERTED_LEAD.search(text, max(0, region.start - 120), region.start)
    if not m or not m.group(2)[:1].isupper():
        return None
    name = sdoc.char_span(m.start(2), m.end(2), alignment_mode="expand")
    verb = sdoc.char_span(m.start(1), m.start(1) + len(m.group(1).rstrip()), alignment_mode="expand")
    if name is None or verb is None or len(verb) != 1:
        return None
    words = [t for t in name if t.text not in ("of", "the", "for")]
    head = words[-1] if words else name[-1]
    return Cue(verb[0].i, verb[0].idx, verb[0].idx + len(verb[0].text), verb[0].text, head.i,
               m.start(2), m.end(2), sent_start=m.start(1), sent_end=region.end)


def _noun_cue_lead(sdoc, region, index) -> Cue | None:
    """"The senator issued a statement: “…”" / "made the following remark:": a clause whose object
    is a speech noun, ending in a colon right before the quotation."""
    text = _text(sdoc)
    before = text[max(0, region.start - 300):region.start].rstrip()
    if not before.endswith(":"):
        return None
    colon = sdoc.char_span(region.start - (len(text[:region.start]) - len(text[:region.start].rstrip())) - 1,
                           region.start, alignment_mode="expand")
    if colon is None or len(colon) == 0:
        return None
    colon_tok = [t for t in colon if t.text == ":"]
    if not colon_tok:
        return None
    sent_toks = [t for t in colon_tok[0].sent if t.i < colon_tok[0].i]
    for noun in reversed(sent_toks):
        if index.at(noun.idx) is not None:
            return None
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lexicon.SPEECH_NOUNS:
            continue
        if noun.dep_ != "dobj" or noun.head.lemma_.lower() not in lexicon.NOUN_CUE_VERBS:
            return None
        subject = _speaker_subject(noun.head)
        if subject is None or not _can_speak(subject):
            return None
        s_start, s_end = _speaker_extent(subject, sdoc)
        return Cue(noun.i, noun.head.idx, noun.idx + len(noun.text), text[noun.head.idx:noun.idx + len(noun.text)],
                   subject.i, s_start, s_end, sent_start=noun.sent.start_char, sent_end=region.end)
    return None


ANAPHORIC_OBJECTS = frozenset({"that", "this", "so", "it"})


def _cue_next_sentence(sdoc, region, index, cue_by_verb) -> Cue | None:
    """A quotation that is a sentence of its own, followed in its paragraph by a sentence naming who
    said it: a speech verb with no content of its own or only "that"/"so" ("Delgado said so at a
    briefing"), a speech noun uttered ("The director made the remarks on Monday"), or "Those were
    the words of X"."""
    sent = _sentence_after(sdoc, region, index)
    for tok in sent or []:
        if tok.i in cue_by_verb:
            cue = cue_by_verb[tok.i]
            objects = [c for c in tok.children if c.dep_ in ("dobj", "ccomp", "xcomp", "advmod")
                       and c.lower_ not in ("later", "also", "then", "again")]
            if cue.content is None and all(c.lower_ in ANAPHORIC_OBJECTS for c in objects):
                return cue
            return None
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lexicon.SPEECH_NOUNS | {"word", "words"}:
            continue
        return _speech_noun_cue(sdoc, region, tok)
    return None


def _sentence_after(sdoc, region, index) -> list | None:
    """The tokens of the sentence right after a sentence-final quotation, in its paragraph and with
    no quotation of its own; else None."""
    text = _text(sdoc)
    if not region.text.rstrip().endswith((".", "!", "?")):
        return None
    m = re.compile(r"[ \t\u00a0]+(?=[A-Z])").match(text, region.end)
    if not m:
        return None
    first = sdoc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
    if first is None or len(first) == 0:
        return None
    first = first[0]
    sent = [t for t in first.sent if t.i >= first.i]
    if any(index.at(t.idx) is not None for t in sent):
        return None  # another quotation: its own cue is for it
    return sent


def _speech_noun_cue(sdoc, region, tok) -> Cue | None:
    """"The director made the remarks", "Those were the words of Rosa Delgado": the speaker of a
    speech noun, as a cue for the quotation before."""
    subject = None
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in lexicon.NOUN_CUE_VERBS:
        subject = _speaker_subject(tok.head)
    elif tok.dep_ == "attr" and tok.head.lemma_ == "be":
        of = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
        objs = [c for c in of[0].children if c.dep_ == "pobj"] if of else []
        subject = objs[0] if objs else None
    if subject is None or not _can_speak(subject):
        return None
    s_start, s_end = _speaker_extent(subject, sdoc)
    start = tok.head.idx if tok.dep_ == "dobj" else tok.idx
    return Cue(tok.i, start, tok.idx + len(tok.text), _text(sdoc)[start:tok.idx + len(tok.text)], subject.i,
               s_start, s_end, sent_start=region.start, sent_end=tok.sent.end_char)


def _cue_before(sdoc, region, index, cue_by_verb) -> Cue | None:
    """A cue earlier in the quotation's sentence whose clause leads into it (He said: “…”)."""
    window_start = max(0, region.start - 600)  # a sentence's worth of text before the quotation
    span = sdoc.char_span(window_start, region.start, alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    toks = list(span)
    last = toks[-1]
    if last.text not in (":", ",") and not (last.is_space and len(toks) > 1 and toks[-2].text in (":", ",")):
        return None
    while toks and toks[-1].is_space:  # "He said:" closing the paragraph before the quotation
        toks.pop()
    for tok in reversed(toks):
        if index.at(tok.idx) is not None:
            continue
        if _terminal(tok):
            return None
        if tok.i in cue_by_verb:
            cue = cue_by_verb[tok.i]
            if cue.content is None or (cue.content[0] <= region.end and region.start <= cue.content[1]):
                return cue
            if not _text(sdoc)[cue.end:region.start].strip(" ,:\n"):
                return cue  # "The streets were empty, he added, “…”": the cue leads straight in
            return None
    return None


def _adjacent(text: str, first: QuotedRegion, second: QuotedRegion, paragraph, cues: list[Cue],
              own: Cue | None = None) -> bool:
    """Two quotations belong together: same paragraph, or consecutive paragraphs, no other cue between."""
    p1, p2 = paragraph(first.end - 1), paragraph(second.start)
    between = text[first.end:second.start]
    if any(first.end <= c.start < second.start and c is not own for c in cues):
        return False
    if p1 == p2:
        return len(between) < 400
    if p2 - p1 > 1 and between.count("\n") > 2:
        # allow one blank line between paragraphs ("\n\n"), not a whole paragraph
        pass
    lines = [ln for ln in between.split("\n") if ln.strip()]
    # the second quotation opens its paragraph and nothing but the rest of the first's paragraph is between
    rest_of_first = text[first.end:text.find("\n", first.end) if "\n" in text[first.end:] else len(text)]
    opens_paragraph = text[:second.start].rstrip(" \t").endswith("\n") or second.start == 0
    return opens_paragraph and len(lines) <= (1 if rest_of_first.strip() else 0)


def _inner_span(text: str, q: _Found) -> tuple[int, int]:
    """A direct quote's offsets are the quoted words, inside the marks (its ``text`` is that
    slice; a quotation over paragraphs keeps the marks between its paragraphs)."""
    if q.kind != "direct" or len(q.regions) != 1 or not q.regions[0].pieces:
        return q.start, q.end
    start, end = q.regions[0].pieces[0][0], q.regions[0].pieces[-1][1]
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _resolve(doc: Document, found: list[_Found], regions: list[QuotedRegion], cues: list[Cue]):
    sdoc = doc.analysis
    resolver = SpeakerResolver(doc, [(r.start, r.end) for r in regions])
    resolved: dict[int, tuple[str | None, str | None, Span | None, Span | None, str | None]] = {}
    quotes: list[Quote] = []
    attributions: list[Attribution] = []

    def resolve_cue(cue: Cue):
        key = cue.verb_i
        if key not in resolved:
            head = sdoc[cue.speaker_head_i]
            res = resolver.resolve(head, cue.speaker_start, cue.speaker_end)
            resolver.note_speaker(cue.start, res.entity, head.lower_)
            speaker_text = doc.text[cue.speaker_start:cue.speaker_end]
            resolved[key] = (
                res.entity.id if res.entity else None,
                speaker_text,
                Span(cue.start, cue.end, cue.text),
                Span(cue.speaker_start, cue.speaker_end, speaker_text),
                res.how,
            )
        return resolved[key]

    speaker_of: dict[int, tuple] = {}
    # resolve in text order of the cue so that pronouns see earlier speakers
    order = sorted(found, key=lambda q: (q.cue.start if q.cue else q.start))
    for q in order:
        if q.cue is not None:
            speaker_of[id(q)] = resolve_cue(q.cue)
    for q in found:  # continued quotations (in text order, chains allowed)
        if q.cue is None and q.inherit_from is not None:
            src = q.inherit_from
            while src.cue is None and src.inherit_from is not None:
                src = src.inherit_from
            if id(src) in speaker_of:
                speaker_of[id(q)] = speaker_of[id(src)]
    for q in found:
        speaker, speaker_text, cue_span, speaker_span, how = speaker_of.get(id(q), (None, None, None, None, None))
        cue_text = cue_span.text if cue_span else None
        rule = q.rule if not how or q.cue is None else f"{q.rule}+speaker.{how}"
        start, end = _inner_span(doc.text, q)
        quotes.append(Quote(start, end, doc.text[start:end], q.kind, speaker, speaker_text, cue_text,
                            cue_span, speaker_span, rule))
        if speaker is None and not speaker_text:
            continue  # an unattributed quotation rests on nobody's authority
        attributions.append(Attribution(start, end, speaker, speaker_text, cue_text,
                                        f"quotes.attribution.{q.kind}"))
    # "according to X": the whole claim rests on X, even when someone inside it is quoted
    for cue in cues:
        if cue.according and cue.content:
            speaker, speaker_text, _, _, _ = resolve_cue(cue)
            attributions.append(Attribution(cue.content[0], cue.content[1], speaker, speaker_text,
                                            "according to", "quotes.attribution.according_to"))
    attributions.sort(key=lambda a: (a.start, -a.end))
    return quotes, attributions

"""When, where and on whose word: the event's date, location and source.

* Date: a time expression (Document.timexes) attached to the trigger's clause in the parse — the
  shortest path between the timex and the trigger through a common governor that is not another
  clause's verb. Otherwise the reference time at the trigger (``newsgraph.timexes.
  reference_time_at`` when that stage offers it, else the publication date), flagged
  ``inferred``; for planned, expected, requested and hypothetical events with no date of their own
  the value is ``FUTURE_REF`` (they have not happened at the reference time).
* Location: a place entity after "in"/"at" in the trigger's clause or noun phrase; otherwise the
  dateline's place, flagged ``location_inferred``, but only when a party to the event belongs to
  the dateline's country (a meeting of North Korean and Russian officials reported from Seoul is
  not placed in Seoul).
* Source: an attribution (Document.attributions, quotes stage) covering the trigger; else an
  indirect quote covering it; else the subject of the reporting verb that embeds the trigger or an
  "according to X" phrase in the sentence; else null (the article asserts it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..model import UNREALISED_MODALITIES, Dateline, Document, Entity, EventDate
from ..timexes.extract import BOUND_WORDS
from .arguments import Resolver
from .modality import REPORTING_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Token

PLACE_TYPES = ("GPE", "LOC", "FAC")
# A time expression after one of BOUND_WORDS (the time stage's list) is a bound of the event, not
# its date: "his first visit since July 2000" happened after July 2000. Nor is it the reference
# time of the sentences after it (timexes.reference_time_at skips it).


def _timex_root(doc_spacy, start: int, end: int):
    span = doc_spacy.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def _is_bound(doc_spacy, start: int) -> bool:
    """True when the word just before the time expression makes it a bound ("since July 2000")."""
    span = doc_spacy.char_span(start, start + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    return doc_spacy[span.start - 1].lower_ in BOUND_WORDS


def _path_length(a, b, allowed_governors: set[int]) -> int | None:
    """Tokens between a and b through their lowest common ancestor, None when blocked by a verb."""
    up_a = [a, *a.ancestors]
    index_a = {t.i: n for n, t in enumerate(up_a)}
    for n_b, t in enumerate([b, *b.ancestors]):
        if t.i in index_a:
            lca = t
            between = up_a[1:index_a[t.i]]
            if any(x.pos_ == "VERB" and x.i not in allowed_governors for x in between):
                return None
            if lca.pos_ in ("VERB", "AUX") and lca.i not in allowed_governors:
                return None
            return index_a[t.i] + n_b
    return None


def _allowed_governors(trigger, pred) -> set[int]:
    allowed = {trigger.i, pred.i}
    token = pred
    # a timex on the governing verb of an xcomp or conj clause covers it ("were to meet on Friday",
    # "visited North Korea in July and met Kim")
    while token.dep_ in ("xcomp", "conj") and token.head.i != token.i:
        token = token.head
        allowed.add(token.i)
    return allowed


def attach_date(doc: Document, trigger: Token, pred: Token, modality: str,
                reference: Callable[[Document, int], str | None]) -> EventDate:
    spacy_doc = trigger.doc
    sent = trigger.sent
    sent_start, sent_end = sent.start_char, sent.end_char
    allowed = _allowed_governors(trigger, pred)
    best: tuple[int, int] | None = None
    for index, timex in enumerate(doc.timexes):
        if timex.start < sent_start or timex.end > sent_end or timex.type not in ("DATE", "TIME"):
            continue
        root = _timex_root(spacy_doc, timex.start, timex.end)
        if root is None or _is_bound(spacy_doc, timex.start):
            continue
        paths = (_path_length(root, trigger, allowed), _path_length(root, pred, allowed))
        lengths = [n for n in paths if n is not None]
        if lengths:
            n = min(lengths)
            if best is None or n < best[0]:
                best = (n, index)
    if best is not None:
        timex = doc.timexes[best[1]]
        return EventDate(value=timex.value, text=timex.text, inferred=False, timex=best[1])
    if modality in UNREALISED_MODALITIES:
        return EventDate(value="FUTURE_REF", text=None, inferred=True, timex=None)
    return EventDate(value=reference(doc, trigger.idx), text=None, inferred=True, timex=None)


def attach_location(doc: Document, resolver: Resolver, trigger: Token, pred: Token,
                    party_ids: list[str]) -> tuple[str | None, bool]:
    for token in (trigger, pred):
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "at", "inside"):
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    ent = resolver.entity_of_token(pobj)
                    if ent is not None and ent.type in PLACE_TYPES and ent.id not in party_ids:
                        return ent.id, False
    if doc.dateline and doc.dateline.place:
        place = _dateline_entity(doc, doc.dateline, doc.dateline.place)
        if place is not None:
            countries = {e.country for e in (doc.entity(i) for i in party_ids) if e is not None and e.country}
            dateline_country = doc.dateline.country or place.country
            if dateline_country in countries:
                return place.id, True
    return None, False


def _dateline_entity(doc: Document, dl: Dateline, place: str) -> Entity | None:
    """The entity named by the dateline's place ("Seoul"), else one mentioned inside the dateline."""
    wanted = place.lower()
    for ent in doc.entities:
        if ent.type in PLACE_TYPES and (ent.name.lower() == wanted or any(
                m.text.lower() == wanted for m in ent.mentions)):
            return ent
    if dl.start is not None and dl.end is not None:
        inside = doc.entity_at(dl.start, dl.end)
        if inside is not None and inside.type in PLACE_TYPES:
            return inside
    return None


def attach_source(doc: Document, resolver: Resolver, trigger: Token, pred: Token,
                  start: int, end: int) -> tuple[str | None, str | None, str]:
    """(source entity id, source text, rule)."""
    for att in doc.attributions:
        if att.start <= start and end <= att.end and (att.source or att.source_text):
            return att.source, att.source_text, "attribution"
    for quote in doc.quotes:
        inside = quote.start <= start and end <= quote.end
        if quote.kind != "direct" and inside and (quote.speaker or quote.speaker_text):
            return quote.speaker, quote.speaker_text, "quote"
    # the parse: "X said (that) ...", "..., X reported", "according to X"
    for anc in pred.ancestors:
        if anc.lemma_.lower() in REPORTING_VERBS:
            for child in anc.children:
                if child.dep_ == "nsubj":
                    parties = resolver.resolve(child)
                    if parties:
                        return parties[0].entity, resolver.phrase_text(child), "parse"
            break
    for token in trigger.sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
            for pobj in token.doc[token.i + 1].children:
                if pobj.dep_ == "pobj":
                    parties = resolver.resolve(pobj)
                    if parties:
                        return parties[0].entity, resolver.phrase_text(pobj), "parse"
    return None, None, ""

"""Blending the rule coder's events with the learned event-typing model (issue 16).

The events stage calls :func:`blend` once per document on the coder's candidates:

1. **Sense rules** (:mod:`.senses`, always, with or without the model) drop candidates whose
   trigger is used in a non-event sense ("released toxic water", "the criterion is met").
2. With a model (:mod:`.model_typing`, the ``ml`` extra), each sentence whose candidates the
   model's answer can change is typed once: a sentence with a candidate that has no named actor
   (sentences whose candidates all have a named actor are left to the rules, see
   ``BlendPolicy.ask_single_with_actor``: on the development data the model's answers there were
   worth almost nothing, and encoding is the stage's main cost). A candidate the
   model agrees with is **confirmed**; the single candidate of a sentence the model confidently
   gives another type is **re-typed**; one it confidently calls no event is **dropped** when the
   rule itself was weak (no named actor).
3. A sentence with no candidate, where the model is confident and an event word plus a named actor
   can be found with the coder's own argument finders, gets an event the rules **missed**.

Every kept event's ``rule`` says who produced it: the coder's rule alone (model absent or unsure),
``<rule>+model=TYPE@0.87`` (both agree), ``<rule>+model-retyped:OLD>NEW@0.91``,
``model:TYPE@0.83+<argument rule>`` (the model alone, with the trigger and actors found by rules),
or ``<rule>+model-doubts=OTHER@0.55`` (kept, the model preferring something else).
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Document, Event
from .senses import non_event_sense, trigger_token

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from .coder import EventCoder
    from .triggers import Trigger

log = logging.getLogger(__name__)

# (type or None, quad class, probability) per sentence, as model_typing.predict gives them
Prediction = tuple[str | None, str, float]
SentenceTyper = Callable[[list[str]], Sequence[Prediction]]


@dataclass(frozen=True)
class BlendPolicy:
    """Thresholds on the type head's probability, picked by a sweep on ConfliBERT train (the
    development part; never on test), see README Events."""

    retype_min: float = 0.70  # re-type a sentence's single candidate
    drop_min: float = 0.70  # drop a candidate with no actor the model calls no event
    add_min: float = 0.60  # add an event in a sentence the rules left empty
    add_events: bool = True
    # ask the model only where its answer can change the events: a sentence with one candidate
    # (re-type) or a candidate with no actor (drop); elsewhere it could only confirm or doubt
    only_decisive: bool = True
    # ask about a single candidate that already has a named actor and a named target: on ConfliBERT
    # train the model re-typed two such triples, both wrongly; not asking saves a fifth of the encoding
    ask_full_triples: bool = False
    # ask about a single candidate with a named actor only when its trigger is off the sentence's
    # main predicate (:func:`_on_main_verb`): on ConfliBERT train and the PLOVER records, asking
    # about those on it changed three main events, one rightly and two wrongly, and not asking
    # saves two fifths of the encoding of whole articles
    single_off_main_only: bool = True
    # ask about a single candidate that has a named actor at all (then the two settings above
    # apply): on ConfliBERT train asking about them raised the quad accuracy by 0.001 (0.877
    # against 0.876 without) and changed no PLOVER record's main event, while they were 46 of the
    # 74 sentences asked about over the 12 articles; the model now types the candidates with no
    # named actor and the sentences the rules left empty
    ask_single_with_actor: bool = False


DEFAULT_POLICY = BlendPolicy()


@dataclass
class Questions:
    """One document's candidates after the sense rules, and what :func:`blend` asks the model
    about them: worked out once, so that a batch of documents can be encoded in one call before
    each is blended (``EventStage.pipe``)."""

    kept: list[Event]
    by_sentence: dict[tuple[int, int], list[Event]] = field(default_factory=dict)
    spans: list[tuple[int, int]] = field(default_factory=list)  # the sentences asked about
    empty: list[SpacySpan] = field(default_factory=list)  # asked, with no candidate: an event may be added

    def texts(self, doc: Document) -> list[str]:
        return [doc.text[a:b] for a, b in self.spans]


def blend(doc: Document, events: list[Event], typer: SentenceTyper | None,
          coder: EventCoder | None = None, policy: BlendPolicy = DEFAULT_POLICY) -> list[Event]:
    """The coder's ``events`` after sense rules and, when ``typer`` is given, the model."""
    return blend_answered(doc, model_questions(doc, events, coder, policy, asking=typer is not None), typer,
                          coder, policy)


def model_questions(doc: Document, events: list[Event], coder: EventCoder | None,
                    policy: BlendPolicy = DEFAULT_POLICY, asking: bool = True) -> Questions:
    """The candidates the sense rules keep and, when ``asking``, the sentences to ask about."""
    asked = Questions([ev for ev in events if not _rejected_sense(doc, ev)])
    if not asking:
        return asked
    for ev in asked.kept:
        if ev.sentence is not None:
            asked.by_sentence.setdefault((ev.sentence.start, ev.sentence.end), []).append(ev)
    if policy.add_events and coder:
        asked.empty = _empty_candidate_sentences(doc, asked.by_sentence, coder)
    asked.spans = [span for span, evs in asked.by_sentence.items()
                   if not policy.only_decisive or _decisive(doc, evs, policy)]
    asked.spans += [(s.start_char, s.end_char) for s in asked.empty]
    return asked


def blend_answered(doc: Document, asked: Questions, typer: SentenceTyper | None, coder: EventCoder | None = None,
                   policy: BlendPolicy = DEFAULT_POLICY) -> list[Event]:
    """The events of :func:`blend` from questions already worked out."""
    kept = _with_model(doc, asked, typer, coder, policy) if typer is not None and asked.spans else asked.kept
    kept.sort(key=lambda ev: ev.trigger.start if ev.trigger else 0)
    for n, event in enumerate(kept, 1):
        event.id = f"v{n}"
    return kept


def _rejected_sense(doc: Document, event: Event) -> bool:
    reason = non_event_sense(doc, event)
    if reason:
        log.debug("%s: events: dropped %s %r: %s", doc.doc_id, event.type,
                  event.trigger.text if event.trigger else "", reason)
    return bool(reason)


def _with_model(doc: Document, asked: Questions, typer: SentenceTyper, coder: EventCoder | None,
                policy: BlendPolicy) -> list[Event]:
    verdict = dict(zip(asked.spans, list(typer(asked.texts(doc))), strict=True))
    kept: list[Event] = []
    for span, sentence_events in asked.by_sentence.items():
        kept += _judge(sentence_events, verdict[span], policy) if span in verdict else sentence_events
    kept += [ev for ev in asked.kept if ev.sentence is None]
    for sent in asked.empty:
        added = _added_event(doc, sent, verdict[(sent.start_char, sent.end_char)], coder, kept, policy)
        if added is not None:
            kept.append(added)
    return kept


def _decisive(doc: Document, events: list[Event], policy: BlendPolicy = DEFAULT_POLICY) -> bool:
    """Whether the model's answer can change a sentence's candidates (see :func:`_judge`)."""
    if any(not ev.actors for ev in events):
        return True
    if not policy.ask_single_with_actor:
        return False
    if len(events) != 1 or (events[0].recipients and not policy.ask_full_triples):
        return False
    return not policy.single_off_main_only or not _on_main_verb(doc, events[0])


def _on_main_verb(doc: Document, event: Event) -> bool:
    """Whether the event's trigger is its sentence's main predicate (through a neutral saying
    verb) or a core argument of it ("held talks", "talks between them could follow")."""
    head = trigger_token(doc, event)
    if head is None:
        return False
    root = _main_predicate(head.sent) or head.sent.root
    return head == root or (head.head == root and head.dep_ in CORE_ARGUMENTS)


CORE_ARGUMENTS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "obj"})


def _judge(events: list[Event], prediction: Prediction, policy: BlendPolicy) -> list[Event]:
    """Confirm, re-type or drop the candidates of one sentence."""
    model_type, _quad, prob = prediction
    tag = f"{model_type or 'NONE'}@{prob:.2f}"
    if any(ev.type == model_type for ev in events):
        for ev in events:
            if ev.type == model_type:
                ev.rule += f"+model={tag}"
                ev.confidence = round(min(1.0, max(ev.confidence, prob) + 0.05), 2)
            else:
                ev.rule += f"+model-doubts={tag}"
        return events
    kept = []
    for ev in events:
        if model_type is None and prob >= policy.drop_min and not ev.actors:
            continue  # weak rule (no named actor) and a confident "no event"
        if model_type is not None and prob >= policy.retype_min and len(events) == 1:
            ev.rule += f"+model-retyped:{ev.type}>{model_type}@{prob:.2f}"
            ev.type, ev.mode = model_type, None
            ev.confidence = round(prob, 2)
        else:
            ev.rule += f"+model-doubts={tag}"
        kept.append(ev)
    return kept


# --- events the rules missed ------------------------------------------------------------------

def _empty_candidate_sentences(doc: Document, by_sentence: dict[tuple[int, int], list[Event]],
                               coder: EventCoder) -> list[SpacySpan]:
    """Sentences with no rule event but a content verb and a named party: worth asking the model."""
    if doc.analysis is None:
        return []
    from .coder import quoted_spans

    quoted = quoted_spans(doc)
    out = []
    for sent in doc.analysis.sents:
        span = (sent.start_char, sent.end_char)
        if span in by_sentence or doc.in_heading(*span):
            continue
        verb = _event_verb(sent)
        if verb is None or any(s <= verb.idx < e for s, e in quoted):
            continue  # never code a quote's content as the article's own claim
        if not any(sent.start_char <= m.start < sent.end_char
                                                 for e in doc.entities for m in e.mentions):
            continue
        if _named_party_slots(doc, verb) < 2:
            continue  # the model alone adds only an event with two named parties (_added_event)
        out.append(sent)
    return out


def _verb_trigger(verb: Token, model_type: str) -> Trigger:
    """A trigger for the model's event on the sentence's main verb (:func:`_added_event`)."""
    from .lexicon import Entry
    from .triggers import Trigger

    roles = "reciprocal" if model_type in ("CONSULT", "COOPERATE") else "default"
    entry = Entry(trigger=verb.lemma_.lower(), pos="V", objects=frozenset(), type=model_type, mode=None,
                  roles=roles, contexts=())
    return Trigger(verb, verb, entry, "verb", verb.idx, verb.idx + len(verb.text))


def _named_party_slots(doc: Document, verb: Token) -> int:
    """How many of the verb's arguments name an entity (actors, targets, the first place): an upper
    bound, for any type, on the parties of the event :func:`_added_event` can make there (roles
    only move parties between actors and targets, a capital becomes its state), so a sentence with
    fewer than two is not worth encoding. Arguments do not depend on the type. The finders may add
    agent entities ("North Korean soldiers") to the document they read, so they read a copy."""
    from .arguments import Resolver
    from .roles import find_arguments

    probe = copy.copy(doc)
    probe.entities = [copy.copy(entity) for entity in doc.entities]
    for entity in probe.entities:
        entity.mentions = list(entity.mentions)
    args = find_arguments(Resolver(probe), _verb_trigger(verb, "AGREE"))
    return sum(1 for party in args.actors + args.recipients + args.places[:1] if party.entity)


# Saying verbs that report without being an act of their own ("said", "told", "added").
NEUTRAL_SAYING = frozenset({"say", "tell", "add", "state", "report", "note", "write", "explain", "announce",
                            "confirm", "claim", "insist", "believe", "think"})


def _no_event_verbs() -> frozenset[str]:
    """Verbs the model never makes a trigger of: modality cues ("denied", "expected", "plans"),
    whose event is the clause they embed, and verbs of time, state or movement alone."""
    from . import modality

    cues = (modality.PLANNING | modality.EXPECTING | modality.ALLEGING | modality.DENYING
            | modality.NEGATING | modality.HYPOTHESIZING | modality.REQUESTING | modality.EPISTEMIC_PASSIVE)
    return cues | {"be", "have", "do", "begin", "start", "continue", "spend", "extend", "become", "remain",
                   "seem", "appear", "get", "go", "come", "take", "make", "see", "look", "show", "inspect",
                   "visit", "include", "follow", "keep"}


NO_EVENT_VERBS = _no_event_verbs()


def _main_predicate(sent: SpacySpan) -> Token | None:
    """The sentence's root, or what a neutral saying root reports (None when it reports no clause)."""
    root = sent.root
    if root.lemma_.lower() in NEUTRAL_SAYING:
        return next((c for c in root.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
    return root


def _event_verb(sent: SpacySpan) -> Token | None:
    """The sentence's main verb, looking through a reporting verb to what is reported."""
    root = _main_predicate(sent)
    if root is None or root.pos_ != "VERB" or root.lemma_.lower() in NO_EVENT_VERBS:
        return None
    return root


def _added_event(doc: Document, sent: SpacySpan, prediction: Prediction, coder: EventCoder | None,
                 earlier: list[Event], policy: BlendPolicy) -> Event | None:
    model_type, _quad, prob = prediction
    if coder is None or model_type is None or prob < policy.add_min:
        return None
    verb = _event_verb(sent)
    if verb is None:
        return None
    from .arguments import Resolver

    trig = _verb_trigger(verb, model_type)
    try:
        event = coder._event(doc, Resolver(doc), trig, earlier)
    except Exception as exc:  # an odd parse must not cost the document its other events
        log.warning("%s: events: model event at %d skipped: %s", doc.doc_id, verb.idx, exc)
        return None
    if event is None or not event.actors or len(event.actors) + len(event.recipients) < 2:
        return None  # the model alone adds only who-did-what-to-whom: two parties at least
    event.rule = f"model:{model_type}@{prob:.2f}+{event.rule}"
    event.confidence = round(min(prob, event.confidence), 2)
    return event

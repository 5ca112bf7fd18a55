"""The event coder: triggers + arguments + modality + anchoring -> Document.events."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..coref import sentence_start
from ..model import SCHEDULED_MODALITIES, Document, Event, Modality, Span
from ..quotes.marks import quoted_spans as marked_spans
from .anchoring import attach_date, attach_location, attach_source
from .arguments import Party, Resolver
from .lexicon import Lexicon, load_lexicon
from .modality import classify, covert_act
from .retype import aimed_targets, retype_by_context
from .roles import (
    PROPOSAL_NOUNS,
    TRAVEL_VERBS,
    Arguments,
    attended_event,
    entity_ids,
    find_arguments,
    is_place,
    merge_parties,
    rule_suffix,
    tagged,
)
from .speech import SpeechAct, speech_acts
from .triggers import EXERCISE_NOUNS, Trigger, find_triggers, is_joint

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..entities.kb import KnowledgeBase

log = logging.getLogger(__name__)

# "declined to comment" is no refusal worth coding
NON_EVENT_COMPLEMENTS = frozenset({"comment", "elaborate", "specify", "say", "confirm", "disclose",
                                   "discuss", "speculate", "answer", "respond"})


def _answers_a_proposal(verb: Token) -> bool:
    """"respond to a demand", "answer the call": the complement is about a proposal, not a comment."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    return any(o.lemma_.lower() in PROPOSAL_NOUNS for o in objects)


def quoted_spans(doc: Document) -> list[tuple[int, int]]:
    """Direct-quote spans: the quotes stage's direct quotes plus text inside quotation marks."""
    spans = [(q.start, q.end) for q in doc.quotes if q.kind == "direct"]
    spans.extend(marked_spans(doc.text))
    return spans


COOPERATIVE_ACTIONS = ("CONSULT", "SUPPORT", "COOPERATE", "AID")
CONFLICT_ACTIONS = ("SANCTION", "COERCE", "ASSAULT", "PROTEST")


def manual_type(event: Event) -> str:
    """The type the PLOVER manual itself would give, where it folds modality into the type.

    newsgraph keeps the action's type and puts futurity in ``modality``; the manual instead codes
    cooperative actions "reported in future tense" as AGREE (3.1) and promised or conditional
    conflict actions as THREATEN (2.3: "THREATEN could be ASSAULT + hypothetical"). Used to compare
    with gold data coded by the manual's convention.
    """
    if event.type in COOPERATIVE_ACTIONS and event.modality in SCHEDULED_MODALITIES:
        return "AGREE"
    if event.type in CONFLICT_ACTIONS and event.modality in (Modality.PLANNED, Modality.HYPOTHETICAL):
        return "THREATEN"
    return event.type


def _took_place(noun: Token) -> bool:
    """An indefinite event noun the sentence shows happening: "gathered for a rally", "during a
    visit", "a government offensive has displaced 800,000"."""
    if attended_event(noun) or (noun.dep_ == "pobj" and noun.head.lower_ == "during"):
        return True
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.pos_ not in ("VERB", "AUX"):
        return False
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and bool(auxes & {"has", "have", "had"}))


def publication_reference(doc: Document, offset: int) -> str | None:
    return doc.published[:10] if doc.published else None


def _reference_function() -> Callable[[Document, int], str | None]:
    """The timexes stage's ``reference_time_at`` when it exists, else the publication date."""
    try:
        from ..timexes import reference_time_at
    except ImportError:
        return publication_reference

    def reference(doc: Document, offset: int) -> str | None:
        try:
            value = reference_time_at(doc, offset, same_paragraph=True)
        except TypeError:  # an older signature
            value = reference_time_at(doc, offset)
        except Exception:  # a helper failure must not lose the event
            value = None
        value = getattr(value, "value", value)
        return value if isinstance(value, str) and value else publication_reference(doc, offset)

    return reference


class EventCoder:
    def __init__(self, lexicon: Lexicon | None = None, kb: KnowledgeBase | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.kb = kb  # the pipeline's knowledge base; None: the shipped one
        self.reference = _reference_function()

    def code(self, doc: Document) -> list[Event]:
        resolver = Resolver(doc)
        quoted = quoted_spans(doc)
        events: list[Event] = []
        for sent in doc.analysis.sents:
            if doc.in_heading(sent.start_char, sent.end_char):
                continue
            triggers = find_triggers(sent, self.lexicon)
            for trigger in triggers:
                if any(s <= trigger.start and trigger.end <= e for s, e in quoted):
                    continue  # never code a quote's content as the article's own claim
                if _purpose_of_same_event(trigger, triggers):
                    continue  # "were to meet in Seoul to discuss ..." is one meeting
                try:
                    event = self._event(doc, resolver, trigger, events)
                except Exception as exc:  # one odd parse must not lose the document's other events
                    log.warning("%s: events: skipped trigger %r at %d: %s", doc.doc_id,
                                doc.text[trigger.start:trigger.end], trigger.start, exc)
                    continue
                if event is not None:
                    events.append(event)
                    resolver.remember(sent.start_char, list(event.actors), [*event.actors, *event.recipients])
            self._code_speech_acts(doc, resolver, sent, triggers, events)
        for n, event in enumerate(events, 1):
            event.id = f"v{n}"
        return events

    # -- speech acts ------------------------------------------------------------
    def _code_speech_acts(self, doc: Document, resolver: Resolver, sent, triggers: list[Trigger],
                          events: list[Event]) -> None:
        """Statements that demand, threaten or reject (:mod:`.speech`), coded as their speaker's act."""
        verbal = {t.pred.i for t in triggers if t.kind == "verb"}
        for act in speech_acts(sent, resolver, self.lexicon, verbal):
            try:
                event = self._speech_event(doc, resolver, act)
            except Exception as exc:  # one odd parse must not lose the document's other events
                log.warning("%s: events: skipped speech act at %d: %s", doc.doc_id, act.speech_verb.idx, exc)
                continue
            if event is not None:
                events.append(event)
                resolver.remember(sent.start_char, list(event.actors), [*event.actors, *event.recipients])

    def _speech_event(self, doc: Document, resolver: Resolver, act: SpeechAct) -> Event | None:
        verb = act.speech_verb
        actors = act.actors
        recipients = [p for p in act.recipients if p.entity is None or p.entity not in entity_ids(actors)]
        if act.type == "THREATEN" and not recipients:
            recipients = _previous_parties(resolver, verb, actors)
        actor_ids, recipient_ids = entity_ids(actors), entity_ids(recipients)
        if not (actor_ids or recipient_ids or any(p.named for p in actors + recipients)):
            return None
        modality, _cue = classify(verb, verb)
        date = attach_date(doc, verb, verb, modality, self.reference)
        start, end = verb.idx, verb.idx + len(verb.text)
        source, source_text, _how = attach_source(doc, resolver, verb, verb, start, end)
        speaker_ids = entity_ids(act.speaker)
        if speaker_ids != actor_ids or not speaker_ids:
            source, source_text = (speaker_ids[0] if speaker_ids else source), act.speaker[0].text
        location, inferred = attach_location(doc, resolver, act.content, act.content, actor_ids + recipient_ids)
        sent = verb.sent
        return Event(
            id="", type=act.type, mode=None, contexts=[], actors=actor_ids, recipients=recipient_ids,
            date=date, location=location, location_inferred=inferred, modality=modality,
            source=source, source_text=source_text, trigger=Span(start, end, verb.text),
            sentence=Span(sent.start_char, sent.end_char, ""), actor_text=[p.text for p in actors],
            recipient_text=[p.text for p in recipients], confidence=0.7 if actor_ids else 0.6,
            rule=f"events.speech:{act.cue}{rule_suffix(actors, recipients)}",
        )

    # -- one event ------------------------------------------------------------
    def _event(self, doc: Document, resolver: Resolver, trig: Trigger, earlier: list[Event]) -> Event | None:
        args = find_arguments(resolver, trig)
        etype, mode, roles = _retyped(doc, trig, args, self.lexicon)
        if _link_remention(doc, trig, args, etype, earlier):
            return None  # "the summit": the earlier event, mentioned again
        actors, recipients, mode, capital_place = _cast_roles(doc, resolver, trig, args, etype, mode, roles,
                                                                 self.kb)
        if etype == "ASSAULT" and actors and not entity_ids(actors) and all(
                p.lemma in self.lexicon.nouns for p in actors):
            actors = []  # "the blast injured two": the attack is the event, not its doer
        if not self._worth_keeping(doc, trig, actors, recipients, earlier, etype, mode):
            return None
        modality, date = self._modality_and_date(doc, trig)
        actor_ids = entity_ids(actors)
        recipient_ids = entity_ids(recipients)
        sent = trig.token.sent
        aimed = etype == "ASSAULT" and trig.entry.type == "MOBILIZE"  # "fired missiles at Ukraine": hit there
        location, location_inferred = attach_location(doc, resolver, trig.token, trig.pred,
                                                      actor_ids + ([] if aimed else recipient_ids))
        if capital_place is not None and (location is None or location_inferred):
            location, location_inferred = capital_place, False
        source, source_text, _how = attach_source(doc, resolver, trig.token, trig.pred, trig.start, trig.end)
        if (modality == "asserted" and (source or source_text) and covert_act(trig.token, trig.pred, etype)
                and not _speaks_for_itself(doc, source, actor_ids)):
            # "Seoul said the North had shipped shells to Russia": someone else's claim of a hidden act
            modality = "alleged"
        confidence = {"verb": 0.8, "light": 0.75, "noun": 0.6}[trig.kind] + (0.1 if actor_ids else 0.0)
        return Event(
            id="",
            type=etype,
            mode=mode,
            contexts=self._contexts(trig),
            actors=actor_ids,
            recipients=recipient_ids,
            date=date,
            location=location,
            location_inferred=location_inferred,
            modality=modality,
            source=source,
            source_text=source_text,
            trigger=Span(trig.start, trig.end, doc.text[trig.start:trig.end]),
            sentence=Span(sent.start_char, sent.end_char, ""),
            actor_text=[p.text for p in actors],
            recipient_text=[p.text for p in recipients],
            confidence=round(min(confidence, 1.0), 2),
            rule=f"{trig.rule}:{trig.entry.trigger}{rule_suffix(actors, recipients)}",
        )

    def _modality_and_date(self, doc: Document, trig: Trigger):
        modality, _cue = classify(trig.token, trig.pred)
        date = attach_date(doc, trig.token, trig.pred, modality, self.reference)
        if (modality == "asserted" and trig.kind == "noun" and date.inferred and not _took_place(trig.token)
                and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in trig.token.children)):
            # "the prestige of a Putin visit": an indefinite event noun with no time of its own
            # is not reported as having happened
            modality = "hypothetical"
            date = attach_date(doc, trig.token, trig.pred, modality, self.reference)
        return modality, date

    def _contexts(self, trig: Trigger) -> list[str]:
        """The lexicon entry's contexts, then those of the sentence's keywords."""
        contexts = list(trig.entry.contexts)
        for token in trig.token.sent:
            ctx = self.lexicon.contexts.get(token.lemma_.lower())
            if ctx and ctx not in contexts:
                contexts.append(ctx)
        return contexts

    def _worth_keeping(self, doc, trig, actors, recipients, earlier, etype, mode) -> bool:
        if not actors and not recipients:
            return False
        if trig.kind == "verb" and any(c.dep_ == "xcomp" and c.lemma_.lower() in NON_EVENT_COMPLEMENTS
                                       and not _answers_a_proposal(c) for c in trig.pred.children):
            return False  # "declined to comment" (but "refused to respond to a demand" rejects it)
        if trig.kind == "noun":
            if not self._noun_event_is_new(doc, trig, actors, recipients, earlier, etype):
                return False
        elif not actors:
            # a passive with no agent still reports who it happened to ("was arrested"); so does
            # an attack named by its noun ("the blast injured two")
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trig.pred.children) or etype == "ASSAULT"
            if not (passive and recipients):
                return False
        elif not entity_ids(actors) and all(p.lemma in self.lexicon.nouns for p in actors):
            return False  # "the summit may pressure X": an event is not an actor
        if mode == "visit" and trig.token.lemma_.lower() in TRAVEL_VERBS | {"trip"}:
            return _travels_abroad(doc, actors, recipients)
        return True

    def _noun_event_is_new(self, doc, trig, actors, recipients, earlier, etype) -> bool:
        """An event noun with named parties that is no definite re-mention of an earlier event
        ("the Choe-Putin meeting" after "Choe met Putin") unless it has a date of its own."""
        ids = set(entity_ids(actors) + entity_ids(recipients))
        if not ids:
            return False  # "the meeting": a re-mention, or too vague to code
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
                       for c in trig.token.children)
        own_date = self._has_own_timex(doc, trig)
        return not any(definite and ev.type == etype and ids <= set(ev.actors + ev.recipients) and not own_date
                       for ev in earlier)

    @staticmethod
    def _has_own_timex(doc: Document, trig: Trigger) -> bool:
        sent = trig.token.sent
        return any(sent.start_char <= t.start < sent.end_char and t.type in ("DATE", "TIME")
                   and any(tok.i in {c.i for c in trig.token.subtree} for tok in
                           (doc.analysis.char_span(t.start, t.end, alignment_mode="expand") or []))
                   for t in doc.timexes)


DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def _link_remention(doc: Document, trig: Trigger, args: Arguments, etype: str, earlier: list[Event]) -> bool:
    """A definite event noun ("the summit", "the talks", "the rumored summit") with no parties but
    those of an earlier event of its type is that event mentioned again: its span is added to the
    earlier event's ``mentions`` (the most recent that fits) and no new event is coded."""
    if trig.kind != "noun" or not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in trig.token.children):
        return False
    ids = set(entity_ids(args.actors) + entity_ids(args.recipients))
    lemma = trig.token.lemma_.lower()
    for event in reversed(earlier):
        if event.type != etype or not ids <= set(event.actors + event.recipients):
            continue
        if event.trigger is None or (lemma not in event.trigger.text.lower() and not ids):
            continue  # "the talks" after a visit: only the same word, or the same parties, fits
        event.mentions.append(Span(trig.start, trig.end, doc.text[trig.start:trig.end]))
        return True
    return False


def _previous_parties(resolver: Resolver, verb, actors: list[Party]) -> list[Party]:
    """A threat with no target of its own is aimed at the parties of the event just reported
    (within the last two sentences): "... arms deal. The US 'will impose sanctions,' X said"."""
    floor = sentence_start(verb.sent, back=2)
    own = set(entity_ids(actors))
    for start, _actor_ids, ids in reversed(resolver.prior_parties):
        if start < floor:
            break
        others = [i for i in ids if i not in own]
        if others and not own & set(ids):
            return [Party(i, (e.name if (e := resolver.doc.entity(i)) else i), found_by="previous_event")
                    for i in others]
    return []


def _travels_abroad(doc: Document, actors: list[Party], recipients: list[Party]) -> bool:
    """A trip has a destination outside the travellers' own country (else it is no visit)."""
    if not recipients:
        return False
    actor_countries = {e.country for e in map(doc.entity, entity_ids(actors)) if e and e.country}
    dest = [doc.entity(i) for i in entity_ids(recipients)]
    return not any(d and d.country and d.country in actor_countries for d in dest)


def _entity_type(doc: Document, entity_id: str | None) -> str | None:
    """The type of the entity ``entity_id`` names, None without one."""
    ent = doc.entity(entity_id) if entity_id else None
    return ent.type if ent is not None else None


def _retyped(doc: Document, trig: Trigger, args: Arguments,
             lexicon: Lexicon | None = None) -> tuple[str, str | None, str]:
    """(type, mode, roles) of the entry, changed where the arguments show another event: joint
    drills are COOPERATE (manual 3.14.1); forces sent to a place, not to an ally, MOBILIZE (3.14);
    the constructions of :mod:`.retype`."""
    entry = trig.entry
    etype, mode, roles = entry.type, entry.mode, entry.roles
    etype, mode = retype_by_context(trig, etype, mode, lexicon or load_lexicon())
    lemma = trig.token.lemma_.lower()
    if etype == "MOBILIZE" and (lemma in EXERCISE_NOUNS or entry.trigger in EXERCISE_NOUNS):
        if is_joint(trig) or len({p.entity for p in args.actors + args.recipients if p.entity}) >= 2:
            etype, mode, roles = "COOPERATE", None, "reciprocal"
    if etype == "AID" and lemma in ("send", "deploy", "dispatch") and _sends_forces(trig.token) and not any(
            _entity_type(doc, p.entity) in ("GPE", "ORG") for p in args.recipients):
        etype, mode = "MOBILIZE", "troops"
    return etype, mode, roles


def _cast_roles(doc: Document, resolver: Resolver, trig: Trigger, args: Arguments, etype: str,
                mode: str | None, roles: str, kb: KnowledgeBase | None = None,
                ) -> tuple[list[Party], list[Party], str | None, str | None]:
    """(actors, recipients, mode, capital place) after the entry's role pattern: reciprocal events
    list every party as actor, a host's guests become the actors, a visit needs a destination,
    and a capital stands for its state (CAPITAL_MEANS_GOVERNMENT)."""
    actors, recipients = args.actors, args.recipients
    if roles == "reciprocal":
        actors, recipients = merge_parties(actors, recipients), []
    elif roles == "host":
        guests = [p for p in recipients if _entity_type(doc, p.entity) in ("PERSON", "GPE", "ORG", "NORP")]
        if guests:
            actors, recipients = guests, actors
        else:  # "hosting a forum": the host meets many, no visitor named
            recipients, mode = [], "multilateral"
    if mode == "visit" and trig.token.lemma_.lower() in TRAVEL_VERBS:
        # only a destination makes a trip a visit: "arrived in Russia", "travelled to Moscow"
        recipients = [p for p in recipients if p.entity and is_place(resolver, p)]
    if mode == "visit" and not recipients and args.places:
        recipients = args.places[:1]
    capital_place = None
    if etype in CAPITAL_MEANS_GOVERNMENT:
        # "a visit to Pyongyang": the host is North Korea's government; the city is the place
        recipients, capital_place = _capitals_to_states(doc, recipients, kb)
    if etype == "ASSAULT" and trig.entry.type == "MOBILIZE" and trig.kind == "verb":
        # "fired North Korean missiles at Ukraine": the target, not the weapons, is hit
        targets = [p for t in aimed_targets(trig.pred) for p in resolver.resolve(t) if p.named]
        recipients = tagged(targets, "target") or []
    if trig.entry.type == "REQUEST" and etype != "REQUEST":
        recipients = _parties_of_ordered_act(resolver, trig, actors)  # "ordered the arrest of X": X
    if trig.entry.trigger == "commit to" and not actors:
        actors, recipients = recipients, []  # "the government is committed to": adjectival, not passive
    if etype == "AID" and not recipients and trig.token.lemma_.lower() in TRAVEL_VERBS and args.places:
        recipients = args.places[:1]  # "peacekeepers arrived in Somalia": the place helped
    recipients = [p for p in recipients if p.entity is None or all(p.entity != a.entity for a in actors)]
    return actors, recipients, mode, capital_place


def _parties_of_ordered_act(resolver: Resolver, trig: Trigger, actors: list[Party]) -> list[Party]:
    """The parties the ordered act is done to: "ordered the arrest of X", "airstrikes on Y"."""
    taken = set(entity_ids(actors))
    found: list[Party] = []
    for obj in (c for c in trig.pred.children if c.dep_ == "dobj"):
        for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in ("of", "on", "against")):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                found += [p for p in resolver.resolve(pobj) if p.named and p.entity not in taken]
    return tagged(found, "ordered_act")


FORCE_NOUNS = frozenset({"troop", "force", "soldier", "unit", "army", "warship", "tank", "battalion"})


def _sends_forces(verb) -> bool:
    for child in verb.children:
        if child.dep_ == "dobj" and (child.lemma_.lower() in FORCE_NOUNS or any(
                c.lemma_.lower() in FORCE_NOUNS for c in child.conjuncts)):
            return True
    return False


def _purpose_of_same_event(trigger: Trigger, triggers: list[Trigger]) -> bool:
    """"were to meet in Seoul to discuss": one meeting; "rallied to denounce": the protest's topic
    is not coded on its own (manual 3.12.2)."""
    pred = trigger.pred
    if pred.dep_ not in ("advcl", "xcomp") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in pred.children):
        return False
    return any(t.pred.i == pred.head.i and (t.entry.type == trigger.entry.type or t.entry.type == "PROTEST")
               for t in triggers)


# Event types whose destination city stands for its government ("a visit to Pyongyang", "shipped
# shells to Moscow"); an attack on a city is on the city.
CAPITAL_MEANS_GOVERNMENT = frozenset({"CONSULT", "AID"})


def _capital_state_name(name: str, kb: KnowledgeBase | None = None) -> str | None:
    if kb is None:
        from ..entities.kb import default_kb

        kb = default_kb()
    entry = kb.capital_state(name)
    return entry.name if entry is not None and entry.kind == "state" else None


def _capitals_to_states(doc: Document, recipients: list[Party],
                        kb: KnowledgeBase | None = None) -> tuple[list[Party], str | None]:
    """Recipients that are capitals used as places become the state they are the capital of,
    when that state is mentioned in the document. Returns (recipients, the first capital's id)."""
    out: list[Party] = []
    capital = None
    for party in recipients:
        ent = doc.entity(party.entity) if party.entity else None
        if ent is None or ent.type != "GPE":
            out.append(party)
            continue
        state_name = _capital_state_name(ent.name, kb)
        state = next((e for e in doc.entities if state_name and e.id != ent.id and e.type == "GPE"
                      and e.mentions and e.name.lower() == state_name.lower()), None) if state_name else None
        if state is None:
            out.append(party)
            continue
        capital = capital or ent.id
        if all(p.entity != state.id for p in out):
            out.append(Party(state.id, party.text, found_by=f"{party.found_by}>state"))
    return out, capital


def _speaks_for_itself(doc: Document, source: str | None, actor_ids: list[str]) -> bool:
    """The source is a doer of the act, or of the doer's country ("North Korea said it had sent")."""
    if source is None:
        return False
    if source in actor_ids:
        return True
    src = doc.entity(source)
    countries = {e.country for e in map(doc.entity, actor_ids) if e is not None and e.country}
    return src is not None and src.country is not None and src.country in countries




"""The event coder: triggers + arguments + modality + anchoring -> Document.events."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Callable, Optional

from ..model import Document, Event, Span
from .anchoring import attach_date, attach_location, attach_source
from .arguments import Party, Resolver
from .lexicon import Lexicon, load_lexicon
from .modality import REPORTING_VERBS, classify, covert_act
from .triggers import EXERCISE_NOUNS, Trigger, find_triggers, is_joint

if TYPE_CHECKING:
    from ..entities.kb import KnowledgeBase

log = logging.getLogger(__name__)

# Verbs whose object is the doer of the embedded action: "accused X of supplying" (X supplies),
# "urged X to withdraw" (X withdraws), "invited X to meet".
OBJECT_CONTROL = frozenset({"accuse", "charge", "suspect", "blame", "urge", "ask", "call", "invite", "warn",
                            "allow", "force", "press", "persuade", "encourage", "order", "help",
                            "pressure", "push", "tell", "want", "expect", "convince", "implore"})
# "declined to comment" is no refusal worth coding
NON_EVENT_COMPLEMENTS = frozenset({"comment", "elaborate", "specify", "say", "confirm", "disclose",
                                   "discuss", "speculate", "answer", "respond"})
# types whose target may be named in the complement clause ("demanded that the US cancel ...")
COMPLEMENT_TARGET_TYPES = frozenset({"REQUEST", "AGREE", "THREATEN", "REJECT"})
# types whose direct object is the target itself, named or not
TARGETED_TYPES = frozenset({"COERCE", "ASSAULT", "REQUEST", "THREATEN", "ACCUSE"})
RECIPIENT_PREPS = frozenset({"to", "on", "against", "toward", "towards", "upon", "into"})
ACTOR_PREPS_NOUN = frozenset({"by", "from"})
QUOTE_PATTERNS = (re.compile(r"“[^”\n]*(?:”|$)", re.M), re.compile(r'"[^"\n]*(?:"|$)', re.M))


def quoted_spans(doc: Document) -> list[tuple[int, int]]:
    """Direct-quote spans: the quotes stage's direct quotes plus text inside quotation marks."""
    spans = [(q.start, q.end) for q in doc.quotes if q.kind == "direct"]
    for pattern in QUOTE_PATTERNS:
        spans.extend((m.start(), m.end()) for m in pattern.finditer(doc.text))
    return spans


FUTURE_MODALITIES = ("planned", "expected")
COOPERATIVE_ACTIONS = ("CONSULT", "SUPPORT", "COOPERATE", "AID")
CONFLICT_ACTIONS = ("SANCTION", "COERCE", "ASSAULT", "PROTEST")


def manual_type(event: Event) -> str:
    """The type the PLOVER manual itself would give, where it folds modality into the type.

    newsgraph keeps the action's type and puts futurity in ``modality``; the manual instead codes
    cooperative actions "reported in future tense" as AGREE (3.1) and promised or conditional
    conflict actions as THREATEN (2.3: "THREATEN could be ASSAULT + hypothetical"). Used to compare
    with gold data coded by the manual's convention.
    """
    if event.type in COOPERATIVE_ACTIONS and event.modality in FUTURE_MODALITIES:
        return "AGREE"
    if event.type in CONFLICT_ACTIONS and event.modality in ("planned", "hypothetical"):
        return "THREATEN"
    return event.type


def publication_reference(doc: Document, offset: int) -> Optional[str]:
    return doc.published[:10] if doc.published else None


def _reference_function() -> Callable[[Document, int], Optional[str]]:
    """The timexes stage's ``reference_time_at`` when it exists, else the publication date."""
    try:
        from ..timexes import reference_time_at  # type: ignore[attr-defined]
    except ImportError:
        return publication_reference

    def reference(doc: Document, offset: int) -> Optional[str]:
        try:
            value = reference_time_at(doc, offset, same_paragraph=True)
        except TypeError:  # an older signature
            value = reference_time_at(doc, offset)
        except Exception:  # a helper failure must not lose the event
            value = None
        value = getattr(value, "value", value)
        return value if isinstance(value, str) and value else publication_reference(doc, offset)

    return reference


def find_subject(pred, depth: int = 0):
    """The token naming who does ``pred`` (its own subject, or the controller's)."""
    if depth > 6:
        return None
    # a passive subject counts for a raised clause: "Putin is expected to visit" (Putin visits);
    # of two subjects (a dateline the parser took for one), the one nearest the verb
    subjects = [c for c in pred.children if c.dep_ == "nsubj" or (depth > 0 and c.dep_ == "nsubjpass")]
    if subjects:
        return min(subjects, key=lambda c: abs(pred.i - c.i))
    if pred.dep_ == "conj" and pred.head.pos_ in ("VERB", "AUX"):
        return find_subject(pred.head, depth + 1)
    if pred.dep_ == "acl" and pred.head.pos_ in ("NOUN", "PROPN"):
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in pred.children):
            # "accepted an invitation to visit": the one who accepted visits
            noun = pred.head
            if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
                return find_subject(noun.head, depth + 1)
            return None
        if pred.head.lemma_.lower() in DOCUMENT_NOUNS and pred.head.head.pos_ in ("VERB", "AUX"):
            return find_subject(pred.head.head, depth + 1)  # "issued a declaration demanding ..."
        return pred.head
    gov = None
    if pred.dep_ in ("xcomp", "acomp"):
        gov = pred.head  # "is expected to visit", "is likely to reject"
    elif pred.dep_ == "pcomp" and pred.head.dep_ == "prep":
        gov = pred.head.head
    elif pred.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in pred.children):
        gov = pred.head  # "met ... to discuss"
    if gov is None:
        return None
    if gov.lemma_.lower() in OBJECT_CONTROL:
        for child in gov.children:
            if child.dep_ == "dobj":
                return child
        for child in gov.children:  # "called on Russia to withdraw"
            if child.dep_ == "prep" and child.lower_ == "on":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
    if gov.pos_ in ("VERB", "AUX", "ADJ"):
        return find_subject(gov, depth + 1)
    return None


class EventCoder:
    def __init__(self, lexicon: Optional[Lexicon] = None, kb: Optional[KnowledgeBase] = None):
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
        for n, event in enumerate(events, 1):
            event.id = f"v{n}"
        return events

    # -- one event ------------------------------------------------------------
    def _event(self, doc: Document, resolver: Resolver, trig: Trigger, earlier: list[Event]) -> Optional[Event]:
        entry = trig.entry
        etype, mode, roles = entry.type, entry.mode, entry.roles
        actors, recipients, places = self._arguments(resolver, trig)
        if etype == "MOBILIZE" and trig.token.lemma_.lower() in EXERCISE_NOUNS:
            if is_joint(trig) or len({p.entity for p in actors + recipients if p.entity}) >= 2:
                etype, mode, roles = "COOPERATE", None, "reciprocal"  # manual 3.14.1
        if etype == "AID" and trig.token.lemma_.lower() in ("send", "deploy", "dispatch") and (
                _sends_forces(trig.token)) and not any(
                p.entity and doc.entity(p.entity).type in ("GPE", "ORG") for p in recipients):
            etype, mode = "MOBILIZE", "troops"  # forces sent to a place, not to an ally (3.14)
        if roles == "reciprocal":
            actors, recipients = _merge(actors, recipients), []
        elif roles == "host":
            guests = [p for p in recipients if p.entity and (doc.entity(p.entity).type in ("PERSON", "GPE", "ORG", "NORP"))]
            if guests:
                actors, recipients = guests, actors
            else:  # "hosting a forum": the host meets many, no visitor named
                recipients, mode = [], "multilateral"
        if mode == "visit" and trig.token.lemma_.lower() in TRAVEL_VERBS:
            # only a destination makes a trip a visit: "arrived in Russia", "travelled to Moscow"
            recipients = [p for p in recipients if p.entity and _is_place(resolver, p)]
        if mode == "visit" and not recipients and places:
            recipients = places[:1]
        capital_place = None
        if etype in CAPITAL_MEANS_GOVERNMENT:
            # "a visit to Pyongyang": the host is North Korea's government; the city is the place
            recipients, capital_place = _capitals_to_states(doc, recipients, self.kb)
        recipients = [p for p in recipients if p.entity is None or all(p.entity != a.entity for a in actors)]
        if not self._worth_keeping(doc, trig, actors, recipients, earlier, etype, mode):
            return None
        modality, _cue = classify(trig.token, trig.pred)
        date = attach_date(doc, trig.token, trig.pred, modality, self.reference)
        if (modality == "asserted" and trig.kind == "noun" and date.inferred
                and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in trig.token.children)):
            # "the prestige of a Putin visit": an indefinite event noun with no time of its own
            # is not reported as having happened
            modality = "hypothetical"
            date = attach_date(doc, trig.token, trig.pred, modality, self.reference)
        actor_ids = _ids(actors)
        recipient_ids = _ids(recipients)
        sent = trig.token.sent
        location, location_inferred = attach_location(doc, resolver, trig.token, trig.pred, actor_ids + recipient_ids)
        if capital_place is not None and (location is None or location_inferred):
            location, location_inferred = capital_place, False
        source, source_text, _how = attach_source(doc, resolver, trig.token, trig.pred, trig.start, trig.end)
        if (modality == "asserted" and (source or source_text) and covert_act(trig.token, trig.pred, etype)
                and not _speaks_for_itself(doc, source, actor_ids)):
            # "Seoul said the North had shipped shells to Russia": someone else's claim of a hidden act
            modality = "alleged"
        contexts = list(entry.contexts)
        for token in sent:
            ctx = self.lexicon.contexts.get(token.lemma_.lower())
            if ctx and ctx not in contexts:
                contexts.append(ctx)
        confidence = {"verb": 0.8, "light": 0.75, "noun": 0.6}[trig.kind]
        if actor_ids:
            confidence += 0.1
        return Event(
            id="",
            type=etype,
            mode=mode,
            contexts=contexts,
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
            rule=f"{trig.rule}:{entry.trigger}",
        )

    def _worth_keeping(self, doc, trig, actors, recipients, earlier, etype, mode) -> bool:
        if not actors and not recipients:
            return False
        if trig.kind == "verb" and any(c.dep_ == "xcomp" and c.lemma_.lower() in NON_EVENT_COMPLEMENTS
                                       for c in trig.pred.children):
            return False
        if trig.kind == "noun":
            ids = set(_ids(actors) + _ids(recipients))
            if not ids:
                return False  # "the meeting": a re-mention, or too vague to code
            definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
                           for c in trig.token.children)
            own_date = self._has_own_timex(doc, trig)
            for ev in earlier:
                if definite and ev.type == etype and ids <= set(ev.actors + ev.recipients) and not own_date:
                    return False  # "the Choe-Putin meeting" after "Choe met Putin"
        elif not actors:
            # a passive with no agent still reports who it happened to ("was arrested")
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trig.pred.children)
            if not (passive and recipients):
                return False
        elif not _ids(actors) and all(p.lemma in self.lexicon.nouns for p in actors):
            return False  # "the summit may pressure X": an event is not an actor
        if mode == "visit" and trig.token.lemma_.lower() in TRAVEL_VERBS | {"trip"}:
            if not recipients:
                return False
            actor_countries = {e.country for e in map(doc.entity, _ids(actors)) if e and e.country}
            dest = [doc.entity(i) for i in _ids(recipients)]
            if any(d and d.country and d.country in actor_countries for d in dest):
                return False  # travelling inside one's own country is not a visit
        return True

    @staticmethod
    def _has_own_timex(doc: Document, trig: Trigger) -> bool:
        sent = trig.token.sent
        return any(sent.start_char <= t.start < sent.end_char and t.type in ("DATE", "TIME")
                   and any(tok.i in {c.i for c in trig.token.subtree} for tok in
                           (doc.analysis.char_span(t.start, t.end, alignment_mode="expand") or []))
                   for t in doc.timexes)

    # -- arguments -----------------------------------------------------------
    def _arguments(self, resolver: Resolver, trig: Trigger) -> tuple[list[Party], list[Party], list[Party]]:
        pred, token = trig.pred, trig.token
        actors: list[Party] = []
        recipients: list[Party] = []
        places: list[Party] = []
        if trig.kind in ("verb", "light"):
            passive_subject = next((c for c in pred.children if c.dep_ == "nsubjpass"), None)
            agent = next((c for c in pred.children if c.dep_ == "agent"), None)
            if passive_subject is None and any(c.dep_ == "auxpass" for c in pred.children):
                passive_subject = find_subject(pred)  # "arms ... could be deployed": a shared subject is the theme
            if passive_subject is not None or (agent is not None and pred.dep_ == "acl"):
                if agent is not None:
                    for pobj in agent.children:
                        if pobj.dep_ == "pobj":
                            actors += resolver.resolve(pobj)
                theme = passive_subject if passive_subject is not None else pred.head
                if trig.kind == "verb":
                    theme_parties = resolver.resolve(theme)
                    owned = (agent is None and trig.entry.type in ("AID", "MOBILIZE", "RETREAT")
                             and resolver.entity_of_token(theme) is None)
                    if owned:  # "North Korean troops had been sent": the troops' state sends them
                        actors += [p for p in theme_parties if p.entity]
                    else:
                        recipients += theme_parties
            else:
                subject = find_subject(pred)
                if subject is not None:
                    actors += resolver.resolve(subject)
            if trig.kind == "verb":
                for child in pred.children:
                    if child.dep_ == "dobj":
                        parties = resolver.resolve(child, frozenset(_ids(actors)), strict=True)
                        # an unnamed target still tells who it was done to ("arrested six activists")
                        keep_unnamed = (not trig.entry.objects and trig.entry.type in TARGETED_TYPES
                                        and trig.entry.roles == "default")
                        recipients += [p for p in parties if p.named or (keep_unnamed and p.text)]
                        if trig.entry.objects:  # "dropped their criticisms of North Korea"
                            recipients += self._prep_objects(resolver, child, RECIPIENT_PREPS | {"of"})
                    if child.dep_ == "dative":
                        recipients += resolver.resolve(child)
        if trig.kind in ("light", "noun"):
            for child in token.children:
                if child.dep_ == "poss":
                    actors += resolver.resolve(child)
            for possessor in _misparsed_possessors(token):  # "Mr. Putin and Mr. Kim's summit"
                actors += [p for p in resolver.resolve(possessor) if p.entity]
            for ent in resolver._from_modifiers(token):  # "the Choe-Putin meeting", "U.S. sanctions"
                if all(p.entity != ent.id for p in actors) and not any(
                        c.dep_ == "poss" and resolver.entity_of_token(c) is ent for c in token.children):
                    actors.append(Party(ent.id, resolver._modifier_text(ent, token)))
        if (trig.kind == "noun" and not actors and token.dep_ == "pobj" and token.head.lower_ in ("during", "on")
                and token.head.head.pos_ == "VERB" and token.head.head.lemma_.lower() not in REPORTING_VERBS):
            # "held talks ... during a surprise visit to Beirut": the visitor is the clause's subject
            subject = find_subject(token.head.head)
            if subject is not None:
                actors += [p for p in resolver.resolve(subject) if p.named]
        if (trig.kind == "noun" and not actors and token.dep_ == "dobj"
                and token.head.lemma_.lower() in ("deny", "confirm", "admit", "acknowledge")):
            # "Moscow and Pyongyang have denied arms transfers": the deniers are the doers
            subject = find_subject(token.head)
            if subject is not None:
                actors += [p for p in resolver.resolve(subject) if p.named]
        if trig.entry.type == "AID" and trig.kind == "verb":
            for child in pred.subtree:  # "send troops to help Russia": the helped is the recipient
                if child.dep_ in ("advcl", "xcomp", "acl", "relcl") and child.lemma_.lower() in HELP_VERBS:
                    for obj in child.children:
                        if obj.dep_ == "dobj":
                            recipients += [p for p in resolver.resolve(obj) if p.entity]
        if trig.kind == "verb" and trig.entry.type in COMPLEMENT_TARGET_TYPES and not any(p.named for p in recipients):
            found = self._complement_targets(resolver, pred, actors)
            if found:  # "threatened further action against Russia": the named party, not the action
                recipients = [p for p in recipients if p.named] + found
        owners = [pred] if pred.i == token.i else [pred, token]
        for owner in owners:
            noun_owner = owner.pos_ in ("NOUN", "PROPN")
            for child in owner.children:
                if child.dep_ not in ("prep", "dative"):  # "sent to Russia" is sometimes a dative
                    continue
                prep = child.lower_
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    if prep == "with" or prep == "between":
                        (actors if trig.entry.roles == "reciprocal" or prep == "between" else recipients).extend(
                            p for p in resolver.resolve(pobj, frozenset(_ids(actors))) if p.named)
                    elif prep in RECIPIENT_PREPS or (prep == "for" and owner.lemma_.lower() in TRAVEL_VERBS) or (noun_owner and prep == "of" and trig.entry.type in ("CONSULT", "ACCUSE", "SANCTION", "AID", "ASSAULT")):
                        recipients.extend(p for p in resolver.resolve(pobj) if p.named)
                    elif not noun_owner and prep == "from" and trig.entry.type in FROM_TARGET_TYPES:
                        recipients.extend(p for p in resolver.resolve(pobj) if p.named)  # "withdrew from Lebanon"
                    elif noun_owner and prep in ACTOR_PREPS_NOUN:
                        actors.extend(p for p in resolver.resolve(pobj) if p.named)
                    elif prep in ("in", "at"):
                        places.extend(p for p in resolver.resolve(pobj) if p.entity and _is_place(resolver, p))
        etype = trig.entry.type
        taken = frozenset(_ids(actors))
        if trig.kind != "verb" and etype in COMPLEMENT_TARGET_TYPES and not any(p.named for p in recipients):
            recipients += self._complement_targets(resolver, token, actors)  # "its demand that Israel ease"
        if not any(p.named for p in recipients):
            # "threatened further action against Russia", "suspended part of an aid program for
            # Bosnia", "rejected calls by Kofi Annan", "called for sanctions against Nigeria":
            # the target named inside the object phrase
            # (a passive subject too: "a camp for Congolese refugees was attacked")
            nouns = [trig.token] if trig.kind != "verb" else [
                t for c in pred.children if c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "prep" and c.lower_ in ("for", "over"))
                for o in ([c] if c.dep_ != "prep" else [g for g in c.children if g.dep_ == "pobj"])
                for t in [o, *o.conjuncts]]
            extra = frozenset({"from"}) if etype in FROM_TARGET_TYPES else frozenset()
            if etype == "REQUEST":
                extra = frozenset({"by"})  # "demanded an admission by Moscow"
            found = [p for noun in nouns for p in _targets_in_phrase(resolver, noun, taken, extra_preps=extra)]
            if found:
                recipients = [p for p in recipients if p.named] + found
        if etype in ("ASSAULT", "COERCE") and not any(p.named for p in recipients):
            # "opened fire to disperse Moslem fundamentalist demonstrators": the purpose's object
            for child in pred.children:
                if child.dep_ in ("advcl", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children):
                    for obj in (c for c in child.children if c.dep_ == "dobj"):
                        recipients += [p for p in resolver.resolve(obj, taken, strict=True) if p.named and p.entity not in taken]
        if etype == "ACCUSE" and trig.kind == "verb" and not any(c.dep_ == "dobj" for c in pred.children):
            # "complained to the UN over Israeli air raids": the accused is behind the grievance;
            # the "to" party is only the audience
            for child in pred.children:
                if child.dep_ == "prep" and child.lower_ in ("over", "about"):
                    for pobj in (c for c in child.children if c.dep_ == "pobj"):
                        doers = _grievance_doers(resolver, pobj, taken, strict_noun=True)
                        if doers:
                            recipients = doers
        if etype == "PROTEST" and not any(p.named for p in recipients):
            recipients += _grievance_targets(resolver, pred if trig.kind != "noun" else token, taken)
        return _merge(actors, []), _merge(recipients, []), places

    @staticmethod
    def _complement_targets(resolver: Resolver, pred, actors: list[Party]) -> list[Party]:
        """Whom a demand, offer or threat is aimed at, named in its complement: "demanded that
        the US cancel ..." (the complement's subject), "agreed to provide aid for Romania",
        "offered to hand over to Great Britain" (the complement's objects)."""
        taken = frozenset(_ids(actors))
        for child in pred.children:
            if child.dep_ == "ccomp" or (child.dep_ == "acl" and any(
                    g.dep_ == "mark" and g.lower_ == "that" for g in child.children)):
                for sub in child.children:
                    if sub.dep_ in ("nsubj", "nsubjpass"):
                        found = [p for p in resolver.resolve(sub, taken) if p.named and p.entity not in taken]
                        if found:
                            return found
            if child.dep_ == "xcomp":
                found: list[Party] = []
                for sub in child.children:
                    # "threatened to shell Iraqi towns": a named object or one named by its modifiers
                    if sub.dep_ in ("dobj", "dative"):
                        found += [p for p in resolver.resolve(sub, taken, strict=True) if p.entity]
                    if sub.dep_ in ("prep", "dative") and sub.lower_ in ("to", "for", "with", "on", "against"):
                        for pobj in sub.children:
                            if pobj.dep_ == "pobj":
                                found += [p for p in resolver.resolve(pobj, taken) if p.named]
                if not found:
                    # "threatened to break off relations with Congo", "to ban voting in East Jerusalem"
                    found = _targets_in_phrase(resolver, child, taken, places=True)
                    for sub in child.children:
                        if not found and sub.dep_ == "dobj":
                            found = _targets_in_phrase(resolver, sub, taken, places=True)
                if found:
                    return [p for p in found if p.entity not in taken]
        return []

    @staticmethod
    def _prep_objects(resolver: Resolver, noun, preps) -> list[Party]:
        found: list[Party] = []
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found += [p for p in resolver.resolve(pobj) if p.named]
        return found


# prepositions inside an object phrase that name the event's target
PHRASE_TARGET_PREPS = frozenset({"against", "on", "to", "toward", "towards", "with", "for", "at", "upon"})
# "rejected calls by X", "accepted demands from X": the proposer is the target
PROPOSAL_NOUNS = frozenset({"call", "demand", "appeal", "offer", "request", "proposal", "plea",
                            "ultimatum", "invitation", "plan", "initiative", "bid", "suggestion"})
# "withdrew its troops from Lebanon", "pulled inspectors out from Iraq"
FROM_TARGET_TYPES = frozenset({"RETREAT", "SANCTION"})


def _targets_in_phrase(resolver: Resolver, head, taken: frozenset, places: bool = False, depth: int = 0,
                       extra_preps: frozenset = frozenset()) -> list[Party]:
    """Named parties in the prepositional phrases under ``head``: "action against Russia", "part
    of an aid program for Bosnia" (through "of" and an unnamed object, two levels at most),
    "calls by Kofi Annan" (by/from after a proposal noun; ``extra_preps`` adds "from" for
    withdrawals: "its forces from Lebanon"), and with ``places`` a state or city
    after "in" ("to ban voting in East Jerusalem")."""
    preps = set(PHRASE_TARGET_PREPS) | extra_preps
    if head.lemma_.lower() in PROPOSAL_NOUNS:
        preps |= {"by", "from"}
    found: list[Party] = []
    for child in head.children:
        if child.dep_ != "prep":
            continue
        prep = child.lower_
        for pobj in (c for c in child.children if c.dep_ == "pobj"):
            if prep in preps:
                named = [p for p in resolver.resolve(pobj, taken) if p.named and p.entity not in taken
                         and not (prep == "at" and _is_place(resolver, p))]  # "a summit at the Cosmodrome"
                if named:
                    found += named
                    continue
            elif places and prep == "in":
                ent = resolver.entity_of_token(pobj)
                if ent is not None and ent.type == "GPE" and ent.id not in taken:
                    found.append(Party(ent.id, resolver.phrase_text(pobj)))
                continue
            if depth < 2 and (prep in preps or prep == "of"):
                found += _targets_in_phrase(resolver, pobj, taken, places, depth + 1, extra_preps)
    return found


# verbs of a protest's purpose clause: "went on strike to protest X's decision"
PROTEST_PURPOSE_VERBS = frozenset({"protest", "demand", "denounce", "oppose", "condemn", "press", "call",
                                   "demonstrate"})


def _grievance_doers(resolver: Resolver, noun, taken: frozenset, depth: int = 0,
                     strict_noun: bool = False) -> list[Party]:
    """Who is behind a grievance noun: "Sweden's decision", "violations by Algerian security
    forces", "the resignation of President Ben Bella" (``strict_noun``: "Israeli air raids", the
    noun's own modifiers)."""
    named = [p for p in resolver.resolve(noun, taken, strict=strict_noun) if p.named and p.entity not in taken]
    if named and resolver.entity_of_token(noun) is not None:
        return named  # the noun is itself a party: "against the government"
    for child in noun.children:
        if child.dep_ == "poss":
            found = [p for p in resolver.resolve(child, taken) if p.named and p.entity not in taken]
            if found:
                return found
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "of") and depth < 2:
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found = _grievance_doers(resolver, pobj, taken, depth + 1, strict_noun)
                if found:
                    return found
    return named


def _grievance_targets(resolver: Resolver, pred, taken: frozenset) -> list[Party]:
    """The target of a protest, named through its grievance: "a hunger strike to protest Sweden's
    decision", "in protest against violations by Algerian security forces", "demonstrations
    against abuses by the Israeli military", "in defiance of Chinese authorities"."""
    grievances = []
    for child in pred.children:
        if child.dep_ == "prep" and child.lower_ in ("against", "over"):
            grievances += [c for c in child.children if c.dep_ == "pobj"]
        if child.dep_ == "prep" and child.lower_ == "in":  # "in protest of/against", "in defiance of"
            for pobj in (c for c in child.children if c.dep_ == "pobj" and c.lemma_.lower() in ("protest", "defiance")):
                for prep in (g for g in pobj.children if g.dep_ == "prep" and g.lower_ in ("of", "against", "at")):
                    grievances += [c for c in prep.children if c.dep_ == "pobj"]
        if (child.dep_ in ("advcl", "xcomp") and child.lemma_.lower() in PROTEST_PURPOSE_VERBS
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children)):
            for sub in child.children:
                if sub.dep_ == "dobj":
                    grievances.append(sub)
                if sub.dep_ == "prep" and sub.lower_ in ("against", "at", "for"):
                    grievances += [c for c in sub.children if c.dep_ == "pobj"]
    for noun in grievances:
        found = _grievance_doers(resolver, noun, taken)
        if found:
            return found
    return []


# a document "demanding" or "calling for" something speaks for whoever issued it
DOCUMENT_NOUNS = frozenset({"declaration", "statement", "letter", "report", "resolution", "communique",
                            "message", "note", "petition", "decree", "memo", "memorandum"})
# movement verbs that are visits only with a foreign destination
TRAVEL_VERBS = frozenset({"arrive", "travel", "fly", "head"})
HELP_VERBS = frozenset({"help", "assist", "support", "aid", "bolster", "reinforce", "back"})
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


POSSESSIVE_MARKERS = frozenset({"'s", "’s", "'", "’"})


def _misparsed_possessors(noun) -> list:
    """Possessors of ``noun`` that the parser detached from it, in coordinated possessives.

    The small model reads "Mr. Xi and Mr. Putin's summit" either as "Xi" and "summit" conjoined
    (with only "Putin" the possessor) or, after "during", as two objects of the preposition with
    "'s" left hanging on "Kim". Returns the first token of each lost possessor phrase (its
    conjuncts are resolved with it)."""
    doc = noun.doc
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        # "Xi and Putin's summit" parsed as "Xi" + "Putin's summit": Xi is a possessor too
        head = noun.head
        # ("the invasion of Ukraine and China's talks": an "of" object belongs to its own noun)
        of_object = head.dep_ == "pobj" and head.head.lower_ == "of"
        if noun.dep_ == "conj" and head.pos_ == "PROPN" and head.i < poss.left_edge.i and not of_object:
            between = doc[head.i + 1:poss.left_edge.i]
            if len(between) and all(t.dep_ in ("cc", "punct") for t in between) and any(
                    t.lower_ == "and" for t in between):
                return [head]
        return []
    left = noun.left_edge.i
    if left == 0:
        return []
    marker = doc[left - 1]
    if marker.lower_ not in POSSESSIVE_MARKERS or marker.tag_ != "POS" or marker.head.i == noun.i:
        return []
    owner = marker.head
    if owner.pos_ not in ("PROPN", "NOUN", "PRON") or owner.sent.start != noun.sent.start:
        return []
    while owner.dep_ == "conj" and owner.head.i != owner.i:
        owner = owner.head
    return [owner]


# Event types whose destination city stands for its government ("a visit to Pyongyang", "shipped
# shells to Moscow"); an attack on a city is on the city.
CAPITAL_MEANS_GOVERNMENT = frozenset({"CONSULT", "AID"})


def _capital_state_name(name: str, kb: Optional[KnowledgeBase] = None) -> Optional[str]:
    if kb is None:
        from ..entities.kb import default_kb

        kb = default_kb()
    entry = kb.capital_state(name)
    return entry.name if entry is not None and entry.kind == "state" else None


def _capitals_to_states(doc: Document, recipients: list[Party],
                        kb: Optional[KnowledgeBase] = None) -> tuple[list[Party], Optional[str]]:
    """Recipients that are capitals used as places become the state they are the capital of,
    when that state is mentioned in the document. Returns (recipients, the first capital's id)."""
    out: list[Party] = []
    capital = None
    for party in recipients:
        ent = doc.entity(party.entity) if party.entity else None
        state_name = _capital_state_name(ent.name, kb) if ent is not None and ent.type == "GPE" else None
        state = next((e for e in doc.entities if state_name and e.id != ent.id and e.type == "GPE"
                      and e.mentions and e.name.lower() == state_name.lower()), None) if state_name else None
        if state is None:
            out.append(party)
            continue
        capital = capital or ent.id
        if all(p.entity != state.id for p in out):
            out.append(Party(state.id, party.text))
    return out, capital


def _speaks_for_itself(doc: Document, source: Optional[str], actor_ids: list[str]) -> bool:
    """The source is a doer of the act, or of the doer's country ("North Korea said it had sent")."""
    if source is None:
        return False
    if source in actor_ids:
        return True
    src = doc.entity(source)
    countries = {e.country for e in map(doc.entity, actor_ids) if e is not None and e.country}
    return src is not None and src.country is not None and src.country in countries


def _is_place(resolver: Resolver, party: Party) -> bool:
    ent = resolver.doc.entity(party.entity) if party.entity else None
    return ent is not None and ent.type in ("GPE", "LOC", "FAC")


def _merge(first: list[Party], second: list[Party]) -> list[Party]:
    merged: list[Party] = []
    for party in first + second:
        if party.entity is not None and any(p.entity == party.entity for p in merged):
            continue
        if party.entity is None and any(p.entity is None and p.text == party.text for p in merged):
            continue
        merged.append(party)
    return merged


def _ids(parties: list[Party]) -> list[str]:
    out: list[str] = []
    for p in parties:
        if p.entity and p.entity not in out:
            out.append(p.entity)
    return out

"""Who an event's actors, recipients and places are: one small finder per argument pattern.

The event coder calls the finders of :func:`find_arguments` in order; each reads one pattern of
the parse around the trigger and adds the parties it finds to an :class:`Arguments`, tagging
each :class:`~.arguments.Party` with the name of the branch that found it (``Party.found_by``).
Later finders see what earlier ones found (most look for a target only while no named recipient
is known). The branch names end up in the event's ``rule`` (see :func:`rule_suffix` and README
"## Events"):

=================  =====================================================================
branch             what found the party
=================  =====================================================================
subject            the clause's subject, or its controller's (:func:`find_subject`)
agent              the "by" agent of a passive
passive_subject    the passive subject (the theme: "activists were arrested")
theme_owner        the state behind an unnamed passive theme ("North Korean troops were sent")
dobj, dative       the verb's direct or dative object
dobj_of            a prepositional phrase under a lexicon-conditioned object
poss, poss_split   a possessor of an event noun (``poss_split``: one the parser detached)
modifier           a modifier of an event noun ("the Choe-Putin meeting", "U.S. sanctions")
embedding_subject  the subject of the clause an event noun sits in ("held talks during a visit")
denier             the subject of "denied/confirmed <event noun>"
helped             the object of a helping purpose clause ("sent troops to help Russia")
complement         a complement clause's subject or objects ("demanded that the US cancel")
<preposition>      the object of that preposition on the trigger ("with", "to", "by", "in", ...)
phrase             a target inside the object phrase ("threatened action against Russia")
purpose_object     the object of a purpose clause of force ("opened fire to disperse X")
grievance          the doer behind a complaint's or protest's grievance
=================  =====================================================================
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .arguments import Party, Resolver
from .modality import REPORTING_VERBS
from .triggers import ACTING_BODIES, FRAME_NOUNS, LOOK_THROUGH_NOUNS, QUANTITY_NOUNS, Trigger

if TYPE_CHECKING:
    from spacy.tokens import Token

# Verbs whose object is the doer of the embedded action: "accused X of supplying" (X supplies),
# "urged X to withdraw" (X withdraws), "invited X to meet".
OBJECT_CONTROL = frozenset({"accuse", "charge", "suspect", "blame", "urge", "ask", "call", "invite", "warn",
                            "allow", "force", "press", "persuade", "encourage", "order", "help",
                            "pressure", "push", "tell", "want", "expect", "convince", "implore"})
# types whose target may be named in the complement clause ("demanded that the US cancel ...")
COMPLEMENT_TARGET_TYPES = frozenset({"REQUEST", "AGREE", "THREATEN", "REJECT"})
# types whose direct object is the target itself, named or not
TARGETED_TYPES = frozenset({"COERCE", "ASSAULT", "REQUEST", "THREATEN", "ACCUSE"})
RECIPIENT_PREPS = frozenset({"to", "on", "against", "toward", "towards", "upon", "into"})
ACTOR_PREPS_NOUN = frozenset({"by", "from"})
# types whose "of" object after an event noun is the recipient ("a visit of ...", "sanctions of ...")
OF_RECIPIENT_TYPES = frozenset({"CONSULT", "ACCUSE", "SANCTION", "AID", "ASSAULT"})
# types whose passive theme, unnamed, belongs to the doer ("North Korean troops had been sent")
OWNED_THEME_TYPES = frozenset({"AID", "MOBILIZE", "RETREAT"})
# prepositions inside an object phrase that name the event's target
PHRASE_TARGET_PREPS = frozenset({"against", "on", "to", "toward", "towards", "with", "for", "at", "upon"})
# "rejected calls by X", "accepted demands from X": the proposer is the target
PROPOSAL_NOUNS = frozenset({"call", "demand", "appeal", "offer", "request", "proposal", "plea",
                            "ultimatum", "invitation", "plan", "initiative", "bid", "suggestion"})
# what a body issues, whose issuer a defiance or a violation is aimed at: "violated a ban by X"
ISSUED_NOUNS = frozenset({"ban", "order", "ruling", "decree", "embargo", "injunction", "directive", "law",
                          "resolution", "curfew", "restriction"})
# what someone has or holds, so that acting on it is acting towards them: "support the rights of
# the Palestinians", "condemned the decision of the court"
OWNED_STAKE_NOUNS = frozenset({"right", "freedom", "independence", "sovereignty", "security", "interest",
                               "cause", "decision", "move", "policy", "position", "government", "regime",
                               "leadership", "claim", "bid", "territory", "integrity"})
# "withdrew its troops from Lebanon", "pulled inspectors out from Iraq"
FROM_TARGET_TYPES = frozenset({"RETREAT", "SANCTION"})
# verbs of a protest's purpose clause: "went on strike to protest X's decision"
PROTEST_PURPOSE_VERBS = frozenset({"protest", "demand", "denounce", "oppose", "condemn", "press", "call",
                                   "demonstrate"})
# a document "demanding" or "calling for" something speaks for whoever issued it
DOCUMENT_NOUNS = frozenset({"declaration", "statement", "letter", "report", "resolution", "communique",
                            "message", "note", "petition", "decree", "memo", "memorandum"})
# movement verbs that are visits only with a foreign destination
TRAVEL_VERBS = frozenset({"arrive", "travel", "fly", "head"})
HELP_VERBS = frozenset({"help", "assist", "support", "aid", "bolster", "reinforce", "back"})
DENIAL_VERBS = frozenset({"deny", "confirm", "admit", "acknowledge"})
POSSESSIVE_MARKERS = frozenset({"'s", "’s", "'", "’"})
# types done to a place when no party is named: "imposed a curfew in X", "shelled targets in X",
# "rioted at a jail in X" (the PLOVER target of an act with no other target is where it was done)
PLACE_TARGET_TYPES = frozenset({"COERCE", "ASSAULT", "PROTEST", "SANCTION", "CONCEDE", "MOBILIZE"})
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "across", "inside"})
# "threatened to strike unless X complies": the condition's subject is whom the threat is aimed at
CONDITION_MARKERS = frozenset({"unless", "if"})
PERMIT_VERBS = frozenset({"allow", "permit", "let", "enable", "authorize", "authorise"})


@dataclass
class Arguments:
    """The parties found so far for one trigger."""

    actors: list[Party] = field(default_factory=list)
    recipients: list[Party] = field(default_factory=list)
    places: list[Party] = field(default_factory=list)

    def taken(self) -> frozenset[str]:
        """The actors' entity ids (never also a target)."""
        return frozenset(entity_ids(self.actors))

    def has_named_recipient(self) -> bool:
        return any(p.named for p in self.recipients)


def tagged(parties: Iterable[Party], branch: str) -> list[Party]:
    """Copies of ``parties`` that say ``branch`` found them."""
    return [dataclasses.replace(p, found_by=branch) for p in parties]


def rule_suffix(actors: list[Party], recipients: list[Party]) -> str:
    """``+actor=<branch>,…+recipient=<branch>,…``: the branches that found the final parties, in
    party order without repeats; a role with no party is left out."""
    out = ""
    for role, parties in (("actor", actors), ("recipient", recipients)):
        branches: list[str] = []
        for party in parties:
            branch = party.found_by or "?"
            if branch not in branches:
                branches.append(branch)
        if branches:
            out += f"+{role}={','.join(branches)}"
    return out


def find_arguments(resolver: Resolver, trig: Trigger) -> Arguments:
    """Every finder in order; returns the parties, de-duplicated."""
    args = Arguments()
    if trig.kind in ("verb", "light"):
        find_clause_subject(resolver, trig, args)
        if trig.kind == "verb":
            find_objects(resolver, trig, args)
        else:
            find_light_dative(resolver, trig, args)
    if trig.kind in ("light", "noun"):
        find_noun_owners(resolver, trig, args)
    if trig.kind == "noun":
        find_embedding_subject(resolver, trig, args)
        find_deniers(resolver, trig, args)
    find_helped(resolver, trig, args)
    find_permitted(resolver, trig, args)
    find_dispossessed(resolver, trig, args)
    find_investigated(resolver, trig, args)
    find_frame_parties(resolver, trig, args)
    find_refuge(resolver, trig, args)
    find_complement_targets_of_verb(resolver, trig, args)
    find_prepositional_parties(resolver, trig, args)
    find_complement_targets_of_noun(resolver, trig, args)
    find_targets_in_object_phrase(resolver, trig, args)
    find_purpose_objects(resolver, trig, args)
    find_grievance_of_complaint(resolver, trig, args)
    find_grievance_of_protest(resolver, trig, args)
    find_place_targets(resolver, trig, args)
    args.actors, args.recipients = merge_parties(args.actors, []), merge_parties(args.recipients, [])
    return args


# --- subjects and objects of a verbal trigger ----------------------------------------------------

def find_clause_subject(resolver: Resolver, trig: Trigger, args: Arguments) -> None:
    """Actors from the subject, or for a passive the "by" agent, with its subject as the theme
    (a recipient, or the owner of unnamed sent troops as actor)."""
    pred = trig.pred
    passive_subject = next((c for c in pred.children if c.dep_ == "nsubjpass"), None)
    agent = next((c for c in pred.children if c.dep_ == "agent"), None)
    if passive_subject is None and any(c.dep_ == "auxpass" for c in pred.children):
        passive_subject = find_subject(pred)  # "arms ... could be deployed": a shared subject is the theme
    if passive_subject is None and not (agent is not None and pred.dep_ == "acl"):
        subject = find_subject(pred)
        if subject is not None:
            args.actors += tagged(resolver.resolve(subject), "subject")
        return
    if agent is not None:
        for pobj in agent.children:
            if pobj.dep_ == "pobj":
                args.actors += tagged(resolver.resolve(pobj), "agent")
    if trig.kind != "verb":
        return
    theme = passive_subject if passive_subject is not None else pred.head
    owned = (agent is None and trig.entry.type in OWNED_THEME_TYPES
             and resolver.entity_of_token(theme) is None)
    theme_parties = resolver.resolve(theme)
    if owned:  # "North Korean troops had been sent": the troops' state sends them
        if trig.entry.type != "RETREAT":  # "guerrillas were demobilized": the guerrillas themselves
            theme_parties = resolver.states_of_agents(theme_parties)
        args.actors += tagged([p for p in theme_parties if p.entity], "theme_owner")
    else:
        args.recipients += tagged(theme_parties, "passive_subject")


def find_objects(resolver: Resolver, trig: Trigger, args: Arguments) -> None:
    """Recipients from the verb's direct and dative objects."""
    entry = trig.entry
    # an unnamed target still tells who it was done to ("arrested six activists")
    keep_unnamed = not entry.objects and entry.type in TARGETED_TYPES and entry.roles == "default"
    up_to = _up_to_objects(trig.pred)
    for child in [*trig.pred.children, *up_to]:
        if child.dep_ == "dobj" or child in up_to:
            parties = resolver.resolve(child, args.taken(), strict=True)
            args.recipients += tagged([p for p in parties if p.named or (keep_unnamed and p.text)], "dobj")
            if entry.objects and child.lemma_.lower() not in LOOK_THROUGH_NOUNS | QUANTITY_NOUNS:
                # "dropped their criticisms of North Korea" (not "withdrew some of its troops")
                found = prep_objects(resolver, child, RECIPIENT_PREPS | {"of"})
                args.recipients += tagged(found, "dobj_of")
        if child.dep_ == "dative":
            args.recipients += tagged(resolver.resolve(child), "dative")


def _up_to_objects(verb: Token) -> list[Token]:
    """"kidnapped up to 16 advisers": the object the parser hung on "up to"."""
    return [p for c in verb.children if c.dep_ == "prt" and c.lower_ == "up"
            for prep in c.children if prep.dep_ == "prep" and prep.lower_ == "to"
            for p in prep.children if p.dep_ == "pobj"]


def find_light_dative(resolver: Resolver, trig: Trigger, args: Arguments) -> None:
    """"will give Ghana a grant": the light verb's indirect object receives the event noun."""
    for child in trig.pred.children:
        if child.dep_ == "dative" and child.i < trig.token.i and not any(c.dep_ == "pobj" for c in child.children):
            args.recipients += tagged([p for p in resolver.resolve(child) if p.named], "dative")
        if child.dep_ == "nsubjpass" and child.i != trig.token.i and trig.token not in child.conjuncts:
            # "the mayor was put under investigation": who the event noun is done to
            args.recipients += tagged([p for p in resolver.resolve(child) if p.named], "passive_subject")


def prep_objects(resolver: Resolver, noun: Token, preps: Collection[str]) -> list[Party]:
    """Named parties in the ``preps`` phrases directly under ``noun``."""
    found: list[Party] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found += [p for p in resolver.resolve(pobj) if p.named]
    return found


def find_subject(pred: Token, depth: int = 0) -> Token | None:
    """The token naming who does ``pred`` (its own subject, or the controller's)."""
    if depth > 6:
        return None
    # a passive subject counts for a raised clause: "Putin is expected to visit" (Putin visits);
    # of two subjects (a dateline the parser took for one), the one nearest the verb
    subjects = [c for c in pred.children if c.dep_ == "nsubj" or (depth > 0 and c.dep_ == "nsubjpass")]
    if subjects:
        return min(subjects, key=lambda c: abs(pred.i - c.i))
    misparsed = _misparsed_subject(pred)
    if misparsed is not None:
        return misparsed
    if pred.dep_ == "conj" and pred.head.pos_ in ("VERB", "AUX"):
        return find_subject(pred.head, depth + 1)
    if pred.dep_ == "acl" and pred.head.pos_ in ("NOUN", "PROPN"):
        return _subject_of_noun_clause(pred, depth)
    gov = _controller(pred)
    if gov is None:
        return None
    if gov.lemma_.lower() in OBJECT_CONTROL:
        controlled = _controlled_object(gov)
        if controlled is not None:
            return controlled
    if gov.pos_ in ("VERB", "AUX", "ADJ"):
        return find_subject(gov, depth + 1)
    return None


def _misparsed_subject(pred: Token) -> Token | None:
    """A subject the parser hung elsewhere: on the verb's auxiliary ("The United Kingdom and France
    however have opposed": the subject of "have"), or a name it read as an adverb before the verb
    ("USAID had announced")."""
    for aux in (c for c in pred.children if c.dep_ in ("aux", "auxpass")):
        for child in aux.children:
            if child.dep_ == "nsubj":
                return child
    if pred.pos_ != "VERB":
        return None
    for child in pred.children:
        if child.i < pred.i and child.dep_ in ("advmod", "npadvmod", "dep") \
                and (child.tag_ in ("NNP", "NNPS") or child.text.isupper()) \
                and child.ent_type_ in ("ORG", "GPE", "NORP", "PERSON"):
            return child
    return None


def _has_to(pred) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in pred.children)


def _subject_of_noun_clause(pred, depth: int):
    """The doer of a clause under a noun: "accepted an invitation to visit" (who accepted),
    "issued a declaration demanding" (who issued), else the noun itself."""
    noun = pred.head
    if _has_to(pred):
        if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
            return find_subject(noun.head, depth + 1)
        return None
    if noun.lemma_.lower() in DOCUMENT_NOUNS and noun.head.pos_ in ("VERB", "AUX"):
        return find_subject(noun.head, depth + 1)
    return noun


def _controller(pred):
    """The word whose subject (or object) does ``pred``: "is expected to visit", "is likely to
    reject", "met ... to discuss"."""
    if pred.dep_ in ("xcomp", "acomp"):
        return pred.head
    if pred.dep_ == "pcomp" and pred.head.dep_ == "prep":
        return pred.head.head
    if pred.dep_ == "advcl" and _has_to(pred):
        return pred.head
    if (pred.dep_ == "advcl" and pred.tag_ == "VBG" and pred.head.pos_ in ("VERB", "AUX")
            and pred.lemma_.lower() not in REPORTING_VERBS
            and (pred.head.dep_ in ("ROOT", "conj") or pred.head.dep_ == "ccomp" and pred.head.head.i > pred.i)):
        # "police opened fire, killing one": a participle shares its clause's subject (in a reported
        # clause only when the report comes after it: "..., killing one, sources said"; after
        # "X said ...", the parser often hangs the speaker's own participle on the clause)
        return pred.head
    return None


def _controlled_object(gov):
    """The object of an object-control verb: "urged X to", "called on Russia to withdraw"."""
    for child in gov.children:
        if child.dep_ == "dobj":
            return child
    for child in gov.children:
        if child.dep_ == "prep" and child.lower_ == "on":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


# --- owners of an event noun -------------------------------------------------------------------

def find_noun_owners(resolver: Resolver, trig: Trigger, args: Arguments) -> None:
    """Actors from an event noun's possessors and modifiers: "Russia's invasion", "Mr. Putin and
    Mr. Kim's summit", "the Choe-Putin meeting", "U.S. sanctions"."""
    token = trig.token
    for child in token.children:
        if child.dep_ == "poss":
            args.actors += tagged(resolver.resolve(child), "poss")
    for possessor in misparsed_possessors(token):
        args.actors += tagged([p for p in resolver.resolve(possessor) if p.entity], "poss_split")
    for ent in resolver._from_modifiers(token):
        if all(p.entity != ent.id for p in args.actors) and not any(
                c.dep_ == "poss" and resolver.entity_of_token(c) is ent for c in token.children):
            args.actors.append(Party(ent.id, resolver._modifier_text(ent, token), found_by="modifier"))


def misparsed_possessors(noun: Token) -> list[Token]:
    """Possessors of ``noun`` that the parser detached from it, in coordinated possessives.

    The small model reads "Mr. Xi and Mr. Putin's summit" either as "Xi" and "summit" conjoined
    (with only "Putin" the possessor) or, after "during", as two objects of the preposition with
    "'s" left hanging on "Kim". Returns the first token of each lost possessor phrase (its
    conjuncts are resolved with it)."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        return _possessor_conjoined_to_noun(noun, poss)
    return _possessor_before_noun(noun)


def _possessor_conjoined_to_noun(noun, poss) -> list:
    """"Xi and Putin's summit" parsed as "Xi" + "Putin's summit": Xi is a possessor too."""
    head = noun.head
    # ("the invasion of Ukraine and China's talks": an "of" object belongs to its own noun)
    of_object = head.dep_ == "pobj" and head.head.lower_ == "of"
    if noun.dep_ == "conj" and head.pos_ == "PROPN" and head.i < poss.left_edge.i and not of_object:
        between = noun.doc[head.i + 1:poss.left_edge.i]
        if len(between) and all(t.dep_ in ("cc", "punct") for t in between) and any(
                t.lower_ == "and" for t in between):
            return [head]
    return []


def _possessor_before_noun(noun) -> list:
    """A "'s" right before ``noun``'s phrase left attached to another word ("Kim's")."""
    doc = noun.doc
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


# verbs whose subject takes part in the event noun they came "for" ("gathered for a rally")
ATTENDING_VERBS = frozenset({"gather", "assemble", "converge", "arrive", "travel", "fly", "come", "head",
                             "return", "flock", "convene", "meet", "turn"})


def attended_event(noun: Token) -> bool:
    """"thousands gathered for a rally", "arrived in Beijing for talks": an event noun its
    clause's subject came to take part in."""
    prep = noun.head
    return (noun.dep_ == "pobj" and prep.lower_ == "for" and prep.head.pos_ == "VERB"
            and prep.head.lemma_.lower() in ATTENDING_VERBS)


# "responsible for mass killings", "guilty of torture": the subject did the event named
RESPONSIBLE_ADJECTIVES = frozenset({"responsible", "guilty", "behind"})
# "held civilians as human shields", "used them as hostages": the subject does the event named
USING_VERBS = frozenset({"hold", "use", "keep", "take"})


def _embedding_verb(token: Token) -> Token | None:
    """The verb (or adjective) whose subject does the event noun ``token`` names through a
    preposition: "during a visit", "gathered for a rally", "responsible for killings", "held ... as
    human shields"."""
    if token.dep_ != "pobj":
        return None
    prep, gov = token.head, token.head.head
    if prep.lower_ in ("during", "on") or attended_event(token):
        return gov if gov.pos_ == "VERB" else None
    if prep.lower_ in ("for", "of") and gov.pos_ == "ADJ" and gov.lower_ in RESPONSIBLE_ADJECTIVES:
        return gov
    if prep.lower_ == "as" and gov.pos_ == "VERB" and gov.lemma_.lower() in USING_VERBS:
        return gov
    return None


def find_embedding_subject(resolver: Resolver, trig: Trigger, args: Arguments) -> None:
    """"held talks ... during a surprise visit to Beirut": the visitor is the clause's subject;
    "gathered for a rally", "responsible for the killings", "held them as human shields": so are
    those who gathered, are responsible, held them."""
    verb = None if args.actors else _embedding_verb(trig.token)
    if verb is None or verb.lemma_.lower() in REPORTING_VERBS:
        return
    subject = find_subject(verb)
    if subject is not None:
        args.actors += tagged([p for p in resolver.resolve(subject) if p.named], "embedding_subject")


def find_deniers(resolver: Resolver, trig: Trigger, args: Arguments) -> None:
    """"Moscow and Pyongyang have denied arms transfers": the deniers are the doers."""
    token = trig.token
    if args.actors or token.dep_ != "dobj" or token.head.lemma_.lower() not in DENIAL_VERBS:
        return
    subject = find_subject(token.head)
    if subject is not None:
        args.actors += tagged([p for p in resolver.resolve(subject) if p.named], "denier")


# --- recipients through clauses and prepositions ---------------------------------------------------

def find_helped(resolver: Resolver, trig: Trigger, args: Arguments) -> None:
    """"send troops to help Russia": the helped is the recipient of an AID verb."""
    if trig.entry.type != "AID" or trig.kind != "verb":
        return
    for child in trig.pred.subtree:
        if child.dep_ in ("advcl", "xcomp", "acl", "relcl") and child.lemma_.lower() in HELP_VERBS:
            for obj in child.children:
                if obj.dep_ == "dobj":
                    args.recipients += tagged([p for p in resolver.resolve(obj) if p.entity], "helped")


def find_permitted(resolver: Resolver, trig: Trigger, args: Arguments) -> None:
    """"allowed the opposition leader Ana Lopez to run": whom the permission is given to, the
    subject of the permitted clause (spaCy parses it so, not as the verb's object)."""
    if trig.kind != "verb" or trig.pred.lemma_.lower() not in PERMIT_VERBS or args.has_named_recipient():
        return
    for clause in (c for c in trig.pred.children if c.dep_ in ("ccomp", "xcomp")):
        for subject in (c for c in clause.children if c.dep_ == "nsubj"):
            found = [p for p in resolver.resolve(subject, args.taken()) if p.named]
            args.recipients += tagged(found, "permitted")


def find_dispossessed(resolver: Resolver, trig: Trigger, args: Arguments) -> None:
    """"confiscated weapons from a Kurdish militia": the owner it is taken from is the target;
    the weapons are only what was taken."""
    if trig.kind != "verb" or trig.entry.mode != "seize":
        return
    owners = [p for p in prep_objects(resolver, trig.pred, {"from"}) if p.entity not in args.taken()]
    if owners:
        args.recipients = [p for p in args.recipients if p.entity] + tagged(owners, "from")


def find_investigated(resolver: Resolver, trig: Trigger, args: Arguments) -> None:
    """"an investigation into crimes committed by Croat forces": whose deeds are investigated
    (the doers of the investigated deed, or the accused of an investigated allegation)."""
    if trig.entry.mode != "investigate" or args.has_named_recipient():
        return
    taken = args.taken()
    for owner in {trig.token, trig.pred}:
        for prep in (c for c in owner.children if c.dep_ == "prep" and c.lower_ == "into"):
            for pobj in _pobjs(prep):
                found = grievance_doers(resolver, pobj, taken) or complement_targets(resolver, pobj, args.actors)
                if found:
                    args.recipients += tagged(found, "investigated")
                    return


def find_frame_parties(resolver: Resolver, trig: Trigger, args: Arguments) -> None:
    """"a mediation effort between Armenia and Azerbaijan": the parties on the frame noun."""
    token = trig.token
    if token.dep_ != "compound" or token.head.lemma_.lower() not in FRAME_NOUNS:
        return
    found = [p for p in prep_objects(resolver, token.head, {"between", "among", "with", "to", "against"})
             if p.entity not in args.taken()]
    args.recipients += tagged(found, "frame")


def find_refuge(resolver: Resolver, trig: Trigger, args: Arguments) -> None:
    """"sought refuge in Germany": the state asked for shelter."""
    if trig.kind != "verb" or trig.entry.mode != "assist" or args.has_named_recipient():
        return
    if not any(c.dep_ == "dobj" and c.lemma_.lower() in ("refuge", "asylum", "shelter", "sanctuary")
               for c in trig.pred.children):
        return
    found = [p for p in prep_objects(resolver, trig.pred, {"in"}) if is_place(resolver, p)]
    args.recipients += tagged(found[:1], "refuge")


def find_complement_targets_of_verb(resolver: Resolver, trig: Trigger, args: Arguments) -> None:
    """"threatened to take action against Russia": the named party in the complement replaces
    an unnamed recipient."""
    if trig.kind != "verb" or trig.entry.type not in COMPLEMENT_TARGET_TYPES or args.has_named_recipient():
        return
    found = complement_targets(resolver, trig.pred, args.actors)
    if found:
        args.recipients = [p for p in args.recipients if p.named] + tagged(found, "complement")


def find_complement_targets_of_noun(resolver: Resolver, trig: Trigger, args: Arguments) -> None:
    """"its demand that Israel ease": the complement of a demand, offer or threat noun."""
    if trig.kind == "verb" or trig.entry.type not in COMPLEMENT_TARGET_TYPES or args.has_named_recipient():
        return
    args.recipients += tagged(complement_targets(resolver, trig.token, args.actors), "complement")


def complement_targets(resolver: Resolver, pred: Token, actors: list[Party]) -> list[Party]:
    """Whom a demand, offer or threat is aimed at, named in its complement: "demanded that
    the US cancel ..." (the complement's subject), "agreed to provide aid for Romania",
    "offered to hand over to Great Britain" (the complement's objects)."""
    taken = frozenset(entity_ids(actors))
    for child in pred.children:
        if child.dep_ == "ccomp" or (child.dep_ == "acl" and any(
                g.dep_ == "mark" and g.lower_ == "that" for g in child.children)):
            found = _acting_body_targets(resolver, child, taken)
            if found is None:
                found = _complement_subject(resolver, child, taken)
            if found:
                return found
        if child.dep_ == "xcomp":
            found = _infinitive_targets(resolver, child, taken) or _condition_subject(resolver, child, taken)
            if found:
                return [p for p in found if p.entity not in taken]
    return _condition_subject(resolver, pred, taken)


def _acting_body_targets(resolver: Resolver, clause, taken: frozenset) -> list[Party] | None:
    """"warned that police will not tolerate rallies by the opposition": the police act for the
    speaker's side; the threat is aimed at the parties of what they will act on."""
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lemma_.lower() not in ACTING_BODIES or not any(
            c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in clause.children):
        return None  # not such a clause ("demanded that the government provide" names the target)
    own = frozenset(taken | {p.entity for p in resolver.resolve(subject, taken) if p.entity})
    found = _infinitive_targets(resolver, clause, own)
    for obj in (c for c in clause.children if c.dep_ == "dobj"):
        found = found or targets_in_phrase(resolver, obj, own, extra_preps=frozenset({"by"}))
    return found


def _condition_subject(resolver: Resolver, clause, taken: frozenset) -> list[Party]:
    """"threatened to strike unless Israel rescinds ...", "... if the United States goes ahead":
    the named subject of the condition set on the threatened act."""
    for sub in clause.children:
        if sub.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKERS for m in sub.children):
            found = _complement_subject(resolver, sub, taken)
            if found:
                return found
    return []


def _complement_subject(resolver: Resolver, clause, taken: frozenset) -> list[Party]:
    """The named subject of a "that" clause: "demanded that the US cancel"."""
    for sub in clause.children:
        if sub.dep_ in ("nsubj", "nsubjpass"):
            found = [p for p in resolver.resolve(sub, taken) if p.named and p.entity not in taken]
            if found:
                return found
    return []


def _infinitive_targets(resolver: Resolver, clause, taken: frozenset) -> list[Party]:
    """Targets in an infinitive complement: its named objects ("threatened to shell Iraqi
    towns"), else those inside its phrases ("to break off relations with Congo")."""
    found: list[Party] = []
    for sub in clause.children:
        if sub.dep_ in ("dobj", "dative"):
            found += [p for p in resolver.resolve(sub, taken, strict=True) if p.entity]
        if sub.dep_ in ("prep", "dative") and sub.lower_ in ("to", "for", "with", "on", "against"):
            for pobj in sub.children:
                if pobj.dep_ == "pobj":
                    found += [p for p in resolver.resolve(pobj, taken) if p.named]
    for sub in clause.children:
        if not found and sub.dep_ == "ccomp":  # "refused to allow UN planes to land"
            found = _complement_subject(resolver, sub, taken)
    if not found:
        # "threatened to break off relations with Congo", "to ban voting in East Jerusalem"
        found = targets_in_phrase(resolver, clause, taken, places=True)
        for sub in clause.children:
            if not found and sub.dep_ == "dobj":
                found = targets_in_phrase(resolver, sub, taken, places=True)
    return found


def find_prepositional_parties(resolver: Resolver, trig: Trigger, args: Arguments) -> None:
    """Parties in the prepositional phrases on the trigger (and on its light verb): "met with X",
    "talks between X and Y", "sent to Russia", "a visit by X", "withdrew from Lebanon", places
    "in/at"; each is tagged with its preposition."""
    pred, token = trig.pred, trig.token
    for owner in ([pred] if pred.i == token.i else [pred, token]):
        for child in owner.children:
            if child.dep_ not in ("prep", "dative"):  # "sent to Russia" is sometimes a dative
                continue
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                _add_prepositional_party(resolver, trig, args, owner, child.lower_, pobj)


def _add_prepositional_party(resolver: Resolver, trig: Trigger, args: Arguments, owner, prep: str,
                             pobj) -> None:
    etype = trig.entry.type
    noun_owner = owner.pos_ in ("NOUN", "PROPN")
    if prep in ("with", "between"):
        mediated = trig.entry.mode == "third-party"  # "mediation between X and Y": X and Y are mediated
        side = args.actors if (trig.entry.roles == "reciprocal" or prep == "between") and not mediated \
            else args.recipients
        side.extend(tagged((p for p in resolver.resolve(pobj, args.taken()) if p.named), prep))
    elif (prep in RECIPIENT_PREPS or (prep == "for" and owner.lemma_.lower() in TRAVEL_VERBS)
          or (noun_owner and prep == "of" and etype in OF_RECIPIENT_TYPES)):
        args.recipients.extend(tagged((p for p in resolver.resolve(pobj) if p.named), prep))
    elif prep == "from" and etype in FROM_TARGET_TYPES:  # "withdrew from Lebanon", "a withdrawal from Panama"
        args.recipients.extend(tagged((p for p in resolver.resolve(pobj) if p.named), prep))
    elif noun_owner and prep in ACTOR_PREPS_NOUN:
        args.actors.extend(tagged((p for p in resolver.resolve(pobj) if p.named), prep))
    elif prep in ("in", "at"):
        args.places.extend(tagged((p for p in resolver.resolve(pobj) if p.entity and is_place(resolver, p)), prep))


def find_targets_in_object_phrase(resolver: Resolver, trig: Trigger, args: Arguments) -> None:
    """With no named recipient: the target named inside the object phrase ("threatened further
    action against Russia", "suspended part of an aid program for Bosnia", "rejected calls by
    Kofi Annan", "called for sanctions against Nigeria"; a passive subject too: "a camp for
    Congolese refugees was attacked")."""
    if args.has_named_recipient():
        return
    etype = trig.entry.type
    extra = frozenset({"from"}) if etype in FROM_TARGET_TYPES else frozenset()
    if etype == "REQUEST":
        extra = frozenset({"by"})  # "demanded an admission by Moscow"
    taken = args.taken()
    found = [p for noun in _object_nouns(trig) for p in targets_in_phrase(resolver, noun, taken, extra_preps=extra)]
    if found:
        args.recipients = [p for p in args.recipients if p.named] + tagged(found, "phrase")


def _object_nouns(trig: Trigger) -> list:
    """The nouns whose phrases may name a target: an event noun itself, else the verb's objects,
    passive subjects and "for/over" objects, with their conjuncts."""
    if trig.kind != "verb":
        return [trig.token]
    heads = []
    for c in trig.pred.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            heads.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("for", "over", "on"):  # "reneged on its commitment to X"
            heads += [g for g in c.children if g.dep_ == "pobj"]
    return [t for o in heads for t in [o, *o.conjuncts]]


def targets_in_phrase(resolver: Resolver, head: Token, taken: frozenset, places: bool = False, depth: int = 0,
                      extra_preps: frozenset = frozenset()) -> list[Party]:
    """Named parties in the prepositional phrases under ``head``: "action against Russia", "part
    of an aid program for Bosnia" (through "of" and an unnamed object, two levels at most),
    "calls by Kofi Annan" (by/from after a proposal noun; ``extra_preps`` adds "from" for
    withdrawals: "its forces from Lebanon"), and with ``places`` a state or city
    after "in" ("to ban voting in East Jerusalem")."""
    preps = set(PHRASE_TARGET_PREPS) | extra_preps
    lemma = head.lemma_.lower()
    if lemma in PROPOSAL_NOUNS or lemma in ISSUED_NOUNS:
        preps |= {"by", "from"}  # "calls by Kofi Annan", "a ban by General Aoun"
    if lemma in OWNED_STAKE_NOUNS:
        preps |= {"of"}  # "the rights of Palestinians", "the decision of the court"
    found: list[Party] = []
    for child in head.children:
        if child.dep_ != "prep":
            continue
        prep = child.lower_
        for pobj in (c for c in child.children if c.dep_ == "pobj"):
            if prep in preps:
                named = [p for p in resolver.resolve(pobj, taken) if p.named and p.entity not in taken
                         and not (prep == "at" and is_place(resolver, p))]  # "a summit at the Cosmodrome"
                if named:
                    found += named
                    continue
            elif places and prep == "in":
                ent = resolver.entity_of_token(pobj)
                if ent is not None and ent.type == "GPE" and ent.id not in taken:
                    found.append(Party(ent.id, resolver.phrase_text(pobj)))
                continue
            if depth < 2 and (prep in preps or prep == "of"):
                found += targets_in_phrase(resolver, pobj, taken, places, depth + 1, extra_preps)
    return found


def find_purpose_objects(resolver: Resolver, trig: Trigger, args: Arguments) -> None:
    """"opened fire to disperse Moslem fundamentalist demonstrators": force is aimed at the
    purpose clause's object."""
    if trig.entry.type not in ("ASSAULT", "COERCE") or args.has_named_recipient():
        return
    taken = args.taken()
    for child in trig.pred.children:
        if child.dep_ in ("advcl", "xcomp") and _has_to(child):
            for obj in (c for c in child.children if c.dep_ == "dobj"):
                found = [p for p in resolver.resolve(obj, taken, strict=True) if p.named and p.entity not in taken]
                args.recipients += tagged(found, "purpose_object")


# --- grievances ------------------------------------------------------------------------------

def find_grievance_of_complaint(resolver: Resolver, trig: Trigger, args: Arguments) -> None:
    """"complained to the UN over Israeli air raids": the accused is behind the grievance; the
    "to" party is only the audience (replaced)."""
    pred = trig.pred
    if trig.entry.type != "ACCUSE" or trig.kind != "verb" or any(c.dep_ == "dobj" for c in pred.children):
        return
    taken = args.taken()
    for child in pred.children:
        if child.dep_ == "prep" and child.lower_ in ("over", "about"):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                doers = grievance_doers(resolver, pobj, taken, strict_noun=True)
                if doers:
                    args.recipients = tagged(doers, "grievance")


def find_grievance_of_protest(resolver: Resolver, trig: Trigger, args: Arguments) -> None:
    """A protest's target, named through its grievance (see :func:`grievance_targets`)."""
    if trig.entry.type != "PROTEST" or args.has_named_recipient():
        return
    pred = trig.pred if trig.kind != "noun" else trig.token
    args.recipients += tagged(grievance_targets(resolver, pred, args.taken()), "grievance")


def grievance_doers(resolver: Resolver, noun: Token, taken: frozenset, depth: int = 0,
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
                found = grievance_doers(resolver, pobj, taken, depth + 1, strict_noun)
                if found:
                    return found
        if child.dep_ == "acl" and child.tag_ == "VBN":  # "crimes committed by Croat forces"
            for agent in (c for c in child.children if c.dep_ == "agent"):
                for pobj in _pobjs(agent):
                    found = [p for p in resolver.resolve(pobj, taken) if p.named and p.entity not in taken]
                    if found:
                        return found
    return named


def grievance_targets(resolver: Resolver, pred: Token, taken: frozenset) -> list[Party]:
    """The target of a protest, named through its grievance: "a hunger strike to protest Sweden's
    decision", "in protest against violations by Algerian security forces", "demonstrations
    against abuses by the Israeli military", "in defiance of Chinese authorities"."""
    for noun in _grievance_nouns(pred):
        found = grievance_doers(resolver, noun, taken)
        if found:
            return found
    return []


def _grievance_nouns(pred) -> list:
    """What a protest is against: "against/over X", "in protest of/against X", "in defiance of X",
    and the object of a purpose clause ("to protest X", "to demand X")."""
    grievances = []
    for child in pred.children:
        if child.dep_ == "prep" and child.lower_ in ("against", "over"):
            grievances += _pobjs(child)
        if child.dep_ == "prep" and child.lower_ == "in":
            grievances += _in_protest_of(child)
        if (child.dep_ in ("advcl", "xcomp") and child.lemma_.lower() in PROTEST_PURPOSE_VERBS
                and _has_to(child)):
            grievances += _purpose_objects_of_protest(child)
    return grievances


def _pobjs(prep) -> list:
    return [c for c in prep.children if c.dep_ == "pobj"]


def _in_protest_of(prep_in) -> list:
    """"in protest of/against/at X", "in defiance of X": X."""
    found = []
    for pobj in (c for c in prep_in.children if c.dep_ == "pobj" and c.lemma_.lower() in ("protest", "defiance")):
        for prep in (g for g in pobj.children if g.dep_ == "prep" and g.lower_ in ("of", "against", "at")):
            found += _pobjs(prep)
    return found


def _purpose_objects_of_protest(clause) -> list:
    """"to protest X's decision", "to demonstrate against X": X."""
    found = []
    for sub in clause.children:
        if sub.dep_ == "dobj":
            found.append(sub)
        if sub.dep_ == "prep" and sub.lower_ in ("against", "at", "for"):
            found += _pobjs(sub)
    return found


def find_place_targets(resolver: Resolver, trig: Trigger, args: Arguments) -> None:
    """With no recipient at all, an act done to a place has the place as its target: "imposed a
    curfew in the town of X", "rioted at a jail in northern X", "fired shells at targets in X"."""
    if args.recipients or trig.entry.type not in PLACE_TARGET_TYPES:
        return
    taken = args.taken()
    found = [p for p in args.places if p.entity not in taken]
    heads = [trig.pred] if trig.kind == "verb" else [trig.pred, trig.token]
    for head in [*heads, *_object_nouns(trig)]:
        if not found:
            found = _places_under(resolver, head, taken)
    args.recipients = tagged(found[:1], "place")


def _places_under(resolver: Resolver, head: Token, taken: frozenset, depth: int = 0) -> list[Party]:
    """The first place named after in/at/near under ``head``, looking through the object of such
    a phrase ("at a jail in X") and through the direct object ("targets in X") once."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
            for pobj in _pobjs(child):
                found = [p for p in resolver.resolve(pobj, taken) if p.entity not in taken and is_place(resolver, p)]
                if not found and depth < 1:
                    found = _places_under(resolver, pobj, taken, depth + 1)
                if found:
                    return found
        elif child.dep_ == "dobj" and depth < 1:
            found = _places_under(resolver, child, taken, depth + 1)
            if found:
                return found
    return []


# --- small helpers ---------------------------------------------------------------------------

def is_place(resolver: Resolver, party: Party) -> bool:
    ent = resolver.doc.entity(party.entity) if party.entity else None
    return ent is not None and ent.type in ("GPE", "LOC", "FAC")


def merge_parties(first: list[Party], second: list[Party]) -> list[Party]:
    merged: list[Party] = []
    for party in first + second:
        if party.entity is not None and any(p.entity == party.entity for p in merged):
            continue
        if party.entity is None and any(p.entity is None and p.text == party.text for p in merged):
            continue
        merged.append(party)
    return merged


def entity_ids(parties: list[Party]) -> list[str]:
    out: list[str] = []
    for p in parties:
        if p.entity and p.entity not in out:
            out.append(p.entity)
    return out

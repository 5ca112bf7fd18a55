"""Who did it and to whom: resolving a trigger's arguments to entities.

An argument phrase ("U.S., South Korean and Japanese vessels", "the regime of North Korean leader
Kim Jong-un", "the three allies", "she") is resolved, conjunct by conjunct, to Document.entities:

1. the head word is itself part of an entity mention -> that entity;
2. a pronoun -> newsgraph.coref's one resolver (``Coreference.resolve``, ``prefer=SUBJECT``): the
   entity whose mention it is (entities stage), else the nearest fitting antecedent (he/she: the
   last person of a fitting Entity.gender who was a subject; it: a body earlier in the sentence or
   the subject of the previous sentence; they: the plural subject of a verb above, else the
   parties of the previous event);
3. a group noun with a number or "both" ("the three allies", "both sides", "the two leaders") ->
   the parties of the most recent earlier event with that many parties;
4. a common noun -> the entities among its modifiers ("South Korean vessels"), else through
   "of"/"from" ("the regime of ...", "diplomats from ..."); government nouns ("regime",
   "administration") prefer the state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..coref import SUBJECT, Coreference, sentence_start
from ..lexicon import PLURAL_PRONOUNS
from ..model import Document, Entity, Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

PRONOUNS_PLURAL = PLURAL_PRONOUNS
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
GROUP_NOUNS = frozenset({"ally", "side", "man", "woman", "official", "leader", "country", "nation", "party",
                         "delegation", "government", "power", "neighbor", "neighbour", "partner", "state",
                         "minister", "president", "capital", "foe", "rival", "adversary"})
PERSON_GROUP_NOUNS = frozenset({"leader", "minister", "president", "man", "woman", "official"})
STATE_GROUP_NOUNS = frozenset({"ally", "country", "nation", "government", "power", "neighbor",
                               "neighbour", "state", "capital"})
STATE_DESCRIPTIONS = frozenset({"country", "nation", "regime", "kingdom", "republic"})
GOVERNMENT_NOUNS = frozenset({"regime", "government", "administration", "leadership",
                              "authorities", "authority", "junta", "cabinet", "ministry"})
# Bodies that act for a state but are not the state: "Egyptian police arrested him" is done by the
# police (an agent entity whose country is Egypt), not by Egypt. noun lemma -> sector
AGENT_NOUNS = {"police": "GOV", "policeman": "GOV", "officer": "GOV", "military": "MIL", "army": "MIL",
               "troop": "MIL", "soldier": "MIL", "force": "MIL", "militia": "REB", "militiaman": "REB",
               "navy": "MIL", "guard": "MIL", "marine": "MIL", "gendarmerie": "GOV", "coastguard": "MIL",
               "paramilitary": "MIL", "rebel": "REB", "insurgent": "REB", "militant": "REB",
               "fighter": "REB", "guerrilla": "REB", "guerilla": "REB", "separatist": "REB", "jet": "MIL",
               "warship": "MIL"}
# "security forces", "riot police", "air force": compounds that stay the agent's name
AGENT_COMPOUND_OK = frozenset({"security", "riot", "air", "special", "border", "armed", "naval", "coast",
                               "ground", "government", "federal", "state", "national", "military", "secret",
                               "defence", "defense", "republican", "revolutionary"})
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2}
STATE_TYPES = ("GPE",)
# Entities that can do things; events, weapons, laws and works are not parties
PARTY_TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
MODIFIER_DEPS = ("compound", "amod", "nmod", "poss")
NON_PARTY_NER = frozenset({"DATE", "TIME"})
QUANTIFIER_PRONOUNS = frozenset({"both", "all", "each"})
DATELINE = re.compile(r"^[ \t]*[A-Z][A-Z .'-]+(?:,[^—–\n]{0,40})?[ \t]*[—–][ \t]*", re.M)


# plural people nouns whose whole phrase names the party ("Radical French farmers", "Ibo elders")
PEOPLE_NOUNS = frozenset({"farmer", "worker", "student", "demonstrator", "protester", "protestor", "refugee",
                          "prisoner", "villager", "resident", "supporter", "member", "activist", "elder",
                          "teacher", "doctor", "inhabitant", "citizen", "voter", "delegate", "politician",
                          "lawmaker", "legislator", "settler", "youth", "miner", "trader", "employee",
                          "nurse", "journalist", "monk", "cleric", "opponent", "exile", "immigrant",
                          "pilgrim", "peasant", "civilian", "deputy", "engineer", "serviceman", "servicemen",
                          "commander", "adviser", "advisor", "peacekeeper", "national", "diplomat", "hostage",
                          "detainee", "captive", "sailor", "fisherman", "fishermen", "pilot", "contractor",
                          "missionary", "tourist", "expert", "scientist", "businessman", "businessmen", "aid worker",
                          "migrant", "asylum seeker", "seeker", "passenger", "child", "children", "family"})
# Unnamed bodies described by their kind ("a human rights group", "opposition parties in Nepal",
# "an armed group"): the body noun, and the modifier words that give its sector. A body noun with
# no such word ("the group") stays an unresolved phrase.
BODY_NOUNS = frozenset({"group", "organization", "organisation", "party", "union", "agency", "movement",
                        "coalition", "alliance", "association", "charity", "faction", "front", "network",
                        "outfit", "cell", "federation", "bloc", "body", "militia"})
BODY_SECTOR_WORDS = {
    "NGO": ("rights", "aid", "humanitarian", "relief", "charity", "charitable", "advocacy", "watchdog",
            "environmental", "medical", "volunteer"),
    "REB": ("militant", "terror", "terrorist", "rebel", "armed", "insurgent", "jihadist", "extremist",
            "guerrilla", "guerilla", "separatist", "islamist", "paramilitary", "underground", "militia",
            "jihadi", "resistance"),
    "CVL": ("opposition", "civic", "student", "trade", "labor", "labour", "workers", "protest", "activist",
            "ethnic", "tribal", "peasant", "farmers", "women", "youth", "civil", "citizens"),
}
# "a terror group based in X", "the Red Cross operating in X": participles that place a body
PLACING_PARTICIPLES = frozenset({"base", "operate", "station", "locate", "headquarter"})


def _ethnic(head: Token) -> bool:
    """"ethnic Albanians", "ethnic Turkish villagers": the demonym names a nation's people."""
    modifiers = [c for c in head.children if c.dep_ in ("amod", "compound")]
    return any(t.lower_ == "ethnic" for c in modifiers for t in (c, *c.children))


def _place_modifier(child: Token) -> bool:
    """A short place phrase after a common noun ("rebels in the Ivory Coast", "a group based in
    X") that belongs to the party's description; longer phrases are left out."""
    if child.dep_ == "prep" and child.lower_ in ("in", "at"):
        pobjs = [c for c in child.children if c.dep_ == "pobj"]
        return bool(pobjs) and pobjs[0].ent_type_ in ("GPE", "LOC", "FAC", "ORG") and len(list(child.subtree)) <= 6
    if child.dep_ == "acl" and child.lemma_.lower() in PLACING_PARTICIPLES:
        return len(list(child.subtree)) <= 6
    return False


@dataclass
class Party:
    entity: str | None  # entity id
    text: str
    lemma: str = ""  # head lemma of an unresolved phrase
    proper: bool = False  # an unresolved proper name ("Hungarian", "Hamas") still names a party
    found_by: str = field(default="", compare=False)  # the roles.py branch that found it (for ``rule``)

    @property
    def named(self) -> bool:
        return self.entity is not None or self.proper


@dataclass
class Resolver:
    """Resolves argument tokens of one document; remembers earlier events for group nouns."""

    doc: Document
    # earlier events: (sentence start, actor ids, all party ids)
    prior_parties: list[tuple[int, list[str], list[str]]] = field(default_factory=list)
    coref: Coreference = field(init=False)  # the entities stage's person mentions and genders
    datelines: list[tuple[int, int]] = field(default_factory=list)
    timex_spans: list[tuple[int, int]] = field(default_factory=list)
    agents: dict[tuple[str, str | None], Entity] = field(default_factory=dict)  # (name, country) -> entity
    _depth: int = 0

    def __post_init__(self) -> None:
        text = self.doc.text
        self.coref = Coreference(self.doc, PARTY_TYPES)
        dl = self.doc.dateline
        if dl is not None and dl.start is not None and dl.end is not None:
            self.datelines.append((dl.start, dl.end))
        self.datelines += [(m.start(), m.end()) for m in DATELINE.finditer(text)]
        self.timex_spans = [(t.start, t.end) for t in self.doc.timexes]

    def in_dateline(self, token: Token) -> int | None:
        """The end of the dateline ``token`` lies in, else None."""
        for start, end in self.datelines:
            if start <= token.idx < end:
                return end
        return None

    def mention_text(self, ent: Entity, token: Token) -> str:
        for m in ent.mentions:
            if m.start <= token.idx < m.end or token.idx <= m.start < token.idx + len(token.text):
                return self.doc.text[m.start:m.end]
        return token.text

    # -- entity look-up ---------------------------------------------------
    def entity_of_token(self, token: Token) -> Entity | None:
        """The party entity with the longest mention over ``token`` (newsgraph.coref's index)."""
        return self.coref.entity_at(token.idx, token.idx + len(token.text))

    # -- phrases ----------------------------------------------------------
    def phrase_text(self, token: Token) -> str:
        """The noun phrase headed by ``token`` without trailing clauses."""
        left = token.left_edge.i
        right = token.i
        for child in token.rights:
            if child.dep_ in ("compound", "flat", "appos") or (child.dep_ == "prep" and child.lower_ in ("of", "from")):
                right = max(right, child.right_edge.i)
            elif token.pos_ == "NOUN" and _place_modifier(child):  # "opposition parties in Nepal"
                right = max(right, child.right_edge.i)
            else:
                break
        # keep conjuncts out of a single party's text
        for child in token.children:
            if child.dep_ in ("cc", "conj") and child.i < token.i:
                left = max(left, child.i + 1)
        span = token.doc[left:right + 1]
        return span.text.strip(" ,")

    def resolve(self, token: Token, exclude: frozenset[str] = frozenset(), strict: bool = False) -> list[Party]:
        """Parties named by the phrase headed by ``token`` (its conjuncts included).

        ``strict`` (objects of verbs): a common noun names a party only through its own modifiers
        ("South Korean officials"), not through "of"/"from" ("the danger from Pyongyang").
        """
        parties: list[Party] = []
        if self._depth > 5:  # parse cycles through appositions
            return parties
        self._depth += 1
        try:
            for head in [token, *token.conjuncts]:
                for party in self._resolve_one(head, exclude, strict):
                    if party.entity is None or all(p.entity != party.entity for p in parties):
                        parties.append(party)
        finally:
            self._depth -= 1
        return parties

    def _resolve_one(self, head, exclude: frozenset[str], strict: bool = False) -> list[Party]:
        lower = head.lower_
        text = self.phrase_text(head)
        dateline_end = self.in_dateline(head)
        if dateline_end is not None:
            # "SEOUL, South Korea — North Korean Foreign Minister Choe met": the parser makes the
            # dateline the subject and the real subject its apposition
            for child in head.children:
                if child.dep_ == "appos" and child.idx >= dateline_end:
                    return self.resolve(child, exclude)
            return []
        if any(s <= head.idx < e for s, e in self.timex_spans) or head.ent_type_ in NON_PARTY_NER:
            return []  # "on Tuesday" is a time, not a party
        if lower in QUANTIFIER_PRONOUNS and head.dep_ == "appos":
            return self.resolve(head.head, exclude)  # "Moscow and Pyongyang, both sanctioned"
        if head.pos_ == "PRON" or lower in RELATIVE_PRONOUNS:
            if lower in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
                return self.resolve(head.head.head, exclude)
            return self._pronoun(head, exclude)
        ent = self.entity_of_token(head)
        if ent is not None and ent.type in STATE_TYPES and (_ethnic(head) or self._placed_elsewhere(head, ent)):
            return [Party(self._ethnic_group(head, ent).id, text, head.lemma_.lower())]
        if ent is not None:
            return [Party(ent.id, text)]
        group = self._group(head)
        if group:
            return group
        if (head.lemma_.lower() in STATE_DESCRIPTIONS and head.tag_ == "NN"
                and [c.lower_ for c in head.children] == ["the"]):
            # "the country test-fired ...": the state spoken of, like "it"
            state = self.coref.thing_antecedent(head.idx, ("GPE",), exclude)
            return [Party(state.id, text)] if state is not None else []
        for child in head.children:
            if child.dep_ == "appos" and child.lower_ not in QUANTIFIER_PRONOUNS:  # "members China and Russia"
                named = [p for p in self.resolve(child, exclude, strict) if p.entity]
                if named:
                    return named
        agents = [] if strict else self._agents(head)  # objects are what is acted on: "withdrew its forces"
        if agents:
            return [Party(a.id, a.name if len(agents) > 1 else text, head.lemma_.lower()) for a in agents]
        body = self._described_body(head)
        if body is not None:
            return [Party(body.id, text, head.lemma_.lower())]
        gov = head.lemma_.lower() in GOVERNMENT_NOUNS
        found = self._from_modifiers(head, prefer_state=gov)
        if found:
            if head.lemma_.lower() in PEOPLE_NOUNS and len(found) == 1:
                # "Radical French farmers", "12 Turkish engineers": the group, named by its phrase
                return [Party(found[0].id, text)]
            return [Party(e.id, self._modifier_text(e, head)) for e in found]
        placed = self._placed_people(head)
        if placed is not None:
            return [Party(placed.id, text, head.lemma_.lower())]
        if strict and not gov:
            if head.pos_ not in ("NOUN", "PROPN"):
                return []
            return [Party(None, text, head.lemma_.lower(), head.pos_ == "PROPN")]
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        inner = self._from_modifiers(pobj, prefer_state=gov) if gov else []
                        if inner:
                            return [Party(e.id, text) for e in inner]
                        sub = self.resolve(pobj, exclude)
                        if any(p.entity for p in sub):
                            return [Party(p.entity, text) for p in sub if p.entity]
        if head.pos_ in ("NOUN", "PROPN"):
            return [Party(None, text, head.lemma_.lower(), head.pos_ == "PROPN")]
        return []

    # -- agents -----------------------------------------------------------
    def _agents(self, head: Token) -> list[Entity]:
        """The agent entities for "Egyptian police", "the military", "Russian troops", "riot police",
        one per state for "South Korean and American troops": a body named by its own noun, its
        country that of its state modifier (police: else of the one state the sentence names);
        none for other nouns or a modifier that is itself a body ("Houthi militia": the Houthis)."""
        lemma = head.lemma_.lower()
        if lemma not in AGENT_NOUNS and head.lower_[:-1] in AGENT_NOUNS and head.lower_.endswith("s"):
            lemma = head.lower_[:-1]  # "Rebels" opening a sentence, read as a name, keeps its plural
        if lemma not in AGENT_NOUNS or head.pos_ not in ("NOUN", "PROPN"):
            return []
        owners = self._from_modifiers(head) or self._of_owners(head) or self._pronoun_owners(head)
        if any(e.type not in ("GPE", "NORP") for e in owners):
            return []
        sector = AGENT_NOUNS[lemma]
        if len(owners) > 1:
            return [self._agent_entity(self._agent_name(head, [s]), s.country, sector, [s.id], head)
                    for s in owners]
        country = next((e.country for e in owners if e.country), None)
        if country is None and not owners:  # where they are, not whom they act for: no affiliation
            country = self._in_state_country(head)
        if country is None and not owners and sector == "GOV":
            country = self._sentence_country(head)  # police act where they are; armies abroad
        return [self._agent_entity(self._agent_name(head, owners), country, sector, [e.id for e in owners], head)]

    def states_of_agents(self, parties: list[Party]) -> list[Party]:
        """``parties`` with each agent entity replaced by the states it acts for ("North Korean
        troops were sent": North Korea sends them)."""
        out: list[Party] = []
        for party in parties:
            ent = self.doc.entity(party.entity) if party.entity else None
            if ent is not None and ent.rule == "events.agent" and ent.affiliations:
                out += [Party(a, party.text, party.lemma) for a in ent.affiliations]
            else:
                out.append(party)
        return out

    def _pronoun_owners(self, head: Token) -> list[Entity]:
        """"its soldiers", "their forces": the state the possessive pronoun stands for."""
        found: list[Entity] = []
        for child in head.children:
            if child.dep_ == "poss" and child.pos_ == "PRON":
                for party in self._pronoun(child, frozenset()):
                    ent = self.doc.entity(party.entity) if party.entity else None
                    if ent is not None and ent not in found:
                        found.append(ent)
        return found

    def _prep_entities(self, head: Token, preps: tuple[str, ...]) -> list[Entity]:
        """The entities named after ``head``'s prepositions ``preps`` ("forces of Syria"), in order."""
        found: list[Entity] = []
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    ent = self.entity_of_token(pobj)
                    if ent is not None and ent not in found:
                        found.append(ent)
        return found

    def _of_owners(self, head: Token) -> list[Entity]:
        """"forces of Syria", "troops from Chad": the state after of/from."""
        return self._prep_entities(head, ("of", "from"))

    def _in_state_country(self, head: Token) -> str | None:
        """"security forces in Guinea", "rebels in the Ivory Coast", "guerrillas operating in
        Macedonia": the country of the state they are in (a state, not a city: "police in Cairo"
        is read by the sentence), when no modifier names whom they belong to."""
        return next((e.country for e in self._states_placed_in(head, ("in",)) if e.sector == "GOV"), None)

    def _ethnic_group(self, head: Token, nation: Entity) -> Entity:
        """"ethnic Albanians in south Serbia", "the Albanians of southern Serbia": people of a
        nation, not its state; their country is the state they live in: the one the phrase
        names, else the one other state the sentence names ("ethnic Albanians demonstrated in
        Serbia"), else none."""
        places = self._places_of(head, nation)
        if not places:
            others = {e.country: e for e in self._sentence_states(head) if e.country != nation.country}
            places = list(others.values()) if len(others) == 1 else []
        name = ("ethnic " if _ethnic(head) else "") + head.text + (f" in {places[0].name}" if places else "")
        return self._agent_entity(name, places[0].country if places else None, "CVL", [], head)

    def _places_of(self, head: Token, nation: Entity) -> list[Entity]:
        return [e for e in self._states_placed_in(head, ("in", "of")) if e.country != nation.country]

    def _placed_elsewhere(self, head: Token, nation: Entity) -> bool:
        """"the Albanians of southern Serbia": a nation's people placed in another state."""
        return head.tag_ in ("NNPS", "NNS") and bool(self._places_of(head, nation))

    def _sentence_states(self, head: Token) -> list[Entity]:
        return [e for e in self._sentence_places(head) if e.sector == "GOV"]

    def _sentence_places(self, head: Token) -> list[Entity]:
        """The states and cities with a country that ``head``'s sentence names."""
        sent = head.sent
        return [e for e in self.doc.entities if e.type in STATE_TYPES and e.country
                and any(sent.start_char <= m.start < sent.end_char for m in e.mentions)]

    def _placed_people(self, head: Token) -> Entity | None:
        """"demonstrators in Baghdad", "students throughout Indonesia": people named by what they
        are, with no state modifier, placed in a state or city: a civilian party of that country
        (for "French farmers" the state stands for them)."""
        if head.lemma_.lower() not in PEOPLE_NOUNS or head.pos_ != "NOUN" or head.tag_ != "NNS":
            return None
        places = [e for e in self._prep_entities(head, ("in", "throughout", "across"))
                  if e.type in STATE_TYPES and e.country]
        if not places:
            return None
        return self._agent_entity(f"{head.lower_} in {places[0].name}", places[0].country, "CVL", [], head)

    def _described_body(self, head: Token) -> Entity | None:
        """"a human rights group" (NGO), "opposition parties in Nepal" (CVL, Nepal), "a militant group
        based in Mali" (REB, Mali), "Kenyan aid agencies" (NGO, Kenya): an unnamed body whose
        modifiers give its kind; its country that of its state modifier or of the state it is in or
        based in, never an affiliation (a rights group is not its state)."""
        if head.lemma_.lower() not in BODY_NOUNS or head.pos_ != "NOUN":
            return None
        modifiers = [t for c in head.children if c.dep_ in ("compound", "amod", "nmod") and c.i < head.i
                     for t in c.subtree]
        words = {t.lower_.rstrip("'") for t in modifiers}
        sector = next((sec for sec, keys in BODY_SECTOR_WORDS.items() if words & set(keys)), None)
        if sector is None:
            return None
        states = [e for e in self._from_modifiers(head) if e.type in (*STATE_TYPES, "NORP") and e.country]
        places = self._states_placed_in(head, ("in",))
        country = next(iter(states or places), None)
        name = " ".join(t.text if t.pos_ == "PROPN" or self.entity_of_token(t) else t.lower_
                        for t in sorted([*modifiers, head], key=lambda t: t.i))
        if not states and places:
            name = f"{name} in {places[0].name}"
        return self._agent_entity(name, country.country if country else None, sector, [], head)

    def _placing_entities(self, head: Token) -> list[Entity]:
        """"a group based in Trinidad", "agencies operating in Sudan": the places of the participle."""
        return [e for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in PLACING_PARTICIPLES
                for e in self._prep_entities(c, ("in",))]

    def _states_placed_in(self, head: Token, preps: tuple[str, ...]) -> list[Entity]:
        """The states and cities with a country that ``head``'s prepositions ``preps`` or its placing
        participle put it in ("rebels in Chad", "a group based in Mali")."""
        return [e for e in self._prep_entities(head, preps) + self._placing_entities(head)
                if e.type in STATE_TYPES and e.country]

    def _sentence_country(self, head: Token) -> str | None:
        """The country of the one state or city the sentence names ("police in Cairo": Egypt)."""
        countries = {e.country for e in self._sentence_places(head)}
        return countries.pop() if len(countries) == 1 else None

    def _agent_name(self, head: Token, states: list[Entity]) -> str:
        """"Egyptian riot police" -> "Egyptian riot police"; "the military" -> "military"."""
        state_words = [t for t in head.subtree if t.i < head.i and self.entity_of_token(t) in states
                       and t.dep_ != "cc" and not (t.dep_ == "conj" and len(states) == 1
                                                   and self.entity_of_token(t) is not states[0])]
        words = [c for c in head.children if c.i < head.i and c.dep_ in ("compound", "amod")
                 and (c.lower_ in AGENT_COMPOUND_OK or _ethnic(head))] + state_words
        words += [t for c in words for t in c.children if t.lower_ == "ethnic" and t not in words]
        tokens = sorted([*words, head], key=lambda t: t.i)
        name = " ".join(t.text if t is not head and (t.pos_ == "PROPN" or self.entity_of_token(t)) else t.lower_
                        for t in tokens)
        if len(states) == 1 and not state_words:  # "its soldiers", "forces of Syria": "Syria's forces"
            name = f"{states[0].name}'s {name}"
        return name

    def _agent_entity(self, name: str, country: str | None, sector: str, affiliations: list[str],
                      head: Token) -> Entity:
        key = (name.lower(), country)
        ent = self.agents.get(key)
        if ent is None:
            ent = Entity(id=self._new_entity_id(), name=name, type="ORG", country=country, sector=sector,
                         affiliations=affiliations, rule="events.agent")
            self.doc.entities.append(ent)
            self.agents[key] = ent
        if not any(m.start <= head.idx < m.end for m in ent.mentions):
            mention = Mention(head.idx, head.idx + len(head.text), head.text, "nominal", "events.agent")
            ent.mentions.append(mention)
            self.coref.add(ent, mention)
        return ent

    def _new_entity_id(self) -> str:
        taken = {e.id for e in self.doc.entities}
        n = len(taken) + 1
        while f"e{n}" in taken:
            n += 1
        return f"e{n}"

    def _modifier_text(self, ent: Entity, head) -> str:
        for tok in head.subtree:
            if tok.i <= head.i and self.entity_of_token(tok) is ent:
                return self.mention_text(ent, tok)
        return ent.name

    def _from_modifiers(self, head, prefer_state: bool = False) -> list[Entity]:
        found: list[Entity] = []
        ethnic = _ethnic(head)  # "ethnic Albanian guerrillas": a nation's people, not its state's
        candidates = [head] if prefer_state else []
        order = {dep: n for n, dep in enumerate(MODIFIER_DEPS)}
        for child in sorted(head.children, key=lambda c: order.get(c.dep_, 9)):
            if child.dep_ in MODIFIER_DEPS:
                candidates.extend([child, *child.conjuncts])
                candidates.extend(c for c in child.children if c.dep_ in ("compound", "amod")
                                  or c.dep_ == "npadvmod" and child.lemma_ == "lead")  # "Saudi-led"
        for tok in candidates:
            ent = self.entity_of_token(tok)
            if ent is not None and ent not in found and not (ethnic and ent.type in STATE_TYPES):
                found.append(ent)
        if prefer_state:
            states = [e for e in found if e.type in STATE_TYPES]
            if states:
                return states
            # a leader's state: "North Korean leader Kim" -> the state named by the demonym
            people = [e for e in found if e.type == "PERSON" and e.country]
            for person in people:
                for e in self.doc.entities:
                    if e.type in STATE_TYPES and e.country == person.country and e.sector in (None, "GOV"):
                        return [e]
        return found

    # -- pronouns and groups ----------------------------------------------
    def _pronoun(self, token: Token, exclude: frozenset[str]) -> list[Party]:
        """The one resolver of newsgraph.coref (``prefer=SUBJECT``, the parties of earlier events as
        the groups "they" may stand for), after the stage's own reading of "they" as the plural
        subject of a verb above ("Afghan rebel leaders said they would meet")."""
        lower = token.lower_
        linked = self.coref.entity_on(token.idx, token.idx + len(token.text))
        if lower in PRONOUNS_PLURAL and linked is None:
            found = self._plural_subject_above(token, exclude)
            if found:
                return found
        floor = sentence_start(token.sent, back=2)
        groups = [(start, actor_ids) for start, actor_ids, _ in self.prior_parties]
        found_entities = self.coref.resolve(lower, token.idx, prefer=SUBJECT, floor=floor, exclude=exclude,
                                            groups=groups)
        return [Party(e.id, token.text) for e in found_entities]

    def _plural_subject_above(self, token: Token, exclude: frozenset[str]) -> list[Party]:
        for anc in token.ancestors:
            if anc.i == token.head.i:
                continue  # the pronoun's own verb
            subjects = [c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i
                        and (c.tag_ in ("NNS", "NNPS") or any(g.dep_ == "conj" for g in c.children))]
            if subjects:
                return [p for p in self.resolve(subjects[0], exclude) if p.named or p.text]
        return []

    def _group(self, head) -> list[Party]:
        if head.lemma_.lower() not in GROUP_NOUNS:
            return []
        count = None
        for child in head.children:
            if child.dep_ in ("nummod", "det", "predet", "quantmod") and child.lower_ in NUMBER_WORDS:
                count = NUMBER_WORDS[child.lower_]
        if count is None:
            return []
        text = self.phrase_text(head)
        lemma = head.lemma_.lower()
        for _, _, ids in reversed(self.prior_parties):
            fitting = [(i, e) for i in ids if (e := self.doc.entity(i)) is not None]
            if lemma in PERSON_GROUP_NOUNS:  # "the two leaders": people
                fitting = [(i, e) for i, e in fitting if e.type == "PERSON"]
            elif lemma in STATE_GROUP_NOUNS:  # "the three allies": states and bodies
                fitting = [(i, e) for i, e in fitting if e.type != "PERSON"]
            if len(fitting) == count:
                return [Party(i, text) for i, _ in fitting]
        return []

    def remember(self, sentence_start: int, actor_ids: list[str], ids: list[str]) -> None:
        if ids:
            self.prior_parties.append((sentence_start, actor_ids, ids))

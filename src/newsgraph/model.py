"""The typed document model that flows through every pipeline stage.

One :class:`Document` is created by ingestion; each later stage attaches its
facts to it (entities, timexes, quotes, events, relations).  ``to_dict`` gives
the JSON form fixed by ``shared/CONTRACT.md`` section 1 (plus documented
extensions); ``from_dict`` reads it back, so a stored document round-trips.

Every fact carries its provenance: character offsets into ``Document.text``
(0-based, end-exclusive, Python ``str`` indices) and ``rule``, the name of the
rule or model that produced it (e.g. ``"entities.kb"``, ``"quotes.direct"``).
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

# --- vocabularies (CONTRACT.md) -------------------------------------------

ENTITY_TYPES = (
    "PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW",
)
SECTORS = (
    "GOV", "MIL", "LEG", "JUD", "DIP", "MED", "NGO", "IGO", "BUS", "EDU", "REL", "CVL", "REB",
)
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
QUOTE_KINDS = ("direct", "indirect", "mixed")
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
)


class Modality(StrEnum):
    """How the article holds an event (CONTRACT.md ``events[].modality``); compares equal to its string."""

    ASSERTED = "asserted"
    PLANNED = "planned"
    EXPECTED = "expected"
    ALLEGED = "alleged"
    DENIED = "denied"
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"
    REQUESTED = "requested"


MODALITIES = tuple(m.value for m in Modality)
# Not (yet) happened: plans, expectations, requests and conditionals, whose date lies ahead.
UNREALISED_MODALITIES = frozenset(
    {Modality.PLANNED, Modality.EXPECTED, Modality.REQUESTED, Modality.HYPOTHETICAL}
)
# Scheduled to happen (the PLOVER manual's "reported in future tense").
SCHEDULED_MODALITIES = frozenset({Modality.PLANNED, Modality.EXPECTED})
RELATION_PREDICATES = (
    "title", "employee_of", "member_of", "leader_of", "head_of", "spokesperson_for",
    "citizen_of", "located_in", "part_of",
)


# --- small value objects ----------------------------------------------------

@dataclass
class Span:
    """A stretch of the document text."""

    start: int
    end: int
    text: str = ""


@dataclass
class Source:
    path: str | None = None
    url: str | None = None
    publisher: str | None = None


@dataclass
class Dateline:
    """The place line that opens a wire story ("SEOUL, South Korea —")."""

    text: str
    place: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    start: int | None = None  # offsets of ``text`` inside Document.text, when it is there
    end: int | None = None


@dataclass
class Heading:
    """A section subheading kept in the text but never read as a sentence or entity."""

    start: int
    end: int
    text: str


# --- facts --------------------------------------------------------------------

@dataclass
class Mention:
    start: int
    end: int
    text: str
    kind: str = "name"  # name | short | nominal | pronoun | metonym | demonym
    rule: str = ""


@dataclass
class Entity:
    id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    kb_id: str | None = None
    titles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)  # entity ids
    mentions: list[Mention] = field(default_factory=list)
    former_titles: list[str] = field(default_factory=list)
    gender: str | None = None  # "female" | "male" for people whose gender the text or name gives
    rule: str = ""


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str | None = None  # None when it needs an unknown DCT
    anchor: str | None = None  # what the value was resolved against: "DCT", "timex:<i>", ...
    mod: str | None = None  # TimeML mod (BEFORE, AFTER, APPROX, START, ...)
    rule: str = ""


@dataclass
class Quote:
    start: int
    end: int
    text: str
    kind: str  # direct | indirect | mixed
    speaker: str | None = None  # entity id
    speaker_text: str | None = None
    cue: str | None = None
    cue_span: Span | None = None
    speaker_span: Span | None = None
    rule: str = ""


@dataclass
class Attribution:
    """A claim the article reports on someone's authority ("Tass reported")."""

    start: int  # span of the attributed claim (usually a clause or sentence)
    end: int
    source: str | None = None  # entity id
    source_text: str | None = None
    cue: str | None = None
    rule: str = ""


@dataclass
class EventDate:
    value: str | None = None
    text: str | None = None
    inferred: bool = False  # True when taken from the reference time, not a timex
    timex: int | None = None  # index into Document.timexes


@dataclass
class Event:
    id: str
    type: str
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    date: EventDate | None = None
    location: str | None = None  # entity id
    location_inferred: bool = False  # True when taken from the dateline
    modality: str = "asserted"
    source: str | None = None  # entity id
    source_text: str | None = None
    trigger: Span | None = None
    sentence: Span | None = None
    actor_text: list[str] = field(default_factory=list)
    recipient_text: list[str] = field(default_factory=list)
    confidence: float = 1.0
    rule: str = ""
    # later definite re-mentions of this event ("the summit", "the talks") in the same article
    mentions: list[Span] = field(default_factory=list)


@dataclass
class StageWarning:
    """A stage that failed (or gave up) on one document: the document is kept, marked incomplete."""

    stage: str
    message: str
    rule: str = "pipeline.error"


@dataclass
class Relation:
    subject: str
    predicate: str
    object: str
    start: int
    end: int
    former: bool = False
    rule: str = ""


# --- the document -----------------------------------------------------------

@dataclass
class Document:
    doc_id: str
    source: Source = field(default_factory=Source)
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO date or datetime: the document creation time (DCT)
    dateline: Dateline | None = None
    text: str = ""
    headings: list[Heading] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    warnings: list[StageWarning] = field(default_factory=list)
    # Not serialised: the spaCy ``Doc`` set by the language-analysis stage.
    analysis: Any = field(default=None, repr=False, compare=False)

    # -- helpers used by many stages --
    def entity(self, entity_id: str) -> Entity | None:
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        return None

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping [start, end), longest overlap first."""
        best, best_overlap = None, 0
        for ent in self.entities:
            for m in ent.mentions:
                overlap = min(end, m.end) - max(start, m.start)
                if overlap > best_overlap:
                    best, best_overlap = ent, overlap
        return best

    def in_heading(self, start: int, end: int) -> bool:
        return any(h.start <= start and end <= h.end for h in self.headings)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without the spaCy ``Doc``: it would carry its whole vocabulary (megabytes per
        document) from a worker process back to the writer, which needs none of it."""
        state = dict(self.__dict__)
        state["analysis"] = None
        return state

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(
            dataclasses.replace(self, analysis=None)
        )
        data.pop("analysis", None)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return _build(cls, data)


def text_hash(text: str) -> str:
    """Stable id for a document without one: a hash of its cleaned text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --- watchlists and alerts (newsgraph.watch, newsgraph.alerts) ----------------

DELIVERY_KINDS = ("none", "jsonl", "webhook")
ALERT_KINDS = ("event", "status", "quote", "first-seen")


@dataclass
class WatchRule:
    """A watchlist: what to be told about (see :mod:`newsgraph.watch` for the file format).

    An event matches when every given field agrees: one of ``entities`` takes part, one of
    ``with_entities`` too, its type is among ``types``, its quad class among ``quads``."""

    name: str
    entities: list[str] = field(default_factory=list)  # names, as written by the user
    with_entities: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)  # PLOVER types; empty: any
    quads: list[str] = field(default_factory=list)  # PLOVER quad classes ("material conflict"); empty: any
    status_change: bool = False  # also alert when a matching event's status changes
    quotes: bool = False  # alert on new quotes by the watched entities
    first_seen: bool = False  # alert on actors seen for the first time (with the watched entities)
    delivery: str = "none"  # none | jsonl | webhook
    target: str | None = None  # the JSON Lines file, or the webhook URL
    created_at: str | None = None


@dataclass
class Alert:
    """One match of a watchlist against what an ingest or a removal changed; raised once (``key``)."""

    key: str  # watchlist + kind + subject (+ status): the same match is never raised twice
    watchlist: str
    kind: str  # event | status | quote | first-seen
    subject: str  # canonical event id, canonical entity id, or doc_id:start of a quote
    reason: str  # why it matched, in words
    evidence: list[dict[str, Any]] = field(default_factory=list)  # doc_id, title, sentence text
    detail: dict[str, Any] = field(default_factory=dict)  # the event / quote / entity as stored
    created_at: str | None = None
    read: bool = False
    id: int | None = None


# --- generic dict -> dataclass reader (for from_dict) --------------------------

_NESTED: dict[tuple[type, str], type] = {}


def _register_nested() -> None:
    pairs = {
        (Document, "source"): Source,
        (Document, "dateline"): Dateline,
        (Document, "headings"): Heading,
        (Document, "entities"): Entity,
        (Document, "timexes"): Timex,
        (Document, "quotes"): Quote,
        (Document, "attributions"): Attribution,
        (Document, "events"): Event,
        (Document, "relations"): Relation,
        (Document, "warnings"): StageWarning,
        (Entity, "mentions"): Mention,
        (Quote, "cue_span"): Span,
        (Quote, "speaker_span"): Span,
        (Event, "date"): EventDate,
        (Event, "trigger"): Span,
        (Event, "sentence"): Span,
        (Event, "mentions"): Span,
    }
    _NESTED.update(pairs)


def _build(cls: type, data: Any) -> Any:
    if data is None:
        return None
    names = {f.name for f in dataclasses.fields(cls)}
    kwargs = {}
    for key, value in data.items():
        if key not in names:
            continue  # tolerate extensions written by newer versions
        sub = _NESTED.get((cls, key))
        if sub is not None:
            if isinstance(value, list):
                value = [_build(sub, v) for v in value]
            else:
                value = _build(sub, value)
        kwargs[key] = value
    return cls(**kwargs)


_register_nested()

"""Response (and request) models of the JSON API.  Field names are CONTRACT.md's; a document's
facts use the model's own dataclasses (:mod:`newsgraph.model`), so the API and ``extract --format
jsonl`` describe a document the same way."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from ..model import Attribution, Dateline, Entity, Event, Heading, Quote, Relation, Source, StageWarning, Timex

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


# -- documents ---------------------------------------------------------------------------------

class DocumentSummary(BaseModel):
    doc_id: str
    title: str | None = None
    published: str | None = None
    source_path: str | None = None
    url: str | None = None
    publisher: str | None = None
    story_id: str | None = None
    duplicate_of: str | None = None
    content_hash: str | None = None
    warnings: list[dict[str, Any]] = []


class DocumentOut(BaseModel):
    """One stored document: its text and every fact with offsets (CONTRACT.md section 1)."""

    doc_id: str
    source: Source
    title: str | None = None
    authors: list[str] = []
    published: str | None = None
    dateline: Dateline | None = None
    text: str
    headings: list[Heading] = []
    entities: list[Entity] = []
    timexes: list[Timex] = []
    quotes: list[Quote] = []
    attributions: list[Attribution] = []
    events: list[Event] = []
    relations: list[Relation] = []
    warnings: list[StageWarning] = []
    canonical_entities: dict[str, str | None] = Field(default_factory=dict,
                                                      description="local entity id -> canonical entity id")
    canonical_events: dict[str, str | None] = Field(default_factory=dict,
                                                    description="local event id -> canonical event id")
    story_id: str | None = None


# -- entities ----------------------------------------------------------------------------------

class EntityRef(BaseModel):
    id: str
    name: str


class EntitySummary(BaseModel):
    id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    kb_id: str | None = None
    aliases: list[str] = []
    titles: list[str] = []
    n_documents: int = 0
    n_mentions: int = 0


class TitleSpan(BaseModel):
    title: str
    first_reported: str | None = None
    last_reported: str | None = None
    documents: int
    former: bool


class Affiliation(BaseModel):
    id: str
    name: str
    relation: str
    reports: int


class QuoteOut(BaseModel):
    doc_id: str
    published: str | None = None
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None = None
    speaker_text: str | None = None
    cue: str | None = None
    rule: str | None = None


class CoActor(BaseModel):
    id: str
    name: str
    events: int


class MergeEvidence(BaseModel):
    doc_id: str
    entity: str
    reason: str
    detail: str


class Correction(BaseModel):
    id: int
    kind: str
    targets: list[str]
    anchors: list[dict[str, Any] | None] = []
    params: dict[str, Any] = {}
    author: str
    reason: str = ""
    created_at: str
    withdrawn_at: str | None = None
    withdrawn_by: str | None = None


class EventDateOut(BaseModel):
    value: str | None = None
    text: str | None = None


class EventMentionBrief(BaseModel):
    doc_id: str
    event: str
    start: int | None = None
    end: int | None = None
    text: str | None = None
    modality: str | None = None
    published: str | None = None
    rule: str | None = None


class CanonicalEventOut(BaseModel):
    id: str
    type: str
    quad: str | None = None
    mode: str | None = None
    contexts: list[str] = []
    date: EventDateOut
    sort_date: str | None = None
    status: str
    modality: str
    actors: list[EntityRef] = []
    recipients: list[EntityRef] = []
    location: EntityRef | None = None
    history: list[dict[str, Any]] = []
    mentions: list[EventMentionBrief] = []
    documents: list[str] = []


class EntityProfile(EntitySummary):
    documents: list[str] = []
    titles_over_time: list[TitleSpan] = []
    affiliations: list[Affiliation] = []
    quotes: list[QuoteOut] = []
    events: list[CanonicalEventOut] = []
    co_actors: list[CoActor] = []
    evidence: list[MergeEvidence] = []
    corrections: list[Correction] = []
    n_events: int = 0
    n_quotes: int = 0
    n_evidence: int = 0


class GraphNode(BaseModel):
    id: str
    name: str
    type: str | None = None
    country: str | None = None
    depth: int
    n_documents: int = 0


class GraphEdge(BaseModel):
    source: str
    target: str
    weight: int = Field(description="canonical events both take part in")
    first: str | None = None
    last: str | None = None


class Graph(BaseModel):
    center: str
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    since: str | None = None
    until: str | None = None


# -- events ------------------------------------------------------------------------------------

class SpanOut(BaseModel):
    start: int
    end: int
    text: str | None = None


class EventReport(BaseModel):
    """One document's report of a canonical event, with every span."""

    doc_id: str
    event: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    publisher: str | None = None
    type: str
    modality: str
    trigger: SpanOut | None = None
    sentence: SpanOut | None = None
    actors: list[SpanOut] = Field(default_factory=list, description="the actors' mentions in the sentence")
    recipients: list[SpanOut] = []
    date: dict[str, Any] | None = None
    date_span: SpanOut | None = None
    source: str | None = None
    source_text: str | None = None
    source_span: SpanOut | None = None
    rule: str | None = None


class StatusChange(BaseModel):
    status: str
    modality: str | None = None
    doc_id: str | None = None
    published: str | None = None
    event: str | None = None
    title: str | None = None


class EventDetail(CanonicalEventOut):
    status_history: list[StatusChange] = []
    reports: list[EventReport] = []
    corrections: list[Correction] = []


# -- dyads, stories, quotes, search, stats -----------------------------------------------------------

class MonthCounts(BaseModel):
    model_config = ConfigDict(extra="allow")
    month: str


class Dyad(BaseModel):
    a: EntitySummary | dict[str, Any]
    b: EntitySummary | dict[str, Any]
    quad_totals: dict[str, int]
    by_month: list[dict[str, Any]]
    events: list[dict[str, Any]]


class StorySummary(BaseModel):
    id: str
    title: str | None = None
    first_published: str | None = None
    last_published: str | None = None
    n_documents: int = 0
    evidence: list[Any] = []


class StoryDocument(BaseModel):
    doc_id: str
    title: str | None = None
    published: str | None = None
    duplicate_of: str | None = None


class StoryDetail(StorySummary):
    documents: list[StoryDocument] = []
    events: list[CanonicalEventOut] = []


class SearchDocument(BaseModel):
    doc_id: str
    title: str | None = None
    published: str | None = None
    snippet: str | None = None


class SearchQuote(BaseModel):
    quote: int
    doc_id: str
    speaker: str | None = None
    text: str


class SearchResult(BaseModel):
    query: str
    documents: list[SearchDocument]
    quotes: list[SearchQuote]
    entities: list[EntitySummary]


class Stats(BaseModel):
    counts: dict[str, int]
    latest_events: list[CanonicalEventOut]
    developing_stories: list[StorySummary]
    recent_status_changes: list[CanonicalEventOut]
    corrections: int


class CorrectionIn(BaseModel):
    kind: str = Field(description="merge | split | set-entity | reject-event | reject-mention | retype")
    targets: list[str] = Field(description="canonical ids: [keep, drop] for merge, else [one]")
    params: dict[str, str | None] = Field(default_factory=dict,
                                          description="split/reject-mention: doc_id, local_id; "
                                                      "retype: type; set-entity: type, country")
    reason: str = ""
    author: str | None = None


class ErrorOut(BaseModel):
    detail: Any

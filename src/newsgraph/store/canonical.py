"""The canonical layer's side of the store: what resolution reads, and the one write that
replaces the layer.

    with store.resolution() as tx:           # one transaction
        docs = tx.documents()                # DocumentInput per stored document
        entities = tx.entities()             # EntityRecord per stored entity (with name aliases)
        events = tx.events()                 # EventRecord per stored event
        ...                                  # cluster (newsgraph.resolve)
        tx.replace(layer)                    # CanonicalLayer: the new canonical rows and links

Records are plain dataclasses; nothing outside ``store`` sees a table object.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, literal, select, update
from sqlalchemy.orm import Session

from .keys import display_key
from .schema import (
    CanonicalEntity,
    CanonicalEvent,
    DocumentRow,
    EntityAlias,
    EntityRow,
    EventParticipant,
    EventRow,
    Evidence,
    MentionRow,
    StoryRow,
)


@dataclass
class DocumentInput:
    doc_id: str
    published: str | None
    title: str | None
    minhash: bytes | None
    story_id: str | None
    duplicate_of: str | None


@dataclass
class EntityRecord:
    row: int  # the stored row's key (stable within one resolution)
    doc_id: str
    local_id: str
    name: str
    type: str
    country: str | None
    sector: str | None
    kb_id: str | None
    titles: list[str]
    aliases: list[str]  # texts of its name mentions, sorted
    canonical_id: str | None


@dataclass
class EventRecord:
    row: int
    doc_id: str
    local_id: str
    type: str
    actors: list[str]
    recipients: list[str]
    modality: str
    mode: str | None
    contexts: list[str]
    date: dict | None
    location: str | None
    location_inferred: bool
    trigger: dict | None
    canonical_id: str | None


@dataclass
class CanonicalLayer:
    """Everything resolution writes: canonical rows (dicts keyed by the fields named below) and
    where each stored entity row, event row and document now points."""

    # id name type country sector kb_id aliases titles n_documents n_mentions
    entities: list[dict[str, Any]] = field(default_factory=list)
    # id type mode contexts actors recipients date_value date_text sort_date location modality status history
    # n_mentions n_documents
    events: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)  # kind canonical_id doc_id local_id reason detail
    # id title first_published last_published n_documents evidence
    stories: list[dict[str, Any]] = field(default_factory=list)
    entity_of_row: Mapping[int, str | None] = field(default_factory=dict)
    event_of_row: Mapping[int, str | None] = field(default_factory=dict)
    story_of_document: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # (story, duplicate_of)


class ResolutionTransaction:
    def __init__(self, session: Session):
        self.s = session
        self._documents: list[DocumentInput] = []
        self._entities: list[EntityRecord] = []
        self._events: list[EventRecord] = []

    def documents(self) -> list[DocumentInput]:
        self._documents = [DocumentInput(*r) for r in self.s.execute(select(
            DocumentRow.doc_id, DocumentRow.published, DocumentRow.title, DocumentRow.minhash,
            DocumentRow.story_id, DocumentRow.duplicate_of))]
        return self._documents

    def entities(self) -> list[EntityRecord]:
        aliases: dict[int, set[str]] = defaultdict(set)
        for pk, text in self.s.execute(select(MentionRow.entity_row, MentionRow.text).where(MentionRow.kind == "name")):
            aliases[pk].add(text)
        self._entities = [EntityRecord(
            row=r.id, doc_id=r.doc_id, local_id=r.local_id, name=r.name, type=r.type, country=r.country,
            sector=r.sector, kb_id=r.kb_id, titles=r.titles or [], aliases=sorted(aliases.get(r.id, ())),
            canonical_id=r.canonical_id,
        ) for r in self.s.execute(select(
            EntityRow.id, EntityRow.doc_id, EntityRow.local_id, EntityRow.name, EntityRow.type,
            EntityRow.country, EntityRow.sector, EntityRow.kb_id, EntityRow.titles, EntityRow.canonical_id))]
        return self._entities

    def events(self) -> list[EventRecord]:
        self._events = [EventRecord(
            row=r.id, doc_id=r.doc_id, local_id=r.local_id, type=r.type, actors=r.actors or [],
            recipients=r.recipients or [], modality=r.modality, mode=r.mode, contexts=r.contexts or [],
            date=r.date, location=r.location, location_inferred=r.location_inferred, trigger=r.trigger,
            canonical_id=r.canonical_id,
        ) for r in self.s.execute(select(
            EventRow.id, EventRow.doc_id, EventRow.local_id, EventRow.type, EventRow.actors,
            EventRow.recipients, EventRow.modality, EventRow.mode, EventRow.contexts, EventRow.date,
            EventRow.location, EventRow.location_inferred, EventRow.trigger, EventRow.canonical_id))]
        return self._events

    def replace(self, layer: CanonicalLayer) -> None:
        """Rewrite the canonical layer; per-document rows are repointed where that changed."""
        conn = self.s.connection()  # Core executemany: the canonical layer is rewritten in bulk
        for table in (CanonicalEntity, EntityAlias, CanonicalEvent, EventParticipant, Evidence, StoryRow):
            self.s.execute(delete(table))

        def insert(model: Any, rows: list[dict]) -> None:
            if rows:
                conn.execute(model.__table__.insert(), rows)

        insert(CanonicalEntity, [{**e, "norm_name": display_key(e["name"], e["type"])} for e in layer.entities])
        insert(EntityAlias, [dict(alias=a, entity_id=e["id"]) for e in layer.entities for a in e["aliases"]])
        insert(CanonicalEvent, layer.events)
        insert(EventParticipant, [dict(event_id=v["id"], entity_id=a, role="actor")
                                  for v in layer.events for a in v["actors"]]
               + [dict(event_id=v["id"], entity_id=r, role="recipient") for v in layer.events for r in v["recipients"]])
        insert(Evidence, layer.evidence)
        insert(StoryRow, layer.stories)
        self._repoint(layer)

    def _repoint(self, layer: CanonicalLayer) -> None:
        changed = [{"id": r.row, "canonical_id": layer.entity_of_row.get(r.row)} for r in self._entities
                   if r.canonical_id != layer.entity_of_row.get(r.row)]
        if changed:
            self.s.execute(update(EntityRow), changed)
        changed = [{"id": r.row, "canonical_id": layer.event_of_row.get(r.row)} for r in self._events
                   if r.canonical_id != layer.event_of_row.get(r.row)]
        if changed:
            self.s.execute(update(EventRow), changed)
        changed_docs = [{"doc_id": d.doc_id, "story_id": layer.story_of_document[d.doc_id][0],
                         "duplicate_of": layer.story_of_document[d.doc_id][1]}
                        for d in self._documents
                        if (d.story_id, d.duplicate_of) != layer.story_of_document.get(d.doc_id)]
        if changed_docs:
            self.s.execute(update(DocumentRow), changed_docs)


def needs_resolution(s: Session) -> bool:
    """True when some stored row has no canonical record yet (e.g. after an interrupted ingest)."""
    for column in (EntityRow.canonical_id, EventRow.canonical_id, DocumentRow.story_id):
        if s.scalar(select(literal(1)).where(column.is_(None)).limit(1)) is not None:
            return True
    known = set(s.scalars(select(Evidence.doc_id).distinct()))
    with_facts = (set(s.scalars(select(EntityRow.doc_id).distinct()))
                  | set(s.scalars(select(EventRow.doc_id).distinct())))
    return known != with_facts

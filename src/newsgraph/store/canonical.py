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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, delete, func, literal, or_, select, update
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
    ResolutionDirty,
    ResolutionKey,
    StoryRow,
)

CHUNK = 500  # ids per IN (...) list


@dataclass
class DocumentInput:
    doc_id: str
    published: str | None
    title: str | None
    minhash: bytes | None
    story_id: str | None
    duplicate_of: str | None
    source: str | None = None  # source path (else URL): what stays the same when the article is edited


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
    keys: list[dict[str, str]] = field(default_factory=list)  # blocking keys: kind key ref
    # incremental, stories that only grew: old story id -> the story its unread documents now belong to
    story_renames: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class StoredEvent:
    """A canonical event as the store holds it: its row and (doc, local id, reason, detail) of
    each member's evidence."""
    record: dict[str, Any]
    evidence: frozenset[tuple[str, str, str, str]]


def entity_ids(facts: Iterable[tuple[str, str, str | None, str]]) -> dict[tuple[str, str], str | None]:
    """(doc, local entity id) -> canonical entity id, from :meth:`ResolutionTransaction.entity_facts`."""
    return {(doc, local): cid for doc, local, cid, _type in facts}


def _chunks(values: Iterable[Any]) -> list[list[Any]]:
    ordered = sorted(values)
    return [ordered[i:i + CHUNK] for i in range(0, len(ordered), CHUNK)]


class ResolutionTransaction:
    def __init__(self, session: Session):
        self.s = session
        self._documents: list[DocumentInput] = []
        self._entities: list[EntityRecord] = []
        self._events: list[EventRecord] = []

    def documents(self, doc_ids: set[str] | None = None,
                  known: dict[str, DocumentInput] | None = None) -> list[DocumentInput]:
        """Every stored document, or those named (``doc_ids``); the rows of the last call are the
        documents whose story the layer writes.  ``known`` (doc id -> row, read earlier in this
        transaction) saves reading a row again: only the others are read, and added to it."""
        if known is None or doc_ids is None:
            self._documents = self._document_rows(doc_ids)
        else:
            known.update((d.doc_id, d) for d in self._document_rows(doc_ids - known.keys()))
            self._documents = [known[d] for d in sorted(doc_ids) if d in known]
        return self._documents

    def _document_rows(self, doc_ids: set[str] | None) -> list[DocumentInput]:
        query = select(DocumentRow.doc_id, DocumentRow.published, DocumentRow.title, DocumentRow.minhash,
                       DocumentRow.story_id, DocumentRow.duplicate_of, DocumentRow.source_path, DocumentRow.url)
        return [DocumentInput(doc_id=r[0], published=r[1], title=r[2], minhash=r[3], story_id=r[4],
                              duplicate_of=r[5], source=r[6] or r[7])
                for r in self._where(query, DocumentRow.doc_id, doc_ids)]

    def last_events(self) -> list[EventRecord]:
        """The event rows the last call of :meth:`events` read, and those :meth:`more_events` added."""
        return self._events

    def _where(self, query: Any, column: Any, values: set[str] | set[int] | None,
               extra: ColumnElement | None = None) -> list:
        """Rows of ``query``, all of them (``values`` None) or those whose ``column`` is in ``values``
        (or that match ``extra``)."""
        if values is None:
            return list(self.s.execute(query))
        out = [r for chunk in _chunks(values) for r in self.s.execute(query.where(column.in_(chunk)))]
        if extra is not None:
            out += list(self.s.execute(query.where(extra)))
        return out

    def entities(self, canonical_ids: set[str] | None = None) -> list[EntityRecord]:
        """Every stored entity, or (incremental) those of the named canonical entities and those
        with none yet."""
        query = select(
            EntityRow.id, EntityRow.doc_id, EntityRow.local_id, EntityRow.name, EntityRow.type,
            EntityRow.country, EntityRow.sector, EntityRow.kb_id, EntityRow.titles, EntityRow.canonical_id)
        rows = self._where(query, EntityRow.canonical_id, canonical_ids,
                           EntityRow.canonical_id.is_(None) if canonical_ids is not None else None)
        aliases: dict[int, set[str]] = defaultdict(set)
        names = select(MentionRow.entity_row, MentionRow.text).where(MentionRow.kind == "name")
        wanted = None if canonical_ids is None else {r.id for r in rows}
        for pk, text in self._where(names, MentionRow.entity_row, wanted):
            aliases[pk].add(text)
        self._entities = [EntityRecord(
            row=r.id, doc_id=r.doc_id, local_id=r.local_id, name=r.name, type=r.type, country=r.country,
            sector=r.sector, kb_id=r.kb_id, titles=r.titles or [], aliases=sorted(aliases.get(r.id, ())),
            canonical_id=r.canonical_id,
        ) for r in rows]
        return self._entities

    def events(self, canonical_ids: set[str] | None = None, doc_ids: set[str] | None = None) -> list[EventRecord]:
        """Every stored event, or (incremental) those of the named canonical events, of the named
        documents, and those with none yet."""
        query = self._event_query()
        if canonical_ids is None:
            rows = self._where(query, EventRow.canonical_id, None)
        else:
            rows = self._where(query, EventRow.canonical_id, canonical_ids, EventRow.canonical_id.is_(None))
            seen = {r.id for r in rows}
            rows += [r for r in self._where(query, EventRow.doc_id, doc_ids or set()) if r.id not in seen]
        self._events = [self._event_record(r) for r in rows]
        return list(self._events)

    def more_events(self, canonical_ids: set[str]) -> list[EventRecord]:
        """Incremental: the rows of more canonical events, added to those :meth:`events` read
        (the rows the canonical layer written next may repoint); only rows not read already."""
        seen = {r.row for r in self._events}
        more = [self._event_record(r) for r in self._where(self._event_query(), EventRow.canonical_id, canonical_ids)
                if r.id not in seen]
        self._events += more
        return more

    @staticmethod
    def _event_query() -> Any:
        return select(
            EventRow.id, EventRow.doc_id, EventRow.local_id, EventRow.type, EventRow.actors,
            EventRow.recipients, EventRow.modality, EventRow.mode, EventRow.contexts, EventRow.date,
            EventRow.location, EventRow.location_inferred, EventRow.trigger, EventRow.canonical_id)

    @staticmethod
    def _event_record(r: Any) -> EventRecord:
        return EventRecord(
            row=r.id, doc_id=r.doc_id, local_id=r.local_id, type=r.type, actors=r.actors or [],
            recipients=r.recipients or [], modality=r.modality, mode=r.mode, contexts=r.contexts or [],
            date=r.date, location=r.location, location_inferred=r.location_inferred, trigger=r.trigger,
            canonical_id=r.canonical_id)

    # -- incremental resolution: what changed, and the blocking keys -------------------------------

    def dirty(self) -> dict[str, set[str]]:
        """Canonical records (entity, event, story) and documents that lost facts since the last
        resolution: ``{kind: {ref}}``."""
        out: dict[str, set[str]] = defaultdict(set)
        for kind, ref in self.s.execute(select(ResolutionDirty.kind, ResolutionDirty.ref)):
            out[kind].add(ref)
        return out

    def refs_of_keys(self, kind: str, keys: set[str], prefixes: set[str] = frozenset()) -> set[str]:  # type: ignore[assignment]
        """Canonical ids (or doc ids, for bands) holding any of ``keys`` (or a key starting with a prefix)."""
        base = select(ResolutionKey.ref).where(ResolutionKey.kind == kind)
        out = {r for chunk in _chunks(keys) for r in self.s.scalars(base.where(ResolutionKey.key.in_(chunk)))}
        for chunk in _chunks(prefixes):  # SQLite: an OR of a thousand terms is too deep an expression
            out |= set(self.s.scalars(base.where(or_(*(ResolutionKey.key.startswith(p, autoescape=True)
                                                         for p in chunk)))))
        return out

    def new_documents(self) -> set[str]:
        return set(self.s.scalars(select(DocumentRow.doc_id).where(DocumentRow.story_id.is_(None))))

    def documents_of_stories(self, story_ids: set[str]) -> set[str]:
        return {r[0] for r in self._where(select(DocumentRow.doc_id), DocumentRow.story_id, story_ids)}

    def signatures(self, doc_ids: set[str]) -> dict[str, bytes]:
        """doc id -> its MinHash signature, for the named documents that have one."""
        query = select(DocumentRow.doc_id, DocumentRow.minhash)
        return {r[0]: r[1] for r in self._where(query, DocumentRow.doc_id, doc_ids) if r[1]}

    def copies_of(self, originals: set[str]) -> set[str]:
        """Documents stored as near-copies of one of ``originals``."""
        return {r[0] for r in self._where(select(DocumentRow.doc_id), DocumentRow.duplicate_of, originals)}

    def story_rows(self, story_ids: set[str]) -> dict[str, dict[str, Any]]:
        """story id -> its stored row (title, first_published, last_published, n_documents, evidence)."""
        query = select(StoryRow.id, StoryRow.title, StoryRow.first_published, StoryRow.last_published,
                       StoryRow.n_documents, StoryRow.evidence)
        return {r[0]: dict(id=r[0], title=r[1], first_published=r[2], last_published=r[3], n_documents=r[4],
                           evidence=r[5] or []) for r in self._where(query, StoryRow.id, story_ids)}

    def story_extent(self, story_id: str, leaving: set[str]) -> dict[str, Any]:
        """A stored story's title, first_published and last_published once the ``leaving``
        documents are taken out of it (its title is its earliest document's, as in a full pass)."""
        if len(leaving) > CHUNK:  # too many to name in one query: the story's rows are read
            return self._story_extent_read(story_id, leaving)
        kept = DocumentRow.story_id == story_id
        if leaving:
            kept = kept & DocumentRow.doc_id.not_in(sorted(leaving))
        dated = kept & DocumentRow.published.is_not(None) & (DocumentRow.published != "")
        first, last = self.s.execute(select(func.min(DocumentRow.published), func.max(DocumentRow.published))
                                     .where(dated)).one()
        # the earliest document (undated ones last), ties broken here: a server's collation may
        # order doc ids otherwise than Python does
        earliest = DocumentRow.published == first if first is not None else kept
        tied = self.s.execute(select(DocumentRow.doc_id, DocumentRow.title).where(kept & earliest)).all()
        title = min(tied, key=lambda r: r[0])[1] if tied else None
        return dict(title=title, first_published=first, last_published=last)

    def _story_extent_read(self, story_id: str, leaving: set[str]) -> dict[str, Any]:
        kept = select(DocumentRow.doc_id, DocumentRow.published, DocumentRow.title).where(
            DocumentRow.story_id == story_id)
        rows = [r for r in self.s.execute(kept) if r[0] not in leaving]
        first = min(rows, key=lambda r: (r[1] or "9999", r[0]), default=None)
        dates = [r[1] for r in rows if r[1]]
        return dict(title=first[2] if first else None, first_published=min(dates, default=None),
                    last_published=max(dates, default=None))

    def documents_of_entities(self, canonical_ids: set[str]) -> set[str]:
        query = select(EntityRow.doc_id).distinct()
        return {r[0] for r in self._where(query, EntityRow.canonical_id, canonical_ids)}

    def documents_of_events(self, canonical_ids: set[str]) -> set[str]:
        query = select(EventRow.doc_id).distinct()
        return {r[0] for r in self._where(query, EventRow.canonical_id, canonical_ids)}

    def document_facts(self, doc_ids: set[str]) -> tuple[list[tuple[str, str | None, str]], list[tuple[str, str]]]:
        """(doc, canonical entity, type) and (doc, canonical event) pairs of the named documents."""
        return [(d, cid, t) for d, _local, cid, t in self.entity_facts(doc_ids)], self.event_facts(doc_ids)

    def entity_facts(self, doc_ids: set[str]) -> list[tuple[str, str, str | None, str]]:
        """(doc, local entity id, canonical entity, type) of each entity of the named documents."""
        query = select(EntityRow.doc_id, EntityRow.local_id, EntityRow.canonical_id, EntityRow.type)
        return [(r[0], r[1], r[2], r[3]) for r in self._where(query, EntityRow.doc_id, doc_ids)]

    def event_facts(self, doc_ids: set[str]) -> list[tuple[str, str]]:
        """(doc, canonical event) of each event of the named documents."""
        query = select(EventRow.doc_id, EventRow.canonical_id)
        return [(r[0], r[1]) for r in self._where(query, EventRow.doc_id, doc_ids)]

    def entity_ids_of_documents(self, doc_ids: set[str]) -> dict[tuple[str, str], str | None]:
        """(doc, local entity id) -> canonical entity id, for the named documents."""
        return entity_ids(self.entity_facts(doc_ids))

    def entity_summaries(self, canonical_ids: set[str]) -> dict[str, tuple[str, str, str | None]]:
        """canonical entity id -> (name, type, country)."""
        query = select(CanonicalEntity.id, CanonicalEntity.name, CanonicalEntity.type, CanonicalEntity.country)
        return {r[0]: (r[1], r[2], r[3]) for r in self._where(query, CanonicalEntity.id, canonical_ids)}

    def refs_by_key(self, kind: str, keys: set[str]) -> dict[str, set[str]]:
        """key -> the canonical ids (or doc ids) holding it."""
        out: dict[str, set[str]] = defaultdict(set)
        query = select(ResolutionKey.key, ResolutionKey.ref).where(ResolutionKey.kind == kind)
        for chunk in _chunks(keys):
            for key, ref in self.s.execute(query.where(ResolutionKey.key.in_(chunk))):
                out[key].add(ref)
        return out

    def entity_tallies(self, canonical_ids: set[str]) -> dict[str, dict[str, Any]]:
        """canonical entity id -> its row (with ``tally``), for adding members in place."""
        query = select(CanonicalEntity)
        return {r.id: {c.name: getattr(r, c.name) for c in CanonicalEntity.__table__.columns}
                for chunk in _chunks(canonical_ids) for r in self.s.scalars(query.where(CanonicalEntity.id.in_(chunk)))}

    def add_entity_members(self, rows: list[dict[str, Any]], evidence: list[dict[str, Any]],
                           entity_of_row: dict[int, str], keys: list[dict[str, str]]) -> None:
        """Incremental: canonical entities that only gained members, rewritten in place (``rows``:
        full canonical rows), with their new members' evidence, rows and keys."""
        if not rows:
            return
        ids = {r["id"] for r in rows}
        for table, column in ((CanonicalEntity, CanonicalEntity.id), (EntityAlias, EntityAlias.entity_id)):
            for chunk in _chunks(ids):
                self.s.execute(delete(table).where(column.in_(chunk)))
        self._insert_layer(CanonicalLayer(entities=rows, evidence=evidence, keys=keys, entity_of_row=entity_of_row))

    def documents_naming(self, canonical_ids: set[str]) -> list[tuple[str, str, str | None]]:
        """(canonical entity, doc, published) for every stored document naming one of them."""
        query = select(EntityRow.canonical_id, EntityRow.doc_id, DocumentRow.published).join(
            DocumentRow, DocumentRow.doc_id == EntityRow.doc_id).distinct()
        return [(r[0], r[1], r[2]) for r in self._where(query, EntityRow.canonical_id, canonical_ids)]

    def entity_document_counts(self, canonical_ids: set[str]) -> dict[str, int]:
        query = select(CanonicalEntity.id, CanonicalEntity.n_documents)
        return {r[0]: r[1] for r in self._where(query, CanonicalEntity.id, canonical_ids)}

    def stored_events(self, canonical_ids: set[str]) -> dict[str, StoredEvent]:
        """canonical event id -> its row and evidence as stored."""
        query = select(*CanonicalEvent.__table__.columns)
        records = {r.id: dict(r._mapping) for r in self._where(query, CanonicalEvent.id, canonical_ids)}
        evidence: dict[str, set[tuple[str, str, str, str]]] = defaultdict(set)
        evidence_query = select(Evidence.canonical_id, Evidence.doc_id, Evidence.local_id, Evidence.reason,
                                Evidence.detail).where(Evidence.kind == "event")
        for r in self._where(evidence_query, Evidence.canonical_id, set(records)):
            evidence[r[0]].add((r[1], r[2], r[3], r[4]))
        return {cid: StoredEvent(record, frozenset(evidence[cid])) for cid, record in records.items()}

    def event_document_counts(self, canonical_ids: set[str]) -> dict[str, int]:
        query = select(CanonicalEvent.id, CanonicalEvent.n_documents)
        return {r[0]: r[1] for r in self._where(query, CanonicalEvent.id, canonical_ids)}

    def canonical_ids(self) -> tuple[set[str], set[str], set[str]]:
        """Every canonical entity, event and story id now stored."""
        return (set(self.s.scalars(select(CanonicalEntity.id))), set(self.s.scalars(select(CanonicalEvent.id))),
                set(self.s.scalars(select(StoryRow.id))))

    def count_documents(self) -> int:
        return len(list(self.s.scalars(select(DocumentRow.doc_id))))

    def replace(self, layer: CanonicalLayer) -> None:
        """Rewrite the canonical layer; per-document rows are repointed where that changed."""
        for table in (CanonicalEntity, EntityAlias, CanonicalEvent, EventParticipant, Evidence, StoryRow,
                      ResolutionKey, ResolutionDirty):
            self.s.execute(delete(table))
        self._insert_layer(layer)

    def update(self, layer: CanonicalLayer, entities: set[str], events: set[str], stories: set[str],
               documents: set[str]) -> None:
        """Incremental: drop the named canonical entities, events and stories (and the band keys of
        the named documents), then write ``layer``, which replaces them."""
        for table, column, ids in (
                (CanonicalEntity, CanonicalEntity.id, entities), (EntityAlias, EntityAlias.entity_id, entities),
                (CanonicalEvent, CanonicalEvent.id, events), (EventParticipant, EventParticipant.event_id, events),
                (Evidence, Evidence.canonical_id, entities | events), (StoryRow, StoryRow.id, stories),
                (ResolutionKey, ResolutionKey.ref, entities | events | documents)):
            for chunk in _chunks(ids):
                self.s.execute(delete(table).where(column.in_(chunk)))
        self.s.execute(delete(ResolutionDirty))
        for old, new in sorted(layer.story_renames.items()):
            self.s.execute(update(DocumentRow).where(DocumentRow.story_id == old).values(story_id=new))
        self._insert_layer(layer)

    def _insert_layer(self, layer: CanonicalLayer) -> None:
        conn = self.s.connection()  # Core executemany: the canonical layer is written in bulk

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
        insert(ResolutionKey, layer.keys)
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
        renamed = layer.story_renames  # applied before (update): a read document may be in another story now
        changed_docs = [{"doc_id": d.doc_id, "story_id": layer.story_of_document[d.doc_id][0],
                         "duplicate_of": layer.story_of_document[d.doc_id][1]}
                        for d in self._documents
                        if (renamed.get(d.story_id or "", d.story_id), d.duplicate_of)
                        != layer.story_of_document.get(d.doc_id)]
        if changed_docs:
            self.s.execute(update(DocumentRow), changed_docs)


def needs_resolution(s: Session) -> bool:
    """True when some stored row has no canonical record yet (e.g. after an interrupted ingest)."""
    for column in (EntityRow.canonical_id, EventRow.canonical_id, DocumentRow.story_id):
        if s.scalar(select(literal(1)).where(column.is_(None)).limit(1)) is not None:
            return True
    if s.scalar(select(literal(1)).select_from(ResolutionDirty).limit(1)) is not None:
        return True
    known = set(s.scalars(select(Evidence.doc_id).distinct()))
    with_facts = (set(s.scalars(select(EntityRow.doc_id).distinct()))
                  | set(s.scalars(select(EventRow.doc_id).distinct())))
    return known != with_facts

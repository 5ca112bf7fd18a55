"""Reading the stored corpus: the one place the queries and exports meet the tables.

``store.read`` is a :class:`StoreReader`.  Every method returns plain values (dicts, lists,
tuples), JSON-ready where they are records; nothing outside ``store`` sees a table object.
Canonical entities and events come as the dicts :meth:`StoreReader.canonical_entities` and
:meth:`StoreReader.canonical_events` describe; per-document facts as dicts of their fields.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, or_, select, text

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
    QuoteRow,
    RelationRow,
    StoryRow,
)

if TYPE_CHECKING:
    from . import Store

_ENTITY_FIELDS = ("id", "name", "type", "country", "sector", "kb_id", "aliases", "titles", "n_documents", "n_mentions")
_EVENT_FIELDS = ("id", "type", "mode", "contexts", "actors", "recipients", "date_value", "date_text", "sort_date",
                 "location", "modality", "status", "history", "n_mentions", "n_documents")
_QUOTE_FIELDS = ("doc_id", "start", "end", "text", "kind", "speaker", "speaker_text", "cue", "rule")


def _fields(row: Any, names: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(row, name) for name in names}


class StoreReader:
    def __init__(self, store: Store):
        self.store = store

    # -- canonical entities ---------------------------------------------------------------

    def entity_ids_named(self, name: str) -> set[str]:
        """Canonical entities with ``name`` among their aliases (normalised as in resolution);
        failing that, for a one-word name, those with it as first or last alias word."""
        key = display_key(name, "PERSON") or display_key(name)
        keys = {key, display_key(name)} - {""}
        with self.store.session() as s:
            ids = set(s.scalars(select(EntityAlias.entity_id).where(EntityAlias.alias.in_(keys))))
            if not ids and key and len(key.split()) == 1:
                ids = set(s.scalars(select(EntityAlias.entity_id).where(or_(
                    EntityAlias.alias.like(f"% {key}"), EntityAlias.alias.like(f"{key} %")))))
        return ids

    def canonical_entities(self, ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Canonical entities (all, or those in ``ids``) ordered by id: id, name, type, country,
        sector, kb_id, aliases, titles, n_documents, n_mentions."""
        query = select(CanonicalEntity).order_by(CanonicalEntity.id)
        if ids is not None:
            query = query.where(CanonicalEntity.id.in_(set(ids)))
        with self.store.session() as s:
            return [_fields(r, _ENTITY_FIELDS) for r in s.scalars(query)]

    def entity_names(self, ids: Iterable[str | None]) -> dict[str, str]:
        wanted = set(ids) - {None}
        if not wanted:
            return {}
        with self.store.session() as s:
            return dict(s.execute(select(CanonicalEntity.id, CanonicalEntity.name)
                                  .where(CanonicalEntity.id.in_(wanted))).all())

    def entity_members(self, canonical_id: str) -> list[dict[str, Any]]:
        """The documents' entities resolved to ``canonical_id``, with their document's date."""
        with self.store.session() as s:
            return [r._asdict() for r in s.execute(
                select(EntityRow.doc_id, EntityRow.local_id, EntityRow.titles, EntityRow.former_titles,
                       EntityRow.affiliations, DocumentRow.published)
                .join(DocumentRow, DocumentRow.doc_id == EntityRow.doc_id)
                .where(EntityRow.canonical_id == canonical_id))]

    def canonical_of_locals(self, doc_id: str, local_ids: Iterable[str]) -> dict[str, str | None]:
        """Local entity id -> canonical id, for some entities of one document."""
        with self.store.session() as s:
            return dict(s.execute(select(EntityRow.local_id, EntityRow.canonical_id)
                                  .where(EntityRow.doc_id == doc_id, EntityRow.local_id.in_(set(local_ids)))).all())

    def entity_canonical_map(self) -> dict[tuple[str, str], str | None]:
        """(doc_id, local entity id) -> canonical entity id, for every stored entity."""
        with self.store.session() as s:
            return {(d, lid): c for d, lid, c in s.execute(
                select(EntityRow.doc_id, EntityRow.local_id, EntityRow.canonical_id))}

    def entity_affiliations(self) -> list[tuple[str, str | None, list[str]]]:
        """(doc_id, canonical id, affiliations as local ids) for every stored entity."""
        with self.store.session() as s:
            return [(d, c, a or []) for d, c, a in s.execute(
                select(EntityRow.doc_id, EntityRow.canonical_id, EntityRow.affiliations))]

    def canonical_mentions(self) -> dict[str | None, list[dict[str, Any]]]:
        """Canonical entity id -> its mentions {doc_id, start, end, text, kind}, by document and offset."""
        mentions: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
        with self.store.session() as s:
            for cid, doc_id, start, end, text_, kind in s.execute(
                    select(EntityRow.canonical_id, MentionRow.doc_id, MentionRow.start, MentionRow.end,
                           MentionRow.text, MentionRow.kind).join(EntityRow, EntityRow.id == MentionRow.entity_row)
                    .order_by(MentionRow.doc_id, MentionRow.start)):
                mentions[cid].append({"doc_id": doc_id, "start": start, "end": end, "text": text_, "kind": kind})
        return mentions

    def co_actor_counts(self, entity_id: str) -> dict[str, int]:
        """Other canonical entities -> how many of ``entity_id``'s canonical events they take part in."""
        with self.store.session() as s:
            event_ids = select(EventParticipant.event_id).where(EventParticipant.entity_id == entity_id)
            return dict(s.execute(
                select(EventParticipant.entity_id, func.count(func.distinct(EventParticipant.event_id)))
                .where(EventParticipant.event_id.in_(event_ids), EventParticipant.entity_id != entity_id)
                .group_by(EventParticipant.entity_id)).all())

    # -- canonical events -------------------------------------------------------------------

    def canonical_events(self, participants: Iterable[str] = (), type: str | None = None,
                         since: str | None = None, until: str | None = None, limit: int | None = None,
                         undated_last: bool = True) -> list[dict[str, Any]]:
        """Canonical events in which every one of ``participants`` takes part, of ``type``, with
        ``since <= sort_date <= until`` (string prefixes), ordered by sort_date (undated last, or
        first as SQL sorts NULL) then id: id, type, mode, contexts, actors, recipients, date_value,
        date_text, sort_date, location, modality, status, history, n_mentions, n_documents."""
        query = select(CanonicalEvent)
        for entity_id in participants:
            part = select(EventParticipant.event_id).where(EventParticipant.entity_id == entity_id)
            query = query.where(CanonicalEvent.id.in_(part))
        if type:
            query = query.where(CanonicalEvent.type == type)
        if since:
            query = query.where(CanonicalEvent.sort_date >= since)
        if until:
            query = query.where(CanonicalEvent.sort_date <= until + "\uffff")
        if undated_last:
            query = query.order_by(CanonicalEvent.sort_date.is_(None), CanonicalEvent.sort_date, CanonicalEvent.id)
        else:
            query = query.order_by(CanonicalEvent.sort_date, CanonicalEvent.id)
        if limit:
            query = query.limit(limit)
        with self.store.session() as s:
            return [_fields(r, _EVENT_FIELDS) for r in s.scalars(query)]

    def event_mentions(self, canonical_ids: Iterable[str] | None = None,
                       by_published: bool = False) -> list[dict[str, Any]]:
        """Stored events (all, or those resolved to ``canonical_ids``): canonical_id, doc_id,
        local_id, trigger, sentence, modality, rule, published; ordered by document and row, or
        with ``by_published`` by the document's date first."""
        query = (select(EventRow.canonical_id, EventRow.doc_id, EventRow.local_id, EventRow.modality,
                        EventRow.trigger, EventRow.sentence, EventRow.rule, DocumentRow.published)
                 .join(DocumentRow, DocumentRow.doc_id == EventRow.doc_id))
        if canonical_ids is not None:
            query = query.where(EventRow.canonical_id.in_(list(canonical_ids)))
        if by_published:
            query = query.order_by(DocumentRow.published, EventRow.doc_id, EventRow.id)
        else:
            query = query.order_by(EventRow.doc_id, EventRow.id)
        with self.store.session() as s:
            return [r._asdict() for r in s.execute(query)]

    def event_canonical_map(self) -> dict[tuple[str, str], str | None]:
        """(doc_id, local event id) -> canonical event id, for every stored event."""
        with self.store.session() as s:
            return {(d, lid): c for d, lid, c in s.execute(
                select(EventRow.doc_id, EventRow.local_id, EventRow.canonical_id))}

    # -- evidence, relations, quotes --------------------------------------------------------------

    def evidence(self, kind: str, canonical_id: str | None = None) -> list[dict[str, Any]]:
        """Resolution evidence rows of ``kind`` (entity | event): canonical_id, doc_id, local_id,
        reason, detail; for one canonical record ordered by document and local id, else as written."""
        query = select(Evidence).where(Evidence.kind == kind)
        if canonical_id is None:
            query = query.order_by(Evidence.id)
        else:
            query = query.where(Evidence.canonical_id == canonical_id).order_by(Evidence.doc_id, Evidence.local_id)
        with self.store.session() as s:
            return [_fields(r, ("canonical_id", "doc_id", "local_id", "reason", "detail")) for r in s.scalars(query)]

    def relations(self, doc_ids: Iterable[str], predicates: Iterable[str]) -> list[dict[str, Any]]:
        """Relations (doc_id, subject, predicate, object) of some documents with some predicates."""
        with self.store.session() as s:
            return [r._asdict() for r in s.execute(
                select(RelationRow.doc_id, RelationRow.subject, RelationRow.predicate, RelationRow.object)
                .where(RelationRow.doc_id.in_(list(doc_ids)), RelationRow.predicate.in_(list(predicates))))]

    def quotes(self, speaker: str | None = None, speaker_text_like: str | None = None) -> list[dict[str, Any]]:
        """Quotes with the document's ``published`` date, oldest first: those whose speaker is
        resolved to the canonical entity ``speaker``, or whose speaker text contains
        ``speaker_text_like`` (case-insensitive).  ``speaker`` in each dict is the local id."""
        query = select(QuoteRow, DocumentRow.published).join(DocumentRow, DocumentRow.doc_id == QuoteRow.doc_id)
        if speaker is not None:
            query = query.join(EntityRow, and_(EntityRow.doc_id == QuoteRow.doc_id,
                                               EntityRow.local_id == QuoteRow.speaker)
                               ).where(EntityRow.canonical_id == speaker)
        if speaker_text_like is not None:
            query = query.where(QuoteRow.speaker_text.ilike(f"%{speaker_text_like}%"))
        query = query.order_by(DocumentRow.published, QuoteRow.doc_id, QuoteRow.start)
        with self.store.session() as s:
            return [{**_fields(q, _QUOTE_FIELDS), "published": published} for q, published in s.execute(query).all()]

    def quotes_with_canonical_speaker(self) -> list[dict[str, Any]]:
        """Every stored quote, by document and offset; ``speaker`` is the canonical entity id (or None)."""
        with self.store.session() as s:
            rows = s.execute(select(QuoteRow, EntityRow.canonical_id).outerjoin(
                EntityRow, and_(EntityRow.doc_id == QuoteRow.doc_id, EntityRow.local_id == QuoteRow.speaker))
                .order_by(QuoteRow.doc_id, QuoteRow.start)).all()
            return [{**_fields(q, _QUOTE_FIELDS), "speaker": cid} for q, cid in rows]

    # -- documents and stories ----------------------------------------------------------------

    def documents(self, by_published: bool = False, with_text: bool = False) -> list[dict[str, Any]]:
        """Stored documents' metadata (doc_id, title, published, source_path, url, publisher,
        story_id, duplicate_of, content_hash, warnings; ``text`` too when asked), ordered by id,
        or by date then id."""
        columns = [DocumentRow.doc_id, DocumentRow.title, DocumentRow.published, DocumentRow.source_path,
                   DocumentRow.url, DocumentRow.publisher, DocumentRow.story_id, DocumentRow.duplicate_of,
                   DocumentRow.content_hash, DocumentRow.warnings]
        if with_text:
            columns.append(DocumentRow.text)
        order = (DocumentRow.published, DocumentRow.doc_id) if by_published else (DocumentRow.doc_id,)
        with self.store.session() as s:
            return [r._asdict() for r in s.execute(select(*columns).order_by(*order))]

    def unordered_documents(self) -> list[dict[str, Any]]:
        """doc_id, title, published, story_id of every document, in storage order."""
        with self.store.session() as s:
            return [r._asdict() for r in s.execute(
                select(DocumentRow.doc_id, DocumentRow.title, DocumentRow.published, DocumentRow.story_id))]

    def stories(self) -> list[dict[str, Any]]:
        """Stories by first publication: id, title, first_published, last_published, evidence."""
        with self.store.session() as s:
            return [_fields(r, ("id", "title", "first_published", "last_published", "evidence"))
                    for r in s.scalars(select(StoryRow).order_by(StoryRow.first_published, StoryRow.id))]

    # -- full text ------------------------------------------------------------------------------

    def search(self, words: list[str], limit: int) -> dict[str, list[dict[str, Any]]]:
        """Documents and quotes containing every word: FTS5 on SQLite, ranked by BM25; on
        PostgreSQL the ``search_vector`` columns (GIN-indexed ``tsvector``, migration 0003),
        ranked by ts_rank_cd; a plain substring match elsewhere, without snippets."""
        docs: Sequence[Any]
        quotes: Sequence[Any]
        with self.store.session() as s:
            if self.store.is_sqlite:
                match = " ".join('"' + w.replace('"', '') + '"' for w in words)
                docs = s.execute(text(
                    "SELECT f.doc_id, d.title, d.published, snippet(documents_fts, 2, '[', ']', '…', 12) "
                    "FROM documents_fts f JOIN documents d ON d.doc_id = f.doc_id "
                    "WHERE documents_fts MATCH :m ORDER BY rank LIMIT :n"), {"m": match, "n": limit}).all()
                quotes = s.execute(text(
                    "SELECT q.quote_id, q.doc_id, q.speaker, q.text FROM quotes_fts q "
                    "WHERE quotes_fts MATCH :m ORDER BY rank LIMIT :n"), {"m": match, "n": limit}).all()
            elif self.store.dialect == "postgresql":
                docs, quotes = self._search_postgres(s, words, limit)
            else:
                cond = and_(*[DocumentRow.text.ilike(f"%{w}%") for w in words])
                docs = [(*r, None) for r in s.execute(select(DocumentRow.doc_id, DocumentRow.title,
                                                             DocumentRow.published).where(cond).limit(limit)).all()]
                qcond = and_(*[QuoteRow.text.ilike(f"%{w}%") for w in words])
                quotes = s.execute(select(QuoteRow.id, QuoteRow.doc_id, QuoteRow.speaker_text, QuoteRow.text)
                                   .where(qcond).limit(limit)).all()
        return {
            "documents": [{"doc_id": d, "title": t, "published": p, "snippet": snip} for d, t, p, snip in docs],
            "quotes": [{"quote": qid, "doc_id": d, "speaker": sp, "text": t} for qid, d, sp, t in quotes],
        }

    @staticmethod
    def _search_postgres(s: Any, words: list[str], limit: int) -> tuple[Sequence[Any], Sequence[Any]]:
        """Full-text search through the tsvector columns; snippets from ts_headline."""
        query = " ".join(words)
        docs = s.execute(text(
            "SELECT d.doc_id, d.title, d.published, ts_headline('simple', d.text, q, "
            "'StartSel=[, StopSel=], MaxWords=12, MinWords=4, ShortWord=1, FragmentDelimiter=…, MaxFragments=1') "
            "FROM (SELECT doc_id, title, published, text, ts_rank_cd(search_vector, q) AS rank, q "
            "      FROM documents, plainto_tsquery('simple', :m) AS q WHERE search_vector @@ q "
            "      ORDER BY rank DESC, doc_id LIMIT :n) AS d ORDER BY d.rank DESC, d.doc_id"),
            {"m": query, "n": limit}).all()
        quotes = s.execute(text(
            "SELECT id, doc_id, speaker_text, text FROM quotes, plainto_tsquery('simple', :m) AS q "
            "WHERE search_vector @@ q ORDER BY ts_rank_cd(search_vector, q) DESC, id LIMIT :n"),
            {"m": query, "n": limit}).all()
        return docs, quotes

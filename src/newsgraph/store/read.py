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
    TimexRow,
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
                         undated_last: bool = True,
                         statuses: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Canonical events in which every one of ``participants`` takes part, of ``type``, with
        ``since <= sort_date <= until`` (string prefixes), with one of ``statuses``, ordered by
        sort_date (undated last, or first as SQL sorts NULL) then id: id, type, mode, contexts, actors,
        recipients, date_value, date_text, sort_date, location, modality, status, history, n_mentions,
        n_documents."""
        query = select(CanonicalEvent)
        for entity_id in participants:
            part = select(EventParticipant.event_id).where(EventParticipant.entity_id == entity_id)
            query = query.where(CanonicalEvent.id.in_(part))
        if type:
            query = query.where(CanonicalEvent.type == type)
        if statuses is not None:
            query = query.where(CanonicalEvent.status.in_(list(statuses)))
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

    def canonical_event(self, event_id: str) -> dict[str, Any] | None:
        """One canonical event (fields as in :meth:`canonical_events`), or None."""
        with self.store.session() as s:
            row = s.get(CanonicalEvent, event_id)
            return _fields(row, _EVENT_FIELDS) if row is not None else None

    def event_canonicals_in(self, doc_id: str) -> dict[str, str | None]:
        """Local event id -> canonical event id, for the events of one document."""
        with self.store.session() as s:
            return dict(s.execute(select(EventRow.local_id, EventRow.canonical_id)
                                  .where(EventRow.doc_id == doc_id)).all())

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
        query = select(Evidence.canonical_id, Evidence.doc_id, Evidence.local_id, Evidence.reason,
                       Evidence.detail).where(Evidence.kind == kind)  # columns, not ORM objects: profiles read many
        if canonical_id is None:
            query = query.order_by(Evidence.id)
        else:
            query = query.where(Evidence.canonical_id == canonical_id).order_by(Evidence.doc_id, Evidence.local_id)
        with self.store.session() as s:
            return [r._asdict() for r in s.execute(query)]

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
        columns = [getattr(QuoteRow, name) for name in _QUOTE_FIELDS]
        query = select(*columns, DocumentRow.published).join(DocumentRow, DocumentRow.doc_id == QuoteRow.doc_id)
        if speaker is not None:
            query = query.join(EntityRow, and_(EntityRow.doc_id == QuoteRow.doc_id,
                                               EntityRow.local_id == QuoteRow.speaker)
                               ).where(EntityRow.canonical_id == speaker)
        if speaker_text_like is not None:
            query = query.where(QuoteRow.speaker_text.ilike(f"%{speaker_text_like}%"))
        query = query.order_by(DocumentRow.published, QuoteRow.doc_id, QuoteRow.start)
        with self.store.session() as s:
            return [r._asdict() for r in s.execute(query)]

    def quotes_with_canonical_speaker(self) -> list[dict[str, Any]]:
        """Every stored quote, by document and offset; ``speaker`` is the canonical entity id (or None)."""
        with self.store.session() as s:
            rows = s.execute(select(QuoteRow, EntityRow.canonical_id).outerjoin(
                EntityRow, and_(EntityRow.doc_id == QuoteRow.doc_id, EntityRow.local_id == QuoteRow.speaker))
                .order_by(QuoteRow.doc_id, QuoteRow.start)).all()
            return [{**_fields(q, _QUOTE_FIELDS), "speaker": cid} for q, cid in rows]

    # -- what changed, and periods (briefings and alerts) ----------------------------------------

    def canonical_events_by_id(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        """Canonical events with these ids (fields as :meth:`canonical_events`), ordered by date then id."""
        wanted = list(set(ids))
        out: list[dict[str, Any]] = []
        with self.store.session() as s:
            for i in range(0, len(wanted), 500):
                out += [_fields(r, _EVENT_FIELDS) for r in s.scalars(
                    select(CanonicalEvent).where(CanonicalEvent.id.in_(wanted[i:i + 500])))]
        return sorted(out, key=lambda e: (e["sort_date"] or "9999", e["id"]))

    def canonical_events_of_documents(self, doc_ids: Iterable[str]) -> set[str]:
        """Canonical events with a report in one of these documents."""
        docs = list(set(doc_ids))
        found: set[str] = set()
        with self.store.session() as s:
            for i in range(0, len(docs), 500):
                found |= {c for c in s.scalars(select(EventRow.canonical_id)
                                               .where(EventRow.doc_id.in_(docs[i:i + 500])).distinct()) if c}
        return found

    def event_reports(self, canonical_ids: Iterable[str]) -> list[dict[str, Any]]:
        """The stored reports of some canonical events, oldest document first: canonical_id,
        doc_id, local_id, modality, trigger, sentence, source (canonical entity id or None),
        source_text, published, title."""
        ids = list(set(canonical_ids))
        source_entity = EntityRow.__table__.alias("source_entity")
        rows: list[dict[str, Any]] = []
        with self.store.session() as s:
            for i in range(0, len(ids), 500):
                rows += [r._asdict() for r in s.execute(
                    select(EventRow.canonical_id, EventRow.doc_id, EventRow.local_id, EventRow.modality,
                           EventRow.trigger, EventRow.sentence, source_entity.c.canonical_id.label("source"),
                           EventRow.source_text, DocumentRow.published, DocumentRow.title)
                    .join(DocumentRow, DocumentRow.doc_id == EventRow.doc_id)
                    .outerjoin(source_entity, and_(source_entity.c.doc_id == EventRow.doc_id,
                                                   source_entity.c.local_id == EventRow.source))
                    .where(EventRow.canonical_id.in_(ids[i:i + 500]))
                    .order_by(DocumentRow.published, EventRow.doc_id, EventRow.id))]
        self._fill_sentences(rows)
        return rows

    def _fill_sentences(self, rows: list[dict[str, Any]]) -> None:
        """Sentence spans are stored by offsets; give each its text from the document."""
        missing = {r["doc_id"] for r in rows if r["sentence"] and not r["sentence"].get("text")}
        if not missing:
            return
        texts: dict[str, str] = {}
        with self.store.session() as s:
            wanted = list(missing)
            for i in range(0, len(wanted), 200):
                texts.update((d, t) for d, t in s.execute(select(DocumentRow.doc_id, DocumentRow.text)
                                                          .where(DocumentRow.doc_id.in_(wanted[i:i + 200]))))
        for r in rows:
            span = r["sentence"]
            if span and not span.get("text") and r["doc_id"] in texts:
                r["sentence"] = {**span, "text": texts[r["doc_id"]][span["start"]:span["end"]].strip()}

    def quotes_in(self, doc_ids: Iterable[str] | None = None, since: str | None = None,
                  until: str | None = None) -> list[dict[str, Any]]:
        """Quotes of some documents, or of those published in ``since..until`` (string prefixes),
        oldest first; ``speaker`` is the canonical entity id (or None), with ``published`` and ``title``."""
        query = (select(QuoteRow, EntityRow.canonical_id, DocumentRow.published, DocumentRow.title)
                 .join(DocumentRow, DocumentRow.doc_id == QuoteRow.doc_id)
                 .outerjoin(EntityRow, and_(EntityRow.doc_id == QuoteRow.doc_id,
                                            EntityRow.local_id == QuoteRow.speaker)))
        if doc_ids is not None:
            query = query.where(QuoteRow.doc_id.in_(list(set(doc_ids))))
        if since:
            query = query.where(DocumentRow.published >= since)
        if until:
            query = query.where(DocumentRow.published <= until + "\uffff")
        with self.store.session() as s:
            return [{**_fields(q, _QUOTE_FIELDS), "speaker": cid, "published": p, "title": t}
                    for q, cid, p, t in s.execute(query.order_by(DocumentRow.published, QuoteRow.doc_id,
                                                                 QuoteRow.start))]

    def entities_only_in(self, doc_ids: Iterable[str]) -> set[str]:
        """Canonical entities every report of which lies in these documents (seen there first)."""
        docs = list(set(doc_ids))
        with self.store.session() as s:
            here = {c for c in s.scalars(select(EntityRow.canonical_id).where(EntityRow.doc_id.in_(docs)).distinct())
                    if c}
            elsewhere = set(s.scalars(select(EntityRow.canonical_id).where(
                EntityRow.canonical_id.in_(list(here)), EntityRow.doc_id.not_in(docs)).distinct()))
        return here - elsewhere

    def entity_document_counts(self, since: str | None, until: str | None) -> dict[str, int]:
        """Canonical entity id -> documents published in ``since..until`` that mention it."""
        query = (select(EntityRow.canonical_id, func.count(func.distinct(EntityRow.doc_id)))
                 .join(DocumentRow, DocumentRow.doc_id == EntityRow.doc_id)
                 .where(EntityRow.canonical_id.is_not(None)))
        if since:
            query = query.where(DocumentRow.published >= since)
        if until:
            query = query.where(DocumentRow.published <= until + "\uffff")
        with self.store.session() as s:
            return {c: n for c, n in s.execute(query.group_by(EntityRow.canonical_id)) if c}

    def entity_first_published(self, ids: Iterable[str]) -> dict[str, str | None]:
        """Canonical entity id -> the earliest publication date among the documents naming it."""
        wanted = list(set(ids))
        out: dict[str, str | None] = {}
        with self.store.session() as s:
            for i in range(0, len(wanted), 500):
                out.update((c, p) for c, p in s.execute(  # type: ignore[misc]
                    select(EntityRow.canonical_id, func.min(DocumentRow.published))
                    .join(DocumentRow, DocumentRow.doc_id == EntityRow.doc_id)
                    .where(EntityRow.canonical_id.in_(wanted[i:i + 500])).group_by(EntityRow.canonical_id)).all())
        return out

    def newest_published(self) -> str | None:
        with self.store.session() as s:
            return s.scalar(select(func.max(DocumentRow.published)))

    def document_info(self, doc_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """doc_id -> {title, published, story_id, url, publisher}."""
        wanted = list(set(doc_ids))
        out: dict[str, dict[str, Any]] = {}
        with self.store.session() as s:
            for i in range(0, len(wanted), 500):
                for r in s.execute(select(DocumentRow.doc_id, DocumentRow.title, DocumentRow.published,
                                          DocumentRow.story_id, DocumentRow.url, DocumentRow.publisher)
                                   .where(DocumentRow.doc_id.in_(wanted[i:i + 500]))):
                    out[r.doc_id] = {k: v for k, v in r._asdict().items() if k != "doc_id"}
        return out

    def doc_ids_published(self, since: str | None, until: str | None) -> list[str]:
        """Documents published in ``since..until`` (string prefixes, inclusive)."""
        query = select(DocumentRow.doc_id)
        if since:
            query = query.where(DocumentRow.published >= since)
        if until:
            query = query.where(DocumentRow.published <= until + "\uffff")
        with self.store.session() as s:
            return list(s.scalars(query.order_by(DocumentRow.doc_id)))

    def story_titles(self, ids: Iterable[str]) -> dict[str, str | None]:
        with self.store.session() as s:
            rows = s.execute(select(StoryRow.id, StoryRow.title).where(StoryRow.id.in_(list(set(ids)))))
            return {story: title for story, title in rows}

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

    # -- pages of records (the workbench API) ---------------------------------------------------

    @staticmethod
    def _page(s: Any, query: Any, limit: int, offset: int) -> tuple[list[Any], int]:
        total = s.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
        return list(s.execute(query.limit(limit).offset(offset)).all()), total

    def documents_page(self, q: str | None = None, since: str | None = None, until: str | None = None,
                       limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """Documents' metadata (as :meth:`documents`, no text), newest first, with the total matching:
        ``q`` in the title (case-insensitive), ``since <= published <= until`` (string prefixes)."""
        query = select(DocumentRow.doc_id, DocumentRow.title, DocumentRow.published, DocumentRow.source_path,
                       DocumentRow.url, DocumentRow.publisher, DocumentRow.story_id, DocumentRow.duplicate_of,
                       DocumentRow.content_hash, DocumentRow.warnings)
        if q:
            query = query.where(DocumentRow.title.ilike(f"%{q}%"))
        if since:
            query = query.where(DocumentRow.published >= since)
        if until:
            query = query.where(DocumentRow.published <= until + "\uffff")
        query = query.order_by(DocumentRow.published.desc(), DocumentRow.doc_id)
        with self.store.session() as s:
            rows, total = self._page(s, query, limit, offset)
        return [r._asdict() for r in rows], total

    def entities_page(self, q: str | None = None, type: str | None = None, country: str | None = None,
                      limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """Canonical entities, most documents first: ``q`` matches a normalised alias (prefix of a
        word) or the name (case-insensitive substring)."""
        query = select(CanonicalEntity)
        if q:
            key = display_key(q)
            by_alias = select(EntityAlias.entity_id).where(or_(EntityAlias.alias.like(f"{key}%"),
                                                               EntityAlias.alias.like(f"% {key}%")))
            query = query.where(or_(CanonicalEntity.id.in_(by_alias), CanonicalEntity.name.ilike(f"%{q}%")))
        if type:
            query = query.where(CanonicalEntity.type == type)
        if country:
            query = query.where(CanonicalEntity.country == country)
        query = query.order_by(CanonicalEntity.n_documents.desc(), CanonicalEntity.id)
        with self.store.session() as s:
            rows, total = self._page(s, query, limit, offset)
        return [_fields(r[0], _ENTITY_FIELDS) for r in rows], total

    def events_page(self, participants: Iterable[str] = (), types: Iterable[str] = (),
                    status: str | None = None, modality: str | None = None, since: str | None = None,
                    until: str | None = None, limit: int = 50, offset: int = 0,
                    exclude_status: str | None = None, ids: Iterable[str] | None = None,
                    ) -> tuple[list[dict[str, Any]], int]:
        """Canonical events as :meth:`canonical_events` (dated first, by date), with the total matching;
        ``types`` any of these PLOVER types; ``exclude_status`` leaves out e.g. rejected ones;
        ``ids`` only these."""
        query = select(CanonicalEvent)
        if ids is not None:
            query = query.where(CanonicalEvent.id.in_(list(ids)))
        for entity_id in participants:
            part = select(EventParticipant.event_id).where(EventParticipant.entity_id == entity_id)
            query = query.where(CanonicalEvent.id.in_(part))
        wanted = list(types)
        if wanted:
            query = query.where(CanonicalEvent.type.in_(wanted))
        for column, value in ((CanonicalEvent.status, status), (CanonicalEvent.modality, modality)):
            if value:
                query = query.where(column == value)
        if exclude_status and not status:
            query = query.where(CanonicalEvent.status != exclude_status)
        if since:
            query = query.where(CanonicalEvent.sort_date >= since)
        if until:
            query = query.where(CanonicalEvent.sort_date <= until + "\uffff")
        query = query.order_by(CanonicalEvent.sort_date.is_(None), CanonicalEvent.sort_date, CanonicalEvent.id)
        with self.store.session() as s:
            rows, total = self._page(s, query, limit, offset)
        return [_fields(r[0], _EVENT_FIELDS) for r in rows], total

    def latest_events(self, limit: int = 10, min_documents: int = 1) -> list[dict[str, Any]]:
        """The most recently dated canonical events (reported by at least ``min_documents``)."""
        query = (select(CanonicalEvent).where(CanonicalEvent.sort_date.is_not(None),
                                              CanonicalEvent.n_documents >= min_documents)
                 .order_by(CanonicalEvent.sort_date.desc(), CanonicalEvent.id).limit(limit))
        with self.store.session() as s:
            return [_fields(r, _EVENT_FIELDS) for r in s.scalars(query)]

    def event_mention_reports(self, canonical_id: str) -> list[dict[str, Any]]:
        """Every stored event resolved to ``canonical_id`` with all its spans, by document date:
        doc_id, local_id, type, modality, trigger, sentence, actors, recipients, actor_text,
        recipient_text, date, source, source_text, location, rule, published, title, url, publisher."""
        query = (select(EventRow, DocumentRow.published, DocumentRow.title, DocumentRow.url, DocumentRow.publisher)
                 .join(DocumentRow, DocumentRow.doc_id == EventRow.doc_id)
                 .where(EventRow.canonical_id == canonical_id)
                 .order_by(DocumentRow.published, EventRow.doc_id, EventRow.id))
        names = ("doc_id", "local_id", "type", "modality", "trigger", "sentence", "actors", "recipients",
                 "actor_text", "recipient_text", "date", "source", "source_text", "location", "rule")
        with self.store.session() as s:
            return [{**_fields(v, names), "published": p, "title": t, "url": u, "publisher": pub}
                    for v, p, t, u, pub in s.execute(query).all()]

    def co_actor_edges(self, entity_ids: Iterable[str], since: str | None = None, until: str | None = None,
                       ) -> list[dict[str, Any]]:
        """Pairs (source in ``entity_ids``, target any other entity) taking part in the same canonical
        events dated in the range: source, target, weight (events), first, last (sort dates)."""
        ids = list(set(entity_ids))
        if not ids:
            return []
        mine, other = EventParticipant.__table__.alias("mine"), EventParticipant.__table__.alias("other")
        query = (select(mine.c.entity_id, other.c.entity_id, func.count(func.distinct(mine.c.event_id)),
                        func.min(CanonicalEvent.sort_date), func.max(CanonicalEvent.sort_date))
                 .join(other, and_(other.c.event_id == mine.c.event_id, other.c.entity_id != mine.c.entity_id))
                 .join(CanonicalEvent, CanonicalEvent.id == mine.c.event_id)
                 .where(mine.c.entity_id.in_(ids), CanonicalEvent.status != "rejected")
                 .group_by(mine.c.entity_id, other.c.entity_id))
        if since:
            query = query.where(CanonicalEvent.sort_date >= since)
        if until:
            query = query.where(CanonicalEvent.sort_date <= until + "\uffff")
        with self.store.session() as s:
            return [{"source": a, "target": b, "weight": n, "first": f, "last": la}
                    for a, b, n, f, la in s.execute(query).all()]

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story (as :meth:`stories`, with n_documents) and its documents by date."""
        with self.store.session() as s:
            row = s.get(StoryRow, story_id)
            if row is None:
                return None
            docs = s.execute(select(DocumentRow.doc_id, DocumentRow.title, DocumentRow.published,
                                    DocumentRow.duplicate_of).where(DocumentRow.story_id == story_id)
                             .order_by(DocumentRow.published, DocumentRow.doc_id)).all()
            return {**_fields(row, ("id", "title", "first_published", "last_published", "n_documents",
                                    "evidence")), "documents": [d._asdict() for d in docs]}

    def stories_page(self, limit: int = 50, offset: int = 0, latest_first: bool = False,
                     ) -> tuple[list[dict[str, Any]], int]:
        order = ((StoryRow.last_published.desc(), StoryRow.id) if latest_first
                 else (StoryRow.first_published, StoryRow.id))
        query = select(StoryRow).order_by(*order)
        with self.store.session() as s:
            rows, total = self._page(s, query, limit, offset)
        return [_fields(r[0], ("id", "title", "first_published", "last_published", "n_documents", "evidence"))
                for r in rows], total

    def mentions_within(self, doc_id: str, local_ids: Iterable[str], start: int, end: int,
                        ) -> dict[str, list[dict[str, Any]]]:
        """Local entity id -> its mentions {start, end, text} inside [start, end) of one document."""
        wanted = set(local_ids)
        if not wanted:
            return {}
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        with self.store.session() as s:
            for local, m_start, m_end, m_text in s.execute(
                    select(EntityRow.local_id, MentionRow.start, MentionRow.end, MentionRow.text)
                    .join(EntityRow, EntityRow.id == MentionRow.entity_row)
                    .where(MentionRow.doc_id == doc_id, EntityRow.local_id.in_(wanted),
                           MentionRow.start >= start, MentionRow.end <= end).order_by(MentionRow.start)):
                out[local].append({"start": m_start, "end": m_end, "text": m_text})
        return out

    def timex_at(self, doc_id: str, position: int) -> dict[str, Any] | None:
        """The document's timex number ``position`` (its index in Document.timexes)."""
        with self.store.session() as s:
            row = s.scalar(select(TimexRow).where(TimexRow.doc_id == doc_id, TimexRow.position == position))
            return None if row is None else _fields(row, ("start", "end", "text", "type", "value"))

    def document_links(self, doc_id: str) -> tuple[dict[str, str | None], str | None]:
        """(local event id -> canonical event id, story id) of one document."""
        with self.store.session() as s:
            events = dict(s.execute(select(EventRow.local_id, EventRow.canonical_id)
                                    .where(EventRow.doc_id == doc_id)).all())
            return events, s.scalar(select(DocumentRow.story_id).where(DocumentRow.doc_id == doc_id))

    def events_of_documents(self, doc_ids: Iterable[str]) -> list[str]:
        """Canonical events reported by any of these documents."""
        with self.store.session() as s:
            return sorted(set(s.scalars(select(EventRow.canonical_id).where(
                EventRow.doc_id.in_(list(doc_ids)), EventRow.canonical_id.is_not(None)))))

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

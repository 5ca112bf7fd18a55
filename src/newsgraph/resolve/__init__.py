"""Cross-document resolution over the store: canonical entities, events and stories.

``resolve_store(store)`` reads every document's entities and events, clusters them
(see :mod:`.entities`, :mod:`.events`, :mod:`.stories` for the rules) and rewrites
the canonical layer in one transaction.  It is a full re-run, deterministic (same
stored documents, same ids), and fast enough to run after every ingest (see
benchmarks/bench_corpus.py for its time at 10,000 documents).  Every member of a
cluster gets one ``resolution_evidence`` row saying why it joined.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import delete, literal, select, update

from ..store import Store
from ..store.schema import (
    CanonicalEntity, CanonicalEvent, DocumentRow, EntityAlias, EntityRow, EventParticipant, EventRow,
    Evidence, MentionRow, StoryRow,
)
from .entities import EntityCluster, EntityInput, resolve_entities
from .events import EventCluster, EventInput, resolve_events, trigger_lemma
from ..store.keys import display_key
from .stories import DocInfo, Story, resolve_stories

__all__ = ["resolve_store", "needs_resolution", "ResolutionSummary", "resolve_entities", "resolve_events", "resolve_stories",
           "EntityInput", "EventInput"]


@dataclass
class ResolutionSummary:
    entities: int
    canonical_entities: int
    events: int
    canonical_events: int
    stories: int
    seconds: float


def resolve_store(store: Store) -> ResolutionSummary:
    started = time.perf_counter()
    with store.session() as s, s.begin():
        docs = {d.doc_id: d for d in s.execute(select(
            DocumentRow.doc_id, DocumentRow.published, DocumentRow.title, DocumentRow.minhash,
            DocumentRow.story_id, DocumentRow.duplicate_of))}
        aliases: dict[int, set[str]] = defaultdict(set)
        for pk, text in s.execute(select(MentionRow.entity_row, MentionRow.text).where(MentionRow.kind == "name")):
            aliases[pk].add(text)
        entity_rows = list(s.execute(select(
            EntityRow.id, EntityRow.doc_id, EntityRow.local_id, EntityRow.name, EntityRow.type,
            EntityRow.country, EntityRow.sector, EntityRow.kb_id, EntityRow.titles, EntityRow.canonical_id)))
        inputs = [EntityInput(
            key=r.id, doc_id=r.doc_id, local_id=r.local_id, name=r.name, type=r.type, country=r.country,
            sector=r.sector, kb_id=r.kb_id, titles=r.titles or [], aliases=sorted(aliases.get(r.id, ())),
        ) for r in entity_rows]
        entity_clusters = resolve_entities(inputs)
        canonical_of: dict[tuple[str, str], str] = {}
        cluster_of_key: dict[int, str] = {}
        for c in entity_clusters:
            for m in c.members:
                canonical_of[(m.doc_id, m.local_id)] = c.id
                cluster_of_key[m.key] = c.id
        country_of = {c.id: c.country for c in entity_clusters if c.country}

        event_rows = list(s.execute(select(
            EventRow.id, EventRow.doc_id, EventRow.local_id, EventRow.type, EventRow.actors,
            EventRow.recipients, EventRow.modality, EventRow.mode, EventRow.contexts, EventRow.date,
            EventRow.location, EventRow.location_inferred, EventRow.trigger, EventRow.canonical_id)))

        def canon(doc_id: str, ids) -> list[str]:
            out = []
            for local in ids or []:
                cid = canonical_of.get((doc_id, local))
                if cid and cid not in out:
                    out.append(cid)
            return out

        event_inputs = [EventInput(
            key=r.id, doc_id=r.doc_id, local_id=r.local_id, type=r.type,
            actors=canon(r.doc_id, r.actors), recipients=canon(r.doc_id, r.recipients),
            modality=r.modality or "asserted", mode=r.mode, contexts=r.contexts or [],
            date_value=(r.date or {}).get("value"), date_text=(r.date or {}).get("text"),
            date_inferred=bool((r.date or {}).get("inferred")),
            # a place only inferred from the dateline is no evidence against another report's place
            location=(canon(r.doc_id, [r.location]) or [None])[0] if r.location and not r.location_inferred else None,
            published=docs[r.doc_id].published if r.doc_id in docs else None, trigger=r.trigger,
            lemma=trigger_lemma((r.trigger or {}).get("text")),
        ) for r in event_rows]
        event_clusters = resolve_events(event_inputs, country_of, {c.id: c.name for c in entity_clusters})

        actor_types = {c.id: c.type for c in entity_clusters}
        infos = {d: DocInfo(doc_id=d, published=row.published, title=row.title, signature=row.minhash)
                 for d, row in docs.items()}
        for c in event_clusters:
            if len(c.documents) > 1:
                for d in c.documents:
                    infos[d].events.add(c.id)
        for (doc_id, _), cid in canonical_of.items():
            if actor_types.get(cid) in ("PERSON", "ORG") and doc_id in infos:
                infos[doc_id].actors.add(cid)
        stories = resolve_stories(list(infos.values()))

        _write(s, entity_rows, event_rows, entity_clusters, event_clusters, stories, docs, cluster_of_key)
    return ResolutionSummary(
        entities=len(entity_rows), canonical_entities=len(entity_clusters), events=len(event_rows),
        canonical_events=len(event_clusters), stories=len(stories),
        seconds=time.perf_counter() - started,
    )


def _evidence_rows(kind: str, clusters) -> list[dict]:
    """One evidence row per member of each cluster: why that document's fact joined it."""
    return [dict(kind=kind, canonical_id=c.id, doc_id=m.doc_id, local_id=m.local_id,
                 reason=c.evidence[m.key][0], detail=c.evidence[m.key][1])
            for c in clusters for m in c.members]


def _write(s, entity_rows, event_rows, entity_clusters: list[EntityCluster],
           event_clusters: list[EventCluster], stories: list[Story], docs, cluster_of_key) -> None:
    conn = s.connection()  # Core executemany: the canonical layer is rewritten in bulk

    def insert(model, rows):
        conn.execute(model.__table__.insert(), rows)

    for table in (CanonicalEntity, EntityAlias, CanonicalEvent, EventParticipant, Evidence, StoryRow):
        s.execute(delete(table))
    if entity_clusters:
        insert(CanonicalEntity, [dict(
            id=c.id, name=c.name, norm_name=display_key(c.name, c.type), type=c.type, country=c.country,
            sector=c.sector, kb_id=c.kb_id, aliases=c.aliases, titles=c.titles,
            n_documents=len(c.documents), n_mentions=len(c.members),
        ) for c in entity_clusters])
        insert(EntityAlias, [dict(alias=a, entity_id=c.id) for c in entity_clusters for a in c.aliases])
        insert(Evidence, _evidence_rows("entity", entity_clusters))
    if event_clusters:
        insert(CanonicalEvent, [dict(
            id=c.id, type=c.type, mode=c.mode, contexts=c.contexts, actors=c.actors,
            recipients=c.recipients, date_value=c.date_value, date_text=c.date_text,
            sort_date=c.sort_date, location=c.location, modality=c.modality, status=c.status,
            history=c.history, n_mentions=len(c.members), n_documents=len(c.documents),
        ) for c in event_clusters])
        participants = [dict(event_id=c.id, entity_id=a, role="actor") for c in event_clusters for a in c.actors]
        participants += [dict(event_id=c.id, entity_id=r, role="recipient")
                         for c in event_clusters for r in c.recipients]
        if participants:
            insert(EventParticipant, participants)
        insert(Evidence, _evidence_rows("event", event_clusters))
    if stories:
        insert(StoryRow, [dict(
            id=st.id, title=st.title, first_published=st.first_published,
            last_published=st.last_published, n_documents=len(st.documents), evidence=st.evidence,
        ) for st in stories])

    # point the per-document rows at their canonical records (only rows that changed)
    changed = [{"id": r.id, "canonical_id": cluster_of_key.get(r.id)} for r in entity_rows
               if r.canonical_id != cluster_of_key.get(r.id)]
    if changed:
        s.execute(update(EntityRow), changed)
    event_of = {m.key: c.id for c in event_clusters for m in c.members}
    changed = [{"id": r.id, "canonical_id": event_of.get(r.id)} for r in event_rows
               if r.canonical_id != event_of.get(r.id)]
    if changed:
        s.execute(update(EventRow), changed)
    story_of = {d: (st.id, st.duplicates.get(d)) for st in stories for d in st.documents}
    changed = [{"doc_id": d, "story_id": story_of[d][0], "duplicate_of": story_of[d][1]}
               for d, row in docs.items() if (row.story_id, row.duplicate_of) != story_of.get(d)]
    if changed:
        s.execute(update(DocumentRow), changed)


def needs_resolution(store: Store) -> bool:
    """True when some stored row has no canonical record yet (e.g. after an interrupted ingest)."""
    with store.session() as s:
        for column in (EntityRow.canonical_id, EventRow.canonical_id, DocumentRow.story_id):
            if s.scalar(select(literal(1)).where(column.is_(None)).limit(1)) is not None:
                return True
        known = set(s.scalars(select(Evidence.doc_id).distinct()))
        with_facts = set(s.scalars(select(EntityRow.doc_id).distinct())) | set(s.scalars(select(EventRow.doc_id).distinct()))
        return known != with_facts

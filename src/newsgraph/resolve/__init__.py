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
from dataclasses import dataclass

from ..model import Modality
from ..store import Store
from ..store.canonical import CanonicalLayer
from .entities import EntityCluster, EntityInput, resolve_entities
from .events import EventCluster, EventInput, resolve_events, trigger_lemma
from .stories import DocInfo, Story, resolve_stories

__all__ = ["resolve_store", "needs_resolution", "ResolutionSummary", "resolve_entities", "resolve_events",
           "resolve_stories", "EntityInput", "EventInput"]


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
    with store.resolution() as tx:
        docs = {d.doc_id: d for d in tx.documents()}
        entity_rows = tx.entities()
        inputs = [EntityInput(
            key=r.row, doc_id=r.doc_id, local_id=r.local_id, name=r.name, type=r.type, country=r.country,
            sector=r.sector, kb_id=r.kb_id, titles=r.titles, aliases=r.aliases,
        ) for r in entity_rows]
        entity_clusters = resolve_entities(inputs)
        canonical_of: dict[tuple[str, str], str] = {}
        cluster_of_key: dict[int, str] = {}
        for c in entity_clusters:
            for m in c.members:
                canonical_of[(m.doc_id, m.local_id)] = c.id
                cluster_of_key[m.key] = c.id
        country_of = {c.id: c.country for c in entity_clusters if c.country}
        event_rows = tx.events()

        def canon(doc_id: str, ids) -> list[str]:
            out = []
            for local in ids or []:
                cid = canonical_of.get((doc_id, local))
                if cid and cid not in out:
                    out.append(cid)
            return out

        event_inputs = [EventInput(
            key=r.row, doc_id=r.doc_id, local_id=r.local_id, type=r.type,
            actors=canon(r.doc_id, r.actors), recipients=canon(r.doc_id, r.recipients),
            modality=r.modality or Modality.ASSERTED, mode=r.mode, contexts=r.contexts,
            date_value=(r.date or {}).get("value"), date_text=(r.date or {}).get("text"),
            date_inferred=bool((r.date or {}).get("inferred")),
            # a place only inferred from the dateline is no evidence against another report's place
            location=(next(iter(canon(r.doc_id, [r.location])), None)
                      if r.location and not r.location_inferred else None),
            published=docs[r.doc_id].published if r.doc_id in docs else None, trigger=r.trigger,
            lemma=trigger_lemma((r.trigger or {}).get("text")),
        ) for r in event_rows]
        event_clusters = resolve_events(event_inputs, country_of, {c.id: c.name for c in entity_clusters})

        actor_types = {c.id: c.type for c in entity_clusters}
        infos = {d: DocInfo(doc_id=d, published=row.published, title=row.title, signature=row.minhash)
                 for d, row in docs.items()}
        for ec in event_clusters:
            if len(ec.documents) > 1:
                for d in ec.documents:
                    infos[d].events.add(ec.id)
        for (doc_id, _), cid in canonical_of.items():
            if actor_types.get(cid) in ("PERSON", "ORG") and doc_id in infos:
                infos[doc_id].actors.add(cid)
        stories = resolve_stories(list(infos.values()))
        tx.replace(_layer(entity_clusters, event_clusters, stories, cluster_of_key))
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


def _layer(entity_clusters: list[EntityCluster], event_clusters: list[EventCluster], stories: list[Story],
           cluster_of_key: dict[int, str]) -> CanonicalLayer:
    return CanonicalLayer(
        entities=[dict(
            id=c.id, name=c.name, type=c.type, country=c.country, sector=c.sector, kb_id=c.kb_id,
            aliases=c.aliases, titles=c.titles, n_documents=len(c.documents), n_mentions=len(c.members),
        ) for c in entity_clusters],
        events=[dict(
            id=c.id, type=c.type, mode=c.mode, contexts=c.contexts, actors=c.actors,
            recipients=c.recipients, date_value=c.date_value, date_text=c.date_text,
            sort_date=c.sort_date, location=c.location, modality=c.modality, status=c.status,
            history=c.history, n_mentions=len(c.members), n_documents=len(c.documents),
        ) for c in event_clusters],
        evidence=_evidence_rows("entity", entity_clusters) + _evidence_rows("event", event_clusters),
        stories=[dict(
            id=st.id, title=st.title, first_published=st.first_published,
            last_published=st.last_published, n_documents=len(st.documents), evidence=st.evidence,
        ) for st in stories],
        entity_of_row=cluster_of_key,
        event_of_row={m.key: c.id for c in event_clusters for m in c.members},
        story_of_document={d: (st.id, st.duplicates.get(d)) for st in stories for d in st.documents},
    )


def needs_resolution(store: Store) -> bool:
    """True when some stored row has no canonical record yet (e.g. after an interrupted ingest)."""
    return store.needs_resolution()

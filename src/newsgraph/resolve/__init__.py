"""Cross-document resolution over the store: canonical entities, events and stories.

``resolve_store(store)`` is the full pass: it reads every document's entities and events,
clusters them (see :mod:`.entities`, :mod:`.events`, :mod:`.stories` for the rules) and rewrites
the canonical layer in one transaction.  ``resolve_store(store, full=False)`` is the incremental
pass (:mod:`.incremental`) run after an ingest or a removal: only the new, changed and removed
documents' facts are resolved, against the canonical records the blocking keys kept in the store
(:mod:`.blocking`) say they could join.  Either way every member of a cluster gets one
``resolution_evidence`` row saying why it joined, and a canonical record keeps its id while most
of its members are still there (so links, review corrections and alerts survive re-resolution).
"""

from __future__ import annotations

import dataclasses
import gc
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from ..model import Modality
from ..store import Store
from ..store.canonical import CanonicalLayer, DocumentInput, EntityRecord, EventRecord, StoredEvent
from .blocking import band_keys, entity_keys, event_keys, event_stems
from .entities import EntityCluster, EntityInput, resolve_entities
from .events import EventCluster, EventInput, event_interval, interval_steps, resolve_events, trigger_lemma
from .stories import DocInfo, Story, resolve_stories

__all__ = ["resolve_store", "needs_resolution", "ResolutionSummary", "resolve_entities", "resolve_events",
           "resolve_stories", "EntityInput", "EventInput"]

STORY_ACTOR_TYPES = ("PERSON", "ORG")


@dataclass
class ResolutionSummary:
    entities: int  # entity rows resolved (all of them in a full pass)
    canonical_entities: int  # canonical entities written
    events: int
    canonical_events: int
    stories: int
    seconds: float
    full: bool = True
    documents: int = 0  # documents whose story was resolved

    def after(self, earlier: ResolutionSummary) -> ResolutionSummary:
        """This pass and an ``earlier`` one as one: rows and time added up, counts as now."""
        return dataclasses.replace(self, entities=self.entities + earlier.entities,
                                   events=self.events + earlier.events, seconds=self.seconds + earlier.seconds,
                                   full=self.full and earlier.full, documents=self.documents + earlier.documents)


def resolve_store(store: Store, full: bool = True) -> ResolutionSummary:
    """The full pass (default), or with ``full=False`` the incremental one."""
    with collector_paused():
        if not full:
            from .incremental import resolve_incremental

            return resolve_incremental(store)
        return _resolve_all(store)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a resolution runs: it builds hundreds of thousands of
    small records that hold no cycles, and each collection of the oldest generation walks the
    whole heap (a third of the time of the event clustering at 10,000 documents).  What a
    collection would free is freed when the collector is switched back on."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _resolve_all(store: Store) -> ResolutionSummary:
    started = time.perf_counter()
    with store.resolution() as tx:
        docs = {d.doc_id: d for d in tx.documents()}
        entity_rows = tx.entities()
        entity_clusters = resolve_entities([entity_input(r) for r in entity_rows], previous_ids(entity_rows),
                                           taken=store.corrections.reserved_entity_ids())
        canonical_of = {(m.doc_id, m.local_id): c.id for c in entity_clusters for m in c.members}
        country_of = {c.id: c.country for c in entity_clusters if c.country}
        event_rows = tx.events()
        event_clusters = resolve_events([event_input(r, canonical_of, docs) for r in event_rows], country_of,
                                        {c.id: c.name for c in entity_clusters}, previous=previous_ids(event_rows))
        actor_types = {c.id: c.type for c in entity_clusters}
        infos = {d: DocInfo(doc_id=d, published=row.published, title=row.title, signature=row.minhash)
                 for d, row in docs.items()}
        for ec in event_clusters:
            if len(ec.documents) > 1:
                for d in ec.documents:
                    infos[d].events.add(ec.id)
        for (doc_id, _), cid in canonical_of.items():
            if actor_types.get(cid) in STORY_ACTOR_TYPES and doc_id in infos:
                infos[doc_id].actors.add(cid)
        stories = resolve_stories(list(infos.values()), previous={d: r.story_id for d, r in docs.items() if r.story_id})
        layer = build_layer(entity_clusters, event_clusters, stories, docs.values())
        tx.replace(layer)
    return ResolutionSummary(
        entities=len(entity_rows), canonical_entities=len(entity_clusters), events=len(event_rows),
        canonical_events=len(event_clusters), stories=len(stories),
        seconds=time.perf_counter() - started, documents=len(docs),
    )


def previous_ids(rows: Iterable[EntityRecord | EventRecord]) -> dict[int, str]:
    return {r.row: r.canonical_id for r in rows if r.canonical_id}


def entity_input(r: EntityRecord) -> EntityInput:
    return EntityInput(key=r.row, doc_id=r.doc_id, local_id=r.local_id, name=r.name, type=r.type,
                       country=r.country, sector=r.sector, kb_id=r.kb_id, titles=r.titles, aliases=r.aliases)


def event_input(r: EventRecord, canonical_of: Mapping[tuple[str, str], str | None],
                docs: dict[str, DocumentInput]) -> EventInput:
    def canon(ids: list[str] | None) -> list[str]:
        out: list[str] = []
        for local in ids or []:
            cid = canonical_of.get((r.doc_id, local))
            if cid and cid not in out:
                out.append(cid)
        return out

    doc = docs.get(r.doc_id)
    return EventInput(
        key=r.row, doc_id=r.doc_id, local_id=r.local_id, type=r.type,
        actors=canon(r.actors), recipients=canon(r.recipients),
        modality=r.modality or Modality.ASSERTED, mode=r.mode, contexts=r.contexts,
        date_value=(r.date or {}).get("value"), date_text=(r.date or {}).get("text"),
        date_inferred=bool((r.date or {}).get("inferred")),
        # a place only inferred from the dateline is no evidence against another report's place
        location=(next(iter(canon([r.location])), None) if r.location and not r.location_inferred else None),
        published=doc.published if doc else None, trigger=r.trigger,
        lemma=trigger_lemma((r.trigger or {}).get("text")), source=doc.source if doc else None,
    )


def _evidence_rows(kind: str, clusters) -> list[dict]:
    """One evidence row per member of each cluster: why that document's fact joined it."""
    return [dict(kind=kind, canonical_id=c.id, doc_id=m.doc_id, local_id=m.local_id,
                 reason=c.evidence[m.key][0], detail=c.evidence[m.key][1])
            for c in clusters for m in c.members]


def cluster_keys(entity_clusters: list[EntityCluster], event_clusters: list[EventCluster],
                 docs: Iterable[DocumentInput]) -> list[dict[str, str]]:
    """The blocking keys of the clusters and documents written (see :mod:`.blocking`)."""
    keys = [dict(kind="entity", key=k, ref=c.id)
            for c in entity_clusters for k in sorted({k for m in c.members for k in entity_keys(m)})]
    for c in event_clusters:
        keys += [dict(kind="event", key=k, ref=c.id) for k in sorted(event_cluster_keys(c.members))]
    keys += [dict(kind="band", key=k, ref=d.doc_id) for d in docs for k in sorted(band_keys(d.minhash))]
    return keys


def event_cluster_keys(members: list[EventInput]) -> set[str]:
    """A cluster's blocking keys, over every state it passed through as its members joined (in
    the full pass's order): a later event meets the cluster as it was then, with a wider
    interval, or still naming no participant (so joinable on the trigger lemma alone); and each
    member's own keys: a new event earlier in that order can found a cluster a member then
    prefers to the one it is in."""
    keys: set[str] = set()
    stems: set[str] = set()
    bare = True
    for m, span in zip(members, interval_steps(members), strict=True):
        bare = bare and not m.participants
        stems |= set(event_stems(m, bare=bare))
        keys |= event_keys(stems, span)
        keys |= event_keys(event_stems(m, bare=not m.participants), event_interval(m))
    return keys


def event_record(c: EventCluster) -> dict:
    """A canonical event's stored row."""
    return dict(id=c.id, type=c.type, mode=c.mode, contexts=c.contexts, actors=c.actors,
                recipients=c.recipients, date_value=c.date_value, date_text=c.date_text,
                sort_date=c.sort_date, location=c.location, modality=c.modality, status=c.status,
                history=c.history, n_mentions=len(c.members), n_documents=len(c.documents))


def stored_form(c: EventCluster) -> StoredEvent:
    """What the store holds for an event cluster: its row and its members' evidence."""
    return StoredEvent(record=event_record(c),
                       evidence=frozenset((r["doc_id"], r["local_id"], r["reason"], r["detail"])
                                          for r in _evidence_rows("event", [c])))


def build_layer(entity_clusters: list[EntityCluster], event_clusters: list[EventCluster], stories: list[Story],
                docs: Iterable[DocumentInput]) -> CanonicalLayer:
    return CanonicalLayer(
        entities=[dict(
            id=c.id, name=c.name, type=c.type, country=c.country, sector=c.sector, kb_id=c.kb_id,
            aliases=c.aliases, titles=c.titles, n_documents=len(c.documents), n_mentions=len(c.members),
            tally=c.tally,
        ) for c in entity_clusters],
        events=[event_record(c) for c in event_clusters],
        evidence=_evidence_rows("entity", entity_clusters) + _evidence_rows("event", event_clusters),
        stories=[dict(
            id=st.id, title=st.title, first_published=st.first_published,
            last_published=st.last_published, n_documents=len(st.documents) + st.unread, evidence=st.evidence,
        ) for st in stories],
        entity_of_row={m.key: c.id for c in entity_clusters for m in c.members},
        event_of_row={m.key: c.id for c in event_clusters for m in c.members},
        story_of_document={d: (st.id, st.duplicates.get(d)) for st in stories for d in st.documents},
        keys=cluster_keys(entity_clusters, event_clusters, docs),
    )


def needs_resolution(store: Store) -> bool:
    """True when some stored row has no canonical record yet (e.g. after an interrupted ingest)."""
    return store.needs_resolution()

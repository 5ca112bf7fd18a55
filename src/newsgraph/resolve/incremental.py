"""Incremental resolution: after an ingest or a removal, resolve only what changed.

What is resolved again, in three steps, each against what the store's blocking keys
(:mod:`.blocking`) say the changed facts could join:

1. entities: the new entity rows (no canonical id yet) and the members of every canonical entity
   that shares a blocking key with one of them or lost a member (its document was removed or
   replaced); the other entities of those documents are given as context for co-occurrence;
2. events: the new event rows, every event of a document whose entities changed cluster, and the
   members of every canonical event that shares a key (type + party or trigger lemma + month)
   with one of them, held one of them, or lost a member;
3. stories: the new documents, the documents of stories that lost one, of events and actors that
   changed, and those sharing a MinHash band, a multi-document event or a rare actor with one of
   them — with every document of the stories they belong to.

Everything else keeps its canonical record untouched, so the cost follows the batch and the
records it touches, not the size of the store.  The clustering rules are the full pass's, run on
that part of the store (``tests/store/test_incremental.py`` compares the two on a corpus with
additions, replacements and removals).  After a change of rules run the full pass
(``newsgraph resolve --full``).
"""

from __future__ import annotations

import time
from collections import defaultdict

from ..store import Store
from ..store.canonical import ResolutionTransaction
from .blocking import band_keys, entity_keys, event_lookup
from .entities import EntityCluster
from .events import EventCluster, event_interval, published_date
from .stories import STORY_DAYS, DocInfo, resolve_stories
from . import (STORY_ACTOR_TYPES, ResolutionSummary, build_layer, entity_input, event_input, previous_ids,
               resolve_entities, resolve_events)


def resolve_incremental(store: Store) -> ResolutionSummary:
    started = time.perf_counter()
    with store.resolution() as tx:
        dirty = tx.dirty()
        taken_entities, taken_events, taken_stories = tx.canonical_ids()
        entity_clusters, entity_gone, changed_docs, n_entity_rows = _entities(tx, dirty, taken_entities)
        event_clusters, event_gone, n_event_rows = _events(tx, dirty, taken_events, entity_clusters, changed_docs)
        stories, story_gone, story_docs = _stories(tx, dirty, taken_stories, entity_clusters, event_clusters,
                                                   changed_docs, event_gone)
        layer = build_layer(entity_clusters, event_clusters, stories, story_docs)
        tx.update(layer, entity_gone, event_gone, story_gone, {d.doc_id for d in story_docs} | dirty["document"])
        n_entities = len(taken_entities - entity_gone) + len(entity_clusters)
        n_events = len(taken_events - event_gone) + len(event_clusters)
        n_stories = len(taken_stories - story_gone) + len(stories)
    return ResolutionSummary(
        entities=n_entity_rows, canonical_entities=n_entities, events=n_event_rows, canonical_events=n_events,
        stories=n_stories, seconds=time.perf_counter() - started, full=False, documents=len(story_docs))


def _entities(tx: ResolutionTransaction, dirty: dict[str, set[str]],
              taken: set[str]) -> tuple[list[EntityCluster], set[str], set[str], int]:
    """(clusters written, canonical ids they replace, documents whose entities changed cluster, rows read)."""
    new_rows = tx.entities(set())
    keys = {k for r in new_rows for k in entity_keys(entity_input(r))}
    affected = (tx.refs_of_keys("entity", keys) | dirty["entity"]) & taken
    rows = tx.entities(affected) if affected else new_rows
    inputs = [entity_input(r) for r in rows]
    in_subset = {r.row for r in rows}
    docs = {r.doc_id for r in rows}
    context: dict[str, set[str]] = defaultdict(set)
    if any(r.type == "PERSON" for r in new_rows):  # co-occurrence looks at the documents' other actors
        for (doc_id, _local), cid in tx.entity_ids_of_documents(docs).items():
            if cid and cid not in affected:
                context[doc_id].add(cid)
    clusters = resolve_entities(inputs, previous_ids(rows), taken - affected, context)
    now = {m.key: c.id for c in clusters for m in c.members}
    changed_docs = {r.doc_id for r in rows if r.canonical_id != now.get(r.row)}
    del in_subset
    return clusters, affected, changed_docs, len(rows)


def _events(tx: ResolutionTransaction, dirty: dict[str, set[str]], taken: set[str],
            entity_clusters: list[EntityCluster], changed_docs: set[str]) -> tuple[list[EventCluster], set[str], int]:
    first = tx.events(set(), changed_docs)
    docs_needed = {r.doc_id for r in first}
    canonical_of, docs, country_of, names = _event_context(tx, docs_needed, entity_clusters)
    keys: set[str] = set()
    prefixes: set[str] = set()
    for r in first:
        event = event_input(r, canonical_of, docs)
        k, p = event_lookup(event, event_interval(event))
        keys |= k
        prefixes |= p
    held = {r.canonical_id for r in first if r.canonical_id}
    affected = (tx.refs_of_keys("event", keys, prefixes) | held | dirty["event"]) & taken
    rows = tx.events(affected, changed_docs) if affected else first
    more = {r.doc_id for r in rows} - docs_needed
    if more:
        extra = _event_context(tx, more, entity_clusters)
        canonical_of.update(extra[0])
        docs.update(extra[1])
        country_of.update(extra[2])
        names.update(extra[3])
    inputs = [event_input(r, canonical_of, docs) for r in rows]
    clusters = resolve_events(inputs, country_of, names, previous=previous_ids(rows), taken=taken - affected)
    return clusters, affected, len(rows)


def _event_context(tx: ResolutionTransaction, doc_ids: set[str], entity_clusters: list[EntityCluster]):
    """What event inputs of ``doc_ids`` need: canonical ids of their entities (this pass's where
    re-resolved), their documents, and the countries and names of the canonical entities."""
    canonical_of = tx.entity_ids_of_documents(doc_ids)
    for c in entity_clusters:
        for m in c.members:
            if m.doc_id in doc_ids:
                canonical_of[(m.doc_id, m.local_id)] = c.id
    docs = {d.doc_id: d for d in tx.documents(doc_ids)}
    fresh = {c.id: (c.name, c.type, c.country) for c in entity_clusters}
    wanted = {cid for cid in canonical_of.values() if cid and cid not in fresh}
    summaries = {**tx.entity_summaries(wanted), **fresh}
    country_of = {cid: s[2] for cid, s in summaries.items() if s[2]}
    names = {cid: s[0] for cid, s in summaries.items()}
    return canonical_of, docs, country_of, names


def _stories(tx: ResolutionTransaction, dirty: dict[str, set[str]], taken: set[str],
             entity_clusters: list[EntityCluster], event_clusters: list[EventCluster], changed_docs: set[str],
             event_gone: set[str]):
    """(stories written, story ids they replace, the documents whose story was resolved)."""
    total = tx.count_documents()
    rare_limit = max(20, total // 100)
    seeds = tx.new_documents() | tx.documents_of_stories(dirty["story"]) | changed_docs
    seeds |= {d for c in event_clusters for d in c.documents} | tx.documents_of_events(event_gone)
    seed_docs = tx.documents(seeds)
    seeds = {d.doc_id for d in seed_docs}
    # candidates: near-copies (shared MinHash band), rare actors close in time
    candidates = tx.refs_of_keys("band", {k for d in seed_docs for k in band_keys(d.minhash)})
    fresh_counts = {c.id: len(c.documents) for c in entity_clusters}
    entity_facts, _ = tx.document_facts(seeds)
    actors = {cid for _d, cid, t in entity_facts if cid and t in STORY_ACTOR_TYPES}
    actors |= {c.id for c in entity_clusters if c.type in STORY_ACTOR_TYPES and set(c.documents) & seeds}
    counts = {**tx.entity_document_counts(actors), **fresh_counts}
    rare = {a for a in actors if counts.get(a, 0) <= rare_limit}
    days = [published_date(d.published) for d in seed_docs]
    dated = [x for x in days if x]
    if rare and dated:
        lo, hi = min(dated).toordinal() - STORY_DAYS, max(dated).toordinal() + STORY_DAYS
        for d in tx.documents(tx.documents_of_entities(rare)):
            day = published_date(d.published)
            if day and lo <= day.toordinal() <= hi:
                candidates.add(d.doc_id)
    wider = tx.documents(seeds | candidates)
    gone = {d.story_id for d in wider if d.story_id} | (dirty["story"] & taken)
    subset = seeds | candidates | tx.documents_of_stories(gone)
    docs = tx.documents(subset)
    infos = _doc_infos(tx, docs, entity_clusters, event_clusters)
    doc_freq = {**tx.entity_document_counts({a for i in infos for a in i.actors}), **fresh_counts}
    stories = resolve_stories(infos, doc_freq, total, {d.doc_id: d.story_id for d in docs if d.story_id},
                              taken - gone)
    return stories, gone & taken, docs


def _doc_infos(tx: ResolutionTransaction, docs, entity_clusters: list[EntityCluster],
               event_clusters: list[EventCluster]) -> list[DocInfo]:
    doc_ids = {d.doc_id for d in docs}
    infos = {d.doc_id: DocInfo(doc_id=d.doc_id, published=d.published, title=d.title, signature=d.minhash)
             for d in docs}
    entity_of = tx.entity_ids_of_documents(doc_ids)
    types = {}
    for c in entity_clusters:
        types[c.id] = c.type
        for m in c.members:
            if m.doc_id in doc_ids:
                entity_of[(m.doc_id, m.local_id)] = c.id
    entity_facts, event_facts = tx.document_facts(doc_ids)
    for _d, cid, t in entity_facts:
        if cid and cid not in types:
            types[cid] = t
    for (doc_id, _local), cid in entity_of.items():
        if cid and types.get(cid) in STORY_ACTOR_TYPES:
            infos[doc_id].actors.add(cid)
    fresh = {c.id: c for c in event_clusters}
    event_of = {(d, cid) for d, cid in event_facts if cid and cid not in fresh}
    for c in event_clusters:
        for d in c.documents:
            if d in doc_ids:
                event_of.add((d, c.id))
    counts = {**tx.event_document_counts({cid for _d, cid in event_of if cid not in fresh}),
              **{c.id: len(c.documents) for c in event_clusters}}
    for d, cid in event_of:
        if counts.get(cid, 0) > 1:
            infos[d].events.add(cid)
    return list(infos.values())

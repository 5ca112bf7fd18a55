"""Incremental resolution: after an ingest or a removal, resolve only what changed.

What is resolved again, in three steps, each against what the store's blocking keys
(:mod:`.blocking`) say the changed facts could join:

1. entities: the new entity rows (no canonical id yet) and the members of every canonical entity
   that shares a blocking key with one of them or lost a member (its document was removed or
   replaced); the other entities of those documents are given as context for co-occurrence;
2. events: the new event rows, every event of a document whose entities changed cluster, and the
   members of every canonical event that shares a key (type + party or trigger lemma + month)
   with one of them, held one of them, or lost a member; then, until nothing more is found, the
   clusters that the keys of old events lead to when those events were put with other old
   events than before, or sit in a cluster whose state is new (it gained a member: an event
   left out may prefer it now).  A cluster that comes out as its stored record (same members,
   none whose document's entities moved, same row and evidence) is not written again;
3. stories: the new documents, the documents of stories that lost one, of events and actors that
   changed, and those sharing a MinHash band, a multi-document event or a rare actor with one of
   them.  A stored story one of them belongs to is joined whole, as a record (its counts, dates
   and evidence added up), without reading its other documents.  A group of documents that may
   have lost links among themselves (a split event, a regrouped entity, an actor no longer
   rare) and that this pass's links leave apart is followed link by link from all its parts but
   the largest, until they meet or all but one are closed (every neighbour read: a story of its
   own, taken out of the stored one); past a budget, its stories are read whole.

Everything else keeps its canonical record untouched, so the cost follows the batch and the
records it touches, not the size of the store.  The clustering rules are the full pass's, run on
that part of the store (``tests/store/test_incremental.py`` compares the two on a corpus with
additions, replacements and removals).  After a change of rules run the full pass
(``newsgraph resolve --full``).
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..store import Store
from ..store.canonical import DocumentInput, ResolutionTransaction, entity_ids
from ..store.keys import tokens
from . import (
    STORY_ACTOR_TYPES,
    ResolutionSummary,
    build_layer,
    entity_input,
    event_input,
    previous_ids,
    resolve_entities,
    resolve_events,
    stored_form,
)
from .blocking import band_keys, entity_keys, event_lookup
from .entities import COUNTRY_STRICT, EntityCluster, add_to_tally, fresh_id, ids_by_claims, tallied_fields
from .events import EventCluster, EventInput, event_interval, published_date
from .stories import (
    RARE_ACTOR_DOCUMENTS,
    STORY_DAYS,
    DisjointSets,
    DocInfo,
    NearCopies,
    Story,
    resolve_stories,
    similar_rows,
)


def resolve_incremental(store: Store) -> ResolutionSummary:
    if store.needs_full_resolution():  # the stored blocking keys predate the rules (a migration says so)
        from . import resolve_store

        return resolve_store(store, full=True)
    started = time.perf_counter()
    reserved = store.corrections.reserved_entity_ids()  # ids review splits give (newsgraph.review)
    with store.resolution() as tx:
        dirty = tx.dirty()
        losses: list[set[str]] = []  # groups of documents that may have lost links among them (see _stories)
        taken_entities, taken_events, taken_stories = tx.canonical_ids()
        entity_clusters, entity_gone, changed_docs, n_entity_rows = _entities(tx, dirty, taken_entities, losses,
                                                                              reserved)
        event_clusters, event_gone, moved, n_event_rows = _events(tx, dirty, taken_events, entity_clusters,
                                                                  changed_docs, losses)
        event_rows = tx.last_events()
        kept = _unchanged_events(tx, event_rows, event_clusters, changed_docs) - dirty["event"]  # dirty: lost members
        event_clusters = [c for c in event_clusters if c.id not in kept]
        event_gone -= kept
        stories, story_gone, story_docs, renames = _stories(tx, dirty, taken_stories, entity_clusters,
                                                            event_clusters, changed_docs | moved, losses)
        unkeyed = [d for d in story_docs if d.story_id is None]  # a stored document's bands never change
        layer = build_layer(entity_clusters, event_clusters, stories, unkeyed)
        layer.event_of_row = {**{r.row: r.canonical_id for r in event_rows if r.canonical_id in kept},
                              **layer.event_of_row}  # rows of the records kept stay where they are
        layer.story_renames = renames
        tx.update(layer, entity_gone, event_gone, story_gone, {d.doc_id for d in unkeyed} | dirty["document"])
        n_entities = len(taken_entities - entity_gone) + len(entity_clusters)
        n_events = len(taken_events - event_gone) + len(event_clusters)
        n_stories = len(taken_stories - story_gone) + len(stories)
    return ResolutionSummary(
        entities=n_entity_rows, canonical_entities=n_entities, events=n_event_rows, canonical_events=n_events,
        stories=n_stories, seconds=time.perf_counter() - started, full=False, documents=len(story_docs))


def _entities(tx: ResolutionTransaction, dirty: dict[str, set[str]], taken: set[str], losses: list[set[str]],
              reserved: frozenset[str] | set[str] = frozenset(),
              ) -> tuple[list[EntityCluster], set[str], set[str], int]:
    """(clusters written, canonical ids they replace, documents whose entities changed cluster, rows read).

    A new entity whose blocking keys lead to exactly one canonical entity, which it joins by its
    knowledge-base id or its name without a conflict, is added to it in place (its tally updated,
    no other member read); everything else is clustered again with the records its keys lead to."""
    new_rows = tx.entities(set())
    keys_of = {r.row: entity_keys(entity_input(r), lookup=True) for r in new_rows}
    refs = tx.refs_by_key("entity", {k for ks in keys_of.values() for k in ks})
    direct = _direct_joins(tx, new_rows, keys_of, refs, dirty["entity"] & taken, losses)
    slow_rows = [r for r in new_rows if r.row not in direct]
    affected = ({ref for r in slow_rows for k in keys_of[r.row] for ref in refs.get(k, ())} | dirty["entity"]) & taken
    if not slow_rows and not affected:
        return [], set(), set(), len(new_rows)
    rows = tx.entities(affected)
    rows = [r for r in rows if r.row not in direct]
    inputs = [entity_input(r) for r in rows]
    docs = {r.doc_id for r in rows}
    context: dict[str, set[str]] = defaultdict(set)
    if any(r.type == "PERSON" for r in slow_rows):  # co-occurrence looks at the documents' other actors
        for (doc_id, _local), cid in tx.entity_ids_of_documents(docs).items():
            if cid and cid not in affected:
                context[doc_id].add(cid)
        for r in new_rows:
            if r.row in direct:
                context[r.doc_id].add(direct[r.row])
    clusters = resolve_entities(inputs, previous_ids(rows), (taken - affected) | reserved, context)
    now = {m.key: c.id for c in clusters for m in c.members}
    kind_of = {cid: summary[1] for cid, summary in tx.entity_summaries(affected).items()}
    old_of = {r.row: r.canonical_id for r in rows if r.canonical_id in kind_of}
    lost = _regrouped(rows, now, merges=True) | {old_of[m.key] for c in clusters for m in c.members if m.key in old_of
                                                 and _actor_kind(kind_of[old_of[m.key]]) != _actor_kind(c.type)}
    losses.extend(_documents_by_record(rows, lost))
    changed_docs = {r.doc_id for r in rows if r.canonical_id != now.get(r.row)}
    return clusters, affected, changed_docs, len(rows) + len(direct)


def _direct_joins(tx: ResolutionTransaction, new_rows, keys_of: dict[int, set[str]], refs: dict[str, set[str]],
                  dirty: set[str], losses: list[set[str]]) -> dict[int, str]:
    """New rows that join one canonical entity in place (written here): row -> canonical id."""
    target: dict[int, str] = {}
    for r in new_rows:
        hit = {ref for k in keys_of[r.row] for ref in refs.get(k, ())}
        if len(hit) == 1 and not hit & dirty and not _single_word_person(r):
            joined_by = {k for k in keys_of[r.row] if k.startswith(("kb:", "n:")) and refs.get(k)}
            if joined_by:
                target[r.row] = next(iter(hit))
    canon = tx.entity_tallies(set(target.values()))
    by_row = {r.row: r for r in new_rows}
    target = {row: cid for row, cid in target.items()
              if canon.get(cid, {}).get("tally") and _compatible(by_row[row], canon[cid])}
    # a row sharing a key, or a canonical entity, with a row clustered again is clustered again with it
    stored = {r.row: entity_keys(entity_input(r)) for r in new_rows}
    while True:
        slow = [r.row for r in new_rows if r.row not in target]
        slow_keys = {k for row in slow for k in keys_of[row]}
        slow_hits = {ref for k in slow_keys for ref in refs.get(k, ())}
        slow_keys |= {k for row in slow for k in entity_keys(entity_input(by_row[row]))}
        drop = {row for row, cid in target.items() if cid in slow_hits or (keys_of[row] | stored[row]) & slow_keys}
        if not drop:
            break
        for row in drop:
            del target[row]
    _write_direct(tx, [by_row[row] for row in target], target, canon, keys_of, refs, losses)
    return target


def _by_record(rows, value: Callable[[Any], Any]) -> dict[str, set]:
    """Stored canonical record -> ``value`` of each of its rows (rows with no record left out)."""
    out: dict[str, set] = defaultdict(set)
    for r in rows:
        if r.canonical_id:
            out[r.canonical_id].add(value(r))
    return out


def _documents_by_record(rows, records: set[str]) -> list[set[str]]:
    """For each of ``records``, the documents of its rows."""
    return [docs for cid, docs in _by_record(rows, lambda r: r.doc_id).items() if cid in records]


def _regrouped(rows, now: dict[int, str], merges: bool) -> set[str]:
    """The old canonical records whose rows are now split over several records, or (with
    ``merges``) now in one record with the rows of another old record."""
    went = _by_record(rows, lambda r: now.get(r.row))
    out = {cid for cid, targets in went.items() if len(targets) > 1}
    if merges:
        sources: dict[str | None, set[str]] = defaultdict(set)
        for cid, targets in went.items():
            for target in targets:
                sources[target].add(cid)
        out |= {cid for olds in sources.values() if len(olds) > 1 for cid in olds}
    return out


def _actor_kind(entity_type: str) -> bool:
    return entity_type in STORY_ACTOR_TYPES


def _single_word_person(r) -> bool:
    return r.type == "PERSON" and len(tokens(r.name, "PERSON")) == 1


def _compatible(r, canonical: dict) -> bool:
    if r.kb_id and canonical["kb_id"] and r.kb_id != canonical["kb_id"]:
        return False
    return not (r.type in COUNTRY_STRICT and r.country and canonical["country"]
                and canonical["type"] in COUNTRY_STRICT and r.country != canonical["country"])


def _write_direct(tx: ResolutionTransaction, rows, target: dict[int, str], canon: dict[str, dict],
                  keys_of: dict[int, set[str]], refs: dict[str, set[str]], losses: list[set[str]]) -> None:
    members: dict[str, list] = defaultdict(list)
    for r in rows:
        members[target[r.row]].append(r)
    out, evidence, keys = [], [], []
    for cid, new in members.items():
        row = dict(canon[cid])
        counts = row["tally"]
        inputs = [entity_input(r) for r in new]
        add_to_tally(counts, inputs)
        row.update(tallied_fields(counts))
        if _actor_kind(row["type"]) != _actor_kind(canon[cid]["type"]):  # its documents' links change
            losses.append(tx.documents_of_entities({cid}))
        row["tally"] = counts
        row["n_mentions"] += len(new)
        row["n_documents"] += len({r.doc_id for r in new})
        row.pop("norm_name", None)
        out.append(row)
        for r in new:
            how = "kb_id" if r.kb_id and r.kb_id == canon[cid]["kb_id"] else "name"
            evidence.append(dict(kind="entity", canonical_id=cid, doc_id=r.doc_id, local_id=r.local_id, reason=how,
                                 detail=f"'{r.name}' joins '{canon[cid]['name']}': same "
                                        f"{'knowledge-base id ' + r.kb_id if how == 'kb_id' else 'normalised name'}"))
        known = {k for r in new for k in entity_keys(entity_input(r))}
        keys += [dict(kind="entity", key=k, ref=cid) for k in sorted(known) if cid not in refs.get(k, ())]
    tx.add_entity_members(out, evidence, target, keys)


def _events(tx: ResolutionTransaction, dirty: dict[str, set[str]], taken: set[str],
            entity_clusters: list[EntityCluster], changed_docs: set[str],
            losses: list[set[str]]) -> tuple[list[EventCluster], set[str], set[str], int]:
    """(clusters written, canonical ids they replace, documents whose events' grouping changed, rows read).

    The greedy clustering is run again on the new events and the clusters their keys lead to; an
    old event that the run puts with other old events than before looks its keys up too, and the
    clusters they lead to join the run, until no event moves towards a cluster left out."""
    first = tx.events(set(), changed_docs)
    context = _event_context(tx, {r.doc_id for r in first}, entity_clusters)
    looked_up = {r.row for r in first}
    held = {r.canonical_id for r in first if r.canonical_id}
    found = _event_refs(tx, [event_input(r, context[0], context[1]) for r in first])
    affected = (found | held | dirty["event"]) & taken
    rows = list(first)
    read: set[str] = set()  # canonical events whose rows were read
    inputs: dict[int, EventInput] = {}
    while True:
        rows += tx.more_events(affected - read)
        read |= affected
        _extend_context(tx, context, {r.doc_id for r in rows}, entity_clusters)
        canonical_of, docs, country_of, names = context
        inputs.update((r.row, event_input(r, canonical_of, docs)) for r in rows if r.row not in inputs)
        clusters = resolve_events(list(inputs.values()), country_of, names, previous=previous_ids(rows),
                                  taken=taken - affected)
        moved_rows = [row for row in _rerouted(rows, clusters) | _grown(rows, clusters, changed_docs)
                      if row not in looked_up]
        looked_up |= set(moved_rows)
        wider = (_event_refs(tx, [inputs[row] for row in moved_rows]) & taken) - affected
        if not wider:
            break
        affected |= wider
    split = _regrouped(rows, {m.key: c.id for c in clusters for m in c.members}, merges=False)
    losses.extend(_documents_by_record(rows, split))
    before = _by_record(rows, lambda r: r.doc_id)
    after = {c.id: set(c.documents) for c in clusters}
    moved = {d for cid in set(before) | set(after) if before.get(cid) != after.get(cid)
             for d in before.get(cid, set()) | after.get(cid, set())}
    return clusters, affected, moved, len(rows)


def _unchanged_events(tx: ResolutionTransaction, rows, clusters: list[EventCluster],
                      changed_docs: set[str]) -> set[str]:
    """Clusters of this pass that are their stored record again: the same id and members, no
    member whose document's entities changed cluster (its inputs, so its keys, are as before),
    and the same row and evidence as stored (a participant's name in the evidence...).  They
    need not be written again."""
    members = _by_record(rows, lambda r: r.row)
    same = {c.id: c for c in clusters if _as_stored(c, members, changed_docs)}
    stored = tx.stored_events(set(same))
    return {cid for cid, c in same.items() if cid in stored and stored[cid] == stored_form(c)}


def _grown(rows, clusters: list[EventCluster], changed_docs: set[str]) -> set[int]:
    """The old rows of this run's clusters that are in a state their stored records never passed
    through (a new member, an old member's participants changed): an event of a cluster left out
    of the run may prefer such a cluster now (it shares a party, a trigger lemma or a time with
    one of its members), so they look their keys up too."""
    old_of = {r.row: r.canonical_id for r in rows if r.canonical_id}
    members = _by_record(rows, lambda r: r.row)
    out: set[int] = set()
    for c in clusters:
        if not _as_stored(c, members, changed_docs):
            out |= {m.key for m in c.members if m.key in old_of}
    return out


def _as_stored(c: EventCluster, members: dict[str, set], changed_docs: set[str]) -> bool:
    """The cluster has the id and member rows of a stored record (``members``: record -> rows),
    and no member whose document's entities changed cluster: its state is one that record had."""
    return members.get(c.id) == {m.key for m in c.members} and not any(m.doc_id in changed_docs for m in c.members)


def _event_refs(tx: ResolutionTransaction, events) -> set[str]:
    """The canonical events the blocking keys of ``events`` lead to."""
    keys: set[str] = set()
    prefixes: set[str] = set()
    for event in events:
        k, p = event_lookup(event, event_interval(event))
        keys |= k
        prefixes |= p
    return tx.refs_of_keys("event", keys, prefixes) if keys or prefixes else set()


def _rerouted(rows, clusters: list[EventCluster]) -> set[int]:
    """Old event rows that this run groups with other old rows than they were grouped with."""
    old_cluster = {r.row: r.canonical_id for r in rows if r.canonical_id}
    out: set[int] = set()
    for c in clusters:
        old_members = {m.key for m in c.members if m.key in old_cluster}
        if len({old_cluster[k] for k in old_members}) > 1:  # old clusters merged
            out |= old_members
    now = {m.key: c.id for c in clusters for m in c.members}
    for members in _by_record(rows, lambda r: r.row).values():
        if len({now.get(row) for row in members}) > 1:  # an old cluster split
            out |= members
    return out


def _extend_context(tx: ResolutionTransaction, context, doc_ids: set[str], entity_clusters: list[EntityCluster]):
    more = doc_ids - set(context[1])
    if more:
        extra = _event_context(tx, more, entity_clusters)
        for have, add in zip(context, extra, strict=True):
            have.update(add)


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
             losses: list[set[str]]):
    """(stories written, story ids they replace, the documents read, renames: old story id -> the
    story its documents that were not read now belong to).

    The documents touched (new, changed, and their candidates) are linked among themselves.  A
    stored story one of them belongs to is joined whole, as a record, unless it may have come
    apart: it lost a document (it is read in full and linked again), or it holds a group of
    documents that may have lost links among themselves (``losses``: the documents of a split
    event or a regrouped entity, of an actor no longer rare) that the links of this pass leave
    apart: their neighbours are read (:func:`_open_parts`) until the group is connected again or
    its parts but one are whole stories, which leave the stored story; past NEIGHBOUR_DOCUMENTS
    the stories are read in full."""
    new_docs = tx.new_documents()
    seeds = new_docs | tx.documents_of_stories(dirty["story"]) | changed_docs
    seed_docs = tx.documents(seeds)
    seeds = {d.doc_id for d in seed_docs}
    # candidates: near-copies (a shared MinHash band and a similar signature), rare actors close in time
    candidates = _near_copies(tx, seed_docs)
    fresh_counts = {c.id: len(c.documents) for c in entity_clusters}
    entity_facts, _ = tx.document_facts(seeds)
    actors = {cid for _d, cid, t in entity_facts if cid and t in STORY_ACTOR_TYPES}
    actors |= {c.id for c in entity_clusters if c.type in STORY_ACTOR_TYPES and set(c.documents) & seeds}
    counts = {**tx.entity_document_counts(actors), **fresh_counts}
    rare = {a for a in actors if counts.get(a, 0) <= RARE_ACTOR_DOCUMENTS}
    candidates |= _close_in_time(tx, seed_docs, entity_facts, entity_clusters, rare)
    no_longer_rare = _rarity_changed(tx, entity_facts, entity_clusters, counts, new_docs, dirty["entity"])
    groups = [g for g in [*losses, no_longer_rare] if len(g) > 1]
    touched = seeds | candidates | {d for g in groups for d in g}
    relinked = dirty["story"] & taken
    expanded: set[str] = set()  # documents whose neighbours are read too
    infos_of: dict[str, DocInfo] = {}
    doc_freq = dict(fresh_counts)  # documents naming each actor (this pass's count where re-resolved)
    reads = _StoryReads()
    near_copies = NearCopies()  # the documents read only grow from round to round
    while True:
        docs = _story_documents(tx, touched, relinked, reads)
        unread = [d for d in docs if d.doc_id not in infos_of]
        infos_of.update((i.doc_id, i) for i in _doc_infos(tx, unread, entity_clusters, event_clusters))
        infos = [infos_of[d.doc_id] for d in docs]
        doc_freq.update(tx.entity_document_counts({a for i in infos for a in i.actors} - doc_freq.keys()))
        linked = resolve_stories(infos, doc_freq, near_copies=near_copies)
        old_story = {d.doc_id: d.story_id for d in docs if d.story_id}
        open_parts = _open_parts(linked, groups, old_story, relinked, expanded)
        if not open_parts:
            break
        # follow the links of every open part but the largest: it closes (a story of its own) or meets another
        frontier = {d for _group, parts in open_parts for part in parts[:-1] for d in part} - expanded
        if frontier and len(docs) <= len(seeds) + NEIGHBOUR_DOCUMENTS:
            touched |= _neighbours(tx, infos_of, frontier, doc_freq, entity_clusters, event_clusters)
            expanded |= frontier
            continue
        # past the budget: the stories holding those groups are read whole and linked again (all of
        # them, so those groups are done: each round reads more documents or relinks more stories)
        relinked |= {old_story[d] for group, _parts in open_parts for d in group if d in old_story}
    closed = {d for story in linked if set(story.documents) <= expanded for d in story.documents}
    joined = {d: sid for d, sid in old_story.items() if sid not in relinked and d not in closed}
    grouped = _join_through_old_stories(linked, joined)
    stored = _without_departed(tx, tx.story_rows(set(joined.values())), joined, old_story)
    stories, renames = _grown_stories(grouped, stored, old_story, taken - set(old_story.values()) - relinked)
    return stories, (set(old_story.values()) | relinked) & taken, docs, renames


NEIGHBOUR_DOCUMENTS = 4000  # documents read beyond the batch's own while following links from a group


@dataclass
class _StoryReads:
    """What the rounds of one story pass have read (document rows, the copies of originals, the
    documents of relinked stories), so that each round reads only what is new to it."""
    rows: dict[str, DocumentInput] = field(default_factory=dict)
    originals: set[str] = field(default_factory=set)
    copies: set[str] = field(default_factory=set)
    stories: set[str] = field(default_factory=set)
    members: set[str] = field(default_factory=set)


def _story_documents(tx: ResolutionTransaction, touched: set[str], relinked: set[str], reads: _StoryReads):
    """The documents linked in this pass: ``touched``, the near-copy groups they belong to (an
    earlier new copy can change their originals) and every document of the ``relinked`` stories."""
    docs = tx.documents(touched, reads.rows)
    originals = {d.duplicate_of or d.doc_id for d in docs}
    if originals - reads.originals:  # both only grow from round to round
        reads.copies |= tx.copies_of(originals - reads.originals)
        reads.originals |= originals
    if relinked - reads.stories:
        reads.members |= tx.documents_of_stories(relinked - reads.stories)
        reads.stories |= relinked
    more = (originals | reads.copies | reads.members) - touched
    return tx.documents(touched | more, reads.rows) if more else docs


def _open_parts(linked: list[Story], groups: list[set[str]], old_story: dict[str, str], relinked: set[str],
                expanded: set[str]) -> list[tuple[set[str], list[set[str]]]]:
    """Each group of documents that may have lost links among themselves (in stored stories not
    all read whole) and that this pass's links leave in more than one story, with the documents
    of those stories that are still open (not all of their neighbours read), smallest first; only
    groups with more than one open part.  A group whose parts are all closed but one has not
    split its story but into those closed parts: every lost link had both ends in the group, so
    every part of its story holds one of its documents, and a closed part is a whole story."""
    story_of = {d: i for i, story in enumerate(linked) for d in story.documents}
    out = []
    for group in groups:
        if {old_story[d] for d in group if d in old_story} <= relinked:
            continue
        parts = [set(linked[i].documents) for i in sorted({story_of[d] for d in group if d in story_of})]
        still_open = sorted((p for p in parts if not p <= expanded), key=lambda p: (len(p), min(p)))
        if len(still_open) > 1:
            out.append((group, still_open))
    return out


def _neighbours(tx: ResolutionTransaction, infos: dict[str, DocInfo], frontier: set[str], doc_freq: dict[str, int],
                entity_clusters: list[EntityCluster], event_clusters: list[EventCluster]) -> set[str]:
    """Documents one story link away from ``frontier`` or closer: those reporting one of its
    multi-document events or naming one of its rare actors (a superset of the linked ones: a
    document read in excess only costs its reading)."""
    events = {e for d in frontier if d in infos for e in infos[d].events}
    actors = {a for d in frontier if d in infos for a in infos[d].actors
              if doc_freq.get(a, 0) <= RARE_ACTOR_DOCUMENTS}
    out: set[str] = set()
    for clusters, wanted in ((event_clusters, events), (entity_clusters, actors)):
        for c in clusters:  # rewritten in this pass: the store does not know their members yet
            if c.id in wanted:
                out.update(c.documents)
                wanted.discard(c.id)
    return out | tx.documents_of_events(events) | tx.documents_of_entities(actors)


def _near_copies(tx: ResolutionTransaction, seed_docs) -> set[str]:
    """Stored documents that share a MinHash band with a seed document and whose whole signature
    is similar enough to be its near-copy (sharing a band alone is no link: boilerplate does).
    Their signatures are read a chunk at a time: boilerplate bands are held by a share of the
    whole store."""
    mine = {d.doc_id: np.frombuffer(d.minhash, dtype=np.uint64) for d in seed_docs if d.minhash}
    bands = {d.doc_id: band_keys(d.minhash) for d in seed_docs if d.minhash}
    holders = tx.refs_by_key("band", {k for keys in bands.values() for k in keys})
    seeds_of: dict[str, set[str]] = defaultdict(set)  # stored document -> the seeds sharing a band with it
    for seed, keys in bands.items():
        for k in keys:
            for other in holders.get(k, ()):
                if other != seed:
                    seeds_of[other].add(seed)
    out: set[str] = set()
    others = sorted(seeds_of)
    for start in range(0, len(others), SIGNATURE_CHUNK):
        signatures = tx.signatures(set(others[start:start + SIGNATURE_CHUNK]))
        ids = sorted(signatures)
        if not ids:
            continue
        matrix = np.stack([np.frombuffer(signatures[d], dtype=np.uint64) for d in ids])
        rows_of: dict[str, list[int]] = defaultdict(list)  # seed -> rows of the documents sharing a band with it
        for row, doc_id in enumerate(ids):
            for seed in seeds_of[doc_id]:
                rows_of[seed].append(row)
        for seed, rows in rows_of.items():
            out.update(ids[r] for r in similar_rows(matrix, np.array(rows), mine[seed]))
    return out


SIGNATURE_CHUNK = 2000


def _without_departed(tx: ResolutionTransaction, stored: dict[str, dict], joined: dict[str, str],
                      old_story: dict[str, str]) -> dict[str, dict]:
    """The stored stories joined whole, less the documents this pass put in a story of their own
    (a part that split off): their dates and title from the documents left, their evidence
    without the lines naming a departed document."""
    departed: dict[str, set[str]] = defaultdict(set)
    for doc_id, sid in old_story.items():
        if sid in stored and doc_id not in joined:
            departed[sid].add(doc_id)
    out = dict(stored)
    for sid, docs in departed.items():
        evidence = [why for why in stored[sid]["evidence"] if not docs & set(why.split())]
        out[sid] = {**stored[sid], **tx.story_extent(sid, docs), "evidence": evidence}
    return out


def _grown_stories(groups: list[tuple[list[Story], set[str]]], stored: dict[str, dict], old_story: dict[str, str],
                   taken: set[str]) -> tuple[list[Story], dict[str, str]]:
    """One story per group: each old id goes to the group holding most of its documents (a story
    joined whole counts all of them), by the claims :func:`inherited_ids` uses."""
    read_of: dict[int, Counter] = {g: Counter(old_story[d] for p in parts for d in p.documents if d in old_story)
                                   for g, (parts, _olds) in enumerate(groups)}
    read = sum(read_of.values(), Counter())
    # a group joining a story whole holds all of its documents but those read into other groups
    kept = ids_by_claims([Counter({sid: stored[sid]["n_documents"] - read[sid] + n if sid in olds else n
                                   for sid, n in read_of[g].items()}) for g, (_parts, olds) in enumerate(groups)],
                         taken)
    used = set(taken) | set(kept.values())
    stories, renames = [], {}
    for g, (parts, olds) in enumerate(groups):
        whole = [stored[sid] for sid in sorted(olds)]
        story = _grown_story(parts, whole, read, kept.get(g), used)
        stories.append(story)
        renames.update({o["id"]: story.id for o in whole if o["id"] != story.id})
    return stories, renames


def _join_through_old_stories(linked: list[Story], joined: dict[str, str]) -> list[tuple[list[Story], set[str]]]:
    """Groups of the stories linked in this pass that hold documents of one stored story joined
    whole (``joined``: document -> its stored story), with the stored stories each group takes in."""
    sets = DisjointSets(len(linked))
    holder: dict[str, int] = {}
    for i, story in enumerate(linked):
        for doc_id in story.documents:
            if (sid := joined.get(doc_id)) is not None:
                sets.union(i, holder.setdefault(sid, i))
    groups: dict[int, tuple[list[Story], set[str]]] = {}
    for i, story in enumerate(linked):
        parts, olds = groups.setdefault(sets.find(i), ([], set()))
        parts.append(story)
        olds.update(joined[d] for d in story.documents if d in joined)
    return list(groups.values())


def _grown_story(parts: list[Story], whole: list[dict], read: Counter, sid: str | None, used: set[str]) -> Story:
    """The story of one group: the stories linked in this pass plus the stored stories joined whole
    (``whole``; ``read`` counts the documents of each old story that were read), with their dates,
    title and evidence."""
    documents = [d for p in parts for d in p.documents]
    unread = sum(o["n_documents"] - read[o["id"]] for o in whole)
    if sid is None:
        first_part = min(parts, key=lambda p: (p.first_published or "9999", p.documents[0]))
        sid = fresh_id("S", first_part.documents[0], used)
    firsts = [(p.first_published or "9999", 0, p.title) for p in parts]
    firsts += [(o["first_published"] or "9999", 1, o["title"]) for o in whole]
    first = min(firsts, key=lambda f: (f[0], f[1]))
    lasts = [x for x in [p.last_published for p in parts] + [o["last_published"] for o in whole] if x]
    evidence = [why for o in whole for why in o["evidence"]]
    known = set(evidence)
    evidence += [why for p in parts for why in p.evidence if why not in known]
    return Story(id=sid, documents=documents, duplicates={k: v for p in parts for k, v in p.duplicates.items()},
                 title=first[2], first_published=None if first[0] == "9999" else first[0],
                 last_published=max(lasts) if lasts else None, evidence=evidence, unread=unread)


def _rarity_changed(tx: ResolutionTransaction, entity_facts, entity_clusters: list[EntityCluster],
                    counts: dict[str, int], new_docs: set[str], lost_members: set[str]) -> set[str]:
    """Every document naming an actor that may have crossed RARE_ACTOR_DOCUMENTS in this pass:
    named by new documents and no longer rare, but rare without them (its older documents lose
    their links through it), or one that lost members and is rare now (theirs may gain links)."""
    naming_new: dict[str, set[str]] = defaultdict(set)
    for doc_id, cid, t in entity_facts:
        if cid and t in STORY_ACTOR_TYPES and doc_id in new_docs:
            naming_new[cid].add(doc_id)
    for c in entity_clusters:
        if c.type in STORY_ACTOR_TYPES:
            naming_new[c.id] |= set(c.documents) & new_docs
    crossed = {a for a, named in naming_new.items()
               if counts.get(a, 0) > RARE_ACTOR_DOCUMENTS >= counts.get(a, 0) - len(named)}
    crossed |= {c.id for c in entity_clusters if c.id in lost_members and c.type in STORY_ACTOR_TYPES
                and len(c.documents) <= RARE_ACTOR_DOCUMENTS}
    return {doc_id for _cid, doc_id, _published in tx.documents_naming(crossed)} if crossed else set()


def _close_in_time(tx: ResolutionTransaction, seed_docs, entity_facts, entity_clusters: list[EntityCluster],
                   rare: set[str]) -> set[str]:
    """Documents naming a rare actor of a seed document within STORY_DAYS of it."""
    day_of = {d.doc_id: published_date(d.published) for d in seed_docs}
    seeds_of: dict[str, list[int]] = defaultdict(list)
    for doc_id, cid, _t in entity_facts:
        if cid in rare and (day := day_of.get(doc_id)):
            seeds_of[cid].append(day.toordinal())
    for c in entity_clusters:
        if c.id in rare:
            for m in c.members:
                if (day := day_of.get(m.doc_id)):
                    seeds_of[c.id].append(day.toordinal())
    out = set()
    for cid, doc_id, published in tx.documents_naming(set(seeds_of)):
        day = published_date(published)
        if day and any(abs(day.toordinal() - s) <= STORY_DAYS for s in seeds_of[cid]):
            out.add(doc_id)
    return out


def _doc_infos(tx: ResolutionTransaction, docs, entity_clusters: list[EntityCluster],
               event_clusters: list[EventCluster]) -> list[DocInfo]:
    doc_ids = {d.doc_id for d in docs}
    infos = {d.doc_id: DocInfo(doc_id=d.doc_id, published=d.published, title=d.title, signature=d.minhash)
             for d in docs}
    entity_facts = tx.entity_facts(doc_ids)
    entity_of = entity_ids(entity_facts)
    types = {}
    for c in entity_clusters:
        types[c.id] = c.type
        for m in c.members:
            if m.doc_id in doc_ids:
                entity_of[(m.doc_id, m.local_id)] = c.id
    for _d, _local, entity_id, t in entity_facts:
        if entity_id and entity_id not in types:
            types[entity_id] = t
    event_facts = tx.event_facts(doc_ids)
    for (doc_id, _local), actor in entity_of.items():
        if actor and types.get(actor) in STORY_ACTOR_TYPES:
            infos[doc_id].actors.add(actor)
    fresh = {v.id for v in event_clusters}
    event_of = {(d, event_id) for d, event_id in event_facts if event_id and event_id not in fresh}
    for v in event_clusters:
        for d in v.documents:
            if d in doc_ids:
                event_of.add((d, v.id))
    counts = {**tx.event_document_counts({e for _d, e in event_of if e not in fresh}),
              **{v.id: len(v.documents) for v in event_clusters}}
    for d, event_id in event_of:
        if counts.get(event_id, 0) > 1:
            infos[d].events.add(event_id)
    return list(infos.values())

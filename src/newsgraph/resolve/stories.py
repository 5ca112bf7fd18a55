"""Stories (documents following one developing story) and near-duplicate wire copies.

* Near-duplicates: each document gets a MinHash signature of its word 5-shingles
  (:mod:`newsgraph.store.signature`) when it is stored; LSH banding over the stored
  signatures proposes candidate pairs, kept when their estimated Jaccard similarity
  is at least ``DUPLICATE_THRESHOLD``.  A duplicate
  group is collapsed onto its earliest document (``duplicate_of``).
* Stories: documents are linked when they are near-duplicates, when they report
  the same canonical event, or when they share at least ``SHARED_ACTORS`` actors
  (people and organisations, each named in at most ``RARE_ACTOR_DOCUMENTS`` documents) and were
  published within ``STORY_DAYS`` days of each other.  The rarity limit is a fixed count, not a
  share of the store, so a link between two documents does not change as unrelated articles
  are added (and the incremental pass needs to look again only at actors whose count crosses it).
  A story is a connected group; its id comes from its earliest document.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np

from ..store.signature import NUM_PERM, SHINGLE, text_signature

__all__ = ["NUM_PERM", "SHINGLE", "text_signature", "DocInfo", "NearCopies", "Story", "resolve_stories"]

DUPLICATE_THRESHOLD = 0.8
SHARED_ACTORS = 3
# LSH banding: 10 bands of 6 values find a pair with Jaccard 0.8 with p=0.95, 0.9 with p=0.9999,
# and propose only 15% of pairs at 0.5 (each candidate is then checked on the whole signature)
BANDS, ROWS = 10, 6
STORY_DAYS = 30
RARE_ACTOR_DOCUMENTS = 20  # an actor named in more documents than this is no evidence of one story


@dataclass
class DocInfo:
    doc_id: str
    published: str | None
    title: str | None
    signature: bytes | None
    events: set[str] = field(default_factory=set)  # canonical event ids
    actors: set[str] = field(default_factory=set)  # canonical PERSON/ORG ids


@dataclass
class Story:
    id: str
    documents: list[str]
    duplicates: dict[str, str]  # doc -> the copy it duplicates
    title: str | None
    first_published: str | None
    last_published: str | None
    evidence: list[str]
    unread: int = 0  # incremental: documents of the story not read in this pass (not in ``documents``)


class DisjointSets:
    """Union-find over ``0..n-1``; a set's root is its smallest member."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        """Join the sets of ``a`` and ``b``; False when they were one already."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True


def similar_rows(matrix: np.ndarray, rows: np.ndarray, signature: np.ndarray) -> np.ndarray:
    """Those of ``rows`` whose signature (``matrix`` holds one per row) agrees with ``signature``
    on at least DUPLICATE_THRESHOLD of its values: the near-copy test of a candidate pair."""
    return rows[(matrix[rows] == signature).mean(axis=1) >= DUPLICATE_THRESHOLD]


class NearCopies:
    """Which documents are near-copies of which (they share a MinHash band and at least
    DUPLICATE_THRESHOLD of their signature values), for a set of documents that may grow:
    :meth:`add` compares only the documents it is given with those already held."""

    def __init__(self) -> None:
        self.close: dict[str, set[str]] = defaultdict(set)  # doc id -> its near-copies (both ways)
        self._buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)  # band key -> rows
        self._ids: list[str] = []
        self._row_of: dict[str, int] = {}
        self._matrix = np.zeros((0, NUM_PERM), dtype=np.uint64)  # one signature per row, with room to grow

    def add(self, docs: list[DocInfo]) -> None:
        fresh = [d for d in docs if d.signature and d.doc_id not in self._row_of]
        if not fresh:
            return
        first = len(self._ids)
        self._grow(first + len(fresh))
        for row, d in enumerate(fresh, start=first):
            sig = self._matrix[row] = np.frombuffer(d.signature or b"", dtype=np.uint64)
            self._ids.append(d.doc_id)
            self._row_of[d.doc_id] = row
            candidates: set[int] = set()
            for b in range(BANDS):
                bucket = self._buckets[(b, sig[b * ROWS:(b + 1) * ROWS].tobytes())]
                candidates.update(bucket)
                bucket.append(row)
            if candidates:
                for other in similar_rows(self._matrix, np.array(sorted(candidates)), sig):
                    self.close[d.doc_id].add(self._ids[other])
                    self.close[self._ids[other]].add(d.doc_id)

    def _grow(self, rows: int) -> None:
        if rows > len(self._matrix):
            bigger = np.zeros((max(rows, 2 * len(self._matrix)), NUM_PERM), dtype=np.uint64)
            bigger[:len(self._ids)] = self._matrix[:len(self._ids)]
            self._matrix = bigger


def resolve_stories(docs: list[DocInfo], doc_freq: dict[str, int] | None = None,
                    previous: dict[str, str] | None = None, taken: set[str] | None = None,
                    near_copies: NearCopies | None = None) -> list[Story]:
    """Link ``docs`` into stories.  Incremental use (a subset of the store): ``doc_freq`` gives the
    number of stored documents naming each actor (what "rare" is measured by), ``previous`` each
    document's story id (a story keeps the id most of its documents had), ``taken`` the ids of
    stories outside the subset, ``near_copies`` the near-copies among ``docs`` found so far (it is
    given the rest)."""
    docs = sorted(docs, key=lambda d: (d.published or "9999", d.doc_id))
    position = {d.doc_id: i for i, d in enumerate(docs)}
    sets = DisjointSets(len(docs))
    find = sets.find
    links: dict[int, list[str]] = defaultdict(list)

    def link(a: int, b: int, why: str) -> None:
        sets.union(a, b)
        links[min(a, b)].append(why)

    # near-duplicates: a document is a copy of the original of its earliest near-copy (in order)
    if near_copies is None:
        near_copies = NearCopies()
    near_copies.add(docs)
    duplicates: dict[str, str] = {}
    for i, d in enumerate(docs):
        earlier = [position[c] for c in near_copies.close.get(d.doc_id, ()) if position.get(c, i) < i]
        if earlier:
            earliest = docs[min(earlier)].doc_id
            original = duplicates.get(earliest, earliest)
            duplicates[d.doc_id] = original
            link(position[original], i, f"{d.doc_id} is a near-copy of {original}")

    # shared canonical events
    by_event: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        for e in d.events:
            by_event[e].append(i)
    for event_id, idx in sorted(by_event.items()):
        for j in idx[1:]:
            if find(j) != find(idx[0]):
                link(idx[0], j, f"{docs[idx[0]].doc_id} and {docs[j].doc_id} report event {event_id}")

    # shared rare actors, close in time
    if doc_freq is None:
        doc_freq = Counter(a for d in docs for a in d.actors)
    by_actor: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        for actor in d.actors:
            if doc_freq[actor] <= RARE_ACTOR_DOCUMENTS:
                by_actor[actor].append(i)
    # documents are in publication order, so each actor's list is too: pair only within STORY_DAYS
    from .events import published_date

    day = [published_date(d.published) for d in docs]
    ordinal = {i: x.toordinal() for i, x in enumerate(day) if x}  # dated documents only
    pair_counts: Counter = Counter()
    for idx in by_actor.values():
        dated = [i for i in idx if i in ordinal]
        for x, a in enumerate(dated):
            for b in dated[x + 1:]:
                if ordinal[b] - ordinal[a] > STORY_DAYS:
                    break
                pair_counts[(a, b)] += 1
    for (a, b), n in sorted(pair_counts.items()):
        if n >= SHARED_ACTORS and find(a) != find(b):
            apart = ordinal[b] - ordinal[a]
            link(a, b, f"{docs[a].doc_id} and {docs[b].doc_id} share {n} actors, {apart} days apart")

    from .entities import fresh_id, inherited_ids

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(docs)):
        groups[find(i)].append(i)
    ordered = sorted(groups.items())
    numbered = {d.doc_id: n for n, d in enumerate(docs)}
    old = {numbered[d]: sid for d, sid in (previous or {}).items() if d in numbered}
    kept = inherited_ids([idx for _root, idx in ordered], old, taken or set())
    used = set(taken or set()) | set(kept.values())
    stories = []
    for g, (_root, idx) in enumerate(ordered):
        members = [docs[i] for i in idx]
        first = members[0]
        sid = kept.get(g) or fresh_id("S", first.doc_id, used)
        dates = sorted(m.published for m in members if m.published)
        stories.append(Story(
            id=sid, documents=[m.doc_id for m in members],
            duplicates={m.doc_id: duplicates[m.doc_id] for m in members if m.doc_id in duplicates},
            title=first.title, first_published=dates[0] if dates else None,
            last_published=dates[-1] if dates else None,
            evidence=[why for i in idx for why in links.get(i, [])],
        ))
    return stories

"""Compare canonical layers by what they group, ids aside (tests and benchmarks/bench_scale.py)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from newsgraph.store import Store
from newsgraph.store.schema import DocumentRow, EntityRow, EventRow


def partition(store: Store) -> dict[str, frozenset]:
    """Clusters as sets of member mentions: entities and events as sets of (doc, local id),
    stories as sets of documents, and each document's near-copy original."""
    out: dict[str, frozenset] = {}
    with store.session() as s:
        for name, table in (("entities", EntityRow), ("events", EventRow)):
            groups: dict[str, set] = defaultdict(set)
            for doc_id, local_id, cid in s.execute(select(table.doc_id, table.local_id, table.canonical_id)):
                groups[cid or f"none:{doc_id}:{local_id}"].add((doc_id, local_id))
            out[name] = frozenset(frozenset(g) for g in groups.values())
        stories: dict[str, set] = defaultdict(set)
        duplicates = set()
        for doc_id, story, dup in s.execute(select(DocumentRow.doc_id, DocumentRow.story_id, DocumentRow.duplicate_of)):
            stories[story or f"none:{doc_id}"].add(doc_id)
            duplicates.add((doc_id, dup))
        out["stories"] = frozenset(frozenset(g) for g in stories.values())
        out["duplicates"] = frozenset(duplicates)
    return out


def differences(a: dict[str, frozenset], b: dict[str, frozenset]) -> dict[str, int]:
    """Per layer, how many clusters one side has that the other lacks."""
    return {name: len(a[name] ^ b[name]) for name in a}

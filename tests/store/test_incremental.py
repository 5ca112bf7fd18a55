"""Incremental resolution equals the full pass; canonical ids survive edits; partial dates."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import select

from newsgraph.corpus import ingest, resolve
from newsgraph.resolve import EventInput, resolve_events, resolve_store
from newsgraph.store import Store
from newsgraph.store.schema import DocumentRow, EntityRow, EventRow, StoryRow
from resolution_support import partition
from synthetic import synthetic_corpus

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def edited(doc, doc_id: str):
    """The same article with a sentence added at the end (same source file, new id)."""
    return dataclasses.replace(doc, doc_id=doc_id, text=doc.text + " This story was updated.", entities=doc.entities,
                               events=doc.events)


def test_incremental_equals_full_pass_with_replacements_and_removals(tmp_path):
    docs = list(synthetic_corpus(240, seed=3, people=60))
    store = Store(tmp_path / "inc.sqlite")
    for batch in range(0, 160, 40):
        for d in docs[batch:batch + 40]:
            store.save(d)
        summary = resolve(store)
        assert summary is not None and not summary.full
    for d in docs[160:200]:  # a batch mixing additions, replacements and removals
        store.save(d)
    for i in (3, 50, 101):
        assert store.save(edited(docs[i], f"{docs[i].doc_id}-v2")) == "replaced"
    for i in (7, 64, 120, 161):
        store.remove(docs[i].doc_id)
    resolve(store)
    for d in docs[200:]:
        store.save(d)
    store.remove(docs[10].doc_id)
    resolve(store)
    incremental = partition(store)

    fresh = Store(tmp_path / "full.sqlite")
    final_ids = set(store.doc_ids())
    for d in [*docs, *(edited(docs[i], f"{docs[i].doc_id}-v2") for i in (3, 50, 101))]:
        if d.doc_id in final_ids:
            fresh.save(d)
    resolve_store(fresh)
    assert partition(fresh) == incremental
    resolve_store(store)  # and a full pass over the incremental store changes nothing either
    assert partition(store) == incremental
    assert not store.needs_resolution()


def _ids(store: Store, table, doc_id: str) -> dict[str, str]:
    with store.session() as s:
        return dict(s.execute(select(table.local_id, table.canonical_id).where(table.doc_id == doc_id)).all())


def test_canonical_ids_survive_an_edit_of_the_reporting_article(tmp_path):
    docs = list(synthetic_corpus(40, seed=5, people=30))
    store = Store(tmp_path / "ids.sqlite")
    for d in docs:
        store.save(d)
    resolve(store)
    target = docs[0]
    before_events, before_entities = _ids(store, EventRow, target.doc_id), _ids(store, EntityRow, target.doc_id)
    assert store.save(edited(target, "edited-copy")) == "replaced"
    resolve(store)
    assert _ids(store, EventRow, "edited-copy") == before_events
    assert _ids(store, EntityRow, "edited-copy") == before_entities
    resolve_store(store)  # a full pass keeps them too
    assert _ids(store, EventRow, "edited-copy") == before_events


def test_undated_september_summit_does_not_fuse_with_the_2019_meeting(tmp_path):
    """The January 2024 seed (000) has no publication date; its "summit in September" must not
    join the April 2019 Kim-Putin meeting that the September 2023 seed (003) recalls."""
    seed = next(SEEDS.glob("000_*.txt"))
    store = Store(tmp_path / "seed.sqlite")
    ingest([str(next(SEEDS.glob("003_*.txt")))], store)
    report = ingest([str(seed)], store)
    assert report.count("added") == 1
    with store.session() as s:
        doc_id = s.scalar(select(DocumentRow.doc_id).where(DocumentRow.source_path.like("%000_%")))
        published = s.scalar(select(DocumentRow.published).where(DocumentRow.doc_id == doc_id))
        assert published is None
        summit = s.execute(select(EventRow.canonical_id, EventRow.date).where(
            EventRow.doc_id == doc_id, EventRow.type == "CONSULT")).all()
        september = [cid for cid, date in summit if (date or {}).get("text") == "September"]
        assert september
        for cid in september:  # it may join the September 2023 summit, never the April 2019 meeting
            dates = [(d or {}).get("value") or "" for d in s.scalars(select(EventRow.date).where(
                EventRow.canonical_id == cid))]
            assert not any(v.startswith("2019") for v in dates), dates
            assert all(v[5:7] in ("", "09") or not v[:4].isdigit() for v in dates), dates
        meeting_2019 = {cid for cid, date in s.execute(select(EventRow.canonical_id, EventRow.date))
                        if ((date or {}).get("value") or "").startswith("2019-04")}
        assert meeting_2019
        joined = set(s.scalars(select(EventRow.doc_id).where(EventRow.canonical_id.in_(meeting_2019))))
        assert doc_id not in joined


def _event(key: int, doc: str, published: str | None, value: str | None, text: str | None,
           modality: str = "asserted") -> EventInput:
    return EventInput(key=key, doc_id=doc, local_id="v1", type="CONSULT", actors=["Ekim", "Eputin"], recipients=[],
                      modality=modality, date_value=value, date_text=text, published=published, lemma="summit")


def test_a_month_without_a_year_is_a_constraint_and_ambiguity_keeps_events_apart():
    april_2019 = _event(1, "a", "2019-04-26", "2019-04-25", "Thursday")
    september = _event(2, "b", None, None, "in September")
    clusters = resolve_events([april_2019, september])
    assert len(clusters) == 2
    alone = next(c for c in clusters if c.members[0].doc_id == "b")
    reason, detail = alone.evidence[2]
    assert reason == "partial-date" and "'in September' names a month without a year" in detail
    # the right month of a known year: one event, pinned to that September
    sept_2023 = _event(3, "c", "2023-09-14", "2023-09-13", "Wednesday")
    fused = resolve_events([sept_2023, _event(4, "d", None, None, "September")])
    assert len(fused) == 1 and fused[0].evidence[4][0] == "same-event"
    # a plan for "within the year" after 2023-09-20 holds two Septembers: ambiguous, kept apart
    plan = _event(5, "e", "2023-09-20", None, None, modality="planned")
    apart = resolve_events([plan, _event(6, "f", None, None, "September")])
    assert len(apart) == 2
    assert next(c for c in apart if c.members[0].doc_id == "f").evidence[6][0] == "partial-date"
    # a month in a "XXXX-09" value works the same
    assert len(resolve_events([april_2019, _event(7, "g", None, "XXXX-09", None)])) == 2


def test_event_keys_cover_every_state_a_cluster_passed_through():
    """A later event meets a cluster as it was when that event arrives in the full pass: still
    naming no participant (joinable on the trigger lemma alone), with its interval not yet narrowed."""
    from newsgraph.resolve import event_cluster_keys

    bare = EventInput(key=1, doc_id="a", local_id="v1", type="FIGHT", actors=[], recipients=[],
                      published="2023-03-20", lemma="attack")
    named = EventInput(key=2, doc_id="b", local_id="v1", type="FIGHT", actors=["E1"], recipients=[],
                       date_value="2023-03-01", published="2023-03-02", lemma="attack")
    keys = event_cluster_keys([bare, named])
    assert any(k.startswith("FIGHT|~0attack|") for k in keys)  # from the state before E1 joined
    assert "FIGHT|E1|2023-W09" in keys
    # the first state's wider interval (March 2023 before the report's date narrowed it) is kept
    assert {k for k in event_cluster_keys([bare]) if k.startswith("FIGHT|~*")} <= keys


def _story_rows(store: Store) -> set[tuple]:
    """Each story as (its documents, its stored count and dates)."""
    with store.session() as s:
        members: dict[str, set[str]] = {}
        for doc_id, story in s.execute(select(DocumentRow.doc_id, DocumentRow.story_id)):
            members.setdefault(story, set()).add(doc_id)
        return {(frozenset(members[sid]), n, first, last) for sid, n, first, last in s.execute(
            select(StoryRow.id, StoryRow.n_documents, StoryRow.first_published, StoryRow.last_published))}


def test_stories_that_only_grow_are_joined_whole_and_equal_the_full_pass(tmp_path, monkeypatch):
    import newsgraph.resolve.incremental as incremental

    unread: list[int] = []
    real = incremental._grown_story

    def spy(*args):
        story = real(*args)
        unread.append(story.unread)
        return story

    monkeypatch.setattr(incremental, "_grown_story", spy)
    store, fresh = _in_batches_and_whole(tmp_path, list(synthetic_corpus(400, seed=11, people=40)), 50)
    assert max(unread) > 0  # some stories took in stored ones without reading all their documents
    assert partition(fresh) == partition(store)
    assert _story_rows(fresh) == _story_rows(store)


def _in_batches_and_whole(tmp_path, docs: list, size: int) -> tuple[Store, Store]:
    """Two stores of ``docs``: one resolved incrementally after each batch of ``size``, one
    resolved by a single full pass."""
    store = Store(tmp_path / "inc.sqlite")
    for batch in range(0, len(docs), size):
        for d in docs[batch:batch + size]:
            store.save(d)
        resolve(store)
    fresh = Store(tmp_path / "full.sqlite")
    for d in docs:
        fresh.save(d)
    resolve_store(fresh)
    return store, fresh


def test_a_store_whose_keys_predate_the_rules_gets_one_full_pass(tmp_path):
    from alembic import command

    from newsgraph.store.db import alembic_config

    docs = list(synthetic_corpus(30, seed=2, people=30))
    store = Store(tmp_path / "old.sqlite")
    for d in docs[:20]:
        store.save(d)
    resolve(store)
    cfg = alembic_config()
    with store.engine.begin() as conn:  # back to the schema before 0009, keys and all
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0008")
    store.close()
    reopened = Store(tmp_path / "old.sqlite")  # migrates to head, marking the keys as stale
    assert reopened.needs_full_resolution() and reopened.needs_resolution()
    for d in docs[20:]:
        reopened.save(d)
    assert resolve(reopened).full
    assert not reopened.needs_full_resolution()
    assert resolve(reopened) is None  # then incremental again: nothing left to do


def test_many_undated_events_look_their_clusters_up_in_bounded_queries(tmp_path):
    """Events of unknown time look keys up by prefix; thousands of them at once (a first ingest of
    undated articles) must not build one SQL expression too deep for SQLite."""
    store = Store(tmp_path / "p.sqlite")
    with store.resolution() as tx:
        prefixes = {f"ACCUSE|E{i:012x}|" for i in range(3000)}
        assert tx.refs_of_keys("event", set(), prefixes) == set()


@pytest.mark.parametrize("budget", [None, 0])
def test_a_dense_corpus_in_small_batches_equals_the_full_pass(tmp_path, monkeypatch, budget):
    """Twenty people in small batches: events move between clusters whose new members make them
    the better choice for an old report (a shared trigger lemma raises its score), and stories
    that lose links split off parts found by following links from the documents that lost them,
    without reading the rest of the story; both equal the full pass, story counts and dates too.
    With no budget for following links, the stories are read whole instead (and the pass ends)."""
    import newsgraph.resolve.incremental as incremental

    if budget is not None:
        monkeypatch.setattr(incremental, "NEIGHBOUR_DOCUMENTS", budget)
    departed: list[int] = []
    real = incremental._without_departed

    def spy(tx, stored, joined, old_story):
        departed.append(sum(1 for d, sid in old_story.items() if sid in stored and d not in joined))
        return real(tx, stored, joined, old_story)

    monkeypatch.setattr(incremental, "_without_departed", spy)
    store, fresh = _in_batches_and_whole(tmp_path, list(synthetic_corpus(320, seed=5, people=20)), 20)
    assert sum(departed) > 0 or budget == 0  # parts left stories that were joined whole
    assert partition(fresh) == partition(store)
    assert _story_rows(fresh) == _story_rows(store)


def test_document_rows_read_once_across_rounds_and_the_last_call_names_all(tmp_path):
    """The story pass reads document rows round after round: with ``known`` a row is read once,
    yet each call returns every document asked for (the ones whose story the layer writes)."""
    docs = list(synthetic_corpus(6, seed=5, people=10))
    store = Store(tmp_path / "rows.sqlite")
    for d in docs:
        store.save(d)
    ids = [d.doc_id for d in docs]
    known: dict = {}
    with store.resolution() as tx:
        first = tx.documents(set(ids[:3]), known)
        asked: list[set[str]] = []
        real = tx._document_rows
        tx._document_rows = lambda wanted: asked.append(set(wanted)) or real(wanted)  # type: ignore[method-assign]
        second = tx.documents(set(ids), known)
        assert asked == [set(ids[3:])]  # only the rows not read before
        assert [d.doc_id for d in second] == sorted(ids) and tx._documents == second
        assert {d.doc_id: d for d in first}.items() <= {d.doc_id: d for d in second}.items()
        assert {d.doc_id for d in tx.documents(set(ids))} == set(ids)  # without ``known``: all read again


def test_a_story_s_extent_without_departing_documents_is_worked_out_in_the_query(store):
    """Title and dates of a stored story once some documents leave it: the aggregate query gives
    what reading the story's rows gives (the earliest document left, undated ones last); both
    back ends."""
    docs = list(synthetic_corpus(60, seed=5, people=12))
    for d in docs:
        store.save(d)
    resolve(store)
    with store.session() as s:
        members: dict[str, list[tuple]] = {}
        for doc_id, story_id, published in s.execute(select(DocumentRow.doc_id, DocumentRow.story_id,
                                                            DocumentRow.published)):
            members.setdefault(story_id, []).append((published or "9999", doc_id))
    largest = sorted(members.items(), key=lambda kv: -len(kv[1]))[:3]
    assert len(largest[0][1]) > 2
    with store.resolution() as tx:
        for story_id, rows in largest:
            ordered = [doc_id for _p, doc_id in sorted(rows)]
            for leaving in (set(), {ordered[0]}, set(ordered[:2]), {ordered[-1]}, set(ordered)):
                assert tx.story_extent(story_id, leaving) == tx._story_extent_read(story_id, leaving)
        everything = tx.story_extent(largest[0][0], {d for _p, d in largest[0][1]})
        assert everything == {"title": None, "first_published": None, "last_published": None}

"""The store keeps documents and facts with provenance, once, replaceably, atomically."""

from __future__ import annotations

import pytest
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import IntegrityError

from newsgraph.model import Document, Event
from newsgraph.store import Store
from newsgraph.store.schema import EntityRow, MentionRow


def test_round_trip_keeps_every_fact(build, store):
    doc = build.recap()
    assert store.save(doc) == "added"
    back = store.load_document("recap")
    assert back.to_dict() == doc.to_dict()
    assert store.check_integrity() == []


def test_same_text_is_stored_once_whatever_its_id(build, store):
    doc = build.preview()
    assert store.save(doc) == "added"
    assert store.save(doc) == "unchanged"
    copy = build.preview("another-id")
    assert store.status_of(copy) == "unchanged"
    assert store.save(copy) == "unchanged"
    assert store.doc_ids() == ["preview"]


def test_changed_article_replaces_its_old_facts(build, store):
    store.save(build.recap())
    store.save(build.preview())
    changed = build.recap(extra="The ministry gave no further details.")
    assert store.status_of(changed) == "changed"
    assert store.save(changed) == "replaced"
    assert store.load_document("recap").text.endswith("no further details.")
    counts = store.counts()
    expected = build.recap(), build.preview()
    assert counts["entities"] == sum(len(d.entities) for d in expected)
    assert counts["mentions"] == sum(len(m.mentions) for d in expected for m in d.entities)
    assert counts["events"] == sum(len(d.events) for d in expected)
    assert store.check_integrity() == []


def test_same_source_path_with_new_id_replaces(build, store):
    store.save(build.recap())
    moved = build.recap(doc_id="recap-v2", extra="Updated.")
    moved.source.path = "in/recap.txt"
    assert store.save(moved) == "replaced"
    assert store.doc_ids() == ["recap-v2"]


def test_remove_deletes_only_that_document(build, store):
    store.save(build.preview())
    store.save(build.recap())
    assert store.remove("preview") is True
    assert store.remove("preview") is False
    assert store.doc_ids() == ["recap"]
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(EntityRow).where(EntityRow.doc_id == "preview")) == 0
        assert s.scalar(select(func.count()).select_from(MentionRow).where(MentionRow.doc_id == "preview")) == 0
        assert s.scalar(select(func.count()).select_from(EntityRow)) == len(build.recap().entities)
    # FTS5 rows on SQLite, the tsvector column on PostgreSQL: the removed text is not found
    assert store.read.search(["Seoul"], 10)["documents"] == []
    assert store.read.search(["Putin"], 10)["documents"][0]["doc_id"] == "recap"
    assert store.check_integrity() == []


def test_a_failed_save_leaves_nothing_behind(build, store):
    store.save(build.preview())
    bad = build.recap()
    bad.events.append(Event(id="v9", type=None))  # NOT NULL violated after the entities are written
    with pytest.raises(IntegrityError):
        store.save(bad)
    assert store.doc_ids() == ["preview"]
    assert store.count(EntityRow) == len(build.preview().entities)
    assert store.check_integrity() == []


def test_schema_comes_from_migrations_and_reopening_is_a_no_op(build, tmp_path):
    path = tmp_path / "m.sqlite"
    Store(path).save(build.preview())
    again = Store(str(path))  # second open: already at head
    names = set(inspect(again.engine).get_table_names())
    assert {"alembic_version", "documents", "doc_entities", "canonical_events", "documents_fts", "quotes_fts",
            "review_corrections", "watchlists", "alerts"} <= names
    from alembic.script import ScriptDirectory

    from newsgraph.store.db import alembic_config

    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, f"the migrations must form one chain, not branch: heads {heads}"
    with again.session() as s:
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == heads[0]
    assert again.doc_ids() == ["preview"]


def test_postgresql_schema_has_tsvector_columns_with_gin_indexes(build, db_url, backend):
    if backend != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has FTS5 tables instead")
    store = Store(db_url)
    store.save(build.preview())
    with store.session() as s:
        kinds = dict(s.execute(text("SELECT table_name, udt_name FROM information_schema.columns "
                                    "WHERE column_name = 'search_vector'")).all())
        indexes = set(s.scalars(text("SELECT indexdef FROM pg_indexes WHERE indexname LIKE '%search_vector'")))
        version = s.execute(text("SELECT version_num FROM alembic_version")).scalar()
    from alembic.script import ScriptDirectory

    from newsgraph.store.db import alembic_config

    assert kinds == {"documents": "tsvector", "quotes": "tsvector"}
    assert version == ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert len(indexes) == 2 and all("USING gin (search_vector)" in d for d in indexes)
    assert [q["doc_id"] for q in store.read.search(["Moscow", "shells"], 5)["quotes"]] == ["preview"]
    store.close()


def test_database_url_is_accepted(build, tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'by-url.sqlite'}")
    s.save(build.preview())
    assert (tmp_path / "by-url.sqlite").exists()


def test_default_location_is_the_data_folder(build, tmp_path, monkeypatch):
    from newsgraph.config import Settings

    s = Store(None, Settings(data_dir=tmp_path / "home"))
    assert s.url.endswith("home/newsgraph.sqlite")
    assert (tmp_path / "home" / "newsgraph.sqlite").exists()


def test_empty_document_is_fine(build, store):
    assert store.save(Document(doc_id="empty", text="")) == "added"
    assert store.load_document("empty").text == ""


def test_documents_of_one_multi_record_file_do_not_replace_each_other(build, store):
    first, second = build.preview(), build.recap()
    for d in (first, second):
        d.source.path = "wire.jsonl"
    first.source.url, second.source.url = "https://example.org/a", "https://example.org/b"
    assert store.save(first) == "added" and store.save(second) == "added"
    second.source.url = None
    third = build.recap(doc_id="recap-2", extra="More.")
    third.source.path = "wire.jsonl"
    assert store.save(third, by_source=False) == "added"
    assert len(store.doc_ids()) == 3


def test_warnings_and_gender_are_stored_and_loaded(build, store):
    from newsgraph.model import StageWarning

    doc = build.recap()
    doc.entities[0].gender = "female"
    doc.warnings = [StageWarning("events", "ValueError: no parse", "pipeline.error")]
    store.save(doc)
    back = store.load_document("recap")
    assert back.warnings == doc.warnings and back.entities[0].gender == "female"
    assert back == doc


def test_every_model_field_has_a_column_and_a_new_one_round_trips_in_extra(store):
    """The declared mapping covers the model; a field the schema does not know yet is kept in
    the row's ``extra`` JSON column, so a new model field needs no store edit to round-trip."""
    import dataclasses

    from newsgraph.model import Timex
    from newsgraph.store.mapping import MAPPINGS, TIMEX, RowMapping
    from newsgraph.store.schema import TimexRow

    assert {m.model.__name__: m.extra_fields() for m in MAPPINGS if m.extra_fields()} == {}

    @dataclasses.dataclass
    class NewTimex(Timex):
        calendar: str = "gregorian"

    mapping = RowMapping(NewTimex, TimexRow)
    row = mapping.to_row(NewTimex(0, 5, "today", "DATE", calendar="julian"), doc_id="d", position=0)
    assert row["extra"] == {"calendar": "julian"} and row["value"] is None
    assert mapping.from_row(TimexRow(**row))["calendar"] == "julian"
    assert TIMEX.to_row(Timex(0, 5, "today", "DATE"), doc_id="d", position=0)["extra"] is None


def test_a_database_made_by_the_first_schema_is_upgraded(build, tmp_path):
    from alembic import command

    from newsgraph.store.db import alembic_config, make_engine

    path = tmp_path / "old.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()
    store = Store(path)
    columns = {c["name"] for c in inspect(store.engine).get_columns("documents")}
    assert {"warnings", "extra"} <= columns
    assert store.save(build.preview()) == "added" and store.load_document("preview").warnings == []

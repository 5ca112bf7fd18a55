"""Acceptance on the two seed articles: ingest both, one entity per shared actor, one summit.

Needs the real entities/timexes/events stages: skipped while the pipeline extracts no events
(placeholder stages), and when the seeds (../shared/seeds or $NEWSGRAPH_SEEDS) are absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SEEDS, seed_path
from db_support import BACKENDS, copied_store_database, database_factory
from newsgraph.cli import app
from newsgraph.corpus import ingest
from newsgraph.query import Corpus
from newsgraph.store import Store

PREVIEW = "003_061431118427cccf.txt"  # 2023-09-11: Kim heads to Russia for a summit with Putin
RECAP = "000_5359406af5fe2df4.txt"  # 2024-01-17: Choe Son-hui meets Putin; the summit recalled
runner = CliRunner()


def _seed(name: str) -> Path:
    return seed_path(SEEDS / name)


@pytest.fixture(scope="module", params=BACKENDS)
def seeded(request, tmp_path_factory, pipeline):
    with database_factory(request.param, tmp_path_factory.mktemp("seeds")) as new_db:
        yield from _seeded(new_db("seeds"), pipeline)


def _seeded(db, pipeline):
    preview, recap = _seed(PREVIEW), _seed(RECAP)
    store = Store(db)
    for path, published in ((preview, "2023-09-11"), (recap, "2024-01-17")):
        report = ingest([str(path)], store, pipeline=pipeline, published=published)
        assert [i.status for i in report.items] == ["added"], report.items
    if store.counts()["events"] == 0:
        pytest.skip("the pipeline extracted no events (entities/events stages not merged yet)")
    docs = {d.source.path.rsplit("/", 1)[-1]: d.doc_id for d in store.iter_documents()}
    yield store, Corpus(store), docs[PREVIEW], docs[RECAP], (preview, recap)
    store.close()


@pytest.mark.parametrize("name", ["Vladimir Putin", "Kim Jong-un", "Oleg Kiriyanov", "Russia", "North Korea"])
def test_one_entity_per_shared_actor(seeded, name):
    store, corpus, preview, recap, _ = seeded
    found = [e for e in corpus.find_entities(name) if e["n_documents"] == 2]
    assert len(found) == 1, corpus.find_entities(name)
    in_both = [e for e in corpus.find_entities(name) if e["type"] == found[0]["type"]]
    assert len(in_both) == 1, f"{name} is split: {in_both}"


def test_the_summit_is_one_event_reported_by_both(seeded):
    store, corpus, preview, recap, _ = seeded
    summit = corpus.timeline(pair=("Kim Jong-un", "Vladimir Putin"), type="CONSULT")
    if not any(recap in e["documents"] for e in summit):
        # resolution can only fuse what was extracted: say so rather than fail on another stage
        pytest.xfail("the events stage extracted no Kim-Putin CONSULT event from the January 2024 "
                     "article (its 'Mr. Putin and Mr. Kim's summit in September')")
    both = [e for e in summit if set(e["documents"]) == {preview, recap}]
    assert len(both) == 1, [(e["id"], e["documents"], e["date"]) for e in summit]
    event = both[0]
    by_doc = {m["doc_id"]: m["modality"] for m in event["mentions"]}
    assert by_doc[preview] in ("planned", "expected")
    assert by_doc[recap] == "asserted"
    assert event["status"] == "happened"
    assert (event["date"]["value"] or "").startswith("2023-09")


def test_the_planned_putin_visit_stays_planned(seeded):
    store, corpus, preview, recap, _ = seeded
    putin = corpus.resolve_name("Vladimir Putin")["id"]
    planned = [e for e in corpus.timeline(entity="Vladimir Putin")
               if recap in e["documents"] and e["status"] in ("planned", "expected")
               and putin in {a["id"] for a in e["actors"]}]
    assert planned, "no planned event with Putin as actor in the January 2024 article"


def test_reingesting_changes_nothing(seeded):
    store, corpus, preview, recap, paths = seeded
    before = store.counts()
    result = runner.invoke(app, ["ingest", *map(str, paths), "--db", store.url])  # builds no pipeline
    assert "added 0, replaced 0, unchanged 2" in result.output
    assert store.counts() == before


def test_removal_keeps_the_other_articles_facts(seeded, tmp_path):
    store, corpus, preview, recap, _ = seeded
    with copied_store_database(store.url, tmp_path) as copy_url:
        _check_removal(copy_url, preview, recap)


def _check_removal(copy_url: str, preview: str, recap: str) -> None:
    copy = Store(copy_url)
    result = runner.invoke(app, ["remove", recap, "--db", copy_url])
    assert result.exit_code == 0, result.output
    c = Corpus(copy)
    assert c.resolve_name("Kim Jong-un")["n_documents"] == 1
    assert not c.find_entities("Choe Son-hui") or all(e["n_documents"] == 0 for e in c.find_entities("Choe Son-hui"))
    for e in c.timeline():
        assert e["documents"] == [preview]

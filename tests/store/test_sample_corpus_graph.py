"""The built-in sample corpus through the whole system: ingest, resolve, query.

Integration with the real extraction stages; skipped while they extract no events.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from db_support import BACKENDS, database_factory
from newsgraph.cli import app
from newsgraph.query import Corpus
from newsgraph.store import Store

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "newsgraph" / "sample_corpus"
runner = CliRunner()


@pytest.fixture(scope="module", params=BACKENDS)
def corpus(request, tmp_path_factory, pipeline):
    with database_factory(request.param, tmp_path_factory.mktemp("sample")) as new_db:
        yield from _corpus(new_db("sample"), pipeline)


def _corpus(db, pipeline):
    import newsgraph.pipeline

    mp = pytest.MonkeyPatch()
    mp.setattr(newsgraph.pipeline, "Pipeline", lambda settings=None, *a, **k: pipeline)
    try:
        result = runner.invoke(app, ["ingest", str(SAMPLE), "--db", str(db)])
    finally:
        mp.undo()
    assert result.exit_code == 0, result.output
    store = Store(db)
    if store.counts()["events"] == 0:
        pytest.skip("the pipeline extracted no events (extraction stages not merged)")
    yield Corpus(store)
    store.close()


def test_every_record_is_stored(corpus):
    assert len(corpus.store.doc_ids()) == 10
    assert corpus.store.check_integrity() == []


def test_the_vostochny_summit_is_one_event_across_articles(corpus):
    events = corpus.timeline(pair=("Kim Jong-un", "Vladimir Putin"), type="CONSULT",
                             since="2023-09", until="2023-09-30")
    multi = [e for e in events if len(e["documents"]) >= 2]
    assert len(multi) == 1, [(e["date"], e["documents"]) for e in events]
    summit = multi[0]
    assert summit["status"] == "happened"
    assert {"planned", "asserted"} <= {m["modality"] for m in summit["mentions"]}


def test_one_kim_and_one_putin(corpus):
    for name in ("Kim Jong-un", "Vladimir Putin", "North Korea", "Russia"):
        found = corpus.find_entities(name)
        assert found and found[0]["n_documents"] >= 5, (name, found)

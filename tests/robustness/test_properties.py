"""Property-based tests (hypothesis) over ingest -> pipeline -> store -> export: whatever text
comes in, the output keeps to the contract (offsets in range, every slice equals its text, every
id resolves), each document takes bounded time, and the store and export hold together."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.corpus import resolve
from newsgraph.export import corpus_dict
from newsgraph.ingest import document_from_text
from newsgraph.store import Store
from test_contract import check_document

PIECES = ["Kim Jong Un", "Vladimir Putin", "Mr. Kim", "the ministry", "said", "told reporters", "met",
          "will visit", "on Tuesday", "in March 2024", "since July 2000", "Pyongyang", "Moscow", "“", "”",
          '"', "'", "—", "\n", "\n\n", ". ", ", ", ": ", "(", ")", "according to", "officials", "  ", "\t"]
FRAGMENT = st.one_of(st.sampled_from(PIECES), st.text(min_size=1, max_size=12))
ARTICLE = st.lists(FRAGMENT, min_size=1, max_size=120).map(" ".join)
PER_DOCUMENT_SECONDS = 10.0
EXAMPLES = settings(max_examples=30, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _ids_resolve(data: dict) -> None:
    """Every id the corpus export names points at something in it."""
    entities = {e["id"] for e in data["entities"]}
    events = {v["id"] for v in data["events"]}
    documents = {d["doc_id"] for d in data["documents"]}
    stories = {s["id"] for s in data["stories"]}
    for d in data["documents"]:
        check_document(d)
        assert d["story"] is None or d["story"] in stories
        assert d["duplicate_of"] is None or d["duplicate_of"] in documents
        for e in d["entities"]:
            assert e["canonical"] is None or e["canonical"] in entities
        for v in d["events"]:
            assert v["canonical"] is None or v["canonical"] in events
    for v in data["events"]:
        assert set(v["actors"]) | set(v["recipients"]) <= entities
        assert set(v["documents"]) <= documents
    for e in data["entities"]:
        assert set(e["documents"]) <= documents
    for q in data["quotes"]:
        assert q["doc_id"] in documents


@EXAMPLES
@given(raw=ARTICLE)
def test_any_text_keeps_to_the_contract_through_store_and_export(pipeline, raw):
    started = time.perf_counter()
    doc = document_from_text(raw, path="fuzz.txt")
    if not doc.text:
        return
    out = pipeline(doc)
    assert time.perf_counter() - started < PER_DOCUMENT_SECONDS
    assert not [w for w in out.warnings if w.rule == "pipeline.error"], out.warnings
    out.analysis = None
    check_document(out.to_dict())
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "fuzz.sqlite")
        try:
            assert store.save(out) == "added"
            loaded = store.load_document(out.doc_id)
            assert loaded is not None and loaded.to_dict()["text"] == out.text
            check_document(loaded.to_dict())
            resolve(store, full=True)
            assert store.check_integrity() == []
            _ids_resolve(corpus_dict(store))
        finally:
            store.close()

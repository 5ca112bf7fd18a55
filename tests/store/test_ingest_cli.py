"""Ingest through the corpus API (a real pipeline) and `newsgraph ingest/remove/...` end to end:
incremental, idempotent, interruptible; failures and stage warnings reported per document."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.corpus import ingest, remove
from newsgraph.ingest import read_inputs
from newsgraph.store import Store
from synthetic import synthetic_corpus

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def _write_articles(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc in synthetic_corpus(n, seed=3):
        path = folder / f"{doc.doc_id}.txt"
        path.write_text(doc.text, encoding="utf-8")
        paths.append(path)
    return paths


def _doc_count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as con:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_ingest_is_incremental_and_idempotent(tmp_path, pipeline, store):
    paths = _write_articles(tmp_path / "in", 4)
    report = ingest(map(str, paths[:3]), store, pipeline=pipeline, published="2024-02-01")
    assert report.summary().startswith("added 3, replaced 0, unchanged 0; resolved ")
    assert [i.status for i in report.items] == ["added"] * 3 and report.resolution is not None
    report = ingest(map(str, paths), store, pipeline=pipeline)
    assert report.summary().startswith("added 1, replaced 0, unchanged 3")
    before = store.counts()
    report = ingest(map(str, paths), store, pipeline=pipeline)
    assert report.summary() == "added 0, replaced 0, unchanged 4" and report.resolution is None
    assert store.counts() == before
    # a changed article replaces the stored one
    paths[0].write_text(paths[0].read_text(encoding="utf-8") + "\n\nA correction was appended.", encoding="utf-8")
    report = ingest(map(str, paths), store, pipeline=pipeline)
    assert report.summary().startswith("added 0, replaced 1, unchanged 3")
    assert [i.source for i in report.items if i.status == "replaced"] == [str(paths[0])]
    assert len(store.doc_ids()) == 4
    replaced = [d for d in store.iter_documents() if d.source.path == str(paths[0])]
    assert len(replaced) == 1 and replaced[0].text.endswith("A correction was appended.")
    gone = remove([replaced[0].doc_id, "no-such-doc"], store)
    assert gone.removed == [replaced[0].doc_id] and gone.missing == ["no-such-doc"]
    assert len(store.doc_ids()) == 3 and not store.needs_resolution()


def test_a_long_ingest_resolves_as_it_goes_and_ends_as_one_resolution_would(tmp_path, pipeline, store,
                                                                           monkeypatch):
    """Memory follows RESOLVE_EVERY documents, not the whole input: the incremental pass runs
    between batches, and the result equals a full pass."""
    import newsgraph.corpus as corpus
    from newsgraph.resolve import resolve_store
    from resolution_support import partition

    calls: list[int] = []
    real = corpus.resolve
    monkeypatch.setattr(corpus, "RESOLVE_EVERY", 2)
    monkeypatch.setattr(corpus, "resolve", lambda s, **kw: calls.append(len(s.doc_ids())) or real(s, **kw))
    paths = _write_articles(tmp_path / "in", 5)
    report = ingest(map(str, paths), store, pipeline=pipeline, published="2024-02-01")
    assert calls == [2, 4, 5]  # after every second stored document, and at the end
    assert report.count("added") == 5 and report.resolution is not None and not store.needs_resolution()
    assert report.resolution.seconds > 0
    incremental = partition(store)
    resolve_store(store)
    assert partition(store) == incremental


def test_a_long_ingest_alerts_as_it_goes_and_raises_what_one_resolution_would(tmp_path, pipeline,
                                                                             monkeypatch):
    """The watchlists are evaluated after each resolution on the documents it resolved, so a long
    ingest keeps no list of every stored document, and its alerts are those of one resolution."""
    import newsgraph.corpus as corpus
    from newsgraph import watch
    from newsgraph.model import PLOVER_TYPES

    paths = _write_articles(tmp_path / "in", 6)
    raised = []
    for every in (2, corpus.RESOLVE_EVERY):
        monkeypatch.setattr(corpus, "RESOLVE_EVERY", every)
        store = Store(tmp_path / f"alerts{every}.sqlite")
        watch.add(store, watch.rule_from_dict({"name": "events", "types": list(PLOVER_TYPES)}))
        watch.add(store, watch.rule_from_dict({"name": "new", "first_seen": True}))
        report = ingest(map(str, paths), store, pipeline=pipeline, published="2024-02-01")
        assert sorted(a.key for a in report.alerts) == sorted(a.key for a in store.alerts.alerts())
        subjects = {a.subject for a in report.alerts if a.kind == "event"}
        assert len(store.read.canonical_events_by_id(subjects)) == len(subjects)  # none merged away since
        raised.append(sorted((a.watchlist, a.kind, a.reason) for a in report.alerts))  # ids follow the order
    assert raised[0] == raised[1] and {kind for _, kind, _ in raised[0]} == {"event", "first-seen"}


def test_a_report_counts_every_input_and_keeps_the_first_outcomes_and_every_failure(tmp_path, pipeline,
                                                                                     store, monkeypatch):
    import newsgraph.corpus as corpus

    monkeypatch.setattr(corpus, "ITEMS_KEPT", 2)
    paths = _write_articles(tmp_path / "in", 4)
    (broken := tmp_path / "in" / "zz-broken.html").write_bytes(b"\xff\xfe\x00<html>")
    told: list = []
    report = ingest([*map(str, paths), str(tmp_path / "in" / "missing.txt"), str(broken)], store,
                    pipeline=pipeline, published="2024-02-01", progress=lambda item, n, total: told.append((n, item)))
    assert [n for n, _ in told] == list(range(1, report.inputs + 1)) and report.inputs == 6
    assert report.count("added") == 4 and report.count("failed") == 2
    outcomes = [item for _, item in told]
    assert report.items == outcomes[:2] + [i for i in outcomes[2:] if i.status == "failed" or i.warnings]
    assert len(report.items) < report.inputs and len(report.failed) == 2
    assert report.summary().startswith("added 4, replaced 0, unchanged 0")


def test_the_cli_is_a_thin_shell_over_the_corpus_api(tmp_path, db_url):
    """`newsgraph ingest` (its own pipeline), re-ingest, remove, queries and exports."""
    paths = _write_articles(tmp_path / "in", 3)
    db = db_url
    result = runner.invoke(app, ["ingest", *map(str, paths), "--db", db, "--published", "2024-02-01"])
    assert result.exit_code == 0, result.output
    assert "added 3, replaced 0, unchanged 0; resolved" in result.output
    result = runner.invoke(app, ["ingest", *map(str, paths), "--db", db])
    assert "added 0, replaced 0, unchanged 3 (" in result.output and "resolved" not in result.output
    result = runner.invoke(app, ["search", "analysts", "--db", db, "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["documents"]
    result = runner.invoke(app, ["timeline", "--db", db, "--format", "json"])
    assert result.exit_code == 0 and isinstance(json.loads(result.stdout), list)
    result = runner.invoke(app, ["entity", "Nobody Known", "--db", db])
    assert result.exit_code == 1 and "no stored entity" in result.output
    result = runner.invoke(app, ["export", "--format", "json", "--db", db])
    data = json.loads(result.stdout)
    assert len(data["documents"]) == 3 and set(data) == {"documents", "entities", "events", "quotes", "stories"}
    for fmt, out in (("graphml", "g.graphml"), ("parquet", "pq"), ("neo4j", "neo")):
        result = runner.invoke(app, ["export", "--format", fmt, "--out", str(tmp_path / out), "--db", db])
        assert result.exit_code == 0 and (tmp_path / out).exists()
    doc_id = data["documents"][0]["doc_id"]
    result = runner.invoke(app, ["remove", doc_id, "--db", db])
    assert result.exit_code == 0 and len(Store(db).doc_ids()) == 2
    result = runner.invoke(app, ["remove", "no-such-doc", "--db", db])
    assert result.exit_code == 1 and "no-such-doc: no such document" in result.output
    result = runner.invoke(app, ["ingest", str(paths[0]), "--db", db, "--published", "last week"])
    assert result.exit_code == 2 and "--published must be an ISO date" in result.output


def test_bad_input_is_reported_and_the_batch_goes_on(tmp_path, pipeline, store):
    paths = _write_articles(tmp_path / "in", 2)
    bad = tmp_path / "in" / "broken.txt"
    bad.write_bytes(b"\xff\xfe\x00 not utf-8 \xc3")
    report = ingest([str(paths[0]), str(bad), str(paths[1])], store, pipeline=pipeline)
    assert [i.source for i in report.failed] == [str(bad)]
    assert str(report.failed[0]).startswith(f"{bad}: ") and report.count("added") == 2


class _Stage:
    """A stage added to a real pipeline for a test: ``act`` is applied to the document read from ``path``."""

    name = "test-stage"

    def __init__(self, act, path: Path):
        self.act, self.path = act, str(path)

    def __call__(self, doc):
        if doc.source.path == self.path:
            self.act(doc)
        return doc


def _with_stage(pipeline, stage):
    """The session's pipeline (spaCy loaded once) with one more stage at the end."""
    from newsgraph.pipeline import StageSpec

    return pipeline.extended(StageSpec(stage.name, lambda resources: stage, assigns=("events",)))


def test_a_document_the_store_rejects_is_reported_and_the_batch_goes_on(tmp_path, pipeline, store):
    from newsgraph.model import Event

    paths = _write_articles(tmp_path / "in", 3)
    # an event with no type breaks the NOT NULL constraint
    broken = _with_stage(pipeline, _Stage(lambda doc: doc.events.append(Event(id="bad", type=None)), paths[1]))
    report = ingest(map(str, paths), store, pipeline=broken)
    assert [i.source for i in report.failed] == [str(paths[1])]
    assert report.failed[0].error.startswith("not stored: IntegrityError") and report.count("added") == 2
    assert store.check_integrity() == []


def test_a_document_with_warnings_is_stored_with_them_and_never_reported_as_cleanly_added(tmp_path, pipeline, store):
    from newsgraph.model import StageWarning

    def warn(doc):  # what the pipeline records when a stage fails on a document
        doc.warnings.append(StageWarning("events", "RuntimeError: no verbs today"))

    paths = _write_articles(tmp_path / "in", 3)
    report = ingest(map(str, paths), store, pipeline=_with_stage(pipeline, _Stage(warn, paths[1])))
    warned = report.with_warnings
    assert [i.source for i in warned] == [str(paths[1])] and warned[0].status == "added"
    assert str(warned[0]) == f"{paths[1]}: added with warnings: events: RuntimeError: no verbs today"
    assert report.summary().startswith("added 3, replaced 0, unchanged 0, 1 with warnings; resolved")
    assert store.load_document(warned[0].doc_id).warnings == [StageWarning("events", "RuntimeError: no verbs today")]
    assert all(not store.load_document(i.doc_id).warnings for i in report.items if i is not warned[0])


def test_a_stage_that_raises_on_one_document_does_not_stop_the_batch(tmp_path, pipeline, store):
    def fail(doc):
        raise RuntimeError("stage broke")

    paths = _write_articles(tmp_path / "in", 3)
    report = ingest(map(str, paths), store, pipeline=_with_stage(pipeline, _Stage(fail, paths[1])))
    by_source = {i.source: i for i in report.items}
    assert by_source[str(paths[0])].status == by_source[str(paths[2])].status == "added"
    hit = by_source[str(paths[1])]
    # never cleanly added: stored, with the pipeline's warning naming the stage and the error
    assert hit.status == "added" and [(w.stage, w.message) for w in hit.warnings] == [
        ("test-stage", "RuntimeError: stage broke")], hit
    assert store.load_document(hit.doc_id).warnings == hit.warnings
    assert str(hit) == f"{paths[1]}: added with warnings: test-stage: RuntimeError: stage broke"


def test_killed_mid_batch_keeps_finished_documents_and_resumes(tmp_path):
    """A real `newsgraph ingest` process killed with SIGKILL, then run again."""
    n = 40
    paths = _write_articles(tmp_path / "in", n)
    db = tmp_path / "c.sqlite"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "newsgraph", "ingest", *map(str, paths), "--db", str(db)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while _doc_count(db) < 3 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored = _doc_count(db)
    assert proc.returncode == -signal.SIGKILL
    assert 3 <= stored < n, f"kill came too late or too early ({stored} stored)"
    store = Store(db)
    assert store.check_integrity() == []  # every stored document is whole
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    distinct = len({d.text for d in read_inputs(map(str, paths))})  # wire copies may repeat a text
    assert f"added {distinct - stored}, replaced 0, unchanged {n - distinct + stored}" in again.stderr
    store = Store(db)
    assert len(store.doc_ids()) == distinct and store.check_integrity() == []
    from newsgraph.resolve import needs_resolution

    assert not needs_resolution(store)

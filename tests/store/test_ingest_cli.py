"""`newsgraph ingest/remove/...` end to end: incremental, idempotent, interruptible."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.ingest import read_inputs
from newsgraph.store import Store
from newsgraph.store.synthetic import synthetic_corpus

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


@pytest.fixture
def shared_pipeline(monkeypatch, pipeline):
    """Reuse the session's pipeline (spaCy loaded once) inside the CLI."""
    import newsgraph.pipeline

    monkeypatch.setattr(newsgraph.pipeline, "Pipeline", lambda settings=None, *a, **k: pipeline)
    return pipeline


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


def test_ingest_is_incremental_and_idempotent(tmp_path, shared_pipeline):
    paths = _write_articles(tmp_path / "in", 4)
    db = tmp_path / "c.sqlite"
    result = runner.invoke(app, ["ingest", *map(str, paths[:3]), "--db", str(db), "--published", "2024-02-01"])
    assert result.exit_code == 0, result.output
    assert "added 3, replaced 0, unchanged 0" in result.output
    result = runner.invoke(app, ["ingest", *map(str, paths), "--db", str(db)])
    assert "added 1, replaced 0, unchanged 3" in result.output
    before = Store(db).counts()
    result = runner.invoke(app, ["ingest", *map(str, paths), "--db", str(db)])
    assert "added 0, replaced 0, unchanged 4" in result.output and "resolved" not in result.output
    assert Store(db).counts() == before
    # a changed article replaces the stored one
    paths[0].write_text(paths[0].read_text(encoding="utf-8") + "\n\nA correction was appended.", encoding="utf-8")
    result = runner.invoke(app, ["ingest", *map(str, paths), "--db", str(db)])
    assert "added 0, replaced 1, unchanged 3" in result.output
    store = Store(db)
    assert len(store.doc_ids()) == 4
    replaced = [d for d in store.iter_documents() if d.source.path == str(paths[0])]
    assert len(replaced) == 1 and replaced[0].text.endswith("A correction was appended.")
    # remove one; an unknown id is a clear error
    result = runner.invoke(app, ["remove", replaced[0].doc_id, "--db", str(db)])
    assert result.exit_code == 0 and len(Store(db).doc_ids()) == 3
    result = runner.invoke(app, ["remove", "no-such-doc", "--db", str(db)])
    assert result.exit_code == 1 and "no-such-doc: no such document" in result.output


def test_bad_input_is_reported_and_the_batch_goes_on(tmp_path, shared_pipeline):
    paths = _write_articles(tmp_path / "in", 2)
    bad = tmp_path / "in" / "broken.txt"
    bad.write_bytes(b"\xff\xfe\x00 not utf-8 \xc3")
    result = runner.invoke(app, ["ingest", str(paths[0]), str(bad), str(paths[1]), "--db", str(tmp_path / "c.sqlite")])
    assert result.exit_code == 1
    assert "broken.txt" in result.output and "added 2" in result.output


def test_query_commands_and_export(tmp_path, shared_pipeline):
    paths = _write_articles(tmp_path / "in", 3)
    db = str(tmp_path / "c.sqlite")
    assert runner.invoke(app, ["ingest", *map(str, paths), "--db", db]).exit_code == 0
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


def test_a_document_the_store_rejects_is_reported_and_the_batch_goes_on(tmp_path, shared_pipeline, monkeypatch):
    from newsgraph.model import Event

    paths = _write_articles(tmp_path / "in", 3)
    original = shared_pipeline.pipe

    def pipe_with_a_broken_event(docs, **kwargs):
        for n, doc in enumerate(original(docs, **kwargs)):
            if n == 1:
                doc.events.append(Event(id="bad", type=None))  # violates NOT NULL when stored
            yield doc

    monkeypatch.setattr(shared_pipeline, "pipe", pipe_with_a_broken_event)
    result = runner.invoke(app, ["ingest", *map(str, paths), "--db", str(tmp_path / "c.sqlite")])
    assert result.exit_code == 1
    assert "not stored: IntegrityError" in result.output and "added 2" in result.output
    assert Store(tmp_path / "c.sqlite").check_integrity() == []

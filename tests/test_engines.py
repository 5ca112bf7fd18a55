"""Engines: the same output in the same order on every engine; streaming with bounded read-ahead;
an interrupted ingest resumes where it stopped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsgraph.corpus
from newsgraph.cli import app
from newsgraph.corpus import ingest
from newsgraph.engines import BATCH_SIZE, ordered
from newsgraph.store import Store
from service_support import service_missing
from synthetic import synthetic_corpus

runner = CliRunner()


def _write_articles(folder: Path, n: int, seed: int = 5) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, doc in enumerate(synthetic_corpus(n, seed=seed)):
        path = folder / f"{i:03d}.txt"
        path.write_text(doc.text, encoding="utf-8")
        paths.append(path)
    return paths


def test_ordered_keeps_submission_order_with_a_bounded_window():
    submitted: list[int] = []

    def tasks():
        for i in range(10):
            submitted.append(i)
            yield i

    out = []
    for doc, _ in ordered(tasks(), lambda i: [(i, None)], window=3):
        out.append(doc)
        assert len(submitted) - len(out) <= 3  # never more than the window ahead
    assert out == list(range(10))


def test_extract_on_a_two_worker_dask_cluster_equals_the_serial_run(tmp_path):
    try:
        import dask.distributed  # noqa: F401
    except ImportError as error:
        service_missing(f"dask[distributed] is not installed ({error}); run `make install`")
    folder = tmp_path / "in"
    _write_articles(folder, 20)
    serial = runner.invoke(app, ["extract", str(folder)])
    dask = runner.invoke(app, ["extract", str(folder), "--engine", "dask", "--workers", "2"])
    assert serial.exit_code == 0 and dask.exit_code == 0, dask.output
    lines = [json.loads(line) for line in serial.stdout.splitlines()]
    assert len(lines) == 20
    assert dask.stdout == serial.stdout  # identical, in the same order


def test_scheduler_needs_the_dask_engine(tmp_path):
    result = runner.invoke(app, ["ingest", "x.txt", "--scheduler", "tcp://127.0.0.1:1", "--db",
                                 str(tmp_path / "c.sqlite")])
    assert result.exit_code == 1 and "--scheduler needs --engine dask" in result.output


def test_ingest_streams_with_bounded_read_ahead(tmp_path, pipeline, monkeypatch):
    paths = _write_articles(tmp_path / "in", 3 * BATCH_SIZE)
    produced: list[str] = []
    real = newsgraph.corpus.read_inputs

    def counting(*args, **kwargs):
        for item in real(*args, **kwargs):
            produced.append(item.doc_id)
            yield item

    monkeypatch.setattr(newsgraph.corpus, "read_inputs", counting)
    read_when_stored: list[int] = []
    report = ingest([str(tmp_path / "in")], Store(tmp_path / "c.sqlite"), pipeline=pipeline,
                    progress=lambda item, done, total: read_when_stored.append(len(produced)))
    assert report.count("added") + report.count("unchanged") == len(paths)
    assert read_when_stored[0] <= BATCH_SIZE + 1  # the first document was stored after one batch was read


def test_an_interrupted_ingest_resumes_where_it_stopped(tmp_path, pipeline):
    _write_articles(tmp_path / "in", 2 * BATCH_SIZE + 4, seed=8)
    store = Store(tmp_path / "c.sqlite")

    def stop_after_twenty(item, done, total):
        if done == 20:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([str(tmp_path / "in")], store, pipeline=pipeline, progress=stop_after_twenty)
    stored = len(store.doc_ids())
    assert stored >= 18 and store.check_integrity() == []
    calls: list[int] = []
    real_pipe = pipeline.pipe

    def counted_pipe(docs, *args, **kwargs):
        docs = list(docs)
        calls.append(len(docs))
        return real_pipe(docs, *args, **kwargs)

    pipeline.pipe = counted_pipe
    try:
        report = ingest([str(tmp_path / "in")], store, pipeline=pipeline)
    finally:
        del pipeline.pipe
    assert report.count("unchanged") >= stored
    assert sum(calls) == report.count("added")  # stored texts were never parsed again
    assert len(store.doc_ids()) == stored + report.count("added")

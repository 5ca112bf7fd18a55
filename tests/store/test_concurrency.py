"""Two `newsgraph ingest` processes into one existing store, and a reader, on each back end:
nobody crashes, nothing is lost, the reader never sees half a document."""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from newsgraph.resolve import needs_resolution
from newsgraph.store import Store
from synthetic import synthetic_corpus

ROOT = Path(__file__).resolve().parents[2]


def _write_articles(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, doc in enumerate(synthetic_corpus(n, seed=11)):
        path = folder / f"{i:03d}_{doc.doc_id}.txt"
        path.write_text(doc.text, encoding="utf-8")
        paths.append(path)
    return paths


def _watch(db: str, stop: threading.Event, seen: list[str], problems: list[str]) -> None:
    reader = Store(db)
    while not stop.is_set():
        problems.extend(reader.check_integrity())
        ids = reader.doc_ids()
        seen.append(str(len(ids)))
        for doc_id in ids[-3:]:
            doc = reader.load_document(doc_id)
            if doc is not None and not doc.entities:
                problems.append(f"{doc_id}: read without its entities")
        time.sleep(0.05)
    reader.close()


def test_two_writers_and_a_reader(tmp_path, db_url, pipeline, build):
    paths = _write_articles(tmp_path / "in", 24)
    store = Store(db_url)
    store.save(build.preview())  # an existing store, as in issue 11
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    commands = [[sys.executable, "-m", "newsgraph", "ingest", *map(str, chosen), "--db", db_url]
                for chosen in (paths[:16], paths[8:])]  # eight articles in both
    stop, seen, problems = threading.Event(), [], []
    watcher = threading.Thread(target=_watch, args=(db_url, stop, seen, problems))
    watcher.start()
    try:
        writers = [subprocess.Popen(c, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                   for c in commands]
        outputs = [w.communicate(timeout=600)[1] for w in writers]
    finally:
        stop.set()
        watcher.join()
    for writer, output in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, output
        assert "Traceback" not in output and "failed" not in output
    distinct = len({p.read_text(encoding="utf-8") for p in paths})
    assert len(store.doc_ids()) == distinct + 1
    assert store.check_integrity() == [] and problems == []
    assert not needs_resolution(store)
    assert len(seen) > 1  # the reader really read while they wrote
    store.close()


def test_a_sqlite_writer_waits_for_the_lock_and_says_so(tmp_path, build, caplog):
    path = tmp_path / "locked.sqlite"
    Store(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the store
    store = Store(path)
    result: list[str] = []
    with caplog.at_level(logging.WARNING, logger="newsgraph.store"):
        saver = threading.Thread(target=lambda: result.append(store.save(build.preview())))
        saver.start()
        time.sleep(1.0)
        assert result == []  # still waiting
        holder.execute("COMMIT")
        saver.join(timeout=30)
    assert result == ["added"]
    assert "waiting for another writer" in caplog.text
    holder.close()
    store.close()

"""Stores and memory: peak RSS of a streaming ingest (1,000 and 20,000 inputs), SQLite against
PostgreSQL (save rate, full resolution and query latency on a fresh store, and at 50,000 articles).

Sizes from the environment: NEWSGRAPH_BENCH_RSS_SIZES (default "1000,20000"),
NEWSGRAPH_BENCH_STORE_DOCS (default 5000), NEWSGRAPH_BENCH_LARGE_STORE_DOCS (default 50000).
PostgreSQL rows need $NEWSGRAPH_TEST_PG_URL (``source .ci/postgres.sh``).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from common import md_table  # noqa: E402

from synthetic import synthetic_corpus  # noqa: E402

TITLE = "Stores and memory: streaming ingest RSS, SQLite vs PostgreSQL"

RSS_SIZES = [int(n) for n in os.environ.get("NEWSGRAPH_BENCH_RSS_SIZES", "1000,20000").split(",")]
STORE_DOCS = int(os.environ.get("NEWSGRAPH_BENCH_STORE_DOCS", "5000"))


def _write_articles(folder: Path, n: int, seed: int = 21, lead_only: bool = False) -> Path:
    """``n`` synthetic article files (with ``lead_only``, each article's first paragraph)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, doc in enumerate(synthetic_corpus(n, seed=seed)):
        text = doc.text.split("\n\n")[0] if lead_only else doc.text
        (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")
    return folder


RSS_SCRIPT = """
import resource, sys
from newsgraph.corpus import ingest
from newsgraph.pipeline import Pipeline
from newsgraph.store import Store
pipeline = Pipeline(stages=[]) if sys.argv[3] == "none" else Pipeline()
report = ingest([sys.argv[1]], Store(sys.argv[2]), pipeline=pipeline)
print(report.count("added"), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def rss_rows(folder: Path, stages: str) -> list[list[str]]:
    """Peak RSS of ``ingest`` in a fresh process: with no stages over whole articles (the streaming
    path alone), or with the full pipeline over each article's lead paragraph (parsing 20,000
    whole articles would take this machine most of an hour)."""
    rows = []
    for n in RSS_SIZES:
        inputs = _write_articles(folder / f"in{n}-{stages}", n, lead_only=stages == "full")
        started = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", RSS_SCRIPT, str(inputs), str(folder / f"rss{n}{stages}.sqlite"),
                              stages], env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, capture_output=True,
                             text=True, check=True).stdout.split()
        rows.append([f"{n:,}", out[0], f"{int(out[1]) / 1024:.0f}", f"{time.perf_counter() - started:.0f}"])
    return rows


def _store_url(backend: str, folder: Path) -> tuple[str, Callable[[], None]]:
    if backend == "sqlite":
        return str(folder / "bench.sqlite"), lambda: None
    import sqlalchemy as sa

    server = sa.engine.make_url(os.environ["NEWSGRAPH_TEST_PG_URL"])
    name = f"bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return server.set(database=name).render_as_string(hide_password=False), drop


def _latency(call: Callable[[], object], repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _queries(store, docs: list) -> list[str]:
    """Median latency (ms) of a timeline, an entity profile and a search on ``store``."""
    from newsgraph.query import Corpus

    corpus = Corpus(store)
    person = next(e for d in docs for e in d.entities if e.type == "PERSON").name
    word = docs[len(docs) // 2].text.split()[3]
    return [f"{_latency(lambda: corpus.timeline(entity=person)):.0f}",
            f"{_latency(lambda: corpus.entity_profile(person)):.0f}", f"{_latency(lambda: corpus.search(word)):.0f}"]


def store_row(backend: str, folder: Path) -> list[str]:
    """Save rate and full resolution on a fresh store of STORE_DOCS articles, and query latency."""
    from newsgraph.resolve import resolve_store
    from newsgraph.store import Store

    url, drop = _store_url(backend, folder)
    try:
        store = Store(url)
        docs = list(synthetic_corpus(STORE_DOCS, seed=4))
        started = time.perf_counter()
        for doc in docs:
            store.save(doc)
        save_rate = len(docs) / (time.perf_counter() - started)
        started = time.perf_counter()
        resolve_store(store)
        resolve_s = time.perf_counter() - started
        row = [backend, f"{STORE_DOCS:,}", f"{save_rate:.0f}", f"{resolve_s:.1f}", *_queries(store, docs)]
        store.close()
        return row
    finally:
        drop()


LARGE_DOCS = int(os.environ.get("NEWSGRAPH_BENCH_LARGE_STORE_DOCS", "50000"))
LARGE_WRITERS = 2
LOAD_SCRIPT = """
import sys
sys.path.insert(0, sys.argv[4])
from synthetic import synthetic_corpus
from newsgraph.store import Store
n, part, parts = int(sys.argv[2]), int(sys.argv[3]), 2
store = Store(sys.argv[1])
for i, doc in enumerate(synthetic_corpus(n, seed=5)):
    if i % parts == part:
        store.save(doc)
"""


def _large_postgres_store(n: int) -> tuple[str, float, float]:
    """(url, seconds to load, seconds of the full pass) of a PostgreSQL database holding the scale
    benchmark's ``n`` articles, loaded by LARGE_WRITERS processes side by side; kept on the server
    between runs (reused when complete)."""
    import sqlalchemy as sa

    from newsgraph.resolve import resolve_store
    from newsgraph.store import Store

    server = sa.engine.make_url(os.environ["NEWSGRAPH_TEST_PG_URL"])
    name = f"bench_scale_5_{n}"
    url = server.set(database=name).render_as_string(hide_password=False)
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.exec_driver_sql("SELECT 1 FROM pg_database WHERE datname = %(n)s", {"n": name}).first()
    record = ROOT / "benchmarks" / ".cache" / f"{name}.json"  # how long building it took
    if exists:
        store = Store(url)
        if len(store.doc_ids()) == n and not store.needs_resolution() and record.exists():
            store.close()
            built = json.loads(record.read_text(encoding="utf-8"))
            return url, built["load_s"], built["full_s"]
        store.close()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    Store(url).close()  # schema first, then the writers
    started = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    writers = [subprocess.Popen([sys.executable, "-c", LOAD_SCRIPT, url, str(n), str(part), str(ROOT / "tests")],
                                env=env) for part in range(LARGE_WRITERS)]
    if any(w.wait() != 0 for w in writers):
        raise RuntimeError("loading the PostgreSQL benchmark store failed")
    load_s = time.perf_counter() - started
    store = Store(url)
    full = resolve_store(store)
    store.close()
    record.parent.mkdir(exist_ok=True)
    record.write_text(json.dumps({"load_s": load_s, "full_s": full.seconds, "built": time.strftime("%Y-%m-%d %H:%M")}),
                      encoding="utf-8")
    return url, load_s, full.seconds


def large_store_rows() -> list[list[str]]:
    """Query latency at LARGE_DOCS articles on both back ends: the scale benchmark's cached SQLite
    store and the same articles in PostgreSQL."""
    import bench_scale

    from newsgraph.resolve import resolve_store
    from newsgraph.store import Store

    sizes = tuple(sorted({*bench_scale.SIZES, LARGE_DOCS}))
    every = list(synthetic_corpus(sizes[-1] + bench_scale.BATCH, seed=bench_scale.SEED))
    sqlite_path = bench_scale.cached_stores(every, sizes)[LARGE_DOCS]
    docs = every[:LARGE_DOCS]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "large.sqlite"
        bench_scale.copy_store(sqlite_path, copy)
        store = Store(copy)
        full = resolve_store(store)
        rows.append(["sqlite", f"{LARGE_DOCS:,}", "one writer (scale benchmark cache)", f"{full.seconds:.1f}",
                     *_queries(store, docs)])
        store.close()
    if os.environ.get("NEWSGRAPH_TEST_PG_URL"):
        url, load_s, full_s = _large_postgres_store(LARGE_DOCS)
        store = Store(url)
        rows.append(["postgresql", f"{LARGE_DOCS:,}", f"{LARGE_DOCS / load_s:.0f} articles/s, {LARGE_WRITERS} writers",
                     f"{full_s:.1f}", *_queries(store, docs)])
        store.close()
    return rows


def run() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rss = rss_rows(folder, "none")
        rss_full = rss_rows(folder, "full")
        backends = ["sqlite"] + (["postgresql"] if os.environ.get("NEWSGRAPH_TEST_PG_URL") else [])
        stores = [store_row(b, folder) for b in backends]
    large = large_store_rows()
    low, high = (float(r[2]) for r in (rss[0], rss[-1]))
    parts = [
        "### Peak RSS of a streaming `ingest` (read, hash, store; pipeline with no stages, so the "
        "figure is the streaming path, not spaCy)",
        md_table(["inputs", "added", "peak RSS (MiB)", "seconds"], rss),
        f"\nPeak RSS at {RSS_SIZES[-1]:,} is {high / low:.2f} x the figure at {RSS_SIZES[0]:,}.",
        "",
        "### Peak RSS of `ingest` with the full pipeline (each article's lead paragraph: parsing 20,000 "
        "whole articles would take this machine most of an hour)",
        md_table(["inputs", "added", "peak RSS (MiB)", "seconds"], rss_full),
        f"\nPeak RSS at {RSS_SIZES[-1]:,} is {float(rss_full[-1][2]) / float(rss_full[0][2]):.2f} x the figure "
        f"at {RSS_SIZES[0]:,}.",
        "",
        f"### SQLite vs PostgreSQL ({STORE_DOCS:,} synthetic processed articles saved one transaction each; "
        "query latency = median of 5, ms)",
        md_table(["store", "articles", "save articles/s", "full resolution s", "timeline ms",
                  "entity profile ms", "search ms"], stores),
        "",
        f"### SQLite vs PostgreSQL at {LARGE_DOCS:,} articles (the scale benchmark's corpus; query latency = "
        "median of 5, ms)",
        md_table(["store", "articles", "loaded", "full resolution s", "timeline ms", "entity profile ms",
                  "search ms"], large),
    ]
    rusage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    parts.append(f"\n(benchmark process peak RSS {rusage / 1024:.0f} MiB)")
    return "\n".join(parts)


if __name__ == "__main__":
    print(run())

"""The workbench's JSON API at scale (issue 12).

1. Latency (median, p95) of the API calls behind the pages — timeline (events of an entity),
   entity profile, event page, graph neighbourhood, full-text search — at N stored synthetic
   articles, beside loading one document by id through the API in the same run.
2. A bounded load run on loopback: concurrent readers against a uvicorn server while an ingest
   writes into the same store; requests per second and errors.

The store (``tests/synthetic.py``, seeded) is built once and cached under benchmarks/.cache
(NEWSGRAPH_BENCH_WEB_DOCS sets N, default 50,000).
"""

from __future__ import annotations

import os
import random
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

from common import md_table

TITLE = "Workbench API: latency at scale, load while ingesting"

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
DOCS = int(os.environ.get("NEWSGRAPH_BENCH_WEB_DOCS", "50000"))
SAMPLES = 30
LOAD_CLIENTS = 8
LOAD_SECONDS = 10.0


def _synthetic():
    sys.path.insert(0, str(HERE.parent / "tests"))
    from synthetic import synthetic_corpus

    return synthetic_corpus


def cached_store_path(n: int = DOCS) -> Path:
    """The cached store of ``n`` synthetic articles, resolved; built on first use."""
    from newsgraph.corpus import resolve
    from newsgraph.store import Store

    path = CACHE / f"web_{n}.sqlite"
    done = path.with_suffix(".done")
    if done.exists():
        return path
    CACHE.mkdir(exist_ok=True)
    for old in CACHE.glob(f"web_{n}.sqlite*"):
        old.unlink()
    store = Store(path)
    started = time.perf_counter()
    for i, doc in enumerate(_synthetic()(n, seed=5)):
        store.save(doc)
        if i % 5000 == 0:
            print(f"  stored {i:,} in {time.perf_counter() - started:.0f}s", flush=True)
    resolve(store, full=True)
    store.close()
    done.write_text(f"{n} documents, built in {time.perf_counter() - started:.0f}s\n")
    return path


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _timed(client, urls: list[str]) -> list[float]:
    out = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        out.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code, response.text[:200])
    return out


def _sample(store, rng: random.Random) -> dict[str, list[str]]:
    """Request URLs for each measured call: 30 people with events, 30 events, 30 documents."""
    people = [e for e in store.read.entities_page(type="PERSON", limit=3000)[0] if e["n_documents"] > 1]
    people = rng.sample(people, SAMPLES)
    events = rng.sample(store.read.events_page(limit=5000)[0], SAMPLES)
    docs = rng.sample(store.doc_ids(), SAMPLES)
    words = ["sanctions talks", "joint exercises", "aid", "criticized decision", "summit"]
    return {
        "load one document (GET /api/documents/ID), baseline": [f"/api/documents/{d}" for d in docs],
        "timeline (GET /api/events?entity=ID)": [f"/api/events?entity={p['id']}&limit=100" for p in people],
        "entity profile (GET /api/entities/ID)": [f"/api/entities/{p['id']}" for p in people],
        "event page (GET /api/events/ID)": [f"/api/events/{e['id']}" for e in events],
        "graph neighbourhood (GET /api/entities/ID/graph)": [f"/api/entities/{p['id']}/graph" for p in people],
        "full-text search (GET /api/search?q=)": [f"/api/search?q={rng.choice(words)}" for _ in range(SAMPLES)],
    }


def latency_section(store) -> tuple[str, dict[str, list[str]]]:
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    client = TestClient(create_app(store, token="bench"))
    urls = _sample(store, random.Random(3))
    for batch in urls.values():  # warm the caches once
        _timed(client, batch[:3])
    rows = []
    base = None
    for label, batch in urls.items():
        values = _timed(client, batch)
        median = statistics.median(values)
        base = base or median
        rows.append([label, f"{median:.1f}", f"{_percentile(values, 0.95):.1f}", f"{median / base:.1f}x",
                     "yes" if median < 100 else "**no**"])
    table = md_table(["API call", "median ms", "p95 ms", "median / baseline", "under 100 ms"], rows)
    return table, urls


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_section(store, path: Path, urls: dict[str, list[str]]) -> str:
    """LOAD_CLIENTS threads reading for LOAD_SECONDS over loopback while a writer stores new articles."""
    import httpx
    import uvicorn

    from newsgraph.store import Store
    from newsgraph.web import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store, token="bench"), host="127.0.0.1", port=port,
                                           log_level="warning", workers=1))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    mix = [u for batch in urls.values() for u in batch]
    stop = time.perf_counter() + LOAD_SECONDS
    counts = {"ok": 0, "errors": 0}
    problems: list[str] = []
    lock = threading.Lock()

    def reader(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            while time.perf_counter() < stop:
                url = rng.choice(mix)
                try:
                    status = http.get(url).status_code
                    problem = None if status == 200 else f"{status} {url}"
                except httpx.HTTPError as exc:
                    problem = f"{type(exc).__name__} {url}"
                with lock:
                    counts["errors" if problem else "ok"] += 1
                    if problem:
                        problems.append(problem)

    writer_store = Store(path)
    written: list[str] = []

    def writer() -> None:
        for doc in _synthetic()(10_000, seed=77):
            if time.perf_counter() >= stop:
                break
            doc.doc_id = f"load-{doc.doc_id}"
            doc.source.path = f"load/{doc.source.path}"  # never the same source as a stored article
            writer_store.save(doc, by_source=False)
            written.append(doc.doc_id)

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(LOAD_CLIENTS)]
    threads.append(threading.Thread(target=writer))
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    server.should_exit = True
    thread.join(timeout=10)
    for doc_id in written:  # leave the cached store as it was
        writer_store.remove(doc_id)
    writer_store.close()
    total = counts["ok"] + counts["errors"]
    return md_table(["measure", "value"], [
        ["readers (threads, one keep-alive connection each), loopback", str(LOAD_CLIENTS)],
        ["duration, s", f"{seconds:.1f}"],
        ["requests (the latency mix above, random)", f"{total:,}"],
        ["requests per second", f"{total / seconds:.0f}"],
        ["errors (non-200 or connection failure)", str(counts["errors"]) + (
            f" (first: {', '.join(sorted(set(problems))[:3])})" if problems else "")],
        ["articles stored by the concurrent writer (store.save, one transaction each)", f"{len(written):,}"],
    ])


def run() -> str:
    from newsgraph.store import Store

    started = time.perf_counter()
    path = cached_store_path(DOCS)
    built = path.with_suffix(".done").read_text().strip()
    store = Store(path)
    counts = store.counts()
    latency, urls = latency_section(store)
    load = load_section(store, path, urls)
    store.close()
    return "\n".join([
        f"Store: {counts['documents']:,} synthetic articles (`tests/synthetic.py`, seed 5; {built}), "
        f"{counts['canonical_entities']:,} canonical entities, {counts['canonical_events']:,} canonical events, "
        f"{counts['stories']:,} stories; SQLite (WAL). The app runs in-process (Starlette TestClient, "
        "no network) for the latency table; one uvicorn worker on loopback for the load run.",
        "",
        f"API latency, {SAMPLES} requests per call (random people with events in more than one document, "
        "random events and documents), ms:",
        "",
        latency,
        "",
        f"Load: {LOAD_CLIENTS} concurrent readers for {LOAD_SECONDS:.0f} s while a writer stores new articles "
        "into the same store (the ingest's write step; no resolution runs during the window):",
        "",
        load,
        "",
        f"_Benchmark time {time.perf_counter() - started:.0f}s; load average at the end "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} (other jobs shared the machine's cores)._",
    ])


if __name__ == "__main__":
    print(cached_store_path())

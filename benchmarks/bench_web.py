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


if __name__ == "__main__":
    print(cached_store_path())

"""A corpus that grows: the same 100-article batch ingested into stores of growing size.

Stores of synthetic processed articles (tests/synthetic.py) are built once, fully resolved, and
cached in benchmarks/.cache (git-ignored).  For each size a copy of the cached store takes the same
100-article batch: ``store.save`` of each article, then the incremental resolution that
``newsgraph ingest`` runs (``corpus.resolve``).  At the largest size the full pass is timed on a
copy of the same post-batch store, and the two canonical layers are compared cluster by cluster
(ids aside).  The pipeline itself is not part of these figures (see the corpus benchmark).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE.parent / "tests"))

from common import md_table  # noqa: E402

TITLE = "Scale: incremental ingest into a growing store"
SIZES = tuple(int(x) for x in os.environ.get("NEWSGRAPH_SCALE_SIZES", "1000,10000,50000").split(","))
BATCH = 100
SEED = 5
CACHE = HERE / ".cache"


def cached_stores(docs: list, sizes: tuple[int, ...] = SIZES) -> dict[int, Path]:
    """One fully resolved store per size, built once (each size extends the previous one)."""
    from newsgraph.resolve import resolve_store
    from newsgraph.store import Store

    CACHE.mkdir(exist_ok=True)
    paths = {n: CACHE / f"scale-{SEED}-{n}.sqlite" for n in sizes}
    if all(p.exists() for p in paths.values()):
        return paths
    work = CACHE / "building.sqlite"
    for leftover in CACHE.glob("building.sqlite*"):
        leftover.unlink()
    built = [n for n in sorted(sizes) if paths[n].exists()]
    done = 0
    while built and built[-1] != sorted(sizes)[len(built) - 1]:
        built.pop()
    if built:  # go on from the largest store already cached
        done = built[-1]
        copy_store(paths[done], work)
    store = Store(work)
    for n in sorted(sizes):
        if n <= done:
            continue
        for d in docs[done:n]:
            store.save(d)
        done = n
        resolve_store(store)
        store.engine.dispose()
        copy_store(work, paths[n])
    store.close()
    for leftover in CACHE.glob("building.sqlite*"):
        leftover.unlink()
    return paths


def copy_store(src: Path, dst: Path) -> None:
    shutil.copyfile(src, dst)
    for suffix in ("-wal", "-shm"):
        if Path(str(src) + suffix).exists():
            shutil.copyfile(str(src) + suffix, str(dst) + suffix)


def _ingest_batch(path: Path, batch: list) -> tuple[float, float, object]:
    from newsgraph.corpus import resolve
    from newsgraph.store import Store

    store = Store(path)
    t0 = time.perf_counter()
    for d in batch:
        store.save(d)
    t1 = time.perf_counter()
    summary = resolve(store)
    t2 = time.perf_counter()
    store.close()
    return t1 - t0, t2 - t1, summary


def run() -> str:
    from newsgraph.resolve import resolve_store
    from newsgraph.store import Store
    from resolution_support import differences, partition
    from synthetic import synthetic_corpus

    largest = max(SIZES)
    docs = list(synthetic_corpus(largest + BATCH, seed=SEED))
    batch = docs[largest:]
    t_build = time.perf_counter()
    paths = cached_stores(docs)
    build_seconds = time.perf_counter() - t_build
    rows, totals = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sorted(SIZES):
            copy = Path(tmp) / f"s{n}.sqlite"
            copy_store(paths[n], copy)
            save_s, resolve_s, summary = _ingest_batch(copy, batch)
            totals[n] = save_s + resolve_s
            rows.append([f"{n:,}", f"{save_s:.2f}", f"{resolve_s:.2f}", f"{save_s + resolve_s:.2f}",
                         f"{summary.entities:,} / {summary.events:,} / {summary.documents:,}"])
        # full pass on the same post-batch store, and incremental == full
        after = Path(tmp) / f"s{largest}.sqlite"
        full_copy = Path(tmp) / "full.sqlite"
        copy_store(after, full_copy)
        incremental = partition(Store(after))
        store = Store(full_copy)
        full = resolve_store(store)
        diff = differences(incremental, partition(store))
        store.close()
    smallest = min(SIZES)
    ratio = totals[largest] / totals[smallest]
    lines = [md_table(["stored articles", "store.save of the batch, s", "incremental resolution, s", "total, s",
                       "entity / event rows and documents resolved"], rows), ""]
    lines.append(md_table(["measure", "value"], [
        [f"ingest of the batch at {largest:,} / at {smallest:,} (goal at most 1.5)", f"{ratio:.2f}"],
        [f"full-pass resolution at {largest + BATCH:,} articles, s", f"{full.seconds:.1f}"],
        [f"full pass / incremental resolution of the batch at {largest:,}",
         f"{full.seconds / max(1e-9, float(rows[-1][2])):.0f}x"],
        ["incremental vs full at that size: clusters that differ (entities, events, stories, near-copies)",
         ", ".join(f"{k} {v}" for k, v in diff.items())],
        ["stores built this run (else read from benchmarks/.cache), s", f"{build_seconds:.0f}"],
    ]))
    lines.append("")
    lines.append(f"Synthetic processed articles (seed {SEED}); the batch is the same {BATCH} articles for every "
                 "size, dated across the corpus's four years (so it back-fills, not only appends). "
                 "'rows resolved' is what the incremental pass read and clustered again: the batch's own facts "
                 "and the canonical records its blocking keys point to.")
    return "\n".join(lines)

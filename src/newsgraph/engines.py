"""Where the pipeline runs: this process, local worker processes, or a Dask cluster.

    with open_engine(settings, "dask", scheduler="tcp://10.0.0.5:8786") as run:
        for doc, problem in run(documents):     # submission order; ``problem`` is None or why it failed
            ...

Every engine takes an iterable of documents and gives back ``(document, problem)`` pairs in
the order the documents came in, reading ahead only a bounded number of batches, so a
corpus of any size streams through in flat memory.  Each worker process builds its pipeline
once (a cached global, keyed by the settings and stages it was asked for) and keeps it.

* ``serial``: in this process (``workers`` > 1: that many local processes, spawned);
* ``dask``: batches sharded across the workers of a ``dask.distributed`` cluster: the one
  at ``scheduler``, or a local cluster of ``workers`` processes started for the run.  The
  package (and its spaCy model) must be installed on every worker machine.

Processing problems follow the pipeline's one error policy (stage warnings); a batch that
still raises is run again one document at a time, so one bad input never stops the rest.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .config import ConfigurationError, Settings
from .model import Document
from .pipeline import chunks

if TYPE_CHECKING:
    from .pipeline import Pipeline, StageSpec

log = logging.getLogger(__name__)

ENGINES = ("serial", "dask")
Processed = tuple[Document, str | None]
Run = Callable[[Iterable[Document]], Iterator[Processed]]

BATCH_SIZE = 16  # documents per spaCy batch in this process
WORKER_BATCH_SIZE = BATCH_SIZE  # documents per task sent to a worker: one spaCy batch, as in this process
WINDOW_PER_WORKER = 3  # tasks in flight per worker: enough to keep each busy, bounded memory


def process_batch(pipeline: Pipeline, docs: list[Document]) -> list[Processed]:
    """(document, problem) pairs for one batch: batched, and document by document after a failure."""
    try:
        return [(doc, None) for doc in pipeline.pipe(docs, batch_size=max(1, len(docs)))]
    except Exception:  # noqa: BLE001 - fall back to one at a time
        pass
    results: list[Processed] = []
    for doc in docs:
        try:
            results.append((pipeline(doc), None))
        except Exception as exc:  # noqa: BLE001 - reported per document
            results.append((doc, f"{type(exc).__name__}: {exc}"))
    return results


# --- in worker processes: one pipeline per process, built on first use -----------------------

_WORKER_PIPELINES: dict[bytes, Pipeline] = {}


TRIM_THRESHOLD = 128 * 1024 * 1024  # bytes of free heap glibc keeps before giving memory back
MMAP_THRESHOLD = 32 * 1024 * 1024  # allocations above this get their own mapping
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameter numbers


def relax_malloc_trim() -> None:
    """Dask's nanny starts workers with ``MALLOC_TRIM_THRESHOLD_=65536``, so glibc hands freed
    memory back to the system at once, and (the variable turns off glibc's adaptive threshold)
    every array over 128 KiB is mapped and unmapped again: the pipeline ran 12-15% slower in such
    a worker than in a plain process.  A worker keeps its memory across documents instead (glibc
    only; elsewhere nothing changes)."""
    if "MALLOC_TRIM_THRESHOLD_" not in os.environ:
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD)
        libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    except (OSError, AttributeError):
        pass


def worker_pipeline(settings: Settings, stages: list[StageSpec] | None) -> Pipeline:
    """The pipeline this process built for ``settings`` and ``stages`` (built on first call)."""
    key = pickle.dumps((settings, stages))
    pipeline = _WORKER_PIPELINES.get(key)
    if pipeline is None:
        relax_malloc_trim()
        os.environ.setdefault("NEWSGRAPH_TORCH_THREADS", "1")  # one core per worker (model_typing.torch_threads)
        from .pipeline import Pipeline

        pipeline = Pipeline(settings, stages) if stages is not None else Pipeline(settings)
        _WORKER_PIPELINES[key] = pipeline
    return pipeline


def warm_worker(settings: Settings, stages: list[StageSpec] | None) -> None:
    """Build this worker's pipeline before any batch comes (run on every worker as a cluster starts)."""
    worker_pipeline(settings, stages)


def process_on_worker(settings: Settings, stages: list[StageSpec] | None, docs: list[Document]) -> list[Processed]:
    return process_batch(worker_pipeline(settings, stages), docs)


def ordered(tasks: Iterable[Any], collect: Callable[[Any], list[Processed]], window: int) -> Iterator[Processed]:
    """Results of submitted ``tasks`` in submission order, with at most ``window`` in flight."""
    pending: deque[Any] = deque()
    for task in tasks:
        pending.append(task)
        if len(pending) >= window:
            yield from collect(pending.popleft())
    while pending:
        yield from collect(pending.popleft())


# --- the engines ------------------------------------------------------------------------------

class SerialEngine:
    """This process (the pipeline built on the first batch, or the one given)."""

    def __init__(self, settings: Settings, pipeline: Pipeline | None = None):
        self.settings, self.pipeline = settings, pipeline

    def run(self, docs: Iterable[Document]) -> Iterator[Processed]:
        for chunk in chunks(docs, BATCH_SIZE):
            if self.pipeline is None:
                from .pipeline import Pipeline

                self.pipeline = Pipeline(self.settings)
            yield from process_batch(self.pipeline, chunk)

    def close(self) -> None:
        pass


class ProcessPoolEngine:
    """``workers`` local processes (spawned on the first batch)."""

    def __init__(self, settings: Settings, workers: int, stages: list[StageSpec] | None = None):
        self.settings, self.workers, self.stages = settings, workers, stages
        self.pool: Any = None

    def run(self, docs: Iterable[Document]) -> Iterator[Processed]:
        def submitted() -> Iterator[Any]:
            for chunk in chunks(docs, WORKER_BATCH_SIZE):
                if self.pool is None:
                    self.pool = multiprocessing.get_context("spawn").Pool(self.workers)
                yield self.pool.apply_async(process_on_worker, (self.settings, self.stages, chunk))

        yield from ordered(submitted(), lambda result: result.get(), self.workers * WINDOW_PER_WORKER)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()


class DaskEngine:
    """Batches sharded across a ``dask.distributed`` cluster; results back in order."""

    def __init__(self, settings: Settings, scheduler: str | None = None, workers: int | None = None,
                 stages: list[StageSpec] | None = None):
        self.settings, self.scheduler, self.stages = settings, scheduler, stages
        self.local_workers = workers or os.cpu_count() or 1
        self.client: Any = None
        self.cluster: Any = None

    def start(self) -> Any:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:
            raise ConfigurationError("--engine dask needs dask.distributed: pip install 'newsgraph[dask]'") from exc
        if self.scheduler:
            self.client = Client(self.scheduler)
        else:
            self.cluster = LocalCluster(n_workers=self.local_workers, processes=True, threads_per_worker=1,
                                        host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        log.info("dask: %d workers at %s", self.worker_count(), self.client.scheduler.address)
        # every worker builds its pipeline now, side by side, not when its first batch arrives
        self.client.run(warm_worker, self.settings, self.stages)
        return self.client

    def worker_count(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {}))) if self.client is not None else 0

    def run(self, docs: Iterable[Document]) -> Iterator[Processed]:
        def submitted() -> Iterator[Any]:
            for chunk in chunks(docs, WORKER_BATCH_SIZE):
                client = self.client or self.start()
                yield client.submit(process_on_worker, self.settings, self.stages, chunk, pure=False)

        def collect(future: Any) -> list[Processed]:
            try:
                return future.result()
            finally:
                future.release()

        window = WINDOW_PER_WORKER * (self.local_workers if not self.scheduler else 8)
        yield from ordered(submitted(), collect, window)

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


@contextmanager
def open_engine(settings: Settings, engine: str = "serial", *, pipeline: Pipeline | None = None,
                workers: int | None = None, scheduler: str | None = None) -> Iterator[Run]:
    """A function from documents to ``(document, problem)`` pairs in order; see the module
    docstring.  ``pipeline`` (serial, one process) is used as given; the other engines build
    one per worker process from ``settings`` and the given pipeline's stages."""
    stages = pipeline.specs if pipeline is not None else None
    runner: SerialEngine | ProcessPoolEngine | DaskEngine
    if engine == "dask":
        runner = DaskEngine(settings, scheduler=scheduler, workers=workers, stages=stages)
    elif engine != "serial":
        raise ValueError(f"unknown engine {engine!r} (expected one of {', '.join(ENGINES)})")
    elif workers is not None and workers > 1:
        runner = ProcessPoolEngine(settings, workers, stages)
    else:
        runner = SerialEngine(settings, pipeline)
    try:
        yield runner.run
    finally:
        runner.close()

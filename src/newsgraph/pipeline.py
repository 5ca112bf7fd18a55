"""The pipeline: an ordered list of small stages, each ``Document -> Document``.

Like spaCy's components, a stage is any callable with a ``name``; a stage may
also offer ``pipe(docs)`` for batch work.  Each stage lives in its own module
(``newsgraph.<name>``) and is built by that module's ``make_stage(settings)``.
"""

from __future__ import annotations

import importlib
import multiprocessing
from typing import Callable, Iterable, Iterator, Optional, Protocol

from .config import Settings
from .model import Document

# ingest -> analysis -> entities -> time -> quotes -> events  (store/resolve run on the results)
STAGE_ORDER = ("analysis", "entities", "timexes", "quotes", "events")


class Stage(Protocol):
    name: str

    def __call__(self, doc: Document) -> Document: ...


def build_stage(name: str, settings: Settings) -> Stage:
    module = importlib.import_module(f"newsgraph.{name}")
    return module.make_stage(settings)


class Pipeline:
    def __init__(self, settings: Optional[Settings] = None, stages: Iterable[str] = STAGE_ORDER):
        self.settings = settings or Settings()
        self.stage_names = list(stages)
        self.stages: list[Stage] = [build_stage(n, self.settings) for n in self.stage_names]

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            doc = stage(doc)
        return doc

    def pipe(
        self,
        docs: Iterable[Document],
        batch_size: int = 16,
        workers: int = 1,
        keep_analysis: bool = False,
    ) -> Iterator[Document]:
        """Run every stage over ``docs``, batching the spaCy parse; ``workers`` > 1 uses processes."""
        if workers > 1:
            yield from _pipe_parallel(self.settings, self.stage_names, docs, workers, batch_size)
            return
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch, batch_size, keep_analysis)
                batch = []
        if batch:
            yield from self._run_batch(batch, batch_size, keep_analysis)

    def _run_batch(self, batch: list[Document], batch_size: int, keep_analysis: bool) -> Iterator[Document]:
        stages = list(self.stages)
        if stages and hasattr(stages[0], "pipe"):
            batch = list(stages[0].pipe(batch, batch_size=batch_size))
            stages = stages[1:]
        for doc in batch:
            for stage in stages:
                doc = stage(doc)
            if not keep_analysis:
                doc.analysis = None
            yield doc


# --- process-parallel execution ---------------------------------------------

_WORKER_PIPELINE: Optional[Pipeline] = None


def _init_worker(settings: Settings, stage_names: list[str]) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = Pipeline(settings, stage_names)


def _run_in_worker(docs: list[Document]) -> list[Document]:
    assert _WORKER_PIPELINE is not None
    return list(_WORKER_PIPELINE.pipe(docs, batch_size=len(docs)))


def _chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for doc in docs:
        chunk.append(doc)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _pipe_parallel(settings, stage_names, docs, workers, batch_size) -> Iterator[Document]:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(settings, stage_names)) as pool:
        for result in pool.imap(_run_in_worker, _chunks(docs, max(1, batch_size // 2))):
            yield from result


def process(doc: Document, settings: Optional[Settings] = None) -> Document:
    """Run the default pipeline over one document (convenience for the Python API)."""
    return Pipeline(settings)(doc)


StageFactory = Callable[[Settings], Stage]

"""The pipeline: an ordered list of declared stages, each ``Document -> Document``.

After spaCy's ``Language.factory(requires=..., assigns=...)``, every stage is registered under a
name with what it reads and what it fills::

    @register_stage("quotes", requires=("analysis",), uses=("entities",),
                    assigns=("quotes", "attributions"))
    def make_quote_stage(resources: PipelineResources) -> QuoteStage: ...

* ``requires``: what the stage cannot run without (the spaCy parse, ``"analysis"``);
* ``uses``: what it reads when present (entities for quote speakers) and must not find stale;
* ``assigns``: the ``Document`` fields it fills.

``Pipeline(settings, stages=[...])`` checks the order when it is built: a requirement that no
earlier stage assigns (and that is not one of :data:`DOCUMENT_INPUTS`, which ingest fills) or a
use that a *later* stage assigns is a ``ValueError``.  Factories receive one
:class:`PipelineResources` per pipeline: the settings and the one knowledge base built from them.

The error policy lives here and nowhere else: a stage that raises on a document leaves a
``StageWarning(stage, message, rule="pipeline.error")`` on ``doc.warnings``, and the fields it
assigns are reset to empty; a later stage that *requires* one of those fields is skipped with a
``StageWarning(..., rule="pipeline.skipped")``; every other stage still runs, and the batch goes
on.  The same holds for ``__call__``, batched ``pipe`` and ``pipe(workers=N)``.

Each stage also has a time budget per document (:func:`time_budget`: a base plus an allowance
per KB of text, from ``Settings``): a stage still running on one document when its budget is
spent is stopped and treated as a failure with the rule ``pipeline.budget`` (dependent stages
are skipped as above), so a runaway document costs one warning and the batch goes on.  The
budget is enforced with ``SIGALRM`` where that exists and the pipeline runs in the main thread;
elsewhere stages run unbounded.  The memory budget is counted in tokens (:func:`estimated_tokens`,
before any stage runs): a document with more than ``Settings.max_document_tokens`` gets one
``StageWarning("pipeline", ..., rule="pipeline.memory")`` and no stage runs on it (its memory
would grow with its tokens in every stage); the batch goes on.  Text holding a lone surrogate
(possible only through the Python API) has each one replaced by U+FFFD before any stage runs, which keeps every offset.
"""

from __future__ import annotations

import dataclasses
import importlib
import logging
import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import (
    TYPE_CHECKING,
    Any,
    Protocol,
)

from .config import Settings
from .model import Document, StageWarning

if TYPE_CHECKING:
    from .entities.kb import KnowledgeBase

log = logging.getLogger(__name__)

# ingest -> analysis -> entities -> time -> quotes -> events  (store/resolve run on the results)
STAGE_ORDER = ("analysis", "entities", "timexes", "quotes", "events")

# What a Document carries before any stage runs (filled by ingest or by the caller).
DOCUMENT_INPUTS = frozenset({"doc_id", "source", "title", "authors", "published", "dateline", "text",
                             "headings"})

ERROR_RULE = "pipeline.error"
SKIPPED_RULE = "pipeline.skipped"
BUDGET_RULE = "pipeline.budget"
MEMORY_RULE = "pipeline.memory"
_TOKEN = re.compile(r"\w+|[^\w\s]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class StageTimeout(Exception):
    """A stage ran past its time budget on one document."""


def time_budget(settings: Settings, text: str, documents: int = 1) -> float:
    """Seconds one stage may spend on ``documents`` documents holding ``text`` in all."""
    return documents * settings.stage_budget_s + settings.stage_budget_s_per_kb * len(text) / 1024


def estimated_tokens(text: str) -> int:
    """About the number of tokens spaCy will make of ``text`` (words and punctuation marks);
    linear and cheap, counted before parsing."""
    return sum(1 for _ in _TOKEN.finditer(text))


def over_memory_budget(settings: Settings, doc: Document) -> StageWarning | None:
    """The one-line warning refusing ``doc`` when its tokens exceed ``Settings.max_document_tokens``."""
    limit = settings.max_document_tokens
    if limit <= 0 or len(doc.text) <= limit:  # a token holds at least one character
        return None
    tokens = estimated_tokens(doc.text)
    if tokens <= limit:
        return None
    return StageWarning("pipeline", f"refused: about {tokens:,} tokens, over the memory budget of "
                                    f"{limit:,} tokens per document (max_document_tokens)", MEMORY_RULE)


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`StageTimeout` in this thread once ``seconds`` have passed (a no-op off
    the main thread, or where there is no SIGALRM, or when ``seconds`` is not positive)."""
    usable = (seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expire(_signum: int, _frame: Any) -> None:
        raise StageTimeout(f"gave up after {seconds:.0f}s (its time budget for this document)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _clean_text(doc: Document) -> Document:
    """``doc`` with any lone surrogate in its text replaced by U+FFFD (offsets unchanged)."""
    if not doc.text.isascii() and _LONE_SURROGATE.search(doc.text):
        doc.text = _LONE_SURROGATE.sub("\ufffd", doc.text)
    return doc


class Stage(Protocol):
    name: str

    def __call__(self, doc: Document) -> Document: ...


@dataclass
class PipelineResources:
    """What one pipeline shares with its stages: the settings and the knowledge base built from them."""

    settings: Settings

    @cached_property
    def kb(self) -> KnowledgeBase:
        """The shipped knowledge base plus the user's files (``Settings.kb_files``,
        ``$NEWSGRAPH_HOME/kb/*.jsonl``); built on first use, once per pipeline."""
        from .entities.kb import kb_from_settings

        return kb_from_settings(self.settings)


StageFactory = Callable[[PipelineResources], Stage]


@dataclass(frozen=True)
class StageSpec:
    """A registered stage: its name, what it needs and fills, and how to build it."""

    name: str
    factory: StageFactory
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()

    def build(self, resources: PipelineResources) -> Stage:
        return self.factory(resources)


_REGISTRY: dict[str, StageSpec] = {}


def register_stage(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = (),
                   uses: Iterable[str] = ()) -> Callable[[StageFactory], StageFactory]:
    """Decorator: register ``factory(resources) -> Stage`` as the stage ``name``.

    Registering a name again replaces the entry when it comes from the same function (a module
    imported twice, a worker process); a different function under a taken name is a ``ValueError``.
    For ``pipe(workers=N)`` the factory must be a module-level function (it is pickled by name).
    """

    def register(factory: StageFactory) -> StageFactory:
        old = _REGISTRY.get(name)
        if old is not None and _qualified(old.factory) != _qualified(factory):
            raise ValueError(f"stage {name!r} is already registered by {_qualified(old.factory)}")
        _REGISTRY[name] = StageSpec(name, factory, tuple(requires), tuple(assigns), tuple(uses))
        return factory

    return register


def unregister_stage(name: str) -> None:
    """Remove the stage ``name`` from the registry (tests that register their own)."""
    _REGISTRY.pop(name, None)


def _qualified(factory: Callable[..., Any]) -> str:
    return f"{getattr(factory, '__module__', '?')}.{getattr(factory, '__qualname__', repr(factory))}"


def stage_spec(name: str) -> StageSpec:
    """The registered stage ``name``; a shipped stage's module (``newsgraph.<name>``) is imported
    on first use, which registers it."""
    if name not in _REGISTRY and re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        try:
            importlib.import_module(f"newsgraph.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"newsgraph.{name}":
                raise
    if name not in _REGISTRY:
        raise ValueError(f"unknown stage {name!r}; registered stages: {', '.join(sorted(_REGISTRY))}")
    return _REGISTRY[name]


def registered_stages() -> dict[str, StageSpec]:
    """Every stage registered so far (the shipped ones once their modules are imported)."""
    for name in STAGE_ORDER:
        stage_spec(name)
    return dict(_REGISTRY)


def build_stage(name: str, settings: Settings, resources: PipelineResources | None = None) -> Stage:
    """One stage on its own (tools, benchmarks); the caller runs what it requires first."""
    return stage_spec(name).build(resources or PipelineResources(settings))


def check_order(specs: Sequence[StageSpec]) -> None:
    """Raise ``ValueError`` when a stage requires what no earlier stage assigns, or uses what a
    later stage assigns."""
    available = set(DOCUMENT_INPUTS)
    for n, spec in enumerate(specs):
        missing = [r for r in spec.requires if r not in available]
        if missing:
            later = [s.name for s in specs[n + 1:] if set(missing) & set(s.assigns)]
            hint = f" (stage {later[0]!r} assigns it but comes later)" if later else ""
            raise ValueError(f"stage {spec.name!r} requires {', '.join(map(repr, missing))}, "
                             f"which no earlier stage assigns{hint}")
        for used in spec.uses:
            after = next((s.name for s in specs[n + 1:] if used in s.assigns), None)
            if after is not None and used not in available:
                raise ValueError(f"stage {spec.name!r} uses {used!r}, which stage {after!r} assigns "
                                 "only after it; put that stage first")
        available.update(spec.assigns)


def require_analysis(doc: Document, stage: str) -> Any:
    """The spaCy parse of ``doc``; a clear error when a stage is called without it."""
    if doc.analysis is None:
        raise ValueError(f"stage {stage!r} needs the spaCy parse (Document.analysis): run it after "
                         f"the 'analysis' stage, e.g. Pipeline(settings, stages=['analysis', {stage!r}])")
    return doc.analysis


StageName = str | StageSpec


class Pipeline:
    def __init__(self, settings: Settings | None = None, stages: Iterable[StageName] = STAGE_ORDER,
                 resources: PipelineResources | None = None):
        self.settings = settings or (resources.settings if resources else Settings())
        self.resources = resources or PipelineResources(self.settings)
        self.specs: list[StageSpec] = [s if isinstance(s, StageSpec) else stage_spec(s) for s in stages]
        self.stage_names = [spec.name for spec in self.specs]
        check_order(self.specs)
        self.stages: list[Stage] = [spec.build(self.resources) for spec in self.specs]

    def extended(self, *specs: StageSpec) -> Pipeline:
        """This pipeline with ``specs`` appended, sharing the stages already built (spaCy loads once)."""
        grown = object.__new__(Pipeline)
        grown.settings, grown.resources = self.settings, self.resources
        grown.specs = [*self.specs, *specs]
        check_order(grown.specs)
        grown.stage_names = [spec.name for spec in grown.specs]
        grown.stages = [*self.stages, *(spec.build(self.resources) for spec in specs)]
        return grown

    @property
    def kb(self) -> KnowledgeBase:
        """The pipeline's one knowledge base (what every stage that needs one was given)."""
        return self.resources.kb

    def __call__(self, doc: Document) -> Document:
        return self._run_batch([doc], batch_size=1, keep_analysis=True)[0]

    def pipe(
        self,
        docs: Iterable[Document],
        batch_size: int = 16,
        workers: int = 1,
        keep_analysis: bool = False,
    ) -> Iterator[Document]:
        """Run every stage over ``docs``, batching the spaCy parse; ``workers`` > 1 uses processes."""
        if workers > 1:
            yield from self._pipe_in_processes(docs, workers)
            return
        for batch in chunks(docs, batch_size):
            yield from self._run_batch(batch, batch_size, keep_analysis)

    def _pipe_in_processes(self, docs: Iterable[Document], workers: int) -> Iterator[Document]:
        """``pipe`` over ``workers`` spawned processes, through the engines' one process pool; a
        batch that fails outside the stages' error policy ends the run with its one-line reason."""
        from .engines import ProcessPoolEngine

        engine = ProcessPoolEngine(self.settings, workers, self.specs)
        try:
            for doc, problem in engine.run(docs):
                if problem is not None:
                    raise RuntimeError(f"{doc.doc_id}: {problem}")
                yield doc
        finally:
            engine.close()

    def _run_batch(self, batch: list[Document], batch_size: int, keep_analysis: bool) -> list[Document]:
        """Each stage over the whole batch in turn (``stage.pipe`` where it has one)."""
        failed: list[dict[str, str]] = [{} for _ in batch]  # per document: field -> stage that failed it
        batch = [_clean_text(doc) for doc in batch]
        refused: set[int] = set()
        for i, doc in enumerate(batch):
            warning = over_memory_budget(self.settings, doc)
            if warning is not None:
                doc.warnings.append(warning)
                refused.add(i)
        for spec, stage in zip(self.specs, self.stages, strict=True):
            runnable = [i for i in range(len(batch))
                        if i not in refused and not self._skipped(spec, batch[i], failed[i])]
            outputs = self._apply(spec, stage, [batch[i] for i in runnable], batch_size, self.settings)
            for i, result in zip(runnable, outputs, strict=False):
                if isinstance(result, Document):
                    batch[i] = result
                else:
                    self._record_failure(spec, batch[i], result, failed[i])
        if not keep_analysis:
            for doc in batch:
                doc.analysis = None
        return batch

    @staticmethod
    def _skipped(spec: StageSpec, doc: Document, failed: dict[str, str]) -> bool:
        lost = [r for r in spec.requires if r in failed]
        if lost:
            doc.warnings.append(StageWarning(spec.name, f"skipped: needs {lost[0]!r}, which stage "
                                                        f"{failed[lost[0]]!r} failed to give", SKIPPED_RULE))
            for name in spec.assigns:
                failed.setdefault(name, spec.name)
        return bool(lost)

    @staticmethod
    def _apply(spec: StageSpec, stage: Stage, docs: list[Document], batch_size: int,
               settings: Settings) -> list[Document | Exception]:
        """The stage's result for each document: the document, or the exception it raised
        (:class:`StageTimeout` past its time budget)."""
        if not docs:
            return []
        batched = getattr(stage, "pipe", None)
        if batched is not None and len(docs) > 1:
            try:
                with _deadline(time_budget(settings, "".join(d.text for d in docs), len(docs))):
                    return list(batched(docs, batch_size=batch_size))
            except Exception as exc:  # noqa: BLE001 - one document broke the batch: run them one at a time
                log.debug("%s: batch failed (%s); running its documents one at a time", spec.name, exc)
        results: list[Document | Exception] = []
        for doc in docs:
            try:
                with _deadline(time_budget(settings, doc.text)):
                    results.append(stage(doc))
            except Exception as exc:  # noqa: BLE001 - the one error policy: see the module docstring
                results.append(exc)
        return results

    @staticmethod
    def _record_failure(spec: StageSpec, doc: Document, exc: Exception, failed: dict[str, str]) -> None:
        if isinstance(exc, StageTimeout):
            doc.warnings.append(StageWarning(spec.name, str(exc), BUDGET_RULE))
        else:
            doc.warnings.append(StageWarning(spec.name, f"{type(exc).__name__}: {exc}", ERROR_RULE))
        for name in spec.assigns:
            _reset_field(doc, name)
            failed.setdefault(name, spec.name)


def _reset_field(doc: Document, name: str) -> None:
    """Clear a field a failed stage assigns, so a document never carries half a stage's output."""
    fields = {f.name: f for f in dataclasses.fields(Document)}
    spec = fields.get(name)
    if spec is None:
        return
    if spec.default_factory is not dataclasses.MISSING:
        setattr(doc, name, spec.default_factory())
    elif spec.default is not dataclasses.MISSING:
        setattr(doc, name, spec.default)


def chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """``docs`` in lists of ``size`` (the last one shorter), read lazily."""
    chunk: list[Document] = []
    for doc in docs:
        chunk.append(doc)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def process(doc: Document, settings: Settings | None = None) -> Document:
    """Run the default pipeline over one document (convenience for the Python API)."""
    return Pipeline(settings)(doc)

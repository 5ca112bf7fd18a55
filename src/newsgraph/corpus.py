"""The corpus API: incremental ingest into a store, removal, cross-document resolution.

    store = Store("corpus.sqlite")
    report = ingest(["articles/"], store)        # IngestReport: one IngestItem per input document
    print(report.summary())                       # "added 3, replaced 0, unchanged 5; resolved ..."
    remove(["a1b2c3"], store)                     # RemoveReport
    resolve(store)                                # re-run resolution if some rows lack it

Ingest rules:

* a text already stored (under any id) is ``unchanged`` and not processed again; so is a text
  met twice in one batch;
* a document whose id, or whose source file (with its URL), is stored with other content
  ``replaced`` the old one; a file holding several documents (JSON Lines) does not identify
  one article, so there only the same id replaces;
* an input that cannot be read, processed or stored is ``failed`` with its reason, and the
  batch goes on (a failed store write leaves nothing of that document behind);
* a document a pipeline stage gave up on is stored with its ``warnings`` and is never counted
  as cleanly added: its item says ``added with warnings: STAGE: message``;
* after anything was added or replaced (or when stored rows still lack resolution), the
  canonical layer is rebuilt (:func:`resolve`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .config import Settings
from .ingest import IngestError, read_inputs
from .model import Document, StageWarning
from .store import Store, content_hash, is_store_full, one_line

if TYPE_CHECKING:
    from .model import Alert
    from .pipeline import Pipeline
    from .resolve import ResolutionSummary

STATUSES = ("added", "replaced", "unchanged", "failed")


@dataclass(slots=True)
class IngestItem:
    """What became of one input document (or of one input that could not be read); slotted, as a
    report may keep many."""

    source: str  # the file path, else the document id
    status: str  # added | replaced | unchanged | failed
    doc_id: str | None = None
    error: str | None = None  # why it failed
    warnings: list[StageWarning] = field(default_factory=list)

    def __str__(self) -> str:
        if self.status == "failed":
            return f"{self.source}: {self.error}"
        if self.warnings:
            said = "; ".join(f"{w.stage}: {w.message}" for w in self.warnings)
            return f"{self.source}: {self.status} with warnings: {said}"
        return f"{self.source}: {self.status}"


ITEMS_KEPT = 1000  # inputs whose outcome IngestReport.items keeps whatever it was (failures and warnings: all)


@dataclass
class IngestReport:
    """What an ingest did: ``counts`` of every input's outcome by status, and in ``items`` the
    outcome of the first ``ITEMS_KEPT`` inputs and of every failed or warned input after them, so
    a report over millions of inputs stays small (``progress`` is told every outcome)."""

    items: list[IngestItem] = field(default_factory=list)
    resolution: ResolutionSummary | None = None
    stopped: str | None = None  # why the batch stopped early (the store is full), else None
    alerts: list[Alert] = field(default_factory=list)  # raised by this ingest (newsgraph.alerts)
    counts: Counter[str] = field(default_factory=Counter)

    def count(self, status: str) -> int:
        return self.counts[status]

    @property
    def inputs(self) -> int:
        return sum(self.counts.values())

    def record(self, item: IngestItem) -> None:
        self.counts[item.status] += 1
        if self.inputs <= ITEMS_KEPT or item.status == "failed" or item.warnings:
            self.items.append(item)

    @property
    def failed(self) -> list[IngestItem]:
        return [item for item in self.items if item.status == "failed"]

    @property
    def with_warnings(self) -> list[IngestItem]:
        return [item for item in self.items if item.warnings and item.status != "failed"]

    def summary(self) -> str:
        """``added A, replaced R, unchanged U[, W with warnings][; resolved ...]``."""
        text = ", ".join(f"{status} {self.count(status)}" for status in STATUSES[:3])
        if self.with_warnings:
            text += f", {len(self.with_warnings)} with warnings"
        if self.resolution is not None:
            r = self.resolution
            text += (f"; resolved {r.canonical_entities} entities, {r.canonical_events} events, "
                     f"{r.stories} stories in {r.seconds:.1f}s")
        return text


@dataclass
class RemoveReport:
    removed: list[str]
    missing: list[str]
    resolution: ResolutionSummary | None = None
    alerts: list[Alert] = field(default_factory=list)


Progress = Callable[[IngestItem, int, int], None]  # (item, inputs so far, total: 0 = not known)


def check_published(published: str | None) -> str | None:
    """``published`` if it is an ISO date (YYYY-MM-DD) or datetime; ValueError otherwise."""
    if published is not None:
        (dt.date.fromisoformat if len(published) == 10 else dt.datetime.fromisoformat)(published)
    return published


def ingest(paths: Iterable[str], store: Store, *, pipeline: Pipeline | None = None,
           settings: Settings | None = None, workers: int | None = None, published: str | None = None,
           doc_id: str | None = None, progress: Progress | None = None, engine: str = "serial",
           scheduler: str | None = None) -> IngestReport:
    """Read ``paths`` (files, folders, "-"), process what is new or changed, store it, resolve.

    Streaming: inputs are read, processed and stored in bounded batches, each document in its
    own transaction as soon as it is processed, so memory stays flat in corpus size and an
    interrupted run resumes where it stopped (stored texts are skipped by content hash, before
    any parsing).  ``engine`` is ``serial`` (``workers`` local processes) or ``dask`` (a
    local cluster of ``workers`` processes, or the cluster at ``scheduler``): see
    :mod:`newsgraph.engines`.  ``pipeline`` defaults to ``Pipeline(settings)``, built only
    when something needs processing; ``progress`` is called once per input document, as
    soon as its fate is known, with the count so far and 0 for the (unknown) total."""
    from .engines import open_engine

    settings = settings or (pipeline.settings if pipeline is not None else Settings())
    report = IngestReport()
    fallback_date = check_published(published)
    inputs = (_canonical_source(item, fallback_date) if isinstance(item, Document) else item
              for item in read_inputs(paths, settings, doc_id=doc_id))
    in_flight: deque[tuple[str, bool]] = deque()  # (content hash, file holds one document), in order
    with open_engine(settings, engine, pipeline=pipeline, workers=workers, scheduler=scheduler) as run:
        todo = _new_or_changed(_with_file_identity(inputs), store, report, progress, in_flight)
        unresolved: list[str] = []  # documents stored since the last resolution
        for doc, problem in run(todo):
            _digest, single = in_flight.popleft()
            try:
                outcome = _failed(doc, problem) if problem else _store(doc, store, single)
            except StoreFull as full:
                report.stopped = _stopped_message(full, report)
                return report
            _record(report, outcome, progress)
            if outcome.status in ("added", "replaced") and outcome.doc_id:
                unresolved.append(outcome.doc_id)
            if len(unresolved) >= RESOLVE_EVERY and not _resolve_and_alert(store, report, unresolved):
                return report  # memory follows RESOLVE_EVERY documents, not the whole input
    _resolve_and_alert(store, report, unresolved)
    return report


RESOLVE_EVERY = 500  # documents stored between two incremental resolutions of one ingest (a resolution's
# peak memory grows with its batch: 2,000 gave a 20,000-input ingest 55 MiB more peak RSS than 500)


def _resolve_and_alert(store: Store, report: IngestReport, stored: list[str]) -> bool:
    """Resolve what was stored since the last resolution, then raise the watchlists' alerts on
    the ``stored`` documents (emptied), so a long ingest alerts as it goes; False when the
    store is full."""
    if not _resolve_stored(store, report):
        return False
    report.alerts += _raise_alerts(store, stored)
    stored.clear()
    return True


def _resolve_stored(store: Store, report: IngestReport) -> bool:
    """Resolve what was stored since the last resolution (incrementally; nothing when nothing
    changed), adding to ``report.resolution``; False when the store is full."""
    try:
        summary = resolve(store)
    except Exception as exc:
        if not is_store_full(exc):
            raise
        report.stopped = f"the store is full ({one_line(exc)}): documents are stored, resolution was not run"
        return False
    if summary is not None:
        report.resolution = summary if report.resolution is None else summary.after(report.resolution)
    return True


def _raise_alerts(store: Store, changed: Iterable[str | None], removed: bool = False) -> list[Alert]:
    from .alerts import after_change

    return after_change(store, [d for d in changed if d], removed=removed)


class StoreFull(Exception):
    """The store cannot grow (disk or database full): nothing more can be written."""


def _stopped_message(full: StoreFull, report: IngestReport) -> str:
    stored = report.count("added") + report.count("replaced")
    return (f"the store is full ({full}): stopped after storing {stored} document(s), the rest not "
            f"stored; free some space and run ingest again to resume")


def _canonical_source(doc: Document, published: str | None) -> Document:
    """The stored form of a read document: its file path resolved (the same file named by
    another path, or through a link, replaces rather than duplicates) and ``published`` given
    only when the input has no date of its own."""
    if doc.source.path:
        doc.source.path = os.path.realpath(doc.source.path)
    if doc.published is None and published is not None:
        doc.published = published
    return doc


def _record(report: IngestReport, item: IngestItem, progress: Progress | None) -> None:
    report.record(item)
    if progress is not None:
        progress(item, report.inputs, 0)


def _with_file_identity(items: Iterable[Document | IngestError]) -> Iterator[tuple[Document | IngestError, bool]]:
    """Each input with whether its file holds just this one document (so the file identifies
    the article), looking one document ahead."""
    held: Document | None = None
    shared = False  # the held document's file has given another document already
    for item in items:
        if isinstance(item, IngestError):
            yield item, False
            continue
        if held is not None:
            same_file = bool(item.source.path) and item.source.path == held.source.path
            yield held, bool(held.source.path) and not (shared or same_file)
            shared = same_file
        held = item
    if held is not None:
        yield held, bool(held.source.path) and not shared


def _new_or_changed(inputs: Iterable[tuple[Document | IngestError, bool]], store: Store, report: IngestReport,
                    progress: Progress | None, in_flight: deque[tuple[str, bool]]) -> Iterator[Document]:
    """The documents to process, lazily; unreadable and unchanged inputs are recorded as met.
    A text is unchanged when the store holds it or an earlier document still in flight has it."""
    for item, single in inputs:
        if isinstance(item, IngestError):
            _record(report, IngestItem(item.path, "failed", error=item.reason), progress)
            continue
        digest = content_hash(item.text)
        if any(d == digest for d, _ in in_flight) or store.status_of(item, by_source=single) == "unchanged":
            _record(report, IngestItem(_source(item), "unchanged", item.doc_id), progress)
            continue
        in_flight.append((digest, single))
        yield item


def _source(doc: Document) -> str:
    return doc.source.path or doc.doc_id


def _failed(doc: Document, problem: str) -> IngestItem:
    return IngestItem(_source(doc), "failed", doc.doc_id, error=problem)


def _store(doc: Document, store: Store, by_source: bool) -> IngestItem:
    try:
        status = store.save(doc, by_source=by_source)
    except Exception as exc:  # noqa: BLE001 - the transaction rolled back; the batch goes on
        if is_store_full(exc):
            raise StoreFull(one_line(exc)) from None
        return _failed(doc, f"not stored: {type(exc).__name__}: {one_line(exc)}")
    return IngestItem(_source(doc), status, doc.doc_id, warnings=list(doc.warnings))


def remove(doc_ids: Iterable[str], store: Store) -> RemoveReport:
    """Delete documents and every fact derived from them, then rebuild the canonical layer
    (canonical entities and events keep their other mentions)."""
    removed: list[str] = []
    missing: list[str] = []
    for doc_id in doc_ids:
        (removed if store.remove(doc_id) else missing).append(doc_id)
    resolution = resolve(store)  # incremental: what the removal changed
    return RemoveReport(removed, missing, resolution, _raise_alerts(store, [], removed=bool(removed)))


def resolve(store: Store, full: bool = False) -> ResolutionSummary | None:
    """Bring the canonical layer up to date.  By default incrementally, and only when something
    changed since the last resolution (new, replaced or removed documents, or an interrupted
    run): just those documents' facts are resolved against the records they could join.
    ``full`` re-resolves the whole store (after a change of rules).  None when nothing was run.
    Both paths end here, so whatever runs after resolution (review corrections) runs once, below."""
    from .resolve import resolve_store
    from .review import apply_corrections

    if not full and not store.needs_resolution():
        return None
    summary = resolve_store(store, full=full)
    apply_corrections(store)  # analysts' corrections outlive every resolution (newsgraph.review)
    return summary

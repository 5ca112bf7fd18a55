"""The corpus store: processed documents and every fact, with provenance.

    store = Store("corpus.sqlite")          # or a SQLAlchemy URL, or None for the data folder
    status = store.save(doc)                # "added" | "replaced" | "unchanged"; one transaction
    store.remove(doc_id)                    # the document and all its facts
    doc = store.load_document(doc_id)       # the stored document back as a model.Document
    store.read.canonical_events(...)        # queries and exports read through store.read (read.py)
    with store.resolution() as tx: ...      # what resolution reads and writes (canonical.py)

Which model field goes to which column is declared once, in :mod:`.mapping`.

Storage rules:

* a document is identified by ``doc_id``; its ``content_hash`` is the SHA-256 of
  the cleaned text.  The same text stored under any id is stored once;
* saving a document whose ``doc_id`` or source (file path and URL) is already
  stored with other content replaces the old document and every fact derived from it;
* every save and every removal is one database transaction, so a process killed
  mid-batch leaves each finished document whole and no half-written one.

The canonical (cross-document) layer is rebuilt by :func:`newsgraph.resolve.resolve_store`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..config import Settings
from ..model import Document
from . import mapping, schema
from .alerts import AlertTables
from .canonical import ResolutionTransaction, needs_resolution
from .corrections import Corrections
from .db import StoreError, database_url, make_engine, reader_engine, upgrade, write_locks, writer_engine
from .read import StoreReader
from .schema import (
    DocumentRow,
    EntityRow,
    EventRow,
    MentionRow,
    QuoteRow,
    RelationRow,
    TimexRow,
)
from .signature import text_signature

__all__ = ["Store", "StoreError", "content_hash", "database_url", "is_store_full", "one_line"]


def content_hash(text_: str) -> str:
    """SHA-256 of the text's UTF-8 (a lone surrogate, which only the Python API can pass in, is
    hashed by its code point rather than raising)."""
    return hashlib.sha256(text_.encode("utf-8", "surrogatepass")).hexdigest()


def one_line(exc: BaseException) -> str:
    """The first line of what a database error says, without SQLAlchemy's statement dump."""
    inner = getattr(exc, "orig", None) or exc
    lines = str(inner).strip().splitlines()
    return lines[0] if lines else type(inner).__name__


def is_store_full(exc: BaseException) -> bool:
    """True for "database or disk is full" (SQLite), "No space left on device", and the like."""
    said = one_line(exc).lower()
    return any(s in said for s in ("database or disk is full", "no space left", "disk full",
                                   "could not extend file"))


class Store:
    def __init__(self, db: str | Path | None = None, settings: Settings | None = None, create: bool = True):
        """Open (``create``: or make) the store; any problem is a one-line :class:`StoreError`."""
        self.url = database_url(db, settings, create=create)
        try:
            self.engine = make_engine(self.url)
            upgrade(self.engine)
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.url}: cannot open the store: {one_line(exc)}") from None
        except (ImportError, ValueError) as exc:  # an unknown dialect or a malformed URL
            raise StoreError(f"{self.url}: cannot open the store: {exc}") from None
        self.sessions = sessionmaker(reader_engine(self.engine), expire_on_commit=False)
        self.writer_sessions = sessionmaker(writer_engine(self.engine), expire_on_commit=False)
        self.dialect = self.engine.dialect.name
        self.is_sqlite = self.dialect == "sqlite"
        self.read = StoreReader(self)
        self.alerts = AlertTables(self)  # watchlists, alerts, deliveries
        self.corrections = Corrections(self)  # review statements (newsgraph.review)

    def close(self) -> None:
        self.engine.dispose()

    def session(self) -> Session:
        """A reading session: one consistent snapshot until it ends."""
        return self.sessions()

    @contextmanager
    def writing(self, resolution: bool = False, keys: tuple[str, ...] = ()) -> Iterator[Session]:
        """One writing transaction.  Writers wait for each other on SQLite (saying so on the
        ``newsgraph.store`` logger); on PostgreSQL saves run side by side, one at a time per
        ``keys`` (doc id, content hash), and a ``resolution`` pass waits for them and excludes them."""
        with self.writer_sessions() as s, s.begin():
            with write_locks(s.connection(), resolution=resolution, keys=keys):
                yield s

    # -- what is stored ----------------------------------------------------------------------

    def status_of(self, doc: Document, by_source: bool = True) -> str:
        """``unchanged`` when this text is stored already, ``changed`` when the id (or, with
        ``by_source``, the source path and URL) holds other content, else ``new``."""
        digest = content_hash(doc.text)
        with self.session() as s:
            if s.scalar(select(DocumentRow.doc_id).where(DocumentRow.content_hash == digest).limit(1)):
                return "unchanged"
            if s.get(DocumentRow, doc.doc_id) is not None:
                return "changed"
            if by_source and self._same_source(s, doc):
                return "changed"
        return "new"

    @staticmethod
    def _same_source(s: Session, doc: Document) -> list[str]:
        """Stored documents read from the same file (and the same URL, for files holding many)."""
        if not doc.source.path:
            return []
        url = DocumentRow.url.is_(None) if doc.source.url is None else DocumentRow.url == doc.source.url
        return list(s.scalars(select(DocumentRow.doc_id).where(DocumentRow.source_path == doc.source.path, url)))

    def doc_ids(self) -> list[str]:
        with self.session() as s:
            return list(s.scalars(select(DocumentRow.doc_id).order_by(DocumentRow.doc_id)))

    def count(self, table: type[schema.Base] = DocumentRow) -> int:
        with self.session() as s:
            return s.scalar(select(func.count()).select_from(table)) or 0

    def counts(self) -> dict[str, int]:
        tables = {
            "documents": DocumentRow, "entities": EntityRow, "mentions": MentionRow,
            "timexes": TimexRow, "quotes": QuoteRow, "relations": RelationRow, "events": EventRow,
            "canonical_entities": schema.CanonicalEntity, "canonical_events": schema.CanonicalEvent,
            "stories": schema.StoryRow,
        }
        return {name: self.count(table) for name, table in tables.items()}

    # -- writing -----------------------------------------------------------------------------

    def save(self, doc: Document, signature: bytes | None = None, by_source: bool = True) -> str:
        """Store ``doc`` and all its facts in one transaction; see the module docstring.
        ``by_source=False`` when the input file holds several documents (JSON Lines): then only
        the same ``doc_id`` replaces."""
        digest = content_hash(doc.text)
        if signature is None:
            signature = text_signature(doc.text)
        with self.writing(keys=(f"doc:{doc.doc_id}", f"text:{digest}")) as s:
            if s.scalar(select(DocumentRow.doc_id).where(DocumentRow.content_hash == digest).limit(1)):
                return "unchanged"
            old = {doc.doc_id} if s.get(DocumentRow, doc.doc_id) is not None else set()
            if by_source:
                old.update(self._same_source(s, doc))
            for doc_id in sorted(old):
                self._delete(s, doc_id)
            self._insert(s, doc, digest, signature)
        return "replaced" if old else "added"

    def remove(self, doc_id: str) -> bool:
        """Delete a document and every fact derived from it; False when it is not stored."""
        with self.writing(keys=(f"doc:{doc_id}",)) as s:
            if s.get(DocumentRow, doc_id) is None:
                return False
            self._delete(s, doc_id)
        return True

    def _delete(self, s: Session, doc_id: str) -> None:
        self._mark_dirty(s, doc_id)
        for table in schema.FACT_TABLES:
            s.execute(delete(table).where(table.doc_id == doc_id))
        if self.is_sqlite:
            s.execute(text("DELETE FROM documents_fts WHERE doc_id = :d"), {"d": doc_id})
            s.execute(text("DELETE FROM quotes_fts WHERE doc_id = :d"), {"d": doc_id})
        s.execute(delete(DocumentRow).where(DocumentRow.doc_id == doc_id))
        s.flush()

    @staticmethod
    def _mark_dirty(s: Session, doc_id: str) -> None:
        """Remember the canonical records that lose this document's facts, for incremental resolution."""
        refs = {("entity", c) for c in s.scalars(select(EntityRow.canonical_id).where(
            EntityRow.doc_id == doc_id, EntityRow.canonical_id.is_not(None)).distinct())}
        refs |= {("event", c) for c in s.scalars(select(EventRow.canonical_id).where(
            EventRow.doc_id == doc_id, EventRow.canonical_id.is_not(None)).distinct())}
        story = s.scalar(select(DocumentRow.story_id).where(DocumentRow.doc_id == doc_id))
        if story:
            refs.add(("story", story))
        refs.add(("document", doc_id))
        s.execute(insert(schema.ResolutionDirty), [dict(kind=k, ref=r) for k, r in sorted(refs)])

    def _insert(self, s: Session, doc: Document, digest: str, signature: bytes | None) -> None:
        doc_id = doc.doc_id
        counts = {
            "entities": len(doc.entities), "mentions": sum(len(e.mentions) for e in doc.entities),
            "timexes": len(doc.timexes), "quotes": len(doc.quotes),
            "relations": len(doc.relations), "events": len(doc.events),
        }
        s.add(DocumentRow(**mapping.DOCUMENT.to_row(
            doc, content_hash=digest, minhash=signature, fact_counts=counts,
            ingested_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))))
        s.flush()
        if doc.entities:
            ids = s.execute(
                insert(EntityRow).returning(EntityRow.id, sort_by_parameter_order=True),
                [mapping.ENTITY.to_row(e, doc_id=doc_id) for e in doc.entities],
            ).scalars().all()
            mention_rows = [mapping.MENTION.to_row(m, doc_id=doc_id, entity_row=pk)
                            for pk, e in zip(ids, doc.entities, strict=True) for m in e.mentions]
            if mention_rows:
                s.execute(insert(MentionRow), mention_rows)
        if doc.timexes:
            s.execute(insert(TimexRow), [mapping.TIMEX.to_row(t, doc_id=doc_id, position=i)
                                         for i, t in enumerate(doc.timexes)])
        if doc.relations:
            s.execute(insert(RelationRow), [mapping.RELATION.to_row(r, doc_id=doc_id) for r in doc.relations])
        if doc.events:
            s.execute(insert(EventRow), [mapping.EVENT.to_row(v, doc_id=doc_id) for v in doc.events])
        if doc.quotes:
            quote_ids = s.execute(insert(QuoteRow).returning(QuoteRow.id, sort_by_parameter_order=True),
                                  [mapping.QUOTE.to_row(q, doc_id=doc_id) for q in doc.quotes]).scalars().all()
            if self.is_sqlite:
                names = {e.id: e.name for e in doc.entities}
                s.execute(text("INSERT INTO quotes_fts(quote_id, doc_id, speaker, text) VALUES (:q, :d, :s, :t)"), [
                    {"q": qid, "d": doc_id, "s": names.get(q.speaker or "", q.speaker_text or ""), "t": q.text}
                    for qid, q in zip(quote_ids, doc.quotes, strict=True)
                ])
        if self.is_sqlite:
            s.execute(text("INSERT INTO documents_fts(doc_id, title, text) VALUES (:d, :ti, :te)"),
                      {"d": doc_id, "ti": doc.title or "", "te": doc.text})

    # -- reading documents back ---------------------------------------------------------------

    def load_document(self, doc_id: str) -> Document | None:
        with self.session() as s:
            row = s.get(DocumentRow, doc_id)
            if row is None:
                return None
            return self._document(s, row)

    def iter_documents(self) -> Iterator[Document]:
        for doc_id in self.doc_ids():
            doc = self.load_document(doc_id)
            if doc is not None:
                yield doc

    def _document(self, s: Session, row: DocumentRow) -> Document:
        doc_id = row.doc_id

        def rows(table, order):
            return s.scalars(select(table).where(table.doc_id == doc_id).order_by(order))

        mentions: dict[int, list] = {}
        for m in rows(MentionRow, MentionRow.id):
            mentions.setdefault(m.entity_row, []).append(mapping.MENTION.from_row(m))
        data = mapping.DOCUMENT.from_row(row)
        data["entities"] = [{**mapping.ENTITY.from_row(e), "mentions": mentions.get(e.id, [])}
                            for e in rows(EntityRow, EntityRow.id)]
        data["timexes"] = [mapping.TIMEX.from_row(t) for t in rows(TimexRow, TimexRow.position)]
        data["quotes"] = [mapping.QUOTE.from_row(q) for q in rows(QuoteRow, QuoteRow.id)]
        data["events"] = [mapping.EVENT.from_row(v) for v in rows(EventRow, EventRow.id)]
        data["relations"] = [mapping.RELATION.from_row(r) for r in rows(RelationRow, RelationRow.id)]
        return Document.from_dict(data)

    # -- the canonical layer ----------------------------------------------------------------------

    @contextmanager
    def resolution(self) -> Iterator[ResolutionTransaction]:
        """One transaction in which resolution reads the stored facts and replaces the canonical layer."""
        with self.writing(resolution=True) as s:
            yield ResolutionTransaction(s)

    def needs_resolution(self) -> bool:
        """True when some stored row has no canonical record yet (e.g. after an interrupted ingest)."""
        with self.session() as s:
            return needs_resolution(s)

    def needs_full_resolution(self) -> bool:
        """True when a migration marked the stored blocking keys as predating the rules."""
        with self.session() as s:
            return s.scalar(select(schema.ResolutionDirty.id).where(schema.ResolutionDirty.kind == "full").limit(1)) \
                is not None

    # -- integrity -------------------------------------------------------------------------------

    def check_integrity(self) -> list[str]:
        """Problems found: a document whose stored fact rows differ from what was written."""
        problems = []
        tables: dict[str, Any] = {"entities": EntityRow, "mentions": MentionRow, "timexes": TimexRow,
                                  "quotes": QuoteRow, "relations": RelationRow, "events": EventRow}
        with self.session() as s:
            actual: dict[str, dict[str, int]] = {}
            for name, table in tables.items():
                for doc_id, n in s.execute(select(table.doc_id, func.count()).group_by(table.doc_id)):
                    actual.setdefault(doc_id, {})[name] = n
            known = set()
            for doc_id, counts in s.execute(select(DocumentRow.doc_id, DocumentRow.fact_counts)):
                known.add(doc_id)
                got = actual.get(doc_id, {})
                for name in tables:
                    if (counts or {}).get(name, 0) != got.get(name, 0):
                        problems.append(f"{doc_id}: {name} expected {counts.get(name, 0)}, found {got.get(name, 0)}")
            for doc_id in sorted(set(actual) - known):
                problems.append(f"{doc_id}: facts without a document row")
        return problems

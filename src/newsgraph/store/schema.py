"""The store's tables (SQLAlchemy 2 declarative models).

Two layers:

* per-document facts, exactly as the pipeline produced them (``doc_*`` tables,
  ``mentions``, ``timexes``, ``quotes``, ``relations``), each row carrying its
  ``doc_id``, its character offsets and the ``rule`` that produced it;
* the canonical corpus layer written by :mod:`newsgraph.resolve`
  (``canonical_entities``, ``canonical_events``, ``event_participants``,
  ``resolution_evidence``, ``stories``), rebuilt from the first layer, so
  removing a document never leaves a fact that only it supported.

The schema is created and upgraded by the Alembic migrations in
``store/migrations``; keep both in step (a new column needs a new revision).  Which model
field goes to which column is declared once, in :mod:`newsgraph.store.mapping`; each per-document
table has an ``extra`` JSON column for model fields that have no column of their own.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"

    doc_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    source_path: Mapped[str | None] = mapped_column(Text, index=True)
    url: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list] = mapped_column(JSON, default=list)
    published: Mapped[str | None] = mapped_column(String(40), index=True)
    dateline: Mapped[dict | None] = mapped_column(JSON)
    text: Mapped[str] = mapped_column(Text)
    headings: Mapped[list] = mapped_column(JSON, default=list)
    attributions: Mapped[list] = mapped_column(JSON, default=list)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    fact_counts: Mapped[dict] = mapped_column(JSON, default=dict)  # rows written, for integrity checks
    ingested_at: Mapped[str] = mapped_column(String(40))
    story_id: Mapped[str | None] = mapped_column(String(40), index=True)
    duplicate_of: Mapped[str | None] = mapped_column(String(200), index=True)
    warnings: Mapped[list] = mapped_column(JSON, default=list)  # Document.warnings (StageWarning)
    extra: Mapped[dict | None] = mapped_column(JSON)


class EntityRow(Base):
    __tablename__ = "doc_entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.doc_id"), index=True)
    local_id: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(20))
    country: Mapped[str | None] = mapped_column(String(3))
    sector: Mapped[str | None] = mapped_column(String(3))
    kb_id: Mapped[str | None] = mapped_column(String(40))
    titles: Mapped[list] = mapped_column(JSON, default=list)
    former_titles: Mapped[list] = mapped_column(JSON, default=list)
    affiliations: Mapped[list] = mapped_column(JSON, default=list)
    gender: Mapped[str | None] = mapped_column(String(10))
    rule: Mapped[str] = mapped_column(Text, default="")  # a rule names every branch that fired: unbounded
    canonical_id: Mapped[str | None] = mapped_column(String(40), index=True)
    extra: Mapped[dict | None] = mapped_column(JSON)


class MentionRow(Base):
    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.doc_id"), index=True)
    entity_row: Mapped[int] = mapped_column(ForeignKey("doc_entities.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20), default="name")
    rule: Mapped[str] = mapped_column(Text, default="")  # a rule names every branch that fired: unbounded
    extra: Mapped[dict | None] = mapped_column(JSON)


class TimexRow(Base):
    __tablename__ = "timexes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.doc_id"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # index in Document.timexes
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(10))
    value: Mapped[str | None] = mapped_column(String(60))
    anchor: Mapped[str | None] = mapped_column(String(60))
    mod: Mapped[str | None] = mapped_column(String(20))
    rule: Mapped[str] = mapped_column(Text, default="")  # a rule names every branch that fired: unbounded
    extra: Mapped[dict | None] = mapped_column(JSON)


class QuoteRow(Base):
    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.doc_id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10))
    speaker: Mapped[str | None] = mapped_column(String(40))  # local entity id
    speaker_text: Mapped[str | None] = mapped_column(Text)
    cue: Mapped[str | None] = mapped_column(Text)
    cue_span: Mapped[dict | None] = mapped_column(JSON)
    speaker_span: Mapped[dict | None] = mapped_column(JSON)
    rule: Mapped[str] = mapped_column(Text, default="")  # a rule names every branch that fired: unbounded
    extra: Mapped[dict | None] = mapped_column(JSON)


class RelationRow(Base):
    __tablename__ = "relations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.doc_id"), index=True)
    subject: Mapped[str] = mapped_column(String(40))
    predicate: Mapped[str] = mapped_column(String(40))
    object: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    former: Mapped[bool] = mapped_column(Boolean, default=False)
    rule: Mapped[str] = mapped_column(Text, default="")  # a rule names every branch that fired: unbounded
    extra: Mapped[dict | None] = mapped_column(JSON)


class EventRow(Base):
    __tablename__ = "doc_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.doc_id"), index=True)
    local_id: Mapped[str] = mapped_column(String(40))
    type: Mapped[str] = mapped_column(String(20), index=True)
    mode: Mapped[str | None] = mapped_column(String(40))
    contexts: Mapped[list] = mapped_column(JSON, default=list)
    actors: Mapped[list] = mapped_column(JSON, default=list)
    recipients: Mapped[list] = mapped_column(JSON, default=list)
    date: Mapped[dict | None] = mapped_column(JSON)
    location: Mapped[str | None] = mapped_column(String(40))
    location_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    modality: Mapped[str] = mapped_column(String(20), default="asserted")
    source: Mapped[str | None] = mapped_column(String(40))
    source_text: Mapped[str | None] = mapped_column(Text)
    trigger: Mapped[dict | None] = mapped_column(JSON)
    sentence: Mapped[dict | None] = mapped_column(JSON)
    actor_text: Mapped[list] = mapped_column(JSON, default=list)
    recipient_text: Mapped[list] = mapped_column(JSON, default=list)
    mentions: Mapped[list] = mapped_column(JSON, default=list)  # re-mentions ("the summit"), issue 16
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    rule: Mapped[str] = mapped_column(Text, default="")  # a rule names every branch that fired: unbounded
    canonical_id: Mapped[str | None] = mapped_column(String(40), index=True)
    extra: Mapped[dict | None] = mapped_column(JSON)


# --- canonical layer (written by newsgraph.resolve) ---------------------------

class CanonicalEntity(Base):
    __tablename__ = "canonical_entities"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    norm_name: Mapped[str] = mapped_column(Text, index=True)
    type: Mapped[str] = mapped_column(String(20))
    country: Mapped[str | None] = mapped_column(String(3))
    sector: Mapped[str | None] = mapped_column(String(3))
    kb_id: Mapped[str | None] = mapped_column(String(40))
    aliases: Mapped[list] = mapped_column(JSON, default=list)
    titles: Mapped[list] = mapped_column(JSON, default=list)
    n_documents: Mapped[int] = mapped_column(Integer, default=0)
    n_mentions: Mapped[int] = mapped_column(Integer, default=0)
    # counts over the members (names, types, kb ids, countries, sectors, titles, aliases), so that
    # incremental resolution can add a member without reading the others
    tally: Mapped[dict | None] = mapped_column(JSON)


class EntityAlias(Base):
    """Every normalised name under which a canonical entity is known (for lookups)."""

    __tablename__ = "entity_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    alias: Mapped[str] = mapped_column(Text, index=True)
    entity_id: Mapped[str] = mapped_column(String(40), index=True)


class CanonicalEvent(Base):
    __tablename__ = "canonical_events"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    type: Mapped[str] = mapped_column(String(20), index=True)
    mode: Mapped[str | None] = mapped_column(String(40))
    contexts: Mapped[list] = mapped_column(JSON, default=list)
    actors: Mapped[list] = mapped_column(JSON, default=list)  # canonical entity ids
    recipients: Mapped[list] = mapped_column(JSON, default=list)
    date_value: Mapped[str | None] = mapped_column(String(60), index=True)
    date_text: Mapped[str | None] = mapped_column(Text)
    sort_date: Mapped[str | None] = mapped_column(String(10), index=True)  # YYYY-MM-DD, for ordering
    location: Mapped[str | None] = mapped_column(String(40))
    modality: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    history: Mapped[list] = mapped_column(JSON, default=list)
    n_mentions: Mapped[int] = mapped_column(Integer, default=0)
    n_documents: Mapped[int] = mapped_column(Integer, default=0)


class EventParticipant(Base):
    __tablename__ = "event_participants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(40), index=True)
    entity_id: Mapped[str] = mapped_column(String(40), index=True)
    role: Mapped[str] = mapped_column(String(10))  # actor | recipient


class Evidence(Base):
    """Why a document's entity or event was put into its canonical cluster."""

    __tablename__ = "resolution_evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(10))  # entity | event
    canonical_id: Mapped[str] = mapped_column(String(40), index=True)
    doc_id: Mapped[str] = mapped_column(String(200))
    local_id: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text)


class StoryRow(Base):
    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    first_published: Mapped[str | None] = mapped_column(String(40))
    last_published: Mapped[str | None] = mapped_column(String(40))
    n_documents: Mapped[int] = mapped_column(Integer, default=0)
    evidence: Mapped[list] = mapped_column(JSON, default=list)


# --- watchlists, alerts, deliveries (newsgraph.watch, newsgraph.alerts) -------

class WatchlistRow(Base):
    __tablename__ = "watchlists"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    entities: Mapped[list] = mapped_column(JSON, default=list)
    with_entities: Mapped[list] = mapped_column(JSON, default=list)
    types: Mapped[list] = mapped_column(JSON, default=list)
    quads: Mapped[list] = mapped_column(JSON, default=list)
    status_change: Mapped[bool] = mapped_column(Boolean, default=False)
    quotes: Mapped[bool] = mapped_column(Boolean, default=False)
    first_seen: Mapped[bool] = mapped_column(Boolean, default=False)
    delivery: Mapped[str] = mapped_column(String(20), default="none")
    target: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[str | None] = mapped_column(String(40))
    extra: Mapped[dict | None] = mapped_column(JSON)


class AlertRow(Base):
    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(400), unique=True)
    watchlist: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(260), index=True)
    reason: Mapped[str] = mapped_column(Text)
    evidence: Mapped[list] = mapped_column(JSON, default=list)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[str | None] = mapped_column(String(40), index=True)
    read: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    extra: Mapped[dict | None] = mapped_column(JSON)


class DeliveryRow(Base):
    """One alert to send to one target; kept until delivered, retried with back-off."""

    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    alert_id: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(20))  # jsonl | webhook
    target: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)  # pending | delivered
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[str | None] = mapped_column(String(40))
    delivered_at: Mapped[str | None] = mapped_column(String(40))


class ResolutionKey(Base):
    """Blocking keys for incremental resolution: ``kind`` entity|event|band, ``key`` (a name key,
    a type + party + month bucket, a MinHash band), ``ref`` the canonical id (or doc id, for bands)."""

    __tablename__ = "resolution_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(10))
    key: Mapped[str] = mapped_column(Text)
    ref: Mapped[str] = mapped_column(String(200), index=True)


class ResolutionDirty(Base):
    """Canonical records that lost a member since the last resolution (a document was removed or
    replaced): ``kind`` entity|event|story, ``ref`` the canonical id."""

    __tablename__ = "resolution_dirty"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(10))
    ref: Mapped[str] = mapped_column(String(200))


Index("ix_resolution_keys_kind_key", ResolutionKey.kind, ResolutionKey.key)
Index("ix_doc_entities_canonical_doc", EntityRow.canonical_id, EntityRow.doc_id)
Index("ix_doc_entities_doc_local", EntityRow.doc_id, EntityRow.local_id)

FACT_TABLES: tuple[Any, ...] = (MentionRow, TimexRow, QuoteRow, RelationRow, EventRow, EntityRow)


# --- review (newsgraph.review): analysts' corrections, re-applied after every resolution ---------

class CorrectionRow(Base):
    """One correction stated by an analyst: what (``kind``), on which canonical records
    (``targets``, with ``anchors``: a document fact of each, so the statement still finds its
    record when resolution renames it), the new values (``params``), by whom, when and why."""

    __tablename__ = "review_corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    targets: Mapped[list] = mapped_column(JSON, default=list)
    anchors: Mapped[list] = mapped_column(JSON, default=list)  # [{doc_id, local_id}] per target
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    author: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[str] = mapped_column(String(40))
    withdrawn_at: Mapped[str | None] = mapped_column(String(40))
    withdrawn_by: Mapped[str | None] = mapped_column(Text)

"""The store's side of review (:mod:`newsgraph.review`): the corrections table, and the edits a
correction makes to the canonical layer after resolution wrote it.

    store.corrections.add(kind, targets, anchors, params, author, reason)   # -> id
    store.corrections.list(active_only=False)                                 # -> [dict]
    store.corrections.withdraw(id, by)                                        # -> bool
    with store.corrections.editing() as edit:                                 # one transaction
        edit.merge_entities(keep, drop) ; edit.split_entity(...) ; edit.reject_event(...) ...

Only canonical rows (and the per-document rows' ``canonical_id`` links) change; the facts the
pipeline stored are never edited, so withdrawing a correction and resolving again restores the
machine's result.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from .keys import display_key
from .schema import (
    CanonicalEntity,
    CanonicalEvent,
    CorrectionRow,
    EntityAlias,
    EntityRow,
    EventParticipant,
    EventRow,
    Evidence,
    MentionRow,
)

if TYPE_CHECKING:
    from . import Store

REJECTED = "rejected"  # canonical_id of a document event whose mention was rejected; an event's status
_FIELDS = ("id", "kind", "targets", "anchors", "params", "author", "reason", "created_at", "withdrawn_at",
           "withdrawn_by")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Corrections:
    def __init__(self, store: Store):
        self.store = store

    def add(self, kind: str, targets: list[str], anchors: list[dict | None], params: dict[str, Any],
            author: str, reason: str = "") -> int:
        with self.store.session() as s, s.begin():
            row = CorrectionRow(kind=kind, targets=targets, anchors=anchors, params=params, author=author,
                                reason=reason, created_at=_now())
            s.add(row)
            s.flush()
            return row.id

    def list(self, active_only: bool = False, target: str | None = None) -> list[dict[str, Any]]:
        """Corrections, oldest first (all, or those not withdrawn; those naming ``target``)."""
        query = select(CorrectionRow).order_by(CorrectionRow.id)
        if active_only:
            query = query.where(CorrectionRow.withdrawn_at.is_(None))
        with self.store.session() as s:
            rows = [{f: getattr(r, f) for f in _FIELDS} for r in s.scalars(query)]
        if target is not None:
            rows = [r for r in rows if target in r["targets"] or target in (r["params"] or {}).values()]
        return rows

    def reserved_entity_ids(self) -> set[str]:
        """Ids of the entities splits create (active or undone): resolution hands them to no
        cluster, so a re-merged cluster keeps its own id, a re-applied split gets its id back, and
        an undone split gives the entity back its id from before."""
        return {split_entity_id(st["params"]["doc_id"], st["params"]["local_id"])
                for st in self.list() if st["kind"] == "split" and st.get("params")}

    def get(self, correction_id: int) -> dict[str, Any] | None:
        with self.store.session() as s:
            r = s.get(CorrectionRow, correction_id)
            return None if r is None else {f: getattr(r, f) for f in _FIELDS}

    def withdraw(self, correction_id: int, by: str) -> bool:
        """Mark a correction withdrawn; False when it is unknown or withdrawn already."""
        with self.store.session() as s, s.begin():
            r = s.get(CorrectionRow, correction_id)
            if r is None or r.withdrawn_at is not None:
                return False
            r.withdrawn_at, r.withdrawn_by = _now(), by
        return True

    @contextmanager
    def editing(self) -> Iterator[CanonicalEdit]:
        with self.store.session() as s, s.begin():
            yield CanonicalEdit(s)


class CanonicalEdit:
    """Edits of the canonical layer inside one transaction (see the module docstring)."""

    def __init__(self, session: Session):
        self.s = session

    # -- finding today's record for a correction -------------------------------------------------

    def entity_exists(self, entity_id: str) -> bool:
        return self.s.get(CanonicalEntity, entity_id) is not None

    def event_exists(self, event_id: str) -> bool:
        return self.s.get(CanonicalEvent, event_id) is not None

    def entity_of(self, doc_id: str, local_id: str) -> str | None:
        return self.s.scalar(select(EntityRow.canonical_id).where(
            EntityRow.doc_id == doc_id, EntityRow.local_id == local_id).limit(1))

    def event_of(self, doc_id: str, local_id: str) -> str | None:
        return self.s.scalar(select(EventRow.canonical_id).where(
            EventRow.doc_id == doc_id, EventRow.local_id == local_id).limit(1))

    # -- entities ----------------------------------------------------------------------------

    def merge_entities(self, keep: str, drop: str) -> bool:
        """Fold canonical entity ``drop`` into ``keep``: its documents' entities, aliases, evidence
        and event roles move over.  False when either is missing or they are one already."""
        if keep == drop or not (self.entity_exists(keep) and self.entity_exists(drop)):
            return False
        s = self.s
        s.execute(update(EntityRow).where(EntityRow.canonical_id == drop).values(canonical_id=keep))
        s.execute(update(EntityAlias).where(EntityAlias.entity_id == drop).values(entity_id=keep))
        s.execute(update(Evidence).where(Evidence.kind == "entity", Evidence.canonical_id == drop)
                  .values(canonical_id=keep))
        self._replace_in_events(drop, keep)
        kept, dropped = s.get(CanonicalEntity, keep), s.get(CanonicalEntity, drop)
        assert kept is not None and dropped is not None
        kept.aliases = sorted(set(kept.aliases or []) | set(dropped.aliases or []))
        kept.titles = list(dict.fromkeys([*(kept.titles or []), *(dropped.titles or [])]))
        s.delete(dropped)
        s.flush()
        self._recount_entity(keep)
        return True

    def split_entity(self, entity_id: str, doc_id: str, local_id: str) -> str | None:
        """Move one document's entity out of ``entity_id`` into a canonical entity of its own;
        the new id, or None when that entity is not (or is the only member) there."""
        s = self.s
        row = s.scalar(select(EntityRow).where(EntityRow.doc_id == doc_id, EntityRow.local_id == local_id,
                                               EntityRow.canonical_id == entity_id))
        others = s.scalar(select(func.count()).where(EntityRow.canonical_id == entity_id, EntityRow.id != (
            row.id if row else -1)))
        if row is None or not others:
            return None
        new_id = _unused_split_id(s, doc_id, local_id)
        names = list(s.scalars(select(MentionRow.text).where(MentionRow.entity_row == row.id,
                                                              MentionRow.kind == "name")))
        aliases = sorted({display_key(a, row.type) for a in [row.name, *names]} - {""})
        s.add(CanonicalEntity(id=new_id, name=row.name, norm_name=display_key(row.name, row.type), type=row.type,
                              country=row.country, sector=row.sector, kb_id=row.kb_id, aliases=aliases,
                              titles=list(row.titles or []), n_documents=1, n_mentions=1))
        row.canonical_id = new_id
        s.execute(update(Evidence).where(Evidence.kind == "entity", Evidence.doc_id == doc_id,
                                         Evidence.local_id == local_id).values(canonical_id=new_id))
        s.execute(delete(EntityAlias).where(EntityAlias.entity_id == entity_id))
        s.flush()
        self._rebuild_aliases(entity_id)
        s.add_all([EntityAlias(alias=a, entity_id=new_id) for a in aliases])
        self._split_event_roles(entity_id, new_id, doc_id, local_id)
        self._recount_entity(entity_id)
        return new_id

    def set_entity(self, entity_id: str, type: str | None = None, country: str | None = None) -> bool:
        entity = self.s.get(CanonicalEntity, entity_id)
        if entity is None:
            return False
        if type:
            entity.type = type
            entity.norm_name = display_key(entity.name, type)
        if country:
            entity.country = country
        return True

    def _replace_in_events(self, old: str, new: str) -> None:
        s = self.s
        event_ids = set(s.scalars(select(EventParticipant.event_id).where(EventParticipant.entity_id == old)))
        for event in s.scalars(select(CanonicalEvent).where(CanonicalEvent.id.in_(event_ids))):
            event.actors = list(dict.fromkeys(new if a == old else a for a in event.actors or []))
            event.recipients = list(dict.fromkeys(new if r == old else r for r in event.recipients or []))
            self._rewrite_participants(event)
        s.execute(update(CanonicalEvent).where(CanonicalEvent.location == old).values(location=new))

    def _rewrite_participants(self, event: CanonicalEvent) -> None:
        self.s.execute(delete(EventParticipant).where(EventParticipant.event_id == event.id))
        self.s.add_all([EventParticipant(event_id=event.id, entity_id=a, role="actor") for a in event.actors]
                       + [EventParticipant(event_id=event.id, entity_id=r, role="recipient")
                          for r in event.recipients])

    def _split_event_roles(self, old: str, new: str, doc_id: str, local_id: str) -> None:
        """Events whose report in ``doc_id`` names the split-off entity get it in that role; the old
        entity stays in the role only while another report names one of its remaining members."""
        s = self.s
        locals_of = {(d, lid) for d, lid in s.execute(select(EntityRow.doc_id, EntityRow.local_id)
                                                       .where(EntityRow.canonical_id == old))}
        touched = {v for v, actors, recipients in s.execute(
            select(EventRow.canonical_id, EventRow.actors, EventRow.recipients).where(EventRow.doc_id == doc_id))
            if local_id in [*(actors or []), *(recipients or [])]}
        for event in s.scalars(select(CanonicalEvent).where(CanonicalEvent.id.in_(touched))):
            members = s.execute(select(EventRow.doc_id, EventRow.actors, EventRow.recipients)
                                .where(EventRow.canonical_id == event.id)).all()
            for role, column in (("actors", 1), ("recipients", 2)):
                current = list(getattr(event, role) or [])
                named_new = any(m[0] == doc_id and local_id in (m[column] or []) for m in members)
                named_old = any((m[0], lid) in locals_of for m in members for lid in (m[column] or []))
                if old in current and not named_old:
                    current.remove(old)
                if named_new and new not in current:
                    current.append(new)
                setattr(event, role, current)
            self._rewrite_participants(event)

    def _rebuild_aliases(self, entity_id: str) -> None:
        s = self.s
        entity = s.get(CanonicalEntity, entity_id)
        if entity is None:
            return
        rows = s.execute(select(EntityRow.id, EntityRow.name).where(EntityRow.canonical_id == entity_id)).all()
        names = s.scalars(select(MentionRow.text).where(MentionRow.entity_row.in_([r.id for r in rows]),
                                                        MentionRow.kind == "name"))
        entity.aliases = sorted({display_key(a, entity.type) for a in [*(r.name for r in rows), *names]} - {""})
        s.add_all([EntityAlias(alias=a, entity_id=entity_id) for a in entity.aliases])

    def _recount_entity(self, entity_id: str) -> None:
        entity = self.s.get(CanonicalEntity, entity_id)
        if entity is not None:
            entity.n_mentions = self.s.scalar(select(func.count()).where(EntityRow.canonical_id == entity_id)) or 0
            entity.n_documents = self.s.scalar(select(func.count(func.distinct(EntityRow.doc_id)))
                                               .where(EntityRow.canonical_id == entity_id)) or 0

    # -- events ------------------------------------------------------------------------------

    def reject_event(self, event_id: str) -> bool:
        event = self.s.get(CanonicalEvent, event_id)
        if event is None:
            return False
        event.status = REJECTED
        return True

    def reject_mention(self, event_id: str, doc_id: str, local_id: str) -> bool:
        """Take one document's report out of a canonical event (its row points nowhere after)."""
        s = self.s
        done = s.execute(update(EventRow).where(EventRow.canonical_id == event_id, EventRow.doc_id == doc_id,
                                                EventRow.local_id == local_id).values(canonical_id=REJECTED))
        if not done.rowcount:  # type: ignore[attr-defined]
            return False
        s.execute(delete(Evidence).where(Evidence.kind == "event", Evidence.canonical_id == event_id,
                                         Evidence.doc_id == doc_id, Evidence.local_id == local_id))
        event = s.get(CanonicalEvent, event_id)
        if event is not None:
            event.history = [h for h in event.history or []
                             if not (h.get("doc_id") == doc_id and h.get("event") == local_id)]
            event.n_mentions = s.scalar(select(func.count()).where(EventRow.canonical_id == event_id)) or 0
            event.n_documents = s.scalar(select(func.count(func.distinct(EventRow.doc_id)))
                                         .where(EventRow.canonical_id == event_id)) or 0
        return True

    def retype_event(self, event_id: str, type: str) -> bool:
        event = self.s.get(CanonicalEvent, event_id)
        if event is None:
            return False
        event.type = type
        return True


def split_entity_id(doc_id: str, local_id: str, n: int = 0) -> str:
    """The canonical id of the entity a split makes of one document's entity (``n``: a suffix)."""
    salt = f"split:{doc_id}/{local_id}" + (f"#{n}" if n else "")
    return "E" + hashlib.sha1(salt.encode()).hexdigest()[:12]


def _unused_split_id(s: Session, doc_id: str, local_id: str) -> str:
    """``split_entity_id``, suffixed in the rare case a cluster already holds it."""
    n = 0
    while s.get(CanonicalEntity, split_entity_id(doc_id, local_id, n)) is not None:
        n += 1
    return split_entity_id(doc_id, local_id, n)

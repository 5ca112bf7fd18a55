"""Questions an analyst asks of the stored corpus (Python API behind the CLI commands).

    corpus = Corpus(Store("corpus.sqlite"))
    corpus.timeline(entity="Putin", since="2023-01-01")
    corpus.timeline(pair=("Kim Jong-un", "Putin"), type="CONSULT")
    corpus.entity_profile("Kim Jong-un")
    corpus.dyad("Russia", "North Korea")
    corpus.search("Vostochny cosmodrome")
    corpus.quotes_by("Peskov")

Everything returns plain dicts and lists (JSON-ready).  Names are looked up among
every alias of the canonical entities (normalised as in resolution), then by a
last or first name; the entity named in the most documents wins.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Optional

from sqlalchemy import and_, func, or_, select, text

from ..resolve.names import display_key
from ..store import Store
from ..store.schema import (
    CanonicalEntity, CanonicalEvent, DocumentRow, EntityAlias, EntityRow, EventParticipant, EventRow,
    Evidence, QuoteRow, RelationRow,
)

# PLOVER quad classes (PLOVER manual, section 3: "Quad category" of each event type)
QUAD = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), "verbal conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material conflict"),
}
QUAD_CLASSES = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
AFFILIATION_PREDICATES = ("employee_of", "member_of", "leader_of", "head_of", "spokesperson_for", "citizen_of")


class NotFound(LookupError):
    pass


class Corpus:
    def __init__(self, store: Store):
        self.store = store

    # -- entity lookup ---------------------------------------------------------------------

    def find_entities(self, name: str) -> list[dict]:
        """Canonical entities known by ``name``, most documents first."""
        key = display_key(name, "PERSON") or display_key(name)
        keys = {key, display_key(name)} - {""}
        with self.store.session() as s:
            ids = set(s.scalars(select(EntityAlias.entity_id).where(EntityAlias.alias.in_(keys))))
            if not ids and key:
                words = key.split()
                if len(words) == 1:  # a last or first name
                    ids = set(s.scalars(select(EntityAlias.entity_id).where(or_(
                        EntityAlias.alias.like(f"% {key}"), EntityAlias.alias.like(f"{key} %")))))
            if not ids:
                return []
            rows = s.scalars(select(CanonicalEntity).where(CanonicalEntity.id.in_(ids)))
            found = [self._entity_dict(r) for r in rows]
        return sorted(found, key=lambda e: (-e["n_documents"], e["name"], e["id"]))

    def resolve_name(self, name: str) -> dict:
        found = self.find_entities(name)
        if not found:
            raise NotFound(f"no stored entity is called {name!r}")
        return found[0]

    @staticmethod
    def _entity_dict(r: CanonicalEntity) -> dict:
        return {"id": r.id, "name": r.name, "type": r.type, "country": r.country, "sector": r.sector,
                "kb_id": r.kb_id, "aliases": r.aliases, "n_documents": r.n_documents}

    def _names(self, s, ids) -> dict[str, str]:
        ids = set(ids) - {None}
        if not ids:
            return {}
        return dict(s.execute(select(CanonicalEntity.id, CanonicalEntity.name).where(CanonicalEntity.id.in_(ids))).all())

    # -- timeline ----------------------------------------------------------------------------

    def timeline(self, entity: Optional[str] = None, pair: Optional[tuple[str, str]] = None,
                 type: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
                 limit: Optional[int] = None) -> list[dict]:
        """Canonical events in date order, filtered by an entity, a pair of entities (both
        take part), a PLOVER type, and a date range (inclusive, on the event's date)."""
        query = select(CanonicalEvent)
        required = []
        if entity:
            required.append(self.resolve_name(entity)["id"])
        if pair:
            required += [self.resolve_name(pair[0])["id"], self.resolve_name(pair[1])["id"]]
        for entity_id in required:
            part = select(EventParticipant.event_id).where(EventParticipant.entity_id == entity_id)
            query = query.where(CanonicalEvent.id.in_(part))
        if type:
            query = query.where(CanonicalEvent.type == type.upper())
        if since:
            query = query.where(CanonicalEvent.sort_date >= since)
        if until:
            query = query.where(CanonicalEvent.sort_date <= until + "\uffff")
        query = query.order_by(CanonicalEvent.sort_date.is_(None), CanonicalEvent.sort_date, CanonicalEvent.id)
        if limit:
            query = query.limit(limit)
        with self.store.session() as s:
            events = list(s.scalars(query))
            return self._event_dicts(s, events)

    def _event_dicts(self, s, events: list[CanonicalEvent]) -> list[dict]:
        if not events:
            return []
        ids = [e.id for e in events]
        mentions = defaultdict(list)
        for row in s.execute(select(EventRow.canonical_id, EventRow.doc_id, EventRow.local_id, EventRow.modality,
                                    EventRow.trigger, EventRow.sentence, EventRow.rule, DocumentRow.published)
                             .join(DocumentRow, DocumentRow.doc_id == EventRow.doc_id)
                             .where(EventRow.canonical_id.in_(ids))
                             .order_by(DocumentRow.published, EventRow.doc_id, EventRow.id)):
            span = row.trigger or row.sentence or {}
            mentions[row.canonical_id].append({
                "doc_id": row.doc_id, "event": row.local_id, "start": span.get("start"),
                "end": span.get("end"), "text": span.get("text"), "modality": row.modality,
                "published": row.published, "rule": row.rule,
            })
        names = self._names(s, {x for e in events for x in [*e.actors, *e.recipients, e.location]})
        out = []
        for e in events:
            out.append({
                "id": e.id, "type": e.type, "quad": QUAD.get(e.type), "mode": e.mode,
                "contexts": e.contexts, "date": {"value": e.date_value, "text": e.date_text},
                "sort_date": e.sort_date, "status": e.status, "modality": e.modality,
                "actors": [{"id": a, "name": names.get(a, a)} for a in e.actors],
                "recipients": [{"id": r, "name": names.get(r, r)} for r in e.recipients],
                "location": {"id": e.location, "name": names.get(e.location, e.location)} if e.location else None,
                "history": e.history, "mentions": mentions.get(e.id, []),
                "documents": sorted({m["doc_id"] for m in mentions.get(e.id, [])}),
            })
        return out

    # -- entity profile ----------------------------------------------------------------------

    def entity_profile(self, name: str, max_events: int = 200) -> dict:
        entity = self.resolve_name(name)
        eid = entity["id"]
        with self.store.session() as s:
            members = list(s.execute(
                select(EntityRow.doc_id, EntityRow.local_id, EntityRow.titles, EntityRow.former_titles,
                       EntityRow.affiliations, DocumentRow.published)
                .join(DocumentRow, DocumentRow.doc_id == EntityRow.doc_id)
                .where(EntityRow.canonical_id == eid)))
            # titles over time: first and last report of each title
            seen: dict[str, list] = {}
            for m in members:
                for title in m.titles or []:
                    span = seen.setdefault(title, [m.published, m.published, 0, False])
                    span[0] = min(filter(None, [span[0], m.published]), default=None)
                    span[1] = max(filter(None, [span[1], m.published]), default=None)
                    span[2] += 1
                for title in m.former_titles or []:
                    seen.setdefault(title, [m.published, m.published, 0, True])[2] += 1
            titles = sorted(({"title": t, "first_reported": v[0], "last_reported": v[1], "documents": v[2],
                              "former": v[3]} for t, v in seen.items()),
                            key=lambda t: (t["first_reported"] or "", t["title"]))
            # affiliations: the entity's affiliation ids and relations, mapped to canonical entities
            wanted = defaultdict(set)  # doc_id -> local ids
            pairs = []
            for m in members:
                for local in m.affiliations or []:
                    wanted[m.doc_id].add(local)
                    pairs.append((m.doc_id, local, "affiliation"))
            by_doc_local = {(m.doc_id, m.local_id) for m in members}
            docs = sorted({m.doc_id for m in members})
            for r in s.execute(select(RelationRow.doc_id, RelationRow.subject, RelationRow.predicate, RelationRow.object)
                               .where(RelationRow.doc_id.in_(docs), RelationRow.predicate.in_(AFFILIATION_PREDICATES))):
                if (r.doc_id, r.subject) in by_doc_local:
                    wanted[r.doc_id].add(r.object)
                    pairs.append((r.doc_id, r.object, r.predicate))
            canonical_local = {}
            for doc_id, locals_ in wanted.items():
                for local, cid in s.execute(select(EntityRow.local_id, EntityRow.canonical_id)
                                            .where(EntityRow.doc_id == doc_id, EntityRow.local_id.in_(locals_))):
                    canonical_local[(doc_id, local)] = cid
            affiliation_counts: Counter = Counter()
            for doc_id, local, how in pairs:
                cid = canonical_local.get((doc_id, local))
                if cid and cid != eid:
                    affiliation_counts[(cid, how)] += 1
            aff_names = self._names(s, {c for c, _ in affiliation_counts})
            affiliations = [{"id": c, "name": aff_names.get(c, c), "relation": how, "reports": n}
                            for (c, how), n in sorted(affiliation_counts.items(), key=lambda kv: (-kv[1], kv[0]))]
            evidence = [{"doc_id": r.doc_id, "entity": r.local_id, "reason": r.reason, "detail": r.detail}
                        for r in s.scalars(select(Evidence).where(Evidence.kind == "entity", Evidence.canonical_id == eid)
                                           .order_by(Evidence.doc_id, Evidence.local_id))]
            # co-actors over this entity's events
            event_ids = select(EventParticipant.event_id).where(EventParticipant.entity_id == eid)
            co = Counter(dict(s.execute(
                select(EventParticipant.entity_id, func.count(func.distinct(EventParticipant.event_id)))
                .where(EventParticipant.event_id.in_(event_ids), EventParticipant.entity_id != eid)
                .group_by(EventParticipant.entity_id)).all()))
            co_names = self._names(s, co)
            co_actors = [{"id": c, "name": co_names.get(c, c), "events": n}
                         for c, n in sorted(co.items(), key=lambda kv: (-kv[1], kv[0]))]
        events = self._events_of(eid, max_events)
        return {**entity, "documents": docs, "titles": titles, "affiliations": affiliations,
                "quotes": self._quotes_of(eid), "events": events, "co_actors": co_actors,
                "evidence": evidence}

    def _events_of(self, entity_id: str, limit: Optional[int]) -> list[dict]:
        query = (select(CanonicalEvent)
                 .where(CanonicalEvent.id.in_(select(EventParticipant.event_id)
                                              .where(EventParticipant.entity_id == entity_id)))
                 .order_by(CanonicalEvent.sort_date.is_(None), CanonicalEvent.sort_date, CanonicalEvent.id))
        if limit:
            query = query.limit(limit)
        with self.store.session() as s:
            return self._event_dicts(s, list(s.scalars(query)))

    # -- dyad ----------------------------------------------------------------------------------

    def dyad(self, a: str, b: str) -> dict:
        """Events in which both take part, over time, with PLOVER quad classes per month and
        who acted on whom."""
        first, second = self.resolve_name(a), self.resolve_name(b)
        events = self._pair_events(first["id"], second["id"])
        by_month: dict[str, Counter] = defaultdict(Counter)
        totals: Counter = Counter()
        for e in events:
            quad = e["quad"] or "other"
            month = (e["sort_date"] or "undated")[:7]
            by_month[month][quad] += 1
            totals[quad] += 1
            actor_ids = {x["id"] for x in e["actors"]}
            e["direction"] = (f"{first['name']} -> {second['name']}" if first["id"] in actor_ids and second["id"] not in actor_ids
                              else f"{second['name']} -> {first['name']}" if second["id"] in actor_ids and first["id"] not in actor_ids
                              else "joint")
        return {"a": first, "b": second, "events": events,
                "quad_totals": {q: totals.get(q, 0) for q in QUAD_CLASSES},
                "by_month": [{"month": m, **{q: c.get(q, 0) for q in QUAD_CLASSES}}
                             for m, c in sorted(by_month.items())]}

    def _pair_events(self, a_id: str, b_id: str) -> list[dict]:
        query = select(CanonicalEvent)
        for entity_id in (a_id, b_id):
            query = query.where(CanonicalEvent.id.in_(
                select(EventParticipant.event_id).where(EventParticipant.entity_id == entity_id)))
        query = query.order_by(CanonicalEvent.sort_date.is_(None), CanonicalEvent.sort_date, CanonicalEvent.id)
        with self.store.session() as s:
            return self._event_dicts(s, list(s.scalars(query)))

    # -- quotes --------------------------------------------------------------------------------

    def quotes_by(self, name: str) -> list[dict]:
        """Quotes whose speaker resolves to the entity called ``name``; when no entity is
        called so, quotes whose unresolved speaker text contains ``name``."""
        found = self.find_entities(name)
        if found:
            return self._quotes_of(found[0]["id"])
        with self.store.session() as s:
            rows = s.execute(select(QuoteRow, DocumentRow.published)
                             .join(DocumentRow, DocumentRow.doc_id == QuoteRow.doc_id)
                             .where(QuoteRow.speaker_text.ilike(f"%{name}%"))
                             .order_by(DocumentRow.published, QuoteRow.doc_id, QuoteRow.start)).all()
            return [self._quote_dict(q, published, None) for q, published in rows]

    def _quotes_of(self, entity_id: str) -> list[dict]:
        with self.store.session() as s:
            rows = s.execute(
                select(QuoteRow, DocumentRow.published)
                .join(EntityRow, and_(EntityRow.doc_id == QuoteRow.doc_id, EntityRow.local_id == QuoteRow.speaker))
                .join(DocumentRow, DocumentRow.doc_id == QuoteRow.doc_id)
                .where(EntityRow.canonical_id == entity_id)
                .order_by(DocumentRow.published, QuoteRow.doc_id, QuoteRow.start)).all()
            return [self._quote_dict(q, published, entity_id) for q, published in rows]

    @staticmethod
    def _quote_dict(q: QuoteRow, published: Optional[str], speaker_id: Optional[str]) -> dict:
        return {"doc_id": q.doc_id, "published": published, "start": q.start, "end": q.end, "text": q.text,
                "kind": q.kind, "speaker": speaker_id, "speaker_text": q.speaker_text, "cue": q.cue,
                "rule": q.rule}

    # -- full-text search ------------------------------------------------------------------------

    def search(self, query_text: str, limit: int = 20) -> dict:
        """Documents and quotes containing every word of ``query_text`` (FTS5 on SQLite, ranked
        by BM25; a plain substring match elsewhere)."""
        words = re.findall(r"\w+", query_text)
        if not words:
            return {"documents": [], "quotes": []}
        with self.store.session() as s:
            if self.store.is_sqlite:
                match = " ".join('"' + w.replace('"', '') + '"' for w in words)
                docs = s.execute(text(
                    "SELECT f.doc_id, d.title, d.published, snippet(documents_fts, 2, '[', ']', '…', 12) "
                    "FROM documents_fts f JOIN documents d ON d.doc_id = f.doc_id "
                    "WHERE documents_fts MATCH :m ORDER BY rank LIMIT :n"), {"m": match, "n": limit}).all()
                quotes = s.execute(text(
                    "SELECT q.quote_id, q.doc_id, q.speaker, q.text FROM quotes_fts q "
                    "WHERE quotes_fts MATCH :m ORDER BY rank LIMIT :n"), {"m": match, "n": limit}).all()
                return {
                    "documents": [{"doc_id": d, "title": t, "published": p, "snippet": snip} for d, t, p, snip in docs],
                    "quotes": [{"quote": qid, "doc_id": d, "speaker": sp, "text": t} for qid, d, sp, t in quotes],
                }
            cond = and_(*[DocumentRow.text.ilike(f"%{w}%") for w in words])
            docs = s.execute(select(DocumentRow.doc_id, DocumentRow.title, DocumentRow.published)
                             .where(cond).limit(limit)).all()
            qcond = and_(*[QuoteRow.text.ilike(f"%{w}%") for w in words])
            quotes = s.execute(select(QuoteRow.id, QuoteRow.doc_id, QuoteRow.speaker_text, QuoteRow.text)
                               .where(qcond).limit(limit)).all()
            return {"documents": [{"doc_id": d, "title": t, "published": p, "snippet": None} for d, t, p in docs],
                    "quotes": [{"quote": qid, "doc_id": d, "speaker": sp, "text": t} for qid, d, sp, t in quotes]}

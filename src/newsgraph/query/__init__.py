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

from ..store import Store

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
        self.read = store.read

    # -- entity lookup ---------------------------------------------------------------------

    def find_entities(self, name: str) -> list[dict]:
        """Canonical entities known by ``name``, most documents first."""
        ids = self.read.entity_ids_named(name)
        if not ids:
            return []
        found = [self._entity_dict(r) for r in self.read.canonical_entities(ids)]
        return sorted(found, key=lambda e: (-e["n_documents"], e["name"], e["id"]))

    def resolve_name(self, name: str) -> dict:
        """The entity called ``name`` (or whose canonical id is ``name``)."""
        by_id = self.read.canonical_entities([name])
        if by_id:
            return self._entity_dict(by_id[0])
        found = self.find_entities(name)
        if not found:
            raise NotFound(f"no stored entity is called {name!r}")
        return found[0]

    @staticmethod
    def _entity_dict(r: dict) -> dict:
        return {k: r[k] for k in ("id", "name", "type", "country", "sector", "kb_id", "aliases", "n_documents")}

    # -- timeline ----------------------------------------------------------------------------

    def timeline(self, entity: str | None = None, pair: tuple[str, str] | None = None,
                 type: str | None = None, since: str | None = None, until: str | None = None,
                 limit: int | None = None) -> list[dict]:
        """Canonical events in date order, filtered by an entity, a pair of entities (both
        take part), a PLOVER type, and a date range (inclusive, on the event's date)."""
        required = []
        if entity:
            required.append(self.resolve_name(entity)["id"])
        if pair:
            required += [self.resolve_name(pair[0])["id"], self.resolve_name(pair[1])["id"]]
        events = self.read.canonical_events(participants=required, type=type.upper() if type else None,
                                            since=since, until=until, limit=limit)
        return self._event_dicts(events)

    def describe_events(self, events: list[dict]) -> list[dict]:
        """Canonical event rows (``store.read.canonical_events``) as ``timeline`` returns them."""
        return self._event_dicts(events)

    def _event_dicts(self, events: list[dict]) -> list[dict]:
        if not events:
            return []
        mentions = defaultdict(list)
        for row in self.read.event_mentions([e["id"] for e in events], by_published=True):
            span = row["trigger"] or row["sentence"] or {}
            mentions[row["canonical_id"]].append({
                "doc_id": row["doc_id"], "event": row["local_id"], "start": span.get("start"),
                "end": span.get("end"), "text": span.get("text"), "modality": row["modality"],
                "published": row["published"], "rule": row["rule"],
            })
        names = self.read.entity_names({x for e in events for x in [*e["actors"], *e["recipients"], e["location"]]})
        out = []
        for e in events:
            out.append({
                "id": e["id"], "type": e["type"], "quad": QUAD.get(e["type"]), "mode": e["mode"],
                "contexts": e["contexts"], "date": {"value": e["date_value"], "text": e["date_text"]},
                "sort_date": e["sort_date"], "status": e["status"], "modality": e["modality"],
                "actors": [{"id": a, "name": names.get(a, a)} for a in e["actors"]],
                "recipients": [{"id": r, "name": names.get(r, r)} for r in e["recipients"]],
                "location": ({"id": e["location"], "name": names.get(e["location"], e["location"])}
                             if e["location"] else None),
                "history": e["history"], "mentions": mentions.get(e["id"], []),
                "documents": sorted({m["doc_id"] for m in mentions.get(e["id"], [])}),
            })
        return out

    # -- entity profile ----------------------------------------------------------------------

    def entity_by_id(self, entity_id: str) -> dict:
        """The canonical entity ``entity_id`` (NotFound when there is none)."""
        found = self.read.canonical_entities([entity_id])
        if not found:
            raise NotFound(f"no stored entity has the id {entity_id!r}")
        return self._entity_dict(found[0])

    def entity_profile(self, name: str, max_events: int = 200) -> dict:
        return self.entity_profile_of(self.resolve_name(name), max_events)

    def entity_profile_of(self, entity: dict, max_events: int = 200) -> dict:
        """The profile of a canonical entity given as ``find_entities`` or ``entity_by_id`` return it."""
        eid = entity["id"]
        members = self.read.entity_members(eid)
        docs = sorted({m["doc_id"] for m in members})
        evidence = [{"doc_id": r["doc_id"], "entity": r["local_id"], "reason": r["reason"], "detail": r["detail"]}
                    for r in self.read.evidence("entity", eid)]
        co = Counter(self.read.co_actor_counts(eid))
        co_names = self.read.entity_names(co)
        co_actors = [{"id": c, "name": co_names.get(c, c), "events": n}
                     for c, n in sorted(co.items(), key=lambda kv: (-kv[1], kv[0]))]
        return {**entity, "documents": docs, "titles": self._titles(members),
                "affiliations": self._affiliations(eid, members, docs), "quotes": self._quotes_of(eid),
                "events": self._events_of(eid, max_events), "co_actors": co_actors, "evidence": evidence}

    @staticmethod
    def _titles(members: list[dict]) -> list[dict]:
        """Titles over time: first and last report of each title."""
        seen: dict[str, list] = {}
        for m in members:
            for title in m["titles"] or []:
                span = seen.setdefault(title, [m["published"], m["published"], 0, False])
                span[0] = min(filter(None, [span[0], m["published"]]), default=None)
                span[1] = max(filter(None, [span[1], m["published"]]), default=None)
                span[2] += 1
            for title in m["former_titles"] or []:
                seen.setdefault(title, [m["published"], m["published"], 0, True])[2] += 1
        return sorted(({"title": t, "first_reported": v[0], "last_reported": v[1], "documents": v[2],
                        "former": v[3]} for t, v in seen.items()),
                      key=lambda t: (t["first_reported"] or "", t["title"]))

    def _affiliations(self, eid: str, members: list[dict], docs: list[str]) -> list[dict]:
        """The entity's affiliation ids and relations, mapped to canonical entities."""
        wanted = defaultdict(set)  # doc_id -> local ids
        pairs = []
        for m in members:
            for local in m["affiliations"] or []:
                wanted[m["doc_id"]].add(local)
                pairs.append((m["doc_id"], local, "affiliation"))
        by_doc_local = {(m["doc_id"], m["local_id"]) for m in members}
        for r in self.read.relations(docs, AFFILIATION_PREDICATES):
            if (r["doc_id"], r["subject"]) in by_doc_local:
                wanted[r["doc_id"]].add(r["object"])
                pairs.append((r["doc_id"], r["object"], r["predicate"]))
        canonical_local = {}
        for doc_id, locals_ in wanted.items():
            for local, cid in self.read.canonical_of_locals(doc_id, locals_).items():
                canonical_local[(doc_id, local)] = cid
        affiliation_counts: Counter = Counter()
        for doc_id, local, how in pairs:
            cid = canonical_local.get((doc_id, local))
            if cid and cid != eid:
                affiliation_counts[(cid, how)] += 1
        aff_names = self.read.entity_names({c for c, _ in affiliation_counts})
        return [{"id": c, "name": aff_names.get(c, c), "relation": how, "reports": n}
                for (c, how), n in sorted(affiliation_counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    def _events_of(self, entity_id: str, limit: int | None) -> list[dict]:
        return self._event_dicts(self.read.canonical_events(participants=[entity_id], limit=limit))

    # -- dyad ----------------------------------------------------------------------------------

    def dyad(self, a: str, b: str) -> dict:
        """Events in which both take part, over time, with PLOVER quad classes per month and
        who acted on whom."""
        return self.dyad_of(self.resolve_name(a), self.resolve_name(b))

    def dyad_of(self, first: dict, second: dict) -> dict:
        """``dyad`` for two canonical entities given as ``find_entities`` or ``entity_by_id`` return them."""
        events = self._event_dicts(self.read.canonical_events(participants=[first["id"], second["id"]]))
        by_month: dict[str, Counter] = defaultdict(Counter)
        totals: Counter = Counter()
        for e in events:
            quad = e["quad"] or "other"
            month = (e["sort_date"] or "undated")[:7]
            by_month[month][quad] += 1
            totals[quad] += 1
            actor_ids = {x["id"] for x in e["actors"]}
            first_acts = first["id"] in actor_ids and second["id"] not in actor_ids
            second_acts = second["id"] in actor_ids and first["id"] not in actor_ids
            e["direction"] = (f"{first['name']} -> {second['name']}" if first_acts
                              else f"{second['name']} -> {first['name']}" if second_acts
                              else "joint")
        return {"a": first, "b": second, "events": events,
                "quad_totals": {q: totals.get(q, 0) for q in QUAD_CLASSES},
                "by_month": [{"month": m, **{q: c.get(q, 0) for q in QUAD_CLASSES}}
                             for m, c in sorted(by_month.items())]}

    # -- quotes --------------------------------------------------------------------------------

    def quotes_by(self, name: str) -> list[dict]:
        """Quotes whose speaker resolves to the entity called ``name``; when no entity is
        called so, quotes whose unresolved speaker text contains ``name``."""
        found = self.find_entities(name)
        if found:
            return self._quotes_of(found[0]["id"])
        return [self._quote_dict(q, None) for q in self.read.quotes(speaker_text_like=name)]

    def _quotes_of(self, entity_id: str) -> list[dict]:
        return [self._quote_dict(q, entity_id) for q in self.read.quotes(speaker=entity_id)]

    @staticmethod
    def _quote_dict(q: dict, speaker_id: str | None) -> dict:
        return {"doc_id": q["doc_id"], "published": q["published"], "start": q["start"], "end": q["end"],
                "text": q["text"], "kind": q["kind"], "speaker": speaker_id, "speaker_text": q["speaker_text"],
                "cue": q["cue"], "rule": q["rule"]}

    # -- full-text search ------------------------------------------------------------------------

    def search(self, query_text: str, limit: int = 20) -> dict:
        """Documents and quotes containing every word of ``query_text`` (FTS5 on SQLite, ranked
        by BM25; a plain substring match elsewhere)."""
        words = re.findall(r"\w+", query_text)
        if not words:
            return {"documents": [], "quotes": []}
        return self.read.search(words, limit)

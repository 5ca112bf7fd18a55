"""The JSON API (``/api``): read routes over the store and :mod:`newsgraph.query`, and the review
routes.  Every list answers ``{"items", "total", "limit", "offset"}``; a missing record is a 404
with ``{"detail": ...}``, bad parameters a 422, a write without the token a 401."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from .. import review
from ..model import MODALITIES, PLOVER_TYPES, UNREALISED_MODALITIES, Modality
from ..query import QUAD, QUAD_CLASSES, Corpus, NotFound
from ..store import Store
from . import schemas as S
from .security import require_writer

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=500, description="page size")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]
Date = Annotated[str | None, Query(max_length=40, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
                                   description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")]
Text = Annotated[str | None, Query(max_length=200)]
Id = Annotated[str, Query(min_length=1, max_length=200)]


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_corpus(request: Request) -> Corpus:
    return request.app.state.corpus


StoreDep = Annotated[Store, Depends(get_store)]
CorpusDep = Annotated[Corpus, Depends(get_corpus)]


def _missing(what: str, key: str) -> HTTPException:
    return HTTPException(404, f"no {what} {key!r}")


def _entity_or_404(corpus: Corpus, entity_id: str) -> dict[str, Any]:
    found = corpus.read.canonical_entities([entity_id])
    if not found:
        raise _missing("entity", entity_id)
    return found[0]


# -- documents ---------------------------------------------------------------------------------

@router.get("/documents", response_model=S.Page[S.DocumentSummary])
def list_documents(store: StoreDep, q: Text = None, since: Date = None, until: Date = None,
                   limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    items, total = store.read.documents_page(q=q, since=since, until=until, limit=limit, offset=offset)
    return {"items": items, "total": total, "limit": limit, "offset": offset}


@router.get("/documents/{doc_id}", response_model=S.DocumentOut, responses={404: {"model": S.ErrorOut}})
def get_document(doc_id: str, store: StoreDep) -> dict[str, Any]:
    doc = store.load_document(doc_id)
    if doc is None:
        raise _missing("document", doc_id)
    data = doc.to_dict()
    data["canonical_entities"] = store.read.canonical_of_locals(doc_id, [e.id for e in doc.entities])
    data["canonical_events"], data["story_id"] = store.read.document_links(doc_id)
    return data


# -- entities ----------------------------------------------------------------------------------

@router.get("/entities", response_model=S.Page[S.EntitySummary])
def list_entities(store: StoreDep, q: Text = None,
                  type: Annotated[str | None, Query(max_length=20)] = None,
                  country: Annotated[str | None, Query(max_length=3)] = None,
                  limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    items, total = store.read.entities_page(q=q, type=type, country=country, limit=limit, offset=offset)
    return {"items": items, "total": total, "limit": limit, "offset": offset}


@router.get("/entities/{entity_id}", response_model=S.EntityProfile, responses={404: {"model": S.ErrorOut}})
def get_entity(entity_id: str, corpus: CorpusDep, store: StoreDep,
               max_events: Annotated[int, Query(ge=1, le=1000)] = 50,
               max_quotes: Annotated[int, Query(ge=1, le=1000)] = 50,
               max_evidence: Annotated[int, Query(ge=1, le=10000)] = 100) -> dict[str, Any]:
    """The profile, with its first ``max_events`` events by date, latest ``max_quotes`` quotes and
    ``max_evidence`` merge evidence rows (``n_events``, ``n_quotes``, ``n_evidence`` count all; page
    through events and quotes with /api/events?entity= and /api/quotes?speaker=)."""
    entity = _entity_or_404(corpus, entity_id)
    profile = corpus.entity_profile(entity_id, max_events=max_events)
    n_events = len(profile["events"])
    if n_events >= max_events:
        n_events = corpus.read.events_page(participants=[entity_id], limit=1)[1]
    return {**entity, **profile, "titles": entity["titles"], "titles_over_time": profile["titles"],
            "quotes": profile["quotes"][-max_quotes:], "n_quotes": len(profile["quotes"]), "n_events": n_events,
            "evidence": profile["evidence"][:max_evidence], "n_evidence": len(profile["evidence"]),
            "corrections": review.corrections(store, target=entity_id)}


@router.get("/entities/{entity_id}/graph", response_model=S.Graph, responses={404: {"model": S.ErrorOut}})
def entity_graph(entity_id: str, corpus: CorpusDep, depth: Annotated[int, Query(ge=1, le=2)] = 1,
                 since: Date = None, until: Date = None,
                 limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict[str, Any]:
    """The entity's neighbourhood: entities taking part in the same canonical events (dated in
    the range), up to ``depth`` steps, the ``limit`` strongest per step; edges weighted by events."""
    _entity_or_404(corpus, entity_id)
    depth_of = {entity_id: 0}
    frontier = [entity_id]
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for step in range(1, depth + 1):
        found = corpus.read.co_actor_edges(frontier, since=since, until=until)
        found.sort(key=lambda e: (-e["weight"], e["target"]))
        kept = [e for e in found if e["target"] in depth_of][:limit * 4]
        new = [e for e in found if e["target"] not in depth_of][:limit]
        for e in new:
            depth_of.setdefault(e["target"], step)
        for e in kept + new:
            pair = tuple(sorted((e["source"], e["target"])))
            edges.setdefault(pair, {**e, "source": pair[0], "target": pair[1]})
        frontier = [e["target"] for e in new]
        if not frontier:
            break
    entities = {e["id"]: e for e in corpus.read.canonical_entities(depth_of)}
    nodes = [{"id": i, "name": entities.get(i, {}).get("name", i), "type": entities.get(i, {}).get("type"),
              "country": entities.get(i, {}).get("country"), "depth": d,
              "n_documents": entities.get(i, {}).get("n_documents", 0)} for i, d in depth_of.items()]
    return {"center": entity_id, "nodes": nodes, "edges": list(edges.values()), "since": since, "until": until}


# -- events ------------------------------------------------------------------------------------

@router.get("/events", response_model=S.Page[S.CanonicalEventOut], responses={404: {"model": S.ErrorOut}})
def list_events(corpus: CorpusDep, entity: Text = None,
                pair: Annotated[list[str] | None, Query(max_length=2, description="two entity ids")] = None,
                type: Annotated[str | None, Query(max_length=20)] = None,
                quad: Annotated[str | None, Query(max_length=40)] = None,
                status: Annotated[str | None, Query(max_length=20)] = None,
                modality: Annotated[str | None, Query(max_length=20)] = None,
                since: Date = None, until: Date = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Canonical events by date; rejected ones (review) only when asked with ``status=rejected``."""
    if pair is not None and len(pair) != 2:
        raise HTTPException(422, "pair takes two entity ids: ?pair=A&pair=B")
    participants = [_entity_ref(corpus, ref) for ref in ([entity] if entity else []) + list(pair or [])]
    types = [type.upper()] if type else []
    if quad:
        if quad not in QUAD_CLASSES:
            raise HTTPException(422, f"quad is one of {', '.join(QUAD_CLASSES)}")
        types = [t for t, q in QUAD.items() if q == quad and (not types or t in types)] or ["-"]
    events, total = corpus.read.events_page(participants=participants, types=types, status=status,
                                            modality=modality, since=since, until=until, limit=limit,
                                            offset=offset, exclude_status="rejected")
    return {"items": corpus._event_dicts(events), "total": total, "limit": limit, "offset": offset}


def _entity_ref(corpus: Corpus, ref: str) -> str:
    try:
        return corpus.resolve_name(ref)["id"]
    except NotFound as exc:
        raise _missing("entity", ref) from exc


@router.get("/events/{event_id}", response_model=S.EventDetail, responses={404: {"model": S.ErrorOut}})
def get_event(event_id: str, corpus: CorpusDep, store: StoreDep) -> dict[str, Any]:
    """One canonical event: its status history (with the report that changed it), every report
    with its sentence, trigger, actors, date and source spans, and the corrections made to it."""
    found = corpus.read.events_page(ids=[event_id], limit=1, offset=0)[0]
    if not found:
        raise _missing("event", event_id)
    event = corpus._event_dicts(found)[0]
    reports = [_report(store, r) for r in store.read.event_mention_reports(event_id)]
    titles = {r["doc_id"]: r["title"] for r in reports}
    return {**event, "status_history": _status_history(event["history"], titles), "reports": reports,
            "corrections": review.corrections(store, target=event_id)}


def _report(store: Store, r: dict[str, Any]) -> dict[str, Any]:
    sentence = r["sentence"] or r["trigger"] or {"start": 0, "end": 0}
    spans = store.read.mentions_within(r["doc_id"], [*(r["actors"] or []), *(r["recipients"] or []),
                                                     *([r["source"]] if r["source"] else [])],
                                       sentence["start"], sentence["end"])
    date = r["date"] or {}
    timex = store.read.timex_at(r["doc_id"], date["timex"]) if date.get("timex") is not None else None
    source = spans.get(r["source"] or "", [])
    return {
        "doc_id": r["doc_id"], "event": r["local_id"], "title": r["title"], "published": r["published"],
        "url": r["url"], "publisher": r["publisher"], "type": r["type"], "modality": r["modality"],
        "trigger": r["trigger"], "sentence": r["sentence"],
        "actors": [m for a in r["actors"] or [] for m in spans.get(a, [])],
        "recipients": [m for a in r["recipients"] or [] for m in spans.get(a, [])],
        "date": date or None, "date_span": timex and {k: timex[k] for k in ("start", "end", "text")},
        "source": r["source"], "source_text": r["source_text"], "source_span": source[0] if source else None,
        "rule": r["rule"],
    }


def _status_of(modality: str | None, earlier: set[str]) -> str:
    if modality == Modality.ASSERTED:
        if Modality.ALLEGED in earlier:
            return "confirmed"
        return "happened"
    return modality or "unknown"


def _status_history(history: list[dict[str, Any]], titles: dict[str, str | None]) -> list[dict[str, Any]]:
    """The reports at which the event's status changed (planned -> happened, alleged -> confirmed ...)."""
    changes: list[dict[str, Any]] = []
    earlier: set[str] = set()
    for h in sorted(history, key=lambda h: (h.get("published") or "", h.get("doc_id") or "")):
        status = _status_of(h.get("modality"), earlier)
        earlier.add(h.get("modality") or "")
        if not changes or changes[-1]["status"] != status:
            changes.append({"status": status, "modality": h.get("modality"), "doc_id": h.get("doc_id"),
                            "published": h.get("published"), "event": h.get("event"),
                            "title": titles.get(h.get("doc_id") or "")})
    return changes


# -- dyads, stories, quotes, search, stats -----------------------------------------------------------

@router.get("/dyads", response_model=S.Dyad, responses={404: {"model": S.ErrorOut}})
def dyad(corpus: CorpusDep, a: Id, b: Id) -> dict[str, Any]:
    """Events in which both take part, by PLOVER quad class and by month."""
    first, second = _entity_ref(corpus, a), _entity_ref(corpus, b)
    return corpus.dyad(first, second)


@router.get("/stories", response_model=S.Page[S.StorySummary])
def list_stories(store: StoreDep, limit: Limit = 50, offset: Offset = 0,
                 latest_first: bool = False) -> dict[str, Any]:
    items, total = store.read.stories_page(limit=limit, offset=offset, latest_first=latest_first)
    return {"items": items, "total": total, "limit": limit, "offset": offset}


@router.get("/stories/{story_id}", response_model=S.StoryDetail, responses={404: {"model": S.ErrorOut}})
def get_story(story_id: str, store: StoreDep, corpus: CorpusDep) -> dict[str, Any]:
    story = store.read.story(story_id)
    if story is None:
        raise _missing("story", story_id)
    event_ids = store.read.events_of_documents([d["doc_id"] for d in story["documents"]])
    events, _ = store.read.events_page(ids=event_ids, limit=200, offset=0, exclude_status="rejected")
    return {**story, "events": corpus._event_dicts(events)}


@router.get("/quotes", response_model=S.Page[S.QuoteOut])
def list_quotes(corpus: CorpusDep, speaker: Text = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Quotes by a speaker (an entity id or name; else unresolved speaker text containing it), or all."""
    if speaker:
        found = corpus.read.canonical_entities([speaker])
        quotes = corpus._quotes_of(speaker) if found else corpus.quotes_by(speaker)
    else:
        quotes = [corpus._quote_dict({"published": None, **q}, q["speaker"])
                  for q in corpus.read.quotes_with_canonical_speaker()]
    return {"items": quotes[offset:offset + limit], "total": len(quotes), "limit": limit, "offset": offset}


@router.get("/search", response_model=S.SearchResult)
def search(corpus: CorpusDep, store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Annotated[int, Query(ge=1, le=100)] = 20) -> dict[str, Any]:
    """Full text (documents and quotes containing every word) and entities by name."""
    found = corpus.search(q, limit=limit)
    entities, _ = store.read.entities_page(q=q, limit=min(limit, 10))
    return {"query": q, **found, "entities": entities}


@router.get("/stats", response_model=S.Stats)
def stats(store: StoreDep, corpus: CorpusDep) -> dict[str, Any]:
    """Counts, the latest events, developing stories and recent status changes (the home page)."""
    latest = corpus._event_dicts(store.read.latest_events(10))
    stories, _ = store.read.stories_page(limit=10, latest_first=True)
    candidates = store.read.latest_events(200, min_documents=2)
    changed = [e for e in candidates if len({h.get("modality") for h in e["history"] or []}) > 1][:10]
    return {"counts": store.counts(), "latest_events": latest,
            "developing_stories": [s for s in stories if s["n_documents"] > 1] or stories,
            "recent_status_changes": corpus._event_dicts(changed),
            "corrections": len(store.corrections.list(active_only=True))}


@router.get("/vocabularies")
def vocabularies() -> dict[str, Any]:
    """The values filters take: PLOVER types, quad classes, modalities, statuses, correction kinds."""
    return {"types": list(PLOVER_TYPES), "quads": list(QUAD_CLASSES), "modalities": list(MODALITIES),
            "unrealised_modalities": sorted(UNREALISED_MODALITIES),
            "statuses": ["happened", "confirmed", "rejected", *sorted(set(MODALITIES) - {Modality.ASSERTED})],
            "correction_kinds": list(review.KINDS)}


# -- review --------------------------------------------------------------------------------

@router.get("/review/corrections", response_model=S.Page[S.Correction])
def list_corrections(store: StoreDep, active: bool = False, target: Text = None,
                     limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    found = review.corrections(store, active_only=active, target=target)
    return {"items": found[offset:offset + limit], "total": len(found), "limit": limit, "offset": offset}


@router.post("/review/corrections", response_model=S.Correction, status_code=201,
             responses={401: {"model": S.ErrorOut}, 403: {"model": S.ErrorOut}, 404: {"model": S.ErrorOut},
                        422: {"model": S.ErrorOut}})
def add_correction(body: S.CorrectionIn, store: StoreDep,
                   writer: Annotated[str, Depends(require_writer)]) -> dict[str, Any]:
    try:
        return review.correct(store, body.kind, body.targets, dict(body.params),
                              author=(body.author or writer)[:80], reason=body.reason[:2000])
    except review.NotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    except review.ReviewError as exc:
        raise HTTPException(422, str(exc)) from exc


@router.delete("/review/corrections/{correction_id}", response_model=S.Correction,
               responses={401: {"model": S.ErrorOut}, 403: {"model": S.ErrorOut}, 404: {"model": S.ErrorOut}})
def undo_correction(correction_id: Annotated[int, Path(ge=1, le=2**62)], store: StoreDep,
                    writer: Annotated[str, Depends(require_writer)]) -> dict[str, Any]:
    try:
        return review.undo(store, correction_id, by=writer)
    except review.NotFound as exc:
        raise HTTPException(404, str(exc)) from exc


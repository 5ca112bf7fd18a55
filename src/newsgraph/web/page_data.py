"""What each workbench page shows, gathered from the store (``store.read``) and ``newsgraph.query``.

Every function returns plain dicts and lists for a template; highlighted text comes as
:class:`~newsgraph.web.highlight.Segment` lists. Nothing here builds HTML.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..model import Document, Event
from ..query import QUAD, QUAD_CLASSES, Corpus, NotFound
from ..resolve.events import status_after
from ..store import Store
from .highlight import Mark, external_link, page_link, paragraphs, segments

LATEST = 12
GRAPH_NEIGHBOURS = 30


def document_label(doc: dict[str, Any]) -> str:
    """A document's title, else its publisher and date, else its id."""
    if doc.get("title"):
        return str(doc["title"])
    said = " ".join(str(x) for x in (doc.get("publisher"), doc.get("published")) if x)
    return said or str(doc["doc_id"])


def event_label(event: dict[str, Any]) -> str:
    """``TYPE: actors → recipients`` in plain text."""
    actors = ", ".join(a["name"] for a in event["actors"]) or "?"
    recipients = ", ".join(r["name"] for r in event["recipients"])
    return f"{event['type']}: {actors}" + (f" → {recipients}" if recipients else "")


# -- home ---------------------------------------------------------------------------------------

def home_view(store: Store) -> dict[str, Any]:
    corpus = Corpus(store)
    dated = [e for e in store.read.canonical_events() if e["sort_date"]]
    latest = corpus.describe_events(sorted(dated, key=lambda e: (e["sort_date"], e["id"]), reverse=True)[:LATEST])
    docs = store.read.documents()
    per_story = Counter(d["story_id"] for d in docs if d["story_id"])
    stories = sorted(store.read.stories(), key=lambda s: (s["last_published"] or "", s["id"]), reverse=True)
    developing = [{**s, "n_documents": per_story.get(s["id"], 0)} for s in stories if per_story.get(s["id"], 0) > 1]
    return {"counts": store.counts(), "latest": [{**e, "label": event_label(e)} for e in latest],
            "stories": developing[:LATEST], "changes": status_changes(store)[:LATEST]}


def status_changes(store: Store) -> list[dict[str, Any]]:
    """Canonical events whose status changed with a later report, the latest change first."""
    changes = []
    for event in store.read.canonical_events():
        steps = status_steps(event["history"] or [])
        changed = [s for s in steps if s["changed"] and s is not steps[0]]
        if changed:
            last = changed[-1]
            changes.append({"id": event["id"], "type": event["type"], "before": last["before"],
                            "after": last["status"], "doc_id": last["doc_id"], "published": last["published"]})
    return sorted(changes, key=lambda c: (c["published"] or "", c["id"]), reverse=True)


def status_steps(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each report of an event with the status it leaves (``changed`` where it differs from before)."""
    steps = []
    before = ""
    for i, report in enumerate(history):
        after = status_after(history[: i + 1])
        steps.append({**report, "status": after, "before": before, "changed": after != before})
        before = after
    return steps


# -- timeline -----------------------------------------------------------------------------------

def timeline_view(store: Store, actor: str = "", type_: str = "", status: str = "") -> dict[str, Any]:
    corpus = Corpus(store)
    problem = None
    try:
        events = corpus.timeline(entity=actor or None, type=type_ or None)
    except NotFound as error:
        events, problem = [], str(error)
    if status:
        events = [e for e in events if e["status"] == status]
    items = [{"id": e["id"], "start": e["sort_date"], "label": event_label(e), "status": e["status"],
              "type": e["type"], "quad": e["quad"] or "other"} for e in events if e["sort_date"]]
    return {"events": [{**e, "label": event_label(e)} for e in events], "items": items, "problem": problem,
            "filters": {"actor": actor, "type": type_, "status": status}}


# -- event page ---------------------------------------------------------------------------------

def event_view(store: Store, event_id: str) -> dict[str, Any] | None:
    row = store.read.canonical_event(event_id)
    if row is None:
        return None
    event = Corpus(store).describe_events([row])[0]
    docs = {d["doc_id"]: d for d in store.read.documents()} if event["documents"] else {}
    mentions = event_mention_views(store, event_id, docs)
    return {**event, "label": event_label(event), "steps": status_steps(event["history"] or []),
            "mentions": mentions, "doc_labels": {d: document_label(docs[d]) for d in event["documents"] if d in docs}}


def event_mention_views(store: Store, event_id: str, docs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Every stored report of the canonical event: its sentence with the trigger, actors, date and source marked."""
    loaded: dict[str, Document | None] = {}
    out = []
    for row in store.read.event_mentions([event_id], by_published=True):
        doc_id = row["doc_id"]
        if doc_id not in loaded:
            loaded[doc_id] = store.load_document(doc_id)
        doc = loaded[doc_id]
        local = next((v for v in doc.events if v.id == row["local_id"]), None) if doc else None
        if doc is None or local is None:
            continue
        span = local.sentence or local.trigger
        start, end = (span.start, span.end) if span else (0, 0)
        out.append({"doc_id": doc_id, "event": local.id, "modality": local.modality, "published": row["published"],
                    "doc_label": document_label(docs.get(doc_id, {"doc_id": doc_id})), "start": start, "end": end,
                    "pieces": segments(doc.text, mention_marks(doc, local), start, end), "rule": local.rule})
    return out


def mention_marks(doc: Document, event: Event) -> list[Mark]:
    """Marks for one reported event: trigger, each actor/recipient/source mention, the date's timex."""
    marks = []
    if event.trigger:
        marks.append(Mark(event.trigger.start, event.trigger.end, "trigger", title="trigger"))
    by_id = {e.id: e for e in doc.entities}
    for kind, ids in (("actor", event.actors), ("recipient", event.recipients), ("source", [event.source])):
        for local_id in ids:
            entity = by_id.get(local_id or "")
            if entity is not None:
                marks += [Mark(m.start, m.end, kind, title=f"{kind}: {entity.name}") for m in entity.mentions]
    if event.date and event.date.timex is not None and 0 <= event.date.timex < len(doc.timexes):
        timex = doc.timexes[event.date.timex]
        marks.append(Mark(timex.start, timex.end, "date", title=f"date: {timex.value or ''}"))
    return marks


# -- entity page --------------------------------------------------------------------------------

def entity_view(store: Store, entity_id: str) -> dict[str, Any] | None:
    corpus = Corpus(store)
    try:
        entity = corpus.entity_by_id(entity_id)
    except NotFound:
        return None
    profile = corpus.entity_profile_of(entity)
    for event in profile["events"]:
        event["label"] = event_label(event)
    members = sorted({(m["doc_id"], m["local_id"]) for m in store.read.entity_members(entity_id)})
    return {**profile, "graph": neighbourhood(store, entity, profile["co_actors"]),
            "members": [{"doc_id": d, "local_id": lid} for d, lid in members],
            "candidates": merge_candidates(corpus, entity)}


def merge_candidates(corpus: Corpus, entity: dict[str, Any]) -> list[dict[str, Any]]:
    """Other entities of the same type sharing a word of one of its names (to offer for a merge)."""
    words = {w for alias in [entity["name"], *(entity.get("aliases") or [])] for w in alias.split() if len(w) > 2}
    found: dict[str, dict[str, Any]] = {}
    for word in sorted(words)[:12]:
        for other in corpus.find_entities(word):
            if other["id"] != entity["id"] and other["type"] == entity["type"]:
                found.setdefault(other["id"], other)
    return sorted(found.values(), key=lambda e: (-e["n_documents"], e["name"]))[:20]


def neighbourhood(store: Store, entity: dict[str, Any], co_actors: list[dict[str, Any]]) -> dict[str, Any]:
    """Cytoscape elements: the entity, its strongest co-actors, and the ties among them (weights = shared events)."""
    near = co_actors[:GRAPH_NEIGHBOURS]
    ids = {entity["id"]} | {c["id"] for c in near}
    types = {e["id"]: e["type"] for e in store.read.canonical_entities(ids)}
    nodes = [{"data": {"id": entity["id"], "label": entity["name"], "type": entity["type"], "centre": 1}}]
    nodes += [{"data": {"id": c["id"], "label": c["name"], "type": types.get(c["id"], ""), "centre": 0}} for c in near]
    edges = [{"data": {"id": f"{entity['id']}~{c['id']}", "source": entity["id"], "target": c["id"],
                       "weight": c["events"]}} for c in near]
    for c in near:
        for other, weight in store.read.co_actor_counts(c["id"]).items():
            if other in ids and other != entity["id"] and c["id"] < other:
                edges.append({"data": {"id": f"{c['id']}~{other}", "source": c["id"], "target": other,
                                       "weight": weight}})
    return {"nodes": nodes, "edges": edges}


# -- document reader ----------------------------------------------------------------------------

def document_view(store: Store, doc_id: str, focus: tuple[int, int] | None = None) -> dict[str, Any] | None:
    doc = store.load_document(doc_id)
    if doc is None:
        return None
    entity_pages = store.read.canonical_of_locals(doc_id, [e.id for e in doc.entities])
    event_pages = store.read.event_canonicals_in(doc_id)
    marks = document_marks(doc, entity_pages, event_pages)
    if focus:
        marks.append(Mark(focus[0], focus[1], "focus"))
    names = {e.id: e.name for e in doc.entities}
    return {
        "doc": doc, "label": document_label({"doc_id": doc.doc_id, "title": doc.title,
                                             "publisher": doc.source.publisher, "published": doc.published}),
        "url": external_link(doc.source.url), "paragraphs": paragraphs(segments(doc.text, marks)),
        "entities": [{"entity": e, "page": entity_pages.get(e.id)} for e in doc.entities],
        "quotes": [{"quote": q, "speaker": names.get(q.speaker or "", q.speaker_text or "")} for q in doc.quotes],
        "events": [{"event": v, "page": event_pages.get(v.id),
                    "actors": ", ".join(names.get(a, a) for a in v.actors)} for v in doc.events],
        "timexes": doc.timexes,
    }


def document_marks(doc: Document, entity_pages: dict[str, str | None],
                   event_pages: dict[str, str | None]) -> list[Mark]:
    """Marks for the reader: every entity mention, quote, timex and event trigger, linked where it has a page."""
    marks = []
    for entity in doc.entities:
        page = entity_pages.get(entity.id)
        href = page_link("entities", page) if page else None
        marks += [Mark(m.start, m.end, "entity", href, f"{entity.type}: {entity.name}") for m in entity.mentions]
    marks += [Mark(q.start, q.end, "quote", title=f"quote ({q.kind})") for q in doc.quotes]
    marks += [Mark(t.start, t.end, "timex", title=f"{t.type} {t.value or ''}") for t in doc.timexes]
    for event in doc.events:
        if event.trigger:
            page = event_pages.get(event.id)
            marks.append(Mark(event.trigger.start, event.trigger.end, "event",
                              page_link("events", page) if page else None, f"{event.type} ({event.modality})"))
    return marks


# -- search, dyad, stories ----------------------------------------------------------------------

def search_view(store: Store, query: str) -> dict[str, Any]:
    corpus = Corpus(store)
    if not query.strip():
        return {"query": query, "entities": [], "documents": [], "quotes": []}
    found = corpus.search(query)
    return {"query": query, "entities": corpus.find_entities(query)[:20], **found}


def dyad_view(store: Store, a: str, b: str) -> dict[str, Any]:
    corpus = Corpus(store)
    if not (a and b):
        return {"a_query": a, "b_query": b, "dyad": None, "problem": None}
    try:
        dyad = corpus.dyad_of(_entity(corpus, a), _entity(corpus, b))
    except NotFound as error:
        return {"a_query": a, "b_query": b, "dyad": None, "problem": str(error)}
    for event in dyad["events"]:
        event["label"] = event_label(event)
    chart = {"months": [m["month"] for m in dyad["by_month"]],
             "series": [{"quad": q, "counts": [m[q] for m in dyad["by_month"]]} for q in QUAD_CLASSES]}
    return {"a_query": a, "b_query": b, "dyad": dyad, "chart": chart, "problem": None}


def _entity(corpus: Corpus, value: str) -> dict[str, Any]:
    """The canonical entity with this id, else the one best known by this name."""
    try:
        return corpus.entity_by_id(value)
    except NotFound:
        return corpus.resolve_name(value)


def stories_view(store: Store) -> dict[str, Any]:
    docs = store.read.documents(by_published=True)
    stories = []
    for story in sorted(store.read.stories(), key=lambda s: (s["last_published"] or "", s["id"]), reverse=True):
        members = [{**d, "label": document_label(d)} for d in docs if d["story_id"] == story["id"]]
        stories.append({**story, "documents": members})
    return {"stories": stories}


def quad_of(event_type: str) -> str:
    return QUAD.get(event_type, "other")

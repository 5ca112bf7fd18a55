"""Collecting a briefing from the store (:func:`build_briefing`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from ..model import SCHEDULED_MODALITIES, Modality
from ..query import QUAD, QUAD_CLASSES
from ..resolve.events import status_as_of, value_interval
from ..store import Store
from .model import ActorLine, Briefing, Citation, DyadLine, EventLine, QuoteLine, StoryGroup
from .words import plain_words

ACTOR_TYPES = ("PERSON", "ORG")
LEFT_OUT = {Modality.HYPOTHETICAL}  # "could meet": not news of the period
QUOTES_PER_SPEAKER = 3
TOP_SPEAKERS = 5
TOP_ACTORS = 8
TOP_DYADS = 8


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])


def period(since: str | None = None, until: str | None = None, last: str | None = None,
           today: dt.date | None = None) -> tuple[str, str]:
    """(since, until) as YYYY-MM-DD from ``--since``/``--until`` (YYYY, YYYY-MM or a day) or
    ``--last 7d`` / ``2w`` (ending ``until`` or today)."""
    until_span, since_span = value_interval(until), value_interval(since)
    end = until_span[1] if until_span else (today or dt.date.today())
    unit = {"d": 1, "w": 7}.get(last[-1].lower()) if last else None
    if last and (unit is None or not last[:-1].isdigit()):
        raise ValueError(f"--last takes a number of days or weeks such as 7d or 2w, not {last!r}")
    try:
        if last and unit:
            start = end - dt.timedelta(days=int(last[:-1]) * unit - 1)
        elif since_span:
            start = since_span[0]
        else:
            start = end - dt.timedelta(days=6)
        _ = start - (end - start) - dt.timedelta(days=1)  # a brief compares with the period before
        _ = end + dt.timedelta(days=1)  # and looks ahead for what is planned after it
    except (OverflowError, ValueError):
        raise ValueError("the period, the one of the same length before it or the day after it is outside the "
                         "calendar (years 1-9999)") from None
    return start.isoformat(), end.isoformat()


def build_briefing(store: Store, since: str, until: str, entities: Iterable[str] = (),
                   story: str | None = None, base_url: str | None = None) -> Briefing:
    """The briefing for ``since..until`` (YYYY-MM-DD, inclusive), limited to events in which one
    of ``entities`` takes part and to one ``story`` when given."""
    names = list(entities)
    length = (_day(until) - _day(since)).days + 1
    prev_until = (_day(since) - dt.timedelta(days=1)).isoformat()
    prev_since = (_day(since) - dt.timedelta(days=length)).isoformat()
    b = Briefing(since=since, until=until, previous_since=prev_since, previous_until=prev_until,
                 entities=names, story=story)
    watched = {eid for n in names for eid in store.read.entity_ids_named(n)}
    docs = store.read.doc_ids_published(since, until)
    b.documents = len(docs)
    events = _period_events(store, since, until, docs, watched if names else None)
    reports = _reports(store, {e["id"] for e in events})
    doc_info = store.read.document_info({r["doc_id"] for rs in reports.values() for r in rs})
    people = store.read.entity_names({p for e in events for p in (*e["actors"], *e["recipients"])})
    lines = {e["id"]: _line(e, reports.get(e["id"], []), people, since, until, base_url) for e in events}
    story_of = {eid: doc_info.get(rs[0]["doc_id"], {}).get("story_id") for eid, rs in reports.items() if rs}
    if story:
        lines = {eid: ln for eid, ln in lines.items() if story_of.get(eid) == story}
    upcoming = {eid for eid, ln in lines.items()
                if ln.status in SCHEDULED_MODALITIES and (_ahead(ln, until) or not ln.date)}
    current = [ln for eid, ln in lines.items()
               if eid not in upcoming and (ln.status_changed or _recent(ln, prev_since))]
    b.stories = _by_story(store, current, story_of, since)
    b.status_changes = [ln for ln in current if ln.status_changed]
    b.upcoming = sorted((lines[eid] for eid in upcoming), key=lambda ln: (ln.date or "9999", ln.event_id))
    b.quotes = _quotes(store, since, until, watched)
    b.first_seen, b.rising, b.falling = _actors(store, since, until, prev_since, prev_until)
    b.dyads = _dyads(store, events, since, until, prev_since, prev_until, watched if names else None)
    return b


def _recent(line: EventLine, prev_since: str) -> bool:
    """Not background: undated, or dated no earlier than the previous period (a treaty of 2000 is no news)."""
    span = value_interval(line.date)
    return span is None or span[1].isoformat() >= prev_since


def _ahead(line: EventLine, until: str) -> bool:
    span = value_interval(line.date)
    return bool(span and span[1].isoformat() > until)


def _period_events(store: Store, since: str, until: str, docs: list[str], watched: set[str] | None) -> list[dict]:
    """Canonical events dated in the period, reported in it, or planned for after it (reported by then)."""
    by_date = store.read.canonical_events(since=since, until=until)
    reported = store.read.canonical_events_by_id(store.read.canonical_events_of_documents(docs))
    ahead = store.read.canonical_events(since=(_day(until) + dt.timedelta(days=1)).isoformat(),
                                        statuses=SCHEDULED_MODALITIES)
    found: dict[str, dict] = {}
    for e in (*by_date, *reported, *ahead):
        if e["modality"] in LEFT_OUT or status_as_of(e["history"], until) is None:
            continue
        if watched is not None and not (set(e["actors"]) | set(e["recipients"])) & watched:
            continue
        found[e["id"]] = e
    return sorted(found.values(), key=lambda e: (e["sort_date"] or "9999", e["id"]))


def _reports(store: Store, ids: set[str]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for r in store.read.event_reports(ids) if ids else []:
        out[r["canonical_id"]].append(r)
    return out


def _line(e: dict, reports: list[dict], names: dict[str, str], since: str, until: str,
          base_url: str | None) -> EventLine:
    before = (_day(since) - dt.timedelta(days=1)).isoformat()
    upto = [r for r in reports if (r["published"] or "")[:10] <= until]
    cited = upto or reports
    source = next((r["source_text"] for r in cited if r["source_text"]), None)
    return EventLine(
        event_id=e["id"], date=e["date_value"], date_text=e["date_text"], sort_date=e["sort_date"],
        actors=[names.get(a, a) for a in e["actors"]], recipients=[names.get(r, r) for r in e["recipients"]],
        type=e["type"], mode=e["mode"], words=plain_words(e["type"], e["mode"], bool(e["recipients"])),
        quad=QUAD.get(e["type"]),
        modality=cited[-1]["modality"] if cited else e["modality"],
        status=status_as_of(e["history"], until, e["date_value"]) or e["status"],
        status_before=status_as_of(e["history"], before, e["date_value"]), source=source,
        citations=[Citation(r["doc_id"], r["title"], r["published"],
                            (r["sentence"] or r["trigger"] or {}).get("text"), r["modality"]) for r in cited[:3]],
        url=f"{base_url.rstrip('/')}/events/{e['id']}" if base_url else None,
    )


def _by_story(store: Store, lines: list[EventLine], story_of: dict[str, Any], since: str) -> list[StoryGroup]:
    """New events (first reported in the period) and status changes, by story, in date order."""
    groups: dict[str | None, list[EventLine]] = defaultdict(list)
    for ln in lines:
        if ln.status_before is None or ln.status_changed:
            groups[story_of.get(ln.event_id)].append(ln)
    titles = store.read.story_titles([s for s in groups if s])
    out = [StoryGroup(s, titles.get(s) if s else None, sorted(evs, key=lambda x: (x.sort_date or "9999", x.event_id)))
           for s, evs in groups.items()]
    return sorted(out, key=lambda g: (-len(g.events), g.events[0].sort_date or "9999"))


def _quotes(store: Store, since: str, until: str, watched: set[str]) -> list[QuoteLine]:
    """Quotes of the period by the entities asked for, or by the most-reported speakers."""
    quotes = [q for q in store.read.quotes_in(since=since, until=until) if q["speaker"]]
    if watched:
        speakers = watched
    else:
        counts = Counter(q["speaker"] for q in quotes)
        kinds = {e["id"]: e["type"] for e in store.read.canonical_entities(counts)}
        speakers = {s for s, _ in Counter({s: n for s, n in counts.items() if kinds.get(s) == "PERSON"})
                    .most_common(TOP_SPEAKERS)}
    names = store.read.entity_names(speakers)
    chosen: list[QuoteLine] = []
    for speaker in sorted(speakers, key=lambda s: names.get(s, s)):
        theirs = sorted((q for q in quotes if q["speaker"] == speaker),
                        key=lambda q: (q["kind"] != "direct", -len(q["text"])))[:QUOTES_PER_SPEAKER]
        chosen += [QuoteLine(names.get(speaker, speaker), q["text"], q["kind"],
                             Citation(q["doc_id"], q["title"], q["published"], q["text"])) for q in theirs]
    return chosen


def _actors(store: Store, since: str, until: str, prev_since: str,
            prev_until: str) -> tuple[list[ActorLine], list[ActorLine], list[ActorLine]]:
    now = store.read.entity_document_counts(since, until)
    before = store.read.entity_document_counts(prev_since, prev_until)
    info = {e["id"]: e for e in store.read.canonical_entities(set(now) | set(before))}
    actors = [c for c in set(now) | set(before) if info.get(c, {}).get("type") in ACTOR_TYPES]
    first = store.read.entity_first_published([c for c in actors if c in now])

    def line(c: str) -> ActorLine:
        return ActorLine(c, info[c]["name"], info[c]["type"], now.get(c, 0), before.get(c, 0), first.get(c))
    first_seen = sorted((line(c) for c in first if (first[c] or "")[:10] >= since),
                        key=lambda a: (-a.documents, a.name))[:TOP_ACTORS]
    changes = sorted((line(c) for c in actors), key=lambda a: (a.previous - a.documents, a.name))
    rising = [a for a in changes if a.documents > a.previous and a.previous > 0][:TOP_ACTORS]
    falling = [a for a in reversed(changes) if a.documents < a.previous][:TOP_ACTORS]
    return first_seen, rising, falling


def _dyads(store: Store, events: list[dict], since: str, until: str, prev_since: str, prev_until: str,
           watched: set[str] | None) -> list[DyadLine]:
    previous = [e for e in store.read.canonical_events(since=prev_since, until=prev_until)
                if e["modality"] not in LEFT_OUT]
    current = [e for e in events if since <= (e["sort_date"] or "") <= until + "\uffff"]
    counts: dict[tuple[str, str], list[Counter]] = defaultdict(lambda: [Counter(), Counter()])
    for which, evs in ((0, current), (1, previous)):
        for e in evs:
            quad = QUAD.get(e["type"])
            if quad is None or e["modality"] not in (Modality.ASSERTED,):
                continue
            for pair in _pairs(e):
                if watched is None or set(pair) & watched:
                    counts[pair][which][quad] += 1
    top = sorted(counts, key=lambda p: (-sum(counts[p][0].values()), -sum(counts[p][1].values()), p))[:TOP_DYADS]
    names = store.read.entity_names({x for p in top for x in p})
    return [DyadLine(names.get(a, a), names.get(b, b), {q: counts[(a, b)][0][q] for q in QUAD_CLASSES},
                     {q: counts[(a, b)][1][q] for q in QUAD_CLASSES})
            for a, b in top if sum(counts[(a, b)][0].values())]


def _pairs(e: dict) -> set[tuple[str, str]]:
    """Unordered pairs of parties: each actor with each recipient, or actors among themselves."""
    actors, recipients = e["actors"], e["recipients"]
    if recipients:
        raw = {(a, r) for a in actors for r in recipients if a != r}
    else:
        raw = {(a, b) for i, a in enumerate(actors) for b in actors[i + 1:]}
    return {(a, b) if a < b else (b, a) for a, b in raw}

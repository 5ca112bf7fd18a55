"""The typed briefing: every line is built from stored facts and carries its citations."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Citation:
    doc_id: str
    title: str | None
    published: str | None
    sentence: str | None  # the sentence of the report, as stored
    modality: str | None = None  # how this article reported the event


@dataclass
class EventLine:
    event_id: str
    date: str | None  # the event's date value ("2024-01-16"), else None
    date_text: str | None  # how the article put it ("Tuesday")
    sort_date: str | None
    actors: list[str]
    recipients: list[str]
    type: str
    mode: str | None
    words: str  # the type in plain words ("met", "accused")
    quad: str | None
    modality: str  # how the latest report by the period's end put it
    status: str  # the status at the period's end
    status_before: str | None  # the status before the period (None: first reported in it)
    source: str | None  # who the report rests on ("Tass"), when the article names one
    citations: list[Citation] = field(default_factory=list)
    url: str | None = None  # the web app's event page, when a base URL was given

    @property
    def status_changed(self) -> bool:
        return self.status_before is not None and self.status_before != self.status


@dataclass
class StoryGroup:
    story_id: str | None
    title: str | None
    events: list[EventLine] = field(default_factory=list)


@dataclass
class QuoteLine:
    speaker: str
    text: str
    kind: str
    citation: Citation


@dataclass
class ActorLine:
    entity_id: str
    name: str
    type: str
    documents: int  # documents of the period naming it
    previous: int  # ... of the previous period of the same length
    first_published: str | None = None


@dataclass
class DyadLine:
    a: str
    b: str
    current: dict[str, int]  # PLOVER quad class -> events in the period
    previous: dict[str, int]  # ... in the previous period


@dataclass
class Briefing:
    since: str
    until: str
    previous_since: str
    previous_until: str
    entities: list[str] = field(default_factory=list)  # names asked for
    story: str | None = None
    stories: list[StoryGroup] = field(default_factory=list)  # new events and status changes
    status_changes: list[EventLine] = field(default_factory=list)
    quotes: list[QuoteLine] = field(default_factory=list)
    first_seen: list[ActorLine] = field(default_factory=list)
    rising: list[ActorLine] = field(default_factory=list)
    falling: list[ActorLine] = field(default_factory=list)
    dyads: list[DyadLine] = field(default_factory=list)
    upcoming: list[EventLine] = field(default_factory=list)
    documents: int = 0  # documents published in the period

"""Stage ``events``: who did what to whom, when and where, by whose account (issue 6).

For each sentence of the parsed document the stage finds triggers with the lexicon
(``data/lexicon.tsv``) and dependency patterns (:mod:`.triggers`), resolves actors and recipients
to entities (:mod:`.arguments`), reads the modality from the clause (:mod:`.modality`), attaches a
date, a place and a source (:mod:`.anchoring`), and writes PLOVER-coded :class:`Event` records to
``Document.events``. See README "## Events" for the coding rules and their limits.
"""

from __future__ import annotations

from ..config import Settings
from ..model import Document
from .coder import EventCoder, manual_type


class EventStage:
    """Pipeline stage ``events``."""

    name = "events"

    def __init__(self, settings: Settings):
        self.settings = settings
        self.coder = EventCoder()

    def __call__(self, doc: Document) -> Document:
        if doc.analysis is None:
            return doc
        doc.events = self.coder.code(doc)
        return doc


def make_stage(settings: Settings) -> EventStage:
    return EventStage(settings)


__all__ = ["EventStage", "EventCoder", "make_stage", "manual_type"]

"""Stage ``events``: who did what to whom, when and where, by whose account (issue 6).

For each sentence of the parsed document the stage finds triggers with the lexicon
(``data/lexicon.tsv``) and dependency patterns (:mod:`.triggers`), resolves actors and recipients
to entities (:mod:`.arguments`), reads the modality from the clause (:mod:`.modality`), attaches a
date, a place and a source (:mod:`.anchoring`), and writes PLOVER-coded :class:`Event` records to
``Document.events``. See README "## Events" for the coding rules and their limits.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..config import Settings
from ..model import Document
from ..pipeline import PipelineResources, register_stage, require_analysis
from .blend import SentenceTyper, blend, blend_answered, model_questions
from .coder import EventCoder, manual_type

if TYPE_CHECKING:
    from ..entities.kb import KnowledgeBase


class EventStage:
    """Pipeline stage ``events``; ``kb`` (the pipeline's knowledge base) tells a capital's state."""

    name = "events"

    def __init__(self, settings: Settings, kb: KnowledgeBase | None = None):
        self.settings = settings
        if kb is None:
            from ..entities.kb import kb_from_settings

            kb = kb_from_settings(settings)
        self.coder = EventCoder(kb=kb)
        self.typer = event_typer(settings)

    def __call__(self, doc: Document) -> Document:
        require_analysis(doc, self.name)
        doc.events = blend(doc, self.coder.code(doc), self.typer, self.coder)
        return doc

    def pipe(self, docs: Iterable[Document], batch_size: int = 16) -> Iterator[Document]:
        """The stage over a batch: the model encodes every document's questions in one call (its
        cache then answers them for each document)."""
        batch = list(docs)
        for doc in batch:
            require_analysis(doc, self.name)
        asking = self.typer is not None
        questions = [model_questions(doc, self.coder.code(doc), self.coder, asking=asking) for doc in batch]
        if self.typer is not None:
            self.typer([text for doc, asked in zip(batch, questions, strict=True) for text in asked.texts(doc)])
        for doc, asked in zip(batch, questions, strict=True):
            doc.events = blend_answered(doc, asked, self.typer, self.coder)
            yield doc


def event_typer(settings: Settings) -> SentenceTyper | None:
    """The learned model's sentence typer, or None for rules only (``event_model="off"`` or the
    ``ml`` extra not installed: see :func:`.model_typing.unavailable_reason`)."""
    if settings.event_model == "off":
        return None
    from . import model_typing

    typer = model_typing.shared_typer()
    return None if typer is None else typer.predict


@register_stage("events", requires=("analysis", "entities"),
                uses=("timexes", "quotes", "attributions", "published", "dateline"), assigns=("events",))
def make_event_stage(resources: PipelineResources) -> EventStage:
    return EventStage(resources.settings, resources.kb)


def make_stage(settings: Settings) -> EventStage:
    return EventStage(settings)


__all__ = ["EventStage", "EventCoder", "make_stage", "make_event_stage", "manual_type"]

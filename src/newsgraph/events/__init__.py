"""Stage ``events``: Who did what to whom: PLOVER events with modality and source (issue 6).

Placeholder until issue 6 lands: the stage passes documents through unchanged.
"""

from __future__ import annotations

from ..config import Settings
from ..model import Document


class _PassThrough:
    name = "events"

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        return doc


def make_stage(settings: Settings) -> _PassThrough:
    return _PassThrough(settings)

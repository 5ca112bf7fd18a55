"""Stage ``quotes``: Who said what: quotes and attributions with resolved speakers (issue 5).

Placeholder until issue 5 lands: the stage passes documents through unchanged.
"""

from __future__ import annotations

from ..config import Settings
from ..model import Document


class _PassThrough:
    name = "quotes"

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        return doc


def make_stage(settings: Settings) -> _PassThrough:
    return _PassThrough(settings)

"""Stage ``quotes``: who said what (issue 5).

Fills ``Document.quotes`` (direct, indirect and mixed quotes with the cue and
the speaker resolved to an entity of the entity layer) and
``Document.attributions`` (claims reported on someone's authority, used by the
events stage as ``events[].source``).  See ``extract.py`` for the steps and
``speakers.py`` for speaker resolution.
"""

from __future__ import annotations

import sys

from ..analysis import load_nlp
from ..config import Settings
from ..model import Document
from .extract import extract
from .marks import QuotedRegion, find_quoted_regions

__all__ = ["QuoteStage", "make_stage", "extract", "find_quoted_regions", "QuotedRegion"]


class QuoteStage:
    name = "quotes"

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        if not doc.text.strip():
            return doc
        if doc.analysis is None:  # run on its own (tests, tools): parse here
            doc.analysis = load_nlp(self.settings.spacy_model)(doc.text)
        try:
            doc.quotes, doc.attributions = extract(doc)
        except Exception as exc:  # one odd document must not stop the batch
            print(f"quotes: {doc.source.path or doc.doc_id}: skipped ({type(exc).__name__}: {exc})",
                  file=sys.stderr)
            doc.quotes, doc.attributions = [], []
        return doc


def make_stage(settings: Settings) -> QuoteStage:
    return QuoteStage(settings)

"""Stage ``quotes``: who said what (issue 5).

Fills ``Document.quotes`` (direct, indirect and mixed quotes with the cue and
the speaker resolved to an entity of the entity layer) and
``Document.attributions`` (claims reported on someone's authority, used by the
events stage as ``events[].source``).  See ``extract.py`` for the steps and
``speakers.py`` for speaker resolution.
"""

from __future__ import annotations

from ..config import Settings
from ..model import Document
from ..pipeline import PipelineResources, register_stage, require_analysis
from .extract import extract
from .marks import QuotedRegion, find_quoted_regions

__all__ = ["QuoteStage", "make_stage", "make_quote_stage", "extract", "find_quoted_regions", "QuotedRegion"]


class QuoteStage:
    name = "quotes"

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        if not doc.text.strip():
            return doc
        require_analysis(doc, self.name)
        doc.quotes, doc.attributions = extract(doc)
        return doc


@register_stage("quotes", requires=("analysis",), uses=("entities",), assigns=("quotes", "attributions"))
def make_quote_stage(resources: PipelineResources) -> QuoteStage:
    return QuoteStage(resources.settings)


def make_stage(settings: Settings) -> QuoteStage:
    return QuoteStage(settings)

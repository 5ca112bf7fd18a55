"""Fixtures for the events tests: parse once, build entities and timexes by hand.

The events stage is tested against the document model: entities and timexes are constructed here
(as the entities and timexes stages would produce them), so these tests do not depend on those
stages' progress.
"""

from __future__ import annotations

import re

import pytest

from newsgraph.model import Attribution, Document, Entity, Mention, Quote, Timex


def _occurrences(text: str, surface: str):
    for m in re.finditer(r"(?<![\w-])" + re.escape(surface) + r"(?![\w-])", text):
        yield m.start(), m.end()


@pytest.fixture(scope="session")
def nlp(settings):
    from newsgraph.analysis import load_nlp

    return load_nlp(settings.spacy_model)


@pytest.fixture(scope="session")
def coder():
    from newsgraph.events import EventCoder

    return EventCoder()


@pytest.fixture(scope="session")
def make_doc(nlp):
    """make_doc(text, entities=[(id, name, type, country, [surfaces])], timexes=[(surface, value)], ...)."""

    def build(text, entities=(), timexes=(), published="2024-01-17", attributions=(), quotes=(), dateline=None):
        doc = Document(doc_id="t", text=text, published=published, dateline=dateline)
        for ent_id, name, etype, country, surfaces in entities:
            mentions = []
            for surface in surfaces:
                mentions += [Mention(s, e, surface) for s, e in _occurrences(text, surface)]
            mentions.sort(key=lambda m: m.start)
            doc.entities.append(Entity(ent_id, name, etype, country=country, mentions=mentions))
        for surface, value in timexes:
            for s, e in _occurrences(text, surface):
                doc.timexes.append(Timex(s, e, surface, "DATE", value))
        doc.timexes.sort(key=lambda t: t.start)
        for claim, source, source_text in attributions:
            s = text.index(claim)
            doc.attributions.append(Attribution(s, s + len(claim), source, source_text))
        for quoted, speaker in quotes:
            s = text.index(quoted)
            doc.quotes.append(Quote(s, s + len(quoted), quoted, "direct", speaker=speaker))
        doc.analysis = nlp(text)
        return doc

    return build


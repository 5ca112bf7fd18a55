"""Fixtures for the timex tests: one spaCy model per session, a helper to run the stage."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp(settings):
    from newsgraph.analysis import load_nlp

    return load_nlp(settings.spacy_model)


@pytest.fixture(scope="session")
def tag(nlp):
    """``tag(text, dct)`` -> {timex text: timex} (first occurrence of each text)."""
    from newsgraph.timexes import extract_timexes

    def run(text: str, dct: str | None, parse: bool = True):
        found = {}
        for t in extract_timexes(text, dct, nlp(text) if parse else None):
            found.setdefault(t.text, t)
        return found
    return run

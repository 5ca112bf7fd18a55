"""SIGKILL ``newsgraph ingest`` at random moments, store creation included: the store stays intact
(``Store.check_integrity``), holds no half document, and the same ingest run again completes it."""

from __future__ import annotations

import random

import pytest

from kill_trials import run_trial, write_corpus

DOCUMENTS = 6
RNG = random.Random(11)
# (seconds after the moment, whether the moment is the store file appearing); fixed seed
TRIALS = [(RNG.uniform(0.0, 0.035), True), (RNG.uniform(0.0, 0.035), True),
          (RNG.uniform(2.0, 6.0), False)]


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("kill") / "in", DOCUMENTS)


@pytest.mark.parametrize("delay,at_creation", TRIALS, ids=[f"{d:.3f}s-{'creation' if c else 'start'}"
                                                           for d, c in TRIALS])
def test_killed_ingest_leaves_an_intact_store_that_resumes(articles, tmp_path, delay, at_creation):
    result = run_trial(articles, tmp_path / "store.sqlite", delay, at_creation, DOCUMENTS)
    assert result.integrity_problems == []
    assert result.half_documents == 0
    assert result.resumed_clean

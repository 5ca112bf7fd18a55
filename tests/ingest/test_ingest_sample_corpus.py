"""The shipped sample corpus (txt, html, jsonl) ingests completely with its metadata."""

import re
from pathlib import Path

import pytest

import newsgraph
from newsgraph.ingest import IngestError, read_inputs
from newsgraph.ingest.boilerplate import boilerplate_rule

CORPUS = Path(newsgraph.__file__).parent / "sample_corpus"


@pytest.fixture(scope="module")
def corpus_docs():
    if not any(CORPUS.glob("*.txt")):
        pytest.skip("sample corpus not present")
    return list(read_inputs([str(CORPUS)]))


def test_every_form_ingests_without_error(corpus_docs):
    errors = [i for i in corpus_docs if isinstance(i, IngestError)]
    assert not errors, errors
    kinds = {Path(d.source.path).suffix for d in corpus_docs}
    assert {".txt", ".html", ".jsonl"} <= kinds
    assert len(corpus_docs) >= 8


def test_metadata_found_for_every_article(corpus_docs):
    for doc in corpus_docs:
        assert doc.title and doc.authors and doc.published and doc.dateline, doc.source.path
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.published)
        assert doc.text.startswith(doc.dateline.text)
        assert doc.source.publisher != "Published"


def test_no_furniture_left(corpus_docs):
    for doc in corpus_docs:
        for para in doc.text.split("\n\n"):
            assert boilerplate_rule(para) is None, (doc.source.path, para)
        assert not re.search(r"Copyright|©|Sign up|Subscribe|Privacy policy|^By ", doc.text, re.M), doc.source.path

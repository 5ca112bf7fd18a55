"""The two seed articles (read from ../shared/seeds, never copied) ingest with their metadata."""

import re

import pytest

from conftest import SEED_CHOE_VISIT, SEED_SUMMIT_PREVIEW, seed_path
from newsgraph.ingest import IngestError, read_inputs

LEFTOVER_PATTERNS = [
    r"comment policy", r"Click to", r"Click here", r"Copyright", r"©", r"reprint",
    r"can be reached at", r"@washingtontimes\.com", r"newsletter", r"View Comments",
    r"^- The Washington Times -",
]


def _read(path, **kwargs):
    items = list(read_inputs([str(seed_path(path))], **kwargs))
    assert len(items) == 1 and not isinstance(items[0], IngestError), items
    return items[0]


@pytest.mark.parametrize("seed", [SEED_SUMMIT_PREVIEW, SEED_CHOE_VISIT], ids=["003", "000"])
def test_seed_metadata_and_dateline(seed):
    doc = _read(seed)
    assert doc.authors == ["Andrew Salmon"]
    assert doc.source.publisher == "The Washington Times"
    assert doc.source.path == str(seed)
    assert doc.dateline.text == "SEOUL, South Korea"
    assert doc.dateline.place == "Seoul"
    assert doc.text[doc.dateline.start:doc.dateline.end] == "SEOUL, South Korea"
    assert doc.text.startswith("SEOUL, South Korea")


@pytest.mark.parametrize("seed", [SEED_SUMMIT_PREVIEW, SEED_CHOE_VISIT], ids=["003", "000"])
def test_seed_has_no_boilerplate_left(seed):
    doc = _read(seed)
    for pattern in LEFTOVER_PATTERNS:
        assert not re.search(pattern, doc.text, re.IGNORECASE | re.MULTILINE), pattern
    assert "\n\n\n" not in doc.text and doc.text == doc.text.strip()


def test_seed_dates():
    assert _read(SEED_SUMMIT_PREVIEW).published == "2023-09-11"
    assert _read(SEED_CHOE_VISIT).published is None
    assert _read(SEED_CHOE_VISIT, published="2024-01-17").published == "2024-01-17"


def test_seed_headings_recorded_with_offsets():
    summit = _read(SEED_SUMMIT_PREVIEW)
    assert [h.text for h in summit.headings] == ["Russian overtures"]
    choe = _read(SEED_CHOE_VISIT)
    assert [h.text for h in choe.headings] == ["Lengthy agenda"]
    for doc in (summit, choe):
        for h in doc.headings:
            assert doc.text[h.start:h.end] == h.text
            assert doc.text[h.start - 2:h.start] == "\n\n" and doc.text[h.end:h.end + 2] == "\n\n"


def test_seed_paragraphs_joined_by_blank_lines():
    doc = _read(SEED_CHOE_VISIT)  # one paragraph per line in the file
    assert doc.text.count("\n\n") >= 20
    assert "\n" not in doc.text.replace("\n\n", "")
    assert doc.title is None  # the first line is the dateline paragraph, not a headline


def test_seed_id_is_stable_hash_or_given():
    a, b = _read(SEED_SUMMIT_PREVIEW), _read(SEED_SUMMIT_PREVIEW)
    assert a.doc_id == b.doc_id and len(a.doc_id) == 16
    assert _read(SEED_SUMMIT_PREVIEW, doc_id="summit").doc_id == "summit"

"""Every document `newsgraph extract` prints keeps to shared/CONTRACT.md section 1.

These checks hold whatever the stages find: vocabularies, offsets that slice
the cleaned text to the stated string, and ids that point at real entities.
"""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from conftest import SEED_CHOE_VISIT, SEED_SUMMIT_PREVIEW, seed_path
from newsgraph.cli import app
from newsgraph.model import (
    ENTITY_TYPES,
    MODALITIES,
    PLOVER_TYPES,
    QUOTE_KINDS,
    RELATION_PREDICATES,
    SECTORS,
    TIMEX_TYPES,
)

TIMEX_VALUE = re.compile(
    r"^(PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|P(\d+(\.\d+)?[YMWDHS]|T[\dHMS.]+|X+[YMWDHS])+"
    r"|PT[\d.]+[HMS]"
    r"|(\d{4}|\d{3}X|\d{2}XX|XXXX)(-(\d{2}|W\d{2}|WXX|XX|SP|SU|FA|WI|Q\d|H\d))?"
    r"(-(\d{2}|WE|\d|XX))?(T[\d:]+|T(MO|AF|EV|NI|DT))?"
    r"|\d{4}-\d{2}-\d{2}T\d{2}(:\d{2}){0,2}"
    r"|\d{2,3}"  # decade / century
    r")$"
)


def _extract(*args: str) -> list[dict]:
    result = CliRunner().invoke(app, ["extract", *args, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def _check_span(text: str, start: int, end: int, expected: str | None = None) -> None:
    assert 0 <= start <= end <= len(text), (start, end, len(text))
    if expected is not None:
        assert text[start:end] == expected, (text[start:end], expected)


def check_document(doc: dict) -> None:
    text = doc["text"]
    assert isinstance(doc["doc_id"], str) and doc["doc_id"]
    assert set(doc["source"]) >= {"path", "url", "publisher"}
    if doc["published"] is not None:
        assert re.match(r"^\d{4}-\d{2}-\d{2}", doc["published"])
    ids = {e["id"] for e in doc["entities"]}
    assert len(ids) == len(doc["entities"]), "entity ids are unique"
    for ent in doc["entities"]:
        assert ent["type"] in ENTITY_TYPES, ent
        assert ent["sector"] in SECTORS + (None,), ent
        assert ent["country"] is None or re.fullmatch(r"[A-Z]{3}", ent["country"]), ent
        assert set(ent["affiliations"]) <= ids, ent
        assert ent["mentions"], ent
        for m in ent["mentions"]:
            _check_span(text, m["start"], m["end"], m["text"])
    for t in doc["timexes"]:
        _check_span(text, t["start"], t["end"], t["text"])
        assert t["type"] in TIMEX_TYPES, t
        assert t["value"] is None or TIMEX_VALUE.match(t["value"]), t
    for q in doc["quotes"]:
        _check_span(text, q["start"], q["end"], q["text"])
        assert q["kind"] in QUOTE_KINDS, q
        assert q["speaker"] is None or q["speaker"] in ids, q
        if q["speaker"] is not None:
            assert q["speaker_text"], "a resolved speaker keeps the words that named it"
        # speaker and speaker_text both null: a quotation whose speaker the text does not give
    event_ids = set()
    for ev in doc["events"]:
        assert ev["id"] not in event_ids
        event_ids.add(ev["id"])
        assert ev["type"] in PLOVER_TYPES, ev
        assert ev["modality"] in MODALITIES, ev
        assert set(ev["actors"]) <= ids and set(ev["recipients"]) <= ids, ev
        assert ev["location"] is None or ev["location"] in ids, ev
        assert ev["source"] is None or ev["source"] in ids, ev
        _check_span(text, ev["trigger"]["start"], ev["trigger"]["end"], ev["trigger"]["text"])
        sent = ev["sentence"]
        _check_span(text, sent["start"], sent["end"])
        assert sent["start"] <= ev["trigger"]["start"] and ev["trigger"]["end"] <= sent["end"]
    for rel in doc["relations"]:
        assert rel["predicate"] in RELATION_PREDICATES, rel
        assert rel["subject"] in ids, rel
        if rel["predicate"] != "title":
            assert rel["object"] in ids, rel
        _check_span(text, rel["start"], rel["end"])


@pytest.mark.parametrize("seed,published", [(SEED_SUMMIT_PREVIEW, "2023-09-11"), (SEED_CHOE_VISIT, "2024-01-17")])
def test_seed_output_keeps_to_the_contract(seed, published):
    (doc,) = _extract(str(seed_path(seed)), "--published", published)
    check_document(doc)
    assert doc["published"] == published


def test_given_id_is_used(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Officials in Seoul said on Monday that talks would resume.\n", encoding="utf-8")
    (doc,) = _extract(str(path), "--id", "story-1")
    assert doc["doc_id"] == "story-1"
    check_document(doc)

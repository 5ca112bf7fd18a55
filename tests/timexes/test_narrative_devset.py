"""The narrative time dev set (benchmarks/devsets/time_narrative.jsonl, issue 14) is well-formed.

These tests check the data only; the system's accuracy on it is reported by
``benchmarks/bench_time_narrative.py`` and is not asserted here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest

DEVSET = Path(__file__).resolve().parents[2] / "benchmarks" / "devsets" / "time_narrative.jsonl"
KINDS = {"news_anchor", "narrative_anchor", "relative_narrative", "historical_year", "bc_ad", "decade",
         "century", "season", "range", "anchored_offset", "unanchored_offset", "granularity"}
TYPES = {"DATE", "TIME", "DURATION", "SET"}
MODS = {"START", "MID", "END", "APPROX", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN",
        "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE"}
# TIMEX3 values used in the set: calendar dates (BC years as BC0044), weeks, seasons, decades,
# centuries, and durations.
VALUE = re.compile(r"(?:BC)?\d{2,4}(?:-(?:\d\d(?:-\d\d)?|W\d\d|SP|SU|FA|WI))?|P(?:\d+|X)[YMWD]")
ABBREVIATION = re.compile(r"\b(?:Mr|Ms|Mrs|Dr|No|St|Gen|Sen)\.$")


def _rows() -> list[dict]:
    return [json.loads(line) for line in DEVSET.read_text(encoding="utf-8").splitlines()]


ROWS = _rows()


def _sentences(text: str) -> int:
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s+[A-Z\"“]|\s*$)", text)]
    return sum(1 for end in ends if not ABBREVIATION.search(text[:end]))


def test_every_line_is_a_json_record():
    lines = DEVSET.read_text(encoding="utf-8").splitlines()
    assert lines and all(line.strip() for line in lines)
    assert len(ROWS) == len(lines)


def test_ids_are_unique_and_numbered():
    ids = [r["id"] for r in ROWS]
    assert len(set(ids)) == len(ids)
    assert ids == [f"tn-{i:03d}" for i in range(1, len(ids) + 1)]
    texts = [r["text"] for r in ROWS]
    assert len(set(texts)) == len(texts), "duplicate paragraphs"


def test_size_at_least_ninety_sentences_in_short_paragraphs():
    counts = [_sentences(r["text"]) for r in ROWS]
    assert sum(counts) >= 90
    assert all(1 <= n <= 4 for n in counts), [r["id"] for r, n in zip(ROWS, counts, strict=True) if not 1 <= n <= 4]


def test_every_kind_has_at_least_six_items():
    kinds = Counter(t["kind"] for r in ROWS for t in r["timexes"])
    assert set(kinds) == KINDS
    assert all(n >= 6 for n in kinds.values()), kinds
    assert sum(len(r["non_timex"]) for r in ROWS) >= 6


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["id"])
def test_record_fields_and_offsets(row):
    assert set(row) <= {"id", "published", "text", "timexes", "non_timex", "notes"}
    dt.date.fromisoformat(row["published"])
    text = row["text"]
    for t in row["timexes"]:
        assert text[t["start"]:t["end"]] == t["text"]
        assert t["text"] == t["text"].strip()
        assert t["type"] in TYPES and t["kind"] in KINDS
        assert VALUE.fullmatch(t["value"]), t["value"]
        assert (t["type"] == "DURATION") == t["value"].startswith("P")
        assert t.get("mod", "START") in MODS
    for n in row["non_timex"]:
        assert text[n["start"]:n["end"]] == n["text"]
    spans = sorted((s["start"], s["end"]) for s in row["timexes"] + row["non_timex"])
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False)), "spans overlap"

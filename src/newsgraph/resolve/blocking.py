"""Blocking keys kept in the store (``resolution_keys``) so that incremental resolution finds, for
a batch's new facts, the only canonical records they could join, without reading the rest.

* entities: ``kb:QID``; ``n:FAMILY|namekey`` (the normalised name within a type family); for
  people ``p:WORDS``, the name's own words and every first/last run of them (partial names meet
  the full names they are part of);
* events: ``TYPE|PARTY|MONTH`` and ``TYPE|~LEMMA|MONTH`` for every month the event's (or the
  cluster's) time interval touches, ``*`` for the month when no interval is known;
* documents: ``BAND|HEX``, the MinHash LSH bands of its signature.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np

from ..store.keys import name_key, tokens
from .entities import EntityInput, family
from .events import TOLERANCE, EventInput, Interval, verb_stem
from .stories import BANDS, ROWS

ANY_MONTH = "*"


def entity_keys(item: EntityInput) -> set[str]:
    keys = set()
    if item.kb_id:
        keys.add(f"kb:{item.kb_id}")
    key = name_key(item.name, item.type)
    if key:
        keys.add(f"n:{family(item.type)}|{key}")
    if item.type == "PERSON":
        words = tokens(item.name, "PERSON")
        keys.add("p:" + " ".join(words))
        for n in range(1, len(words)):
            keys.add("p:" + " ".join(words[:n]))
            keys.add("p:" + " ".join(words[-n:]))
    return keys


def months(span: Interval | None) -> list[str]:
    """The months (YYYY-MM) an interval touches, widened by the merge tolerance."""
    if span is None:
        return [ANY_MONTH]
    first, last = span[0] - TOLERANCE, span[1] + TOLERANCE
    out, year, month = [], first.year, first.month
    while dt.date(year, month, 1) <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def event_stems(event: EventInput) -> list[str]:
    """TYPE|PARTY and TYPE|~LEMMA: what an event shares with the clusters it could join."""
    stems = [f"{event.type}|{p}" for p in sorted(event.participants)]
    if event.lemma:
        stems.append(f"{event.type}|~{verb_stem(event.lemma)}")
    return stems


def event_keys(stems: Iterable[str], span: Interval | None) -> set[str]:
    return {f"{stem}|{m}" for stem in stems for m in months(span)}


def event_lookup(event: EventInput, span: Interval | None) -> tuple[set[str], set[str]]:
    """(keys, prefixes) to look up the clusters a new event could join: its own months plus the
    clusters of unknown time; an event of unknown time meets every month (prefix lookup)."""
    stems = event_stems(event)
    if span is None:
        return set(), {f"{stem}|" for stem in stems}
    return event_keys(stems, span) | {f"{stem}|{ANY_MONTH}" for stem in stems}, set()


def band_keys(signature: bytes | None) -> set[str]:
    if not signature:
        return set()
    sig = np.frombuffer(signature, dtype=np.uint64)
    return {f"{b}|{sig[b * ROWS:(b + 1) * ROWS].tobytes().hex()}" for b in range(BANDS)}

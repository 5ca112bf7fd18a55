"""Blocking keys kept in the store (``resolution_keys``) so that incremental resolution finds, for
a batch's new facts, the only canonical records they could join, without reading the rest.

* entities: ``kb:QID``; ``n:FAMILY|namekey`` (the normalised name within a type family); for
  people ``w:WORDS`` (the whole name, up to three words) and ``e:WORDS`` (every first or last run
  of words of a longer name): a partial name meets the full names it is part of, so a new
  entity looks its whole name up among the ``e:`` keys and its runs among the ``w:`` keys;
* events: ``TYPE|PARTY|WHEN`` where WHEN is every ISO week (``2023-W37``) a cluster's time
  interval touches when it is short (up to ``SHORT`` days), every month (``M2023-09``) when it is
  longer (a plan "within the year"), ``*`` when no interval is known — a new event looks up
  the weeks and the months of its own interval; and the trigger lemma, which only joins
  where one side names no participant: ``TYPE|~*LEMMA|WEEK`` for every cluster (looked up by
  events naming none) and ``TYPE|~0LEMMA|WEEK`` for clusters naming none (looked up by the rest);
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


def entity_keys(item: EntityInput, lookup: bool = False) -> set[str]:
    """The keys a canonical entity is stored under (its members'), or with ``lookup`` the keys a
    new entity looks up (``w:`` and ``e:`` swapped: whole names meet runs of longer names)."""
    whole, runs = ("e:", "w:") if lookup else ("w:", "e:")
    keys = set()
    if item.kb_id:
        keys.add(f"kb:{item.kb_id}")
    key = name_key(item.name, item.type)
    if key:
        keys.add(f"n:{family(item.type)}|{key}")
    if item.type == "PERSON":
        words = tokens(item.name, "PERSON")
        if 0 < len(words) <= 3:
            keys.add(whole + " ".join(words))
        for n in range(1, len(words)):
            keys.add(runs + " ".join(words[:n]))
            keys.add(runs + " ".join(words[-n:]))
    return keys


SHORT = 62  # days: clusters with a longer interval are keyed by month, not by week


def months(span: Interval | None, lookup: bool = False) -> list[str]:
    """The time buckets a cluster's interval is stored under (weeks when short, months when
    long), or with ``lookup`` those an event looks up (both), widened by the merge tolerance."""
    if span is None:
        return [ANY_MONTH]
    first, last = span[0] - TOLERANCE, span[1] + TOLERANCE
    short = (span[1] - span[0]).days <= SHORT
    out = []
    if lookup or short:
        day = first - dt.timedelta(days=first.weekday())
        while day <= last:
            year, week, _ = day.isocalendar()
            out.append(f"{year:04d}-W{week:02d}")
            day += dt.timedelta(days=7)
    if lookup or not short:
        year, month = first.year, first.month
        while dt.date(year, month, 1) <= last:
            out.append(f"M{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def event_stems(event: EventInput, lookup: bool = False, bare: bool = False) -> list[str]:
    """The stems (TYPE|PARTY, TYPE|~*LEMMA, TYPE|~0LEMMA) a cluster is stored under (its members',
    ``bare`` when it names no participant), or with ``lookup`` those a new event looks up."""
    stems = [f"{event.type}|{p}" for p in sorted(event.participants)]
    if event.lemma:
        lemma = verb_stem(event.lemma)
        if lookup:
            stems.append(f"{event.type}|~0{lemma}" if event.participants else f"{event.type}|~*{lemma}")
        else:
            stems.append(f"{event.type}|~*{lemma}")
            if bare:
                stems.append(f"{event.type}|~0{lemma}")
    return stems


def event_keys(stems: Iterable[str], span: Interval | None, lookup: bool = False) -> set[str]:
    return {f"{stem}|{m}" for stem in stems for m in months(span, lookup)}


def event_lookup(event: EventInput, span: Interval | None) -> tuple[set[str], set[str]]:
    """(keys, prefixes) to look up the clusters a new event could join: its own months plus the
    clusters of unknown time; an event of unknown time meets every month (prefix lookup)."""
    stems = event_stems(event, lookup=True)
    if span is None:
        return set(), {f"{stem}|" for stem in stems}
    return event_keys(stems, span, lookup=True) | {f"{stem}|{ANY_MONTH}" for stem in stems}, set()


def band_keys(signature: bytes | None) -> set[str]:
    if not signature:
        return set()
    sig = np.frombuffer(signature, dtype=np.uint64)
    return {f"{b}|{sig[b * ROWS:(b + 1) * ROWS].tobytes().hex()}" for b in range(BANDS)}

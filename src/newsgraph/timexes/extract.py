"""Find the time expressions of a text and resolve them, left to right.

1. Every rule in :mod:`.rules` proposes spans; the longest non-overlapping ones win
   (on a tie, the rule listed first).
2. Each span is normalised in text order with a :class:`~.rules.Context`: the DCT,
   the tense of its governing verb (:mod:`.tense`) and the reference time (the last
   calendar value resolved before it, for "two months later" and "that day").
3. Weekday consistency: within one article a weekday name nearly always names one day.
   A past-tense "arrived Tuesday" that the tense rule sends six days back, while
   another mention of the same weekday is read forward to the day after the DCT
   ("could meet as soon as Tuesday"), takes that forward date: the story was updated
   after its publication stamp.  Such timexes get the rule ``...weekday.document``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..model import Timex
from .calendar import RANK, Point, parse_dct, parse_value
from .rules import RULES, Context, Reading, Rule, prev_word
from .tense import past_perfect_at, tense_at

# Switch for the weekday consistency pass (benchmarks compare with and without it).
WEEKDAY_CONSISTENCY = True

# Mods that make a value a bound rather than the time itself: never a reference time.
BOUND_MODS = {"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "APPROX"}
# A time expression right after one of these words is a bound of something else, not the time it
# talks about: "his first visit since July 2000" happened after July 2000, "talks until Friday" run
# up to Friday. Such a timex neither dates an event nor becomes the reference time.
BOUND_WORDS = frozenset({"since", "until", "till", "before", "after", "prior"})


def bound_word(text: str, start: int) -> str | None:
    """The bound word ("since", "until", ...) right before the timex starting at ``start``, if any."""
    word = prev_word(text, start)
    return word if word in BOUND_WORDS else None


@dataclass
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match


def detect(text: str) -> list[Candidate]:
    """All rule matches, reduced to the longest non-overlapping spans."""
    found: list[tuple[int, int, tuple[int, int], Candidate]] = []
    for order, rule in enumerate(RULES):
        for m in rule.pattern.finditer(text):
            if rule.guard is not None and not rule.guard(m, text):
                continue
            start, end = m.span("t") if "t" in rule.pattern.groupindex and m.group("t") else m.span()
            if end > start and not _quoted_title(text, start, end):
                found.append((start, end, (rule.priority, order), Candidate(start, end, rule, m)))
    found.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[Candidate] = []
    for start, end, _, cand in found:
        if all(end <= t.start or start >= t.end for t in taken):
            taken.append(cand)
    taken.sort(key=lambda c: c.start)
    return taken


OPENING_QUOTES = ('"', "“", "``", "''", "‘")


def _quoted_title(text: str, start: int, end: int) -> bool:
    """A capitalised phrase right after an opening quote names a show or a film ("This Week,"
    ''60 Minutes''), not a time."""
    words = text[start:end].split()
    return len(words) >= 2 and all(w[0].isupper() or w[0].isdigit() for w in words) \
        and text[max(0, start - 2):start].endswith(OPENING_QUOTES)


def extract_timexes(text: str, published: str | None = None, analysis: Any = None) -> list[Timex]:
    """The time expressions of ``text`` resolved against the DCT ``published`` (ISO string).

    Without a DCT, values that need it are left ``None`` (unresolved), never guessed.
    """
    dct = parse_dct(published)
    candidates = detect(text)
    tenses = [tense_at(analysis, c.start, c.end) if c.rule.needs_tense else None for c in candidates]
    perfects = [c.rule.needs_tense and tenses[i] == "past" and past_perfect_at(analysis, c.start, c.end)
                for i, c in enumerate(candidates)]
    info = (tenses, perfects, _sentence_starts(analysis))
    readings = _resolve_all(text, candidates, info, dct, overrides={})
    overrides = _weekday_consistency(candidates, readings, dct) if dct and WEEKDAY_CONSISTENCY else {}
    if overrides:
        readings = _resolve_all(text, candidates, info, dct, overrides)
    timexes: list[Timex] = []
    for i, (cand, reading) in enumerate(zip(candidates, readings, strict=True)):
        if reading is None:
            continue
        rule_name = "timexes." + cand.rule.name + (".document" if i in overrides else "")
        timexes.append(Timex(start=cand.start, end=cand.end, text=text[cand.start:cand.end],
                             type=reading.type, value=reading.value, anchor=reading.anchor,
                             mod=reading.mod, rule=rule_name))
    return _renumber_anchors(timexes, candidates, readings)


def paragraph_start(text: str, offset: int) -> int:
    """Where the paragraph (the line) holding ``offset`` starts."""
    return text.rfind("\n", 0, offset) + 1


# A date after these words bounds something else ("since 1990") or names a thing ("the 1987
# level", "the August 1988 cease-fire"): it does not move the story there.
NON_NARRATIVE_LEAD_INS = {"since", "until", "till", "through", "before", "after", "by", "the", "a", "an", "its",
                          "their", "his", "her", "to"}
# How far a narrative reference time carries: its own sentence and the next one.
NARRATIVE_SENTENCES = 1


def narrative_reference(point: Point, dct: dt.date | None) -> bool:
    """Rule "narrative": a resolved calendar value starts a narrative stretch when it has a year
    (a day, month, season... or year, not a decade or century) that is earlier than the DCT's
    year; without a DCT any dated value does."""
    return RANK[point.gran] <= RANK["year"] and (dct is None or point.date.year < dct.year)


def _sentence_starts(analysis: Any) -> list[int]:
    """Start offsets of the parse's sentences (empty without a parse: then every line counts as
    one sentence)."""
    if analysis is None or not analysis.has_annotation("SENT_START"):
        return []
    return [sent.start_char for sent in analysis.sents]


@dataclass
class _State:
    """What the left-to-right pass has reached: the reference time and the narrative one."""

    reference: Point | None = None
    label: str | None = None
    end: int | None = None  # where the timex that started the reference chain ends
    bc: int | None = None
    from_dct: bool = False  # the reference was reached from the DCT ("last year", "a year ago")
    narrative: Point | None = None
    narrative_label: str | None = None
    narrative_sentence: int = 0
    paragraph: int = -1


def _resolve_all(text, candidates, info, dct, overrides) -> list[Reading | None]:
    tenses, perfects, sentence_starts = info
    readings: list[Reading | None] = []
    state = _State()
    for i, cand in enumerate(candidates):
        paragraph = paragraph_start(text, cand.start)
        sentence = bisect.bisect_right(sentence_starts, cand.start)
        if paragraph != state.paragraph or sentence - state.narrative_sentence > NARRATIVE_SENTENCES:
            # The narrative reference time holds within a paragraph, for the sentence that sets it
            # and the next one: then the text is back in the news reading until it dates something
            # in an earlier year again.
            state.narrative, state.narrative_label = None, None
        state.paragraph = paragraph
        ctx = Context(dct=dct, tense=tenses[i], reference=state.reference, reference_label=state.label, text=text,
                      narrative=state.narrative, narrative_label=state.narrative_label, past_perfect=perfects[i],
                      reference_end=state.end, paragraph_start=paragraph, reference_bc=state.bc,
                      reference_from_dct=state.from_dct)
        try:
            reading = cand.rule.resolve(cand.match, ctx)
        except (ValueError, KeyError, OverflowError):
            reading = None  # an impossible date ("February 30") is not a timex
        if reading is not None and i in overrides:
            reading = Reading(reading.type, overrides[i], reading.anchor, reading.mod,
                              sets_reference=reading.sets_reference)
        readings.append(reading)
        if reading is not None and reading.sets_reference and reading.type in ("DATE", "TIME") \
                and reading.mod not in BOUND_MODS:
            narrative = prev_word(text, cand.start) not in NON_NARRATIVE_LEAD_INS
            chained = bool(reading.anchor and reading.anchor.startswith("candidate:"))
            origin = state.end if chained and state.end is not None else cand.end
            _advance(state, reading.value, f"candidate:{i}", origin, dct if narrative else dt.date.min)
            state.from_dct = reading.anchor == "DCT"
            if state.narrative_label == f"candidate:{i}":
                state.narrative_sentence = sentence
    return readings


def _advance(state: _State, value: str | None, label: str, end: int, dct: dt.date | None) -> None:
    bc = re.fullmatch(r"BC(\d{4})", value or "")
    if bc:
        state.reference, state.label, state.end, state.bc = None, label, end, int(bc[1])
        return
    point = parse_value(value)
    if point is None:
        return
    state.reference, state.label, state.end, state.bc = point, label, end, None
    if narrative_reference(point, dct):
        state.narrative, state.narrative_label = point, label


def _weekday_consistency(candidates, readings, dct: dt.date) -> dict[int, str]:
    """Past-tense weekdays sent 5+ days back that another mention reads as tomorrow-ish."""
    forward: dict[str, str] = {}
    for cand, reading in zip(candidates, readings, strict=True):
        if reading is None or cand.rule.name != "date.weekday" or reading.tense_direction not in ("future", "nearest"):
            continue
        day = dt.date.fromisoformat(reading.value[:10])
        if 0 < (day - dct).days <= 2:
            forward.setdefault(cand.match["wd"].lower(), reading.value[:10])
    overrides: dict[int, str] = {}
    for i, (cand, reading) in enumerate(zip(candidates, readings, strict=True)):
        if reading is None or cand.rule.name != "date.weekday" or reading.tense_direction != "past":
            continue
        day = dt.date.fromisoformat(reading.value[:10])
        target = forward.get(cand.match["wd"].lower())
        if target and (dct - day).days >= 5:
            overrides[i] = target + reading.value[10:]
    return overrides


def _renumber_anchors(timexes: list[Timex], candidates, readings) -> list[Timex]:
    """Anchors name timexes by their index in the output list ("timex:3")."""
    index_of: dict[int, int] = {}
    j = 0
    for i, reading in enumerate(readings):
        if reading is not None:
            index_of[i] = j
            j += 1
    for t in timexes:
        if t.anchor and t.anchor.startswith("candidate:"):
            t.anchor = f"timex:{index_of[int(t.anchor.split(':')[1])]}"
    return timexes

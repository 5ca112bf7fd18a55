"""Cross-document event resolution: one canonical event per real happening.

Each document's events (``EventInput``, participants already mapped to canonical
entities) are put, one at a time, into the best *compatible* cluster, or start a
new one.  Events with an explicit date go first (in publication order), so a
vague mention ("the summit") meets clusters whose time is already pinned down.

Negated and hypothetical reports ("did not attend", "could meet") stay events of their own,
except that a negated report joins a cluster of plans published before it (the plan is off).
Otherwise compatible means all of:

* ``type`` — the same PLOVER type;
* ``parties`` — they share participants (actors and recipients, canonical ids):
  at least two when both sides name two or more, else one; or else ``same-trigger``:
  the same trigger lemma (``lemma_key``: "attacked"/"attack", "killing"/"kill") where one
  side names no participant at all, or, with ``same_topic=True`` (inputs from one topic,
  as in ECB+), whatever the participants; such a merge has a lenient place test (only
  places known to lie in different countries conflict);
* ``direction`` — not a visit (or any directed mode) by different actors: "Kim
  visits Russia" and "Putin visits North Korea" are two events;
* ``place`` — locations, when both are known (a place only inferred from the dateline is
  not used), are the same entity or in the same country;
* ``time`` — their time intervals overlap (±1 day).  An event's interval is its
  resolved date ("2023-09" is the whole month); a date only inferred from the narrative's
  reference time also covers the month before it; without a date, a planned/expected
  event lies in the year after its report, a reported one in the month before it, a negated
  one in either.
  A cluster's interval is the intersection of its members'.
* ``partial-date`` — a date that names a month but no year ("the summit in September" in an
  article without a publication date) is a constraint, not a wildcard: it fits only an interval
  that holds exactly one such month, and one that overlaps it; an interval holding none conflicts
  ("time"), one holding several (or two different months) is ambiguous and the events stay apart,
  the new one's evidence saying why (reason ``partial-date``).

Status follows the reports in publication order: the latest report decides, except
that a planned/expected report never undoes a reported happening; ``planned`` then
``asserted`` gives status ``happened``, ``alleged`` then ``asserted`` gives
``confirmed``, ``alleged`` then ``denied`` gives ``denied``, ``planned`` then ``negated``
gives ``cancelled``.  :func:`status_as_of` gives the status at a past date from the stored
history, and ``overdue`` for a plan whose date has passed with no report that it happened.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import SCHEDULED_MODALITIES, UNREALISED_MODALITIES, Modality

DIRECTED_MODES = {"visit", "host"}
# reports of what did not or might not happen are kept as events of their own
NEVER_MERGED = {Modality.NEGATED, Modality.HYPOTHETICAL}
FUTURE_WINDOW = dt.timedelta(days=365)  # an undated plan: within the year after its report
PAST_WINDOW = dt.timedelta(days=30)  # an undated report: the month before (older ones carry a date)
TOLERANCE = dt.timedelta(days=1)

Interval = tuple[dt.date, dt.date]


@dataclass
class EventInput:
    key: int  # store row id
    doc_id: str
    local_id: str
    type: str
    actors: list[str]  # canonical entity ids
    recipients: list[str]
    modality: str = Modality.ASSERTED
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    date_value: str | None = None
    date_text: str | None = None
    date_inferred: bool = False  # the value is the reference time of the narrative, not a timex
    location: str | None = None  # canonical entity id
    published: str | None = None
    trigger: dict | None = None
    lemma: str | None = None  # the trigger's lemma ("attack" for "attacked"), when known
    source: str | None = None  # the reporting document's source path or URL (stable across edits)

    @property
    def participants(self) -> set[str]:
        return set(self.actors) | set(self.recipients)


@dataclass
class EventCluster:
    id: str
    members: list[EventInput]
    type: str
    actors: list[str]
    recipients: list[str]
    mode: str | None
    contexts: list[str]
    date_value: str | None
    date_text: str | None
    sort_date: str | None
    location: str | None
    modality: str
    status: str
    history: list[dict]
    evidence: dict[int, tuple[str, str]]

    @property
    def documents(self) -> list[str]:
        return sorted({m.doc_id for m in self.members})


# --- time ----------------------------------------------------------------------

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


@lru_cache(maxsize=8192)
def value_interval(value: str | None) -> Interval | None:
    """The days a TIMEX3 date value covers, or None when it names no calendar stretch."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            first = dt.date(y, mo, 1)
            nxt = dt.date(y + (mo == 12), mo % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        if m := _WEEK.match(value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + dt.timedelta(days=6)
        if m := _QUARTER.match(value):
            y, q = int(m[1]), int(m[2])
            first = dt.date(y, 3 * q - 2, 1)
            nxt = dt.date(y + (q == 4), (3 * q) % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        if m := _YEAR.match(value):
            return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)
    except ValueError:
        return None
    return None


def published_date(value: str | None) -> dt.date | None:
    span = value_interval((value or "")[:10])
    return span[0] if span else None


def event_interval(event: EventInput) -> Interval | None:
    explicit = value_interval(event.date_value)
    if explicit and event.date_inferred:  # the narrative's time: the event may be somewhat earlier
        return explicit[0] - PAST_WINDOW, explicit[1]
    if explicit:
        return explicit
    reported = published_date(event.published)
    if reported is None:
        return None
    if event.modality in UNREALISED_MODALITIES:
        return reported, reported + FUTURE_WINDOW
    if event.modality == Modality.NEGATED:  # "did not take place" or "is off": before or ahead
        return reported - PAST_WINDOW, reported + FUTURE_WINDOW
    return reported - PAST_WINDOW, reported


def _intersect(a: Interval | None, b: Interval | None) -> Interval | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a[0], b[0]), min(a[1], b[1])


def _overlap(a: Interval | None, b: Interval | None) -> bool:
    if a is None or b is None:
        return True
    return a[0] - TOLERANCE <= b[1] and b[0] - TOLERANCE <= a[1]


_MONTH_NAMES = {name: i + 1 for i, name in enumerate((
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december"))}
_MONTH_NAMES.update({name[:3]: n for name, n in list(_MONTH_NAMES.items())})
_MONTH_NAMES["sept"] = 9
_PARTIAL_MONTH = re.compile(r"^XXXX-(\d{2})")
_MONTH_WORD = re.compile(r"[A-Za-z]+")


def partial_month(event: EventInput) -> int | None:
    """The month an event's date names without a year ("September", "XXXX-09"), when its date
    resolves to no calendar interval; None otherwise."""
    if value_interval(event.date_value) is not None:
        return None
    if event.date_value and (m := _PARTIAL_MONTH.match(event.date_value)) and 1 <= int(m[1]) <= 12:
        return int(m[1])
    months = {_MONTH_NAMES[w.lower()] for w in _MONTH_WORD.findall(event.date_text or "")
              if w.lower() in _MONTH_NAMES and (len(w) > 3 or w[0].isupper())}
    return months.pop() if len(months) == 1 else None


def month_occurrences(month: int, span: Interval) -> list[Interval]:
    """The stretches of ``month`` (any year) that ``span`` overlaps, within the tolerance."""
    out = []
    for year in range(span[0].year - 1, span[1].year + 2):
        occurrence = value_interval(f"{year:04d}-{month:02d}")
        if occurrence and _overlap(occurrence, span):
            out.append(occurrence)
    return out


def _partial_fit(months: set[int], span: Interval | None) -> tuple[str | None, Interval | None]:
    """(problem, narrowed interval) of partial months against a known interval: problem is
    "time" (no such month in it), "partial-date" (several: ambiguous), or None (exactly one)."""
    if not months:
        return None, span
    if len(months) > 1:
        return "partial-date", span
    if span is None:
        return None, None
    occurrences = month_occurrences(next(iter(months)), span)
    if not occurrences:
        return "time", span
    if len(occurrences) > 1:
        return "partial-date", span
    return None, _intersect(span, occurrences[0])


# --- clustering -----------------------------------------------------------------

@dataclass
class _Open:
    members: list[EventInput]
    type: str
    participants: set[str]
    actors: set[str]
    modes: set[str]
    locations: set[str]
    interval: Interval | None
    evidence: dict[int, tuple[str, str]]
    lemmas: set[str] = field(default_factory=set)
    months: set[int] = field(default_factory=set)  # months named without a year, while no interval is known


def lemma_key(lemma: str | None) -> str | None:
    """A trigger lemma reduced to its verb stem, so a gerund or a noun in -ing meets its verb:
    "killing" -> "kill", "shooting" -> "shoot", "hitting" -> "hit"."""
    if not lemma:
        return None
    return verb_stem(lemma)


def verb_stem(lemma: str) -> str:
    """:func:`lemma_key` of a lemma known to be non-empty."""
    word = lemma.lower().strip()
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "ls":
            stem = stem[:-1]  # hitting -> hit (but not killing -> kil)
        return stem
    return word


_INFLECTION = (("ies", "y"), ("ied", "y"), ("eed", "ee"), ("ed", ""), ("es", ""), ("s", ""))


def trigger_lemma(text: str | None) -> str | None:
    """A stored trigger's text reduced to a rough lemma without a parser (the store keeps no
    spaCy lemma): its last word, lower-cased, less a plural or past ending ("summits" -> "summit",
    "attacked" -> "attack", "talks" -> "talk"), then :func:`lemma_key`."""
    words = re.findall(r"[a-z]+", (text or "").lower())
    if not words:
        return None
    word = words[-1]
    for suffix, repl in _INFLECTION:
        stem = word[: -len(suffix)] + repl
        if word.endswith(suffix) and len(stem) >= 4 and not word.endswith("ss"):
            word = stem
            break
    return lemma_key(word)


@dataclass
class _Probe:
    """An event being placed, with what every compatibility test asks of it worked out once."""
    event: EventInput
    span: Interval | None
    parties: set[str]
    actors: set[str]
    stem: str | None  # verb_stem of its trigger lemma
    month: int | None  # partial_month: a month named without a year

    @classmethod
    def of(cls, event: EventInput) -> _Probe:
        return cls(event, event_interval(event), event.participants, set(event.actors),
                   verb_stem(event.lemma) if event.lemma else None, partial_month(event))


def _lemma_match(p: _Probe, c: _Open, same_topic: bool) -> bool:
    """The same trigger lemma.  Across a corpus it stands in for shared participants only where
    one side names none ("the attack" / "militants attacked"); among the documents of one topic
    (``same_topic``: ECB+-style topics name the same happening with different participants in every
    sentence) it is enough on its own.  Place and time must still agree."""
    if not (p.stem and p.stem in c.lemmas):
        return False
    return same_topic or not p.parties or not c.participants


def _place_conflict(event: EventInput, c: _Open, country_of: dict[str, str], lenient: bool) -> bool:
    """Strict (shared parties): the same place entity or the same country.  Lenient (only the
    trigger lemma in common): only two places known to lie in different countries conflict."""
    if not (event.location and c.locations) or event.location in c.locations:
        return False
    mine = country_of.get(event.location)
    theirs = {country_of.get(loc) for loc in c.locations} - {None}
    if lenient:
        return bool(mine and theirs and mine not in theirs)
    return not mine or mine not in theirs


def _why_incompatible(p: _Probe, c: _Open, country_of: dict[str, str], same_topic: bool = False) -> str | None:
    event = p.event
    if event.type != c.type:
        return "type"
    shared = p.parties & c.participants
    needed = min(2, len(p.parties), len(c.participants))
    by_parties = bool(shared) and len(shared) >= needed
    by_lemma = _lemma_match(p, c, same_topic)
    if not by_parties and not by_lemma:
        return "parties"
    if event.mode in DIRECTED_MODES and event.mode in c.modes and p.actors and c.actors \
            and not p.actors & c.actors:
        return "direction"
    if _place_conflict(event, c, country_of, lenient=not by_parties or by_lemma):
        return "place"
    if not _overlap(p.span, c.interval):
        return "time"
    return _time_constraint(p, c)


def _time_constraint(p: _Probe, c: _Open) -> str | None:
    """A partial date on either side against the other's interval (see the module docstring)."""
    if p.month is not None:
        return _partial_fit(c.months | {p.month}, c.interval)[0]
    return _partial_fit(c.months, p.span)[0]


def _joined_interval(p: _Probe, c: _Open) -> Interval | None:
    """The cluster's interval once ``p``'s event joins it (partial months pin it to one month)."""
    if p.month is not None:
        c.months.add(p.month)
        base = c.interval
    else:
        base = _intersect(c.interval, p.span)
    if c.months and base is not None:
        narrowed = _partial_fit(c.months, base)[1]
        c.months = set()
        return narrowed
    return base


def resolve_events(inputs: list[EventInput], country_of: dict[str, str] | None = None,
                   names: dict[str, str] | None = None, same_topic: bool = False,
                   previous: dict[int, str] | None = None, taken: set[str] | None = None) -> list[EventCluster]:
    """``country_of`` maps canonical entity ids (places) to country codes; ``names`` gives
    canonical entity names for the evidence sentences; ``same_topic`` says the inputs all come
    from documents about one topic, so a trigger lemma match needs no participant evidence."""
    country_of = country_of or {}
    names = names or {}
    order = sorted(inputs, key=lambda e: (
        value_interval(e.date_value) is None or e.date_inferred, e.published or "9999", e.doc_id, e.local_id, e.key))
    clusters: list[_Open] = []
    index: dict[tuple[str, str], set[int]] = defaultdict(set)  # (type, participant) -> clusters
    lemma_index: dict[tuple[str, str], set[int]] = defaultdict(set)  # (type, trigger lemma) -> clusters
    bare_index: dict[tuple[str, str], list[int]] = defaultdict(list)  # the same, clusters with no participant
    for event in order:
        probe = _Probe.of(event)
        span, parties, stem = probe.span, probe.parties, probe.stem
        best, best_score = None, None
        kept_apart: list[int] = []
        if event.modality not in NEVER_MERGED or event.modality == Modality.NEGATED:
            candidates = {c for p in parties for c in index[(event.type, p)]}
            if stem:
                key = (event.type, stem)
                if same_topic or not parties:
                    candidates |= lemma_index[key]
                else:  # only clusters that still name no participant can join on the lemma alone
                    bare_index[key] = [ci for ci in bare_index[key] if not clusters[ci].participants]
                    candidates |= set(bare_index[key])
            for ci in sorted(candidates):
                c = clusters[ci]
                if probe.month is None and not c.months and not _overlap(span, c.interval):
                    continue  # incompatible in time, and no partial month to keep it apart for
                problem = _why_incompatible(probe, c, country_of, same_topic)
                if problem == "partial-date" or (problem == "time" and (probe.month or c.months)):
                    kept_apart.append(ci)
                if problem is not None or not _may_report_on(event, c):
                    continue
                score = (len(parties & c.participants), bool(event.mode and event.mode in c.modes),
                         bool(stem and stem in c.lemmas), -ci)
                if best_score is None or score > best_score:
                    best, best_score = ci, score
        if best is None:
            clusters.append(_Open(
                members=[event], type=event.type, participants=set(parties), actors=set(probe.actors),
                modes={event.mode} if event.mode else set(),
                locations={event.location} if event.location else set(), interval=span,
                evidence={event.key: _founder_evidence(event, span, [clusters[k] for k in kept_apart])},
                lemmas={stem} if stem else set(), months={probe.month} if span is None and probe.month else set(),
            ))
            ci = len(clusters) - 1
            if event.modality in NEVER_MERGED:
                continue  # not offered to later events either
        else:
            c = clusters[best]
            shared = sorted(parties & c.participants)
            when = "no explicit date" if c.interval is None or span is None else \
                f"{span[0]}..{span[1]} overlaps {c.interval[0]}..{c.interval[1]}"
            if shared:
                c.evidence[event.key] = (
                    "same-event",
                    f"same type {event.type}; shared parties {', '.join(names.get(p, p) for p in shared)}; "
                    f"time: {when}",
                )
            else:
                c.evidence[event.key] = (
                    "same-trigger",
                    f"same type {event.type} and trigger lemma '{event.lemma}'; "
                    f"no shared participants; place compatible; time: {when}",
                )
            c.members.append(event)
            c.participants |= parties
            c.actors |= probe.actors
            if event.mode:
                c.modes.add(event.mode)
            if event.location:
                c.locations.add(event.location)
            if stem:
                c.lemmas.add(stem)
            narrowed = _joined_interval(probe, c)
            c.interval = narrowed if narrowed and narrowed[0] <= narrowed[1] + TOLERANCE else c.interval
            ci = best
        for p in parties:
            index[(event.type, p)].add(ci)
        if stem and ci not in lemma_index[(event.type, stem)]:
            lemma_index[(event.type, stem)].add(ci)
            if not clusters[ci].participants:
                bare_index[(event.type, stem)].append(ci)
    return _finish(clusters, previous or {}, taken or set())


def cluster_interval(members: list[EventInput]) -> Interval | None:
    """The time interval a finished cluster's members leave open (for its blocking keys)."""
    steps = interval_steps(members)
    return steps[-1] if steps else None


def interval_steps(members: list[EventInput]) -> list[Interval | None]:
    """The interval the members leave open after each of them joined, in order."""
    span: Interval | None = None
    out = []
    for m in members:
        narrowed = _intersect(span, event_interval(m))
        span = narrowed if narrowed and narrowed[0] <= narrowed[1] + TOLERANCE else span
        out.append(span)
    return out


def _founder_evidence(event: EventInput, span: Interval | None, kept_apart: list[_Open]) -> tuple[str, str]:
    """Why a report starts an event of its own: "first", or "partial-date" when a month without a
    year is all that told it apart from an otherwise matching event."""
    first = f"first report ({event.doc_id} {event.local_id}, {event.modality})"
    if not kept_apart:
        return "first", first
    other = kept_apart[0]
    when = f"{other.interval[0]}..{other.interval[1]}" if other.interval else "no known time"
    mine = partial_month(event)
    said = (f"'{event.date_text}' names a month without a year" if mine else
            f"{span[0]}..{span[1]}" if span else "no known time")
    theirs = f" (month {sorted(other.months)} without a year)" if other.months else ""
    return "partial-date", (f"{first}; kept apart from the matching report {other.members[0].doc_id} "
                            f"{other.members[0].local_id}: {said}, which does not fit {when}{theirs} "
                            "as exactly one such month")


def _may_report_on(event: EventInput, c: _Open) -> bool:
    """A negated report ("the visit was cancelled", "did not attend") joins only a cluster of
    plans it follows (a later report that the planned event is off); other reports join any."""
    if event.modality != Modality.NEGATED:
        return True
    day = (event.published or "")[:10]
    return all(m.modality in SCHEDULED_MODALITIES and (m.published or "")[:10] < day for m in c.members)


def _specificity(value: str | None) -> int:
    span = value_interval(value)
    if span is None:
        return 0
    days = (span[1] - span[0]).days
    return 4 if days == 0 else 3 if days <= 7 else 2 if days <= 31 else 1


# Among reports of one day, the firmest statement decides.
FIRMNESS = (Modality.ASSERTED, Modality.DENIED, Modality.NEGATED, Modality.PLANNED, Modality.EXPECTED,
            Modality.ALLEGED, Modality.REQUESTED, Modality.HYPOTHETICAL)


def _natural(local_id: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", local_id))


def _status(members: list[EventInput]) -> tuple[str, str, list[dict]]:
    reports = sorted(members, key=lambda m: ((m.published or "")[:10], m.doc_id, _natural(m.local_id)))
    history = [{"doc_id": m.doc_id, "published": m.published, "modality": m.modality, "event": m.local_id}
               for m in reports]
    modality, status = _status_of([((m.published or "")[:10], m.modality) for m in reports])
    return modality, status, history


CANCELLED = "cancelled"  # planned or expected, then a later report that it did not happen
OVERDUE = "overdue"  # planned or expected for a date now past, and no report that it happened


def _status_of(reports: list[tuple[str, str]]) -> tuple[str, str]:
    """(modality, status) from (publication day, modality) pairs: the latest day decides."""
    last_day = max(day for day, _ in reports)
    latest_reports = [m for day, m in reports if day == last_day]
    latest = min(latest_reports, key=lambda x: FIRMNESS.index(x) if x in FIRMNESS else len(FIRMNESS))
    earlier = {m for day, m in reports if day < last_day}
    if latest in UNREALISED_MODALITIES and Modality.ASSERTED in earlier:
        latest = Modality.ASSERTED  # a later preview never undoes a reported happening
    if latest == Modality.ASSERTED:
        return Modality.ASSERTED, ("confirmed" if Modality.ALLEGED in earlier else "happened")
    if latest == Modality.NEGATED and earlier & SCHEDULED_MODALITIES:
        return Modality.NEGATED, CANCELLED
    return latest, latest


def status_as_of(history: list[dict], as_of: str | None = None, date_value: str | None = None) -> str | None:
    """The status a canonical event's ``history`` (as stored) gives from the reports published
    up to ``as_of`` (YYYY-MM-DD; None: all); None when none was published by then.  With
    ``date_value`` (the event's date) a plan whose date ended before ``as_of`` is ``overdue``."""
    reports = [(str(h.get("published") or "")[:10], h["modality"]) for h in history
               if as_of is None or str(h.get("published") or "")[:10] <= as_of]
    if not reports:
        return None
    status = _status_of(reports)[1]
    span = value_interval(date_value)
    if status in SCHEDULED_MODALITIES and span and as_of and span[1].isoformat() < as_of:
        return OVERDUE
    return status


def _basis(c: _Open) -> str:
    """What a new event id is made of: the founding report's type, source, trigger, parties and
    date, not its document id or position, so an edited article that still reports it gives it the
    same id."""
    first = c.members[0]
    trigger = first.lemma or (first.trigger or {}).get("text") or ""
    parties = ",".join(sorted(first.actors)) + ";" + ",".join(sorted(first.recipients))
    return f"{c.type}|{first.source or first.doc_id}|{trigger}|{parties}|{first.date_value or ''}|{first.modality}"


def _finish(open_clusters: list[_Open], previous: dict[int, str], taken: set[str]) -> list[EventCluster]:
    from .entities import fresh_id, inherited_ids

    out = []
    kept = inherited_ids([[m.key for m in c.members] for c in open_clusters], previous, taken)
    used: set[str] = set(taken) | set(kept.values())
    for g, c in enumerate(open_clusters):
        members = c.members
        cid = kept.get(g) or fresh_id("V", _basis(c), used)
        # best-resolved date: reports of the happening before forecasts (a plan's date may slip),
        # then the most specific, then the most frequent
        dated = [m for m in members if value_interval(m.date_value)]
        date_value = date_text = None
        if dated:
            counts = Counter(m.date_value for m in dated)
            pick = sorted(dated, key=lambda m: (m.date_inferred, m.modality != Modality.ASSERTED,
                                                -_specificity(m.date_value), -counts[m.date_value],
                                                m.date_value))[0]
            date_value, date_text = pick.date_value, pick.date_text
        date_interval = value_interval(date_value)
        sort_date: str | None
        if date_value and date_interval:
            sort_date = date_interval[0].isoformat()
        else:  # undated: placed at its first report
            reported = sorted((m.published or "")[:10] for m in members if published_date(m.published))
            sort_date = reported[0] if reported else None
        actors = Counter(a for m in members for a in m.actors)
        recipients = Counter(r for m in members for r in m.recipients)
        modality, status, history = _status(members)
        modes = Counter(m.mode for m in members if m.mode)
        locations = Counter(m.location for m in members if m.location)
        out.append(EventCluster(
            id=cid, members=members, type=c.type,
            actors=sorted(actors, key=lambda a: (-actors[a], a)),
            recipients=sorted((r for r in recipients if r not in actors), key=lambda r: (-recipients[r], r)),
            mode=sorted(modes, key=lambda m: (-modes[m], m))[0] if modes else None,
            contexts=sorted({x for m in members for x in m.contexts}),
            date_value=date_value, date_text=date_text, sort_date=sort_date,
            location=sorted(locations, key=lambda x: (-locations[x], x))[0] if locations else None,
            modality=modality, status=status, history=history, evidence=c.evidence,
        ))
    return out


def status_after(reports: list[dict]) -> str:
    """The status that these history entries (dicts with doc_id, published, modality, event, as in
    a canonical event's ``history``) give the event, by the rules above."""
    members = [EventInput(key=0, doc_id=r["doc_id"], local_id=r["event"], type="", actors=[], recipients=[],
                          modality=r["modality"], published=r["published"]) for r in reports]
    return _status(members)[1] if members else ""

"""Detection patterns and their normalisers.

Each :class:`Rule` is a regular expression plus a function that turns one match
into a :class:`Reading` (TIMEX3 type, value, mod, anchor) given a
:class:`Context`: the document creation time (DCT), the tense of the governing
verb and the reference time (the last calendar date resolved before it).

Span conventions follow TimeML: leading prepositions are left out ("in July" ->
"July", "over the weekend" -> "the weekend"); determiners and amount modifiers
stay in ("the past two months", "more than three years ago").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from .calendar import RANK, SEASONS, SUB_DAY_UNITS, Point, duration_value
from .lexicon import (
    AGO_MODS,
    AMBIGUOUS_MONTHS,
    AMOUNT_MOD_RE,
    AMOUNT_MODS,
    LATER_MODS,
    MONTH_CUES,
    MONTH_RE,
    NUM_RE,
    PART_OF_DAY,
    POINT_MOD_RE,
    POINT_MODS,
    SEASON_RE,
    UNIT_RE,
    WEEKDAY_RE,
    WEEKDAYS,
    month_of,
    norm,
    number_value,
    unit_of,
)


@dataclass
class Context:
    dct: dt.date | None
    tense: str | None  # past | present | future | None
    reference: Point | None  # last calendar value resolved before, else None
    reference_label: str | None  # "timex:<i>"
    text: str = ""
    # Narrative reference time (issue 14): the last calendar timex of the paragraph that lies in
    # an earlier year than the DCT (see extract.narrative_reference); None where the news reading
    # (the DCT) holds.
    narrative: Point | None = None
    narrative_label: str | None = None
    past_perfect: bool = False  # the governing verb is a past perfect ("had signed")
    # where the timex ends that started the reference chain (an absolute or DCT-relative date
    # that later expressions counted from)
    reference_end: int | None = None
    paragraph_start: int = 0  # where the paragraph of the expression starts in ``text``
    reference_bc: int | None = None  # the reference is this BC year (datetime has no year 0)
    reference_from_dct: bool = False  # the reference was resolved against the DCT

    def comparison_reference(self) -> Point | None:
        """Rule "comparison.same": the reference time when it is already the comparison period
        of a news report, the year before the DCT's reached from the DCT ("compared with $3
        million a year ago ... up from $2 million a year earlier"); a further year-back
        comparison restates that period rather than stepping back again.  None otherwise."""
        ref = self.reference
        if ref is None or self.dct is None or not self.reference_from_dct:
            return None
        return ref if ref.date.year == self.dct.year - 1 and RANK[ref.gran] <= RANK["year"] else None

    def anchor_point(self) -> tuple[Point | None, str | None]:
        """The reference time for anaphoric expressions ("two months later"), else the DCT."""
        if self.reference is not None:
            return self.reference, self.reference_label
        if self.dct is not None:
            return Point(self.dct), "DCT"
        return None, None

    def narrative_in_force(self) -> bool:
        """Rule "narrative": a year-less date follows the narrative reference time when the
        paragraph has one and the clause is not in the present or future tense."""
        return self.narrative is not None and self.tense not in ("present", "future")

    def place_year(self, month: int, day: int = 1) -> tuple[int, str] | None:
        """The year of a year-less month (and day) and what it rests on: in a narrative stretch
        the year that keeps the story's order (the narrative year, or the next one when the month
        is earlier than the narrative month; a past perfect looks back instead), else the DCT's
        nearest year given the tense (:func:`year_for`); None without either."""
        if self.narrative_in_force():
            point = self.narrative
            assert point is not None
            year = point.date.year
            if point.gran in ("day", "week", "weekend", "month", "quarter", "season", "half"):
                ref_month = point.date.month
                if self.past_perfect:
                    year -= (month, day) > (ref_month, point.date.day if point.gran == "day" else 31)
                else:
                    year += (month, day) < (ref_month, point.date.day if point.gran == "day" else 1)
            return year, self.narrative_label or "narrative"
        if self.dct is None:
            return None
        return year_for(self.dct, month, day, direction_of(self.tense)), "DCT"


@dataclass
class Reading:
    type: str
    value: str | None
    anchor: str | None = None
    mod: str | None = None
    # True when the value came from the direction of the tense (weekday, bare month),
    # so a later pass may revisit it.
    tense_direction: str | None = None
    # False for comparisons ("a year earlier", "the year-ago quarter"): the text is still
    # talking about its own period, so they do not become the reference time.
    sets_reference: bool = True


@dataclass
class Rule:
    name: str
    pattern: re.Pattern
    resolve: Callable[[re.Match, Context], Reading | None]
    guard: Callable[[re.Match, str], bool] | None = None
    needs_tense: bool = False
    priority: int = 0  # among spans of equal length, the lower wins


RULES: list[Rule] = []


Resolver = Callable[[re.Match, Context], Reading | None]


def rule(name: str, pattern: str, guard: Callable[[re.Match, str], bool] | None = None, needs_tense: bool = False,
         flags: int = re.IGNORECASE, priority: int = 0) -> Callable[[Resolver], Resolver]:
    compiled = re.compile(r"(?<![\w$#/-])" + pattern + r"(?![\w-]*\d)(?!\w)", flags)

    def register(fn: Resolver) -> Resolver:
        RULES.append(Rule(name, compiled, fn, guard, needs_tense, priority))
        return fn
    return register


# --- helpers -----------------------------------------------------------------

def point_mod(word: str | None) -> str | None:
    if not word:
        return None
    return POINT_MODS.get(norm(word).replace(" -", "-"))


@dataclass
class WeekdayPolicy:
    """How a bare weekday is resolved (benchmarks/bench_time.py compares the choices on AQUAINT)."""

    use_tense: bool = True  # past tense -> on or before the DCT, future -> on or after it
    unknown: str = "nearest"  # present/unknown tense: "nearest" day, or "same_week" (ISO Mon-Sun)


WEEKDAY_POLICY = WeekdayPolicy()


def weekday_date(dct: dt.date, weekday: int, direction: str | None) -> dt.date:
    """The date of ``weekday`` near ``dct``: on or before it (past), on or after it
    (future), else the nearest one (or the one in the DCT's week, by WEEKDAY_POLICY)."""
    back = (dct.weekday() - weekday) % 7
    ahead = (weekday - dct.weekday()) % 7
    if direction == "past":
        return dct - dt.timedelta(days=back)
    if direction == "future":
        return dct + dt.timedelta(days=ahead)
    if WEEKDAY_POLICY.unknown == "same_week":
        return dct + dt.timedelta(days=weekday - dct.weekday())
    return dct - dt.timedelta(days=back) if back <= ahead else dct + dt.timedelta(days=ahead)


TENSE_SLACK_DAYS = 45


def year_for(dct: dt.date, month: int, day: int, direction: str | None) -> int:
    """The year of a month (and day) given without one: the nearest occurrence to the DCT,
    unless the tense contradicts it by more than ``TENSE_SLACK_DAYS`` (a past-tense
    "in November" read in January is last November; "in September" said in late
    August with a past verb is still the coming September: news often mixes them)."""
    day = min(day, 28)

    def distance(year: int) -> int:
        return (dt.date(year, month, day) - dct).days

    year = min((dct.year - 1, dct.year, dct.year + 1), key=lambda y: abs(distance(y)))
    if direction == "past" and distance(year) > TENSE_SLACK_DAYS:
        year -= 1
    elif direction == "future" and distance(year) < -TENSE_SLACK_DAYS:
        year += 1
    return year


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def direction_of(tense: str | None) -> str | None:
    return tense if tense in ("past", "future") else None


def amount_mod(word: str | None) -> str | None:
    return AMOUNT_MODS.get(norm(word)) if word else None


def prev_word(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z]+)[\s-]*$", text[max(0, start - 30):start])
    return m.group(1).lower() if m else ""


# --- explicit dates -------------------------------------------------------------

DAYNUM = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"


def _day_number(daynum: str) -> int:
    """The day of a DAYNUM match: "21st" -> 21."""
    digits = re.match(r"\d+", daynum)
    assert digits is not None, daynum  # DAYNUM always starts with a digit
    return int(digits.group())


@rule("date.full",
      r"(?:(?P<wd>" + WEEKDAY_RE + r"),?\s+)?"
      r"(?:(?P<m1>" + MONTH_RE + r")\s+(?P<d1>" + DAYNUM + r")"
      r"|(?P<d2>" + DAYNUM + r")\s+(?:of\s+)?(?P<m2>" + MONTH_RE + r"))"
      r"(?:,?\s+(?P<year>(?:1[0-9]|20)\d\d))?", needs_tense=True)
def _date_full(m, ctx):
    month = month_of(m["m1"] or m["m2"])
    day = _day_number(m["d1"] or m["d2"])
    if m["year"]:
        year, anchor = int(m["year"]), None
    elif ctx.dct is not None and m["wd"]:
        # "Saturday, April 25": the year in which that date falls on that weekday
        weekday = WEEKDAYS[norm(m["wd"])]
        fits = [y for y in (ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1)
                if _valid(y, month, day) and dt.date(y, month, day).weekday() == weekday]
        year = fits[0] if fits else year_for(ctx.dct, month, day, direction_of(ctx.tense))
        anchor = "DCT"
    elif (placed := ctx.place_year(month, day)) is not None:
        year, anchor = placed
    else:
        try:
            dt.date(2000, month, day)
        except ValueError:
            return None
        return Reading("DATE", None, "DCT")
    try:
        return Reading("DATE", dt.date(year, month, day).isoformat(), anchor)
    except ValueError:
        return None


@rule("date.week_of",
      r"the\s+week\s+of\s+(?P<month>" + MONTH_RE + r")\s+(?P<day>" + DAYNUM + r")(?:,?\s+(?P<year>(?:1[0-9]|20)\d\d))?",
      needs_tense=True)
def _week_of(m, ctx):
    """"the week of March 6": the ISO week holding that day."""
    month, day = month_of(m["month"]), _day_number(m["day"])
    if m["year"]:
        year, anchor = int(m["year"]), None
    elif (placed := ctx.place_year(month, day)) is not None:
        year, anchor = placed
    else:
        return Reading("DATE", None, "DCT")
    return Reading("DATE", Point(dt.date(year, month, day)).at("week").value(), anchor)


@rule("date.iso", r"(?P<y>(?:1[89]|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)")
def _date_iso(m, ctx):
    try:
        return Reading("DATE", dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat())
    except ValueError:
        return None


@rule("date.slash", r"(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:1[89]|20)?\d\d)")
def _date_slash(m, ctx):
    year = int(m["y"])
    if year < 100:
        year += 2000 if year < 50 else 1900
    try:
        return Reading("DATE", dt.date(year, int(m["m"]), int(m["d"])).isoformat())
    except ValueError:
        return None


@rule("date.month_year",
      r"(?:(?P<mod>" + POINT_MOD_RE + r")\s*)?(?P<month>" + MONTH_RE + r"),?\s+(?:of\s+)?"
      r"(?:(?P<year>(?:1[0-9]|20)\d\d)|(?P<rel>last|this|next)\s+year)")
def _month_year(m, ctx):
    mod = point_mod(m["mod"])
    if m["year"]:
        return Reading("DATE", f"{int(m['year']):04d}-{month_of(m['month']):02d}", mod=mod)
    if ctx.dct is None:
        return Reading("DATE", None, "DCT", mod=mod)
    year = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[norm(m["rel"])]
    return Reading("DATE", f"{year:04d}-{month_of(m['month']):02d}", "DCT", mod=mod)


def _month_guard(m, text):
    if norm(m["month"]) in AMBIGUOUS_MONTHS and not m["rel"]:
        word = prev_word(text, m.start())
        if word == "the":
            # "the March accession", but not "the May government" (a person's name)
            return not re.match(r"\s+(?:government|administration|cabinet|ministry|team|camp|era|years|family|[A-Z])",
                                text[m.end():m.end() + 16])
        return word in MONTH_CUES
    return True


RANGE_END_YEAR = re.compile(r"\s*(?:to|until|till|through|and|-|–)\s+" + MONTH_RE + r"(?:\s+" + DAYNUM + r")?,?\s+"
                            r"(?P<year>(?:1[0-9]|20)\d\d)\b")


@rule("date.month",
      r"(?:(?P<rel>last|next|this|that|the\s+(?:following|next|previous|preceding)|(?:" + POINT_MOD_RE + r"))[\s-]*)?"
      r"(?P<month>" + MONTH_RE + r")(?!\s*\d)",
      guard=_month_guard, needs_tense=True)
def _month(m, ctx):
    """A month without a year.  "last/next/this May" count from the DCT; "the following/next/
    previous May" from the reference time; "from May to July 1950" takes the range's year; "that
    May" and a bare month take the narrative year when a narrative stretch is in force, else the
    DCT's nearest year given the tense."""
    month = month_of(m["month"])
    rel = norm(m["rel"]) if m["rel"] else ""
    mod = point_mod(rel)
    range_end = RANGE_END_YEAR.match(ctx.text, m.end())
    if range_end:
        return Reading("DATE", f"{int(range_end['year']):04d}-{month:02d}", None, mod=mod)
    if rel in ("the following", "the next", "the previous", "the preceding"):
        base, anchor = ctx.anchor_point()
        if base is None:
            return Reading("DATE", None, anchor)
        year = base.date.year
        if rel.endswith(("following", "next")):
            year += month <= base.date.month
        else:
            year -= month >= base.date.month
        return Reading("DATE", f"{year:04d}-{month:02d}", anchor)
    if rel in ("", "that") or mod:
        placed = ctx.place_year(month)
        if placed is None:
            return Reading("DATE", None, "DCT", mod=mod)
        year, anchor = placed
        return Reading("DATE", f"{year:04d}-{month:02d}", anchor, mod=mod)
    if ctx.dct is None:
        return Reading("DATE", None, "DCT", mod=mod)
    dct = ctx.dct
    if rel == "last":
        year = dct.year if month < dct.month else dct.year - 1
    elif rel == "next":
        year = dct.year if month > dct.month else dct.year + 1
    else:
        year = dct.year
    return Reading("DATE", f"{year:04d}-{month:02d}", "DCT", mod=mod)


def _season_guard(m, text):
    if m["rel"] or m["year"]:
        return True
    period_lead_ins = {"in", "during", "by", "since", "until", "through", "over", "this", "last", "next"}
    return prev_word(text, m.start()) in period_lead_ins \
        and not re.match(r"\s+of\s+(?!\d)", text[m.end():m.end() + 6])


SEASON_REFERENCE_RELS = ("that", "the following", "the next", "the previous", "the preceding")


@rule("date.season",
      r"(?:(?P<rel>last|next|this(?:\s+past)?|that|the\s+(?:following|next|previous|preceding)|(?:" + POINT_MOD_RE
      + r"))\s*)?(?:the\s+)?(?P<season>" + SEASON_RE + r")"
      r"(?:(?:\s+of)?\s+(?P<year>(?:1[0-9]|20)\d\d))?", guard=_season_guard, needs_tense=True)
def _season(m, ctx):
    code, start_month = SEASONS[norm(m["season"])]
    rel = norm(m["rel"]) if m["rel"] else ""
    mod = point_mod(rel)
    if m["year"]:
        return Reading("DATE", f"{int(m['year']):04d}-{code}", mod=mod)
    if rel in SEASON_REFERENCE_RELS:
        return _season_from_reference(code, start_month, rel, ctx)
    if not rel or mod:
        if ctx.narrative_in_force():
            placed = ctx.place_year(start_month)
            assert placed is not None
            return Reading("DATE", f"{placed[0]:04d}-{code}", placed[1], mod=mod)
    if ctx.dct is None:
        return Reading("DATE", None, "DCT", mod=mod)
    dct = ctx.dct
    if rel == "last":
        year = dct.year if start_month + 3 <= dct.month else dct.year - 1
    elif rel == "next":
        year = dct.year if start_month > dct.month else dct.year + 1
    elif rel == "this":
        year = dct.year
    elif rel == "this past":
        year = dct.year if start_month <= dct.month else dct.year - 1
    else:
        direction = direction_of(ctx.tense)
        year = dct.year
        if direction == "past" and start_month > dct.month:
            year -= 1
        elif direction == "future" and start_month + 2 < dct.month:
            year += 1
    return Reading("DATE", f"{year:04d}-{code}", "DCT", mod=mod)


def _season_from_reference(code: str, start_month: int, rel: str, ctx: Context) -> Reading:
    """"that winter" (the reference time's year), "the following summer" (the first one starting
    after it), "the previous winter" (the last one starting before it); winter is labelled with
    the year it begins in."""
    base, anchor = ctx.anchor_point()
    if base is None:
        return Reading("DATE", None, anchor)
    year = base.date.year
    if rel in ("the following", "the next"):
        year += start_month <= base.date.month
    elif rel in ("the previous", "the preceding"):
        year -= start_month >= base.date.month
    return Reading("DATE", f"{year:04d}-{code}", anchor)


@rule("date.decade", r"(?:the\s+)?(?:(?P<mod>early|late|mid-?)\s*)?(?P<dec>(?:1[0-9]|20)\d0|['’]\d0)['’]?s")
def _decade(m, ctx):
    dec = m["dec"]
    if len(dec) == 3:
        two = int(dec[1:])
        base = (ctx.dct.year if ctx.dct else 2000) // 100 * 100
        year = base + two if base + two <= (ctx.dct.year if ctx.dct else 2000) else base - 100 + two
    else:
        year = int(dec)
    if year % 100 == 0 and year < 2000:
        # "the 1700s" is the 18th century (the 2000s, as TimeBank reads them, a decade)
        return Reading("DATE", f"{year // 100:02d}", mod=point_mod(m["mod"]))
    return Reading("DATE", Point(dt.date(year, 1, 1)).at("decade").value(), mod=point_mod(m["mod"]))


DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}


@rule("date.decade",
      r"the\s+(?:(?P<mod>early|late|mid-?)\s*)?(?:nineteen[\s-]+)?(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)")
def _decade_word(m, ctx):
    """"the nineties", "the late sixties": the decade of the last century (TimeBank practice)."""
    return Reading("DATE", f"19{DECADE_WORDS[norm(m['word'])]}", mod=point_mod(m["mod"]))


ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                 "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
                 "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
                 "nineteenth": 19, "twentieth": 20, "twenty-first": 21}
ORDINAL_RE = r"(?:twenty-first|" + "|".join(w for w in ORDINAL_WORDS if w != "twenty-first") + r")"


@rule("date.century",
      r"(?:the\s+(?=(?:(?:early|late|mid-?)[\s-]*)?\S+\s+century)(?:(?P<mod>early|late|mid-?)[\s-]*)?)?"
      r"(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<word>" + ORDINAL_RE + r"))[\s-]+century(?:\s+(?P<era>BC|B\.C\.|BCE))?")
def _century(m, ctx):
    """"the 19th century" = 18, "the second century" = 01, "the late 18th century" (mod END);
    a century BC as BC plus two digits."""
    n = int(m["n"]) if m["n"] else ORDINAL_WORDS[norm(m["word"])]
    if m["era"]:
        return Reading("DATE", f"BC{n - 1:02d}", mod=point_mod(m["mod"]))
    return Reading("DATE", f"{n - 1:02d}", mod=point_mod(m["mod"]))


def bc_year_value(bc: int) -> str:
    """The value of a year counted BC when positive ("BC0031"); 0 and below are years AD."""
    return f"BC{bc:04d}" if bc > 0 else f"{1 - bc:04d}"


@rule("date.era",
      r"(?:(?-i:AD|A\.D\.)\s+(?P<y1>\d{1,4})|(?P<y2>\d{1,4})\s+(?P<era>(?-i:BCE|BC|B\.C\.E\.|B\.C\.|AD|A\.D\.|CE|C\.E\.)))")
def _era(m, ctx):
    """"44 BC" = BC0044 (no year zero, HeidelTime's form), "AD 79" = 0079."""
    year = int(m["y1"] or m["y2"])
    if year == 0:
        return None
    if m["era"] and norm(m["era"]).startswith("b"):
        return Reading("DATE", f"BC{year:04d}")
    return Reading("DATE", f"{year:04d}")


QUANTITY_NOUNS = re.compile(
    r"\s*(?:%|percent|per\s+cent|people|troops|soldiers|members|votes|workers|dollars|euros|miles|"
    r"kilometers|kilometres|feet|meters|metres|tons|tonnes|units|cars|homes|jobs|pages|words|times|"
    r"deaths|cases|residents|students|employees|barrels|shares|men|women|children|points|seats|"
    r"pounds|yen|rubles|won)\b", re.IGNORECASE)


def _year_guard(m, text):
    if QUANTITY_NOUNS.match(text, m.end()):
        return False
    before = text[max(0, m.start() - 12):m.start()]
    if re.search(r"(?:1[89]|20)\d\d,\s+$", before):
        return True  # a list of years: "in 1994, 1995 and 1997"
    if re.search(r"(?:No\.|number|[$€£]|\d[,.]?)\s*$", before, re.IGNORECASE):
        return False
    return True


@rule("date.year",
      r"(?:(?P<mod>" + POINT_MOD_RE + r"|fiscal)\s*)?(?P<year>(?:1[89]|20)\d\d)(?![.,]\d)",
      guard=_year_guard)
def _year(m, ctx):
    mod = None if m["mod"] and norm(m["mod"]) == "fiscal" else point_mod(m["mod"])
    return Reading("DATE", m["year"], mod=mod)


HISTORICAL_YEAR_CUES = {"in", "of", "since", "until", "till", "from", "between", "and", "to", "around", "after",
                        "before", "by", "circa", "c", "year", "during"}
# After a count, its plural noun ("in 1500 villages"): then the number is no year.
COUNTED_NOUN = re.compile(r"\s+(?!(?:was|has|is|its|his|this|thus|as|was)\b)[a-z]+s\b")


def _historical_year_guard(m, text):
    """A year before 1800 only after a time cue ("in 1776", "the campaign of 1777", "since 1643")
    and not before a noun it counts ("in 1500 villages")."""
    return prev_word(text, m.start()) in HISTORICAL_YEAR_CUES and not COUNTED_NOUN.match(text, m.end()) \
        and not QUANTITY_NOUNS.match(text, m.end())


@rule("date.year", r"(?P<year>1[0-7]\d\d)(?![.,]\d)", guard=_historical_year_guard)
def _historical_year(m, ctx):
    return Reading("DATE", m["year"])


def _range_end(m: re.Match, ctx: Context) -> Reading | None:
    """The second end of a year range, "1915–16", "1861-1863": its full year."""
    first, second = m["first"], m["second"]
    year = int(first[:2] + second) if len(second) == 2 else int(second)
    return Reading("DATE", f"{year:04d}") if year > int(first) else None


def _range_start(m: re.Match, ctx: Context) -> Reading | None:
    first, second = m["first"], m["second"]
    year = int(first[:2] + second) if len(second) == 2 else int(second)
    return Reading("DATE", first) if year > int(first) else None


# Year ranges are two timexes, one per end (README, Time): the hyphen or dash keeps them apart.
RULES.append(Rule("date.year_range", re.compile(
    r"(?<![\w$#/.-])(?P<first>1[0-9]\d\d|20\d\d)(?=[-–](?P<second>\d\d|1[0-9]\d\d|20\d\d)(?![\w-]*\d))"),
    _range_start))
RULES.append(Rule("date.year_range", re.compile(
    r"(?<=(?<![\w$#/.-])(?P<first>1[0-9]\d\d|20\d\d)[-–])(?P<second>\d\d|1[0-9]\d\d|20\d\d)(?![\w-]*\d)"),
    _range_end))


# --- weekdays ---------------------------------------------------------------------

@rule("date.weekday",
      r"(?:(?P<rel>last|next|this|coming|past|(?:the\s+)?(?:previous|preceding|following))\s+)?"
      r"(?P<wd>" + WEEKDAY_RE + r")(?!s\b)"
      r"(?:\s+(?P<part>morning|afternoon|evening|night))?", needs_tense=True)
def _weekday(m, ctx):
    part = PART_OF_DAY.get(norm(m["part"])) if m["part"] else None
    kind = "TIME" if part else "DATE"
    if ctx.dct is None:
        return Reading(kind, None, "DCT")
    weekday = WEEKDAYS[norm(m["wd"])]
    rel = norm(m["rel"]).replace("the ", "") if m["rel"] else ""
    dct = ctx.dct
    direction = None
    if rel in ("previous", "preceding", "following"):
        base, anchor = ctx.anchor_point()
        if base is None or base.gran != "day":
            return Reading(kind, None, anchor)
        ref = base.date
        if rel == "following":
            date = ref + dt.timedelta(days=(weekday - ref.weekday() - 1) % 7 + 1)
        else:
            date = ref - dt.timedelta(days=(ref.weekday() - weekday - 1) % 7 + 1)
        return Reading(kind, date.isoformat() + (f"T{part}" if part else ""), anchor)
    if rel in ("last", "past"):
        date = dct - dt.timedelta(days=(dct.weekday() - weekday - 1) % 7 + 1)
    elif rel in ("next", "coming"):
        date = dct + dt.timedelta(days=(weekday - dct.weekday() - 1) % 7 + 1)
    elif rel == "this":
        date = dct + dt.timedelta(days=weekday - dct.weekday())
    else:
        direction = direction_of(ctx.tense) if WEEKDAY_POLICY.use_tense else None
        date = weekday_date(dct, weekday, direction)
        direction = direction or "nearest"
    value = date.isoformat() + (f"T{part}" if part else "")
    return Reading(kind, value, "DCT", tense_direction=direction)


@rule("set.month", r"(?:each|every)\s+(?P<month>" + MONTH_RE + r")")
def _set_month(m, ctx):
    return Reading("SET", f"XXXX-{month_of(m['month']):02d}")


@rule("set.weekday",
      r"(?:(?P<q>each|every)\s+(?P<wd1>" + WEEKDAY_RE + r")|(?P<wd2>" + WEEKDAY_RE + r")s)"
      r"(?:\s+(?P<part>mornings?|afternoons?|evenings?|nights?))?")
def _set_weekday(m, ctx):
    weekday = WEEKDAYS[norm(m["wd1"] or m["wd2"])] + 1
    part = PART_OF_DAY.get(norm(m["part"]).rstrip("s")) if m["part"] else None
    return Reading("SET", f"XXXX-WXX-{weekday}" + (f"T{part}" if part else ""))


# --- deictic days and parts of days ----------------------------------------------------

DEICTIC_OFFSET = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


GENERIC_TODAY = re.compile(
    r"['’]s\s+(?:\w+\s+)?(?:world|youth|society|generation|young|children|kids|teenagers|students|families|"
    r"computers|technology|economy|standards|consumers|workers|women|men|politics|culture)\b", re.IGNORECASE)


def _deictic_guard(m, text):
    """"today's youth", "many of today's computers": the present age, not the DCT's day."""
    return not (norm(m["w"]) == "today" and GENERIC_TODAY.match(text, m.end()))


@rule("date.deictic",
      r"(?:(?P<early>earlier|later|early|late|(?P<mid>mid-?\s?(?P<midpart>morning|afternoon)|midday|at\s+noon))\s+)?"
      r"(?P<w>today|tonight|yesterday|tomorrow)(?:\s+(?P<part>morning|afternoon|evening|night))?",
      guard=_deictic_guard)
def _deictic(m, ctx):
    """"yesterday", "late yesterday", "tomorrow morning", "mid-afternoon yesterday" (TIME)."""
    w = norm(m["w"])
    part = PART_OF_DAY.get(norm(m["part"])) if m["part"] else ("NI" if w == "tonight" else None)
    if m["mid"] and not part:
        part = PART_OF_DAY[norm(m["midpart"])] if m["midpart"] else "12:00"
    if m["early"] and norm(m["early"]) == "at noon":
        return None
    kind = "TIME" if part else "DATE"
    if ctx.dct is None:
        return Reading(kind, None, "DCT")
    date = ctx.dct + dt.timedelta(days=DEICTIC_OFFSET[w])
    mod = point_mod(m["early"]) if m["early"] and not m["mid"] else None
    return Reading(kind, date.isoformat() + (f"T{part}" if part else ""), "DCT", mod=mod)


@rule("date.deictic", r"(?P<rel>this|last)\s+(?P<part>morning|afternoon|evening|night)")
def _this_morning(m, ctx):
    part = PART_OF_DAY[norm(m["part"])]
    if ctx.dct is None:
        return Reading("TIME", None, "DCT")
    date = ctx.dct - dt.timedelta(days=1 if norm(m["rel"]) == "last" else 0)
    return Reading("TIME", f"{date.isoformat()}T{part}", "DCT")


@rule("time.part_of_day", r"(?P<w>midday|mid-?\s?(?:morning|afternoon))")
def _mid_part(m, ctx):
    """"by mid afternoon", "at midday": a part of the day the text is talking about."""
    w = norm(m["w"])
    part = "12:00" if w == "midday" else PART_OF_DAY["morning" if w.endswith("morning") else "afternoon"]
    base, anchor = ctx.anchor_point()
    if (base is None or base.gran != "day") and ctx.dct is not None:
        base, anchor = Point(ctx.dct), "DCT"
    if base is None or base.gran != "day":
        return Reading("TIME", None, anchor)
    return Reading("TIME", f"{base.value()}T{part}", anchor)


# --- units relative to now or to the reference time ------------------------------------------

REL_UNIT_RE = r"(?:week|weekend|month|year|quarter|decade|century|" + SEASON_RE + r")"


@rule("date.relative",
      r"(?:(?P<mod>" + POINT_MOD_RE + r"|earlier|later)\s+)?"
      r"(?P<rel>this|last|next|(?:the\s+)?(?:coming|current|previous|preceding|following|same))"
      r"\s+(?P<unit>" + REL_UNIT_RE + r")", needs_tense=True)
def _relative(m, ctx):
    rel = norm(m["rel"]).replace("the ", "")
    unit = norm(m["unit"])
    mod = point_mod(m["mod"])
    if unit in SEASONS:
        return None  # seasons are handled by date.season
    if rel in ("previous", "preceding", "following", "same"):
        base, anchor = ctx.anchor_point()
    else:
        base, anchor = (Point(ctx.dct), "DCT") if ctx.dct else (None, "DCT")
    if base is None:
        return Reading("DATE", None, anchor, mod=mod)
    step = {"this": 0, "current": 0, "same": 0, "last": -1, "previous": -1, "preceding": -1,
            "next": 1, "coming": 1, "following": 1}[rel]
    if unit == "weekend":
        week = base.at("week")
        return Reading("DATE", week.shift(step, "week").at("weekend").value(), anchor, mod=mod)
    return Reading("DATE", base.at(unit).shift(step, unit).value(), anchor, mod=mod)


@rule("date.weekend", r"the\s+weekend(?!s)", needs_tense=True)
def _weekend(m, ctx):
    if ctx.dct is None:
        return Reading("DATE", None, "DCT")
    dct = ctx.dct
    week = Point(dct).at("week")
    in_weekend = dct.weekday() >= 5
    direction = direction_of(ctx.tense)
    if in_weekend:
        step = 0
    elif direction == "past":
        step = -1
    elif direction == "future":
        step = 0
    else:
        step = -1 if dct.weekday() <= 2 else 0
    return Reading("DATE", week.shift(step, "week").at("weekend").value(), "DCT")


# Words that introduce the compared figure: "compared with C$3 million a year earlier".
COMPARISON_CUE = re.compile(r"\b(?:compared\s+(?:with|to)|versus|vs\.|from|than)\s+(?:[^.;:!?]|\.(?=\d)){0,40}$",
                            re.IGNORECASE)


@rule("date.ago",
      r"(?:(?P<mod>" + AMOUNT_MOD_RE + r")\s+)?(?:(?P<num>" + NUM_RE + r")\s+)?(?P<unit>" + UNIT_RE + r")"
      r"\s+(?P<dir>ago|earlier|later|from\s+now|hence|(?:before|after|prior)(?=\s*[.,;:!?)]|\s*$))")
def _ago(m, ctx):
    unit = unit_of(m["unit"])
    direction = norm(m["dir"])
    sign = -1 if direction in ("ago", "earlier", "before", "prior") else 1
    mod = amount_mod(m["mod"])
    if mod:
        mod = AGO_MODS.get(mod, mod) if sign < 0 else LATER_MODS.get(mod, mod)
    amount = number_value(m["num"]) if m["num"] else None
    if ctx.reference_bc is not None and direction not in ("ago", "from now", "hence") and amount is not None \
            and unit in ("year", "decade", "century") and float(amount).is_integer():
        years = int(amount) * {"year": 1, "decade": 10, "century": 100}[unit]
        return Reading("DATE", bc_year_value(ctx.reference_bc - sign * years), ctx.reference_label, mod)
    if direction in ("ago", "from now", "hence"):
        base, anchor = (Point(ctx.dct), "DCT") if ctx.dct else (None, "DCT")
    else:
        base, anchor = ctx.anchor_point()
    if amount is None:
        if unit in SUB_DAY_UNITS and base is not None:
            return Reading("DATE", base.at("day").value() if base.gran == "day" else base.value(), anchor, mod)
        if direction in ("ago", "earlier", "before", "prior"):
            return Reading("DATE", "PAST_REF", anchor, mod)
        return Reading("DATE", "FUTURE_REF", anchor, mod)
    if base is None:
        return Reading("DATE", None, anchor, mod)
    if unit in SUB_DAY_UNITS:
        if base.gran != "day":
            return Reading("DATE", None, anchor, mod)
        return Reading("DATE", base.value(), anchor, mod)
    if not float(amount).is_integer():
        return Reading("DATE", None, anchor, mod)
    if unit == "weekend":
        unit = "week"
    comparison = unit == "year" and amount == 1 and direction in ("ago", "earlier") and mod is None
    same = ctx.comparison_reference() if comparison and direction == "earlier" else None
    if same is not None and COMPARISON_CUE.search(ctx.text[max(0, m.start() - 60):m.start()]):
        return Reading("DATE", same.value(), ctx.reference_label, mod, sets_reference=False)
    if direction == "ago" and unit == "year" and ctx.reference is not None and ctx.reference.gran == "quarter":
        # "a year ago" in a report about 1989-Q3 compares with 1988-Q3
        return Reading("DATE", ctx.reference.move(sign * int(amount), unit).value(), ctx.reference_label, mod,
                       sets_reference=not comparison)
    if direction in ("earlier", "later", "before", "after", "prior") and RANK[unit] >= RANK[base.gran]:
        # "a year earlier" than 1989-Q3 is 1988-Q3: keep the reference time's granularity
        moved = base.move(sign * int(amount), unit)
    else:
        moved = base.shift(sign * int(amount), unit)
    return Reading("DATE", moved.value(), anchor, mod, sets_reference=not (comparison and base.gran != "day"))


@rule("date.anaphoric",
      r"(?:(?P<early>earlier|later)\s+(?:in\s+)?(?:the|that)|that|the\s+(?P<rel>next|following|previous|preceding))"
      r"\s+(?P<unit>day|morning|afternoon|evening|night|week|month|quarter|year)")
def _anaphoric(m, ctx):
    base, anchor = ctx.anchor_point()
    unit = norm(m["unit"])
    if ctx.reference_bc is not None and unit == "year":
        step = {"next": 1, "following": 1, "previous": -1, "preceding": -1}.get(norm(m["rel"] or ""), 0)
        return Reading("DATE", bc_year_value(ctx.reference_bc - step), ctx.reference_label)
    part = PART_OF_DAY.get(unit)
    kind = "TIME" if part else "DATE"
    if base is None:
        return Reading(kind, None, anchor)
    rel = norm(m["rel"]) if m["rel"] else ""
    step = {"next": 1, "following": 1, "previous": -1, "preceding": -1}.get(rel, 0)
    gran = "day" if part or unit == "day" else unit
    if gran == "day" and base.gran != "day":
        return Reading(kind, None, anchor)
    point = base.at(gran).shift(step, gran)
    return Reading(kind, point.value() + (f"T{part}" if part else ""), anchor)


@rule("date.anaphoric", r"the\s+day\s+(?P<dir>before|after)(?!\s+(?:the|a|an|his|her|its|their)\b)")
def _day_before(m, ctx):
    base, anchor = ctx.anchor_point()
    if base is None or base.gran != "day":
        return Reading("DATE", None, anchor)
    after = norm(m["dir"]) == "after"
    # "the day before" is a flashback: the story's time stays where it was
    return Reading("DATE", base.shift(1 if after else -1, "day").value(), anchor, sets_reference=after)


# --- durations -----------------------------------------------------------------------

def _duration_guard(m, text):
    unit = unit_of(m["unit"])
    if m["unit"][0].isupper() and m["num"][0].isupper():
        return False  # a name: "the Thirty Years' War", "the Six-Day War"
    if unit == "quarter" and norm(m["num"]) in ("some", "many", "most", "all") and m["unit"].lower().endswith("s"):
        return False  # "in some quarters": an idiom for circles of opinion, never a time
    if re.fullmatch(r"(?:1[89]|20)\d\d", m["num"]) and not m["unit"].lower().endswith("s"):
        return False  # "the 1988 quarter" is a year's quarter, not 1988 quarters
    if unit == "second" and re.match(r"[\s-]+(?:quarter|half)\b", text[m.end():m.end() + 9]):
        return False  # "the 1988 second quarter" is an ordinal, not 1988 seconds
    if unit == "quarter" and (re.match(r"\s+of\b", text[m.end():m.end() + 4]) or "-" in m.group()):
        return False  # fractions: "three-quarters of the vote", "a quarter of the seats"
    says_old = bool(m["tail"] and norm(m["tail"]) == "old") or re.match(r"\s+old\b", text[m.end():m.end() + 5])
    if unit == "year" and says_old:
        return False  # ages ("a 44-year-old lawyer", "52 years old") are properties, not times (TimeBank practice)
    num = norm(m["num"])
    if num in ("a", "an", "some") and not m["rel"] and not m["mod"] and not m["tail"] and not m["half"]:
        # "a year" / "a week": a duration only after a cue ("for a year", "in a week").
        return prev_word(text, m.start()) in {"for", "in", "within", "after", "than", "over", "nearly",
                                             "almost", "about", "least", "past", "last", "take", "took",
                                             "takes", "spent", "spend", "lasted", "lasts"}
    return True


SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s+[\"“]?[A-Z]")
EVENT_END = re.compile(r"\s+(?:and|but|when|while|which|who|as|in|on|at|from|to)\s|[.,;:!?()\"“”]")


def _offset_guard(m, text):
    """"four days after the attack": the event phrase is no time expression itself ("two weeks
    after March 3" is left to other rules) and the amount is known."""
    return number_value(m["num"]) is not None and not re.match(r"\s*(?:\d|" + MONTH_RE + r"|" + WEEKDAY_RE + r")",
                                                                text[m.end("dir"):m.end("dir") + 12])


@rule("date.offset_event",
      r"(?P<t>(?P<num>" + NUM_RE + r")[\s-]+(?P<unit>days?|weeks?|months?|years?|decades?))\s+(?P<dir>after|before)\b",
      guard=_offset_guard, priority=-2, needs_tense=True)
def _offset_event(m, ctx):
    """"eight days after the attack": a date when the event is dated, i.e. the clause is in the
    past tense and a reference time with a fine enough granularity was set in an earlier sentence
    of the same paragraph (a date in the
    same sentence dates the clause itself, as in "on 28 June 1919 ... five years after the
    shooting"); else the duration, anchored to the event phrase ("after:the attack")."""
    unit, amount = unit_of(m["unit"]), number_value(m["num"])
    assert amount is not None  # the guard
    sign = 1 if norm(m["dir"]) == "after" else -1
    base = ctx.reference
    dated = base is not None and ctx.tense == "past" and ctx.reference_end is not None \
        and ctx.reference_end >= ctx.paragraph_start \
        and SENTENCE_END.search(ctx.text, ctx.reference_end, m.start() + 1) is not None \
        and RANK[unit] >= RANK[base.gran] and float(amount).is_integer()
    if dated and base is not None:
        # a flashback ("three days before the summit") leaves the story's time where it was
        return Reading("DATE", base.move(sign * int(amount), unit).value(), ctx.reference_label,
                       sets_reference=sign > 0)
    event_start = m.end("dir")
    event_end = EVENT_END.search(ctx.text, event_start + 1)
    event = ctx.text[event_start:event_end.start() if event_end else len(ctx.text)].strip()
    return Reading("DURATION", duration_value(amount, unit), f"{norm(m['dir'])}:{' '.join(event.split()[:8])}",
                   sets_reference=False)


_SMALL_NUMBER_RE = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"


@rule("duration.amount",
      r"(?:(?P<mod>" + AMOUNT_MOD_RE + r")\s+)?"
      r"(?:the\s+(?:(?P<rel>past|last|next|first|coming|previous|following|final|latest|initial|remaining|full)\s+)?"
      r"(?![\w.]+-))?"
      r"(?:(?P<low>\d+|" + _SMALL_NUMBER_RE + r")\s+(?:to|or)\s+)?"
      r"(?P<num>" + NUM_RE + r")[\s-]+(?:(?:more|additional|further|extra)\s+)?(?P<unit>" + UNIT_RE + r")"
      r"(?:-(?P<tail>old|long))?(?P<half>\s+and\s+a\s+half)?"
      r"(?P<orso>\s+or\s+(?:so|" + _SMALL_NUMBER_RE + r")\b)?",
      guard=_duration_guard)
def _duration(m, ctx):
    unit = unit_of(m["unit"])
    amount = number_value(m["num"])
    if m["half"] and amount is not None:
        amount += 0.5  # "a minute and a half"
    if m["low"] or (m["orso"] and norm(m["orso"]) != "or so"):
        amount = None  # a range: "two to three weeks", "the next 12 to 18 months", "a year or two"
    mod = amount_mod(m["mod"]) or ("APPROX" if m["orso"] and norm(m["orso"]) == "or so" else None)
    return Reading("DURATION", duration_value(amount, unit), mod=mod)


@rule("duration.unit",
      r"(?:(?P<mod>" + AMOUNT_MOD_RE + r")\s+)?the\s+(?P<rel>past|last|next|first|coming|previous|full)\s+"
      r"(?P<unit>hour|day|week|month|year|decade|century)",
      guard=lambda m, text: not re.fullmatch(r"full\s+year", m.group()[-9:].strip(), re.IGNORECASE))
def _the_past_year(m, ctx):
    rel = norm(m["rel"])
    if rel == "coming":
        return None
    return Reading("DURATION", duration_value(1, unit_of(m["unit"])), mod=amount_mod(m["mod"]))


@rule("duration.plural",
      r"(?P<cue>for|over|within|in|after|took|lasted|spent)\s+(?P<t>(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries))"
      r"(?!\s+(?:ago|later|earlier|of\s+(?:the|his|her|their|its)))")
def _plural_unit(m, ctx):
    return Reading("DURATION", duration_value(None, unit_of(m["unit"])))


# --- sets ----------------------------------------------------------------------------------

@rule("set.every",
      r"(?:every|each|per)\s+(?:(?P<other>other)\s+|(?P<num>" + NUM_RE + r")\s+)?"
      r"(?P<unit>" + UNIT_RE + r"|morning|afternoon|evening)")
def _every(m, ctx):
    word = norm(m["unit"])
    if word in PART_OF_DAY:
        return Reading("SET", f"XXXX-XX-XXT{PART_OF_DAY[word]}")
    amount = number_value(m["num"]) if m["num"] else (2.0 if m["other"] else 1.0)
    return Reading("SET", duration_value(amount or 1.0, unit_of(word)))


SET_ADVERBS = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year",
               "yearly": "year", "nightly": "night", "hourly": "hour"}


@rule("set.adverb", r"(?P<w>daily|weekly|monthly|annually|yearly|nightly|hourly)")
def _set_adverb(m, ctx):
    return Reading("SET", duration_value(1, SET_ADVERBS[norm(m["w"])]))


@rule("set.frequency",
      r"(?P<n>once|twice|" + NUM_RE + r"\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>" + UNIT_RE + r")")
def _frequency(m, ctx):
    return Reading("SET", duration_value(1, unit_of(m["unit"])))


# --- vague references ------------------------------------------------------------------------

VAGUE = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "the present": "PRESENT_REF",
    "the time being": "PRESENT_REF", "at present": "PRESENT_REF", "present day": "PRESENT_REF",
    "recently": "PAST_REF", "more recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "soon": "FUTURE_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the distant future": "FUTURE_REF",
}


def _vague_guard(m, text):
    word = norm(m["w"])
    if word == "now" and text[m.end():m.end() + 1] == "-":
        return False  # "now-defunct"
    if word == "soon" and (prev_word(text, m.start()) in ("as", "too", "how")
                           or re.match(r"\s+(?:as|after|afterwards?|thereafter)\b", text[m.end():m.end() + 14])):
        return False  # "as soon as Tuesday", "soon after the vote" are not timexes themselves
    if word == "the past":
        amount = r"\s+(?:" + NUM_RE + r"|" + UNIT_RE + r")\b"
        amount_follows = re.match(amount, text[m.end():m.end() + 20], re.IGNORECASE)
        return not amount_follows
    return True


@rule("vague", r"(?P<w>(?:right\s+)?now|(?:more\s+)?recently|currently|nowadays|these\s+days|the\s+time\s+being|"
               r"recently|lately|the\s+past|soon|the\s+(?:near\s+|distant\s+)?future|the\s+present)",
      guard=_vague_guard)
def _vague(m, ctx):
    return Reading("DATE", VAGUE[norm(m["w"])])


@rule("vague.period",
      r"(?:the\s+(?P<dir1>coming|next\s+few|next\s+several|past\s+few|last\s+few|past\s+several|last\s+several)\s+(?P<u1>days|weeks|months|quarters|years)"
      r"|the\s+(?P<u2>days|weeks|months|years)\s+(?P<dir2>ahead|to\s+come)"
      r"|(?P<dir3>recent|coming|future)\s+(?P<u3>days|weeks|months|quarters|years|decades))", priority=-1)
def _vague_period(m, ctx):
    """"the past few weeks", "the next few days", "the weeks ahead": stretches of unknown
    length (DURATION PXW...), as TimeBank marks them; "the coming days", "coming months",
    "future quarters" point ahead (FUTURE_REF); "recent years" is a stretch too (PXY), as
    TimeBank marks it more often than PAST_REF."""
    direction = norm(m["dir1"] or m["dir2"] or m["dir3"])
    unit = m["u1"] or m["u2"] or m["u3"]
    if direction.startswith(("past", "last", "next", "recent")) or m["dir2"]:
        return Reading("DURATION", duration_value(None, unit_of(unit)))
    return Reading("DATE", "FUTURE_REF")


@rule("vague.current",
      r"(?P<then>then[\s-]+)?current(?!\s+(?:year|quarter|month|week|period|fiscal|term|account|accounts)\b)(?=\s+[a-z])",
      flags=0)
def _current(m, ctx):
    """The adjective "current" ("current market conditions") is PRESENT_REF in TimeBank;
    "the then-current price" looks back (PAST_REF)."""
    return Reading("DATE", "PAST_REF" if m["then"] else "PRESENT_REF")


def _year_end_guard(m, text):
    return prev_word(text, m.start()) in {"by", "since", "at", "until", "till", "before", "after", "around", "near",
                                          "through", "to", "from"}


@rule("date.year_end", r"year[\s-]end|year['’]s\s+end", guard=_year_end_guard, needs_tense=True)
def _year_end(m, ctx):
    """"by year-end": the end of the DCT's year; "since year-end": the one before."""
    if ctx.dct is None:
        return Reading("DATE", None, "DCT", mod="END")
    back = prev_word(ctx.text, m.start()) == "since"
    return Reading("DATE", f"{ctx.dct.year - back:04d}", "DCT", mod="END")


# --- clock times --------------------------------------------------------------------------------

def _clock(hour: int, minute: int, ampm: str | None) -> str | None:
    if ampm:
        a = ampm.lower().replace(".", "")
        if hour > 12:
            return None
        if a == "pm" and hour != 12:
            hour += 12
        if a == "am" and hour == 12:
            hour = 0
    if hour > 24 or minute > 59:
        return None
    return f"T{hour:02d}:{minute:02d}"


@rule("time.clock",
      r"(?:(?P<mod>" + AMOUNT_MOD_RE + r")\s+)?"
      r"(?:(?P<h>\d{1,2})(?:[:.](?P<min>\d\d))?\s*(?P<ap>a\.m\.?|p\.m\.?|am\b|pm\b)|(?P<named>noon|midnight))"
      r"(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|local\s+time))?(?:,?\s+(?P<day>" + WEEKDAY_RE + r"|today|yesterday|tomorrow))?"
      r"(?:,?\s+(?P<month>" + MONTH_RE + r")\s+(?P<mday>[0-3]?\d)(?:,?\s+(?P<year>(?:1[89]|20)\d\d))?)?",
      needs_tense=True)
def _time(m, ctx):
    clock: str | None
    if m["named"]:
        clock = "T12:00" if norm(m["named"]) == "noon" else "T24:00"
    else:
        clock = _clock(int(m["h"]), int(m["min"] or 0), m["ap"])
    if clock is None:
        return None
    mod = amount_mod(m["mod"])
    day_word = norm(m["day"]) if m["day"] else ""
    if m["month"]:
        month, mday = month_of(m["month"]), int(m["mday"])
        if m["year"]:
            year = int(m["year"])
        elif ctx.dct is not None:
            year = year_for(ctx.dct, month, mday, direction_of(ctx.tense))
        else:
            return Reading("TIME", None, "DCT", mod=mod)
        if not _valid(year, month, mday):
            return None
        return Reading("TIME", dt.date(year, month, mday).isoformat() + clock, None if m["year"] else "DCT", mod=mod)
    if ctx.dct is not None and day_word in WEEKDAYS:
        date = weekday_date(ctx.dct, WEEKDAYS[day_word], direction_of(ctx.tense))
        return Reading("TIME", date.isoformat() + clock, "DCT", mod=mod)
    if ctx.dct is not None and day_word in DEICTIC_OFFSET:
        day = ctx.dct + dt.timedelta(days=DEICTIC_OFFSET[day_word])
        return Reading("TIME", day.isoformat() + clock, "DCT", mod=mod)
    base, anchor = ctx.anchor_point()
    if (base is None or base.gran != "day") and ctx.dct is not None:
        base, anchor = Point(ctx.dct), "DCT"  # a clock time with no day in sight: the DCT's day
    if base is None or base.gran != "day":
        return Reading("TIME", None, anchor, mod=mod)
    return Reading("TIME", base.value() + clock, anchor, mod=mod)


# --- quarters, halves, holidays -------------------------------------------------------------------

QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


@rule("date.quarter",
      r"(?:the\s+(?=(?:fiscal\s+)?\S+\s+(?:quarter|half)))?(?:fiscal\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?P<unit>quarter|half)"
      r"(?:\s+of\s+(?:fiscal\s+)?(?:the\s+year\s+)?(?P<year>(?:1[89]|20)\d\d))?")
def _quarter(m, ctx):
    q = QUARTERS[norm(m["q"])]
    unit = norm(m["unit"])
    if unit == "half" and q > 2:
        return None
    if m["year"]:
        year, anchor = int(m["year"]), None
    elif ctx.dct is not None:
        current = (ctx.dct.month - 1) // 3 + 1 if unit == "quarter" else (1 if ctx.dct.month <= 6 else 2)
        year, anchor = (ctx.dct.year if q <= current else ctx.dct.year - 1), "DCT"
    else:
        return Reading("DATE", None, "DCT")
    return Reading("DATE", f"{year:04d}-{'Q' if unit == 'quarter' else 'H'}{q}", anchor)


HALF_WORDS = {"first": 1, "last": 2, "latter": 2, "final": 2}


@rule("date.quarter",
      r"(?:the\s+)?(?:(?P<half>last|latter|final)\s+half|(?P<pair>first|last)\s+two\s+quarters)"
      r"\s+of\s+(?:fiscal\s+)?(?P<year>(?:1[89]|20)\d\d)")
def _half_of_year(m, ctx):
    """"the last half of 1989" (1989-H2), "the first two quarters of 1990" (1990-H1): a half
    of a named year, as TimeML writes halves ("the first half of 1990" is date.quarter's)."""
    half = HALF_WORDS[norm(m["half"] or m["pair"])]
    return Reading("DATE", f"{int(m['year']):04d}-H{half}")


@rule("date.quarter", r"the\s+(?P<rel>latest|current|past|last|previous|most\s+recent)\s+quarter")
def _the_quarter(m, ctx):
    if ctx.dct is None:
        return Reading("DATE", None, "DCT")
    step = 0 if norm(m["rel"]) == "current" else -1
    return Reading("DATE", Point(ctx.dct).at("quarter").shift(step, "quarter").value(), "DCT")


HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
            "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
            "halloween": (10, 31), "valentine's day": (2, 14)}


@rule("date.holiday",
      r"(?P<name>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s(?:\s+(?:Day|Eve))|Independence\s+Day|Halloween|Valentine['’]s\s+Day|Thanksgiving(?:\s+Day)?|Election\s+Day)"
      r"(?:,?\s+(?P<year>(?:1[89]|20)\d\d))?", needs_tense=True)
def _holiday(m, ctx):
    name = norm(m["name"])
    if m["year"]:
        year = int(m["year"])
    elif ctx.dct is not None:
        month, day = HOLIDAYS.get(name, (11, 5) if name == "election day" else (11, 25))
        year = year_for(ctx.dct, month, day, direction_of(ctx.tense))
    else:
        return Reading("DATE", None, "DCT")
    if name.startswith("thanksgiving"):
        first = dt.date(year, 11, 1)
        date = first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    elif name == "election day":
        # US Election Day: the Tuesday after the first Monday of November
        first = dt.date(year, 11, 1)
        date = first + dt.timedelta(days=(0 - first.weekday()) % 7 + 1)
    else:
        month, day = HOLIDAYS[name]
        date = dt.date(year, month, day)
    return Reading("DATE", date.isoformat(), None if m["year"] else "DCT")


@rule("date.quarter", r"the\s+quarter(?!\s+(?:of|century|mile|point|percent))")
def _bare_quarter(m, ctx):
    """"the quarter": the reference quarter when the text is talking about one, else the
    last completed quarter before the DCT (the one a company is reporting on)."""
    if ctx.reference is not None and ctx.reference.gran == "quarter":
        return Reading("DATE", ctx.reference.value(), ctx.reference_label)
    if ctx.dct is None:
        return Reading("DATE", None, "DCT")
    return Reading("DATE", Point(ctx.dct).at("quarter").shift(-1, "quarter").value(), "DCT")


def _reported_quarter(ctx) -> int | None:
    """The quarter number a financial report is about: the reference quarter when the text
    is talking about one, else the last quarter completed before the DCT."""
    if ctx.reference is not None and ctx.reference.gran == "quarter":
        return (ctx.reference.date.month - 1) // 3 + 1
    if ctx.dct is None:
        return None
    return (Point(ctx.dct).at("quarter").shift(-1, "quarter").date.month - 1) // 3 + 1


@rule("date.quarter",
      r"(?:the\s+(?P<year>(?:1[89]|20)\d\d)|(?P<rel>this|last|next)\s+year['’]s)\s+"
      r"(?:(?P<q>first|second|third|fourth)\s+)?(?:fiscal\s+)?(?P<unit>quarter|period)")
def _year_quarter(m, ctx):
    """"the 1988 second quarter", "the 1989 period", "next year's first quarter"."""
    unit = norm(m["unit"])
    if m["year"]:
        year, anchor = int(m["year"]), None
    elif ctx.dct is not None:
        year, anchor = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[norm(m["rel"])], "DCT"
    else:
        return Reading("DATE", None, "DCT")
    if m["q"]:
        return Reading("DATE", f"{year:04d}-Q{QUARTERS[norm(m['q'])]}", anchor)
    q = _reported_quarter(ctx)
    if q is None or (unit == "period" and not m["year"]):
        return None  # "last year's period" is left to "last year"
    return Reading("DATE", f"{year:04d}-Q{q}", anchor)


@rule("date.quarter", r"the\s+latest\s+period")
def _latest_period(m, ctx):
    q = _reported_quarter(ctx)
    if q is None:
        return Reading("DATE", None, "DCT")
    if ctx.reference is not None and ctx.reference.gran == "quarter":
        return Reading("DATE", ctx.reference.value(), ctx.reference_label)
    return Reading("DATE", Point(ctx.dct).at("quarter").shift(-1, "quarter").value(), "DCT")


@rule("date.fiscal_year",
      r"(?:(?P<mod>the\s+(?:beginning|start|end|middle)\s+of)\s+)?"
      r"the\s+(?:(?P<rel>current|latest|full|past)\s+)?(?:(?P<fiscal>fiscal)\s+)?year(?![-\w])"
      r"(?=(?P<ended>\s+(?:ended|ending|that\s+ended|to)\b)?)")
def _the_year(m, ctx):
    """"the year" of a company report: "for the year" is the DCT's year; "the year ended
    March 31" is a twelve-month period (DURATION P1Y), as TimeBank marks it."""
    rel = norm(m["rel"]) if m["rel"] else ""
    if rel == "past" and not m["fiscal"]:
        return None  # "the past year" is duration.unit's
    if m["ended"]:
        return Reading("DURATION", "P1Y")
    bare_after_preposition = rel == "" and not m["fiscal"] and prev_word(ctx.text, m.start()) in ("for", "of", "in")
    if rel == "full" or m["mod"] or bare_after_preposition \
            or m["fiscal"] or rel == "current":
        if ctx.dct is None:
            return Reading("DATE", None, "DCT")
        step = -1 if rel in ("latest", "past") else 0
        return Reading("DATE", f"{ctx.dct.year + step:04d}", "DCT", mod=point_mod(m["mod"]))
    if rel == "latest":
        return Reading("DATE", f"{ctx.dct.year - 1:04d}", "DCT") if ctx.dct else Reading("DATE", None, "DCT")
    return None


@rule("date.year_earlier",
      r"(?:the\s+(?:comparable\s+)?(?=year-(?:earlier|ago)\s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period|month)))?"
      r"year-(?:earlier|ago)(?:\s+(?:(?P<q>first|second|third|fourth)\s+)?(?P<unit>quarter|period|level|month))?")
def _year_earlier(m, ctx):
    """"the year-ago quarter", "year-earlier results": the same period a year before.

    "the" belongs to the span only with the period noun ("the year-ago quarter"); before
    another noun ("the year-earlier results") the adjective stands alone, as TimeBank marks it."""
    base, anchor = ctx.anchor_point()
    if base is None:
        return Reading("DATE", None, anchor, sets_reference=False)
    unit = norm(m["unit"]) if m["unit"] else ""
    same = ctx.comparison_reference()
    if same is not None and not m["q"] and (not unit or unit in ("period", "level")):
        # "Last year ... the year-earlier results": the comparison period already named
        return Reading("DATE", same.value(), anchor, sets_reference=False)
    if m["q"]:
        year = (base.date.year if anchor != "DCT" else ctx.dct.year) - 1
        return Reading("DATE", f"{year:04d}-Q{QUARTERS[norm(m['q'])]}", anchor, sets_reference=False)
    if base.gran == "day" and anchor == "DCT":
        base = base.at("quarter").shift(-1, "quarter")  # financial news reports the last quarter
    elif base.gran == "day":
        base = base.at("quarter")  # "the quarter ended Sept. 30 ... the year-ago quarter"
    if not unit and base.gran == "quarter" and (ctx.reference is None or ctx.reference.gran != "quarter"):
        base = base.at("year")  # "year-earlier net income" with no quarter in sight: the year before
    return Reading("DATE", base.move(-1, "year").value(), anchor, sets_reference=False)


SPELLED_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
SPELLED_TENS = {"ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                "eighty": 80, "ninety": 90, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}


@rule("date.spelled_year",
      r"(?:(?P<month>" + MONTH_RE + r")\s+|(?:the\s+)?(?P<season>" + SEASON_RE + r")\s+of\s+)?(?:the\s+year\s+)?"
      r"(?:nineteen[\s-](?P<tens>ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
      r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
      r"(?:[\s-](?P<ones>one|two|three|four|five|six|seven|eight|nine))?"
      r"|two\s+thousand(?:\s+and)?(?:[\s-](?P<ones2>one|two|three|four|five|six|seven|eight|nine|ten))?)")
def _spelled_year(m, ctx):
    if m["tens"]:
        year = 1900 + SPELLED_TENS[norm(m["tens"])] + (SPELLED_UNITS[norm(m["ones"])] if m["ones"] else 0)
    else:
        year = 2000 + ({**SPELLED_UNITS, "ten": 10}[norm(m["ones2"])] if m["ones2"] else 0)
    if m["month"]:
        return Reading("DATE", f"{year:04d}-{month_of(m['month']):02d}")
    if m["season"]:
        return Reading("DATE", f"{year:04d}-{SEASONS[norm(m['season'])][0]}")  # "the winter of nineteen ninety-four"
    return Reading("DATE", f"{year:04d}")

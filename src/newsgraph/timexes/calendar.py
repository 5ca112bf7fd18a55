"""Calendar points at a granularity, and their TIMEX3 ``value`` strings.

A :class:`Point` is a start date plus a granularity (day, week, month...).
It knows how to print itself as a TIMEX3 value (``2023-09-12``, ``2023-W37``,
``2023-09``, ``2023-Q3``, ``2023-SU``, ``2023``, ``202`` for a decade, ``20`` for a century) and how
to move by a number of units (dateutil's ``relativedelta`` does the arithmetic).
``parse_value`` reads a value back, so a resolved timex can anchor a later one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

# Finest first: a value can be moved by a unit no finer than its own granularity.
GRANULARITIES = ("day", "week", "weekend", "month", "quarter", "season", "half", "year", "decade", "century")
RANK = {g: i for i, g in enumerate(GRANULARITIES)}
RANK["weekend"] = RANK["week"]
RANK["season"] = RANK["quarter"]
SUB_DAY_UNITS = ("second", "minute", "hour")

SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "fall": ("FA", 9), "autumn": ("FA", 9), "winter": ("WI", 12)}
SEASON_BY_CODE = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

# TIMEX3 duration letters per unit.
DURATION_CODE = {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y",
    "decade": "DE", "century": "CE",
}


@dataclass(frozen=True)
class Point:
    date: dt.date
    gran: str = "day"
    season: str | None = None  # SP SU FA WI when gran == "season"

    def value(self) -> str:
        d = self.date
        if self.gran == "day":
            return d.isoformat()
        if self.gran in ("week", "weekend"):
            year, week, _ = d.isocalendar()
            return f"{year}-W{week:02d}" + ("-WE" if self.gran == "weekend" else "")
        if self.gran == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if self.gran == "quarter":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if self.gran == "half":
            return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
        if self.gran == "season":
            return f"{d.year:04d}-{self.season}"
        if self.gran == "year":
            return f"{d.year:04d}"
        # TimeML (TIMEX3) writes a decade and a century as truncated years: the 1990s = 199,
        # the 20th century = 19 (TimeBank itself is inconsistent and sometimes pads with X).
        if self.gran == "decade":
            return f"{d.year // 10:03d}"
        if self.gran == "century":
            return f"{d.year // 100:02d}"
        raise ValueError(self.gran)

    def at(self, gran: str) -> Point:
        """The same moment seen at another granularity (start of the coarser unit)."""
        d = self.date
        if gran == "week" or gran == "weekend":
            return Point(d - dt.timedelta(days=d.weekday()), gran)
        if gran == "month":
            return Point(d.replace(day=1), gran)
        if gran == "quarter":
            return Point(dt.date(d.year, (d.month - 1) // 3 * 3 + 1, 1), gran)
        if gran == "half":
            return Point(dt.date(d.year, 1 if d.month <= 6 else 7, 1), gran)
        if gran == "year":
            return Point(dt.date(d.year, 1, 1), gran)
        if gran == "decade":
            return Point(dt.date(d.year // 10 * 10, 1, 1), gran)
        if gran == "century":
            return Point(dt.date(d.year // 100 * 100, 1, 1), gran)
        return Point(d, gran)

    def move(self, n: int, unit: str) -> Point:
        """Move by ``n`` units keeping this point's own granularity (2023-Q3 - 1 year = 2022-Q3)."""
        return Point(self.date + _STEPS[unit](n), self.gran, self.season)

    def shift(self, n: int, unit: str) -> Point:
        """Move by ``n`` units; the result has the unit's granularity (or stays coarser)."""
        moved = self.date + _STEPS[unit](n)
        unit_gran = {"night": "day", "fortnight": "week"}.get(unit, unit)
        gran = unit_gran if RANK[unit_gran] >= RANK[self.gran] else self.gran
        return Point(moved, gran).at(gran) if gran != "day" else Point(moved, "day")


_STEPS = {
    "day": lambda n: relativedelta(days=n), "night": lambda n: relativedelta(days=n),
    "week": lambda n: relativedelta(weeks=n), "weekend": lambda n: relativedelta(weeks=n),
    "fortnight": lambda n: relativedelta(weeks=2 * n), "month": lambda n: relativedelta(months=n),
    "quarter": lambda n: relativedelta(months=3 * n), "season": lambda n: relativedelta(months=3 * n),
    "half": lambda n: relativedelta(months=6 * n), "year": lambda n: relativedelta(years=n),
    "decade": lambda n: relativedelta(years=10 * n), "century": lambda n: relativedelta(years=100 * n),
}


def parse_value(value: str | None) -> Point | None:
    """Read a calendar TIMEX3 value back into a Point (None for REFs, durations...)."""
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(T.*)?", value)
    if m:
        try:
            return Point(dt.date(int(m[1]), int(m[2]), int(m[3])), "day")
        except ValueError:
            return None
    m = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value)
    if m:
        return Point(dt.date.fromisocalendar(int(m[1]), int(m[2]), 1), "weekend" if m[3] else "week")
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m:
        return Point(dt.date(int(m[1]), int(m[2]), 1), "month")
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        return Point(dt.date(int(m[1]), 3 * int(m[2]) - 2, 1), "quarter")
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if m:
        return Point(dt.date(int(m[1]), SEASON_BY_CODE[m[2]], 1), "season", m[2])
    m = re.fullmatch(r"(\d{4})", value)
    if m:
        return Point(dt.date(int(m[1]), 1, 1), "year")
    m = re.fullmatch(r"(\d{3})X?", value)
    if m:
        return Point(dt.date(int(m[1]) * 10, 1, 1), "decade")
    m = re.fullmatch(r"(\d{2})(?:XX)?", value)
    if m:
        return Point(dt.date(int(m[1]) * 100, 1, 1), "century")
    return None


def parse_dct(published: str | None) -> dt.date | None:
    """The calendar day of an ISO date or datetime string (None when absent or unreadable)."""
    if not published:
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", published)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


# Finer unit used for a fractional amount: (how many per unit, TIMEX3 letter)
FRACTION_SPLIT = {"year": (12, "M"), "hour": (60, "M"), "minute": (60, "S"), "day": (24, "H")}


def duration_value(amount: float | None, unit: str) -> str:
    """``P3D``, ``PT24H``, ``P18M``; ``X`` for an unknown amount (``PXY``)."""
    code = DURATION_CODE[unit]
    if amount is not None and unit in ("decade", "century"):
        # TimeBank writes known decades and centuries in years ("two decades" -> P20Y)
        amount, code = amount * (10 if unit == "decade" else 100), "Y"
    if amount is not None and not float(amount).is_integer() and unit in FRACTION_SPLIT:
        # "2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M: whole units plus the next finer one
        per, finer = FRACTION_SPLIT[unit]
        whole, rest = int(amount), round((amount - int(amount)) * per)
        time = code.startswith("T")
        head = f"{whole}{code[-1]}" if whole else ""
        tail = f"{rest}{finer}"
        if unit == "day":
            return f"P{head}T{tail}"
        return ("PT" if time else "P") + head + tail
    if amount is None:
        number = "X"
    elif unit == "fortnight":
        number = _num(2 * amount)
    else:
        number = _num(amount)
    if code.startswith("T"):
        return f"PT{number}{code[1:]}"
    return f"P{number}{code}"


def _num(amount: float) -> str:
    return str(int(amount)) if float(amount).is_integer() else str(amount)

"""Publication dates: find them in header lines and normalise them to ISO ``YYYY-MM-DD``.

Header lines in news text write dates in a few English forms ("Monday, September 11, 2023",
"Sept. 11, 2023", "11 September 2023", "2023-09-11T08:30:00Z"); :func:`find_date` reads those
with one regular expression and a month table.  Metadata fields (JSON records, HTML) can hold any
format, so :func:`normalise_date` falls back to ``dateparser`` for the rest.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
         r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"

_ISO = r"(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_MDY = rf"(?P<mm>{MONTH})\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>\d{{4}})"
_DMY = rf"(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dm>{MONTH}),?\s+(?P<dy>\d{{4}})"
DATE_RE = re.compile(rf"(?:(?:{WEEKDAY}),?\s+)?(?:{_ISO}|{_MDY}|{_DMY})", re.IGNORECASE)
# A time of day that may follow a date on a header line ("10:30 a.m. EDT", "08:15 GMT").
TIME_RE = re.compile(
    r"(?:\s*(?:,|at|-|\|)?\s*\d{1,2}(?::\d{2}){1,2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}|UTC[+-]?\d*)?)",
    re.IGNORECASE,
)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_match(m: re.Match) -> str | None:
    if m.group("iy"):
        return _iso(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    if m.group("mm"):
        return _iso(int(m.group("my")), _MONTHS[m.group("mm")[:3].lower()], int(m.group("md")))
    return _iso(int(m.group("dy")), _MONTHS[m.group("dm")[:3].lower()], int(m.group("dd")))


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first full date (day, month and year) in ``text``: (ISO date, start, end)."""
    for m in DATE_RE.finditer(text):
        iso = _from_match(m)
        if iso:
            return iso, m.start(), m.end()
    return None


def is_date_only(text: str) -> str | None:
    """ISO date when ``text`` is nothing but a date (and maybe a time of day), else None."""
    stripped = text.strip(" \t|-–—•·")
    m = DATE_RE.match(stripped)
    if not m:
        return None
    rest = TIME_RE.sub("", stripped[m.end():], count=1).strip(" \t|,.-–—")
    return _from_match(m) if not rest else None


def normalise_date(value: object) -> str | None:
    """Any date value from metadata (string, number, datetime) as ``YYYY-MM-DD``, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # Unix time in seconds (or milliseconds when very large).
        seconds = value / 1000 if value > 10**11 else value
        try:
            return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if not text:
        return None
    found = find_date(text)
    if found:
        return found[0]
    return _dateparser_date(text)


def _dateparser_date(text: str) -> str | None:
    if len(text) > 60 or not re.search(r"\d", text):
        return None
    import dateparser  # imported lazily: it takes about a second to load

    parsed = dateparser.parse(
        text, languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"},
    )
    return parsed.date().isoformat() if parsed else None

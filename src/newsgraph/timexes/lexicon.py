"""Words of time: weekdays, months, numbers, units, modifiers, as regex pieces and lookups."""

from __future__ import annotations

import re

WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

MONTHS = {
    "january": 1, "jan.": 1, "february": 2, "feb.": 2, "march": 3, "mar.": 3, "april": 4,
    "apr.": 4, "may": 5, "june": 6, "jun.": 6, "july": 7, "jul.": 7, "august": 8, "aug.": 8,
    "september": 9, "sept.": 9, "sep.": 9, "october": 10, "oct.": 10, "november": 11,
    "nov.": 11, "december": 12, "dec.": 12,
}
# Case-sensitive: "may" the modal and "march" the verb are not months.
MONTH_RE = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)"
)
AMBIGUOUS_MONTHS = {"may", "march"}

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "one hundred": 100, "a dozen": 12, "dozen": 12,
    "a couple of": 2, "a couple": 2, "couple of": 2, "half a": 0.5, "half an": 0.5,
    "one and a half": 1.5, "a half": 0.5,
}
VAGUE_NUMBERS = {"a few", "few", "several", "many", "some", "dozens of", "hundreds of", "a number of"}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


NUM_RE = (
    r"(?:\d+\s+1/2|\d+(?:\.\d+)?|(?:" + _TENS + r")[\s-](?:" + _ONES + r")|"
    + _alternation(list(NUMBER_WORDS) + list(VAGUE_NUMBERS)) + r")"
)

UNITS = {
    "second": "second", "seconds": "second", "minute": "minute", "minutes": "minute",
    "hour": "hour", "hours": "hour", "day": "day", "days": "day", "night": "night", "nights": "night",
    "week": "week", "weeks": "week", "weekend": "weekend", "weekends": "weekend",
    "fortnight": "fortnight", "fortnights": "fortnight", "month": "month", "months": "month",
    "quarter": "quarter", "quarters": "quarter", "year": "year", "years": "year",
    "decade": "decade", "decades": "decade", "century": "century", "centuries": "century",
}
UNIT_RE = r"(?:" + _alternation(UNITS) + r")"

PART_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
SEASON_RE = r"(?:spring|summer|fall|autumn|winter)"

# Modifiers of an amount ("more than three years") -> TIMEX3 mod.
AMOUNT_MODS = {
    # bare "over"/"under" are left out: "over the past 20 years" is a preposition
    "more than": "MORE_THAN", "well over": "MORE_THAN", "just over": "MORE_THAN",
    "less than": "LESS_THAN", "fewer than": "LESS_THAN", "just under": "LESS_THAN",
    "nearly": "LESS_THAN", "almost": "LESS_THAN",
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
    "some": "APPROX",
    "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
}
AMOUNT_MOD_RE = r"(?:" + _alternation(AMOUNT_MODS) + r")"
# "more than three years ago" is a point before the one three years back.
AGO_MODS = {"MORE_THAN": "BEFORE", "EQUAL_OR_MORE": "ON_OR_BEFORE", "LESS_THAN": "AFTER",
            "EQUAL_OR_LESS": "ON_OR_AFTER", "APPROX": "APPROX"}
LATER_MODS = {"MORE_THAN": "AFTER", "EQUAL_OR_MORE": "ON_OR_AFTER", "LESS_THAN": "BEFORE",
              "EQUAL_OR_LESS": "ON_OR_BEFORE", "APPROX": "APPROX"}

# Modifiers of a point ("early July", "the end of the year") -> TIMEX3 mod.
POINT_MODS = {
    "early": "START", "earlier": "START", "the beginning of": "START", "the start of": "START",
    "late": "END", "later": "END", "the end of": "END", "mid": "MID", "mid-": "MID",
    "the middle of": "MID",
}
POINT_MOD_RE = r"(?:the\s+(?:beginning|start|end|middle)\s+of|early|late|mid-?)"

# Words before a bare "May"/"March" that make it a month.
MONTH_CUES = {
    "in", "since", "until", "till", "by", "of", "during", "through", "from", "to", "and", "or",
    "before", "after", "between", "last", "next", "this", "early", "late", "mid", "each", "every",
    "that", "for",
}


def norm(word: str) -> str:
    return re.sub(r"\s+", " ", word.lower().replace("’", "'")).strip()


def number_value(word: str | None) -> float | None:
    """3, 18, 0.5 for "three", "18", "half a"; None for vague amounts ("several")."""
    if word is None:
        return None
    w = norm(word)
    if re.fullmatch(r"\d+ 1/2", w):
        return float(w.split()[0]) + 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w)
    if w in NUMBER_WORDS:
        return float(NUMBER_WORDS[w])
    if "-" in w or " " in w:
        tens, _, ones = w.replace(" ", "-").partition("-")
        if tens in NUMBER_WORDS and ones in NUMBER_WORDS:
            return float(NUMBER_WORDS[tens] + NUMBER_WORDS[ones])
    return None


def unit_of(word: str) -> str:
    return UNITS[norm(word)]


def month_of(word: str) -> int:
    return MONTHS[norm(word)]

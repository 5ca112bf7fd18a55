"""Guessing a document creation time from the text itself, with a stated confidence.

Never used silently: the stage resolves against ``Document.published`` only.  A caller
that has no publication date may call :func:`infer_dct` and decide whether to use the
guess (and should record that it did).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Timex
from .extract import extract_timexes

HEADER_CHARS = 300  # a header date starts this near the top...
HEADER_LINE_CHARS = 120  # ...on a short line of its own (not inside a body sentence)


@dataclass
class InferredDct:
    value: str  # ISO date
    confidence: float  # 0..1
    evidence: str  # the text the guess rests on
    start: int
    end: int
    reason: str


def infer_dct(text: str) -> InferredDct | None:
    """The article's own date, when it states one.

    - a full date (day, month and year) on a short line in the first 300 characters,
      such as a "Monday, September 11, 2023" header line: confidence 0.9 (0.95 when a weekday
      given with it agrees);
    - else the latest full date anywhere in the text: the article is at least that
      recent, confidence 0.4.
    """
    full = [(value, t) for t in extract_timexes(text, None, None) if (value := _full_date(t))]
    if not full:
        return None
    first_value, first = full[0]
    line_start = text.rfind("\n", 0, first.start) + 1
    line_end = text.find("\n", first.end)
    line_length = (len(text) if line_end < 0 else line_end) - line_start
    if first.start < HEADER_CHARS and line_length <= HEADER_LINE_CHARS:
        weekday = dt.date.fromisoformat(first_value).strftime("%A")
        agrees = weekday in first.text
        return InferredDct(first_value, 0.95 if agrees else 0.9, first.text, first.start, first.end,
                           "full date in the article's header" + (", weekday agrees" if agrees else ""))
    latest_value, latest = max(full, key=lambda pair: pair[0])
    return InferredDct(latest_value, 0.4, latest.text, latest.start, latest.end,
                       "latest full date in the text (the article is at least this recent)")


def _full_date(timex: Timex) -> str | None:
    """The timex's value when it is a full calendar date (YYYY-MM-DD), else None."""
    value = timex.value
    if timex.type == "DATE" and value and len(value) == 10 and value[4] == "-":
        return value
    return None

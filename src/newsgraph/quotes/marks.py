"""Find direct quotations: stretches of text between quotation marks.

Handles straight (``"``) and curly (“ ”) double marks, single marks nested
inside a double-quoted stretch (‘ ’ or ``'``, left as part of the quoted
words), and the newspaper convention for quotations that run over several
paragraphs: a paragraph that opens a quotation and ends without closing it is
continued by the next paragraph when that paragraph starts with an opening
mark.  A quotation left open at a paragraph end with no such continuation is
closed there (a typo in the source is not allowed to swallow the article).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

OPEN_CURLY = "“"
CLOSE_CURLY = "”"
STRAIGHT = '"'
TWO_APOSTROPHES = "''"
# the characters a mark can start with (_mark_at finds none elsewhere): the scans jump between them
MARK_START = re.compile("[“”\"']")
MARK_START_OR_NEWLINE = re.compile("[“”\"'\n]")


@dataclass
class QuotedRegion:
    """One direct quotation.

    ``start``/``end`` cover the marks; ``pieces`` are the inner stretches (one
    per paragraph) without the marks; ``text`` joins them with a space.
    """

    start: int
    end: int
    pieces: list[tuple[int, int]] = field(default_factory=list)
    text: str = ""
    closed: bool = True  # False when the closing mark was missing


def _opens_straight(text: str, i: int) -> bool:
    """A straight mark opens when it follows whitespace, an opening bracket or a dash."""
    if i == 0:
        return True
    before = text[i - 1]
    return before.isspace() or before in "([{—–-/"


def _next_paragraph_start(text: str, i: int) -> int:
    """Index of the first non-space character after the newline run at ``i``."""
    j = i
    while j < len(text) and text[j].isspace():
        j += 1
    return j


def _mark_at(text: str, i: int) -> tuple[str, int]:
    """The double quotation mark at ``i`` as (kind, length): kind is open, close, straight or ""."""
    ch = text[i]
    if ch == OPEN_CURLY:
        return "open", 1
    if ch == CLOSE_CURLY:
        # a typo'd opening mark: ” at the start of a paragraph
        j = i - 1
        while j >= 0 and text[j] in " \t\u00a0":
            j -= 1
        return ("open" if j < 0 or text[j] == "\n" else "close"), 1
    if ch == STRAIGHT:
        return "straight", 1
    if text.startswith(TWO_APOSTROPHES, i) and not text.startswith(TWO_APOSTROPHES + "'", i):
        return "straight", 2  # old newswire style: ''quoted''
    return "", 0


def find_quoted_regions(text: str) -> list[QuotedRegion]:
    regions: list[QuotedRegion] = []
    i, n = 0, len(text)
    while i < n:
        next_mark = MARK_START.search(text, i)
        if next_mark is None:
            break
        i = next_mark.start()
        kind, length = _mark_at(text, i)
        is_open = kind == "open" or (kind == "straight" and _opens_straight(text, i))
        if not is_open:
            i += max(1, length)
            continue
        curly = kind == "open"
        region = QuotedRegion(start=i, end=i)
        piece_start = i + length
        j = piece_start
        depth = 1  # nested curly double quotes are rare but allowed
        while True:
            next_stop = MARK_START_OR_NEWLINE.search(text, j) if j < n else None
            j = next_stop.start() if next_stop else n
            if j >= n or text[j] == "\n":
                # paragraph (or text) ends inside the quotation
                region.pieces.append((piece_start, j))
                nxt = _next_paragraph_start(text, j)
                if j < n and nxt < n and _mark_at(text, nxt)[0] in ("open", "straight"):
                    piece_start = nxt + _mark_at(text, nxt)[1]  # continued: skip the re-opening mark
                    j = piece_start
                    continue
                region.end = j
                region.closed = False
                break
            mark, mark_len = _mark_at(text, j)
            if mark == "close" or (mark == "straight" and not (curly and _opens_straight(text, j))):
                depth -= 1
                if depth == 0:
                    region.pieces.append((piece_start, j))
                    region.end = j + mark_len
                    break
            elif mark == "open" and curly:
                depth += 1
            j += max(1, mark_len)
        region.pieces = [(a, b) for a, b in region.pieces if b > a]
        region.text = " ".join(text[a:b].strip() for a, b in region.pieces).strip()
        if region.text:
            regions.append(region)
        i = max(region.end, i + 1)
    return regions


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quotation in ``text``, marks included: the one way newsgraph finds
    quotation marks (the quotes stage's regions, the events stage's "inside a quote" test)."""
    return [(r.start, r.end) for r in find_quoted_regions(text)]


class RegionIndex:
    """Which quoted region (if any) holds a character offset."""

    def __init__(self, regions: list[QuotedRegion]) -> None:
        self.regions = regions  # in text order, not overlapping
        self.starts = [r.start for r in regions]

    def at(self, offset: int) -> QuotedRegion | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and self.regions[i].start <= offset < self.regions[i].end:
            return self.regions[i]
        return None

    def overlapping(self, start: int, end: int) -> list[QuotedRegion]:
        return [r for r in self.regions if r.start < end and start < r.end]

"""Marking spans of an article's text for the pages, without ever building HTML from data.

A page highlights offsets (entity mentions, quotes, timexes, event triggers) by cutting the
text into :class:`Segment` pieces here, on the server; the template prints each piece's
``text`` through Jinja's autoescape inside a ``<span>`` or ``<a>`` whose classes and link
come from this module, never from the article. Overlapping marks are flattened: a piece
carries the kinds of every mark covering it, and the link and tooltip of the innermost one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote

# The kinds a mark may have (the CSS classes ``m-<kind>``); anything else is refused.
MARK_KINDS = ("entity", "quote", "timex", "trigger", "actor", "recipient", "date", "source", "event", "focus")


@dataclass(frozen=True)
class Mark:
    """One span to highlight: ``[start, end)`` of the text, its kind, a page link and a tooltip."""

    start: int
    end: int
    kind: str
    href: str | None = None
    title: str | None = None


@dataclass
class Segment:
    """A run of text under the same marks (none for plain text)."""

    text: str
    start: int
    kinds: list[str] = field(default_factory=list)
    href: str | None = None
    title: str | None = None
    anchor: str | None = None  # an element id, for the first piece of a "focus" mark

    @property
    def css(self) -> str:
        return " ".join(f"m-{kind}" for kind in self.kinds)


def page_link(kind: str, record_id: str, fragment: str | None = None) -> str:
    """A link to one of the workbench's own pages (``/entities/<id>``…), the id URL-quoted."""
    link = f"/{kind}/{quote(record_id, safe='')}"
    return f"{link}#{quote(fragment, safe='')}" if fragment else link


def segments(text: str, marks: Iterable[Mark], start: int = 0, end: int | None = None) -> list[Segment]:
    """The text between ``start`` and ``end`` cut at every mark boundary inside it."""
    end = len(text) if end is None else min(end, len(text))
    kept = [m for m in marks if m.kind in MARK_KINDS and m.start < m.end and m.end > start and m.start < end]
    cuts = sorted({start, end, *(max(start, m.start) for m in kept), *(min(end, m.end) for m in kept)})
    pieces: list[Segment] = []
    focused = False
    for left, right in zip(cuts, cuts[1:], strict=False):
        covering = sorted((m for m in kept if m.start <= left and m.end >= right), key=lambda m: m.end - m.start)
        piece = Segment(text[left:right], left, kinds=sorted({m.kind for m in covering}))
        linked = next((m for m in covering if m.href), None)
        piece.href = linked.href if linked else None
        piece.title = next((m.title for m in covering if m.title), None)
        if "focus" in piece.kinds and not focused:
            piece.anchor, focused = "focus", True
        pieces.append(piece)
    return pieces


def paragraphs(pieces: list[Segment]) -> list[list[Segment]]:
    """The pieces split into paragraphs at newlines (newline characters dropped)."""
    out: list[list[Segment]] = [[]]
    for piece in pieces:
        lines = piece.text.split("\n")
        for i, line in enumerate(lines):
            if i:
                out.append([])
            if line:
                out[-1].append(Segment(line, piece.start, piece.kinds, piece.href, piece.title,
                                       piece.anchor if i == 0 else None))
    return [p for p in out if p]


SAFE_SCHEMES = ("http://", "https://")


def external_link(url: str | None) -> str | None:
    """``url`` when it is plain http(s), else None: a ``javascript:`` or ``data:`` URL is never a link."""
    if not url:
        return None
    cleaned = url.strip()
    if any(ch in cleaned for ch in "\x00\r\n\t") or not cleaned.lower().startswith(SAFE_SCHEMES):
        return None
    return cleaned

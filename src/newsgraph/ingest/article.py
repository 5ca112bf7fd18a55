"""From the body of an article (plain text, or what HTML/JSON gave) to a :class:`Document`.

Steps, in order (each one a small function below):

1. ``split_paragraphs``: one paragraph per line, or per blank-line block with hard-wrapped lines
   joined back; whitespace normalised.
2. ``read_header``: the lines before the story: publisher-and-date lines
   ("- The Washington Times - Monday, September 11, 2023"), "Published …" lines, a bare date, the
   byline ("By Andrew Salmon"), the headline (a short first line), boilerplate.
3. ``drop_furniture``: boilerplate anywhere (see :mod:`.boilerplate`); contact lines give authors
   and an e-mail domain, copyright lines give the publisher, a closing "By …" line gives authors.
4. ``find_dateline``: "SEOUL, South Korea —", "MOSCOW (Reuters) -", "WASHINGTON —" at the start
   of the first paragraph; it stays in the text and its offsets are recorded.
5. ``find_headings``: short lines without final punctuation between paragraphs.
6. Paragraphs are joined by a blank line; metadata is merged (explicit metadata first, then what
   the text says, e-mail domain last).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Dateline, Document, Heading, Source, text_hash
from .boilerplate import boilerplate_rule
from .dates import find_date, is_date_only
from .publishers import publisher_from_domain


@dataclass
class Metadata:
    """What the container (file, JSON record, HTML page) says about the article."""

    path: str | None = None
    url: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    publisher: str | None = None
    doc_id: str | None = None
    # Headlines that may open the body and are dropped there (e.g. the page's own <h1>).
    other_titles: list[str] = field(default_factory=list)


@dataclass
class _Found:
    """What the text itself says (filled while reading)."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    header_publisher: str | None = None
    copyright_publisher: str | None = None
    byline_publisher: str | None = None
    email_domains: list[str] = field(default_factory=list)
    updated: str | None = None  # an "Updated …" date: used only when nothing says "published"
    url: str | None = None
    reporters: list[str] = field(default_factory=list)  # wire credits "(Reporting by …)"


# --- 1. paragraphs -------------------------------------------------------------

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def _clean_line(line: str) -> str:
    return _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()


def split_paragraphs(body: str, unwrap: bool = True) -> list[str]:
    """Paragraphs of ``body``.  Lines are paragraphs, except that hard-wrapped text (most lines
    ending near one column width, at most 100) is joined back: a line that reaches the margin
    continues in the next line of the same blank-line-separated block."""
    body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    blocks = [[_clean_line(x) for x in block.split("\n")] for block in re.split(r"\n[ \t]*\n", body)]
    blocks = [[x for x in block if x] for block in blocks]
    lines = [x for block in blocks for x in block]
    if not lines:
        return []
    width = _wrap_width(lines) if unwrap else None
    paragraphs: list[str] = []
    for block in blocks:
        current = ""
        for line in block:
            current = f"{current} {line}" if current else line
            if width is None or len(line) < 0.6 * width:
                paragraphs.append(current)
                current = ""
        if current:
            paragraphs.append(current)
    return paragraphs


def _wrap_width(lines: list[str]) -> int | None:
    """The column width of hard-wrapped text, or None when lines are not wrapped."""
    if len(lines) < 5:
        return None
    lengths = sorted(len(x) for x in lines)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not 40 <= width <= 100:
        return None
    near_margin = sum(1 for n in lengths if n >= 0.75 * width)
    return width if near_margin >= 0.5 * len(lengths) else None


# --- 2. the header ---------------------------------------------------------------

_NAME_WORD = r"(?:[A-Z][\w'’.\-]*|[A-Z]\.|(?:de|da|del|der|van|von|bin|al|el|la|le|du|dos|ter)\b)"
_NAME = rf"(?:{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}})"
BYLINE_RE = re.compile(r"^(?:by|written by|words by)[:\s]+(?P<names>.+)$", re.IGNORECASE)
CONTACT_RE = re.compile(
    rf"^[•·*\-–—\s]*(?P<name>{_NAME})\s+(?:can|may)\s+be\s+(?:reached|contacted|e-?mailed)\b(?P<rest>.*)$")
EMAIL_RE = re.compile(r"[\w.+-]+@(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
PUBLISHED_RE = re.compile(
    r"^(?:first\s+)?(?:published|posted|updated|last\s+updated|dated?)\b\s*(?:on|at)?\s*:?\s*(?P<rest>.+)$",
    re.IGNORECASE)
COPYRIGHT_RE = re.compile(
    r"(?:copyright|©|\(c\))\s*(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*(?:by\s+)?"
    r"(?P<name>[^.,;|©]+?)\s*(?:,?\s*(?:LLC|L\.L\.C|Inc|Ltd|Limited|Co|Corp|Corporation|GmbH|PLC|Group|AG|SA)\b\.?)?"
    r"\s*(?:[.,;|]|\ball rights\b|$)",
    re.IGNORECASE)
_ORG_AFTER_BYLINE = re.compile(
    r"^(?:the\s+\w.*|reuters|associated press|ap|afp|agence france-presse|bloomberg|yonhap.*|tass|kyodo.*)$",
    re.IGNORECASE)
_SEPARATORS = re.compile(r"\s+[-–—|•·]\s+|^\s*[-–—|•·]\s+|\s+[-–—|•·]\s*$")
_ROLE_WORDS = re.compile(r"\b(?:staff|writer|reporter|correspondent|editor|columnist|contributor|"
                         r"bureau|chief|senior|special|to the|for the|press|news|agency|times|post)\b",
                         re.IGNORECASE)


def parse_names(text: str) -> list[str]:
    """Person names from a byline: "Andrew Salmon and Jane Doe", "ANDREW SALMON, The Washington Times"."""
    text = re.sub(r"\s*[|(/].*$", "", text).strip(" .")
    caps = re.match(r"^((?:[A-Z][A-Z'’.\-]+\s+){1,3}[A-Z][A-Z'’\-]+)\s+(?=[A-Z][a-z])", text)
    if caps:  # "JANE DOE Associated Press": the name in capitals, then the outlet
        text = caps.group(1)
    parts = re.split(r"\s*(?:,|;|\band\b|&)\s*", text)
    names = []
    for part in parts:
        part = part.strip(" .")
        if not part:
            continue
        if part.isupper():
            part = _title_case(part)
        if re.fullmatch(_NAME, part) and len(part) <= 60 and len(part.split()) >= 2 \
                and not _ROLE_WORDS.search(part) and not part.lower().startswith("the "):
            names.append(part)
        elif names:
            break  # what follows the names is an affiliation or a role
    return names


_JOB_WORDS = re.compile(r"\b(?:staff|writer|reporter|correspondent|editor|columnist|contributor|bureau|chief)\b",
                        re.IGNORECASE)


def _byline_publisher(text: str) -> str | None:
    """The outlet named after the names in a byline ("By Jane Doe, The Coastal Herald")."""
    for part in re.split(r"\s*[,|]\s*", text)[1:]:
        part = part.strip(" .")
        if _ORG_AFTER_BYLINE.match(part) and _looks_like_outlet(part) and not _JOB_WORDS.search(part):
            return part
    return None


@dataclass
class _HeaderLine:
    date: str | None = None
    updated: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    byline_outlet: str | None = None


_TIME_ONLY = re.compile(r"(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5})?\.?$",
                        re.IGNORECASE)


def _header_line(paragraph: str) -> _HeaderLine | None:
    """Read a header line made of segments joined by dashes or bars: dates ("Monday, September
    11, 2023", "Published …", "Updated …"), a byline ("By …") and at most one outlet name, as in
    "- The Washington Times - Monday, September 11, 2023" or "By Jane Doe | Reuters".  None when
    some segment is something else, or when there is neither a date nor a byline."""
    if len(paragraph) > 200:
        return None
    line = _HeaderLine()
    outlets = []
    next_is_update = False
    for seg in (x.strip(" ,") for x in _SEPARATORS.split(f" {paragraph} ")):
        if not seg:
            continue
        published = PUBLISHED_RE.match(seg)
        dated = find_date(published.group("rest")) if published else None
        byline = BYLINE_RE.match(seg)
        if published and not dated and _TIME_ONLY.match(published.group("rest")):
            # "Published 9:15 AM EDT | Sept. 11, 2023": the date is the next segment.
            next_is_update = bool(re.match(r"(?:last\s+)?updated", seg, re.IGNORECASE))
            continue
        if dated:
            if re.match(r"(?:last\s+)?updated", seg, re.IGNORECASE):
                line.updated = line.updated or dated[0]
            else:
                line.date = line.date or dated[0]
        elif is_date_only(seg):
            if next_is_update:
                line.updated = line.updated or is_date_only(seg)
            else:
                line.date = line.date or is_date_only(seg)
        elif byline and parse_names(byline.group("names")):
            line.authors += parse_names(byline.group("names"))
            line.byline_outlet = line.byline_outlet or _byline_publisher(byline.group("names"))
        elif _TIME_ONLY.match(seg):
            continue
        elif _looks_like_outlet(seg):
            outlets.append(seg)
        else:
            dated = find_date(seg)  # "The Washington Times, Monday, September 11, 2023"
            if not dated:
                return None
            before, after = seg[:dated[1]].strip(" ,"), seg[dated[2]:].strip(" ,")
            if (after and not _TIME_ONLY.match(after)) or (before and not _looks_like_outlet(before)):
                return None
            line.date = line.date or dated[0]
            outlets += [before] if before else []
    if not (line.date or line.updated or line.authors) or len(outlets) > 1:
        return None
    line.outlet = outlets[0] if outlets else None
    return line


def _looks_like_outlet(text: str) -> bool:
    words = text.split()
    if PUBLISHED_RE.match(text) or re.search(r"\d[:.]\d", text):
        return False
    return 1 <= len(words) <= 6 and all(w[0].isupper() or w[0].isdigit() or w.lower() in {"of", "and", "the", "&"}
                                        for w in words) and not text.endswith(".")


def _is_title(paragraph: str, following: list[str]) -> bool:
    words = paragraph.split()
    return (bool(following) and 1 <= len(words) <= 30 and len(paragraph) <= 200
            and not paragraph.endswith((".", ",", ";", ":")) and find_dateline(paragraph) is None)


def _same_text(a: str, b: str) -> bool:
    norm = lambda s: re.sub(r"\W+", " ", s).strip().casefold()  # noqa: E731
    return norm(a) == norm(b)


def read_header(paragraphs: list[str], found: _Found, meta: Metadata, find_title: bool) -> list[str]:
    """Consume the lines before the story; return the remaining paragraphs."""
    i = 0
    while i < len(paragraphs) and i < 12:
        para = paragraphs[i]
        if len(para) > 300:
            break
        header = _header_line(para)
        if header:
            found.published = found.published or header.date
            found.updated = found.updated or header.updated
            found.authors += [a for a in header.authors if a not in found.authors]
            found.header_publisher = found.header_publisher or header.outlet
            found.byline_publisher = found.byline_publisher or header.byline_outlet
        elif link := re.fullmatch(r"(?:(?:source|url|link)\s*:\s*)?(?P<url>https?://\S+)", para, re.IGNORECASE):
            found.url = found.url or link.group("url")
        elif boilerplate_rule(para):
            _note_furniture(para, found)
        elif any(t and _same_text(para, t) for t in [meta.title, *meta.other_titles]):
            pass  # the headline repeated at the top of the body
        elif find_title and not meta.title and not found.title and _is_title(para, paragraphs[i + 1:]):
            found.title = para
        else:
            break
        i += 1
    return paragraphs[i:]


# --- 3. furniture anywhere ----------------------------------------------------------

def _note_furniture(para: str, found: _Found) -> None:
    """Keep what a boilerplate paragraph tells about the article before it is dropped."""
    contact = CONTACT_RE.match(para)
    if contact:
        names = parse_names(contact.group("name"))
        found.authors += [n for n in names if n not in found.authors]
    credit = re.match(r"^\(?(?:reporting|writing) by\s+(?P<names>[^;)]+)", para.strip(), re.IGNORECASE)
    if credit:
        found.reporters += parse_names(credit.group("names"))
    for m in EMAIL_RE.finditer(para):
        found.email_domains.append(m.group("domain"))
    if re.match(r"^\s*(?:copyright|©|\(c\))", para, re.IGNORECASE) or re.search(r"all rights reserved", para, re.I):
        notice = COPYRIGHT_RE.search(para)
        if notice and _looks_like_outlet(notice.group("name").strip()):
            found.copyright_publisher = found.copyright_publisher or notice.group("name").strip()


def drop_furniture(paragraphs: list[str], found: _Found) -> list[str]:
    kept = []
    for i, para in enumerate(paragraphs):
        if boilerplate_rule(para):
            _note_furniture(para, found)
            continue
        byline = BYLINE_RE.match(para)
        if byline and len(para) <= 80 and i >= len(paragraphs) - 3 and parse_names(byline.group("names")):
            found.authors += [n for n in parse_names(byline.group("names")) if n not in found.authors]
            continue
        kept.append(para)
    return kept


# --- 4. the dateline -----------------------------------------------------------------

_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
_CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]"
_REGION = rf"(?:,\s+(?!{_MONTH_ABBR}\s+\d)[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|of|and|de))*)"
_DATE_PART = rf"(?:,?\s+{_MONTH_ABBR}\s+\d{{1,2}}(?:,\s+\d{{4}})?)"
_AGENCY = r"(?:\s*\((?P<agency>[A-Z][\w .&/'-]{0,30})\))"
_DASH = r"\s*(?:—|–|--|-|:)\s+"
DATELINE_CAPS = re.compile(
    rf"^(?P<text>(?P<place>{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}})(?:{_REGION}){{0,2}}){_DATE_PART}?{_AGENCY}?{_DASH}")
DATELINE_AGENCY = re.compile(
    rf"^(?P<text>(?P<place>[A-Z][a-z'’\-]+(?:\s+[A-Z][a-z'’\-]+){{0,2}})(?:{_REGION}){{0,2}}){_DATE_PART}?{_AGENCY}{_DASH}")
_SMALL_WORDS = {"of", "de", "du", "des", "la", "le", "el", "al", "au", "aux", "da", "do", "dos", "es",
                "on", "upon", "the"}


def _title_case(text: str) -> str:
    out = []
    for i, word in enumerate(re.split(r"(\s+|-)", text)):
        low = word.lower()
        if i > 0 and low in _SMALL_WORDS:
            out.append(low)
        elif word.strip() and word not in "-":
            out.append(low[:1].upper() + low[1:])
        else:
            out.append(word)
    return "".join(out)


def find_dateline(paragraph: str) -> tuple[str, str, int, int] | None:
    """(text, place, start, end) of the dateline opening ``paragraph``, or None."""
    m = DATELINE_CAPS.match(paragraph) or DATELINE_AGENCY.match(paragraph)
    if not m or len(m.group(0)) > 80:
        return None
    place = m.group("place")
    if len(re.sub(r"[^A-Za-z]", "", place)) < 2 or paragraph[m.end():m.end() + 1].islower():
        return None
    if place.isupper():
        place = _title_case(place)
    return m.group("text"), place, m.start("text"), m.end("text")


# --- 5. headings ------------------------------------------------------------------------

def _is_heading(para: str) -> bool:
    words = para.split()
    return (1 <= len(words) <= 10 and len(para) <= 80 and (para[0].isupper() or para[0].isdigit())
            and not re.search(r"[.!,;:…\"“”'’)]$", para) and not re.search(r"[\"“”]", para)
            and any(c.isalpha() for c in para))


def _is_body(para: str) -> bool:
    return len(para.split()) >= 12 or bool(re.search(r"[.!?\"”’)]$", para))


# --- 6. the document ---------------------------------------------------------------------

def build_document(body: str, meta: Metadata, *, find_title: bool = True, unwrap: bool = True,
                   published: str | None = None, doc_id: str | None = None) -> Document:
    """A Document from the raw article body and its container's metadata.

    ``published`` and ``doc_id`` are the caller's overrides (``--published``, ``--id``).
    """
    found = _Found()
    paragraphs = split_paragraphs(body, unwrap=unwrap)
    paragraphs = read_header(paragraphs, found, meta, find_title)
    paragraphs = drop_furniture(paragraphs, found)

    text = "\n\n".join(paragraphs)
    dateline = None
    if paragraphs:
        hit = find_dateline(paragraphs[0])
        if hit:
            dateline = Dateline(text=hit[0], place=hit[1], start=hit[2], end=hit[3])
    headings = []
    offset = 0
    for i, para in enumerate(paragraphs):
        if 0 < i < len(paragraphs) - 1 and _is_heading(para) and _is_body(paragraphs[i - 1]) \
                and _is_body(paragraphs[i + 1]):
            headings.append(Heading(start=offset, end=offset + len(para), text=para))
        offset += len(para) + 2

    authors: list[str] = []
    for name in meta.authors + (found.authors or found.reporters):
        if name and name.casefold() not in {a.casefold() for a in authors}:
            authors.append(name)
    publisher = (meta.publisher or found.header_publisher or found.copyright_publisher
                 or found.byline_publisher or _first(publisher_from_domain(d) for d in found.email_domains)
                 or _first(publisher_from_domain(u) for u in (meta.url, found.url) if u))
    return Document(
        doc_id=doc_id or meta.doc_id or text_hash(text),
        source=Source(path=meta.path, url=meta.url or found.url, publisher=publisher),
        title=meta.title or found.title,
        authors=authors,
        published=published or meta.published or found.published or found.updated,
        dateline=dateline,
        text=text,
        headings=headings,
    )


def _first(values) -> str | None:
    for value in values:
        if value:
            return value
    return None

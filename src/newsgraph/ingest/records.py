"""JSON and JSON Lines records: one object, a list of objects, an object holding such a list
("articles", "documents", "items"...), or one object per line.

Field names tried, first present wins:

==========  =========================================================
text        text, body, content, articleBody, article, maintext, story
title       title, headline, name
date        date, published, publish_date, published_at, pubDate, datePublished, date_publish, created_at
url         url, link, uri, canonical_url
authors     author, authors, byline, creator (string, list of strings, or objects with "name")
publisher   publisher, source, site, sitename, site_name, outlet (string or object with "name")
id          id, doc_id, _id, uuid, guid
==========  =========================================================
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from .article import BYLINE_RE, Metadata, parse_names
from .dates import normalise_date

TEXT_FIELDS = ("text", "body", "content", "articleBody", "article", "maintext", "story")
TITLE_FIELDS = ("title", "headline", "name")
DATE_FIELDS = ("date", "published", "publish_date", "published_at", "pubDate", "datePublished",
               "date_publish", "created_at")
URL_FIELDS = ("url", "link", "uri", "canonical_url")
AUTHOR_FIELDS = ("author", "authors", "byline", "creator")
PUBLISHER_FIELDS = ("publisher", "source", "site", "sitename", "site_name", "outlet")
ID_FIELDS = ("id", "doc_id", "_id", "uuid", "guid")
LIST_FIELDS = ("articles", "documents", "docs", "items", "records", "data", "results")


class RecordError(ValueError):
    """A record that cannot become a document; ``where`` says which ("record 3", "line 7")."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")


def _first(record: dict, names: tuple[str, ...]) -> Any:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in names:
        value = lowered.get(name.lower())
        if value not in (None, "", []):
            return value
    return None


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name") or value.get("title")
    if isinstance(value, str) and value.strip():
        return re.sub(r"\s+", " ", value).strip()
    return None


def _authors(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = _name(item)
        if not name:
            continue
        byline = BYLINE_RE.match(name)
        parsed = parse_names(byline.group("names") if byline else name)
        names += parsed or [name]
    return names


def split_records(data: Any) -> list[Any]:
    """The list of article records held by a parsed JSON document."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and _first(data, TEXT_FIELDS) is None:
        for key in LIST_FIELDS:
            if isinstance(data.get(key), list):
                return data[key]
    return [data]


def record_article(record: Any, where: str, path: str | None) -> tuple[str, Metadata]:
    """(text, metadata) of one record; raises RecordError when it has no usable text."""
    if not isinstance(record, dict):
        raise RecordError(where, f"expected a JSON object, got {type(record).__name__}")
    text = _first(record, TEXT_FIELDS)
    if isinstance(text, list):
        text = "\n".join(str(x) for x in text if isinstance(x, str))
    if not isinstance(text, str) or not text.strip():
        raise RecordError(where, "record has no text (expected one of: " + ", ".join(TEXT_FIELDS[:3]) + ")")
    record_id = _first(record, ID_FIELDS)
    meta = Metadata(
        path=path,
        url=_name(_first(record, URL_FIELDS)),
        title=_name(_first(record, TITLE_FIELDS)),
        authors=_authors(_first(record, AUTHOR_FIELDS)),
        published=normalise_date(_first(record, DATE_FIELDS)),
        publisher=_name(_first(record, PUBLISHER_FIELDS)),
        doc_id=str(record_id) if isinstance(record_id, (str, int)) and not isinstance(record_id, bool) else None,
    )
    return text, meta


def iter_json(text: str) -> list[tuple[str, Any]]:
    """(where, record) pairs of a JSON document; raises ValueError when it is not valid JSON."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and text.lstrip().startswith("{"):
            return list(iter_jsonl(text))  # JSON Lines saved as .json
        raise ValueError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    records = split_records(data)
    if not records:
        raise ValueError("no records in the JSON file")
    if len(records) == 1:
        return [("record", records[0])]
    return [(f"record {i}", r) for i, r in enumerate(records, 1)]


def iter_jsonl(text: str) -> Iterator[tuple[str, Any]]:
    """(where, record or RecordError) for each non-blank line of a JSON Lines document."""
    return parse_jsonl_lines(enumerate(text.splitlines(), 1))


def parse_jsonl_lines(lines: Iterable[tuple[int, Any]]) -> Iterator[tuple[str, Any]]:
    """(where, record or RecordError) for (line number, text) pairs; a pair may carry an
    exception instead of text (a line that could not be read), which becomes a RecordError."""
    for lineno, line in lines:
        if isinstance(line, Exception):
            yield f"line {lineno}", RecordError(f"line {lineno}", str(line))
            continue
        if not line.strip():
            continue
        try:
            yield f"line {lineno}", json.loads(line)
        except json.JSONDecodeError as exc:
            yield f"line {lineno}", RecordError(f"line {lineno}", f"invalid JSON at column {exc.colno}: {exc.msg}")

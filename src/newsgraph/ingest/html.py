"""HTML pages: main text and metadata through trafilatura (dates through htmldate, which
trafilatura calls), then the same cleaning as plain text."""

from __future__ import annotations

import re

from ..model import Document
from .article import Metadata, build_document, parse_names
from .dates import normalise_date

# Fewer words than this is navigation or an error page, not an article.
MIN_ARTICLE_WORDS = 8


class NoArticleText(ValueError):
    pass


def extract_html(html: str, meta: Metadata, published: str | None = None,
                 doc_id: str | None = None) -> Document:
    import trafilatura  # imported lazily: only HTML inputs need it

    result = trafilatura.bare_extraction(
        html, url=meta.url, with_metadata=True, include_comments=False, include_tables=True,
    )
    body = (getattr(result, "text", None) or "") if result is not None else ""
    words = len(body.split())
    if words < MIN_ARTICLE_WORDS:
        raise NoArticleText("no article text found in the HTML" + (f" (only {words} words)" if words else ""))
    page_title = _clean(getattr(result, "title", None))
    if page_title:
        meta.other_titles.append(page_title)
    meta.title = meta.title or page_title
    author = getattr(result, "author", None)
    if not meta.authors and author:
        meta.authors = _authors(author)
    meta.published = meta.published or normalise_date(getattr(result, "date", None))
    meta.publisher = meta.publisher or _clean(getattr(result, "sitename", None))
    meta.url = meta.url or _clean(getattr(result, "url", None))
    return build_document(body, meta, find_title=False, unwrap=False, published=published, doc_id=doc_id)


def _clean(value: str | None) -> str | None:
    value = re.sub(r"\s+", " ", value or "").strip()
    return value or None


def _authors(value: str) -> list[str]:
    names = []
    for part in re.split(r"\s*;\s*", value):
        part = re.sub(r"^by\s+", "", part.strip(), flags=re.IGNORECASE)
        names += parse_names(part) or ([part] if 1 <= len(part.split()) <= 5 else [])
    return names

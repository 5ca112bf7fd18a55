"""Ingestion: turn input files (or stdin) into :class:`~newsgraph.model.Document` objects.

``read_inputs`` walks paths (files, folders, ``-`` for stdin) and yields a ``Document`` for
every article it could read and an ``IngestError`` (file and one-line reason) for every one it
could not, so a batch always goes on.  Modules:

* :mod:`.reading`: finding files, size limits, gzip, decoding, sniffing the kind of content;
* :mod:`.html`: HTML through trafilatura; :mod:`.records`: JSON and JSON Lines records;
* :mod:`.article`: the article reader shared by all forms (header lines, byline, title,
  dateline, headings, boilerplate removal, metadata merge);
* :mod:`.boilerplate`, :mod:`.dates`, :mod:`.publishers`: the rules it uses.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..config import Settings
from ..model import Document
from .article import Metadata, build_document
from .html import NoArticleText, extract_html
from .reading import (
    SNIFF,
    InputProblem,
    decode,
    gunzip,
    input_kind,
    jsonl_lines,
    read_bytes,
    size_text,
    sniff,
    walk_folder,
)
from .records import RecordError, iter_json, iter_jsonl, parse_jsonl_lines, record_article

__all__ = ["IngestError", "read_inputs", "read_one", "read_text", "document_from_text", "expand_inputs"]

STDIN_NAME = "<stdin>"


@dataclass
class IngestError:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


Item = Document | IngestError


def document_from_text(raw: str, path: str | None = None, doc_id: str | None = None,
                       published: str | None = None) -> Document:
    """A Document from the text of a plain-text article (header, byline, dateline... read)."""
    return build_document(raw, Metadata(path=path), published=published, doc_id=doc_id)


def expand_inputs(paths: Iterable[str]) -> Iterator[str | IngestError]:
    """Each input to read: named files, files found in folders, "-"; errors for missing paths."""
    for name in paths:
        if name == "-":
            yield name
            continue
        if os.path.isdir(name):
            for found in walk_folder(name):
                yield IngestError(*found) if isinstance(found, tuple) else found
        elif os.path.lexists(name):  # a broken link is read, to say so
            yield name
        else:
            yield IngestError(name, "no such file or folder")


def read_inputs(
    paths: Iterable[str],
    settings: Settings | None = None,
    published: str | None = None,
    doc_id: str | None = None,
) -> Iterator[Item]:
    """Documents (and errors) for every input; ``published``/``doc_id`` override the inputs'."""
    settings = settings or Settings()
    for entry in expand_inputs(paths):
        if isinstance(entry, IngestError):
            yield entry
            continue
        yield from read_one(entry, settings, published=published, doc_id=doc_id)


def read_one(name: str, settings: Settings, published: str | None = None,
             doc_id: str | None = None) -> Iterator[Item]:
    """Documents (and errors) from one file, or from standard input when ``name`` is "-"."""
    label = STDIN_NAME if name == "-" else name
    try:
        if name == "-":
            data = sys.stdin.buffer.read(settings.max_input_bytes + 1)
            if len(data) > settings.max_input_bytes:
                raise InputProblem(f"input too large (> limit {size_text(settings.max_input_bytes)})")
            if data[:2] == b"\x1f\x8b":
                data = gunzip(data, settings.max_input_bytes)
            kind = SNIFF
        else:
            extension_kind = input_kind(name)
            if extension_kind is None:
                raise InputProblem(f"unsupported file type '{os.path.splitext(name)[1]}' "
                                   "(expected .txt, .html, .htm, .json, .jsonl, optionally .gz)")
            kind = extension_kind
            if kind == "jsonl":
                records = parse_jsonl_lines(jsonl_lines(name, settings.max_input_bytes))
                yield from _with_ids(_read_records(records, name, name, published), name, doc_id)
                return
            data = read_bytes(name, settings.max_input_bytes)
        text = decode(data)
        if not text.strip():
            raise InputProblem("empty file")
    except InputProblem as exc:
        yield IngestError(label, str(exc))
        return
    if kind == SNIFF or (kind == "text" and sniff(text) == "html"):
        kind = sniff(text)  # no extension, or a web page saved as .txt
    path = None if name == "-" else name
    yield from _with_ids(read_text(text, kind, path, published=published), label, doc_id)


def _with_ids(items: Iterable[Item], label: str, doc_id: str | None) -> Iterator[Item]:
    """Apply the caller's ``--id`` (suffixed -2, -3… when one input holds several records)."""
    count = 0
    for item in items:
        if isinstance(item, IngestError):
            item.path = item.path or label
        elif doc_id:
            count += 1
            item.doc_id = doc_id if count == 1 else f"{doc_id}-{count}"
        yield item


def read_text(text: str, kind: str, path: str | None = None,
              published: str | None = None) -> Iterator[Item]:
    """Documents from decoded ``text`` of the given kind ("text", "html", "json", "jsonl")."""
    label = path or STDIN_NAME
    if kind == "html":
        try:
            yield extract_html(text, Metadata(path=path), published=published)
        except NoArticleText as exc:
            yield IngestError(label, str(exc))
        return
    if kind == "text":
        doc = build_document(text, Metadata(path=path), published=published)
        yield doc if doc.text else IngestError(label, "no article text left after removing boilerplate")
        return
    records: Iterable[tuple[str, Any]]
    if kind == "json":
        try:
            records = iter_json(text)
        except ValueError as exc:
            yield IngestError(label, str(exc))
            return
    else:
        records = iter_jsonl(text)
    yield from _read_records(records, label, path, published)


def _read_records(records: Iterable[tuple[str, Any]], label: str, path: str | None,
                  published: str | None) -> Iterator[Item]:
    any_record = False
    for where, record in records:
        any_record = True
        if isinstance(record, RecordError):
            yield IngestError(label, str(record))
            continue
        try:
            body, meta = record_article(record, where, path)
        except RecordError as exc:
            yield IngestError(label, str(exc))
            continue
        yield _record_document(body, meta, label, where, published)
    if not any_record:
        yield IngestError(label, "no records in the file")


def _record_document(body: str, meta: Metadata, label: str, where: str, published: str | None) -> Item:
    if sniff(body) == "html" and "</" in body:
        try:
            return extract_html(body, meta, published=published, doc_id=meta.doc_id)
        except NoArticleText:
            return IngestError(label, f"{where}: no article text found in the record's HTML")
    doc = build_document(body, meta, find_title=meta.title is None, published=published)
    return doc if doc.text else IngestError(label, f"{where}: no article text left after removing boilerplate")

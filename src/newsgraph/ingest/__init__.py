"""Ingestion: turn input files (or stdin) into :class:`~newsgraph.model.Document` objects.

``read_inputs`` walks paths (files, folders, ``-`` for stdin) and yields a
``Document`` for every article it could read and an ``IngestError`` (file and
one-line reason) for every one it could not, so a batch always goes on.

Minimal first version (plain text only); issue 2 extends it to HTML, JSON,
JSON Lines, metadata, datelines and boilerplate removal.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from ..config import Settings
from ..model import Document, Source, text_hash


@dataclass
class IngestError:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def document_from_text(raw: str, path: Optional[str] = None, doc_id: Optional[str] = None) -> Document:
    paragraphs = [p.strip() for p in raw.splitlines() if p.strip()]
    text = "\n\n".join(paragraphs)
    return Document(doc_id=doc_id or text_hash(text), text=text, source=Source(path=path))


def read_inputs(
    paths: Iterable[str],
    settings: Optional[Settings] = None,
    published: Optional[str] = None,
    doc_id: Optional[str] = None,
) -> Iterator[Union[Document, IngestError]]:
    settings = settings or Settings()
    for name in paths:
        try:
            raw = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            yield IngestError(name, str(exc))
            continue
        doc = document_from_text(raw, path=None if name == "-" else name, doc_id=doc_id)
        if published:
            doc.published = published
        yield doc

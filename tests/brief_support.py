"""Helpers for the briefing and alert tests: original articles ingested with a date."""

from __future__ import annotations

from pathlib import Path

from newsgraph import corpus
from newsgraph.store import Store


def ingest_text(store: Store, folder: Path, name: str, text: str, published: str, pipeline) -> corpus.IngestReport:
    path = folder / f"{name}.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return corpus.ingest([str(path)], store, pipeline=pipeline, published=published)

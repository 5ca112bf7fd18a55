"""Fixtures for the entity-stage tests: one analysis+entities pipeline per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEEDS, seed_path
from newsgraph.model import Document, Entity

SEED_SUMMIT_PREVIEW = "003_061431118427cccf.txt"  # same files as tests/conftest.py
SEED_CHOE_VISIT = "000_5359406af5fe2df4.txt"


def seed_file(name: str) -> Path:
    """The seed article ``name`` (tests/conftest.py finds the folder); skip when absent."""
    return seed_path(SEEDS / name)


@pytest.fixture(scope="session")
def entity_pipeline():
    from newsgraph.config import Settings
    from newsgraph.pipeline import Pipeline

    return Pipeline(Settings(), ["analysis", "entities"])


@pytest.fixture(scope="session")
def run_text(entity_pipeline):
    """Process a text (with optional headings/dateline) through analysis + entities."""
    from newsgraph.model import Document

    def run(text: str, **fields):
        return entity_pipeline(Document(doc_id="t", text=text, **fields))

    return run


def by_name(doc: Document, name: str) -> Entity:
    found = [e for e in doc.entities if e.name == name]
    assert len(found) == 1, f"{name!r}: {len(found)} entities; have {[e.name for e in doc.entities]}"
    return found[0]


def persons(doc: Document) -> list[Entity]:
    return [e for e in doc.entities if e.type == "PERSON"]


def affiliation_names(doc: Document, ent: Entity) -> set[str]:
    return {doc.entity(a).name for a in ent.affiliations}


def relations_of(doc: Document, ent: Entity, predicate: str | None = None) -> list[tuple[str, str, bool]]:
    out = []
    for r in doc.relations:
        if r.subject == ent.id and (predicate is None or r.predicate == predicate):
            obj = doc.entity(r.object)
            out.append((r.predicate, obj.name if obj else r.object, r.former))
    return out


@pytest.fixture(scope="session")
def h():
    """Helper functions for assertions (test modules cannot import conftest)."""
    from types import SimpleNamespace

    return SimpleNamespace(by_name=by_name, persons=persons, affiliation_names=affiliation_names,
                           relations_of=relations_of, seed_file=seed_file,
                           SEED_SUMMIT_PREVIEW=SEED_SUMMIT_PREVIEW, SEED_CHOE_VISIT=SEED_CHOE_VISIT)

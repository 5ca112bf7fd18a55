"""A store holding both seed articles (ingested once per test session through the corpus API),
copies of it for tests that write, and test clients over the workbench app."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest import SEED_CHOE_VISIT, SEED_SUMMIT_PREVIEW, seed_path

TOKEN = "test-write-token"


@pytest.fixture(scope="session")
def seed_store_path(tmp_path_factory, pipeline) -> Path:
    from newsgraph.corpus import ingest
    from newsgraph.store import Store

    seeds = [str(seed_path(SEED_SUMMIT_PREVIEW)), str(seed_path(SEED_CHOE_VISIT))]
    path = tmp_path_factory.mktemp("web") / "seeds.sqlite"
    store = Store(path)
    report = ingest(seeds, store, pipeline=pipeline)
    assert report.count("added") == 2, report.summary()
    store.close()
    return path


def copy_store(source: Path, target: Path):
    """A writable copy of a SQLite store (through SQLite's backup, WAL included)."""
    from newsgraph.store import Store

    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return Store(target)


@pytest.fixture(scope="session")
def seed_store(seed_store_path):
    from newsgraph.store import Store

    store = Store(seed_store_path)
    yield store
    store.close()


@pytest.fixture(scope="session")
def client(seed_store):
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    return TestClient(create_app(seed_store, token=TOKEN))


@pytest.fixture
def writable(seed_store_path, tmp_path):
    """(store, client with the token) over a fresh copy of the seed store."""
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    store = copy_store(seed_store_path, tmp_path / "copy.sqlite")
    yield store, TestClient(create_app(store, token=TOKEN), headers={"Authorization": f"Bearer {TOKEN}"})
    store.close()

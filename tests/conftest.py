"""Shared test fixtures.

The seed articles live outside the repository (``../shared/seeds``, or the folder
named by $NEWSGRAPH_SEEDS); tests that read them skip cleanly when they are absent.
Test modules import the names below with ``from conftest import ...`` (``tests`` is
on the import path).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("NEWSGRAPH_SEEDS") or ROOT.parent / "shared" / "seeds")
SEED_SUMMIT_PREVIEW = SEEDS / "003_061431118427cccf.txt"  # Sept 2023: Kim travels to meet Putin
SEED_CHOE_VISIT = SEEDS / "000_5359406af5fe2df4.txt"  # Jan 2024: Choe Son-hui meets Putin


@pytest.fixture(scope="session")
def settings():
    from newsgraph.config import Settings

    return Settings()


@pytest.fixture(scope="session")
def pipeline(settings):
    from newsgraph.pipeline import Pipeline

    return Pipeline(settings)


def seed_path(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"seed article {path} is absent")
    return path
